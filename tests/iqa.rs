//! The internal quality assurer (IQA) against real files: the whole cycle
//! through the command line (plan, submit, judge, sign off, send-to-iqa,
//! iqa-open, samples with one disagreement, action required, iqa-return,
//! receive-iqa, re-judging and a new sign-off, the return to the learner and
//! the learner's PDF read back with pdftotext); and every refusal: an IQA
//! changing a judgement (refused by the app in the IQA copy; a forged row
//! refused by receive-iqa naming it), IQA rows that do not match the IQA's
//! sign-off, an assessor changing the IQA's decision (refused by the
//! learner's receive, named by verify), an IQA copy refusing the learner's
//! and the cycle's edits, and files given to the wrong command (also when
//! opened from the desktop); and `iqa-open` into the IQA copy of an earlier
//! sending, which it brings up to date keeping the IQA's record.

mod common;
#[path = "support/pdf_tools.rs"]
mod pdf_tools;

use partnership_portfolio::exchange::{self, JudgementOutcome};
use partnership_portfolio::iqa::{self, IqaDecision};
use partnership_portfolio::reviews::ReviewInput;
use partnership_portfolio::{ErrorCode, Portfolio};
use std::path::{Path, PathBuf};

const LEARNER: &str = "Siân Llŷr-Ŵyn";
const ASSESSOR: &str = "Màiri NicDhòmhnaill";
const IQA: &str = "Eilidh Nic a' Phearsain";

/// The learner's portfolio, submitted, and the assessor's copy with every
/// item judged met and signed off: (learner's file, assessor's copy).
fn signed_off(dir: &Path) -> (PathBuf, PathBuf) {
    let learner = common::new_portfolio(dir, "learner.portfolio");
    let sent = dir.join("sent.portfolio");
    let copy = dir.join("assessor.portfolio");
    let mut p = Portfolio::open(&learner).unwrap();
    common::add_plain_evidence(&mut p, "Minutes of the steering group");
    p.submit(LEARNER, "2026-11-01").unwrap();
    p.save_exchange_file(&sent, None).unwrap();
    p.close().unwrap();
    let mut a = exchange::open_submission(&sent, &copy, ASSESSOR).unwrap();
    let ids: Vec<String> = a.standard().items().map(|(_, i)| i.id.clone()).collect();
    for id in &ids {
        a.judge(id, JudgementOutcome::Met, "", None).unwrap();
    }
    a.sign_off(ASSESSOR, "2026-11-20").unwrap();
    a.close().unwrap();
    (learner, copy)
}

/// The IQA's copy of `copy` with P4 disagreed, P1 agreed and action
/// required, returned: (IQA copy, file returned to the assessor).
fn sampled(dir: &Path, copy: &Path) -> (PathBuf, PathBuf) {
    let to_iqa = dir.join("to-iqa.portfolio");
    let iqa_copy = dir.join("iqa.portfolio");
    let back = dir.join("from-iqa.portfolio");
    let mut a = Portfolio::open(copy).unwrap();
    a.send_to_iqa(&to_iqa, None).unwrap();
    a.close().unwrap();
    let mut q = iqa::open_for_iqa(&to_iqa, &iqa_copy, IQA).unwrap();
    q.iqa_sample("P1", true, "").unwrap();
    q.iqa_sample("P4", false, "The minutes do not show P4.")
        .unwrap();
    q.iqa_decide(
        IqaDecision::ActionRequired,
        "Judge P4 again against its evidence.",
        IQA,
        Some("2026-11-28"),
    )
    .unwrap();
    q.iqa_return(&back, None).unwrap();
    q.close().unwrap();
    (iqa_copy, back)
}

