//! The assessor's side: opening a learner's submission (an untrusted file)
//! as a working copy, judging items, overall feedback, the declaration and
//! sign-off bound to the submission's fingerprint and to the judgements it
//! signs, and returning the file. In an assessor's copy the learner's
//! content cannot be changed; everything of the assessor's is sealed after
//! each change (`storage::seal`).

use super::lock::Passphrase;
use super::{
    assessor_declaration, untrusted, AuditEvent, Judgement, JudgementOutcome, OverallFeedback,
    Role, SignOff,
};
use crate::error::{Error, ErrorCode, Result};
use crate::storage::{seal, Portfolio};
use crate::text::{multi_line, required_line, single_line};
use std::path::Path;

pub(crate) const MAX_FEEDBACK_CHARS: usize = 50_000;

/// A learner's submission that has passed every check, waiting in a private
/// copy to become an assessor's working copy.
pub struct IncomingSubmission {
    copy: untrusted::CheckedCopy,
    incoming: std::path::PathBuf,
    /// The portfolio's own id (the same in every copy of it).
    pub uid: String,
    pub learner_name: String,
    pub version: u32,
}

/// Checks a learner's submission file (`incoming`, untrusted): the gate in
/// `untrusted`, then that it is a learner's file, submitted, and unaltered.
/// The private copy is kept in `work_dir`.
pub fn check_submission(incoming: &Path, work_dir: &Path) -> Result<IncomingSubmission> {
    check_submission_with(incoming, None, work_dir)
}

/// As [`check_submission`], for a file that may be locked: it is unlocked
/// with `passphrase` straight into the private copy.
pub fn check_submission_with(
    incoming: &Path,
    passphrase: Option<&Passphrase>,
    work_dir: &Path,
) -> Result<IncomingSubmission> {
    let started = std::time::Instant::now();
    let checked = check(incoming, passphrase, work_dir);
    match &checked {
        Ok(s) => tracing::info!(
            version = s.version,
            ms = crate::logs::millis(started),
            "checked a submission"
        ),
        Err(e) => tracing::warn!(
            code = ?e.code,
            ms = crate::logs::millis(started),
            "refused a submission"
        ),
    }
    checked
}

fn check(
    incoming: &Path,
    passphrase: Option<&Passphrase>,
    work_dir: &Path,
) -> Result<IncomingSubmission> {
    let copy = untrusted::take_in_with(incoming, passphrase, work_dir)?;
    let p = Portfolio::open(copy.path()).map_err(|e| shown_as(e, copy.path(), incoming))?;
    match p.role()? {
        Role::Learner => {}
        Role::Assessor => {
            return Err(Error::invalid_input(format!(
                "{} is an assessor's copy (a returned assessment), not a learner's submission.",
                incoming.display()
            )))
        }
        Role::Iqa => {
            return Err(Error::invalid_input(format!(
            "{} is an internal quality assurer's copy: take it into your copy with receive-iqa.",
            incoming.display()
        )))
        }
    }
    let latest = p.latest_submission()?.ok_or_else(|| {
        Error::invalid_input(format!(
            "{} has not been submitted for assessment yet.",
            incoming.display()
        ))
    })?;
    p.refuse_if_altered(incoming, " since it was submitted, so it was not opened")?;
    let checked = IncomingSubmission {
        uid: p.info()?.uid,
        learner_name: p.profile()?.full_name,
        version: latest.version,
        incoming: incoming.to_path_buf(),
        copy,
    };
    p.close()?;
    Ok(checked)
}

impl IncomingSubmission {
    /// Makes the checked copy the assessor's working copy at `dest` (in the
    /// work folder given to [`check_submission`]). If `dest` is already the
    /// assessor's copy of the same portfolio, the assessor's judgements,
    /// feedback and sign-offs there are carried over; `dest` is replaced only
    /// when everything has succeeded.
    pub fn install(self, dest: &Path, assessor_name: &str) -> Result<Portfolio> {
        let started = std::time::Instant::now();
        let resubmission = dest.exists();
        let name = single_line(assessor_name, "assessor's name", 200)?;
        {
            let mut p = Portfolio::open(self.copy.path())
                .map_err(|e| shown_as(e, self.copy.path(), &self.incoming))?;
            let previous = if resubmission {
                check_previous_copy(&p, dest)?;
                Some(dest)
            } else {
                None
            };
            let name = if name.is_empty() {
                default_assessor_name(&p)?
            } else {
                name
            };
            let fingerprint = p
                .latest_submission()?
                .map(|s| s.fingerprint)
                .unwrap_or_default();
            let version = self.version;
            p.with_attached(previous, |p| {
                p.adopt(Role::Assessor, |w| {
                    if previous.is_some() {
                        // The assessor's records, and the IQA's record their
                        // copy took in (kept as history).
                        seal::take_records_from_other(w.tx(), Role::Assessor)?;
                        seal::take_records_from_other(w.tx(), Role::Iqa)?;
                    }
                    w.audit(
                        AuditEvent::Imported,
                        &name,
                        Some(version),
                        &super::short_fingerprint(&fingerprint),
                    )
                })
            })?;
            p.close()?;
        }
        self.copy.persist(dest)?;
        tracing::info!(
            file = %crate::logs::file_id(dest),
            version = self.version,
            resubmission,
            ms = crate::logs::millis(started),
            "opened a submission as the assessor's copy"
        );
        Portfolio::open(dest)
    }
}

