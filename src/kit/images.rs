//! Reading pictures people send and making smaller copies of them, with no natter type:
//! thumbnails of uploaded images, custom emoji, and any other picture the server shrinks
//! before serving it. Everything decoded here came from someone else, so a picture is
//! measured from its header against [`Bounds`] before a pixel is allocated (a 100 KB
//! PNG can declare 50,000 x 50,000 pixels, 10 GB decoded), an animation is measured
//! by what it draws (canvas x frames, read from its blocks by [`frames`]) before a
//! frame is decoded, and the copies made are
//! encoded afresh, so no metadata of the original (EXIF, GPS position, camera serial,
//! XMP, comments) reaches them. These are CPU-bound and blocking: callers run them on a
//! blocking worker, never on an async thread.

use image::codecs::gif::{GifDecoder, GifEncoder, Repeat};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::codecs::webp::WebPDecoder;
use image::{
    AnimationDecoder, DynamicImage, Frame, ImageDecoder, ImageEncoder, ImageError, ImageFormat,
    ImageReader, Limits,
};
use std::io::Cursor;

pub mod frames;

/// How large a picture may be, checked from its header before it is decoded.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// Longest side, in pixels.
    pub max_side: u32,
    /// Width times height.
    pub max_pixels: u64,
    /// Bytes the decoder may hold at once (the decoded picture counts).
    pub max_alloc: u64,
    /// Canvas pixels drawn in all, summed over every frame decoded: each frame of an
    /// animation is drawn on the whole canvas, so a few KB of one-pixel frames on a
    /// large canvas draw canvas x frames. A still picture draws its canvas once.
    pub max_drawn: u64,
}

impl Bounds {
    /// Photos from phones and cameras: up to 100 megapixels (a 108 MP phone sensor bins
    /// to 12 MP by default), 16,384 px a side, 512 MiB while decoding.
    pub const PHOTOS: Bounds = Bounds {
        max_side: 16_384,
        max_pixels: 100_000_000,
        max_alloc: 512 * 1024 * 1024,
        max_drawn: 100_000_000,
    };
}

/// Why a picture was not read.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not PNG, JPEG, GIF or WebP.
    Unsupported,
    /// Larger than the bounds say (a decompression bomb is one).
    TooLarge { width: u32, height: u32 },
    /// An animation whose frames together draw more than the bounds allow.
    TooMuchToDraw {
        width: u32,
        height: u32,
        frames: u64,
    },
    /// An animation of more frames than allowed.
    TooManyFrames { max: usize },
    /// Damaged or not what it claims to be.
    Broken(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Unsupported => f.write_str("not a PNG, JPEG, GIF or WebP picture"),
            Refusal::TooLarge { width, height } => {
                write!(
                    f,
                    "a picture of {width} x {height} pixels is larger than allowed"
                )
            }
            Refusal::TooMuchToDraw {
                width,
                height,
                frames,
            } => write!(
                f,
                "an animation of {frames} frames of {width} x {height} pixels draws more than allowed"
            ),
            Refusal::TooManyFrames { max } => {
                write!(f, "an animation of more than {max} frames")
            }
            Refusal::Broken(why) => write!(f, "the picture cannot be read: {why}"),
        }
    }
}

fn refusal(e: ImageError) -> Refusal {
    match e {
        ImageError::Limits(_) => Refusal::TooLarge {
            width: 0,
            height: 0,
        },
        ImageError::Unsupported(_) => Refusal::Unsupported,
        e => Refusal::Broken(e.to_string()),
    }
}

/// The format of `bytes` from their first bytes, if it is one natter reads.
pub fn format_of(bytes: &[u8]) -> Option<ImageFormat> {
    image::guess_format(bytes).ok().filter(|f| {
        matches!(
            f,
            ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP
        )
    })
}

fn limits(bounds: &Bounds) -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(bounds.max_side);
    limits.max_image_height = Some(bounds.max_side);
    limits.max_alloc = Some(bounds.max_alloc);
    limits
}

