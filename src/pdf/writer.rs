//! Turns laid-out pages into the PDF file: printpdf builds the document (subset
//! font embedding with ToUnicode maps, content streams, images, link annotations),
//! then the lopdf document it produces is finished here: a fixed document ID, a
//! nested outline (bookmarks) in document order, the structure tree and the
//! document's language and XMP metadata ([`super::tags`]), stream compression
//! and saving. Everything that goes in is keyed by fixed names, so output is
//! reproducible.

use std::sync::OnceLock;

use lopdf::{Object, ObjectId, StringFormat};
use printpdf::{
    Codepoint, FontId, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Pt, Rect, TextItem, XObjectId,
};
use sha2::{Digest, Sha256};

use super::content::Content;
use super::fonts::{FaceId, GlyphsUsed, TextStyle, FACES};
use super::layout::{LaidOut, PlacedHeading};
use super::tags::{self, PageParents};
use super::{Document, PdfError};

fn pdf_date(t: jiff::Timestamp) -> printpdf::OffsetDateTime {
    printpdf::OffsetDateTime::from_unix_timestamp(t.as_second())
        .unwrap_or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0).expect("epoch"))
}

/// A text string for the PDF (UTF-16BE with BOM unless plain ASCII).
pub(crate) fn text_string(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// The document ID: derived from the metadata and the page count, so that the same
/// input gives the same file (printpdf would draw it from a global counter).
fn document_id(doc: &Document, pages: usize) -> Vec<u8> {
    let md = &doc.metadata;
    let mut h = Sha256::new();
    for part in [&md.title, &md.author, &md.subject, &md.creator] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.update(md.created.as_second().to_be_bytes());
    h.update(md.modified.as_second().to_be_bytes());
    h.update((pages as u64).to_be_bytes());
    h.finalize()[..16].to_vec()
}

/// Writes the PDF to `out`, which must be empty: as it is saved, through a
/// buffer, with no copy of the whole file in memory when `out` is a file.
pub(crate) fn write(
    doc: &Document,
    mut laid: LaidOut,
    used: &GlyphsUsed,
    out: &mut dyn super::PdfOut,
    mut jpegs: Vec<Vec<u8>>,
) -> Result<(), PdfError> {
    let md = &doc.metadata;
    let producer = format!("Partnership Portfolio (printpdf {})", "0.12.8");
    let mut pdf = PdfDocument::new(&md.title);
    {
        let info = &mut pdf.metadata.info;
        info.author = md.author.clone();
        info.subject = md.subject.clone();
        info.keywords = md.keywords.clone();
        info.creator = md.creator.clone();
        info.producer = producer.clone();
        info.creation_date = pdf_date(md.created);
        info.modification_date = pdf_date(md.modified);
        info.metadata_date = pdf_date(md.modified);
    }

    // Fonts: only the faces the pages use, under fixed resource names.
    for face in FaceId::ALL.into_iter().filter(|&f| used.uses(f)) {
        pdf.resources.fonts.map.insert(
            FontId(face.resource_name().to_owned()),
            PdfFont::new(parsed_font(face)?),
        );
    }
    // A photograph's bytes are not given to printpdf, which would copy them
    // into its lopdf stream (a copy of every photo, ~18 MB for the demo, and
    // both held at once): its stream is made empty and the bytes are moved
    // into it once the lopdf document is made (`put_image_bytes`). The
    // layout left the bytes of the document's own images in the document
    // (`jpegs`, in image order), so they are not copied there either.
    let mut image_bytes = Vec::new();
    for mut image in laid.images {
        if let printpdf::XObject::External(x) = &mut image.xobject {
            let bytes = match std::mem::take(&mut x.stream.content) {
                made_later if !made_later.is_empty() => made_later,
                _ => jpegs
                    .get_mut(image.index)
                    .map(std::mem::take)
                    .ok_or_else(|| {
                        PdfError::Write(format!("no bytes for image {}", image.index + 1))
                    })?,
            };
            image_bytes.push((image.id.clone(), bytes));
        }
        pdf.resources
            .xobjects
            .map
            .insert(XObjectId(image.id), image.xobject);
    }

    let page_count = laid.pages.len();
    let page_heights: Vec<f32> = laid.pages.iter().map(|p| p.height).collect();
    let parents: Vec<PageParents> = laid
        .pages
        .iter_mut()
        .map(|p| std::mem::take(&mut p.parents))
        .collect();
    laid.tree.attach(&parents);
    // printpdf makes the page objects (with their link annotations), the
    // fonts and the images; the content streams are the layout's own, put in
    // below. printpdf learns which glyphs to embed from operations showing
    // each drawn glyph once, on the first page, whose stream is replaced too.
    let mut contents = Vec::with_capacity(page_count);
    let mut pages = Vec::with_capacity(page_count);
    for p in laid.pages {
        let bbox = Rect::from_wh(Pt(p.width), Pt(p.height));
        contents.push(p.content);
        pages.push(PdfPage {
            media_box: bbox.clone(),
            trim_box: bbox.clone(),
            crop_box: bbox,
            ops: p
                .links
                .into_iter()
                .map(|link| Op::LinkAnnotation { link })
                .collect(),
        });
    }
    if let Some(first) = pages.first_mut() {
        first.ops.extend(glyph_inventory(used));
    }
    pdf.pages = pages;

    let opts = PdfSaveOptions {
        optimize: false,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    if let Some(w) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(PdfError::Write(format!("printpdf: {}", w.msg)));
    }
    // Everything is in `lo` now: the images' bytes need not stay in memory twice.
    drop(pdf);
    put_contents(&mut lo, contents, used)?;
    put_image_bytes(&mut lo, image_bytes)?;

    let id = document_id(doc, page_count);
    let id_hex: String = id.iter().map(|b| format!("{b:02x}")).collect();
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    // Tagged PDF and PDF/UA are defined on PDF 1.7 (ISO 32000-1).
    lo.version = "1.7".into();
    tidy_info(&mut lo, doc);
    add_outline(&mut lo, &laid.headings, &page_heights)?;
    let info = tags::DocInfo {
        title: &md.title,
        author: &md.author,
        subject: &md.subject,
        keywords: &md.keywords,
        creator: &md.creator,
        producer: &producer,
        language: &md.language,
        created: md.created,
        modified: md.modified,
        id_hex: &id_hex,
    };
    let structure = tags::write(&mut lo, &laid.tree, &parents, &info)
        .map_err(|e| PdfError::Write(format!("structure tree: {e}")))?;
    // The structure tree's bytes are made while the streams are compressed.
    let tree = &laid.tree;
    let serialized = std::thread::scope(|scope| {
        let serializing = structure
            .as_ref()
            .map(|pending| scope.spawn(|| tags::serialize(pending, tree, &parents)));
        compress_streams(&mut lo);
        serializing.map(|s| s.join().expect("serializing the structure tree"))
    });
    drop((laid.tree, parents));

    let tree_size = serialized.as_ref().map_or(0, |s| s.len());
    out.reserve(file_size_estimate(&lo) + tree_size);
    {
        use std::io::Write;
        let mut buffered = std::io::BufWriter::with_capacity(256 << 10, &mut *out);
        lo.save_to(&mut buffered)?;
        buffered.flush()?;
    }
    drop(lo);
    if let (Some(pending), Some(serialized)) = (structure, serialized) {
        tags::append(out, &pending, serialized)?;
    }
    Ok(())
}

/// printpdf's reading of each face (it parses the whole font program, about
/// as long as laying out a hundred pages), made once per process.
static PARSED: [OnceLock<Result<ParsedFont, String>>; FACES] = [const { OnceLock::new() }; FACES];

/// printpdf's reading of `face`, made on first use.
fn parsed_font(face: FaceId) -> Result<ParsedFont, PdfError> {
    PARSED[face.index()]
        .get_or_init(|| {
            let mut warnings = Vec::new();
            ParsedFont::from_bytes(face.bytes(), 0, &mut warnings)
                .ok_or_else(|| format!("cannot load {face:?}: {warnings:?}"))
        })
        .clone()
        .map_err(PdfError::Font)
}

/// Reads the four text faces for printpdf, if not yet read: called on a
/// second thread while the first render of the process lays out its pages.
pub(crate) fn read_text_faces() {
    for style in [
        TextStyle::Regular,
        TextStyle::Bold,
        TextStyle::Italic,
        TextStyle::BoldItalic,
    ] {
        let _ = parsed_font(style.face());
    }
}

/// Operations that show every glyph drawn once, in its face: printpdf
/// subsets each font to the glyphs its pages' operations show, and maps
/// each to the character given here in the font's ToUnicode map.
fn glyph_inventory(used: &GlyphsUsed) -> Vec<Op> {
    let mut ops = Vec::new();
    for face in FaceId::ALL.into_iter().filter(|&f| used.uses(f)) {
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(FontId(face.resource_name().to_owned())),
            size: Pt(10.0),
        });
        let glyphs = used
            .glyphs(face)
            .map(|(gid, c)| Codepoint {
                gid,
                offset: 0.0,
                cid: Some(c.to_string()),
            })
            .collect();
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(glyphs)],
        });
        ops.push(Op::EndTextSection);
    }
    ops
}

