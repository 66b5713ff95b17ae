//! Partnerships against real portfolio files: the register and the
//! stakeholder map, notes, agreements kept current, the health check with
//! several respondents (its arithmetic, bands, spread and trend), the action
//! plan, evidence made in one step with its link to the source, every bad
//! input the issue names (a clear message and the file unchanged), an
//! assessor's copy refusing every change, and the fingerprint moving with
//! every partnership field; the PDF's Partnerships section and the blank
//! partner form read back with poppler and qpdf; and the CLI run as a real
//! process, including a note changed and records removed (refusals writing
//! nothing, the history, and the PDF and open export without them).

mod common;
#[path = "support/pdf_structure.rs"]
mod pdf_structure;
#[path = "support/pdf_tools.rs"]
mod pdf_tools;

use partnership_portfolio::evidence::{EvidenceMethod, Mapping};
use partnership_portfolio::exchange;
use partnership_portfolio::partnerships::scoring::{Band, Direction, Mean};
use partnership_portfolio::partnerships::{
    ActionInput, AgreementInput, AgreementRevisionInput, AnswerInput, Contact,
    HealthCheckResponseInput, Level, MakeEvidence, NoteInput, NoteKind, PartnerInput, PartnerType,
    RecordKind, SourceStatus, TEMPLATE,
};
use partnership_portfolio::{ErrorCode, Portfolio};
use std::path::{Path, PathBuf};

fn days_from_today(n: i64) -> String {
    partnership_portfolio::timestamp::today()
        .checked_add(jiff::Span::new().days(n))
        .unwrap()
        .to_string()
}

fn library() -> PartnerInput {
    PartnerInput {
        name: "Llyfrgell Llandudno Library".into(),
        kind: PartnerType::PartnerAgency,
        role: "Runs the town library and its digital inclusion sessions.".into(),
        interests: "More adults using the library; worried about room bookings clashing.".into(),
        services: "Free rooms, public computers, a volunteer digital champion.".into(),
        info_needs: "Numbers attending each session, by month.".into(),
        info_shared: "Attendance totals and course dates.".into(),
        info_withheld: "Learners' names and contact details.".into(),
        interest: Some(Level::High),
        influence: Some(Level::High),
        contacts: vec![Contact::parse("Eleri Hughes, Library manager, 01492 574 010").unwrap()],
    }
}

fn answers(scores: &[(&str, Option<u8>)]) -> Vec<AnswerInput> {
    scores
        .iter()
        .map(|(id, s)| AnswerInput {
            statement_id: (*id).into(),
            score: *s,
            comment: String::new(),
        })
        .collect()
}

/// Every statement of one element scored `score`.
fn element_scores(element: &str, score: Option<u8>) -> Vec<(&'static str, Option<u8>)> {
    TEMPLATE
        .elements
        .iter()
        .find(|e| e.id == element)
        .unwrap()
        .statements
        .iter()
        .map(|s| (s.id, score))
        .collect()
}

fn note(kind: NoteKind, date: &str, text: &str, with: &[&str]) -> NoteInput {
    NoteInput {
        kind,
        date: date.into(),
        text: text.into(),
        participants: with.iter().map(|w| w.to_string()).collect(),
    }
}

struct Scene {
    dir: tempfile::TempDir,
    file: PathBuf,
}

/// A portfolio with one partner (PT1) and its agreement (AG1).
fn scene() -> Scene {
    let dir = common::temp_dir();
    let file = common::new_portfolio(dir.path(), "siân.portfolio");
    let mut p = Portfolio::open(&file).unwrap();
    p.add_partner(&library()).unwrap();
    p.add_agreement(
        "PT1",
        &AgreementInput {
            aims: "Bring digital skills courses to the library.".into(),
            arrangements: "The library lends the room on Tuesdays; we tutor.".into(),
            measures: "40 learners a term; 70% complete.".into(),
            monitoring: "Termly review meeting with attendance figures.".into(),
            agreed_on: "2026-09-01".into(),
            review_by: "2027-03-01".into(),
        },
    )
    .unwrap();
    p.close().unwrap();
    Scene { dir, file }
}

/// Runs `change` and checks it fails with `code` and a message containing
/// `says`, leaving every file in the folder byte for byte as it was.
fn refused(
    s: &Scene,
    code: ErrorCode,
    says: &str,
    change: impl FnOnce(&mut Portfolio) -> partnership_portfolio::Result<()>,
) {
    let before = common::snapshot(s.dir.path());
    let mut p = Portfolio::open(&s.file).unwrap();
    let err = change(&mut p).expect_err("the change should be refused");
    p.close().unwrap();
    assert_eq!(err.code, code, "{}", err.message);
    assert!(
        err.message.contains(says),
        "{says:?} not in {:?}",
        err.message
    );
    assert_eq!(common::snapshot(s.dir.path()), before, "nothing is written");
}

#[test]
fn the_register_keeps_partners_with_their_contacts_and_places_them_on_the_map() {
    let s = scene();
    let mut p = Portfolio::open(&s.file).unwrap();
    let pt1 = p.partner("pt1").unwrap();
    assert_eq!(pt1.reference, "PT1");
    assert_eq!(pt1.contacts[0].reach, "01492 574 010");
    let mut funder = PartnerInput::named("Cronfa Gymunedol", PartnerType::Funder);
    funder.contacts = vec![Contact {
        name: "Dafydd".into(),
        role: String::new(),
        reach: String::new(),
    }];
    let pt2 = p.add_partner(&funder).unwrap();
    assert_eq!(pt2.reference, "PT2");
    let map = p.stakeholder_map().unwrap();
    assert_eq!(map.quadrants[0].partners[0].reference, "PT1");
    assert_eq!(map.unplaced[0].reference, "PT2");
    assert!(
        map.text.contains("Not placed yet: Cronfa Gymunedol (PT2)."),
        "{}",
        map.text
    );
    p.place_partner("PT2", Some((Level::Low, Level::High)))
        .unwrap();
    let map = p.stakeholder_map().unwrap();
    let keep_satisfied = &map.quadrants[1];
    assert_eq!(keep_satisfied.approach, "Keep them satisfied");
    assert_eq!(keep_satisfied.partners[0].name, "Cronfa Gymunedol");
    assert!(map.unplaced.is_empty());

    let list = p.partners().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!((list[0].agreements, list[0].agreements_overdue), (1, 0));

    // A removed partner's reference is never used again.
    p.remove_partner("PT2").unwrap();
    assert_eq!(
        p.add_partner(&PartnerInput::named(
            "Age Cymru",
            PartnerType::CommunityGroup
        ))
        .unwrap()
        .reference,
        "PT3"
    );
    let err = p.partner("PT2").unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    p.close().unwrap();
}

