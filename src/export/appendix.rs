//! The evidence appendix: every record in full, in reference order: its
//! details, description, witness or confidential descriptor, what it maps
//! to and how, every file with its name, size and full SHA-256, and its
//! photographs printed from their print renditions (JPEG passed through
//! as stored: already upright, at most 1,600 pixels on the longer side).

use super::snapshot::Snapshot;
use super::{free_text, heading, listings, unlisted, value, words, MUTED};
use crate::evidence::attachments::{human_size, Attachment};
use crate::evidence::Evidence;
use crate::pdf::{Block, Cell, Column, Image, ImageSource, LabelValues, Paragraph, Span, Table};

/// Tallest a photograph is printed, in millimetres: a landscape photo fills
/// the text width, a portrait one stays under half the page.
const PHOTO_MAX_HEIGHT_MM: f32 = 125.0;

pub(super) fn evidence_appendix(b: &mut Vec<Block>, s: &mut Snapshot) {
    b.push(heading(1, "Evidence appendix"));
    if s.evidence.is_empty() {
        b.push(super::remark("No evidence has been added yet."));
        return;
    }
    b.push(Block::Paragraph(Paragraph::plain(
        "Every piece of evidence in full, in reference order. Photographs are printed from the print-size copy the \
         portfolio keeps of them (turned upright, at most 1,600 pixels on the longer side); every file is listed with \
         its SHA-256, so an original can be checked against this record.",
    )));
    let mut previews = std::mem::take(&mut s.previews);
    for e in &s.evidence {
        b.push(unlisted(2, format!("{} {}", e.reference, e.title)));
        let items: Vec<String> = e.mappings.iter().map(|m| m.item_id.clone()).collect();
        b.push(Block::LabelValues(LabelValues {
            rows: vec![
                ("Method".into(), vec![Span::plain(e.method_label.clone())]),
                (
                    "Date of the activity".into(),
                    value(
                        &e.activity_date
                            .as_deref()
                            .map(words::date)
                            .unwrap_or_default(),
                    ),
                ),
                (
                    "Added".into(),
                    vec![Span::plain(words::instant(&e.created_at))],
                ),
                (
                    "Last changed".into(),
                    vec![Span::plain(words::instant(&e.updated_at))],
                ),
                (
                    "Shows".into(),
                    super::value_or(&words::and_list(&items), "Not mapped to any item yet"),
                ),
            ]
            .into_iter()
            .chain(e.source.as_ref().map(|src| {
                (
                    "Made from".into(),
                    vec![Span::plain(src.status_text.clone())],
                )
            }))
            .collect(),
            label_width: Some(0.24),
        }));

        b.push(heading(3, "Description"));
        b.push(free_text(&e.description, "No description written."));

        if let Some(w) = &e.witness {
            b.push(heading(3, "Witness"));
            b.push(Block::LabelValues(LabelValues {
                rows: listings::witness_rows(w, true, None),
                label_width: Some(0.28),
            }));
        }
        if let Some(c) = &e.confidential {
            b.push(heading(3, "Confidential original"));
            b.push(Block::Paragraph(
                Paragraph::plain(
                    "The original cannot be copied into the portfolio; this is where it is and who can confirm it.",
                )
                .small(),
            ));
            b.push(Block::LabelValues(LabelValues {
                rows: vec![
                    ("What it is".into(), value(&c.what)),
                    ("Where the original is held".into(), value(&c.held_at)),
                    ("Who can confirm it".into(), value(&c.confirmer)),
                ],
                label_width: Some(0.28),
            }));
        }

        if !e.mappings.is_empty() {
            b.push(heading(3, "What it shows"));
            let rows = e
                .mappings
                .iter()
                .map(|m| {
                    vec![
                        Cell::from(Span::bold(m.item_id.clone())),
                        Cell {
                            spans: super::value_or(&m.note, "No note of how"),
                        },
                    ]
                })
                .collect();
            b.push(Block::Table(Table {
                columns: vec![Column::new(0.6), Column::new(5.4)],
                header: vec![vec![Cell::from("Item"), Cell::from("How it shows it")]],
                rows,
                header_column: true,
                zebra: true,
                small: true,
            }));
        }

        if !e.attachments.is_empty() {
            b.push(heading(3, "Files"));
            let rows = e
                .attachments
                .iter()
                .map(|a| {
                    let shown = previews.contains_key(&a.id);
                    let mut name = vec![Span::plain(a.file_name.clone())];
                    name.push(
                        Span::italic(if shown {
                            "\nPrinted below"
                        } else {
                            "\nNot printed: kept in the portfolio file"
                        })
                        .coloured(MUTED),
                    );
                    vec![
                        Cell { spans: name },
                        Cell::from(format!("{}\n{}", a.media_type, human_size(a.size))),
                        Cell::from(a.sha256.clone()),
                    ]
                })
                .collect();
            b.push(Block::Table(Table {
                columns: vec![Column::new(2.4), Column::new(1.3), Column::new(2.6)],
                header: vec![vec![
                    Cell::from("File"),
                    Cell::from("Type and size"),
                    Cell::from("SHA-256"),
                ]],
                rows,
                header_column: true,
                zebra: true,
                small: true,
            }));
            for a in &e.attachments {
                let Some(p) = previews.remove(&a.id) else {
                    continue;
                };
                b.push(Block::Image(Image {
                    alt: photo_alt(e, a),
                    caption: Some(format!(
                        "{} \u{00B7} {} ({}, printed from a {}\u{00D7}{} pixel copy)",
                        e.reference,
                        a.file_name,
                        human_size(a.size),
                        p.width,
                        p.height
                    )),
                    source: ImageSource::Jpeg {
                        data: p.jpeg,
                        width: p.width,
                        height: p.height,
                    },
                    max_height_mm: Some(PHOTO_MAX_HEIGHT_MM),
                }));
            }
        }
    }
}

/// The alternative text of a printed photograph: the learner's description,
/// or one made from the evidence's reference and title and the file's name.
fn photo_alt(e: &Evidence, a: &Attachment) -> String {
    // Stored trimmed, and never empty (empty text removes it).
    a.description.clone().unwrap_or_else(|| {
        format!(
            "Photograph for evidence {} \u{201C}{}\u{201D}: {}",
            e.reference, e.title, a.file_name
        )
    })
}
