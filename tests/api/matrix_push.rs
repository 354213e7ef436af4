//! Matrix push through the real binary: an app on a phone sets a pusher, and a message
//! sent on natter's chats surface reaches the app's push gateway (a server this test
//! runs, speaking the Push Gateway API) through natter's push queue, with the ids and
//! counts the app needs; `event_id_only` pushers get the ids alone; a key the gateway
//! rejects, a pusher removed, and a device signed out push no more; bad pushers are
//! refused in Matrix's shape.

use crate::helpers::*;
use crate::matrix_http::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;
use warp::Filter;

/// A push gateway on this machine: it keeps every notification it is sent, and
/// answers each with the keys it was told to reject.
struct Gateway {
    url: String,
    received: Arc<Mutex<Vec<Value>>>,
    rejecting: Arc<Mutex<Vec<String>>>,
    arrived: Arc<Notify>,
}

impl Gateway {
    async fn start() -> Gateway {
        let received = Arc::new(Mutex::new(Vec::new()));
        let rejecting: Arc<Mutex<Vec<String>>> = Arc::new(Mutex::new(Vec::new()));
        let arrived = Arc::new(Notify::new());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the gateway");
        let addr = listener.local_addr().expect("its address");
        let (r, j, n) = (received.clone(), rejecting.clone(), arrived.clone());
        let route = warp::post()
            .and(warp::path!("_matrix" / "push" / "v1" / "notify"))
            .and(warp::body::json())
            .map(move |body: Value| {
                let rejected: Vec<String> = body["notification"]["devices"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|d| d["pushkey"].as_str().map(str::to_string))
                    .filter(|k| j.lock().unwrap().contains(k))
                    .collect();
                r.lock().unwrap().push(body);
                n.notify_waiters();
                warp::reply::json(&json!({ "rejected": rejected }))
            });
        tokio::spawn(warp::serve(route).incoming(listener).run());
        Gateway {
            url: format!("http://{addr}/_matrix/push/v1/notify"),
            received,
            rejecting,
            arrived,
        }
    }

    /// Waits for the notification of event `event_id` for device `pushkey`.
    async fn notification(&self, event_id: &str, pushkey: &str) -> Value {
        let found = || {
            self.received
                .lock()
                .unwrap()
                .iter()
                .map(|b| b["notification"].clone())
                .find(|n| n["event_id"] == event_id && n["devices"][0]["pushkey"] == pushkey)
        };
        tokio::time::timeout(WAIT, async {
            loop {
                let arrived = self.arrived.notified();
                if let Some(n) = found() {
                    return n;
                }
                arrived.await;
            }
        })
        .await
        .unwrap_or_else(|_| panic!("no notification of {event_id} for {pushkey}"))
    }
}

fn pusher(gateway: &str, pushkey: &str, format: Option<&str>) -> Value {
    let mut data = json!({ "url": gateway });
    if let Some(format) = format {
        data["format"] = json!(format);
    }
    json!({
        "kind": "http",
        "app_id": "im.vector.app.android",
        "pushkey": pushkey,
        "app_display_name": "Element",
        "device_display_name": "Bob's phone",
        "lang": "en",
        "data": data,
    })
}

async fn say(app: &TestApp, auth: &str, chat: i64, text: &str) -> i64 {
    let (status, body) = app
        .post(
            &format!("/messages/api/chats/{chat}/messages/"),
            auth,
            json!({ "content": text }),
        )
        .await;
    assert!(status.is_success(), "{status} {body}");
    body["id"].as_i64().expect("message id")
}

