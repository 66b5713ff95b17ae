//! Portfolio commands: `new`, `assess`, `show`, `profile`, `history`.

use partnership_portfolio::catalogue::{self, Standard};
use partnership_portfolio::overview::Overview;
use partnership_portfolio::profile::LearnerProfile;
use partnership_portfolio::self_assessment::{rating_level, AssessmentChange, SelfAssessment};
use partnership_portfolio::{Error, Portfolio, Result};
use serde::Serialize;
use std::fmt::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct NewArgs {
    /// The portfolio file to create (it must not exist).
    file: PathBuf,
    /// The learner's full name.
    #[arg(long, value_name = "NAME")]
    learner: String,
    #[command(flatten)]
    details: ProfileDetails,
    /// A name for the portfolio (default: "<learner> – CLDAL16").
    #[arg(long)]
    title: Option<String>,
    /// Assess against a standard from a data file instead of CLDAL16.
    #[arg(long, value_name = "PATH")]
    standard: Option<PathBuf>,
}

/// Profile fields other than the name.
#[derive(clap::Args)]
struct ProfileDetails {
    /// Learner or registration number.
    #[arg(long)]
    registration: Option<String>,
    #[arg(long)]
    centre: Option<String>,
    /// Qualification or programme.
    #[arg(long)]
    qualification: Option<String>,
    /// The assessor's name.
    #[arg(long)]
    assessor: Option<String>,
    /// Start date, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    start_date: Option<String>,
}

impl ProfileDetails {
    fn apply_to(self, profile: &mut LearnerProfile) {
        let set = |field: &mut String, value: Option<String>| {
            if let Some(v) = value {
                *field = v;
            }
        };
        set(&mut profile.registration_number, self.registration);
        set(&mut profile.centre, self.centre);
        set(&mut profile.qualification, self.qualification);
        set(&mut profile.assessor_name, self.assessor);
        if let Some(d) = self.start_date {
            profile.start_date = Some(d);
        }
    }
}

pub fn new(args: NewArgs) -> Result<()> {
    let loaded;
    let standard: &Standard = match &args.standard {
        Some(path) => {
            loaded = Standard::load(path)?;
            &loaded
        }
        None => catalogue::cldal16(),
    };
    let mut profile = LearnerProfile::named(&args.learner);
    args.details.apply_to(&mut profile);
    let portfolio = Portfolio::create(
        &args.file,
        partnership_portfolio::portfolio::NewPortfolio {
            standard,
            profile,
            title: args.title,
        },
    )?;
    let info = portfolio.info()?;
    portfolio.close()?;
    super::out(&format!(
        "Created {} (\"{}\", {} {}).\n",
        args.file.display(),
        info.title,
        info.standard_urn,
        info.standard_version
    ))
}

#[derive(clap::Args)]
pub struct AssessArgs {
    file: PathBuf,
    /// The item, e.g. P4 or K12.
    item: String,
    /// 1 = not yet, 2 = developing, 3 = competent, 4 = confident and can show evidence.
    #[arg(long, value_name = "N", conflicts_with = "clear_rating")]
    rating: Option<u8>,
    /// Remove the rating.
    #[arg(long)]
    clear_rating: bool,
    /// The account of how you do or know this (replaces the current one).
    #[arg(long, value_name = "TEXT", conflicts_with = "account_file")]
    account: Option<String>,
    /// Read the account from a UTF-8 file ("-" for standard input).
    #[arg(long, value_name = "PATH")]
    account_file: Option<PathBuf>,
}

pub fn assess(args: AssessArgs) -> Result<()> {
    let account = match (&args.account, &args.account_file) {
        (Some(text), _) => Some(text.clone()),
        (None, Some(path)) => Some(read_text(path)?),
        (None, None) => None,
    };
    let rating = match (args.rating, args.clear_rating) {
        (Some(r), _) => Some(Some(rating_level(r)?.value)),
        (None, true) => Some(None),
        (None, false) => None,
    };
    if rating.is_none() && account.is_none() {
        return Err(Error::invalid_input(
            "Nothing to do: give --rating N, --clear-rating, --account or --account-file.",
        ));
    }
    let mut portfolio = Portfolio::open(&args.file)?;
    let saved = portfolio.assess(
        &args.item,
        AssessmentChange {
            rating,
            account: account.as_deref(),
        },
    )?;
    portfolio.close()?;
    let rating = match saved.rating {
        Some(r) => format!("rated {r} ({})", rating_level(r)?.label),
        None => "not rated".to_string(),
    };
    super::out(&format!(
        "{}: {rating}; account of {} characters.\n",
        saved.item_id,
        saved.account.chars().count()
    ))
}

