//! Verification of everything sealed in a portfolio file, in any file (a
//! learner's own, a file sent, an assessor's copy), reported in words:
//!
//! - each submission: every part against its SHA-256, the fingerprint over
//!   them, its declaration, its audit entry and the stored files it keeps;
//! - each party's seal (`storage::seal`) against that party's records as they
//!   are now, naming the field that differs ("item P9's account", "the
//!   assessor's judgement of P4 on version 2: outcome"). The learner's
//!   content since their latest submission is work in progress in their own
//!   working file (reported as information, `changed_since_submitted`); in a
//!   file sent or an assessor's copy any difference is a problem. The
//!   assessor's records are sealed after every change, so a difference is a
//!   problem anywhere;
//! - each sign-off against the submission it signs and the judgements and
//!   feedback it signs, and each IQA decision against the samples it signs;
//! - every stored value against its domain, and every stored file's bytes
//!   against its SHA-256.

use super::canonical::{
    self, describe_change, fingerprint, is_content_part, sha256_hex, AttachmentPart,
    DeclarationPart, EvidencePart,
};
use super::{short_fingerprint, Role, Submission};
use crate::error::Result;
use crate::fingerprint::{differences, Difference, Part};
use crate::storage::owners::PARTIES;
use crate::storage::{seal, Portfolio};
use rusqlite::OptionalExtension;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use ts_rs::TS;

/// At most this many differences are named in one sentence.
const NAMED: usize = 8;

/// What verification found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VerifyReport {
    pub submissions: u32,
    pub parts: u32,
    pub files: u32,
    /// Seals checked (the learner's, the assessor's, the IQA's).
    pub seals: u32,
    /// Each problem found, in a sentence; empty when everything matches.
    pub problems: Vec<String>,
    /// In a learner's own working file: what they have changed since their
    /// latest submission. Information, not a problem.
    pub changed_since_submitted: Option<ChangedSinceSubmitted>,
    /// What was checked and holds, in sentences ("The learner's content is
    /// exactly what was submitted as version 2 …"); empty when there are
    /// problems, so nothing is ever said to hold that does not.
    pub confirmed: Vec<String>,
}

/// What the learner has changed since a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ChangedSinceSubmitted {
    pub version: u32,
    pub fingerprint: String,
    /// Short references: "P9", "E3", "E5 (added)", "the learner's profile".
    pub changed: Vec<String>,
}

impl VerifyReport {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// Every problem, as one text (for a refusal's message).
    pub fn problems_text(&self) -> String {
        self.problems.join(" ")
    }
}

