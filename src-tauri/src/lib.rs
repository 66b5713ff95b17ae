//! Partnership Portfolio desktop app: a thin Tauri shell over the core
//! library. It opens the main window, keeps the library's state and the log,
//! and exposes the commands in `commands/` (listed once, in
//! `commands/list.rs`), each a few lines that call the core on a
//! blocking-work thread, never on the main thread.
//!
//! [`run`] starts the app; [`builder`] is the app on any Tauri runtime
//! (commands, window events, plugins), which the command-level tests drive on
//! Tauri's mock runtime with [`context`].

pub mod commands;
pub mod dialogs;
pub mod opening;
pub mod state;
pub mod webview;
pub mod window_place;

#[cfg(test)]
mod generated;

use state::AppState;
use std::sync::{Arc, Mutex};
use tauri::{DragDropEvent, Emitter, Manager, Runtime, WindowEvent};

include!("commands/list.rs");

/// The app's commands, by name (from `commands/list.rs`).
pub const COMMANDS: &[&str] = app_commands!(command_names);

/// `generate_handler!` for the commands of the list.
macro_rules! invoke_handler {
    ($($module:ident: $($command:ident),+;)+) => {
        tauri::generate_handler![$($(commands::$module::$command),+),+]
    };
}

/// Starts the app: one instance only (a second launch hands its file to this
/// one and exits), logs in the platform's log folder, the library in the
/// app's data folder, the main window where it was last (inside the screen),
/// and the file it was started with, if any, kept for the UI.
pub fn run() {
    // First, so that a second launch goes no further.
    let single = tauri_plugin_single_instance::init(opening::second_launch);
    let window_state = tauri_plugin_window_state::Builder::default()
        .with_state_flags(window_place::remembered())
        .build();
    let app = builder(
        tauri::Builder::default()
            .plugin(single)
            .plugin(window_state),
    )
    .setup(|app| {
        let log_folder = app.path().app_log_dir()?;
        match partnership_portfolio::logs::init(&log_folder, "app") {
            Ok(guard) => {
                app.manage(Log(Mutex::new(Some(guard))));
            }
            Err(e) => eprintln!("The app runs without a log: {}", e.message),
        }
        let library = app.path().app_data_dir()?.join("library");
        app.manage(Arc::new(AppState::open(&library, &log_folder)?));
        let cwd = std::env::current_dir().unwrap_or_default();
        if let Some(file) = opening::file_argument(std::env::args_os(), &cwd) {
            opening::keep(app.handle(), file);
        }
        if let Some(window) = app.get_webview_window("main") {
            if let Err(e) = window_place::keep_on_screen(&window) {
                tracing::warn!("the window's place could not be checked: {e}");
            }
        }
        #[cfg(feature = "e2e-dialogs")]
        app.manage(dialogs::Scripted::from_env());
        Ok(())
    })
    .build(context())
    .expect("error while starting Partnership Portfolio");
    app.run(|app, event| {
        if let tauri::RunEvent::Exit = event {
            if let Some(log) = app.try_state::<Log>() {
                tracing::info!("the app is closing");
                // Dropping the guard writes out what is still buffered.
                drop(log.0.lock().ok().and_then(|mut g| g.take()));
            }
        }
    });
}

/// The app on any runtime: the dialog plugin, files dropped on the window,
/// and the commands. Its state ([`AppState`]) is added by [`run`] or a test.
pub fn builder<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .on_window_event(|window, event| {
            // Files dropped on the window may be attached: grant them, then
            // tell the UI (which only ever names granted files).
            if let WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event {
                if let Some(state) = window.try_state::<Arc<AppState>>() {
                    let texts = state.granted.grant(paths);
                    let _ = window.emit("files-dropped", texts);
                }
            }
        })
        .invoke_handler(app_commands!(invoke_handler))
}

/// The app's configuration, capabilities and (in a release build) its UI,
/// built into the binary.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// The log writer, kept until the app exits.
struct Log(Mutex<Option<partnership_portfolio::logs::LogGuard>>);
