//! An assessor's caseload against real files: a folder with a learner's own
//! file, assessor's copies not yet judged, judged but not signed off, signed
//! off, sent to the IQA and resubmitted with changes, a damaged file, a
//! database of another program and a file that is no portfolio. Each row's
//! waiting state, sorting, filtering, the command line's table and `--json`,
//! and that no byte of any file in the folder changed.

mod common;

use partnership_portfolio::caseload::{self, SortBy, Waiting};
use partnership_portfolio::evidence::EvidenceMethod;
use partnership_portfolio::exchange::{self, JudgementOutcome, Role};
use partnership_portfolio::profile::LearnerProfile;
use partnership_portfolio::Portfolio;
use std::path::{Path, PathBuf};

const ASSESSOR: &str = "Màiri NicDhòmhnaill";

/// A learner's portfolio named `learner` in `work`, with one piece of
/// evidence, submitted as `<stem>-sent.portfolio`: (portfolio, sent file).
fn submitted(work: &Path, stem: &str, learner: &str) -> (PathBuf, PathBuf) {
    let path = common::new_portfolio(work, &format!("{stem}-own.portfolio"));
    let sent = work.join(format!("{stem}-sent.portfolio"));
    let mut p = Portfolio::open(&path).unwrap();
    p.set_profile(&LearnerProfile {
        full_name: learner.into(),
        centre: format!("{learner}'s centre"),
        ..LearnerProfile::named(learner)
    })
    .unwrap();
    common::add_plain_evidence(&mut p, "Minutes of the steering group");
    p.submit(learner, "2026-11-01").unwrap();
    p.save_exchange_file(&sent, None).unwrap();
    p.close().unwrap();
    (path, sent)
}

/// The assessor's copy of `stem`'s submission, in `case`.
fn copy(case: &Path, sent: &Path, stem: &str) -> (PathBuf, Portfolio) {
    let dest = case.join(format!("{stem}.portfolio"));
    let a = exchange::open_submission(sent, &dest, ASSESSOR).unwrap();
    (dest, a)
}

fn judge_all(a: &mut Portfolio) {
    let ids: Vec<String> = a.standard().items().map(|(_, i)| i.id.clone()).collect();
    for id in &ids {
        a.judge(id, JudgementOutcome::Met, "", None).unwrap();
    }
}

/// The folder: work files elsewhere, the caseload's files in `case`.
fn caseload_folder(work: &Path, case: &Path) {
    // A learner's own file, not submitted, with two plan targets overdue.
    let own = common::new_portfolio(case, "own.portfolio");
    let mut p = Portfolio::open(&own).unwrap();
    p.set_profile(&LearnerProfile::named("Aled Jones")).unwrap();
    let items = vec!["P1".to_string(), "P2".to_string()];
    p.set_plan(&items, &[EvidenceMethod::Observation], "2026-01-15", "")
        .unwrap();
    p.close().unwrap();

    let (_, sent) = submitted(work, "new", "Bethan Hughes");
    copy(case, &sent, "new").1.close().unwrap();

    let (_, sent) = submitted(work, "judged", "Catrin Owen");
    let (_, mut a) = copy(case, &sent, "judged");
    a.judge("P1", JudgementOutcome::NotYetMet, "Show the minutes.", None)
        .unwrap();
    a.close().unwrap();

    let (_, sent) = submitted(work, "signed", "Dafydd Price");
    let (_, mut a) = copy(case, &sent, "signed");
    judge_all(&mut a);
    a.sign_off(ASSESSOR, "2026-11-20").unwrap();
    a.close().unwrap();

    let (_, sent) = submitted(work, "iqa", "Eleri Morgan");
    let (_, mut a) = copy(case, &sent, "iqa");
    judge_all(&mut a);
    a.sign_off(ASSESSOR, "2026-11-20").unwrap();
    a.send_to_iqa(&work.join("to-iqa.portfolio"), None).unwrap();
    a.close().unwrap();

    let (own, sent) = submitted(work, "again", "Ffion Evans");
    let (dest, mut a) = copy(case, &sent, "again");
    a.judge("P1", JudgementOutcome::NotYetMet, "Show the minutes.", None)
        .unwrap();
    a.close().unwrap();
    let mut p = Portfolio::open(&own).unwrap();
    common::add_plain_evidence(&mut p, "Signed minutes");
    p.submit("Ffion Evans", "2026-11-10").unwrap();
    let sent2 = work.join("again-sent-2.portfolio");
    p.save_exchange_file(&sent2, None).unwrap();
    p.close().unwrap();
    exchange::open_submission(&sent2, &dest, ASSESSOR)
        .unwrap()
        .close()
        .unwrap();

    std::fs::write(
        case.join("damaged.portfolio"),
        b"SQLite format 3\0 and then nothing",
    )
    .unwrap();
    let foreign = rusqlite::Connection::open(case.join("foreign.portfolio")).unwrap();
    foreign.execute("CREATE TABLE t (x)", []).unwrap();
    drop(foreign);
    std::fs::write(case.join("notes.txt"), "not a portfolio").unwrap();
    // A portfolio another program left in write-ahead-log mode: SQLite would
    // make side files beside it even to read it.
    let wal = common::new_portfolio(work, "wal.portfolio");
    let raw = common::raw(&wal);
    raw.pragma_update(None, "journal_mode", "wal").unwrap();
    drop(raw);
    std::fs::copy(&wal, case.join("wal.portfolio")).unwrap();
}

