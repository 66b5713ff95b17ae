//! The learner's side: submitting a version for assessment (the declaration,
//! the snapshot of what was submitted, its fingerprint), and writing a
//! portfolio file to send (a consistent single-file copy that appears at its
//! destination only when complete, even if the app is killed meanwhile).

use super::canonical::{declaration_part, fingerprint, seal_part};
use super::lock::Passphrase;
use super::{AuditEvent, Role, Submission, LEARNER_DECLARATION};
use crate::error::{Error, Result};
use crate::storage::{self, seal, Portfolio};
use crate::temp_files::{self, Kind};
use crate::text::required_line;
use std::path::Path;

impl Portfolio {
    /// Records submission version N+1: the learner's typed name and date
    /// confirm [`LEARNER_DECLARATION`]; the submitted content is kept as it
    /// is now (and its files' bytes kept), whatever the learner does next.
    pub fn submit(&mut self, declared_name: &str, declared_on: &str) -> Result<Submission> {
        self.write(Role::Learner, |w| {
            let name = required_line(
                declared_name,
                "name confirming the declaration",
                200,
                "Type your name to confirm the declaration of authenticity.",
            )?;
            let date =
                crate::timestamp::parse_date(declared_on, "date of the declaration")?.to_string();
            let mut parts = w.content_parts()?;
            parts.push(declaration_part(&name, &date, LEARNER_DECLARATION));
            // Every learner row, sealed; the seal's fingerprint is a part of
            // the submission, so the submission's fingerprint covers them all.
            let sealed = seal::party_parts(w.tx(), Role::Learner)?;
            parts.push(seal_part(&crate::fingerprint::fingerprint(&sealed)));
            let fingerprint = fingerprint(&parts);
            let tx = w.tx();
            let version: u32 = tx.query_row(
                "SELECT coalesce(max(version), 0) + 1 FROM submission",
                [],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO submission (version, submitted_at, declared_name, declared_on, declaration, fingerprint)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                (version, w.now(), &name, &date, LEARNER_DECLARATION, &fingerprint),
            )?;
            let mut insert = tx.prepare(
                "INSERT INTO submission_part (version, part, position, content, sha256) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (position, p) in parts.iter().enumerate() {
                insert.execute((version, &p.key, position as i64, &p.content, &p.sha256))?;
            }
            tx.execute(
                "INSERT INTO submission_content (version, content_id) SELECT DISTINCT ?1, content_id FROM attachment",
                [version],
            )?;
            let entry = w.audit_entry(
                AuditEvent::Submitted,
                &name,
                Some(version),
                &super::short_fingerprint(&fingerprint),
            )?;
            seal::store(w.tx(), Role::Learner, &sealed, Some(&entry))?;
            w.latest_submission()?
                .ok_or_else(|| Error::internal("the submission just recorded is missing"))
        })
    }

    /// Writes the file to send (a submission or a returned assessment) to
    /// `dest`, replacing it: SQLite's `VACUUM INTO` a hidden temporary file
    /// in the same folder, marked as sent, flushed to disk, then renamed, so
    /// no half-written file ever appears.
    pub fn save_copy(&self, dest: &Path) -> Result<u64> {
        let started = std::time::Instant::now();
        let dir = storage::existing_folder_of(dest)?;
        let size = temp_files::put_in_place(self.vacuum_into_temp(&dir)?, dest)?;
        tracing::info!(
            file = %crate::logs::file_id(self.path()),
            bytes = size,
            ms = crate::logs::millis(started),
            "wrote an exchange file"
        );
        Ok(size)
    }

    /// Writes the file to send to `dest`: a plain copy, or with `lock` a
    /// locked one (see [`super::lock`]), whose plain copy is made only in the
    /// portfolio's own folder and removed.
    pub fn save_exchange_file(&self, dest: &Path, lock: Option<&Passphrase>) -> Result<u64> {
        match lock {
            None => self.save_copy(dest),
            Some(passphrase) => {
                storage::existing_folder_of(dest)?;
                let plain = self.vacuum_into_temp(&storage::folder_of(self.path()))?;
                super::lock::lock_file(plain.path(), dest, passphrase)
            }
        }
    }

    /// `VACUUM INTO` a new locked temporary file in `dir`, marked as sent.
    fn vacuum_into_temp(&self, dir: &Path) -> Result<tempfile::NamedTempFile> {
        let temp = temp_files::create(dir, Kind::Saving)?;
        let temp_name = temp
            .path()
            .to_str()
            .ok_or_else(|| {
                Error::invalid_input(format!(
                    "The folder name {} is not valid text.",
                    dir.display()
                ))
            })?
            .to_string();
        self.conn.execute("VACUUM INTO ?1", [&temp_name])?;
        mark_sent(temp.path())?;
        Ok(temp)
    }
}

/// Marks a copy about to be sent as such (`portfolio.sent_at`), so that
/// `verify` holds all of it to its seals: a learner's own working file may
/// have changed since its last submission, a file sent may not.
fn mark_sent(copy: &Path) -> Result<()> {
    let conn = rusqlite::Connection::open(copy)?;
    // A temporary file: no journal (if the writer is killed, it is never renamed into place).
    conn.pragma_update(None, "journal_mode", "off")?;
    conn.execute(
        "UPDATE portfolio SET sent_at = ?1",
        [crate::timestamp::now()],
    )?;
    conn.close().map_err(|(_, e)| Error::from(e))
}

/// The default name of an exchange file: `<learner>-<URN>-v<N>.portfolio`,
/// with the name kept readable (letters of any language) but safe as a file name.
pub fn exchange_file_name(learner: &str, urn: &str, version: u32) -> String {
    format!(
        "{}-v{version}.{}",
        file_stem(learner, urn),
        storage::EXTENSION
    )
}

/// `<learner>-<URN>`, safe as the start of a file name: the learner's name
/// with every run of other characters than letters and digits made one `-`
/// (no path separators, no dots), or "portfolio" when nothing is left.
pub(crate) fn file_stem(learner: &str, urn: &str) -> String {
    let mut name = String::new();
    for c in learner.trim().chars() {
        if c.is_alphanumeric() {
            name.push(c);
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_matches('-');
    let name = if name.is_empty() { "portfolio" } else { name };
    format!("{name}-{urn}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exchange_names_are_readable_and_safe() {
        assert_eq!(
            exchange_file_name("Siân Llŷr-Ŵyn", "CLDAL16", 2),
            "Siân-Llŷr-Ŵyn-CLDAL16-v2.portfolio"
        );
        assert_eq!(
            exchange_file_name("../../etc/passwd", "CLDAL16", 1),
            "etc-passwd-CLDAL16-v1.portfolio"
        );
        assert_eq!(
            exchange_file_name("  ", "CLDAL16", 1),
            "portfolio-CLDAL16-v1.portfolio"
        );
    }
}
