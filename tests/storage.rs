//! The portfolio file on disk: creation, the application id and schema
//! version, migrations, and the refusal of files that are newer, foreign or
//! damaged, each left byte-for-byte as it was.

mod common;

use common::{new_portfolio, raw, snapshot, temp_dir};
use partnership_portfolio::storage::{APPLICATION_ID, SCHEMA_VERSION};
use partnership_portfolio::{ErrorCode, Portfolio};
use std::path::Path;

fn pragma(path: &Path, name: &str) -> i64 {
    raw(path)
        .pragma_query_value(None, name, |r| r.get(0))
        .unwrap()
}

#[test]
fn a_new_file_is_stamped_as_ours_with_the_current_schema() {
    let dir = temp_dir();
    let path = new_portfolio(dir.path(), "a.portfolio");
    assert_eq!(pragma(&path, "application_id") as u32, APPLICATION_ID);
    assert_eq!(pragma(&path, "user_version") as u32, SCHEMA_VERSION);
    // Closed cleanly: the file alone is the portfolio, no side files remain.
    let names: Vec<String> = snapshot(dir.path()).into_iter().map(|(n, ..)| n).collect();
    assert_eq!(names, ["a.portfolio"]);
    let p = Portfolio::open(&path).unwrap();
    let info = p.info().unwrap();
    assert_eq!(
        (info.standard_urn.as_str(), info.standard_version.as_str()),
        ("CLDAL16", "1")
    );
    assert_eq!(info.title, "Siân Llŷr-Ŵyn – CLDAL16");
    assert_eq!(p.standard(), partnership_portfolio::catalogue::cldal16());
}

#[test]
fn foreign_keys_are_enforced() {
    let dir = temp_dir();
    let path = new_portfolio(dir.path(), "a.portfolio");
    let p = Portfolio::open(&path).unwrap();
    drop(p);
    // Through a connection configured like ours, an unknown item is refused.
    let conn = raw(&path);
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    let err = conn
        .execute("INSERT INTO self_assessment (item_id, rating, account, updated_at) VALUES ('P99', 1, '', 'x')", [])
        .unwrap_err();
    assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
}

