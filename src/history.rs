//! The append-only history: every change to a portfolio's content, with when,
//! who and the new value. The table refuses updates and deletes (triggers in
//! the schema). Changes are recorded through the write transaction
//! ([`crate::storage`]'s `Write::record`); this module reads them back.

use crate::error::Result;
use crate::storage::{Portfolio, Role};
use serde::Serialize;
use ts_rs::TS;

/// A recorded change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    pub seq: i64,
    pub at: String,
    /// Who made the change: the role of the file it was made in.
    pub actor: Role,
    pub subject: String,
    pub item_id: Option<String>,
    pub field: String,
    /// The value after the change (`None` when it was cleared).
    pub value: Option<String>,
    /// The evidence the change is about, if any (E1, E2, ...).
    pub evidence_ref: Option<String>,
    /// The partnership record the change is about, if any (PT1, AG1, ...).
    pub partnership_ref: Option<String>,
}

impl Portfolio {
    /// The history, oldest first; only one item's when `item_id` is given.
    pub fn history(&self, item_id: Option<&str>) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, at, actor, subject, item_id, field, value, evidence_ref, partnership_ref FROM history
             WHERE ?1 IS NULL OR item_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([item_id], |r| {
            Ok(HistoryEntry {
                seq: r.get(0)?,
                at: crate::stored::instant(r, 1)?,
                actor: r.get(2)?,
                subject: r.get(3)?,
                item_id: r.get(4)?,
                field: r.get(5)?,
                value: r.get(6)?,
                evidence_ref: r.get(7)?,
                partnership_ref: r.get(8)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.named(e.into()))
    }
}
