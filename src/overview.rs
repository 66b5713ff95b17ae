//! The portfolio overview (every item with its status, grouped by section,
//! and overall progress), the frame every screen of a portfolio shares (its
//! identity, whose copy it is, its standard's sections), and the detail of
//! one item, as the app's screens and the CLI's `show` present them.

use crate::assessment_plan::AssessmentPlan;
use crate::catalogue::ItemKind;
use crate::error::Result;
use crate::evidence::MappedEvidence;
use crate::partnerships::{ItemSource, PartnershipsOverview};
use crate::portfolio::PortfolioInfo;
use crate::profile::LearnerProfile;
use crate::self_assessment::{ItemStatus, SelfAssessment};
use crate::storage::{Portfolio, Role};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Overview {
    pub info: PortfolioInfo,
    pub profile: LearnerProfile,
    pub standard: StandardRef,
    pub sections: Vec<OverviewSection>,
    pub progress: Progress,
    /// The partnership register at a glance, with what is overdue.
    pub partnerships: PartnershipsOverview,
    /// The assessment plan with its acceptances; `overdue` lists the items
    /// past their target date with no evidence mapped (each entry is
    /// flagged too), in the standard's order.
    pub assessment_plan: AssessmentPlan,
}

/// What every screen of a portfolio shows around its content: loaded once
/// when the portfolio opens and again after a change. Cheap: no evidence or
/// self-assessment is read.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PortfolioFrame {
    pub info: PortfolioInfo,
    /// Whose copy the file is, as the file says.
    pub role: Role,
    pub learner_name: String,
    pub standard: StandardRef,
    pub sections: Vec<FrameSection>,
    /// How many items the file's standard has.
    pub item_count: u32,
}

/// A section of the standard, with its items' ids in order.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FrameSection {
    pub kind: ItemKind,
    pub title: String,
    pub lead_in: String,
    pub item_ids: Vec<String>,
}

/// Which standard, for headings.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StandardRef {
    pub urn: String,
    pub version: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OverviewSection {
    pub kind: ItemKind,
    pub title: String,
    pub lead_in: String,
    pub items: Vec<ItemSummary>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ItemSummary {
    pub id: String,
    pub text: String,
    pub status: ItemStatus,
    #[ts(type = "1 | 2 | 3 | 4 | null")]
    pub rating: Option<u8>,
    pub updated_at: Option<String>,
    /// How many pieces of evidence are mapped to the item.
    pub evidence_count: u32,
}

/// How far the learner has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Progress {
    pub total: u32,
    pub rated: u32,
    pub in_progress: u32,
    pub not_started: u32,
    /// Items with at least one piece of evidence mapped to them.
    pub evidenced: u32,
}

/// One item with everything its page shows.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ItemDetail {
    pub id: String,
    pub kind: ItemKind,
    pub section_title: String,
    pub lead_in: String,
    pub text: String,
    pub assessment: SelfAssessment,
    pub status: ItemStatus,
    /// The evidence mapped to this item, with the notes of how.
    pub evidence: Vec<MappedEvidence>,
    /// What in the partnership register could evidence this item.
    pub partnership_sources: Vec<ItemSource>,
    /// 1-based position in the standard, and the number of items.
    pub position: u32,
    pub total: u32,
    pub previous: Option<String>,
    pub next: Option<String>,
}

impl Portfolio {
    /// The frame of the portfolio's screens.
    pub fn frame(&self) -> Result<PortfolioFrame> {
        let standard = self.standard();
        let sections: Vec<FrameSection> = standard
            .sections
            .iter()
            .map(|s| FrameSection {
                kind: s.kind,
                title: s.title.clone(),
                lead_in: s.lead_in.clone(),
                item_ids: s.items.iter().map(|i| i.id.clone()).collect(),
            })
            .collect();
        Ok(PortfolioFrame {
            info: self.info()?,
            role: self.role()?,
            learner_name: self.profile()?.full_name,
            standard: self.standard_ref(),
            item_count: sections.iter().map(|s| s.item_ids.len() as u32).sum(),
            sections,
        })
    }

    fn standard_ref(&self) -> StandardRef {
        let standard = self.standard();
        StandardRef {
            urn: standard.urn.clone(),
            version: standard.version.clone(),
            title: standard.title.clone(),
        }
    }

    pub fn overview(&self) -> Result<Overview> {
        let assessments = self.self_assessments()?;
        let counts = self.evidence_counts()?;
        let mut by_item = assessments.into_iter();
        let mut progress = Progress::default();
        let mut sections = Vec::new();
        for section in &self.standard().sections {
            let mut items = Vec::with_capacity(section.items.len());
            for item in &section.items {
                let a = by_item.next().filter(|a| a.item_id == item.id);
                let a = a.unwrap_or(SelfAssessment {
                    item_id: item.id.clone(),
                    rating: None,
                    account: String::new(),
                    updated_at: None,
                });
                let status = a.status();
                let evidence_count = counts.get(&item.id).copied().unwrap_or(0);
                progress.total += 1;
                if evidence_count > 0 {
                    progress.evidenced += 1;
                }
                match status {
                    ItemStatus::Rated => progress.rated += 1,
                    ItemStatus::InProgress => progress.in_progress += 1,
                    ItemStatus::NotStarted => progress.not_started += 1,
                }
                items.push(ItemSummary {
                    id: item.id.clone(),
                    text: item.text.clone(),
                    status,
                    rating: a.rating,
                    updated_at: a.updated_at,
                    evidence_count,
                });
            }
            sections.push(OverviewSection {
                kind: section.kind,
                title: section.title.clone(),
                lead_in: section.lead_in.clone(),
                items,
            });
        }
        Ok(Overview {
            info: self.info()?,
            profile: self.profile()?,
            standard: self.standard_ref(),
            sections,
            progress,
            partnerships: self.partnerships_overview()?,
            assessment_plan: self.assessment_plan()?,
        })
    }

    pub fn item_detail(&self, item_id: &str) -> Result<ItemDetail> {
        let standard = self.standard();
        let (kind, item) = standard.require_item(item_id)?;
        let ids: Vec<&str> = standard.items().map(|(_, i)| i.id.as_str()).collect();
        let index = ids.iter().position(|id| *id == item.id).unwrap_or(0);
        let section = standard
            .sections
            .iter()
            .find(|s| s.items.iter().any(|i| i.id == item.id))
            .expect("an item found in the standard belongs to one of its sections");
        let assessment = self.self_assessment(&item.id)?;
        Ok(ItemDetail {
            id: item.id.clone(),
            kind,
            section_title: section.title.clone(),
            lead_in: section.lead_in.clone(),
            text: item.text.clone(),
            status: assessment.status(),
            assessment,
            evidence: self.evidence_for_item(&item.id)?,
            partnership_sources: self.partnership_sources_for_item(&item.id)?,
            position: index as u32 + 1,
            total: ids.len() as u32,
            previous: index.checked_sub(1).map(|i| ids[i].to_string()),
            next: ids.get(index + 1).map(|s| s.to_string()),
        })
    }

    /// Pieces of evidence per item.
    fn evidence_counts(&self) -> Result<HashMap<String, u32>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT item_id, count(*) FROM mapping GROUP BY item_id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
