//! The internal quality assurer (IQA), the third role in the exchange.
//!
//! After signing off, the assessor sends the portfolio to the IQA as an
//! exchange file ([`Portfolio::send_to_iqa`]). The IQA opens it through the
//! same untrusted-file gate into an IQA copy ([`open_for_iqa`]), in which
//! neither the learner's nor the assessor's content can be changed
//! (`storage::Role::refusal`). The IQA samples judgements of the signed-off
//! version ([`Portfolio::iqa_sample`]: agree or not, with feedback to the
//! assessor; each sample keeps the SHA-256 of the judgement as the
//! assessor's app sealed it), records an overall decision and signs it,
//! bound to the fingerprint of what they sampled ([`Portfolio::iqa_decide`],
//! a sign-off like the assessor's: `storage::owners::PARTIES`), and returns
//! the file ([`Portfolio::iqa_return`]). The assessor's copy takes the IQA's
//! record in ([`Portfolio::receive_iqa`]), refusing one whose IQA rows do
//! not match the IQA's seal and sign-off or whose learner or assessor
//! content differs from the copy's; the record stays there as history when
//! the assessor re-judges, and the learner receives it with the assessor's
//! next return (`exchange::receive`).

use crate::error::{Error, ErrorCode, Result};
use crate::exchange::assessor::MAX_FEEDBACK_CHARS;
use crate::exchange::{short_fingerprint, untrusted, AuditEvent, JudgementOutcome, Passphrase};
use crate::fingerprint::differences;
use crate::storage::{self, seal, Portfolio, Role};
use crate::stored::stored_enum;
use crate::text::{multi_line, required_line, single_line};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use ts_rs::TS;

/// The IQA's name when they have not given one.
const DEFAULT_IQA_NAME: &str = "Internal quality assurer";

stored_enum! {
    /// The IQA's overall decision on the assessment decisions they sampled.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
    #[ts(export)]
    pub enum IqaDecision as "IQA decision" {
        /// Assessment decisions confirmed.
        Confirmed = "confirmed",
        /// Action required of the assessor (what action: `IqaSignOff::action`).
        ActionRequired = "action_required",
    }
}

impl IqaDecision {
    pub fn label(self) -> &'static str {
        match self {
            Self::Confirmed => "Assessment decisions confirmed",
            Self::ActionRequired => "Action required",
        }
    }
}

stored_enum! {
    /// Whether the IQA agrees with a judgement they sampled (as stored).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    pub enum IqaVerdict as "IQA verdict" {
        Agrees = "agrees",
        Disagrees = "disagrees",
    }
}

/// The IQA's sample of one judgement in the signed-off assessment of `version`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IqaSample {
    pub version: u32,
    pub item_id: String,
    /// The assessor's outcome the IQA sampled.
    pub outcome: JudgementOutcome,
    /// The SHA-256 of the assessor's judgement as sealed when sampled (the
    /// item's latest judgement in the assessment of `version`).
    pub judgement: String,
    pub agrees: bool,
    /// The IQA's feedback to the assessor.
    pub feedback: String,
    pub iqa_name: String,
    pub sampled_at: String,
}

/// The IQA's decision on a version and their sign-off of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IqaSignOff {
    pub version: u32,
    pub decision: IqaDecision,
    /// What action the assessor must take (empty when confirmed).
    pub action: String,
    pub iqa_name: String,
    pub signed_on: String,
    pub signed_at: String,
    /// The fingerprint of what was sampled (the samples of every version up
    /// to this one, with those versions' fingerprints).
    pub sampled: String,
}

/// Everything the IQA has recorded in this file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IqaRecord {
    /// Oldest version first, items in the standard's order.
    pub samples: Vec<IqaSample>,
    /// Oldest version first.
    pub decisions: Vec<IqaSignOff>,
}

impl IqaRecord {
    /// The latest decision, if any.
    pub fn latest(&self) -> Option<&IqaSignOff> {
        self.decisions.last()
    }

