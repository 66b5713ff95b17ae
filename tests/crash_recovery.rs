//! A crash in the middle of a save: the command-line tool adding a 40 MiB
//! attachment is killed (SIGKILL) at chosen points of the write, and the
//! learner's portfolio is then opened with the app's own code (the library's
//! listing, then opening it for work): it must be exactly as at the last
//! save, byte for byte, opened without a word of damage, SQLite's hot journal
//! having rolled it back.
//!
//! Two kinds of point:
//! - in our code, with the pause points of debug builds
//!   (`partnership_portfolio::pause_points`): after the first chunk, after
//!   the chunk at which the file first grew (the first new pages written,
//!   found by a first run that pauses at every chunk), half-way, before the
//!   last chunk, after it, and just before the commit;
//! - in SQLite's own writes, with `strace` killing the process as it makes
//!   its n-th write to the portfolio file (`-P FILE -e inject=pwrite64:
//!   signal=KILL:when=n`): the first new page, the header (page 1, with the
//!   new page count: from then on the file is shorter than its header says),
//!   a quarter, half-way, three quarters, the last page but one, the last;
//!   and its first and middle writes to the journal. The same for a 1 MiB
//!   file, whose pages all wait for the commit.
//!
//! A run that is not killed shows the other outcome: the attachment whole.

mod common;

use partnership_portfolio::storage::{self, header};
use partnership_portfolio::Portfolio;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, Command, Stdio};

const CHUNKS: u64 = 40;

struct Scene {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    pristine: Vec<u8>,
    source: PathBuf,
    source_sha256: String,
}

fn scene() -> Scene {
    use sha2::Digest;
    let dir = common::temp_dir();
    let path = common::new_portfolio(dir.path(), "pristine.portfolio");
    let mut p = Portfolio::open(&path).unwrap();
    p.set_rating("P4", Some(3)).unwrap();
    p.set_account("P4", "Cytunon ni ar nodau a rennir.")
        .unwrap();
    common::add_plain_evidence(&mut p, "Fideo o'r fforwm");
    p.close().unwrap();
    let source = dir.path().join("fideo.mp4");
    let mut data = Vec::with_capacity((CHUNKS as usize) << 20);
    let mut x: u32 = 0x9e37_79b9;
    for _ in 0..(CHUNKS << 18) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        data.extend_from_slice(&x.to_le_bytes());
    }
    std::fs::write(&source, &data).unwrap();
    let source_sha256 = sha2::Sha256::digest(&data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Scene {
        pristine: std::fs::read(&path).unwrap(),
        dir: dir.path().to_path_buf(),
        _dir: dir,
        source,
        source_sha256,
    }
}

/// The CLI attaching the source to E1 of `portfolio`, pausing at `point`.
fn start(portfolio: &Path, source: &Path, point: &str) -> (Child, BufReader<ChildStderr>) {
    common::cli_held_at(
        [
            "evidence".as_ref(),
            "attach".as_ref(),
            portfolio.as_os_str(),
            "E1".as_ref(),
            source.as_os_str(),
        ],
        point,
    )
}

/// Waits until the child pauses (the point it names) or ends (`None`).
fn paused(stderr: &mut BufReader<ChildStderr>) -> Option<String> {
    let mut line = String::new();
    loop {
        line.clear();
        if stderr.read_line(&mut line).unwrap() == 0 {
            return None;
        }
        if let Some(point) = line.trim().strip_prefix("paused at ") {
            return Some(point.to_string());
        }
    }
}

