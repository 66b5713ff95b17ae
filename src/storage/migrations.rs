//! The portfolio file's schema, as a list of migrations written as code.
//!
//! Migration N takes a file from schema version N-1 to N. They only ever get
//! appended: a released migration is never edited, because files written with
//! it exist on people's laptops. `user_version` holds the schema version; all
//! pending migrations run in one transaction, so a file is either fully
//! migrated or untouched.

use crate::error::Result;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

pub(crate) struct Migration {
    /// What the migration adds, for people reading this list.
    #[allow(dead_code)]
    pub name: &'static str,
    pub apply: fn(&Transaction) -> rusqlite::Result<()>,
}

/// Every migration in order; the schema version is the length of this list.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        name: "1: portfolio, embedded standard, learner profile, self-assessment, history",
        apply: v1_foundation,
    },
    Migration {
        name: "2: evidence, witnesses, attachments (deduplicated content, previews), mappings",
        apply: v2_evidence,
    },
    Migration {
        name:
            "3: submissions with fingerprints, judgements, feedback, sign-off, audit trail, roles",
        apply: v3_exchange,
    },
    Migration {
        name: "4: seals of each party's records, sign-offs bound to what they sign, files marked as sent",
        apply: v4_seals,
    },
    Migration {
        name: "5: partnerships: partners, contacts, notes, agreements with versions, health checks, actions, evidence sources",
        apply: v5_partnerships,
    },
    Migration {
        name: "6: a learner's description of an attachment (a photo's alternative text)",
        apply: v6_attachment_descriptions,
    },
    Migration {
        name: "7: the assessment plan and its acceptances, progress reviews with their signatures, the learner's replies to feedback",
        apply: v7_assessment_cycle,
    },
    Migration {
        name: "8: the internal quality assurer: a third role, their samples of the assessor's judgements and their decision",
        apply: v8_iqa,
    },
    Migration {
        name: "9: a line of the assessment plan removed by a party (who, when)",
        apply: v9_plan_removals,
    },
];

