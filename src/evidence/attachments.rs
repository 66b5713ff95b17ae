//! Attachments: files of any type stored inside the portfolio file, so the
//! file alone is the whole portfolio. Bytes are streamed in and out in 1 MiB
//! chunks (memory stays flat for a 500 MB video), identified by SHA-256 and
//! stored once however often they are attached. Removed bytes are
//! overwritten (secure delete), and only when no evidence uses them.

use super::media;
use crate::error::{Error, ErrorCode, Result};
use crate::storage::{self, Change, Portfolio, Role};
use crate::stored::stored_enum;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// What an attachment shows, cleaned (empty: no description).
pub(crate) fn clean_description(text: &str) -> Result<String> {
    crate::text::single_line(text, "description", MAX_DESCRIPTION_CHARS)
}

/// The largest file that can be attached: 1 GiB.
pub const MAX_ATTACHMENT_BYTES: u64 = 1 << 30;
const CHUNK: usize = 1 << 20;
/// Longest file name kept (in characters).
pub(crate) const MAX_NAME_CHARS: usize = 200;
/// Longest description of an attachment (in characters): a photo's
/// alternative text is a sentence or two.
pub const MAX_DESCRIPTION_CHARS: usize = 500;

/// A file attached to a piece of evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Attachment {
    pub id: i64,
    pub file_name: String,
    pub size: u64,
    pub media_type: String,
    pub sha256: String,
    /// Whether a preview image exists (raster photos and pictures only).
    pub has_preview: bool,
    pub added_at: String,
    /// What the file shows, in the learner's words (a photo's alternative
    /// text in the PDF); none until they write one.
    pub description: Option<String>,
}

/// What happened when a file was attached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AttachOutcome {
    pub attachment: Attachment,
    /// The same bytes were already in the portfolio and were not stored again.
    pub deduplicated: bool,
    /// Things the learner should know (a name that had to be changed, no preview...).
    pub notes: Vec<String>,
}

