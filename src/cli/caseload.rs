//! `caseload DIR`: every portfolio file in a folder as a table (or `--json`),
//! with what is waiting on each; the files are only read (`crate::caseload`).

use partnership_portfolio::caseload::{self, SortBy, Waiting};
use partnership_portfolio::Result;
use std::fmt::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct CaseloadArgs {
    /// The folder holding the portfolio files (not its subfolders).
    dir: PathBuf,
    /// Print the rows as JSON.
    #[arg(long)]
    json: bool,
    /// Order by learner, waiting, last-action (newest first) or overdue (most first).
    #[arg(long, value_name = "KEY", default_value = "learner")]
    sort: String,
    /// Only files in this state: not_yet_judged, resubmitted_with_changes,
    /// judged, signed_off, with_iqa, returned, draft (unreadable files are
    /// always listed).
    #[arg(long, value_name = "STATE")]
    waiting: Option<String>,
}

pub fn caseload(a: CaseloadArgs) -> Result<()> {
    let sort = SortBy::parse(&a.sort)?;
    let waiting = a.waiting.as_deref().map(Waiting::parse).transpose()?;
    let rows = caseload::caseload(&a.dir, sort, waiting)?;
    if a.json {
        return super::out_json(&rows);
    }
    if rows.is_empty() {
        return super::out(&format!("No portfolio files in {}.\n", a.dir.display()));
    }
    let mut t = String::new();
    let _ = writeln!(
        t,
        "{:<24} {:<16} {:<14} {:>3}  {:<26} {:<20} Overdue",
        "Learner", "Centre", "Copy", "V", "Waiting", "Last action"
    );
    for r in &rows {
        if let Some(problem) = &r.problem {
            let _ = writeln!(t, "{}: cannot be read: {}", r.file, problem.message);
            continue;
        }
        let copy = match r.role {
            Some(partnership_portfolio::exchange::Role::Learner) => "learner's file",
            Some(partnership_portfolio::exchange::Role::Assessor) => "assessor's copy",
            Some(partnership_portfolio::exchange::Role::Iqa) => "IQA copy",
            None => "",
        };
        let overdue = if r.overdue.is_empty() {
            "-".to_string()
        } else {
            format!("{} ({})", r.overdue.len(), r.overdue.join(", "))
        };
        let _ = writeln!(
            t,
            "{:<24} {:<16} {:<14} {:>3}  {:<26} {:<20} {}",
            r.learner,
            if r.centre.is_empty() { "-" } else { &r.centre },
            copy,
            r.version
                .map(|v| v.to_string())
                .unwrap_or_else(|| "-".into()),
            r.waiting.map(|w| w.label()).unwrap_or(""),
            r.last_action_at.as_deref().unwrap_or("-"),
            overdue
        );
    }
    super::out(&t)
}
