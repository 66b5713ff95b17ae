//! Pagination: places the document's blocks on pages (a cursor running down the
//! body area, page breaks with keep-with-next for headings, widow/orphan control for
//! paragraphs), draws them as PDF content streams ([`Content`]), then fills in what is only known
//! at the end: running heads with "Page X of Y" and the contents page numbers/links.
//! Coordinates here are in points with `y` measured down from the top of the page;
//! [`Page`] converts to PDF's bottom-up coordinates when it writes operators.
//!
//! Tagging happens here too: every block gets its elements in the structure tree
//! ([`super::tags`]) as it is placed, headings open nested `Sect`s by outline
//! depth, and [`Page`] wraps what it draws in marked content: text, images and
//! marks as the content of the element the layouter names ([`Layouter::tag`]),
//! rules, fills and leaders always as artifacts.

use printpdf::{
    Actions, BorderArray, ColorArray, Destination, HighlightingMode, LinkAnnotation, Pt, Rect,
};

use super::content::Content;
use super::fonts::{FaceId, GlyphsUsed, Metrics, TextStyle};
use super::style::*;
use super::tags::{Artifact, Node, PageParents, Role, Tag, Tree};
use super::text::{fit_one_line, wrap, Line, Run};
use super::{
    Block, Contents, Document, Heading, Image, LabelValues, MissingCharacter, Orientation,
    Paragraph, PdfError, Rgb, Signature, Title,
};

/// The fill (`rg`) or stroke (`RG`) colour operator for `c`.
fn push_colour(content: &mut Content, c: Rgb, op: &str) {
    content.nums(&[
        f32::from(c.0) / 255.0,
        f32::from(c.1) / 255.0,
        f32::from(c.2) / 255.0,
    ]);
    content.raw(op);
}

/// One page being drawn: its size and its content stream so far. Tracks the
/// text and colour state so that redundant state operations are not emitted,
/// and the marked content: what is open in the stream, and which element each
/// MCID and each link annotation belongs to.
pub(crate) struct Page {
    pub width: f32,
    pub height: f32,
    /// The content stream, written as the page is drawn.
    pub content: Content,
    /// The page's link annotations, in order.
    pub links: Vec<LinkAnnotation>,
    in_text: bool,
    font: Option<(FaceId, f32)>,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    line_width: Option<f32>,
    /// Whether marked content is written (a tagged PDF).
    tagged: bool,
    /// What content drawn next is: set by the layouter (see [`Layouter::page`]).
    pub want: Option<Tag>,
    /// The marked-content sequence open in the stream.
    open: Option<Tag>,
    /// The open sequence began inside the open text object (and so must end
    /// in it); otherwise it holds the text object whole.
    open_in_text: bool,
    /// The elements of this page's MCIDs and link annotations.
    pub parents: PageParents,
}

impl Page {
    pub(crate) fn new(orientation: Orientation, tagged: bool) -> Page {
        let (width, height) = match orientation {
            Orientation::Portrait => (A4_SHORT, A4_LONG),
            Orientation::Landscape => (A4_LONG, A4_SHORT),
        };
        Page {
            width,
            height,
            content: Content::with_capacity(16 << 10),
            links: Vec::new(),
            in_text: false,
            font: None,
            fill: None,
            stroke: None,
            line_width: None,
            tagged,
            want: None,
            open: None,
            open_in_text: false,
            parents: PageParents::default(),
        }
    }

    /// Opens marked content for `t` unless it is what is open: an element's
    /// content as `/Role <</MCID n>> BDC` with the page's next MCID, or an
    /// artifact. A sequence opened inside a text object ends in it, so text of
    /// several elements shares one text object; one opened outside holds
    /// whole text objects.
    fn open(&mut self, t: Tag) {
        if self.open == Some(t) {
            return;
        }
        self.close();
        let c = &mut self.content;
        match t {
            Tag::Content(node) => {
                let mcid = self.parents.mcids.len();
                self.parents.mcids.push(node.id);
                c.raw("/");
                c.raw(node.role.name());
                c.raw(" <</MCID ");
                c.int(mcid);
                c.raw(">> BDC\n");
            }
            Tag::Artifact(Artifact::Layout) => c.raw("/Artifact BMC\n"),
            Tag::Artifact(Artifact::Header) => {
                c.raw("/Artifact <</Type /Pagination /Subtype /Header>> BDC\n")
            }
            Tag::Artifact(Artifact::Footer) => {
                c.raw("/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n")
            }
            Tag::Artifact(Artifact::Pagination) => c.raw("/Artifact <</Type /Pagination>> BDC\n"),
        }
        self.open = Some(t);
        self.open_in_text = self.in_text;
    }

    /// Closes the open marked-content sequence (and a text object begun in it).
    fn close(&mut self) {
        if self.open.is_none() {
            return;
        }
        if self.in_text && !self.open_in_text {
            self.content.raw("ET\n");
            self.in_text = false;
        }
        self.content.raw("EMC\n");
        self.open = None;
    }

    /// What content drawn now is.
    fn wanted(&self) -> Tag {
        self.want.unwrap_or(Tag::Artifact(Artifact::Layout))
    }

    /// Before drawing text: in a text object, marked as what the layouter wants.
    fn text_content(&mut self, c: Rgb) {
        let t = self.wanted();
        if self.tagged && self.open != Some(t) {
            self.close();
            self.begin_text(c);
            self.open(t);
        } else {
            self.begin_text(c);
        }
    }

    /// Before drawing a graphic that is content (an image, a mark): outside
    /// text, marked as what the layouter wants.
    fn graphic_content(&mut self) {
        self.end_text();
        if self.tagged {
            self.open(self.wanted());
        }
    }

    /// Before drawing decoration: outside text, inside an artifact.
    fn decoration(&mut self) {
        self.end_text();
        if self.tagged && !matches!(self.open, Some(Tag::Artifact(_))) {
            self.open(Tag::Artifact(Artifact::Layout));
        }
    }

    fn set_fill(&mut self, c: Rgb) {
        if self.fill != Some(c) {
            push_colour(&mut self.content, c, "rg\n");
            self.fill = Some(c);
        }
    }

    fn set_stroke(&mut self, c: Rgb, width: f32) {
        if self.stroke != Some(c) {
            push_colour(&mut self.content, c, "RG\n");
            self.stroke = Some(c);
        }
        if self.line_width != Some(width) {
            self.content.num(width);
            self.content.raw("w\n");
            self.line_width = Some(width);
        }
    }

    fn begin_text(&mut self, c: Rgb) {
        if !self.in_text {
            self.content.raw("BT\n");
            self.in_text = true;
        }
        self.set_fill(c);
    }

