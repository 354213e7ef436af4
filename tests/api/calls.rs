//! Calls through natter's own socket (`/messages/ws/`) and the rooms surface's: who
//! hears a call start, the relay rules (signals only between people in the call, only to
//! the addressed one, within size and rate limits), the call's record and its ringing
//! message, and the ICE servers endpoint with coturn-style TURN credentials.

use crate::helpers::{
    assert_quiet, next_json, send_json, try_next_json, wait_for, Socket, TestApp,
};
use serde_json::{json, Value};
use std::time::Duration;

/// A group chat of `owner` with `others`; its id.
async fn group(app: &TestApp, owner: &str, others: &[i64]) -> i64 {
    let (status, chat) = app
        .post(
            "/messages/api/chats/",
            owner,
            json!({"chat_type": "group", "title": "Standup", "member_ids": others}),
        )
        .await;
    assert!(status.is_success(), "{status} {chat}");
    chat["id"].as_i64().expect("chat id")
}

/// The next call frame (`type` one of `kinds`) on `ws`, skipping the chat's other events.
async fn next_call(ws: &mut Socket, kind: &str) -> Value {
    wait_for(ws, |f| f["type"] == kind).await
}

/// Joins `chat`'s call on `ws` (natter's own socket) and waits for the state that lists
/// `me`.
pub(crate) async fn join(ws: &mut Socket, chat: i64, me: i64) {
    join_with(ws, chat, me, json!({})).await;
}

