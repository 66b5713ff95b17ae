//! Files opened from the desktop (issue 14), against real files: what a file
//! is (a learner's own portfolio, a submission, a returned assessment) is
//! read on a private copy that is removed, nothing else touched; an
//! assessor's working copy and a file that is not a portfolio are refused;
//! a learner's own portfolio is copied into the library (once only), the
//! file itself left as it was, or opened where it is for the session (the
//! library's commands then work on that file itself, and it is never moved
//! into the trash).

mod common;

use partnership_portfolio::exchange::{identify, FileKind, Passphrase, Role};
use partnership_portfolio::library::Library;
use partnership_portfolio::{ErrorCode, Portfolio};

#[test]
fn each_kind_of_file_is_told_apart_on_a_copy_that_is_removed() {
    let dir = common::temp_dir();
    let own = common::new_portfolio(dir.path(), "own.portfolio");
    let sent = dir.path().join("sent.portfolio");
    let locked = dir.path().join("sent-locked.portfolio");
    let returned = dir.path().join("returned.portfolio");
    let mut p = Portfolio::open(&own).unwrap();
    let uid = p.info().unwrap().uid;
    p.submit("Siân Llŷr-Ŵyn", "2026-11-30").unwrap();
    p.save_exchange_file(&sent, None).unwrap();
    let pass = Passphrase::for_locking("correct horse battery").unwrap();
    p.save_exchange_file(&locked, Some(&pass)).unwrap();
    p.close().unwrap();
    let assessor = Library::open(&dir.path().join("assessor")).unwrap();
    let copy = assessor.import_submission(&sent, "Màiri").unwrap();
    let mut a = assessor.open_portfolio(&copy.id).unwrap();
    a.return_to_learner(&returned, Some("Màiri")).unwrap();
    a.close().unwrap();

    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let before = common::snapshot(dir.path());
    let kind = |path: &std::path::Path, pass: Option<&Passphrase>| {
        let identity = identify(path, pass, &work).unwrap();
        assert_eq!(identity.uid, uid);
        assert_eq!(identity.learner_name, "Siân Llŷr-Ŵyn");
        (identity.kind, identity.version)
    };
    assert_eq!(kind(&own, None), (FileKind::OwnPortfolio, Some(1)));
    assert_eq!(kind(&sent, None), (FileKind::Submission, Some(1)));
    assert_eq!(kind(&locked, Some(&pass)), (FileKind::Submission, Some(1)));
    assert_eq!(
        kind(&returned, None),
        (FileKind::ReturnedAssessment, Some(1))
    );
    assert_eq!(
        identify(&locked, None, &work).unwrap_err().code,
        ErrorCode::PassphraseNeeded
    );
    assert_eq!(common::snapshot(dir.path()), before, "nothing was changed");
    assert_eq!(
        std::fs::read_dir(&work).unwrap().count(),
        0,
        "no copy is left"
    );

    // An assessor's working copy is never sent: refused, as is anything else.
    let working = assessor.path(&copy.id).unwrap();
    let err = identify(&working, None, &work).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(
        err.message.contains("assessor's working copy"),
        "{}",
        err.message
    );
    let junk = dir.path().join("notes.portfolio");
    std::fs::write(&junk, "meeting notes").unwrap();
    assert_eq!(
        identify(&junk, None, &work).unwrap_err().code,
        ErrorCode::NotAPortfolio
    );
    assert_eq!(
        std::fs::read_dir(&work).unwrap().count(),
        0,
        "no copy is left"
    );
}