#[tokio::test]
async fn a_message_reaches_the_phone_through_its_push_gateway() {
    let app = TestApp::spawn_with(&[
        "--rate-limits",
        "off",
        "--matrix-server-name",
        SERVER,
        "--push-private-endpoints",
    ])
    .await;
    let gateway = Gateway::start().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let phone = token_of(&sign_in(&app, "bob", Some("PHONE")).await);
    let set = format!("{V3}/pushers/set");

    // Refused pushers, each in Matrix's shape.
    let mut wrong_path = pusher(&gateway.url, "K", None);
    wrong_path["data"]["url"] = json!(gateway.url.replace("/notify", "/other"));
    let mut no_url = pusher(&gateway.url, "K", None);
    no_url["data"] = json!({});
    let mut email = pusher(&gateway.url, "K", None);
    email["kind"] = json!("email");
    let mut long_app = pusher(&gateway.url, "K", None);
    long_app["app_id"] = json!("a".repeat(65));
    let own = pusher(&format!("{}/_matrix/push/v1/notify", app.base), "K", None);
    for (refused, errcode) in [
        (wrong_path, "M_INVALID_PARAM"),
        (no_url, "M_MISSING_PARAM"),
        (email, "M_INVALID_PARAM"),
        (long_app, "M_INVALID_PARAM"),
        (own, "M_INVALID_PARAM"),
        (json!({"kind": "http"}), "M_MISSING_PARAM"),
    ] {
        let answer = mx(
            &app,
            Method::POST,
            &set,
            Some(&phone),
            Some(refused.clone()),
        )
        .await;
        assert_error(&answer, 400, errcode);
    }
    let listed = mx(
        &app,
        Method::GET,
        &format!("{V3}/pushers"),
        Some(&phone),
        None,
    )
    .await;
    assert_eq!(listed.body, json!({"pushers": []}));

    // A pusher, listed as given.
    let answer = mx(
        &app,
        Method::POST,
        &set,
        Some(&phone),
        Some(pusher(&gateway.url, "KEY1", None)),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let listed = mx(
        &app,
        Method::GET,
        &format!("{V3}/pushers"),
        Some(&phone),
        None,
    )
    .await;
    let kept = &listed.body["pushers"][0];
    assert_eq!(kept["pushkey"], "KEY1", "{}", listed.body);
    assert_eq!(kept["data"]["url"], gateway.url.as_str());
    assert!(kept["pushkey_ts"].as_i64().is_some_and(|t| t > 0), "{kept}");

    // alice writes on natter's chats surface: bob's gateway hears of it.
    let id = say(&app, &alice, chats.direct, "lunch at noon?").await;
    let note = gateway.notification(&format!("$m{id}"), "KEY1").await;
    assert_eq!(note["room_id"], room(chats.direct));
    assert_eq!(note["type"], "m.room.message");
    assert_eq!(note["sender"], format!("@alice:{SERVER}"));
    assert_eq!(note["content"]["body"], "lunch at noon?");
    assert_eq!(note["counts"]["unread"], 1);
    assert_eq!(note["prio"], "high");
    let device = &note["devices"][0];
    assert_eq!(device["app_id"], "im.vector.app.android");
    assert!(device["data"].get("url").is_none(), "{device}");
    assert!(device["pushkey_ts"].as_i64().is_some(), "{device}");

    // An app that fetches events itself gets the ids and counts alone.
    let answer = mx(
        &app,
        Method::POST,
        &set,
        Some(&phone),
        Some(pusher(&gateway.url, "KEY2", Some("event_id_only"))),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let id = say(&app, &alice, chats.group, "agenda attached").await;
    let bare = gateway.notification(&format!("$m{id}"), "KEY2").await;
    assert_eq!(bare["room_id"], room(chats.group));
    assert!(
        bare.get("content").is_none() && bare.get("sender").is_none(),
        "{bare}"
    );
    assert_eq!(bare["devices"][0]["data"]["format"], "event_id_only");

    // The first pusher heard of it too (before its key is rejected below).
    gateway.notification(&format!("$m{id}"), "KEY1").await;

    // A key the gateway rejects (the app was removed) is dropped.
    gateway.rejecting.lock().unwrap().push("KEY1".into());
    let id = say(&app, &alice, chats.direct, "still there?").await;
    gateway.notification(&format!("$m{id}"), "KEY1").await;
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let listed = mx(
            &app,
            Method::GET,
            &format!("{V3}/pushers"),
            Some(&phone),
            None,
        )
        .await;
        let keys: Vec<&str> = listed.body["pushers"]
            .as_array()
            .expect("pushers")
            .iter()
            .filter_map(|p| p["pushkey"].as_str())
            .collect();
        if keys == ["KEY2"] {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "KEY1 kept: {keys:?}");
        tokio::task::yield_now().await;
    }

    // Removed with kind null; a device signed out takes its pushers with it.
    let mut removed = pusher(&gateway.url, "KEY2", None);
    removed["kind"] = Value::Null;
    let answer = mx(&app, Method::POST, &set, Some(&phone), Some(removed)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let listed = mx(
        &app,
        Method::GET,
        &format!("{V3}/pushers"),
        Some(&phone),
        None,
    )
    .await;
    assert_eq!(listed.body, json!({"pushers": []}));
    let answer = mx(
        &app,
        Method::POST,
        &set,
        Some(&phone),
        Some(pusher(&gateway.url, "KEY3", None)),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let out = mx(
        &app,
        Method::POST,
        &format!("{V3}/logout"),
        Some(&phone),
        None,
    )
    .await;
    assert_eq!(out.status, StatusCode::OK);
    let laptop = token_of(&sign_in(&app, "bob", Some("LAPTOP")).await);
    let listed = mx(
        &app,
        Method::GET,
        &format!("{V3}/pushers"),
        Some(&laptop),
        None,
    )
    .await;
    assert_eq!(
        listed.body,
        json!({"pushers": []}),
        "the phone's pusher went with it"
    );
}

/// Element X's pushes for an encrypted room: the phone is told which event came (its app
/// decrypts it), with the unread count, and never any text, whatever format the pusher
/// asked for.
#[tokio::test]
async fn an_encrypted_message_is_pushed_as_its_ids_and_counts_alone() {
    let app = TestApp::spawn_with(&[
        "--rate-limits",
        "off",
        "--matrix-server-name",
        SERVER,
        "--push-private-endpoints",
    ])
    .await;
    let gateway = Gateway::start().await;
    app.register("alice").await;
    app.register("bob").await;
    let alice = token_of(&sign_in(&app, "alice", Some("ALICE1")).await);
    let phone = token_of(&sign_in(&app, "bob", Some("PHONE")).await);
    let set = mx(
        &app,
        Method::POST,
        &format!("{V3}/pushers/set"),
        Some(&phone),
        Some(pusher(&gateway.url, "KEY1", None)),
    )
    .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    let made = mx(
        &app,
        Method::POST,
        &format!("{V3}/createRoom"),
        Some(&alice),
        Some(
            json!({"is_direct": true, "invite": [format!("@bob:{SERVER}")],
            "initial_state": [{"type": "m.room.encryption", "state_key": "",
                               "content": {"algorithm": "m.megolm.v1.aes-sha2"}}]}),
        ),
    )
    .await;
    let room_id = made.body["room_id"].as_str().expect("room").to_string();
    let sent = mx(
        &app,
        Method::PUT,
        &format!("{V3}/rooms/{room_id}/send/m.room.encrypted/t1"),
        Some(&alice),
        Some(
            json!({"algorithm": "m.megolm.v1.aes-sha2", "ciphertext": "AwgAsecret",
                    "sender_key": "k", "session_id": "s", "device_id": "ALICE1"}),
        ),
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let event = sent.body["event_id"].as_str().expect("event").to_string();
    let note = gateway.notification(&event, "KEY1").await;
    assert_eq!(note["room_id"], room_id);
    assert_eq!(note["counts"]["unread"], 1, "{note}");
    assert!(
        note.get("content").is_none() && note.get("type").is_none(),
        "{note}"
    );
    assert!(!note.to_string().contains("AwgAsecret"), "{note}");
}

#[tokio::test]
async fn a_phone_is_pushed_while_a_desktop_app_long_polls() {
    let app = TestApp::spawn_with(&[
        "--rate-limits",
        "off",
        "--matrix-server-name",
        SERVER,
        "--push-private-endpoints",
    ])
    .await;
    let gateway = Gateway::start().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let phone = token_of(&sign_in(&app, "bob", Some("PHONE")).await);
    let desktop = token_of(&sign_in(&app, "bob", Some("DESKTOP")).await);
    let set = post(
        &app,
        &phone,
        "/pushers/set",
        pusher(&gateway.url, "K1", None),
    )
    .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);

    // bob's desktop app waits in a long poll, as an app left open does all day.
    let since = get(&app, &desktop, "/sync").await.body["next_batch"]
        .as_str()
        .expect("next_batch")
        .to_string();
    let waiting = poll(&app, &desktop, &since);
    let sent = say(&app, &alice, chats.direct, "are you there?").await;
    // The phone is pushed all the same, and the desktop app is told too.
    let pushed = gateway.notification(&format!("$m{sent}"), "K1").await;
    assert_eq!(pushed["room_id"], room(chats.direct), "{pushed}");
    let woke = tokio::time::timeout(WAIT, waiting)
        .await
        .expect("answered")
        .expect("task");
    assert!(
        woke.body.to_string().contains("are you there?"),
        "{}",
        woke.body
    );
}
