//! Locked exchange files: a portfolio file sent by email or on a stick,
//! encrypted with a passphrase the learner and the assessor share another
//! way. The format is age's (<https://age-encryption.org/v1>), with its
//! passphrase recipient (scrypt, work factor 2^18), through the `age` crate:
//! the file key is wrapped with the passphrase, the content is encrypted in
//! 64 KiB chunks, each authenticated (ChaCha20-Poly1305), so any change or cut
//! is noticed and nothing of the content, the learner's name included, can
//! be read without the passphrase. Both ways are streamed: memory stays the
//! same whatever the size of the portfolio.
//!
//! Where the plain (decrypted) copy lives, and for how long:
//! - locking: the copy of the portfolio is made in the portfolio's own
//!   folder (`.saving-*.tmp`), encrypted into a temporary file beside the
//!   destination, which is renamed into place; the plain copy is removed;
//! - unlocking for the gate ([`super::untrusted`]): the file is decrypted
//!   straight into the gate's private copy (`.incoming-*.tmp`) in the folder
//!   where the working copy will be, and nowhere else;
//! - [`unlock`] (for receiving a returned file, or verifying a locked one):
//!   into a private, owner-only folder (`.unlocking-*`) made in a folder the
//!   caller names (the learner's own portfolio's folder; for `verify`, the
//!   app's data folder), removed when the [`Unlocked`] is dropped, also on
//!   an error. A killed process leaves its folder; the next write there
//!   removes it (`temp_files`).

use crate::error::{Error, ErrorCode, Result};
use crate::storage::{self, header};
use crate::temp_files::{self, Kind};
use age::secrecy::SecretString;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// The scrypt work factor of files this app locks (2^18: about a second and
/// 256 MiB of memory, once per file, whatever its size).
pub const WORK_FACTOR: u8 = 18;
/// The costliest work factor accepted when unlocking (2^20: 1 GiB), so that
/// a hostile file cannot ask for hours of work or tens of GiB of memory.
pub const MAX_WORK_FACTOR: u8 = 20;
/// How much larger a locked file is than its content, at most (header and
/// 16 bytes per 64 KiB chunk, for a 4 GiB file).
pub const MAX_OVERHEAD_BYTES: u64 = 2 << 20;
/// The shortest passphrase accepted for locking.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
const MAX_PASSPHRASE_BYTES: u64 = 1024;
const BUFFER: usize = 1 << 20;

/// A passphrase to lock or unlock an exchange file with; never printed.
pub struct Passphrase(SecretString);

impl Passphrase {
    /// A passphrase as typed. Locking needs at least [`MIN_PASSPHRASE_CHARS`]
    /// characters (see [`Passphrase::for_locking`]); unlocking takes any.
    pub fn new(text: &str) -> Result<Passphrase> {
        if text.is_empty() {
            return Err(Error::invalid_input("Type the passphrase."));
        }
        if text.len() as u64 > MAX_PASSPHRASE_BYTES {
            return Err(Error::invalid_input(format!(
                "A passphrase can be at most {MAX_PASSPHRASE_BYTES} bytes long."
            )));
        }
        Ok(Passphrase(SecretString::from(text.to_string())))
    }

    /// A passphrase to lock a file with: long enough to resist guessing.
    pub fn for_locking(text: &str) -> Result<Passphrase> {
        let n = text.chars().count();
        if n < MIN_PASSPHRASE_CHARS {
            return Err(Error::invalid_input(format!(
                "A passphrase to lock the file needs at least {MIN_PASSPHRASE_CHARS} characters (this one has {n}); a few words are easier to pass on than a short password."
            )));
        }
        Passphrase::new(text)
    }

    /// The passphrase in a file (the command line's `--passphrase-file`):
    /// its text, read with a bound, without the line ending at its end.
    pub fn from_file(path: &Path) -> Result<Passphrase> {
        Passphrase::read(path, Passphrase::new)
    }

    /// As [`Passphrase::from_file`], to lock a file with.
    pub fn from_file_for_locking(path: &Path) -> Result<Passphrase> {
        Passphrase::read(path, Passphrase::for_locking)
    }

    fn read(path: &Path, make: fn(&str) -> Result<Passphrase>) -> Result<Passphrase> {
        let text = crate::text_file::read_text_file(path, "passphrase", MAX_PASSPHRASE_BYTES)?;
        let text = text
            .strip_suffix("\r\n")
            .or_else(|| text.strip_suffix('\n'))
            .unwrap_or(&text);
        make(text).map_err(|e| Error::new(e.code, format!("{}: {}", path.display(), e.message)))
    }

