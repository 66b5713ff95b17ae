//! Named points in long writes where a test can hold a real process still,
//! to kill it there (`tests/crash_recovery.rs`) or to change a file under it
//! (`tests/changing_inputs.rs`), instead of guessing with sleeps.
//!
//! Only in debug builds (the tests' builds); in a release build every point
//! is nothing. With `PARTNERSHIP_PORTFOLIO_PAUSE_AT=<name>:<n>` (or
//! `<name>:*` for every n) in the environment, the process reaching that
//! point writes `paused at <name>:<n>` to standard error, then waits for a line (or the end) on standard input before it
//! goes on. A process whose standard input the test does not hold (the
//! desktop app under WebDriver) is held instead until the file named by
//! `PARTNERSHIP_PORTFOLIO_RESUME_WHEN` exists (`tests/e2e`'s `hold_at`).
//!
//! Points: `attach.chunk:<n>` after the n-th 1 MiB chunk of an attached file
//! is stored (n from 1); `attach.commit:1` when every file is stored and
//! the change is about to be committed; `temp.saving:1`, `temp.exporting:1`,
//! `temp.incoming:1`, `temp.new:1`, `temp.unlocking:1` when a temporary file
//! (or private folder) of that kind has just been made (`temp_files`).

/// The environment variable that names the point to pause at.
pub const VARIABLE: &str = "PARTNERSHIP_PORTFOLIO_PAUSE_AT";

/// The environment variable naming a file whose appearance lets a paused
/// process go on (instead of a line on standard input).
pub const RESUME_VARIABLE: &str = "PARTNERSHIP_PORTFOLIO_RESUME_WHEN";

/// Pauses here if the environment asks for point `name` number `n`.
#[cfg(debug_assertions)]
pub(crate) fn reached(name: &str, n: u64) {
    use std::io::BufRead;
    use std::sync::OnceLock;
    static WANTED: OnceLock<Option<(String, Option<u64>)>> = OnceLock::new();
    let wanted = WANTED.get_or_init(|| {
        let value = std::env::var(VARIABLE).ok()?;
        let (point, at) = value.rsplit_once(':')?;
        Some((point.to_string(), at.parse().ok()))
    });
    let Some((point, at)) = wanted else { return };
    if point != name || at.is_some_and(|at| at != n) {
        return;
    }
    eprintln!("paused at {name}:{n}");
    if let Some(resume) = std::env::var_os(RESUME_VARIABLE) {
        let resume = std::path::Path::new(&resume);
        while !resume.exists() {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        return;
    }
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
}

#[cfg(not(debug_assertions))]
#[inline(always)]
pub(crate) fn reached(_name: &str, _n: u64) {}
