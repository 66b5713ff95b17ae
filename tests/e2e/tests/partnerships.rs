//! End to end, partnerships through the real window (issue 11): a learner
//! adds two partners and places them on the stakeholder map, records an
//! agreement and revises it, records a health check with two respondents
//! who disagree on one element, sees the flag in words and the chart with
//! its table, adds an action, saves the blank form for partners, turns the
//! check into evidence mapped to P9 (confirming the suggested items, less
//! one), and finds all of it in the exported PDF with pdftotext. Then the
//! learner adds a note and changes it in its own form, removes it with the
//! keyboard (asked first; axe-core on the confirmation, light and dark;
//! focus on the notes' heading after) and removes the action, whose check's
//! evidence then says its source has changed. Last, one respondent's
//! answers are put right from their "Change" (reached with the keyboard):
//! the same fields, filled; leaving unsaved held back; axe on the form.

#[path = "../../support/pdf_tools.rs"]
mod pdf_tools;

use fantoccini::key::Key;
use partnership_portfolio::partnerships::template::ELEMENTS;
use partnership_portfolio_e2e::{App, Machine};
use pdf_tools::tool_ok;

/// Adds a partner from the Partnerships tab with its place on the map.
async fn add_partner(app: &App<'_>, name: &str, interest: &str, influence: &str) {
    app.click("nav-partnerships").await;
    app.el("partnerships").await;
    app.click("add-partner").await;
    app.el("partner-edit").await;
    app.fill("partner-name", name).await;
    app.fill("partner-interests", &format!("What {name} cares about"))
        .await;
    app.click(&format!("partner-interest-{interest}")).await;
    app.click(&format!("partner-influence-{influence}")).await;
    app.click("partner-save").await;
    app.wait_text_css("[data-testid=\"partnership\"] h1", name, |t| t == name)
        .await;
}