    /// The samples of `version`.
    pub fn samples_of(&self, version: u32) -> impl Iterator<Item = &IqaSample> {
        self.samples.iter().filter(move |s| s.version == version)
    }
}

/// What the assessor's copy took in from the IQA's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IqaReceived {
    pub decision: IqaSignOff,
    pub agreed: u32,
    /// The items whose judgement the IQA disagreed with.
    pub disagreed: Vec<String>,
}

/// Opens the assessor's file sent for quality assurance (`incoming`,
/// untrusted) through the gate as the IQA's copy at `dest`: the file must
/// be an assessor's sent to the IQA, unaltered, with its latest submission
/// signed off. If `dest` is already the IQA's copy of the same portfolio
/// (the assessor re-judged and sent it again), it is brought up to date
/// and the IQA's record in it is kept; an older sending, or the one it
/// already holds, is refused. `dest` is replaced only when everything has
/// succeeded.
pub fn open_for_iqa(incoming: &Path, dest: &Path, iqa_name: &str) -> Result<Portfolio> {
    open_for_iqa_with(incoming, None, dest, iqa_name)
}

/// As [`open_for_iqa`], for a file that may be locked with `passphrase`.
pub fn open_for_iqa_with(
    incoming: &Path,
    passphrase: Option<&Passphrase>,
    dest: &Path,
    iqa_name: &str,
) -> Result<Portfolio> {
    let started = std::time::Instant::now();
    let opened = open_checked(incoming, passphrase, dest, iqa_name);
    match &opened {
        Ok(_) => tracing::info!(
            file = %crate::logs::file_id(dest),
            ms = crate::logs::millis(started),
            "opened a file for internal quality assurance"
        ),
        Err(e) => tracing::warn!(code = ?e.code, "refused a file for internal quality assurance"),
    }
    opened
}

fn open_checked(
    incoming: &Path,
    passphrase: Option<&Passphrase>,
    dest: &Path,
    iqa_name: &str,
) -> Result<Portfolio> {
    let name = single_line(iqa_name, "IQA's name", 200)?;
    let copy = untrusted::take_in_with(incoming, passphrase, &storage::folder_of(dest))?;
    {
        let mut p = Portfolio::open(copy.path())?;
        if p.role()? != Role::Assessor || !sent_to_iqa(&p)? {
            return Err(Error::invalid_input(format!(
                "{} is not an assessor's file sent for quality assurance (it is {}).",
                incoming.display(),
                what_file(&p)?
            )));
        }
        p.refuse_if_altered(incoming, ", so it was not opened")?;
        let version = p.signed_off_version().map_err(|_| {
            Error::invalid_input(format!(
                "{} is not signed off by the assessor: the IQA samples signed-off assessments.",
                incoming.display()
            ))
        })?;
        let previous = if dest.exists() {
            check_previous_iqa_copy(&p, dest, incoming)?;
            Some(dest)
        } else {
            None
        };
        let name = match (name.is_empty(), previous) {
            (false, _) => name,
            (true, Some(prev)) => Portfolio::open(prev)?.iqa_name()?,
            (true, None) => DEFAULT_IQA_NAME.to_string(),
        };
        let assessment = p.assessment_fingerprint(version)?;
        p.with_attached(previous, |p| {
            p.adopt(Role::Iqa, |w| {
                if previous.is_some() {
                    // The IQA's own record so far, kept: the copy is brought
                    // up to date with the assessor's new sending.
                    seal::take_records_from_other(w.tx(), Role::Iqa)?;
                }
                w.audit(
                    AuditEvent::IqaOpened,
                    &name,
                    Some(version),
                    &format!("assessment {}", short_fingerprint(&assessment)),
                )
            })
        })?;
        p.close()?;
    }
    copy.persist(dest)?;
    Portfolio::open(dest)
}

