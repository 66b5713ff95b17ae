//! The assessment records the PDF prints, read through the exchange API:
//! every submission with its declaration, the assessor's judgements of
//! every submitted version, overall feedback, sign-offs, the audit trail,
//! the portfolio's content fingerprint, whether the content is still what
//! was last submitted, and everything `verify` checked at the export.

use crate::error::Result;
use crate::exchange::canonical::{self, Part};
use crate::exchange::{AuditEntry, Judgement, OverallFeedback, SignOff, Submission, VerifyReport};
use crate::storage::Portfolio;

/// Everything the exchange records about a portfolio.
#[derive(Debug, Clone, Default)]
pub(crate) struct Records {
    /// Oldest first.
    pub submissions: Vec<Submission>,
    /// Every judgement of every submitted version, oldest version first.
    pub judgements: Vec<Judgement>,
    pub overall_feedback: Vec<OverallFeedback>,
    pub sign_offs: Vec<SignOff>,
    pub audit: Vec<AuditEntry>,
    /// SHA-256 (hex) of the portfolio's current content
    /// ([`Portfolio::content_fingerprint`]).
    pub fingerprint: String,
    /// Whether the content is what the latest submission holds (a
    /// submission's own fingerprint also covers the declaration, so the
    /// parts are compared, not the fingerprints). `None`: never submitted,
    /// or the file does not match its seals (`check` says how).
    pub unchanged_since_latest: Option<bool>,
    /// Everything sealed in the file, checked at the export (`None` only in
    /// the export's own unit tests).
    pub check: Option<VerifyReport>,
}

impl Records {
    pub fn latest_submission(&self) -> Option<&Submission> {
        self.submissions.iter().max_by_key(|s| s.version)
    }

    pub fn latest_sign_off(&self) -> Option<&SignOff> {
        self.sign_offs.iter().max_by_key(|s| s.version)
    }
}

/// The parts of a submission's content, without its declaration and seal.
fn content_only(parts: &[Part]) -> Vec<(&str, &str)> {
    parts
        .iter()
        .filter(|p| canonical::is_content_part(&p.key))
        .map(|p| (p.key.as_str(), p.sha256.as_str()))
        .collect()
}

pub(crate) fn load(p: &Portfolio) -> Result<Records> {
    let submissions = p.submissions()?;
    let mut judgements = Vec::new();
    for s in &submissions {
        judgements.extend(p.judgements(Some(s.version))?);
    }
    let parts = p.content_parts()?;
    let check = p.verify()?;
    let unchanged_since_latest = match submissions.last() {
        Some(s) if check.ok() => {
            Some(content_only(&p.submission_parts(s.version)?) == content_only(&parts))
        }
        _ => None,
    };
    Ok(Records {
        judgements,
        overall_feedback: p.overall_feedback()?,
        sign_offs: p.sign_offs()?,
        audit: p.audit_trail()?,
        fingerprint: canonical::fingerprint(&parts),
        unchanged_since_latest,
        check: Some(check),
        submissions,
    })
}