fn waiting_of(rows: &[caseload::CaseloadRow], file: &str) -> Option<Waiting> {
    rows.iter().find(|r| r.file == file).expect(file).waiting
}

#[test]
fn each_file_shows_what_is_waiting_and_nothing_changes() {
    let work = common::temp_dir();
    let case = common::temp_dir();
    caseload_folder(work.path(), case.path());
    let before = common::snapshot(case.path());

    let rows = caseload::caseload(case.path(), SortBy::Learner, None).unwrap();
    let files: Vec<&str> = rows.iter().map(|r| r.file.as_str()).collect();
    assert_eq!(rows.len(), 9, "{files:?}");
    assert!(!files.contains(&"notes.txt"));
    assert_eq!(waiting_of(&rows, "own.portfolio"), Some(Waiting::Draft));
    assert_eq!(
        waiting_of(&rows, "new.portfolio"),
        Some(Waiting::NotYetJudged)
    );
    assert_eq!(waiting_of(&rows, "judged.portfolio"), Some(Waiting::Judged));
    assert_eq!(
        waiting_of(&rows, "signed.portfolio"),
        Some(Waiting::SignedOff)
    );
    assert_eq!(waiting_of(&rows, "iqa.portfolio"), Some(Waiting::WithIqa));
    assert_eq!(
        waiting_of(&rows, "again.portfolio"),
        Some(Waiting::ResubmittedWithChanges)
    );
    for bad in ["damaged.portfolio", "foreign.portfolio", "wal.portfolio"] {
        let row = rows.iter().find(|r| r.file == bad).unwrap();
        assert!(row.problem.is_some(), "{bad}");
        assert_eq!(row.waiting, None);
    }

    let own = rows.iter().find(|r| r.file == "own.portfolio").unwrap();
    assert_eq!(own.role, Some(Role::Learner));
    assert_eq!(own.overdue, vec!["P1", "P2"]);
    assert_eq!(own.version, None);
    let again = rows.iter().find(|r| r.file == "again.portfolio").unwrap();
    assert_eq!(again.role, Some(Role::Assessor));
    assert_eq!(again.version, Some(2));
    assert_eq!(again.learner, "Ffion Evans");
    assert_eq!(again.centre, "Ffion Evans's centre");
    assert!(again.last_action_at.is_some());

    // By learner: problems (no name) first, then A to Z.
    let learners: Vec<&str> = rows
        .iter()
        .filter(|r| r.problem.is_none())
        .map(|r| r.learner.as_str())
        .collect();
    assert_eq!(
        learners,
        [
            "Aled Jones",
            "Bethan Hughes",
            "Catrin Owen",
            "Dafydd Price",
            "Eleri Morgan",
            "Ffion Evans"
        ]
    );
    let by_waiting = caseload::caseload(case.path(), SortBy::Waiting, None).unwrap();
    assert_eq!(by_waiting[0].waiting, Some(Waiting::NotYetJudged));
    assert_eq!(by_waiting[1].waiting, Some(Waiting::ResubmittedWithChanges));
    assert!(by_waiting[6..].iter().all(|r| r.problem.is_some()));
    let by_overdue = caseload::caseload(case.path(), SortBy::Overdue, None).unwrap();
    assert_eq!(by_overdue[0].file, "own.portfolio");
    let by_last = caseload::caseload(case.path(), SortBy::LastAction, None).unwrap();
    assert_eq!(
        by_last[0].file, "again.portfolio",
        "the resubmission came in last"
    );
    assert_eq!(
        by_last[1].file, "iqa.portfolio",
        "then the sending to the IQA"
    );
    assert!(by_last[8].last_action_at.is_none(), "unreadable files last");

    let signed =
        caseload::caseload(case.path(), SortBy::Learner, Some(Waiting::SignedOff)).unwrap();
    let signed: Vec<&str> = signed.iter().map(|r| r.file.as_str()).collect();
    assert_eq!(
        signed,
        [
            "damaged.portfolio",
            "foreign.portfolio",
            "wal.portfolio",
            "signed.portfolio"
        ],
        "unreadable files are always listed"
    );

    assert_eq!(common::snapshot(case.path()), before);
    let wal = rows.iter().find(|r| r.file == "wal.portfolio").unwrap();
    assert!(
        wal.problem
            .as_ref()
            .unwrap()
            .message
            .contains("write-ahead-log"),
        "{wal:?}"
    );
}

