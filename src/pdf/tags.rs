//! Tagged PDF: the logical structure tree the layout builds while it draws, and
//! writing it into the finished file (PDF/UA-1, ISO 14289-1). The layout creates
//! an element for every heading, paragraph, list, table cell, figure and link in
//! reading order (the document order of the blocks, not the order things land on
//! pages), and wraps everything it draws in marked content: content of an element
//! gets a marked-content id (MCID) on its page; running heads, page numbers,
//! rules, fills and repeated table headers are artifacts. [`write`] then adds the
//! `StructTreeRoot` with one `StructElem` object per element, the parent tree
//! that maps each page's MCIDs and each link annotation back to its element,
//! `StructParents`/`StructParent` keys, `Tabs /S` on pages with links, and the
//! catalogue's `MarkInfo`, `Lang`, `ViewerPreferences` and XMP metadata with the
//! PDF/UA identifier.
//!
//! Elements are leaves (only marked content, and for links their annotations)
//! or containers (only other elements): a paragraph with a link in it becomes a
//! container of `Span` and `Link` elements. So the layout adds child elements in
//! reading order as it goes, and the marked content of each leaf is attached at
//! the end, page by page, which is also reading order within one element.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use super::writer::text_string;

/// An element's structure type (standard types of ISO 32000-1, 14.8.4),
/// named as the standard spells them.
#[allow(clippy::upper_case_acronyms)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Document,
    Sect,
    H1,
    H2,
    H3,
    P,
    L,
    LI,
    Lbl,
    LBody,
    Table,
    THead,
    TBody,
    TR,
    TH,
    TD,
    Figure,
    Caption,
    Link,
    Span,
    TOC,
    TOCI,
}

impl Role {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::Sect => "Sect",
            Role::H1 => "H1",
            Role::H2 => "H2",
            Role::H3 => "H3",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::THead => "THead",
            Role::TBody => "TBody",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::Figure => "Figure",
            Role::Caption => "Caption",
            Role::Link => "Link",
            Role::Span => "Span",
            Role::TOC => "TOC",
            Role::TOCI => "TOCI",
        }
    }

    /// The heading of outline depth `depth` (1–3).
    pub(crate) fn heading(depth: usize) -> Role {
        match depth {
            0 | 1 => Role::H1,
            2 => Role::H2,
            _ => Role::H3,
        }
    }
}

/// Which cells a header cell heads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    Row,
    Column,
}

/// An element as the layout refers to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Node {
    pub id: u32,
    pub role: Role,
}

/// What the content being drawn is: an element's content, or an artifact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    Content(Node),
    Artifact(Artifact),
}

/// Kinds of artifact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Artifact {
    /// Rules, fills, frames, leaders: decoration.
    Layout,
    /// The running head at the top of every page.
    Header,
    /// The running foot with "Page X of Y".
    Footer,
    /// What is repeated because the content continues on another page: table
    /// headers, "(continued)" labels, the parts of a split grid.
    Pagination,
}

/// A child of an element.
#[derive(Clone, Copy, Debug)]
enum Kid {
    Elem(u32),
    /// Marked content `mcid` on page `page` (0-based).
    Mcid {
        page: usize,
        mcid: u32,
    },
    /// The `index`-th link annotation of page `page`.
    Annot {
        page: usize,
        index: usize,
    },
}

/// An element. Kept small: a long document has tens of thousands, most of
/// them table cells; what few elements carry is in [`Extra`].
#[derive(Debug)]
struct Elem {
    role: Role,
    scope: Option<Scope>,
    /// How many columns a table cell spans (1 unless set).
    col_span: u32,
    parent: u32,
    kids: Vec<Kid>,
    extra: Option<Box<Extra>>,
}

/// What only some elements have.
#[derive(Debug, Default)]
struct Extra {
    alt: Option<String>,
    actual_text: Option<String>,
    /// Bounding box on its page: (page, [x0, y0, x1, y1]) in PDF coordinates.
    bbox: Option<(usize, [f32; 4])>,
    /// For a Link: what its annotations say they do (their `Contents`).
    description: Option<String>,
}

impl Elem {
    fn new(role: Role, parent: u32) -> Elem {
        Elem {
            role,
            scope: None,
            col_span: 1,
            parent,
            kids: Vec::new(),
            extra: None,
        }
    }

