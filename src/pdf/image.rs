//! Images: JPEGs are embedded as they are (a `DCTDecode` image XObject holding the
//! original bytes; only the header is read to learn the colour components), raw
//! RGB8 pixels as a Flate-compressed image. Placement scales the image to fit the
//! text width and the available height, keeping the aspect ratio, with its caption.
//! Tagged as a `Figure` with its alternative text and bounding box, followed by
//! its `Caption`; the frame around it is decoration.

use std::collections::BTreeMap;

use printpdf::{
    DictItem, ExternalStream, ExternalXObject, Px, RawImage, RawImageData, RawImageFormat, XObject,
};

use super::fonts::TextStyle;
use super::layout::{EmbeddedImage, Layouter};
use super::style::*;
use super::tags::Role;
use super::text::{wrap, Line, Run};
use super::{Image, ImageSource, PdfError};

/// What the JPEG header says.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct JpegInfo {
    pub width: u32,
    pub height: u32,
    pub components: u8,
    /// An Adobe APP14 marker is present (CMYK JPEGs from Adobe store inverted values).
    pub adobe: bool,
}

/// Reads the frame header of a JPEG without decoding it.
pub(crate) fn jpeg_info(data: &[u8]) -> Result<JpegInfo, String> {
    if data.len() < 4 || data[0] != 0xFF || data[1] != 0xD8 {
        return Err("not a JPEG (no SOI marker)".into());
    }
    let mut i = 2;
    let mut adobe = false;
    while i + 4 <= data.len() {
        if data[i] != 0xFF {
            return Err(format!("corrupt JPEG: expected a marker at byte {i}"));
        }
        let marker = data[i + 1];
        if marker == 0xFF {
            i += 1; // fill byte
            continue;
        }
        if matches!(marker, 0xD0..=0xD7 | 0x01) {
            i += 2;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([data[i + 2], data[i + 3]]));
        if len < 2 || i + 2 + len > data.len() {
            return Err("corrupt JPEG: truncated segment".into());
        }
        let seg = &data[i + 4..i + 2 + len];
        match marker {
            0xEE if seg.starts_with(b"Adobe") => adobe = true,
            // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                if seg.len() < 6 {
                    return Err("corrupt JPEG: short frame header".into());
                }
                if seg[0] != 8 {
                    return Err(format!("{}-bit JPEG samples are not supported", seg[0]));
                }
                if matches!(marker, 0xC3 | 0xC7 | 0xCB | 0xCF) {
                    return Err("lossless JPEG is not supported by PDF".into());
                }
                return Ok(JpegInfo {
                    height: u32::from(u16::from_be_bytes([seg[1], seg[2]])),
                    width: u32::from(u16::from_be_bytes([seg[3], seg[4]])),
                    components: seg[5],
                    adobe,
                });
            }
            0xDA => break,
            _ => {}
        }
        i += 2 + len;
    }
    Err("corrupt JPEG: no frame header".into())
}

fn name(s: &str) -> DictItem {
    DictItem::Name(s.as_bytes().to_vec())
}

/// Builds the XObject for an image, checking the declared size; a JPEG's
/// stream without its bytes unless `with_bytes`.
pub(crate) fn xobject(
    source: &ImageSource,
    index: usize,
    with_bytes: bool,
) -> Result<(XObject, u32, u32), PdfError> {
    let err = |reason: String| PdfError::Image { index, reason };
    match source {
        ImageSource::Jpeg {
            data,
            width,
            height,
        } => {
            let info = jpeg_info(data).map_err(err)?;
            if (info.width, info.height) != (*width, *height) {
                return Err(err(format!(
                    "declared {}×{} px but the JPEG is {}×{} px",
                    width, height, info.width, info.height
                )));
            }
            let colour_space = match info.components {
                1 => "DeviceGray",
                3 => "DeviceRGB",
                4 => "DeviceCMYK",
                n => return Err(err(format!("JPEG with {n} colour components"))),
            };
            let mut dict = BTreeMap::new();
            dict.insert("Type".to_owned(), name("XObject"));
            dict.insert("Subtype".to_owned(), name("Image"));
            dict.insert("Width".to_owned(), DictItem::Int(i64::from(info.width)));
            dict.insert("Height".to_owned(), DictItem::Int(i64::from(info.height)));
            dict.insert("ColorSpace".to_owned(), name(colour_space));
            dict.insert("BitsPerComponent".to_owned(), DictItem::Int(8));
            dict.insert("Filter".to_owned(), name("DCTDecode"));
            if info.components == 4 && info.adobe {
                let decode = [1, 0, 1, 0, 1, 0, 1, 0].map(DictItem::Int).to_vec();
                dict.insert("Decode".to_owned(), DictItem::Array(decode));
            }
            let xobject = XObject::External(ExternalXObject {
                stream: ExternalStream {
                    dict,
                    content: if with_bytes { data.clone() } else { Vec::new() },
                    // Already DCT-compressed: must not be deflated again.
                    compress: false,
                },
                width: Some(Px(info.width as usize)),
                height: Some(Px(info.height as usize)),
                dpi: None,
            });
            Ok((xobject, info.width, info.height))
        }
        ImageSource::Rgb8 {
            pixels,
            width,
            height,
        } => {
            let expected = *width as usize * *height as usize * 3;
            if pixels.len() != expected || *width == 0 || *height == 0 {
                return Err(err(format!(
                    "{}×{} RGB8 needs {} bytes, got {}",
                    width,
                    height,
                    expected,
                    pixels.len()
                )));
            }
            let raw = RawImage {
                pixels: RawImageData::U8(pixels.clone()),
                width: *width as usize,
                height: *height as usize,
                data_format: RawImageFormat::RGB8,
                tag: Vec::new(),
            };
            Ok((XObject::Image(raw), *width, *height))
        }
    }
}

