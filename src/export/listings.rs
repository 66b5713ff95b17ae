//! The PDF's overviews of the evidence: the evidence location sheet (the
//! mapping grid of items against evidence, on landscape pages), the evidence
//! index, and the witness status list.

use super::snapshot::Snapshot;
use super::{heading, remark, unlisted, value, words};
use crate::evidence::attachments::human_size;
use crate::pdf::{Block, Cell, Column, Grid, LabelValues, Mark, Paragraph, Span, Table};

pub(super) fn location_sheet(b: &mut Vec<Block>, s: &Snapshot) {
    b.push(heading(1, "Evidence location sheet"));
    let c = &s.coverage;
    let gaps: Vec<String> = c
        .rows
        .iter()
        .filter(|r| r.evidence.is_empty())
        .map(|r| r.item_id.clone())
        .collect();
    let mut text = format!(
        "Where the evidence for each item is: a dot marks each piece of evidence mapped to the item. \
         {} of {} items have evidence ({} mappings in all).",
        c.covered_items, c.total_items, c.mappings
    );
    if !gaps.is_empty() {
        text.push_str(&format!(
            " No evidence is mapped yet to {}.",
            words::and_list(&gaps)
        ));
    }
    if c.evidence.len() > 1 {
        text.push_str(
            " Where the sheet is wider or longer than a page it continues over several parts, each with the item and evidence labels repeated.",
        );
    }
    b.push(Block::Paragraph(Paragraph::plain(text)));
    if c.evidence.is_empty() {
        b.push(remark("No evidence has been added yet."));
        return;
    }
    let columns: Vec<u32> = c.evidence.iter().map(|e| e.number).collect();
    let marks = c
        .rows
        .iter()
        .map(|row| {
            // Both lists ascend: walk them together.
            let mut mapped = row.evidence.iter().peekable();
            columns
                .iter()
                .map(|n| {
                    while mapped.next_if(|m| *m < n).is_some() {}
                    if mapped.next_if_eq(&n).is_some() {
                        Mark::Dot
                    } else {
                        Mark::Empty
                    }
                })
                .collect()
        })
        .collect();
    b.push(Block::Grid(Grid {
        corner: "Item / evidence".into(),
        column_labels: c
            .evidence
            .iter()
            .map(|e| format!("{} {}", e.reference, e.title))
            .collect(),
        row_labels: c
            .rows
            .iter()
            .map(|r| format!("{} {}", r.item_id, words::short_text(&r.text, 44)))
            .collect(),
        marks,
        legend: vec![(
            Mark::Dot,
            "evidence mapped to the item; the item’s own section says how it shows it".into(),
        )],
    }));
}

/// The first eight hex digits of a file's SHA-256, enough to tell files apart.
fn short_hash(sha256: &str) -> String {
    sha256.chars().take(8).collect()
}

/// The file list of a record for the index: name, size and short hash.
fn attachment_lines(e: &crate::evidence::Evidence) -> Vec<Span> {
    if e.attachments.is_empty() {
        return vec![Span::italic("None").coloured(super::MUTED)];
    }
    let mut spans = Vec::new();
    for (i, a) in e.attachments.iter().enumerate() {
        if i > 0 {
            spans.push(Span::plain("\n"));
        }
        spans.push(Span::plain(a.file_name.clone()));
        spans.push(
            Span::plain(format!(
                "\n{} \u{00B7} {}",
                human_size(a.size),
                short_hash(&a.sha256)
            ))
            .coloured(super::MUTED),
        );
    }
    spans
}

pub(super) fn evidence_index(b: &mut Vec<Block>, s: &Snapshot) {
    b.push(heading(1, "Evidence index"));
    if s.evidence.is_empty() {
        b.push(remark("No evidence has been added yet."));
        return;
    }
    b.push(Block::Paragraph(Paragraph::plain(format!(
        "{} in reference order. Each is printed in full in the evidence appendix; files are listed with their size and \
         the first eight digits of their SHA-256 (given in full in the appendix).",
        words::count(s.evidence.len(), "piece of evidence", "pieces of evidence"),
    ))));
    let rows = s
        .evidence
        .iter()
        .map(|e| {
            let mut title = vec![Span::plain(e.title.clone())];
            if let Some(w) = &e.witness {
                title.push(Span::italic(format!("\nWitness: {}", w.name)).coloured(super::MUTED));
            }
            if e.confidential.is_some() {
                title.push(
                    Span::italic("\nConfidential: the original is held elsewhere")
                        .coloured(super::MUTED),
                );
            }
            let items: Vec<String> = e.mappings.iter().map(|m| m.item_id.clone()).collect();
            vec![
                Cell::from(Span::bold(e.reference.clone())),
                Cell { spans: title },
                Cell::from(e.method_label.clone()),
                Cell::from(
                    e.activity_date
                        .as_deref()
                        .map(words::date_short)
                        .unwrap_or_else(|| "\u{2014}".into()),
                ),
                Cell::from(if items.is_empty() {
                    "\u{2014}".into()
                } else {
                    items.join(", ")
                }),
                Cell {
                    spans: attachment_lines(e),
                },
            ]
        })
        .collect();
    b.push(Block::Table(Table {
        columns: vec![
            Column::new(0.55),
            Column::new(2.3),
            Column::new(1.25),
            Column::new(0.95),
            Column::new(1.05),
            Column::new(2.2),
        ],
        header: vec![vec![
            Cell::from("Ref"),
            Cell::from("Title"),
            Cell::from("Method"),
            Cell::from("Date"),
            Cell::from("Items"),
            Cell::from("Files"),
        ]],
        rows,
        header_column: true,
        zebra: true,
        small: true,
    }));
}

pub(super) fn witness_list(b: &mut Vec<Block>, s: &Snapshot) {
    b.push(heading(1, "Witness status list"));
    if s.witnesses.is_empty() {
        b.push(remark("No witnesses are recorded in this portfolio."));
        return;
    }
    b.push(Block::Paragraph(Paragraph::plain(format!(
        "{} who saw the learner’s work and gave testimony, with their own statement of competence and the evidence they vouch for.",
        words::count(s.witnesses.len(), "witness", "witnesses"),
    ))));
    for ws in &s.witnesses {
        let w = &ws.witness;
        b.push(unlisted(3, w.name.clone()));
        b.push(Block::LabelValues(LabelValues {
            rows: witness_rows(w, false, Some(&ws.evidence_refs)),
            label_width: Some(0.28),
        }));
    }
}

/// A witness's details as label/value rows (also used in the appendix).
pub(super) fn witness_rows(
    w: &crate::evidence::Witness,
    with_name: bool,
    vouches_for: Option<&[String]>,
) -> Vec<(String, Vec<Span>)> {
    let mut rows = Vec::new();
    if with_name {
        rows.push(("Name".to_string(), vec![Span::bold(w.name.clone())]));
    }
    rows.extend([
        ("Job role".into(), value(&w.job_role)),
        ("Organisation".into(), value(&w.organisation)),
        ("Relationship to the learner".into(), value(&w.relationship)),
        ("Contact details".into(), value(&w.contact)),
        ("Statement of competence".into(), value(&w.competence)),
    ]);
    if let Some(refs) = vouches_for {
        rows.push((
            "Vouches for".into(),
            super::value_or(&refs.join(", "), "No evidence"),
        ));
    }
    rows
}
