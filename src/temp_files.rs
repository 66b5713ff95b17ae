//! The hidden temporary files the app writes beside a destination before
//! renaming them into place (`.saving-*.tmp`, `.exporting-*.pdf`,
//! `.incoming-*.tmp`, `.new-*.portfolio`) and the private folders that
//! unlocked exchange files are decrypted into (`.unlocking-*`).
//!
//! A process that is killed while writing leaves its temporary file behind
//! (with SQLite's `-journal` beside it, for the ones SQLite writes). So every
//! temporary file is made here, and holds an advisory lock (`flock`) for as
//! long as its writer has it open; and before making one, [`sweep`] removes
//! the stale ones in that folder: only names of these patterns, only when no
//! one holds their lock, and only when they were last changed before this
//! process started or more than [`STALE_AFTER`] ago (so a file another
//! process has only just made, and not yet locked, is never taken).

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

/// An unlocked temporary file untouched for this long is stale whoever made it.
pub const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// The kinds of temporary file, each with its own name pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A copy being saved: an exchange file, a locked file, an attachment.
    Saving,
    /// A PDF being exported.
    Exporting,
    /// A file from someone else, copied in to be checked.
    Incoming,
    /// A new portfolio being made.
    New,
}

impl Kind {
    fn prefix(self) -> &'static str {
        match self {
            Kind::Saving => ".saving-",
            Kind::Exporting => ".exporting-",
            Kind::Incoming => ".incoming-",
            Kind::New => ".new-",
        }
    }
    /// The pause point reached once a file of this kind is made.
    fn point(self) -> &'static str {
        match self {
            Kind::Saving => "temp.saving",
            Kind::Exporting => "temp.exporting",
            Kind::Incoming => "temp.incoming",
            Kind::New => "temp.new",
        }
    }
    fn suffix(self) -> &'static str {
        match self {
            Kind::Saving | Kind::Incoming => ".tmp",
            Kind::Exporting => ".pdf",
            Kind::New => ".portfolio",
        }
    }
}

const UNLOCKING: &str = ".unlocking-";
const JOURNAL: &str = "-journal";

static STARTED: OnceLock<SystemTime> = OnceLock::new();

/// Records when this process started; the app and the command-line tool call
/// it first thing (otherwise the first sweep counts as the start).
pub fn note_process_start() {
    STARTED.get_or_init(SystemTime::now);
}

/// Makes a locked temporary file of `kind` in `dir`, after removing stale ones.
pub(crate) fn create(dir: &Path, kind: Kind) -> Result<tempfile::NamedTempFile> {
    sweep(dir);
    let temp = tempfile::Builder::new()
        .prefix(kind.prefix())
        .suffix(kind.suffix())
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, &e))?;
    // Held until the file is closed (for SQLite-written files, only after
    // SQLite has closed it: closing our descriptor while SQLite has the file
    // open would drop SQLite's own locks).
    lock(temp.as_file()).map_err(|e| Error::io(temp.path(), &e))?;
    crate::pause_points::reached(kind.point(), 1);
    Ok(temp)
}

/// Puts a finished temporary file in place: flushed to disk, renamed over
/// `dest` (in the same folder), and the folder's entry flushed too. Returns
/// the file's size.
pub(crate) fn put_in_place(temp: tempfile::NamedTempFile, dest: &Path) -> Result<u64> {
    let file = temp.as_file();
    file.sync_all().map_err(|e| Error::io(dest, &e))?;
    let size = file.metadata().map_err(|e| Error::io(dest, &e))?.len();
    let file = temp.persist(dest).map_err(|e| Error::io(dest, &e.error))?;
    drop(file);
    crate::storage::sync_dir(&crate::storage::folder_of(dest));
    Ok(size)
}

/// A private folder (owner-only) for decrypted copies, removed when dropped.
pub(crate) struct PrivateDir {
    // Declared first so the lock is let go before the folder is removed.
    _lock: std::fs::File,
    dir: tempfile::TempDir,
}

