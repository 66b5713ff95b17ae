//! End-to-end checks of the PDF engine with real PDF tools (qpdf and poppler's
//! pdffonts, pdfinfo, pdftotext, pdftoppm, pdfimages). They must be installed:
//! `apt-get install -y poppler-utils qpdf`. A missing tool fails the test.
//! The tagging (PDF/UA) is checked with `pdfinfo -struct-text` and by reading
//! the structure tree back with lopdf (`support::pdf_structure`); the fallback
//! fonts with a text holding every class of character a learner may type.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use partnership_portfolio::pdf::*;
use support::pdf_characters::EVERY_CHARACTER;
use support::pdf_sample::{self, sample_document};
use support::pdf_structure::{
    self, expected_headings, printed, printed_headings, printed_text, Kid, Printed,
};
use support::pdf_tools::{
    assert_fonts_embedded, normalise, p, page_text, squash, tool, tool_ok, word_boxes,
};

/// The rendered sample, written once per test run.
struct Sample {
    _dir: tempfile::TempDir,
    path: PathBuf,
    rendered: Rendered,
    doc: Document,
}

fn sample() -> &'static Sample {
    static SAMPLE: OnceLock<Sample> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let doc = sample_document(64, 4);
        let rendered = render_detailed(&doc).expect("render sample");
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sample.pdf");
        std::fs::write(&path, &rendered.pdf).expect("write sample");
        Sample {
            _dir: dir,
            path,
            rendered,
            doc,
        }
    })
}

