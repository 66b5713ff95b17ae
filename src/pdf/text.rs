//! Line breaking of styled text by measured glyph widths: greedy filling at spaces,
//! optional breaks after hyphens and slashes, forced breaks inside words (and URLs)
//! that are wider than the line, and hard line breaks and blank lines kept as written.
//! No hyphens are ever added.

use super::fonts::{clean_text, Metrics, TextStyle};
use super::{Rgb, Span};

/// A styled run of cleaned text, ready for breaking.
pub(crate) struct Run<'a> {
    pub text: String,
    pub style: TextStyle,
    pub colour: Rgb,
    pub link: Option<&'a str>,
}

impl<'a> Run<'a> {
    /// Runs from user spans; `colour` is used where a span sets none.
    pub(crate) fn from_spans(m: &Metrics, spans: &'a [Span], colour: Rgb) -> Vec<Run<'a>> {
        spans
            .iter()
            .map(|s| Run {
                text: clean_text(m, &s.text),
                style: s.style,
                colour: s.colour.unwrap_or(if s.link.is_some() {
                    super::style::LINK
                } else {
                    colour
                }),
                link: s.link.as_deref(),
            })
            .collect()
    }

    /// A single run of plain text.
    pub(crate) fn plain(m: &Metrics, text: &str, style: TextStyle, colour: Rgb) -> Run<'a> {
        Run {
            text: clean_text(m, text),
            style,
            colour,
            link: None,
        }
    }
}

/// A piece of one run placed on a line.
#[derive(Clone, Debug)]
pub(crate) struct Frag {
    pub run: usize,
    pub start: usize,
    pub end: usize,
    /// Offset from the start of the line, in points.
    pub x: f32,
    pub width: f32,
}

/// One output line.
#[derive(Clone, Debug, Default)]
pub(crate) struct Line {
    pub frags: Vec<Frag>,
    pub width: f32,
    /// The line ends at a space, which is not drawn, or at a line break in the
    /// text; the text drawn for the line ends with a space all the same (beyond
    /// its width, so invisible), so that text read from the PDF's structure
    /// keeps the words on either side apart.
    pub space_after: bool,
}

impl Line {
    /// True for a blank line (kept from the source text).
    pub(crate) fn is_blank(&self) -> bool {
        self.frags.is_empty()
    }
}

/// Characters after which a line may break without a space (when followed by a
/// word character): hyphens, dashes and slashes.
fn break_after(c: char) -> bool {
    matches!(c, '-' | '/' | '\u{2013}' | '\u{2014}' | '\\')
}

/// Preferred cut points inside a word too long for a line (URLs, paths, codes).
fn soft_cut_after(c: char) -> bool {
    matches!(
        c,
        '/' | '?' | '&' | '=' | '.' | '_' | '#' | ':' | '-' | ',' | ';' | '+' | '\\'
    )
}

/// Spaces that separate words; no-break spaces do not.
fn is_break_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2007}' | '\n')
}

#[derive(Clone, Copy)]
enum Tok {
    /// Word characters; `open` = a line break is allowed before it.
    Word {
        run: usize,
        start: usize,
        end: usize,
        open: bool,
    },
    Space {
        run: usize,
        start: usize,
        end: usize,
    },
    Newline,
}

