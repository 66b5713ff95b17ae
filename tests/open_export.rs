//! The open export against real files: the demo portfolio goes out to a ZIP
//! through the command-line tool and comes back as a new portfolio with the
//! same content (the tool's JSON of both compared), byte-identical
//! attachments, its history and a verified assessment; the exported
//! portfolio.json passes docs/open-export.schema.json; and each damaged or
//! hostile archive is refused with a message, leaving the destination
//! folder exactly as it was.

mod common;

use partnership_portfolio::evidence::{EvidenceInput, EvidenceMethod, Mapping, NewEvidence};
use partnership_portfolio::open_export::{self, Manifest};
use partnership_portfolio::{ErrorCode, Portfolio};
use serde_json::Value;
use sha2::Digest;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Runs the tool, which must succeed, and returns its standard output.
fn run(args: &[&str]) -> String {
    let out = common::cli_command().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn run_json(args: &[&str]) -> Value {
    serde_json::from_str(&run(args)).unwrap()
}

/// Leaves out what only means something inside one file: attachment ids.
fn without_file_ids(mut v: Value) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                if map.contains_key("sha256") {
                    map.remove("id");
                }
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut v);
    v
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Every entry of a ZIP with its bytes, in order.
fn entries(zip: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().to_string(), bytes)
        })
        .collect()
}

