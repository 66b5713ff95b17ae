//! Agreements with a partner, kept current: the shared aims, the working
//! arrangements, the key performance measures and the methods for
//! monitoring and evaluation (the words of P4), the date agreed and a
//! review-by date. Revising one (P8: "revise these agreements so that they
//! remain current") adds a version that says what changed and why, on what
//! date; earlier versions are never changed. An agreement whose current
//! review-by date has passed is overdue. References `AG1`, `AG2`, ...

use super::register::partner_id;
use super::{RecordKind, MAX_TEXT_CHARS};
use crate::error::{Error, Result};
use crate::storage::{Change, Portfolio, Role};
use crate::text::multi_line;
use jiff::civil::Date;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A new agreement, as the form (or the CLI) gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgreementInput {
    /// The shared aims.
    pub aims: String,
    /// The working arrangements.
    pub arrangements: String,
    /// The key performance measures.
    pub measures: String,
    /// The methods for monitoring and evaluation.
    pub monitoring: String,
    /// The date agreed, YYYY-MM-DD.
    pub agreed_on: String,
    /// The date by which it should be reviewed: on or after the date agreed.
    pub review_by: String,
}

/// A revision: what changed and why; any of the texts and the review-by
/// date may change with it (those left `None` stay as they are).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgreementRevisionInput {
    pub what_changed: String,
    pub why: String,
    /// The date of the revision; today when not given.
    #[serde(default)]
    pub revised_on: Option<String>,
    #[serde(default)]
    pub aims: Option<String>,
    #[serde(default)]
    pub arrangements: Option<String>,
    #[serde(default)]
    pub measures: Option<String>,
    #[serde(default)]
    pub monitoring: Option<String>,
    #[serde(default)]
    pub review_by: Option<String>,
}

/// One version of an agreement's text: version 1 as first agreed, each later
/// one a revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgreementVersion {
    pub version: u32,
    /// The date agreed (version 1) or revised.
    pub date: String,
    pub aims: String,
    pub arrangements: String,
    pub measures: String,
    pub monitoring: String,
    pub review_by: String,
    /// What changed in this revision (empty for version 1).
    pub what_changed: String,
    /// Why (empty for version 1).
    pub why: String,
}

/// An agreement with a partner: its current text first, then every version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Agreement {
    /// `AG1`, `AG2`, ...
    pub reference: String,
    pub number: u32,
    /// The partner (`PT1`) and its name.
    pub partner: String,
    pub partner_name: String,
    /// The date first agreed.
    pub agreed_on: String,
    /// The current text (the latest version).
    pub current: AgreementVersion,
    /// Every version, oldest (as first agreed) first.
    pub versions: Vec<AgreementVersion>,
    /// The current review-by date has passed.
    pub overdue: bool,
    pub created_at: String,
    pub updated_at: String,
}

impl Agreement {
    /// Revisions made (versions after the first).
    pub fn revisions(&self) -> &[AgreementVersion] {
        &self.versions[1..]
    }
}

/// One of an agreement's texts, cleaned; `what` names it ("shared aims").
pub(crate) fn text(value: &str, what: &str) -> Result<String> {
    let t = multi_line(value, what, MAX_TEXT_CHARS)?;
    if t.trim().is_empty() {
        return Err(Error::invalid_input(format!(
            "An agreement needs its {what}."
        )));
    }
    Ok(t)
}

/// A revision's "what changed" and "why", cleaned; both are needed.
pub(crate) fn clean_reason(what_changed: &str, why: &str) -> Result<(String, String)> {
    let what_changed = multi_line(what_changed, "what changed", MAX_TEXT_CHARS)?;
    let why = multi_line(why, "reason for the revision", MAX_TEXT_CHARS)?;
    if what_changed.trim().is_empty() || why.trim().is_empty() {
        return Err(Error::invalid_input(
            "A revision says what changed and why.",
        ));
    }
    Ok((what_changed, why))
}

fn dates(agreed_on: &str, review_by: &str, agreed_what: &str) -> Result<(Date, Date)> {
    let agreed = crate::timestamp::parse_date(agreed_on, agreed_what)?;
    let review = crate::timestamp::parse_date(review_by, "review-by date")?;
    if review < agreed {
        return Err(Error::invalid_input(format!(
            "The review-by date {review} is before the {agreed_what} {agreed}; an agreement is reviewed after it is made."
        )));
    }
    Ok((agreed, review))
}

