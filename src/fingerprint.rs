//! Parts and fingerprints, the one way anything in a portfolio is sealed:
//! content is cut into named parts, each serialised as canonical JSON and
//! hashed with SHA-256, and a fingerprint is the SHA-256 of the ordered list
//! of part names and hashes. Used for submissions (the learner's content,
//! `exchange::canonical`) and for every party's seal (`storage::seal`).
//!
//! Also how two versions of a part differ, field by field, so a mismatch can
//! be named ("title", "account") and not only the part. This module knows
//! nothing of portfolios: it sits below `storage` and `exchange`.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// One part: a key naming what it is and its canonical JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// `profile`, `item:P4`, `evidence:E3`, `declaration`, `judgement:2:P4`…
    pub key: String,
    /// Canonical JSON.
    pub content: String,
    pub sha256: String,
}

impl Part {
    /// The part `key` holding `value` as canonical JSON.
    pub fn of<T: Serialize + ?Sized>(key: String, value: &T) -> Part {
        let content = serde_json::to_string(value).expect("parts always serialise");
        let sha256 = sha256_hex(content.as_bytes());
        Part {
            key,
            content,
            sha256,
        }
    }

    /// Whether its content still hashes to its recorded SHA-256.
    pub fn intact(&self) -> bool {
        sha256_hex(self.content.as_bytes()) == self.sha256
    }
}

/// SHA-256 of `bytes` in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Bytes in lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    // Without a `format!` per byte: the check of a file makes thousands.
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xF)]));
    }
    out
}

/// The fingerprint of a list of parts, in their order.
pub fn fingerprint(parts: &[Part]) -> String {
    #[derive(Serialize)]
    struct Entry<'a> {
        part: &'a str,
        sha256: &'a str,
    }
    let list: Vec<Entry> = parts
        .iter()
        .map(|p| Entry {
            part: &p.key,
            sha256: &p.sha256,
        })
        .collect();
    sha256_hex(serde_json::to_string(&list).expect("serialises").as_bytes())
}

/// The fingerprint shortened for display: the first 16 hex digits in groups.
pub fn short_fingerprint(fingerprint: &str) -> String {
    let head: String = fingerprint.chars().take(16).collect();
    head.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// How a part differs between two lists of parts (sealed, and as it is now).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// In the second list only; its content there.
    Added { key: String, now: String },
    /// In the first list only; its content there.
    Removed { key: String, then: String },
    /// In both, with different content: the fields that differ (for JSON
    /// objects; empty when the part is not an object), and both contents.
    Changed {
        key: String,
        fields: Vec<String>,
        then: String,
        now: String,
    },
}

impl Difference {
    pub fn key(&self) -> &str {
        match self {
            Difference::Added { key, .. }
            | Difference::Removed { key, .. }
            | Difference::Changed { key, .. } => key,
        }
    }

    /// The part's content: as it is now if it still exists, else as it was.
    pub fn content(&self) -> &str {
        match self {
            Difference::Added { now, .. } | Difference::Changed { now, .. } => now,
            Difference::Removed { then, .. } => then,
        }
    }
}

/// Every part that differs between `then` and `now`, in `then`'s order
/// followed by the parts added in `now`.
pub fn differences(then: &[Part], now: &[Part]) -> Vec<Difference> {
    use std::collections::HashMap;
    let now_by_key: HashMap<&str, &Part> = now.iter().map(|p| (p.key.as_str(), p)).collect();
    let then_keys: std::collections::HashSet<&str> = then.iter().map(|p| p.key.as_str()).collect();
    let mut out = Vec::new();
    for t in then {
        match now_by_key.get(t.key.as_str()) {
            None => out.push(Difference::Removed {
                key: t.key.clone(),
                then: t.content.clone(),
            }),
            Some(n) if n.content != t.content || n.sha256 != t.sha256 => {
                out.push(Difference::Changed {
                    key: t.key.clone(),
                    fields: changed_fields(&t.content, &n.content),
                    then: t.content.clone(),
                    now: n.content.clone(),
                })
            }
            Some(_) => {}
        }
    }
    for n in now.iter().filter(|n| !then_keys.contains(n.key.as_str())) {
        out.push(Difference::Added {
            key: n.key.clone(),
            now: n.content.clone(),
        });
    }
    out
}

/// The top-level fields whose values differ between two JSON objects, in
/// the order of `after` then the ones only in `before`; empty when either
/// is not a JSON object.
pub fn changed_fields(before: &str, after: &str) -> Vec<String> {
    type Object = serde_json::Map<String, serde_json::Value>;
    let (Ok(b), Ok(a)) = (
        serde_json::from_str::<Object>(before),
        serde_json::from_str::<Object>(after),
    ) else {
        return Vec::new();
    };
    let mut fields: Vec<String> = a
        .iter()
        .filter(|(name, value)| b.get(*name) != Some(value))
        .map(|(name, _)| name.clone())
        .collect();
    fields.extend(b.keys().filter(|k| !a.contains_key(*k)).cloned());
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_change_with_any_part_and_shorten_for_display() {
        let a = vec![
            Part::of("profile".into(), &"Siân"),
            Part::of("item:P1".into(), &"x"),
        ];
        let mut b = a.clone();
        b[1] = Part::of("item:P1".into(), &"y");
        assert_ne!(fingerprint(&a), fingerprint(&b));
        assert_eq!(fingerprint(&a), fingerprint(&a.clone()));
        assert_eq!(fingerprint(&a).len(), 64);
        assert_eq!(
            short_fingerprint("0123456789abcdef0123"),
            "0123 4567 89ab cdef"
        );
    }

    #[test]
    fn hex_is_lowercase_two_digits_a_byte() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff, 0x10]), "000fa5ff10");
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn differences_name_parts_and_fields() {
        let then = vec![
            Part::of("a".into(), &serde_json::json!({"title": "x", "note": "n"})),
            Part::of("b".into(), &serde_json::json!({"k": 1})),
        ];
        let now = vec![
            Part::of("a".into(), &serde_json::json!({"title": "y", "note": "n"})),
            Part::of("c".into(), &serde_json::json!({"k": 2})),
        ];
        let d = differences(&then, &now);
        assert_eq!(d.len(), 3);
        assert!(
            matches!(&d[0], Difference::Changed { key, fields, .. } if key == "a" && fields == &["title"])
        );
        assert!(matches!(&d[1], Difference::Removed { key, .. } if key == "b"));
        assert!(matches!(&d[2], Difference::Added { key, .. } if key == "c"));
        assert_eq!(changed_fields("[1]", "[2]"), Vec::<String>::new());
    }
}
