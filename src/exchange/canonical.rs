//! The canonical form of a portfolio's content and its fingerprints.
//!
//! Content is cut into parts: the profile, the standard, each item (rating,
//! account, and which evidence is mapped to it with what note), each piece of
//! evidence (its fields, witness or descriptor, its files' names, sizes,
//! types and SHA-256, its mappings, the partnership record it was made
//! from), each record of the partnership register (each partner with its
//! contacts, note, agreement with every version, health check with every
//! answer, and action), and, for a submission, the declaration.
//! Each part is serialised as JSON in a fixed field order and hashed with
//! SHA-256; the fingerprint is the SHA-256 of the ordered list of part names
//! and hashes. A change to one byte of content changes its part's hash (which
//! names what changed) and the fingerprint.

use crate::error::Result;
use crate::evidence::{ConfidentialDescriptor, Evidence, EvidenceMethod, Mapping, WitnessInput};
use crate::partnerships::{
    Action, Agreement, AgreementVersion, HealthCheck, Level, Note, NoteKind, Partner, PartnerInput,
    RecordKind,
};
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
        Some((prefix, r)) if RecordKind::from_part_prefix(prefix).is_some() => {
            format!(
                "{} {r}",
                RecordKind::from_part_prefix(prefix).map_or("", RecordKind::noun)
            )
        }
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
    /// The partnership record it was made from, and that record's
    /// fingerprint then (absent for evidence made by hand, so their parts
    /// are as they always were).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourcePart>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourcePart {
    /// `AG1`, `HC2`, `N3`, `PT1` or `map`.
    pub reference: String,
    pub sha256: String,
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
        source: e.source.as_ref().map(|s| SourcePart {
            reference: s.source.clone(),
            sha256: s.sha256.clone(),
        }),
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

// The partnership register's parts: one per record, keyed by its reference
// (`partner:PT1`, `note:N1`, `agreement:AG1`, `health_check:HC1`,
// `action:AC1`), so verify and the changes between submissions name the
// record that changed. Timestamps are not content; dates people gave are.

