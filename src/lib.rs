//! Partnership Portfolio core: everything the desktop app and the command-line
//! tool share, with no Tauri in it.
//!
//! - [`catalogue`]: the standard's text as data (CLDAL16 embedded).
//! - [`storage`]: the portfolio file (one SQLite file per portfolio): opening,
//!   checks, migrations, and the one write transaction every change goes
//!   through (`Portfolio::write`), with the file's [`storage::Role`].
//! - [`portfolio`]: starting a portfolio, its identity and title.
//! - [`stored`]: how enumerations are stored, strictly (unknown = damaged).
//! - [`fingerprint`]: parts, fingerprints and how parts differ, the one way
//!   anything in a portfolio is sealed.
//! - [`logs`]: the rolling log file, with no personal content in it.
//! - [`profile`], [`self_assessment`], [`overview`], [`history`]: what a
//!   portfolio holds and how the screens see it.
//! - [`evidence`], [`coverage`]: the evidence library (records, witnesses,
//!   attachments stored in the file, mappings) and the coverage matrix.
//! - [`exchange`]: submissions, the assessor's judgements and sign-off, the
//!   files that carry them between learner and assessor, the audit trail.
//! - [`partnerships`]: the learner's partnerships: the register, notes,
//!   agreements, the partnership health check, actions, and into evidence.
//! - [`assessment_plan`], [`reviews`], [`feedback_thread`]: the assessment
//!   cycle between learner and assessor: the agreed plan, progress reviews
//!   signed by both, and the feedback conversation on each item.
//! - [`iqa`]: the internal quality assurer, the third role: their copy,
//!   samples of the assessor's judgements, decision and sign-off, and the
//!   files that carry them to and from the assessor.
//! - [`library`]: the desktop app's folder of portfolios, with a trash.
//! - [`error`]: the one error type, `{ code, message }`.
//! - [`pdf`]: the PDF typesetting engine (own document model, no portfolio types).
//! - [`export`]: the PDF evidence portfolio, built from a portfolio with [`pdf`].
//! - [`open_export`]: the whole portfolio as an open ZIP (JSON, files, PDF, manifest), and back.
//! - [`temp_files`]: hidden temporary files beside a destination, locked while
//!   written and swept when a killed process left them.
//! - [`text_file`]: text read from files the user names, always with a bound.
//! - [`pause_points`]: named points where tests hold a real process still.
//! - [`demo`]: a realistic demo portfolio made from a seed (for new users, tests, benchmarks).

pub mod assessment_plan;
pub mod caseload;
pub mod catalogue;
pub mod coverage;
pub mod demo;
pub mod error;
pub mod evidence;
pub mod exchange;
pub mod export;
pub mod feedback_thread;
pub mod fingerprint;
pub mod history;
pub mod inbox;
pub mod iqa;
pub mod library;
pub mod logs;
pub mod open_export;
pub mod overview;
pub mod partnerships;
pub mod pause_points;
pub mod pdf;
pub mod portfolio;
pub mod profile;
pub mod reviews;
pub mod self_assessment;
pub mod storage;
pub mod stored;
pub mod temp_files;
pub(crate) mod text;
pub mod text_file;
pub mod timestamp;

pub use error::{Error, ErrorCode, Result};
pub use storage::Portfolio;
