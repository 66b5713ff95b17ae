//! The PDF evidence portfolio: reads a [`Portfolio`] and builds the document
//! a learner submits for their qualification, in the order awarding bodies
//! expect (front sheet, contents, declarations, summary of achievement,
//! evidence location sheet, evidence index, witness status list, one section
//! per item, the assessment record with the audit trail, and the evidence
//! appendix), then typesets it with [`crate::pdf`].
//!
//! Nothing a learner wrote is shortened or left out: every account,
//! description, mapping note, witness detail, confidential descriptor and
//! file name is printed in full. The export time is an input, so the same
//! portfolio exported at the same time gives a byte-identical file.
//!
//! ```no_run
//! # fn main() -> partnership_portfolio::Result<()> {
//! use partnership_portfolio::{export, Portfolio};
//! let portfolio = Portfolio::open("siân.portfolio".as_ref())?;
//! let summary = export::write_pdf(
//!     &portfolio,
//!     "siân.pdf".as_ref(),
//!     export::export_time()?,
//!     &mut |p| eprintln!("{:?} {}/{}", p.stage, p.done, p.total),
//! )?;
//! println!("{} pages, {} bytes", summary.pages, summary.bytes);
//! # Ok(()) }
//! ```

mod appendix;
mod assessment;
mod assessment_plan;
mod front;
mod iqa;
mod items;
mod listings;
mod partnerships;
mod records;
mod snapshot;
mod words;

use crate::error::{Error, Result};
use crate::pdf::{self, Block, Document, Metadata, Orientation, PlacedSection, RunningText};
use crate::storage::Portfolio;
use jiff::Timestamp;
use serde::Serialize;
use snapshot::Snapshot;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// What the export is doing, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "PdfExportStage")]
pub enum Stage {
    /// Reading the portfolio (`done` of `total` evidence records).
    Reading,
    /// Laying out and typesetting the pages.
    Typesetting,
    /// Writing the file.
    Writing,
    /// The file is in place.
    Finished,
}

/// A progress report: a stage, and how far through it the export is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "PdfExportProgress")]
pub struct Progress {
    pub stage: Stage,
    pub done: u32,
    pub total: u32,
}

impl Progress {
    pub(crate) fn new(stage: Stage, done: u32, total: u32) -> Progress {
        Progress { stage, done, total }
    }
}

/// What [`write_pdf`] made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "PdfExportSummary")]
pub struct ExportSummary {
    /// Where the PDF is.
    #[ts(type = "string")]
    pub path: PathBuf,
    pub pages: u32,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// SHA-256 (hex) of the portfolio content the PDF shows.
    pub fingerprint: String,
    /// How many evidence records the PDF prints.
    pub evidence: u32,
    /// How many photographs it prints.
    pub photos: u32,
    /// Characters no embedded font can show, printed as a placeholder (�),
    /// with where they are; empty when every character is shown as itself.
    pub missing_characters: Vec<MissingCharacter>,
}

/// A character the PDF cannot show as itself (no embedded font has it, such
/// as a private-use or unassigned code point): it is printed as a visible
/// placeholder, U+FFFD (�), and listed here so the learner can change it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "PdfMissingCharacter")]
pub struct MissingCharacter {
    /// The character itself.
    pub character: String,
    /// Its code point, such as `U+E000`.
    pub code_point: String,
    /// Where it is, once per section: `page 12: Evidence appendix › E3 Minutes`.
    pub places: Vec<String>,
}

/// The engine's list (one entry per character and section) grouped by
/// character, in the order the characters first appear.
fn missing_characters(found: &[pdf::MissingCharacter]) -> Vec<MissingCharacter> {
    let mut out: Vec<MissingCharacter> = Vec::new();
    for m in found {
        let place = format!("page {}: {}", m.page, m.section.join(" \u{203A} "));
        let place = place.trim_end_matches(": ").to_owned();
        match out
            .iter_mut()
            .find(|o| o.character.chars().eq(std::iter::once(m.character)))
        {
            Some(o) => o.places.push(place),
            None => out.push(MissingCharacter {
                character: m.character.to_string(),
                code_point: format!("U+{:04X}", u32::from(m.character)),
                places: vec![place],
            }),
        }
    }
    out
}