    fn extra(&mut self) -> &mut Extra {
        self.extra.get_or_insert_with(Box::default)
    }
}

/// The structure tree of a document being laid out. Element 0 is the Document.
/// A tree made with `enabled: false` records nothing (an untagged PDF; used only
/// to measure what tagging costs).
pub(crate) struct Tree {
    elems: Vec<Elem>,
    enabled: bool,
}

impl Tree {
    pub(crate) fn new(enabled: bool) -> Tree {
        Tree {
            elems: if enabled {
                vec![Elem::new(Role::Document, 0)]
            } else {
                Vec::new()
            },
            enabled,
        }
    }

    pub(crate) fn enabled(&self) -> bool {
        self.enabled
    }

    /// The Document element.
    pub(crate) fn root(&self) -> Node {
        Node {
            id: 0,
            role: Role::Document,
        }
    }

    /// Adds an element of `role` as the last child of `parent`.
    pub(crate) fn add(&mut self, parent: Node, role: Role) -> Node {
        if !self.enabled {
            return Node { id: 0, role };
        }
        let id = self.elems.len() as u32;
        self.elems.push(Elem::new(role, parent.id));
        self.elems[parent.id as usize].kids.push(Kid::Elem(id));
        Node { id, role }
    }

    /// An element standing in for one of another tree: a section opened
    /// in an earlier part of the document, which elements of this part go
    /// in. It has no parent here; [`Tree::join`] puts its kids where they
    /// belong.
    pub(crate) fn stand_in(&mut self, role: Role) -> Node {
        if !self.enabled {
            return Node { id: 0, role };
        }
        let id = self.elems.len() as u32;
        self.elems.push(Elem::new(role, 0));
        Node { id, role }
    }

    /// Appends the elements of `part`, the tree of a later stretch of the
    /// document laid out on its own: its Document is this tree's, its first
    /// `outer.len()` elements after that are stand-ins for the elements
    /// `outer` names here (their kids are added to them, in order), and its
    /// pages follow the first `page_offset` of this document. The elements
    /// keep their order, so the joined tree is the one a single pass over
    /// the document makes. Returns each of `part`'s element ids as it is now.
    pub(crate) fn join(&mut self, part: Tree, outer: &[u32], page_offset: usize) -> Vec<u32> {
        if !self.enabled {
            return vec![0; part.elems.len()];
        }
        let d = outer.len();
        let base = self.elems.len();
        let map: Vec<u32> = (0..part.elems.len())
            .map(|j| match j {
                0 => 0,
                j if j <= d => outer[j - 1],
                j => (base + j - d - 1) as u32,
            })
            .collect();
        for (j, mut e) in part.elems.into_iter().enumerate() {
            for k in &mut e.kids {
                if let Kid::Elem(i) = k {
                    *i = map[*i as usize];
                }
            }
            if j <= d {
                debug_assert!(e.extra.is_none() && e.scope.is_none());
                self.elems[map[j] as usize].kids.append(&mut e.kids);
            } else {
                e.parent = map[e.parent as usize];
                if let Some((page, _)) = e.extra.as_mut().and_then(|x| x.bbox.as_mut()) {
                    *page += page_offset;
                }
                self.elems.push(e);
            }
        }
        map
    }

    fn elem(&mut self, n: Node) -> Option<&mut Elem> {
        if self.enabled {
            self.elems.get_mut(n.id as usize)
        } else {
            None
        }
    }

    /// Alternative text: what a figure shows, read instead of its content.
    pub(crate) fn set_alt(&mut self, n: Node, alt: &str) {
        if let Some(e) = self.elem(n) {
            e.extra().alt = Some(alt.to_owned());
        }
    }

    /// The text an element's content stands for (a drawn mark, for example).
    pub(crate) fn set_actual_text(&mut self, n: Node, text: &str) {
        if let Some(e) = self.elem(n) {
            e.extra().actual_text = Some(text.to_owned());
        }
    }

    pub(crate) fn set_scope(&mut self, n: Node, scope: Scope) {
        if let Some(e) = self.elem(n) {
            e.scope = Some(scope);
        }
    }

    /// A table cell spanning `span` columns.
    pub(crate) fn set_col_span(&mut self, n: Node, span: u32) {
        if let Some(e) = self.elem(n) {
            e.col_span = span;
        }
    }

