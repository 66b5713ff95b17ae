//! End to end, the assessment cycle (issue 12's "done when"): three copies
//! of the real app, each on its own "computer" (data folder), a learner, an
//! assessor and an internal quality assurer (IQA), with the portfolio file
//! travelling between them through a shared folder, as it would by email.
//! All through the windows: the learner drafts and accepts the assessment
//! plan and submits; the assessor accepts the plan (agreed); the assessor
//! judges, signs off and sends the portfolio to the IQA; the IQA opens it
//! into an IQA copy (where nothing of the learner's or the assessor's can
//! be changed), samples with one disagreement, signs "action required" and
//! returns it; the assessor receives it, sees the decision, re-judges the
//! item (which withdraws the sign-off), signs off again and returns the
//! file to the learner, who sees the IQA's outcome and exports the PDF,
//! read back with pdftotext: it shows the IQA's name, decision and date.
//! Sent to the IQA again, the portfolio updates the IQA's one copy, their
//! earlier record kept. axe-core checks each IQA screen, in the light and
//! the dark scheme. At the end the files are read by the core.

#[path = "../../support/pdf_tools.rs"]
mod pdf_tools;

use partnership_portfolio::exchange::{JudgementOutcome, Role};
use partnership_portfolio::iqa::IqaDecision;
use partnership_portfolio::Portfolio;
use partnership_portfolio_e2e::{sel, App, Machine};

const LEARNER: &str = "Siân Llŷr-Ŵyn";
const ASSESSOR: &str = "Màiri NicDhòmhnaill";
const IQA: &str = "Eilidh Nic a' Phearsain";
const ACCOUNT: &str = "I set up the steering group with the library service.";
const DISAGREE: &str = "The minutes do not show P4.";
const ACTION: &str = "Judge P4 again against its evidence.";
const REJUDGED: &str = "Show how you and the library agreed to work together.";

/// The assessment plan: the learner drafts a line (P1 and P2, observed,
/// with a target date) and accepts it, before they submit.
async fn plan_step(learner: &App<'_>) {
    learner.click("nav-plan").await;
    learner.el("plan-empty").await;
    learner.fill("plan-items", "P1-P2").await;
    learner.click("plan-method-observation").await;
    learner.fill("plan-target", "2099-03-31").await;
    learner
        .fill("plan-note", "Observed at the steering group.")
        .await;
    learner.click("plan-save").await;
    learner
        .wait_attr("[data-testid=\"plan-line\"]", "data-items", "P1, P2")
        .await;
    learner.click("plan-accept").await;
    learner
        .wait_text("plan-acceptance-learner", "accepted", |t| {
            t.contains(&format!("accepted by {LEARNER}"))
        })
        .await;
}

/// The assessor accepts the plan as the learner wrote it: it is agreed.
async fn plan_agreed(assessor: &App<'_>) {
    assessor.click("nav-plan").await;
    assessor
        .wait_text("plan-acceptance-learner", "the learner's acceptance", |t| {
            t.contains(&format!("accepted by {LEARNER}"))
        })
        .await;
    assessor.fill("plan-accept-name", ASSESSOR).await;
    assessor.click("plan-accept").await;
    assessor
        .wait_text("plan-agreed", "agreed", |t| {
            t.contains("Agreed by learner and assessor")
        })
        .await;
}

/// A screenshot of the screen as it is now, and axe-core on it in the
/// light and the dark scheme; the violations found, prefixed with `label`.
async fn checked(app: &App<'_>, label: &str) -> Vec<String> {
    app.screenshot(label).await;
    app.axe_light_and_dark(label).await
}