/// Splits runs into tokens.
fn tokenize(runs: &[Run]) -> Vec<Tok> {
    let mut toks = Vec::new();
    // Whether the next word piece may start a line: true at the start, after a
    // space, a newline or a break opportunity; false inside a word, also across
    // a change of style in the middle of a word.
    let mut open = true;
    for (ri, run) in runs.iter().enumerate() {
        let text = run.text.as_str();
        let mut word_start: Option<usize> = None;
        let mut space_start: Option<usize> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '\n' || is_break_space(c) {
                if let Some(start) = word_start.take() {
                    toks.push(Tok::Word {
                        run: ri,
                        start,
                        end: i,
                        open,
                    });
                }
                if c == '\n' {
                    if let Some(start) = space_start.take() {
                        toks.push(Tok::Space {
                            run: ri,
                            start,
                            end: i,
                        });
                    }
                    toks.push(Tok::Newline);
                } else {
                    space_start.get_or_insert(i);
                }
                open = true;
                continue;
            }
            if let Some(start) = space_start.take() {
                toks.push(Tok::Space {
                    run: ri,
                    start,
                    end: i,
                });
            }
            let start = *word_start.get_or_insert(i);
            let next = chars.peek().map(|&(_, n)| n);
            if break_after(c)
                && i > start
                && next.is_some_and(|n| !n.is_whitespace() && n != c && !break_after(n))
            {
                let end = i + c.len_utf8();
                toks.push(Tok::Word {
                    run: ri,
                    start,
                    end,
                    open,
                });
                word_start = None;
                open = true;
            }
        }
        if let Some(start) = word_start.take() {
            toks.push(Tok::Word {
                run: ri,
                start,
                end: text.len(),
                open,
            });
            open = false;
        }
        if let Some(start) = space_start.take() {
            toks.push(Tok::Space {
                run: ri,
                start,
                end: text.len(),
            });
        }
    }
    toks
}

struct Builder<'r, 'a> {
    m: &'r Metrics,
    runs: &'r [Run<'a>],
    size: f32,
    max: f32,
    lines: Vec<Line>,
    cur: Line,
    /// The current line holds word content (not just indentation).
    has_words: bool,
    /// The current line started at a hard break (paragraph start or newline).
    hard_start: bool,
    pending_spaces: Vec<(usize, usize, usize)>,
}

impl Builder<'_, '_> {
    fn width_of(&self, run: usize, start: usize, end: usize) -> f32 {
        let r = &self.runs[run];
        self.m.width(r.style, self.size, &r.text[start..end])
    }

