//! Evidence against real portfolio files: records of every method, witnesses,
//! confidential descriptors, attachments (stored once, exported back intact,
//! previews upright), mappings and coverage, every bad input refused with
//! nothing half written, and removed bytes really gone from the file.

mod common;

use common::{new_portfolio, temp_dir};
use partnership_portfolio::evidence::{
    ConfidentialDescriptor, EvidenceInput, EvidenceMethod, EvidenceQuery, EvidenceSort, Mapping,
    NewEvidence, WitnessChoice, WitnessInput,
};
use partnership_portfolio::{ErrorCode, Portfolio};
use sha2::Digest;
use std::path::{Path, PathBuf};

fn input(title: &str, method: EvidenceMethod) -> EvidenceInput {
    EvidenceInput {
        title: title.into(),
        method,
        activity_date: Some("2026-10-14".into()),
        description: "Cyfarfod partneriaeth gyda’r cyngor lleol.\n\nWe agreed shared aims.".into(),
        witness: None,
        confidential: None,
    }
}

fn maps(items: &[&str]) -> Vec<Mapping> {
    items
        .iter()
        .map(|i| Mapping {
            item_id: i.to_string(),
            note: format!("Shows {i}"),
        })
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn sha(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn open(dir: &Path) -> (PathBuf, Portfolio) {
    let path = new_portfolio(dir, "e.portfolio");
    let p = Portfolio::open(&path).unwrap();
    (path, p)
}

fn count(path: &Path, table: &str) -> i64 {
    common::raw(path)
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn add(
    p: &mut Portfolio,
    title: &str,
    method: EvidenceMethod,
    attach: Vec<PathBuf>,
    items: &[&str],
) -> String {
    p.add_evidence(NewEvidence {
        input: input(title, method),
        attach,
        mappings: maps(items),
    })
    .unwrap()
    .0
    .heading
    .reference
}

#[test]
fn references_are_e1_e2_and_never_reused() {
    let dir = temp_dir();
    let (_, mut p) = open(dir.path());
    let a = add(
        &mut p,
        "Minutes of the partnership meeting",
        EvidenceMethod::Product,
        vec![],
        &["P4"],
    );
    let b = add(
        &mut p,
        "Reflective account of the review",
        EvidenceMethod::ReflectiveAccount,
        vec![],
        &[],
    );
    assert_eq!((a.as_str(), b.as_str()), ("E1", "E2"));
    p.remove_evidence("E2").unwrap();
    p.remove_evidence("e1").unwrap();
    let c = add(
        &mut p,
        "Observation of the steering group",
        EvidenceMethod::Observation,
        vec![],
        &[],
    );
    assert_eq!(c, "E3", "a deleted reference is never given again");
    assert_eq!(p.evidence("E1").unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn a_record_with_files_and_mappings_round_trips_through_the_file() {
    let dir = temp_dir();
    let (path, mut p) = open(dir.path());
    let minutes = "Cofnodion — minutes of the Łódź partnership, “draft”.\n".repeat(200);
    let f1 = write(dir.path(), "cofnodion-cyfarfod.txt", minutes.as_bytes());
    let f2 = write(
        dir.path(),
        "agreement.pdf",
        b"%PDF-1.7\n% a partnership agreement\n%%EOF\n",
    );
    let (e, outcomes) = p
        .add_evidence(NewEvidence {
            input: input("Partnership agreement and minutes", EvidenceMethod::Product),
            attach: vec![f1.clone(), f2.clone()],
            mappings: maps(&["P4", "k3", "P8"]),
        })
        .unwrap();
    assert_eq!(outcomes.len(), 2);
    assert!(outcomes.iter().all(|o| !o.deduplicated));
    p.close().unwrap();

    let p = Portfolio::open(&path).unwrap();
    let got = p.evidence("E1").unwrap();
    assert_eq!(got, e);
    assert_eq!(got.method_label, "Product evidence");
    assert_eq!(got.activity_date.as_deref(), Some("2026-10-14"));
    let items: Vec<&str> = got.mappings.iter().map(|m| m.item_id.as_str()).collect();
    assert_eq!(
        items,
        ["P4", "P8", "K3"],
        "in the standard's order, ids made canonical"
    );
    assert_eq!(got.mappings[2].note, "Shows k3");
    let a = &got.attachments[0];
    assert_eq!(
        (a.file_name.as_str(), a.size),
        ("cofnodion-cyfarfod.txt", minutes.len() as u64)
    );
    assert_eq!(a.media_type, "text/plain");
    assert_eq!(a.sha256, sha(minutes.as_bytes()));
    assert_eq!(got.attachments[1].media_type, "application/pdf");

    // Saved back out, byte for byte; exporting never overwrites.
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let written = p.export_evidence_files("E1", &out).unwrap();
    assert_eq!(std::fs::read(&written[0]).unwrap(), minutes.as_bytes());
    assert_eq!(
        std::fs::read(&written[1]).unwrap(),
        std::fs::read(&f2).unwrap()
    );
    let again = p.export_evidence_files("E1", &out).unwrap();
    assert_eq!(again[0].file_name().unwrap(), "cofnodion-cyfarfod (2).txt");
    let chosen = dir.path().join("chosen name.txt");
    assert_eq!(
        p.save_attachment(a.id, &chosen).unwrap(),
        minutes.len() as u64
    );
    assert_eq!(std::fs::read(&chosen).unwrap(), minutes.as_bytes());
}

#[test]
fn identical_files_are_stored_once_and_their_bytes_go_only_with_the_last_user() {
    let dir = temp_dir();
    let (path, mut p) = open(dir.path());
    let marker: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let f = write(dir.path(), "photo-of-flipchart.bin", &marker);
    let copy = write(dir.path(), "same-bytes-other-name.bin", &marker);
    add(
        &mut p,
        "Flipchart",
        EvidenceMethod::Product,
        vec![f.clone()],
        &[],
    );
    let second = p
        .add_evidence(NewEvidence {
            input: input("Flipchart again", EvidenceMethod::Other),
            attach: vec![copy],
            mappings: vec![],
        })
        .unwrap();
    assert!(second.1[0].deduplicated);
    assert_eq!(count(&path, "content"), 1);

    // The same bytes twice on one record is refused, and changes nothing.
    let err = p.attach("E1", &f).unwrap_err();
    assert_eq!(err.code, ErrorCode::AlreadyExists);
    assert!(err.message.contains("E1"), "{}", err.message);
    assert_eq!(p.evidence("E1").unwrap().attachments.len(), 1);

    p.remove_evidence("E1").unwrap();
    assert_eq!(count(&path, "content"), 1, "E2 still uses the bytes");
    p.remove_evidence("E2").unwrap();
    p.close().unwrap();
    assert_eq!(count(&path, "content"), 0);
    assert_eq!(count(&path, "content_chunk"), 0);
    // Secure delete: not a trace of the bytes is left in the file.
    let file = std::fs::read(&path).unwrap();
    let needle = &marker[50_000..50_064];
    assert!(
        !file.windows(needle.len()).any(|w| w == needle),
        "deleted bytes are still in the file"
    );
    assert!(!dir.path().join("e.portfolio-wal").exists());
}

#[test]
fn removing_one_attachment_keeps_the_record() {
    let dir = temp_dir();
    let (path, mut p) = open(dir.path());
    let a = write(dir.path(), "a.txt", b"first file");
    let b = write(dir.path(), "b.txt", b"second file");
    add(
        &mut p,
        "Two files",
        EvidenceMethod::Product,
        vec![a, b],
        &["P1"],
    );
    let first = p.evidence("E1").unwrap().attachments[0].id;
    p.remove_attachment(first).unwrap();
    let e = p.evidence("E1").unwrap();
    assert_eq!(e.attachments.len(), 1);
    assert_eq!(e.attachments[0].file_name, "b.txt");
    assert_eq!(count(&path, "content"), 1);
    assert_eq!(
        p.remove_attachment(first).unwrap_err().code,
        ErrorCode::NotFound
    );
}

#[test]
fn a_file_is_described_in_the_learner_s_words_and_the_description_can_go_again() {
    let dir = temp_dir();
    let (path, mut p) = open(dir.path());
    let photo = write(
        dir.path(),
        "flipchart.jpg",
        &jpeg_with_orientation(40, 30, 1),
    );
    add(
        &mut p,
        "Aims",
        EvidenceMethod::Product,
        vec![photo],
        &["P4"],
    );
    let before = p.content_parts().unwrap();
    let a = p.attachment_named("E1", "flipchart.jpg").unwrap();
    assert_eq!(a.description, None);
    assert!(
        !before.iter().any(|part| part.content.contains("null}]")),
        "no description, no field: content from before descriptions keeps its fingerprint"
    );

    let a = p
        .describe_attachment(
            a.id,
            "  The flipchart with our three shared aims, in Welsh and English ",
        )
        .unwrap();
    assert_eq!(
        a.description.as_deref(),
        Some("The flipchart with our three shared aims, in Welsh and English")
    );
    p.close().unwrap();
    let mut p = Portfolio::open(&path).unwrap();
    let e = p.evidence("E1").unwrap();
    assert_eq!(
        e.attachments[0].description, a.description,
        "kept in the file"
    );
    let after = p.content_parts().unwrap();
    assert_ne!(
        before, after,
        "the description is the learner's content, in the fingerprint"
    );
    let history = p.history(None).unwrap();
    assert!(
        history.iter().any(|h| h.field == "described"),
        "the change is in the history"
    );

    let err = p.describe_attachment(a.id, &"x".repeat(501)).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("500"), "{}", err.message);
    let err = p.describe_attachment(a.id, "two\nlines").unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert_eq!(
        p.attachment(a.id).unwrap().description,
        a.description,
        "a refused description changes nothing"
    );
    assert_eq!(
        p.attachment_named("E1", "missing.jpg").unwrap_err().code,
        ErrorCode::NotFound
    );

    let cleared = p.describe_attachment(a.id, "   ").unwrap();
    assert_eq!(cleared.description, None);
    assert_eq!(
        p.content_parts().unwrap(),
        before,
        "without a description the content is as it was"
    );
}

#[test]
fn witness_testimony_carries_its_witness_and_the_witness_status_list_names_everyone() {
    let dir = temp_dir();
    let (_, mut p) = open(dir.path());
    let witness = WitnessInput {
        name: "Gwenllian Prys".into(),
        job_role: "Partnership manager".into(),
        organisation: "Cyngor Sir Ceredigion".into(),
        relationship: "Line manager".into(),
        contact: "gwenllian@example.org\n01970 000000".into(),
        competence: "I have managed community partnerships for twelve years.".into(),
    };
    let mut with_witness = input(
        "Testimony on the joint bid",
        EvidenceMethod::WitnessTestimony,
    );
    let err = p
        .add_evidence(NewEvidence {
            input: with_witness.clone(),
            attach: vec![],
            mappings: vec![],
        })
        .unwrap_err();
    assert!(err.message.contains("witness"), "{}", err.message);
    with_witness.witness = Some(WitnessChoice::New(witness.clone()));
    let (e, _) = p
        .add_evidence(NewEvidence {
            input: with_witness.clone(),
            attach: vec![],
            mappings: maps(&["P3"]),
        })
        .unwrap();
    let w = e.witness.clone().unwrap();
    assert_eq!(
        (w.name.as_str(), w.contact.as_str()),
        ("Gwenllian Prys", "gwenllian@example.org\n01970 000000")
    );

    // The same person again is the same witness; choosing them by id works too.
    p.add_evidence(NewEvidence {
        input: with_witness,
        attach: vec![],
        mappings: vec![],
    })
    .unwrap();
    let mut third = input("Testimony on the review", EvidenceMethod::WitnessTestimony);
    third.witness = Some(WitnessChoice::Existing(w.id));
    p.add_evidence(NewEvidence {
        input: third,
        attach: vec![],
        mappings: vec![],
    })
    .unwrap();
    let mut other = input("Testimony from a partner", EvidenceMethod::WitnessTestimony);
    other.witness = Some(WitnessChoice::New(WitnessInput {
        name: "Eilidh MacLeòid".into(),
        ..Default::default()
    }));
    p.add_evidence(NewEvidence {
        input: other,
        attach: vec![],
        mappings: vec![],
    })
    .unwrap();

    let list = p.witnesses().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].witness.name, "Eilidh MacLeòid");
    assert_eq!(list[1].evidence_refs, ["E1", "E2", "E3"]);
    // Witnesses go when nothing refers to them.
    p.remove_evidence("E4").unwrap();
    assert_eq!(p.witnesses().unwrap().len(), 1);
    // A witness only belongs to witness testimony.
    let mut product = input("Not testimony", EvidenceMethod::Product);
    product.witness = Some(WitnessChoice::Existing(w.id));
    let (e, _) = p
        .add_evidence(NewEvidence {
            input: product,
            attach: vec![],
            mappings: vec![],
        })
        .unwrap();
    assert!(e.witness.is_none());
    assert_eq!(
        p.add_evidence(NewEvidence {
            input: EvidenceInput {
                witness: Some(WitnessChoice::Existing(999)),
                ..input("x", EvidenceMethod::WitnessTestimony)
            },
            attach: vec![],
            mappings: vec![]
        })
        .unwrap_err()
        .code,
        ErrorCode::NotFound
    );
}

#[test]
fn confidential_evidence_carries_a_full_descriptor() {
    let dir = temp_dir();
    let (_, mut p) = open(dir.path());
    let mut secret = input("Case notes of a learner referral", EvidenceMethod::Product);
    secret.confidential = Some(ConfidentialDescriptor {
        what: "Referral form with a learner's personal data".into(),
        held_at: "Locked cabinet, Canolfan Aberystwyth office".into(),
        confirmer: "".into(),
    });
    let err = p
        .add_evidence(NewEvidence {
            input: secret.clone(),
            attach: vec![],
            mappings: vec![],
        })
        .unwrap_err();
    assert!(err.message.contains("all three"), "{}", err.message);
    secret.confidential.as_mut().unwrap().confirmer = "Gwenllian Prys, centre manager".into();
    let (e, _) = p
        .add_evidence(NewEvidence {
            input: secret,
            attach: vec![],
            mappings: maps(&["P12"]),
        })
        .unwrap();
    assert_eq!(
        e.confidential.unwrap().confirmer,
        "Gwenllian Prys, centre manager"
    );
    let listed = p.list_evidence(&EvidenceQuery::default()).unwrap();
    assert!(listed[0].confidential);
}

#[test]
fn every_bad_input_is_refused_with_a_message_and_nothing_half_written() {
    let dir = temp_dir();
    let (path, mut p) = open(dir.path());
    let good = write(dir.path(), "good.txt", b"good");
    let empty = write(dir.path(), "empty.txt", b"");
    let huge = dir.path().join("huge.mov");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(partnership_portfolio::evidence::MAX_ATTACHMENT_BYTES + 1)
        .unwrap();
    let gone = dir.path().join("vanished.jpg");
    let folder = dir.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();

    /// What is tried, the files, the mappings, the error expected and words of its message.
    type Case = (
        &'static str,
        Vec<PathBuf>,
        Vec<Mapping>,
        ErrorCode,
        &'static str,
    );
    let cases: Vec<Case> = vec![
        (
            "vanished file",
            vec![good.clone(), gone],
            vec![],
            ErrorCode::NotFound,
            "does not exist",
        ),
        (
            "empty file",
            vec![good.clone(), empty],
            vec![],
            ErrorCode::InvalidInput,
            "empty",
        ),
        (
            "over the limit",
            vec![huge],
            vec![],
            ErrorCode::InvalidInput,
            "over the limit",
        ),
        (
            "a folder",
            vec![folder],
            vec![],
            ErrorCode::InvalidInput,
            "not a file",
        ),
        (
            "unknown item",
            vec![good.clone()],
            maps(&["P1", "P16"]),
            ErrorCode::NotFound,
            "P16",
        ),
        (
            "item twice",
            vec![],
            maps(&["P1", "p1"]),
            ErrorCode::InvalidInput,
            "twice",
        ),
        (
            "same file twice",
            vec![good.clone(), good.clone()],
            vec![],
            ErrorCode::AlreadyExists,
            "already attached",
        ),
    ];
    for (what, attach, mappings, code, words) in cases {
        let err = p
            .add_evidence(NewEvidence {
                input: input(what, EvidenceMethod::Product),
                attach,
                mappings,
            })
            .err()
            .unwrap_or_else(|| panic!("{what} was accepted"));
        assert_eq!(err.code, code, "{what}: {}", err.message);
        assert!(err.message.contains(words), "{what}: {}", err.message);
        assert!(!err.message.contains('\n'));
    }
    for (what, mut bad) in [
        ("no title", input("  ", EvidenceMethod::Product)),
        ("bad date", input("x", EvidenceMethod::Product)),
    ] {
        if what == "bad date" {
            bad.activity_date = Some("14/10/2026".into());
        }
        assert_eq!(
            p.add_evidence(NewEvidence {
                input: bad,
                attach: vec![],
                mappings: vec![]
            })
            .unwrap_err()
            .code,
            ErrorCode::InvalidInput,
            "{what}"
        );
    }
    assert_eq!(
        partnership_portfolio::evidence::EvidenceMethod::parse("telepathy")
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput
    );
    p.close().unwrap();
    for table in [
        "evidence",
        "content",
        "content_chunk",
        "attachment",
        "mapping",
    ] {
        assert_eq!(
            count(&path, table),
            0,
            "{table} has rows from a refused action"
        );
    }
}

#[test]
fn odd_file_names_are_kept_readable_with_a_note() {
    use std::os::unix::ffi::OsStrExt;
    let dir = temp_dir();
    let (_, mut p) = open(dir.path());
    let not_utf8 = dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"cofnod-\xff\xfe.txt"));
    std::fs::write(&not_utf8, b"bytes").unwrap();
    let long_name = format!("{}.docx", "adroddiad-partneriaeth-".repeat(10));
    let long = write(dir.path(), &long_name, b"PK long name");
    let (e, outcomes) = p
        .add_evidence(NewEvidence {
            input: input("Odd names", EvidenceMethod::Product),
            attach: vec![not_utf8, long],
            mappings: vec![],
        })
        .unwrap();
    assert_eq!(e.attachments[0].file_name, "cofnod-\u{fffd}\u{fffd}.txt");
    assert!(outcomes[0].notes[0].contains("not valid text"));
    let short = &e.attachments[1].file_name;
    assert!(
        short.chars().count() <= 200 && short.ends_with("….docx"),
        "{short}"
    );
    assert!(outcomes[1].notes[0].contains("shortened"));
}

