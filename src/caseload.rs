//! An assessor's caseload: every portfolio file in one folder (an inbox, a
//! synced folder, where they keep their copies), one row each, with what is
//! waiting on it, sortable and filterable (`partnership-portfolio caseload`).
//!
//! The folder's files belong to others and are only looked at: each is
//! opened with [`Portfolio::open_untouched`] (read-only at the file level,
//! no migration, no recovery), never changed, moved or deleted, and no side
//! file is left beside it (a file another program left in write-ahead-log
//! mode is therefore not read). A file that cannot be read (damaged, made by
//! another program, too old or too new, in that mode) is listed as a row
//! with the reason in `problem`; it never stops the list.

use crate::error::{Error, Result};
use crate::exchange::audit::{self, AuditEvent};
use crate::exchange::Role;
use crate::storage::{Portfolio, EXTENSION};
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// What a portfolio file is waiting for. Decided from the file's role, its
/// submissions, judgements and sign-offs, and the audit trail's last
/// sending (its latest `returned`, `received`, `sent_to_iqa`,
/// `iqa_returned` or `iqa_received` entry), first match wins:
///
/// A learner's own file: `draft` if never submitted; `returned` if its
/// latest audit sending is the assessment received back (`received`) and no
/// submission came after it; otherwise `not_yet_judged` (submitted, waiting
/// for the assessor).
///
/// An assessor's copy: `with_iqa` if the last sending is `sent_to_iqa`
/// (no IQA record taken back since); `returned` if the last sending is
/// `returned` to the learner for the latest version; `signed_off` if the
/// latest version is signed off; `not_yet_judged` if the latest version has
/// no judgement and no earlier one has any; `resubmitted_with_changes` if
/// the latest version has no judgement but an earlier version was judged;
/// otherwise `judged` (judged, not signed off).
///
/// An IQA's copy: `returned` once the IQA wrote it back (`iqa_returned`),
/// otherwise `with_iqa`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Waiting {
    NotYetJudged,
    ResubmittedWithChanges,
    Judged,
    SignedOff,
    WithIqa,
    Returned,
    Draft,
}

impl Waiting {
    pub const ALL: [Waiting; 7] = [
        Waiting::NotYetJudged,
        Waiting::ResubmittedWithChanges,
        Waiting::Judged,
        Waiting::SignedOff,
        Waiting::WithIqa,
        Waiting::Returned,
        Waiting::Draft,
    ];

    /// The state's key, as `--waiting` and the JSON spell it.
    pub fn key(self) -> &'static str {
        match self {
            Waiting::NotYetJudged => "not_yet_judged",
            Waiting::ResubmittedWithChanges => "resubmitted_with_changes",
            Waiting::Judged => "judged",
            Waiting::SignedOff => "signed_off",
            Waiting::WithIqa => "with_iqa",
            Waiting::Returned => "returned",
            Waiting::Draft => "draft",
        }
    }

    /// The state in words, for the table.
    pub fn label(self) -> &'static str {
        match self {
            Waiting::NotYetJudged => "not yet judged",
            Waiting::ResubmittedWithChanges => "resubmitted with changes",
            Waiting::Judged => "judged, not signed off",
            Waiting::SignedOff => "signed off",
            Waiting::WithIqa => "with the IQA",
            Waiting::Returned => "returned",
            Waiting::Draft => "not submitted",
        }
    }

    /// Parses a key (`not_yet_judged`, or with hyphens).
    pub fn parse(text: &str) -> Result<Waiting> {
        let key = text.trim().replace('-', "_");
        Waiting::ALL
            .into_iter()
            .find(|w| w.key() == key)
            .ok_or_else(|| {
                let keys: Vec<&str> = Waiting::ALL.iter().map(|w| w.key()).collect();
                Error::invalid_input(format!(
                    "\"{text}\" is not a waiting state; use one of {}.",
                    keys.join(", ")
                ))
            })
    }
}

/// One portfolio file of a caseload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CaseloadRow {
    /// The file's name in the folder.
    pub file: String,
    /// Empty when the file could not be read (see `problem`).
    pub learner: String,
    /// The learner's centre, if their profile names one.
    pub centre: String,
    pub title: String,
    /// Whose copy: the learner's file, an assessor's copy or an IQA copy.
    pub role: Option<Role>,
    /// The latest submitted version.
    pub version: Option<u32>,
    pub waiting: Option<Waiting>,
    /// When the latest audit entry was made (none before any exchange).
    pub last_action_at: Option<String>,
    /// Plan items past their target date with no evidence, in order.
    pub overdue: Vec<String>,
    /// Why the file could not be read, if it could not.
    pub problem: Option<Error>,
}

/// How to order the rows (ties keep the file name order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Learner's name, A to Z.
    #[default]
    Learner,
    /// By waiting state, in [`Waiting`]'s order (what needs the assessor first).
    Waiting,
    /// Most recent last action first.
    LastAction,
    /// Most overdue plan targets first.
    Overdue,
}

