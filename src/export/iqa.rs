//! The PDF's internal quality assurance record: for each IQA decision, the
//! decision, the action required, who signed it and when, and every
//! judgement sampled with the assessor's outcome then, whether the IQA
//! agreed and their feedback. (The declarations page's IQA lines are
//! filled from the latest decision: `front::declarations`.)

use super::snapshot::Snapshot;
use super::{free_text, heading, remark, words};
use crate::exchange::short_fingerprint;
use crate::pdf::{Block, Cell, Column, Paragraph, Span, Table};

/// Whether the portfolio holds an IQA record to print.
pub(super) fn has_content(s: &Snapshot) -> bool {
    !s.iqa.samples.is_empty() || !s.iqa.decisions.is_empty()
}

pub(super) fn iqa_record(b: &mut Vec<Block>, s: &Snapshot) {
    b.push(heading(1, "Internal quality assurance record"));
    let mut versions: Vec<u32> = s.iqa.samples.iter().map(|x| x.version).collect();
    versions.extend(s.iqa.decisions.iter().map(|d| d.version));
    versions.sort_unstable();
    versions.dedup();
    for v in versions {
        b.push(heading(2, format!("Version {v}")));
        match s.iqa.decisions.iter().find(|d| d.version == v) {
            Some(d) => {
                b.push(Block::Paragraph(Paragraph::new(vec![
                    Span::bold(d.decision.label()),
                    Span::plain(format!(
                        "\nSigned by {} on {} ({}; sampled fingerprint {}).",
                        d.iqa_name,
                        words::date(&d.signed_on),
                        words::instant(&d.signed_at),
                        short_fingerprint(&d.sampled)
                    )),
                ])));
                if !d.action.is_empty() {
                    b.push(heading(3, "Action required"));
                    b.push(free_text(&d.action, ""));
                }
            }
            None => b.push(remark("No IQA decision is recorded on this version yet.")),
        }
        let rows: Vec<Vec<Cell>> = s
            .iqa
            .samples_of(v)
            .map(|x| {
                vec![
                    Cell::from(Span::bold(x.item_id.clone())),
                    Cell::from(x.outcome.label()),
                    Cell::from(if x.agrees { "Agrees" } else { "Disagrees" }),
                    Cell::from(x.feedback.clone()),
                    Cell::from(words::instant(&x.sampled_at)),
                ]
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        b.push(Block::Table(Table {
            columns: vec![
                Column::new(0.7),
                Column::new(1.2),
                Column::new(1.0),
                Column::new(3.2),
                Column::new(1.5),
            ],
            header: vec![vec![
                Cell::from("Item"),
                Cell::from("Assessor’s judgement sampled"),
                Cell::from("IQA"),
                Cell::from("Feedback to the assessor"),
                Cell::from("Sampled"),
            ]],
            rows,
            header_column: true,
            zebra: true,
            small: true,
        }));
    }
}