/// [`join`] with `data` as `join_call`'s (`{"sfu": true}`): the participants of the
/// state that lists `me`.
pub(crate) async fn join_with(ws: &mut Socket, chat: i64, me: i64, data: Value) -> Vec<Value> {
    send_json(
        ws,
        json!({"type": "join_call", "chat_id": chat, "data": data}),
    )
    .await;
    let state = wait_for(ws, |f| {
        f["type"] == "call_state"
            && f["chat_id"] == chat
            && f["data"]["participants"]
                .as_array()
                .is_some_and(|p| p.iter().any(|p| p["user_id"] == me))
    })
    .await;
    state["data"]["participants"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// No frame of `kind` reaches `ws` within a short wait (other frames are skipped).
async fn never(ws: &mut Socket, kind: &str) {
    let deadline = tokio::time::Instant::now() + Duration::from_millis(700);
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        if left.is_zero() {
            return;
        }
        if let Some(frame) = try_next_json(ws, left).await {
            assert_ne!(frame["type"], kind, "unexpected {frame}");
        }
    }
}

#[tokio::test]
async fn a_call_rings_the_chat_and_signals_reach_only_their_target() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("ann").await;
    let (b, tb) = app.register("ben").await;
    let (c, tc) = app.register("cy").await;
    let (_, td) = app.register("dee").await;
    let chat = group(&app, &ta, &[b, c]).await;
    let mut sa = app.socket("/messages/ws/", &ta).await;
    let mut sb = app.socket("/messages/ws/", &tb).await;
    let mut sc = app.socket("/messages/ws/", &tc).await;
    let mut sd = app.socket("/messages/ws/", &td).await;

    // Ann starts the call: every member hears the state (the ring) and the message.
    send_json(
        &mut sa,
        json!({"type": "join_call", "chat_id": chat, "data": {}}),
    )
    .await;
    // The ringing message and the call's state, in either order (the message goes
    // through the writer, the state straight to the hub).
    let mut rung = Value::Null;
    for ws in [&mut sa, &mut sb, &mut sc] {
        let (mut message, mut state) = (None, None);
        while message.is_none() || state.is_none() {
            let frame = next_json(ws).await;
            match frame["type"].as_str() {
                Some("new_message") => message = Some(frame),
                Some("call_state") => state = Some(frame),
                _ => {}
            }
        }
        rung = message.unwrap_or_default();
        assert_eq!(rung["message"]["content"], "📞 started a call");
        let state = state.unwrap_or_default();
        assert_eq!(state["chat_id"], chat);
        assert_eq!(state["data"]["room_state"], "active");
        assert_eq!(
            state["data"]["participants"],
            json!([{"user_id": a, "username": "ann", "state": "active", "display_name": "ann", "microphone_on": true, "camera_on": true, "sfu": false}])
        );
    }
    // Ben answers; Cy declines.
    send_json(
        &mut sb,
        json!({"type": "join_call", "chat_id": chat, "data": {}}),
    )
    .await;
    let joined = next_call(&mut sa, "user_joined").await;
    assert_eq!(
        joined,
        json!({"type": "user_joined", "chat_id": chat, "data": {"user": {"id": b, "username": "ben"}}})
    );
    send_json(
        &mut sc,
        json!({"type": "decline_call", "chat_id": chat, "data": {}}),
    )
    .await;
    let declined = next_call(&mut sa, "call_declined").await;
    assert_eq!(
        declined["data"],
        json!({"user_id": c, "username": "cy", "display_name": "cy"})
    );

    // An offer reaches Ben only, with who sent it; nobody else sees an SDP.
    let offer = json!({"type": "offer", "chat_id": chat, "data": {"target_user_id": b, "sdp": "v=0 secret", "from_user_id": 999}});
    send_json(&mut sa, offer).await;
    let got = next_call(&mut sb, "offer").await;
    assert_eq!(
        got,
        json!({"type": "offer", "chat_id": chat, "data": {"from_user_id": a, "target_user_id": b, "sdp": "v=0 secret"}})
    );
    send_json(
        &mut sb,
        json!({"type": "answer", "chat_id": chat, "data": {"target_user_id": a, "sdp": "v=0 back"}}),
    )
    .await;
    assert_eq!(
        next_call(&mut sa, "answer").await["data"]["from_user_id"],
        b
    );
    send_json(
        &mut sb,
        json!({"type": "ice_candidate", "chat_id": chat, "data": {"target_user_id": a, "candidate": {"candidate": "candidate:1 1 udp 1 10.0.0.1 9 typ host", "sdpMid": "0", "sdpMLineIndex": 0}}}),
    )
    .await;
    let candidate = next_call(&mut sa, "ice_candidate").await;
    assert_eq!(candidate["data"]["candidate"]["sdpMid"], "0");
    for ws in [&mut sc, &mut sd] {
        never(ws, "offer").await;
    }
    assert_quiet(&mut sd).await;

    // Cy, a member not in the call, can neither signal nor be signalled.
    send_json(
        &mut sc,
        json!({"type": "offer", "chat_id": chat, "data": {"target_user_id": a, "sdp": "v=0"}}),
    )
    .await;
    let refused = next_call(&mut sc, "error").await;
    assert_eq!(refused["error"], "not_in_call", "{refused}");
    send_json(
        &mut sa,
        json!({"type": "offer", "chat_id": chat, "data": {"target_user_id": c, "sdp": "v=0"}}),
    )
    .await;
    assert_eq!(
        next_call(&mut sa, "error").await["error"],
        "target_not_in_call"
    );
    never(&mut sc, "offer").await;
    // A missing or wrong target, a body that is not an object.
    for data in [
        json!({"sdp": "v=0"}),
        json!({"target_user_id": "2"}),
        json!([1]),
    ] {
        send_json(
            &mut sa,
            json!({"type": "offer", "chat_id": chat, "data": data}),
        )
        .await;
        let error = next_call(&mut sa, "error").await;
        assert_eq!(error["error"], "validation_error", "{error}");
    }
    // Dee is no member: she cannot join, and learns nothing of the chat.
    send_json(
        &mut sd,
        json!({"type": "join_call", "chat_id": chat, "data": {}}),
    )
    .await;
    assert_eq!(next_json(&mut sd).await["error"], "not_found");
    send_json(
        &mut sd,
        json!({"type": "join_call", "chat_id": "x", "data": {}}),
    )
    .await;
    assert_eq!(next_json(&mut sd).await["error"], "validation_error");
    send_json(&mut sd, json!({"type": "join_call", "data": {}})).await;
    assert_eq!(next_json(&mut sd).await["error"], "validation_error");

    // Ben's socket closing takes him out of the call; Ann leaving ends it.
    drop(sb);
    let left = next_call(&mut sa, "user_left").await;
    assert_eq!(left["data"]["user_id"], b);
    send_json(
        &mut sa,
        json!({"type": "leave_call", "chat_id": chat, "data": {}}),
    )
    .await;
    let ended = wait_for(&mut sc, |f| {
        f["type"] == "call_state" && f["data"]["room_state"] == "idle"
    })
    .await;
    assert_eq!(ended["data"]["participants"], json!([]));

    // The record: who called, who joined and declined, how long.
    let (status, calls) = app.get(&format!("/api/calls/?chat_id={chat}"), &tc).await;
    assert_eq!(status, 200, "{calls}");
    assert_eq!(calls["count"], 1);
    let call = &calls["results"][0];
    assert_eq!(
        call["started_by"],
        json!({"id": a, "username": "ann", "display_name": "ann"})
    );
    let joined = call["joined"].as_array().cloned().unwrap_or_default();
    let who: Vec<(&Value, &Value)> = joined.iter().map(|j| (&j["id"], &j["username"])).collect();
    assert_eq!(
        who,
        [(&json!(a), &json!("ann")), (&json!(b), &json!("ben"))]
    );
    // Each with when they joined and left: Ben (his socket closed) before Ann, whose
    // leave ended the call.
    let at = |i: usize, key: &str| joined[i][key].as_str().unwrap_or_default().to_string();
    assert!(at(0, "joined_at") <= at(1, "joined_at"), "{call}");
    assert!(
        !at(1, "left_at").is_empty() && at(1, "left_at") <= at(0, "left_at"),
        "{call}"
    );
    assert_eq!(
        call["ended_at"].as_str(),
        Some(at(0, "left_at").as_str()),
        "{call}"
    );
    assert_eq!(
        call["declined"],
        json!([{"id": c, "username": "cy", "display_name": "cy"}])
    );
    assert_eq!(call["active"], false);
    assert!(call["ended_at"].is_string(), "{call}");
    assert!(
        call["duration_seconds"].as_i64().is_some_and(|s| s >= 0),
        "{call}"
    );
    assert_eq!(call["message_id"], rung["message"]["id"]);
    // Cy missed it: the ringing message is unread for him, not for Ben who joined.
    let unread = |list: &Value| {
        list["results"]
            .as_array()
            .and_then(|r| r.iter().find(|c| c["id"] == chat))
            .map(|c| c["unread_count"].clone())
    };
    let (_, list) = app.get("/messages/api/chats/", &tc).await;
    assert_eq!(unread(&list), Some(json!(1)), "{list}");
    let (_, list) = app.get("/messages/api/chats/", &tb).await;
    assert_eq!(unread(&list), Some(json!(0)), "{list}");
    // Not a member: not found; a chat id that is no number: 400.
    let (status, _) = app.get(&format!("/api/calls/?chat_id={chat}"), &td).await;
    assert_eq!(status, 404);
    let (status, body) = app.get("/api/calls/?chat_id=x", &ta).await;
    assert_eq!(status, 400, "{body}");
}

