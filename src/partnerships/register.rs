//! The partnership register: each partner (an organisation, team or person)
//! with its type, role and responsibilities, interests and concerns,
//! services, contact people, the information it needs and what may and may
//! not be shared with it, and its interest in and influence over the
//! learner's work; the stakeholder map drawn from those last two; and the
//! whole page of one partnership (its notes, agreements, checks, actions).

use super::{
    actions::Action, agreements::Agreement, health_check::HealthCheck, notes::Note, RecordKind,
    MAX_NAME_CHARS, MAX_TEXT_CHARS,
};
use crate::error::{Error, ErrorCode, Result};
use crate::storage::{Change, Portfolio, Role, Write};
use crate::stored::stored_enum;
use crate::text::{multi_line, single_line};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

stored_enum! {
    /// What kind of partner it is.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
    #[ts(export)]
    pub enum PartnerType as "partner type" {
        /// A colleague or team in the learner's own organisation.
        Colleague = "colleague",
        PartnerAgency = "partner_agency",
        /// A community group or organisation.
        CommunityGroup = "community_group",
        Funder = "funder",
        /// A national or local government body.
        Government = "government",
        Other = "other",
    }
}

impl PartnerType {
    /// The name people read.
    pub fn label(self) -> &'static str {
        match self {
            Self::Colleague => "Colleague or team in my organisation",
            Self::PartnerAgency => "Partner agency",
            Self::CommunityGroup => "Community group or organisation",
            Self::Funder => "Funder",
            Self::Government => "National or local government body",
            Self::Other => "Other",
        }
    }
}

stored_enum! {
    /// High or low: a partner's interest in, or influence over, the learner's work.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
    #[ts(export, rename = "PartnerLevel")]
    pub enum Level as "interest or influence level" {
        High = "high",
        Low = "low",
    }
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::High => "High",
            Level::Low => "Low",
        }
    }
}

/// Someone at a partner who can take decisions and action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "PartnerContact")]
pub struct Contact {
    pub name: String,
    #[serde(default)]
    pub role: String,
    /// How to reach them (phone, email, where they work).
    #[serde(default)]
    pub reach: String,
}

impl Contact {
    /// Reads "Name, role, how to reach them" as typed on the command line:
    /// the first two commas part the fields; how to reach them may hold more.
    pub fn parse(text: &str) -> Result<Contact> {
        let mut parts = text.splitn(3, ',').map(str::trim);
        let contact = Contact {
            name: parts.next().unwrap_or_default().to_string(),
            role: parts.next().unwrap_or_default().to_string(),
            reach: parts.next().unwrap_or_default().to_string(),
        };
        if contact.name.is_empty() {
            return Err(Error::invalid_input(format!(
                "The contact \"{}\" has no name; write it as \"Name, role, how to reach them\".",
                text.trim()
            )));
        }
        Ok(contact)
    }
}

/// What the register's form (or the CLI) gives for a partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PartnerInput {
    pub name: String,
    pub kind: PartnerType,
    /// Their role and responsibilities.
    #[serde(default)]
    pub role: String,
    /// Their interests and concerns.
    #[serde(default)]
    pub interests: String,
    /// The services they offer, and how those relate to the learner's own provision.
    #[serde(default)]
    pub services: String,
    /// What information they need from the learner.
    #[serde(default)]
    pub info_needs: String,
    /// What has been agreed may be shared with them.
    #[serde(default)]
    pub info_shared: String,
    /// What may not be shared with them (confidentiality).
    #[serde(default)]
    pub info_withheld: String,
    /// Their interest in the learner's work; with `influence`, their place on
    /// the stakeholder map (both or neither).
    #[serde(default)]
    pub interest: Option<Level>,
    #[serde(default)]
    pub influence: Option<Level>,
    /// Who there can take decisions and action.
    #[serde(default)]
    pub contacts: Vec<Contact>,
}

