//! The assessor's caseload and inbox folder (issue 12): the assessor's
//! copies in the library as a caseload (`caseload::library_caseload`), and
//! the inbox folder they choose, kept in the app's settings file under the
//! library root (`settings.json`), whose submissions are listed through the
//! gate (`inbox::InboxReader`, which reads again only what is new or
//! changed) and granted, so each opens with
//! `open_learner_submission`. The inbox's files are only read.

use super::blocking;
use crate::dialogs;
use crate::state::AppState;
use partnership_portfolio::caseload::{library_caseload, LibraryCaseloadRow};
use partnership_portfolio::inbox::Inbox;
use partnership_portfolio::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tauri::{AppHandle, Runtime, State};

/// The app's settings, under the library root.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Settings {
    #[serde(default)]
    inbox_folder: Option<PathBuf>,
}

const SETTINGS: &str = "settings.json";

/// The settings as saved; defaults when there are none or they cannot be
/// read (a damaged settings file only forgets the inbox folder).
fn settings(root: &Path) -> Settings {
    std::fs::read(root.join(SETTINGS))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Saves the settings whole (written beside, then renamed into place).
fn save_settings(root: &Path, settings: &Settings) -> Result<()> {
    let path = root.join(SETTINGS);
    let new = root.join(".settings.json.new");
    let bytes = serde_json::to_vec_pretty(settings)
        .map_err(|e| Error::internal(format!("The settings could not be written: {e}")))?;
    std::fs::write(&new, bytes).map_err(|e| Error::io(&new, &e))?;
    std::fs::rename(&new, &path).map_err(|e| Error::io(&path, &e))
}

#[tauri::command]
pub async fn get_caseload(state: State<'_, Arc<AppState>>) -> Result<Vec<LibraryCaseloadRow>> {
    blocking(&state, |s| library_caseload(&s.library)).await
}

/// The inbox folder's files, each granted so it can be opened; `None` if no
/// inbox folder has been chosen.
fn listed(s: &AppState, folder: &Path) -> Result<Inbox> {
    let mut listed = s.inbox.read(folder, &s.library.portfolios_folder())?;
    for file in &mut listed.files {
        file.file = s.granted.grant(std::slice::from_ref(&file.path)).remove(0);
    }
    Ok(listed)
}

/// What the inbox folder holds now (`None` if none is chosen).
#[tauri::command]
pub async fn get_inbox(state: State<'_, Arc<AppState>>) -> Result<Option<Inbox>> {
    blocking(&state, |s| match settings(s.library.root()).inbox_folder {
        None => Ok(None),
        Some(folder) => listed(s, &folder).map(Some),
    })
    .await
}

/// Asks for the inbox folder (native dialog), remembers it and lists it;
/// `None` when cancelled (the folder chosen before is kept).
#[tauri::command]
pub async fn choose_inbox_folder<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Arc<AppState>>,
) -> Result<Option<Inbox>> {
    blocking(&state, move |s| {
        let Some(folder) = dialogs::pick_folder(&app, "Choose your inbox folder") else {
            return Ok(None);
        };
        if !folder.is_dir() {
            return Err(Error::invalid_input(format!(
                "{} is not a folder.",
                folder.display()
            )));
        }
        let root = s.library.root();
        let mut saved = settings(root);
        saved.inbox_folder = Some(folder.clone());
        save_settings(root, &saved)?;
        listed(s, &folder).map(Some)
    })
    .await
}