/// Whether the numbers `sql` lists (for `version`) are 0, 1, 2… in order.
fn numbered_in_order(conn: &rusqlite::Connection, sql: &str, version: u32) -> Result<bool> {
    let mut stmt = conn.prepare(sql)?;
    let numbers: Vec<i64> = stmt
        .query_map([version], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(numbers.iter().enumerate().all(|(i, n)| *n == i as i64))
}

/// `items` as "a; b; c", the first [`NAMED`] of them and how many more.
fn named(items: &[String]) -> String {
    let mut unique: Vec<&String> = Vec::new();
    for i in items {
        if !unique.contains(&i) {
            unique.push(i);
        }
    }
    let shown: Vec<&str> = unique.iter().take(NAMED).map(|s| s.as_str()).collect();
    let mut text = shown.join("; ");
    if unique.len() > NAMED {
        text.push_str(&format!("; and {} more", unique.len() - NAMED));
    }
    text
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn whose(role: Role) -> &'static str {
    match role {
        Role::Learner => "the learner's",
        Role::Assessor => "the assessor's",
        Role::Iqa => "the IQA's",
    }
}

/// The content parts that differ between a submission and now, in words.
fn content_changes(submitted: &[Part], now: &[Part]) -> Vec<Difference> {
    let then: Vec<Part> = submitted
        .iter()
        .filter(|p| is_content_part(&p.key))
        .cloned()
        .collect();
    differences(&then, now)
}

fn describe_content_change(d: &Difference) -> String {
    match d {
        Difference::Added { key, .. } => format!("{} (added)", canonical::describe_key(key)),
        Difference::Removed { key, .. } => format!("{} (removed)", canonical::describe_key(key)),
        Difference::Changed { key, fields, .. } => describe_change(key, fields),
    }
}

fn short_change(d: &Difference) -> String {
    let name = canonical::short_name(d.key());
    match d {
        Difference::Added { .. } => format!("{name} (added)"),
        Difference::Removed { .. } => format!("{name} (removed)"),
        Difference::Changed { .. } => name,
    }
}

/// The stored files to hash (by `content` id, in id order) and what each
/// hashed to: its SHA-256 in hex, its size and whether its chunks are
/// numbered in order. One or two threads, each with its own connection to
/// the same moment of the file, take the next file not yet taken until none
/// is left, so every file is read and hashed once, and the results are in
/// the files' order whichever thread hashed them.
struct StoredFiles {
    ids: Vec<i64>,
    next: std::sync::atomic::AtomicUsize,
    hashed: std::sync::Mutex<Vec<Option<(String, i64, bool)>>>,
}

impl StoredFiles {
    fn new(stored: &[(i64, String, i64)]) -> StoredFiles {
        StoredFiles {
            ids: stored.iter().map(|(id, _, _)| *id).collect(),
            next: std::sync::atomic::AtomicUsize::new(0),
            hashed: std::sync::Mutex::new(vec![None; stored.len()]),
        }
    }

    /// Hashes files on `conn` until none is left.
    fn hash_on(&self, conn: &rusqlite::Connection) -> Result<()> {
        let mut chunks =
            conn.prepare("SELECT seq, data FROM content_chunk WHERE content_id = ?1 ORDER BY seq")?;
        loop {
            let i = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&id) = self.ids.get(i) else {
                return Ok(());
            };
            let mut hasher = Sha256::new();
            let mut total = 0i64;
            let mut in_order = true;
            let mut rows = chunks.query([id])?;
            let mut expected = 0i64;
            while let Some(r) = rows.next()? {
                in_order &= r.get::<_, i64>(0)? == expected;
                expected += 1;
                let data = r.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?;
                hasher.update(data);
                total += data.len() as i64;
            }
            let actual = crate::fingerprint::hex(&hasher.finalize());
            let mut hashed = self.hashed.lock().unwrap_or_else(|e| e.into_inner());
            hashed[i] = Some((actual, total, in_order));
        }
    }

    /// What each file hashed to, in order (once every `hash_on` has
    /// returned without an error, every file has been hashed).
    fn into_hashed(self) -> Vec<(String, i64, bool)> {
        self.hashed
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .map(|h| h.expect("every stored file is hashed"))
            .collect()
    }
}

impl Portfolio {
    /// Whether this file was written to be sent (a submission or a return).
    pub(crate) fn is_sent_copy(&self) -> Result<bool> {
        let sent: Option<String> =
            self.conn
                .query_row("SELECT sent_at FROM portfolio", [], |r| r.get(0))?;
        Ok(sent.is_some())
    }

    /// Checks everything sealed in the file (see the module comment) and
    /// reports what does not match, and what does.
    pub fn verify(&self) -> Result<VerifyReport> {
        self.verify_given(|| self.content_parts(), None)
    }

    /// As [`Portfolio::verify`], with the portfolio's content parts
    /// ([`Portfolio::content_parts`]) given by `content` rather than read
    /// here: for the export, which reads them anyway on another connection
    /// reading the same moment of the file (see `export::snapshot`).
    /// With `hasher`, another connection to the file in a read transaction
    /// that began while this one's held the file's shared lock (so it reads
    /// the same moment), the stored files are hashed on two threads, each
    /// file once, on whichever is free (see [`StoredFiles`]).
    pub(crate) fn verify_given(
        &self,
        content: impl FnOnce() -> Result<Vec<Part>>,
        hasher: Option<Portfolio>,
    ) -> Result<VerifyReport> {
        let own_work = self.role()? == Role::Learner && !self.is_sent_copy()?;
        self.verify_with(own_work, content, hasher)
    }

    /// As [`Portfolio::verify`] for a file that came from someone else: its
    /// learner's content must be exactly its latest submission, whether or
    /// not it is marked as sent.
    pub(crate) fn verify_received(&self) -> Result<VerifyReport> {
        self.verify_with(false, || self.content_parts(), None)
    }

