//! Evidence: the learner's library of typed evidence records (E1, E2, ...),
//! each with its method, date, description, witness or confidential
//! descriptor, attached files, and its mappings to the standard's items.
//!
//! Every user action is one transaction: a record with its attachments and
//! mappings is added whole or not at all.

pub mod attachments;
pub mod media;
pub mod witnesses;

use crate::error::{Error, ErrorCode, Result};
use crate::storage::{Change, Portfolio, Role, Write};
use crate::stored::stored_enum;
use crate::text::{multi_line, required_line, single_line};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use ts_rs::TS;

pub use attachments::{AttachOutcome, Attachment, MAX_ATTACHMENT_BYTES};
pub use witnesses::{Witness, WitnessInput, WitnessStatus};

pub(crate) const MAX_TITLE_CHARS: usize = 300;
pub(crate) const MAX_TEXT_CHARS: usize = 100_000;
pub(crate) const MAX_FIELD_CHARS: usize = 500;
pub(crate) const MAX_NOTE_CHARS: usize = MAX_FIELD_CHARS * 4;

stored_enum! {
    /// How the evidence was produced, in the terms of UK vocational assessment.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
    #[ts(export)]
    pub enum EvidenceMethod as "evidence method" {
        Observation = "observation",
        WitnessTestimony = "witness_testimony",
        Product = "product",
        ProfessionalDiscussion = "professional_discussion",
        ReflectiveAccount = "reflective_account",
        QuestionsAndAnswers = "questions_and_answers",
        PriorLearning = "prior_learning",
        Other = "other",
    }
}

impl EvidenceMethod {
    /// The name people read.
    pub fn label(self) -> &'static str {
        match self {
            Self::Observation => "Direct observation",
            Self::WitnessTestimony => "Witness testimony",
            Self::Product => "Product evidence",
            Self::ProfessionalDiscussion => "Professional discussion",
            Self::ReflectiveAccount => "Reflective account",
            Self::QuestionsAndAnswers => "Questions and answers",
            Self::PriorLearning => "Recognition of prior learning",
            Self::Other => "Other",
        }
    }

    /// The command-line name: `witness-testimony`.
    pub fn cli_name(self) -> String {
        self.key().replace('_', "-")
    }

    /// Parses a command-line name (or the stored name).
    pub fn parse(name: &str) -> Result<Self> {
        let key = name.trim().to_ascii_lowercase().replace('-', "_");
        Self::from_key(&key).ok_or_else(|| {
            let names: Vec<String> = Self::ALL.iter().map(|m| m.cli_name()).collect();
            Error::invalid_input(format!(
                "\"{name}\" is not an evidence method; use one of: {}.",
                names.join(", ")
            ))
        })
    }
}

/// Where a confidential original is, when it cannot be attached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConfidentialDescriptor {
    /// What the original is.
    pub what: String,
    /// Where the original is held.
    pub held_at: String,
    /// Who can confirm it exists and says what the learner claims.
    pub confirmer: String,
}

/// The witness of a witness testimony: one already in the portfolio, or new.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum WitnessChoice {
    Existing(i64),
    New(WitnessInput),
}

/// What the evidence form (or the CLI) gives for a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EvidenceInput {
    pub title: String,
    pub method: EvidenceMethod,
    /// ISO date of the activity, if known.
    #[serde(default)]
    pub activity_date: Option<String>,
    /// The context and what it shows.
    #[serde(default)]
    pub description: String,
    /// Required for witness testimony, ignored otherwise.
    #[serde(default)]
    pub witness: Option<WitnessChoice>,
    /// For evidence that cannot be copied into the portfolio.
    #[serde(default)]
    pub confidential: Option<ConfidentialDescriptor>,
}

/// An item the evidence shows, with a note of how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Mapping {
    pub item_id: String,
    #[serde(default)]
    pub note: String,
}

/// What names a piece of evidence wherever it is shown: its reference,
/// title, method and date. The records, the library's rows, an item's
/// evidence and the coverage matrix's columns all carry it (flattened into
/// their JSON), and read as if its fields were their own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EvidenceHeading {
    /// `E1`, `E2`, ...: stable, never reused.
    pub reference: String,
    pub number: u32,
    pub title: String,
    pub method: EvidenceMethod,
    pub method_label: String,
    pub activity_date: Option<String>,
}

