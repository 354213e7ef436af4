//! Messages sent later (`/messages/api/scheduled/`): sent once at its time as its
//! sender, changed and cancelled before, kept across a restart of the binary, sent once
//! by two nodes sharing PostgreSQL and NATS, and not sent into a chat its sender left
//! (the row failed with the reason, the sender told on their socket).

use crate::chats::{group, send};
use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::time::Duration;

/// An RFC 3339 time `ms` milliseconds from now, in Berlin's offset as a browser there
/// would send it.
fn in_ms(ms: i64) -> String {
    let t = chrono::Utc::now() + chrono::Duration::milliseconds(ms);
    t.with_timezone(&chrono::FixedOffset::east_opt(3600).expect("an offset"))
        .to_rfc3339()
}

async fn schedule(app: &TestApp, auth: &str, body: Value) -> (StatusCode, Value) {
    app.post("/messages/api/scheduled/", auth, body).await
}

async fn list(app: &TestApp, auth: &str) -> Vec<Value> {
    let (status, body) = app.get("/messages/api/scheduled/", auth).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["results"].as_array().cloned().unwrap_or_default()
}

async fn history(app: &TestApp, auth: &str, chat: i64) -> Vec<String> {
    let (status, page) = app
        .get(&format!("/messages/api/chats/{chat}/messages/"), auth)
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["results"]
        .as_array()
        .map(|r| {
            r.iter()
                .filter_map(|m| m["content"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// The `new_message` frames' texts in `chat` that arrive on `ws` within `within`.
async fn sent_within(ws: &mut Socket, chat: i64, within: Duration) -> Vec<String> {
    let mut got = Vec::new();
    let until = tokio::time::Instant::now() + within;
    while let Some(left) = until.checked_duration_since(tokio::time::Instant::now()) {
        match try_next_json(ws, left).await {
            Some(f) if f["type"] == "new_message" && f["chat_id"] == chat => {
                got.push(f["message"]["content"].as_str().unwrap_or("").to_string())
            }
            Some(_) => {}
            None => break,
        }
    }
    got
}

#[tokio::test]
async fn a_message_is_sent_once_at_its_time_and_can_be_changed_or_cancelled_before() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("ann").await;
    let (bob, tb) = app.register("bob").await;
    let (_, tc) = app.register("carol").await;
    let chat = group(&app, &ta, "ops", &[bob]).await;
    let root = send(&app, &tb, chat, "the release thread").await["id"]
        .as_i64()
        .expect("an id");

    // Refused: no chat of hers, a time past or too far, blank text.
    let (status, _) = schedule(
        &app,
        &tc,
        json!({"chat_id": chat, "content": "hi", "send_at": in_ms(60_000)}),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for (body, field) in [
        (
            json!({"chat_id": chat, "content": "hi", "send_at": in_ms(-1_000)}),
            "send_at",
        ),
        (
            json!({"chat_id": chat, "content": "hi", "send_at": in_ms(121 * 24 * 3_600_000)}),
            "send_at",
        ),
        (
            json!({"chat_id": chat, "content": "hi", "send_at": "tomorrow at 9"}),
            "send_at",
        ),
        (
            json!({"chat_id": chat, "content": "  ", "send_at": in_ms(60_000)}),
            "content",
        ),
    ] {
        let (status, answer) = schedule(&app, &ta, body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
        assert!(answer["details"][field].is_array(), "{answer}");
    }

    let mut bobs = app.socket("/messages/ws/", &tb).await;
    let (status, first) = schedule(
        &app,
        &ta,
        json!({"chat_id": chat, "content": "draft text", "send_at": in_ms(60_000), "thread_id": root}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    assert_eq!(first["state"], "scheduled");
    assert!(
        first["send_at"].as_str().unwrap_or("").ends_with('Z'),
        "{first}"
    );
    let (status, cancelled) = schedule(
        &app,
        &ta,
        json!({"chat_id": chat, "content": "never to be sent", "send_at": in_ms(1_500)}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{cancelled}");
    // Another person's row is not found; hers changes and cancels.
    let first_path = format!("/messages/api/scheduled/{}/", first["id"]);
    let cancelled_path = format!("/messages/api/scheduled/{}/", cancelled["id"]);
    assert_eq!(app.get(&first_path, &tb).await.0, StatusCode::NOT_FOUND);
    let (status, changed) = app
        .call(
            Method::PATCH,
            &first_path,
            Some(&ta),
            Some(json!({"content": "final text", "send_at": in_ms(1_500)})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["content"], "final text");
    let (status, _) = app
        .call(Method::DELETE, &cancelled_path, Some(&ta), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    // Sent once, as ann, into the thread; the cancelled one never.
    let frame = wait_for(&mut bobs, |f| f["type"] == "new_message").await;
    // A reply in a thread carries its quote line, as any reply sent there does.
    let text = frame["message"]["content"].as_str().unwrap_or("");
    assert!(text.ends_with("\n\nfinal text"), "{frame}");
    assert_eq!(frame["message"]["sender"]["username"], "ann");
    assert_eq!(frame["message"]["thread_id"], root);
    assert!(sent_within(&mut bobs, chat, Duration::from_millis(2_500))
        .await
        .is_empty());
    let rows = list(&app, &ta).await;
    let sent = rows
        .iter()
        .find(|r| r["id"] == first["id"])
        .expect("listed");
    assert_eq!(sent["state"], "sent");
    assert_eq!(sent["message_id"], frame["message"]["id"]);
    let gone = rows
        .iter()
        .find(|r| r["id"] == cancelled["id"])
        .expect("listed");
    assert_eq!(gone["state"], "cancelled");
    // Neither changes any more.
    let (status, body) = app
        .call(
            Method::PATCH,
            &first_path,
            Some(&ta),
            Some(json!({"content": "late"})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["details"]["state"].is_array(), "{body}");
    assert_eq!(
        app.call(Method::DELETE, &cancelled_path, Some(&ta), None)
            .await
            .0,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn a_message_waits_across_a_restart_of_the_binary_and_is_sent_once() {
    let mut app = TestApp::spawn().await;
    let (_, ta) = app.register("ann").await;
    let (bob, tb) = app.register("bob").await;
    let chat = group(&app, &ta, "ops", &[bob]).await;
    let (status, row) = schedule(
        &app,
        &ta,
        json!({"chat_id": chat, "content": "after the restart", "send_at": in_ms(2_500)}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{row}");
    app.kill_and_restart();
    let mut bobs = app.socket("/messages/ws/", &tb).await;
    let got = sent_within(&mut bobs, chat, Duration::from_secs(6)).await;
    assert_eq!(got, vec!["after the restart"]);
    assert_eq!(history(&app, &tb, chat).await, vec!["after the restart"]);
    assert_eq!(list(&app, &ta).await[0]["state"], "sent");
}

#[tokio::test]
async fn a_message_is_not_sent_into_a_chat_its_sender_left() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("ann").await;
    let (bob, tb) = app.register("bob").await;
    let chat = group(&app, &ta, "ops", &[bob]).await;
    let (status, row) = schedule(
        &app,
        &tb,
        json!({"chat_id": chat, "content": "bob was here", "send_at": in_ms(1_500)}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{row}");
    let mut bobs = app.socket("/messages/ws/", &tb).await;
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/messages/api/chats/{chat}/members/{bob}/remove/"),
            Some(&ta),
            None,
        )
        .await;
    assert!(status.is_success(), "{status}");
    let told = wait_for(&mut bobs, |f| f["type"] == "scheduled_failed").await;
    assert_eq!(told["scheduled_id"], row["id"]);
    assert_eq!(told["reason"], "You are no longer in this chat.");
    let rows = list(&app, &tb).await;
    assert_eq!(rows[0]["state"], "failed");
    assert_eq!(rows[0]["failure"], "You are no longer in this chat.");
    assert_eq!(rows[0]["message_id"], Value::Null);
    assert!(history(&app, &ta, chat).await.is_empty());
}

#[tokio::test]
async fn two_nodes_send_each_scheduled_message_once() {
    let Some(c) = crate::cluster::cluster_or_skip("two_nodes_send_each_scheduled_message_once")
    else {
        return;
    };
    let (_, ta) = c.a.register("ann").await;
    let (bob, tb) = c.a.register("bob").await;
    let chat = group(&c.a, &ta, "ops", &[bob]).await;
    let mut on_a = c.a.socket("/messages/ws/", &tb).await;
    let mut on_b = c.b.socket("/messages/ws/", &tb).await;
    let mut want = Vec::new();
    for i in 0..5 {
        let node = if i % 2 == 0 { &c.a } else { &c.b };
        let text = format!("later {i}");
        let (status, row) = schedule(
            node,
            &ta,
            json!({"chat_id": chat, "content": text, "send_at": in_ms(1_500)}),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{row}");
        want.push(text);
    }
    let mut got_a = sent_within(&mut on_a, chat, Duration::from_secs(5)).await;
    let mut got_b = sent_within(&mut on_b, chat, Duration::from_millis(1_000)).await;
    got_a.sort();
    got_b.sort();
    assert_eq!(got_a, want);
    assert_eq!(got_b, want);
    let mut stored = history(&c.b, &tb, chat).await;
    stored.sort();
    assert_eq!(stored, want, "each sent once");
}

#[tokio::test]
async fn the_personal_export_holds_the_persons_scheduled_messages() {
    use std::io::Read;
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("ann").await;
    let chat = group(&app, &ta, "notes", &[]).await;
    let (status, row) = schedule(
        &app,
        &ta,
        json!({"chat_id": chat, "content": "remember the milk", "send_at": in_ms(3_600_000)}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{row}");
    let answer = app
        .client
        .get(format!("{}/api/account/export/", app.base))
        .header("Authorization", &ta)
        .send()
        .await
        .expect("export");
    assert_eq!(answer.status(), 200);
    let bytes = answer.bytes().await.expect("bytes").to_vec();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut text = String::new();
    zip.by_name("scheduled.json")
        .expect("scheduled.json")
        .read_to_string(&mut text)
        .expect("UTF-8");
    let items: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(items[0]["id"], row["id"]);
    assert_eq!(items[0]["chat"], chat);
    assert_eq!(items[0]["content"], "remember the milk");
    assert_eq!(items[0]["state"], "scheduled");
    assert_eq!(items[0]["send_at"], row["send_at"]);
}
