//! Benchmark of an assessor's caseload (issue 12): 200 portfolio files of
//! 40 evidence records each (demo portfolios, half of them taken through
//! submission, judgement and sign-off, without photos: listing reads no
//! attachment), listed with `caseload::caseload` as the `caseload` command
//! does, and one of them opened with `Portfolio::open` as the app does.
//! Each listing runs in a child process of this benchmark, so its peak
//! memory (VmHWM) is the listing's alone; the table gives the median of
//! several runs and the machine's load average. The target: 200 files in
//! under 1 s, and opening one as fast as before.
//!
//! Run: `cargo bench --bench caseload` (release build). Figures go in
//! docs/benchmarks.md. Set `PP_BENCH_DIR` to keep the folder of portfolios
//! there (and reuse it on the next run); `PP_BENCH_FILES` (default 200) and
//! `PP_BENCH_RUNS` (default 7) to do less or more.

mod support;

use partnership_portfolio::caseload::{self, SortBy};
use partnership_portfolio::demo::{self, DemoOptions};
use partnership_portfolio::Portfolio;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const RECORDS: usize = 40;

/// One listing, in this (child) process. Prints `ms rows peak_kib`.
fn child(dir: &Path) {
    let started = Instant::now();
    let rows = caseload::caseload(dir, SortBy::Waiting, None).expect("list the caseload");
    let ms = started.elapsed().as_secs_f64() * 1e3;
    assert!(rows.iter().all(|r| r.problem.is_none()), "unreadable rows");
    println!("{ms:.1} {} {}", rows.len(), support::peak_rss_kib());
}

/// The folder of `files` portfolios, made once (kept in `PP_BENCH_DIR`).
fn build(root: &Path, files: usize) -> PathBuf {
    let dir = root.join(format!("caseload-{files}-files"));
    std::fs::create_dir_all(&dir).unwrap();
    let started = Instant::now();
    let mut made = 0;
    for i in 0..files {
        let path = dir.join(format!("learner-{i:03}.portfolio"));
        if path.exists() {
            continue;
        }
        demo::create_demo(
            &path,
            &DemoOptions {
                evidence: RECORDS,
                photos: 0,
                seed: i as u64,
                assessed: i % 2 == 0,
                ..DemoOptions::default()
            },
        )
        .expect("build a demo portfolio");
        made += 1;
    }
    println!(
        "{files} files of {RECORDS} records in {} ({made} built in {:.0} s).",
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    dir
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(Path::new(&args[i + 1]));
        return;
    }
    let keep = std::env::var_os("PP_BENCH_DIR");
    let temp = tempfile::tempdir().unwrap();
    let root = keep.as_deref().map(Path::new).unwrap_or(temp.path());
    let files: usize = std::env::var("PP_BENCH_FILES")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(200);
    let runs: usize = std::env::var("PP_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(7);
    let dir = build(root, files);

    let load = support::load_average();
    let me = std::env::current_exe().unwrap();
    let mut times = Vec::new();
    let mut peaks = Vec::new();
    for _ in 0..runs {
        let out = Command::new(&me)
            .arg("--child")
            .arg(&dir)
            .output()
            .expect("run the listing");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let line = String::from_utf8(out.stdout).unwrap();
        let f: Vec<f64> = line
            .split_whitespace()
            .map(|x| x.parse().unwrap())
            .collect();
        assert_eq!(f[1] as usize, files);
        times.push(f[0]);
        peaks.push(f[2]);
    }
    let one = dir.join("learner-000.portfolio");
    let mut opens = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        Portfolio::open(&one).unwrap().close().unwrap();
        opens.push(started.elapsed().as_secs_f64() * 1e3);
    }
    println!("\nLoad average (1 min) at the start: {load:.2}; {runs} runs.");
    println!("| files | records each | listing, median | min | max | peak memory | opening one, median |");
    println!("|---|---|---|---|---|---|---|");
    println!(
        "| {files} | {RECORDS} | {:.0} ms | {:.0} ms | {:.0} ms | {:.1} MB | {:.1} ms |",
        median(times.clone()),
        times.iter().cloned().fold(f64::INFINITY, f64::min),
        times.iter().cloned().fold(0.0, f64::max),
        median(peaks) / 1024.0,
        median(opens)
    );
    println!(
        "Load average (1 min) at the end: {:.2}.",
        support::load_average()
    );
}