/// A partner as the canonical content holds it: its reference, then its
/// details as entered (the fields of [`PartnerInput`], in their order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerPart {
    pub reference: String,
    #[serde(flatten)]
    pub details: PartnerInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotePart {
    pub reference: String,
    pub partner: String,
    pub kind: NoteKind,
    pub date: String,
    pub text: String,
    pub participants: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementPart {
    pub reference: String,
    pub partner: String,
    /// Every version, as first agreed and then each revision.
    pub versions: Vec<AgreementVersionPart>,
}

/// A version of an agreement, as agreed or revised (its fields, in order).
pub type AgreementVersionPart = AgreementVersion;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthCheckPart {
    pub reference: String,
    pub partner: String,
    pub date: String,
    pub template_version: u32,
    pub respondents: Vec<ResponsePart>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponsePart {
    pub respondent: String,
    /// Every statement in the template's order: its id, score (null: don't
    /// know) and comment.
    pub answers: Vec<(String, Option<u8>, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionPart {
    pub reference: String,
    pub partner: String,
    pub health_check: Option<String>,
    pub action: String,
    pub element: String,
    pub owner: String,
    pub due: String,
    pub done_on: Option<String>,
}

/// The stakeholder map as a source of evidence: who is placed where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapPart {
    /// Each partner's reference, name, interest and influence.
    pub partners: Vec<(String, String, Option<Level>, Option<Level>)>,
}

pub(crate) fn partner_part(p: &Partner) -> Part {
    Part::of(
        format!("partner:{}", p.reference),
        &PartnerPart {
            reference: p.reference.clone(),
            details: p.to_input(),
        },
    )
}

pub(crate) fn note_part(n: &Note) -> Part {
    Part::of(
        format!("note:{}", n.reference),
        &NotePart {
            reference: n.reference.clone(),
            partner: n.partner.clone(),
            kind: n.kind,
            date: n.date.clone(),
            text: n.text.clone(),
            participants: n.participants.clone(),
        },
    )
}

pub(crate) fn agreement_part(a: &Agreement) -> Part {
    Part::of(
        format!("agreement:{}", a.reference),
        &AgreementPart {
            reference: a.reference.clone(),
            partner: a.partner.clone(),
            versions: a.versions.clone(),
        },
    )
}

pub(crate) fn health_check_part(c: &HealthCheck) -> Part {
    Part::of(
        format!("health_check:{}", c.reference),
        &HealthCheckPart {
            reference: c.reference.clone(),
            partner: c.partner.clone(),
            date: c.date.clone(),
            template_version: c.template_version,
            respondents: c
                .respondents
                .iter()
                .map(|r| ResponsePart {
                    respondent: r.respondent.clone(),
                    answers: r
                        .answers
                        .iter()
                        .map(|a| (a.statement_id.clone(), a.score, a.comment.clone()))
                        .collect(),
                })
                .collect(),
        },
    )
}

pub(crate) fn action_part(a: &Action) -> Part {
    Part::of(
        format!("action:{}", a.reference),
        &ActionPart {
            reference: a.reference.clone(),
            partner: a.partner.clone(),
            health_check: a.health_check.clone(),
            action: a.action.clone(),
            element: a.element.clone(),
            owner: a.owner.clone(),
            due: a.due.clone(),
            done_on: a.done_on.clone(),
        },
    )
}

pub(crate) fn map_part(partners: &[Partner]) -> Part {
    Part::of(
        "map".into(),
        &MapPart {
            partners: partners
                .iter()
                .map(|p| (p.reference.clone(), p.name.clone(), p.interest, p.influence))
                .collect(),
        },
    )
}

/// What changed in a part, in words: "partner PT2's interests and
/// contacts", "agreement AG1 (added)". `before`/`after` are the part's
/// contents then and now (`None`: it did not exist).
pub fn describe_part_change(key: &str, before: Option<&str>, after: Option<&str>) -> String {
    let what = describe_key(key);
    let (before, after) = match (before, after) {
        (None, Some(_)) => return format!("{what} (added)"),
        (Some(_), None) => return format!("{what} (removed)"),
        (None, None) => return what,
        (Some(b), Some(a)) => (b, a),
    };
    let prefix = key.split_once(':').map(|(p, _)| p).unwrap_or(key);
    if prefix != "evidence" && RecordKind::from_part_prefix(prefix).is_none() {
        return what;
    }
    let parse =
        |t: &str| serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(t).ok();
    let (Some(b), Some(a)) = (parse(before), parse(after)) else {
        return what;
    };
    let mut fields: Vec<&str> = Vec::new();
    for (name, value) in &a {
        if b.get(name) != Some(value) {
            fields.push(field_words(prefix, name));
        }
    }
    for name in b.keys() {
        if !a.contains_key(name) {
            fields.push(field_words(prefix, name));
        }
    }
    fields.dedup();
    match fields.as_slice() {
        [] => what,
        [one] => format!("{what}'s {one}"),
        [head @ .., last] => format!("{what}'s {} and {last}", head.join(", ")),
    }
}

/// A part's field in words.
fn field_words<'a>(prefix: &str, field: &'a str) -> &'a str {
    match (prefix, field) {
        ("partner", "kind") => "type",
        (_, "role") => "role and responsibilities",
        (_, "interests") => "interests and concerns",
        (_, "info_needs") => "information needs",
        (_, "info_shared") => "information agreed to be shared",
        (_, "info_withheld") => "information that may not be shared",
        (_, "participants") => "list of who took part",
        (_, "versions") => "text or revisions",
        (_, "respondents") => "answers",
        (_, "due") => "due date",
        (_, "done_on") => "done date",
        (_, "health_check") => "health check",
        (_, "partner") => "partnership",
        (_, "template_version") => "statements",
        (_, "activity_date") => "date",
        (_, "source") => "source",
        (_, other) => other,
    }
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
        parts.extend(self.partnership_parts()?);
        Ok(parts)
    }

    /// The partnership register's parts, in the order partners, notes,
    /// agreements, health checks, actions, each in reference order.
    pub fn partnership_parts(&self) -> Result<Vec<Part>> {
        let mut parts: Vec<Part> = self.all_partners()?.iter().map(partner_part).collect();
        parts.extend(self.all_notes()?.iter().map(note_part));
        parts.extend(self.agreements_of(None, false)?.iter().map(agreement_part));
        parts.extend(self.all_health_checks()?.iter().map(health_check_part));
        let mut actions = self.actions(None)?;
        actions.sort_by_key(|a| a.number);
        parts.extend(actions.iter().map(action_part));
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
