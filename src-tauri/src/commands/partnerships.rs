//! Partnership commands (issue 11): the register of partners and its
//! stakeholder map, a partnership's notes, agreements (with revisions),
//! health checks (the template, answers by respondent), action plan, evidence
//! made from any of them, and the blank health check form saved as a PDF
//! through a native save dialog. A respondent's answers and a note are
//! changed, and a note, agreement, health check or action removed (what the
//! removal would do is asked first, for the confirmation; each removal
//! answers the partnership as it is after). Each command calls one core
//! method; an assessor's copy refuses every write in the core (`read_only`).

use super::blocking;
use crate::dialogs::{self, Filter};
use crate::state::AppState;
use partnership_portfolio::evidence::Evidence;
use partnership_portfolio::export::{self, FormSummary};
use partnership_portfolio::partnerships::{
    Action, ActionInput, Agreement, AgreementInput, AgreementRevisionInput, AnswerInput,
    EvidenceDraft, HealthCheck, HealthCheckResponseInput, HealthCheckTemplate, MakeEvidence, Note,
    NoteInput, Partner, PartnerInput, PartnerSummary, Partnership, RecordKind, RemovalEffects,
    StakeholderMap, TEMPLATE,
};
use partnership_portfolio::{timestamp, Result};
use std::sync::Arc;
use tauri::{AppHandle, Runtime, State};

#[tauri::command]
pub async fn list_partners(
    state: State<'_, Arc<AppState>>,
    id: String,
) -> Result<Vec<PartnerSummary>> {
    blocking(&state, move |s| s.with_portfolio(&id, |p| p.partners())).await
}

#[tauri::command]
pub async fn get_stakeholder_map(
    state: State<'_, Arc<AppState>>,
    id: String,
) -> Result<StakeholderMap> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.stakeholder_map())
    })
    .await
}

/// A partnership's page: the partner, notes, agreements, checks, actions
/// and the evidence made from them.
#[tauri::command]
pub async fn get_partnership(
    state: State<'_, Arc<AppState>>,
    id: String,
    reference: String,
) -> Result<Partnership> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.partnership(&reference))
    })
    .await
}

#[tauri::command]
pub async fn get_partner(
    state: State<'_, Arc<AppState>>,
    id: String,
    reference: String,
) -> Result<Partner> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.partner(&reference))
    })
    .await
}

#[tauri::command]
pub async fn get_health_check(
    state: State<'_, Arc<AppState>>,
    id: String,
    reference: String,
) -> Result<HealthCheck> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.health_check(&reference))
    })
    .await
}

/// The health check's elements and statements (the same for every portfolio).
#[tauri::command]
pub fn health_check_template() -> HealthCheckTemplate {
    TEMPLATE
}

/// What "Make evidence" suggests for a source (`AG1`, `HC1`, `N1`, `PT1`, `map`).
#[tauri::command]
pub async fn get_evidence_draft(
    state: State<'_, Arc<AppState>>,
    id: String,
    source: String,
) -> Result<EvidenceDraft> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.evidence_draft(&source))
    })
    .await
}

#[tauri::command]
pub async fn add_partner(
    state: State<'_, Arc<AppState>>,
    id: String,
    input: PartnerInput,
) -> Result<Partner> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.add_partner(&input))
    })
    .await
}

#[tauri::command]
pub async fn update_partner(
    state: State<'_, Arc<AppState>>,
    id: String,
    reference: String,
    input: PartnerInput,
) -> Result<Partner> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.update_partner(&reference, &input))
    })
    .await
}

#[tauri::command]
pub async fn add_partnership_note(
    state: State<'_, Arc<AppState>>,
    id: String,
    partner: String,
    input: NoteInput,
) -> Result<Note> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.add_note(&partner, &input))
    })
    .await
}

/// Replaces a note's kind, date, text and who took part.
#[tauri::command]
pub async fn update_partnership_note(
    state: State<'_, Arc<AppState>>,
    id: String,
    reference: String,
    input: NoteInput,
) -> Result<Note> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.update_note(&reference, &input))
    })
    .await
}

/// What removing a note, agreement, health check or action (`N1`, `AG1`,
/// `HC1`, `AC1`) would do to the other records, for the confirmation.
#[tauri::command]
pub async fn get_removal_effects(
    state: State<'_, Arc<AppState>>,
    id: String,
    reference: String,
) -> Result<RemovalEffects> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.removal_effects(&reference))
    })
    .await
}

