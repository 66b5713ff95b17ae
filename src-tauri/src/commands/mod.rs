//! The commands the UI can call, one module per area. Their names are listed
//! once, in `list.rs`, from which the build script, the invoke handler and
//! the UI's list are made. Errors cross the IPC boundary as the core's
//! `{ code, message }`; each failure is logged (command, code and a hash of
//! the message, never the message itself: it may name a person or a file).

pub mod assessment_cycle;
pub mod caseload;
pub mod evidence;
pub mod exchange;
pub mod export;
pub mod iqa;
pub mod library;
pub mod open_export;
pub mod opening;
pub mod partnerships;
pub mod portfolio;

use crate::state::AppState;
use partnership_portfolio::{Error, Result};
use std::sync::Arc;

/// Runs core work on Tauri's blocking thread pool, off the main thread and
/// off the async workers, and logs it if it fails.
pub async fn blocking<T: Send + 'static, F>(state: &Arc<AppState>, work: F) -> Result<T>
where
    F: FnOnce(&AppState) -> Result<T> + Send + 'static,
{
    let state = state.clone();
    let result = tauri::async_runtime::spawn_blocking(move || work(&state))
        .await
        .map_err(|e| Error::internal(format!("The operation stopped unexpectedly: {e}")))
        .and_then(|r| r);
    if let Err(err) = &result {
        log_failure(command_of::<F>(), err);
    }
    result
}

/// The command a closure was written in, from its type's name
/// (`…::commands::evidence::list_evidence::{{closure}}…`); for the log only.
fn command_of<F>() -> &'static str {
    let name = std::any::type_name::<F>();
    let path = name.split("::{{closure}}").next().unwrap_or(name);
    path.rsplit("::").next().unwrap_or(path)
}

/// One log line for a failed command: no personal content.
fn log_failure(command: &str, err: &Error) {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(err.message.as_bytes());
    let message_hash: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    tracing::warn!(command, code = ?err.code, message_hash, "command failed");
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_closure_is_named_after_its_command() {
        fn list_evidence() -> &'static str {
            fn name_of<F>(_: &F) -> &'static str {
                super::command_of::<F>()
            }
            name_of(&|| ())
        }
        assert_eq!(list_evidence(), "list_evidence");
    }

    /// A command written in `commands/` but left out of the list could not
    /// be called; the list naming a function that does not exist does not
    /// compile.
    #[test]
    fn every_command_written_is_in_the_list() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands");
        let mut written = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let mut lines = text.lines().map(str::trim);
            while let Some(line) = lines.next() {
                if line == "#[tauri::command]" {
                    let signature = lines.next().unwrap_or_default();
                    let name = signature
                        .trim_start_matches("pub ")
                        .trim_start_matches("async ")
                        .trim_start_matches("fn ")
                        .split(['(', '<'])
                        .next()
                        .unwrap_or_default();
                    written.push(name.to_string());
                }
            }
        }
        written.sort();
        let mut listed: Vec<String> = crate::COMMANDS.iter().map(|c| c.to_string()).collect();
        listed.sort();
        assert_eq!(
            written, listed,
            "src/commands/ and src/commands/list.rs differ"
        );
    }
}