/// Text of the whole document with the running header and footer lines removed.
fn body_text(s: &Sample) -> String {
    let all = tool_ok("pdftotext", &[p(&s.path), "-"]);
    let running = [pdf_sample::LEARNER, pdf_sample::URN, pdf_sample::FOOTER];
    all.lines()
        .filter(|l| {
            let l = l.trim().trim_start_matches('\u{c}');
            !(running.contains(&l) || l.starts_with("Page ") && l.contains(" of "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn paragraphs(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) => out.push(p.spans.iter().map(|s| s.text.as_str()).collect()),
            Block::Bullets(items) => {
                for p in items {
                    out.push(p.spans.iter().map(|s| s.text.as_str()).collect());
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn qpdf_check_passes() {
    let s = sample();
    let out = tool("qpdf", &["--check", p(&s.path)]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "qpdf --check failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("No syntax or stream encoding errors found"),
        "{stdout}"
    );
    assert!(
        out.stderr.is_empty(),
        "qpdf warnings: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn fonts_are_embedded_subset_with_tounicode_and_none_is_base14() {
    let s = sample();
    let out = tool_ok("pdffonts", &[p(&s.path)]);
    let rows: Vec<&str> = out
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(
        rows.len() >= 3,
        "expected regular, bold and italic faces:\n{out}"
    );
    for face in ["NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic"] {
        assert!(out.contains(face), "{face} missing:\n{out}");
    }
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type... encoding emb sub uni object ID
        let n = cols.len();
        let (emb, sub, uni) = (cols[n - 5], cols[n - 4], cols[n - 3]);
        assert_eq!(
            (emb, sub, uni),
            ("yes", "yes", "yes"),
            "font not embedded+subset+ToUnicode: {row}"
        );
        let name = cols[0];
        let tag = name.split('+').next().unwrap();
        assert!(
            name.contains('+') && tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "no subset tag: {row}"
        );
        for base14 in ["Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats"] {
            assert!(!name.contains(base14), "base-14 font used: {row}");
        }
        assert!(row.contains("CID TrueType"), "unexpected font type: {row}");
    }
}

#[test]
fn pdfinfo_shows_metadata_and_page_count() {
    let s = sample();
    let out = tool_ok("pdfinfo", &[p(&s.path)]);
    let field = |k: &str| {
        out.lines()
            .find_map(|l| l.strip_prefix(&format!("{k}:")))
            .map(str::trim)
            .unwrap_or_else(|| panic!("no {k} in pdfinfo:\n{out}"))
            .to_owned()
    };
    assert_eq!(field("Title"), "Evidence portfolio: CLDAL16");
    assert_eq!(field("Author"), "Siân Llŷr");
    assert_eq!(field("Subject"), "Develop and support learning for adults");
    assert_eq!(field("CreationDate"), "Mon Jun 30 14:00:00 2025 UTC");
    assert_eq!(field("ModDate"), "Tue Jul  1 09:30:00 2025 UTC");
    let pages: usize = field("Pages").parse().unwrap();
    assert_eq!(pages, s.rendered.page_count);
    assert!(
        pages >= 60,
        "the sample should run to 60+ pages, got {pages}"
    );
    assert!(!out.contains("PDF subtype"), "must not claim PDF/X:\n{out}");
}

#[test]
fn every_paragraph_comes_back_from_pdftotext() {
    let s = sample();
    let text = body_text(s);
    let squashed = squash(&text);
    let normal = normalise(&text);
    let paras = paragraphs(&s.doc);
    assert!(paras.len() > 150);
    for para in &paras {
        assert!(
            squashed.contains(&squash(para)),
            "paragraph missing or altered in the PDF text:\n{para}"
        );
        // Where no line can break inside a word, the words and spaces come back exactly.
        let breakable_inside_words = para.split_whitespace().any(|w| {
            w.chars().count() > 40
                || w.trim_end_matches(['-', '/'])
                    .contains(['-', '/', '–', '—'])
        });
        if !breakable_inside_words && !para.contains('\n') {
            assert!(
                normal.contains(&normalise(para)),
                "paragraph text differs:\n{para}"
            );
        }
    }
    // Non-ASCII characters survive as characters, not look-alikes.
    for needle in [
        "Siân Llŷr",
        "Łódź",
        "Màiri",
        "ŵ, ŷ, Ŵ and Ŷ",
        "‘stop, start, continue’",
        "“Bore da”",
        "£5",
        "€5",
        "Wrocław",
    ] {
        assert!(text.contains(needle), "{needle} missing");
    }
    assert!(
        squashed.contains(&squash(&pdf_sample::long_url())),
        "URL lost"
    );
    assert!(
        !text.contains('\u{FFFD}'),
        "replacement character in output"
    );
}

#[test]
fn blank_lines_in_paragraphs_are_kept() {
    let s = sample();
    let text = tool_ok("pdftotext", &["-layout", p(&s.path), "-"]);
    // "…30 June." / "2. Revise…" / blank / "Review date…" keep their lines.
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let found: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with("2. Revise the initial assessment"))
        .collect();
    assert!(!found.is_empty(), "action plan missing");
    for &i in &found {
        // The line after is blank: the empty source line (or the end of a page).
        assert_eq!(lines[i + 1], "", "blank line lost");
    }
    // Where the plan is not split by a page break, every source line is a line
    // of its own and the blank line sits between.
    assert!(
        found.iter().any(|&i| {
            lines[i - 2].starts_with("Actions agreed with my assessor:")
                && lines[i - 1].starts_with("1. Observe a colleague")
                && lines[i + 2].starts_with("Review date: 14 July")
        }),
        "hard line breaks or blank line lost"
    );
}

fn outline_titles(
    items: &[serde_json::Value],
    depth: usize,
    out: &mut Vec<(usize, String, usize)>,
) {
    for item in items {
        out.push((
            depth,
            item["title"].as_str().unwrap().to_owned(),
            item["destpageposfrom1"].as_u64().unwrap() as usize,
        ));
        outline_titles(item["kids"].as_array().unwrap(), depth + 1, out);
    }
}

#[test]
fn bookmarks_cover_every_section_in_order() {
    let s = sample();
    let json = tool_ok("qpdf", &["--json", "--json-key=outlines", p(&s.path)]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut items = Vec::new();
    outline_titles(v["outlines"].as_array().unwrap(), 0, &mut items);
    assert_eq!(items.len(), s.rendered.sections.len());
    for ((depth, title, page), section) in items.iter().zip(&s.rendered.sections) {
        assert_eq!(title, &section.title);
        assert_eq!(*page, section.page, "{title}");
        assert!(
            *depth < usize::from(section.level),
            "{title} nested too deep"
        );
        // The bookmark's page really shows the heading.
        if *page <= 3 || title.starts_with("E00") || section.level == 1 {
            assert!(
                squash(&page_text(&s.path, *page)).contains(&squash(title)),
                "{title} not on page {page}"
            );
        }
    }
    let titles: Vec<&str> = items.iter().map(|i| i.1.as_str()).collect();
    assert_eq!(
        &titles[..4],
        &[
            "Contents",
            "Declarations",
            "Learner declaration",
            "Assessor declaration"
        ]
    );
}

/// Contents entries as printed: (title, page number) in order.
fn contents_entries(s: &Sample) -> Vec<(String, usize)> {
    let mut entries = Vec::new();
    for page in 2..=4 {
        let n = page.to_string();
        let text = tool_ok(
            "pdftotext",
            &["-layout", "-f", &n, "-l", &n, p(&s.path), "-"],
        );
        for line in text.lines() {
            let line = line.trim();
            let Some((title, number)) = line.rsplit_once(' ') else {
                continue;
            };
            let (title, number) = (title.trim(), number.trim());
            if let Ok(n) = number.parse::<usize>() {
                let footer = title.ends_with(" of") && title.contains("Page ");
                if !title.is_empty() && !footer {
                    entries.push((title.to_owned(), n));
                }
            }
        }
    }
    entries
}

#[test]
fn contents_page_numbers_are_the_real_pages() {
    let s = sample();
    let entries = contents_entries(s);
    let listed: Vec<&PlacedSection> = s
        .rendered
        .sections
        .iter()
        .filter(|x| x.level <= 2 && x.title != "Contents")
        .collect();
    assert_eq!(entries.len(), listed.len(), "{entries:?}");
    for ((title, page), section) in entries.iter().zip(listed) {
        assert_eq!(title, &section.title);
        // Independently of the engine: the numbered page shows the heading.
        let text = page_text(&s.path, *page);
        assert!(
            squash(&text).contains(&squash(title)),
            "{title} is not on page {page}"
        );
    }
}

#[test]
fn contents_entries_link_to_their_pages() {
    let s = sample();
    let entries = contents_entries(s);
    let doc = lopdf::Document::load_mem(&s.rendered.pdf).unwrap();
    let pages = doc.get_pages();
    let number_of: BTreeMap<lopdf::ObjectId, u32> = pages.iter().map(|(n, id)| (*id, *n)).collect();
    let mut targets = Vec::new();
    for page_no in 2..=4 {
        let page = doc.get_dictionary(pages[&page_no]).unwrap();
        let Ok(annots) = page.get(b"Annots").and_then(lopdf::Object::as_array) else {
            continue;
        };
        let mut links: Vec<(f32, u32)> = Vec::new();
        for a in annots {
            let a = match a {
                lopdf::Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
                other => other.as_dict().unwrap(),
            };
            let action = a.get(b"A").unwrap().as_dict().unwrap();
            assert_eq!(action.get(b"S").unwrap().as_name().unwrap(), b"GoTo");
            let dest = action.get(b"D").unwrap().as_array().unwrap();
            let target = number_of[&dest[0].as_reference().unwrap()];
            let rect = a.get(b"Rect").unwrap().as_array().unwrap();
            links.push((rect[3].as_float().unwrap(), target));
        }
        links.sort_by(|a, b| b.0.total_cmp(&a.0));
        targets.extend(links.into_iter().map(|(_, t)| t as usize));
    }
    let printed: Vec<usize> = entries.iter().map(|e| e.1).collect();
    assert_eq!(targets, printed, "links must go where the contents says");
}

#[test]
fn no_text_runs_outside_the_text_area() {
    let s = sample();
    let margin = 22.0 * 72.0 / 25.4;
    let pages = word_boxes(&s.path);
    assert_eq!(pages.len(), s.rendered.page_count);
    for (i, ((w, h), words)) in pages.iter().enumerate() {
        assert!(!words.is_empty(), "page {} has no text", i + 1);
        for (text, b) in words {
            assert!(
                b[0] >= margin - 0.5 && b[2] <= w - margin + 0.5 && b[1] >= 0.0 && b[3] <= *h,
                "page {}: {text:?} at {b:?} leaves the text area ({w}×{h})",
                i + 1
            );
        }
    }
}

#[test]
fn headings_are_never_left_at_the_foot_of_a_page() {
    let s = sample();
    let pages = word_boxes(&s.path);
    let body_bottom_margin = 22.0 * 72.0 / 25.4;
    for section in &s.rendered.sections {
        let ((_, h), words) = &pages[section.page - 1];
        let first_word = section.title.split_whitespace().next().unwrap();
        let heading_bottom = words
            .iter()
            .filter(|(t, _)| t == first_word)
            .map(|(_, b)| b[3])
            .next()
            .unwrap_or_else(|| panic!("{} not found on page {}", section.title, section.page));
        let below = words
            .iter()
            .filter(|(_, b)| b[1] > heading_bottom + 1.0 && b[3] < h - body_bottom_margin)
            .count();
        assert!(
            below >= 3,
            "heading {:?} on page {} has nothing under it",
            section.title,
            section.page
        );
    }
}

#[test]
fn pages_render_with_pdftoppm() {
    let s = sample();
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("page");
    let out = tool("pdftoppm", &["-r", "20", "-png", p(&s.path), p(&prefix)]);
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "pdftoppm complained: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pngs = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(pngs, s.rendered.page_count);
}

#[test]
fn jpegs_are_embedded_unchanged() {
    let s = sample();
    let pdf = &s.rendered.pdf;
    for jpeg in [pdf_sample::LANDSCAPE_JPEG, pdf_sample::PORTRAIT_JPEG] {
        assert!(
            pdf.windows(jpeg.len()).any(|w| w == jpeg),
            "JPEG bytes not found verbatim: it was re-encoded"
        );
    }
    let list = tool_ok("pdfimages", &["-list", p(&s.path)]);
    let jpegs = list.lines().filter(|l| l.contains(" jpeg ")).count();
    let flate = list
        .lines()
        .filter(|l| l.contains(" image ") && !l.contains(" jpeg "))
        .count();
    assert_eq!(jpegs, 6, "{list}");
    assert_eq!(flate, 1, "the RGB8 chart:\n{list}");
}

#[test]
fn grid_parts_repeat_row_and_column_labels() {
    let s = sample();
    let mut parts = 0;
    for page in 1..=s.rendered.page_count {
        let text = page_text(&s.path, page);
        let Some(caption) = text
            .lines()
            .find(|l| l.starts_with("Part ") && l.contains(" columns "))
        else {
            continue;
        };
        parts += 1;
        // "Part 2 of 6 — columns 1–50 of 150, rows 22–42 of 42"
        let nums: Vec<usize> = caption
            .split(|c: char| !c.is_ascii_digit())
            .filter(|t| !t.is_empty())
            .map(|t| t.parse().unwrap())
            .collect();
        let (c0, c1, r0, r1) = (nums[2], nums[3], nums[5], nums[6]);
        assert!(
            text.contains("Criterion / evidence"),
            "corner label missing on page {page}"
        );
        for c in c0..=c1 {
            assert!(
                text.contains(&format!("E{c:03}")),
                "column E{c:03} label missing on page {page}"
            );
        }
        for r in r0..=r1 {
            let label = if r <= 20 {
                format!("PC{r} ")
            } else {
                format!("K{} ", r - 20)
            };
            assert!(text.contains(&label), "row {label} missing on page {page}");
        }
        let w: f32 = tool_ok(
            "pdfinfo",
            &["-f", &page.to_string(), "-l", &page.to_string(), p(&s.path)],
        )
        .lines()
        .find(|l| l.starts_with(&format!("Page {page:>4} size:")))
        .and_then(|l| l.split_whitespace().nth(3).map(|x| x.parse().unwrap()))
        .unwrap();
        assert!(w > 800.0, "grid page {page} should be landscape");
    }
    assert_eq!(parts, 6, "150 columns × 42 rows should make 3 × 2 parts");
}

fn table_doc(rows: usize, huge_row: bool) -> Document {
    let mut body: Vec<Vec<Cell>> = (1..=rows)
        .map(|i| {
            vec![
                Cell::from(format!("row-{i:03}")),
                Cell::from(format!(
                    "Value {i} with a few words that may wrap inside this rather narrow column"
                )),
            ]
        })
        .collect();
    if huge_row {
        let text = (1..=150)
            .map(|k| format!("line-{k:03}"))
            .collect::<Vec<_>>()
            .join("\n");
        body.insert(10, vec![Cell::from("huge"), Cell::from(text)]);
    }
    Document {
        metadata: pdf_sample::metadata(),
        running: RunningText::default(),
        orientation: Orientation::Portrait,
        blocks: vec![
            Block::Heading(Heading::new(1, "Table test")),
            Block::Table(Table {
                columns: vec![Column::new(1.0), Column::new(2.0)],
                header: vec![vec![Cell::from("HeaderAlpha"), Cell::from("HeaderBeta")]],
                rows: body,
                header_column: true,
                zebra: true,
                small: false,
            }),
        ],
    }
}

#[test]
fn long_tables_repeat_their_header_and_lose_no_rows_or_lines() {
    let doc = table_doc(200, true);
    let rendered = render_detailed(&doc).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("table.pdf");
    std::fs::write(&path, &rendered.pdf).unwrap();
    assert!(rendered.page_count >= 8);
    let mut all = String::new();
    for page in 1..=rendered.page_count {
        let text = page_text(&path, page);
        assert!(
            text.contains("HeaderAlpha") && text.contains("HeaderBeta"),
            "header missing on page {page}"
        );
        all.push_str(&text);
    }
    for i in 1..=200 {
        assert_eq!(all.matches(&format!("row-{i:03}")).count(), 1, "row-{i:03}");
    }
    // The row taller than a page is split between lines, in order, nothing lost.
    let mut last = 0;
    for k in 1..=150 {
        let pos = all
            .find(&format!("line-{k:03}"))
            .unwrap_or_else(|| panic!("line-{k:03} lost"));
        assert!(pos > last, "line-{k:03} out of order");
        last = pos;
    }
    // No row other than the huge one is split: each row's two cells share a page.
    for page in 1..=rendered.page_count {
        let text = page_text(&path, page);
        for i in 1..=200 {
            if text.contains(&format!("row-{i:03}")) {
                assert!(
                    text.contains(&format!("Value {i} with")),
                    "row {i} split on page {page}"
                );
            }
        }
    }
}

#[test]
fn output_is_byte_identical_for_the_same_input() {
    let doc = sample_document(6, 2);
    let first = render(&doc).unwrap();
    // Render something else in between: printpdf's global id counter moves on.
    let _ = render(&table_doc(30, false)).unwrap();
    let _ = render(&sample_document(3, 1)).unwrap();
    let second = render(&doc).unwrap();
    assert!(first == second, "output differs between runs");
    // Renders at the same time on two threads (the engine uses threads of
    // its own, and reads its fonts once per process): the same bytes.
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| render(&doc).unwrap());
        let b = s.spawn(|| render(&doc).unwrap());
        (a.join().unwrap(), b.join().unwrap())
    });
    assert!(a == first && b == first, "output differs between threads");
    // The date really comes from the input.
    let mut later = doc.clone();
    later.metadata.modified = "2025-08-01T00:00:00Z".parse().unwrap();
    assert!(render(&later).unwrap() != first);
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let mut doc = table_doc(3, false);
    if let Block::Table(t) = &mut doc.blocks[1] {
        t.rows[1].pop();
    }
    assert!(matches!(render(&doc), Err(PdfError::Invalid { .. })));
    let doc = Document {
        blocks: vec![Block::Image(Image {
            source: ImageSource::Jpeg {
                data: pdf_sample::LANDSCAPE_JPEG.to_vec(),
                width: 1200,
                height: 1600,
            },
            alt: String::new(),
            caption: None,
            max_height_mm: None,
        })],
        ..table_doc(1, false)
    };
    assert!(matches!(
        render(&doc),
        Err(PdfError::Image { index: 0, .. })
    ));
}

#[test]
fn odd_inputs_still_make_valid_pdfs_with_everything_on_the_page() {
    let long_word = "x".repeat(2000);
    let empty = Document {
        blocks: vec![],
        ..table_doc(0, false)
    };
    let odd = Document {
        orientation: Orientation::Landscape,
        blocks: vec![
            Block::PageBreak(Orientation::Portrait),
            Block::PageBreak(Orientation::Portrait),
            Block::Paragraph(Paragraph::plain("")),
            Block::Paragraph(Paragraph::plain("\n\n\n")),
            Block::Heading(Heading::new(1, "A heading that goes on and on ".repeat(12))),
            Block::Paragraph(Paragraph::plain(format!("Emoji 😀, CJK 漢字, tick ✓ and {long_word}"))),
            Block::Table(Table {
                columns: vec![Column::new(0.05), Column::new(0.95)],
                header: vec![vec![Cell::from("Narrow"), Cell::from("Wide")]],
                rows: vec![vec![Cell::from(long_word.clone()), Cell::from("short")]],
                header_column: true,
                zebra: false,
                small: true,
            }),
            Block::Table(Table {
                columns: vec![Column::new(1.0)],
                header: vec![vec![Cell::from("Header only")]],
                rows: vec![],
                header_column: true,
                zebra: true,
                small: false,
            }),
            Block::Space(500.0),
            Block::Grid(Grid {
                corner: "One".into(),
                column_labels: vec!["C".into()],
                row_labels: vec!["R".into()],
                marks: vec![vec![Mark::Dot]],
                legend: vec![],
            }),
            Block::PageBreak(Orientation::Landscape),
            Block::Grid(Grid {
                corner: String::new(),
                column_labels: (0..400).map(|c| format!("A very long column label number {c}")).collect(),
                row_labels: vec!["Row with a label long enough to need wrapping inside its column of the grid".into(); 3],
                marks: vec![vec![Mark::Text("WIDE".into()); 400]; 3],
                legend: vec![(Mark::Text("WIDE".into()), "a mark too wide for its cell".into())],
            }),
            Block::Image(Image {
                source: ImageSource::Rgb8 { pixels: vec![200, 30, 30], width: 1, height: 1 },
                alt: String::new(),
                caption: Some(long_word.clone()),
                max_height_mm: None,
            }),
            Block::Signature(Signature::blank(Vec::<String>::new())),
            Block::Signature(Signature { fields: vec!["A signature label far too long to fit in its field at all".into(); 5], values: vec!["A recorded value much too long for the line it is set on, so it is shortened".into(); 4] }),
            Block::Contents(Contents { title: "Late contents".into(), max_level: 0 }),
            Block::LabelValues(LabelValues { rows: vec![], label_width: Some(5.0) }),
            Block::PageBreak(Orientation::Portrait),
        ],
        ..table_doc(0, false)
    };
    let dir = tempfile::tempdir().unwrap();
    for (name, doc) in [("empty", empty), ("odd", odd)] {
        let rendered = render_detailed(&doc).unwrap();
        let path = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&path, &rendered.pdf).unwrap();
        if let Ok(dir) = std::env::var("PDF_TEST_KEEP") {
            std::fs::write(Path::new(&dir).join(format!("{name}.pdf")), &rendered.pdf).unwrap();
        }
        let check = tool("qpdf", &["--check", p(&path)]);
        assert!(
            check.status.success() && check.stderr.is_empty(),
            "{name}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        let margin = 22.0 * 72.0 / 25.4;
        for (i, ((w, h), words)) in word_boxes(&path).iter().enumerate() {
            for (text, b) in words {
                assert!(
                    b[0] >= margin - 0.5 && b[2] <= w - margin + 0.5 && b[1] >= 0.0 && b[3] <= *h,
                    "{name} page {}: {text:?} at {b:?} leaves the text area",
                    i + 1
                );
            }
        }
        if name == "odd" {
            let text = tool_ok("pdftotext", &[p(&path), "-"]);
            assert!(
                squash(&text).contains(&long_word),
                "2000-character word lost"
            );
            assert!(
                text.contains('\u{FFFD}'),
                "unsupported characters should show as U+FFFD"
            );
        }
    }
}

#[test]
fn signature_lines_carry_recorded_values_and_stay_blank_otherwise() {
    let doc = Document {
        blocks: vec![
            Block::Heading(Heading::new(1, "Declarations")),
            Block::Signature(Signature {
                fields: vec!["Name".into(), "Date".into()],
                values: vec!["Siân Llŷr-Ŵyn".into(), "12 March 2027".into()],
            }),
            Block::Signature(Signature::blank(["Signature", "Dated"])),
        ],
        ..table_doc(0, false)
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("signature.pdf");
    std::fs::write(&path, render(&doc).unwrap()).unwrap();
    let pages = word_boxes(&path);
    let words = &pages[0].1;
    let find = |w: &str| {
        words
            .iter()
            .find(|(t, _)| t == w)
            .unwrap_or_else(|| panic!("{w} not drawn: {words:?}"))
            .1
    };
    // Each value sits on its field's line: right of the label, same baseline.
    for (label, value) in [("Name", "Siân"), ("Date", "12")] {
        let (l, v) = (find(label), find(value));
        assert!(v[0] > l[2] + 4.0, "{value} should follow {label}");
        assert!((v[3] - l[3]).abs() < 3.0, "{value} not on {label}'s line");
    }
    // The blank row draws its labels and nothing else.
    let (s, d) = (find("Signature"), find("Dated"));
    let on_blank_row = words
        .iter()
        .filter(|(_, b)| (b[3] - s[3]).abs() < 3.0)
        .count();
    assert_eq!(on_blank_row, 2, "blank lines must stay blank: {words:?}");
    assert!((d[3] - s[3]).abs() < 3.0);
}

#[test]
fn bookmarks_open_sections_and_fold_their_parts() {
    let heading = |level, text: &str| Block::Heading(Heading::new(level, text));
    let para = || Block::Paragraph(Paragraph::plain("Some text under the heading."));
    let doc = Document {
        blocks: vec![
            heading(1, "A"),
            heading(2, "A.1"),
            heading(3, "A.1.a"),
            para(),
            heading(3, "A.1.b"),
            para(),
            heading(2, "A.2"),
            para(),
            heading(1, "B"),
            para(),
        ],
        ..table_doc(0, false)
    };
    let pdf = render(&doc).unwrap();
    let lo = lopdf::Document::load_mem(&pdf).unwrap();
    let root = lo
        .catalog()
        .unwrap()
        .get(b"Outlines")
        .unwrap()
        .as_reference()
        .unwrap();
    let dict = |id| lo.get_dictionary(id).unwrap();
    let count = |id| dict(id).get(b"Count").ok().map(|c| c.as_i64().unwrap());
    let first = |id| dict(id).get(b"First").unwrap().as_reference().unwrap();
    let next = |id| dict(id).get(b"Next").unwrap().as_reference().unwrap();
    let title = |id| dict(id).get(b"Title").unwrap().as_str().unwrap().to_vec();
    // Visible with A open and A.1 folded: A, A.1, A.2, B.
    assert_eq!(count(root), Some(4));
    let a = first(root);
    assert_eq!(title(a), b"A");
    assert_eq!(count(a), Some(2), "a section is open");
    let a1 = first(a);
    assert_eq!(title(a1), b"A.1");
    assert_eq!(count(a1), Some(-2), "its parts are folded");
    assert_eq!(title(first(a1)), b"A.1.a");
    assert_eq!(title(next(a1)), b"A.2");
    assert_eq!(count(next(a1)), None, "no children, no count");
    assert_eq!(title(next(a)), b"B");
}

// ----- tagging ----------------------------------------------------------------

/// Renders `doc` into `dir` as `name`.pdf.
fn render_into(dir: &Path, name: &str, doc: &Document) -> (PathBuf, Rendered) {
    let rendered = render_detailed(doc).expect("render");
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, &rendered.pdf).unwrap();
    if let Ok(keep) = std::env::var("PDF_TEST_KEEP") {
        std::fs::write(Path::new(&keep).join(format!("{name}.pdf")), &rendered.pdf).unwrap();
    }
    (path, rendered)
}

#[test]
fn the_sample_is_tagged_and_its_structure_follows_the_rules() {
    let s = sample();
    let info = tool_ok("pdfinfo", &[p(&s.path)]);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
        "{info}"
    );
    let tree = pdf_structure::check(&s.path);
    let blocks = &s.doc.blocks;
    let count = |f: fn(&Block) -> bool| blocks.iter().filter(|b| f(b)).count();

    // Every figure, with the alternative text the document gave it.
    let alts: Vec<String> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Image(img) => Some(img.alt.clone()),
            _ => None,
        })
        .collect();
    let figures: Vec<String> = tree
        .with_role("Figure")
        .map(|(_, e)| e.alt.clone().unwrap())
        .collect();
    assert_eq!(figures, alts);
    assert!(alts
        .iter()
        .any(|a| a.starts_with("Bar chart of attendance")));
    // Tables, label/value lists and the grid are all tables; lists are lists.
    let tables = count(|b| matches!(b, Block::Table(_) | Block::LabelValues(_) | Block::Grid(_)));
    assert_eq!(tree.with_role("Table").count(), tables);
    assert_eq!(
        tree.with_role("L").count(),
        count(|b| matches!(b, Block::Bullets(_)))
    );
    let items: usize = blocks
        .iter()
        .map(|b| match b {
            Block::Bullets(items) => items.len(),
            _ => 0,
        })
        .sum();
    assert_eq!(tree.with_role("LI").count(), items);
    assert_eq!(tree.with_role("Lbl").count(), items);
    // The contents: one entry per listed heading, each a link with its annotation.
    let tocis = tree.with_role("TOCI").count();
    assert!(tocis > 20, "{tocis} contents entries");
    for (i, _) in tree.with_role("TOCI") {
        let link = match tree.elems[i].kids.as_slice() {
            [Kid::Elem(l)] => *l,
            other => panic!("a contents entry holds {other:?}"),
        };
        assert_eq!(tree.elems[link].role, "Link");
        assert!(tree.elems[link]
            .kids
            .iter()
            .any(|k| matches!(k, Kid::Annot { .. })));
    }
    // The web link in an account: a Link between two Spans of its paragraph.
    let (web, _) = tree
        .with_role("Link")
        .find(|(i, _)| tree.elems[tree.elems[*i].parent.unwrap()].role == "P")
        .expect("the web link");
    let paragraph = tree.elems[web].parent.unwrap();
    assert_eq!(tree.child_roles(paragraph), ["Span", "Link", "Span"]);
    let annots = tree.elems[web]
        .kids
        .iter()
        .filter(|k| matches!(k, Kid::Annot { .. }))
        .count();
    assert!(
        annots >= 2,
        "the 400-character URL wraps over lines, each a link"
    );
}

/// Each table's and figure's nearest heading before it, in reading order.
fn placed_under(list: &[Printed], role: &str) -> Vec<String> {
    let mut heading = String::new();
    let mut out = Vec::new();
    for (i, e) in list.iter().enumerate() {
        if e.role.len() == 2 && e.role.starts_with('H') {
            heading = normalise(&printed_text(list, i));
        } else if e.role == role {
            out.push(heading.clone());
        }
    }
    out
}

#[test]
fn struct_text_gives_headings_in_outline_order_with_tables_and_figures_under_them() {
    let s = sample();
    let list = printed(&s.path);
    assert_eq!(list[0].role, "Document");

    // Headings: every one, in order, tagged with its depth in the outline.
    assert_eq!(
        printed_headings(&list),
        expected_headings(&s.rendered.sections)
    );

    // Tables and figures come under the heading they follow in the document.
    let mut heading = String::new();
    let (mut tables, mut figures, mut captions) = (Vec::new(), Vec::new(), Vec::new());
    for b in &s.doc.blocks {
        match b {
            Block::Heading(h) => heading = normalise(&h.text),
            Block::Contents(c) => heading = c.title.clone(),
            Block::Table(_) | Block::LabelValues(_) | Block::Grid(_) => {
                tables.push(heading.clone())
            }
            Block::Image(img) => {
                figures.push(heading.clone());
                captions.push(img.caption.clone().unwrap());
            }
            _ => {}
        }
    }
    // The front sheet's label/value table comes before any heading.
    assert_eq!(placed_under(&list, "Table"), tables);
    assert_eq!(placed_under(&list, "Figure"), figures);
    let printed_captions: Vec<String> = list
        .iter()
        .enumerate()
        .filter(|(_, e)| e.role == "Caption")
        .map(|(i, _)| normalise(&printed_text(&list, i)))
        .collect();
    assert_eq!(printed_captions, captions);
    // Each caption directly follows its figure.
    for (i, e) in list.iter().enumerate() {
        if e.role == "Figure" {
            assert_eq!(list[i + 1].role, "Caption");
        }
    }

    // Paragraphs read whole, across the pages they span and the lines they
    // wrap over (words stay apart where lines break).
    for para in paragraphs(&s.doc) {
        let want = normalise(&para);
        if want.is_empty() || want.contains('\u{FFFD}') {
            continue;
        }
        assert!(
            list.iter()
                .enumerate()
                .any(|(i, e)| matches!(e.role.as_str(), "P" | "LBody")
                    && normalise(&printed_text(&list, i)) == want),
            "paragraph not read whole: {want:?}"
        );
    }
}

#[test]
fn repeated_table_headers_are_artifacts_and_every_row_is_in_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let (path, rendered) = render_into(dir.path(), "table", &table_doc(200, true));
    assert!(rendered.page_count >= 5, "the table should span pages");
    let tree = pdf_structure::check(&path);
    let (table, _) = tree.with_role("Table").next().unwrap();
    assert_eq!(tree.child_roles(table), ["THead", "TBody"]);
    let list = printed(&path);
    let th: Vec<String> = list
        .iter()
        .filter(|e| e.role == "TH")
        .map(|e| e.text.clone())
        .collect();
    // The header row once (its copies on later pages are artifacts), then
    // each row's first cell heads its row.
    assert_eq!(th[..2], ["HeaderAlpha", "HeaderBeta"]);
    assert_eq!(th.iter().filter(|t| t.starts_with("Header")).count(), 2);
    let rows: Vec<&String> = th[2..].iter().collect();
    assert_eq!(rows.len(), 201);
    assert_eq!(rows[0], "row-001");
    assert_eq!(rows[10], "huge");
    // The row taller than a page is one cell across pages, every line in it.
    let huge = list
        .iter()
        .position(|e| e.role == "TH" && e.text == "huge")
        .unwrap();
    let cell = list[huge + 1..]
        .iter()
        .position(|e| e.role == "TD")
        .unwrap()
        + huge
        + 1;
    let text = printed_text(&list, cell);
    for k in [1, 75, 150] {
        assert!(
            text.contains(&format!("line-{k:03}")),
            "line-{k:03} missing"
        );
    }
    let (i, _) = tree
        .with_role("TD")
        .find(|(i, _)| tree.pages_of(*i).len() > 1)
        .expect("a cell continued on the next page");
    assert!(tree.pages_of(i).len() >= 2);
    // "(continued)" is printed, but not part of any cell.
    assert!(!list.iter().any(|e| e.text.contains("(continued)")));
}