/// Removes a `kind` of record (its reference checked against the kind);
/// the partnership as it is after.
async fn remove_record(
    state: State<'_, Arc<AppState>>,
    id: String,
    kind: RecordKind,
    reference: String,
) -> Result<Partnership> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| {
            p.remove_partnership_record(kind, &reference)
                .map(|done| done.partnership)
        })
    })
    .await
}

#[tauri::command]
pub async fn remove_partnership_note(
    state: State<'_, Arc<AppState>>,
    id: String,
    reference: String,
) -> Result<Partnership> {
    remove_record(state, id, RecordKind::Note, reference).await
}

/// Removes an agreement with all its revisions.
#[tauri::command]
pub async fn remove_agreement(
    state: State<'_, Arc<AppState>>,
    id: String,
    reference: String,
) -> Result<Partnership> {
    remove_record(state, id, RecordKind::Agreement, reference).await
}

/// Removes a health check with all its answers; its actions stay in the plan.
#[tauri::command]
pub async fn remove_health_check(
    state: State<'_, Arc<AppState>>,
    id: String,
    reference: String,
) -> Result<Partnership> {
    remove_record(state, id, RecordKind::HealthCheck, reference).await
}

#[tauri::command]
pub async fn remove_partnership_action(
    state: State<'_, Arc<AppState>>,
    id: String,
    reference: String,
) -> Result<Partnership> {
    remove_record(state, id, RecordKind::Action, reference).await
}

#[tauri::command]
pub async fn add_agreement(
    state: State<'_, Arc<AppState>>,
    id: String,
    partner: String,
    input: AgreementInput,
) -> Result<Agreement> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.add_agreement(&partner, &input))
    })
    .await
}

#[tauri::command]
pub async fn revise_agreement(
    state: State<'_, Arc<AppState>>,
    id: String,
    reference: String,
    input: AgreementRevisionInput,
) -> Result<Agreement> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.revise_agreement(&reference, &input))
    })
    .await
}

/// One respondent's answers to the partnership's check on the input's
/// date, starting that check if there is none: each respondent is saved
/// whole or not at all.
#[tauri::command]
pub async fn record_health_check(
    state: State<'_, Arc<AppState>>,
    id: String,
    partner: String,
    input: HealthCheckResponseInput,
) -> Result<HealthCheck> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.record_health_check(&partner, &input))
    })
    .await
}

/// Replaces the answers of someone who answered check `reference` (a
/// mistake put right); their place among the respondents is kept.
#[tauri::command]
pub async fn change_health_check_answers(
    state: State<'_, Arc<AppState>>,
    id: String,
    reference: String,
    respondent: String,
    answers: Vec<AnswerInput>,
) -> Result<HealthCheck> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| {
            p.replace_health_check_response(&reference, &respondent, &answers)
        })
    })
    .await
}

#[tauri::command]
pub async fn add_partnership_action(
    state: State<'_, Arc<AppState>>,
    id: String,
    partner: String,
    input: ActionInput,
) -> Result<Action> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.add_action(&partner, &input))
    })
    .await
}

/// Marks an action done today, or not done.
#[tauri::command]
pub async fn set_action_done(
    state: State<'_, Arc<AppState>>,
    id: String,
    reference: String,
    done: bool,
) -> Result<Action> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.set_action_done(&reference, done, None))
    })
    .await
}

/// An evidence record made from a source, with what the learner chose.
#[tauri::command]
pub async fn make_partnership_evidence(
    state: State<'_, Arc<AppState>>,
    id: String,
    source: String,
    choices: MakeEvidence,
) -> Result<Evidence> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.make_evidence(&source, &choices))
    })
    .await
}

/// Asks where to save the blank health check form of a partnership for
/// `date` (today when empty) and writes it there; `None` if cancelled.
#[tauri::command]
pub async fn save_health_check_form<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Arc<AppState>>,
    id: String,
    partner: String,
    date: String,
) -> Result<Option<FormSummary>> {
    blocking(&state, move |s| {
        let date = match date.trim() {
            "" => timestamp::today(),
            d => timestamp::parse_date(d, "date of the health check")?,
        };
        // Asked first, so that a partner that does not exist is said before the dialog.
        s.with_portfolio(&id, |p| p.partner(&partner))?;
        let suggested = format!("health-check-form-{partner}-{date}.pdf");
        let Some(dest) = dialogs::save_file(
            &app,
            "Save the blank health check form",
            &suggested,
            &[Filter("PDF documents", &["pdf"])],
        ) else {
            return Ok(None);
        };
        let made_at = export::export_time()?;
        s.with_portfolio(&id, |p| {
            export::write_health_check_form(p, &partner, date, &dest, made_at).map(Some)
        })
    })
    .await
}
