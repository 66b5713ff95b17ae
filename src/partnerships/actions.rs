//! The action plan of a partnership: what will be done, which element of
//! the health check it answers, who owns it, by when, and whether it is
//! done. An action not done by its due date is overdue. Each action may
//! name the health check it answers (by default the partnership's latest).
//! References `AC1`, `AC2`, ...

use super::register::partner_id;
use super::{template, RecordKind, MAX_NAME_CHARS, MAX_TEXT_CHARS};
use crate::error::{Error, Result};
use crate::storage::{Change, Portfolio, Role};
use crate::text::{multi_line, single_line};
use jiff::civil::Date;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A new action, as the form (or the CLI) gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionInput {
    /// What will be done.
    pub action: String,
    /// The health check element it answers (`communication`).
    pub element: String,
    /// Who will do it.
    pub owner: String,
    /// YYYY-MM-DD.
    pub due: String,
    /// The health check it answers (`HC2`); the partnership's latest when
    /// not given (none if it has no check yet).
    #[serde(default)]
    pub health_check: Option<String>,
}

/// An action in a partnership's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Action {
    /// `AC1`, `AC2`, ...
    pub reference: String,
    pub number: u32,
    /// The partnership (`PT1`).
    pub partner: String,
    /// The health check it answers, if any (`HC2`).
    pub health_check: Option<String>,
    pub action: String,
    pub element: String,
    pub element_name: String,
    pub owner: String,
    pub due: String,
    /// The date it was done; `None` while it is not done.
    pub done_on: Option<String>,
    /// Not done, and the due date has passed.
    pub overdue: bool,
    pub created_at: String,
    pub updated_at: String,
}

fn action_id(conn: &rusqlite::Connection, number: u32) -> Result<i64> {
    conn.query_row(
        "SELECT id FROM partnership_action WHERE id = ?1",
        [number],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| {
        Error::not_found(format!(
            "There is no action {} in this portfolio.",
            RecordKind::Action.reference(number)
        ))
    })
}

/// An action's text and owner, cleaned; both are needed.
pub(crate) fn clean_texts(action: &str, owner: &str) -> Result<(String, String)> {
    let action = multi_line(action, "action", MAX_TEXT_CHARS)?;
    if action.trim().is_empty() {
        return Err(Error::invalid_input("Say what the action is."));
    }
    let owner = single_line(owner, "action's owner", MAX_NAME_CHARS)?;
    if owner.is_empty() {
        return Err(Error::invalid_input("Say who owns the action."));
    }
    Ok((action, owner))
}

/// The element with this id, or a message listing them.
pub(crate) fn require_element(id: &str) -> Result<&'static template::Element> {
    template::element(id.trim()).ok_or_else(|| {
        let ids: Vec<&str> = template::ELEMENTS.iter().map(|e| e.id).collect();
        Error::invalid_input(format!(
            "“{}” is not an element of the health check; use one of: {}.",
            id.trim(),
            ids.join(", ")
        ))
    })
}

impl Portfolio {
    /// Adds an action to a partnership's plan.
    pub fn add_action(&mut self, partner: &str, input: &ActionInput) -> Result<Action> {
        let partner_number = RecordKind::Partner.parse(partner)?;
        let (action, owner) = clean_texts(&input.action, &input.owner)?;
        let element = require_element(&input.element)?;
        let due = crate::timestamp::parse_date(&input.due, "due date")?;
        let check = input
            .health_check
            .as_deref()
            .filter(|c| !c.trim().is_empty())
            .map(|c| RecordKind::HealthCheck.parse(c))
            .transpose()?;
        let number = self.write(Role::Learner, |w| {
            let pid = partner_id(w.tx(), partner_number)?;
            let check_id: Option<i64> = match check {
                Some(n) => {
                    let of: Option<i64> = w
                        .tx()
                        .query_row("SELECT partner_id FROM health_check WHERE id = ?1", [n], |r| r.get(0))
                        .optional()?;
                    match of {
                        Some(p) if p == pid => Some(n as i64),
                        Some(_) => {
                            return Err(Error::invalid_input(format!(
                                "Health check {} is of another partnership.",
                                RecordKind::HealthCheck.reference(n)
                            )))
                        }
                        None => {
                            return Err(Error::not_found(format!(
                                "There is no health check {} in this portfolio.",
                                RecordKind::HealthCheck.reference(n)
                            )))
                        }
                    }
                }
                None => w
                    .tx()
                    .query_row(
                        "SELECT id FROM health_check WHERE partner_id = ?1 ORDER BY held_on DESC, id DESC LIMIT 1",
                        [pid],
                        |r| r.get(0),
                    )
                    .optional()?,
            };
            w.tx().execute(
                "INSERT INTO partnership_action (partner_id, check_id, action, element, owner, due_on, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                (pid, check_id, &action, element.id, &owner, due.to_string(), w.now()),
            )?;
            let id = w.tx().last_insert_rowid() as u32;
            let r = RecordKind::Action.reference(id);
            w.record(Change::partnership(&r, "added", Some(&action)))?;
            Ok(id)
        })?;
        self.action(&RecordKind::Action.reference(number))
    }

