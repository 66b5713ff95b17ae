//! How the PDF words things: dates and times as British readers expect them
//! ("7 September 2026", times in UTC so the file does not depend on the
//! computer's time zone), shortened item titles for headings, counts.
//! Anything that cannot be parsed is printed as stored, never dropped.

use jiff::civil::Date;
use jiff::Timestamp;

pub(crate) use crate::timestamp::date_in_words as date;

/// "7 Sep 2026" from `2026-09-07`, for table columns.
pub(crate) fn date_short(iso: &str) -> String {
    match iso.trim().parse::<Date>() {
        Ok(d) => d.strftime("%-d %b %Y").to_string(),
        Err(_) => iso.to_string(),
    }
}

/// "7 September 2026 at 14:05 UTC" from a stored instant.
pub(crate) fn instant(stored: &str) -> String {
    match stored.trim().parse::<Timestamp>() {
        Ok(t) => moment(t),
        Err(_) => stored.to_string(),
    }
}

/// "7 Sep 2026, 14:05" (UTC) from a stored instant, for table columns.
pub(crate) fn instant_short(stored: &str) -> String {
    match stored.trim().parse::<Timestamp>() {
        Ok(t) => t.strftime("%-d %b %Y, %H:%M").to_string(),
        Err(_) => stored.to_string(),
    }
}

/// "7 Sep 2026, 14:05:09" (UTC) from a stored instant, for the audit trail.
pub(crate) fn instant_seconds(stored: &str) -> String {
    match stored.trim().parse::<Timestamp>() {
        Ok(t) => t.strftime("%-d %b %Y, %H:%M:%S").to_string(),
        Err(_) => stored.to_string(),
    }
}

/// "7 September 2026 at 14:05 UTC".
pub(crate) fn moment(t: Timestamp) -> String {
    t.strftime("%-d %B %Y at %H:%M UTC").to_string()
}

/// The start of an item's text for headings and grid rows: whole words up
/// to about `max` characters, with an ellipsis when cut. The full text is
/// always printed in the item's own section.
pub(crate) fn short_text(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let head = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    let head = head.trim_end_matches([',', ';', ':', ' ', '(', '/', '-']);
    format!("{head}\u{2026}")
}

/// "1 piece of evidence", "3 pieces of evidence".
pub(crate) fn pieces(n: usize) -> String {
    if n == 1 {
        "1 piece of evidence".to_string()
    } else {
        format!("{n} pieces of evidence")
    }
}

/// "1 item", "3 items" and the like.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

pub(crate) use crate::text::and_list;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_the_british_way_and_bad_ones_are_kept() {
        assert_eq!(date("2026-09-07"), "7 September 2026");
        assert_eq!(date_short("2026-09-07"), "7 Sep 2026");
        assert_eq!(date("sometime"), "sometime");
        assert_eq!(
            instant("2027-03-12T14:05:09.123Z"),
            "12 March 2027 at 14:05 UTC"
        );
        assert_eq!(
            instant_short("2027-03-12T14:05:09.123Z"),
            "12 Mar 2027, 14:05"
        );
        assert_eq!(
            instant_seconds("2027-03-12T14:05:09.123Z"),
            "12 Mar 2027, 14:05:09"
        );
        assert_eq!(instant("not a time"), "not a time");
    }

    #[test]
    fn short_text_cuts_at_words() {
        let t = "establish working relationships with colleagues, partners and stakeholders";
        assert_eq!(short_text(t, 200), t);
        assert_eq!(
            short_text(t, 50),
            "establish working relationships with colleagues…"
        );
        assert_eq!(short_text("abcdefghij", 5), "abcde…");
    }

    #[test]
    fn lists_and_counts() {
        assert_eq!(
            and_list(&["P1".into(), "P4".into(), "K3".into()]),
            "P1, P4 and K3"
        );
        assert_eq!(and_list(&["P1".into()]), "P1");
        assert_eq!(pieces(1), "1 piece of evidence");
        assert_eq!(count(0, "gap", "gaps"), "0 gaps");
    }
}
