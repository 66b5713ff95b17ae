//! The audit trail: submissions, imports, judgements, feedback, sign-offs,
//! returns and receipts, the internal quality assurer's sampling, each with when, who (role and name) and which
//! submission. Append-only (triggers in the schema refuse updates and
//! deletes); every entry has a unique id so the trails of the learner's and
//! the assessor's copies merge without duplicates. Events are appended
//! through the write transaction (`Write::audit`); this module reads them.

use super::Role;
use crate::error::Result;
use crate::storage::Portfolio;
use crate::stored::stored_enum;
use serde::Serialize;
use ts_rs::TS;

/// One event in the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditEntry {
    pub at: String,
    pub role: Role,
    pub name: String,
    pub event: AuditEvent,
    pub version: Option<u32>,
    pub detail: String,
}

stored_enum! {
    /// What happened, in the audit trail.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
    #[ts(export)]
    pub enum AuditEvent as "audit event" {
        /// The learner submitted a version.
        Submitted = "submitted",
        /// The assessor opened a submission as their working copy.
        Imported = "imported",
        Judged = "judged",
        /// The assessor's overall feedback.
        Feedback = "feedback",
        SignedOff = "signed_off",
        /// The assessor wrote the file with their judgements for the learner.
        Returned = "returned",
        /// The learner took the returned assessment into their portfolio.
        Received = "received",
        /// A change to judgements or feedback already signed off withdrew
        /// the sign-off (`storage::seal::after_write`).
        SignOffWithdrawn = "sign_off_withdrawn",
        /// A party drafted or changed the assessment plan (`detail`: the items).
        PlanChanged = "plan_changed",
        /// A party accepted the assessment plan as it was.
        PlanAccepted = "plan_accepted",
        /// A progress review was written (`detail`: its date).
        ReviewAdded = "review_added",
        /// A party signed a progress review written by the other.
        ReviewSigned = "review_signed",
        /// The learner replied to the assessor's feedback (`detail`: the item).
        Replied = "replied",
        /// The assessor wrote the file for the internal quality assurer.
        SentToIqa = "sent_to_iqa",
        /// The IQA opened the assessor's file as their copy.
        IqaOpened = "iqa_opened",
        /// The IQA sampled a judgement (`detail`: the item, agreed or not).
        IqaSampled = "iqa_sampled",
        /// The IQA recorded their decision and signed it.
        IqaDecided = "iqa_decided",
        /// A change to the samples withdrew the IQA's decision.
        IqaDecisionWithdrawn = "iqa_decision_withdrawn",
        /// The IQA wrote the file back to the assessor.
        IqaReturned = "iqa_returned",
        /// The assessor took the IQA's record into their copy.
        IqaReceived = "iqa_received",
    }
}

impl AuditEntry {
    /// The event in words, for screens and the PDF.
    pub fn describe(&self) -> String {
        let v = self
            .version
            .map(|v| format!(" version {v}"))
            .unwrap_or_default();
        let what = match self.event {
            AuditEvent::Submitted => format!("submitted{v} for assessment"),
            AuditEvent::Imported => format!("opened the submission{v}"),
            AuditEvent::Judged => format!("judged{v}"),
            AuditEvent::Feedback => format!("gave overall feedback on{v}"),
            AuditEvent::SignedOff => format!("signed off{v}"),
            AuditEvent::Returned => format!("returned the assessment of{v} to the learner"),
            AuditEvent::Received => format!("received the assessment of{v}"),
            AuditEvent::SignOffWithdrawn => format!("withdrew the sign-off of{v}"),
            AuditEvent::PlanChanged => "changed the assessment plan".into(),
            AuditEvent::PlanAccepted => "accepted the assessment plan".into(),
            AuditEvent::ReviewAdded => "wrote a progress review".into(),
            AuditEvent::ReviewSigned => "signed a progress review".into(),
            AuditEvent::Replied => format!("replied to the feedback on{v}"),
            AuditEvent::SentToIqa => format!("sent{v} to the internal quality assurer"),
            AuditEvent::IqaOpened => format!("opened{v} for internal quality assurance"),
            AuditEvent::IqaSampled => format!("sampled a judgement of{v}"),
            AuditEvent::IqaDecided => format!("recorded the IQA decision on{v}"),
            AuditEvent::IqaDecisionWithdrawn => format!("withdrew the IQA decision on{v}"),
            AuditEvent::IqaReturned => format!("returned the IQA record of{v} to the assessor"),
            AuditEvent::IqaReceived => format!("received the IQA record of{v}"),
        };
        if self.detail.is_empty() {
            format!("{} ({}) {what}", self.name, self.role.key())
        } else {
            format!(
                "{} ({}) {what}: {}",
                self.name,
                self.role.key(),
                self.detail
            )
        }
    }
}

/// The latest entry of `trail` (in time order) in which the file passed
/// between the parties: the assessment returned to the learner or received
/// by them, the file sent to the IQA, or the IQA's record returned to the
/// assessor or taken in by them.
pub fn last_sending(trail: &[AuditEntry]) -> Option<&AuditEntry> {
    trail.iter().rev().find(|a| {
        matches!(
            a.event,
            AuditEvent::Returned
                | AuditEvent::SentToIqa
                | AuditEvent::IqaReturned
                | AuditEvent::IqaReceived
                | AuditEvent::Received
        )
    })
}

impl Portfolio {
    /// The audit trail, in time order.
    pub fn audit_trail(&self) -> Result<Vec<AuditEntry>> {
        let mut stmt = self
            .conn
            .prepare("SELECT at, role, name, event, version, detail FROM audit ORDER BY at, seq")?;
        let rows = stmt.query_map([], |r| {
            Ok(AuditEntry {
                at: crate::stored::instant(r, 0)?,
                role: r.get(1)?,
                name: r.get(2)?,
                event: r.get(3)?,
                version: r.get(4)?,
                detail: r.get(5)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.named(e.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::AuditEvent;

    #[test]
    fn every_sign_off_s_withdrawal_event_is_an_audit_event() {
        for p in crate::storage::owners::PARTIES {
            if let Some(s) = &p.sign_off {
                assert!(AuditEvent::from_key(s.withdrawn_event).is_some());
            }
        }
    }
}
