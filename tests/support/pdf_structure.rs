//! Reading a tagged PDF's logical structure back with lopdf, for the tests of
//! the PDF engine and of the PDF export, and holding it to the rules of Tagged
//! PDF and PDF/UA-1 that the engine promises: the catalogue says it is tagged
//! (MarkInfo, language, title display, the PDF/UA identifier in XMP); every
//! piece of page content is an artifact or marked content of exactly one
//! structure element, and the parent tree agrees; every link annotation belongs
//! to a Link element and pages with links use structure tab order; figures have
//! alternative text; tables have header cells with a scope; headings never skip
//! a level; lists and tables are made of the right parts.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use lopdf::{Dictionary, Document, Object, ObjectId};
use partnership_portfolio::pdf::PlacedSection;

/// A child of a structure element.
#[derive(Clone, Debug, PartialEq)]
pub enum Kid {
    /// Another element (an index into [`Structure::elems`]).
    Elem(usize),
    /// Marked content `mcid` on page `page` (0-based).
    Mcid { page: usize, mcid: i64 },
    /// An annotation on page `page`.
    Annot { page: usize, obj: ObjectId },
}

/// A structure element.
#[derive(Clone, Debug)]
pub struct Elem {
    pub id: ObjectId,
    pub role: String,
    pub parent: Option<usize>,
    pub kids: Vec<Kid>,
    pub alt: Option<String>,
    pub actual_text: Option<String>,
    pub scope: Option<String>,
    /// Columns a table cell spans (1 unless its `ColSpan` says otherwise).
    pub col_span: usize,
}

/// The structure tree of a file, elements in depth-first (reading) order.
pub struct Structure {
    pub elems: Vec<Elem>,
    /// Page object ids, in page order.
    pub pages: Vec<ObjectId>,
}

impl Structure {
    /// The elements with this role, in reading order.
    pub fn with_role<'a>(&'a self, role: &'a str) -> impl Iterator<Item = (usize, &'a Elem)> + 'a {
        self.elems
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.role == role)
    }

    /// Every element under `i` (not `i` itself), depth first.
    pub fn descendants(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for k in &self.elems[i].kids {
            if let Kid::Elem(c) = k {
                out.push(*c);
                out.extend(self.descendants(*c));
            }
        }
        out
    }

    /// The roles of the elements under `i`, in order.
    pub fn child_roles(&self, i: usize) -> Vec<&str> {
        self.elems[i]
            .kids
            .iter()
            .filter_map(|k| match k {
                Kid::Elem(c) => Some(self.elems[*c].role.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The pages (0-based) an element's own marked content is on.
    pub fn pages_of(&self, i: usize) -> BTreeSet<usize> {
        std::iter::once(i)
            .chain(self.descendants(i))
            .flat_map(|e| self.elems[e].kids.iter())
            .filter_map(|k| match k {
                Kid::Mcid { page, .. } => Some(*page),
                _ => None,
            })
            .collect()
    }
}

fn name(o: &Object) -> Option<String> {
    o.as_name()
        .ok()
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

fn text(o: &Object) -> Option<String> {
    lopdf::decode_text_string(o).ok()
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).expect("a resolvable reference"),
        o => o,
    }
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> &'a Dictionary {
    resolve(doc, o).as_dict().expect("a dictionary")
}

fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &str) -> Option<&'a Object> {
    d.get(key.as_bytes()).ok().map(|o| resolve(doc, o))
}

/// Reads the structure tree (panics on a malformed one).
pub fn read(path: &Path) -> Structure {
    let doc = Document::load(path).expect("lopdf reads the PDF");
    read_doc(&doc)
}

