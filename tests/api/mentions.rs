//! `@username` of a chat's member, sent through any surface,
//! is a mention kept with the message; natter's own `/api/mentions/` lists them newest
//! first, a page at a time, and marks them read. Look-alike spellings name the same
//! person; a name that is no member, an email address and oneself are no mentions.

use crate::helpers::*;
use reqwest::Method;
use serde_json::{json, Value};

/// The contents of `auth`'s mentions, newest first, and the answer.
async fn mentions(app: &TestApp, auth: &str, query: &str) -> (Vec<String>, Value) {
    let (status, page) = app.get(&format!("/api/mentions/{query}"), auth).await;
    assert_eq!(status, 200, "{page}");
    let contents = page["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|m| m["content"].as_str().unwrap_or("").to_string())
        .collect();
    (contents, page)
}

#[tokio::test]
async fn a_mention_from_every_surface_reaches_its_person_and_only_them() {
    let app = TestApp::spawn().await;
    let (alice, ta) = app.register("alice").await;
    let (bob, tb) = app.register("bob").await;
    let (_, tc) = app.register("carol").await;
    let chats = chats_of_every_kind(&app, &ta, bob, "bob").await;
    let (status, _) = app
        .post(&format!("/api/rooms/{}/join/", chats.room), &tb, json!({}))
        .await;
    assert_eq!(status, 200, "bob joins the room");

    // chats surface (a group), rooms surface (a room), inbox (their direct chat),
    // messenger (its room), and the dm surface's socket.
    let sent = [
        app.post(
            &format!("/messages/api/chats/{}/messages/", chats.group),
            &ta,
            json!({"content": "group: hi @bob"}),
        )
        .await,
        app.post(
            &format!("/api/rooms/{}/messages/", chats.room),
            &ta,
            json!({"content": "room: @BOB look"}),
        )
        .await,
        app.post(
            "/api/messages/",
            &ta,
            json!({"receiver": bob, "content": "inbox: @ｂｏｂ"}),
        )
        .await,
        app.post(
            &format!("/messenger/api/chatrooms/{}/messages/", chats.messenger),
            &ta,
            json!({"content": "messenger: (@bob)"}),
        )
        .await,
    ];
    for (status, body) in &sent {
        assert!(status.is_success(), "{status} {body}");
    }
    let mut dm = app
        .socket(&format!("/ws/chat/{}/", chats.direct), &ta)
        .await;
    send_json(&mut dm, json!({"body": "dm: @bob."})).await;
    wait_for(&mut dm, |f| f["message"]["body"] == "dm: @bob.").await;
    // No mentions: an email address, a name that is in no chat with them, oneself.
    app.post(
        &format!("/messages/api/chats/{}/messages/", chats.group),
        &ta,
        json!({"content": "mail bob@example.org, ask @carol, and me @alice"}),
    )
    .await;

    let (bob_sees, page) = mentions(&app, &tb, "").await;
    assert_eq!(
        bob_sees,
        [
            "dm: @bob.",
            "messenger: (@bob)",
            "inbox: @ｂｏｂ",
            "room: @BOB look",
            "group: hi @bob"
        ],
        "{page}"
    );
    assert_eq!(page["unread"], 5);
    assert_eq!(page["results"][0]["sender"]["id"], alice);
    assert_eq!(page["results"][0]["chat_id"], chats.direct);
    let (carol_sees, _) = mentions(&app, &tc, "").await;
    assert!(
        carol_sees.is_empty(),
        "carol is in none of those chats: {carol_sees:?}"
    );
    let (alice_sees, _) = mentions(&app, &ta, "").await;
    assert!(
        alice_sees.is_empty(),
        "no one mentions themself: {alice_sees:?}"
    );

    // Pages by message id, newest first.
    let (first, page) = mentions(&app, &tb, "?page_size=2").await;
    assert_eq!(first, ["dm: @bob.", "messenger: (@bob)"]);
    let next = page["next"].as_str().expect("a next page");
    let query = &next[next.find('?').expect("a query")..];
    let (second, _) = mentions(&app, &tb, query).await;
    assert_eq!(second, ["inbox: @ｂｏｂ", "room: @BOB look"]);

    // Read up to one message, then all.
    let up_to = page["results"][1]["message_id"].as_i64().unwrap();
    let (status, marked) = app
        .post("/api/mentions/read/", &tb, json!({"up_to": up_to - 1}))
        .await;
    assert_eq!(
        (status.as_u16(), marked["marked"].clone()),
        (200, json!(3)),
        "{marked}"
    );
    let (_, page) = mentions(&app, &tb, "").await;
    assert_eq!(page["unread"], 2);
    assert_eq!(page["results"][0]["read"], false);
    assert_eq!(page["results"][4]["read"], true);
    let (_, marked) = app.post("/api/mentions/read/", &tb, json!({})).await;
    assert_eq!(marked["marked"], 2);

    // An edit that drops the name drops the mention; a deleted message leaves the list.
    let group_message = sent[0].1["id"].as_i64().unwrap();
    let (status, _) = app
        .call(
            Method::PATCH,
            &format!("/messages/api/messages/{group_message}/"),
            Some(&ta),
            Some(json!({"content": "group: hi all"})),
        )
        .await;
    assert_eq!(status, 200);
    let room_message = sent[1].1["id"].as_i64().unwrap();
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/api/messages/{room_message}/"),
            Some(&ta),
            None,
        )
        .await;
    assert!(status.is_success(), "{status}");
    let (bob_sees, _) = mentions(&app, &tb, "").await;
    assert_eq!(
        bob_sees,
        ["dm: @bob.", "messenger: (@bob)", "inbox: @ｂｏｂ"]
    );

    for bad in ["?before=x", "?page_size=0", "?before=-1"] {
        let (status, body) = app.get(&format!("/api/mentions/{bad}"), &tb).await;
        assert_eq!(status, 400, "{bad}: {body}");
    }
    let (status, _) = app.call(Method::GET, "/api/mentions/", None, None).await;
    assert_eq!(status, 401);
}