#[test]
fn the_whole_iqa_cycle_through_the_command_line() {
    let dir = common::temp_dir();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (f, s, c, to_iqa, q, from_iqa, back, pdf) = (
        common::new_portfolio(dir.path(), "learner.portfolio")
            .to_str()
            .unwrap()
            .to_string(),
        path("sent.portfolio"),
        path("assessor.portfolio"),
        path("to-iqa.portfolio"),
        path("iqa.portfolio"),
        path("from-iqa.portfolio"),
        path("back.portfolio"),
        path("portfolio.pdf"),
    );
    let ok = common::cli_ok;
    let refused = common::cli_refused;
    ok(&[
        "plan",
        "set",
        &f,
        "P1,P2",
        "--method",
        "observation",
        "--target",
        "2026-12-01",
    ]);
    ok(&["plan", "accept", &f, "--by", LEARNER]);
    ok(&["submit", &f, "--declare", LEARNER, "-o", &s]);
    ok(&["open-submission", &s, "-o", &c, "--assessor", ASSESSOR]);
    // Not before the sign-off.
    let err = refused(&["send-to-iqa", &c, "-o", &to_iqa]);
    assert!(
        err.contains("Sign off version 1 before sending it"),
        "{err}"
    );
    let standard: serde_json::Value = serde_json::from_str(&ok(&["standard", "--json"])).unwrap();
    for section in standard["sections"].as_array().unwrap() {
        for item in section["items"].as_array().unwrap() {
            ok(&["judge", &c, item["id"].as_str().unwrap(), "--met"]);
        }
    }
    ok(&[
        "signoff",
        &c,
        "--assessor",
        ASSESSOR,
        "--date",
        "2026-11-20",
    ]);
    assert!(ok(&["send-to-iqa", &c, "-o", &to_iqa]).contains("signed off by"));
    // A learner's submission is not a file for the IQA.
    let err = refused(&["iqa-open", &s, "-o", &path("wrong.portfolio")]);
    assert!(
        err.contains("not an assessor's file sent for quality assurance"),
        "{err}"
    );
    let out = ok(&["iqa-open", &to_iqa, "-o", &q, "--iqa", IQA]);
    assert!(out.contains("42 judgements"), "{out}");
    // The same sending again into the same copy: nothing new in it.
    let err = refused(&["iqa-open", &to_iqa, "-o", &q]);
    assert!(err.contains("already holds this sending"), "{err}");

    // In the IQA copy: neither side's content can be changed.
    let err = refused(&["judge", &q, "P4", "--not-yet", "--feedback", "Forged."]);
    assert!(err.contains("internal quality assurer's copy"), "{err}");
    let err = refused(&["signoff", &q, "--assessor", ASSESSOR]);
    assert!(err.contains("internal quality assurer's copy"), "{err}");
    let err = refused(&["assess", &q, "P1", "--rating", "4"]);
    assert!(err.contains("internal quality assurer's copy"), "{err}");
    let err = refused(&["plan", "accept", &q, "--by", IQA]);
    assert!(err.contains("internal quality assurer's copy"), "{err}");
    let err = refused(&["plan", "remove", &q, "P1"]);
    assert!(err.contains("internal quality assurer's copy"), "{err}");
    // And the assessor cannot sample.
    let err = refused(&["iqa-sample", &c, "P1", "--agree"]);
    assert!(
        err.contains("Only an internal quality assurer's copy"),
        "{err}"
    );

    let err = refused(&["iqa-decision", &q, "--confirmed", "--iqa", IQA]);
    assert!(err.contains("Sample at least one judgement"), "{err}");
    let out = ok(&["iqa-sample", &q, "P1", "--agree"]);
    assert!(
        out.contains("the assessor judged it met; you agree"),
        "{out}"
    );
    let err = refused(&["iqa-sample", &q, "P4", "--disagree"]);
    assert!(err.contains("Say why you disagree"), "{err}");
    ok(&[
        "iqa-sample",
        &q,
        "P4",
        "--disagree",
        "--feedback",
        "The minutes do not show P4.",
    ]);
    let err = refused(&["iqa-decision", &q, "--confirmed", "--iqa", IQA]);
    assert!(
        err.contains("You disagreed with the judgement of P4"),
        "{err}"
    );
    let err = refused(&["iqa-return", &q, "-o", &from_iqa]);
    assert!(err.contains("Record your decision on version 1"), "{err}");
    let out = ok(&[
        "iqa-decision",
        &q,
        "--action-required",
        "Judge P4 again against its evidence.",
        "--iqa",
        IQA,
        "--date",
        "2026-11-28",
    ]);
    assert!(out.starts_with("Action required on version 1"), "{out}");
    ok(&["iqa-return", &q, "-o", &from_iqa]);

    // The assessor takes the record in and sees the decision.
    let out = ok(&["receive-iqa", &c, &from_iqa]);
    assert!(
        out.contains(&format!("Action required, signed by {IQA} on 2026-11-28"))
            && out.contains("Action required: Judge P4 again against its evidence.")
            && out.contains("Agreed with 1 sampled judgement(s); disagreed with P4"),
        "{out}"
    );
    let shown = ok(&["assessment", &c]);
    assert!(
        shown.contains(
            "IQA sample of P4 on version 1: disagrees (Met): The minutes do not show P4."
        ) && shown.contains(&format!(
            "IQA decision on version 1: Action required by {IQA} on 2026-11-28"
        )),
        "{shown}"
    );
    // Re-judging starts a new sign-off; the IQA's record stays as history.
    ok(&[
        "judge",
        &c,
        "P4",
        "--not-yet",
        "--feedback",
        "Show how you built the partnership.",
    ]);
    let shown = ok(&["assessment", &c]);
    assert!(!shown.contains("Signed off version 1"), "{shown}");
    assert!(shown.contains("IQA decision on version 1"), "{shown}");
    assert!(ok(&["verify", &c]).contains("The IQA's samples of version 1 are what"));
    ok(&[
        "signoff",
        &c,
        "--assessor",
        ASSESSOR,
        "--date",
        "2026-11-30",
    ]);
    ok(&["return", &c, "-o", &back]);
    assert!(ok(&["audit", &c]).contains("received the IQA record of version 1"));

    // The learner receives the IQA's outcome with the return.
    let said = ok(&["receive", &f, &back]);
    assert!(said.contains("41 met, 1 not yet met"), "{said}");
    let json: serde_json::Value = serde_json::from_str(&ok(&["assessment", &f, "--json"])).unwrap();
    let decision = &json["iqa"]["decisions"][0];
    assert_eq!(decision["decision"], "action_required");
    assert_eq!(decision["iqa_name"], IQA);
    assert_eq!(decision["signed_on"], "2026-11-28");
    assert_eq!(json["iqa"]["samples"].as_array().unwrap().len(), 2);
    assert_eq!(json["iqa"]["samples"][1]["item_id"], "P4");
    assert_eq!(json["iqa"]["samples"][1]["agrees"], false);
    assert!(ok(&["verify", &f]).contains("The IQA's samples of version 1 are what"));

    ok(&["pdf", &f, "-o", &pdf]);
    let text = pdf_tools::normalise(&pdf_tools::tool_ok("pdftotext", &[&pdf, "-"]));
    for expected in [
        format!("Action required on version 1, signed by {IQA} on 28 November 2026"),
        "Internal quality assurance record".to_string(),
        "Judge P4 again against its evidence.".to_string(),
        "The minutes do not show P4.".to_string(),
        "Disagrees".to_string(),
    ] {
        assert!(
            text.contains(&expected),
            "{expected:?} is not in the PDF: {text}"
        );
    }
}

