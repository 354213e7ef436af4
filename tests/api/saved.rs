//! Saved messages through the binary: each person's own list, across chats; only a
//! member saves; a chat the person left (or a deleted message) leaves the item on the
//! list as unavailable, without its text; bad times are 400s; a reminder comes once, on
//! the person's sockets only and by mail to them, and one due while the server was down
//! comes once it is back.

use crate::helpers::*;
use crate::mail::{natter_mailing, person};
use crate::mail_sink::{MailSink, SinkOptions};
use crate::pins::{group, send};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::time::Duration;

async fn save(app: &TestApp, auth: &str, body: Value) -> (StatusCode, Value) {
    app.post("/messages/api/saved/", auth, body).await
}

async fn list(app: &TestApp, auth: &str) -> Value {
    let (status, body) = app.get("/messages/api/saved/", auth).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

/// An RFC 3339 time `secs` from now.
fn in_secs(secs: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::seconds(secs)).to_rfc3339()
}

#[tokio::test]
async fn saved_messages_are_each_persons_own_and_a_left_chat_shows_unavailable() {
    let app = TestApp::spawn().await;
    let (ann, ta) = app.register("ann").await;
    let (_, tb) = app.register("bob").await;
    let (_, tc) = app.register("carol").await;
    let chat = group(&app, &tb, "office", &[ann]).await;
    let wifi = send(&app, &tb, chat, "Wi-Fi: natter-guest / hunter2").await;

    // Only a member saves; someone else gets the 404 of a message that is not there.
    let (status, outside) = save(&app, &tc, json!({"message_id": wifi})).await;
    let (missing_status, missing) = save(&app, &tc, json!({"message_id": 999_999})).await;
    assert_eq!((status, &outside), (missing_status, &missing));
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, item) = save(&app, &ta, json!({"message_id": wifi})).await;
    assert_eq!(status, StatusCode::CREATED, "{item}");
    assert_eq!(
        (
            &item["available"],
            &item["chat_id"],
            &item["chat_title"],
            &item["remind_at"]
        ),
        (&json!(true), &json!(chat), &json!("office"), &Value::Null)
    );
    assert_eq!(item["message"]["content"], "Wi-Fi: natter-guest / hunter2");

    // Private: bob's list and carol's are empty; nobody else reads or removes ann's item.
    assert_eq!(list(&app, &tb).await["count"], 0);
    let (status, _) = app.get(&format!("/messages/api/saved/{wifi}/"), &tc).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/messages/api/saved/{wifi}/"),
            Some(&tb),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let mine = list(&app, &ta).await;
    assert_eq!(mine["count"], 1, "{mine}");

    // Bad input: a time that is not one, a missing id, a missing field on PATCH.
    for body in [
        json!({"message_id": wifi, "remind_at": "tomorrow"}),
        json!({"message_id": wifi, "remind_at": 12}),
        json!({"message_id": wifi, "remind_at": [1]}),
        json!({"remind_at": in_secs(60)}),
        json!({"message_id": "x"}),
    ] {
        let (status, answer) = save(&app, &ta, body.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body} -> {answer}");
    }
    let path = format!("/messages/api/saved/{wifi}/");
    let (status, _) = app
        .call(Method::PATCH, &path, Some(&ta), Some(json!({})))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // A reminder set and cleared.
    let at = in_secs(3600);
    let (status, item) = app
        .call(
            Method::PATCH,
            &path,
            Some(&ta),
            Some(json!({"remind_at": at})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{item}");
    assert!(item["remind_at"].as_str().is_some(), "{item}");
    let (status, item) = app
        .call(
            Method::PATCH,
            &path,
            Some(&ta),
            Some(json!({"remind_at": null})),
        )
        .await;
    assert_eq!((status, &item["remind_at"]), (StatusCode::OK, &Value::Null));

    // ann is taken out of the chat: the item stays, unavailable, with no text of it.
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/messages/api/chats/{chat}/members/{ann}/remove/"),
            Some(&tb),
            None,
        )
        .await;
    assert!(status.is_success(), "{status}");
    let mine = list(&app, &ta).await;
    let item = &mine["results"][0];
    assert_eq!(
        (
            &item["message_id"],
            &item["available"],
            &item["message"],
            &item["chat_title"]
        ),
        (&json!(wifi), &json!(false), &Value::Null, &Value::Null),
        "{item}"
    );
    assert!(!mine.to_string().contains("hunter2"), "{mine}");
    // Its reminder cannot be set any more; it can be taken off the list.
    let (status, _) = app
        .call(
            Method::PATCH,
            &path,
            Some(&ta),
            Some(json!({"remind_at": in_secs(60)})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app.call(Method::DELETE, &path, Some(&ta), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app.call(Method::DELETE, &path, Some(&ta), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(list(&app, &ta).await["count"], 0);
}

/// Saves `message` for `auth` with a reminder a second from now, and answers the mail
/// the sink then receives (the first).
async fn reminded_by_mail(app: &TestApp, sink: &MailSink, auth: &str, message: i64) -> Value {
    let (status, item) = save(
        app,
        auth,
        json!({"message_id": message, "remind_at": in_secs(1)}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{item}");
    sink.until(1).await.swap_remove(0)
}

#[tokio::test]
async fn a_reminder_is_mailed_in_the_language_its_person_chose() {
    let Some(sink) = MailSink::start_with_or_skip("reminder-de", SinkOptions::default()) else {
        return;
    };
    let app = natter_mailing(&sink, &[]).await;
    let (ann, ta) = person(&app, "ann", "ann@example.org", "Ann").await;
    let (_, tb) = person(&app, "bob", "bob@example.org", "Bob").await;
    let (status, body) = app
        .call(
            Method::PUT,
            "/messages/api/me/language/",
            Some(&ta),
            Some(json!({"language": "de"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let chat = group(&app, &tb, "Betrieb", &[ann]).await;
    let message = send(&app, &tb, chat, "Zertifikat erneuern").await;
    let mail = reminded_by_mail(&app, &sink, &ta, message).await;
    assert_eq!(mail["subject"], "Erinnerung: eine Nachricht in Betrieb");
    let text = mail["text"].as_str().unwrap_or_default();
    assert!(
        text.starts_with("Hallo Ann,")
            && text.contains("Du wolltest an diese Nachricht in Betrieb erinnert werden:")
            && text.contains("Zertifikat erneuern"),
        "{text}"
    );
}

/// Fails if a `reminder` frame comes on `ws` within `within`.
async fn no_reminder_within(ws: &mut Socket, within: Duration) {
    let until = tokio::time::Instant::now() + within;
    while let Some(left) = until.checked_duration_since(tokio::time::Instant::now()) {
        match try_next_json(ws, left).await {
            Some(f) => assert_ne!(f["type"], "reminder", "{f}"),
            None => return,
        }
    }
}

#[tokio::test]
async fn a_reminder_comes_once_by_mail_or_on_the_persons_open_sockets() {
    let Some(sink) = MailSink::start_with_or_skip("reminders", SinkOptions::default()) else {
        return;
    };
    let app = natter_mailing(&sink, &[]).await;
    let (ann, ta) = person(&app, "ann", "ann@example.org", "Ann").await;
    let (_, tb) = person(&app, "bob", "bob@example.org", "Bob").await;
    let chat = group(&app, &tb, "ops <team>", &[ann]).await;
    let message = send(&app, &tb, chat, "renew the certificate & the <b>domain</b>").await;
    let mut bobs = app.socket("/messages/ws/", &tb).await;

    // No tab of ann's is open: the reminder is mailed to her, once.
    let mail = reminded_by_mail(&app, &sink, &ta, message).await;
    assert_eq!(mail["rcpt_tos"], json!(["ann@example.org"]));
    assert_eq!(mail["subject"], "Reminder: a message in ops <team>");
    let text = mail["text"].as_str().unwrap_or_default();
    assert!(
        text.contains("renew the certificate & the <b>domain</b>"),
        "{text}"
    );
    assert!(text.contains(&format!("/m/{chat}/{message}")), "{text}");
    let html = mail["html"].as_str().unwrap_or_default();
    assert!(
        html.contains("&lt;b&gt;domain&lt;/b&gt;") && !html.contains("<b>domain"),
        "{html}"
    );
    let mine = list(&app, &ta).await;
    assert!(
        mine["results"][0]["reminded_at"].as_str().is_some(),
        "{mine}"
    );
    // bob's socket never carries ann's reminder.
    no_reminder_within(&mut bobs, Duration::from_millis(300)).await;

    // With a tab open, the reminder comes there, once, and no mail is added.
    let mut anns = app.socket("/messages/ws/", &ta).await;
    let second = send(&app, &tb, chat, "and the DNS glue").await;
    let (status, _) = save(
        &app,
        &ta,
        json!({"message_id": second, "remind_at": in_secs(1)}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let frame = wait_for(&mut anns, |f| f["type"] == "reminder").await;
    assert_eq!(
        frame,
        json!({"type": "reminder", "chat_id": chat, "message_id": second, "user_id": ann})
    );
    // Three rounds of the loop pass with nothing more: no second frame, no second mail.
    no_reminder_within(&mut anns, Duration::from_secs(3)).await;
    sink.assert_at_most_within(1, Duration::from_millis(100))
        .await;
    no_reminder_within(&mut bobs, Duration::from_millis(100)).await;
}

#[tokio::test]
async fn a_reminder_due_while_the_server_was_down_comes_once_it_is_back() {
    let Some(sink) = MailSink::start_with_or_skip("reminder-restart", SinkOptions::default())
    else {
        return;
    };
    let mut app = natter_mailing(&sink, &[]).await;
    let (_, ta) = person(&app, "ann", "ann@example.org", "Ann").await;
    let chat = group(&app, &ta, "ops", &[]).await;
    let message = send(&app, &ta, chat, "check the backups").await;
    let (status, item) = save(
        &app,
        &ta,
        json!({"message_id": message, "remind_at": in_secs(2)}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{item}");
    app.kill();
    // Down past its time (the reminder's clock is the wall clock, not the server's).
    let due = chrono::Utc::now() + chrono::Duration::seconds(2);
    while chrono::Utc::now() < due {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.start_again();
    // No tab of hers is open (a live frame would reach only a socket open at that
    // moment): the mail is the channel that waits for her, and it comes once.
    let mails = sink.until(1).await;
    assert_eq!(mails[0]["subject"], "Reminder: a message in ops");
    sink.assert_at_most_within(1, Duration::from_secs(3)).await;
    let mine = list(&app, &ta).await;
    assert!(!mine["results"][0]["reminded_at"].is_null(), "{mine}");
}

/// The `reminder` frames that come on `ws` within `within`, as message ids.
async fn reminders_within(ws: &mut Socket, within: Duration) -> Vec<i64> {
    let mut got = Vec::new();
    let until = tokio::time::Instant::now() + within;
    while let Some(left) = until.checked_duration_since(tokio::time::Instant::now()) {
        match try_next_json(ws, left).await {
            Some(f) if f["type"] == "reminder" => got.push(f["message_id"].as_i64().unwrap_or(0)),
            Some(_) => {}
            None => break,
        }
    }
    got.sort_unstable();
    got
}

#[tokio::test]
async fn with_two_nodes_pins_cross_and_each_reminder_comes_once() {
    let Some(c) =
        crate::cluster::cluster_or_skip("with_two_nodes_pins_cross_and_each_reminder_comes_once")
    else {
        return;
    };
    let (_, ta) = c.a.register("ann").await;
    let (bob, tb) = c.a.register("bob").await;
    let chat = group(&c.a, &ta, "ops", &[bob]).await;
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(send(&c.a, &ta, chat, &format!("line {i}")).await);
    }

    // A pin made through node a reaches bob's socket on node b.
    let mut bobs = c.b.socket("/messages/ws/", &tb).await;
    let (status, body) =
        c.a.post(
            &format!("/messages/api/messages/{}/pin/", ids[0]),
            &ta,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let frame = wait_for(&mut bobs, |f| f["type"] == "message_pinned").await;
    assert_eq!(
        (&frame["message_id"], &frame["pin_count"]),
        (&json!(ids[0]), &json!(1))
    );

    // ann has a tab on each node; both nodes run the reminder loop. Each reminder comes
    // once to each tab: neither node sends one the other sent.
    let mut on_a = c.a.socket("/messages/ws/", &ta).await;
    let mut on_b = c.b.socket("/messages/ws/", &ta).await;
    let at = in_secs(1);
    for id in &ids {
        let (status, body) = save(&c.b, &ta, json!({"message_id": id, "remind_at": at})).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let mut want = ids.clone();
    want.sort_unstable();
    assert_eq!(
        reminders_within(&mut on_a, Duration::from_secs(5)).await,
        want
    );
    assert_eq!(
        reminders_within(&mut on_b, Duration::from_millis(500)).await,
        want
    );
}

/// The zip's `name` entry as JSON.
fn zip_json(bytes: &[u8], name: &str) -> Value {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect(name)
        .read_to_string(&mut text)
        .expect("UTF-8");
    serde_json::from_str(&text).expect("JSON")
}

async fn personal_export(app: &TestApp, auth: &str) -> Vec<u8> {
    let answer = app
        .client
        .get(format!("{}/api/account/export/", app.base))
        .header("Authorization", auth)
        .send()
        .await
        .expect("export");
    assert_eq!(answer.status(), 200);
    answer.bytes().await.expect("bytes").to_vec()
}

#[tokio::test]
async fn the_personal_export_holds_saved_messages_and_pins_without_text_once_unavailable() {
    let app = TestApp::spawn().await;
    let (ann, ta) = app.register("ann").await;
    let (_, tb) = app.register("bob").await;
    let chat = group(&app, &tb, "office", &[ann]).await;
    let wifi = send(&app, &tb, chat, "Wi-Fi: natter-guest / hunter2").await;
    let (status, _) = app
        .post(
            &format!("/messages/api/messages/{wifi}/pin/"),
            &ta,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let at = in_secs(3600);
    let (status, _) = save(&app, &ta, json!({"message_id": wifi, "remind_at": at})).await;
    assert_eq!(status, StatusCode::CREATED);

    let zip = personal_export(&app, &ta).await;
    let saved = zip_json(&zip, "saved.json");
    assert_eq!(
        (
            &saved[0]["message"],
            &saved[0]["chat"],
            &saved[0]["content"]
        ),
        (
            &json!(wifi),
            &json!(chat),
            &json!("Wi-Fi: natter-guest / hunter2")
        ),
        "{saved}"
    );
    assert!(saved[0]["remind_at"].as_str().is_some(), "{saved}");
    let chats = zip_json(&zip, "chats.json");
    assert_eq!(chats[0]["pinned"][0]["message"], json!(wifi), "{chats}");
    assert_eq!(chats[0]["pinned"][0]["pinned_by"], json!(ann), "{chats}");

    // Out of the chat, the export keeps the item and not its text.
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/messages/api/chats/{chat}/members/{ann}/remove/"),
            Some(&tb),
            None,
        )
        .await;
    assert!(status.is_success());
    let zip = personal_export(&app, &ta).await;
    let saved = zip_json(&zip, "saved.json");
    assert_eq!(
        (&saved[0]["message"], &saved[0]["content"]),
        (&json!(wifi), &Value::Null)
    );
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip");
    for i in 0..archive.len() {
        use std::io::Read;
        let mut entry = archive.by_index(i).expect("an entry");
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        assert!(
            !String::from_utf8_lossy(&bytes).contains("hunter2"),
            "{} holds the text",
            entry.name()
        );
    }
}
