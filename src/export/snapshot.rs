//! Reads everything the PDF shows out of a portfolio, in one read
//! transaction so the export is one consistent moment of the file: profile,
//! self-assessments, every evidence record whole, witnesses, coverage, the
//! print renditions of photos, the exchange's records and the partnership
//! register.

use super::records::{self, Checked, Records};
use super::{Progress, Stage};
use crate::catalogue::{ItemKind, Standard};
use crate::coverage::Coverage;
use crate::error::Result;
use crate::evidence::attachments::{Preview, PreviewKind};
use crate::evidence::{Evidence, EvidenceQuery, WitnessStatus};
use crate::exchange::canonical::Part;
use crate::exchange::Judgement;
use crate::profile::LearnerProfile;
use crate::self_assessment::SelfAssessment;
use crate::storage::Portfolio;
use std::collections::BTreeMap;

/// How many prepared statements the connection keeps while the export reads
/// (see `Snapshot::read_checking`), and rusqlite's default, restored after.
const STATEMENTS_WHILE_READING: usize = 64;
const STATEMENTS_DEFAULT: usize = 16;

/// One item's evidence as its section lists it.
#[derive(Debug, Clone)]
pub(crate) struct ItemEvidence {
    /// Index into [`Snapshot::evidence`].
    pub evidence: usize,
    pub note: String,
}

/// The portfolio as the export sees it.
pub(crate) struct Snapshot {
    pub profile: LearnerProfile,
    pub standard: Standard,
    /// Every item's self-assessment, by item id.
    pub assessments: BTreeMap<String, SelfAssessment>,
    /// Every record, whole, in reference order.
    pub evidence: Vec<Evidence>,
    /// Evidence mapped to each item (by item id), in reference order.
    pub by_item: BTreeMap<String, Vec<ItemEvidence>>,
    pub witnesses: Vec<WitnessStatus>,
    pub coverage: Coverage,
    /// Print renditions (JPEG) of image attachments, by attachment id.
    pub previews: BTreeMap<i64, Preview>,
    pub records: Records,
    /// The partnership register, whole.
    pub partnerships: super::partnerships::PartnershipsSnapshot,
    /// The assessment plan, the progress reviews in order, and every
    /// item's feedback thread (by item in order, each oldest first).
    pub plan: crate::assessment_plan::AssessmentPlan,
    pub reviews: Vec<crate::reviews::ProgressReview>,
    pub threads: Vec<crate::feedback_thread::ThreadEntry>,
    /// The internal quality assurer's samples and decisions.
    pub iqa: crate::iqa::IqaRecord,
}

/// The export's check of the file: made, or being made on a second
/// connection (see [`Snapshot::read_checking`]).
pub(crate) enum Check<'scope> {
    Made(Checked),
    Making(std::thread::ScopedJoinHandle<'scope, Result<Checked>>),
}

impl Check<'_> {
    /// What the check found, once it is made.
    pub fn wait(self) -> Result<Checked> {
        match self {
            Check::Made(c) => Ok(c),
            Check::Making(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
        }
    }
}

impl Snapshot {
    /// Reads the portfolio and checks the file, on this connection.
    pub fn read(p: &Portfolio, progress: &mut dyn FnMut(Progress)) -> Result<Snapshot> {
        let (mut snapshot, check) = Snapshot::read_checking(p, progress, None)?;
        snapshot.records.set_check(check.wait()?);
        Ok(snapshot)
    }

