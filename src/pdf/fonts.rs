//! The embedded typefaces and glyph measurement. Text is set in Noto Sans (four
//! faces); a character that face lacks is drawn from the first fallback that has
//! it: Noto Sans Math, Noto Sans Symbols, Noto Sans Symbols 2, then monochrome
//! Noto Emoji (all SIL OFL 1.1, see `assets/fonts/OFL.txt` and
//! `assets/fonts/README.md`). A character no face has is drawn as U+FFFD and
//! logged, so the caller can say which characters could not be shown and where.
//! Widths are advance widths from `hmtx` plus pair kerning from the GPOS `kern`
//! feature of the text face, so our own line breaking agrees with what the PDF
//! viewer draws.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::OnceLock;

use super::PdfError;

/// One of the four embedded faces of the text family.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TextStyle {
    /// Upright, normal weight.
    #[default]
    Regular,
    /// Upright, bold.
    Bold,
    /// Italic, normal weight.
    Italic,
    /// Italic, bold.
    BoldItalic,
}

impl TextStyle {
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The face that sets this style.
    pub(crate) fn face(self) -> FaceId {
        FaceId(self as u8)
    }
}

/// A face the engine draws with: the four text faces (in [`TextStyle`] order),
/// then the fallbacks in the order they are tried.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct FaceId(u8);

/// How many faces there are: four text faces and four fallbacks.
pub(crate) const FACES: usize = 8;

/// The fallbacks, in the order they are tried for a character the text face lacks.
const FALLBACKS: [FaceId; 4] = [FaceId(4), FaceId(5), FaceId(6), FaceId(7)];

impl FaceId {
    /// Every face, in index order.
    pub(crate) const ALL: [FaceId; FACES] = [
        FaceId(0),
        FaceId(1),
        FaceId(2),
        FaceId(3),
        FaceId(4),
        FaceId(5),
        FaceId(6),
        FaceId(7),
    ];

    pub(crate) fn index(self) -> usize {
        usize::from(self.0)
    }

    /// Whether this is one of the four text faces (kerning applies within them).
    pub(crate) fn is_text(self) -> bool {
        self.0 < 4
    }

    /// The TrueType program shipped in `assets/fonts/`.
    pub(crate) fn bytes(self) -> &'static [u8] {
        match self.0 {
            0 => include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
            1 => include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
            2 => include_bytes!("../../assets/fonts/NotoSans-Italic.ttf"),
            3 => include_bytes!("../../assets/fonts/NotoSans-BoldItalic.ttf"),
            4 => include_bytes!("../../assets/fonts/NotoSansMath-Regular.ttf"),
            5 => include_bytes!("../../assets/fonts/NotoSansSymbols-Regular.ttf"),
            6 => include_bytes!("../../assets/fonts/NotoSansSymbols2-Regular.ttf"),
            _ => include_bytes!("../../assets/fonts/NotoEmoji-Regular.ttf"),
        }
    }

    /// Fixed PDF resource name of the face. Its first six capitals double as the
    /// subset tag (`PPSREG+NotoSans-Regular`), so they are fixed too: the output
    /// must not depend on printpdf's global id counter.
    pub(crate) fn resource_name(self) -> &'static str {
        match self.0 {
            0 => "PPSREG",
            1 => "PPSBLD",
            2 => "PPSITA",
            3 => "PPSBDI",
            4 => "PPMATH",
            5 => "PPSYMB",
            6 => "PPSYMT",
            _ => "PPEMOJ",
        }
    }
}

/// Code points below this are looked up in a flat table (ASCII, Latin-1,
/// Latin Extended-A and -B); everything else goes through the font's `cmap`.
const DIRECT: usize = 0x250;

/// Measurement data of one face, built once per process.
pub(crate) struct FaceMetrics {
    face: ttf_parser::Face<'static>,
    /// Font design units per em.
    units_per_em: f32,
    /// `(glyph id, advance)` for code points below [`DIRECT`]; glyph id 0 = not in the font.
    direct: Vec<(u16, u16)>,
    /// Indices of the GPOS lookups behind the `kern` feature, in lookup order.
    kern_lookups: Vec<u16>,
    /// Glyph used for characters the font lacks (U+FFFD).
    replacement: (u16, u16),
    /// Kerning of every pair of the glyphs of code points below
    /// [`PAIRED`], filled in as pairs are first measured and shared by every
    /// thread and render of the process: 0 not yet known, otherwise the
    /// adjustment plus 0x8000.
    pairs: Vec<AtomicU16>,
    /// Each glyph id's row and column in `pairs` (`u16::MAX`: not in it).
    pair_index: Vec<u16>,
    /// How many glyphs `pairs` has a row for.
    paired: usize,
}

