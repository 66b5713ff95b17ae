//! Cleaning of text people type: Unicode NFC (so "ŵ" typed as w + combining
//! circumflex is stored as the one letter), line endings as `\n`, no control
//! characters, and length limits with a message that names the field.

use crate::error::{Error, Result};
use unicode_normalization::UnicodeNormalization;

/// A one-line field (a name, a title): trimmed, no line breaks.
pub(crate) fn single_line(value: &str, what: &str, max_chars: usize) -> Result<String> {
    let value: String = value.trim().nfc().collect();
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
    fn keeps_paragraphs() {
        assert_eq!(
            multi_line("One.\r\n\r\nTwo.\t\n  \n", "account", 100).unwrap(),
            "One.\n\nTwo."
        );
        assert!(multi_line("bell\u{7}", "account", 100).is_err());
    }
}