    /// What a link does, for its annotations' descriptions.
    pub(crate) fn set_description(&mut self, n: Node, text: &str) {
        if let Some(e) = self.elem(n) {
            e.extra().description = Some(text.to_owned());
        }
    }

    /// The box an element occupies on one page, in PDF coordinates.
    pub(crate) fn set_bbox(&mut self, n: Node, page: usize, bbox: [f32; 4]) {
        if let Some(e) = self.elem(n) {
            e.extra().bbox = Some((page, bbox));
        }
    }

    /// Attaches each page's marked content and link annotations to their
    /// elements, in page order.
    pub(crate) fn attach(&mut self, pages: &[PageParents]) {
        if !self.enabled {
            return;
        }
        for (page, p) in pages.iter().enumerate() {
            for (mcid, &e) in p.mcids.iter().enumerate() {
                self.elems[e as usize].kids.push(Kid::Mcid {
                    page,
                    mcid: mcid as u32,
                });
            }
            for (index, &e) in p.links.iter().enumerate() {
                self.elems[e as usize].kids.push(Kid::Annot { page, index });
            }
        }
    }
}

/// What the PDF says about the document as a whole, for the catalogue and XMP.
pub(crate) struct DocInfo<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    pub keywords: &'a [String],
    pub creator: &'a str,
    pub producer: &'a str,
    pub language: &'a str,
    pub created: jiff::Timestamp,
    pub modified: jiff::Timestamp,
    /// Hex of the document ID, for the XMP document and instance ids.
    pub id_hex: &'a str,
}

