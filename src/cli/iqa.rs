//! The internal quality assurer's commands: `send-to-iqa` and `receive-iqa`
//! (assessor), `iqa-open`, `iqa-sample`, `iqa-decision` and `iqa-return`
//! (IQA). The IQA's record is shown by `assessment` (and its `--json`).
//! `--passphrase-file FILE` locks the file `send-to-iqa` and `iqa-return`
//! write, and unlocks a locked one for `iqa-open` and `receive-iqa`.

use super::exchange::{locking_passphrase, passphrase, with_hint};
use partnership_portfolio::exchange::short_fingerprint;
use partnership_portfolio::iqa::{self, IqaDecision};
use partnership_portfolio::{Portfolio, Result};
use std::fmt::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct SendToIqaArgs {
    /// The assessor's copy, signed off.
    file: PathBuf,
    /// Where to write the file for the internal quality assurer.
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    out: PathBuf,
    /// Lock the file with the passphrase in FILE (tell it to the receiver
    /// another way than the email that carries the file).
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

pub fn send_to_iqa(a: SendToIqaArgs) -> Result<()> {
    let lock = locking_passphrase(&a.passphrase_file)?;
    let mut p = Portfolio::open(&a.file)?;
    let size = p.send_to_iqa(&a.out, lock.as_ref())?;
    let so = p.latest_sign_off()?;
    p.close()?;
    let mut t = format!(
        "Wrote {} ({size} bytes) for the internal quality assurer.\n",
        a.out.display()
    );
    if let Some(so) = so {
        let _ = writeln!(
            t,
            "Version {} as signed off by {} on {}.",
            so.version, so.assessor_name, so.signed_on
        );
    }
    super::out(&t)
}

#[derive(clap::Args)]
pub struct IqaOpenArgs {
    /// The file the assessor sent for quality assurance.
    incoming: PathBuf,
    /// Your IQA copy: a new file, or your IQA copy of this portfolio from an
    /// earlier sending, brought up to date with your record kept.
    #[arg(short = 'o', long = "out", value_name = "IQA_COPY")]
    out: PathBuf,
    /// Your name, for the samples you record.
    #[arg(long, value_name = "NAME", default_value = "")]
    iqa: String,
    /// The passphrase of a locked file, in FILE.
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

pub fn iqa_open(a: IqaOpenArgs) -> Result<()> {
    let unlock = passphrase(&a.passphrase_file)?;
    let updating = a.out.exists();
    let p =
        iqa::open_for_iqa_with(&a.incoming, unlock.as_ref(), &a.out, &a.iqa).map_err(with_hint)?;
    let learner = p.profile()?.full_name;
    let so = p.latest_sign_off()?;
    let judged = p.judgements(so.as_ref().map(|s| s.version))?.len();
    p.close()?;
    let mut t = if updating {
        format!(
            "Brought your IQA copy {} of {learner}'s portfolio up to date.\n",
            a.out.display()
        )
    } else {
        format!(
            "Opened {learner}'s portfolio as your IQA copy {}.\n",
            a.out.display()
        )
    };
    if updating {
        t.push_str("Your earlier samples and decisions are kept.\n");
    }
    if let Some(so) = so {
        let _ = writeln!(
            t,
            "Version {}: {judged} judgements, signed off by {} on {}. Sample them with iqa-sample.",
            so.version, so.assessor_name, so.signed_on
        );
    }
    super::out(&t)
}

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("verdict").required(true).args(["agree", "disagree"])))]
pub struct IqaSampleArgs {
    /// Your IQA copy.
    file: PathBuf,
    /// The item whose judgement you sampled (e.g. P4).
    item: String,
    /// You agree with the assessor's judgement.
    #[arg(long)]
    agree: bool,
    /// You disagree with it (say why with --feedback).
    #[arg(long)]
    disagree: bool,
    /// Your feedback to the assessor.
    #[arg(long, value_name = "TEXT", default_value = "")]
    feedback: String,
}

