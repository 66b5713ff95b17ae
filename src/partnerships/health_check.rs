//! The partnership health check: done for one partnership on a date, by
//! several respondents (the learner and as many partners as took part), each
//! scoring [`super::template`]'s statements from 1 (strongly disagree) to 5
//! (strongly agree) or "don't know", with an optional comment. Its results
//! ([`super::scoring`]) compare each check with the previous check of the
//! same partnership. References `HC1`, `HC2`, ...
//!
//! Answers arrive typed in the app, or from an answers file
//! ([`parse_answers_json`]): a JSON object mapping each statement id to a
//! score or null, with an optional `comments` object.

use super::actions::Action;
use super::register::partner_id;
use super::scoring::{self, Answers, ElementResult};
use super::template::{self, TEMPLATE_VERSION};
use super::{RecordKind, MAX_NAME_CHARS, MAX_TEXT_CHARS};
use crate::error::{Error, ErrorCode, Result};
use crate::storage::{Change, Portfolio, Role, Write};
use crate::text::{multi_line, single_line};
use jiff::civil::Date;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;
use ts_rs::TS;

/// One answer as typed: a statement, its score (`None`: don't know) and a comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "HealthCheckAnswerInput")]
pub struct AnswerInput {
    pub statement_id: String,
    #[ts(type = "1 | 2 | 3 | 4 | 5 | null")]
    pub score: Option<u8>,
    #[serde(default)]
    pub comment: String,
}

/// One respondent's answers to a check of a partnership on a date (the
/// check is made if the partnership has none on that date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HealthCheckResponseInput {
    pub respondent: String,
    /// The date of the check; today when not given.
    #[serde(default)]
    pub date: Option<String>,
    /// Statements left out count as "don't know".
    pub answers: Vec<AnswerInput>,
}

/// One stored answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "HealthCheckAnswer")]
pub struct Answer {
    pub statement_id: String,
    /// The element it belongs to (`goals`).
    pub element: String,
    #[ts(type = "1 | 2 | 3 | 4 | 5 | null")]
    pub score: Option<u8>,
    pub comment: String,
}

/// One respondent's answers, every statement in the template's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "HealthCheckResponse")]
pub struct Response {
    pub respondent: String,
    pub answers: Vec<Answer>,
    /// Statements scored 1–5, and answered "don't know" (or left blank).
    pub scored: u32,
    pub dont_know: u32,
}

/// A health check with its results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HealthCheck {
    /// `HC1`, `HC2`, ...
    pub reference: String,
    pub number: u32,
    /// The partnership (`PT1`) and its name.
    pub partner: String,
    pub partner_name: String,
    pub date: String,
    /// The version of the statements it was answered against.
    pub template_version: u32,
    /// In the order they answered.
    pub respondents: Vec<Response>,
    /// Each element's results, in the template's order.
    pub results: Vec<ElementResult>,
    /// The previous check of the same partnership (`HC1`), which the
    /// results' changes compare with.
    pub previous: Option<String>,
    /// Elements where respondents differ by two points or more.
    pub flagged: Vec<String>,
    /// Elements whose mean rose, and fell, since the previous check.
    pub improved: Vec<String>,
    pub declined: Vec<String>,
    /// The actions that answer this check.
    pub actions: Vec<Action>,
    /// The results in a few sentences (never ranking anyone).
    pub summary: String,
    pub created_at: String,
    pub updated_at: String,
}

/// The largest answers file read: far more than any real one.
const MAX_ANSWERS_FILE_BYTES: u64 = 1 << 20;

/// Reads an answers file (see [`parse_answers_json`]), refusing anything
/// larger than an answers file can be.
pub fn answers_from_file(path: &Path) -> Result<Vec<AnswerInput>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
    let mut bytes = Vec::new();
    file.take(MAX_ANSWERS_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, &e))?;
    if bytes.len() as u64 > MAX_ANSWERS_FILE_BYTES {
        return Err(Error::invalid_input(format!(
            "{} is too large to be an answers file.",
            path.display()
        )));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::invalid_input(format!(
            "{} is not an answers file: it is not text (JSON).",
            path.display()
        ))
    })?;
    parse_answers_json(&text)
        .map_err(|e| Error::new(e.code, format!("{}: {}", path.display(), e.message)))
}

