//! The exchange between learner and assessor, with no server: submissions
//! (versions with a declaration and a fingerprint), the assessor's
//! judgements, feedback and sign-off, the files that carry them, and the
//! append-only audit trail, and locking the files with a passphrase (`lock`).
//!
//! Who owns what: the learner owns the profile, self-assessments, evidence
//! and submissions; the assessor owns judgements, overall feedback and
//! sign-offs. Each side's import merges only what the other side owns.

pub mod assessor;
pub mod audit;
pub mod canonical;
pub mod changes;
pub mod identify;
pub mod lock;
pub mod receive;
pub mod submit;
pub(crate) mod untrusted;
pub mod verify;

use crate::catalogue::Standard;
use crate::error::{Error, Result};
use crate::storage::Portfolio;
use crate::stored::stored_enum;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::storage::Role;
pub use assessor::{
    check_submission, check_submission_with, open_submission, open_submission_with,
    IncomingSubmission,
};
pub use audit::{AuditEntry, AuditEvent};
pub use canonical::{short_fingerprint, Part};
pub use changes::{ContentChange, PartnershipChange, SubmissionChanges};
pub use identify::{identify, FileIdentity, FileKind};
pub use lock::{is_locked, locked_file_name, Passphrase};
pub use receive::Received;
pub use submit::exchange_file_name;
pub use untrusted::MAX_EXCHANGE_BYTES;
pub use verify::VerifyReport;

/// A submitted version of the portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Submission {
    pub version: u32,
    pub submitted_at: String,
    /// The name the learner typed to confirm the declaration.
    pub declared_name: String,
    /// The date of the declaration (YYYY-MM-DD).
    pub declared_on: String,
    /// The declaration's full text as the learner confirmed it.
    pub declaration: String,
    /// SHA-256 of the submitted content.
    pub fingerprint: String,
}

stored_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
    #[ts(export)]
    pub enum JudgementOutcome as "judgement outcome" {
        Met = "met",
        NotYetMet = "not_yet_met",
    }
}

impl JudgementOutcome {
    pub fn label(self) -> &'static str {
        match self {
            Self::Met => "Met",
            Self::NotYetMet => "Not yet met",
        }
    }
}

/// The assessor's judgement of an item in one submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Judgement {
    pub item_id: String,
    /// The submission judged, and its fingerprint.
    pub version: u32,
    pub fingerprint: String,
    pub outcome: JudgementOutcome,
    pub feedback: String,
    pub assessor_name: String,
    pub judged_at: String,
}

/// The assessor's overall feedback on a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OverallFeedback {
    pub version: u32,
    pub feedback: String,
    pub assessor_name: String,
    pub updated_at: String,
}

/// The assessor's declaration and sign-off of a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SignOff {
    pub version: u32,
    /// The fingerprint signed: the submission's, at the time of signing.
    pub fingerprint: String,
    pub assessor_name: String,
    pub signed_on: String,
    pub signed_at: String,
    pub declaration: String,
    /// The fingerprint of what was signed: the judgements and feedback on
    /// every version up to this one ([`Portfolio::assessment_fingerprint`]).
    /// `None` only for a sign-off made before sign-offs recorded it.
    pub assessment: Option<String>,
}

/// The first submission `copy` holds that `original` does not hold with the
/// same fingerprint (`None`: every one of them is `original`'s own).
pub(crate) fn first_unsent(copy: &Portfolio, original: &Portfolio) -> Result<Option<Submission>> {
    let sent = original.submissions()?;
    Ok(copy.submissions()?.into_iter().find(|s| {
        !sent
            .iter()
            .any(|o| o.version == s.version && o.fingerprint == s.fingerprint)
    }))
}

/// The learner's declaration of authenticity, shown in full before submitting.
pub const LEARNER_DECLARATION: &str = "I declare that the evidence in this portfolio is my own work, produced in the course of my own practice; that where I have used other people’s words or work I have said so; that the witnesses named in it saw the work they describe; and that I have the consent of the people named in it to include them.";

/// The assessor's declaration, shown in full before signing off.
pub fn assessor_declaration(standard: &Standard) -> String {
    format!(
        "I declare that I have assessed this submission against the National Occupational Standard {} “{}”; that my judgements are based on evidence that is valid, authentic, current and sufficient; and that the judgements and feedback recorded here are my own.",
        standard.urn, standard.title
    )
}

/// Everything the assessment screens show, for either side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AssessmentView {
    pub role: Role,
    pub submissions: Vec<Submission>,
    /// The latest judgement of each judged item, in the standard's order.
    pub judgements: Vec<Judgement>,
    pub overall_feedback: Vec<OverallFeedback>,
    pub sign_offs: Vec<SignOff>,
    /// For the assessor: what changed since the last submission they judged.
    pub changes_since_last_judged: Option<SubmissionChanges>,
    /// For the learner: items changed since the judgement they received.
    pub changed_since_assessed: Vec<String>,
    /// Every item's feedback thread, by item in order, each oldest first:
    /// the assessor's feedback on each version and the learner's replies
    /// (`crate::feedback_thread`), so the assessor sees the conversation
    /// when judging the next version.
    pub feedback_threads: Vec<crate::feedback_thread::ThreadEntry>,
    /// The internal quality assurer's samples and decisions (`crate::iqa`).
    pub iqa: crate::iqa::IqaRecord,
    /// The declarations' full texts, to show before confirming them.
    pub learner_declaration: String,
    pub assessor_declaration: String,
}