fn read_text(path: &Path) -> Result<String> {
    // An account is at most MAX_ACCOUNT_CHARS characters of up to 4 bytes.
    let max = 4 * partnership_portfolio::self_assessment::MAX_ACCOUNT_CHARS as u64;
    partnership_portfolio::text_file::read_text_file(path, "account", max)
}

#[derive(clap::Args)]
pub struct ShowArgs {
    file: PathBuf,
    /// Print everything as JSON.
    #[arg(long)]
    json: bool,
}

/// Everything `show --json` prints: the overview and every item's account.
#[derive(Serialize)]
struct Shown {
    #[serde(flatten)]
    overview: Overview,
    self_assessments: Vec<SelfAssessment>,
}

pub fn show(args: ShowArgs) -> Result<()> {
    let portfolio = Portfolio::open(&args.file)?;
    let shown = Shown {
        overview: portfolio.overview()?,
        self_assessments: portfolio.self_assessments()?,
    };
    portfolio.close()?;
    if args.json {
        return super::out_json(&shown);
    }
    let o = &shown.overview;
    let p = &o.profile;
    let mut t = String::new();
    let _ = writeln!(t, "{}", o.info.title);
    let _ = writeln!(t, "Learner:        {}", p.full_name);
    for (label, value) in [
        ("Registration:", &p.registration_number),
        ("Centre:", &p.centre),
        ("Qualification:", &p.qualification),
        ("Assessor:", &p.assessor_name),
    ] {
        if !value.is_empty() {
            let _ = writeln!(t, "{label:<15} {value}");
        }
    }
    if let Some(d) = &p.start_date {
        let _ = writeln!(t, "Started:        {d}");
    }
    let _ = writeln!(
        t,
        "Standard:       {} {} (version {})",
        o.standard.urn, o.standard.title, o.standard.version
    );
    let g = o.progress;
    let _ = writeln!(
        t,
        "Progress:       {} of {} rated, {} in progress, {} not started",
        g.rated, g.total, g.in_progress, g.not_started
    );
    let overdue = &o.assessment_plan.overdue;
    if !overdue.is_empty() {
        let _ = writeln!(
            t,
            "Plan overdue:   {} (past the target date, no evidence yet)",
            overdue.join(", ")
        );
    }
    let mut accounts = shown.self_assessments.iter();
    for section in &o.sections {
        let _ = writeln!(t, "\n{}", section.title);
        for item in &section.items {
            let rating = match item.rating {
                Some(r) => format!("{r} {}", rating_level(r)?.label),
                None => "–".to_string(),
            };
            let _ = writeln!(t, "{:>4}  [{rating}]  {}", item.id, item.text);
            if let Some(a) = accounts
                .find(|a| a.item_id == item.id)
                .filter(|a| !a.account.is_empty())
            {
                for line in a.account.lines() {
                    let _ = writeln!(t, "        {line}");
                }
            }
        }
    }
    super::out(&t)
}

#[derive(clap::Args)]
pub struct ProfileArgs {
    file: PathBuf,
    /// The learner's full name.
    #[arg(long, value_name = "NAME")]
    learner: Option<String>,
    #[command(flatten)]
    details: ProfileDetails,
}

pub fn profile(args: ProfileArgs) -> Result<()> {
    let mut portfolio = Portfolio::open(&args.file)?;
    let mut profile = portfolio.profile()?;
    if let Some(name) = args.learner {
        profile.full_name = name;
    }
    args.details.apply_to(&mut profile);
    let saved = portfolio.set_profile(&profile)?;
    portfolio.close()?;
    super::out_json(&saved)
}

#[derive(clap::Args)]
pub struct HistoryArgs {
    file: PathBuf,
    /// Only this item's changes.
    #[arg(long)]
    item: Option<String>,
    #[arg(long)]
    json: bool,
}

pub fn history(args: HistoryArgs) -> Result<()> {
    let portfolio = Portfolio::open(&args.file)?;
    let item = match &args.item {
        Some(i) => Some(portfolio.standard().require_item(i)?.1.id.clone()),
        None => None,
    };
    let entries = portfolio.history(item.as_deref())?;
    portfolio.close()?;
    if args.json {
        return super::out_json(&entries);
    }
    let mut t = String::new();
    for e in &entries {
        let what = match (&e.item_id, &e.partnership_ref) {
            (Some(i), _) => format!("{i} {}", e.field),
            (None, Some(r)) => format!("{r} {}", e.field),
            (None, None) => format!("{} {}", e.subject, e.field),
        };
        let value = e.value.as_deref().unwrap_or("(cleared)");
        let shown: String = value
            .chars()
            .take(60)
            .collect::<String>()
            .replace('\n', " ");
        let more = if value.chars().count() > 60 {
            "…"
        } else {
            ""
        };
        let _ = writeln!(t, "{}  {:<8} {what}: {shown}{more}", e.at, e.actor.key());
    }
    super::out(&t)
}