pub(crate) fn of_evidence(conn: &Connection, evidence_id: i64) -> Result<Vec<Attachment>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE a.evidence_id = ?1 ORDER BY a.id"))?;
    let rows = stmt.query_map([evidence_id], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An attachment's columns, in the order [`row`] reads them.
const SELECT: &str = "SELECT a.id, a.file_name, c.size, c.media_type, c.sha256,
        EXISTS (SELECT 1 FROM preview p WHERE p.content_id = c.id), a.added_at, a.description
    FROM attachment a JOIN content c ON c.id = a.content_id";

fn row(r: &rusqlite::Row) -> rusqlite::Result<Attachment> {
    Ok(Attachment {
        id: r.get(0)?,
        file_name: r.get(1)?,
        size: crate::stored::size(r, 2)?,
        media_type: r.get(3)?,
        sha256: r.get(4)?,
        has_preview: r.get(5)?,
        added_at: crate::stored::instant(r, 6)?,
        description: r.get(7)?,
    })
}

/// The name to keep for a file: its last path component as text; a name that
/// is not valid Unicode or is very long is kept readable, with a note.
fn display_name(path: &Path, notes: &mut Vec<String>) -> Result<String> {
    let raw = path
        .file_name()
        .ok_or_else(|| Error::invalid_input(format!("{} is not a file.", path.display())))?;
    let name = match raw.to_str() {
        Some(s) => s.to_string(),
        None => {
            let lossy = raw.to_string_lossy().into_owned();
            notes.push(format!(
                "The file name was not valid text, so it is stored as \"{lossy}\"; the file's contents are unchanged."
            ));
            lossy
        }
    };
    Ok(clean_file_name(&name, notes))
}

/// A file's name as the app keeps it (also what an open export's import
/// holds each attachment's name to): control characters become "_",
/// characters that could make the name display as another
/// ("photo\u{202E}fdp.exe") go, and a very long one is shortened, with a note.
pub(crate) fn clean_file_name(name: &str, notes: &mut Vec<String>) -> String {
    let mut name: String = crate::text::without_disguise(name)
        .chars()
        .map(|c| if c.is_control() { '_' } else { c })
        .collect();
    if name.chars().count() > MAX_NAME_CHARS {
        let (stem, ext) = match name.rfind('.') {
            Some(i) if name.len() - i <= 12 && i > 0 => (&name[..i], &name[i..]),
            _ => (name.as_str(), ""),
        };
        let keep = MAX_NAME_CHARS - ext.chars().count() - 1;
        let short: String = stem.chars().take(keep).collect::<String>() + "…" + ext;
        notes.push(format!(
            "The file name was very long, so it is stored shortened as \"{short}\"."
        ));
        name = short;
    }
    name
}

/// Streams a file into the portfolio and attaches it to evidence `evidence_id`,
/// inside the caller's transaction.
pub(crate) fn attach_in(
    w: &mut storage::Write<'_>,
    evidence_id: i64,
    reference: &str,
    path: &Path,
) -> Result<AttachOutcome> {
    let mut notes = Vec::new();
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, &e))?;
    if !meta.is_file() {
        return Err(Error::invalid_input(format!(
            "{shown} is not a file that can be attached."
        )));
    }
    if meta.len() == 0 {
        return Err(Error::invalid_input(format!(
            "{shown} is empty (0 bytes), so there is nothing to attach."
        )));
    }
    if meta.len() > MAX_ATTACHMENT_BYTES {
        return Err(Error::invalid_input(format!(
            "{shown} is {}, over the limit of {} for one file.",
            human_size(meta.len()),
            human_size(MAX_ATTACHMENT_BYTES)
        )));
    }
    let name = display_name(path, &mut notes)?;
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
    let before = Unchanged::of(&file).map_err(|e| Error::io(path, &e))?;

    // Stream the bytes in, hashing as they pass; under a savepoint, so that
    // bytes already in the portfolio can be dropped again.
    let sp = w.savepoint()?;
    let streamed = stream_in(&sp, &mut file, &name).map_err(|e| match e {
        StreamError::Read(e) => Error::io(path, &e),
        StreamError::TooLarge => Error::invalid_input(format!(
            "{shown} grew past the limit while it was being read."
        )),
        StreamError::Store(e) => e,
    })?;
    // A file truncated, rewritten or replaced while it was read (a sync
    // client updating it, a card pulled out) would be stored as neither
    // version: refuse it, and the caller's transaction keeps nothing.
    if streamed.size != before.len || !before.same_as(&file, path) {
        return Err(Error::new(
            ErrorCode::Busy,
            format!(
                "{shown} changed while it was being read; try again when nothing is changing it. Nothing was attached."
            ),
        ));
    }
    if streamed.size == 0 {
        return Err(Error::invalid_input(format!(
            "{shown} is empty (0 bytes), so there is nothing to attach."
        )));
    }
    let Streamed {
        content_id,
        size: total,
        sha256,
        sniffed,
    } = streamed;
    let media_type = sniffed;
    let existing: Option<i64> = sp
        .query_row("SELECT id FROM content WHERE sha256 = ?1", [&sha256], |r| {
            r.get(0)
        })
        .optional()?;
    let (content_id, deduplicated) = match existing {
        Some(id) => {
            // Already stored: drop the copy just streamed in.
            let mut sp = sp;
            sp.rollback()?;
            drop(sp);
            (id, true)
        }
        None => {
            sp.execute(
                "UPDATE content SET sha256 = ?1, size = ?2, media_type = ?3 WHERE id = ?4",
                (&sha256, total as i64, &media_type, content_id),
            )?;
            sp.commit()?;
            if media::is_unpreviewable_photo(&media_type) {
                notes.push(format!(
                    "{name} is kept as it is, but no preview can be made of HEIC/HEIF photos; to see it on screen and in the PDF, attach a JPEG copy as well."
                ));
            }
            if let Err(why) = store_previews(w.tx(), content_id, &media_type)? {
                notes.push(format!("No preview could be made of {name}: {why}"));
            }
            (content_id, false)
        }
    };
    let tx = w.tx();
    let already: Option<String> = tx
        .query_row(
            "SELECT file_name FROM attachment WHERE evidence_id = ?1 AND content_id = ?2",
            (evidence_id, content_id),
            |r| r.get(0),
        )
        .optional()?;
    if let Some(other) = already {
        return Err(Error::new(
            ErrorCode::AlreadyExists,
            format!("This file is already attached to {reference} (as \"{other}\")."),
        ));
    }
    tx.execute(
        "INSERT INTO attachment (evidence_id, content_id, file_name, added_at) VALUES (?1, ?2, ?3, ?4)",
        (evidence_id, content_id, &name, w.now()),
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "UPDATE evidence SET updated_at = ?1 WHERE id = ?2",
        (w.now(), evidence_id),
    )?;
    w.record(Change::evidence(
        reference,
        "attached",
        Some(&format!("{name} ({sha256})")),
    ))?;
    let attachment = tx.query_row(&format!("{SELECT} WHERE a.id = ?1"), [id], row)?;
    Ok(AttachOutcome {
        attachment,
        deduplicated,
        notes,
    })
}

