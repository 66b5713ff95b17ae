//! Bad and hostile files given to the assessor's "open a learner's portfolio"
//! and the learner's "receive": truncated at every page boundary, flipped
//! bytes (random ones, and every byte of the file's and each page's header),
//! another application id, a newer version, an added trigger, view or
//! table, a huge row or blob, values beyond the app's own limits (a 3.9 MB
//! name, a description too long, 20,001 witnesses), names with characters
//! that disguise them, text that is not UTF-8, a file padded to 3 GiB or
//! full of unused space, an empty file, a file that is not SQLite, our
//! own files of the wrong kind. Each gives a typed error, never a panic,
//! leaves the destination folder (the library) exactly as it was, and the
//! whole run stays within bounded memory. In its own test binary, so that
//! the peak memory measured is its own.

mod common;

use partnership_portfolio::evidence::{EvidenceInput, EvidenceMethod, Mapping, NewEvidence};
use partnership_portfolio::exchange;
use partnership_portfolio::{Error, ErrorCode, Portfolio};
use std::path::{Path, PathBuf};

/// A learner's submitted file, as sent to the assessor.
fn submitted(dir: &Path) -> PathBuf {
    let learner = common::new_portfolio(dir, "learner.portfolio");
    let file = dir.join("minutes.txt");
    std::fs::write(&file, "Cofnodion y bartneriaeth. ".repeat(3000)).unwrap();
    let mut p = Portfolio::open(&learner).unwrap();
    p.set_rating("P4", Some(3)).unwrap();
    p.set_account("P4", "Cytunon ni ar nodau a rennir.")
        .unwrap();
    p.add_evidence(NewEvidence {
        input: EvidenceInput {
            title: "Minutes".into(),
            method: EvidenceMethod::Product,
            activity_date: None,
            description: "Minutes of the partnership meeting.".into(),
            witness: None,
            confidential: None,
        },
        attach: vec![file],
        mappings: vec![Mapping {
            item_id: "P4".into(),
            note: String::new(),
        }],
    })
    .unwrap();
    p.submit("Siân Llŷr", "2026-11-01").unwrap();
    let out = dir.join("sent.portfolio");
    p.save_copy(&out).unwrap();
    p.close().unwrap();
    out
}

/// Tries to open `file` as an assessor into an empty library folder; the
/// folder must be unchanged whatever happens. Returns the error, if any.
fn open_as_assessor(file: &Path) -> Option<Error> {
    let library = common::temp_dir();
    let before = common::snapshot(library.path());
    let outcome =
        exchange::open_submission(file, &library.path().join("copy.portfolio"), "Assessor");
    match outcome {
        Ok(p) => {
            p.close().unwrap();
            None
        }
        Err(e) => {
            assert_eq!(
                common::snapshot(library.path()),
                before,
                "a refused file changed the library: {}",
                e.message
            );
            assert!(!e.message.contains('\n'), "one line: {}", e.message);
            assert_ne!(
                e.code,
                ErrorCode::Internal,
                "an internal error is not a typed answer: {}",
                e.message
            );
            assert_says_what_is_wrong(&e);
            Some(e)
        }
    }
}

/// Damage is called damage: never a full disk, a read-only file, or a raw
/// database message.
fn assert_says_what_is_wrong(e: &Error) {
    for wrong in [
        "disk is full",
        "read-only",
        "Database error",
        "invalid utf-8",
        "Query returned no rows",
        "cannot be opened",
    ] {
        assert!(
            !e.message.to_lowercase().contains(&wrong.to_lowercase()),
            "{:?}: {}",
            e.code,
            e.message
        );
    }
}

fn doctored(dir: &Path, name: &str, sent: &Path, sql: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(sent, &path).unwrap();
    common::raw(&path).execute_batch(sql).unwrap();
    path
}

