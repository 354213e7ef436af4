//! Matrix apps reading and writing natter's chats, through the real binary: a first
//! `/sync` shows every chat with its state and newest messages; a long poll wakes when a
//! message arrives through another surface; tokens survive a restart; `/messages` pages
//! back through the same history; a send from a Matrix app with a transaction id is one
//! message, which the chats surface shows; read receipts move natter's read marks; and a
//! room one is not in is refused.

use crate::helpers::*;
use crate::matrix_http::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

async fn sync(app: &TestApp, token: &str, query: &str) -> Value {
    let answer = mx(
        app,
        Method::GET,
        &format!("{V3}/sync{query}"),
        Some(token),
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.body
}

/// The bodies of a timeline's `m.room.message` events, in order.
fn bodies(timeline: &Value) -> Vec<String> {
    timeline["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["type"] == "m.room.message")
        .filter_map(|e| e["content"]["body"].as_str().map(str::to_string))
        .collect()
}

async fn say(app: &TestApp, auth: &str, chat: i64, text: &str) -> i64 {
    let (status, body) = app
        .post(
            &format!("/messages/api/chats/{chat}/messages/"),
            auth,
            json!({"content": text}),
        )
        .await;
    assert!(status.is_success(), "{status} {body}");
    body["id"].as_i64().expect("message id")
}

#[tokio::test]
async fn a_first_sync_shows_every_chat_with_its_state_and_newest_messages() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    for i in 0..12 {
        say(&app, &bob, chats.group, &format!("hello {i}")).await;
    }
    let token = token_of(&sign_in(&app, "alice", None).await);
    let first = sync(&app, &token, "").await;
    assert!(
        first["next_batch"]
            .as_str()
            .is_some_and(|t| t.starts_with('s')),
        "{first}"
    );
    let joined = first["rooms"]["join"].as_object().expect("join");
    for chat in [chats.direct, chats.group, chats.room] {
        assert!(
            joined.contains_key(&room(chat)),
            "{chat} missing from {first}"
        );
    }
    let group = &joined[&room(chats.group)];
    let state = group["state"]["events"].as_array().expect("state");
    let of = |kind: &str| {
        state
            .iter()
            .filter(|e| e["type"] == kind)
            .collect::<Vec<_>>()
    };
    assert_eq!(of("m.room.create").len(), 1);
    assert_eq!(of("m.room.name")[0]["content"]["name"], "g");
    let members: Vec<&str> = of("m.room.member")
        .iter()
        .filter_map(|e| e["state_key"].as_str())
        .collect();
    assert!(
        members.contains(&"@alice:example.org") && members.contains(&"@bob:example.org"),
        "{members:?}"
    );
    assert_eq!(
        of("m.room.power_levels")[0]["content"]["users"]["@alice:example.org"],
        100
    );
    // The newest ten, oldest first, with more before them.
    let texts = bodies(&group["timeline"]);
    assert_eq!(texts.len(), 10, "{texts:?}");
    assert_eq!(texts.first().map(String::as_str), Some("hello 2"));
    assert_eq!(texts.last().map(String::as_str), Some("hello 11"));
    assert_eq!(group["timeline"]["limited"], true);
    assert_eq!(group["unread_notifications"]["notification_count"], 12);
    // The direct chat is in m.direct under bob, and has no name of its own.
    let direct = first["account_data"]["events"]
        .as_array()
        .expect("account data")
        .iter()
        .find(|e| e["type"] == "m.direct")
        .cloned()
        .expect("m.direct");
    assert_eq!(
        direct["content"]["@bob:example.org"],
        json!([room(chats.direct)])
    );
    let direct_state = joined[&room(chats.direct)]["state"]["events"]
        .as_array()
        .expect("state")
        .clone();
    assert!(!direct_state.iter().any(|e| e["type"] == "m.room.name"));
    // A public room is public.
    let lobby = &joined[&room(chats.room)]["state"]["events"];
    let rule = lobby
        .as_array()
        .expect("state")
        .iter()
        .find(|e| e["type"] == "m.room.join_rules")
        .cloned()
        .expect("join rules");
    assert_eq!(rule["content"]["join_rule"], "public");

    // Paging back from the timeline's start gives the two older messages, newest first.
    let prev = group["timeline"]["prev_batch"]
        .as_str()
        .expect("prev_batch");
    let page = mx(
        &app,
        Method::GET,
        &format!(
            "{V3}/rooms/{}/messages?dir=b&from={prev}&limit=5",
            room(chats.group)
        ),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let older: Vec<&str> = page.body["chunk"]
        .as_array()
        .expect("chunk")
        .iter()
        .filter_map(|e| e["content"]["body"].as_str())
        .collect();
    assert_eq!(older, ["hello 1", "hello 0"]);
    assert!(
        page.body.get("end").is_none(),
        "nothing older: {}",
        page.body
    );
    let joined_rooms = mx(
        &app,
        Method::GET,
        &format!("{V3}/joined_rooms"),
        Some(&token),
        None,
    )
    .await;
    let listed = joined_rooms.body["joined_rooms"]
        .as_array()
        .expect("rooms")
        .clone();
    for chat in [chats.direct, chats.group, chats.room] {
        assert!(listed.contains(&json!(room(chat))), "{chat}: {listed:?}");
    }
}

#[tokio::test]
async fn a_long_poll_wakes_when_a_message_arrives_through_another_surface() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let token = token_of(&sign_in(&app, "alice", None).await);
    let first = sync(&app, &token, "").await;
    let since = first["next_batch"]
        .as_str()
        .expect("next_batch")
        .to_string();

    // Nothing new: a zero timeout answers at once with the same position and no rooms.
    let quiet = sync(&app, &token, &format!("?since={since}&timeout=0")).await;
    assert_eq!(quiet["rooms"]["join"], json!({}));
    assert_eq!(quiet["next_batch"], since.as_str());

    let waiting = poll(&app, &token, &since);
    // Sent once the poll is waiting: the poll is answered by the message, not the timeout.
    tokio::time::sleep(Duration::from_millis(300)).await;
    say(&app, &bob, chats.group, "are you there?").await;
    let Polled { took, body, .. } = tokio::time::timeout(WAIT, waiting)
        .await
        .expect("the poll answers")
        .expect("task");
    assert!(took < Duration::from_secs(15), "woke after {took:?}");
    let group = &body["rooms"]["join"][room(chats.group)];
    assert_eq!(bodies(&group["timeline"]), ["are you there?"], "{body}");
    assert_eq!(group["timeline"]["limited"], false);
    assert_ne!(body["next_batch"], since.as_str());

    // The token means the same after a restart.
    let next = body["next_batch"].as_str().expect("next_batch").to_string();
    let mut app = app;
    app.kill_and_restart();
    say(&app, &bob, chats.group, "after the restart").await;
    let later = sync(&app, &token, &format!("?since={next}&timeout=0")).await;
    assert_eq!(
        bodies(&later["rooms"]["join"][room(chats.group)]["timeline"]),
        ["after the restart"],
        "{later}"
    );
    let garbage = mx(
        &app,
        Method::GET,
        &format!("{V3}/sync?since=nonsense"),
        Some(&token),
        None,
    )
    .await;
    assert_error(&garbage, 400, "M_INVALID_PARAM");
}

#[tokio::test]
async fn a_matrix_send_is_one_message_per_transaction_and_reads_move_natters_marks() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    let (_, carol) = app.register("carol").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let token = token_of(&sign_in(&app, "bob", None).await);
    let path = format!("{V3}/rooms/{}/send/m.room.message/txn-1", room(chats.group));
    let content = json!({"msgtype": "m.text", "body": "from element"});
    let first = mx(
        &app,
        Method::PUT,
        &path,
        Some(&token),
        Some(content.clone()),
    )
    .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let again = mx(&app, Method::PUT, &path, Some(&token), Some(content)).await;
    assert_eq!(again.body["event_id"], first.body["event_id"]);
    let (_, history) = app
        .get(
            &format!("/messages/api/chats/{}/messages/", chats.group),
            &alice,
        )
        .await;
    let texts: Vec<&str> = history["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|m| m["content"].as_str())
        .collect();
    assert_eq!(
        texts.iter().filter(|t| **t == "from element").count(),
        1,
        "{history}"
    );

    // A reply from a Matrix app, with the quote older apps put in front, is natter's reply.
    let asked = say(&app, &alice, chats.group, "lunch?").await;
    let reply = mx(
        &app,
        Method::PUT,
        &format!("{V3}/rooms/{}/send/m.room.message/txn-2", room(chats.group)),
        Some(&token),
        Some(json!({
            "msgtype": "m.text",
            "body": "> <@alice:example.org> lunch?\n\nyes",
            "m.relates_to": {"m.in_reply_to": {"event_id": format!("$m{asked}")}},
        })),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let event = mx(
        &app,
        Method::GET,
        &format!(
            "{V3}/rooms/{}/event/{}",
            room(chats.group),
            reply.body["event_id"].as_str().expect("id")
        ),
        Some(&token),
        None,
    )
    .await;
    // Given back with the quote older apps show (the relation beside it for newer ones).
    assert_eq!(
        event.body["content"]["body"], "> <@alice:example.org> lunch?\n\nyes",
        "{}",
        event.body
    );
    let html = event.body["content"]["formatted_body"]
        .as_str()
        .unwrap_or("");
    assert!(
        html.starts_with("<mx-reply><blockquote>") && html.ends_with("</mx-reply>yes"),
        "{html}"
    );
    assert_eq!(
        event.body["content"]["m.relates_to"]["m.in_reply_to"]["event_id"],
        format!("$m{asked}")
    );

    // A pill for alice is natter's @alice, and natter's Markdown comes back as HTML.
    let pill = mx(
        &app,
        Method::PUT,
        &format!("{V3}/rooms/{}/send/m.room.message/txn-3", room(chats.group)),
        Some(&token),
        Some(json!({
            "msgtype": "m.text",
            "body": "Alice: **done**, see <https://x.example>",
            "format": "org.matrix.custom.html",
            "formatted_body": "<a href=\"https://matrix.to/#/@alice:example.org\">Alice</a>: <strong>done</strong>, see https://x.example",
            "m.mentions": {"user_ids": ["@alice:example.org"]},
        })),
    )
    .await;
    assert_eq!(pill.status, StatusCode::OK, "{}", pill.body);
    let shown = mx(
        &app,
        Method::GET,
        &format!(
            "{V3}/rooms/{}/event/{}",
            room(chats.group),
            pill.body["event_id"].as_str().expect("id")
        ),
        Some(&token),
        None,
    )
    .await;
    let content = &shown.body["content"];
    assert_eq!(
        content["body"], "@alice: **done**, see <https://x.example>",
        "{content}"
    );
    assert_eq!(content["format"], "org.matrix.custom.html");
    assert!(
        content["formatted_body"].as_str().is_some_and(
            |h| h.contains("<strong>done</strong>") && h.contains("&lt;https://x.example&gt;")
        ),
        "{content}"
    );
    let (_, mentions) = app.get("/api/mentions/", &alice).await;
    assert!(
        mentions.to_string().contains("**done**"),
        "alice's mentions: {mentions}"
    );

    // A read receipt moves bob's read mark: nothing unread for him after it.
    let receipt = mx(
        &app,
        Method::POST,
        &format!("{V3}/rooms/{}/receipt/m.read/$m{asked}", room(chats.group)),
        Some(&token),
        Some(json!({})),
    )
    .await;
    assert_eq!(receipt.status, StatusCode::OK, "{}", receipt.body);
    let (_, list) = app.get("/messages/api/chats/", &bob).await;
    let group = list
        .as_array()
        .or_else(|| list["results"].as_array())
        .expect("chats")
        .iter()
        .find(|c| c["id"] == chats.group)
        .cloned()
        .expect("the group");
    assert_eq!(group["unread_count"], 0, "{group}");

    // carol is in none of these: every room of theirs is refused the same way.
    let carols = token_of(&sign_in(&app, "carol", None).await);
    let _ = carol;
    for path in [
        format!("{V3}/rooms/{}/messages", room(chats.group)),
        format!("{V3}/rooms/{}/state", room(chats.group)),
        format!("{V3}/rooms/{}/messages", room(999_999)),
    ] {
        assert_error(
            &mx(&app, Method::GET, &path, Some(&carols), None).await,
            403,
            "M_FORBIDDEN",
        );
    }
    let intrude = mx(
        &app,
        Method::PUT,
        &format!("{V3}/rooms/{}/send/m.room.message/t", room(chats.group)),
        Some(&carols),
        Some(json!({"msgtype": "m.text", "body": "hi"})),
    )
    .await;
    assert_error(&intrude, 403, "M_FORBIDDEN");
    let _ = bob;
}

#[tokio::test]
async fn typing_mentions_presence_and_the_directories() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    app.register("carol").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let token = token_of(&sign_in(&app, "alice", None).await);
    let first = sync(&app, &token, "").await;
    let since = first["next_batch"]
        .as_str()
        .expect("next_batch")
        .to_string();

    // bob types: alice's waiting sync is answered with it (and a sync that begins after
    // he started is told too).
    let waiting = poll(&app, &token, &since);
    let (status, _) = app
        .post(
            &format!("/messages/api/chats/{}/typing/", chats.group),
            &bob,
            json!({"is_typing": true}),
        )
        .await;
    assert!(status.is_success(), "{status}");
    let body = tokio::time::timeout(WAIT, waiting)
        .await
        .expect("answered")
        .expect("task")
        .body;
    let ephemeral = &body["rooms"]["join"][room(chats.group)]["ephemeral"]["events"];
    let typing = ephemeral
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["type"] == "m.typing")
        .cloned()
        .expect("m.typing");
    assert_eq!(
        typing["content"]["user_ids"],
        json!(["@bob:example.org"]),
        "{body}"
    );

    // A mention of alice is a highlight.
    say(&app, &bob, chats.group, "@alice look").await;
    let later = sync(&app, &token, &format!("?since={since}&timeout=0")).await;
    assert_eq!(
        later["rooms"]["join"][room(chats.group)]["unread_notifications"]["highlight_count"],
        1,
        "{later}"
    );

    // A first sync tells everyone's presence in the person's rooms, from natter's status.
    let senders: Vec<&str> = first["presence"]["events"]
        .as_array()
        .expect("presence events")
        .iter()
        .filter(|e| e["type"] == "m.presence")
        .filter_map(|e| e["sender"].as_str())
        .collect();
    assert!(
        senders.contains(&"@bob:example.org") && senders.contains(&"@alice:example.org"),
        "{}",
        first["presence"]
    );
    // bob sets a status while alice's sync waits: it is answered with bob's presence.
    let since = later["next_batch"]
        .as_str()
        .expect("next_batch")
        .to_string();
    let mut waiting = poll(&app, &token, &since);
    // Told again until the wait has seen it (a change before the wait began is not
    // stored for it), each time with the same words.
    let deadline = Instant::now() + WAIT;
    let body = loop {
        assert!(
            Instant::now() < deadline,
            "the waiting sync never saw the status"
        );
        let (status, said) = app
            .call(
                Method::PUT,
                "/messages/api/me/status/",
                Some(&bob),
                Some(json!({"emoji": "🌴", "text": "On holiday"})),
            )
            .await;
        assert!(status.is_success(), "{status} {said}");
        if let Ok(done) = tokio::time::timeout(Duration::from_millis(200), &mut waiting).await {
            break done.expect("task").body;
        }
    };
    let told = body["presence"]["events"]
        .as_array()
        .expect("presence events")
        .iter()
        .find(|e| e["sender"] == "@bob:example.org")
        .cloned()
        .unwrap_or_else(|| panic!("bob's presence in {body}"));
    assert_eq!(told["type"], "m.presence");
    assert_eq!(told["content"]["status_msg"], "🌴 On holiday", "{told}");

    let presence = mx(
        &app,
        Method::GET,
        &format!("{V3}/presence/@bob:example.org/status"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(presence.status, StatusCode::OK, "{}", presence.body);
    assert!(
        presence.body["presence"] == "online" || presence.body["presence"] == "unavailable",
        "{}",
        presence.body
    );

    let people = mx(
        &app,
        Method::POST,
        &format!("{V3}/user_directory/search"),
        Some(&token),
        Some(json!({"search_term": "car"})),
    )
    .await;
    assert_eq!(people.status, StatusCode::OK, "{}", people.body);
    assert_eq!(
        people.body["results"][0]["user_id"], "@carol:example.org",
        "{}",
        people.body
    );
    let rooms = mx(
        &app,
        Method::GET,
        &format!("{V3}/publicRooms"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(rooms.status, StatusCode::OK, "{}", rooms.body);
    let listed: Vec<&str> = rooms.body["chunk"]
        .as_array()
        .expect("chunk")
        .iter()
        .filter_map(|r| r["room_id"].as_str())
        .collect();
    assert_eq!(listed, [room(chats.room).as_str()], "{}", rooms.body);
    // The group is nobody's public room.
    let _ = alice;
}

#[tokio::test]
async fn context_shows_a_message_between_its_neighbours() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let mut ids = Vec::new();
    for i in 0..7 {
        ids.push(say(&app, &alice, chats.group, &format!("m{i}")).await);
    }
    let token = token_of(&sign_in(&app, "bob", None).await);
    let path = format!(
        "{V3}/rooms/{}/context/$m{}?limit=4",
        room(chats.group),
        ids[3]
    );
    let answer = mx(&app, Method::GET, &path, Some(&token), None).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let text = |v: &Value| -> Vec<String> {
        v.as_array()
            .expect("events")
            .iter()
            .filter_map(|e| e["content"]["body"].as_str().map(str::to_string))
            .collect()
    };
    assert_eq!(answer.body["event"]["content"]["body"], "m3");
    assert_eq!(text(&answer.body["events_before"]), ["m2", "m1"]);
    assert_eq!(text(&answer.body["events_after"]), ["m4", "m5"]);
    assert!(answer.body["state"]
        .as_array()
        .is_some_and(|s| !s.is_empty()));
}

#[tokio::test]
async fn long_polls_count_against_the_persons_sockets() {
    let app = TestApp::spawn_with(&[
        "--rate-limits",
        "off",
        "--matrix-server-name",
        SERVER,
        "--max-sockets-per-user",
        "1",
    ])
    .await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let token = token_of(&sign_in(&app, "alice", None).await);
    let since = sync(&app, &token, "").await["next_batch"]
        .as_str()
        .expect("next_batch")
        .to_string();
    // A socket holds alice's one place: a long poll is refused, a sync that does not
    // wait is answered.
    let socket = app.socket("/messages/ws/", &alice).await;
    let waiting = mx(
        &app,
        Method::GET,
        &format!("{V3}/sync?since={since}&timeout=20000"),
        Some(&token),
        None,
    )
    .await;
    assert_error(&waiting, 429, "M_LIMIT_EXCEEDED");
    sync(&app, &token, &format!("?since={since}&timeout=0")).await;
    // With the socket gone, the place is the long poll's again, and it waits.
    drop(socket);
    let deadline = Instant::now() + WAIT;
    let poll = loop {
        let (base, token, since) = (app.base.clone(), token.clone(), since.clone());
        let poll = tokio::spawn(async move {
            reqwest::Client::new()
                .get(format!("{base}{V3}/sync?since={since}&timeout=20000"))
                .bearer_auth(token)
                .send()
                .await
                .expect("sync sent")
        });
        // The server notes a closed socket a moment after the client drops it.
        say(&app, &alice, chats.group, "hello").await;
        let answer = tokio::time::timeout(WAIT, poll)
            .await
            .expect("answered")
            .expect("task");
        if answer.status() == StatusCode::OK {
            break answer.json::<Value>().await.expect("json");
        }
        assert!(Instant::now() < deadline, "the place never came back");
    };
    assert!(
        poll["rooms"]["join"][room(chats.group)].is_object(),
        "{poll}"
    );
}
