//! Leftovers of killed saves: a command-line process is held at the moment
//! it has made its hidden temporary file (or private folder) and killed
//! there, for each kind (`.saving-*.tmp`, `.exporting-*.pdf`,
//! `.incoming-*.tmp`, `.new-*.portfolio`, `.unlocking-*`). While the process
//! lives, another one writing to the same folder leaves its file alone (it
//! is locked); once it is dead, the next write there removes it, and only
//! it: other people's files of similar names stay.

mod common;

use partnership_portfolio::{temp_files, Portfolio};
use std::path::{Path, PathBuf};
use std::process::Child;

/// Starts the CLI with `args`, held at `point`; waits until it is there.
fn held_at(point: &str, args: &[&str]) -> Child {
    let (child, mut err) = common::cli_held_at(args, point);
    assert_eq!(
        common::next_line(&mut err),
        format!("paused at {point}"),
        "{args:?}"
    );
    child
}

fn hidden(dir: &Path) -> Vec<String> {
    common::hidden_files(dir)
}

/// Files of other people's that only look like ours.
const LOOKALIKES: [&str; 4] = [
    ".saving-notes.txt",
    ".new-term-plan.docx",
    ".incoming-mail",
    ".exporting-report.pdf.bak",
];

struct Case {
    what: &'static str,
    point: &'static str,
    /// The folder the temporary file is made in.
    dir: PathBuf,
    /// A command that is held there.
    held: Vec<String>,
    /// Two other commands that write to the same folder.
    next: [Vec<String>; 2],
}

