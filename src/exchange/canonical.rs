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
use sha2::{Digest, Sha256};

/// One part of the canonical content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// `profile`, `standard`, `item:P4`, `evidence:E3`, `declaration`.
    pub key: String,
    /// Canonical JSON.
    pub content: String,
    pub sha256: String,
}

impl Part {
    fn of<T: Serialize>(key: String, value: &T) -> Part {
        let content = serde_json::to_string(value).expect("parts always serialise");
        let sha256 = sha256_hex(content.as_bytes());
        Part {
            key,
            content,
            sha256,
        }
    }

    /// What a person calls this part: "P4", "E3", "the learner's profile"...
    pub fn describe(&self) -> String {
        describe_key(&self.key)
    }
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
            other => other.into(),
        },
    }
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
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

/// The fingerprint of a list of parts, in their order.
pub fn fingerprint(parts: &[Part]) -> String {
    #[derive(Serialize)]
    struct Entry<'a> {
        part: &'a str,
        sha256: &'a str,
    }
    let list: Vec<Entry> = parts
        .iter()
        .map(|p| Entry {
            part: &p.key,
            sha256: &p.sha256,
        })
        .collect();
    sha256_hex(serde_json::to_string(&list).expect("serialises").as_bytes())
}

/// The fingerprint shortened for display: the first 16 hex digits in groups.
pub fn short_fingerprint(fingerprint: &str) -> String {
    let head: String = fingerprint.chars().take(16).collect();
    head.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
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
    fn fingerprints_change_with_any_part_and_shorten_for_display() {
        let a = vec![
            Part::of("profile".into(), &"Siân"),
            Part::of("item:P1".into(), &"x"),
        ];
        let mut b = a.clone();
        b[1] = Part::of("item:P1".into(), &"y");
        assert_ne!(fingerprint(&a), fingerprint(&b));
        assert_eq!(fingerprint(&a), fingerprint(&a.clone()));
        assert_eq!(fingerprint(&a).len(), 64);
        assert_eq!(
            short_fingerprint("0123456789abcdef0123"),
            "0123 4567 89ab cdef"
        );
        assert_eq!(
            describe_key("item:P4"),
            "item P4 (its rating, account or mapped evidence)"
        );
    }
}
