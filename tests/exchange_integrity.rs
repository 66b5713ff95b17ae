//! The exchange's rule, tried as an ordinary database tool would break it.
//!
//! A generator walks the schema of a real submitted file and a real returned
//! file (every table, every column, so tables added later are tried too) and
//! makes edits with plain SQL, keeping the file's schema and triggers and
//! with foreign keys on: each text, number and byte value changed, set to
//! another row's value, emptied, swapped between two rows; rows deleted and
//! added. Every edit must be refused by `open-submission` (nothing written)
//! or by `receive` (the learner's portfolio byte for byte unchanged), and
//! reported by `verify`, which is also what the PDF's front sheet says. Edits
//! the file's own constraints or triggers forbid are counted and skipped.
//! The few columns that are not sealed are listed below with the reason.
//!
//! Then the rule in use: what open-submission and receive name, what
//! `verify` reports in a learner's own file (information) and in a file sent
//! (a problem), sign-offs withdrawn by a change, the PDF's front sheet, and
//! stored values outside their domain.
//!
//! `cargo test --test exchange_integrity -- --nocapture` prints the count of
//! edits tried.

mod common;
#[path = "support/pdf_tools.rs"]
mod pdf_tools;

use partnership_portfolio::demo::{create_demo, DemoOptions};
use partnership_portfolio::exchange::{self, JudgementOutcome};
use partnership_portfolio::{ErrorCode, Portfolio};
use rusqlite::types::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Columns that are not sealed, and why: an edit to one of them may go
/// through. Kept short; everything else must be refused and reported.
const NOT_SEALED: &[(&str, &str, &str)] = &[
    (
        "portfolio",
        "title",
        "each copy's own name for the portfolio in its holder's library; never shown as submitted content",
    ),
    (
        "portfolio",
        "updated_at",
        "when this copy last changed; every write by whoever holds the copy sets it",
    ),
    (
        "portfolio",
        "sent_at",
        "when the copy was written to be sent; it only decides whether verify calls a difference work in progress or a problem, and open-submission and receive hold the file to its seals either way",
    ),
];

/// Columns an edit of which open-submission and receive refuse, but that
/// `verify` has nothing to say about: whose copy the file is.
const CHECKED_AT_THE_DOOR: &[(&str, &str, &str)] = &[(
    "portfolio",
    "role",
    "a learner's file made an assessor's copy is refused by open-submission (not a submission), an assessor's made a learner's by receive (not an assessment); either way it is a consistent file of the other kind",
)];

const ASSESSOR: &str = "Màiri NicDhòmhnaill";

/// The real files the edits are made to.
struct Files {
    _dir: tempfile::TempDir,
    /// The learner's portfolio after submitting version 3.
    learner: PathBuf,
    /// The file sent for version 3.
    sent: PathBuf,
    /// The assessor's copy, version 3 judged and signed off.
    assessor: PathBuf,
    /// The file the assessor returned.
    returned: PathBuf,
}

/// A small demo portfolio (every kind of record, photos with previews)
/// through two rounds of the exchange, then a third submission judged,
/// signed off and returned.
fn files() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = common::temp_dir();
        let learner = dir.path().join("learner.portfolio");
        create_demo(
            &learner,
            &DemoOptions {
                evidence: 6,
                photos: 2,
                photo_size: (160, 120),
                today: Some("2027-03-10".parse().unwrap()),
                ..Default::default()
            },
        )
        .unwrap();
        let sent = dir.path().join("sent-v3.portfolio");
        let mut p = Portfolio::open(&learner).unwrap();
        p.set_account(
            "P1",
            "Rewritten for version 3 after the feedback: the partners, the aims and who did what.",
        )
        .unwrap();
        // Evidence made from the partnership register (its source is a row
        // of its own), so that table's columns are tried too.
        p.make_evidence("AG1", &Default::default()).unwrap();
        let name = p.profile().unwrap().full_name;
        p.submit(&name, "2027-03-20").unwrap();
        p.save_copy(&sent).unwrap();
        p.close().unwrap();

        let assessor = dir.path().join("assessor.portfolio");
        let mut a = exchange::open_submission(&sent, &assessor, ASSESSOR).unwrap();
        a.judge("P1", JudgementOutcome::NotYetMet, "Say who chaired.", None)
            .unwrap();
        a.judge("K2", JudgementOutcome::Met, "Clear.", None)
            .unwrap();
        a.set_overall_feedback("Nearly there: see P1.", None)
            .unwrap();
        a.sign_off(ASSESSOR, "2027-03-25").unwrap();
        let returned = dir.path().join("returned-v3.portfolio");
        a.return_to_learner(&returned, None).unwrap();
        a.close().unwrap();
        Files {
            _dir: dir,
            learner,
            sent,
            assessor,
            returned,
        }
    })
}

// ----- the generator --------------------------------------------------------

/// A column of a table, as the schema says.
#[derive(Debug, Clone)]
struct Column {
    name: String,
    pk: bool,
    not_null: bool,
    integer_key: bool,
}

/// One edit: alternatives of statements, the first that the file accepts
/// is applied (an added row tries several keys).
#[derive(Debug, Clone)]
struct Edit {
    table: String,
    column: Option<String>,
    what: String,
    alternatives: Vec<Vec<(String, Vec<Value>)>>,
}

impl Edit {
    fn describe(&self) -> String {
        match &self.column {
            Some(c) => format!("{}.{c}: {}", self.table, self.what),
            None => format!("{}: {}", self.table, self.what),
        }
    }
}

fn tables(conn: &rusqlite::Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
        .unwrap();
    let names = stmt.query_map([], |r| r.get(0)).unwrap();
    names.map(Result::unwrap).collect()
}