#[test]
fn the_command_line_prints_a_table_and_json_and_refuses_bad_keys() {
    let work = common::temp_dir();
    let case = common::temp_dir();
    caseload_folder(work.path(), case.path());
    let before = common::snapshot(case.path());
    let dir = case.path().to_str().unwrap();

    let json = common::cli_ok(&["caseload", dir, "--json", "--waiting", "with-iqa"]);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = rows.as_array().unwrap();
    let ok: Vec<_> = rows.iter().filter(|r| r["problem"].is_null()).collect();
    assert_eq!(ok.len(), 1, "{json}");
    assert_eq!(ok[0]["file"], "iqa.portfolio");
    assert_eq!(ok[0]["waiting"], "with_iqa");
    assert_eq!(ok[0]["role"], "assessor");
    assert_eq!(ok[0]["learner"], "Eleri Morgan");
    assert_eq!(ok[0]["version"], 1);

    let table = common::cli_ok(&["caseload", dir, "--sort", "overdue"]);
    let first = table.lines().nth(1).unwrap();
    assert!(first.starts_with("Aled Jones"), "{table}");
    assert!(first.contains("2 (P1, P2)"), "{table}");
    assert!(table.contains("resubmitted with changes"), "{table}");
    assert!(
        table.contains("damaged.portfolio: cannot be read"),
        "{table}"
    );

    let err = common::cli_refused(&["caseload", dir, "--waiting", "lost"]);
    assert!(err.contains("not a waiting state"), "{err}");
    let err = common::cli_refused(&["caseload", dir, "--sort", "size"]);
    assert!(err.contains("not a sort key"), "{err}");
    let missing = case.path().join("nowhere");
    common::cli_refused(&["caseload", missing.to_str().unwrap()]);

    assert_eq!(common::snapshot(case.path()), before);
}

/// Every file in `dir` with its modification time, to show none was touched.
fn mtimes(dir: &Path) -> Vec<(String, std::time::SystemTime)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, e.metadata().unwrap().modified().unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_inbox_lists_submissions_through_the_gate_and_never_changes_a_file() {
    use partnership_portfolio::exchange::FileKind;
    use partnership_portfolio::inbox::inbox;
    let work = common::temp_dir();
    let folder = common::temp_dir();
    let scratch = common::temp_dir();
    let inbox_dir = folder.path();
    // A submission, a learner's own file, a damaged portfolio file, a text
    // file and a hidden one.
    let (own, sent) = submitted(work.path(), "siân", "Siân Llŷr-Ŵyn");
    std::fs::copy(&sent, inbox_dir.join("Siân v1.portfolio")).unwrap();
    let unsent = common::new_portfolio(work.path(), "unsent.portfolio");
    std::fs::copy(&unsent, inbox_dir.join("unsent.portfolio")).unwrap();
    std::fs::write(
        inbox_dir.join("broken.portfolio"),
        b"not a portfolio at all",
    )
    .unwrap();
    std::fs::write(inbox_dir.join("notes.txt"), "Minutes").unwrap();
    std::fs::write(inbox_dir.join(".partial.portfolio"), b"half").unwrap();
    let _ = own;
    let bytes = common::snapshot(inbox_dir);
    let times = mtimes(inbox_dir);

    let listed = inbox(inbox_dir, scratch.path()).unwrap();
    let by_name = |n: &str| listed.files.iter().find(|f| f.name == n).unwrap();
    assert_eq!(listed.files.len(), 3, "{:?}", listed.files);
    assert_eq!(listed.others, 1, "the text file is counted");

    let s = by_name("Siân v1.portfolio");
    assert!(s.is_submission(), "{s:?}");
    let identity = s.identity.as_ref().unwrap();
    assert_eq!(identity.kind, FileKind::Submission);
    assert_eq!(identity.learner_name, "Siân Llŷr-Ŵyn");
    assert_eq!(identity.version, Some(1));

    let u = by_name("unsent.portfolio");
    assert!(!u.is_submission());
    assert!(
        u.problem
            .as_ref()
            .unwrap()
            .message
            .contains("own working portfolio"),
        "{u:?}"
    );
    let b = by_name("broken.portfolio");
    assert!(!b.is_submission());
    assert!(b.problem.is_some(), "the gate's reason: {b:?}");
    assert!(!s.modified_at.is_empty());

    assert_eq!(common::snapshot(inbox_dir), bytes, "no byte changed");
    assert_eq!(
        mtimes(inbox_dir),
        times,
        "no file was touched, added or removed"
    );
    assert_eq!(
        std::fs::read_dir(scratch.path()).unwrap().count(),
        0,
        "the private copies are removed"
    );

    // A folder that is not there says so.
    let err = inbox(&inbox_dir.join("gone"), scratch.path()).unwrap_err();
    assert!(err.message.contains("gone"), "{err:?}");
}

