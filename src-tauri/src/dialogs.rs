//! Native file dialogs, shown from Rust (the web view has no dialog or file
//! system permission at all), and the paths the user granted that way.
//!
//! Every path the user picks, or drops on the window, is granted: it gets a
//! text for the UI (the path itself when it is valid Unicode) and commands
//! that read or write a file accept only such a text, so the web view cannot
//! name a file by itself. The text is looked up in a map to the exact path,
//! so a file whose name is not valid Unicode (shown with U+FFFD in place of
//! the bad bytes) is still the file attached; two paths never share a text.
//!
//! Answers can be scripted instead of shown: the end-to-end test build
//! (`e2e-dialogs` feature) reads each answer from the file
//! `$PP_E2E_DIALOG_ANSWER`, which the test writes before clicking (one path
//! per line; empty means "cancel"), and command-level tests queue answers.
//! A build for users never installs a script.

use partnership_portfolio::{Error, ErrorCode, Result};
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::{AppHandle, Manager, Runtime};

/// Paths the user chose in a dialog or dropped on the window, by the text
/// the UI was given for each.
#[derive(Default)]
pub struct Granted(Mutex<GrantedPaths>);

#[derive(Default)]
struct GrantedPaths {
    by_text: HashMap<String, PathBuf>,
    text_of: HashMap<PathBuf, String>,
}

impl Granted {
    /// Grants `paths`; returns the text the UI is to use for each.
    pub fn grant(&self, paths: &[PathBuf]) -> Vec<String> {
        let mut granted = self.0.lock().unwrap_or_else(|p| p.into_inner());
        paths.iter().map(|p| granted.text(p)).collect()
    }

    /// The path the UI's `text` stands for, if the user chose it; otherwise
    /// an error.
    pub fn check(&self, text: &str) -> Result<PathBuf> {
        let granted = self.0.lock().unwrap_or_else(|p| p.into_inner());
        granted.by_text.get(text).cloned().ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidInput,
                format!("{text} was not chosen in this window; choose it again."),
            )
        })
    }
}

impl GrantedPaths {
    /// The text of `path`: the one it already has, or its display form made
    /// unique (" (2)", " (3)"… in the rare case that another path has it).
    fn text(&mut self, path: &Path) -> String {
        if let Some(text) = self.text_of.get(path) {
            return text.clone();
        }
        let shown = shown(path);
        let text = std::iter::once(shown.clone())
            .chain((2..).map(|n| format!("{shown} ({n})")))
            .find(|t| !self.by_text.contains_key(t))
            .unwrap_or(shown);
        self.by_text.insert(text.clone(), path.to_path_buf());
        self.text_of.insert(path.to_path_buf(), text.clone());
        text
    }
}

/// A filter of a file dialog: a name and extensions.
pub struct Filter<'a>(pub &'a str, pub &'a [&'a str]);

/// Scripted answers to the dialogs, in order, instead of showing them.
pub enum Scripted {
    /// Each answer read (and removed) from this file when a dialog is asked.
    File(Option<PathBuf>),
    /// Answers queued by a test; `None` or an empty queue means "cancel".
    Queue(Mutex<VecDeque<Option<Vec<PathBuf>>>>),
}

impl Scripted {
    /// The end-to-end tests' answer file, `$PP_E2E_DIALOG_ANSWER`.
    pub fn from_env() -> Scripted {
        Scripted::File(std::env::var_os("PP_E2E_DIALOG_ANSWER").map(PathBuf::from))
    }

    pub fn queue() -> Scripted {
        Scripted::Queue(Mutex::default())
    }

    /// Queues the answer to a later dialog (`None`: cancel). Only for a queue.
    pub fn answer(&self, paths: Option<Vec<PathBuf>>) {
        if let Scripted::Queue(queue) = self {
            queue
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push_back(paths);
        }
    }

    fn next(&self) -> Option<Vec<PathBuf>> {
        let paths: Vec<PathBuf> = match self {
            Scripted::File(file) => {
                let file = file.as_ref()?;
                let text = std::fs::read_to_string(file).ok()?;
                let _ = std::fs::remove_file(file);
                text.lines()
                    .filter(|l| !l.is_empty())
                    .map(PathBuf::from)
                    .collect()
            }
            Scripted::Queue(queue) => queue
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .pop_front()??,
        };
        (!paths.is_empty()).then_some(paths)
    }
}