impl SortBy {
    pub fn parse(text: &str) -> Result<SortBy> {
        match text.trim() {
            "learner" => Ok(SortBy::Learner),
            "waiting" => Ok(SortBy::Waiting),
            "last-action" | "last_action" => Ok(SortBy::LastAction),
            "overdue" => Ok(SortBy::Overdue),
            other => Err(Error::invalid_input(format!(
                "\"{other}\" is not a sort key; use learner, waiting, last-action or overdue."
            ))),
        }
    }
}

/// Lists the portfolio files in `dir` (not its subfolders), sorted by
/// `sort`, keeping only those waiting in `waiting` if given (rows with a
/// problem are kept whatever the filter, so nothing unreadable goes
/// unnoticed). Fails only if the folder itself cannot be read.
pub fn caseload(dir: &Path, sort: SortBy, waiting: Option<Waiting>) -> Result<Vec<CaseloadRow>> {
    let read = std::fs::read_dir(dir).map_err(|e| Error::io(dir, &e))?;
    let mut rows = Vec::new();
    for dirent in read {
        let dirent = dirent.map_err(|e| Error::io(dir, &e))?;
        let path = dirent.path();
        let name = dirent.file_name().to_string_lossy().into_owned();
        let is_portfolio = path.extension().is_some_and(|e| e == EXTENSION);
        if !is_portfolio || name.starts_with('.') || !path.is_file() {
            continue; // temporary files (".new-…"), folders, anything else
        }
        let row = row_of(&path, name);
        if waiting.is_none() || row.problem.is_some() || row.waiting == waiting {
            rows.push(row);
        }
    }
    rows.sort_by(|a, b| a.file.cmp(&b.file));
    match sort {
        SortBy::Learner => rows.sort_by(|a, b| a.learner.cmp(&b.learner)),
        SortBy::Waiting => rows.sort_by_key(|r| (r.waiting.is_none(), r.waiting)),
        SortBy::LastAction => rows.sort_by(|a, b| b.last_action_at.cmp(&a.last_action_at)),
        SortBy::Overdue => rows.sort_by_key(|r| std::cmp::Reverse(r.overdue.len())),
    }
    Ok(rows)
}

/// One file's row; a file that cannot be read gives a row with `problem`.
pub fn row_of(path: &Path, file: String) -> CaseloadRow {
    let mut row = CaseloadRow {
        file,
        learner: String::new(),
        centre: String::new(),
        title: String::new(),
        role: None,
        version: None,
        waiting: None,
        last_action_at: None,
        overdue: Vec::new(),
        problem: None,
    };
    if let Err(e) = fill(path, &mut row) {
        row.problem = Some(e);
    }
    row
}

fn fill(path: &Path, row: &mut CaseloadRow) -> Result<()> {
    let p = Portfolio::open_untouched(path)?;
    let profile = p.profile()?;
    let role = p.role()?;
    let latest = p.latest_submission()?.map(|s| s.version);
    let audit = p.audit_trail()?;
    let last_sending = audit::last_sending(&audit);
    let waiting = match role {
        Role::Learner => match latest {
            None => Waiting::Draft,
            Some(v) => match last_sending {
                Some(a) if a.event == AuditEvent::Received && a.version >= Some(v) => {
                    Waiting::Returned
                }
                _ => Waiting::NotYetJudged,
            },
        },
        Role::Iqa => match last_sending {
            Some(a) if a.event == AuditEvent::IqaReturned => Waiting::Returned,
            _ => Waiting::WithIqa,
        },
        Role::Assessor => {
            let sending = last_sending.map(|a| (a.event, a.version));
            match (sending, latest) {
                (Some((AuditEvent::SentToIqa, _)), _) => Waiting::WithIqa,
                (Some((AuditEvent::Returned, v)), Some(l)) if v >= Some(l) => Waiting::Returned,
                (_, None) => Waiting::NotYetJudged,
                (_, Some(l)) => {
                    if p.latest_sign_off()?.is_some_and(|s| s.version == l) {
                        Waiting::SignedOff
                    } else if !p.judgements(Some(l))?.is_empty() {
                        Waiting::Judged
                    } else if p.changes_since_last_judged()?.is_some() {
                        Waiting::ResubmittedWithChanges
                    } else {
                        Waiting::NotYetJudged
                    }
                }
            }
        }
    };
    row.learner = profile.full_name;
    row.centre = profile.centre;
    row.title = p.info()?.title;
    row.role = Some(role);
    row.version = latest;
    row.waiting = Some(waiting);
    row.last_action_at = audit.last().map(|a| a.at.clone());
    row.overdue = p.assessment_plan()?.overdue;
    Ok(())
}

/// An assessor's copy in the app's library as a caseload row, with its id
/// in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LibraryCaseloadRow {
    pub id: String,
    pub row: CaseloadRow,
}

/// The assessor's copies kept in the app's library, as a caseload (by
/// learner); learners' own portfolios and unreadable files are left to the
/// library's own listing.
pub fn library_caseload(library: &crate::library::Library) -> Result<Vec<LibraryCaseloadRow>> {
    Ok(
        caseload(&library.portfolios_folder(), SortBy::Learner, None)?
            .into_iter()
            .filter(|r| r.role == Some(Role::Assessor))
            .filter_map(|row| {
                let id = row.file.strip_suffix(&format!(".{EXTENSION}"))?.to_string();
                Some(LibraryCaseloadRow { id, row })
            })
            .collect(),
    )
}