/// Opens a learner's submission file (`incoming`, untrusted) as the
/// assessor's working copy at `dest` (see [`check_submission`] and
/// [`IncomingSubmission::install`]).
pub fn open_submission(incoming: &Path, dest: &Path, assessor_name: &str) -> Result<Portfolio> {
    open_submission_with(incoming, None, dest, assessor_name)
}

/// As [`open_submission`], for a file that may be locked with `passphrase`.
pub fn open_submission_with(
    incoming: &Path,
    passphrase: Option<&Passphrase>,
    dest: &Path,
    assessor_name: &str,
) -> Result<Portfolio> {
    check_submission_with(incoming, passphrase, &crate::storage::folder_of(dest))?
        .install(dest, assessor_name)
}

/// Error messages about the private copy name the file the user chose.
fn shown_as(err: Error, copy: &Path, incoming: &Path) -> Error {
    Error::new(
        err.code,
        err.message
            .replace(&copy.display().to_string(), &incoming.display().to_string()),
    )
}

/// Checks that `previous`, the file an assessor's copy is about to replace,
/// is the assessor's copy of the same portfolio, with the same submissions,
/// and that nothing in it was changed outside the app (its records are
/// carried into the new copy and sealed again there).
fn check_previous_copy(p: &Portfolio, previous: &Path) -> Result<()> {
    let prev = Portfolio::open(previous)?;
    if prev.role()? != Role::Assessor || prev.info()?.uid != p.info()?.uid {
        return Err(Error::new(
            ErrorCode::AlreadyExists,
            format!(
                "{} is a different portfolio; choose another place for this one.",
                previous.display()
            ),
        ));
    }
    let report = prev.verify()?;
    if !report.ok() {
        return Err(Error::new(
            ErrorCode::Damaged,
            format!(
                "Your copy {} has been altered outside the app, so its judgements cannot be carried over: {}",
                previous.display(),
                report.problems.join(" ")
            ),
        ));
    }
    if let Some(s) = super::first_unsent(&prev, p)? {
        return Err(Error::new(
            ErrorCode::Damaged,
            format!(
                "Submission version {} in this file is not the one already received (fingerprint {}).",
                s.version,
                super::short_fingerprint(&s.fingerprint)
            ),
        ));
    }
    prev.close()
}

fn default_assessor_name(p: &Portfolio) -> Result<String> {
    let named = p.profile()?.assessor_name;
    Ok(if named.is_empty() {
        "Assessor".into()
    } else {
        named
    })
}

impl Portfolio {
    fn latest_version(&self) -> Result<u32> {
        self.latest_submission()?
            .map(|s| s.version)
            .ok_or_else(|| Error::invalid_input("There is no submission to assess."))
    }

    fn assessor_name_or_default(&self, name: Option<&str>) -> Result<String> {
        match name
            .map(|n| single_line(n, "assessor's name", 200))
            .transpose()?
        {
            Some(n) if !n.is_empty() => Ok(n),
            _ => default_assessor_name(self),
        }
    }

    /// Judges an item of the latest submission (replacing an earlier judgement of it).
    pub fn judge(
        &mut self,
        item: &str,
        outcome: JudgementOutcome,
        feedback: &str,
        assessor_name: Option<&str>,
    ) -> Result<Judgement> {
        let (version, item_id) = self.write(Role::Assessor, |w| {
            let version = w.latest_version()?;
            let item_id = w.standard().require_item(item)?.1.id.clone();
            let feedback = multi_line(feedback, "feedback", MAX_FEEDBACK_CHARS)?;
            let name = w.assessor_name_or_default(assessor_name)?;
            // The same judgement again changes nothing (and withdraws no sign-off).
            let changed = w.tx().execute(
                "INSERT INTO judgement (version, item_id, outcome, feedback, assessor_name, judged_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (version, item_id) DO UPDATE SET outcome = excluded.outcome, feedback = excluded.feedback,
                     assessor_name = excluded.assessor_name, judged_at = excluded.judged_at
                 WHERE outcome IS NOT excluded.outcome OR feedback IS NOT excluded.feedback
                     OR assessor_name IS NOT excluded.assessor_name",
                (version, &item_id, outcome, &feedback, &name, w.now()),
            )?;
            if changed > 0 {
                w.audit(
                    AuditEvent::Judged,
                    &name,
                    Some(version),
                    &format!("{item_id}: {}", outcome.label()),
                )?;
            }
            Ok((version, item_id))
        })?;
        let j = self
            .judgements(Some(version))?
            .into_iter()
            .find(|j| j.item_id == item_id);
        j.ok_or_else(|| Error::internal("the judgement just recorded is missing"))
    }

