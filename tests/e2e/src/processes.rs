//! The app's processes as Linux shows them in /proc: the app started under
//! a test's drivers, the processes below it (WebKit's web and network
//! processes), their names and environments. Used by the tests and the
//! start-up benchmark.

use std::path::Path;

/// The parent of process `pid`, if it is still there.
fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat[stat.rfind(')')? + 2..]
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Every process id in /proc now.
fn all_processes() -> Vec<u32> {
    std::fs::read_dir("/proc")
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The process id of the app started (through WebKitWebDriver) under `ancestor`.
pub fn find_app_process(ancestor: u32, binary: &Path) -> Option<u32> {
    let binary = binary.canonicalize().ok()?;
    all_processes().into_iter().find(|&pid| {
        std::fs::read_link(format!("/proc/{pid}/exe"))
            .ok()
            .as_deref()
            == Some(binary.as_path())
            && std::iter::successors(parent_of(pid), |&p| parent_of(p).filter(|&q| q > 1))
                .any(|p| p == ancestor)
    })
}

/// `pid` and every process below it.
pub fn with_descendants(pid: u32) -> Vec<u32> {
    let all = all_processes();
    let mut tree = vec![pid];
    let mut grew = true;
    while grew {
        grew = false;
        for &p in &all {
            if !tree.contains(&p) && parent_of(p).is_some_and(|q| tree.contains(&q)) {
                tree.push(p);
                grew = true;
            }
        }
    }
    tree
}

/// Process `pid`'s name (its `comm`, at most 15 bytes).
pub fn name_of(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The value of `variable` in the environment process `pid` started with.
pub fn environment_variable(pid: u32, variable: &str) -> Option<String> {
    let environ = std::fs::read(format!("/proc/{pid}/environ")).ok()?;
    environ.split(|&b| b == 0).find_map(|entry| {
        let entry = std::str::from_utf8(entry).ok()?;
        entry
            .strip_prefix(variable)?
            .strip_prefix('=')
            .map(str::to_string)
    })
}
