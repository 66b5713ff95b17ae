//! Partnership Portfolio desktop app: starts the app (see `lib.rs`).

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Before any thread or window: the engine's settings are environment
    // variables WebKit reads as it starts.
    partnership_portfolio_desktop::webview::choose_before_start();
    partnership_portfolio_desktop::run();
}
