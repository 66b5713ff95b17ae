//! Evidence commands: `evidence add|edit|list|show|remove|export|attach|describe|map|unmap`,
//! `witnesses` (the witness status list) and `coverage` (the matrix).

use clap::Subcommand;
use partnership_portfolio::evidence::attachments::human_size;
use partnership_portfolio::evidence::{
    ConfidentialDescriptor, EvidenceInput, EvidenceMethod, EvidenceQuery, EvidenceSort, Mapping,
    NewEvidence, WitnessChoice, WitnessInput,
};
use partnership_portfolio::{Error, Portfolio, Result};
use std::fmt::Write;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum EvidenceCommand {
    /// Add a piece of evidence, with its files and mappings, all or nothing.
    Add(Box<AddArgs>),
    /// Change a piece of evidence's fields and what it maps to, in one save.
    Edit(EditArgs),
    /// List the evidence (searched, filtered, sorted).
    List(ListArgs),
    /// Show one piece of evidence in full.
    Show {
        file: PathBuf,
        /// E1, E2, ...
        reference: String,
        #[arg(long)]
        json: bool,
    },
    /// Remove a piece of evidence; its files' bytes go unless other evidence uses them.
    Remove { file: PathBuf, reference: String },
    /// Save a piece of evidence's attached files into a folder.
    Export {
        file: PathBuf,
        reference: String,
        dir: PathBuf,
    },
    /// Attach more files to a piece of evidence.
    Attach {
        file: PathBuf,
        reference: String,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Describe an attached file in words (a photo's alternative text in the
    /// PDF); empty text removes the description.
    Describe {
        file: PathBuf,
        reference: String,
        /// The attached file's name, as `evidence show` lists it.
        file_name: String,
        #[arg(long)]
        text: String,
        #[arg(long)]
        json: bool,
    },
    /// Map a piece of evidence to an item, with a note of how it shows it.
    Map {
        file: PathBuf,
        reference: String,
        item: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Remove a mapping.
    Unmap {
        file: PathBuf,
        reference: String,
        item: String,
    },
}

#[derive(clap::Args)]
pub struct AddArgs {
    file: PathBuf,
    #[arg(long)]
    title: String,
    /// observation, witness-testimony, product, professional-discussion,
    /// reflective-account, questions-and-answers, prior-learning, other
    #[arg(long, value_name = "METHOD")]
    method: String,
    /// Date of the activity, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// The context and what it shows.
    #[arg(long, default_value = "")]
    description: String,
    /// A file to attach (repeat for more).
    #[arg(long = "attach", value_name = "PATH")]
    attach: Vec<PathBuf>,
    /// Items it shows, comma-separated: P1,K4.
    #[arg(long, value_name = "ITEMS", value_delimiter = ',')]
    maps: Vec<String>,
    #[arg(long)]
    witness_name: Option<String>,
    #[arg(long, default_value = "")]
    witness_role: String,
    #[arg(long, default_value = "")]
    witness_organisation: String,
    #[arg(long, default_value = "")]
    witness_relationship: String,
    #[arg(long, default_value = "")]
    witness_contact: String,
    /// The witness's own statement of competence.
    #[arg(long, default_value = "")]
    witness_competence: String,
    /// For evidence that cannot be attached: what the original is.
    #[arg(long)]
    confidential_what: Option<String>,
    /// Where the original is held.
    #[arg(long, default_value = "")]
    confidential_held_at: String,
    /// Who can confirm it.
    #[arg(long, default_value = "")]
    confidential_confirmer: String,
}

/// What `evidence edit` changes; what is not given stays as it is.
#[derive(clap::Args)]
pub struct EditArgs {
    file: PathBuf,
    /// E1, E2, ...
    reference: String,
    #[arg(long)]
    title: Option<String>,
    #[arg(long, value_name = "METHOD")]
    method: Option<String>,
    /// Date of the activity, YYYY-MM-DD ("" for none).
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    #[arg(long)]
    description: Option<String>,
    /// The items it shows, replacing the current ones (notes of items kept
    /// stay): P1,K4; "" for none.
    #[arg(long, value_name = "ITEMS", value_delimiter = ',')]
    maps: Option<Vec<String>>,
}

#[derive(clap::Args)]
pub struct ListArgs {
    file: PathBuf,
    #[arg(long)]
    json: bool,
    /// Words to look for in titles, descriptions and file names.
    #[arg(long)]
    search: Option<String>,
    #[arg(long, value_name = "METHOD")]
    method: Option<String>,
    /// Only evidence mapped to this item.
    #[arg(long)]
    item: Option<String>,
    /// reference (default), newest or oldest (by activity date).
    #[arg(long, default_value = "reference")]
    sort: String,
}

pub fn run(command: EvidenceCommand) -> Result<()> {
    match command {
        EvidenceCommand::Add(a) => add(*a),
        EvidenceCommand::Edit(a) => edit(a),
        EvidenceCommand::List(a) => list(a),
        EvidenceCommand::Show {
            file,
            reference,
            json,
        } => {
            let p = Portfolio::open(&file)?;
            let e = p.evidence(&reference)?;
            p.close()?;
            if json {
                return super::out_json(&e);
            }
            let mut t = format!("{}  {}\n{}", e.reference, e.title, e.method_label);
            if let Some(d) = &e.activity_date {
                let _ = write!(t, ", {d}");
            }
            t.push('\n');
            if !e.description.is_empty() {
                let _ = writeln!(t, "\n{}", e.description);
            }
            if let Some(w) = &e.witness {
                let _ = writeln!(
                    t,
                    "\nWitness: {}, {} ({}); {}",
                    w.name, w.job_role, w.organisation, w.relationship
                );
            }
            if let Some(c) = &e.confidential {
                let _ = writeln!(
                    t,
                    "\nConfidential: {}; held at {}; confirmed by {}",
                    c.what, c.held_at, c.confirmer
                );
            }
            for a in &e.attachments {
                let _ = writeln!(
                    t,
                    "File: {} ({}, {}, sha256 {})",
                    a.file_name,
                    human_size(a.size),
                    a.media_type,
                    a.sha256
                );
                if let Some(d) = &a.description {
                    let _ = writeln!(t, "  Described as: {d}");
                }
            }
            for m in &e.mappings {
                let _ = writeln!(
                    t,
                    "Maps to {}{}",
                    m.item_id,
                    if m.note.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", m.note)
                    }
                );
            }
            super::out(&t)
        }
        EvidenceCommand::Remove { file, reference } => {
            let mut p = Portfolio::open(&file)?;
            let title = p.evidence(&reference)?.heading.title;
            p.remove_evidence(&reference)?;
            p.close()?;
            super::out(&format!(
                "Removed {} \"{title}\".\n",
                reference.to_uppercase()
            ))
        }
        EvidenceCommand::Export {
            file,
            reference,
            dir,
        } => {
            let p = Portfolio::open(&file)?;
            let written = p.export_evidence_files(&reference, &dir)?;
            p.close()?;
            let lines: Vec<String> = written
                .iter()
                .map(|w| format!("Saved {}\n", w.display()))
                .collect();
            super::out(&lines.concat())
        }
        EvidenceCommand::Attach {
            file,
            reference,
            paths,
        } => {
            let mut p = Portfolio::open(&file)?;
            let mut t = String::new();
            for path in paths {
                let o = p.attach(&reference, &path)?;
                let _ = writeln!(
                    t,
                    "Attached {} ({}).",
                    o.attachment.file_name,
                    human_size(o.attachment.size)
                );
                notes(&o.notes);
            }
            p.close()?;
            super::out(&t)
        }
        EvidenceCommand::Describe {
            file,
            reference,
            file_name,
            text,
            json,
        } => {
            let mut p = Portfolio::open(&file)?;
            let id = p.attachment_named(&reference, &file_name)?.id;
            let a = p.describe_attachment(id, &text)?;
            p.close()?;
            if json {
                return super::out_json(&a);
            }
            super::out(&match &a.description {
                Some(d) => format!("{} is described as \"{d}\".\n", a.file_name),
                None => format!("{} has no description.\n", a.file_name),
            })
        }
        EvidenceCommand::Map {
            file,
            reference,
            item,
            note,
        } => {
            let mut p = Portfolio::open(&file)?;
            let e = p.map_evidence(&reference, &item, &note)?;
            p.close()?;
            super::out(&format!(
                "{} now maps to {}.\n",
                e.reference,
                mapped(&e.mappings)
            ))
        }
        EvidenceCommand::Unmap {
            file,
            reference,
            item,
        } => {
            let mut p = Portfolio::open(&file)?;
            let e = p.unmap_evidence(&reference, &item)?;
            p.close()?;
            super::out(&format!(
                "{} now maps to {}.\n",
                e.reference,
                mapped(&e.mappings)
            ))
        }
    }
}

fn mapped(m: &[Mapping]) -> String {
    if m.is_empty() {
        "no items".into()
    } else {
        m.iter()
            .map(|m| m.item_id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Notes about an attachment go to standard error, so output stays clean.
fn notes(notes: &[String]) {
    for n in notes {
        eprintln!("note: {n}");
    }
}

fn add(a: AddArgs) -> Result<()> {
    let method = EvidenceMethod::parse(&a.method)?;
    let witness = a.witness_name.map(|name| {
        WitnessChoice::New(WitnessInput {
            name,
            job_role: a.witness_role,
            organisation: a.witness_organisation,
            relationship: a.witness_relationship,
            contact: a.witness_contact,
            competence: a.witness_competence,
        })
    });
    let confidential = a.confidential_what.map(|what| ConfidentialDescriptor {
        what,
        held_at: a.confidential_held_at,
        confirmer: a.confidential_confirmer,
    });
    let mappings = a
        .maps
        .iter()
        .filter(|m| !m.trim().is_empty())
        .map(|m| Mapping {
            item_id: m.trim().into(),
            note: String::new(),
        })
        .collect();
    let mut p = Portfolio::open(&a.file)?;
    let (e, outcomes) = p.add_evidence(NewEvidence {
        input: EvidenceInput {
            title: a.title,
            method,
            activity_date: a.date,
            description: a.description,
            witness,
            confidential,
        },
        attach: a.attach,
        mappings,
    })?;
    p.close()?;
    for o in &outcomes {
        notes(&o.notes);
    }
    super::out(&format!(
        "Added {} \"{}\" ({}), {} file(s), mapped to {}.\n",
        e.reference,
        e.title,
        e.method_label,
        e.attachments.len(),
        mapped(&e.mappings)
    ))
}

fn edit(a: EditArgs) -> Result<()> {
    let mut p = Portfolio::open(&a.file)?;
    let e = p.evidence(&a.reference)?;
    let input = EvidenceInput {
        title: a.title.unwrap_or(e.title.clone()),
        method: match &a.method {
            Some(m) => EvidenceMethod::parse(m)?,
            None => e.method,
        },
        activity_date: a.date.or(e.activity_date.clone()),
        description: a.description.unwrap_or(e.description.clone()),
        witness: e.witness.as_ref().map(|w| WitnessChoice::Existing(w.id)),
        confidential: e.confidential.clone(),
    };
    let mappings = match a.maps {
        None => e.mappings.clone(),
        Some(items) => items
            .iter()
            .map(|i| i.trim())
            .filter(|i| !i.is_empty())
            .map(|item| {
                let kept = e
                    .mappings
                    .iter()
                    .find(|m| m.item_id.eq_ignore_ascii_case(item));
                Mapping {
                    item_id: item.to_string(),
                    note: kept.map(|m| m.note.clone()).unwrap_or_default(),
                }
            })
            .collect(),
    };
    let saved = p.edit_evidence(&a.reference, &input, &mappings)?;
    p.close()?;
    super::out(&format!(
        "Saved {} \"{}\" ({}), mapped to {}.\n",
        saved.reference,
        saved.title,
        saved.method_label,
        mapped(&saved.mappings)
    ))
}

fn list(a: ListArgs) -> Result<()> {
    let sort = match a.sort.as_str() {
        "reference" => EvidenceSort::Reference,
        "newest" => EvidenceSort::DateNewest,
        "oldest" => EvidenceSort::DateOldest,
        other => {
            return Err(Error::invalid_input(format!(
                "Sort by reference, newest or oldest, not \"{other}\"."
            )))
        }
    };
    let method = a.method.as_deref().map(EvidenceMethod::parse).transpose()?;
    let p = Portfolio::open(&a.file)?;
    let rows = p.list_evidence(&EvidenceQuery {
        search: a.search,
        method,
        item: a.item,
        sort,
    })?;
    p.close()?;
    if a.json {
        return super::out_json(&rows);
    }
    let mut t = String::new();
    for r in &rows {
        let _ = writeln!(
            t,
            "{:>5}  {:<10}  {:<28}  {}  [{}]  {} file(s)",
            r.reference,
            r.activity_date.as_deref().unwrap_or("undated"),
            r.method_label,
            r.title,
            r.item_ids.join(","),
            r.attachment_count
        );
    }
    let _ = writeln!(t, "{} piece(s) of evidence", rows.len());
    super::out(&t)
}

#[derive(clap::Args)]
pub struct WitnessesArgs {
    file: PathBuf,
    #[arg(long)]
    json: bool,
}

pub fn witnesses(a: WitnessesArgs) -> Result<()> {
    let p = Portfolio::open(&a.file)?;
    let list = p.witnesses()?;
    p.close()?;
    if a.json {
        return super::out_json(&list);
    }
    let mut t = String::new();
    for s in &list {
        let w = &s.witness;
        let contact = w.contact.replace('\n', ", ");
        let details: Vec<&str> = [
            w.job_role.as_str(),
            &w.organisation,
            &w.relationship,
            &contact,
        ]
        .into_iter()
        .filter(|d| !d.is_empty())
        .collect();
        let _ = writeln!(
            t,
            "{}: {}; evidence {}",
            w.name,
            details.join("; "),
            s.evidence_refs.join(", ")
        );
    }
    super::out(&t)
}

#[derive(clap::Args)]
pub struct CoverageArgs {
    file: PathBuf,
    #[arg(long)]
    json: bool,
    /// Only the items without evidence.
    #[arg(long)]
    gaps: bool,
}

pub fn coverage(a: CoverageArgs) -> Result<()> {
    let p = Portfolio::open(&a.file)?;
    let c = p.coverage()?;
    p.close()?;
    if a.json {
        return super::out_json(&c);
    }
    let mut t = format!(
        "{} of {} items have evidence ({} gaps); {} pieces of evidence, {} mappings.\n\n",
        c.covered_items,
        c.total_items,
        c.gaps,
        c.evidence.len(),
        c.mappings
    );
    for row in c.rows.iter().filter(|r| !a.gaps || r.evidence.is_empty()) {
        let refs: Vec<String> = row.evidence.iter().map(|n| format!("E{n}")).collect();
        let shown = if refs.is_empty() {
            "— no evidence yet".to_string()
        } else {
            refs.join(" ")
        };
        let _ = writeln!(t, "{:>4}  {:>2}  {shown}", row.item_id, row.evidence.len());
    }
    super::out(&t)
}
