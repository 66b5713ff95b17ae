//! The app's and the CLI's log: `tracing` events written to a file that
//! rolls over daily in the platform's usual log folder, so a learner can send
//! it to support.
//!
//! What is logged: opens, migrations, imports and exports with their
//! durations, and every internal or I/O error with its cause chain (where the
//! core converts errors, see [`crate::error`]). What is never logged: personal
//! content. No names, accounts, titles, notes or file names; a portfolio's
//! file is named by [`file_id`] (its library id, or a short hash of its path,
//! since paths hold learners' names).

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::EnvFilter;

/// The app's identifier, as Tauri knows it (`tauri.conf.json`).
pub const APP_ID: &str = "uk.org.partnership-portfolio";

/// Environment variable that overrides [`default_dir`] (tests use it so they
/// never write into the real home folder).
pub const DIR_ENV: &str = "PP_LOG_DIR";

/// How many daily files are kept: about a month.
pub const MAX_FILES: usize = 31;

/// Keeps the log writer running; logs are flushed when it is dropped, so the
/// program holds it until it ends.
pub struct LogGuard {
    _worker: tracing_appender::non_blocking::WorkerGuard,
}

/// The folder for log files: `$PP_LOG_DIR` if set, otherwise where Tauri's
/// `app_log_dir()` puts them: on Linux `$XDG_DATA_HOME` (or
/// `~/.local/share`)`/uk.org.partnership-portfolio/logs`, on macOS
/// `~/Library/Logs/uk.org.partnership-portfolio`, on Windows
/// `%LOCALAPPDATA%\uk.org.partnership-portfolio\logs`.
pub fn default_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    if cfg!(target_os = "macos") {
        if let Some(home) = dirs::home_dir() {
            return home.join("Library/Logs").join(APP_ID);
        }
    }
    dirs::data_local_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join(APP_ID)
        .join("logs")
}

/// Installs the process's logger: events at the level `RUST_LOG` asks for
/// (`info` when unset or unreadable) go to `<dir>/<program>.log.<YYYY-MM-DD>`,
/// a new file each day, the oldest removed beyond [`MAX_FILES`]. Fails if the
/// folder cannot be made or a logger is already installed; callers carry on
/// without logs then.
pub fn init(dir: &Path, program: &str) -> Result<LogGuard> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(format!("{program}.log"))
        .max_log_files(MAX_FILES)
        .build(dir)
        .map_err(|e| Error::internal(format!("The log file could not be started: {e}")))?;
    let (writer, worker) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .with_target(true)
        .finish();
    tracing::subscriber::set_global_default(subscriber)
        .map_err(|e| Error::internal(format!("A logger is already installed: {e}")))?;
    tracing::info!(
        program,
        version = env!("CARGO_PKG_VERSION"),
        "logging started"
    );
    Ok(LogGuard { _worker: worker })
}

/// How a portfolio file is named in the log: its library id when its name is
/// one (a UUID says nothing about anyone), otherwise the first 12 hex digits
/// of the SHA-256 of its path (stable within a machine, and no name in it).
pub fn file_id(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    match uuid::Uuid::try_parse(stem) {
        Ok(u) if u.hyphenated().to_string() == stem => stem.to_string(),
        _ => {
            use sha2::Digest;
            use std::os::unix::ffi::OsStrExt;
            let digest = sha2::Sha256::digest(path.as_os_str().as_bytes());
            let hex: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
            format!("path:{hex}")
        }
    }
}

/// An error and its causes, joined with ": ", for a log line.
pub(crate) fn cause_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let shown = cause.to_string();
        if !text.contains(&shown) {
            text.push_str(": ");
            text.push_str(&shown);
        }
        source = cause.source();
    }
    text
}

/// Milliseconds since `start`, for the durations in log lines.
pub(crate) fn millis(start: std::time::Instant) -> u64 {
    start.elapsed().as_millis() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_named_without_what_their_path_says() {
        let id = "0b7c1e8a-3c55-4f3e-9d0e-2a1f4e5b6c7d";
        assert_eq!(file_id(Path::new(&format!("/lib/{id}.portfolio"))), id);
        let named = file_id(Path::new("/home/siân/Siân Llŷr-Ŵyn.portfolio"));
        assert!(named.starts_with("path:") && named.len() == 17, "{named}");
        assert!(!named.contains("Siân"));
        assert_ne!(named, file_id(Path::new("/home/siân/other.portfolio")));
    }
}
