//! End to end, the exchange (issue 5): two copies of the real app, each on
//! its own "computer" (data folder), a learner and an assessor, with the
//! portfolio file travelling between them through a shared folder, as it
//! would by email or USB stick. All through the windows: the learner
//! submits; the assessor opens it, judges every item (P1 not yet met, with
//! feedback), writes overall feedback, signs off and returns it; the
//! learner receives it, sees the feedback, works on P1 and submits version
//! 2; the assessor opens version 2 and sees what changed. At the end the
//! files are read by the core: judgements arrived, the learner's later work
//! was kept, and verification finds nothing wrong.

use partnership_portfolio::exchange::JudgementOutcome;
use partnership_portfolio::Portfolio;
use partnership_portfolio_e2e::{sel, write_sample_photo, Machine};

const LEARNER: &str = "Siân Llŷr-Ŵyn";
const ASSESSOR: &str = "Màiri NicDhòmhnaill";
const FEEDBACK_P1: &str = "Say who the partners were and how you first made contact; the minutes show the meeting, not how the relationship began.";
const ACCOUNT_V1: &str = "I set up the steering group with the library service.";
const ACCOUNT_V2: &str = "I set up the steering group with the library service. I first met Dafydd from the library at a county network day, rang him the week after, and we agreed to meet monthly.";