    /// Marks an action done (on `on`, today when `None`) or not done.
    pub fn set_action_done(
        &mut self,
        reference: &str,
        done: bool,
        on: Option<&str>,
    ) -> Result<Action> {
        let number = RecordKind::Action.parse(reference)?;
        let done_on = match (done, on.map(str::trim)) {
            (false, _) => None,
            (true, None | Some("")) => Some(crate::timestamp::today().to_string()),
            (true, Some(d)) => {
                Some(crate::timestamp::parse_date(d, "date it was done")?.to_string())
            }
        };
        self.write(Role::Learner, |w| {
            let id = action_id(w.tx(), number)?;
            let changed = w.tx().execute(
                "UPDATE partnership_action SET done_on = ?1, updated_at = ?2 WHERE id = ?3 AND done_on IS NOT ?1",
                (&done_on, w.now(), id),
            )?;
            if changed > 0 {
                let r = RecordKind::Action.reference(number);
                w.record(Change::partnership(&r, "done", done_on.as_deref()))?;
            }
            Ok(())
        })?;
        self.action(reference)
    }

    /// Removes an action from the plan.
    pub fn remove_action(&mut self, reference: &str) -> Result<()> {
        let number = RecordKind::Action.parse(reference)?;
        self.write(Role::Learner, |w| {
            let id = action_id(w.tx(), number)?;
            w.tx()
                .execute("DELETE FROM partnership_action WHERE id = ?1", [id])?;
            let r = RecordKind::Action.reference(number);
            w.record(Change::partnership(&r, "removed", None))
        })
    }

    /// One action.
    pub fn action(&self, reference: &str) -> Result<Action> {
        let number = RecordKind::Action.parse(reference)?;
        action_id(&self.conn, number)?;
        self.read_actions(Some(number), None, crate::timestamp::today())?
            .pop()
            .ok_or_else(|| Error::internal("an action went missing while it was read"))
    }

    /// A partnership's plan (`Some(PT1)`) or every action, by due date.
    pub fn actions(&self, partner: Option<&str>) -> Result<Vec<Action>> {
        self.actions_as_of(partner, crate::timestamp::today())
    }

    /// As [`Portfolio::actions`], with overdue judged on `today`.
    pub fn actions_as_of(&self, partner: Option<&str>, today: Date) -> Result<Vec<Action>> {
        let pid = partner
            .map(|p| partner_id(&self.conn, RecordKind::Partner.parse(p)?))
            .transpose()?;
        self.read_actions(None, pid, today)
    }

    fn read_actions(
        &self,
        number: Option<u32>,
        pid: Option<i64>,
        today: Date,
    ) -> Result<Vec<Action>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, partner_id, check_id, action, element, owner, due_on, done_on, created_at, updated_at
             FROM partnership_action
             WHERE (?1 IS NULL OR id = ?1) AND (?2 IS NULL OR partner_id = ?2)
             ORDER BY due_on, id",
        )?;
        let today = today.to_string();
        let rows = stmt.query_map((number, pid), |r| {
            let number: u32 = r.get(0)?;
            let element: String = r.get(4)?;
            let element = template::element(&element)
                .ok_or_else(|| super::damaged_value(4, "health check element", &element))?;
            let due = super::stored_date(r, 6, "due date of an action")?;
            let done_on = super::stored_optional_date(r, 7, "date an action was done")?;
            Ok(Action {
                reference: RecordKind::Action.reference(number),
                number,
                partner: RecordKind::Partner.reference(r.get(1)?),
                health_check: r
                    .get::<_, Option<u32>>(2)?
                    .map(|c| RecordKind::HealthCheck.reference(c)),
                action: r.get(3)?,
                element: element.id.to_string(),
                element_name: element.name.to_string(),
                owner: r.get(5)?,
                overdue: done_on.is_none() && due < today,
                due,
                done_on,
                created_at: r.get(8)?,
                updated_at: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