#[test]
fn a_learner_s_own_portfolio_is_copied_into_the_library_once() {
    let dir = common::temp_dir();
    let own = common::new_portfolio(dir.path(), "own.portfolio");
    let library = Library::open(&dir.path().join("library")).unwrap();
    let before = common::snapshot(dir.path());

    let entry = library.import_portfolio(&own).unwrap();
    assert_eq!(entry.role, Role::Learner);
    assert_eq!(entry.learner_name, "Siân Llŷr-Ŵyn");
    assert!(entry.problem.is_none());
    let copy = library.path(&entry.id).unwrap();
    assert_ne!(copy, own);
    Portfolio::open(&copy).unwrap().close().unwrap();
    assert_eq!(
        common::snapshot(dir.path()),
        before,
        "the file opened is left as it was"
    );

    let again = library.import_portfolio(&own).unwrap_err();
    assert_eq!(again.code, ErrorCode::InvalidInput);
    assert!(
        again.message.contains("already in your library"),
        "{}",
        again.message
    );

    // A file sent between learner and assessor is not a portfolio to copy.
    let sent = dir.path().join("sent.portfolio");
    let mut p = Portfolio::open(&own).unwrap();
    p.submit("Siân Llŷr-Ŵyn", "2026-11-30").unwrap();
    p.save_exchange_file(&sent, None).unwrap();
    p.close().unwrap();
    let other = Library::open(&dir.path().join("other")).unwrap();
    assert_eq!(
        other.import_portfolio(&sent).unwrap_err().code,
        ErrorCode::InvalidInput
    );
    assert!(other.list().unwrap().is_empty(), "nothing was added");
    let leftovers = std::fs::read_dir(dir.path().join("other/portfolios"))
        .unwrap()
        .count();
    assert_eq!(leftovers, 0, "no temporary copy is left in the library");
    assert_eq!(library.list().unwrap().len(), 1);
}

#[test]
fn a_learner_s_own_portfolio_opens_where_it_is_for_the_session_only() {
    let dir = common::temp_dir();
    let elsewhere = dir.path().join("Documents");
    std::fs::create_dir(&elsewhere).unwrap();
    let own = common::new_portfolio(&elsewhere, "own.portfolio");
    let root = dir.path().join("library");
    let library = Library::open(&root).unwrap();

    let entry = library.open_in_place(&own).unwrap();
    assert_eq!(entry.role, Role::Learner);
    assert_eq!(entry.learner_name, "Siân Llŷr-Ŵyn");
    assert!(entry.problem.is_none());
    assert_eq!(
        library.path(&entry.id).unwrap(),
        own.canonicalize().unwrap(),
        "the library answers for the file where it is"
    );
    assert!(library.list().unwrap().is_empty(), "not listed");
    assert_eq!(
        std::fs::read_dir(root.join("portfolios")).unwrap().count(),
        0,
        "no copy in the library, and no checked copy left"
    );
    // Work through the library lands in the file itself.
    library.rename(&entry.id, "Worked on where it is").unwrap();
    let p = Portfolio::open(&own).unwrap();
    assert_eq!(p.info().unwrap().title, "Worked on where it is");
    p.close().unwrap();
    // The same file again (by another name for it): the same id.
    let same = elsewhere.join("..").join("Documents").join("own.portfolio");
    assert_eq!(library.open_in_place(&same).unwrap().id, entry.id);

    // Never moved into the library's trash.
    let err = library.trash(&entry.id).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(
        err.message.contains("opened where it is"),
        "{}",
        err.message
    );
    assert!(own.is_file());
    assert!(library.trash_list().unwrap().is_empty());

    // A file sent between learner and assessor, locked or not, is refused.
    let sent = dir.path().join("sent.portfolio");
    let locked = dir.path().join("sent-locked.portfolio");
    let mut p = Portfolio::open(&own).unwrap();
    p.submit("Siân Llŷr-Ŵyn", "2026-11-30").unwrap();
    p.save_exchange_file(&sent, None).unwrap();
    let pass = Passphrase::for_locking("correct horse battery").unwrap();
    p.save_exchange_file(&locked, Some(&pass)).unwrap();
    p.close().unwrap();
    let sent_before = std::fs::read(&sent).unwrap();
    assert_eq!(
        library.open_in_place(&sent).unwrap_err().code,
        ErrorCode::InvalidInput
    );
    assert_eq!(std::fs::read(&sent).unwrap(), sent_before, "left as it was");
    assert_eq!(
        library.open_in_place(&locked).unwrap_err().code,
        ErrorCode::PassphraseNeeded
    );

    // A file of the library's own folder is simply that portfolio.
    let kept = library.import_portfolio(&own).unwrap();
    let kept_path = library.path(&kept.id).unwrap();
    assert_eq!(library.open_in_place(&kept_path).unwrap().id, kept.id);

    // Moved away: said, not guessed at.
    let moved = elsewhere.join("moved.portfolio");
    std::fs::rename(&own, &moved).unwrap();
    assert_eq!(
        library.path(&entry.id).unwrap_err().code,
        ErrorCode::NotFound
    );

    // The next session has forgotten it.
    let next = Library::open(&root).unwrap();
    assert!(next.path(&entry.id).is_err());
    assert_eq!(next.list().unwrap().len(), 1, "only the copy taken in");
}