#[tokio::test]
async fn calls_in_progress_are_listed_for_members_who_open_natter_later() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("ann").await;
    let (b, tb) = app.register("ben").await;
    let (_, tc) = app.register("cy").await;
    let chat = group(&app, &ta, &[b]).await;
    let mut sa = app.socket("/messages/ws/", &ta).await;
    join(&mut sa, chat, a).await;
    let (status, now) = app.get("/api/calls/", &tb).await;
    assert_eq!(status, 200, "{now}");
    assert_eq!(now["count"], 1);
    assert_eq!(now["results"][0]["chat_id"], chat);
    assert_eq!(now["results"][0]["active"], true);
    assert_eq!(
        now["results"][0]["participants"],
        json!([{"user_id": a, "username": "ann", "display_name": "ann", "microphone_on": true, "camera_on": true, "sfu": false}])
    );
    let (_, none) = app.get("/api/calls/", &tc).await;
    assert_eq!(none["count"], 0, "{none}");
    let (status, _) = app
        .call(reqwest::Method::GET, "/api/calls/", None, None)
        .await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn a_full_call_refuses_one_more_politely() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--call-max-participants", "2"]).await;
    let (a, ta) = app.register("ann").await;
    let (b, tb) = app.register("ben").await;
    let (c, tc) = app.register("cy").await;
    let chat = group(&app, &ta, &[b, c]).await;
    let mut sa = app.socket("/messages/ws/", &ta).await;
    let mut sb = app.socket("/messages/ws/", &tb).await;
    let mut sc = app.socket("/messages/ws/", &tc).await;
    join(&mut sa, chat, a).await;
    join(&mut sb, chat, b).await;
    send_json(
        &mut sc,
        json!({"type": "join_call", "chat_id": chat, "data": {}}),
    )
    .await;
    let refused = next_call(&mut sc, "error").await;
    assert_eq!(refused["error"], "call_full");
    assert_eq!(
        (&refused["chat_id"], &refused["request"]),
        (&json!(chat), &json!("join_call"))
    );
    assert!(
        refused["details"]["message"]
            .as_str()
            .is_some_and(|m| m.contains('2')),
        "{refused}"
    );
    // Joining again from a second socket of someone in the call is no extra person.
    let mut sa2 = app.socket("/messages/ws/", &ta).await;
    join(&mut sa2, chat, a).await;
    let _ = c;
}

