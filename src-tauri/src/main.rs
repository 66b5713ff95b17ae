//! Partnership Portfolio desktop app: a thin Tauri shell over the core
//! library. It opens the main window, keeps the library's state, and exposes
//! the commands in `commands/`, each a few lines that call the core on a
//! blocking-work thread, never on the main thread.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod state;

use std::sync::Arc;
use tauri::Manager;

fn main() {
    tauri::Builder::default()
        .setup(|app| {
            let root = app.path().app_data_dir()?.join("library");
            let state = state::AppState::open(&root)?;
            app.manage(Arc::new(state));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::library::app_info,
            commands::library::list_portfolios,
            commands::library::list_trash,
            commands::library::create_portfolio,
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
        ])
        .run(tauri::generate_context!())
        .expect("error while running Partnership Portfolio");
}
