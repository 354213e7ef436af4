//! A reply in a thread that names someone (by its quote line or in its text) is their
//! mention, listed as the reply it is, and reading the thread reads it everywhere: the
//! Mentions list, the chat's mention count, and the reader's other tabs, told by the
//! thread's receipt.

use crate::helpers::*;
use serde_json::{json, Value};

/// A group `owner` made with `members`; its id.
async fn group(app: &TestApp, owner: &str, title: &str, members: &[i64]) -> i64 {
    let (status, chat) = app
        .post(
            "/messages/api/chats/",
            owner,
            json!({"chat_type": "group", "title": title, "member_ids": members}),
        )
        .await;
    assert_eq!(status, 201, "{chat}");
    chat["id"].as_i64().expect("chat id")
}

/// Sends on the chats surface with natter's fields; the message's id.
async fn send(app: &TestApp, auth: &str, chat: i64, body: Value) -> i64 {
    let (status, sent) = app
        .post(&format!("/messages/api/chats/{chat}/messages/"), auth, body)
        .await;
    assert_eq!(status, 201, "{sent}");
    sent["id"].as_i64().expect("message id")
}

/// `auth`'s mentions: the unread count and the results.
async fn mentions(app: &TestApp, auth: &str) -> (i64, Vec<Value>) {
    let (status, page) = app.get("/api/mentions/", auth).await;
    assert_eq!(status, 200, "{page}");
    let unread = page["unread"].as_i64().expect("unread");
    (
        unread,
        page["results"].as_array().cloned().unwrap_or_default(),
    )
}

/// `auth`'s unread mentions in `chat`, as the notification levels count them.
async fn chat_mentions(app: &TestApp, auth: &str, chat: i64) -> Value {
    let (status, levels) = app.get("/api/notifications/", auth).await;
    assert_eq!(status, 200, "{levels}");
    levels
        .as_array()
        .and_then(|all| all.iter().find(|l| l["chat_id"] == json!(chat)))
        .map(|l| l["unread_mentions"].clone())
        .unwrap_or(Value::Null)
}

#[tokio::test]
async fn reading_a_thread_reads_the_mentions_in_it_everywhere() {
    let app = TestApp::spawn().await;
    let (ann, ta) = app.register("ann").await;
    let (bob, tb) = app.register("bob").await;
    let chat = group(&app, &ta, "ops", &[bob]).await;
    let root = send(&app, &ta, chat, json!({"content": "disk at 91%"})).await;
    let first = send(
        &app,
        &tb,
        chat,
        json!({"content": "looking", "thread_id": root}),
    )
    .await;
    let second = send(
        &app,
        &tb,
        chat,
        json!({"content": "freed 20 GB, @ann", "thread_id": root}),
    )
    .await;

    // Both replies name ann (the quote line of a reply to her message names her) and are
    // listed as replies in her thread.
    let (unread, results) = mentions(&app, &ta).await;
    assert_eq!(unread, 2, "{results:?}");
    let listed = &results[0];
    assert_eq!(
        (
            &listed["message_id"],
            &listed["thread_id"],
            &listed["reply_to"]
        ),
        (&json!(second), &json!(root), &json!(root)),
        "{listed}"
    );
    let content = listed["content"].as_str().unwrap_or_default();
    assert!(
        content.starts_with(&format!("> @ann [#{root}]: disk at 91%\n\n")),
        "{content:?}"
    );
    assert_eq!(chat_mentions(&app, &ta, chat).await, json!(2));

    // ann has the chat open in another tab.
    let mut other_tab = app.socket("/messages/ws/", &ta).await;

    // She reads the thread up to the first reply: that mention is read, the second not.
    let (status, read) = app
        .post(
            &format!("/api/threads/{root}/read/"),
            &ta,
            json!({"message_id": first}),
        )
        .await;
    assert_eq!(status, 200, "{read}");
    let (unread, results) = mentions(&app, &ta).await;
    assert_eq!(unread, 1, "{results:?}");
    let read_of = |id: i64| {
        results
            .iter()
            .find(|m| m["message_id"] == json!(id))
            .map(|m| m["read"].clone())
    };
    assert_eq!(
        (read_of(first), read_of(second)),
        (Some(json!(true)), Some(json!(false)))
    );
    let told = wait_for(&mut other_tab, |f| {
        f["type"] == "thread_read" && f["message_id"] == json!(first)
    })
    .await;
    assert_eq!(
        (&told["user_id"], &told["thread_id"]),
        (&json!(ann), &json!(root))
    );

    // Reading the rest reads the rest, in the chat's count too.
    let (status, read) = app
        .post(&format!("/api/threads/{root}/read/"), &ta, json!({}))
        .await;
    assert_eq!((status.as_u16(), &read["unread_count"]), (200, &json!(0)));
    let (unread, _) = mentions(&app, &ta).await;
    assert_eq!(unread, 0);
    assert_eq!(chat_mentions(&app, &ta, chat).await, json!(0));
    wait_for(&mut other_tab, |f| {
        f["type"] == "thread_read" && f["message_id"] == json!(second)
    })
    .await;
}

#[tokio::test]
async fn a_thread_read_before_its_mention_was_counted_still_reads_it() {
    // carol follows the thread by choice (which marks it read to its newest reply) and
    // is then named in a reply she has not read; a later read of the thread, with the
    // thread's marker already there, still reads her mention and tells her other tabs.
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("ann").await;
    let (carol, tc) = app.register("carol").await;
    let chat = group(&app, &ta, "plans", &[carol]).await;
    let root = send(&app, &ta, chat, json!({"content": "agenda"})).await;
    let reply = send(
        &app,
        &ta,
        chat,
        json!({"content": "@carol can you chair?", "thread_id": root}),
    )
    .await;
    let (status, _) = app
        .post(&format!("/api/threads/{root}/follow/"), &tc, json!({}))
        .await;
    assert_eq!(status, 200);
    let (unread, _) = mentions(&app, &tc).await;
    assert_eq!(unread, 1, "following is not reading the mention");
    let mut other_tab = app.socket("/messages/ws/", &tc).await;
    let (status, read) = app
        .post(&format!("/api/threads/{root}/read/"), &tc, json!({}))
        .await;
    assert_eq!(status, 200, "{read}");
    let (unread, results) = mentions(&app, &tc).await;
    assert_eq!(unread, 0, "{results:?}");
    let told = wait_for(&mut other_tab, |f| f["type"] == "thread_read").await;
    assert_eq!(
        (&told["user_id"], &told["message_id"]),
        (&json!(carol), &json!(reply))
    );
}
