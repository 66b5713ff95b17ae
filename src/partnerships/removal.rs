//! Removing one of a partnership's records (a note, agreement, health check
//! or action), and the one answer to "what does removing it do to the
//! rest?": what goes with it (an agreement's revisions, a check's answers),
//! what stays (a check's actions), and the evidence made from it (or, for
//! an action, from its health check), which stays as it was made and says
//! its source has been removed (or, for an action, changed since). The
//! CLI's `remove` and the app's confirmation both phrase these facts.

use super::into_evidence::{MadeEvidence, SourceStatus};
use super::register::Partnership;
use super::RecordKind;
use crate::error::{Error, Result};
use crate::storage::Portfolio;
use serde::Serialize;
use ts_rs::TS;

/// What removing a note, agreement, health check or action does to the
/// other records, worked out before it is removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "PartnershipRemovalEffects")]
pub struct RemovalEffects {
    pub kind: RecordKind,
    /// `N1`, `AG2`, `HC1`, `AC3`, as the app writes it.
    pub reference: String,
    /// The partnership it belongs to (`PT1`).
    pub partner: String,
    /// The note's date, the agreement's date agreed, the check's date, or
    /// the action's due date.
    pub date: String,
    /// In a few words: the note's kind ("Meeting") or the action itself;
    /// empty for an agreement or a health check.
    pub label: String,
    /// An agreement's revisions, which go with it.
    pub revisions: u32,
    /// Who answered a health check: their answers go with it.
    pub respondents: Vec<String>,
    /// A health check's actions, which stay in the action plan.
    pub actions_kept: Vec<String>,
    /// The record the evidence below was made from: the record itself, or
    /// an action's health check (`None`: an action that answers no check).
    pub evidence_source: Option<String>,
    /// The evidence made from `evidence_source`: it stays as it was made.
    pub evidence: Vec<MadeEvidence>,
    /// What that evidence says after: its source `removed`, or (an
    /// action's check) `changed` since.
    pub evidence_after: SourceStatus,
}

/// A removal done: what it did, and the partnership's page as it is after.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, rename = "PartnershipRemoval")]
pub struct Removal {
    pub removed: RemovalEffects,
    pub partnership: Partnership,
}

/// The removable kinds, named for a refusal.
const REMOVABLE: &str = "a note (N1), agreement (AG1), health check (HC1) or action (AC1)";

fn partner_refused() -> Error {
    Error::invalid_input("A partner is not removed as one of a partnership's records.")
}

impl Portfolio {
    /// What removing `reference` (`N1`, `AG1`, `HC1` or `AC1`) would do to
    /// the other records; nothing is changed.
    pub fn removal_effects(&self, reference: &str) -> Result<RemovalEffects> {
        match RecordKind::parse_any(reference) {
            Some((kind, number)) if kind != RecordKind::Partner => {
                self.effects_of(kind, &kind.reference(number))
            }
            _ => Err(Error::invalid_input(format!(
                "\"{}\" is not {REMOVABLE}.",
                reference.trim()
            ))),
        }
    }

    /// The effects of removing `reference`, read as a `kind` (`N1` is
    /// never taken for an action).
    fn effects_of(&self, kind: RecordKind, reference: &str) -> Result<RemovalEffects> {
        let reference = kind.reference(kind.parse(reference)?);
        let mut e = RemovalEffects {
            kind,
            reference: reference.clone(),
            partner: String::new(),
            date: String::new(),
            label: String::new(),
            revisions: 0,
            respondents: Vec::new(),
            actions_kept: Vec::new(),
            evidence_source: Some(reference.clone()),
            evidence: Vec::new(),
            evidence_after: SourceStatus::Removed,
        };
        match kind {
            RecordKind::Note => {
                let n = self.note(&reference)?;
                (e.partner, e.date, e.label) = (n.partner, n.date, n.kind_label);
            }
            RecordKind::Agreement => {
                let a = self.agreement(&reference)?;
                e.revisions = a.revisions().len() as u32;
                (e.partner, e.date) = (a.partner, a.agreed_on);
            }
            RecordKind::HealthCheck => {
                let c = self.health_check(&reference)?;
                e.respondents = c.respondents.into_iter().map(|r| r.respondent).collect();
                e.actions_kept = c.actions.into_iter().map(|a| a.reference).collect();
                (e.partner, e.date) = (c.partner, c.date);
            }
            RecordKind::Action => {
                let a = self.action(&reference)?;
                // An action is part of its health check: evidence made from the check changes.
                e.evidence_source = a.health_check;
                e.evidence_after = SourceStatus::Changed;
                (e.partner, e.date, e.label) = (a.partner, a.due, a.action);
            }
            RecordKind::Partner => return Err(partner_refused()),
        }
        if let Some(source) = &e.evidence_source {
            e.evidence = self.evidence_made_from(source)?;
        }
        Ok(e)
    }

    /// Removes a note, agreement, health check or action (`kind`, checked
    /// against the reference: `N1` is never taken for an action): what it
    /// did ([`Portfolio::removal_effects`]) and its partnership's page as
    /// it is after. Evidence made from the record stays as it was made and
    /// says its source has been removed.
    pub fn remove_partnership_record(
        &mut self,
        kind: RecordKind,
        reference: &str,
    ) -> Result<Removal> {
        let removed = self.effects_of(kind, reference)?;
        match kind {
            RecordKind::Note => self.remove_note(&removed.reference)?,
            RecordKind::Agreement => self.remove_agreement(&removed.reference)?,
            RecordKind::HealthCheck => self.remove_health_check(&removed.reference)?,
            RecordKind::Action => self.remove_action(&removed.reference)?,
            RecordKind::Partner => return Err(partner_refused()),
        }
        let partnership = self.partnership(&removed.partner)?;
        Ok(Removal {
            removed,
            partnership,
        })
    }
}
