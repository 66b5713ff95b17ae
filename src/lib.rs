//! Partnership Portfolio core: everything the desktop app and the command-line
//! tool share, with no Tauri in it.
