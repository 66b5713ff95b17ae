//! Progress reviews between learner and assessor: the date, what has been
//! achieved since the last review (filled in by the app from the file's own
//! records: items rated, evidence added, judgements made), what is next with
//! a target date, notes, and both people's names; each party signs with a
//! row of its own.
//!
//! Either party may write a review in their own file; it is that party's
//! row (`progress_review`, owned by `written_by`, known by a unique id in
//! every copy) and carries the writer's signature (`review_signature`, owned
//! by the signing party). The other party countersigns in their own file
//! ([`Portfolio::sign_review`]). Reviews are kept in order of their date
//! (then of writing) and numbered R1, R2, ... in that order.

use crate::error::{Error, Result};
use crate::exchange::AuditEvent;
use crate::storage::{Portfolio, Role};
use crate::text::{multi_line, required_line, MAX_NAME_CHARS};
use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

/// The longest text of a review's fields.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// A review as people give it.
#[derive(Debug, Clone, Default)]
pub struct ReviewInput {
    /// The date of the review (YYYY-MM-DD); `None`: today.
    pub held_on: Option<String>,
    pub next_steps: String,
    /// The target date of what is next (YYYY-MM-DD).
    pub next_target: String,
    pub notes: String,
    pub learner_name: String,
    pub assessor_name: String,
}

/// A party's signature of a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReviewSignature {
    pub party: Role,
    pub name: String,
    pub signed_at: String,
}

/// A progress review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProgressReview {
    /// R1, R2, ... in order of the reviews' dates.
    pub reference: String,
    pub uid: String,
    pub written_by: Role,
    pub held_on: String,
    /// What was achieved since the last review, as the app found it.
    pub achieved: String,
    pub next_steps: String,
    pub next_target: String,
    pub notes: String,
    pub learner_name: String,
    pub assessor_name: String,
    pub created_at: String,
    /// The learner's and the assessor's signatures (learner first).
    pub signatures: Vec<ReviewSignature>,
}

impl ProgressReview {
    /// `party`'s signature, if they have signed.
    pub fn signature(&self, party: Role) -> Option<&ReviewSignature> {
        self.signatures.iter().find(|s| s.party == party)
    }
}

fn text(value: &str, what: &str) -> Result<String> {
    multi_line(value, what, MAX_TEXT_CHARS)
}

/// A review's typed text, cleaned by the app's rules: (what is next, its
/// target date, notes, learner's name, assessor's name).
pub(crate) fn clean(input: &ReviewInput) -> Result<(String, String, String, String, String)> {
    let next = text(&input.next_steps, "what is next")?;
    if next.trim().is_empty() {
        return Err(Error::invalid_input(
            "Say what is next after the review (--next).",
        ));
    }
    let target = crate::timestamp::parse_date(&input.next_target, "target date")?.to_string();
    let notes = text(&input.notes, "review's notes")?;
    let learner = required_line(
        &input.learner_name,
        "learner's name",
        MAX_NAME_CHARS,
        "Give the learner's name for the review.",
    )?;
    let assessor = required_line(
        &input.assessor_name,
        "assessor's name",
        MAX_NAME_CHARS,
        "Give the assessor's name for the review.",
    )?;
    Ok((next, target, notes, learner, assessor))
}

