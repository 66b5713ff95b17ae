//! Exchange commands: `submit` (learner), `open-submission`, `judge`,
//! `feedback`, `signoff`, `return` (assessor), `receive` (learner), `verify`,
//! `assessment` (judgements, changes and the IQA's record) and `audit` (the audit trail).
//! `--passphrase-file FILE` locks the file `submit` and `return` write, and
//! unlocks a locked file for `open-submission`, `receive` and `verify`.

use partnership_portfolio::exchange::{self, JudgementOutcome, Passphrase, Role};
use partnership_portfolio::{Error, ErrorCode, Portfolio, Result};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The passphrase in `--passphrase-file`, if given.
pub(super) fn passphrase(file: &Option<PathBuf>) -> Result<Option<Passphrase>> {
    file.as_deref().map(Passphrase::from_file).transpose()
}

/// The passphrase in `--passphrase-file` to lock a file with (long enough).
pub(super) fn locking_passphrase(file: &Option<PathBuf>) -> Result<Option<Passphrase>> {
    file.as_deref()
        .map(Passphrase::from_file_for_locking)
        .transpose()
}

/// A locked file met without a passphrase: say how to give one.
pub(super) fn with_hint(err: Error) -> Error {
    if err.code == ErrorCode::PassphraseNeeded {
        Error::new(
            err.code,
            format!("{} Give it with --passphrase-file FILE.", err.message),
        )
    } else {
        err
    }
}

/// What a locked file's name may still tell: the lock hides the content,
/// not the name it is sent under.
fn name_note(out: &Path, learner: &str) -> String {
    let file = out
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let leaks = learner
        .split_whitespace()
        .any(|part| part.chars().count() > 2 && file.contains(&part.to_lowercase()));
    if leaks {
        "Note: the lock hides the content, not the file's name, and this name contains the learner's name.\n".into()
    } else {
        String::new()
    }
}

fn today() -> String {
    jiff::Zoned::now().date().to_string()
}

