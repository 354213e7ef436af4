//! Seed 003's signalling rule on its sockets (`/ws/room/{id}/`, `/ws/call/{id}/`): an
//! `offer`, `answer` or `ice_candidate` goes from any room participant to any other, in
//! the call or not, to the target's sockets of that surface with `from_user_id` (how a
//! seed 003 client rings); anyone else is `target_not_in_call`. natter's own socket keeps
//! its stricter rule: it neither sends nor receives a signal with someone outside the call.

use crate::helpers::{send_json, try_next_json, wait_for, Socket, TestApp};
use serde_json::{json, Value};
use std::time::Duration;

/// No signal reaches `ws` within a short wait (other frames are skipped).
async fn no_signal(ws: &mut Socket) {
    let deadline = tokio::time::Instant::now() + Duration::from_millis(700);
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        let Some(frame) = try_next_json(ws, left).await else {
            return;
        };
        let kind = frame["type"].as_str().unwrap_or_default();
        assert!(
            !["offer", "answer", "ice_candidate"].contains(&kind),
            "a signal got through: {frame}"
        );
    }
}

/// The next signal or error frame on `ws`.
async fn next_signal_or_error(ws: &mut Socket) -> Value {
    wait_for(ws, |f| {
        ["offer", "answer", "ice_candidate", "error"].contains(&f["type"].as_str().unwrap_or(""))
    })
    .await
}

#[tokio::test]
async fn a_seed_003_client_rings_a_room_participant_outside_the_call() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("ann").await;
    let (b, tb) = app.register("ben").await;
    let (c, _) = app.register("cy").await;
    let (status, room) = app
        .post("/api/rooms/", &ta, json!({"name": "Huddle"}))
        .await;
    assert_eq!(status, 201, "{room}");
    let room = room["id"].as_i64().expect("room id");
    let (status, body) = app
        .post(&format!("/api/rooms/{room}/join/"), &tb, json!({}))
        .await;
    assert_eq!(status, 200, "{body}");
    let call = format!("/ws/call/{room}/");
    let mut seed_a = app.socket(&call, &ta).await;
    let mut seed_b = app.socket(&format!("/ws/room/{room}/"), &tb).await;
    let mut own_a = app.socket("/messages/ws/", &ta).await;
    let mut own_b = app.socket("/messages/ws/", &tb).await;
    send_json(&mut seed_a, json!({"type": "join_call", "data": {}})).await;
    wait_for(&mut seed_a, |f| f["type"] == "call_state").await;

    // Ann, in the call, offers to Ben, a participant who has not joined: his seed 003
    // socket gets it as seed 003's server sends it.
    send_json(
        &mut seed_a,
        json!({"type": "offer", "data": {"target_user_id": b, "sdp": "v=0 ring"}}),
    )
    .await;
    assert_eq!(
        next_signal_or_error(&mut seed_b).await,
        json!({"type": "offer", "data": {"from_user_id": a, "target_user_id": b, "sdp": "v=0 ring"}})
    );
    // Ben answers and sends a candidate before joining: both reach Ann's seed socket.
    send_json(
        &mut seed_b,
        json!({"type": "answer", "data": {"target_user_id": a, "sdp": "v=0 back"}}),
    )
    .await;
    send_json(
        &mut seed_b,
        json!({"type": "ice_candidate", "data": {"target_user_id": a, "candidate": {"candidate": "candidate:1", "sdpMid": "0", "sdpMLineIndex": 0}}}),
    )
    .await;
    let answer = next_signal_or_error(&mut seed_a).await;
    assert_eq!(answer["type"], "answer", "{answer}");
    assert_eq!(answer["data"]["from_user_id"], b);
    let candidate = next_signal_or_error(&mut seed_a).await;
    assert_eq!(candidate["type"], "ice_candidate", "{candidate}");
    assert_eq!(candidate["data"]["from_user_id"], b);

    // natter's own sockets saw none of it: there signals stay within the call.
    no_signal(&mut own_a).await;
    no_signal(&mut own_b).await;
    send_json(
        &mut own_a,
        json!({"type": "offer", "chat_id": room, "data": {"target_user_id": b, "sdp": "v=0"}}),
    )
    .await;
    let refused = wait_for(&mut own_a, |f| f["type"] == "error").await;
    assert_eq!(refused["error"], "target_not_in_call", "{refused}");
    no_signal(&mut seed_b).await;

    // Someone who is no participant of the room is refused, on seed 003's socket too.
    send_json(
        &mut seed_a,
        json!({"type": "offer", "data": {"target_user_id": c, "sdp": "v=0"}}),
    )
    .await;
    let refused = next_signal_or_error(&mut seed_a).await;
    assert_eq!(
        refused,
        json!({"type": "error", "data": {"code": "target_not_in_call", "message": "That person is not in this call."}})
    );
}
