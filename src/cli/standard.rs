//! `standard`: prints the catalogue of CLDAL16 (or checks and prints a
//! standard data file given with `--file`).

use partnership_portfolio::catalogue::{self, Standard};
use partnership_portfolio::Result;
use std::fmt::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct StandardArgs {
    /// Print JSON in the standard data format.
    #[arg(long)]
    json: bool,
    /// A standard data file to load and check instead of the built-in CLDAL16.
    #[arg(long, value_name = "PATH")]
    file: Option<PathBuf>,
}

pub fn run(args: StandardArgs) -> Result<()> {
    let loaded;
    let standard = match &args.file {
        Some(path) => {
            loaded = Standard::load(path)?;
            &loaded
        }
        None => catalogue::cldal16(),
    };
    if args.json {
        return super::out_json(standard);
    }
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} {} (version {})",
        standard.urn, standard.title, standard.version
    );
    for paragraph in &standard.overview {
        let _ = writeln!(text, "\n{paragraph}");
    }
    for section in &standard.sections {
        let _ = writeln!(text, "\n{}\n{}", section.title, section.lead_in);
        for item in &section.items {
            let _ = writeln!(text, "{:>4}  {}", item.id, item.text);
        }
    }
    for entry in &standard.glossary {
        let _ = writeln!(text, "\nGlossary: {}\n{}", entry.term, entry.definition);
    }
    super::out(&text)
}
