//! The open export's commands: "Export everything (ZIP)…" writes the whole
//! portfolio to a ZIP where the user says (a native save dialog), on a
//! blocking thread with its own read-only connection as the PDF export does;
//! "Import from a ZIP…" asks for an export and rebuilds the learner's
//! portfolio in it as a new portfolio of the library.

use super::blocking;
use crate::dialogs::{self, Filter};
use crate::state::AppState;
use partnership_portfolio::library::LibraryEntry;
use partnership_portfolio::open_export::{self, ExportedZip};
use partnership_portfolio::{export, Portfolio, Result};
use std::sync::Arc;
use tauri::{AppHandle, Runtime, State};

const ZIP_FILTER: Filter = Filter("ZIP archives", &["zip"]);

/// Asks where to save the open export of portfolio `id` and writes it there
/// (the learner's own portfolio or an assessor's copy: it is the whole
/// content either way); `None` if the user cancels.
#[tauri::command]
pub async fn export_open_zip<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Arc<AppState>>,
    id: String,
) -> Result<Option<ExportedZip>> {
    blocking(&state, move |s| {
        // Opening it here first brings an older file up to date.
        let suggested = s.with_portfolio(&id, |p| {
            Ok(open_export::zip_file_name(
                &p.profile()?.full_name,
                &p.standard().urn,
            ))
        })?;
        let Some(dest) = dialogs::save_file(
            &app,
            "Export everything to a ZIP",
            &suggested,
            &[ZIP_FILTER],
        ) else {
            return Ok(None);
        };
        let _reading = s.export_lease(&id)?;
        let portfolio = Portfolio::open_read_only(&s.library.path(&id)?)?;
        let exported = open_export::export_zip(&portfolio, &dest, export::export_time()?)?;
        portfolio.close()?;
        Ok(Some(exported))
    })
    .await
}

/// Asks for an open export's ZIP and adds the learner's portfolio in it to
/// the library as a new portfolio (always a learner's); `None` if the user
/// cancels. A damaged or hostile archive is refused with the reason, and
/// nothing is added.
#[tauri::command]
pub async fn import_open_zip<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Arc<AppState>>,
) -> Result<Option<LibraryEntry>> {
    blocking(&state, move |s| {
        let Some(zip) = dialogs::pick_file(&app, "Import a portfolio from a ZIP", &[ZIP_FILTER])
        else {
            return Ok(None);
        };
        s.library.import_open_export(&zip).map(Some)
    })
    .await
}