/// Puts each page's content stream, its glyphs numbered as in the embedded
/// subsets, in place of the stream printpdf made for the page.
fn put_contents(
    lo: &mut lopdf::Document,
    contents: Vec<Content>,
    used: &GlyphsUsed,
) -> Result<(), PdfError> {
    let page_ids: Vec<ObjectId> = lo.get_pages().into_values().collect();
    if page_ids.len() != contents.len() {
        return Err(PdfError::Write(format!(
            "{} pages laid out but {} in the file",
            contents.len(),
            page_ids.len()
        )));
    }
    let subset = used.subset_ids();
    for (page_id, content) in page_ids.into_iter().zip(contents) {
        let stream_id = lo
            .get_page_contents(page_id)
            .first()
            .copied()
            .ok_or_else(|| PdfError::Write("a page without a content stream".into()))?;
        let stream = lo
            .get_object_mut(stream_id)
            .and_then(Object::as_stream_mut)
            .map_err(|e| PdfError::Write(format!("page content: {e}")))?;
        stream.set_content(content.renumber(|face, gid| subset[face.index()][usize::from(gid)]));
    }
    Ok(())
}

/// Moves each image's bytes into the stream printpdf made for it without
/// them: the XObject printpdf names `id` in the resources every page shares.
fn put_image_bytes(
    lo: &mut lopdf::Document,
    images: Vec<(String, Vec<u8>)>,
) -> Result<(), PdfError> {
    if images.is_empty() {
        return Ok(());
    }
    let err = |what: &str| PdfError::Write(format!("image objects: {what}"));
    let first_page = lo
        .get_pages()
        .into_values()
        .next()
        .ok_or_else(|| err("no page"))?;
    let xobjects = lo
        .get_dictionary(first_page)
        .and_then(|page| page.get(b"Resources"))
        .and_then(|r| lo.dereference(r))
        .and_then(|(_, r)| r.as_dict())
        .and_then(|r| r.get(b"XObject"))
        .and_then(|x| lo.dereference(x))
        .and_then(|(_, x)| x.as_dict())
        .map_err(|e| err(&e.to_string()))?;
    let ids: Vec<ObjectId> = images
        .iter()
        .map(|(name, _)| {
            xobjects
                .get(name.as_bytes())
                .and_then(Object::as_reference)
                .map_err(|_| err(&format!("no object for {name}")))
        })
        .collect::<Result<_, _>>()?;
    for (id, (_, bytes)) in ids.into_iter().zip(images) {
        lo.get_object_mut(id)
            .and_then(Object::as_stream_mut)
            .map_err(|e| err(&e.to_string()))?
            .set_content(bytes);
    }
    Ok(())
}

