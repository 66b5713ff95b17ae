//! The gate for portfolio files that arrive from someone else (by email, on a
//! USB stick): before anything of ours opens one, it is copied to a private
//! temporary file and checked there with SQLite's defensive settings.
//!
//! Checks, in order: a regular file within the size limit; the header (ours,
//! not newer, not truncated); then on the private copy, with triggers and
//! views disabled, `trusted_schema` off, defensive mode on and a small
//! maximum value length: our application id and version again, exactly the
//! schema its version should have (an added trigger, view or table is
//! refused), SQLite's full integrity check, foreign keys, and every stored
//! value within the sizes this app writes. Only then is it opened normally
//! (and migrated if older). A file that fails is refused with a typed error
//! and its copy removed; nothing else is touched.

use crate::error::{Error, ErrorCode, Result};
use crate::storage::{self, header};
use rusqlite::config::DbConfig;
use rusqlite::limits::Limit;
use rusqlite::{Connection, OpenFlags};
use std::io::{Read, Write};
use std::path::Path;

/// The largest portfolio file accepted from someone else: 4 GiB.
pub const MAX_EXCHANGE_BYTES: u64 = 4 << 30;
/// The longest single value (text or bytes) this app ever stores: attachment
/// chunks are 1 MiB, previews and accounts far below this.
const MAX_VALUE_BYTES: i32 = 4 << 20;

/// A checked private copy of an untrusted file; removed when dropped unless kept.
pub(crate) struct CheckedCopy {
    temp: tempfile::TempPath,
}

impl CheckedCopy {
    pub fn path(&self) -> &Path {
        &self.temp
    }

    /// Moves the copy to `dest` (same folder: an atomic rename), replacing it.
    pub fn persist(self, dest: &Path) -> Result<()> {
        self.temp
            .persist(dest)
            .map_err(|e| Error::io(dest, &e.error))?;
        if let Some(dir) = dest.parent() {
            storage::sync_dir(dir);
        }
        Ok(())
    }
}

/// Copies `source` into folder `work_dir` and checks the copy.
pub(crate) fn take_in(source: &Path, work_dir: &Path) -> Result<CheckedCopy> {
    let meta = std::fs::metadata(source).map_err(|e| Error::io(source, &e))?;
    if !meta.is_file() {
        return Err(Error::invalid_input(format!(
            "{} is not a file.",
            source.display()
        )));
    }
    if meta.len() > MAX_EXCHANGE_BYTES {
        return Err(Error::invalid_input(format!(
            "{} is {} bytes, larger than any portfolio this app accepts ({} bytes).",
            source.display(),
            meta.len(),
            MAX_EXCHANGE_BYTES
        )));
    }
    header::inspect(source)?;
    let temp = tempfile::Builder::new()
        .prefix(".incoming-")
        .suffix(".tmp")
        .tempfile_in(work_dir)
        .map_err(|e| Error::io(work_dir, &e))?;
    let (file, temp) = temp.into_parts();
    copy_limited(source, file)?;
    let copy = CheckedCopy { temp };
    check(copy.path(), source)?;
    Ok(copy)
}

fn copy_limited(source: &Path, dest: std::fs::File) -> Result<()> {
    let mut from = std::fs::File::open(source).map_err(|e| Error::io(source, &e))?;
    let mut to = std::io::BufWriter::with_capacity(1 << 20, dest);
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0u64;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io(source, &e)),
        };
        total += n as u64;
        if total > MAX_EXCHANGE_BYTES {
            return Err(Error::invalid_input(format!(
                "{} grew while it was being read.",
                source.display()
            )));
        }
        to.write_all(&buf[..n]).map_err(|e| Error::io(source, &e))?;
    }
    let file = to.into_inner().map_err(|e| Error::io(source, e.error()))?;
    file.sync_all().map_err(|e| Error::io(source, &e))?;
    Ok(())
}

/// The file name to show in messages: the file the user chose, not our copy.
fn named(err: Error, copy: &Path, source: &Path) -> Error {
    let message = err
        .message
        .replace(&copy.display().to_string(), &source.display().to_string());
    Error::new(err.code, message)
}

/// Opens the private copy defensively and checks it (see the module comment).
fn check(copy: &Path, source: &Path) -> Result<()> {
    header::inspect(copy).map_err(|e| named(e, copy, source))?;
    let conn =
        defensive_connection(copy).map_err(|e| named(storage::reword(copy, e), copy, source))?;
    let damaged = |why: &str| header::damaged(source, why);
    let run = || -> Result<()> {
        storage::verify(&conn, copy)?;
        let report: Vec<String> = {
            let mut stmt = conn.prepare("PRAGMA integrity_check(5)")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if report != ["ok"] {
            return Err(damaged("SQLite's integrity check fails"));
        }
        let dangling: i64 =
            conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if dangling > 0 {
            return Err(damaged(
                "some of its records refer to records that do not exist",
            ));
        }
        check_value_sizes(&conn, copy)?;
        Ok(())
    };
    run().map_err(|e| match e.code {
        ErrorCode::Internal => damaged("its records cannot be read"),
        _ => named(e, copy, source),
    })
}

/// A read-only connection with everything an attacker could use switched off.
fn defensive_connection(path: &Path) -> rusqlite::Result<Connection> {
    let uri = format!("file:{}?immutable=1", percent_encode_path(path));
    let conn = Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.pragma_update(None, "trusted_schema", false)?;
    conn.pragma_update(None, "cell_size_check", true)?;
    conn.pragma_update(None, "mmap_size", 0)?;
    conn.set_limit(Limit::SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)?;
    conn.set_limit(Limit::SQLITE_LIMIT_SQL_LENGTH, 100_000)?;
    conn.set_limit(Limit::SQLITE_LIMIT_ATTACHED, 0)?;
    conn.busy_timeout(std::time::Duration::from_secs(1))?;
    Ok(conn)
}

/// Finds the longest text and blob value of every column, so a file holding
/// a value larger than this app ever writes is refused now rather than
/// exhausting memory later. (`octet_length` reads a value's size from its
/// record header without loading it.)
fn check_value_sizes(conn: &Connection, path: &Path) -> Result<()> {
    let tables: Vec<String> = {
        let mut stmt = conn.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for table in tables {
        let columns: Vec<String> = {
            let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
            let rows = stmt.query_map([&table], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let longest: Vec<String> = columns
            .iter()
            .map(|c| format!("coalesce(max(octet_length(\"{c}\")), 0)"))
            .collect();
        let sql = format!("SELECT max({}) FROM \"{table}\"", longest.join(", "));
        let sql = if columns.len() == 1 {
            sql.replacen("max(", "(", 1)
        } else {
            sql
        };
        let longest: i64 = conn.query_row(&sql, [], |r| r.get(0))?;
        if longest > MAX_VALUE_BYTES as i64 {
            return Err(header::damaged(
                path,
                &format!("it holds a value in \"{table}\" of {longest} bytes, larger than this app ever writes"),
            ));
        }
    }
    Ok(())
}

/// A path as the path part of an SQLite `file:` URI.
fn percent_encode_path(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
