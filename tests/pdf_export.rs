//! The PDF evidence portfolio, checked with real PDF tools (qpdf and
//! poppler's pdfinfo, pdffonts, pdftotext, pdfimages, pdftoppm; installed by
//! `scripts/setup --test`): a valid file, embedded subset fonts with Unicode
//! maps, every word the learner wrote given back by pdftotext, contents and
//! bookmarks that go where they say, the location sheet on landscape pages,
//! photos passed through, byte-identical output for the same input, and the
//! CLI's `pdf` and `demo` commands. The PDF is tagged (PDF/UA-1): its structure
//! tree is read back with lopdf and `pdfinfo -struct-text`; and every
//! character a learner types is printed as itself, or reported.

mod common;
#[path = "support/pdf_characters.rs"]
mod pdf_characters;
#[path = "support/pdf_structure.rs"]
mod pdf_structure;
#[path = "support/pdf_tools.rs"]
mod pdf_tools;

use partnership_portfolio::demo::{self, DemoOptions};
use partnership_portfolio::evidence::attachments::PreviewKind;
use partnership_portfolio::evidence::{
    ConfidentialDescriptor, EvidenceInput, EvidenceMethod, EvidenceQuery, Mapping, NewEvidence,
    WitnessChoice, WitnessInput,
};
use partnership_portfolio::exchange;
use partnership_portfolio::export::{self, ExportedPdf};
use partnership_portfolio::portfolio::NewPortfolio;
use partnership_portfolio::profile::LearnerProfile;
use partnership_portfolio::{catalogue, ErrorCode, Portfolio};
use pdf_characters::EVERY_CHARACTER;
use pdf_structure::{expected_headings, printed, printed_headings, printed_text, Printed};
use pdf_tools::{
    assert_fonts_embedded, normalise, p, page_text, squash, tool, tool_ok, word_boxes,
};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The export time every test uses: 12 March 2027, 14:00 UTC.
const EXPORTED_AT: &str = "2027-03-12T14:00:00Z";
const EXPORTED_EPOCH: &str = "1804860000";

fn exported_at() -> jiff::Timestamp {
    EXPORTED_AT.parse().unwrap()
}

/// A portfolio and its export, written once per test run.
struct Case {
    _dir: tempfile::TempDir,
    portfolio: PathBuf,
    pdf: PathBuf,
    exported: ExportedPdf,
}

impl Case {
    fn build(name: &str, make: impl FnOnce(&Path)) -> Case {
        let dir = common::temp_dir();
        let portfolio = dir.path().join(format!("{name}.portfolio"));
        make(&portfolio);
        let p = Portfolio::open(&portfolio).unwrap();
        let exported = export::render(&p, exported_at(), &mut |_| {}).unwrap();
        p.close().unwrap();
        let pdf = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&pdf, &exported.pdf).unwrap();
        if let Ok(keep) = std::env::var("PDF_TEST_KEEP") {
            std::fs::write(Path::new(&keep).join(format!("{name}.pdf")), &exported.pdf).unwrap();
        }
        Case {
            _dir: dir,
            portfolio,
            pdf,
            exported,
        }
    }

    fn open(&self) -> Portfolio {
        Portfolio::open(&self.portfolio).unwrap()
    }
}

/// The demo portfolio: every item written up, 30 records of every method,
/// witnesses, a confidential record, text/CSV/PDF files and 4 photos larger
/// than the print rendition; submitted twice, judged and signed off.
fn demo_case() -> &'static Case {
    static CASE: OnceLock<Case> = OnceLock::new();
    CASE.get_or_init(|| {
        Case::build("demo", |path| {
            demo::create_demo(
                path,
                &DemoOptions {
                    evidence: 30,
                    photos: 4,
                    photo_size: (2000, 1500),
                    seed: 11,
                    today: Some(jiff::civil::date(2027, 3, 10)),
                    assessed: true,
                },
            )
            .unwrap();
        })
    })
}

/// The longest, oddest things a learner can write.
fn long_account() -> String {
    let url = format!(
        "https://learning.example.org.uk/partnerships/conwy/{}",
        "abcdef0123456789".repeat(20)
    );
    let mut text = String::from(
        "Cyflwyniad – “partneriaeth” means partnership; Łukasz, Màiri and Siân agreed the aims.\n\n",
    );
    for n in 1..=60 {
        text.push_str(&format!(
            "Paragraph {n}: we met at the library on a Tuesday, agreed who would do what, and wrote it down; \
             the room cost £18 (about €21) and the crèche was free. Gwenllian said ‘keep it simple’.\n"
        ));
        if n % 7 == 0 {
            text.push('\n');
        }
        if n % 20 == 0 {
            text.push_str("\n\n\nThree blank lines above this line.\n");
        }
    }
    text.push_str(&format!(
        "\nThe shared folder is at {url} for partners.\n\n\tIndented with a tab."
    ));
    text
}

/// A portfolio with the edge cases: a 20,000-character account, unrated and
/// empty items, a witness with a long statement, a confidential record,
/// multi-line notes, Unicode file names, a picture with no print copy.
fn tricky_case() -> &'static Case {
    static CASE: OnceLock<Case> = OnceLock::new();
    CASE.get_or_init(|| {
        Case::build("tricky", |path| {
            let mut p = Portfolio::create(
                path,
                NewPortfolio {
                    standard: catalogue::cldal16(),
                    profile: LearnerProfile::named("Siân Llŷr-Ŵyn"),
                    title: None,
                },
            )
            .unwrap();
            let account = long_account();
            assert!(account.chars().count() > 10_000);
            p.set_account("P1", &account).unwrap();
            p.set_rating("P1", Some(4)).unwrap();
            p.set_account("P2", "Line one.\nLine two, no blank line.\nLine three.")
                .unwrap();
            p.set_rating("K27", Some(1)).unwrap();
            let files = tempfile::tempdir().unwrap();
            let welsh = files.path().join("Cofnodion – cyfarfod Ŵyn (drafft ‘terfynol’).txt");
            std::fs::write(&welsh, "Cofnodion y cyfarfod.\n").unwrap();
            let long_name = files.path().join(format!("{}.csv", "rhestr-presenoldeb-".repeat(8)));
            std::fs::write(&long_name, "a,b\n1,2\n").unwrap();
            let broken = files.path().join("llun-wedi-torri.jpg");
            std::fs::write(&broken, [0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 1, 2, 3]).unwrap();
            let png = files.path().join("siart.png");
            let mut img = image::RgbImage::new(300, 200);
            for (x, _, px) in img.enumerate_pixels_mut() {
                *px = image::Rgb([(x % 256) as u8, 90, 160]);
            }
            img.save(&png).unwrap();
            p.add_evidence(NewEvidence {
                input: EvidenceInput {
                    title: "Witness testimony from Agnieszka Wiśniewska".into(),
                    method: EvidenceMethod::WitnessTestimony,
                    activity_date: Some("2026-10-05".into()),
                    description: "First paragraph of the description.\n\nSecond paragraph, after a blank line.".into(),
                    witness: Some(WitnessChoice::New(WitnessInput {
                        name: "Agnieszka Wiśniewska".into(),
                        job_role: "Koordynatorka".into(),
                        organisation: "Polska Szkoła Sobotnia, Llandudno".into(),
                        relationship: "Community partner".into(),
                        contact: "agnieszka@example.pl\n07700 900 123\nul. Długa 5, Łódź".into(),
                        competence: "I have co-ordinated family learning for eight years. ".repeat(60),
                    })),
                    confidential: None,
                },
                attach: vec![welsh.clone(), png.clone()],
                mappings: vec![
                    Mapping {
                        item_id: "P1".into(),
                        note: "She saw the first meeting.\nAnd the second one, in Welsh: “Bore da”.".into(),
                    },
                    Mapping {
                        item_id: "K4".into(),
                        note: String::new(),
                    },
                ],
            })
            .unwrap();
            p.add_evidence(NewEvidence {
                input: EvidenceInput {
                    title: "Safeguarding referral".into(),
                    method: EvidenceMethod::Product,
                    activity_date: None,
                    description: String::new(),
                    witness: None,
                    confidential: Some(ConfidentialDescriptor {
                        what: "Referral form about a vulnerable adult".into(),
                        held_at: "Locked cabinet, Canolfan Dysgu Conwy".into(),
                        confirmer: "Gwenllian Morgan, safeguarding lead".into(),
                    }),
                },
                attach: vec![long_name, broken],
                mappings: vec![Mapping {
                    item_id: "P13".into(),
                    note: "The referral followed the local procedure.".into(),
                }],
            })
            .unwrap();
            p.add_evidence(NewEvidence {
                input: EvidenceInput {
                    title: "Notes not mapped to anything yet".into(),
                    method: EvidenceMethod::Other,
                    activity_date: Some("2027-01-31".into()),
                    description: "A record with no mappings and no files.".into(),
                    witness: None,
                    confidential: None,
                },
                attach: vec![],
                mappings: vec![],
            })
            .unwrap();
            p.close().unwrap();
        })
    })
}