    fn secret(&self) -> SecretString {
        self.0.clone()
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

/// Whether the file at `path` is a locked (age-encrypted) file, by its header.
pub fn is_locked(path: &Path) -> Result<bool> {
    Ok(header::is_age(&start_of(path)?))
}

/// The first bytes of `path` (up to 40), enough to tell a locked file and
/// its format's version.
fn start_of(path: &Path) -> Result<Vec<u8>> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
    let mut start = [0u8; 40];
    let mut read = 0;
    while read < start.len() {
        match file.read(&mut start[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Error::io(path, &e)),
        }
    }
    Ok(start[..read].to_vec())
}

/// The first line of the one format version this app locks and unlocks.
const AGE_V1: &[u8] = b"age-encryption.org/v1\n";

/// Encrypts the plain file `plain` to `dest` with `passphrase`: into a
/// hidden temporary file beside `dest`, flushed, then renamed over it.
/// Returns the size written.
pub fn lock_file(plain: &Path, dest: &Path, passphrase: &Passphrase) -> Result<u64> {
    let dir = storage::existing_folder_of(dest)?;
    let temp = temp_files::create(&dir, Kind::Saving)?;
    let mut from = std::fs::File::open(plain).map_err(|e| Error::io(plain, &e))?;
    let mut recipient = age::scrypt::Recipient::new(passphrase.secret());
    recipient.set_work_factor(WORK_FACTOR);
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as _))
        .map_err(|e| Error::internal(format!("Could not lock the file: {e}")))?;
    let written = (|| -> std::io::Result<()> {
        let out = BufWriter::with_capacity(BUFFER, temp.as_file());
        let mut stream = encryptor.wrap_output(out)?;
        let mut buf = vec![0u8; BUFFER];
        loop {
            let n = match from.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            stream.write_all(&buf[..n])?;
        }
        stream.finish()?.flush()
    })();
    written.map_err(|e| Error::io(dest, &e))?;
    temp_files::put_in_place(temp, dest)
}

/// Decrypts the locked file `locked` into `out` (from its start), refusing
/// more than `max_bytes` of content. Every chunk is authenticated as it is
/// read, so a changed or cut file fails here; the caller removes `out`.
pub(crate) fn unlock_into(
    locked: &Path,
    passphrase: &Passphrase,
    out: &mut std::fs::File,
    max_bytes: u64,
) -> Result<u64> {
    let shown = locked.display();
    let file = std::fs::File::open(locked).map_err(|e| Error::io(locked, &e))?;
    let damaged = |why: &str| {
        Error::new(
            ErrorCode::Damaged,
            format!("{shown} is a locked portfolio file, but damaged ({why}); nothing was kept."),
        )
    };
    let decryptor = age::Decryptor::new_buffered(BufReader::with_capacity(BUFFER, file))
        .map_err(|e| match e {
            // age says "unknown format" for any header it cannot parse; one
            // that starts as version 1 is damaged, not newer.
            age::DecryptError::UnknownFormat
                if start_of(locked).is_ok_and(|b| b.starts_with(AGE_V1)) =>
            {
                damaged("its header is unreadable")
            }
            age::DecryptError::UnknownFormat => Error::new(
                ErrorCode::NewerVersion,
                format!("{shown} is locked in a format this app does not know; it may need a newer version."),
            ),
            age::DecryptError::Io(e) if e.kind() != std::io::ErrorKind::UnexpectedEof => {
                Error::io(locked, &e)
            }
            _ => damaged("its header is unreadable"),
        })?;
    if !decryptor.is_scrypt() {
        return Err(Error::invalid_input(format!(
            "{shown} is locked with a key, not with a passphrase; this app opens only files locked with a passphrase."
        )));
    }
    let mut identity = age::scrypt::Identity::new(passphrase.secret());
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let mut stream = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed
            | age::DecryptError::KeyDecryptionFailed
            | age::DecryptError::NoMatchingKeys => Error::new(
                ErrorCode::WrongPassphrase,
                format!(
                    "The passphrase does not unlock {shown}. Check it with the person who sent the file (capital letters and spaces count); nothing was kept."
                ),
            ),
            age::DecryptError::ExcessiveWork { .. } => Error::invalid_input(format!(
                "{shown} was locked with settings that would take too long to unlock on this computer; ask the sender to lock it with this app."
            )),
            age::DecryptError::InvalidMac => damaged("its header has been changed"),
            _ => damaged("its header is unreadable"),
        })?;
    out.set_len(0).map_err(|e| Error::io(locked, &e))?;
    let mut to = BufWriter::with_capacity(BUFFER, &mut *out);
    let mut buf = vec![0u8; BUFFER];
    let mut total = 0u64;
    loop {
        let n = match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
                ) =>
            {
                return Err(damaged(&format!(
                    "it has been changed or cut short after {}",
                    crate::evidence::attachments::human_size(total)
                )))
            }
            Err(e) => return Err(Error::io(locked, &e)),
        };
        total += n as u64;
        if total > max_bytes {
            return Err(Error::invalid_input(format!(
                "{shown} holds more than any portfolio this app accepts ({max_bytes} bytes)."
            )));
        }
        to.write_all(&buf[..n]).map_err(|e| Error::io(locked, &e))?;
    }
    to.flush().map_err(|e| Error::io(locked, &e))?;
    drop(to);
    out.sync_all().map_err(|e| Error::io(locked, &e))?;
    Ok(total)
}

