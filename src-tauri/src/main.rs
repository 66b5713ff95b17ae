//! Partnership Portfolio desktop app: a thin Tauri shell over the core
//! library. It opens the main window, keeps the library's state, and exposes
//! the commands in `commands/`, each a few lines that call the core on a
//! blocking-work thread, never on the main thread.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod dialogs;
mod state;

use std::sync::Arc;
use tauri::{DragDropEvent, Emitter, Manager, WindowEvent};

fn main() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let root = app.path().app_data_dir()?.join("library");
            let state = state::AppState::open(&root)?;
            app.manage(Arc::new(state));
            Ok(())
        })
        .on_window_event(|window, event| {
            // Files dropped on the window may be attached: grant them, then
            // tell the UI (which only ever names granted files).
            if let WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event {
                if let Some(state) = window.try_state::<Arc<state::AppState>>() {
                    state.granted.grant(paths);
                    let shown: Vec<String> = paths.iter().map(|p| dialogs::shown(p)).collect();
                    let _ = window.emit("files-dropped", shown);
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::library::app_info,
            commands::library::list_portfolios,
            commands::library::list_trash,
            commands::library::create_portfolio,
            commands::library::add_demo_portfolio,
            commands::library::rename_portfolio,
            commands::library::trash_portfolio,
            commands::library::restore_portfolio,
            commands::library::delete_portfolio_forever,
            commands::portfolio::get_overview,
            commands::portfolio::get_item,
            commands::portfolio::set_rating,
            commands::portfolio::set_account,
            commands::portfolio::get_profile,
            commands::portfolio::set_profile,
            commands::portfolio::get_history,
            commands::evidence::list_evidence,
            commands::evidence::get_evidence,
            commands::evidence::add_evidence,
            commands::evidence::update_evidence,
            commands::evidence::remove_evidence,
            commands::evidence::set_mappings,
            commands::evidence::map_evidence,
            commands::evidence::unmap_evidence,
            commands::evidence::choose_files,
            commands::evidence::attach_files,
            commands::evidence::remove_attachment,
            commands::evidence::save_attachment_as,
            commands::evidence::attachment_preview,
            commands::evidence::list_witnesses,
            commands::evidence::get_coverage,
            commands::exchange::get_assessment,
            commands::exchange::submit_portfolio,
            commands::exchange::open_learner_submission,
            commands::exchange::judge_item,
            commands::exchange::set_overall_feedback,
            commands::exchange::sign_off,
            commands::exchange::return_to_learner,
            commands::exchange::receive_assessment,
            commands::exchange::verify_portfolio,
            commands::exchange::get_audit_trail,
            commands::export::export_pdf,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Partnership Portfolio");
}
