//! Exchange commands: submitting (learner), opening a learner's submission,
//! judging, feedback, sign-off and returning (assessor), receiving the
//! assessment (learner), verifying fingerprints, and the audit trail.

use super::blocking;
use super::evidence::PORTFOLIO_FILES;
use crate::dialogs;
use crate::state::AppState;
use partnership_portfolio::exchange::{
    exchange_file_name, is_locked, locked_file_name, AssessmentView, AuditEntry, Judgement,
    JudgementOutcome, OverallFeedback, Passphrase, Received, Role, SignOff, Submission,
    VerifyReport,
};
use partnership_portfolio::library::LibraryEntry;
use partnership_portfolio::Result;
use serde::Serialize;
use std::path::PathBuf;
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
    /// Whether the file was locked with a passphrase.
    pub locked: bool,
}

/// The passphrase to lock a file with, if the user chose to (checked before
/// any dialog is shown).
pub(super) fn lock_with(lock: Option<String>) -> Result<Option<Passphrase>> {
    lock.as_deref().map(Passphrase::for_locking).transpose()
}

/// The file a command is to read: the granted one the UI names, or one the
/// user picks now (granted, so a second call can name it); `None` if the
/// user cancels.
pub(super) fn incoming<R: Runtime>(
    app: &AppHandle<R>,
    s: &AppState,
    file: Option<String>,
    title: &str,
) -> Result<Option<(PathBuf, String)>> {
    match file {
        Some(text) => Ok(Some((s.granted.check(&text)?, text))),
        None => Ok(
            dialogs::pick_file(app, title, &[PORTFOLIO_FILES]).map(|path| {
                let text = s.granted.grant(std::slice::from_ref(&path)).remove(0);
                (path, text)
            }),
        ),
    }
}

/// Learner: asks where to save the file for the assessor, then records the
/// submission (the declaration confirmed with `declared_name` on
/// `declared_on`) and writes the file there, locked with the passphrase
/// `lock` if given (the suggested name then leaves out the learner's name).
/// `None` if the user cancels.
#[tauri::command]
pub async fn submit_portfolio<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Arc<AppState>>,
    id: String,
    declared_name: String,
    declared_on: String,
    lock: Option<String>,
) -> Result<Option<Submitted>> {
    blocking(&state, move |s| {
        let lock = lock_with(lock)?;
        let suggested = s.with_portfolio(&id, |p| {
            let next = p.latest_submission()?.map_or(1, |s| s.version + 1);
            Ok(match lock {
                Some(_) => locked_file_name(&p.info()?.uid, &p.standard().urn, next, false),
                None => exchange_file_name(&p.profile()?.full_name, &p.standard().urn, next),
            })
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
            p.save_exchange_file(&dest, lock.as_ref())?;
            Ok(Some(Submitted {
                submission,
                path: dialogs::shown(&dest),
                locked: lock.is_some(),
            }))
        })
    })
    .await
}

/// A file chosen to open or receive: the text the UI is to name it by, and
/// whether it is locked with a passphrase (so the UI asks for it first).
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ChosenFile {
    pub file: String,
    pub locked: bool,
}

/// Asks for a portfolio file someone sent (a learner's submission, or an
/// assessment returned; `title` says which) and grants it. `None` if the user
/// cancels.
#[tauri::command]
pub async fn choose_exchange_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Arc<AppState>>,
    title: String,
) -> Result<Option<ChosenFile>> {
    blocking(&state, move |s| {
        let Some((path, file)) = incoming(&app, s, None, &title)? else {
            return Ok(None);
        };
        Ok(Some(ChosenFile {
            locked: is_locked(&path)?,
            file,
        }))
    })
    .await
}

