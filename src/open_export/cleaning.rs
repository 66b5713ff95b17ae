//! The app's own rules for text, applied to an import: every text a person
//! types (title, profile, accounts, evidence, witnesses, mapping notes, attachments'
//! names and descriptions, and the whole partnership register) goes through
//! the same cleaning and limits as when it is typed in the app, using the
//! write path's own functions, so an import cannot create what the app
//! itself could not. What cleaning changes (Unicode NFC, line endings,
//! invisible characters that disguise a name, spaces at the ends) is stored
//! cleaned; what it refuses (text over its limit, control characters, a
//! required field left empty) refuses the archive, naming where.
//!
//! The assessment plan, reviews and replies are cleaned by their own
//! features' functions (`super::assessment_cycle`).
//!
//! The records of what happened (submissions, judgements, sign-offs, seals,
//! history and audit trail) are kept exactly as they were: their
//! fingerprints and seals hold them to it.

use super::content::{Content, Profile};
use crate::error::Error;
use crate::evidence::{self, attachments, ConfidentialDescriptor, EvidenceInput, EvidenceMethod};
use crate::evidence::{WitnessChoice, WitnessInput};
use crate::partnerships::register::{self, Contact, Level, PartnerType};
use crate::partnerships::PartnerInput;
use crate::partnerships::{actions, agreements, health_check, notes, NoteInput, NoteKind};
use crate::profile::LearnerProfile;

/// Text that breaks a rule of the app: where it is, and the rule's message.
pub struct Refused {
    pub place: String,
    pub error: Error,
}

fn at(place: impl Fn() -> String) -> impl FnOnce(Error) -> Refused {
    move |error| Refused {
        place: place(),
        error,
    }
}

/// Stands in for the "who can confirm it" of confidential evidence recorded
/// before the app asked for it (it is stored as none again).
const NOT_RECORDED: &str = "(not recorded)";

impl Profile {
    /// The profile as the profile form gives it.
    pub(crate) fn as_typed(&self) -> LearnerProfile {
        LearnerProfile {
            full_name: self.full_name.clone(),
            registration_number: self.registration_number.clone(),
            centre: self.centre.clone(),
            qualification: self.qualification.clone(),
            assessor_name: self.assessor_name.clone(),
            start_date: self.start_date.clone(),
        }
    }
}

impl Content {
    /// Cleans every text a person typed by the app's rules, in place.
    /// Values the app does not know (a method, a partner type) are left for
    /// the rows' insert to refuse.
    pub(crate) fn clean_text(&mut self) -> std::result::Result<(), Refused> {
        self.clean_learners_text()?;
        self.clean_partnerships()?;
        self.assessment_cycle.clean_text()?;
        self.iqa.clean_text()
    }

    fn clean_learners_text(&mut self) -> std::result::Result<(), Refused> {
        self.portfolio.title = crate::portfolio::clean_title(&self.portfolio.title)
            .map_err(at(|| "the portfolio's title".into()))?;
        let p = &mut self.profile;
        let clean = p
            .as_typed()
            .normalised()
            .map_err(at(|| "the learner's profile".into()))?;
        (p.full_name, p.registration_number, p.centre) =
            (clean.full_name, clean.registration_number, clean.centre);
        (p.qualification, p.assessor_name, p.start_date) =
            (clean.qualification, clean.assessor_name, clean.start_date);
        for s in &mut self.self_assessments {
            s.account = crate::self_assessment::clean_account(&s.account)
                .map_err(at(|| format!("the account of {}", s.item_id)))?;
        }
        for x in &mut self.witnesses {
            let w = WitnessInput {
                name: x.name.clone(),
                job_role: x.job_role.clone(),
                organisation: x.organisation.clone(),
                relationship: x.relationship.clone(),
                contact: x.contact.clone(),
                competence: x.competence.clone(),
            }
            .normalised()
            .map_err(at(|| format!("witness {}", x.id)))?;
            (x.name, x.job_role, x.organisation) = (w.name, w.job_role, w.organisation);
            (x.relationship, x.contact, x.competence) = (w.relationship, w.contact, w.competence);
        }
        for e in &mut self.evidence {
            let place = || format!("evidence {}", e.reference);
            for a in &mut e.attachments {
                a.file_name = attachments::clean_file_name(&a.file_name, &mut Vec::new());
                if let Some(d) = &a.description {
                    let d = attachments::clean_description(d).map_err(at(place))?;
                    a.description = (!d.is_empty()).then_some(d);
                }
            }
            for m in &mut e.mappings {
                m.note = evidence::clean_mapping_note(&m.note).map_err(at(place))?;
            }
            let Some(method) = EvidenceMethod::from_key(&e.method) else {
                continue;
            };
            let clean = evidence::clean(&EvidenceInput {
                title: e.title.clone(),
                method,
                activity_date: e.activity_date.clone(),
                description: e.description.clone(),
                witness: e.witness.map(|id| WitnessChoice::Existing(id.into())),
                confidential: e.confidential.as_ref().map(|c| ConfidentialDescriptor {
                    what: c.what.clone(),
                    held_at: c.held.clone(),
                    confirmer: c.confirmer.clone().unwrap_or_else(|| NOT_RECORDED.into()),
                }),
            })
            .map_err(at(place))?;
            (e.title, e.activity_date, e.description) =
                (clean.title, clean.activity_date, clean.description);
            if let (Some(c), Some(d)) = (&mut e.confidential, clean.confidential) {
                c.what = d.what;
                c.held = d.held_at;
                c.confirmer = c.confirmer.as_ref().map(|_| d.confirmer);
            }
        }
        Ok(())
    }