    fn set_font(&mut self, face: FaceId, size: f32) {
        if self.font != Some((face, size)) {
            self.content.raw("/");
            self.content.raw(face.resource_name());
            self.content.raw(" ");
            self.content.num(size);
            self.content.raw("Tf\n");
            self.font = Some((face, size));
        }
    }

    /// Shows `text` at the current text position: a `TJ` for each stretch in
    /// one face (a character the style's face lacks comes from a fallback),
    /// glyph ids with the kerning between them.
    fn show(&mut self, m: &Metrics, style: TextStyle, size: f32, text: &str) {
        let mut shown = m.glyphs_used();
        let mut current: Option<FaceId> = None;
        let mut prev: Option<u16> = None;
        for c in text.chars() {
            let (face, gid) = m.face_glyph(style, c);
            if current != Some(face) {
                if current.is_some() {
                    self.content.end_glyphs();
                    self.content.raw("] TJ\n");
                }
                self.set_font(face, size);
                self.content.raw("[");
                self.content.begin_glyphs(face);
                current = Some(face);
                prev = None;
            }
            shown.note(face, gid, c);
            if c != ' ' && face.is_text() {
                if let Some(p) = prev {
                    let k = m.kern(style, p, gid);
                    if k != 0 {
                        self.content.end_glyphs();
                        self.content.raw(" ");
                        self.content.num(-m.kern_em(style, k));
                        self.content.begin_glyphs(face);
                    }
                }
                prev = Some(gid);
            } else {
                prev = None;
            }
            self.content.glyph(gid);
        }
        if current.is_some() {
            self.content.end_glyphs();
            self.content.raw("] TJ\n");
        }
    }

    /// Ends an open text object before graphics are drawn (and the marked
    /// content begun in it).
    pub(crate) fn end_text(&mut self) {
        if self.in_text {
            if self.open.is_some() && self.open_in_text {
                self.content.raw("EMC\n");
                self.open = None;
            }
            self.content.raw("ET\n");
            self.in_text = false;
        }
    }

    /// Draws `text` with its baseline at `baseline` (from the top).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn text(
        &mut self,
        m: &Metrics,
        x: f32,
        baseline: f32,
        style: TextStyle,
        size: f32,
        c: Rgb,
        text: &str,
    ) {
        if text.is_empty() {
            return;
        }
        self.text_content(c);
        self.content.raw("1 0 0 1 ");
        self.content.nums(&[x, self.height - baseline]);
        self.content.raw("Tm\n");
        self.show(m, style, size, text);
    }

    /// Draws `text` turned 90° anticlockwise (reading upwards), its baseline
    /// running up the page at `x`, starting at `bottom` (from the top).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn text_up(
        &mut self,
        m: &Metrics,
        x: f32,
        bottom: f32,
        style: TextStyle,
        size: f32,
        c: Rgb,
        text: &str,
    ) {
        if text.is_empty() {
            return;
        }
        self.text_content(c);
        self.content.raw("0 1 -1 0 ");
        self.content.nums(&[x, self.height - bottom]);
        self.content.raw("Tm\n");
        self.show(m, style, size, text);
    }

    pub(crate) fn fill_rect(&mut self, x: f32, top: f32, w: f32, h: f32, c: Rgb) {
        if w <= 0.0 || h <= 0.0 {
            return;
        }
        self.decoration();
        self.set_fill(c);
        self.content.nums(&[x, self.height - top - h, w, h]);
        self.content.raw("re\nf\n");
    }

    /// A straight stroked path from `(x1, y1)` to `(x2, y2)` (from the top).
    fn segment(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        let c = &mut self.content;
        c.nums(&[x1, self.height - y1]);
        c.raw("m\n");
        c.nums(&[x2, self.height - y2]);
        c.raw("l\nS\n");
    }

    pub(crate) fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, c: Rgb) {
        self.decoration();
        self.set_stroke(c, width);
        self.segment(x1, y1, x2, y2);
    }

    /// A dashed stroke in its own graphics state: `dash` is the PDF dash
    /// array, `round` gives round caps (dots of a leader).
    fn dashed(&mut self, line: [f32; 4], dash: &str, round: bool, c: Rgb, width: f32) {
        self.content.raw("q\n");
        if round {
            self.content.raw("1 J\n");
        }
        self.content.raw(dash);
        push_colour(&mut self.content, c, "RG\n");
        self.content.num(width);
        self.content.raw("w\n");
        self.segment(line[0], line[1], line[2], line[3]);
        self.content.raw("Q\n");
    }

    /// A dotted leader line (round dots).
    fn dotted(&mut self, x1: f32, x2: f32, y: f32, c: Rgb) {
        if x2 - x1 < 6.0 {
            return;
        }
        self.decoration();
        self.dashed([x1, y, x2, y], "[0 3] 0 d\n", true, c, 0.9);
    }

    /// A rectangle of a figure (its content, not decoration), filled and/or
    /// outlined (colour and line width in points).
    pub(crate) fn shape_rect(
        &mut self,
        x: f32,
        top: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    ) {
        if w <= 0.0 || h <= 0.0 {
            return;
        }
        self.graphic_content();
        let paint = match (fill, stroke) {
            (Some(f), Some((c, t))) => {
                self.set_fill(f);
                self.set_stroke(c, t);
                "B\n"
            }
            (Some(f), None) => {
                self.set_fill(f);
                "f\n"
            }
            (None, Some((c, t))) => {
                self.set_stroke(c, t);
                "S\n"
            }
            (None, None) => return,
        };
        self.content.nums(&[x, self.height - top - h, w, h]);
        self.content.raw("re\n");
        self.content.raw(paint);
    }

    /// A line of a figure (its content, not decoration), solid or dashed.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn shape_line(
        &mut self,
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        c: Rgb,
        dashed: bool,
    ) {
        self.graphic_content();
        if dashed {
            self.dashed([x1, y1, x2, y2], "[3 2] 0 d\n", false, c, width);
        } else {
            self.set_stroke(c, width);
            self.segment(x1, y1, x2, y2);
        }
    }

    /// A filled circle (four Bézier quarters).
    pub(crate) fn dot(&mut self, cx: f32, cy: f32, r: f32, c: Rgb) {
        self.graphic_content();
        self.set_fill(c);
        let y = self.height - cy;
        let k = 0.552_284_8 * r;
        let out = &mut self.content;
        out.nums(&[cx + r, y]);
        out.raw("m\n");
        for curve in [
            [cx + r, y + k, cx + k, y + r, cx, y + r],
            [cx - k, y + r, cx - r, y + k, cx - r, y],
            [cx - r, y - k, cx - k, y - r, cx, y - r],
            [cx + k, y - r, cx + r, y - k, cx + r, y],
        ] {
            out.nums(&curve);
            out.raw("c\n");
        }
        out.raw("h\nf\n");
    }

    /// Places image XObject `id` in the box with top-left corner `(x, top)`.
    pub(crate) fn image(&mut self, id: &str, x: f32, top: f32, w: f32, h: f32) {
        self.graphic_content();
        let c = &mut self.content;
        c.raw("q\n");
        c.nums(&[w, 0.0, 0.0, h, x, self.height - top - h]);
        c.raw("cm\n/");
        c.raw(id);
        c.raw(" Do\nQ\n");
    }

    /// A link annotation over the box with top-left corner `(x, top)`,
    /// belonging to the Link element `node`.
    fn link(&mut self, x: f32, top: f32, w: f32, h: f32, action: Actions, node: Node) {
        if self.tagged {
            self.parents.links.push(node.id);
        }
        self.links.push(LinkAnnotation::new(
            Rect::from_xywh(Pt(x), Pt(self.height - top - h), Pt(w), Pt(h)),
            action,
            Some(BorderArray::Solid([0.0, 0.0, 0.0])),
            Some(ColorArray::Transparent),
            Some(HighlightingMode::Invert),
        ));
    }

    /// Draws a broken line of text with its top at `top`, starting at `x`, as
    /// the content of the wanted element, or with `targets`, of the element
    /// of each run (see [`Layouter::run_targets`]).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn draw_line(
        &mut self,
        m: &Metrics,
        runs: &[Run],
        targets: Option<&[Node]>,
        line: &Line,
        x: f32,
        top: f32,
        size: f32,
        leading: f32,
    ) {
        let baseline = top + baseline_offset(m, size, leading);
        let want = self.want;
        let last = line.frags.len().saturating_sub(1);
        for (i, f) in line.frags.iter().enumerate() {
            let run = &runs[f.run];
            let spaced;
            let mut text = &run.text[f.start..f.end];
            if i == last && line.space_after {
                spaced = format!("{text} ");
                text = &spaced;
            }
            let node = match targets {
                Some(t) => {
                    self.want = Some(Tag::Content(t[f.run]));
                    t[f.run]
                }
                None => match want {
                    Some(Tag::Content(n)) => n,
                    _ => Node {
                        id: 0,
                        role: Role::Link,
                    },
                },
            };
            self.text(m, x + f.x, baseline, run.style, size, run.colour, text);
            if let Some(url) = run.link {
                let action = Actions::Uri(url.to_owned());
                self.link(x + f.x, top, f.width, leading, action, node);
            }
        }
        self.want = want;
    }

    /// Finishes the content stream.
    fn finish(&mut self) {
        self.end_text();
        self.close();
    }
}

