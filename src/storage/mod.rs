//! The portfolio file: one portfolio is one SQLite file.
//!
//! Opening a file = check its header without touching it, open it, set the
//! connection's pragmas, check it is ours and its schema is exactly what its
//! version says, then run any pending migrations in one transaction. A file
//! that is not ours, is damaged, or comes from a newer app is refused and left
//! byte-for-byte as it was. A new file is built under a temporary name and
//! renamed into place, so a half-made portfolio never appears.
//!
//! Files use SQLite's rollback journal, not its write-ahead log: the file
//! alone always holds every committed change (a copy never misses a `-wal`
//! file), and new pages (attachments) are written once, at disk speed. The
//! app serialises each portfolio's writes through one connection anyway.

pub mod header;
pub(crate) mod migrations;
pub(crate) mod owners;
mod role;
pub(crate) mod seal;
mod write;

use crate::catalogue::Standard;
use crate::error::{Error, ErrorCode, Result};
use crate::logs::{file_id, millis};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use migrations::SCHEMA_VERSION;
pub use role::Role;
pub(crate) use write::{Change, Write};

/// `PRAGMA application_id` of every Partnership Portfolio file ("PPor").
pub const APPLICATION_ID: u32 = 0x5050_6F72;

/// SQLite page size of new files.
pub const PAGE_SIZE: u32 = 65536;

/// The file name extension of portfolio files.
pub const EXTENSION: &str = "portfolio";

/// An open portfolio file. All reads of its content go through the methods
/// the feature modules (profile, self-assessment, ...) add to it, and every
/// change through [`Portfolio::write`].
pub struct Portfolio {
    pub(crate) conn: Connection,
    path: PathBuf,
    standard: Standard,
}

