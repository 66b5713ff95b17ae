//! The desktop app's library folder: create, list, open, rename, delete to
//! the trash, restore, and delete for good, against real files.

mod common;

use partnership_portfolio::catalogue;
use partnership_portfolio::library::Library;
use partnership_portfolio::profile::LearnerProfile;
use partnership_portfolio::ErrorCode;

#[test]
fn portfolios_are_created_listed_renamed_trashed_and_restored() {
    let dir = common::temp_dir();
    let library = Library::open(dir.path()).unwrap();
    assert!(library.list().unwrap().is_empty());
    let a = library
        .create(
            catalogue::cldal16(),
            LearnerProfile::named("Ffion Ŵyn"),
            None,
        )
        .unwrap();
    let b = library
        .create(
            catalogue::cldal16(),
            common::welsh_profile(),
            Some("Portffolio Siân".into()),
        )
        .unwrap();
    assert_eq!(a.title, "Ffion Ŵyn – CLDAL16");
    assert_eq!((a.total, a.rated, a.problem.clone()), (42, 0, None));

    {
        let mut p = library.open_portfolio(&a.id).unwrap();
        p.set_rating("P1", Some(4)).unwrap();
        p.close().unwrap();
    }
    let list = library.list().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].id, a.id, "most recently changed first");
    assert_eq!(list[0].rated, 1);

    let renamed = library.rename(&b.id, "  Siân – ail gynnig  ").unwrap();
    assert_eq!(renamed.title, "Siân – ail gynnig");
    assert_eq!(
        library.rename(&b.id, "   ").unwrap_err().code,
        ErrorCode::InvalidInput
    );

    library.trash(&a.id).unwrap();
    assert_eq!(library.list().unwrap().len(), 1);
    let trash = library.trash_list().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].title, "Ffion Ŵyn – CLDAL16");
    assert!(trash[0].trashed_at.is_some());
    assert_eq!(
        library.open_portfolio(&a.id).err().unwrap().code,
        ErrorCode::NotFound
    );

    let restored = library.restore(&a.id).unwrap();
    assert_eq!(restored.rated, 1, "nothing is lost in the trash");
    assert_eq!(library.list().unwrap().len(), 2);

    library.trash(&b.id).unwrap();
    library.delete_forever(&b.id).unwrap();
    assert!(library.trash_list().unwrap().is_empty());
    assert_eq!(
        library.restore(&b.id).unwrap_err().code,
        ErrorCode::NotFound
    );
    let files: Vec<_> = std::fs::read_dir(dir.path().join("trash"))
        .unwrap()
        .collect();
    assert!(files.is_empty(), "deleting for good leaves nothing behind");
}

#[test]
fn ids_that_are_not_library_ids_are_refused() {
    let dir = common::temp_dir();
    let library = Library::open(dir.path()).unwrap();
    for id in [
        "../../etc/passwd",
        "",
        "P1",
        "00000000-0000-0000-0000-00000000000G",
    ] {
        assert_eq!(
            library.path(id).unwrap_err().code,
            ErrorCode::InvalidInput,
            "{id}"
        );
        assert_eq!(
            library.trash(id).unwrap_err().code,
            ErrorCode::InvalidInput,
            "{id}"
        );
    }
}

#[test]
fn a_damaged_file_is_listed_with_its_problem_and_can_be_trashed() {
    let dir = common::temp_dir();
    let library = Library::open(dir.path()).unwrap();
    let good = library
        .create(catalogue::cldal16(), LearnerProfile::named("Aled"), None)
        .unwrap();
    let id = "6f0c1a9e-2b1d-4c3e-8f00-123456789abc";
    let path = dir
        .path()
        .join("portfolios")
        .join(format!("{id}.portfolio"));
    std::fs::write(&path, "not a portfolio").unwrap();
    std::fs::write(
        dir.path().join("portfolios").join(".new-abc.portfolio"),
        "half-made",
    )
    .unwrap();
    let list = library.list().unwrap();
    assert_eq!(list.len(), 2, "temporary files are not listed: {list:?}");
    let bad = list.iter().find(|e| e.id == id).unwrap();
    assert_eq!(bad.problem.as_ref().unwrap().code, ErrorCode::NotAPortfolio);
    assert!(list.iter().any(|e| e.id == good.id && e.problem.is_none()));
    library.trash(id).unwrap();
    assert_eq!(library.list().unwrap().len(), 1);
}

