//! The assessment cycle in the open export: the assessment plan (each
//! party's drafts and acceptances), the progress reviews with their
//! signatures, and the learner's replies to feedback, as `portfolio.json`'s
//! `assessment_cycle` field. Rows keep their owners, ids and times, so the
//! seals that cover them still hold after an import; the text people typed
//! is cleaned on import by the features' own functions
//! (`assessment_plan::clean_note`, `reviews::clean`,
//! `feedback_thread::clean_reply`). An export made before the field existed
//! imports with none of them.

use super::cleaning::Refused;
use crate::error::Result;
use crate::storage::Write;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// `portfolio.json`'s `assessment_cycle`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentCycle {
    /// Each party's drafts of the plan, one per item and party.
    pub plan: Vec<PlanDraft>,
    pub plan_acceptances: Vec<PlanAcceptance>,
    /// Progress reviews, in order of their dates.
    pub reviews: Vec<Review>,
    pub review_signatures: Vec<ReviewSignature>,
    /// The learner's replies to the assessor's feedback, in order of writing.
    pub replies: Vec<Reply>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanDraft {
    pub drafted_by: String,
    pub item_id: String,
    pub round: i64,
    /// Evidence method keys, in the methods' order.
    pub methods: Vec<String>,
    pub target_on: String,
    pub note: String,
    pub updated_at: String,
    /// When this party removed the item's line (this draft keeps the line
    /// as it stood); absent while the draft stands, and in exports made
    /// before lines could be removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed_at: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanAcceptance {
    pub party: String,
    pub name: String,
    pub accepted_at: String,
    /// The fingerprint of the plan accepted.
    pub plan: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub uid: String,
    pub written_by: String,
    pub held_on: String,
    pub achieved: String,
    pub next_steps: String,
    pub next_target: String,
    pub notes: String,
    pub learner_name: String,
    pub assessor_name: String,
    pub created_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewSignature {
    pub review_uid: String,
    pub party: String,
    pub name: String,
    pub signed_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    pub id: i64,
    pub item_id: String,
    pub version: u32,
    pub text: String,
    pub learner_name: String,
    pub written_at: String,
}

/// Rows of one query.
pub(super) fn rows<T>(
    conn: &Connection,
    sql: &str,
    row: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let out = stmt.query_map([], row)?.collect::<rusqlite::Result<_>>()?;
    Ok(out)
}

/// Reads the assessment cycle out of a portfolio file.
pub(super) fn read(conn: &Connection) -> Result<AssessmentCycle> {
    Ok(AssessmentCycle {
        plan: rows(
            conn,
            "SELECT p.drafted_by, p.item_id, p.round, p.methods, p.target_on, p.note, p.updated_at,
                 p.removed_at
             FROM plan_item p JOIN standard_item i ON i.id = p.item_id ORDER BY i.position, p.drafted_by",
            |r| {
                let methods: String = r.get(3)?;
                Ok(PlanDraft {
                    drafted_by: r.get(0)?,
                    item_id: r.get(1)?,
                    round: r.get(2)?,
                    methods: methods.split(',').map(str::to_string).collect(),
                    target_on: r.get(4)?,
                    note: r.get(5)?,
                    updated_at: r.get(6)?,
                    removed_at: r.get(7)?,
                })
            },
        )?,
        plan_acceptances: rows(
            conn,
            "SELECT party, name, accepted_at, plan FROM plan_acceptance ORDER BY party",
            |r| {
                Ok(PlanAcceptance {
                    party: r.get(0)?,
                    name: r.get(1)?,
                    accepted_at: r.get(2)?,
                    plan: r.get(3)?,
                })
            },
        )?,
        reviews: rows(
            conn,
            "SELECT uid, written_by, held_on, achieved, next_steps, next_target, notes, learner_name,
                    assessor_name, created_at
             FROM progress_review ORDER BY held_on, created_at, uid",
            |r| {
                Ok(Review {
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
                })
            },
        )?,
        review_signatures: rows(
            conn,
            "SELECT review_uid, party, name, signed_at FROM review_signature ORDER BY review_uid, party",
            |r| {
                Ok(ReviewSignature {
                    review_uid: r.get(0)?,
                    party: r.get(1)?,
                    name: r.get(2)?,
                    signed_at: r.get(3)?,
                })
            },
        )?,
        replies: rows(
            conn,
            "SELECT id, item_id, version, text, learner_name, written_at FROM feedback_reply ORDER BY id",
            |r| {
                Ok(Reply {
                    id: r.get(0)?,
                    item_id: r.get(1)?,
                    version: r.get(2)?,
                    text: r.get(3)?,
                    learner_name: r.get(4)?,
                    written_at: r.get(5)?,
                })
            },
        )?,
    })
}

impl AssessmentCycle {
    /// Cleans the text people typed by the features' own rules, in place.
    pub(super) fn clean_text(&mut self) -> std::result::Result<(), Refused> {
        use crate::text::{required_line, MAX_NAME_CHARS};
        let at = |place: String| move |error| Refused { place, error };
        let name = |n: &str| required_line(n, "name", MAX_NAME_CHARS, "A name is missing.");
        for d in &mut self.plan {
            let place = || format!("the assessment plan for {}", d.item_id);
            d.note = crate::assessment_plan::clean_note(&d.note).map_err(at(place()))?;
            d.target_on = crate::timestamp::parse_date(&d.target_on, "target date")
                .map_err(at(place()))?
                .to_string();
        }
        for a in &mut self.plan_acceptances {
            a.name =
                name(&a.name).map_err(at(format!("the {}'s acceptance of the plan", a.party)))?;
        }
        for r in &mut self.reviews {
            let place = || format!("the progress review of {}", r.held_on);
            let (next, target, notes, learner, assessor) =
                crate::reviews::clean(&crate::reviews::ReviewInput {
                    held_on: None,
                    next_steps: r.next_steps.clone(),
                    next_target: r.next_target.clone(),
                    notes: r.notes.clone(),
                    learner_name: r.learner_name.clone(),
                    assessor_name: r.assessor_name.clone(),
                })
                .map_err(at(place()))?;
            (r.next_steps, r.next_target, r.notes) = (next, target, notes);
            (r.learner_name, r.assessor_name) = (learner, assessor);
            r.achieved = crate::text::multi_line(
                &r.achieved,
                "review's achievements",
                crate::reviews::MAX_TEXT_CHARS,
            )
            .map_err(at(place()))?;
            r.held_on = crate::timestamp::parse_date(&r.held_on, "review's date")
                .map_err(at(place()))?
                .to_string();
        }
        for s in &mut self.review_signatures {
            s.name =
                name(&s.name).map_err(at(format!("the {}'s signature of a review", s.party)))?;
        }
        for r in &mut self.replies {
            let place = format!("the reply on {}", r.item_id);
            r.text = crate::feedback_thread::clean_reply(&r.text).map_err(at(place.clone()))?;
            r.learner_name = name(&r.learner_name).map_err(at(place))?;
        }
        Ok(())
    }

    /// Writes the rows into the new file (inside the import's one write).
    pub(super) fn insert(&self, w: &Write<'_>) -> Result<()> {
        let tx = w.tx();
        for d in &self.plan {
            tx.execute(
                "INSERT INTO plan_item (drafted_by, item_id, round, methods, target_on, note, updated_at,
                     removed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                (
                    &d.drafted_by,
                    &d.item_id,
                    d.round,
                    d.methods.join(","),
                    &d.target_on,
                    &d.note,
                    &d.updated_at,
                    &d.removed_at,
                ),
            )?;
        }
        for a in &self.plan_acceptances {
            tx.execute(
                "INSERT INTO plan_acceptance (party, name, accepted_at, plan) VALUES (?1, ?2, ?3, ?4)",
                (&a.party, &a.name, &a.accepted_at, &a.plan),
            )?;
        }
        for r in &self.reviews {
            tx.execute(
                "INSERT INTO progress_review (uid, written_by, held_on, achieved, next_steps, next_target, notes,
                     learner_name, assessor_name, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                (
                    &r.uid,
                    &r.written_by,
                    &r.held_on,
                    &r.achieved,
                    &r.next_steps,
                    &r.next_target,
                    &r.notes,
                    &r.learner_name,
                    &r.assessor_name,
                    &r.created_at,
                ),
            )?;
        }
        for s in &self.review_signatures {
            tx.execute(
                "INSERT INTO review_signature (review_uid, party, name, signed_at) VALUES (?1, ?2, ?3, ?4)",
                (&s.review_uid, &s.party, &s.name, &s.signed_at),
            )?;
        }
        for r in &self.replies {
            tx.execute(
                "INSERT INTO feedback_reply (id, item_id, version, text, learner_name, written_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                (
                    r.id,
                    &r.item_id,
                    r.version,
                    &r.text,
                    &r.learner_name,
                    &r.written_at,
                ),
            )?;
        }
        // What was written must read as the app reads it (a method it does
        // not know is refused here).
        w.assessment_plan()?;
        w.progress_reviews()?;
        w.feedback_threads()?;
        Ok(())
    }
}
