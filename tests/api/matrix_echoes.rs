//! What Matrix apps found missing when they ran against natter, through the real binary:
//! a device's own events come back to it (and only to it) with its transaction ids, so an
//! app replaces what it showed while sending instead of showing it twice; an edit can be
//! taken away by its sender before the message is deleted; an edit's fallback is not a
//! list; events outside `/sync` carry their room; a page of history brings its senders'
//! members; a person's first activity is told to the people they share a room with; and
//! `/voip/turnServer` answers.

use crate::helpers::*;
use crate::matrix_http::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn get(app: &TestApp, token: &str, path: &str) -> Value {
    let answer = mx(app, Method::GET, path, Some(token), None).await;
    assert_eq!(answer.status, StatusCode::OK, "{path}: {}", answer.body);
    answer.body
}

async fn put(app: &TestApp, token: &str, path: &str, body: Value) -> Value {
    let answer = mx(app, Method::PUT, path, Some(token), Some(body)).await;
    assert_eq!(answer.status, StatusCode::OK, "{path}: {}", answer.body);
    answer.body
}

/// The events of `chat`'s timeline in a sync.
fn timeline(sync: &Value, chat: i64) -> Vec<Value> {
    sync["rooms"]["join"][room(chat)]["timeline"]["events"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The transaction id the event `id` carries among `events`, if it is there.
fn txn_of<'a>(events: &'a [Value], id: &str) -> Option<&'a Value> {
    let event = events.iter().find(|e| e["event_id"] == id)?;
    Some(&event["unsigned"]["transaction_id"])
}

#[tokio::test]
async fn a_devices_own_events_come_back_to_it_with_its_transaction_ids() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let phone = token_of(&sign_in(&app, "bob", Some("PHONE")).await);
    let laptop = token_of(&sign_in(&app, "bob", Some("LAPTOP")).await);
    let (status, said) = app
        .post(
            &format!("/messages/api/chats/{}/messages/", chats.group),
            &alice,
            json!({"content": "lunch?"}),
        )
        .await;
    assert!(status.is_success(), "{status} {said}");
    let asked = said["id"].as_i64().expect("id");
    let since = |s: &Value| s["next_batch"].as_str().expect("next_batch").to_string();
    let phone_since = since(&get(&app, &phone, &format!("{V3}/sync")).await);
    let laptop_since = since(&get(&app, &laptop, &format!("{V3}/sync")).await);

    let at = |kind: &str, txn: &str| format!("{V3}/rooms/{}/send/{kind}/{txn}", room(chats.group));
    let sent = put(
        &app,
        &phone,
        &at("m.room.message", "t-msg"),
        json!({"msgtype": "m.text", "body": "yes"}),
    )
    .await;
    let message = sent["event_id"].as_str().expect("event_id").to_string();
    let reacted = put(
        &app,
        &phone,
        &at("m.reaction", "t-react"),
        json!({"m.relates_to": {"rel_type": "m.annotation", "event_id": format!("$m{asked}"), "key": "👍"}}),
    )
    .await;
    let reaction = reacted["event_id"].as_str().expect("event_id").to_string();
    let edited = put(
        &app,
        &phone,
        &at("m.room.message", "t-edit"),
        json!({
            "msgtype": "m.text",
            "body": "* yes, **at noon**",
            "m.new_content": {"msgtype": "m.text", "body": "yes, **at noon**"},
            "m.relates_to": {"rel_type": "m.replace", "event_id": message},
        }),
    )
    .await;
    let edit = edited["event_id"].as_str().expect("event_id").to_string();

    let mine = timeline(
        &get(&app, &phone, &format!("{V3}/sync?since={phone_since}")).await,
        chats.group,
    );
    assert_eq!(txn_of(&mine, &message), Some(&json!("t-msg")), "{mine:?}");
    assert_eq!(
        txn_of(&mine, &reaction),
        Some(&json!("t-react")),
        "{mine:?}"
    );
    assert_eq!(txn_of(&mine, &edit), Some(&json!("t-edit")), "{mine:?}");
    // The edit's fallback for apps without edits is "* " and the text, not a list.
    let fallback = &mine
        .iter()
        .find(|e| e["event_id"] == edit)
        .expect("the edit")["content"];
    assert_eq!(fallback["body"], "* yes, **at noon**", "{fallback}");
    assert_eq!(
        fallback["formatted_body"], "* yes, <strong>at noon</strong>",
        "{fallback}"
    );
    // Another device of the same person is not told the ids.
    let theirs = timeline(
        &get(&app, &laptop, &format!("{V3}/sync?since={laptop_since}")).await,
        chats.group,
    );
    for id in [&message, &reaction, &edit] {
        assert_eq!(txn_of(&theirs, id), Some(&Value::Null), "{id}: {theirs:?}");
    }
    // History pages tell the sending device too.
    let page = format!("{V3}/rooms/{}/messages?dir=b&limit=20", room(chats.group));
    let chunk = get(&app, &phone, &page).await["chunk"].clone();
    let chunk = chunk.as_array().expect("chunk");
    assert_eq!(txn_of(chunk, &message), Some(&json!("t-msg")), "{chunk:?}");
    let chunk = get(&app, &laptop, &page).await["chunk"].clone();
    let chunk = chunk.as_array().expect("chunk");
    assert_eq!(txn_of(chunk, &message), Some(&Value::Null), "{chunk:?}");

    // A deletion too; the transaction of a retried deletion is the first one's.
    let next = since(&get(&app, &phone, &format!("{V3}/sync?since={phone_since}")).await);
    let redact = format!("{V3}/rooms/{}/redact/{message}/t-del", room(chats.group));
    let deleted = put(&app, &phone, &redact, json!({})).await;
    let again = put(&app, &phone, &redact, json!({})).await;
    assert_eq!(deleted["event_id"], again["event_id"]);
    let after = timeline(
        &get(&app, &phone, &format!("{V3}/sync?since={next}")).await,
        chats.group,
    );
    let deletion = deleted["event_id"].as_str().expect("event_id");
    assert_eq!(txn_of(&after, deletion), Some(&json!("t-del")), "{after:?}");
}

