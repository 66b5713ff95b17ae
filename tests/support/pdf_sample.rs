//! A realistic sample portfolio document for the PDF engine, shared by the
//! integration tests (`tests/pdf_engine.rs`) and the `pdf_sample` example: front
//! sheet, contents, declarations, a multi-page summary table, a table with a cell
//! longer than a page, a 42 × 150 evidence location grid on landscape pages,
//! evidence sections with long accounts in Welsh/Polish/Gaelic-flavoured English,
//! a 400-character URL, two JPEG photos and a raw RGB chart.

#![allow(dead_code, clippy::vec_init_then_push)]

use partnership_portfolio::pdf::*;

pub const LANDSCAPE_JPEG: &[u8] = include_bytes!("../fixtures/photo-landscape.jpg");
pub const PORTRAIT_JPEG: &[u8] = include_bytes!("../fixtures/photo-portrait.jpg");

pub const LEARNER: &str = "Siân Llŷr";
pub const URN: &str = "CLDAL16 · Develop and support learning for adults";
pub const FOOTER: &str = "Evidence portfolio — Siân Llŷr";

/// The 400-character URL without spaces used in one account.
pub fn long_url() -> String {
    let mut url = String::from(
        "https://learning.example.org.uk/portfolio/evidence/2024-25/cldal16/items/E031/attachments/session-recording?token=",
    );
    let mut n: u32 = 0x2545_F491;
    while url.len() < 400 {
        n ^= n << 13;
        n ^= n >> 17;
        n ^= n << 5;
        url.push(char::from_digit(n % 16, 16).unwrap());
    }
    url
}

pub const ACCOUNTS: [&str; 6] = [
    "During the spring term I planned and delivered a ten-week ‘Digital Skills for Everyday Life’ course at the community centre in Llanrwst for eight adult learners, most of whom were returning to learning after a long gap. Before the first session I met each learner individually to agree an initial assessment, using a short conversation rather than a written test because several learners had told me that forms made them anxious. From those conversations I recorded individual goals — for example, Gwenllian wanted to video-call her grandchildren in Łódź, and Dafydd wanted to apply for jobs online — and I used them to shape the scheme of work.",
    "In the third session one learner said, “I’ve never been any good with computers,” and stopped trying. Rather than pressing on with the planned activity, I paired her with a more confident peer and changed the task so that it started from something she already did every day: checking bus times on her phone. By the end of the session she had saved the timetable as a bookmark and said it was ‘the first useful thing I’ve done on a computer’. I reflected afterwards that my original plan had assumed a level of confidence the group did not yet have, and I rewrote the next two session plans with shorter steps and more paired work.",
    "The group asked for some materials in Welsh. I produced bilingual handouts with help from a colleague, Siân Llŷr, checking that characters such as ŵ, ŷ, Ŵ and Ŷ printed correctly on the centre’s printer (they did not at first, because the template used an old font). Learners used phrases such as “Bore da” and “Diolch yn fawr” when greeting each other on the forum, which helped to make the online space feel like their own.",
    "Màiri, a Gaelic speaker from Uibhist a Deas, joined in week four. We agreed that she would keep her learning journal in Gaelic and English; her entry for week five reads “Tha mi a’ faighinn misneachd” — ‘I am gaining confidence’. I arranged for her to borrow a tablet through the centre’s loan scheme, which costs learners £5 a term (the partner college in Cork charges €5), and I recorded the loan agreement as evidence.",
    "Attendance averaged 87% across the ten weeks; seven of the eight learners completed the course and six achieved their individual goals in full. The learner who left did so because of a change in her working hours – not, as far as I could tell, because of the course itself – and I have since referred her to the evening provision at the library in Wrocław Street, where the learner-centred drop-in runs until 8 pm.",
    "I collected feedback in three ways: a short ‘stop, start, continue’ exercise at the mid-point, a smiley-face questionnaire for the learners who preferred not to write, and a conversation with each learner at the end. Common themes were that learners valued the slower pace, the paired work and the printed step-by-step guides; two learners asked for more practice time between sessions. In response I set up an informal drop-in hour on Thursday mornings, staffed by a volunteer, which four learners now use regularly.",
];

pub const ACTION_PLAN: &str = "Actions agreed with my assessor:\n1. Observe a colleague’s ESOL session before 30 June.\n2. Revise the initial assessment conversation guide.\n\nReview date: 14 July, with Màiri NicLeòid (assessor).";