/// A portfolio just started: a name and nothing else.
fn empty_case() -> &'static Case {
    static CASE: OnceLock<Case> = OnceLock::new();
    CASE.get_or_init(|| {
        Case::build("empty", |path| {
            Portfolio::create(
                path,
                NewPortfolio {
                    standard: catalogue::cldal16(),
                    profile: LearnerProfile::named("Ruairidh Mac an t-Saoir"),
                    title: None,
                },
            )
            .unwrap()
            .close()
            .unwrap();
        })
    })
}

fn cases() -> [&'static Case; 3] {
    [demo_case(), tricky_case(), empty_case()]
}

// ----- tools ---------------------------------------------------------------

/// The running header and footer lines of a case, as pdftotext gives them.
fn is_running_line(line: &str) -> bool {
    let l = line.trim().trim_start_matches('\u{c}');
    (l.starts_with("Page ") && l.contains(" of "))
        || l.starts_with("Exported 12 Mar 2027 \u{b7} content ")
        || l.starts_with("CLDAL16 \u{b7} registration ")
        || (l.starts_with("CLDAL16 Develop") && l.ends_with('\u{2026}'))
        || l == "Catrin Llŷr-Wiśniewska"
        || l == "Siân Llŷr-Ŵyn"
        || l == "Ruairidh Mac an t-Saoir"
}

/// Text without the running heads, and without the labels a table row
/// continued on a new page carries ("Statement of" / "(continued)"), so
/// text that runs over a page break reads on as it was written.
fn without_running_lines(text: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines().filter(|l| !is_running_line(l)) {
        if line.trim() == "(continued)" {
            while lines.last().is_some_and(|l| l.trim().is_empty()) {
                lines.pop();
            }
            lines.pop();
            continue;
        }
        lines.push(line);
    }
    lines.join("\n")
}

fn body_text(c: &Case) -> String {
    without_running_lines(&tool_ok("pdftotext", &[p(&c.pdf), "-"]))
}

/// The text of pages `first..=last`, without running heads.
fn pages_text(c: &Case, first: usize, last: usize) -> String {
    let (f, l) = (first.to_string(), last.to_string());
    without_running_lines(&tool_ok("pdftotext", &["-f", &f, "-l", &l, p(&c.pdf), "-"]))
}

/// First and last page of the section headed `title` (up to the next
/// heading of the same or a higher level).
fn section_pages(c: &Case, title: &str) -> (usize, usize) {
    let s = &c.exported.sections;
    let i = s
        .iter()
        .position(|x| x.title == title)
        .unwrap_or_else(|| panic!("no section {title:?}"));
    let end = s[i + 1..]
        .iter()
        .find(|x| x.level <= s[i].level)
        .map_or(c.exported.pages, |x| x.page);
    (s[i].page, end.max(s[i].page))
}

/// Every piece of text the learner (or the standard) put in the portfolio,
/// read through the portfolio's own API, independently of the export.
fn everything_written(p: &Portfolio) -> Vec<(String, String)> {
    let mut all = Vec::new();
    let profile = p.profile().unwrap();
    for (what, v) in [
        ("name", profile.full_name),
        ("registration", profile.registration_number),
        ("centre", profile.centre),
        ("qualification", profile.qualification),
        ("assessor", profile.assessor_name),
    ] {
        all.push((what.to_string(), v));
    }
    for (_, item) in p.standard().items() {
        all.push((format!("{} text", item.id), item.text.clone()));
    }
    for a in p.self_assessments().unwrap() {
        all.push((format!("{} account", a.item_id), a.account));
    }
    for s in p.list_evidence(&EvidenceQuery::default()).unwrap() {
        let e = p.evidence(&s.reference).unwrap();
        let r = &e.reference;
        all.push((format!("{r} title"), e.title.clone()));
        all.push((format!("{r} description"), e.description.clone()));
        for m in &e.mappings {
            all.push((format!("{r} note for {}", m.item_id), m.note.clone()));
        }
        if let Some(w) = &e.witness {
            for (what, v) in [
                ("witness name", &w.name),
                ("witness role", &w.job_role),
                ("witness organisation", &w.organisation),
                ("witness relationship", &w.relationship),
                ("witness contact", &w.contact),
                ("witness competence", &w.competence),
            ] {
                all.push((format!("{r} {what}"), v.clone()));
            }
        }
        if let Some(c) = &e.confidential {
            all.push((format!("{r} confidential what"), c.what.clone()));
            all.push((format!("{r} confidential held"), c.held_at.clone()));
            all.push((format!("{r} confidential confirmer"), c.confirmer.clone()));
        }
        for a in &e.attachments {
            all.push((format!("{r} file name"), a.file_name.clone()));
            all.push((format!("{r} file SHA-256"), a.sha256.clone()));
        }
    }
    // What the assessor wrote, and the declarations as recorded.
    let submissions = p.submissions().unwrap();
    for s in &submissions {
        for j in p.judgements(Some(s.version)).unwrap() {
            all.push((format!("v{} {} feedback", j.version, j.item_id), j.feedback));
        }
    }
    if let Some(s) = submissions.last() {
        all.push(("learner's declaration".into(), s.declaration.clone()));
    }
    for f in p.overall_feedback().unwrap() {
        all.push((format!("v{} overall feedback", f.version), f.feedback));
    }
    for s in p.sign_offs().unwrap() {
        all.push((
            format!("v{} sign-off declaration", s.version),
            s.declaration,
        ));
    }
    for e in p.audit_trail().unwrap() {
        all.push(("audit entry".into(), e.describe()));
    }
    all.retain(|(_, v)| !v.trim().is_empty());
    all
}

// ----- the file -------------------------------------------------------------

#[test]
fn qpdf_finds_nothing_wrong() {
    for c in cases() {
        let out = tool("qpdf", &["--check", p(&c.pdf)]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "qpdf --check failed:\n{stdout}");
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
}

#[test]
fn every_font_is_embedded_subset_with_a_unicode_map() {
    for c in cases() {
        let out = tool_ok("pdffonts", &[p(&c.pdf)]);
        let rows: Vec<&str> = out
            .lines()
            .skip(2)
            .filter(|l| !l.trim().is_empty())
            .collect();
        assert!(rows.len() >= 3, "{out}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(
                (cols[n - 5], cols[n - 4], cols[n - 3]),
                ("yes", "yes", "yes"),
                "not embedded, subset and mapped to Unicode: {row}"
            );
            assert!(cols[0].contains("+NotoSans-"), "{row}");
        }
    }
}

#[test]
fn pdfinfo_shows_the_metadata_and_the_pages_every_footer_counts() {
    for c in cases() {
        let info = tool_ok("pdfinfo", &[p(&c.pdf)]);
        let field = |k: &str| {
            info.lines()
                .find_map(|l| l.strip_prefix(&format!("{k}:")))
                .map(str::trim)
                .unwrap_or_else(|| panic!("no {k}:\n{info}"))
                .to_owned()
        };
        let portfolio = c.open();
        let learner = portfolio.profile().unwrap().full_name;
        assert_eq!(
            field("Title"),
            format!("Evidence portfolio: {learner}, CLDAL16")
        );
        assert_eq!(field("Author"), learner);
        assert!(field("Subject").starts_with(
            "CLDAL16 Develop and sustain working relationships with colleagues and stakeholders"
        ));
        assert_eq!(field("CreationDate"), "Fri Mar 12 14:00:00 2027 UTC");
        let pages: usize = field("Pages").parse().unwrap();
        assert_eq!(pages, c.exported.pages);
        // Every page says "Page n of <pages>", in order.
        let text = tool_ok("pdftotext", &[p(&c.pdf), "-"]);
        let footers: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("Page ") && l.contains(" of "))
            .collect();
        let expected: Vec<String> = (1..=pages)
            .map(|n| format!("Page {n} of {pages}"))
            .collect();
        assert_eq!(footers, expected);
        // The learner's name heads every page (pdftotext ends each page with a form feed).
        let page_texts: Vec<&str> = text
            .split('\u{c}')
            .filter(|t| !t.trim().is_empty())
            .collect();
        assert_eq!(page_texts.len(), pages);
        for (i, t) in page_texts.iter().enumerate() {
            assert!(t.lines().any(|l| l == learner), "no name on page {}", i + 1);
        }
    }
}

