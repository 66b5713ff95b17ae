//! Benchmark of the PDF export: demo portfolios with 42 items written up
//! (~300 words each), 10, 100, 300 and 1,000 evidence records and 60 photos
//! of 12 megapixels (4000×3000). Building them is outside the measurement
//! (each photo gets its previews when attached, which takes a while). Each
//! export runs in a child process of this benchmark, so its peak memory
//! (VmHWM from /proc/self/status) is the export's alone; the table gives the
//! median time of several runs, the peak memory, the page count and the
//! size of the file, with the CPU time (all threads) and the machine's load
//! average, since other work on a 2-core machine stretches the wall time.
//! The target (issue 4): 300 records and 60 photos in under 1.5 s, under
//! 300 MB peak memory and under 30 MB on disk. Each export is also run
//! untagged (the engine's bench-only switch, `pdf::bench_set_untagged`), the
//! runs interleaved, so the table shows what tagging costs in the same run;
//! the target (issue 13): tagging adds at most 15 % to the time.
//!
//! Run: `cargo bench --bench pdf` (release build). Figures go in
//! docs/benchmarks.md. Set `PP_BENCH_DIR` to keep the portfolios and PDFs
//! there (and reuse the portfolios on the next run); `PP_BENCH_SIZES` (e.g.
//! `300` or `10,100`) and `PP_BENCH_RUNS` (default 5) to do less.

mod support;

use partnership_portfolio::demo::{self, DemoOptions};
use partnership_portfolio::export::{self, Stage};
use partnership_portfolio::Portfolio;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const PHOTOS: usize = 60;
const PHOTO_SIZE: (u32, u32) = (4000, 3000);
const EXPORTED_AT: &str = "2027-03-12T14:00:00Z";

/// CPU time (user + system, all threads) of this process so far, in
/// milliseconds, from /proc/self/stat (clock ticks of 1/100 s, Linux's
/// USER_HZ on every architecture it supports).
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0))
        .collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after ")".
    (f.get(11).copied().unwrap_or(0) + f.get(12).copied().unwrap_or(0)) as f64 * 10.0
}

/// One export, in this (child) process: open, read, typeset (the PDF is
/// saved into its temporary file as part of it), fsync and rename.
/// Prints `ms_total ms_read ms_typeset ms_write peak_kib pages bytes ms_cpu`.
fn child(portfolio: &Path, out: &Path, tagged: bool) {
    partnership_portfolio::pdf::bench_set_untagged(!tagged);
    let started = Instant::now();
    let cpu_before = cpu_ms();
    let p = Portfolio::open(portfolio).expect("open the portfolio");
    let mut marks: Vec<(Stage, Duration)> = Vec::new();
    let summary = export::write_pdf(&p, out, EXPORTED_AT.parse().unwrap(), &mut |pr| {
        if marks.last().map(|m| m.0) != Some(pr.stage) {
            marks.push((pr.stage, started.elapsed()));
        }
    })
    .expect("export");
    let total = started.elapsed();
    let at = |stage: Stage| marks.iter().find(|m| m.0 == stage).map(|m| m.1).unwrap();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{:.1} {:.1} {:.1} {:.1} {} {} {} {:.0}",
        ms(total),
        ms(at(Stage::Typesetting)),
        ms(at(Stage::Writing) - at(Stage::Typesetting)),
        ms(total - at(Stage::Writing)),
        support::peak_rss_kib(),
        summary.pages,
        summary.bytes,
        cpu_ms() - cpu_before
    );
}

struct Run {
    total: f64,
    read: f64,
    typeset: f64,
    write: f64,
    peak_kib: u64,
    pages: u64,
    bytes: u64,
    cpu: f64,
}

