//! Simplified Sliding Sync, as Element X syncs, through the real binary: a window of the
//! person's rooms by latest activity with the state and timeline it asks for, a room
//! subscription, `pos` that moves on with only what changed (a long poll woken by a
//! message), the extensions' account data, receipts and typing, and bad requests
//! refused in Matrix's shape.

use crate::helpers::*;
use crate::matrix_http::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const SSS: &str = "/_matrix/client/unstable/org.matrix.simplified_msc3575/sync";

async fn sliding(app: &TestApp, token: &str, query: &str, body: Value) -> Value {
    let answer = mx(
        app,
        Method::POST,
        &format!("{SSS}{query}"),
        Some(token),
        Some(body),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.body
}

async fn say(app: &TestApp, auth: &str, chat: i64, text: &str) -> i64 {
    natter_send(app, auth, chat, json!({ "content": text })).await
}

fn bodies(room: &Value) -> Vec<String> {
    room["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .filter(|e| e["type"] == "m.room.message")
        .map(|e| e["content"]["body"].as_str().unwrap_or("").to_string())
        .collect()
}

fn request(range_end: u64) -> Value {
    json!({
        "lists": {"all": {
            "ranges": [[0, range_end]],
            "timeline_limit": 1,
            "required_state": [["m.room.name", ""], ["m.room.member", "$ME"]],
        }},
        "extensions": {
            "account_data": {"enabled": true},
            "receipts": {"enabled": true},
            "typing": {"enabled": true},
            "to_device": {"enabled": true},
            "e2ee": {"enabled": true},
        },
    })
}

#[tokio::test]
async fn a_window_of_rooms_by_activity_then_only_what_changed() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let token = token_of(&sign_in(&app, "alice", None).await);
    say(&app, &bob, chats.direct, "older").await;
    say(&app, &bob, chats.group, "first").await;
    say(&app, &bob, chats.group, "newest of all").await;

    // The versions say it is spoken.
    let versions = mx(&app, Method::GET, "/_matrix/client/versions", None, None).await;
    assert_eq!(
        versions.body["unstable_features"]["org.matrix.simplified_msc3575"],
        true
    );

    // A window of one: the group, the most recently active, with its newest message,
    // the state asked for and nothing else; the list counts every room.
    let first = sliding(&app, &token, "", request(0)).await;
    let count = first["lists"]["all"]["count"].as_u64().expect("count");
    assert!(count >= 3, "{first}");
    let rooms = first["rooms"].as_object().expect("rooms");
    assert_eq!(rooms.len(), 1, "{first}");
    assert_eq!(
        first["lists"]["all"]["ops"],
        json!([{"op": "SYNC", "range": [0, 0], "room_ids": [room(chats.group)]}]),
        "{first}"
    );
    let group = &first["rooms"][room(chats.group)];
    assert_eq!(bodies(group), ["newest of all"], "{group}");
    assert_eq!(group["initial"], true);
    assert_eq!(group["limited"], true);
    assert_eq!(group["notification_count"], 2, "{group}");
    assert!(group["bump_stamp"].as_i64().is_some(), "{group}");
    let mut kinds: Vec<(String, String)> = group["required_state"]
        .as_array()
        .expect("required_state")
        .iter()
        .map(|e| {
            (
                e["type"].as_str().unwrap_or("").to_string(),
                e["state_key"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            (
                "m.room.member".to_string(),
                "@alice:example.org".to_string()
            ),
            ("m.room.name".to_string(), String::new()),
        ],
        "{group}"
    );
    assert!(
        first["extensions"]["account_data"]["global"].is_array(),
        "{first}"
    );
    assert_eq!(first["extensions"]["to_device"]["events"], json!([]));
    assert_eq!(
        first["extensions"]["e2ee"]["device_lists"],
        json!({"changed": [], "left": []})
    );

    // A wider window and a subscription to the direct chat.
    let mut wider = request(9);
    wider["room_subscriptions"] =
        json!({room(chats.direct): {"timeline_limit": 5, "required_state": [["*", "*"]]}});
    let all = sliding(&app, &token, "", wider.clone()).await;
    let direct = &all["rooms"][room(chats.direct)];
    assert_eq!(bodies(direct), ["older"], "{all}");
    assert_eq!(direct["is_dm"], true, "{direct}");
    assert!(
        direct["required_state"]
            .as_array()
            .expect("state")
            .iter()
            .any(|e| e["type"] == "m.room.create"),
        "{direct}"
    );
    let pos = all["pos"].as_str().expect("pos").to_string();

    // Nothing new: answered at once with no rooms, and the same pos.
    let quiet = sliding(
        &app,
        &token,
        &format!("?pos={pos}&timeout=0"),
        wider.clone(),
    )
    .await;
    assert_eq!(quiet["rooms"], json!({}), "{quiet}");
    assert_eq!(quiet["pos"], pos.as_str());

    // A waiting request is answered by bob's message in the direct chat, with it alone;
    // his typing and alice's read mark come in the extensions.
    let (client, base, t, body) = (
        app.client.clone(),
        app.base.clone(),
        token.clone(),
        wider.clone(),
    );
    let url = format!("{base}{SSS}?pos={pos}&timeout=20000");
    let waiting = tokio::spawn(async move {
        client
            .post(url)
            .bearer_auth(t)
            .json(&body)
            .send()
            .await
            .expect("sent")
            .json::<Value>()
            .await
            .expect("json")
    });
    let sent = say(&app, &bob, chats.direct, "are you there?").await;
    let woke = tokio::time::timeout(WAIT, waiting)
        .await
        .expect("answered before its timeout")
        .expect("task");
    let rooms = woke["rooms"].as_object().expect("rooms");
    assert_eq!(rooms.len(), 1, "{woke}");
    assert_eq!(
        bodies(&woke["rooms"][room(chats.direct)]),
        ["are you there?"]
    );
    assert_eq!(woke["rooms"][room(chats.direct)]["initial"], false);
    let pos = woke["pos"].as_str().expect("pos").to_string();
    let (status, _) = app
        .post(
            &format!("/messages/api/chats/{}/typing/", chats.group),
            &bob,
            json!({"is_typing": true}),
        )
        .await;
    assert!(status.is_success());
    let read = mx(
        &app,
        Method::POST,
        &format!("{V3}/rooms/{}/receipt/m.read/$m{sent}", room(chats.direct)),
        Some(&token),
        Some(json!({})),
    )
    .await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    let later = sliding(&app, &token, &format!("?pos={pos}&timeout=0"), wider).await;
    assert_eq!(
        later["extensions"]["typing"]["rooms"][room(chats.group)]["content"]["user_ids"],
        json!(["@bob:example.org"]),
        "{later}"
    );
    assert!(
        later["extensions"]["receipts"]["rooms"][room(chats.direct)]["content"]
            [format!("$m{sent}")]["m.read"]["@alice:example.org"]
            .is_object(),
        "{later}"
    );

    // Bad requests.
    let bad_pos = mx(
        &app,
        Method::POST,
        &format!("{SSS}?pos=nonsense"),
        Some(&token),
        Some(request(0)),
    )
    .await;
    assert_error(&bad_pos, 400, "M_UNKNOWN_POS");
    let bad_range = mx(
        &app,
        Method::POST,
        SSS,
        Some(&token),
        Some(json!({"lists": {"all": {"ranges": [[5, 1]]}}})),
    )
    .await;
    assert_error(&bad_range, 400, "M_INVALID_PARAM");
    let anonymous = mx(&app, Method::POST, SSS, None, Some(request(0))).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

/// A window that grows (as Element X's room list loads the rest in the background) and a
/// room newly subscribed bring their rooms whole though nothing happened in them; the
/// rooms the app already had do not come again.
#[tokio::test]
async fn rooms_entering_a_window_or_a_subscription_come_whole() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let token = token_of(&sign_in(&app, "alice", None).await);
    say(&app, &bob, chats.direct, "in the direct chat").await;
    say(&app, &bob, chats.group, "in the group").await;

    let first = sliding(&app, &token, "", request(0)).await;
    assert_eq!(
        first["rooms"].as_object().map(|r| r.len()),
        Some(1),
        "{first}"
    );
    let pos = first["pos"].as_str().expect("pos").to_string();
    let count = first["lists"]["all"]["count"].as_u64().expect("count");

    // The window grows to every room: the others come, initial, with their timelines.
    let grown = sliding(&app, &token, &format!("?pos={pos}"), request(count - 1)).await;
    let rooms = grown["rooms"].as_object().expect("rooms");
    assert_eq!(rooms.len() as u64, count - 1, "{grown}");
    assert!(
        !rooms.contains_key(&room(chats.group)),
        "the group was had already"
    );
    let direct = &grown["rooms"][room(chats.direct)];
    assert_eq!(direct["initial"], true, "{direct}");
    assert_eq!(bodies(direct), ["in the direct chat"]);

    // The same window again: nothing new.
    let pos = grown["pos"].as_str().expect("pos").to_string();
    let again = sliding(&app, &token, &format!("?pos={pos}"), request(count - 1)).await;
    assert_eq!(again["rooms"], json!({}), "{again}");

    // A subscription to a room outside the window brings it whole, once.
    let mut subscribe = request(0);
    subscribe["room_subscriptions"] =
        json!({ room(chats.direct): {"timeline_limit": 5, "required_state": [["*", "*"]]} });
    let pos = again["pos"].as_str().expect("pos").to_string();
    let subscribed = sliding(&app, &token, &format!("?pos={pos}"), subscribe.clone()).await;
    let rooms = subscribed["rooms"].as_object().expect("rooms");
    assert_eq!(
        rooms.keys().collect::<Vec<_>>(),
        [&room(chats.direct)],
        "{subscribed}"
    );
    assert!(
        subscribed["rooms"][room(chats.direct)]["required_state"]
            .as_array()
            .is_some_and(|s| s.iter().any(|e| e["type"] == "m.room.create")),
        "{subscribed}"
    );
    let pos = subscribed["pos"].as_str().expect("pos").to_string();
    let still = sliding(&app, &token, &format!("?pos={pos}"), subscribe).await;
    assert_eq!(still["rooms"], json!({}), "{still}");

    // A pos of another shape is refused as unknown.
    let bad = mx(
        &app,
        Method::POST,
        &format!("{SSS}?pos=s1_1_0.x9"),
        Some(&token),
        Some(request(0)),
    )
    .await;
    assert_error(&bad, 400, "M_UNKNOWN_POS");
}