impl PrivateDir {
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// Makes a locked private folder in `dir`, after removing stale ones.
pub(crate) fn create_private_dir(dir: &Path) -> Result<PrivateDir> {
    sweep(dir);
    let made = tempfile::Builder::new()
        .prefix(UNLOCKING)
        .tempdir_in(dir)
        .map_err(|e| Error::io(dir, &e))?;
    let lock = std::fs::File::open(made.path()).map_err(|e| Error::io(made.path(), &e))?;
    self::lock(&lock).map_err(|e| Error::io(made.path(), &e))?;
    crate::pause_points::reached("temp.unlocking", 1);
    Ok(PrivateDir {
        _lock: lock,
        dir: made,
    })
}

/// Takes the advisory lock without waiting (`flock`, through `fs4`: the
/// standard library's own is newer than our minimum Rust).
fn lock(file: &std::fs::File) -> std::io::Result<()> {
    fs4::FileExt::try_lock(file).map_err(std::io::Error::from)
}

/// Which of our patterns a name in a folder has: `Some(true)` for a private
/// folder, `Some(false)` for a file (or its journal), `None` if not ours.
fn ours(name: &str) -> Option<bool> {
    let random_ok = |r: &str| {
        (6..=36).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if let Some(rest) = name.strip_prefix(UNLOCKING) {
        return random_ok(rest).then_some(true);
    }
    let name = name.strip_suffix(JOURNAL).unwrap_or(name);
    for kind in [Kind::Saving, Kind::Exporting, Kind::Incoming, Kind::New] {
        if let Some(rest) = name
            .strip_prefix(kind.prefix())
            .and_then(|r| r.strip_suffix(kind.suffix()))
        {
            if random_ok(rest) {
                return Some(false);
            }
        }
    }
    None
}

fn stale_by_time(modified: SystemTime) -> bool {
    let started = *STARTED.get_or_init(SystemTime::now);
    modified < started
        || SystemTime::now()
            .duration_since(modified)
            .is_ok_and(|age| age > STALE_AFTER)
}

/// Removes the stale temporary files and private folders this app left in
/// `dir` (see the module comment). Best effort: whatever cannot be removed
/// now is left for next time. Returns what was removed.
pub fn sweep(dir: &Path) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return removed;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(is_dir) = ours(name) else { continue };
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() != is_dir || meta.file_type().is_symlink() {
            continue;
        }
        let Ok(modified) = meta.modified() else {
            continue;
        };
        if let Some(main) = name.strip_suffix(JOURNAL) {
            // A journal goes with its file; alone, it goes when stale.
            if !dir.join(main).exists()
                && stale_by_time(modified)
                && std::fs::remove_file(&path).is_ok()
            {
                removed.push(path);
            }
            continue;
        }
        let Ok(handle) = std::fs::File::open(&path) else {
            continue;
        };
        if lock(&handle).is_err() || !stale_by_time(modified) {
            continue; // in use, or just made by someone who has not locked it yet
        }
        let gone = if is_dir {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        if gone.is_ok() {
            let journal = dir.join(format!("{name}{JOURNAL}"));
            if std::fs::remove_file(&journal).is_ok() {
                removed.push(journal);
            }
            removed.push(path);
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_own_patterns_are_recognised() {
        assert_eq!(ours(".saving-Ab12cD.tmp"), Some(false));
        assert_eq!(ours(".saving-Ab12cD.tmp-journal"), Some(false));
        assert_eq!(ours(".exporting-Ab12cD.pdf"), Some(false));
        assert_eq!(ours(".incoming-Ab12cD.tmp"), Some(false));
        assert_eq!(
            ours(".new-0b5e3a9c-8f51-4c4e-9d0e-1f2a3b4c5d6e.portfolio"),
            Some(false)
        );
        assert_eq!(ours(".unlocking-Ab12cD"), Some(true));
        for other in [
            "notes.tmp",
            ".saving-.tmp",
            ".saving-Ab12cD.txt",
            ".exporting-Ab12cD.tmp",
            ".new-report.docx",
            ".saving-a b c d e f.tmp",
            "learner.portfolio",
            "learner.portfolio-journal",
        ] {
            assert_eq!(ours(other), None, "{other}");
        }
    }
}
