//! Cleaning of text people type: Unicode NFC (so "ŵ" typed as w + combining
//! circumflex is stored as the one letter), line endings as `\n`, no control
//! characters, and length limits with a message that names the field.
//!
//! Names and titles (one-line fields) also lose the invisible characters
//! that can make text display as something else ([`is_disguising`]: the
//! bidirectional overrides, embeddings, isolates and marks such as U+202E,
//! zero-width spaces, and their kin), so that no name can show as another;
//! files from someone else holding them in a name are refused at the gate.

use crate::error::{Error, Result};
use unicode_normalization::UnicodeNormalization;

/// The longest name of a person the app stores (declarations, sign-offs).
pub(crate) const MAX_NAME_CHARS: usize = 200;

/// Invisible characters that can make a name or title display as something
/// else: bidirectional embeddings, overrides, isolates and marks, zero-width
/// and other invisible format characters, and tag characters. (The
/// zero-width joiner and non-joiner stay: scripts and emoji need them.)
pub fn is_disguising(c: char) -> bool {
    matches!(c,
        '\u{061C}'                  // Arabic letter mark
        | '\u{00AD}'                // soft hyphen
        | '\u{034F}'                // combining grapheme joiner
        | '\u{115F}' | '\u{1160}'    // Hangul fillers
        | '\u{17B4}' | '\u{17B5}'    // Khmer inherent vowels
        | '\u{180B}'..='\u{180F}'    // Mongolian variation selectors and vowel separator
        | '\u{200B}'                // zero-width space
        | '\u{200E}' | '\u{200F}'    // left-to-right and right-to-left marks
        | '\u{202A}'..='\u{202E}'    // embeddings and overrides
        | '\u{2060}'..='\u{2064}'    // word joiner, invisible operators
        | '\u{2066}'..='\u{206F}'    // isolates, deprecated format characters
        | '\u{3164}' | '\u{FFA0}'    // Hangul fillers
        | '\u{FEFF}'                // zero-width no-break space
        | '\u{FFF9}'..='\u{FFFB}'    // interlinear annotations
        | '\u{1D173}'..='\u{1D17A}'  // musical format characters
        | '\u{E0000}'..='\u{E007F}'  // tag characters
    )
}

/// `text` without the characters [`is_disguising`] finds.
pub(crate) fn without_disguise(text: &str) -> String {
    text.chars().filter(|c| !is_disguising(*c)).collect()
}

/// A one-line field (a name, a title): trimmed, no line breaks, nothing that
/// can disguise it.
pub(crate) fn single_line(value: &str, what: &str, max_chars: usize) -> Result<String> {
    let value: String = without_disguise(value).trim().nfc().collect();
    if value.chars().any(char::is_control) {
        return Err(Error::invalid_input(format!(
            "The {what} must be on one line, without control characters."
        )));
    }
    check_length(&value, what, max_chars)?;
    Ok(value)
}

/// As [`single_line`], for a field that must not be empty: `missing` is the
/// message when it is.
pub(crate) fn required_line(
    value: &str,
    what: &str,
    max_chars: usize,
    missing: &str,
) -> Result<String> {
    let value = single_line(value, what, max_chars)?;
    if value.is_empty() {
        return Err(Error::invalid_input(missing));
    }
    Ok(value)
}

/// A free-text field (an account, a description): line breaks and blank
/// lines kept as written, trailing whitespace at the very end dropped.
pub(crate) fn multi_line(value: &str, what: &str, max_chars: usize) -> Result<String> {
    let value = value.replace("\r\n", "\n").replace('\r', "\n");
    let value: String = value.trim_end().nfc().collect();
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Error::invalid_input(format!(
            "The {what} contains control characters that cannot be stored."
        )));
    }
    check_length(&value, what, max_chars)?;
    Ok(value)
}

/// A list in words: "P1, P4 and K3".
pub(crate) fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn check_length(value: &str, what: &str, max_chars: usize) -> Result<()> {
    let n = value.chars().count();
    if n > max_chars {
        return Err(Error::invalid_input(format!(
            "The {what} is {n} characters long; the most it can hold is {max_chars}."
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_and_trims() {
        assert_eq!(
            single_line("  Siw\u{302}an  ", "name", 10).unwrap(),
            "Siŵan"
        );
        assert!(single_line("a\nb", "name", 10).is_err());
        assert!(single_line("abcdef", "name", 5)
            .unwrap_err()
            .message
            .contains("name"));
    }

    #[test]
    fn names_cannot_be_disguised() {
        // "Siân" followed by a right-to-left override that would show
        // "exe.fdp" backwards, zero-width spaces, an isolate.
        assert_eq!(
            single_line("Si\u{200B}ân\u{202E}fdp.exe\u{2066}", "name", 50).unwrap(),
            "Siânfdp.exe"
        );
        assert_eq!(single_line("\u{202E}\u{200F}", "name", 50).unwrap(), "");
        // Joiners that scripts and emoji need are kept.
        assert_eq!(
            single_line("\u{0645}\u{200C}\u{0648}", "name", 50).unwrap(),
            "\u{0645}\u{200C}\u{0648}"
        );
        assert!(!is_disguising('ŵ') && !is_disguising('\u{200D}'));
    }

    #[test]
    fn keeps_paragraphs() {
        assert_eq!(
            multi_line("One.\r\n\r\nTwo.\t\n  \n", "account", 100).unwrap(),
            "One.\n\nTwo."
        );
        assert!(multi_line("bell\u{7}", "account", 100).is_err());
    }
}
