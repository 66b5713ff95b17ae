//! The canonical form of a portfolio's content and its fingerprints.
//!
//! Content is cut into parts: the profile, the standard, each item (rating,
//! account, and which evidence is mapped to it with what note), each piece of
//! evidence (its fields, witness or descriptor, its files' names, sizes,
//! types and SHA-256, its mappings), and, for a submission, the declaration.
//! Each part is serialised as JSON in a fixed field order and hashed with
//! SHA-256; the fingerprint is the SHA-256 of the ordered list of part names
//! and hashes. A change to one byte of content changes its part's hash (which
//! names what changed) and the fingerprint.

use crate::error::Result;
use crate::evidence::{ConfidentialDescriptor, Evidence, EvidenceMethod, Mapping, WitnessInput};
use crate::storage::Portfolio;
use serde::{Deserialize, Serialize};

pub use crate::fingerprint::{fingerprint, sha256_hex, short_fingerprint, Part};

/// Parts a submission holds besides the content: the learner's
/// declaration, and the fingerprint of the learner's sealed records
/// (`seal`, see `storage::seal`). Everything else is content.
pub const SUBMISSION_ONLY_PARTS: &[&str] = &["declaration", "seal"];

/// Whether a submission's part is content (compared with the portfolio's
/// content as it is now) rather than the declaration or the seal.
pub fn is_content_part(key: &str) -> bool {
    !SUBMISSION_ONLY_PARTS.contains(&key)
}

/// A part key in words.
pub fn describe_key(key: &str) -> String {
    match key.split_once(':') {
        Some(("item", id)) => format!("item {id} (its rating, account or mapped evidence)"),
        Some(("evidence", r)) => format!("evidence {r}"),
        _ => match key {
            "profile" => "the learner's profile".into(),
            "standard" => "the standard's text".into(),
            "declaration" => "the learner's declaration".into(),
            "seal" => "the seal of the learner's records".into(),
            other => other.into(),
        },
    }
}

/// A part key as a short reference: "P9", "E3", "the learner's profile".
pub fn short_name(key: &str) -> String {
    match key.split_once(':') {
        Some((_, reference)) => reference.to_string(),
        None => describe_key(key),
    }
}

/// What differs in a content part, in words: "item P9's account",
/// "evidence E3's title", "the learner's profile: full name", "evidence E5
/// (added)". `fields` are the JSON fields that differ (see
/// [`crate::fingerprint::changed_fields`]).
pub fn describe_change(key: &str, fields: &[String]) -> String {
    let (noun, joiner) = match key.split_once(':') {
        Some(("item", id)) => (format!("item {id}"), "'s "),
        Some(("evidence", r)) => (format!("evidence {r}"), "'s "),
        _ => (describe_key(key), ": "),
    };
    if fields.is_empty() {
        return describe_key(key);
    }
    let words: Vec<String> = fields.iter().map(|f| field_words(f)).collect();
    format!("{noun}{joiner}{}", crate::text::and_list(&words))
}

/// A canonical part's field in words.
fn field_words(field: &str) -> String {
    match field {
        "evidence" => "mapped evidence".into(),
        "activity_date" => "date".into(),
        "attachments" => "files".into(),
        "confidential" => "confidential record".into(),
        "urn" => "reference".into(),
        other => other.replace('_', " "),
    }
}