/// A rendered export, in memory.
#[derive(Debug, Clone)]
pub struct ExportedPdf {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// Every heading with the page it is on (what the contents and the
    /// bookmarks show).
    pub sections: Vec<PlacedSection>,
    pub fingerprint: String,
    pub evidence: usize,
    pub photos: usize,
    /// Characters printed as placeholders, with where they are.
    pub missing_characters: Vec<MissingCharacter>,
}

/// The name the app suggests for a learner's PDF:
/// `<learner>-<URN>-evidence-portfolio.pdf` (made safe as exchange file names are).
pub fn pdf_file_name(learner: &str, urn: &str) -> String {
    format!(
        "{}-evidence-portfolio.pdf",
        crate::exchange::submit::file_stem(learner, urn)
    )
}

/// The time to stamp an export with: `SOURCE_DATE_EPOCH` (seconds since
/// 1970, as reproducible builds use it) when set, otherwise now.
pub fn export_time() -> Result<Timestamp> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => parse_epoch(&v),
        Err(_) => Ok(Timestamp::now()),
    }
}

fn parse_epoch(text: &str) -> Result<Timestamp> {
    text.trim()
        .parse::<i64>()
        .ok()
        .and_then(|s| Timestamp::from_second(s).ok())
        .ok_or_else(|| {
            Error::invalid_input(format!(
                "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (it is \"{text}\")."
            ))
        })
}

/// The document model of a portfolio's PDF, as exported at `exported_at`.
pub fn build_document(portfolio: &Portfolio, exported_at: Timestamp) -> Result<Document> {
    let mut snapshot = Snapshot::read(portfolio, &mut |_| {})?;
    Ok(document(&mut snapshot, exported_at))
}

/// Exports the portfolio to PDF bytes in memory. The check of the file
/// (`Portfolio::verify`, what the front sheet's "Checked at this export"
/// says) is made on a second connection to the same moment of the file while
/// the rest of the document is laid out; the front sheet is laid out last,
/// once it is known (see `Snapshot::read_checking` and
/// [`pdf::render_first_part_later`]). The file is the one a check made
/// first gives, and an error of the check fails the export as it did.
pub fn render(
    portfolio: &Portfolio,
    exported_at: Timestamp,
    progress: &mut dyn FnMut(Progress),
) -> Result<ExportedPdf> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut exported = render_into(portfolio, exported_at, progress, &mut out)?;
    exported.pdf = out.into_inner();
    Ok(exported)
}

/// As [`render`], writing the PDF to `out` (empty) as it is saved; the
/// result's `pdf` is empty.
fn render_into(
    portfolio: &Portfolio,
    exported_at: Timestamp,
    progress: &mut dyn FnMut(Progress),
    out: &mut dyn pdf::PdfOut,
) -> Result<ExportedPdf> {
    std::thread::scope(|scope| {
        let (mut snapshot, check) = Snapshot::read_checking(portfolio, progress, Some(scope))?;
        let photos = snapshot.previews.len();
        let evidence = snapshot.evidence.len();
        let fingerprint = snapshot.records.fingerprint.clone();
        // The front sheet stands in without the check until it is made;
        // only what it shows is kept for it.
        let mut doc = document(&mut snapshot, exported_at);
        let Snapshot {
            profile,
            standard,
            mut records,
            ..
        } = snapshot;
        progress(Progress::new(Stage::Typesetting, 0, 2));
        let stand_in = doc
            .blocks
            .iter()
            .position(|b| matches!(b, Block::PageBreak(_)));
        let front = move || -> Result<Vec<Block>> {
            records.set_check(check.wait()?);
            let mut b = Vec::new();
            front::front_sheet(&mut b, &profile, &standard, &records, exported_at);
            // Only the front sheet stands in before the first page break
            // (the check is a row of one of its blocks, not a block).
            debug_assert_eq!(stand_in, Some(b.len()));
            Ok(b)
        };
        let rendered = pdf::render_first_part_later_into(
            &mut doc,
            front,
            &mut |done, total| progress(Progress::new(Stage::Typesetting, done, total)),
            out,
        )?;
        drop(doc);
        Ok(ExportedPdf {
            pdf: rendered.pdf,
            pages: rendered.page_count,
            sections: rendered.sections,
            fingerprint,
            evidence,
            photos,
            missing_characters: missing_characters(&rendered.missing),
        })
    })
}