fn columns(conn: &rusqlite::Connection, table: &str) -> Vec<Column> {
    let mut stmt = conn
        .prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1) ORDER BY cid")
        .unwrap();
    let cols: Vec<(String, String, bool, i64)> = stmt
        .query_map([table], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let pks = cols.iter().filter(|c| c.3 > 0).count();
    cols.into_iter()
        .map(|(name, ty, not_null, pk)| Column {
            integer_key: pk > 0 && pks == 1 && ty.eq_ignore_ascii_case("INTEGER"),
            name,
            pk: pk > 0,
            not_null,
        })
        .collect()
}

fn has_rowid(conn: &rusqlite::Connection, table: &str) -> bool {
    conn.prepare(&format!("SELECT rowid FROM \"{table}\" LIMIT 1"))
        .is_ok()
}

/// Values that fill a key column: those in the column and in the column it
/// refers to.
fn key_candidates(conn: &rusqlite::Connection, table: &str, column: &str) -> Vec<Value> {
    let mut sources = vec![(table.to_string(), column.to_string())];
    let mut stmt = conn
        .prepare("SELECT \"table\", \"to\" FROM pragma_foreign_key_list(?1) WHERE \"from\" = ?2")
        .unwrap();
    for fk in stmt
        .query_map([table, column], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
        })
        .unwrap()
    {
        let (parent, to) = fk.unwrap();
        sources.push((parent, to.unwrap_or_else(|| "rowid".into())));
    }
    let mut out: Vec<Value> = Vec::new();
    for (t, c) in sources {
        let mut stmt = conn
            .prepare(&format!("SELECT DISTINCT \"{c}\" FROM \"{t}\" ORDER BY 1"))
            .unwrap();
        for v in stmt.query_map([], |r| r.get::<_, Value>(0)).unwrap() {
            let v = v.unwrap();
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

fn is_date(s: &str) -> bool {
    s.len() == 10 && s.parse::<jiff::civil::Date>().is_ok()
}

fn is_instant(s: &str) -> bool {
    s.ends_with('Z') && s.len() > 19 && s.parse::<jiff::Timestamp>().is_ok()
}

/// A different value of the same kind: a date a day later, a time a second
/// later, a SHA-256 with one digit changed, text with one letter changed,
/// a number plus one, bytes with one bit flipped.
fn mutate(v: &Value) -> Option<Value> {
    Some(match v {
        Value::Null => return None,
        Value::Integer(i) => Value::Integer(i + 1),
        Value::Real(f) => Value::Real(f + 1.0),
        Value::Blob(b) => {
            let mut b = b.clone();
            if b.is_empty() {
                b.push(1);
            } else {
                let mid = b.len() / 2;
                b[mid] ^= 0x01;
            }
            Value::Blob(b)
        }
        Value::Text(s) => Value::Text(if is_date(s) {
            let d: jiff::civil::Date = s.parse().unwrap();
            d.tomorrow().unwrap().to_string()
        } else if is_instant(s) {
            let t: jiff::Timestamp = s.parse().unwrap();
            let t = t + jiff::SignedDuration::from_secs(1);
            t.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
        } else if s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
            let mut c: Vec<char> = s.chars().collect();
            c[63] = if c[63] == '0' { '1' } else { '0' };
            c.into_iter().collect()
        } else if s.is_empty() {
            "x".into()
        } else {
            let mut c: Vec<char> = s.chars().collect();
            match c.iter().rposition(|ch| ch.is_ascii_alphabetic()) {
                Some(i) => c[i] = if c[i] == 'a' { 'b' } else { 'a' },
                None => c.push('x'),
            }
            c.into_iter().collect()
        }),
    })
}

/// The values a `CHECK (column IN (...))` in the table's schema allows.
fn allowed_values(conn: &rusqlite::Connection, table: &str, column: &str) -> Vec<Value> {
    let sql: String = conn
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = ?1",
            [table],
            |r| r.get(0),
        )
        .unwrap();
    let start = format!("CHECK ({column} IN (");
    let Some(at) = sql.find(&start) else {
        return Vec::new();
    };
    let rest = &sql[at + start.len()..];
    let list = &rest[..rest.find(')').unwrap_or(0)];
    list.split(',')
        .map(|v| v.trim().trim_matches('\'').to_string())
        .filter(|v| !v.is_empty())
        .map(Value::Text)
        .collect()
}

/// A value made up for an empty column.
fn filler(conn: &rusqlite::Connection, table: &str, column: &str) -> Value {
    let ty: String = conn
        .query_row(
            "SELECT type FROM pragma_table_info(?1) WHERE name = ?2",
            [table, column],
            |r| r.get(0),
        )
        .unwrap();
    match ty.to_ascii_uppercase().as_str() {
        "INTEGER" => Value::Integer(1),
        "REAL" => Value::Real(1.0),
        "BLOB" => Value::Blob(vec![1, 2, 3]),
        _ => Value::Text("x".into()),
    }
}