/// Whether the assessor's file was last sent to the IQA (rather than back
/// to the learner).
pub(crate) fn sent_to_iqa(p: &Portfolio) -> Result<bool> {
    let trail = p.audit_trail()?;
    Ok(crate::exchange::audit::last_sending(&trail)
        .is_some_and(|e| e.event == AuditEvent::SentToIqa))
}

/// What kind of file `p` is, for messages.
fn what_file(p: &Portfolio) -> Result<&'static str> {
    Ok(match p.role()? {
        Role::Assessor if p.is_sent_copy()? => "an assessment the assessor returned to the learner",
        Role::Learner if p.is_sent_copy()? => {
            "a learner's submission, which goes to their assessor"
        }
        role => copy_of(role),
    })
}

/// The IQA copy at `previous` may be brought up to date with `p` (the
/// assessor's new sending, checked) only when it is the IQA's copy of the
/// same portfolio, unaltered, and `p` carries on from what it holds: every
/// learner's and assessor's event in it is in `p`, and `p` has more.
fn check_previous_iqa_copy(p: &Portfolio, previous: &Path, incoming: &Path) -> Result<()> {
    let prev = Portfolio::open(previous)?;
    if prev.role()? != Role::Iqa || prev.info()?.uid != p.info()?.uid {
        return Err(Error::new(
            ErrorCode::AlreadyExists,
            format!(
                "{} already exists and is not your IQA copy of this portfolio; choose another name for the IQA copy.",
                previous.display()
            ),
        ));
    }
    let report = prev.verify()?;
    if !report.ok() {
        return Err(Error::new(
            ErrorCode::Damaged,
            format!(
                "Your IQA copy {} has been altered outside the app, so your record cannot be carried over: {}",
                previous.display(),
                report.problems.join(" ")
            ),
        ));
    }
    let theirs = p.audit_trail()?;
    let held: Vec<_> = prev
        .audit_trail()?
        .into_iter()
        .filter(|e| e.role != Role::Iqa)
        .collect();
    if held.iter().any(|e| !theirs.contains(e)) {
        return Err(Error::invalid_input(format!(
            "{} is an older sending of this portfolio than your IQA copy {} holds, so it was not opened.",
            incoming.display(),
            previous.display()
        )));
    }
    if theirs.iter().filter(|e| e.role != Role::Iqa).count() == held.len() {
        return Err(Error::invalid_input(format!(
            "Your IQA copy {} already holds this sending of the portfolio: there is nothing new in {}.",
            previous.display(),
            incoming.display()
        )));
    }
    prev.close()
}

/// "a learner's portfolio", for messages.
fn copy_of(role: Role) -> &'static str {
    match role {
        Role::Learner => "a learner's portfolio",
        Role::Assessor => "an assessor's copy",
        Role::Iqa => "an internal quality assurer's copy",
    }
}

