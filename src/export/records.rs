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
    /// the export's own unit tests, and while the check is being made).
    pub check: Option<VerifyReport>,
    /// The content parts now (key and SHA-256), to compare with the latest
    /// submission's.
    pub content: Vec<(String, String)>,
}

impl Records {
    pub fn latest_submission(&self) -> Option<&Submission> {
        self.submissions.iter().max_by_key(|s| s.version)
    }

    pub fn latest_sign_off(&self) -> Option<&SignOff> {
        self.sign_offs.iter().max_by_key(|s| s.version)
    }
}

/// The parts of a submission's content, without its declaration and seal:
/// key and SHA-256.
fn content_only(parts: &[Part]) -> Vec<(String, String)> {
    parts
        .iter()
        .filter(|p| canonical::is_content_part(&p.key))
        .map(|p| (p.key.clone(), p.sha256.clone()))
        .collect()
}

/// The records without the check of the file ([`check`]): `check` and
/// `unchanged_since_latest` are `None` until [`Records::set_check`] gives them.
/// Also returns the content parts it read (for the check, which needs them).
pub(crate) fn load_unchecked(p: &Portfolio) -> Result<(Records, Vec<Part>)> {
    let submissions = p.submissions()?;
    let mut judgements = Vec::new();
    for s in &submissions {
        judgements.extend(p.judgements(Some(s.version))?);
    }
    let parts = p.content_parts()?;
    let records = Records {
        judgements,
        overall_feedback: p.overall_feedback()?,
        sign_offs: p.sign_offs()?,
        audit: p.audit_trail()?,
        fingerprint: canonical::fingerprint(&parts),
        unchanged_since_latest: None,
        check: None,
        content: content_only(&parts),
        submissions,
    };
    Ok((records, parts))
}

/// What the export's check of the file found: `verify`'s report, and when
/// it holds and there is a submission, the latest submission's content parts.
pub(crate) struct Checked {
    report: VerifyReport,
    latest: Option<Vec<(String, String)>>,
}

/// Checks the file as the export does: everything `verify` checks, then
/// (only if that holds) reads what the latest submission holds. Made on the
/// export's own connection or on a second one reading the same moment of
/// the file (see `Snapshot::read_checking`); `content` gives the content
/// parts of that moment ([`load_unchecked`] reads them); `hasher`, a third
/// connection reading that moment too, hashes stored files beside it
/// (`Portfolio::verify_given`).
pub(crate) fn check(
    p: &Portfolio,
    content: impl FnOnce() -> Result<Vec<Part>>,
    hasher: Option<Portfolio>,
) -> Result<Checked> {
    let report = p.verify_given(content, hasher)?;
    let latest = match p.submissions()?.last() {
        Some(s) if report.ok() => Some(content_only(&p.submission_parts(s.version)?)),
        _ => None,
    };
    Ok(Checked { report, latest })
}

impl Records {
    /// Takes in what the check found.
    pub fn set_check(&mut self, checked: Checked) {
        self.unchanged_since_latest = checked.latest.map(|parts| parts == self.content);
        self.check = Some(checked.report);
    }
}