    fn push_piece(&mut self, run: usize, start: usize, end: usize, width: f32) {
        let x = self.cur.width;
        let text = &self.runs[run].text;
        if let Some(last) = self
            .cur
            .frags
            .last_mut()
            .filter(|l| l.run == run && l.end == start)
        {
            // Merge only across spaces: kerning never applies there, so widths add up.
            let joins_at_space = text[last.start..last.end]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace)
                || text[start..end]
                    .chars()
                    .next()
                    .is_some_and(char::is_whitespace);
            if joins_at_space {
                last.end = end;
                last.width += width;
                self.cur.width += width;
                return;
            }
        }
        self.cur.frags.push(Frag {
            run,
            start,
            end,
            x,
            width,
        });
        self.cur.width += width;
    }

    fn flush(&mut self, hard: bool) {
        let line = std::mem::take(&mut self.cur);
        self.lines.push(line);
        self.has_words = false;
        self.hard_start = hard;
        self.pending_spaces.clear();
    }

    fn pending_width(&self) -> f32 {
        self.pending_spaces
            .iter()
            .map(|&(r, s, e)| self.width_of(r, s, e))
            .sum()
    }

    fn place_unit(&mut self, unit: &[(usize, usize, usize)]) {
        if unit.is_empty() {
            return;
        }
        let widths: Vec<f32> = unit
            .iter()
            .map(|&(r, s, e)| self.width_of(r, s, e))
            .collect();
        let w: f32 = widths.iter().sum();
        let sw = self.pending_width();
        if self.cur.width + sw + w <= self.max + 0.001 {
            self.commit_pending();
            for (&(r, s, e), &pw) in unit.iter().zip(&widths) {
                self.push_piece(r, s, e, pw);
            }
            self.has_words = true;
            return;
        }
        if self.has_words {
            let spaced = !self.pending_spaces.is_empty();
            self.flush(false);
            if let Some(line) = self.lines.last_mut() {
                line.space_after = spaced;
            }
        } else {
            // Indentation that does not leave room for the word is dropped.
            self.pending_spaces.clear();
            if !self.cur.frags.is_empty() {
                self.cur = Line::default();
            }
        }
        if w <= self.max + 0.001 {
            for (&(r, s, e), &pw) in unit.iter().zip(&widths) {
                self.push_piece(r, s, e, pw);
            }
            self.has_words = true;
        } else {
            self.break_unit(unit);
        }
    }

    fn commit_pending(&mut self) {
        let pending = std::mem::take(&mut self.pending_spaces);
        for &(r, s, e) in &pending {
            let w = self.width_of(r, s, e);
            self.push_piece(r, s, e, w);
        }
    }

    /// Sets a word wider than the line over several lines, cutting between
    /// characters, preferably after URL punctuation.
    fn break_unit(&mut self, unit: &[(usize, usize, usize)]) {
        // Flatten into (run, byte index, char, advance incl. kerning with previous char).
        let mut chars: Vec<(usize, usize, usize, f32)> = Vec::new();
        for &(r, s, e) in unit {
            let run = &self.runs[r];
            let scale = self.m.scale(run.style, self.size);
            let mut prev: Option<u16> = None;
            for (i, c) in run.text[s..e].char_indices() {
                let g = self.m.glyph(run.style, c);
                let text_face = g.face == run.style.face();
                let mut w = g.advance;
                if let (Some(p), true) = (prev, text_face) {
                    w += f32::from(self.m.kern(run.style, p, g.gid));
                }
                prev = (!c.is_whitespace() && text_face).then_some(g.gid);
                chars.push((r, s + i, s + i + c.len_utf8(), w * scale));
            }
        }
        let mut i = 0;
        while i < chars.len() {
            let avail = self.max - self.cur.width;
            // How many chars fit from i?
            let mut acc = 0.0;
            let mut j = i;
            while j < chars.len() && acc + chars[j].3 <= avail + 0.001 {
                acc += chars[j].3;
                j += 1;
            }
            if j == chars.len() {
                self.emit_chars(&chars[i..j]);
                self.has_words = true;
                return;
            }
            if j == i {
                if self.has_words || !self.cur.frags.is_empty() {
                    self.flush(false);
                    continue;
                }
                // Not even one character fits an empty line: set it anyway.
                j = i + 1;
            } else {
                // Prefer a cut after URL punctuation in the last 60 % of the piece.
                let min_j = i + (j - i) * 2 / 5;
                if let Some(k) = (min_j.max(i + 1)..j).rev().find(|&k| {
                    let (r, s, e, _) = chars[k - 1];
                    self.runs[r].text[s..e]
                        .chars()
                        .next()
                        .is_some_and(soft_cut_after)
                }) {
                    j = k;
                }
            }
            self.emit_chars(&chars[i..j]);
            self.has_words = true;
            self.flush(false);
            i = j;
        }
    }

    /// Pushes consecutive characters as pieces, one per run, with their exact widths.
    fn emit_chars(&mut self, chars: &[(usize, usize, usize, f32)]) {
        let mut k = 0;
        while k < chars.len() {
            let run = chars[k].0;
            let start = chars[k].1;
            let mut end = chars[k].2;
            let mut l = k + 1;
            while l < chars.len() && chars[l].0 == run && chars[l].1 == end {
                end = chars[l].2;
                l += 1;
            }
            // Measure the piece as drawn (kerning restarts at each piece).
            let w = self.width_of(run, start, end);
            self.push_piece(run, start, end, w);
            k = l;
        }
    }
}

