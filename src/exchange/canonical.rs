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
            "seal" => "the seal of the learner's records".into(),
            "plan" => "the learner's assessment plan and acceptance".into(),
            "reviews" => "the learner's progress reviews and signatures".into(),
            "replies" => "the learner's replies to feedback".into(),
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
    let prefix = key.split_once(':').map_or(key, |(p, _)| p);
    let (noun, joiner) = match key.split_once(':') {
        Some(("item", id)) => (format!("item {id}"), "'s "),
        Some(("evidence", _)) => (describe_key(key), "'s "),
        Some((p, _)) if RecordKind::from_part_prefix(p).is_some() => (describe_key(key), "'s "),
        _ => (describe_key(key), ": "),
    };
    if fields.is_empty() {
        return describe_key(key);
    }
    let mut words: Vec<String> = fields.iter().map(|f| field_words(prefix, f)).collect();
    words.dedup();
    format!("{noun}{joiner}{}", crate::text::and_list(&words))
}

/// A canonical part's field in words (`prefix`: the part's kind, `evidence`,
/// `partner`…).
fn field_words(prefix: &str, field: &str) -> String {
    match (prefix, field) {
        ("partner", "kind") => "type".into(),
        ("plan", "drafts") => "lines (items, methods, target dates or notes)".into(),
        ("plan", "accepted") => "acceptance".into(),
        ("plan", "removed") => "lines removed from it".into(),
        ("reviews", "reviews") => "reviews".into(),
        ("reviews", "signatures") => "signatures".into(),
        (_, "evidence") => "mapped evidence".into(),
        (_, "activity_date") => "date".into(),
        (_, "attachments") => "files".into(),
        (_, "confidential") => "confidential record".into(),
        (_, "urn") => "reference".into(),
        (_, "role") => "role and responsibilities".into(),
        (_, "interests") => "interests and concerns".into(),
        (_, "info_needs") => "information needs".into(),
        (_, "info_shared") => "information agreed to be shared".into(),
        (_, "info_withheld") => "information that may not be shared".into(),
        (_, "participants") => "list of who took part".into(),
        (_, "versions") => "text or revisions".into(),
        (_, "respondents") => "answers".into(),
        (_, "due") => "due date".into(),
        (_, "done_on") => "done date".into(),
        (_, "partner") => "partnership".into(),
        (_, "template_version") => "statements".into(),
        (_, other) => other.replace('_', " "),
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
    /// The learner's description, when they wrote one. Left out when there
    /// is none, so content from before descriptions keeps its fingerprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
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
                description: a.description.clone(),
            })
            .collect(),
        mappings: e.mappings.clone(),
        source: e.source.as_ref().map(|s| SourcePart {
            reference: s.source.clone(),
            sha256: s.sha256.clone(),
        }),
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
    match (before, after) {
        (None, Some(_)) => format!("{} (added)", describe_key(key)),
        (Some(_), None) => format!("{} (removed)", describe_key(key)),
        (None, None) => describe_key(key),
        (Some(b), Some(a)) => describe_change(key, &crate::fingerprint::changed_fields(b, a)),
    }
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
        parts.extend(self.assessment_cycle_parts()?);
        Ok(parts)
    }

    /// The learner's part of the assessment cycle: their drafts of the
    /// assessment plan and their acceptance of it (`plan`), the progress
    /// reviews they wrote and their signatures (`reviews`), and their
    /// replies to feedback (`replies`). Each part only when it has content,
    /// so a portfolio without them keeps the fingerprint it had. The
    /// assessor's drafts, acceptance, reviews and feedback are theirs:
    /// their seal covers them.
    pub fn assessment_cycle_parts(&self) -> Result<Vec<Part>> {
        let mut parts = Vec::new();
        if let Some(plan) = self.learners_plan()? {
            parts.push(Part::of("plan".into(), &plan));
        }
        if let Some(reviews) = self.learners_reviews()? {
            parts.push(Part::of("reviews".into(), &reviews));
        }
        let replies = self.learners_replies()?;
        if !replies.is_empty() {
            parts.push(Part::of("replies".into(), &replies));
        }
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
            describe_change("plan", &["removed".into()]),
            "the learner's assessment plan and acceptance: lines removed from it"
        );
        assert_eq!(
            describe_change("plan", &["drafts".into(), "accepted".into()]),
            "the learner's assessment plan and acceptance: lines (items, methods, target dates or notes) and acceptance"
        );
        assert_eq!(
            describe_key("item:P4"),
            "item P4 (its rating, account or mapped evidence)"
        );
    }
}