#[test]
fn an_iqa_changing_a_judgement_is_refused_in_the_app_and_by_receive_iqa() {
    let dir = common::temp_dir();
    let (_, copy) = signed_off(dir.path());
    let (iqa_copy, _) = sampled(dir.path(), &copy);
    let mut q = Portfolio::open(&iqa_copy).unwrap();
    let err = q
        .judge("P4", JudgementOutcome::NotYetMet, "Forged.", None)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::ReadOnly);
    assert!(
        err.message
            .contains("nor the assessor's content can be changed"),
        "{}",
        err.message
    );
    let err = q.sign_off(ASSESSOR, "2026-11-28").unwrap_err();
    assert_eq!(err.code, ErrorCode::ReadOnly);
    q.close().unwrap();

    // The judgement changed outside the app, in the IQA's copy.
    common::raw(&iqa_copy)
        .execute(
            "UPDATE judgement SET outcome = 'not_yet_met' WHERE item_id = 'P4'",
            [],
        )
        .unwrap();
    let forged = dir.path().join("forged.portfolio");
    let mut q = Portfolio::open(&iqa_copy).unwrap();
    q.iqa_return(&forged, None).unwrap();
    q.close().unwrap();
    let mut a = Portfolio::open(&copy).unwrap();
    let before = a.iqa_record().unwrap();
    let err = a.receive_iqa(&forged).unwrap_err();
    assert_eq!(err.code, ErrorCode::Damaged);
    assert!(
        err.message
            .contains("the assessor's judgement of P4 on version 1: outcome"),
        "{}",
        err.message
    );
    assert_eq!(a.iqa_record().unwrap(), before, "nothing taken in");
    assert!(before.decisions.is_empty());
}