/// Distance from the top of a line box to the baseline, centring the font's
/// ascent + descent in the leading (as CSS does).
pub(crate) fn baseline_offset(m: &Metrics, size: f32, leading: f32) -> f32 {
    let (ascent, descent) = m.ascent_descent();
    (leading - (ascent + descent) * size) / 2.0 + ascent * size
}

/// A heading as placed, for bookmarks and the contents.
pub(crate) struct PlacedHeading {
    pub level: u8,
    pub title: String,
    /// 0-based page index.
    pub page: usize,
    /// Top of the heading, from the top of its page.
    pub top: f32,
}

/// A contents entry waiting for its page number.
struct ContentsEntry {
    heading: usize,
    page: usize,
    x: f32,
    top: f32,
    height: f32,
    last_baseline: f32,
    last_line_end: f32,
    style: TextStyle,
    /// The entry's Link element: its text, its page number and its annotation.
    link: Node,
}

/// An image XObject to embed.
pub(crate) struct EmbeddedImage {
    pub id: String,
    /// A JPEG's stream is left empty when its block is the document's own
    /// (not a first part made later): the writer puts in the bytes of the
    /// document's image `index` (in the order of its image blocks).
    pub xobject: printpdf::XObject,
    pub index: usize,
}

/// The laid-out document.
pub(crate) struct LaidOut {
    pub pages: Vec<Page>,
    pub headings: Vec<PlacedHeading>,
    pub images: Vec<EmbeddedImage>,
    /// The structure tree, its elements' marked content not yet attached
    /// (each page's [`Page::parents`] says where it is).
    pub tree: Tree,
    /// Characters no face could draw, with where they are.
    pub missing: Vec<MissingCharacter>,
}

/// The paginator.
pub(crate) struct Layouter<'m> {
    pub m: &'m Metrics,
    pub pages: Vec<Page>,
    /// Cursor: top of the next thing to place, from the top of the current page.
    pub y: f32,
    orientation: Orientation,
    /// Something was drawn in the body of the current page.
    page_used: bool,
    /// Vertical space added since the last thing drawn; gaps collapse into it
    /// (the larger of two adjacent gaps wins, as CSS margins do).
    pending_gap: f32,
    headings: Vec<PlacedHeading>,
    /// (level, text, listed) of every heading in document order, known up front.
    outline_plan: &'m [(u8, String, bool)],
    contents: Vec<ContentsEntry>,
    pub images: Vec<EmbeddedImage>,
    /// The structure tree being built.
    pub tree: Tree,
    /// What the content drawn next is (see [`Layouter::page`]).
    want: Option<Tag>,
    /// The open sections: heading level, its Sect element and its title,
    /// outermost first.
    sections: Vec<(u8, Node, String)>,
    missing: Vec<MissingCharacter>,
}

impl<'m> Layouter<'m> {
    /// A layouter for a part of the document that starts a page in
    /// `orientation` inside the sections `open` (level and title, outermost
    /// first): its tree holds a stand-in for each (see [`Tree::join`]).
    fn new(
        m: &'m Metrics,
        orientation: Orientation,
        outline_plan: &'m [(u8, String, bool)],
        tagged: bool,
        open: &[(u8, String)],
    ) -> Self {
        let mut tree = Tree::new(tagged);
        let sections = open
            .iter()
            .map(|(level, title)| (*level, tree.stand_in(Role::Sect), title.clone()))
            .collect();
        Layouter {
            m,
            pages: vec![Page::new(orientation, tagged)],
            y: MARGIN_TOP,
            orientation,
            page_used: false,
            pending_gap: 0.0,
            headings: Vec::new(),
            outline_plan,
            contents: Vec::new(),
            images: Vec::new(),
            tree,
            want: None,
            sections,
            missing: Vec::new(),
        }
    }