/// Decodes a still picture (the first frame of an animation) within `bounds`, turned
/// upright as its EXIF orientation says.
pub fn decode(bytes: &[u8], bounds: &Bounds) -> Result<DynamicImage, Refusal> {
    let format = format_of(bytes).ok_or(Refusal::Unsupported)?;
    let mut reader = ImageReader::new(Cursor::new(bytes));
    reader.set_format(format);
    reader.limits(limits(bounds));
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > bounds.max_pixels.min(bounds.max_drawn) {
        return Err(Refusal::TooLarge { width, height });
    }
    // A broken orientation tag is read as none: the picture itself is still fine.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|e| match refusal(e) {
        Refusal::TooLarge { .. } => Refusal::TooLarge { width, height },
        other => other,
    })?;
    picture.apply_orientation(orientation);
    Ok(picture)
}

/// An encoded copy of a picture.
#[derive(Debug, Clone)]
pub struct Encoded {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// `image/jpeg`, `image/png` or `image/gif`.
    pub content_type: &'static str,
}

/// `picture` shrunk to fit `max_side` x `max_side` (never enlarged) and encoded without
/// metadata: JPEG at quality 80 when it has no transparency, PNG when it has.
pub fn shrink(picture: &DynamicImage, max_side: u32) -> Result<Encoded, Refusal> {
    let small = if picture.width() > max_side || picture.height() > max_side {
        picture.thumbnail(max_side, max_side)
    } else {
        picture.clone()
    };
    encode_still(&small)
}

/// `picture` encoded without metadata (JPEG when opaque, PNG when not).
pub fn encode_still(picture: &DynamicImage) -> Result<Encoded, Refusal> {
    let (width, height) = (picture.width(), picture.height());
    let mut bytes = Vec::new();
    let content_type = if has_transparency(picture) {
        let rgba = picture.to_rgba8();
        PngEncoder::new_with_quality(&mut bytes, CompressionType::Default, FilterType::Adaptive)
            .write_image(&rgba, width, height, image::ExtendedColorType::Rgba8)
            .map_err(refusal)?;
        "image/png"
    } else {
        let rgb = picture.to_rgb8();
        JpegEncoder::new_with_quality(&mut bytes, 80)
            .write_image(&rgb, width, height, image::ExtendedColorType::Rgb8)
            .map_err(refusal)?;
        "image/jpeg"
    };
    Ok(Encoded {
        bytes,
        width,
        height,
        content_type,
    })
}

fn has_transparency(picture: &DynamicImage) -> bool {
    picture.color().has_alpha()
        && match picture {
            DynamicImage::ImageRgba8(p) => p.pixels().any(|px| px.0[3] < 255),
            DynamicImage::ImageLumaA8(p) => p.pixels().any(|px| px.0[1] < 255),
            other => other.to_rgba8().pixels().any(|px| px.0[3] < 255),
        }
}

/// A small picture such as a custom emoji: shrunk to fit `max_side`, an animated GIF or
/// WebP kept animated (as a GIF) when it has at most `max_frames` frames, anything else
/// as one still picture. An animation's frames and canvas are read from its blocks and
/// checked against `bounds.max_drawn` before any is decoded; then each frame is shrunk
/// as it is decoded (only the small copies are kept) and the canvas pixels drawn are
/// counted again, so a decoder that finds more than the blocks said stops there too.
pub fn small_picture(
    bytes: &[u8],
    bounds: &Bounds,
    max_side: u32,
    max_frames: usize,
) -> Result<Encoded, Refusal> {
    let format = format_of(bytes).ok_or(Refusal::Unsupported)?;
    let shape = match format {
        ImageFormat::Gif => frames::gif(bytes),
        ImageFormat::WebP => frames::webp(bytes),
        _ => None,
    };
    if let Some(shape) = shape {
        if shape.frames > max_frames as u64 {
            return Err(Refusal::TooManyFrames { max: max_frames });
        }
        if shape.drawn() > bounds.max_drawn {
            return Err(Refusal::TooMuchToDraw {
                width: shape.width,
                height: shape.height,
                frames: shape.frames,
            });
        }
    }
    // An animation's decoder, its canvas checked: GIF always, WebP when it is animated.
    let animation = match format {
        ImageFormat::Gif => {
            let mut decoder = GifDecoder::new(Cursor::new(bytes)).map_err(refusal)?;
            let canvas = checked(&mut decoder, bounds)?;
            Some((canvas, decoder.into_frames()))
        }
        ImageFormat::WebP => {
            let mut decoder = WebPDecoder::new(Cursor::new(bytes)).map_err(refusal)?;
            let canvas = checked(&mut decoder, bounds)?;
            decoder
                .has_animation()
                .then(|| (canvas, decoder.into_frames()))
        }
        _ => None,
    };
    let frames = match animation {
        Some((canvas, frames)) => {
            Some(shrunk_frames(frames, canvas, bounds, max_side, max_frames)?)
        }
        None => None,
    };
    match frames {
        Some(frames) if frames.len() > 1 => animated(frames),
        _ => shrink(&decode(bytes, bounds)?, max_side),
    }
}

