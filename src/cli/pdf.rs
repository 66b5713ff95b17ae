//! PDF commands: `pdf` (export the evidence portfolio) and `demo` (make a
//! realistic demo portfolio to try the app, the export and the benchmark on).

use partnership_portfolio::demo::{self, DemoOptions};
use partnership_portfolio::evidence::attachments::human_size;
use partnership_portfolio::{export, Portfolio, Result};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct PdfArgs {
    /// The portfolio file.
    file: PathBuf,
    /// The PDF to write (replaced if it exists, only once the new one is complete).
    #[arg(short, long, value_name = "OUT.pdf")]
    output: PathBuf,
    /// Print what was written as JSON.
    #[arg(long)]
    json: bool,
}

/// Exports the PDF, stamped with `SOURCE_DATE_EPOCH` when set (reproducible
/// output), otherwise the current time, and says which characters (if any)
/// no font in it could show.
pub fn pdf(args: PdfArgs) -> Result<()> {
    let exported_at = export::export_time()?;
    let portfolio = Portfolio::open(&args.file)?;
    let summary = export::write_pdf(&portfolio, &args.output, exported_at, &mut |_| {})?;
    portfolio.close()?;
    if args.json {
        return super::out_json(&summary);
    }
    let mut text = format!(
        "Wrote {}: {} pages, {} ({} pieces of evidence, {} photos).\n",
        summary.path.display(),
        summary.pages,
        human_size(summary.bytes),
        summary.evidence,
        summary.photos
    );
    if !summary.missing_characters.is_empty() {
        text.push_str(&format!(
            "No font in the PDF has {}; each is printed as \u{FFFD}:\n",
            match summary.missing_characters.len() {
                1 => "this character".to_string(),
                n => format!("these {n} characters"),
            }
        ));
        for m in &summary.missing_characters {
            text.push_str(&format!(
                "  {} {}: {}\n",
                m.code_point,
                m.character,
                m.places.join("; ")
            ));
        }
    }
    super::out(&text)
}

#[derive(clap::Args)]
pub struct DemoArgs {
    /// The portfolio file to create (it must not exist).
    file: PathBuf,
    /// How many evidence records.
    #[arg(long, value_name = "N", default_value_t = DemoOptions::default().evidence)]
    evidence: usize,
    /// How many photos (12 megapixels each, drawn on the fly).
    #[arg(long, value_name = "M", default_value_t = DemoOptions::default().photos)]
    photos: usize,
    /// The same seed makes the same content.
    #[arg(long, default_value_t = DemoOptions::default().seed)]
    seed: u64,
    /// Leave it unsubmitted (no submissions, judgements or sign-off).
    #[arg(long)]
    no_assessment: bool,
    /// Print what was made as JSON.
    #[arg(long)]
    json: bool,
}

pub fn demo(args: DemoArgs) -> Result<()> {
    let options = DemoOptions {
        evidence: args.evidence,
        photos: args.photos,
        seed: args.seed,
        assessed: !args.no_assessment,
        ..DemoOptions::default()
    };
    let made = demo::create_demo(&args.file, &options)?;
    if args.json {
        return super::out_json(&made);
    }
    let assessed = match made.submissions {
        0 => "not submitted".to_string(),
        n => format!("submitted {n} times, judged and signed off"),
    };
    super::out(&format!(
        "Created {}: {} items written up ({} words), {} pieces of evidence, {} photos, {} other files, {} witnesses; {assessed}.\n",
        args.file.display(),
        made.items,
        made.words,
        made.evidence,
        made.photos,
        made.other_files,
        made.witnesses
    ))
}