/// Every edit the generator makes to the file at `path`.
fn generate(path: &Path) -> (Vec<Edit>, Vec<String>) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut edits = Vec::new();
    let mut empty_tables = Vec::new();
    for table in tables(&conn) {
        let cols = columns(&conn, &table);
        let locator: Vec<String> = if has_rowid(&conn, &table) {
            vec!["rowid".into()]
        } else {
            cols.iter()
                .filter(|c| c.pk)
                .map(|c| c.name.clone())
                .collect()
        };
        let names: Vec<String> = cols.iter().map(|c| format!("\"{}\"", c.name)).collect();
        let loc_list: Vec<String> = locator.iter().map(|c| format!("\"{c}\"")).collect();
        let sql = format!(
            "SELECT {}, {} FROM \"{table}\" ORDER BY {}",
            loc_list.join(", "),
            names.join(", "),
            loc_list.join(", ")
        );
        let rows: Vec<(Vec<Value>, Vec<Value>)> = {
            let mut stmt = conn.prepare(&sql).unwrap();
            let n = locator.len();
            let got = stmt
                .query_map([], |r| {
                    let mut loc = Vec::new();
                    for i in 0..n {
                        loc.push(r.get::<_, Value>(i)?);
                    }
                    let mut vals = Vec::new();
                    for i in 0..cols.len() {
                        vals.push(r.get::<_, Value>(n + i)?);
                    }
                    Ok((loc, vals))
                })
                .unwrap();
            got.map(Result::unwrap).collect()
        };
        if rows.is_empty() {
            empty_tables.push(table.clone());
            continue;
        }
        // The condition naming one row, its parameters numbered from `first`.
        let where_of = |loc: &[Value], first: usize| -> (String, Vec<Value>) {
            let cond: Vec<String> = locator
                .iter()
                .enumerate()
                .map(|(i, c)| format!("\"{c}\" = ?{}", i + first))
                .collect();
            (cond.join(" AND "), loc.to_vec())
        };
        let set = |row: &(Vec<Value>, Vec<Value>), col: &str, v: Value| -> (String, Vec<Value>) {
            let (cond, loc) = where_of(&row.0, 2);
            let mut params = vec![v];
            params.extend(loc);
            (
                format!("UPDATE \"{table}\" SET \"{col}\" = ?1 WHERE {cond}"),
                params,
            )
        };
        let mut picks = vec![0, rows.len() - 1];
        picks.dedup();
        for (ci, col) in cols.iter().enumerate() {
            let edit = |what: &str, statements: Vec<(String, Vec<Value>)>| Edit {
                table: table.clone(),
                column: Some(col.name.clone()),
                what: what.into(),
                alternatives: vec![statements],
            };
            for &k in &picks {
                let row = &rows[k];
                match mutate(&row.1[ci]) {
                    Some(v) => edits.push(edit("changed", vec![set(row, &col.name, v)])),
                    None => edits.push(edit(
                        "filled in",
                        vec![set(row, &col.name, filler(&conn, &table, &col.name))],
                    )),
                }
            }
            let first = &rows[0];
            if let Some(other) = rows.iter().find(|r| r.1[ci] != first.1[ci]) {
                edits.push(edit(
                    "set to another row's value",
                    vec![set(first, &col.name, other.1[ci].clone())],
                ));
                edits.push(edit(
                    "swapped between two rows",
                    vec![
                        set(first, &col.name, other.1[ci].clone()),
                        set(other, &col.name, first.1[ci].clone()),
                    ],
                ));
            }
            for allowed in allowed_values(&conn, &table, &col.name) {
                if first.1[ci] != allowed {
                    edits.push(edit(
                        "set to another value its CHECK allows",
                        vec![set(first, &col.name, allowed)],
                    ));
                }
            }
            if first.1[ci] != Value::Null && !col.not_null {
                edits.push(edit("emptied", vec![set(first, &col.name, Value::Null)]));
            }
        }
        for &k in &picks {
            let (cond, loc) = where_of(&rows[k].0, 1);
            edits.push(Edit {
                table: table.clone(),
                column: None,
                what: format!("row {} deleted", k + 1),
                alternatives: vec![vec![(format!("DELETE FROM \"{table}\" WHERE {cond}"), loc)]],
            });
        }
        // A row added: a copy of the first with a new key (trying values of
        // each key column), and with its text changed where it must be unique.
        let insert = format!(
            "INSERT INTO \"{table}\" ({}) VALUES ({})",
            names.join(", "),
            (1..=cols.len())
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut alternatives = Vec::new();
        let base = rows[0].1.clone();
        for (ci, col) in cols.iter().enumerate().filter(|(_, c)| c.pk) {
            let candidates: Vec<Value> = if col.integer_key {
                let max: i64 = conn
                    .query_row(
                        &format!("SELECT max(\"{}\") FROM \"{table}\"", col.name),
                        [],
                        |r| r.get(0),
                    )
                    .unwrap();
                vec![Value::Integer(max + 1)]
            } else {
                let mut c = key_candidates(&conn, &table, &col.name);
                c.extend(mutate(&base[ci]));
                c
            };
            for v in candidates.into_iter().take(60) {
                let mut row = base.clone();
                row[ci] = v;
                alternatives.push(vec![(insert.clone(), row.clone())]);
                // A column that must be unique (an entry's uid, a file's
                // SHA-256) changed too.
                for (j, c) in cols.iter().enumerate() {
                    if !c.pk && matches!(row[j], Value::Text(_)) {
                        let mut unique = row.clone();
                        unique[j] = mutate(&row[j]).unwrap();
                        alternatives.push(vec![(insert.clone(), unique)]);
                    }
                }
            }
        }
        if alternatives.is_empty() {
            alternatives.push(vec![(insert.clone(), base.clone())]);
        }
        edits.push(Edit {
            table: table.clone(),
            column: None,
            what: "row added".into(),
            alternatives,
        });
    }
    (edits, empty_tables)
}

/// Applies `edit` to `path` as a plain tool would (foreign keys on); returns
/// whether the file took it (an edit its constraints or triggers forbid, or
/// that changes nothing, is not applied).
fn apply(path: &Path, edit: &Edit) -> bool {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    for statements in &edit.alternatives {
        let tx = conn.transaction().unwrap();
        let mut changed = 0;
        let mut ok = true;
        for (sql, params) in statements {
            match tx.execute(sql, rusqlite::params_from_iter(params.iter())) {
                Ok(n) => changed += n,
                Err(_) => {
                    ok = false;
                    break;
                }
            }
        }
        let dangling: i64 = tx
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        if ok && changed > 0 && dangling == 0 {
            tx.commit().unwrap();
            return true;
        }
        tx.rollback().unwrap();
    }
    false
}

