//! PDF typesetting engine: a small document model (headings, styled paragraphs,
//! label/value lists, tables, a wide grid, images, vector drawings, signature
//! lines, a contents page)
//! and [`render`], which paginates it onto A4 pages with running heads, "Page X of Y",
//! bookmarks and contents links, and writes a deterministic PDF with embedded,
//! subset Noto Sans fonts (with fallback faces for maths, symbols and emoji)
//! through printpdf. The PDF is tagged (PDF/UA-1): every block is tagged from the
//! model as it is laid out (headings, paragraphs, lists, tables with their header
//! cells, figures with alternative text, links, the contents), so a new section
//! built from these blocks is accessible without further work. Nothing here
//! knows about portfolios, Tauri or the database: the export code builds a
//! [`Document`] and calls [`render`].
//!
//! ```
//! use partnership_portfolio::pdf::*;
//!
//! let doc = Document {
//!     metadata: Metadata {
//!         title: "Evidence portfolio".into(),
//!         author: "Siân Llŷr".into(),
//!         subject: "CLDAL16".into(),
//!         keywords: vec![],
//!         creator: "Partnership Portfolio".into(),
//!         created: "2025-06-30T14:00:00Z".parse().unwrap(),
//!         modified: "2025-06-30T14:00:00Z".parse().unwrap(),
//!         language: "en-GB".into(),
//!     },
//!     running: RunningText {
//!         header_left: "Siân Llŷr".into(),
//!         header_right: "CLDAL16".into(),
//!         footer_left: "Evidence portfolio".into(),
//!     },
//!     orientation: Orientation::Portrait,
//!     blocks: vec![
//!         Block::Contents(Contents { title: "Contents".into(), max_level: 2 }),
//!         Block::Heading(Heading::new(1, "Reflective account")),
//!         Block::Paragraph(Paragraph::new(vec![
//!             Span::plain("I planned the course with the learners’ goals in mind. "),
//!             Span::bold("Attendance was 87%."),
//!         ])),
//!         Block::Table(Table {
//!             columns: vec![Column::new(1.0), Column::new(3.0)],
//!             header: vec![vec!["Ref".into(), "Title".into()]],
//!             rows: vec![vec!["E001".into(), "Initial assessment".into()]],
//!             header_column: true,
//!             zebra: true,
//!             small: false,
//!         }),
//!     ],
//! };
//! let pdf: Vec<u8> = render(&doc).unwrap();
//! assert!(pdf.starts_with(b"%PDF-"));
//! assert_eq!(pdf, render(&doc).unwrap()); // reproducible
//! ```

mod content;
mod drawing;
mod fonts;
mod grid;
mod image;
mod layout;
mod style;
mod table;
mod tags;
mod text;
mod writer;

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

pub use fonts::TextStyle;

/// What can go wrong while rendering.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// An image could not be embedded (bad JPEG, wrong pixel count...).
    #[error("image {index}: {reason}")]
    Image { index: usize, reason: String },
    /// A table or grid is malformed (e.g. a row with the wrong number of cells).
    #[error("{what}: {reason}")]
    Invalid { what: &'static str, reason: String },
    /// An embedded font could not be parsed (should not happen: they are compiled in).
    #[error("font: {0}")]
    Font(String),
    /// printpdf or lopdf failed to produce the file.
    #[error("writing the PDF failed: {0}")]
    Write(String),
    /// Writing to the output failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// From `0xRRGGBB`.
    pub const fn hex(v: u32) -> Rgb {
        Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
    }
}

/// Page orientation; both are A4.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

/// Document information written to the PDF `Info` dictionary.
#[derive(Clone, Debug)]
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// The application that made the document (PDF "Creator").
    pub creator: String,
    /// Taken from the input, never from the clock, so output is reproducible.
    pub created: jiff::Timestamp,
    pub modified: jiff::Timestamp,
    /// The document's natural language as a BCP 47 tag, e.g. `en-GB`.
    pub language: String,
}