    /// Sets the overall feedback on the latest submission.
    pub fn set_overall_feedback(
        &mut self,
        feedback: &str,
        assessor_name: Option<&str>,
    ) -> Result<OverallFeedback> {
        self.write(Role::Assessor, |w| {
            let version = w.latest_version()?;
            let feedback = multi_line(feedback, "overall feedback", MAX_FEEDBACK_CHARS)?;
            let name = w.assessor_name_or_default(assessor_name)?;
            // The same feedback again changes nothing (and withdraws no sign-off).
            let changed = w.tx().execute(
                "INSERT INTO overall_feedback (version, feedback, assessor_name, updated_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (version) DO UPDATE SET feedback = excluded.feedback, assessor_name = excluded.assessor_name,
                     updated_at = excluded.updated_at
                 WHERE feedback IS NOT excluded.feedback OR assessor_name IS NOT excluded.assessor_name",
                (version, &feedback, &name, w.now()),
            )?;
            if changed > 0 {
                w.audit(AuditEvent::Feedback, &name, Some(version), "")?;
            }
            w.overall_feedback()?
                .into_iter()
                .find(|f| f.version == version)
                .ok_or_else(|| Error::internal("the feedback just recorded is missing"))
        })
    }

    /// The assessor's declaration and sign-off of the latest submission, bound
    /// to its fingerprint. Every item must have a judgement first.
    pub fn sign_off(&mut self, assessor_name: &str, signed_on: &str) -> Result<SignOff> {
        self.write(Role::Assessor, |w| {
            let submission = w
                .latest_submission()?
                .ok_or_else(|| Error::invalid_input("There is no submission to sign off."))?;
            let name = required_line(
                assessor_name,
                "assessor's name",
                200,
                "Type your name to sign the assessor's declaration.",
            )?;
            let date =
                crate::timestamp::parse_date(signed_on, "date of the sign-off")?.to_string();
            let judged: Vec<String> = w
                .judgements(None)?
                .into_iter()
                .map(|j| j.item_id)
                .collect();
            let missing: Vec<String> = w
                .standard()
                .items()
                .map(|(_, i)| i.id.clone())
                .filter(|id| !judged.contains(id))
                .collect();
            if !missing.is_empty() {
                return Err(Error::invalid_input(format!(
                    "Judge every item before signing off; not judged yet: {}.",
                    missing.join(", ")
                )));
            }
            let report = w.verify()?;
            if let Some(problem) = report.problems.first() {
                return Err(Error::new(
                    ErrorCode::Damaged,
                    format!("This copy has been altered: {problem}"),
                ));
            }
            let declaration = assessor_declaration(w.standard());
            // What it signs: the judgements and feedback of every version up
            // to this one, with their fingerprints. Changing any of them
            // later withdraws this sign-off (`storage::seal::after_write`).
            let assessment =
                seal::assessment_fingerprint(w.tx(), Role::Assessor, submission.version)?;
            w.tx().execute(
                "INSERT INTO signoff (version, assessor_name, signed_on, signed_at, declaration, fingerprint, assessment)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (version) DO UPDATE SET assessor_name = excluded.assessor_name, signed_on = excluded.signed_on,
                     signed_at = excluded.signed_at, declaration = excluded.declaration, fingerprint = excluded.fingerprint,
                     assessment = excluded.assessment",
                (submission.version, &name, &date, w.now(), &declaration, &submission.fingerprint, &assessment),
            )?;
            w.audit(
                AuditEvent::SignedOff,
                &name,
                Some(submission.version),
                &format!(
                    "{}; assessment {}",
                    super::short_fingerprint(&submission.fingerprint),
                    super::short_fingerprint(&assessment)
                ),
            )?;
            w.latest_sign_off()?
                .ok_or_else(|| Error::internal("the sign-off just recorded is missing"))
        })
    }

    /// Writes the assessor's copy, with the judgements, to `dest` for the
    /// learner. Everything of the assessor's in it is sealed (as after every
    /// change they make); the audit entry of the return names the
    /// fingerprint of the assessment of the latest version, signed off or
    /// not, which the learner sees again when they receive it.
    pub fn return_to_learner(&mut self, dest: &Path, assessor_name: Option<&str>) -> Result<u64> {
        self.return_to_learner_with(dest, assessor_name, None)
    }

    /// As [`Portfolio::return_to_learner`], locked with `lock` if given.
    pub fn return_to_learner_with(
        &mut self,
        dest: &Path,
        assessor_name: Option<&str>,
        lock: Option<&Passphrase>,
    ) -> Result<u64> {
        self.write(Role::Assessor, |w| {
            let version = w.latest_version()?;
            let name = w.assessor_name_or_default(assessor_name)?;
            let assessment = seal::assessment_fingerprint(w.tx(), Role::Assessor, version)?;
            w.audit(
                AuditEvent::Returned,
                &name,
                Some(version),
                &format!("assessment {}", super::short_fingerprint(&assessment)),
            )
        })?;
        self.save_exchange_file(dest, lock)
    }
}
