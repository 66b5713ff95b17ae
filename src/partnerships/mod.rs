//! Partnerships: the learner's real working relationships, first-class in
//! the portfolio. Split by topic:
//!
//! - [`register`]: the partners (organisations, teams, people) with their
//!   roles, interests, services, contacts and information sharing, and the
//!   stakeholder map (interest × influence);
//! - [`notes`]: dated notes on a partnership (meetings, consultations,
//!   feedback, disagreements, decisions) with who took part;
//! - [`agreements`]: what was agreed with a partner, revised to stay current,
//!   every earlier text kept; agreements past their review-by date flagged;
//! - [`health_check`]: the partnership health check ([`template`]'s
//!   statements, answered by several respondents) and its results
//!   ([`scoring`]: means, bands, spread, trend);
//! - [`actions`]: the action plan each check leads to;
//! - [`into_evidence`]: any of it made into an evidence record in one step,
//!   linked to its source, and what in the register could evidence an item;
//! - [`removal`]: a note, agreement, check or action removed, and what that
//!   does to the rest (the evidence made from it, a check's actions).
//!
//! References never collide with items (P1, K1) or evidence (E1): partners
//! are `PT1`, notes `N1`, agreements `AG1`, health checks `HC1`, actions
//! `AC1`, and the stakeholder map, as a source of evidence, is `map`. A
//! reference is never used again after a deletion. Everything here is the
//! learner's content: changed only through the write path in a learner's
//! own file, read-only in an assessor's copy, fingerprinted part by part
//! with the rest of the portfolio (`exchange::canonical`).

pub mod actions;
pub mod agreements;
pub mod health_check;
pub mod into_evidence;
pub mod notes;
pub mod register;
pub mod removal;
pub mod scoring;
pub mod template;

use crate::error::{Error, Result, UnknownStoredValue};
use crate::stored::StoredText;
use serde::Serialize;
use ts_rs::TS;

pub use actions::{Action, ActionInput};
pub use agreements::{Agreement, AgreementInput, AgreementRevisionInput, AgreementVersion};
pub use health_check::{Answer, AnswerInput, HealthCheck, HealthCheckResponseInput, Response};
pub use into_evidence::{
    EvidenceDraft, ItemSource, MakeEvidence, Source, SourceLink, SourceStatus,
};
pub use notes::{Note, NoteInput, NoteKind};
pub use register::{
    Contact, Level, Partner, PartnerInput, PartnerSummary, PartnerType, Partnership, StakeholderMap,
};
pub use removal::{Removal, RemovalEffects};
pub use template::{HealthCheckTemplate, TEMPLATE};

/// The partnership register at a glance, for the portfolio's overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PartnershipsOverview {
    pub partners: u32,
    pub agreements: u32,
    pub health_checks: u32,
    /// Agreements past their review-by date.
    pub agreements_overdue: Vec<Overdue>,
    /// Actions not done by their due date.
    pub actions_overdue: Vec<Overdue>,
}

/// An agreement or action that is overdue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "PartnershipOverdue")]
pub struct Overdue {
    /// `AG2` or `AC4`.
    pub reference: String,
    /// The partnership (`PT1`) and its name.
    pub partner: String,
    pub partner_name: String,
    /// The agreement's aims or the action, in a line.
    pub what: String,
    /// The review-by or due date that has passed.
    pub date: String,
}

/// The first line of a text, shortened to about 100 characters.
pub(crate) fn gist(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    if line.chars().count() <= 100 {
        line.to_string()
    } else {
        let cut: String = line.chars().take(99).collect();
        format!("{}…", cut.trim_end())
    }
}

