//! The PDF's "Partnerships" section (after the witness status list): the
//! register as a table, the stakeholder map drawn as a vector figure with its
//! text equivalent, and per partnership its details, agreements with their
//! revision history, health checks (a chart, read with the table beside it,
//! and the trend), action plan and notes. Also the blank health check form
//! for partners, a small PDF of its own. Overdue flags are judged on the
//! export's date, so the same file exported at the same time prints the same.

use super::snapshot::Snapshot;
use super::{free_text, heading, remark, unlisted, value, value_or, words, MUTED};
use crate::partnerships::scoring::{Band, Direction, ElementResult, Mean};
use crate::partnerships::template::{self, TEMPLATE};
use crate::partnerships::{
    Action, Agreement, HealthCheck, Level, Note, Partner, Partnership, StakeholderMap,
};
use crate::pdf::{
    Align, Block, Cell, Column, Drawing, LabelValues, Paragraph, Rgb, Shape, Span, Table, TextStyle,
};

const INK: Rgb = Rgb(0x1F, 0x23, 0x28);
const RULE: Rgb = Rgb(0xC6, 0xCD, 0xD5);
const BAR: Rgb = Rgb(0x1D, 0x4E, 0x6E);
const BAR_LIGHT: Rgb = Rgb(0x9F, 0xB8, 0xCB);
const ZONE: Rgb = Rgb(0xF2, 0xF5, 0xF8);
const DASH: Rgb = Rgb(0x5B, 0x65, 0x70);

/// The partnership register as the export reads it.
pub(crate) struct PartnershipsSnapshot {
    pub partnerships: Vec<Partnership>,
    pub map: StakeholderMap,
}

impl PartnershipsSnapshot {
    pub fn read(p: &crate::storage::Portfolio) -> crate::Result<PartnershipsSnapshot> {
        let partners = p.all_partners()?;
        let map = crate::partnerships::register::stakeholder_map(&partners);
        let partnerships = partners
            .iter()
            .map(|partner| p.partnership(&partner.reference))
            .collect::<crate::Result<_>>()?;
        Ok(PartnershipsSnapshot { partnerships, map })
    }
}

/// Overdue on the export's date (`YYYY-MM-DD`).
fn agreement_overdue(a: &Agreement, today: &str) -> bool {
    a.current.review_by.as_str() < today
}

fn action_overdue(a: &Action, today: &str) -> bool {
    a.done_on.is_none() && a.due.as_str() < today
}

pub(super) fn partnerships_section(b: &mut Vec<Block>, s: &Snapshot, today: &str) {
    let ps = &s.partnerships;
    b.push(heading(1, "Partnerships"));
    if ps.partnerships.is_empty() {
        b.push(remark("No partnerships are recorded in this portfolio."));
        return;
    }
    let count = |f: fn(&Partnership) -> usize| ps.partnerships.iter().map(f).sum::<usize>();
    b.push(Block::Paragraph(Paragraph::plain(format!(
        "The learner’s register of {}: who they are, what was agreed with them and kept current, how the partnerships \
         were checked with the partners, and what was done as a result ({}, {}, {}, {}). Health check scores are a \
         prompt for conversation, not a grade: nothing here ranks partners or people.",
        words::count(ps.partnerships.len(), "partner", "partners"),
        words::count(count(|p| p.agreements.len()), "agreement", "agreements"),
        words::count(count(|p| p.health_checks.len()), "health check", "health checks"),
        words::count(count(|p| p.actions.len()), "action", "actions"),
        words::count(count(|p| p.notes.len()), "note", "notes"),
    ))));
    register_table(b, ps, today);
    b.push(heading(2, "Stakeholder map"));
    b.push(Block::Paragraph(Paragraph::plain(
        "The partners placed by their influence over and interest in the learner’s work; the text after the map says \
         the same in words.",
    )));
    b.push(Block::Drawing(map_drawing(&ps.map)));
    b.push(Block::Paragraph(
        Paragraph::plain(ps.map.text.clone()).small(),
    ));
    for p in &ps.partnerships {
        partnership(b, p, today);
    }
}