fn v1_foundation(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        -- One row: which portfolio this is and which standard it is assessed against.
        -- The standard's full text travels inside the file, so the file stands alone.
        CREATE TABLE portfolio (
            singleton        INTEGER PRIMARY KEY CHECK (singleton = 1),
            uid              TEXT NOT NULL,
            title            TEXT NOT NULL,
            standard_urn     TEXT NOT NULL,
            standard_version TEXT NOT NULL,
            standard_json    TEXT NOT NULL,
            created_at       TEXT NOT NULL,
            updated_at       TEXT NOT NULL
        ) STRICT;

        -- The standard's items, so that references to them are foreign keys.
        CREATE TABLE standard_item (
            id       TEXT PRIMARY KEY,
            kind     TEXT NOT NULL CHECK (kind IN ('performance', 'knowledge')),
            position INTEGER NOT NULL UNIQUE,
            text     TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE learner_profile (
            singleton           INTEGER PRIMARY KEY CHECK (singleton = 1),
            full_name           TEXT NOT NULL,
            registration_number TEXT NOT NULL DEFAULT '',
            centre              TEXT NOT NULL DEFAULT '',
            qualification       TEXT NOT NULL DEFAULT '',
            assessor_name       TEXT NOT NULL DEFAULT '',
            start_date          TEXT,
            updated_at          TEXT NOT NULL
        ) STRICT;

        -- The learner's self-assessment of an item: a rating 1-4 and an account.
        -- No row means the item is not started.
        CREATE TABLE self_assessment (
            item_id    TEXT PRIMARY KEY REFERENCES standard_item (id),
            rating     INTEGER CHECK (rating BETWEEN 1 AND 4),
            account    TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;

        -- Every change, appended; never updated or deleted.
        CREATE TABLE history (
            seq     INTEGER PRIMARY KEY AUTOINCREMENT,
            at      TEXT NOT NULL,
            actor   TEXT NOT NULL,
            subject TEXT NOT NULL,
            item_id TEXT,
            field   TEXT NOT NULL,
            value   TEXT
        ) STRICT;
        CREATE INDEX history_by_item ON history (item_id, seq);
        CREATE TRIGGER history_is_append_only_on_update BEFORE UPDATE ON history
            BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
        CREATE TRIGGER history_is_append_only_on_delete BEFORE DELETE ON history
            BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
        "#,
    )
}

fn v2_evidence(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        -- A person who saw the learner's work and vouches for it.
        CREATE TABLE witness (
            id           INTEGER PRIMARY KEY,
            name         TEXT NOT NULL,
            job_role     TEXT NOT NULL DEFAULT '',
            organisation TEXT NOT NULL DEFAULT '',
            relationship TEXT NOT NULL DEFAULT '',
            contact      TEXT NOT NULL DEFAULT '',
            competence   TEXT NOT NULL DEFAULT '',
            created_at   TEXT NOT NULL
        ) STRICT;

        -- A piece of evidence. Its reference is E<id>; AUTOINCREMENT means an
        -- id is never used again, even after a deletion.
        CREATE TABLE evidence (
            id                  INTEGER PRIMARY KEY AUTOINCREMENT,
            title               TEXT NOT NULL,
            method              TEXT NOT NULL CHECK (method IN ('observation', 'witness_testimony', 'product',
                                    'professional_discussion', 'reflective_account', 'questions_and_answers',
                                    'prior_learning', 'other')),
            activity_date       TEXT,
            description         TEXT NOT NULL DEFAULT '',
            witness_id          INTEGER REFERENCES witness (id),
            confidential_what   TEXT,
            confidential_held   TEXT,
            confidential_confirmer TEXT,
            created_at          TEXT NOT NULL,
            updated_at          TEXT NOT NULL,
            CHECK ((confidential_what IS NULL) = (confidential_held IS NULL))
        ) STRICT;
        CREATE INDEX evidence_by_witness ON evidence (witness_id);

        -- A file's bytes, stored once however many times it is attached.
        CREATE TABLE content (
            id         INTEGER PRIMARY KEY,
            sha256     TEXT NOT NULL UNIQUE,
            size       INTEGER NOT NULL,
            media_type TEXT NOT NULL
        ) STRICT;
        -- The bytes, in chunks of at most 1 MiB, streamed in and out.
        CREATE TABLE content_chunk (
            content_id INTEGER NOT NULL REFERENCES content (id) ON DELETE CASCADE,
            seq        INTEGER NOT NULL,
            data       BLOB NOT NULL,
            UNIQUE (content_id, seq)
        ) STRICT;
        -- Renditions of an image: a thumbnail for the screen, a print size for the PDF.
        CREATE TABLE preview (
            content_id INTEGER NOT NULL REFERENCES content (id) ON DELETE CASCADE,
            kind       TEXT NOT NULL CHECK (kind IN ('thumbnail', 'print')),
            width      INTEGER NOT NULL,
            height     INTEGER NOT NULL,
            data       BLOB NOT NULL,
            PRIMARY KEY (content_id, kind)
        ) STRICT;

        CREATE TABLE attachment (
            id          INTEGER PRIMARY KEY,
            evidence_id INTEGER NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
            content_id  INTEGER NOT NULL REFERENCES content (id),
            file_name   TEXT NOT NULL,
            added_at    TEXT NOT NULL,
            UNIQUE (evidence_id, content_id)
        ) STRICT;
        CREATE INDEX attachment_by_content ON attachment (content_id);

        -- Which items a piece of evidence shows, and how.
        CREATE TABLE mapping (
            evidence_id INTEGER NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
            item_id     TEXT NOT NULL REFERENCES standard_item (id),
            note        TEXT NOT NULL DEFAULT '',
            created_at  TEXT NOT NULL,
            PRIMARY KEY (evidence_id, item_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX mapping_by_item ON mapping (item_id, evidence_id);

        -- History entries about evidence name it.
        ALTER TABLE history ADD COLUMN evidence_ref TEXT;
        "#,
    )
}

fn v3_exchange(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        -- Whose file this is: the learner's own portfolio, or an assessor's
        -- working copy (in which the learner's content cannot be changed).
        ALTER TABLE portfolio ADD COLUMN role TEXT NOT NULL DEFAULT 'learner'
            CHECK (role IN ('learner', 'assessor'));

        -- A version of the portfolio submitted for assessment (1, 2, ...), with
        -- the learner's declaration and the fingerprint of what was submitted.
        CREATE TABLE submission (
            version       INTEGER PRIMARY KEY,
            submitted_at  TEXT NOT NULL,
            declared_name TEXT NOT NULL,
            declared_on   TEXT NOT NULL,
            declaration   TEXT NOT NULL,
            fingerprint   TEXT NOT NULL
        ) STRICT;
        -- The submitted content, part by part (profile, each item, each piece
        -- of evidence, the declaration), as canonical JSON with its SHA-256.
        CREATE TABLE submission_part (
            version  INTEGER NOT NULL REFERENCES submission (version),
            part     TEXT NOT NULL,
            position INTEGER NOT NULL,
            content  TEXT NOT NULL,
            sha256   TEXT NOT NULL,
            PRIMARY KEY (version, part)
        ) STRICT, WITHOUT ROWID;
        -- Attached bytes a submission needs, kept even if the evidence is later removed.
        CREATE TABLE submission_content (
            version    INTEGER NOT NULL REFERENCES submission (version),
            content_id INTEGER NOT NULL REFERENCES content (id),
            PRIMARY KEY (version, content_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX submission_content_by_content ON submission_content (content_id);

        -- The assessor's judgement of an item in a submission.
        CREATE TABLE judgement (
            version       INTEGER NOT NULL REFERENCES submission (version),
            item_id       TEXT NOT NULL REFERENCES standard_item (id),
            outcome       TEXT NOT NULL CHECK (outcome IN ('met', 'not_yet_met')),
            feedback      TEXT NOT NULL DEFAULT '',
            assessor_name TEXT NOT NULL,
            judged_at     TEXT NOT NULL,
            PRIMARY KEY (version, item_id)
        ) STRICT, WITHOUT ROWID;
        -- The assessor's overall feedback on a submission.
        CREATE TABLE overall_feedback (
            version       INTEGER PRIMARY KEY REFERENCES submission (version),
            feedback      TEXT NOT NULL,
            assessor_name TEXT NOT NULL,
            updated_at    TEXT NOT NULL
        ) STRICT;
        -- The assessor's declaration and sign-off, bound to the submission's fingerprint.
        CREATE TABLE signoff (
            version       INTEGER PRIMARY KEY REFERENCES submission (version),
            assessor_name TEXT NOT NULL,
            signed_on     TEXT NOT NULL,
            signed_at     TEXT NOT NULL,
            declaration   TEXT NOT NULL,
            fingerprint   TEXT NOT NULL
        ) STRICT;

        -- Submissions, imports, judgements, sign-offs, returns: who, when.
        -- Entries carry a unique id so the trails of two copies merge cleanly.
        CREATE TABLE audit (
            seq     INTEGER PRIMARY KEY AUTOINCREMENT,
            uid     TEXT NOT NULL UNIQUE,
            at      TEXT NOT NULL,
            role    TEXT NOT NULL CHECK (role IN ('learner', 'assessor')),
            name    TEXT NOT NULL,
            event   TEXT NOT NULL,
            version INTEGER,
            detail  TEXT NOT NULL DEFAULT ''
        ) STRICT;
        CREATE TRIGGER audit_is_append_only_on_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER audit_is_append_only_on_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        "#,
    )
}

fn v4_seals(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        -- A party's records, sealed: every row the party owns in this file
        -- (src/storage/owners.rs says who owns what), as canonical JSON parts
        -- with their SHA-256, and the fingerprint over them. The learner's
        -- seal is made when they submit and bound into that submission; the
        -- assessor's is made again after every change they make.
        CREATE TABLE seal (
            party       TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            -- The audit entry that records the sealing when the seal does
            -- not hold it itself (the learner's "submitted" entry).
            recorded_by TEXT REFERENCES audit (uid)
        ) STRICT;
        CREATE TABLE seal_part (
            party    TEXT NOT NULL REFERENCES seal (party) ON DELETE CASCADE,
            part     TEXT NOT NULL,
            position INTEGER NOT NULL,
            content  TEXT NOT NULL,
            sha256   TEXT NOT NULL,
            PRIMARY KEY (party, part)
        ) STRICT, WITHOUT ROWID;

        -- The fingerprint of what a sign-off signs: the assessor's judgements
        -- and feedback on every version up to the one signed, with those
        -- versions' fingerprints.
        ALTER TABLE signoff ADD COLUMN assessment TEXT;

        -- When this file was written to be sent (a submission or a returned
        -- assessment); NULL in a working copy.
        ALTER TABLE portfolio ADD COLUMN sent_at TEXT;
        "#,
    )
}

fn v5_partnerships(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        -- A partner in the learner's register: an organisation, team or person.
        -- Its reference is PT<id>; AUTOINCREMENT: never used again after a deletion.
        -- Interest and influence place it on the stakeholder map (both or neither).
        CREATE TABLE partner (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            name          TEXT NOT NULL,
            kind          TEXT NOT NULL CHECK (kind IN ('colleague', 'partner_agency', 'community_group', 'funder',
                              'government', 'other')),
            role          TEXT NOT NULL DEFAULT '',
            interests     TEXT NOT NULL DEFAULT '',
            services      TEXT NOT NULL DEFAULT '',
            info_needs    TEXT NOT NULL DEFAULT '',
            info_shared   TEXT NOT NULL DEFAULT '',
            info_withheld TEXT NOT NULL DEFAULT '',
            interest      TEXT CHECK (interest IN ('high', 'low')),
            influence     TEXT CHECK (influence IN ('high', 'low')),
            created_at    TEXT NOT NULL,
            updated_at    TEXT NOT NULL,
            CHECK ((interest IS NULL) = (influence IS NULL))
        ) STRICT;
        CREATE UNIQUE INDEX partner_by_name ON partner (name COLLATE NOCASE);

        -- Who at a partner can take decisions and action, and how to reach them.
        CREATE TABLE partner_contact (
            partner_id INTEGER NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
            position   INTEGER NOT NULL,
            name       TEXT NOT NULL,
            role       TEXT NOT NULL DEFAULT '',
            reach      TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (partner_id, position)
        ) STRICT, WITHOUT ROWID;

        -- A dated note on a partnership (N<id>), with who took part (one name a line).
        CREATE TABLE partnership_note (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            partner_id   INTEGER NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
            kind         TEXT NOT NULL CHECK (kind IN ('meeting', 'consultation', 'feedback', 'disagreement',
                             'decision')),
            noted_on     TEXT NOT NULL CHECK (date(noted_on) IS noted_on),
            text         TEXT NOT NULL,
            participants TEXT NOT NULL DEFAULT '',
            created_at   TEXT NOT NULL,
            updated_at   TEXT NOT NULL
        ) STRICT;
        CREATE INDEX partnership_note_by_partner ON partnership_note (partner_id, noted_on);

        -- An agreement with a partner (AG<id>). Its text is in its versions.
        CREATE TABLE agreement (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            partner_id INTEGER NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX agreement_by_partner ON agreement (partner_id);
        -- Version 1 is the agreement as first agreed (made_on: the date agreed);
        -- each later version a revision saying what changed and why. A version,
        -- once written, is never changed: revising keeps the earlier text.
        CREATE TABLE agreement_version (
            agreement_id INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
            version      INTEGER NOT NULL CHECK (version >= 1),
            made_on      TEXT NOT NULL CHECK (date(made_on) IS made_on),
            aims         TEXT NOT NULL,
            arrangements TEXT NOT NULL,
            measures     TEXT NOT NULL,
            monitoring   TEXT NOT NULL,
            review_by    TEXT NOT NULL CHECK (date(review_by) IS review_by AND review_by >= made_on),
            what_changed TEXT NOT NULL DEFAULT '',
            why          TEXT NOT NULL DEFAULT '',
            created_at   TEXT NOT NULL,
            PRIMARY KEY (agreement_id, version),
            CHECK ((version = 1) = (what_changed = '' AND why = ''))
        ) STRICT, WITHOUT ROWID;
        CREATE TRIGGER agreement_version_is_kept BEFORE UPDATE ON agreement_version
            BEGIN SELECT RAISE(ABORT, 'an agreement''s earlier versions are kept as they were'); END;

        -- A partnership health check (HC<id>) on a date, against a version of
        -- the built-in statements; one per partnership and date.
        CREATE TABLE health_check (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            partner_id       INTEGER NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
            held_on          TEXT NOT NULL CHECK (date(held_on) IS held_on),
            template_version INTEGER NOT NULL CHECK (template_version = 1),
            created_at       TEXT NOT NULL,
            updated_at       TEXT NOT NULL,
            UNIQUE (partner_id, held_on)
        ) STRICT;
        -- The people who answered a check, in the order they were entered.
        CREATE TABLE health_check_respondent (
            check_id INTEGER NOT NULL REFERENCES health_check (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name     TEXT NOT NULL,
            added_at TEXT NOT NULL,
            PRIMARY KEY (check_id, position),
            UNIQUE (check_id, name)
        ) STRICT, WITHOUT ROWID;
        -- Each respondent's answer to every statement: a score 1-5, or NULL for
        -- "don't know"; an optional comment.
        CREATE TABLE health_check_answer (
            check_id     INTEGER NOT NULL,
            position     INTEGER NOT NULL,
            statement_id TEXT NOT NULL,
            score        INTEGER CHECK (score BETWEEN 1 AND 5),
            comment      TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (check_id, position, statement_id),
            FOREIGN KEY (check_id, position) REFERENCES health_check_respondent (check_id, position)
                ON DELETE CASCADE
        ) STRICT, WITHOUT ROWID;

        -- The action plan of a partnership (AC<id>): the element of the health
        -- check it answers, the owner, the due date, the date it was done.
        CREATE TABLE partnership_action (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            partner_id INTEGER NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
            check_id   INTEGER REFERENCES health_check (id) ON DELETE SET NULL,
            action     TEXT NOT NULL,
            element    TEXT NOT NULL CHECK (element IN ('goals', 'vision', 'communication', 'resources', 'roles',
                           'evaluation', 'trust', 'difficulties')),
            owner      TEXT NOT NULL,
            due_on     TEXT NOT NULL CHECK (date(due_on) IS due_on),
            done_on    TEXT CHECK (date(done_on) IS done_on),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX partnership_action_by_partner ON partnership_action (partner_id, due_on);
        CREATE INDEX partnership_action_by_check ON partnership_action (check_id);

        -- Evidence made in one step from the register: the source it was made
        -- from (PT1, N1, AG1, HC1 or the stakeholder map) and the fingerprint of
        -- the source's content then, to say when the source has changed since.
        CREATE TABLE evidence_source (
            evidence_id INTEGER PRIMARY KEY REFERENCES evidence (id) ON DELETE CASCADE,
            source      TEXT NOT NULL CHECK (source = 'map' OR source GLOB 'PT[1-9]*' OR source GLOB 'N[1-9]*'
                            OR source GLOB 'AG[1-9]*' OR source GLOB 'HC[1-9]*'),
            sha256      TEXT NOT NULL,
            made_at     TEXT NOT NULL
        ) STRICT;
        CREATE INDEX evidence_source_by_source ON evidence_source (source);

        -- History entries about the partnership register name the record (PT1, AG1, ...).
        ALTER TABLE history ADD COLUMN partnership_ref TEXT;
        "#,
    )
}

fn v6_attachment_descriptions(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        -- What an attachment shows, in the learner's words: a photo's
        -- alternative text in the PDF. NULL until the learner writes one.
        ALTER TABLE attachment ADD COLUMN description TEXT;
        "#,
    )
}

fn v7_assessment_cycle(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        -- The assessment plan (src/assessment_plan.rs): for each item, the
        -- planned methods, target date and note as each party last drafted
        -- them. Each party's drafts are its own rows; the plan holds, for
        -- each item, the draft of the highest round (a draft's round is one
        -- more than the highest it replaces).
        CREATE TABLE plan_item (
            drafted_by TEXT NOT NULL CHECK (drafted_by IN ('learner', 'assessor')),
            item_id    TEXT NOT NULL REFERENCES standard_item (id),
            round      INTEGER NOT NULL CHECK (round >= 1),
            -- Evidence method keys, comma-separated, in the methods' order.
            methods    TEXT NOT NULL,
            target_on  TEXT NOT NULL,
            note       TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (drafted_by, item_id)
        ) STRICT, WITHOUT ROWID;
        -- Each party's acceptance of the plan, bound to the fingerprint of
        -- the plan it accepted: the plan is agreed while both are the
        -- fingerprint of the plan as it is.
        CREATE TABLE plan_acceptance (
            party       TEXT PRIMARY KEY CHECK (party IN ('learner', 'assessor')),
            name        TEXT NOT NULL,
            accepted_at TEXT NOT NULL,
            plan        TEXT NOT NULL
        ) STRICT;

        -- A progress review (src/reviews.rs), written by either party and
        -- known by a unique id in every copy; what was achieved since the
        -- last review is filled in by the app when it is written.
        CREATE TABLE progress_review (
            uid           TEXT PRIMARY KEY,
            written_by    TEXT NOT NULL CHECK (written_by IN ('learner', 'assessor')),
            held_on       TEXT NOT NULL,
            achieved      TEXT NOT NULL,
            next_steps    TEXT NOT NULL,
            next_target   TEXT NOT NULL,
            notes         TEXT NOT NULL DEFAULT '',
            learner_name  TEXT NOT NULL,
            assessor_name TEXT NOT NULL,
            created_at    TEXT NOT NULL
        ) STRICT;
        -- Each party's signature of a review: its own row.
        CREATE TABLE review_signature (
            review_uid TEXT NOT NULL,
            party      TEXT NOT NULL CHECK (party IN ('learner', 'assessor')),
            name       TEXT NOT NULL,
            signed_at  TEXT NOT NULL,
            PRIMARY KEY (review_uid, party)
        ) STRICT, WITHOUT ROWID;

        -- The learner's replies to the assessor's feedback on an item
        -- (src/feedback_thread.rs), each about the version it answers.
        CREATE TABLE feedback_reply (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            item_id      TEXT NOT NULL REFERENCES standard_item (id),
            version      INTEGER NOT NULL,
            text         TEXT NOT NULL,
            learner_name TEXT NOT NULL,
            written_at   TEXT NOT NULL
        ) STRICT;
        CREATE INDEX feedback_reply_by_item ON feedback_reply (item_id, id);
        "#,
    )
}

fn v8_iqa(tx: &Transaction) -> rusqlite::Result<()> {
    // A third role, `iqa`, in the two CHECKs that list the roles: SQLite
    // cannot alter a CHECK, and rebuilding `audit` would break the seal's
    // reference to it, so the constraint's text is widened in place (the
    // documented way to loosen a CHECK: it changes no stored row).
    let version: i64 = tx.pragma_query_value(None, "schema_version", |r| r.get(0))?;
    tx.pragma_update(None, "writable_schema", true)?;
    let widened = tx.execute(
        "UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (role IN (''learner'', ''assessor''))',
             'CHECK (role IN (''learner'', ''assessor'', ''iqa''))')
         WHERE type = 'table' AND name IN ('portfolio', 'audit')",
        [],
    );
    tx.pragma_update(None, "writable_schema", false)?;
    if widened? != 2 {
        return Err(rusqlite::Error::InvalidQuery);
    }
    tx.pragma_update(None, "schema_version", version + 1)?;
    tx.execute_batch(
        r#"
        -- The IQA's sample (src/iqa.rs): for each sampled judgement of a
        -- version, the outcome and the SHA-256 of the assessor's judgement as
        -- sealed (what was sampled), whether the IQA agrees, and their
        -- feedback to the assessor.
        CREATE TABLE iqa_sample (
            version    INTEGER NOT NULL REFERENCES submission (version),
            item_id    TEXT NOT NULL REFERENCES standard_item (id),
            outcome    TEXT NOT NULL CHECK (outcome IN ('met', 'not_yet_met')),
            judgement  TEXT NOT NULL,
            verdict    TEXT NOT NULL CHECK (verdict IN ('agrees', 'disagrees')),
            feedback   TEXT NOT NULL DEFAULT '',
            iqa_name   TEXT NOT NULL,
            sampled_at TEXT NOT NULL,
            PRIMARY KEY (version, item_id)
        ) STRICT, WITHOUT ROWID;
        -- The IQA's decision on a version and their sign-off, bound to the
        -- fingerprint of what they sampled (`sampled`).
        CREATE TABLE iqa_signoff (
            version   INTEGER PRIMARY KEY REFERENCES submission (version),
            decision  TEXT NOT NULL CHECK (decision IN ('confirmed', 'action_required')),
            action    TEXT NOT NULL DEFAULT '',
            iqa_name  TEXT NOT NULL,
            signed_on TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            sampled   TEXT NOT NULL,
            CHECK ((decision = 'action_required') = (action != ''))
        ) STRICT;
        "#,
    )
}

fn v9_plan_removals(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
        -- A party's removal of a plan line (src/assessment_plan.rs): their
        -- draft of the item, of the next round, keeps the line as it stood
        -- and says when they removed it; while it is the item's highest
        -- round the item has no line in the plan. NULL: the draft stands.
        -- (Rows sealed before leave a NULL column out, so seals still hold.)
        ALTER TABLE plan_item ADD COLUMN removed_at TEXT;
        "#,
    )
}

/// The schema version this build writes and reads up to.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Runs every migration after `from` in one transaction and stamps the file
/// with our application id and the new schema version.
pub(crate) fn migrate(conn: &mut Connection, from: u32) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    apply_in(&tx, from, SCHEMA_VERSION)?;
    tx.pragma_update(None, "application_id", super::APPLICATION_ID as i32)?;
    tx.commit()?;
    Ok(())
}

fn apply_in(tx: &Transaction, from: u32, to: u32) -> rusqlite::Result<()> {
    for migration in &MIGRATIONS[from as usize..to as usize] {
        (migration.apply)(tx)?;
    }
    tx.pragma_update(None, "user_version", to)
}

/// One row of `sqlite_schema`: (type, name, table name, SQL).
pub(crate) type SchemaRow = (String, String, String, Option<String>);

/// The schema objects a file of `version` must have, exactly; computed once
/// per version by replaying the migrations in memory.
pub(crate) fn expected_schema(version: u32) -> Result<Vec<SchemaRow>> {
    static CACHE: OnceLock<Mutex<BTreeMap<u32, Vec<SchemaRow>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(rows) = cache.lock().map_err(|_| poisoned())?.get(&version) {
        return Ok(rows.clone());
    }
    let mut conn = Connection::open_in_memory()?;
    let tx = conn.transaction()?;
    apply_in(&tx, 0, version)?;
    let rows = schema_of(&tx)?;
    tx.commit()?;
    cache
        .lock()
        .map_err(|_| poisoned())?
        .insert(version, rows.clone());
    Ok(rows)
}

fn poisoned() -> crate::error::Error {
    crate::error::Error::internal("schema cache lock poisoned")
}

/// The schema objects a connection's main database actually has.
pub(crate) fn schema_of(conn: &Connection) -> rusqlite::Result<Vec<SchemaRow>> {
    let mut stmt = conn
        .prepare("SELECT type, name, tbl_name, sql FROM main.sqlite_schema ORDER BY type, name")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    rows.collect()
}
