//! Events of one chat reach every socket in id order, even when their writes race: the
//! writer hands a group's events to the hub after the commit, in commit order (issue 23
//! point 5). Before, each REST handler published after its own await, so two sends
//! could reach a socket in the opposite order of their ids.

use crate::helpers::*;
use serde_json::json;

#[tokio::test]
async fn concurrent_rest_sends_reach_a_socket_in_id_order() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    let (status, room) = app.post("/api/rooms/", &ta, json!({"name": "Race"})).await;
    assert_eq!(status, 201, "{room}");
    let room = room["id"].as_i64().expect("room id");
    let (status, _) = app
        .post(&format!("/api/rooms/{room}/join/"), &tb, json!({}))
        .await;
    assert_eq!(status, 200);
    let mut room_socket = app.socket(&format!("/ws/room/{room}/"), &tb).await;
    let mut chats_socket = app.socket("/messages/ws/", &tb).await;

    let path = format!("/api/rooms/{room}/messages/");
    const ROUNDS: usize = 6;
    const AT_ONCE: usize = 8;
    for round in 0..ROUNDS {
        let sends = (0..AT_ONCE).map(|i| {
            let body = json!({"content": format!("round {round} send {i}")});
            app.post(&path, &ta, body)
        });
        for (status, body) in futures_util::future::join_all(sends).await {
            assert_eq!(status, 201, "{body}");
        }
    }

    let mut ids = Vec::new();
    while ids.len() < ROUNDS * AT_ONCE {
        let frame = next_json(&mut room_socket).await;
        if frame["type"] == "chat_message" {
            ids.push(frame["data"]["id"].as_i64().expect("message id"));
        }
    }
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "rooms socket saw ids out of order: {ids:?}"
    );
    let mut ids = Vec::new();
    while ids.len() < ROUNDS * AT_ONCE {
        let frame = next_json(&mut chats_socket).await;
        if frame["type"] == "new_message" {
            ids.push(frame["message"]["id"].as_i64().expect("message id"));
        }
    }
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "chats socket saw ids out of order: {ids:?}"
    );
}
