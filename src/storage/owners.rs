//! Who owns every table of the portfolio file, and how each is sealed: the
//! one list that the seals (`storage::seal`), the exchange's merges,
//! verification, the checks of stored values and the edit-generator test
//! (`tests/exchange_integrity.rs`) read.
//!
//! Every party to the exchange (the learner, the assessor, and any later
//! one) owns rows: the learner their profile, self-assessment, evidence and
//! its files, the partnership register, history and submissions; the assessor their judgements,
//! feedback and sign-offs; the internal quality assurer (IQA) their samples
//! of the assessor's judgements and their decision; each their own audit entries. A party's rows are
//! sealed as parts (see [`Cover`]), a party's sign-off binds what it signs,
//! and only the owner's rows travel from the owner's file into another's.
//! Nothing here is a special case of one table: a new table (partnerships,
//! an assessment plan, an IQA's record) is one more entry in [`TABLES`] with
//! its owner, and a new party one more entry in [`PARTIES`]. A table missing
//! from the list fails `every_table_in_the_schema_is_registered`.

use super::Role;
use serde_json::Value;
use std::collections::BTreeMap;

/// A row as JSON: every column's value that is not NULL (blobs as
/// `sha256:<hex>`), by column name in sorted order, so that its canonical
/// form never depends on the column order or on serde_json's features, and
/// a column added later (NULL in the rows sealed before it) leaves the
/// parts of those rows as they were.
pub(crate) type Row = BTreeMap<String, Value>;

/// Who owns a table's rows.
pub(crate) enum Owner {
    /// Every row belongs to this party.
    Party(Role),
    /// Each row belongs to the party named in this column (`audit.role`).
    Column(&'static str),
}

/// How a table's rows are covered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cover {
    /// Every row is a part of its owner's seal, with every column except
    /// the table's [`Table::local`] ones.
    Rows,
    /// One part of its owner's seal holds the count and a digest of all the
    /// owner's rows (a long log: which entry changed is not named).
    Digest,
    /// Stored bytes: each file's chunks are hashed again and compared with
    /// the SHA-256 of its `content` row, which is sealed (`verify`).
    Bytes,
    /// A record of sealing itself (a submission and its parts, a seal),
    /// checked by recomputing it (`verify`).
    Seal,
}

/// A stored value's domain, beyond its SQL type: a value outside it makes
/// the file damaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Domain {
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// An instant as stored, `2026-11-22T19:50:22.123Z`.
    Instant,
    /// A whole number from..=to.
    Range(i64, i64),
    /// A SHA-256 in lowercase hex.
    Sha256,
}

/// One table of the file.
pub(crate) struct Table {
    pub name: &'static str,
    pub owner: Owner,
    pub cover: Cover,
    /// The columns that identify a row in every copy of the file (empty:
    /// its primary key).
    pub key: &'static [&'static str],
    /// Columns that are each copy's own, never sealed nor carried to the
    /// other side, with the reason. Kept short: everything else is sealed.
    pub local: &'static [(&'static str, &'static str)],
    /// For a party's records of a submission: the column naming its version.
    pub version: Option<&'static str>,
    /// Rows are only ever added (the schema's triggers refuse changes).
    pub append_only: bool,
    /// What a person calls one row, from its columns.
    pub noun: fn(&Row) -> String,
    /// Values with a domain beyond their SQL type.
    pub domains: &'static [(&'static str, Domain)],
}

/// A party to the exchange.
pub(crate) struct Party {
    pub role: Role,
    /// Sealed after every write it makes (true), or only when it submits
    /// (the learner: work in progress is theirs until they submit it).
    pub seals_every_write: bool,
    /// Its seal also binds the fingerprints of the submissions its records
    /// are about (`submission:N` parts).
    pub binds_submissions: bool,
    /// Its sign-off, if it signs.
    pub sign_off: Option<SignOffTable>,
}