impl PartnerInput {
    /// A partner with only a name and a type.
    pub fn named(name: &str, kind: PartnerType) -> PartnerInput {
        PartnerInput {
            name: name.into(),
            kind,
            role: String::new(),
            interests: String::new(),
            services: String::new(),
            info_needs: String::new(),
            info_shared: String::new(),
            info_withheld: String::new(),
            interest: None,
            influence: None,
            contacts: Vec::new(),
        }
    }
}

/// What names a partner wherever it is shown: its reference, name and type.
/// A partner, a row of the register and a place on the stakeholder map all
/// carry it (flattened into their JSON) and read as if its fields were their own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PartnerHeading {
    /// `PT1`, `PT2`, ...: stable, never reused.
    pub reference: String,
    pub number: u32,
    pub name: String,
    pub kind: PartnerType,
    pub kind_label: String,
}

impl PartnerHeading {
    /// From a row whose first columns are the partner's `id, name, kind`.
    fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        let number: u32 = r.get(0)?;
        let kind: PartnerType = r.get(2)?;
        Ok(PartnerHeading {
            reference: RecordKind::Partner.reference(number),
            number,
            name: r.get(1)?,
            kind,
            kind_label: kind.label().to_string(),
        })
    }
}

/// A partner in the register, whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Partner {
    #[serde(flatten)]
    pub heading: PartnerHeading,
    pub role: String,
    pub interests: String,
    pub services: String,
    pub info_needs: String,
    pub info_shared: String,
    pub info_withheld: String,
    pub interest: Option<Level>,
    pub influence: Option<Level>,
    pub contacts: Vec<Contact>,
    pub created_at: String,
    pub updated_at: String,
}

/// A row of the register (the Partnerships tab's list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PartnerSummary {
    #[serde(flatten)]
    pub heading: PartnerHeading,
    pub interest: Option<Level>,
    pub influence: Option<Level>,
    pub notes: u32,
    pub agreements: u32,
    /// Agreements past their review-by date.
    pub agreements_overdue: u32,
    pub health_checks: u32,
    /// The date of the latest health check, if any.
    pub latest_check: Option<String>,
    /// Actions not done yet, and of those, the ones past their due date.
    pub actions_open: u32,
    pub actions_overdue: u32,
}

/// Lets a type that carries a [`PartnerHeading`] be read as one (`p.name`).
macro_rules! partner_headed {
    ($($ty:ty),+) => {$(
        impl std::ops::Deref for $ty {
            type Target = PartnerHeading;
            fn deref(&self) -> &PartnerHeading {
                &self.heading
            }
        }
    )+};
}
partner_headed!(Partner, PartnerSummary);

/// One partnership's page: the partner and everything recorded with it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Partnership {
    pub partner: Partner,
    /// Newest first.
    pub notes: Vec<Note>,
    /// In reference order, each with its revisions and its overdue flag.
    pub agreements: Vec<Agreement>,
    /// Oldest first, each with its results and the change from the one before.
    pub health_checks: Vec<HealthCheck>,
    /// The action plan: by due date.
    pub actions: Vec<Action>,
    /// Evidence records made from this partnership's register entry or records.
    pub evidence: Vec<super::into_evidence::MadeEvidence>,
}

/// One quarter of the interest × influence grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MapQuadrant {
    pub interest: Level,
    pub influence: Level,
    /// "High influence, high interest".
    pub title: String,
    /// How to work with the partners in it: "Work closely with them".
    pub approach: String,
    pub partners: Vec<PartnerHeading>,
}

/// The stakeholder map: the partners placed on an interest × influence grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StakeholderMap {
    /// High influence and high interest first, then high influence and low
    /// interest, low influence and high interest, low and low.
    pub quadrants: Vec<MapQuadrant>,
    /// Partners whose interest and influence are not recorded yet.
    pub unplaced: Vec<PartnerHeading>,
    /// The map in words (its text equivalent, for screen readers and the PDF).
    pub text: String,
}

/// The four quarters, in reading order, with how to work with each.
const QUADRANTS: [(Level, Level, &str); 4] = [
    (Level::High, Level::High, "Work closely with them"),
    (Level::High, Level::Low, "Keep them satisfied"),
    (Level::Low, Level::High, "Keep them informed"),
    (Level::Low, Level::Low, "Keep an eye on them"),
];

