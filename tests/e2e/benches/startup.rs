//! Start-up and footprint benchmark (issue 14), on the release build in the
//! real window under Xvfb, driven like the end-to-end tests:
//! - time to usable: from the app's process starting (its start time in
//!   /proc, to 10 ms) to the home screen's list shown and painted (the UI's
//!   "home-ready" performance mark, read from the page), with the demo
//!   portfolio in the library; several launches, median and range, each
//!   split at the page's time origin (native start-up: GTK, WebKit's
//!   processes, the page requested; then the UI: scripts, the library's
//!   list) with the machine's load average;
//! - resident memory when idle, on the home screen (5 s) and with the demo
//!   portfolio open (10 s on its overview): VmRSS of the app and of all its
//!   processes (WebKit's web and network processes), and their
//!   proportional share (Pss);
//! - the size of the installed files (the .deb's Installed-Size), if
//!   `scripts/package` has made it, and of the binary.
//!
//! Run (after `scripts/package`, or any release build of the app):
//!   xvfb-run -a -s "-screen 0 1400x900x24" cargo test -p partnership-portfolio-e2e --bench startup
//! (`cargo test`, not `cargo bench`: this driver is built in the test
//! profile with the end-to-end tests' core; the app it measures is the
//! release binary.)
//! `PP_APP_BINARY` picks the binary (default target/release/partnership-portfolio-desktop,
//! e.g. /usr/bin/partnership-portfolio-desktop once installed); `PP_STARTUP_RUNS`
//! the number of timed launches (default 5). Prints figures; asserts no times.

use partnership_portfolio_e2e::processes::{find_app_process, name_of, with_descendants};
use partnership_portfolio_e2e::{Machine, TIMEOUT};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Linux's clock tick for /proc times (USER_HZ, fixed at 100 in the ABI).
const TICKS_PER_SECOND: f64 = 100.0;

fn release_binary() -> PathBuf {
    let binary = std::env::var_os("PP_APP_BINARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            partnership_portfolio_e2e::workspace()
                .join("target/release/partnership-portfolio-desktop")
        });
    assert!(
        binary.is_file(),
        "{}: build it with scripts/package",
        binary.display()
    );
    std::env::set_var("PP_APP_BINARY", &binary);
    binary
}

/// When process `pid` started, in milliseconds since the Unix epoch.
fn started_at_ms(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let ticks: f64 = after.split_whitespace().nth(19).unwrap().parse().unwrap();
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
        * 1000.0;
    now - (uptime - ticks / TICKS_PER_SECOND) * 1000.0
}

/// A field of /proc/<pid>/status or smaps_rollup in kB ("VmRSS", "Pss").
fn kb(path: &str, field: &str) -> u64 {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
                .and_then(|v| v.split_whitespace().next()?.parse().ok())
        })
        .unwrap_or(0)
}

fn mb(kb: u64) -> String {
    format!("{:.1} MB", kb as f64 / 1024.0)
}

/// The .deb's Installed-Size (KiB), if there is one.
fn installed_size_kib() -> Option<(PathBuf, u64)> {
    let dir = partnership_portfolio_e2e::workspace().join("target/release/bundle/deb");
    let deb = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "deb"))?;
    let out = std::process::Command::new("dpkg-deb")
        .args(["-f"])
        .arg(&deb)
        .arg("Installed-Size")
        .output()
        .ok()?;
    Some((
        deb,
        String::from_utf8_lossy(&out.stdout).trim().parse().ok()?,
    ))
}

/// The machine's 1-minute load average (how busy the machine was).
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(String::from))
        .unwrap_or_default()
}

/// Prints the resident memory of the app `pid` and of its processes.
fn memory(pid: u32, when: &str) {
    let app_rss = kb(&format!("/proc/{pid}/status"), "VmRSS");
    let mut total_rss = 0;
    let mut total_pss = 0;
    for p in with_descendants(pid) {
        let rss = kb(&format!("/proc/{p}/status"), "VmRSS");
        let pss = kb(&format!("/proc/{p}/smaps_rollup"), "Pss");
        println!(
            "  {:<28} VmRSS {:>9}  Pss {:>9}",
            name_of(p),
            mb(rss),
            mb(pss)
        );
        total_rss += rss;
        total_pss += pss;
    }
    println!(
        "{when}: the app {} resident; with its WebKit processes {} (VmRSS), {} (Pss)",
        mb(app_rss),
        mb(total_rss),
        mb(total_pss)
    );
}

#[tokio::main]
async fn main() {
    let binary = release_binary();
    let runs: usize = std::env::var("PP_STARTUP_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let machine = Machine::new("startup-benchmark");

    // The demo portfolio in the library, added the way a user does.
    let app = machine.launch().await;
    app.click("add-demo").await;
    app.el("overview").await; // the demo opens once made
    app.quit().await;

    let mut usable = Vec::new();
    let mut loads = Vec::new();
    for run in 1..=runs {
        let app = machine.launch().await;
        let deadline = Instant::now() + TIMEOUT;
        // [page's time origin, home-ready], both in ms since the Unix epoch.
        let times: Vec<f64> = loop {
            let marks = app
                .client
                .execute(
                    "const m = performance.getEntriesByName('home-ready')[0]; \
                     return m ? [performance.timeOrigin, performance.timeOrigin + m.startTime] : null;",
                    vec![],
                )
                .await
                .expect("read the page's mark");
            if let Some(t) = marks.as_array() {
                break t.iter().filter_map(|v| v.as_f64()).collect();
            }
            assert!(
                Instant::now() < deadline,
                "the home screen never marked itself ready"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        let (page_at, ready_at) = (times[0], times[1]);
        let pid = find_app_process(std::process::id(), &binary).expect("the app's process");
        let started = started_at_ms(pid);
        let ms = ready_at - started;
        println!(
            "launch {run}: home screen usable {ms:.0} ms after the process started \
             (the page started loading at {:.0} ms; the UI then took {:.0} ms)",
            page_at - started,
            ready_at - page_at
        );
        usable.push(ms);
        loads.push(load_average());

        if run == runs {
            tokio::time::sleep(Duration::from_secs(5)).await; // idle
            memory(pid, "idle on the home screen");
            app.click("open-portfolio").await;
            app.wait_text_css("h1", "the demo's overview", |t| {
                !t.is_empty() && !t.contains("Loading")
            })
            .await;
            tokio::time::sleep(Duration::from_secs(10)).await; // idle
            memory(pid, "idle with the demo portfolio open");
        }
        app.quit().await;
    }
    usable.sort_by(|a, b| a.total_cmp(b));
    println!(
        "home screen usable: median {:.0} ms (fastest {:.0}, slowest {:.0}) over {} launches",
        usable[usable.len() / 2],
        usable[0],
        usable[usable.len() - 1],
        usable.len()
    );
    println!(
        "the machine's load average (1 min) at each launch: {}",
        loads.join(", ")
    );
    let binary_kib = std::fs::metadata(&binary)
        .map(|m| m.len() / 1024)
        .unwrap_or(0);
    println!("binary {}: {}", binary.display(), mb(binary_kib));
    match installed_size_kib() {
        Some((deb, kib)) => println!(
            "installed size ({}): {}",
            Path::new(&deb).file_name().unwrap().to_string_lossy(),
            mb(kib)
        ),
        None => {
            println!("installed size: no .deb in target/release/bundle/deb (run scripts/package)")
        }
    }
}