#[test]
fn iqa_rows_that_do_not_match_the_iqa_s_sign_off_are_refused() {
    let dir = common::temp_dir();
    let (_, copy) = signed_off(dir.path());
    let (_, back) = sampled(dir.path(), &copy);
    // The disagreement turned into agreement in the file sent back.
    common::raw(&back)
        .execute(
            "UPDATE iqa_sample SET verdict = 'agrees', feedback = '' WHERE item_id = 'P4'",
            [],
        )
        .unwrap();
    let mut a = Portfolio::open(&copy).unwrap();
    let err = a.receive_iqa(&back).unwrap_err();
    assert_eq!(err.code, ErrorCode::Damaged);
    assert!(
        err.message
            .contains("the IQA's sample of P4 on version 1: feedback and agreement"),
        "{}",
        err.message
    );
    assert!(
        err.message.contains(&format!(
            "The IQA's samples up to version 1 are not the ones {IQA} signed"
        )),
        "{}",
        err.message
    );
    assert!(a.iqa_record().unwrap().samples.is_empty());
}

#[test]
fn an_iqa_record_of_other_assessor_content_is_refused() {
    let dir = common::temp_dir();
    let (_, copy) = signed_off(dir.path());
    let (_, back) = sampled(dir.path(), &copy);
    // Meanwhile the assessor re-judged P4: the IQA sampled another judgement.
    let mut a = Portfolio::open(&copy).unwrap();
    a.judge("P4", JudgementOutcome::NotYetMet, "More, please.", None)
        .unwrap();
    let err = a.receive_iqa(&back).unwrap_err();
    assert_eq!(err.code, ErrorCode::Damaged);
    assert!(
        err.message
            .contains("holds other learner or assessor content than this copy")
            && err
                .message
                .contains("the assessor's judgement of P4 on version 1"),
        "{}",
        err.message
    );
    // The learner's file is not an IQA's.
    let err = a
        .receive_iqa(&dir.path().join("sent.portfolio"))
        .unwrap_err();
    assert!(
        err.message
            .contains("not an internal quality assurer's file"),
        "{}",
        err.message
    );
}

#[test]
fn an_assessor_changing_the_iqa_s_decision_is_refused_by_the_learner_and_named_by_verify() {
    let dir = common::temp_dir();
    let (learner, copy) = signed_off(dir.path());
    let (_, back) = sampled(dir.path(), &copy);
    let mut a = Portfolio::open(&copy).unwrap();
    let got = a.receive_iqa(&back).unwrap();
    assert_eq!(got.decision.decision, IqaDecision::ActionRequired);
    assert_eq!(got.disagreed, vec!["P4".to_string()]);
    assert!(a.verify().unwrap().ok());
    a.close().unwrap();

    common::raw(&copy)
        .execute(
            "UPDATE iqa_signoff SET decision = 'confirmed', action = ''",
            [],
        )
        .unwrap();
    let a = Portfolio::open(&copy).unwrap();
    let report = a.verify().unwrap();
    assert!(
        report
            .problems_text()
            .contains("The IQA's records are not what the app sealed: the IQA's decision on version 1: action and decision"),
        "{:?}",
        report.problems
    );
    a.close().unwrap();
    let returned = dir.path().join("returned.portfolio");
    let mut a = Portfolio::open(&copy).unwrap();
    a.return_to_learner(&returned, None).unwrap();
    a.close().unwrap();
    let mut p = Portfolio::open(&learner).unwrap();
    let err = p.receive(&returned).unwrap_err();
    assert_eq!(err.code, ErrorCode::Damaged);
    assert!(
        err.message
            .contains("the IQA's decision on version 1: action and decision"),
        "{}",
        err.message
    );
    assert!(p.iqa_record().unwrap().decisions.is_empty());
    assert!(p.judgements(None).unwrap().is_empty(), "nothing taken in");
}