#[test]
fn the_grid_is_one_table_with_row_and_column_headers() {
    let s = sample();
    let tree = pdf_structure::read(&s.path);
    let list = printed(&s.path);
    let grid = s
        .doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Grid(g) => Some(g),
            _ => None,
        })
        .unwrap();
    let kids = |i: usize| -> Vec<usize> {
        tree.elems[i]
            .kids
            .iter()
            .filter_map(|k| match k {
                Kid::Elem(c) => Some(*c),
                _ => None,
            })
            .collect()
    };
    // The table whose header row has the corner and a cell per column.
    let (table, _) = tree
        .with_role("Table")
        .find(|(i, _)| {
            tree.child_roles(*i) == ["THead", "TBody"]
                && kids(kids(kids(*i)[0])[0]).len() == 1 + grid.column_labels.len()
        })
        .expect("the grid's table");
    let (head, body) = (kids(table)[0], kids(table)[1]);
    let header_row = kids(head);
    assert_eq!(header_row.len(), 1);
    let columns = kids(header_row[0]);
    assert_eq!(columns.len(), 1 + grid.column_labels.len());
    assert!(columns
        .iter()
        .all(|&c| tree.elems[c].role == "TH" && tree.elems[c].scope.as_deref() == Some("Column")));
    let rows = kids(body);
    assert_eq!(rows.len(), grid.row_labels.len());
    let mut dots = 0;
    for (r, &row) in rows.iter().enumerate() {
        let cells = kids(row);
        assert_eq!(tree.elems[cells[0]].role, "TH");
        assert_eq!(tree.elems[cells[0]].scope.as_deref(), Some("Row"));
        // A cell per mark; a run of empty cells is one cell spanning them.
        let mut c = 0;
        for &cell in &cells[1..] {
            let e = &tree.elems[cell];
            assert_eq!(e.role, "TD");
            let span = e.col_span;
            match &grid.marks[r][c] {
                Mark::Empty => {
                    assert!(grid.marks[r][c..c + span].iter().all(|m| *m == Mark::Empty));
                    assert!(grid.marks[r].get(c + span) != Some(&Mark::Empty));
                    assert!(e.kids.is_empty(), "an empty cell with content");
                }
                mark => {
                    assert_eq!(span, 1);
                    let dot = *mark == Mark::Dot;
                    assert_eq!(e.actual_text.as_deref() == Some("\u{25CF}"), dot);
                    assert!(!e.kids.is_empty(), "a mark without content");
                    dots += usize::from(dot);
                }
            }
            c += span;
        }
        assert_eq!(c, grid.column_labels.len());
    }
    assert!(dots > 100);
    // Labels are read once each, though every part repeats them.
    // Only the grid's own header cells (the summary's rows are headed by E001… too).
    let start = list
        .iter()
        .position(|e| e.role == "TH" && e.text == "Criterion / evidence")
        .unwrap();
    let end = start
        + list[start..]
            .iter()
            .position(|e| e.depth < list[start].depth - 2)
            .unwrap_or(list.len() - start);
    let texts = |role: &str| -> Vec<String> {
        list[start..end]
            .iter()
            .filter(|e| e.role == role && !e.text.is_empty())
            .map(|e| e.text.clone())
            .collect()
    };
    let column_headers = texts("TH");
    for label in &grid.column_labels {
        assert_eq!(
            column_headers.iter().filter(|t| *t == label).count(),
            1,
            "{label}"
        );
    }
    assert_eq!(
        column_headers
            .iter()
            .filter(|t| *t == "Criterion / evidence")
            .count(),
        1
    );
    for label in &grid.row_labels {
        let n = column_headers
            .iter()
            .filter(|t| normalise(t) == *label)
            .count();
        assert_eq!(n, 1, "{label}");
    }
    // The legend follows the table once, each entry with its mark as text.
    let legend: Vec<&String> = tree
        .elems
        .iter()
        .filter(|e| e.role == "P")
        .filter_map(|e| e.actual_text.as_ref())
        .collect();
    assert_eq!(
        legend,
        [
            "\u{25CF} evidence fully covers the criterion",
            "P evidence partly covers it"
        ]
    );
}