/// Breaks `runs` into lines no wider than `max_width` points at `size`.
/// Every source line (separated by `\n`) starts a new output line; an empty source
/// line gives a blank output line. Never returns an empty vector for non-empty input.
pub(crate) fn wrap(m: &Metrics, runs: &[Run], size: f32, max_width: f32) -> Vec<Line> {
    let toks = tokenize(runs);
    let mut b = Builder {
        m,
        runs,
        size,
        max: max_width.max(1.0),
        lines: Vec::new(),
        cur: Line::default(),
        has_words: false,
        hard_start: true,
        pending_spaces: Vec::new(),
    };
    let mut unit: Vec<(usize, usize, usize)> = Vec::new();
    for t in toks {
        match t {
            Tok::Word {
                run,
                start,
                end,
                open,
            } => {
                if open && !unit.is_empty() {
                    let u = std::mem::take(&mut unit);
                    b.place_unit(&u);
                }
                unit.push((run, start, end));
            }
            Tok::Space { run, start, end } => {
                let u = std::mem::take(&mut unit);
                b.place_unit(&u);
                // Spaces at the start of a soft-wrapped line are dropped; after a
                // hard break they are kept as indentation.
                if b.has_words || b.hard_start {
                    b.pending_spaces.push((run, start, end));
                }
            }
            Tok::Newline => {
                let u = std::mem::take(&mut unit);
                b.place_unit(&u);
                b.flush(true);
                if let Some(line) = b.lines.last_mut() {
                    line.space_after = !line.frags.is_empty();
                }
            }
        }
    }
    let u = std::mem::take(&mut unit);
    b.place_unit(&u);
    if b.has_words || b.lines.is_empty() {
        b.flush(true);
    }
    b.lines
}

