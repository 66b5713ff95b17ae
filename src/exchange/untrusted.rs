//! The gate for portfolio files that arrive from someone else (by email, on a
//! USB stick): before anything of ours opens one, it is copied to a private
//! temporary file and checked there with SQLite's defensive settings.
//!
//! Checks, in order: a regular file within the size limit; the header, read
//! strictly (ours, not newer, its length exactly what its page count says,
//! so a file padded to gigabytes is refused before it is copied); then on
//! the private copy, with triggers and views disabled, `trusted_schema` off,
//! defensive mode on and a small maximum value length: our application id
//! and version again, exactly the schema its version should have (an added
//! trigger, view or table is refused), SQLite's full integrity check,
//! foreign keys, every stored value within the sizes this app writes, and
//! every text value valid UTF-8 within the app's own limit for that field
//! (a name's length, a description's length), names and titles free of
//! characters that make text display as something else, and the number of
//! records in each table within [`MAX_RECORDS`]. Only then is it opened
//! normally (and migrated if older). A file that fails is refused with a
//! typed error and its copy removed; nothing else is touched.
//!
//! A locked file (see [`super::lock`]) is decrypted straight into the
//! private copy, never anywhere else, and then checked the same way.

use super::lock::Passphrase;
use crate::error::{Error, ErrorCode, Result};
use crate::storage::{self, header};
use crate::temp_files::{self, Kind};
use rusqlite::config::DbConfig;
use rusqlite::limits::Limit;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use std::io::{Read, Write};
use std::path::Path;

/// The largest portfolio file accepted from someone else: 4 GiB.
pub const MAX_EXCHANGE_BYTES: u64 = 4 << 30;
/// The longest single value (text or bytes) this app ever stores: attachment
/// chunks are 1 MiB, previews and accounts far below this.
const MAX_VALUE_BYTES: i32 = 4 << 20;

/// A checked private copy of an untrusted file; removed when dropped unless
/// kept. It holds its temporary file's lock until it is kept or dropped.
pub(crate) struct CheckedCopy {
    temp: tempfile::NamedTempFile,
}

impl CheckedCopy {
    pub fn path(&self) -> &Path {
        self.temp.path()
    }

    /// Moves the copy to `dest` (same folder: an atomic rename), replacing it.
    /// No connection may have the copy open (our descriptor closes here).
    pub fn persist(self, dest: &Path) -> Result<()> {
        let file = self
            .temp
            .persist(dest)
            .map_err(|e| Error::io(dest, &e.error))?;
        drop(file);
        if let Some(dir) = dest.parent() {
            storage::sync_dir(dir);
        }
        Ok(())
    }
}

/// Copies `source` into folder `work_dir` and checks the copy.
pub(crate) fn take_in(source: &Path, work_dir: &Path) -> Result<CheckedCopy> {
    take_in_with(source, None, work_dir)
}

/// As [`take_in`]; a locked `source` is decrypted with `passphrase` straight
/// into the private copy.
pub(crate) fn take_in_with(
    source: &Path,
    passphrase: Option<&Passphrase>,
    work_dir: &Path,
) -> Result<CheckedCopy> {
    let meta = std::fs::metadata(source).map_err(|e| Error::io(source, &e))?;
    if !meta.is_file() {
        return Err(Error::invalid_input(format!(
            "{} is not a file.",
            source.display()
        )));
    }
    let locked = super::lock::is_locked(source)?;
    let limit = if locked {
        MAX_EXCHANGE_BYTES + super::lock::MAX_OVERHEAD_BYTES
    } else {
        MAX_EXCHANGE_BYTES
    };
    if meta.len() > limit {
        return Err(Error::invalid_input(format!(
            "{} is {} bytes, larger than any portfolio this app accepts ({} bytes).",
            source.display(),
            meta.len(),
            MAX_EXCHANGE_BYTES
        )));
    }
    if !locked {
        header::inspect_exact(source)?;
    }
    let mut temp = temp_files::create(work_dir, Kind::Incoming)?;
    match (locked, passphrase) {
        (false, _) => copy_limited(source, temp.as_file_mut())?,
        (true, Some(passphrase)) => {
            super::lock::unlock_into(source, passphrase, temp.as_file_mut(), MAX_EXCHANGE_BYTES)?;
        }
        (true, None) => return Err(header::locked(source)),
    }
    let copy = CheckedCopy { temp };
    check(copy.path(), source)?;
    Ok(copy)
}

