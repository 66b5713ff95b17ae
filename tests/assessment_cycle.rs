//! The assessment cycle against real files: the assessment plan (drafted by
//! either side, agreed only when both accepted the same content), progress
//! reviews signed by each side, and the feedback thread with the learner's
//! replies; through the exchange (submit, open-submission, judge, return,
//! receive, resubmit), the command line (`plan`, `review`, `reply`), the PDF
//! (read back with pdftotext) and the open export; and the refusals: a plan
//! accepted on other content, an assessor's copy changing the learner's
//! acceptance or replies, a learner writing the assessor's feedback.

mod common;
#[path = "support/pdf_tools.rs"]
mod pdf_tools;

use partnership_portfolio::evidence::{EvidenceInput, EvidenceMethod, Mapping, NewEvidence};
use partnership_portfolio::exchange::{self, JudgementOutcome, Role};
use partnership_portfolio::reviews::ReviewInput;
use partnership_portfolio::{ErrorCode, Portfolio};
use std::path::{Path, PathBuf};

const ASSESSOR: &str = "Màiri NicDhòmhnaill";
const LEARNER: &str = "Siân Llŷr-Ŵyn";

fn review(next: &str, target: &str) -> ReviewInput {
    ReviewInput {
        held_on: Some("2026-10-20".into()),
        next_steps: next.into(),
        next_target: target.into(),
        notes: "Met at the centre.".into(),
        learner_name: LEARNER.into(),
        assessor_name: ASSESSOR.into(),
    }
}