/// Exports the portfolio to a PDF file at `out`. The bytes go to a temporary
/// file in the same folder, which replaces `out` only when complete, so a
/// half-written PDF never appears.
pub fn write_pdf(
    portfolio: &Portfolio,
    out: &Path,
    exported_at: Timestamp,
    progress: &mut dyn FnMut(Progress),
) -> Result<ExportSummary> {
    let started = std::time::Instant::now();
    let dir = pdf_destination(portfolio, out)?;
    // The PDF is saved straight into the temporary file (not into memory
    // first); it is removed if anything fails.
    let mut temp = crate::temp_files::create(&dir, crate::temp_files::Kind::Exporting)?;
    let exported = render_into(portfolio, exported_at, progress, temp.as_file_mut())?;
    progress(Progress::new(Stage::Writing, 0, 1));
    let bytes = crate::temp_files::put_in_place(temp, out)?;
    progress(Progress::new(Stage::Writing, 1, 1));
    progress(Progress::new(Stage::Finished, 1, 1));
    tracing::info!(
        file = %crate::logs::file_id(portfolio.path()),
        pages = exported.pages,
        bytes,
        ms = crate::logs::millis(started),
        "exported a PDF"
    );
    Ok(ExportSummary {
        path: out.to_path_buf(),
        pages: exported.pages as u32,
        bytes,
        fingerprint: exported.fingerprint,
        evidence: exported.evidence as u32,
        photos: exported.photos as u32,
        missing_characters: exported.missing_characters,
    })
}

/// Checks where a PDF is to be written and returns its folder: an existing
/// folder, not a folder itself, never the portfolio (also through a link or
/// another name).
fn pdf_destination(portfolio: &Portfolio, out: &Path) -> Result<PathBuf> {
    let dir = crate::storage::existing_folder_of(out)?;
    if out.is_dir() {
        return Err(Error::invalid_input(format!(
            "{} is a folder; give a file name for the PDF.",
            out.display()
        )));
    }
    if out.exists() && same_file::is_same_file(out, portfolio.path()).unwrap_or(false) {
        return Err(Error::invalid_input(format!(
            "{} is the portfolio itself; choose another name for the PDF.",
            out.display()
        )));
    }
    Ok(dir)
}

/// Writes `bytes` to a hidden temporary file in `dir`, flushed, then renamed
/// to `out`: a half-written PDF never appears.
fn put_in_place(dir: &Path, out: &Path, bytes: &[u8]) -> Result<()> {
    let mut temp = crate::temp_files::create(dir, crate::temp_files::Kind::Exporting)?;
    {
        use std::io::Write;
        temp.as_file_mut()
            .write_all(bytes)
            .map_err(|e| Error::io(out, &e))?;
    }
    crate::temp_files::put_in_place(temp, out)?;
    Ok(())
}

/// What [`write_health_check_form`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "HealthCheckFormSummary")]
pub struct FormSummary {
    #[ts(type = "string")]
    pub path: PathBuf,
    pub pages: u32,
    pub bytes: u64,
}

/// The blank partnership health check form for a partner to fill in by hand:
/// a small tagged PDF with the partnership's name, `date`, and every
/// statement with boxes to tick, written to `out` whole or not at all.
pub fn write_health_check_form(
    portfolio: &Portfolio,
    partner: &str,
    date: jiff::civil::Date,
    out: &Path,
    made_at: Timestamp,
) -> Result<FormSummary> {
    let dir = pdf_destination(portfolio, out)?;
    let partner = portfolio.partner(partner)?;
    let learner = portfolio.profile()?.full_name;
    let title = format!("Partnership health check: {}", partner.name);
    let doc = Document {
        metadata: Metadata {
            title: title.clone(),
            author: learner.clone(),
            subject: format!(
                "A blank form for the partnership health check with {}, {}",
                partner.name,
                words::date(&date.to_string())
            ),
            keywords: vec!["partnership health check".into()],
            creator: format!("Partnership Portfolio {}", env!("CARGO_PKG_VERSION")),
            created: made_at,
            modified: made_at,
            language: "en-GB".into(),
        },
        running: RunningText {
            header_left: partner.name.clone(),
            header_right: words::date(&date.to_string()),
            footer_left: TEMPLATE_TITLE.into(),
        },
        orientation: Orientation::Portrait,
        blocks: partnerships::form_blocks(&partner, &date.to_string(), &learner),
    };
    let rendered = pdf::render_detailed(&doc).map_err(Error::from)?;
    put_in_place(&dir, out, &rendered.pdf)?;
    Ok(FormSummary {
        path: out.to_path_buf(),
        pages: rendered.page_count as u32,
        bytes: rendered.pdf.len() as u64,
    })
}

