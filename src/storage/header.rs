//! Looks at a file's first 100 bytes (the SQLite header) before SQLite ever
//! opens it, so that a file that is not ours, is damaged, or comes from a newer
//! version of the app is refused without a single byte of it being touched.

use super::{APPLICATION_ID, SCHEMA_VERSION};
use crate::error::{Error, ErrorCode, Result};
use std::io::Read;
use std::path::Path;

const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What the header says about a portfolio file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub schema_version: u32,
    pub page_size: u64,
    pub file_len: u64,
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

/// Reads and checks the header of an existing portfolio file.
pub fn inspect(path: &Path) -> Result<Header> {
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
    if read < bytes.len() || &bytes[..16] != MAGIC {
        return Err(not_ours(path, "it is not an SQLite database"));
    }
    if be32(&bytes, 68) != APPLICATION_ID {
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
    let schema_version = be32(&bytes, 60);
    if schema_version > SCHEMA_VERSION {
        return Err(newer(path, schema_version));
    }
    if schema_version == 0 {
        return Err(damaged(path, "it has no file format version"));
    }
    // The page count in the header is valid when the change counter matches
    // "version-valid-for"; a file shorter than that count has lost its tail.
    let page_count = be32(&bytes, 28) as u64;
    if be32(&bytes, 24) == be32(&bytes, 92) && page_count > 0 && file_len < page_count * page_size {
        return Err(damaged(path, "it is incomplete: its end is missing"));
    }
    if file_len % page_size != 0 {
        return Err(damaged(path, "its length does not match its page size"));
    }
    Ok(Header {
        schema_version,
        page_size,
        file_len,
    })
}
