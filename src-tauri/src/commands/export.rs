//! The PDF export command: a native save dialog, then the export on a
//! blocking thread with its own read-only connection (so the window and the
//! learner's editing carry on), reporting progress as "pdf-export-progress"
//! events.

use super::blocking;
use crate::dialogs::{self, Filter};
use crate::state::AppState;
use partnership_portfolio::export::{self, ExportSummary};
use partnership_portfolio::Portfolio;
use partnership_portfolio::Result;
use std::sync::Arc;
use tauri::{AppHandle, Emitter, State};

/// Asks where to save the PDF evidence portfolio and writes it there;
/// `None` if the user cancels.
#[tauri::command]
pub async fn export_pdf(
    app: AppHandle,
    state: State<'_, Arc<AppState>>,
    id: String,
) -> Result<Option<ExportSummary>> {
    blocking(&state, move |s| {
        // Opening it here first brings an older file up to date.
        let suggested = s.with_portfolio(&id, |p| {
            Ok(export::pdf_file_name(
                &p.profile()?.full_name,
                &p.standard().urn,
            ))
        })?;
        let Some(dest) = dialogs::save_file(
            &app,
            "Export the PDF evidence portfolio",
            &suggested,
            &[Filter("PDF documents", &["pdf"])],
        ) else {
            return Ok(None);
        };
        let portfolio = Portfolio::open_read_only(&s.library.path(&id)?)?;
        let summary =
            export::write_pdf(&portfolio, &dest, export::export_time()?, &mut |progress| {
                let _ = app.emit("pdf-export-progress", progress);
            })?;
        portfolio.close()?;
        Ok(Some(summary))
    })
    .await
}
