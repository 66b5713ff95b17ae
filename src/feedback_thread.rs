//! The feedback conversation on an item: the assessor's feedback on each
//! version judged (their judgements, `judgement.feedback`, owned by the
//! assessor) and the learner's replies (`feedback_reply`, owned by the
//! learner), as one thread in order. Each entry says which submitted
//! version it is about, who wrote it and when.
//!
//! The learner replies in their own portfolio to the latest feedback they
//! have received on the item ([`Portfolio::reply`]); the reply travels with
//! their next submission, so the assessor sees the thread when judging the
//! next version. An assessor's copy refuses replies (they are the
//! learner's), and the assessor's feedback is written only by judging.

use crate::error::{Error, Result};
use crate::exchange::{AuditEvent, JudgementOutcome};
use crate::storage::{Change, Portfolio, Role};
use crate::text::multi_line;
use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

/// The longest reply.
pub const MAX_REPLY_CHARS: usize = 10_000;

/// One entry of an item's thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ThreadEntry {
    pub item_id: String,
    /// The submitted version the entry is about.
    pub version: u32,
    /// Who wrote it: the assessor (feedback) or the learner (a reply).
    pub author: Role,
    pub name: String,
    /// When it was written.
    pub at: String,
    pub text: String,
    /// The judgement the feedback came with (`None` for a reply).
    pub outcome: Option<JudgementOutcome>,
}

/// A reply's text, cleaned by the app's rules; it must say something.
pub(crate) fn clean_reply(text: &str) -> Result<String> {
    let text = multi_line(text, "reply", MAX_REPLY_CHARS)?;
    if text.trim().is_empty() {
        return Err(Error::invalid_input(
            "The reply is empty: say what you changed or what you would like to ask.",
        ));
    }
    Ok(text)
}

impl Portfolio {
    /// An item's thread, oldest first: for each version, the assessor's
    /// feedback, then the learner's replies about it.
    pub fn feedback_thread(&self, item: &str) -> Result<Vec<ThreadEntry>> {
        let id = self.standard().require_item(item)?.1.id.clone();
        Ok(self
            .feedback_threads()?
            .into_iter()
            .filter(|e| e.item_id == id)
            .collect())
    }

    /// Every item's thread, by item in the standard's order, each oldest first.
    pub fn feedback_threads(&self) -> Result<Vec<ThreadEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.item_id, t.version, t.author, t.name, t.at, t.text, t.outcome FROM (
                 SELECT item_id, version, 'assessor' AS author, assessor_name AS name, judged_at AS at,
                        feedback AS text, outcome, 0 AS kind, 0 AS seq
                 FROM judgement WHERE feedback != ''
                 UNION ALL
                 SELECT item_id, version, 'learner', learner_name, written_at, text, NULL, 1, id
                 FROM feedback_reply
             ) t JOIN standard_item i ON i.id = t.item_id
             ORDER BY i.position, t.version, t.kind, t.at, t.seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ThreadEntry {
                item_id: r.get(0)?,
                version: r.get(1)?,
                author: r.get(2)?,
                name: r.get(3)?,
                at: r.get(4)?,
                text: r.get(5)?,
                outcome: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The learner's reply on `item` to the latest feedback they received
    /// on it. Refused in an assessor's copy, and when the item has not been
    /// judged yet (there is nothing to reply to).
    pub fn reply(&mut self, item: &str, text: &str) -> Result<ThreadEntry> {
        let id = self.standard().require_item(item)?.1.id.clone();
        let text = clean_reply(text)?;
        self.require_role(Role::Learner)?;
        let seq = self.write(Role::Learner, |w| {
            let version: Option<u32> = w
                .tx()
                .query_row(
                    "SELECT max(version) FROM judgement WHERE item_id = ?1",
                    [&id],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            let version = version.ok_or_else(|| {
                Error::invalid_input(format!(
                    "{id} has not been judged yet, so there is no feedback to reply to."
                ))
            })?;
            let name = w.profile()?.full_name;
            w.tx().execute(
                "INSERT INTO feedback_reply (item_id, version, text, learner_name, written_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                (&id, version, &text, &name, w.now()),
            )?;
            let seq = w.tx().last_insert_rowid();
            w.record(Change {
                subject: "reply",
                item_id: Some(&id),
                field: "reply",
                value: Some(&text),
                evidence_ref: None,
                partnership_ref: None,
            })?;
            w.audit(AuditEvent::Replied, &name, Some(version), &id)?;
            Ok(seq)
        })?;
        let (version, name, at): (u32, String, String) = self.conn.query_row(
            "SELECT version, learner_name, written_at FROM feedback_reply WHERE id = ?1",
            [seq],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(ThreadEntry {
            item_id: id,
            version,
            author: Role::Learner,
            name,
            at,
            text,
            outcome: None,
        })
    }

    /// The learner's replies, as the canonical content holds them:
    /// (item, version, text) in order of writing.
    pub(crate) fn learners_replies(&self) -> Result<Vec<(String, u32, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT item_id, version, text FROM feedback_reply ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