/// Code points whose glyphs' kerning is kept in a table rather than looked
/// up in the font's GPOS table (ASCII, Latin-1 and Latin Extended-A, with
/// Welsh's ŵ and ŷ): most of what learners write, a few hundred glyphs.
const PAIRED: u32 = 0x180;

impl FaceMetrics {
    fn new(bytes: &'static [u8]) -> Result<Self, PdfError> {
        let face = ttf_parser::Face::parse(bytes, 0)
            .map_err(|e| PdfError::Font(format!("cannot parse embedded font: {e}")))?;
        let units_per_em = f32::from(face.units_per_em());
        let lookup = |c: char| -> (u16, u16) {
            match face.glyph_index(c) {
                Some(g) => (g.0, face.glyph_hor_advance(g).unwrap_or(0)),
                None => (0, 0),
            }
        };
        let direct = (0..DIRECT as u32)
            .map(|cp| char::from_u32(cp).map_or((0, 0), lookup))
            .collect();
        let replacement = lookup('\u{FFFD}');
        let mut kern_lookups = Vec::new();
        if let Some(gpos) = face.tables().gpos {
            for feature in gpos.features {
                if feature.tag == ttf_parser::Tag::from_bytes(b"kern") {
                    kern_lookups.extend(feature.lookup_indices);
                }
            }
        }
        kern_lookups.sort_unstable();
        kern_lookups.dedup();
        let mut pair_index = vec![u16::MAX; usize::from(face.number_of_glyphs())];
        let mut paired = 0usize;
        if !kern_lookups.is_empty() {
            for c in (0..PAIRED).filter_map(char::from_u32) {
                if let Some(g) = face.glyph_index(c) {
                    let slot = &mut pair_index[usize::from(g.0)];
                    if g.0 != 0 && *slot == u16::MAX {
                        *slot = paired as u16;
                        paired += 1;
                    }
                }
            }
        }
        let pairs = std::iter::repeat_with(|| AtomicU16::new(0))
            .take(paired * paired)
            .collect();
        Ok(FaceMetrics {
            face,
            units_per_em,
            direct,
            kern_lookups,
            replacement,
            pairs,
            pair_index,
            paired,
        })
    }

    /// The `pairs` entry of `left` followed by `right`, if both are in it.
    fn pair(&self, left: u16, right: u16) -> Option<&AtomicU16> {
        let l = *self.pair_index.get(usize::from(left))?;
        let r = *self.pair_index.get(usize::from(right))?;
        if l == u16::MAX || r == u16::MAX {
            return None;
        }
        self.pairs
            .get(usize::from(l) * self.paired + usize::from(r))
    }

    /// Glyph id and advance (design units) of `c`, or `None` if the face lacks it.
    fn lookup(&self, c: char) -> Option<(u16, u16)> {
        let cp = c as usize;
        if cp < DIRECT {
            let entry = self.direct[cp];
            return (entry.0 != 0).then_some(entry);
        }
        let g = self.face.glyph_index(c)?;
        Some((g.0, self.face.glyph_hor_advance(g).unwrap_or(0)))
    }

    /// Pair adjustment of the advance of `left` when followed by `right`, in design units.
    fn kern_uncached(&self, left: u16, right: u16) -> i16 {
        use ttf_parser::gpos::{PairAdjustment, PositioningSubtable};
        let Some(gpos) = self.face.tables().gpos else {
            return 0;
        };
        let (l, r) = (ttf_parser::GlyphId(left), ttf_parser::GlyphId(right));
        let mut total: i16 = 0;
        for &index in &self.kern_lookups {
            let Some(lookup) = gpos.lookups.get(index) else {
                continue;
            };
            for subtable in lookup.subtables.into_iter::<PositioningSubtable>() {
                let PositioningSubtable::Pair(pair) = subtable else {
                    continue;
                };
                let Some(coverage_index) = pair.coverage().get(l) else {
                    continue;
                };
                let value = match pair {
                    PairAdjustment::Format1 { sets, .. } => sets
                        .get(coverage_index)
                        .and_then(|set| set.get(r))
                        .map(|(first, _)| first.x_advance),
                    PairAdjustment::Format2 {
                        classes, matrix, ..
                    } => {
                        let classes = (classes.0.get(l), classes.1.get(r));
                        matrix.get(classes).map(|(first, _)| first.x_advance)
                    }
                };
                if let Some(v) = value {
                    total = total.saturating_add(v);
                    // The first subtable of a lookup that covers the pair decides.
                    break;
                }
            }
        }
        total
    }
}

