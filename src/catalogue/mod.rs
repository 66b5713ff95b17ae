//! The standard's catalogue: the published text of a National Occupational
//! Standard as data (URN, title, overview, its items in publication order, the
//! glossary and a version stamp), loaded from our JSON data format.
//!
//! CLDAL16 ships embedded in the binary (`CLDAL16.json`, held against the
//! published text by `tests/catalogue.rs`); other standards in the same format
//! can be loaded from a file with [`Standard::load`].

use crate::error::{Error, ErrorCode, Result};
use crate::stored::stored_enum;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;
use ts_rs::TS;

/// The `format` value every standard data file carries.
pub const FORMAT: &str = "partnership-portfolio/standard@1";

const CLDAL16_JSON: &str = include_str!("CLDAL16.json");

/// The largest standard data file read (CLDAL16's is about 60 KB).
const MAX_FILE_BYTES: u64 = 4 << 20;

/// A standard: its identity, its text and its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Standard {
    pub format: String,
    /// Unique reference number, e.g. `CLDAL16`.
    pub urn: String,
    /// The version stamp of this edition; a portfolio records URN + version.
    pub version: String,
    pub title: String,
    #[serde(default)]
    pub suite: String,
    #[serde(default)]
    pub developer: String,
    /// Where the text was taken from.
    #[serde(default)]
    pub source: String,
    /// Overview paragraphs, as published.
    #[serde(default)]
    pub overview: Vec<String>,
    /// Performance criteria, then knowledge and understanding.
    pub sections: Vec<Section>,
    #[serde(default)]
    pub glossary: Vec<GlossaryEntry>,
}

/// A group of items: "Performance criteria" or "Knowledge and understanding".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Section {
    pub kind: ItemKind,
    pub title: String,
    /// The published lead-in, e.g. "You must be able to:".
    #[serde(default)]
    pub lead_in: String,
    pub items: Vec<Item>,
}

stored_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
    #[ts(export)]
    pub enum ItemKind as "item kind" {
        /// What the learner must be able to do (P1, P2, ...).
        Performance = "performance",
        /// What the learner needs to know and understand (K1, K2, ...).
        Knowledge = "knowledge",
    }
}

/// One performance criterion or knowledge item, quoted exactly as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Item {
    /// The stable reference learners and assessors quote: `P1`, `K27`.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct GlossaryEntry {
    pub term: String,
    pub definition: String,
}

/// The CLDAL16 catalogue that ships with the app.
pub fn cldal16() -> &'static Standard {
    static CLDAL16: OnceLock<Standard> = OnceLock::new();
    CLDAL16.get_or_init(|| {
        // The embedded file is checked by `tests/catalogue.rs`; failing here is a build defect.
        Standard::from_json(CLDAL16_JSON).expect("the embedded CLDAL16 catalogue is valid")
    })
}

/// The standards built into this app (only CLDAL16 for now).
pub fn builtin() -> [&'static Standard; 1] {
    [cldal16()]
}

/// A built-in standard by URN (case-insensitive), if the app ships it.
pub fn builtin_by_urn(urn: &str) -> Option<&'static Standard> {
    builtin()
        .into_iter()
        .find(|s| s.urn.eq_ignore_ascii_case(urn.trim()))
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidStandard, message)
}

impl Standard {
    /// Reads and validates a standard from a data file.
    pub fn load(path: &Path) -> Result<Self> {
        let text = crate::text_file::read_text_file(path, "standard data file", MAX_FILE_BYTES)
            .map_err(|e| match e.code {
                ErrorCode::InvalidInput => invalid(e.message),
                _ => e,
            })?;
        Self::from_json(&text)
            .map_err(|e| Error::new(e.code, format!("{}: {}", path.display(), e.message)))
    }

    /// Parses and validates a standard from its JSON text.
    pub fn from_json(text: &str) -> Result<Self> {
        let standard: Standard = serde_json::from_str(text)
            .map_err(|e| invalid(format!("The standard data is malformed: {e}.")))?;
        standard.validate()?;
        Ok(standard)
    }

    /// The standard as JSON in our data format (what a portfolio file embeds).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a standard always serializes")
    }

    /// Checks what the format cannot express: identity present, at least one
    /// item, every item with an id and text, and no id used twice.
    pub fn validate(&self) -> Result<()> {
        if self.format != FORMAT {
            return Err(invalid(format!(
                "Unknown standard format \"{}\" (expected \"{FORMAT}\").",
                self.format
            )));
        }
        for (field, value) in [
            ("urn", &self.urn),
            ("version", &self.version),
            ("title", &self.title),
        ] {
            if value.trim().is_empty() {
                return Err(invalid(format!("The standard has no {field}.")));
            }
        }
        if self.items().next().is_none() {
            return Err(invalid(format!("Standard {} has no items.", self.urn)));
        }
        let mut seen = HashSet::new();
        for section in &self.sections {
            if section.title.trim().is_empty() {
                return Err(invalid(format!(
                    "Standard {} has a section with no title.",
                    self.urn
                )));
            }
            for (n, item) in section.items.iter().enumerate() {
                let place = format!("Item {} of \"{}\"", n + 1, section.title);
                if item.id.trim().is_empty() {
                    return Err(invalid(format!("{place} has no id.")));
                }
                if item.id.trim() != item.id || item.id.chars().any(char::is_whitespace) {
                    return Err(invalid(format!(
                        "{place} has an id with spaces: \"{}\".",
                        item.id
                    )));
                }
                if item.text.trim().is_empty() {
                    return Err(invalid(format!("Item {} has no text.", item.id)));
                }
                if !seen.insert(item.id.to_ascii_uppercase()) {
                    return Err(invalid(format!(
                        "Item id {} is used more than once.",
                        item.id
                    )));
                }
            }
        }
        Ok(())
    }

    /// Every item in publication order, with its kind.
    pub fn items(&self) -> impl Iterator<Item = (ItemKind, &Item)> + '_ {
        self.sections
            .iter()
            .flat_map(|s| s.items.iter().map(move |i| (s.kind, i)))
    }

    /// An item by its id, case-insensitively (`p4` finds `P4`).
    pub fn item(&self, id: &str) -> Option<(ItemKind, &Item)> {
        let id = id.trim();
        self.items().find(|(_, i)| i.id.eq_ignore_ascii_case(id))
    }

    /// Like [`Standard::item`], but an unknown id is a user-facing error.
    pub fn require_item(&self, id: &str) -> Result<(ItemKind, &Item)> {
        self.item(id).ok_or_else(|| {
            Error::not_found(format!(
                "{} has no item \"{}\" (items are {}).",
                self.urn,
                id.trim(),
                self.id_range()
            ))
        })
    }

    /// A short description of the item ids, e.g. "P1–P15 and K1–K27".
    pub fn id_range(&self) -> String {
        let parts: Vec<String> = self
            .sections
            .iter()
            .filter_map(|s| match (s.items.first(), s.items.last()) {
                (Some(a), Some(b)) if a.id != b.id => Some(format!("{}–{}", a.id, b.id)),
                (Some(a), _) => Some(a.id.clone()),
                _ => None,
            })
            .collect();
        parts.join(" and ")
    }

    /// Total number of items.
    pub fn item_count(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }
}