/// A locked file's plain copy in a private folder; removed with its folder
/// when dropped.
pub struct Unlocked {
    path: PathBuf,
    source: PathBuf,
    _dir: temp_files::PrivateDir,
}

impl Unlocked {
    /// The plain copy (in a private folder).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// An error about the plain copy, worded about the file the user chose.
    pub fn shown(&self, err: Error) -> Error {
        let message = err.message.replace(
            &self.path.display().to_string(),
            &self.source.display().to_string(),
        );
        Error::new(err.code, message)
    }
}

/// Decrypts `locked` into a new private folder inside `work_dir` (see the
/// module comment for which folder each caller uses).
pub fn unlock(locked: &Path, passphrase: &Passphrase, work_dir: &Path) -> Result<Unlocked> {
    if !is_locked(locked)? {
        return Err(Error::invalid_input(format!(
            "{} is not a locked file.",
            locked.display()
        )));
    }
    let dir = temp_files::create_private_dir(work_dir)?;
    let name = locked
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "portfolio".into());
    let path = dir.path().join(name);
    let mut file = std::fs::File::options()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| Error::io(&path, &e))?;
    unlock_into(locked, passphrase, &mut file, super::MAX_EXCHANGE_BYTES)?;
    Ok(Unlocked {
        path,
        source: locked.to_path_buf(),
        _dir: dir,
    })
}

impl crate::storage::Portfolio {
    /// Receives the assessor's returned file `incoming` when it is locked:
    /// unlocked into a private folder beside this portfolio, then received
    /// as any returned file is (see [`crate::storage::Portfolio::receive`]);
    /// the plain copy goes, whatever happens.
    pub fn receive_locked(
        &mut self,
        incoming: &Path,
        passphrase: &Passphrase,
    ) -> Result<super::Received> {
        self.require_role(crate::storage::Role::Learner)?;
        let unlocked = unlock(incoming, passphrase, &storage::folder_of(self.path()))?;
        self.receive(unlocked.path()).map_err(|e| unlocked.shown(e))
    }
}

/// The app's data folder (the platform's data folder, on Linux
/// `$XDG_DATA_HOME` or `~/.local/share`, then `uk.org.partnership-portfolio`:
/// where the desktop app keeps its library), made if missing: where the
/// command line unlocks a file it only reads (`verify`).
pub fn app_data_dir() -> Result<PathBuf> {
    let dir = dirs::data_dir()
        .ok_or_else(|| Error::not_found("There is no home folder to keep the app's data in."))?
        .join(crate::logs::APP_ID);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, &e))?;
    Ok(dir)
}

/// The default name of a locked exchange file: without the learner's name,
/// which the lock hides inside, but with the standard, the version and the
/// start of the portfolio's own id, so the assessor can tell files apart:
/// `CLDAL16-3f9a1c2e-v2-locked.portfolio` (`…-v2-assessed-locked.portfolio`
/// for a returned one).
pub fn locked_file_name(uid: &str, urn: &str, version: u32, returned: bool) -> String {
    let id: String = uid
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(8)
        .collect();
    let urn: String = urn
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let assessed = if returned { "-assessed" } else { "" };
    format!(
        "{urn}-{id}-v{version}{assessed}-locked.{}",
        storage::EXTENSION
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locked_names_do_not_carry_the_learner_s_name() {
        assert_eq!(
            locked_file_name("3f9a1c2e-8b1d-4c7e-a2f0-9d1b2c3d4e5f", "CLDAL16", 2, false),
            "CLDAL16-3f9a1c2e-v2-locked.portfolio"
        );
        assert_eq!(
            locked_file_name("3f9a1c2e-8b1d", "CLD/AL16", 1, true),
            "CLD-AL16-3f9a1c2e-v1-assessed-locked.portfolio"
        );
    }

    #[test]
    fn passphrases_for_locking_are_not_too_short() {
        assert_eq!(
            Passphrase::for_locking("short").unwrap_err().code,
            ErrorCode::InvalidInput
        );
        assert!(Passphrase::for_locking("afon lliw glas").is_ok());
        assert!(Passphrase::new("").is_err());
        assert_eq!(
            format!("{:?}", Passphrase::new("cyfrinach").unwrap()),
            "Passphrase(…)"
        );
    }
}
