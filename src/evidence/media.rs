//! What kind of file an attachment is (from its bytes, then its name), and
//! the previews of images: a thumbnail for the screen and a print-sized
//! rendition for the PDF, both JPEG, turned upright per the EXIF orientation.
//! Only raster images get previews; HTML, SVG and everything else are stored
//! and never rendered.

use super::attachments::PreviewKind;
use image::{DynamicImage, ImageDecoder, ImageReader};
use std::io::Cursor;

/// Longest side of the on-screen thumbnail, in pixels.
pub const THUMBNAIL_MAX: u32 = 480;
/// Longest side of the print rendition: about 200 dpi across an A4 text block.
pub const PRINT_MAX: u32 = 1600;

/// The media type of a file from its first bytes, falling back to its name.
pub fn detect(head: &[u8], name: &str) -> String {
    if let Some(kind) = infer::get(head) {
        return kind.mime_type().to_string();
    }
    if let Some(guess) = mime_guess::from_path(name).first() {
        return guess.essence_str().to_string();
    }
    if std::str::from_utf8(&head[..head.len().min(4096)]).is_ok() {
        return "text/plain".to_string();
    }
    "application/octet-stream".to_string()
}

/// Whether we make previews of this type (photos and raster pictures).
pub fn is_previewable(media_type: &str) -> bool {
    matches!(media_type, "image/jpeg" | "image/png" | "image/webp")
}

/// Photos we recognise but cannot decode (HEIC/HEIF: no decoder crate works
/// with the libheif that Debian 12 ships).
pub fn is_unpreviewable_photo(media_type: &str) -> bool {
    matches!(media_type, "image/heic" | "image/heif" | "image/avif")
}

/// A rendition made for a stored image.
pub struct Rendition {
    pub kind: PreviewKind,
    pub width: u32,
    pub height: u32,
    pub jpeg: Vec<u8>,
}

/// Decodes an image, turns it upright and makes its thumbnail and print renditions.
pub fn make_previews(bytes: &[u8]) -> Result<Vec<Rendition>, String> {
    let image = decode_upright(bytes)?;
    let mut out = Vec::with_capacity(2);
    let print = fit(&image, PRINT_MAX);
    let thumbnail = fit(&print, THUMBNAIL_MAX);
    for (kind, img, quality) in [
        (PreviewKind::Print, &print, 85),
        (PreviewKind::Thumbnail, &thumbnail, 80),
    ] {
        out.push(Rendition {
            kind,
            width: img.width(),
            height: img.height(),
            jpeg: encode_jpeg(img, quality)?,
        });
    }
    Ok(out)
}

/// An image decoded and rotated or flipped as its EXIF orientation says.
pub fn decode_upright(bytes: &[u8]) -> Result<DynamicImage, String> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| format!("it could not be read as an image ({e})"))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder)
        .map_err(|e| format!("it could not be decoded ({e})"))?;
    image.apply_orientation(orientation);
    Ok(image)
}

fn fit(image: &DynamicImage, max: u32) -> DynamicImage {
    if image.width() <= max && image.height() <= max {
        image.clone()
    } else {
        image.resize(max, max, image::imageops::FilterType::Triangle)
    }
}

/// JPEG bytes of an image (flattened onto white if it has transparency).
pub fn encode_jpeg(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, String> {
    let rgb = if image.color().has_alpha() {
        let rgba = image.to_rgba8();
        let mut rgb = image::RgbImage::new(rgba.width(), rgba.height());
        for (dst, src) in rgb.pixels_mut().zip(rgba.pixels()) {
            let a = src[3] as u32;
            for c in 0..3 {
                dst[c] = ((src[c] as u32 * a + 255 * (255 - a)) / 255) as u8;
            }
        }
        rgb
    } else {
        image.to_rgb8()
    };
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&rgb)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_bytes_then_names() {
        assert_eq!(
            detect(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "x.bin"),
            "image/png"
        );
        assert_eq!(detect(b"%PDF-1.7\n", "cofnodion"), "application/pdf");
        assert_eq!(detect(b"hello", "notes.csv"), "text/csv");
        assert_eq!(
            detect("Cofnodion y cyfarfod".as_bytes(), "notes"),
            "text/plain"
        );
        assert_eq!(
            detect(&[0xff, 0xfe, 0x00, 0x9f], "blob"),
            "application/octet-stream"
        );
        assert!(!is_previewable("image/svg+xml"));
        assert!(!is_previewable("text/html"));
        // An ISO-BMFF header with the HEIC brand.
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert_eq!(detect(heic, "IMG_0001.HEIC"), "image/heif");
        assert!(is_unpreviewable_photo(&detect(heic, "IMG_0001.HEIC")));
    }
}