impl Portfolio {
    /// Everything the IQA has recorded in this file.
    pub fn iqa_record(&self) -> Result<IqaRecord> {
        let mut stmt = self.conn.prepare(
            "SELECT s.version, s.item_id, s.outcome, s.judgement, s.verdict, s.feedback, s.iqa_name, s.sampled_at
             FROM iqa_sample s JOIN standard_item i ON i.id = s.item_id ORDER BY s.version, i.position",
        )?;
        let samples = stmt
            .query_map([], |r| {
                Ok(IqaSample {
                    version: r.get(0)?,
                    item_id: r.get(1)?,
                    outcome: r.get(2)?,
                    judgement: r.get(3)?,
                    agrees: r.get::<_, IqaVerdict>(4)? == IqaVerdict::Agrees,
                    feedback: r.get(5)?,
                    iqa_name: r.get(6)?,
                    sampled_at: crate::stored::instant(r, 7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| self.named(e.into()))?;
        let mut stmt = self.conn.prepare(
            "SELECT version, decision, action, iqa_name, signed_on, signed_at, sampled FROM iqa_signoff ORDER BY version",
        )?;
        let decisions = stmt
            .query_map([], |r| {
                Ok(IqaSignOff {
                    version: r.get(0)?,
                    decision: r.get(1)?,
                    action: r.get(2)?,
                    iqa_name: r.get(3)?,
                    signed_on: crate::stored::date(r, 4)?,
                    signed_at: crate::stored::instant(r, 5)?,
                    sampled: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| self.named(e.into()))?;
        Ok(IqaRecord { samples, decisions })
    }

    /// Whether this assessor's copy is with the IQA: sent to them and their
    /// return not taken in yet.
    pub fn with_iqa(&self) -> Result<bool> {
        Ok(self.role()? == Role::Assessor && sent_to_iqa(self)?)
    }

    /// The fingerprint of what the IQA's decision on `version` signs: their
    /// samples of every version up to it, with those versions' fingerprints.
    pub fn sampled_fingerprint(&self, version: u32) -> Result<String> {
        seal::assessment_fingerprint(&self.conn, Role::Iqa, version)
    }

    /// Each judged item's judgement in force (its latest, made on the
    /// latest version or an earlier one): its outcome and the SHA-256 of the
    /// judgement among the assessor's parts `sealed` (as the rows are now, or
    /// as the assessor's app last sealed them).
    fn judgements_in_force(
        &self,
        sealed: Vec<crate::fingerprint::Part>,
    ) -> Result<HashMap<String, (JudgementOutcome, String)>> {
        let sealed: HashMap<String, String> =
            sealed.into_iter().map(|p| (p.key, p.sha256)).collect();
        let mut in_force = HashMap::new();
        for j in self.judgements(None)? {
            if in_force.contains_key(&j.item_id) {
                continue; // an earlier judgement of an item judged again
            }
            let key = format!("judgement:{}:{}", j.version, j.item_id);
            if let Some(sha) = sealed.get(&key) {
                in_force.insert(j.item_id, (j.outcome, sha.clone()));
            }
        }
        Ok(in_force)
    }

    /// Refuses (before `doing`) when a sample of `version` is of a judgement
    /// no longer in force: the assessor re-judged the item and signed off
    /// again since the IQA sampled it, so the IQA's word on it (and any
    /// decision resting on it) is about an assessment that has changed.
    /// Compared with the assessor's seal, so that a row changed outside the
    /// app is left for `verify` and the assessor's receive to name.
    fn refuse_stale_samples(&self, version: u32, doing: &str) -> Result<()> {
        let sealed = seal::load(&self.conn, Role::Assessor)?
            .map(|s| s.parts)
            .unwrap_or_default();
        let in_force = self.judgements_in_force(sealed)?;
        let stale: Vec<String> = self
            .iqa_record()?
            .samples_of(version)
            .filter(|s| in_force.get(&s.item_id).map(|(_, sha)| sha) != Some(&s.judgement))
            .map(|s| s.item_id.clone())
            .collect();
        if stale.is_empty() {
            return Ok(());
        }
        Err(Error::invalid_input(format!(
            "The assessor has judged {} again since you sampled {}: sample {} again before {doing}.",
            stale.join(", "),
            if stale.len() == 1 { "it" } else { "them" },
            if stale.len() == 1 { "it" } else { "them" },
        )))
    }

    /// The latest submission's version, if the assessor has signed it off.
    fn signed_off_version(&self) -> Result<u32> {
        let latest = self.latest_submission()?.map(|s| s.version);
        match (latest, self.latest_sign_off()?) {
            (Some(v), Some(s)) if s.version == v => Ok(v),
            (Some(v), _) => Err(Error::invalid_input(format!(
                "Sign off version {v} before sending it to the internal quality assurer."
            ))),
            (None, _) => Err(Error::invalid_input("There is no submission to send.")),
        }
    }

    /// The IQA's name as they last gave it in this copy.
    fn iqa_name(&self) -> Result<String> {
        let named: Option<String> = self
            .conn
            .query_row(
                "SELECT name FROM audit WHERE role = 'iqa' ORDER BY at DESC, seq DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(named.unwrap_or_else(|| DEFAULT_IQA_NAME.to_string()))
    }

    /// The assessor writes their signed-off copy to `dest` for the IQA
    /// (locked with `lock` if given).
    pub fn send_to_iqa(&mut self, dest: &Path, lock: Option<&Passphrase>) -> Result<u64> {
        self.write(Role::Assessor, |w| {
            let version = w.signed_off_version()?;
            let sign_off = w
                .latest_sign_off()?
                .ok_or_else(|| Error::internal("the sign-off just found is missing"))?;
            let assessment = seal::assessment_fingerprint(w.tx(), Role::Assessor, version)?;
            w.audit(
                AuditEvent::SentToIqa,
                &sign_off.assessor_name,
                Some(version),
                &format!("assessment {}", short_fingerprint(&assessment)),
            )
        })?;
        self.save_exchange_file(dest, lock)
    }

    /// The IQA records whether they agree with the assessor's judgement of
    /// `item` in the signed-off assessment (its latest judgement), with feedback to the assessor
    /// (required when they disagree). Sampling it again replaces the sample.
    pub fn iqa_sample(&mut self, item: &str, agrees: bool, feedback: &str) -> Result<IqaSample> {
        self.require_role(Role::Iqa)?;
        let (version, item_id) = self.write(Role::Iqa, |w| {
            let version = w.signed_off_version()?;
            let item_id = w.standard().require_item(item)?.1.id.clone();
            let feedback = multi_line(feedback, "feedback", MAX_FEEDBACK_CHARS)?;
            if !agrees && feedback.is_empty() {
                return Err(Error::invalid_input(format!(
                    "Say why you disagree with the judgement of {item_id}: give feedback to the assessor."
                )));
            }
            let assessor_parts = seal::party_parts(w.tx(), Role::Assessor)?;
            let (outcome, judgement) =
                w.judgements_in_force(assessor_parts)?.remove(&item_id).ok_or_else(|| {
                    Error::invalid_input(format!(
                        "The assessor has not judged {item_id} in version {version}'s assessment."
                    ))
                })?;
            let name = w.iqa_name()?;
            let verdict = if agrees {
                IqaVerdict::Agrees
            } else {
                IqaVerdict::Disagrees
            };
            let changed = w.tx().execute(
                "INSERT INTO iqa_sample (version, item_id, outcome, judgement, verdict, feedback, iqa_name, sampled_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (version, item_id) DO UPDATE SET outcome = excluded.outcome, judgement = excluded.judgement,
                     verdict = excluded.verdict, feedback = excluded.feedback, iqa_name = excluded.iqa_name,
                     sampled_at = excluded.sampled_at
                 WHERE verdict IS NOT excluded.verdict OR feedback IS NOT excluded.feedback
                     OR judgement IS NOT excluded.judgement",
                (version, &item_id, outcome, &judgement, verdict, &feedback, &name, w.now()),
            )?;
            if changed > 0 {
                let verdict = if agrees { "agrees" } else { "disagrees" };
                w.audit(
                    AuditEvent::IqaSampled,
                    &name,
                    Some(version),
                    &format!("{item_id}: {verdict}"),
                )?;
            }
            Ok((version, item_id))
        })?;
        self.iqa_record()?
            .samples
            .into_iter()
            .find(|s| s.version == version && s.item_id == item_id)
            .ok_or_else(|| Error::internal("the sample just recorded is missing"))
    }

    /// The IQA's overall decision on the signed-off version and their
    /// sign-off, bound to the fingerprint of what they sampled; `action`
    /// says what the assessor must do when action is required. Changing a
    /// sample later withdraws it.
    pub fn iqa_decide(
        &mut self,
        decision: IqaDecision,
        action: &str,
        iqa_name: &str,
        signed_on: Option<&str>,
    ) -> Result<IqaSignOff> {
        self.require_role(Role::Iqa)?;
        self.write(Role::Iqa, |w| {
            let version = w.signed_off_version()?;
            let name = required_line(
                iqa_name,
                "IQA's name",
                200,
                "Type your name to sign the IQA decision.",
            )?;
            let date = match signed_on.map(str::trim) {
                None | Some("") => crate::timestamp::today().to_string(),
                Some(d) => crate::timestamp::parse_date(d, "date of the IQA decision")?.to_string(),
            };
            let action = multi_line(action, "action required", MAX_FEEDBACK_CHARS)?;
            let record = w.iqa_record()?;
            let samples: Vec<&IqaSample> = record.samples_of(version).collect();
            if samples.is_empty() {
                return Err(Error::invalid_input(format!(
                    "Sample at least one judgement of version {version} before deciding (iqa-sample)."
                )));
            }
            w.refuse_stale_samples(version, "deciding")?;
            let action = match decision {
                IqaDecision::ActionRequired if action.is_empty() => {
                    return Err(Error::invalid_input(
                        "Say what action the assessor must take.",
                    ))
                }
                IqaDecision::ActionRequired => action,
                IqaDecision::Confirmed => {
                    let disagreed: Vec<&str> = samples
                        .iter()
                        .filter(|s| !s.agrees)
                        .map(|s| s.item_id.as_str())
                        .collect();
                    if !disagreed.is_empty() {
                        return Err(Error::invalid_input(format!(
                            "You disagreed with the judgement of {}: record the action required instead, or sample it again.",
                            disagreed.join(", ")
                        )));
                    }
                    String::new()
                }
            };
            let sampled = seal::assessment_fingerprint(w.tx(), Role::Iqa, version)?;
            w.tx().execute(
                "INSERT INTO iqa_signoff (version, decision, action, iqa_name, signed_on, signed_at, sampled)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (version) DO UPDATE SET decision = excluded.decision, action = excluded.action,
                     iqa_name = excluded.iqa_name, signed_on = excluded.signed_on, signed_at = excluded.signed_at,
                     sampled = excluded.sampled",
                (version, decision, &action, &name, &date, w.now(), &sampled),
            )?;
            w.audit(
                AuditEvent::IqaDecided,
                &name,
                Some(version),
                &format!("{}; sampled {}", decision.label(), short_fingerprint(&sampled)),
            )?;
            w.iqa_record()?
                .decisions
                .into_iter()
                .find(|d| d.version == version)
                .ok_or_else(|| Error::internal("the decision just recorded is missing"))
        })
    }

    /// The IQA writes their copy, with their record, to `dest` for the
    /// assessor (locked with `lock` if given). Their decision on the
    /// signed-off version must be recorded first.
    pub fn iqa_return(&mut self, dest: &Path, lock: Option<&Passphrase>) -> Result<u64> {
        self.require_role(Role::Iqa)?;
        self.write(Role::Iqa, |w| {
            let version = w.signed_off_version()?;
            let decision = w
                .iqa_record()?
                .decisions
                .into_iter()
                .find(|d| d.version == version)
                .ok_or_else(|| {
                    Error::invalid_input(format!(
                        "Record your decision on version {version} (iqa-decision) before returning the file."
                    ))
                })?;
            w.refuse_stale_samples(version, "returning the file")?;
            w.audit(
                AuditEvent::IqaReturned,
                &decision.iqa_name,
                Some(version),
                &format!(
                    "{}; sampled {}",
                    decision.decision.label(),
                    short_fingerprint(&decision.sampled)
                ),
            )
        })?;
        self.save_exchange_file(dest, lock)
    }

    /// The assessor's copy takes in the IQA's record from the IQA's file
    /// `incoming` (untrusted): only the IQA's rows, only when they are
    /// exactly what the IQA's app sealed and signed, and only when the
    /// file's learner and assessor content is this copy's.
    pub fn receive_iqa(&mut self, incoming: &Path) -> Result<IqaReceived> {
        self.receive_iqa_with(incoming, None)
    }

    /// As [`Portfolio::receive_iqa`], for a file that may be locked with
    /// `passphrase`.
    pub fn receive_iqa_with(
        &mut self,
        incoming: &Path,
        passphrase: Option<&Passphrase>,
    ) -> Result<IqaReceived> {
        let received = self.take_iqa_record(incoming, passphrase);
        if let Err(e) = &received {
            tracing::warn!(code = ?e.code, "refused an IQA record");
        }
        received
    }

    fn take_iqa_record(
        &mut self,
        incoming: &Path,
        passphrase: Option<&Passphrase>,
    ) -> Result<IqaReceived> {
        self.require_role(Role::Assessor)?;
        let dir = storage::folder_of(self.path());
        let copy = untrusted::take_in_with(incoming, passphrase, &dir)?;
        let decision = {
            let theirs = Portfolio::open(copy.path())?;
            if theirs.role()? != Role::Iqa {
                return Err(Error::invalid_input(format!(
                    "{} is not an internal quality assurer's file (it is {}).",
                    incoming.display(),
                    copy_of(theirs.role()?)
                )));
            }
            if theirs.info()?.uid != self.info()?.uid {
                return Err(Error::invalid_input(format!(
                    "{} is the IQA record of another portfolio (\"{}\").",
                    incoming.display(),
                    theirs.info()?.title
                )));
            }
            theirs.refuse_if_altered(incoming, ", so nothing of it was taken in")?;
            let decision = theirs.iqa_record()?.latest().cloned().ok_or_else(|| {
                Error::invalid_input(format!("{} holds no IQA decision yet.", incoming.display()))
            })?;
            self.check_same_content(&theirs, incoming)?;
            theirs.close()?;
            decision
        };
        self.with_attached(Some(copy.path()), |p| {
            p.write(Role::Assessor, |w| {
                seal::take_records_from_other(w.tx(), Role::Iqa)?;
                let name = w
                    .latest_sign_off()?
                    .map(|s| s.assessor_name)
                    .unwrap_or_default();
                w.audit(
                    AuditEvent::IqaReceived,
                    &name,
                    Some(decision.version),
                    &format!(
                        "{}; sampled {}",
                        decision.decision.label(),
                        short_fingerprint(&decision.sampled)
                    ),
                )
            })
        })?;
        drop(copy);
        let record = self.iqa_record()?;
        let samples: Vec<&IqaSample> = record.samples_of(decision.version).collect();
        Ok(IqaReceived {
            agreed: samples.iter().filter(|s| s.agrees).count() as u32,
            disagreed: samples
                .iter()
                .filter(|s| !s.agrees)
                .map(|s| s.item_id.clone())
                .collect(),
            decision,
        })
    }

    /// Refuses an IQA file whose learner or assessor content is not this
    /// copy's (apart from the assessor's audit entries since they sent it),
    /// naming what differs.
    fn check_same_content(&self, theirs: &Portfolio, incoming: &Path) -> Result<()> {
        let mut differs = Vec::new();
        for party in [Role::Learner, Role::Assessor] {
            let ours = seal::party_parts(&self.conn, party)?;
            let other = seal::party_parts(&theirs.conn, party)?;
            for d in differences(&ours, &other) {
                if !d.key().starts_with("audit:") {
                    differs.push(seal::describe(&d));
                }
            }
        }
        if differs.is_empty() {
            return Ok(());
        }
        Err(Error::new(
            ErrorCode::Damaged,
            format!(
                "{} holds other learner or assessor content than this copy, so nothing of it was taken in: {}.",
                incoming.display(),
                differs.join("; ")
            ),
        ))
    }
}
