//! Enumerations stored as text in the portfolio file (evidence method, role,
//! judgement outcome, item kind, preview kind, audit event, ...). Each is
//! declared with [`stored_enum!`], which writes each value's stored name
//! once and gives the enum rusqlite's `ToSql`/`FromSql`. A value the app does not know is never
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

/// Declares an enumeration that is stored as text, with each variant's
/// stored (and JSON) name written once:
///
/// ```ignore
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
}