#[tokio::test]
async fn an_edit_is_taken_away_by_its_sender_only() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let bob = token_of(&sign_in(&app, "bob", None).await);
    let alice_mx = token_of(&sign_in(&app, "alice", None).await);
    let at = |txn: &str| format!("{V3}/rooms/{}/send/m.room.message/{txn}", room(chats.group));
    let sent = put(
        &app,
        &bob,
        &at("e1"),
        json!({"msgtype": "m.text", "body": "draft"}),
    )
    .await;
    let message = sent["event_id"].as_str().expect("event_id").to_string();
    let edited = put(
        &app,
        &bob,
        &at("e2"),
        json!({
            "msgtype": "m.text",
            "body": "* final",
            "m.new_content": {"msgtype": "m.text", "body": "final"},
            "m.relates_to": {"rel_type": "m.replace", "event_id": message},
        }),
    )
    .await;
    let edit = edited["event_id"].as_str().expect("event_id").to_string();
    let redact =
        |event: &str, txn: &str| format!("{V3}/rooms/{}/redact/{event}/{txn}", room(chats.group));
    // Someone else's edit is refused; one's own is taken, then the message goes.
    let refused = mx(
        &app,
        Method::PUT,
        &redact(&edit, "r0"),
        Some(&alice_mx),
        Some(json!({})),
    )
    .await;
    assert_error(&refused, 403, "M_FORBIDDEN");
    let taken = put(&app, &bob, &redact(&edit, "r1"), json!({})).await;
    assert!(taken["event_id"].is_string(), "{taken}");
    put(&app, &bob, &redact(&message, "r2"), json!({})).await;
    // After the message is gone, its edit's redaction is still answered alike.
    put(&app, &bob, &redact(&edit, "r3"), json!({})).await;
    let (_, history) = app
        .get(
            &format!("/messages/api/chats/{}/messages/", chats.group),
            &alice,
        )
        .await;
    assert!(
        !history.to_string().contains("final"),
        "the deleted message's text is gone: {history}"
    );
    // A transaction id longer than natter keeps is refused before anything happens.
    let long = "t".repeat(256);
    let refused = mx(
        &app,
        Method::PUT,
        &redact(&message, &long),
        Some(&bob),
        Some(json!({})),
    )
    .await;
    assert_error(&refused, 400, "M_INVALID_PARAM");
    // An event id of no kind natter makes is not found.
    let unknown = mx(
        &app,
        Method::PUT,
        &redact("$zz1", "r4"),
        Some(&bob),
        Some(json!({})),
    )
    .await;
    assert_error(&unknown, 404, "M_NOT_FOUND");
}

