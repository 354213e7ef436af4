//! A preview's picture made small by `kit::images`, within bounds on its
//! size and memory (a picture that claims more pixels than [`MAX_SIDE_IN`] a side is
//! refused before it is decoded), scaled to fit [`BOX`] and written again as JPEG (PNG
//! when it has transparency). What natter serves is this copy: readers' browsers never
//! contact the site, and the copy carries none of the original's metadata.

use super::{Failed, Reason};
use crate::kit::images::{self, Bounds, Encoded};

/// The box a preview's picture is scaled down to fit, in pixels.
pub const BOX: u32 = 480;

/// The largest side of a picture that is decoded at all.
pub const MAX_SIDE_IN: u32 = 8192;

/// What one preview picture may take to decode: smaller than a photo's bounds, as a
/// preview only ever shows 480 px. Only the first frame of an animation is drawn, once.
const BOUNDS: Bounds = Bounds {
    max_side: MAX_SIDE_IN,
    max_pixels: 32_000_000,
    max_alloc: 128 << 20,
    max_drawn: 32_000_000,
};

/// A picture as natter serves it.
pub type Picture = Encoded;

/// `raw` decoded (`kit::images`, EXIF orientation applied) and scaled to fit [`BOX`],
/// written again without metadata; why not otherwise (too large: beyond the bounds).
/// Blocks for a few milliseconds: callers run it on a blocking thread.
pub fn shrink(raw: &[u8]) -> Result<Picture, Failed> {
    let refused = |e: images::Refusal| {
        let reason = match e {
            images::Refusal::TooLarge { .. }
            | images::Refusal::TooMuchToDraw { .. }
            | images::Refusal::TooManyFrames { .. } => Reason::TooLarge,
            _ => Reason::Other,
        };
        Failed::new(reason, e.to_string())
    };
    let decoded = images::decode(raw, &BOUNDS).map_err(refused)?;
    images::shrink(&decoded, BOX).map_err(refused)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

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
