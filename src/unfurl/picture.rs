//! A preview's picture made small: decoded with the `image` crate within bounds on its
//! size and memory (a picture that claims more pixels than [`MAX_SIDE_IN`] a side is
//! refused before it is decoded), scaled to fit [`BOX`] and written again as JPEG (PNG
//! when it has transparency). What natter serves is this copy: readers' browsers never
//! contact the site, and the copy carries none of the original's metadata.

use image::{GenericImageView, ImageReader, Limits};
use std::io::Cursor;

/// The box a preview's picture is scaled down to fit, in pixels.
pub const BOX: u32 = 480;

/// The largest side of a picture that is decoded at all.
pub const MAX_SIDE_IN: u32 = 8192;

/// The most memory one decode may take.
const MAX_ALLOC: u64 = 128 << 20;

/// A picture as natter serves it.
#[derive(Debug)]
pub struct Picture {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub width: u32,
    pub height: u32,
}

/// `raw` decoded and scaled to fit [`BOX`]; a sentence saying why not otherwise. Blocks
/// for a few milliseconds: callers run it on a blocking thread.
pub fn shrink(raw: &[u8]) -> Result<Picture, String> {
    let mut reader = ImageReader::new(Cursor::new(raw))
        .with_guessed_format()
        .map_err(|e| format!("cannot read the picture: {e}"))?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE_IN);
    limits.max_image_height = Some(MAX_SIDE_IN);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let decoded = reader
        .decode()
        .map_err(|e| format!("cannot decode the picture: {e}"))?;
    let small = if decoded.width() > BOX || decoded.height() > BOX {
        decoded.thumbnail(BOX, BOX)
    } else {
        decoded
    };
    let (width, height) = small.dimensions();
    let mut bytes = Vec::new();
    let content_type = if small.color().has_alpha() {
        small
            .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
            .map_err(|e| format!("cannot write the picture: {e}"))?;
        "image/png"
    } else {
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 80);
        small
            .to_rgb8()
            .write_with_encoder(encoder)
            .map_err(|e| format!("cannot write the picture: {e}"))?;
        "image/jpeg"
    };
    Ok(Picture {
        bytes,
        content_type,
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_picture_is_scaled_to_fit_the_box() {
        let img = image::RgbImage::from_pixel(1200, 600, image::Rgb([200, 30, 30]));
        let mut png = Vec::new();
        image::DynamicImage::ImageRgb8(img)
            .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let small = shrink(&png).unwrap();
        assert_eq!((small.width, small.height), (BOX, BOX / 2));
        assert_eq!(small.content_type, "image/jpeg");
    }

    #[test]
    fn a_picture_claiming_too_many_pixels_is_refused_before_it_is_decoded() {
        // A PNG whose header says 100,000 x 100,000 (40 GB decoded) over a few bytes of data.
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut crc = flate2::Crc::new();
            crc.update(kind);
            crc.update(data);
            let mut out = (data.len() as u32).to_be_bytes().to_vec();
            out.extend_from_slice(kind);
            out.extend_from_slice(data);
            out.extend_from_slice(&crc.sum().to_be_bytes());
            out
        };
        let mut header = 100_000u32.to_be_bytes().to_vec();
        header.extend_from_slice(&100_000u32.to_be_bytes());
        header.extend_from_slice(&[8, 2, 0, 0, 0]);
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(chunk(b"IHDR", &header));
        png.extend(chunk(
            b"IDAT",
            &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
        ));
        png.extend(chunk(b"IEND", b""));
        let started = std::time::Instant::now();
        assert!(shrink(&png).is_err());
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn what_is_not_a_picture_is_refused() {
        assert!(shrink(b"<html>not a picture</html>").is_err());
    }
}
