//! The app's library: the folder (under the user's data directory) where the
//! desktop app keeps its portfolios, one file each, and a trash folder from
//! which deleted portfolios can be restored.
//!
//! ```text
//! <root>/portfolios/<id>.portfolio   the library
//! <root>/trash/<id>.portfolio        deleted, restorable (mtime = when deleted)
//! ```
//! A portfolio's id is its file stem (a UUID); its title lives inside the file.
//! New entries come from a blank start, the demo, a learner's submission (an
//! assessor's copy) or an open export's ZIP (a learner's portfolio).
//!
//! A learner's own portfolio file opened from the desktop can instead be
//! opened where it is, for this session only ([`Library::open_in_place`]):
//! it gets an id the library answers for (so every command works on it) but
//! it stays in its own folder, is not listed, cannot be moved to the trash,
//! and is forgotten when the app quits.

use crate::catalogue::Standard;
use crate::demo::{self, DemoOptions};
use crate::error::{Error, ErrorCode, Result};
use crate::exchange::{self, Role};
use crate::portfolio::NewPortfolio;
use crate::profile::LearnerProfile;
use crate::storage::{self, Portfolio, EXTENSION};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use ts_rs::TS;

pub struct Library {
    root: PathBuf,
    /// Portfolio files opened where they are this session: id → the file.
    in_place: Mutex<HashMap<String, PathBuf>>,
}

/// A portfolio as the library lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LibraryEntry {
    pub id: String,
    /// The portfolio's own id, the same in every copy of it (empty if unreadable).
    pub uid: String,
    /// Empty when the file could not be read (see `problem`).
    pub title: String,
    pub learner_name: String,
    pub standard_urn: String,
    pub updated_at: String,
    pub rated: u32,
    pub total: u32,
    /// Pieces of evidence.
    pub evidence: u32,
    /// The learner's own portfolio, or an assessor's copy of one.
    pub role: Role,
    /// The latest submitted version, if it has been submitted.
    pub submitted_version: Option<u32>,
    /// When it was moved to the trash (trash listings only).
    pub trashed_at: Option<String>,
    /// Why the file cannot be opened, if it cannot.
    pub problem: Option<Error>,
}

const LIVE: &str = "portfolios";
const TRASH: &str = "trash";
/// Holds the id of the demo portfolio the library made (see [`Library::add_demo`]).
const DEMO_MARKER: &str = "demo-id";