#[test]
fn hostile_files_get_typed_errors_and_change_nothing_within_bounded_memory() {
    let dir = common::temp_dir();
    let sent = submitted(dir.path());
    assert!(open_as_assessor(&sent).is_none(), "the genuine file opens");
    let bytes = std::fs::read(&sent).unwrap();
    let page = 65536;
    let rss_before = common::peak_rss_mib();

    // Truncated at every page boundary.
    for pages in 0..bytes.len() / page {
        let cut = dir.path().join("cut.portfolio");
        std::fs::write(&cut, &bytes[..pages * page]).unwrap();
        let err =
            open_as_assessor(&cut).unwrap_or_else(|| panic!("cut at page {pages} was accepted"));
        assert!(
            matches!(err.code, ErrorCode::Damaged | ErrorCode::NotAPortfolio),
            "page {pages}: {err:?}"
        );
    }

    // Flipped bytes: refused, or (a flip in unused space) accepted with
    // exactly the submitted content. Only bytes that are not zero are
    // flipped: most of a small file's 64 KiB pages is zeroed free space (one
    // page or more per table, however empty), which a flip can only miss.
    let mut refused = 0;
    let mut seed: u64 = 0x5eed;
    for _ in 0..60 {
        let at = loop {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let at = (seed >> 16) as usize % bytes.len();
            if bytes[at] != 0 {
                break at;
            }
        };
        let mut flipped = bytes.clone();
        flipped[at] ^= 1 << ((seed >> 8) % 8);
        let path = dir.path().join("flipped.portfolio");
        std::fs::write(&path, &flipped).unwrap();
        match open_as_assessor(&path) {
            Some(_) => refused += 1,
            None => {
                let p = Portfolio::open(&path).unwrap();
                let original = Portfolio::open(&sent).unwrap();
                assert_eq!(
                    p.content_fingerprint().unwrap(),
                    original.content_fingerprint().unwrap(),
                    "flip at {at}"
                );
                assert!(p.verify().unwrap().ok());
            }
        }
    }
    assert!(refused > 0, "no flipped byte was ever noticed");

    // Every byte of the file's header and of each page's own header (where
    // SQLite keeps its structure), changed three ways: refused, each in words
    // that say it is damage (see `assert_says_what_is_wrong`), or accepted
    // with exactly the submitted content.
    let original = Portfolio::open(&sent).unwrap();
    let submitted = original.content_fingerprint().unwrap();
    original.close().unwrap();
    let structural: Vec<usize> = (0..100)
        .chain((1..bytes.len() / page).flat_map(|p| p * page..p * page + 12))
        .collect();
    for at in structural {
        for pattern in [0x01u8, 0x80, 0xff] {
            let mut changed = bytes.clone();
            changed[at] ^= pattern;
            let path = dir.path().join("structure.portfolio");
            std::fs::write(&path, &changed).unwrap();
            if open_as_assessor(&path).is_none() {
                let p = Portfolio::open(&path).unwrap();
                assert_eq!(
                    p.content_fingerprint().unwrap(),
                    submitted,
                    "byte {at} ^ {pattern:#x}"
                );
                p.close().unwrap();
            }
        }
    }

    // Many more flips, of one to eight bits, only for how damage is told:
    // every refusal typed and worded as damage (`open_as_assessor` checks
    // each), never a full disk, a read-only file or a raw database message.
    let mut refused = 0;
    for _ in 0..400 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let at = (seed >> 16) as usize % bytes.len();
        let mut flipped = bytes.clone();
        flipped[at] ^= ((seed >> 8) as u8).max(1);
        let path = dir.path().join("flipped.portfolio");
        std::fs::write(&path, &flipped).unwrap();
        refused += open_as_assessor(&path).is_some() as u32;
    }
    assert!(refused > 0, "no flipped byte was ever noticed");

    let cases: Vec<(&str, PathBuf, ErrorCode, &str)> = vec![
        ("another application id", doctored(dir.path(), "id.portfolio", &sent, "PRAGMA application_id = 1234"), ErrorCode::NotAPortfolio, "another program"),
        ("a newer version", doctored(dir.path(), "newer.portfolio", &sent, "PRAGMA user_version = 99"), ErrorCode::NewerVersion, "newer version"),
        ("an added trigger", doctored(dir.path(), "trigger.portfolio", &sent, "CREATE TRIGGER evil AFTER INSERT ON audit BEGIN DELETE FROM judgement; END"), ErrorCode::Damaged, "altered"),
        ("an added view", doctored(dir.path(), "view.portfolio", &sent, "CREATE VIEW v AS SELECT * FROM content"), ErrorCode::Damaged, "altered"),
        ("an unknown table", doctored(dir.path(), "table.portfolio", &sent, "CREATE TABLE payload (x BLOB)"), ErrorCode::Damaged, "altered"),
        ("a huge blob", doctored(dir.path(), "blob.portfolio", &sent, "INSERT INTO content_chunk (content_id, seq, data) VALUES (1, 99, zeroblob(6000000))"), ErrorCode::Damaged, "larger than this app ever writes"),
        ("a huge row", doctored(dir.path(), "row.portfolio", &sent, "UPDATE self_assessment SET account = printf('%.*c', 9000000, 'x') WHERE item_id = 'P4'"), ErrorCode::Damaged, "larger than this app ever writes"),
        ("a changed account", doctored(dir.path(), "changed.portfolio", &sent, "UPDATE submission_part SET content = replace(content, 'rennir', 'rhannu') WHERE part = 'item:P4'"), ErrorCode::Damaged, "item P4"),
    ];
    for (what, path, code, words) in cases {
        let err = open_as_assessor(&path).unwrap_or_else(|| panic!("{what} was accepted"));
        assert_eq!(err.code, code, "{what}: {}", err.message);
        assert!(err.message.contains(words), "{what}: {}", err.message);
    }

    // The app's own limits, applied to every value, and to the file itself.
    let limits: Vec<(&str, PathBuf, &str)> = vec![
        ("a learner's name of 3.9 MB", doctored(dir.path(), "name.portfolio", &sent, "UPDATE learner_profile SET full_name = printf('%.*c', 3900000, 'x')"), "learner_profile.full_name, where this app allows at most 200"),
        ("a name one character too long", doctored(dir.path(), "name201.portfolio", &sent, "UPDATE learner_profile SET full_name = printf('%.*c', 201, 'y')"), "201 characters in learner_profile.full_name"),
        ("a description of 150,000 characters", doctored(dir.path(), "desc.portfolio", &sent, "UPDATE evidence SET description = printf('%.*c', 150000, 'd')"), "evidence.description, where this app allows at most 100000"),
        ("a title that displays backwards", doctored(dir.path(), "bidi.portfolio", &sent, "UPDATE evidence SET title = 'Minutes' || char(0x202E) || 'fdp.exe'"), "U+202E"),
        ("a name with a zero-width space", doctored(dir.path(), "zwsp.portfolio", &sent, "UPDATE learner_profile SET full_name = 'Siân' || char(0x200B) || ' Llŷr'"), "U+200B"),
        ("a file name with an isolate", doctored(dir.path(), "iso.portfolio", &sent, "UPDATE attachment SET file_name = char(0x2067) || 'minutes.txt'"), "U+2067"),
        ("text that is not UTF-8", doctored(dir.path(), "utf8.portfolio", &sent, "UPDATE learner_profile SET centre = CAST(x'43c328' AS TEXT)"), "not valid UTF-8"),
        ("20,001 witnesses", doctored(dir.path(), "many.portfolio", &sent, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20001) INSERT INTO witness (name, created_at) SELECT 'Tyst ' || i, '2026-11-01T00:00:00Z' FROM n"), "20001 records in witness"),
        ("unused space of 40 MB", doctored(dir.path(), "free.portfolio", &sent, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40) INSERT INTO content_chunk (content_id, seq, data) SELECT 1, 1000 + i, zeroblob(1000000) FROM n; DELETE FROM content_chunk WHERE seq > 1000"), "unused space"),
    ];
    for (what, path, words) in limits {
        let err = open_as_assessor(&path).unwrap_or_else(|| panic!("{what} was accepted"));
        assert_eq!(err.code, ErrorCode::Damaged, "{what}: {}", err.message);
        assert!(err.message.contains(words), "{what}: {}", err.message);
    }
    // Padded to 3 GiB (sparse, so the test does not write it): refused from
    // its header, before any of it is copied.
    let padded = dir.path().join("padded.portfolio");
    std::fs::copy(&sent, &padded).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&padded)
        .unwrap()
        .set_len(bytes.len() as u64 + (3 << 30))
        .unwrap();
    let err = open_as_assessor(&padded).expect("the padded file was accepted");
    assert_eq!(err.code, ErrorCode::Damaged, "{}", err.message);
    assert!(
        err.message.contains("something was added to its end"),
        "{}",
        err.message
    );

    let empty = dir.path().join("empty.portfolio");
    std::fs::write(&empty, b"").unwrap();
    assert_eq!(
        open_as_assessor(&empty).unwrap().code,
        ErrorCode::NotAPortfolio
    );
    let text = dir.path().join("letter.portfolio");
    std::fs::write(&text, "Dear assessor, please find my portfolio attached.").unwrap();
    assert_eq!(
        open_as_assessor(&text).unwrap().code,
        ErrorCode::NotAPortfolio
    );
    let missing = open_as_assessor(&dir.path().join("absent.portfolio")).unwrap();
    assert_eq!(missing.code, ErrorCode::NotFound);
    let folder = open_as_assessor(dir.path()).unwrap();
    assert_eq!(folder.code, ErrorCode::InvalidInput);

    // Our own files, of the wrong kind.
    let unsubmitted = common::new_portfolio(dir.path(), "never-submitted.portfolio");
    assert!(open_as_assessor(&unsubmitted)
        .unwrap()
        .message
        .contains("not been submitted"));
    let assessor_copy = dir.path().join("assessor-copy.portfolio");
    exchange::open_submission(&sent, &assessor_copy, "Assessor")
        .unwrap()
        .close()
        .unwrap();
    let renamed = dir.path().join("renamed.portfolio");
    std::fs::copy(&assessor_copy, &renamed).unwrap();
    assert!(open_as_assessor(&renamed)
        .unwrap()
        .message
        .contains("assessor's copy"));

    let grew = common::peak_rss_mib().saturating_sub(rss_before);
    assert!(
        grew < 200,
        "peak memory grew by {grew} MiB over the hostile files"
    );
}

