//! End to end, issue 12's screens for learner and assessor: two copies of
//! the real app (each its own data folder), the files travelling through
//! the assessor's inbox folder. The learner drafts the assessment plan
//! (bad input refused in words: no items, an unknown item, a past target
//! date), accepts it, adds a line and removes it again (asked first),
//! adds a progress review, then submits into the inbox folder. The
//! assessor, whose library is still empty, chooses the inbox folder from
//! the welcome before any copy exists (another learner's copy then arrives
//! through the core), opens the submission from the inbox with one click,
//! accepts the plan (now agreed),
//! countersigns the review, judges P1 "not yet met" and returns it. The
//! learner receives it, replies on P1's thread and submits version 2; the
//! assessor sees the caseload, opens version 2 from the inbox and sees the
//! reply on the thread while judging. axe-core, light and dark, on every new screen;
//! the inbox's files are never changed.

use partnership_portfolio::demo::{create_demo, DemoOptions};
use partnership_portfolio::library::Library;
use partnership_portfolio::Portfolio;
use partnership_portfolio_e2e::{sel, App, Machine};
use std::path::Path;

const LEARNER: &str = "Siân Llŷr-Ŵyn";
const ASSESSOR: &str = "Màiri NicDhòmhnaill";
const REPLY: &str = "I added how I first met Dafydd at the county network day.";

/// Another learner's copy in the assessor's library, made with the core.
fn another_learners_copy(machine: &Machine) {
    let work = tempfile::tempdir().unwrap();
    let learner = work.path().join("learner.portfolio");
    create_demo(
        &learner,
        &DemoOptions {
            evidence: 2,
            photos: 0,
            photo_size: (320, 240),
            assessed: false,
            ..DemoOptions::default()
        },
    )
    .unwrap();
    let sent = work.path().join("sent.portfolio");
    let mut p = Portfolio::open(&learner).unwrap();
    p.submit("Catrin Llŷr-Wiśniewska", "2026-11-30").unwrap();
    p.save_exchange_file(&sent, None).unwrap();
    p.close().unwrap();
    Library::open(&machine.library())
        .unwrap()
        .import_submission(&sent, ASSESSOR)
        .unwrap();
}

