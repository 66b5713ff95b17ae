//! Importing an open export: checks a ZIP made by [`super::export_zip`] and
//! rebuilds a learner's portfolio from it.
//!
//! Nothing from the archive is trusted. Before anything is written: every
//! entry's name is a plain relative path inside the archive (no `/` at the
//! start, no `..`, no backslashes or drive letters), appears once (the
//! central directory is counted, since a ZIP reader keeps only one of two
//! entries with the same name), is not encrypted, and declares a size within
//! its limit and a compression ratio no zip bomb has; the manifest lists
//! exactly the archive's other entries; `portfolio.json` matches its hash and
//! the format (unknown fields, wrong types and a newer format version are
//! refused), and every text a person typed is cleaned and limited as the
//! app does when it is typed ([`super::cleaning`]). Then the new file is
//! built under a temporary name beside the destination in one write: each file's bytes stream in (1 MiB chunks,
//! never more than they declared, hash checked), the rows go in with their
//! own times, and the result must read back and verify; only then is it
//! renamed into place. Any failure leaves nothing behind.

use super::content::{Content, Header, FORMAT, FORMAT_VERSION};
use super::{ImportedZip, Manifest, ManifestEntry, CONTENT, MANIFEST};
use crate::catalogue::Standard;
use crate::error::{Error, ErrorCode, Result};
use crate::evidence::attachments::{
    hex, store_previews, stream_in, StreamError, MAX_ATTACHMENT_BYTES,
};
use crate::storage::Portfolio;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// Most entries an export may hold.
pub const MAX_ENTRIES: usize = 100_000;
/// Largest `portfolio.json` or `manifest.json` (bytes, uncompressed).
pub const MAX_JSON_BYTES: u64 = 256 << 20;
/// Largest PDF (bytes).
pub const MAX_PDF_BYTES: u64 = 2 << 30;
/// Largest uncompressed size of the whole archive.
pub const MAX_TOTAL_BYTES: u64 = 256 << 30;
/// Highest compression ratio accepted for an entry over 1 MiB (text
/// compresses 10 to 50 times; zip bombs a thousand and more).
pub const MAX_RATIO: u64 = 500;

type Archive = zip::ZipArchive<std::fs::File>;

fn refused(zip: &Path, why: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorCode::Damaged,
        format!("{} cannot be imported: {why}.", zip.display()),
    )
}

