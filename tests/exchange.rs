//! The learner–assessor round trip against real files: submit, open the
//! submission, judge, feedback, sign off, return, receive, resubmit; what the
//! assessor may not change; and `verify` catching a one-byte change.

mod common;

use partnership_portfolio::evidence::{EvidenceInput, EvidenceMethod, Mapping, NewEvidence};
use partnership_portfolio::exchange::{self, JudgementOutcome, Role};
use partnership_portfolio::{ErrorCode, Portfolio};
use std::path::{Path, PathBuf};

struct Scene {
    _dir: tempfile::TempDir,
    learner: PathBuf,
    assessor: PathBuf,
    mail: PathBuf,
}

fn scene() -> Scene {
    let dir = common::temp_dir();
    for d in ["learner", "assessor", "mail"] {
        std::fs::create_dir(dir.path().join(d)).unwrap();
    }
    let learner = common::new_portfolio(&dir.path().join("learner"), "siân.portfolio");
    let photo: Vec<u8> = (0..300_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 9) as u8)
        .collect();
    let file = dir.path().join("flipchart.bin");
    std::fs::write(&file, &photo).unwrap();
    let mut p = Portfolio::open(&learner).unwrap();
    p.set_rating("P4", Some(3)).unwrap();
    p.set_account("P4", "Cytunon ni ar nodau a rennir — “fàilte”.")
        .unwrap();
    p.add_evidence(NewEvidence {
        input: EvidenceInput {
            title: "Flipchart of the agreed aims".into(),
            method: EvidenceMethod::Product,
            activity_date: Some("2026-10-01".into()),
            description: "Shared aims agreed with the council.".into(),
            witness: None,
            confidential: None,
        },
        attach: vec![file],
        mappings: vec![Mapping {
            item_id: "P4".into(),
            note: "The aims we agreed".into(),
        }],
    })
    .unwrap();
    p.close().unwrap();
    Scene {
        learner,
        assessor: dir.path().join("assessor/siân.portfolio"),
        mail: dir.path().join("mail"),
        _dir: dir,
    }
}

fn all_items() -> Vec<String> {
    partnership_portfolio::catalogue::cldal16()
        .items()
        .map(|(_, i)| i.id.clone())
        .collect()
}

fn submit(learner: &Path, out: &Path) -> exchange::Submission {
    let mut p = Portfolio::open(learner).unwrap();
    let s = p.submit("Siân Llŷr-Ŵyn", "2026-11-01").unwrap();
    p.save_copy(out).unwrap();
    p.close().unwrap();
    s
}