/// A small JPEG, `w`×`h`, that says (EXIF) it must be turned by `orientation`.
fn jpeg_with_orientation(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, _| {
        if x < w / 2 {
            image::Rgb([200, 30, 30])
        } else {
            image::Rgb([30, 30, 200])
        }
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode_image(&img)
        .unwrap();
    let mut tiff = b"II*\0\x08\0\0\0\x01\0".to_vec();
    tiff.extend_from_slice(&0x0112u16.to_le_bytes());
    tiff.extend_from_slice(&3u16.to_le_bytes());
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&orientation.to_le_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn images_get_upright_previews_and_other_files_never_render() {
    let dir = temp_dir();
    let (_, mut p) = open(dir.path());
    let portrait = write(
        dir.path(),
        "ffoto.jpg",
        &jpeg_with_orientation(2400, 1200, 6),
    );
    let mut png = Vec::new();
    image::DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(
        300,
        100,
        image::Rgba([0, 128, 0, 128]),
    ))
    .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
    .unwrap();
    let png = write(dir.path(), "diagram.png", &png);
    let svg = write(
        dir.path(),
        "map.svg",
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
    );
    let html = write(
        dir.path(),
        "page.html",
        b"<!doctype html><html><script>alert(1)</script></html>",
    );
    let (e, outcomes) = p
        .add_evidence(NewEvidence {
            input: input("Photos and pages", EvidenceMethod::Product),
            attach: vec![portrait, png, svg, html],
            mappings: vec![],
        })
        .unwrap();
    assert!(outcomes.iter().all(|o| o.notes.is_empty()), "{outcomes:?}");
    let kinds: Vec<(&str, bool)> = e
        .attachments
        .iter()
        .map(|a| (a.media_type.as_str(), a.has_preview))
        .collect();
    assert_eq!(
        kinds,
        [
            ("image/jpeg", true),
            ("image/png", true),
            ("image/svg+xml", false),
            ("text/html", false)
        ]
    );
    use partnership_portfolio::evidence::attachments::PreviewKind;
    let print = p
        .attachment_preview(e.attachments[0].id, PreviewKind::Print)
        .unwrap();
    assert_eq!(
        (print.width, print.height),
        (800, 1600),
        "turned upright, fitted to 1600 px"
    );
    let thumb = p
        .attachment_preview(e.attachments[0].id, PreviewKind::Thumbnail)
        .unwrap();
    assert_eq!((thumb.width, thumb.height), (240, 480));
    let decoded = image::load_from_memory(&thumb.jpeg).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (240, 480));
    // Red was on the left; turned 90° clockwise it is on top.
    let top = decoded.to_rgb8().get_pixel(120, 40).0;
    assert!(
        top[0] > 150 && top[2] < 100,
        "top pixel {top:?} should be red"
    );
    assert!(p
        .attachment_preview(e.attachments[2].id, PreviewKind::Thumbnail)
        .is_err());
    let summary = &p.list_evidence(&EvidenceQuery::default()).unwrap()[0];
    assert_eq!(summary.preview_attachment, Some(e.attachments[0].id));
}