impl crate::storage::Portfolio {
    /// The register's counts and what is overdue today.
    pub fn partnerships_overview(&self) -> Result<PartnershipsOverview> {
        let partners = self.partners()?;
        let name = |reference: &str| {
            partners
                .iter()
                .find(|p| p.reference == reference)
                .map(|p| p.name.clone())
                .unwrap_or_default()
        };
        let agreements_overdue = self
            .agreements_of(None, true)?
            .into_iter()
            .map(|a| Overdue {
                what: gist(&a.current.aims),
                date: a.current.review_by.clone(),
                partner_name: a.partner_name.clone(),
                partner: a.partner,
                reference: a.reference,
            })
            .collect();
        let actions_overdue = self
            .actions(None)?
            .into_iter()
            .filter(|a| a.overdue)
            .map(|a| Overdue {
                what: gist(&a.action),
                date: a.due.clone(),
                partner_name: name(&a.partner),
                partner: a.partner,
                reference: a.reference,
            })
            .collect();
        Ok(PartnershipsOverview {
            partners: partners.len() as u32,
            agreements: partners.iter().map(|p| p.agreements).sum(),
            health_checks: partners.iter().map(|p| p.health_checks).sum(),
            agreements_overdue,
            actions_overdue,
        })
    }
}

/// The kinds of record in the partnership register, each with its own
/// reference prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "PartnershipRecordKind")]
pub enum RecordKind {
    Partner,
    Note,
    Agreement,
    HealthCheck,
    Action,
}

impl RecordKind {
    /// The reference prefix: `PT`, `N`, `AG`, `HC`, `AC`.
    pub fn prefix(self) -> &'static str {
        match self {
            RecordKind::Partner => "PT",
            RecordKind::Note => "N",
            RecordKind::Agreement => "AG",
            RecordKind::HealthCheck => "HC",
            RecordKind::Action => "AC",
        }
    }

    /// What people call one: "partner", "health check".
    pub fn noun(self) -> &'static str {
        match self {
            RecordKind::Partner => "partner",
            RecordKind::Note => "note",
            RecordKind::Agreement => "agreement",
            RecordKind::HealthCheck => "health check",
            RecordKind::Action => "action",
        }
    }

    /// The canonical part key's prefix (`partner`, `health_check`, ...).
    pub fn part_prefix(self) -> &'static str {
        match self {
            RecordKind::Partner => "partner",
            RecordKind::Note => "note",
            RecordKind::Agreement => "agreement",
            RecordKind::HealthCheck => "health_check",
            RecordKind::Action => "action",
        }
    }

    pub const ALL: [RecordKind; 5] = [
        RecordKind::Partner,
        RecordKind::Note,
        RecordKind::Agreement,
        RecordKind::HealthCheck,
        RecordKind::Action,
    ];

    /// The kind whose part keys start with `prefix`.
    pub fn from_part_prefix(prefix: &str) -> Option<RecordKind> {
        Self::ALL.into_iter().find(|k| k.part_prefix() == prefix)
    }

    /// `PT3` for partner number 3.
    pub fn reference(self, number: u32) -> String {
        format!("{}{number}", self.prefix())
    }

    /// Reads a reference of this kind as people type it: `AG3`, `ag3` or `3`.
    pub fn parse(self, text: &str) -> Result<u32> {
        let t = text.trim();
        let digits = match t.get(..self.prefix().len()) {
            Some(head) if head.eq_ignore_ascii_case(self.prefix()) => &t[self.prefix().len()..],
            _ => t,
        };
        match digits.parse::<u32>() {
            Ok(n) if n > 0 && digits.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
            _ => Err(Error::invalid_input(format!(
                "\"{t}\" is not a {} reference (they look like {}).",
                self.noun(),
                self.reference(3)
            ))),
        }
    }

    /// Reads a reference of any kind (`PT1`, `n4`, `HC2`): the prefix is needed.
    pub fn parse_any(text: &str) -> Option<(RecordKind, u32)> {
        let t = text.trim();
        // Longest prefixes first, so nothing is read as a shorter one.
        let mut kinds = Self::ALL;
        kinds.sort_by_key(|k| std::cmp::Reverse(k.prefix().len()));
        kinds.into_iter().find_map(|k| {
            let head = t.get(..k.prefix().len())?;
            if !head.eq_ignore_ascii_case(k.prefix()) {
                return None;
            }
            let digits = &t[k.prefix().len()..];
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            match digits.parse::<u32>() {
                Ok(n) if n > 0 => Some((k, n)),
                _ => None,
            }
        })
    }
}