/// Texts repeated on every page. The footer's right side is always "Page X of Y".
#[derive(Clone, Debug, Default)]
pub struct RunningText {
    /// Header, left (e.g. the learner's name).
    pub header_left: String,
    /// Header, right (e.g. the standard's URN).
    pub header_right: String,
    /// Footer, left (e.g. the document title).
    pub footer_left: String,
}

/// A document to render.
#[derive(Clone, Debug)]
pub struct Document {
    pub metadata: Metadata,
    pub running: RunningText,
    /// Orientation of the first page; [`Block::PageBreak`] changes it later.
    pub orientation: Orientation,
    pub blocks: Vec<Block>,
}

/// A piece of text in one style.
#[derive(Clone, Debug, Default)]
pub struct Span {
    pub text: String,
    pub style: TextStyle,
    /// Text colour; the block's default (dark ink) when `None`.
    pub colour: Option<Rgb>,
    /// Makes the span a clickable web link.
    pub link: Option<String>,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            ..Span::default()
        }
    }
    pub fn bold(text: impl Into<String>) -> Span {
        Span::plain(text).styled(TextStyle::Bold)
    }
    pub fn italic(text: impl Into<String>) -> Span {
        Span::plain(text).styled(TextStyle::Italic)
    }
    pub fn styled(mut self, style: TextStyle) -> Span {
        self.style = style;
        self
    }
    pub fn coloured(mut self, colour: Rgb) -> Span {
        self.colour = Some(colour);
        self
    }
    pub fn linked(mut self, url: impl Into<String>) -> Span {
        self.link = Some(url.into());
        self
    }
}

impl From<&str> for Span {
    fn from(s: &str) -> Span {
        Span::plain(s)
    }
}

impl From<String> for Span {
    fn from(s: String) -> Span {
        Span::plain(s)
    }
}

/// Styled text. `\n` in span text starts a new line; an empty line is kept as a
/// blank line. Long words and URLs are broken between characters, never hyphenated.
#[derive(Clone, Debug, Default)]
pub struct Paragraph {
    pub spans: Vec<Span>,
    /// Set in the smaller size (notes, captions, guidance).
    pub small: bool,
}

impl Paragraph {
    pub fn new(spans: Vec<Span>) -> Paragraph {
        Paragraph {
            spans,
            small: false,
        }
    }
    pub fn plain(text: impl Into<String>) -> Paragraph {
        Paragraph::new(vec![Span::plain(text)])
    }
    pub fn small(mut self) -> Paragraph {
        self.small = true;
        self
    }
}

/// A heading; levels 1–3. Every heading gets a bookmark; `in_contents` also
/// lists it on a [`Block::Contents`] page. A heading is never left alone at the
/// foot of a page: it moves to the next page with the start of what follows it.
#[derive(Clone, Debug)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub in_contents: bool,
}

impl Heading {
    pub fn new(level: u8, text: impl Into<String>) -> Heading {
        Heading {
            level: level.clamp(1, 3),
            text: text.into(),
            in_contents: true,
        }
    }
}

/// The large title of a front sheet.
#[derive(Clone, Debug)]
pub struct Title {
    pub title: String,
    pub subtitle: Option<String>,
}

/// Rows of "Label: value", labels in a narrow left column.
#[derive(Clone, Debug, Default)]
pub struct LabelValues {
    pub rows: Vec<(String, Vec<Span>)>,
    /// Share of the text width given to the labels (0.15–0.6); default 0.3.
    pub label_width: Option<f32>,
}

impl LabelValues {
    /// Rows of plain values.
    pub fn plain<L: Into<String>, V: Into<String>>(rows: impl IntoIterator<Item = (L, V)>) -> Self {
        LabelValues {
            rows: rows
                .into_iter()
                .map(|(l, v)| (l.into(), vec![Span::plain(v)]))
                .collect(),
            label_width: None,
        }
    }
}

