//! Seals: every row a party owns in the file (see [`owners`]), cut into
//! parts and fingerprinted, so that any change to a party's records is found
//! and named ("evidence E3's title", "the assessor's judgement of P4 on
//! version 2: outcome"), and so that only the owner's records travel from
//! one copy into another.
//!
//! - The learner's seal is made when they submit, inside the submission's
//!   write and before its own rows; its fingerprint is a part of that
//!   submission, so the submission's fingerprint covers every learner row.
//!   The audit entry of that submission names it (`recorded_by`).
//! - Every other party's seal is made again after each of its writes
//!   ([`after_write`], from `Write::commit`), so its records always match
//!   it; it also binds the fingerprints of the submissions they are about.
//!   A write is refused if the records do not match the seal when it
//!   starts ([`before_write`]), so a change made outside the app is never
//!   sealed by the app.
//! - A party's sign-off holds the fingerprint of what it signs
//!   ([`assessment_fingerprint`]): its records of every version up to the
//!   one signed, with those versions' fingerprints. A write that changes
//!   them withdraws the sign-off, with an audit entry.

use super::owners::{self, Cover, Domain, Owner, Party, Row, Table, TABLES};
use super::{Role, Write};
use crate::error::{Error, ErrorCode, Result};
use crate::fingerprint::{self, Difference, Part};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

/// A party's seal as stored.
#[derive(Debug, Clone)]
pub(crate) struct Seal {
    pub fingerprint: String,
    /// The audit entry recording the sealing, when the seal does not hold it.
    pub recorded_by: Option<String>,
    pub parts: Vec<Part>,
}

/// The columns of a table in the main schema, in order.
fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let rows = stmt.query_map([table], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The columns identifying a row of `t` in every copy.
fn key_columns(conn: &Connection, t: &Table) -> Result<Vec<String>> {
    if !t.key.is_empty() {
        return Ok(t.key.iter().map(|c| c.to_string()).collect());
    }
    let mut stmt =
        conn.prepare("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk")?;
    let rows = stmt.query_map([t.name], |r| r.get(0))?;
    let keys: Vec<String> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(if keys.is_empty() {
        vec!["rowid".into()]
    } else {
        keys
    })
}

/// The SQL condition selecting `party`'s rows of `t` (`None`: it owns none).
fn owner_condition(t: &Table, party: Role) -> Option<String> {
    match t.owner {
        Owner::Party(p) if p == party => Some("1".into()),
        Owner::Party(_) => None,
        Owner::Column(c) => Some(format!("\"{c}\" = '{}'", party.key())),
    }
}

fn quoted(columns: &[String]) -> String {
    columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A stored value as JSON; bytes as the SHA-256 of them.
fn json(value: ValueRef<'_>) -> Result<Value> {
    Ok(match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::String(
            String::from_utf8(t.to_vec())
                .map_err(|_| damaged("some of its text is not valid UTF-8"))?,
        ),
        ValueRef::Blob(b) => Value::String(format!("sha256:{}", fingerprint::sha256_hex(b))),
    })
}

fn damaged(why: &str) -> Error {
    Error::new(
        ErrorCode::Damaged,
        format!("The portfolio file is damaged: {why}."),
    )
}

/// Rows of `t` (all of them, or `party`'s), each with the columns given, in
/// key order, with the key of each.
fn rows(
    conn: &Connection,
    t: &Table,
    party: Option<Role>,
    columns: &[String],
) -> Result<Vec<(String, Row)>> {
    let Some((sql, keys)) = rows_query(conn, t, party, columns)? else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare(&sql)?;
    let mut out = Vec::new();
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        let mut key = Vec::with_capacity(keys.len());
        for i in 0..keys.len() {
            key.push(match json(r.get_ref(i)?)? {
                Value::String(s) => s,
                other => other.to_string(),
            });
        }
        let mut row = Row::new();
        for (i, c) in columns.iter().enumerate() {
            match json(r.get_ref(keys.len() + i)?)? {
                Value::Null => {}
                value => {
                    row.insert(c.clone(), value);
                }
            }
        }
        out.push((key.join(":"), row));
    }
    Ok(out)
}

