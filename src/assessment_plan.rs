//! The assessment plan that learner and assessor agree: for each item (or
//! group of items set together) the planned method(s) of assessment from the
//! evidence methods, a target date and a note.
//!
//! Either side drafts it. Each party's drafts are its own rows (`plan_item`,
//! owned by `drafted_by`, see `src/storage/owners.rs`), so neither side can
//! change the other's; for each item the plan holds the draft of the highest
//! round (a new draft's round is one more than the highest it replaces).
//! The plan as a whole has a fingerprint ([`AssessmentPlan::fingerprint`]);
//! each party's acceptance (`plan_acceptance`, its own row) records the
//! fingerprint it accepted, and an acceptance of other content than the
//! plan as it is now is refused. The plan is agreed while both acceptances
//! hold the fingerprint of the plan as it is: a change after acceptance
//! leaves it not agreed until both accept again.
//!
//! Either side can remove an item's line ([`Portfolio::remove_plan`]): their
//! draft of the next round keeps the line as it stood and records when they
//! removed it (`removed_at`; who is `drafted_by`). While that is the item's
//! highest round the item has no line, so the plan's fingerprint changes
//! and earlier acceptances no longer hold, as after any change; the plan
//! lists what was removed, by whom and when ([`AssessmentPlan::removed`]).
//! Setting the item again drafts a new round over the removal.
//!
//! Items past their target date with no evidence mapped are overdue
//! ([`AssessmentPlan::overdue`]), shown on the overview.

use crate::error::{Error, Result};
use crate::evidence::EvidenceMethod;
use crate::exchange::AuditEvent;
use crate::storage::{Change, Portfolio, Role};
use crate::text::{multi_line, required_line, MAX_NAME_CHARS};
use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

/// The longest note on a plan entry.
pub const MAX_NOTE_CHARS: usize = 5_000;

/// One item's line of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PlanEntry {
    pub item_id: String,
    /// The planned methods, in the evidence methods' order.
    pub methods: Vec<EvidenceMethod>,
    /// The methods in words ("Direct observation, Product evidence").
    pub methods_label: String,
    /// The target date (YYYY-MM-DD).
    pub target_on: String,
    pub note: String,
    /// Who drafted this line as it stands.
    pub drafted_by: Role,
    pub updated_at: String,
    /// Past its target date with no evidence mapped to the item.
    pub overdue: bool,
}

/// A party's acceptance of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PlanAcceptance {
    pub party: Role,
    pub name: String,
    pub accepted_at: String,
    /// The fingerprint of the plan accepted.
    pub plan: String,
    /// Whether it is an acceptance of the plan as it is now.
    pub current: bool,
}

/// An item whose line a party removed from the plan (and has not been set again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RemovedPlanLine {
    pub item_id: String,
    pub removed_by: Role,
    pub removed_at: String,
}

/// The plan as it stands, with its acceptances.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AssessmentPlan {
    /// One entry per planned item, in the standard's order.
    pub entries: Vec<PlanEntry>,
    /// SHA-256 of the plan's content (items, methods, targets, notes).
    pub fingerprint: String,
    pub acceptances: Vec<PlanAcceptance>,
    /// Both learner and assessor have accepted the plan as it is.
    pub agreed: bool,
    /// Items past their target date with no evidence mapped, in order.
    pub overdue: Vec<String>,
    /// Lines removed from the plan, in the standard's order.
    pub removed: Vec<RemovedPlanLine>,
}

/// What a plan line says, as the fingerprint holds it.
#[derive(Serialize)]
struct FingerprintedEntry<'a> {
    item_id: &'a str,
    methods: Vec<&'static str>,
    target_on: &'a str,
    note: &'a str,
}

impl AssessmentPlan {
    /// Whether `party` has accepted the plan as it is.
    pub fn accepted_by(&self, party: Role) -> bool {
        self.acceptances
            .iter()
            .any(|a| a.party == party && a.current)
    }
}

/// Parses an item list like `P1,P2,K4` against the standard (ids as the
/// standard spells them, each once, in the order given).
pub fn parse_items(p: &Portfolio, items: &str) -> Result<Vec<String>> {
    let mut ids: Vec<String> = Vec::new();
    for part in items.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let id = p.standard().require_item(part)?.1.id.clone();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err(Error::invalid_input(
            "Name the items the plan is for, e.g. P1,P2,K4.",
        ));
    }
    Ok(ids)
}

/// Parses a method list like `observation,product` (command-line names or
/// stored names); at least one.
pub fn parse_methods(methods: &str) -> Result<Vec<EvidenceMethod>> {
    let mut list = Vec::new();
    for part in methods.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let m = EvidenceMethod::parse(part)?;
        if !list.contains(&m) {
            list.push(m);
        }
    }
    if list.is_empty() {
        return Err(Error::invalid_input(
            "Name at least one method of assessment, e.g. observation,product.",
        ));
    }
    Ok(sorted(list))
}

