//! Whose copy a portfolio file is, and whose content each role may change.
//!
//! A learner's own portfolio changes only the learner's content (profile,
//! self-assessment, evidence, submissions); an assessor's working copy only
//! the assessor's (judgements, feedback, sign-offs). Content of the other
//! side arrives only through the exchange, as a whole checked file. An
//! internal quality assurer's copy will be one more variant here (with its
//! line in [`Role::refusal`] and the schema's CHECK).

use crate::error::{Error, ErrorCode};
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
    }
}

impl Role {
    /// Why a file of this role refuses a change to `owner`'s content.
    pub(crate) fn refusal(self, owner: Role) -> Error {
        let message = match owner {
            Role::Learner => format!(
                "This is {}: the learner's content cannot be changed here.",
                self.copy_name()
            ),
            Role::Assessor => "Only an assessor's copy can be judged or signed off: open the learner's submission first.".to_string(),
        };
        Error::new(ErrorCode::ReadOnly, message)
    }

    /// "an assessor's copy", for messages.
    fn copy_name(self) -> &'static str {
        match self {
            Role::Learner => "the learner's own portfolio",
            Role::Assessor => "an assessor's copy",
        }
    }
}
