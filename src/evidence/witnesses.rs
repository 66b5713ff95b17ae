//! Witnesses: the colleagues and managers who saw the learner's work and give
//! testimony. Each is stored once and can vouch for several pieces of
//! evidence; together they make the witness status list.

use crate::error::{Error, Result};
use crate::storage::{Portfolio, Write};
use crate::text::{multi_line, single_line};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::WitnessChoice;

pub(crate) const MAX_FIELD_CHARS: usize = 300;
pub(crate) const MAX_COMPETENCE_CHARS: usize = 5_000;

/// A witness as entered on the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WitnessInput {
    pub name: String,
    #[serde(default)]
    pub job_role: String,
    #[serde(default)]
    pub organisation: String,
    /// Their relationship to the learner (line manager, colleague, partner...).
    #[serde(default)]
    pub relationship: String,
    /// How to reach them: email, phone, address.
    #[serde(default)]
    pub contact: String,
    /// Their own statement of competence: why they can judge this work.
    #[serde(default)]
    pub competence: String,
}

/// A witness in the portfolio: their id and what was entered (read as if
/// the details' fields were its own: `w.name`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Witness {
    pub id: i64,
    #[serde(flatten)]
    pub details: WitnessInput,
}

impl std::ops::Deref for Witness {
    type Target = WitnessInput;
    fn deref(&self) -> &WitnessInput {
        &self.details
    }
}

/// A line of the witness status list: the witness and what they vouch for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct WitnessStatus {
    pub witness: Witness,
    pub evidence_refs: Vec<String>,
}

impl WitnessInput {
    pub(crate) fn normalised(&self) -> Result<WitnessInput> {
        let w = WitnessInput {
            name: single_line(&self.name, "witness's name", MAX_FIELD_CHARS)?,
            job_role: single_line(&self.job_role, "witness's job role", MAX_FIELD_CHARS)?,
            organisation: single_line(
                &self.organisation,
                "witness's organisation",
                MAX_FIELD_CHARS,
            )?,
            relationship: single_line(
                &self.relationship,
                "witness's relationship to you",
                MAX_FIELD_CHARS,
            )?,
            contact: multi_line(&self.contact, "witness's contact details", MAX_FIELD_CHARS)?,
            competence: multi_line(
                &self.competence,
                "witness's statement of competence",
                MAX_COMPETENCE_CHARS,
            )?,
        };
        if w.name.is_empty() {
            return Err(Error::invalid_input(
                "Witness testimony needs the witness's name.",
            ));
        }
        Ok(w)
    }
}

fn row(r: &rusqlite::Row) -> rusqlite::Result<Witness> {
    Ok(Witness {
        id: r.get(0)?,
        details: WitnessInput {
            name: r.get(1)?,
            job_role: r.get(2)?,
            organisation: r.get(3)?,
            relationship: r.get(4)?,
            contact: r.get(5)?,
            competence: r.get(6)?,
        },
    })
}

const COLUMNS: &str = "id, name, job_role, organisation, relationship, contact, competence";

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Witness> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM witness WHERE id = ?1"))?
        .query_row([id], row)
        .optional()?
        .ok_or_else(|| Error::not_found("That witness is not in this portfolio."))
}

/// The witness id for a record: an existing one, the same person entered
/// again (same name and organisation: their details are updated), or a new one.
pub(crate) fn resolve(w: &Write<'_>, choice: Option<&WitnessChoice>) -> Result<Option<i64>> {
    let tx = w.tx();
    match choice {
        None => Ok(None),
        Some(WitnessChoice::Existing(id)) => Ok(Some(get(tx, *id)?.id)),
        Some(WitnessChoice::New(n)) => {
            let same: Option<i64> = tx
                .query_row(
                    "SELECT id FROM witness WHERE lower(name) = lower(?1) AND lower(organisation) = lower(?2)",
                    (&n.name, &n.organisation),
                    |r| r.get(0),
                )
                .optional()?;
            match same {
                Some(id) => {
                    tx.execute(
                        "UPDATE witness SET name = ?1, job_role = ?2, organisation = ?3, relationship = ?4,
                                contact = ?5, competence = ?6 WHERE id = ?7",
                        (&n.name, &n.job_role, &n.organisation, &n.relationship, &n.contact, &n.competence, id),
                    )?;
                    Ok(Some(id))
                }
                None => {
                    tx.execute(
                        "INSERT INTO witness (name, job_role, organisation, relationship, contact, competence, created_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        (&n.name, &n.job_role, &n.organisation, &n.relationship, &n.contact, &n.competence, w.now()),
                    )?;
                    Ok(Some(tx.last_insert_rowid()))
                }
            }
        }
    }
}

/// Witnesses no evidence refers to any more are not kept.
pub(crate) fn remove_unused(tx: &Connection) -> Result<()> {
    tx.execute("DELETE FROM witness WHERE id NOT IN (SELECT witness_id FROM evidence WHERE witness_id IS NOT NULL)", [])?;
    Ok(())
}

impl Portfolio {
    /// The witness status list: every witness, with the evidence they vouch for.
    pub fn witnesses(&self) -> Result<Vec<WitnessStatus>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS}, (SELECT group_concat('E' || e.id, ',') FROM (SELECT id FROM evidence
                 WHERE witness_id = witness.id ORDER BY id) e)
             FROM witness ORDER BY name COLLATE NOCASE, id"
        ))?;
        let rows = stmt.query_map([], |r| {
            let refs: Option<String> = r.get(7)?;
            Ok(WitnessStatus {
                witness: row(r)?,
                evidence_refs: refs
                    .map(|s| s.split(',').map(str::to_string).collect())
                    .unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
