//! Dated notes on a partnership: a meeting, a consultation before a
//! decision, feedback sought or given, a disagreement and how it was
//! handled, a decision; each with who took part. References `N1`, `N2`, ...

use super::register::partner_id;
use super::{RecordKind, MAX_NAME_CHARS, MAX_TEXT_CHARS};
use crate::error::{Error, Result};
use crate::storage::{Change, Portfolio, Role};
use crate::stored::stored_enum;
use crate::text::{multi_line, single_line};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

stored_enum! {
    /// What a note records.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
    #[ts(export)]
    pub enum NoteKind as "kind of partnership note" {
        Meeting = "meeting",
        /// Consultation before a decision.
        Consultation = "consultation",
        /// Feedback sought or given.
        Feedback = "feedback",
        /// A disagreement and how it was handled.
        Disagreement = "disagreement",
        Decision = "decision",
    }
}

impl NoteKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Meeting => "Meeting",
            Self::Consultation => "Consultation before a decision",
            Self::Feedback => "Feedback sought or given",
            Self::Disagreement => "Disagreement and how it was handled",
            Self::Decision => "Decision",
        }
    }
}

/// What the note form (or the CLI) gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NoteInput {
    pub kind: NoteKind,
    /// YYYY-MM-DD.
    pub date: String,
    pub text: String,
    /// Who took part.
    #[serde(default)]
    pub participants: Vec<String>,
}

/// A note on a partnership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Note {
    /// `N1`, `N2`, ...
    pub reference: String,
    pub number: u32,
    /// The partner it is about (`PT1`).
    pub partner: String,
    pub kind: NoteKind,
    pub kind_label: String,
    pub date: String,
    pub text: String,
    pub participants: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// The input cleaned and checked (also what an open export's import holds
/// each note to).
pub(crate) fn clean(input: &NoteInput) -> Result<NoteInput> {
    let text = multi_line(&input.text, "note", MAX_TEXT_CHARS)?;
    if text.trim().is_empty() {
        return Err(Error::invalid_input(
            "A note needs some text: what happened.",
        ));
    }
    let mut participants = Vec::new();
    for name in &input.participants {
        let name = single_line(name, "name of someone who took part", MAX_NAME_CHARS)?;
        if !name.is_empty() && !participants.contains(&name) {
            participants.push(name);
        }
    }
    Ok(NoteInput {
        kind: input.kind,
        date: crate::timestamp::parse_date(&input.date, "date of the note")?.to_string(),
        text,
        participants,
    })
}

fn note_id(conn: &rusqlite::Connection, number: u32) -> Result<i64> {
    conn.query_row(
        "SELECT id FROM partnership_note WHERE id = ?1",
        [number],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| {
        Error::not_found(format!(
            "There is no note {} in this portfolio.",
            RecordKind::Note.reference(number)
        ))
    })
}

const SELECT: &str = "SELECT n.id, n.partner_id, n.kind, n.noted_on, n.text, n.participants, n.created_at, n.updated_at
                      FROM partnership_note n";

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Note> {
    let number: u32 = r.get(0)?;
    let kind: NoteKind = r.get(2)?;
    let participants: String = r.get(5)?;
    Ok(Note {
        reference: RecordKind::Note.reference(number),
        number,
        partner: RecordKind::Partner.reference(r.get(1)?),
        kind,
        kind_label: kind.label().to_string(),
        date: super::stored_date(r, 3, "date of a partnership note")?,
        text: r.get(4)?,
        participants: participants
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        created_at: r.get(6)?,
        updated_at: r.get(7)?,
    })
}

impl Portfolio {
    /// Adds a dated note to a partnership.
    pub fn add_note(&mut self, partner: &str, input: &NoteInput) -> Result<Note> {
        let partner_number = RecordKind::Partner.parse(partner)?;
        let input = clean(input)?;
        let number = self.write(Role::Learner, |w| {
            let pid = partner_id(w.tx(), partner_number)?;
            w.tx().execute(
                "INSERT INTO partnership_note (partner_id, kind, noted_on, text, participants, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                (pid, input.kind, &input.date, &input.text, input.participants.join("\n"), w.now()),
            )?;
            let id = w.tx().last_insert_rowid() as u32;
            let r = RecordKind::Note.reference(id);
            w.record(Change::partnership(&r, "added", Some(input.kind.key())))?;
            Ok(id)
        })?;
        self.note(&RecordKind::Note.reference(number))
    }

    /// Replaces a note's kind, date, text and who took part.
    pub fn update_note(&mut self, reference: &str, input: &NoteInput) -> Result<Note> {
        let number = RecordKind::Note.parse(reference)?;
        let input = clean(input)?;
        self.write(Role::Learner, |w| {
            let id = note_id(w.tx(), number)?;
            let changed = w.tx().execute(
                "UPDATE partnership_note SET kind = ?1, noted_on = ?2, text = ?3, participants = ?4, updated_at = ?5
                 WHERE id = ?6 AND (kind, noted_on, text, participants) IS NOT (?1, ?2, ?3, ?4)",
                (input.kind, &input.date, &input.text, input.participants.join("\n"), w.now(), id),
            )?;
            if changed > 0 {
                let r = RecordKind::Note.reference(number);
                w.record(Change::partnership(&r, "changed", Some(&input.text)))?;
            }
            Ok(())
        })?;
        self.note(reference)
    }

    /// Removes a note.
    pub fn remove_note(&mut self, reference: &str) -> Result<()> {
        let number = RecordKind::Note.parse(reference)?;
        self.write(Role::Learner, |w| {
            let id = note_id(w.tx(), number)?;
            w.tx()
                .execute("DELETE FROM partnership_note WHERE id = ?1", [id])?;
            let r = RecordKind::Note.reference(number);
            w.record(Change::partnership(&r, "removed", None))
        })
    }

    /// One note.
    pub fn note(&self, reference: &str) -> Result<Note> {
        let number = RecordKind::Note.parse(reference)?;
        let id = note_id(&self.conn, number)?;
        Ok(self
            .conn
            .query_row(&format!("{SELECT} WHERE n.id = ?1"), [id], read)?)
    }

    /// A partnership's notes, newest first.
    pub fn notes(&self, partner: &str) -> Result<Vec<Note>> {
        let pid = partner_id(&self.conn, RecordKind::Partner.parse(partner)?)?;
        let mut stmt = self.conn.prepare(&format!(
            "{SELECT} WHERE n.partner_id = ?1 ORDER BY n.noted_on DESC, n.id DESC"
        ))?;
        let rows = stmt.query_map([pid], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every note, in reference order.
    pub fn all_notes(&self) -> Result<Vec<Note>> {
        let mut stmt = self.conn.prepare(&format!("{SELECT} ORDER BY n.id"))?;
        let rows = stmt.query_map([], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
