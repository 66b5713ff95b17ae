//! Partnership Portfolio desktop app: starts the app (see `lib.rs`).

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    partnership_portfolio_desktop::run();
}
