//! Times and dates as the portfolio stores them: instants as RFC 3339 UTC
//! text with milliseconds (`2026-11-22T19:50:22.123Z`), calendar dates as
//! ISO 8601 (`2026-11-22`). Text sorts in time order and reads well in a file.

use crate::error::{Error, Result};
use jiff::{civil::Date, Timestamp, Unit};

/// The current instant, as stored.
pub fn now() -> String {
    format_instant(Timestamp::now())
}

/// Today's date where the user is (their computer's time zone): what
/// "overdue" and "today" mean to them.
pub fn today() -> Date {
    jiff::Zoned::now().date()
}

/// An instant, as stored (millisecond precision, UTC).
pub fn format_instant(t: Timestamp) -> String {
    let t = t.round(Unit::Millisecond).unwrap_or(t);
    t.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// "7 September 2026" from `2026-09-07` (anything else as it is).
pub fn date_in_words(iso: &str) -> String {
    match iso.trim().parse::<Date>() {
        Ok(d) => d.strftime("%-d %B %Y").to_string(),
        Err(_) => iso.to_string(),
    }
}

/// Parses a calendar date given by a person (`YYYY-MM-DD`); `what` names the
/// field in the error message.
pub fn parse_date(text: &str, what: &str) -> Result<Date> {
    let text = text.trim();
    text.parse::<Date>().map_err(|_| {
        Error::invalid_input(format!(
            "The {what} \"{text}\" is not a date; write it as YYYY-MM-DD, e.g. 2026-09-01."
        ))
    })
}

/// Normalises an optional date field: empty means "no date".
pub fn normalise_optional_date(text: Option<&str>, what: &str) -> Result<Option<String>> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => Ok(Some(parse_date(t, what)?.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_utc_with_milliseconds() {
        let t: Timestamp = "2026-11-22T19:50:22.1234Z".parse().unwrap();
        assert_eq!(format_instant(t), "2026-11-22T19:50:22.123Z");
    }

    #[test]
    fn dates_are_checked_and_normalised() {
        assert_eq!(
            normalise_optional_date(Some(" 2026-09-01 "), "start date")
                .unwrap()
                .as_deref(),
            Some("2026-09-01")
        );
        assert_eq!(
            normalise_optional_date(Some(""), "start date").unwrap(),
            None
        );
        let err = normalise_optional_date(Some("1/9/2026"), "start date").unwrap_err();
        assert!(err.message.contains("start date"), "{}", err.message);
        assert!(parse_date("2026-02-30", "date").is_err());
    }
}