fn sha(path: &Path) -> String {
    use sha2::Digest;
    partnership_portfolio::fingerprint::hex(&sha2::Sha256::digest(std::fs::read(path).unwrap()))
}

/// What happened to one edit.
enum Outcome {
    /// The file's own rules forbid it.
    Forbidden,
    /// Refused and reported, as it must be.
    Caught,
    /// A column that is not sealed: it may go through.
    Exempt,
    /// It got through somewhere: what went wrong.
    Missed(String),
}

/// Whether `verify` (which the PDF's front sheet also uses) reports the
/// edited file, or it cannot be opened at all.
fn reported(path: &Path) -> bool {
    match Portfolio::open(path) {
        Err(_) => true,
        Ok(p) => {
            let r = p.verify();
            let _ = p.close();
            !matches!(r, Ok(r) if r.ok())
        }
    }
}

fn is_listed(list: &[(&str, &str, &str)], edit: &Edit) -> bool {
    list.iter()
        .any(|(t, c, _)| *t == edit.table && edit.column.as_deref() == Some(*c))
}

/// Tries one edit on a copy of the submitted file.
fn try_on_submission(edit: &Edit, work: &Path) -> Outcome {
    let f = files();
    let edited = work.join("edited.portfolio");
    std::fs::copy(&f.sent, &edited).unwrap();
    if !apply(&edited, edit) {
        return Outcome::Forbidden;
    }
    if is_listed(NOT_SEALED, edit) {
        return Outcome::Exempt;
    }
    let dest = work.join("assessor").join("copy.portfolio");
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    let opened = exchange::open_submission(&edited, &dest, ASSESSOR);
    let leftovers: Vec<_> = std::fs::read_dir(dest.parent().unwrap()).unwrap().collect();
    let outcome = match opened {
        Ok(p) => {
            p.close().unwrap();
            Outcome::Missed("open-submission made an assessor's copy of it".into())
        }
        Err(_) if !leftovers.is_empty() => {
            Outcome::Missed("open-submission refused it but left a file behind".into())
        }
        Err(_) if !reported(&edited) && !is_listed(CHECKED_AT_THE_DOOR, edit) => {
            Outcome::Missed("verify does not report it".into())
        }
        Err(_) => Outcome::Caught,
    };
    std::fs::remove_dir_all(dest.parent().unwrap()).unwrap();
    outcome
}

/// Tries one edit on a copy of the returned file.
fn try_on_return(edit: &Edit, work: &Path) -> Outcome {
    let f = files();
    let edited = work.join("edited.portfolio");
    std::fs::copy(&f.returned, &edited).unwrap();
    if !apply(&edited, edit) {
        return Outcome::Forbidden;
    }
    if is_listed(NOT_SEALED, edit) {
        return Outcome::Exempt;
    }
    let mine = work.join("mine").join("learner.portfolio");
    std::fs::create_dir_all(mine.parent().unwrap()).unwrap();
    std::fs::copy(&f.learner, &mine).unwrap();
    let before = sha(&mine);
    let mut p = Portfolio::open(&mine).unwrap();
    let received = p.receive(&edited);
    p.close().unwrap();
    let files_there = std::fs::read_dir(mine.parent().unwrap()).unwrap().count();
    let outcome = match received {
        Ok(_) => Outcome::Missed("receive took it into the learner's portfolio".into()),
        Err(_) if sha(&mine) != before || files_there != 1 => {
            Outcome::Missed("receive refused it but changed the learner's folder".into())
        }
        Err(_) if !reported(&edited) && !is_listed(CHECKED_AT_THE_DOOR, edit) => {
            Outcome::Missed("verify does not report it".into())
        }
        Err(_) => Outcome::Caught,
    };
    std::fs::remove_dir_all(mine.parent().unwrap()).unwrap();
    outcome
}

