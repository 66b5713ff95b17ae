//! The wide grid (e.g. criteria × evidence items, the "evidence location sheet"):
//! split into parts across and down, each part repeating the row labels on the left
//! and the vertical column labels on top, with a caption saying which columns and
//! rows it shows. Columns and rows are spread evenly over the parts.
//!
//! Tagged as one logical table whatever the parts: a header row with a `TH` for
//! the corner and each column label, then a `TR` per row with its label as a
//! `TH` heading the row and a `TD` per mark (a drawn dot carries the text "●");
//! a run of empty cells in a row is one empty `TD` spanning their columns
//! (a grid of items × hundreds of records is mostly empty).
//! Where a part repeats labels already shown in an earlier part, and for the
//! captions saying which part it is, the drawing is a pagination artifact; the
//! legend is tagged once, after the table.

use super::fonts::TextStyle;
use super::layout::{baseline_offset, Layouter};
use super::style::*;
use super::tags::{Artifact, Node, Role, Scope, Tag};
use super::text::{fit_one_line, wrap, Line, Run};
use super::{Grid, Mark, PdfError};

const LABEL_SIZE: f32 = 7.4;
const LABEL_LEADING: f32 = 9.0;
const COLUMN_WIDTH: f32 = 12.0;
const MIN_ROW_HEIGHT: f32 = 12.0;
const MAX_HEADER_HEIGHT: f32 = 84.0;
const CAPTION_HEIGHT: f32 = 15.0;
/// Rows may grow up to this factor to use the page.
const MAX_ROW_STRETCH: f32 = 1.4;

struct GridSpec<'a> {
    label_width: f32,
    header_height: f32,
    column_labels: Vec<String>,
    row_runs: Vec<[Run<'a>; 1]>,
    row_lines: Vec<Vec<Line>>,
    row_heights: Vec<f32>,
    /// Legend entries: mark, its label (fitted), and their x offsets per line.
    legend: Vec<Vec<LegendItem>>,
}

struct LegendItem {
    mark: Mark,
    label: String,
    x: f32,
}

const LEGEND_MARK: f32 = 12.0;
const LEGEND_GAP: f32 = 18.0;

impl GridSpec<'_> {
    fn legend_height(&self) -> f32 {
        if self.legend.is_empty() {
            0.0
        } else {
            4.0 + self.legend.len() as f32 * SMALL_LEADING
        }
    }
}

/// Flows legend entries into lines no wider than `width`.
fn legend_lines(l: &Layouter, g: &Grid, width: f32) -> Vec<Vec<LegendItem>> {
    let m = l.m;
    let mut lines: Vec<Vec<LegendItem>> = Vec::new();
    let mut x = 0.0;
    for (mark, label) in &g.legend {
        let label = fit_one_line(m, label, TextStyle::Italic, SMALL_SIZE, width - LEGEND_MARK);
        let w = LEGEND_MARK + m.width(TextStyle::Italic, SMALL_SIZE, &label);
        if lines.is_empty() || (x > 0.0 && x + w > width) {
            lines.push(Vec::new());
            x = 0.0;
        }
        lines.last_mut().expect("a line").push(LegendItem {
            mark: mark.clone(),
            label,
            x,
        });
        x += w + LEGEND_GAP;
    }
    lines
}

fn validate(g: &Grid) -> Result<(), PdfError> {
    if g.marks.len() != g.row_labels.len() {
        return Err(PdfError::Invalid {
            what: "grid",
            reason: format!(
                "{} rows of marks for {} row labels",
                g.marks.len(),
                g.row_labels.len()
            ),
        });
    }
    if let Some((i, row)) = g
        .marks
        .iter()
        .enumerate()
        .find(|(_, r)| r.len() != g.column_labels.len())
    {
        return Err(PdfError::Invalid {
            what: "grid",
            reason: format!(
                "row {} has {} marks for {} columns",
                i + 1,
                row.len(),
                g.column_labels.len()
            ),
        });
    }
    Ok(())
}

