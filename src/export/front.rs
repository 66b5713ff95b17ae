//! The opening pages of the PDF: the front sheet (who, where, which
//! standard, the dates and the content fingerprint), the declarations of
//! the learner and the assessor, and the summary of achievement.

use super::records::Records;
use super::snapshot::Snapshot;
use super::{heading, remark, value, value_or, words, MUTED};
use crate::catalogue::{ItemKind, Standard};
use crate::exchange::{
    assessor_declaration, short_fingerprint, JudgementOutcome, VerifyReport, LEARNER_DECLARATION,
};
use crate::pdf::{
    Align, Block, Cell, Column, LabelValues, Paragraph, Signature, Span, Table, Title,
};
use crate::profile::LearnerProfile;
use crate::self_assessment::rating_level;
use jiff::Timestamp;

/// The front sheet: what it says comes from the learner's profile, the
/// standard and the assessment records (with the check made at the export).
pub(super) fn front_sheet(
    b: &mut Vec<Block>,
    p: &LearnerProfile,
    st: &Standard,
    r: &Records,
    exported_at: Timestamp,
) {
    b.push(Block::Title(Title {
        title: "Evidence portfolio".into(),
        subtitle: Some(format!("{} \u{00B7} {} {}", p.full_name, st.urn, st.title)),
    }));
    b.push(heading(1, "Front sheet"));

    let mut rows: Vec<(String, Vec<Span>)> = vec![
        ("Learner".into(), vec![Span::bold(&p.full_name)]),
        ("Registration number".into(), value(&p.registration_number)),
        ("Centre".into(), value(&p.centre)),
        ("Qualification or programme".into(), value(&p.qualification)),
        ("Assessor".into(), value(&p.assessor_name)),
        (
            "Standard".into(),
            vec![
                Span::bold(format!("{} ", st.urn)),
                Span::plain(st.title.clone()),
            ],
        ),
        ("Version of the standard".into(), {
            let mut v = format!("Version {}", st.version);
            for part in [&st.suite, &st.developer] {
                if !part.trim().is_empty() {
                    v.push_str(" \u{00B7} ");
                    v.push_str(part);
                }
            }
            value(&v)
        }),
        (
            "Start date".into(),
            value(&p.start_date.as_deref().map(words::date).unwrap_or_default()),
        ),
    ];
    let submitted: Vec<String> = r
        .submissions
        .iter()
        .map(|sub| {
            format!(
                "Version {} on {}",
                sub.version,
                words::instant(&sub.submitted_at)
            )
        })
        .collect();
    rows.push((
        if submitted.len() > 1 {
            "Submission dates"
        } else {
            "Submission date"
        }
        .into(),
        value_or(&submitted.join("\n"), "Not yet submitted"),
    ));
    rows.push((
        "Sign-off date".into(),
        match r.latest_sign_off() {
            Some(so) => vec![Span::plain(format!(
                "{} by {} (version {})",
                words::date(&so.signed_on),
                so.assessor_name,
                so.version
            ))],
            None => value_or("", "Not yet signed off"),
        },
    ));

    rows.push((
        "Date of this export".into(),
        value(&words::moment(exported_at)),
    ));
    let mut fingerprint = vec![
        Span::bold(short_fingerprint(&r.fingerprint)),
        Span::plain(" (the start of its SHA-256, given in full below)").coloured(MUTED),
    ];
    if let (Some(sub), Some(unchanged)) = (r.latest_submission(), r.unchanged_since_latest) {
        let note = if unchanged {
            format!(
                "\nUnchanged since version {} was submitted (that submission’s fingerprint, which also covers the declaration, is {}).",
                sub.version,
                short_fingerprint(&sub.fingerprint)
            )
        } else {
            format!(
                "\nChanged since version {} was submitted (that submission’s fingerprint is {}).",
                sub.version,
                short_fingerprint(&sub.fingerprint)
            )
        };
        fingerprint.push(Span::italic(note));
    }
    rows.push(("Content fingerprint".into(), fingerprint));
    if let Some(check) = &r.check {
        rows.push(("Checked at this export".into(), checked_at_export(check)));
    }
    b.push(Block::LabelValues(LabelValues {
        rows,
        label_width: Some(0.3),
    }));
    b.push(Block::Paragraph(
        Paragraph::new(vec![
            Span::bold("Content fingerprint in full (SHA-256): "),
            Span::plain(r.fingerprint.clone()),
        ])
        .small(),
    ));
    b.push(Block::Paragraph(
        Paragraph::plain(
            "This document holds the whole portfolio as it stood when it was exported: every self-assessment and account, \
             every piece of evidence with its mappings, witnesses and files, and the assessment record. Evidence keeps the \
             same reference (E1, E2, …) throughout. The content fingerprint is a SHA-256 digest of the portfolio’s content; \
             it is printed at the foot of every page, so each page can be traced to this version of the portfolio."
        )
        .small(),
    ));
}

