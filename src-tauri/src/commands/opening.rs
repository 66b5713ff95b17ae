//! Opening a portfolio file from the desktop (see `opening.rs`): the UI asks
//! for the file the app was started with or handed, then what it is, and
//! says so with the right offer before anything is taken in: a learner's own
//! portfolio is copied into the library or opened where it is (for the
//! session, `Library::open_in_place`), a submission goes to the assessor's
//! copy (`open_learner_submission`), a returned assessment to "receive"
//! (`receive_assessment`) for the matching portfolio, an assessor's file
//! for the IQA to the IQA's copy (`open_for_iqa`), and the IQA's file to
//! the assessor's copy it came from (`receive_iqa`).

use super::blocking;
use super::exchange::ChosenFile;
use crate::state::AppState;
use partnership_portfolio::exchange::{
    identify, is_locked, FileIdentity, FileKind, Passphrase, Role,
};
use partnership_portfolio::library::LibraryEntry;
use partnership_portfolio::Result;
use serde::Serialize;
use std::sync::Arc;
use tauri::State;
use ts_rs::TS;

/// A file opened from the desktop, what it is, and the portfolio of the
/// library it goes with.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct OpenedFile {
    pub identity: FileIdentity,
    /// For a learner's own portfolio or a returned assessment, the learner's
    /// portfolio of the same id in the library; for a submission, the
    /// assessor's copy it would bring up to date; for a file sent to the
    /// IQA, the IQA's copy it would bring up to date; for the IQA's file,
    /// the assessor's copy that takes it in.
    pub in_library: Option<LibraryEntry>,
}

/// The file the app was started with or handed since the UI last asked
/// (granted, so the other commands can name it); `None` if there is none.
#[tauri::command]
pub async fn take_opened_file(state: State<'_, Arc<AppState>>) -> Result<Option<ChosenFile>> {
    blocking(&state, move |s| {
        let Some(path) = s.opened.lock().unwrap_or_else(|p| p.into_inner()).take() else {
            return Ok(None);
        };
        let file = s.granted.grant(std::slice::from_ref(&path)).remove(0);
        Ok(Some(ChosenFile {
            locked: is_locked(&path)?,
            file,
        }))
    })
    .await
}

/// What the granted `file` is (unlocked with `passphrase` if locked), read
/// on a private copy; nothing is taken in.
#[tauri::command]
pub async fn identify_file(
    state: State<'_, Arc<AppState>>,
    file: String,
    passphrase: Option<String>,
) -> Result<OpenedFile> {
    blocking(&state, move |s| {
        let path = s.granted.check(&file)?;
        let passphrase = passphrase.as_deref().map(Passphrase::new).transpose()?;
        let identity = identify(&path, passphrase.as_ref(), s.library.root())?;
        let role = match identity.kind {
            FileKind::Submission | FileKind::IqaReturned => Role::Assessor,
            FileKind::OwnPortfolio | FileKind::ReturnedAssessment => Role::Learner,
            FileKind::SentToIqa => Role::Iqa,
        };
        let in_library = s
            .library
            .list()?
            .into_iter()
            .find(|e| e.role == role && e.uid == identity.uid && e.problem.is_none());
        Ok(OpenedFile {
            identity,
            in_library,
        })
    })
    .await
}

/// Copies the learner's own portfolio `file` (granted) into the library;
/// the file itself is left where it is.
#[tauri::command]
pub async fn import_portfolio_file(
    state: State<'_, Arc<AppState>>,
    file: String,
) -> Result<LibraryEntry> {
    blocking(&state, move |s| {
        let path = s.granted.check(&file)?;
        s.library.import_portfolio(&path)
    })
    .await
}

/// Opens the learner's own portfolio `file` (granted) where it is, for this
/// session: the app works on that file itself, not on a copy in the library.
#[tauri::command]
pub async fn open_portfolio_in_place(
    state: State<'_, Arc<AppState>>,
    file: String,
) -> Result<LibraryEntry> {
    blocking(&state, move |s| {
        let path = s.granted.check(&file)?;
        s.library.open_in_place(&path)
    })
    .await
}
