//! Looks at a file's first 100 bytes (the SQLite header) before SQLite ever
//! opens it, so that a file that is not ours, is damaged, or comes from a newer
//! version of the app is refused without a single byte of it being touched.
//!
//! Two strengths:
//! - [`inspect`], for the user's own files: when SQLite's hot journal lies
//!   beside the file (the app was killed, or the power cut, in the middle of
//!   a save), the file's tail is left for SQLite to judge, because SQLite
//!   rolls the file back to its last commit when it opens it; the caller
//!   inspects again once SQLite has done so.
//! - [`inspect_exact`], for files from someone else, which never come with
//!   their journal: the file's length must be exactly what its header says
//!   (no padding, no missing tail), with little unused space inside, and
//!   the journal format of the files this app sends.

use super::{APPLICATION_ID, SCHEMA_VERSION};
use crate::error::{Error, ErrorCode, Result};
use std::io::Read;
use std::path::Path;

const MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// How an age-encrypted file (a locked exchange file) begins.
pub(crate) const AGE_MAGIC: &[u8] = b"age-encryption.org/";
const AGE_ARMOR: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

/// What the header says about a portfolio file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub schema_version: u32,
    pub page_size: u64,
    pub file_len: u64,
    /// SQLite's hot journal lies beside the file: the tail was not checked.
    pub journal_beside: bool,
}

fn be32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

pub(crate) fn not_ours(path: &Path, why: &str) -> Error {
    Error::new(
        ErrorCode::NotAPortfolio,
        format!(
            "{} is not a Partnership Portfolio file ({why}).",
            path.display()
        ),
    )
}

pub(crate) fn damaged(path: &Path, why: &str) -> Error {
    Error::new(
        ErrorCode::Damaged,
        format!(
            "{} is a damaged Partnership Portfolio file ({why}); it was left as it is.",
            path.display()
        ),
    )
}

pub(crate) fn newer(path: &Path, version: u32) -> Error {
    Error::new(
        ErrorCode::NewerVersion,
        format!(
            "{} was saved by a newer version of Partnership Portfolio (file format {version}; this app reads formats up to {SCHEMA_VERSION}). Update the app to open it; the file was left as it is.",
            path.display()
        ),
    )
}

/// Whether the file starts like an age-encrypted (locked) file.
pub(crate) fn is_age(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC) || bytes.starts_with(AGE_ARMOR)
}

pub(crate) fn locked(path: &Path) -> Error {
    Error::new(
        ErrorCode::PassphraseNeeded,
        format!(
            "{} is locked with a passphrase; it opens only with its passphrase.",
            path.display()
        ),
    )
}

/// The journal SQLite keeps beside a file during a write.
pub fn journal_of(path: &Path) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push("-journal");
    name.into()
}

/// Whether a hot journal, one SQLite will roll the file back from, lies
/// beside `path`: not empty, and not starting with a zero byte (SQLite
/// writes the journal's header last, just before it first writes to the
/// file itself, and deletes the journal when a write completes; a journal
/// whose header is still zero is ignored, the file being untouched).
fn journal_beside(path: &Path) -> bool {
    let Ok(mut journal) = std::fs::File::open(journal_of(path)) else {
        return false;
    };
    let mut first = [0u8; 1];
    matches!(journal.read(&mut first), Ok(1)) && first[0] != 0
}

/// Reads and checks the header of one of the user's own portfolio files.
pub fn inspect(path: &Path) -> Result<Header> {
    let (bytes, file_len) = read_header(path)?;
    let mut header = check_common(path, &bytes, file_len)?;
    if journal_beside(path) {
        header.journal_beside = true;
        return Ok(header);
    }
    check_tail(path, &bytes, &header, false)?;
    Ok(header)
}