    /// Reads the portfolio in one read transaction; its records come without
    /// the check of the file (`records::check`), which is returned apart.
    /// With `scope`, the check is made on a thread there, on a second
    /// connection that begins reading while this one's read transaction
    /// holds the file's shared lock: no write can be committed between the
    /// two (the file uses SQLite's rollback journal, where a writer commits
    /// only once no connection holds that lock), so both read the same
    /// moment of the file. If that connection cannot open or begin reading
    /// at once (a writer is waiting to commit), or without `scope`, the check
    /// is made here, inside this transaction, as before.
    pub fn read_checking<'scope, 'env>(
        p: &Portfolio,
        progress: &mut dyn FnMut(Progress),
        scope: Option<&'scope std::thread::Scope<'scope, 'env>>,
    ) -> Result<(Snapshot, Check<'scope>)> {
        // Reading a record makes more kinds of query than SQLite's cache of
        // prepared statements keeps by default (16), for a record made
        // from the partnership register the partner's too: with room for
        // them all, each is prepared once, not once a record. And SQLite
        // would otherwise prepare a statement again whenever a new value is
        // bound to it, in case the value calls for another query plan
        // (every record's id; a tenth of the reading): the query planner
        // stability guarantee keeps each plan. Both are put back after.
        p.conn
            .set_prepared_statement_cache_capacity(STATEMENTS_WHILE_READING);
        let _ = p.conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        );
        let read = Snapshot::read_in_transaction(p, progress, scope);
        let _ = p.conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            false,
        );
        p.conn
            .set_prepared_statement_cache_capacity(STATEMENTS_DEFAULT);
        read
    }

    fn read_in_transaction<'scope, 'env>(
        p: &Portfolio,
        progress: &mut dyn FnMut(Progress),
        scope: Option<&'scope std::thread::Scope<'scope, 'env>>,
    ) -> Result<(Snapshot, Check<'scope>)> {
        // A read transaction: no other connection's write lands half-way.
        let tx = p.conn.unchecked_transaction()?;
        // The first read takes the shared lock, held until the end.
        let summaries = p.list_evidence(&EvidenceQuery::default())?;
        let (began, begun) = std::sync::mpsc::channel::<bool>();
        // The content parts this connection reads (for the front sheet's
        // fingerprint) are the check's too: both read the same moment.
        let (parts_read, parts) = std::sync::mpsc::channel::<Vec<Part>>();
        let checking = match (scope, p.second_reader()) {
            (Some(scope), Ok(reader)) => {
                // A third connection hashes stored files beside the check's
                // (`Portfolio::verify_given`), when the second core is free.
                let hasher = p.second_reader().ok();
                Some(scope.spawn(move || {
                    let tx = match reader.conn.unchecked_transaction().and_then(|tx| {
                        reader.read_now()?;
                        Ok(tx)
                    }) {
                        Ok(tx) => tx,
                        Err(e) => {
                            let _ = began.send(false);
                            return Err(e.into());
                        }
                    };
                    // It begins reading while this export's transaction holds
                    // the shared lock too, so it reads the same moment; if it
                    // cannot at once, the check hashes every file itself.
                    let hasher = hasher.filter(|h| {
                        h.conn
                            .execute_batch("BEGIN")
                            .and_then(|()| h.read_now())
                            .is_ok()
                    });
                    let _ = began.send(true);
                    let checked = records::check(
                        &reader,
                        || match parts.recv() {
                            Ok(parts) => Ok(parts),
                            // This side failed before reading them.
                            Err(_) => reader.content_parts(),
                        },
                        hasher,
                    );
                    tx.finish()?;
                    checked
                }))
            }
            _ => None,
        };
        let total = summaries.len() as u32;
        progress(Progress::new(Stage::Reading, 0, total));
        let mut evidence = Vec::with_capacity(summaries.len());
        let mut previews = BTreeMap::new();
        for (n, s) in summaries.iter().enumerate() {
            let e = p.evidence(&s.reference)?;
            for a in e.attachments.iter().filter(|a| a.has_preview) {
                // An image whose print rendition is missing is still listed
                // with its name, size and SHA-256; only the picture is absent.
                if let Ok(preview) = p.attachment_preview(a.id, PreviewKind::Print) {
                    previews.insert(a.id, preview);
                }
            }
            evidence.push(e);
            progress(Progress::new(Stage::Reading, n as u32 + 1, total));
        }
        let mut by_item: BTreeMap<String, Vec<ItemEvidence>> = BTreeMap::new();
        for (i, e) in evidence.iter().enumerate() {
            for m in &e.mappings {
                by_item
                    .entry(m.item_id.clone())
                    .or_default()
                    .push(ItemEvidence {
                        evidence: i,
                        note: m.note.clone(),
                    });
            }
        }
        let (records, content_parts) = records::load_unchecked(p)?;
        if checking.is_some() {
            let _ = parts_read.send(content_parts.clone());
        }
        let profile = p.profile()?;
        let assessments = p.self_assessments()?;
        let witnesses = p.witnesses()?;
        let snapshot = Snapshot {
            profile,
            standard: p.standard().clone(),
            assessments: assessments
                .into_iter()
                .map(|a| (a.item_id.clone(), a))
                .collect(),
            evidence,
            by_item,
            witnesses,
            coverage: p.coverage()?,
            previews,
            records,
            partnerships: super::partnerships::PartnershipsSnapshot::read(p)?,
            plan: p.assessment_plan()?,
            reviews: p.progress_reviews()?,
            threads: p.feedback_threads()?,
            iqa: p.iqa_record()?,
        };
        // This transaction ends only once the check's has begun (or failed to).
        let check = match checking {
            Some(h) if begun.recv() == Ok(true) => Check::Making(h),
            other => {
                if let Some(h) = other {
                    let _ = h.join();
                }
                Check::Made(records::check(p, || Ok(content_parts), None)?)
            }
        };
        tx.finish()?;
        Ok((snapshot, check))
    }

    /// The items of one kind, in the standard's order.
    pub fn items(&self, kind: ItemKind) -> impl Iterator<Item = &crate::catalogue::Item> + '_ {
        self.standard
            .items()
            .filter(move |(k, _)| *k == kind)
            .map(|(_, item)| item)
    }

    /// An item's self-assessment (untouched if the file has none).
    pub fn assessment(&self, item_id: &str) -> SelfAssessment {
        self.assessments
            .get(item_id)
            .cloned()
            .unwrap_or_else(|| SelfAssessment {
                item_id: item_id.to_string(),
                rating: None,
                account: String::new(),
                updated_at: None,
            })
    }

    /// How many pieces of evidence are mapped to an item.
    pub fn evidence_count(&self, item_id: &str) -> usize {
        self.by_item.get(item_id).map_or(0, Vec::len)
    }

    /// The latest judgement of each item (the highest version judged).
    pub fn latest_judgements(&self) -> BTreeMap<&str, &Judgement> {
        let mut latest: BTreeMap<&str, &Judgement> = BTreeMap::new();
        for j in &self.records.judgements {
            let slot = latest.entry(j.item_id.as_str()).or_insert(j);
            if j.version >= slot.version {
                *slot = j;
            }
        }
        latest
    }

    /// An item's feedback thread, oldest first.
    pub fn thread(&self, item_id: &str) -> Vec<&crate::feedback_thread::ThreadEntry> {
        self.threads
            .iter()
            .filter(|e| e.item_id == item_id)
            .collect()
    }

    /// Every judgement of an item, newest version first.
    pub fn judgements_for(&self, item_id: &str) -> Vec<&Judgement> {
        let mut list: Vec<&Judgement> = self
            .records
            .judgements
            .iter()
            .filter(|j| j.item_id == item_id)
            .collect();
        list.sort_by(|a, b| {
            b.version
                .cmp(&a.version)
                .then(b.judged_at.cmp(&a.judged_at))
        });
        list
    }
}