#[test]
fn the_library_searches_filters_and_sorts() {
    let dir = temp_dir();
    let (_, mut p) = open(dir.path());
    let minutes = write(dir.path(), "ŁÓDŹ-minutes.txt", b"minutes");
    let mut a = input("Minutes of the steering group", EvidenceMethod::Product);
    a.activity_date = Some("2026-03-01".into());
    p.add_evidence(NewEvidence {
        input: a,
        attach: vec![minutes],
        mappings: maps(&["P4"]),
    })
    .unwrap();
    let mut b = input("Reflective account", EvidenceMethod::ReflectiveAccount);
    b.activity_date = None;
    b.description = "How I challenged a stereotype in the cyfarfod".into();
    p.add_evidence(NewEvidence {
        input: b,
        attach: vec![],
        mappings: maps(&["P10", "K19"]),
    })
    .unwrap();
    let mut c = input("Observation of the forum", EvidenceMethod::Observation);
    c.activity_date = Some("2026-06-30".into());
    p.add_evidence(NewEvidence {
        input: c,
        attach: vec![],
        mappings: maps(&["P4", "P5"]),
    })
    .unwrap();

    let refs = |q: EvidenceQuery| -> Vec<String> {
        p.list_evidence(&q)
            .unwrap()
            .into_iter()
            .map(|s| s.heading.reference)
            .collect()
    };
    assert_eq!(refs(EvidenceQuery::default()), ["E1", "E2", "E3"]);
    assert_eq!(
        refs(EvidenceQuery {
            search: Some("STEREOTYPE".into()),
            ..Default::default()
        }),
        ["E2"]
    );
    assert_eq!(
        refs(EvidenceQuery {
            search: Some("łódź".into()),
            ..Default::default()
        }),
        ["E1"],
        "file names, any case"
    );
    assert_eq!(
        refs(EvidenceQuery {
            search: Some("of the".into()),
            ..Default::default()
        }),
        ["E1", "E3"]
    );
    assert_eq!(
        refs(EvidenceQuery {
            method: Some(EvidenceMethod::Observation),
            ..Default::default()
        }),
        ["E3"]
    );
    assert_eq!(
        refs(EvidenceQuery {
            item: Some("p4".into()),
            ..Default::default()
        }),
        ["E1", "E3"]
    );
    assert_eq!(
        refs(EvidenceQuery {
            sort: EvidenceSort::DateNewest,
            ..Default::default()
        }),
        ["E3", "E1", "E2"]
    );
    assert_eq!(
        refs(EvidenceQuery {
            sort: EvidenceSort::DateOldest,
            ..Default::default()
        }),
        ["E1", "E3", "E2"]
    );
    assert_eq!(
        p.list_evidence(&EvidenceQuery {
            item: Some("Z9".into()),
            ..Default::default()
        })
        .unwrap_err()
        .code,
        ErrorCode::NotFound
    );
    let first = &p.list_evidence(&EvidenceQuery::default()).unwrap()[1];
    assert_eq!(first.item_ids, ["P10", "K19"]);
}

