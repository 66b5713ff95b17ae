//! The one error type of the core. It crosses every boundary (command line,
//! Tauri IPC, UI) as `{ code, message }`: `code` is stable and machine-readable,
//! `message` is one plain sentence a learner or assessor can act on.
//!
//! Where the core turns an internal or I/O failure into an `Error` (here),
//! it logs the failure with its cause chain (see [`crate::logs`]); the log
//! names files by id, never by path, and holds no content.

use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// What kind of failure happened; the UI and the CLI branch on this, never on
/// the message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// The user gave a value we cannot accept; the message says which and why.
    InvalidInput,
    /// A portfolio, item or record that does not exist.
    NotFound,
    /// Something with that name or reference exists already.
    AlreadyExists,
    /// The file is not a Partnership Portfolio file.
    NotAPortfolio,
    /// The file was written by a newer version of the app.
    NewerVersion,
    /// The file is one of ours but damaged.
    Damaged,
    /// A standard's data file is malformed.
    InvalidStandard,
    /// The content may not be changed here (for example, someone else owns it).
    ReadOnly,
    /// Another program or window is using the file right now (or changed
    /// it while it was being read).
    Busy,
    /// The file is locked with a passphrase, and none was given.
    PassphraseNeeded,
    /// The passphrase given does not unlock the file.
    WrongPassphrase,
    /// The operating system refused a file operation.
    Io,
    /// A bug: something that should not happen did.
    Internal,
}

/// The core's error: a code and a one-line message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
#[ts(export, rename = "AppError")]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    pub fn invalid_input(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }

    /// A bug or an unexpected failure; logged. The message must hold no
    /// personal content (it goes into the log as it is).
    pub fn internal(message: impl Into<String>) -> Self {
        let err = Self::new(ErrorCode::Internal, message);
        tracing::error!(message = %err.message, "internal error");
        err
    }

    /// A file-system failure on `path`, worded for a person.
    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        use std::io::ErrorKind;
        let shown = path.display();
        let message = match err.kind() {
            ErrorKind::NotFound => format!("{shown} does not exist."),
            ErrorKind::PermissionDenied => format!("Permission denied for {shown}."),
            ErrorKind::AlreadyExists => {
                return Self::new(ErrorCode::AlreadyExists, format!("{shown} already exists."))
            }
            ErrorKind::StorageFull => format!("The disk is full while writing {shown}."),
            _ => format!("Could not use {shown}: {err}."),
        };
        let code = if err.kind() == ErrorKind::NotFound {
            ErrorCode::NotFound
        } else {
            ErrorCode::Io
        };
        tracing::warn!(
            file = %crate::logs::file_id(path),
            kind = ?err.kind(),
            cause = %crate::logs::cause_chain(err),
            "I/O error"
        );
        Self::new(code, message)
    }
}

/// A stored enumeration value this app does not know (see
/// [`crate::stored`]): the file is damaged or was altered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} \"{value}\"")]
pub struct UnknownStoredValue {
    /// What the value should have been: "evidence method", "role", ...
    pub what: &'static str,
    pub value: String,
}

/// A stored value outside its domain (a rating of 9, a date that is not a
/// date, a negative size; see [`crate::stored`]): the file is damaged or
/// was altered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} \"{value}\" is not {expected}")]
pub struct StoredValueOutOfDomain {
    /// What the value is: "date", "rating".
    pub what: &'static str,
    pub value: String,
    /// What it should be: "a date (YYYY-MM-DD)".
    pub expected: &'static str,
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode as Sql;
        if let rusqlite::Error::FromSqlConversionFailure(_, _, cause) = &err {
            if let Some(bad) = cause.downcast_ref::<StoredValueOutOfDomain>() {
                tracing::error!(
                    what = bad.what,
                    "damaged file: a stored value outside its domain"
                );
                return Self::new(
                    ErrorCode::Damaged,
                    format!(
                        "The portfolio file is damaged: its {} \"{}\" is not {}.",
                        bad.what, bad.value, bad.expected
                    ),
                );
            }
        }
        if let rusqlite::Error::IntegralValueOutOfRange(_, value) = &err {
            tracing::error!("damaged file: a stored number out of range");
            return Self::new(
                ErrorCode::Damaged,
                format!("The portfolio file is damaged: it holds the number {value} where this app stores none like it."),
            );
        }
        if let rusqlite::Error::FromSqlConversionFailure(_, _, cause) = &err {
            if let Some(unknown) = cause.downcast_ref::<UnknownStoredValue>() {
                tracing::error!(what = unknown.what, value = %unknown.value, "damaged file: unknown stored value");
                return Self::new(
                    ErrorCode::Damaged,
                    format!(
                        "The portfolio file is damaged: its {} \"{}\" is not one this app knows.",
                        unknown.what, unknown.value
                    ),
                );
            }
        }
        tracing::warn!(
            sqlite_code = ?err.sqlite_error_code(),
            cause = %crate::logs::cause_chain(&err),
            "database error"
        );
        match err.sqlite_error_code() {
            Some(Sql::DatabaseCorrupt) => Self::new(
                ErrorCode::Damaged,
                "The portfolio file is damaged and cannot be read.",
            ),
            Some(Sql::NotADatabase) => Self::new(
                ErrorCode::NotAPortfolio,
                "This is not a Partnership Portfolio file.",
            ),
            Some(Sql::DatabaseBusy | Sql::DatabaseLocked) => Self::new(
                ErrorCode::Busy,
                "The portfolio is in use by another window or program; try again in a moment.",
            ),
            Some(Sql::DiskFull) => Self::new(ErrorCode::Io, "The disk is full; nothing was saved."),
            Some(Sql::ReadOnly) => Self::new(
                ErrorCode::Io,
                "The portfolio file cannot be written (read-only).",
            ),
            Some(Sql::CannotOpen) => {
                Self::new(ErrorCode::Io, "The portfolio file cannot be opened.")
            }
            _ => match err {
                // A value of the wrong type, text that is not UTF-8, or a
                // record that must exist and does not: the file's content
                // is damaged, not our code.
                rusqlite::Error::Utf8Error(..) | rusqlite::Error::FromSqlConversionFailure(..) => {
                    Self::new(
                        ErrorCode::Damaged,
                        "The portfolio file is damaged: some of its text cannot be read.",
                    )
                }
                rusqlite::Error::InvalidColumnType(..)
                | rusqlite::Error::IntegralValueOutOfRange(..) => Self::new(
                    ErrorCode::Damaged,
                    "The portfolio file is damaged: some of its values are of the wrong kind.",
                ),
                rusqlite::Error::QueryReturnedNoRows => Self::new(
                    ErrorCode::Damaged,
                    "The portfolio file is damaged: a record it must have is missing.",
                ),
                other => Self::internal(format!("Database error: {other}")),
            },
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(err: serde_json::Error) -> Self {
        // Its text may quote content: the log gets only where and what kind.
        tracing::error!(category = ?err.classify(), line = err.line(), column = err.column(), "JSON error");
        Self::new(ErrorCode::Internal, format!("JSON error: {err}"))
    }
}

impl From<crate::pdf::PdfError> for Error {
    fn from(err: crate::pdf::PdfError) -> Self {
        tracing::error!(cause = %crate::logs::cause_chain(&err), "PDF error");
        match err {
            crate::pdf::PdfError::Io(e) => {
                Self::new(ErrorCode::Io, format!("The PDF could not be written: {e}."))
            }
            other => Self::internal(format!("The PDF could not be made: {other}.")),
        }
    }
}