fn spec<'a>(l: &Layouter, g: &'a Grid) -> GridSpec<'a> {
    let m = l.m;
    let width = l.width();
    let widest = g
        .row_labels
        .iter()
        .chain(std::iter::once(&g.corner))
        .map(|t| m.width(TextStyle::Regular, LABEL_SIZE, t))
        .fold(0.0_f32, f32::max);
    let label_width = (widest + 2.0 * CELL_PAD_X).clamp(50.0, width * 0.3);
    let inner = label_width - 2.0 * CELL_PAD_X;
    let row_runs: Vec<[Run; 1]> = g
        .row_labels
        .iter()
        .map(|t| [Run::plain(m, t, TextStyle::Regular, INK)])
        .collect();
    let row_lines: Vec<Vec<Line>> = row_runs
        .iter()
        .map(|r| wrap(m, r, LABEL_SIZE, inner))
        .collect();
    let row_heights = row_lines
        .iter()
        .map(|lines| (lines.len() as f32 * LABEL_LEADING + 3.0).max(MIN_ROW_HEIGHT))
        .collect();
    let max_label = g
        .column_labels
        .iter()
        .map(|t| m.width(TextStyle::Regular, LABEL_SIZE, t))
        .fold(0.0_f32, f32::max);
    let header_height = (max_label + 10.0).clamp(24.0, MAX_HEADER_HEIGHT);
    let column_labels = g
        .column_labels
        .iter()
        .map(|t| fit_one_line(m, t, TextStyle::Regular, LABEL_SIZE, header_height - 8.0))
        .collect();
    let legend = legend_lines(l, g, width);
    GridSpec {
        label_width,
        header_height,
        column_labels,
        row_runs,
        row_lines,
        row_heights,
        legend,
    }
}

/// Splits `0..n` into `parts` nearly equal consecutive ranges.
fn even_ranges(n: usize, parts: usize) -> Vec<std::ops::Range<usize>> {
    let parts = parts.clamp(1, n.max(1));
    let (base, extra) = (n / parts, n % parts);
    let mut start = 0;
    (0..parts)
        .map(|i| {
            let len = base + usize::from(i < extra);
            let r = start..start + len;
            start += len;
            r
        })
        .collect()
}

/// Splits the rows into bands that each fit `capacity`, spread as evenly as possible.
fn row_bands(heights: &[f32], capacity: f32) -> Vec<std::ops::Range<usize>> {
    // Greedy count of bands needed.
    let mut bands = 1;
    let mut acc = 0.0;
    for &h in heights {
        if acc + h > capacity && acc > 0.0 {
            bands += 1;
            acc = 0.0;
        }
        acc += h;
    }
    // Try an even split with that many bands (or more) that still fits.
    for parts in bands..=heights.len().max(1) {
        let ranges = even_ranges(heights.len(), parts);
        if ranges
            .iter()
            .all(|r| heights[r.clone()].iter().sum::<f32>() <= capacity || r.len() == 1)
        {
            return ranges;
        }
    }
    even_ranges(heights.len(), heights.len())
}

pub(crate) fn min_start(l: &Layouter, g: &Grid) -> f32 {
    if validate(g).is_err() {
        return 0.0;
    }
    let s = spec(l, g);
    let rows: f32 = s.row_heights.iter().take(3).sum();
    CAPTION_HEIGHT + s.header_height + rows
}

/// The text a mark stands for, for readers of the structure.
fn mark_text(mark: &Mark) -> &str {
    match mark {
        Mark::Empty => "",
        Mark::Dot => "\u{25CF}",
        Mark::Text(t) => t,
    }
}

/// The elements of the grid as one table: corner, column headers, and for each
/// row its header and cells; the legend's paragraphs follow the table.
struct GridTags {
    corner: Node,
    columns: Vec<Node>,
    rows: Vec<Node>,
    /// `cells[row][column]`.
    cells: Vec<Vec<Node>>,
    legend: Vec<Node>,
}