/// Every face, parsed once per process.
pub(crate) struct FontSet {
    faces: Vec<FaceMetrics>,
}

static FONTS: OnceLock<Result<FontSet, String>> = OnceLock::new();

/// The process-wide font set.
pub(crate) fn font_set() -> Result<&'static FontSet, PdfError> {
    FONTS
        .get_or_init(|| {
            let faces = FaceId::ALL
                .iter()
                .map(|f| FaceMetrics::new(f.bytes()).map_err(|e| e.to_string()))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(FontSet { faces })
        })
        .as_ref()
        .map_err(|e| PdfError::Font(e.clone()))
}

/// A tiny multiplicative hasher for the `u32` glyph-pair keys of the kerning
/// cache and the short strings of the width cache.
#[derive(Default)]
pub(crate) struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Eight bytes a step: the width cache's keys are words.
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let n = u64::from_le_bytes(c.try_into().expect("eight bytes"));
            self.0 = (self.0.rotate_left(29) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type KernCache = HashMap<u32, i16, BuildHasherDefault<PairHasher>>;

/// Widths of short strings (words, mostly) in design units of one text face,
/// with their kerning: the layout measures the same words again and again.
type WidthCache = HashMap<Box<str>, f32, BuildHasherDefault<PairHasher>>;

/// Strings up to this many bytes have their widths kept in the [`WidthCache`].
const CACHED_WIDTH_MAX_LEN: usize = 32;

/// The most strings a [`WidthCache`] keeps (about 2 MB at worst).
const CACHED_WIDTHS_MAX: usize = 1 << 15;

/// A glyph as the engine sets it: the face it comes from, its glyph id there,
/// and its advance in design units of the text face it stands in (fallback
/// advances are scaled to that face's units per em).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Glyph {
    pub face: FaceId,
    pub gid: u16,
    pub advance: f32,
}

/// Where a character not in the text faces is found: a fallback face with the
/// glyph id and advance (in that face's design units), or nowhere.
type FallbackCache = HashMap<char, Option<(FaceId, u16, u16)>>;

/// Measures text for one render. Holds a kerning cache, the fallback lookups
/// and the log of characters no face has, so it is created per render and
/// used from one thread.
pub(crate) struct Metrics {
    fonts: &'static FontSet,
    kern_cache: [RefCell<KernCache>; 4],
    width_cache: [RefCell<WidthCache>; 4],
    fallbacks: RefCell<FallbackCache>,
    /// Characters [`clean_text`] found in no face, since the last [`Metrics::take_missing`].
    missing: RefCell<Vec<char>>,
    /// The glyphs drawn so far.
    used: RefCell<GlyphsUsed>,
}

/// The glyphs a render draws, by face: for each glyph id drawn, the character
/// it was drawn for (what the font's ToUnicode map says it is; of several
/// characters with one glyph, the last drawn).
#[derive(Default)]
pub(crate) struct GlyphsUsed {
    /// `chars[face][gid]`, `'\0'` for a glyph not drawn.
    chars: [Vec<char>; FACES],
}

impl GlyphsUsed {
    /// Notes that `gid` of `face` is drawn for `c`.
    pub(crate) fn note(&mut self, face: FaceId, gid: u16, c: char) {
        let chars = &mut self.chars[face.index()];
        let i = usize::from(gid);
        if i >= chars.len() {
            chars.resize(i + 1, '\0');
        }
        chars[i] = c;
    }

    /// Adds the glyphs a later part of the document drew: where both drew
    /// a glyph, the later part's character is the one kept (the last drawn).
    pub(crate) fn extend(&mut self, later: GlyphsUsed) {
        for (mine, theirs) in self.chars.iter_mut().zip(later.chars) {
            if mine.len() < theirs.len() {
                mine.resize(theirs.len(), '\0');
            }
            for (m, t) in mine.iter_mut().zip(theirs) {
                if t != '\0' {
                    *m = t;
                }
            }
        }
    }

    /// Whether anything is drawn in `face`.
    pub(crate) fn uses(&self, face: FaceId) -> bool {
        self.chars[face.index()].iter().any(|&c| c != '\0')
    }

