//! The assessment records the PDF prints, as the exchange API gives them:
//! submissions (with the learner's declaration), the assessor's judgements
//! of every version, overall feedback, sign-offs, the audit trail, and the
//! portfolio's content fingerprint.
//!
//! STOPGAP until `crate::exchange` lands on main: the types below mirror
//! that API field for field and [`load`] returns "nothing submitted yet",
//! with a fingerprint computed here. When the API lands, this file becomes
//! `pub use crate::exchange::{...}` plus calls to the `Portfolio` methods;
//! nothing else in the export changes.

use crate::catalogue::Standard;
use crate::error::Result;
use crate::storage::Portfolio;
use sha2::{Digest, Sha256};

/// Who an audit entry's actor was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Learner,
    Assessor,
}

/// A submitted version of the portfolio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub version: u32,
    pub submitted_at: String,
    pub declared_name: String,
    /// YYYY-MM-DD.
    pub declared_on: String,
    pub declaration: String,
    pub fingerprint: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JudgementOutcome {
    Met,
    NotYetMet,
}

impl JudgementOutcome {
    pub fn label(self) -> &'static str {
        match self {
            Self::Met => "Met",
            Self::NotYetMet => "Not yet met",
        }
    }
}

/// The assessor's judgement of one item in one submitted version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub item_id: String,
    pub version: u32,
    pub fingerprint: String,
    pub outcome: JudgementOutcome,
    pub feedback: String,
    pub assessor_name: String,
    pub judged_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverallFeedback {
    pub version: u32,
    pub feedback: String,
    pub assessor_name: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOff {
    pub version: u32,
    pub fingerprint: String,
    pub assessor_name: String,
    pub signed_on: String,
    pub signed_at: String,
    pub declaration: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: String,
    pub role: Role,
    pub name: String,
    pub event: String,
    pub version: Option<u32>,
    pub detail: String,
}

impl AuditEntry {
    /// The event as a sentence.
    pub fn describe(&self) -> String {
        let role = match self.role {
            Role::Learner => "learner",
            Role::Assessor => "assessor",
        };
        let v = self
            .version
            .map(|v| format!(" version {v}"))
            .unwrap_or_default();
        let what = format!("{}{v}", self.event);
        if self.detail.is_empty() {
            format!("{} ({role}) {what}", self.name)
        } else {
            format!("{} ({role}) {what}: {}", self.name, self.detail)
        }
    }
}

/// The learner's declaration of authenticity.
pub const LEARNER_DECLARATION: &str = "I declare that the evidence in this portfolio is my own work, produced in the course of my own practice; that where I have used other people’s words or work I have said so; that the witnesses named in it saw the work they describe; and that I have the consent of the people named in it to include them.";

/// The assessor's declaration.
pub fn assessor_declaration(standard: &Standard) -> String {
    format!(
        "I declare that I have assessed this submission against the National Occupational Standard {} “{}”; that my judgements are based on evidence that is valid, authentic, current and sufficient; and that the judgements and feedback recorded here are my own.",
        standard.urn, standard.title
    )
}

/// The fingerprint shortened for display: the first 16 hex digits in groups of four.
pub fn short_fingerprint(fingerprint: &str) -> String {
    let head: Vec<char> = fingerprint.chars().take(16).collect();
    head.chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Everything the exchange records about a portfolio.
#[derive(Debug, Clone, Default)]
pub struct Records {
    /// Oldest first.
    pub submissions: Vec<Submission>,
    /// Every judgement of every submitted version, oldest version first.
    pub judgements: Vec<Judgement>,
    pub overall_feedback: Vec<OverallFeedback>,
    pub sign_offs: Vec<SignOff>,
    pub audit: Vec<AuditEntry>,
    /// SHA-256 (hex) of the portfolio's current content.
    pub fingerprint: String,
}

impl Records {
    pub fn latest_submission(&self) -> Option<&Submission> {
        self.submissions.iter().max_by_key(|s| s.version)
    }

    pub fn latest_sign_off(&self) -> Option<&SignOff> {
        self.sign_offs.last()
    }
}

/// Reads the records. `content` is the canonical JSON of what the export
/// read (stopgap for `Portfolio::content_fingerprint`).
pub(crate) fn load(_portfolio: &Portfolio, content: &[u8]) -> Result<Records> {
    let fingerprint = Sha256::digest(content)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(Records {
        fingerprint,
        ..Records::default()
    })
}