    /// The current page, to draw on; the content drawn is what [`Layouter::tag`]
    /// last named (a page's drawing code may name other elements meanwhile).
    pub(crate) fn page(&mut self) -> &mut Page {
        self.page_used = true;
        self.pending_gap = 0.0;
        let last = self.pages.len() - 1;
        let want = self.want;
        let page = &mut self.pages[last];
        page.want = want;
        page
    }

    // ----- structure -----------------------------------------------------------

    /// The element new blocks go in: the innermost open section, or the document.
    pub(crate) fn container(&self) -> Node {
        self.sections
            .last()
            .map_or_else(|| self.tree.root(), |(_, sect, _)| *sect)
    }

    /// Adds an element for a new block to the current section.
    pub(crate) fn add(&mut self, role: Role) -> Node {
        let parent = self.container();
        self.tree.add(parent, role)
    }

    /// Content drawn from now on belongs to `node`.
    pub(crate) fn tag(&mut self, node: Node) {
        self.want = Some(Tag::Content(node));
    }

    /// Elements for the runs of a text whose element is `node`: `None` when no run
    /// is a link (all of it is `node`'s content); otherwise `node` holds a `Span`
    /// or a `Link` for each run, in order.
    pub(crate) fn run_targets(&mut self, node: Node, runs: &[Run]) -> Option<Vec<Node>> {
        if !self.tree.enabled() || runs.iter().all(|r| r.link.is_none()) {
            return None;
        }
        Some(
            runs.iter()
                .map(|r| match r.link {
                    Some(url) => {
                        let link = self.tree.add(node, Role::Link);
                        let text = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
                        self.tree
                            .set_description(link, &format!("{} ({url})", text.trim()));
                        link
                    }
                    None => self.tree.add(node, Role::Span),
                })
                .collect(),
        )
    }

    /// Notes the characters no face could draw in what was just placed, with
    /// the page and the headings it is under.
    fn note_missing(&mut self, place: Option<&str>) {
        let chars = self.m.take_missing();
        if chars.is_empty() {
            return;
        }
        let section: Vec<String> = match place {
            Some(p) => vec![p.to_owned()],
            None => self.sections.iter().map(|(_, _, t)| t.clone()).collect(),
        };
        let page = self.page_index() + 1;
        for character in chars {
            if !self
                .missing
                .iter()
                .any(|m| m.character == character && m.section == section)
            {
                self.missing.push(MissingCharacter {
                    character,
                    page,
                    section: section.clone(),
                });
            }
        }
    }

    pub(crate) fn page_index(&self) -> usize {
        self.pages.len() - 1
    }

    fn page_size(&self) -> (f32, f32) {
        let p = &self.pages[self.pages.len() - 1];
        (p.width, p.height)
    }

    /// Left edge of the body.
    pub(crate) fn left(&self) -> f32 {
        MARGIN_LEFT
    }

    /// Width of the body.
    pub(crate) fn width(&self) -> f32 {
        self.page_size().0 - MARGIN_LEFT - MARGIN_RIGHT
    }

    /// Bottom edge of the body, from the top.
    pub(crate) fn bottom(&self) -> f32 {
        self.page_size().1 - MARGIN_BOTTOM
    }

    /// Height of the whole body of a page in the current orientation.
    pub(crate) fn body_height(&self) -> f32 {
        self.page_size().1 - MARGIN_TOP - MARGIN_BOTTOM
    }

    /// Space left on the current page.
    pub(crate) fn remaining(&self) -> f32 {
        self.bottom() - self.y
    }

    pub(crate) fn at_page_top(&self) -> bool {
        self.y <= MARGIN_TOP + 0.01
    }

    pub(crate) fn new_page(&mut self) {
        self.start_page(self.orientation);
    }

    fn start_page(&mut self, orientation: Orientation) {
        self.orientation = orientation;
        if !self.page_used {
            // Nothing drawn yet: reuse the page (possibly turning it).
            let last = self.pages.len() - 1;
            self.pages[last] = Page::new(orientation, self.tree.enabled());
        } else {
            self.pages.push(Page::new(orientation, self.tree.enabled()));
        }
        self.y = MARGIN_TOP;
        self.page_used = false;
        self.pending_gap = 0.0;
    }

    /// Vertical space, dropped at the top of a page and collapsed with the space
    /// already left after the previous block.
    pub(crate) fn gap(&mut self, g: f32) {
        if !self.at_page_top() && g > self.pending_gap {
            self.y += g - self.pending_gap;
            self.pending_gap = g;
        }
    }

    /// Starts a new page unless `h` fits in the remaining space (or we are at the top).
    pub(crate) fn ensure(&mut self, h: f32) {
        if h > self.remaining() + 0.01 && !self.at_page_top() {
            self.new_page();
        }
    }