fn register_table(b: &mut Vec<Block>, ps: &PartnershipsSnapshot, today: &str) {
    let rows = ps
        .partnerships
        .iter()
        .map(|p| {
            let partner = &p.partner;
            let mut name = vec![Span::bold(partner.name.clone())];
            if !partner.role.is_empty() {
                name.push(Span::plain(format!(
                    "\n{}",
                    words::short_text(&partner.role, 120)
                )));
            }
            let overdue_agreements = p
                .agreements
                .iter()
                .filter(|a| agreement_overdue(a, today))
                .count();
            let overdue_actions = p
                .actions
                .iter()
                .filter(|a| action_overdue(a, today))
                .count();
            let mut records = vec![Span::plain(format!(
                "{}; {}; {}",
                words::count(p.agreements.len(), "agreement", "agreements"),
                words::count(p.health_checks.len(), "health check", "health checks"),
                words::count(p.actions.len(), "action", "actions"),
            ))];
            if overdue_agreements > 0 {
                records.push(Span::bold(format!(
                    "\n{} past review date",
                    words::count(overdue_agreements, "agreement", "agreements")
                )));
            }
            if overdue_actions > 0 {
                records.push(Span::bold(format!(
                    "\n{} overdue",
                    words::count(overdue_actions, "action", "actions")
                )));
            }
            vec![
                Cell::from(Span::bold(partner.reference.clone())),
                Cell { spans: name },
                Cell::from(partner.kind_label.clone()),
                Cell::from(place(partner)),
                Cell { spans: records },
            ]
        })
        .collect();
    b.push(table(
        vec![
            Column::new(0.5),
            Column::new(2.6),
            Column::new(1.3),
            Column::new(1.1),
            Column::new(1.6),
        ],
        vec![
            Cell::from("Ref"),
            Cell::from("Partner"),
            Cell::from("Type"),
            Cell::from("Interest / influence"),
            Cell::from("Records"),
        ],
        rows,
    ));
}

/// A small, zebra-striped table under its header row, each row headed by
/// its first cell (tagged as row headers), as the section's tables are.
fn table(columns: Vec<Column>, header: Vec<Cell>, rows: Vec<Vec<Cell>>) -> Block {
    Block::Table(Table {
        columns,
        header: vec![header],
        rows,
        header_column: true,
        zebra: true,
        small: true,
    })
}

fn place(p: &Partner) -> String {
    match (p.interest, p.influence) {
        (Some(i), Some(f)) => format!("{} / {}", i.label(), f.label().to_lowercase()),
        _ => "Not placed".into(),
    }
}

/// Cuts a label to `max` characters with an ellipsis.
fn fit_label(text: &str, max: usize) -> String {
    words::short_text(text, max)
}

