//! Custom emoji: administrators add them (everyone with `--custom-emoji-by-everyone`),
//! bounded and shrunk, an animation kept animated; they are used as `:name:` in
//! messages and reactions; who added one or an administrator removes it, and what used
//! it keeps `:name:` as text.

use crate::chats::{group, send};
use crate::helpers::*;
use crate::team_server::operator_admin;
use image::codecs::gif::{GifDecoder, GifEncoder};
use image::{AnimationDecoder, DynamicImage, Frame, ImageFormat, Rgba, RgbaImage};
use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::io::Cursor;

fn png(side: u32) -> Vec<u8> {
    let mut out = Vec::new();
    DynamicImage::ImageRgba8(RgbaImage::from_pixel(side, side, Rgba([10, 200, 10, 255])))
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .expect("png");
    out
}

fn animated_gif(side: u32, frames: u8) -> Vec<u8> {
    let mut gif = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut gif);
        for n in 0..frames {
            let frame = RgbaImage::from_pixel(side, side, Rgba([n * 40, 0, 200, 255]));
            encoder.encode_frame(Frame::new(frame)).expect("frame");
        }
    }
    gif
}

/// Adds `name` with `image` as `auth`; the status and answer.
pub(crate) async fn add(
    app: &TestApp,
    auth: &str,
    name: &str,
    image: Vec<u8>,
) -> (StatusCode, Value) {
    let form = Form::new()
        .text("name", name.to_string())
        .part("image", Part::bytes(image).file_name("e.png"));
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

async fn delete(app: &TestApp, auth: &str, id: &Value) -> StatusCode {
    app.client
        .delete(format!("{}/api/emoji/{id}/", app.base))
        .header("Authorization", auth)
        .send()
        .await
        .expect("answered")
        .status()
}

async fn names(app: &TestApp, auth: &str) -> Vec<String> {
    let (status, list) = app.get("/api/emoji/", auth).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|e| e["name"].as_str().unwrap_or("").to_string())
        .collect()
}

#[tokio::test]
async fn administrators_add_emoji_and_others_may_not_by_default() {
    let app = TestApp::spawn().await;
    let boss = operator_admin(&app, "boss").await;
    let (_, ta) = app.register("alice").await;

    let (status, body) = add(&app, &ta, "shipit", png(64)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (_, list) = app.get("/api/emoji/", &ta).await;
    assert_eq!(list["may_add"], false);

    let (status, shipit) = add(&app, &boss, ":ShipIt:", png(300)).await;
    assert_eq!(status, StatusCode::CREATED, "{shipit}");
    assert_eq!(shipit["name"], "shipit");
    assert_eq!(
        (shipit["width"].clone(), shipit["height"].clone()),
        (json!(128), json!(128))
    );
    assert_eq!(names(&app, &ta).await, ["shipit"]);

    // Its image, for anyone signed in: shrunk.
    let url = shipit["url"].as_str().unwrap();
    let resp = app
        .client
        .get(format!("{}{url}", app.base))
        .header("Authorization", &ta)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let picture = image::load_from_memory(&resp.bytes().await.unwrap()).expect("a picture");
    assert_eq!((picture.width(), picture.height()), (128, 128));

    // Names: taken, a standard shortcode, bad characters; images: not one, too large.
    for (name, image, want) in [
        ("shipit", png(16), StatusCode::BAD_REQUEST),
        ("smile", png(16), StatusCode::BAD_REQUEST),
        ("ship it", png(16), StatusCode::BAD_REQUEST),
        ("notes", b"just text".to_vec(), StatusCode::BAD_REQUEST),
        (
            "huge",
            vec![0u8; 2 * 1024 * 1024],
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
    ] {
        let (status, body) = add(&app, &boss, name, image).await;
        assert_eq!(status, want, "{name}: {body}");
    }
    assert_eq!(names(&app, &ta).await, ["shipit"]);
}

#[tokio::test]
async fn with_the_setting_everyone_adds_and_only_the_adder_or_an_administrator_removes() {
    let app = TestApp::spawn_with(&["--custom-emoji-by-everyone"]).await;
    let boss = operator_admin(&app, "boss").await;
    let (_, ta) = app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    let (_, list) = app.get("/api/emoji/", &ta).await;
    assert_eq!(list["may_add"], true);

    let (status, parrot) = add(&app, &ta, "party_parrot", animated_gif(200, 4)).await;
    assert_eq!(status, StatusCode::CREATED, "{parrot}");
    assert_eq!(parrot["content_type"], "image/gif");
    let resp = app
        .client
        .get(format!("{}{}", app.base, parrot["url"].as_str().unwrap()))
        .header("Authorization", &tb)
        .send()
        .await
        .unwrap();
    let frames = GifDecoder::new(Cursor::new(resp.bytes().await.unwrap().to_vec()))
        .expect("a gif")
        .into_frames()
        .collect_frames()
        .expect("frames");
    assert_eq!(frames.len(), 4, "the animation was kept");
    assert!(frames.iter().all(|f| f.buffer().width() <= 128));

    // The adder's personal export lists it.
    let export = app
        .client
        .get(format!("{}/api/account/export/", app.base))
        .header("Authorization", &ta)
        .send()
        .await
        .expect("export");
    assert_eq!(export.status(), StatusCode::OK);
    let bytes = export.bytes().await.expect("bytes").to_vec();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut listed = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("custom_emoji.json").expect("listed"),
        &mut listed,
    )
    .expect("UTF-8");
    let listed: Value = serde_json::from_str(&listed).expect("JSON");
    assert_eq!(listed[0]["name"], "party_parrot", "{listed}");

    let (_, other) = add(&app, &ta, "other", png(32)).await;
    assert_eq!(
        delete(&app, &tb, &parrot["id"]).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        delete(&app, &ta, &parrot["id"]).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        delete(&app, &boss, &other["id"]).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        delete(&app, &boss, &other["id"]).await,
        StatusCode::NOT_FOUND
    );
    assert!(names(&app, &tb).await.is_empty());
}

#[tokio::test]
async fn reactions_take_custom_emoji_and_keep_their_name_once_removed() {
    let app = TestApp::spawn().await;
    let boss = operator_admin(&app, "boss").await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let chat = group(&app, &ta, "ship", &[b]).await;
    let said = send(&app, &ta, chat, "ready :party_parrot_dance: go").await;
    let react = format!("/messages/api/messages/{}/reactions/", said["id"]);

    // Longer than ten characters: only once the emoji exists.
    let long = ":party_parrot_dance:";
    let (status, body) = app.post(&react, &tb, json!({"emoji": long})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, emoji) = add(&app, &boss, "party_parrot_dance", png(64)).await;
    assert_eq!(status, StatusCode::CREATED, "{emoji}");
    let (status, body) = app.post(&react, &tb, json!({"emoji": long})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = app.post(&react, &tb, json!({"emoji": "\u{1F44D}"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // Removed: the message and its reaction keep the name as text.
    assert_eq!(
        delete(&app, &boss, &emoji["id"]).await,
        StatusCode::NO_CONTENT
    );
    let (_, page) = app
        .get(&format!("/messages/api/chats/{chat}/messages/"), &ta)
        .await;
    let shown = &page["results"][0];
    assert_eq!(shown["content"], "ready :party_parrot_dance: go");
    let emojis: Vec<&str> = shown["reactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["emoji"].as_str().unwrap())
        .collect();
    assert!(emojis.contains(&long), "{shown}");
    // A new reaction with it is refused again.
    let (status, _) = app.post(&react, &ta, json!({"emoji": long})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
