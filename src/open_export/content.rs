//! The open export's `portfolio.json`: every piece of a portfolio's content
//! as plain JSON (the format `docs/open-export.md` explains and
//! `docs/open-export.schema.json` describes), read out of a portfolio file
//! and written back into a new one.
//!
//! The content is a list of parts (profile, self-assessments, witnesses,
//! evidence, submissions, judgements, ...). Each part is one field of
//! [`Content`] with a reader (`read_*`, from the file) and a writer
//! (`insert_*`, inside the import's one write); a new kind of content
//! (partnerships) is one more field, one reader, one writer and one entry in
//! the schema. Every table of the file is either carried here or deliberately
//! made again on import ([`EXPORTED_TABLES`], [`DERIVED_TABLES`]); [`read`]
//! refuses a file with any other table rather than leave it out. Rows keep their own times, so the history is kept; ids that
//! only mean something inside one file (attachments, stored bytes) are left
//! out, and files are named by their SHA-256.
//!
//! The format's types are its own, not the screens' (`LearnerProfile`,
//! `Witness`, ...), even where the fields are alike: the app's types may
//! change with any release, a published format only with its version.

use crate::error::{Error, ErrorCode, Result};
use crate::partnerships::RecordKind;
use crate::storage::Write;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// What `format` says in every export.
pub const FORMAT: &str = "partnership-portfolio-open-export";

/// The version of the format this app writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// `portfolio.json` as a whole.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Content {
    pub format: String,
    pub format_version: u32,
    /// The app version that wrote it (for people; not read back).
    pub app_version: String,
    pub exported_at: String,
    pub portfolio: PortfolioPart,
    pub profile: Profile,
    pub self_assessments: Vec<SelfAssessment>,
    pub witnesses: Vec<Witness>,
    pub evidence: Vec<Evidence>,
    /// Files kept only because a submission holds them (their evidence was
    /// removed since): under `files/kept/<sha256>`.
    pub kept_files: Vec<StoredFile>,
    pub submissions: Vec<Submission>,
    pub judgements: Vec<Judgement>,
    pub overall_feedback: Vec<OverallFeedback>,
    pub sign_offs: Vec<SignOff>,
    /// Every change, oldest first.
    pub history: Vec<HistoryEntry>,
    /// The audit trail, oldest first.
    pub audit: Vec<AuditEntry>,
    /// Each party's seal of its records (see `src/storage/seal.rs`).
    pub seals: Vec<Seal>,
    /// The partnership register (see `src/partnerships/`).
    pub partnerships: Partnerships,
    /// The assessment plan, progress reviews and replies to feedback (see
    /// `src/open_export/assessment_cycle.rs`); absent in exports made
    /// before they existed.
    #[serde(default)]
    pub assessment_cycle: super::assessment_cycle::AssessmentCycle,
    /// The internal quality assurer's samples and decisions (see
    /// `src/open_export/iqa.rs`); absent in exports made before they existed.
    #[serde(default)]
    pub iqa: super::iqa::IqaExport,
}

/// The tables whose rows `portfolio.json` (and `files/`) carries.
pub const EXPORTED_TABLES: &[&str] = &[
    "portfolio",
    "learner_profile",
    "self_assessment",
    "history",
    "witness",
    "evidence",
    "content",
    "content_chunk",
    "attachment",
    "mapping",
    "submission",
    "submission_part",
    "submission_content",
    "judgement",
    "overall_feedback",
    "signoff",
    "audit",
    "seal",
    "seal_part",
    "partner",
    "partner_contact",
    "partnership_note",
    "agreement",
    "agreement_version",
    "health_check",
    "health_check_respondent",
    "health_check_answer",
    "partnership_action",
    "evidence_source",
    "plan_item",
    "plan_acceptance",
    "progress_review",
    "review_signature",
    "feedback_reply",
    "iqa_sample",
    "iqa_signoff",
];

/// The tables an import makes again rather than reads: the standard's items
/// (from `portfolio.standard`), the images' previews (from the files),
/// and SQLite's own counters (the `next_*` numbers).
pub const DERIVED_TABLES: &[&str] = &["standard_item", "preview", "sqlite_sequence"];

/// The tables of the file open on `conn` that the format neither carries nor
/// makes again: an export of such a file would lose their rows.
pub fn uncovered_tables(conn: &Connection) -> Result<Vec<String>> {
    let tables: Vec<String> = rows(
        conn,
        "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
        [],
        |r| r.get(0),
    )?;
    Ok(tables
        .into_iter()
        .filter(|t| !EXPORTED_TABLES.contains(&t.as_str()) && !DERIVED_TABLES.contains(&t.as_str()))
        .collect())
}

