//! The assessment record near the end of the PDF: every submission with its
//! declaration and fingerprint, the assessor's overall feedback and
//! sign-offs, and the audit trail of submissions, imports, judgements and
//! sign-offs with their times and names.

use super::snapshot::Snapshot;
use super::{free_text, heading, remark, words, MUTED};
use crate::exchange::short_fingerprint;
use crate::pdf::{Block, Cell, Column, Paragraph, Span, Table};

pub(super) fn assessment_record(b: &mut Vec<Block>, s: &Snapshot) {
    let r = &s.records;
    b.push(heading(1, "Assessment record and audit trail"));

    b.push(heading(2, "Submissions"));
    if r.submissions.is_empty() {
        b.push(remark(
            "The portfolio has not been submitted for assessment yet.",
        ));
    } else {
        let rows = r
            .submissions
            .iter()
            .map(|sub| {
                vec![
                    Cell::from(Span::bold(sub.version.to_string())),
                    Cell::from(words::instant_short(&sub.submitted_at)),
                    Cell::from(format!(
                        "{}, {}",
                        sub.declared_name,
                        words::date_short(&sub.declared_on)
                    )),
                    Cell::from(short_fingerprint(&sub.fingerprint)),
                ]
            })
            .collect();
        b.push(Block::Table(Table {
            columns: vec![
                Column::new(0.7),
                Column::new(1.6),
                Column::new(2.4),
                Column::new(1.6),
            ],
            header: vec![vec![
                Cell::from("Version"),
                Cell::from("Submitted (UTC)"),
                Cell::from("Declaration confirmed by"),
                Cell::from("Submission fingerprint"),
            ]],
            rows,
            header_column: true,
            zebra: true,
            small: true,
        }));
    }

    b.push(heading(2, "Overall feedback"));
    if r.overall_feedback.is_empty() {
        b.push(remark("No overall feedback is recorded yet."));
    }
    let mut feedback: Vec<_> = r.overall_feedback.iter().collect();
    feedback.sort_by_key(|f| std::cmp::Reverse(f.version));
    for f in feedback {
        b.push(Block::Paragraph(Paragraph::new(vec![
            Span::bold(format!("Version {}", f.version)),
            Span::plain(format!(
                " \u{2014} {}, {}",
                f.assessor_name,
                words::instant(&f.updated_at)
            ))
            .coloured(MUTED),
        ])));
        b.push(free_text(&f.feedback, "No feedback written."));
    }

    b.push(heading(2, "Sign-off"));
    if r.sign_offs.is_empty() {
        b.push(remark("The assessor has not signed off the portfolio yet."));
    }
    for so in &r.sign_offs {
        b.push(Block::Paragraph(Paragraph::new(vec![
            Span::bold(format!("Version {} signed off", so.version)),
            Span::plain(format!(
                " by {} on {} ({}); submission fingerprint {}",
                so.assessor_name,
                words::date(&so.signed_on),
                words::instant(&so.signed_at),
                short_fingerprint(&so.fingerprint)
            )),
        ])));
        b.push(Block::Paragraph(Paragraph::plain(&so.declaration).small()));
    }

    b.push(heading(2, "Audit trail"));
    if r.audit.is_empty() {
        b.push(remark(
            "No submissions, imports, judgements or sign-offs are recorded yet.",
        ));
        return;
    }
    let rows = r
        .audit
        .iter()
        .map(|e| {
            vec![
                Cell::from(words::instant_seconds(&e.at)),
                Cell::from(e.describe()),
            ]
        })
        .collect();
    b.push(Block::Table(Table {
        columns: vec![Column::new(1.3), Column::new(5.0)],
        header: vec![vec![Cell::from("When (UTC)"), Cell::from("What happened")]],
        rows,
        header_column: false,
        zebra: true,
        small: true,
    }));
}
