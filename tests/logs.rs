//! The log, as the command-line tool writes it: a daily file in the log
//! folder (`PP_LOG_DIR`, or the platform's usual place), with opens,
//! imports, exports and failures, and none of the learner's names, titles or
//! file names in it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The one log file in `dir` (`partnership-portfolio.log.<date>`), read.
fn log_in(dir: &Path) -> (PathBuf, String) {
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("no log folder {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let name = files[0].file_name().unwrap().to_str().unwrap().to_string();
    assert!(
        name.starts_with("partnership-portfolio.log.") && name.len() == 36,
        "{name}"
    );
    let text = std::fs::read_to_string(&files[0]).unwrap();
    (files[0].clone(), text)
}

fn run(cmd: &mut Command, args: &[&str]) -> std::process::Output {
    cmd.args(args).output().expect("run the CLI")
}

fn ok(logs: &Path, args: &[&str]) -> String {
    let out = run(common::cli_command().env("PP_LOG_DIR", logs), args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_log_has_the_events_and_no_personal_content() {
    let dir = common::temp_dir();
    let logs = dir.path().join("logs");
    // A name that cannot turn up in a log by chance, in the file names too.
    let name = "Gwenllian Zybrowska-Ffoulkes";
    let learner = dir.path().join(format!("{name}.portfolio"));
    let l = learner.to_str().unwrap();
    let photo = dir.path().join("Zybrowska family photo.txt");
    std::fs::write(&photo, "Cofnodion y cyfarfod").unwrap();
    let sent = dir.path().join("Zybrowska-sent.portfolio");
    let copy = dir.path().join("Zybrowska-assessor.portfolio");

    ok(
        &logs,
        &[
            "new",
            l,
            "--learner",
            name,
            "--title",
            "Zybrowska portfolio",
        ],
    );
    ok(
        &logs,
        &[
            "assess",
            l,
            "P1",
            "--rating",
            "3",
            "--account",
            "Zybrowska account",
        ],
    );
    ok(
        &logs,
        &[
            "evidence",
            "add",
            l,
            "--title",
            "Zybrowska minutes",
            "--method",
            "product",
            "--attach",
            photo.to_str().unwrap(),
            "--maps",
            "P1",
        ],
    );
    ok(
        &logs,
        &["submit", l, "--declare", name, "-o", sent.to_str().unwrap()],
    );
    ok(
        &logs,
        &[
            "open-submission",
            sent.to_str().unwrap(),
            "-o",
            copy.to_str().unwrap(),
            "--assessor",
            "Zybrowska Assessor",
        ],
    );
    ok(
        &logs,
        &[
            "pdf",
            l,
            "-o",
            dir.path().join("Zybrowska.pdf").to_str().unwrap(),
        ],
    );
    // A failure is logged too (by its code).
    let failed = run(
        common::cli_command().env("PP_LOG_DIR", &logs),
        &["assess", copy.to_str().unwrap(), "P1", "--rating", "4"],
    );
    assert!(!failed.status.success());

    let (_, log) = log_in(&logs);
    for event in [
        "logging started",
        "command started",
        "command=\"new\"",
        "created",
        "opened",
        "wrote an exchange file",
        "opened a submission as the assessor's copy",
        "exported a PDF",
        "command failed",
        "ReadOnly",
        "ms=",
    ] {
        assert!(log.contains(event), "{event} missing from the log:\n{log}");
    }
    for personal in ["Gwenllian", "Zybrowska", "Ffoulkes", "Cofnodion", "minutes"] {
        assert!(!log.contains(personal), "{personal} is in the log:\n{log}");
    }
}

#[test]
fn a_migration_is_logged_with_its_versions_and_duration() {
    let dir = common::temp_dir();
    let logs = dir.path().join("logs");
    let old = dir.path().join("Gwenllian's old portfolio.portfolio");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/portfolio-schema-v1.portfolio"),
        &old,
    )
    .unwrap();
    ok(&logs, &["show", old.to_str().unwrap()]);
    let (_, log) = log_in(&logs);
    let line = log
        .lines()
        .find(|l| l.contains("migrated"))
        .unwrap_or_else(|| panic!("no migration in the log:\n{log}"));
    assert!(
        line.contains("from=1")
            && line.contains(&format!(
                "to={}",
                partnership_portfolio::storage::SCHEMA_VERSION
            ))
            && line.contains("ms="),
        "{line}"
    );
    assert!(!log.contains("Gwenllian"), "{log}");
}

#[test]
fn without_an_override_logs_go_where_tauri_puts_the_app_s_logs() {
    let home = common::temp_dir();
    let file = home.path().join("p.portfolio");
    let mut cmd = common::cli_command();
    cmd.env_remove("PP_LOG_DIR")
        .env_remove("XDG_DATA_HOME")
        .env("HOME", home.path());
    let out = run(
        &mut cmd,
        &["new", file.to_str().unwrap(), "--learner", "Siân"],
    );
    assert!(out.status.success());
    let (_, log) = log_in(
        &home
            .path()
            .join(".local/share/uk.org.partnership-portfolio/logs"),
    );
    assert!(log.contains("created"), "{log}");

    let data = home.path().join("data");
    let mut cmd = common::cli_command();
    cmd.env_remove("PP_LOG_DIR").env("XDG_DATA_HOME", &data);
    let out = run(&mut cmd, &["show", file.to_str().unwrap()]);
    assert!(out.status.success());
    let (_, log) = log_in(&data.join("uk.org.partnership-portfolio/logs"));
    assert!(log.contains("opened"), "{log}");
}

#[test]
fn a_log_folder_that_cannot_be_made_does_not_stop_the_cli() {
    let dir = common::temp_dir();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "").unwrap();
    let file = dir.path().join("p.portfolio");
    let out = run(
        common::cli_command().env("PP_LOG_DIR", blocker.join("logs")),
        &["new", file.to_str().unwrap(), "--learner", "Siân"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(file.is_file());
}