/// Bytes streamed into a new `content` row (its sha256 still a placeholder,
/// its size and type not yet set: the caller decides whether to keep it).
pub(crate) struct Streamed {
    pub content_id: i64,
    pub size: u64,
    pub sha256: String,
    /// The media type the first bytes and `name` suggest.
    pub sniffed: String,
}

/// Why [`stream_in`] stopped.
pub(crate) enum StreamError {
    Read(std::io::Error),
    /// More than [`MAX_ATTACHMENT_BYTES`] came.
    TooLarge,
    Store(Error),
}

impl From<rusqlite::Error> for StreamError {
    fn from(e: rusqlite::Error) -> Self {
        StreamError::Store(e.into())
    }
}

/// Streams `source` into a new content row in 1 MiB chunks, hashing as the
/// bytes pass (memory stays flat whatever the size), inside the caller's
/// transaction or savepoint.
pub(crate) fn stream_in(
    tx: &Connection,
    source: &mut impl Read,
    name: &str,
) -> std::result::Result<Streamed, StreamError> {
    tx.execute(
        "INSERT INTO content (sha256, size, media_type) VALUES (?1, 0, '')",
        [format!("pending-{}", uuid::Uuid::new_v4())],
    )?;
    let content_id = tx.last_insert_rowid();
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    let mut total: u64 = 0;
    let mut sniffed: Option<String> = None;
    let mut insert =
        tx.prepare_cached("INSERT INTO content_chunk (content_id, seq, data) VALUES (?1, ?2, ?3)")?;
    let mut seq = 0i64;
    loop {
        let n = read_full(source, &mut buf).map_err(StreamError::Read)?;
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > MAX_ATTACHMENT_BYTES {
            return Err(StreamError::TooLarge);
        }
        if sniffed.is_none() {
            sniffed = Some(media::detect(&buf[..n], name));
        }
        hasher.update(&buf[..n]);
        insert.execute((content_id, seq, &buf[..n]))?;
        seq += 1;
        crate::pause_points::reached("attach.chunk", seq as u64);
    }
    Ok(Streamed {
        content_id,
        size: total,
        sha256: hex(&hasher.finalize()),
        sniffed: sniffed.unwrap_or_else(|| "application/octet-stream".into()),
    })
}