#[test]
fn an_iqa_copy_refuses_the_learner_s_edits_and_is_no_submission() {
    let dir = common::temp_dir();
    let (learner, copy) = signed_off(dir.path());
    let (iqa_copy, back) = sampled(dir.path(), &copy);
    let mut q = Portfolio::open(&iqa_copy).unwrap();
    let readonly = |e: partnership_portfolio::Error| {
        assert_eq!(e.code, ErrorCode::ReadOnly, "{}", e.message);
        assert!(
            e.message.contains(
                "internal quality assurer's copy: neither the learner's nor the assessor's content"
            ),
            "{}",
            e.message
        );
    };
    readonly(q.set_rating("P1", Some(2)).unwrap_err());
    readonly(q.submit(LEARNER, "2026-11-29").unwrap_err());
    readonly(q.reply("P1", "Forged.").unwrap_err());
    readonly(
        q.add_review(&ReviewInput {
            held_on: None,
            next_steps: "Forged.".into(),
            next_target: "2026-12-31".into(),
            notes: String::new(),
            learner_name: LEARNER.into(),
            assessor_name: ASSESSOR.into(),
        })
        .unwrap_err(),
    );
    readonly(q.set_overall_feedback("Forged.", None).unwrap_err());
    assert!(q.verify().unwrap().ok());
    q.close().unwrap();
    // Nor does an IQA's file go where a learner's or an assessor's goes.
    let Err(err) = exchange::open_submission(&back, &dir.path().join("x.portfolio"), ASSESSOR)
    else {
        panic!("an IQA's file opened as a submission");
    };
    assert!(
        err.message
            .contains("take it into your copy with receive-iqa"),
        "{}",
        err.message
    );
    let mut p = Portfolio::open(&learner).unwrap();
    let err = p.receive(&back).unwrap_err();
    assert!(
        err.message.contains("comes with your assessor's return"),
        "{}",
        err.message
    );
}

#[test]
fn the_open_export_carries_the_iqa_s_record_and_brings_it_back_sealed() {
    let dir = common::temp_dir();
    let (learner, copy) = signed_off(dir.path());
    let (_, back) = sampled(dir.path(), &copy);
    let mut a = Portfolio::open(&copy).unwrap();
    a.receive_iqa(&back).unwrap();
    let returned = dir.path().join("returned.portfolio");
    a.return_to_learner(&returned, None).unwrap();
    a.close().unwrap();
    let mut p = Portfolio::open(&learner).unwrap();
    p.receive(&returned).unwrap();
    let record = p.iqa_record().unwrap();
    assert_eq!((record.samples.len(), record.decisions.len()), (2, 1));

    let zip = dir.path().join("export.zip");
    let at = "2026-12-01T12:00:00Z".parse().unwrap();
    partnership_portfolio::open_export::export_zip(&p, &zip, at).unwrap();
    let imported = dir.path().join("imported.portfolio");
    partnership_portfolio::open_export::import_zip(&zip, &imported).unwrap();
    let q = Portfolio::open(&imported).unwrap();
    assert_eq!(q.iqa_record().unwrap(), record);
    let report = q.verify().unwrap();
    assert!(report.ok(), "{:?}", report.problems);
    assert!(
        report
            .confirmed
            .iter()
            .any(|c| c.starts_with("The IQA's samples of version 1 are what")),
        "{:?}",
        report.confirmed
    );
    q.close().unwrap();
    p.close().unwrap();
}