#[test]
fn every_character_is_drawn_as_itself_and_the_unknown_as_a_placeholder() {
    let mut blocks = vec![Block::Heading(Heading::new(1, "Every character"))];
    for (kind, text) in EVERY_CHARACTER {
        blocks.push(Block::Heading(Heading::new(2, kind)));
        blocks.push(Block::Paragraph(Paragraph::plain(text)));
        blocks.push(Block::Paragraph(Paragraph::new(vec![Span::bold(text)])));
    }
    blocks.push(Block::Table(Table {
        columns: vec![Column::new(1.0), Column::new(3.0)],
        header: vec![vec![Cell::from("Kind"), Cell::from("In a table ✓")]],
        rows: vec![vec![
            Cell::from("Maths"),
            Cell::from("x ≈ 2 ± 0.1, y ≤ ∞ 😀"),
        ]],
        header_column: true,
        zebra: false,
        small: true,
    }));
    blocks.push(Block::Heading(Heading::new(2, "Unknown")));
    blocks.push(Block::Paragraph(Paragraph::plain(
        "private use [\u{E000}] and unassigned [\u{0378}] here",
    )));
    let doc = Document {
        blocks,
        ..table_doc(0, false)
    };
    let dir = tempfile::tempdir().unwrap();
    let (path, rendered) = render_into(dir.path(), "every-character", &doc);

    // In content order (-raw): in its default layout mode pdftotext takes
    // evenly spaced single characters for letter-spaced text and drops the spaces.
    let text = tool_ok("pdftotext", &["-raw", p(&path), "-"]);
    let normal = normalise(&text);
    for (kind, line) in EVERY_CHARACTER {
        let line = line.replace('\u{FE0F}', "");
        assert!(normal.contains(&line), "{kind}: {line:?} not in\n{text}");
        for c in line.chars().filter(|c| !c.is_whitespace()) {
            assert!(text.contains(c), "{kind}: {c} (U+{:04X}) lost", c as u32);
        }
    }
    assert!(normal.contains("x ≈ 2 ± 0.1, y ≤ ∞ 😀"), "{text}");
    // No face has these: each is a visible placeholder, and reported.
    assert!(
        normal.contains("private use [\u{FFFD}] and unassigned [\u{FFFD}] here"),
        "{text}"
    );
    assert_eq!(text.matches('\u{FFFD}').count(), 2, "{text}");
    let missing: Vec<(char, Vec<String>)> = rendered
        .missing
        .iter()
        .map(|m| (m.character, m.section.clone()))
        .collect();
    let place = vec!["Every character".to_owned(), "Unknown".to_owned()];
    assert_eq!(missing, [('\u{E000}', place.clone()), ('\u{0378}', place)]);
    assert!(rendered.missing.iter().all(|m| m.page == 1 || m.page == 2));

    // The fallback faces are embedded, subset and mapped to Unicode.
    assert_fonts_embedded(
        &path,
        &[
            "NotoSans-Regular",
            "NotoSans-Bold",
            "NotoSansMath-Regular",
            "NotoSansSymbols-Regular",
            "NotoSansSymbols2-Regular",
            "NotoEmoji-Regular",
        ],
    );
    let check = tool("qpdf", &["--check", p(&path)]);
    assert!(check.status.success() && check.stderr.is_empty());
    pdf_structure::check(&path);
}

