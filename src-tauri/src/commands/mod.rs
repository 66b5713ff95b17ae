//! The commands the UI can call. Each is listed in `build.rs` (so it gets a
//! permission) and granted in `capabilities/main.json`. Errors cross the IPC
//! boundary as the core's `{ code, message }`.

pub mod evidence;
pub mod exchange;
pub mod export;
pub mod library;
pub mod portfolio;

use crate::state::AppState;
use partnership_portfolio::{Error, Result};
use std::sync::Arc;

/// Runs core work on Tauri's blocking thread pool, off the main thread and
/// off the async workers.
pub async fn blocking<T: Send + 'static>(
    state: &Arc<AppState>,
    work: impl FnOnce(&AppState) -> Result<T> + Send + 'static,
) -> Result<T> {
    let state = state.clone();
    tauri::async_runtime::spawn_blocking(move || work(&state))
        .await
        .map_err(|e| Error::internal(format!("The operation stopped unexpectedly: {e}")))?
}
