//! The PDF export command: a native save dialog, then the export on a
//! blocking thread with its own read-only connection (so the window and the
//! learner's editing carry on), reporting progress on the caller's own
//! channel, so that two exports at once each feed only their own progress bar.

use super::blocking;
use crate::dialogs::{self, Filter};
use crate::state::AppState;
use partnership_portfolio::export::{self, ExportSummary, Progress};
use partnership_portfolio::Portfolio;
use partnership_portfolio::Result;
use std::sync::Arc;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

/// Asks where to save the PDF evidence portfolio and writes it there,
/// sending its progress on `on_progress`; `None` if the user cancels.
#[tauri::command]
pub async fn export_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Arc<AppState>>,
    id: String,
    on_progress: Channel<Progress>,
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
        let _reading = s.export_lease(&id)?;
        let portfolio = Portfolio::open_read_only(&s.library.path(&id)?)?;
        let summary =
            export::write_pdf(&portfolio, &dest, export::export_time()?, &mut |progress| {
                let _ = on_progress.send(progress);
            })?;
        portfolio.close()?;
        Ok(Some(summary))
    })
    .await
}
