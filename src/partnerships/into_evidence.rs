//! Partnership work into evidence, in one step: a partner's register entry,
//! a note, an agreement (with its revisions), a health check (with its
//! results and actions) or the stakeholder map becomes an evidence record
//! with a method (product evidence or reflective account), a title and a
//! description made from it, and suggested items (from the mapping list in
//! `partnership-working.md`) that the learner confirms or changes. The
//! record keeps a link to its source and the source's fingerprint at that
//! moment: the record's content stays what it was when made, and the app
//! can say when the source has changed since (or is gone).
//!
//! Also, for an item's page, what in the register could evidence the item.

use super::scoring::Mean;
use super::{Action, Agreement, HealthCheck, Note, NoteKind, Partner, RecordKind};
use crate::error::{Error, Result};
use crate::evidence::{Evidence, EvidenceInput, EvidenceMethod, Mapping, NewEvidence};
use crate::exchange::canonical::{self, Part};
use crate::storage::{Portfolio, Role};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Something in the register that can become evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    Partner(u32),
    Note(u32),
    Agreement(u32),
    HealthCheck(u32),
    /// The stakeholder map.
    Map,
}

impl Source {
    /// Reads a source as typed: `AG1`, `hc2`, `N3`, `PT1` or `map`.
    pub fn parse(text: &str) -> Result<Source> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("map") {
            return Ok(Source::Map);
        }
        match RecordKind::parse_any(t) {
            Some((RecordKind::Partner, n)) => Ok(Source::Partner(n)),
            Some((RecordKind::Note, n)) => Ok(Source::Note(n)),
            Some((RecordKind::Agreement, n)) => Ok(Source::Agreement(n)),
            Some((RecordKind::HealthCheck, n)) => Ok(Source::HealthCheck(n)),
            Some((RecordKind::Action, _)) => Err(Error::invalid_input(format!(
                "An action becomes evidence with its health check: use the check's reference (HC1) instead of {}.",
                t.to_uppercase()
            ))),
            None => Err(Error::invalid_input(format!(
                "\"{t}\" is not something in the partnership register; give a partner (PT1), note (N1), agreement (AG1), health check (HC1) or \"map\"."
            ))),
        }
    }

    /// `AG1`, ... or `map`.
    pub fn reference(self) -> String {
        match self {
            Source::Partner(n) => RecordKind::Partner.reference(n),
            Source::Note(n) => RecordKind::Note.reference(n),
            Source::Agreement(n) => RecordKind::Agreement.reference(n),
            Source::HealthCheck(n) => RecordKind::HealthCheck.reference(n),
            Source::Map => "map".to_string(),
        }
    }
}

/// What one step would make: shown to the learner to confirm or change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EvidenceDraft {
    /// The source's reference (`AG1`, `map`).
    pub source: String,
    /// The source in words: "agreement AG1 with Riverside Library".
    pub source_label: String,
    /// The suggested method, and the methods that fit.
    pub method: EvidenceMethod,
    pub methods: Vec<EvidenceMethod>,
    pub title: String,
    pub description: String,
    pub activity_date: Option<String>,
    /// Suggested items, each with a note of how the source shows it.
    pub suggested: Vec<Mapping>,
}

/// The learner's choices when making the evidence; anything `None` takes
/// the draft's suggestion.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MakeEvidence {
    #[serde(default)]
    pub method: Option<EvidenceMethod>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// The items confirmed or changed (empty: mapped to nothing yet).
    #[serde(default)]
    pub maps: Option<Vec<Mapping>>,
}

/// Whether an evidence record's source is as it was when the record was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "EvidenceSourceStatus")]
pub enum SourceStatus {
    Unchanged,
    /// Changed since: the record still shows it as it was.
    Changed,
    /// The source has been removed from the register.
    Removed,
}

/// An evidence record's link to the partnership record it was made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "EvidenceSource")]
pub struct SourceLink {
    /// `AG1`, `HC2`, `N3`, `PT1` or `map`.
    pub source: String,
    /// The source in words now (or its reference if it is gone).
    pub label: String,
    /// The source's fingerprint when the record was made.
    pub sha256: String,
    pub made_at: String,
    pub status: SourceStatus,
    /// "Made from agreement AG1 with Riverside Library; it has changed since."
    pub status_text: String,
}