/// Reads answers written as JSON: an object mapping each statement id of
/// the template to a score from 1 to 5 or null ("don't know"), with an
/// optional `comments` object mapping statement ids to text.
///
/// ```
/// # use partnership_portfolio::partnerships::health_check::parse_answers_json;
/// let a = parse_answers_json(r#"{"goals.1": 4, "goals.2": null, "comments": {"goals.1": "Mostly."}}"#).unwrap();
/// assert_eq!((a[0].score, a[0].comment.as_str()), (Some(4), "Mostly."));
/// assert!(parse_answers_json(r#"{"goals.1": 6}"#).is_err());
/// ```
pub fn parse_answers_json(text: &str) -> Result<Vec<AnswerInput>> {
    use serde_json::Value;
    let how = "it should map each statement id (see `health-check template --json`) to a score from 1 to 5 or null";
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Error::invalid_input(format!("The answers are not valid JSON ({e}); {how}."))
    })?;
    let Value::Object(map) = value else {
        return Err(Error::invalid_input(format!(
            "The answers are not a JSON object; {how}."
        )));
    };
    let mut answers: Vec<AnswerInput> = Vec::new();
    let mut comments = serde_json::Map::new();
    for (key, value) in map {
        if key == "comments" {
            match value {
                Value::Object(c) => comments = c,
                Value::Null => {}
                _ => return Err(Error::invalid_input(
                    "The answers' \"comments\" must be an object mapping statement ids to text.",
                )),
            }
            continue;
        }
        known_statement(&key)?;
        let score = match &value {
            Value::Null => None,
            Value::Number(n) => match n.as_u64() {
                Some(s @ 1..=5) => Some(s as u8),
                _ => return Err(score_error(&key, &n.to_string())),
            },
            other => return Err(score_error(&key, &other.to_string())),
        };
        answers.push(AnswerInput {
            statement_id: key,
            score,
            comment: String::new(),
        });
    }
    for (key, value) in comments {
        known_statement(&key)?;
        let Value::String(comment) = value else {
            return Err(Error::invalid_input(format!(
                "The comment on {key} must be text."
            )));
        };
        match answers.iter_mut().find(|a| a.statement_id == key) {
            Some(a) => a.comment = comment,
            None => answers.push(AnswerInput {
                statement_id: key,
                score: None,
                comment,
            }),
        }
    }
    Ok(answers)
}

fn known_statement(id: &str) -> Result<&'static template::Statement> {
    template::statement(id).map(|(_, s)| s).ok_or_else(|| {
        Error::invalid_input(format!(
            "“{id}” is not a statement of the health check; its statements are goals.1 to difficulties.4 (see `health-check template`)."
        ))
    })
}

fn score_error(id: &str, given: &str) -> Error {
    Error::invalid_input(format!(
        "The score for {id} is {given}; a score is a whole number from 1 (strongly disagree) to 5 (strongly agree), or null for “don’t know”."
    ))
}

/// Answers checked: known statements, each once, scores 1–5, comments
/// cleaned; every statement of the template in its order (left out: don't know).
fn clean_answers(answers: &[AnswerInput]) -> Result<Vec<(&'static str, Option<u8>, String)>> {
    for (i, a) in answers.iter().enumerate() {
        known_statement(&a.statement_id)?;
        if let Some(s) = a.score.filter(|s| !(1..=5).contains(s)) {
            return Err(score_error(&a.statement_id, &s.to_string()));
        }
        if answers[..i]
            .iter()
            .any(|b| b.statement_id == a.statement_id)
        {
            return Err(Error::invalid_input(format!(
                "{} is answered twice.",
                a.statement_id
            )));
        }
    }
    template::statement_ids()
        .map(|id| match answers.iter().find(|a| a.statement_id == id) {
            Some(a) => Ok((id, a.score, clean_comment(id, &a.comment)?)),
            None => Ok((id, None, String::new())),
        })
        .collect()
}

