//! What changed: between two submissions (for the assessor, "what changed
//! since the submission I last judged"), and, for the learner, which items
//! they have changed since the judgement they received ("changed since
//! assessed"). Both compare the parts' fingerprints.

use super::canonical::{describe_part_change, ItemPart, Part};
use crate::error::Result;
use crate::partnerships::RecordKind;
use crate::storage::Portfolio;
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// The differences between two submissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SubmissionChanges {
    pub from_version: u32,
    pub to_version: u32,
    pub profile_changed: bool,
    /// Items whose rating, account or mapped evidence changed.
    pub items_changed: Vec<String>,
    pub evidence_added: Vec<String>,
    pub evidence_removed: Vec<String>,
    pub evidence_changed: Vec<String>,
    /// Records of the partnership register added, removed or changed, in
    /// the parts' order, each named in words.
    pub partnership_changes: Vec<PartnershipChange>,
}

/// A record of the partnership register that differs between two submissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PartnershipChange {
    /// `PT1`, `N2`, `AG1`, `HC1`, `AC3`.
    pub reference: String,
    pub change: ContentChange,
    /// In words: "partner PT2's interests and concerns", "agreement AG1 (added)".
    pub what: String,
}

/// How a part differs between two versions of the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ContentChange {
    Added,
    Removed,
    Changed,
}

fn by_key(parts: &[Part]) -> BTreeMap<&str, &str> {
    parts
        .iter()
        .map(|p| (p.key.as_str(), p.sha256.as_str()))
        .collect()
}

fn order(key: &str) -> u32 {
    key.trim_start_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .unwrap_or(0)
}

/// The partnership records that differ between two lists of parts: those
/// in `b` added or changed, in `b`'s order, then those only in `a`.
fn partnership_changes(a: &[Part], b: &[Part]) -> Vec<PartnershipChange> {
    let is_partnership = |p: &&Part| {
        p.key
            .split_once(':')
            .is_some_and(|(prefix, _)| RecordKind::from_part_prefix(prefix).is_some())
    };
    let find = |parts: &'_ [Part], key: &str| -> Option<String> {
        parts
            .iter()
            .find(|p| p.key == key)
            .map(|p| p.content.clone())
    };
    let mut out = Vec::new();
    for p in b.iter().filter(is_partnership) {
        let before = a.iter().find(|q| q.key == p.key);
        let change = match before {
            None => ContentChange::Added,
            Some(q) if q.sha256 != p.sha256 => ContentChange::Changed,
            Some(_) => continue,
        };
        out.push(PartnershipChange {
            reference: p.key.split_once(':').map_or("", |k| k.1).to_string(),
            change,
            what: describe_part_change(
                &p.key,
                before.map(|q| q.content.as_str()),
                Some(&p.content),
            ),
        });
    }
    for p in a.iter().filter(is_partnership) {
        if find(b, &p.key).is_none() {
            out.push(PartnershipChange {
                reference: p.key.split_once(':').map_or("", |k| k.1).to_string(),
                change: ContentChange::Removed,
                what: describe_part_change(&p.key, Some(&p.content), None),
            });
        }
    }
    out
}

impl Portfolio {
    /// What changed from submission `from` to submission `to`.
    pub fn changes_between(&self, from: u32, to: u32) -> Result<SubmissionChanges> {
        let a = self.submission_parts(from)?;
        let b = self.submission_parts(to)?;
        let (ka, kb) = (by_key(&a), by_key(&b));
        let mut c = SubmissionChanges {
            from_version: from,
            to_version: to,
            profile_changed: ka.get("profile") != kb.get("profile"),
            items_changed: Vec::new(),
            evidence_added: Vec::new(),
            evidence_removed: Vec::new(),
            evidence_changed: Vec::new(),
            partnership_changes: partnership_changes(&a, &b),
        };
        for p in &b {
            if let Some(id) = p.key.strip_prefix("item:") {
                if ka.get(p.key.as_str()) != Some(&p.sha256.as_str()) {
                    c.items_changed.push(id.to_string());
                }
            } else if let Some(r) = p.key.strip_prefix("evidence:") {
                match ka.get(p.key.as_str()) {
                    None => c.evidence_added.push(r.to_string()),
                    Some(h) if *h != p.sha256 => c.evidence_changed.push(r.to_string()),
                    Some(_) => {}
                }
            }
        }
        let mut removed: Vec<&str> = a
            .iter()
            .filter_map(|p| {
                p.key
                    .strip_prefix("evidence:")
                    .filter(|_| !kb.contains_key(p.key.as_str()))
            })
            .collect();
        removed.sort_by_key(|r| order(r));
        c.evidence_removed = removed.into_iter().map(str::to_string).collect();
        Ok(c)
    }

    /// For the assessor: what changed between the last submission with any
    /// judgement and the latest one (`None` if nothing was judged before it).
    pub fn changes_since_last_judged(&self) -> Result<Option<SubmissionChanges>> {
        let Some(latest) = self.latest_submission()? else {
            return Ok(None);
        };
        let judged: Option<u32> = self.conn.query_row(
            "SELECT max(version) FROM judgement WHERE version < ?1",
            [latest.version],
            |r| r.get(0),
        )?;
        judged
            .map(|v| self.changes_between(v, latest.version))
            .transpose()
    }

    /// For the learner: the items changed (their rating, account, mappings,
    /// or the evidence mapped to them) since the submission their latest
    /// judgement applies to.
    pub fn items_changed_since_assessed(&self) -> Result<Vec<String>> {
        let judgements = self.judgements(None)?;
        if judgements.is_empty() {
            return Ok(Vec::new());
        }
        let live = self.content_parts()?;
        let live_keys = by_key(&live);
        let mut submitted: BTreeMap<u32, Vec<Part>> = BTreeMap::new();
        let mut changed = Vec::new();
        for j in judgements {
            let parts = match submitted.get(&j.version) {
                Some(p) => p,
                None => submitted
                    .entry(j.version)
                    .or_insert(self.submission_parts(j.version)?),
            };
            let then = by_key(parts);
            let key = format!("item:{}", j.item_id);
            let mut differs = then.get(key.as_str()) != live_keys.get(key.as_str());
            // The evidence mapped to the item, then or now, must be unchanged too.
            let mut refs: Vec<String> = Vec::new();
            for source in [parts.as_slice(), live.as_slice()] {
                if let Some(p) = source.iter().find(|p| p.key == key) {
                    if let Ok(item) = serde_json::from_str::<ItemPart>(&p.content) {
                        refs.extend(
                            item.evidence
                                .into_iter()
                                .map(|e| format!("evidence:{}", e.reference)),
                        );
                    }
                }
            }
            differs |= refs
                .iter()
                .any(|r| then.get(r.as_str()) != live_keys.get(r.as_str()));
            if differs {
                changed.push(j.item_id);
            }
        }
        Ok(changed)
    }
}