/// Assessor: opens a learner's file (`file`, chosen with
/// [`choose_exchange_file`], or asked for now) into the library as the
/// assessor's working copy (updating the copy of an earlier version). A
/// locked file needs its `passphrase`, and is unlocked only inside the
/// library's folder. Which copy it updates is known only once the file is
/// checked, so every assessor's copy in the library is closed and held
/// closed meanwhile.
#[tauri::command]
pub async fn open_learner_submission<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Arc<AppState>>,
    assessor_name: String,
    file: Option<String>,
    passphrase: Option<String>,
) -> Result<Option<LibraryEntry>> {
    blocking(&state, move |s| {
        open_into_library(
            &app,
            s,
            file,
            "Open a learner's portfolio",
            passphrase,
            Role::Assessor,
            |incoming, passphrase| {
                s.library
                    .import_submission_with(incoming, passphrase, &assessor_name)
            },
        )
    })
    .await
}

/// Opens a file someone sent (`file`, granted, or one the user picks now
/// with `title`; a locked one unlocked with `passphrase`) into the library
/// with `import`, which may update a copy of `role` there: which one is
/// known only once the file is checked, so every copy of `role` in the
/// library is closed and held closed meanwhile. `None` if the user cancels.
pub(super) fn open_into_library<R: Runtime>(
    app: &AppHandle<R>,
    s: &AppState,
    file: Option<String>,
    title: &str,
    passphrase: Option<String>,
    role: Role,
    import: impl FnOnce(&std::path::Path, Option<&Passphrase>) -> Result<LibraryEntry>,
) -> Result<Option<LibraryEntry>> {
    let Some((incoming, _)) = incoming(app, s, file, title)? else {
        return Ok(None);
    };
    let passphrase = passphrase.as_deref().map(Passphrase::new).transpose()?;
    let copies: Vec<String> = s
        .library
        .list()?
        .into_iter()
        .filter(|e| e.role == role)
        .map(|e| e.id)
        .collect();
    let entry = s.with_all_closed(&copies, || import(&incoming, passphrase.as_ref()))?;
    Ok(Some(entry))
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

/// Assessor: asks where to save the file for the learner and writes it,
/// locked with the passphrase `lock` if given.
#[tauri::command]
pub async fn return_to_learner<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Arc<AppState>>,
    id: String,
    assessor_name: String,
    lock: Option<String>,
) -> Result<Option<String>> {
    blocking(&state, move |s| {
        let lock = lock_with(lock)?;
        let suggested = s.with_portfolio(&id, |p| {
            let version = p.latest_submission()?.map_or(1, |s| s.version);
            Ok(match lock {
                Some(_) => locked_file_name(&p.info()?.uid, &p.standard().urn, version, true),
                None => {
                    let name =
                        exchange_file_name(&p.profile()?.full_name, &p.standard().urn, version);
                    name.replace(".portfolio", "-assessed.portfolio")
                }
            })
        })?;
        let Some(dest) = dialogs::save_file(
            &app,
            "Save the assessment for the learner",
            &suggested,
            &[PORTFOLIO_FILES],
        ) else {
            return Ok(None);
        };
        s.with_portfolio(&id, |p| {
            p.return_to_learner_with(&dest, Some(&assessor_name), lock.as_ref())
        })?;
        Ok(Some(dialogs::shown(&dest)))
    })
    .await
}

/// Learner: merges the judgements of the assessor's returned file (`file`,
/// chosen with [`choose_exchange_file`], or asked for now). A locked file
/// needs its `passphrase` and is unlocked only beside the portfolio, in the
/// library's folder.
#[tauri::command]
pub async fn receive_assessment<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Arc<AppState>>,
    id: String,
    file: Option<String>,
    passphrase: Option<String>,
) -> Result<Option<Received>> {
    blocking(&state, move |s| {
        let title = "Open the assessment from your assessor";
        let Some((incoming, _)) = incoming(&app, s, file, title)? else {
            return Ok(None);
        };
        let received = match passphrase.as_deref().map(Passphrase::new).transpose()? {
            None => s.with_portfolio(&id, |p| p.receive(&incoming))?,
            Some(pass) => s.with_portfolio(&id, |p| p.receive_locked(&incoming, &pass))?,
        };
        Ok(Some(received))
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