/// Which elements a page's marked content and link annotations belong to.
#[derive(Default)]
pub(crate) struct PageParents {
    /// The element of each MCID of the page, in MCID order.
    pub mcids: Vec<u32>,
    /// The element (a Link) of each link annotation of the page, in order.
    pub links: Vec<u32>,
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// The structure tree's objects, numbered but not yet written. They are
/// appended to the saved file as bytes by [`append`] rather than built as
/// lopdf objects: a long portfolio has tens of thousands of elements, and a
/// lopdf dictionary apiece costs more than the rest of the tagging.
pub(crate) struct Pending {
    /// The tree root's object number; the parent tree's is the next, then
    /// one per element in order.
    first_id: u32,
    page_ids: Vec<ObjectId>,
    /// The object of each link annotation, by page.
    annot_ids: Vec<Vec<ObjectId>>,
    /// The parent tree's entries for annotations: key and Link element.
    annot_parents: Vec<(i64, u32)>,
    next_key: i64,
}

impl Pending {
    fn root(&self) -> u32 {
        self.first_id
    }
    fn parent_tree(&self) -> u32 {
        self.first_id + 1
    }
    fn elem(&self, i: u32) -> u32 {
        self.first_id + 2 + i
    }
}

/// Writes what a tagged PDF needs into `lo`, a finished printpdf document:
/// the MCIDs in the content streams, the link annotations as objects with
/// their `StructParent`, `StructParents` and `Tabs` on pages, `MarkInfo` and
/// the `StructTreeRoot` reference in the catalogue (when `tree` is enabled),
/// and the document-level entries (language, title display, XMP metadata).
/// The structure tree itself follows with [`append`], once `lo` is saved.
pub(crate) fn write(
    lo: &mut lopdf::Document,
    tree: &Tree,
    pages: &[PageParents],
    info: &DocInfo,
) -> Result<Option<Pending>, String> {
    let pending = if tree.enabled() {
        Some(prepare_structure(lo, tree, pages)?)
    } else {
        None
    };
    write_catalogue(lo, info, tree.enabled())?;
    let Some(mut pending) = pending else {
        return Ok(None);
    };
    // The tree's objects are numbered after everything lopdf writes.
    pending.first_id = lo.max_id + 1;
    lo.max_id += 2 + tree.elems.len() as u32;
    let catalog = lo.catalog_mut().map_err(|e| e.to_string())?;
    catalog.set("StructTreeRoot", Object::Reference((pending.root(), 0)));
    catalog.set(
        "MarkInfo",
        Object::Dictionary(Dictionary::from_iter(vec![(
            "Marked",
            Object::Boolean(true),
        )])),
    );
    Ok(Some(pending))
}

fn prepare_structure(
    lo: &mut lopdf::Document,
    tree: &Tree,
    pages: &[PageParents],
) -> Result<Pending, String> {
    let page_ids: Vec<ObjectId> = lo.get_pages().into_values().collect();
    if page_ids.len() != pages.len() {
        return Err(format!(
            "{} pages laid out but {} in the file",
            pages.len(),
            page_ids.len()
        ));
    }
    let page_count = page_ids.len() as i64;

    // Link annotations become indirect objects (an OBJR must refer to one),
    // each with its StructParent key and a description.
    let mut annot_ids: Vec<Vec<ObjectId>> = Vec::with_capacity(pages.len());
    let mut next_key = page_count;
    let mut annot_parents: Vec<(i64, u32)> = Vec::new();
    for (i, &page_id) in page_ids.iter().enumerate() {
        let annots: Vec<Object> = lo
            .get_object(page_id)
            .and_then(Object::as_dict)
            .and_then(|d| d.get(b"Annots"))
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default();
        let links = &pages[i].links;
        if annots.len() != links.len() {
            return Err(format!(
                "page {}: {} links laid out but {} annotations",
                i + 1,
                links.len(),
                annots.len()
            ));
        }
        let mut refs = Vec::with_capacity(annots.len());
        let mut these = Vec::with_capacity(annots.len());
        for (k, annot) in annots.into_iter().enumerate() {
            let Object::Dictionary(mut dict) = annot else {
                return Err(format!("page {}: an annotation is not a dictionary", i + 1));
            };
            dict.set("StructParent", Object::Integer(next_key));
            dict.set("Contents", text_string(&link_description(tree, links[k])));
            dict.set("F", Object::Integer(4)); // Print
            let id = lo.add_object(dict);
            annot_parents.push((next_key, links[k]));
            next_key += 1;
            refs.push(Object::Reference(id));
            these.push(id);
        }
        annot_ids.push(these);
        let page = lo
            .get_object_mut(page_id)
            .and_then(Object::as_dict_mut)
            .map_err(|e| e.to_string())?;
        if !refs.is_empty() {
            page.set("Annots", Object::Array(refs));
            page.set("Tabs", name("S"));
        } else {
            page.remove(b"Annots");
        }
        if !pages[i].mcids.is_empty() {
            page.set("StructParents", Object::Integer(i as i64));
        }
    }

    Ok(Pending {
        first_id: 0,
        page_ids,
        annot_ids,
        annot_parents,
        next_key,
    })
}

/// A text string written into `out`: literal when plain printable ASCII,
/// otherwise UTF-16BE with a byte order mark, in hexadecimal.
fn push_text(out: &mut Vec<u8>, s: &str) {
    use std::io::Write;
    if s.bytes()
        .all(|b| (0x20..0x7F).contains(&b) && !matches!(b, b'(' | b')' | b'\\'))
    {
        out.push(b'(');
        out.extend_from_slice(s.as_bytes());
        out.push(b')');
        return;
    }
    out.extend_from_slice(b"<FEFF");
    for unit in s.encode_utf16() {
        let _ = write!(out, "{unit:04X}");
    }
    out.push(b'>');
}

/// The structure tree as the bytes of its objects (the `StructTreeRoot`, the
/// parent tree and one object per element, without the optional `/Type`),
/// each object's offset in them, in object-number order. Made while the
/// streams are compressed, on a thread of its own.
pub(crate) struct Serialized {
    bytes: Vec<u8>,
    offsets: Vec<usize>,
}

impl Serialized {
    /// How many bytes the objects take.
    pub(crate) fn len(&self) -> usize {
        self.bytes.len()
    }
}

pub(crate) fn serialize(p: &Pending, tree: &Tree, pages: &[PageParents]) -> Serialized {
    use std::io::Write;
    let mut bytes = Vec::with_capacity(96 * tree.elems.len() + 16 * pages.len());
    let mut offsets = Vec::with_capacity(tree.elems.len() + 2);
    let out = &mut bytes;
    let r = |out: &mut Vec<u8>, id: u32| {
        let _ = write!(out, "{id} 0 R");
    };
    // The root.
    offsets.push(out.len());
    let _ = write!(
        out,
        "{} 0 obj\n<</Type/StructTreeRoot/K {} 0 R/ParentTree {} 0 R/ParentTreeNextKey {}>>\nendobj\n",
        p.root(),
        p.elem(0),
        p.parent_tree(),
        p.next_key
    );
    // The parent tree: page i's key is i, each annotation's key follows.
    offsets.push(out.len());
    let _ = write!(out, "{} 0 obj\n<</Nums[", p.parent_tree());
    for (i, page) in pages.iter().enumerate() {
        if page.mcids.is_empty() {
            continue;
        }
        let _ = write!(out, "{i} [");
        for (k, &e) in page.mcids.iter().enumerate() {
            if k > 0 {
                out.push(b' ');
            }
            r(out, p.elem(e));
        }
        out.extend_from_slice(b"] ");
    }
    for &(key, e) in &p.annot_parents {
        let _ = write!(out, "{key} ");
        r(out, p.elem(e));
        out.push(b' ');
    }
    out.extend_from_slice(b"]>>\nendobj\n");

    // The elements.
    for (i, e) in tree.elems.iter().enumerate() {
        let id = p.elem(i as u32);
        offsets.push(out.len());
        let _ = write!(out, "{id} 0 obj\n<</S/{}/P ", e.role.name());
        r(out, if i == 0 { p.root() } else { p.elem(e.parent) });
        let home = e.kids.iter().find_map(|k| match k {
            Kid::Mcid { page, .. } | Kid::Annot { page, .. } => Some(*page),
            Kid::Elem(_) => None,
        });
        if let Some(page) = home {
            out.extend_from_slice(b"/Pg ");
            r(out, p.page_ids[page].0);
        }
        if !e.kids.is_empty() {
            out.extend_from_slice(b"/K");
            let many = e.kids.len() > 1;
            out.push(if many { b'[' } else { b' ' });
            for (k, kid) in e.kids.iter().enumerate() {
                if k > 0 {
                    out.push(b' ');
                }
                match *kid {
                    Kid::Elem(c) => r(out, p.elem(c)),
                    Kid::Mcid { page, mcid } if Some(page) == home => {
                        let _ = write!(out, "{mcid}");
                    }
                    Kid::Mcid { page, mcid } => {
                        out.extend_from_slice(b"<</Type/MCR/Pg ");
                        r(out, p.page_ids[page].0);
                        let _ = write!(out, "/MCID {mcid}>>");
                    }
                    Kid::Annot { page, index } => {
                        out.extend_from_slice(b"<</Type/OBJR/Pg ");
                        r(out, p.page_ids[page].0);
                        out.extend_from_slice(b"/Obj ");
                        r(out, p.annot_ids[page][index].0);
                        out.extend_from_slice(b">>");
                    }
                }
            }
            if many {
                out.push(b']');
            }
        }
        let extra = e.extra.as_deref();
        if let Some(alt) = extra.and_then(|x| x.alt.as_deref()) {
            out.extend_from_slice(b"/Alt");
            push_text(out, alt);
        }
        if let Some(text) = extra.and_then(|x| x.actual_text.as_deref()) {
            out.extend_from_slice(b"/ActualText");
            push_text(out, text);
        }
        let table = e.scope.is_some() || e.col_span > 1;
        let bbox = extra.and_then(|x| x.bbox);
        if table || bbox.is_some() {
            out.extend_from_slice(b"/A");
            if table && bbox.is_some() {
                out.push(b'[');
            }
            if table {
                out.extend_from_slice(b"<</O/Table");
                match e.scope {
                    Some(Scope::Row) => out.extend_from_slice(b"/Scope/Row"),
                    Some(Scope::Column) => out.extend_from_slice(b"/Scope/Column"),
                    None => {}
                }
                if e.col_span > 1 {
                    let _ = write!(out, "/ColSpan {}", e.col_span);
                }
                out.extend_from_slice(b">>");
            }
            if let Some((_, b)) = bbox {
                let _ = write!(
                    out,
                    "<</O/Layout/BBox[{:.2} {:.2} {:.2} {:.2}]>>",
                    b[0], b[1], b[2], b[3]
                );
            }
            if table && bbox.is_some() {
                out.push(b']');
            }
        }
        out.extend_from_slice(b">>\nendobj\n");
    }

    Serialized { bytes, offsets }
}

/// Appends the structure tree's objects to `out`, a PDF lopdf saved from the
/// document [`write`] prepared (from its start), and writes a new
/// cross-reference table and trailer for the whole file in place of
/// lopdf's. Only lopdf's table and trailer are read back.
pub(crate) fn append(
    out: &mut dyn super::PdfOut,
    p: &Pending,
    tree: Serialized,
) -> Result<(), super::PdfError> {
    use std::io::{SeekFrom, Write};
    let io = super::PdfError::Io;
    let bad = |what: &str| {
        super::PdfError::Write(format!(
            "structure tree: unexpected end of the saved PDF ({what})"
        ))
    };
    // lopdf ends the file with "xref\n…trailer\n<<…>>\nstartxref\nN\n%%EOF".
    let end = out.seek(SeekFrom::End(0)).map_err(io)?;
    let mut last = Vec::new();
    out.seek(SeekFrom::Start(end.saturating_sub(64)))
        .map_err(io)?;
    out.read_to_end(&mut last).map_err(io)?;
    let startxref = last
        .windows(11)
        .rposition(|w| w == b"\nstartxref\n")
        .ok_or_else(|| bad("startxref"))?;
    let xref_at: usize = std::str::from_utf8(&last[startxref + 11..])
        .ok()
        .and_then(|t| t.lines().next())
        .and_then(|n| n.trim().parse().ok())
        .ok_or_else(|| bad("xref offset"))?;
    if xref_at as u64 >= end {
        return Err(bad("xref offset"));
    }
    // lopdf's cross-reference table and trailer, up to "startxref".
    let mut saved = Vec::new();
    out.seek(SeekFrom::Start(xref_at as u64)).map_err(io)?;
    out.read_to_end(&mut saved).map_err(io)?;
    let startxref = saved
        .windows(11)
        .rposition(|w| w == b"\nstartxref\n")
        .ok_or_else(|| bad("startxref"))?;
    let trailer_at = saved
        .windows(8)
        .position(|w| w == b"trailer\n")
        .ok_or_else(|| bad("trailer"))?;
    let trailer = &saved[trailer_at..startxref];
    let size = p.first_id as usize + tree.offsets.len();
    let mut offsets: Vec<Option<usize>> = vec![None; size];
    let table = std::str::from_utf8(&saved[..trailer_at]).map_err(|_| bad("xref"))?;
    let mut lines = table.lines().skip(1);
    while let Some(header) = lines.next() {
        let mut parts = header.split_whitespace();
        let (Some(start), Some(count)) = (parts.next(), parts.next()) else {
            break;
        };
        let start: usize = start.parse().map_err(|_| bad("xref section"))?;
        let count: usize = count.parse().map_err(|_| bad("xref section"))?;
        for id in start..start + count {
            let entry = lines.next().ok_or_else(|| bad("xref entry"))?;
            if entry.ends_with("n ") || entry.ends_with('n') {
                let offset = entry[..10].parse().map_err(|_| bad("xref entry"))?;
                if let Some(slot) = offsets.get_mut(id) {
                    *slot = Some(offset);
                }
            }
        }
    }
    out.cut(xref_at as u64).map_err(io)?;
    out.seek(SeekFrom::Start(xref_at as u64)).map_err(io)?;
    let base = xref_at;
    out.write_all(&tree.bytes).map_err(io)?;
    for (k, offset) in tree.offsets.iter().enumerate() {
        offsets[p.first_id as usize + k] = Some(base + offset);
    }

    // A cross-reference table for the whole file, then lopdf's trailer (its
    // /Size already counts the tree's objects).
    let xref = base + tree.bytes.len();
    let mut tail = Vec::with_capacity(size * 20 + trailer.len() + 64);
    tail.extend_from_slice(b"xref\n");
    let mut id = 0;
    while id < size {
        if id > 0 && offsets[id].is_none() {
            id += 1;
            continue;
        }
        let end = (id + 1..size)
            .find(|&j| offsets[j].is_none())
            .unwrap_or(size);
        let _ = writeln!(tail, "{id} {}", end - id);
        for slot in &offsets[id..end] {
            match slot {
                Some(offset) => {
                    let _ = writeln!(tail, "{offset:010} 00000 n ");
                }
                None => tail.extend_from_slice(b"0000000000 65535 f \n"),
            }
        }
        id = end;
    }
    tail.extend_from_slice(trailer);
    let _ = write!(tail, "\nstartxref\n{xref}\n%%EOF");
    out.write_all(&tail).map_err(io)?;
    Ok(())
}

fn write_catalogue(lo: &mut lopdf::Document, info: &DocInfo, tagged: bool) -> Result<(), String> {
    let xmp = lopdf::Stream::new(
        Dictionary::from_iter(vec![("Type", name("Metadata")), ("Subtype", name("XML"))]),
        xmp_metadata(info, tagged).into_bytes(),
    )
    .with_compression(false);
    let metadata_id = lo.add_object(xmp);

    let catalog = lo.catalog_mut().map_err(|e| e.to_string())?;
    catalog.set(
        "Lang",
        Object::String(info.language.as_bytes().to_vec(), StringFormat::Literal),
    );
    catalog.set(
        "ViewerPreferences",
        Object::Dictionary(Dictionary::from_iter(vec![(
            "DisplayDocTitle",
            Object::Boolean(true),
        )])),
    );
    catalog.set("Metadata", Object::Reference(metadata_id));
    Ok(())
}

/// What a link annotation says it does: the text of its Link element.
fn link_description(tree: &Tree, link: u32) -> String {
    let e = &tree.elems[link as usize];
    e.extra
        .as_ref()
        .and_then(|x| x.description.clone())
        .unwrap_or_else(|| "Link".to_owned())
}

/// Escapes text for XML.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The XMP metadata packet: Dublin Core title, author, subject and language,
/// the dates, the producer and, for a tagged file, the PDF/UA identification
/// (part 1).
pub(crate) fn xmp_metadata(info: &DocInfo, tagged: bool) -> String {
    let date = |t: jiff::Timestamp| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    let keywords = info.keywords.join("; ");
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
<pdf:Producer>{producer}</pdf:Producer>
<pdf:Keywords>{keywords}</pdf:Keywords>
<xmp:CreatorTool>{creator}</xmp:CreatorTool>
<xmp:CreateDate>{created}</xmp:CreateDate>
<xmp:ModifyDate>{modified}</xmp:ModifyDate>
<xmp:MetadataDate>{modified}</xmp:MetadataDate>
<xmpMM:DocumentID>uuid:{id}</xmpMM:DocumentID>
<xmpMM:InstanceID>uuid:{id}</xmpMM:InstanceID>
{pdfua}</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{FEFF}',
        title = xml(info.title),
        author = xml(info.author),
        subject = xml(info.subject),
        language = xml(info.language),
        producer = xml(info.producer),
        keywords = xml(&keywords),
        creator = xml(info.creator),
        created = date(info.created),
        modified = date(info.modified),
        id = uuid_form(info.id_hex),
        pdfua = if tagged {
            "<pdfuaid:part>1</pdfuaid:part>\n"
        } else {
            ""
        },
    )
}