#[tokio::test]
async fn natters_client_and_a_seed_003_client_share_a_rooms_call() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("ann").await;
    let (b, tb) = app.register("ben").await;
    let (status, room) = app
        .post("/api/rooms/", &ta, json!({"name": "Huddle"}))
        .await;
    assert_eq!(status, 201, "{room}");
    let room = room["id"].as_i64().expect("room id");
    let (status, _) = app
        .post(&format!("/api/rooms/{room}/join/"), &tb, json!({}))
        .await;
    assert_eq!(status, 200);
    // Ann on natter's own socket, Ben as seed 003's client on the room's call socket.
    let mut own = app.socket("/messages/ws/", &ta).await;
    let mut seed = app.socket(&format!("/ws/call/{room}/"), &tb).await;
    send_json(&mut seed, json!({"type": "join_call", "data": {}})).await;
    let state = next_call(&mut own, "call_state").await;
    assert_eq!(state["chat_id"], room);
    assert_eq!(state["data"]["participants"][0]["user_id"], b);
    // Seed 003's socket sees call frames only: a call it starts rings quietly.
    assert_eq!(next_json(&mut seed).await["type"], "call_state");
    join(&mut own, room, a).await;
    assert_eq!(
        next_call(&mut seed, "user_joined").await["data"]["user"]["id"],
        a
    );
    send_json(
        &mut own,
        json!({"type": "offer", "chat_id": room, "data": {"target_user_id": b, "sdp": "v=0 from natter"}}),
    )
    .await;
    let offer = next_call(&mut seed, "offer").await;
    assert_eq!(
        offer,
        json!({"type": "offer", "data": {"from_user_id": a, "target_user_id": b, "sdp": "v=0 from natter"}})
    );
    send_json(
        &mut seed,
        json!({"type": "answer", "data": {"target_user_id": a, "sdp": "v=0 from seed"}}),
    )
    .await;
    let answer = next_call(&mut own, "answer").await;
    assert_eq!(answer["chat_id"], room);
    assert_eq!(answer["data"]["sdp"], "v=0 from seed");
    // Seed 003's error shape for a signal to someone outside the call.
    send_json(
        &mut seed,
        json!({"type": "offer", "data": {"target_user_id": 999, "sdp": "v=0"}}),
    )
    .await;
    let error = next_call(&mut seed, "error").await;
    assert_eq!(error["data"]["code"], "target_not_in_call", "{error}");
}