/// Runs `check` on every edit, on two threads.
fn run(edits: &[Edit], check: fn(&Edit, &Path) -> Outcome) -> Vec<(Edit, Outcome)> {
    let half = edits.len().div_ceil(2);
    std::thread::scope(|s| {
        let handles: Vec<_> = edits
            .chunks(half.max(1))
            .map(|chunk| {
                s.spawn(move || {
                    let work = common::temp_dir();
                    chunk
                        .iter()
                        .map(|e| (e.clone(), check(e, work.path())))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    })
}

#[test]
fn every_edit_to_a_submitted_or_returned_file_is_refused_and_reported() {
    let f = files();
    // The untouched files go through: the checks below can fail.
    let dir = common::temp_dir();
    exchange::open_submission(&f.sent, &dir.path().join("a.portfolio"), ASSESSOR)
        .unwrap()
        .close()
        .unwrap();
    let mine = dir.path().join("mine.portfolio");
    std::fs::copy(&f.learner, &mine).unwrap();
    let mut p = Portfolio::open(&mine).unwrap();
    p.receive(&f.returned).unwrap();
    p.close().unwrap();
    for file in [&f.sent, &f.returned, &f.assessor] {
        let p = Portfolio::open(file).unwrap();
        let report = p.verify().unwrap();
        assert!(report.ok(), "{}: {:?}", file.display(), report.problems);
        p.close().unwrap();
    }

    let mut tried = 0;
    let mut applied = 0;
    let mut missed = Vec::new();
    let mut applied_by_column: BTreeMap<String, usize> = BTreeMap::new();
    let mut caught_by_table: BTreeMap<String, usize> = BTreeMap::new();
    for (name, file, check) in [
        (
            "submitted",
            &f.sent,
            try_on_submission as fn(&Edit, &Path) -> Outcome,
        ),
        ("returned", &f.returned, try_on_return),
    ] {
        let (edits, empty) = generate(file);
        assert!(
            empty.is_empty(),
            "the {name} file has no rows in {empty:?}: add such records to the fixture so their columns are tried"
        );
        for (edit, outcome) in run(&edits, check) {
            tried += 1;
            if !matches!(outcome, Outcome::Forbidden) {
                applied += 1;
                let key = format!(
                    "{}.{}",
                    edit.table,
                    edit.column.as_deref().unwrap_or("(rows)")
                );
                *applied_by_column.entry(key).or_default() += 1;
            }
            match outcome {
                Outcome::Caught => *caught_by_table.entry(edit.table.clone()).or_default() += 1,
                Outcome::Missed(why) => {
                    missed.push(format!("{name} file, {}: {why}", edit.describe()))
                }
                Outcome::Forbidden | Outcome::Exempt => {}
            }
        }
    }
    println!(
        "exchange_integrity: {tried} edits tried on a submitted and a returned file, {applied} applied \
         (the rest forbidden by the file's own constraints and triggers), every applied edit refused and \
         reported except to the {} unsealed columns",
        NOT_SEALED.len()
    );
    assert!(
        missed.is_empty(),
        "{} edits got through:\n{}",
        missed.len(),
        missed.join("\n")
    );
    // Every table's content was really edited, and caught.
    let conn = rusqlite::Connection::open(&f.sent).unwrap();
    for table in tables(&conn) {
        assert!(
            caught_by_table.get(&table).copied().unwrap_or(0) > 0,
            "no edit to {table} was applied and caught"
        );
    }
    // The unsealed columns are exactly the registry's local ones that an edit can reach.
    for (t, c, _) in NOT_SEALED.iter().chain(CHECKED_AT_THE_DOOR) {
        assert!(
            applied_by_column.contains_key(&format!("{t}.{c}")),
            "{t}.{c} is listed as not sealed but no edit to it was applied"
        );
    }
    assert!(applied > 500, "only {applied} edits applied");
}

/// An edited file exported to PDF says on its front sheet that it does not
/// match, and never that its content is what was submitted or signed.
#[test]
fn a_pdf_of_an_edited_file_says_it_does_not_match() {
    let f = files();
    let dir = common::temp_dir();
    let (edits, _) = generate(&f.sent);
    let mut seen = std::collections::BTreeSet::new();
    let mut pdfs = 0;
    for edit in edits.iter().filter(|e| e.column.is_some()) {
        if seen.contains(&edit.table)
            || is_listed(NOT_SEALED, edit)
            || is_listed(CHECKED_AT_THE_DOOR, edit)
        {
            continue;
        }
        let edited = dir.path().join("edited.portfolio");
        std::fs::copy(&f.sent, &edited).unwrap();
        if !apply(&edited, edit) {
            continue;
        }
        seen.insert(edit.table.clone());
        let Ok(p) = Portfolio::open(&edited) else {
            continue;
        };
        // One PDF per table: a refused export must leave none of its own,
        // whatever an earlier edit's export left.
        let pdf = dir.path().join(format!("edited-{}.pdf", edit.table));
        let at = "2027-04-01T10:00:00Z".parse().unwrap();
        let written = partnership_portfolio::export::write_pdf(&p, &pdf, at, &mut |_| {});
        p.close().unwrap();
        if let Err(e) = written {
            assert!(
                !pdf.exists(),
                "{}: {} (a PDF was left)",
                edit.describe(),
                e.message
            );
            continue;
        }
        pdfs += 1;
        let front = pdf_tools::normalise(&pdf_tools::page_text(&pdf, 1));
        assert!(
            front.contains("This file does not match what was submitted and signed"),
            "{}: {front}",
            edit.describe()
        );
        for claim in [
            "exactly what was submitted",
            "exactly what",
            "Unchanged since",
        ] {
            assert!(!front.contains(claim), "{}: {front}", edit.describe());
        }
    }
    assert!(pdfs >= 10, "only {pdfs} PDFs of edited files were made");
}

// ----- the rule in use -------------------------------------------------------

fn copy_of(from: &Path, dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::copy(from, &to).unwrap();
    to
}

#[test]
fn open_submission_names_every_field_that_differs_and_writes_nothing() {
    let f = files();
    let dir = common::temp_dir();
    let sent = copy_of(&f.sent, dir.path(), "sent.portfolio");
    let conn = common::raw(&sent);
    conn.execute_batch(
        "UPDATE self_assessment SET account = account || ' (and more)' WHERE item_id = 'P9';
         UPDATE evidence SET title = 'Another title' WHERE id = 3;
         UPDATE learner_profile SET full_name = 'Someone Else';",
    )
    .unwrap();
    drop(conn);
    let dest = dir.path().join("copy.portfolio");
    let Err(err) = exchange::open_submission(&sent, &dest, ASSESSOR) else {
        panic!("an edited submission was opened");
    };
    assert_eq!(err.code, ErrorCode::Damaged);
    for needle in [
        "has been altered since it was submitted",
        "not what was submitted as version 3",
        "item P9's account",
        "evidence E3's title",
        "the learner's profile: full name",
    ] {
        assert!(
            err.message.contains(needle),
            "{needle:?} missing: {}",
            err.message
        );
    }
    assert!(!dest.exists());
    let report = Portfolio::open(&sent).unwrap().verify().unwrap();
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("item P9's account")),
        "{:?}",
        report.problems
    );
    assert!(
        report.changed_since_submitted.is_none(),
        "a file sent is not work in progress"
    );
    assert!(report.confirmed.is_empty());
}

#[test]
fn in_the_learner_s_own_file_changes_since_submitting_are_information() {
    let f = files();
    let dir = common::temp_dir();
    let mine = copy_of(&f.learner, dir.path(), "mine.portfolio");
    let mut p = Portfolio::open(&mine).unwrap();
    let report = p.verify().unwrap();
    assert!(
        report.ok() && report.changed_since_submitted.is_none(),
        "{report:?}"
    );
    assert!(
        report.confirmed[0]
            .starts_with("The learner's content is exactly what was submitted as version 3"),
        "{:?}",
        report.confirmed
    );
    p.set_account("P9", "Changed after submitting.").unwrap();
    p.map_evidence("E3", "K27", "Mapped after submitting.")
        .unwrap();
    let report = p.verify().unwrap();
    assert!(report.ok(), "{:?}", report.problems);
    let changed = report.changed_since_submitted.unwrap();
    assert_eq!(
        (changed.version, changed.changed),
        (3, vec!["P9".to_string(), "K27".into(), "E3".into()])
    );
    assert!(!report
        .confirmed
        .iter()
        .any(|c| c.contains("exactly what was submitted")));
    p.close().unwrap();
}

/// A small portfolio submitted once: (learner, file sent, assessor's copy path).
fn submitted_once(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let learner = common::new_portfolio(dir, "siân.portfolio");
    let mut p = Portfolio::open(&learner).unwrap();
    p.set_rating("P4", Some(3)).unwrap();
    p.set_account("P4", "Cytunon ni ar nodau a rennir.")
        .unwrap();
    p.submit("Siân Llŷr-Ŵyn", "2026-11-01").unwrap();
    let sent = dir.join("sent.portfolio");
    p.save_copy(&sent).unwrap();
    p.close().unwrap();
    (learner, sent, dir.join("assessor.portfolio"))
}

#[test]
fn a_return_without_a_sign_off_is_sealed_and_a_judgement_changed_on_the_way_back_is_refused() {
    let dir = common::temp_dir();
    let (learner, sent, copy) = submitted_once(dir.path());
    let mut a = exchange::open_submission(&sent, &copy, ASSESSOR).unwrap();
    a.judge(
        "P4",
        JudgementOutcome::NotYetMet,
        "Show the measures.",
        None,
    )
    .unwrap();
    let back = dir.path().join("back.portfolio");
    a.return_to_learner(&back, None).unwrap();
    let assessment = a.assessment_fingerprint(1).unwrap();
    let returned_entry = a.audit_trail().unwrap().pop().unwrap();
    assert_eq!(
        returned_entry.detail,
        format!("assessment {}", exchange::short_fingerprint(&assessment))
    );
    a.close().unwrap();

    // Changed on the way back: refused, named, and nothing of it taken in.
    let forged = copy_of(&back, dir.path(), "forged.portfolio");
    common::raw(&forged)
        .execute(
            "UPDATE judgement SET outcome = 'met' WHERE item_id = 'P4'",
            [],
        )
        .unwrap();
    let before = sha(&learner);
    let mut p = Portfolio::open(&learner).unwrap();
    let err = p.receive(&forged).unwrap_err();
    assert_eq!(err.code, ErrorCode::Damaged);
    assert!(
        err.message
            .contains("the assessor's judgement of P4 on version 1: outcome"),
        "{}",
        err.message
    );
    assert!(
        err.message.contains("nothing of it was taken in"),
        "{}",
        err.message
    );
    assert!(p.judgements(None).unwrap().is_empty());
    p.close().unwrap();
    assert_eq!(sha(&learner), before);

    // Unchanged: taken in, not signed off, with the same assessment fingerprint.
    let mut p = Portfolio::open(&learner).unwrap();
    let got = p.receive(&back).unwrap();
    assert!(!got.signed_off);
    assert_eq!(got.assessment.as_deref(), Some(assessment.as_str()));
    let report = p.verify().unwrap();
    assert!(report.ok(), "{:?}", report.problems);
    assert!(
        report
            .confirmed
            .iter()
            .any(|c| c.contains("they are not signed off")),
        "{:?}",
        report.confirmed
    );
    // A judgement changed later in the learner's own file is found too.
    p.close().unwrap();
    common::raw(&learner)
        .execute(
            "UPDATE judgement SET feedback = 'Well done.' WHERE item_id = 'P4'",
            [],
        )
        .unwrap();
    let p = Portfolio::open(&learner).unwrap();
    let problems = p.verify().unwrap().problems;
    assert!(
        problems
            .iter()
            .any(|x| x.contains("the assessor's judgement of P4 on version 1: feedback")),
        "{problems:?}"
    );
    p.close().unwrap();
}

#[test]
fn a_copy_changed_outside_the_app_takes_no_more_changes_so_the_app_never_seals_them() {
    let f = files();
    let dir = common::temp_dir();
    let forged = copy_of(&f.returned, dir.path(), "forged.portfolio");
    common::raw(&forged)
        .execute(
            "UPDATE judgement SET outcome = 'met' WHERE item_id = 'P1' AND version = 3",
            [],
        )
        .unwrap();
    let before = sha(&forged);
    let mut a = Portfolio::open(&forged).unwrap();
    for err in [
        a.set_overall_feedback("Anything.", None).unwrap_err(),
        a.judge("K3", JudgementOutcome::Met, "", None).unwrap_err(),
        a.set_title("Renamed").unwrap_err(),
        a.return_to_learner(&dir.path().join("again.portfolio"), None)
            .unwrap_err(),
    ] {
        assert_eq!(err.code, ErrorCode::Damaged, "{}", err.message);
        assert!(
            err.message
                .contains("the assessor's judgement of P1 on version 3: outcome"),
            "{}",
            err.message
        );
    }
    a.close().unwrap();
    assert_eq!(sha(&forged), before);
    assert!(!dir.path().join("again.portfolio").exists());
    // Nor with the seal removed.
    common::raw(&forged)
        .execute("DELETE FROM seal WHERE party = 'assessor'", [])
        .unwrap();
    let mut a = Portfolio::open(&forged).unwrap();
    let err = a.set_overall_feedback("Anything.", None).unwrap_err();
    assert!(
        err.message.contains("none of them is sealed"),
        "{}",
        err.message
    );
    a.close().unwrap();
}

#[test]
fn changing_what_was_signed_withdraws_the_sign_off() {
    let f = files();
    let dir = common::temp_dir();
    let copy = copy_of(&f.assessor, dir.path(), "assessor.portfolio");
    let mut a = Portfolio::open(&copy).unwrap();
    let signed = a.latest_sign_off().unwrap().unwrap();
    assert_eq!(signed.version, 3);
    assert_eq!(
        signed.assessment.as_deref(),
        Some(a.assessment_fingerprint(3).unwrap().as_str())
    );
    // The same judgement again changes nothing.
    let trail = a.audit_trail().unwrap().len();
    a.judge("P1", JudgementOutcome::NotYetMet, "Say who chaired.", None)
        .unwrap();
    assert_eq!(a.latest_sign_off().unwrap().unwrap().version, 3);
    assert_eq!(a.audit_trail().unwrap().len(), trail);
    // A different one withdraws the sign-off of version 3, not of version 2.
    a.judge("P1", JudgementOutcome::Met, "Now shown.", None)
        .unwrap();
    let versions: Vec<u32> = a.sign_offs().unwrap().iter().map(|s| s.version).collect();
    assert_eq!(versions, [2]);
    let last = a.audit_trail().unwrap().pop().unwrap();
    assert_eq!(last.event, exchange::AuditEvent::SignOffWithdrawn);
    assert_eq!((last.version, last.name.as_str()), (Some(3), ASSESSOR));
    assert!(last
        .describe()
        .contains("withdrew the sign-off of version 3"));
    assert!(a.verify().unwrap().ok());
    // Signing again binds the new judgements.
    let again = a.sign_off(ASSESSOR, "2027-03-26").unwrap();
    assert_eq!(
        again.assessment.as_deref(),
        Some(a.assessment_fingerprint(3).unwrap().as_str())
    );
    assert!(a.verify().unwrap().ok());
    a.close().unwrap();
}

#[test]
fn the_pdf_front_sheet_says_what_was_checked() {
    let f = files();
    let dir = common::temp_dir();
    let at = "2027-04-01T10:00:00Z".parse().unwrap();
    let front = |p: &Portfolio, name: &str| {
        let pdf = dir.path().join(name);
        partnership_portfolio::export::write_pdf(p, &pdf, at, &mut |_| {}).unwrap();
        pdf_tools::normalise(&pdf_tools::page_text(&pdf, 1))
    };

    // The learner's portfolio with the assessment received: all as sealed.
    let mine = copy_of(&f.learner, dir.path(), "mine.portfolio");
    let mut p = Portfolio::open(&mine).unwrap();
    p.receive(&f.returned).unwrap();
    let v3 = p.latest_submission().unwrap().unwrap();
    let assessment = p.assessment_fingerprint(3).unwrap();
    let text = front(&p, "received.pdf");
    for needle in [
        format!(
            "The learner's content is exactly what was submitted as version 3, declared on 20 March 2027 (fingerprint {})",
            exchange::short_fingerprint(&v3.fingerprint)
        ),
        format!(
            "The assessor's judgements and feedback up to version 3 are exactly what {ASSESSOR} signed off on 25 March 2027 (assessment fingerprint {})",
            exchange::short_fingerprint(&assessment)
        ),
    ] {
        assert!(text.contains(&needle), "{needle:?} missing:\n{text}");
    }
    assert!(!text.contains("does not match"), "{text}");

    // Changed since: said plainly, with the items, and nothing claimed of it.
    p.set_account("P9", "Changed after submitting.").unwrap();
    let text = front(&p, "changed.pdf");
    assert!(
        text.contains("The learner has changed P9 since version 3 was submitted"),
        "{text}"
    );
    assert!(!text.contains("exactly what was submitted"), "{text}");
    assert!(
        text.contains(&format!("exactly what {ASSESSOR} signed off")),
        "{text}"
    );
    p.close().unwrap();
}

#[test]
fn stored_values_outside_their_domain_make_the_file_damaged() {
    let f = files();
    let dir = common::temp_dir();
    let cases: &[(&str, &str)] = &[
        (
            "UPDATE self_assessment SET rating = 9 WHERE item_id = 'P1'",
            "rating \"9\" is not a rating from 1 to 4",
        ),
        (
            "UPDATE evidence SET activity_date = '2026-13-45' WHERE id = 1",
            "date \"2026-13-45\" is not a date",
        ),
        (
            "UPDATE learner_profile SET start_date = 'last autumn'",
            "date \"last autumn\" is not a date",
        ),
        (
            "UPDATE submission SET declared_on = '2027-02-30' WHERE version = 1",
            "date \"2027-02-30\" is not a date",
        ),
        (
            "UPDATE judgement SET judged_at = 'yesterday' WHERE item_id = 'P2' AND version = 1",
            "time \"yesterday\" is not a time",
        ),
        (
            "UPDATE content SET size = -1 WHERE id = (SELECT min(content_id) FROM attachment)",
            "size \"-1\" is not a size",
        ),
        (
            "UPDATE health_check_answer SET score = 9 WHERE check_id = (SELECT min(id) FROM health_check)",
            "health check score \"9\" is not one this app knows",
        ),
        (
            "UPDATE partnership_action SET due_on = 'next spring' WHERE id = (SELECT min(id) FROM partnership_action)",
            "due date of an action \"next spring\" is not one this app knows",
        ),
    ];
    for (n, (sql, says)) in cases.iter().enumerate() {
        let mine = copy_of(&f.learner, dir.path(), &format!("case{n}.portfolio"));
        common::raw(&mine)
            .execute_batch(&format!("PRAGMA ignore_check_constraints = 1; {sql};"))
            .unwrap();
        let p = Portfolio::open(&mine).unwrap();
        // Every reader of it, and verify, says the file is damaged.
        let readers: Vec<(&str, partnership_portfolio::Error)> = [
            ("verify", p.verify().err()),
            ("content", p.content_parts().err()),
            ("assessment", p.assessment_view().err()),
            (
                "pdf",
                partnership_portfolio::export::render(
                    &p,
                    "2027-04-01T10:00:00Z".parse().unwrap(),
                    &mut |_| {},
                )
                .err(),
            ),
        ]
        .into_iter()
        .filter_map(|(what, e)| e.map(|e| (what, e)))
        .collect();
        assert!(!readers.is_empty(), "{sql}: read as if nothing were wrong");
        for (what, err) in readers {
            assert_eq!(
                err.code,
                ErrorCode::Damaged,
                "{sql} ({what}): {}",
                err.message
            );
            assert!(
                err.message.contains(says),
                "{sql} ({what}): {}",
                err.message
            );
            assert!(
                err.message.contains("is damaged"),
                "{sql} ({what}): {}",
                err.message
            );
        }
        p.close().unwrap();
    }

    // In a file from someone else, a value outside its domain is refused at the door.
    let sent = copy_of(&f.sent, dir.path(), "sent.portfolio");
    common::raw(&sent)
        .execute(
            "UPDATE evidence SET activity_date = '2026-13-45' WHERE id = 1",
            [],
        )
        .unwrap();
    let dest = dir.path().join("copy.portfolio");
    let Err(err) = exchange::open_submission(&sent, &dest, ASSESSOR) else {
        panic!("opened");
    };
    assert!(
        err.message.contains("2026-13-45") && err.message.contains("not a date"),
        "{}",
        err.message
    );
    assert!(!dest.exists());
}

// ----- the command line ------------------------------------------------------

fn cli(args: &[&str]) -> std::process::Output {
    common::cli_command()
        .args(args)
        .output()
        .expect("run the CLI")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn the_command_line_names_what_differs_and_what_holds() {
    let f = files();
    let dir = common::temp_dir();
    let s = |p: &Path| p.to_str().unwrap().to_string();

    // The learner's own file, changed since submitting: information, exit 0.
    let mine = copy_of(&f.learner, dir.path(), "mine.portfolio");
    let mut p = Portfolio::open(&mine).unwrap();
    p.set_account("P9", "Changed after submitting.").unwrap();
    p.close().unwrap();
    let out = cli(&["verify", &s(&mine)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains(
            "ℹ Changed since version 3 was submitted (your work since then, not a problem): P9."
        ),
        "{said}"
    );
    assert!(!said.contains('✗'), "{said}");
    let json: serde_json::Value =
        serde_json::from_str(&text(&cli(&["verify", &s(&mine), "--json"]).stdout)).unwrap();
    assert_eq!(json["changed_since_submitted"]["changed"][0], "P9");

    // The file sent, edited: verify fails naming the field, and so does open-submission.
    let sent = copy_of(&f.sent, dir.path(), "sent.portfolio");
    common::raw(&sent)
        .execute(
            "UPDATE evidence SET title = 'Another title' WHERE id = 3",
            [],
        )
        .unwrap();
    let out = cli(&["verify", &s(&sent)]);
    assert!(!out.status.success());
    let said = text(&out.stdout);
    assert!(
        said.contains("✗ The learner's content is not what was submitted as version 3")
            && said.contains("evidence E3's title"),
        "{said}"
    );
    let copy = dir.path().join("assessor").join("copy.portfolio");
    std::fs::create_dir(copy.parent().unwrap()).unwrap();
    let out = cli(&["open-submission", &s(&sent), "-o", &s(&copy)]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains("evidence E3's title") && err.contains("was not opened"),
        "{err}"
    );
    assert!(std::fs::read_dir(copy.parent().unwrap())
        .unwrap()
        .next()
        .is_none());

    // Return and receive print the same assessment fingerprint.
    let assessor = copy_of(&f.assessor, dir.path(), "assessor.portfolio");
    let back = dir.path().join("back.portfolio");
    let returned = text(&cli(&["return", &s(&assessor), "-o", &s(&back)]).stdout);
    let fp = exchange::short_fingerprint(
        &Portfolio::open(&assessor)
            .unwrap()
            .assessment_fingerprint(3)
            .unwrap(),
    );
    assert!(
        returned.contains(&format!("Assessment of version 3 sealed as {fp}")),
        "{returned}"
    );
    let learner = copy_of(&f.learner, dir.path(), "learner.portfolio");
    let received = text(&cli(&["receive", &s(&learner), &s(&back)]).stdout);
    assert!(
        received.contains(&format!("Assessment fingerprint {fp}")),
        "{received}"
    );
    let out = cli(&["verify", &s(&learner)]);
    assert!(out.status.success());
    assert!(
        text(&out.stdout).contains(&format!(
            "signed off on 25 March 2027 (assessment fingerprint {fp})"
        )),
        "{}",
        text(&out.stdout)
    );

    // A returned file with a judgement changed: refused, named, one line.
    common::raw(&back)
        .execute(
            "UPDATE judgement SET outcome = 'met' WHERE item_id = 'P1' AND version = 3",
            [],
        )
        .unwrap();
    let before = sha(&learner);
    let out = cli(&["receive", &s(&learner), &s(&back)]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("the assessor's judgement of P1 on version 3: outcome")
            && err.contains("nothing of it was taken in"),
        "{err}"
    );
    assert_eq!(sha(&learner), before);
}