#[test]
fn a_second_round_keeps_the_first_iqa_record_as_history() {
    let dir = common::temp_dir();
    let (learner, copy) = signed_off(dir.path());
    let (_, back) = sampled(dir.path(), &copy);
    let mut a = Portfolio::open(&copy).unwrap();
    a.receive_iqa(&back).unwrap();
    // The assessor acts: re-judging withdraws the sign-off, not the IQA's record.
    a.judge(
        "P4",
        JudgementOutcome::NotYetMet,
        "Show the partnership.",
        None,
    )
    .unwrap();
    assert!(a.latest_sign_off().unwrap().is_none());
    assert_eq!(a.iqa_record().unwrap().decisions.len(), 1);
    a.sign_off(ASSESSOR, "2026-11-30").unwrap();
    let returned = dir.path().join("returned-1.portfolio");
    a.return_to_learner(&returned, None).unwrap();
    a.close().unwrap();

    // The learner receives the outcome, improves P4 and resubmits.
    let mut p = Portfolio::open(&learner).unwrap();
    p.receive(&returned).unwrap();
    assert_eq!(p.iqa_record().unwrap().decisions.len(), 1);
    p.reply("P4", "I added the partnership agreement.").unwrap();
    p.submit(LEARNER, "2026-12-02").unwrap();
    let sent = dir.path().join("sent-2.portfolio");
    p.save_exchange_file(&sent, None).unwrap();
    p.close().unwrap();
    let mut a = exchange::open_submission(&sent, &copy, ASSESSOR).unwrap();
    assert_eq!(a.iqa_record().unwrap().decisions.len(), 1, "carried over");
    a.judge("P4", JudgementOutcome::Met, "Now shown.", None)
        .unwrap();
    a.sign_off(ASSESSOR, "2026-12-03").unwrap();
    let to_iqa = dir.path().join("to-iqa-2.portfolio");
    a.send_to_iqa(&to_iqa, None).unwrap();
    a.close().unwrap();

    let iqa_copy = dir.path().join("iqa-2.portfolio");
    let mut q = iqa::open_for_iqa(&to_iqa, &iqa_copy, IQA).unwrap();
    // Feedback longer than a name travels through the gate whole.
    let long = "The evidence is valid, authentic, current and sufficient. ".repeat(30);
    let sample = q.iqa_sample("P4", true, &long).unwrap();
    assert_eq!((sample.version, sample.outcome), (2, JudgementOutcome::Met));
    q.iqa_decide(IqaDecision::Confirmed, "", IQA, Some("2026-12-04"))
        .unwrap();
    let back = dir.path().join("from-iqa-2.portfolio");
    q.iqa_return(&back, None).unwrap();
    q.close().unwrap();
    let mut a = Portfolio::open(&copy).unwrap();
    let got = a.receive_iqa(&back).unwrap();
    assert_eq!(got.decision.decision, IqaDecision::Confirmed);
    let record = a.iqa_record().unwrap();
    let decided: Vec<(u32, IqaDecision)> = record
        .decisions
        .iter()
        .map(|d| (d.version, d.decision))
        .collect();
    assert_eq!(
        decided,
        vec![
            (1, IqaDecision::ActionRequired),
            (2, IqaDecision::Confirmed)
        ]
    );
    // What was sampled on version 1 is still what was sampled then.
    let first = record.samples_of(1).find(|s| s.item_id == "P4").unwrap();
    assert!(!first.agrees);
    assert_eq!(first.outcome, JudgementOutcome::Met);
    let second = record.samples_of(2).find(|s| s.item_id == "P4").unwrap();
    assert_eq!(second.feedback, long.trim_end());
    let report = a.verify().unwrap();
    assert!(report.ok(), "{:?}", report.problems);
}

