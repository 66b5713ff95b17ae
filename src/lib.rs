//! Partnership Portfolio core: everything the desktop app and the command-line
//! tool share, with no Tauri in it.
//!
//! - [`catalogue`]: the standard's text as data (CLDAL16 embedded).
//! - [`storage`]: the portfolio file (one SQLite file per portfolio): opening,
//!   checks, migrations, and the one write transaction every change goes
//!   through (`Portfolio::write`), with the file's [`storage::Role`].
//! - [`portfolio`]: starting a portfolio, its identity and title.
//! - [`stored`]: how enumerations are stored, strictly (unknown = damaged).
//! - [`logs`]: the rolling log file, with no personal content in it.
//! - [`profile`], [`self_assessment`], [`overview`], [`history`]: what a
//!   portfolio holds and how the screens see it.
//! - [`evidence`], [`coverage`]: the evidence library (records, witnesses,
//!   attachments stored in the file, mappings) and the coverage matrix.
//! - [`exchange`]: submissions, the assessor's judgements and sign-off, the
//!   files that carry them between learner and assessor, the audit trail.
//! - [`library`]: the desktop app's folder of portfolios, with a trash.
//! - [`error`]: the one error type, `{ code, message }`.
//! - [`pdf`]: the PDF typesetting engine (own document model, no portfolio types).
//! - [`export`]: the PDF evidence portfolio, built from a portfolio with [`pdf`].
//! - [`open_export`]: the whole portfolio as an open ZIP (JSON, files, PDF, manifest), and back.
//! - [`demo`]: a realistic demo portfolio made from a seed (for new users, tests, benchmarks).

pub mod catalogue;
pub mod coverage;
pub mod demo;
pub mod error;
pub mod evidence;
pub mod exchange;
pub mod export;
pub mod history;
pub mod library;
pub mod logs;
pub mod open_export;
pub mod overview;
pub mod pdf;
pub mod portfolio;
pub mod profile;
pub mod self_assessment;
pub mod storage;
pub mod stored;
pub(crate) mod text;
pub mod timestamp;

pub use error::{Error, ErrorCode, Result};
pub use storage::Portfolio;