fn sha256(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The demo in a folder, exported to a ZIP and imported into a new file.
struct RoundTrip {
    demo: PathBuf,
    zip: PathBuf,
    back: PathBuf,
    /// What `export --json` and `import --json` said.
    exported: Value,
    imported: Value,
}

/// The demo with `photos` photos and evidence made from its register, there
/// and back again.
fn demo_round_trip(dir: &Path, photos: &str) -> RoundTrip {
    let demo = dir.join("demo.portfolio");
    let zip = dir.join("demo.zip");
    let back = dir.join("back.portfolio");
    run(&["demo", p(&demo), "--photos", photos]);
    make_evidence_from_the_register(&demo);
    let exported = run_json(&["export", p(&demo), "-o", p(&zip), "--json"]);
    let imported = run_json(&["import", p(&zip), "-o", p(&back), "--json"]);
    RoundTrip {
        demo,
        zip,
        back,
        exported,
        imported,
    }
}

#[test]
fn the_demo_goes_out_to_a_zip_and_comes_back_the_same() {
    let dir = common::temp_dir();
    let RoundTrip {
        demo,
        zip,
        back,
        exported,
        imported,
    } = demo_round_trip(dir.path(), "3");
    assert_eq!(exported["format_version"], 1);
    assert!(exported["evidence"].as_u64().unwrap() >= 40);
    assert!(exported["pdf_pages"].as_u64().unwrap() > 10);

    // The manifest lists every other entry with its true size and hash.
    let all = entries(&zip);
    let (last, manifest) = all.last().unwrap();
    assert_eq!(last, "manifest.json");
    let manifest: Manifest = serde_json::from_slice(manifest).unwrap();
    assert_eq!(manifest.format_version, 1);
    assert_eq!(manifest.files.len(), all.len() - 1);
    for (entry, (name, bytes)) in manifest.files.iter().zip(&all) {
        assert_eq!(&entry.path, name);
        assert_eq!(entry.size, bytes.len() as u64);
        assert_eq!(entry.sha256, sha256(bytes));
    }
    assert_eq!(all[0].0, "portfolio.json");
    let pdf = all
        .iter()
        .find(|(n, _)| n == "evidence-portfolio.pdf")
        .unwrap();
    assert!(pdf.1.starts_with(b"%PDF-"));
    let photos = all
        .iter()
        .filter(|(n, _)| n.starts_with("files/E") && n.ends_with(".jpg"))
        .count();
    assert_eq!(photos, 3);

    // portfolio.json is what the schema in docs/ says.
    let json: Value = serde_json::from_slice(&all[0].1).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/docs/open-export.schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let problems: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(!json["submissions"].as_array().unwrap().is_empty());
    assert!(!json["sign_offs"].as_array().unwrap().is_empty());

    assert_eq!(imported["evidence"], exported["evidence"]);
    assert!(imported["history_entries"].as_u64().unwrap() > 40);

    for command in [
        &["show"][..],
        &["evidence", "list"],
        &["coverage"],
        &["history"],
        &["audit"],
        &["assessment"],
        &["witnesses"],
        &["verify"],
    ] {
        let of = |file: &Path| {
            let mut args = command.to_vec();
            args.push(p(file));
            args.push("--json");
            without_file_ids(run_json(&args))
        };
        assert_eq!(
            of(&demo),
            of(&back),
            "{command:?} differs after the round trip"
        );
    }
    // The partnership register, with its checks' every answer and results.
    let register = run_json(&["partner", "list", p(&demo), "--json"]);
    assert!(register.as_array().unwrap().len() >= 3);
    for (command, reference) in [
        (&["partner", "list"][..], None),
        (&["partner", "map"], None),
        (&["agreement", "list"], None),
        (&["partner", "show"], Some("PT1")),
        (&["health-check", "show"], Some("PT1")),
        (&["health-check", "show"], Some("HC2")),
    ] {
        let of = |file: &Path| {
            let mut args = command.to_vec();
            args.push(p(file));
            args.extend(reference);
            args.push("--json");
            run_json(&args)
        };
        assert_eq!(
            of(&demo),
            of(&back),
            "{command:?} {reference:?} differs after the round trip"
        );
    }
    let checks = run_json(&["health-check", "show", p(&back), "PT1", "--json"]);
    assert!(checks.to_string().contains("\"respondents\""));
    // Evidence made from the register still names its source, and a new
    // record gets the next number, never one used before.
    let sources = json["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !e["source"].is_null())
        .count();
    assert!(sources >= 1, "the demo has evidence made from the register");

    // Every attachment comes back byte for byte.
    let original = Portfolio::open(&demo).unwrap();
    let mut copy = Portfolio::open(&back).unwrap();
    let list = original.list_evidence(&Default::default()).unwrap();
    let mut compared = 0;
    let mut described = 0;
    for e in &list {
        let a = original.evidence(&e.reference).unwrap();
        let b = copy.evidence(&e.reference).unwrap();
        assert_eq!(a.attachments.len(), b.attachments.len());
        for (x, y) in a.attachments.iter().zip(&b.attachments) {
            let (fx, fy) = (dir.path().join("x"), dir.path().join("y"));
            original.save_attachment(x.id, &fx).unwrap();
            copy.save_attachment(y.id, &fy).unwrap();
            assert_eq!(std::fs::read(&fx).unwrap(), std::fs::read(&fy).unwrap());
            assert_eq!(x.has_preview, y.has_preview);
            assert_eq!(x.description, y.description);
            described += usize::from(y.description.is_some());
            compared += 1;
        }
    }
    assert!(compared >= 3);
    assert!(described >= 1, "the demo's described photo keeps its words");
    assert_eq!(original.history(None).unwrap(), copy.history(None).unwrap());

    // The copy is a working learner's portfolio: it can be changed, and a
    // new piece of evidence gets the next reference.
    copy.set_rating("K27", Some(4)).unwrap();
    let (added, _) = copy.add_evidence(small_evidence(vec![])).unwrap();
    assert_eq!(
        added.reference,
        format!("E{}", json["portfolio"]["next_evidence_number"])
    );
    let next_partner = json["partnerships"]["next_numbers"]["partner"]
        .as_u64()
        .unwrap();
    let added = copy
        .add_partner(
            &serde_json::from_value(serde_json::json!({
                "name": "Added after the import",
                "kind": "other"
            }))
            .unwrap(),
        )
        .unwrap();
    assert_eq!(added.heading.reference, format!("PT{next_partner}"));
    original.close().unwrap();
    copy.close().unwrap();
}

/// Makes evidence in one step from the demo's agreement AG1 (the demo has
/// none made so), so its source is in the export too.
fn make_evidence_from_the_register(file: &Path) {
    let mut portfolio = Portfolio::open(file).unwrap();
    let made = portfolio
        .make_evidence(
            "AG1",
            &serde_json::from_value(serde_json::json!({})).unwrap(),
        )
        .unwrap();
    assert!(made.source.is_some());
    portfolio.close().unwrap();
}

/// The names of a file's tables, as SQLite lists them.
fn tables(file: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(file).unwrap();
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap();
    let names = stmt.query_map([], |r| r.get(0)).unwrap();
    names.collect::<rusqlite::Result<_>>().unwrap()
}

fn count(file: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(file).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
        r.get(0)
    })
    .unwrap()
}