pub fn iqa_sample(a: IqaSampleArgs) -> Result<()> {
    let mut p = Portfolio::open(&a.file)?;
    let s = p.iqa_sample(&a.item, a.agree, &a.feedback)?;
    p.close()?;
    super::out(&format!(
        "{} on version {}: the assessor judged it {}; you {}.\n",
        s.item_id,
        s.version,
        s.outcome.label().to_lowercase(),
        if s.agrees { "agree" } else { "disagree" }
    ))
}

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("decision").required(true).args(["confirmed", "action_required"])))]
pub struct IqaDecisionArgs {
    /// Your IQA copy.
    file: PathBuf,
    /// The assessment decisions you sampled are confirmed.
    #[arg(long)]
    confirmed: bool,
    /// Action is required of the assessor: what action.
    #[arg(long, value_name = "TEXT")]
    action_required: Option<String>,
    /// Your name, signing the decision.
    #[arg(long, value_name = "NAME")]
    iqa: String,
    /// Date of the decision (default: today), YYYY-MM-DD.
    #[arg(long)]
    date: Option<String>,
}

pub fn iqa_decision(a: IqaDecisionArgs) -> Result<()> {
    let mut p = Portfolio::open(&a.file)?;
    let (decision, action) = match &a.action_required {
        Some(action) => (IqaDecision::ActionRequired, action.as_str()),
        None => (IqaDecision::Confirmed, ""),
    };
    let d = p.iqa_decide(decision, action, &a.iqa, a.date.as_deref())?;
    p.close()?;
    super::out(&format!(
        "{} on version {}, signed by {} on {} (sampled fingerprint {}).\n",
        d.decision.label(),
        d.version,
        d.iqa_name,
        d.signed_on,
        short_fingerprint(&d.sampled)
    ))
}

#[derive(clap::Args)]
pub struct IqaReturnArgs {
    /// Your IQA copy, with your decision.
    file: PathBuf,
    /// Where to write the file for the assessor.
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    out: PathBuf,
    /// Lock the file with the passphrase in FILE (tell it to the receiver
    /// another way than the email that carries the file).
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

pub fn iqa_return(a: IqaReturnArgs) -> Result<()> {
    let lock = locking_passphrase(&a.passphrase_file)?;
    let mut p = Portfolio::open(&a.file)?;
    let size = p.iqa_return(&a.out, lock.as_ref())?;
    p.close()?;
    super::out(&format!(
        "Wrote {} ({size} bytes) for the assessor.\n",
        a.out.display()
    ))
}

#[derive(clap::Args)]
pub struct ReceiveIqaArgs {
    /// The assessor's copy.
    file: PathBuf,
    /// The file the internal quality assurer sent back.
    incoming: PathBuf,
    #[arg(long)]
    json: bool,
    /// The passphrase of a locked file, in FILE.
    #[arg(long, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
}

pub fn receive_iqa(a: ReceiveIqaArgs) -> Result<()> {
    let mut p = Portfolio::open(&a.file)?;
    let unlock = passphrase(&a.passphrase_file)?;
    let r = p
        .receive_iqa_with(&a.incoming, unlock.as_ref())
        .map_err(with_hint)?;
    p.close()?;
    if a.json {
        return super::out_json(&r);
    }
    let d = &r.decision;
    let mut t = format!(
        "IQA decision on version {}: {}, signed by {} on {}.\n",
        d.version,
        d.decision.label(),
        d.iqa_name,
        d.signed_on
    );
    if !d.action.is_empty() {
        let _ = writeln!(t, "Action required: {}", d.action);
    }
    let _ = writeln!(
        t,
        "Agreed with {} sampled judgement(s){}.",
        r.agreed,
        if r.disagreed.is_empty() {
            String::new()
        } else {
            format!("; disagreed with {}", r.disagreed.join(", "))
        }
    );
    super::out(&t)
}