impl Portfolio {
    /// Makes a new portfolio file at `path`, which must not exist yet, for
    /// `standard`: built under a temporary name in the same folder, its first
    /// records written by `fill` in one write, then renamed into place (so a
    /// half-made portfolio never appears) and opened.
    pub(crate) fn create_file(
        path: &Path,
        standard: &Standard,
        fill: impl FnOnce(&mut Write<'_>) -> Result<()>,
    ) -> Result<Portfolio> {
        if path.exists() {
            return Err(Error::new(
                ErrorCode::AlreadyExists,
                format!("{} already exists.", path.display()),
            ));
        }
        let dir = existing_folder_of(path)?;
        let temp = crate::temp_files::create(&dir, crate::temp_files::Kind::New)?;
        {
            let mut conn = connect(temp.path(), Access::ReadWrite)?;
            // Large pages: attachments stream in at close to disk speed
            // (benches/evidence.rs: 79% with 64 KiB pages, 26% with 4 KiB).
            conn.pragma_update(None, "page_size", PAGE_SIZE)?;
            migrations::migrate(&mut conn, 0)?;
            let p = Portfolio {
                conn,
                path: temp.path().to_path_buf(),
                standard: standard.clone(),
            };
            let mut w = Write::begin_new(&p)?;
            fill(&mut w)?;
            w.commit()?;
            p.close()?;
        }
        temp.as_file()
            .sync_all()
            .map_err(|e| Error::io(temp.path(), &e))?;
        let file = temp
            .persist_noclobber(path)
            .map_err(|e| Error::io(path, &e.error))?;
        drop(file); // before SQLite opens it (see temp_files::create)
        sync_dir(&dir);
        tracing::info!(file = %file_id(path), "created");
        Portfolio::open(path)
    }

    /// Opens an existing portfolio file for reading and writing, migrating it
    /// to the current schema if it is older.
    pub fn open(path: &Path) -> Result<Portfolio> {
        let started = Instant::now();
        let mut conn = connect_checked(path, Access::ReadWrite)?;
        let version = verify(&conn, path)?;
        leave_wal(&conn).map_err(|e| reword(path, e))?;
        if version < SCHEMA_VERSION {
            let ok: String = conn
                .query_row("PRAGMA quick_check", [], |r| r.get(0))
                .map_err(|e| reword(path, e))?;
            if ok != "ok" {
                return Err(header::damaged(
                    path,
                    "its contents do not pass SQLite's check",
                ));
            }
            let migrating = Instant::now();
            migrations::migrate(&mut conn, version).map_err(|e| reword_error(path, e))?;
            tracing::info!(
                file = %file_id(path),
                from = version,
                to = SCHEMA_VERSION,
                ms = millis(migrating),
                "migrated"
            );
        }
        let standard = load_standard(&conn, path)?;
        tracing::info!(file = %file_id(path), schema = SCHEMA_VERSION, ms = millis(started), "opened");
        Ok(Portfolio {
            conn,
            path: path.to_path_buf(),
            standard,
        })
    }

    /// Opens a portfolio only to read it: the connection refuses writes
    /// (`query_only`) and never migrates; an older file is refused with a
    /// message asking to open it in the app.
    pub fn open_read_only(path: &Path) -> Result<Portfolio> {
        Portfolio::open_to_read(path, Access::QueryOnly)
    }

    /// Opens a portfolio kept by someone else only to look at it (an
    /// assessor's caseload, `crate::caseload`): as
    /// [`Portfolio::open_read_only`], but the file is opened read-only at
    /// the file level, so nothing on disk can change, not even a
    /// rolled-back journal; a file that needs recovery is refused.
    pub fn open_untouched(path: &Path) -> Result<Portfolio> {
        Portfolio::open_to_read(path, Access::FileReadOnly)
    }

    fn open_to_read(path: &Path, access: Access) -> Result<Portfolio> {
        let started = Instant::now();
        if access == Access::FileReadOnly && in_wal_mode(path)? {
            // SQLite would make -wal and -shm side files beside it even to read.
            return Err(Error::new(
                ErrorCode::ReadOnly,
                format!(
                    "{} was left in write-ahead-log mode by another program; open it once in the app to list it.",
                    path.display()
                ),
            ));
        }
        let conn = connect_checked(path, access)?;
        let version = verify(&conn, path)?;
        if version < SCHEMA_VERSION {
            return Err(Error::new(
                ErrorCode::ReadOnly,
                format!(
                    "{} uses an older file format; open it once to update it.",
                    path.display()
                ),
            ));
        }
        let standard = load_standard(&conn, path)?;
        tracing::info!(file = %file_id(path), ms = millis(started), "opened to read");
        Ok(Portfolio {
            conn,
            path: path.to_path_buf(),
            standard,
        })
    }

    /// A second connection to this file, only to read it (the PDF export
    /// checks the file on it while it lays out the pages): the pragmas of
    /// [`Portfolio::open_read_only`]'s connection without its checks (this
    /// one made them), and busy at once rather than waiting for a writer.
    pub(crate) fn second_reader(&self) -> Result<Portfolio> {
        let conn = connect(&self.path, Access::QueryOnly)?;
        conn.busy_timeout(Duration::ZERO)?;
        Ok(Portfolio {
            conn,
            path: self.path.clone(),
            standard: self.standard.clone(),
        })
    }

    /// Takes the shared lock of the read transaction this connection is in
    /// (SQLite takes it at the transaction's first read, not at `BEGIN`):
    /// from now until the transaction ends it reads the file as it is at
    /// this moment, whatever is written meanwhile.
    pub(crate) fn read_now(&self) -> rusqlite::Result<()> {
        self.conn
            .query_row("SELECT count(*) FROM content", [], |_| Ok(()))
    }

    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The standard this portfolio is assessed against (as embedded in it).
    pub fn standard(&self) -> &Standard {
        &self.standard
    }

    /// Runs `f` with the file at `other` (already checked) attached to this
    /// connection as the schema `other`, detached again afterwards; with
    /// `None`, just runs `f`. (SQLite attaches only outside a transaction.)
    pub(crate) fn with_attached<T>(
        &mut self,
        other: Option<&Path>,
        f: impl FnOnce(&mut Portfolio) -> Result<T>,
    ) -> Result<T> {
        let Some(other) = other else {
            return f(self);
        };
        let name = other.to_str().ok_or_else(|| {
            Error::invalid_input(format!("The path {} is not valid text.", other.display()))
        })?;
        self.conn.execute("ATTACH DATABASE ?1 AS other", [name])?;
        let out = f(self);
        let detached = self.conn.execute("DETACH DATABASE other", []);
        let out = out?;
        detached?;
        Ok(out)
    }

    /// A damaged-file error from a reader, reworded to name this file.
    pub(crate) fn named(&self, err: Error) -> Error {
        name_file(&self.path, err)
    }

    /// Closes the file.
    pub fn close(self) -> Result<()> {
        self.conn.close().map_err(|(_, e)| Error::from(e))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    ReadWrite,
    /// Reads only; SQLite itself refuses any write on the connection.
    QueryOnly,
    /// Reads only, and the file itself is opened read-only
    /// (`SQLITE_OPEN_READ_ONLY`): not even a hot journal is rolled back or
    /// a side file removed. For files kept by someone else (a caseload).
    FileReadOnly,
}

/// Opens a connection with our pragmas. Query-only connections are opened
/// read-write at the file level all the same, so that SQLite can remove the
/// write-ahead log's side files when they close.
fn connect(path: &Path, access: Access) -> rusqlite::Result<Connection> {
    let mode = match access {
        Access::FileReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
        _ => OpenFlags::SQLITE_OPEN_READ_WRITE,
    };
    let conn = Connection::open_with_flags(path, mode | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "trusted_schema", false)?;
    match access {
        Access::ReadWrite => {
            conn.pragma_update(None, "foreign_keys", true)?;
            conn.pragma_update(None, "synchronous", "FULL")?;
            conn.pragma_update(None, "secure_delete", true)?;
        }
        Access::QueryOnly | Access::FileReadOnly => conn.pragma_update(None, "query_only", true)?,
    }
    Ok(conn)
}

/// Checks the header, connects, and — if the app was killed in the middle
/// of a save, leaving SQLite's hot journal beside the file — lets SQLite roll
/// the file back to its last commit (on the first read), then checks the
/// header again, now strictly. See `header`.
fn connect_checked(path: &Path, access: Access) -> Result<Connection> {
    let first = header::inspect(path)?;
    let conn = connect(path, access).map_err(|e| reword(path, e))?;
    if first.journal_beside {
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(|e| reword(path, e))?;
        header::inspect(path)?;
    }
    Ok(conn)
}

/// Files made by the first builds used the write-ahead log; switching to the
/// rollback journal folds the log into the file and removes it.
fn leave_wal(conn: &Connection) -> rusqlite::Result<()> {
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
    if mode.eq_ignore_ascii_case("wal") {
        conn.pragma_update_and_check(None, "journal_mode", "delete", |r| r.get::<_, String>(0))?;
    }
    Ok(())
}

/// Checks, on an open connection, that the file is ours, not newer, and has
/// exactly the schema its version says. Returns the schema version.
pub(crate) fn verify(conn: &Connection, path: &Path) -> Result<u32> {
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| reword(path, e))?;
    if app_id as u32 != APPLICATION_ID {
        return Err(header::not_ours(
            path,
            "it is a database made by another program",
        ));
    }
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| reword(path, e))?;
    if version > SCHEMA_VERSION {
        return Err(header::newer(path, version));
    }
    if version == 0 {
        return Err(header::damaged(path, "it has no file format version"));
    }
    let actual = migrations::schema_of(conn).map_err(|e| reword(path, e))?;
    if actual != migrations::expected_schema(version)? {
        return Err(header::damaged(path, "its structure has been altered"));
    }
    Ok(version)
}

