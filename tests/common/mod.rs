//! Helpers shared by the core's integration tests: temporary folders, sample
//! portfolios, byte-level snapshots of files, and the command-line tool set up
//! to log into the tests' own folder.
#![allow(dead_code)]

use partnership_portfolio::catalogue;
use partnership_portfolio::portfolio::NewPortfolio;
use partnership_portfolio::profile::LearnerProfile;
use partnership_portfolio::Portfolio;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The command-line tool, ready to run, logging into a folder of the build's
/// own (never into the real home folder).
pub fn cli_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_partnership-portfolio"));
    cmd.env(
        "PP_LOG_DIR",
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-logs"),
    );
    cmd
}

/// Starts the command-line tool with `args`, to be held at the pause point
/// `point` (`name:n`, see `partnership_portfolio::pause_points`): its stdin
/// resumes it, its stderr says where it is held.
pub fn cli_held_at<I, S>(
    args: I,
    point: &str,
) -> (
    std::process::Child,
    std::io::BufReader<std::process::ChildStderr>,
)
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    use std::process::Stdio;
    let mut child = cli_command()
        .args(args)
        .env(partnership_portfolio::pause_points::VARIABLE, point)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the command-line tool");
    let stderr = std::io::BufReader::new(child.stderr.take().expect("its stderr"));
    (child, stderr)
}

/// The next line the tool held by [`cli_held_at`] writes to stderr.
pub fn next_line(err: &mut std::io::BufReader<std::process::ChildStderr>) -> String {
    use std::io::BufRead;
    let mut line = String::new();
    err.read_line(&mut line).expect("read the tool's stderr");
    line.trim_end().to_string()
}

pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

/// A profile with names from the languages our learners write in.
pub fn welsh_profile() -> LearnerProfile {
    LearnerProfile {
        full_name: "Siân Llŷr-Ŵyn".into(),
        registration_number: "CLD/2026/0042".into(),
        centre: "Canolfan Gymunedol Aberystwyth".into(),
        qualification: "Dyfarniad mewn Dysgu Oedolion (SCQF 7)".into(),
        assessor_name: "Màiri NicDhòmhnaill".into(),
        start_date: Some("2026-09-01".into()),
    }
}

/// Creates a CLDAL16 portfolio at `dir/name` and returns its path.
pub fn new_portfolio(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    Portfolio::create(
        &path,
        NewPortfolio {
            standard: catalogue::cldal16(),
            profile: welsh_profile(),
            title: None,
        },
    )
    .expect("create a portfolio")
    .close()
    .expect("close it");
    path
}

/// Every file in `dir` with its size and SHA-256, to show nothing was touched.
pub fn snapshot(dir: &Path) -> Vec<(String, u64, String)> {
    use sha2::Digest;
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            let hash: String = sha2::Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                bytes.len() as u64,
                hash,
            )
        })
        .collect();
    files.sort();
    files
}

/// Opens a portfolio file with plain SQLite, bypassing our checks, to damage
/// or doctor it the way a test needs.
pub fn raw(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).expect("raw open")
}

/// Peak resident memory (VmHWM) of this test process so far, in MiB.
pub fn peak_rss_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace()
        .nth(1)
        .unwrap()
        .parse::<u64>()
        .unwrap()
        / 1024
}

/// Writes a large file of `size` bytes (a multiple of 1 MiB) that does not
/// compress and no two MiB of which are the same; returns its SHA-256.
pub fn patterned_file(path: &Path, size: u64) -> String {
    use sha2::Digest;
    use std::io::Write;
    let mut expected = sha2::Sha256::new();
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut block: Vec<u8> = (0..1u32 << 20)
        .map(|j| (j.wrapping_mul(7) >> 3) as u8)
        .collect();
    for i in 0..size / block.len() as u64 {
        block[..8].copy_from_slice(&i.to_le_bytes());
        f.write_all(&block).unwrap();
        expected.update(&block);
    }
    f.flush().unwrap();
    hex(&expected.finalize())
}

/// A file's SHA-256, read in 1 MiB blocks.
pub fn file_sha256(path: &Path) -> String {
    use sha2::Digest;
    use std::io::Read;
    let mut file = std::fs::File::open(path).unwrap();
    let mut hasher = sha2::Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A piece of evidence with one large file attached (a video of a forum).
pub fn video_evidence(source: &Path) -> partnership_portfolio::evidence::NewEvidence {
    use partnership_portfolio::evidence::{EvidenceInput, EvidenceMethod, NewEvidence};
    NewEvidence {
        input: EvidenceInput {
            title: "Video of the partnership forum".into(),
            method: EvidenceMethod::Observation,
            activity_date: None,
            description: String::new(),
            witness: None,
            confidential: None,
        },
        attach: vec![source.to_path_buf()],
        mappings: vec![],
    }
}

/// Runs the command-line tool with `args`.
pub fn cli(args: &[&str]) -> Output {
    cli_command().args(args).output().expect("run the CLI")
}

/// Runs a command that must succeed; returns its standard output.
pub fn cli_ok(args: &[&str]) -> String {
    let out = cli(args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a command that must fail: non-zero exit, exactly one line on stderr.
pub fn cli_refused(args: &[&str]) -> String {
    let out = cli(args);
    assert!(!out.status.success(), "{args:?} should fail");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line expected, got: {err}"
    );
    assert!(err.starts_with("error: "), "{err}");
    err
}

/// Whether `haystack` contains `needle` (bytes).
pub fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    find_bytes(haystack, needle).is_some()
}

/// The names in `dir` that start with a dot (our hidden temporary files).
pub fn hidden_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// Where `needle` first occurs in `haystack`.
pub fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Adds a piece of evidence with no files (a product, mapped to nothing).
pub fn add_plain_evidence(p: &mut Portfolio, title: &str) {
    use partnership_portfolio::evidence::{EvidenceInput, EvidenceMethod, NewEvidence};
    p.add_evidence(NewEvidence {
        input: EvidenceInput {
            title: title.into(),
            method: EvidenceMethod::Product,
            activity_date: None,
            description: String::new(),
            witness: None,
            confidential: None,
        },
        attach: vec![],
        mappings: vec![],
    })
    .expect("add evidence");
}