fn read_doc(doc: &Document) -> Structure {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let page_index: BTreeMap<ObjectId, usize> =
        pages.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let catalog = doc.catalog().expect("catalogue");
    let root = get(doc, catalog, "StructTreeRoot")
        .expect("a StructTreeRoot")
        .as_dict()
        .expect("dictionary");
    let mut s = Structure {
        elems: Vec::new(),
        pages,
    };
    let top: Vec<ObjectId> = match root.get(b"K").expect("root has kids") {
        Object::Reference(id) => vec![*id],
        Object::Array(a) => a.iter().map(|o| o.as_reference().unwrap()).collect(),
        other => panic!("unexpected root K {other:?}"),
    };
    for id in top {
        walk(doc, &page_index, &mut s, id, None);
    }
    s
}

fn walk(
    doc: &Document,
    page_index: &BTreeMap<ObjectId, usize>,
    s: &mut Structure,
    id: ObjectId,
    parent: Option<usize>,
) {
    let d = doc
        .get_object(id)
        .and_then(Object::as_dict)
        .expect("element");
    let role = name(get(doc, d, "S").expect("S")).expect("S is a name");
    if let Some(p) = parent {
        assert_eq!(
            d.get(b"P").and_then(Object::as_reference).ok(),
            Some(s.elems[p].id),
            "{role} {id:?}: /P is not its parent"
        );
    }
    let page = d
        .get(b"Pg")
        .and_then(Object::as_reference)
        .ok()
        .map(|p| page_index[&p]);
    let mut scope = None;
    let mut col_span = 1;
    if let Some(a) = get(doc, d, "A") {
        let list: Vec<&Object> = match a {
            Object::Array(v) => v.iter().collect(),
            o => vec![o],
        };
        for attr in list {
            if let Some(sc) = get(doc, dict(doc, attr), "Scope") {
                scope = name(sc);
            }
            if let Some(span) = get(doc, dict(doc, attr), "ColSpan") {
                col_span = span.as_i64().expect("ColSpan is a number") as usize;
            }
        }
    }
    let me = s.elems.len();
    s.elems.push(Elem {
        id,
        role: role.clone(),
        parent,
        kids: Vec::new(),
        alt: get(doc, d, "Alt").and_then(text),
        actual_text: get(doc, d, "ActualText").and_then(text),
        scope,
        col_span,
    });
    let kids: Vec<Object> = match d.get(b"K") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(o) => vec![o.clone()],
        Err(_) => Vec::new(),
    };
    for k in kids {
        match k {
            Object::Integer(mcid) => {
                let page = page.unwrap_or_else(|| panic!("{role}: MCID {mcid} without /Pg"));
                s.elems[me].kids.push(Kid::Mcid { page, mcid });
            }
            Object::Reference(child) => {
                let c = s.elems.len();
                s.elems[me].kids.push(Kid::Elem(c));
                walk(doc, page_index, s, child, Some(me));
            }
            Object::Dictionary(k) => {
                let pg = k
                    .get(b"Pg")
                    .and_then(Object::as_reference)
                    .ok()
                    .map(|p| page_index[&p])
                    .or(page)
                    .expect("a page for the kid");
                match k.get(b"Type").ok().and_then(name).as_deref() {
                    Some("MCR") => s.elems[me].kids.push(Kid::Mcid {
                        page: pg,
                        mcid: k.get(b"MCID").and_then(Object::as_i64).expect("MCID"),
                    }),
                    Some("OBJR") => s.elems[me].kids.push(Kid::Annot {
                        page: pg,
                        obj: k.get(b"Obj").and_then(Object::as_reference).expect("Obj"),
                    }),
                    other => panic!("{role}: unexpected kid type {other:?}"),
                }
            }
            other => panic!("{role}: unexpected kid {other:?}"),
        }
    }
}

/// Operators that put something on the page.
const PAINTING: [&str; 17] = [
    "Tj", "TJ", "'", "\"", "Do", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "BI", "EI",
];