#[test]
fn the_whole_round_trip_keeps_each_side_s_work() {
    let s = scene();
    let described = "The flipchart from our first meeting: the three aims we share with the council, in Welsh and English. ".repeat(3);
    {
        let mut p = Portfolio::open(&s.learner).unwrap();
        let id = p.evidence("E1").unwrap().attachments[0].id;
        p.describe_attachment(id, &described).unwrap();
        p.close().unwrap();
    }
    let v1 = submit(&s.learner, &s.mail.join("v1.portfolio"));
    assert_eq!(v1.version, 1);
    assert_eq!(v1.declaration, exchange::LEARNER_DECLARATION);

    // Assessor: open, judge everything, P4 not yet met, sign off, return.
    let mut a = exchange::open_submission(
        &s.mail.join("v1.portfolio"),
        &s.assessor,
        "Màiri NicDhòmhnaill",
    )
    .unwrap();
    assert_eq!(a.role().unwrap(), Role::Assessor);
    assert_eq!(
        a.evidence("E1").unwrap().attachments[0]
            .description
            .as_deref(),
        Some(described.trim_end()),
        "the learner's description of a file came across whole"
    );
    assert_eq!(
        a.self_assessment("P4").unwrap().rating,
        Some(3),
        "the learner's content came across"
    );
    let err = a.sign_off("Màiri NicDhòmhnaill", "2026-11-05").unwrap_err();
    assert!(err.message.contains("P1"), "{}", err.message);
    for item in all_items() {
        a.judge(&item, JudgementOutcome::Met, "", None).unwrap();
    }
    let j = a
        .judge(
            "p4",
            JudgementOutcome::NotYetMet,
            "Show how the measures were agreed.",
            None,
        )
        .unwrap();
    assert_eq!(
        (j.version, j.fingerprint.as_str()),
        (1, v1.fingerprint.as_str())
    );
    assert_eq!(j.assessor_name, "Màiri NicDhòmhnaill");
    a.set_overall_feedback("A strong start; see P4.", None)
        .unwrap();
    let signed = a.sign_off("Màiri NicDhòmhnaill", "2026-11-05").unwrap();
    assert_eq!(signed.fingerprint, v1.fingerprint);
    a.return_to_learner(&s.mail.join("returned-v1.portfolio"), None)
        .unwrap();
    a.close().unwrap();

    // Learner: keeps working, then receives: their work stays, judgements arrive.
    let mut p = Portfolio::open(&s.learner).unwrap();
    p.set_account("P4", "Cytunon ni ar nodau a mesurau perfformiad.")
        .unwrap();
    p.set_rating("K1", Some(2)).unwrap();
    let got = p.receive(&s.mail.join("returned-v1.portfolio")).unwrap();
    assert_eq!(
        (got.version, got.met, got.not_yet_met, got.signed_off),
        (Some(1), 41, 1, true)
    );
    assert_eq!(got.changed_since_assessed, ["P4", "K1"]);
    assert_eq!(
        p.self_assessment("P4").unwrap().account,
        "Cytunon ni ar nodau a mesurau perfformiad."
    );
    let p4 = p
        .judgements(None)
        .unwrap()
        .into_iter()
        .find(|j| j.item_id == "P4")
        .unwrap();
    assert_eq!(
        (p4.outcome, p4.feedback.as_str()),
        (
            JudgementOutcome::NotYetMet,
            "Show how the measures were agreed."
        )
    );
    assert_eq!(
        p.overall_feedback().unwrap()[0].feedback,
        "A strong start; see P4."
    );
    // The submitted content is still readable as it was.
    let parts = p.submission_parts(1).unwrap();
    let p4_then = parts.iter().find(|x| x.key == "item:P4").unwrap();
    assert!(p4_then.content.contains("Cytunon ni ar nodau a rennir"));
    assert!(p.verify().unwrap().ok());

    // Resubmit: the assessor sees what changed and keeps their earlier judgements.
    let v2 = submit(&s.learner, &s.mail.join("v2.portfolio"));
    p.close().unwrap();
    assert_eq!(v2.version, 2);
    let mut a = exchange::open_submission(
        &s.mail.join("v2.portfolio"),
        &s.assessor,
        "Màiri NicDhòmhnaill",
    )
    .unwrap();
    let changes = a.changes_since_last_judged().unwrap().unwrap();
    assert_eq!((changes.from_version, changes.to_version), (1, 2));
    assert_eq!(changes.items_changed, ["P4", "K1"]);
    assert!(changes.evidence_added.is_empty() && !changes.profile_changed);
    assert_eq!(
        a.judgements(None).unwrap().len(),
        42,
        "version 1's judgements were carried over"
    );
    a.judge("P4", JudgementOutcome::Met, "Now clearly shown.", None)
        .unwrap();
    let latest = a.judgements(None).unwrap();
    let p4 = latest.iter().find(|j| j.item_id == "P4").unwrap();
    assert_eq!((p4.version, p4.outcome), (2, JudgementOutcome::Met));
    assert_eq!(
        latest.iter().find(|j| j.item_id == "P1").unwrap().version,
        1
    );
    a.return_to_learner(&s.mail.join("returned-v2.portfolio"), None)
        .unwrap();
    let events: Vec<String> = a
        .audit_trail()
        .unwrap()
        .into_iter()
        .map(|e| e.event.key().to_string())
        .collect();
    a.close().unwrap();
    assert_eq!(events.iter().filter(|e| *e == "imported").count(), 2);

    let mut p = Portfolio::open(&s.learner).unwrap();
    let got = p.receive(&s.mail.join("returned-v2.portfolio")).unwrap();
    assert_eq!((got.version, got.met, got.not_yet_met), (Some(2), 42, 0));
    assert_eq!(
        got.changed_since_assessed,
        ["K1"],
        "K1 changed after version 1 and was not judged again"
    );
    let trail: Vec<(Role, String)> = p
        .audit_trail()
        .unwrap()
        .into_iter()
        .map(|e| (e.role, e.event.key().to_string()))
        .collect();
    for event in [
        "submitted",
        "imported",
        "judged",
        "feedback",
        "signed_off",
        "returned",
        "received",
    ] {
        assert!(
            trail.iter().any(|(_, e)| e == event),
            "{event} missing from the learner's audit trail"
        );
    }
    // Receiving the same file twice adds nothing twice.
    let before = p.audit_trail().unwrap().len();
    p.receive(&s.mail.join("returned-v2.portfolio")).unwrap();
    assert_eq!(
        p.audit_trail().unwrap().len(),
        before + 1,
        "only the new 'received' entry"
    );
}