// ----- vector drawings -----------------------------------------------------------

/// A small chart: a bar, a dashed line, a dot and labels on a 120 × 40 mm canvas.
fn drawing(alt: &str, caption: Option<&str>) -> Drawing {
    let ink = Rgb::hex(0x1F2328);
    Drawing {
        width_mm: 120.0,
        height_mm: 40.0,
        shapes: vec![
            Shape::Rect {
                x: 10.0,
                y: 5.0,
                w: 80.0,
                h: 6.0,
                fill: Some(Rgb::hex(0x1D4E6E)),
                stroke: Some((ink, 0.2)),
            },
            Shape::Line {
                x1: 70.0,
                y1: 2.0,
                x2: 70.0,
                y2: 30.0,
                width: 0.3,
                colour: ink,
                dashed: true,
            },
            Shape::Dot {
                cx: 100.0,
                cy: 20.0,
                r: 2.0,
                colour: ink,
            },
            Shape::text(8.0, 9.5, "Clear shared goals", 8.0, ink, Align::Right),
            Shape::text(92.0, 9.5, "4.25", 8.0, ink, Align::Left),
            Shape::text(60.0, 36.0, "mean score", 7.0, ink, Align::Centre),
        ],
        alt: alt.into(),
        caption: caption.map(str::to_string),
    }
}

