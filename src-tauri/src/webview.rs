//! The webview's engine settings: on Linux, WebKitGTK paints the page
//! without accelerated compositing (no GPU compositor). Measured in
//! docs/benchmarks.md (start-up and footprint): with compositing, WebKit's
//! web process keeps an accelerated compositor and its OpenGL state (Mesa's
//! renderer when there is no GPU), about 110 MB more resident memory when
//! idle, and the home screen is usable no sooner. The app's pages are forms
//! and lists that honour reduced motion: nothing in them needs the GPU.
//!
//! The choice is made once, before WebKit starts, through WebKit's
//! `WEBKIT_DISABLE_COMPOSITING_MODE`: WebKit reads it when it sets up, so
//! the web process is non-composited from its first page. Switching the
//! window's hardware-acceleration policy after the window exists (as the
//! app did at first) makes WebKit leave compositing mode while the first
//! page loads, a race that once killed the web process on a loaded
//! machine (docs/benchmarks.md, "Without hardware acceleration").

/// WebKit's variable that turns accelerated compositing off.
#[cfg(target_os = "linux")]
const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Chooses the engine's settings. Call first thing in the process, before
/// any thread starts (it sets an environment variable, which is only sound
/// while the process has one thread) and before any window exists. A value
/// the user has set already is left as it is (`0` turns compositing back
/// on, to compare).
pub fn choose_before_start() {
    #[cfg(target_os = "linux")]
    if std::env::var_os(DISABLE_COMPOSITING).is_none() {
        std::env::set_var(DISABLE_COMPOSITING, "1");
    }
}
