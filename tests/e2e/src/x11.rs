//! Closing the app's window the way a user does: an X11 `WM_DELETE_WINDOW`
//! message to its top-level window (WebDriver's "close window" destroys the
//! web view instead, so the app never sees a close request). The window is
//! found by `_NET_WM_PID`, so several app instances on one display are told
//! apart.

use std::path::Path;
use x11rb::connection::Connection;
use x11rb::protocol::xproto::{AtomEnum, ClientMessageEvent, ConnectionExt, EventMask, Window};

/// The process id of the app started (through WebKitWebDriver) under `ancestor`.
pub fn find_app_process(ancestor: u32, binary: &Path) -> Option<u32> {
    let binary = binary.canonicalize().ok()?;
    let parent_of = |pid: u32| -> Option<u32> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let after = &stat[stat.rfind(')')? + 2..];
        after.split_whitespace().nth(1)?.parse().ok()
    };
    for entry in std::fs::read_dir("/proc").ok()? {
        let Some(pid) = entry
            .ok()
            .and_then(|e| e.file_name().to_str()?.parse::<u32>().ok())
        else {
            continue;
        };
        if std::fs::read_link(format!("/proc/{pid}/exe"))
            .ok()
            .as_deref()
            != Some(binary.as_path())
        {
            continue;
        }
        let mut p = pid;
        while let Some(parent) = parent_of(p) {
            if parent == ancestor {
                return Some(pid);
            }
            if parent <= 1 {
                break;
            }
            p = parent;
        }
    }
    None
}

/// Sends `WM_DELETE_WINDOW` to every top-level window of process `pid`
/// that accepts it. Returns how many windows were asked to close.
pub fn request_close(pid: u32) -> Result<usize, String> {
    let (conn, screen) = x11rb::connect(None).map_err(|e| e.to_string())?;
    let root = conn.setup().roots[screen].root;
    let atom = |name: &str| -> Result<u32, String> {
        Ok(conn
            .intern_atom(false, name.as_bytes())
            .map_err(|e| e.to_string())?
            .reply()
            .map_err(|e| e.to_string())?
            .atom)
    };
    let (net_wm_pid, protocols, delete) = (
        atom("_NET_WM_PID")?,
        atom("WM_PROTOCOLS")?,
        atom("WM_DELETE_WINDOW")?,
    );
    let mut stack: Vec<Window> = vec![root];
    let mut asked = 0;
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
        if owner != Some(pid) {
            continue;
        }
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