#[test]
fn a_learner_s_submission_opens_into_the_library_and_a_resubmission_updates_it() {
    use partnership_portfolio::exchange::{JudgementOutcome, Role};
    let dir = common::temp_dir();
    let learner = common::new_portfolio(dir.path(), "learner.portfolio");
    let sent = dir.path().join("sent.portfolio");
    let mut p = partnership_portfolio::Portfolio::open(&learner).unwrap();
    p.submit("Siân Llŷr", "2026-11-01").unwrap();
    p.save_copy(&sent).unwrap();

    let library = Library::open(&dir.path().join("assessor-library")).unwrap();
    let first = library.import_submission(&sent, "Màiri").unwrap();
    assert_eq!(
        (first.role, first.submitted_version),
        (Role::Assessor, Some(1))
    );
    assert_eq!(first.uid, p.info().unwrap().uid);
    let mut copy = library.open_portfolio(&first.id).unwrap();
    copy.judge("P1", JudgementOutcome::Met, "", None).unwrap();
    copy.close().unwrap();

    p.submit("Siân Llŷr", "2026-11-08").unwrap();
    p.save_copy(&sent).unwrap();
    let second = library.import_submission(&sent, "Màiri").unwrap();
    assert_eq!(second.id, first.id, "the same portfolio stays one entry");
    assert_eq!(second.submitted_version, Some(2));
    assert_eq!(library.list().unwrap().len(), 1);
    let copy = library.open_portfolio(&second.id).unwrap();
    assert_eq!(
        copy.judgements(None).unwrap().len(),
        1,
        "the assessor's judgement is kept"
    );

    // A bad file leaves the library as it was.
    let before = library.list().unwrap();
    let junk = dir.path().join("junk.portfolio");
    std::fs::write(&junk, "not a portfolio").unwrap();
    assert_eq!(
        library.import_submission(&junk, "Màiri").unwrap_err().code,
        ErrorCode::NotAPortfolio
    );
    assert_eq!(library.list().unwrap(), before);
    let leftovers = std::fs::read_dir(dir.path().join("assessor-library/portfolios"))
        .unwrap()
        .count();
    assert_eq!(leftovers, 1, "no temporary copy is left in the library");
}

#[test]
fn the_demo_portfolio_is_added_whole_and_leaves_no_temporary_file() {
    use partnership_portfolio::demo::DemoOptions;
    let dir = common::temp_dir();
    let library = Library::open(dir.path()).unwrap();
    let options = DemoOptions {
        evidence: 12,
        photos: 2,
        photo_size: (640, 480),
        ..DemoOptions::default()
    };
    let demo = library.add_demo(&options).unwrap();
    assert_eq!(
        (demo.rated, demo.total, demo.evidence, demo.problem.clone()),
        (42, 42, 12, None)
    );
    assert_eq!(demo.learner_name, "Catrin Llŷr-Wiśniewska");
    assert_eq!(library.list().unwrap(), vec![demo.clone()]);
    let names: Vec<String> = std::fs::read_dir(dir.path().join("portfolios"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec![format!("{}.portfolio", demo.id)]);
    let p = library.open_portfolio(&demo.id).unwrap();
    assert_eq!(p.assessment_view().unwrap().sign_offs.len(), 1);
    drop(p);

    // Asked again ("Look round an example" pressed twice): the same one.
    let again = library.add_demo(&options).unwrap();
    assert_eq!(again.id, demo.id);
    assert_eq!(library.list().unwrap().len(), 1);

    // Once it is in the trash, a fresh one can be made.
    library.trash(&demo.id).unwrap();
    let fresh = library.add_demo(&options).unwrap();
    assert_ne!(fresh.id, demo.id);
    assert_eq!(library.list().unwrap(), vec![fresh]);
}
