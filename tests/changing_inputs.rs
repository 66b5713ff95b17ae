//! Inputs that change or never end, with real files and real processes:
//! a file truncated, rewritten, grown or replaced while the command-line
//! tool is attaching it (held still at a pause point after its second
//! chunk) is refused with nothing kept; text read from files (an account,
//! a standard's data file, a passphrase) from `/dev/zero` or from a FIFO
//! that nothing writes to gets a clear message instead of memory or a hang.

mod common;

use partnership_portfolio::Portfolio;
use std::io::Write;
use std::path::Path;
use std::process::Command;

fn source_bytes(mib: usize, seed: u8) -> Vec<u8> {
    (0..mib << 20)
        .map(|i| {
            (i as u32)
                .wrapping_mul(2_654_435_761)
                .rotate_left(seed as u32) as u8
        })
        .collect()
}

/// A change made to the file being attached, while the tool is held.
type Change = Box<dyn FnOnce(&Path)>;

/// Attaches `source` to E1 of `portfolio` with the CLI, running `change`
/// while the CLI is held after the second chunk. Returns its error line.
fn attach_while(portfolio: &Path, source: &Path, change: impl FnOnce()) -> String {
    let (mut child, mut err) = common::cli_held_at(
        [
            "evidence".as_ref(),
            "attach".as_ref(),
            portfolio.as_os_str(),
            "E1".as_ref(),
            source.as_os_str(),
        ],
        "attach.chunk:2",
    );
    assert_eq!(common::next_line(&mut err), "paused at attach.chunk:2");
    change();
    child.stdin.as_mut().unwrap().write_all(b"\n").unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut err, &mut rest).unwrap();
    assert!(
        !child.wait().unwrap().success(),
        "the changed file was attached"
    );
    rest
}

#[test]
fn a_file_that_changes_while_it_is_attached_is_refused_and_nothing_is_kept() {
    let dir = common::temp_dir();
    let portfolio = common::new_portfolio(dir.path(), "siân.portfolio");
    let mut p = Portfolio::open(&portfolio).unwrap();
    common::add_plain_evidence(&mut p, "Fideo");
    p.close().unwrap();
    let before = std::fs::read(&portfolio).unwrap();
    let source = dir.path().join("fideo.mp4");
    let original = source_bytes(8, 1);

    let changes: Vec<(&str, Change)> = vec![
        (
            "truncated (a card pulled out)",
            Box::new(|p: &Path| {
                let f = std::fs::File::options().write(true).open(p).unwrap();
                f.set_len(3 << 20).unwrap();
            }),
        ),
        (
            "rewritten in place, same size (a sync client)",
            Box::new(|p: &Path| {
                let mut f = std::fs::File::options().write(true).open(p).unwrap();
                f.write_all(&source_bytes(8, 7)).unwrap();
                // The same length, and a modification time that moves on.
                f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(2))
                    .unwrap();
            }),
        ),
        (
            "grown",
            Box::new(|p: &Path| {
                let mut f = std::fs::File::options().append(true).open(p).unwrap();
                f.write_all(&[1u8; 4096]).unwrap();
            }),
        ),
        (
            "replaced by a new version under the same name",
            Box::new(|p: &Path| {
                let new = p.with_extension("new");
                std::fs::write(&new, source_bytes(8, 9)).unwrap();
                std::fs::rename(&new, p).unwrap();
            }),
        ),
    ];
    for (what, change) in changes {
        std::fs::write(&source, &original).unwrap();
        let err = attach_while(&portfolio, &source, || change(&source));
        assert!(
            err.contains("changed while it was being read; try again"),
            "{what}: {err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "{what}: {err}");
        // Nothing kept: the portfolio is byte for byte as before.
        assert!(std::fs::read(&portfolio).unwrap() == before, "{what}");
        let p = Portfolio::open(&portfolio).unwrap();
        assert!(p.evidence("E1").unwrap().attachments.is_empty(), "{what}");
        p.close().unwrap();
    }

    // Left alone, the same file goes in.
    std::fs::write(&source, &original).unwrap();
    let f = portfolio.to_str().unwrap();
    common::cli_ok(&["evidence", "attach", f, "E1", source.to_str().unwrap()]);
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

#[test]
fn text_files_that_never_end_or_never_start_get_a_clear_message() {
    let dir = common::temp_dir();
    let portfolio = common::new_portfolio(dir.path(), "siân.portfolio");
    let f = portfolio.to_str().unwrap();
    let fifo = dir.path().join("nobody-writes-here");
    mkfifo(&fifo);
    let fifo = fifo.to_str().unwrap();
    let out = dir.path().join("out.portfolio");
    let out = out.to_str().unwrap();
    let before = std::fs::read(&portfolio).unwrap();

    let cases: [(&str, Vec<&str>, &str); 6] = [
        (
            "an account from /dev/zero",
            vec!["assess", f, "P4", "--account-file", "/dev/zero"],
            "too long to be the account",
        ),
        (
            "an account from a FIFO with no writer",
            vec!["assess", f, "P4", "--account-file", fifo],
            "Nothing came from",
        ),
        (
            "a standard from /dev/zero",
            vec!["standard", "--file", "/dev/zero"],
            "too long to be the standard data file",
        ),
        (
            "a standard from a FIFO",
            vec!["standard", "--file", fifo],
            "Nothing came from",
        ),
        (
            "a passphrase from /dev/zero",
            vec![
                "submit",
                f,
                "--declare",
                "Siân",
                "-o",
                out,
                "--passphrase-file",
                "/dev/zero",
            ],
            "too long to be the passphrase",
        ),
        (
            "a passphrase from a FIFO",
            vec!["receive", f, out, "--passphrase-file", fifo],
            "Nothing came from",
        ),
    ];
    for (what, args, words) in cases {
        let err = common::cli_refused(&args);
        assert!(err.contains(words), "{what}: {err}");
    }
    assert!(std::fs::read(&portfolio).unwrap() == before);
    assert!(!Path::new(out).exists());

    // A FIFO that is written to works, as a pipe would.
    let fifo_path = dir.path().join("written");
    mkfifo(&fifo_path);
    let writer = {
        let path = fifo_path.clone();
        std::thread::spawn(move || {
            std::fs::write(path, "Gweithio gyda'r cyngor.").unwrap();
        })
    };
    common::cli_ok(&[
        "assess",
        f,
        "P4",
        "--account-file",
        fifo_path.to_str().unwrap(),
    ]);
    writer.join().unwrap();
    let p = Portfolio::open(&portfolio).unwrap();
    assert_eq!(
        p.self_assessment("P4").unwrap().account,
        "Gweithio gyda'r cyngor."
    );
}