const TEMPLATE_TITLE: &str = crate::partnerships::template::TEMPLATE.title;

/// Builds the whole document. Takes the photos' bytes out of the snapshot
/// (they move into the document rather than being copied).
fn document(s: &mut Snapshot, exported_at: Timestamp) -> Document {
    let learner = s.profile.full_name.clone();
    let urn = s.standard.urn.clone();
    let short = crate::exchange::short_fingerprint(&s.records.fingerprint);
    let mut b: Vec<Block> = Vec::with_capacity(64 + 24 * s.evidence.len());

    // The front sheet alone is the document's first part: `render` makes it
    // again once the check of the file is known and lays it out in its
    // place, so nothing else goes before this page break.
    front::front_sheet(&mut b, &s.profile, &s.standard, &s.records, exported_at);
    b.push(Block::PageBreak(Orientation::Portrait));
    b.push(Block::Contents(pdf::Contents {
        title: "Contents".into(),
        max_level: 2,
    }));
    b.push(Block::PageBreak(Orientation::Portrait));
    front::declarations(&mut b, s);
    b.push(Block::PageBreak(Orientation::Portrait));
    front::summary(&mut b, s);
    b.push(Block::PageBreak(Orientation::Landscape));
    listings::location_sheet(&mut b, s);
    b.push(Block::PageBreak(Orientation::Portrait));
    listings::evidence_index(&mut b, s);
    b.push(Block::PageBreak(Orientation::Portrait));
    listings::witness_list(&mut b, s);
    b.push(Block::PageBreak(Orientation::Portrait));
    let today = exported_at
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_string();
    partnerships::partnerships_section(&mut b, s, &today);
    items::item_sections(&mut b, s);
    if assessment_plan::has_content(s) {
        b.push(Block::PageBreak(Orientation::Portrait));
        assessment_plan::plan_and_reviews(&mut b, s, &today);
    }
    b.push(Block::PageBreak(Orientation::Portrait));
    assessment::assessment_record(&mut b, s);
    if iqa::has_content(s) {
        b.push(Block::PageBreak(Orientation::Portrait));
        iqa::iqa_record(&mut b, s);
    }
    b.push(Block::PageBreak(Orientation::Portrait));
    appendix::evidence_appendix(&mut b, s);

    let standard_line = format!("{} {}", s.standard.urn, s.standard.title);
    Document {
        metadata: Metadata {
            title: format!("Evidence portfolio: {learner}, {urn}"),
            author: learner.clone(),
            subject: format!("{standard_line} (version {})", s.standard.version),
            keywords: vec![
                urn.clone(),
                "evidence portfolio".into(),
                format!("content SHA-256 {}", s.records.fingerprint),
            ],
            creator: format!("Partnership Portfolio {}", env!("CARGO_PKG_VERSION")),
            created: exported_at,
            modified: exported_at,
            language: "en-GB".into(),
        },
        running: RunningText {
            header_left: learner,
            header_right: match s.profile.registration_number.as_str() {
                "" => standard_line,
                reg => format!("{urn} \u{00B7} registration {reg}"),
            },
            footer_left: format!(
                "Exported {} \u{00B7} content {short}",
                words::date_short(&exported_at.strftime("%Y-%m-%d").to_string())
            ),
        },
        orientation: Orientation::Portrait,
        blocks: b,
    }
}

/// Grey, for what is missing or secondary.
const MUTED: pdf::Rgb = pdf::Rgb(0x5B, 0x65, 0x70);

/// A value as spans, or a muted "Not recorded" (or the given words) when empty,
/// so a blank is visibly blank rather than silently missing.
fn value_or(text: &str, missing: &str) -> Vec<pdf::Span> {
    if text.trim().is_empty() {
        vec![pdf::Span::italic(missing).coloured(MUTED)]
    } else {
        vec![pdf::Span::plain(text)]
    }
}

fn value(text: &str) -> Vec<pdf::Span> {
    value_or(text, "Not recorded")
}