/// Horizontal alignment in a table column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Align {
    #[default]
    Left,
    Centre,
    Right,
}

/// A table column; `width` is relative (the widths are scaled to the text width).
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub width: f32,
    pub align: Align,
}

impl Column {
    pub fn new(width: f32) -> Column {
        Column {
            width,
            align: Align::Left,
        }
    }
    pub fn aligned(mut self, align: Align) -> Column {
        self.align = align;
        self
    }
}

/// A table cell.
#[derive(Clone, Debug, Default)]
pub struct Cell {
    pub spans: Vec<Span>,
}

impl<T: Into<Span>> From<T> for Cell {
    fn from(s: T) -> Cell {
        Cell {
            spans: vec![s.into()],
        }
    }
}

/// A table that breaks across pages with its header rows repeated. Cell text wraps
/// inside its cell; a row is moved whole to the next page when it fits there, and
/// split between lines only when it is taller than a page (or would leave a large gap).
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    /// Header rows, repeated at the top of every page the table continues on.
    pub header: Vec<Vec<Cell>>,
    pub rows: Vec<Vec<Cell>>,
    /// The first column heads its row (a reference, an item): tagged as row
    /// headers, as the header rows are tagged as column headers.
    pub header_column: bool,
    /// Shade every other body row.
    pub zebra: bool,
    /// Use the small type size (dense tables).
    pub small: bool,
}

/// A mark in a [`Grid`] cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Mark {
    #[default]
    Empty,
    /// A filled dot.
    Dot,
    /// A short text (one to three characters fit).
    Text(String),
}

/// A wide grid of small marks (e.g. criteria × evidence items), split across pages
/// horizontally and vertically with the row and column headers repeated on every
/// page. Column labels are set vertically so that many columns fit.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    /// Label of the top-left corner (describes the rows).
    pub corner: String,
    pub column_labels: Vec<String>,
    pub row_labels: Vec<String>,
    /// `marks[row][column]`; every row has one entry per column label.
    pub marks: Vec<Vec<Mark>>,
    /// Key printed under each part: each mark with what it means.
    pub legend: Vec<(Mark, String)>,
}

/// Image pixels.
#[derive(Clone, Debug)]
pub enum ImageSource {
    /// A baseline or progressive JPEG, embedded as it is (no decoding or
    /// re-encoding). `width`/`height` are its pixel size and must match the file.
    Jpeg {
        data: Vec<u8>,
        width: u32,
        height: u32,
    },
    /// Raw 8-bit RGB pixels, row by row (compressed losslessly in the PDF).
    Rgb8 {
        pixels: Vec<u8>,
        width: u32,
        height: u32,
    },
}

/// An image scaled to fit the text width (and `max_height`), keeping its aspect
/// ratio, with an optional caption under it. Kept on one page with its caption.
/// Photographs, charts and drawings alike are figures: `alt` is what a reader
/// who cannot see it is told (for a chart, its data in words).
#[derive(Clone, Debug)]
pub struct Image {
    pub source: ImageSource,
    /// Alternative text: what the image shows. When blank, the caption stands in.
    pub alt: String,
    pub caption: Option<String>,
    /// Upper limit of the height in millimetres (default: the page body).
    pub max_height_mm: Option<f32>,
}

/// A vector drawing (a chart, a diagram) on a canvas of `width_mm` ×
/// `height_mm`, shapes placed in millimetres from its top-left corner. Drawn
/// at that size, or scaled down to the text width; kept on one page with its
/// caption. Tagged as a figure: `alt` is its text equivalent, what a reader
/// who cannot see it is told (for a chart, its data in words).
#[derive(Clone, Debug, Default)]
pub struct Drawing {
    pub width_mm: f32,
    pub height_mm: f32,
    pub shapes: Vec<Shape>,
    pub alt: String,
    pub caption: Option<String>,
}

