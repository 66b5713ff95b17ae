//! Verification: recomputes every fingerprint in a portfolio file (each part
//! of each submission, each submission's fingerprint, each sign-off's binding,
//! and the SHA-256 of every stored file's bytes) and reports, in words, each
//! thing that no longer matches.

use super::canonical::{fingerprint, sha256_hex, AttachmentPart, EvidencePart};
use crate::error::Result;
use crate::storage::Portfolio;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use ts_rs::TS;

/// What verification found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VerifyReport {
    pub submissions: u32,
    pub parts: u32,
    pub files: u32,
    /// Each problem found, in a sentence; empty when everything matches.
    pub problems: Vec<String>,
}

impl VerifyReport {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Portfolio {
    /// Recomputes every fingerprint and reports what does not match.
    pub fn verify(&self) -> Result<VerifyReport> {
        let mut report = VerifyReport {
            submissions: 0,
            parts: 0,
            files: 0,
            problems: Vec::new(),
        };
        // Which stored files each submission says it contains: sha256 -> names.
        let mut submitted_files: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for s in self.submissions()? {
            report.submissions += 1;
            let parts = self.submission_parts(s.version)?;
            for p in &parts {
                report.parts += 1;
                if sha256_hex(p.content.as_bytes()) != p.sha256 {
                    report.problems.push(format!(
                        "Submission {}: {} has changed since it was submitted.",
                        s.version,
                        p.describe()
                    ));
                }
                if p.key.starts_with("evidence:") {
                    if let Ok(e) = serde_json::from_str::<EvidencePart>(&p.content) {
                        for AttachmentPart {
                            file_name, sha256, ..
                        } in e.attachments
                        {
                            submitted_files
                                .entry(sha256)
                                .or_default()
                                .push(format!("{file_name} ({})", e.reference));
                        }
                    }
                }
            }
            if fingerprint(&parts) != s.fingerprint {
                report.problems.push(format!(
                    "Submission {}: its content does not match its fingerprint {} (parts were added, removed or replaced).",
                    s.version,
                    super::short_fingerprint(&s.fingerprint)
                ));
            }
        }
        for sign_off in self.sign_offs()? {
            let submitted = self
                .submissions()?
                .into_iter()
                .find(|s| s.version == sign_off.version);
            if submitted.map(|s| s.fingerprint) != Some(sign_off.fingerprint.clone()) {
                report.problems.push(format!(
                    "The sign-off of submission {} was given for different content (fingerprint {}).",
                    sign_off.version,
                    super::short_fingerprint(&sign_off.fingerprint)
                ));
            }
        }
        // Every stored file: its bytes against its SHA-256.
        let mut stored: Vec<(i64, String, i64)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id, sha256, size FROM content ORDER BY id")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut chunks = self
            .conn
            .prepare("SELECT data FROM content_chunk WHERE content_id = ?1 ORDER BY seq")?;
        for (id, sha256, size) in stored.drain(..) {
            report.files += 1;
            let mut hasher = Sha256::new();
            let mut total = 0i64;
            let mut rows = chunks.query([id])?;
            while let Some(r) = rows.next()? {
                let data = r.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?;
                hasher.update(data);
                total += data.len() as i64;
            }
            let actual: String = hasher
                .finalize()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            if actual != sha256 || total != size {
                let names = self.file_names_of(id)?;
                let names = if names.is_empty() {
                    submitted_files.get(&sha256).cloned().unwrap_or_default()
                } else {
                    names
                };
                report.problems.push(format!(
                    "The file {} has changed: its bytes no longer match its SHA-256.",
                    if names.is_empty() {
                        format!("with SHA-256 {sha256}")
                    } else {
                        names.join(", ")
                    }
                ));
            }
            submitted_files.remove(&sha256);
        }
        for (sha256, names) in submitted_files {
            report.problems.push(format!(
                "The file {} that was submitted is missing (SHA-256 {sha256}).",
                names.join(", ")
            ));
        }
        Ok(report)
    }

    /// "name.jpg (E3)" for every attachment of a stored file.
    fn file_names_of(&self, content_id: i64) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT file_name, evidence_id FROM attachment WHERE content_id = ?1 ORDER BY evidence_id")?;
        let rows = stmt.query_map([content_id], |r| {
            Ok(format!(
                "{} (E{})",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