fn resume(child: &mut Child) {
    let stdin = child.stdin.as_mut().unwrap();
    stdin.write_all(b"\n").unwrap();
    stdin.flush().unwrap();
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// The CLI attaching `source` to E1 of `portfolio` under `strace`, which
/// watches its system `call`s on `watched` with `option` (`-e inject=…`,
/// `-o FILE`).
fn strace(
    call: &str,
    watched: &Path,
    option: [&str; 2],
    portfolio: &Path,
    source: &Path,
) -> Command {
    // The same environment as the tool's own tests give it (its log folder).
    let cli = common::cli_command();
    let mut c = Command::new("strace");
    c.envs(cli.get_envs().filter_map(|(k, v)| Some((k, v?))));
    c.args(["-f", "-qq", "-e", &format!("trace={call}"), "-P"])
        .arg(watched)
        .args(option)
        .arg(env!("CARGO_BIN_EXE_partnership-portfolio"))
        .args(["evidence", "attach"])
        .arg(portfolio)
        .arg("E1")
        .arg(source)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// How many writes SQLite makes to the file and to its journal when `source`
/// is attached (runs that are not killed).
fn count_writes(s: &Scene, source: &Path) -> (u64, u64) {
    let mut counts = Vec::new();
    for journal in [false, true] {
        let path = s.dir.join("count.portfolio");
        std::fs::write(&path, &s.pristine).unwrap();
        let trace = s.dir.join("trace.txt");
        let watched = if journal {
            header::journal_of(&path)
        } else {
            path.clone()
        };
        let status = strace(
            "pwrite64",
            &watched,
            ["-o", trace.to_str().unwrap()],
            &path,
            source,
        )
        .status()
        .expect("strace (scripts/setup --test installs it)");
        assert!(status.success(), "the traced run failed");
        let text = std::fs::read_to_string(&trace).unwrap();
        counts.push(text.lines().filter(|l| l.contains("pwrite64(")).count() as u64);
    }
    (counts[0], counts[1])
}

/// What a run showed at one pause.
struct Seen {
    point: String,
    file: u64,
    journal: u64,
}

/// A first run, pausing at every chunk: what the file and journal look like.
fn survey(s: &Scene) -> Vec<Seen> {
    let path = s.dir.join("survey.portfolio");
    std::fs::write(&path, &s.pristine).unwrap();
    let (mut child, mut err) = start(&path, &s.source, "attach.chunk:*");
    let mut seen = Vec::new();
    while let Some(point) = paused(&mut err) {
        seen.push(Seen {
            point,
            file: size(&path),
            journal: size(&header::journal_of(&path)),
        });
        resume(&mut child);
    }
    assert!(child.wait().unwrap().success());
    assert_eq!(seen.len() as u64, CHUNKS, "one pause per chunk");
    for (i, x) in seen.iter().enumerate() {
        assert_eq!(x.point, format!("attach.chunk:{}", i + 1));
    }
    seen
}

/// How a killed run ended: rolled back (hot journal beside the file) or,
/// if the kill came after the commit, committed.
#[derive(Debug, PartialEq)]
enum Outcome {
    RolledBack,
    Committed,
}

/// Opens the killed file the way the app does (the library's listing,
/// then opening it for work) and checks it is exactly as at a save.
fn check_after_kill(s: &Scene, path: &Path, point: &str, old_check_refused: &mut u32) -> Outcome {
    let journal = header::journal_of(path);
    let hot = std::fs::read(&journal).is_ok_and(|j| j.first().is_some_and(|b| *b != 0));
    if hot {
        // The file as left, without its journal, is what someone else would
        // get: the strict check for their files refuses it whenever its end
        // is missing; for the user's own file, the journal beside it lets
        // SQLite decide.
        if let Err(e) = header::inspect_exact(path) {
            assert!(e.message.contains("damaged"), "{point}: {}", e.message);
            if e.message.contains("its end is missing") {
                *old_check_refused += 1;
            }
        }
        assert!(header::inspect(path).unwrap().journal_beside, "{point}");
    }
    let summary = storage::summary(path)
        .unwrap_or_else(|e| panic!("{point}: the library lists it as: {}", e.message));
    let p =
        Portfolio::open(path).unwrap_or_else(|e| panic!("{point}: opening it says: {}", e.message));
    assert!(p.verify().unwrap().ok(), "{point}");
    let e1 = p.evidence("E1").unwrap();
    p.close().unwrap();
    if hot {
        assert!(!journal.exists(), "{point}: the hot journal is still there");
    }
    assert_eq!(summary.evidence, 1, "{point}");
    if e1.attachments.is_empty() {
        assert!(
            std::fs::read(path).unwrap() == s.pristine,
            "{point}: not byte for byte as at the last save"
        );
        Outcome::RolledBack
    } else {
        assert_eq!(e1.attachments.len(), 1, "{point}");
        assert_eq!(e1.attachments[0].sha256, s.source_sha256, "{point}");
        Outcome::Committed
    }
}

#[test]
fn killed_at_chosen_points_of_a_large_attachment_the_portfolio_opens_as_at_the_last_save() {
    let s = scene();
    let seen = survey(&s);
    let first_write = seen
        .iter()
        .position(|x| x.file > s.pristine.len() as u64)
        .expect("SQLite writes new pages before the commit") as u64
        + 1;
    assert!(
        first_write < CHUNKS / 2,
        "first pages written at chunk {first_write}"
    );
    assert!(
        seen.iter().all(|x| x.journal > 0),
        "a journal from the first chunk on"
    );
    let mut old_check_refused = 0;
    let mut outcomes = Vec::new();

    // Points our code reaches: killed while paused there.
    let points = [
        "attach.chunk:1".to_string(),
        format!("attach.chunk:{first_write}"),
        format!("attach.chunk:{}", CHUNKS / 2),
        format!("attach.chunk:{}", CHUNKS - 1),
        format!("attach.chunk:{CHUNKS}"),
        "attach.commit:1".to_string(),
    ];
    for (round, point) in points.iter().enumerate() {
        let path = s.dir.join(format!("killed-{round}.portfolio"));
        std::fs::write(&path, &s.pristine).unwrap();
        let (mut child, mut err) = start(&path, &s.source, point);
        assert_eq!(paused(&mut err).as_deref(), Some(point.as_str()));
        child.kill().unwrap();
        child.wait().unwrap();
        let outcome = check_after_kill(&s, &path, point, &mut old_check_refused);
        assert_eq!(outcome, Outcome::RolledBack, "{point}");
        outcomes.push((point.clone(), outcome));
    }

    // Points in SQLite's own writes: the n-th write to the file or journal.
    let small = s.dir.join("photo.jpg");
    std::fs::write(&small, &std::fs::read(&s.source).unwrap()[..1 << 20]).unwrap();
    for (size, source) in [("40 MiB", &s.source), ("1 MiB", &small)] {
        let (file_writes, journal_writes) = count_writes(&s, source);
        assert!(
            file_writes > 3 && journal_writes > 2,
            "{file_writes} {journal_writes}"
        );
        let n = file_writes;
        // (what, the journal's writes or the file's, the n-th write killed)
        let mut kills: Vec<(String, &str, bool, u64)> = [
            ("before its first write to the file", 1),
            ("after the first new page, before the header", 2),
            ("after the header (page 1, the new page count)", 3),
            ("a quarter through", n / 4),
            ("half-way", n / 2),
            ("three quarters through", 3 * n / 4),
            ("before the last page", n),
        ]
        .into_iter()
        .map(|(what, at)| {
            (
                format!("{size}: {what} (write {at} of {n})"),
                "pwrite64",
                false,
                at,
            )
        })
        .collect();
        let j = journal_writes;
        kills.push((
            format!("{size}: the journal's first write (of {j})"),
            "pwrite64",
            true,
            1,
        ));
        kills.push((
            format!("{size}: the journal half written"),
            "pwrite64",
            true,
            j / 2,
        ));
        kills.push((
            format!("{size}: every page written, as the journal is deleted"),
            "unlink",
            true,
            1,
        ));
        for (round, (what, call, journal, at)) in kills.into_iter().enumerate() {
            let path = s.dir.join(format!("strace-{round}.portfolio"));
            std::fs::write(&path, &s.pristine).unwrap();
            let watched = if journal {
                header::journal_of(&path)
            } else {
                path.clone()
            };
            let inject = format!("inject={call}:signal=KILL:when={at}");
            let status = strace(call, &watched, ["-e", &inject], &path, source)
                .status()
                .unwrap();
            assert!(!status.success(), "{what}: not killed");
            let outcome = check_after_kill(&s, &path, &what, &mut old_check_refused);
            assert_eq!(outcome, Outcome::RolledBack, "{what}");
            outcomes.push((what, outcome));
        }
    }

    // Not killed: the attachment is there, whole.
    let path = s.dir.join("finished.portfolio");
    std::fs::write(&path, &s.pristine).unwrap();
    let (mut child, mut err) = start(&path, &s.source, "none:0");
    drop(child.stdin.take());
    assert_eq!(paused(&mut err), None);
    assert!(child.wait().unwrap().success());
    let outcome = check_after_kill(&s, &path, "not killed", &mut old_check_refused);
    assert_eq!(outcome, Outcome::Committed);

    eprintln!("kill points and outcomes: {outcomes:?}");
    assert!(
        old_check_refused >= 1,
        "no kill left a file whose end is missing (the state the old header check refused): {outcomes:?}"
    );
}