/// What `verify` found when the PDF was made, in words: what holds, and
/// never that anything holds when it does not.
fn checked_at_export(check: &VerifyReport) -> Vec<Span> {
    if !check.ok() {
        let shown: Vec<&str> = check.problems.iter().take(3).map(String::as_str).collect();
        let more = match check.problems.len() {
            n if n > 3 => format!(" ({} more problems.)", n - 3),
            _ => String::new(),
        };
        return vec![
            Span::bold("This file does not match what was submitted and signed. "),
            Span::plain(format!(
                "{}{more} The pages below show what the file holds now, not what was submitted or signed.",
                shown.join(" ")
            )),
        ];
    }
    let mut text = check.confirmed.join(" ");
    if let Some(c) = &check.changed_since_submitted {
        text.push_str(&format!(
            " The learner has changed {} since version {} was submitted (fingerprint {}); those changes are not part of any submission and have not been assessed.",
            words::and_list(&c.changed),
            c.version,
            short_fingerprint(&c.fingerprint)
        ));
    }
    value_or(text.trim(), "Nothing has been submitted or assessed yet.")
}

pub(super) fn declarations(b: &mut Vec<Block>, s: &Snapshot) {
    let r = &s.records;
    b.push(heading(1, "Declarations"));

    b.push(heading(2, "Learner’s declaration of authenticity"));
    match r.latest_submission() {
        Some(sub) => {
            b.push(Block::Paragraph(Paragraph::plain(&sub.declaration)));
            b.push(Block::Paragraph(
                Paragraph::plain(format!(
                    "Confirmed by {} on {} when submitting version {} ({}; submission fingerprint {}).",
                    sub.declared_name,
                    words::date(&sub.declared_on),
                    sub.version,
                    words::instant(&sub.submitted_at),
                    short_fingerprint(&sub.fingerprint)
                ))
                .small(),
            ));
            b.push(Block::Signature(Signature {
                fields: vec!["Name".into(), "Date".into()],
                values: vec![sub.declared_name.clone(), words::date(&sub.declared_on)],
            }));
            b.push(Block::Signature(Signature {
                fields: vec!["Signature".into()],
                values: vec![format!("Confirmed electronically by {}", sub.declared_name)],
            }));
        }
        None => {
            b.push(Block::Paragraph(Paragraph::plain(LEARNER_DECLARATION)));
            b.push(remark(
                "Not yet declared: the portfolio has not been submitted.",
            ));
            b.push(Block::Signature(Signature::blank(["Name", "Date"])));
            b.push(Block::Signature(Signature::blank(["Signature"])));
        }
    }

    b.push(heading(2, "Assessor’s declaration"));
    match r.latest_sign_off() {
        Some(so) => {
            b.push(Block::Paragraph(Paragraph::plain(&so.declaration)));
            b.push(Block::Paragraph(
                Paragraph::plain(format!(
                    "Signed off by {} on {} for version {} ({}; submission fingerprint {}).",
                    so.assessor_name,
                    words::date(&so.signed_on),
                    so.version,
                    words::instant(&so.signed_at),
                    short_fingerprint(&so.fingerprint)
                ))
                .small(),
            ));
            b.push(Block::Signature(Signature {
                fields: vec!["Name".into(), "Date".into()],
                values: vec![so.assessor_name.clone(), words::date(&so.signed_on)],
            }));
            b.push(Block::Signature(Signature {
                fields: vec!["Signature".into()],
                values: vec![format!("Signed off electronically by {}", so.assessor_name)],
            }));
        }
        None => {
            b.push(Block::Paragraph(Paragraph::plain(assessor_declaration(
                &s.standard,
            ))));
            b.push(remark("Not yet signed off by the assessor."));
            b.push(Block::Signature(Signature::blank(["Name", "Date"])));
            b.push(Block::Signature(Signature::blank(["Signature"])));
        }
    }

    // Filled from the IQA's latest decision (`crate::iqa`); blank lines for
    // the IQA to sign on paper when the portfolio holds none.
    b.push(heading(2, "Internal quality assurance"));
    b.push(Block::Paragraph(Paragraph::plain(
        "For the internal quality assurer, if this portfolio is sampled: I have sampled the assessment decisions recorded in this portfolio.",
    )));
    match s.iqa.latest() {
        Some(d) => {
            let mut text = format!(
                "{} on version {}, signed by {} on {} (sampled fingerprint {}).",
                d.decision.label(),
                d.version,
                d.iqa_name,
                words::date(&d.signed_on),
                short_fingerprint(&d.sampled)
            );
            if !d.action.is_empty() {
                text.push_str(&format!(" Action required: {}", d.action));
            }
            b.push(Block::Paragraph(Paragraph::plain(text).small()));
            b.push(Block::Signature(Signature {
                fields: vec!["Name".into(), "Date".into()],
                values: vec![d.iqa_name.clone(), words::date(&d.signed_on)],
            }));
            b.push(Block::Signature(Signature {
                fields: vec!["Decision".into()],
                values: vec![d.decision.label().into()],
            }));
            b.push(Block::Signature(Signature {
                fields: vec!["Signature".into()],
                values: vec![format!("Signed electronically by {}", d.iqa_name)],
            }));
        }
        None => {
            b.push(Block::Signature(Signature::blank(["Name", "Date"])));
            b.push(Block::Signature(Signature::blank(["Signature"])));
        }
    }
}

