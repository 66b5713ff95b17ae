//! Portfolio files opened from the desktop: double-clicked, "Open with", or
//! given as the app's argument. The first launch keeps the file for the UI
//! to ask for (`take_opened_file`); a second launch while the app runs
//! (one instance only, `tauri-plugin-single-instance`) hands its file to the
//! running app, which brings its window to the front and tells the UI
//! ("file-opened"). Nothing is read or taken in here: the UI says what the
//! file is and asks first (see `commands/opening.rs`).

use crate::state::AppState;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// The file named on a command line (`args` with the program first): the
/// first argument that is not an option, resolved against `cwd`; a
/// `file://` URI is taken as its path.
pub fn file_argument<I, S>(args: I, cwd: &Path) -> Option<PathBuf>
where
    I: IntoIterator<Item = S>,
    S: Into<OsString>,
{
    let arg = args
        .into_iter()
        .skip(1)
        .map(Into::into)
        .find(|a| !a.to_string_lossy().starts_with('-'))?;
    let path = match arg.to_str().and_then(|s| s.strip_prefix("file://")) {
        Some(rest) => PathBuf::from(percent_decoded(rest)),
        None => PathBuf::from(arg),
    };
    Some(cwd.join(path))
}

/// `%20` and the like in a `file://` URI, decoded (left as they are if not
/// valid).
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Keeps `path` for the UI to ask for.
pub fn keep<R: Runtime>(app: &AppHandle<R>, path: PathBuf) {
    if let Some(state) = app.try_state::<Arc<AppState>>() {
        *state.opened.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
    }
}

/// A second launch of the app (`argv`, started in `cwd`): its file, if it
/// names one, goes to this app's window, which comes to the front.
pub fn second_launch<R: Runtime>(app: &AppHandle<R>, argv: Vec<String>, cwd: String) {
    tracing::info!("the app was started again: handing over to the running window");
    if let Some(path) = file_argument(argv, Path::new(&cwd)) {
        keep(app, path);
        let _ = app.emit("file-opened", ());
    }
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_is_the_first_argument_that_is_not_an_option() {
        let cwd = Path::new("/home/sam");
        assert_eq!(file_argument(["app"], cwd), None);
        assert_eq!(
            file_argument(["app", "--flag", "work/a.portfolio"], cwd),
            Some(PathBuf::from("/home/sam/work/a.portfolio"))
        );
        assert_eq!(
            file_argument(["app", "/tmp/b.portfolio"], cwd),
            Some(PathBuf::from("/tmp/b.portfolio"))
        );
        assert_eq!(
            file_argument(["app", "file:///tmp/My%20file.portfolio"], cwd),
            Some(PathBuf::from("/tmp/My file.portfolio"))
        );
    }
}