/// Where a party's sign-offs are: one row per version signed, holding the
/// fingerprint of what it signs (see `seal::assessment_fingerprint`).
pub(crate) struct SignOffTable {
    pub table: &'static str,
    /// The column holding the fingerprint of what was signed.
    pub signs: &'static str,
    /// The column holding the signer's name (for the audit entry when a
    /// change withdraws the sign-off).
    pub name: &'static str,
    /// The audit event recorded when a change withdraws it.
    pub withdrawn_event: &'static str,
}

pub(crate) const PARTIES: &[Party] = &[
    Party {
        role: Role::Learner,
        seals_every_write: false,
        binds_submissions: false,
        sign_off: None,
    },
    Party {
        role: Role::Assessor,
        seals_every_write: true,
        binds_submissions: true,
        sign_off: Some(SignOffTable {
            table: "signoff",
            signs: "assessment",
            name: "assessor_name",
            withdrawn_event: "sign_off_withdrawn",
        }),
    },
    Party {
        role: Role::Iqa,
        seals_every_write: true,
        binds_submissions: true,
        sign_off: Some(SignOffTable {
            table: "iqa_signoff",
            signs: "sampled",
            name: "iqa_name",
            withdrawn_event: "iqa_decision_withdrawn",
        }),
    },
];

impl Party {
    pub fn of(role: Role) -> &'static Party {
        PARTIES
            .iter()
            .find(|p| p.role == role)
            .expect("every role is a party")
    }
}

const NO_LOCAL: &[(&str, &str)] = &[];
const NO_DOMAINS: &[(&str, Domain)] = &[];
const INSTANTS: &[(&str, Domain)] = &[("created_at", Domain::Instant)];
const CHANGED: &[(&str, Domain)] = &[
    ("created_at", Domain::Instant),
    ("updated_at", Domain::Instant),
];

/// A table of the learner's, sealed row by row, known by its primary key,
/// with no local columns: the partnership register's tables.
const fn learner_rows(
    name: &'static str,
    noun: fn(&Row) -> String,
    domains: &'static [(&'static str, Domain)],
) -> Table {
    rows_owned_by(Owner::Party(Role::Learner), name, noun, domains)
}

/// A table sealed row by row, known by its primary key, with no local
/// columns, each row owned as `owner` says: the assessment cycle's tables,
/// where each party's rows are its own.
const fn rows_owned_by(
    owner: Owner,
    name: &'static str,
    noun: fn(&Row) -> String,
    domains: &'static [(&'static str, Domain)],
) -> Table {
    Table {
        name,
        owner,
        cover: Cover::Rows,
        key: &[],
        local: NO_LOCAL,
        version: None,
        append_only: false,
        noun,
        domains,
    }
}

