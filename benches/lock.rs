//! Benchmark of locked exchange files: a submitted portfolio holding 1 GB
//! of attachments (five files of about 205 MB) is written locked, and the
//! locked file is unlocked and opened as an assessor would, each against a
//! plain copy of the same file to the same disk (`std::io::copy` + fsync:
//! the disk's own speed). Every operation runs in a child process of the
//! benchmark, so its peak memory (VmHWM) is its own; the same operations on
//! a 10 MB portfolio show that memory does not grow with the file (the
//! fixed part is scrypt's 256 MiB, once per file). Medians of the runs.
//!
//! Run: `cargo bench --bench lock` (release build). Figures go in
//! docs/benchmarks.md. `PP_BENCH_MB` sets the large size (default 1000),
//! `PP_BENCH_RUNS` the runs (default 3), `PP_BENCH_DIR` a folder to work in
//! (default: a temporary folder; it needs about five times the size free).

mod support;

use partnership_portfolio::evidence::{EvidenceInput, EvidenceMethod, NewEvidence};
use partnership_portfolio::exchange::{self, lock, Passphrase};
use partnership_portfolio::portfolio::NewPortfolio;
use partnership_portfolio::{catalogue, profile::LearnerProfile, Portfolio};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const PASSPHRASE: &str = "afon lliw glas yn y bore";

/// One operation in this (child) process; prints `ms peak_kib`.
fn child(op: &str, from: &Path, to: &Path) {
    let pass = Passphrase::for_locking(PASSPHRASE).unwrap();
    let started = Instant::now();
    match op {
        "copy" => {
            let mut src = std::fs::File::open(from).unwrap();
            let mut dst = std::fs::File::create(to).unwrap();
            std::io::copy(&mut src, &mut dst).unwrap();
            dst.sync_all().unwrap();
        }
        "save" => {
            let p = Portfolio::open(from).unwrap();
            p.save_exchange_file(to, None).unwrap();
        }
        "save-locked" => {
            let p = Portfolio::open(from).unwrap();
            p.save_exchange_file(to, Some(&pass)).unwrap();
        }
        "encrypt" => {
            lock::lock_file(from, to, &pass).unwrap();
        }
        "decrypt" => {
            let unlocked = lock::unlock(from, &pass, to).unwrap();
            std::fs::File::open(unlocked.path())
                .unwrap()
                .sync_all()
                .unwrap();
        }
        "open-locked" => {
            exchange::open_submission_with(from, Some(&pass), to, "Assessor")
                .unwrap()
                .close()
                .unwrap();
        }
        other => panic!("unknown operation {other}"),
    }
    println!(
        "{:.1} {}",
        started.elapsed().as_secs_f64() * 1e3,
        support::peak_rss_kib()
    );
}

fn run(op: &str, from: &Path, to: &Path) -> (f64, u64) {
    let output = Command::new(std::env::current_exe().unwrap())
        .args(["--child", op])
        .arg(from)
        .arg(to)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{op} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let line = String::from_utf8(output.stdout).unwrap();
    let f: Vec<&str> = line.split_whitespace().collect();
    (f[0].parse().unwrap(), f[1].parse().unwrap())
}

/// A submitted portfolio with `mb` MB of attachments in five files.
fn build(dir: &Path, mb: u64) -> PathBuf {
    let path = dir.join(format!("bench-{mb}mb.portfolio"));
    if path.exists() {
        return path;
    }
    let mut p = Portfolio::create(
        &path,
        NewPortfolio {
            standard: catalogue::cldal16(),
            profile: LearnerProfile {
                full_name: "Siân Llŷr-Ŵyn".into(),
                ..Default::default()
            },
            title: None,
        },
    )
    .unwrap();
    let per_file = mb * 1_000_000 / 5;
    for n in 0..5u32 {
        let file = dir.join(format!("video-{n}.bin"));
        {
            let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
            let mut x: u64 = 0x9e37_79b9_7f4a_7c15 ^ u64::from(n);
            let mut written = 0;
            let mut block = vec![0u8; 1 << 20];
            while written < per_file {
                for chunk in block.chunks_exact_mut(8) {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    chunk.copy_from_slice(&x.to_le_bytes());
                }
                let n = block.len().min((per_file - written) as usize);
                out.write_all(&block[..n]).unwrap();
                written += n as u64;
            }
            out.flush().unwrap();
        }
        p.add_evidence(NewEvidence {
            input: EvidenceInput {
                title: format!("Video {n}"),
                method: EvidenceMethod::Observation,
                activity_date: None,
                description: String::new(),
                witness: None,
                confidential: None,
            },
            attach: vec![file.clone()],
            mappings: vec![],
        })
        .unwrap();
        std::fs::remove_file(file).unwrap();
    }
    p.submit("Siân Llŷr-Ŵyn", "2026-11-01").unwrap();
    p.close().unwrap();
    path
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--child") {
        child(&args[2], Path::new(&args[3]), Path::new(&args[4]));
        return;
    }
    if args.iter().any(|a| a == "--list") {
        println!("lock: bench");
        return;
    }
    let env = |k: &str, d: u64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let large = env("PP_BENCH_MB", 1000);
    let runs = env("PP_BENCH_RUNS", 3).max(1);
    let scratch;
    let dir = match std::env::var_os("PP_BENCH_DIR") {
        Some(d) => PathBuf::from(d),
        None => {
            scratch = tempfile::tempdir().unwrap();
            scratch.path().to_path_buf()
        }
    };
    std::fs::create_dir_all(&dir).unwrap();
    println!("| portfolio | operation | median | throughput | peak memory |");
    println!("|---|---|---|---|---|");
    for mb in [10, large] {
        let portfolio = build(&dir, mb);
        let size = std::fs::metadata(&portfolio).unwrap().len();
        let plain = dir.join("plain.portfolio");
        let locked = dir.join("locked.portfolio");
        let work = dir.join("work");
        let ops: [(&str, &str, &Path, &Path); 6] = [
            (
                "copy",
                "plain copy + fsync (the disk's speed)",
                &portfolio,
                &plain,
            ),
            ("save", "write the exchange file, plain", &portfolio, &plain),
            (
                "save-locked",
                "write the exchange file, locked",
                &portfolio,
                &locked,
            ),
            ("encrypt", "encrypt only (age, streamed)", &plain, &locked),
            (
                "decrypt",
                "decrypt only, into a private folder",
                &locked,
                &work,
            ),
            (
                "open-locked",
                "open a locked submission (decrypt + all checks)",
                &locked,
                &work,
            ),
        ];
        for (op, what, from, to) in ops {
            let mut times = Vec::new();
            let mut peak = 0;
            for _ in 0..runs {
                let _ = std::fs::remove_dir_all(&work);
                std::fs::create_dir_all(&work).unwrap();
                let to = if op == "open-locked" {
                    work.join("assessor.portfolio")
                } else {
                    to.to_path_buf()
                };
                let (ms, kib) = run(op, from, &to);
                times.push(ms);
                peak = peak.max(kib);
            }
            let ms = median(times);
            println!(
                "| {} MB | {what} | {:.2} s | {:.0} MB/s | {} MiB |",
                size / 1_000_000,
                ms / 1e3,
                size as f64 / 1e6 / (ms / 1e3),
                peak / 1024
            );
        }
        let _ = std::fs::remove_dir_all(&work);
        for f in [&plain, &locked] {
            let _ = std::fs::remove_file(f);
        }
        if std::env::var_os("PP_BENCH_DIR").is_none() {
            std::fs::remove_file(&portfolio).unwrap();
        }
    }
}
