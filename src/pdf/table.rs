//! Tables and label/value lists: cell text wrapped inside its column, rows kept
//! whole where possible, header rows repeated on every page, and rows taller than
//! a page split between lines (never through a line) so no text is lost.
//!
//! Tagged as `Table` > `THead`/`TBody` > `TR` > `TH`/`TD`: header rows' cells are
//! column headers, and a table's first column (and every label of a label/value
//! list) can head its row. Header rows repeated on later pages and the
//! "(continued)" labels of split rows are pagination artifacts.

use super::fonts::TextStyle;
use super::layout::{baseline_offset, Layouter};
use super::style::*;
use super::tags::{Artifact, Node, Role, Scope, Tag};
use super::text::{fit_one_line, wrap, Line, Run};
use super::{Align, Cell, LabelValues, PdfError, Rgb, Span, Table};

/// Geometry and look of one table.
struct Spec {
    /// Left edge and width of each column.
    cols: Vec<(f32, f32)>,
    size: f32,
    leading: f32,
    pad_x: f32,
    pad_y: f32,
    /// Hairlines between rows and a stronger rule under the header.
    rules: bool,
    zebra: bool,
}

impl Spec {
    fn left(&self) -> f32 {
        self.cols.first().map_or(0.0, |c| c.0)
    }
    fn right(&self) -> f32 {
        self.cols.last().map_or(0.0, |c| c.0 + c.1)
    }
    fn row_height(&self, lines: usize) -> f32 {
        lines as f32 * self.leading + 2.0 * self.pad_y
    }
}

struct LaidCell<'a> {
    runs: Vec<Run<'a>>,
    lines: Vec<Line>,
    align: Align,
    /// The cell's element, and those of its runs when it holds a link.
    node: Node,
    targets: Option<Vec<Node>>,
}

struct LaidRow<'a> {
    cells: Vec<LaidCell<'a>>,
    /// Lines of the tallest cell (at least 1).
    lines: usize,
}

fn lay_row<'a>(
    l: &Layouter,
    spec: &Spec,
    cells: impl Iterator<Item = (&'a [Span], Align, TextStyle, Rgb)>,
) -> LaidRow<'a> {
    let cells: Vec<LaidCell> = cells
        .zip(&spec.cols)
        .map(|((spans, align, style, colour), &(_, w))| {
            let mut runs = Run::from_spans(l.m, spans, colour);
            if style != TextStyle::Regular {
                for r in &mut runs {
                    if r.style == TextStyle::Regular {
                        r.style = style;
                    }
                }
            }
            let lines = if runs.iter().all(|r| r.text.is_empty()) {
                Vec::new()
            } else {
                wrap(l.m, &runs, spec.size, w - 2.0 * spec.pad_x)
            };
            LaidCell {
                runs,
                lines,
                align,
                node: Node {
                    id: 0,
                    role: Role::TD,
                },
                targets: None,
            }
        })
        .collect();
    let lines = cells
        .iter()
        .map(|c| c.lines.len())
        .max()
        .unwrap_or(0)
        .max(1);
    LaidRow { cells, lines }
}

/// Adds the elements of `rows` to `parent` (a `THead`, `TBody` or the table):
/// a `TR` each, with a `TH` for a header row's cells (column headers) and for
/// the first cell when it heads its row, a `TD` otherwise.
fn tag_rows(l: &mut Layouter, parent: Node, rows: &mut [LaidRow], header: bool, row_heads: bool) {
    if !l.tree.enabled() {
        return;
    }
    for row in rows {
        let tr = l.tree.add(parent, Role::TR);
        for (i, cell) in row.cells.iter_mut().enumerate() {
            let (role, scope) = if header {
                (Role::TH, Some(Scope::Column))
            } else if i == 0 && row_heads {
                (Role::TH, Some(Scope::Row))
            } else {
                (Role::TD, None)
            };
            cell.node = l.tree.add(tr, role);
            if let Some(scope) = scope {
                l.tree.set_scope(cell.node, scope);
            }
            cell.targets = l.run_targets(cell.node, &cell.runs);
        }
    }
}