#[test]
fn the_inbox_read_again_reads_only_what_is_new_or_changed() {
    use partnership_portfolio::exchange::FileKind;
    use partnership_portfolio::inbox::InboxReader;
    let work = common::temp_dir();
    let folder = common::temp_dir();
    let scratch = common::temp_dir();
    let inbox_dir = folder.path();
    let (_, sent) = submitted(work.path(), "siân", "Siân Llŷr-Ŵyn");
    let arriving = inbox_dir.join("arriving.portfolio");
    std::fs::write(&arriving, b"the start of an attachment").unwrap();
    let reader = InboxReader::default();
    let kind = |r: &InboxReader| {
        let listed = r.read(inbox_dir, scratch.path()).unwrap();
        listed
            .files
            .iter()
            .map(|f| f.identity.as_ref().map(|i| i.kind))
            .collect::<Vec<_>>()
    };
    assert_eq!(kind(&reader), [None], "not a portfolio yet");

    // The file finishes arriving (another size, another time): read again.
    std::fs::copy(&sent, &arriving).unwrap();
    assert_eq!(kind(&reader), [Some(FileKind::Submission)]);

    // What was read is kept while the file's size and time stay as they
    // were: here its bytes were changed behind the listing's back with both
    // kept, and the listing still says what it found (opening it goes
    // through the gate again); a fresh reader reads it anew.
    let modified = std::fs::metadata(&arriving).unwrap().modified().unwrap();
    let len = std::fs::metadata(&arriving).unwrap().len();
    std::fs::write(&arriving, vec![b'x'; len as usize]).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&arriving)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    assert_eq!(kind(&reader), [Some(FileKind::Submission)]);
    assert_eq!(kind(&InboxReader::default()), [None]);

    // A file gone from the folder is gone from the listing.
    std::fs::remove_file(&arriving).unwrap();
    assert_eq!(kind(&reader), Vec::<Option<FileKind>>::new());
    assert_eq!(std::fs::read_dir(scratch.path()).unwrap().count(), 0);
}

#[test]
fn the_librarys_caseload_is_its_assessors_copies_by_id() {
    let work = common::temp_dir();
    let root = common::temp_dir();
    let library = partnership_portfolio::library::Library::open(root.path()).unwrap();
    let (_, sent) = submitted(work.path(), "bethan", "Bethan Hughes");
    let entry = library.import_submission(&sent, ASSESSOR).unwrap();
    library
        .create(
            partnership_portfolio::catalogue::cldal16(),
            LearnerProfile::named("Aled Jones"),
            None,
        )
        .unwrap();
    let rows = caseload::library_caseload(&library).unwrap();
    assert_eq!(rows.len(), 1, "only the assessor's copy: {rows:?}");
    assert_eq!(rows[0].id, entry.id);
    assert_eq!(rows[0].row.learner, "Bethan Hughes");
    assert_eq!(rows[0].row.waiting, Some(Waiting::NotYetJudged));
    // The copy opens as before.
    library
        .open_portfolio(&rows[0].id)
        .unwrap()
        .close()
        .unwrap();
}
