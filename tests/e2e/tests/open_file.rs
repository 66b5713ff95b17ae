//! End to end, a .portfolio file opened from the desktop (issue 14): the app
//! started with a learner's own portfolio as its argument says what it is
//! and offers to copy it into the library; the same binary started again
//! with a learner's submission hands it to the running window (one instance
//! only, over a private D-Bus session bus) and exits, and the first window
//! offers the assessor's copy, which opens through the usual check; a file
//! that is not a portfolio, handed over the same way, is refused in words;
//! the learner's file handed over again opens where it is when asked (the
//! dialog with its two choices passing axe, light and dark).

mod files;

use partnership_portfolio_e2e::{app_binary, Machine, TIMEOUT};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

/// A D-Bus session bus of the test's own (so the app's one-instance check
/// meets only this test's apps), stopped when dropped.
struct SessionBus {
    daemon: Child,
    address: String,
}

impl SessionBus {
    /// Starts the bus; `Machine::use_session_bus` gives it to the apps.
    fn start() -> SessionBus {
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dbus-daemon (scripts/setup installs it)");
        let mut address = String::new();
        BufReader::new(daemon.stdout.take().unwrap())
            .read_line(&mut address)
            .expect("the bus's address");
        assert!(address.starts_with("unix:"), "{address}");
        SessionBus {
            daemon,
            address: address.trim().to_string(),
        }
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// Starts the app's binary again with `file`, as the desktop would, and
/// waits for it to hand the file over and exit.
fn open_again(machine: &Machine, file: &std::path::Path) {
    let mut second = Command::new(app_binary())
        .arg(file)
        .env("XDG_DATA_HOME", machine.data_home())
        .env("DBUS_SESSION_BUS_ADDRESS", machine.session_bus_address())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the app a second time");
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = second.try_wait().expect("the second launch") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = second.kill();
            panic!("the second launch did not hand its file over and exit");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(status.success(), "the second launch: {status}");
}

/// How many portfolio files the library's folder holds.
fn portfolios_in_library(machine: &Machine) -> usize {
    std::fs::read_dir(machine.library().join("portfolios"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "portfolio")
        })
        .count()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_opened_from_the_desktop_is_offered_and_a_second_one_goes_to_the_running_window() {
    let bus = SessionBus::start();
    let machine = Machine::new("open-file");
    machine.use_session_bus(&bus.address);
    let own = machine.files().join("Sam's portfolio.portfolio");
    files::own_portfolio(&own, "Sam Okafor", "Sam’s CLDAL16 portfolio")
        .close()
        .unwrap();
    let sent = machine.files().join("Priya-CLDAL16-v1.portfolio");
    let work = tempfile::tempdir().unwrap();
    files::submission(work.path(), &sent, "Priya Shah", "Priya’s portfolio");
    let not_ours = machine.files().join("notes.portfolio");
    std::fs::write(&not_ours, "Meeting notes, not a portfolio.\n").unwrap();

    // Started with the learner's own portfolio: it says what it is, and
    // nothing is in the library until the person says so.
    let app = machine.launch_with_args(&[own.to_str().unwrap()]).await;
    app.wait_attr(
        "[data-testid=\"open-file-explanation\"]",
        "data-kind",
        "own_portfolio",
    )
    .await;
    let said = app.text("open-file-explanation").await;
    assert!(
        said.contains("Sam’s CLDAL16 portfolio") && said.contains("Sam Okafor"),
        "{said}"
    );
    assert!(app
        .text("open-file-name")
        .await
        .contains("Sam's portfolio.portfolio"));
    app.screenshot("own-portfolio-offered").await;
    app.assert_labelled("the file-opened dialog").await;
    assert_eq!(
        std::fs::read_dir(machine.library().join("portfolios"))
            .unwrap()
            .count(),
        0
    );
    app.click("open-file-go").await;
    app.wait_text_css("h1", "the copied portfolio's overview", |t| {
        t.contains("Sam’s CLDAL16 portfolio")
    })
    .await;
    let copied = machine.only_portfolio();
    assert_ne!(copied, own);
    assert!(own.is_file(), "the opened file is left where it was");

    // A learner's submission handed to the running window by a second launch.
    open_again(&machine, &sent);
    app.wait_attr(
        "[data-testid=\"open-file-explanation\"]",
        "data-kind",
        "submission",
    )
    .await;
    let said = app.text("open-file-explanation").await;
    assert!(said.contains("Priya Shah sent version 1"), "{said}");
    app.screenshot("submission-handed-over").await;
    app.fill("open-file-assessor", "Morag Assessor").await;
    app.click("open-file-go").await;
    app.wait_text_css("h1", "the assessor's copy", |t| {
        t.contains("Priya’s portfolio")
    })
    .await;

    // Anything else: refused in words, nothing taken in.
    open_again(&machine, &not_ours);
    let refused = app
        .wait_text("open-file-refused", "the refusal", |t| {
            t.contains("notes.portfolio")
        })
        .await;
    assert!(refused.contains("nothing was changed"), "{refused}");
    app.screenshot("not-a-portfolio-refused").await;
    app.click("open-file-cancel").await;
    app.wait_gone("[data-testid=\"open-file-dialog\"] h2").await;
    assert_eq!(
        portfolios_in_library(&machine),
        2,
        "Sam's copy and the assessor's copy of Priya's, nothing else"
    );

    // Sam's file again, changed since it was copied: opened where it is,
    // the window shows the file itself, and nothing more is copied in.
    let mut p = partnership_portfolio::Portfolio::open(&own).unwrap();
    p.set_title("Sam’s portfolio, as on the stick").unwrap();
    p.close().unwrap();
    open_again(&machine, &own);
    app.wait_text(
        "open-file-alternative",
        "the choice to open it where it is",
        |t| t.contains("works on that file itself"),
    )
    .await;
    app.screenshot("own-portfolio-where-it-is-offered").await;
    // The dialog with its two choices passes axe (WCAG A/AA), light and dark.
    app.settle().await;
    let mut failures = app.axe("the file-opened dialog", None).await;
    app.emulate_dark(true).await;
    failures.extend(
        app.axe("the file-opened dialog, dark", Some(&["color-contrast"]))
            .await,
    );
    app.emulate_dark(false).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    app.click("open-file-in-place").await;
    app.wait_text_css("h1", "the file's own overview", |t| {
        t.contains("Sam’s portfolio, as on the stick")
    })
    .await;
    assert_eq!(portfolios_in_library(&machine), 2, "nothing more copied in");
    app.quit().await;
}