/// Just enough of `portfolio.json` to know whether this app can read it.
#[derive(Deserialize)]
pub struct Header {
    pub format: String,
    pub format_version: u32,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortfolioPart {
    pub uid: String,
    pub title: String,
    /// Whose copy was exported: "learner" or "assessor".
    pub role: String,
    /// The standard, as embedded in the portfolio.
    pub standard: serde_json::Value,
    pub created_at: String,
    pub updated_at: String,
    /// The number the next piece of evidence gets (references are never reused).
    pub next_evidence_number: u32,
    /// When the exported file was written to be sent (null for a working
    /// copy); an import makes a working copy, so it is not read back.
    pub sent_at: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub full_name: String,
    pub registration_number: String,
    pub centre: String,
    pub qualification: String,
    pub assessor_name: String,
    pub start_date: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfAssessment {
    pub item_id: String,
    pub rating: Option<u8>,
    pub account: String,
    pub updated_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Witness {
    pub id: u32,
    pub name: String,
    pub job_role: String,
    pub organisation: String,
    pub relationship: String,
    pub contact: String,
    pub competence: String,
    pub created_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// E1, E2, ...
    pub reference: String,
    pub title: String,
    pub method: String,
    pub activity_date: Option<String>,
    pub description: String,
    /// The witness's `id` in `witnesses`.
    pub witness: Option<u32>,
    pub confidential: Option<Confidential>,
    pub created_at: String,
    pub updated_at: String,
    pub attachments: Vec<Attachment>,
    pub mappings: Vec<Mapping>,
    /// The partnership record it was made from in one step, if it was.
    pub source: Option<EvidenceSource>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceSource {
    /// `PT1`, `N1`, `AG1`, `HC1` or `map`.
    pub source: String,
    /// The fingerprint of the source's content when the evidence was made.
    pub sha256: String,
    pub made_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Confidential {
    pub what: String,
    pub held: String,
    pub confirmer: Option<String>,
}

/// A stored file: where it is in the ZIP and what it is.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredFile {
    /// Its path in the ZIP.
    pub path: String,
    pub sha256: String,
    pub size: u64,
    pub media_type: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// The name the learner's file had.
    pub file_name: String,
    pub added_at: String,
    /// What it shows, in the learner's words (a photo's alternative text).
    pub description: Option<String>,
    #[serde(flatten)]
    pub file: StoredFile,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    pub item_id: String,
    pub note: String,
    pub created_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    pub version: u32,
    pub submitted_at: String,
    pub declared_name: String,
    pub declared_on: String,
    pub declaration: String,
    pub fingerprint: String,
    /// The submitted content, part by part, as it was fingerprinted.
    pub parts: Vec<SubmissionPart>,
    /// The SHA-256 of every file the submission holds.
    pub files: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmissionPart {
    pub part: String,
    pub content: String,
    pub sha256: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Judgement {
    pub version: u32,
    pub item_id: String,
    pub outcome: String,
    pub feedback: String,
    pub assessor_name: String,
    pub judged_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverallFeedback {
    pub version: u32,
    pub feedback: String,
    pub assessor_name: String,
    pub updated_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignOff {
    pub version: u32,
    pub assessor_name: String,
    pub signed_on: String,
    pub signed_at: String,
    pub declaration: String,
    pub fingerprint: String,
    /// The fingerprint of the assessment signed.
    pub assessment: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seal {
    pub party: String,
    pub fingerprint: String,
    /// The audit entry (`uid`) that records the sealing, if not the seal itself.
    pub recorded_by: Option<String>,
    pub parts: Vec<SubmissionPart>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    pub at: String,
    pub actor: String,
    pub subject: String,
    pub item_id: Option<String>,
    pub field: String,
    pub value: Option<String>,
    pub evidence_ref: Option<String>,
    /// The partnership record it is about (`PT1`, `AG1`, ...).
    pub partnership_ref: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditEntry {
    pub uid: String,
    pub at: String,
    pub role: String,
    pub name: String,
    pub event: String,
    pub version: Option<u32>,
    pub detail: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partnerships {
    /// The number the next record of each kind gets (references are never reused).
    pub next_numbers: NextNumbers,
    pub partners: Vec<Partner>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NextNumbers {
    pub partner: u32,
    pub note: u32,
    pub agreement: u32,
    pub health_check: u32,
    pub action: u32,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// PT1, PT2, ...
    pub reference: String,
    pub name: String,
    pub kind: String,
    pub role: String,
    pub interests: String,
    pub services: String,
    pub info_needs: String,
    pub info_shared: String,
    pub info_withheld: String,
    /// "high" or "low" (both or neither of interest and influence).
    pub interest: Option<String>,
    pub influence: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// In the learner's order.
    pub contacts: Vec<Contact>,
    pub notes: Vec<Note>,
    pub agreements: Vec<Agreement>,
    pub health_checks: Vec<HealthCheck>,
    pub actions: Vec<Action>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub role: String,
    pub reach: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// N1, N2, ...
    pub reference: String,
    pub kind: String,
    pub noted_on: String,
    pub text: String,
    /// One name a line.
    pub participants: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// AG1, AG2, ...
    pub reference: String,
    pub created_at: String,
    pub updated_at: String,
    /// Version 1 as agreed, then each revision.
    pub versions: Vec<AgreementVersion>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementVersion {
    pub version: u32,
    pub made_on: String,
    pub aims: String,
    pub arrangements: String,
    pub measures: String,
    pub monitoring: String,
    pub review_by: String,
    pub what_changed: String,
    pub why: String,
    pub created_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HealthCheck {
    /// HC1, HC2, ...
    pub reference: String,
    pub held_on: String,
    pub template_version: u32,
    pub created_at: String,
    pub updated_at: String,
    /// In the order they answered.
    pub respondents: Vec<Respondent>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Respondent {
    pub position: u32,
    pub name: String,
    pub added_at: String,
    pub answers: Vec<Answer>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub statement_id: String,
    /// 1 to 5, null for "don't know".
    pub score: Option<u8>,
    pub comment: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// AC1, AC2, ...
    pub reference: String,
    /// The health check (`HC1`) it answers, if any.
    pub health_check: Option<String>,
    pub action: String,
    pub element: String,
    pub owner: String,
    pub due_on: String,
    pub done_on: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// The number of a reference of `kind` exactly as the app writes it (`PT3`).
fn number(kind: RecordKind, reference: &str) -> Result<u32> {
    let n = kind.parse(reference)?;
    if kind.reference(n) != reference {
        return Err(Error::invalid_input(format!(
            "\"{reference}\" is not a {} reference (they look like {}).",
            kind.noun(),
            kind.reference(3)
        )));
    }
    Ok(n)
}

/// The number the next row of `table` gets (AUTOINCREMENT never reuses one).
fn next_number(conn: &Connection, table: &str) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?1), 0) + 1",
        [table],
        |r| r.get(0),
    )?)
}

/// Makes `table`'s next number at least `next`, as it was in the exported file.
fn keep_next_number(tx: &Connection, table: &str, next: u32) -> Result<()> {
    let last = next.saturating_sub(1);
    tx.execute(
        "UPDATE sqlite_sequence SET seq = max(seq, ?1) WHERE name = ?2",
        (last, table),
    )?;
    tx.execute(
        "INSERT INTO sqlite_sequence (name, seq) SELECT ?2, ?1
         WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?2)",
        (last, table),
    )?;
    Ok(())
}

/// Rows of one query as values made by `row`.
fn rows<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    row: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let out = stmt
        .query_map(params, row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(out)
}

/// The ZIP path of an attachment: `files/<reference>/<safe name>`, a name
/// already taken in that folder (ignoring case, as the import does) made
/// unique as "name (2).ext" in order.
fn attachment_path(reference: &str, name: &str, taken: &mut Vec<String>) -> String {
    let safe = crate::evidence::attachments::safe_file_name(name);
    let (stem, ext) = match safe.rfind('.') {
        Some(i) if i > 0 => (&safe[..i], &safe[i..]),
        _ => (safe.as_str(), ""),
    };
    let mut candidate = safe.clone();
    let mut n = 2;
    while taken.contains(&candidate.to_lowercase()) {
        candidate = format!("{stem} ({n}){ext}");
        n += 1;
    }
    taken.push(candidate.to_lowercase());
    format!("files/{reference}/{candidate}")
}

/// Reads every part of the portfolio open on `conn`.
pub fn read(conn: &Connection, exported_at: &str) -> Result<Content> {
    let uncovered = uncovered_tables(conn)?;
    if !uncovered.is_empty() {
        return Err(Error::new(
            ErrorCode::NewerVersion,
            format!(
                "This portfolio has content the open export cannot carry yet ({}); nothing was exported. \
                 Use a newer version of the app.",
                uncovered.join(", ")
            ),
        ));
    }
    let portfolio = conn.query_row(
        "SELECT uid, title, role, standard_json, created_at, updated_at,
                0, sent_at
         FROM portfolio",
        [],
        |r| {
            let standard: String = r.get(3)?;
            Ok(PortfolioPart {
                uid: r.get(0)?,
                title: r.get(1)?,
                role: r.get(2)?,
                standard: serde_json::from_str(&standard).unwrap_or(serde_json::Value::Null),
                created_at: r.get(4)?,
                updated_at: r.get(5)?,
                next_evidence_number: 0,
                sent_at: r.get(7)?,
            })
        },
    )?;
    let mut portfolio = portfolio;
    portfolio.next_evidence_number = next_number(conn, "evidence")?;
    let profile = conn.query_row(
        "SELECT full_name, registration_number, centre, qualification, assessor_name, start_date, updated_at
         FROM learner_profile",
        [],
        |r| {
            Ok(Profile {
                full_name: r.get(0)?,
                registration_number: r.get(1)?,
                centre: r.get(2)?,
                qualification: r.get(3)?,
                assessor_name: r.get(4)?,
                start_date: r.get(5)?,
                updated_at: r.get(6)?,
            })
        },
    )?;
    let self_assessments = rows(
        conn,
        "SELECT s.item_id, s.rating, s.account, s.updated_at FROM self_assessment s
         JOIN standard_item i ON i.id = s.item_id ORDER BY i.position",
        [],
        |r| {
            Ok(SelfAssessment {
                item_id: r.get(0)?,
                rating: r.get(1)?,
                account: r.get(2)?,
                updated_at: r.get(3)?,
            })
        },
    )?;
    let witnesses = rows(
        conn,
        "SELECT id, name, job_role, organisation, relationship, contact, competence, created_at
         FROM witness ORDER BY id",
        [],
        |r| {
            Ok(Witness {
                id: r.get(0)?,
                name: r.get(1)?,
                job_role: r.get(2)?,
                organisation: r.get(3)?,
                relationship: r.get(4)?,
                contact: r.get(5)?,
                competence: r.get(6)?,
                created_at: r.get(7)?,
            })
        },
    )?;
    let mut evidence = rows(
        conn,
        "SELECT id, title, method, activity_date, description, witness_id, confidential_what,
                confidential_held, confidential_confirmer, created_at, updated_at
         FROM evidence ORDER BY id",
        [],
        |r| {
            let what: Option<String> = r.get(6)?;
            let held: Option<String> = r.get(7)?;
            Ok(Evidence {
                reference: crate::evidence::reference(r.get(0)?),
                title: r.get(1)?,
                method: r.get(2)?,
                activity_date: r.get(3)?,
                description: r.get(4)?,
                witness: r.get(5)?,
                confidential: match (what, held) {
                    (Some(what), Some(held)) => Some(Confidential {
                        what,
                        held,
                        confirmer: r.get(8)?,
                    }),
                    _ => None,
                },
                created_at: r.get(9)?,
                updated_at: r.get(10)?,
                attachments: Vec::new(),
                mappings: Vec::new(),
                source: None,
            })
        },
    )?;
    for e in &mut evidence {
        let id = crate::evidence::parse_reference(&e.reference)?;
        let mut taken = Vec::new();
        e.attachments = rows(
            conn,
            "SELECT a.file_name, a.added_at, c.sha256, c.size, c.media_type, a.description
             FROM attachment a JOIN content c ON c.id = a.content_id
             WHERE a.evidence_id = ?1 ORDER BY a.id",
            [id],
            |r| {
                let file_name: String = r.get(0)?;
                Ok(Attachment {
                    file: StoredFile {
                        path: attachment_path(&e.reference, &file_name, &mut taken),
                        sha256: r.get(2)?,
                        size: r.get::<_, i64>(3)? as u64,
                        media_type: r.get(4)?,
                    },
                    file_name,
                    added_at: r.get(1)?,
                    description: r.get(5)?,
                })
            },
        )?;
        e.mappings = rows(
            conn,
            "SELECT m.item_id, m.note, m.created_at FROM mapping m
             JOIN standard_item i ON i.id = m.item_id WHERE m.evidence_id = ?1 ORDER BY i.position",
            [id],
            |r| {
                Ok(Mapping {
                    item_id: r.get(0)?,
                    note: r.get(1)?,
                    created_at: r.get(2)?,
                })
            },
        )?;
        e.source = conn
            .query_row(
                "SELECT source, sha256, made_at FROM evidence_source WHERE evidence_id = ?1",
                [id],
                |r| {
                    Ok(EvidenceSource {
                        source: r.get(0)?,
                        sha256: r.get(1)?,
                        made_at: r.get(2)?,
                    })
                },
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
    }
    let kept_files = rows(
        conn,
        "SELECT sha256, size, media_type FROM content
         WHERE id NOT IN (SELECT content_id FROM attachment) ORDER BY sha256",
        [],
        |r| {
            let sha256: String = r.get(0)?;
            Ok(StoredFile {
                path: format!("files/kept/{sha256}"),
                sha256,
                size: r.get::<_, i64>(1)? as u64,
                media_type: r.get(2)?,
            })
        },
    )?;
    let mut submissions = rows(
        conn,
        "SELECT version, submitted_at, declared_name, declared_on, declaration, fingerprint
         FROM submission ORDER BY version",
        [],
        |r| {
            Ok(Submission {
                version: r.get(0)?,
                submitted_at: r.get(1)?,
                declared_name: r.get(2)?,
                declared_on: r.get(3)?,
                declaration: r.get(4)?,
                fingerprint: r.get(5)?,
                parts: Vec::new(),
                files: Vec::new(),
            })
        },
    )?;
    for s in &mut submissions {
        s.parts = rows(
            conn,
            "SELECT part, content, sha256 FROM submission_part WHERE version = ?1 ORDER BY position",
            [s.version],
            |r| {
                Ok(SubmissionPart {
                    part: r.get(0)?,
                    content: r.get(1)?,
                    sha256: r.get(2)?,
                })
            },
        )?;
        s.files = rows(
            conn,
            "SELECT c.sha256 FROM submission_content s JOIN content c ON c.id = s.content_id
             WHERE s.version = ?1 ORDER BY c.sha256",
            [s.version],
            |r| r.get(0),
        )?;
    }
    let judgements = rows(
        conn,
        "SELECT j.version, j.item_id, j.outcome, j.feedback, j.assessor_name, j.judged_at
         FROM judgement j JOIN standard_item i ON i.id = j.item_id ORDER BY j.version, i.position",
        [],
        |r| {
            Ok(Judgement {
                version: r.get(0)?,
                item_id: r.get(1)?,
                outcome: r.get(2)?,
                feedback: r.get(3)?,
                assessor_name: r.get(4)?,
                judged_at: r.get(5)?,
            })
        },
    )?;
    let overall_feedback = rows(
        conn,
        "SELECT version, feedback, assessor_name, updated_at FROM overall_feedback ORDER BY version",
        [],
        |r| {
            Ok(OverallFeedback {
                version: r.get(0)?,
                feedback: r.get(1)?,
                assessor_name: r.get(2)?,
                updated_at: r.get(3)?,
            })
        },
    )?;
    let sign_offs = rows(
        conn,
        "SELECT version, assessor_name, signed_on, signed_at, declaration, fingerprint, assessment
         FROM signoff ORDER BY version",
        [],
        |r| {
            Ok(SignOff {
                version: r.get(0)?,
                assessor_name: r.get(1)?,
                signed_on: r.get(2)?,
                signed_at: r.get(3)?,
                declaration: r.get(4)?,
                fingerprint: r.get(5)?,
                assessment: r.get(6)?,
            })
        },
    )?;
    let mut seals = rows(
        conn,
        "SELECT party, fingerprint, recorded_by FROM seal ORDER BY party",
        [],
        |r| {
            Ok(Seal {
                party: r.get(0)?,
                fingerprint: r.get(1)?,
                recorded_by: r.get(2)?,
                parts: Vec::new(),
            })
        },
    )?;
    for seal in &mut seals {
        seal.parts = rows(
            conn,
            "SELECT part, content, sha256 FROM seal_part WHERE party = ?1 ORDER BY position",
            [&seal.party],
            |r| {
                Ok(SubmissionPart {
                    part: r.get(0)?,
                    content: r.get(1)?,
                    sha256: r.get(2)?,
                })
            },
        )?;
    }
    let history = rows(
        conn,
        "SELECT at, actor, subject, item_id, field, value, evidence_ref, partnership_ref
         FROM history ORDER BY seq",
        [],
        |r| {
            Ok(HistoryEntry {
                at: r.get(0)?,
                actor: r.get(1)?,
                subject: r.get(2)?,
                item_id: r.get(3)?,
                field: r.get(4)?,
                value: r.get(5)?,
                evidence_ref: r.get(6)?,
                partnership_ref: r.get(7)?,
            })
        },
    )?;
    let audit = rows(
        conn,
        "SELECT uid, at, role, name, event, version, detail FROM audit ORDER BY seq",
        [],
        |r| {
            Ok(AuditEntry {
                uid: r.get(0)?,
                at: r.get(1)?,
                role: r.get(2)?,
                name: r.get(3)?,
                event: r.get(4)?,
                version: r.get(5)?,
                detail: r.get(6)?,
            })
        },
    )?;
    Ok(Content {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        app_version: env!("CARGO_PKG_VERSION").into(),
        exported_at: exported_at.into(),
        portfolio,
        profile,
        self_assessments,
        witnesses,
        evidence,
        kept_files,
        submissions,
        judgements,
        overall_feedback,
        sign_offs,
        history,
        audit,
        seals,
        partnerships: read_partnerships(conn)?,
        assessment_cycle: super::assessment_cycle::read(conn)?,
        iqa: super::iqa::read(conn)?,
    })
}

/// The partnership register, partner by partner, each with its records.
fn read_partnerships(conn: &Connection) -> Result<Partnerships> {
    let next_numbers = NextNumbers {
        partner: next_number(conn, "partner")?,
        note: next_number(conn, "partnership_note")?,
        agreement: next_number(conn, "agreement")?,
        health_check: next_number(conn, "health_check")?,
        action: next_number(conn, "partnership_action")?,
    };
    let mut partners = rows(
        conn,
        "SELECT id, name, kind, role, interests, services, info_needs, info_shared, info_withheld,
                interest, influence, created_at, updated_at
         FROM partner ORDER BY id",
        [],
        |r| {
            Ok(Partner {
                reference: RecordKind::Partner.reference(r.get(0)?),
                name: r.get(1)?,
                kind: r.get(2)?,
                role: r.get(3)?,
                interests: r.get(4)?,
                services: r.get(5)?,
                info_needs: r.get(6)?,
                info_shared: r.get(7)?,
                info_withheld: r.get(8)?,
                interest: r.get(9)?,
                influence: r.get(10)?,
                created_at: r.get(11)?,
                updated_at: r.get(12)?,
                contacts: Vec::new(),
                notes: Vec::new(),
                agreements: Vec::new(),
                health_checks: Vec::new(),
                actions: Vec::new(),
            })
        },
    )?;
    for p in &mut partners {
        let id = number(RecordKind::Partner, &p.reference)?;
        p.contacts = rows(
            conn,
            "SELECT name, role, reach FROM partner_contact WHERE partner_id = ?1 ORDER BY position",
            [id],
            |r| {
                Ok(Contact {
                    name: r.get(0)?,
                    role: r.get(1)?,
                    reach: r.get(2)?,
                })
            },
        )?;
        p.notes = rows(
            conn,
            "SELECT id, kind, noted_on, text, participants, created_at, updated_at
             FROM partnership_note WHERE partner_id = ?1 ORDER BY id",
            [id],
            |r| {
                Ok(Note {
                    reference: RecordKind::Note.reference(r.get(0)?),
                    kind: r.get(1)?,
                    noted_on: r.get(2)?,
                    text: r.get(3)?,
                    participants: r.get(4)?,
                    created_at: r.get(5)?,
                    updated_at: r.get(6)?,
                })
            },
        )?;
        p.agreements = rows(
            conn,
            "SELECT id, created_at, updated_at FROM agreement WHERE partner_id = ?1 ORDER BY id",
            [id],
            |r| {
                Ok(Agreement {
                    reference: RecordKind::Agreement.reference(r.get(0)?),
                    created_at: r.get(1)?,
                    updated_at: r.get(2)?,
                    versions: Vec::new(),
                })
            },
        )?;
        for a in &mut p.agreements {
            a.versions = rows(
                conn,
                "SELECT version, made_on, aims, arrangements, measures, monitoring, review_by,
                        what_changed, why, created_at
                 FROM agreement_version WHERE agreement_id = ?1 ORDER BY version",
                [number(RecordKind::Agreement, &a.reference)?],
                |r| {
                    Ok(AgreementVersion {
                        version: r.get(0)?,
                        made_on: r.get(1)?,
                        aims: r.get(2)?,
                        arrangements: r.get(3)?,
                        measures: r.get(4)?,
                        monitoring: r.get(5)?,
                        review_by: r.get(6)?,
                        what_changed: r.get(7)?,
                        why: r.get(8)?,
                        created_at: r.get(9)?,
                    })
                },
            )?;
        }
        p.health_checks = rows(
            conn,
            "SELECT id, held_on, template_version, created_at, updated_at
             FROM health_check WHERE partner_id = ?1 ORDER BY id",
            [id],
            |r| {
                Ok(HealthCheck {
                    reference: RecordKind::HealthCheck.reference(r.get(0)?),
                    held_on: r.get(1)?,
                    template_version: r.get(2)?,
                    created_at: r.get(3)?,
                    updated_at: r.get(4)?,
                    respondents: Vec::new(),
                })
            },
        )?;
        for c in &mut p.health_checks {
            let check = number(RecordKind::HealthCheck, &c.reference)?;
            c.respondents = rows(
                conn,
                "SELECT position, name, added_at FROM health_check_respondent
                 WHERE check_id = ?1 ORDER BY position",
                [check],
                |r| {
                    Ok(Respondent {
                        position: r.get(0)?,
                        name: r.get(1)?,
                        added_at: r.get(2)?,
                        answers: Vec::new(),
                    })
                },
            )?;
            for who in &mut c.respondents {
                who.answers = rows(
                    conn,
                    "SELECT statement_id, score, comment FROM health_check_answer
                     WHERE check_id = ?1 AND position = ?2 ORDER BY statement_id",
                    (check, who.position),
                    |r| {
                        Ok(Answer {
                            statement_id: r.get(0)?,
                            score: r.get(1)?,
                            comment: r.get(2)?,
                        })
                    },
                )?;
            }
        }
        p.actions = rows(
            conn,
            "SELECT id, check_id, action, element, owner, due_on, done_on, created_at, updated_at
             FROM partnership_action WHERE partner_id = ?1 ORDER BY id",
            [id],
            |r| {
                Ok(Action {
                    reference: RecordKind::Action.reference(r.get(0)?),
                    health_check: r
                        .get::<_, Option<u32>>(1)?
                        .map(|n| RecordKind::HealthCheck.reference(n)),
                    action: r.get(2)?,
                    element: r.get(3)?,
                    owner: r.get(4)?,
                    due_on: r.get(5)?,
                    done_on: r.get(6)?,
                    created_at: r.get(7)?,
                    updated_at: r.get(8)?,
                })
            },
        )?;
    }
    Ok(Partnerships {
        next_numbers,
        partners,
    })
}

impl Content {
    /// Every stored file the ZIP must hold: each attachment, then each kept file.
    pub fn files(&self) -> impl Iterator<Item = &StoredFile> {
        self.evidence
            .iter()
            .flat_map(|e| e.attachments.iter().map(|a| &a.file))
            .chain(&self.kept_files)
    }

    /// Writes every row except the portfolio's own and the stored files'
    /// bytes (which the import streams in first) into the new file.
    /// `content_id` gives the stored row of a file by its SHA-256.
    pub(crate) fn insert_rows(
        &self,
        w: &Write<'_>,
        content_id: &dyn Fn(&str) -> Result<i64>,
    ) -> Result<()> {
        let tx = w.tx();
        let p = &self.profile;
        tx.execute(
            "INSERT INTO learner_profile (singleton, full_name, registration_number, centre, qualification,
                                          assessor_name, start_date, updated_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            (
                &p.full_name,
                &p.registration_number,
                &p.centre,
                &p.qualification,
                &p.assessor_name,
                &p.start_date,
                &p.updated_at,
            ),
        )?;
        for s in &self.self_assessments {
            tx.execute(
                "INSERT INTO self_assessment (item_id, rating, account, updated_at) VALUES (?1, ?2, ?3, ?4)",
                (&s.item_id, s.rating, &s.account, &s.updated_at),
            )?;
        }
        for x in &self.witnesses {
            tx.execute(
                "INSERT INTO witness (id, name, job_role, organisation, relationship, contact, competence, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                (
                    x.id,
                    &x.name,
                    &x.job_role,
                    &x.organisation,
                    &x.relationship,
                    &x.contact,
                    &x.competence,
                    &x.created_at,
                ),
            )?;
        }
        for e in &self.evidence {
            let id = crate::evidence::parse_reference(&e.reference)?;
            let c = e.confidential.as_ref();
            tx.execute(
                "INSERT INTO evidence (id, title, method, activity_date, description, witness_id, confidential_what,
                                       confidential_held, confidential_confirmer, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                (
                    id,
                    &e.title,
                    &e.method,
                    &e.activity_date,
                    &e.description,
                    e.witness,
                    c.map(|c| &c.what),
                    c.map(|c| &c.held),
                    c.and_then(|c| c.confirmer.as_ref()),
                    &e.created_at,
                    &e.updated_at,
                ),
            )?;
            for a in &e.attachments {
                tx.execute(
                    "INSERT INTO attachment (evidence_id, content_id, file_name, added_at, description)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    (
                        id,
                        content_id(&a.file.sha256)?,
                        &a.file_name,
                        &a.added_at,
                        &a.description,
                    ),
                )?;
            }
            for m in &e.mappings {
                tx.execute(
                    "INSERT INTO mapping (evidence_id, item_id, note, created_at) VALUES (?1, ?2, ?3, ?4)",
                    (id, &m.item_id, &m.note, &m.created_at),
                )?;
            }
        }
        // References are never reused: the next one is what it was.
        keep_next_number(tx, "evidence", self.portfolio.next_evidence_number)?;
        // The register before the evidence made from it names its source.
        self.partnerships.insert(tx)?;
        for e in &self.evidence {
            if let Some(s) = &e.source {
                tx.execute(
                    "INSERT INTO evidence_source (evidence_id, source, sha256, made_at) VALUES (?1, ?2, ?3, ?4)",
                    (
                        crate::evidence::parse_reference(&e.reference)?,
                        &s.source,
                        &s.sha256,
                        &s.made_at,
                    ),
                )?;
            }
        }
        for s in &self.submissions {
            tx.execute(
                "INSERT INTO submission (version, submitted_at, declared_name, declared_on, declaration, fingerprint)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                (
                    s.version,
                    &s.submitted_at,
                    &s.declared_name,
                    &s.declared_on,
                    &s.declaration,
                    &s.fingerprint,
                ),
            )?;
            for (position, part) in s.parts.iter().enumerate() {
                tx.execute(
                    "INSERT INTO submission_part (version, part, position, content, sha256) VALUES (?1, ?2, ?3, ?4, ?5)",
                    (s.version, &part.part, position as i64, &part.content, &part.sha256),
                )?;
            }
            for sha256 in &s.files {
                tx.execute(
                    "INSERT INTO submission_content (version, content_id) VALUES (?1, ?2)",
                    (s.version, content_id(sha256)?),
                )?;
            }
        }
        for j in &self.judgements {
            tx.execute(
                "INSERT INTO judgement (version, item_id, outcome, feedback, assessor_name, judged_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                (
                    j.version,
                    &j.item_id,
                    &j.outcome,
                    &j.feedback,
                    &j.assessor_name,
                    &j.judged_at,
                ),
            )?;
        }
        for f in &self.overall_feedback {
            tx.execute(
                "INSERT INTO overall_feedback (version, feedback, assessor_name, updated_at) VALUES (?1, ?2, ?3, ?4)",
                (f.version, &f.feedback, &f.assessor_name, &f.updated_at),
            )?;
        }
        for s in &self.sign_offs {
            tx.execute(
                "INSERT INTO signoff (version, assessor_name, signed_on, signed_at, declaration, fingerprint, assessment)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                (
                    s.version,
                    &s.assessor_name,
                    &s.signed_on,
                    &s.signed_at,
                    &s.declaration,
                    &s.fingerprint,
                    &s.assessment,
                ),
            )?;
        }
        for h in &self.history {
            tx.execute(
                "INSERT INTO history (at, actor, subject, item_id, field, value, evidence_ref, partnership_ref)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                (
                    &h.at,
                    &h.actor,
                    &h.subject,
                    &h.item_id,
                    &h.field,
                    &h.value,
                    &h.evidence_ref,
                    &h.partnership_ref,
                ),
            )?;
        }
        for a in &self.audit {
            tx.execute(
                "INSERT INTO audit (uid, at, role, name, event, version, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                (&a.uid, &a.at, &a.role, &a.name, &a.event, a.version, &a.detail),
            )?;
        }
        for seal in &self.seals {
            tx.execute(
                "INSERT INTO seal (party, fingerprint, recorded_by) VALUES (?1, ?2, ?3)",
                (&seal.party, &seal.fingerprint, &seal.recorded_by),
            )?;
            for (position, part) in seal.parts.iter().enumerate() {
                tx.execute(
                    "INSERT INTO seal_part (party, part, position, content, sha256) VALUES (?1, ?2, ?3, ?4, ?5)",
                    (&seal.party, &part.part, position as i64, &part.content, &part.sha256),
                )?;
            }
        }
        self.assessment_cycle.insert(w)?;
        self.iqa.insert(w)?;
        Ok(())
    }
}

impl Partnerships {
    /// Writes the register's rows with their own numbers, so every reference
    /// (an action's check, evidence made from a record, the history's) holds.
    fn insert(&self, tx: &Connection) -> Result<()> {
        for p in &self.partners {
            let id = number(RecordKind::Partner, &p.reference)?;
            tx.execute(
                "INSERT INTO partner (id, name, kind, role, interests, services, info_needs, info_shared,
                                      info_withheld, interest, influence, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                rusqlite::params![
                    id,
                    p.name,
                    p.kind,
                    p.role,
                    p.interests,
                    p.services,
                    p.info_needs,
                    p.info_shared,
                    p.info_withheld,
                    p.interest,
                    p.influence,
                    p.created_at,
                    p.updated_at,
                ],
            )?;
            for (position, c) in p.contacts.iter().enumerate() {
                tx.execute(
                    "INSERT INTO partner_contact (partner_id, position, name, role, reach) VALUES (?1, ?2, ?3, ?4, ?5)",
                    (id, position as i64, &c.name, &c.role, &c.reach),
                )?;
            }
            for n in &p.notes {
                tx.execute(
                    "INSERT INTO partnership_note (id, partner_id, kind, noted_on, text, participants, created_at,
                                                   updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    (
                        number(RecordKind::Note, &n.reference)?,
                        id,
                        &n.kind,
                        &n.noted_on,
                        &n.text,
                        &n.participants,
                        &n.created_at,
                        &n.updated_at,
                    ),
                )?;
            }
            for a in &p.agreements {
                let agreement = number(RecordKind::Agreement, &a.reference)?;
                tx.execute(
                    "INSERT INTO agreement (id, partner_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4)",
                    (agreement, id, &a.created_at, &a.updated_at),
                )?;
                for v in &a.versions {
                    tx.execute(
                        "INSERT INTO agreement_version (agreement_id, version, made_on, aims, arrangements, measures,
                                                        monitoring, review_by, what_changed, why, created_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                        rusqlite::params![
                            agreement,
                            v.version,
                            v.made_on,
                            v.aims,
                            v.arrangements,
                            v.measures,
                            v.monitoring,
                            v.review_by,
                            v.what_changed,
                            v.why,
                            v.created_at,
                        ],
                    )?;
                }
            }
            for c in &p.health_checks {
                let check = number(RecordKind::HealthCheck, &c.reference)?;
                tx.execute(
                    "INSERT INTO health_check (id, partner_id, held_on, template_version, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    (check, id, &c.held_on, c.template_version, &c.created_at, &c.updated_at),
                )?;
                for who in &c.respondents {
                    tx.execute(
                        "INSERT INTO health_check_respondent (check_id, position, name, added_at)
                         VALUES (?1, ?2, ?3, ?4)",
                        (check, who.position, &who.name, &who.added_at),
                    )?;
                    for answer in &who.answers {
                        if crate::partnerships::template::statement(&answer.statement_id).is_none()
                        {
                            return Err(Error::invalid_input(format!(
                                "health check {} has an answer to a statement the app does not have ({})",
                                c.reference, answer.statement_id
                            )));
                        }
                        tx.execute(
                            "INSERT INTO health_check_answer (check_id, position, statement_id, score, comment)
                             VALUES (?1, ?2, ?3, ?4, ?5)",
                            (
                                check,
                                who.position,
                                &answer.statement_id,
                                answer.score,
                                &answer.comment,
                            ),
                        )?;
                    }
                }
            }
            for a in &p.actions {
                let check = match &a.health_check {
                    Some(r) => Some(number(RecordKind::HealthCheck, r)?),
                    None => None,
                };
                tx.execute(
                    "INSERT INTO partnership_action (id, partner_id, check_id, action, element, owner, due_on,
                                                     done_on, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    rusqlite::params![
                        number(RecordKind::Action, &a.reference)?,
                        id,
                        check,
                        a.action,
                        a.element,
                        a.owner,
                        a.due_on,
                        a.done_on,
                        a.created_at,
                        a.updated_at,
                    ],
                )?;
            }
        }
        let n = &self.next_numbers;
        keep_next_number(tx, "partner", n.partner)?;
        keep_next_number(tx, "partnership_note", n.note)?;
        keep_next_number(tx, "agreement", n.agreement)?;
        keep_next_number(tx, "health_check", n.health_check)?;
        keep_next_number(tx, "partnership_action", n.action)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::attachment_path;

    #[test]
    fn attachment_names_are_safe_and_unique_ignoring_case() {
        let mut taken = Vec::new();
        let paths: Vec<String> = [
            "Ä.txt",
            "ä.txt",
            "../../etc/passwd",
            "Cyfarfod 10:30.txt",
            "ä.txt",
            "..",
        ]
        .iter()
        .map(|n| attachment_path("E3", n, &mut taken))
        .collect();
        assert_eq!(
            paths,
            [
                "files/E3/Ä.txt",
                "files/E3/ä (2).txt",
                "files/E3/_.._etc_passwd",
                "files/E3/Cyfarfod 10:30.txt",
                "files/E3/ä (3).txt",
                "files/E3/attachment",
            ]
        );
    }
}
