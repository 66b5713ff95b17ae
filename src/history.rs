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
}

impl<'a> Change<'a> {
    pub fn portfolio(field: &'static str, value: Option<&'a str>) -> Self {
        Self {
            actor: "learner",
            subject: "portfolio",
            item_id: None,
            field,
            value,
        }
    }
    pub fn profile(field: &'static str, value: Option<&'a str>) -> Self {
        Self {
            actor: "learner",
            subject: "profile",
            item_id: None,
            field,
            value,
        }
    }
    pub fn self_assessment(item_id: &'a str, field: &'static str, value: Option<&'a str>) -> Self {
        Self {
            actor: "learner",
            subject: "self_assessment",
            item_id: Some(item_id),
            field,
            value,
        }
    }
}

pub(crate) fn record(tx: &rusqlite::Transaction, now: &str, change: Change<'_>) -> Result<()> {
    tx.execute(
        "INSERT INTO history (at, actor, subject, item_id, field, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        (now, change.actor, change.subject, change.item_id, change.field, change.value),
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
}

impl Portfolio {
    /// The history, oldest first; only one item's when `item_id` is given.
    pub fn history(&self, item_id: Option<&str>) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, at, actor, subject, item_id, field, value FROM history
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
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