/// Cleans `text` (see [`clean_text`]) onto one line and shortens it with an
/// ellipsis so that it fits `max_width` (for labels and running heads).
pub(crate) fn fit_one_line(
    m: &Metrics,
    text: &str,
    style: TextStyle,
    size: f32,
    max_width: f32,
) -> String {
    let text = clean_text(m, text).replace('\n', " ");
    if m.width(style, size, &text) <= max_width {
        return text;
    }
    let ell = m.width(style, size, "\u{2026}");
    let mut out = String::new();
    let mut w = 0.0;
    for c in text.chars() {
        let cw = m.width(style, size, c.encode_utf8(&mut [0; 4]));
        if w + cw + ell > max_width {
            break;
        }
        w += cw;
        out.push(c);
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\u{2026}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m() -> Metrics {
        Metrics::new().expect("fonts")
    }

    fn runs<'a>(m: &Metrics, text: &str) -> Vec<Run<'a>> {
        vec![Run::plain(m, text, TextStyle::Regular, Rgb(0, 0, 0))]
    }

    /// The text of each line.
    fn texts(runs: &[Run], lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| {
                l.frags
                    .iter()
                    .map(|f| &runs[f.run].text[f.start..f.end])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_width_measured_again_comes_from_the_cache_unchanged() {
        // Words (cached), a long string (not cached) and fallback glyphs.
        let words = ["AVAST", "Wy", "To", "Llŷr", "Łódź", "δ→∑", "", " "];
        let long = "Partnership working with AVAST Wyvern Tours, ".repeat(2);
        for style in [TextStyle::Regular, TextStyle::Bold, TextStyle::Italic] {
            let (first, again) = (m(), m());
            for text in words.iter().copied().chain([long.as_str()]) {
                let sizes = [7.5, 9.0, 10.0, 14.0, 20.0];
                let fresh: Vec<f32> = sizes.iter().map(|&s| m().width(style, s, text)).collect();
                // `again` measures each string at every size, so all but the
                // first come from its cache; `first` measures it once a size.
                let cached: Vec<f32> = sizes.iter().map(|&s| again.width(style, s, text)).collect();
                let repeat: Vec<f32> = sizes.iter().map(|&s| again.width(style, s, text)).collect();
                assert_eq!(fresh, cached, "{text:?} in {style:?}");
                assert_eq!(
                    fresh, repeat,
                    "{text:?} in {style:?}, measured a third time"
                );
                assert_eq!(fresh[2], first.width(style, 10.0, text));
                assert!(
                    text.trim().is_empty() || fresh[0] > 0.0,
                    "{text:?} has a width"
                );
            }
        }
        // Kerning is in the cached width: "AV" is narrower than "A" + "V".
        let m = m();
        let apart = m.width(TextStyle::Regular, 10.0, "A") + m.width(TextStyle::Regular, 10.0, "V");
        assert!(m.width(TextStyle::Regular, 10.0, "AV") < apart);
        assert!(
            m.width(TextStyle::Regular, 10.0, "AV") < apart,
            "and again, from the cache"
        );
    }

    #[test]
    fn lines_never_exceed_the_width_and_keep_every_character() {
        let m = m();
        let long = "https://example.org/".to_owned() + &"abcdefghij".repeat(30);
        let text = format!(
            "Siân Llŷr met Màiri in Łódź — ‘quotes’ and “more quotes” cost £5 or €5. {long} Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch well-known and/or co-ordinated learner-centred work."
        );
        let runs = runs(&m, &text);
        for width in [40.0, 61.5, 90.0, 150.0, 333.3, 480.0] {
            let lines = wrap(&m, &runs, 10.0, width);
            for (line, t) in lines.iter().zip(texts(&runs, &lines)) {
                assert!(
                    line.width <= width + 0.01,
                    "{t:?} is {} wide, max {width}",
                    line.width
                );
                let measured = m.width(TextStyle::Regular, 10.0, &t);
                assert!(
                    (measured - line.width).abs() < 0.05,
                    "{t:?}: {measured} vs {}",
                    line.width
                );
            }
            let joined: String = texts(&runs, &lines).concat();
            let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            assert_eq!(
                squash(&joined),
                squash(&text),
                "characters lost or added at width {width}"
            );
        }
    }

    #[test]
    fn long_words_break_between_characters_preferring_url_punctuation() {
        let m = m();
        let url = "https://learning.example.org.uk/portfolio/evidence/2024-25/cldal16/items/E031?token=0123456789abcdef";
        let runs = runs(&m, url);
        let lines = wrap(&m, &runs, 10.0, 120.0);
        let t = texts(&runs, &lines);
        assert!(t.len() > 3);
        assert_eq!(t.concat(), url, "no hyphens added, nothing lost");
        let punctuation_ends = t[..t.len() - 1]
            .iter()
            .filter(|l| l.ends_with(['/', '.', '-', '?', '=']))
            .count();
        assert!(punctuation_ends >= t.len() / 2, "{t:?}");
    }

    #[test]
    fn hard_breaks_blank_lines_and_indentation_are_kept() {
        let m = m();
        let runs = runs(&m, "First line\n\n    Indented line\nLast");
        let lines = wrap(&m, &runs, 10.0, 400.0);
        let t = texts(&runs, &lines);
        assert_eq!(t, vec!["First line", "", "    Indented line", "Last"]);
        assert!(lines[1].is_blank());
        assert!(lines[2].frags[0].x == 0.0 && t[2].starts_with("    "));
    }

    #[test]
    fn soft_wraps_drop_spaces_at_the_break() {
        let m = m();
        let runs = runs(&m, "alpha beta gamma delta epsilon zeta eta theta");
        let lines = wrap(&m, &runs, 10.0, 80.0);
        for t in texts(&runs, &lines) {
            assert_eq!(t, t.trim(), "space at a line edge: {t:?}");
        }
    }

    #[test]
    fn breaks_after_hyphens_and_slashes_without_adding_any() {
        let m = m();
        let runs = runs(&m, "learner-centred and/or");
        let w = m.width(TextStyle::Regular, 10.0, "learner-centred and/");
        let lines = wrap(&m, &runs, 10.0, w + 0.5);
        assert_eq!(texts(&runs, &lines), vec!["learner-centred and/", "or"]);
        let w = m.width(TextStyle::Regular, 10.0, "learner-");
        let lines = wrap(&m, &runs, 10.0, w + 0.5);
        let t = texts(&runs, &lines);
        assert_eq!(t[0], "learner-");
        assert_eq!(t.concat().replace(' ', ""), "learner-centredand/or");
    }

    #[test]
    fn spaced_dashes_stay_at_the_end_of_a_line() {
        let m = m();
        let text = "one two three four five six — seven eight";
        let runs = runs(&m, text);
        for width in 40..200 {
            let lines = wrap(&m, &runs, 10.0, width as f32);
            for t in texts(&runs, &lines) {
                assert!(
                    !t.starts_with('—'),
                    "dash starts a line at width {width}: {t:?}"
                );
            }
        }
    }

    #[test]
    fn styles_mix_inside_a_word_without_breaking_it() {
        let m = m();
        let spans = [
            Span::bold("Bold"),
            Span::plain("face and "),
            Span::italic("italic"),
        ];
        let runs = Run::from_spans(&m, &spans, Rgb(0, 0, 0));
        let lines = wrap(&m, &runs, 10.0, 60.0);
        let t = texts(&runs, &lines);
        assert_eq!(t[0], "Boldface", "{t:?}");
        assert_eq!(lines[0].frags.len(), 2);
    }

    #[test]
    fn kerning_tightens_known_pairs() {
        let m = m();
        let pair = m.width(TextStyle::Regular, 100.0, "AV");
        let apart =
            m.width(TextStyle::Regular, 100.0, "A") + m.width(TextStyle::Regular, 100.0, "V");
        assert!(pair < apart - 1.0, "no kerning: {pair} vs {apart}");
        // What is drawn carries the same adjustment.
        let mut page = super::super::layout::Page::new(crate::pdf::Orientation::Portrait, false);
        page.text(&m, 0.0, 100.0, TextStyle::Regular, 10.0, Rgb(0, 0, 0), "AV");
        let content = String::from_utf8(page.content.bytes.clone()).unwrap();
        // `[<A> n <V>] TJ`: one text object, the glyphs moved together by n > 0.
        let tj = content.lines().find(|l| l.ends_with("TJ")).unwrap();
        let offset: f32 = tj.split(['<', '>']).nth(2).unwrap().trim().parse().unwrap();
        assert!(offset > 0.0, "{tj}");
    }

    #[test]
    fn cleaning_normalises_and_replaces_what_the_font_lacks() {
        let m = m();
        assert_eq!(clean_text(&m, "a\r\nb\rc\td"), "a\nb\nc    d");
        assert_eq!(clean_text(&m, "x\u{00AD}y\u{200B}z"), "xyz");
        assert_eq!(clean_text(&m, "ŵŷŴŶ £€ ‘’“” –—•"), "ŵŷŴŶ £€ ‘’“” –—•");
        // What no embedded face has becomes a visible placeholder, and is logged.
        assert_eq!(
            clean_text(&m, "tick ✓ 漢 \u{E000}"),
            "tick ✓ \u{FFFD} \u{FFFD}"
        );
        assert_eq!(m.take_missing(), vec!['漢', '\u{E000}']);
        assert!(m.take_missing().is_empty());
        // Variation selectors only choose a style: dropped, the character kept.
        assert_eq!(clean_text(&m, "\u{2764}\u{FE0F}"), "\u{2764}");
        assert_eq!(clean_text(&m, "a — b"), "a\u{00A0}— b");
        // Decomposed input (w + combining circumflex) is set as the precomposed letter.
        assert_eq!(clean_text(&m, "Llw\u{0302}yd, Sia\u{0302}n"), "Llŵyd, Siân");
    }

    #[test]
    fn one_line_labels_are_shortened_with_an_ellipsis() {
        let m = m();
        let s = fit_one_line(
            &m,
            "A rather long running head for the page",
            TextStyle::Regular,
            8.0,
            60.0,
        );
        assert!(s.ends_with('…'));
        assert!(m.width(TextStyle::Regular, 8.0, &s) <= 60.0);
        assert_eq!(
            fit_one_line(&m, "Short", TextStyle::Regular, 8.0, 60.0),
            "Short"
        );
    }
}