#[tokio::test]
async fn events_outside_sync_carry_their_room_and_pages_bring_their_senders() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let (status, said) = app
        .post(
            &format!("/messages/api/chats/{}/messages/", chats.group),
            &alice,
            json!({"content": "from alice"}),
        )
        .await;
    assert!(status.is_success(), "{status} {said}");
    let id = said["id"].as_i64().expect("id");
    let bob = token_of(&sign_in(&app, "bob", None).await);
    let r = room(chats.group);
    let in_room = |events: &Value| {
        let events = events.as_array().expect("events");
        assert!(!events.is_empty());
        for e in events {
            assert_eq!(e["room_id"], r.as_str(), "{e}");
        }
    };
    let page = get(
        &app,
        &bob,
        &format!("{V3}/rooms/{r}/messages?dir=b&limit=5"),
    )
    .await;
    in_room(&page["chunk"]);
    in_room(&page["state"]);
    // The page's state is its senders' members: alice, who wrote, with her name.
    let alice_member = page["state"]
        .as_array()
        .expect("state")
        .iter()
        .find(|e| e["type"] == "m.room.member" && e["state_key"] == format!("@alice:{SERVER}"))
        .cloned()
        .unwrap_or_else(|| panic!("alice's member event: {page}"));
    assert_eq!(alice_member["content"]["membership"], "join");
    assert_eq!(alice_member["content"]["displayname"], "alice");
    in_room(&get(&app, &bob, &format!("{V3}/rooms/{r}/state")).await);
    in_room(&get(&app, &bob, &format!("{V3}/rooms/{r}/members")).await["chunk"]);
    let event = get(&app, &bob, &format!("{V3}/rooms/{r}/event/$m{id}")).await;
    assert_eq!(event["room_id"], r.as_str(), "{event}");
    let context = get(
        &app,
        &bob,
        &format!("{V3}/rooms/{r}/context/$m{id}?limit=4"),
    )
    .await;
    assert_eq!(context["event"]["room_id"], r.as_str(), "{context}");
    in_room(&context["state"]);
}