/// A comment on statement `id`, cleaned.
pub(crate) fn clean_comment(id: &str, comment: &str) -> Result<String> {
    multi_line(comment, &format!("comment on {id}"), MAX_TEXT_CHARS)
}

/// A respondent's name, cleaned; it is needed.
pub(crate) fn clean_respondent(name: &str) -> Result<String> {
    let name = single_line(name, "respondent's name", MAX_NAME_CHARS)?;
    if name.is_empty() {
        return Err(Error::invalid_input(
            "Say who answered: a respondent needs a name.",
        ));
    }
    Ok(name)
}

fn check_id(conn: &rusqlite::Connection, number: u32) -> Result<i64> {
    conn.query_row("SELECT id FROM health_check WHERE id = ?1", [number], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| {
        Error::not_found(format!(
            "There is no health check {} in this portfolio.",
            RecordKind::HealthCheck.reference(number)
        ))
    })
}

/// Makes the check of partner `pid` on `date`; refuses a second one.
fn insert_check(w: &Write<'_>, pid: i64, date: Date) -> Result<i64> {
    if let Some(existing) = existing_check(w.tx(), pid, date)? {
        return Err(Error::new(
            ErrorCode::AlreadyExists,
            format!(
                "This partnership already has a health check on {date} ({}); add respondents to it.",
                RecordKind::HealthCheck.reference(existing as u32)
            ),
        ));
    }
    w.tx().execute(
        "INSERT INTO health_check (partner_id, held_on, template_version, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        (pid, date.to_string(), TEMPLATE_VERSION, w.now()),
    )?;
    let id = w.tx().last_insert_rowid();
    let r = RecordKind::HealthCheck.reference(id as u32);
    w.record(Change::partnership(&r, "added", Some(&date.to_string())))?;
    Ok(id)
}

fn existing_check(conn: &rusqlite::Connection, pid: i64, date: Date) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM health_check WHERE partner_id = ?1 AND held_on = ?2",
            (pid, date.to_string()),
            |r| r.get(0),
        )
        .optional()?)
}