/// About how big the saved file will be (a little more, so that the buffer
/// it is written to is not grown, by doubling, near the end).
fn file_size_estimate(lo: &lopdf::Document) -> usize {
    let streams: usize = lo
        .objects
        .values()
        .map(|o| match o {
            Object::Stream(s) => s.content.len() + 160,
            _ => 120,
        })
        .sum();
    streams + streams / 32 + (64 << 10)
}

/// The deflate level of the content streams, fonts and maps, chosen by
/// measurement (docs/benchmarks.md): on the 300-record demo, level 2 costs
/// about as much time as level 1 for a file 0.8 MB smaller, and level 6 (the
/// default) about 0.13 s more CPU time for a file 0.36 MB (1.4 %) smaller.
const DEFLATE_LEVEL: u32 = 2;

/// Deflates every stream that allows it and has no filter yet (content streams,
/// font programs, ToUnicode maps), on all cores, at [`DEFLATE_LEVEL`].
fn compress_streams(lo: &mut lopdf::Document) {
    use std::io::Write;
    let mut streams: Vec<&mut lopdf::Stream> = lo
        .objects
        .values_mut()
        .filter_map(|o| match o {
            Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let chunk = streams.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for part in streams.chunks_mut(chunk) {
            scope.spawn(move || {
                // One compressor a thread, reset after each stream (making
                // one allocates and clears its tables: a tenth of the
                // deflating's time). Its output is a new one's.
                let new = |capacity: usize| {
                    flate2::write::ZlibEncoder::new(
                        Vec::with_capacity(capacity),
                        flate2::Compression::new(DEFLATE_LEVEL),
                    )
                };
                let capacity: Vec<usize> = part.iter().map(|s| s.content.len() / 3).collect();
                let mut enc = new(capacity.first().copied().unwrap_or(0));
                for (i, stream) in part.iter_mut().enumerate() {
                    let next = capacity.get(i + 1).copied().unwrap_or(0);
                    let packed = match enc.write_all(&stream.content) {
                        Ok(()) => enc.reset(Vec::with_capacity(next)),
                        Err(e) => Err(e),
                    };
                    let Ok(packed) = packed else {
                        enc = new(next);
                        continue;
                    };
                    if packed.len() + 19 < stream.content.len() {
                        stream
                            .dict
                            .set("Filter", Object::Name(b"FlateDecode".to_vec()));
                        stream.set_content(packed);
                    }
                }
            });
        }
    });
}

