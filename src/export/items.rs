//! One section per item of the standard (P1–P15, then K1–K27): the item's
//! text exactly as published, the learner's self-rating and account in full,
//! the evidence mapped to it with the notes of how, and the assessor's
//! judgements with the submitted version and fingerprint each applies to,
//! and, when the learner has replied, the feedback thread in order (each
//! entry with its version, author and time).

use super::front::rating_text;
use super::snapshot::Snapshot;
use super::{free_text, heading, remark, words, MUTED};
use crate::exchange::short_fingerprint;
use crate::pdf::{Block, Cell, Column, LabelValues, Orientation, Paragraph, Span, Table};

pub(super) fn item_sections(b: &mut Vec<Block>, s: &Snapshot) {
    for section in &s.standard.sections {
        let range = match (section.items.first(), section.items.last()) {
            (Some(a), Some(z)) if a.id != z.id => format!(" ({}\u{2013}{})", a.id, z.id),
            _ => String::new(),
        };
        for (n, item) in section.items.iter().enumerate() {
            b.push(Block::PageBreak(Orientation::Portrait));
            if n == 0 {
                b.push(heading(1, format!("{}{range}", section.title)));
            }
            item_section(b, s, item, &section.lead_in);
        }
    }
}

fn item_section(b: &mut Vec<Block>, s: &Snapshot, item: &crate::catalogue::Item, lead_in: &str) {
    let id = &item.id;
    let a = s.assessment(id);
    let mapped = s.by_item.get(id).map(Vec::as_slice).unwrap_or_default();
    b.push(heading(
        2,
        format!("{id} {}", words::short_text(&item.text, 96)),
    ));

    let mut text = Vec::new();
    if !lead_in.trim().is_empty() {
        text.push(Span::plain(format!("{} ", lead_in.trim())).coloured(MUTED));
    }
    text.push(Span::bold(item.text.clone()));
    let mut rows = vec![
        ("Text as published".to_string(), text),
        (
            "Self-rating".into(),
            vec![Span::plain(rating_text(a.rating))],
        ),
    ];
    if let Some(at) = &a.updated_at {
        rows.push(("Last changed".into(), vec![Span::plain(words::instant(at))]));
    }
    let refs: Vec<String> = mapped
        .iter()
        .map(|m| s.evidence[m.evidence].reference.clone())
        .collect();
    rows.push((
        "Evidence".into(),
        vec![Span::plain(if refs.is_empty() {
            "None mapped yet".to_string()
        } else {
            format!("{}: {}", words::pieces(refs.len()), refs.join(", "))
        })],
    ));
    b.push(Block::LabelValues(LabelValues {
        rows,
        label_width: Some(0.22),
    }));

    b.push(heading(3, "Learner’s account"));
    b.push(free_text(&a.account, "No account written yet."));

    b.push(heading(3, format!("Evidence mapped to {id}")));
    if mapped.is_empty() {
        b.push(remark("No evidence is mapped to this item yet."));
    } else {
        let rows = mapped
            .iter()
            .map(|m| {
                let e = &s.evidence[m.evidence];
                let mut about = vec![Span::plain(e.title.clone())];
                about.push(
                    Span::plain(format!(
                        "\n{}{}",
                        e.method_label,
                        e.activity_date
                            .as_deref()
                            .map(|d| format!(", {}", words::date_short(d)))
                            .unwrap_or_default()
                    ))
                    .coloured(MUTED),
                );
                vec![
                    Cell::from(Span::bold(e.reference.clone())),
                    Cell { spans: about },
                    Cell {
                        spans: super::value_or(&m.note, "No note of how"),
                    },
                ]
            })
            .collect();
        b.push(Block::Table(Table {
            columns: vec![Column::new(0.55), Column::new(2.3), Column::new(3.4)],
            header: vec![vec![
                Cell::from("Ref"),
                Cell::from("Evidence"),
                Cell::from(format!("How it shows {id}")),
            ]],
            rows,
            header_column: true,
            zebra: true,
            small: true,
        }));
    }

    b.push(heading(3, "Assessor’s judgement"));
    let judgements = s.judgements_for(id);
    if judgements.is_empty() {
        b.push(remark("Not yet judged by the assessor."));
    }
    for j in judgements {
        b.push(Block::Paragraph(Paragraph::new(vec![
            Span::bold(j.outcome.label()),
            Span::plain(format!(
                " \u{2014} submitted version {}, fingerprint {}",
                j.version,
                short_fingerprint(&j.fingerprint)
            )),
            Span::plain(format!(
                "\nJudged by {} on {}",
                j.assessor_name,
                words::instant(&j.judged_at)
            ))
            .coloured(MUTED),
        ])));
        b.push(free_text(&j.feedback, "No feedback written."));
    }
    feedback_thread(b, s, id);
}

/// The conversation on an item, when the learner has replied: every
/// entry in order, saying which version it is about, who wrote it and when.
fn feedback_thread(b: &mut Vec<Block>, s: &Snapshot, id: &str) {
    let thread = s.thread(id);
    if !thread
        .iter()
        .any(|e| e.author == crate::storage::Role::Learner)
    {
        return;
    }
    b.push(heading(3, "Feedback thread"));
    for e in thread {
        let who = e.author.label();
        let outcome = e
            .outcome
            .map(|o| format!(" ({})", o.label()))
            .unwrap_or_default();
        b.push(Block::Paragraph(Paragraph::new(vec![
            Span::bold(format!("Version {}: {who} {}{outcome}", e.version, e.name)),
            Span::plain(format!(", {}", words::instant(&e.at))).coloured(MUTED),
        ])));
        b.push(free_text(&e.text, ""));
    }
}
