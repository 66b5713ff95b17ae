//! The assessor's side: opening a learner's submission (an untrusted file)
//! as a working copy, judging items, overall feedback, the declaration and
//! sign-off bound to the submission's fingerprint, and returning the file.
//! In an assessor's copy the learner's content cannot be changed.

use super::{
    assessor_declaration, audit, untrusted, Judgement, JudgementOutcome, OverallFeedback, Role,
    SignOff,
};
use super::lock::Passphrase;
use crate::error::{Error, ErrorCode, Result};
use crate::storage::Portfolio;
use crate::text::{multi_line, single_line};
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
    let copy = untrusted::take_in_with(incoming, passphrase, work_dir)?;
    let p = Portfolio::open(copy.path()).map_err(|e| shown_as(e, copy.path(), incoming))?;
    if p.role()? == Role::Assessor {
        return Err(Error::invalid_input(format!(
            "{} is an assessor's copy (a returned assessment), not a learner's submission.",
            incoming.display()
        )));
    }
    let latest = p.latest_submission()?.ok_or_else(|| {
        Error::invalid_input(format!(
            "{} has not been submitted for assessment yet.",
            incoming.display()
        ))
    })?;
    let report = p.verify()?;
    if let Some(problem) = report.problems.first() {
        return Err(Error::new(
            ErrorCode::Damaged,
            format!(
                "{} has been altered since it was submitted: {problem}",
                incoming.display()
            ),
        ));
    }
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
        let name = single_line(assessor_name, "assessor's name", 200)?;
        {
            let mut p = Portfolio::open(self.copy.path())
                .map_err(|e| shown_as(e, self.copy.path(), &self.incoming))?;
            if dest.exists() {
                carry_assessor_work(&mut p, dest)?;
            }
            let name = if name.is_empty() {
                default_assessor_name(&p)?
            } else {
                name
            };
            let fingerprint = p
                .latest_submission()?
                .map(|s| s.fingerprint)
                .unwrap_or_default();
            let now = crate::timestamp::now();
            let tx = p.conn.transaction()?;
            tx.execute("UPDATE portfolio SET role = 'assessor'", [])?;
            audit::record(
                &tx,
                &now,
                Role::Assessor,
                &name,
                "imported",
                Some(self.version),
                &super::short_fingerprint(&fingerprint),
            )?;
            tx.commit()?;
            p.close()?;
        }
        self.copy.persist(dest)?;
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

/// Copies the assessor's own records from their existing copy `previous`
/// into the new copy `p` of the same portfolio.
fn carry_assessor_work(p: &mut Portfolio, previous: &Path) -> Result<()> {
    {
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
        let new = p.submissions()?;
        for s in prev.submissions()? {
            match new.iter().find(|n| n.version == s.version) {
                Some(n) if n.fingerprint == s.fingerprint => {}
                _ => {
                    return Err(Error::new(
                        ErrorCode::Damaged,
                        format!(
                            "Submission version {} in this file is not the one already received (fingerprint {}).",
                            s.version,
                            super::short_fingerprint(&s.fingerprint)
                        ),
                    ))
                }
            }
        }
        prev.close()?;
    }
    merge_assessor_records(p, previous)
}