/// A shape of a [`Drawing`], in millimetres from the canvas's top-left corner.
#[derive(Clone, Debug)]
pub enum Shape {
    /// A rectangle, filled and/or outlined (colour, line width in mm).
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    },
    /// A straight line, solid or dashed; `width` in mm.
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        colour: Rgb,
        dashed: bool,
    },
    /// A filled circle.
    Dot {
        cx: f32,
        cy: f32,
        r: f32,
        colour: Rgb,
    },
    /// One line of text with its baseline at `y`, aligned on `x`; `size` in points
    /// (at the canvas's own size).
    Text {
        x: f32,
        y: f32,
        text: String,
        size: f32,
        style: TextStyle,
        colour: Rgb,
        align: Align,
    },
}

impl Shape {
    /// Plain text in `colour`, `size` points.
    pub fn text(
        x: f32,
        y: f32,
        text: impl Into<String>,
        size: f32,
        colour: Rgb,
        align: Align,
    ) -> Shape {
        Shape::Text {
            x,
            y,
            text: text.into(),
            size,
            style: TextStyle::Regular,
            colour,
            align,
        }
    }
}

/// A row of signature fields, e.g. `["Learner signature", "Date"]`; each gets a
/// label and a line to sign on. The first field is twice as wide as the others.
#[derive(Clone, Debug, Default)]
pub struct Signature {
    pub fields: Vec<String>,
    /// What is already recorded for each field (a name, a date), set on its
    /// line in italics; a missing or empty value leaves the line blank to sign.
    pub values: Vec<String>,
}

impl Signature {
    /// Blank lines to sign and date by hand.
    pub fn blank<S: Into<String>>(fields: impl IntoIterator<Item = S>) -> Signature {
        Signature {
            fields: fields.into_iter().map(Into::into).collect(),
            values: Vec::new(),
        }
    }
}

/// A table of contents, filled in by the engine from the headings that follow
/// (and precede) it, with page numbers and clickable entries.
#[derive(Clone, Debug)]
pub struct Contents {
    pub title: String,
    /// Deepest heading level listed (1–3).
    pub max_level: u8,
}

/// A unit of content.
#[derive(Clone, Debug)]
pub enum Block {
    Title(Title),
    Heading(Heading),
    Paragraph(Paragraph),
    /// A bulleted list; each item may wrap over several lines.
    Bullets(Vec<Paragraph>),
    LabelValues(LabelValues),
    Table(Table),
    Grid(Grid),
    Image(Image),
    Drawing(Drawing),
    Signature(Signature),
    /// Vertical space in millimetres (dropped at the top of a page).
    Space(f32),
    /// Start a new page in the given orientation.
    PageBreak(Orientation),
    Contents(Contents),
}

/// A section as placed: its heading, level and 1-based page number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlacedSection {
    pub level: u8,
    pub title: String,
    pub page: usize,
}

/// A character that no embedded face can draw: it is printed as a placeholder
/// (U+FFFD, a diamond with a question mark) rather than lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingCharacter {
    pub character: char,
    /// The 1-based page where it first appears in this section.
    pub page: usize,
    /// The headings it is under, outermost first (or where else it is, such as
    /// the running head).
    pub section: Vec<String>,
}

/// The result of [`render_detailed`].
#[derive(Clone, Debug)]
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub page_count: usize,
    /// Every heading in document order with the page it landed on.
    pub sections: Vec<PlacedSection>,
    /// Characters printed as placeholders, in document order, once per section.
    pub missing: Vec<MissingCharacter>,
}

/// Set only by the PDF benchmark, to measure what tagging costs: renders in
/// this process are then untagged (no structure tree, no marked content).
static UNTAGGED: AtomicBool = AtomicBool::new(false);

/// For the benchmark only: `true` makes later renders in this process untagged.
#[doc(hidden)]
pub fn bench_set_untagged(untagged: bool) {
    UNTAGGED.store(untagged, Ordering::Relaxed);
}

