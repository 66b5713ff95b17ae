//! Open export commands: `export` (the whole portfolio as a ZIP of JSON,
//! attached files, the PDF and a manifest) and `import` (a new learner's
//! portfolio rebuilt from such a ZIP).

use partnership_portfolio::evidence::attachments::human_size;
use partnership_portfolio::{export, open_export, Portfolio, Result};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The portfolio file.
    file: PathBuf,
    /// The ZIP to write (replaced if it exists, only once the new one is complete).
    #[arg(short, long, value_name = "PORTFOLIO.zip")]
    output: PathBuf,
    /// Print what was written as JSON.
    #[arg(long)]
    json: bool,
}

/// Exports the open ZIP, stamped with `SOURCE_DATE_EPOCH` when set.
pub fn export(args: ExportArgs) -> Result<()> {
    let exported_at = export::export_time()?;
    let portfolio = Portfolio::open(&args.file)?;
    let done = open_export::export_zip(&portfolio, &args.output, exported_at)?;
    portfolio.close()?;
    if args.json {
        return super::out_json(&done);
    }
    super::out(&format!(
        "Wrote {}: {} ({} pieces of evidence, {} files, a {}-page PDF; format {}).\n",
        done.path.display(),
        human_size(done.bytes),
        done.evidence,
        done.files,
        done.pdf_pages,
        done.format_version
    ))
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The ZIP written by `export`.
    zip: PathBuf,
    /// The new portfolio file to make (it must not exist).
    #[arg(short, long, value_name = "NEW.portfolio")]
    output: PathBuf,
    /// Print what was made as JSON.
    #[arg(long)]
    json: bool,
}

pub fn import(args: ImportArgs) -> Result<()> {
    let done = open_export::import_zip(&args.zip, &args.output)?;
    if args.json {
        return super::out_json(&done);
    }
    super::out(&format!(
        "Made {} (\"{}\"): {} pieces of evidence, {} files, {} submissions, {} history entries.\n",
        done.path.display(),
        done.title,
        done.evidence,
        done.files,
        done.submissions,
        done.history_entries
    ))
}
