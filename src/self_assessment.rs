//! Self-assessment: for each item of the standard, the learner's rating on a
//! four-level scale and their account of how they do or know it. Every change
//! is timed and appended to the history.

use crate::error::{Error, Result};
use crate::storage::{Change, Portfolio, Role};
use crate::text::multi_line;
use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

/// The most characters an account can hold (the issue asks for at least 20,000).
pub const MAX_ACCOUNT_CHARS: usize = 100_000;

/// An account of an item, cleaned.
pub(crate) fn clean_account(text: &str) -> Result<String> {
    multi_line(text, "account", MAX_ACCOUNT_CHARS)
}

/// One level of the rating scale, as the learner sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RatingLevel {
    pub value: u8,
    pub label: &'static str,
    /// One line saying what choosing this level means.
    pub descriptor: &'static str,
}

/// The four-level scale, from "not yet" to "confident, and I can show evidence".
pub const RATING_SCALE: [RatingLevel; 4] = [
    RatingLevel {
        value: 1,
        label: "Not yet",
        descriptor: "I haven’t done or learnt this yet, or I’m not sure what it involves.",
    },
    RatingLevel {
        value: 2,
        label: "Developing",
        descriptor: "I do or know some of this, with support, and I’m still learning.",
    },
    RatingLevel {
        value: 3,
        label: "Competent",
        descriptor: "I do or know this well in my own work, but I can’t show evidence yet.",
    },
    RatingLevel {
        value: 4,
        label: "Confident, and I can show evidence",
        descriptor: "I do or know this confidently and can point to evidence that shows it.",
    },
];

/// The scale level for a rating value.
pub fn rating_level(value: u8) -> Result<&'static RatingLevel> {
    RATING_SCALE.iter().find(|l| l.value == value).ok_or_else(|| {
        Error::invalid_input(format!("A rating is a number from 1 to 4 (1 = not yet, 4 = confident); {value} is not one."))
    })
}

/// Where an item stands for the learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ItemStatus {
    /// No rating and no account yet.
    NotStarted,
    /// Something written, no rating yet.
    InProgress,
    /// Rated.
    Rated,
}

/// The learner's self-assessment of one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SelfAssessment {
    pub item_id: String,
    #[ts(type = "1 | 2 | 3 | 4 | null")]
    pub rating: Option<u8>,
    pub account: String,
    /// When it last changed (`None`: never touched).
    pub updated_at: Option<String>,
}

impl SelfAssessment {
    fn untouched(item_id: &str) -> Self {
        Self {
            item_id: item_id.to_string(),
            rating: None,
            account: String::new(),
            updated_at: None,
        }
    }

    pub fn status(&self) -> ItemStatus {
        match (self.rating, self.account.trim().is_empty()) {
            (Some(_), _) => ItemStatus::Rated,
            (None, false) => ItemStatus::InProgress,
            (None, true) => ItemStatus::NotStarted,
        }
    }
}

/// A change to one item's self-assessment; `None` fields stay as they are.
#[derive(Debug, Clone, Default)]
pub struct AssessmentChange<'a> {
    /// `Some(None)` clears the rating.
    pub rating: Option<Option<u8>>,
    pub account: Option<&'a str>,
}

fn row(r: &rusqlite::Row) -> rusqlite::Result<SelfAssessment> {
    Ok(SelfAssessment {
        item_id: r.get(0)?,
        rating: crate::stored::opt_rating(r, 1)?,
        account: r.get(2)?,
        updated_at: crate::stored::opt_instant(r, 3)?,
    })
}

impl Portfolio {
    /// The self-assessment of one item (`p4` and `P4` both work).
    pub fn self_assessment(&self, item_id: &str) -> Result<SelfAssessment> {
        let id = self.standard().require_item(item_id)?.1.id.clone();
        let found = self
            .conn
            .query_row(
                "SELECT item_id, rating, account, updated_at FROM self_assessment WHERE item_id = ?1",
                [&id],
                row,
            )
            .optional()?;
        Ok(found.unwrap_or_else(|| SelfAssessment::untouched(&id)))
    }

    /// Every item's self-assessment, in the standard's order.
    pub fn self_assessments(&self) -> Result<Vec<SelfAssessment>> {
        let mut stmt = self.conn.prepare(
            "SELECT i.id, a.rating, coalesce(a.account, ''), a.updated_at
             FROM standard_item i LEFT JOIN self_assessment a ON a.item_id = i.id
             ORDER BY i.position",
        )?;
        let rows = stmt.query_map([], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets or clears an item's rating.
    pub fn set_rating(&mut self, item_id: &str, rating: Option<u8>) -> Result<SelfAssessment> {
        self.assess(
            item_id,
            AssessmentChange {
                rating: Some(rating),
                account: None,
            },
        )
    }

    /// Replaces an item's account.
    pub fn set_account(&mut self, item_id: &str, account: &str) -> Result<SelfAssessment> {
        self.assess(
            item_id,
            AssessmentChange {
                rating: None,
                account: Some(account),
            },
        )
    }

    /// Applies a change to an item's self-assessment in one write; a value
    /// that does not change is not written or recorded.
    pub fn assess(
        &mut self,
        item_id: &str,
        change: AssessmentChange<'_>,
    ) -> Result<SelfAssessment> {
        self.write(Role::Learner, |w| {
            if let Some(Some(r)) = change.rating {
                rating_level(r)?;
            }
            let account = change
                .account
                .map(clean_account)
                .transpose()?;
            let before = w.self_assessment(item_id)?;
            let rating = change.rating.unwrap_or(before.rating);
            let account = account.unwrap_or_else(|| before.account.clone());
            if rating == before.rating && account == before.account {
                return Ok(before);
            }
            let id = before.item_id.as_str();
            w.tx().execute(
                "INSERT INTO self_assessment (item_id, rating, account, updated_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (item_id) DO UPDATE SET rating = excluded.rating, account = excluded.account,
                                                     updated_at = excluded.updated_at",
                (id, rating, &account, w.now()),
            )?;
            if rating != before.rating {
                let value = rating.map(|r| r.to_string());
                w.record(Change::self_assessment(id, "rating", value.as_deref()))?;
            }
            if account != before.account {
                w.record(Change::self_assessment(id, "account", Some(&account)))?;
            }
            Ok(SelfAssessment {
                item_id: id.to_string(),
                rating,
                account,
                updated_at: Some(w.now().to_string()),
            })
        })
    }
}