/// Where a rendered PDF is written: bytes in memory, or a file written as
/// the PDF is saved (so the whole file is never held in memory twice). It
/// must be empty; the structure tree is appended once lopdf has saved the
/// rest, so the end of what was written is read back and cut.
pub(crate) trait PdfOut: std::io::Read + std::io::Write + std::io::Seek {
    /// Cuts what was written to its first `len` bytes.
    fn cut(&mut self, len: u64) -> std::io::Result<()>;
    /// A hint of how many bytes will be written.
    fn reserve(&mut self, _bytes: usize) {}
}

impl PdfOut for std::io::Cursor<Vec<u8>> {
    fn cut(&mut self, len: u64) -> std::io::Result<()> {
        self.get_mut().truncate(len as usize);
        Ok(())
    }
    fn reserve(&mut self, bytes: usize) {
        self.get_mut().reserve(bytes);
    }
}

impl PdfOut for std::fs::File {
    fn cut(&mut self, len: u64) -> std::io::Result<()> {
        self.set_len(len)
    }
}

/// Renders `doc` to PDF bytes. The same input gives byte-identical output.
pub fn render(doc: &Document) -> Result<Vec<u8>, PdfError> {
    render_detailed(doc).map(|r| r.pdf)
}

/// Renders `doc` and writes the PDF to `out`.
pub fn render_to<W: Write>(doc: &Document, out: &mut W) -> Result<(), PdfError> {
    let pdf = render(doc)?;
    out.write_all(&pdf)?;
    Ok(())
}

/// Renders `doc`, also returning the page count and where every section landed.
pub fn render_detailed(doc: &Document) -> Result<Rendered, PdfError> {
    render_reporting(doc, &mut |_, _| {})
}

/// As [`render_detailed`], calling `step(done, total)` as it goes: after the
/// layout (1 of 2) and after writing the PDF objects (2 of 2).
pub fn render_reporting(
    doc: &Document,
    step: &mut dyn FnMut(u32, u32),
) -> Result<Rendered, PdfError> {
    in_memory(|out| render_parts(Source::Shared(doc), step, true, None, out))
}

/// As [`render_reporting`], with the blocks before the document's first page
/// break made by `first` while the rest of the document is laid out (on
/// both cores), then laid out in their place: for a front sheet that says
/// something only known later, such as what a check of the source found.
/// Those blocks in `doc` stand in for them until then: what `first` makes
/// must have the same headings and images (it may differ in anything else,
/// and take more or fewer pages). An error from `first` is returned as it is.
pub fn render_first_part_later<E: From<PdfError> + Send>(
    doc: &Document,
    first: impl FnOnce() -> Result<Vec<Block>, E> + Send,
    step: &mut dyn FnMut(u32, u32),
) -> Result<Rendered, E> {
    in_memory(|out| first_part_later(Source::Shared(doc), first, step, out))
}

/// What `render` writes to an output, with its bytes in `pdf`.
fn in_memory<E>(
    render: impl FnOnce(&mut dyn PdfOut) -> Result<Rendered, E>,
) -> Result<Rendered, E> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut rendered = render(&mut out)?;
    rendered.pdf = out.into_inner();
    Ok(rendered)
}

/// As [`render_first_part_later`], writing the PDF to `out` (empty) as it is
/// saved rather than returning its bytes (the result's `pdf` is empty), and
/// moving the photographs' bytes out of `doc` into the file rather than
/// copying them: `doc`'s JPEG images are left empty.
pub(crate) fn render_first_part_later_into<E: From<PdfError> + Send>(
    doc: &mut Document,
    first: impl FnOnce() -> Result<Vec<Block>, E> + Send,
    step: &mut dyn FnMut(u32, u32),
    out: &mut dyn PdfOut,
) -> Result<Rendered, E> {
    first_part_later(Source::Spent(doc), first, step, out)
}