#[tokio::test]
async fn a_signal_flood_is_cut_off_and_an_oversized_one_refused() {
    let app = TestApp::spawn_with(&["--rate-limits", "on"]).await;
    let (a, ta) = app.register("ann").await;
    let (b, tb) = app.register("ben").await;
    let chat = group(&app, &ta, &[b]).await;
    let mut sa = app.socket("/messages/ws/", &ta).await;
    let mut sb = app.socket("/messages/ws/", &tb).await;
    join(&mut sa, chat, a).await;
    join(&mut sb, chat, b).await;
    // Over 64 KiB: an error frame, nothing relayed.
    let huge = "a".repeat(70 * 1024);
    send_json(
        &mut sa,
        json!({"type": "offer", "chat_id": chat, "data": {"target_user_id": b, "sdp": huge}}),
    )
    .await;
    assert_eq!(
        next_call(&mut sa, "error").await["error"],
        "frame_too_large"
    );
    // 600 signals a minute go through (a call's trickle of candidates needs many more
    // than the 60 frames of messages and typing), then rate_limited. Ben reads as they
    // come, as a browser would.
    let (count, mut counted) = tokio::sync::watch::channel(0usize);
    let reader = tokio::spawn(async move {
        let mut relayed = Vec::new();
        while relayed.len() < 600 {
            let frame = next_json(&mut sb).await;
            if frame["type"] == "ice_candidate" {
                relayed.push(frame["data"]["candidate"]["candidate"].clone());
                let _ = count.send(relayed.len());
            }
        }
        never(&mut sb, "ice_candidate").await;
        relayed
    });
    for i in 0..600 {
        // In bursts of 100, each read before the next: a socket's queue holds 256 events
        // (a burst of more to one reader than a browser ever gets closes it with 1013).
        if i % 100 == 0 {
            tokio::time::timeout(Duration::from_secs(10), counted.wait_for(|n| *n >= i))
                .await
                .expect("the reader keeps up")
                .expect("the reader runs");
        }
        send_json(
            &mut sa,
            json!({"type": "ice_candidate", "chat_id": chat, "data": {"target_user_id": b, "candidate": {"candidate": format!("c{i}")}}}),
        )
        .await;
    }
    send_json(
        &mut sa,
        json!({"type": "ice_candidate", "chat_id": chat, "data": {"target_user_id": b, "candidate": {"candidate": "one too many"}}}),
    )
    .await;
    let limited = next_call(&mut sa, "error").await;
    assert_eq!(limited["error"], "rate_limited", "{limited}");
    let relayed = reader.await.expect("reader");
    assert_eq!(relayed.len(), 600);
    assert_eq!(relayed[599], "c599");
    // Messages keep their own budget.
    let (status, _) = app
        .post(
            &format!("/messages/api/chats/{chat}/messages/"),
            &ta,
            json!({"content": "still here"}),
        )
        .await;
    assert_eq!(status, 201);
}

#[tokio::test]
async fn ice_servers_without_turn_are_empty_and_need_a_caller() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("ann").await;
    let (status, body) = app.get("/api/calls/ice-servers/", &ta).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["ice_servers"], json!([]));
    assert_eq!(body["turn"], false);
    let (status, _) = app
        .call(reqwest::Method::GET, "/api/calls/ice-servers/", None, None)
        .await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn ice_servers_carry_turn_credentials_in_coturns_scheme() {
    let dir = tempfile::tempdir().expect("tempdir");
    let secret = dir.path().join("turn-secret");
    std::fs::write(&secret, "north-wind\n").expect("secret file");
    let secret_arg = secret.to_string_lossy().to_string();
    let app = TestApp::spawn_with(&[
        "--stun",
        "stun:stun.example.org:3478",
        "--turn",
        "turn:turn.example.org:3478?transport=udp,turns:turn.example.org:5349",
        "--turn-secret-file",
        &secret_arg,
        "--turn-credential-ttl",
        "2h",
    ])
    .await;
    let (me, ta) = app.register("ann").await;
    let (status, body) = app.get("/api/calls/ice-servers/", &ta).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["turn"], true);
    assert_eq!(body["ttl"], 7200);
    assert_eq!(
        body["ice_servers"][0],
        json!({"urls": ["stun:stun.example.org:3478"]})
    );
    let turn = &body["ice_servers"][1];
    assert_eq!(
        turn["urls"],
        json!([
            "turn:turn.example.org:3478?transport=udp",
            "turns:turn.example.org:5349"
        ])
    );
    let username = turn["username"].as_str().expect("username");
    let (expiry, user) = username.split_once(':').expect("EXPIRY:USER");
    assert_eq!(user, me.to_string());
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64;
    let expiry: i64 = expiry.parse().expect("expiry in seconds");
    assert!((expiry - now - 7200).abs() < 60, "{expiry} vs {now}");
    // The password is base64(HMAC-SHA1(secret, username)), as coturn checks it.
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, b"north-wind");
    let tag = ring::hmac::sign(&key, username.as_bytes());
    use base64::Engine;
    assert_eq!(
        turn["credential"],
        base64::engine::general_purpose::STANDARD.encode(tag.as_ref())
    );
}

