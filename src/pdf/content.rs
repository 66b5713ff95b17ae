//! A page's content stream, written as PDF bytes while the page is laid out.
//! The engine used to build printpdf operations (`printpdf::Op`) and have
//! printpdf turn them into lopdf operations and those into bytes: three
//! representations of every glyph run, a `String` and a `Vec` apiece, which
//! cost more than the layout itself. Here each operator is appended to one
//! buffer as it is drawn, numbers in a short fixed form (at most three
//! decimals, no exponent), so the same page always gives the same bytes.
//!
//! Text is shown in the faces' original glyph ids (Identity-H, two bytes a
//! glyph, in hexadecimal strings), and each string's place is remembered:
//! the embedded fonts are subsets whose glyphs are numbered again, which is
//! only known once every page is drawn, so [`Content::renumber`] rewrites
//! the strings in place (same length) just before the stream is compressed.

use super::fonts::FaceId;

/// A content stream being written, with where its glyph strings are.
#[derive(Default)]
pub(crate) struct Content {
    pub bytes: Vec<u8>,
    /// `(start, end, face)` of each hexadecimal glyph string (between, not
    /// including, its angle brackets).
    glyph_strings: Vec<(u32, u32, FaceId)>,
    /// Start of the glyph string being written.
    open_string: Option<u32>,
}

impl Content {
    pub(crate) fn with_capacity(n: usize) -> Content {
        Content {
            bytes: Vec::with_capacity(n),
            ..Content::default()
        }
    }

    /// Appends an operator (or any literal text) as it is.
    pub(crate) fn raw(&mut self, s: &str) {
        self.bytes.extend_from_slice(s.as_bytes());
    }

    /// Appends a number and a space.
    pub(crate) fn num(&mut self, v: f32) {
        push_number(&mut self.bytes, v);
        self.bytes.push(b' ');
    }

    /// Appends numbers, each followed by a space.
    pub(crate) fn nums(&mut self, vs: &[f32]) {
        for &v in vs {
            self.num(v);
        }
    }

    /// Appends an unsigned integer.
    pub(crate) fn int(&mut self, v: usize) {
        let mut buf = itoa::Buffer::new();
        self.bytes.extend_from_slice(buf.format(v).as_bytes());
    }

    /// Starts a glyph string in `face` (`<`).
    pub(crate) fn begin_glyphs(&mut self, face: FaceId) {
        self.bytes.push(b'<');
        self.open_string = Some(self.bytes.len() as u32);
        self.glyph_strings.push((0, 0, face));
    }

    /// Appends a glyph id to the open glyph string.
    pub(crate) fn glyph(&mut self, gid: u16) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let [hi, lo] = gid.to_be_bytes();
        self.bytes.extend_from_slice(&[
            HEX[usize::from(hi >> 4)],
            HEX[usize::from(hi & 15)],
            HEX[usize::from(lo >> 4)],
            HEX[usize::from(lo & 15)],
        ]);
    }

    /// Ends the open glyph string (`>`).
    pub(crate) fn end_glyphs(&mut self) {
        if let Some(start) = self.open_string.take() {
            let end = self.bytes.len() as u32;
            if let Some(last) = self.glyph_strings.last_mut() {
                last.0 = start;
                last.1 = end;
            }
            self.bytes.push(b'>');
        }
    }

    /// Rewrites every glyph id through `new_id(face, original)`, in place, and
    /// returns the bytes.
    pub(crate) fn renumber(mut self, new_id: impl Fn(FaceId, u16) -> u16) -> Vec<u8> {
        fn hex(b: u8) -> u16 {
            u16::from(match b {
                b'0'..=b'9' => b - b'0',
                _ => b - b'A' + 10,
            })
        }
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        for &(start, end, face) in &self.glyph_strings {
            for g in self.bytes[start as usize..end as usize].chunks_exact_mut(4) {
                let old = (hex(g[0]) << 12) | (hex(g[1]) << 8) | (hex(g[2]) << 4) | hex(g[3]);
                let new = new_id(face, old);
                g[0] = HEX[usize::from(new >> 12)];
                g[1] = HEX[usize::from((new >> 8) & 15)];
                g[2] = HEX[usize::from((new >> 4) & 15)];
                g[3] = HEX[usize::from(new & 15)];
            }
        }
        self.bytes
    }
}

/// Writes `v` with at most three decimals and no trailing zeros (`12`,
/// `-0.5`, `595.276`), as PDF wants real numbers: no exponent.
pub(crate) fn push_number(out: &mut Vec<u8>, v: f32) {
    let thousandths = (f64::from(v) * 1000.0).round() as i64;
    if thousandths < 0 {
        out.push(b'-');
    }
    let a = thousandths.unsigned_abs();
    let mut buf = itoa::Buffer::new();
    out.extend_from_slice(buf.format(a / 1000).as_bytes());
    let mut frac = a % 1000;
    if frac != 0 {
        out.push(b'.');
        let mut digits = 3;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        let s = buf.format(frac);
        for _ in s.len()..digits {
            out.push(b'0');
        }
        out.extend_from_slice(s.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(v: f32) -> String {
        let mut out = Vec::new();
        push_number(&mut out, v);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_short_and_exact_to_a_thousandth() {
        assert_eq!(number(0.0), "0");
        assert_eq!(number(-0.0001), "0");
        assert_eq!(number(12.0), "12");
        assert_eq!(number(-0.5), "-0.5");
        assert_eq!(number(595.2756), "595.276");
        assert_eq!(number(0.05), "0.05");
        assert_eq!(number(1.007), "1.007");
        assert_eq!(number(-841.89), "-841.89");
    }

    #[test]
    fn glyph_strings_are_renumbered_in_place() {
        let mut c = Content::default();
        c.raw("/PPSREG 10 Tf\n[");
        c.begin_glyphs(FaceId::ALL[0]);
        c.glyph(0x0123);
        c.glyph(0x00FF);
        c.end_glyphs();
        c.raw(" -30 ");
        c.begin_glyphs(FaceId::ALL[4]);
        c.glyph(7);
        c.end_glyphs();
        c.raw("] TJ\n");
        let out = c.renumber(|face, gid| if face.index() == 0 { gid + 1 } else { 0xABCD });
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "/PPSREG 10 Tf\n[<01240100> -30 <ABCD>] TJ\n"
        );
    }
}
