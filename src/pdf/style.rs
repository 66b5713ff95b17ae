//! The house style of the portfolio PDF: page geometry, type scale, spacing and
//! the muted colour palette, all in PDF points (1/72 inch). Kept in one place so
//! the look can be tuned without touching the layout code.

use super::Rgb;

/// Millimetres to points.
pub(crate) const fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// A4 short edge.
pub(crate) const A4_SHORT: f32 = mm(210.0);
/// A4 long edge.
pub(crate) const A4_LONG: f32 = mm(297.0);

/// Page margins around the body text.
pub(crate) const MARGIN_LEFT: f32 = mm(22.0);
pub(crate) const MARGIN_RIGHT: f32 = mm(22.0);
pub(crate) const MARGIN_TOP: f32 = mm(24.0);
pub(crate) const MARGIN_BOTTOM: f32 = mm(22.0);
/// Baseline of the running header, from the top edge.
pub(crate) const HEADER_BASELINE: f32 = mm(13.0);
/// Baseline of the running footer, from the bottom edge.
pub(crate) const FOOTER_BASELINE: f32 = mm(11.0);

/// Type sizes.
pub(crate) const BODY_SIZE: f32 = 10.0;
pub(crate) const BODY_LEADING: f32 = 14.6;
pub(crate) const SMALL_SIZE: f32 = 8.6;
pub(crate) const SMALL_LEADING: f32 = 12.0;
pub(crate) const RUNNING_SIZE: f32 = 7.8;
pub(crate) const CAPTION_SIZE: f32 = 8.4;
pub(crate) const CAPTION_LEADING: f32 = 11.5;
pub(crate) const TITLE_SIZE: f32 = 26.0;
pub(crate) const TITLE_LEADING: f32 = 32.0;
pub(crate) const SUBTITLE_SIZE: f32 = 13.0;
pub(crate) const SUBTITLE_LEADING: f32 = 18.0;

/// Size, leading, space above and below a heading of level 1–3.
pub(crate) const fn heading_metrics(level: u8) -> (f32, f32, f32, f32) {
    match level {
        0 | 1 => (17.0, 21.0, 22.0, 10.0),
        2 => (13.0, 17.0, 16.0, 6.0),
        _ => (11.0, 14.5, 12.0, 4.0),
    }
}

/// Space after a paragraph, a list, a table...
pub(crate) const PARAGRAPH_GAP: f32 = 7.0;
pub(crate) const BLOCK_GAP: f32 = 12.0;

/// Table cell padding.
pub(crate) const CELL_PAD_X: f32 = 5.0;
pub(crate) const CELL_PAD_Y: f32 = 3.6;

/// Colours.
pub(crate) const INK: Rgb = Rgb(0x1F, 0x23, 0x28);
pub(crate) const ACCENT: Rgb = Rgb(0x1D, 0x4E, 0x6E);
pub(crate) const MUTED: Rgb = Rgb(0x5B, 0x65, 0x70);
pub(crate) const RULE: Rgb = Rgb(0xC6, 0xCD, 0xD5);
pub(crate) const RULE_STRONG: Rgb = Rgb(0x8A, 0x96, 0xA3);
pub(crate) const HEADER_FILL: Rgb = Rgb(0xE6, 0xEC, 0xF1);
pub(crate) const ZEBRA_FILL: Rgb = Rgb(0xF5, 0xF7, 0xF9);
pub(crate) const LINK: Rgb = Rgb(0x1D, 0x5F, 0x93);
