//! What an animation will draw, read from its blocks without decoding a pixel: its
//! canvas and how many frames it has. A GIF or WebP of a few KB can hold hundreds of
//! one-pixel frames on a large canvas, and every frame is drawn on the whole canvas
//! when it is decoded, so the cost is canvas x frames, not the file's size. Reading the
//! blocks walks the file once; the LZW and VP8 data are skipped, not decoded.

/// An animation's canvas and frame count, as its blocks declare them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub width: u32,
    pub height: u32,
    /// Frames the file holds (1 for a still picture); frames after a damaged block are
    /// not counted, and a decoder stops there too.
    pub frames: u64,
}

impl Shape {
    /// Canvas pixels drawn to decode every frame.
    pub fn drawn(&self) -> u64 {
        u64::from(self.width)
            .saturating_mul(u64::from(self.height))
            .saturating_mul(self.frames.max(1))
    }
}

/// A GIF's logical screen and the number of its image descriptors; None when it is not
/// a GIF.
pub fn gif(bytes: &[u8]) -> Option<Shape> {
    if bytes.len() < 13 || !(bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a")) {
        return None;
    }
    let width = u32::from(u16::from_le_bytes([bytes[6], bytes[7]]));
    let height = u32::from(u16::from_le_bytes([bytes[8], bytes[9]]));
    let mut at = 13 + color_table(bytes[10]);
    let mut frames = 0u64;
    while let Some(&block) = bytes.get(at) {
        match block {
            // An extension: introducer, label, then data sub-blocks.
            0x21 => at = skip_sub_blocks(bytes, at + 2),
            // An image descriptor: 10 bytes, a local colour table, the LZW code size,
            // then the picture's data sub-blocks.
            0x2c => {
                frames += 1;
                let Some(&packed) = bytes.get(at + 9) else {
                    break;
                };
                at = skip_sub_blocks(bytes, at + 10 + color_table(packed) + 1);
            }
            // The trailer, or something no decoder reads past.
            _ => break,
        }
    }
    Some(Shape {
        width,
        height,
        frames,
    })
}

/// Bytes of the colour table a packed field declares.
fn color_table(packed: u8) -> usize {
    match packed & 0x80 {
        0 => 0,
        _ => 3 << ((packed & 0x07) + 1),
    }
}

/// Where the byte after the sub-blocks starting at `at` is (past the end when cut short).
fn skip_sub_blocks(bytes: &[u8], mut at: usize) -> usize {
    while let Some(&len) = bytes.get(at) {
        at += 1;
        if len == 0 {
            return at;
        }
        at += usize::from(len);
    }
    usize::MAX
}

/// A WebP's canvas and the number of its `ANMF` chunks (1 for a still picture); None
/// when it is not a WebP.
pub fn webp(bytes: &[u8]) -> Option<Shape> {
    if bytes.len() < 12 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WEBP" {
        return None;
    }
    let mut at = 12usize;
    let (mut width, mut height, mut frames) = (0u32, 0u32, 0u64);
    while let Some(head) = bytes.get(at..at.saturating_add(8)) {
        let size = u32::from_le_bytes([head[4], head[5], head[6], head[7]]) as usize;
        let body = &bytes[(at + 8).min(bytes.len())..];
        let body = &body[..size.min(body.len())];
        match &head[0..4] {
            b"VP8X" if body.len() >= 10 => {
                let u24 = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], 0]) + 1;
                width = u24(&body[4..7]);
                height = u24(&body[7..10]);
            }
            b"ANMF" => frames += 1,
            // A still picture without VP8X: its size is the frame's own.
            b"VP8 " if body.len() >= 10 && width == 0 => {
                width = u32::from(u16::from_le_bytes([body[6], body[7]]) & 0x3fff);
                height = u32::from(u16::from_le_bytes([body[8], body[9]]) & 0x3fff);
            }
            b"VP8L" if body.len() >= 5 && width == 0 => {
                let bits = u32::from_le_bytes([body[1], body[2], body[3], body[4]]);
                width = (bits & 0x3fff) + 1;
                height = ((bits >> 14) & 0x3fff) + 1;
            }
            _ => {}
        }
        at = at.saturating_add(8).saturating_add(size + (size & 1));
    }
    Some(Shape {
        width,
        height,
        frames: frames.max(1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::codecs::gif::GifEncoder;
    use image::{Frame, Rgba, RgbaImage};

    #[test]
    fn a_gifs_frames_are_counted_from_its_blocks() {
        let mut bytes = Vec::new();
        {
            let mut encoder = GifEncoder::new(&mut bytes);
            for shade in [0u8, 80, 160, 240] {
                let frame = RgbaImage::from_pixel(30, 20, Rgba([shade, 0, 0, 255]));
                encoder.encode_frame(Frame::new(frame)).expect("frame");
            }
        }
        assert_eq!(
            gif(&bytes),
            Some(Shape {
                width: 30,
                height: 20,
                frames: 4
            })
        );
        assert_eq!(gif(&bytes).map(|s| s.drawn()), Some(30 * 20 * 4));
        assert_eq!(gif(b"not a gif at all"), None);
        // Cut short: what was read is counted, nothing runs past the end.
        let cut = gif(&bytes[..bytes.len() / 2]).expect("a gif");
        assert!(cut.frames < 4);
    }

    #[test]
    fn a_webps_canvas_and_frames_are_read_from_its_chunks() {
        let chunk = |kind: &[u8], body: &[u8]| {
            let mut out = kind.to_vec();
            out.extend_from_slice(&(body.len() as u32).to_le_bytes());
            out.extend_from_slice(body);
            if body.len() % 2 == 1 {
                out.push(0);
            }
            out
        };
        let mut vp8x = vec![0x02, 0, 0, 0];
        vp8x.extend_from_slice(&[0xe7, 0x03, 0x00]); // 999 + 1
        vp8x.extend_from_slice(&[0x1f, 0x00, 0x00]); // 31 + 1
        let mut body = b"WEBP".to_vec();
        body.extend(chunk(b"VP8X", &vp8x));
        body.extend(chunk(b"ANIM", &[0; 6]));
        for _ in 0..3 {
            body.extend(chunk(b"ANMF", &[0; 17]));
        }
        let mut bytes = b"RIFF".to_vec();
        bytes.extend_from_slice(&(body.len() as u32).to_le_bytes());
        bytes.extend(body);
        assert_eq!(
            webp(&bytes),
            Some(Shape {
                width: 1000,
                height: 32,
                frames: 3
            })
        );
        assert_eq!(webp(b"RIFF\0\0\0\0WEBX"), None);
    }
}
