//! The learner's side of a returned assessment: importing the assessor's file
//! merges only what the assessor owns (judgements, overall feedback,
//! sign-offs, and their audit entries) into the learner's own portfolio.
//! The learner's work since submitting is untouched.

use super::assessor::merge_assessor_records;
use super::{audit, untrusted, JudgementOutcome, Role};
use crate::error::{Error, ErrorCode, Result};
use crate::storage::Portfolio;
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
    /// Items the learner has changed since the judgement they got.
    pub changed_since_assessed: Vec<String>,
}

impl Portfolio {
    /// Imports the assessor's returned file `incoming` (untrusted) into this,
    /// the learner's own portfolio.
    pub fn receive(&mut self, incoming: &Path) -> Result<Received> {
        self.ensure_learner_copy()?;
        let dir = crate::storage::folder_of(self.path());
        let copy = untrusted::take_in(incoming, &dir)?;
        {
            let theirs = Portfolio::open(copy.path())?;
            if theirs.role()? != Role::Assessor {
                return Err(Error::invalid_input(format!(
                    "{} is a learner's portfolio, not an assessment returned by an assessor.",
                    incoming.display()
                )));
            }
            if theirs.info()?.uid != self.info()?.uid {
                return Err(Error::invalid_input(format!(
                    "{} is the assessment of another portfolio (\"{}\").",
                    incoming.display(),
                    theirs.info()?.title
                )));
            }
            let report = theirs.verify()?;
            if let Some(problem) = report.problems.first() {
                return Err(Error::new(
                    ErrorCode::Damaged,
                    format!("{} has been altered: {problem}", incoming.display()),
                ));
            }
            let ours = self.submissions()?;
            for s in theirs.submissions()? {
                match ours.iter().find(|o| o.version == s.version) {
                    Some(o) if o.fingerprint == s.fingerprint => {}
                    _ => {
                        return Err(Error::new(
                            ErrorCode::Damaged,
                            format!(
                            "{} assesses a submission version {} that this portfolio did not send.",
                            incoming.display(),
                            s.version
                        ),
                        ))
                    }
                }
            }
            theirs.close()?;
        }
        merge_assessor_records(self, copy.path())?;
        let judgements = self.judgements(None)?;
        let version = judgements.iter().map(|j| j.version).max();
        let name = self.profile()?.full_name;
        let now = crate::timestamp::now();
        let tx = self.conn.transaction()?;
        audit::record(&tx, &now, Role::Learner, &name, "received", version, "")?;
        tx.commit()?;
        drop(copy);
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
            changed_since_assessed: self.items_changed_since_assessed()?,
        })
    }
}