impl Library {
    /// Opens (creating if needed) the library at `root`.
    pub fn open(root: &Path) -> Result<Library> {
        crate::temp_files::note_process_start();
        for dir in [root.join(LIVE), root.join(TRASH)] {
            std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, &e))?;
        }
        Ok(Library {
            root: root.to_path_buf(),
            in_place: Mutex::new(HashMap::new()),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder holding the library's portfolio files.
    pub fn portfolios_folder(&self) -> PathBuf {
        self.root.join(LIVE)
    }

    /// Starts a new portfolio in the library.
    pub fn create(
        &self,
        standard: &Standard,
        profile: LearnerProfile,
        title: Option<String>,
    ) -> Result<LibraryEntry> {
        let id = uuid::Uuid::new_v4().to_string();
        let path = self.file(LIVE, &id);
        Portfolio::create(
            &path,
            NewPortfolio {
                standard,
                profile,
                title,
            },
        )?
        .close()?;
        Ok(entry(&id, &path, None))
    }

    /// The portfolios in the library, most recently changed first.
    pub fn list(&self) -> Result<Vec<LibraryEntry>> {
        self.list_in(LIVE)
    }

    /// The portfolios in the trash, most recently deleted first.
    pub fn trash_list(&self) -> Result<Vec<LibraryEntry>> {
        self.list_in(TRASH)
    }

    /// The file of a portfolio in the library, or of one opened where it
    /// is this session.
    pub fn path(&self, id: &str) -> Result<PathBuf> {
        if let Some(path) = self.in_place_path(check_id(id)?) {
            return if path.is_file() {
                Ok(path)
            } else {
                Err(Error::not_found(format!(
                    "{} is no longer there: it was moved or deleted.",
                    path.display()
                )))
            };
        }
        self.live_path(id)
    }

    /// The file of a portfolio kept in the library's own folder.
    fn live_path(&self, id: &str) -> Result<PathBuf> {
        let path = self.file(LIVE, check_id(id)?);
        if !path.is_file() {
            return Err(Error::not_found(
                "That portfolio is no longer in the library.",
            ));
        }
        Ok(path)
    }

    /// Opens a portfolio of the library.
    pub fn open_portfolio(&self, id: &str) -> Result<Portfolio> {
        Portfolio::open(&self.path(id)?)
    }

    /// Renames a portfolio (its title).
    pub fn rename(&self, id: &str, title: &str) -> Result<LibraryEntry> {
        let path = self.path(id)?;
        let mut portfolio = Portfolio::open(&path)?;
        portfolio.set_title(title)?;
        portfolio.close()?;
        Ok(entry(id, &path, None))
    }

    /// Opens a learner's submission (an untrusted file) into the library as
    /// an assessor's working copy. A resubmission of a portfolio already here
    /// updates that copy, keeping the assessor's judgements; the caller must
    /// have closed it. Returns the entry.
    pub fn import_submission(&self, incoming: &Path, assessor_name: &str) -> Result<LibraryEntry> {
        self.import_submission_with(incoming, None, assessor_name)
    }

    /// As [`Library::import_submission`], for a file that may be locked: it
    /// is unlocked with `passphrase` straight into the library's folder (the
    /// app's own data folder), never anywhere else.
    pub fn import_submission_with(
        &self,
        incoming: &Path,
        passphrase: Option<&exchange::Passphrase>,
        assessor_name: &str,
    ) -> Result<LibraryEntry> {
        let live = self.root.join(LIVE);
        let checked = exchange::check_submission_with(incoming, passphrase, &live)?;
        let existing = self
            .list()?
            .into_iter()
            .find(|e| e.role == Role::Assessor && e.uid == checked.uid && e.problem.is_none());
        let id = existing
            .map(|e| e.id)
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        let path = self.file(LIVE, &id);
        checked.install(&path, assessor_name)?.close()?;
        Ok(entry(&id, &path, None))
    }

    /// Opens an assessor's file sent to the internal quality assurer (an
    /// untrusted file, unlocked with `passphrase` if locked, only inside the
    /// library's folder) as the IQA's copy (`crate::iqa::open_for_iqa`). A
    /// later sending of a portfolio already here updates that IQA copy,
    /// keeping the IQA's record; the caller must have closed it.
    pub fn import_for_iqa(
        &self,
        incoming: &Path,
        passphrase: Option<&exchange::Passphrase>,
        iqa_name: &str,
    ) -> Result<LibraryEntry> {
        let live = self.root.join(LIVE);
        let identity = exchange::identify(incoming, passphrase, &live)?;
        let existing = self
            .list()?
            .into_iter()
            .find(|e| e.role == Role::Iqa && e.uid == identity.uid && e.problem.is_none());
        let id = existing
            .map(|e| e.id)
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        let path = self.file(LIVE, &id);
        crate::iqa::open_for_iqa_with(incoming, passphrase, &path, iqa_name)?.close()?;
        Ok(entry(&id, &path, None))
    }

    /// Copies a learner's own portfolio file from elsewhere (one opened from
    /// the desktop) into the library, through the gate for files from
    /// someone else; the original is left as it is. Refused if it is not a
    /// learner's own working portfolio, or if that portfolio is already here.
    pub fn import_portfolio(&self, incoming: &Path) -> Result<LibraryEntry> {
        let (copy, uid) = self.check_own_portfolio(incoming)?;
        if let Some(here) = self
            .list()?
            .into_iter()
            .find(|e| e.role == Role::Learner && e.uid == uid)
        {
            return Err(Error::invalid_input(format!(
                "This portfolio is already in your library (\"{}\"): open it from there.",
                here.title
            )));
        }
        let id = uuid::Uuid::new_v4().to_string();
        let path = self.file(LIVE, &id);
        copy.persist(&path)?;
        Ok(entry(&id, &path, None))
    }

    /// Opens a learner's own portfolio file where it is (one opened from the
    /// desktop), for this session: the app works on that file itself, in its
    /// own folder, instead of on a copy in the library. It is first checked
    /// through the gate for files from someone else, on a private copy, and
    /// refused if it is not a learner's own working portfolio (or is
    /// locked). The same file opened again gets the same id. It is not
    /// listed, cannot be moved to the trash, and is forgotten when the app
    /// quits (opening the file again brings it back).
    pub fn open_in_place(&self, file: &Path) -> Result<LibraryEntry> {
        let file = file.canonicalize().map_err(|e| Error::io(file, &e))?;
        let live = self.root.join(LIVE);
        if file.parent() == live.canonicalize().ok().as_deref() {
            if let Some(id) = file.file_stem().and_then(|s| s.to_str()) {
                if check_id(id).is_ok() {
                    return self.entry(id); // already one of the library's own
                }
            }
        }
        let (copy, _uid) = self.check_own_portfolio(&file)?;
        drop(copy);
        // Opened once normally, so a file from an older version is brought up
        // to date now and a file that cannot be written to is said now.
        Portfolio::open(&file)?.close()?;
        let mut in_place = self.in_place.lock().unwrap_or_else(|p| p.into_inner());
        let id = match in_place.iter().find(|(_, p)| **p == file) {
            Some((id, _)) => id.clone(),
            None => {
                let id = uuid::Uuid::new_v4().to_string();
                in_place.insert(id.clone(), file.clone());
                id
            }
        };
        Ok(entry(&id, &file, None))
    }

    /// The file of portfolio `id` if it was opened where it is.
    pub fn in_place_path(&self, id: &str) -> Option<PathBuf> {
        let in_place = self.in_place.lock().unwrap_or_else(|p| p.into_inner());
        in_place.get(id).cloned()
    }

    /// Checks `incoming` through the gate on a private copy in the library's
    /// folder, and that it is a learner's own working portfolio; gives the
    /// copy and the portfolio's own id.
    fn check_own_portfolio(
        &self,
        incoming: &Path,
    ) -> Result<(exchange::untrusted::CheckedCopy, String)> {
        let copy = exchange::untrusted::take_in(incoming, &self.root.join(LIVE))?;
        let p = Portfolio::open(copy.path())?;
        if p.role()? != Role::Learner || p.is_sent_copy()? {
            return Err(Error::invalid_input(format!(
                "{} is a file sent between learner and assessor, not a learner's own portfolio.",
                incoming.display()
            )));
        }
        let uid = p.info()?.uid;
        p.close()?;
        Ok((copy, uid))
    }

    /// Adds the demo portfolio (a finished, assessed one to look round and
    /// export; see [`crate::demo`]), or gives the one already in the library
    /// (the library remembers its id), so asking twice never makes two. It
    /// is made under a temporary name and renamed into place, so a half-made
    /// demo never shows in the library.
    pub fn add_demo(&self, options: &DemoOptions) -> Result<LibraryEntry> {
        let marker = self.root.join(DEMO_MARKER);
        if let Ok(id) = std::fs::read_to_string(&marker) {
            if let Ok(path) = self.path(id.trim()) {
                return Ok(entry(id.trim(), &path, None));
            }
        }
        crate::temp_files::sweep(&self.root.join(LIVE));
        let id = uuid::Uuid::new_v4().to_string();
        let path = self.file(LIVE, &id);
        let partial = self.root.join(LIVE).join(format!(".new-{id}.{EXTENSION}"));
        if let Err(e) = demo::create_demo(&partial, options) {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
        std::fs::rename(&partial, &path).map_err(|e| Error::io(&path, &e))?;
        // Best effort: without the note, a second demo could be made later.
        let _ = std::fs::write(&marker, &id);
        Ok(entry(&id, &path, None))
    }

    /// Rebuilds the learner's portfolio exported in the open ZIP `zip` (see
    /// [`crate::open_export`]) as a new portfolio of the library: always a
    /// fresh file under a new id, never over another. The import checks the
    /// whole archive before writing and builds the file under a temporary
    /// name, so a refused or failed import adds nothing.
    pub fn import_open_export(&self, zip: &Path) -> Result<LibraryEntry> {
        let live = self.root.join(LIVE);
        crate::temp_files::sweep(&live);
        let id = uuid::Uuid::new_v4().to_string();
        let path = self.file(LIVE, &id);
        crate::open_export::import_zip(zip, &path)?;
        Ok(entry(&id, &path, None))
    }

    /// The library entry of a portfolio.
    pub fn entry(&self, id: &str) -> Result<LibraryEntry> {
        Ok(entry(id, &self.path(id)?, None))
    }

    /// Moves a portfolio to the trash. The caller must have closed it. One
    /// opened where it is is not the library's to move.
    pub fn trash(&self, id: &str) -> Result<()> {
        if let Some(path) = self.in_place_path(check_id(id)?) {
            return Err(Error::invalid_input(format!(
                "This portfolio was opened where it is ({}), not kept in your library, so it cannot be moved to the trash: delete or move the file itself if you mean to.",
                path.display()
            )));
        }
        let from = self.live_path(id)?;
        settle(&from);
        let to = self.file(TRASH, id);
        move_file(&from, &to)?;
        let now = std::time::SystemTime::now();
        if let Ok(f) = std::fs::File::options().write(true).open(&to) {
            let _ = f.set_modified(now);
        }
        Ok(())
    }

    /// Puts a portfolio back from the trash.
    pub fn restore(&self, id: &str) -> Result<LibraryEntry> {
        let from = self.file(TRASH, check_id(id)?);
        if !from.is_file() {
            return Err(Error::not_found("That portfolio is not in the trash."));
        }
        let to = self.file(LIVE, id);
        move_file(&from, &to)?;
        Ok(entry(id, &to, None))
    }

    /// Deletes a portfolio from the trash for good.
    pub fn delete_forever(&self, id: &str) -> Result<()> {
        let path = self.file(TRASH, check_id(id)?);
        if !path.is_file() {
            return Err(Error::not_found("That portfolio is not in the trash."));
        }
        for p in with_side_files(&path) {
            match std::fs::remove_file(&p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(&p, &e)),
            }
        }
        storage::sync_dir(&self.root.join(TRASH));
        Ok(())
    }

    fn file(&self, folder: &str, id: &str) -> PathBuf {
        self.root.join(folder).join(format!("{id}.{EXTENSION}"))
    }

    fn list_in(&self, folder: &str) -> Result<Vec<LibraryEntry>> {
        let dir = self.root.join(folder);
        let read = std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, &e))?;
        let mut entries = Vec::new();
        for dirent in read {
            let dirent = dirent.map_err(|e| Error::io(&dir, &e))?;
            let path = dirent.path();
            let Some(id) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".portfolio"))
            else {
                continue;
            };
            if check_id(id).is_err() {
                continue; // temporary files (".new-…") and anything not made by the library
            }
            let trashed_at = (folder == TRASH).then(|| modified_at(&path)).flatten();
            entries.push(entry(id, &path, trashed_at));
        }
        if folder == TRASH {
            entries.sort_by(|a, b| b.trashed_at.cmp(&a.trashed_at));
        } else {
            entries.sort_by(|a, b| {
                b.updated_at
                    .cmp(&a.updated_at)
                    .then_with(|| a.title.cmp(&b.title))
            });
        }
        Ok(entries)
    }
}