/// An evidence record made from a partnership's records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MadeEvidence {
    /// `E12`.
    pub evidence: String,
    pub title: String,
    pub source: String,
    pub status: SourceStatus,
}

/// Something in the register that could evidence an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "PartnershipItemSource")]
pub struct ItemSource {
    /// `AG1`, `map`, ...
    pub source: String,
    pub label: String,
    /// How it shows the item.
    pub note: String,
    /// Evidence records already made from it (`E12`), whatever they map to.
    pub evidence: Vec<String>,
}

/// The evidence methods that fit evidence made from the register.
pub const METHODS: [EvidenceMethod; 2] =
    [EvidenceMethod::Product, EvidenceMethod::ReflectiveAccount];

/// One of the mapping list's lines: items and how the source shows them.
fn suggestion(items: &[&str], note: &str) -> Vec<Mapping> {
    items
        .iter()
        .map(|i| Mapping {
            item_id: (*i).to_string(),
            note: note.to_string(),
        })
        .collect()
}

/// The register's suggested items for a partner.
fn partner_suggestions(p: &Partner) -> Vec<Mapping> {
    let mut out = suggestion(
        &["P1", "P2", "P3", "K4", "K5", "K6", "K7", "K9"],
        &format!(
            "The register entry for {}: who they are, their role, interests, concerns and services, and who there can act.",
            p.name
        ),
    );
    if !(p.info_needs.is_empty() && p.info_shared.is_empty() && p.info_withheld.is_empty()) {
        out.extend(suggestion(
            &["P5", "P6", "P12", "K20", "K21"],
            &format!(
                "What {} needs from me, what has been agreed may be shared with them, and what may not.",
                p.name
            ),
        ));
    }
    out
}

fn note_suggestions(n: &Note, partner: &str) -> Vec<Mapping> {
    let (items, note): (&[&str], String) = match n.kind {
        NoteKind::Consultation => (
            &["P7", "K22"],
            format!("Consulting {partner} before a decision."),
        ),
        NoteKind::Decision => (&["P7", "K22"], format!("A decision taken with {partner}.")),
        NoteKind::Disagreement => (
            &["K18", "K19"],
            format!("A disagreement with {partner} and how it was handled."),
        ),
        NoteKind::Feedback => (
            &["P9", "K23"],
            format!("Feedback sought from or given to {partner}."),
        ),
        NoteKind::Meeting => (
            &["P5", "K15"],
            format!("Sharing information with {partner} at a meeting."),
        ),
    };
    suggestion(items, &note)
}

fn agreement_suggestions(a: &Agreement) -> Vec<Mapping> {
    suggestion(
        &["P4", "P8", "K3", "K10", "K17"],
        &format!(
            "Agreement {} with {}: shared aims, working arrangements, measures and monitoring, kept current by revision.",
            a.reference, a.partner_name
        ),
    )
}

fn check_suggestions(c: &HealthCheck) -> Vec<Mapping> {
    suggestion(
        &["P9", "K1", "K2", "K12", "K16", "K23", "K24"],
        &format!(
            "Health check {} of the partnership with {}: reviewing how well we work together, with feedback from partners, and acting on it.",
            c.reference, c.partner_name
        ),
    )
}

fn map_suggestions() -> Vec<Mapping> {
    suggestion(
        &["K4", "K9", "K13"],
        "The stakeholder map: my partners by their interest in and influence over my work.",
    )
}

fn lines(label: &str, text: &str) -> String {
    if text.trim().is_empty() {
        String::new()
    } else {
        format!("{label}: {text}\n\n")
    }
}