fn pixel_size(source: &ImageSource) -> (u32, u32) {
    match source {
        ImageSource::Jpeg { width, height, .. } | ImageSource::Rgb8 { width, height, .. } => {
            (*width, *height)
        }
    }
}

/// A wrapped caption.
pub(crate) type Caption = (Vec<Run<'static>>, Vec<Line>);

/// A figure's caption wrapped to most of the text width (it is centred).
pub(crate) fn wrap_caption(l: &Layouter, caption: Option<&str>) -> Option<Caption> {
    caption.map(|c| {
        let runs = vec![Run::plain(l.m, c, TextStyle::Italic, MUTED)];
        let lines = wrap(l.m, &runs, CAPTION_SIZE, l.width() * 0.8);
        (runs, lines)
    })
}

/// The height a caption takes under its figure.
pub(crate) fn caption_height(caption: Option<&Caption>) -> f32 {
    caption.map_or(0.0, |(_, lines)| 6.0 + lines.len() as f32 * CAPTION_LEADING)
}

/// Places a figure's caption under it, centred, tagged as a `Caption`.
pub(crate) fn place_caption(l: &mut Layouter, caption: Option<Caption>) {
    let Some((runs, lines)) = caption else {
        return;
    };
    let m = l.m;
    l.y += 6.0;
    let centre = l.left() + l.width() / 2.0;
    let node = l.add(Role::Caption);
    l.tag(node);
    for line in &lines {
        let top = l.y;
        l.page().draw_line(
            m,
            &runs,
            None,
            line,
            centre - line.width / 2.0,
            top,
            CAPTION_SIZE,
            CAPTION_LEADING,
        );
        l.y += CAPTION_LEADING;
    }
}

/// Size the image is drawn at, and its caption lines.
fn fit(l: &Layouter, img: &Image) -> (f32, f32, Option<Caption>) {
    let (pw, ph) = pixel_size(&img.source);
    let (pw, ph) = (pw.max(1) as f32, ph.max(1) as f32);
    let width = l.width();
    let caption = wrap_caption(l, img.caption.as_deref());
    let caption_h = caption_height(caption.as_ref());
    let mut max_h = l.body_height() - caption_h - 4.0;
    if let Some(limit) = img.max_height_mm {
        max_h = max_h.min(mm(limit));
    }
    // Never enlarge past one point per pixel (72 dpi).
    let scale = (width / pw).min(max_h.max(10.0) / ph).min(1.0);
    (pw * scale, ph * scale, caption)
}

pub(crate) fn min_start(l: &Layouter, img: &Image) -> f32 {
    let (_, h, caption) = fit(l, img);
    h + 4.0 + caption_height(caption.as_ref())
}

/// Places an image; `own`: its block is the document's own, so a JPEG's
/// bytes are left in it for the writer (see [`EmbeddedImage`]).
pub(crate) fn place_image(
    l: &mut Layouter,
    img: &Image,
    index: usize,
    own: bool,
) -> Result<(), PdfError> {
    let (xobject, _, _) = xobject(&img.source, index, !own)?;
    let id = format!("Im{}", index + 1);
    l.images.push(EmbeddedImage {
        id: id.clone(),
        xobject,
        index,
    });
    let (w, h, caption) = fit(l, img);
    let caption_h = caption_height(caption.as_ref());
    l.gap(4.0);
    l.ensure(h + caption_h);
    let x = l.left() + (l.width() - w) / 2.0;
    let top = l.y;
    let figure = l.add(Role::Figure);
    l.tree.set_alt(figure, &alt_text(img, index));
    let page_index = l.page_index();
    let page_height = l.page().height;
    l.tree.set_bbox(
        figure,
        page_index,
        [x, page_height - top - h, x + w, page_height - top],
    );
    l.tag(figure);
    let page = l.page();
    page.image(&id, x, top, w, h);
    page.line(x, top, x + w, top, 0.4, RULE);
    page.line(x, top + h, x + w, top + h, 0.4, RULE);
    page.line(x, top, x, top + h, 0.4, RULE);
    page.line(x + w, top, x + w, top + h, 0.4, RULE);
    l.y += h;
    place_caption(l, caption);
    l.gap(BLOCK_GAP);
    Ok(())
}

/// What the figure shows, for readers who cannot see it: its alternative text,
/// else its caption, else that it is an image (PDF/UA wants one always).
fn alt_text(img: &Image, index: usize) -> String {
    [Some(img.alt.as_str()), img.caption.as_deref()]
        .into_iter()
        .flatten()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|t| !t.is_empty())
        .unwrap_or_else(|| format!("Image {}", index + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_non_jpeg() {
        assert!(jpeg_info(b"\x89PNG....").is_err());
        assert!(jpeg_info(&[0xFF, 0xD8, 0xFF]).is_err());
    }

    #[test]
    fn reads_frame_header() {
        // SOI, APP0 (len 4: two payload bytes), SOF0 for 3×2 px, 3 components.
        let mut data = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00];
        data.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 8, 0x00, 0x02, 0x00, 0x03, 3]);
        data.extend_from_slice(&[1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]);
        let info = jpeg_info(&data).unwrap();
        assert_eq!(
            info,
            JpegInfo {
                width: 3,
                height: 2,
                components: 3,
                adobe: false
            }
        );
    }
}