/// Reads a library entry from its file; a file that cannot be read still
/// appears, with the problem, so the user can see and remove it.
fn entry(id: &str, path: &Path, trashed_at: Option<String>) -> LibraryEntry {
    let mut e = LibraryEntry {
        id: id.to_string(),
        uid: String::new(),
        title: String::new(),
        learner_name: String::new(),
        standard_urn: String::new(),
        updated_at: String::new(),
        rated: 0,
        total: 0,
        evidence: 0,
        role: Role::Learner,
        submitted_version: None,
        trashed_at,
        problem: None,
    };
    match storage::summary(path) {
        Ok(s) => {
            e.uid = s.uid;
            e.evidence = s.evidence;
            e.role = s.role;
            e.submitted_version = s.submitted_version;
            e.title = s.title;
            e.learner_name = s.learner_name;
            e.standard_urn = s.standard_urn;
            e.updated_at = s.updated_at;
            e.rated = s.rated;
            e.total = s.total;
        }
        Err(err) => e.problem = Some(err),
    }
    e
}

fn modified_at(path: &Path) -> Option<String> {
    let t = std::fs::metadata(path).ok()?.modified().ok()?;
    let t = jiff::Timestamp::try_from(t).ok()?;
    Some(crate::timestamp::format_instant(t))
}