/// The interest × influence grid, each partner as a dot with its reference and name.
pub(super) fn map_drawing(map: &StakeholderMap) -> Drawing {
    let (w, h) = (170.0, 118.0);
    let (left, top, right, bottom) = (24.0, 6.0, 170.0, 106.0);
    let (mid_x, mid_y) = ((left + right) / 2.0, (top + bottom) / 2.0);
    let mut shapes = Vec::new();
    for q in &map.quadrants {
        let x = if q.interest == Level::High {
            mid_x
        } else {
            left
        };
        let y = if q.influence == Level::High {
            top
        } else {
            mid_y
        };
        let (qw, qh) = (mid_x - left, mid_y - top);
        let fill = if q.interest == q.influence {
            ZONE
        } else {
            Rgb(0xFA, 0xFB, 0xFC)
        };
        shapes.push(Shape::Rect {
            x,
            y,
            w: qw,
            h: qh,
            fill: Some(fill),
            stroke: Some((RULE, 0.3)),
        });
        shapes.push(Shape::Text {
            x: x + 3.0,
            y: y + 6.0,
            text: q.approach.clone(),
            size: 8.5,
            style: TextStyle::Bold,
            colour: INK,
            align: Align::Left,
        });
        shapes.push(Shape::text(
            x + 3.0,
            y + 10.5,
            q.title.clone(),
            7.0,
            MUTED,
            Align::Left,
        ));
        let rows = 7;
        for (k, e) in q.partners.iter().enumerate() {
            let ty = y + 17.0 + k as f32 * 5.0;
            if k + 1 == rows && q.partners.len() > rows {
                shapes.push(Shape::text(
                    x + 6.0,
                    ty,
                    format!("and {} more (see the register)", q.partners.len() - k),
                    7.0,
                    MUTED,
                    Align::Left,
                ));
                break;
            }
            shapes.push(Shape::Dot {
                cx: x + 4.5,
                cy: ty - 1.2,
                r: 1.1,
                colour: BAR,
            });
            shapes.push(Shape::Text {
                x: x + 7.0,
                y: ty,
                text: format!("{} {}", e.reference, fit_label(&e.name, 44)),
                size: 7.5,
                style: TextStyle::Regular,
                colour: INK,
                align: Align::Left,
            });
        }
    }
    // Axes: influence up the left, interest along the bottom.
    shapes.push(Shape::text(
        left - 2.0,
        top + (mid_y - top) / 2.0,
        "High",
        7.5,
        INK,
        Align::Right,
    ));
    shapes.push(Shape::text(
        left - 2.0,
        mid_y + (bottom - mid_y) / 2.0,
        "Low",
        7.5,
        INK,
        Align::Right,
    ));
    shapes.push(Shape::text(
        left - 2.0,
        top + 3.0,
        "Influence",
        7.0,
        MUTED,
        Align::Right,
    ));
    shapes.push(Shape::text(
        left + (mid_x - left) / 2.0,
        bottom + 5.0,
        "Low",
        7.5,
        INK,
        Align::Centre,
    ));
    shapes.push(Shape::text(
        mid_x + (right - mid_x) / 2.0,
        bottom + 5.0,
        "High",
        7.5,
        INK,
        Align::Centre,
    ));
    shapes.push(Shape::text(
        mid_x,
        bottom + 10.0,
        "Interest in my work",
        7.0,
        MUTED,
        Align::Centre,
    ));
    let unplaced = if map.unplaced.is_empty() {
        None
    } else {
        Some(format!(
            "Not placed yet: {}.",
            map.unplaced
                .iter()
                .map(|e| format!("{} {}", e.reference, e.name))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    };
    Drawing {
        width_mm: w,
        height_mm: h,
        shapes,
        alt: map.text.clone(),
        caption: unplaced,
    }
}

fn partnership(b: &mut Vec<Block>, p: &Partnership, today: &str) {
    let partner = &p.partner;
    b.push(heading(
        2,
        format!("{} {}", partner.reference, partner.name),
    ));
    let contacts: Vec<String> = partner
        .contacts
        .iter()
        .map(|c| {
            [c.name.as_str(), c.role.as_str(), c.reach.as_str()]
                .into_iter()
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect();
    b.push(Block::LabelValues(LabelValues {
        rows: vec![
            ("Type".into(), vec![Span::plain(partner.kind_label.clone())]),
            ("Role and responsibilities".into(), value(&partner.role)),
            ("Interests and concerns".into(), value(&partner.interests)),
            (
                "Services, and how they relate to mine".into(),
                value(&partner.services),
            ),
            (
                "Who can take decisions and action".into(),
                value_or(&contacts.join("\n"), "No contacts recorded"),
            ),
            ("Information they need".into(), value(&partner.info_needs)),
            ("Agreed may be shared".into(), value(&partner.info_shared)),
            ("May not be shared".into(), value(&partner.info_withheld)),
            (
                "Interest / influence".into(),
                vec![Span::plain(place(partner))],
            ),
        ],
        label_width: Some(0.3),
    }));
    b.push(unlisted(3, format!("Agreements with {}", partner.name)));
    if p.agreements.is_empty() {
        b.push(remark("No agreements recorded."));
    }
    for a in &p.agreements {
        agreement(b, a, today);
    }
    b.push(unlisted(
        3,
        format!("Health checks of the partnership with {}", partner.name),
    ));
    if p.health_checks.is_empty() {
        b.push(remark("No health checks recorded."));
    }
    for c in &p.health_checks {
        health_check(b, c);
    }
    b.push(unlisted(3, format!("Action plan with {}", partner.name)));
    actions(b, &p.actions, today);
    b.push(unlisted(
        3,
        format!("Notes on the partnership with {}", partner.name),
    ));
    notes(b, &p.notes);
}

fn agreement(b: &mut Vec<Block>, a: &Agreement, today: &str) {
    let c = &a.current;
    let mut line = vec![
        Span::bold(format!("{} ", a.reference)),
        Span::plain(format!(
            "agreed {}; review by {}",
            words::date(&a.agreed_on),
            words::date(&c.review_by)
        )),
    ];
    if agreement_overdue(a, today) {
        line.push(Span::bold(" — overdue for review"));
    }
    if !a.revisions().is_empty() {
        line.push(Span::plain(format!(
            "; {} (the current text is below, the earlier text after it)",
            words::count(a.revisions().len(), "revision", "revisions")
        )));
    }
    b.push(Block::Paragraph(Paragraph::new(line)));
    b.push(Block::LabelValues(LabelValues {
        rows: vec![
            ("Shared aims".into(), value(&c.aims)),
            ("Working arrangements".into(), value(&c.arrangements)),
            ("Key performance measures".into(), value(&c.measures)),
            ("Monitoring and evaluation".into(), value(&c.monitoring)),
        ],
        label_width: Some(0.3),
    }));
    if a.revisions().is_empty() {
        return;
    }
    let rows = a
        .revisions()
        .iter()
        .map(|v| {
            vec![
                Cell::from(Span::bold(format!("{}", v.version - 1))),
                Cell::from(words::date_short(&v.date)),
                Cell::from(v.what_changed.clone()),
                Cell::from(v.why.clone()),
                Cell::from(words::date_short(&v.review_by)),
            ]
        })
        .collect();
    b.push(table(
        vec![
            Column::new(0.85),
            Column::new(0.9),
            Column::new(2.3),
            Column::new(2.1),
            Column::new(0.9),
        ],
        vec![
            Cell::from("Revision"),
            Cell::from("Date"),
            Cell::from("What changed"),
            Cell::from("Why"),
            Cell::from("Review by"),
        ],
        rows,
    ));
    // The earlier text, field by field, where a revision changed it.
    for pair in a.versions.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        let fields = [
            ("shared aims", &before.aims, &after.aims),
            (
                "working arrangements",
                &before.arrangements,
                &after.arrangements,
            ),
            (
                "key performance measures",
                &before.measures,
                &after.measures,
            ),
            (
                "monitoring and evaluation",
                &before.monitoring,
                &after.monitoring,
            ),
        ];
        for (what, old, new) in fields {
            if old != new {
                b.push(Block::Paragraph(
                    Paragraph::new(vec![
                        Span::italic(format!(
                            "Before revision {} ({}), the {what} read: ",
                            after.version - 1,
                            words::date_short(&after.date)
                        ))
                        .coloured(MUTED),
                        Span::plain(old.clone()),
                    ])
                    .small(),
                ));
            }
        }
    }
}

fn mean_text(m: Option<Mean>) -> String {
    m.map_or_else(|| "–".to_string(), |m| m.to_string())
}

fn band_text(band: Option<Band>) -> String {
    band.map_or_else(|| "No scores".to_string(), |b| b.label().to_string())
}

fn health_check(b: &mut Vec<Block>, c: &HealthCheck) {
    let who: Vec<&str> = c
        .respondents
        .iter()
        .map(|r| r.respondent.as_str())
        .collect();
    let mut line = vec![
        Span::bold(format!("{} ", c.reference)),
        Span::plain(format!(
            "on {}, answered by {}",
            words::date(&c.date),
            if who.is_empty() {
                "nobody yet".to_string()
            } else {
                words::and_list(&who.iter().map(|w| w.to_string()).collect::<Vec<_>>())
            }
        )),
    ];
    if let Some(previous) = &c.previous {
        line.push(Span::plain(format!("; compared with {previous}")));
    }
    b.push(Block::Paragraph(Paragraph::new(line)));
    if c.respondents.is_empty() {
        b.push(remark("No answers recorded yet."));
        return;
    }
    b.push(Block::Drawing(check_chart(c)));
    b.push(results_table(c));
    b.push(Block::Paragraph(Paragraph::plain(c.summary.clone())));
    answers_table(b, c);
}

/// The results drawn: per element a dark bar for everyone's mean and a light
/// bar for each respondent's (numbered as in the table), the band edges at
/// 3 and 4 dashed, the previous check's mean as a tick.
pub(super) fn check_chart(c: &HealthCheck) -> Drawing {
    let n = c.respondents.len();
    let each = n <= 5 && n > 1;
    let (label_w, plot_l, plot_w) = (58.0, 60.0, 100.0);
    let x = |v: f32| plot_l + v / 5.0 * plot_w;
    let row_h = 4.0 + if each { n as f32 * 2.8 } else { 0.0 } + 3.5;
    let top = 9.0;
    let plot_h = row_h * c.results.len() as f32;
    let height = top + plot_h + 20.0;
    let mut shapes = Vec::new();
    // Zones and gridlines.
    for (from, to, label) in [
        (0.0, 3.0, "concern"),
        (3.0, 4.0, "developing"),
        (4.0, 5.0, "strength"),
    ] {
        shapes.push(Shape::text(
            x((from + to) / 2.0),
            top - 3.0,
            label,
            7.0,
            MUTED,
            Align::Centre,
        ));
    }
    for v in 0..=5 {
        let vx = x(v as f32);
        let band_edge = v == 3 || v == 4;
        shapes.push(Shape::Line {
            x1: vx,
            y1: top,
            x2: vx,
            y2: top + plot_h,
            width: if band_edge { 0.35 } else { 0.2 },
            colour: if band_edge { DASH } else { RULE },
            dashed: band_edge,
        });
        shapes.push(Shape::text(
            vx,
            top + plot_h + 4.5,
            v.to_string(),
            7.0,
            INK,
            Align::Centre,
        ));
    }
    shapes.push(Shape::text(
        plot_l + plot_w / 2.0,
        top + plot_h + 9.0,
        "mean score (1 strongly disagree – 5 strongly agree)",
        7.0,
        MUTED,
        Align::Centre,
    ));
    for (k, e) in c.results.iter().enumerate() {
        let y0 = top + k as f32 * row_h + 1.5;
        shapes.push(Shape::Text {
            x: label_w,
            y: y0 + 3.2,
            text: fit_label(&e.name, 40),
            size: 7.5,
            style: TextStyle::Regular,
            colour: INK,
            align: Align::Right,
        });
        if e.spread.is_some_and(|s| s.flagged) {
            shapes.push(Shape::Text {
                x: label_w,
                y: y0 + 6.6,
                text: "views differ: talk about it".into(),
                size: 6.5,
                style: TextStyle::Italic,
                colour: INK,
                align: Align::Right,
            });
        }
        match e.mean {
            Some(m) => {
                let end = x(m.value() as f32);
                shapes.push(Shape::Rect {
                    x: plot_l,
                    y: y0,
                    w: end - plot_l,
                    h: 3.6,
                    fill: Some(BAR),
                    stroke: None,
                });
                shapes.push(Shape::Text {
                    x: end + 1.2,
                    y: y0 + 3.0,
                    text: m.to_string(),
                    size: 7.0,
                    style: TextStyle::Bold,
                    colour: INK,
                    align: Align::Left,
                });
            }
            None => shapes.push(Shape::Text {
                x: plot_l + 1.0,
                y: y0 + 3.0,
                text: "no scores (only “don’t know”)".into(),
                size: 7.0,
                style: TextStyle::Italic,
                colour: MUTED,
                align: Align::Left,
            }),
        }
        if let Some(t) = &e.change {
            let px = x(t.previous_mean.value() as f32);
            shapes.push(Shape::Line {
                x1: px,
                y1: y0 - 0.8,
                x2: px,
                y2: y0 + 4.4,
                width: 0.6,
                colour: INK,
                dashed: false,
            });
        }
        if each {
            for (i, r) in e.respondents.iter().enumerate() {
                let ry = y0 + 4.3 + i as f32 * 2.8;
                if let Some(m) = r.mean {
                    let end = x(m.value() as f32);
                    shapes.push(Shape::Rect {
                        x: plot_l,
                        y: ry,
                        w: end - plot_l,
                        h: 2.2,
                        fill: Some(BAR_LIGHT),
                        stroke: None,
                    });
                    shapes.push(Shape::text(
                        end + 1.0,
                        ry + 2.0,
                        (i + 1).to_string(),
                        6.0,
                        INK,
                        Align::Left,
                    ));
                } else {
                    shapes.push(Shape::text(
                        plot_l + 1.0,
                        ry + 2.0,
                        format!("{}: no scores", i + 1),
                        6.0,
                        MUTED,
                        Align::Left,
                    ));
                }
            }
        }
    }
    // Legend.
    let ly = top + plot_h + 14.5;
    shapes.push(Shape::Rect {
        x: 2.0,
        y: ly - 2.6,
        w: 5.0,
        h: 2.8,
        fill: Some(BAR),
        stroke: None,
    });
    shapes.push(Shape::text(
        8.5,
        ly,
        "everyone’s mean",
        7.0,
        INK,
        Align::Left,
    ));
    let mut lx = 38.0;
    if each {
        shapes.push(Shape::Rect {
            x: lx,
            y: ly - 2.2,
            w: 5.0,
            h: 2.2,
            fill: Some(BAR_LIGHT),
            stroke: None,
        });
        let names: Vec<String> = c
            .respondents
            .iter()
            .enumerate()
            .map(|(i, r)| format!("{} {}", i + 1, fit_label(&r.respondent, 24)))
            .collect();
        shapes.push(Shape::text(
            lx + 6.5,
            ly,
            format!("each respondent: {}", names.join(", ")),
            7.0,
            INK,
            Align::Left,
        ));
        lx = 140.0;
    }
    if let Some(previous) = &c.previous {
        let px = if each { lx.min(150.0) } else { 80.0 };
        shapes.push(Shape::Line {
            x1: px,
            y1: ly - 3.0,
            x2: px,
            y2: ly + 0.6,
            width: 0.6,
            colour: INK,
            dashed: false,
        });
        shapes.push(Shape::text(
            px + 1.5,
            ly,
            format!("{previous}’s mean"),
            7.0,
            INK,
            Align::Left,
        ));
    }
    Drawing {
        width_mm: 170.0,
        height_mm: height,
        shapes,
        alt: chart_alt(c),
        caption: Some(format!(
            "{}: the mean score on each element; the table below gives the same figures.",
            c.reference
        )),
    }
}

/// The chart in words.
fn chart_alt(c: &HealthCheck) -> String {
    let parts: Vec<String> = c
        .results
        .iter()
        .map(|e| {
            let mut t = format!(
                "{} {}",
                e.name,
                e.mean.map_or("no scores".to_string(), |m| format!(
                    "{m} ({})",
                    band_text(e.band).to_lowercase()
                ))
            );
            if e.spread.is_some_and(|s| s.flagged) {
                t.push_str(", views differ by two points or more");
            }
            if let Some(ch) = &e.change {
                t.push_str(&format!(
                    ", {} since {}",
                    ch.direction.label(),
                    ch.previous_check
                ));
            }
            t
        })
        .collect();
    format!(
        "Bar chart of health check {} on {}: the mean score out of 5 on each element, for everyone and for each of {}. {}.",
        c.reference,
        words::date(&c.date),
        words::count(c.respondents.len(), "respondent", "respondents"),
        parts.join("; ")
    )
}

fn results_table(c: &HealthCheck) -> Block {
    let n = c.respondents.len();
    let mut header = vec![Cell::from("Element")];
    for (i, r) in c.respondents.iter().enumerate() {
        header.push(Cell::from(format!("{} {}", i + 1, r.respondent)));
    }
    header.extend([
        Cell::from("Everyone"),
        Cell::from("Band"),
        Cell::from("Views differ"),
        Cell::from(match &c.previous {
            Some(p) => format!("Since {p}"),
            None => "Change".to_string(),
        }),
    ]);
    let rows = c
        .results
        .iter()
        .map(|e: &ElementResult| {
            let mut row = vec![Cell::from(e.name.clone())];
            row.extend(e.respondents.iter().map(|r| Cell::from(mean_text(r.mean))));
            row.push(Cell::from(Span::bold(mean_text(e.mean))));
            row.push(Cell::from(band_text(e.band)));
            row.push(Cell::from(match e.spread {
                Some(s) if s.flagged => format!("Yes, by {}", s.difference),
                Some(s) => format!("No ({})", s.difference),
                None => "–".to_string(),
            }));
            row.push(Cell::from(match &e.change {
                Some(t) => match t.direction {
                    Direction::Improved => format!("Improved +{}", t.change),
                    Direction::Declined => format!("Declined {}", t.change),
                    Direction::Unchanged => "Unchanged".to_string(),
                },
                None => "–".to_string(),
            }));
            row
        })
        .collect();
    let mut columns = vec![Column::new(2.1)];
    columns.extend((0..n).map(|_| Column::new(1.2).aligned(Align::Right)));
    columns.extend([
        Column::new(0.95).aligned(Align::Right),
        Column::new(1.2),
        Column::new(0.95),
        Column::new(1.1),
    ]);
    table(columns, header, rows)
}

/// Every answer: each statement's score from each respondent, and the comments.
fn answers_table(b: &mut Vec<Block>, c: &HealthCheck) {
    let mut header = vec![Cell::from("Statement")];
    header.extend(
        c.respondents
            .iter()
            .enumerate()
            .map(|(i, r)| Cell::from(format!("{} {}", i + 1, r.respondent))),
    );
    let mut rows = Vec::new();
    for (k, id) in template::statement_ids().enumerate() {
        let text = template::statement(id).map_or("", |(_, s)| s.text);
        let mut row = vec![Cell {
            spans: vec![Span::bold(format!("{id} ")), Span::plain(text)],
        }];
        for r in &c.respondents {
            let a = &r.answers[k];
            row.push(Cell::from(match a.score {
                Some(s) => s.to_string(),
                None => "don’t know".to_string(),
            }));
        }
        rows.push(row);
    }
    let mut columns = vec![Column::new(4.0)];
    columns.extend(
        c.respondents
            .iter()
            .map(|_| Column::new(1.0).aligned(Align::Centre)),
    );
    b.push(Block::Paragraph(
        Paragraph::plain(format!("Every answer to {}:", c.reference)).small(),
    ));
    b.push(table(columns, header, rows));
    let comments: Vec<Paragraph> = c
        .respondents
        .iter()
        .flat_map(|r| {
            r.answers
                .iter()
                .filter(|a| !a.comment.is_empty())
                .map(move |a| {
                    Paragraph::new(vec![
                        Span::bold(format!("{} on {}: ", r.respondent, a.statement_id)),
                        Span::plain(a.comment.clone()),
                    ])
                })
        })
        .collect();
    if !comments.is_empty() {
        b.push(Block::Paragraph(Paragraph::plain("Comments:").small()));
        b.push(Block::Bullets(comments));
    }
}

fn actions(b: &mut Vec<Block>, list: &[Action], today: &str) {
    if list.is_empty() {
        b.push(remark("No actions planned."));
        return;
    }
    let rows = list
        .iter()
        .map(|a| {
            let status = match &a.done_on {
                Some(d) => Span::plain(format!("Done {}", words::date_short(d))),
                None if action_overdue(a, today) => Span::bold("Overdue"),
                None => Span::plain("Not done yet"),
            };
            vec![
                Cell::from(Span::bold(a.reference.clone())),
                Cell::from(a.action.clone()),
                Cell::from(a.element_name.clone()),
                Cell::from(a.owner.clone()),
                Cell::from(words::date_short(&a.due)),
                Cell::from(status),
                Cell::from(a.health_check.clone().unwrap_or_else(|| "–".into())),
            ]
        })
        .collect();
    b.push(table(
        vec![
            Column::new(0.55),
            Column::new(2.6),
            Column::new(1.3),
            Column::new(1.1),
            Column::new(0.9),
            Column::new(0.9),
            Column::new(0.55),
        ],
        vec![
            Cell::from("Ref"),
            Cell::from("Action"),
            Cell::from("Element"),
            Cell::from("Owner"),
            Cell::from("Due"),
            Cell::from("Status"),
            Cell::from("Check"),
        ],
        rows,
    ));
}

fn notes(b: &mut Vec<Block>, list: &[Note]) {
    if list.is_empty() {
        b.push(remark("No notes recorded."));
        return;
    }
    // Oldest first, as a record reads.
    for n in list.iter().rev() {
        let mut line = vec![
            Span::bold(format!("{} ", n.reference)),
            Span::plain(format!("{}, {}", n.kind_label, words::date(&n.date))),
        ];
        if !n.participants.is_empty() {
            line.push(Span::plain(format!(
                "; with {}",
                words::and_list(&n.participants)
            )));
        }
        b.push(Block::Paragraph(Paragraph::new(line)));
        b.push(free_text(&n.text, "No text."));
    }
}

/// The blank health check form: the statements with boxes to tick, the
/// partnership's name and the date.
pub(super) fn form_blocks(partner: &Partner, date: &str, learner: &str) -> Vec<Block> {
    let mut b = vec![Block::Title(crate::pdf::Title {
        title: TEMPLATE.title.to_string(),
        subtitle: Some(format!("The partnership with {}", partner.name)),
    })];
    b.push(Block::LabelValues(LabelValues {
        rows: vec![
            (
                "Partnership".into(),
                vec![Span::plain(format!(
                    "{} ({})",
                    partner.name, partner.reference
                ))],
            ),
            ("Date".into(), vec![Span::plain(words::date(date))]),
            (
                "Return it to".into(),
                vec![Span::plain(learner.to_string())],
            ),
        ],
        label_width: Some(0.25),
    }));
    b.push(Block::Signature(crate::pdf::Signature::blank([
        "Your name",
        "Your organisation or team",
    ])));
    b.push(Block::Paragraph(Paragraph::plain(TEMPLATE.introduction)));
    let scale: Vec<String> = TEMPLATE
        .scale
        .iter()
        .map(|p| format!("{} {}", p.score, p.label.to_lowercase()))
        .collect();
    b.push(Block::Paragraph(Paragraph::new(vec![
        Span::bold("Tick one box for each statement: "),
        Span::plain(format!(
            "{}, or “{}”.",
            scale.join(", "),
            TEMPLATE.dont_know.to_lowercase()
        )),
    ])));
    for e in TEMPLATE.elements {
        b.push(heading(2, e.name));
        b.push(Block::Paragraph(
            Paragraph::new(vec![Span::italic(e.healthy).coloured(MUTED)]).small(),
        ));
        let mut header = vec![Cell::from("Statement")];
        header.extend(
            TEMPLATE
                .scale
                .iter()
                .map(|p| Cell::from(format!("{}\n{}", p.score, p.label))),
        );
        header.push(Cell::from(TEMPLATE.dont_know));
        let rows = e
            .statements
            .iter()
            .map(|s| {
                let mut row = vec![Cell {
                    spans: vec![
                        Span::plain(s.text),
                        Span::plain(format!("\n{}", s.id))
                            .styled(TextStyle::Italic)
                            .coloured(MUTED),
                    ],
                }];
                row.extend((0..=TEMPLATE.scale.len()).map(|_| Cell::from("☐")));
                row
            })
            .collect();
        let mut columns = vec![Column::new(4.2)];
        columns
            .extend((0..=TEMPLATE.scale.len()).map(|_| Column::new(0.85).aligned(Align::Centre)));
        b.push(table(columns, header, rows));
        b.push(Block::Signature(crate::pdf::Signature::blank([format!(
            "Comments on {}",
            e.name.to_lowercase()
        )])));
    }
    b.push(Block::Paragraph(Paragraph::plain(format!(
        "Thank you. {} will type your answers into their portfolio as you gave them. {}",
        learner, TEMPLATE.reading
    ))));
    b
}
