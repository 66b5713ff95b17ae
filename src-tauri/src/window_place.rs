//! The main window's place on the screen: its size and position are
//! remembered between runs (`tauri-plugin-window-state`, in the app's config
//! folder), and when it opens it is kept inside the work area of its monitor
//! (shrunk and moved if needed), so it never opens partly off-screen on a
//! smaller display than the one it was last closed on.

use tauri::{PhysicalPosition, PhysicalSize, Runtime, WebviewWindow};
use tauri_plugin_window_state::StateFlags;

/// What of the window is remembered: not whether it is visible.
pub fn remembered() -> StateFlags {
    StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED
}

/// A rectangle: position and size, in physical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
}

/// `window` (its outer frame) moved and shrunk to lie inside `area`.
pub fn inside(window: Rect, area: Rect) -> Rect {
    let width = window.width.min(area.width);
    let height = window.height.min(area.height);
    let far_x = area.x + (area.width - width) as i32;
    let far_y = area.y + (area.height - height) as i32;
    Rect {
        x: window.x.clamp(area.x, far_x),
        y: window.y.clamp(area.y, far_y),
        width,
        height,
    }
}

/// Moves and shrinks `window` into its monitor's work area (the primary
/// monitor's if it is on none).
pub fn keep_on_screen<R: Runtime>(window: &WebviewWindow<R>) -> tauri::Result<()> {
    if window.is_maximized()? {
        return Ok(());
    }
    let Some(monitor) = window.current_monitor()?.or(window.primary_monitor()?) else {
        return Ok(());
    };
    let area = monitor.work_area();
    let area = Rect {
        x: area.position.x,
        y: area.position.y,
        width: area.size.width,
        height: area.size.height,
    };
    let (outer, inner, at) = (
        window.outer_size()?,
        window.inner_size()?,
        window.outer_position()?,
    );
    let now = Rect {
        x: at.x,
        y: at.y,
        width: outer.width,
        height: outer.height,
    };
    let fitted = inside(now, area);
    if fitted == now {
        return Ok(());
    }
    tracing::info!(?now, ?area, "the window was moved inside the screen");
    if (fitted.width, fitted.height) != (now.width, now.height) {
        let frame_w = outer.width.saturating_sub(inner.width);
        let frame_h = outer.height.saturating_sub(inner.height);
        window.set_size(PhysicalSize::new(
            fitted.width.saturating_sub(frame_w),
            fitted.height.saturating_sub(frame_h),
        ))?;
    }
    window.set_position(PhysicalPosition::new(fitted.x, fitted.y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: i32, y: i32, width: u32, height: u32) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    #[test]
    fn a_window_partly_off_a_small_screen_is_moved_and_shrunk_into_it() {
        let laptop = rect(0, 27, 1366, 741);
        // Last closed on a big monitor, far right and too tall.
        assert_eq!(
            inside(rect(1800, 200, 1180, 800), laptop),
            rect(186, 27, 1180, 741)
        );
        // Above and left of the screen.
        assert_eq!(
            inside(rect(-50, -10, 900, 600), laptop),
            rect(0, 27, 900, 600)
        );
        // Already inside: left alone.
        assert_eq!(
            inside(rect(100, 100, 900, 600), laptop),
            rect(100, 100, 900, 600)
        );
        // A second monitor to the left of the first.
        let left = rect(-1280, 0, 1280, 1024);
        assert_eq!(
            inside(rect(-1400, 50, 1180, 800), left),
            rect(-1280, 50, 1180, 800)
        );
    }
}
