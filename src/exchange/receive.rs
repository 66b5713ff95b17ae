//! The learner's side of a returned assessment: importing the assessor's file
//! merges only what the assessor owns (judgements, overall feedback,
//! sign-offs, their audit entries and their seal; `storage::owners` says
//! what is theirs), with the internal quality assurer's record the
//! assessor's copy holds, into the learner's own portfolio, and only when all of it
//! is exactly what the assessor's app sealed and signed. The learner's work
//! since submitting is untouched.

use super::{untrusted, AuditEvent, JudgementOutcome, Role};
use crate::error::{Error, ErrorCode, Result};
use crate::storage::{seal, Portfolio};
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// What a received assessment brought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Received {
    /// The latest submission version the assessor judged.
    pub version: Option<u32>,
    pub met: u32,
    pub not_yet_met: u32,
    pub signed_off: bool,
    /// The fingerprint of the assessment received (of `version`, with
    /// everything before it), as the assessor's audit entry of the return
    /// names it: the two can be compared.
    pub assessment: Option<String>,
    /// Items the learner has changed since the judgement they got.
    pub changed_since_assessed: Vec<String>,
}

impl Portfolio {
    /// Imports the assessor's returned file `incoming` (untrusted) into this,
    /// the learner's own portfolio.
    pub fn receive(&mut self, incoming: &Path) -> Result<Received> {
        let received = self.take_assessment(incoming);
        if let Err(e) = &received {
            tracing::warn!(code = ?e.code, "refused a returned assessment");
        }
        received
    }

    fn take_assessment(&mut self, incoming: &Path) -> Result<Received> {
        let started = std::time::Instant::now();
        // Refused before the file is copied and checked, as the write would.
        self.require_role(Role::Learner)?;
        let dir = crate::storage::folder_of(self.path());
        let copy = untrusted::take_in(incoming, &dir)?;
        {
            let theirs = Portfolio::open(copy.path())?;
            match theirs.role()? {
                Role::Assessor => {}
                Role::Learner => {
                    return Err(Error::invalid_input(format!(
                        "{} is a learner's portfolio, not an assessment returned by an assessor.",
                        incoming.display()
                    )))
                }
                Role::Iqa => {
                    return Err(Error::invalid_input(format!(
                        "{} is an internal quality assurer's copy: the IQA's outcome comes with your assessor's return.",
                        incoming.display()
                    )))
                }
            }
            if theirs.info()?.uid != self.info()?.uid {
                return Err(Error::invalid_input(format!(
                    "{} is the assessment of another portfolio (\"{}\").",
                    incoming.display(),
                    theirs.info()?.title
                )));
            }
            theirs.refuse_if_altered(incoming, ", so nothing of it was taken in")?;
            if let Some(s) = super::first_unsent(&theirs, self)? {
                return Err(Error::new(
                    ErrorCode::Damaged,
                    format!(
                        "{} assesses a submission version {} that this portfolio did not send.",
                        incoming.display(),
                        s.version
                    ),
                ));
            }
            theirs.close()?;
        }
        let (judgements, assessment) = self.with_attached(Some(copy.path()), |p| {
            p.write(Role::Learner, |w| {
                seal::take_records_from_other(w.tx(), Role::Assessor)?;
                // The internal quality assurer's outcome comes with the
                // assessor's return (their seal is checked with the rest).
                seal::take_records_from_other(w.tx(), Role::Iqa)?;
                let judgements = w.judgements(None)?;
                let version = judgements.iter().map(|j| j.version).max();
                let assessment = version
                    .map(|v| seal::assessment_fingerprint(w.tx(), Role::Assessor, v))
                    .transpose()?;
                let name = w.profile()?.full_name;
                let detail = assessment
                    .as_deref()
                    .map(|a| format!("assessment {}", super::short_fingerprint(a)))
                    .unwrap_or_default();
                w.audit(AuditEvent::Received, &name, version, &detail)?;
                Ok((judgements, assessment))
            })
        })?;
        drop(copy);
        let version = judgements.iter().map(|j| j.version).max();
        tracing::info!(
            file = %crate::logs::file_id(self.path()),
            version,
            ms = crate::logs::millis(started),
            "received an assessment"
        );
        Ok(Received {
            version,
            met: judgements
                .iter()
                .filter(|j| j.outcome == JudgementOutcome::Met)
                .count() as u32,
            not_yet_met: judgements
                .iter()
                .filter(|j| j.outcome == JudgementOutcome::NotYetMet)
                .count() as u32,
            signed_off: self.latest_sign_off()?.is_some(),
            assessment,
            changed_since_assessed: self.items_changed_since_assessed()?,
        })
    }
}