// ----- completeness -----------------------------------------------------------

#[test]
fn every_word_the_learner_wrote_comes_back_from_pdftotext() {
    for c in [demo_case(), tricky_case()] {
        let text = body_text(c);
        let squashed = squash(&text);
        let normal = normalise(&text);
        let portfolio = c.open();
        let written = everything_written(&portfolio);
        assert!(written.len() > 40, "{}", written.len());
        for (what, value) in &written {
            assert!(
                squashed.contains(&squash(value)),
                "{what} missing or altered in the PDF:\n{value}"
            );
            // Where no line can break inside a word, the words and the spaces
            // between them come back exactly.
            let breaks_inside_words = value.split_whitespace().any(|w| {
                w.chars().count() > 30
                    || w.trim_end_matches(['-', '/'])
                        .contains(['-', '/', '–', '—'])
            });
            if !breaks_inside_words {
                assert!(
                    normal.contains(&normalise(value)),
                    "{what} differs in the PDF:\n{value}"
                );
            }
        }
        assert!(!text.contains('\u{FFFD}'), "a character could not be set");
    }
}

#[test]
fn each_account_is_printed_whole_in_its_own_item_section() {
    for c in [demo_case(), tricky_case()] {
        let portfolio = c.open();
        let standard = portfolio.standard().clone();
        for (_, item) in standard.items() {
            let section = c
                .exported
                .sections
                .iter()
                .find(|s| s.level == 2 && s.title.starts_with(&format!("{} ", item.id)))
                .unwrap_or_else(|| panic!("no section for {}", item.id));
            let (first, last) = section_pages(c, &section.title);
            let text = squash(&pages_text(c, first, last));
            assert!(
                text.contains(&squash(&item.text)),
                "{}: text as published",
                item.id
            );
            let account = portfolio.self_assessment(&item.id).unwrap().account;
            if account.is_empty() {
                assert!(
                    text.contains(&squash("No account written yet.")),
                    "{}",
                    item.id
                );
            } else {
                assert!(
                    text.contains(&squash(&account)),
                    "{}: account not whole",
                    item.id
                );
            }
            for e in portfolio.evidence_for_item(&item.id).unwrap() {
                assert!(
                    text.contains(&squash(&e.reference)),
                    "{}: {}",
                    item.id,
                    e.reference
                );
                assert!(
                    text.contains(&squash(&e.note)),
                    "{}: note of {}",
                    item.id,
                    e.reference
                );
            }
        }
    }
}

#[test]
fn non_ascii_text_survives_as_characters() {
    let text = normalise(&body_text(tricky_case()));
    for needle in [
        "Siân Llŷr-Ŵyn",
        "Łukasz, Màiri and Siân",
        "“partneriaeth”",
        "£18 (about €21)",
        "‘keep it simple’",
        "Cofnodion – cyfarfod Ŵyn (drafft ‘terfynol’).txt",
        "ul. Długa 5, Łódź",
        "“Bore da”",
    ] {
        assert!(text.contains(needle), "{needle} missing");
    }
    let demo = normalise(&body_text(demo_case()));
    for needle in [
        "Catrin Llŷr-Wiśniewska",
        "Màiri NicDhòmhnaill",
        "£",
        "€",
        "“",
        "‘",
    ] {
        assert!(demo.contains(needle), "{needle} missing from the demo");
    }
}

#[test]
fn line_breaks_and_blank_lines_are_kept() {
    let c = tricky_case();
    let (first, last) = section_pages(
        c,
        "P1 establish working relationships with colleagues, partners and stakeholders",
    );
    let (f, l) = (first.to_string(), last.to_string());
    let layout = tool_ok(
        "pdftotext",
        &["-layout", "-f", &f, "-l", &l, p(&c.pdf), "-"],
    );
    let lines: Vec<&str> = layout.lines().map(str::trim).collect();
    let marks: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i] == "Three blank lines above this line.")
        .collect();
    assert_eq!(marks.len(), 3, "{layout}");
    for &i in &marks {
        assert!(
            lines[i - 3..i].iter().all(|l| l.is_empty()),
            "three blank lines lost before line {i}:\n{:?}",
            &lines[i - 5..=i]
        );
    }
    // Every hard line break starts a new line.
    for n in 1..=60 {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&format!("Paragraph {n}: we met"))),
            "Paragraph {n} does not start a line"
        );
    }
    assert!(lines.iter().any(|l| l.starts_with("Indented with a tab.")));
    let (first, last) = section_pages(c, "P2 recognise and respect the roles, responsibilities, interests and concerns of colleagues");
    let text = pages_text(c, first, last);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let at = lines
        .iter()
        .position(|l| *l == "Line one.")
        .expect("Line one.");
    assert_eq!(
        &lines[at..at + 3],
        ["Line one.", "Line two, no blank line.", "Line three."]
    );
}

// ----- structure ----------------------------------------------------------------

/// The level-1 sections, in the order awarding bodies expect.
const SECTIONS: [&str; 12] = [
    "Front sheet",
    "Contents",
    "Declarations",
    "Summary of achievement",
    "Evidence location sheet",
    "Evidence index",
    "Witness status list",
    "Partnerships",
    "Performance criteria (P1–P15)",
    "Knowledge and understanding (K1–K27)",
    "Assessment record and audit trail",
    "Evidence appendix",
];

/// The level-1 sections of a case's PDF: [`SECTIONS`], with the assessment
/// plan and progress reviews before the assessment record when the
/// portfolio has a plan or a review (the demo has both).
fn expected_sections(c: &Case) -> Vec<&'static str> {
    let portfolio = c.open();
    let has_plan = !portfolio.assessment_plan().unwrap().entries.is_empty()
        || !portfolio.progress_reviews().unwrap().is_empty();
    let mut sections = SECTIONS.to_vec();
    if has_plan {
        let at = sections
            .iter()
            .position(|s| *s == "Assessment record and audit trail")
            .unwrap();
        sections.insert(at, "Assessment plan and progress reviews");
    }
    let iqa = portfolio.iqa_record().unwrap();
    if !iqa.samples.is_empty() || !iqa.decisions.is_empty() {
        let at = sections
            .iter()
            .position(|s| *s == "Assessment record and audit trail")
            .unwrap();
        sections.insert(at + 1, "Internal quality assurance record");
    }
    sections
}

#[test]
fn sections_come_in_order_with_every_item_and_record() {
    for c in cases() {
        let s = &c.exported.sections;
        let top: Vec<&str> = s
            .iter()
            .filter(|x| x.level == 1)
            .map(|x| x.title.as_str())
            .collect();
        assert_eq!(top, expected_sections(c));
        let pages: Vec<usize> = s.iter().map(|x| x.page).collect();
        assert!(
            pages.windows(2).all(|w| w[0] <= w[1]),
            "sections out of page order"
        );
        let portfolio = c.open();
        let items: Vec<String> = portfolio
            .standard()
            .items()
            .map(|(_, i)| i.id.clone())
            .collect();
        let item_sections: Vec<String> = s
            .iter()
            .filter(|x| x.level == 2 && items.iter().any(|i| x.title.starts_with(&format!("{i} "))))
            .map(|x| x.title.split(' ').next().unwrap().to_string())
            .collect();
        assert_eq!(
            item_sections, items,
            "one section per item, P1–P15 then K1–K27"
        );
        let records: Vec<String> = portfolio
            .list_evidence(&EvidenceQuery::default())
            .unwrap()
            .into_iter()
            .map(|e| format!("{} {}", e.reference, e.title))
            .collect();
        let (appendix, _) = section_pages(c, "Evidence appendix");
        let in_appendix: Vec<String> = s
            .iter()
            .filter(|x| x.level == 2 && x.page >= appendix && x.title.starts_with('E'))
            .map(|x| x.title.clone())
            .collect();
        assert_eq!(
            in_appendix, records,
            "every record in the appendix, in order"
        );
    }
}