/// Reads the structure tree and asserts every rule in this module's header.
/// Returns the tree for further checks.
pub fn check(path: &Path) -> Structure {
    let doc = Document::load(path).expect("lopdf reads the PDF");
    let catalog = doc.catalog().expect("catalogue");
    let marked = get(&doc, catalog, "MarkInfo")
        .map(|m| dict(&doc, m))
        .and_then(|m| m.get(b"Marked").ok())
        .and_then(|m| m.as_bool().ok());
    assert_eq!(marked, Some(true), "MarkInfo /Marked is not true");
    let lang = get(&doc, catalog, "Lang")
        .and_then(text)
        .unwrap_or_default();
    assert!(!lang.is_empty(), "no document language");
    let display_title = get(&doc, catalog, "ViewerPreferences")
        .map(|v| dict(&doc, v))
        .and_then(|v| v.get(b"DisplayDocTitle").ok())
        .and_then(|v| v.as_bool().ok());
    assert_eq!(display_title, Some(true), "DisplayDocTitle is not true");
    let xmp = get(&doc, catalog, "Metadata")
        .and_then(|m| m.as_stream().ok())
        .map(|m| String::from_utf8_lossy(&m.content).into_owned())
        .expect("XMP metadata");
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    assert!(xmp.contains("<dc:title>"), "{xmp}");

    let s = read_doc(&doc);
    assert_eq!(s.elems.first().map(|e| e.role.as_str()), Some("Document"));

    // Marked content in the tree: each (page, MCID) once.
    let mut in_tree: BTreeMap<(usize, i64), usize> = BTreeMap::new();
    let mut annots_in_tree: BTreeMap<ObjectId, usize> = BTreeMap::new();
    for (i, e) in s.elems.iter().enumerate() {
        for k in &e.kids {
            match k {
                Kid::Mcid { page, mcid } => {
                    let before = in_tree.insert((*page, *mcid), i);
                    assert!(
                        before.is_none(),
                        "page {page} MCID {mcid} is in two elements"
                    );
                }
                Kid::Annot { obj, .. } => {
                    assert_eq!(e.role, "Link", "an annotation in a {}", e.role);
                    annots_in_tree.insert(*obj, i);
                }
                Kid::Elem(_) => {}
            }
        }
        let has_mcids = e.kids.iter().any(|k| matches!(k, Kid::Mcid { .. }));
        let has_elems = e.kids.iter().any(|k| matches!(k, Kid::Elem(_)));
        assert!(
            !(has_mcids && has_elems) || e.role == "Link",
            "{} mixes content and elements",
            e.role
        );
    }

    // The parent tree.
    let root = get(&doc, catalog, "StructTreeRoot")
        .unwrap()
        .as_dict()
        .unwrap();
    let parent_tree = get(&doc, root, "ParentTree")
        .map(|p| dict(&doc, p))
        .expect("ParentTree");
    let nums = get(&doc, parent_tree, "Nums")
        .and_then(|n| n.as_array().ok())
        .expect("flat Nums");
    let mut parents: BTreeMap<i64, &Object> = BTreeMap::new();
    for pair in nums.chunks(2) {
        parents.insert(pair[0].as_i64().unwrap(), &pair[1]);
    }
    let elem_of = |id: ObjectId| s.elems.iter().position(|e| e.id == id);

    // Every page: content only inside marked content, MCIDs matching the tree.
    for (page, &page_id) in s.pages.iter().enumerate() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(page_id))
            .expect("content stream decodes");
        let mut stack: Vec<Option<Option<i64>>> = Vec::new(); // Some(mcid) | None = artifact
        let mut seen = BTreeSet::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" | "BMC" => {
                    let tag = name(&op.operands[0]).unwrap();
                    let mcid = op
                        .operands
                        .get(1)
                        .map(|p| resolve(&doc, p))
                        .and_then(|p| p.as_dict().ok())
                        .and_then(|p| p.get(b"MCID").ok())
                        .and_then(|m| m.as_i64().ok());
                    let entry = if tag == "Artifact" {
                        Some(None)
                    } else if let Some(m) = mcid {
                        assert!(seen.insert(m), "page {}: MCID {m} used twice", page + 1);
                        let e = in_tree.get(&(page, m)).unwrap_or_else(|| {
                            panic!("page {}: MCID {m} is in no element", page + 1)
                        });
                        assert_eq!(
                            s.elems[*e].role,
                            tag,
                            "page {}: MCID {m} tagged {tag} in an element of another type",
                            page + 1
                        );
                        Some(Some(m))
                    } else {
                        None
                    };
                    stack.push(entry);
                }
                "EMC" => {
                    stack.pop().expect("EMC without BDC/BMC");
                }
                o if PAINTING.contains(&o) => {
                    assert!(
                        stack.iter().any(Option::is_some),
                        "page {}: {o} outside marked content or an artifact",
                        page + 1
                    );
                }
                _ => {}
            }
        }
        assert!(
            stack.is_empty(),
            "page {}: unclosed marked content",
            page + 1
        );
        let tree_mcids: BTreeSet<i64> = in_tree
            .keys()
            .filter(|(p, _)| *p == page)
            .map(|(_, m)| *m)
            .collect();
        assert_eq!(
            seen,
            tree_mcids,
            "page {}: MCIDs in the stream and in the tree differ",
            page + 1
        );

        let page_dict = doc.get_object(page_id).unwrap().as_dict().unwrap();
        if !seen.is_empty() {
            let key = page_dict
                .get(b"StructParents")
                .and_then(Object::as_i64)
                .expect("StructParents");
            let arr = resolve(&doc, parents[&key])
                .as_array()
                .expect("array of parents");
            for m in &seen {
                let e = elem_of(arr[*m as usize].as_reference().unwrap())
                    .expect("parent is in the tree");
                assert_eq!(
                    in_tree[&(page, *m)],
                    e,
                    "page {}: parent tree disagrees for MCID {m}",
                    page + 1
                );
            }
        }
        let annots: Vec<ObjectId> = match page_dict.get(b"Annots") {
            Ok(a) => resolve(&doc, a)
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o.as_reference().expect("annotations are indirect"))
                .collect(),
            Err(_) => Vec::new(),
        };
        if !annots.is_empty() {
            assert_eq!(
                page_dict.get(b"Tabs").ok().and_then(name).as_deref(),
                Some("S"),
                "page {}: links but no structure tab order",
                page + 1
            );
        }
        for a in annots {
            let ad = doc.get_object(a).unwrap().as_dict().unwrap();
            let key = ad
                .get(b"StructParent")
                .and_then(Object::as_i64)
                .expect("StructParent");
            let e = elem_of(parents[&key].as_reference().unwrap()).expect("annotation parent");
            assert_eq!(
                annots_in_tree.get(&a),
                Some(&e),
                "annotation {a:?} not in its Link"
            );
            assert!(get(&doc, ad, "Contents")
                .and_then(text)
                .is_some_and(|t| !t.is_empty()));
        }
    }

    // Figures, tables, lists, headings.
    for e in &s.elems {
        if e.role == "Figure" {
            assert!(
                e.alt.as_deref().is_some_and(|a| !a.trim().is_empty()),
                "a figure without alternative text"
            );
        }
        if e.role == "TH" {
            assert!(
                matches!(e.scope.as_deref(), Some("Row" | "Column" | "Both")),
                "a header cell without a scope"
            );
        }
    }
    for (i, _) in s.with_role("Table") {
        let parts = s.descendants(i);
        assert!(
            parts.iter().any(|&d| s.elems[d].role == "TH"),
            "a table without header cells"
        );
        for r in s.child_roles(i) {
            assert!(
                matches!(r, "THead" | "TBody" | "TFoot" | "TR" | "Caption"),
                "{r} in a table"
            );
        }
        // Rows of header and data cells, all as wide (counting spans).
        let mut widths = BTreeSet::new();
        for &d in &parts {
            if s.elems[d].role == "TR" {
                for c in s.child_roles(d) {
                    assert!(matches!(c, "TH" | "TD"), "{c} in a table row");
                }
                let width: usize = s.elems[d]
                    .kids
                    .iter()
                    .filter_map(|k| match k {
                        Kid::Elem(c) => Some(s.elems[*c].col_span),
                        _ => None,
                    })
                    .sum();
                widths.insert(width);
            }
        }
        assert_eq!(widths.len(), 1, "a table with rows of widths {widths:?}");
    }
    for (i, _) in s.with_role("L") {
        for r in s.child_roles(i) {
            assert!(matches!(r, "LI" | "Caption" | "L"), "{r} in a list");
        }
    }
    for (i, _) in s.with_role("LI") {
        for r in s.child_roles(i) {
            assert!(matches!(r, "Lbl" | "LBody"), "{r} in a list item");
        }
    }
    let mut last = 0;
    for e in &s.elems {
        if let Some(level) = e
            .role
            .strip_prefix('H')
            .and_then(|l| l.parse::<usize>().ok())
        {
            assert!(
                level <= last + 1,
                "heading level skipped: H{level} after H{last}"
            );
            last = level;
        }
    }
    s
}

