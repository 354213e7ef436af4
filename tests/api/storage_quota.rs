//! Room for uploads, through the real binary: each person's files fit in
//! `--storage-quota-mb` (a 507 in the surface's shape past it, the usage on the account),
//! uploads stop before the disk keeps less than `--min-free-disk-mb` free (messages do
//! not), and uploads no message holds (never sent, or their message deleted) go after
//! `--unattached-uploads-kept`, their bytes only when no other file shares them.

use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const KIB: usize = 1024;

async fn uploaded(app: &TestApp, auth: &str, name: &str, bytes: &[u8]) -> i64 {
    let (status, file) = upload(app, auth, name, "text/plain", bytes.to_vec()).await;
    assert_eq!(status, StatusCode::CREATED, "{file}");
    file["id"].as_i64().expect("a file id")
}

/// Where natter keeps `bytes` in its media folder.
fn blob(app: &TestApp, bytes: &[u8]) -> PathBuf {
    app.dir
        .path()
        .join("media")
        .join(hex::encode(Sha256::digest(bytes)))
}

/// The names in the media folder (none when it was never made).
fn media_files(app: &TestApp) -> Vec<String> {
    match std::fs::read_dir(app.dir.path().join("media")) {
        Ok(entries) => entries
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect(),
        Err(_) => Vec::new(),
    }
}

async fn account(app: &TestApp, auth: &str) -> Value {
    let (status, me) = app.get("/api/account/", auth).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    me
}