#[test]
fn coverage_overview_and_item_pages_follow_the_mappings() {
    let dir = temp_dir();
    let (_, mut p) = open(dir.path());
    add(&mut p, "A", EvidenceMethod::Product, vec![], &["P1", "P4"]);
    add(
        &mut p,
        "B",
        EvidenceMethod::Observation,
        vec![],
        &["P4", "K27"],
    );
    p.set_rating("P4", Some(4)).unwrap();

    let c = p.coverage().unwrap();
    assert_eq!(
        (c.total_items, c.covered_items, c.gaps, c.mappings),
        (42, 3, 39, 4)
    );
    assert_eq!(
        c.evidence.iter().map(|e| e.item_count).collect::<Vec<_>>(),
        [2, 2]
    );
    let row = |id: &str| {
        c.rows
            .iter()
            .find(|r| r.item_id == id)
            .unwrap()
            .evidence
            .clone()
    };
    assert_eq!(
        (row("P4"), row("P1"), row("K27"), row("P2")),
        (vec![1, 2], vec![1], vec![2], vec![])
    );

    let o = p.overview().unwrap();
    assert_eq!((o.progress.rated, o.progress.evidenced), (1, 3));
    assert_eq!(o.sections[0].items[3].evidence_count, 2);

    p.map_evidence("E2", "P1", "Observed at the forum").unwrap();
    p.unmap_evidence("E1", "P4").unwrap();
    let d = p.item_detail("P1").unwrap();
    let listed: Vec<(&str, &str)> = d
        .evidence
        .iter()
        .map(|e| (e.reference.as_str(), e.note.as_str()))
        .collect();
    assert_eq!(
        listed,
        [("E1", "Shows P1"), ("E2", "Observed at the forum")]
    );
    assert_eq!(p.item_detail("P4").unwrap().evidence.len(), 1);
    let h = p.history(None).unwrap();
    assert!(h
        .iter()
        .any(|e| e.field == "unmapped" && e.evidence_ref.as_deref() == Some("E1")));
}

