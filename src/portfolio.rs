//! A portfolio as a whole: starting one (its identity, the embedded standard,
//! the learner's profile and its title, in one write), its identity as the
//! library and the screens show it, and renaming it. The file itself (opening,
//! checks, migrations, the write transaction) is [`crate::storage`].

use crate::catalogue::Standard;
use crate::error::{Error, Result};
use crate::profile::LearnerProfile;
use crate::storage::{Change, Portfolio, Role, Write};
use std::path::Path;

/// What is needed to start a portfolio.
pub struct NewPortfolio<'a> {
    pub standard: &'a Standard,
    pub profile: LearnerProfile,
    /// Shown in the library; defaults to "<learner> – <URN>".
    pub title: Option<String>,
}

/// A portfolio's identity.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PortfolioInfo {
    pub uid: String,
    pub title: String,
    pub standard_urn: String,
    pub standard_version: String,
    pub created_at: String,
    pub updated_at: String,
}

pub(crate) const MAX_TITLE_CHARS: usize = 200;

impl Portfolio {
    /// Creates a new portfolio file at `path`, which must not exist yet.
    pub fn create(path: &Path, new: NewPortfolio<'_>) -> Result<Portfolio> {
        let profile = new.profile.normalised()?;
        let title = new.title.as_deref().map(crate::text::without_disguise);
        let title = match title.as_deref().map(str::trim) {
            Some(t) if !t.is_empty() => t.to_string(),
            _ => default_title(&profile.full_name, &new.standard.urn),
        };
        check_title(&title)?;
        let standard = new.standard;
        Portfolio::create_file(path, standard, |w| {
            let id = uuid::Uuid::new_v4().to_string();
            insert_identity(w, &id, &title, standard, w.now())?;
            crate::profile::insert(w, &profile)
        })
    }

    /// The portfolio's identity and title.
    pub fn info(&self) -> Result<PortfolioInfo> {
        Ok(self.conn.query_row(
            "SELECT uid, title, standard_urn, standard_version, created_at, updated_at FROM portfolio",
            [],
            |r| {
                Ok(PortfolioInfo {
                    uid: r.get(0)?,
                    title: r.get(1)?,
                    standard_urn: r.get(2)?,
                    standard_version: r.get(3)?,
                    created_at: crate::stored::instant(r, 4)?,
                    updated_at: crate::stored::instant(r, 5)?,
                })
            },
        )?)
    }

    /// Renames the portfolio (its title, not its file). The title is each
    /// copy's own label in its holder's library (it is not part of the
    /// submitted content), so whoever holds the file may change it.
    pub fn set_title(&mut self, title: &str) -> Result<()> {
        let title = clean_title(title)?;
        let title = title.as_str();
        let holder = self.role()?;
        self.write(holder, |w| {
            let old: String = w
                .tx()
                .query_row("SELECT title FROM portfolio", [], |r| r.get(0))?;
            if old != title {
                w.tx().execute("UPDATE portfolio SET title = ?1", [title])?;
                // The history is the learner's record of their portfolio (and
                // sealed with it): another holder's label for their copy is
                // not part of it.
                if holder == Role::Learner {
                    w.record(Change::portfolio("title", Some(title)))?;
                }
            }
            Ok(())
        })
    }
}

/// Writes a new file's identity row and the standard's items (so that
/// references to items are foreign keys), as made at `created_at`.
pub(crate) fn insert_identity(
    w: &Write<'_>,
    uid: &str,
    title: &str,
    standard: &Standard,
    created_at: &str,
) -> Result<()> {
    w.tx().execute(
        "INSERT INTO portfolio (singleton, uid, title, standard_urn, standard_version, standard_json, created_at, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        (
            uid,
            title,
            &standard.urn,
            &standard.version,
            standard.to_json(),
            created_at,
        ),
    )?;
    let mut insert = w
        .tx()
        .prepare("INSERT INTO standard_item (id, kind, position, text) VALUES (?1, ?2, ?3, ?4)")?;
    for (position, (kind, item)) in standard.items().enumerate() {
        insert.execute((&item.id, kind, position as i64, &item.text))?;
    }
    Ok(())
}

/// A title as typed, cleaned (nothing that disguises it, no spaces at the
/// ends) and checked.
pub(crate) fn clean_title(title: &str) -> Result<String> {
    let title = crate::text::without_disguise(title).trim().to_string();
    check_title(&title)?;
    Ok(title)
}

pub(crate) fn check_title(title: &str) -> Result<()> {
    if title.is_empty() {
        return Err(Error::invalid_input("A portfolio needs a name."));
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(Error::invalid_input(format!(
            "A portfolio name can be at most {MAX_TITLE_CHARS} characters."
        )));
    }
    Ok(())
}

fn default_title(learner: &str, urn: &str) -> String {
    format!("{learner} – {urn}")
}