/// The scripted answer to the next dialog, if answers are scripted.
fn scripted<R: Runtime>(app: &AppHandle<R>) -> Option<Option<Vec<PathBuf>>> {
    app.try_state::<Scripted>().map(|s| s.next())
}

fn file_dialog<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    filters: &[Filter],
) -> tauri_plugin_dialog::FileDialogBuilder<R> {
    use tauri_plugin_dialog::DialogExt;
    let mut dialog = app.dialog().file().set_title(title);
    for Filter(name, exts) in filters {
        dialog = dialog.add_filter(*name, exts);
    }
    dialog
}

/// Asks for files to open; `None` when cancelled.
pub fn pick_files<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    filters: &[Filter],
) -> Option<Vec<PathBuf>> {
    if let Some(answer) = scripted(app) {
        return answer;
    }
    let picked = file_dialog(app, title, filters).blocking_pick_files()?;
    Some(
        picked
            .into_iter()
            .filter_map(|p| p.into_path().ok())
            .collect(),
    )
}

/// Asks for one file to open; `None` when cancelled.
pub fn pick_file<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    filters: &[Filter],
) -> Option<PathBuf> {
    if let Some(answer) = scripted(app) {
        return answer?.into_iter().next();
    }
    file_dialog(app, title, filters)
        .blocking_pick_file()?
        .into_path()
        .ok()
}

/// Asks for a folder; `None` when cancelled.
pub fn pick_folder<R: Runtime>(app: &AppHandle<R>, title: &str) -> Option<PathBuf> {
    if let Some(answer) = scripted(app) {
        return answer?.into_iter().next();
    }
    file_dialog(app, title, &[])
        .blocking_pick_folder()?
        .into_path()
        .ok()
}

/// Asks where to save, suggesting `file_name` in the user's Documents
/// folder; `None` when cancelled.
pub fn save_file<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    file_name: &str,
    filters: &[Filter],
) -> Option<PathBuf> {
    if let Some(answer) = scripted(app) {
        return answer?.into_iter().next();
    }
    let mut dialog = file_dialog(app, title, filters).set_file_name(file_name);
    if let Some(docs) = std::env::var_os("HOME")
        .map(|h| PathBuf::from(h).join("Documents"))
        .filter(|d| d.is_dir())
    {
        dialog = dialog.set_directory(docs);
    }
    dialog.blocking_save_file()?.into_path().ok()
}

/// A path as text for the UI to show (lossy where it is not valid Unicode).
pub fn shown(path: &Path) -> String {
    path.display().to_string()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    fn path(bytes: &[u8]) -> PathBuf {
        PathBuf::from(OsStr::from_bytes(bytes))
    }

    #[test]
    fn each_granted_path_has_its_own_text_which_leads_back_to_it() {
        let granted = Granted::default();
        let plain = path("/home/siân/cofnodion.txt".as_bytes());
        let bad_ff = path(b"/home/s/cofnodion-\xff.txt");
        let bad_fe = path(b"/home/s/cofnodion-\xfe.txt");
        let literal = path("/home/s/cofnodion-\u{FFFD}.txt".as_bytes());

        let texts = granted.grant(&[plain.clone(), bad_ff.clone(), bad_fe.clone()]);
        assert_eq!(
            texts[0], "/home/siân/cofnodion.txt",
            "valid paths are themselves"
        );
        assert_eq!(texts[1], "/home/s/cofnodion-\u{FFFD}.txt");
        assert_eq!(texts[2], "/home/s/cofnodion-\u{FFFD}.txt (2)");
        // A file really named with U+FFFD, dropped later, does not take over.
        let later = granted.grant(&[literal.clone(), bad_ff.clone()]);
        assert_eq!(later[0], "/home/s/cofnodion-\u{FFFD}.txt (3)");
        assert_eq!(later[1], texts[1], "the same path keeps its text");

        for (text, path) in texts
            .iter()
            .chain(&later)
            .zip([&plain, &bad_ff, &bad_fe, &literal, &bad_ff])
        {
            assert_eq!(&granted.check(text).unwrap(), path, "{text}");
        }
        let err = granted.check("/home/s/other.txt").unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
    }
}