#[test]
fn a_schema_1_file_is_migrated_with_everything_kept() {
    let dir = temp_dir();
    let path = dir.path().join("old.portfolio");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/portfolio-schema-v1.portfolio"),
        &path,
    )
    .unwrap();
    let version = |p: &Path| -> i64 {
        common::raw(p)
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap()
    };
    assert_eq!(version(&path), 1);
    let mut p = Portfolio::open(&path).unwrap();
    assert_eq!(p.info().unwrap().title, "Portffolio v1");
    assert_eq!(p.profile().unwrap().full_name, "Siân Llŷr-Ŵyn");
    let p4 = p.self_assessment("P4").unwrap();
    assert_eq!(
        (p4.rating, p4.account.as_str()),
        (Some(3), "Cytunon ni ar nodau — ŵ ŷ; “fàilte”; £5 €5.")
    );
    let history_before = p.history(None).unwrap().len();
    assert!(history_before >= 9);
    add(
        &mut p,
        "New evidence after the update",
        EvidenceMethod::Product,
        vec![],
        &["P4"],
    );
    p.close().unwrap();
    assert_eq!(
        version(&path) as u32,
        partnership_portfolio::storage::SCHEMA_VERSION
    );
    let mode: String = common::raw(&path)
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(
        mode, "delete",
        "the first builds' write-ahead log is left for the rollback journal"
    );
    let p = Portfolio::open(&path).unwrap();
    assert_eq!(p.overview().unwrap().progress.evidenced, 1);
    assert_eq!(p.history(None).unwrap().len(), history_before + 2);
}

