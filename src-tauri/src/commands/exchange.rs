//! Exchange commands: submitting (learner), opening a learner's submission,
//! judging, feedback, sign-off and returning (assessor), receiving the
//! assessment (learner), verifying fingerprints, and the audit trail.

use super::blocking;
use super::evidence::PORTFOLIO_FILES;
use crate::dialogs;
use crate::state::AppState;
use partnership_portfolio::exchange::{
    exchange_file_name, AssessmentView, AuditEntry, Judgement, JudgementOutcome, OverallFeedback,
    Received, Role, SignOff, Submission, VerifyReport,
};
use partnership_portfolio::library::LibraryEntry;
use partnership_portfolio::Result;
use serde::Serialize;
use std::sync::Arc;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;

#[tauri::command]
pub async fn get_assessment(state: State<'_, Arc<AppState>>, id: String) -> Result<AssessmentView> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.assessment_view())
    })
    .await
}

/// A submission made, and where its file was written.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct Submitted {
    pub submission: Submission,
    pub path: String,
}

/// Learner: asks where to save the file for the assessor, then records the
/// submission (the declaration confirmed with `declared_name` on
/// `declared_on`) and writes the file there. `None` if the user cancels.
#[tauri::command]
pub async fn submit_portfolio<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Arc<AppState>>,
    id: String,
    declared_name: String,
    declared_on: String,
) -> Result<Option<Submitted>> {
    blocking(&state, move |s| {
        let suggested = s.with_portfolio(&id, |p| {
            let next = p.latest_submission()?.map_or(1, |s| s.version + 1);
            Ok(exchange_file_name(
                &p.profile()?.full_name,
                &p.standard().urn,
                next,
            ))
        })?;
        let Some(dest) = dialogs::save_file(
            &app,
            "Save the file for your assessor",
            &suggested,
            &[PORTFOLIO_FILES],
        ) else {
            return Ok(None);
        };
        s.with_portfolio(&id, |p| {
            let submission = p.submit(&declared_name, &declared_on)?;
            p.save_copy(&dest)?;
            Ok(Some(Submitted {
                submission,
                path: dialogs::shown(&dest),
            }))
        })
    })
    .await
}

/// Assessor: asks for a learner's file and opens it into the library as
/// the assessor's working copy (updating the copy of an earlier version).
/// Which copy it updates is known only once the file is checked, so every
/// assessor's copy in the library is closed and held closed meanwhile.
#[tauri::command]
pub async fn open_learner_submission<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Arc<AppState>>,
    assessor_name: String,
) -> Result<Option<LibraryEntry>> {
    blocking(&state, move |s| {
        let Some(incoming) =
            dialogs::pick_file(&app, "Open a learner's portfolio", &[PORTFOLIO_FILES])
        else {
            return Ok(None);
        };
        let copies: Vec<String> = s
            .library
            .list()?
            .into_iter()
            .filter(|e| e.role == Role::Assessor)
            .map(|e| e.id)
            .collect();
        let entry = s.with_all_closed(&copies, || {
            s.library.import_submission(&incoming, &assessor_name)
        })?;
        Ok(Some(entry))
    })
    .await
}

#[tauri::command]
pub async fn judge_item(
    state: State<'_, Arc<AppState>>,
    id: String,
    item: String,
    outcome: JudgementOutcome,
    feedback: String,
    assessor_name: String,
) -> Result<Judgement> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| {
            p.judge(&item, outcome, &feedback, Some(&assessor_name))
        })
    })
    .await
}

#[tauri::command]
pub async fn set_overall_feedback(
    state: State<'_, Arc<AppState>>,
    id: String,
    feedback: String,
    assessor_name: String,
) -> Result<OverallFeedback> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| {
            p.set_overall_feedback(&feedback, Some(&assessor_name))
        })
    })
    .await
}

#[tauri::command]
pub async fn sign_off(
    state: State<'_, Arc<AppState>>,
    id: String,
    assessor_name: String,
    signed_on: String,
) -> Result<SignOff> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.sign_off(&assessor_name, &signed_on))
    })
    .await
}

/// Assessor: asks where to save the file for the learner and writes it.
#[tauri::command]
pub async fn return_to_learner<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Arc<AppState>>,
    id: String,
    assessor_name: String,
) -> Result<Option<String>> {
    blocking(&state, move |s| {
        let suggested = s.with_portfolio(&id, |p| {
            let version = p.latest_submission()?.map_or(1, |s| s.version);
            let name = exchange_file_name(&p.profile()?.full_name, &p.standard().urn, version);
            Ok(name.replace(".portfolio", "-assessed.portfolio"))
        })?;
        let Some(dest) = dialogs::save_file(
            &app,
            "Save the assessment for the learner",
            &suggested,
            &[PORTFOLIO_FILES],
        ) else {
            return Ok(None);
        };
        s.with_portfolio(&id, |p| p.return_to_learner(&dest, Some(&assessor_name)))?;
        Ok(Some(dialogs::shown(&dest)))
    })
    .await
}

/// Learner: asks for the assessor's returned file and merges its judgements.
#[tauri::command]
pub async fn receive_assessment<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Arc<AppState>>,
    id: String,
) -> Result<Option<Received>> {
    blocking(&state, move |s| {
        let Some(incoming) = dialogs::pick_file(
            &app,
            "Open the assessment from your assessor",
            &[PORTFOLIO_FILES],
        ) else {
            return Ok(None);
        };
        Ok(Some(s.with_portfolio(&id, |p| p.receive(&incoming))?))
    })
    .await
}

#[tauri::command]
pub async fn verify_portfolio(state: State<'_, Arc<AppState>>, id: String) -> Result<VerifyReport> {
    blocking(&state, move |s| s.with_portfolio(&id, |p| p.verify())).await
}

#[tauri::command]
pub async fn get_audit_trail(
    state: State<'_, Arc<AppState>>,
    id: String,
) -> Result<Vec<AuditEntry>> {
    blocking(&state, move |s| s.with_portfolio(&id, |p| p.audit_trail())).await
}