/// Sets `bounds` on an animation's decoder and checks its canvas; its size.
fn checked(decoder: &mut impl ImageDecoder, bounds: &Bounds) -> Result<(u32, u32), Refusal> {
    let (width, height) = decoder.dimensions();
    if width > bounds.max_side
        || height > bounds.max_side
        || u64::from(width) * u64::from(height) > bounds.max_pixels.min(bounds.max_drawn)
    {
        return Err(Refusal::TooLarge { width, height });
    }
    decoder.set_limits(limits(bounds)).map_err(refusal)?;
    Ok((width, height))
}

/// The frames, each shrunk to fit `max_side` as soon as it is decoded (the canvas-sized
/// frame is dropped before the next is drawn), while the canvas pixels drawn stay
/// within `bounds.max_drawn` and the frames within `max_frames`.
fn shrunk_frames(
    frames: image::Frames<'_>,
    (width, height): (u32, u32),
    bounds: &Bounds,
    max_side: u32,
    max_frames: usize,
) -> Result<Vec<Frame>, Refusal> {
    let canvas = u64::from(width) * u64::from(height);
    let mut drawn = 0u64;
    let mut out = Vec::new();
    for frame in frames {
        if out.len() >= max_frames {
            return Err(Refusal::TooManyFrames { max: max_frames });
        }
        drawn = drawn.saturating_add(canvas);
        if drawn > bounds.max_drawn {
            return Err(Refusal::TooMuchToDraw {
                width,
                height,
                frames: out.len() as u64 + 1,
            });
        }
        let frame = frame.map_err(refusal)?;
        let delay = frame.delay();
        let whole = DynamicImage::ImageRgba8(frame.into_buffer());
        let small = if whole.width() > max_side || whole.height() > max_side {
            whole.thumbnail(max_side, max_side).into_rgba8()
        } else {
            whole.into_rgba8()
        };
        out.push(Frame::from_parts(small, 0, 0, delay));
    }
    Ok(out)
}

