//! The open export: a whole portfolio as a ZIP anyone can read, and back.
//!
//! `export_zip` writes `portfolio.json` (every piece of content, see
//! [`content`]), every attached file under `files/<evidence reference>/<name>`
//! (files kept only for a submission under `files/kept/<sha256>`), the PDF
//! evidence portfolio (`evidence-portfolio.pdf`) and, last, `manifest.json`
//! with each file's size and SHA-256 and the format version. Attachments
//! stream out of the portfolio in its 1 MiB chunks, so memory stays flat
//! however large they are. The ZIP is written to a hidden temporary file
//! beside the destination and renamed into place when complete.
//!
//! `import_zip` ([`import`]) checks an export (its entries' names and sizes,
//! the manifest, every hash, the JSON against the format) and rebuilds a
//! learner's portfolio from it in one write, refusing a damaged or hostile
//! archive with a message and writing nothing. The format is explained in
//! `docs/open-export.md`; its JSON Schema is `docs/open-export.schema.json`.

pub mod assessment_cycle;
mod cleaning;
pub mod content;
mod import;
pub mod iqa;

use crate::error::{Error, Result};
use crate::evidence::attachments::{stream_content, HashingWriter};
use crate::export;
use crate::storage::{self, Portfolio};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use ts_rs::TS;
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

pub use content::{DERIVED_TABLES, EXPORTED_TABLES, FORMAT, FORMAT_VERSION};
pub use import::import_zip;

/// The manifest's name in the ZIP.
pub const MANIFEST: &str = "manifest.json";
/// The content's name in the ZIP.
pub const CONTENT: &str = "portfolio.json";
/// The PDF's name in the ZIP.
pub const PDF: &str = "evidence-portfolio.pdf";

/// `manifest.json`: the format and every other file in the ZIP.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    pub files: Vec<ManifestEntry>,
}

/// One file of the ZIP, as the manifest lists it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// The name the app suggests for a learner's open export:
/// `<learner>-<URN>-portfolio.zip` (made safe as exchange file names are).
pub fn zip_file_name(learner: &str, urn: &str) -> String {
    format!(
        "{}-portfolio.zip",
        crate::exchange::submit::file_stem(learner, urn)
    )
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExportedZip {
    #[ts(type = "string")]
    pub path: PathBuf,
    /// Size of the ZIP in bytes.
    pub bytes: u64,
    pub format_version: u32,
    pub evidence: u32,
    /// Attached (and kept) files written.
    pub files: u32,
    pub pdf_pages: u32,
}

/// What an import made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportedZip {
    #[ts(type = "string")]
    pub path: PathBuf,
    pub title: String,
    pub evidence: u32,
    /// Distinct stored files.
    pub files: u32,
    pub submissions: u32,
    pub history_entries: u32,
}

/// Text is compressed; everything else (photos, video, PDFs, office files,
/// which are compressed already) is stored as it is, which is as small and
/// much faster for large files.
fn compression_for(media_type: &str) -> CompressionMethod {
    let text = media_type.starts_with("text/")
        || media_type.ends_with("json")
        || media_type.ends_with("xml")
        || media_type == "application/rtf";
    if text {
        CompressionMethod::Deflated
    } else {
        CompressionMethod::Stored
    }
}

/// Writes entries into the ZIP, noting each one's size and SHA-256.
struct ZipOut {
    zip: zip::ZipWriter<std::io::BufWriter<std::fs::File>>,
    listed: Vec<ManifestEntry>,
}

impl ZipOut {
    fn entry(
        &mut self,
        path: &str,
        method: CompressionMethod,
        fill: impl FnOnce(&mut dyn std::io::Write) -> Result<()>,
    ) -> Result<()> {
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .large_file(false);
        self.zip.start_file(path, options).map_err(zip_error)?;
        let mut counting = HashingWriter {
            inner: Counting {
                inner: &mut self.zip,
                bytes: 0,
            },
            hasher: Sha256::new(),
        };
        fill(&mut counting)?;
        counting.flush().map_err(write_error)?;
        self.listed.push(ManifestEntry {
            path: path.to_string(),
            size: counting.inner.bytes,
            sha256: crate::evidence::attachments::hex(&counting.hasher.finalize()),
        });
        Ok(())
    }
}