/// 32 hex digits as a UUID (8-4-4-4-12).
fn uuid_form(hex: &str) -> String {
    let h: String = hex.chars().chain(std::iter::repeat('0')).take(32).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_content_is_numbered_and_artifacts_are_not() {
        use crate::pdf::fonts::{Metrics, TextStyle};
        use crate::pdf::layout::Page;
        use crate::pdf::{Orientation, Rgb};
        let m = Metrics::new().unwrap();
        let mut page = Page::new(Orientation::Portrait, true);
        let ink = Rgb(0, 0, 0);
        page.line(0.0, 0.0, 10.0, 0.0, 1.0, ink);
        page.want = Some(Tag::Content(Node {
            id: 7,
            role: Role::P,
        }));
        page.text(&m, 0.0, 20.0, TextStyle::Regular, 10.0, ink, "a");
        page.want = Some(Tag::Content(Node {
            id: 9,
            role: Role::TD,
        }));
        page.text(&m, 0.0, 30.0, TextStyle::Regular, 10.0, ink, "b");
        page.end_text();
        let content = String::from_utf8(page.content.bytes.clone()).unwrap();
        let marks: Vec<&str> = content
            .lines()
            .filter(|l| l.ends_with("BMC") || l.ends_with("BDC") || *l == "EMC")
            .collect();
        assert_eq!(
            marks,
            [
                "/Artifact BMC",
                "EMC",
                "/P <</MCID 0>> BDC",
                "EMC",
                "/TD <</MCID 1>> BDC",
                "EMC"
            ],
            "{content}"
        );
        assert_eq!(page.parents.mcids, [7, 9]);
    }
}
