//! The app's window on the X display, as a user has it: closing it the way a
//! user does (an X11 `WM_DELETE_WINDOW` message to its top-level window;
//! WebDriver's "close window" destroys the web view instead, so the app never
//! sees a close request), and its picture as the X server shows it (the
//! end-to-end screenshots). The window is found by `_NET_WM_PID`, so several
//! app instances on one display are told apart.

use x11rb::connection::Connection;
use x11rb::protocol::composite::{ConnectionExt as _, Redirect};
use x11rb::protocol::xproto::{
    AtomEnum, ClientMessageEvent, ConnectionExt, EventMask, ImageFormat, ImageOrder, MapState,
    Window,
};
use x11rb::rust_connection::RustConnection;

/// Sends `WM_DELETE_WINDOW` to every top-level window of process `pid`
/// that accepts it. Returns how many windows were asked to close.
pub fn request_close(pid: u32) -> Result<usize, String> {
    let (conn, screen) = x11rb::connect(None).map_err(|e| e.to_string())?;
    let root = conn.setup().roots[screen].root;
    let protocols = atom(&conn, "WM_PROTOCOLS")?;
    let delete = atom(&conn, "WM_DELETE_WINDOW")?;
    let mut asked = 0;
    for w in windows_of(&conn, root, pid)? {
        let accepts = conn
            .get_property(false, w, protocols, AtomEnum::ATOM, 0, 32)
            .map_err(|e| e.to_string())?
            .reply()
            .ok()
            .and_then(|r| r.value32().map(|mut v| v.any(|a| a == delete)))
            .unwrap_or(false);
        if accepts {
            let event = ClientMessageEvent::new(32, w, protocols, [delete, 0, 0, 0, 0]);
            conn.send_event(false, w, EventMask::NO_EVENT, event)
                .map_err(|e| e.to_string())?;
            asked += 1;
        }
    }
    conn.flush().map_err(|e| e.to_string())?;
    Ok(asked)
}

fn atom(conn: &RustConnection, name: &str) -> Result<u32, String> {
    Ok(conn
        .intern_atom(false, name.as_bytes())
        .map_err(|e| e.to_string())?
        .reply()
        .map_err(|e| e.to_string())?
        .atom)
}

/// Every window under `root` whose `_NET_WM_PID` is `pid`.
fn windows_of(conn: &RustConnection, root: Window, pid: u32) -> Result<Vec<Window>, String> {
    let net_wm_pid = atom(conn, "_NET_WM_PID")?;
    let mut stack: Vec<Window> = vec![root];
    let mut found = Vec::new();
    while let Some(w) = stack.pop() {
        if let Ok(tree) = conn.query_tree(w).map_err(|e| e.to_string())?.reply() {
            stack.extend(tree.children);
        }
        let owner = conn
            .get_property(false, w, net_wm_pid, AtomEnum::CARDINAL, 0, 1)
            .map_err(|e| e.to_string())?
            .reply()
            .ok()
            .and_then(|r| r.value32().and_then(|mut v| v.next()));
        if owner == Some(pid) {
            found.push(w);
        }
    }
    Ok(found)
}

/// The connection that keeps the display's top-level windows redirected
/// (see [`keep_windows_offscreen`]), open until the test process ends.
static OFFSCREEN: std::sync::OnceLock<RustConnection> = std::sync::OnceLock::new();

/// From now until the test process ends, the X server holds every
/// top-level window's picture in a buffer of its own (the Composite
/// extension's automatic redirection; it still shows them on screen as
/// before), so that a window's pixels can be read whole even where another
/// app's window covers it. Called before each app starts, so that its window
/// is redirected from its first paint; the redirection is made once. Its
/// connection also stays open between apps, so that the X server, having no
/// client left when an app exits, does not reset itself under the next one.
pub fn keep_windows_offscreen() -> Result<(), String> {
    if OFFSCREEN.get().is_some() {
        return Ok(());
    }
    let (conn, screen) = x11rb::connect(None).map_err(|e| e.to_string())?;
    let root = conn.setup().roots[screen].root;
    conn.composite_query_version(0, 4)
        .map_err(|e| e.to_string())?
        .reply()
        .map_err(|e| format!("the X server has no Composite extension: {e}"))?;
    conn.composite_redirect_subwindows(root, Redirect::AUTOMATIC)
        .map_err(|e| e.to_string())?;
    // A round trip, so the redirection is in place before the app starts.
    conn.get_input_focus()
        .map_err(|e| e.to_string())?
        .reply()
        .map_err(|e| e.to_string())?;
    let _ = OFFSCREEN.set(conn);
    Ok(())
}

/// A picture of a window: its size and its pixels, 8-bit RGB, row by row.
#[derive(PartialEq, Eq)]
pub struct Picture {
    pub width: u32,
    pub height: u32,
    pub rgb: Vec<u8>,
}

/// The picture of process `pid`'s main window (its largest mapped
/// top-level window) as the X server has it: what the user sees of it.
pub fn window_picture(pid: u32) -> Result<Picture, String> {
    let (conn, screen) = x11rb::connect(None).map_err(|e| e.to_string())?;
    let setup = conn.setup();
    let root = setup.roots[screen].root;
    let mut best: Option<(Window, u16, u16)> = None;
    for w in windows_of(&conn, root, pid)? {
        let Ok(attributes) = conn
            .get_window_attributes(w)
            .map_err(|e| e.to_string())?
            .reply()
        else {
            continue;
        };
        if attributes.map_state != MapState::VIEWABLE {
            continue;
        }
        let Ok(g) = conn.get_geometry(w).map_err(|e| e.to_string())?.reply() else {
            continue;
        };
        let area = |b: &(Window, u16, u16)| u32::from(b.1) * u32::from(b.2);
        if best.map_or(true, |b| {
            area(&b) < u32::from(g.width) * u32::from(g.height)
        }) {
            best = Some((w, g.width, g.height));
        }
    }
    let (w, width, height) = best.ok_or(format!("no window of process {pid} is shown"))?;
    let image = conn
        .get_image(ImageFormat::Z_PIXMAP, w, 0, 0, width, height, !0)
        .map_err(|e| e.to_string())?
        .reply()
        .map_err(|e| format!("reading the window's pixels: {e}"))?;
    let bits = setup
        .pixmap_formats
        .iter()
        .find(|f| f.depth == image.depth)
        .map(|f| f.bits_per_pixel);
    if bits != Some(32) || setup.image_byte_order != ImageOrder::LSB_FIRST {
        return Err(format!(
            "a window of depth {} ({bits:?} bits a pixel) is not read here",
            image.depth
        ));
    }
    // 32 bits a pixel, least significant byte first: blue, green, red, unused.
    let rgb = image
        .data
        .chunks_exact(4)
        .flat_map(|p| [p[2], p[1], p[0]])
        .collect();
    Ok(Picture {
        width: width.into(),
        height: height.into(),
        rgb,
    })
}