/// A muted, italic remark ("No account written yet.").
fn remark(text: &str) -> Block {
    Block::Paragraph(pdf::Paragraph::new(vec![
        pdf::Span::italic(text).coloured(MUTED)
    ]))
}

/// A learner's free text as one paragraph (line breaks and blank lines kept),
/// or a remark when there is none.
fn free_text(text: &str, missing: &str) -> Block {
    if text.trim().is_empty() {
        remark(missing)
    } else {
        Block::Paragraph(pdf::Paragraph::plain(text))
    }
}

fn heading(level: u8, text: impl Into<String>) -> Block {
    Block::Heading(pdf::Heading::new(level, text))
}

/// A heading that is bookmarked but not listed on the contents page.
fn unlisted(level: u8, text: impl Into<String>) -> Block {
    let mut h = pdf::Heading::new(level, text);
    h.in_contents = false;
    Block::Heading(h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    use crate::exchange::*;
    use crate::pdf::{Block, Span};
    use records::Records;

    #[test]
    fn pdf_names_are_readable_and_safe() {
        assert_eq!(
            pdf_file_name("Siân Llŷr-Ŵyn", "CLDAL16"),
            "Siân-Llŷr-Ŵyn-CLDAL16-evidence-portfolio.pdf"
        );
        assert_eq!(
            pdf_file_name("../x", "CLDAL16"),
            "x-CLDAL16-evidence-portfolio.pdf"
        );
    }

    /// Every piece of text in the document's blocks, in order.
    fn texts(doc: &Document) -> String {
        let spans = |s: &[Span]| s.iter().map(|s| s.text.clone()).collect::<String>();
        let mut out = Vec::new();
        for b in &doc.blocks {
            match b {
                Block::Heading(h) => out.push(h.text.clone()),
                Block::Paragraph(p) => out.push(spans(&p.spans)),
                Block::LabelValues(lv) => {
                    for (l, v) in &lv.rows {
                        out.push(format!("{l}: {}", spans(v)));
                    }
                }
                Block::Table(t) => {
                    for row in t.header.iter().chain(&t.rows) {
                        let cells: Vec<String> = row.iter().map(|c| spans(&c.spans)).collect();
                        out.push(cells.join(" | "));
                    }
                }
                Block::Signature(s) => {
                    let fields: Vec<String> = s
                        .fields
                        .iter()
                        .enumerate()
                        .map(|(i, f)| {
                            format!("{f}: {}", s.values.get(i).cloned().unwrap_or_default())
                        })
                        .collect();
                    out.push(fields.join(" | "));
                }
                _ => {}
            }
        }
        out.join("\n")
    }

    /// The exchange records of a portfolio submitted twice, judged and
    /// signed off (until the exchange API lands on main, made by hand).
    fn records(fingerprint: &str, standard: &crate::catalogue::Standard) -> Records {
        let v1 = "1111aaaa2222bbbb".repeat(4);
        let submission = |version: u32, fp: &str, at: &str| Submission {
            version,
            submitted_at: at.into(),
            declared_name: "Catrin Llŷr-Wiśniewska".into(),
            declared_on: at[..10].into(),
            declaration: LEARNER_DECLARATION.into(),
            fingerprint: fp.into(),
        };
        let judgement = |item: &str, version: u32, fp: &str, outcome, feedback: &str| Judgement {
            item_id: item.into(),
            version,
            fingerprint: fp.into(),
            outcome,
            feedback: feedback.into(),
            assessor_name: "Màiri NicDhòmhnaill".into(),
            judged_at: "2027-02-10T10:15:00.000Z".into(),
        };
        Records {
            submissions: vec![
                submission(1, &v1, "2027-01-20T09:00:00.000Z"),
                submission(2, fingerprint, "2027-02-24T16:30:00.000Z"),
            ],
            judgements: vec![
                judgement(
                    "P1",
                    1,
                    &v1,
                    JudgementOutcome::NotYetMet,
                    "Say more about how you set up the first meeting.\n\nA witness would help.",
                ),
                judgement(
                    "P1",
                    2,
                    fingerprint,
                    JudgementOutcome::Met,
                    "Clear and well evidenced – diolch.",
                ),
                judgement("K3", 2, fingerprint, JudgementOutcome::Met, ""),
            ],
            overall_feedback: vec![OverallFeedback {
                version: 2,
                feedback: "A thorough portfolio; the witness testimony is strong.".into(),
                assessor_name: "Màiri NicDhòmhnaill".into(),
                updated_at: "2027-03-01T11:00:00.000Z".into(),
            }],
            sign_offs: vec![SignOff {
                version: 2,
                fingerprint: fingerprint.into(),
                assessor_name: "Màiri NicDhòmhnaill".into(),
                signed_on: "2027-03-01".into(),
                signed_at: "2027-03-01T11:05:00.000Z".into(),
                declaration: assessor_declaration(standard),
                assessment: None,
            }],
            audit: vec![AuditEntry {
                at: "2027-01-20T09:00:00.000Z".into(),
                role: Role::Learner,
                name: "Catrin Llŷr-Wiśniewska".into(),
                event: AuditEvent::Submitted,
                version: Some(1),
                detail: String::new(),
            }],
            fingerprint: fingerprint.into(),
            unchanged_since_latest: Some(true),
            check: None,
            content: Vec::new(),
        }
    }

    #[test]
    fn submissions_judgements_and_sign_off_are_printed_where_they_belong() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.portfolio");
        let options = crate::demo::DemoOptions {
            evidence: 3,
            photos: 0,
            assessed: false,
            ..Default::default()
        };
        crate::demo::create_demo(&path, &options).unwrap();
        let p = Portfolio::open(&path).unwrap();
        let mut s = Snapshot::read(&p, &mut |_| {}).unwrap();
        let fp = s.records.fingerprint.clone();
        s.records = records(&fp, &s.standard);
        let doc = document(&mut s, "2027-03-12T14:00:00Z".parse().unwrap());
        let text = texts(&doc);
        let short = short_fingerprint(&fp);
        for needle in [
            "Submission dates: Version 1 on 20 January 2027 at 09:00 UTC\nVersion 2 on 24 February 2027 at 16:30 UTC",
            "Sign-off date: 1 March 2027 by Màiri NicDhòmhnaill (version 2)",
            "Unchanged since version 2 was submitted",
            "Name: Catrin Llŷr-Wiśniewska | Date: 24 February 2027",
            "Signature: Confirmed electronically by Catrin Llŷr-Wiśniewska",
            "Name: Màiri NicDhòmhnaill | Date: 1 March 2027",
            "Signature: Signed off electronically by Màiri NicDhòmhnaill",
            "The assessor has judged 2 items (2 met, 0 not yet met)",
            "| Met (v2)",
            &format!("Met — submitted version 2, fingerprint {short}"),
            "Not yet met — submitted version 1, fingerprint 1111 aaaa 2222 bbbb",
            "Say more about how you set up the first meeting.\n\nA witness would help.",
            "Clear and well evidenced – diolch.",
            "No feedback written.",
            "A thorough portfolio; the witness testimony is strong.",
            "Version 2 signed off by Màiri NicDhòmhnaill on 1 March 2027",
            "Catrin Llŷr-Wiśniewska (learner) submitted version 1",
        ] {
            assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
        }
        assert!(!text.contains("Not yet declared"), "{text}");
        // The newest judgement comes first in the item's section.
        let met = text.find("Met — submitted version 2").unwrap();
        let not_yet = text.find("Not yet met — submitted version 1").unwrap();
        assert!(met < not_yet);
        // And it typesets.
        let pdf = crate::pdf::render(&doc).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));

        // Content changed since the last submission: the front sheet says so.
        let mut s = Snapshot::read(&p, &mut |_| {}).unwrap();
        s.records = records(&"9".repeat(64), &s.standard);
        s.records.unchanged_since_latest = Some(false);
        let text = texts(&document(&mut s, "2027-03-12T14:00:00Z".parse().unwrap()));
        assert!(
            text.contains(
                "Changed since version 2 was submitted (that submission’s fingerprint is 9999 9999 9999 9999)."
            ),
            "{text}"
        );
    }

    #[test]
    fn source_date_epoch_is_read_strictly() {
        assert_eq!(
            parse_epoch("1773324000").unwrap(),
            "2026-03-12T14:00:00Z".parse::<Timestamp>().unwrap()
        );
        let err = parse_epoch("yesterday").unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(err.message.contains("SOURCE_DATE_EPOCH"), "{}", err.message);
    }
}
