//! Many requests racing for one thing (docs/scale-out.md). On SQLite the single writer
//! serializes them; on PostgreSQL (`NATTER_TEST_DB=postgres`) several writer threads run
//! them at once, so each "check, then write" must hold under real concurrency: one name
//! registered once, one direct chat per pair, a room never over its limit, read markers
//! never moving back, reaction toggles never failing, and message ids that a reader
//! paging with `after=` never skips.

use crate::helpers::*;
use futures_util::{stream, StreamExt};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// Runs `n` requests made by `make`, up to 64 at once; their answers in order of `i`.
async fn race<F, Fut>(n: usize, make: F) -> Vec<(StatusCode, Value)>
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = (StatusCode, Value)>,
{
    stream::iter(0..n).map(make).buffered(64).collect().await
}

#[tokio::test]
async fn twenty_registrations_of_one_name_make_one_account() {
    let app = TestApp::spawn().await;
    let answers = race(20, |i| {
        app.call(
            Method::POST,
            "/api/auth/register/",
            None,
            Some(json!({"username": "same", "email": format!("same{i}@example.org"), "password": "correct-horse"})),
        )
    })
    .await;
    let created = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count();
    assert_eq!(created, 1, "{answers:?}");
    for (status, body) in answers.iter().filter(|(s, _)| *s != StatusCode::CREATED) {
        assert_eq!(*status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(
            body["details"]["username"],
            json!(["A user with that username already exists."]),
            "{body}"
        );
    }
}

#[tokio::test]
async fn concurrent_direct_chats_between_one_pair_are_one_chat() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let answers = race(20, |i| {
        let (auth, other) = if i % 2 == 0 { (&ta, b) } else { (&tb, a) };
        app.post(
            "/messages/api/chats/",
            auth,
            json!({"chat_type": "dm", "member_ids": [other]}),
        )
    })
    .await;
    let ids: BTreeSet<i64> = answers
        .iter()
        .map(|(status, chat)| {
            assert_eq!(*status, StatusCode::CREATED, "{chat}");
            chat["id"].as_i64().expect("chat id")
        })
        .collect();
    assert_eq!(ids.len(), 1, "{answers:?}");
}

#[tokio::test]
async fn a_full_room_takes_no_more_members_under_concurrent_joins() {
    let app = TestApp::spawn().await;
    let (_, owner) = app.register("owner").await;
    let (status, room) = app
        .post(
            "/api/rooms/",
            &owner,
            json!({"name": "small", "max_participants": 5}),
        )
        .await;
    assert_eq!(status, 201, "{room}");
    let room = room["id"].as_i64().expect("room id");
    let mut joiners = Vec::new();
    for i in 0..20 {
        joiners.push(app.register(&format!("joiner{i}")).await.1);
    }
    let join = format!("/api/rooms/{room}/join/");
    let answers = race(20, |i| app.post(&join, &joiners[i], json!({}))).await;
    let joined = answers.iter().filter(|(s, _)| *s == StatusCode::OK).count();
    assert_eq!(joined, 4, "the owner and four more: {answers:?}");
    for (status, body) in answers.iter().filter(|(s, _)| *s != StatusCode::OK) {
        assert_eq!(*status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(body["error"], "room_full", "{body}");
    }
    let (_, detail) = app.get(&format!("/api/rooms/{room}/"), &owner).await;
    assert_eq!(detail["participant_count"], 5, "{detail}");
}

#[tokio::test]
async fn a_thousand_concurrent_sends_get_unique_ids_that_after_never_skips() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (status, chat) = app
        .post(
            "/messages/api/chats/",
            &ta,
            json!({"chat_type": "group", "title": "busy", "member_ids": [b]}),
        )
        .await;
    assert_eq!(status, 201, "{chat}");
    let chat = chat["id"].as_i64().expect("chat id");
    let url = format!("/messages/api/chats/{chat}/messages/");
    let answers = race(1000, |i| {
        let auth = if i % 2 == 0 { &ta } else { &tb };
        app.post(&url, auth, json!({"content": format!("m{i}")}))
    })
    .await;
    let sent: BTreeSet<i64> = answers
        .iter()
        .map(|(status, m)| {
            assert_eq!(*status, StatusCode::CREATED, "{m}");
            m["id"].as_i64().expect("message id")
        })
        .collect();
    assert_eq!(sent.len(), 1000, "every id is unique");

    // A reader catching up 50 at a time from the start sees every message once, in order.
    let mut read = Vec::new();
    let mut after = 0;
    loop {
        let (status, page) = app
            .get(&format!("{url}?after={after}&page_size=50"), &ta)
            .await;
        assert_eq!(status, 200, "{page}");
        let ids = result_ids(&page);
        let Some(&last) = ids.last() else { break };
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "oldest first: {ids:?}");
        read.extend(ids);
        after = last;
    }
    assert_eq!(read.len(), 1000);
    assert_eq!(read.iter().copied().collect::<BTreeSet<_>>(), sent);
}

#[tokio::test]
async fn concurrent_read_markers_end_at_the_newest_and_toggles_never_fail() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (_, chat) = app
        .post(
            "/messages/api/chats/",
            &ta,
            json!({"chat_type": "group", "title": "g", "member_ids": [b]}),
        )
        .await;
    let chat = chat["id"].as_i64().expect("chat id");
    let url = format!("/messages/api/chats/{chat}/messages/");
    let mut ids = Vec::new();
    for i in 0..20 {
        let (_, m) = app
            .post(&url, &ta, json!({"content": format!("m{i}")}))
            .await;
        ids.push(m["id"].as_i64().expect("id"));
    }
    // Bob marks read up to each message at once, in no particular order.
    let mark = format!("/messages/api/chats/{chat}/mark-as-read/");
    let answers = race(20, |i| {
        app.post(&mark, &tb, json!({"message_id": ids[(i * 7) % 20]}))
    })
    .await;
    for (status, body) in &answers {
        assert_eq!(*status, StatusCode::OK, "{body}");
    }
    let (_, list) = app.get("/messages/api/chats/", &tb).await;
    assert_eq!(list["results"][0]["unread_count"], 0, "{list}");
    let (_, page) = app.get(&url, &ta).await;
    assert_eq!(
        page["results"][0]["read_by"].as_array().map(Vec::len),
        Some(2),
        "the newest message is read by both: {page}"
    );

    // 21 toggles of one reaction: each answers, and an odd number leaves it on.
    let reactions = format!("/messages/api/messages/{}/reactions/", ids[0]);
    let answers = race(21, |_| app.post(&reactions, &tb, json!({"emoji": "👍"}))).await;
    for (status, body) in &answers {
        assert_eq!(*status, StatusCode::OK, "{body}");
    }
    let added = answers
        .iter()
        .filter(|(_, b)| b["action"] == "added")
        .count();
    let removed = answers
        .iter()
        .filter(|(_, b)| b["action"] == "removed")
        .count();
    assert_eq!(added + removed, 21);
    assert_eq!(added, removed + 1, "{answers:?}");
}
