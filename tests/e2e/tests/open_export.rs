//! End to end, the open export from the window (issue 13), in one launch: a
//! learner adds the finished example portfolio, chooses "Export everything
//! (ZIP)…" on its overview and saves the ZIP where the (answered) native
//! dialog says; the window says where it went and its size, and the file is
//! that ZIP. Back home, "Import from a ZIP…" with a file that is no export
//! shows the gate's refusal and adds nothing; with the ZIP, the same
//! portfolio (its title, every item rated) is added beside the first, and
//! "Open it" opens it.

use partnership_portfolio::open_export::{CONTENT, MANIFEST, PDF};
use partnership_portfolio_e2e::{sel, Machine};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread")]
async fn export_everything_to_a_zip_and_import_it_as_a_new_portfolio() {
    let machine = Machine::new("open-export");
    let app = machine.launch().await;
    app.el("library-empty").await;
    app.click("add-demo").await;
    // Drawing its photos takes seconds in a debug build (a moment in release).
    app.css_within("[data-testid=\"overview\"]", Duration::from_secs(120))
        .await;
    let title = app.text_css("[data-testid=\"overview\"] h1").await;
    assert!(!title.trim().is_empty());

    // Export everything: saved where the learner chose, and said so.
    let zip = machine.files().join("Catrin – everything.zip");
    machine.answer_next_dialog(&[&zip]);
    app.click("export-zip").await;
    app.css_within(
        "[data-testid=\"zip-export-result\"]",
        Duration::from_secs(120),
    )
    .await;
    app.screenshot("exported").await;
    assert_eq!(
        app.text("zip-export-path").await.trim(),
        zip.to_str().unwrap()
    );
    let bytes = std::fs::metadata(&zip).expect("the ZIP was written").len();
    let summary = app.text("zip-export-summary").await;
    assert!(
        summary.contains("40 pieces of evidence") && summary.contains("and the PDF ("),
        "{summary}"
    );
    // Its size as the window rounds it (in MB, 1 000 000 bytes each).
    let shown: f64 = summary
        .split(" MB:")
        .next()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no size in MB in {summary:?}"));
    let mb = bytes as f64 / 1e6;
    assert!(
        (shown - mb).abs() <= 0.5,
        "the window says {summary:?}; the file is {bytes} bytes"
    );
    let archive = std::fs::read(&zip).unwrap();
    assert!(archive.starts_with(b"PK\x03\x04"));
    for name in [CONTENT, MANIFEST, PDF] {
        assert!(
            archive.windows(name.len()).any(|w| w == name.as_bytes()),
            "{name} is not in the ZIP"
        );
    }

    // Home: a file that is not an export is refused, and nothing is added.
    app.click("back-to-library").await;
    app.wait_count(&sel("portfolio-entry", "role", "learner"), 1)
        .await;
    let junk = machine.files().join("not-an-export.zip");
    std::fs::write(&junk, b"PK but not a ZIP").unwrap();
    machine.answer_next_dialog(&[&junk]);
    app.click("import-zip").await;
    app.wait_for("[data-testid=\"import-zip-failed\"]").await;
    let refusal = app.text("import-zip-failed").await;
    assert!(refusal.contains("cannot be imported"), "{refusal}");
    app.wait_count("[data-testid=\"portfolio-entry\"]", 1).await;

    // The ZIP: the same portfolio comes in beside the first, and opens.
    machine.answer_next_dialog(&[&zip]);
    app.click("import-zip").await;
    let notice = app
        .wait_text("notice", "the imported portfolio named", |t| {
            t.contains("is now in your portfolios")
        })
        .await;
    assert!(notice.contains(title.trim()), "{notice} names {title}");
    app.screenshot("imported").await;
    assert!(app
        .all("[data-testid=\"import-zip-failed\"]")
        .await
        .is_empty());
    let entries = app.wait_count("[data-testid=\"portfolio-entry\"]", 2).await;
    for entry in &entries {
        assert_eq!(
            entry.attr("data-role").await.unwrap().as_deref(),
            Some("learner")
        );
        assert!(entry.text().await.unwrap().contains(title.trim()));
    }
    app.click_css("[data-testid=\"notice\"] button.undo").await;
    app.css_within("[data-testid=\"overview\"]", Duration::from_secs(30))
        .await;
    app.wait_text("progress", "every item rated", |t| {
        t.contains("42 of 42 rated")
    })
    .await;
    assert_eq!(
        app.text_css("[data-testid=\"overview\"] h1").await.trim(),
        title.trim()
    );
    app.quit().await;

    // Two files in the library, neither written over the other.
    let files = std::fs::read_dir(machine.library().join("portfolios"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "portfolio")
        })
        .count();
    assert_eq!(files, 2);
}
