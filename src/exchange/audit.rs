//! The audit trail: submissions, imports, judgements, feedback, sign-offs,
//! returns and receipts, each with when, who (role and name) and which
//! submission. Append-only (triggers in the schema refuse updates and
//! deletes); every entry has a unique id so the trails of the learner's and
//! the assessor's copies merge without duplicates.

use super::Role;
use crate::error::Result;
use crate::storage::Portfolio;
use serde::Serialize;
use ts_rs::TS;

/// One event in the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditEntry {
    pub at: String,
    pub role: Role,
    pub name: String,
    /// `submitted`, `imported`, `judged`, `feedback`, `signed_off`, `returned`, `received`.
    pub event: String,
    pub version: Option<u32>,
    pub detail: String,
}

impl AuditEntry {
    /// The event in words, for screens and the PDF.
    pub fn describe(&self) -> String {
        let v = self
            .version
            .map(|v| format!(" version {v}"))
            .unwrap_or_default();
        let what = match self.event.as_str() {
            "submitted" => format!("submitted{v} for assessment"),
            "imported" => format!("opened the submission{v}"),
            "judged" => format!("judged{v}"),
            "feedback" => format!("gave overall feedback on{v}"),
            "signed_off" => format!("signed off{v}"),
            "returned" => format!("returned the assessment of{v} to the learner"),
            "received" => format!("received the assessment of{v}"),
            other => format!("{other}{v}"),
        };
        if self.detail.is_empty() {
            format!("{} ({}) {what}", self.name, self.role.key())
        } else {
            format!(
                "{} ({}) {what}: {}",
                self.name,
                self.role.key(),
                self.detail
            )
        }
    }
}

/// Appends an event to the trail, inside the caller's transaction.
pub(crate) fn record(
    tx: &rusqlite::Transaction,
    at: &str,
    role: Role,
    name: &str,
    event: &str,
    version: Option<u32>,
    detail: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO audit (uid, at, role, name, event, version, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        (uuid::Uuid::new_v4().to_string(), at, role.key(), name, event, version, detail),
    )?;
    Ok(())
}

impl Portfolio {
    /// The audit trail, in time order.
    pub fn audit_trail(&self) -> Result<Vec<AuditEntry>> {
        let mut stmt = self
            .conn
            .prepare("SELECT at, role, name, event, version, detail FROM audit ORDER BY at, seq")?;
        let rows = stmt.query_map([], |r| {
            let role: String = r.get(1)?;
            Ok(AuditEntry {
                at: r.get(0)?,
                role: Role::from_key(&role),
                name: r.get(2)?,
                event: r.get(3)?,
                version: r.get(4)?,
                detail: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