fn tag_grid(l: &mut Layouter, g: &Grid) -> Option<GridTags> {
    if !l.tree.enabled() {
        return None;
    }
    let table = l.add(Role::Table);
    let head = l.tree.add(table, Role::THead);
    let tr = l.tree.add(head, Role::TR);
    let corner = l.tree.add(tr, Role::TH);
    l.tree.set_scope(corner, Scope::Column);
    let columns = g
        .column_labels
        .iter()
        .map(|_| {
            let th = l.tree.add(tr, Role::TH);
            l.tree.set_scope(th, Scope::Column);
            th
        })
        .collect();
    let body = l.tree.add(table, Role::TBody);
    let mut rows = Vec::with_capacity(g.row_labels.len());
    let mut cells = Vec::with_capacity(g.row_labels.len());
    for marks in &g.marks {
        let tr = l.tree.add(body, Role::TR);
        let th = l.tree.add(tr, Role::TH);
        l.tree.set_scope(th, Scope::Row);
        rows.push(th);
        let mut row: Vec<Node> = Vec::with_capacity(marks.len());
        let mut c = 0;
        while c < marks.len() {
            let td = l.tree.add(tr, Role::TD);
            let span = match &marks[c] {
                Mark::Empty => marks[c..].iter().take_while(|m| **m == Mark::Empty).count(),
                Mark::Dot => {
                    l.tree.set_actual_text(td, mark_text(&Mark::Dot));
                    1
                }
                Mark::Text(_) => 1,
            };
            if span > 1 {
                l.tree.set_col_span(td, span as u32);
            }
            row.extend(std::iter::repeat(td).take(span));
            c += span;
        }
        cells.push(row);
    }
    let legend = g
        .legend
        .iter()
        .map(|(mark, label)| {
            let p = l.add(Role::P);
            l.tree
                .set_actual_text(p, &format!("{} {label}", mark_text(mark)));
            p
        })
        .collect();
    Some(GridTags {
        corner,
        columns,
        rows,
        cells,
        legend,
    })
}

pub(crate) fn place_grid(l: &mut Layouter, g: &Grid) -> Result<(), PdfError> {
    validate(g)?;
    if g.column_labels.is_empty() || g.row_labels.is_empty() {
        return Ok(());
    }
    let tags = tag_grid(l, g);
    let mut s = spec(l, g);
    let fixed = CAPTION_HEIGHT + s.header_height + s.legend_height() + 2.0;
    let three_rows: f32 = s.row_heights.iter().take(3).sum();
    l.ensure(fixed + three_rows);
    // All parts use the row banding of the smallest space available: the rest of
    // this page (usually after a heading) or a full page.
    let capacity = (l.remaining().min(l.body_height()) - fixed).max(MIN_ROW_HEIGHT);
    let rows = row_bands(&s.row_heights, capacity);
    // Give the rows more air when the parts would otherwise fill little of the page.
    let tallest = rows
        .iter()
        .map(|r| s.row_heights[r.clone()].iter().sum::<f32>())
        .fold(0.0_f32, f32::max);
    let stretch = (capacity / tallest.max(1.0)).clamp(1.0, MAX_ROW_STRETCH);
    for h in &mut s.row_heights {
        *h *= stretch;
    }
    let per_page = (((l.width() - s.label_width) / COLUMN_WIDTH).floor() as usize).max(1);
    let columns = even_ranges(
        g.column_labels.len(),
        g.column_labels.len().div_ceil(per_page),
    );
    let parts = rows.len() * columns.len();
    let mut part = 0;
    for (across, cols) in columns.iter().enumerate() {
        for (down, band) in rows.iter().enumerate() {
            if part > 0 {
                l.new_page();
            }
            part += 1;
            let first = Firsts {
                column_labels: down == 0,
                row_labels: across == 0,
                part: part == 1,
            };
            draw_part(
                l,
                g,
                &s,
                cols.clone(),
                band.clone(),
                (part, parts),
                tags.as_ref(),
                first,
            );
        }
    }
    l.gap(BLOCK_GAP);
    Ok(())
}

