//! A saved message's reminder that falls due while its person is quiet (a pause): it
//! still reaches their open tab at once, but its Web Push (against the tests' own push
//! service) and its mail (through aiosmtpd) wait for the end of the quiet time and are
//! sent then, once, as Slack's do-not-disturb delivers what it held.

use crate::helpers::*;
use crate::mail::{natter_mailing, person};
use crate::mail_sink::{MailSink, SinkOptions};
use crate::pins::{group, send};
use crate::push_service::PushService;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// `chrono`'s now, in unix milliseconds.
fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// A time `ms` from now as the API takes it.
fn at(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .expect("a time")
        .to_rfc3339()
}

/// Pauses `auth`'s notifications until `until_ms`.
async fn pause_until(app: &TestApp, auth: &str, until_ms: i64) {
    let (status, body) = app
        .call(
            Method::PUT,
            "/messages/api/me/quiet-hours/",
            Some(auth),
            Some(json!({"paused_until": at(until_ms)})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["quiet"], true, "{body}");
}

/// The tests' own push service, with ann's browser (`ta`) subscribed to it as "ann".
async fn ann_subscribed(app: &TestApp, ta: &str) -> PushService {
    let (_, key) = app.get("/api/push/", ta).await;
    let service = PushService::start(key["public_key"].as_str().expect("public_key")).await;
    let (status, body) = app
        .post("/api/push/subscriptions/", ta, service.subscription("ann"))
        .await;
    assert_eq!(status, 201, "{body}");
    service
}

async fn save_now(app: &TestApp, auth: &str, message: i64) {
    let (status, body) = app
        .post(
            "/messages/api/saved/",
            auth,
            json!({"message_id": message, "remind_at": at(now_ms())}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn a_reminder_due_in_a_pause_is_pushed_and_mailed_when_the_pause_ends() {
    let Some(sink) = MailSink::start_with_or_skip("held_reminders", SinkOptions::default()) else {
        return;
    };
    let app = natter_mailing(&sink, &["--push-private-endpoints"]).await;
    let (ann, ta) = person(&app, "ann", "ann@example.org", "Ann").await;
    let (_, tb) = person(&app, "bob", "bob@example.org", "Bob").await;
    let service = ann_subscribed(&app, &ta).await;
    let chat = group(&app, &tb, "ops", &[ann]).await;
    let first = send(&app, &tb, chat, "renew the certificate").await;
    let second = send(&app, &tb, chat, "and the DNS glue").await;

    // No tab of ann's open: due at once, in a pause of a few seconds. The push and the
    // mail come only once the pause has ended.
    let ends = now_ms() + 4_000;
    pause_until(&app, &ta, ends).await;
    save_now(&app, &ta, first).await;
    let push = service.nth("ann", 1).await;
    let pushed_at = now_ms();
    assert!(
        pushed_at >= ends,
        "pushed {} ms before the pause ended",
        ends - pushed_at
    );
    assert_eq!(push.payload["body"], json!("renew the certificate"));
    let mails = sink.until(1).await;
    assert!(now_ms() >= ends);
    assert_eq!(mails[0]["rcpt_tos"], json!(["ann@example.org"]));
    assert_eq!(mails[0]["subject"], "Reminder: a message in ops");
    let (_, mine) = app.get("/messages/api/saved/", &ta).await;
    let item = mine["results"]
        .as_array()
        .and_then(|r| r.iter().find(|s| s["message_id"] == first))
        .cloned()
        .unwrap_or(Value::Null);
    assert!(item["reminded_at"].is_string(), "claimed once: {mine}");

    // With a tab open, in a new pause: the frame comes at once, well before the pause
    // ends, and the push only after it; no mail (her tab shows the chat).
    let mut anns = app.socket("/messages/ws/", &ta).await;
    let ends = now_ms() + 5_000;
    pause_until(&app, &ta, ends).await;
    save_now(&app, &ta, second).await;
    let frame = wait_for(&mut anns, |f| f["type"] == "reminder").await;
    assert_eq!(frame["message_id"], second);
    assert!(now_ms() < ends, "the frame waited for the pause");
    assert_eq!(service.received("ann").len(), 1, "no push during the pause");
    let push = service.nth("ann", 2).await;
    assert!(now_ms() >= ends);
    assert_eq!(push.payload["body"], json!("and the DNS glue"));
    sink.assert_at_most_within(1, std::time::Duration::from_millis(300))
        .await;
}

/// A reminder falling due while a push of its chat's messages still waits (its push
/// service asked it to come back later) is pushed in its own right, at once, under its
/// own tag; the waiting push keeps its own message and is sent when its retry is due.
#[tokio::test]
async fn a_reminder_is_pushed_apart_from_a_waiting_push_of_its_chat() {
    let app = TestApp::spawn_with(&["--push-private-endpoints"]).await;
    let (ann, ta) = app.register("ann").await;
    let (_, tb) = app.register("bob").await;
    let service = ann_subscribed(&app, &ta).await;
    service.answer("ann", &[crate::push_service::Answer::TooMany]);
    let chat = group(&app, &tb, "ops", &[ann]).await;
    let message = send(&app, &tb, chat, "renew the certificate").await;
    service
        .wait_until(
            crate::push_service::PUSH_WAIT,
            "the message's push, answered 429",
            |s| s.attempts("ann") >= 1,
        )
        .await;

    save_now(&app, &ta, message).await;
    let first = service.nth("ann", 1).await;
    assert_eq!(first.payload["tag"], json!(format!("reminder-{message}")));
    assert_eq!(first.payload["body"], json!("renew the certificate"));
    assert_eq!(first.payload["count"], json!(1));
    let second = service.nth("ann", 2).await;
    assert_eq!(second.payload["tag"], json!(format!("chat-{chat}")));
    assert_eq!(second.payload["title"], json!("bob in ops"));
    assert_eq!(second.payload["count"], json!(1));
}

/// What a held reminder carries is decided when its quiet time ends, not when it fell
/// due: a message deleted during the pause, or in a chat its person left during it, is
/// neither pushed nor mailed (its text reaches no one), and a message edited during it
/// is pushed and mailed with its new text.
#[tokio::test]
async fn a_held_reminder_is_decided_when_the_quiet_time_ends() {
    let Some(sink) = MailSink::start_with_or_skip("held_reminders", SinkOptions::default()) else {
        return;
    };
    let app = natter_mailing(&sink, &["--push-private-endpoints"]).await;
    let (ann, ta) = person(&app, "ann", "ann@example.org", "Ann").await;
    let (_, tb) = person(&app, "bob", "bob@example.org", "Bob").await;
    let service = ann_subscribed(&app, &ta).await;
    let ops = group(&app, &tb, "ops", &[ann]).await;
    let board = group(&app, &tb, "board", &[ann]).await;
    let deleted = send(&app, &tb, ops, "the vault code is 4711").await;
    let left = send(&app, &tb, board, "salaries for next year").await;
    let edited = send(&app, &tb, ops, "renew the certificate").await;

    // All three fall due at once in a pause of a few seconds, and are claimed (their
    // `reminded_at` is set) while it lasts.
    let ends = now_ms() + 5_000;
    pause_until(&app, &ta, ends).await;
    for message in [deleted, left, edited] {
        save_now(&app, &ta, message).await;
    }
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(4);
    loop {
        let (_, mine) = app.get("/messages/api/saved/", &ta).await;
        let claimed = mine["results"]
            .as_array()
            .map(|r| r.iter().filter(|s| s["reminded_at"].is_string()).count())
            .unwrap_or(0);
        if claimed == 3 {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the reminders were not claimed: {mine}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(now_ms() < ends, "the pause ended before the test could act");

    // During the pause: bob deletes one, ann leaves the other's chat, bob edits the third.
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/messages/api/messages/{deleted}/"),
            Some(&tb),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/messages/api/chats/{board}/members/{ann}/remove/"),
            Some(&ta),
            None,
        )
        .await;
    assert!(status.is_success(), "{status}");
    let (status, body) = app
        .call(
            Method::PATCH,
            &format!("/messages/api/messages/{edited}/"),
            Some(&tb),
            Some(json!({"content": "renew the certificate by Friday"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(now_ms() < ends, "the pause ended before the test could act");

    // When it ends: one push and one mail, the edited message's, with its new text.
    let push = service.nth("ann", 1).await;
    assert!(now_ms() >= ends);
    assert_eq!(push.payload["message_id"], json!(edited));
    assert_eq!(
        push.payload["body"],
        json!("renew the certificate by Friday")
    );
    let mails = sink.until(1).await;
    assert_eq!(mails[0]["subject"], "Reminder: a message in ops");
    let text = mails[0].to_string();
    assert!(text.contains("by Friday"), "{text}");
    sink.assert_at_most_within(1, std::time::Duration::from_millis(1_500))
        .await;
    let pushed = service.received("ann");
    assert_eq!(pushed.len(), 1, "{pushed:?}");
    for (i, mail) in sink.received().iter().enumerate() {
        // What a person reads (a random Message-ID or boundary may hold any digits).
        let mail = format!("{} {} {}", mail["subject"], mail["text"], mail["html"]);
        for secret in ["4711", "salaries"] {
            assert!(!mail.contains(secret), "mail {i} carries {secret}: {mail}");
        }
    }
    for p in &pushed {
        let payload = p.payload.to_string();
        for secret in ["4711", "salaries"] {
            assert!(
                !payload.contains(secret),
                "a push carries {secret}: {payload}"
            );
        }
    }
}
