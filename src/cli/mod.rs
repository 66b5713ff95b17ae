//! The command-line interface: argument definitions and dispatch. Each group
//! of commands lives in its own file next to this one.

mod assessment_cycle;
mod caseload;
mod evidence;
mod exchange;
mod iqa;
mod open_export;
mod partnerships;
mod pdf;
mod portfolio;
mod standard;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use partnership_portfolio::{Error, Result};
use std::io::Write;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "partnership-portfolio",
    version,
    about = "Partnership Portfolio: self-assessment and evidence against CLDAL16, from the command line.",
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the standard's catalogue (CLDAL16, or a standard data file to check it).
    Standard(standard::StandardArgs),
    /// Start a new portfolio file.
    New(portfolio::NewArgs),
    /// Rate an item and/or write the account for it.
    Assess(portfolio::AssessArgs),
    /// Show a portfolio: profile, progress and every item.
    Show(portfolio::ShowArgs),
    /// Change the learner's profile.
    Profile(portfolio::ProfileArgs),
    /// Show the history of changes.
    History(portfolio::HistoryArgs),
    /// Add, list, show, remove, export and map evidence.
    #[command(subcommand)]
    Evidence(evidence::EvidenceCommand),
    /// The witness status list: every witness and the evidence they vouch for.
    Witnesses(evidence::WitnessesArgs),
    /// The coverage matrix: which evidence shows each item, and the gaps.
    Coverage(evidence::CoverageArgs),
    /// Learner: declare, record a submission and write the file for the assessor.
    Submit(exchange::SubmitArgs),
    /// Assessor: check a learner's file and make (or update) your working copy.
    OpenSubmission(exchange::OpenSubmissionArgs),
    /// Assessor: judge an item of the latest submission.
    Judge(exchange::JudgeArgs),
    /// Assessor: overall feedback on the latest submission.
    Feedback(exchange::FeedbackArgs),
    /// Assessor: sign the assessor's declaration for the latest submission.
    Signoff(exchange::SignOffArgs),
    /// Assessor: write the file with your judgements for the learner.
    Return(exchange::ReturnArgs),
    /// Learner: merge the assessor's judgements into your portfolio.
    Receive(exchange::ReceiveArgs),
    /// Recompute every fingerprint and report anything that changed.
    Verify(exchange::VerifyArgs),
    /// Submissions, judgements, feedback, sign-offs and what changed.
    Assessment(exchange::AssessmentArgs),
    /// The audit trail.
    Audit(exchange::AuditArgs),
    /// The partnership register: add, list and show partners, the stakeholder
    /// map, and make evidence from the register in one step.
    #[command(subcommand)]
    Partner(partnerships::PartnerCommand),
    /// Dated notes on a partnership: add, edit, remove.
    #[command(subcommand)]
    Note(partnerships::NoteCommand),
    /// Agreements with partners: add, revise (keeping the earlier text), list, remove.
    #[command(subcommand)]
    Agreement(partnerships::AgreementCommand),
    /// The partnership health check: its statements, answers, results, blank form.
    #[command(subcommand)]
    HealthCheck(partnerships::HealthCheckCommand),
    /// A partnership's action plan: add, done, remove.
    #[command(subcommand)]
    Action(partnerships::ActionCommand),
    /// The assessment plan: set, remove, accept, show.
    #[command(subcommand)]
    Plan(assessment_cycle::PlanCommand),
    /// Progress reviews: add, list, sign.
    #[command(subcommand)]
    Review(assessment_cycle::ReviewCommand),
    /// Learner: reply to the assessor's feedback on an item.
    Reply(assessment_cycle::ReplyArgs),
    /// Assessor: write the signed-off portfolio for the internal quality assurer.
    SendToIqa(iqa::SendToIqaArgs),
    /// IQA: open the assessor's file through the gate as your IQA copy.
    IqaOpen(iqa::IqaOpenArgs),
    /// IQA: record whether you agree with the assessor's judgement of an item.
    IqaSample(iqa::IqaSampleArgs),
    /// IQA: record your decision and sign it.
    IqaDecision(iqa::IqaDecisionArgs),
    /// IQA: write your copy, with your record, back to the assessor.
    IqaReturn(iqa::IqaReturnArgs),
    /// Assessor: list every portfolio file in a folder, with what is waiting (read only).
    Caseload(caseload::CaseloadArgs),
    /// Assessor: take the IQA's record into your copy.
    ReceiveIqa(iqa::ReceiveIqaArgs),
    /// Export the evidence portfolio as a PDF (time from SOURCE_DATE_EPOCH when set).
    Pdf(pdf::PdfArgs),
    /// Export the whole portfolio as an open ZIP: JSON, attached files, the PDF, a manifest.
    Export(open_export::ExportArgs),
    /// Make a new learner's portfolio from a ZIP written by `export`.
    Import(open_export::ImportArgs),
    /// Create a realistic demo portfolio (every item written up, evidence, photos).
    Demo(pdf::DemoArgs),
}