/// "4 · Confident, and I can show evidence", or "Not rated".
pub(super) fn rating_text(rating: Option<u8>) -> String {
    match rating.and_then(|r| rating_level(r).ok()) {
        Some(level) => format!("{} \u{00B7} {}", level.value, level.label),
        None => "Not rated".into(),
    }
}

pub(super) fn summary(b: &mut Vec<Block>, s: &Snapshot) {
    b.push(heading(1, "Summary of achievement"));
    let total = s.standard.item_count();
    let rated = s
        .assessments
        .values()
        .filter(|a| a.rating.is_some())
        .count();
    let evidenced = s
        .standard
        .items()
        .filter(|(_, i)| s.evidence_count(&i.id) > 0)
        .count();
    let mut text = format!(
        "{rated} of {total} items are self-rated and {evidenced} have evidence mapped to them. ",
    );
    let latest = s.latest_judgements();
    if latest.is_empty() {
        text.push_str("No assessor’s judgements are recorded yet.");
    } else {
        let met = latest
            .values()
            .filter(|j| j.outcome == JudgementOutcome::Met)
            .count();
        text.push_str(&format!(
            "The assessor has judged {} ({met} met, {} not yet met); the version each judgement applies to is shown.",
            words::count(latest.len(), "item", "items"),
            latest.len() - met
        ));
    }
    b.push(Block::Paragraph(Paragraph::plain(text)));
    b.push(Block::Paragraph(
        Paragraph::plain(
            "Self-ratings: 1 · Not yet, 2 · Developing, 3 · Competent, 4 · Confident, and I can show evidence.",
        )
        .small(),
    ));
    for section in &s.standard.sections {
        b.push(heading(2, section.title.clone()));
        let rows = s
            .items(section.kind)
            .map(|item| {
                let a = s.assessment(&item.id);
                let judged = match latest.get(item.id.as_str()) {
                    Some(j) => format!("{} (v{})", j.outcome.label(), j.version),
                    None => "\u{2014}".into(),
                };
                vec![
                    Cell::from(Span::bold(item.id.clone())),
                    Cell::from(item.text.clone()),
                    Cell::from(rating_text(a.rating)),
                    Cell::from(s.evidence_count(&item.id).to_string()),
                    Cell::from(judged),
                ]
            })
            .collect();
        b.push(Block::Table(Table {
            columns: vec![
                Column::new(0.5),
                Column::new(3.6),
                Column::new(1.45),
                Column::new(0.75).aligned(Align::Centre),
                Column::new(1.0),
            ],
            header: vec![vec![
                Cell::from("Item"),
                Cell::from(match section.kind {
                    ItemKind::Performance => "Performance criterion (as published)",
                    ItemKind::Knowledge => "Knowledge and understanding (as published)",
                }),
                Cell::from("Self-rating"),
                Cell::from("Evidence"),
                Cell::from("Assessor"),
            ]],
            rows,
            header_column: true,
            zebra: true,
            small: true,
        }));
    }
}