const TYPES: [&str; 4] = [
    "Reflective account",
    "Observation",
    "Witness testimony",
    "Product evidence",
];

const TITLES: [&str; 8] = [
    "Initial assessment conversations",
    "Scheme of work for digital skills",
    "Session plan: getting started with video calls",
    "Bilingual handouts and glossary",
    "Learner journal extracts (Gaelic and English)",
    "Observation of session five by my assessor",
    "End-of-course review and progression advice",
    "Working with the partner library in Wrocław Street",
];

fn date(i: usize) -> String {
    format!("{:02}/{:02}/2025", 1 + (i * 7) % 28, 1 + (i / 4) % 12)
}

fn criteria(i: usize) -> String {
    let a = 1 + i % 20;
    let b = 1 + (i * 7 + 3) % 20;
    let k = 1 + (i * 5) % 22;
    format!("PC{a}, PC{b}, K{k}")
}

/// Deterministic pseudo-random marks for the grid.
fn mark(r: usize, c: usize) -> Mark {
    let h = (r as u32 * 7919 + c as u32 * 104_729).wrapping_mul(2_654_435_761);
    match h >> 24 {
        0..=26 => Mark::Dot,
        27..=31 => Mark::Text("P".into()),
        _ => Mark::Empty,
    }
}

/// A small RGB bar chart drawn into raw pixels.
pub fn chart_pixels() -> (Vec<u8>, u32, u32) {
    let (w, h) = (600_u32, 220_u32);
    let mut px = vec![255_u8; (w * h * 3) as usize];
    let bars = [78, 85, 92, 88, 84, 90, 87, 95, 80, 91];
    for (i, v) in bars.iter().enumerate() {
        let x0 = 30 + i as u32 * 56;
        let top = h - 20 - (v * 180 / 100);
        for y in top..h - 20 {
            for x in x0..x0 + 36 {
                let o = ((y * w + x) * 3) as usize;
                px[o..o + 3].copy_from_slice(&[0x1D, 0x4E, 0x6E]);
            }
        }
    }
    for x in 20..w - 10 {
        let o = (((h - 20) * w + x) * 3) as usize;
        px[o..o + 3].copy_from_slice(&[0x5B, 0x65, 0x70]);
    }
    (px, w, h)
}

fn photo(i: usize, caption: String) -> Block {
    let (data, width, height) = if i % 2 == 0 {
        (LANDSCAPE_JPEG, 1600, 1200)
    } else {
        (PORTRAIT_JPEG, 1000, 1400)
    };
    Block::Image(Image {
        source: ImageSource::Jpeg {
            data: data.to_vec(),
            width,
            height,
        },
        alt: format!(
            "Photograph {}: the community room set up for paired work",
            i + 1
        ),
        caption: Some(caption),
        max_height_mm: Some(if i % 2 == 0 { 110.0 } else { 130.0 }),
    })
}

/// Just `photos` JPEG photos, one per page, with captions.
pub fn photos_document(photos: usize) -> Document {
    let mut blocks = vec![Block::Heading(Heading::new(1, "Photographs"))];
    for p in 0..photos {
        blocks.push(photo(p, format!("Photograph {} of {}", p + 1, photos)));
    }
    Document {
        metadata: metadata(),
        running: RunningText {
            header_left: LEARNER.into(),
            header_right: URN.into(),
            footer_left: FOOTER.into(),
        },
        orientation: Orientation::Portrait,
        blocks,
    }
}

pub fn metadata() -> Metadata {
    Metadata {
        title: "Evidence portfolio: CLDAL16".into(),
        author: LEARNER.into(),
        subject: "Develop and support learning for adults".into(),
        keywords: vec!["CLDAL16".into(), "portfolio".into()],
        creator: "Partnership Portfolio".into(),
        created: "2025-06-30T14:00:00Z".parse().unwrap(),
        modified: "2025-07-01T09:30:00Z".parse().unwrap(),
        language: "en-GB".into(),
    }
}