#[test]
fn every_table_is_exported_or_made_again_and_an_unknown_one_is_refused() {
    let dir = common::temp_dir();
    let RoundTrip { demo, back, .. } = demo_round_trip(dir.path(), "1");

    // Every table of a real file is either carried by the format, with as
    // many rows after the round trip, or one the import makes again.
    for table in tables(&demo) {
        let exported = open_export::EXPORTED_TABLES.contains(&table.as_str());
        let derived = open_export::DERIVED_TABLES.contains(&table.as_str());
        assert!(
            exported || derived,
            "table {table} is neither in the open export nor made again on import: add it to \
             src/open_export/content.rs and docs/open-export.schema.json"
        );
        if exported {
            assert!(
                count(&demo, &table) > 0,
                "the demo has no {table} rows to test"
            );
            assert_eq!(
                count(&demo, &table),
                count(&back, &table),
                "{table} lost rows in the round trip"
            );
        }
    }
    assert_eq!(tables(&demo), tables(&back));

    // A file with a table the format does not know is not exported with
    // that table silently left out. The app refuses to open a file whose
    // structure was altered; the export's own guard, for a later migration
    // that adds a table and forgets the format, says which table it is.
    let conn = rusqlite::Connection::open(&demo).unwrap();
    conn.execute_batch(
        "CREATE TABLE learning_journal (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
         INSERT INTO learning_journal (text) VALUES ('a week of partnership work');",
    )
    .unwrap();
    let e = open_export::content::read(&conn, "2026-11-30T12:00:00Z").unwrap_err();
    assert!(
        e.message.contains("learning_journal") && e.message.contains("nothing was exported"),
        "{e:?}"
    );
    drop(conn);
    let refused_zip = dir.path().join("refused.zip");
    let out = common::cli_command()
        .args(["export", p(&demo), "-o", p(&refused_zip)])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!refused_zip.exists());
}

fn small_evidence(attach: Vec<PathBuf>) -> NewEvidence {
    NewEvidence {
        input: EvidenceInput {
            title: "Partnership minutes".into(),
            method: EvidenceMethod::Product,
            activity_date: None,
            description: "Minutes of the meeting with the library.".into(),
            witness: None,
            confidential: None,
        },
        attach,
        mappings: vec![Mapping {
            item_id: "P4".into(),
            note: String::new(),
        }],
    }
}

/// A small learner's portfolio with two files (one of them attached twice,
/// under one name in one piece of evidence and another elsewhere), a
/// submission, and its export. Returns the ZIP's path.
fn small_export(dir: &Path) -> PathBuf {
    let path = common::new_portfolio(dir, "learner.portfolio");
    let minutes = dir.join("minutes.txt");
    std::fs::write(&minutes, "Cofnodion y bartneriaeth. ".repeat(3000)).unwrap();
    let other = dir.join("sub").join("minutes.txt");
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::write(&other, b"A second file with the same name.").unwrap();
    let mut portfolio = Portfolio::open(&path).unwrap();
    portfolio.set_rating("P4", Some(3)).unwrap();
    portfolio
        .add_evidence(small_evidence(vec![minutes.clone(), other]))
        .unwrap();
    portfolio
        .add_evidence(small_evidence(vec![minutes]))
        .unwrap();
    portfolio.submit("Siân Llŷr", "2026-11-01").unwrap();
    let zip = dir.join("export.zip");
    open_export::export_zip(&portfolio, &zip, jiff::Timestamp::UNIX_EPOCH).unwrap();
    portfolio.close().unwrap();
    zip
}

#[test]
fn names_clash_into_numbered_names_and_the_small_export_round_trips() {
    let dir = common::temp_dir();
    let zip = small_export(dir.path());
    let names: Vec<String> = entries(&zip).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "portfolio.json",
            "files/E1/minutes.txt",
            "files/E1/minutes (2).txt",
            "files/E2/minutes.txt",
            "evidence-portfolio.pdf",
            "manifest.json"
        ]
    );
    let back = dir.path().join("back.portfolio");
    let made = open_export::import_zip(&zip, &back).unwrap();
    assert_eq!((made.evidence, made.files, made.submissions), (2, 2, 1));
    assert!(Portfolio::open(&back).unwrap().verify().unwrap().ok());
}

/// Writes a new ZIP at `out` from `entries` as they are given.
fn write_zip(out: &Path, entries: &[(String, Vec<u8>)], method: zip::CompressionMethod) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(out).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

/// The manifest for `entries` (all but a trailing manifest), with true sizes and hashes.
fn manifest_for(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let files: Vec<Value> = entries
        .iter()
        .filter(|(n, _)| n != "manifest.json")
        .map(|(n, b)| serde_json::json!({"path": n, "size": b.len(), "sha256": sha256(b)}))
        .collect();
    serde_json::to_vec(&serde_json::json!({
        "format": open_export::FORMAT, "format_version": 1, "files": files
    }))
    .unwrap()
}

/// Replaces the manifest of `entries` by one that matches them.
fn with_true_manifest(mut entries: Vec<(String, Vec<u8>)>) -> Vec<(String, Vec<u8>)> {
    entries.retain(|(n, _)| n != "manifest.json");
    let manifest = manifest_for(&entries);
    entries.push(("manifest.json".into(), manifest));
    entries
}

