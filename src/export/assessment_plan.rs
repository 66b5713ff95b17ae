//! The PDF's section on the assessment plan and progress reviews: the plan
//! (items grouped where they share methods, target and note), who accepted
//! it and whether it is agreed, items past their target with no evidence,
//! the lines removed from it (which item, by whom, when),
//! and every progress review in order with what was achieved, what is next,
//! and both people's names with the dates they signed.

use super::snapshot::Snapshot;
use super::{free_text, heading, remark, words, MUTED};
use crate::assessment_plan::PlanEntry;
use crate::exchange::short_fingerprint;
use crate::pdf::{Block, Cell, Column, LabelValues, Paragraph, Span, Table};
use crate::storage::Role;

/// Whether the portfolio has a plan or reviews to print.
pub(super) fn has_content(s: &Snapshot) -> bool {
    !s.plan.entries.is_empty() || !s.plan.removed.is_empty() || !s.reviews.is_empty()
}

/// Runs of plan entries (in the standard's order) that say the same.
fn grouped(entries: &[PlanEntry]) -> Vec<Vec<&PlanEntry>> {
    let mut groups: Vec<Vec<&PlanEntry>> = Vec::new();
    for e in entries {
        match groups.last_mut() {
            Some(g)
                if g[0].methods == e.methods
                    && g[0].target_on == e.target_on
                    && g[0].note == e.note
                    && g[0].drafted_by == e.drafted_by =>
            {
                g.push(e)
            }
            _ => groups.push(vec![e]),
        }
    }
    groups
}

/// A group's items as runs of the standard: "P1–P15", "K2, K4–K6".
fn item_ranges(s: &Snapshot, group: &[&PlanEntry]) -> String {
    let order: Vec<&str> = s.standard.items().map(|(_, i)| i.id.as_str()).collect();
    let at = |id: &str| order.iter().position(|x| *x == id).unwrap_or(usize::MAX);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for e in group {
        let i = at(&e.item_id);
        match runs.last_mut() {
            Some((_, end)) if *end != usize::MAX && i == *end + 1 => *end = i,
            _ => runs.push((i, i)),
        }
    }
    let name = |i: usize| order.get(i).copied().unwrap_or("?");
    runs.iter()
        .map(|&(a, z)| match z - a {
            0 => name(a).to_string(),
            1 => format!("{}, {}", name(a), name(z)),
            _ => format!("{}\u{2013}{}", name(a), name(z)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn plan_and_reviews(b: &mut Vec<Block>, s: &Snapshot, today: &str) {
    b.push(heading(1, "Assessment plan and progress reviews"));
    b.push(heading(2, "Assessment plan"));
    let plan = &s.plan;
    if plan.entries.is_empty() {
        b.push(remark("No assessment plan has been drafted yet."));
    } else {
        let rows = grouped(&plan.entries)
            .into_iter()
            .map(|g| {
                let ids = item_ranges(s, &g);
                let overdue: Vec<&str> = g
                    .iter()
                    .filter(|e| e.target_on.as_str() < today && s.evidence_count(&e.item_id) == 0)
                    .map(|e| e.item_id.as_str())
                    .collect();
                let mut target = vec![Span::plain(words::date_short(&g[0].target_on))];
                if !overdue.is_empty() {
                    target.push(Span::bold(format!(
                        "\nOverdue, no evidence: {}",
                        overdue.join(", ")
                    )));
                }
                let mut methods = vec![Span::plain(g[0].methods_label.clone())];
                if !g[0].note.is_empty() {
                    methods.push(Span::plain(format!("\n{}", g[0].note)).coloured(MUTED));
                }
                vec![
                    Cell::from(Span::bold(ids)),
                    Cell { spans: methods },
                    Cell { spans: target },
                    Cell::from(g[0].drafted_by.label()),
                ]
            })
            .collect();
        b.push(Block::Table(Table {
            columns: vec![
                Column::new(1.6),
                Column::new(3.0),
                Column::new(1.3),
                Column::new(0.9),
            ],
            header: vec![vec![
                Cell::from("Items"),
                Cell::from("Planned methods and note"),
                Cell::from("Target date"),
                Cell::from("Drafted by"),
            ]],
            rows,
            header_column: true,
            zebra: true,
            small: true,
        }));
        let mut lines = vec![Span::bold(if plan.agreed {
            "Agreed by learner and assessor."
        } else {
            "Not agreed: both learner and assessor must accept the plan as it is."
        })];
        lines.push(Span::plain(format!(
            "\nPlan fingerprint {}",
            short_fingerprint(&plan.fingerprint)
        )));
        for a in &plan.acceptances {
            lines.push(Span::plain(format!(
                "\nAccepted by the {} {}, {}{}",
                a.party.label().to_lowercase(),
                a.name,
                words::instant(&a.accepted_at),
                if a.current {
                    ""
                } else {
                    " (an earlier version of the plan)"
                }
            )));
        }
        b.push(Block::Paragraph(Paragraph::new(lines)));
    }
    if !plan.removed.is_empty() {
        let mut lines = vec![Span::bold("Removed from the plan")];
        for r in &plan.removed {
            lines.push(Span::plain(format!(
                "\n{}: removed by the {}, {}",
                r.item_id,
                r.removed_by.label().to_lowercase(),
                words::instant(&r.removed_at)
            )));
        }
        b.push(Block::Paragraph(Paragraph::new(lines)));
    }

    b.push(heading(2, "Progress reviews"));
    if s.reviews.is_empty() {
        b.push(remark("No progress review is recorded yet."));
    }
    for r in &s.reviews {
        b.push(heading(
            3,
            format!("Review {}: {}", r.reference, words::date(&r.held_on)),
        ));
        let signed = |role: Role, name: &str| {
            let when = r
                .signature(role)
                .map(|sig| {
                    format!(
                        "signed {}",
                        words::date_short(sig.signed_at.get(..10).unwrap_or(&sig.signed_at))
                    )
                })
                .unwrap_or_else(|| "not signed yet".into());
            vec![Span::plain(format!("{name}, {when}"))]
        };
        b.push(Block::LabelValues(LabelValues {
            rows: vec![
                (
                    "What is next".into(),
                    vec![Span::plain(format!(
                        "{} (target {})",
                        r.next_steps,
                        words::date_short(&r.next_target)
                    ))],
                ),
                ("Learner".into(), signed(Role::Learner, &r.learner_name)),
                ("Assessor".into(), signed(Role::Assessor, &r.assessor_name)),
                ("Written by".into(), vec![Span::plain(r.written_by.label())]),
            ],
            label_width: Some(0.22),
        }));
        b.push(Block::Paragraph(Paragraph::new(vec![Span::bold(
            "Achieved since the last review",
        )])));
        b.push(free_text(&r.achieved, "Nothing recorded."));
        if !r.notes.is_empty() {
            b.push(Block::Paragraph(Paragraph::new(vec![Span::bold("Notes")])));
            b.push(free_text(&r.notes, ""));
        }
    }
}