#[test]
fn a_drawing_is_vector_and_one_figure_with_its_text_equivalent() {
    let dir = tempfile::tempdir().unwrap();
    let doc = Document {
        blocks: vec![
            Block::Heading(Heading::new(1, "Results")),
            Block::Drawing(drawing(
                "Bar chart: clear shared goals 4.25 out of 5.",
                Some("The mean score on each element."),
            )),
            Block::Paragraph(Paragraph::plain("After the chart.")),
            // Wider than the page: scaled down to the text width.
            Block::Drawing(Drawing {
                width_mm: 400.0,
                ..drawing("", None)
            }),
        ],
        ..table_doc(1, false)
    };
    let (path, rendered) = render_into(dir.path(), "drawing", &doc);
    assert_eq!(rendered.page_count, 1);
    tool_ok("qpdf", &["--check", p(&path)]);
    // Drawn as paths and text, not as an image.
    let images = tool_ok("pdfimages", &["-list", p(&path)]);
    assert_eq!(images.lines().count(), 2, "no images: {images}");
    let text = page_text(&path, 1);
    for word in [
        "Clear shared goals",
        "4.25",
        "mean score",
        "The mean score on each element.",
    ] {
        assert!(text.contains(word), "{word:?} not in {text}");
    }
    // One figure each, with the alternative text (or, without one, the words
    // drawn in it), inside the page's text area.
    let tree = pdf_structure::check(&path);
    let alts: Vec<String> = tree
        .with_role("Figure")
        .map(|(_, f)| f.alt.clone().unwrap())
        .collect();
    assert_eq!(
        alts,
        [
            "Bar chart: clear shared goals 4.25 out of 5.",
            "A drawing: Clear shared goals, 4.25, mean score"
        ]
    );
    let list = printed(&path);
    let figure = list.iter().position(|e| e.role == "Figure").unwrap();
    assert_eq!(list[figure + 1].role, "Caption");
    for (_, words) in word_boxes(&path) {
        for (word, b) in words {
            assert!(b[0] >= 60.0 && b[2] <= 536.0, "{word} at {b:?}");
        }
    }
    // The same input gives the same bytes; an empty canvas is an error.
    assert_eq!(render(&doc).unwrap(), rendered.pdf);
    let bad = Document {
        blocks: vec![Block::Drawing(Drawing {
            height_mm: 0.0,
            ..drawing("x", None)
        })],
        ..table_doc(1, false)
    };
    assert!(matches!(render(&bad), Err(PdfError::Invalid { .. })));
}