fn load_standard(conn: &Connection, path: &Path) -> Result<Standard> {
    let json: Option<String> = conn
        .query_row("SELECT standard_json FROM portfolio", [], |r| r.get(0))
        .optional()
        .map_err(|e| reword(path, e))?;
    let json = json.ok_or_else(|| header::damaged(path, "it has no portfolio record"))?;
    Standard::from_json(&json)
        .map_err(|_| header::damaged(path, "its copy of the standard is unreadable"))
}

/// SQLite's own errors on opening, reworded to name the file.
pub(crate) fn reword(path: &Path, err: rusqlite::Error) -> Error {
    reword_error(path, Error::from(err))
}

fn reword_error(path: &Path, err: Error) -> Error {
    match err.code {
        ErrorCode::Damaged => header::damaged(path, "SQLite reports it as corrupt"),
        ErrorCode::NotAPortfolio => header::not_ours(path, "it is not an SQLite database"),
        _ => err,
    }
}

/// A damaged-file error worded without a file ("The portfolio file is
/// damaged: ..."), reworded to name `path`; other errors as they are.
pub(crate) fn name_file(path: &Path, err: Error) -> Error {
    match err.code {
        ErrorCode::Damaged => Error::new(
            ErrorCode::Damaged,
            err.message.replacen(
                "The portfolio file is damaged",
                &format!("{} is damaged", path.display()),
                1,
            ),
        ),
        _ => err,
    }
}