#[tokio::test(flavor = "multi_thread")]
async fn learner_assessor_and_iqa_go_round_the_assessment_cycle() {
    let shared = tempfile::tempdir().expect("the shared folder");
    let file = |name: &str| shared.path().join(name);
    let (v1, for_iqa, from_iqa, back, for_iqa_again) = (
        file("Siân-CLDAL16-v1.portfolio"),
        file("Siân-CLDAL16-v1-for-iqa.portfolio"),
        file("Siân-CLDAL16-v1-iqa.portfolio"),
        file("Siân-CLDAL16-v1-assessed.portfolio"),
        file("Siân-CLDAL16-v1-for-iqa-again.portfolio"),
    );
    let mut axe_failures = Vec::new();

    let learner_m = Machine::new("cycle-learner");
    let assessor_m = Machine::new("cycle-assessor");
    let iqa_m = Machine::new("cycle-iqa");
    let (learner, assessor, iqa) =
        tokio::join!(learner_m.launch(), assessor_m.launch(), iqa_m.launch());

    // ---- The learner: a portfolio with work in it, the plan, submitted. ----
    learner.create_portfolio(LEARNER).await;
    learner.open_item("P1").await;
    learner.rate_and_write(3, ACCOUNT).await;
    plan_step(&learner).await;
    learner.submit(&learner_m, &v1, 1, LEARNER, "v1").await;

    // ---- The assessor: judges, signs off, sends to the IQA. ----
    assessor.open_submission(&assessor_m, &v1, ASSESSOR).await;
    plan_agreed(&assessor).await;
    let items = assessor.judge_the_rest_met().await;
    assert_eq!(items.len(), 42);
    assessor
        .wait_attr("[data-testid=\"iqa-exchange\"]", "data-stage", "not_signed")
        .await;
    assessor.sign_off(ASSESSOR, "2026-11-20", 1).await;
    assessor
        .wait_attr("[data-testid=\"iqa-exchange\"]", "data-stage", "ready")
        .await;
    assessor.scroll_to(Some("iqa-exchange")).await;
    assessor.screenshot("ready-for-iqa").await;
    assessor
        .save_file_with(&assessor_m, "send-to-iqa", &for_iqa, "sent-to-iqa")
        .await;
    assessor
        .wait_text("with-iqa", "with the IQA", |t| t.contains("with the IQA"))
        .await;
    assessor.el("receive-iqa").await;
    assessor.screenshot("with-iqa").await;

    // ---- The IQA: opens it, looks round read-only, samples, decides, returns. ----
    iqa.el("home").await;
    axe_failures.extend(checked(&iqa, "iqa-home").await);
    iqa.click("open-for-iqa").await;
    iqa.el("open-for-iqa-dialog").await;
    axe_failures.extend(checked(&iqa, "iqa-open-dialog").await);
    iqa.assert_labelled("open for quality assurance").await;
    iqa.click("open-for-iqa-choose").await; // no name yet: said so, nothing asked
    iqa.wait_for("#assessor-name-problem").await;
    // A learner's submission is not a file for the IQA: refused in words.
    iqa.fill("assessor-name", IQA).await;
    iqa_m.answer_next_dialog(&[&v1]);
    iqa.click("open-for-iqa-choose").await;
    let refused = iqa
        .wait_text_css(
            "[data-testid=\"open-for-iqa-dialog\"] [data-testid=\"error\"]",
            "a refusal",
            |t| t.contains("not an assessor's file sent for quality assurance"),
        )
        .await;
    eprintln!("a learner's file is refused for the IQA with: {refused}");
    iqa.screenshot("iqa-refused").await;
    iqa_m.answer_next_dialog(&[&for_iqa]);
    iqa.click("open-for-iqa-choose").await;
    iqa.wait_attr("[data-testid=\"assessment\"]", "data-role", "iqa")
        .await;
    iqa.wait_text("iqa-banner", "the IQA copy", |t| {
        t.contains("Internal quality assurer’s copy") && t.contains("version 1")
    })
    .await;
    axe_failures.extend(checked(&iqa, "iqa-assessment").await);
    iqa.assert_labelled("IQA assessment").await;

    // Read-only: the learner's work and the assessor's judgement on P1's page.
    iqa.open_item("P1").await;
    assert_eq!(iqa.text("learner-account").await.trim(), ACCOUNT);
    assert!(iqa.all("[data-testid=\"account\"]").await.is_empty());
    assert!(iqa
        .all("[data-testid=\"judgement-panel\"]")
        .await
        .is_empty());
    iqa.el("assessor-feedback").await;
    axe_failures.extend(checked(&iqa, "iqa-item").await);
    iqa.assert_labelled("IQA item page").await;
    iqa.click("nav-overview").await;
    iqa.el("overview").await;
    assert!(iqa.all("[data-testid=\"edit-profile\"]").await.is_empty());
    // The agreed plan, read-only: nothing to add or accept.
    iqa.click("nav-plan").await;
    iqa.wait_text("plan-agreed", "agreed", |t| {
        t.contains("Agreed by learner and assessor")
    })
    .await;
    assert!(iqa.all("[data-testid=\"plan-save\"]").await.is_empty());
    assert!(iqa.all("[data-testid=\"plan-accept\"]").await.is_empty());
    axe_failures.extend(checked(&iqa, "iqa-plan").await);

    // Samples: P1 agreed, P4 disagreed (refused without feedback first).
    iqa.click("nav-assessment").await;
    iqa.el("iqa-choose").await;
    iqa.iqa_sample("P1", true, "").await;
    iqa.click_css(&sel("iqa-choose-item", "item", "P4")).await;
    let p4 = sel("iqa-sample-row", "item", "P4");
    iqa.click_css(&format!("{p4} [data-testid=\"iqa-disagree\"]"))
        .await;
    iqa.click_css(&format!("{p4} [data-testid=\"iqa-save-sample\"]"))
        .await;
    iqa.wait_text_css(&format!("{p4} .field-error"), "feedback needed", |t| {
        t.contains("Say why you disagree")
    })
    .await;
    iqa.iqa_sample("P4", false, DISAGREE).await;
    // "Confirmed" is not offered with a disagreement.
    iqa.wait_for("[data-testid=\"iqa-confirmed\"]:disabled")
        .await;
    iqa.scroll_to(Some("iqa-decision-section")).await;
    axe_failures.extend(checked(&iqa, "iqa-sampled").await);
    iqa.iqa_decide(Some(ACTION), IQA, "2026-11-28").await;
    iqa.scroll_to(Some("iqa-return")).await;
    axe_failures.extend(checked(&iqa, "iqa-decided").await);
    iqa.save_file_with(&iqa_m, "iqa-return-to-assessor", &from_iqa, "iqa-returned")
        .await;
    iqa.click("back-to-library").await;
    iqa.wait_attr("[data-testid=\"portfolio-entry\"]", "data-role", "iqa")
        .await;
    iqa.el("iqa-copy-tag").await;
    axe_failures.extend(checked(&iqa, "iqa-home-with-copy").await);

    // ---- The assessor: receives it, sees the decision, re-judges, signs again. ----
    assessor_m.answer_next_dialog(&[&from_iqa]);
    assessor.click("receive-iqa").await;
    assessor
        .wait_text("iqa-received", "what came back", |t| {
            t.contains("Action required on version 1") && t.contains("disagreed with P4")
        })
        .await;
    assessor
        .wait_attr(
            "[data-testid=\"iqa-outcome\"]",
            "data-decision",
            "action_required",
        )
        .await;
    assessor
        .wait_text("iqa-action", "the action", |t| t.contains(ACTION))
        .await;
    assessor
        .wait_attr(&sel("iqa-sample", "item", "P4"), "data-agrees", "false")
        .await;
    assessor
        .wait_text_css(&sel("iqa-sample", "item", "P4"), "the feedback", |t| {
            t.contains(DISAGREE)
        })
        .await;
    assessor.scroll_to(Some("iqa-exchange")).await;
    assessor.screenshot("iqa-decision-received").await;
    assessor
        .assert_labelled("assessment with the IQA's decision")
        .await;
    assessor.open_item("P4").await;
    assessor.click("judge-not_yet_met").await;
    assessor.fill("judge-feedback", REJUDGED).await;
    assessor
        .wait_attr(
            "[data-testid=\"judgement-panel\"] [data-testid=\"save-state\"]",
            "data-state",
            "saved",
        )
        .await;
    assessor.click("nav-assessment").await;
    assessor
        .wait_attr(
            "[data-testid=\"iqa-exchange\"]",
            "data-stage",
            "action_required",
        )
        .await;
    assert!(
        assessor
            .all("[data-testid=\"signed-off\"]")
            .await
            .is_empty(),
        "re-judging withdrew the sign-off"
    );
    assessor.sign_off(ASSESSOR, "2026-11-30", 1).await;
    assessor.return_to_learner(&assessor_m, &back).await;

    // ---- The learner: receives the return with the IQA's outcome; the PDF. ----
    let said = learner.receive_assessment(&learner_m, &back).await;
    assert!(said.contains("41 met, 1 not yet met"), "{said}");
    learner
        .wait_attr(
            "[data-testid=\"iqa-outcome\"]",
            "data-decision",
            "action_required",
        )
        .await;
    learner
        .wait_text("iqa-signed", "the IQA's name", |t| t.contains(IQA))
        .await;
    assert!(learner
        .all("[data-testid=\"iqa-save-sample\"]")
        .await
        .is_empty());
    learner.scroll_to(Some("iqa-outcome")).await;
    learner.screenshot("iqa-outcome-learner").await;
    let pdf = learner_m
        .files()
        .join("Siân – CLDAL16 evidence portfolio.pdf");
    learner.export_pdf(&learner_m, &pdf).await;

    // ---- Sent to the IQA again: the IQA's copy is brought up to date. ----
    assessor.click("nav-assessment").await;
    assessor
        .save_file_with(&assessor_m, "send-to-iqa", &for_iqa_again, "sent-to-iqa")
        .await;
    iqa.open_for_iqa(&iqa_m, &for_iqa_again, IQA).await;
    iqa.wait_text("iqa-outcome", "the earlier decision", |t| {
        t.contains("Your earlier decision") && t.contains("Action required")
    })
    .await;
    iqa.wait_attr(&sel("iqa-sample-row", "item", "P4"), "data-saved", "true")
        .await;
    iqa.el("iqa-sign").await; // the earlier decision is not on what is signed now
    iqa.screenshot("iqa-copy-updated").await;
    iqa.click("back-to-library").await;
    iqa.wait_count("[data-testid=\"portfolio-entry\"]", 1).await;

    let (_, _, _) = tokio::join!(learner.quit(), assessor.quit(), iqa.quit());
    assert_eq!(axe_failures, Vec::<String>::new(), "axe on the IQA screens");

    // ---- The PDF and the files, read back. ----
    let text = pdf_tools::normalise(&pdf_tools::tool_ok(
        "pdftotext",
        &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"],
    ));
    for expected in [
        format!("Action required on version 1, signed by {IQA} on 28 November 2026"),
        "Internal quality assurance record".to_string(),
        ACTION.to_string(),
        DISAGREE.to_string(),
    ] {
        assert!(
            text.contains(&expected),
            "{expected:?} is not in the PDF: {text}"
        );
    }
    let mine = Portfolio::open(&learner_m.only_portfolio()).unwrap();
    let record = mine.iqa_record().unwrap();
    assert_eq!(record.decisions.len(), 1);
    assert_eq!(record.decisions[0].decision, IqaDecision::ActionRequired);
    assert_eq!(record.decisions[0].iqa_name, IQA);
    let p4 = mine
        .judgements(None)
        .unwrap()
        .into_iter()
        .find(|j| j.item_id == "P4")
        .unwrap();
    assert_eq!(
        (p4.outcome, p4.feedback.as_str()),
        (JudgementOutcome::NotYetMet, REJUDGED)
    );
    assert_eq!(mine.verify().unwrap().problems, Vec::<String>::new());
    // One IQA copy, holding the assessor's re-judgement and the IQA's record.
    let theirs = Portfolio::open(&iqa_m.only_portfolio()).unwrap();
    assert_eq!(theirs.role().unwrap(), Role::Iqa);
    let kept = theirs.iqa_record().unwrap();
    assert_eq!((kept.samples.len(), kept.decisions.len()), (2, 1));
    let p4 = theirs
        .judgements(None)
        .unwrap()
        .into_iter()
        .find(|j| j.item_id == "P4")
        .unwrap();
    assert_eq!(p4.outcome, JudgementOutcome::NotYetMet);
    assert_eq!(theirs.verify().unwrap().problems, Vec::<String>::new());
    for f in [&v1, &for_iqa, &from_iqa, &back, &for_iqa_again] {
        let p = Portfolio::open(f).unwrap();
        assert_eq!(
            p.verify().unwrap().problems,
            Vec::<String>::new(),
            "{}",
            f.display()
        );
    }
}
