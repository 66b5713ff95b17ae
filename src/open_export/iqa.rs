//! The internal quality assurer's record in the open export: their samples
//! of the assessor's judgements and their decisions, as `portfolio.json`'s
//! optional `iqa` field. Rows keep their versions, hashes and times, so the
//! IQA's seal and sign-off still hold after an import; the text people
//! typed (feedback, the action required, names) is cleaned on import by
//! the app's own rules. An export made before the field existed imports
//! with none of them.

use super::assessment_cycle::rows;
use super::cleaning::Refused;
use crate::error::Result;
use crate::storage::Write;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// `portfolio.json`'s `iqa`.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IqaExport {
    /// Each sampled judgement, by version then item.
    pub samples: Vec<Sample>,
    /// Each decision with its sign-off, by version.
    pub decisions: Vec<Decision>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sample {
    pub version: u32,
    pub item_id: String,
    /// The assessor's outcome sampled (`met`, `not_yet_met`).
    pub outcome: String,
    /// The SHA-256 of the judgement as the assessor's app sealed it.
    pub judgement: String,
    /// `agrees` or `disagrees`.
    pub verdict: String,
    pub feedback: String,
    pub iqa_name: String,
    pub sampled_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub version: u32,
    /// `confirmed` or `action_required`.
    pub decision: String,
    pub action: String,
    pub iqa_name: String,
    pub signed_on: String,
    pub signed_at: String,
    /// The fingerprint of what was sampled.
    pub sampled: String,
}

/// Reads the IQA's record out of a portfolio file.
pub(super) fn read(conn: &Connection) -> Result<IqaExport> {
    Ok(IqaExport {
        samples: rows(
            conn,
            "SELECT s.version, s.item_id, s.outcome, s.judgement, s.verdict, s.feedback, s.iqa_name, s.sampled_at
             FROM iqa_sample s JOIN standard_item i ON i.id = s.item_id ORDER BY s.version, i.position",
            |r| {
                Ok(Sample {
                    version: r.get(0)?,
                    item_id: r.get(1)?,
                    outcome: r.get(2)?,
                    judgement: r.get(3)?,
                    verdict: r.get(4)?,
                    feedback: r.get(5)?,
                    iqa_name: r.get(6)?,
                    sampled_at: r.get(7)?,
                })
            },
        )?,
        decisions: rows(
            conn,
            "SELECT version, decision, action, iqa_name, signed_on, signed_at, sampled FROM iqa_signoff ORDER BY version",
            |r| {
                Ok(Decision {
                    version: r.get(0)?,
                    decision: r.get(1)?,
                    action: r.get(2)?,
                    iqa_name: r.get(3)?,
                    signed_on: r.get(4)?,
                    signed_at: r.get(5)?,
                    sampled: r.get(6)?,
                })
            },
        )?,
    })
}

impl IqaExport {
    /// Cleans the text people typed by the app's rules, in place.
    pub(super) fn clean_text(&mut self) -> std::result::Result<(), Refused> {
        use crate::exchange::assessor::MAX_FEEDBACK_CHARS;
        use crate::text::{multi_line, required_line, MAX_NAME_CHARS};
        let at = |place: String| move |error| Refused { place, error };
        let name = |n: &str| required_line(n, "name", MAX_NAME_CHARS, "A name is missing.");
        for s in &mut self.samples {
            let place = || format!("the IQA's sample of {} on version {}", s.item_id, s.version);
            s.feedback =
                multi_line(&s.feedback, "feedback", MAX_FEEDBACK_CHARS).map_err(at(place()))?;
            s.iqa_name = name(&s.iqa_name).map_err(at(place()))?;
        }
        for d in &mut self.decisions {
            let place = || format!("the IQA's decision on version {}", d.version);
            d.action = multi_line(&d.action, "action required", MAX_FEEDBACK_CHARS)
                .map_err(at(place()))?;
            d.iqa_name = name(&d.iqa_name).map_err(at(place()))?;
            d.signed_on = crate::timestamp::parse_date(&d.signed_on, "date of the IQA decision")
                .map_err(at(place()))?
                .to_string();
        }
        Ok(())
    }

    /// Writes the rows into the new file (inside the import's one write).
    pub(super) fn insert(&self, w: &Write<'_>) -> Result<()> {
        let tx = w.tx();
        for s in &self.samples {
            tx.execute(
                "INSERT INTO iqa_sample (version, item_id, outcome, judgement, verdict, feedback, iqa_name, sampled_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                (
                    s.version,
                    &s.item_id,
                    &s.outcome,
                    &s.judgement,
                    &s.verdict,
                    &s.feedback,
                    &s.iqa_name,
                    &s.sampled_at,
                ),
            )?;
        }
        for d in &self.decisions {
            tx.execute(
                "INSERT INTO iqa_signoff (version, decision, action, iqa_name, signed_on, signed_at, sampled)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                (
                    d.version,
                    &d.decision,
                    &d.action,
                    &d.iqa_name,
                    &d.signed_on,
                    &d.signed_at,
                    &d.sampled,
                ),
            )?;
        }
        // What was written must read as the app reads it (an unknown
        // decision or verdict is refused here).
        w.iqa_record()?;
        Ok(())
    }
}