/// Rebuilds the portfolio exported in the ZIP at `zip_path` as a new
/// learner's portfolio at `dest` (which must not exist).
pub fn import_zip(zip_path: &Path, dest: &Path) -> Result<ImportedZip> {
    let started = std::time::Instant::now();
    if dest.exists() {
        return Err(Error::new(
            ErrorCode::AlreadyExists,
            format!("{} already exists.", dest.display()),
        ));
    }
    crate::storage::existing_folder_of(dest)?;
    let file = std::fs::File::open(zip_path).map_err(|e| Error::io(zip_path, &e))?;
    let mut archive = zip::ZipArchive::new(file)
        .map_err(|e| refused(zip_path, format!("it is not a readable ZIP file ({e})")))?;
    let sizes = check_entries(zip_path, &mut archive)?;
    let manifest: Manifest =
        serde_json::from_slice(&read_small(zip_path, &mut archive, MANIFEST, &sizes, None)?)
            .map_err(|e| {
                refused(
                    zip_path,
                    format!("its manifest is not in the expected format ({e})"),
                )
            })?;
    check_format(zip_path, &manifest.format, manifest.format_version)?;
    let listed = check_manifest(zip_path, &manifest, &sizes)?;
    let json = read_small(zip_path, &mut archive, CONTENT, &sizes, listed.get(CONTENT))?;
    let header: Header = serde_json::from_slice(&json).map_err(|e| {
        refused(
            zip_path,
            format!("{CONTENT} is not in the expected format ({e})"),
        )
    })?;
    check_format(zip_path, &header.format, header.format_version)?;
    let mut content: Content = serde_json::from_slice(&json).map_err(|e| {
        refused(
            zip_path,
            format!("{CONTENT} is not in the expected format ({e})"),
        )
    })?;
    drop(json);
    let standard = check_content(zip_path, &content, &listed)?;
    // The app's own rules for typed text, as if it were typed in the app.
    content.clean_text().map_err(|r| {
        refused(
            zip_path,
            format!(
                "the text of {} breaks the app's rules ({})",
                r.place,
                r.error.message.trim_end_matches('.')
            ),
        )
    })?;

    let mut stored: HashMap<String, i64> = HashMap::new();
    let made = Portfolio::create_file(dest, &standard, |w| {
        w.restore_updated_at(&content.portfolio.updated_at);
        crate::portfolio::insert_identity(
            w,
            &content.portfolio.uid,
            &content.portfolio.title,
            &standard,
            &content.portfolio.created_at,
        )?;
        // Every listed file's bytes: stored once per SHA-256, the others only
        // checked against their hash.
        let wanted: HashMap<&str, &str> = content
            .files()
            .map(|f| (f.path.as_str(), f.media_type.as_str()))
            .collect();
        for entry in &manifest.files {
            if entry.path == CONTENT {
                continue;
            }
            let mut reader = open_entry(zip_path, &mut archive, entry)?;
            match wanted.get(entry.path.as_str()) {
                Some(media_type) if !stored.contains_key(&entry.sha256) => {
                    let streamed =
                        stream_in(w.tx(), &mut reader, &entry.path).map_err(|e| match e {
                            StreamError::Store(e) => e,
                            StreamError::TooLarge => refused(
                                zip_path,
                                format!("{} is larger than one attachment may be", entry.path),
                            ),
                            StreamError::Read(e) => unreadable(zip_path, &entry.path, e),
                        })?;
                    check_hash(zip_path, entry, streamed.size, &streamed.sha256)?;
                    w.tx().execute(
                        "UPDATE content SET sha256 = ?1, size = ?2, media_type = ?3 WHERE id = ?4",
                        (
                            &streamed.sha256,
                            streamed.size as i64,
                            media_type,
                            streamed.content_id,
                        ),
                    )?;
                    // A preview that cannot be made is left out, as on attaching.
                    let _ = store_previews(w.tx(), streamed.content_id, media_type)?;
                    stored.insert(entry.sha256.clone(), streamed.content_id);
                }
                _ => {
                    let mut hashing = super::HashingWriter {
                        inner: std::io::sink(),
                        hasher: Sha256::new(),
                    };
                    let size = std::io::copy(&mut reader, &mut hashing)
                        .map_err(|e| unreadable(zip_path, &entry.path, e))?;
                    check_hash(zip_path, entry, size, &hex(&hashing.hasher.finalize()))?;
                }
            }
        }
        let content_id = |sha256: &str| {
            stored.get(sha256).copied().ok_or_else(|| {
                refused(
                    zip_path,
                    format!("{CONTENT} names a file ({sha256}) the archive does not hold"),
                )
            })
        };
        content
            .insert_rows(w, &content_id)
            .map_err(|e| inconsistent(zip_path, e))?;
        // What was written must read back as a portfolio and verify.
        w.history(None).map_err(|e| inconsistent(zip_path, e))?;
        w.audit_trail().map_err(|e| inconsistent(zip_path, e))?;
        w.list_evidence(&Default::default())
            .map_err(|e| inconsistent(zip_path, e))?;
        w.overview().map_err(|e| inconsistent(zip_path, e))?;
        let report = w.verify().map_err(|e| inconsistent(zip_path, e))?;
        if !report.ok() {
            return Err(refused(
                zip_path,
                format!(
                    "its submissions do not match their fingerprints ({})",
                    report.problems.join(" ")
                ),
            ));
        }
        Ok(())
    })?;
    made.close()?;
    tracing::info!(
        files = stored.len(),
        ms = crate::logs::millis(started),
        "imported an open ZIP"
    );
    Ok(ImportedZip {
        path: dest.to_path_buf(),
        title: content.portfolio.title.clone(),
        evidence: content.evidence.len() as u32,
        files: stored.len() as u32,
        submissions: content.submissions.len() as u32,
        history_entries: content.history.len() as u32,
    })
}

fn unreadable(zip: &Path, path: &str, e: std::io::Error) -> Error {
    refused(zip, format!("{path} is damaged ({e})"))
}

/// A write that failed on the archive's content (a constraint, a value the
/// app does not know) is the archive's fault, said as such.
fn inconsistent(zip: &Path, e: Error) -> Error {
    match e.code {
        ErrorCode::Io | ErrorCode::AlreadyExists => e,
        _ => refused(zip, format!("its content is inconsistent ({})", e.message)),
    }
}

fn check_format(zip: &Path, format: &str, version: u32) -> Result<()> {
    if format != FORMAT {
        return Err(refused(zip, "it is not a Partnership Portfolio export"));
    }
    if version > FORMAT_VERSION {
        return Err(Error::new(
            ErrorCode::NewerVersion,
            format!(
                "{} was exported by a newer version of the app (format {version}; this app reads up to {FORMAT_VERSION}). Update the app to import it.",
                zip.display()
            ),
        ));
    }
    if version == 0 {
        return Err(refused(zip, "its format version is 0"));
    }
    Ok(())
}