/// Draws lines `from..to` of every cell of `row` at the cursor and advances it;
/// a header row drawn again on a later page (`repeat`) is an artifact.
#[allow(clippy::too_many_arguments)]
fn draw_segment(
    l: &mut Layouter,
    spec: &Spec,
    row: &LaidRow,
    from: usize,
    to: usize,
    fill: Option<Rgb>,
    rule: Option<(f32, Rgb)>,
    repeat: bool,
) {
    let m = l.m;
    let h = spec.row_height(to - from);
    let top = l.y;
    let (left, right) = (spec.left(), spec.right());
    let page = l.page();
    if let Some(c) = fill {
        page.fill_rect(left, top, right - left, h, c);
    }
    // A row continued from the previous page names itself in its first column.
    if let (true, Some(first), Some(&(x, w))) = (from > 0, row.cells.first(), spec.cols.first()) {
        if from >= first.lines.len() {
            if let Some(line) = first.lines.first() {
                let text: String = line
                    .frags
                    .iter()
                    .map(|f| &first.runs[f.run].text[f.start..f.end])
                    .collect();
                let inner = w - 2.0 * spec.pad_x;
                let labels = [text.trim_end(), "(continued)"];
                page.want = Some(Tag::Artifact(Artifact::Pagination));
                for (k, label) in labels.iter().enumerate().take(to - from) {
                    let label = fit_one_line(m, label, TextStyle::Italic, spec.size, inner);
                    let baseline = top
                        + spec.pad_y
                        + k as f32 * spec.leading
                        + baseline_offset(m, spec.size, spec.leading);
                    page.text(
                        m,
                        x + spec.pad_x,
                        baseline,
                        TextStyle::Italic,
                        spec.size,
                        MUTED,
                        &label,
                    );
                }
            }
        }
    }
    for (cell, &(x, w)) in row.cells.iter().zip(&spec.cols) {
        let inner = w - 2.0 * spec.pad_x;
        page.want = Some(if repeat {
            Tag::Artifact(Artifact::Pagination)
        } else {
            Tag::Content(cell.node)
        });
        let targets = if repeat {
            None
        } else {
            cell.targets.as_deref()
        };
        for (k, line) in cell.lines.iter().enumerate().take(to).skip(from) {
            let dx = match cell.align {
                Align::Left => 0.0,
                Align::Centre => ((inner - line.width) / 2.0).max(0.0),
                Align::Right => (inner - line.width).max(0.0),
            };
            let line_top = top + spec.pad_y + (k - from) as f32 * spec.leading;
            page.draw_line(
                m,
                &cell.runs,
                targets,
                line,
                x + spec.pad_x + dx,
                line_top,
                spec.size,
                spec.leading,
            );
        }
    }
    if let Some((width, c)) = rule {
        page.line(left, top + h, right, top + h, width, c);
    }
    l.y += h;
}

fn draw_header(l: &mut Layouter, spec: &Spec, header: &[LaidRow], repeat: bool) {
    for (i, row) in header.iter().enumerate() {
        let rule = (spec.rules && i + 1 == header.len()).then_some((0.9, RULE_STRONG));
        draw_segment(l, spec, row, 0, row.lines, Some(HEADER_FILL), rule, repeat);
    }
}

/// Places header and body rows with page breaks.
fn place_rows(l: &mut Layouter, spec: &Spec, header: &[LaidRow], rows: &[LaidRow]) {
    let header_h: f32 = header.iter().map(|r| spec.row_height(r.lines)).sum();
    let first = rows
        .first()
        .map_or(0.0, |r| spec.row_height(r.lines.min(3)));
    l.ensure(header_h + first);
    draw_header(l, spec, header, false);
    for (i, row) in rows.iter().enumerate() {
        let fill = (spec.zebra && i % 2 == 1).then_some(ZEBRA_FILL);
        let rule = spec.rules.then_some((0.4, RULE));
        let mut from = 0;
        let mut fresh_page = false;
        loop {
            let left = row.lines - from;
            let need = spec.row_height(left);
            let avail = l.remaining();
            if need <= avail + 0.01 {
                draw_segment(l, spec, row, from, row.lines, fill, rule, false);
                break;
            }
            let capacity = l.body_height() - header_h;
            // Move the row to the next page if it fits there, unless that would
            // leave a large gap here for a large row.
            let big_gap = avail >= 0.25 * capacity && need > 0.5 * capacity;
            if !fresh_page && need <= capacity && !big_gap {
                l.new_page();
                draw_header(l, spec, header, true);
                fresh_page = true;
                continue;
            }
            let fit = ((avail - 2.0 * spec.pad_y + 0.01) / spec.leading)
                .floor()
                .max(0.0) as usize;
            let mut take = fit.min(left);
            if take < 2 && !fresh_page {
                l.new_page();
                draw_header(l, spec, header, true);
                fresh_page = true;
                continue;
            }
            if left - take == 1 && take >= 3 {
                take -= 1;
            }
            let take = take.max(1);
            draw_segment(l, spec, row, from, from + take, fill, rule, false);
            from += take;
            l.new_page();
            draw_header(l, spec, header, true);
            fresh_page = true;
        }
    }
}

fn table_spec(l: &Layouter, t: &Table) -> Result<Spec, PdfError> {
    if t.columns.is_empty() {
        return Err(PdfError::Invalid {
            what: "table",
            reason: "no columns".into(),
        });
    }
    let total: f32 = t.columns.iter().map(|c| c.width.max(0.0)).sum();
    if total.is_nan() || total <= 0.0 {
        return Err(PdfError::Invalid {
            what: "table",
            reason: "column widths must be positive".into(),
        });
    }
    for (i, row) in t.header.iter().chain(&t.rows).enumerate() {
        if row.len() != t.columns.len() {
            return Err(PdfError::Invalid {
                what: "table",
                reason: format!(
                    "row {} has {} cells, expected {}",
                    i + 1,
                    row.len(),
                    t.columns.len()
                ),
            });
        }
    }
    let width = l.width();
    let mut x = l.left();
    let cols = t
        .columns
        .iter()
        .map(|c| {
            let w = c.width.max(0.0) / total * width;
            let col = (x, w);
            x += w;
            col
        })
        .collect();
    let (size, leading) = if t.small {
        (SMALL_SIZE, SMALL_LEADING)
    } else {
        (BODY_SIZE - 0.5, BODY_LEADING - 1.4)
    };
    Ok(Spec {
        cols,
        size,
        leading,
        pad_x: CELL_PAD_X,
        pad_y: CELL_PAD_Y,
        rules: true,
        zebra: t.zebra,
    })
}