/// The query [`rows`] makes (key columns, then `columns`, in key order) and
/// the key columns; `None` when `party` owns no rows of `t`.
fn rows_query(
    conn: &Connection,
    t: &Table,
    party: Option<Role>,
    columns: &[String],
) -> Result<Option<(String, Vec<String>)>> {
    let condition = match party {
        Some(p) => match owner_condition(t, p) {
            Some(c) => c,
            None => return Ok(None),
        },
        None => "1".into(),
    };
    let keys = key_columns(conn, t)?;
    let sql = format!(
        "SELECT {}, {} FROM \"{}\" WHERE {condition} ORDER BY {}",
        quoted(&keys),
        quoted(columns),
        t.name,
        quoted(&keys)
    );
    Ok(Some((sql, keys)))
}

/// Whether every row of `t` would be read by [`rows`] without an error
/// (its text is UTF-8) and has every value of `columns` within its domain:
/// the quick pass of [`values_out_of_domain`], which reads the values where
/// they are instead of making each row a JSON object.
fn all_within(conn: &Connection, t: &Table, columns: &[String]) -> Result<bool> {
    let Some((sql, keys)) = rows_query(conn, t, None, columns)? else {
        return Ok(true);
    };
    let checked: Vec<(usize, Domain)> = t
        .domains
        .iter()
        .filter_map(|(column, domain)| {
            let i = columns.iter().position(|c| c == column)?;
            Some((keys.len() + i, *domain))
        })
        .collect();
    let width = keys.len() + columns.len();
    let mut stmt = conn.prepare(&sql)?;
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        for i in 0..width {
            if let ValueRef::Text(t) = r.get_ref(i)? {
                if std::str::from_utf8(t).is_err() {
                    return Ok(false);
                }
            }
        }
        for &(i, domain) in &checked {
            let within = match r.get_ref(i)? {
                ValueRef::Null => true,
                ValueRef::Blob(_) => false,
                ValueRef::Real(f) => within(&Value::from(f), domain),
                ValueRef::Integer(n) => within(&Value::from(n), domain),
                // UTF-8, checked above.
                ValueRef::Text(t) => within(
                    &Value::String(String::from_utf8_lossy(t).into_owned()),
                    domain,
                ),
            };
            if !within {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// The sealed columns of `t`: all but its local ones.
fn sealed_columns(conn: &Connection, t: &Table) -> Result<Vec<String>> {
    Ok(columns(conn, t.name)?
        .into_iter()
        .filter(|c| !t.is_local(c))
        .collect())
}

/// The versions `party`'s records are about.
fn versions_of(conn: &Connection, party: Role) -> Result<Vec<u32>> {
    let mut versions = std::collections::BTreeSet::new();
    for t in TABLES.iter().filter(|t| t.cover == Cover::Rows) {
        let (Some(column), Some(condition)) = (t.version, owner_condition(t, party)) else {
            continue;
        };
        let mut stmt = conn.prepare(&format!(
            "SELECT DISTINCT \"{column}\" FROM \"{}\" WHERE {condition} AND \"{column}\" IS NOT NULL",
            t.name
        ))?;
        let found = stmt.query_map([], |r| r.get::<_, u32>(0))?;
        for v in found {
            versions.insert(v?);
        }
    }
    Ok(versions.into_iter().collect())
}

/// `submission:N`: the fingerprint of submission N, which a party's records
/// about it are bound to.
fn binding(conn: &Connection, version: u32) -> Result<Part> {
    let fp: Option<String> = conn
        .query_row(
            "SELECT fingerprint FROM submission WHERE version = ?1",
            [version],
            |r| r.get(0),
        )
        .optional()?;
    Ok(Part::of(
        format!("submission:{version}"),
        &serde_json::json!({ "fingerprint": fp }),
    ))
}

/// `party`'s records as they are now, as parts: the fingerprints of the
/// submissions they are about (for parties that bind them), then every row
/// of every table the party owns, table by table in [`TABLES`]' order and
/// row by row in key order (`table:key`), and one digest part per logged
/// table.
pub(crate) fn party_parts(conn: &Connection, party: Role) -> Result<Vec<Part>> {
    let mut parts = Vec::new();
    if Party::of(party).binds_submissions {
        for v in versions_of(conn, party)? {
            parts.push(binding(conn, v)?);
        }
    }
    for t in TABLES {
        if !t.may_be_owned_by(party) {
            continue;
        }
        match t.cover {
            Cover::Rows => {
                let cols = sealed_columns(conn, t)?;
                for (key, row) in rows(conn, t, Some(party), &cols)? {
                    parts.push(Part::of(format!("{}:{key}", t.name), &row));
                }
            }
            Cover::Digest => {
                let cols = sealed_columns(conn, t)?;
                let all = rows(conn, t, Some(party), &cols)?;
                let listed: Vec<&Row> = all.iter().map(|(_, r)| r).collect();
                let digest = fingerprint::sha256_hex(
                    serde_json::to_string(&listed)
                        .expect("rows serialise")
                        .as_bytes(),
                );
                parts.push(Part::of(
                    t.name.to_string(),
                    &serde_json::json!({ "entries": all.len(), "sha256": digest }),
                ));
            }
            Cover::Bytes | Cover::Seal => {}
        }
    }
    Ok(parts)
}

/// The fingerprint of what `party`'s sign-off of `version` signs: the
/// fingerprints of submissions 1 to `version`, and the party's records
/// (not its sign-offs, not its logs) of those versions.
pub(crate) fn assessment_fingerprint(
    conn: &Connection,
    party: Role,
    version: u32,
) -> Result<String> {
    let sign_off = Party::of(party).sign_off.as_ref().map(|s| s.table);
    let mut parts = Vec::new();
    let mut stmt =
        conn.prepare("SELECT version FROM submission WHERE version <= ?1 ORDER BY version")?;
    let versions: Vec<u32> = stmt
        .query_map([version], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for v in versions {
        parts.push(binding(conn, v)?);
    }
    for t in TABLES {
        let Some(column) = t.version else { continue };
        if t.cover != Cover::Rows || t.append_only || Some(t.name) == sign_off {
            continue;
        }
        let cols = sealed_columns(conn, t)?;
        for (key, row) in rows(conn, t, Some(party), &cols)? {
            let v = row.get(column).and_then(Value::as_u64).unwrap_or(u64::MAX);
            if v <= u64::from(version) {
                parts.push(Part::of(format!("{}:{key}", t.name), &row));
            }
        }
    }
    Ok(fingerprint::fingerprint(&parts))
}

/// `party`'s stored seal, if it has one.
pub(crate) fn load(conn: &Connection, party: Role) -> Result<Option<Seal>> {
    let head: Option<(String, Option<String>)> = conn
        .query_row(
            "SELECT fingerprint, recorded_by FROM seal WHERE party = ?1",
            [party],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((fingerprint, recorded_by)) = head else {
        return Ok(None);
    };
    let mut stmt = conn.prepare(
        "SELECT part, content, sha256 FROM seal_part WHERE party = ?1 ORDER BY position",
    )?;
    let parts = stmt
        .query_map([party], |r| {
            Ok(Part {
                key: r.get(0)?,
                content: r.get(1)?,
                sha256: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(Seal {
        fingerprint,
        recorded_by,
        parts,
    }))
}

/// Stores `parts` as `party`'s seal (replacing any), recorded by the audit
/// entry `recorded_by` if given; returns its fingerprint.
pub(crate) fn store(
    conn: &Connection,
    party: Role,
    parts: &[Part],
    recorded_by: Option<&str>,
) -> Result<String> {
    let fp = fingerprint::fingerprint(parts);
    conn.execute("DELETE FROM seal WHERE party = ?1", [party])?;
    conn.execute(
        "INSERT INTO seal (party, fingerprint, recorded_by) VALUES (?1, ?2, ?3)",
        (party, &fp, recorded_by),
    )?;
    let mut insert = conn.prepare(
        "INSERT INTO seal_part (party, part, position, content, sha256) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, p) in parts.iter().enumerate() {
        insert.execute((party, &p.key, position as i64, &p.content, &p.sha256))?;
    }
    Ok(fp)
}

/// Before a write by a party that seals every write: its records must be
/// exactly what it sealed. Otherwise a change made outside the app (a
/// judgement edited with a database tool) would be sealed by the next
/// change made in it; the write is refused instead, naming what differs.
pub(crate) fn before_write(w: &Write<'_>) -> Result<()> {
    let role = w.role();
    if !Party::of(role).seals_every_write {
        return Ok(());
    }
    let conn = w.tx();
    let differs: Vec<String> = match load(conn, role)? {
        Some(seal) => fingerprint::differences(&seal.parts, &party_parts(conn, role)?)
            .iter()
            .map(describe)
            .collect(),
        None if has_records(conn, role)? => vec!["none of them is sealed".into()],
        None => Vec::new(),
    };
    if differs.is_empty() {
        return Ok(());
    }
    Err(Error::new(
        ErrorCode::Damaged,
        format!(
            "This copy has been changed outside the app, so nothing more can be changed in it: {}.",
            differs.join("; ")
        ),
    ))
}

/// After a write by a party that seals every write: withdraws its sign-offs
/// whose records changed (each with an audit entry), then seals its
/// records again if they changed.
pub(crate) fn after_write(w: &Write<'_>) -> Result<()> {
    let role = w.role();
    let party = Party::of(role);
    if !party.seals_every_write {
        return Ok(());
    }
    let conn = w.tx();
    if let Some(sign_off) = &party.sign_off {
        let table = owners::table(sign_off.table).expect("a registered sign-off table");
        let version = table.version.expect("a sign-off names its version");
        let condition = owner_condition(table, role).unwrap_or_else(|| "0".into());
        let signed: Vec<(u32, Option<String>, String)> = {
            let mut stmt = conn.prepare(&format!(
                "SELECT \"{version}\", \"{}\", \"{}\" FROM \"{}\" WHERE {condition}",
                sign_off.signs, sign_off.name, sign_off.table
            ))?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for (v, signs, name) in signed {
            if signs.as_deref() == Some(assessment_fingerprint(conn, role, v)?.as_str()) {
                continue;
            }
            conn.execute(
                &format!(
                    "DELETE FROM \"{}\" WHERE \"{version}\" = ?1 AND {condition}",
                    sign_off.table
                ),
                [v],
            )?;
            w.audit(
                sign_off.withdrawn_event,
                &name,
                Some(v),
                "what it signed has changed since",
            )?;
        }
    }
    let parts = party_parts(conn, role)?;
    let now = fingerprint::fingerprint(&parts);
    if load(conn, role)?.map(|s| s.fingerprint) != Some(now) {
        store(conn, role, &parts, None)?;
    }
    Ok(())
}

/// Replaces `party`'s records in this file with those of the attached file
/// `other` (already checked), its seal with theirs, and adds their audit
/// entries this file lacks: the one way a party's records enter a file from
/// outside. Other parties' rows are not touched.
pub(crate) fn take_records_from_other(conn: &Connection, party: Role) -> Result<()> {
    for t in TABLES {
        if t.cover == Cover::Bytes {
            continue;
        }
        let Some(condition) = owner_condition(t, party) else {
            continue;
        };
        let cols: Vec<String> = columns(conn, t.name)?
            .into_iter()
            .filter(|c| !(t.append_only && t.is_local(c)))
            .collect();
        let list = quoted(&cols);
        if t.append_only {
            conn.execute(
                &format!(
                    "INSERT OR IGNORE INTO main.\"{0}\" ({list}) SELECT {list} FROM other.\"{0}\" WHERE {condition} ORDER BY rowid",
                    t.name
                ),
                [],
            )?;
        } else {
            conn.execute(
                &format!("DELETE FROM main.\"{}\" WHERE {condition}", t.name),
                [],
            )?;
            conn.execute(
                &format!(
                    "INSERT INTO main.\"{0}\" ({list}) SELECT {list} FROM other.\"{0}\" WHERE {condition}",
                    t.name
                ),
                [],
            )?;
        }
    }
    Ok(())
}

/// Whether `party` has any rows in the tables it owns (apart from the seals).
pub(crate) fn has_records(conn: &Connection, party: Role) -> Result<bool> {
    for t in TABLES
        .iter()
        .filter(|t| matches!(t.cover, Cover::Rows | Cover::Digest))
    {
        let Some(condition) = owner_condition(t, party) else {
            continue;
        };
        let any: bool = conn.query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM \"{}\" WHERE {condition})",
                t.name
            ),
            [],
            |r| r.get(0),
        )?;
        if any {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A difference between a seal and the records now, in words.
pub(crate) fn describe(d: &Difference) -> String {
    let key = d.key();
    let (name, rest) = key.split_once(':').unwrap_or((key, ""));
    if name == "submission" {
        return format!("the fingerprint of submission version {rest} that the records are about");
    }
    let Some(t) = owners::table(name) else {
        return key.to_string();
    };
    let row: Row = serde_json::from_str(d.content()).unwrap_or_default();
    let noun = (t.noun)(&row);
    match d {
        Difference::Added { .. } if t.cover == Cover::Digest => {
            format!("{noun} (it did not exist)")
        }
        Difference::Added { .. } => format!("{noun} (added)"),
        Difference::Removed { .. } => format!("{noun} (removed)"),
        Difference::Changed { .. } if t.cover == Cover::Digest => {
            format!("{noun} (entries added or changed)")
        }
        Difference::Changed { fields, .. } => t.describe_fields(&row, fields),
    }
}

/// Every stored value outside its domain (see [`owners::Domain`]), in words;
/// at most `limit` of them.
pub(crate) fn values_out_of_domain(conn: &Connection, limit: usize) -> Result<Vec<String>> {
    let mut found = Vec::new();
    for t in TABLES {
        if t.domains.is_empty() {
            continue;
        }
        // Not the bytes (a file's chunks, previews): they have no domain,
        // and reading them all would cost as much as the file's size.
        let cols: Vec<String> = {
            let mut stmt = conn.prepare(
                "SELECT name FROM pragma_table_info(?1) WHERE upper(type) != 'BLOB' ORDER BY cid",
            )?;
            let rows = stmt.query_map([t.name], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        // Nearly always everything is within its domain: that is found
        // without making every row a JSON object, and the words for what is
        // not (or an error) come from the same reading as before.
        if all_within(conn, t, &cols)? {
            continue;
        }
        for (_, row) in rows(conn, t, None, &cols)? {
            for (column, domain) in t.domains {
                let Some(value) = row.get(*column) else {
                    continue;
                };
                if value.is_null() || within(value, *domain) {
                    continue;
                }
                let shown = match value {
                    Value::String(s) => s.chars().take(40).collect(),
                    other => other.to_string(),
                };
                found.push(format!(
                    "{} is “{shown}”, which is not {}",
                    t.describe_fields(&row, &[column.to_string()]),
                    expected(*domain)
                ));
                if found.len() >= limit {
                    return Ok(found);
                }
            }
        }
    }
    Ok(found)
}

fn within(value: &Value, domain: Domain) -> bool {
    match domain {
        Domain::Date => value.as_str().is_some_and(crate::stored::is_date),
        Domain::Instant => value.as_str().is_some_and(crate::stored::is_instant),
        Domain::Range(from, to) => value.as_i64().is_some_and(|n| (from..=to).contains(&n)),
        Domain::Sha256 => value.as_str().is_some_and(|s| {
            s.len() == 64
                && s.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        }),
    }
}

fn expected(domain: Domain) -> String {
    match domain {
        Domain::Date => "a date (YYYY-MM-DD)".into(),
        Domain::Instant => "a time as this app stores it".into(),
        Domain::Range(from, i64::MAX) => format!("a whole number from {from} up"),
        Domain::Range(from, to) => format!("a whole number from {from} to {to}"),
        Domain::Sha256 => "a SHA-256 fingerprint".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_in_the_schema_is_registered_with_real_columns() {
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::migrations::migrate(&mut conn, 0).unwrap();
        let tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for name in &tables {
            assert!(
                owners::table(name).is_some(),
                "table {name} is not in storage::owners::TABLES: say who owns it and how it is sealed"
            );
        }
        for t in TABLES {
            assert!(
                tables.iter().any(|n| n == t.name),
                "{} is not a table",
                t.name
            );
            let cols = columns(&conn, t.name).unwrap();
            let named = t
                .key
                .iter()
                .chain(t.local.iter().map(|(c, _)| c))
                .chain(t.domains.iter().map(|(c, _)| c))
                .chain(t.version.iter());
            for c in named {
                assert!(
                    cols.iter().any(|x| x == c),
                    "{}.{c} is not a column",
                    t.name
                );
            }
            if let Owner::Column(c) = t.owner {
                assert!(
                    cols.iter().any(|x| x == c),
                    "{}.{c} is not a column",
                    t.name
                );
            }
        }
        for p in owners::PARTIES {
            if let Some(s) = &p.sign_off {
                let t = owners::table(s.table).expect("registered");
                assert!(t.version.is_some() && t.may_be_owned_by(p.role));
                let cols = columns(&conn, s.table).unwrap();
                assert!(cols.iter().any(|c| c == s.signs) && cols.iter().any(|c| c == s.name));
            }
        }
    }
}