fn outline(items: &[serde_json::Value], depth: usize, out: &mut Vec<(usize, String, usize)>) {
    for item in items {
        out.push((
            depth,
            item["title"].as_str().unwrap().to_owned(),
            item["destpageposfrom1"].as_u64().unwrap() as usize,
        ));
        outline(item["kids"].as_array().unwrap(), depth + 1, out);
    }
}

#[test]
fn bookmarks_lead_to_every_section() {
    for c in cases() {
        let json = tool_ok("qpdf", &["--json", "--json-key=outlines", p(&c.pdf)]);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let mut items = Vec::new();
        outline(v["outlines"].as_array().unwrap(), 0, &mut items);
        assert_eq!(items.len(), c.exported.sections.len());
        for ((depth, title, page), s) in items.iter().zip(&c.exported.sections) {
            assert_eq!((title, *page), (&s.title, s.page));
            assert!(*depth < usize::from(s.level), "{title} nested too deep");
        }
        let top: Vec<&str> = items
            .iter()
            .filter(|i| i.0 == 0)
            .map(|i| i.1.as_str())
            .collect();
        assert_eq!(top, expected_sections(c));
        // Spot-check that the bookmarked pages really show their headings.
        for (_, title, page) in items.iter().filter(|i| i.0 <= 1).step_by(5) {
            assert!(
                squash(&page_text(&c.pdf, *page)).contains(&squash(title)),
                "{title} is not on page {page}"
            );
        }
    }
}

/// The contents as printed: (title, page) in order, read from the pages
/// between the "Contents" heading and the next section.
fn contents_entries(c: &Case) -> Vec<(String, usize)> {
    let (first, last) = section_pages(c, "Contents");
    let last = if last > first { last - 1 } else { last };
    let mut entries: Vec<(String, usize)> = Vec::new();
    let mut pending = String::new();
    for page in first..=last {
        let n = page.to_string();
        let text = tool_ok(
            "pdftotext",
            &["-layout", "-f", &n, "-l", &n, p(&c.pdf), "-"],
        );
        for line in text.lines().filter(|l| !is_running_line(l)) {
            let line = line.trim();
            // pdftotext -layout puts the two halves of the running head on one line.
            if line.is_empty() || line == "Contents" || line.contains("CLDAL16 ") {
                continue;
            }
            match line.rsplit_once(' ') {
                Some((title, number)) if number.chars().all(|c| c.is_ascii_digit()) => {
                    let title = format!("{pending} {}", title.trim_end_matches(['.', ' ']));
                    entries.push((normalise(&title), number.parse().unwrap()));
                    pending.clear();
                }
                // An entry that wraps: its first lines carry no number.
                _ => pending = format!("{pending} {line}"),
            }
        }
    }
    entries
}

#[test]
fn contents_lists_the_real_pages_and_links_to_them() {
    for c in cases() {
        let entries = contents_entries(c);
        // Levels 1 and 2, except the records of the appendix (bookmarked, not listed).
        let (appendix, _) = section_pages(c, "Evidence appendix");
        let listed: Vec<_> = c
            .exported
            .sections
            .iter()
            .filter(|s| s.level <= 2 && s.title != "Contents")
            .filter(|s| !(s.level == 2 && s.page >= appendix))
            .collect();
        assert_eq!(
            entries.iter().map(|e| e.0.clone()).collect::<Vec<_>>(),
            listed
                .iter()
                .map(|s| normalise(&s.title))
                .collect::<Vec<_>>()
        );
        for ((title, page), s) in entries.iter().zip(&listed) {
            assert_eq!(*page, s.page, "{title}");
            assert!(*page <= c.exported.pages);
            assert!(
                squash(&page_text(&c.pdf, *page)).contains(&squash(title)),
                "{title} is not on page {page}"
            );
        }
        // Each entry is a link to its page.
        let doc = lopdf::Document::load(&c.pdf).unwrap();
        let pages = doc.get_pages();
        let number_of: std::collections::BTreeMap<lopdf::ObjectId, u32> =
            pages.iter().map(|(n, id)| (*id, *n)).collect();
        let (first, last) = section_pages(c, "Contents");
        let mut targets = Vec::new();
        for page_no in first..last.max(first + 1) {
            let page = doc.get_dictionary(pages[&(page_no as u32)]).unwrap();
            let Ok(annots) = page.get(b"Annots").and_then(lopdf::Object::as_array) else {
                continue;
            };
            let mut links: Vec<(f32, u32)> = annots
                .iter()
                .map(|a| {
                    let a = match a {
                        lopdf::Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
                        other => other.as_dict().unwrap(),
                    };
                    let dest = a.get(b"A").unwrap().as_dict().unwrap().get(b"D").unwrap();
                    let target = number_of[&dest.as_array().unwrap()[0].as_reference().unwrap()];
                    let rect = a.get(b"Rect").unwrap().as_array().unwrap();
                    (rect[3].as_float().unwrap(), target)
                })
                .collect();
            links.sort_by(|a, b| b.0.total_cmp(&a.0));
            targets.extend(links.into_iter().map(|(_, t)| t as usize));
        }
        let printed: Vec<usize> = entries.iter().map(|e| e.1).collect();
        assert_eq!(targets, printed, "links must go where the contents says");
    }
}