/// The input cleaned and checked (also what an open export's import holds
/// each partner to).
pub(crate) fn clean(input: &PartnerInput) -> Result<PartnerInput> {
    let name = single_line(&input.name, "partner's name", MAX_NAME_CHARS)?;
    if name.is_empty() {
        return Err(Error::invalid_input("A partner needs a name."));
    }
    if input.interest.is_some() != input.influence.is_some() {
        return Err(Error::invalid_input(
            "To place a partner on the stakeholder map, give both its interest and its influence (high or low each).",
        ));
    }
    if input.contacts.len() > 100 {
        return Err(Error::invalid_input(
            "A partner can have at most 100 contacts.",
        ));
    }
    let contacts = input
        .contacts
        .iter()
        .map(|c| {
            let contact = Contact {
                name: single_line(&c.name, "contact's name", MAX_NAME_CHARS)?,
                role: single_line(&c.role, "contact's role", MAX_NAME_CHARS)?,
                reach: single_line(&c.reach, "way to reach the contact", MAX_NAME_CHARS)?,
            };
            if contact.name.is_empty() {
                return Err(Error::invalid_input("Each contact needs a name."));
            }
            Ok(contact)
        })
        .collect::<Result<_>>()?;
    let text = |value: &str, what: &str| multi_line(value, what, MAX_TEXT_CHARS);
    Ok(PartnerInput {
        name,
        kind: input.kind,
        role: text(&input.role, "partner's role and responsibilities")?,
        interests: text(&input.interests, "partner's interests and concerns")?,
        services: text(&input.services, "partner's services")?,
        info_needs: text(&input.info_needs, "information the partner needs")?,
        info_shared: text(&input.info_shared, "information agreed to be shared")?,
        info_withheld: text(&input.info_withheld, "information that may not be shared")?,
        interest: input.interest,
        influence: input.influence,
        contacts,
    })
}

/// The row id of partner number `number`, or a clear "no such partner".
pub(crate) fn partner_id(conn: &Connection, number: u32) -> Result<i64> {
    conn.query_row("SELECT id FROM partner WHERE id = ?1", [number], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| {
        Error::not_found(format!(
            "There is no partner {} in this portfolio.",
            RecordKind::Partner.reference(number)
        ))
    })
}

/// Refuses a name another partner already has (in any case).
fn check_unique_name(conn: &Connection, name: &str, except: Option<i64>) -> Result<()> {
    let wanted = name.to_lowercase();
    let mut stmt = conn.prepare("SELECT id, name FROM partner")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (id, other) = row?;
        if Some(id) != except && other.to_lowercase() == wanted {
            return Err(Error::new(
                ErrorCode::AlreadyExists,
                format!(
                    "There is already a partner called “{other}” ({}); give this one another name.",
                    RecordKind::Partner.reference(id as u32)
                ),
            ));
        }
    }
    Ok(())
}

/// Writes a partner's fields and contacts (cleaned) to row `id`: one
/// statement for adding and for editing.
fn store_fields(w: &Write<'_>, id: i64, input: &PartnerInput) -> Result<()> {
    w.tx().execute(
        "UPDATE partner SET name = ?1, kind = ?2, role = ?3, interests = ?4, services = ?5, info_needs = ?6,
                info_shared = ?7, info_withheld = ?8, interest = ?9, influence = ?10, updated_at = ?11
         WHERE id = ?12",
        (
            &input.name,
            input.kind,
            &input.role,
            &input.interests,
            &input.services,
            &input.info_needs,
            &input.info_shared,
            &input.info_withheld,
            input.interest,
            input.influence,
            w.now(),
            id,
        ),
    )?;
    write_contacts(w, id, &input.contacts)
}

fn write_contacts(w: &Write<'_>, id: i64, contacts: &[Contact]) -> Result<()> {
    w.tx()
        .execute("DELETE FROM partner_contact WHERE partner_id = ?1", [id])?;
    let mut insert = w.tx().prepare(
        "INSERT INTO partner_contact (partner_id, position, name, role, reach) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, c) in contacts.iter().enumerate() {
        insert.execute((id, position as i64 + 1, &c.name, &c.role, &c.reach))?;
    }
    Ok(())
}