impl Portfolio {
    /// Every review, in order (R1 first), with their signatures.
    pub fn progress_reviews(&self) -> Result<Vec<ProgressReview>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT uid, written_by, held_on, achieved, next_steps, next_target, notes, learner_name,
                    assessor_name, created_at
             FROM progress_review ORDER BY held_on, created_at, uid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ProgressReview {
                reference: String::new(),
                uid: r.get(0)?,
                written_by: r.get(1)?,
                held_on: r.get(2)?,
                achieved: r.get(3)?,
                next_steps: r.get(4)?,
                next_target: r.get(5)?,
                notes: r.get(6)?,
                learner_name: r.get(7)?,
                assessor_name: r.get(8)?,
                created_at: r.get(9)?,
                signatures: Vec::new(),
            })
        })?;
        let mut reviews: Vec<ProgressReview> = rows.collect::<rusqlite::Result<_>>()?;
        let mut signatures = self.conn.prepare_cached(
            "SELECT party, name, signed_at FROM review_signature WHERE review_uid = ?1
             ORDER BY party = 'assessor', party",
        )?;
        for (n, review) in reviews.iter_mut().enumerate() {
            review.reference = format!("R{}", n + 1);
            let rows = signatures.query_map([&review.uid], |r| {
                Ok(ReviewSignature {
                    party: r.get(0)?,
                    name: r.get(1)?,
                    signed_at: r.get(2)?,
                })
            })?;
            review.signatures = rows.collect::<rusqlite::Result<_>>()?;
        }
        Ok(reviews)
    }

    /// Writes a progress review as this file's party, signed by them; what
    /// was achieved since the last review is filled in from the file.
    pub fn add_review(&mut self, input: &ReviewInput) -> Result<ProgressReview> {
        let (next, target, notes, learner, assessor) = clean(input)?;
        let held_on = match input.held_on.as_deref().map(str::trim) {
            None | Some("") => crate::timestamp::today().to_string(),
            Some(d) => crate::timestamp::parse_date(d, "review's date")?.to_string(),
        };
        let role = self.role()?.cycle_party()?;
        let uid = uuid::Uuid::new_v4().to_string();
        self.write(role, |w| {
            let achieved = w.achieved_since_last_review()?;
            w.tx().execute(
                "INSERT INTO progress_review (uid, written_by, held_on, achieved, next_steps, next_target, notes,
                     learner_name, assessor_name, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                (
                    &uid, w.role(), &held_on, &achieved, &next, &target, &notes, &learner, &assessor,
                    w.now(),
                ),
            )?;
            let signer = match w.role() {
                Role::Learner => &learner,
                Role::Assessor | Role::Iqa => &assessor,
            };
            w.tx().execute(
                "INSERT INTO review_signature (review_uid, party, name, signed_at) VALUES (?1, ?2, ?3, ?4)",
                (&uid, w.role(), signer, w.now()),
            )?;
            w.audit(AuditEvent::ReviewAdded, signer, None, &held_on)?;
            Ok(())
        })?;
        self.progress_reviews()?
            .into_iter()
            .find(|r| r.uid == uid)
            .ok_or_else(|| Error::internal("the review just written is missing"))
    }

    /// Signs review `reference` (R1, R2, ...) as this file's party, by `name`.
    pub fn sign_review(&mut self, reference: &str, name: &str) -> Result<ProgressReview> {
        let name = crate::assessment_plan::clean_name(name, "Type your name to sign the review.")?;
        let review = self
            .progress_reviews()?
            .into_iter()
            .find(|r| r.reference.eq_ignore_ascii_case(reference.trim()))
            .ok_or_else(|| {
                Error::not_found(format!(
                    "There is no progress review {} in this portfolio.",
                    reference.trim()
                ))
            })?;
        let role = self.role()?.cycle_party()?;
        if review.signature(role).is_some() {
            return Ok(review);
        }
        self.write(role, |w| {
            w.tx().execute(
                "INSERT INTO review_signature (review_uid, party, name, signed_at) VALUES (?1, ?2, ?3, ?4)",
                (&review.uid, w.role(), &name, w.now()),
            )?;
            w.audit(AuditEvent::ReviewSigned, &name, None, &review.held_on)
        })?;
        self.progress_reviews()?
            .into_iter()
            .find(|r| r.uid == review.uid)
            .ok_or_else(|| Error::internal("the review just signed is missing"))
    }

    /// What changed since the last review was written (or since the
    /// portfolio was started): items rated, evidence added, judgements.
    fn achieved_since_last_review(&self) -> Result<String> {
        let since: Option<String> = self
            .conn
            .query_row("SELECT max(created_at) FROM progress_review", [], |r| {
                r.get(0)
            })
            .optional()?
            .flatten();
        let since = since.unwrap_or_default();
        let list = |sql: &str| -> Result<Vec<String>> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map([&since], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let rated = list(
            "SELECT h.item_id FROM history h JOIN standard_item i ON i.id = h.item_id
             WHERE h.subject = 'self_assessment' AND h.field = 'rating' AND h.at > ?1
             GROUP BY h.item_id ORDER BY min(i.position)",
        )?;
        let evidence = list("SELECT 'E' || id FROM evidence WHERE created_at > ?1 ORDER BY id")?;
        // Per version judged: how many met, and which are not yet met.
        let judged = list(
            "SELECT 'version ' || j.version || ': ' || sum(j.outcome = 'met') || ' met'
                 || CASE WHEN sum(j.outcome != 'met') > 0
                    THEN ', not yet met ' || group_concat(CASE WHEN j.outcome != 'met' THEN j.item_id END, ', ')
                    ELSE '' END
             FROM (SELECT j.* FROM judgement j JOIN standard_item i ON i.id = j.item_id
                   WHERE j.judged_at > ?1 ORDER BY j.version, i.position) j
             GROUP BY j.version ORDER BY j.version",
        )?;
        let mut lines = Vec::new();
        if !rated.is_empty() {
            lines.push(format!("Items rated: {}.", rated.join(", ")));
        }
        if !evidence.is_empty() {
            lines.push(format!("Evidence added: {}.", evidence.join(", ")));
        }
        if !judged.is_empty() {
            lines.push(format!("Judgements: {}.", judged.join("; ")));
        }
        if lines.is_empty() {
            lines.push("Nothing new recorded since the last review.".into());
        }
        Ok(lines.join("\n"))
    }
}

/// The learner's own reviews and signatures, as the canonical content holds
/// them (`None` if there are none).
#[derive(Serialize)]
pub(crate) struct LearnersReviews {
    pub reviews: Vec<serde_json::Value>,
    pub signatures: Vec<(String, String)>,
}

impl Portfolio {
    pub(crate) fn learners_reviews(&self) -> Result<Option<LearnersReviews>> {
        let reviews: Vec<serde_json::Value> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT uid, held_on, achieved, next_steps, next_target, notes, learner_name, assessor_name
                 FROM progress_review WHERE written_by = 'learner' ORDER BY held_on, created_at, uid",
            )?;
            let rows = stmt.query_map([], |r| {
                let field = |i: usize| r.get::<_, String>(i);
                Ok(serde_json::json!({
                    "uid": field(0)?, "held_on": field(1)?, "achieved": field(2)?,
                    "next_steps": field(3)?, "next_target": field(4)?, "notes": field(5)?,
                    "learner_name": field(6)?, "assessor_name": field(7)?,
                }))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let signatures: Vec<(String, String)> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT review_uid, name FROM review_signature WHERE party = 'learner' ORDER BY review_uid",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if reviews.is_empty() && signatures.is_empty() {
            return Ok(None);
        }
        Ok(Some(LearnersReviews {
            reviews,
            signatures,
        }))
    }
}
