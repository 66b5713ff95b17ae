//! An assessor's inbox folder: a folder they choose (where their email
//! client saves attachments, or a folder the centre already syncs) in which
//! learners' submissions appear. [`inbox`] lists what is there, newest
//! first, each file read through the gate for files from someone else
//! (`exchange::identify`, on a private copy in the caller's work folder):
//! a submission with its learner and version, a locked file (read only
//! once its passphrase is given), or any other portfolio file with the
//! gate's reason it is not a submission. Files whose names do not end in
//! `.portfolio` are only counted. The folder's files are never changed,
//! moved or deleted: only read.

use crate::error::{Error, Result};
use crate::exchange::{identify, is_locked, FileIdentity, FileKind};
use crate::storage::EXTENSION;
use serde::Serialize;
use std::path::{Path, PathBuf};
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
    let read = std::fs::read_dir(dir).map_err(|e| Error::io(dir, &e))?;
    let mut files = Vec::new();
    let mut others = 0;
    for dirent in read {
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
        files.push(file_of(&path, name, work_dir));
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