#[test]
fn editing_saves_fields_and_mappings_together_or_not_at_all() {
    let dir = temp_dir();
    let (path, mut p) = open(dir.path());
    let r = add(
        &mut p,
        "Minutes",
        EvidenceMethod::Product,
        vec![],
        &["P1", "K2"],
    );
    let before = p.evidence(&r).unwrap();

    // An unknown item in the mappings: neither the new title nor any mapping is saved.
    let mut changed = input("Minutes of the steering group", EvidenceMethod::Observation);
    let err = p
        .edit_evidence(&r, &changed, &maps(&["P2", "X9"]))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound, "{}", err.message);
    let after = p.evidence(&r).unwrap();
    assert_eq!(after, before, "nothing half-saved");

    // Both saved in one write: one time on every history entry it made.
    changed.description = "Agreed the referral protocol.".into();
    let saved = p.edit_evidence(&r, &changed, &maps(&["P2", "K2"])).unwrap();
    assert_eq!(saved.title, "Minutes of the steering group");
    assert_eq!(saved.method, EvidenceMethod::Observation);
    let items: Vec<&str> = saved.mappings.iter().map(|m| m.item_id.as_str()).collect();
    assert_eq!(items, ["P2", "K2"]);
    let history = p.history(None).unwrap();
    let made: Vec<_> = history
        .iter()
        .filter(|h| h.at == saved.updated_at)
        .map(|h| (h.field.as_str(), h.item_id.as_deref()))
        .collect();
    for expected in [
        ("title", None),
        ("method", None),
        ("description", None),
        ("unmapped", Some("P1")),
        ("mapped", Some("P2")),
    ] {
        assert!(made.contains(&expected), "{expected:?} not in {made:?}");
    }
    assert_eq!(p.info().unwrap().updated_at, saved.updated_at);
    p.close().unwrap();
    assert_eq!(count(&path, "mapping"), 2);
}