struct Counting<W> {
    inner: W,
    bytes: u64,
}

impl<W: std::io::Write> std::io::Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn zip_error(e: zip::result::ZipError) -> Error {
    Error::internal(format!("Could not write the ZIP: {e}"))
}

fn write_error(e: std::io::Error) -> Error {
    Error::internal(format!("Could not write the ZIP: {e}"))
}

/// Exports the whole portfolio to a ZIP at `out` (replaced only once the new
/// one is complete), stamped `exported_at`.
pub fn export_zip(
    portfolio: &Portfolio,
    out: &Path,
    exported_at: Timestamp,
) -> Result<ExportedZip> {
    let started = std::time::Instant::now();
    let dir = storage::existing_folder_of(out)?;
    if out.is_dir() {
        return Err(Error::invalid_input(format!(
            "{} is a folder; give a file name for the ZIP.",
            out.display()
        )));
    }
    if out.exists() && same_file::is_same_file(out, portfolio.path()).unwrap_or(false) {
        return Err(Error::invalid_input(format!(
            "{} is the portfolio itself; choose another name for the ZIP.",
            out.display()
        )));
    }
    let pdf = export::render(portfolio, exported_at, &mut |_| {})?;
    let temp = tempfile::Builder::new()
        .prefix(".exporting-")
        .suffix(".zip")
        .tempfile_in(&dir)
        .map_err(|e| Error::io(&dir, &e))?;
    let (file, temp_path) = temp.into_parts();
    let mut zip = ZipOut {
        zip: zip::ZipWriter::new(std::io::BufWriter::with_capacity(1 << 20, file)),
        listed: Vec::new(),
    };
    // One read transaction: the content and its files are of one moment.
    let tx = portfolio.conn.unchecked_transaction()?;
    let content = content::read(&tx, &exported_at.to_string())?;
    let json = serde_json::to_vec_pretty(&content)?;
    zip.entry(CONTENT, CompressionMethod::Deflated, |w| {
        w.write_all(&json).map_err(write_error)
    })?;
    drop(json);
    let mut files = 0u32;
    for f in content.files() {
        let content_id: i64 = tx.query_row(
            "SELECT id FROM content WHERE sha256 = ?1",
            [&f.sha256],
            |r| r.get(0),
        )?;
        zip.entry(&f.path, compression_for(&f.media_type), |w| {
            stream_content(&tx, content_id, w).map(|_| ())
        })?;
        files += 1;
    }
    tx.finish()?;
    zip.entry(PDF, CompressionMethod::Stored, |w| {
        w.write_all(&pdf.pdf).map_err(write_error)
    })?;
    let manifest = Manifest {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        files: std::mem::take(&mut zip.listed),
    };
    let manifest = serde_json::to_vec_pretty(&manifest)?;
    zip.entry(MANIFEST, CompressionMethod::Deflated, |w| {
        w.write_all(&manifest).map_err(write_error)
    })?;
    let file = zip
        .zip
        .finish()
        .map_err(zip_error)?
        .into_inner()
        .map_err(|e| write_error(e.into_error()))?;
    file.sync_all().map_err(|e| Error::io(out, &e))?;
    let bytes = file.metadata().map_err(|e| Error::io(out, &e))?.len();
    drop(file);
    temp_path
        .persist(out)
        .map_err(|e| Error::io(out, &e.error))?;
    storage::sync_dir(&dir);
    tracing::info!(
        file = %crate::logs::file_id(portfolio.path()),
        bytes,
        files,
        ms = crate::logs::millis(started),
        "exported an open ZIP"
    );
    Ok(ExportedZip {
        path: out.to_path_buf(),
        bytes,
        format_version: FORMAT_VERSION,
        evidence: content.evidence.len() as u32,
        files,
        pdf_pages: pdf.pages as u32,
    })
}
