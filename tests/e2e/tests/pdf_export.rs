//! End to end, the PDF export from the window (issue 4): a new user adds the
//! finished example portfolio from the welcome screen (all 42 items written
//! up, evidence with photos, assessed and signed off); from its overview they choose
//! "Export PDF…", save it where the (answered) native dialog says, see the
//! result's location, size and page count, and the file is checked with
//! qpdf, pdfinfo and pdftotext. Cancelling the dialog changes nothing; a
//! folder that does not exist gives a message and no file.

#[path = "../../support/pdf_tools.rs"]
mod pdf_tools;

use partnership_portfolio_e2e::Machine;
use pdf_tools::tool_ok;
use std::path::Path;
use std::time::Duration;

fn pages_of(pdf: &Path) -> u32 {
    let info = tool_ok("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count from pdfinfo")
}

#[tokio::test(flavor = "multi_thread")]
async fn export_the_pdf_from_the_overview_and_find_it_whole() {
    let machine = Machine::new("pdf-export");
    let app = machine.launch().await;
    app.el("library-empty").await;
    app.screenshot("welcome").await;
    app.click("add-demo").await;
    // Drawing its photos takes seconds in a debug build (a moment in release).
    app.css_within("[data-testid=\"overview\"]", Duration::from_secs(120))
        .await;
    app.wait_text("progress", "42 of 42 rated", |t| {
        t.contains("42 of 42 rated")
    })
    .await;
    app.screenshot("overview-finished").await;

    // Cancelled: nothing is written and nothing is shown.
    machine.answer_next_dialog(&[]);
    app.click("export-pdf").await;
    app.wait_attr("[data-testid=\"export-pdf\"]", "data-ended", "1")
        .await;
    assert!(app
        .all("[data-testid=\"pdf-export-result\"]")
        .await
        .is_empty());

    // A folder that is not there: a message, and no file.
    let nowhere = machine.files().join("no such folder/portfolio.pdf");
    machine.answer_next_dialog(&[&nowhere]);
    app.click("export-pdf").await;
    app.wait_for("[data-testid=\"pdf-export-failed\"]").await;
    app.screenshot("export-failed").await;
    assert!(!nowhere.exists());
    assert!(!nowhere.parent().unwrap().exists());

    // Saved where the learner chose: the location, pages and size are shown.
    let dest = machine
        .files()
        .join("Catrin – CLDAL16 evidence portfolio.pdf");
    machine.answer_next_dialog(&[&dest]);
    app.click("export-pdf").await;
    app.wait_for("[data-testid=\"pdf-export-result\"]").await;
    app.screenshot("export-done").await;
    assert!(app
        .all("[data-testid=\"pdf-export-failed\"]")
        .await
        .is_empty());
    assert_eq!(
        app.text("pdf-export-path").await.trim(),
        dest.to_str().unwrap()
    );
    let summary = app.text("pdf-export-summary").await;

    let pdf = dest.to_str().unwrap();
    tool_ok("qpdf", &["--check", pdf]);
    let pages = pages_of(&dest);
    assert!(
        summary.starts_with(&format!("{pages} pages, ")),
        "the window says {summary:?}; pdfinfo counts {pages} pages"
    );
    assert!(
        summary.contains("40 pieces of evidence, 6 photos"),
        "{summary}"
    );
    let text = tool_ok("pdftotext", &["-enc", "UTF-8", pdf, "-"]);
    for wanted in [
        "Catrin Llŷr-Wiśniewska",
        "CLDAL16",
        "Evidence location sheet",
        "Witness status list",
        "E40",
    ] {
        assert!(text.contains(wanted), "the PDF lacks {wanted:?}");
    }

    // The window was never held up: the learner carries on to an item.
    app.click_css("[data-testid=\"item-row\"][data-item=\"K27\"]")
        .await;
    app.wait_attr("[data-testid=\"item-page\"]", "data-item", "K27")
        .await;
    // Back on the overview the result is still there until dismissed.
    app.click("nav-overview").await;
    app.wait_for("[data-testid=\"pdf-export-result\"]").await;
    app.click("pdf-export-dismiss").await;
    app.wait_gone("[data-testid=\"pdf-export-result\"]").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_long_export_shows_progress_and_the_learner_works_on_meanwhile() {
    use partnership_portfolio::demo::{create_demo, DemoOptions};
    let machine = Machine::new("pdf-export-long");
    // 300 records: several seconds of export in a debug build.
    let portfolios = machine.library().join("portfolios");
    std::fs::create_dir_all(&portfolios).unwrap();
    let options = DemoOptions {
        evidence: 300,
        photos: 0,
        assessed: false,
        ..DemoOptions::default()
    };
    create_demo(
        &portfolios.join("0b6c3f0e-2d4a-4c8e-9f1a-3e5d7c9b1a20.portfolio"),
        &options,
    )
    .expect("demo portfolio");

    // The export holds still once its file is being written until the
    // learner has worked on, so the test never depends on how fast it is.
    machine.hold_at("temp.exporting:1");
    let app = machine.launch().await;
    app.click("open-portfolio").await;
    app.el("overview").await;
    let dest = machine.files().join("long.pdf");
    machine.answer_next_dialog(&[&dest]);
    app.click("export-pdf").await;
    app.el("pdf-export-progress").await;
    app.wait_text("export-pdf", "the button says it is busy", |t| {
        t.contains("Exporting the PDF")
    })
    .await;
    app.screenshot("export-in-progress").await;

    // While it works the learner opens an item and changes its rating.
    app.click_css("[data-testid=\"item-row\"][data-item=\"P2\"]")
        .await;
    app.wait_attr("[data-testid=\"item-page\"]", "data-item", "P2")
        .await;
    assert!(
        !dest.exists(),
        "the export had already finished: the hold at temp.exporting did not hold it"
    );
    app.click("rating-1").await;
    app.wait_attr("[data-testid=\"save-state\"]", "data-state", "saved")
        .await;
    machine.resume();

    app.click("nav-overview").await;
    app.css_within(
        "[data-testid=\"pdf-export-result\"]",
        Duration::from_secs(180),
    )
    .await;
    app.screenshot("export-done").await;
    assert!(app
        .text("pdf-export-summary")
        .await
        .contains("300 pieces of evidence"));
    tool_ok("qpdf", &["--check", dest.to_str().unwrap()]);
    app.quit().await;
}