#[test]
fn bad_input_is_refused_with_a_clear_message_and_nothing_written() {
    let s = scene();
    // A duplicate partner name, in any case.
    refused(
        &s,
        ErrorCode::AlreadyExists,
        "already a partner called “Llyfrgell Llandudno Library” (PT1)",
        |p| {
            p.add_partner(&PartnerInput::named(
                "LLYFRGELL llandudno library",
                PartnerType::Other,
            ))
            .map(drop)
        },
    );
    // A partner reference that does not exist.
    refused(&s, ErrorCode::NotFound, "There is no partner PT9", |p| {
        p.add_note("PT9", &note(NoteKind::Meeting, "2026-10-01", "Met.", &[]))
            .map(drop)
    });
    // A review-by date before the date agreed.
    refused(
        &s,
        ErrorCode::InvalidInput,
        "review-by date 2026-08-01 is before the date agreed 2026-09-01",
        |p| {
            p.add_agreement(
                "PT1",
                &AgreementInput {
                    aims: "a".into(),
                    arrangements: "b".into(),
                    measures: "c".into(),
                    monitoring: "d".into(),
                    agreed_on: "2026-09-01".into(),
                    review_by: "2026-08-01".into(),
                },
            )
            .map(drop)
        },
    );
    refused(&s, ErrorCode::InvalidInput, "before the date agreed", |p| {
        p.revise_agreement(
            "AG1",
            &AgreementRevisionInput {
                what_changed: "x".into(),
                why: "y".into(),
                revised_on: Some("2026-10-01".into()),
                review_by: Some("2026-05-01".into()),
                ..Default::default()
            },
        )
        .map(drop)
    });
    // Scores outside 1-5 and unknown statement ids.
    for (bad, says) in [
        (
            answers(&[("goals.1", Some(6))]),
            "The score for goals.1 is 6",
        ),
        (
            answers(&[("goals.1", Some(0))]),
            "The score for goals.1 is 0",
        ),
        (
            answers(&[("goals.7", Some(3))]),
            "“goals.7” is not a statement",
        ),
    ] {
        refused(&s, ErrorCode::InvalidInput, says, |p| {
            p.record_health_check(
                "PT1",
                &HealthCheckResponseInput {
                    respondent: "Siân".into(),
                    date: Some("2026-11-01".into()),
                    answers: bad,
                },
            )
            .map(drop)
        });
    }
    // A health check for a partner that does not exist.
    refused(&s, ErrorCode::NotFound, "There is no partner PT4", |p| {
        p.record_health_check(
            "PT4",
            &HealthCheckResponseInput {
                respondent: "Siân".into(),
                date: None,
                answers: vec![],
            },
        )
        .map(drop)
    });
    // An unknown element for an action, and a date that is not a date.
    refused(
        &s,
        ErrorCode::InvalidInput,
        "“money” is not an element",
        |p| {
            p.add_action(
                "PT1",
                &ActionInput {
                    action: "Find funds".into(),
                    element: "money".into(),
                    owner: "Siân".into(),
                    due: "2026-12-01".into(),
                    health_check: None,
                },
            )
            .map(drop)
        },
    );
    refused(
        &s,
        ErrorCode::InvalidInput,
        "\"1/12/2026\" is not a date",
        |p| {
            p.add_action(
                "PT1",
                &ActionInput {
                    action: "Find funds".into(),
                    element: "resources".into(),
                    owner: "Siân".into(),
                    due: "1/12/2026".into(),
                    health_check: None,
                },
            )
            .map(drop)
        },
    );
}

#[test]
fn answers_files_that_are_not_json_or_out_of_range_are_refused() {
    use partnership_portfolio::partnerships::health_check::answers_from_file;
    let dir = common::temp_dir();
    for (content, says) in [
        ("goals.1 = 4\n", "not valid JSON"),
        ("{\"goals.1\": 7}", "The score for goals.1 is 7"),
        ("{\"trust.0\": 3}", "“trust.0” is not a statement"),
        ("[]", "not a JSON object"),
    ] {
        let f = dir.path().join("answers.json");
        std::fs::write(&f, content).unwrap();
        let err = answers_from_file(&f).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(
            err.message.contains(says) && err.message.contains("answers.json"),
            "{}",
            err.message
        );
    }
    std::fs::write(dir.path().join("binary.json"), [0xff, 0xfe, 0x00]).unwrap();
    assert!(answers_from_file(&dir.path().join("binary.json"))
        .unwrap_err()
        .message
        .contains("not text"));
}

