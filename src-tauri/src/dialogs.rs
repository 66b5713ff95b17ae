//! Native file dialogs, shown from Rust (the web view has no dialog or file
//! system permission at all). Every path the user picks, or drops on the
//! window, is remembered as granted; commands that read or write a file
//! accept only granted paths, so the web view cannot name a file by itself.
//!
//! With the `e2e-dialogs` feature (end-to-end test builds only) no dialog is
//! shown: the answer is read from the file `$PP_E2E_DIALOG_ANSWER`, which the
//! test writes before clicking (one path per line; empty means "cancel").

use partnership_portfolio::{Error, ErrorCode, Result};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::{AppHandle, Runtime};

/// Paths the user chose in a dialog or dropped on the window.
#[derive(Default)]
pub struct Granted(Mutex<HashSet<PathBuf>>);

impl Granted {
    pub fn grant(&self, paths: &[PathBuf]) {
        if let Ok(mut set) = self.0.lock() {
            set.extend(paths.iter().cloned());
        }
    }

    /// The path, if the user chose it; otherwise an error.
    pub fn check(&self, path: &str) -> Result<PathBuf> {
        let path = PathBuf::from(path);
        let ok = self
            .0
            .lock()
            .map(|set| set.contains(&path))
            .unwrap_or(false);
        if ok {
            Ok(path)
        } else {
            Err(Error::new(
                ErrorCode::InvalidInput,
                format!(
                    "{} was not chosen in this window; choose it again.",
                    path.display()
                ),
            ))
        }
    }
}

/// A filter of a file dialog: a name and extensions.
#[cfg_attr(feature = "e2e-dialogs", allow(dead_code))]
pub struct Filter<'a>(pub &'a str, pub &'a [&'a str]);

/// Asks for files to open; `None` when cancelled.
pub fn pick_files<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    filters: &[Filter],
) -> Option<Vec<PathBuf>> {
    #[cfg(feature = "e2e-dialogs")]
    {
        let _ = (app, title, filters);
        scripted_answer()
    }
    #[cfg(not(feature = "e2e-dialogs"))]
    {
        use tauri_plugin_dialog::DialogExt;
        let mut dialog = app.dialog().file().set_title(title);
        for Filter(name, exts) in filters {
            dialog = dialog.add_filter(*name, exts);
        }
        let picked = dialog.blocking_pick_files()?;
        Some(
            picked
                .into_iter()
                .filter_map(|p| p.into_path().ok())
                .collect(),
        )
    }
}

/// Asks for one file to open.
pub fn pick_file<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    filters: &[Filter],
) -> Option<PathBuf> {
    #[cfg(feature = "e2e-dialogs")]
    {
        let _ = (app, title, filters);
        scripted_answer().and_then(|mut v| {
            if v.is_empty() {
                None
            } else {
                Some(v.remove(0))
            }
        })
    }
    #[cfg(not(feature = "e2e-dialogs"))]
    {
        use tauri_plugin_dialog::DialogExt;
        let mut dialog = app.dialog().file().set_title(title);
        for Filter(name, exts) in filters {
            dialog = dialog.add_filter(*name, exts);
        }
        dialog.blocking_pick_file()?.into_path().ok()
    }
}

/// Asks where to save, suggesting `file_name`.
pub fn save_file<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    file_name: &str,
    filters: &[Filter],
) -> Option<PathBuf> {
    #[cfg(feature = "e2e-dialogs")]
    {
        let _ = (app, title, file_name, filters);
        scripted_answer().and_then(|mut v| {
            if v.is_empty() {
                None
            } else {
                Some(v.remove(0))
            }
        })
    }
    #[cfg(not(feature = "e2e-dialogs"))]
    {
        use tauri_plugin_dialog::DialogExt;
        let mut dialog = app
            .dialog()
            .file()
            .set_title(title)
            .set_file_name(file_name);
        if let Some(docs) = dirs_home()
            .map(|h| h.join("Documents"))
            .filter(|d| d.is_dir())
        {
            dialog = dialog.set_directory(docs);
        }
        for Filter(name, exts) in filters {
            dialog = dialog.add_filter(*name, exts);
        }
        dialog.blocking_save_file()?.into_path().ok()
    }
}

#[cfg(not(feature = "e2e-dialogs"))]
fn dirs_home() -> Option<PathBuf> {
    std::env::var_os("HOME").map(PathBuf::from)
}

/// The test's answer to the next dialog, consumed as it is read.
#[cfg(feature = "e2e-dialogs")]
fn scripted_answer() -> Option<Vec<PathBuf>> {
    let file = std::env::var_os("PP_E2E_DIALOG_ANSWER")?;
    let text = std::fs::read_to_string(&file).ok()?;
    let _ = std::fs::remove_file(&file);
    let paths: Vec<PathBuf> = text
        .lines()
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .collect();
    if paths.is_empty() {
        None
    } else {
        Some(paths)
    }
}

/// A path as text for the UI (lossy only for display).
pub fn shown(path: &Path) -> String {
    path.display().to_string()
}