/// Imports `zip` into an empty folder: it must be refused with `code` and a
/// message containing `says`, and the folder must stay empty.
fn refused(zip: &Path, code: ErrorCode, says: &str) {
    let library = common::temp_dir();
    let err = open_export::import_zip(zip, &library.path().join("new.portfolio"))
        .expect_err("a hostile archive must be refused");
    assert_eq!(err.code, code, "{}", err.message);
    assert!(
        err.message.contains(says),
        "\"{}\" does not say \"{says}\"",
        err.message
    );
    assert!(
        std::fs::read_dir(library.path()).unwrap().next().is_none(),
        "something was written for {says}"
    );
}

/// A change to portfolio.json, and how its import must be refused.
type Case<'a> = (&'a str, &'a dyn Fn(&mut Value), ErrorCode, &'a str);

/// Replaces every occurrence of `from` by `to` (same length) in a file's bytes.
fn patch(zip: &Path, out: &Path, from: &[u8], to: &[u8]) {
    assert_eq!(from.len(), to.len());
    let mut bytes = std::fs::read(zip).unwrap();
    let mut found = 0;
    for i in 0..bytes.len() - from.len() {
        if &bytes[i..i + from.len()] == from {
            bytes[i..i + from.len()].copy_from_slice(to);
            found += 1;
        }
    }
    assert!(found > 0);
    std::fs::write(out, bytes).unwrap();
}

/// A partner as the format writes it, with a check and an action on it.
fn partner_json() -> Value {
    serde_json::json!({
        "reference": "PT1", "name": "Llyfrgell", "kind": "partner_agency", "role": "",
        "interests": "", "services": "", "info_needs": "", "info_shared": "", "info_withheld": "",
        "interest": null, "influence": null,
        "created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z",
        "contacts": [], "notes": [], "agreements": [],
        "health_checks": [{
            "reference": "HC1", "held_on": "2026-11-01", "template_version": 1,
            "created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z",
            "respondents": [{"position": 0, "name": "Siân", "added_at": "2026-11-01T10:00:00Z",
                             "answers": [{"statement_id": "goals.1", "score": 4, "comment": ""}]}]
        }],
        "actions": [{
            "reference": "AC1", "health_check": "HC1", "action": "Meet monthly", "element": "communication",
            "owner": "Siân", "due_on": "2026-12-01", "done_on": null,
            "created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z"
        }]
    })
}