fn items(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

/// A learner's portfolio with a plan for P1, P2 (observation) and K4
/// (professional discussion), accepted by the learner, one review, and
/// evidence mapped to P1.
fn planned(dir: &Path) -> PathBuf {
    let path = common::new_portfolio(dir, "learner.portfolio");
    let mut p = Portfolio::open(&path).unwrap();
    p.set_plan(
        &items(&["P1", "P2"]),
        &[EvidenceMethod::Observation],
        "2026-11-15",
        "At the steering group in November.",
    )
    .unwrap();
    p.set_plan(
        &items(&["K4"]),
        &[
            EvidenceMethod::ReflectiveAccount,
            EvidenceMethod::ProfessionalDiscussion,
        ],
        "2027-01-31",
        "",
    )
    .unwrap();
    let plan = p.assessment_plan_on("2026-10-01").unwrap();
    p.accept_plan(LEARNER, &plan.fingerprint).unwrap();
    p.add_review(&review("Write the account of P1.", "2026-11-01"))
        .unwrap();
    p.add_evidence(NewEvidence {
        input: EvidenceInput {
            title: "Minutes of the steering group".into(),
            method: EvidenceMethod::Product,
            activity_date: Some("2026-10-12".into()),
            description: String::new(),
            witness: None,
            confidential: None,
        },
        attach: vec![],
        mappings: vec![Mapping {
            item_id: "P1".into(),
            note: "I chaired it.".into(),
        }],
    })
    .unwrap();
    p.close().unwrap();
    path
}

/// The assessor's copy in `dir`.
fn copy_in(dir: &Path) -> PathBuf {
    dir.join("assessor.portfolio")
}

/// One round of the exchange through real files: the learner submits
/// version `n` (`sent-n.portfolio`), the assessor opens it into their copy
/// and does `assess`; with `back`, they return it and the learner receives
/// it. Returns the file sent.
fn round(
    dir: &Path,
    learner: &Path,
    n: u32,
    back: bool,
    assess: impl FnOnce(&mut Portfolio),
) -> PathBuf {
    let sent = dir.join(format!("sent-{n}.portfolio"));
    let mut p = Portfolio::open(learner).unwrap();
    p.submit(LEARNER, &format!("2026-10-2{n}")).unwrap();
    p.save_exchange_file(&sent, None).unwrap();
    p.close().unwrap();
    let mut a = exchange::open_submission(&sent, &copy_in(dir), ASSESSOR).unwrap();
    assess(&mut a);
    if back {
        let returned = dir.join(format!("returned-{n}.portfolio"));
        a.return_to_learner(&returned, None).unwrap();
        let mut p = Portfolio::open(learner).unwrap();
        p.receive(&returned).unwrap();
        p.close().unwrap();
    }
    a.close().unwrap();
    sent
}

#[test]
fn the_plan_is_agreed_only_while_both_have_accepted_the_same_content() {
    let dir = common::temp_dir();
    let path = planned(dir.path());
    let mut p = Portfolio::open(&path).unwrap();

    let plan = p.assessment_plan_on("2026-12-01").unwrap();
    let ids: Vec<&str> = plan.entries.iter().map(|e| e.item_id.as_str()).collect();
    assert_eq!(ids, ["P1", "P2", "K4"], "in the standard's order");
    assert_eq!(
        plan.entries[2].methods,
        [
            EvidenceMethod::ProfessionalDiscussion,
            EvidenceMethod::ReflectiveAccount
        ],
        "methods in the list's order"
    );
    assert!(plan.accepted_by(Role::Learner));
    assert!(!plan.agreed, "the assessor has not accepted it");
    // P2 is past its target with no evidence; P1 has evidence; K4 is not due.
    assert_eq!(plan.overdue, ["P2"]);
    assert_eq!(
        p.assessment_plan_on("2026-11-15").unwrap().overdue,
        Vec::<String>::new()
    );

    // The overview flags it too (this test runs after 2026-11-15).
    let overview = p.overview().unwrap();
    assert_eq!(overview.assessment_plan.overdue, ["P2"]);
    assert!(overview.assessment_plan.entries[1].overdue);

    // An acceptance of other content than the plan as it is: refused.
    let stale = plan.fingerprint.clone();
    p.set_plan(
        &items(&["P2"]),
        &[EvidenceMethod::Observation],
        "2026-12-20",
        "Moved to December.",
    )
    .unwrap();
    let changed = p.assessment_plan().unwrap();
    assert_ne!(changed.fingerprint, stale);
    assert!(
        !changed.accepted_by(Role::Learner),
        "a plan changed after acceptance is no longer accepted"
    );
    let err = p.accept_plan(LEARNER, &stale).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(
        err.message.contains("has changed since it was read"),
        "{}",
        err.message
    );
    let learner_row: String = common::raw(&path)
        .query_row(
            "SELECT plan FROM plan_acceptance WHERE party = 'learner'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(learner_row, stale, "the refused acceptance wrote nothing");

    // Accepting the plan as it is now is recorded.
    let now = p.accept_plan(LEARNER, &changed.fingerprint).unwrap();
    assert!(now.accepted_by(Role::Learner));

    // Setting the same line again changes nothing, not even the fingerprint.
    let again = p
        .set_plan(
            &items(&["P2"]),
            &[EvidenceMethod::Observation],
            "2026-12-20",
            "Moved to December.",
        )
        .unwrap();
    assert!(again.accepted_by(Role::Learner));

    // Bad input names what is wrong.
    let err = p
        .set_plan(
            &items(&["P99"]),
            &[EvidenceMethod::Product],
            "2027-01-01",
            "",
        )
        .unwrap_err();
    assert!(err.message.contains("no item \"P99\""), "{}", err.message);
    let err = p
        .set_plan(
            &items(&["P3"]),
            &[EvidenceMethod::Product],
            "31/01/2027",
            "",
        )
        .unwrap_err();
    assert!(err.message.contains("is not a date"), "{}", err.message);
    let err =
        partnership_portfolio::assessment_plan::parse_methods("observation,telepathy").unwrap_err();
    assert!(err
        .message
        .contains("\"telepathy\" is not an evidence method"));
    let err = p.accept_plan("  ", &changed.fingerprint).unwrap_err();
    assert!(err.message.contains("Type your name"));

    // A reply needs feedback to reply to, and words.
    let err = p.reply("P1", "What I changed").unwrap_err();
    assert!(
        err.message.contains("has not been judged yet"),
        "{}",
        err.message
    );
    p.close().unwrap();
}

/// The whole cycle through real files: plan and review at the learner,
/// accepted, countersigned, amended and judged by the assessor, received,
/// answered and resubmitted.
#[test]
fn plan_reviews_and_thread_travel_through_the_exchange() {
    let dir = common::temp_dir();
    let learner = planned(dir.path());

    // The assessor sees the learner's plan and review, accepts the plan,
    // countersigns the review, judges P1 not yet met.
    round(dir.path(), &learner, 1, true, |a| {
        let plan = a.assessment_plan().unwrap();
        assert_eq!(plan.entries.len(), 3);
        assert!(plan.accepted_by(Role::Learner));
        let agreed = a.accept_plan(ASSESSOR, &plan.fingerprint).unwrap();
        assert!(agreed.agreed, "both accepted the same plan");
        let r1 = a.sign_review("R1", ASSESSOR).unwrap();
        assert_eq!(r1.signatures.len(), 2);
        assert_eq!(r1.signature(Role::Assessor).unwrap().name, ASSESSOR);
        a.judge(
            "P1",
            JudgementOutcome::NotYetMet,
            "Say who chaired and what you did.",
            None,
        )
        .unwrap();
        // An assessor's copy may not reply for the learner.
        let err = a.reply("P1", "I chaired it.").unwrap_err();
        assert_eq!(err.code, ErrorCode::ReadOnly);
        // The assessor amends K4's plan: no longer agreed.
        let amended = a
            .set_plan(
                &items(&["K4"]),
                &[EvidenceMethod::QuestionsAndAnswers],
                "2027-02-28",
                "Questions after the observation.",
            )
            .unwrap();
        assert!(!amended.agreed);
        assert!(!amended.accepted_by(Role::Learner) && !amended.accepted_by(Role::Assessor));
        let k4 = amended.entries.iter().find(|e| e.item_id == "K4").unwrap();
        assert_eq!(k4.drafted_by, Role::Assessor);
        a.accept_plan(ASSESSOR, &amended.fingerprint).unwrap();
        a.add_review(&ReviewInput {
            held_on: Some("2026-10-28".into()),
            ..review("Resubmit P1 with the minutes.", "2026-11-30")
        })
        .unwrap();
    });

    // The learner received it all.
    let mut p = Portfolio::open(&learner).unwrap();
    let plan = p.assessment_plan().unwrap();
    let k4 = plan.entries.iter().find(|e| e.item_id == "K4").unwrap();
    assert_eq!(k4.methods, [EvidenceMethod::QuestionsAndAnswers]);
    assert_eq!(k4.drafted_by, Role::Assessor);
    assert!(plan.accepted_by(Role::Assessor));
    assert!(!plan.agreed, "the learner accepted an earlier version");
    let plan = p.accept_plan(LEARNER, &plan.fingerprint).unwrap();
    assert!(plan.agreed);

    let reviews = p.progress_reviews().unwrap();
    assert_eq!(
        reviews
            .iter()
            .map(|r| r.reference.as_str())
            .collect::<Vec<_>>(),
        ["R1", "R2"]
    );
    assert_eq!(reviews[0].written_by, Role::Learner);
    assert_eq!(reviews[1].written_by, Role::Assessor);
    assert!(
        reviews[1]
            .achieved
            .contains("version 1: 0 met, not yet met P1"),
        "the app filled in the judgements since R1: {}",
        reviews[1].achieved
    );
    assert!(reviews[1].signature(Role::Learner).is_none());
    p.sign_review("R2", LEARNER).unwrap();

    // The learner replies; the thread says which version, who and when.
    p.reply("P1", "I added the minutes: I chaired the meeting.")
        .unwrap();
    let err = p.reply("P1", " \n ").unwrap_err();
    assert!(err.message.contains("The reply is empty"));
    let thread = p.feedback_thread("P1").unwrap();
    assert_eq!(thread.len(), 2);
    assert_eq!(
        (thread[0].author, thread[0].version, thread[0].name.as_str()),
        (Role::Assessor, 1, ASSESSOR)
    );
    assert_eq!(thread[0].outcome, Some(JudgementOutcome::NotYetMet));
    assert_eq!(
        (thread[1].author, thread[1].version, thread[1].name.as_str()),
        (Role::Learner, 1, LEARNER)
    );

    // Resubmitted: the assessor sees the thread, the plan agreed, R2 signed by both.
    p.close().unwrap();
    round(dir.path(), &learner, 2, false, |a| {
        let thread = a.feedback_thread("P1").unwrap();
        assert_eq!(thread.len(), 2);
        assert_eq!(
            thread[1].text,
            "I added the minutes: I chaired the meeting."
        );
        assert!(a.assessment_plan().unwrap().agreed);
        assert_eq!(a.progress_reviews().unwrap()[1].signatures.len(), 2);
        a.judge("P1", JudgementOutcome::Met, "Clear now.", None)
            .unwrap();
        let thread = a.feedback_thread("P1").unwrap();
        assert_eq!(
            thread
                .iter()
                .map(|e| (e.version, e.author))
                .collect::<Vec<_>>(),
            [(1, Role::Assessor), (1, Role::Learner), (2, Role::Assessor)]
        );
        let report = a.verify().unwrap();
        assert!(report.ok(), "{:?}", report.problems);
    });
}

/// A change made outside the app to one side's rows in the other side's
/// copy: the learner's acceptance or reply changed in the assessor's copy is
/// refused at the learner's door; assessor's feedback written into the
/// learner's file is refused at the assessor's.
#[test]
fn neither_side_can_change_the_other_s_plan_acceptance_replies_or_feedback() {
    let dir = common::temp_dir();
    let learner = planned(dir.path());
    // A judged first round, a reply, a second submission: the learner's
    // reply is in the assessor's copy.
    round(dir.path(), &learner, 1, true, |a| {
        a.judge("P1", JudgementOutcome::NotYetMet, "More, please.", None)
            .unwrap();
    });
    let mut p = Portfolio::open(&learner).unwrap();
    p.reply("P1", "Added the minutes.").unwrap();
    p.close().unwrap();
    let sent2 = round(dir.path(), &learner, 2, false, |a| {
        a.judge("P1", JudgementOutcome::Met, "Good.", None).unwrap();
    });
    let copy = copy_in(dir.path());

    let before = common::file_sha256(&learner);
    for (what, sql) in [
        (
            "the learner's acceptance",
            "UPDATE plan_acceptance SET plan = '0000000000000000000000000000000000000000000000000000000000000000' WHERE party = 'learner'",
        ),
        (
            "the learner's reply",
            "UPDATE feedback_reply SET text = 'I did nothing.'",
        ),
        (
            "the learner's plan",
            "UPDATE plan_item SET target_on = '2030-01-01' WHERE drafted_by = 'learner' AND item_id = 'P2'",
        ),
    ] {
        let edited = dir.path().join("edited-return.portfolio");
        let _ = std::fs::remove_file(&edited);
        let mut a = Portfolio::open(&copy).unwrap();
        a.return_to_learner(&edited, None).unwrap();
        a.close().unwrap();
        common::raw(&edited).execute_batch(sql).unwrap();
        let mut p = Portfolio::open(&learner).unwrap();
        let err = p.receive(&edited).unwrap_err();
        assert!(
            matches!(err.code, ErrorCode::Damaged | ErrorCode::InvalidInput),
            "{what}: {err:?}"
        );
        p.close().unwrap();
        assert_eq!(
            common::file_sha256(&learner),
            before,
            "{what}: the learner's portfolio is unchanged"
        );
    }

    // In the assessor's own copy, the same edit is found before any change.
    common::raw(&copy)
        .execute_batch("UPDATE feedback_reply SET text = 'I did nothing.'")
        .unwrap();
    let a = Portfolio::open(&copy).unwrap();
    let report = a.verify().unwrap();
    assert!(!report.ok(), "verify reports the changed reply");
    assert!(
        report.problems.join(" ").contains("reply"),
        "{:?}",
        report.problems
    );
    a.close().unwrap();

    // A learner cannot write the assessor's feedback: not through the app…
    let mut p = Portfolio::open(&learner).unwrap();
    let err = p
        .judge("P2", JudgementOutcome::Met, "Self-awarded.", None)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::ReadOnly);
    p.close().unwrap();
    // …nor by editing the file they send.
    let forged = dir.path().join("forged.portfolio");
    std::fs::copy(&sent2, &forged).unwrap();
    common::raw(&forged)
        .execute_batch(
            "INSERT INTO judgement (version, item_id, outcome, feedback, assessor_name, judged_at)
             VALUES (2, 'P2', 'met', 'Well done, me.', 'Màiri NicDhòmhnaill', '2026-11-02T10:00:00.000Z')",
        )
        .unwrap();
    let other = dir.path().join("assessor-2.portfolio");
    let Err(err) = exchange::open_submission(&forged, &other, ASSESSOR) else {
        panic!("a learner's file holding assessor's feedback was opened");
    };
    assert!(
        matches!(err.code, ErrorCode::Damaged | ErrorCode::InvalidInput),
        "{err:?}"
    );
    assert!(!other.exists(), "nothing written");
}

#[test]
fn the_command_line_sets_accepts_shows_reviews_and_replies() {
    let dir = common::temp_dir();
    let file = common::new_portfolio(dir.path(), "cli.portfolio");
    let f = file.to_str().unwrap();
    let out = common::cli_ok(&[
        "plan",
        "set",
        f,
        "P1,P2,K4",
        "--method",
        "observation,witness-testimony",
        "--target",
        "2027-01-31",
        "--note",
        "At the steering group.",
    ]);
    assert!(out.contains("Plan set for P1, P2, K4."), "{out}");
    assert!(out.contains("Not agreed yet: waiting for the learner and the assessor."));
    let out = common::cli_ok(&["plan", "accept", f, "--by", LEARNER]);
    assert!(out.contains("waiting for the assessor"), "{out}");

    let json: serde_json::Value =
        serde_json::from_str(&common::cli_ok(&["plan", "show", f, "--json"])).unwrap();
    assert_eq!(json["entries"].as_array().unwrap().len(), 3);
    assert_eq!(json["entries"][0]["item_id"], "P1");
    assert_eq!(
        json["entries"][0]["methods"],
        serde_json::json!(["observation", "witness_testimony"])
    );
    assert_eq!(json["entries"][2]["target_on"], "2027-01-31");
    assert_eq!(json["acceptances"][0]["party"], "learner");
    assert_eq!(json["acceptances"][0]["current"], true);
    assert_eq!(json["agreed"], false);
    let shown = common::cli_ok(&["plan", "show", f]);
    assert!(
        shown.contains("Direct observation, Witness testimony  by 2027-01-31 (learner)"),
        "{shown}"
    );

    for (args, expected) in [
        (
            vec![
                "plan",
                "set",
                f,
                "P1,Q9",
                "--method",
                "product",
                "--target",
                "2027-01-31",
            ],
            "no item \"Q9\"",
        ),
        (
            vec![
                "plan",
                "set",
                f,
                "P1",
                "--method",
                "product",
                "--target",
                "next week",
            ],
            "\"next week\" is not a date",
        ),
        (
            vec![
                "plan",
                "set",
                f,
                "P1",
                "--method",
                "observation,gossip",
                "--target",
                "2027-01-31",
            ],
            "\"gossip\" is not an evidence method",
        ),
        (
            vec!["reply", f, "P1", "--text", "Changed it."],
            "has not been judged yet",
        ),
        (
            vec!["reply", f, "Z1", "--text", "Changed it."],
            "no item \"Z1\"",
        ),
        (
            vec![
                "review",
                "add",
                f,
                "--next",
                "More",
                "--target",
                "soon",
                "--learner",
                LEARNER,
                "--assessor",
                ASSESSOR,
            ],
            "\"soon\" is not a date",
        ),
    ] {
        let err = common::cli_refused(&args);
        assert!(err.contains(expected), "{args:?}: {err}");
    }

    let out = common::cli_ok(&[
        "review",
        "add",
        f,
        "--next",
        "Observe the steering group",
        "--target",
        "2027-02-15",
        "--learner",
        LEARNER,
        "--assessor",
        ASSESSOR,
        "--notes",
        "Plan agreed in principle.",
        "--date",
        "2026-12-01",
    ]);
    assert!(out.contains("Review R1 of 2026-12-01 written."), "{out}");
    let listed = common::cli_ok(&["review", "list", f]);
    assert!(listed.contains("Observe the steering group"), "{listed}");
    assert!(
        listed.contains(&format!("Learner: {LEARNER}, signed")),
        "{listed}"
    );
    assert!(
        listed.contains(&format!("Assessor: {ASSESSOR}, not signed yet")),
        "{listed}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&common::cli_ok(&["review", "list", f, "--json"])).unwrap();
    assert_eq!(json[0]["reference"], "R1");
    assert_eq!(json[0]["next_target"], "2027-02-15");
    assert_eq!(json[0]["held_on"], "2026-12-01");
    assert_eq!(json[0]["signatures"][0]["party"], "learner");
    assert!(json[0]["signatures"].get(1).is_none());

    // A reply in the learner's file once P1 has been judged: through the exchange.
    let sent = dir.path().join("sent.portfolio");
    let copy = dir.path().join("assessor.portfolio");
    let back = dir.path().join("back.portfolio");
    let (s, c, b) = (
        sent.to_str().unwrap(),
        copy.to_str().unwrap(),
        back.to_str().unwrap(),
    );
    common::cli_ok(&["submit", f, "--declare", LEARNER, "-o", s]);
    common::cli_ok(&["open-submission", s, "-o", c, "--assessor", ASSESSOR]);
    common::cli_ok(&["judge", c, "P1", "--not-yet", "--feedback", "Say more."]);
    let err = common::cli_refused(&["reply", c, "P1", "--text", "Forged."]);
    assert!(err.contains("an assessor's copy"), "{err}");
    let out = common::cli_ok(&["plan", "accept", c, "--by", ASSESSOR]);
    assert!(out.contains("Agreed"), "{out}");
    common::cli_ok(&["review", "sign", c, "R1", "--by", ASSESSOR]);
    common::cli_ok(&["return", c, "-o", b]);
    common::cli_ok(&["receive", f, b]);
    let out = common::cli_ok(&["reply", f, "P1", "--text", "I said more about chairing."]);
    assert!(out.contains("Reply on P1 (about version 1) saved"), "{out}");
    // The assessment shows the conversation: in words and in --json.
    let shown = common::cli_ok(&["assessment", f]);
    assert!(
        shown.contains(&format!("reply on v1 by {LEARNER} ("))
            && shown.contains("): I said more about chairing."),
        "{shown}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&common::cli_ok(&["assessment", f, "--json"])).unwrap();
    let thread = json["feedback_threads"].as_array().unwrap();
    assert_eq!(thread.len(), 2, "{thread:?}");
    assert_eq!(
        (&thread[0]["author"], &thread[0]["text"]),
        (
            &serde_json::json!("assessor"),
            &serde_json::json!("Say more.")
        )
    );
    assert_eq!(
        (&thread[1]["author"], &thread[1]["version"]),
        (&serde_json::json!("learner"), &serde_json::json!(1))
    );
    let err = common::cli_refused(&["reply", f, "P1", "--text", "   "]);
    assert!(err.contains("The reply is empty"), "{err}");
    let shown = common::cli_ok(&["plan", "show", f]);
    assert!(
        shown.contains("Agreed: learner and assessor have both accepted it."),
        "{shown}"
    );
    let listed = common::cli_ok(&["review", "list", f]);
    assert!(
        listed.contains(&format!("Assessor: {ASSESSOR}, signed")),
        "{listed}"
    );
}

#[test]
fn the_pdf_shows_the_plan_the_reviews_and_the_thread() {
    let dir = common::temp_dir();
    let learner = planned(dir.path());
    round(dir.path(), &learner, 1, true, |a| {
        let plan = a.assessment_plan().unwrap();
        a.accept_plan(ASSESSOR, &plan.fingerprint).unwrap();
        a.judge(
            "P1",
            JudgementOutcome::NotYetMet,
            "Say who chaired the meeting.",
            None,
        )
        .unwrap();
    });
    let mut p = Portfolio::open(&learner).unwrap();
    p.reply("P1", "It was me: the minutes say so on page 2.")
        .unwrap();
    let pdf = dir.path().join("portfolio.pdf");
    let at = "2026-12-01T12:00:00Z".parse().unwrap();
    partnership_portfolio::export::write_pdf(&p, &pdf, at, &mut |_| {}).unwrap();
    p.close().unwrap();

    let text = pdf_tools::normalise(&pdf_tools::tool_ok("pdftotext", &[pdf_tools::p(&pdf), "-"]));
    let plan_at = text
        .rfind("Assessment plan and progress reviews Assessment plan ")
        .expect("the section (its last mention: the contents page lists it first)");
    let section = &text[plan_at..];
    for expected in [
        "P1, P2",
        "Direct observation",
        "At the steering group in November.",
        "15 Nov 2026",
        "Overdue, no evidence: P2",
        "K4",
        "Professional discussion, Reflective account",
        "31 Jan 2027",
        "Agreed by learner and assessor.",
        &format!("Accepted by the learner {LEARNER}"),
        &format!("Accepted by the assessor {ASSESSOR}"),
        "Progress reviews",
        "Review R1: 20 October 2026",
        "Write the account of P1. (target 1 Nov 2026)",
        &format!("{LEARNER}, signed"),
        &format!("{ASSESSOR}, not signed yet"),
        "Achieved since the last review",
        "Met at the centre.",
    ] {
        assert!(
            section.contains(expected),
            "missing {expected:?} in:\n{section}"
        );
    }
    // P1's section: the thread in order.
    let thread_at = text.find("Feedback thread").expect("P1's thread");
    let thread = &text[thread_at..];
    let feedback = thread.find("Say who chaired the meeting.").unwrap();
    let reply = thread
        .find("It was me: the minutes say so on page 2.")
        .unwrap();
    assert!(feedback < reply, "oldest first");
    assert!(thread.contains(&format!("Version 1: Assessor {ASSESSOR} (Not yet met)")));
    assert!(thread.contains(&format!("Version 1: Learner {LEARNER}")));
    assert_eq!(
        text.matches("Feedback thread").count(),
        1,
        "only where the learner replied"
    );
}

#[test]
fn the_open_export_carries_the_plan_reviews_and_replies_and_brings_them_back() {
    let dir = common::temp_dir();
    let learner = planned(dir.path());
    round(dir.path(), &learner, 1, true, |a| {
        let plan = a.assessment_plan().unwrap();
        a.accept_plan(ASSESSOR, &plan.fingerprint).unwrap();
        a.sign_review("R1", ASSESSOR).unwrap();
        a.judge("P1", JudgementOutcome::NotYetMet, "More.", None)
            .unwrap();
    });
    let mut p = Portfolio::open(&learner).unwrap();
    p.reply("P1", "Ŷn fwy: I added the minutes.").unwrap();

    let zip = dir.path().join("export.zip");
    let at = "2026-12-01T12:00:00Z".parse().unwrap();
    partnership_portfolio::open_export::export_zip(&p, &zip, at).unwrap();
    let imported = dir.path().join("imported.portfolio");
    partnership_portfolio::open_export::import_zip(&zip, &imported).unwrap();
    let q = Portfolio::open(&imported).unwrap();
    assert_eq!(q.assessment_plan().unwrap(), p.assessment_plan().unwrap());
    assert!(q.assessment_plan().unwrap().agreed);
    assert_eq!(q.progress_reviews().unwrap(), p.progress_reviews().unwrap());
    assert_eq!(q.feedback_threads().unwrap(), p.feedback_threads().unwrap());
    assert_eq!(q.feedback_threads().unwrap().len(), 2);
    assert!(q.verify().unwrap().ok());
    q.close().unwrap();
    p.close().unwrap();
}

#[test]
fn removing_a_line_changes_the_plan_so_both_accept_again_and_is_recorded_on_both_sides() {
    let dir = common::temp_dir();
    let learner = planned(dir.path());
    let content_before = {
        let p = Portfolio::open(&learner).unwrap();
        let fp = p.content_fingerprint().unwrap();
        p.close().unwrap();
        fp
    };
    round(dir.path(), &learner, 1, true, |a| {
        let plan = a.assessment_plan().unwrap();
        let agreed = a.accept_plan(ASSESSOR, &plan.fingerprint).unwrap();
        assert!(agreed.agreed);

        // Refused with nothing changed: an item with no line, or not an item.
        let err = a.remove_plan(&items(&["K4", "P3"])).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(err.message.contains("P3 has no line"), "{}", err.message);
        assert!(a.remove_plan(&items(&["Q9"])).is_err());
        assert!(a.remove_plan(&[]).is_err());
        assert_eq!(a.assessment_plan().unwrap(), agreed);

        // The assessor removes K4: a change like any other.
        let removed = a.remove_plan(&items(&["K4"])).unwrap();
        let ids: Vec<&str> = removed.entries.iter().map(|e| e.item_id.as_str()).collect();
        assert_eq!(ids, ["P1", "P2"]);
        assert_ne!(removed.fingerprint, agreed.fingerprint);
        assert!(!removed.agreed, "the acceptances were of the plan with K4");
        assert!(removed.acceptances.iter().all(|x| !x.current));
        assert_eq!(removed.removed.len(), 1);
        assert_eq!(removed.removed[0].item_id, "K4");
        assert_eq!(removed.removed[0].removed_by, Role::Assessor);
        assert!(!removed.removed[0].removed_at.is_empty());
        let err = a.remove_plan(&items(&["K4"])).unwrap_err();
        assert!(err.message.contains("K4 has no line"), "{}", err.message);
        let trail = a.audit_trail().unwrap();
        let last = trail.last().unwrap();
        assert_eq!(last.event, exchange::AuditEvent::PlanChanged);
        assert_eq!(
            (last.name.as_str(), last.detail.as_str()),
            (ASSESSOR, "removed K4")
        );
        // Accepting the plan as it is now agrees it on this side.
        a.accept_plan(ASSESSOR, &removed.fingerprint).unwrap();
    });

    // The learner receives the removal: who and when travel, K4 is gone,
    // and the learner's earlier acceptance no longer holds.
    let mut p = Portfolio::open(&learner).unwrap();
    let plan = p.assessment_plan().unwrap();
    assert_eq!(plan.entries.len(), 2);
    assert_eq!(plan.removed[0].item_id, "K4");
    assert_eq!(plan.removed[0].removed_by, Role::Assessor);
    assert!(plan.accepted_by(Role::Assessor));
    assert!(!plan.accepted_by(Role::Learner));
    assert_eq!(
        p.content_fingerprint().unwrap(),
        content_before,
        "the assessor's removal is not the learner's content"
    );
    assert!(p.verify().unwrap().ok());
    let plan = p.accept_plan(LEARNER, &plan.fingerprint).unwrap();
    assert!(plan.agreed);

    // The learner removes P2: their own content changes (so a new
    // submission would say so) and is in their history.
    let removed = p.remove_plan(&items(&["P2"])).unwrap();
    assert!(!removed.agreed);
    assert_ne!(p.content_fingerprint().unwrap(), content_before);
    assert!(p
        .history(Some("P2"))
        .unwrap()
        .iter()
        .any(|h| h.field == "plan" && h.value.is_none()));
    // Set again, K4 is back in the plan (a new round over the removal).
    let again = p
        .set_plan(
            &items(&["K4"]),
            &[EvidenceMethod::ProfessionalDiscussion],
            "2027-02-28",
            "",
        )
        .unwrap();
    let ids: Vec<&str> = again.entries.iter().map(|e| e.item_id.as_str()).collect();
    assert_eq!(ids, ["P1", "K4"]);
    let removed: Vec<&str> = again.removed.iter().map(|r| r.item_id.as_str()).collect();
    assert_eq!(removed, ["P2"]);
    p.close().unwrap();

    // Resubmitted: the assessor's copy holds the learner's removal too.
    round(dir.path(), &learner, 2, false, |a| {
        let plan = a.assessment_plan().unwrap();
        let ids: Vec<&str> = plan.entries.iter().map(|e| e.item_id.as_str()).collect();
        assert_eq!(ids, ["P1", "K4"]);
        assert_eq!(plan.removed[0].item_id, "P2");
        assert_eq!(plan.removed[0].removed_by, Role::Learner);
        assert!(a.verify().unwrap().ok());
    });
}

#[test]
fn a_schema_8_copy_with_an_agreed_plan_opens_unchanged_and_a_line_can_then_be_removed() {
    use std::io::Read;
    let dir = common::temp_dir();
    let path = dir.path().join("v8.portfolio");
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(
        std::fs::File::open(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/portfolio-schema-v8-assessor.portfolio.gz"),
        )
        .unwrap(),
    )
    .read_to_end(&mut bytes)
    .unwrap();
    std::fs::write(&path, bytes).unwrap();
    let version = |p: &Path| -> i64 {
        common::raw(p)
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap()
    };
    assert_eq!(version(&path), 8);

    let mut a = Portfolio::open(&path).unwrap();
    let plan = a.assessment_plan().unwrap();
    assert!(plan.agreed, "the plan agreed before the update still is");
    assert_eq!(
        exchange::short_fingerprint(&plan.fingerprint),
        "06a6 58cf 2338 d9ca",
        "the plan's fingerprint is unchanged by the migration"
    );
    assert!(plan.removed.is_empty());
    assert!(a.verify().unwrap().ok(), "the seals still hold");
    let removed = a.remove_plan(&items(&["K4"])).unwrap();
    assert!(!removed.agreed);
    assert_eq!(removed.entries.len(), 2);
    a.close().unwrap();
    assert_eq!(
        version(&path) as u32,
        partnership_portfolio::storage::SCHEMA_VERSION
    );
    let a = Portfolio::open(&path).unwrap();
    assert!(a.verify().unwrap().ok());
    assert_eq!(a.assessment_plan().unwrap().removed[0].item_id, "K4");
    a.close().unwrap();
}

#[test]
fn the_command_line_removes_a_line_and_the_pdf_and_open_export_keep_the_plan_as_it_is() {
    let dir = common::temp_dir();
    let learner = planned(dir.path());
    let f = learner.to_str().unwrap();
    let err = common::cli_refused(&["plan", "remove", f, "P3"]);
    assert!(
        err.contains("P3 has no line in the assessment plan"),
        "{err}"
    );
    let out = common::cli_ok(&["plan", "remove", f, "P2"]);
    assert!(out.contains("Plan removed for P2."), "{out}");
    assert!(
        out.contains("waiting for the learner and the assessor"),
        "{out}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&common::cli_ok(&["plan", "remove", f, "k4", "--json"])).unwrap();
    let ids: Vec<&str> = json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["item_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["P1"]);
    assert_eq!(json["removed"][0]["item_id"], "P2");
    assert_eq!(json["removed"][1]["item_id"], "K4");
    assert_eq!(json["removed"][1]["removed_by"], "learner");
    assert_eq!(json["agreed"], false);
    let shown = common::cli_ok(&["plan", "show", f]);
    assert!(shown.contains("P2  removed by the learner at"), "{shown}");

    // The PDF's plan is the plan as it is (P1 only), then what was removed, by whom.
    let p = Portfolio::open(&learner).unwrap();
    let pdf = dir.path().join("portfolio.pdf");
    let at = "2026-12-01T12:00:00Z".parse().unwrap();
    partnership_portfolio::export::write_pdf(&p, &pdf, at, &mut |_| {}).unwrap();
    let text = pdf_tools::normalise(&pdf_tools::tool_ok("pdftotext", &[pdf_tools::p(&pdf), "-"]));
    let plan_at = text
        .rfind("Assessment plan and progress reviews Assessment plan ")
        .unwrap();
    let section = &text[plan_at..text[plan_at..].find("Progress reviews").unwrap() + plan_at];
    let (lines, removals) = section.split_once("Removed from the plan").unwrap();
    assert!(lines.contains("P1"), "{lines}");
    assert!(!lines.contains("P2") && !lines.contains("K4"), "{lines}");
    assert!(!lines.contains("Professional discussion"), "{lines}");
    assert!(
        removals.contains("P2: removed by the learner")
            && removals.contains("K4: removed by the learner"),
        "{removals}"
    );

    // The open export carries the removals (who, when) and brings them back.
    let zip = dir.path().join("export.zip");
    partnership_portfolio::open_export::export_zip(&p, &zip, at).unwrap();
    let imported = dir.path().join("imported.portfolio");
    partnership_portfolio::open_export::import_zip(&zip, &imported).unwrap();
    let q = Portfolio::open(&imported).unwrap();
    assert_eq!(q.assessment_plan().unwrap(), p.assessment_plan().unwrap());
    assert_eq!(q.assessment_plan().unwrap().removed.len(), 2);
    assert_eq!(
        q.content_fingerprint().unwrap(),
        p.content_fingerprint().unwrap()
    );
    assert!(q.verify().unwrap().ok());
    q.close().unwrap();
    p.close().unwrap();
}
