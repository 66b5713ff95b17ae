//! End to end, the exchange locked with a passphrase (issue 10): two copies
//! of the real app, a learner and an assessor, each on its own "computer",
//! with the files travelling through a shared folder as they would by email.
//! The learner submits with "Lock the file with a passphrase" (a passphrase
//! too short is refused first); the file in the shared folder shows nothing
//! of the portfolio. The assessor opens it: the app asks for the passphrase,
//! a wrong one is refused in words, the right one opens the copy; they judge
//! P1 and return the file locked. The learner receives it with the
//! passphrase. Neither library keeps a decrypted leftover.

use partnership_portfolio::Portfolio;
use partnership_portfolio_e2e::{sel, App, Machine};
use std::path::Path;

const LEARNER: &str = "Siân Llŷr-Ŵyn";
const ASSESSOR: &str = "Màiri NicDhòmhnaill";
const ACCOUNT: &str = "I set up the Aberaeron steering group with the library service.";
const PASSPHRASE: &str = "afon lliw glas yn y bore";

/// What the locked file must not show: nothing of the portfolio.
fn assert_unreadable(file: &Path) {
    let bytes = std::fs::read(file).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"), "not locked");
    for words in [LEARNER, "Llŷr", ACCOUNT, "Aberaeron", "SQLite format 3"] {
        assert!(
            !bytes.windows(words.len()).any(|w| w == words.as_bytes()),
            "{words:?} can be read in {}",
            file.display()
        );
    }
}

/// Nothing decrypted left behind in a library: no hidden files at all.
fn assert_no_leftovers(machine: &Machine) {
    let folder = machine.library().join("portfolios");
    let hidden: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(
        hidden.is_empty(),
        "left in {}: {hidden:?}",
        folder.display()
    );
}

/// Fills the lock fields: the box, the passphrase twice.
async fn lock_with(app: &App<'_>, passphrase: &str) {
    if app
        .attr("[data-testid=\"lock-file\"]", "checked")
        .await
        .is_none()
    {
        app.click("lock-file").await;
    }
    app.fill("lock-passphrase", passphrase).await;
    app.fill("lock-repeat", passphrase).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_locked_portfolio_travels_both_ways_and_opens_only_with_its_passphrase() {
    let shared = tempfile::tempdir().expect("the shared folder");
    let sent = shared.path().join("CLDAL16-v1-locked.portfolio");
    let back = shared.path().join("CLDAL16-v1-assessed-locked.portfolio");

    let learner_m = Machine::new("locked-exchange-learner");
    let assessor_m = Machine::new("locked-exchange-assessor");
    let (learner, assessor) = tokio::join!(learner_m.launch(), assessor_m.launch());

    // ---- The learner: a portfolio with an account, submitted locked. ----
    learner.create_portfolio(LEARNER).await;
    learner.open_item("P1").await;
    learner.rate_and_write(3, ACCOUNT).await;
    learner.click("nav-assessment").await;
    learner.el("assessment-status").await;
    learner.click("submit-portfolio").await;
    learner.el("submit-dialog").await;
    learner.fill("declare-name", LEARNER).await;
    learner.click("lock-file").await;
    learner
        .wait_text("lock-reminder", "the reminder", |t| {
            t.contains("another way than the email that carries the file")
        })
        .await;
    // Too short: refused before anything is saved.
    learner.fill("lock-passphrase", "byr").await;
    learner.fill("lock-repeat", "byr").await;
    learner.click("submit-confirm").await;
    learner
        .wait_text("lock-problem", "the refusal", |t| {
            t.contains("at least 8 characters")
        })
        .await;
    assert!(!sent.exists());
    lock_with(&learner, PASSPHRASE).await;
    learner.screenshot("submit-locked").await;
    learner.assert_labelled("submit dialog, locked").await;
    learner_m.answer_next_dialog(&[&sent]);
    learner.click("submit-confirm").await;
    learner
        .wait_text("submit-result", "version 1", |t| {
            t.contains("Version 1 is ready to send")
        })
        .await;
    assert_unreadable(&sent);
    assert_no_leftovers(&learner_m);

    // ---- The assessor: asked for the passphrase; a wrong one, then right. ----
    assessor.el("library-empty").await;
    assessor.click("open-submission").await;
    assessor.el("open-submission-dialog").await;
    assessor.fill("assessor-name", ASSESSOR).await;
    assessor_m.answer_next_dialog(&[&sent]);
    assessor.click("open-submission-choose").await;
    assessor.el("unlock-dialog").await;
    assessor
        .fill("unlock-passphrase", "afon lliw glas yn y nos")
        .await;
    assessor.click("unlock-confirm").await;
    let refused = assessor
        .wait_text_css(
            "[data-testid=\"unlock-dialog\"] [data-testid=\"error\"]",
            "the refusal",
            |t| t.contains("passphrase does not unlock"),
        )
        .await;
    eprintln!("a wrong passphrase is refused with: {refused}");
    assessor.screenshot("unlock-wrong").await;
    assessor.assert_labelled("unlock dialog").await;
    assert_no_leftovers(&assessor_m);
    assessor.fill("unlock-passphrase", PASSPHRASE).await;
    assessor.click("unlock-confirm").await;
    assessor.el("overview").await;
    assessor
        .wait_text("assessor-banner", "version 1", |t| {
            t.contains("submitted version 1")
        })
        .await;
    assessor.click_css(&sel("item-row", "item", "P1")).await;
    assessor
        .wait_attr("[data-testid=\"item-page\"]", "data-item", "P1")
        .await;
    assert_eq!(assessor.text("learner-account").await.trim(), ACCOUNT);
    assessor.click("nav-assessment").await;
    assessor.el("judgements").await;
    assessor.click("quick-met-P1").await;
    assessor
        .wait_attr(&sel("judge-row", "item", "P1"), "data-outcome", "met")
        .await;
    // Returned locked, with the same passphrase.
    lock_with(&assessor, PASSPHRASE).await;
    assessor.scroll_to(Some("return")).await;
    assessor.screenshot("return-locked").await;
    assessor_m.answer_next_dialog(&[&back]);
    assessor.click("return-to-learner").await;
    assessor
        .wait_text("returned", "the file", |t| {
            t.contains("v1-assessed-locked.portfolio")
        })
        .await;
    assert_unreadable(&back);
    assert_no_leftovers(&assessor_m);

    // ---- The learner: receives it with the passphrase. ----
    learner_m.answer_next_dialog(&[&back]);
    learner.click("receive-assessment").await;
    learner.el("unlock-dialog").await;
    learner.fill("unlock-passphrase", PASSPHRASE).await;
    learner.click("unlock-confirm").await;
    learner
        .wait_text("receive-result", "the counts", |t| {
            t.contains("1 met, 0 not yet met")
        })
        .await;
    learner.screenshot("received-locked").await;
    assert_no_leftovers(&learner_m);

    learner.quit().await;
    assessor.quit().await;
    let p = Portfolio::open(&learner_m.only_portfolio()).unwrap();
    let judged = p.judgements(None).unwrap();
    assert_eq!(judged.len(), 1);
    assert_eq!(judged[0].item_id, "P1");
    assert!(p.verify().unwrap().ok());
    p.close().unwrap();
}