#[test]
fn the_portfolio_s_updated_at_follows_every_change_and_only_changes() {
    let dir = temp_dir();
    let (path, mut p) = open(dir.path());
    let file = write(dir.path(), "notes.txt", b"Cofnodion");
    let (e, _) = p
        .add_evidence(NewEvidence {
            input: input("Minutes", EvidenceMethod::Product),
            attach: vec![file],
            mappings: maps(&["P1"]),
        })
        .unwrap();
    // Everything one write made carries its one time, as does the portfolio.
    let stamp = p.info().unwrap().updated_at;
    assert_eq!(e.updated_at, stamp);
    assert_eq!(e.attachments[0].added_at, stamp);
    let added: Vec<_> = p
        .history(None)
        .unwrap()
        .into_iter()
        .filter(|h| h.evidence_ref.as_deref() == Some("E1"))
        .collect();
    assert_eq!(added.len(), 3, "added, attached, mapped");
    assert!(added.iter().all(|h| h.at == stamp), "{added:?}");

    // Setting a value again changes nothing, and leaves the time alone.
    let long_ago = "2001-01-01T00:00:00.000Z";
    p.close().unwrap();
    common::raw(&path)
        .execute("UPDATE portfolio SET updated_at = ?1", [long_ago])
        .unwrap();
    let mut p = Portfolio::open(&path).unwrap();
    p.set_rating("P1", None).unwrap();
    p.set_profile(&common::welsh_profile()).unwrap();
    assert_eq!(p.info().unwrap().updated_at, long_ago);
    // A real change moves it to the change's time.
    let a = p.set_rating("P1", Some(2)).unwrap();
    assert_eq!(Some(p.info().unwrap().updated_at), a.updated_at);
    assert_ne!(p.info().unwrap().updated_at, long_ago);
}