#[tokio::test]
async fn a_persons_first_activity_is_told_and_turn_servers_are_answered() {
    // One long poll a person: a second one answering 429 shows the first is waiting.
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
    let (carol_id, _) = app.register("carol").await;
    chats_of_every_kind(&app, &alice, carol_id, "carol").await;
    let alice_mx = token_of(&sign_in(&app, "alice", None).await);
    let first = get(&app, &alice_mx, &format!("{V3}/sync")).await;
    let since = first["next_batch"]
        .as_str()
        .expect("next_batch")
        .to_string();
    // alice waits; carol, never seen before, opens a Matrix app.
    let mut waiting = poll(&app, &alice_mx, &since);
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let probe = mx(
            &app,
            Method::GET,
            &format!("{V3}/sync?since={since}&timeout=1"),
            Some(&alice_mx),
            None,
        )
        .await;
        if probe.status == StatusCode::TOO_MANY_REQUESTS {
            break;
        }
        // The poll came while a probe held the place, and was refused: again.
        if waiting.is_finished() {
            let refused = waiting.await.expect("task");
            assert_eq!(
                refused.status,
                StatusCode::TOO_MANY_REQUESTS,
                "{}",
                refused.body
            );
            waiting = poll(&app, &alice_mx, &since);
        }
        assert!(
            std::time::Instant::now() < deadline,
            "alice's poll never waited"
        );
    }
    let carol = token_of(&sign_in(&app, "carol", None).await);
    let carols = get(&app, &carol, &format!("{V3}/sync?set_presence=online")).await;
    // Her own first sync already says she is here.
    let me = carols["presence"]["events"]
        .as_array()
        .expect("presence")
        .iter()
        .find(|e| e["sender"] == format!("@carol:{SERVER}"))
        .cloned()
        .unwrap_or_else(|| panic!("carol's presence: {carols}"));
    assert_eq!(me["content"]["presence"], "online", "{me}");
    let Polled {
        status, body: woke, ..
    } = tokio::time::timeout(WAIT, waiting)
        .await
        .expect("alice's sync answers")
        .expect("task");
    assert_eq!(status, StatusCode::OK, "{woke}");
    let told = woke["presence"]["events"]
        .as_array()
        .expect("presence")
        .iter()
        .any(|e| e["sender"] == format!("@carol:{SERVER}") && e["content"]["presence"] == "online");
    assert!(told, "alice hears carol arrive: {woke}");

    // Without --turn there is no TURN server to give; without a token, no answer.
    let turn = get(&app, &carol, &format!("{V3}/voip/turnServer")).await;
    assert_eq!(turn, json!({}));
    let anonymous = mx(
        &app,
        Method::GET,
        &format!("{V3}/voip/turnServer"),
        None,
        None,
    )
    .await;
    assert_error(&anonymous, 401, "M_MISSING_TOKEN");
}

#[tokio::test]
async fn lazy_loading_sends_the_members_the_timeline_needs() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    let (carol_id, carol) = app.register("carol").await;
    let (status, group) = app
        .post(
            "/messages/api/chats/",
            &alice,
            json!({"chat_type": "group", "title": "trio", "member_ids": [bob_id, carol_id]}),
        )
        .await;
    assert!(status.is_success(), "{status} {group}");
    let chat = group["id"].as_i64().expect("id");
    let say = |who: String, text: &'static str| {
        let app = &app;
        async move {
            let (status, body) = app
                .post(
                    &format!("/messages/api/chats/{chat}/messages/"),
                    &who,
                    json!({"content": text}),
                )
                .await;
            assert!(status.is_success(), "{status} {body}");
        }
    };
    say(alice.clone(), "hello both").await;
    let bob = token_of(&sign_in(&app, "bob", None).await);
    let members = |sync: &Value| -> Vec<String> {
        let mut keys: Vec<String> = sync["rooms"]["join"][room(chat)]["state"]["events"]
            .as_array()
            .expect("state")
            .iter()
            .filter(|e| e["type"] == "m.room.member")
            .filter_map(|e| e["state_key"].as_str().map(str::to_string))
            .collect();
        keys.sort();
        keys
    };
    let id = |name: &str| format!("@{name}:{SERVER}");
    let whole = get(&app, &bob, &format!("{V3}/sync")).await;
    assert_eq!(members(&whole), [id("alice"), id("bob"), id("carol")]);
    let lazy = r#"{"room":{"state":{"lazy_load_members":true}}}"#;
    let first = get(&app, &bob, &format!("{V3}/sync?filter={lazy}")).await;
    // alice, who wrote, and bob, who reads; not carol, who said nothing.
    assert_eq!(members(&first), [id("alice"), id("bob")], "{first}");
    assert_eq!(
        first["rooms"]["join"][room(chat)]["summary"]["m.joined_member_count"],
        3
    );
    // carol speaks: the next lazy sync brings her member event with her message.
    let since = first["next_batch"]
        .as_str()
        .expect("next_batch")
        .to_string();
    say(carol, "I am here too").await;
    let next = get(
        &app,
        &bob,
        &format!("{V3}/sync?filter={lazy}&since={since}"),
    )
    .await;
    assert_eq!(members(&next), [id("carol")], "{next}");
}