/// Removes printpdf's empty PDF/X and non-standard keys from the Info dictionary
/// (an empty `GTS_PDFXVersion` makes readers report the file as PDF/X).
fn tidy_info(lo: &mut lopdf::Document, doc: &Document) {
    let Ok(id) = lo.trailer.get(b"Info").and_then(Object::as_reference) else {
        return;
    };
    if let Ok(info) = lo.get_object_mut(id).and_then(Object::as_dict_mut) {
        info.remove(b"GTS_PDFXVersion");
        info.remove(b"Identifier");
        info.remove(b"Trapped");
        if doc.metadata.keywords.is_empty() {
            info.remove(b"Keywords");
        }
    }
}

/// Writes the bookmarks: one per heading, nested by level, in document order,
/// each jumping to the heading's position on its page; sections open, their
/// parts folded.
fn add_outline(
    lo: &mut lopdf::Document,
    headings: &[PlacedHeading],
    page_heights: &[f32],
) -> Result<(), PdfError> {
    let catalog_err = |e: lopdf::Error| PdfError::Write(format!("catalog: {e}"));
    if headings.is_empty() {
        lo.catalog_mut()
            .map_err(catalog_err)?
            .set("PageMode", Object::Name(b"UseNone".to_vec()));
        return Ok(());
    }
    let pages = lo.get_pages();
    let root = lo.new_object_id();
    let ids: Vec<ObjectId> = headings.iter().map(|_| lo.new_object_id()).collect();

    // Parent of each item: the nearest earlier heading of a smaller level.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(headings.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        while stack.last().is_some_and(|&t| headings[t].level >= h.level) {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(i);
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); headings.len()];
    let mut top_level = Vec::new();
    for (i, p) in parent.iter().enumerate() {
        match p {
            Some(p) => children[*p].push(i),
            None => top_level.push(i),
        }
    }
    // Sections (level 1) are open, deeper entries folded, so a long document
    // shows its sections and their direct parts. `visible[i]`: the entries
    // shown under `i` when it is open (children come after their parent).
    let open = |i: usize| headings[i].level <= 1;
    let mut visible = vec![0_i64; headings.len()];
    for i in (0..headings.len()).rev() {
        visible[i] = children[i]
            .iter()
            .map(|&c| 1 + if open(c) { visible[c] } else { 0 })
            .sum();
    }
    // PDF: a closed entry's Count is minus what opening it would show.
    let count: Vec<i64> = (0..headings.len())
        .map(|i| if open(i) { visible[i] } else { -visible[i] })
        .collect();
    let shown: i64 = top_level
        .iter()
        .map(|&t| 1 + if open(t) { visible[t] } else { 0 })
        .sum();

    let link_siblings = |lo: &mut lopdf::Document, list: &[usize]| {
        for (k, &i) in list.iter().enumerate() {
            let h = &headings[i];
            let page_ref = pages
                .get(&(h.page as u32 + 1))
                .copied()
                .map_or(Object::Null, Object::Reference);
            let top = page_heights.get(h.page).copied().unwrap_or(0.0) - h.top + 6.0;
            let mut dict = lopdf::Dictionary::new();
            dict.set("Title", text_string(&h.title));
            dict.set(
                "Parent",
                Object::Reference(parent[i].map_or(root, |p| ids[p])),
            );
            if k > 0 {
                dict.set("Prev", Object::Reference(ids[list[k - 1]]));
            }
            if let Some(&next) = list.get(k + 1) {
                dict.set("Next", Object::Reference(ids[next]));
            }
            if let (Some(&first), Some(&last)) = (children[i].first(), children[i].last()) {
                dict.set("First", Object::Reference(ids[first]));
                dict.set("Last", Object::Reference(ids[last]));
                dict.set("Count", Object::Integer(count[i]));
            }
            dict.set(
                "Dest",
                Object::Array(vec![
                    page_ref,
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Real(top),
                    Object::Null,
                ]),
            );
            lo.set_object(ids[i], dict);
        }
    };
    link_siblings(lo, &top_level);
    for list in &children {
        link_siblings(lo, list);
    }

    let mut outlines = lopdf::Dictionary::new();
    outlines.set("Type", Object::Name(b"Outlines".to_vec()));
    outlines.set("First", Object::Reference(ids[top_level[0]]));
    outlines.set(
        "Last",
        Object::Reference(ids[*top_level.last().expect("non-empty")]),
    );
    outlines.set("Count", Object::Integer(shown));
    lo.set_object(root, outlines);

    let catalog = lo.catalog_mut().map_err(catalog_err)?;
    catalog.set("Outlines", Object::Reference(root));
    catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    Ok(())
}