fn page_width(c: &Case, page: usize) -> f32 {
    let n = page.to_string();
    let info = tool_ok("pdfinfo", &["-f", &n, "-l", &n, p(&c.pdf)]);
    info.lines()
        .find(|l| l.starts_with(&format!("Page {page:>4} size:")))
        .and_then(|l| l.split_whitespace().nth(3))
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn the_location_sheet_is_landscape_and_repeats_its_labels() {
    let c = demo_case();
    let (first, last) = section_pages(c, "Evidence location sheet");
    let portfolio = c.open();
    let coverage = portfolio.coverage().unwrap();
    let mut columns_seen = std::collections::BTreeSet::new();
    for page in first..last {
        assert!(
            page_width(c, page) > 800.0,
            "page {page} should be landscape"
        );
        let text = page_text(&c.pdf, page);
        assert!(
            text.contains("Item / evidence"),
            "corner label missing on page {page}"
        );
        for e in &coverage.evidence {
            if text
                .lines()
                .any(|l| l.starts_with(&format!("{} ", e.reference)))
            {
                columns_seen.insert(e.number);
            }
        }
        assert!(
            text.contains("P1 establish") || text.contains("K27 the"),
            "row labels on page {page}"
        );
    }
    assert_eq!(
        columns_seen.len(),
        coverage.evidence.len(),
        "every record has its column"
    );
    assert!(
        page_width(c, first - 1) < 700.0 && page_width(c, last) < 700.0,
        "portrait around it"
    );
}

#[test]
fn photos_are_printed_from_their_print_copies_byte_for_byte() {
    let c = demo_case();
    let portfolio = c.open();
    let mut expected = 0;
    for s in portfolio.list_evidence(&EvidenceQuery::default()).unwrap() {
        for a in portfolio.evidence(&s.reference).unwrap().attachments {
            if !a.has_preview {
                continue;
            }
            let preview = portfolio
                .attachment_preview(a.id, PreviewKind::Print)
                .unwrap();
            assert!(preview.width.max(preview.height) <= 1600);
            assert!(
                c.exported
                    .pdf
                    .windows(preview.jpeg.len())
                    .any(|w| w == preview.jpeg),
                "{} was re-encoded or left out",
                a.file_name
            );
            expected += 1;
        }
    }
    assert_eq!(expected, 4);
    assert_eq!(c.exported.photos, 4);
    let list = tool_ok("pdfimages", &["-list", p(&c.pdf)]);
    assert_eq!(
        list.lines().filter(|l| l.contains(" jpeg ")).count(),
        4,
        "{list}"
    );
    // The tricky case: a PNG printed from its JPEG print copy; a broken
    // "JPEG" listed but not printed.
    let t = tricky_case();
    let list = tool_ok("pdfimages", &["-list", p(&t.pdf)]);
    assert_eq!(
        list.lines().filter(|l| l.contains(" jpeg ")).count(),
        1,
        "{list}"
    );
    let text = normalise(&body_text(t));
    assert!(
        text.contains("llun-wedi-torri.jpg Not printed: kept in the portfolio file"),
        "{text}"
    );
}

// ----- the assessment --------------------------------------------------------------

#[test]
fn judgements_show_the_version_and_fingerprint_they_apply_to() {
    let c = demo_case();
    let portfolio = c.open();
    let submissions = portfolio.submissions().unwrap();
    assert_eq!(submissions.len(), 2, "the demo is submitted twice");
    let mut judged = 0;
    for s in &submissions {
        for j in portfolio.judgements(Some(s.version)).unwrap() {
            let section = c
                .exported
                .sections
                .iter()
                .find(|x| x.level == 2 && x.title.starts_with(&format!("{} ", j.item_id)))
                .unwrap();
            let (first, last) = section_pages(c, &section.title);
            let text = normalise(&pages_text(c, first, last));
            let line = format!(
                "{} — submitted version {}, fingerprint {}",
                j.outcome.label(),
                j.version,
                exchange::short_fingerprint(&s.fingerprint)
            );
            assert!(text.contains(&line), "{}: {line:?} missing", j.item_id);
            assert!(
                text.contains(&normalise(&j.feedback)),
                "{}: feedback",
                j.item_id
            );
            judged += 1;
        }
    }
    assert!(
        judged > 42,
        "every item in version 1, some again in version 2"
    );

    let front = normalise(&page_text(&c.pdf, 1));
    let latest = submissions.last().unwrap();
    assert!(front.contains("Submission dates Version 1 on"), "{front}");
    assert!(front.contains(&format!(
        "Unchanged since version 2 was submitted (that submission’s fingerprint, which also covers the declaration, is {})",
        exchange::short_fingerprint(&latest.fingerprint)
    )), "{front}");
    let sign_off = portfolio.latest_sign_off().unwrap().unwrap();
    assert!(
        front.contains("Sign-off date 10 March 2027 by Màiri NicDhòmhnaill (version 2)"),
        "{front}"
    );
    assert_eq!(sign_off.signed_on, "2027-03-10");

    // The declarations carry the recorded names and dates on their lines.
    let (first, _) = section_pages(c, "Declarations");
    let n = first.to_string();
    let layout = tool_ok(
        "pdftotext",
        &["-layout", "-f", &n, "-l", &n, p(&c.pdf), "-"],
    );
    let lines: Vec<String> = layout.lines().map(normalise).collect();
    let text = lines.join("\n");
    for needle in [
        "\nName Catrin Llŷr-Wiśniewska Date 10 March 2027\n",
        "Signature Confirmed electronically by Catrin Llŷr-Wiśniewska",
        "Name Màiri NicDhòmhnaill Date 10 March 2027",
        "Signature Signed off electronically by Màiri NicDhòmhnaill",
    ] {
        assert!(text.contains(needle), "{needle:?} missing:\n{text}");
    }
    // The audit trail lists every event.
    let (first, last) = section_pages(c, "Audit trail");
    let text = squash(&pages_text(c, first, last));
    for e in portfolio.audit_trail().unwrap() {
        assert!(text.contains(&squash(&e.describe())), "{}", e.describe());
    }
}

#[test]
fn the_front_sheet_says_when_the_content_changed_after_submitting() {
    let dir = common::temp_dir();
    let copy = dir.path().join("changed.portfolio");
    std::fs::copy(&demo_case().portfolio, &copy).unwrap();
    let mut p = Portfolio::open(&copy).unwrap();
    p.set_account("K27", "Rewritten after the sign-off.")
        .unwrap();
    let exported = export::render(&p, exported_at(), &mut |_| {}).unwrap();
    let pdf = dir.path().join("changed.pdf");
    std::fs::write(&pdf, &exported.pdf).unwrap();
    let front = normalise(&page_text(&pdf, 1));
    assert!(
        front.contains("Changed since version 2 was submitted"),
        "{front}"
    );
    assert_ne!(exported.fingerprint, demo_case().exported.fingerprint);
    assert_eq!(exported.fingerprint, p.content_fingerprint().unwrap());
}

// ----- the page ------------------------------------------------------------------

#[test]
fn no_line_runs_off_the_page_and_no_heading_ends_one() {
    let margin = 22.0 * 72.0 / 25.4;
    for c in cases() {
        let pages = word_boxes(&c.pdf);
        assert_eq!(pages.len(), c.exported.pages);
        for (i, ((w, h), words)) in pages.iter().enumerate() {
            for (text, b) in words {
                assert!(
                    b[0] >= margin - 0.5 && b[2] <= w - margin + 0.5 && b[1] >= 0.0 && b[3] <= *h,
                    "page {}: {text:?} at {b:?} leaves the text area",
                    i + 1
                );
            }
        }
        for s in &c.exported.sections {
            let ((_, h), words) = &pages[s.page - 1];
            let first = s.title.split_whitespace().next().unwrap();
            let Some(top) = words.iter().find(|(t, _)| t == first).map(|(_, b)| b[3]) else {
                panic!("{} not on page {}", s.title, s.page);
            };
            let below = words
                .iter()
                .filter(|(_, b)| b[1] > top + 1.0 && b[3] < h - margin)
                .count();
            assert!(below >= 3, "heading {:?} ends page {}", s.title, s.page);
        }
    }
}

#[test]
fn every_page_renders() {
    for c in cases() {
        let dir = common::temp_dir();
        let prefix = dir.path().join("page");
        let out = tool("pdftoppm", &["-r", "12", "-png", p(&c.pdf), p(&prefix)]);
        assert!(out.status.success());
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            c.exported.pages
        );
    }
}

// ----- what an empty portfolio shows -------------------------------------------------

#[test]
fn an_empty_portfolio_gives_blank_declarations_and_says_what_is_missing() {
    let c = empty_case();
    let (first, last) = section_pages(c, "Declarations");
    let text = normalise(&pages_text(c, first, last));
    assert!(
        text.contains(&normalise(exchange::LEARNER_DECLARATION)),
        "{text}"
    );
    let standard = c.open().standard().clone();
    assert!(text.contains(&normalise(&exchange::assessor_declaration(&standard))));
    assert!(text.contains("Not yet declared: the portfolio has not been submitted."));
    assert!(text.contains("Not yet signed off by the assessor."));
    // Learner, assessor and IQA: blank "Name … Date …" rows and signature lines.
    assert_eq!(text.matches("Name Date").count(), 3, "{text}");
    assert_eq!(text.matches("Signature").count(), 3, "{text}");
    let all = normalise(&body_text(c));
    for needle in [
        "Registration number Not recorded",
        "Submission date Not yet submitted",
        "Sign-off date Not yet signed off",
        "No evidence has been added yet.",
        "No witnesses are recorded in this portfolio.",
        "No account written yet.",
        "Not yet judged by the assessor.",
        "No submissions, imports, judgements or sign-offs are recorded yet.",
    ] {
        assert!(all.contains(needle), "{needle} missing");
    }
    assert_eq!(
        all.matches("Not rated").count(),
        42 + 42,
        "summary and item pages"
    );
}

#[test]
fn the_front_sheet_gives_the_fingerprint_short_and_in_full_once() {
    for c in cases() {
        let fp = &c.exported.fingerprint;
        assert_eq!(fp.len(), 64);
        assert!(fp.chars().all(|ch| ch.is_ascii_hexdigit()));
        let front = normalise(&page_text(&c.pdf, 1));
        assert!(front.contains(&exchange::short_fingerprint(fp)), "{front}");
        assert!(front.contains(&format!("(SHA-256): {fp}")), "{front}");
        assert!(
            front.contains("Date of this export 12 March 2027 at 14:00 UTC"),
            "{front}"
        );
        let all = squash(&tool_ok("pdftotext", &[p(&c.pdf), "-"]));
        assert_eq!(
            all.matches(fp.as_str()).count(),
            1,
            "the full fingerprint once"
        );
    }
}

// ----- determinism -------------------------------------------------------------------

#[test]
fn the_same_portfolio_at_the_same_time_gives_the_same_bytes() {
    let c = tricky_case();
    let again = {
        let p = c.open();
        export::render(&p, exported_at(), &mut |_| {}).unwrap().pdf
    };
    assert!(again == c.exported.pdf, "a second export differs");
    // A copy of the file elsewhere, under another name: the same PDF.
    let dir = common::temp_dir();
    let copy = dir.path().join("copi arall.portfolio");
    std::fs::copy(&c.portfolio, &copy).unwrap();
    let p = Portfolio::open(&copy).unwrap();
    let from_copy = export::render(&p, exported_at(), &mut |_| {}).unwrap().pdf;
    assert!(
        from_copy == c.exported.pdf,
        "the file's name or place leaked into the PDF"
    );
    // Another export time changes the file (the time really is an input).
    let later = export::render(&p, "2027-03-13T09:00:00Z".parse().unwrap(), &mut |_| {})
        .unwrap()
        .pdf;
    assert!(later != c.exported.pdf);
}