impl EvidenceHeading {
    /// From a row whose first columns are the evidence's `id, title, method,
    /// activity_date`.
    pub(crate) fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Self> {
        let number: u32 = r.get(0)?;
        let method: EvidenceMethod = r.get(2)?;
        Ok(Self {
            reference: reference(number),
            number,
            title: r.get(1)?,
            method,
            method_label: method.label().to_string(),
            activity_date: crate::stored::opt_date(r, 3)?,
        })
    }
}

/// Lets a type that carries an [`EvidenceHeading`] be read as one
/// (`e.title`, `e.reference`).
macro_rules! headed {
    ($($ty:ty),+) => {$(
        impl std::ops::Deref for $ty {
            type Target = $crate::evidence::EvidenceHeading;
            fn deref(&self) -> &$crate::evidence::EvidenceHeading {
                &self.heading
            }
        }
    )+};
}
pub(crate) use headed;

/// A whole evidence record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Evidence {
    #[serde(flatten)]
    pub heading: EvidenceHeading,
    pub description: String,
    pub witness: Option<Witness>,
    pub confidential: Option<ConfidentialDescriptor>,
    pub attachments: Vec<Attachment>,
    pub mappings: Vec<Mapping>,
    /// For evidence made from the partnership register: its source and
    /// whether the source has changed since.
    pub source: Option<crate::partnerships::SourceLink>,
    pub created_at: String,
    pub updated_at: String,
}

/// A row of the evidence library's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EvidenceSummary {
    #[serde(flatten)]
    pub heading: EvidenceHeading,
    pub attachment_count: u32,
    /// The first image attachment, for a preview in the list.
    pub preview_attachment: Option<i64>,
    pub item_ids: Vec<String>,
    pub confidential: bool,
    pub witness_name: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EvidenceSort {
    /// E1, E2, ... (the default).
    #[default]
    Reference,
    /// Most recent activity first; undated last.
    DateNewest,
    DateOldest,
}

/// Search and filters for the evidence library.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EvidenceQuery {
    /// Words looked for in titles, descriptions and file names (any case).
    #[serde(default)]
    pub search: Option<String>,
    #[serde(default)]
    pub method: Option<EvidenceMethod>,
    /// Only evidence mapped to this item.
    #[serde(default)]
    pub item: Option<String>,
    #[serde(default)]
    pub sort: EvidenceSort,
}

/// A new record with its files and mappings, added in one transaction.
#[derive(Debug, Clone)]
pub struct NewEvidence {
    pub input: EvidenceInput,
    pub attach: Vec<PathBuf>,
    pub mappings: Vec<Mapping>,
}

/// The evidence mapped to an item, as the item's page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MappedEvidence {
    #[serde(flatten)]
    pub heading: EvidenceHeading,
    pub note: String,
}

headed!(Evidence, EvidenceSummary, MappedEvidence);

/// `E12` for evidence number 12.
pub fn reference(number: u32) -> String {
    format!("E{number}")
}

/// Reads a reference as people type it: `E12`, `e12` or `12`.
pub fn parse_reference(text: &str) -> Result<u32> {
    let t = text.trim();
    let digits = t.strip_prefix(['E', 'e']).unwrap_or(t);
    match digits.parse::<u32>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(Error::invalid_input(format!(
            "\"{t}\" is not an evidence reference (they look like E12)."
        ))),
    }
}

/// The input cleaned and checked; the witness and descriptor only where they belong.
pub(crate) struct CleanInput {
    pub(crate) title: String,
    pub(crate) method: EvidenceMethod,
    pub(crate) activity_date: Option<String>,
    pub(crate) description: String,
    pub(crate) witness: Option<WitnessChoice>,
    pub(crate) confidential: Option<ConfidentialDescriptor>,
}

/// How a piece of evidence shows an item, cleaned.
pub(crate) fn clean_mapping_note(note: &str) -> Result<String> {
    multi_line(note, "mapping note", MAX_NOTE_CHARS)
}