/// The folder a file at `dest` goes in (`.` for a bare file name): where a
/// temporary file is made so that the final move is a rename.
pub(crate) fn folder_of(dest: &Path) -> PathBuf {
    match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// As [`folder_of`], refusing a folder that does not exist.
pub(crate) fn existing_folder_of(dest: &Path) -> Result<PathBuf> {
    let dir = folder_of(dest);
    if !dir.is_dir() {
        return Err(Error::not_found(format!(
            "The folder {} does not exist.",
            dir.display()
        )));
    }
    Ok(dir)
}

/// Whether the file's SQLite header says write-ahead-log mode (its read and
/// write versions, bytes 18 and 19, are 2); a short file is not.
fn in_wal_mode(path: &Path) -> Result<bool> {
    use std::io::Read;
    let mut head = [0u8; 20];
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
    Ok(f.read_exact(&mut head).is_ok() && (head[18] == 2 || head[19] == 2))
}

/// Makes a rename in `dir` durable (best effort; not every platform can).
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// What the library shows of a portfolio file without opening it for work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub uid: String,
    pub title: String,
    pub learner_name: String,
    pub standard_urn: String,
    pub updated_at: String,
    pub rated: u32,
    pub total: u32,
    /// Pieces of evidence (0 before schema 2).
    pub evidence: u32,
    /// Whose copy it is (a learner's before schema 3).
    pub role: Role,
    /// The latest submission's version, if any (schema 3 on).
    pub submitted_version: Option<u32>,
}

/// Reads a file's summary without changing it. Uses only what each schema
/// version has, so files awaiting a migration are listed too.
pub fn summary(path: &Path) -> Result<Summary> {
    let conn = connect_checked(path, Access::QueryOnly)?;
    let version = header::inspect(path)?.schema_version;
    let evidence = if version >= 2 {
        "(SELECT count(*) FROM evidence)"
    } else {
        "0"
    };
    let (role, submitted) = if version >= 3 {
        ("p.role", "(SELECT max(version) FROM submission)")
    } else {
        ("'learner'", "NULL")
    };
    let sql = format!(
        "SELECT p.uid, p.title, l.full_name, p.standard_urn, p.updated_at,
                (SELECT count(*) FROM self_assessment WHERE rating IS NOT NULL),
                (SELECT count(*) FROM standard_item), {evidence}, {role}, {submitted}
         FROM portfolio p, learner_profile l"
    );
    conn.query_row(&sql, [], |r| {
        Ok(Summary {
            uid: r.get(0)?,
            title: r.get(1)?,
            learner_name: r.get(2)?,
            standard_urn: r.get(3)?,
            updated_at: r.get(4)?,
            rated: r.get(5)?,
            total: r.get(6)?,
            evidence: r.get(7)?,
            role: r.get(8)?,
            submitted_version: r.get(9)?,
        })
    })
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(..) | rusqlite::Error::QueryReturnedNoRows => {
            reword(path, e)
        }
        other => Error::from(other),
    })
    .map_err(|e| match e.code {
        ErrorCode::Internal => header::damaged(path, "its records are unreadable"),
        _ => name_file(path, e),
    })
}