#[test]
fn the_learner_s_receive_refuses_hostile_files_and_keeps_the_portfolio_intact() {
    let dir = common::temp_dir();
    let sent = submitted(dir.path());
    let learner = dir.path().join("learner.portfolio");
    let assessor_copy = dir.path().join("assessor.portfolio");
    let mut a = exchange::open_submission(&sent, &assessor_copy, "Assessor").unwrap();
    a.judge("P4", exchange::JudgementOutcome::Met, "", None)
        .unwrap();
    let returned = dir.path().join("returned.portfolio");
    a.return_to_learner(&returned, None).unwrap();
    a.close().unwrap();
    let before = std::fs::read(&learner).unwrap();
    let bytes = std::fs::read(&returned).unwrap();
    for (what, file) in [
        ("truncated", {
            let p = dir.path().join("t.portfolio");
            std::fs::write(&p, &bytes[..bytes.len() / 2]).unwrap();
            p
        }),
        (
            "a trigger",
            doctored(
                dir.path(),
                "tr.portfolio",
                &returned,
                "CREATE TRIGGER t AFTER INSERT ON audit BEGIN SELECT 1; END",
            ),
        ),
        ("a learner's file", sent.clone()),
        (
            "a forged submission",
            doctored(
                dir.path(),
                "f.portfolio",
                &returned,
                "UPDATE submission SET fingerprint = 'x' || substr(fingerprint, 2)",
            ),
        ),
    ] {
        let err = Portfolio::open(&learner)
            .unwrap()
            .receive(&file)
            .expect_err(what);
        assert_ne!(err.code, ErrorCode::Internal, "{what}: {}", err.message);
        assert_eq!(
            std::fs::read(&learner).unwrap(),
            before,
            "{what} changed the learner's portfolio"
        );
    }
    let mut p = Portfolio::open(&learner).unwrap();
    p.receive(&returned).unwrap();
    assert_eq!(p.judgements(None).unwrap().len(), 1);
}