/// Every table of the file, in the order their parts appear in a seal.
pub(crate) const TABLES: &[Table] = &[
    Table {
        name: "portfolio",
        owner: Owner::Party(Role::Learner),
        cover: Cover::Rows,
        key: &[],
        local: &[
            ("title", "each copy's own name for the portfolio in its holder's library (whoever holds the file may rename it)"),
            ("role", "whose copy the file is (learner's, assessor's or IQA's): it differs between the copies by design, and open-submission and receive check it"),
            ("updated_at", "when this copy last changed: every write by whoever holds it sets it"),
            ("sent_at", "when this copy was written to be sent; set on the copy after the learner's seal was made"),
        ],
        version: None,
        append_only: false,
        noun: |_| "the portfolio's record".into(),
        domains: &[
            ("created_at", Domain::Instant),
            ("updated_at", Domain::Instant),
            ("sent_at", Domain::Instant),
        ],
    },
    Table {
        name: "standard_item",
        owner: Owner::Party(Role::Learner),
        cover: Cover::Rows,
        key: &[],
        local: NO_LOCAL,
        version: None,
        append_only: false,
        noun: |r| format!("the standard's item {}", text(r, "id")),
        domains: &[("position", Domain::Range(0, 100_000))],
    },
    Table {
        name: "learner_profile",
        owner: Owner::Party(Role::Learner),
        cover: Cover::Rows,
        key: &[],
        local: NO_LOCAL,
        version: None,
        append_only: false,
        noun: |_| "the learner's profile".into(),
        domains: &[
            ("start_date", Domain::Date),
            ("updated_at", Domain::Instant),
        ],
    },
    Table {
        name: "self_assessment",
        owner: Owner::Party(Role::Learner),
        cover: Cover::Rows,
        key: &[],
        local: NO_LOCAL,
        version: None,
        append_only: false,
        noun: |r| format!("item {}", text(r, "item_id")),
        domains: &[
            ("rating", Domain::Range(1, 4)),
            ("updated_at", Domain::Instant),
        ],
    },
    Table {
        name: "history",
        owner: Owner::Party(Role::Learner),
        cover: Cover::Digest,
        key: &[],
        local: NO_LOCAL,
        version: None,
        append_only: true,
        noun: |_| "the learner's history of changes".into(),
        domains: &[("at", Domain::Instant)],
    },
    Table {
        name: "witness",
        owner: Owner::Party(Role::Learner),
        cover: Cover::Rows,
        key: &[],
        local: NO_LOCAL,
        version: None,
        append_only: false,
        noun: |r| format!("witness “{}”", text(r, "name")),
        domains: INSTANTS,
    },
    Table {
        name: "evidence",
        owner: Owner::Party(Role::Learner),
        cover: Cover::Rows,
        key: &[],
        local: NO_LOCAL,
        version: None,
        append_only: false,
        noun: |r| format!("evidence E{}", text(r, "id")),
        domains: &[
            ("activity_date", Domain::Date),
            ("created_at", Domain::Instant),
            ("updated_at", Domain::Instant),
        ],
    },
    Table {
        name: "content",
        owner: Owner::Party(Role::Learner),
        cover: Cover::Rows,
        key: &[],
        local: NO_LOCAL,
        version: None,
        append_only: false,
        noun: |r| {
            let sha: String = text(r, "sha256").chars().take(12).collect();
            format!("the stored file {sha}…")
        },
        domains: &[
            ("sha256", Domain::Sha256),
            ("size", Domain::Range(0, i64::MAX)),
        ],
    },
    Table {
        name: "content_chunk",
        owner: Owner::Party(Role::Learner),
        cover: Cover::Bytes,
        key: &[],
        local: NO_LOCAL,
        version: None,
        append_only: false,
        noun: |r| format!("the bytes of stored file {}", text(r, "content_id")),
        domains: &[("seq", Domain::Range(0, i64::MAX))],
    },
    Table {
        name: "preview",
        owner: Owner::Party(Role::Learner),
        cover: Cover::Rows,
        key: &[],
        local: NO_LOCAL,
        version: None,
        append_only: false,
        noun: |r| {
            format!(
                "the {} preview of stored file {}",
                text(r, "kind"),
                text(r, "content_id")
            )
        },
        domains: &[
            ("width", Domain::Range(1, 100_000)),
            ("height", Domain::Range(1, 100_000)),
        ],
    },
    Table {
        name: "attachment",
        owner: Owner::Party(Role::Learner),
        cover: Cover::Rows,
        key: &[],
        local: NO_LOCAL,
        version: None,
        append_only: false,
        noun: |r| {
            format!(
                "evidence E{}'s file “{}”",
                text(r, "evidence_id"),
                text(r, "file_name")
            )
        },
        domains: &[("added_at", Domain::Instant)],
    },
    Table {
        name: "mapping",
        owner: Owner::Party(Role::Learner),
        cover: Cover::Rows,
        key: &[],
        local: NO_LOCAL,
        version: None,
        append_only: false,
        noun: |r| {
            format!(
                "evidence E{}'s mapping to {}",
                text(r, "evidence_id"),
                text(r, "item_id")
            )
        },
        domains: INSTANTS,
    },
    learner_rows(
        "partner",
        |r| format!("partner PT{}", text(r, "id")),
        CHANGED,
    ),
    learner_rows(
        "partner_contact",
        |r| {
            let (partner, name) = (text(r, "partner_id"), text(r, "name"));
            format!("partner PT{partner}'s contact “{name}”")
        },
        &[("position", Domain::Range(0, i64::MAX))],
    ),
    learner_rows(
        "partnership_note",
        |r| format!("note N{}", text(r, "id")),
        &[
            ("noted_on", Domain::Date),
            ("created_at", Domain::Instant),
            ("updated_at", Domain::Instant),
        ],
    ),
    learner_rows(
        "agreement",
        |r| format!("agreement AG{}", text(r, "id")),
        CHANGED,
    ),
    learner_rows(
        "agreement_version",
        |r| {
            let (agreement, version) = (text(r, "agreement_id"), text(r, "version"));
            format!("agreement AG{agreement}'s version {version}")
        },
        &[
            ("version", Domain::Range(1, 1_000_000)),
            ("made_on", Domain::Date),
            ("review_by", Domain::Date),
            ("created_at", Domain::Instant),
        ],
    ),
    learner_rows(
        "health_check",
        |r| format!("health check HC{}", text(r, "id")),
        &[
            ("held_on", Domain::Date),
            ("template_version", Domain::Range(1, 1)),
            ("created_at", Domain::Instant),
            ("updated_at", Domain::Instant),
        ],
    ),
    learner_rows(
        "health_check_respondent",
        |r| {
            let (check, name) = (text(r, "check_id"), text(r, "name"));
            format!("health check HC{check}'s respondent “{name}”")
        },
        &[
            ("position", Domain::Range(0, i64::MAX)),
            ("added_at", Domain::Instant),
        ],
    ),
    learner_rows(
        "health_check_answer",
        |r| {
            let (check, statement) = (text(r, "check_id"), text(r, "statement_id"));
            let position = text(r, "position");
            format!("health check HC{check}'s answer to {statement} (respondent {position})")
        },
        &[
            ("position", Domain::Range(0, i64::MAX)),
            ("score", Domain::Range(1, 5)),
        ],
    ),
    learner_rows(
        "partnership_action",
        |r| format!("action AC{}", text(r, "id")),
        &[
            ("due_on", Domain::Date),
            ("done_on", Domain::Date),
            ("created_at", Domain::Instant),
            ("updated_at", Domain::Instant),
        ],
    ),
    learner_rows(
        "evidence_source",
        |r| format!("the source of evidence E{}", text(r, "evidence_id")),
        &[("sha256", Domain::Sha256), ("made_at", Domain::Instant)],
    ),
    rows_owned_by(
        Owner::Column("drafted_by"),
        "plan_item",
        |r| {
            let (party, item) = (text(r, "drafted_by"), text(r, "item_id"));
            format!("the {party}'s assessment plan for {item}")
        },
        &[
            ("round", Domain::Range(1, 1_000_000)),
            ("target_on", Domain::Date),
            ("updated_at", Domain::Instant),
            ("removed_at", Domain::Instant),
        ],
    ),
    rows_owned_by(
        Owner::Column("party"),
        "plan_acceptance",
        |r| format!("the {}'s acceptance of the assessment plan", text(r, "party")),
        &[("accepted_at", Domain::Instant), ("plan", Domain::Sha256)],
    ),
    rows_owned_by(
        Owner::Column("written_by"),
        "progress_review",
        |r| format!("the progress review of {}", text(r, "held_on")),
        &[
            ("held_on", Domain::Date),
            ("next_target", Domain::Date),
            ("created_at", Domain::Instant),
        ],
    ),
    rows_owned_by(
        Owner::Column("party"),
        "review_signature",
        |r| format!("the {}'s signature of a progress review", text(r, "party")),
        &[("signed_at", Domain::Instant)],
    ),
    learner_rows(
        "feedback_reply",
        |r| {
            let (item, version) = (text(r, "item_id"), text(r, "version"));
            format!("the learner's reply on {item} (version {version})")
        },
        &[
            ("version", Domain::Range(1, 1_000_000)),
            ("written_at", Domain::Instant),
        ],
    ),
    Table {
        name: "submission",
        owner: Owner::Party(Role::Learner),
        cover: Cover::Seal,
        key: &[],
        local: NO_LOCAL,
        version: Some("version"),
        append_only: false,
        noun: |r| format!("submission version {}", text(r, "version")),
        domains: &[
            ("version", Domain::Range(1, 1_000_000)),
            ("submitted_at", Domain::Instant),
            ("declared_on", Domain::Date),
            ("fingerprint", Domain::Sha256),
        ],
    },
    Table {
        name: "submission_part",
        owner: Owner::Party(Role::Learner),
        cover: Cover::Seal,
        key: &[],
        local: NO_LOCAL,
        version: Some("version"),
        append_only: false,
        noun: |r| {
            format!(
                "submission version {}'s part {}",
                text(r, "version"),
                text(r, "part")
            )
        },
        domains: &[
            ("position", Domain::Range(0, i64::MAX)),
            ("sha256", Domain::Sha256),
        ],
    },
    Table {
        name: "submission_content",
        owner: Owner::Party(Role::Learner),
        cover: Cover::Seal,
        key: &[],
        local: NO_LOCAL,
        version: Some("version"),
        append_only: false,
        noun: |r| format!("submission version {}'s stored files", text(r, "version")),
        domains: NO_DOMAINS,
    },
    Table {
        name: "judgement",
        owner: Owner::Party(Role::Assessor),
        cover: Cover::Rows,
        key: &[],
        local: NO_LOCAL,
        version: Some("version"),
        append_only: false,
        noun: |r| {
            format!(
                "the assessor's judgement of {} on version {}",
                text(r, "item_id"),
                text(r, "version")
            )
        },
        domains: &[("judged_at", Domain::Instant)],
    },
    Table {
        name: "overall_feedback",
        owner: Owner::Party(Role::Assessor),
        cover: Cover::Rows,
        key: &[],
        local: NO_LOCAL,
        version: Some("version"),
        append_only: false,
        noun: |r| {
            format!(
                "the assessor's overall feedback on version {}",
                text(r, "version")
            )
        },
        domains: &[("updated_at", Domain::Instant)],
    },
    Table {
        name: "signoff",
        owner: Owner::Party(Role::Assessor),
        cover: Cover::Rows,
        key: &[],
        local: NO_LOCAL,
        version: Some("version"),
        append_only: false,
        noun: |r| format!("the assessor's sign-off of version {}", text(r, "version")),
        domains: &[
            ("signed_on", Domain::Date),
            ("signed_at", Domain::Instant),
            ("fingerprint", Domain::Sha256),
            ("assessment", Domain::Sha256),
        ],
    },
    Table {
        name: "iqa_sample",
        owner: Owner::Party(Role::Iqa),
        cover: Cover::Rows,
        key: &[],
        local: NO_LOCAL,
        version: Some("version"),
        append_only: false,
        noun: |r| {
            format!(
                "the IQA's sample of {} on version {}",
                text(r, "item_id"),
                text(r, "version")
            )
        },
        domains: &[
            ("judgement", Domain::Sha256),
            ("sampled_at", Domain::Instant),
        ],
    },
    Table {
        name: "iqa_signoff",
        owner: Owner::Party(Role::Iqa),
        cover: Cover::Rows,
        key: &[],
        local: NO_LOCAL,
        version: Some("version"),
        append_only: false,
        noun: |r| format!("the IQA's decision on version {}", text(r, "version")),
        domains: &[
            ("signed_on", Domain::Date),
            ("signed_at", Domain::Instant),
            ("sampled", Domain::Sha256),
        ],
    },
    Table {
        name: "audit",
        owner: Owner::Column("role"),
        cover: Cover::Rows,
        key: &["uid"],
        local: &[(
            "seq",
            "the order in which this copy added the entry (each copy numbers its own); entries are known by their uid",
        )],
        version: None,
        append_only: true,
        noun: |r| {
            format!(
                "the {}'s audit entry of {} ({})",
                text(r, "role"),
                text(r, "at"),
                text(r, "event").replace('_', " ")
            )
        },
        domains: &[("at", Domain::Instant)],
    },
    Table {
        name: "seal",
        owner: Owner::Column("party"),
        cover: Cover::Seal,
        key: &[],
        local: NO_LOCAL,
        version: None,
        append_only: false,
        noun: |r| format!("the {}'s seal", text(r, "party")),
        domains: &[("fingerprint", Domain::Sha256)],
    },
    Table {
        name: "seal_part",
        owner: Owner::Column("party"),
        cover: Cover::Seal,
        key: &[],
        local: NO_LOCAL,
        version: None,
        append_only: false,
        noun: |r| format!("the {}'s seal, part {}", text(r, "party"), text(r, "part")),
        domains: &[
            ("position", Domain::Range(0, i64::MAX)),
            ("sha256", Domain::Sha256),
        ],
    },
];

