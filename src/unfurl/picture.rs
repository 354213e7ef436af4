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
    fn what_is_not_a_picture_is_refused() {
        assert!(shrink(b"<html>not a picture</html>").is_err());
    }
}