#[test]
fn damaged_and_hostile_archives_are_refused_and_nothing_is_written() {
    use zip::CompressionMethod::{Deflated, Stored};
    let dir = common::temp_dir();
    let zip = small_export(dir.path());
    let good = entries(&zip);
    let case = |name: &str| dir.path().join(format!("{name}.zip"));

    // Not a ZIP, or cut short.
    std::fs::write(case("text"), "not a zip at all").unwrap();
    refused(&case("text"), ErrorCode::Damaged, "not a readable ZIP");
    let bytes = std::fs::read(&zip).unwrap();
    std::fs::write(case("cut"), &bytes[..bytes.len() / 2]).unwrap();
    refused(&case("cut"), ErrorCode::Damaged, "cannot be imported");

    // Names that escape the folder, listed in the manifest so that only the
    // name is wrong.
    for (n, evil) in [
        "../evil.txt",
        "/etc/evil.txt",
        "files/E1/../../evil.txt",
        "files\\evil.txt",
        "C:/evil.txt",
    ]
    .into_iter()
    .enumerate()
    {
        let mut e = good.clone();
        e.insert(1, (evil.to_string(), b"evil".to_vec()));
        write_zip(
            &case(&format!("escape{n}")),
            &with_true_manifest(e),
            Deflated,
        );
        refused(
            &case(&format!("escape{n}")),
            ErrorCode::Damaged,
            "outside its folder",
        );
    }

    // Two entries of one name (a ZIP writer will not make one: rename an entry in the bytes).
    let mut e = good.clone();
    e.insert(1, ("files/E1/minutez.txt".into(), b"first".to_vec()));
    write_zip(&case("dup-src"), &e, Stored);
    patch(
        &case("dup-src"),
        &case("dup"),
        b"files/E1/minutez.txt",
        b"files/E1/minutes.txt",
    );
    refused(&case("dup"), ErrorCode::Damaged, "same name");
    // ... or names that differ only in case.
    let mut e = good.clone();
    e.insert(1, ("files/E1/MINUTES.txt".into(), b"other".to_vec()));
    write_zip(&case("case"), &with_true_manifest(e), Deflated);
    refused(&case("case"), ErrorCode::Damaged, "twice");

    // A zip bomb: 200 MiB of zeros in a few hundred KiB.
    let mut e = good.clone();
    e.insert(1, ("files/E1/zeros.txt".into(), vec![0u8; 200 << 20]));
    let bomb = with_true_manifest(e);
    write_zip(&case("bomb"), &bomb, Deflated);
    assert!(std::fs::metadata(case("bomb")).unwrap().len() < 2 << 20);
    drop(bomb);
    refused(&case("bomb"), ErrorCode::Damaged, "zip bomb");

    // A huge declared size (4 GiB) in the central directory.
    let small = b"twelve bytes";
    let mut e = good.clone();
    e.insert(1, ("files/E1/huge.bin".into(), small.to_vec()));
    write_zip(&case("huge-src"), &with_true_manifest(e), Stored);
    let bytes = std::fs::read(case("huge-src")).unwrap();
    let mut patched = bytes.clone();
    let name = b"files/E1/huge.bin";
    // The central directory header of that entry: its uncompressed size is at offset 24.
    let at = (0..bytes.len() - 4)
        .filter(|&i| bytes[i..i + 4] == [0x50, 0x4b, 0x01, 0x02])
        .find(|&i| &bytes[i + 46..i + 46 + name.len()] == name)
        .unwrap();
    patched[at + 24..at + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    std::fs::write(case("huge"), patched).unwrap();
    refused(
        &case("huge"),
        ErrorCode::Damaged,
        "more than the 1.1 GB allowed",
    );

    // An entry holding more than it declares (its declared size lowered
    // in the central directory and in the manifest alike).
    let mut e = entries(&case("huge-src"));
    let mut manifest: Value = serde_json::from_slice(&e.pop().unwrap().1).unwrap();
    for f in manifest["files"].as_array_mut().unwrap() {
        if f["path"] == "files/E1/huge.bin" {
            f["size"] = 4.into();
        }
    }
    e.push((
        "manifest.json".into(),
        serde_json::to_vec(&manifest).unwrap(),
    ));
    write_zip(&case("longer-src"), &e, Stored);
    let bytes = std::fs::read(case("longer-src")).unwrap();
    let at = (0..bytes.len() - 4)
        .filter(|&i| bytes[i..i + 4] == [0x50, 0x4b, 0x01, 0x02])
        .find(|&i| &bytes[i + 46..i + 46 + name.len()] == name)
        .unwrap();
    let mut patched = bytes;
    patched[at + 24..at + 28].copy_from_slice(&4u32.to_le_bytes());
    std::fs::write(case("longer"), patched).unwrap();
    refused(&case("longer"), ErrorCode::Damaged, "files/E1/huge.bin");

    // A file the manifest lists is missing; one it does not list is there.
    let mut e = good.clone();
    e.retain(|(n, _)| n != "files/E2/minutes.txt");
    write_zip(&case("missing"), &e, Deflated);
    refused(
        &case("missing"),
        ErrorCode::Damaged,
        "files/E2/minutes.txt is missing",
    );
    let mut e = good.clone();
    e.insert(1, ("files/E1/extra.txt".into(), b"extra".to_vec()));
    write_zip(&case("extra"), &e, Deflated);
    refused(&case("extra"), ErrorCode::Damaged, "does not list");
    let mut e = good.clone();
    e.pop();
    write_zip(&case("no-manifest"), &e, Deflated);
    refused(
        &case("no-manifest"),
        ErrorCode::Damaged,
        "manifest.json is missing",
    );

    // A file changed (same size), the manifest as it was; where the same
    // content is there twice, the second copy is checked too.
    for (path, says) in [
        ("files/E2/minutes.txt", "does not match its SHA-256"),
        (
            "files/E1/minutes.txt",
            "files/E1/minutes.txt does not match",
        ),
    ] {
        let mut e = good.clone();
        let i = e.iter().position(|(n, _)| n == path).unwrap();
        e[i].1[0] ^= 0x20;
        write_zip(&case("changed"), &e, Deflated);
        refused(&case("changed"), ErrorCode::Damaged, says);
    }

    // portfolio.json out of its format, of a newer version, or naming a
    // file the manifest does not list (each with a manifest that matches).
    let json: Value = serde_json::from_slice(&good[0].1).unwrap();
    let with_json = |name: &str, change: &dyn Fn(&mut Value)| {
        let mut v = json.clone();
        change(&mut v);
        let mut e = good.clone();
        e[0].1 = serde_json::to_vec_pretty(&v).unwrap();
        write_zip(&case(name), &with_true_manifest(e), Deflated);
        case(name)
    };
    let partner = partner_json();
    let with_partner = |change: &dyn Fn(&mut Value)| {
        let mut p = partner.clone();
        change(&mut p);
        move |v: &mut Value| v["partnerships"]["partners"] = Value::Array(vec![p.clone()])
    };
    let lower_case_reference = with_partner(&|p| p["reference"] = "pt1".into());
    let score_of_nine = with_partner(&|p| {
        p["health_checks"][0]["respondents"][0]["answers"][0]["score"] = 9.into()
    });
    let unknown_statement = with_partner(&|p| {
        p["health_checks"][0]["respondents"][0]["answers"][0]["statement_id"] = "goals.99".into()
    });
    let check_not_there = with_partner(&|p| p["actions"][0]["health_check"] = "HC9".into());
    let twice = |v: &mut Value| {
        let mut other = partner.clone();
        other["reference"] = "PT2".into();
        other["name"] = "LLYFRGELL".into();
        other["health_checks"][0]["reference"] = "HC2".into();
        other["actions"][0]["reference"] = "AC2".into();
        other["actions"][0]["health_check"] = "HC2".into();
        v["partnerships"]["partners"] = Value::Array(vec![partner.clone(), other]);
    };
    let cases: [Case; 14] = [
        (
            "no-name",
            &|v| v["profile"]["full_name"] = "".into(),
            ErrorCode::Damaged,
            "its profile is not valid",
        ),
        (
            "unknown-field",
            &|v| v["profile"]["evil"] = 1.into(),
            ErrorCode::Damaged,
            "not in the expected format",
        ),
        (
            "wrong-type",
            &|v| v["evidence"][0]["title"] = 7.into(),
            ErrorCode::Damaged,
            "not in the expected format",
        ),
        (
            "newer",
            &|v| v["format_version"] = 2.into(),
            ErrorCode::NewerVersion,
            "newer version",
        ),
        (
            "elsewhere",
            &|v| v["evidence"][1]["attachments"][0]["path"] = "files/E9/minutes.txt".into(),
            ErrorCode::Damaged,
            "which the manifest does not list",
        ),
        (
            "unknown-item",
            &|v| v["evidence"][0]["mappings"][0]["item_id"] = "P99".into(),
            ErrorCode::Damaged,
            "inconsistent",
        ),
        (
            "unknown-method",
            &|v| v["evidence"][0]["method"] = "divination".into(),
            ErrorCode::Damaged,
            "inconsistent",
        ),
        (
            "tampered-submission",
            &|v| v["submissions"][0]["parts"][0]["sha256"] = "0".repeat(64).into(),
            ErrorCode::Damaged,
            "fingerprints",
        ),
        (
            "assessor",
            &|v| v["portfolio"]["role"] = "assessor".into(),
            ErrorCode::InvalidInput,
            "assessor",
        ),
        (
            "partner-reference",
            &lower_case_reference,
            ErrorCode::Damaged,
            "inconsistent",
        ),
        (
            "health-check-score",
            &score_of_nine,
            ErrorCode::Damaged,
            "inconsistent",
        ),
        (
            "unknown-statement",
            &unknown_statement,
            ErrorCode::Damaged,
            "statement the app does not have (goals.99)",
        ),
        ("partner-twice", &twice, ErrorCode::Damaged, "inconsistent"),
        (
            "action-check",
            &check_not_there,
            ErrorCode::Damaged,
            "inconsistent",
        ),
    ];
    for (name, change, code, says) in cases {
        refused(&with_json(name, change), code, says);
    }
    // The same partner as the format writes it comes in whole.
    let with_the_partner = with_json("partner", &with_partner(&|_| {}));
    let back = dir.path().join("partner.portfolio");
    open_export::import_zip(&with_the_partner, &back).unwrap();
    let shown = run_json(&["partner", "show", p(&back), "PT1", "--json"]).to_string();
    assert!(
        shown.contains("Meet monthly") && shown.contains("HC1"),
        "{shown}"
    );

    // The destination exists: refused, and left as it was.
    let existing = dir.path().join("existing.portfolio");
    std::fs::write(&existing, b"mine").unwrap();
    let err = open_export::import_zip(&zip, &existing).unwrap_err();
    assert_eq!(err.code, ErrorCode::AlreadyExists);
    assert_eq!(std::fs::read(&existing).unwrap(), b"mine");

    // And the untouched export still imports.
    let ok = dir.path().join("ok.portfolio");
    open_export::import_zip(&zip, &ok).unwrap();
}

/// A change to the partner (or to the assessment cycle), and what the
/// refusal must say.
type PartnerCase<'a> = (&'a str, &'a dyn Fn(&mut Value), &'a str);