#[test]
fn in_an_assessor_s_copy_the_learner_s_content_cannot_be_changed() {
    let s = scene();
    submit(&s.learner, &s.mail.join("v1.portfolio"));
    let mut a = exchange::open_submission(&s.mail.join("v1.portfolio"), &s.assessor, "").unwrap();
    let file = s.mail.join("v1.portfolio");
    let attempts: Vec<(&str, partnership_portfolio::Error)> = vec![
        ("rating", a.set_rating("P1", Some(4)).unwrap_err()),
        ("account", a.set_account("P1", "forged").unwrap_err()),
        (
            "profile",
            a.set_profile(&common::welsh_profile()).unwrap_err(),
        ),
        ("evidence", a.remove_evidence("E1").unwrap_err()),
        ("mapping", a.map_evidence("E1", "K9", "").unwrap_err()),
        ("attach", a.attach("E1", &file).unwrap_err()),
        (
            "describe",
            a.describe_attachment(a.evidence("E1").unwrap().attachments[0].id, "forged")
                .unwrap_err(),
        ),
        ("submit", a.submit("x", "2026-11-01").unwrap_err()),
    ];
    for (what, err) in attempts {
        assert_eq!(err.code, ErrorCode::ReadOnly, "{what}: {}", err.message);
    }
    assert_eq!(a.self_assessment("P4").unwrap().rating, Some(3));
    // And a learner cannot judge their own work.
    let mut p = Portfolio::open(&s.learner).unwrap();
    assert_eq!(
        p.judge("P1", JudgementOutcome::Met, "", None)
            .unwrap_err()
            .code,
        ErrorCode::ReadOnly
    );
    assert_eq!(
        p.sign_off("Siân", "2026-11-01").unwrap_err().code,
        ErrorCode::ReadOnly
    );
}

#[test]
fn submitted_files_are_kept_after_the_learner_removes_the_evidence() {
    let s = scene();
    submit(&s.learner, &s.mail.join("v1.portfolio"));
    let mut p = Portfolio::open(&s.learner).unwrap();
    p.remove_evidence("E1").unwrap();
    let report = p.verify().unwrap();
    assert!(report.ok(), "{:?}", report.problems);
    assert_eq!(
        report.files, 1,
        "the submitted file's bytes are still in the portfolio"
    );
    p.close().unwrap();
}

/// Changes one byte of a stored value, through SQLite, as someone with a
/// database editor would.
fn change_one_byte(path: &Path, table: &str, column: &str, filter: &str, at: usize) {
    let conn = common::raw(path);
    let sql = format!("SELECT {column} FROM {table} WHERE {filter}");
    let mut value: Vec<u8> = conn
        .query_row(&sql, [], |r| Ok(r.get_ref(0)?.as_bytes().unwrap().to_vec()))
        .unwrap();
    value[at] ^= 0x01;
    let update = format!("UPDATE {table} SET {column} = ?1 WHERE {filter}");
    let changed = if table == "content_chunk" {
        conn.execute(&update, [value]).unwrap()
    } else {
        conn.execute(&update, [String::from_utf8(value).unwrap()])
            .unwrap()
    };
    assert_eq!(changed, 1);
}