/// The form's input cleaned and checked (also what an open export's import
/// holds each piece of evidence to).
pub(crate) fn clean(input: &EvidenceInput) -> Result<CleanInput> {
    let title = required_line(
        &input.title,
        "evidence title",
        MAX_TITLE_CHARS,
        "Evidence needs a title.",
    )?;
    let witness = match (input.method, &input.witness) {
        (EvidenceMethod::WitnessTestimony, None) => {
            return Err(Error::invalid_input(
                "Witness testimony needs the witness: at least their name.",
            ))
        }
        (EvidenceMethod::WitnessTestimony, Some(WitnessChoice::New(w))) => {
            Some(WitnessChoice::New(w.normalised()?))
        }
        (EvidenceMethod::WitnessTestimony, Some(existing)) => Some(existing.clone()),
        (_, _) => None,
    };
    let confidential = match &input.confidential {
        None => None,
        Some(c) => {
            let d = ConfidentialDescriptor {
                what: single_line(
                    &c.what,
                    "description of the confidential original",
                    MAX_FIELD_CHARS,
                )?,
                held_at: single_line(&c.held_at, "place the original is held", MAX_FIELD_CHARS)?,
                confirmer: single_line(&c.confirmer, "person who can confirm it", MAX_FIELD_CHARS)?,
            };
            if d.what.is_empty() || d.held_at.is_empty() || d.confirmer.is_empty() {
                return Err(Error::invalid_input(
                    "Confidential evidence needs all three: what it is, where the original is held, and who can confirm it.",
                ));
            }
            Some(d)
        }
    };
    Ok(CleanInput {
        title,
        method: input.method,
        activity_date: crate::timestamp::normalise_optional_date(
            input.activity_date.as_deref(),
            "activity date",
        )?,
        description: multi_line(&input.description, "description", MAX_TEXT_CHARS)?,
        witness,
        confidential,
    })
}

fn evidence_id(tx: &Connection, number: u32) -> Result<i64> {
    tx.prepare_cached("SELECT id FROM evidence WHERE id = ?1")?
        .query_row([number], |r| r.get(0))
        .optional()?
        .ok_or_else(|| {
            Error::not_found(format!(
                "There is no evidence {} in this portfolio.",
                reference(number)
            ))
        })
}

impl Portfolio {
    /// Adds a record with its attachments and mappings, all or nothing.
    pub fn add_evidence(&mut self, new: NewEvidence) -> Result<(Evidence, Vec<AttachOutcome>)> {
        let (_, r, outcomes) = self.write(Role::Learner, |w| add_in(w, &new))?;
        Ok((self.evidence(&r)?, outcomes))
    }

    /// Replaces a record's fields and its mappings in one write: the
    /// evidence form's Save (the record as a whole, or nothing).
    pub fn edit_evidence(
        &mut self,
        reference_text: &str,
        input: &EvidenceInput,
        mappings: &[Mapping],
    ) -> Result<Evidence> {
        let r = self.write(Role::Learner, |w| {
            let number = parse_reference(reference_text)?;
            update_fields(w, number, input)?;
            replace_mappings(w, number, mappings)?;
            Ok(reference(number))
        })?;
        self.evidence(&r)
    }

    /// Replaces a record's fields (not its files or mappings).
    pub fn update_evidence(
        &mut self,
        reference_text: &str,
        input: &EvidenceInput,
    ) -> Result<Evidence> {
        let r = self.write(Role::Learner, |w| {
            let number = parse_reference(reference_text)?;
            update_fields(w, number, input)?;
            Ok(reference(number))
        })?;
        self.evidence(&r)
    }

    /// Removes a record, its mappings and attachments; the files' bytes go
    /// (overwritten, not just unlinked) unless other evidence uses them.
    pub fn remove_evidence(&mut self, reference_text: &str) -> Result<()> {
        self.write(Role::Learner, |w| {
            let number = parse_reference(reference_text)?;
            let r = reference(number);
            let id = evidence_id(w.tx(), number)?;
            let title: String =
                w.tx()
                    .query_row("SELECT title FROM evidence WHERE id = ?1", [id], |row| {
                        row.get(0)
                    })?;
            w.tx().execute("DELETE FROM evidence WHERE id = ?1", [id])?;
            attachments::remove_unused_content(w.tx())?;
            witnesses::remove_unused(w.tx())?;
            w.record(Change::evidence(&r, "removed", Some(&title)))
        })
    }

