//! Library commands: what the app knows about itself, and list, create (or
//! add the demo), rename, trash, restore and delete portfolios.

use super::blocking;
use crate::state::AppState;
use partnership_portfolio::catalogue;
use partnership_portfolio::demo::DemoOptions;
use partnership_portfolio::library::LibraryEntry;
use partnership_portfolio::profile::LearnerProfile;
use partnership_portfolio::self_assessment::{RatingLevel, RATING_SCALE};
use partnership_portfolio::Result;
use serde::Serialize;
use std::sync::Arc;
use tauri::State;
use ts_rs::TS;

/// What the UI needs to know about the app itself.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    /// Where the portfolios are kept.
    pub library_folder: String,
    /// Where the app's log files are (to send to support).
    pub log_folder: String,
    pub rating_scale: Vec<RatingLevel>,
}

#[tauri::command]
pub async fn app_info(state: State<'_, Arc<AppState>>) -> Result<AppInfo> {
    blocking(&state, |s| {
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            library_folder: s.library.root().display().to_string(),
            log_folder: s.log_folder.display().to_string(),
            rating_scale: RATING_SCALE.to_vec(),
        })
    })
    .await
}

#[tauri::command]
pub async fn list_portfolios(state: State<'_, Arc<AppState>>) -> Result<Vec<LibraryEntry>> {
    blocking(&state, |s| s.library.list()).await
}

#[tauri::command]
pub async fn list_trash(state: State<'_, Arc<AppState>>) -> Result<Vec<LibraryEntry>> {
    blocking(&state, |s| s.library.trash_list()).await
}

#[tauri::command]
pub async fn create_portfolio(
    state: State<'_, Arc<AppState>>,
    profile: LearnerProfile,
    title: Option<String>,
) -> Result<LibraryEntry> {
    blocking(&state, move |s| {
        s.library.create(catalogue::cldal16(), profile, title)
    })
    .await
}

/// Adds the finished demo portfolio, to look round and export. Its photos are
/// smaller than a phone's (1600 × 1200) so that it is made in a moment.
#[tauri::command]
pub async fn add_demo_portfolio(state: State<'_, Arc<AppState>>) -> Result<LibraryEntry> {
    blocking(&state, |s| {
        s.library.add_demo(&DemoOptions {
            photo_size: (1600, 1200),
            ..DemoOptions::default()
        })
    })
    .await
}

/// Renames a portfolio (its title), once work on it under way has finished
/// and it is closed; refused while a PDF of it is being made.
#[tauri::command]
pub async fn rename_portfolio(
    state: State<'_, Arc<AppState>>,
    id: String,
    title: String,
) -> Result<LibraryEntry> {
    blocking(&state, move |s| {
        s.with_closed(&id, || s.library.rename(&id, &title))
    })
    .await
}

/// Moves a portfolio to the trash, closed first as for a rename.
#[tauri::command]
pub async fn trash_portfolio(state: State<'_, Arc<AppState>>, id: String) -> Result<()> {
    blocking(&state, move |s| s.with_closed(&id, || s.library.trash(&id))).await
}

#[tauri::command]
pub async fn restore_portfolio(
    state: State<'_, Arc<AppState>>,
    id: String,
) -> Result<LibraryEntry> {
    blocking(&state, move |s| s.library.restore(&id)).await
}

#[tauri::command]
pub async fn delete_portfolio_forever(state: State<'_, Arc<AppState>>, id: String) -> Result<()> {
    blocking(&state, move |s| s.library.delete_forever(&id)).await
}
