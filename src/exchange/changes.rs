//! What changed: between two submissions (for the assessor, "what changed
//! since the submission I last judged"), and, for the learner, which items
//! they have changed since the judgement they received ("changed since
//! assessed"). Both compare the parts' fingerprints.

use super::canonical::{ItemPart, Part};
use crate::error::Result;
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
