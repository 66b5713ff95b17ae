//! The webview's engine settings: on Linux, WebKitGTK paints the page
//! without hardware acceleration (no GPU compositing). Measured in
//! docs/benchmarks.md (start-up and footprint): with acceleration, WebKit's
//! web process keeps an accelerated compositor and its OpenGL state (Mesa's
//! renderer when there is no GPU), about 115 MB more resident memory when
//! idle, and the home screen is usable no sooner. The app's pages are forms
//! and lists that honour reduced motion: nothing in them needs the GPU.

use tauri::{Runtime, WebviewWindow};

/// Applies the engine settings to the window's webview (on its main
/// thread). Logged, not fatal, if the webview is gone: the app then runs
/// with WebKit's defaults.
pub fn tune<R: Runtime>(window: &WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    {
        let result = window.with_webview(|webview| {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
            if let Some(settings) = WebViewExt::settings(&webview.inner()) {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        });
        if let Err(e) = result {
            tracing::warn!("the webview's settings could not be set: {e}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
