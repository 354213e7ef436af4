//! `@channel`, `@everyone` and `@here`, through the binary: a wide word is a mention of
//! every member but the sender (`@here`: of those active now), in the mentions list and
//! the unread counts, never of a bot and never calling a bot's webhook; edits note them
//! again; `--wide-mentions admins` keeps them, in a chat over
//! `--wide-mentions-members`, to administrators, and anyone else's message is still sent.

use crate::bot_webhooks::{bot_with_webhook, say, BotServer};
use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::json;
use std::time::Duration;

/// The contents of `auth`'s mentions, newest first.
async fn mentioned(app: &TestApp, auth: &str) -> Vec<String> {
    let (status, page) = app.get("/api/mentions/", auth).await;
    assert_eq!(status, 200, "{page}");
    page["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|m| m["content"].as_str().unwrap_or("").to_string())
        .collect()
}

/// `auth` joins the rooms surface's room `room`.
async fn join(app: &TestApp, auth: &str, room: i64) {
    let (status, body) = app
        .post(&format!("/api/rooms/{room}/join/"), auth, json!({}))
        .await;
    assert!(status.is_success(), "{status} {body}");
}

/// Changes message `id`'s text through the chats surface.
async fn edit(app: &TestApp, auth: &str, id: i64, content: &str) {
    let (status, body) = app
        .call(
            Method::PATCH,
            &format!("/messages/api/messages/{id}/"),
            Some(auth),
            Some(json!({"content": content})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

/// A group of the chats surface made by `owner` (its administrator) with `members`.
async fn group(app: &TestApp, owner: &str, members: &[i64]) -> i64 {
    let (status, body) = app
        .post(
            "/messages/api/chats/",
            owner,
            json!({"chat_type": "group", "title": "team", "member_ids": members}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["id"].as_i64().expect("group id")
}

/// Sends `content` to the chats surface's chat `chat`; the message's id.
async fn post_in(app: &TestApp, auth: &str, chat: i64, content: &str) -> i64 {
    let (status, body) = app
        .post(
            &format!("/messages/api/chats/{chat}/messages/"),
            auth,
            json!({"content": content}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["id"].as_i64().expect("message id")
}

#[tokio::test]
async fn channel_and_everyone_mention_every_member_but_the_sender_and_bots() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--webhook-allow-private"]).await;
    let server = BotServer::start().await;
    // boss (the administrator) made the room; ann and the bot `helper` are in it.
    let (boss, ann, room, bot) = bot_with_webhook(&app, &server).await;
    let (_, carol) = app.register("carol").await;
    join(&app, &carol, room).await;
    // dave is in no chat with them.
    let (_, dave) = app.register("dave").await;

    let wide = say(&app, &ann, room, "@channel deploy at five").await;
    say(&app, &ann, room, "and @EVERYONE, lunch").await;
    say(
        &app,
        &ann,
        room,
        "(@here) @channelx @channel.name mail channel@example.org",
    )
    .await;
    for auth in [&boss, &carol] {
        let seen = mentioned(&app, auth).await;
        assert!(
            seen.starts_with(&[
                "and @EVERYONE, lunch".into(),
                "@channel deploy at five".into()
            ]),
            "{seen:?}"
        );
    }
    assert!(
        mentioned(&app, &ann).await.is_empty(),
        "the sender is not mentioned"
    );
    assert!(
        mentioned(&app, &dave).await.is_empty(),
        "dave is in no such chat"
    );
    let (_, level) = app
        .get(&format!("/api/notifications/{room}/"), &carol)
        .await;
    assert!(level["unread_mentions"].as_i64() >= Some(2), "{level}");

    // The bot is mentioned by none of them and called for none: the only call is the one
    // its name asks for, sent after them.
    say(&app, &ann, room, "@helper status").await;
    let calls = server.until_calls(1).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let calls_now = server.calls();
    assert_eq!(calls_now.len(), 1, "{calls_now:?}");
    assert_eq!(calls[0].body["message"]["text"], "@helper status");
    assert_eq!(calls[0].body["bot"]["id"], bot["id"]);

    // An edit that drops the wide word drops its mentions; one that brings it back,
    // brings them back.
    edit(&app, &ann, wide, "deploy at five").await;
    assert!(!mentioned(&app, &carol)
        .await
        .contains(&"deploy at five".to_string()));
    edit(&app, &ann, wide, "@everyone deploy at six").await;
    assert!(mentioned(&app, &carol)
        .await
        .contains(&"@everyone deploy at six".to_string()));
    assert!(mentioned(&app, &ann).await.is_empty());

    // Read, then edited again: still mentioned, and still read (an edit pages nobody).
    let (status, marked) = app.post("/api/mentions/read/", &carol, json!({})).await;
    assert_eq!(status, 200, "{marked}");
    edit(&app, &ann, wide, "@everyone deploy at seven").await;
    let (_, page) = app.get("/api/mentions/", &carol).await;
    assert_eq!(page["unread"], 0, "{page}");
    let edited = page["results"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|m| m["content"] == "@everyone deploy at seven")
        .cloned()
        .unwrap_or_default();
    assert_eq!(edited["read"], true, "{page}");
}

#[tokio::test]
async fn here_mentions_the_members_active_now() {
    let app = TestApp::spawn().await;
    let (_, boss) = app.register("boss").await;
    let (_, ann) = app.register("ann").await;
    let (_, carol) = app.register("carol").await;
    let (dave_id, dave) = app.register("dave").await;
    let (_, erin) = app.register("erin").await;
    let (status, room) = app
        .post("/api/rooms/", &boss, json!({"name": "standup"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{room}");
    let room = room["id"].as_i64().expect("room id");
    for auth in [&ann, &carol, &dave, &erin] {
        join(&app, auth, room).await;
    }
    // carol has the room open; dave signed in a moment ago (and is seen once his
    // sign-in is noted); erin and boss only signed up, through a key.
    let mut open = app.socket(&format!("/ws/room/{room}/"), &carol).await;
    login(&app, "dave").await;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let (_, people) = app.get("/api/people/?search=dave", &boss).await;
        let seen = people["results"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|p| p["id"] == dave_id && !p["last_seen_at"].is_null());
        if seen {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{people}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    say(&app, &ann, room, "@here standup now").await;
    wait_for(&mut open, |f| f.to_string().contains("@here standup now")).await;
    assert_eq!(mentioned(&app, &carol).await, ["@here standup now"]);
    assert_eq!(mentioned(&app, &dave).await, ["@here standup now"]);
    assert!(mentioned(&app, &erin).await.is_empty(), "erin was not seen");
    assert!(mentioned(&app, &boss).await.is_empty(), "boss was not seen");
    assert!(
        mentioned(&app, &ann).await.is_empty(),
        "the sender is not mentioned"
    );
}

#[tokio::test]
async fn admins_only_notify_a_big_chat_and_anyone_elses_message_is_still_sent() {
    let app = TestApp::spawn_with(&[
        "--rate-limits",
        "off",
        "--wide-mentions",
        "admins",
        "--wide-mentions-members",
        "3",
    ])
    .await;
    let (_, boss) = app.register("boss").await; // the server's administrator
    let (ann_id, ann) = app.register("ann").await;
    let (bob_id, bob) = app.register("bob").await;
    let (carol_id, carol) = app.register("carol").await;
    let (_, dave) = app.register("dave").await;
    let (_, me) = app.get("/api/account/", &boss).await;
    let boss_id = me["id"].as_i64().expect("boss id");

    // ann's group of four: she is its administrator, bob and carol are not.
    let big = group(&app, &ann, &[bob_id, carol_id, boss_id]).await;
    let sent = post_in(&app, &bob, big, "@channel bob asks").await;
    let (status, body) = app
        .get(&format!("/messages/api/chats/{big}/messages/"), &carol)
        .await;
    assert_eq!(status, 200);
    assert!(
        body.to_string().contains("@channel bob asks"),
        "sent: {body}"
    );
    post_in(&app, &carol, big, "@here carol asks").await;
    for auth in [&ann, &carol, &boss] {
        assert!(mentioned(&app, auth).await.is_empty(), "nobody is notified");
    }
    // bob names ann: a named mention still counts.
    post_in(&app, &bob, big, "@channel and @ann").await;
    assert_eq!(mentioned(&app, &ann).await, ["@channel and @ann"]);

    post_in(&app, &ann, big, "@everyone from the chat's admin").await;
    post_in(&app, &boss, big, "@channel from the server's admin").await;
    let carol_sees = mentioned(&app, &carol).await;
    assert_eq!(
        carol_sees,
        [
            "@channel from the server's admin",
            "@everyone from the chat's admin"
        ]
    );

    // A chat of at most 3 members: anyone.
    let small = group(&app, &dave, &[bob_id, carol_id]).await;
    post_in(&app, &bob, small, "@channel small talk").await;
    assert_eq!(mentioned(&app, &carol).await[0], "@channel small talk");
    assert!(mentioned(&app, &dave)
        .await
        .contains(&"@channel small talk".to_string()));

    // An edit by someone who may not notify the big chat notes nothing either.
    edit(&app, &bob, sent, "@everyone again").await;
    assert_eq!(mentioned(&app, &carol).await[0], "@channel small talk");
    let _ = ann_id;
}