async fn room(app: &TestApp, auth: &str) -> i64 {
    let (status, room) = app
        .post("/api/rooms/", auth, json!({"name": "Files"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{room}");
    room["id"].as_i64().expect("a room id")
}

async fn download_status(app: &TestApp, auth: &str, id: i64) -> (StatusCode, Vec<u8>) {
    let resp = app
        .client
        .get(format!("{}/api/files/{id}/download/", app.base))
        .header("Authorization", auth)
        .send()
        .await
        .expect("download sent");
    let status = resp.status();
    (status, resp.bytes().await.expect("body").to_vec())
}

#[tokio::test]
async fn an_upload_past_the_quota_is_a_507_and_the_account_shows_the_usage() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--storage-quota-mb", "1"]).await;
    let (_, ta) = app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    let me = account(&app, &ta).await;
    assert_eq!(
        (&me["storage_used_bytes"], &me["storage_quota_bytes"]),
        (&json!(0), &json!(1024 * 1024)),
        "{me}"
    );

    let first = vec![b'a'; 700 * KIB];
    uploaded(&app, &ta, "first.txt", &first).await;
    let me = account(&app, &ta).await;
    assert_eq!(me["storage_used_bytes"], json!(700 * KIB), "{me}");

    // Past the quota: new content, and the same content again (each upload counts).
    for bytes in [vec![b'b'; 400 * KIB], first.clone()] {
        let (status, body) = upload(&app, &ta, "more.txt", "text/plain", bytes).await;
        assert_eq!(status, 507, "{body}");
        assert_eq!(body["error"], "insufficient_storage", "{body}");
        assert_eq!(body["details"], json!({}), "{body}");
        let message = body["message"].as_str().expect("a message");
        assert!(
            message.contains("your files take 0.7 MB of your 1.0 MB"),
            "{message}"
        );
    }
    assert_eq!(media_files(&app), vec![hex::encode(Sha256::digest(&first))]);
    let me = account(&app, &ta).await;
    assert_eq!(me["storage_used_bytes"], json!(700 * KIB), "{me}");

    // A quota is each person's own.
    uploaded(&app, &tb, "bobs.txt", &vec![b'c'; 700 * KIB]).await;
    // The account page's own update answers with the usage too.
    let (status, updated) = app
        .call(
            Method::PATCH,
            "/api/account/",
            Some(&ta),
            Some(json!({"display_name": "Alice"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["storage_used_bytes"], json!(700 * KIB), "{updated}");
}

#[tokio::test]
async fn a_nearly_full_disk_refuses_uploads_with_a_507_but_not_messages() {
    let app = TestApp::spawn_with(&[
        "--rate-limits",
        "off",
        "--min-free-disk-mb",
        "100000000",
        "--storage-quota-mb",
        "0",
    ])
    .await;
    let (_, ta) = app.register("alice").await;
    let me = account(&app, &ta).await;
    assert_eq!(me["storage_quota_bytes"], Value::Null, "{me}");

    let (status, body) = upload(&app, &ta, "a.txt", "text/plain", b"hello".to_vec()).await;
    assert_eq!(status, 507, "{body}");
    assert_eq!(
        body,
        json!({
            "error": "insufficient_storage",
            "message": "The server's disk is nearly full: uploads are refused until an \
                        administrator frees space.",
            "details": {},
        })
    );
    assert!(media_files(&app).is_empty(), "{:?}", media_files(&app));

    let room = room(&app, &ta).await;
    let (status, sent) = app
        .post(
            &format!("/api/rooms/{room}/messages/"),
            &ta,
            json!({"content": "messages still go"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
}

#[tokio::test]
async fn unattached_uploads_go_after_the_time_kept_and_attached_ones_stay() {
    let app =
        TestApp::spawn_with(&["--rate-limits", "off", "--unattached-uploads-kept", "2s"]).await;
    // A Matrix app in an encrypted room uploads a file, then sends it inside ciphertext
    // natter cannot read: the upload stays (first, so it is the oldest of all).
    let (_, tb) = app.register("bob").await;
    let sealed_away = uploaded(&app, &tb, "sealed.bin", b"a file's ciphertext").await;
    let bob = crate::matrix_http::token_of(&crate::matrix_http::sign_in(&app, "bob", None).await);
    let made =
        crate::matrix_http::post(&app, &bob, "/createRoom", json!({"name": "Secrets"})).await;
    let matrix_room = made.body["room_id"].as_str().expect("a room").to_string();
    let sent = crate::matrix_http::put(
        &app,
        &bob,
        &format!("/rooms/{matrix_room}/send/m.room.encrypted/f1"),
        json!({"algorithm": "m.megolm.v1.aes-sha2", "ciphertext": "AwgA"}),
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let (_, ta) = app.register("alice").await;
    let room = room(&app, &ta).await;
    let shared = b"attached, and uploaded once more".as_slice();
    let attached = uploaded(&app, &ta, "attached.txt", shared).await;
    let (status, sent) = app
        .post(
            &format!("/api/rooms/{room}/messages/"),
            &ta,
            json!({"content": "see file", "attachments": [attached]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    let avatar = uploaded(&app, &ta, "me.png", b"a profile image").await;
    let (status, body) = app
        .call(
            Method::PATCH,
            "/profiles/api/profile/",
            Some(&ta),
            Some(json!({"image": format!("/api/files/{avatar}/download/")})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let lonely_bytes = b"never attached".as_slice();
    let lonely = uploaded(&app, &ta, "lonely.txt", lonely_bytes).await;
    let copy = uploaded(&app, &ta, "copy.txt", shared).await;
    // A file whose message was deleted is held by none any more.
    let orphan = uploaded(&app, &ta, "orphan.txt", b"sent, then deleted").await;
    let (status, sent) = app
        .post(
            &format!("/api/rooms/{room}/messages/"),
            &ta,
            json!({"content": "oops", "attachments": [orphan]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    let message = sent["id"].as_i64().expect("a message id");
    let (status, body) = app
        .call(
            Method::DELETE,
            &format!("/api/messages/{message}/"),
            Some(&ta),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");

    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let lonely_gone = download_status(&app, &ta, lonely).await.0 == StatusCode::NOT_FOUND;
        let copy_gone = download_status(&app, &ta, copy).await.0 == StatusCode::NOT_FOUND;
        let orphan_gone = download_status(&app, &ta, orphan).await.0 == StatusCode::NOT_FOUND;
        if lonely_gone && copy_gone && orphan_gone && !blob(&app, lonely_bytes).exists() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the unattached uploads are still there after 20 s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // The attached file keeps its bytes, which the removed copy shared; the profile image
    // stays though no message holds it.
    assert_eq!(
        download_status(&app, &ta, attached).await,
        (StatusCode::OK, shared.to_vec())
    );
    assert!(blob(&app, shared).exists());
    assert_eq!(download_status(&app, &ta, avatar).await.0, StatusCode::OK);
    assert_eq!(
        download_status(&app, &tb, sealed_away).await.0,
        StatusCode::OK
    );
    // A removed upload cannot be attached any more.
    let (status, body) = app
        .post(
            &format!("/api/rooms/{room}/messages/"),
            &ta,
            json!({"content": "too late", "attachments": [lonely]}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(
        body["details"],
        json!({"attachments": [format!("File id {lonely} not found.")]})
    );
}

#[test]
fn bad_storage_settings_stop_natter_before_it_serves() {
    for args in [
        ["--unattached-uploads-kept", "0s"],
        ["--unattached-uploads-kept", "10"],
        ["--unattached-uploads-kept", "2d"],
        ["--storage-quota-mb", "1073741825"],
        ["--min-free-disk-mb", "lots"],
    ] {
        let out = Command::new(crate::helpers::natter_bin())
            .args(["--listen", "127.0.0.1:0", "--db", ":memory:"])
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("natter runs");
        assert!(!out.status.success(), "{args:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains(args[0]), "{args:?}: {said}");
    }
}
