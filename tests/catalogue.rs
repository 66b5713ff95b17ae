//! The CLDAL16 catalogue held against the published text, and the loading of
//! other standards in our data format, malformed ones included.

mod common;

use partnership_portfolio::catalogue::{self, ItemKind, Standard};
use partnership_portfolio::ErrorCode;
use std::path::Path;

/// The published text's items, in publication order: (performance, knowledge).
fn published_items(text: &str) -> (Vec<String>, Vec<String>) {
    let lines: Vec<&str> = text.lines().collect();
    let between = |start: &str, end: &str| -> Vec<String> {
        let from = lines.iter().position(|l| l.trim() == start).expect(start) + 1;
        let to = from
            + lines[from..]
                .iter()
                .position(|l| l.trim() == end)
                .expect(end);
        lines[from..to]
            .iter()
            .filter_map(|l| l.trim().strip_prefix("- "))
            .map(normalise)
            .collect()
    };
    (
        between("You must be able to:", "Knowledge and Understanding"),
        between("You need to know and understand:", "Scope/range"),
    )
}

/// Whitespace aside, character for character.
fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn published() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/CLDAL16.txt"),
    )
    .unwrap()
}

#[test]
fn fixture_is_the_published_text_when_the_shared_copy_is_present() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/standard/CLDAL16.txt");
    if let Ok(text) = std::fs::read_to_string(&shared) {
        assert_eq!(
            text,
            published(),
            "tests/fixtures/CLDAL16.txt differs from {}",
            shared.display()
        );
    }
}

#[test]
fn every_item_matches_the_published_text() {
    let (p, k) = published_items(&published());
    assert_eq!((p.len(), k.len()), (15, 27));
    let standard = catalogue::cldal16();
    let ours: Vec<(ItemKind, String, String)> = standard
        .items()
        .map(|(kind, i)| (kind, i.id.clone(), normalise(&i.text)))
        .collect();
    assert_eq!(ours.len(), 42);
    for (n, text) in p.iter().enumerate() {
        assert_eq!(
            ours[n],
            (ItemKind::Performance, format!("P{}", n + 1), text.clone())
        );
    }
    for (n, text) in k.iter().enumerate() {
        assert_eq!(
            ours[15 + n],
            (ItemKind::Knowledge, format!("K{}", n + 1), text.clone())
        );
    }
}

#[test]
fn identity_overview_and_glossary_match_the_published_text() {
    let text = published();
    let lines: Vec<&str> = text.lines().collect();
    let standard = catalogue::cldal16();
    assert_eq!(standard.urn, "CLDAL16");
    assert!(!standard.version.is_empty());
    assert_eq!(standard.title, lines[0]);
    let overview_at = lines.iter().position(|l| *l == "Overview").unwrap() + 1;
    let criteria_at = lines
        .iter()
        .position(|l| *l == "Performance criteria")
        .unwrap();
    let published_overview: Vec<String> = lines[overview_at..criteria_at]
        .iter()
        .map(|l| normalise(l))
        .collect();
    let ours: Vec<String> = standard.overview.iter().map(|l| normalise(l)).collect();
    assert_eq!(ours, published_overview);
    let glossary_at = lines.iter().position(|l| *l == "Glossary").unwrap();
    assert_eq!(standard.glossary.len(), 1);
    assert_eq!(standard.glossary[0].term, lines[glossary_at + 1]);
    assert_eq!(
        normalise(&standard.glossary[0].definition),
        normalise(lines[glossary_at + 2])
    );
    assert_eq!(standard.sections[0].lead_in, "You must be able to:");
    assert_eq!(
        standard.sections[1].lead_in,
        "You need to know and understand:"
    );
    // Spellings and quotes that must survive exactly.
    assert!(standard
        .item("K9")
        .unwrap()
        .1
        .text
        .contains("'stakeholder' concept"));
    assert!(standard.item("P2").unwrap().1.text.starts_with("recognise"));
}

#[test]
fn items_are_found_case_insensitively_and_unknown_ones_are_named() {
    let standard = catalogue::cldal16();
    assert_eq!(standard.item("p4").unwrap().1.id, "P4");
    let err = standard.require_item("P16").unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(
        err.message.contains("P16") && err.message.contains("P1–P15 and K1–K27"),
        "{}",
        err.message
    );
}

#[test]
fn another_standard_loads_from_a_file_and_round_trips() {
    let dir = common::temp_dir();
    let mut other = catalogue::cldal16().clone();
    other.urn = "CLDAL99".into();
    other.title = "Gweithio gyda’r gymuned".into();
    other.sections[1].items.truncate(2);
    let path = dir.path().join("CLDAL99.json");
    std::fs::write(&path, other.to_json()).unwrap();
    let loaded = Standard::load(&path).unwrap();
    assert_eq!(loaded, other);
    assert_eq!(loaded.item_count(), 17);
}

fn malformed(edit: impl FnOnce(&mut serde_json::Value)) -> partnership_portfolio::Error {
    let mut doc = serde_json::to_value(catalogue::cldal16()).unwrap();
    edit(&mut doc);
    Standard::from_json(&doc.to_string()).unwrap_err()
}

#[test]
fn malformed_standards_are_refused_with_a_clear_message() {
    let cases: Vec<(&str, partnership_portfolio::Error)> = vec![
        (
            "has no id",
            malformed(|d| {
                d["sections"][0]["items"][2]
                    .as_object_mut()
                    .unwrap()
                    .remove("id")
                    .map(drop)
                    .unwrap()
            }),
        ),
        (
            "has no id",
            malformed(|d| d["sections"][0]["items"][2]["id"] = "".into()),
        ),
        (
            "used more than once",
            malformed(|d| d["sections"][1]["items"][0]["id"] = "P3".into()),
        ),
        (
            "has no text",
            malformed(|d| d["sections"][0]["items"][5]["text"] = "   ".into()),
        ),
        ("no urn", malformed(|d| d["urn"] = "".into())),
        (
            "Unknown standard format",
            malformed(|d| d["format"] = "something/else".into()),
        ),
        (
            "malformed",
            malformed(|d| d["sections"][0]["items"][0]["colour"] = "red".into()),
        ),
        (
            "has no items",
            malformed(|d| d["sections"] = serde_json::json!([])),
        ),
    ];
    for (expected, err) in cases {
        assert_eq!(err.code, ErrorCode::InvalidStandard, "{expected}: {err:?}");
        assert!(
            err.message.contains(expected),
            "expected \"{expected}\" in: {}",
            err.message
        );
    }
    let err = Standard::from_json("{ not json").unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidStandard);
}

#[test]
fn a_missing_or_binary_standard_file_is_a_clear_error() {
    let dir = common::temp_dir();
    let err = Standard::load(&dir.path().join("absent.json")).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    let binary = dir.path().join("binary.json");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x01]).unwrap();
    let err = Standard::load(&binary).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidStandard);
    assert!(err.message.contains("binary.json"), "{}", err.message);
}
