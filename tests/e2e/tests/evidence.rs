//! End to end, evidence (issue 3): in the real window a learner adds a piece
//! of evidence with a photo attached (through the app's "choose files"
//! dialog), maps it to two items with notes, adds witness testimony, sees
//! the coverage matrix change and the witness status list, quits, starts
//! the app again and finds it all: the record, its file, its mappings and
//! the coverage. Every screen is photographed and checked for labels.

use partnership_portfolio::Portfolio;
use partnership_portfolio_e2e::{sel, write_sample_photo, App, Machine};

const TITLE: &str = "Minutes of the partnership steering group, 12 March";

async fn open_coverage(app: &App<'_>) {
    app.click("nav-coverage").await;
    app.el("coverage").await;
    app.el("coverage-summary").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn add_map_attach_see_coverage_restart_and_find_it_all() {
    let machine = Machine::new("evidence");
    let photo = machine.files().join("steering-group-flipchart.png");
    write_sample_photo(&photo, 640, 480);

    let app = machine.launch().await;
    app.create_portfolio("Siân Llŷr-Ŵyn").await;
    app.wait_text("progress-evidenced", "0 of 42", |t| t.contains("0 of 42"))
        .await;
    app.screenshot("overview-no-evidence").await;

    // Coverage before any evidence: every item is a gap.
    open_coverage(&app).await;
    app.wait_text("coverage-gaps", "42 gaps", |t| {
        t.contains("42 items have no evidence")
    })
    .await;
    app.el("coverage-empty").await;
    app.screenshot("coverage-empty").await;
    app.assert_labelled("coverage (empty)").await;

    // The evidence library, empty.
    app.click("nav-evidence").await;
    app.el("evidence-empty").await;
    app.screenshot("evidence-empty").await;
    app.assert_labelled("evidence library (empty)").await;

    // A piece of product evidence with a photo, mapped to P1 and P4.
    app.click("add-evidence").await;
    app.el("evidence-form").await;
    app.fill("evidence-title", TITLE).await;
    app.click("method-product").await;
    app.fill("evidence-date", "2026-03-12").await;
    app.fill(
        "evidence-description",
        "I chaired the meeting where the college, the library service and Cyngor Gwynedd agreed shared aims.",
    )
    .await;
    machine.answer_next_dialog(&[&photo]);
    app.click("choose-files").await;
    app.wait_text("staged-files", "the photo", |t| {
        t.contains("steering-group-flipchart.png")
    })
    .await;
    app.scroll_to(None).await;
    app.screenshot("evidence-form-top").await;
    app.fill("mapping-search", "p4").await;
    app.click("map-P4").await;
    app.fill("mapping-search", "").await;
    app.click("map-P1").await;
    app.wait_text("mapping-chosen", "P1 and P4", |t| t.contains("P1 and P4"))
        .await;
    app.fill("map-note-P1", "Page 1: how we first met the partners")
        .await;
    app.fill("map-note-P4", "Page 2: the shared aims we agreed")
        .await;
    app.scroll_to(Some("mapping-picker")).await;
    app.screenshot("evidence-form-mapping").await;
    app.assert_labelled("evidence form").await;
    app.click("evidence-save").await;

    // Its page: the file (with a preview) and both items with their notes.
    app.wait_attr("[data-testid=\"evidence-view\"]", "data-reference", "E1")
        .await;
    app.wait_text("evidence-title", "the title", |t| t == TITLE)
        .await;
    app.wait_for(&sel("attachment", "name", "steering-group-flipchart.png"))
        .await;
    app.wait_for("[data-testid=\"attachment\"] img").await;
    let mappings = app.text("evidence-mappings").await;
    assert!(
        mappings.contains("P1") && mappings.contains("P4"),
        "{mappings}"
    );
    assert!(mappings.contains("the shared aims we agreed"), "{mappings}");
    app.screenshot("evidence-view").await;
    app.assert_labelled("evidence page").await;

    // A phone photo in HEIC is kept, and the learner is told it has no
    // preview; then it is removed again (after asking).
    let heic = machine.files().join("IMG_0001.HEIC");
    let mut bytes = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    bytes.resize(4096, 7);
    std::fs::write(&heic, bytes).unwrap();
    machine.answer_next_dialog(&[&heic]);
    app.click("attach-files").await;
    app.wait_text("info-notes", "the HEIC note", |t| {
        t.contains("no preview can be made of HEIC")
    })
    .await;
    app.wait_count("[data-testid=\"attachment\"]", 2).await;
    app.screenshot("evidence-view-heic-note").await;
    app.click_css(&format!(
        "{} [data-testid=\"remove-attachment\"]",
        sel("attachment", "name", "IMG_0001.HEIC")
    ))
    .await;
    app.el("confirm-dialog").await;
    app.screenshot("remove-file-confirm").await;
    app.click("confirm-ok").await;
    app.wait_count("[data-testid=\"attachment\"]", 1).await;

    // The coverage matrix now shows E1 against P1 and P4.
    open_coverage(&app).await;
    app.wait_text("coverage-gaps", "40 gaps", |t| {
        t.contains("40 items have no evidence")
    })
    .await;
    for item in ["P1", "P4"] {
        app.wait_attr(&sel("coverage-row", "item", item), "data-count", "1")
            .await;
        app.wait_for(&format!(
            "{} [data-testid=\"coverage-cell\"][data-reference=\"E1\"]",
            sel("coverage-row", "item", item)
        ))
        .await;
    }
    app.wait_attr(&sel("coverage-row", "item", "P2"), "data-count", "0")
        .await;
    app.screenshot("coverage-e1").await;
    app.assert_labelled("coverage").await;
    app.click("coverage-gaps-only").await;
    app.wait_count("[data-testid=\"coverage-row\"]", 40).await;
    app.screenshot("coverage-gaps-only").await;
    app.click("coverage-all").await;
    app.wait_count("[data-testid=\"coverage-row\"]", 42).await;

    // Witness testimony from the item page, already linked to K3.
    app.click_css(&format!(
        "{} [data-testid=\"coverage-cell\"]",
        sel("coverage-row", "item", "P4")
    ))
    .await;
    app.wait_attr("[data-testid=\"evidence-view\"]", "data-reference", "E1")
        .await;
    app.click("back-to-overview").await;
    app.click_css(&sel("item-row", "item", "K3")).await;
    app.wait_attr("[data-testid=\"item-page\"]", "data-item", "K3")
        .await;
    app.click("add-evidence-for-item").await;
    app.el("evidence-form").await;
    app.fill("evidence-title", "Testimony from my line manager")
        .await;
    app.click("method-witness_testimony").await;
    app.el("witness-section").await;
    app.fill("witness-name", "Gwen Morgan").await;
    app.fill("witness-job-role", "Adult Learning Manager").await;
    app.fill("witness-organisation", "Coleg Ceredigion").await;
    app.fill("witness-relationship", "My line manager").await;
    app.fill("witness-contact", "gwen.morgan@example.ac.uk")
        .await;
    app.fill(
        "witness-competence",
        "I have managed community learning partnerships for twelve years.",
    )
    .await;
    app.wait_text("mapping-chosen", "K3", |t| t.contains("K3"))
        .await;
    app.screenshot("evidence-form-witness").await;
    app.assert_labelled("evidence form (witness)").await;
    app.click("evidence-save").await;
    app.wait_attr("[data-testid=\"item-page\"]", "data-item", "K3")
        .await;
    app.wait_for(&sel("item-evidence-row", "reference", "E2"))
        .await;
    app.screenshot("item-k3-after-adding").await;
    app.scroll_to(Some("item-evidence")).await;
    app.screenshot("item-k3-evidence").await;
    app.assert_labelled("item page with evidence").await;

    // Link E1, already in the library, to K3 too, with a note.
    app.click("map-existing").await;
    app.el("map-dialog").await;
    app.fill("map-search", "steering").await;
    app.click("map-choice-E1").await;
    app.fill("map-note", "The protocol we agreed is minuted on page 3")
        .await;
    app.screenshot("link-evidence-dialog").await;
    app.assert_labelled("link evidence dialog").await;
    app.click("map-save").await;
    app.wait_for(&sel("item-evidence-row", "reference", "E1"))
        .await;
    app.wait_text_css(
        &sel("item-evidence-row", "reference", "E1"),
        "the note",
        |t| t.contains("minuted on page 3"),
    )
    .await;

    // The witness status list.
    app.click("nav-witnesses").await;
    app.wait_text_css("[data-testid=\"witness\"]", "Gwen Morgan", |t| {
        t.contains("Gwen Morgan") && t.contains("E2")
    })
    .await;
    app.screenshot("witnesses").await;
    app.assert_labelled("witness list").await;

    // The library, searched.
    app.click("nav-evidence").await;
    app.wait_count("[data-testid=\"evidence-row\"]", 2).await;
    app.screenshot("evidence-library").await;
    app.assert_labelled("evidence library").await;
    app.fill("evidence-search", "flipchart").await;
    app.wait_count("[data-testid=\"evidence-row\"]", 1).await;
    app.wait_for(&sel("evidence-row", "reference", "E1")).await;
    app.screenshot("evidence-library-search").await;
    app.quit().await;

    // The file on disk, read by the core itself.
    let file = machine.only_portfolio();
    {
        let p = Portfolio::open(&file).unwrap();
        let e1 = p.evidence("E1").unwrap();
        assert_eq!(e1.title, TITLE);
        assert_eq!(e1.attachments.len(), 1);
        assert_eq!(e1.attachments[0].file_name, "steering-group-flipchart.png");
        assert!(e1.attachments[0].has_preview);
        let items: Vec<_> = e1.mappings.iter().map(|m| m.item_id.as_str()).collect();
        assert_eq!(items, ["P1", "P4", "K3"]);
        let e2 = p.evidence("E2").unwrap();
        assert_eq!(e2.witness.unwrap().name, "Gwen Morgan");
        assert_eq!(p.coverage().unwrap().gaps, 39);
    }

    // Start again: everything is there, in the window.
    let app = machine.launch().await;
    app.click("open-portfolio").await;
    app.wait_text("progress-evidenced", "3 of 42", |t| t.contains("3 of 42"))
        .await;
    app.screenshot("overview-after-restart").await;
    app.assert_labelled("overview").await;
    app.click("nav-evidence").await;
    let row = app.wait_for(&sel("evidence-row", "reference", "E1")).await;
    let text = row.text().await.unwrap();
    assert!(text.contains(TITLE) && text.contains("1 file"), "{text}");
    row.click().await.unwrap();
    app.wait_attr("[data-testid=\"evidence-view\"]", "data-reference", "E1")
        .await;
    app.wait_for(&sel("attachment", "name", "steering-group-flipchart.png"))
        .await;
    let mappings = app.text("evidence-mappings").await;
    assert!(mappings.contains("Page 1: how we first met the partners"));
    assert!(mappings.contains("minuted on page 3"));

    // Its photo saved back out of the portfolio, through the save dialog.
    let out = machine.files().join("copy-of-flipchart.png");
    machine.answer_next_dialog(&[&out]);
    app.click("save-attachment").await;
    app.wait_text("notice", "saved", |t| t.contains("copy-of-flipchart.png"))
        .await;
    assert_eq!(
        std::fs::read(&out).unwrap(),
        std::fs::read(&photo).unwrap(),
        "the copy has the same bytes"
    );

    // Changing the record: leaving with unsaved changes is stopped, and
    // says so; Save keeps them.
    app.click("edit-evidence").await;
    app.el("evidence-form").await;
    let changed = "I chaired the meeting; the minutes are signed by all three partners.";
    app.fill("evidence-description", changed).await;
    app.click("nav-coverage").await;
    app.el("form-blocked").await;
    app.el("evidence-form").await;
    app.screenshot("evidence-form-blocked").await;
    app.click("evidence-save").await;
    app.wait_attr("[data-testid=\"evidence-view\"]", "data-reference", "E1")
        .await;
    app.wait_text("evidence-description", "the change", |t| {
        t.trim() == changed
    })
    .await;
    app.screenshot("evidence-view-after-restart").await;
    open_coverage(&app).await;
    app.wait_text("coverage-gaps", "39 gaps", |t| {
        t.contains("39 items have no evidence")
    })
    .await;
    for (item, reference) in [("P1", "E1"), ("P4", "E1"), ("K3", "E2")] {
        app.wait_for(&format!(
            "{} [data-testid=\"coverage-cell\"][data-reference=\"{reference}\"]",
            sel("coverage-row", "item", item)
        ))
        .await;
    }
    app.screenshot("coverage-after-restart").await;

    // A small window is still usable.
    app.resize(800, 600).await;
    app.screenshot("coverage-800x600").await;
    app.click("nav-evidence").await;
    app.wait_count("[data-testid=\"evidence-row\"]", 2).await;
    app.screenshot("evidence-library-800x600").await;
    app.quit().await;
}

/// A portfolio with `n` pieces of evidence made by the core, as a learner
/// would have after months: each mapped to a few items, some with photos.
fn seed_large_portfolio(machine: &Machine, n: u32) {
    use partnership_portfolio::evidence::{EvidenceInput, EvidenceMethod, Mapping, NewEvidence};
    use partnership_portfolio::library::Library;
    use partnership_portfolio::profile::LearnerProfile;
    let library = Library::open(&machine.library()).unwrap();
    let entry = library
        .create(
            partnership_portfolio::catalogue::cldal16(),
            LearnerProfile {
                full_name: "Aled ap Rhys".into(),
                ..Default::default()
            },
            None,
        )
        .unwrap();
    let mut p = library.open_portfolio(&entry.id).unwrap();
    let items: Vec<String> = p.standard().items().map(|(_, i)| i.id.clone()).collect();
    let photo = machine.files().join("photo.png");
    write_sample_photo(&photo, 320, 240);
    for k in 0..n {
        // Leave K20 to K27 without evidence: gaps to find.
        let mapped: Vec<Mapping> = (0..(2 + k % 4))
            .map(|j| items[((k * 7 + j * 11) % 34) as usize].clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .map(|item_id| Mapping {
                item_id,
                note: String::new(),
            })
            .collect();
        let method = EvidenceMethod::ALL[(k % 8) as usize];
        let witness = (method == EvidenceMethod::WitnessTestimony).then(|| {
            partnership_portfolio::evidence::WitnessChoice::New(
                partnership_portfolio::evidence::WitnessInput {
                    name: format!("Witness {}", k % 5),
                    ..Default::default()
                },
            )
        });
        let attach = if k % 16 == 0 {
            let copy = machine.files().join(format!("photo-{k}.png"));
            write_sample_photo(&copy, 320 + k, 240);
            vec![copy]
        } else {
            vec![]
        };
        p.add_evidence(NewEvidence {
            input: EvidenceInput {
                title: format!("Partnership meeting notes, week {}", k + 1),
                method,
                activity_date: Some(format!("2026-{:02}-{:02}", 1 + k % 12, 1 + k % 28)),
                description: "Notes of what we agreed with the partners.".into(),
                witness,
                confidential: None,
            },
            attach,
            mappings: mapped,
        })
        .unwrap();
    }
    p.close().unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_library_of_160_pieces_stays_quick_and_keyboard_usable() {
    let machine = Machine::new("evidence-160");
    seed_large_portfolio(&machine, 160);
    let app = machine.launch().await;
    app.click("open-portfolio").await;
    app.el("overview").await;

    let started = std::time::Instant::now();
    app.click("nav-evidence").await;
    app.wait_count("[data-testid=\"evidence-row\"]", 160).await;
    let list_time = started.elapsed();
    app.screenshot("library-160").await;

    app.fill("evidence-search", "week 137").await;
    app.wait_count("[data-testid=\"evidence-row\"]", 1).await;
    app.wait_text("evidence-count", "1 of 160", |t| t.contains("1 of 160"))
        .await;

    let started = std::time::Instant::now();
    app.click("nav-coverage").await;
    app.wait_count("[data-testid=\"coverage-column\"]", 160)
        .await;
    app.wait_count("[data-testid=\"coverage-row\"]", 42).await;
    let matrix_time = started.elapsed();
    app.wait_text("coverage-gaps", "8 gaps", |t| {
        t.contains("8 items have no evidence")
    })
    .await;
    app.screenshot("coverage-160").await;

    // One Tab stop; the arrow keys move around the grid (the item, its
    // count, then the evidence: "0:-2" is P1's item cell).
    let first = app.css("[data-cell=\"0:-2\"]").await;
    first.click().await.unwrap();
    app.wait_attr(
        "[data-testid=\"evidence-view\"], [data-testid=\"item-page\"]",
        "data-item",
        "P1",
    )
    .await;
    app.click("nav-coverage").await;
    app.wait_count("[data-testid=\"coverage-column\"]", 160)
        .await;
    app.css("[data-cell=\"0:-2\"]")
        .await
        .send_keys(&format!(
            "{}{}{}{}",
            char::from(fantoccini::key::Key::Right),
            char::from(fantoccini::key::Key::Right),
            char::from(fantoccini::key::Key::Right),
            char::from(fantoccini::key::Key::Down)
        ))
        .await
        .unwrap();
    let focused = app
        .client
        .execute("return document.activeElement.dataset.cell", vec![])
        .await
        .unwrap();
    assert_eq!(focused, serde_json::json!("1:1"));
    app.screenshot("coverage-160-keyboard").await;
    app.quit().await;

    eprintln!("160 pieces: library listed in {list_time:?}, matrix drawn in {matrix_time:?}");
    assert!(
        list_time.as_secs_f32() < 6.0,
        "the library took {list_time:?}"
    );
    assert!(
        matrix_time.as_secs_f32() < 6.0,
        "the matrix took {matrix_time:?}"
    );
}
