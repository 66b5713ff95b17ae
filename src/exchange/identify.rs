//! What a portfolio file opened from the desktop is (double-click, "Open
//! with", or the app's argument), so the app can offer the right thing:
//! a learner's own portfolio, a learner's submission for an assessor, an
//! assessment returned to the learner, an assessor's file sent to the
//! internal quality assurer (IQA), or the IQA's record returned to the
//! assessor. The file is read through the gate for
//! files from someone else (`untrusted`), on a private copy that is removed
//! afterwards: nothing is taken in, and a file that is not a portfolio, is
//! damaged or is too new is refused with the gate's own words.

use super::lock::Passphrase;
use super::untrusted;
use crate::error::{Error, Result};
use crate::storage::{Portfolio, Role};
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// What kind of portfolio file a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FileKind {
    /// A learner's own working portfolio (never sent).
    OwnPortfolio,
    /// A learner's file sent to an assessor (submitted).
    Submission,
    /// An assessor's file sent back to the learner.
    ReturnedAssessment,
    /// An assessor's signed-off file sent to the internal quality assurer.
    SentToIqa,
    /// The internal quality assurer's file returned to the assessor.
    IqaReturned,
}

/// What a file opened from the desktop is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FileIdentity {
    pub kind: FileKind,
    /// The portfolio's own id, the same in every copy of it.
    pub uid: String,
    pub title: String,
    pub learner_name: String,
    /// The latest submitted version, if any.
    pub version: Option<u32>,
}

/// Reads what `incoming` is (unlocking it with `passphrase` if it is locked)
/// on a private copy in `work_dir`, removed before returning. An assessor's
/// working copy, which the app never sends, is refused.
pub fn identify(
    incoming: &Path,
    passphrase: Option<&Passphrase>,
    work_dir: &Path,
) -> Result<FileIdentity> {
    let copy = untrusted::take_in_with(incoming, passphrase, work_dir)?;
    let p = Portfolio::open(copy.path())?;
    let sent = p.is_sent_copy()?;
    let kind = match (p.role()?, sent) {
        (Role::Learner, false) => FileKind::OwnPortfolio,
        (Role::Learner, true) => FileKind::Submission,
        (Role::Assessor, true) if crate::iqa::sent_to_iqa(&p)? => FileKind::SentToIqa,
        (Role::Assessor, true) => FileKind::ReturnedAssessment,
        (Role::Iqa, _) => FileKind::IqaReturned,
        (Role::Assessor, false) => {
            return Err(Error::invalid_input(format!(
                "{} is an assessor's working copy, which is never sent: open the file the assessor saved for the learner instead.",
                incoming.display()
            )))
        }
    };
    let identity = FileIdentity {
        kind,
        uid: p.info()?.uid,
        title: p.info()?.title,
        learner_name: p.profile()?.full_name,
        version: p.latest_submission()?.map(|s| s.version),
    };
    p.close()?;
    Ok(identity)
}