#[test]
fn verify_names_a_one_byte_change_in_an_attachment_or_in_submitted_content() {
    let s = scene();
    submit(&s.learner, &s.mail.join("v1.portfolio"));
    let copy = s.mail.join("v1.portfolio");
    assert!(Portfolio::open(&copy).unwrap().verify().unwrap().ok());

    let attachment = s.mail.join("attachment-changed.portfolio");
    std::fs::copy(&copy, &attachment).unwrap();
    change_one_byte(&attachment, "content_chunk", "data", "seq = 0", 150_000);
    let report = Portfolio::open(&attachment).unwrap().verify().unwrap();
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(
        report.problems[0].contains("flipchart.bin (E1)"),
        "{}",
        report.problems[0]
    );

    let account = s.mail.join("account-changed.portfolio");
    std::fs::copy(&copy, &account).unwrap();
    change_one_byte(
        &account,
        "submission_part",
        "content",
        "part = 'item:P4'",
        40,
    );
    let report = Portfolio::open(&account).unwrap().verify().unwrap();
    assert!(
        report.problems.iter().any(|p| p.contains("item P4")),
        "{:?}",
        report.problems
    );

    let signed = s.mail.join("declaration-changed.portfolio");
    std::fs::copy(&copy, &signed).unwrap();
    change_one_byte(&signed, "submission", "fingerprint", "version = 1", 5);
    let report = Portfolio::open(&signed).unwrap().verify().unwrap();
    assert!(
        report.problems.iter().any(|p| p.contains("fingerprint")),
        "{:?}",
        report.problems
    );

    // An assessor refuses to open an altered submission, naming what changed.
    let err = exchange::open_submission(&attachment, &s.assessor, "")
        .err()
        .unwrap();
    assert_eq!(err.code, ErrorCode::Damaged);
    assert!(err.message.contains("flipchart.bin"), "{}", err.message);
    assert!(!s.assessor.exists());
}

#[test]
fn a_file_sent_holds_no_bytes_of_evidence_removed_before_sending() {
    let s = scene();
    let secret: Vec<u8> = (0..400_000u32)
        .map(|i| ((i.wrapping_mul(2_654_435_761) >> 13) as u8) ^ 0x5a)
        .collect();
    let file = s.mail.join("referral-form.bin");
    std::fs::write(&file, &secret).unwrap();
    let mut p = Portfolio::open(&s.learner).unwrap();
    p.attach("E1", &file).unwrap();
    let id = p
        .evidence("E1")
        .unwrap()
        .attachments
        .iter()
        .find(|a| a.file_name == "referral-form.bin")
        .unwrap()
        .id;
    p.remove_attachment(id).unwrap();
    p.close().unwrap();
    submit(&s.learner, &s.mail.join("v1.portfolio"));
    let needle = &secret[200_000..200_048];
    for path in [&s.learner, &s.mail.join("v1.portfolio")] {
        let bytes = std::fs::read(path).unwrap();
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle),
            "removed bytes found in {}",
            path.display()
        );
    }
}

#[test]
fn a_receipt_must_match_the_portfolio_it_returns_to() {
    let s = scene();
    submit(&s.learner, &s.mail.join("v1.portfolio"));
    let mut a = exchange::open_submission(&s.mail.join("v1.portfolio"), &s.assessor, "").unwrap();
    a.return_to_learner(&s.mail.join("back.portfolio"), None)
        .unwrap();
    a.close().unwrap();
    let other = common::new_portfolio(&s.mail, "someone-else.portfolio");
    let before = std::fs::read(&other).unwrap();
    let err = Portfolio::open(&other)
        .unwrap()
        .receive(&s.mail.join("back.portfolio"))
        .unwrap_err();
    assert!(err.message.contains("another portfolio"), "{}", err.message);
    assert_eq!(std::fs::read(&other).unwrap(), before);
    // A learner's file is not an assessment.
    let err = Portfolio::open(&s.learner)
        .unwrap()
        .receive(&s.mail.join("v1.portfolio"))
        .unwrap_err();
    assert!(err.message.contains("not an assessment"), "{}", err.message);
}