    /// Places wrapped lines from `x`, breaking pages between lines, with at least
    /// two lines kept together at the foot and at the head of a page. Blank lines
    /// at the head of a continuation page are dropped. The text is the content
    /// of `node` (or of `targets`, one element per run). `marker` is drawn in
    /// front of the first line as the content of its own element (list bullets).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn place_lines(
        &mut self,
        runs: &[Run],
        lines: &[Line],
        x: f32,
        size: f32,
        leading: f32,
        node: Node,
        targets: Option<&[Node]>,
        marker: Option<(&str, f32, TextStyle, Rgb, Node)>,
    ) {
        self.tag(node);
        let n = lines.len();
        let mut i = 0;
        while i < n {
            if self.at_page_top() && i > 0 {
                while i < n && lines[i].is_blank() {
                    i += 1;
                }
                if i == n {
                    break;
                }
            }
            let fit = ((self.remaining() + 0.01) / leading).floor().max(0.0) as usize;
            let left = n - i;
            let mut take = fit.min(left);
            if take < left {
                if take < 2 && !self.at_page_top() {
                    self.new_page();
                    continue;
                }
                // Carry at least two visible lines over (blank lines are dropped
                // at the head of the next page, so they do not count).
                let visible = |range: &[Line]| range.iter().filter(|l| !l.is_blank()).count();
                while take > 2
                    && visible(&lines[i + take..]) < 2
                    && visible(&lines[i..i + take - 1]) >= 2
                {
                    take -= 1;
                }
                take = take.max(1);
            }
            for (k, line) in lines[i..i + take].iter().enumerate() {
                let top = self.y + k as f32 * leading;
                let m = self.m;
                let page = self.page();
                if let (0, Some((text, mx, style, c, label))) = (i + k, marker) {
                    let baseline = top + baseline_offset(m, size, leading);
                    page.want = Some(Tag::Content(label));
                    page.text(m, mx, baseline, style, size, c, text);
                    page.want = Some(Tag::Content(node));
                }
                page.draw_line(m, runs, targets, line, x, top, size, leading);
            }
            self.y += take as f32 * leading;
            i += take;
            if i < n {
                self.new_page();
            }
        }
    }

    fn record_heading(&mut self, level: u8, title: &str) {
        let page = self.page_index();
        self.headings.push(PlacedHeading {
            level,
            title: title.to_owned(),
            page,
            top: self.y,
        });
    }

    // ----- blocks ------------------------------------------------------------

    fn place_title(&mut self, t: &Title) {
        let m = self.m;
        if self.at_page_top() {
            self.y += mm(28.0);
        }
        let width = self.width();
        let x = self.left();
        let runs = [Run::plain(m, &t.title, TextStyle::Bold, ACCENT)];
        let lines = wrap(m, &runs, TITLE_SIZE, width);
        let node = self.add(Role::P);
        self.place_lines(
            &runs,
            &lines,
            x,
            TITLE_SIZE,
            TITLE_LEADING,
            node,
            None,
            None,
        );
        if let Some(sub) = &t.subtitle {
            self.y += 4.0;
            let runs = [Run::plain(m, sub, TextStyle::Regular, MUTED)];
            let lines = wrap(m, &runs, SUBTITLE_SIZE, width);
            let node = self.add(Role::P);
            self.place_lines(
                &runs,
                &lines,
                x,
                SUBTITLE_SIZE,
                SUBTITLE_LEADING,
                node,
                None,
                None,
            );
        }
        self.y += 10.0;
        let y = self.y;
        self.page().line(x, y, x + mm(30.0), y, 2.4, ACCENT);
        self.gap(22.0);
    }

    fn heading_lines(&self, h: &Heading) -> (Vec<Run<'static>>, Vec<Line>) {
        let (size, ..) = heading_metrics(h.level);
        let runs = vec![Run::plain(
            self.m,
            &h.text,
            TextStyle::Bold,
            heading_colour(h.level),
        )];
        let lines = wrap(self.m, &runs, size, self.width());
        (runs, lines)
    }

    fn place_heading(&mut self, h: &Heading, keep_next: f32) {
        let (size, leading, before, after) = heading_metrics(h.level);
        let (runs, lines) = self.heading_lines(h);
        let rule = if h.level == 1 { 5.0 } else { 0.0 };
        let height = lines.len() as f32 * leading + rule;
        self.gap(before);
        let keep = (height + after + keep_next).min(self.body_height());
        self.ensure(keep);
        self.record_heading(h.level, &h.text);
        // A heading opens a section inside the sections of lower levels; its
        // tag is its depth in the outline, so levels are never skipped.
        while self.sections.last().is_some_and(|(l, ..)| *l >= h.level) {
            self.sections.pop();
        }
        let depth = self.sections.len() + 1;
        let sect = self.add(Role::Sect);
        self.sections.push((h.level, sect, h.text.clone()));
        let node = self.tree.add(sect, Role::heading(depth));
        let x = self.left();
        self.place_lines(&runs, &lines, x, size, leading, node, None, None);
        if h.level == 1 {
            self.y += 3.0;
            let (y, w) = (self.y, self.width());
            self.page().line(x, y, x + w, y, 0.6, RULE);
            self.y += rule - 3.0;
        }
        self.gap(after);
    }

    fn paragraph_lines<'a>(
        &self,
        p: &'a Paragraph,
        width: f32,
    ) -> (Vec<Run<'a>>, Vec<Line>, f32, f32) {
        let (size, leading) = if p.small {
            (SMALL_SIZE, SMALL_LEADING)
        } else {
            (BODY_SIZE, BODY_LEADING)
        };
        let colour = if p.small { MUTED } else { INK };
        let runs = Run::from_spans(self.m, &p.spans, colour);
        let lines = wrap(self.m, &runs, size, width);
        (runs, lines, size, leading)
    }

    fn place_paragraph(&mut self, p: &Paragraph) {
        let (runs, lines, size, leading) = self.paragraph_lines(p, self.width());
        let x = self.left();
        let node = self.add(Role::P);
        let targets = self.run_targets(node, &runs);
        self.place_lines(
            &runs,
            &lines,
            x,
            size,
            leading,
            node,
            targets.as_deref(),
            None,
        );
        self.gap(PARAGRAPH_GAP);
    }

    const BULLET_INDENT: f32 = 14.0;

    fn place_bullets(&mut self, items: &[Paragraph]) {
        let width = self.width() - Self::BULLET_INDENT;
        let x = self.left();
        let list = self.add(Role::L);
        for (i, p) in items.iter().enumerate() {
            let (runs, lines, size, leading) = self.paragraph_lines(p, width);
            let c = if p.small { MUTED } else { ACCENT };
            let item = self.tree.add(list, Role::LI);
            let label = self.tree.add(item, Role::Lbl);
            let body = self.tree.add(item, Role::LBody);
            let targets = self.run_targets(body, &runs);
            self.place_lines(
                &runs,
                &lines,
                x + Self::BULLET_INDENT,
                size,
                leading,
                body,
                targets.as_deref(),
                Some(("\u{2022}", x + 3.0, TextStyle::Bold, c, label)),
            );
            if i + 1 < items.len() {
                self.gap(2.5);
            }
        }
        self.gap(PARAGRAPH_GAP);
    }

    fn place_signature(&mut self, s: &Signature) {
        let m = self.m;
        let height = 30.0;
        self.gap(6.0);
        self.ensure(height);
        let gap = 18.0;
        let n = s.fields.len().max(1) as f32;
        let units: f32 = if s.fields.len() > 1 { n + 1.0 } else { 1.0 };
        let unit = (self.width() - gap * (n - 1.0)) / units;
        let baseline = self.y + 24.0;
        let mut x = self.left();
        for (i, label) in s.fields.iter().enumerate() {
            let w = if i == 0 && s.fields.len() > 1 {
                2.0 * unit
            } else {
                unit
            };
            let label = fit_one_line(m, label, TextStyle::Regular, SMALL_SIZE, w * 0.6);
            let lw = m.width(TextStyle::Regular, SMALL_SIZE, &label);
            // Each field is a paragraph: its label and what is recorded; the
            // line to sign on is decoration.
            let node = self.add(Role::P);
            self.tag(node);
            let page = self.page();
            page.text(
                m,
                x,
                baseline,
                TextStyle::Regular,
                SMALL_SIZE,
                MUTED,
                &label,
            );
            page.line(
                x + lw + 6.0,
                baseline + 1.0,
                x + w,
                baseline + 1.0,
                0.6,
                RULE_STRONG,
            );
            if let Some(value) = s.values.get(i).filter(|v| !v.trim().is_empty()) {
                let room = (w - lw - 12.0).max(0.0);
                let value = fit_one_line(m, value, TextStyle::Italic, BODY_SIZE, room);
                self.page().text(
                    m,
                    x + lw + 10.0,
                    baseline - 1.0,
                    TextStyle::Italic,
                    BODY_SIZE,
                    INK,
                    &value,
                );
            }
            x += w + gap;
        }
        self.y += height;
        self.gap(BLOCK_GAP);
    }

    fn place_contents(&mut self, c: &Contents) {
        let m = self.m;
        let heading = Heading {
            level: 1,
            text: c.title.clone(),
            in_contents: false,
        };
        self.place_heading(&heading, 2.0 * BODY_LEADING);
        let toc = self.add(Role::TOC);
        let number_width = m.width(TextStyle::Bold, BODY_SIZE, "0000");
        let x0 = self.left();
        let right = x0 + self.width();
        let plan: Vec<(usize, u8, String)> = self
            .outline_plan
            .iter()
            .enumerate()
            .filter(|(_, (level, _, listed))| *listed && *level <= c.max_level.max(1))
            .map(|(i, (level, text, _))| (i, *level, text.clone()))
            .collect();
        for (k, (heading, level, text)) in plan.iter().enumerate() {
            let indent = f32::from(level - 1) * 16.0;
            let style = if *level == 1 {
                TextStyle::Bold
            } else {
                TextStyle::Regular
            };
            let colour = if *level == 1 { INK } else { MUTED };
            let runs = [Run::plain(m, text, style, colour)];
            let text_width = right - (x0 + indent) - number_width - 18.0;
            let lines = wrap(m, &runs, BODY_SIZE, text_width);
            let height = lines.len() as f32 * BODY_LEADING;
            if *level == 1 && k > 0 {
                self.gap(5.0);
            }
            self.ensure(height);
            let top = self.y;
            let x = x0 + indent;
            let entry = self.tree.add(toc, Role::TOCI);
            let link = self.tree.add(entry, Role::Link);
            self.tree
                .set_description(link, &format!("Go to {}", runs[0].text));
            self.place_lines(&runs, &lines, x, BODY_SIZE, BODY_LEADING, link, None, None);
            let last = lines.last().map_or(0.0, |l| l.width);
            self.contents.push(ContentsEntry {
                heading: *heading,
                page: self.page_index(),
                x,
                top,
                height,
                last_baseline: top
                    + (lines.len() - 1) as f32 * BODY_LEADING
                    + baseline_offset(m, BODY_SIZE, BODY_LEADING),
                last_line_end: x + last,
                style,
                link,
            });
            self.gap(1.0);
        }
        self.gap(BLOCK_GAP);
    }

    fn place_space(&mut self, millimetres: f32) {
        let h = mm(millimetres.max(0.0));
        if h > self.remaining() {
            self.new_page();
        } else {
            self.gap(h);
        }
    }

    // ----- keep-with-next ----------------------------------------------------

    /// Height of the smallest start of `blocks[0]` that a heading before it must
    /// share a page with.
    fn min_start(&self, blocks: &[Block], depth: u8) -> f32 {
        let Some(block) = blocks.first() else {
            return 0.0;
        };
        match block {
            Block::Heading(h) if depth < 3 => {
                let (_, leading, before, after) = heading_metrics(h.level);
                let (_, lines) = self.heading_lines(h);
                before
                    + lines.len() as f32 * leading
                    + after
                    + self.min_start(&blocks[1..], depth + 1)
            }
            Block::Heading(_) => 0.0,
            Block::Paragraph(p) => {
                let (_, lines, _, leading) = self.paragraph_lines(p, self.width());
                lines.len().min(2) as f32 * leading
            }
            Block::Bullets(items) => items.first().map_or(0.0, |p| {
                let (_, lines, _, leading) =
                    self.paragraph_lines(p, self.width() - Self::BULLET_INDENT);
                lines.len().min(2) as f32 * leading
            }),
            Block::LabelValues(lv) => super::table::label_values_min_start(self, lv),
            Block::Table(t) => super::table::min_start(self, t),
            Block::Grid(g) => super::grid::min_start(self, g),
            Block::Image(img) => super::image::min_start(self, img),
            Block::Drawing(d) => super::drawing::min_start(self, d),
            Block::Signature(_) => 36.0,
            Block::Contents(_) => 4.0 * BODY_LEADING,
            Block::Space(h) => mm(*h) + self.min_start(&blocks[1..], depth + 1),
            Block::Title(_) | Block::PageBreak(_) => 0.0,
        }
    }

    // ----- finishing ---------------------------------------------------------

    fn finish(mut self, running: &super::RunningText) -> LaidOut {
        let m = self.m;
        // Drop a trailing empty page (e.g. after a final page break).
        if !self.page_used && self.pages.len() > 1 {
            self.pages.pop();
        }
        let total = self.pages.len();

        // Contents: page numbers, leaders and links.
        let entries = std::mem::take(&mut self.contents);
        for e in &entries {
            let Some(target) = self.headings.get(e.heading) else {
                continue;
            };
            let (target_page, target_top) = (target.page, target.top);
            let target_height = self.pages[target_page].height;
            let number = (target_page + 1).to_string();
            let title = fit_one_line(m, &target.title, e.style, BODY_SIZE, f32::INFINITY);
            self.tree
                .set_description(e.link, &format!("Go to {title} (page {number})"));
            let page = &mut self.pages[e.page];
            page.want = Some(Tag::Content(e.link));
            let right = page.width - MARGIN_RIGHT;
            let nw = m.width(e.style, BODY_SIZE, &number);
            page.dotted(
                e.last_line_end + 6.0,
                right - nw - 6.0,
                e.last_baseline,
                RULE_STRONG,
            );
            page.text(
                m,
                right - nw,
                e.last_baseline,
                e.style,
                BODY_SIZE,
                INK,
                &number,
            );
            page.link(
                e.x,
                e.top,
                right - e.x,
                e.height,
                Actions::Goto(Destination::Xyz {
                    page: target_page + 1,
                    left: None,
                    top: Some(target_height - target_top + 6.0),
                    zoom: None,
                }),
                e.link,
            );
        }
        m.discard_missing();

        // Running heads.
        for (i, page) in self.pages.iter_mut().enumerate() {
            let left = MARGIN_LEFT;
            let right = page.width - MARGIN_RIGHT;
            let half = (right - left) / 2.0 - 12.0;
            let s = RUNNING_SIZE;
            let header_left = fit_one_line(m, &running.header_left, TextStyle::Bold, s, half);
            let header_right = fit_one_line(m, &running.header_right, TextStyle::Regular, s, half);
            page.want = Some(Tag::Artifact(Artifact::Header));
            page.text(
                m,
                left,
                HEADER_BASELINE,
                TextStyle::Bold,
                s,
                MUTED,
                &header_left,
            );
            let w = m.width(TextStyle::Regular, s, &header_right);
            page.text(
                m,
                right - w,
                HEADER_BASELINE,
                TextStyle::Regular,
                s,
                MUTED,
                &header_right,
            );
            page.line(
                left,
                HEADER_BASELINE + 4.5,
                right,
                HEADER_BASELINE + 4.5,
                0.5,
                RULE,
            );

            let footer = page.height - FOOTER_BASELINE;
            let page_no = format!("Page {} of {}", i + 1, total);
            let footer_left = fit_one_line(m, &running.footer_left, TextStyle::Regular, s, half);
            page.want = Some(Tag::Artifact(Artifact::Footer));
            page.line(left, footer - 10.0, right, footer - 10.0, 0.5, RULE);
            page.text(m, left, footer, TextStyle::Regular, s, MUTED, &footer_left);
            let w = m.width(TextStyle::Regular, s, &page_no);
            page.text(m, right - w, footer, TextStyle::Regular, s, MUTED, &page_no);
            page.finish();
        }
        self.note_missing(Some("The running head and foot of every page"));

        LaidOut {
            pages: self.pages,
            headings: self.headings,
            images: self.images,
            tree: self.tree,
            missing: self.missing,
        }
    }
}