#[test]
fn agreements_are_revised_keeping_the_earlier_text_and_flagged_when_past_review() {
    let s = scene();
    let mut p = Portfolio::open(&s.file).unwrap();
    let before = p.agreement("AG1").unwrap();
    let revised = p
        .revise_agreement(
            "AG1",
            &AgreementRevisionInput {
                what_changed: "Moved to Thursdays and added a crèche.".into(),
                why: "Parents asked for it at the review meeting.".into(),
                revised_on: Some("2026-12-01".into()),
                arrangements: Some("Thursdays, with a crèche run by the library.".into()),
                review_by: Some(days_from_today(60)),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(revised.versions.len(), 2);
    assert_eq!(
        revised.versions[0], before.versions[0],
        "the earlier text is kept as it was"
    );
    assert_eq!(
        revised.current.arrangements,
        "Thursdays, with a crèche run by the library."
    );
    assert_eq!(revised.current.aims, before.current.aims);
    assert_eq!(
        revised.current.what_changed,
        "Moved to Thursdays and added a crèche."
    );
    assert!(!revised.overdue);
    assert_eq!(revised.agreed_on, "2026-09-01");

    // A second agreement whose review-by date has passed is flagged everywhere.
    p.add_agreement(
        "PT1",
        &AgreementInput {
            aims: "Share the summer programme.".into(),
            arrangements: "Leaflets in both places.".into(),
            measures: "Leaflets given out.".into(),
            monitoring: "Count at the end of August.".into(),
            agreed_on: days_from_today(-200),
            review_by: days_from_today(-1),
        },
    )
    .unwrap();
    let overdue = p.agreements_of(None, true).unwrap();
    assert_eq!(
        overdue
            .iter()
            .map(|a| a.reference.as_str())
            .collect::<Vec<_>>(),
        ["AG2"]
    );
    assert_eq!(p.partners().unwrap()[0].agreements_overdue, 1);
    let overview = p.overview().unwrap();
    assert_eq!(overview.partnerships.agreements_overdue.len(), 1);
    assert_eq!(overview.partnerships.agreements_overdue[0].reference, "AG2");
    // Reviewed today: no longer overdue.
    p.revise_agreement(
        "AG2",
        &AgreementRevisionInput {
            what_changed: "Reviewed; no change to the text.".into(),
            why: "Review date reached.".into(),
            review_by: Some(days_from_today(180)),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(p.agreements_of(None, true).unwrap().is_empty());
    p.close().unwrap();
}

#[test]
fn a_health_check_with_two_respondents_gives_means_bands_spread_and_trend() {
    let s = scene();
    let mut p = Portfolio::open(&s.file).unwrap();
    // Siân: goals all 5, communication 4,4,4,3,3, trust all don't know.
    let mut sian = element_scores("goals", Some(5));
    sian.extend([
        ("communication.1", Some(4)),
        ("communication.2", Some(4)),
        ("communication.3", Some(4)),
        ("communication.4", Some(3)),
        ("communication.5", Some(3)),
    ]);
    sian.extend(element_scores("trust", None));
    // Eleri: goals all 2 (they see it very differently), communication all 4.
    let mut eleri = element_scores("goals", Some(2));
    eleri.extend(element_scores("communication", Some(4)));
    for (who, scores) in [("Siân Llŷr-Ŵyn", &sian), ("Eleri Hughes", &eleri)] {
        p.record_health_check(
            "PT1",
            &HealthCheckResponseInput {
                respondent: who.into(),
                date: Some("2026-10-15".into()),
                answers: answers(scores),
            },
        )
        .unwrap();
    }
    let hc = p.health_check("HC1").unwrap();
    assert_eq!(
        hc.respondents.len(),
        2,
        "answers on the same date join one check"
    );
    let goals = &hc.results[0];
    assert_eq!(goals.respondents[0].mean, Some(Mean(500)));
    assert_eq!(goals.respondents[1].mean, Some(Mean(200)));
    assert_eq!(goals.mean, Some(Mean(350)));
    assert_eq!(goals.band, Some(Band::Developing));
    assert!(goals.spread.unwrap().flagged);
    let comm = hc
        .results
        .iter()
        .find(|e| e.element == "communication")
        .unwrap();
    assert_eq!(comm.respondents[0].mean, Some(Mean(360)));
    assert_eq!(comm.mean, Some(Mean(380))); // 38 / 10
    assert!(!comm.spread.unwrap().flagged);
    let trust = hc.results.iter().find(|e| e.element == "trust").unwrap();
    assert_eq!((trust.mean, trust.band), (None, None));
    assert!(trust.summary.contains("don’t know"), "{}", trust.summary);
    assert_eq!(hc.flagged, ["goals"]);
    assert!(
        hc.summary
            .contains("Views differ by two points or more on clear shared goals"),
        "{}",
        hc.summary
    );
    // The same respondent twice is refused.
    let err = p
        .record_health_check(
            "PT1",
            &HealthCheckResponseInput {
                respondent: "eleri hughes".into(),
                date: Some("2026-10-15".into()),
                answers: vec![],
            },
        )
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::AlreadyExists);

    // Six months later: goals agreed at 4, communication down to 3.
    let mut later = element_scores("goals", Some(4));
    later.extend(element_scores("communication", Some(3)));
    let hc2 = p
        .record_health_check(
            "PT1",
            &HealthCheckResponseInput {
                respondent: "Siân Llŷr-Ŵyn".into(),
                date: Some("2027-04-15".into()),
                answers: answers(&later),
            },
        )
        .unwrap();
    assert_eq!(hc2.reference, "HC2");
    assert_eq!(hc2.previous.as_deref(), Some("HC1"));
    let g = hc2.results[0].change.as_ref().unwrap();
    assert_eq!((g.change, g.direction), (Mean(50), Direction::Improved));
    assert_eq!(hc2.improved, ["goals"]);
    assert_eq!(hc2.declined, ["communication"]);
    assert_eq!(hc2.results[0].band, Some(Band::Strength));

    // Putting a typing mistake right changes the results, not the order.
    p.replace_health_check_response(
        "HC1",
        "Eleri Hughes",
        &answers(&element_scores("goals", Some(4))),
    )
    .unwrap();
    let hc = p.health_check("HC1").unwrap();
    assert_eq!(hc.respondents[1].respondent, "Eleri Hughes");
    assert_eq!(hc.results[0].mean, Some(Mean(450)));
    assert!(hc.flagged.is_empty());
    p.close().unwrap();
}

#[test]
fn actions_are_planned_done_and_flagged_when_overdue() {
    let s = scene();
    let mut p = Portfolio::open(&s.file).unwrap();
    p.add_health_check("PT1", "2026-10-15").unwrap();
    let late = p
        .add_action(
            "PT1",
            &ActionInput {
                action: "Agree who chairs the review meeting.".into(),
                element: "roles".into(),
                owner: "Eleri Hughes".into(),
                due: days_from_today(-3),
                health_check: None,
            },
        )
        .unwrap();
    assert_eq!(late.reference, "AC1");
    assert_eq!(
        late.health_check.as_deref(),
        Some("HC1"),
        "the latest check by default"
    );
    assert!(late.overdue);
    assert_eq!(p.overview().unwrap().partnerships.actions_overdue.len(), 1);
    assert_eq!(p.health_check("HC1").unwrap().actions.len(), 1);
    let done = p.set_action_done("AC1", true, Some("2026-11-01")).unwrap();
    assert_eq!(done.done_on.as_deref(), Some("2026-11-01"));
    assert!(!done.overdue);
    assert!(p
        .overview()
        .unwrap()
        .partnerships
        .actions_overdue
        .is_empty());
    let undone = p.set_action_done("AC1", false, None).unwrap();
    assert!(undone.overdue);
    p.close().unwrap();
}

#[test]
fn a_source_becomes_evidence_in_one_step_and_the_record_says_when_it_changed() {
    let s = scene();
    let mut p = Portfolio::open(&s.file).unwrap();
    let draft = p.evidence_draft("AG1").unwrap();
    assert_eq!(draft.method, EvidenceMethod::Product);
    let items: Vec<&str> = draft.suggested.iter().map(|m| m.item_id.as_str()).collect();
    assert_eq!(items, ["P4", "P8", "K3", "K10", "K17"]);
    assert!(draft
        .description
        .contains("Bring digital skills courses to the library."));
    let e = p.make_evidence("AG1", &MakeEvidence::default()).unwrap();
    assert_eq!(e.reference, "E1");
    assert_eq!(e.mappings.len(), 5);
    let link = e.source.as_ref().unwrap();
    assert_eq!(
        (link.source.as_str(), link.status),
        ("AG1", SourceStatus::Unchanged)
    );

    // The learner changes the suggestion: only P4, with their own note.
    let e2 = p
        .make_evidence(
            "map",
            &MakeEvidence {
                method: Some(EvidenceMethod::ReflectiveAccount),
                maps: Some(vec![Mapping {
                    item_id: "k9".into(),
                    note: "Who matters most, and why".into(),
                }]),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(e2.mappings.len(), 1);
    assert_eq!(e2.mappings[0].item_id, "K9");
    assert_eq!(e2.method, EvidenceMethod::ReflectiveAccount);
    let err = p
        .make_evidence(
            "AG1",
            &MakeEvidence {
                method: Some(EvidenceMethod::Observation),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);

    // The source changes: the record keeps what it said, and says so.
    p.revise_agreement(
        "AG1",
        &AgreementRevisionInput {
            what_changed: "New measures.".into(),
            why: "The funder asked.".into(),
            measures: Some("50 learners a term.".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let e = p.evidence("E1").unwrap();
    assert!(
        e.description.contains("40 learners a term"),
        "the record is what it was when made"
    );
    assert_eq!(e.source.as_ref().unwrap().status, SourceStatus::Changed);
    assert!(e.source.unwrap().status_text.contains("has changed since"));
    p.remove_agreement("AG1").unwrap();
    assert_eq!(
        p.evidence("E1").unwrap().source.unwrap().status,
        SourceStatus::Removed
    );

    // Item pages: what in the register could evidence P4, K9, P9.
    let k9 = p.partnership_sources_for_item("K9").unwrap();
    let sources: Vec<&str> = k9.iter().map(|s| s.source.as_str()).collect();
    assert_eq!(sources, ["PT1", "map"]);
    assert_eq!(k9[1].evidence, ["E2"]);
    assert!(p.partnership_sources_for_item("P9").unwrap().is_empty());
    p.add_health_check("PT1", "2026-10-15").unwrap();
    assert_eq!(
        p.partnership_sources_for_item("P9").unwrap()[0].source,
        "HC1"
    );
    assert!(p.partnership_sources_for_item("P10").unwrap().is_empty());
    p.close().unwrap();
}

/// A change to try on a portfolio.
type Change = Box<dyn Fn(&mut Portfolio) -> partnership_portfolio::Result<()>>;

/// Submits the learner's file and opens it as the assessor's copy.
fn assessor_copy(s: &Scene) -> PathBuf {
    let mut p = Portfolio::open(&s.file).unwrap();
    p.submit("Siân Llŷr-Ŵyn", "2026-11-01").unwrap();
    let sent = s.dir.path().join("sent.portfolio");
    p.save_copy(&sent).unwrap();
    p.close().unwrap();
    let copy = s.dir.path().join("assessor.portfolio");
    exchange::open_submission(&sent, &copy, "Màiri NicDhòmhnaill")
        .unwrap()
        .close()
        .unwrap();
    copy
}

#[test]
fn an_assessor_s_copy_shows_the_partnerships_and_refuses_every_change() {
    let s = scene();
    {
        let mut p = Portfolio::open(&s.file).unwrap();
        p.add_health_check("PT1", "2026-10-15").unwrap();
        p.add_note(
            "PT1",
            &note(
                NoteKind::Disagreement,
                "2026-10-20",
                &"We disagreed about the room; we split the week. ".repeat(12),
                &["Eleri Hughes"],
            ),
        )
        .unwrap();
        p.close().unwrap();
    }
    let copy = assessor_copy(&s);
    let before = common::snapshot(s.dir.path());
    let mut a = Portfolio::open(&copy).unwrap();
    let notes = a.partnership("PT1").unwrap().notes;
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0].text.chars().count(),
        575,
        "a long note passes the gate's limits whole"
    );
    let changes: Vec<Change> = vec![
        Box::new(|p| {
            p.add_partner(&PartnerInput::named("New", PartnerType::Other))
                .map(drop)
        }),
        Box::new(|p| p.update_partner("PT1", &library()).map(drop)),
        Box::new(|p| p.place_partner("PT1", None).map(drop)),
        Box::new(|p| p.remove_partner("PT1")),
        Box::new(|p| p.remove_note("N1")),
        Box::new(|p| {
            p.revise_agreement(
                "AG1",
                &AgreementRevisionInput {
                    what_changed: "x".into(),
                    why: "y".into(),
                    ..Default::default()
                },
            )
            .map(drop)
        }),
        Box::new(|p| p.remove_agreement("AG1")),
        Box::new(|p| p.add_health_check_response("HC1", "Màiri", &[]).map(drop)),
        Box::new(|p| p.remove_health_check("HC1")),
        Box::new(|p| {
            p.add_action(
                "PT1",
                &ActionInput {
                    action: "x".into(),
                    element: "goals".into(),
                    owner: "y".into(),
                    due: "2027-01-01".into(),
                    health_check: None,
                },
            )
            .map(drop)
        }),
        Box::new(|p| p.make_evidence("AG1", &MakeEvidence::default()).map(drop)),
    ];
    for change in changes {
        let err = change(&mut a).unwrap_err();
        assert_eq!(err.code, ErrorCode::ReadOnly, "{}", err.message);
    }
    a.close().unwrap();
    assert_eq!(common::snapshot(s.dir.path()), before);
}

#[test]
fn the_fingerprint_moves_with_every_partnership_field_and_changes_are_named() {
    let s = scene();
    let mut p = Portfolio::open(&s.file).unwrap();
    p.record_health_check(
        "PT1",
        &HealthCheckResponseInput {
            respondent: "Siân".into(),
            date: Some("2026-10-15".into()),
            answers: answers(&[("goals.1", Some(4))]),
        },
    )
    .unwrap();
    p.add_note(
        "PT1",
        &note(NoteKind::Meeting, "2026-10-01", "Planning.", &[]),
    )
    .unwrap();
    p.add_action(
        "PT1",
        &ActionInput {
            action: "Book the room.".into(),
            element: "resources".into(),
            owner: "Siân".into(),
            due: "2026-12-01".into(),
            health_check: None,
        },
    )
    .unwrap();
    let v1 = p.submit("Siân Llŷr-Ŵyn", "2026-11-01").unwrap();
    type Step = (
        &'static str,
        Box<dyn Fn(&mut Portfolio) -> partnership_portfolio::Result<()>>,
    );
    let note_step = |kind: NoteKind, with: &'static [&'static str]| -> Change {
        Box::new(move |p| {
            let changed = note(kind, "2026-10-01", "Planning the term.", with);
            p.update_note("N1", &changed).map(drop)
        })
    };
    // One field at a time, each on top of the last.
    let field = |f: fn(&mut PartnerInput)| -> Change {
        Box::new(move |p| {
            let mut input = p.partner("PT1")?.to_input();
            f(&mut input);
            p.update_partner("PT1", &input).map(drop)
        })
    };
    let steps: Vec<Step> = vec![
        (
            "partner PT1's name",
            field(|i| i.name = "Llandudno Library".into()),
        ),
        (
            "partner PT1's type",
            field(|i| i.kind = PartnerType::Government),
        ),
        (
            "partner PT1's role and responsibilities",
            field(|i| i.role = "Other".into()),
        ),
        (
            "partner PT1's interests and concerns",
            field(|i| i.interests = "Other".into()),
        ),
        (
            "partner PT1's services",
            field(|i| i.services = "Other".into()),
        ),
        (
            "partner PT1's information needs",
            field(|i| i.info_needs = "Other".into()),
        ),
        (
            "partner PT1's information agreed to be shared",
            field(|i| i.info_shared = "Other".into()),
        ),
        (
            "partner PT1's information that may not be shared",
            field(|i| i.info_withheld = "Other".into()),
        ),
        (
            "partner PT1's interest",
            field(|i| i.interest = Some(Level::Low)),
        ),
        (
            "partner PT1's influence",
            field(|i| i.influence = Some(Level::Low)),
        ),
        (
            "partner PT1's contacts",
            field(|i| i.contacts[0].reach = "eleri@example.org".into()),
        ),
        ("note N1's text", note_step(NoteKind::Meeting, &[])),
        ("note N1's kind", note_step(NoteKind::Decision, &[])),
        (
            "note N1's list of who took part",
            note_step(NoteKind::Decision, &["Eleri"]),
        ),
        (
            "agreement AG1's text or revisions",
            Box::new(|p| {
                p.revise_agreement(
                    "AG1",
                    &AgreementRevisionInput {
                        what_changed: "x".into(),
                        why: "y".into(),
                        ..Default::default()
                    },
                )
                .map(drop)
            }),
        ),
        (
            "health check HC1's answers",
            Box::new(|p| {
                p.replace_health_check_response("HC1", "Siân", &answers(&[("goals.1", Some(3))]))
                    .map(drop)
            }),
        ),
        (
            "health check HC1's answers",
            Box::new(|p| {
                p.add_health_check_response("HC1", "Eleri", &answers(&[("goals.1", None)]))
                    .map(drop)
            }),
        ),
        (
            "action AC1's done date",
            Box::new(|p| p.set_action_done("AC1", true, Some("2026-11-20")).map(drop)),
        ),
        (
            "note N2 (added)",
            Box::new(|p| {
                p.add_note(
                    "PT1",
                    &note(NoteKind::Feedback, "2026-11-02", "Asked for views.", &[]),
                )
                .map(drop)
            }),
        ),
        ("action AC1 (removed)", Box::new(|p| p.remove_action("AC1"))),
    ];
    let mut previous = p.content_fingerprint().unwrap();
    for (named, step) in &steps {
        step(&mut p).unwrap();
        let now = p.content_fingerprint().unwrap();
        assert_ne!(now, previous, "{named}: the fingerprint must change");
        previous = now;
        let v = p.submit("Siân Llŷr-Ŵyn", "2026-11-01").unwrap();
        let changes = p.changes_between(v.version - 1, v.version).unwrap();
        let said: Vec<&str> = changes
            .partnership_changes
            .iter()
            .map(|c| c.what.as_str())
            .collect();
        assert_eq!(said, [*named], "{named}");
    }
    assert!(v1.version == 1);
    let report = p.verify().unwrap();
    assert!(report.ok(), "{:?}", report.problems);
    p.close().unwrap();
}

#[test]
fn an_older_portfolio_opens_with_an_empty_register_and_its_parts_as_they_were() {
    let dir = common::temp_dir();
    let file = dir.path().join("old.portfolio");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/portfolio-schema-v1.portfolio"),
        &file,
    )
    .unwrap();
    let p = Portfolio::open(&file).unwrap();
    assert!(p.partners().unwrap().is_empty());
    assert!(p.stakeholder_map().unwrap().unplaced.is_empty());
    // Without partnerships, the canonical parts are what they always were:
    // no partnership parts, no `source` in any evidence part.
    for part in p.content_parts().unwrap() {
        let kind = part.key.split(':').next().unwrap();
        assert!(
            ["profile", "standard", "item", "evidence"].contains(&kind),
            "{}",
            part.key
        );
        assert!(!part.content.contains("\"source\""), "{}", part.key);
    }
    p.close().unwrap();
}

// ----- the PDF ------------------------------------------------------------------

/// A partnership with everything the PDF shows: a revised agreement, one
/// past its review date, two checks by two respondents who disagree on
/// goals, an overdue action, a note.
fn full_scene() -> Scene {
    let s = scene();
    let mut p = Portfolio::open(&s.file).unwrap();
    p.revise_agreement(
        "AG1",
        &AgreementRevisionInput {
            what_changed: "Moved to Thursdays.".into(),
            why: "The room was double-booked.".into(),
            revised_on: Some("2026-10-01".into()),
            arrangements: Some("Thursdays in the community room.".into()),
            ..Default::default()
        },
    )
    .unwrap();
    p.add_agreement(
        "PT1",
        &AgreementInput {
            aims: "Share the summer leaflets.".into(),
            arrangements: "Both desks.".into(),
            measures: "All handed out.".into(),
            monitoring: "Count in August.".into(),
            agreed_on: "2026-05-01".into(),
            review_by: "2026-09-01".into(),
        },
    )
    .unwrap();
    let mut sian = element_scores("goals", Some(5));
    sian.extend(element_scores("trust", Some(4)));
    let mut eleri = element_scores("goals", Some(2));
    eleri.extend(element_scores("trust", Some(4)));
    for (who, scores, date) in [
        ("Siân Llŷr-Ŵyn", &sian, "2026-06-01"),
        ("Eleri Hughes", &eleri, "2026-06-01"),
        (
            "Siân Llŷr-Ŵyn",
            &element_scores("goals", Some(4)),
            "2026-11-01",
        ),
        (
            "Eleri Hughes",
            &element_scores("goals", Some(4)),
            "2026-11-01",
        ),
    ] {
        p.record_health_check(
            "PT1",
            &HealthCheckResponseInput {
                respondent: who.into(),
                date: Some(date.into()),
                answers: answers(scores),
            },
        )
        .unwrap();
    }
    p.add_action(
        "PT1",
        &ActionInput {
            action: "Agree one list of shared goals.".into(),
            element: "goals".into(),
            owner: "Eleri Hughes".into(),
            due: "2026-12-01".into(),
            health_check: Some("HC1".into()),
        },
    )
    .unwrap();
    p.add_note(
        "PT1",
        &note(
            NoteKind::Consultation,
            "2026-09-20",
            "Asked the library before changing the day.",
            &["Eleri Hughes"],
        ),
    )
    .unwrap();
    p.close().unwrap();
    s
}

#[test]
fn what_a_removal_does_is_said_once_for_each_kind_before_and_as_it_is_done() {
    let s = full_scene();
    let mut p = Portfolio::open(&s.file).unwrap();
    for source in ["N1", "HC1", "AG1"] {
        p.make_evidence(source, &MakeEvidence::default()).unwrap();
    }
    p.add_action(
        "PT1",
        &ActionInput {
            action: "Ring Jo.".into(),
            element: "trust".into(),
            owner: "Siân".into(),
            due: "2026-12-05".into(),
            health_check: None,
        },
    )
    .unwrap();
    p.close().unwrap();
    let before = common::snapshot(s.dir.path());
    let p = Portfolio::open_read_only(&s.file).unwrap();
    let made = |e: &partnership_portfolio::partnerships::RemovalEffects| -> Vec<(String, String)> {
        e.evidence
            .iter()
            .map(|m| (m.evidence.clone(), m.source.clone()))
            .collect()
    };
    let pair = |e: &str, s: &str| (e.to_string(), s.to_string());

    let note = p.removal_effects("n1").unwrap();
    assert_eq!(
        (note.kind, note.reference.as_str(), note.partner.as_str()),
        (RecordKind::Note, "N1", "PT1")
    );
    assert_eq!(
        (note.date.as_str(), note.label.as_str()),
        ("2026-09-20", "Consultation before a decision")
    );
    assert_eq!(made(&note), [pair("E1", "N1")]);
    assert_eq!(note.evidence_after, SourceStatus::Removed);

    let revised = p.removal_effects("AG1").unwrap();
    assert_eq!(
        (revised.revisions, revised.date.as_str()),
        (1, "2026-09-01")
    );
    assert_eq!(made(&revised), [pair("E3", "AG1")]);
    let plain = p.removal_effects("AG2").unwrap();
    assert_eq!(plain.revisions, 0);
    assert!(plain.evidence.is_empty());

    let check = p.removal_effects("HC1").unwrap();
    assert_eq!(check.respondents, ["Siân Llŷr-Ŵyn", "Eleri Hughes"]);
    assert_eq!(check.actions_kept, ["AC1"], "its actions stay in the plan");
    assert_eq!(made(&check), [pair("E2", "HC1")]);
    assert_eq!(check.evidence_after, SourceStatus::Removed);
    // Added with no check named, the action answers the latest (HC2).
    assert_eq!(p.removal_effects("HC2").unwrap().actions_kept, ["AC2"]);

    // An action is part of its check: the check's evidence will say it has changed.
    let action = p.removal_effects("AC1").unwrap();
    assert_eq!(action.label, "Agree one list of shared goals.");
    assert_eq!(action.evidence_source.as_deref(), Some("HC1"));
    assert_eq!(made(&action), [pair("E2", "HC1")]);
    assert_eq!(action.evidence_after, SourceStatus::Changed);
    let nothing_made = p.removal_effects("AC2").unwrap();
    assert_eq!(nothing_made.evidence_source.as_deref(), Some("HC2"));
    assert!(nothing_made.evidence.is_empty());

    for (reference, code) in [
        ("PT1", ErrorCode::InvalidInput),
        ("E1", ErrorCode::InvalidInput),
        ("map", ErrorCode::InvalidInput),
        ("AC9", ErrorCode::NotFound),
    ] {
        assert_eq!(
            p.removal_effects(reference).unwrap_err().code,
            code,
            "{reference}"
        );
    }
    p.close().unwrap();
    assert_eq!(
        common::snapshot(s.dir.path()),
        before,
        "asking writes nothing"
    );

    // The removal does what was said, and gives the page as it is after.
    let mut p = Portfolio::open(&s.file).unwrap();
    let err = p
        .remove_partnership_record(RecordKind::Note, "AC1")
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput, "{}", err.message);
    let done = p
        .remove_partnership_record(RecordKind::HealthCheck, "hc1")
        .unwrap();
    assert_eq!(done.removed, check);
    let checks: Vec<&str> = done
        .partnership
        .health_checks
        .iter()
        .map(|c| c.reference.as_str())
        .collect();
    assert_eq!(checks, ["HC2"]);
    assert!(done
        .partnership
        .actions
        .iter()
        .any(|a| a.reference == "AC1"));
    assert_eq!(
        p.evidence("E2").unwrap().source.unwrap().status,
        SourceStatus::Removed
    );
    p.close().unwrap();
}

#[test]
fn the_pdf_has_a_partnerships_section_after_the_witness_list() {
    use pdf_tools::{p as path_str, squash, tool_ok};
    let s = full_scene();
    let pdf = s.dir.path().join("portfolio.pdf");
    let p = Portfolio::open(&s.file).unwrap();
    // Exported on 1 January 2027: AG2 (review by September) and AC1 (due
    // December) are overdue then, AG1 is not.
    let at: jiff::Timestamp = "2027-01-01T10:00:00Z".parse().unwrap();
    partnership_portfolio::export::write_pdf(&p, &pdf, at, &mut |_| {}).unwrap();
    p.close().unwrap();
    tool_ok("qpdf", &["--check", path_str(&pdf)]);
    // Compared without spaces and hyphens, as pdftotext breaks lines its own way.
    let text = squash(&tool_ok("pdftotext", &[path_str(&pdf), "-"]));
    let at = |needle: &str| {
        text.find(&squash(needle))
            .unwrap_or_else(|| panic!("{needle:?} is not in the PDF:\n{text}"))
    };
    // Where the section is: after the witness list, before the items.
    let section = at("Partnerships The learner’s register of 1 partner");
    assert!(text.rfind("Witnessstatuslist").unwrap() < section);
    assert!(
        section
            < text
                .rfind(&squash("Performance criteria (P1–P15)"))
                .unwrap()
    );
    for needle in [
        // The register as a table, and the map with its text equivalent.
        "PT1 Llyfrgell Llandudno Library",
        "High / high",
        "Stakeholder map of 1 partner by their influence over and interest in my work. High influence, high interest (work closely with them): Llyfrgell Llandudno Library (PT1).",
        "Eleri Hughes, Library manager, 01492 574 010",
        "Learners' names and contact details.",
        // Agreements with their revision history.
        "AG1 agreed 1 September 2026; review by 1 March 2027; 1 revision",
        "Thursdays in the community room.",
        "Moved to Thursdays.",
        "The room was double-booked.",
        "Before revision 1 (1 Oct 2026), the working arrangements read: The library lends the room on Tuesdays; we tutor.",
        "AG2 agreed 1 May 2026; review by 1 September 2026 — overdue for review",
        // Health checks: the chart's caption, the table, the flag, the trend.
        "HC1: the mean score on each element; the table below gives the same figures.",
        "Yes, by 3.00",
        "Views differ by two points or more on clear shared goals: worth talking about.",
        "HC2 on 1 November 2026, answered by Siân Llŷr-Ŵyn and Eleri Hughes; compared with HC1",
        "Improved +0.50",
        "Improved since HC1: clear shared goals.",
        // The action plan and the notes.
        "Agree one list of shared goals.",
        "Overdue",
        "N1 Consultation before a decision, 20 September 2026; with Eleri Hughes",
    ] {
        at(needle);
    }
    assert_eq!(
        text.matches("overdueforreview").count(),
        1,
        "only AG2 is overdue"
    );
    // Bookmarked and in the contents.
    let json = tool_ok("qpdf", &["--json", "--json-key=outlines", path_str(&pdf)]);
    assert!(json.contains("\"title\": \"Partnerships\""), "{json}");
    assert!(json.contains("\"title\": \"PT1 Llyfrgell Llandudno Library\""));
    assert!(json.contains("\"title\": \"Stakeholder map\""));
    assert!((1..=4).any(|n| {
        let page = pdf_tools::page_text(&pdf, n);
        page.contains("Contents") && page.contains("Partnerships")
    }));
    // Tagged: the map and each check's chart are figures with their text equivalent.
    let tree = pdf_structure::check(&pdf);
    let alts: Vec<String> = tree
        .with_role("Figure")
        .map(|(_, f)| f.alt.clone().unwrap())
        .collect();
    assert_eq!(alts.len(), 3, "{alts:?}");
    assert!(
        alts[0].starts_with("Stakeholder map of 1 partner"),
        "{}",
        alts[0]
    );
    assert!(
        alts[1]
            .contains("Clear shared goals 3.50 (developing), views differ by two points or more"),
        "{}",
        alts[1]
    );
    assert!(
        alts[2].contains("Clear shared goals 4.00 (strength), improved since HC1"),
        "{}",
        alts[2]
    );
    // The results tables have their headers.
    let printed = pdf_structure::printed(&pdf);
    assert!(printed
        .iter()
        .any(|e| e.role == "TH" && e.text.contains("Views differ")));
}

#[test]
fn the_blank_form_has_every_statement_with_boxes_the_partnership_and_the_date() {
    use pdf_tools::{normalise, p as path_str, tool_ok};
    let s = scene();
    let form = s.dir.path().join("form.pdf");
    let f = s.file.to_str().unwrap();
    let said = common::cli_ok(&[
        "health-check",
        "form",
        f,
        "PT1",
        "-o",
        path_str(&form),
        "--date",
        "2026-12-03",
    ]);
    assert!(said.starts_with("Wrote "), "{said}");
    tool_ok("qpdf", &["--check", path_str(&form)]);
    let info = tool_ok("pdfinfo", &[path_str(&form)]);
    assert!(
        info.contains("Title:           Partnership health check: Llyfrgell Llandudno Library"),
        "{info}"
    );
    assert!(
        info.lines()
            .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
        "{info}"
    );
    let text = normalise(&tool_ok("pdftotext", &[path_str(&form), "-"]));
    for needle in [
        "The partnership with Llyfrgell Llandudno Library",
        "Llyfrgell Llandudno Library (PT1)",
        "3 December 2026",
        "Your name",
        "Tick one box for each statement",
    ] {
        assert!(text.contains(needle), "{needle:?} not in:\n{text}");
    }
    let squashed = pdf_tools::squash(&text);
    let mut statements = 0;
    for e in TEMPLATE.elements {
        assert!(text.contains(e.name), "{}", e.name);
        for st in e.statements {
            assert!(
                squashed.contains(&pdf_tools::squash(st.text)),
                "{} missing",
                st.id
            );
            assert!(text.contains(st.id), "{} missing", st.id);
            statements += 1;
        }
    }
    assert_eq!(statements, 33);
    // A box for each score and for "don't know", on every statement.
    assert_eq!(text.matches('☐').count(), statements * 6);
    pdf_structure::check(&form);
    // Nothing is written for a partner that does not exist.
    let other = s.dir.path().join("other.pdf");
    let err = common::cli_refused(&["health-check", "form", f, "PT7", "-o", path_str(&other)]);
    assert!(err.contains("There is no partner PT7"), "{err}");
    assert!(!other.exists());
}

// ----- the command line -------------------------------------------------------------

#[test]
fn the_cli_keeps_the_register_and_refuses_bad_input_writing_nothing() {
    use common::{cli_ok as ok, cli_refused as refused};
    let dir = common::temp_dir();
    let file = common::new_portfolio(dir.path(), "siân.portfolio");
    let f = file.to_str().unwrap();
    let said = ok(&[
        "partner",
        "add",
        f,
        "--name",
        "Age Cymru Conwy",
        "--type",
        "community-group",
        "--interest",
        "high",
        "--influence",
        "low",
        "--role",
        "Older people's charity",
        "--contact",
        "Mair Jones, Co-ordinator, 01492 000 000",
        "--contact",
        "Tom Price, Volunteer lead",
    ]);
    assert_eq!(
        said,
        "Added partner PT1 “Age Cymru Conwy” (community group or organisation).\n"
    );
    ok(&[
        "partner",
        "add",
        f,
        "--name",
        "Conwy Council",
        "--type",
        "government",
    ]);
    ok(&[
        "agreement",
        "add",
        f,
        "PT1",
        "--aims",
        "Tea and tablets",
        "--arrangements",
        "Mondays",
        "--measures",
        "20 people",
        "--monitoring",
        "Sign-in sheet",
        "--agreed",
        "2026-01-10",
        "--review-by",
        "2026-06-30",
    ]);
    ok(&[
        "agreement",
        "revise",
        f,
        "AG1",
        "--what",
        "Added Fridays",
        "--why",
        "Demand",
        "--review-by",
        "2027-06-30",
        "--date",
        "2026-07-01",
    ]);
    let answers = dir.path().join("answers.json");
    std::fs::write(&answers, r#"{"goals.1": 5, "goals.2": 4, "trust.1": null, "comments": {"goals.1": "Clear to us both"}}"#).unwrap();
    ok(&[
        "health-check",
        "add",
        f,
        "PT1",
        "--respondent",
        "Mair Jones",
        "--answers",
        answers.to_str().unwrap(),
        "--date",
        "2026-08-01",
    ]);
    std::fs::write(&answers, r#"{"goals.1": 2, "goals.2": 2}"#).unwrap();
    ok(&[
        "health-check",
        "add",
        f,
        "PT1",
        "--respondent",
        "Siân",
        "--answers",
        answers.to_str().unwrap(),
        "--date",
        "2026-08-01",
    ]);
    ok(&[
        "action",
        "add",
        f,
        "PT1",
        "--action",
        "Write the goals down together",
        "--element",
        "goals",
        "--owner",
        "Siân",
        "--due",
        "2026-09-01",
    ]);
    ok(&[
        "note",
        "add",
        f,
        "PT1",
        "--kind",
        "disagreement",
        "--date",
        "2026-08-02",
        "--text",
        "We saw the goals differently.",
        "--with",
        "Mair Jones, Siân",
    ]);

    // --json gives the core's types.
    let checks: serde_json::Value =
        serde_json::from_str(&ok(&["health-check", "show", f, "PT1", "--json"])).unwrap();
    let goals = &checks[0]["results"][0];
    assert_eq!(goals["element"], "goals");
    assert_eq!(goals["respondents"][0]["mean"], 4.5);
    assert_eq!(goals["respondents"][1]["mean"], 2.0);
    assert_eq!(goals["mean"], 3.25);
    assert_eq!(goals["band"], "developing");
    assert_eq!(goals["spread"]["flagged"], true);
    assert_eq!(goals["change"], serde_json::Value::Null);
    assert_eq!(
        checks[0]["results"][6]["mean"],
        serde_json::Value::Null,
        "trust: only don't know"
    );
    let page: serde_json::Value =
        serde_json::from_str(&ok(&["partner", "show", f, "PT1", "--json"])).unwrap();
    assert_eq!(page["partner"]["contacts"][1]["name"], "Tom Price");
    assert_eq!(
        page["agreements"][0]["versions"][1]["what_changed"],
        "Added Fridays"
    );
    assert_eq!(
        page["notes"][0]["participants"],
        serde_json::json!(["Mair Jones", "Siân"])
    );
    assert_eq!(page["actions"][0]["health_check"], "HC1");
    let overdue: serde_json::Value =
        serde_json::from_str(&ok(&["agreement", "list", f, "--overdue", "--json"])).unwrap();
    assert_eq!(overdue, serde_json::json!([]));
    let template: serde_json::Value =
        serde_json::from_str(&ok(&["health-check", "template", "--json"])).unwrap();
    assert_eq!(template["elements"].as_array().unwrap().len(), 8);
    let ids: usize = template["elements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["statements"].as_array().unwrap().len())
        .sum();
    assert_eq!(ids, 33);
    let history = ok(&["history", f]);
    assert!(history.contains("AG1 revised: Added Fridays"), "{history}");
    assert!(history.contains("PT2 added: Conwy Council"), "{history}");
    let made = ok(&["partner", "evidence", f, "HC1", "--maps", "P9,K23"]);
    assert!(
        made.starts_with("Made E1 “Partnership health check with Age Cymru Conwy, 2026-08-01”"),
        "{made}"
    );
    assert!(made.contains("mapped to P9, K23"), "{made}");
    let e: serde_json::Value =
        serde_json::from_str(&ok(&["evidence", "show", f, "E1", "--json"])).unwrap();
    assert_eq!(e["source"]["source"], "HC1");
    assert_eq!(e["source"]["status"], "unchanged");

    // Bad input: a clear line each, and the file as it was.
    let good = dir.path().join("good.json");
    std::fs::write(&good, r#"{"goals.1": 3}"#).unwrap();
    let not_json = dir.path().join("not.json");
    std::fs::write(&not_json, "goals.1 = 4").unwrap();
    std::fs::write(&answers, r#"{"goals.1": 9}"#).unwrap();
    let unknown = dir.path().join("unknown.json");
    std::fs::write(&unknown, r#"{"goals.99": 3}"#).unwrap();
    let before = common::snapshot(dir.path());
    for (args, says) in [
        (
            vec![
                "partner",
                "add",
                f,
                "--name",
                "age cymru conwy",
                "--type",
                "other",
            ],
            "There is already a partner called “Age Cymru Conwy” (PT1)",
        ),
        (
            vec!["partner", "add", f, "--name", "X", "--type", "charity"],
            "\"charity\" is not a partner type; use one of: colleague, partner-agency",
        ),
        (
            vec![
                "health-check",
                "add",
                f,
                "PT1",
                "--respondent",
                "Tom",
                "--answers",
                not_json.to_str().unwrap(),
            ],
            "not valid JSON",
        ),
        (
            vec![
                "health-check",
                "add",
                f,
                "PT1",
                "--respondent",
                "Tom",
                "--answers",
                answers.to_str().unwrap(),
            ],
            "The score for goals.1 is 9",
        ),
        (
            vec![
                "health-check",
                "add",
                f,
                "PT1",
                "--respondent",
                "Tom",
                "--answers",
                unknown.to_str().unwrap(),
            ],
            "“goals.99” is not a statement",
        ),
        (
            vec![
                "health-check",
                "add",
                f,
                "PT9",
                "--respondent",
                "Tom",
                "--answers",
                good.to_str().unwrap(),
            ],
            "There is no partner PT9",
        ),
        (
            vec![
                "health-check",
                "add",
                f,
                "PT1",
                "--respondent",
                "mair jones",
                "--answers",
                good.to_str().unwrap(),
                "--date",
                "2026-08-01",
            ],
            "has already answered health check HC1",
        ),
        (
            vec![
                "agreement",
                "add",
                f,
                "PT1",
                "--aims",
                "a",
                "--arrangements",
                "b",
                "--measures",
                "c",
                "--monitoring",
                "d",
                "--agreed",
                "2026-05-01",
                "--review-by",
                "2026-04-01",
            ],
            "is before the date agreed",
        ),
        (
            vec![
                "note",
                "add",
                f,
                "PT9",
                "--kind",
                "meeting",
                "--date",
                "2026-01-01",
                "--text",
                "x",
            ],
            "There is no partner PT9",
        ),
        (vec!["action", "done", f, "AC9"], "There is no action AC9"),
        (
            vec!["partner", "evidence", f, "E1"],
            "is not something in the partnership register",
        ),
    ] {
        let err = refused(&args);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(common::snapshot(dir.path()), before);
}

#[test]
fn the_cli_changes_a_note_and_removes_records_which_leave_the_pdf_and_the_open_export() {
    use common::{cli_ok as ok, cli_refused as refused};
    use pdf_tools::{p as path_str, squash, tool_ok};
    let s = full_scene();
    let f = s.file.to_str().unwrap();
    {
        let mut p = Portfolio::open(&s.file).unwrap();
        p.make_evidence("N1", &MakeEvidence::default()).unwrap();
        p.make_evidence("HC1", &MakeEvidence::default()).unwrap();
        p.close().unwrap();
    }

    // Bad input: a clear line each, and nothing written.
    let before = common::snapshot(s.dir.path());
    for (args, says) in [
        (
            vec!["note", "edit", f, "N1"],
            "Say what to change in the note: --kind, --date, --text or --with.",
        ),
        (
            vec!["note", "edit", f, "N9", "--text", "x"],
            "There is no note N9",
        ),
        (
            vec!["note", "edit", f, "N1", "--date", "2026-02-30"],
            "is not a date",
        ),
        (
            vec!["note", "edit", f, "N1", "--text", " "],
            "A note needs some text",
        ),
        (
            vec!["note", "edit", f, "N1", "--kind", "party"],
            "\"party\" is not a kind of note",
        ),
        (
            vec!["note", "remove", f, "AC1"],
            "\"AC1\" is not a note reference",
        ),
        (vec!["note", "remove", f, "N9"], "There is no note N9"),
        (vec!["action", "remove", f, "AC9"], "There is no action AC9"),
        (
            vec!["agreement", "remove", f, "AG9"],
            "There is no agreement AG9",
        ),
        (
            vec!["health-check", "remove", f, "HC9"],
            "There is no health check HC9",
        ),
        (
            vec!["health-check", "remove", f, "PT1"],
            "\"PT1\" is not a health check reference",
        ),
    ] {
        let err = refused(&args);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(common::snapshot(s.dir.path()), before, "nothing is written");

    // A note changed: what is given is replaced, the rest stays.
    let said = ok(&[
        "note",
        "edit",
        f,
        "N1",
        "--text",
        "Asked the library before moving to Thursdays.",
    ]);
    assert_eq!(
        said,
        "Changed note N1 of PT1: consultation before a decision, 2026-09-20, with Eleri Hughes.\n"
    );
    let n: serde_json::Value = serde_json::from_str(&ok(&[
        "note",
        "edit",
        f,
        "N1",
        "--with",
        "Eleri Hughes, Gwen Parry",
        "--date",
        "2026-09-21",
        "--json",
    ]))
    .unwrap();
    assert_eq!(n["kind"], "consultation");
    assert_eq!(n["date"], "2026-09-21");
    assert_eq!(n["text"], "Asked the library before moving to Thursdays.");
    assert_eq!(
        n["participants"],
        serde_json::json!(["Eleri Hughes", "Gwen Parry"])
    );
    assert_eq!(
        ok(&["note", "edit", f, "N1", "--kind", "consultation"]),
        "Note N1 is as it was: nothing changed.\n"
    );
    let e1: serde_json::Value =
        serde_json::from_str(&ok(&["evidence", "show", f, "E1", "--json"])).unwrap();
    assert_eq!(e1["source"]["status"], "changed");

    // Removals say what became of the evidence made from the record, and of a check's actions.
    let said = ok(&["health-check", "remove", f, "HC1"]);
    assert!(
        said.starts_with(
            "Removed health check HC1 from the partnership with Llyfrgell Llandudno Library (PT1). Its actions stay in the plan: AC1. Evidence E2 “"
        ),
        "{said}"
    );
    assert!(
        said.ends_with(
            "” made from it stays as it was made, and now says its source has been removed.\n"
        ),
        "{said}"
    );
    let done: serde_json::Value =
        serde_json::from_str(&ok(&["action", "remove", f, "AC1", "--json"])).unwrap();
    assert_eq!(done["removed"]["kind"], "action");
    assert_eq!(done["removed"]["reference"], "AC1");
    assert_eq!(done["removed"]["label"], "Agree one list of shared goals.");
    // Its check was removed first: no evidence hangs on it any more.
    assert_eq!(done["removed"]["evidence_source"], serde_json::Value::Null);
    assert_eq!(done["removed"]["evidence"], serde_json::json!([]));
    let page = &done["partnership"];
    assert_eq!(page["partner"]["reference"], "PT1");
    assert_eq!(page["actions"], serde_json::json!([]));
    let checks: Vec<&str> = page["health_checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["reference"].as_str().unwrap())
        .collect();
    assert_eq!(checks, ["HC2"]);
    assert_eq!(
        ok(&["agreement", "remove", f, "ag2"]),
        "Removed agreement AG2 from the partnership with Llyfrgell Llandudno Library (PT1).\n"
    );
    let said = ok(&["note", "remove", f, "N1", "--json"]);
    let done: serde_json::Value = serde_json::from_str(&said).unwrap();
    assert_eq!(done["removed"]["evidence"][0]["evidence"], "E1");
    assert_eq!(done["removed"]["evidence"][0]["source"], "N1");
    assert_eq!(done["removed"]["evidence_after"], "removed");
    assert_eq!(done["partnership"]["notes"], serde_json::json!([]));
    let page: serde_json::Value =
        serde_json::from_str(&ok(&["partner", "show", f, "PT1", "--json"])).unwrap();
    assert_eq!(page["notes"], serde_json::json!([]));
    assert_eq!(page["agreements"].as_array().unwrap().len(), 1);
    assert_eq!(page["agreements"][0]["reference"], "AG1");
    for e in ["E1", "E2"] {
        let shown: serde_json::Value =
            serde_json::from_str(&ok(&["evidence", "show", f, e, "--json"])).unwrap();
        assert_eq!(shown["source"]["status"], "removed", "{e}");
    }
    // Removed again: there is no such record any more.
    let err = refused(&["note", "remove", f, "N1"]);
    assert!(err.contains("There is no note N1"), "{err}");
    // Each change is in the portfolio's append-only history, in order.
    let history = ok(&["history", f]);
    let at = |needle: &str| {
        history
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} is not in the history:\n{history}"))
    };
    let order = [
        at("N1 changed: Asked the library before moving to Thursdays."),
        at("HC1 removed"),
        at("AC1 removed"),
        at("AG2 removed"),
        at("N1 removed"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{history}");

    // The PDF's Partnerships section no longer has them; the evidence says its source has gone.
    let pdf = s.dir.path().join("portfolio.pdf");
    ok(&["pdf", f, "-o", path_str(&pdf)]);
    tool_ok("qpdf", &["--check", path_str(&pdf)]);
    let text = squash(&tool_ok("pdftotext", &[path_str(&pdf), "-"]));
    let start = text
        .find(&squash("Partnerships The learner’s register of 1 partner"))
        .unwrap();
    let end = text
        .rfind(&squash("Performance criteria (P1–P15)"))
        .unwrap();
    let section = &text[start..end];
    assert!(section.contains(&squash("AG1 agreed 1 September 2026")));
    assert!(section.contains("HC2"));
    for gone in [
        "Share the summer leaflets.",
        "Agree one list of shared goals.",
        "Asked the library before moving to Thursdays.",
        "HC1",
        "AG2",
        "AC1",
        "N1",
    ] {
        assert!(
            !section.contains(&squash(gone)),
            "{gone:?} is still in the Partnerships section"
        );
    }
    assert!(text.contains(&squash("which has since been removed from the register")));

    // The open export: the records are gone, their numbers are never used again,
    // and the evidence keeps its link to the source.
    let zip_path = s.dir.path().join("portfolio.zip");
    ok(&["export", f, "-o", path_str(&zip_path)]);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let json: serde_json::Value =
        serde_json::from_reader(archive.by_name("portfolio.json").unwrap()).unwrap();
    let register = &json["partnerships"];
    let partner = &register["partners"][0];
    assert_eq!(partner["notes"], serde_json::json!([]));
    assert_eq!(partner["actions"], serde_json::json!([]));
    let refs = |key: &str| -> Vec<String> {
        partner[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["reference"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(refs("agreements"), ["AG1"]);
    assert_eq!(refs("health_checks"), ["HC2"]);
    assert_eq!(register["next_numbers"]["note"], 2);
    assert_eq!(register["next_numbers"]["action"], 2);
    let sources: Vec<&str> = json["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["source"]["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["N1", "HC1"]);
}

#[test]
fn the_cli_says_an_action_s_removal_changes_the_evidence_made_from_its_check() {
    let s = full_scene();
    let f = s.file.to_str().unwrap();
    let mut p = Portfolio::open(&s.file).unwrap();
    let e = p.make_evidence("HC1", &MakeEvidence::default()).unwrap();
    p.close().unwrap();
    assert_eq!(
        common::cli_ok(&["action", "remove", f, "AC1"]),
        format!(
            "Removed action AC1 from the partnership with Llyfrgell Llandudno Library (PT1). Evidence E1 “{}” made from health check HC1 stays as it was made, and now says the check has changed since.\n",
            e.title
        )
    );
    let shown: serde_json::Value =
        serde_json::from_str(&common::cli_ok(&["evidence", "show", f, "E1", "--json"])).unwrap();
    assert_eq!(shown["source"]["status"], "changed");
}

#[test]
fn the_cli_puts_one_respondent_s_answers_right_and_refuses_bad_input_writing_nothing() {
    use common::{cli_ok as ok, cli_refused as refused};
    let s = full_scene();
    let f = s.file.to_str().unwrap();
    let write = |name: &str, json: &str| {
        let path = s.dir.path().join(name);
        std::fs::write(&path, json).unwrap();
        path.to_str().unwrap().to_string()
    };
    let good = write(
        "eleri.json",
        r#"{"goals.1": 3, "goals.2": 3, "trust.1": 4, "comments": {"goals.1": "Clearer now"}}"#,
    );
    let bad = write("bad.json", r#"{"goals.1": 6}"#);
    fn edit<'a>(f: &'a str, check: &'a str, who: &'a str, answers: &'a str) -> Vec<&'a str> {
        let command = ["health-check", "answers", "edit", f, check];
        [&command[..], &["--respondent", who, "--answers", answers]].concat()
    }
    let before = common::snapshot(s.dir.path());
    for (args, says) in [
        (
            edit(f, "HC1", "Gwen Parry", &good),
            "Nobody called “Gwen Parry” answered health check HC1.",
        ),
        (
            edit(f, "HC9", "Eleri Hughes", &good),
            "There is no health check HC9",
        ),
        (
            edit(f, "PT1", "Eleri Hughes", &good),
            "\"PT1\" is not a health check reference",
        ),
        (edit(f, "HC1", "Eleri Hughes", &bad), "goals.1"),
    ] {
        let err = refused(&args);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(common::snapshot(s.dir.path()), before, "nothing is written");

    // Eleri's answers replaced: she keeps her place, Siân's stay as they were.
    let siân_before = {
        let p = Portfolio::open_read_only(&s.file).unwrap();
        let c = p.health_check("HC1").unwrap();
        p.close().unwrap();
        c.respondents[0].clone()
    };
    let said = ok(&edit(f, "hc1", "eleri hughes", &good));
    assert_eq!(
        said,
        "Changed Eleri Hughes’s answers in health check HC1 of Llyfrgell Llandudno Library on 2026-06-01 (3 scored, 30 don’t know).\n"
    );
    let check: serde_json::Value = serde_json::from_str(&ok(&[
        edit(f, "HC1", "Eleri Hughes", &good),
        vec!["--json"],
    ]
    .concat()))
    .unwrap();
    assert_eq!(check["reference"], "HC1");
    let eleri = &check["respondents"][1];
    assert_eq!(eleri["respondent"], "Eleri Hughes");
    assert_eq!(
        (eleri["scored"].as_u64(), eleri["dont_know"].as_u64()),
        (Some(3), Some(30))
    );
    let goals1 = eleri["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["statement_id"] == "goals.1")
        .unwrap();
    assert_eq!(
        (goals1["score"].as_u64(), goals1["comment"].as_str()),
        (Some(3), Some("Clearer now"))
    );
    let p = Portfolio::open_read_only(&s.file).unwrap();
    assert_eq!(p.health_check("HC1").unwrap().respondents[0], siân_before);
    p.close().unwrap();
    assert_eq!(
        ok(&[
            "health-check",
            "answers",
            "edit",
            f,
            "HC1",
            "--respondent",
            "Eleri Hughes",
            "--answers",
            &good
        ]),
        "Eleri Hughes’s answers in health check HC1 are as they were: nothing changed.\n"
    );
    // Once in the history, by the name as recorded (typed in lower case).
    let history = ok(&["history", f]);
    assert_eq!(
        history
            .matches("HC1 response_changed: Eleri Hughes")
            .count(),
        1,
        "{history}"
    );
}
