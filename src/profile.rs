//! The learner's profile: who the portfolio belongs to and where they study.
//! It heads the PDF's front sheet, so every field is kept exactly as typed
//! (Unicode throughout: Welsh, Gaelic, Polish names).

use crate::error::Result;
use crate::storage::{Change, Portfolio, Role, Write};
use crate::text::{required_line, single_line};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub(crate) const MAX_FIELD_CHARS: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LearnerProfile {
    pub full_name: String,
    /// The learner or registration number the awarding body gave.
    #[serde(default)]
    pub registration_number: String,
    #[serde(default)]
    pub centre: String,
    /// The qualification or programme the learner is working towards.
    #[serde(default)]
    pub qualification: String,
    #[serde(default)]
    pub assessor_name: String,
    /// ISO date (`YYYY-MM-DD`), if given.
    #[serde(default)]
    pub start_date: Option<String>,
}

impl LearnerProfile {
    /// A profile with only the learner's name.
    pub fn named(full_name: &str) -> Self {
        Self {
            full_name: full_name.to_string(),
            ..Self::default()
        }
    }

    /// The profile cleaned and checked: the name is required, the rest optional.
    pub fn normalised(&self) -> Result<Self> {
        let full_name = required_line(
            &self.full_name,
            "learner's full name",
            MAX_FIELD_CHARS,
            "The learner's full name is required.",
        )?;
        Ok(Self {
            full_name,
            registration_number: single_line(
                &self.registration_number,
                "registration number",
                MAX_FIELD_CHARS,
            )?,
            centre: single_line(&self.centre, "centre", MAX_FIELD_CHARS)?,
            qualification: single_line(&self.qualification, "qualification", MAX_FIELD_CHARS)?,
            assessor_name: single_line(&self.assessor_name, "assessor's name", MAX_FIELD_CHARS)?,
            start_date: crate::timestamp::normalise_optional_date(
                self.start_date.as_deref(),
                "start date",
            )?,
        })
    }

    fn fields(&self) -> [(&'static str, Option<&str>); 6] {
        [
            ("full_name", Some(&self.full_name)),
            ("registration_number", Some(&self.registration_number)),
            ("centre", Some(&self.centre)),
            ("qualification", Some(&self.qualification)),
            ("assessor_name", Some(&self.assessor_name)),
            ("start_date", self.start_date.as_deref()),
        ]
    }
}

/// Writes the profile of a new portfolio, each field into the history.
pub(crate) fn insert(w: &Write<'_>, profile: &LearnerProfile) -> Result<()> {
    w.tx().execute(
        "INSERT INTO learner_profile (singleton, full_name, registration_number, centre, qualification, assessor_name, start_date, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        (
            &profile.full_name,
            &profile.registration_number,
            &profile.centre,
            &profile.qualification,
            &profile.assessor_name,
            &profile.start_date,
            w.now(),
        ),
    )?;
    for (field, value) in profile.fields() {
        w.record(Change::profile(field, value))?;
    }
    Ok(())
}

impl Portfolio {
    /// The learner's profile.
    pub fn profile(&self) -> Result<LearnerProfile> {
        Ok(self.conn.query_row(
            "SELECT full_name, registration_number, centre, qualification, assessor_name, start_date FROM learner_profile",
            [],
            |r| {
                Ok(LearnerProfile {
                    full_name: r.get(0)?,
                    registration_number: r.get(1)?,
                    centre: r.get(2)?,
                    qualification: r.get(3)?,
                    assessor_name: r.get(4)?,
                    start_date: crate::stored::opt_date(r, 5)?,
                })
            },
        )?)
    }

    /// Replaces the profile; every changed field goes into the history.
    pub fn set_profile(&mut self, profile: &LearnerProfile) -> Result<LearnerProfile> {
        self.write(Role::Learner, |w| {
            let new = profile.normalised()?;
            let old = w.profile()?;
            if new == old {
                return Ok(new);
            }
            w.tx().execute(
                "UPDATE learner_profile SET full_name = ?1, registration_number = ?2, centre = ?3, qualification = ?4,
                        assessor_name = ?5, start_date = ?6, updated_at = ?7",
                (
                    &new.full_name,
                    &new.registration_number,
                    &new.centre,
                    &new.qualification,
                    &new.assessor_name,
                    &new.start_date,
                    w.now(),
                ),
            )?;
            for ((field, value), (_, before)) in new.fields().into_iter().zip(old.fields()) {
                if value != before {
                    w.record(Change::profile(field, value))?;
                }
            }
            Ok(new)
        })
    }
}
