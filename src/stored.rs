//! Enumerations stored as text in the portfolio file (evidence method, role,
//! judgement outcome, item kind, preview kind, audit event, ...). Each is
//! declared once with [`stored_as_text!`], which gives it its stored keys and
//! rusqlite's `ToSql`/`FromSql`. A value the app does not know is never
//! guessed at: reading it fails as a damaged file
//! ([`crate::error::UnknownStoredValue`], `ErrorCode::Damaged`).

use crate::error::UnknownStoredValue;
use rusqlite::types::{FromSqlError, FromSqlResult, ValueRef};

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

/// Declares how an enumeration is stored:
/// `stored_as_text!(Role, "role", { Learner = "learner", Assessor = "assessor" });`
/// gives it `ALL`, `key()`, `from_key()` and rusqlite's `ToSql`/`FromSql`.
macro_rules! stored_as_text {
    ($ty:ident, $what:literal, { $($variant:ident = $key:literal),+ $(,)? }) => {
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
pub(crate) use stored_as_text;