#[derive(Serialize, Deserialize)]
pub(crate) struct StandardPart {
    pub urn: String,
    pub version: String,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemPart {
    pub item_id: String,
    pub rating: Option<u8>,
    pub account: String,
    pub evidence: Vec<ItemEvidence>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemEvidence {
    pub reference: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidencePart {
    pub reference: String,
    pub title: String,
    pub method: EvidenceMethod,
    pub activity_date: Option<String>,
    pub description: String,
    pub witness: Option<WitnessPart>,
    pub confidential: Option<ConfidentialDescriptor>,
    pub attachments: Vec<AttachmentPart>,
    pub mappings: Vec<MappingPart>,
}

/// A witness as the canonical content holds them: the details as entered
/// (the same fields, in the same order, as ever).
pub type WitnessPart = WitnessInput;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentPart {
    pub file_name: String,
    pub size: u64,
    pub media_type: String,
    pub sha256: String,
}

/// A mapping as the canonical content holds it (the same fields, in the
/// same order, as ever).
pub type MappingPart = Mapping;

#[derive(Serialize, Deserialize)]
pub(crate) struct DeclarationPart {
    pub name: String,
    pub date: String,
    pub text: String,
}

pub(crate) fn evidence_part(e: &Evidence) -> EvidencePart {
    EvidencePart {
        reference: e.reference.clone(),
        title: e.title.clone(),
        method: e.method,
        activity_date: e.activity_date.clone(),
        description: e.description.clone(),
        witness: e.witness.as_ref().map(|w| w.details.clone()),
        confidential: e.confidential.clone(),
        attachments: e
            .attachments
            .iter()
            .map(|a| AttachmentPart {
                file_name: a.file_name.clone(),
                size: a.size,
                media_type: a.media_type.clone(),
                sha256: a.sha256.clone(),
            })
            .collect(),
        mappings: e.mappings.clone(),
    }
}

/// The `seal` part of a submission: the fingerprint of the learner's
/// sealed records (see `storage::seal`).
pub(crate) fn seal_part(fingerprint: &str) -> Part {
    Part::of(
        "seal".into(),
        &serde_json::json!({ "fingerprint": fingerprint }),
    )
}

pub(crate) fn declaration_part(name: &str, date: &str, text: &str) -> Part {
    Part::of(
        "declaration".into(),
        &DeclarationPart {
            name: name.into(),
            date: date.into(),
            text: text.into(),
        },
    )
}

impl Portfolio {
    /// The portfolio's current content, in canonical parts (no declaration).
    pub fn content_parts(&self) -> Result<Vec<Part>> {
        let profile = self.profile()?;
        let standard = self.standard();
        let mut parts = vec![
            Part::of("profile".into(), &profile),
            Part::of(
                "standard".into(),
                &StandardPart {
                    urn: standard.urn.clone(),
                    version: standard.version.clone(),
                    sha256: sha256_hex(standard.to_json().as_bytes()),
                },
            ),
        ];
        let evidence: Vec<Evidence> = {
            let mut stmt = self.conn.prepare("SELECT id FROM evidence ORDER BY id")?;
            let numbers: Vec<u32> = stmt
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            numbers
                .into_iter()
                .map(|n| self.evidence(&crate::evidence::reference(n)))
                .collect::<Result<_>>()?
        };
        for a in self.self_assessments()? {
            let mapped = evidence
                .iter()
                .filter_map(|e| {
                    e.mappings
                        .iter()
                        .find(|m| m.item_id == a.item_id)
                        .map(|m| ItemEvidence {
                            reference: e.reference.clone(),
                            note: m.note.clone(),
                        })
                })
                .collect();
            let item = ItemPart {
                item_id: a.item_id.clone(),
                rating: a.rating,
                account: a.account,
                evidence: mapped,
            };
            parts.push(Part::of(format!("item:{}", a.item_id), &item));
        }
        for e in &evidence {
            parts.push(Part::of(
                format!("evidence:{}", e.reference),
                &evidence_part(e),
            ));
        }
        Ok(parts)
    }

    /// SHA-256 fingerprint of the portfolio's current content.
    pub fn content_fingerprint(&self) -> Result<String> {
        Ok(fingerprint(&self.content_parts()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_named_in_words() {
        assert_eq!(
            describe_change("item:P9", &["account".into()]),
            "item P9's account"
        );
        assert_eq!(
            describe_change("profile", &["full_name".into(), "centre".into()]),
            "the learner's profile: full name and centre"
        );
        assert_eq!(
            describe_key("item:P4"),
            "item P4 (its rating, account or mapped evidence)"
        );
    }
}
