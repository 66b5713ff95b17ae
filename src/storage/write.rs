//! The one write path. Every change to a portfolio is a [`Write`]: one
//! transaction, opened by [`Portfolio::write`] for the owner of the content it
//! changes, which
//!
//! - checks the file's role against that owner (a learner's file changes only
//!   the learner's content, an assessor's copy only the assessor's; see
//!   [`Role`]), before anything is read or written;
//! - stamps one time, [`Write::now`], on everything written in it;
//! - appends to the history ([`Write::record`]) and the audit trail
//!   ([`Write::audit`]) with that time and the writer's role;
//! - for a party that seals every write (the assessor; see
//!   [`super::seal`]): refuses to start if its records are not what it
//!   sealed, and at the end seals them again, withdrawing its sign-offs
//!   whose records changed;
//! - keeps `portfolio.updated_at` true (the contract below);
//! - commits, or rolls everything back if the change fails.
//!
//! **The `updated_at` contract.** `portfolio.updated_at` is when the file last
//! changed: a write whose statements changed at least one row (content,
//! submissions, judgements, audit entries, stored files) sets it to the
//! write's `now` as its last statement before committing. A write that
//! changed nothing (the same value set again) leaves it as it was. Nothing
//! else writes it, so no call site can forget it.

use super::{Portfolio, Role};
use crate::error::Result;
use rusqlite::{Connection, Savepoint, ToSql, Transaction, TransactionBehavior};
use std::ops::Deref;

/// A write in progress: the transaction, its time and its writer's role.
/// It reads as the [`Portfolio`] it changes (reads see its own writes).
pub(crate) struct Write<'p> {
    portfolio: &'p Portfolio,
    tx: Transaction<'p>,
    now: String,
    role: Role,
    changes_before: u64,
    /// Set by a restore (the open export's import): the time the content
    /// last changed in the file it came from, stamped instead of `now`.
    restored_updated_at: Option<String>,
}

/// One change, as the history records it (the writer's role and the time
/// come from the [`Write`]).
pub(crate) struct Change<'a> {
    pub subject: &'static str,
    pub item_id: Option<&'a str>,
    pub field: &'static str,
    pub value: Option<&'a str>,
    pub evidence_ref: Option<&'a str>,
    /// The partnership record the change is about (PT1, AG1, HC1, ...).
    pub partnership_ref: Option<&'a str>,
}

impl<'a> Change<'a> {
    fn of(subject: &'static str, field: &'static str, value: Option<&'a str>) -> Self {
        Self {
            subject,
            item_id: None,
            field,
            value,
            evidence_ref: None,
            partnership_ref: None,
        }
    }
    pub fn portfolio(field: &'static str, value: Option<&'a str>) -> Self {
        Self::of("portfolio", field, value)
    }
    pub fn profile(field: &'static str, value: Option<&'a str>) -> Self {
        Self::of("profile", field, value)
    }
    pub fn self_assessment(item_id: &'a str, field: &'static str, value: Option<&'a str>) -> Self {
        Self {
            item_id: Some(item_id),
            ..Self::of("self_assessment", field, value)
        }
    }
    /// A change to a piece of evidence (`field` says what: "added", "title", ...).
    pub fn evidence(reference: &'a str, field: &'static str, value: Option<&'a str>) -> Self {
        Self {
            evidence_ref: Some(reference),
            ..Self::of("evidence", field, value)
        }
    }
    /// A change to a record of the partnership register (`reference`: PT1,
    /// N1, AG1, HC1 or AC1; `field` says what: "added", "revised", ...).
    pub fn partnership(reference: &'a str, field: &'static str, value: Option<&'a str>) -> Self {
        Self {
            partnership_ref: Some(reference),
            ..Self::of("partnership", field, value)
        }
    }
    /// A change to how a piece of evidence maps to an item.
    pub fn mapping(
        reference: &'a str,
        item_id: &'a str,
        field: &'static str,
        value: Option<&'a str>,
    ) -> Self {
        Self {
            item_id: Some(item_id),
            ..Self::evidence(reference, field, value)
        }
    }
}