    /// One record, whole.
    pub fn evidence(&self, reference_text: &str) -> Result<Evidence> {
        let number = parse_reference(reference_text)?;
        let id = evidence_id(&self.conn, number)?;
        // Statements cached: the export reads every record this way.
        let mut e = self.conn.prepare_cached(
            "SELECT id, title, method, activity_date, description, witness_id, confidential_what, confidential_held,
                    confidential_confirmer, created_at, updated_at FROM evidence WHERE id = ?1",
        )?.query_row(
            [id],
            |r| {
                let what: Option<String> = r.get(6)?;
                let held: Option<String> = r.get(7)?;
                let confirmer: Option<String> = r.get(8)?;
                Ok((
                    Evidence {
                        heading: EvidenceHeading::from_row(r)?,
                        description: r.get(4)?,
                        witness: None,
                        confidential: match (what, held) {
                            (Some(what), Some(held_at)) => Some(ConfidentialDescriptor {
                                what,
                                held_at,
                                confirmer: confirmer.unwrap_or_default(),
                            }),
                            _ => None,
                        },
                        attachments: Vec::new(),
                        mappings: Vec::new(),
                        source: None,
                        created_at: crate::stored::instant(r, 9)?,
                        updated_at: crate::stored::instant(r, 10)?,
                    },
                    r.get::<_, Option<i64>>(5)?,
                ))
            },
        )
        .map_err(|e| self.named(e.into()))?;
        if let Some(witness_id) = e.1 {
            e.0.witness = Some(witnesses::get(&self.conn, witness_id)?);
        }
        e.0.attachments = attachments::of_evidence(&self.conn, id)?;
        e.0.source = self.source_link(id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.item_id, m.note FROM mapping m JOIN standard_item i ON i.id = m.item_id
             WHERE m.evidence_id = ?1 ORDER BY i.position",
        )?;
        e.0.mappings = stmt
            .query_map([id], |r| {
                Ok(Mapping {
                    item_id: r.get(0)?,
                    note: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(e.0)
    }

    /// The evidence library, searched, filtered and sorted.
    pub fn list_evidence(&self, query: &EvidenceQuery) -> Result<Vec<EvidenceSummary>> {
        let item = match &query.item {
            Some(i) => Some(self.standard().require_item(i)?.1.id.clone()),
            None => None,
        };
        let order = match query.sort {
            EvidenceSort::Reference => "e.id",
            EvidenceSort::DateNewest => "e.activity_date IS NULL, e.activity_date DESC, e.id DESC",
            EvidenceSort::DateOldest => "e.activity_date IS NULL, e.activity_date ASC, e.id ASC",
        };
        let sql = format!(
            "SELECT e.id, e.title, e.method, e.activity_date, e.confidential_what IS NOT NULL, w.name, e.updated_at,
                    e.description,
                    (SELECT group_concat(a.file_name, char(10)) FROM attachment a WHERE a.evidence_id = e.id),
                    (SELECT count(*) FROM attachment a WHERE a.evidence_id = e.id),
                    (SELECT a.id FROM attachment a JOIN preview p ON p.content_id = a.content_id AND p.kind = 'thumbnail'
                      WHERE a.evidence_id = e.id ORDER BY a.id LIMIT 1),
                    (SELECT group_concat(m.item_id, ',') FROM
                        (SELECT m.item_id FROM mapping m JOIN standard_item i ON i.id = m.item_id
                          WHERE m.evidence_id = e.id ORDER BY i.position) m)
             FROM evidence e LEFT JOIN witness w ON w.id = e.witness_id
             WHERE (?1 IS NULL OR e.method = ?1)
               AND (?2 IS NULL OR EXISTS (SELECT 1 FROM mapping m WHERE m.evidence_id = e.id AND m.item_id = ?2))
             ORDER BY {order}"
        );
        let words: Vec<String> = query
            .search
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .collect();
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map((query.method.map(EvidenceMethod::key), item), |r| {
            let heading = EvidenceHeading::from_row(r)?;
            let items: Option<String> = r.get(11)?;
            let haystack = format!(
                "{}\n{}\n{}\n{}",
                heading.title,
                r.get::<_, String>(7)?,
                r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                heading.reference
            );
            Ok((
                haystack,
                EvidenceSummary {
                    heading,
                    confidential: r.get(4)?,
                    witness_name: r.get(5)?,
                    updated_at: crate::stored::instant(r, 6)?,
                    attachment_count: r.get(9)?,
                    preview_attachment: r.get(10)?,
                    item_ids: items
                        .map(|s| s.split(',').map(str::to_string).collect())
                        .unwrap_or_default(),
                },
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (haystack, summary) = row.map_err(|e| self.named(e.into()))?;
            if !words.is_empty() {
                let haystack = haystack.to_lowercase();
                if !words.iter().all(|w| haystack.contains(w.as_str())) {
                    continue;
                }
            }
            out.push(summary);
        }
        Ok(out)
    }

    /// Sets what a record maps to, replacing its previous mappings.
    pub fn set_mappings(&mut self, reference_text: &str, mappings: &[Mapping]) -> Result<Evidence> {
        let r = self.write(Role::Learner, |w| {
            let number = parse_reference(reference_text)?;
            replace_mappings(w, number, mappings)?;
            Ok(reference(number))
        })?;
        self.evidence(&r)
    }

    /// Maps a record to one more item (or changes the note of an existing mapping).
    pub fn map_evidence(
        &mut self,
        reference_text: &str,
        item: &str,
        note: &str,
    ) -> Result<Evidence> {
        let mut mappings = self.evidence(reference_text)?.mappings;
        let item_id = self.standard().require_item(item)?.1.id.clone();
        match mappings.iter_mut().find(|m| m.item_id == item_id) {
            Some(m) => m.note = note.to_string(),
            None => mappings.push(Mapping {
                item_id,
                note: note.to_string(),
            }),
        }
        self.set_mappings(reference_text, &mappings)
    }

    /// Removes a record's mapping to an item.
    pub fn unmap_evidence(&mut self, reference_text: &str, item: &str) -> Result<Evidence> {
        let item_id = self.standard().require_item(item)?.1.id.clone();
        let mut mappings = self.evidence(reference_text)?.mappings;
        mappings.retain(|m| m.item_id != item_id);
        self.set_mappings(reference_text, &mappings)
    }

    /// The evidence mapped to an item, in reference order.
    pub fn evidence_for_item(&self, item: &str) -> Result<Vec<MappedEvidence>> {
        let item_id = self.standard().require_item(item)?.1.id.clone();
        let mut stmt = self.conn.prepare(
            "SELECT e.id, e.title, e.method, e.activity_date, m.note FROM mapping m JOIN evidence e ON e.id = m.evidence_id
             WHERE m.item_id = ?1 ORDER BY e.id",
        )?;
        let rows = stmt.query_map([item_id], |r| {
            Ok(MappedEvidence {
                heading: EvidenceHeading::from_row(r)?,
                note: r.get(4)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.named(e.into()))
    }

    /// Checks mapping input: known items (canonical ids), no item twice, notes cleaned.
    fn clean_mappings(&self, mappings: &[Mapping]) -> Result<Vec<Mapping>> {
        let mut out: Vec<Mapping> = Vec::with_capacity(mappings.len());
        for m in mappings {
            let item_id = self.standard().require_item(&m.item_id)?.1.id.clone();
            if out.iter().any(|o| o.item_id == item_id) {
                return Err(Error::new(
                    ErrorCode::InvalidInput,
                    format!("{item_id} is mapped twice."),
                ));
            }
            out.push(Mapping {
                item_id,
                note: clean_mapping_note(&m.note)?,
            });
        }
        Ok(out)
    }
}

/// Replaces a record's fields, recording each one that changed.
fn update_fields(w: &Write<'_>, number: u32, input: &EvidenceInput) -> Result<()> {
    let input = clean(input)?;
    let r = reference(number);
    let before = w.evidence(&r)?;
    let witness_id = witnesses::resolve(w, input.witness.as_ref())?;
    store_fields(w, number, &input, witness_id)?;
    let c = input.confidential.as_ref();
    let changes: [(&'static str, bool, Option<&str>); 6] = [
        ("title", before.title != input.title, Some(&input.title)),
        (
            "method",
            before.method != input.method,
            Some(input.method.key()),
        ),
        (
            "activity_date",
            before.activity_date != input.activity_date,
            input.activity_date.as_deref(),
        ),
        (
            "description",
            before.description != input.description,
            Some(&input.description),
        ),
        (
            "witness",
            before.witness.as_ref().map(|w| w.id) != witness_id,
            None,
        ),
        (
            "confidential",
            before.confidential != input.confidential,
            c.map(|c| c.what.as_str()),
        ),
    ];
    for (field, changed, value) in changes {
        if changed {
            w.record(Change::evidence(&r, field, value))?;
        }
    }
    witnesses::remove_unused(w.tx())
}

/// Writes a record's fields (checked input) and stamps it changed now.
fn store_fields(
    w: &Write<'_>,
    number: u32,
    input: &CleanInput,
    witness_id: Option<i64>,
) -> Result<()> {
    let c = input.confidential.as_ref();
    w.tx().execute(
        "UPDATE evidence SET title = ?1, method = ?2, activity_date = ?3, description = ?4, witness_id = ?5,
                confidential_what = ?6, confidential_held = ?7, confidential_confirmer = ?8, updated_at = ?9
         WHERE id = ?10",
        (
            &input.title,
            input.method,
            &input.activity_date,
            &input.description,
            witness_id,
            c.map(|c| &c.what),
            c.map(|c| &c.held_at),
            c.map(|c| &c.confirmer),
            w.now(),
            number,
        ),
    )?;
    Ok(())
}

/// Replaces a record's mappings, recording each one added, removed or re-noted.
fn replace_mappings(w: &Write<'_>, number: u32, mappings: &[Mapping]) -> Result<()> {
    let mappings = w.clean_mappings(mappings)?;
    let r = reference(number);
    let id = evidence_id(w.tx(), number)?;
    let before: Vec<(String, String)> = {
        let mut stmt = w
            .tx()
            .prepare("SELECT item_id, note FROM mapping WHERE evidence_id = ?1")?;
        let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (item, _) in &before {
        if !mappings.iter().any(|m| &m.item_id == item) {
            w.tx().execute(
                "DELETE FROM mapping WHERE evidence_id = ?1 AND item_id = ?2",
                (id, item),
            )?;
            w.record(Change::mapping(&r, item, "unmapped", None))?;
        }
    }
    for m in &mappings {
        match before.iter().find(|(item, _)| item == &m.item_id) {
            None => insert_mapping(w, id, &r, m)?,
            Some((_, note)) if note != &m.note => {
                w.tx().execute(
                    "UPDATE mapping SET note = ?1 WHERE evidence_id = ?2 AND item_id = ?3",
                    (&m.note, id, &m.item_id),
                )?;
                w.record(Change::mapping(&r, &m.item_id, "note", Some(&m.note)))?;
            }
            Some(_) => {}
        }
    }
    w.tx().execute(
        "UPDATE evidence SET updated_at = ?1 WHERE id = ?2",
        (w.now(), id),
    )?;
    Ok(())
}

/// Adds a record with its attachments and mappings inside a write (for
/// [`Portfolio::add_evidence`], and for evidence made from the partnership
/// register with its source in the same write). Returns its row id and reference.
pub(crate) fn add_in(
    w: &mut Write<'_>,
    new: &NewEvidence,
) -> Result<(i64, String, Vec<AttachOutcome>)> {
    let input = clean(&new.input)?;
    let mappings = w.clean_mappings(&new.mappings)?;
    w.tx().execute(
        "INSERT INTO evidence (title, method, created_at, updated_at) VALUES ('', ?1, ?2, ?2)",
        (input.method, w.now()),
    )?;
    let id = w.tx().last_insert_rowid();
    let number = u32::try_from(id).map_err(|_| Error::internal("evidence numbers ran out"))?;
    let r = reference(number);
    let witness_id = witnesses::resolve(w, input.witness.as_ref())?;
    store_fields(w, number, &input, witness_id)?;
    w.record(Change::evidence(&r, "added", Some(&input.title)))?;
    let mut outcomes = Vec::new();
    for path in &new.attach {
        outcomes.push(attachments::attach_in(w, id, &r, path)?);
    }
    for m in &mappings {
        insert_mapping(w, id, &r, m)?;
    }
    Ok((id, r, outcomes))
}

fn insert_mapping(w: &Write<'_>, evidence_id: i64, r: &str, m: &Mapping) -> Result<()> {
    w.tx().execute(
        "INSERT INTO mapping (evidence_id, item_id, note, created_at) VALUES (?1, ?2, ?3, ?4)",
        (evidence_id, &m.item_id, &m.note, w.now()),
    )?;
    w.record(Change::mapping(r, &m.item_id, "mapped", Some(&m.note)))
}