/// An import holds every text a person types to the app's own cleaning and
/// limits, those the partnership register (and the evidence form) applies
/// when it is typed: over a limit, a control character or an empty required
/// field is refused with where and why, writing nothing; what the app would
/// clean (a decomposed letter, a character that disguises a name, spaces at
/// the ends) comes in cleaned.
#[test]
fn typed_text_in_an_import_is_held_to_the_apps_own_rules() {
    use zip::CompressionMethod::Deflated;
    let dir = common::temp_dir();
    let zip = small_export(dir.path());
    let good = entries(&zip);
    let json: Value = serde_json::from_slice(&good[0].1).unwrap();
    let mut partner = partner_json();
    partner["notes"] = serde_json::json!([{
        "reference": "N1", "kind": "meeting", "noted_on": "2026-11-01", "text": "We met.",
        "participants": "Siân\nAled", "created_at": "2026-11-01T10:00:00Z",
        "updated_at": "2026-11-01T10:00:00Z"
    }]);
    partner["agreements"] = serde_json::json!([{
        "reference": "AG1", "created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z",
        "versions": [{"version": 1, "made_on": "2026-11-01", "aims": "Readers", "arrangements": "Monthly",
                      "measures": "Visits", "monitoring": "Counts", "review_by": "2027-11-01",
                      "what_changed": "", "why": "", "created_at": "2026-11-01T10:00:00Z"}]
    }]);
    // Each case changes the partner, or the whole portfolio.json after it.
    let case = |name: &str, to_partner: &dyn Fn(&mut Value), to_all: &dyn Fn(&mut Value)| {
        let mut v = json.clone();
        let mut p = partner.clone();
        to_partner(&mut p);
        v["partnerships"]["partners"] = Value::Array(vec![p]);
        to_all(&mut v);
        let mut e = good.clone();
        e[0].1 = serde_json::to_vec_pretty(&v).unwrap();
        let out = dir.path().join(format!("{name}.zip"));
        write_zip(&out, &with_true_manifest(e), Deflated);
        out
    };
    let long = |n: usize| Value::from("a".repeat(n));
    let cases: [PartnerCase; 7] = [
        (
            "long-partner-name",
            &|p| p["name"] = long(301),
            "the text of partner PT1 breaks the app's rules (The partner's name is 301 characters long; the most it can hold is 300)",
        ),
        (
            "long-note",
            &|p| p["notes"][0]["text"] = long(50_001),
            "the text of note N1 breaks the app's rules (The note is 50001 characters long",
        ),
        (
            "control-in-services",
            &|p| p["services"] = "Books\u{7}".into(),
            "partner PT1 breaks the app's rules (The partner's services contains control characters",
        ),
        (
            "empty-aims",
            &|p| p["agreements"][0]["versions"][0]["aims"] = " ".into(),
            "agreement AG1 breaks the app's rules (An agreement needs its shared aims)",
        ),
        (
            "respondent-on-two-lines",
            &|p| p["health_checks"][0]["respondents"][0]["name"] = "Siân\nJones".into(),
            "health check HC1 breaks the app's rules (The respondent's name must be on one line",
        ),
        (
            "long-comment",
            &|p| p["health_checks"][0]["respondents"][0]["answers"][0]["comment"] = long(50_001),
            "health check HC1 breaks the app's rules (The comment on goals.1 is 50001 characters long",
        ),
        (
            "no-owner",
            &|p| p["actions"][0]["owner"] = "".into(),
            "action AC1 breaks the app's rules (Say who owns the action)",
        ),
    ];
    for (name, change, says) in cases {
        refused(&case(name, change, &|_| {}), ErrorCode::Damaged, says);
    }
    let long_title = case("long-evidence-title", &|_| {}, &|v| {
        v["evidence"][0]["title"] = long(301)
    });
    refused(
        &long_title,
        ErrorCode::Damaged,
        "evidence E1 breaks the app's rules (The evidence title is 301 characters long",
    );

    // What the app would clean comes in cleaned.
    let disguised = case(
        "disguised",
        &|p| {
            p["name"] = "  Llyfrgell Caerdydd\u{202E}\u{200B}  ".into();
            p["notes"][0]["participants"] = "Siw\u{302}an\n\nSiŵan\r\n Aled ".into();
            p["notes"][0]["text"] = "We met.\r\nTwice.  \n".into();
            p["actions"][0]["owner"] = "Siw\u{302}an".into();
        },
        &|_| {},
    );
    let back = dir.path().join("cleaned.portfolio");
    open_export::import_zip(&disguised, &back).unwrap();
    let shown = run_json(&["partner", "show", p(&back), "PT1", "--json"]);
    let text = shown.to_string();
    assert!(text.contains("\"Llyfrgell Caerdydd\""), "{text}");
    assert!(
        !text.contains('\u{202E}') && !text.contains('\u{200B}'),
        "{text}"
    );
    assert!(text.contains("We met.\\nTwice."), "{text}");
    assert!(!text.contains("Siw\u{302}an"), "{text}");
    assert!(text.contains("Siŵan"), "{text}");
}