/// Colour of headings by level.
fn heading_colour(level: u8) -> Rgb {
    if level >= 3 {
        INK
    } else {
        ACCENT
    }
}

/// A stretch of the document from one page break to the next. Each starts
/// a page, and what it draws depends only on its own blocks and the sections
/// open where it starts, so the parts are laid out on their own, on either
/// core, and joined in order into exactly what one pass over the document
/// makes (`tests/pdf_engine.rs` compares the two).
struct Part<'d> {
    blocks: &'d [Block],
    /// The orientation of its first page.
    orientation: Orientation,
    /// Images in the parts before it (image ids are numbered through the
    /// document).
    images_before: usize,
    /// The sections open where it starts: level and title, outermost first.
    open: Vec<(u8, String)>,
}

/// What a heading does to the open sections (as [`Layouter::place_heading`]).
fn open_section(open: &mut Vec<(u8, String)>, level: u8, title: &str) {
    while open.last().is_some_and(|(l, _)| *l >= level) {
        open.pop();
    }
    open.push((level, title.to_owned()));
}

/// The headings of `blocks` as the outline plan lists them, and how many
/// images they hold.
fn plan_of(blocks: &[Block]) -> (Vec<(u8, String, bool)>, usize) {
    let plan = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some((h.level.clamp(1, 3), h.text.clone(), h.in_contents)),
            Block::Contents(c) => Some((1, c.title.clone(), false)),
            _ => None,
        })
        .collect();
    let images = blocks
        .iter()
        .filter(|b| matches!(b, Block::Image(_)))
        .count();
    (plan, images)
}