#[tokio::test(flavor = "multi_thread")]
async fn learner_and_assessor_exchange_the_portfolio_both_ways() {
    let shared = tempfile::tempdir().expect("the shared folder");
    let v1 = shared.path().join("Siân-CLDAL16-v1.portfolio");
    let v1_back = shared.path().join("Siân-CLDAL16-v1-assessed.portfolio");
    let v2 = shared.path().join("Siân-CLDAL16-v2.portfolio");

    let learner_m = Machine::new("exchange-learner");
    let assessor_m = Machine::new("exchange-assessor");
    let photo = learner_m.files().join("library-partnership-agreement.png");
    write_sample_photo(&photo, 480, 360);
    let (learner, assessor) = tokio::join!(learner_m.launch(), assessor_m.launch());

    // ---- The learner: a portfolio with some work in it, submitted. ----
    learner.create_portfolio(LEARNER).await;
    learner.open_item("P1").await;
    learner.rate_and_write(3, ACCOUNT_V1).await;
    learner.click("add-evidence-for-item").await;
    learner.el("evidence-form").await;
    learner
        .fill(
            "evidence-title",
            "Partnership agreement with the library service",
        )
        .await;
    learner.click("method-product").await;
    learner_m.answer_next_dialog(&[&photo]);
    learner.click("choose-files").await;
    learner
        .wait_text("staged-files", "the photo", |t| {
            t.contains("library-partnership-agreement.png")
        })
        .await;
    learner.click("evidence-save").await;
    learner
        .wait_for(&sel("item-evidence-row", "reference", "E1"))
        .await;

    learner.click("nav-assessment").await;
    learner
        .wait_attr(
            "[data-testid=\"assessment-status\"]",
            "data-stage",
            "not_submitted",
        )
        .await;
    learner.screenshot("assessment-not-submitted").await;
    learner.assert_labelled("assessment (learner)").await;
    learner.submit(&learner_m, &v1, 1, LEARNER, "v1").await;
    learner
        .wait_for(&sel("submission-row", "version", "1"))
        .await;

    // ---- The assessor: opens it, judges, gives feedback, signs off, returns. ----
    assessor.el("library-empty").await;
    assessor.click("open-submission").await;
    assessor.el("open-submission-dialog").await;
    assessor.fill("assessor-name", ASSESSOR).await;
    assessor.screenshot("open-submission-dialog").await;
    assessor.assert_labelled("open dialog").await;
    // The wrong file first: it is refused, in words, and nothing opens.
    let wrong = assessor_m.files().join("notes.portfolio");
    std::fs::write(&wrong, "not a portfolio at all").unwrap();
    assessor_m.answer_next_dialog(&[&wrong]);
    assessor.click("open-submission-choose").await;
    let refused = assessor
        .wait_text_css(
            "[data-testid=\"open-submission-dialog\"] [data-testid=\"error\"]",
            "a refusal",
            |t| t.contains("could not be opened"),
        )
        .await;
    eprintln!("a wrong file is refused with: {refused}");
    assessor.screenshot("open-submission-refused").await;
    assessor_m.answer_next_dialog(&[&v1]);
    assessor.click("open-submission-choose").await;
    assessor.el("overview").await;
    assessor
        .wait_text("assessor-banner", "version 1", |t| {
            t.contains("Assessor’s copy") && t.contains("submitted version 1")
        })
        .await;
    assessor
        .wait_text("judging-progress", "0 judged", |t| {
            t.contains("0 of 42 judged")
        })
        .await;
    assert!(
        assessor
            .all("[data-testid=\"edit-profile\"]")
            .await
            .is_empty(),
        "the learner's profile is read-only"
    );
    assessor.screenshot("overview-assessor").await;
    assessor.assert_labelled("overview (assessor)").await;

    // Item P1: the learner's work, read-only, with the evidence and its photo.
    assessor.click_css(&sel("item-row", "item", "P1")).await;
    assessor
        .wait_attr("[data-testid=\"item-page\"]", "data-item", "P1")
        .await;
    assert_eq!(assessor.text("learner-account").await.trim(), ACCOUNT_V1);
    assert!(assessor.all("[data-testid=\"account\"]").await.is_empty());
    assert!(assessor
        .all("[data-testid=\"map-existing\"]")
        .await
        .is_empty());
    assessor.click("judge-not_yet_met").await;
    assessor.fill("judge-feedback", FEEDBACK_P1).await;
    assessor.click("judge-met").await; // a slip of the hand…
    assessor.click("judge-not_yet_met").await; // …put right
    assessor
        .wait_attr(
            "[data-testid=\"judgement-panel\"] [data-testid=\"save-state\"]",
            "data-state",
            "saved",
        )
        .await;
    assessor.screenshot("item-p1-judged").await;
    assessor.assert_labelled("item page (assessor)").await;
    assessor
        .click_css(&sel("item-evidence-row", "reference", "E1"))
        .await;
    assessor.wait_for("[data-testid=\"attachment\"] img").await;
    assert!(assessor
        .all("[data-testid=\"remove-attachment\"]")
        .await
        .is_empty());
    assert!(assessor
        .all("[data-testid=\"edit-evidence\"]")
        .await
        .is_empty());
    assessor.screenshot("evidence-assessor").await;
    assessor.assert_labelled("evidence (assessor)").await;

    // Every other item met, from the assessment page.
    assessor.click("nav-assessment").await;
    assessor.el("judgements").await;
    assessor
        .wait_attr(
            &sel("judge-row", "item", "P1"),
            "data-outcome",
            "not_yet_met",
        )
        .await;
    assessor.screenshot("assessment-assessor-start").await;
    assessor.assert_labelled("assessment (assessor)").await;
    let items: Vec<String> = {
        let rows = assessor.all("[data-testid=\"judge-row\"]").await;
        let mut ids = Vec::new();
        for r in rows {
            ids.push(r.attr("data-item").await.unwrap().unwrap());
        }
        ids
    };
    assert_eq!(items.len(), 42);
    for item in items.iter().filter(|i| *i != "P1") {
        assessor.click(&format!("quick-met-{item}")).await;
    }
    assessor
        .wait_text("judgement-counts", "42 judged", |t| {
            t.contains("42 of 42 judged · 41 met · 1 not yet met")
        })
        .await;
    assessor
        .fill(
            "overall-feedback-input",
            "A strong portfolio. P1 needs a little more: see my note there.",
        )
        .await;
    assessor.click("sign-name").await; // leaving the box saves the feedback
    assessor.fill("sign-name", ASSESSOR).await;
    assessor.scroll_to(Some("signoff")).await;
    assessor.screenshot("assessment-assessor-ready").await;
    assessor.click("sign-off").await;
    assessor
        .wait_text("signed-off", "the sign-off", |t| {
            t.contains(ASSESSOR) && t.contains("version 1")
        })
        .await;
    assessor.screenshot("assessment-signed-off").await;
    assessor_m.answer_next_dialog(&[&v1_back]);
    assessor.click("return-to-learner").await;
    assessor
        .wait_text("returned", "the file", |t| {
            t.contains("v1-assessed.portfolio")
        })
        .await;
    assert!(v1_back.is_file());
    assessor.screenshot("returned").await;

    // ---- The learner: receives it, sees feedback, works on P1, resubmits. ----
    learner_m.answer_next_dialog(&[&v1_back]);
    learner.click("receive-assessment").await;
    learner
        .wait_text("receive-result", "the counts", |t| {
            t.contains("41 met, 1 not yet met, and signed off")
        })
        .await;
    learner
        .wait_attr(
            "[data-testid=\"assessment-status\"]",
            "data-stage",
            "signed_off",
        )
        .await;
    learner
        .wait_text("not-yet-met", "P1", |t| {
            t.contains("P1") && t.contains("Say who the partners were")
        })
        .await;
    learner.screenshot("received").await;
    learner.assert_labelled("assessment (received)").await;

    learner.click("nav-overview").await;
    learner
        .wait_attr(
            &sel("item-row", "item", "P1"),
            "data-judgement",
            "not_yet_met",
        )
        .await;
    learner
        .wait_attr(&sel("item-row", "item", "K27"), "data-judgement", "met")
        .await;
    learner.el("assessed-summary").await;
    learner.screenshot("overview-assessed").await;
    learner.scroll_to(Some("section-performance")).await;
    learner.screenshot("overview-assessed-items").await;

    learner.open_item("P1").await;
    assert_eq!(
        learner.text("assessor-feedback-text").await.trim(),
        FEEDBACK_P1
    );
    learner.fill("account", ACCOUNT_V2).await;
    learner
        .wait_attr("[data-testid=\"save-state\"]", "data-state", "saved")
        .await;
    learner.click("nav-overview").await;
    learner
        .wait_text_css(
            &format!(
                "{} [data-testid=\"row-changed\"]",
                sel("item-row", "item", "P1")
            ),
            "changed since assessed",
            |t| t.contains("Changed since assessed"),
        )
        .await;
    learner.open_item("P1").await;
    learner.el("changed-since-assessed").await;
    learner.screenshot("item-p1-feedback-and-changed").await;
    learner.assert_labelled("item page (assessed)").await;

    learner.resize(800, 600).await;
    learner
        .submit(&learner_m, &v2, 2, LEARNER, "v2-800x600")
        .await;
    learner.resize(1180, 800).await;

    // Integrity and the audit trail, in the learner's window.
    learner.click("nav-check").await;
    learner.click("verify").await;
    learner
        .wait_text("verify-ok", "all good", |t| {
            t.contains("Everything matches")
        })
        .await;
    let events: Vec<String> = {
        let mut v = Vec::new();
        for e in learner.all("[data-testid=\"audit-entry\"]").await {
            v.push(e.attr("data-event").await.unwrap().unwrap());
        }
        v
    };
    for event in [
        "submitted",
        "imported",
        "judged",
        "signed_off",
        "returned",
        "received",
    ] {
        assert!(
            events.iter().any(|e| e == event),
            "{event} missing from {events:?}"
        );
    }
    learner.screenshot("check-learner").await;
    learner.assert_labelled("check").await;

    // ---- The assessor: version 2, and what changed since version 1. ----
    assessor.click("back-to-library").await;
    assessor.el("home").await;
    assessor
        .wait_attr("[data-testid=\"portfolio-entry\"]", "data-role", "assessor")
        .await;
    assessor.screenshot("home-assessor").await;
    assessor.click("open-submission").await;
    assessor.el("open-submission-dialog").await;
    assert_eq!(
        assessor.value("assessor-name").await,
        ASSESSOR,
        "remembered"
    );
    assessor_m.answer_next_dialog(&[&v2]);
    assessor.click("open-submission-choose").await;
    assessor.el("overview").await;
    assessor
        .wait_text("assessor-banner", "version 2", |t| {
            t.contains("submitted version 2")
        })
        .await;
    assessor.click("nav-assessment").await;
    assessor
        .wait_text("changes-summary", "P1 changed", |t| {
            t.contains("1 item changed")
        })
        .await;
    assessor
        .wait_text("changed-item", "P1", |t| t.trim() == "P1")
        .await;
    assessor.screenshot("assessment-v2-changes").await;
    assessor.click("nav-check").await;
    assessor.click("verify").await;
    assessor
        .wait_text("verify-ok", "all good", |t| {
            t.contains("Everything matches")
        })
        .await;
    assessor.screenshot("check-assessor").await;

    // Small windows stay usable.
    assessor.resize(800, 600).await;
    assessor.click("nav-assessment").await;
    assessor.el("judgements").await;
    assessor.scroll_to(Some("judgements")).await;
    assessor.screenshot("assessment-800x600").await;
    assessor.open_item("P1").await;
    assessor.scroll_to(Some("judgement-panel")).await;
    assessor.screenshot("item-p1-800x600").await;
    learner.resize(800, 600).await;
    learner.click("nav-assessment").await;
    learner.el("assessment-status").await;
    learner.screenshot("assessment-800x600").await;
    learner.click("nav-overview").await;
    learner.el("assessed-summary").await;
    learner.scroll_to(Some("section-performance")).await;
    learner.screenshot("overview-800x600").await;

    let (_, _) = tokio::join!(learner.quit(), assessor.quit());

    // ---- The files themselves, read by the core. ----
    let mine = Portfolio::open(&learner_m.only_portfolio()).unwrap();
    let judgements = mine.judgements(None).unwrap();
    assert_eq!(judgements.len(), 42, "every judgement arrived");
    let p1 = judgements.iter().find(|j| j.item_id == "P1").unwrap();
    assert_eq!(p1.outcome, JudgementOutcome::NotYetMet);
    assert_eq!(p1.feedback, FEEDBACK_P1);
    assert_eq!(p1.assessor_name, ASSESSOR);
    assert!(mine.latest_sign_off().unwrap().is_some());
    assert_eq!(
        mine.self_assessment("P1").unwrap().account,
        ACCOUNT_V2,
        "the learner's later work was kept"
    );
    assert_eq!(mine.submissions().unwrap().len(), 2);
    assert_eq!(mine.verify().unwrap().problems, Vec::<String>::new());
    assert_eq!(
        mine.overall_feedback().unwrap()[0].feedback,
        "A strong portfolio. P1 needs a little more: see my note there."
    );
    for file in [&v1, &v1_back, &v2] {
        let p = Portfolio::open(file).unwrap();
        assert_eq!(
            p.verify().unwrap().problems,
            Vec::<String>::new(),
            "{}",
            file.display()
        );
    }
    let theirs = Portfolio::open(&assessor_m.only_portfolio()).unwrap();
    assert_eq!(theirs.submissions().unwrap().len(), 2);
    assert_eq!(theirs.judgements(None).unwrap().len(), 42, "kept for v2");
    assert_eq!(theirs.verify().unwrap().problems, Vec::<String>::new());
}