fn lay_table_rows<'a>(
    l: &Layouter,
    spec: &Spec,
    t: &'a Table,
    rows: &'a [Vec<Cell>],
    header: bool,
) -> Vec<LaidRow<'a>> {
    let (style, colour) = if header {
        (TextStyle::Bold, INK)
    } else {
        (TextStyle::Regular, INK)
    };
    rows.iter()
        .map(|row| {
            lay_row(
                l,
                spec,
                row.iter()
                    .zip(&t.columns)
                    .map(|(cell, col)| (cell.spans.as_slice(), col.align, style, colour)),
            )
        })
        .collect()
}

pub(crate) fn place_table(l: &mut Layouter, t: &Table) -> Result<(), PdfError> {
    let spec = table_spec(l, t)?;
    let mut header = lay_table_rows(l, &spec, t, &t.header, true);
    let mut rows = lay_table_rows(l, &spec, t, &t.rows, false);
    let table = l.add(Role::Table);
    if !header.is_empty() {
        let head = l.tree.add(table, Role::THead);
        tag_rows(l, head, &mut header, true, false);
    }
    let body = l.tree.add(table, Role::TBody);
    tag_rows(l, body, &mut rows, false, t.header_column);
    l.gap(4.0);
    place_rows(l, &spec, &header, &rows);
    l.gap(BLOCK_GAP);
    Ok(())
}

/// Height a heading above `t` must keep with: header plus the start of the first row.
pub(crate) fn min_start(l: &Layouter, t: &Table) -> f32 {
    let Ok(spec) = table_spec(l, t) else {
        return 0.0;
    };
    let header: f32 = lay_table_rows(l, &spec, t, &t.header, true)
        .iter()
        .map(|r| spec.row_height(r.lines))
        .sum();
    let first = t.rows.first().map_or(0.0, |row| {
        let laid = lay_table_rows(l, &spec, t, std::slice::from_ref(row), false);
        spec.row_height(laid[0].lines.min(3))
    });
    4.0 + header + first
}

fn label_spec(l: &Layouter, lv: &LabelValues) -> Spec {
    let share = lv.label_width.unwrap_or(0.3).clamp(0.15, 0.6);
    let width = l.width();
    let x = l.left();
    let label_w = width * share;
    Spec {
        cols: vec![
            (x - CELL_PAD_X, label_w),
            (x + label_w - CELL_PAD_X, width - label_w + CELL_PAD_X),
        ],
        size: BODY_SIZE,
        leading: BODY_LEADING,
        pad_x: CELL_PAD_X,
        pad_y: 1.6,
        rules: false,
        zebra: false,
    }
}

fn lay_label_rows<'a>(
    l: &Layouter,
    spec: &Spec,
    rows: &'a [(String, Vec<Span>)],
    labels: &'a [Span],
) -> Vec<LaidRow<'a>> {
    rows.iter()
        .zip(labels)
        .map(|((_, value), label)| {
            lay_row(
                l,
                spec,
                [
                    (
                        std::slice::from_ref(label),
                        Align::Left,
                        TextStyle::Bold,
                        MUTED,
                    ),
                    (value.as_slice(), Align::Left, TextStyle::Regular, INK),
                ]
                .into_iter(),
            )
        })
        .collect()
}

pub(crate) fn place_label_values(l: &mut Layouter, lv: &LabelValues) -> Result<(), PdfError> {
    let spec = label_spec(l, lv);
    let labels: Vec<Span> = lv
        .rows
        .iter()
        .map(|(label, _)| Span::plain(label.clone()))
        .collect();
    let mut rows = lay_label_rows(l, &spec, &lv.rows, &labels);
    // A table of two columns, each label heading its row.
    let table = l.add(Role::Table);
    tag_rows(l, table, &mut rows, false, true);
    place_rows(l, &spec, &[], &rows);
    l.gap(BLOCK_GAP);
    Ok(())
}

/// Height a heading above `lv` must keep with: its first two rows (at most
/// three lines of each), so a heading never ends a page over a single row.
pub(crate) fn label_values_min_start(l: &Layouter, lv: &LabelValues) -> f32 {
    let spec = label_spec(l, lv);
    let labels: Vec<Span> = lv
        .rows
        .iter()
        .take(2)
        .map(|(label, _)| Span::plain(label.clone()))
        .collect();
    lay_label_rows(l, &spec, &lv.rows[..labels.len()], &labels)
        .iter()
        .map(|r| spec.row_height(r.lines.min(3)))
        .sum()
}