fn sorted(mut list: Vec<EvidenceMethod>) -> Vec<EvidenceMethod> {
    list.sort_by_key(|m| EvidenceMethod::ALL.iter().position(|x| x == m));
    list
}

/// A plan note, cleaned by the app's rules.
pub(crate) fn clean_note(note: &str) -> Result<String> {
    multi_line(note, "plan's note", MAX_NOTE_CHARS)
}

/// A stored method list (`observation,product`), strictly.
pub(crate) fn stored_methods(text: &str) -> Result<Vec<EvidenceMethod>> {
    text.split(',')
        .map(|k| {
            EvidenceMethod::from_key(k).ok_or_else(|| {
                Error::new(
                    crate::error::ErrorCode::Damaged,
                    format!("The assessment plan names an unknown evidence method \"{k}\"."),
                )
            })
        })
        .collect()
}

fn stored_key(methods: &[EvidenceMethod]) -> String {
    methods
        .iter()
        .map(|m| m.key())
        .collect::<Vec<_>>()
        .join(",")
}

/// A name given to accept or sign, cleaned.
pub(crate) fn clean_name(name: &str, missing: &str) -> Result<String> {
    required_line(name, "name", MAX_NAME_CHARS, missing)
}

impl Portfolio {
    /// The assessment plan as it stands, its fingerprint and acceptances.
    pub fn assessment_plan(&self) -> Result<AssessmentPlan> {
        self.assessment_plan_on(&crate::timestamp::today().to_string())
    }

