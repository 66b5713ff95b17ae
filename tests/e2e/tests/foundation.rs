//! End to end, the first slice: in the real desktop window a learner starts a
//! portfolio, rates P4 and writes an account in Welsh and Polish, quits,
//! starts the app again and finds both. Also: closing the window in the
//! middle of typing loses nothing, and every control has a label.

use partnership_portfolio::Portfolio;
use partnership_portfolio_e2e::{App, Machine};

const ACCOUNT: &str = "Cytunon ni ar nodau a rennir gyda’r bartneriaeth — ŵ ŷ.\nWspółpraca z Łodzią: “zażółć gęślą jaźń”, £5 a €5.";

async fn create_portfolio(app: &App<'_>, name: &str) {
    app.el("home").await;
    app.click("new-portfolio").await;
    app.el("new-portfolio-form").await;
    app.fill("profile-full-name", name).await;
    app.fill("profile-registration-number", "CLD/2026/0042")
        .await;
    app.fill("profile-centre", "Canolfan Gymunedol Aberystwyth")
        .await;
    app.fill("profile-qualification", "Award in Adult Learning")
        .await;
    app.fill("profile-assessor-name", "Màiri NicDhòmhnaill")
        .await;
    app.fill("profile-start-date", "2026-09-01").await;
    app.screenshot("new-portfolio-form").await;
    app.click("create-portfolio").await;
    app.el("overview").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn create_rate_write_quit_restart_and_find_everything() {
    let machine = Machine::new("foundation");
    let app = machine.launch().await;
    app.el("library-empty").await;
    // The page is painted without accelerated compositing from its first
    // frame (src-tauri/src/webview.rs): WebKit's web process starts with
    // the setting in its environment.
    assert_eq!(
        app.web_process_environment("WEBKIT_DISABLE_COMPOSITING_MODE")
            .as_deref(),
        Some("1"),
        "the web process runs without compositing"
    );
    app.screenshot("home-empty").await;
    assert_eq!(
        app.unlabelled_controls().await,
        Vec::<String>::new(),
        "home screen"
    );

    create_portfolio(&app, "Siân Llŷr-Ŵyn").await;
    app.wait_text("progress", "0 of 42 rated", |t| t.contains("0 of 42 rated"))
        .await;
    assert_eq!(
        app.all("[data-testid=\"section-performance\"] [data-testid=\"item-row\"]")
            .await
            .len(),
        15
    );
    assert_eq!(
        app.all("[data-testid=\"section-knowledge\"] [data-testid=\"item-row\"]")
            .await
            .len(),
        27
    );
    app.screenshot("overview-new").await;
    assert_eq!(
        app.unlabelled_controls().await,
        Vec::<String>::new(),
        "overview"
    );

    app.click_css("[data-testid=\"item-row\"][data-item=\"P4\"]")
        .await;
    app.wait_attr("[data-testid=\"item-page\"]", "data-item", "P4")
        .await;
    let text = app.text("item-text").await;
    assert_eq!(
        text.trim(),
        "establish and agree shared aims, working arrangements, key performance measures, methods for monitoring and evaluation, and develop coordinated approaches towards these"
    );
    app.click("rating-3").await;
    app.wait_attr("[data-testid=\"save-state\"]", "data-state", "saved")
        .await;
    app.fill("account", ACCOUNT).await;
    app.wait_attr("[data-testid=\"save-state\"]", "data-state", "saved")
        .await;
    app.screenshot("item-p4-saved").await;
    assert_eq!(
        app.unlabelled_controls().await,
        Vec::<String>::new(),
        "item page"
    );

    app.click("back-to-overview").await;
    app.wait_attr(
        "[data-testid=\"item-row\"][data-item=\"P4\"]",
        "data-status",
        "rated",
    )
    .await;
    app.wait_text("progress", "1 of 42 rated", |t| t.contains("1 of 42 rated"))
        .await;
    app.screenshot("overview-p4-rated").await;
    app.quit().await;

    // The file on disk holds it, read by the core itself.
    let file = machine.only_portfolio();
    let p4 = Portfolio::open(&file)
        .unwrap()
        .self_assessment("P4")
        .unwrap();
    assert_eq!((p4.rating, p4.account.as_str()), (Some(3), ACCOUNT));

    // Start again: everything is there, in the window.
    let app = machine.launch().await;
    let entry = app.el("portfolio-entry").await;
    assert!(entry.text().await.unwrap().contains("Siân Llŷr-Ŵyn"));
    app.screenshot("home-after-restart").await;
    app.click("open-portfolio").await;
    app.wait_attr(
        "[data-testid=\"item-row\"][data-item=\"P4\"]",
        "data-status",
        "rated",
    )
    .await;
    app.click_css("[data-testid=\"item-row\"][data-item=\"P4\"]")
        .await;
    app.wait_attr("[data-testid=\"item-page\"]", "data-item", "P4")
        .await;
    let checked = app.el("rating-3").await.prop("checked").await.unwrap();
    assert_eq!(checked.as_deref(), Some("true"), "rating 3 is still chosen");
    assert_eq!(app.value("account").await, ACCOUNT);
    app.screenshot("item-p4-after-restart").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn closing_the_window_in_the_middle_of_typing_loses_nothing() {
    let machine = Machine::new("close-mid-edit");
    let app = machine.launch().await;
    create_portfolio(&app, "Aled ap Rhys").await;
    app.click_css("[data-testid=\"item-row\"][data-item=\"K3\"]")
        .await;
    app.wait_attr("[data-testid=\"item-page\"]", "data-item", "K3")
        .await;
    // Type and close at once, without waiting for the autosave pause.
    let last_words = "a’r geiriau olaf cyn cau’r ffenestr";
    app.fill(
        "account",
        &format!("Protocolau rhwng asiantaethau, {last_words}"),
    )
    .await;
    app.quit().await;

    let app = machine.launch().await;
    app.click("open-portfolio").await;
    app.click_css("[data-testid=\"item-row\"][data-item=\"K3\"]")
        .await;
    app.wait_attr("[data-testid=\"item-page\"]", "data-item", "K3")
        .await;
    let account = app.value("account").await;
    assert!(
        account.ends_with(last_words),
        "the last words typed were lost: {account:?}"
    );
    app.quit().await;
}
