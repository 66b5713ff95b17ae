//! Coverage: the matrix of the standard's items against the evidence
//! references (the evidence location sheet), with counts per item and the
//! gaps (items no evidence shows yet).

use crate::catalogue::ItemKind;
use crate::error::Result;
use crate::evidence::{headed, EvidenceHeading};
use crate::storage::Portfolio;
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Coverage {
    /// The columns: every piece of evidence, in reference order.
    pub evidence: Vec<CoverageEvidence>,
    /// The rows: every item, in the standard's order.
    pub rows: Vec<CoverageRow>,
    pub total_items: u32,
    pub covered_items: u32,
    /// Items without any evidence.
    pub gaps: u32,
    pub mappings: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CoverageEvidence {
    #[serde(flatten)]
    pub heading: EvidenceHeading,
    /// How many items this evidence maps to.
    pub item_count: u32,
}

headed!(CoverageEvidence);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CoverageRow {
    pub item_id: String,
    pub kind: ItemKind,
    pub text: String,
    /// Evidence numbers mapped to this item, ascending (E<n>).
    pub evidence: Vec<u32>,
}

impl Portfolio {
    /// The coverage matrix.
    pub fn coverage(&self) -> Result<Coverage> {
        let mut evidence = Vec::new();
        {
            let mut stmt = self.conn.prepare(
                "SELECT e.id, e.title, e.method, e.activity_date,
                        (SELECT count(*) FROM mapping m WHERE m.evidence_id = e.id)
                 FROM evidence e ORDER BY e.id",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                evidence.push(CoverageEvidence {
                    heading: EvidenceHeading::from_row(r).map_err(|e| self.named(e.into()))?,
                    item_count: r.get(4)?,
                });
            }
        }
        let mut by_item: HashMap<String, Vec<u32>> = HashMap::new();
        let mut mappings = 0;
        {
            let mut stmt = self.conn.prepare(
                "SELECT item_id, evidence_id FROM mapping ORDER BY item_id, evidence_id",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                by_item.entry(r.get(0)?).or_default().push(r.get(1)?);
                mappings += 1;
            }
        }
        let rows: Vec<CoverageRow> = self
            .standard()
            .items()
            .map(|(kind, item)| CoverageRow {
                item_id: item.id.clone(),
                kind,
                text: item.text.clone(),
                evidence: by_item.remove(&item.id).unwrap_or_default(),
            })
            .collect();
        let covered = rows.iter().filter(|r| !r.evidence.is_empty()).count() as u32;
        Ok(Coverage {
            total_items: rows.len() as u32,
            covered_items: covered,
            gaps: rows.len() as u32 - covered,
            mappings,
            evidence,
            rows,
        })
    }
}
