//! Stored enumerations (evidence method, role, judgement outcome, audit
//! event, history actor) read back strictly: a value this app does not know,
//! written into a real file with plain SQL past its CHECK constraint, makes
//! every public reader of it fail as a damaged file naming the file and the
//! value, never read as "other", "learner" or "not yet met".

mod common;

use partnership_portfolio::evidence::{
    EvidenceInput, EvidenceMethod, EvidenceQuery, Mapping, NewEvidence,
};
use partnership_portfolio::exchange::{self, JudgementOutcome};
use partnership_portfolio::library::Library;
use partnership_portfolio::{Error, ErrorCode, Portfolio};
use std::path::{Path, PathBuf};

/// A learner's portfolio with one mapped piece of evidence, and the
/// assessor's copy of its first submission with one judgement.
fn files(dir: &Path) -> (PathBuf, PathBuf) {
    let learner = common::new_portfolio(dir, "learner.portfolio");
    let mut p = Portfolio::open(&learner).unwrap();
    p.add_evidence(NewEvidence {
        input: EvidenceInput {
            title: "Minutes of the partnership meeting".into(),
            method: EvidenceMethod::Product,
            activity_date: None,
            description: String::new(),
            witness: None,
            confidential: None,
        },
        attach: vec![],
        mappings: vec![Mapping {
            item_id: "P1".into(),
            note: String::new(),
        }],
    })
    .unwrap();
    p.submit("Siân", "2026-11-01").unwrap();
    let sent = dir.join("sent.portfolio");
    p.save_copy(&sent).unwrap();
    p.close().unwrap();
    let copy = dir.join("assessor.portfolio");
    let mut a = exchange::open_submission(&sent, &copy, "Màiri").unwrap();
    a.judge("P1", JudgementOutcome::Met, "", None).unwrap();
    a.close().unwrap();
    (learner, copy)
}

/// Runs `sql` on the file with plain SQLite, CHECK constraints off.
fn doctor(path: &Path, sql: &str) {
    let conn = common::raw(path);
    conn.execute_batch(&format!("PRAGMA ignore_check_constraints = 1; {sql}"))
        .unwrap();
}

/// The error is a damaged file, naming `path`, what was unknown and its value.
fn assert_damaged(what_read: &str, err: Error, path: &Path, what: &str, value: &str) {
    assert_eq!(err.code, ErrorCode::Damaged, "{what_read}: {}", err.message);
    for needle in [path.display().to_string().as_str(), what, value] {
        assert!(
            err.message.contains(needle),
            "{what_read}: \"{needle}\" missing from: {}",
            err.message
        );
    }
}

#[test]
fn an_unknown_evidence_method_is_a_damaged_file_for_every_reader() {
    let dir = common::temp_dir();
    let (learner, _) = files(dir.path());
    doctor(&learner, "UPDATE evidence SET method = 'telepathy';");
    let mut p = Portfolio::open(&learner).unwrap();
    let expect = |what: &str, err: Error| {
        assert_damaged(what, err, &learner, "evidence method", "telepathy")
    };
    expect("evidence", p.evidence("E1").unwrap_err());
    expect(
        "list",
        p.list_evidence(&EvidenceQuery::default()).unwrap_err(),
    );
    expect("item's evidence", p.evidence_for_item("P1").unwrap_err());
    expect("item detail", p.item_detail("P1").unwrap_err());
    expect("coverage", p.coverage().unwrap_err());
    expect("content", p.content_parts().unwrap_err());
    let pdf = dir.path().join("out.pdf");
    let at = jiff::Timestamp::UNIX_EPOCH;
    expect(
        "pdf",
        partnership_portfolio::export::write_pdf(&p, &pdf, at, &mut |_| {}).unwrap_err(),
    );
    assert!(!pdf.exists());
    // Changing the record needs it read first: refused the same way.
    expect("map", p.map_evidence("E1", "K2", "").unwrap_err());
}

#[test]
fn an_unknown_role_is_a_damaged_file_not_a_learner_s() {
    let dir = common::temp_dir();
    let (learner, _) = files(dir.path());
    doctor(&learner, "UPDATE portfolio SET role = 'auditor';");
    let mut p = Portfolio::open(&learner).unwrap();
    let expect = |what: &str, err: Error| assert_damaged(what, err, &learner, "role", "auditor");
    expect("role", p.role().unwrap_err());
    expect("frame", p.frame().unwrap_err());
    expect("assessment", p.assessment_view().unwrap_err());
    // Nor can anything be written into it.
    expect("rating", p.set_rating("P1", Some(2)).unwrap_err());
    p.close().unwrap();
    let err = partnership_portfolio::storage::summary(&learner).unwrap_err();
    assert_damaged("summary", err, &learner, "role", "auditor");

    // The library lists it with its problem, so it can be seen and removed.
    let root = common::temp_dir();
    let library = Library::open(root.path()).unwrap();
    let id = library
        .create(
            partnership_portfolio::catalogue::cldal16(),
            common::welsh_profile(),
            None,
        )
        .unwrap()
        .id;
    doctor(
        &root
            .path()
            .join("portfolios")
            .join(format!("{id}.portfolio")),
        "UPDATE portfolio SET role = 'auditor';",
    );
    let entry = library.entry(&id).unwrap();
    assert_eq!(entry.problem.unwrap().code, ErrorCode::Damaged);
}

#[test]
fn an_unknown_judgement_outcome_is_a_damaged_file_not_not_yet_met() {
    let dir = common::temp_dir();
    let (_, copy) = files(dir.path());
    doctor(&copy, "UPDATE judgement SET outcome = 'excellent';");
    let p = Portfolio::open(&copy).unwrap();
    let expect =
        |what: &str, err: Error| assert_damaged(what, err, &copy, "judgement outcome", "excellent");
    expect("judgements", p.judgements(None).unwrap_err());
    expect("of a version", p.judgements(Some(1)).unwrap_err());
    expect("assessment", p.assessment_view().unwrap_err());
}

#[test]
fn unknown_audit_and_history_entries_are_a_damaged_file() {
    let dir = common::temp_dir();
    let (learner, copy) = files(dir.path());
    doctor(
        &copy,
        "INSERT INTO audit (uid, at, role, name, event, version, detail)
         VALUES ('x', '2026-11-02T00:00:00.000Z', 'assessor', 'Màiri', 'shredded', 1, '');",
    );
    let p = Portfolio::open(&copy).unwrap();
    assert_damaged(
        "audit event",
        p.audit_trail().unwrap_err(),
        &copy,
        "audit event",
        "shredded",
    );
    p.close().unwrap();
    doctor(
        &learner,
        "INSERT INTO audit (uid, at, role, name, event, version, detail)
         VALUES ('y', '2026-11-02T00:00:00.000Z', 'eqa', 'Ewa', 'submitted', 1, '');
         INSERT INTO history (at, actor, subject, field) VALUES ('2026-11-02T00:00:00.000Z', 'stranger', 'profile', 'centre');",
    );
    let p = Portfolio::open(&learner).unwrap();
    assert_damaged(
        "audit role",
        p.audit_trail().unwrap_err(),
        &learner,
        "role",
        "eqa",
    );
    assert_damaged(
        "history actor",
        p.history(None).unwrap_err(),
        &learner,
        "role",
        "stranger",
    );
}