/// A document whose page breaks cut it into parts that share sections,
/// characters no face has, images and a contents page late in it: what the
/// engine lays out part by part on two threads and joins.
fn parts_doc() -> Document {
    let para = |t: &str| Block::Paragraph(Paragraph::plain(t));
    let photo = |caption: &str| {
        Block::Image(Image {
            source: ImageSource::Rgb8 {
                pixels: vec![30, 90, 200, 200, 30, 30],
                width: 2,
                height: 1,
            },
            alt: String::new(),
            caption: Some(caption.into()),
            max_height_mm: Some(20.0),
        })
    };
    let mut blocks = vec![
        Block::PageBreak(Orientation::Portrait),
        Block::Title(Title {
            title: "Parts".into(),
            subtitle: Some("Cut at every page break".into()),
        }),
        Block::PageBreak(Orientation::Portrait),
        Block::PageBreak(Orientation::Landscape),
        Block::Heading(Heading::new(1, "Before the contents")),
        para("A private-use character \u{E000} before the contents."),
        Block::PageBreak(Orientation::Portrait),
        Block::Contents(Contents {
            title: "Contents".into(),
            max_level: 3,
        }),
        Block::PageBreak(Orientation::Portrait),
        Block::Heading(Heading::new(1, "Items")),
    ];
    for i in 1..=12 {
        blocks.push(Block::Heading(Heading::new(2, format!("Item {i}"))));
        blocks.push(para(
            &"Words of an item set across the page. ".repeat(20 * i),
        ));
        if i % 3 == 0 {
            blocks.push(photo(&format!("Photo {i}")));
        }
        // The same missing character in one section, in two parts.
        blocks.push(para("Still \u{E000} here."));
        blocks.push(Block::PageBreak(if i % 4 == 0 {
            Orientation::Landscape
        } else {
            Orientation::Portrait
        }));
        blocks.push(Block::Heading(Heading::new(3, format!("Item {i}, more"))));
        blocks.push(para("\u{E000} and a link to "));
        blocks.push(Block::Paragraph(Paragraph::new(vec![
            Span::plain("the standard "),
            Span::plain("online").linked("https://example.org/standard"),
        ])));
        blocks.push(Block::Table(Table {
            columns: vec![Column::new(1.0), Column::new(3.0)],
            header: vec![vec!["Ref".into(), "What".into()]],
            rows: (0..i * 5)
                .map(|r| {
                    vec![
                        Cell::from(format!("E{r}")),
                        Cell::from("A row ✓ of the table"),
                    ]
                })
                .collect(),
            header_column: true,
            zebra: true,
            small: i % 2 == 0,
        }));
        blocks.push(Block::PageBreak(Orientation::Portrait));
    }
    blocks.push(Block::Heading(Heading::new(1, "Appendix")));
    blocks.push(photo("Last photo"));
    blocks.push(Block::PageBreak(Orientation::Portrait));
    Document {
        metadata: pdf_sample::metadata(),
        running: RunningText {
            header_left: "Parts \u{E000}".into(),
            header_right: "Right".into(),
            footer_left: "Footer".into(),
        },
        orientation: Orientation::Portrait,
        blocks,
    }
}

