//! An assessor's inbox folder: a folder they choose (where their email
//! client saves attachments, or a folder the centre already syncs) in which
//! learners' submissions appear. [`inbox`] lists what is there, newest
//! first, each file read through the gate for files from someone else
//! (`exchange::identify`, on a private copy in the caller's work folder):
//! a submission with its learner and version, a locked file (read only
//! once its passphrase is given), or any other portfolio file with the
//! gate's reason it is not a submission. Files whose names do not end in
//! `.portfolio` are only counted. The folder's files are never changed,
//! moved or deleted: only read. [`InboxReader`] lists it again reading only
//! what is new or changed.

use crate::error::{Error, Result};
use crate::exchange::{identify, is_locked, FileIdentity, FileKind};
use crate::storage::EXTENSION;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;
use ts_rs::TS;

/// One `.portfolio` file of the inbox folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct InboxFile {
    /// The file's path as text (the desktop gives the UI its granted text).
    pub file: String,
    /// The file's name.
    pub name: String,
    /// When the file was last modified (as stored instants are written).
    pub modified_at: String,
    /// Locked with a passphrase: read once the passphrase is given.
    pub locked: bool,
    /// What the file is, when it could be read.
    pub identity: Option<FileIdentity>,
    /// Why it is not a submission the assessor can open (the gate's words).
    pub problem: Option<Error>,
    #[serde(skip)]
    #[ts(skip)]
    pub path: PathBuf,
}

impl InboxFile {
    /// A learner's submission, ready to open (or locked, to open with its passphrase).
    pub fn is_submission(&self) -> bool {
        self.problem.is_none()
            && (self.locked || self.identity.as_ref().map(|i| i.kind) == Some(FileKind::Submission))
    }
}

/// What the inbox folder holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Inbox {
    pub folder: String,
    /// Its `.portfolio` files, most recently modified first.
    pub files: Vec<InboxFile>,
    /// Other files in the folder (not portfolio files), left out.
    pub others: u32,
}

/// Lists the inbox folder `dir`, reading each portfolio file through the
/// gate on a private copy in `work_dir` (removed afterwards).
pub fn inbox(dir: &Path, work_dir: &Path) -> Result<Inbox> {
    InboxReader::default().read(dir, work_dir)
}

/// Lists an inbox folder again and again (the desktop reads it each time
/// its window comes back to the front), reading through the gate only the
/// files that are new or whose size or modification time has changed since
/// it last read them: a private copy of every submission on every look
/// would cost seconds for a folder of large portfolios. What it remembers
/// serves only the listing; opening a file takes it through the gate again.
#[derive(Default)]
pub struct InboxReader {
    seen: Mutex<HashMap<PathBuf, Seen>>,
}

/// A file as last read: its size and modification time, and what it was.
struct Seen {
    len: u64,
    modified: SystemTime,
    file: InboxFile,
}

impl InboxReader {
    /// As [`inbox`], reusing what it found for files unchanged since.
    pub fn read(&self, dir: &Path, work_dir: &Path) -> Result<Inbox> {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let mut now_seen = HashMap::new();
        let listed = list(dir, |path, name| {
            let stamp = std::fs::metadata(path)
                .and_then(|m| Ok((m.len(), m.modified()?)))
                .ok();
            if let (Some((len, modified)), Some(was)) = (stamp, seen.remove(path)) {
                if was.len == len && was.modified == modified {
                    now_seen.insert(path.to_path_buf(), was);
                    return now_seen[path].file.clone();
                }
            }
            let file = file_of(path, name, work_dir);
            if let Some((len, modified)) = stamp {
                let remembered = Seen {
                    len,
                    modified,
                    file: file.clone(),
                };
                now_seen.insert(path.to_path_buf(), remembered);
            }
            file
        });
        *seen = now_seen; // files gone from the folder are forgotten
        listed
    }
}

/// The folder's `.portfolio` files, each as `read` finds it, newest first.
fn list(dir: &Path, mut read: impl FnMut(&Path, String) -> InboxFile) -> Result<Inbox> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, &e))?;
    let mut files = Vec::new();
    let mut others = 0;
    for dirent in entries {
        let Ok(dirent) = dirent else {
            others += 1;
            continue;
        };
        let path = dirent.path();
        let name = dirent.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !path.is_file() {
            continue; // hidden and temporary files, folders
        }
        if !path.extension().is_some_and(|e| e == EXTENSION) {
            others += 1;
            continue;
        }
        files.push(read(&path, name));
    }
    files.sort_by(|a, b| {
        b.modified_at
            .cmp(&a.modified_at)
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(Inbox {
        folder: dir.display().to_string(),
        files,
        others,
    })
}

fn file_of(path: &Path, name: String, work_dir: &Path) -> InboxFile {
    let modified_at = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| jiff::Timestamp::try_from(t).ok())
        .map(crate::timestamp::format_instant)
        .unwrap_or_default();
    let mut file = InboxFile {
        file: path.display().to_string(),
        name,
        modified_at,
        locked: false,
        identity: None,
        problem: None,
        path: path.to_path_buf(),
    };
    match is_locked(path) {
        Ok(true) => file.locked = true,
        Ok(false) => match identify(path, None, work_dir) {
            Ok(identity) => {
                if identity.kind != FileKind::Submission {
                    file.problem = Some(Error::invalid_input(not_a_submission(identity.kind)));
                }
                file.identity = Some(identity);
            }
            Err(e) => file.problem = Some(e),
        },
        Err(e) => file.problem = Some(e),
    }
    file
}

fn not_a_submission(kind: FileKind) -> &'static str {
    match kind {
        FileKind::OwnPortfolio => {
            "This is a learner's own working portfolio, not a submission: they submit it from the app to send it."
        }
        FileKind::ReturnedAssessment => {
            "This is an assessment returned to a learner, not a submission: the learner opens it."
        }
        FileKind::SentToIqa => {
            "This is an assessor's file for the internal quality assurer, not a submission: the IQA opens it with Open for quality assurance."
        }
        FileKind::IqaReturned => {
            "This is the internal quality assurer's file for the assessor: take it in with Receive from the IQA on the portfolio's Assessment page."
        }
        FileKind::Submission => "",
    }
}