/// Reads a stored enumeration as typed on the command line or in the app:
/// `partner-agency` or `partner_agency`, any case. `what` names it in the
/// message, which lists the names it can be.
pub fn parse_name<T: StoredText>(text: &str, what: &str) -> Result<T> {
    let key = text.trim().to_ascii_lowercase().replace('-', "_");
    crate::stored::from_key(&key).ok_or_else(|| {
        let names: Vec<String> = T::ALL.iter().map(|v| v.key().replace('_', "-")).collect();
        Error::invalid_input(format!(
            "\"{}\" is not a {what}; use one of: {}.",
            text.trim(),
            names.join(", ")
        ))
    })
}

/// A stored calendar date (`YYYY-MM-DD`), read from column `idx`: anything
/// that is not a real date makes the file damaged, like an unknown stored value.
pub(crate) fn stored_date(
    row: &rusqlite::Row<'_>,
    idx: usize,
    what: &'static str,
) -> rusqlite::Result<String> {
    let text: String = row.get(idx)?;
    check_stored_date(text, idx, what)
}

/// As [`stored_date`], for a column that may be empty (NULL).
pub(crate) fn stored_optional_date(
    row: &rusqlite::Row<'_>,
    idx: usize,
    what: &'static str,
) -> rusqlite::Result<Option<String>> {
    let text: Option<String> = row.get(idx)?;
    text.map(|t| check_stored_date(t, idx, what)).transpose()
}

fn check_stored_date(text: String, idx: usize, what: &'static str) -> rusqlite::Result<String> {
    match text.parse::<jiff::civil::Date>() {
        Ok(d) if d.to_string() == text => Ok(text),
        _ => Err(damaged_value(idx, what, &text)),
    }
}

/// The error of a stored value outside its domain (read as a damaged file).
pub(crate) fn damaged_value(idx: usize, what: &'static str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        idx,
        rusqlite::types::Type::Text,
        Box::new(UnknownStoredValue {
            what,
            value: value.chars().take(40).collect(),
        }),
    )
}

/// The most characters of one-line fields (names, owners, contacts).
pub(crate) const MAX_NAME_CHARS: usize = 300;
/// The most characters of free-text fields (interests, aims, notes, comments).
pub(crate) const MAX_TEXT_CHARS: usize = 50_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_read_as_typed_and_never_as_another_kind() {
        assert_eq!(RecordKind::Agreement.parse("AG3").unwrap(), 3);
        assert_eq!(RecordKind::Agreement.parse(" ag12 ").unwrap(), 12);
        assert_eq!(RecordKind::Agreement.parse("7").unwrap(), 7);
        assert!(RecordKind::Agreement.parse("AG0").is_err());
        assert!(RecordKind::Agreement.parse("AG-1").is_err());
        assert!(RecordKind::Agreement.parse("HC1").is_err());
        let err = RecordKind::Partner.parse("P4").unwrap_err();
        assert!(err.message.contains("PT3"), "{}", err.message);
        assert_eq!(
            RecordKind::parse_any("hc2"),
            Some((RecordKind::HealthCheck, 2))
        );
        assert_eq!(RecordKind::parse_any("N14"), Some((RecordKind::Note, 14)));
        assert_eq!(RecordKind::parse_any("AC1"), Some((RecordKind::Action, 1)));
        assert_eq!(RecordKind::parse_any("P4"), None);
        assert_eq!(RecordKind::parse_any("E3"), None);
        assert_eq!(RecordKind::parse_any("PT"), None);
        assert_eq!(RecordKind::parse_any("PT+1"), None);
        assert_eq!(RecordKind::Action.reference(9), "AC9");
    }
}