#[test]
fn iqa_files_can_be_locked_with_a_passphrase_file() {
    let dir = common::temp_dir();
    let (_, copy) = signed_off(dir.path());
    let s = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (c, secret, wrong) = (
        copy.to_str().unwrap().to_string(),
        s("passphrase.txt"),
        s("wrong.txt"),
    );
    std::fs::write(&secret, "Dyma gyfrinair hir i'r IQA\n").unwrap();
    std::fs::write(&wrong, "not the passphrase\n").unwrap();
    let (to_iqa, q, back) = (
        s("to-iqa-locked.portfolio"),
        s("iqa.portfolio"),
        s("from-iqa-locked.portfolio"),
    );
    common::cli_ok(&[
        "send-to-iqa",
        &c,
        "-o",
        &to_iqa,
        "--passphrase-file",
        &secret,
    ]);
    assert!(exchange::is_locked(Path::new(&to_iqa)).unwrap());
    let err = common::cli_refused(&["iqa-open", &to_iqa, "-o", &q]);
    assert!(err.contains("--passphrase-file"), "{err}");
    let err = common::cli_refused(&["iqa-open", &to_iqa, "-o", &q, "--passphrase-file", &wrong]);
    assert!(err.contains("passphrase does not unlock"), "{err}");
    assert!(!Path::new(&q).exists(), "nothing written");
    common::cli_ok(&[
        "iqa-open",
        &to_iqa,
        "-o",
        &q,
        "--iqa",
        IQA,
        "--passphrase-file",
        &secret,
    ]);
    common::cli_ok(&["iqa-sample", &q, "P1", "--agree"]);
    common::cli_ok(&["iqa-decision", &q, "--confirmed", "--iqa", IQA]);
    common::cli_ok(&["iqa-return", &q, "-o", &back, "--passphrase-file", &secret]);
    assert!(exchange::is_locked(Path::new(&back)).unwrap());
    let err = common::cli_refused(&["receive-iqa", &c, &back]);
    assert!(err.contains("--passphrase-file"), "{err}");
    let out = common::cli_ok(&[
        "receive-iqa",
        &c,
        &back,
        "--passphrase-file",
        &secret,
        "--json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["decision"]["decision"], "confirmed");
    assert_eq!(json["agreed"], 1);
}

#[test]
fn files_between_the_assessor_and_the_iqa_opened_from_the_desktop_are_told_apart() {
    let dir = common::temp_dir();
    let (_, copy) = signed_off(dir.path());
    let (_, back) = sampled(dir.path(), &copy);
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let to_iqa = exchange::identify(&dir.path().join("to-iqa.portfolio"), None, &work).unwrap();
    assert_eq!(to_iqa.kind, exchange::FileKind::SentToIqa);
    assert_eq!(
        (to_iqa.learner_name.as_str(), to_iqa.version),
        (LEARNER, Some(1))
    );
    let from_iqa = exchange::identify(&back, None, &work).unwrap();
    assert_eq!(from_iqa.kind, exchange::FileKind::IqaReturned);
    assert_eq!(from_iqa.uid, to_iqa.uid);
    assert_eq!(
        std::fs::read_dir(&work).unwrap().count(),
        0,
        "no copy is left"
    );

    // Once the assessor has returned the assessment to the learner after
    // the IQA, the same copy's sent file is a returned assessment again,
    // and not a file for the IQA.
    let mut a = Portfolio::open(&copy).unwrap();
    a.receive_iqa(&back).unwrap();
    let returned = dir.path().join("returned.portfolio");
    a.return_to_learner(&returned, Some(ASSESSOR)).unwrap();
    a.close().unwrap();
    let identity = exchange::identify(&returned, None, &work).unwrap();
    assert_eq!(identity.kind, exchange::FileKind::ReturnedAssessment);
    let err = iqa::open_for_iqa(&returned, &dir.path().join("iqa-wrong.portfolio"), IQA)
        .map(|_| ())
        .unwrap_err();
    assert!(
        err.message
            .contains("an assessment the assessor returned to the learner"),
        "{}",
        err.message
    );
}

/// The assessor takes in the IQA's `back`, re-judges P4 (not yet met, then
/// met again) and signs off again, and sends the copy to the IQA again as
/// `name`.
fn rejudged_and_sent_again(dir: &Path, copy: &Path, back: &Path, name: &str) -> PathBuf {
    let mut a = Portfolio::open(copy).unwrap();
    a.receive_iqa(back).unwrap();
    a.judge(
        "P4",
        JudgementOutcome::NotYetMet,
        "Shown only in part.",
        None,
    )
    .unwrap();
    a.sign_off(ASSESSOR, "2026-11-30").unwrap();
    let again = dir.join(name);
    a.send_to_iqa(&again, None).unwrap();
    a.close().unwrap();
    again
}

#[test]
fn iqa_open_into_the_existing_copy_brings_it_up_to_date_keeping_the_iqa_s_record() {
    let dir = common::temp_dir();
    let (_, copy) = signed_off(dir.path());
    let (iqa_copy, back) = sampled(dir.path(), &copy);
    let first_send = dir.path().join("to-iqa.portfolio");
    let again = rejudged_and_sent_again(dir.path(), &copy, &back, "to-iqa-again.portfolio");

    // Through the command line, into the same IQA copy.
    let q = iqa_copy.to_str().unwrap();
    let out = common::cli_ok(&["iqa-open", again.to_str().unwrap(), "-o", q]);
    assert!(out.contains("up to date"), "{out}");
    assert!(
        out.contains("earlier samples and decisions are kept"),
        "{out}"
    );
    let mut p = Portfolio::open(&iqa_copy).unwrap();
    assert_eq!(p.role().unwrap(), exchange::Role::Iqa);
    // The assessor's new judgement is there, and so is the IQA's record.
    let p4 = p
        .judgements(None)
        .unwrap()
        .into_iter()
        .find(|j| j.item_id == "P4")
        .unwrap();
    assert_eq!(p4.outcome, JudgementOutcome::NotYetMet);
    let record = p.iqa_record().unwrap();
    assert_eq!(record.decisions.len(), 1);
    assert_eq!(record.decisions[0].decision, IqaDecision::ActionRequired);
    assert!(record
        .samples
        .iter()
        .any(|s| s.item_id == "P4" && !s.agrees));
    assert!(p.verify().unwrap().ok());
    // The earlier sample of P4 is of a judgement no longer in force: neither
    // the earlier decision nor a new one rests on it, and nothing is written.
    let stale = dir.path().join("stale.portfolio");
    let err = p.iqa_return(&stale, None).map(|_| ()).unwrap_err();
    assert!(
        err.message.contains("judged P4 again since you sampled it"),
        "{}",
        err.message
    );
    assert!(!stale.exists(), "no file written");
    let err = p
        .iqa_decide(IqaDecision::Confirmed, "", IQA, Some("2026-12-01"))
        .map(|_| ())
        .unwrap_err();
    assert!(
        err.message.contains("sample it again before deciding"),
        "{}",
        err.message
    );
    assert_eq!(p.iqa_record().unwrap().decisions.len(), 1);
    // The IQA samples the re-judged item and confirms; the assessor takes it in.
    let s = p
        .iqa_sample("P4", true, "Now judged against its evidence.")
        .unwrap();
    assert_eq!(s.outcome, JudgementOutcome::NotYetMet);
    p.iqa_decide(IqaDecision::Confirmed, "", IQA, Some("2026-12-01"))
        .unwrap();
    let back2 = dir.path().join("from-iqa-2.portfolio");
    p.iqa_return(&back2, None).unwrap();
    p.close().unwrap();
    let mut a = Portfolio::open(&copy).unwrap();
    let got = a.receive_iqa(&back2).unwrap();
    assert_eq!(got.decision.decision, IqaDecision::Confirmed);
    assert_eq!(got.disagreed, Vec::<String>::new());
    a.close().unwrap();

    // The older sending, into the copy brought up to date: refused, unchanged.
    let before = std::fs::read(&iqa_copy).unwrap();
    let err = iqa::open_for_iqa(&first_send, &iqa_copy, IQA)
        .map(|_| ())
        .unwrap_err();
    assert!(err.message.contains("older sending"), "{}", err.message);
    assert_eq!(std::fs::read(&iqa_copy).unwrap(), before, "left as it was");
}

#[test]
fn iqa_open_into_an_existing_file_refuses_another_portfolio_or_a_file_not_for_the_iqa() {
    let dir = common::temp_dir();
    let (_, copy) = signed_off(dir.path());
    let (iqa_copy, _) = sampled(dir.path(), &copy);
    let before = std::fs::read(&iqa_copy).unwrap();

    // Another learner's portfolio, sent to the IQA, into this IQA copy.
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    let (_, other_copy) = signed_off(&other);
    let other_send = other.join("to-iqa-other.portfolio");
    let mut a = Portfolio::open(&other_copy).unwrap();
    a.send_to_iqa(&other_send, None).unwrap();
    a.close().unwrap();
    let err = iqa::open_for_iqa(&other_send, &iqa_copy, IQA)
        .map(|_| ())
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::AlreadyExists);
    assert!(
        err.message.contains("not your IQA copy of this portfolio"),
        "{}",
        err.message
    );

    // A learner's submission is not for the IQA, whatever the destination.
    let err = iqa::open_for_iqa(&dir.path().join("sent.portfolio"), &iqa_copy, IQA)
        .map(|_| ())
        .unwrap_err();
    assert!(
        err.message.contains(
            "not an assessor's file sent for quality assurance (it is a learner's submission"
        ),
        "{}",
        err.message
    );

    // The assessor's own working copy in the place of the IQA copy is not
    // the IQA's copy: refused, and the assessor's copy is untouched.
    let (_, back) = sampled(&other, &other_copy);
    let again = rejudged_and_sent_again(&other, &other_copy, &back, "again.portfolio");
    let assessor_before = std::fs::read(&other_copy).unwrap();
    let err = iqa::open_for_iqa(&again, &other_copy, IQA)
        .map(|_| ())
        .unwrap_err();
    assert!(err.message.contains("not your IQA copy"), "{}", err.message);
    assert_eq!(std::fs::read(&other_copy).unwrap(), assessor_before);
    assert_eq!(std::fs::read(&iqa_copy).unwrap(), before, "left as it was");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".portfolio") && n != "other")
        .collect();
    assert!(leftovers.is_empty(), "nothing half-written: {leftovers:?}");
}