    /// As [`Portfolio::assessment_plan`], with `today` deciding what is overdue.
    pub fn assessment_plan_on(&self, today: &str) -> Result<AssessmentPlan> {
        type Row = (String, String, String, String, Role, String, Option<String>);
        let rows: Vec<Row> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT p.item_id, p.methods, p.target_on, p.note, p.drafted_by, p.updated_at, p.removed_at
                 FROM plan_item p JOIN standard_item i ON i.id = p.item_id
                 WHERE NOT EXISTS (SELECT 1 FROM plan_item q WHERE q.item_id = p.item_id
                     AND (q.round > p.round OR (q.round = p.round AND q.updated_at > p.updated_at)
                          OR (q.round = p.round AND q.updated_at = p.updated_at AND q.drafted_by > p.drafted_by)))
                 ORDER BY i.position",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let evidenced: std::collections::HashSet<String> = {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT DISTINCT item_id FROM mapping")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut entries = Vec::with_capacity(rows.len());
        let mut removed = Vec::new();
        for (item_id, methods, target_on, note, drafted_by, updated_at, removed_at) in rows {
            if let Some(removed_at) = removed_at {
                removed.push(RemovedPlanLine {
                    item_id,
                    removed_by: drafted_by,
                    removed_at,
                });
                continue;
            }
            let methods = stored_methods(&methods)?;
            let overdue = target_on.as_str() < today && !evidenced.contains(&item_id);
            entries.push(PlanEntry {
                methods_label: methods
                    .iter()
                    .map(|m| m.label())
                    .collect::<Vec<_>>()
                    .join(", "),
                methods,
                item_id,
                target_on,
                note,
                drafted_by,
                updated_at,
                overdue,
            });
        }
        let fingerprint = plan_fingerprint(&entries);
        let acceptances: Vec<PlanAcceptance> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT party, name, accepted_at, plan FROM plan_acceptance ORDER BY party = 'assessor', party",
            )?;
            let rows = stmt.query_map([], |r| {
                let plan: String = r.get(3)?;
                Ok(PlanAcceptance {
                    party: r.get(0)?,
                    name: r.get(1)?,
                    accepted_at: r.get(2)?,
                    current: plan == fingerprint,
                    plan,
                })
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let overdue = entries
            .iter()
            .filter(|e| e.overdue)
            .map(|e| e.item_id.clone())
            .collect();
        let mut plan = AssessmentPlan {
            entries,
            fingerprint,
            acceptances,
            agreed: false,
            overdue,
            removed,
        };
        plan.agreed = !plan.entries.is_empty()
            && plan.accepted_by(Role::Learner)
            && plan.accepted_by(Role::Assessor);
        Ok(plan)
    }

    /// Drafts the plan for `items` (ids as in the standard): the planned
    /// methods, the target date (YYYY-MM-DD) and a note, as this file's
    /// party (the learner in their portfolio, the assessor in their copy).
    /// Replaces what the plan said for those items.
    pub fn set_plan(
        &mut self,
        items: &[String],
        methods: &[EvidenceMethod],
        target_on: &str,
        note: &str,
    ) -> Result<AssessmentPlan> {
        let target = crate::timestamp::parse_date(target_on, "target date")?.to_string();
        let note = clean_note(note)?;
        if methods.is_empty() {
            return Err(Error::invalid_input(
                "Name at least one method of assessment, e.g. observation,product.",
            ));
        }
        let methods = stored_key(&sorted(methods.to_vec()));
        let mut ids = Vec::with_capacity(items.len());
        for item in items {
            ids.push(self.standard().require_item(item)?.1.id.clone());
        }
        if ids.is_empty() {
            return Err(Error::invalid_input(
                "Name the items the plan is for, e.g. P1,P2,K4.",
            ));
        }
        let role = self.role()?.cycle_party()?;
        self.write(role, |w| {
            let before = w.assessment_plan()?.fingerprint;
            for id in &ids {
                let current = current_draft(w.tx(), id)?;
                // The same line again, already this party's: nothing changes.
                if let Some(c) = &current {
                    if c.methods == methods
                        && c.target_on == target
                        && c.note == note
                        && c.drafted_by == w.role()
                        && !c.removed
                    {
                        continue;
                    }
                }
                let round = current.map_or(1, |c| c.round + 1);
                upsert_draft(w, id, round, &methods, &target, &note, None)?;
                if w.role() == Role::Learner {
                    w.record(Change {
                        subject: "plan",
                        item_id: Some(id),
                        field: "plan",
                        value: Some(&format!("{methods} by {target}")),
                        evidence_ref: None,
                        partnership_ref: None,
                    })?;
                }
            }
            let after = w.assessment_plan()?;
            if after.fingerprint != before {
                let name = w.party_name(w.role())?;
                w.audit(AuditEvent::PlanChanged, &name, None, &ids.join(", "))?;
            }
            Ok(after)
        })
    }

    /// Removes the lines for `items` (ids as in the standard) from the plan,
    /// as this file's party: each becomes their draft of the next round,
    /// the line as it stood, marked removed now. Refused, with nothing
    /// changed, if any of the items has no line in the plan.
    pub fn remove_plan(&mut self, items: &[String]) -> Result<AssessmentPlan> {
        let mut ids = Vec::with_capacity(items.len());
        for item in items {
            let id = self.standard().require_item(item)?.1.id.clone();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        if ids.is_empty() {
            return Err(Error::invalid_input(
                "Name the items whose plan to remove, e.g. P1,P2.",
            ));
        }
        let role = self.role()?.cycle_party()?;
        self.write(role, |w| {
            let mut lines = Vec::with_capacity(ids.len());
            for id in &ids {
                match current_draft(w.tx(), id)? {
                    Some(c) if !c.removed => lines.push(c),
                    _ => {
                        return Err(Error::invalid_input(format!(
                            "{id} has no line in the assessment plan to remove."
                        )))
                    }
                }
            }
            let now = w.now();
            for (id, c) in ids.iter().zip(&lines) {
                upsert_draft(
                    w,
                    id,
                    c.round + 1,
                    &c.methods,
                    &c.target_on,
                    &c.note,
                    Some(now),
                )?;
                if w.role() == Role::Learner {
                    w.record(Change {
                        subject: "plan",
                        item_id: Some(id),
                        field: "plan",
                        value: None,
                        evidence_ref: None,
                        partnership_ref: None,
                    })?;
                }
            }
            let name = w.party_name(w.role())?;
            w.audit(
                AuditEvent::PlanChanged,
                &name,
                None,
                &format!("removed {}", ids.join(", ")),
            )?;
            w.assessment_plan()
        })
    }

    /// Records this file's party's acceptance of the plan whose fingerprint
    /// is `fingerprint` (the plan as the person read it), by `name`.
    /// Refused if the plan is empty or is no longer that content.
    pub fn accept_plan(&mut self, name: &str, fingerprint: &str) -> Result<AssessmentPlan> {
        let name = clean_name(name, "Type your name to accept the plan.")?;
        let role = self.role()?.cycle_party()?;
        self.write(role, |w| {
            let plan = w.assessment_plan()?;
            if plan.entries.is_empty() {
                return Err(Error::invalid_input(
                    "There is no assessment plan to accept yet: set it first with plan set.",
                ));
            }
            if plan.fingerprint != fingerprint.trim() {
                return Err(Error::invalid_input(format!(
                    "The assessment plan has changed since it was read (it is now {}, not {}): read it again before accepting it.",
                    crate::exchange::short_fingerprint(&plan.fingerprint),
                    crate::exchange::short_fingerprint(fingerprint.trim())
                )));
            }
            if plan.accepted_by(w.role()) {
                return Ok(plan);
            }
            w.tx().execute(
                "INSERT INTO plan_acceptance (party, name, accepted_at, plan) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (party) DO UPDATE SET name = excluded.name, accepted_at = excluded.accepted_at,
                     plan = excluded.plan",
                (w.role(), &name, w.now(), &plan.fingerprint),
            )?;
            w.audit(
                AuditEvent::PlanAccepted,
                &name,
                None,
                &crate::exchange::short_fingerprint(&plan.fingerprint),
            )?;
            w.assessment_plan()
        })
    }

    /// The name of the person for `party` as this file knows it: the
    /// learner's full name, or the assessor's name from their latest
    /// judgement, sign-off or the learner's profile.
    pub(crate) fn party_name(&self, party: Role) -> Result<String> {
        let profile = self.profile()?;
        Ok(match party {
            Role::Learner => profile.full_name,
            Role::Iqa => self
                .iqa_record()?
                .latest()
                .map(|d| d.iqa_name.clone())
                .unwrap_or_default(),
            Role::Assessor => {
                let judged: Option<String> = self
                    .conn
                    .query_row(
                        "SELECT assessor_name FROM judgement ORDER BY judged_at DESC LIMIT 1",
                        [],
                        |r| r.get(0),
                    )
                    .optional()?;
                judged.unwrap_or(profile.assessor_name)
            }
        })
    }
}

/// An item's draft of the highest round (the one the plan holds).
struct CurrentDraft {
    round: i64,
    methods: String,
    target_on: String,
    note: String,
    drafted_by: Role,
    removed: bool,
}

fn current_draft(tx: &rusqlite::Connection, item_id: &str) -> Result<Option<CurrentDraft>> {
    Ok(tx
        .query_row(
            "SELECT round, methods, target_on, note, drafted_by, removed_at IS NOT NULL FROM plan_item
             WHERE item_id = ?1 ORDER BY round DESC, updated_at DESC, drafted_by DESC LIMIT 1",
            [item_id],
            |r| {
                Ok(CurrentDraft {
                    round: r.get(0)?,
                    methods: r.get(1)?,
                    target_on: r.get(2)?,
                    note: r.get(3)?,
                    drafted_by: r.get(4)?,
                    removed: r.get(5)?,
                })
            },
        )
        .optional()?)
}

/// Writes this party's draft of `item_id` (one row per party and item).
fn upsert_draft(
    w: &crate::storage::Write<'_>,
    item_id: &str,
    round: i64,
    methods: &str,
    target_on: &str,
    note: &str,
    removed_at: Option<&str>,
) -> Result<()> {
    w.tx().execute(
        "INSERT INTO plan_item (drafted_by, item_id, round, methods, target_on, note, updated_at, removed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (drafted_by, item_id) DO UPDATE SET round = excluded.round,
             methods = excluded.methods, target_on = excluded.target_on, note = excluded.note,
             updated_at = excluded.updated_at, removed_at = excluded.removed_at",
        (w.role(), item_id, round, methods, target_on, note, w.now(), removed_at),
    )?;
    Ok(())
}

/// The fingerprint of the plan's content.
fn plan_fingerprint(entries: &[PlanEntry]) -> String {
    let content: Vec<FingerprintedEntry> = entries
        .iter()
        .map(|e| FingerprintedEntry {
            item_id: &e.item_id,
            methods: e.methods.iter().map(|m| m.key()).collect(),
            target_on: &e.target_on,
            note: &e.note,
        })
        .collect();
    crate::fingerprint::sha256_hex(
        serde_json::to_string(&content)
            .expect("plan serialises")
            .as_bytes(),
    )
}

/// The learner's own drafts and acceptance, as the canonical content holds
/// them (no times: a draft set again unchanged is the same content). Their
/// removals are the items and rounds of the drafts marked removed, left out
/// when there are none (so content from before removals keeps its
/// fingerprint).
#[derive(Serialize)]
pub(crate) struct LearnersPlan {
    pub drafts: Vec<(String, i64, String, String, String)>,
    pub accepted: Option<(String, String)>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<(String, i64)>,
}

impl Portfolio {
    /// The learner's drafts of the plan and their acceptance (`None` if
    /// they have neither), for the canonical content.
    pub(crate) fn learners_plan(&self) -> Result<Option<LearnersPlan>> {
        let mut drafts = Vec::new();
        let mut removed = Vec::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT p.item_id, p.round, p.methods, p.target_on, p.note, p.removed_at IS NOT NULL
                 FROM plan_item p JOIN standard_item i ON i.id = p.item_id
                 WHERE p.drafted_by = 'learner' ORDER BY i.position",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                if r.get::<_, bool>(5)? {
                    removed.push((r.get(0)?, r.get(1)?));
                } else {
                    drafts.push((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?));
                }
            }
        }
        let accepted: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT name, plan FROM plan_acceptance WHERE party = 'learner'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if drafts.is_empty() && accepted.is_none() && removed.is_empty() {
            return Ok(None);
        }
        Ok(Some(LearnersPlan {
            drafts,
            accepted,
            removed,
        }))
    }
}