/// The registered table `name`.
pub(crate) fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

impl Table {
    /// Whether `party` may own rows of this table.
    pub fn may_be_owned_by(&self, party: Role) -> bool {
        match self.owner {
            Owner::Party(p) => p == party,
            Owner::Column(_) => true,
        }
    }

    /// Whether `column` is one of the table's local columns.
    pub fn is_local(&self, column: &str) -> bool {
        self.local.iter().any(|(c, _)| *c == column)
    }

    /// Columns of one of its rows in words: "evidence E3's title", "the
    /// learner's profile: full name and centre".
    pub fn describe_fields(&self, row: &Row, columns: &[String]) -> String {
        let noun = (self.noun)(row);
        let joiner = if noun.contains("'s") || noun.starts_with("the ") {
            ": "
        } else {
            "'s "
        };
        let mut words: Vec<String> = columns.iter().map(|c| column_words(self.name, c)).collect();
        words.dedup();
        format!("{noun}{joiner}{}", crate::text::and_list(&words))
    }
}

/// A column's name in words.
pub(crate) fn column_words(table: &str, column: &str) -> String {
    let words = match (table, column) {
        ("portfolio", "uid") => "identity",
        ("portfolio", "standard_json") => "copy of the standard",
        ("portfolio", "standard_urn") => "standard's reference",
        ("portfolio", "standard_version") => "standard's version",
        ("portfolio", "created_at") => "date it was started",
        (_, "activity_date" | "noted_on" | "held_on" | "made_on") => "date",
        ("partner", "kind") => "type",
        (_, "review_by") => "review-by date",
        (_, "due_on") => "due date",
        (_, "done_on") => "done date",
        (_, "info_needs") => "information needs",
        (_, "info_shared") => "information agreed to be shared",
        (_, "info_withheld") => "information that may not be shared",
        (_, "created_at" | "added_at") => "time it was added",
        (_, "updated_at") => "time of its last change",
        (_, "witness_id") => "witness",
        (_, "confidential_what" | "confidential_held" | "confidential_confirmer") => {
            "confidential record"
        }
        (_, "judged_at") => "time of judging",
        (_, "target_on" | "next_target") => "target date",
        (_, "accepted_at") => "time of accepting",
        ("plan_acceptance", "plan") => "plan it accepts",
        (_, "next_steps") => "what is next",
        (_, "written_at") => "time it was written",
        (_, "signed_at") => "time of signing",
        (_, "signed_on") => "date",
        (_, "assessment") => "record of what it signs",
        (_, "assessor_name") => "assessor's name",
        (_, "iqa_name") => "IQA's name",
        ("iqa_sample", "judgement") => "judgement sampled",
        ("iqa_sample", "verdict") => "agreement",
        (_, "sampled_at") => "time of sampling",
        (_, "sampled") => "record of what was sampled",
        (_, "data") => "bytes",
        (_, "sha256") => "SHA-256",
        (_, "media_type") => "type",
        (_, "at") => "time",
        (_, other) => return other.replace('_', " "),
    };
    words.to_string()
}

/// A column's value as text (numbers as digits, null as "").
pub(crate) fn text(row: &Row, column: &str) -> String {
    match row.get(column) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}