/// Whether an entry name is a plain relative path that stays inside the
/// archive's folder (a `:` only in a file's own name, never a drive).
fn safe_entry_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 1024
        && !name.starts_with('/')
        && !name.contains('\\')
        && !name
            .split('/')
            .next()
            .is_some_and(|first| first.contains(':'))
        && !name.chars().any(char::is_control)
        && name
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// Checks every entry's name and declared sizes; returns each name's
/// declared (uncompressed) size.
fn check_entries(zip: &Path, archive: &mut Archive) -> Result<BTreeMap<String, u64>> {
    if archive.len() > MAX_ENTRIES {
        return Err(refused(
            zip,
            format!(
                "it holds {} entries, more than {MAX_ENTRIES}",
                archive.len()
            ),
        ));
    }
    let records = central_directory_records(zip, archive.central_directory_start())?;
    if records != archive.len() {
        return Err(refused(
            zip,
            "it holds two or more entries with the same name",
        ));
    }
    let mut sizes = BTreeMap::new();
    let mut total: u64 = 0;
    let mut seen_folded = HashSet::new();
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| refused(zip, format!("an entry is unreadable ({e})")))?;
        let name = std::str::from_utf8(entry.name_raw())
            .map_err(|_| refused(zip, "an entry's name is not valid text"))?
            .to_string();
        if !safe_entry_name(&name) {
            return Err(refused(
                zip,
                format!(
                    "the entry \"{}\" would be written outside its folder",
                    name.escape_debug()
                ),
            ));
        }
        if !seen_folded.insert(name.to_lowercase()) {
            return Err(refused(zip, format!("it holds \"{name}\" twice")));
        }
        if entry.encrypted() {
            return Err(refused(zip, format!("{name} is encrypted")));
        }
        let size = entry.size();
        let limit = match name.as_str() {
            MANIFEST | CONTENT => MAX_JSON_BYTES,
            super::PDF => MAX_PDF_BYTES,
            _ => MAX_ATTACHMENT_BYTES,
        };
        if size > limit {
            return Err(refused(
                zip,
                format!(
                    "{name} says it is {}, more than the {} allowed",
                    crate::evidence::attachments::human_size(size),
                    crate::evidence::attachments::human_size(limit)
                ),
            ));
        }
        if size > 1 << 20 && size / entry.compressed_size().max(1) > MAX_RATIO {
            return Err(refused(
                zip,
                format!("{name} is compressed more than any real file is (a zip bomb)"),
            ));
        }
        total = total.saturating_add(size);
        sizes.insert(name, size);
    }
    if total > MAX_TOTAL_BYTES {
        return Err(refused(zip, "it says it unpacks to more than 256 GiB"));
    }
    Ok(sizes)
}

/// Counts the records in the archive's central directory (the ZIP reader
/// keeps one entry per name, so two entries of one name show as fewer).
fn central_directory_records(zip: &Path, start: u64) -> Result<usize> {
    let file = std::fs::File::open(zip).map_err(|e| Error::io(zip, &e))?;
    let mut reader = std::io::BufReader::new(file);
    reader
        .seek(SeekFrom::Start(start))
        .map_err(|e| Error::io(zip, &e))?;
    let mut count = 0;
    let mut head = [0u8; 46];
    loop {
        if reader.read_exact(&mut head[..4]).is_err() || head[..4] != [0x50, 0x4b, 0x01, 0x02] {
            return Ok(count);
        }
        reader
            .read_exact(&mut head[4..])
            .map_err(|_| refused(zip, "its list of entries is cut short"))?;
        let len = |at: usize| u16::from_le_bytes([head[at], head[at + 1]]) as i64;
        reader
            .seek_relative(len(28) + len(30) + len(32))
            .map_err(|e| Error::io(zip, &e))?;
        count += 1;
        if count > MAX_ENTRIES {
            return Ok(count);
        }
    }
}

