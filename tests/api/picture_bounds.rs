//! A picture's cost is bounded by what it draws, not by its bytes: a GIF of a few KB
//! holding 200 one-pixel frames on a 1000 x 1000 canvas draws 200 megapixels when it is
//! decoded frame by frame (800 MB as RGBA). As a custom emoji it is refused with a 400
//! before a frame is drawn; as a message's file its thumbnails draw only the first
//! frame. The server's peak memory (`VmHWM`) is measured around both, and a legitimate
//! animated emoji is still kept animated.

use crate::helpers::*;
use crate::team_server::operator_admin;
use image::codecs::gif::{GifDecoder, GifEncoder};
use image::{AnimationDecoder, Frame, Rgba, RgbaImage};
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;
use serde_json::Value;
use std::io::Cursor;

/// The most the server's peak memory may rise while it refuses the emoji and makes the
/// file's thumbnails.
const MOST_RISE_KIB: u64 = 64 * 1024;

/// A GIF written by hand: a `side` x `side` logical screen and `frames` frames of one
/// pixel each, at its top left corner, a tenth of a second apart.
fn one_pixel_frames(side: u16, frames: usize) -> Vec<u8> {
    let mut gif = b"GIF89a".to_vec();
    gif.extend_from_slice(&side.to_le_bytes());
    gif.extend_from_slice(&side.to_le_bytes());
    // A global colour table of two colours, background 0, no aspect ratio.
    gif.extend_from_slice(&[0x80, 0, 0, 0, 0, 0, 255, 0, 0]);
    // Loop for ever.
    gif.extend_from_slice(b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00");
    for _ in 0..frames {
        // Graphic control: keep, 10/100 s.
        gif.extend_from_slice(&[0x21, 0xf9, 0x04, 0x04, 10, 0, 0, 0]);
        // Image descriptor: at 0,0, 1 x 1, no local table.
        gif.extend_from_slice(&[0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0]);
        // LZW: code size 2; clear, colour 0, end.
        gif.extend_from_slice(&[0x02, 0x02, 0x44, 0x01, 0x00]);
    }
    gif.push(0x3b);
    gif
}

/// An ordinary animation: `frames` frames of `side` x `side`, each its own colour.
fn animation(side: u32, frames: u8) -> Vec<u8> {
    let mut gif = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut gif);
        for n in 0..frames {
            let frame = RgbaImage::from_pixel(side, side, Rgba([n * 12, 90, 200, 255]));
            encoder.encode_frame(Frame::new(frame)).expect("frame");
        }
    }
    gif
}

/// The peak resident memory of process `pid` so far, in KiB (`VmHWM`).
fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    status
        .lines()
        .find_map(|l| {
            l.strip_prefix("VmHWM:")?
                .trim()
                .strip_suffix(" kB")?
                .parse()
                .ok()
        })
        .expect("VmHWM")
}

/// Adds the custom emoji `name` with `image` as `auth`; the status and answer.
async fn add_emoji(app: &TestApp, auth: &str, name: &str, image: Vec<u8>) -> (StatusCode, Value) {
    let form = Form::new()
        .text("name", name.to_string())
        .part("image", Part::bytes(image).file_name("e.gif"));
    let resp = app
        .client
        .post(format!("{}/api/emoji/", app.base))
        .header("Authorization", auth)
        .multipart(form)
        .send()
        .await
        .expect("answered");
    let status = resp.status();
    let text = resp.text().await.expect("body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

#[tokio::test]
async fn many_frames_on_a_large_canvas_are_refused_before_they_are_drawn() {
    let app = TestApp::spawn().await;
    let boss = operator_admin(&app, "boss").await;
    let bomb = one_pixel_frames(1000, 200);
    assert!(bomb.len() < 5 * 1024, "{} bytes", bomb.len());
    // The file is what it claims: 200 frames on a 1000 x 1000 canvas.
    let first = GifDecoder::new(Cursor::new(&bomb))
        .expect("a gif")
        .into_frames()
        .next()
        .expect("a frame")
        .expect("decoded");
    assert_eq!(first.buffer().dimensions(), (1000, 1000));

    let before = peak_kib(app.pid());
    let (emoji_status, emoji) = add_emoji(&app, &boss, "drawn_too_much", bomb.clone()).await;
    // As a message's file: kept as sent, its thumbnail drawn from the first frame only.
    let (file_status, file) = upload(&app, &boss, "bomb.gif", "image/gif", bomb).await;
    let after = peak_kib(app.pid());
    assert!(
        after.saturating_sub(before) < MOST_RISE_KIB,
        "the peak memory rose by {} KiB (from {before} to {after} KiB)",
        after.saturating_sub(before)
    );
    assert_eq!(emoji_status, StatusCode::BAD_REQUEST, "{emoji}");
    assert!(
        emoji.to_string().contains("megapixels"),
        "the answer says why: {emoji}"
    );
    assert_eq!(file_status, StatusCode::CREATED, "{file}");
    let chat = crate::chats::group(&app, &boss, "pictures", &[]).await;
    let (status, sent) = app
        .post(
            &format!("/messages/api/chats/{chat}/messages/"),
            &boss,
            serde_json::json!({"content": "look", "attachment_ids": [file["id"]]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    let shown = &sent["attachments"][0];
    assert_eq!(
        (shown["width"].as_i64(), shown["height"].as_i64()),
        (Some(1000), Some(1000)),
        "{shown}"
    );
    assert_eq!(shown["thumbnails"][0]["side"], 360, "{shown}");
    let (_, list) = app.get("/api/emoji/", &boss).await;
    assert_eq!(list["results"], serde_json::json!([]), "{list}");

    // An ordinary animated emoji is still taken, and kept animated.
    let (status, parrot) = add_emoji(&app, &boss, "ship_it_spin", animation(300, 20)).await;
    assert_eq!(status, StatusCode::CREATED, "{parrot}");
    assert_eq!(parrot["content_type"], "image/gif");
    let resp = app
        .client
        .get(format!(
            "{}{}",
            app.base,
            parrot["url"].as_str().expect("url")
        ))
        .header("Authorization", &boss)
        .send()
        .await
        .expect("answered");
    let frames = GifDecoder::new(Cursor::new(resp.bytes().await.expect("bytes").to_vec()))
        .expect("a gif")
        .into_frames()
        .collect_frames()
        .expect("frames");
    assert_eq!(frames.len(), 20);
    assert!(frames.iter().all(|f| f.buffer().width() == 128));
}