    /// Refuses a file that came from someone else (`incoming`, opened here)
    /// when [`Portfolio::verify_received`] finds it altered, naming what and
    /// saying what became of it (`outcome`: ", so it was not opened").
    pub(crate) fn refuse_if_altered(
        &self,
        incoming: &std::path::Path,
        outcome: &str,
    ) -> Result<()> {
        let report = self.verify_received()?;
        if report.ok() {
            return Ok(());
        }
        Err(crate::error::Error::new(
            crate::error::ErrorCode::Damaged,
            format!(
                "{} has been altered{outcome}: {}",
                incoming.display(),
                report.problems_text()
            ),
        ))
    }

    /// `own_work`: this is the learner's own working file, where what they
    /// changed since submitting is information, not a problem.
    fn verify_with(
        &self,
        own_work: bool,
        content: impl FnOnce() -> Result<Vec<Part>>,
        hasher: Option<Portfolio>,
    ) -> Result<VerifyReport> {
        let mut report = VerifyReport {
            submissions: 0,
            parts: 0,
            files: 0,
            seals: 0,
            problems: Vec::new(),
            changed_since_submitted: None,
            confirmed: Vec::new(),
        };
        let submissions = self.submissions()?;
        let mut submitted_files = self.verify_submissions(&submissions, &mut report)?;
        let latest = submissions.last();
        let latest_parts = match latest {
            Some(s) => self.submission_parts(s.version)?,
            None => Vec::new(),
        };

        // Each party's records against its seal (a seal of a party this app
        // does not know makes the file damaged, as any unknown stored value).
        let sealed_parties: Vec<(Role, Option<String>)> = {
            let mut stmt = self.conn.prepare("SELECT party, recorded_by FROM seal")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()
                .map_err(|e| self.named(e.into()))?
        };
        for (p, recorded_by) in &sealed_parties {
            let party = crate::storage::owners::Party::of(*p);
            if party.seals_every_write && recorded_by.is_some() {
                report.problems.push(format!(
                    "{} seal names an audit entry as its record, which it never has.",
                    capitalised(whose(*p))
                ));
            }
            let mut stmt = self
                .conn
                .prepare("SELECT position FROM seal_part WHERE party = ?1 ORDER BY position")?;
            let positions: Vec<i64> = stmt
                .query_map([p], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if !positions.iter().enumerate().all(|(i, x)| *x == i as i64) {
                report.problems.push(format!(
                    "{} seal's parts are not numbered in order.",
                    capitalised(whose(*p))
                ));
            }
        }
        let mut learner_differs = false;
        for party in PARTIES {
            let p = party.role;
            let Some(sealed) = seal::load(&self.conn, p)? else {
                if party.seals_every_write && seal::has_records(&self.conn, p)? {
                    report.problems.push(format!(
                        "{} records are not sealed: they were not made by this app, or were changed outside it.",
                        capitalised(whose(p))
                    ));
                }
                if p == Role::Learner && latest_parts.iter().any(|x| x.key == "seal") {
                    report.problems.push(
                        "The seal of the learner's records that the latest submission names is missing."
                            .into(),
                    );
                }
                continue;
            };
            report.seals += 1;
            if sealed.parts.iter().any(|x| !x.intact())
                || fingerprint(&sealed.parts) != sealed.fingerprint
            {
                report.problems.push(format!(
                    "{} seal does not match its own parts (fingerprint {}).",
                    capitalised(whose(p)),
                    short_fingerprint(&sealed.fingerprint)
                ));
                continue;
            }
            let mut now = seal::party_parts(&self.conn, p)?;
            if p == Role::Learner {
                self.check_learner_seal(&sealed, latest, &latest_parts, &mut report)?;
                if let Some(uid) = &sealed.recorded_by {
                    let own = format!("audit:{uid}");
                    now.retain(|x| x.key != own);
                }
            }
            let changed = differences(&sealed.parts, &now);
            if changed.is_empty() {
                continue;
            }
            if p == Role::Learner {
                learner_differs = true;
                if own_work {
                    continue;
                }
            }
            let names: Vec<String> = changed.iter().map(seal::describe).collect();
            report.problems.push(match (p, latest) {
                (Role::Learner, Some(s)) => format!(
                    "The learner's content is not what was submitted as version {} (fingerprint {}): {}.",
                    s.version,
                    short_fingerprint(&s.fingerprint),
                    named(&names)
                ),
                _ => format!(
                    "{} records are not what the app sealed: {}.",
                    capitalised(whose(p)),
                    named(&names)
                ),
            });
        }

        // The learner's content against the latest submission, part by part.
        if let Some(s) = latest {
            let changes = content_changes(&latest_parts, &content()?);
            if own_work {
                // Work in progress is what changed in the content: not the
                // learner's later audit entries (a receipt) or history.
                if !changes.is_empty() {
                    report.changed_since_submitted = Some(ChangedSinceSubmitted {
                        version: s.version,
                        fingerprint: s.fingerprint.clone(),
                        changed: changes.iter().map(short_change).collect(),
                    });
                }
            } else if !changes.is_empty() && !learner_differs {
                let names: Vec<String> = changes.iter().map(describe_content_change).collect();
                report.problems.push(format!(
                    "The learner's content is not what was submitted as version {} (fingerprint {}): {}.",
                    s.version,
                    short_fingerprint(&s.fingerprint),
                    named(&names)
                ));
            }
        }

        self.verify_sign_offs(&submissions, &mut report)?;
        for bad in seal::values_out_of_domain(&self.conn, 20)? {
            report.problems.push(format!("{}.", capitalised(&bad)));
        }
        self.verify_stored_files(&mut submitted_files, &mut report, hasher)?;
        if report.ok() {
            self.confirm(latest, &mut report)?;
        }
        Ok(report)
    }

    /// Each submission's parts, fingerprint, declaration, audit entry and
    /// stored files. Returns which stored files the submissions say they
    /// contain (SHA-256 → names).
    fn verify_submissions(
        &self,
        submissions: &[Submission],
        report: &mut VerifyReport,
    ) -> Result<BTreeMap<String, Vec<String>>> {
        let mut submitted_files: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for s in submissions {
            report.submissions += 1;
            let parts = self.submission_parts(s.version)?;
            let mut shas: BTreeSet<String> = BTreeSet::new();
            for p in &parts {
                report.parts += 1;
                if sha256_hex(p.content.as_bytes()) != p.sha256 {
                    report.problems.push(format!(
                        "Submission {}: {} has changed since it was submitted.",
                        s.version,
                        canonical::describe_key(&p.key)
                    ));
                }
                if p.key.starts_with("evidence:") {
                    if let Ok(e) = serde_json::from_str::<EvidencePart>(&p.content) {
                        for AttachmentPart {
                            file_name, sha256, ..
                        } in e.attachments
                        {
                            shas.insert(sha256.clone());
                            submitted_files
                                .entry(sha256)
                                .or_default()
                                .push(format!("{file_name} ({})", e.reference));
                        }
                    }
                }
            }
            if !numbered_in_order(
                &self.conn,
                "SELECT position FROM submission_part WHERE version = ?1 ORDER BY position",
                s.version,
            )? {
                report.problems.push(format!(
                    "Submission {}: its parts are not numbered in order.",
                    s.version
                ));
            }
            if fingerprint(&parts) != s.fingerprint {
                report.problems.push(format!(
                    "Submission {}: its content does not match its fingerprint {} (parts were added, removed or replaced).",
                    s.version,
                    short_fingerprint(&s.fingerprint)
                ));
            }
            let declared = parts
                .iter()
                .find(|p| p.key == "declaration")
                .and_then(|p| serde_json::from_str::<DeclarationPart>(&p.content).ok());
            if !declared.is_some_and(|d| {
                d.name == s.declared_name && d.date == s.declared_on && d.text == s.declaration
            }) {
                report.problems.push(format!(
                    "Submission {}: its declaration (name, date or words) is not the one the learner confirmed.",
                    s.version
                ));
            }
            let recorded: bool = self.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM audit WHERE role = 'learner' AND event = 'submitted'
                     AND version = ?1 AND at = ?2 AND detail = ?3)",
                (
                    s.version,
                    &s.submitted_at,
                    short_fingerprint(&s.fingerprint),
                ),
                |r| r.get(0),
            )?;
            if !recorded {
                report.problems.push(format!(
                    "Submission {}: its time or fingerprint is not the one the audit trail recorded when it was submitted.",
                    s.version
                ));
            }
            let kept: BTreeSet<String> = {
                let mut stmt = self.conn.prepare(
                    "SELECT c.sha256 FROM submission_content s JOIN content c ON c.id = s.content_id WHERE s.version = ?1",
                )?;
                let rows = stmt.query_map([s.version], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            if kept != shas {
                report.problems.push(format!(
                    "Submission {}: the stored files it keeps are not the files it holds.",
                    s.version
                ));
            }
        }
        Ok(submitted_files)
    }

    /// The learner's seal belongs to the latest submission: that submission
    /// names its fingerprint, and its audit entry recorded it.
    fn check_learner_seal(
        &self,
        sealed: &seal::Seal,
        latest: Option<&Submission>,
        latest_parts: &[Part],
        report: &mut VerifyReport,
    ) -> Result<()> {
        let named_fp = latest_parts
            .iter()
            .find(|p| p.key == "seal")
            .and_then(|p| serde_json::from_str::<serde_json::Value>(&p.content).ok())
            .and_then(|v| v["fingerprint"].as_str().map(str::to_string));
        let recorded: Option<(String, String, Option<u32>, String)> = match &sealed.recorded_by {
            Some(uid) => self
                .conn
                .query_row(
                    "SELECT role, event, version, at FROM audit WHERE uid = ?1",
                    [uid],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?,
            None => None,
        };
        let belongs = match latest {
            Some(s) => {
                named_fp.as_deref() == Some(sealed.fingerprint.as_str())
                    && recorded
                        == Some((
                            "learner".into(),
                            "submitted".into(),
                            Some(s.version),
                            s.submitted_at.clone(),
                        ))
            }
            None => false,
        };
        if !belongs {
            report.problems.push(format!(
                "The seal of the learner's records (fingerprint {}) is not the one the latest submission made.",
                short_fingerprint(&sealed.fingerprint)
            ));
        }
        Ok(())
    }

    /// Each sign-off against the submission it signs and what it signs.
    fn verify_sign_offs(
        &self,
        submissions: &[Submission],
        report: &mut VerifyReport,
    ) -> Result<()> {
        for sign_off in self.sign_offs()? {
            let submitted = submissions.iter().find(|s| s.version == sign_off.version);
            if submitted.map(|s| s.fingerprint.as_str()) != Some(sign_off.fingerprint.as_str()) {
                report.problems.push(format!(
                    "The sign-off of submission {} was given for different content (fingerprint {}).",
                    sign_off.version,
                    short_fingerprint(&sign_off.fingerprint)
                ));
            }
            let now = seal::assessment_fingerprint(&self.conn, Role::Assessor, sign_off.version)?;
            if sign_off.assessment.as_deref() != Some(now.as_str()) {
                report.problems.push(format!(
                    "The judgements and feedback up to version {} are not the ones {} signed off on {}.",
                    sign_off.version,
                    sign_off.assessor_name,
                    crate::timestamp::date_in_words(&sign_off.signed_on)
                ));
            }
        }
        for decision in self.iqa_record()?.decisions {
            if !submissions.iter().any(|s| s.version == decision.version) {
                report.problems.push(format!(
                    "The IQA decision on version {} is about a submission this file does not hold.",
                    decision.version
                ));
            }
            if decision.sampled != self.sampled_fingerprint(decision.version)? {
                report.problems.push(format!(
                    "The IQA's samples up to version {} are not the ones {} signed on {}.",
                    decision.version,
                    decision.iqa_name,
                    crate::timestamp::date_in_words(&decision.signed_on)
                ));
            }
        }
        Ok(())
    }

    /// Every stored file: its bytes against its SHA-256; and every file a
    /// submission holds is still stored.
    fn verify_stored_files(
        &self,
        submitted_files: &mut BTreeMap<String, Vec<String>>,
        report: &mut VerifyReport,
        hasher: Option<Portfolio>,
    ) -> Result<()> {
        let mut stored: Vec<(i64, String, i64)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id, sha256, size FROM content ORDER BY id")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let files = StoredFiles::new(&stored);
        std::thread::scope(|scope| -> Result<()> {
            let files = &files;
            // The other connection ends its read transaction as it closes.
            let helping = hasher.map(|h| scope.spawn(move || files.hash_on(&h.conn)));
            let here = files.hash_on(&self.conn);
            let there = match helping {
                Some(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                None => Ok(()),
            };
            here.and(there)
        })?;
        let hashed = files.into_hashed();
        for ((id, sha256, size), (actual, total, in_order)) in stored.drain(..).zip(hashed) {
            report.files += 1;
            if actual != sha256 || total != size || !in_order {
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
        for (sha256, names) in std::mem::take(submitted_files) {
            report.problems.push(format!(
                "The file {} that was submitted is missing (SHA-256 {sha256}).",
                names.join(", ")
            ));
        }
        Ok(())
    }

    /// What holds, in sentences (called only when nothing is wrong).
    fn confirm(&self, latest: Option<&Submission>, report: &mut VerifyReport) -> Result<()> {
        if let Some(s) = latest {
            if report.changed_since_submitted.is_none() {
                report.confirmed.push(format!(
                    "The learner's content is exactly what was submitted as version {}, declared on {} (fingerprint {}).",
                    s.version,
                    crate::timestamp::date_in_words(&s.declared_on),
                    short_fingerprint(&s.fingerprint)
                ));
            }
        }
        let sign_offs = self.sign_offs()?;
        for so in &sign_offs {
            let assessment = seal::assessment_fingerprint(&self.conn, Role::Assessor, so.version)?;
            report.confirmed.push(format!(
                "The assessor's judgements and feedback up to version {} are exactly what {} signed off on {} (assessment fingerprint {}).",
                so.version,
                so.assessor_name,
                crate::timestamp::date_in_words(&so.signed_on),
                short_fingerprint(&assessment)
            ));
        }
        let judged: Option<u32> =
            self.conn
                .query_row("SELECT max(version) FROM judgement", [], |r| r.get(0))?;
        if let Some(v) = judged.filter(|v| !sign_offs.iter().any(|so| so.version == *v)) {
            let assessment = seal::assessment_fingerprint(&self.conn, Role::Assessor, v)?;
            report.confirmed.push(format!(
                "The assessor's judgements of version {v} are exactly as their app sealed them (assessment fingerprint {}); they are not signed off.",
                short_fingerprint(&assessment)
            ));
        }
        for d in self.iqa_record()?.decisions {
            report.confirmed.push(format!(
                "The IQA's samples of version {} are what {} signed on {}.",
                d.version,
                d.iqa_name,
                crate::timestamp::date_in_words(&d.signed_on),
            ));
        }
        if report.files > 0 {
            report.confirmed.push(format!(
                "Every stored file ({}) is byte for byte the file that was attached.",
                report.files
            ));
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Hashing the stored files on two connections finds what one finds, in
    /// the same order: here three changed files among many.
    #[test]
    fn stored_files_hashed_on_two_connections_are_reported_as_on_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.portfolio");
        let options = crate::demo::DemoOptions {
            evidence: 24,
            photos: 0,
            ..Default::default()
        };
        crate::demo::create_demo(&path, &options).unwrap();
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            let ids: Vec<i64> = conn
                .prepare("SELECT id FROM content ORDER BY id")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert!(ids.len() >= 10, "{} stored files", ids.len());
            for id in [ids[0], ids[ids.len() / 2], ids[ids.len() - 1]] {
                conn.execute(
                    "UPDATE content_chunk SET data = zeroblob(length(data)) WHERE content_id = ?1 AND seq = 0",
                    [id],
                )
                .unwrap();
            }
        }
        let p = Portfolio::open(&path).unwrap();
        let alone = p.verify().unwrap();
        assert_eq!(
            alone
                .problems
                .iter()
                .filter(|m| m.contains("has changed: its bytes no longer match"))
                .count(),
            3,
            "{:?}",
            alone.problems
        );
        let hasher = p.second_reader().unwrap();
        hasher.conn.execute_batch("BEGIN").unwrap();
        hasher.read_now().unwrap();
        let beside = p.verify_given(|| p.content_parts(), Some(hasher)).unwrap();
        assert_eq!(beside, alone);
    }
}