impl Portfolio {
    /// Everything the assessment screens show.
    pub fn assessment_view(&self) -> Result<AssessmentView> {
        Ok(AssessmentView {
            role: self.role()?,
            submissions: self.submissions()?,
            judgements: self.judgements(None)?,
            overall_feedback: self.overall_feedback()?,
            sign_offs: self.sign_offs()?,
            changes_since_last_judged: self.changes_since_last_judged()?,
            changed_since_assessed: self.items_changed_since_assessed()?,
            feedback_threads: self.feedback_threads()?,
            iqa: self.iqa_record()?,
            learner_declaration: LEARNER_DECLARATION.to_string(),
            assessor_declaration: assessor_declaration(self.standard()),
        })
    }

    /// Every submission, oldest first.
    pub fn submissions(&self) -> Result<Vec<Submission>> {
        let mut stmt = self.conn.prepare(
            "SELECT version, submitted_at, declared_name, declared_on, declaration, fingerprint
             FROM submission ORDER BY version",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Submission {
                version: r.get(0)?,
                submitted_at: crate::stored::instant(r, 1)?,
                declared_name: r.get(2)?,
                declared_on: crate::stored::date(r, 3)?,
                declaration: r.get(4)?,
                fingerprint: r.get(5)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.named(e.into()))
    }

    /// The most recent submission, if any.
    pub fn latest_submission(&self) -> Result<Option<Submission>> {
        Ok(self.submissions()?.pop())
    }

    /// Judgements of one submission (`Some(version)`), or the latest judgement
    /// of each item across all submissions (`None`), in the standard's order.
    pub fn judgements(&self, version: Option<u32>) -> Result<Vec<Judgement>> {
        let mut stmt = self.conn.prepare(
            "SELECT j.item_id, j.version, s.fingerprint, j.outcome, j.feedback, j.assessor_name, j.judged_at
             FROM judgement j JOIN submission s ON s.version = j.version JOIN standard_item i ON i.id = j.item_id
             WHERE (?1 IS NOT NULL AND j.version = ?1)
                OR (?1 IS NULL AND j.version = (SELECT max(version) FROM judgement k WHERE k.item_id = j.item_id))
             ORDER BY i.position",
        )?;
        let rows = stmt.query_map([version], |r| {
            Ok(Judgement {
                item_id: r.get(0)?,
                version: r.get(1)?,
                fingerprint: r.get(2)?,
                outcome: r.get(3)?,
                feedback: r.get(4)?,
                assessor_name: r.get(5)?,
                judged_at: crate::stored::instant(r, 6)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.named(e.into()))
    }

    /// Overall feedback on every submission that has it, oldest first.
    pub fn overall_feedback(&self) -> Result<Vec<OverallFeedback>> {
        let mut stmt = self
            .conn
            .prepare("SELECT version, feedback, assessor_name, updated_at FROM overall_feedback ORDER BY version")?;
        let rows = stmt.query_map([], |r| {
            Ok(OverallFeedback {
                version: r.get(0)?,
                feedback: r.get(1)?,
                assessor_name: r.get(2)?,
                updated_at: crate::stored::instant(r, 3)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.named(e.into()))
    }

    /// Every sign-off, oldest first.
    pub fn sign_offs(&self) -> Result<Vec<SignOff>> {
        let mut stmt = self.conn.prepare(
            "SELECT version, fingerprint, assessor_name, signed_on, signed_at, declaration, assessment FROM signoff ORDER BY version",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(SignOff {
                version: r.get(0)?,
                fingerprint: r.get(1)?,
                assessor_name: r.get(2)?,
                signed_on: crate::stored::date(r, 3)?,
                signed_at: crate::stored::instant(r, 4)?,
                declaration: r.get(5)?,
                assessment: r.get(6)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.named(e.into()))
    }

    /// The latest sign-off, if any.
    pub fn latest_sign_off(&self) -> Result<Option<SignOff>> {
        Ok(self.sign_offs()?.pop())
    }

    /// The fingerprint of the assessor's judgements and feedback on every
    /// version up to `version`, with those versions' fingerprints: what a
    /// sign-off of `version` signs, and what the audit entries of a return
    /// and of its receipt name, so both sides can compare it.
    pub fn assessment_fingerprint(&self, version: u32) -> Result<String> {
        crate::storage::seal::assessment_fingerprint(&self.conn, Role::Assessor, version)
    }

    /// The stored parts of a submission (its content as submitted).
    pub fn submission_parts(&self, version: u32) -> Result<Vec<Part>> {
        let exists: Option<u32> = self
            .conn
            .query_row(
                "SELECT version FROM submission WHERE version = ?1",
                [version],
                |r| r.get(0),
            )
            .optional()?;
        if exists.is_none() {
            return Err(Error::not_found(format!(
                "There is no submission version {version}."
            )));
        }
        let mut stmt =
            self.conn.prepare("SELECT part, content, sha256 FROM submission_part WHERE version = ?1 ORDER BY position")?;
        let rows = stmt.query_map([version], |r| {
            Ok(Part {
                key: r.get(0)?,
                content: r.get(1)?,
                sha256: r.get(2)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.named(e.into()))
    }
}