/// The export checks the file (`verify`) on a second connection while the
/// rest of the document is laid out on both cores, and lays the front sheet
/// out last: the file is the one a check made first and one pass over the
/// document give, for a file that holds and for one whose photo was
/// changed outside the app, whose front sheet still says it does not match.
#[test]
fn the_check_made_beside_the_layout_gives_the_file_a_check_made_first_gives() {
    let c = demo_case();
    let dir = common::temp_dir();
    let changed = dir.path().join("changed.portfolio");
    std::fs::copy(&c.portfolio, &changed).unwrap();
    {
        let conn = rusqlite::Connection::open(&changed).unwrap();
        let n = conn
            .execute(
                "UPDATE content_chunk SET data = zeroblob(length(data))
                 WHERE content_id = (SELECT max(id) FROM content) AND seq = 0",
                [],
            )
            .unwrap();
        assert_eq!(n, 1);
    }
    for (name, path) in [("as made", &c.portfolio), ("changed", &changed)] {
        let p = Portfolio::open(path).unwrap();
        let exported = export::render(&p, exported_at(), &mut |_| {}).unwrap();
        let doc = export::build_document(&p, exported_at()).unwrap();
        let first = partnership_portfolio::pdf::render_in_one_pass(&doc).unwrap();
        assert!(exported.pdf == first.pdf, "{name}: the bytes differ");
        assert_eq!(exported.pages, first.page_count, "{name}");
        let file = dir.path().join(format!("{}.pdf", name.replace(' ', "-")));
        std::fs::write(&file, &exported.pdf).unwrap();
        let front = normalise(&page_text(&file, 1));
        let mismatch = front.contains("This file does not match what was submitted and signed");
        assert_eq!(mismatch, name == "changed", "{name}: {front}");
        if name == "changed" {
            assert!(front.contains("has changed"), "{front}");
            assert!(!front.contains("exactly what"), "{front}");
        } else {
            assert!(front.contains("byte for byte"), "{front}");
        }
    }
    assert!(
        std::fs::read(dir.path().join("changed.pdf")).unwrap() != c.exported.pdf,
        "the changed file's PDF should differ"
    );
}

// ----- writing the file ----------------------------------------------------------------

#[test]
fn write_pdf_replaces_the_file_only_when_complete() {
    let c = empty_case();
    let dir = common::temp_dir();
    let out = dir.path().join("portffolio.pdf");
    std::fs::write(&out, b"an older export").unwrap();
    let p = c.open();
    let mut reports = Vec::new();
    let summary = export::write_pdf(&p, &out, exported_at(), &mut |pr| reports.push(pr)).unwrap();
    let stages: Vec<export::Stage> = reports.iter().map(|r| r.stage).collect();
    assert_eq!(std::fs::read(&out).unwrap(), c.exported.pdf);
    assert_eq!(summary.bytes, c.exported.pdf.len() as u64);
    assert_eq!(summary.pages as usize, c.exported.pages);
    assert_eq!(summary.path, out);
    assert_eq!(stages.first(), Some(&export::Stage::Reading));
    assert_eq!(stages.last(), Some(&export::Stage::Finished));
    assert!(
        stages.windows(2).all(|w| w[0] <= w[1]),
        "stages never go back: {stages:?}"
    );
    let typesetting: Vec<(u32, u32)> = reports
        .iter()
        .filter(|r| r.stage == export::Stage::Typesetting)
        .map(|r| (r.done, r.total))
        .collect();
    assert_eq!(typesetting, [(0, 2), (1, 2), (2, 2)]);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["portffolio.pdf"], "no temporary file left behind");

    let err = export::write_pdf(
        &p,
        &dir.path().join("nid-yma/x.pdf"),
        exported_at(),
        &mut |_| {},
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(err.message.contains("does not exist"), "{}", err.message);
    let err = export::write_pdf(&p, dir.path(), exported_at(), &mut |_| {}).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    // The portfolio itself is never overwritten, whatever it is called.
    let before = std::fs::read(&c.portfolio).unwrap();
    let err = export::write_pdf(&p, &c.portfolio, exported_at(), &mut |_| {}).unwrap_err();
    assert!(
        err.message.contains("is the portfolio itself"),
        "{}",
        err.message
    );
    let link = dir.path().join("link.pdf");
    std::fs::hard_link(&c.portfolio, &link).unwrap();
    let err = export::write_pdf(&p, &link, exported_at(), &mut |_| {}).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(
        std::fs::read(&c.portfolio).unwrap() == before,
        "the portfolio was touched"
    );
}

/// The export saves the PDF straight into its temporary file: the file is
/// the bytes `render` gives for the demo (photos moved into their streams,
/// the structure tree appended after lopdf's save), and an export that
/// fails after the temporary file was made leaves the older export as it
/// was and no temporary file.
#[test]
fn write_pdf_saves_what_render_gives_and_nothing_when_it_fails() {
    let c = demo_case();
    let dir = common::temp_dir();
    let out = dir.path().join("demo.pdf");
    let summary = export::write_pdf(&c.open(), &out, exported_at(), &mut |_| {}).unwrap();
    assert!(
        std::fs::read(&out).unwrap() == c.exported.pdf,
        "the file differs from render's bytes"
    );
    assert_eq!(summary.bytes, c.exported.pdf.len() as u64);

    let damaged = dir.path().join("damaged.portfolio");
    std::fs::copy(&c.portfolio, &damaged).unwrap();
    {
        let conn = rusqlite::Connection::open(&damaged).unwrap();
        let n = conn
            .execute(
                "UPDATE evidence SET title = CAST(x'ff' AS TEXT)
                 WHERE rowid = (SELECT min(rowid) FROM evidence)",
                [],
            )
            .unwrap();
        assert_eq!(n, 1);
    }
    let p = Portfolio::open(&damaged).unwrap();
    export::write_pdf(&p, &out, exported_at(), &mut |_| {}).unwrap_err();
    assert!(
        std::fs::read(&out).unwrap() == c.exported.pdf,
        "the older export was touched"
    );
    let temp: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("exporting"))
        .collect();
    assert!(temp.is_empty(), "temporary files left: {temp:?}");
}

// ----- the command line ------------------------------------------------------------------

fn cli(args: &[&str], epoch: Option<&str>) -> std::process::Output {
    let mut cmd = common::cli_command();
    cmd.args(args).env_remove("SOURCE_DATE_EPOCH");
    if let Some(e) = epoch {
        cmd.env("SOURCE_DATE_EPOCH", e);
    }
    cmd.output().expect("run the CLI")
}

fn refused(args: &[&str], epoch: Option<&str>) -> String {
    let out = cli(args, epoch);
    assert!(!out.status.success(), "{args:?} should fail");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line expected: {err}"
    );
    assert!(err.starts_with("error: "), "{err}");
    err
}

#[test]
fn cli_demo_and_pdf() {
    let dir = common::temp_dir();
    let file = dir.path().join("demo.portfolio");
    let f = p(&file);
    let out = cli(&["demo", f, "--evidence", "9", "--photos", "0"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        said.contains("42 items written up") && said.contains("9 pieces of evidence"),
        "{said}"
    );
    let err = refused(&["demo", f], None);
    assert!(err.contains("already exists"), "{err}");

    let pdf = dir.path().join("allforio.pdf");
    let out = cli(&["pdf", f, "-o", p(&pdf)], Some(EXPORTED_EPOCH));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        said.starts_with(&format!("Wrote {}: ", pdf.display())),
        "{said}"
    );
    let first = std::fs::read(&pdf).unwrap();
    let info = tool_ok("pdfinfo", &[p(&pdf)]);
    assert!(info.contains("Fri Mar 12 14:00:00 2027 UTC"), "{info}");
    // SOURCE_DATE_EPOCH makes the output reproducible, run after run.
    let out = cli(&["pdf", f, "-o", p(&pdf), "--json"], Some(EXPORTED_EPOCH));
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["bytes"].as_u64(), Some(first.len() as u64));
    assert!(
        std::fs::read(&pdf).unwrap() == first,
        "same input, same time, different bytes"
    );
    // Without it, the clock: today's date on the front sheet.
    let out = cli(&["pdf", f, "-o", p(&pdf)], None);
    assert!(out.status.success());
    let today = jiff::Timestamp::now().strftime("%Y").to_string();
    assert!(normalise(&page_text(&pdf, 1)).contains(&today));

    let err = refused(&["pdf", f, "-o", p(&pdf)], Some("last Tuesday"));
    assert!(err.contains("SOURCE_DATE_EPOCH"), "{err}");
    let err = refused(
        &["pdf", p(&dir.path().join("nope.portfolio")), "-o", p(&pdf)],
        None,
    );
    assert!(err.contains("does not exist"), "{err}");
    let err = refused(
        &["pdf", f, "-o", p(&dir.path().join("no/such/folder.pdf"))],
        None,
    );
    assert!(err.contains("does not exist"), "{err}");
    let err = refused(&["pdf", f], None);
    assert!(err.contains("required"), "{err}");
}

