//! Vector drawings: charts and diagrams built from rectangles, lines, dots and
//! short texts in millimetres on a canvas, drawn as PDF paths and text (sharp
//! at any zoom, a few hundred bytes). Scaled down to the text width when the
//! canvas is wider (text is kept inside the canvas), kept on one page with its caption, and tagged as one
//! `Figure` with its alternative text and bounding box: a reader who cannot
//! see it is told what it shows in words (its text equivalent), and the words
//! drawn inside it are part of the figure, not read out one by one.

use super::image::{caption_height, place_caption, wrap_caption};
use super::layout::Layouter;
use super::style::*;
use super::tags::Role;
use super::{Align, Drawing, PdfError, Shape};

/// Drawn size in points and the scale from canvas millimetres to points.
fn fit(l: &Layouter, d: &Drawing) -> (f32, f32, f32) {
    let natural = mm(1.0);
    let scale = natural.min(l.width() / d.width_mm.max(1.0));
    (d.width_mm * scale, d.height_mm * scale, scale)
}

pub(crate) fn min_start(l: &Layouter, d: &Drawing) -> f32 {
    let (_, h, _) = fit(l, d);
    h + 4.0 + caption_height(wrap_caption(l, d.caption.as_deref()).as_ref())
}

pub(crate) fn place_drawing(l: &mut Layouter, d: &Drawing) -> Result<(), PdfError> {
    if !(d.width_mm > 0.0 && d.height_mm > 0.0) {
        return Err(PdfError::Invalid {
            what: "drawing",
            reason: format!("a canvas of {} × {} mm", d.width_mm, d.height_mm),
        });
    }
    let (w, h, s) = fit(l, d);
    let caption = wrap_caption(l, d.caption.as_deref());
    let caption_h = caption_height(caption.as_ref());
    l.gap(4.0);
    l.ensure(h + caption_h);
    let x0 = l.left() + (l.width() - w) / 2.0;
    let top = l.y;
    let m = l.m;
    let figure = l.add(Role::Figure);
    l.tree.set_alt(figure, &alt_text(d));
    let page_index = l.page_index();
    let page_height = l.page().height;
    l.tree.set_bbox(
        figure,
        page_index,
        [x0, page_height - top - h, x0 + w, page_height - top],
    );
    l.tag(figure);
    let at = |x: f32, y: f32| (x0 + x * s, top + y * s);
    let page = l.page();
    for shape in &d.shapes {
        match shape {
            Shape::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                let (px, py) = at(*x, *y);
                page.shape_rect(px, py, w * s, h * s, *fill, stroke.map(|(c, t)| (c, t * s)));
            }
            Shape::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                colour,
                dashed,
            } => {
                let (ax, ay) = at(*x1, *y1);
                let (bx, by) = at(*x2, *y2);
                page.shape_line(ax, ay, bx, by, width * s, *colour, *dashed);
            }
            Shape::Dot { cx, cy, r, colour } => {
                let (px, py) = at(*cx, *cy);
                page.dot(px, py, r * s, *colour);
            }
            Shape::Text {
                x,
                y,
                text,
                size,
                style,
                colour,
                align,
            } => {
                // Type scales with the canvas, never below 4 pt.
                let size = (size * s / mm(1.0)).max(4.0);
                let width = m.width(*style, size, text);
                let (px, py) = at(*x, *y);
                let px = match align {
                    Align::Left => px,
                    Align::Centre => px - width / 2.0,
                    Align::Right => px - width,
                };
                // Text never leaves the canvas (so never the page).
                let px = px.min(x0 + w - width).max(x0);
                page.text(m, px, py, *style, size, *colour, text);
            }
        }
    }
    l.y += h;
    place_caption(l, caption);
    l.gap(BLOCK_GAP);
    Ok(())
}

/// What the drawing shows, in words: its alternative text, else its caption,
/// else the words drawn in it (PDF/UA wants a text equivalent always).
fn alt_text(d: &Drawing) -> String {
    let one_line = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    [Some(d.alt.as_str()), d.caption.as_deref()]
        .into_iter()
        .flatten()
        .map(one_line)
        .find(|t| !t.is_empty())
        .unwrap_or_else(|| {
            let words: Vec<&str> = d
                .shapes
                .iter()
                .filter_map(|s| match s {
                    Shape::Text { text, .. } => Some(text.as_str()),
                    _ => None,
                })
                .collect();
            if words.is_empty() {
                "A drawing".to_owned()
            } else {
                format!("A drawing: {}", one_line(&words.join(", ")))
            }
        })
}
