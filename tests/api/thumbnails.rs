//! Thumbnails of uploaded images: a phone photo written sideways with its GPS position
//! in EXIF is shown upright, and what is served to others carries none of its metadata,
//! while its downloader gets it as sent; a decompression bomb is refused, not decoded;
//! thumbnails are made on the worker while requests go on; a page kept in memory shows
//! thumbnails made after the message was sent.

use crate::chats::group;
use crate::helpers::*;
use image::{DynamicImage, GenericImageView, ImageFormat, Rgb, RgbImage};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::io::{Cursor, Write};

/// What the EXIF block carries besides its orientation, to be looked for in served bytes.
const SECRET: &[u8] = b"NATTER-GPS-SECRET";

/// A TIFF entry: tag, type, count, value (or offset), little-endian.
fn entry(out: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32) {
    out.extend_from_slice(&tag.to_le_bytes());
    out.extend_from_slice(&kind.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&value.to_le_bytes());
}

/// An APP1 EXIF segment: orientation 6 (turn 90 degrees clockwise to show), a GPS IFD
/// with a latitude reference, and an image description holding [`SECRET`].
fn exif_segment() -> Vec<u8> {
    let mut tiff = b"II*\0".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    // IFD0 at 8: three entries (2 + 3 * 12 + 4 = 42 bytes), then the description at 50,
    // then the GPS IFD.
    let description_at = 8 + 42;
    let gps_at = description_at + SECRET.len() as u32 + 1;
    tiff.extend_from_slice(&3u16.to_le_bytes());
    entry(
        &mut tiff,
        0x010e,
        2,
        SECRET.len() as u32 + 1,
        description_at,
    );
    entry(&mut tiff, 0x0112, 3, 1, 6);
    entry(&mut tiff, 0x8825, 4, 1, gps_at);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(SECRET);
    tiff.push(0);
    tiff.extend_from_slice(&1u16.to_le_bytes());
    entry(&mut tiff, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0"));
    tiff.extend_from_slice(&0u32.to_le_bytes());
    let mut body = b"Exif\0\0".to_vec();
    body.extend_from_slice(&tiff);
    let mut segment = vec![0xff, 0xe1];
    segment.extend_from_slice(&(body.len() as u16 + 2).to_be_bytes());
    segment.extend_from_slice(&body);
    segment
}

/// A 1600 x 1200 JPEG, left half red and right half blue, with [`exif_segment`] right
/// after its start: a camera held upright that wrote the picture sideways.
fn sideways_photo() -> Vec<u8> {
    let picture = RgbImage::from_fn(1600, 1200, |x, _| {
        if x < 800 {
            Rgb([220, 20, 20])
        } else {
            Rgb([20, 20, 220])
        }
    });
    let mut jpeg = Vec::new();
    DynamicImage::ImageRgb8(picture)
        .write_to(&mut Cursor::new(&mut jpeg), ImageFormat::Jpeg)
        .expect("jpeg");
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&exif_segment());
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A grey PNG declaring 20,000 x 20,000 pixels (400 megapixels, 400 MB decoded) that
/// packs to about 400 KB: every row all zeros, deflated.
fn bomb() -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }
    let side: u32 = 20_000;
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = side.to_be_bytes().to_vec();
    header.extend_from_slice(&side.to_be_bytes());
    header.extend_from_slice(&[8, 0, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &header);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let row = vec![0u8; side as usize + 1];
    for _ in 0..side {
        z.write_all(&row).expect("deflate");
    }
    chunk(&mut png, b"IDAT", &z.finish().expect("deflate"));
    chunk(&mut png, b"IEND", &[]);
    png
}

/// The bytes at `path` as `auth` sees them, with the status and content type.
async fn bytes_of(app: &TestApp, path: &str, auth: &str) -> (StatusCode, String, Vec<u8>) {
    let resp = app
        .client
        .get(format!("{}{path}", app.base))
        .header("Authorization", auth)
        .send()
        .await
        .expect("answered");
    let status = resp.status();
    let kind = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, kind, resp.bytes().await.expect("body").to_vec())
}