impl Portfolio {
    /// Runs `change` as one write by `owner`, the role that owns the content
    /// it changes: refused (`ErrorCode::ReadOnly`) unless this file is
    /// `owner`'s; committed only if `change` succeeds.
    pub(crate) fn write<T>(
        &mut self,
        owner: Role,
        change: impl FnOnce(&mut Write<'_>) -> Result<T>,
    ) -> Result<T> {
        self.write_as(owner, false, change)
    }

    /// Makes this file `role`'s copy, then runs `change` as a write by that
    /// role, in one transaction. Only for a checked copy of someone else's
    /// file that becomes this side's (the assessor's working copy of a
    /// learner's submission).
    pub(crate) fn adopt<T>(
        &mut self,
        role: Role,
        change: impl FnOnce(&mut Write<'_>) -> Result<T>,
    ) -> Result<T> {
        self.write_as(role, true, change)
    }

    fn write_as<T>(
        &mut self,
        role: Role,
        adopting: bool,
        change: impl FnOnce(&mut Write<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut w = Write::begin(self)?;
        if w.role != role {
            if !adopting {
                return Err(w.role.refusal(role));
            }
            w.tx.execute("UPDATE portfolio SET role = ?1", [role])?;
            w.role = role;
        }
        if adopting {
            // It is this side's working copy now, no longer a file in transit.
            w.tx.execute("UPDATE portfolio SET sent_at = NULL", [])?;
        }
        super::seal::before_write(&w)?;
        let out = change(&mut w)?;
        w.commit()?;
        Ok(out)
    }

    /// Whose copy this file is.
    pub fn role(&self) -> Result<Role> {
        self.conn
            .query_row("SELECT role FROM portfolio", [], |r| r.get(0))
            .map_err(|e| self.named(e.into()))
    }

    /// Refuses early, before slow work, what [`Portfolio::write`] would
    /// refuse anyway.
    pub(crate) fn require_role(&self, owner: Role) -> Result<()> {
        match self.role()? {
            role if role == owner => Ok(()),
            role => Err(role.refusal(owner)),
        }
    }
}

impl<'p> Write<'p> {
    fn begin(portfolio: &'p Portfolio) -> Result<Write<'p>> {
        let conn: &'p Connection = &portfolio.conn;
        let changes_before = conn.total_changes();
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        let role = tx
            .query_row("SELECT role FROM portfolio", [], |r| r.get(0))
            .map_err(|e| portfolio.named(e.into()))?;
        Ok(Write {
            portfolio,
            tx,
            now: crate::timestamp::now(),
            role,
            changes_before,
            restored_updated_at: None,
        })
    }

    /// A write on a file being made (no portfolio record yet): a learner's.
    pub(super) fn begin_new(portfolio: &'p Portfolio) -> Result<Write<'p>> {
        let conn: &'p Connection = &portfolio.conn;
        Ok(Write {
            portfolio,
            changes_before: conn.total_changes(),
            tx: Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?,
            now: crate::timestamp::now(),
            role: Role::Learner,
            restored_updated_at: None,
        })
    }

    /// If anything changed: seals the writer's records again (for a party
    /// that seals every write, withdrawing any of its sign-offs whose
    /// records changed; see [`super::seal`]), stamps `updated_at`; then
    /// commits.
    pub(super) fn commit(self) -> Result<()> {
        if self.tx.total_changes() > self.changes_before {
            super::seal::after_write(&self)?;
            let at = self.restored_updated_at.as_ref().unwrap_or(&self.now);
            self.tx
                .execute("UPDATE portfolio SET updated_at = ?1", [at])?;
        }
        self.tx.commit()?;
        Ok(())
    }

    /// Makes this write stamp `updated_at` with the time the content last
    /// changed in the file it is restored from (an import of an open
    /// export rebuilds content; it does not change it).
    pub fn restore_updated_at(&mut self, at: &str) {
        self.restored_updated_at = Some(at.to_string());
    }

    /// The role of the file being written (the party writing).
    pub fn role(&self) -> Role {
        self.role
    }

    /// The time of this write, as stored.
    pub fn now(&self) -> &str {
        &self.now
    }

    /// The transaction, for the write's own statements.
    pub fn tx(&self) -> &Connection {
        &self.tx
    }

    /// A savepoint inside the write (work that may be undone on its own).
    pub fn savepoint(&mut self) -> Result<Savepoint<'_>> {
        Ok(self.tx.savepoint()?)
    }

    /// Appends a change to the history, at this write's time and by its role.
    pub fn record(&self, change: Change<'_>) -> Result<()> {
        self.tx.execute(
            "INSERT INTO history (at, actor, subject, item_id, field, value, evidence_ref, partnership_ref)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            (
                &self.now,
                self.role,
                change.subject,
                change.item_id,
                change.field,
                change.value,
                change.evidence_ref,
                change.partnership_ref,
            ),
        )?;
        Ok(())
    }

    /// Appends an event to the audit trail, at this write's time and by its
    /// role; `name` is the person's name as they gave it.
    pub fn audit(
        &self,
        event: impl ToSql,
        name: &str,
        version: Option<u32>,
        detail: &str,
    ) -> Result<()> {
        self.audit_entry(event, name, version, detail).map(|_| ())
    }

    /// As [`Write::audit`], returning the new entry's unique id.
    pub fn audit_entry(
        &self,
        event: impl ToSql,
        name: &str,
        version: Option<u32>,
        detail: &str,
    ) -> Result<String> {
        let uid = uuid::Uuid::new_v4().to_string();
        self.tx.execute(
            "INSERT INTO audit (uid, at, role, name, event, version, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            (
                &uid,
                &self.now,
                self.role,
                name,
                event,
                version,
                detail,
            ),
        )?;
        Ok(uid)
    }
}

impl Deref for Write<'_> {
    type Target = Portfolio;
    fn deref(&self) -> &Portfolio {
        self.portfolio
    }
}
