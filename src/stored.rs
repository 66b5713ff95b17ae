//! Enumerations stored as text in the portfolio file (evidence method, role,
//! judgement outcome, item kind, preview kind, audit event, ...). Each is
//! declared with [`stored_enum!`], which writes each value's stored name
//! once and gives the enum rusqlite's `ToSql`/`FromSql`. A value the app does not know is never
//! guessed at: reading it fails as a damaged file
//! ([`crate::error::UnknownStoredValue`], `ErrorCode::Damaged`).
//!
//! Values with a domain beyond their SQL type are read the same strict way:
//! [`Date`], [`Instant`] and [`Rating`] refuse a date that is not a date, a
//! time that is not one, a rating outside 1–4
//! ([`crate::error::StoredValueOutOfDomain`]), and so does [`size`] a
//! negative size. `storage::owners` lists every column's
//! domain, and `verify` checks them all in files from someone else.

use crate::error::{StoredValueOutOfDomain, UnknownStoredValue};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};

/// An enumeration stored as one of a fixed set of texts.
pub trait StoredText: Copy + Sized + 'static {
    /// What a value is, for messages: "evidence method".
    const WHAT: &'static str;
    /// Every value, in declaration order.
    const ALL: &'static [Self];
    /// The stored text (the same as its JSON name).
    fn key(self) -> &'static str;
}

/// The value stored as `key`, if there is one.
pub fn from_key<T: StoredText>(key: &str) -> Option<T> {
    T::ALL.iter().copied().find(|v| v.key() == key)
}

/// `FromSql` for a [`StoredText`]: an unknown text is a damaged file.
pub(crate) fn column_result<T: StoredText>(value: ValueRef<'_>) -> FromSqlResult<T> {
    let text = value.as_str()?;
    from_key(text).ok_or_else(|| {
        FromSqlError::Other(Box::new(UnknownStoredValue {
            what: T::WHAT,
            value: text.chars().take(40).collect(),
        }))
    })
}

/// Declares an enumeration that is stored as text, with each variant's
/// stored (and JSON) name written once:
///
/// ```text
/// stored_enum! {
///     #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
///     pub enum Role as "role" {
///         Learner = "learner",
///         Assessor = "assessor",
///     }
/// }
/// ```
/// The enum must derive `Serialize` (each variant is renamed to its key);
/// it gets `ALL`, `key()`, `from_key()` and rusqlite's `ToSql`/`FromSql`.
macro_rules! stored_enum {
    (
        $(#[$attr:meta])*
        pub enum $ty:ident as $what:literal {
            $( $(#[$vattr:meta])* $variant:ident = $key:literal ),+ $(,)?
        }
    ) => {
        $(#[$attr])*
        pub enum $ty {
            $( $(#[$vattr])* #[serde(rename = $key)] $variant ),+
        }
        impl $crate::stored::StoredText for $ty {
            const WHAT: &'static str = $what;
            const ALL: &'static [Self] = &[$($ty::$variant),+];
            fn key(self) -> &'static str {
                match self {
                    $($ty::$variant => $key),+
                }
            }
        }
        impl $ty {
            /// Every value, in order.
            pub const ALL: &'static [Self] = <Self as $crate::stored::StoredText>::ALL;
            /// The stored (and JSON) name.
            pub fn key(self) -> &'static str {
                $crate::stored::StoredText::key(self)
            }
            /// The value of a stored name, if it is one.
            pub fn from_key(key: &str) -> Option<Self> {
                $crate::stored::from_key(key)
            }
        }
        impl rusqlite::types::ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.key()))
            }
        }
        impl rusqlite::types::FromSql for $ty {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                $crate::stored::column_result(value)
            }
        }
    };
}
pub(crate) use stored_enum;

/// Whether `text` is a calendar date as stored (`YYYY-MM-DD`, a real day).
pub fn is_date(text: &str) -> bool {
    text.len() == 10 && text.parse::<jiff::civil::Date>().is_ok()
}

/// Whether `text` is an instant as stored (RFC 3339 in UTC,
/// `2026-11-22T19:50:22.123Z`).
pub fn is_instant(text: &str) -> bool {
    text.len() <= 40
        && text.ends_with('Z')
        && text.as_bytes().get(10) == Some(&b'T')
        && text.parse::<jiff::Timestamp>().is_ok()
}