fn agreement_id(conn: &rusqlite::Connection, number: u32) -> Result<i64> {
    conn.query_row("SELECT id FROM agreement WHERE id = ?1", [number], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| {
        Error::not_found(format!(
            "There is no agreement {} in this portfolio.",
            RecordKind::Agreement.reference(number)
        ))
    })
}

impl Portfolio {
    /// Records an agreement with a partner.
    pub fn add_agreement(&mut self, partner: &str, input: &AgreementInput) -> Result<Agreement> {
        let partner_number = RecordKind::Partner.parse(partner)?;
        let aims = text(&input.aims, "shared aims")?;
        let arrangements = text(&input.arrangements, "working arrangements")?;
        let measures = text(&input.measures, "key performance measures")?;
        let monitoring = text(&input.monitoring, "methods for monitoring and evaluation")?;
        let (agreed, review) = dates(&input.agreed_on, &input.review_by, "date agreed")?;
        let number = self.write(Role::Learner, |w| {
            let pid = partner_id(w.tx(), partner_number)?;
            w.tx().execute(
                "INSERT INTO agreement (partner_id, created_at, updated_at) VALUES (?1, ?2, ?2)",
                (pid, w.now()),
            )?;
            let id = w.tx().last_insert_rowid();
            w.tx().execute(
                "INSERT INTO agreement_version (agreement_id, version, made_on, aims, arrangements, measures, monitoring,
                                                review_by, created_at)
                 VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                (
                    id,
                    agreed.to_string(),
                    &aims,
                    &arrangements,
                    &measures,
                    &monitoring,
                    review.to_string(),
                    w.now(),
                ),
            )?;
            let r = RecordKind::Agreement.reference(id as u32);
            w.record(Change::partnership(&r, "added", Some(&aims)))?;
            Ok(id as u32)
        })?;
        self.agreement(&RecordKind::Agreement.reference(number))
    }

    /// Revises an agreement: a new version with what changed and why; the
    /// earlier text is kept as it was.
    pub fn revise_agreement(
        &mut self,
        reference: &str,
        input: &AgreementRevisionInput,
    ) -> Result<Agreement> {
        let before = self.agreement(reference)?;
        let (what_changed, why) = clean_reason(&input.what_changed, &input.why)?;
        let revised_on = match input.revised_on.as_deref().map(str::trim) {
            None | Some("") => crate::timestamp::today(),
            Some(d) => crate::timestamp::parse_date(d, "date of the revision")?,
        };
        let previous = &before.current;
        let previous_date = crate::timestamp::parse_date(&previous.date, "date")?;
        if revised_on < previous_date {
            return Err(Error::invalid_input(format!(
                "The revision's date {revised_on} is before {} ({}); a revision comes after what it revises.",
                previous.date,
                if previous.version == 1 {
                    "the date agreed".to_string()
                } else {
                    format!("revision {}", previous.version - 1)
                }
            )));
        }
        let or_keep = |new: &Option<String>, old: &str, what: &str| -> Result<String> {
            match new {
                Some(t) => text(t, what),
                None => Ok(old.to_string()),
            }
        };
        let aims = or_keep(&input.aims, &previous.aims, "shared aims")?;
        let arrangements = or_keep(
            &input.arrangements,
            &previous.arrangements,
            "working arrangements",
        )?;
        let measures = or_keep(
            &input.measures,
            &previous.measures,
            "key performance measures",
        )?;
        let monitoring = or_keep(
            &input.monitoring,
            &previous.monitoring,
            "methods for monitoring and evaluation",
        )?;
        let review_by = input.review_by.as_deref().unwrap_or(&previous.review_by);
        let (_, review) = dates(&before.agreed_on, review_by, "date agreed")?;
        if review < revised_on {
            return Err(Error::invalid_input(format!(
                "The review-by date {review} is before the revision's date {revised_on}; give a later review-by date."
            )));
        }
        let number = before.number;
        self.write(Role::Learner, |w| {
            let id = agreement_id(w.tx(), number)?;
            let version = previous.version + 1;
            w.tx().execute(
                "INSERT INTO agreement_version (agreement_id, version, made_on, aims, arrangements, measures, monitoring,
                                                review_by, what_changed, why, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                (
                    id,
                    version,
                    revised_on.to_string(),
                    &aims,
                    &arrangements,
                    &measures,
                    &monitoring,
                    review.to_string(),
                    &what_changed,
                    &why,
                    w.now(),
                ),
            )?;
            w.tx().execute(
                "UPDATE agreement SET updated_at = ?1 WHERE id = ?2",
                (w.now(), id),
            )?;
            let r = RecordKind::Agreement.reference(number);
            w.record(Change::partnership(&r, "revised", Some(&what_changed)))
        })?;
        self.agreement(reference)
    }

    /// Removes an agreement with all its versions.
    pub fn remove_agreement(&mut self, reference: &str) -> Result<()> {
        let number = RecordKind::Agreement.parse(reference)?;
        self.write(Role::Learner, |w| {
            let id = agreement_id(w.tx(), number)?;
            w.tx()
                .execute("DELETE FROM agreement WHERE id = ?1", [id])?;
            let r = RecordKind::Agreement.reference(number);
            w.record(Change::partnership(&r, "removed", None))
        })
    }

    /// One agreement with its versions.
    pub fn agreement(&self, reference: &str) -> Result<Agreement> {
        let number = RecordKind::Agreement.parse(reference)?;
        let id = agreement_id(&self.conn, number)?;
        self.read_agreement(id, crate::timestamp::today())
    }

    /// Agreements in reference order: a partnership's (`Some(PT1)`) or
    /// all; only the overdue ones when `overdue_only`.
    pub fn agreements_of(
        &self,
        partner: Option<&str>,
        overdue_only: bool,
    ) -> Result<Vec<Agreement>> {
        self.agreements_as_of(partner, overdue_only, crate::timestamp::today())
    }

    /// As [`Portfolio::agreements_of`], with overdue judged on `today`.
    pub fn agreements_as_of(
        &self,
        partner: Option<&str>,
        overdue_only: bool,
        today: Date,
    ) -> Result<Vec<Agreement>> {
        let pid = partner
            .map(|p| partner_id(&self.conn, RecordKind::Partner.parse(p)?))
            .transpose()?;
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM agreement WHERE ?1 IS NULL OR partner_id = ?1 ORDER BY id")?;
        let ids: Vec<i64> = stmt
            .query_map([pid], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for id in ids {
            let a = self.read_agreement(id, today)?;
            if a.overdue || !overdue_only {
                out.push(a);
            }
        }
        Ok(out)
    }

    fn read_agreement(&self, id: i64, today: Date) -> Result<Agreement> {
        let (partner_number, partner_name, created_at, updated_at): (u32, String, String, String) =
            self.conn.query_row(
                "SELECT a.partner_id, p.name, a.created_at, a.updated_at FROM agreement a
                 JOIN partner p ON p.id = a.partner_id WHERE a.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT version, made_on, aims, arrangements, measures, monitoring, review_by, what_changed, why
             FROM agreement_version WHERE agreement_id = ?1 ORDER BY version",
        )?;
        let versions: Vec<AgreementVersion> = stmt
            .query_map([id], |r| {
                Ok(AgreementVersion {
                    version: r.get(0)?,
                    date: super::stored_date(r, 1, "date of an agreement")?,
                    aims: r.get(2)?,
                    arrangements: r.get(3)?,
                    measures: r.get(4)?,
                    monitoring: r.get(5)?,
                    review_by: super::stored_date(r, 6, "review-by date of an agreement")?,
                    what_changed: r.get(7)?,
                    why: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let number = id as u32;
        let current = versions.last().cloned().ok_or_else(|| {
            crate::storage::header::damaged(
                self.path(),
                &format!(
                    "agreement {} has no text",
                    RecordKind::Agreement.reference(number)
                ),
            )
        })?;
        let overdue = current.review_by < today.to_string();
        Ok(Agreement {
            reference: RecordKind::Agreement.reference(number),
            number,
            partner: RecordKind::Partner.reference(partner_number),
            partner_name,
            agreed_on: versions[0].date.clone(),
            current,
            versions,
            overdue,
            created_at,
            updated_at,
        })
    }
}