fn partner_draft(p: &Partner) -> EvidenceDraft {
    let mut d = format!("{} ({}).\n\n", p.kind_label, p.reference);
    d.push_str(&lines("Role and responsibilities", &p.role));
    d.push_str(&lines("Interests and concerns", &p.interests));
    d.push_str(&lines(
        "Services and how they relate to my provision",
        &p.services,
    ));
    for c in &p.contacts {
        let extra: Vec<&str> = [c.role.as_str(), c.reach.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        d.push_str(&format!(
            "Contact: {}{}\n",
            c.name,
            if extra.is_empty() {
                String::new()
            } else {
                format!(" ({})", extra.join("; "))
            }
        ));
    }
    if !p.contacts.is_empty() {
        d.push('\n');
    }
    d.push_str(&lines("Information they need from me", &p.info_needs));
    d.push_str(&lines("Agreed may be shared with them", &p.info_shared));
    d.push_str(&lines("May not be shared with them", &p.info_withheld));
    if let (Some(i), Some(f)) = (p.interest, p.influence) {
        d.push_str(&format!(
            "On the stakeholder map: {} interest, {} influence.\n",
            i.label().to_lowercase(),
            f.label().to_lowercase()
        ));
    }
    EvidenceDraft {
        source: p.reference.clone(),
        source_label: format!("partner {} ({})", p.name, p.reference),
        method: EvidenceMethod::Product,
        methods: METHODS.to_vec(),
        title: format!("Partnership register: {}", p.name),
        description: d.trim_end().to_string(),
        activity_date: None,
        suggested: partner_suggestions(p),
    }
}

fn note_draft(n: &Note, partner: &str) -> EvidenceDraft {
    let mut d = format!(
        "{} with {partner} on {} ({}).\n\n",
        n.kind_label, n.date, n.reference
    );
    if !n.participants.is_empty() {
        d.push_str(&format!(
            "Who took part: {}.\n\n",
            n.participants.join(", ")
        ));
    }
    d.push_str(&n.text);
    EvidenceDraft {
        source: n.reference.clone(),
        source_label: format!("note {} on {partner}", n.reference),
        method: EvidenceMethod::ReflectiveAccount,
        methods: METHODS.to_vec(),
        title: format!("{} with {partner}, {}", n.kind_label, n.date),
        description: d,
        activity_date: Some(n.date.clone()),
        suggested: note_suggestions(n, partner),
    }
}

fn agreement_draft(a: &Agreement) -> EvidenceDraft {
    let c = &a.current;
    let mut d = format!(
        "Agreed with {} on {}; to be reviewed by {} ({}).\n\n",
        a.partner_name, a.agreed_on, c.review_by, a.reference
    );
    d.push_str(&lines("Shared aims", &c.aims));
    d.push_str(&lines("Working arrangements", &c.arrangements));
    d.push_str(&lines("Key performance measures", &c.measures));
    d.push_str(&lines("Monitoring and evaluation", &c.monitoring));
    if a.revisions().is_empty() {
        d.push_str("Not revised yet.");
    } else {
        d.push_str("Revisions (the earlier text is kept in the register):\n");
        for v in a.revisions() {
            d.push_str(&format!(
                "- {} (revision {}): {} Why: {}\n",
                v.date,
                v.version - 1,
                v.what_changed,
                v.why
            ));
        }
    }
    EvidenceDraft {
        source: a.reference.clone(),
        source_label: format!("agreement {} with {}", a.reference, a.partner_name),
        method: EvidenceMethod::Product,
        methods: METHODS.to_vec(),
        title: format!("Partnership agreement with {}", a.partner_name),
        description: d.trim_end().to_string(),
        activity_date: Some(c.date.clone()),
        suggested: agreement_suggestions(a),
    }
}

/// A mean in words for descriptions: "4.25" or "no scores".
fn mean_text(m: Option<Mean>) -> String {
    m.map_or_else(|| "no scores".to_string(), |m| m.to_string())
}

fn check_draft(c: &HealthCheck) -> EvidenceDraft {
    let who: Vec<&str> = c
        .respondents
        .iter()
        .map(|r| r.respondent.as_str())
        .collect();
    let mut d = format!(
        "Partnership health check with {} on {} ({}); answered by {}.\n\nResults by element (the mean of everyone's scores; scores are a prompt for conversation, not a grade):\n",
        c.partner_name,
        c.date,
        c.reference,
        if who.is_empty() { "nobody yet".to_string() } else { who.join(", ") }
    );
    for e in &c.results {
        let each: Vec<String> = e
            .respondents
            .iter()
            .map(|r| format!("{} {}", r.respondent, mean_text(r.mean)))
            .collect();
        d.push_str(&format!("- {}: {}", e.name, e.summary));
        if each.len() > 1 {
            d.push_str(&format!(" (each: {})", each.join(", ")));
        }
        d.push('\n');
    }
    d.push('\n');
    d.push_str(&c.summary);
    if !c.actions.is_empty() {
        d.push_str("\n\nAction plan:\n");
        for a in &c.actions {
            d.push_str(&action_line(a));
        }
    }
    EvidenceDraft {
        source: c.reference.clone(),
        source_label: format!("health check {} of {}", c.reference, c.partner_name),
        method: EvidenceMethod::Product,
        methods: METHODS.to_vec(),
        title: format!(
            "Partnership health check with {}, {}",
            c.partner_name, c.date
        ),
        description: d.trim_end().to_string(),
        activity_date: Some(c.date.clone()),
        suggested: check_suggestions(c),
    }
}

fn action_line(a: &Action) -> String {
    format!(
        "- {} {} ({}; owner {}; due {}; {})\n",
        a.reference,
        a.action,
        a.element_name,
        a.owner,
        a.due,
        match &a.done_on {
            Some(d) => format!("done {d}"),
            None => "not done yet".to_string(),
        }
    )
}

impl Portfolio {
    /// What making evidence from `source` would make, for the learner to
    /// confirm or change.
    pub fn evidence_draft(&self, source: &str) -> Result<EvidenceDraft> {
        let source = Source::parse(source)?;
        let mut draft = match source {
            Source::Partner(n) => partner_draft(&self.partner(&RecordKind::Partner.reference(n))?),
            Source::Note(n) => {
                let note = self.note(&RecordKind::Note.reference(n))?;
                let partner = self.partner(&note.partner)?.heading.name;
                note_draft(&note, &partner)
            }
            Source::Agreement(n) => {
                agreement_draft(&self.agreement(&RecordKind::Agreement.reference(n))?)
            }
            Source::HealthCheck(n) => {
                check_draft(&self.health_check(&RecordKind::HealthCheck.reference(n))?)
            }
            Source::Map => {
                let map = self.stakeholder_map()?;
                let placed: usize = map.quadrants.iter().map(|q| q.partners.len()).sum();
                let mut d = String::new();
                for q in &map.quadrants {
                    let names: Vec<String> = q
                        .partners
                        .iter()
                        .map(|p| format!("{} ({})", p.name, p.reference))
                        .collect();
                    d.push_str(&format!(
                        "{} — {}: {}\n",
                        q.title,
                        q.approach.to_lowercase(),
                        if names.is_empty() {
                            "none".to_string()
                        } else {
                            names.join(", ")
                        }
                    ));
                }
                if !map.unplaced.is_empty() {
                    let names: Vec<String> = map
                        .unplaced
                        .iter()
                        .map(|p| format!("{} ({})", p.name, p.reference))
                        .collect();
                    d.push_str(&format!("Not placed yet: {}\n", names.join(", ")));
                }
                EvidenceDraft {
                    source: "map".into(),
                    source_label: "the stakeholder map".into(),
                    method: EvidenceMethod::Product,
                    methods: METHODS.to_vec(),
                    title: format!(
                        "Stakeholder map: {placed} partner{} by interest and influence",
                        if placed == 1 { "" } else { "s" }
                    ),
                    description: d.trim_end().to_string(),
                    activity_date: Some(crate::timestamp::today().to_string()),
                    suggested: map_suggestions(),
                }
            }
        };
        // Only items this portfolio's standard has.
        draft
            .suggested
            .retain(|m| self.standard().item(&m.item_id).is_some());
        Ok(draft)
    }

    /// Makes an evidence record from `source` in one step, with the
    /// learner's confirmed choices (`choices.maps` `None`: the suggested
    /// items). The record links to its source and keeps its fingerprint.
    pub fn make_evidence(&mut self, source: &str, choices: &MakeEvidence) -> Result<Evidence> {
        let draft = self.evidence_draft(source)?;
        let method = choices.method.unwrap_or(draft.method);
        if !METHODS.contains(&method) {
            return Err(Error::invalid_input(format!(
                "Evidence made from the partnership register is product evidence or a reflective account, not {}.",
                method.label().to_lowercase()
            )));
        }
        let sha256 = self
            .source_fingerprint(Source::parse(source)?)?
            .ok_or_else(|| Error::not_found(format!("{} is not in the register.", draft.source)))?;
        let new = NewEvidence {
            input: EvidenceInput {
                title: choices.title.clone().unwrap_or(draft.title),
                method,
                activity_date: draft.activity_date,
                description: choices.description.clone().unwrap_or(draft.description),
                witness: None,
                confidential: None,
            },
            attach: Vec::new(),
            mappings: choices.maps.clone().unwrap_or(draft.suggested),
        };
        let r = self.write(Role::Learner, |w| {
            let (id, r, _) = crate::evidence::add_in(w, &new)?;
            w.tx().execute(
                "INSERT INTO evidence_source (evidence_id, source, sha256, made_at) VALUES (?1, ?2, ?3, ?4)",
                (id, &draft.source, &sha256, w.now()),
            )?;
            Ok(r)
        })?;
        self.evidence(&r)
    }

    /// The fingerprint of a source's content now; `None` if it is gone.
    pub(crate) fn source_fingerprint(&self, source: Source) -> Result<Option<String>> {
        let found = |r: Result<Vec<Part>>| -> Result<Option<String>> {
            match r {
                Ok(parts) => Ok(Some(canonical::fingerprint(&parts))),
                Err(e) if e.code == crate::error::ErrorCode::NotFound => Ok(None),
                Err(e) => Err(e),
            }
        };
        match source {
            Source::Partner(n) => found(
                self.partner(&RecordKind::Partner.reference(n))
                    .map(|p| vec![canonical::partner_part(&p)]),
            ),
            Source::Note(n) => found(
                self.note(&RecordKind::Note.reference(n))
                    .map(|x| vec![canonical::note_part(&x)]),
            ),
            Source::Agreement(n) => found(
                self.agreement(&RecordKind::Agreement.reference(n))
                    .map(|a| vec![canonical::agreement_part(&a)]),
            ),
            Source::HealthCheck(n) => found(
                self.health_check(&RecordKind::HealthCheck.reference(n))
                    .map(|c| {
                        let mut parts = vec![canonical::health_check_part(&c)];
                        parts.extend(c.actions.iter().map(canonical::action_part));
                        parts
                    }),
            ),
            Source::Map => found(self.all_partners().map(|p| vec![canonical::map_part(&p)])),
        }
    }

    /// The link of evidence row `id` to its source, if it was made from one.
    pub(crate) fn source_link(&self, id: i64) -> Result<Option<SourceLink>> {
        use rusqlite::OptionalExtension;
        let row: Option<(String, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT source, sha256, made_at FROM evidence_source WHERE evidence_id = ?1",
            )?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((reference, sha256, made_at)) = row else {
            return Ok(None);
        };
        let source = Source::parse(&reference).map_err(|_| {
            crate::storage::header::damaged(
                self.path(),
                &format!("an evidence record's source \"{reference}\" is not one this app knows"),
            )
        })?;
        let now = self.source_fingerprint(source)?;
        let status = match now {
            None => SourceStatus::Removed,
            Some(n) if n == sha256 => SourceStatus::Unchanged,
            Some(_) => SourceStatus::Changed,
        };
        let label = match status {
            SourceStatus::Removed => reference.clone(),
            _ => self.evidence_draft(&reference)?.source_label,
        };
        let status_text = match status {
            SourceStatus::Unchanged => format!("Made from {label}, which is unchanged since."),
            SourceStatus::Changed => format!(
                "Made from {label}, which has changed since: this record shows it as it was on {}.",
                &made_at[..10.min(made_at.len())]
            ),
            SourceStatus::Removed => {
                format!("Made from {label}, which has since been removed from the register.")
            }
        };
        Ok(Some(SourceLink {
            source: reference,
            label,
            sha256,
            made_at,
            status,
            status_text,
        }))
    }

    /// Every evidence record made from the register: (evidence row id, source).
    fn evidence_sources(&self) -> Result<Vec<(i64, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT evidence_id, source FROM evidence_source ORDER BY evidence_id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The evidence made from a partnership's register entry and records.
    pub fn evidence_made_from_partnership(&self, partner: &str) -> Result<Vec<MadeEvidence>> {
        let p = self.partner(partner)?;
        let mut own: Vec<String> = vec![p.reference.clone()];
        own.extend(self.notes(&p.reference)?.into_iter().map(|n| n.reference));
        own.extend(
            self.agreements_of(Some(&p.reference), false)?
                .into_iter()
                .map(|a| a.reference),
        );
        own.extend(
            self.health_checks(&p.reference)?
                .into_iter()
                .map(|c| c.reference),
        );
        self.evidence_made_from_any(&own)
    }

    /// The evidence made from one source (`N1`, `HC2`), in reference order.
    pub fn evidence_made_from(&self, source: &str) -> Result<Vec<MadeEvidence>> {
        self.evidence_made_from_any(&[source.to_string()])
    }

    fn evidence_made_from_any(&self, sources: &[String]) -> Result<Vec<MadeEvidence>> {
        let mut out = Vec::new();
        for (id, source) in self.evidence_sources()? {
            if sources.contains(&source) {
                let e = self.evidence(&crate::evidence::reference(id as u32))?;
                let status = e
                    .source
                    .as_ref()
                    .map_or(SourceStatus::Unchanged, |s| s.status);
                out.push(MadeEvidence {
                    evidence: e.reference.clone(),
                    title: e.title.clone(),
                    source,
                    status,
                });
            }
        }
        Ok(out)
    }

    /// What in the register could evidence an item, with any evidence
    /// already made from it (empty for items partnership work does not show).
    pub fn partnership_sources_for_item(&self, item: &str) -> Result<Vec<ItemSource>> {
        let item_id = self.standard().require_item(item)?.1.id.clone();
        let made = self.evidence_sources()?;
        let made_from = |source: &str| -> Vec<String> {
            made.iter()
                .filter(|(_, s)| s == source)
                .map(|(id, _)| crate::evidence::reference(*id as u32))
                .collect()
        };
        let mut candidates: Vec<(String, String, Vec<Mapping>)> = Vec::new();
        let partners = self.all_partners()?;
        for p in &partners {
            candidates.push((
                p.reference.clone(),
                format!("partner {} ({})", p.name, p.reference),
                partner_suggestions(p),
            ));
        }
        if partners.iter().any(|p| p.interest.is_some()) {
            candidates.push((
                "map".into(),
                "the stakeholder map".into(),
                map_suggestions(),
            ));
        }
        for a in self.agreements_of(None, false)? {
            candidates.push((
                a.reference.clone(),
                format!("agreement {} with {}", a.reference, a.partner_name),
                agreement_suggestions(&a),
            ));
        }
        for c in self.all_health_checks()? {
            candidates.push((
                c.reference.clone(),
                format!(
                    "health check {} of {}, {}",
                    c.reference, c.partner_name, c.date
                ),
                check_suggestions(&c),
            ));
        }
        for n in self.all_notes()? {
            let name = partners
                .iter()
                .find(|p| p.reference == n.partner)
                .map_or(n.partner.clone(), |p| p.name.clone());
            candidates.push((
                n.reference.clone(),
                format!(
                    "{} with {name}, {} ({})",
                    n.kind_label.to_lowercase(),
                    n.date,
                    n.reference
                ),
                note_suggestions(&n, &name),
            ));
        }
        Ok(candidates
            .into_iter()
            .filter_map(|(source, label, suggested)| {
                let m = suggested.into_iter().find(|m| m.item_id == item_id)?;
                Some(ItemSource {
                    evidence: made_from(&source),
                    source,
                    label,
                    note: m.note,
                })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_read_as_typed() {
        assert_eq!(Source::parse("AG1").unwrap(), Source::Agreement(1));
        assert_eq!(Source::parse(" Map ").unwrap(), Source::Map);
        assert_eq!(Source::parse("hc12").unwrap(), Source::HealthCheck(12));
        assert_eq!(Source::parse("N3").unwrap().reference(), "N3");
        assert!(Source::parse("AC1").unwrap_err().message.contains("HC1"));
        assert!(Source::parse("E3").unwrap_err().message.contains("\"map\""));
    }
}