/// `pdfinfo -struct-text`: the structure tree with each element's text.
pub fn struct_text(path: &Path) -> String {
    super::pdf_tools::tool_ok("pdfinfo", &["-struct-text", super::pdf_tools::p(path)])
}

/// An element as `pdfinfo -struct-text` prints it: its depth in the tree, its
/// type, and the text it holds (its own lines of text, joined).
#[derive(Clone, Debug)]
pub struct Printed {
    pub depth: usize,
    pub role: String,
    pub text: String,
}

/// `pdfinfo -struct-text` read into a list of elements in reading order.
pub fn printed(path: &Path) -> Vec<Printed> {
    parse_printed(&struct_text(path))
}

/// Parses `pdfinfo -struct-text` output: two spaces of indentation a level;
/// an element is a type name (with ` (block)`, ` (inline)` or `:` before its
/// attributes), its text lines are in double quotes.
pub fn parse_printed(out: &str) -> Vec<Printed> {
    let mut list: Vec<Printed> = Vec::new();
    for line in out.lines() {
        let indent = line.len() - line.trim_start().len();
        let t = line.trim();
        if t.is_empty() || t.starts_with('/') || t.starts_with("Object ") {
            continue;
        }
        if let Some(text) = t.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            if let Some(last) = list.last_mut() {
                last.text.push_str(text);
            }
            continue;
        }
        let role = t
            .trim_end_matches(':')
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned();
        list.push(Printed {
            depth: indent / 2,
            role,
            text: String::new(),
        });
    }
    list
}

/// The text of element `i` of a printed list and of everything under it.
pub fn printed_text(list: &[Printed], i: usize) -> String {
    let mut text = list[i].text.clone();
    for p in list[i + 1..].iter().take_while(|p| p.depth > list[i].depth) {
        text.push_str(&p.text);
    }
    text
}

/// The headings of a printed structure, in order: (level of H1–H3, text).
pub fn printed_headings(list: &[Printed]) -> Vec<(usize, String)> {
    list.iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let level = e.role.strip_prefix('H')?.parse().ok()?;
            Some((level, super::pdf_tools::normalise(&printed_text(list, i))))
        })
        .collect()
}

/// The headings a tagged PDF should have for these sections (its bookmarks):
/// each tagged with its depth in the outline.
pub fn expected_headings(sections: &[PlacedSection]) -> Vec<(usize, String)> {
    let mut open: Vec<u8> = Vec::new();
    sections
        .iter()
        .map(|s| {
            while open.last().is_some_and(|&l| l >= s.level) {
                open.pop();
            }
            open.push(s.level);
            (open.len(), super::pdf_tools::normalise(&s.title))
        })
        .collect()
}
