//! Text read from a file the user names (an account with `--account-file`,
//! a standard's data file, a passphrase file): always with a bound, so that
//! `/dev/zero`, a huge file or a pipe that nothing writes to gets a clear
//! message within seconds instead of filling memory or hanging.
//!
//! Regular files are read directly, never past the bound. Anything else (a
//! pipe, a FIFO, a device) is opened and read on a helper thread; if nothing
//! arrives for [`STALL`], the read is given up with a message. (The helper
//! thread stays blocked until a writer appears or the process ends; the
//! command-line tool, the only caller that reads such files, ends soon after.)

use crate::error::{Error, Result};
use std::io::Read;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// How long a pipe may send nothing before the read is given up.
pub const STALL: Duration = Duration::from_secs(5);

const BLOCK: usize = 64 * 1024;

/// Reads the UTF-8 text of `path` (`-` for standard input), at most
/// `max_bytes` bytes; `what` names it in messages ("account file").
pub fn read_text_file(path: &Path, what: &str, max_bytes: u64) -> Result<String> {
    let shown = if path == Path::new("-") {
        "standard input".to_string()
    } else {
        path.display().to_string()
    };
    let bytes = if path == Path::new("-") {
        read_bounded(&mut std::io::stdin().lock(), &shown, what, max_bytes)?
    } else {
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, &e))?;
        if meta.is_dir() {
            return Err(Error::invalid_input(format!(
                "{shown} is a folder, not the {what}."
            )));
        }
        if meta.is_file() {
            if meta.len() > max_bytes {
                return Err(too_long(&shown, what, max_bytes));
            }
            let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
            read_bounded(&mut file, &shown, what, max_bytes)?
        } else {
            read_special(path, &shown, what, max_bytes)?
        }
    };
    String::from_utf8(bytes).map_err(|_| {
        Error::invalid_input(format!(
            "{shown} is not UTF-8 text, so it cannot be the {what}."
        ))
    })
}

fn too_long(shown: &str, what: &str, max_bytes: u64) -> Error {
    Error::invalid_input(format!(
        "{shown} is too long to be the {what} (the most is {}); nothing of it was used.",
        crate::evidence::attachments::human_size(max_bytes)
    ))
}

/// Reads everything from `from`, refusing more than `max_bytes`.
fn read_bounded(from: &mut impl Read, shown: &str, what: &str, max_bytes: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    from.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(Path::new(shown), &e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_long(shown, what, max_bytes));
    }
    Ok(bytes)
}

/// A pipe, FIFO or device: opened and read on a helper thread, block by
/// block, so that a source that never ends or never starts is given up.
fn read_special(path: &Path, shown: &str, what: &str, max_bytes: u64) -> Result<Vec<u8>> {
    let (send, blocks) = mpsc::sync_channel::<std::io::Result<Vec<u8>>>(4);
    let owned = path.to_path_buf();
    std::thread::Builder::new()
        .name("read-text".into())
        .spawn(move || {
            let mut file = match std::fs::File::open(&owned) {
                Ok(f) => f,
                Err(e) => {
                    let _ = send.send(Err(e));
                    return;
                }
            };
            let mut buf = vec![0u8; BLOCK];
            loop {
                match file.read(&mut buf) {
                    Ok(0) => {
                        let _ = send.send(Ok(Vec::new()));
                        return;
                    }
                    Ok(n) => {
                        if send.send(Ok(buf[..n].to_vec())).is_err() {
                            return; // the reader gave up
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        let _ = send.send(Err(e));
                        return;
                    }
                }
            }
        })
        .map_err(|e| Error::internal(format!("Could not start reading {shown}: {e}")))?;
    let mut bytes = Vec::new();
    loop {
        match blocks.recv_timeout(STALL) {
            Ok(Ok(block)) if block.is_empty() => return Ok(bytes),
            Ok(Ok(block)) => {
                bytes.extend_from_slice(&block);
                if bytes.len() as u64 > max_bytes {
                    return Err(too_long(shown, what, max_bytes));
                }
            }
            Ok(Err(e)) => return Err(Error::io(path, &e)),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                return Err(Error::invalid_input(format!(
                    "Nothing came from {shown} for {} seconds (is it a pipe that nothing writes to?), so it was not used as the {what}.",
                    STALL.as_secs()
                )))
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(bytes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_file_within_its_bound_and_refuses_a_longer_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cyfrif.txt");
        std::fs::write(&path, "Gweithio mewn partneriaeth.").unwrap();
        assert_eq!(
            read_text_file(&path, "account", 100).unwrap(),
            "Gweithio mewn partneriaeth."
        );
        let err = read_text_file(&path, "account", 10).unwrap_err();
        assert!(
            err.message.contains("too long to be the account"),
            "{}",
            err.message
        );
        std::fs::write(&path, [0xff, 0xfe]).unwrap();
        assert!(read_text_file(&path, "account", 100)
            .unwrap_err()
            .message
            .contains("not UTF-8"));
        assert!(read_text_file(dir.path(), "account", 100)
            .unwrap_err()
            .message
            .contains("folder"));
    }
}