fn copy_limited(source: &Path, dest: &mut std::fs::File) -> Result<()> {
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
    header::inspect_exact(copy).map_err(|e| named(e, copy, source))?;
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
        check_values(&conn, source)?;
        Ok(())
    };
    run().map_err(|e| match e.code {
        ErrorCode::Internal => damaged("its records cannot be read"),
        // SQLite's own word for it, which names no file.
        ErrorCode::Damaged
            if !e.message.contains(&copy.display().to_string())
                && !e.message.contains(&source.display().to_string()) =>
        {
            damaged("SQLite finds its structure corrupt")
        }
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

/// The most records of each kind a file from someone else may hold: far
/// beyond real portfolios (the benchmarks use 2,000 pieces of evidence), but
/// a bound on what opening, judging and exporting the file may cost.
pub const MAX_RECORDS: &[(&str, u64)] = &[
    ("standard_item", 1_000),
    ("self_assessment", 1_000),
    ("history", 2_000_000),
    ("witness", 20_000),
    ("evidence", 20_000),
    ("content", 50_000),
    ("content_chunk", 200_000),
    ("preview", 100_000),
    ("attachment", 50_000),
    ("mapping", 1_000_000),
    ("submission", 1_000),
    ("submission_part", 2_000_000),
    ("submission_content", 1_000_000),
    ("judgement", 100_000),
    ("overall_feedback", 1_000),
    ("signoff", 1_000),
    ("audit", 1_000_000),
    // One seal per party, and one part per row it seals: at most every
    // record above.
    ("seal", 10),
    ("seal_part", 10_000_000),
    // The partnership register: far more than anyone keeps.
    ("partner", 10_000),
    ("partner_contact", 100_000),
    ("partnership_note", 100_000),
    ("agreement", 10_000),
    ("agreement_version", 100_000),
    ("health_check", 10_000),
    ("health_check_respondent", 100_000),
    ("health_check_answer", 5_000_000),
    ("partnership_action", 100_000),
    ("evidence_source", 20_000),
    // The assessment plan, reviews and replies.
    ("plan_item", 1_000_000),
    ("plan_acceptance", 10),
    ("progress_review", 100_000),
    ("review_signature", 1_000_000),
    ("feedback_reply", 1_000_000),
];

/// A text column's limit: the most characters the app itself lets into it,
/// and whether it is a name or title (where text-disguising characters are
/// refused). Columns not listed hold short values the app makes itself
/// (ids, dates, times, keys, fingerprints): [`SHORT`].
struct TextLimit {
    table: &'static str,
    column: &'static str,
    max_chars: usize,
    name: bool,
}

/// The limit of a text column not listed in [`TEXT_LIMITS`].
const SHORT: usize = 200;

const fn field(table: &'static str, column: &'static str, max_chars: usize) -> TextLimit {
    TextLimit {
        table,
        column,
        max_chars,
        name: false,
    }
}
const fn name(table: &'static str, column: &'static str, max_chars: usize) -> TextLimit {
    TextLimit {
        table,
        column,
        max_chars,
        name: true,
    }
}

const TEXT_LIMITS: &[TextLimit] = {
    use crate::evidence as ev;
    use crate::partnerships::{MAX_NAME_CHARS as PT_NAME, MAX_TEXT_CHARS as PT_TEXT};
    use crate::text::MAX_NAME_CHARS as NAME;
    &[
        name("portfolio", "title", crate::portfolio::MAX_TITLE_CHARS),
        field("portfolio", "standard_json", MAX_VALUE_BYTES as usize),
        field("standard_item", "text", 5_000),
        name(
            "learner_profile",
            "full_name",
            crate::profile::MAX_FIELD_CHARS,
        ),
        name(
            "learner_profile",
            "registration_number",
            crate::profile::MAX_FIELD_CHARS,
        ),
        name("learner_profile", "centre", crate::profile::MAX_FIELD_CHARS),
        name(
            "learner_profile",
            "qualification",
            crate::profile::MAX_FIELD_CHARS,
        ),
        name(
            "learner_profile",
            "assessor_name",
            crate::profile::MAX_FIELD_CHARS,
        ),
        field(
            "self_assessment",
            "account",
            crate::self_assessment::MAX_ACCOUNT_CHARS,
        ),
        field("history", "value", ev::MAX_TEXT_CHARS),
        name("witness", "name", ev::witnesses::MAX_FIELD_CHARS),
        name("witness", "job_role", ev::witnesses::MAX_FIELD_CHARS),
        name("witness", "organisation", ev::witnesses::MAX_FIELD_CHARS),
        name("witness", "relationship", ev::witnesses::MAX_FIELD_CHARS),
        field("witness", "contact", ev::witnesses::MAX_FIELD_CHARS),
        field("witness", "competence", ev::witnesses::MAX_COMPETENCE_CHARS),
        name("evidence", "title", ev::MAX_TITLE_CHARS),
        field("evidence", "description", ev::MAX_TEXT_CHARS),
        name("evidence", "confidential_what", ev::MAX_FIELD_CHARS),
        name("evidence", "confidential_held", ev::MAX_FIELD_CHARS),
        name("evidence", "confidential_confirmer", ev::MAX_FIELD_CHARS),
        field("content", "media_type", 255),
        name("attachment", "file_name", ev::attachments::MAX_NAME_CHARS),
        name(
            "attachment",
            "description",
            ev::attachments::MAX_DESCRIPTION_CHARS,
        ),
        field("mapping", "note", ev::MAX_NOTE_CHARS),
        name("submission", "declared_name", NAME),
        field("submission", "declaration", 5_000),
        field("submission_part", "content", MAX_VALUE_BYTES as usize),
        field("seal_part", "content", MAX_VALUE_BYTES as usize),
        field("judgement", "feedback", super::assessor::MAX_FEEDBACK_CHARS),
        name("judgement", "assessor_name", NAME),
        field(
            "overall_feedback",
            "feedback",
            super::assessor::MAX_FEEDBACK_CHARS,
        ),
        name("overall_feedback", "assessor_name", NAME),
        name("signoff", "assessor_name", NAME),
        field("signoff", "declaration", 5_000),
        name("audit", "name", NAME),
        field("audit", "detail", 1_000),
        name("partner", "name", PT_NAME),
        field("partner", "role", PT_TEXT),
        field("partner", "interests", PT_TEXT),
        field("partner", "services", PT_TEXT),
        field("partner", "info_needs", PT_TEXT),
        field("partner", "info_shared", PT_TEXT),
        field("partner", "info_withheld", PT_TEXT),
        name("partner_contact", "name", PT_NAME),
        name("partner_contact", "role", PT_NAME),
        name("partner_contact", "reach", PT_NAME),
        field("partnership_note", "text", PT_TEXT),
        field("partnership_note", "participants", PT_TEXT),
        field("agreement_version", "aims", PT_TEXT),
        field("agreement_version", "arrangements", PT_TEXT),
        field("agreement_version", "measures", PT_TEXT),
        field("agreement_version", "monitoring", PT_TEXT),
        field("agreement_version", "what_changed", PT_TEXT),
        field("agreement_version", "why", PT_TEXT),
        name("health_check_respondent", "name", PT_NAME),
        field("health_check_answer", "comment", PT_TEXT),
        field("partnership_action", "action", PT_TEXT),
        name("partnership_action", "owner", PT_NAME),
        field("plan_item", "methods", 1_000),
        field("plan_item", "note", crate::assessment_plan::MAX_NOTE_CHARS),
        name("plan_acceptance", "name", NAME),
        field(
            "progress_review",
            "achieved",
            crate::reviews::MAX_TEXT_CHARS,
        ),
        field(
            "progress_review",
            "next_steps",
            crate::reviews::MAX_TEXT_CHARS,
        ),
        field("progress_review", "notes", crate::reviews::MAX_TEXT_CHARS),
        name("progress_review", "learner_name", NAME),
        name("progress_review", "assessor_name", NAME),
        name("review_signature", "name", NAME),
        field(
            "feedback_reply",
            "text",
            crate::feedback_thread::MAX_REPLY_CHARS,
        ),
        name("feedback_reply", "learner_name", NAME),
        field(
            "iqa_sample",
            "feedback",
            super::assessor::MAX_FEEDBACK_CHARS,
        ),
        name("iqa_sample", "iqa_name", NAME),
        field("iqa_signoff", "action", super::assessor::MAX_FEEDBACK_CHARS),
        name("iqa_signoff", "iqa_name", NAME),
    ]
};

/// The tables and their text columns, as the file's schema declares them.
fn text_columns(conn: &Connection) -> Result<Vec<(String, Vec<String>)>> {
    let tables: Vec<String> = {
        let mut stmt = conn.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut out = Vec::new();
    for table in tables {
        let mut stmt =
            conn.prepare("SELECT name FROM pragma_table_info(?1) WHERE upper(type) = 'TEXT'")?;
        let rows = stmt.query_map([&table], |r| r.get(0))?;
        out.push((table, rows.collect::<rusqlite::Result<_>>()?));
    }
    Ok(out)
}

/// Every table's record count and every text value against the app's own
/// limits (see the module comment).
fn check_values(conn: &Connection, source: &Path) -> Result<()> {
    let damaged = |why: String| header::damaged(source, &why);
    for (table, columns) in text_columns(conn)? {
        let count: i64 = conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
            r.get(0)
        })?;
        let count = count as u64;
        let max = MAX_RECORDS
            .iter()
            .find(|(t, _)| *t == table)
            .map_or(100_000, |(_, n)| *n);
        if count > max {
            return Err(damaged(format!(
                "it holds {count} records in {table}, more than this app allows ({max})"
            )));
        }
        if columns.is_empty() {
            continue;
        }
        let limits: Vec<(usize, bool)> = columns
            .iter()
            .map(|c| {
                TEXT_LIMITS
                    .iter()
                    .find(|l| l.table == table && l.column == c)
                    .map_or((SHORT, false), |l| (l.max_chars, l.name))
            })
            .collect();
        let list: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
        let mut stmt = conn.prepare(&format!("SELECT {} FROM \"{table}\"", list.join(", ")))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            for (i, (max_chars, is_name)) in limits.iter().enumerate() {
                let at = || format!("{table}.{}", columns[i]);
                let text = match row.get_ref(i)? {
                    ValueRef::Null => continue,
                    ValueRef::Text(bytes) => std::str::from_utf8(bytes)
                        .map_err(|_| damaged(format!("its text in {} is not valid UTF-8", at())))?,
                    _ => {
                        return Err(damaged(format!(
                            "it holds a value of the wrong kind in {}",
                            at()
                        )))
                    }
                };
                let chars = text.chars().count();
                if chars > *max_chars {
                    return Err(damaged(format!(
                        "it holds a value of {chars} characters in {}, where this app allows at most {max_chars}",
                        at()
                    )));
                }
                if *is_name {
                    if let Some(c) = text.chars().find(|c| crate::text::is_disguising(*c)) {
                        return Err(damaged(format!(
                            "its {} holds an invisible character (U+{:04X}) that can make a name display as something else",
                            at(),
                            c as u32
                        )));
                    }
                }
            }
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