fn run_child(portfolio: &Path, out: &Path, tagged: bool) -> Run {
    let me = std::env::current_exe().unwrap();
    let output = Command::new(me)
        .arg(if tagged {
            "--child"
        } else {
            "--child-untagged"
        })
        .arg(portfolio)
        .arg(out)
        .output()
        .expect("run the export child");
    assert!(
        output.status.success(),
        "export failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let line = String::from_utf8(output.stdout).unwrap();
    let f: Vec<&str> = line.split_whitespace().collect();
    Run {
        total: f[0].parse().unwrap(),
        read: f[1].parse().unwrap(),
        typeset: f[2].parse().unwrap(),
        write: f[3].parse().unwrap(),
        peak_kib: f[4].parse().unwrap(),
        pages: f[5].parse().unwrap(),
        bytes: f[6].parse().unwrap(),
        cpu: f[7].parse().unwrap(),
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn build(dir: &Path, records: usize) -> PathBuf {
    let path = dir.join(format!("bench-pdf-{records}-records.portfolio"));
    if path.exists() {
        println!("Reusing {}", path.display());
        return path;
    }
    let started = Instant::now();
    let made = demo::create_demo(
        &path,
        &DemoOptions {
            evidence: records,
            photos: PHOTOS,
            photo_size: PHOTO_SIZE,
            ..DemoOptions::default()
        },
    )
    .expect("build the demo portfolio");
    println!(
        "Built {records} records, {} photos, {} other files, {} words in {:.0} s ({:.0} MB).",
        made.photos,
        made.other_files,
        made.words,
        started.elapsed().as_secs_f64(),
        std::fs::metadata(&path).unwrap().len() as f64 / 1e6
    );
    path
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args
        .iter()
        .position(|a| a == "--child" || a == "--child-untagged")
    {
        let tagged = args[i] == "--child";
        child(Path::new(&args[i + 1]), Path::new(&args[i + 2]), tagged);
        return;
    }
    let keep = std::env::var_os("PP_BENCH_DIR");
    let temp = tempfile::tempdir().unwrap();
    let dir = keep
        .as_deref()
        .map(Path::new)
        .unwrap_or(temp.path())
        .to_path_buf();
    std::fs::create_dir_all(&dir).unwrap();
    let sizes: Vec<usize> = std::env::var("PP_BENCH_SIZES")
        .unwrap_or_else(|_| "10,100,300,1000".into())
        .split(',')
        .map(|s| s.trim().parse().expect("PP_BENCH_SIZES: numbers"))
        .collect();
    let runs: usize = std::env::var("PP_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "PDF export benchmark: {PHOTOS} photos of {}×{} px, {runs} runs each, {cores} cores.\n",
        PHOTO_SIZE.0, PHOTO_SIZE.1
    );

    let mut rows = Vec::new();
    let mut untagged_rows = Vec::new();
    for &records in &sizes {
        let portfolio = build(&dir, records);
        let out = dir.join(format!("bench-pdf-{records}-records.pdf"));
        let load = support::load_average();
        // Tagged and untagged exports take turns, so both see the same machine.
        let mut results: Vec<Run> = Vec::with_capacity(runs);
        let mut untagged: Vec<Run> = Vec::with_capacity(runs);
        for _ in 0..runs {
            results.push(run_child(&portfolio, &out, true));
            untagged.push(run_child(&portfolio, &out, false));
        }
        let _ = std::fs::remove_file(&out);
        let median_of = |v: &[Run], f: fn(&Run) -> f64| median(v.iter().map(f).collect());
        untagged_rows.push((
            records,
            median_of(&results, |r| r.total),
            median_of(&untagged, |r| r.total),
            median_of(&results, |r| r.cpu),
            median_of(&untagged, |r| r.cpu),
            untagged.iter().map(|r| r.peak_kib).max().unwrap(),
            untagged[0].bytes,
        ));
        let pick = |f: fn(&Run) -> f64| median(results.iter().map(f).collect());
        let worst = results.iter().map(|r| r.total).fold(0.0, f64::max);
        let peak = results.iter().map(|r| r.peak_kib).max().unwrap();
        let (pages, bytes) = (results[0].pages, results[0].bytes);
        assert!(
            results.iter().all(|r| r.bytes == bytes),
            "the same export gave files of different sizes"
        );
        rows.push((
            records,
            pick(|r| r.total),
            worst,
            pick(|r| r.read),
            pick(|r| r.typeset),
            pick(|r| r.write),
            peak,
            pages,
            bytes,
            pick(|r| r.cpu),
            load,
        ));
    }

    println!("\n| evidence records | photos | pages | export, median (worst) | read + build | typeset and save | fsync + rename | CPU time | peak memory (VmHWM) | file size | load average |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (records, total, worst, read, typeset, write, peak, pages, bytes, cpu, load) in &rows {
        println!(
            "| {records} | {PHOTOS} | {pages} | {:.2} s ({:.2} s) | {:.0} ms | {:.0} ms | {:.0} ms | {:.2} s | {:.0} MiB | {:.1} MB | {load:.1} |",
            total / 1e3,
            worst / 1e3,
            read,
            typeset,
            write,
            cpu / 1e3,
            *peak as f64 / 1024.0,
            *bytes as f64 / 1e6
        );
    }
    println!("\nWhat tagging costs (the same exports untagged, runs interleaved):\n");
    println!("| evidence records | tagged, median | untagged, median | tagging adds | CPU time tagged / untagged | untagged peak memory | untagged file size |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for (records, tagged, untagged, cpu_t, cpu_u, peak, bytes) in &untagged_rows {
        println!(
            "| {records} | {:.2} s | {:.2} s | {:+.0} % | {:.2} s / {:.2} s | {:.0} MiB | {:.1} MB |",
            tagged / 1e3,
            untagged / 1e3,
            (tagged / untagged - 1.0) * 100.0,
            cpu_t / 1e3,
            cpu_u / 1e3,
            *peak as f64 / 1024.0,
            *bytes as f64 / 1e6
        );
    }
    if let Some(&(_, total, _, _, _, _, peak, _, bytes, _, _)) = rows.iter().find(|r| r.0 == 300) {
        let ok = total < 1500.0 && (peak as f64) * 1024.0 < 300e6 && (bytes as f64) < 30e6;
        println!(
            "\nTarget for 300 records and {PHOTOS} photos (under 1.5 s, 300 MB, 30 MB): {}",
            if ok { "met" } else { "NOT MET" }
        );
    }
    if let Some(&(_, tagged, untagged, ..)) = untagged_rows.iter().find(|r| r.0 == 300) {
        println!(
            "Target for tagging (adds at most 15 %): {}",
            if tagged <= untagged * 1.15 {
                "met"
            } else {
                "NOT MET"
            }
        );
    }
}