/// Uploads `bytes` as `name` and sends it to `chat`; the sent message.
async fn send_picture(app: &TestApp, auth: &str, chat: i64, name: &str, bytes: Vec<u8>) -> Value {
    let (status, file) = upload(app, auth, name, "image/jpeg", bytes).await;
    assert_eq!(status, StatusCode::CREATED, "{file}");
    let (status, sent) = app
        .post(
            &format!("/messages/api/chats/{chat}/messages/"),
            auth,
            json!({"content": "look", "attachment_ids": [file["id"]]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    sent
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn a_sideways_photo_is_shown_upright_and_its_thumbnails_carry_no_metadata() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let chat = group(&app, &ta, "photos", &[b]).await;
    let photo = sideways_photo();
    assert!(contains(&photo, SECRET) && contains(&photo, b"Exif"));
    let sent = send_picture(&app, &ta, chat, "IMG_0001.jpg", photo.clone()).await;

    // The message as sent and as a page shows it: upright size, both thumbnails.
    let (status, page) = app
        .get(&format!("/messages/api/chats/{chat}/messages/"), &tb)
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let shown = page["results"]
        .as_array()
        .and_then(|r| r.iter().find(|m| m["id"] == sent["id"]))
        .expect("the message is on the page")["attachments"][0]
        .clone();
    assert_eq!(sent["attachments"][0], shown, "sent and read alike");
    assert_eq!(
        (shown["width"].clone(), shown["height"].clone()),
        (json!(1200), json!(1600))
    );
    let sides: Vec<(i64, i64, i64)> = shown["thumbnails"]
        .as_array()
        .expect("thumbnails")
        .iter()
        .map(|t| {
            (
                t["side"].as_i64().unwrap(),
                t["width"].as_i64().unwrap(),
                t["height"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(sides, vec![(360, 270, 360), (1280, 960, 1280)], "{shown}");

    // Each thumbnail, as bob fetches it: upright (red above blue) and without EXIF.
    for thumb in shown["thumbnails"].as_array().unwrap() {
        let url = thumb["url"].as_str().unwrap();
        let (status, kind, bytes) = bytes_of(&app, url, &tb).await;
        assert_eq!(status, StatusCode::OK, "{url}");
        assert_eq!(kind, "image/jpeg");
        assert!(
            !contains(&bytes, SECRET),
            "{url} carries the EXIF description"
        );
        assert!(!contains(&bytes, b"Exif"), "{url} carries an EXIF block");
        let picture = image::load_from_memory(&bytes).expect("a picture");
        let (w, h) = picture.dimensions();
        assert_eq!(
            (i64::from(w), i64::from(h)),
            (
                thumb["width"].as_i64().unwrap(),
                thumb["height"].as_i64().unwrap()
            )
        );
        let top = picture.get_pixel(w / 2, h / 8).0;
        let bottom = picture.get_pixel(w / 2, h * 7 / 8).0;
        assert!(
            top[0] > 150 && top[2] < 100,
            "{url}: the top is not red: {top:?}"
        );
        assert!(
            bottom[2] > 150 && bottom[0] < 100,
            "{url}: the bottom is not blue: {bottom:?}"
        );
    }

    // The original, downloaded, is what was sent.
    let (status, _, original) = bytes_of(&app, shown["url"].as_str().unwrap(), &tb).await;
    assert_eq!(status, StatusCode::OK);
    assert!(original == photo, "the download is not the upload");

    // Another side than those listed, and someone outside the chat: the same 404.
    let file = shown["id"].as_i64().unwrap();
    let (_, tc) = app.register("carol").await;
    for (path, auth) in [
        (format!("/api/files/{file}/thumbnail/361/"), &tb),
        (format!("/api/files/{file}/thumbnail/360/"), &tc),
        (format!("/api/files/{}/thumbnail/360/", file + 100), &tb),
    ] {
        let (status, _, _) = bytes_of(&app, &path, auth).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    let (status, _, _) = bytes_of(&app, &format!("/api/files/{file}/thumbnail/x/"), &tb).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_decompression_bomb_is_stored_as_a_file_but_never_decoded() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, _) = app.register("bob").await;
    let chat = group(&app, &ta, "bombs", &[b]).await;
    let bomb = bomb();
    assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
    let before = rss_kib(app.pid());
    let sent = send_picture(&app, &ta, chat, "bomb.png", bomb).await;
    let file = &sent["attachments"][0];
    assert_eq!(file["width"], Value::Null, "{file}");
    assert_eq!(file["thumbnails"], json!([]), "{file}");
    // Decoding it would have taken 400 MB at least.
    let after = rss_kib(app.pid());
    assert!(
        after < before + 100 * 1024,
        "the server grew from {before} to {after} KiB"
    );
    // And the server goes on answering.
    let (status, _) = app.get("/messages/api/chats/", &ta).await;
    assert_eq!(status, StatusCode::OK);
}

/// Big photos uploaded at once are read two at a time on blocking threads, never on
/// the async workers that answer requests: reads asked while they are being read are
/// all answered before the last upload is, and every photo gets its thumbnails.
#[tokio::test]
async fn thumbnails_are_made_on_the_worker_while_requests_go_on() {
    let app = TestApp::spawn_with(&["--rate-limits", "off"]).await;
    let (_, ta) = app.register("alice").await;
    let (b, _) = app.register("bob").await;
    let chat = group(&app, &ta, "big", &[b]).await;
    let mut seed = 7u32;
    let noisy = RgbImage::from_fn(3000, 2000, |_, _| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let [_, x, y, z] = seed.to_le_bytes();
        Rgb([x, y, z])
    });
    let photos: Vec<Vec<u8>> = (0..4u8)
        .map(|i| {
            let mut photo = noisy.clone();
            photo.put_pixel(0, 0, Rgb([i, i, i]));
            let mut jpeg = Vec::new();
            DynamicImage::ImageRgb8(photo)
                .write_to(&mut Cursor::new(&mut jpeg), ImageFormat::Jpeg)
                .expect("jpeg");
            jpeg
        })
        .collect();
    let uploads =
        futures_util::future::join_all(photos.into_iter().enumerate().map(|(i, bytes)| {
            let (app, ta) = (&app, &ta);
            async move {
                let (status, file) =
                    upload(app, ta, &format!("p{i}.jpg"), "image/jpeg", bytes).await;
                assert_eq!(status, StatusCode::CREATED, "{file}");
                (std::time::Instant::now(), file["id"].clone())
            }
        }));
    let reads = async {
        for _ in 0..5 {
            let (status, _) = app.get("/messages/api/chats/", &ta).await;
            assert_eq!(status, StatusCode::OK);
        }
        std::time::Instant::now()
    };
    let (uploaded, reads_done) = tokio::join!(uploads, reads);
    let last_upload = uploaded.iter().map(|(at, _)| *at).max().expect("uploads");
    assert!(reads_done < last_upload, "the reads waited for the photos");

    let ids: Vec<Value> = uploaded.into_iter().map(|(_, id)| id).collect();
    let (status, sent) = app
        .post(
            &format!("/messages/api/chats/{chat}/messages/"),
            &ta,
            json!({"content": "four", "attachment_ids": ids}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    for file in sent["attachments"].as_array().expect("attachments") {
        assert_eq!(
            (file["width"].clone(), file["height"].clone()),
            (json!(3000), json!(2000)),
            "{file}"
        );
        assert_eq!(
            file["thumbnails"].as_array().map(Vec::len),
            Some(2),
            "{file}"
        );
    }
}

/// A page kept in memory shows a picture's size and thumbnails recorded after its
/// message was sent (the sweep's case: a picture looked at late): the record moves the
/// version of every chat holding the file. The record is written by another process on
/// the same SQLite file, as `natter import` would, so only the trigger can tell.
#[tokio::test]
async fn a_kept_page_shows_thumbnails_recorded_after_the_send() {
    if crate::pg::suite_on_postgres() {
        return; // the other process here is a SQLite connection; the PostgreSQL trigger is the same statement
    }
    let at = format!("127.0.0.1:{}", crate::metrics::free_port());
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--metrics-listen", &at]).await;
    let metrics = format!("http://{at}/metrics");
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let chat = group(&app, &ta, "late", &[b]).await;
    // A BMP: natter makes no thumbnails of it, so none exist when it is sent.
    let (status, file) = upload(
        &app,
        &ta,
        "scan.bmp",
        "image/bmp",
        b"BM not really".to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{file}");
    let (status, sent) = app
        .post(
            &format!("/messages/api/chats/{chat}/messages/"),
            &ta,
            json!({"content": "scan", "attachment_ids": [file["id"]]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    let page = format!("/messages/api/chats/{chat}/messages/");
    let hits = |text: &str| crate::metrics::value(text, "natter_ready_page_hits_total");

    let (_, first) = app.get(&page, &tb).await;
    let before = hits(&crate::metrics::scrape(&app, &metrics).await);
    let (_, kept) = app.get(&page, &tb).await;
    assert_eq!(
        hits(&crate::metrics::scrape(&app, &metrics).await),
        before + 1.0,
        "not kept"
    );
    assert_eq!(first, kept);
    assert_eq!(kept["results"][0]["attachments"][0]["width"], Value::Null);

    let db = rusqlite::Connection::open(app.db_path()).expect("open the database");
    db.execute_batch(&format!(
        "INSERT INTO file_images (file_id, width, height) VALUES ({id}, 640, 480);
         INSERT INTO file_thumbnails (file_id, side, width, height, content_type, content)
         VALUES ({id}, 360, 360, 270, 'image/jpeg', x'ffd8ffd9');",
        id = file["id"]
    ))
    .expect("recorded");
    let (_, read) = app.get(&page, &tb).await;
    let shown = &read["results"][0]["attachments"][0];
    assert_eq!(
        (shown["width"].clone(), shown["height"].clone()),
        (json!(640), json!(480)),
        "{shown}"
    );
    assert_eq!(shown["thumbnails"][0]["side"], 360);
}