/// The manifest must list every other entry once, with its declared size.
fn check_manifest<'m>(
    zip: &Path,
    manifest: &'m Manifest,
    sizes: &BTreeMap<String, u64>,
) -> Result<HashMap<&'m str, &'m ManifestEntry>> {
    let mut listed = HashMap::new();
    for entry in &manifest.files {
        if entry.path == MANIFEST || listed.insert(entry.path.as_str(), entry).is_some() {
            return Err(refused(
                zip,
                format!("its manifest lists {} twice", entry.path),
            ));
        }
        match sizes.get(&entry.path) {
            None => return Err(refused(zip, format!("{} is missing from it", entry.path))),
            Some(&size) if size != entry.size => {
                return Err(refused(
                    zip,
                    format!("{} is not the size its manifest gives", entry.path),
                ))
            }
            Some(_) => {}
        }
    }
    for name in sizes.keys() {
        if name != MANIFEST && !listed.contains_key(name.as_str()) {
            return Err(refused(
                zip,
                format!("it holds {name}, which its manifest does not list"),
            ));
        }
    }
    for needed in [CONTENT, super::PDF] {
        if !listed.contains_key(needed) {
            return Err(refused(zip, format!("{needed} is missing from it")));
        }
    }
    Ok(listed)
}

/// Opens an entry to read at most the size it declared (one byte more is
/// read, so that an entry larger than it says is caught).
fn open_entry<'a>(
    zip: &Path,
    archive: &'a mut Archive,
    entry: &ManifestEntry,
) -> Result<impl Read + 'a> {
    let file = archive
        .by_name(&entry.path)
        .map_err(|e| refused(zip, format!("{} is unreadable ({e})", entry.path)))?;
    Ok(file.take(entry.size + 1))
}

fn check_hash(zip: &Path, entry: &ManifestEntry, size: u64, sha256: &str) -> Result<()> {
    if size != entry.size {
        return Err(refused(
            zip,
            format!("{} is not the size its manifest gives", entry.path),
        ));
    }
    if sha256 != entry.sha256 {
        return Err(refused(
            zip,
            format!("{} does not match its SHA-256 in the manifest", entry.path),
        ));
    }
    Ok(())
}

/// Reads a JSON entry (within its size limit), checking its hash when listed.
fn read_small(
    zip: &Path,
    archive: &mut Archive,
    name: &str,
    sizes: &BTreeMap<String, u64>,
    listed: Option<&&ManifestEntry>,
) -> Result<Vec<u8>> {
    let Some(&size) = sizes.get(name) else {
        return Err(refused(zip, format!("{name} is missing from it")));
    };
    let entry = ManifestEntry {
        path: name.to_string(),
        size,
        sha256: String::new(),
    };
    let mut bytes = Vec::with_capacity(size as usize);
    open_entry(zip, archive, &entry)?
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(zip, name, e))?;
    if let Some(listed) = listed {
        check_hash(
            zip,
            listed,
            bytes.len() as u64,
            &hex(&Sha256::digest(&bytes)),
        )?;
    } else if bytes.len() as u64 != size {
        return Err(refused(zip, format!("{name} is not the size it says")));
    }
    Ok(bytes)
}

/// Checks what the content says against the archive: a learner's
/// portfolio, a title and profile the app would accept, a standard it can read, and every file it names in the
/// manifest with the same hash and size. Returns the standard.
fn check_content(
    zip: &Path,
    content: &Content,
    listed: &HashMap<&str, &ManifestEntry>,
) -> Result<Standard> {
    if content.portfolio.role != "learner" {
        return Err(Error::invalid_input(format!(
            "{} is the export of an assessor's working copy; only a learner's portfolio can be imported.",
            zip.display()
        )));
    }
    crate::portfolio::check_title(&content.portfolio.title)
        .map_err(|e| refused(zip, format!("its title is not valid ({})", e.message)))?;
    content
        .profile
        .as_typed()
        .normalised()
        .map_err(|e| refused(zip, format!("its profile is not valid ({})", e.message)))?;
    let standard = Standard::from_json(&content.portfolio.standard.to_string())
        .map_err(|e| refused(zip, format!("its standard is unreadable ({})", e.message)))?;
    for f in content.files() {
        let matches = listed
            .get(f.path.as_str())
            .is_some_and(|e| e.sha256 == f.sha256 && e.size == f.size);
        if !matches || f.path == CONTENT || f.path == super::PDF {
            return Err(refused(
                zip,
                format!(
                    "{CONTENT} names {}, which the manifest does not list as such",
                    f.path
                ),
            ));
        }
    }
    Ok(standard)
}

#[cfg(test)]
mod tests {
    use super::safe_entry_name;

    #[test]
    fn entry_names_stay_inside_their_folder() {
        for ok in [
            "portfolio.json",
            "files/E1/Cyfarfod 10:30.txt",
            "files/E12/Ä (2).jpg",
        ] {
            assert!(safe_entry_name(ok), "{ok}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "files/../../x",
            "files//x",
            "files/./x",
            "C:/x",
            "C:x",
            "files\\x",
            "files/E1/\u{7}.txt",
            "files/E1/",
        ] {
            assert!(!safe_entry_name(bad), "{bad}");
        }
    }
}