    /// The glyphs drawn in `face`, by glyph id, with their characters.
    pub(crate) fn glyphs(&self, face: FaceId) -> impl Iterator<Item = (u16, char)> + '_ {
        self.chars[face.index()]
            .iter()
            .enumerate()
            .filter(|(_, &c)| c != '\0')
            .map(|(g, &c)| (g as u16, c))
    }

    /// For each face, the glyph id each original glyph id has in the embedded
    /// subset: printpdf subsets with allsorts, which numbers the glyphs it is
    /// given in order, `.notdef` (0) first, then the glyphs drawn by
    /// ascending original id (`printpdf::font::subset_font`).
    pub(crate) fn subset_ids(&self) -> [Vec<u16>; FACES] {
        std::array::from_fn(|f| {
            let chars = &self.chars[f];
            let mut ids = vec![0u16; chars.len()];
            let mut next = 1u16;
            for (g, &c) in chars.iter().enumerate().skip(1) {
                if c != '\0' {
                    ids[g] = next;
                    next += 1;
                }
            }
            ids
        })
    }
}

impl Metrics {
    pub(crate) fn new() -> Result<Self, PdfError> {
        Ok(Metrics {
            fonts: font_set()?,
            kern_cache: Default::default(),
            width_cache: Default::default(),
            fallbacks: RefCell::default(),
            missing: RefCell::default(),
            used: RefCell::default(),
        })
    }

    fn face(&self, style: TextStyle) -> &FaceMetrics {
        &self.fonts.faces[style.index()]
    }

    /// The first fallback face that has `c`, with its glyph id and advance.
    fn fallback(&self, c: char) -> Option<(FaceId, u16, u16)> {
        if let Some(found) = self.fallbacks.borrow().get(&c) {
            return *found;
        }
        let found = FALLBACKS.iter().find_map(|&f| {
            self.fonts.faces[f.index()]
                .lookup(c)
                .map(|(gid, adv)| (f, gid, adv))
        });
        self.fallbacks.borrow_mut().insert(c, found);
        found
    }

    /// Whether some embedded face can draw `c`.
    pub(crate) fn supports(&self, c: char) -> bool {
        self.face(TextStyle::Regular).lookup(c).is_some() || self.fallback(c).is_some()
    }

    /// The glyph that draws `c` in `style`: from the text face, else from the
    /// first fallback that has it, else the text face's U+FFFD (the layout
    /// replaces such characters with U+FFFD before drawing, see [`clean_text`]).
    pub(crate) fn glyph(&self, style: TextStyle, c: char) -> Glyph {
        let face = self.face(style);
        if let Some((gid, adv)) = face.lookup(c) {
            return Glyph {
                face: style.face(),
                gid,
                advance: f32::from(adv),
            };
        }
        match self.fallback(c) {
            Some((f, gid, adv)) => Glyph {
                face: f,
                gid,
                advance: f32::from(adv) * face.units_per_em
                    / self.fonts.faces[f.index()].units_per_em,
            },
            None => Glyph {
                face: style.face(),
                gid: face.replacement.0,
                advance: f32::from(face.replacement.1),
            },
        }
    }

    /// Kerning between two glyphs, in design units (usually negative): from
    /// the face's table of common pairs, else this render's cache, else the font.
    pub(crate) fn kern(&self, style: TextStyle, left: u16, right: u16) -> i16 {
        let face = self.face(style);
        if face.kern_lookups.is_empty() {
            return 0;
        }
        if let Some(pair) = face.pair(left, right) {
            let known = pair.load(Ordering::Relaxed);
            if known != 0 {
                return (i32::from(known) - 0x8000) as i16;
            }
            let k = face.kern_uncached(left, right);
            if k != i16::MIN {
                pair.store((i32::from(k) + 0x8000) as u16, Ordering::Relaxed);
            }
            return k;
        }
        let key = (u32::from(left) << 16) | u32::from(right);
        let mut cache = self.kern_cache[style.index()].borrow_mut();
        *cache
            .entry(key)
            .or_insert_with(|| face.kern_uncached(left, right))
    }

    /// Ascent and descent (positive) of the family as fractions of the size,
    /// from the `hhea` table of the regular face.
    pub(crate) fn ascent_descent(&self) -> (f32, f32) {
        let face = self.face(TextStyle::Regular);
        (
            f32::from(face.face.ascender()) / face.units_per_em,
            -f32::from(face.face.descender()) / face.units_per_em,
        )
    }

    /// Points per design unit at `size`.
    pub(crate) fn scale(&self, style: TextStyle, size: f32) -> f32 {
        size / self.face(style).units_per_em
    }

    /// Width in points of `text` set in `style` at `size`, with kerning between
    /// adjacent non-space characters of the text face (the same rule
    /// [`Metrics::pieces`] draws with).
    pub(crate) fn width(&self, style: TextStyle, size: f32, text: &str) -> f32 {
        if text.len() > CACHED_WIDTH_MAX_LEN {
            return self.width_units(style, text) * self.scale(style, size);
        }
        let cache = &self.width_cache[style.index()];
        if let Some(&units) = cache.borrow().get(text) {
            return units * self.scale(style, size);
        }
        let units = self.width_units(style, text);
        let mut cache = cache.borrow_mut();
        if cache.len() < CACHED_WIDTHS_MAX {
            cache.insert(text.into(), units);
        }
        units * self.scale(style, size)
    }