#[test]
fn creating_over_an_existing_file_is_refused_and_leaves_it_alone() {
    let dir = temp_dir();
    let path = dir.path().join("taken.portfolio");
    std::fs::write(&path, b"my notes").unwrap();
    let before = snapshot(dir.path());
    let err = Portfolio::create(
        &path,
        partnership_portfolio::portfolio::NewPortfolio {
            standard: partnership_portfolio::catalogue::cldal16(),
            profile: common::welsh_profile(),
            title: None,
        },
    )
    .err()
    .unwrap();
    assert_eq!(err.code, ErrorCode::AlreadyExists);
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_failed_creation_leaves_no_file_behind() {
    let dir = temp_dir();
    let mut profile = common::welsh_profile();
    profile.full_name = "   ".into();
    let path = dir.path().join("x.portfolio");
    let err = Portfolio::create(
        &path,
        partnership_portfolio::portfolio::NewPortfolio {
            standard: partnership_portfolio::catalogue::cldal16(),
            profile,
            title: None,
        },
    )
    .err()
    .unwrap();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(snapshot(dir.path()).is_empty());
}

/// Opens `path` expecting `code`, and checks the folder is byte-identical after.
fn refused(path: &Path, code: ErrorCode) -> String {
    let dir = path.parent().unwrap();
    let before = snapshot(dir);
    let err = Portfolio::open(path).err().expect("the file is refused");
    assert_eq!(err.code, code, "{}", err.message);
    assert_eq!(
        snapshot(dir),
        before,
        "refusing {} changed the folder",
        path.display()
    );
    assert!(!err.message.contains('\n'));
    err.message
}

#[test]
fn a_file_from_a_newer_version_is_refused_naming_both_versions() {
    let dir = temp_dir();
    let path = new_portfolio(dir.path(), "newer.portfolio");
    raw(&path)
        .pragma_update(None, "user_version", SCHEMA_VERSION + 7)
        .unwrap();
    let message = refused(&path, ErrorCode::NewerVersion);
    assert!(
        message.contains(&format!("file format {}", SCHEMA_VERSION + 7)),
        "{message}"
    );
    assert!(
        message.contains(&format!("up to {SCHEMA_VERSION}")),
        "{message}"
    );
}

#[test]
fn files_that_are_not_ours_are_refused_untouched() {
    let dir = temp_dir();
    let empty = dir.path().join("empty.portfolio");
    std::fs::write(&empty, b"").unwrap();
    assert!(refused(&empty, ErrorCode::NotAPortfolio).contains("empty"));

    let text = dir.path().join("notes.portfolio");
    std::fs::write(&text, "Dear assessor, here is my portfolio.\n".repeat(50)).unwrap();
    refused(&text, ErrorCode::NotAPortfolio);

    let other = dir.path().join("other.portfolio");
    raw(&other)
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    assert!(refused(&other, ErrorCode::NotAPortfolio).contains("another program"));

    let missing = Portfolio::open(&dir.path().join("absent.portfolio"))
        .err()
        .unwrap();
    assert_eq!(missing.code, ErrorCode::NotFound);
}

#[test]
fn a_truncated_file_is_refused_untouched() {
    let dir = temp_dir();
    let path = new_portfolio(dir.path(), "cut.portfolio");
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let message = refused(&path, ErrorCode::Damaged);
    assert!(message.contains("incomplete"), "{message}");
}

#[test]
fn a_file_with_a_corrupt_schema_page_is_refused_untouched() {
    let dir = temp_dir();
    let path = new_portfolio(dir.path(), "garbled.portfolio");
    let mut bytes = std::fs::read(&path).unwrap();
    for b in &mut bytes[100..400] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    refused(&path, ErrorCode::Damaged);
}

#[test]
fn a_file_with_a_corrupt_data_page_fails_on_reading_and_is_not_modified() {
    let dir = temp_dir();
    let path = new_portfolio(dir.path(), "data.portfolio");
    {
        let mut p = Portfolio::open(&path).unwrap();
        p.set_account("P1", &"Rwy’n cydweithio’n agos. ".repeat(40))
            .unwrap();
        p.close().unwrap();
    }
    let page_size = pragma(&path, "page_size") as usize;
    let root: i64 = raw(&path)
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'self_assessment'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    let start = (root as usize - 1) * page_size;
    for b in &mut bytes[start..start + page_size] {
        *b ^= 0x5A;
    }
    std::fs::write(&path, &bytes).unwrap();
    let before = snapshot(dir.path());
    let outcome = Portfolio::open(&path).and_then(|mut p| {
        p.overview()?;
        p.set_rating("P2", Some(3))?;
        Ok(())
    });
    let err = outcome.expect_err("reading a damaged page fails");
    assert_eq!(err.code, ErrorCode::Damaged, "{}", err.message);
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn an_altered_structure_is_refused_untouched() {
    for (name, sql) in [
        ("extra-table.portfolio", "CREATE TABLE extra (x)"),
        (
            "trigger.portfolio",
            "CREATE TRIGGER t AFTER INSERT ON self_assessment BEGIN SELECT 1; END",
        ),
        ("view.portfolio", "CREATE VIEW v AS SELECT * FROM history"),
        (
            "dropped-trigger.portfolio",
            "DROP TRIGGER history_is_append_only_on_update",
        ),
    ] {
        let dir = temp_dir();
        let path = new_portfolio(dir.path(), name);
        raw(&path).execute_batch(sql).unwrap();
        let message = refused(&path, ErrorCode::Damaged);
        assert!(message.contains("altered"), "{name}: {message}");
    }
}

#[test]
fn migrations_from_an_empty_database_give_exactly_the_current_schema_twice_over() {
    // Opening a current file runs no migration and changes nothing.
    let dir = temp_dir();
    let path = new_portfolio(dir.path(), "a.portfolio");
    let before = std::fs::read(&path).unwrap();
    Portfolio::open(&path).unwrap().close().unwrap();
    Portfolio::open(&path).unwrap().close().unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn read_only_opening_never_writes() {
    let dir = temp_dir();
    let path = new_portfolio(dir.path(), "a.portfolio");
    let before = snapshot(dir.path());
    let p = Portfolio::open_read_only(&path).unwrap();
    assert_eq!(p.overview().unwrap().progress.total, 42);
    drop(p);
    assert_eq!(snapshot(dir.path()), before);
}