#[derive(clap::Args)]
pub struct SubmitArgs {
    /// The learner's portfolio.
    file: PathBuf,
    /// Your name, confirming the declaration of authenticity.
    #[arg(long, value_name = "NAME")]
    declare: String,
    /// Date of the declaration (default: today), YYYY-MM-DD.
    #[arg(long)]
    date: Option<String>,
    /// Where to write the file to send to the assessor.
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    out: PathBuf,
    /// Lock the file with the passphrase in FILE (tell it to your assessor
    /// another way than the email that carries the file).
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

pub fn submit(a: SubmitArgs) -> Result<()> {
    let lock = locking_passphrase(&a.passphrase_file)?;
    let mut p = Portfolio::open(&a.file)?;
    let s = p.submit(&a.declare, &a.date.unwrap_or_else(today))?;
    let size = p.save_exchange_file(&a.out, lock.as_ref())?;
    let learner = p.profile()?.full_name;
    p.close()?;
    let mut t = format!(
        "Submitted version {} (fingerprint {}); wrote {} ({} bytes{}) for your assessor.\n",
        s.version,
        exchange::short_fingerprint(&s.fingerprint),
        a.out.display(),
        size,
        if lock.is_some() { ", locked" } else { "" }
    );
    if lock.is_some() {
        t.push_str(&name_note(&a.out, &learner));
    }
    super::out(&t)
}

#[derive(clap::Args)]
pub struct OpenSubmissionArgs {
    /// The file the learner sent.
    incoming: PathBuf,
    /// The assessor's working copy to make (or update, for a resubmission).
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    out: PathBuf,
    /// Your name (default: the assessor named in the learner's profile).
    #[arg(long)]
    assessor: Option<String>,
    /// The passphrase in FILE unlocks a locked file.
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

pub fn open_submission(a: OpenSubmissionArgs) -> Result<()> {
    let pass = passphrase(&a.passphrase_file)?;
    let p = exchange::open_submission_with(
        &a.incoming,
        pass.as_ref(),
        &a.out,
        a.assessor.as_deref().unwrap_or(""),
    )
    .map_err(with_hint)?;
    let s = p
        .latest_submission()?
        .ok_or_else(|| Error::internal("no submission after import"))?;
    let changes = p.changes_since_last_judged()?;
    let learner = p.profile()?.full_name;
    p.close()?;
    let mut t = format!(
        "Opened {learner}'s submission version {} (fingerprint {}) as {}.\n",
        s.version,
        exchange::short_fingerprint(&s.fingerprint),
        a.out.display()
    );
    if let Some(c) = changes {
        let _ = writeln!(
            t,
            "Since version {}: items changed: {}; evidence added: {}; removed: {}; changed: {}.",
            c.from_version,
            list(&c.items_changed),
            list(&c.evidence_added),
            list(&c.evidence_removed),
            list(&c.evidence_changed)
        );
    }
    super::out(&t)
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "none".into()
    } else {
        v.join(", ")
    }
}

#[derive(clap::Args)]
pub struct JudgeArgs {
    file: PathBuf,
    item: String,
    /// The item is met.
    #[arg(long, conflicts_with = "not_yet", required_unless_present = "not_yet")]
    met: bool,
    /// The item is not yet met.
    #[arg(long)]
    not_yet: bool,
    #[arg(long, default_value = "")]
    feedback: String,
    /// Your name (default: the assessor named in the learner's profile).
    #[arg(long)]
    assessor: Option<String>,
}

pub fn judge(a: JudgeArgs) -> Result<()> {
    let outcome = if a.met {
        JudgementOutcome::Met
    } else {
        JudgementOutcome::NotYetMet
    };
    let mut p = Portfolio::open(&a.file)?;
    let j = p.judge(&a.item, outcome, &a.feedback, a.assessor.as_deref())?;
    p.close()?;
    super::out(&format!(
        "{}: {} (submission version {}).\n",
        j.item_id,
        j.outcome.label(),
        j.version
    ))
}

#[derive(clap::Args)]
pub struct FeedbackArgs {
    file: PathBuf,
    /// Overall feedback on the latest submission.
    text: String,
    #[arg(long)]
    assessor: Option<String>,
}

pub fn feedback(a: FeedbackArgs) -> Result<()> {
    let mut p = Portfolio::open(&a.file)?;
    let f = p.set_overall_feedback(&a.text, a.assessor.as_deref())?;
    p.close()?;
    super::out(&format!(
        "Overall feedback on version {} saved.\n",
        f.version
    ))
}

#[derive(clap::Args)]
pub struct SignOffArgs {
    file: PathBuf,
    /// Your name, signing the assessor's declaration.
    #[arg(long, value_name = "NAME")]
    assessor: String,
    /// Date of the sign-off (default: today), YYYY-MM-DD.
    #[arg(long)]
    date: Option<String>,
}

pub fn signoff(a: SignOffArgs) -> Result<()> {
    let mut p = Portfolio::open(&a.file)?;
    let s = p.sign_off(&a.assessor, &a.date.unwrap_or_else(today))?;
    p.close()?;
    super::out(&format!(
        "Signed off submission version {} (fingerprint {}) as {} on {}.\n",
        s.version,
        exchange::short_fingerprint(&s.fingerprint),
        s.assessor_name,
        s.signed_on
    ))
}

#[derive(clap::Args)]
pub struct ReturnArgs {
    file: PathBuf,
    /// Where to write the file to send back to the learner.
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    out: PathBuf,
    #[arg(long)]
    assessor: Option<String>,
    /// Lock the file with the passphrase in FILE (tell it to the learner
    /// another way than the email that carries the file).
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

pub fn return_to_learner(a: ReturnArgs) -> Result<()> {
    let lock = locking_passphrase(&a.passphrase_file)?;
    let mut p = Portfolio::open(&a.file)?;
    let size = p.return_to_learner_with(&a.out, a.assessor.as_deref(), lock.as_ref())?;
    let learner = p.profile()?.full_name;
    let latest = p.latest_submission()?.map(|s| s.version);
    let assessment = latest.map(|v| p.assessment_fingerprint(v)).transpose()?;
    p.close()?;
    let mut t = format!(
        "Wrote {} ({size} bytes{}) for the learner.\n",
        a.out.display(),
        if lock.is_some() { ", locked" } else { "" }
    );
    if let (Some(v), Some(fp)) = (latest, assessment) {
        let _ = writeln!(
            t,
            "Assessment of version {v} sealed as {} (the learner sees the same fingerprint when they receive it).",
            exchange::short_fingerprint(&fp)
        );
    }
    if lock.is_some() {
        t.push_str(&name_note(&a.out, &learner));
    }
    super::out(&t)
}

#[derive(clap::Args)]
pub struct ReceiveArgs {
    /// The learner's own portfolio.
    file: PathBuf,
    /// The file the assessor sent back.
    incoming: PathBuf,
    /// The passphrase in FILE unlocks a locked file.
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

pub fn receive(a: ReceiveArgs) -> Result<()> {
    let pass = passphrase(&a.passphrase_file)?;
    let mut p = Portfolio::open(&a.file)?;
    let r = match pass {
        Some(pass) if exchange::is_locked(&a.incoming)? => p.receive_locked(&a.incoming, &pass),
        _ => p.receive(&a.incoming),
    }
    .map_err(with_hint)?;
    p.close()?;
    let mut t = format!(
        "Received the assessment of version {}: {} met, {} not yet met{}.\n",
        r.version
            .map(|v| v.to_string())
            .unwrap_or_else(|| "–".into()),
        r.met,
        r.not_yet_met,
        if r.signed_off { ", signed off" } else { "" }
    );
    if let Some(a) = &r.assessment {
        let _ = writeln!(
            t,
            "Assessment fingerprint {} (your assessor's copy names the same one).",
            exchange::short_fingerprint(a)
        );
    }
    if !r.changed_since_assessed.is_empty() {
        let _ = writeln!(
            t,
            "Changed since assessed: {}.",
            r.changed_since_assessed.join(", ")
        );
    }
    super::out(&t)
}

#[derive(clap::Args)]
pub struct VerifyArgs {
    file: PathBuf,
    #[arg(long)]
    json: bool,
    /// The passphrase in FILE unlocks a locked file (into a private folder
    /// in the app's data folder, removed afterwards).
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

pub fn verify(a: VerifyArgs) -> Result<()> {
    let pass = passphrase(&a.passphrase_file)?;
    let unlocked = match pass {
        Some(pass) if exchange::is_locked(&a.file)? => Some(exchange::lock::unlock(
            &a.file,
            &pass,
            &exchange::lock::app_data_dir()?,
        )?),
        _ => None,
    };
    let file = unlocked.as_ref().map_or(a.file.as_path(), |u| u.path());
    let shown = |e: Error| match &unlocked {
        Some(u) => u.shown(e),
        None => with_hint(e),
    };
    let p = Portfolio::open(file).map_err(shown)?;
    let report = p.verify().map_err(shown)?;
    p.close()?;
    drop(unlocked);
    if a.json {
        super::out_json(&report)?;
    } else {
        let mut t = String::new();
        for problem in &report.problems {
            let _ = writeln!(t, "✗ {problem}");
        }
        if let Some(c) = &report.changed_since_submitted {
            let _ = writeln!(
                t,
                "ℹ Changed since version {} was submitted (your work since then, not a problem): {}.",
                c.version,
                c.changed.join(", ")
            );
        }
        for fact in &report.confirmed {
            let _ = writeln!(t, "✓ {fact}");
        }
        let _ = writeln!(
            t,
            "Checked {} submission(s), {} part(s), {} seal(s), {} stored file(s).",
            report.submissions, report.parts, report.seals, report.files
        );
        super::out(&t)?;
    }
    match report.problems.len() {
        0 => Ok(()),
        n => Err(Error::new(
            ErrorCode::Damaged,
            format!("{n} problem(s) found: the file does not match its fingerprints."),
        )),
    }
}

#[derive(clap::Args)]
pub struct AssessmentArgs {
    file: PathBuf,
    #[arg(long)]
    json: bool,
}

pub fn assessment(a: AssessmentArgs) -> Result<()> {
    let p = Portfolio::open(&a.file)?;
    let data = p.assessment_view()?;
    p.close()?;
    if a.json {
        return super::out_json(&data);
    }
    let mut t = String::new();
    for s in &data.submissions {
        let _ = writeln!(
            t,
            "Version {}: submitted {} by {} (fingerprint {})",
            s.version,
            s.declared_on,
            s.declared_name,
            exchange::short_fingerprint(&s.fingerprint)
        );
    }
    for j in &data.judgements {
        let changed = if data.changed_since_assessed.contains(&j.item_id) {
            "  [changed since assessed]"
        } else {
            ""
        };
        let _ = writeln!(
            t,
            "{:>4}  {:<12} v{}  {}{changed}",
            j.item_id,
            j.outcome.label(),
            j.version,
            j.feedback.replace('\n', " ")
        );
        for r in data
            .feedback_threads
            .iter()
            .filter(|e| e.item_id == j.item_id && e.author == Role::Learner)
        {
            let _ = writeln!(
                t,
                "        reply on v{} by {} ({}): {}",
                r.version,
                r.name,
                r.at.get(..10).unwrap_or(&r.at),
                r.text.replace('\n', " ")
            );
        }
    }
    for f in &data.overall_feedback {
        let _ = writeln!(
            t,
            "Overall feedback on version {}: {}",
            f.version, f.feedback
        );
    }
    for s in &data.sign_offs {
        let _ = writeln!(
            t,
            "Signed off version {} by {} on {}",
            s.version, s.assessor_name, s.signed_on
        );
    }
    for s in &data.iqa.samples {
        let _ = writeln!(
            t,
            "IQA sample of {} on version {}: {} ({}){}",
            s.item_id,
            s.version,
            if s.agrees { "agrees" } else { "disagrees" },
            s.outcome.label(),
            if s.feedback.is_empty() {
                String::new()
            } else {
                format!(": {}", s.feedback.replace('\n', " "))
            }
        );
    }
    for d in &data.iqa.decisions {
        let _ = writeln!(
            t,
            "IQA decision on version {}: {} by {} on {}{}",
            d.version,
            d.decision.label(),
            d.iqa_name,
            d.signed_on,
            if d.action.is_empty() {
                String::new()
            } else {
                format!(": {}", d.action.replace('\n', " "))
            }
        );
    }
    super::out(&t)
}

#[derive(clap::Args)]
pub struct AuditArgs {
    file: PathBuf,
    #[arg(long)]
    json: bool,
}

pub fn audit(a: AuditArgs) -> Result<()> {
    let p = Portfolio::open(&a.file)?;
    let trail = p.audit_trail()?;
    p.close()?;
    if a.json {
        return super::out_json(&trail);
    }
    let lines: Vec<String> = trail
        .iter()
        .map(|e| format!("{}  {}\n", e.at, e.describe()))
        .collect();
    super::out(&lines.concat())
}