/// Reads and checks the header of a file from someone else, strictly.
pub fn inspect_exact(path: &Path) -> Result<Header> {
    let (bytes, file_len) = read_header(path)?;
    let header = check_common(path, &bytes, file_len)?;
    // The files this app sends use the rollback journal (format 1).
    if bytes[18] != 1 || bytes[19] != 1 {
        return Err(damaged(path, "its header names another journal format"));
    }
    check_tail(path, &bytes, &header, true)?;
    Ok(header)
}

fn read_header(path: &Path) -> Result<([u8; 100], u64)> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, &e))?;
    if meta.is_dir() {
        return Err(Error::invalid_input(format!(
            "{} is a folder, not a portfolio file.",
            path.display()
        )));
    }
    let file_len = meta.len();
    if file_len == 0 {
        return Err(not_ours(path, "it is empty"));
    }
    let mut bytes = [0u8; 100];
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
    let mut read = 0;
    while read < bytes.len() {
        match file.read(&mut bytes[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Error::io(path, &e)),
        }
    }
    if is_age(&bytes[..read]) {
        return Err(locked(path));
    }
    if read < bytes.len() || &bytes[..16] != MAGIC {
        return Err(not_ours(path, "it is not an SQLite database"));
    }
    Ok((bytes, file_len))
}

/// What every file must pass: ours, a known version, a sane header.
fn check_common(path: &Path, bytes: &[u8; 100], file_len: u64) -> Result<Header> {
    if be32(bytes, 68) != APPLICATION_ID {
        return Err(not_ours(path, "it is a database made by another program"));
    }
    let raw_page_size = u16::from_be_bytes([bytes[16], bytes[17]]) as u64;
    let page_size = if raw_page_size == 1 {
        65536
    } else {
        raw_page_size
    };
    if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
        return Err(damaged(path, "its header is corrupt"));
    }
    // Journal formats 1 (rollback) and 2 (write-ahead log, the first builds);
    // no reserved bytes; the payload fractions SQLite requires (64, 32, 32).
    if !(1..=2).contains(&bytes[18])
        || !(1..=2).contains(&bytes[19])
        || bytes[20] != 0
        || bytes[21..24] != [64, 32, 32]
    {
        return Err(damaged(path, "its header is corrupt"));
    }
    let schema_version = be32(bytes, 60);
    if schema_version > SCHEMA_VERSION {
        return Err(newer(path, schema_version));
    }
    if schema_version == 0 {
        return Err(damaged(path, "it has no file format version"));
    }
    Ok(Header {
        schema_version,
        page_size,
        file_len,
        journal_beside: false,
    })
}

/// The file's length against its header's page count (valid when the change
/// counter matches "version-valid-for"). `exact`: no more and no less, and
/// at most a quarter of the pages unused.
fn check_tail(path: &Path, bytes: &[u8; 100], header: &Header, exact: bool) -> Result<()> {
    let (page_size, file_len) = (header.page_size, header.file_len);
    let page_count = be32(bytes, 28) as u64;
    let count_valid = be32(bytes, 24) == be32(bytes, 92) && page_count > 0;
    if count_valid && file_len < page_count * page_size {
        return Err(damaged(path, "it is incomplete: its end is missing"));
    }
    if file_len % page_size != 0 {
        return Err(damaged(path, "its length does not match its page size"));
    }
    if exact {
        if !count_valid {
            return Err(damaged(path, "its header does not say how long it is"));
        }
        if file_len > page_count * page_size {
            return Err(damaged(
                path,
                &format!(
                    "it is {} longer than its contents; something was added to its end",
                    crate::evidence::attachments::human_size(file_len - page_count * page_size)
                ),
            ));
        }
        let free_pages = be32(bytes, 36) as u64;
        if free_pages >= page_count {
            return Err(damaged(path, "its header is corrupt"));
        }
        if free_pages > 16 && free_pages * 4 > page_count {
            return Err(damaged(
                path,
                &format!(
                    "{} of it is unused space, which the files this app sends never have",
                    crate::evidence::attachments::human_size(free_pages * page_size)
                ),
            ));
        }
    }
    Ok(())
}