/// Every file in `dir` with its bytes and modification time.
fn files_as_they_are(dir: &Path) -> Vec<(String, Vec<u8>, std::time::SystemTime)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// On the home screen, the assessor opens the inbox's file `name` (the
/// folder checked again first).
async fn open_from_inbox(app: &App<'_>, name: &str) {
    app.el("inbox").await;
    app.click("inbox-refresh").await;
    let file = sel("inbox-file", "name", name);
    app.wait_attr(&file, "data-submission", "yes").await;
    app.click_css(&format!("{file} [data-testid=\"inbox-open\"]"))
        .await;
    app.el("open-submission-dialog").await;
    app.fill("assessor-name", ASSESSOR).await;
    app.click("open-submission-choose").await;
    app.el("overview").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn plan_reviews_thread_caseload_and_inbox_between_learner_and_assessor() {
    let inbox = tempfile::tempdir().expect("the inbox folder");
    let v1 = inbox.path().join("Siân-CLDAL16-v1.portfolio");
    let v2 = inbox.path().join("Siân-CLDAL16-v2.portfolio");
    let back = tempfile::tempdir().expect("the way back");
    let v1_back = back.path().join("Siân-CLDAL16-v1-assessed.portfolio");
    std::fs::write(inbox.path().join("timetable.txt"), "Mondays").unwrap();
    std::fs::write(inbox.path().join("damaged.portfolio"), b"\0 not sqlite").unwrap();

    let learner_m = Machine::new("cycle-learner");
    let assessor_m = Machine::new("cycle-assessor");
    let (learner, assessor) = tokio::join!(learner_m.launch(), assessor_m.launch());
    learner.resize(1280, 800).await;
    assessor.resize(1280, 800).await;
    let mut failures = Vec::new();

    // ---- The assessor, nothing in the library yet: the inbox folder chosen from the welcome. ----
    assessor.el("library-empty").await;
    assessor
        .wait_text("welcome-assessor", "the inbox offered", |t| {
            t.contains("Open a learner’s portfolio") && t.contains("Choose an inbox folder…")
        })
        .await;
    failures.extend(assessor.axe_light_and_dark("home-welcome").await);
    assessor_m.answer_next_dialog(&[inbox.path()]);
    assessor.click("welcome-choose-inbox").await;
    assessor.el("inbox-folder").await;
    assessor
        .wait_attr(
            &sel("inbox-file", "name", "damaged.portfolio"),
            "data-submission",
            "no",
        )
        .await;
    assessor
        .wait_text("inbox-others", "the text file", |t| {
            t.contains("1 other file")
        })
        .await;
    assessor.el("library-empty").await;
    assessor
        .wait_gone("[data-testid=\"welcome-choose-inbox\"]")
        .await;
    assessor.screenshot("inbox-empty-library").await;
    assessor.assert_labelled("home (welcome and inbox)").await;
    failures.extend(assessor.axe_light_and_dark("home-welcome-inbox").await);
    // Meanwhile another learner's copy reaches the library (shown when home is next listed).
    another_learners_copy(&assessor_m);

    // ---- The learner: the plan, refused then added, and accepted. ----
    learner.create_portfolio(LEARNER).await;
    learner.click("nav-plan").await;
    learner.el("plan-empty").await;
    learner.assert_labelled("plan (empty)").await;
    failures.extend(learner.axe_light_and_dark("plan-empty").await);
    learner.click("plan-save").await;
    learner
        .wait_text_css("#plan-items-error", "no items", |t| {
            t.contains("Name the items")
        })
        .await;
    learner.fill("plan-items", "P1-P2, Q7").await;
    learner.click("plan-method-observation").await;
    learner.fill("plan-target", "2020-01-31").await;
    learner.click("plan-save").await;
    learner
        .wait_text_css("#plan-items-error", "an unknown item", |t| {
            t.contains("Q7 is not an item")
        })
        .await;
    learner
        .wait_text_css("#plan-target-error", "a past date", |t| {
            t.contains("in the past")
        })
        .await;
    learner.screenshot("plan-refused").await;
    failures.extend(learner.axe_light_and_dark("plan-refused").await);
    learner.fill("plan-items", "P1-P2").await;
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
    learner
        .wait_text("plan-agreed", "waiting for the assessor", |t| {
            t.contains("waiting for the assessor")
        })
        .await;
    learner.screenshot("plan-learner-accepted").await;
    failures.extend(learner.axe_light_and_dark("plan").await);

    // A line added after accepting, then removed (asked first): the plan is
    // again the one the learner accepted; the removal is listed.
    learner.fill("plan-items", "K4").await;
    learner.click("plan-method-product").await;
    learner.fill("plan-target", "2099-04-30").await;
    learner.click("plan-save").await;
    let k4 = sel("plan-line", "items", "K4");
    learner.wait_for(&k4).await;
    learner
        .wait_text("plan-acceptance-learner", "a stale acceptance", |t| {
            t.contains("needs accepting again")
        })
        .await;
    learner
        .click_css("[aria-label=\"Remove the plan for K4\"]")
        .await;
    learner
        .wait_text("confirm-dialog", "the question", |t| {
            t.contains("Remove the plan for K4?")
        })
        .await;
    failures.extend(learner.axe_light_and_dark("plan-remove-dialog").await);
    learner.click("confirm-ok").await;
    learner.wait_gone(&k4).await;
    learner
        .wait_text("plan-removed", "the removal", |t| {
            t.contains("K4: removed by the learner")
        })
        .await;
    learner
        .wait_text(
            "plan-acceptance-learner",
            "the acceptance holding again",
            |t| t.contains(&format!("accepted by {LEARNER}")),
        )
        .await;
    learner.wait_count("[data-testid=\"plan-line\"]", 1).await;
    learner.screenshot("plan-line-removed").await;
    failures.extend(learner.axe_light_and_dark("plan-removed").await);
    // The portfolio's tabs fit one row at 1280 px; at 200 % zoom they wrap,
    // and neither they nor the plan run off sideways.
    let tab_rows = learner
        .client
        .execute(
            "return new Set([...document.querySelectorAll('.pnav .tab')].map((t) => Math.round(t.getBoundingClientRect().top))).size;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(tab_rows, 1, "the portfolio's tabs in one row at 1280 px");
    learner.zoom_to_width(640.0).await;
    learner.screenshot("plan-200%").await;
    failures.extend(learner.sideways_overflow("plan, 200 %").await);
    learner.ctrl_key('0').await;
    learner.zoom_to_width(1280.0).await;

    // ---- A progress review, signed by the learner as they add it. ----
    learner.click("nav-plan").await;
    learner.click("open-reviews").await;
    learner.el("reviews-empty").await;
    learner.click("review-add").await;
    learner
        .wait_text_css("#review-next-error", "what is next", |t| {
            t.contains("Say what is next")
        })
        .await;
    learner
        .fill("review-next", "Observation of P1 at the forum.")
        .await;
    learner.fill("review-target", "2099-01-31").await;
    learner.fill("review-assessor", ASSESSOR).await;
    learner.click("review-add").await;
    learner
        .wait_text_css(&sel("review", "reference", "R1"), "R1", |t| {
            t.contains("signed by Siân") && t.contains("not signed yet")
        })
        .await;
    learner.screenshot("reviews-learner").await;
    failures.extend(learner.axe_light_and_dark("reviews").await);

    learner
        .submit(&learner_m, &v1, 1, LEARNER, "screens-v1")
        .await;

    // ---- The assessor: the submission opened from the inbox on the welcome. ----
    let before = files_as_they_are(inbox.path());
    open_from_inbox(&assessor, "Siân-CLDAL16-v1.portfolio").await;

    // The plan as the learner wrote it, accepted here too: agreed.
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
    failures.extend(assessor.axe_light_and_dark("plan-assessor").await);

    // The review countersigned.
    assessor.click("open-reviews").await;
    assessor.fill("review-sign-name", ASSESSOR).await;
    assessor.click("review-sign").await;
    assessor
        .wait_text("review-assessor-signature", "countersigned", |t| {
            t.contains(&format!("signed by {ASSESSOR}"))
        })
        .await;
    failures.extend(assessor.axe_light_and_dark("reviews-assessor").await);

    // P1 not yet met, with feedback; returned.
    assessor.open_item("P1").await;
    assessor.click("judge-not_yet_met").await;
    assessor
        .fill("judge-feedback", "Say how the partnership began.")
        .await;
    assessor
        .wait_attr(
            "[data-testid=\"judgement-panel\"] [data-testid=\"save-state\"]",
            "data-state",
            "saved",
        )
        .await;
    assessor.click("nav-assessment").await;
    assessor.el("judgements").await;
    assessor.return_to_learner(&assessor_m, &v1_back).await;

    // ---- The learner: receives it, the plan agreed, replies on P1. ----
    learner.receive_assessment(&learner_m, &v1_back).await;
    learner.click("nav-plan").await;
    learner
        .wait_text("plan-agreed", "agreed on both sides", |t| {
            t.contains("Agreed by learner and assessor")
        })
        .await;
    learner.open_item("P1").await;
    learner
        .wait_text("feedback-thread", "the assessor's feedback", |t| {
            t.contains("Say how the partnership began.") && t.contains("on version 1")
        })
        .await;
    learner.fill("thread-reply", REPLY).await;
    learner.click("thread-send").await;
    learner
        .wait_for(&sel("thread-entry", "author", "learner"))
        .await;
    learner.screenshot("thread-learner").await;
    failures.extend(learner.axe_light_and_dark("item-thread").await);
    learner
        .submit(&learner_m, &v2, 2, LEARNER, "screens-v2")
        .await;

    // ---- The assessor: the caseload, version 2 from the inbox, the reply on the thread. ----
    assessor.click("back-to-library").await;
    assessor.el("caseload").await;
    assessor
        .wait_count("[data-testid=\"caseload-row\"]", 2)
        .await;
    assessor.screenshot("caseload").await;
    assessor.assert_labelled("home (caseload)").await;
    // The folder chosen again from the inbox section ("Change folder…").
    assessor_m.answer_next_dialog(&[inbox.path()]);
    assessor.click("inbox-choose").await;
    assessor
        .wait_attr(
            &sel("inbox-file", "name", "Siân-CLDAL16-v2.portfolio"),
            "data-submission",
            "yes",
        )
        .await;
    assessor.screenshot("inbox").await;
    failures.extend(assessor.axe_light_and_dark("home-caseload-inbox").await);
    open_from_inbox(&assessor, "Siân-CLDAL16-v2.portfolio").await;
    assessor.open_item("P1").await;
    assessor
        .wait_text("feedback-thread", "the learner's reply", |t| {
            t.contains(REPLY) && t.contains("Say how the partnership began.")
        })
        .await;
    assessor.el("judgement-panel").await;
    assessor.screenshot("thread-assessor").await;
    failures.extend(assessor.axe_light_and_dark("item-thread-assessor").await);
    assessor.click("back-to-library").await;
    assessor
        .wait_count("[data-testid=\"caseload-row\"]", 2)
        .await;

    let after: Vec<_> = files_as_they_are(inbox.path())
        .into_iter()
        .filter(|(name, ..)| !name.contains("-v2"))
        .collect();
    assert_eq!(after, before, "the inbox's files are only read");

    learner.quit().await;
    assessor.quit().await;
    assert!(
        failures.is_empty(),
        "{} accessibility failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