#[test]
fn parts_laid_out_on_two_threads_give_the_bytes_of_one_pass() {
    let documents = [
        ("sample", sample_document(64, 4)),
        ("small sample", sample_document(6, 2)),
        ("parts", parts_doc()),
        ("long table", table_doc(300, true)),
    ];
    for (name, doc) in &documents {
        let one = render_in_one_pass(doc).unwrap();
        let parts = render_detailed(doc).unwrap();
        assert!(one.pdf == parts.pdf, "{name}: the bytes differ");
        assert_eq!(one.page_count, parts.page_count, "{name}");
        assert_eq!(one.sections, parts.sections, "{name}");
        assert_eq!(one.missing, parts.missing, "{name}");
    }
    // The parts document really is cut in many parts, and its sections and
    // missing characters cross them.
    let one = render_in_one_pass(&documents[2].1).unwrap();
    assert!(one.page_count > 30, "{}", one.page_count);
    let places: Vec<&Vec<String>> = one.missing.iter().map(|m| &m.section).collect();
    assert!(
        places.contains(&&vec![
            "Items".to_string(),
            "Item 5".to_string(),
            "Item 5, more".to_string()
        ]),
        "{places:?}"
    );
}

#[test]
fn a_first_part_made_later_is_laid_out_in_its_place() {
    let doc = sample_document(12, 2);
    let first_break = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::PageBreak(_)))
        .unwrap();
    let stand_in: Vec<Block> = doc.blocks[..first_break].to_vec();
    // Made as it stood in: the same file.
    let same =
        render_first_part_later(&doc, || Ok::<_, PdfError>(stand_in.clone()), &mut |_, _| {})
            .unwrap();
    assert!(same.pdf == render(&doc).unwrap());
    // Made longer (three pages more): the file is the one whose first part
    // is what was made, page numbers and contents included.
    let mut longer = stand_in.clone();
    longer.push(Block::Paragraph(Paragraph::plain(
        "A check made while the rest was laid out. ".repeat(600),
    )));
    let mut whole = doc.clone();
    whole.blocks.splice(..first_break, longer.clone());
    let later =
        render_first_part_later(&doc, || Ok::<_, PdfError>(longer), &mut |_, _| {}).unwrap();
    let expected = render_in_one_pass(&whole).unwrap();
    assert!(later.pdf == expected.pdf);
    assert!(later.page_count > render_detailed(&doc).unwrap().page_count);
    assert_eq!(later.sections, expected.sections);
    // What failed to be made is the error.
    let failed = render_first_part_later(
        &doc,
        || Err::<Vec<Block>, _>(PdfError::Write("the check failed".into())),
        &mut |_, _| {},
    );
    assert!(matches!(failed, Err(PdfError::Write(m)) if m == "the check failed"));
    // Another heading than the stand-in's is refused, not laid out wrongly.
    let mut other = stand_in;
    other.push(Block::Heading(Heading::new(1, "Not in the plan")));
    assert!(matches!(
        render_first_part_later(&doc, || Ok::<_, PdfError>(other), &mut |_, _| {}),
        Err(PdfError::Invalid { .. })
    ));
}
