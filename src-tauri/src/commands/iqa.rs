//! The internal quality assurer's (IQA) commands: the assessor sends a
//! signed-off copy to the IQA, sees whether it is with them, and takes the
//! IQA's record in; the IQA opens the assessor's file through the gate into
//! an IQA copy in the library (bringing an earlier one up to date), samples
//! judgements, records and signs their decision, and returns the file.

use super::blocking;
use super::evidence::PORTFOLIO_FILES;
use super::exchange::{incoming, lock_with, open_into_library};
use crate::dialogs;
use crate::state::AppState;
use partnership_portfolio::exchange::{exchange_file_name, locked_file_name, Passphrase, Role};
use partnership_portfolio::iqa::{IqaDecision, IqaReceived, IqaSample, IqaSignOff};
use partnership_portfolio::library::LibraryEntry;
use partnership_portfolio::{Portfolio, Result};
use std::path::Path;
use std::sync::Arc;
use tauri::{AppHandle, Runtime, State};

/// The suggested name of a file between the assessor and the IQA: the
/// exchange file's name (without the learner's name when locked) with `tag`.
fn suggested_name(p: &Portfolio, locked: bool, tag: &str) -> Result<String> {
    let version = p.latest_submission()?.map_or(1, |s| s.version);
    let name = if locked {
        locked_file_name(&p.info()?.uid, &p.standard().urn, version, false)
    } else {
        exchange_file_name(&p.profile()?.full_name, &p.standard().urn, version)
    };
    Ok(name.replace(".portfolio", &format!("-{tag}.portfolio")))
}

/// Asks where to save a file between the assessor and the IQA (the save
/// dialog's `title`, and `tag` in the suggested name), then writes it with
/// `write`, locked with the passphrase `lock` if given (checked before the
/// dialog shows); the path, or `None` if the user cancels.
fn save_for<R: Runtime>(
    app: &AppHandle<R>,
    s: &AppState,
    id: &str,
    lock: Option<String>,
    (tag, title): (&str, &str),
    write: impl FnOnce(&mut Portfolio, &Path, Option<&Passphrase>) -> Result<u64>,
) -> Result<Option<String>> {
    let lock = lock_with(lock)?;
    let suggested = s.with_portfolio(id, |p| suggested_name(p, lock.is_some(), tag))?;
    let Some(dest) = dialogs::save_file(app, title, &suggested, &[PORTFOLIO_FILES]) else {
        return Ok(None);
    };
    s.with_portfolio(id, |p| write(p, &dest, lock.as_ref()))?;
    Ok(Some(dialogs::shown(&dest)))
}

/// Assessor: asks where to save the signed-off copy for the IQA and writes
/// it there, locked with the passphrase `lock` if given. `None` if the user
/// cancels.
#[tauri::command]
pub async fn send_to_iqa<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Arc<AppState>>,
    id: String,
    lock: Option<String>,
) -> Result<Option<String>> {
    blocking(&state, move |s| {
        save_for(
            &app,
            s,
            &id,
            lock,
            ("for-iqa", "Save the file for the internal quality assurer"),
            |p, dest, lock| p.send_to_iqa(dest, lock),
        )
    })
    .await
}

/// Assessor: whether the copy is with the IQA (sent, their return not
/// taken in yet).
#[tauri::command]
pub async fn get_with_iqa(state: State<'_, Arc<AppState>>, id: String) -> Result<bool> {
    blocking(&state, move |s| s.with_portfolio(&id, |p| p.with_iqa())).await
}

/// Assessor: takes in the IQA's record from the IQA's file (`file`, chosen
/// with `choose_exchange_file`, or asked for now); a locked file needs its
/// `passphrase` and is unlocked only in the library's folder.
#[tauri::command]
pub async fn receive_iqa<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Arc<AppState>>,
    id: String,
    file: Option<String>,
    passphrase: Option<String>,
) -> Result<Option<IqaReceived>> {
    blocking(&state, move |s| {
        let title = "Open the file from the internal quality assurer";
        let Some((incoming, _)) = incoming(&app, s, file, title)? else {
            return Ok(None);
        };
        let passphrase = passphrase.as_deref().map(Passphrase::new).transpose()?;
        let received =
            s.with_portfolio(&id, |p| p.receive_iqa_with(&incoming, passphrase.as_ref()))?;
        Ok(Some(received))
    })
    .await
}

/// IQA: opens an assessor's file sent for quality assurance (`file`, chosen
/// with `choose_exchange_file`, or asked for now) into the library as the
/// IQA's copy, bringing the IQA copy of an earlier sending of the same
/// portfolio up to date (keeping the IQA's record). Every IQA copy in the
/// library is closed and held closed meanwhile, as which one it updates is
/// known only once the file is checked.
#[tauri::command]
pub async fn open_for_iqa<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Arc<AppState>>,
    iqa_name: String,
    file: Option<String>,
    passphrase: Option<String>,
) -> Result<Option<LibraryEntry>> {
    blocking(&state, move |s| {
        open_into_library(
            &app,
            s,
            file,
            "Open an assessor's file for quality assurance",
            passphrase,
            Role::Iqa,
            |incoming, passphrase| s.library.import_for_iqa(incoming, passphrase, &iqa_name),
        )
    })
    .await
}

/// IQA: whether they agree with the assessor's judgement of `item`, with
/// feedback to the assessor (needed when they disagree).
#[tauri::command]
pub async fn iqa_sample(
    state: State<'_, Arc<AppState>>,
    id: String,
    item: String,
    agrees: bool,
    feedback: String,
) -> Result<IqaSample> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| p.iqa_sample(&item, agrees, &feedback))
    })
    .await
}

/// IQA: their overall decision (with the action required, if any), signed
/// with their name on `signed_on`, bound to what they sampled.
#[tauri::command]
pub async fn iqa_decide(
    state: State<'_, Arc<AppState>>,
    id: String,
    decision: IqaDecision,
    action: String,
    iqa_name: String,
    signed_on: String,
) -> Result<IqaSignOff> {
    blocking(&state, move |s| {
        s.with_portfolio(&id, |p| {
            p.iqa_decide(decision, &action, &iqa_name, Some(&signed_on))
        })
    })
    .await
}

/// IQA: asks where to save the file for the assessor and writes it, with
/// their record, locked with the passphrase `lock` if given.
#[tauri::command]
pub async fn iqa_return<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Arc<AppState>>,
    id: String,
    lock: Option<String>,
) -> Result<Option<String>> {
    blocking(&state, move |s| {
        save_for(
            &app,
            s,
            &id,
            lock,
            ("iqa", "Save the file for the assessor"),
            |p, dest, lock| p.iqa_return(dest, lock),
        )
    })
    .await
}
