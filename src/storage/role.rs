//! Whose copy a portfolio file is, and whose content each role may change.
//!
//! A learner's own portfolio changes only the learner's content (profile,
//! self-assessment, evidence, submissions); an assessor's working copy only
//! the assessor's (judgements, feedback, sign-offs). Content of the other
//! side arrives only through the exchange, as a whole checked file. An
//! internal quality assurer's (IQA's) copy changes only the IQA's record
//! (samples of the assessor's judgements and the IQA's decision,
//! `crate::iqa`): neither the learner's nor the assessor's content.

use crate::error::{Error, ErrorCode, Result};
use crate::stored::stored_enum;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

stored_enum! {
    /// Whose copy a portfolio file is; also who owns a piece of content.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
    #[ts(export)]
    pub enum Role as "role" {
        /// The learner's own portfolio.
        Learner = "learner",
        /// An assessor's working copy: the learner's content is read-only.
        Assessor = "assessor",
        /// An internal quality assurer's copy: only their samples and
        /// decision can be changed.
        Iqa = "iqa",
    }
}

impl Role {
    /// Why a file of this role refuses a change to `owner`'s content.
    pub(crate) fn refusal(self, owner: Role) -> Error {
        let message = match owner {
            _ if self == Role::Iqa => "This is an internal quality assurer's copy: neither the learner's nor the assessor's content can be changed here.".to_string(),
            Role::Learner => format!(
                "This is {}: the learner's content cannot be changed here.",
                self.copy_name()
            ),
            Role::Assessor => "Only an assessor's copy can be judged or signed off: open the learner's submission first.".to_string(),
            Role::Iqa => "Only an internal quality assurer's copy can be sampled or decided: open the assessor's file with iqa-open first.".to_string(),
        };
        Error::new(ErrorCode::ReadOnly, message)
    }

    /// This role, if it is one of the two parties to the assessment cycle's
    /// shared records (the plan, progress reviews); an IQA's copy changes
    /// neither side's.
    pub(crate) fn cycle_party(self) -> Result<Role> {
        match self {
            Role::Iqa => Err(self.refusal(Role::Learner)),
            role => Ok(role),
        }
    }

    /// "Learner", "Assessor", "IQA": who wrote something, for the PDF.
    pub fn label(self) -> &'static str {
        match self {
            Role::Learner => "Learner",
            Role::Assessor => "Assessor",
            Role::Iqa => "IQA",
        }
    }

    /// "an assessor's copy", for messages.
    fn copy_name(self) -> &'static str {
        match self {
            Role::Learner => "the learner's own portfolio",
            Role::Assessor => "an assessor's copy",
            Role::Iqa => "an internal quality assurer's copy",
        }
    }
}