#[test]
fn the_next_write_removes_a_killed_process_s_leftovers_and_only_those() {
    let root = common::temp_dir();
    let r = root.path();
    for d in ["mine", "out", "library", "mail"] {
        std::fs::create_dir(r.join(d)).unwrap();
    }
    let learner = common::new_portfolio(&r.join("mine"), "siân.portfolio");
    let mut p = Portfolio::open(&learner).unwrap();
    p.submit("Siân", "2026-11-01").unwrap();
    p.save_copy(&r.join("mail/sent.portfolio")).unwrap();
    p.close().unwrap();
    let secret = r.join("passphrase.txt");
    std::fs::write(&secret, "afon lliw glas yn y bore\n").unwrap();
    let s = |p: PathBuf| p.to_str().unwrap().to_string();
    let l = s(learner.clone());
    let cases = vec![
        Case {
            what: "a file being sent",
            point: "temp.saving:1",
            dir: r.join("out"),
            held: vec![
                "submit".into(),
                l.clone(),
                "--declare".into(),
                "Siân".into(),
                "-o".into(),
                s(r.join("out/a.portfolio")),
            ],
            next: [0, 1].map(|_| {
                vec![
                    "submit".into(),
                    l.clone(),
                    "--declare".into(),
                    "Siân".into(),
                    "-o".into(),
                    s(r.join("out/b.portfolio")),
                ]
            }),
        },
        Case {
            what: "a PDF being exported",
            point: "temp.exporting:1",
            dir: r.join("out"),
            held: vec!["pdf".into(), l.clone(), "-o".into(), s(r.join("out/a.pdf"))],
            next: [0, 1]
                .map(|_| vec!["pdf".into(), l.clone(), "-o".into(), s(r.join("out/b.pdf"))]),
        },
        Case {
            what: "a submission being checked",
            point: "temp.incoming:1",
            dir: r.join("library"),
            held: vec![
                "open-submission".into(),
                s(r.join("mail/sent.portfolio")),
                "-o".into(),
                s(r.join("library/a.portfolio")),
            ],
            next: [0, 1].map(|_| {
                vec![
                    "open-submission".into(),
                    s(r.join("mail/sent.portfolio")),
                    "-o".into(),
                    s(r.join("library/b.portfolio")),
                ]
            }),
        },
        Case {
            what: "a new portfolio",
            point: "temp.new:1",
            dir: r.join("library"),
            held: vec![
                "new".into(),
                s(r.join("library/c.portfolio")),
                "--learner".into(),
                "Siân".into(),
            ],
            next: ["d", "e"].map(|n| {
                vec![
                    "new".into(),
                    s(r.join(format!("library/{n}.portfolio"))),
                    "--learner".into(),
                    "Siân".into(),
                ]
            }),
        },
    ];
    for case in cases {
        for name in LOOKALIKES {
            std::fs::write(case.dir.join(name), "not ours").unwrap();
        }
        let before = hidden(&case.dir);
        let held: Vec<&str> = case.held.iter().map(String::as_str).collect();
        let next: Vec<Vec<&str>> = case
            .next
            .iter()
            .map(|c| c.iter().map(String::as_str).collect())
            .collect();
        let mut child = held_at(case.point, &held);
        let made: Vec<String> = hidden(&case.dir)
            .into_iter()
            .filter(|n| !before.contains(n))
            .collect();
        assert_eq!(made.len(), 1, "{}: {made:?}", case.what);
        // In use: another write to the folder leaves it.
        common::cli_ok(&next[0]);
        assert!(
            hidden(&case.dir).contains(&made[0]),
            "{}: removed while in use",
            case.what
        );
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(hidden(&case.dir).contains(&made[0]), "{}", case.what);
        // Dead: the next write removes it, and nothing else.
        common::cli_ok(&next[1]);
        let after = hidden(&case.dir);
        assert!(!after.contains(&made[0]), "{}: {after:?}", case.what);
        for name in LOOKALIKES {
            assert!(
                after.contains(&name.to_string()),
                "{}: {name} removed",
                case.what
            );
        }
    }

    // A locked file's private folder for receiving, beside the portfolio.
    let mut a = partnership_portfolio::exchange::open_submission(
        &r.join("mail/sent.portfolio"),
        &r.join("library/assessor.portfolio"),
        "Màiri",
    )
    .unwrap();
    let pass = partnership_portfolio::exchange::Passphrase::from_file(&secret).unwrap();
    a.return_to_learner_with(&r.join("mail/back.portfolio"), None, Some(&pass))
        .unwrap();
    a.close().unwrap();
    let (back, secret) = (s(r.join("mail/back.portfolio")), s(secret));
    let mut child = held_at(
        "temp.unlocking:1",
        &["receive", &l, &back, "--passphrase-file", &secret],
    );
    let mine = r.join("mine");
    let made: Vec<String> = hidden(&mine)
        .into_iter()
        .filter(|n| n.starts_with(".unlocking-"))
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
    assert!(mine.join(&made[0]).is_dir());
    child.kill().unwrap();
    child.wait().unwrap();
    common::cli_ok(&["receive", &l, &back, "--passphrase-file", &secret]);
    assert_eq!(hidden(&mine), Vec::<String>::new());
}

#[test]
fn a_leftover_made_after_this_process_started_stays_until_it_is_old() {
    temp_files::note_process_start();
    let dir = common::temp_dir();
    let leftover = dir.path().join(".saving-Zx81Ab.tmp");
    let journal = dir.path().join(".saving-Zx81Ab.tmp-journal");
    std::fs::write(&leftover, "half a file").unwrap();
    std::fs::write(&journal, "its journal").unwrap();
    let set_modified = |when: std::time::SystemTime| {
        for p in [&leftover, &journal] {
            std::fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(when)
                .unwrap();
        }
    };
    // (The file system's clock is coarser than the process's: say "now" exactly.)
    set_modified(std::time::SystemTime::now());
    // Made after this process started, and not locked: it may be another
    // process's that has not locked it yet.
    assert!(temp_files::sweep(dir.path()).is_empty());
    // Untouched for longer than STALE_AFTER: stale, whoever made it.
    set_modified(std::time::SystemTime::now() - temp_files::STALE_AFTER * 2);
    let mut removed = temp_files::sweep(dir.path());
    removed.sort();
    assert_eq!(removed, vec![leftover.clone(), journal.clone()]);
    assert!(!leftover.exists() && !journal.exists());
}