/// One respondent's answers: every statement `score`, but those of
/// `element` `other`.
async fn answer(app: &App<'_>, respondent: &str, score: u8, element: &str, other: u8) {
    app.fill("respondent", respondent).await;
    for e in ELEMENTS {
        let s = if e.id == element { other } else { score };
        for st in e.statements {
            app.click_css(&format!("[data-testid=\"answer-{}-{s}\"]", st.id))
                .await;
        }
    }
    app.click("save-respondent").await;
    app.wait_text("saved-respondents", respondent, |t| t.contains(respondent))
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn partnerships_from_the_register_to_the_pdf() {
    let machine = Machine::new("partnerships");
    let app = machine.launch().await;
    app.create_portfolio("Siân Llŷr-Ŵyn").await;

    // Two partners, placed on the map: each in its quarter, each a link.
    add_partner(&app, "Riverside Library", "high", "high").await;
    add_partner(&app, "Aber Food Bank", "high", "low").await;
    app.click("nav-partnerships").await;
    app.wait_count("[data-testid=\"partner-row\"]", 2).await;
    let in_quarter = |interest: &str, influence: &str, partner: &str| {
        format!(
            "[data-testid=\"map-quadrant\"][data-interest=\"{interest}\"][data-influence=\"{influence}\"] [data-reference=\"{partner}\"]"
        )
    };
    app.wait_for(&in_quarter("high", "high", "PT1")).await;
    app.wait_for(&in_quarter("high", "low", "PT2")).await;
    app.screenshot("register-and-map").await;
    app.click_css("[data-testid=\"map-partner\"][data-reference=\"PT1\"] text")
        .await;
    app.wait_text_css("[data-testid=\"partnership\"] h1", "PT1's page", |t| {
        t == "Riverside Library"
    })
    .await;

    // An agreement, then a revision that keeps the earlier text.
    app.click("add-agreement").await;
    app.fill("agreement-aims", "More adults reading for pleasure")
        .await;
    app.fill("agreement-arrangements", "A joint meeting every month")
        .await;
    app.fill("agreement-measures", "Forty new library members")
        .await;
    app.fill("agreement-monitoring", "Sign-ups reviewed each term")
        .await;
    app.fill("agreement-agreed", "2026-01-10").await;
    app.fill("agreement-review", "2027-06-30").await;
    app.click("agreement-save").await;
    app.wait_for("[data-testid=\"agreement\"][data-reference=\"AG1\"]")
        .await;
    app.click("revise-agreement").await;
    app.fill("agreement-what", "Meetings every two months")
        .await;
    app.fill("agreement-why", "Both teams lost a post").await;
    app.fill("agreement-arrangements", "A joint meeting every two months")
        .await;
    app.click("agreement-save").await;
    app.wait_gone("[data-testid=\"agreement-dialog\"][open]")
        .await;
    app.wait_for("[data-testid=\"agreement-history\"]").await;

    // A health check with two respondents who disagree on trust.
    app.click("add-health-check").await;
    app.el("health-check-entry").await;
    answer(&app, "Siân Llŷr-Ŵyn", 4, "trust", 5).await;
    answer(&app, "Gwen Parry", 4, "trust", 2).await;
    app.click("check-done").await;
    app.el("health-check").await;
    let flag = app.text("check-flagged").await;
    assert!(flag.contains("Trust and personal relationships"), "{flag}");
    app.wait_count("[data-testid=\"chart-row\"]", ELEMENTS.len())
        .await;
    let trust = app
        .text_css("[data-testid=\"result-row\"][data-element=\"trust\"]")
        .await;
    assert!(
        trust.contains("3.50") && trust.contains("Differ by 3.00"),
        "{trust}"
    );
    app.screenshot("health-check").await;

    // An action on what the check shows.
    app.click("add-action").await;
    app.fill("action-text", "Talk through trust at the next meeting")
        .await;
    app.click_css("[data-testid=\"action-element\"] option[value=\"trust\"]")
        .await;
    app.fill("action-owner", "Siân").await;
    app.fill("action-due", "2027-01-31").await;
    app.click("action-save").await;
    app.wait_for("[data-testid=\"action\"][data-reference=\"AC1\"]")
        .await;

    // The blank form for partners, saved where the dialog says.
    let form = machine.files().join("form.pdf");
    machine.answer_next_dialog(&[&form]);
    app.click("print-form").await;
    app.el("form-saved").await;
    let form_text = tool_ok("pdftotext", &["-enc", "UTF-8", form.to_str().unwrap(), "-"]);
    assert!(form_text.contains("Riverside Library"), "{form_text}");

    // The check becomes evidence: the suggested items, less one, with P9.
    app.click("check-evidence").await;
    app.el("make-evidence-dialog").await;
    let p9 = app.css("[data-testid=\"map-P9\"]").await;
    assert_eq!(p9.prop("checked").await.unwrap().as_deref(), Some("true"));
    app.click("map-K24").await;
    app.click("make-evidence-confirm").await;
    app.el("evidence-view").await;
    let source = app.text("evidence-source").await;
    assert!(source.contains("HC1"), "{source}");
    let mapped = app.text("evidence-mappings").await;
    assert!(mapped.contains("P9") && !mapped.contains("K24"), "{mapped}");
    let title = app.text("evidence-title").await;

    // The PDF has all of it.
    app.click("nav-overview").await;
    let dest = machine.files().join("portfolio.pdf");
    machine.answer_next_dialog(&[&dest]);
    app.click("export-pdf").await;
    app.wait_for("[data-testid=\"pdf-export-result\"]").await;
    let text = tool_ok("pdftotext", &["-enc", "UTF-8", dest.to_str().unwrap(), "-"]);
    for wanted in [
        "Partnerships",
        "Riverside Library",
        "Aber Food Bank",
        "More adults reading for pleasure",
        "A joint meeting every two months",
        "Both teams lost a post",
        "Trust and personal relationships",
        "Gwen Parry",
        "Talk through trust at the next meeting",
        title.trim(),
    ] {
        assert!(text.contains(wanted), "the PDF lacks {wanted:?}");
    }

    // A note, changed in its own form.
    app.click("nav-partnerships").await;
    app.click_css("[data-testid=\"map-partner\"][data-reference=\"PT1\"] text")
        .await;
    app.click("add-note").await;
    app.fill("note-text", "Met Gwen about the room").await;
    app.fill("note-with", "Gwen Parry").await;
    app.click("note-save").await;
    let n1 = "[data-testid=\"note\"][data-reference=\"N1\"]";
    app.wait_text_css(n1, "the note", |t| t.contains("Met Gwen about the room"))
        .await;
    app.click_css("[data-testid=\"note-edit\"][data-reference=\"N1\"]")
        .await;
    app.el("note-edit-form").await;
    assert_eq!(app.value("note-edit-with").await, "Gwen Parry");
    app.fill("note-edit-text", "Agreed the Thursday room with Gwen")
        .await;
    app.click_css("[data-testid=\"note-edit-kind\"] option[value=\"decision\"]")
        .await;
    app.click("note-edit-save").await;
    app.wait_gone("[data-testid=\"note-edit-form\"]").await;
    let note = app
        .wait_text_css(n1, "the changed note", |t| {
            t.contains("Agreed the Thursday room with Gwen")
        })
        .await;
    assert!(
        note.contains("Decision") && note.contains("with Gwen Parry"),
        "{note}"
    );
    app.wait_text("notice", "the change said", |t| {
        t.contains("Changed note N1.")
    })
    .await;

    // Removed with the keyboard from its "Change" (where focus went back),
    // asked first; axe on the confirmation.
    let (focused, _) = app.focus_state().await;
    assert!(focused.contains("note-edit reference=N1"), "{focused}");
    app.press(Key::Tab).await;
    app.press(Key::Tab).await;
    let (focused, shows) = app.focus_state().await;
    assert!(
        focused.contains("note-remove reference=N1") && shows,
        "{focused}, with a focus indicator"
    );
    app.press(Key::Enter).await;
    app.wait_for("[data-testid=\"confirm-dialog\"][open]").await;
    let asked = app.text("confirm-dialog").await;
    assert!(
        asked.contains("Remove note N1?") && asked.contains("leaves this partnership’s record"),
        "{asked}"
    );
    let (focused, _) = app.focus_state().await;
    assert!(
        focused.contains("confirm-cancel"),
        "Cancel first: {focused}"
    );
    app.screenshot("note-remove-dialog").await;
    let mut failures = app.axe_light_and_dark("note-remove-dialog").await;
    app.press(Key::Tab).await;
    app.press(Key::Enter).await;
    app.wait_gone(n1).await;
    app.wait_text("notice", "the removal said", |t| {
        t.contains("Removed note N1.")
    })
    .await;
    let (focused, _) = app.focus_state().await;
    assert!(
        focused.contains("#notes-title"),
        "focus on the notes' heading: {focused}"
    );
    let notes = app.text("notes").await;
    assert!(notes.contains("No notes yet."), "{notes}");

    // The action removed: the check's evidence stays, and says the check has changed.
    app.click_css("[data-testid=\"action-remove\"]").await;
    app.wait_for("[data-testid=\"confirm-dialog\"][open]").await;
    let asked = app.text("confirm-dialog").await;
    assert!(
        asked.contains("“Talk through trust at the next meeting” leaves the action plan.")
            && asked.contains("made from health check HC1"),
        "{asked}"
    );
    app.click("confirm-ok").await;
    app.wait_gone("[data-testid=\"action\"][data-reference=\"AC1\"]")
        .await;
    app.wait_text("notice", "the removal said", |t| {
        t.contains(
            "Removed action AC1. Evidence E1 stays, and says health check HC1 has changed since.",
        )
    })
    .await;
    let actions = app.text("actions").await;
    assert!(actions.contains("No actions yet."), "{actions}");
    let made = app
        .wait_text("made-evidence", "the evidence's source", |t| {
            t.contains("the source has changed since")
        })
        .await;
    assert!(made.contains("HC1"), "{made}");
    app.screenshot("records-removed").await;
    failures.extend(app.axe_light_and_dark("records-removed").await);

    // Gwen's answers put right, from her "Change" with the keyboard: the
    // same fields, filled; leaving unsaved is held back; axe on the form.
    let gwen = "[data-testid=\"answers-edit\"][data-respondent=\"Gwen Parry\"]";
    app.click_css("[data-testid=\"answers-edit\"][data-respondent=\"Siân Llŷr-Ŵyn\"]")
        .await;
    app.el("answers-of").await;
    // Cancel leaves without holding back (nothing was changed).
    app.click("check-done").await;
    app.css(gwen).await;
    // Tab to Siân's "Change", then on to Gwen's.
    let mut tabs = 0;
    while !app
        .focus_state()
        .await
        .0
        .contains("answers-edit reference=HC1")
    {
        assert!(tabs < 80, "no respondent's Change is reached with Tab");
        app.press(Key::Tab).await;
        tabs += 1;
    }
    app.press(Key::Tab).await;
    let (focused, shows) = app.focus_state().await;
    assert!(
        focused.contains("answers-edit reference=HC1") && shows,
        "{focused}, with a focus indicator"
    );
    app.press(Key::Enter).await;
    let of = app
        .wait_text("answers-of", "whose answers", |t| t.contains("Gwen Parry"))
        .await;
    assert!(of.contains("HC1"), "{of}");
    let trust = ELEMENTS.iter().find(|e| e.id == "trust").unwrap();
    for st in trust.statements {
        let chosen = app
            .css(&format!("[data-testid=\"answer-{}-2\"]", st.id))
            .await;
        assert_eq!(
            chosen.prop("checked").await.unwrap().as_deref(),
            Some("true"),
            "{} as she answered it",
            st.id
        );
        app.click_css(&format!("[data-testid=\"answer-{}-3\"]", st.id))
            .await;
    }
    app.click("nav-overview").await;
    app.el("form-blocked").await;
    app.el("health-check-entry").await;
    app.screenshot("answers-change").await;
    failures.extend(app.axe_light_and_dark("answers-change").await);
    app.click("save-respondent").await;
    app.wait_text("notice", "the change said", |t| {
        t.contains("Changed Gwen Parry’s answers in health check HC1.")
    })
    .await;
    let trust_row = app
        .wait_text_css(
            "[data-testid=\"result-row\"][data-element=\"trust\"]",
            "the new mean",
            |t| t.contains("4.00"),
        )
        .await;
    assert!(trust_row.contains("Differ by 2.00"), "{trust_row}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    app.quit().await;
}