// ----- tagged PDF ----------------------------------------------------------------

#[test]
fn every_export_is_tagged_pdf_ua_in_british_english() {
    for c in cases() {
        let info = tool_ok("pdfinfo", &[p(&c.pdf)]);
        assert!(
            info.lines()
                .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
            "{info}"
        );
        assert!(
            info.lines()
                .any(|l| l.starts_with("PDF version:") && l.ends_with(" 1.7")),
            "{info}"
        );
        let tree = pdf_structure::check(&c.pdf);
        let doc = lopdf::Document::load(&c.pdf).unwrap();
        let catalog = doc.catalog().unwrap();
        assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"en-GB");
        let xmp = doc
            .get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap())
            .unwrap()
            .as_stream()
            .unwrap()
            .content
            .clone();
        let xmp = String::from_utf8(xmp).unwrap();
        let title = info
            .lines()
            .find_map(|l| l.strip_prefix("Title:"))
            .unwrap()
            .trim();
        assert!(
            xmp.contains(&format!("<rdf:li xml:lang=\"x-default\">{title}</rdf:li>")),
            "{xmp}"
        );
        // Every printed photograph is a figure with its description, and
        // so are the partnerships' drawings: the stakeholder map and a
        // chart for each health check that has answers.
        let portfolio = c.open();
        let partners = portfolio.partners().unwrap();
        let charts: usize = partners
            .iter()
            .map(|p| {
                portfolio
                    .health_checks(&p.reference)
                    .unwrap()
                    .iter()
                    .filter(|c| !c.respondents.is_empty())
                    .count()
            })
            .sum();
        let drawings = if partners.is_empty() { 0 } else { 1 + charts };
        assert_eq!(
            tree.with_role("Figure").count(),
            c.exported.photos + drawings
        );
    }
}

/// The printed structure of a case, read once.
fn structure_of(c: &'static Case) -> Vec<Printed> {
    printed(&c.pdf)
}

#[test]
fn the_front_sheet_reads_in_order_as_label_and_value_pairs() {
    let c = demo_case();
    let list = structure_of(c);
    let portfolio = c.open();
    let profile = portfolio.profile().unwrap();
    let roles: Vec<&str> = list[..4].iter().map(|e| e.role.as_str()).collect();
    assert_eq!(roles, ["Document", "P", "P", "Sect"]);
    assert_eq!(list[1].text, "Evidence portfolio");
    assert!(
        list[2].text.starts_with(&profile.full_name),
        "{:?}",
        list[2]
    );
    assert_eq!(
        (list[4].role.as_str(), list[4].text.as_str()),
        ("H1", "Front sheet")
    );
    assert_eq!(list[5].role, "Table");
    // Label/value pairs: each row a header cell (the label) and its value.
    let end = list[6..]
        .iter()
        .position(|e| e.depth <= list[5].depth)
        .unwrap()
        + 6;
    let rows: Vec<(String, String)> = list[6..end]
        .iter()
        .enumerate()
        .filter(|(_, e)| e.role == "TR")
        .map(|(k, _)| {
            let i = 6 + k;
            assert_eq!(
                (list[i + 1].role.as_str(), list[i + 2].role.as_str()),
                ("TH", "TD")
            );
            (
                normalise(&list[i + 1].text),
                normalise(&printed_text(&list, i + 2)),
            )
        })
        .collect();
    let labels: Vec<&str> = rows.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Learner",
            "Registration number",
            "Centre",
            "Qualification or programme",
            "Assessor",
            "Standard",
            "Version of the standard",
            "Start date",
            "Submission dates",
            "Sign-off date",
            "Date of this export",
            "Content fingerprint",
            "Checked at this export"
        ]
    );
    assert_eq!(rows[0].1, profile.full_name);
    assert_eq!(rows[2].1, normalise(&profile.centre));
    assert!(rows[5].1.starts_with("CLDAL16 "), "{:?}", rows[5]);
    assert!(rows[8].1.starts_with("Version 1 on "), "{:?}", rows[8]);
    assert!(rows[10].1.contains("12 March 2027"), "{:?}", rows[10]);
    let fingerprint = &c.exported.fingerprint;
    assert!(
        rows[11]
            .1
            .starts_with(&exchange::short_fingerprint(fingerprint)),
        "{:?}",
        rows[11]
    );
    // What was checked, in words, and nothing found to differ in the demo.
    assert!(!rows[12].1.is_empty());
    assert!(!rows[12].1.contains("does not match"), "{:?}", rows[12]);
    // Then the fingerprint in full and the note, as paragraphs.
    assert_eq!(list[end].role, "P");
    assert_eq!(
        normalise(&list[end].text),
        format!("Content fingerprint in full (SHA-256): {fingerprint}")
    );
    assert_eq!(list[end + 1].role, "P");
    assert!(list[end + 1]
        .text
        .starts_with("This document holds the whole portfolio"));
    // The running heads and feet are not in the structure.
    assert!(!list.iter().any(|e| e.text.contains("Page 1 of")));
}

#[test]
fn headings_follow_the_bookmarks_and_hold_their_tables_and_figures() {
    for c in cases() {
        let list = structure_of(c);
        assert_eq!(
            printed_headings(&list),
            expected_headings(&c.exported.sections)
        );
    }

    // The summary, the index and the location sheet: column headers on top,
    // each row headed by its item or evidence reference.
    let c = demo_case();
    let list = structure_of(c);
    let under = |heading: &str| -> Vec<usize> {
        let h = list
            .iter()
            .position(|e| e.role.starts_with('H') && e.text == heading)
            .unwrap_or_else(|| panic!("no heading {heading:?}"));
        let sect_depth = list[h].depth - 1;
        list[h + 1..]
            .iter()
            .take_while(|e| e.depth > sect_depth)
            .enumerate()
            .filter(|(_, e)| e.role == "Table")
            .map(|(k, _)| h + 1 + k)
            .collect()
    };
    let header_cells = |table: usize| -> (Vec<String>, Vec<String>) {
        let mut columns = Vec::new();
        let mut rows = Vec::new();
        let mut in_head = false;
        let mut first_in_row = false;
        for e in list[table + 1..]
            .iter()
            .take_while(|e| e.depth > list[table].depth)
        {
            match e.role.as_str() {
                "THead" => in_head = true,
                "TBody" => in_head = false,
                "TR" => first_in_row = true,
                "TH" if in_head => columns.push(normalise(&e.text)),
                "TH" if first_in_row => rows.push(normalise(&e.text)),
                _ => {}
            }
            if matches!(e.role.as_str(), "TH" | "TD") {
                first_in_row = false;
            }
        }
        (columns, rows)
    };
    let p = c.open();
    let standard = p.standard().clone();
    let items: Vec<String> = standard.items().map(|(_, i)| i.id.clone()).collect();
    let summary = under("Summary of achievement");
    assert_eq!(summary.len(), 2, "one table per kind of item");
    let mut summary_rows = Vec::new();
    for t in summary {
        let (columns, rows) = header_cells(t);
        assert_eq!(columns[0], "Item");
        assert_eq!(columns[2..], ["Self-rating", "Evidence", "Assessor"]);
        summary_rows.extend(rows);
    }
    assert_eq!(summary_rows, items);
    let refs: Vec<String> = p
        .list_evidence(&EvidenceQuery::default())
        .unwrap()
        .into_iter()
        .map(|e| e.reference.clone())
        .collect();
    let index = under("Evidence index");
    let (columns, rows) = header_cells(index[0]);
    assert_eq!(
        columns,
        ["Ref", "Title", "Method", "Date", "Items", "Files"]
    );
    assert_eq!(rows, refs);
    let grid = under("Evidence location sheet");
    let (columns, rows) = header_cells(grid[0]);
    assert_eq!(columns[0], "Item / evidence");
    assert_eq!(columns.len(), 1 + refs.len());
    for (column, r) in columns[1..].iter().zip(&refs) {
        assert!(column.starts_with(&format!("{r} ")), "{column} for {r}");
    }
    assert_eq!(rows.len(), items.len());
    for (row, item) in rows.iter().zip(&items) {
        assert!(row.starts_with(&format!("{item} ")), "{row} for {item}");
    }
}