/// The fields of a partner with their history names, to record what changed.
fn fields(p: &PartnerInput) -> [(&'static str, String); 10] {
    [
        ("name", p.name.clone()),
        ("kind", p.kind.key().to_string()),
        ("role", p.role.clone()),
        ("interests", p.interests.clone()),
        ("services", p.services.clone()),
        ("info_needs", p.info_needs.clone()),
        ("info_shared", p.info_shared.clone()),
        ("info_withheld", p.info_withheld.clone()),
        (
            "map_place",
            match (p.interest, p.influence) {
                (Some(i), Some(f)) => format!("interest {}, influence {}", i.key(), f.key()),
                _ => String::new(),
            },
        ),
        (
            "contacts",
            p.contacts
                .iter()
                .map(|c| format!("{}, {}, {}", c.name, c.role, c.reach))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    ]
}

impl Partner {
    /// The partner as the form's input (to edit it).
    pub fn to_input(&self) -> PartnerInput {
        PartnerInput {
            name: self.heading.name.clone(),
            kind: self.heading.kind,
            role: self.role.clone(),
            interests: self.interests.clone(),
            services: self.services.clone(),
            info_needs: self.info_needs.clone(),
            info_shared: self.info_shared.clone(),
            info_withheld: self.info_withheld.clone(),
            interest: self.interest,
            influence: self.influence,
            contacts: self.contacts.clone(),
        }
    }
}

impl Portfolio {
    /// Adds a partner to the register.
    pub fn add_partner(&mut self, input: &PartnerInput) -> Result<Partner> {
        let input = clean(input)?;
        let number = self.write(Role::Learner, |w| {
            check_unique_name(w.tx(), &input.name, None)?;
            w.tx().execute(
                "INSERT INTO partner (name, kind, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                (&input.name, input.kind, w.now()),
            )?;
            let id = w.tx().last_insert_rowid();
            store_fields(w, id, &input)?;
            let r = RecordKind::Partner.reference(id as u32);
            w.record(Change::partnership(&r, "added", Some(&input.name)))?;
            Ok(id as u32)
        })?;
        self.partner(&RecordKind::Partner.reference(number))
    }

    /// Replaces a partner's fields and contacts.
    pub fn update_partner(&mut self, reference: &str, input: &PartnerInput) -> Result<Partner> {
        let number = RecordKind::Partner.parse(reference)?;
        let input = clean(input)?;
        self.write(Role::Learner, |w| {
            let id = partner_id(w.tx(), number)?;
            check_unique_name(w.tx(), &input.name, Some(id))?;
            let before = w
                .partner(&RecordKind::Partner.reference(number))?
                .to_input();
            store_fields(w, id, &input)?;
            let r = RecordKind::Partner.reference(number);
            for ((field, old), (_, new)) in fields(&before).iter().zip(fields(&input).iter()) {
                if old != new {
                    w.record(Change::partnership(&r, field, Some(new)))?;
                }
            }
            Ok(())
        })?;
        self.partner(&RecordKind::Partner.reference(number))
    }

    /// Places a partner on the stakeholder map (or takes it off with `None`).
    pub fn place_partner(
        &mut self,
        reference: &str,
        place: Option<(Level, Level)>,
    ) -> Result<Partner> {
        let mut input = self.partner(reference)?.to_input();
        input.interest = place.map(|p| p.0);
        input.influence = place.map(|p| p.1);
        self.update_partner(reference, &input)
    }

    /// Removes a partner with everything recorded with it (notes,
    /// agreements, health checks, actions). Evidence made from them stays, as
    /// it was when made, and says its source is gone.
    pub fn remove_partner(&mut self, reference: &str) -> Result<()> {
        let number = RecordKind::Partner.parse(reference)?;
        self.write(Role::Learner, |w| {
            let id = partner_id(w.tx(), number)?;
            let name: String =
                w.tx()
                    .query_row("SELECT name FROM partner WHERE id = ?1", [id], |r| r.get(0))?;
            w.tx().execute("DELETE FROM partner WHERE id = ?1", [id])?;
            let r = RecordKind::Partner.reference(number);
            w.record(Change::partnership(&r, "removed", Some(&name)))
        })
    }

    /// One partner, whole.
    pub fn partner(&self, reference: &str) -> Result<Partner> {
        let number = RecordKind::Partner.parse(reference)?;
        let id = partner_id(&self.conn, number)?;
        let mut partner = self.conn.query_row(
            "SELECT id, name, kind, role, interests, services, info_needs, info_shared, info_withheld, interest,
                    influence, created_at, updated_at FROM partner WHERE id = ?1",
            [id],
            |r| {
                Ok(Partner {
                    heading: PartnerHeading::from_row(r)?,
                    role: r.get(3)?,
                    interests: r.get(4)?,
                    services: r.get(5)?,
                    info_needs: r.get(6)?,
                    info_shared: r.get(7)?,
                    info_withheld: r.get(8)?,
                    interest: r.get(9)?,
                    influence: r.get(10)?,
                    contacts: Vec::new(),
                    created_at: r.get(11)?,
                    updated_at: r.get(12)?,
                })
            },
        )?;
        let mut stmt = self.conn.prepare(
            "SELECT name, role, reach FROM partner_contact WHERE partner_id = ?1 ORDER BY position",
        )?;
        partner.contacts = stmt
            .query_map([id], |r| {
                Ok(Contact {
                    name: r.get(0)?,
                    role: r.get(1)?,
                    reach: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(partner)
    }

    /// Every partner, whole, in reference order.
    pub fn all_partners(&self) -> Result<Vec<Partner>> {
        let mut stmt = self.conn.prepare("SELECT id FROM partner ORDER BY id")?;
        let numbers: Vec<u32> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        numbers
            .into_iter()
            .map(|n| self.partner(&RecordKind::Partner.reference(n)))
            .collect()
    }

    /// The register, in reference order, with each partnership's counts and flags.
    pub fn partners(&self) -> Result<Vec<PartnerSummary>> {
        let today = crate::timestamp::today().to_string();
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.name, p.kind, p.interest, p.influence,
                    (SELECT count(*) FROM partnership_note n WHERE n.partner_id = p.id),
                    (SELECT count(*) FROM agreement a WHERE a.partner_id = p.id),
                    (SELECT count(*) FROM agreement a JOIN agreement_version v ON v.agreement_id = a.id
                      WHERE a.partner_id = p.id AND v.review_by < ?1
                        AND v.version = (SELECT max(version) FROM agreement_version WHERE agreement_id = a.id)),
                    (SELECT count(*) FROM health_check c WHERE c.partner_id = p.id),
                    (SELECT max(held_on) FROM health_check c WHERE c.partner_id = p.id),
                    (SELECT count(*) FROM partnership_action x WHERE x.partner_id = p.id AND x.done_on IS NULL),
                    (SELECT count(*) FROM partnership_action x WHERE x.partner_id = p.id AND x.done_on IS NULL
                        AND x.due_on < ?1)
             FROM partner p ORDER BY p.id",
        )?;
        let rows = stmt.query_map([&today], |r| {
            Ok(PartnerSummary {
                heading: PartnerHeading::from_row(r)?,
                interest: r.get(3)?,
                influence: r.get(4)?,
                notes: r.get(5)?,
                agreements: r.get(6)?,
                agreements_overdue: r.get(7)?,
                health_checks: r.get(8)?,
                latest_check: super::stored_optional_date(r, 9, "health check date")?,
                actions_open: r.get(10)?,
                actions_overdue: r.get(11)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One partnership's page, as of `today` (for the overdue flags).
    pub fn partnership(&self, reference: &str) -> Result<Partnership> {
        let partner = self.partner(reference)?;
        Ok(Partnership {
            notes: self.notes(&partner.reference)?,
            agreements: self.agreements_of(Some(&partner.reference), false)?,
            health_checks: self.health_checks(&partner.reference)?,
            actions: self.actions(Some(&partner.reference))?,
            evidence: self.evidence_made_from_partnership(&partner.reference)?,
            partner,
        })
    }

    /// The stakeholder map.
    pub fn stakeholder_map(&self) -> Result<StakeholderMap> {
        Ok(stakeholder_map(&self.all_partners()?))
    }
}

/// The stakeholder map of a list of partners.
pub fn stakeholder_map(partners: &[Partner]) -> StakeholderMap {
    let quadrants: Vec<MapQuadrant> = QUADRANTS
        .iter()
        .map(|&(influence, interest, approach)| MapQuadrant {
            interest,
            influence,
            title: format!(
                "{} influence, {} interest",
                influence.label(),
                interest.label().to_lowercase()
            ),
            approach: approach.to_string(),
            partners: partners
                .iter()
                .filter(|p| p.interest == Some(interest) && p.influence == Some(influence))
                .map(|p| p.heading.clone())
                .collect(),
        })
        .collect();
    let unplaced: Vec<PartnerHeading> = partners
        .iter()
        .filter(|p| p.interest.is_none() || p.influence.is_none())
        .map(|p| p.heading.clone())
        .collect();
    let text = map_text(partners.len(), &quadrants, &unplaced);
    StakeholderMap {
        quadrants,
        unplaced,
        text,
    }
}

fn map_text(total: usize, quadrants: &[MapQuadrant], unplaced: &[PartnerHeading]) -> String {
    let names = |entries: &[PartnerHeading]| -> String {
        if entries.is_empty() {
            "none".to_string()
        } else {
            entries
                .iter()
                .map(|e| format!("{} ({})", e.name, e.reference))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let mut text = format!(
        "Stakeholder map of {total} partner{} by their influence over and interest in my work.",
        if total == 1 { "" } else { "s" }
    );
    for q in quadrants {
        text.push_str(&format!(
            " {} ({}): {}.",
            q.title,
            q.approach.to_lowercase(),
            names(&q.partners)
        ));
    }
    if !unplaced.is_empty() {
        text.push_str(&format!(" Not placed yet: {}.", names(unplaced)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_parse_from_one_line() {
        let c =
            Contact::parse(" Ann Jones , Centre manager, 01234 567890, ann@example.org").unwrap();
        assert_eq!(c.name, "Ann Jones");
        assert_eq!(c.role, "Centre manager");
        assert_eq!(c.reach, "01234 567890, ann@example.org");
        assert_eq!(Contact::parse("Bob").unwrap().role, "");
        assert!(Contact::parse(" , manager").is_err());
    }

    #[test]
    fn the_map_in_words_names_every_quarter() {
        let mut a = PartnerInput::named("Library", PartnerType::PartnerAgency);
        a.interest = Some(Level::High);
        a.influence = Some(Level::High);
        let partner = |n: u32, i: &PartnerInput| Partner {
            heading: PartnerHeading {
                reference: format!("PT{n}"),
                number: n,
                name: i.name.clone(),
                kind: i.kind,
                kind_label: i.kind.label().into(),
            },
            role: String::new(),
            interests: String::new(),
            services: String::new(),
            info_needs: String::new(),
            info_shared: String::new(),
            info_withheld: String::new(),
            interest: i.interest,
            influence: i.influence,
            contacts: vec![],
            created_at: String::new(),
            updated_at: String::new(),
        };
        let b = PartnerInput::named("Funder", PartnerType::Funder);
        let map = stakeholder_map(&[partner(1, &a), partner(2, &b)]);
        assert_eq!(map.quadrants[0].partners[0].reference, "PT1");
        assert_eq!(map.unplaced[0].reference, "PT2");
        assert_eq!(
            map.text,
            "Stakeholder map of 2 partners by their influence over and interest in my work. \
             High influence, high interest (work closely with them): Library (PT1). \
             High influence, low interest (keep them satisfied): none. \
             Low influence, high interest (keep them informed): none. \
             Low influence, low interest (keep an eye on them): none. \
             Not placed yet: Funder (PT2)."
        );
    }
}