/// Replaces `p`'s judgements, feedback and sign-offs with those in the
/// (already checked) file `from`, and adds `from`'s audit entries it lacks.
pub(crate) fn merge_assessor_records(p: &mut Portfolio, from: &Path) -> Result<()> {
    let from = from.to_str().ok_or_else(|| {
        Error::invalid_input(format!("The path {} is not valid text.", from.display()))
    })?;
    p.conn.execute("ATTACH DATABASE ?1 AS other", [from])?;
    let merged = (|| -> Result<()> {
        let tx = p.conn.transaction()?;
        tx.execute_batch(
            "DELETE FROM main.judgement; DELETE FROM main.overall_feedback; DELETE FROM main.signoff;
             INSERT INTO main.judgement (version, item_id, outcome, feedback, assessor_name, judged_at)
                 SELECT version, item_id, outcome, feedback, assessor_name, judged_at FROM other.judgement;
             INSERT INTO main.overall_feedback (version, feedback, assessor_name, updated_at)
                 SELECT version, feedback, assessor_name, updated_at FROM other.overall_feedback;
             INSERT INTO main.signoff (version, assessor_name, signed_on, signed_at, declaration, fingerprint)
                 SELECT version, assessor_name, signed_on, signed_at, declaration, fingerprint FROM other.signoff;
             INSERT OR IGNORE INTO main.audit (uid, at, role, name, event, version, detail)
                 SELECT uid, at, role, name, event, version, detail FROM other.audit ORDER BY seq;",
        )?;
        tx.commit()?;
        Ok(())
    })();
    let detached = p.conn.execute("DETACH DATABASE other", []);
    merged?;
    detached?;
    Ok(())
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
    fn ensure_assessor_copy(&self) -> Result<()> {
        match self.role()? {
            Role::Assessor => Ok(()),
            Role::Learner => Err(Error::new(
                ErrorCode::ReadOnly,
                "Only an assessor's copy can be judged or signed off: open the learner's submission first.",
            )),
        }
    }

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
        self.ensure_assessor_copy()?;
        let version = self.latest_version()?;
        let item_id = self.standard().require_item(item)?.1.id.clone();
        let feedback = multi_line(feedback, "feedback", MAX_FEEDBACK_CHARS)?;
        let name = self.assessor_name_or_default(assessor_name)?;
        let now = crate::timestamp::now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO judgement (version, item_id, outcome, feedback, assessor_name, judged_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (version, item_id) DO UPDATE SET outcome = excluded.outcome, feedback = excluded.feedback,
                 assessor_name = excluded.assessor_name, judged_at = excluded.judged_at",
            (version, &item_id, outcome.key(), &feedback, &name, &now),
        )?;
        audit::record(
            &tx,
            &now,
            Role::Assessor,
            &name,
            "judged",
            Some(version),
            &format!("{item_id}: {}", outcome.label()),
        )?;
        tx.commit()?;
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
        self.ensure_assessor_copy()?;
        let version = self.latest_version()?;
        let feedback = multi_line(feedback, "overall feedback", MAX_FEEDBACK_CHARS)?;
        let name = self.assessor_name_or_default(assessor_name)?;
        let now = crate::timestamp::now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO overall_feedback (version, feedback, assessor_name, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (version) DO UPDATE SET feedback = excluded.feedback, assessor_name = excluded.assessor_name,
                 updated_at = excluded.updated_at",
            (version, &feedback, &name, &now),
        )?;
        audit::record(
            &tx,
            &now,
            Role::Assessor,
            &name,
            "feedback",
            Some(version),
            "",
        )?;
        tx.commit()?;
        Ok(OverallFeedback {
            version,
            feedback,
            assessor_name: name,
            updated_at: now,
        })
    }

    /// The assessor's declaration and sign-off of the latest submission, bound
    /// to its fingerprint. Every item must have a judgement first.
    pub fn sign_off(&mut self, assessor_name: &str, signed_on: &str) -> Result<SignOff> {
        self.ensure_assessor_copy()?;
        let submission = self
            .latest_submission()?
            .ok_or_else(|| Error::invalid_input("There is no submission to sign off."))?;
        let name = single_line(assessor_name, "assessor's name", 200)?;
        if name.is_empty() {
            return Err(Error::invalid_input(
                "Type your name to sign the assessor's declaration.",
            ));
        }
        let date = crate::timestamp::parse_date(signed_on, "date of the sign-off")?.to_string();
        let judged: Vec<String> = self
            .judgements(None)?
            .into_iter()
            .map(|j| j.item_id)
            .collect();
        let missing: Vec<String> = self
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
        let report = self.verify()?;
        if let Some(problem) = report.problems.first() {
            return Err(Error::new(
                ErrorCode::Damaged,
                format!("This copy has been altered: {problem}"),
            ));
        }
        let declaration = assessor_declaration(self.standard());
        let now = crate::timestamp::now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO signoff (version, assessor_name, signed_on, signed_at, declaration, fingerprint)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (version) DO UPDATE SET assessor_name = excluded.assessor_name, signed_on = excluded.signed_on,
                 signed_at = excluded.signed_at, declaration = excluded.declaration, fingerprint = excluded.fingerprint",
            (submission.version, &name, &date, &now, &declaration, &submission.fingerprint),
        )?;
        audit::record(
            &tx,
            &now,
            Role::Assessor,
            &name,
            "signed_off",
            Some(submission.version),
            &super::short_fingerprint(&submission.fingerprint),
        )?;
        tx.commit()?;
        Ok(self.latest_sign_off()?.expect("the sign-off just recorded"))
    }

    /// Writes the assessor's copy, with the judgements, to `dest` for the learner.
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
        self.ensure_assessor_copy()?;
        let version = self.latest_version()?;
        let name = self.assessor_name_or_default(assessor_name)?;
        let now = crate::timestamp::now();
        let tx = self.conn.transaction()?;
        audit::record(
            &tx,
            &now,
            Role::Assessor,
            &name,
            "returned",
            Some(version),
            "",
        )?;
        tx.commit()?;
        self.save_exchange_file(dest, lock)
    }
}