/// Makes and stores the previews of a stored image (nothing for other
/// types); `Ok(Err(why))` when the image could not be read.
pub(crate) fn store_previews(
    tx: &Connection,
    content_id: i64,
    media_type: &str,
) -> Result<std::result::Result<(), String>> {
    if !media::is_previewable(media_type) {
        return Ok(Ok(()));
    }
    match media::make_previews(&read_content_bytes(tx, content_id)?) {
        Ok(previews) => {
            for p in previews {
                tx.execute(
                    "INSERT INTO preview (content_id, kind, width, height, data) VALUES (?1, ?2, ?3, ?4, ?5)",
                    (content_id, p.kind, p.width, p.height, &p.jpeg),
                )?;
            }
            Ok(Ok(()))
        }
        Err(why) => Ok(Err(why)),
    }
}

/// What identifies a file's content without reading it: its identity on
/// disk, length and modification time, taken before and after reading.
struct Unchanged {
    dev: u64,
    ino: u64,
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl Unchanged {
    fn of(file: &std::fs::File) -> std::io::Result<Unchanged> {
        use std::os::unix::fs::MetadataExt;
        let meta = file.metadata()?;
        Ok(Unchanged {
            dev: meta.dev(),
            ino: meta.ino(),
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }

    /// The open file is as it was, and `path` still names it.
    fn same_as(&self, file: &std::fs::File, path: &Path) -> bool {
        use std::os::unix::fs::MetadataExt;
        let now = Unchanged::of(file);
        let named = std::fs::metadata(path);
        match (now, named) {
            (Ok(now), Ok(named)) => {
                now.len == self.len
                    && now.modified == self.modified
                    && (named.dev(), named.ino()) == (self.dev, self.ino)
            }
            _ => false,
        }
    }
}

/// Reads as much as fills `buf` (short only at the end of the file).
fn read_full(file: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

fn read_content_bytes(conn: &Connection, content_id: i64) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    stream_content(conn, content_id, &mut out)?;
    Ok(out)
}

/// Writes a content's bytes to `out`, chunk by chunk.
pub(crate) fn stream_content(
    conn: &Connection,
    content_id: i64,
    out: &mut (impl Write + ?Sized),
) -> Result<u64> {
    let mut stmt =
        conn.prepare_cached("SELECT data FROM content_chunk WHERE content_id = ?1 ORDER BY seq")?;
    let mut rows = stmt.query([content_id])?;
    let mut total = 0u64;
    while let Some(r) = rows.next()? {
        let data = r.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?;
        out.write_all(data)
            .map_err(|e| Error::internal(format!("Could not write the attachment out: {e}")))?;
        total += data.len() as u64;
    }
    Ok(total)
}

/// Deletes contents no attachment and no submission uses any more (their
/// chunks and previews go too).
pub(crate) fn remove_unused_content(tx: &Connection) -> Result<u64> {
    Ok(tx.execute(
        "DELETE FROM content WHERE id NOT IN (SELECT content_id FROM attachment)
                               AND id NOT IN (SELECT content_id FROM submission_content)",
        [],
    )? as u64)
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// "1.2 MB", "512 KB", "80 bytes".
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64;
    let mut unit = "";
    for u in UNITS {
        value /= 1000.0;
        unit = u;
        if value < 1000.0 {
            break;
        }
    }
    if value < 10.0 {
        format!("{value:.1} {unit}")
    } else {
        format!("{value:.0} {unit}")
    }
}

/// A safe file name to write an attachment under: no folders, no control
/// characters, never "." or "..".
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c == '\0' || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        "attachment".to_string()
    } else {
        cleaned
    }
}

impl Portfolio {
    /// Attaches a file to a piece of evidence (one transaction).
    pub fn attach(&mut self, reference_text: &str, path: &Path) -> Result<AttachOutcome> {
        let mut outcomes = self.attach_files(reference_text, &[path.to_path_buf()])?;
        Ok(outcomes.remove(0))
    }

    /// Attaches several files to a piece of evidence, all or none (one write).
    pub fn attach_files(
        &mut self,
        reference_text: &str,
        paths: &[PathBuf],
    ) -> Result<Vec<AttachOutcome>> {
        self.write(Role::Learner, |w| {
            let number = super::parse_reference(reference_text)?;
            let r = super::reference(number);
            let id = super::evidence_id(w.tx(), number)?;
            let mut outcomes = Vec::with_capacity(paths.len());
            for path in paths {
                outcomes.push(attach_in(w, id, &r, path)?);
            }
            crate::pause_points::reached("attach.commit", 1);
            Ok(outcomes)
        })
    }