#[test]
fn photos_are_figures_described_in_the_learner_s_words_or_by_their_evidence_and_file() {
    let c = demo_case();
    let p = c.open();
    let mut expected = Vec::new();
    for s in p.list_evidence(&EvidenceQuery::default()).unwrap() {
        let e = p.evidence(&s.reference).unwrap();
        for a in e.attachments.iter().filter(|a| a.has_preview) {
            expected.push(if expected.is_empty() {
                demo::DEMO_PHOTO_DESCRIPTION.to_string()
            } else {
                format!(
                    "Photograph for evidence {} \u{201C}{}\u{201D}: {}",
                    e.reference, e.title, a.file_name
                )
            });
        }
    }
    assert_eq!(expected.len(), 4);
    let tree = pdf_structure::read(&c.pdf);
    let figures: Vec<String> = tree
        .with_role("Figure")
        .map(|(_, f)| f.alt.clone().unwrap())
        // The partnership section's drawings are figures too.
        .filter(|alt| alt.starts_with("Photograph") || alt == demo::DEMO_PHOTO_DESCRIPTION)
        .collect();
    assert_eq!(figures, expected);
    // Each figure sits in its record's section of the appendix, its caption after it.
    let list = structure_of(c);
    let mut heading = String::new();
    for (i, e) in list.iter().enumerate() {
        if e.role == "H2" {
            heading = normalise(&e.text);
        }
        // (The partnerships' drawings are under their partner's heading.)
        if e.role == "Figure" && heading.starts_with('E') {
            let caption = normalise(&printed_text(&list, i + 1));
            assert_eq!(list[i + 1].role, "Caption");
            let reference = heading.split_whitespace().next().unwrap();
            assert!(
                caption.starts_with(&format!("{reference} \u{b7} ")),
                "{caption} under {heading}"
            );
        }
    }
}

// ----- every character ---------------------------------------------------------------

/// A portfolio whose learner writes every kind of character, and two that no
/// font has (a private-use character and an unassigned code point).
fn characters_case() -> &'static Case {
    static CASE: OnceLock<Case> = OnceLock::new();
    CASE.get_or_init(|| {
        Case::build("characters", |path| {
            let mut p = Portfolio::create(
                path,
                NewPortfolio {
                    standard: catalogue::cldal16(),
                    profile: LearnerProfile::named("Zoë Ψηλή-Шевченко"),
                    title: None,
                },
            )
            .unwrap();
            let account: Vec<String> = EVERY_CHARACTER
                .iter()
                .map(|(kind, text)| format!("{kind}: {text}"))
                .collect();
            p.set_account("P3", &account.join("\n")).unwrap();
            p.set_account("K2", "A character from a private font: [\u{E000}].").unwrap();
            p.add_evidence(NewEvidence {
                input: EvidenceInput {
                    title: "Session review ✓ — attendance ≈ 90 % 😀".into(),
                    method: EvidenceMethod::Other,
                    activity_date: Some("2027-01-31".into()),
                    description: "Scores rose ≥ 2 points → target met ★; one unknown [\u{0378}] and [\u{E000}] again.".into(),
                    witness: None,
                    confidential: None,
                },
                attach: vec![],
                mappings: vec![Mapping {
                    item_id: "P3".into(),
                    note: "Shows planning ✔ with ½ the group.".into(),
                }],
            })
            .unwrap();
            p.close().unwrap();
        })
    })
}

#[test]
fn every_character_a_learner_types_is_printed_as_itself() {
    let c = characters_case();
    // In content order: see the engine's test for why not the layout mode.
    let text = normalise(&tool_ok("pdftotext", &["-raw", p(&c.pdf), "-"]));
    for (kind, line) in EVERY_CHARACTER {
        let line = format!("{kind}: {}", line.replace('\u{FE0F}', ""));
        assert!(text.contains(&line), "{line:?} missing");
    }
    for written in [
        "Zoë Ψηλή-Шевченко",
        "Session review ✓ — attendance ≈ 90 % 😀",
        "Scores rose ≥ 2 points → target met ★",
        "Shows planning ✔ with ½ the group.",
    ] {
        assert!(text.contains(written), "{written:?} missing");
    }
    assert_fonts_embedded(
        &c.pdf,
        &[
            "NotoSansMath-Regular",
            "NotoSansSymbols-Regular",
            "NotoSansSymbols2-Regular",
            "NotoEmoji-Regular",
        ],
    );
    pdf_structure::check(&c.pdf);
}

#[test]
fn characters_no_font_has_are_placeholders_listed_with_where_they_are() {
    let c = characters_case();
    let text = tool_ok("pdftotext", &["-raw", p(&c.pdf), "-"]);
    let normal = normalise(&text);
    assert!(
        normal.contains("A character from a private font: [\u{FFFD}]."),
        "{normal}"
    );
    assert!(normal.contains("one unknown [\u{FFFD}] and [\u{FFFD}] again."));
    assert!(!text.contains('\u{E000}') && !text.contains('\u{0378}'));

    // The export's result names them and where they are, in the order they
    // first appear; the CLI says the same, and its JSON carries it.
    let dir = common::temp_dir();
    let out = dir.path().join("characters.pdf");
    let summary = export::write_pdf(&c.open(), &out, exported_at(), &mut |_| {}).unwrap();
    let missing: Vec<(&str, &str, Vec<String>)> = summary
        .missing_characters
        .iter()
        .map(|m| {
            (
                m.character.as_str(),
                m.code_point.as_str(),
                m.places.clone(),
            )
        })
        .collect();
    assert_eq!(missing.len(), 2, "{missing:?}");
    assert_eq!((missing[0].0, missing[0].1), ("\u{E000}", "U+E000"));
    assert_eq!((missing[1].0, missing[1].1), ("\u{0378}", "U+0378"));
    let page_of = |title_start: &str| -> usize {
        c.exported
            .sections
            .iter()
            .find(|s| s.title.starts_with(title_start))
            .unwrap()
            .page
    };
    let k2 = c
        .exported
        .sections
        .iter()
        .find(|s| s.title.starts_with("K2 "))
        .unwrap();
    let e1 = page_of("E1 Session review");
    assert_eq!(
        missing[0].2,
        [
            format!(
                "page {}: Knowledge and understanding (K1\u{2013}K27) \u{203A} {} \u{203A} Learner\u{2019}s account",
                k2.page, k2.title
            ),
            format!(
                "page {e1}: Evidence appendix \u{203A} E1 Session review \u{2713} \u{2014} attendance \u{2248} 90 % \u{1F600} \u{203A} Description"
            ),
        ]
    );
    assert_eq!(missing[1].2, [missing[0].2[1].clone()]);

    let cli_out = cli(
        &["pdf", p(&c.portfolio), "-o", p(&out)],
        Some(EXPORTED_EPOCH),
    );
    assert!(cli_out.status.success());
    let said = String::from_utf8(cli_out.stdout).unwrap();
    assert!(
        said.contains("No font in the PDF has these 2 characters; each is printed as \u{FFFD}:"),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "  U+E000 \u{E000}: {}; {}",
            missing[0].2[0], missing[0].2[1]
        )),
        "{said}"
    );
    let cli_out = cli(
        &["pdf", p(&c.portfolio), "-o", p(&out), "--json"],
        Some(EXPORTED_EPOCH),
    );
    let json: serde_json::Value = serde_json::from_slice(&cli_out.stdout).unwrap();
    assert_eq!(json["missing_characters"][0]["code_point"], "U+E000");
    assert_eq!(
        json["missing_characters"][1]["places"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Every other export lists none.
    for c in cases() {
        assert!(c.exported.missing_characters.is_empty());
    }
}