/// The sample: `items` evidence sections (45 gives about 70 pages) and `photos`
/// JPEG photos in the appendix (the sections carry two more).
pub fn sample_document(items: usize, photos: usize) -> Document {
    let mut b = Vec::new();

    // Front sheet.
    b.push(Block::Title(Title {
        title: "Evidence portfolio".into(),
        subtitle: Some("CLDAL16 — Develop and support learning for adults".into()),
    }));
    b.push(Block::LabelValues(LabelValues::plain([
        ("Learner", LEARNER),
        ("Learner number", "PP-2025-0042"),
        ("Centre", "Canolfan Ddysgu Llanrwst"),
        ("Assessor", "Màiri NicLeòid"),
        ("Internal verifier", "Zbigniew Łukasiewicz"),
        (
            "Standard",
            "CLDAL16 (National Occupational Standard, Community Learning and Development)",
        ),
        ("Started", "6 January 2025"),
        ("Submitted", "30 June 2025"),
    ])));
    b.push(Block::Space(8.0));
    b.push(Block::Paragraph(
        Paragraph::plain(
            "This portfolio brings together the evidence I have collected against the performance criteria and knowledge requirements of the standard. Each item is listed in the summary, mapped on the evidence location sheet, and described in its own section.",
        )
        .small(),
    ));
    b.push(Block::Signature(Signature::blank(vec![
        "Learner signature",
        "Date",
    ])));

    b.push(Block::PageBreak(Orientation::Portrait));
    b.push(Block::Contents(Contents {
        title: "Contents".into(),
        max_level: 2,
    }));

    // Declarations.
    b.push(Block::PageBreak(Orientation::Portrait));
    b.push(Block::Heading(Heading::new(1, "Declarations")));
    b.push(Block::Heading(Heading::new(2, "Learner declaration")));
    b.push(Block::Paragraph(Paragraph::new(vec![
        Span::plain("I confirm that the evidence in this portfolio is my own work, that I have the consent of the learners and colleagues named in it, and that personal details have been shared only as agreed with my centre. "),
        Span::bold("Where I have used the words of others, I have said so."),
    ])));
    b.push(Block::Signature(Signature::blank(vec![
        "Learner signature",
        "Date",
    ])));
    b.push(Block::Heading(Heading::new(2, "Assessor declaration")));
    b.push(Block::Paragraph(Paragraph::plain(
        "I confirm that I have assessed the evidence in this portfolio against the standard and that it is valid, authentic, current and sufficient.",
    )));
    b.push(Block::Signature(Signature::blank(vec![
        "Assessor signature",
        "Date",
    ])));

    // Summary table.
    b.push(Block::Heading(Heading::new(1, "Summary of evidence")));
    b.push(Block::Paragraph(Paragraph::plain(
        "Every item of evidence, with the criteria it covers. Items are described in full in the sections that follow.",
    )));
    let header: Vec<Cell> = ["Ref", "Title", "Type", "Date", "Criteria"]
        .into_iter()
        .map(Cell::from)
        .collect();
    let rows = (0..items.max(60))
        .map(|i| {
            vec![
                Cell::from(format!("E{:03}", i + 1)),
                Cell::from(TITLES[i % TITLES.len()]),
                Cell::from(TYPES[i % TYPES.len()]),
                Cell::from(date(i)),
                Cell::from(criteria(i)),
            ]
        })
        .collect();
    b.push(Block::Table(Table {
        columns: vec![
            Column::new(0.08),
            Column::new(0.42),
            Column::new(0.19),
            Column::new(0.13).aligned(Align::Right),
            Column::new(0.18),
        ],
        header: vec![header],
        rows,
        header_column: true,
        zebra: true,
        small: false,
    }));

    // Coverage table with a cell longer than a page.
    b.push(Block::Heading(Heading::new(
        1,
        "Assessor feedback by criterion",
    )));
    let long_comment = ACCOUNTS.repeat(3).join("\n\n");
    let mut rows = Vec::new();
    for i in 0..12 {
        let comment = if i == 4 {
            long_comment.clone()
        } else {
            let short: String = ACCOUNTS[i % ACCOUNTS.len()]
                .chars()
                .take(180 + (i * 37) % 200)
                .collect();
            short.trim_end().to_owned() + "…"
        };
        rows.push(vec![
            Cell::from(format!("PC{}", i + 1)),
            Cell::from(if i == 2 {
                "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch".to_owned()
            } else {
                criteria(i * 3)
            }),
            Cell::from(comment),
        ]);
    }
    b.push(Block::Table(Table {
        columns: vec![Column::new(0.12), Column::new(0.2), Column::new(0.68)],
        header: vec![vec![
            Cell::from("Criterion"),
            Cell::from("Evidence"),
            Cell::from("Assessor comment"),
        ]],
        rows,
        header_column: true,
        zebra: false,
        small: true,
    }));

    // Evidence location sheet.
    b.push(Block::PageBreak(Orientation::Landscape));
    b.push(Block::Heading(Heading::new(1, "Evidence location sheet")));
    let row_labels: Vec<String> = (0..42)
        .map(|r| {
            if r < 20 {
                format!("PC{} Performance criterion {}", r + 1, r + 1)
            } else {
                format!("K{} Knowledge {}", r - 19, r - 19)
            }
        })
        .collect();
    let column_labels: Vec<String> = (0..150).map(|c| format!("E{:03}", c + 1)).collect();
    let marks = (0..42)
        .map(|r| (0..150).map(|c| mark(r, c)).collect())
        .collect();
    b.push(Block::Grid(Grid {
        corner: "Criterion / evidence".into(),
        column_labels,
        row_labels,
        marks,
        legend: vec![
            (Mark::Dot, "evidence fully covers the criterion".into()),
            (Mark::Text("P".into()), "evidence partly covers it".into()),
        ],
    }));

    // Evidence items.
    b.push(Block::PageBreak(Orientation::Portrait));
    b.push(Block::Heading(Heading::new(1, "Evidence items")));
    let url = long_url();
    for i in 0..items {
        b.push(Block::Heading(Heading::new(
            2,
            format!("E{:03} — {}", i + 1, TITLES[i % TITLES.len()]),
        )));
        b.push(Block::LabelValues(LabelValues::plain([
            ("Type", TYPES[i % TYPES.len()].to_owned()),
            ("Date", date(i)),
            ("Criteria", criteria(i)),
            ("Location", format!("Portfolio file, section {}", i + 1)),
        ])));
        b.push(Block::Heading(Heading::new(3, "Account")));
        for k in 0..(2 + i % 3) {
            b.push(Block::Paragraph(Paragraph::plain(
                ACCOUNTS[(i + k) % ACCOUNTS.len()],
            )));
        }
        if i == 2 {
            b.push(Block::Paragraph(Paragraph::new(vec![
                Span::plain("The recording of the session is kept on the centre’s shared drive; the direct link is "),
                Span::plain(url.clone()).linked(url.clone()),
                Span::plain(" (access restricted to the assessor and the internal verifier)."),
            ])));
        }
        if i % 4 == 1 {
            b.push(Block::Bullets(vec![
                Paragraph::plain("Session plan and resources (appendix A)"),
                Paragraph::plain("Learner feedback summary — ten responses, six in Welsh"),
                Paragraph::plain("Notes from the review meeting with my assessor, including the actions we agreed for the next term and how I will know that they have worked"),
            ]));
        }
        if i % 6 == 3 {
            b.push(Block::Paragraph(Paragraph::plain(ACTION_PLAN)));
        }
        if i == 1 || i == 5 {
            b.push(photo(
                i / 4,
                format!(
                    "Photo for E{:03}: the learning space set up for paired work",
                    i + 1
                ),
            ));
        }
        if i == 4 {
            let (pixels, width, height) = chart_pixels();
            b.push(Block::Image(Image {
                source: ImageSource::Rgb8 {
                    pixels,
                    width,
                    height,
                },
                alt: "Bar chart of attendance by week: 78, 85, 92, 88, 84, 90, 87, 95, 80 and 91 per cent over weeks 1 to 10.".into(),
                caption: Some("Attendance by week (percentage of learners present)".into()),
                max_height_mm: Some(45.0),
            }));
        }
    }

    // Appendix of photos.
    if photos > 0 {
        b.push(Block::Heading(Heading::new(1, "Appendix: photographs")));
        for p in 0..photos {
            b.push(photo(
                p,
                format!(
                    "Photograph {} of {}: session {} in the community room",
                    p + 1,
                    photos,
                    p % 10 + 1
                ),
            ));
        }
    }

    Document {
        metadata: metadata(),
        running: RunningText {
            header_left: LEARNER.into(),
            header_right: URN.into(),
            footer_left: FOOTER.into(),
        },
        orientation: Orientation::Portrait,
        blocks: b,
    }
}
