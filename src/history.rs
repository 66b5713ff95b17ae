//! The append-only history: every change to a portfolio's content, with when,
//! who and the new value. The table refuses updates and deletes (triggers in
//! the schema); later features show it and use it for the audit trail.

use crate::error::Result;
use crate::storage::Portfolio;
use serde::Serialize;
use ts_rs::TS;

/// One change, about to be recorded.
pub(crate) struct Change<'a> {
    pub actor: &'static str,
    pub subject: &'static str,
    pub item_id: Option<&'a str>,
    pub field: &'static str,
    pub value: Option<&'a str>,
    pub evidence_ref: Option<&'a str>,
}

impl<'a> Change<'a> {
    fn learner(subject: &'static str, field: &'static str, value: Option<&'a str>) -> Self {
        Self {
            actor: "learner",
            subject,
            item_id: None,
            field,
            value,
            evidence_ref: None,
        }
    }
    pub fn portfolio(field: &'static str, value: Option<&'a str>) -> Self {
        Self::learner("portfolio", field, value)
    }
    pub fn profile(field: &'static str, value: Option<&'a str>) -> Self {
        Self::learner("profile", field, value)
    }
    pub fn self_assessment(item_id: &'a str, field: &'static str, value: Option<&'a str>) -> Self {
        Self {
            item_id: Some(item_id),
            ..Self::learner("self_assessment", field, value)
        }
    }
    /// A change to a piece of evidence (`field` says what: "added", "title", ...).
    pub fn evidence(reference: &'a str, field: &'static str, value: Option<&'a str>) -> Self {
        Self {
            evidence_ref: Some(reference),
            ..Self::learner("evidence", field, value)
        }
    }
    /// A change to how a piece of evidence maps to an item.
    pub fn mapping(
        reference: &'a str,
        item_id: &'a str,
        field: &'static str,
        value: Option<&'a str>,
    ) -> Self {
        Self {
            item_id: Some(item_id),
            ..Self::evidence(reference, field, value)
        }
    }
}

pub(crate) fn record(tx: &rusqlite::Transaction, now: &str, change: Change<'_>) -> Result<()> {
    tx.execute(
        "INSERT INTO history (at, actor, subject, item_id, field, value, evidence_ref)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        (
            now,
            change.actor,
            change.subject,
            change.item_id,
            change.field,
            change.value,
            change.evidence_ref,
        ),
    )?;
    Ok(())
}

/// A recorded change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub subject: String,
    pub item_id: Option<String>,
    pub field: String,
    /// The value after the change (`None` when it was cleared).
    pub value: Option<String>,
    /// The evidence the change is about, if any (E1, E2, ...).
    pub evidence_ref: Option<String>,
}

impl Portfolio {
    /// The history, oldest first; only one item's when `item_id` is given.
    pub fn history(&self, item_id: Option<&str>) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, at, actor, subject, item_id, field, value, evidence_ref FROM history
             WHERE ?1 IS NULL OR item_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([item_id], |r| {
            Ok(HistoryEntry {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                subject: r.get(3)?,
                item_id: r.get(4)?,
                field: r.get(5)?,
                value: r.get(6)?,
                evidence_ref: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