/// The document cut at its page breaks (or whole, when `split` is false).
fn parts(blocks: &[Block], orientation: Orientation, split: bool) -> Vec<Part<'_>> {
    let mut parts = Vec::new();
    let mut part = Part {
        blocks,
        orientation,
        images_before: 0,
        open: Vec::new(),
    };
    if !split {
        return vec![part];
    }
    let (mut start, mut images, mut open) = (0, 0, Vec::new());
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::PageBreak(o) => {
                part.blocks = &blocks[start..i];
                let next = Part {
                    blocks: &[],
                    orientation: *o,
                    images_before: images,
                    open: open.clone(),
                };
                parts.push(std::mem::replace(&mut part, next));
                start = i + 1;
            }
            Block::Heading(h) => open_section(&mut open, h.level.clamp(1, 3), &h.text),
            Block::Contents(c) => open_section(&mut open, 1, &c.title),
            Block::Image(_) => images += 1,
            _ => {}
        }
    }
    part.blocks = &blocks[start..];
    parts.push(part);
    parts
}

/// Roughly how much laying out `b` takes: the characters it sets.
fn weight(b: &Block) -> usize {
    let spans = |s: &[super::Span]| s.iter().map(|s| s.text.len()).sum::<usize>();
    let cells = |rows: &[Vec<super::Cell>]| {
        rows.iter()
            .flatten()
            .map(|c| 8 + spans(&c.spans))
            .sum::<usize>()
    };
    64 + match b {
        Block::Paragraph(p) => spans(&p.spans),
        Block::Bullets(items) => items.iter().map(|p| spans(&p.spans)).sum(),
        Block::LabelValues(lv) => lv.rows.iter().map(|(l, v)| l.len() + spans(v)).sum(),
        Block::Table(t) => cells(&t.header) + cells(&t.rows),
        Block::Grid(g) => 4 * g.row_labels.len() * g.column_labels.len(),
        Block::Heading(h) => h.text.len(),
        _ => 0,
    }
}

/// A part as laid out, on its own pages, its elements numbered in its own tree.
struct PartOut {
    pages: Vec<Page>,
    page_used: bool,
    headings: Vec<PlacedHeading>,
    contents: Vec<ContentsEntry>,
    images: Vec<EmbeddedImage>,
    tree: Tree,
    missing: Vec<MissingCharacter>,
    /// The sections open at its end.
    sections: Vec<(u8, Node, String)>,
    used: GlyphsUsed,
}