/// The document a render reads: borrowed, or the caller's to give up (its
/// JPEG images' bytes are then moved into the PDF rather than copied).
enum Source<'a> {
    Shared(&'a Document),
    Spent(&'a mut Document),
}

impl Source<'_> {
    fn get(&self) -> &Document {
        match self {
            Source::Shared(d) => d,
            Source::Spent(d) => d,
        }
    }

    /// The bytes of each image block's JPEG in order (empty for raw
    /// pixels): copied from a shared document, taken from a spent one.
    fn jpegs(&mut self) -> Vec<Vec<u8>> {
        let blocks: Vec<&mut ImageSource> = match self {
            Source::Shared(d) => {
                return d
                    .blocks
                    .iter()
                    .filter_map(|b| match b {
                        Block::Image(img) => Some(match &img.source {
                            ImageSource::Jpeg { data, .. } => data.clone(),
                            ImageSource::Rgb8 { .. } => Vec::new(),
                        }),
                        _ => None,
                    })
                    .collect()
            }
            Source::Spent(d) => d
                .blocks
                .iter_mut()
                .filter_map(|b| match b {
                    Block::Image(img) => Some(&mut img.source),
                    _ => None,
                })
                .collect(),
        };
        blocks
            .into_iter()
            .map(|source| match source {
                ImageSource::Jpeg { data, .. } => std::mem::take(data),
                ImageSource::Rgb8 { .. } => Vec::new(),
            })
            .collect()
    }
}

fn first_part_later<E: From<PdfError> + Send>(
    doc: Source<'_>,
    first: impl FnOnce() -> Result<Vec<Block>, E> + Send,
    step: &mut dyn FnMut(u32, u32),
    out: &mut dyn PdfOut,
) -> Result<Rendered, E> {
    let first = std::sync::Mutex::new(Some(first));
    let failed: std::sync::Mutex<Option<E>> = std::sync::Mutex::new(None);
    let make = || -> Option<Vec<Block>> {
        let f = first.lock().ok()?.take()?;
        match f() {
            Ok(blocks) => Some(blocks),
            Err(e) => {
                if let Ok(mut failed) = failed.lock() {
                    *failed = Some(e);
                }
                None
            }
        }
    };
    let rendered = render_parts(doc, step, true, Some(&make), out);
    if let Some(e) = failed.into_inner().ok().flatten() {
        return Err(e);
    }
    rendered.map_err(E::from)
}

/// Renders `doc` in one pass over its blocks on one thread, as the engine
/// did before it laid out the parts between page breaks on both cores: for
/// the tests that check the two give the same bytes.
#[doc(hidden)]
pub fn render_in_one_pass(doc: &Document) -> Result<Rendered, PdfError> {
    in_memory(|out| render_parts(Source::Shared(doc), &mut |_, _| {}, false, None, out))
}

fn render_parts(
    mut doc: Source<'_>,
    step: &mut dyn FnMut(u32, u32),
    split: bool,
    first: Option<layout::FirstPart>,
    out: &mut dyn PdfOut,
) -> Result<Rendered, PdfError> {
    let metrics = fonts::Metrics::new()?;
    let tagged = !UNTAGGED.load(Ordering::Relaxed);
    // printpdf's reading of the fonts (needed once the pages are laid out)
    // is made on another thread meanwhile.
    let laid_out = std::thread::scope(|scope| {
        scope.spawn(writer::read_text_faces);
        layout::lay_out(doc.get(), &metrics, tagged, split, first)
    })?;
    step(1, 2);
    let sections = laid_out
        .headings
        .iter()
        .map(|h| PlacedSection {
            level: h.level,
            title: h.title.clone(),
            page: h.page + 1,
        })
        .collect();
    let page_count = laid_out.pages.len();
    let missing = laid_out.missing.clone();
    let used = metrics.take_glyphs_used();
    let jpegs = doc.jpegs();
    writer::write(doc.get(), laid_out, &used, out, jpegs)?;
    step(2, 2);
    Ok(Rendered {
        pdf: Vec::new(),
        page_count,
        sections,
        missing,
    })
}
