//! Assessment-cycle commands: `plan set`, `plan remove`, `plan accept`, `plan show` (the
//! assessment plan, either side), `review add`, `review list`, `review sign`
//! (progress reviews) and `reply` (the learner, on an item's feedback thread).

use partnership_portfolio::assessment_plan::{self, AssessmentPlan};
use partnership_portfolio::exchange::short_fingerprint;
use partnership_portfolio::reviews::{ProgressReview, ReviewInput};
use partnership_portfolio::storage::Role;
use partnership_portfolio::{Portfolio, Result};
use std::fmt::Write;
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum PlanCommand {
    /// Draft the plan for items: planned methods, target date, note.
    Set(PlanSetArgs),
    /// Remove the plan's lines for items (the plan then needs accepting again).
    Remove(PlanRemoveArgs),
    /// Accept the plan as it is now (learner in their portfolio, assessor in their copy).
    Accept(PlanAcceptArgs),
    /// Show the plan, whether it is agreed, and what is overdue.
    Show(PlanShowArgs),
}

#[derive(clap::Args)]
pub struct PlanSetArgs {
    file: PathBuf,
    /// The items, e.g. P1,P2,K4.
    items: String,
    /// The planned methods of assessment, e.g. observation,product.
    #[arg(long = "method", value_name = "M[,M]")]
    methods: String,
    /// The target date, YYYY-MM-DD.
    #[arg(long, value_name = "D")]
    target: String,
    /// A note on the plan for these items.
    #[arg(long, value_name = "T", default_value = "")]
    note: String,
}

#[derive(clap::Args)]
pub struct PlanRemoveArgs {
    file: PathBuf,
    /// The items, e.g. P1,P2.
    items: String,
    /// The plan as it is after the removal, as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct PlanAcceptArgs {
    file: PathBuf,
    /// Your name, accepting the plan.
    #[arg(long = "by", value_name = "NAME")]
    by: String,
}

#[derive(clap::Args)]
pub struct PlanShowArgs {
    file: PathBuf,
    #[arg(long)]
    json: bool,
}

pub fn plan(c: PlanCommand) -> Result<()> {
    match c {
        PlanCommand::Set(a) => {
            let mut p = Portfolio::open(&a.file)?;
            let items = assessment_plan::parse_items(&p, &a.items)?;
            let methods = assessment_plan::parse_methods(&a.methods)?;
            let plan = p.set_plan(&items, &methods, &a.target, &a.note)?;
            p.close()?;
            super::out(&format!(
                "Plan set for {}. {}\n",
                items.join(", "),
                agreement(&plan)
            ))
        }
        PlanCommand::Remove(a) => {
            let mut p = Portfolio::open(&a.file)?;
            let items = assessment_plan::parse_items(&p, &a.items)?;
            let plan = p.remove_plan(&items)?;
            p.close()?;
            if a.json {
                return super::out_json(&plan);
            }
            super::out(&format!(
                "Plan removed for {}. {}\n",
                items.join(", "),
                agreement(&plan)
            ))
        }
        PlanCommand::Accept(a) => {
            let mut p = Portfolio::open(&a.file)?;
            let read = p.assessment_plan()?;
            let plan = p.accept_plan(&a.by, &read.fingerprint)?;
            p.close()?;
            super::out(&format!(
                "Plan {} accepted. {}\n",
                short_fingerprint(&plan.fingerprint),
                agreement(&plan)
            ))
        }
        PlanCommand::Show(a) => {
            let p = Portfolio::open(&a.file)?;
            let plan = p.assessment_plan()?;
            p.close()?;
            if a.json {
                return super::out_json(&plan);
            }
            super::out(&plan_text(&plan))
        }
    }
}

fn party(role: Role) -> &'static str {
    match role {
        Role::Learner => "learner",
        Role::Assessor => "assessor",
        Role::Iqa => "IQA",
    }
}

/// Whether the plan is agreed, in a sentence.
fn agreement(plan: &AssessmentPlan) -> String {
    if plan.agreed {
        return "Agreed: learner and assessor have both accepted it.".into();
    }
    let waiting: Vec<&str> = [Role::Learner, Role::Assessor]
        .into_iter()
        .filter(|r| !plan.accepted_by(*r))
        .map(party)
        .collect();
    format!(
        "Not agreed yet: waiting for the {}.",
        waiting.join(" and the ")
    )
}