/// Frames (each already small, the whole canvas) encoded as a looping GIF.
fn animated(frames: Vec<Frame>) -> Result<Encoded, Refusal> {
    let mut bytes = Vec::new();
    let (mut width, mut height) = (0, 0);
    {
        let mut encoder = GifEncoder::new_with_speed(&mut bytes, 10);
        encoder.set_repeat(Repeat::Infinite).map_err(refusal)?;
        for frame in frames {
            (width, height) = frame.buffer().dimensions();
            encoder.encode_frame(frame).map_err(refusal)?;
        }
    }
    Ok(Encoded {
        bytes,
        width,
        height,
        content_type: "image/gif",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage, Rgba, RgbaImage};

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        DynamicImage::ImageRgb8(RgbImage::from_pixel(width, height, Rgb([200, 10, 10])))
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .expect("png");
        out
    }

    #[test]
    fn a_picture_shrinks_to_fit_and_keeps_its_shape() {
        let picture = decode(&png(800, 400), &Bounds::PHOTOS).expect("decoded");
        let small = shrink(&picture, 200).expect("shrunk");
        assert_eq!((small.width, small.height), (200, 100));
        assert_eq!(small.content_type, "image/jpeg");
        assert_eq!(format_of(&small.bytes), Some(ImageFormat::Jpeg));
        let same = shrink(&picture, 1000).expect("kept");
        assert_eq!((same.width, same.height), (800, 400));
    }

    #[test]
    fn a_picture_larger_than_the_bounds_is_refused_from_its_header() {
        let tight = Bounds {
            max_side: 100,
            max_pixels: 10_000,
            max_alloc: 1 << 20,
            max_drawn: 10_000,
        };
        assert!(matches!(
            decode(&png(101, 10), &tight),
            Err(Refusal::TooLarge { .. })
        ));
        let few_pixels = Bounds {
            max_side: 1000,
            max_pixels: 1000,
            max_alloc: 1 << 20,
            max_drawn: 1000,
        };
        assert_eq!(
            decode(&png(50, 50), &few_pixels).err(),
            Some(Refusal::TooLarge {
                width: 50,
                height: 50
            })
        );
        assert_eq!(
            decode(b"plain text", &tight).err(),
            Some(Refusal::Unsupported)
        );
    }

    #[test]
    fn transparency_is_kept_as_png_and_an_animation_stays_animated() {
        let mut clear = RgbaImage::from_pixel(300, 300, Rgba([0, 0, 0, 0]));
        clear.put_pixel(1, 1, Rgba([1, 2, 3, 255]));
        let small = shrink(&DynamicImage::ImageRgba8(clear), 64).expect("shrunk");
        assert_eq!(small.content_type, "image/png");

        let mut gif = Vec::new();
        {
            let mut encoder = GifEncoder::new(&mut gif);
            for shade in [0u8, 120, 240] {
                let frame = RgbaImage::from_pixel(256, 256, Rgba([shade, 0, 0, 255]));
                encoder.encode_frame(Frame::new(frame)).expect("frame");
            }
        }
        let emoji = small_picture(&gif, &Bounds::PHOTOS, 64, 10).expect("emoji");
        assert_eq!(emoji.content_type, "image/gif");
        assert_eq!((emoji.width, emoji.height), (64, 64));
        let frames = GifDecoder::new(Cursor::new(&emoji.bytes))
            .expect("gif")
            .into_frames()
            .count();
        assert_eq!(frames, 3);
        assert!(small_picture(&gif, &Bounds::PHOTOS, 64, 2).is_err());
    }

    /// A GIF of `frames` one-pixel frames on a `side` x `side` canvas, written by hand.
    fn one_pixel_frames(side: u16, frames: usize) -> Vec<u8> {
        let mut gif = b"GIF89a".to_vec();
        gif.extend_from_slice(&side.to_le_bytes());
        gif.extend_from_slice(&side.to_le_bytes());
        gif.extend_from_slice(&[0x80, 0, 0, 0, 0, 0, 255, 0, 0]);
        for _ in 0..frames {
            gif.extend_from_slice(&[0x21, 0xf9, 0x04, 0x04, 10, 0, 0, 0]);
            gif.extend_from_slice(&[0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0]);
            gif.extend_from_slice(&[0x02, 0x02, 0x44, 0x01, 0x00]);
        }
        gif.push(0x3b);
        gif
    }

    #[test]
    fn an_animation_is_bounded_by_what_it_draws_not_by_its_bytes() {
        let bounds = Bounds {
            max_side: 4096,
            max_pixels: 4096 * 4096,
            max_alloc: 64 << 20,
            max_drawn: 4_000_000,
        };
        let bomb = one_pixel_frames(1000, 200);
        assert!(bomb.len() < 5000);
        assert_eq!(
            small_picture(&bomb, &bounds, 128, 200).err(),
            Some(Refusal::TooMuchToDraw {
                width: 1000,
                height: 1000,
                frames: 200
            })
        );
        // Within what it may draw: kept, animated and small.
        let fine = small_picture(&one_pixel_frames(1000, 4), &bounds, 128, 200).expect("kept");
        assert_eq!(
            (fine.width, fine.height, fine.content_type),
            (128, 128, "image/gif")
        );
        assert_eq!(
            small_picture(&one_pixel_frames(10, 201), &bounds, 128, 200).err(),
            Some(Refusal::TooManyFrames { max: 200 })
        );
        // A still read draws the first frame only.
        let first = decode(&bomb, &Bounds::PHOTOS).expect("the first frame");
        assert_eq!((first.width(), first.height()), (1000, 1000));
    }
}