#[test]
fn the_assessment_cycle_s_typed_text_is_held_to_its_own_rules_on_import() {
    use zip::CompressionMethod::Deflated;
    let dir = common::temp_dir();
    let zip = small_export(dir.path());
    let good = entries(&zip);
    let json: Value = serde_json::from_slice(&good[0].1).unwrap();
    let at = "2026-11-01T10:00:00.000Z";
    let cycle = serde_json::json!({
        "plan": [{"drafted_by": "learner", "item_id": "P1", "round": 1, "methods": ["observation"],
                  "target_on": "2027-01-31", "note": "At the\r\nsteering group.  ", "updated_at": at}],
        "plan_acceptances": [],
        "reviews": [{"uid": "r-1", "written_by": "learner", "held_on": "2026-11-01",
                     "achieved": "Items rated: P1.", "next_steps": "Observe P1.", "next_target": "2026-12-01",
                     "notes": "", "learner_name": "  Siw\u{302}an  ", "assessor_name": "Màiri", "created_at": at}],
        "review_signatures": [{"review_uid": "r-1", "party": "learner", "name": "Siŵan", "signed_at": at}],
        "replies": [{"id": 1, "item_id": "P1", "version": 1, "text": "I chaired it.", "learner_name": "Siŵan",
                     "written_at": at}]
    });
    let case = |name: &str, change: &dyn Fn(&mut Value)| {
        let mut v = json.clone();
        let mut c = cycle.clone();
        change(&mut c);
        v["assessment_cycle"] = c;
        let mut e = good.clone();
        e[0].1 = serde_json::to_vec_pretty(&v).unwrap();
        let out = dir.path().join(format!("{name}.zip"));
        write_zip(&out, &with_true_manifest(e), Deflated);
        out
    };
    let cases: [PartnerCase; 5] = [
        (
            "empty-reply",
            &|c| c["replies"][0]["text"] = " \n ".into(),
            "the text of the reply on P1 breaks the app's rules (The reply is empty",
        ),
        (
            "control-in-note",
            &|c| c["plan"][0]["note"] = "Bell\u{7}".into(),
            "the assessment plan for P1 breaks the app's rules (The plan's note contains control characters",
        ),
        (
            "target-not-a-date",
            &|c| c["plan"][0]["target_on"] = "soon".into(),
            "the assessment plan for P1 breaks the app's rules (The target date \"soon\" is not a date",
        ),
        (
            "review-without-next",
            &|c| c["reviews"][0]["next_steps"] = "".into(),
            "the progress review of 2026-11-01 breaks the app's rules (Say what is next",
        ),
        (
            "unknown-method",
            &|c| c["plan"][0]["methods"] = serde_json::json!(["telepathy"]),
            "unknown evidence method \"telepathy\"",
        ),
    ];
    for (name, change, says) in cases {
        let zip = case(name, change);
        let library = common::temp_dir();
        let err =
            open_export::import_zip(&zip, &library.path().join("new.portfolio")).expect_err(name);
        assert!(err.message.contains(says), "{name}: {}", err.message);
        assert!(
            std::fs::read_dir(library.path()).unwrap().next().is_none(),
            "{name}: nothing written"
        );
    }

    // What the app would clean comes in cleaned, and the rest as it was.
    let back = dir.path().join("cleaned.portfolio");
    open_export::import_zip(&case("clean", &|_| {}), &back).unwrap();
    let plan = run_json(&["plan", "show", p(&back), "--json"]);
    assert_eq!(plan["entries"][0]["note"], "At the\nsteering group.");
    let reviews = run_json(&["review", "list", p(&back), "--json"]);
    assert_eq!(reviews[0]["learner_name"], "Siŵan");
    assert_eq!(reviews[0]["achieved"], "Items rated: P1.");
    assert_eq!(reviews[0]["signatures"][0]["name"], "Siŵan");
    let q = Portfolio::open(&back).unwrap();
    let thread = q.feedback_threads().unwrap();
    assert_eq!(thread.len(), 1);
    assert_eq!(thread[0].text, "I chaired it.");
    q.close().unwrap();
}