fn plan_text(plan: &AssessmentPlan) -> String {
    let mut t = String::new();
    if plan.entries.is_empty() {
        return "No assessment plan yet: set one with plan set FILE ITEMS --method M --target D.\n"
            .into();
    }
    let _ = writeln!(
        t,
        "Assessment plan {}",
        short_fingerprint(&plan.fingerprint)
    );
    for e in &plan.entries {
        let flag = if e.overdue { "  OVERDUE" } else { "" };
        let _ = writeln!(
            t,
            "{:>4}  {}  by {} ({}){flag}",
            e.item_id,
            e.methods_label,
            e.target_on,
            party(e.drafted_by)
        );
        for line in e.note.lines() {
            let _ = writeln!(t, "        {line}");
        }
    }
    for r in &plan.removed {
        let _ = writeln!(
            t,
            "{:>4}  removed by the {} at {}",
            r.item_id,
            party(r.removed_by),
            r.removed_at
        );
    }
    for a in &plan.acceptances {
        let state = if a.current {
            "this plan"
        } else {
            "an earlier version"
        };
        let _ = writeln!(
            t,
            "Accepted by the {} {} at {} ({state})",
            party(a.party),
            a.name,
            a.accepted_at
        );
    }
    let _ = writeln!(t, "{}", agreement(plan));
    if !plan.overdue.is_empty() {
        let _ = writeln!(
            t,
            "Overdue (past the target date, no evidence): {}",
            plan.overdue.join(", ")
        );
    }
    t
}

#[derive(clap::Subcommand)]
pub enum ReviewCommand {
    /// Write a progress review (what was achieved is filled in for you).
    Add(ReviewAddArgs),
    /// List the progress reviews in order.
    List(ReviewListArgs),
    /// Sign a review the other side wrote.
    Sign(ReviewSignArgs),
}

#[derive(clap::Args)]
pub struct ReviewAddArgs {
    file: PathBuf,
    /// What is next.
    #[arg(long, value_name = "T")]
    next: String,
    /// The target date for what is next, YYYY-MM-DD.
    #[arg(long, value_name = "D")]
    target: String,
    /// The learner's name.
    #[arg(long, value_name = "NAME")]
    learner: String,
    /// The assessor's name.
    #[arg(long, value_name = "NAME")]
    assessor: String,
    /// Notes from the review.
    #[arg(long, value_name = "T", default_value = "")]
    notes: String,
    /// The date of the review (default: today), YYYY-MM-DD.
    #[arg(long, value_name = "D")]
    date: Option<String>,
}

#[derive(clap::Args)]
pub struct ReviewListArgs {
    file: PathBuf,
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct ReviewSignArgs {
    file: PathBuf,
    /// The review, e.g. R2.
    review: String,
    /// Your name, signing the review.
    #[arg(long = "by", value_name = "NAME")]
    by: String,
}

pub fn review(c: ReviewCommand) -> Result<()> {
    match c {
        ReviewCommand::Add(a) => {
            let mut p = Portfolio::open(&a.file)?;
            let r = p.add_review(&ReviewInput {
                held_on: a.date,
                next_steps: a.next,
                next_target: a.target,
                notes: a.notes,
                learner_name: a.learner,
                assessor_name: a.assessor,
            })?;
            p.close()?;
            super::out(&format!(
                "Review {} of {} written.\n{}\n",
                r.reference, r.held_on, r.achieved
            ))
        }
        ReviewCommand::List(a) => {
            let p = Portfolio::open(&a.file)?;
            let reviews = p.progress_reviews()?;
            p.close()?;
            if a.json {
                return super::out_json(&reviews);
            }
            if reviews.is_empty() {
                return super::out("No progress reviews yet.\n");
            }
            let mut t = String::new();
            for r in &reviews {
                review_text(&mut t, r);
            }
            super::out(&t)
        }
        ReviewCommand::Sign(a) => {
            let mut p = Portfolio::open(&a.file)?;
            let r = p.sign_review(&a.review, &a.by)?;
            p.close()?;
            super::out(&format!("Review {} signed.\n", r.reference))
        }
    }
}

fn review_text(t: &mut String, r: &ProgressReview) {
    let _ = writeln!(t, "{} — review of {}", r.reference, r.held_on);
    let _ = writeln!(t, "  Achieved since the last review:");
    for line in r.achieved.lines() {
        let _ = writeln!(t, "    {line}");
    }
    let _ = writeln!(t, "  Next (by {}):", r.next_target);
    for line in r.next_steps.lines() {
        let _ = writeln!(t, "    {line}");
    }
    if !r.notes.is_empty() {
        let _ = writeln!(t, "  Notes:");
        for line in r.notes.lines() {
            let _ = writeln!(t, "    {line}");
        }
    }
    for (role, name) in [
        (Role::Learner, &r.learner_name),
        (Role::Assessor, &r.assessor_name),
    ] {
        let signed = r
            .signature(role)
            .map(|s| format!("signed {}", s.signed_at.get(..10).unwrap_or(&s.signed_at)))
            .unwrap_or_else(|| "not signed yet".into());
        let _ = writeln!(t, "  {}: {name}, {signed}", capitalised(party(role)));
    }
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

#[derive(clap::Args)]
pub struct ReplyArgs {
    file: PathBuf,
    /// The item, e.g. P3.
    item: String,
    /// The reply: what you changed, or a question.
    #[arg(long, value_name = "T")]
    text: String,
}

pub fn reply(a: ReplyArgs) -> Result<()> {
    let mut p = Portfolio::open(&a.file)?;
    let e = p.reply(&a.item, &a.text)?;
    p.close()?;
    super::out(&format!(
        "Reply on {} (about version {}) saved; it goes to the assessor with your next submission.\n",
        e.item_id, e.version
    ))
}