/// Library ids are UUIDs; anything else (a path, "..") is refused.
fn check_id(id: &str) -> Result<&str> {
    match uuid::Uuid::try_parse(id) {
        Ok(u) if u.hyphenated().to_string() == id => Ok(id),
        _ => Err(Error::new(
            ErrorCode::InvalidInput,
            format!("\"{id}\" is not a portfolio id."),
        )),
    }
}

/// Settles a file after a crash (SQLite rolls back an unfinished transaction
/// from its journal when it opens the file), so the file alone can be moved.
/// A file that cannot be opened is moved as it is, with any side files.
fn settle(path: &Path) {
    if let Ok(p) = Portfolio::open(path) {
        let _ = p.close();
    }
}

/// A portfolio file and the side files SQLite may leave after a crash.
fn with_side_files(path: &Path) -> [PathBuf; 4] {
    let side = |suffix: &str| {
        let mut s = path.as_os_str().to_owned();
        s.push(suffix);
        PathBuf::from(s)
    };
    [
        path.to_path_buf(),
        side("-journal"),
        side("-wal"),
        side("-shm"),
    ]
}

/// Moves a portfolio file and any side files it still has; never replaces.
fn move_file(from: &Path, to: &Path) -> Result<()> {
    if to.exists() {
        return Err(Error::new(
            ErrorCode::AlreadyExists,
            "A portfolio with that id is already there.",
        ));
    }
    let [main, journal, wal, shm] = with_side_files(from);
    let [to_main, to_journal, to_wal, to_shm] = with_side_files(to);
    for (a, b) in [(&journal, &to_journal), (&wal, &to_wal), (&shm, &to_shm)] {
        if a.exists() {
            std::fs::rename(a, b).map_err(|e| Error::io(a, &e))?;
        }
    }
    std::fs::rename(&main, &to_main).map_err(|e| Error::io(&main, &e))?;
    for p in [from, to] {
        if let Some(dir) = p.parent() {
            storage::sync_dir(dir);
        }
    }
    Ok(())
}