    /// Width of `text` in `style` in design units of the text face (see
    /// [`Metrics::width`]); the same at every size.
    fn width_units(&self, style: TextStyle, text: &str) -> f32 {
        let face = self.face(style);
        let mut units: i32 = 0;
        let mut other: f32 = 0.0;
        let mut prev: Option<u16> = None;
        for c in text.chars() {
            let Some((gid, adv)) = face.lookup(c) else {
                other += self.glyph(style, c).advance;
                prev = None;
                continue;
            };
            units += i32::from(adv);
            if c == ' ' {
                prev = None;
                continue;
            }
            if let Some(p) = prev {
                units += i32::from(self.kern(style, p, gid));
            }
            prev = Some(gid);
        }
        units as f32 + other
    }

    /// The face and glyph id that draw `c` in `style` (see [`Metrics::glyph`]).
    pub(crate) fn face_glyph(&self, style: TextStyle, c: char) -> (FaceId, u16) {
        match self.face(style).lookup(c) {
            Some((gid, _)) => (style.face(), gid),
            None => {
                let g = self.glyph(style, c);
                (g.face, g.gid)
            }
        }
    }

    /// A kerning adjustment in thousandths of an em, as a `TJ` array counts
    /// (the opposite sign: a positive number there moves the next glyph left).
    pub(crate) fn kern_em(&self, style: TextStyle, k: i16) -> f32 {
        f32::from(k) * 1000.0 / self.face(style).units_per_em
    }

    /// The record of the glyphs drawn, to note more in (see [`GlyphsUsed`]).
    pub(crate) fn glyphs_used(&self) -> std::cell::RefMut<'_, GlyphsUsed> {
        self.used.borrow_mut()
    }

    /// The glyphs drawn in this render, by face: what the embedded subsets hold.
    pub(crate) fn take_glyphs_used(&self) -> GlyphsUsed {
        std::mem::take(&mut *self.used.borrow_mut())
    }

    /// The characters [`clean_text`] found in no face since the last call, in order.
    pub(crate) fn take_missing(&self) -> Vec<char> {
        std::mem::take(&mut *self.missing.borrow_mut())
    }

    /// Forgets the characters logged since the last [`Metrics::take_missing`]
    /// (text measured ahead, e.g. to keep a heading with what follows it).
    pub(crate) fn discard_missing(&self) {
        self.missing.borrow_mut().clear();
    }
}

/// Prepares user text for setting: Unicode NFC (a letter typed as base + combining
/// accent becomes the precomposed glyph), line ends normalised to `\n`, tabs to four spaces,
/// other control and invisible formatting characters (and variation selectors and
/// tag characters, which only pick a glyph variant) dropped, no-break spaces kept,
/// and characters no embedded face can draw replaced by U+FFFD, a visible
/// placeholder, and logged (see [`Metrics::take_missing`]): nothing is silently
/// lost or drawn as an empty box.
pub(crate) fn clean_text(m: &Metrics, text: &str) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    let composed: std::borrow::Cow<str> = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.into()
    } else {
        text.nfc().collect::<String>().into()
    };
    let mut out = String::with_capacity(composed.len());
    let mut chars = composed.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' => out.push('\n'),
            // Keep a spaced dash at the end of the line rather than the start of
            // the next: the space before it becomes a no-break space.
            ' ' if matches!(chars.peek(), Some('\u{2013}' | '\u{2014}')) => {
                let mut ahead = chars.clone();
                ahead.next();
                if matches!(ahead.next(), Some(' ') | None) {
                    out.push('\u{00A0}');
                } else {
                    out.push(' ');
                }
            }
            '\t' => out.push_str("    "),
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            // Soft hyphen, zero-width space/joiners, BOM, bidi marks: not drawn.
            '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{FEFF}' | '\u{2060}' => {}
            // Variation selectors and tag characters: they choose a variant of
            // the character before them (emoji or text style, a flag), which a
            // face without shaping draws as it is.
            '\u{FE00}'..='\u{FE0F}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
            | '\u{E0100}'..='\u{E01EF}' => {}
            c if c.is_control() => {}
            c if m.supports(c) => out.push(c),
            c => {
                m.missing.borrow_mut().push(c);
                out.push('\u{FFFD}');
            }
        }
    }
    out
}