pub fn main() -> ExitCode {
    partnership_portfolio::temp_files::note_process_start();
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|m| Ok((Cli::from_arg_matches(&m)?, m)));
    let (cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(e)
            if matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            ) =>
        {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            // clap explains over several lines; we promise one: the message
            // and its details, without the usage and tips.
            let text = e.render().to_string();
            let message: Vec<&str> = text
                .lines()
                .take_while(|l| !l.starts_with("Usage:"))
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with("tip:"))
                .collect();
            eprintln!("{} (see --help)", message.join(" "));
            return ExitCode::from(2);
        }
    };
    // Logs are a help for support, never a reason not to work: a folder that
    // cannot be made leaves the CLI running without them.
    let _logs = partnership_portfolio::logs::init(
        &partnership_portfolio::logs::default_dir(),
        "partnership-portfolio",
    )
    .ok();
    // The command's name only: its arguments hold names and paths.
    let command = matches.subcommand_name().unwrap_or("");
    tracing::info!(command, "command started");
    let result = match cli.command {
        Command::Standard(a) => standard::run(a),
        Command::New(a) => portfolio::new(a),
        Command::Assess(a) => portfolio::assess(a),
        Command::Show(a) => portfolio::show(a),
        Command::Profile(a) => portfolio::profile(a),
        Command::History(a) => portfolio::history(a),
        Command::Evidence(c) => evidence::run(c),
        Command::Witnesses(a) => evidence::witnesses(a),
        Command::Coverage(a) => evidence::coverage(a),
        Command::Submit(a) => exchange::submit(a),
        Command::OpenSubmission(a) => exchange::open_submission(a),
        Command::Judge(a) => exchange::judge(a),
        Command::Feedback(a) => exchange::feedback(a),
        Command::Signoff(a) => exchange::signoff(a),
        Command::Return(a) => exchange::return_to_learner(a),
        Command::Receive(a) => exchange::receive(a),
        Command::Verify(a) => exchange::verify(a),
        Command::Assessment(a) => exchange::assessment(a),
        Command::Audit(a) => exchange::audit(a),
        Command::Partner(c) => partnerships::partner(c),
        Command::Note(c) => partnerships::note(c),
        Command::Agreement(c) => partnerships::agreement(c),
        Command::HealthCheck(c) => partnerships::health_check(c),
        Command::Action(c) => partnerships::action(c),
        Command::Plan(c) => assessment_cycle::plan(c),
        Command::Review(c) => assessment_cycle::review(c),
        Command::Reply(a) => assessment_cycle::reply(a),
        Command::SendToIqa(a) => iqa::send_to_iqa(a),
        Command::IqaOpen(a) => iqa::iqa_open(a),
        Command::IqaSample(a) => iqa::iqa_sample(a),
        Command::IqaDecision(a) => iqa::iqa_decision(a),
        Command::IqaReturn(a) => iqa::iqa_return(a),
        Command::ReceiveIqa(a) => iqa::receive_iqa(a),
        Command::Caseload(a) => caseload::caseload(a),
        Command::Pdf(a) => pdf::pdf(a),
        Command::Demo(a) => pdf::demo(a),
        Command::Export(a) => open_export::export(a),
        Command::Import(a) => open_export::import(a),
    };
    match result {
        Ok(()) => {
            tracing::info!(command, "command finished");
            ExitCode::SUCCESS
        }
        Err(e) => {
            // The code only: messages can hold names and file paths.
            tracing::warn!(command, code = ?e.code, "command failed");
            let message = e.message.replace('\n', " ");
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Writes to standard output; a closed pipe (`| head`) is not an error.
pub(crate) fn out(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::internal(format!("Could not write the output: {e}"))),
    }
}

/// Prints a value as pretty JSON.
pub(crate) fn out_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    out(&text)
}
