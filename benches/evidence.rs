//! Benchmark of the evidence library at the size the issue names: a
//! portfolio with 2,000 evidence records, 300 attachments (1 GB in all) and
//! 6,000 mappings. Measures opening the portfolio, the overview and the
//! coverage matrix, and adding a 200 MB attachment (throughput against a
//! plain write of the same bytes to the same disk, and peak memory).
//!
//! Run: `cargo bench --bench evidence` (release build). Figures go in
//! docs/benchmarks.md. Set `PP_BENCH_DIR` to keep the portfolio somewhere.

use partnership_portfolio::catalogue;
use partnership_portfolio::evidence::{
    EvidenceInput, EvidenceMethod, Mapping, NewEvidence, WitnessChoice, WitnessInput,
};
use partnership_portfolio::portfolio::NewPortfolio;
use partnership_portfolio::profile::LearnerProfile;
use partnership_portfolio::Portfolio;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

const RECORDS: usize = 2_000;
const ATTACHMENTS: usize = 300;
const ATTACHMENT_BYTES: usize = 1_000_000_000 / ATTACHMENTS;
const MAPPINGS_PER_RECORD: usize = 3;
const BIG: usize = 200 * 1024 * 1024;

fn peak_rss_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<u64>().ok())
        .map(|kib| kib / 1024)
        .unwrap_or(0)
}

/// Writes `len` bytes of varied content (distinct per `seed`) to `path`.
fn make_file(path: &Path, len: usize, seed: u64) {
    let mut f = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path).unwrap());
    let mut block: Vec<u8> = (0..1u32 << 20)
        .map(|j| (j.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    let mut written = 0;
    let mut n = 0u64;
    while written < len {
        block[..8].copy_from_slice(&seed.to_le_bytes());
        block[8..16].copy_from_slice(&n.to_le_bytes());
        let take = (len - written).min(block.len());
        f.write_all(&block[..take]).unwrap();
        written += take;
        n += 1;
    }
    f.flush().unwrap();
    f.get_ref().sync_all().unwrap();
}

/// Median and worst of `runs` timings of `f`.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    (times[runs / 2], times[runs - 1])
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    let keep = std::env::var_os("PP_BENCH_DIR");
    let temp = tempfile::tempdir().unwrap();
    let dir = keep
        .as_deref()
        .map(Path::new)
        .unwrap_or(temp.path())
        .to_path_buf();
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bench-evidence.portfolio");
    let _ = std::fs::remove_file(&path);
    let items: Vec<String> = catalogue::cldal16()
        .items()
        .map(|(_, i)| i.id.clone())
        .collect();

    println!(
        "Building: {RECORDS} records, {ATTACHMENTS} attachments of {} MB, {} mappings…",
        ATTACHMENT_BYTES / 1_000_000,
        RECORDS * MAPPINGS_PER_RECORD
    );
    let started = Instant::now();
    let mut p = Portfolio::create(
        &path,
        NewPortfolio {
            standard: catalogue::cldal16(),
            profile: LearnerProfile::named("Siân Llŷr"),
            title: None,
        },
    )
    .unwrap();
    let scratch = dir.join("attachment.bin");
    for n in 0..RECORDS {
        let attach = if n < ATTACHMENTS {
            make_file(&scratch, ATTACHMENT_BYTES, n as u64);
            vec![scratch.clone()]
        } else {
            vec![]
        };
        let mappings = (0..MAPPINGS_PER_RECORD)
            .map(|k| Mapping {
                item_id: items[(n * 7 + k * 13) % items.len()].clone(),
                note: format!("How E{} shows it", n + 1),
            })
            .collect();
        let method = EvidenceMethod::ALL[n % EvidenceMethod::ALL.len()];
        let witness = (method == EvidenceMethod::WitnessTestimony).then(|| {
            WitnessChoice::New(WitnessInput {
                name: format!("Witness {}", n % 40),
                job_role: "Partnership manager".into(),
                ..Default::default()
            })
        });
        p.add_evidence(NewEvidence {
            input: EvidenceInput {
                title: format!(
                    "Evidence {n}: partnership meeting with the council and the library service"
                ),
                method,
                activity_date: Some(format!("2026-{:02}-{:02}", 1 + n % 12, 1 + n % 28)),
                description: "We agreed shared aims and a way to monitor them. ".repeat(6),
                witness,
                confidential: None,
            },
            attach,
            mappings,
        })
        .unwrap();
    }
    p.close().unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    println!(
        "Built in {:.0} s; portfolio file {:.2} GB.\n",
        started.elapsed().as_secs_f64(),
        size as f64 / 1e9
    );

    let (open_med, open_max) = time(21, || Portfolio::open(&path).unwrap());
    let p = Portfolio::open(&path).unwrap();
    let (ov_med, ov_max) = time(21, || p.overview().unwrap());
    let (cov_med, cov_max) = time(21, || p.coverage().unwrap());
    let (list_med, list_max) = time(21, || p.list_evidence(&Default::default()).unwrap());
    drop(p);
    println!("| operation | median | worst of 21 |");
    println!("|---|---|---|");
    println!(
        "| open the portfolio | {} | {} |",
        ms(open_med),
        ms(open_max)
    );
    println!(
        "| overview (42 items, progress, evidence counts) | {} | {} |",
        ms(ov_med),
        ms(ov_max)
    );
    println!(
        "| coverage matrix (42 × {RECORDS}) | {} | {} |",
        ms(cov_med),
        ms(cov_max)
    );
    println!(
        "| evidence list ({RECORDS} rows) | {} | {} |",
        ms(list_med),
        ms(list_max)
    );

    // A 200 MB attachment against a plain copy of the same bytes to the same
    // disk; three of each, interleaved, medians reported.
    let mut plain = Vec::new();
    let mut attach = Vec::new();
    let mut p = Portfolio::open(&path).unwrap();
    let rss_before = peak_rss_mib();
    for round in 0..3u64 {
        let big = dir.join(format!("video-200mb-{round}.mp4"));
        make_file(&big, BIG, 1000 + round);
        let copy = dir.join("plain-copy.bin");
        let t = Instant::now();
        {
            let mut from = std::fs::File::open(&big).unwrap();
            let mut to = std::fs::File::create(&copy).unwrap();
            std::io::copy(&mut from, &mut to).unwrap();
            to.sync_all().unwrap();
        }
        plain.push(t.elapsed());
        let _ = std::fs::remove_file(&copy);
        let t = Instant::now();
        p.attach(&format!("E{}", 1990 + round), &big).unwrap();
        attach.push(t.elapsed());
        let _ = std::fs::remove_file(&big);
    }
    p.close().unwrap();
    let rss_after = peak_rss_mib();
    plain.sort();
    attach.sort();
    let (plain, attach) = (plain[1], attach[1]);
    let mb = BIG as f64 / 1e6;
    println!("\n| 200 MB attachment (median of 3) | time | throughput |");
    println!("|---|---|---|");
    println!(
        "| plain copy + fsync (disk speed) | {:.2} s | {:.0} MB/s |",
        plain.as_secs_f64(),
        mb / plain.as_secs_f64()
    );
    println!(
        "| attach (stream in, SHA-256, commit) | {:.2} s | {:.0} MB/s ({:.0}% of disk speed) |",
        attach.as_secs_f64(),
        mb / attach.as_secs_f64(),
        100.0 * plain.as_secs_f64() / attach.as_secs_f64()
    );
    println!("\nPeak memory (VmHWM) before the three 200 MB attachments: {rss_before} MiB; after: {rss_after} MiB.");
}
