//! End to end, accessibility in the real window (issue 14): axe-core's
//! WCAG 2.0/2.1/2.2 A and AA rules on every screen in the states a user sees
//! (empty, with the demo portfolio, an error shown, a dialog open, an
//! assessor's copy), with no violation; the same screens' colour contrast
//! again in the dark scheme; at 200 % zoom (a 1280 × 800 window laying out
//! 640 CSS pixels wide) nothing runs off sideways or is cut off; and the
//! defects a new user met stay fixed: the welcome keeps "Look round an
//! example" and the assessor's way in above the fold at 800 pixels high, and
//! pressing "Look round an example" twice makes one demo, not two.
//! One launch for all of it; every failure is collected and printed at the
//! end with axe's rule, its help and the nodes.

use partnership_portfolio::demo::{create_demo, DemoOptions};
use partnership_portfolio::library::Library;
use partnership_portfolio::Portfolio;
use partnership_portfolio_e2e::{sel, App, Machine};
use std::time::Duration;

/// Every check on the screen as it is now: axe (light), axe's contrast in
/// the dark scheme, and sideways overflow at 200 % zoom.
async fn check(app: &App<'_>, label: &str, failures: &mut Vec<String>) {
    app.settle().await;
    app.screenshot(label).await;
    failures.extend(app.axe(label, None).await);
    let dark_rules = app.emulate_dark(true).await;
    assert!(dark_rules > 0, "the app has no dark scheme to emulate");
    app.screenshot(&format!("{label}-dark")).await;
    failures.extend(
        app.axe(&format!("{label}, dark"), Some(&["color-contrast"]))
            .await,
    );
    app.emulate_dark(false).await;
    app.zoom_to_width(640.0).await;
    app.screenshot(&format!("{label}-200%")).await;
    failures.extend(app.sideways_overflow(&format!("{label}, 200 %")).await);
    app.ctrl_key('0').await;
    app.zoom_to_width(1280.0).await;
}