fn lay_out_part(
    m: &Metrics,
    plan: &[(u8, String, bool)],
    tagged: bool,
    part: &Part,
    blocks: &[Block],
    own: bool,
) -> Result<PartOut, PdfError> {
    let mut l = Layouter::new(m, part.orientation, plan, tagged, &part.open);
    let mut image_index = part.images_before;
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Title(t) => l.place_title(t),
            Block::Heading(h) => {
                let h = Heading {
                    level: h.level.clamp(1, 3),
                    ..h.clone()
                };
                let keep = l.min_start(&blocks[i + 1..], 0);
                // What was measured ahead is noted when it is placed.
                m.discard_missing();
                l.place_heading(&h, keep);
            }
            Block::Paragraph(p) => l.place_paragraph(p),
            Block::Bullets(items) => l.place_bullets(items),
            Block::LabelValues(lv) => place_label_values(&mut l, lv)?,
            Block::Table(t) => super::table::place_table(&mut l, t)?,
            Block::Grid(g) => super::grid::place_grid(&mut l, g)?,
            Block::Image(img) => {
                place_image(&mut l, img, image_index, own)?;
                image_index += 1;
            }
            Block::Drawing(d) => super::drawing::place_drawing(&mut l, d)?,
            Block::Signature(s) => l.place_signature(s),
            Block::Space(h) => l.place_space(*h),
            Block::PageBreak(o) => l.start_page(*o),
            Block::Contents(c) => l.place_contents(c),
        }
        l.note_missing(None);
    }
    Ok(PartOut {
        pages: l.pages,
        page_used: l.page_used,
        headings: l.headings,
        contents: l.contents,
        images: l.images,
        tree: l.tree,
        missing: l.missing,
        sections: l.sections,
        used: m.take_glyphs_used(),
    })
}

/// The blocks of the document's first part (those before its first page
/// break), made while the rest is laid out; `None` if they could not be made.
pub(crate) type FirstPart<'a> = &'a (dyn Fn() -> Option<Vec<Block>> + Sync);

/// Lays out the whole document: cut at its page breaks (unless `split` is
/// false), the parts laid out on two threads and joined in order. With
/// `first`, the first part's blocks are made by it, after every other part
/// has been taken up; they must have the headings and images of the
/// document's own first part (which stands in for them until then).
pub(crate) fn lay_out(
    doc: &Document,
    m: &Metrics,
    tagged: bool,
    split: bool,
    first: Option<FirstPart>,
) -> Result<LaidOut, PdfError> {
    // Every heading (and contents title) in order: the contents page lists
    // headings that come after it, so it needs them before they are placed.
    let (plan, _) = plan_of(&doc.blocks);
    let parts = parts(&doc.blocks, doc.orientation, split);
    let n = parts.len();
    // The longest parts first, so that neither thread is left with a long
    // one at the end (the evidence appendix is one part, most of a long
    // document); the first part last when it is made later.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| {
        let made_later = i == 0 && first.is_some();
        (
            made_later,
            std::cmp::Reverse(parts[i].blocks.iter().map(weight).sum::<usize>()),
        )
    });
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || -> Vec<(usize, Result<PartOut, PdfError>)> {
        let mut done = Vec::new();
        let m = match Metrics::new() {
            Ok(m) => m,
            Err(e) => return vec![(0, Err(e))],
        };
        while let Some(&i) = order.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)) {
            let part = &parts[i];
            let out = match (i, first) {
                (0, Some(make)) => match make() {
                    Some(blocks) if plan_of(&blocks) == plan_of(part.blocks) => {
                        lay_out_part(&m, &plan, tagged, part, &blocks, false)
                    }
                    Some(_) => Err(PdfError::Invalid {
                        what: "the document's first part",
                        reason: "it was made with other headings or images than it stood in with"
                            .into(),
                    }),
                    None => Err(PdfError::Invalid {
                        what: "the document's first part",
                        reason: "it could not be made".into(),
                    }),
                },
                _ => lay_out_part(&m, &plan, tagged, part, part.blocks, true),
            };
            done.push((i, out));
        }
        done
    };
    let two = n > 1 && std::thread::available_parallelism().map_or(1, |c| c.get()) > 1;
    let mut done = std::thread::scope(|scope| {
        let helper = two.then(|| scope.spawn(work));
        let mut done = work();
        if let Some(h) = helper {
            done.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        done
    });
    done.sort_by_key(|(i, _)| *i);
    let mut outs = Vec::with_capacity(n);
    for (_, out) in done {
        outs.push(out?);
    }
    Ok(join(m, &plan, tagged, outs).finish(&doc.running))
}

/// The parts as one layouter, in order: page numbers, elements, MCIDs' and
/// links' elements, headings, contents entries, images, the characters
/// missing and the glyphs drawn, as one pass over the document has them.
fn join<'m>(
    m: &'m Metrics,
    plan: &'m [(u8, String, bool)],
    tagged: bool,
    outs: Vec<PartOut>,
) -> Layouter<'m> {
    let mut l = Layouter::new(m, Orientation::Portrait, plan, tagged, &[]);
    l.pages.clear();
    let n = outs.len();
    let mut used = m.take_glyphs_used();
    // The elements of the sections open where the next part starts.
    let mut outer: Vec<u32> = Vec::new();
    for (i, mut out) in outs.into_iter().enumerate() {
        // A part's last page, left empty, is the next part's first (a page
        // break on an empty page turns it rather than adding one).
        if i + 1 < n && !out.page_used {
            out.pages.pop();
        }
        let offset = l.pages.len();
        let map = l.tree.join(out.tree, &outer, offset);
        let id = |n: u32| map.get(n as usize).copied().unwrap_or(n);
        let node = |n: Node| Node {
            id: id(n.id),
            role: n.role,
        };
        let tag = |t: Option<Tag>| match t {
            Some(Tag::Content(n)) => Some(Tag::Content(node(n))),
            t => t,
        };
        for mut p in out.pages {
            for e in p.parents.mcids.iter_mut().chain(p.parents.links.iter_mut()) {
                *e = id(*e);
            }
            p.want = tag(p.want);
            p.open = tag(p.open);
            l.pages.push(p);
        }
        l.headings.extend(out.headings.into_iter().map(|mut h| {
            h.page += offset;
            h
        }));
        l.contents.extend(out.contents.into_iter().map(|mut e| {
            e.page += offset;
            e.link = node(e.link);
            e
        }));
        // A character is listed once per section, where it first appears.
        for mut c in out.missing {
            if !l
                .missing
                .iter()
                .any(|x| x.character == c.character && x.section == c.section)
            {
                c.page += offset;
                l.missing.push(c);
            }
        }
        l.images.extend(out.images);
        outer = out.sections.iter().map(|(_, s, _)| id(s.id)).collect();
        used.extend(out.used);
        l.page_used = out.page_used;
    }
    *m.glyphs_used() = used;
    l
}

fn place_label_values(l: &mut Layouter, lv: &LabelValues) -> Result<(), PdfError> {
    super::table::place_label_values(l, lv)
}

fn place_image(l: &mut Layouter, img: &Image, index: usize, own: bool) -> Result<(), PdfError> {
    super::image::place_image(l, img, index, own)
}