    /// Removes an attachment; its bytes go when nothing else uses them.
    pub fn remove_attachment(&mut self, attachment_id: i64) -> Result<()> {
        self.write(Role::Learner, |w| {
            let tx = w.tx();
            let (evidence_id, name): (i64, String) = tx
                .query_row(
                    "SELECT evidence_id, file_name FROM attachment WHERE id = ?1",
                    [attachment_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| {
                    Error::not_found("That attachment is no longer in the portfolio.")
                })?;
            tx.execute("DELETE FROM attachment WHERE id = ?1", [attachment_id])?;
            remove_unused_content(tx)?;
            let r = super::reference(evidence_id as u32);
            tx.execute(
                "UPDATE evidence SET updated_at = ?1 WHERE id = ?2",
                (w.now(), evidence_id),
            )?;
            w.record(Change::evidence(&r, "detached", Some(&name)))
        })
    }

    /// Sets what an attachment shows, in the learner's words (a photo's
    /// alternative text in the PDF); empty text removes it, so the PDF
    /// describes the photo by its evidence and file name again.
    pub fn describe_attachment(&mut self, attachment_id: i64, text: &str) -> Result<Attachment> {
        let text = clean_description(text)?;
        self.write(Role::Learner, |w| {
            let before = w.attachment(attachment_id)?;
            let description = (!text.is_empty()).then_some(text.as_str());
            if before.description.as_deref() == description {
                return Ok(before);
            }
            let tx = w.tx();
            let evidence_id: i64 = tx.query_row(
                "UPDATE attachment SET description = ?1 WHERE id = ?2 RETURNING evidence_id",
                (description, attachment_id),
                |r| r.get(0),
            )?;
            tx.execute(
                "UPDATE evidence SET updated_at = ?1 WHERE id = ?2",
                (w.now(), evidence_id),
            )?;
            let r = super::reference(evidence_id as u32);
            w.record(Change::evidence(&r, "described", description))?;
            w.attachment(attachment_id)
        })
    }

    /// The file attached to a piece of evidence under `file_name`.
    pub fn attachment_named(&self, reference_text: &str, file_name: &str) -> Result<Attachment> {
        let e = self.evidence(reference_text)?;
        let mut named = e
            .attachments
            .into_iter()
            .filter(|a| a.file_name == file_name);
        match (named.next(), named.next()) {
            (Some(a), None) => Ok(a),
            (None, _) => Err(Error::not_found(format!(
                "{} has no file named \"{file_name}\".",
                e.heading.reference
            ))),
            (Some(_), Some(_)) => Err(Error::invalid_input(format!(
                "{} has more than one file named \"{file_name}\".",
                e.heading.reference
            ))),
        }
    }

    /// An attachment's record.
    pub fn attachment(&self, attachment_id: i64) -> Result<Attachment> {
        self.conn
            .query_row(&format!("{SELECT} WHERE a.id = ?1"), [attachment_id], row)
            .optional()?
            .ok_or_else(|| Error::not_found("That attachment is no longer in the portfolio."))
    }

    /// Writes an attachment's bytes to `dest` (a file the user chose). The
    /// bytes go to a temporary file next to it, which replaces `dest` only
    /// once complete and checked against the stored SHA-256.
    pub fn save_attachment(&self, attachment_id: i64, dest: &Path) -> Result<u64> {
        let (content_id, sha256): (i64, String) = self
            .conn
            .query_row(
                "SELECT c.id, c.sha256 FROM attachment a JOIN content c ON c.id = a.content_id WHERE a.id = ?1",
                [attachment_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("That attachment is no longer in the portfolio."))?;
        let dir = crate::storage::folder_of(dest);
        let mut temp = crate::temp_files::create(&dir, crate::temp_files::Kind::Saving)?;
        let (total, digest) = {
            let mut hashing = HashingWriter {
                inner: std::io::BufWriter::new(temp.as_file_mut()),
                hasher: Sha256::new(),
            };
            // A read transaction keeps the chunks consistent while they stream out.
            let tx = self.conn.unchecked_transaction()?;
            let total = stream_content(&tx, content_id, &mut hashing)?;
            tx.finish()?;
            hashing.flush().map_err(|e| Error::io(dest, &e))?;
            (total, hex(&hashing.hasher.finalize()))
        };
        if digest != sha256 {
            return Err(Error::new(
                ErrorCode::Damaged,
                "The attachment's stored bytes do not match its fingerprint.",
            ));
        }
        crate::temp_files::put_in_place(temp, dest)?;
        Ok(total)
    }

    /// Saves every attachment of a piece of evidence into folder `dir`, under
    /// safe names (never over an existing file: "name (2).ext" instead).
    pub fn export_evidence_files(&self, reference_text: &str, dir: &Path) -> Result<Vec<PathBuf>> {
        if !dir.is_dir() {
            return Err(Error::not_found(format!(
                "The folder {} does not exist.",
                dir.display()
            )));
        }
        let evidence = self.evidence(reference_text)?;
        if evidence.attachments.is_empty() {
            return Err(Error::invalid_input(format!(
                "{} has no attached files.",
                evidence.reference
            )));
        }
        let mut written = Vec::new();
        for a in &evidence.attachments {
            let dest = free_name(dir, &safe_file_name(&a.file_name));
            self.save_attachment(a.id, &dest)?;
            written.push(dest);
        }
        Ok(written)
    }

    /// A preview image (JPEG) of an attachment: `thumbnail` for screens, `print` for the PDF.
    pub fn attachment_preview(&self, attachment_id: i64, kind: PreviewKind) -> Result<Preview> {
        self.conn
            .prepare_cached(
                "SELECT p.width, p.height, p.data FROM attachment a JOIN preview p ON p.content_id = a.content_id
                 WHERE a.id = ?1 AND p.kind = ?2",
            )?
            .query_row(
                (attachment_id, kind),
                |r| Ok(Preview { width: r.get(0)?, height: r.get(1)?, jpeg: r.get(2)? }),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("There is no preview of that attachment."))
    }
}

stored_enum! {
    /// Which rendition of an image.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
    pub enum PreviewKind as "preview kind" {
        Thumbnail = "thumbnail",
        Print = "print",
    }
}

/// A stored preview: a JPEG and its size in pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub width: u32,
    pub height: u32,
    pub jpeg: Vec<u8>,
}

/// `dir/name`, or `dir/name (2).ext` ... if that exists.
fn free_name(dir: &Path, name: &str) -> PathBuf {
    let first = dir.join(name);
    if !first.exists() {
        return first;
    }
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    (2..)
        .map(|n| dir.join(format!("{stem} ({n}){ext}")))
        .find(|p| !p.exists())
        .expect("some numbered name is free")
}

/// A writer that hashes (SHA-256) what passes through it.
pub(crate) struct HashingWriter<W: Write> {
    pub inner: W,
    pub hasher: Sha256,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(80), "80 bytes");
        assert_eq!(human_size(1_234_567), "1.2 MB");
        assert_eq!(human_size(MAX_ATTACHMENT_BYTES), "1.1 GB");
        assert_eq!(human_size(512_000), "512 KB");
    }

    #[test]
    fn exported_names_cannot_escape_their_folder() {
        assert_eq!(safe_file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_file_name(".."), "attachment");
        assert_eq!(safe_file_name("llun\0.txt"), "llun_.txt");
        assert_eq!(
            safe_file_name("cofnodion cyfarfod.pdf"),
            "cofnodion cyfarfod.pdf"
        );
    }
}
