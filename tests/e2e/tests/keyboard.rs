//! End to end, the keyboard alone (issue 14): from an empty library a
//! learner looks round the example portfolio, opens an item, changes its
//! rating with the arrow keys, writes in the account, adds a piece of
//! evidence (choosing its method with Space), reaches Export PDF, opens and
//! leaves a dialog with Escape, and gets back home, with Tab, Shift+Tab,
//! Enter, Space, the arrows and Escape only. At every step the focused
//! control shows a focus indicator (screenshots in
//! target/e2e-screenshots/keyboard/), focus never sticks (each Tab moves
//! it), and each new screen starts with focus on its heading.

use fantoccini::key::Key;
use partnership_portfolio_e2e::{App, Machine};
use std::time::Duration;

/// Presses Tab (or Shift+Tab) until the focused control's description
/// contains `target`, checking at each step that focus moved and shows.
async fn tab_to(app: &App<'_>, target: &str, backwards: bool, max: usize) -> String {
    let mut last = app.focus_state().await.0;
    for _ in 0..max {
        if backwards {
            app.chord(&[char::from(Key::Shift)], char::from(Key::Tab))
                .await;
        } else {
            app.press(Key::Tab).await;
        }
        let (now, visible) = app.focus_state().await;
        if !visible {
            app.screenshot("focus-not-visible").await;
            panic!("no focus indicator on {now}");
        }
        assert_ne!(now, last, "focus did not move from {last}: trapped");
        if now.contains(target) {
            app.screenshot(&format!(
                "focus-{}",
                target.replace(['[', ']', ' ', '='], "")
            ))
            .await;
            return now;
        }
        last = now;
    }
    panic!("{target} was not reached within {max} presses of Tab (last: {last})");
}

/// Waits until the new screen's heading (an h1) has focus.
async fn focus_on_heading(app: &App<'_>, screen: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    loop {
        let tag = app
            .client
            .execute("return document.activeElement?.tagName ?? '';", vec![])
            .await
            .unwrap();
        if tag == serde_json::json!("H1") {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "focus did not move to {screen}'s heading (it is on {})",
            app.focus_state().await.0
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Types `text` into whatever has focus.
async fn type_text(app: &App<'_>, text: &str) {
    app.client
        .active_element()
        .await
        .expect("the focused element")
        .send_keys(text)
        .await
        .expect("type");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_keyboard_only_journey_through_the_demo_portfolio() {
    let machine = Machine::new("keyboard");
    let app = machine.launch().await;
    app.resize(1280, 800).await;
    app.el("library-empty").await;
    focus_on_heading(&app, "the home screen").await;

    // The example portfolio, from the welcome.
    tab_to(&app, "[add-demo]", false, 20).await;
    app.press(Key::Enter).await;
    app.css_within("[data-testid=\"overview\"]", Duration::from_secs(120))
        .await;
    focus_on_heading(&app, "the overview").await;
    app.screenshot("overview-heading").await;

    // An item: its rating changed with the arrows, focus still showing.
    tab_to(&app, "item=P4", false, 60).await;
    app.press(Key::Enter).await;
    app.wait_attr("[data-testid=\"item-page\"]", "data-item", "P4")
        .await;
    focus_on_heading(&app, "P4's page").await;
    let radio = tab_to(&app, "rating-", false, 30).await;
    let before = radio
        .split("rating-")
        .nth(1)
        .and_then(|r| r.chars().next())
        .and_then(|c| c.to_digit(10))
        .expect("a rating radio");
    let key = if before > 1 { Key::Up } else { Key::Down };
    app.press(key).await;
    let after = if before > 1 { before - 1 } else { before + 1 };
    app.wait_attr("[data-testid=\"save-state\"]", "data-state", "saved")
        .await;
    let checked = app
        .el(&format!("rating-{after}"))
        .await
        .prop("checked")
        .await
        .unwrap();
    assert_eq!(
        checked.as_deref(),
        Some("true"),
        "the arrow changed the rating"
    );
    let (now, visible) = app.focus_state().await;
    app.screenshot("rating-after-arrow").await;
    assert!(
        now.contains(&format!("rating-{after}")) && visible,
        "after the arrow key the focus ring left the rating choices: {now} (visible: {visible})"
    );

    // The account, then new evidence for the item.
    tab_to(&app, "[account]", false, 10).await;
    type_text(&app, " Written with the keyboard alone. ").await;
    app.wait_attr("[data-testid=\"save-state\"]", "data-state", "saved")
        .await;
    assert!(app
        .value("account")
        .await
        .contains("Written with the keyboard alone."));
    tab_to(&app, "[add-evidence-for-item]", false, 40).await;
    app.press(Key::Enter).await;
    app.el("evidence-form").await;
    focus_on_heading(&app, "the evidence form").await;
    tab_to(&app, "[evidence-title]", false, 10).await;
    type_text(&app, "Notes typed without a mouse").await;
    // The methods: none chosen, so Tab lands on the first; Space chooses it.
    tab_to(&app, "[method-", false, 3).await;
    app.press(' ').await;
    let (method, _) = app.focus_state().await;
    assert!(method.contains("[method-product]"), "{method}");
    let product = app
        .el("method-product")
        .await
        .prop("checked")
        .await
        .unwrap();
    assert_eq!(product.as_deref(), Some("true"), "Space chose the method");
    // Back to the title; Enter sends the form.
    tab_to(&app, "[evidence-title]", true, 3).await;
    app.press(Key::Enter).await;
    app.wait_attr("[data-testid=\"item-page\"]", "data-item", "P4")
        .await;
    app.wait_text_css(
        "[data-testid=\"item-evidence-row\"]:last-of-type",
        "the new evidence",
        |t| t.contains("Notes typed without a mouse"),
    )
    .await;
    focus_on_heading(&app, "P4's page again").await;

    // Up to the portfolio's tabs, to the overview, and on to Export PDF.
    tab_to(&app, "[nav-overview]", true, 30).await;
    app.press(Key::Enter).await;
    app.el("overview").await;
    focus_on_heading(&app, "the overview").await;
    tab_to(&app, "[export-pdf]", false, 20).await;
    machine.answer_next_dialog(&[]); // the save dialog, cancelled
    app.press(Key::Enter).await;
    app.wait_attr("[data-testid=\"export-pdf\"]", "data-ended", "1")
        .await;

    // Help with F1, and back.
    app.press(Key::F1).await;
    app.el("help").await;
    focus_on_heading(&app, "Help").await;
    tab_to(&app, "[help-back]", false, 10).await;
    app.press(Key::Enter).await;
    app.el("overview").await;
    focus_on_heading(&app, "the overview").await;

    // Home: a dialog opened with Enter and left with Escape, focus back on its button.
    tab_to(&app, "[back-to-library]", true, 30).await;
    app.press(Key::Enter).await;
    app.el("home").await;
    focus_on_heading(&app, "the home screen").await;
    tab_to(&app, "[rename-portfolio]", false, 20).await;
    app.press(Key::Enter).await;
    app.el("rename-title").await;
    app.screenshot("rename-dialog").await;
    let (in_dialog, visible) = app.focus_state().await;
    assert!(in_dialog.contains("rename-title") && visible, "{in_dialog}");
    app.press(Key::Escape).await;
    app.wait_gone("dialog[open]").await;
    let (back, visible) = app.focus_state().await;
    assert!(
        back.contains("[rename-portfolio]") && visible,
        "after Escape focus is not back on the button that opened the dialog: {back}"
    );
    app.screenshot("home-after-escape").await;
    app.quit().await;
}