/// Adds a respondent's answers to check `id`; refuses a name that answered it already.
fn insert_response(
    w: &Write<'_>,
    id: i64,
    respondent: &str,
    answers: &[(&str, Option<u8>, String)],
) -> Result<()> {
    let taken: Vec<String> = {
        let mut stmt = w
            .tx()
            .prepare("SELECT name FROM health_check_respondent WHERE check_id = ?1")?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if let Some(name) = taken
        .iter()
        .find(|n| n.to_lowercase() == respondent.to_lowercase())
    {
        return Err(Error::new(
            ErrorCode::AlreadyExists,
            format!(
                "“{name}” has already answered health check {}; change their answers there, or give another name.",
                RecordKind::HealthCheck.reference(id as u32)
            ),
        ));
    }
    let position: i64 = w.tx().query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM health_check_respondent WHERE check_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    w.tx().execute(
        "INSERT INTO health_check_respondent (check_id, position, name, added_at) VALUES (?1, ?2, ?3, ?4)",
        (id, position, respondent, w.now()),
    )?;
    let mut insert = w.tx().prepare(
        "INSERT INTO health_check_answer (check_id, position, statement_id, score, comment) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (statement, score, comment) in answers {
        insert.execute((id, position, statement, score, comment))?;
    }
    w.tx().execute(
        "UPDATE health_check SET updated_at = ?1 WHERE id = ?2",
        (w.now(), id),
    )?;
    let r = RecordKind::HealthCheck.reference(id as u32);
    w.record(Change::partnership(&r, "response", Some(respondent)))
}

/// The stored respondent's position and name as recorded, or a clear "did not answer".
fn respondent_position(
    conn: &rusqlite::Connection,
    id: i64,
    respondent: &str,
) -> Result<(i64, String)> {
    let mut stmt =
        conn.prepare("SELECT position, name FROM health_check_respondent WHERE check_id = ?1")?;
    let rows: Vec<(i64, String)> = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .find(|(_, n)| n.to_lowercase() == respondent.trim().to_lowercase())
        .ok_or_else(|| {
            Error::not_found(format!(
                "Nobody called “{}” answered health check {}.",
                respondent.trim(),
                RecordKind::HealthCheck.reference(id as u32)
            ))
        })
}

impl Portfolio {
    /// Starts a health check of a partnership on a date (no answers yet).
    pub fn add_health_check(&mut self, partner: &str, date: &str) -> Result<HealthCheck> {
        let partner_number = RecordKind::Partner.parse(partner)?;
        let date = crate::timestamp::parse_date(date, "date of the health check")?;
        let id = self.write(Role::Learner, |w| {
            let pid = partner_id(w.tx(), partner_number)?;
            insert_check(w, pid, date)
        })?;
        self.health_check(&RecordKind::HealthCheck.reference(id as u32))
    }

    /// Records one respondent's answers to the check of a partnership on the
    /// input's date (today when not given), starting the check if the
    /// partnership has none on that date. All or nothing.
    pub fn record_health_check(
        &mut self,
        partner: &str,
        input: &HealthCheckResponseInput,
    ) -> Result<HealthCheck> {
        let partner_number = RecordKind::Partner.parse(partner)?;
        let respondent = clean_respondent(&input.respondent)?;
        let answers = clean_answers(&input.answers)?;
        let date = match input.date.as_deref().map(str::trim) {
            None | Some("") => crate::timestamp::today(),
            Some(d) => crate::timestamp::parse_date(d, "date of the health check")?,
        };
        let id = self.write(Role::Learner, |w| {
            let pid = partner_id(w.tx(), partner_number)?;
            let id = match existing_check(w.tx(), pid, date)? {
                Some(id) => id,
                None => insert_check(w, pid, date)?,
            };
            insert_response(w, id, &respondent, &answers)?;
            Ok(id)
        })?;
        self.health_check(&RecordKind::HealthCheck.reference(id as u32))
    }

    /// Adds a respondent's answers to an existing check.
    pub fn add_health_check_response(
        &mut self,
        check: &str,
        respondent: &str,
        answers: &[AnswerInput],
    ) -> Result<HealthCheck> {
        let number = RecordKind::HealthCheck.parse(check)?;
        let respondent = clean_respondent(respondent)?;
        let answers = clean_answers(answers)?;
        self.write(Role::Learner, |w| {
            let id = check_id(w.tx(), number)?;
            insert_response(w, id, &respondent, &answers)
        })?;
        self.health_check(check)
    }

    /// Replaces the answers of someone who answered a check (a typing
    /// mistake put right); their place in the order is kept.
    pub fn replace_health_check_response(
        &mut self,
        check: &str,
        respondent: &str,
        answers: &[AnswerInput],
    ) -> Result<HealthCheck> {
        let number = RecordKind::HealthCheck.parse(check)?;
        let answers = clean_answers(answers)?;
        self.write(Role::Learner, |w| {
            let id = check_id(w.tx(), number)?;
            let (position, name) = respondent_position(w.tx(), id, respondent)?;
            let mut update = w.tx().prepare(
                "UPDATE health_check_answer SET score = ?1, comment = ?2
                 WHERE check_id = ?3 AND position = ?4 AND statement_id = ?5 AND (score, comment) IS NOT (?1, ?2)",
            )?;
            let mut changed = 0;
            for (statement, score, comment) in &answers {
                changed += update.execute((score, comment, id, position, statement))?;
            }
            if changed > 0 {
                w.tx().execute(
                    "UPDATE health_check SET updated_at = ?1 WHERE id = ?2",
                    (w.now(), id),
                )?;
                let r = RecordKind::HealthCheck.reference(number);
                w.record(Change::partnership(&r, "response_changed", Some(&name)))?;
            }
            Ok(())
        })?;
        self.health_check(check)
    }

    /// Removes one respondent's answers from a check.
    pub fn remove_health_check_response(
        &mut self,
        check: &str,
        respondent: &str,
    ) -> Result<HealthCheck> {
        let number = RecordKind::HealthCheck.parse(check)?;
        self.write(Role::Learner, |w| {
            let id = check_id(w.tx(), number)?;
            let (position, name) = respondent_position(w.tx(), id, respondent)?;
            w.tx().execute(
                "DELETE FROM health_check_respondent WHERE check_id = ?1 AND position = ?2",
                (id, position),
            )?;
            let r = RecordKind::HealthCheck.reference(number);
            w.record(Change::partnership(&r, "response_removed", Some(&name)))
        })?;
        self.health_check(check)
    }

    /// Removes a check with all its answers (its actions stay in the plan).
    pub fn remove_health_check(&mut self, check: &str) -> Result<()> {
        let number = RecordKind::HealthCheck.parse(check)?;
        self.write(Role::Learner, |w| {
            let id = check_id(w.tx(), number)?;
            w.tx()
                .execute("DELETE FROM health_check WHERE id = ?1", [id])?;
            let r = RecordKind::HealthCheck.reference(number);
            w.record(Change::partnership(&r, "removed", None))
        })
    }

    /// One check with its results (and the change from the previous check
    /// of the same partnership).
    pub fn health_check(&self, check: &str) -> Result<HealthCheck> {
        let number = RecordKind::HealthCheck.parse(check)?;
        let id = check_id(&self.conn, number)?;
        let partner: u32 = self.conn.query_row(
            "SELECT partner_id FROM health_check WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        let all = self.health_checks(&RecordKind::Partner.reference(partner))?;
        all.into_iter()
            .find(|c| c.number == number)
            .ok_or_else(|| Error::internal("a health check went missing while it was read"))
    }

    /// A partnership's checks, oldest first, each compared with the one before.
    pub fn health_checks(&self, partner: &str) -> Result<Vec<HealthCheck>> {
        let pid = partner_id(&self.conn, RecordKind::Partner.parse(partner)?)?;
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.held_on, c.template_version, c.created_at, c.updated_at, p.name
             FROM health_check c JOIN partner p ON p.id = c.partner_id
             WHERE c.partner_id = ?1 ORDER BY c.held_on, c.id",
        )?;
        type Row = (u32, String, u32, String, String, String);
        let rows: Vec<Row> = stmt
            .query_map([pid], |r| {
                let version: u32 = r.get(2)?;
                if version != TEMPLATE_VERSION {
                    return Err(super::damaged_value(
                        2,
                        "health check version",
                        &version.to_string(),
                    ));
                }
                Ok((
                    r.get(0)?,
                    super::stored_date(r, 1, "date of a health check")?,
                    version,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let actions = self.actions(Some(partner))?;
        let mut out: Vec<HealthCheck> = Vec::with_capacity(rows.len());
        for (number, date, template_version, created_at, updated_at, partner_name) in rows {
            let respondents = self.responses(number as i64)?;
            let scores: Vec<Vec<(String, Option<u8>)>> = respondents
                .iter()
                .map(|r| {
                    r.answers
                        .iter()
                        .map(|a| (a.statement_id.clone(), a.score))
                        .collect()
                })
                .collect();
            let set: Vec<Answers<'_>> = respondents
                .iter()
                .zip(&scores)
                .map(|(r, s)| Answers {
                    respondent: &r.respondent,
                    scores: s,
                })
                .collect();
            let previous = out.last();
            let results = scoring::results(
                &set,
                previous.map(|p| (p.reference.as_str(), p.results.as_slice())),
            );
            let reference = RecordKind::HealthCheck.reference(number);
            let pick = |f: &dyn Fn(&ElementResult) -> bool| -> Vec<String> {
                results
                    .iter()
                    .filter(|e| f(e))
                    .map(|e| e.element.clone())
                    .collect()
            };
            let flagged = pick(&|e| e.spread.is_some_and(|s| s.flagged));
            let improved = pick(&|e| {
                e.change
                    .as_ref()
                    .is_some_and(|c| c.direction == scoring::Direction::Improved)
            });
            let declined = pick(&|e| {
                e.change
                    .as_ref()
                    .is_some_and(|c| c.direction == scoring::Direction::Declined)
            });
            let mut check = HealthCheck {
                number,
                partner: RecordKind::Partner.reference(pid as u32),
                partner_name,
                date,
                template_version,
                previous: previous.map(|p| p.reference.clone()),
                actions: actions
                    .iter()
                    .filter(|a| a.health_check.as_deref() == Some(reference.as_str()))
                    .cloned()
                    .collect(),
                reference,
                respondents,
                results,
                flagged,
                improved,
                declined,
                summary: String::new(),
                created_at,
                updated_at,
            };
            check.summary = summary(&check);
            out.push(check);
        }
        Ok(out)
    }

    /// Every check of every partnership, in reference order.
    pub fn all_health_checks(&self) -> Result<Vec<HealthCheck>> {
        let mut all = Vec::new();
        for p in self.partners()? {
            all.extend(self.health_checks(&p.reference)?);
        }
        all.sort_by_key(|c| c.number);
        Ok(all)
    }

    fn responses(&self, id: i64) -> Result<Vec<Response>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.position, r.name, a.statement_id, a.score, a.comment
             FROM health_check_respondent r JOIN health_check_answer a
               ON a.check_id = r.check_id AND a.position = r.position
             WHERE r.check_id = ?1 ORDER BY r.position",
        )?;
        let rows = stmt.query_map([id], |r| {
            let statement: String = r.get(2)?;
            let (element, statement) = template::statement(&statement)
                .ok_or_else(|| super::damaged_value(2, "health check statement", &statement))?;
            let score: Option<i64> = r.get(3)?;
            let score = match score {
                None => None,
                Some(s @ 1..=5) => Some(s as u8),
                Some(s) => {
                    return Err(super::damaged_value(
                        3,
                        "health check score",
                        &s.to_string(),
                    ))
                }
            };
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                element.id,
                statement.id,
                score,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out: Vec<(i64, Response)> = Vec::new();
        for row in rows {
            let (position, name, element, statement, score, comment) = row?;
            if out.last().map(|(p, _)| *p) != Some(position) {
                out.push((
                    position,
                    Response {
                        respondent: name,
                        answers: Vec::new(),
                        scored: 0,
                        dont_know: 0,
                    },
                ));
            }
            let response = &mut out.last_mut().expect("pushed above").1;
            response.answers.push(Answer {
                statement_id: statement.to_string(),
                element: element.to_string(),
                score,
                comment,
            });
        }
        Ok(out
            .into_iter()
            .map(|(_, mut r)| {
                // The template's order, whatever order the rows came in.
                let order: Vec<&str> = template::statement_ids().collect();
                r.answers
                    .sort_by_key(|a| order.iter().position(|id| *id == a.statement_id));
                r.scored = r.answers.iter().filter(|a| a.score.is_some()).count() as u32;
                r.dont_know = order.len() as u32 - r.scored;
                r
            })
            .collect())
    }
}

/// Element names, for sentences: "clear shared goals; trust and personal relationships".
fn names(ids: &[String]) -> String {
    let names: Vec<String> = ids
        .iter()
        .filter_map(|id| template::element(id))
        .map(|e| e.name.to_lowercase())
        .collect();
    // Names hold commas and "and" themselves: they are parted by semicolons.
    names.join("; ")
}

/// The results in a few sentences: by element, never by person.
fn summary(check: &HealthCheck) -> String {
    if check.respondents.is_empty() {
        return "No answers yet.".to_string();
    }
    let n = check.respondents.len();
    let mut s = format!("{n} {} answered.", if n == 1 { "person" } else { "people" });
    for band in [
        scoring::Band::Strength,
        scoring::Band::Developing,
        scoring::Band::Concern,
    ] {
        let ids: Vec<String> = check
            .results
            .iter()
            .filter(|e| e.band == Some(band))
            .map(|e| e.element.clone())
            .collect();
        if !ids.is_empty() {
            let what = match band {
                scoring::Band::Strength => "Strengths",
                scoring::Band::Developing => "Developing",
                scoring::Band::Concern => "Concerns",
            };
            s.push_str(&format!(" {what}: {}.", names(&ids)));
        }
    }
    let unknown: Vec<String> = check
        .results
        .iter()
        .filter(|e| e.mean.is_none())
        .map(|e| e.element.clone())
        .collect();
    if !unknown.is_empty() {
        s.push_str(&format!(
            " No scores (only “don’t know”): {}.",
            names(&unknown)
        ));
    }
    if !check.flagged.is_empty() {
        s.push_str(&format!(
            " Views differ by two points or more on {}: worth talking about.",
            names(&check.flagged)
        ));
    }
    if let Some(previous) = &check.previous {
        if !check.improved.is_empty() {
            s.push_str(&format!(
                " Improved since {previous}: {}.",
                names(&check.improved)
            ));
        }
        if !check.declined.is_empty() {
            s.push_str(&format!(
                " Declined since {previous}: {}.",
                names(&check.declined)
            ));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_files_are_checked_statement_by_statement() {
        let a = parse_answers_json(
            r#"{"goals.1": 5, "trust.4": null, "comments": {"trust.4": "New staff.", "roles.1": "Unsure"}}"#,
        )
        .unwrap();
        assert_eq!(a.len(), 3);
        let roles = a.iter().find(|x| x.statement_id == "roles.1").unwrap();
        assert_eq!((roles.score, roles.comment.as_str()), (None, "Unsure"));
        for (bad, says) in [
            ("{not json", "not valid JSON"),
            ("[4, 5]", "not a JSON object"),
            (r#"{"goals.9": 3}"#, "“goals.9” is not a statement"),
            (r#"{"goals.1": 0}"#, "The score for goals.1 is 0"),
            (r#"{"goals.1": 6}"#, "The score for goals.1 is 6"),
            (r#"{"goals.1": 3.5}"#, "The score for goals.1 is 3.5"),
            (r#"{"goals.1": "4"}"#, "The score for goals.1 is \"4\""),
            (r#"{"goals.1": -1}"#, "The score for goals.1 is -1"),
            (
                r#"{"comments": {"nope": "x"}}"#,
                "“nope” is not a statement",
            ),
            (
                r#"{"comments": {"goals.1": 4}}"#,
                "comment on goals.1 must be text",
            ),
            (r#"{"comments": []}"#, "must be an object"),
        ] {
            let err = parse_answers_json(bad).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidInput);
            assert!(err.message.contains(says), "{bad}: {}", err.message);
        }
    }

    #[test]
    fn cleaned_answers_cover_every_statement_in_order() {
        let input = vec![AnswerInput {
            statement_id: "trust.2".into(),
            score: Some(4),
            comment: "Yes.\r\n".into(),
        }];
        let clean = clean_answers(&input).unwrap();
        assert_eq!(clean.len(), template::statement_ids().count());
        assert_eq!(clean[0], ("goals.1", None, String::new()));
        let t = clean.iter().find(|a| a.0 == "trust.2").unwrap();
        assert_eq!((t.1, t.2.as_str()), (Some(4), "Yes."));
        let twice = vec![input[0].clone(), input[0].clone()];
        assert!(clean_answers(&twice).unwrap_err().message.contains("twice"));
        let mut bad = input.clone();
        bad[0].score = Some(9);
        assert!(clean_answers(&bad).unwrap_err().message.contains("is 9"));
    }
}