/// What a part shows for the first time (the rest it repeats).
#[derive(Clone, Copy)]
struct Firsts {
    column_labels: bool,
    row_labels: bool,
    /// The corner and the legend.
    part: bool,
}

#[allow(clippy::too_many_arguments)]
fn draw_part(
    l: &mut Layouter,
    g: &Grid,
    s: &GridSpec,
    cols: std::ops::Range<usize>,
    rows: std::ops::Range<usize>,
    (part, parts): (usize, usize),
    tags: Option<&GridTags>,
    first: Firsts,
) {
    // The element of what is drawn, or a pagination artifact for a repeat.
    let tag = |node: Option<Node>, first: bool| match node {
        Some(n) if first => Some(Tag::Content(n)),
        _ => Some(Tag::Artifact(Artifact::Pagination)),
    };
    let m = l.m;
    let x0 = l.left();
    let label_w = s.label_width;
    let grid_x = x0 + label_w;
    let grid_right = grid_x + cols.len() as f32 * COLUMN_WIDTH;
    let top = l.y;

    // Caption (only when the grid is split into parts).
    let caption = format!(
        "Part {part} of {parts} \u{2014} columns {}\u{2013}{} of {}, rows {}\u{2013}{} of {}",
        cols.start + 1,
        cols.end,
        g.column_labels.len(),
        rows.start + 1,
        rows.end,
        g.row_labels.len()
    );
    let baseline = top + 9.0;
    if parts > 1 {
        let page = l.page();
        page.want = Some(Tag::Artifact(Artifact::Pagination));
        page.text(
            m,
            x0,
            baseline,
            TextStyle::Italic,
            SMALL_SIZE,
            MUTED,
            &caption,
        );
    }
    let header_top = top + CAPTION_HEIGHT;
    let body_top = header_top + s.header_height;
    let body_h: f32 = s.row_heights[rows.clone()].iter().sum();
    let bottom = body_top + body_h;

    let page = l.page();
    // Header band.
    page.fill_rect(
        x0,
        header_top,
        grid_right - x0,
        s.header_height,
        HEADER_FILL,
    );
    let corner = fit_one_line(
        m,
        &g.corner,
        TextStyle::Bold,
        LABEL_SIZE,
        label_w - 2.0 * CELL_PAD_X,
    );
    page.want = tag(tags.map(|t| t.corner), first.part);
    page.text(
        m,
        x0 + CELL_PAD_X,
        body_top - 5.0,
        TextStyle::Bold,
        LABEL_SIZE,
        INK,
        &corner,
    );
    for (k, c) in cols.clone().enumerate() {
        let cx = grid_x + k as f32 * COLUMN_WIDTH;
        // Baseline of the upward text sits right of the column centre.
        let bx = cx + COLUMN_WIDTH / 2.0 + LABEL_SIZE * 0.36;
        page.want = tag(tags.map(|t| t.columns[c]), first.column_labels);
        page.text_up(
            m,
            bx,
            body_top - 4.0,
            TextStyle::Regular,
            LABEL_SIZE,
            INK,
            &s.column_labels[c],
        );
    }

    // Rows: zebra fill, labels, marks.
    let mut y = body_top;
    for (k, r) in rows.clone().enumerate() {
        let h = s.row_heights[r];
        if k % 2 == 1 {
            page.fill_rect(x0, y, grid_right - x0, h, ZEBRA_FILL);
        }
        let lines = &s.row_lines[r];
        let text_h = lines.len() as f32 * LABEL_LEADING;
        let line_top = y + (h - text_h) / 2.0;
        page.want = tag(tags.map(|t| t.rows[r]), first.row_labels);
        for (i, line) in lines.iter().enumerate() {
            page.draw_line(
                m,
                &s.row_runs[r],
                None,
                line,
                x0 + CELL_PAD_X,
                line_top + i as f32 * LABEL_LEADING,
                LABEL_SIZE,
                LABEL_LEADING,
            );
        }
        for (kc, c) in cols.clone().enumerate() {
            let cx = grid_x + kc as f32 * COLUMN_WIDTH + COLUMN_WIDTH / 2.0;
            page.want = tag(tags.map(|t| t.cells[r][c]), true);
            match &g.marks[r][c] {
                Mark::Empty => {}
                Mark::Dot => page.dot(cx, y + h / 2.0, 2.6, ACCENT),
                Mark::Text(t) => {
                    let t = fit_one_line(m, t, TextStyle::Bold, LABEL_SIZE, COLUMN_WIDTH - 1.0);
                    let w = m.width(TextStyle::Bold, LABEL_SIZE, &t);
                    let baseline = y + h / 2.0 + LABEL_SIZE * 0.36;
                    page.text(
                        m,
                        cx - w / 2.0,
                        baseline,
                        TextStyle::Bold,
                        LABEL_SIZE,
                        ACCENT,
                        &t,
                    );
                }
            }
        }
        y += h;
    }

    // Rules: rows, columns (stronger every fifth column), frame.
    let mut y = body_top;
    for &h in &s.row_heights[rows.clone()] {
        page.line(x0, y, grid_right, y, 0.3, RULE);
        y += h;
    }
    for k in 0..=cols.len() {
        let x = grid_x + k as f32 * COLUMN_WIDTH;
        let strong = (cols.start + k) % 5 == 0;
        let (w, c) = if strong {
            (0.6, RULE_STRONG)
        } else {
            (0.3, RULE)
        };
        page.line(x, header_top, x, bottom, w, c);
    }
    page.line(x0, header_top, grid_right, header_top, 0.6, RULE_STRONG);
    page.line(x0, body_top, grid_right, body_top, 0.9, RULE_STRONG);
    page.line(x0, bottom, grid_right, bottom, 0.6, RULE_STRONG);
    page.line(x0, header_top, x0, bottom, 0.6, RULE_STRONG);

    // Legend.
    let mut top = bottom + 4.0;
    let mut entry = 0;
    for line in &s.legend {
        let baseline = top + baseline_offset(m, SMALL_SIZE, SMALL_LEADING);
        for item in line {
            page.want = tag(tags.map(|t| t.legend[entry]), first.part);
            entry += 1;
            let x = x0 + item.x;
            match &item.mark {
                Mark::Empty => {}
                Mark::Dot => page.dot(x + 3.0, baseline - SMALL_SIZE * 0.33, 2.6, ACCENT),
                Mark::Text(t) => {
                    let t = fit_one_line(m, t, TextStyle::Bold, LABEL_SIZE, LEGEND_MARK - 2.0);
                    page.text(m, x, baseline, TextStyle::Bold, LABEL_SIZE, ACCENT, &t);
                }
            }
            page.text(
                m,
                x + LEGEND_MARK,
                baseline,
                TextStyle::Italic,
                SMALL_SIZE,
                MUTED,
                &item.label,
            );
        }
        top += SMALL_LEADING;
    }
    l.y = top;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn even_ranges_cover_everything() {
        let r = even_ranges(150, 5);
        assert_eq!(r.len(), 5);
        assert!(r.iter().all(|r| r.len() == 30));
        let r = even_ranges(7, 3);
        assert_eq!(r, vec![0..3, 3..5, 5..7]);
    }

    #[test]
    fn row_bands_fit_and_balance() {
        let heights = vec![12.0; 42];
        let bands = row_bands(&heights, 12.0 * 30.0);
        assert_eq!(bands, vec![0..21, 21..42]);
    }
}
