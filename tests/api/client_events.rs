//! What the web client needs from the server beyond the seeds: profile pictures others
//! can load, and the chats socket telling members about a rename and a removal.

use crate::chats::{group, send};
use crate::helpers::*;
use crate::private_or_missing::http;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A file id no table holds.
const MISSING: i64 = 999_999;

/// Sets the caller's profile image through the messenger surface, as the web client does.
async fn set_image(app: &TestApp, auth: &str, image: &str) {
    let (status, body) = app
        .call(
            Method::PATCH,
            "/profiles/api/profile/",
            Some(auth),
            Some(json!({"image": image})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

async fn uploaded(app: &TestApp, auth: &str, name: &str, mime: &str, bytes: &[u8]) -> i64 {
    let (status, file) = upload(app, auth, name, mime, bytes.to_vec()).await;
    assert_eq!(status, StatusCode::CREATED, "{file}");
    file["id"].as_i64().expect("a file id")
}

/// Asserts that `auth` gets, for both paths of file `id`, exactly the answer (status,
/// headers but `Date`, bytes) given for a file that does not exist.
async fn looks_missing(app: &TestApp, auth: &str, id: i64) {
    for path in [
        |id: i64| format!("/api/files/{id}/"),
        |id: i64| format!("/api/files/{id}/download/"),
    ] {
        let missing = http(app, Method::GET, &path(MISSING), Some(auth), None).await;
        assert_eq!(missing.status, 404, "{}", missing.body);
        let answer = http(app, Method::GET, &path(id), Some(auth), None).await;
        assert_eq!(answer, missing, "{}", path(id));
    }
}

#[tokio::test]
async fn another_user_loads_a_profile_image_but_no_other_file_of_its_owner() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    let (_, tc) = app.register("carol").await;
    let picture = b"\x89PNG\r\n\x1a\nnot really a picture".to_vec();
    let avatar = uploaded(&app, &ta, "me.png", "image/png", &picture).await;
    let secret = uploaded(&app, &ta, "secret.txt", "text/plain", b"secret").await;
    // Before it is her picture, alice's upload is hers alone.
    looks_missing(&app, &tb, avatar).await;

    set_image(&app, &ta, &format!("/api/files/{avatar}/download/")).await;
    let resp = app
        .client
        .get(format!("{}/api/files/{avatar}/download/", app.base))
        .header("Authorization", &tb)
        .send()
        .await
        .expect("download");
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.bytes().await.expect("bytes").as_ref(), &picture[..]);
    let (status, meta) = app.get(&format!("/api/files/{avatar}/"), &tc).await;
    assert_eq!((status, &meta["id"]), (StatusCode::OK, &json!(avatar)));
    // Her other file stays private, byte for byte like a missing one.
    looks_missing(&app, &tb, secret).await;
    // Signed-in users only.
    let anonymous = http(
        &app,
        Method::GET,
        &format!("/api/files/{avatar}/download/"),
        None,
        None,
    )
    .await;
    assert_eq!(anonymous.status, 401);

    // Naming someone else's file as your picture opens nothing.
    set_image(&app, &tc, &format!("/api/files/{secret}/download/")).await;
    looks_missing(&app, &tb, secret).await;
    looks_missing(&app, &tc, secret).await;

    // The path without its trailing slash names the file too.
    set_image(&app, &ta, &format!("/api/files/{secret}/download")).await;
    let (status, _) = app
        .get(&format!("/api/files/{secret}/download/"), &tb)
        .await;
    assert_eq!(status, StatusCode::OK);
    // A picture no longer in use is private again.
    looks_missing(&app, &tb, avatar).await;
    set_image(&app, &ta, "").await;
    looks_missing(&app, &tb, secret).await;
}

/// The chat as `auth` reads it through `GET /messages/api/chats/{id}/`, without the
/// reader's own `unread_count` (which an event to every member cannot carry).
async fn detail_without_unread(app: &TestApp, auth: &str, chat: i64) -> Value {
    let (status, mut body) = app.get(&format!("/messages/api/chats/{chat}/"), auth).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body.as_object_mut()
        .expect("an object")
        .retain(|key, _| key != "unread_count" && key != "channel_unread_count");
    body
}

#[tokio::test]
async fn a_rename_reaches_other_members_all_chats_sockets() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (c, tc) = app.register("carol").await;
    let g = group(&app, &ta, "before", &[b]).await;
    let mut bob = app.socket("/messages/ws/", &tb).await;
    let mut bob_one = app.socket(&format!("/messages/ws/chats/{g}/"), &tb).await;
    let mut carol = app.socket("/messages/ws/", &tc).await;

    for (method, title) in [(Method::PATCH, "after"), (Method::PUT, "after again")] {
        let (status, body) = app
            .call(
                method,
                &format!("/messages/api/chats/{g}/"),
                Some(&ta),
                Some(json!({"title": title})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let expected = detail_without_unread(&app, &tb, g).await;
        assert_eq!(expected["title"], title);
        for socket in [&mut bob, &mut bob_one] {
            let frame = next_json(socket).await;
            assert_eq!(
                frame,
                json!({"type": "chat_updated", "chat_id": g, "chat": expected})
            );
            let keys: Vec<&str> = frame
                .as_object()
                .unwrap()
                .keys()
                .map(|k| k.as_str())
                .collect();
            assert_eq!(keys, ["type", "chat_id", "chat"]);
        }
    }
    // Someone not in the chat hears nothing of it.
    assert_quiet(&mut carol).await;

    // A direct chat without a title is named after the other member, for each reader.
    let (status, dm) = app
        .post(
            "/messages/api/chats/",
            &tb,
            json!({"chat_type": "dm", "member_ids": [c]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{dm}");
    let dm = dm["id"].as_i64().unwrap();
    let (status, body) = app
        .call(
            Method::PATCH,
            &format!("/messages/api/chats/{dm}/"),
            Some(&tb),
            Some(json!({"description": "us two"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    for (socket, auth) in [(&mut bob, &tb), (&mut carol, &tc)] {
        let frame = wait_for(socket, |f| f["type"] == "chat_updated").await;
        assert_eq!(frame["chat"], detail_without_unread(&app, auth, dm).await);
    }
}

/// `DELETE /messages/api/chats/{chat}/members/{user}/remove/` as `auth`; 204.
async fn remove(app: &TestApp, auth: &str, chat: i64, user: i64) {
    let path = format!("/messages/api/chats/{chat}/members/{user}/remove/");
    let (status, body) = app.call(Method::DELETE, &path, Some(auth), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
}

#[tokio::test]
async fn a_removed_member_all_chats_socket_gets_the_removal_frame() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (c, tc) = app.register("carol").await;
    let g = group(&app, &ta, "g", &[b, c]).await;
    let mut alice = app.socket("/messages/ws/", &ta).await;
    let mut bob = app.socket("/messages/ws/", &tb).await;
    let mut carol = app.socket("/messages/ws/", &tc).await;

    // Removed by an admin: bob's own socket is told, as are the others'.
    remove(&app, &ta, g, b).await;
    let removed = json!({"type": "member_left", "chat_id": g, "user_id": b});
    for socket in [&mut bob, &mut alice, &mut carol] {
        assert_eq!(next_json(socket).await, removed);
    }

    // Leaving: carol's own socket is told too.
    remove(&app, &tc, g, c).await;
    let left = json!({"type": "member_left", "chat_id": g, "user_id": c});
    for socket in [&mut carol, &mut alice] {
        assert_eq!(next_json(socket).await, left);
    }

    // That was the chat's last frame for them.
    send(&app, &ta, g, "still here").await;
    let frame = next_json(&mut alice).await;
    assert_eq!(
        (&frame["type"], &frame["message"]["sender"]["id"]),
        (&json!("new_message"), &json!(a))
    );
    assert_quiet(&mut bob).await;
    assert_quiet(&mut carol).await;
}