#[tokio::test]
async fn turn_without_its_secret_stops_the_start_with_a_sentence() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = std::process::Command::new(crate::helpers::natter_bin())
        .args(["--listen", "127.0.0.1:0", "--db"])
        .arg(dir.path().join("natter.db"))
        .args(["--turn", "turn:turn.example.org:3478"])
        .env_remove("NATTER_TURN_SECRET")
        .output()
        .expect("natter runs");
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("NATTER_TURN_SECRET"), "{said}");
    assert!(!dir.path().join("natter.db").exists());
    let out = std::process::Command::new(crate::helpers::natter_bin())
        .args(["--listen", "127.0.0.1:0", "--db"])
        .arg(dir.path().join("natter.db"))
        .args(["--turn", "http://turn.example.org"])
        .output()
        .expect("natter runs");
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("turn:"), "{said}");
}

/// `name`'s display name becomes `shown` (`PATCH /api/account/`).
async fn rename(app: &TestApp, auth: &str, shown: &str) {
    let (status, me) = app
        .call(
            reqwest::Method::PATCH,
            "/api/account/",
            Some(auth),
            Some(json!({"display_name": shown})),
        )
        .await;
    assert_eq!(status, 200, "{me}");
}

/// The call state's entry for `user` on `ws`: the next `call_state` of `chat` that
/// `pick` accepts for them.
async fn state_of(ws: &mut Socket, chat: i64, user: i64, pick: impl Fn(&Value) -> bool) -> Value {
    let frame = wait_for(ws, |f| {
        f["type"] == "call_state"
            && f["chat_id"] == chat
            && f["data"]["participants"]
                .as_array()
                .is_some_and(|p| p.iter().any(|p| p["user_id"] == user && pick(p)))
    })
    .await;
    frame["data"]["participants"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["user_id"] == user))
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_microphone_turned_off_is_shown_to_the_call_and_to_whoever_joins_later() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("ann").await;
    let (b, tb) = app.register("ben").await;
    let (c, tc) = app.register("cy").await;
    rename(&app, &tb, "Ben Okafor").await;
    let chat = group(&app, &ta, &[b, c]).await;
    let mut sa = app.socket("/messages/ws/", &ta).await;
    let mut sb = app.socket("/messages/ws/", &tb).await;
    let mut sc = app.socket("/messages/ws/", &tc).await;
    join(&mut sa, chat, a).await;
    join(&mut sb, chat, b).await;
    // Ben, as everyone, starts with both on and is named as people see him.
    let ben = state_of(&mut sa, chat, b, |_| true).await;
    assert_eq!(
        ben,
        json!({"user_id": b, "username": "ben", "state": "active", "display_name": "Ben Okafor", "microphone_on": true, "camera_on": true, "sfu": false})
    );

    // Ben turns his microphone off: Ann's state shows it, his camera untouched.
    send_json(
        &mut sb,
        json!({"type": "media_state", "chat_id": chat, "data": {"microphone_on": false}}),
    )
    .await;
    let ben = state_of(&mut sa, chat, b, |p| p["microphone_on"] == false).await;
    assert_eq!(ben["camera_on"], true, "{ben}");

    // Only Ann says what Ann's microphone is: Ben naming her is refused, and so is Cy,
    // who is not in the call, and a flag that is not a boolean.
    send_json(
        &mut sb,
        json!({"type": "media_state", "chat_id": chat, "data": {"user_id": a, "microphone_on": false}}),
    )
    .await;
    let refused = next_call(&mut sb, "error").await;
    assert_eq!(refused["error"], "permission_denied", "{refused}");
    assert_eq!(refused["request"], "media_state", "{refused}");
    send_json(
        &mut sc,
        json!({"type": "media_state", "chat_id": chat, "data": {"camera_on": false}}),
    )
    .await;
    assert_eq!(next_call(&mut sc, "error").await["error"], "not_in_call");
    send_json(
        &mut sb,
        json!({"type": "media_state", "chat_id": chat, "data": {"camera_on": "off"}}),
    )
    .await;
    assert_eq!(
        next_call(&mut sb, "error").await["error"],
        "validation_error"
    );
    send_json(
        &mut sb,
        json!({"type": "media_state", "chat_id": chat, "data": {}}),
    )
    .await;
    assert_eq!(
        next_call(&mut sb, "error").await["error"],
        "validation_error"
    );

    // Cy joins later: the state he gets shows Ben's microphone off and Ann's on.
    send_json(
        &mut sc,
        json!({"type": "join_call", "chat_id": chat, "data": {}}),
    )
    .await;
    let ben = state_of(&mut sc, chat, c, |_| true).await;
    assert_eq!(ben["user_id"], c);
    let (status, calls) = app.get("/api/calls/", &tc).await;
    assert_eq!(status, 200, "{calls}");
    let people = &calls["results"][0]["participants"];
    let by = |id: i64| {
        people
            .as_array()
            .and_then(|p| p.iter().find(|p| p["user_id"] == id))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(by(a)["microphone_on"], true, "{people}");
    assert_eq!(by(b)["microphone_on"], false, "{people}");
    assert_eq!(by(b)["display_name"], "Ben Okafor", "{people}");

    // Turned on again, it shows on again.
    send_json(
        &mut sb,
        json!({"type": "media_state", "chat_id": chat, "data": {"microphone_on": true, "camera_on": false}}),
    )
    .await;
    let ben = state_of(&mut sc, chat, b, |p| p["camera_on"] == false).await;
    assert_eq!(ben["microphone_on"], true, "{ben}");
    // The record names people as they are seen too.
    let (_, history) = app.get(&format!("/api/calls/?chat_id={chat}"), &ta).await;
    let joined = &history["results"][0]["joined"];
    assert!(
        joined
            .as_array()
            .is_some_and(|j| j.iter().any(|j| j["display_name"] == "Ben Okafor")),
        "{history}"
    );
    assert_eq!(history["results"][0]["started_by"]["display_name"], "ann");
}

