//! Partnership commands: `partner add|list|show|map|evidence`, `note
//! add|edit|remove`, `agreement add|revise|list|remove`, `health-check
//! template|add|answers edit|show|form|remove`, `action add|done|remove`. Every listing
//! takes `--json` (the core's types, as the app gets them), and so do the
//! edit and the removals (the note as changed; what the removal did and the
//! partnership as it is after). A removal says what became of the evidence
//! made from the record: it stays as it was made and says its source has gone.

use clap::Subcommand;
use partnership_portfolio::evidence::Mapping;
use partnership_portfolio::partnerships::health_check::answers_from_file;
use partnership_portfolio::partnerships::{
    self, ActionInput, Agreement, AgreementInput, AgreementRevisionInput, Contact, HealthCheck,
    HealthCheckResponseInput, Level, MakeEvidence, NoteInput, NoteKind, PartnerInput, PartnerType,
    RecordKind, SourceStatus, TEMPLATE,
};
use partnership_portfolio::{export, Error, Portfolio, Result};
use std::fmt::Write;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum PartnerCommand {
    /// Add a partner (an organisation, team or person) to the register.
    Add(Box<PartnerAddArgs>),
    /// The register: every partner with its agreements, checks and actions.
    List {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// One partnership in full: the partner, notes, agreements, health checks, actions.
    Show {
        file: PathBuf,
        /// The partner: PT1, PT2, ...
        reference: String,
        #[arg(long)]
        json: bool,
    },
    /// The stakeholder map: partners by interest and influence.
    Map {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Make an evidence record from a partner (PT1), note (N1), agreement
    /// (AG1), health check (HC1) or the stakeholder map (map), mapped to the
    /// suggested items unless --maps says otherwise.
    Evidence {
        file: PathBuf,
        /// PT1, N1, AG1, HC1 or map.
        source: String,
        /// The items it shows, comma-separated (instead of the suggestion): P4,P8.
        #[arg(long, value_name = "ITEMS", value_delimiter = ',')]
        maps: Option<Vec<String>>,
        /// product or reflective-account (default: the suggestion).
        #[arg(long, value_name = "METHOD")]
        method: Option<String>,
        /// Only show what would be made, writing nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Args)]
pub struct PartnerAddArgs {
    file: PathBuf,
    #[arg(long)]
    name: String,
    /// colleague, partner-agency, community-group, funder, government or other.
    #[arg(long = "type", value_name = "TYPE")]
    kind: String,
    /// Their role and responsibilities.
    #[arg(long, default_value = "")]
    role: String,
    /// Their interests and concerns.
    #[arg(long, default_value = "")]
    interests: String,
    /// The services they offer, and how they relate to your own provision.
    #[arg(long, default_value = "")]
    services: String,
    /// What information they need from you.
    #[arg(long, default_value = "")]
    info_needs: String,
    /// What has been agreed may be shared with them.
    #[arg(long, default_value = "")]
    info_shared: String,
    /// What may not be shared with them (confidentiality).
    #[arg(long, default_value = "")]
    info_withheld: String,
    /// Their interest in your work: high or low (with --influence).
    #[arg(long, value_name = "LEVEL")]
    interest: Option<String>,
    /// Their influence over your work: high or low (with --interest).
    #[arg(long, value_name = "LEVEL")]
    influence: Option<String>,
    /// Someone there who can take decisions and action: "Name, role, how to reach them" (repeat for more).
    #[arg(long = "contact", value_name = "CONTACT")]
    contacts: Vec<String>,
}

#[derive(Subcommand)]
pub enum NoteCommand {
    /// Add a dated note to a partnership.
    Add {
        file: PathBuf,
        /// The partner: PT1, PT2, ...
        reference: String,
        /// meeting, consultation, feedback, disagreement or decision.
        #[arg(long)]
        kind: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        date: String,
        #[arg(long)]
        text: String,
        /// Who took part, comma-separated.
        #[arg(long = "with", value_name = "NAMES", value_delimiter = ',')]
        with: Vec<String>,
    },
    /// Change a note: the fields given are replaced, the others stay as they are.
    Edit(Box<NoteEditArgs>),
    /// Remove a note (evidence made from it stays, and says its source has gone).
    #[command(mut_arg("reference", |a| a.help("The note: N1, N2, ...")))]
    Remove(RemoveArgs),
}

#[derive(clap::Args)]
pub struct NoteEditArgs {
    file: PathBuf,
    /// The note: N1, N2, ...
    reference: String,
    /// meeting, consultation, feedback, disagreement or decision.
    #[arg(long)]
    kind: Option<String>,
    /// YYYY-MM-DD.
    #[arg(long)]
    date: Option<String>,
    #[arg(long)]
    text: Option<String>,
    /// Who took part, comma-separated (--with "" for nobody named).
    #[arg(long = "with", value_name = "NAMES", value_delimiter = ',')]
    with: Option<Vec<String>>,
    /// The note as it is after the change, as JSON.
    #[arg(long)]
    json: bool,
}

/// A removal: the file, the record's reference, and `--json`.
#[derive(clap::Args)]
pub struct RemoveArgs {
    file: PathBuf,
    /// The record's reference (each command names its kind).
    reference: String,
    /// What the removal did ("removed": the evidence made from the record, a
    /// check's actions that stay, ...) and the partnership as it is after
    /// ("partnership", as `partner show --json`), as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum AgreementCommand {
    /// Record an agreement with a partner.
    Add(Box<AgreementAddArgs>),
    /// Revise an agreement: say what changed and why (the earlier text is kept).
    Revise(Box<AgreementReviseArgs>),
    /// Every agreement, with its review-by date; overdue ones flagged.
    List {
        file: PathBuf,
        /// Only those past their review-by date.
        #[arg(long)]
        overdue: bool,
        #[arg(long)]
        json: bool,
    },
    /// Remove an agreement with all its revisions (evidence made from it stays).
    #[command(mut_arg("reference", |a| a.help("The agreement: AG1, AG2, ...")))]
    Remove(RemoveArgs),
}

#[derive(clap::Args)]
pub struct AgreementAddArgs {
    file: PathBuf,
    /// The partner: PT1, PT2, ...
    reference: String,
    /// The shared aims.
    #[arg(long)]
    aims: String,
    /// The working arrangements.
    #[arg(long)]
    arrangements: String,
    /// The key performance measures.
    #[arg(long)]
    measures: String,
    /// The methods for monitoring and evaluation.
    #[arg(long)]
    monitoring: String,
    /// The date agreed, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    agreed: String,
    /// Review by, YYYY-MM-DD (on or after the date agreed).
    #[arg(long, value_name = "DATE")]
    review_by: String,
}

#[derive(clap::Args)]
pub struct AgreementReviseArgs {
    file: PathBuf,
    /// The agreement: AG1, AG2, ...
    reference: String,
    /// What changed.
    #[arg(long)]
    what: String,
    /// Why it changed.
    #[arg(long)]
    why: String,
    /// A new review-by date, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    review_by: Option<String>,
    /// The date of the revision (default: today).
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// New shared aims (the earlier text is kept).
    #[arg(long)]
    aims: Option<String>,
    #[arg(long)]
    arrangements: Option<String>,
    #[arg(long)]
    measures: Option<String>,
    #[arg(long)]
    monitoring: Option<String>,
}

#[derive(Subcommand)]
pub enum HealthCheckCommand {
    /// The health check's statements, grouped by element, with their ids.
    Template {
        #[arg(long)]
        json: bool,
    },
    /// Record one respondent's answers (from a JSON file of statement id -> 1-5 or null).
    Add {
        file: PathBuf,
        /// The partner: PT1, PT2, ...
        reference: String,
        #[command(flatten)]
        who: RespondentArgs,
        /// The date of the check (default: today); answers on the same date join one check.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// Put right one respondent's answers to a check: `answers edit`.
    #[command(subcommand)]
    Answers(AnswersCommand),
    /// A partnership's checks (PT1) or one check (HC1), with results and trend.
    Show {
        file: PathBuf,
        /// PT1 (every check of the partnership) or HC1.
        reference: String,
        #[arg(long)]
        json: bool,
    },
    /// The blank form for partners, as a PDF: the statements with boxes to tick.
    Form {
        file: PathBuf,
        /// The partner: PT1, PT2, ...
        reference: String,
        #[arg(short, long, value_name = "FORM.pdf")]
        output: PathBuf,
        /// The date printed on the form (default: today).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// Remove a health check with all its answers (its actions stay in the plan;
    /// evidence made from it stays).
    #[command(mut_arg("reference", |a| a.help("The health check: HC1, HC2, ...")))]
    Remove(RemoveArgs),
}

/// One respondent and their answers, for `health-check add` and `answers edit`.
#[derive(clap::Args)]
pub struct RespondentArgs {
    /// Who answered (to change answers: as recorded, in any case).
    #[arg(long, value_name = "NAME")]
    respondent: String,
    /// The answers file: {"goals.1": 4, "goals.2": null, ..., "comments": {"goals.1": "..."}}.
    #[arg(long, value_name = "ANSWERS.json")]
    answers: PathBuf,
}

#[derive(Subcommand)]
pub enum AnswersCommand {
    /// Replace one respondent's answers to a check (a mistake put right):
    /// the answers file is read as for `health-check add`, statements left
    /// out are "don't know", and their place among the respondents is kept.
    Edit {
        file: PathBuf,
        /// The health check: HC1, HC2, ...
        reference: String,
        #[command(flatten)]
        who: RespondentArgs,
        /// The check as it is after, as JSON (as `health-check show HC1 --json` gives it).
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum ActionCommand {
    /// Add an action to a partnership's plan.
    Add {
        file: PathBuf,
        /// The partner: PT1, PT2, ...
        reference: String,
        /// What will be done.
        #[arg(long)]
        action: String,
        /// The health check element it answers: goals, vision, communication,
        /// resources, roles, evaluation, trust or difficulties.
        #[arg(long, value_name = "ID")]
        element: String,
        /// Who will do it.
        #[arg(long)]
        owner: String,
        /// Due by, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        due: String,
        /// The health check it answers (default: the partnership's latest).
        #[arg(long, value_name = "HC")]
        check: Option<String>,
    },
    /// Mark an action done (today, or --on DATE), or not done with --undo.
    Done {
        file: PathBuf,
        /// The action: AC1, AC2, ...
        reference: String,
        #[arg(long, value_name = "DATE", conflicts_with = "undo")]
        on: Option<String>,
        #[arg(long)]
        undo: bool,
    },
    /// Remove an action from the plan.
    #[command(mut_arg("reference", |a| a.help("The action: AC1, AC2, ...")))]
    Remove(RemoveArgs),
}

fn level(text: &Option<String>) -> Result<Option<Level>> {
    text.as_deref()
        .map(|t| partnerships::parse_name::<Level>(t, "level (high or low)"))
        .transpose()
}

pub fn partner(command: PartnerCommand) -> Result<()> {
    match command {
        PartnerCommand::Add(a) => {
            let input = PartnerInput {
                name: a.name,
                kind: partnerships::parse_name::<PartnerType>(&a.kind, "partner type")?,
                role: a.role,
                interests: a.interests,
                services: a.services,
                info_needs: a.info_needs,
                info_shared: a.info_shared,
                info_withheld: a.info_withheld,
                interest: level(&a.interest)?,
                influence: level(&a.influence)?,
                contacts: a
                    .contacts
                    .iter()
                    .map(|c| Contact::parse(c))
                    .collect::<Result<_>>()?,
            };
            let mut p = Portfolio::open(&a.file)?;
            let partner = p.add_partner(&input)?;
            p.close()?;
            super::out(&format!(
                "Added partner {} “{}” ({}).\n",
                partner.reference,
                partner.name,
                partner.kind_label.to_lowercase()
            ))
        }
        PartnerCommand::List { file, json } => {
            let p = Portfolio::open_read_only(&file)?;
            let partners = p.partners()?;
            p.close()?;
            if json {
                return super::out_json(&partners);
            }
            if partners.is_empty() {
                return super::out("No partners yet.\n");
            }
            let mut t = String::new();
            for s in &partners {
                let _ = write!(t, "{:<5} {} ({})", s.reference, s.name, s.kind_label);
                if let (Some(i), Some(f)) = (s.interest, s.influence) {
                    let _ = write!(t, "; interest {}, influence {}", i.key(), f.key());
                }
                let _ = write!(
                    t,
                    "\n      {} agreement{}, {} health check{}, {} open action{}, {} note{}",
                    s.agreements,
                    plural(s.agreements),
                    s.health_checks,
                    plural(s.health_checks),
                    s.actions_open,
                    plural(s.actions_open),
                    s.notes,
                    plural(s.notes)
                );
                if s.agreements_overdue > 0 {
                    let _ = write!(
                        t,
                        "; {} agreement{} overdue for review",
                        s.agreements_overdue,
                        plural(s.agreements_overdue)
                    );
                }
                if s.actions_overdue > 0 {
                    let _ = write!(
                        t,
                        "; {} action{} overdue",
                        s.actions_overdue,
                        plural(s.actions_overdue)
                    );
                }
                t.push('\n');
            }
            super::out(&t)
        }
        PartnerCommand::Show {
            file,
            reference,
            json,
        } => {
            let p = Portfolio::open_read_only(&file)?;
            let page = p.partnership(&reference)?;
            p.close()?;
            if json {
                return super::out_json(&page);
            }
            super::out(&show_partnership(&page))
        }
        PartnerCommand::Map { file, json } => {
            let p = Portfolio::open_read_only(&file)?;
            let map = p.stakeholder_map()?;
            p.close()?;
            if json {
                return super::out_json(&map);
            }
            let mut t = String::new();
            for q in &map.quadrants {
                let _ = writeln!(t, "{} — {}:", q.title, q.approach.to_lowercase());
                if q.partners.is_empty() {
                    t.push_str("  (none)\n");
                }
                for e in &q.partners {
                    let _ = writeln!(t, "  {} {}", e.reference, e.name);
                }
            }
            if !map.unplaced.is_empty() {
                t.push_str("Not placed yet:\n");
                for e in &map.unplaced {
                    let _ = writeln!(t, "  {} {}", e.reference, e.name);
                }
            }
            super::out(&t)
        }
        PartnerCommand::Evidence {
            file,
            source,
            maps,
            method,
            dry_run,
            json,
        } => {
            let choices = MakeEvidence {
                method: method
                    .as_deref()
                    .map(partnership_portfolio::evidence::EvidenceMethod::parse)
                    .transpose()?,
                title: None,
                description: None,
                maps: maps.map(|items| {
                    items
                        .into_iter()
                        .filter(|i| !i.trim().is_empty())
                        .map(|item_id| Mapping {
                            item_id,
                            note: String::new(),
                        })
                        .collect()
                }),
            };
            if dry_run {
                let p = Portfolio::open_read_only(&file)?;
                let draft = p.evidence_draft(&source)?;
                p.close()?;
                if json {
                    return super::out_json(&draft);
                }
                let items: Vec<&str> = draft.suggested.iter().map(|m| m.item_id.as_str()).collect();
                return super::out(&format!(
                    "Would make {} “{}” from {}, mapped to {}.\n\n{}\n",
                    draft.method.label().to_lowercase(),
                    draft.title,
                    draft.source_label,
                    items.join(", "),
                    draft.description
                ));
            }
            let mut p = Portfolio::open(&file)?;
            let e = p.make_evidence(&source, &choices)?;
            p.close()?;
            if json {
                return super::out_json(&e);
            }
            let items: Vec<&str> = e.mappings.iter().map(|m| m.item_id.as_str()).collect();
            super::out(&format!(
                "Made {} “{}” ({}) from {}, mapped to {}.\n",
                e.reference,
                e.title,
                e.method_label.to_lowercase(),
                e.source
                    .as_ref()
                    .map_or(source.as_str(), |s| s.label.as_str()),
                if items.is_empty() {
                    "nothing yet".to_string()
                } else {
                    items.join(", ")
                }
            ))
        }
    }
}

pub fn note(command: NoteCommand) -> Result<()> {
    match command {
        NoteCommand::Add {
            file,
            reference,
            kind,
            date,
            text,
            with,
        } => {
            let input = NoteInput {
                kind: partnerships::parse_name::<NoteKind>(&kind, "kind of note")?,
                date,
                text,
                participants: with,
            };
            let mut p = Portfolio::open(&file)?;
            let n = p.add_note(&reference, &input)?;
            p.close()?;
            super::out(&format!(
                "Added note {} to {}: {}, {}.\n",
                n.reference,
                n.partner,
                n.kind_label.to_lowercase(),
                n.date
            ))
        }
        NoteCommand::Edit(a) => edit_note(*a),
        NoteCommand::Remove(a) => remove(RecordKind::Note, a),
    }
}

fn edit_note(a: NoteEditArgs) -> Result<()> {
    if a.kind.is_none() && a.date.is_none() && a.text.is_none() && a.with.is_none() {
        return Err(Error::invalid_input(
            "Say what to change in the note: --kind, --date, --text or --with.",
        ));
    }
    let kind = a
        .kind
        .as_deref()
        .map(|k| partnerships::parse_name::<NoteKind>(k, "kind of note"))
        .transpose()?;
    let mut p = Portfolio::open(&a.file)?;
    let was = p.note(&a.reference)?;
    let input = NoteInput {
        kind: kind.unwrap_or(was.kind),
        date: a.date.unwrap_or_else(|| was.date.clone()),
        text: a.text.unwrap_or_else(|| was.text.clone()),
        participants: a.with.unwrap_or_else(|| was.participants.clone()),
    };
    let n = p.update_note(&a.reference, &input)?;
    p.close()?;
    if a.json {
        return super::out_json(&n);
    }
    if n == was {
        return super::out(&format!(
            "Note {} is as it was: nothing changed.\n",
            n.reference
        ));
    }
    super::out(&format!(
        "Changed note {} of {}: {}, {}{}.\n",
        n.reference,
        n.partner,
        n.kind_label.to_lowercase(),
        n.date,
        if n.participants.is_empty() {
            String::new()
        } else {
            format!(", with {}", n.participants.join(", "))
        }
    ))
}

/// Removes a note, agreement, health check or action and says what became
/// of what hung on it (the core's [`partnerships::RemovalEffects`]): the
/// evidence made from it (or, for an action, from its health check), and a
/// check's actions.
fn remove(kind: RecordKind, a: RemoveArgs) -> Result<()> {
    let mut p = Portfolio::open(&a.file)?;
    let done = p.remove_partnership_record(kind, &a.reference)?;
    p.close()?;
    if a.json {
        return super::out_json(&done);
    }
    let (e, after) = (&done.removed, &done.partnership);
    let mut t = format!(
        "Removed {} {} from the partnership with {} ({}).",
        kind.noun(),
        e.reference,
        after.partner.name,
        after.partner.reference
    );
    if !e.actions_kept.is_empty() {
        let _ = write!(
            t,
            " Its actions stay in the plan: {}.",
            e.actions_kept.join(", ")
        );
    }
    let made: Vec<String> = e
        .evidence
        .iter()
        .map(|m| format!("{} “{}”", m.evidence, m.title))
        .collect();
    if !made.is_empty() {
        let (stays, says) = if made.len() == 1 {
            ("stays", "says")
        } else {
            ("stay", "say")
        };
        let _ = match (e.evidence_after, &e.evidence_source) {
            (SourceStatus::Changed, Some(check)) => write!(
                t,
                " Evidence {} made from health check {check} {stays} as it was made, and now {says} the check has changed since.",
                made.join(", ")
            ),
            _ => write!(
                t,
                " Evidence {} made from it {stays} as it was made, and now {says} its source has been removed.",
                made.join(", ")
            ),
        };
    }
    t.push('\n');
    super::out(&t)
}

pub fn agreement(command: AgreementCommand) -> Result<()> {
    match command {
        AgreementCommand::Add(a) => {
            let input = AgreementInput {
                aims: a.aims,
                arrangements: a.arrangements,
                measures: a.measures,
                monitoring: a.monitoring,
                agreed_on: a.agreed,
                review_by: a.review_by,
            };
            let mut p = Portfolio::open(&a.file)?;
            let ag = p.add_agreement(&a.reference, &input)?;
            p.close()?;
            super::out(&format!(
                "Added agreement {} with {} (agreed {}, review by {}).\n",
                ag.reference, ag.partner_name, ag.agreed_on, ag.current.review_by
            ))
        }
        AgreementCommand::Revise(a) => {
            let input = AgreementRevisionInput {
                what_changed: a.what,
                why: a.why,
                revised_on: a.date,
                aims: a.aims,
                arrangements: a.arrangements,
                measures: a.measures,
                monitoring: a.monitoring,
                review_by: a.review_by,
            };
            let mut p = Portfolio::open(&a.file)?;
            let ag = p.revise_agreement(&a.reference, &input)?;
            p.close()?;
            super::out(&format!(
                "Revised agreement {} (revision {} on {}; review by {}).\n",
                ag.reference,
                ag.current.version - 1,
                ag.current.date,
                ag.current.review_by
            ))
        }
        AgreementCommand::List {
            file,
            overdue,
            json,
        } => {
            let p = Portfolio::open_read_only(&file)?;
            let list = p.agreements_of(None, overdue)?;
            p.close()?;
            if json {
                return super::out_json(&list);
            }
            if list.is_empty() {
                return super::out(if overdue {
                    "No agreement is past its review-by date.\n"
                } else {
                    "No agreements yet.\n"
                });
            }
            let t: String = list.iter().map(agreement_line).collect();
            super::out(&t)
        }
        AgreementCommand::Remove(a) => remove(RecordKind::Agreement, a),
    }
}

fn agreement_line(a: &Agreement) -> String {
    format!(
        "{:<5} {} ({}): agreed {}, review by {}{}{}\n",
        a.reference,
        a.partner_name,
        a.partner,
        a.agreed_on,
        a.current.review_by,
        match a.revisions().len() {
            0 => String::new(),
            n => format!(", revised {n} time{}", plural(n as u32)),
        },
        if a.overdue {
            "  OVERDUE for review"
        } else {
            ""
        }
    )
}

pub fn health_check(command: HealthCheckCommand) -> Result<()> {
    match command {
        HealthCheckCommand::Template { json } => {
            if json {
                return super::out_json(&TEMPLATE);
            }
            let mut t = format!("{}\n\n{}\n\n", TEMPLATE.title, TEMPLATE.introduction);
            let scale: Vec<String> = TEMPLATE
                .scale
                .iter()
                .map(|s| format!("{} {}", s.score, s.label.to_lowercase()))
                .collect();
            let _ = writeln!(
                t,
                "Scores: {}; null: {}.\n",
                scale.join(", "),
                TEMPLATE.dont_know.to_lowercase()
            );
            for e in TEMPLATE.elements {
                let _ = writeln!(t, "{} ({})", e.name, e.id);
                for s in e.statements {
                    let _ = writeln!(t, "  {:<16} {}", s.id, s.text);
                }
                t.push('\n');
            }
            let _ = writeln!(t, "{}", TEMPLATE.reading);
            super::out(&t)
        }
        HealthCheckCommand::Add {
            file,
            reference,
            who,
            date,
        } => {
            let answers = answers_from_file(&who.answers)?;
            let input = HealthCheckResponseInput {
                respondent: who.respondent,
                date,
                answers,
            };
            let mut p = Portfolio::open(&file)?;
            let check = p.record_health_check(&reference, &input)?;
            p.close()?;
            let r = check
                .respondents
                .last()
                .expect("the respondent just recorded");
            super::out(&format!(
                "Recorded {}’s answers in health check {} of {} on {} ({} scored, {} don’t know); {} respondent{} so far.\n",
                r.respondent,
                check.reference,
                check.partner_name,
                check.date,
                r.scored,
                r.dont_know,
                check.respondents.len(),
                plural(check.respondents.len() as u32)
            ))
        }
        HealthCheckCommand::Answers(AnswersCommand::Edit {
            file,
            reference,
            who,
            json,
        }) => edit_answers(&file, &reference, &who, json),
        HealthCheckCommand::Show {
            file,
            reference,
            json,
        } => {
            let p = Portfolio::open_read_only(&file)?;
            let one = matches!(
                partnerships::RecordKind::parse_any(&reference),
                Some((partnerships::RecordKind::HealthCheck, _))
            );
            let checks = if one {
                vec![p.health_check(&reference)?]
            } else {
                p.health_checks(&reference)?
            };
            p.close()?;
            if json {
                return super::out_json(&checks);
            }
            if checks.is_empty() {
                return super::out("No health checks of this partnership yet.\n");
            }
            let t: String = checks.iter().map(show_check).collect::<Vec<_>>().join("\n");
            super::out(&t)
        }
        HealthCheckCommand::Form {
            file,
            reference,
            output,
            date,
        } => {
            let date = match date {
                Some(d) => partnership_portfolio::timestamp::parse_date(&d, "date of the form")?,
                None => partnership_portfolio::timestamp::today(),
            };
            let p = Portfolio::open_read_only(&file)?;
            let written = export::write_health_check_form(
                &p,
                &reference,
                date,
                &output,
                export::export_time()?,
            )?;
            p.close()?;
            super::out(&format!(
                "Wrote {}: the blank health check form ({} page{}).\n",
                output.display(),
                written.pages,
                plural(written.pages)
            ))
        }
        HealthCheckCommand::Remove(a) => remove(RecordKind::HealthCheck, a),
    }
}

/// `health-check answers edit`: one respondent's answers replaced, saying
/// what they are now (or that nothing changed).
fn edit_answers(
    file: &std::path::Path,
    reference: &str,
    who: &RespondentArgs,
    json: bool,
) -> Result<()> {
    let (respondent, answers) = (&who.respondent, answers_from_file(&who.answers)?);
    let mut p = Portfolio::open(file)?;
    let was = p.health_check(reference)?;
    let check = p.replace_health_check_response(reference, respondent, &answers)?;
    p.close()?;
    if json {
        return super::out_json(&check);
    }
    let named = |c: &HealthCheck| {
        c.respondents
            .iter()
            .find(|r| r.respondent.to_lowercase() == respondent.trim().to_lowercase())
            .cloned()
    };
    let r = named(&check).expect("the respondent whose answers were replaced");
    if named(&was).as_ref() == Some(&r) {
        return super::out(&format!(
            "{}’s answers in health check {} are as they were: nothing changed.\n",
            r.respondent, check.reference
        ));
    }
    super::out(&format!(
        "Changed {}’s answers in health check {} of {} on {} ({} scored, {} don’t know).\n",
        r.respondent, check.reference, check.partner_name, check.date, r.scored, r.dont_know
    ))
}

pub fn action(command: ActionCommand) -> Result<()> {
    match command {
        ActionCommand::Add {
            file,
            reference,
            action,
            element,
            owner,
            due,
            check,
        } => {
            let input = ActionInput {
                action,
                element,
                owner,
                due,
                health_check: check,
            };
            let mut p = Portfolio::open(&file)?;
            let a = p.add_action(&reference, &input)?;
            p.close()?;
            super::out(&format!(
                "Added action {} to {} ({}; owner {}; due {}{}).\n",
                a.reference,
                a.partner,
                a.element_name.to_lowercase(),
                a.owner,
                a.due,
                a.health_check
                    .as_deref()
                    .map(|c| format!("; answers {c}"))
                    .unwrap_or_default()
            ))
        }
        ActionCommand::Done {
            file,
            reference,
            on,
            undo,
        } => {
            let mut p = Portfolio::open(&file)?;
            let a = p.set_action_done(&reference, !undo, on.as_deref())?;
            p.close()?;
            super::out(&match &a.done_on {
                Some(d) => format!("Action {} done on {d}.\n", a.reference),
                None => format!(
                    "Action {} is not done{}.\n",
                    a.reference,
                    if a.overdue { " (overdue)" } else { "" }
                ),
            })
        }
        ActionCommand::Remove(a) => remove(RecordKind::Action, a),
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn show_partnership(page: &partnerships::Partnership) -> String {
    let p = &page.partner;
    let mut t = format!("{}  {}\n{}\n", p.reference, p.name, p.kind_label);
    for (label, value) in [
        ("Role and responsibilities", &p.role),
        ("Interests and concerns", &p.interests),
        ("Services", &p.services),
        ("Information they need", &p.info_needs),
        ("Agreed may be shared", &p.info_shared),
        ("May not be shared", &p.info_withheld),
    ] {
        if !value.is_empty() {
            let _ = write!(t, "\n{label}: {value}\n");
        }
    }
    if let (Some(i), Some(f)) = (p.interest, p.influence) {
        let _ = write!(
            t,
            "\nStakeholder map: interest {}, influence {}\n",
            i.key(),
            f.key()
        );
    }
    for c in &p.contacts {
        let _ = writeln!(
            t,
            "Contact: {}{}{}",
            c.name,
            prefixed(", ", &c.role),
            prefixed(", ", &c.reach)
        );
    }
    if !page.agreements.is_empty() {
        t.push_str("\nAgreements:\n");
        for a in &page.agreements {
            t.push_str(&agreement_line(a));
        }
    }
    if !page.health_checks.is_empty() {
        t.push_str("\nHealth checks:\n");
        for c in &page.health_checks {
            let _ = writeln!(t, "{:<5} {}: {}", c.reference, c.date, c.summary);
        }
    }
    if !page.actions.is_empty() {
        t.push_str("\nAction plan:\n");
        for a in &page.actions {
            t.push_str(&action_line(a));
        }
    }
    if !page.notes.is_empty() {
        t.push_str("\nNotes:\n");
        for n in &page.notes {
            let _ = writeln!(
                t,
                "{:<5} {} {}{}: {}",
                n.reference,
                n.date,
                n.kind_label,
                if n.participants.is_empty() {
                    String::new()
                } else {
                    format!(" (with {})", n.participants.join(", "))
                },
                n.text.replace('\n', " ")
            );
        }
    }
    for e in &page.evidence {
        let _ = writeln!(
            t,
            "Evidence {} “{}” made from {}",
            e.evidence, e.title, e.source
        );
    }
    t
}

fn prefixed(sep: &str, value: &str) -> String {
    if value.is_empty() {
        String::new()
    } else {
        format!("{sep}{value}")
    }
}

fn action_line(a: &partnerships::Action) -> String {
    format!(
        "{:<5} {} ({}; owner {}; due {}) {}\n",
        a.reference,
        a.action,
        a.element_name.to_lowercase(),
        a.owner,
        a.due,
        match (&a.done_on, a.overdue) {
            (Some(d), _) => format!("done {d}"),
            (None, true) => "OVERDUE".to_string(),
            (None, false) => "not done yet".to_string(),
        }
    )
}

fn show_check(c: &HealthCheck) -> String {
    let who: Vec<&str> = c
        .respondents
        .iter()
        .map(|r| r.respondent.as_str())
        .collect();
    let mut t = format!(
        "{} {} of {} ({}), answered by {}\n",
        c.reference,
        c.date,
        c.partner_name,
        c.partner,
        if who.is_empty() {
            "nobody yet".to_string()
        } else {
            who.join(", ")
        }
    );
    for e in &c.results {
        let each: Vec<String> = e
            .respondents
            .iter()
            .map(|r| {
                format!(
                    "{} {}",
                    r.respondent,
                    r.mean.map_or_else(|| "–".to_string(), |m| m.to_string())
                )
            })
            .collect();
        let _ = writeln!(
            t,
            "  {:<42} {:>5}  {}{}",
            e.name,
            e.mean.map_or_else(|| "–".to_string(), |m| m.to_string()),
            e.summary,
            if each.len() > 1 {
                format!(" [{}]", each.join("; "))
            } else {
                String::new()
            }
        );
    }
    let _ = writeln!(t, "  {}", c.summary);
    t
}