fn out_of_domain<T>(
    what: &'static str,
    value: ValueRef<'_>,
    expected: &'static str,
) -> FromSqlResult<T> {
    let value = match value {
        ValueRef::Text(t) => String::from_utf8_lossy(t).chars().take(40).collect(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Null => "null".into(),
        ValueRef::Blob(_) => "(bytes)".into(),
    };
    Err(FromSqlError::Other(Box::new(StoredValueOutOfDomain {
        what,
        value,
        expected,
    })))
}

/// A stored calendar date, read strictly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Date(pub String);

impl FromSql for Date {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value.as_str() {
            Ok(t) if is_date(t) => Ok(Date(t.to_string())),
            _ => out_of_domain("date", value, "a date (YYYY-MM-DD)"),
        }
    }
}

/// A stored instant, read strictly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Instant(pub String);

impl FromSql for Instant {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value.as_str() {
            Ok(t) if is_instant(t) => Ok(Instant(t.to_string())),
            _ => out_of_domain("time", value, "a time as this app stores it"),
        }
    }
}

/// A stored self-assessment rating, 1 to 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rating(pub u8);

impl FromSql for Rating {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value.as_i64() {
            Ok(n @ 1..=4) => Ok(Rating(n as u8)),
            _ => out_of_domain("rating", value, "a rating from 1 to 4"),
        }
    }
}

/// A date column that may be empty.
pub(crate) fn opt_date(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<Option<String>> {
    Ok(row.get::<_, Option<Date>>(index)?.map(|d| d.0))
}

/// A date column.
pub(crate) fn date(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<String> {
    Ok(row.get::<_, Date>(index)?.0)
}

/// An instant column.
pub(crate) fn instant(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<String> {
    Ok(row.get::<_, Instant>(index)?.0)
}

/// An instant column that may be empty.
pub(crate) fn opt_instant(
    row: &rusqlite::Row<'_>,
    index: usize,
) -> rusqlite::Result<Option<String>> {
    Ok(row.get::<_, Option<Instant>>(index)?.map(|d| d.0))
}

/// A size or count column: a whole number, never negative.
pub(crate) fn size(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<u64> {
    let value = row.get_ref(index)?;
    match value.as_i64() {
        Ok(n) if n >= 0 => Ok(n as u64),
        _ => Err(rusqlite::Error::FromSqlConversionFailure(
            index,
            value.data_type(),
            Box::new(StoredValueOutOfDomain {
                what: "size",
                value: match value {
                    ValueRef::Integer(i) => i.to_string(),
                    _ => "(not a number)".into(),
                },
                expected: "a size in bytes",
            }),
        )),
    }
}

/// A rating column that may be empty.
pub(crate) fn opt_rating(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<Option<u8>> {
    Ok(row.get::<_, Option<Rating>>(index)?.map(|r| r.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::ItemKind;
    use crate::evidence::attachments::PreviewKind;
    use crate::evidence::EvidenceMethod;
    use crate::exchange::{AuditEvent, JudgementOutcome, Role};

    fn same_as_json<T: StoredText + serde::Serialize>() {
        for &v in T::ALL {
            assert_eq!(serde_json::to_value(v).unwrap(), v.key(), "{}", T::WHAT);
            assert_eq!(from_key::<T>(v.key()).map(T::key), Some(v.key()));
        }
        assert!(from_key::<T>("no such value").is_none());
    }

    #[test]
    fn stored_names_are_the_json_names_and_read_back() {
        same_as_json::<EvidenceMethod>();
        same_as_json::<Role>();
        same_as_json::<JudgementOutcome>();
        same_as_json::<AuditEvent>();
        same_as_json::<ItemKind>();
        same_as_json::<PreviewKind>();
        assert_eq!(EvidenceMethod::ALL.len(), 8);
    }

    #[test]
    fn dates_and_instants_are_what_the_app_stores() {
        assert!(is_date("2026-02-28"));
        for bad in ["2026-02-30", "2026-9-1", "not a date", "20260901", ""] {
            assert!(!is_date(bad), "{bad}");
        }
        assert!(is_instant("2026-11-22T19:50:22.123Z"));
        for bad in [
            "2026-11-22",
            "2026-11-22T25:00:00.000Z",
            "2026-11-22T19:50:22+01:00",
            "yesterday",
        ] {
            assert!(!is_instant(bad), "{bad}");
        }
    }
}