#[tokio::test]
async fn a_seed_003_client_says_its_microphone_is_off_and_natters_client_sees_it() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("ann").await;
    let (b, tb) = app.register("ben").await;
    let (status, room) = app
        .post("/api/rooms/", &ta, json!({"name": "Huddle"}))
        .await;
    assert_eq!(status, 201, "{room}");
    let room = room["id"].as_i64().expect("room id");
    let (status, _) = app
        .post(&format!("/api/rooms/{room}/join/"), &tb, json!({}))
        .await;
    assert_eq!(status, 200);
    let mut own = app.socket("/messages/ws/", &ta).await;
    let mut seed = app.socket(&format!("/ws/call/{room}/"), &tb).await;
    join(&mut own, room, a).await;
    send_json(&mut seed, json!({"type": "join_call", "data": {}})).await;
    next_call(&mut seed, "call_state").await;
    send_json(
        &mut seed,
        json!({"type": "media_state", "data": {"camera_on": false}}),
    )
    .await;
    let ben = state_of(&mut own, room, b, |p| p["camera_on"] == false).await;
    assert_eq!(ben["microphone_on"], true, "{ben}");
    // The rooms socket's own state carries it after seed 003's keys.
    let state = wait_for(&mut seed, |f| {
        f["type"] == "call_state"
            && f["data"]["participants"]
                .as_array()
                .is_some_and(|p| p.iter().any(|p| p["camera_on"] == false))
    })
    .await;
    assert_eq!(state["data"]["room_state"], "active");
    // Ann on her socket cannot speak for Ben; the rooms socket's error shape.
    send_json(
        &mut seed,
        json!({"type": "media_state", "data": {"user_id": a, "microphone_on": false}}),
    )
    .await;
    let error = next_call(&mut seed, "error").await;
    assert_eq!(error["data"]["code"], "permission_denied", "{error}");
    let (status, call) = app
        .get(&format!("/api/rooms/{room}/call-state/"), &ta)
        .await;
    assert_eq!(status, 200, "{call}");
    assert!(
        call["participants"]
            .as_array()
            .is_some_and(|p| p.iter().all(|p| p["microphone_on"] == true)),
        "{call}"
    );
}