    fn clean_partnerships(&mut self) -> std::result::Result<(), Refused> {
        for p in &mut self.partnerships.partners {
            let place = |what: &str, reference: &str| {
                let (what, reference) = (what.to_string(), reference.to_string());
                move || format!("{what} {reference}")
            };
            let level = |l: &Option<String>| l.as_deref().map(Level::from_key);
            if let (Some(kind), Some(interest), Some(influence)) = (
                PartnerType::from_key(&p.kind),
                level(&p.interest).map_or(Some(None), |l| l.map(Some)),
                level(&p.influence).map_or(Some(None), |l| l.map(Some)),
            ) {
                let c = register::clean(&PartnerInput {
                    name: p.name.clone(),
                    kind,
                    role: p.role.clone(),
                    interests: p.interests.clone(),
                    services: p.services.clone(),
                    info_needs: p.info_needs.clone(),
                    info_shared: p.info_shared.clone(),
                    info_withheld: p.info_withheld.clone(),
                    interest,
                    influence,
                    contacts: p
                        .contacts
                        .iter()
                        .map(|c| Contact {
                            name: c.name.clone(),
                            role: c.role.clone(),
                            reach: c.reach.clone(),
                        })
                        .collect(),
                })
                .map_err(at(place("partner", &p.reference)))?;
                (p.name, p.role, p.interests, p.services) =
                    (c.name, c.role, c.interests, c.services);
                (p.info_needs, p.info_shared, p.info_withheld) =
                    (c.info_needs, c.info_shared, c.info_withheld);
                for (to, from) in p.contacts.iter_mut().zip(c.contacts) {
                    (to.name, to.role, to.reach) = (from.name, from.role, from.reach);
                }
            }
            for n in &mut p.notes {
                let Some(kind) = NoteKind::from_key(&n.kind) else {
                    continue;
                };
                let c = notes::clean(&NoteInput {
                    kind,
                    date: n.noted_on.clone(),
                    text: n.text.clone(),
                    participants: n.participants.lines().map(str::to_string).collect(),
                })
                .map_err(at(place("note", &n.reference)))?;
                (n.noted_on, n.text, n.participants) = (c.date, c.text, c.participants.join("\n"));
            }
            for a in &mut p.agreements {
                let place = place("agreement", &a.reference);
                for v in &mut a.versions {
                    let text = |t: &str, what: &str| agreements::text(t, what).map_err(at(&place));
                    v.aims = text(&v.aims, "shared aims")?;
                    v.arrangements = text(&v.arrangements, "working arrangements")?;
                    v.measures = text(&v.measures, "key performance measures")?;
                    v.monitoring = text(&v.monitoring, "methods for monitoring and evaluation")?;
                    if v.version > 1 {
                        (v.what_changed, v.why) = agreements::clean_reason(&v.what_changed, &v.why)
                            .map_err(at(&place))?;
                    }
                }
            }
            for c in &mut p.health_checks {
                let place = place("health check", &c.reference);
                for who in &mut c.respondents {
                    who.name = health_check::clean_respondent(&who.name).map_err(at(&place))?;
                    for answer in &mut who.answers {
                        answer.comment =
                            health_check::clean_comment(&answer.statement_id, &answer.comment)
                                .map_err(at(&place))?;
                    }
                }
            }
            for a in &mut p.actions {
                (a.action, a.owner) = actions::clean_texts(&a.action, &a.owner)
                    .map_err(at(place("action", &a.reference)))?;
            }
        }
        Ok(())
    }
}