/// An assessor's copy in the library, made with the core: a small demo
/// portfolio submitted by its learner and opened by an assessor.
fn add_assessor_copy(machine: &Machine) {
    let work = tempfile::tempdir().unwrap();
    let learner = work.path().join("learner.portfolio");
    create_demo(
        &learner,
        &DemoOptions {
            evidence: 6,
            photos: 1,
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
        .import_submission(&sent, "Màiri NicDhòmhnaill")
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn every_screen_meets_wcag_aa_in_light_dark_and_at_200_percent() {
    let machine = Machine::new("accessibility");
    let app = machine.launch().await;
    app.resize(1280, 800).await;
    let mut failures = Vec::new();

    // ---- Home, empty: the welcome, its ways in within the first screenful. ----
    app.el("library-empty").await;
    // axe runs and can fail: a picture without a text alternative, put in
    // for a moment, is found.
    app.client
        .execute(
            "const i = document.createElement('img'); i.id = 'e2e-no-alt'; i.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw='; i.width = 20; i.height = 20; document.querySelector('main').append(i);",
            vec![],
        )
        .await
        .unwrap();
    let planted = app.axe("planted", None).await;
    assert!(
        planted.iter().any(|v| v.contains("image-alt")),
        "axe did not find a picture without alt text: {planted:?}"
    );
    app.client
        .execute("document.getElementById('e2e-no-alt').remove();", vec![])
        .await
        .unwrap();
    let below_fold: Vec<String> = serde_json::from_value(
        app.client
            .execute(
                r#"return ["add-demo", "open-submission", "new-portfolio"].filter((id) => {
                     const r = document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect();
                     return r.bottom > window.innerHeight || r.height === 0;
                   });"#,
                vec![],
            )
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        below_fold,
        Vec::<String>::new(),
        "below the fold of a 1280 × 800 window on the welcome"
    );
    check(&app, "home-empty", &mut failures).await;

    // A dialog open: "Open a learner's portfolio"; then an error in it.
    app.click("open-submission").await;
    app.el("open-submission-dialog").await;
    check(&app, "open-submission-dialog", &mut failures).await;
    app.fill("assessor-name", "").await;
    app.click("open-submission-choose").await;
    app.wait_for("[data-testid=\"open-submission-dialog\"] [aria-invalid=\"true\"]")
        .await;
    check(&app, "open-submission-dialog-error", &mut failures).await;
    app.press(fantoccini::key::Key::Escape).await;
    app.wait_gone("dialog[open]").await;

    // ---- Help, from home. ----
    app.click("open-help").await;
    app.el("help").await;
    app.wait_for("[data-testid=\"help-log-folder\"]").await;
    check(&app, "help", &mut failures).await;
    app.click("help-back").await;
    app.el("home").await;

    // ---- New portfolio: empty, then with its errors shown. ----
    app.click("new-portfolio").await;
    app.el("new-portfolio-form").await;
    check(&app, "new-portfolio", &mut failures).await;
    app.click("create-portfolio").await;
    app.wait_for("[data-testid=\"new-portfolio-form\"] [aria-invalid=\"true\"]")
        .await;
    check(&app, "new-portfolio-errors", &mut failures).await;
    app.click("open-help").await; // and back again from Help
    app.el("help").await;
    app.click("help-back").await;
    app.el("new-portfolio-form").await;
    app.click_css("[data-testid=\"new-portfolio-form\"] button[type=\"button\"]")
        .await;
    app.el("home").await;

    // ---- The demo portfolio, asked for twice: one demo. ----
    app.click("add-demo").await;
    app.css_within("[data-testid=\"overview\"]", Duration::from_secs(120))
        .await;
    app.click("back-to-library").await;
    app.wait_count("[data-testid=\"portfolio-entry\"]", 1).await;
    check(&app, "home-with-demo", &mut failures).await;
    app.click("add-demo").await;
    app.el("overview").await;
    app.click("back-to-library").await;
    app.el("home").await;
    app.wait_count("[data-testid=\"portfolio-entry\"]", 1).await;
    assert_eq!(
        app.all("[data-testid=\"portfolio-entry\"]").await.len(),
        1,
        "“Look round an example” pressed twice made a second demo"
    );
    app.click("rename-portfolio").await;
    app.el("rename-title").await;
    check(&app, "rename-dialog", &mut failures).await;
    app.press(fantoccini::key::Key::Escape).await;
    app.wait_gone("dialog[open]").await;

    // ---- The demo's screens. ----
    app.click("open-portfolio").await;
    app.el("overview").await;
    check(&app, "overview", &mut failures).await;
    app.open_item("P4").await;
    check(&app, "item", &mut failures).await;
    app.click("rating-2").await;
    app.wait_attr("[data-testid=\"save-state\"]", "data-state", "saved")
        .await;
    check(&app, "item-saved", &mut failures).await;
    app.click("open-help").await; // Help from inside a portfolio, and back
    app.el("help").await;
    app.click("help-back").await;
    app.wait_attr("[data-testid=\"item-page\"]", "data-item", "P4")
        .await;

    app.click("nav-coverage").await;
    app.el("coverage-matrix").await;
    check(&app, "coverage", &mut failures).await;

    // A new piece of evidence: its errors (no title, no method), then saved
    // without files, so the library shows "No files".
    app.click("nav-evidence").await;
    app.el("evidence-library").await;
    app.click("add-evidence").await;
    app.el("evidence-form").await;
    app.click("evidence-save").await;
    app.el("method-error").await;
    check(&app, "evidence-new-errors", &mut failures).await;
    app.fill("evidence-title", "Notes from a phone call with the library")
        .await;
    app.click("method-other").await;
    app.click("evidence-save").await;
    app.el("evidence-view").await;

    app.click("nav-evidence").await;
    app.el("evidence-library").await;
    app.wait_text_css(
        "li:last-child > [data-testid=\"evidence-row\"]",
        "No files",
        |t| t.contains("No files"),
    )
    .await;
    check(&app, "evidence-library", &mut failures).await;
    app.fill("evidence-search", "no such thing at all").await;
    app.wait_gone("[data-testid=\"evidence-row\"]").await;
    check(&app, "evidence-library-nothing-found", &mut failures).await;
    app.fill("evidence-search", "").await;
    app.click_css(&sel("evidence-row", "reference", "E1")).await;
    app.el("evidence-view").await;
    check(&app, "evidence-view", &mut failures).await;
    app.click("edit-evidence").await;
    app.el("evidence-form").await;
    check(&app, "evidence-edit", &mut failures).await;
    app.click("evidence-cancel").await;
    app.el("evidence-view").await;

    app.click("nav-witnesses").await;
    app.el("witnesses").await;
    check(&app, "witnesses", &mut failures).await;

    app.click("nav-overview").await;
    app.click("edit-profile").await;
    app.el("profile-page").await;
    check(&app, "profile", &mut failures).await;

    app.click("nav-check").await;
    app.el("check").await;
    check(&app, "check", &mut failures).await;
    app.click("verify").await;
    app.el("verify-ok").await;
    check(&app, "check-done", &mut failures).await;

    app.click("nav-assessment").await;
    app.el("assessment").await;
    check(&app, "assessment-learner", &mut failures).await;

    app.click("nav-partnerships").await;
    app.el("partnerships").await;
    app.wait_for("[data-testid=\"partner-row\"]").await;
    check(&app, "partnerships", &mut failures).await;
    app.click_css("[data-testid=\"partner-row\"] a").await;
    app.el("partnership").await;
    check(&app, "partnership", &mut failures).await;
    app.click("edit-partner").await;
    app.el("partner-edit").await;
    check(&app, "partner-edit", &mut failures).await;
    app.click("nav-partnerships").await;
    app.click_css("[data-testid=\"partner-row\"] a").await;
    app.el("partnership").await;
    app.click("add-health-check").await;
    app.el("health-check-entry").await;
    check(&app, "health-check-entry", &mut failures).await;
    app.click("nav-overview").await;
    app.el("overview").await;

    // ---- An assessor's copy: overview, an item to judge, the assessment. ----
    add_assessor_copy(&machine);
    app.click("back-to-library").await;
    app.wait_count("[data-testid=\"portfolio-entry\"]", 2).await;
    app.click_css("[data-testid=\"portfolio-entry\"][data-role=\"assessor\"] [data-testid=\"open-portfolio\"]")
        .await;
    app.el("assessor-banner").await;
    check(&app, "overview-assessor", &mut failures).await;
    app.open_item("P1").await;
    app.el("judgement-panel").await;
    check(&app, "item-assessor", &mut failures).await;
    app.click("nav-assessment").await;
    app.el("judgements").await;
    check(&app, "assessment-assessor", &mut failures).await;

    app.quit().await;
    assert!(
        failures.is_empty(),
        "{} accessibility failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
