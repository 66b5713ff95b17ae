//! Evidence commands: the library of evidence, its files (chosen in a native
//! dialog or dropped on the window), previews, mappings, witnesses and the
//! coverage matrix.

use super::blocking;
use crate::dialogs::{self, Filter};
use crate::state::AppState;
use partnership_portfolio::coverage::Coverage;
use partnership_portfolio::evidence::attachments;
use partnership_portfolio::evidence::{
    AttachOutcome, Evidence, EvidenceInput, EvidenceQuery, EvidenceSummary, Mapping, NewEvidence,
    WitnessStatus,
};
use partnership_portfolio::Result;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::Arc;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

#[tauri::command]
pub async fn list_evidence(
    state: State<'_, Arc<AppState>>,
    id: String,
    query: EvidenceQuery,
) -> Result<Vec<EvidenceSummary>> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.list_evidence(&query))
    })
    .await
}

#[tauri::command]
pub async fn get_evidence(
    state: State<'_, Arc<AppState>>,
    id: String,
    reference: String,
) -> Result<Evidence> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.evidence(&reference))
    })
    .await
}

/// A record and what happened to the files just attached to it.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct Added {
    pub evidence: Evidence,
    pub files: Vec<AttachOutcome>,
}

#[tauri::command]
pub async fn add_evidence(
    state: State<'_, Arc<AppState>>,
    id: String,
    input: EvidenceInput,
    mappings: Vec<Mapping>,
    files: Vec<String>,
) -> Result<Added> {
    blocking(&state, move |s| {
        let attach = granted(s, &files)?;
        s.with_portfolio(&id, |p| {
            let (evidence, files) = p.add_evidence(NewEvidence {
                input,
                attach,
                mappings,
            })?;
            Ok(Added { evidence, files })
        })
    })
    .await
}

/// Saves an edited record: its fields and its mappings, in one transaction.
#[tauri::command]
pub async fn update_evidence(
    state: State<'_, Arc<AppState>>,
    id: String,
    reference: String,
    input: EvidenceInput,
    mappings: Vec<Mapping>,
) -> Result<Evidence> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.edit_evidence(&reference, &input, &mappings))
    })
    .await
}

#[tauri::command]
pub async fn remove_evidence(
    state: State<'_, Arc<AppState>>,
    id: String,
    reference: String,
) -> Result<()> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.remove_evidence(&reference))
    })
    .await
}

#[tauri::command]
pub async fn map_evidence(
    state: State<'_, Arc<AppState>>,
    id: String,
    reference: String,
    item: String,
    note: String,
) -> Result<Evidence> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.map_evidence(&reference, &item, &note))
    })
    .await
}

#[tauri::command]
pub async fn unmap_evidence(
    state: State<'_, Arc<AppState>>,
    id: String,
    reference: String,
    item: String,
) -> Result<Evidence> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.unmap_evidence(&reference, &item))
    })
    .await
}

/// Shows the native "choose files" dialog; the files chosen may then be
/// attached. An empty list means the user cancelled.
#[tauri::command]
pub async fn choose_files<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Arc<AppState>>,
) -> Result<Vec<String>> {
    blocking(&state, move |s| {
        let picked = dialogs::pick_files(&app, "Choose files to attach", &[]).unwrap_or_default();
        Ok(s.granted.grant(&picked))
    })
    .await
}

/// Attaches files the user chose or dropped, all or none.
#[tauri::command]
pub async fn attach_files(
    state: State<'_, Arc<AppState>>,
    id: String,
    reference: String,
    files: Vec<String>,
) -> Result<Added> {
    blocking(&state, move |s| {
        let paths = granted(s, &files)?;
        s.with_portfolio(&id, |p| {
            let files = p.attach_files(&reference, &paths)?;
            Ok(Added {
                evidence: p.evidence(&reference)?,
                files,
            })
        })
    })
    .await
}

#[tauri::command]
pub async fn remove_attachment(
    state: State<'_, Arc<AppState>>,
    id: String,
    attachment: i64,
) -> Result<()> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.remove_attachment(attachment))
    })
    .await
}

/// Describes an attached file in the learner's words (empty text removes it).
#[tauri::command]
pub async fn describe_attachment(
    state: State<'_, Arc<AppState>>,
    id: String,
    attachment: i64,
    text: String,
) -> Result<attachments::Attachment> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.describe_attachment(attachment, &text))
    })
    .await
}

/// Saves an attachment to a file the user chooses; `None` if they cancel.
#[tauri::command]
pub async fn save_attachment_as<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Arc<AppState>>,
    id: String,
    attachment: i64,
) -> Result<Option<String>> {
    blocking(&state, move |s| {
        let name = s
            .with_portfolio(&id, |p| p.attachment(attachment))?
            .file_name;
        let name = attachments::safe_file_name(&name);
        let Some(dest) = dialogs::save_file(&app, "Save the attached file", &name, &[]) else {
            return Ok(None);
        };
        s.with_portfolio(&id, |p| p.save_attachment(attachment, &dest))?;
        Ok(Some(dialogs::shown(&dest)))
    })
    .await
}

/// Which preview of an image attachment: small for screens, large for print.
#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PreviewKind {
    Thumbnail,
    Print,
}

/// An image preview as JPEG bytes.
#[tauri::command]
pub async fn attachment_preview(
    state: State<'_, Arc<AppState>>,
    id: String,
    attachment: i64,
    kind: PreviewKind,
) -> Result<tauri::ipc::Response> {
    let kind = match kind {
        PreviewKind::Thumbnail => attachments::PreviewKind::Thumbnail,
        PreviewKind::Print => attachments::PreviewKind::Print,
    };
    blocking(&state, move |s| {
        let preview = s.with_portfolio(&id, |p| p.attachment_preview(attachment, kind))?;
        Ok(tauri::ipc::Response::new(preview.jpeg))
    })
    .await
}

#[tauri::command]
pub async fn list_witnesses(
    state: State<'_, Arc<AppState>>,
    id: String,
) -> Result<Vec<WitnessStatus>> {
    blocking(&state, move |s| s.with_portfolio(&id, |p| p.witnesses())).await
}

#[tauri::command]
pub async fn get_coverage(state: State<'_, Arc<AppState>>, id: String) -> Result<Coverage> {
    blocking(&state, move |s| s.with_portfolio(&id, |p| p.coverage())).await
}

/// The files, if the user chose each one; otherwise an error.
fn granted(s: &AppState, files: &[String]) -> Result<Vec<PathBuf>> {
    files.iter().map(|f| s.granted.check(f)).collect()
}

/// The portfolio file filter for dialogs.
pub const PORTFOLIO_FILES: Filter = Filter("Partnership Portfolio files", &["portfolio"]);
