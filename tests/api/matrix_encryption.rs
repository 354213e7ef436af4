//! End-to-end encryption from Matrix apps, through the real binary: device keys, one-time
//! and fallback keys claimed once, who changed keys told in syncs and `/keys/changes`,
//! messages to devices relayed once and forgotten when received, encrypted rooms and
//! messages kept exactly as sent while natter's own surfaces and search see only "an
//! encrypted message", cross-signing with its password check, signatures merged (what
//! is kept of signatures is tests/api/matrix_key_bounds.rs's), key
//! backup with its versions, and an administrator's `--refuse-encryption`.

use crate::helpers::*;
use crate::matrix_http::*;
use crate::matrix_key_bounds::{cross_signing_key, device_keys as signed_device_keys, Ed25519};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A device signed in as `user` with `device` as its id: its token.
async fn device(app: &TestApp, user: &str, device: &str) -> String {
    token_of(&sign_in(app, user, Some(device)).await)
}

fn user(name: &str) -> String {
    format!("@{name}:{SERVER}")
}

/// A device's identity keys as an app uploads them.
fn device_keys(name: &str, device: &str) -> Value {
    json!({
        "user_id": user(name),
        "device_id": device,
        "algorithms": ["m.olm.v1.curve25519-aes-sha2", "m.megolm.v1.aes-sha2"],
        "keys": {format!("curve25519:{device}"): "curve", format!("ed25519:{device}"): "edkey"},
        "signatures": {user(name): {format!("ed25519:{device}"): "self-signed"}},
    })
}

#[tokio::test]
async fn keys_are_kept_claimed_once_and_changes_are_told() {
    let app = spawn().await;
    app.register("alice").await;
    app.register("bob").await;
    app.register("eve").await;
    let alice = device(&app, "alice", "ALICE1").await;
    let bob = device(&app, "bob", "BOB1").await;
    let eve = device(&app, "eve", "EVE1").await;

    // A device's keys name its own user and device; another's are refused.
    let wrong = post(
        &app,
        &alice,
        "/keys/upload",
        json!({"device_keys": device_keys("bob", "BOB1")}),
    )
    .await;
    assert_error(&wrong, 400, "M_INVALID_PARAM");
    let up = post(
        &app,
        &bob,
        "/keys/upload",
        json!({
            "device_keys": device_keys("bob", "BOB1"),
            "one_time_keys": {"signed_curve25519:AAAA": {"key": "one"}, "signed_curve25519:AAAB": {"key": "two"}},
            "fallback_keys": {"signed_curve25519:FFFF": {"key": "fallback", "fallback": true}},
        }),
    )
    .await;
    assert_eq!(up.status, StatusCode::OK, "{}", up.body);
    assert_eq!(up.body["one_time_key_counts"]["signed_curve25519"], 2);
    // The same id with other content is refused; the same key again is no change.
    let clash = post(
        &app,
        &bob,
        "/keys/upload",
        json!({"one_time_keys": {"signed_curve25519:AAAA": {"key": "other"}}}),
    )
    .await;
    assert_error(&clash, 400, "M_INVALID_PARAM");
    let again = post(
        &app,
        &bob,
        "/keys/upload",
        json!({"one_time_keys": {"signed_curve25519:AAAA": {"key": "one"}}}),
    )
    .await;
    assert_eq!(again.body["one_time_key_counts"]["signed_curve25519"], 2);

    // Anyone on the server may read keys; a claim needs a shared chat.
    let queried = post(
        &app,
        &alice,
        "/keys/query",
        json!({"device_keys": {user("bob"): []}}),
    )
    .await;
    assert_eq!(
        queried.body["device_keys"][user("bob")]["BOB1"]["keys"]["ed25519:BOB1"],
        "edkey",
        "{}",
        queried.body
    );
    let claim = json!({"one_time_keys": {user("bob"): {"BOB1": "signed_curve25519"}}});
    let strangers = post(&app, &alice, "/keys/claim", claim.clone()).await;
    assert_eq!(
        strangers.body["one_time_keys"],
        json!({}),
        "{}",
        strangers.body
    );

    let before = get(&app, &alice, "/sync").await.body["next_batch"]
        .as_str()
        .expect("token")
        .to_string();
    let made = post(&app, &alice, "/createRoom", json!({"is_direct": true, "invite": [user("bob")], "preset": "trusted_private_chat",
        "initial_state": [{"type": "m.room.encryption", "state_key": "", "content": {"algorithm": "m.megolm.v1.aes-sha2"}}]})).await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let room_id = made.body["room_id"].as_str().expect("room").to_string();

    // Each one-time key is handed out once, then the fallback key, again and again.
    let mut handed = Vec::new();
    for _ in 0..4 {
        let claimed = post(&app, &alice, "/keys/claim", claim.clone()).await;
        let keys = claimed.body["one_time_keys"][user("bob")]["BOB1"]
            .as_object()
            .expect("a key")
            .clone();
        handed.extend(keys.keys().cloned());
    }
    assert_eq!(
        handed,
        [
            "signed_curve25519:AAAA",
            "signed_curve25519:AAAB",
            "signed_curve25519:FFFF",
            "signed_curve25519:FFFF"
        ]
    );
    let synced = get(&app, &bob, "/sync").await;
    assert_eq!(
        synced.body["device_one_time_keys_count"]["signed_curve25519"], 0,
        "{}",
        synced.body["device_one_time_keys_count"]
    );
    assert_eq!(synced.body["device_unused_fallback_key_types"], json!([]));

    // Alice is told that bob's keys are hers to fetch now they share a room; eve is not.
    let after = get(&app, &alice, &format!("/sync?since={before}")).await;
    let changed = after.body["device_lists"]["changed"]
        .as_array()
        .expect("changed")
        .clone();
    assert!(
        changed.contains(&json!(user("bob"))),
        "{}",
        after.body["device_lists"]
    );
    let to = after.body["next_batch"]
        .as_str()
        .expect("token")
        .to_string();
    let changes = get(
        &app,
        &alice,
        &format!("/keys/changes?from={before}&to={to}"),
    )
    .await;
    assert!(
        changes.body["changed"]
            .as_array()
            .expect("changed")
            .contains(&json!(user("bob"))),
        "{}",
        changes.body
    );
    let eve_before = get(&app, &eve, "/sync").await.body["next_batch"]
        .as_str()
        .expect("token")
        .to_string();
    post(
        &app,
        &bob,
        "/keys/upload",
        json!({"device_keys": device_keys("bob", "BOB1")}),
    )
    .await;
    let mut new_keys = device_keys("bob", "BOB1");
    new_keys["keys"]["ed25519:BOB1"] = json!("edkey2");
    post(&app, &bob, "/keys/upload", json!({"device_keys": new_keys})).await;
    let waited = poll(&app, &alice, &to).await.expect("poll");
    assert!(
        waited.body["device_lists"]["changed"]
            .as_array()
            .expect("changed")
            .contains(&json!(user("bob"))),
        "{}",
        waited.body
    );
    let eve_sync = get(&app, &eve, &format!("/sync?since={eve_before}")).await;
    assert_eq!(
        eve_sync.body["device_lists"]["changed"],
        json!([]),
        "{}",
        eve_sync.body
    );

    // The room's state says it is encrypted.
    let state = get(
        &app,
        &alice,
        &format!("/rooms/{room_id}/state/m.room.encryption"),
    )
    .await;
    assert_eq!(state.status, StatusCode::OK, "{}", state.body);
    assert_eq!(state.body["algorithm"], "m.megolm.v1.aes-sha2");

    // A device that signs out takes its keys with it.
    let gone = post(&app, &bob, "/logout", json!({})).await;
    assert_eq!(gone.status, StatusCode::OK);
    let queried = post(
        &app,
        &alice,
        "/keys/query",
        json!({"device_keys": {user("bob"): []}}),
    )
    .await;
    assert_eq!(
        queried.body["device_keys"][user("bob")],
        json!({}),
        "{}",
        queried.body
    );
}

#[tokio::test]
async fn messages_to_devices_arrive_once_and_encrypted_messages_stay_sealed() {
    let app = spawn().await;
    let (_, alice_auth) = app.register("alice").await;
    let (_, bob_auth) = app.register("bob").await;
    app.register("eve").await;
    let alice = device(&app, "alice", "ALICE1").await;
    let bob = device(&app, "bob", "BOB1").await;
    let bob_phone = device(&app, "bob", "BOB2").await;
    let eve = device(&app, "eve", "EVE1").await;
    let made = post(
        &app,
        &alice,
        "/createRoom",
        json!({"is_direct": true, "invite": [user("bob")]}),
    )
    .await;
    let room_id = made.body["room_id"].as_str().expect("room").to_string();
    let enc = put(
        &app,
        &alice,
        &format!("/rooms/{room_id}/state/m.room.encryption"),
        json!({"algorithm": "m.megolm.v1.aes-sha2"}),
    )
    .await;
    assert_eq!(enc.status, StatusCode::OK, "{}", enc.body);

    let bob_since = get(&app, &bob, "/sync").await.body["next_batch"]
        .as_str()
        .expect("token")
        .to_string();
    let phone_since = get(&app, &bob_phone, "/sync").await.body["next_batch"]
        .as_str()
        .expect("token")
        .to_string();
    let waiting = poll(&app, &bob, &bob_since);
    // To one device of bob's, and to every device of eve's (who shares no chat: dropped).
    let key = json!({"algorithm": "m.olm.v1.curve25519-aes-sha2", "ciphertext": {"curve": {"type": 0, "body": "olm"}}});
    let body = json!({"messages": {user("bob"): {"BOB1": key}, user("eve"): {"*": key}}});
    let sent = put(
        &app,
        &alice,
        "/sendToDevice/m.room.encrypted/t1",
        body.clone(),
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    // The same transaction again sends nothing more.
    put(&app, &alice, "/sendToDevice/m.room.encrypted/t1", body).await;
    let woke = waiting.await.expect("poll");
    let events = woke.body["to_device"]["events"]
        .as_array()
        .expect("events")
        .clone();
    assert_eq!(events.len(), 1, "{}", woke.body["to_device"]);
    assert_eq!(events[0]["sender"], user("alice"));
    assert_eq!(events[0]["type"], "m.room.encrypted");
    assert_eq!(events[0]["content"], key);
    // Until bob's app syncs from a token past it, it is given again; then never.
    let again = get(&app, &bob, &format!("/sync?since={bob_since}")).await;
    assert_eq!(
        again.body["to_device"]["events"].as_array().map(Vec::len),
        Some(1)
    );
    let next = woke.body["next_batch"].as_str().expect("token");
    let received = get(&app, &bob, &format!("/sync?since={next}")).await;
    assert_eq!(
        received.body["to_device"]["events"],
        json!([]),
        "{}",
        received.body["to_device"]
    );
    let phone = get(&app, &bob_phone, &format!("/sync?since={phone_since}")).await;
    assert_eq!(
        phone.body["to_device"]["events"],
        json!([]),
        "another device of bob's gets nothing"
    );
    let eves = get(&app, &eve, "/sync").await;
    assert_eq!(eves.body["to_device"]["events"], json!([]));

    // An encrypted message is kept exactly as sent, for Matrix apps.
    let sealed = r#"{"algorithm":"m.megolm.v1.aes-sha2","ciphertext":"AwgAEnB7secret","device_id":"ALICE1","sender_key":"curve","session_id":"s1"}"#;
    let answer = app
        .client
        .put(format!(
            "{}{V3}/rooms/{room_id}/send/m.room.encrypted/m1",
            app.base
        ))
        .bearer_auth(&alice)
        .body(sealed)
        .send()
        .await
        .expect("sent");
    assert_eq!(answer.status(), StatusCode::OK);
    let event_id = answer.json::<Value>().await.expect("json")["event_id"]
        .as_str()
        .expect("id")
        .to_string();
    let event = get(&app, &bob, &format!("/rooms/{room_id}/event/{event_id}")).await;
    assert_eq!(event.body["type"], "m.room.encrypted", "{}", event.body);
    assert_eq!(
        event.body["content"],
        serde_json::from_str::<Value>(sealed).expect("json")
    );
    let not_encrypted = put(
        &app,
        &alice,
        &format!("/rooms/{room_id}/send/m.room.encrypted/m2"),
        json!({"body": "hi"}),
    )
    .await;
    assert_error(&not_encrypted, 400, "M_BAD_JSON");

    // natter's own surfaces say only that it is encrypted; search never finds its text.
    let chat = room_id
        .trim_start_matches('!')
        .split(':')
        .next()
        .expect("id")
        .to_string();
    let (_, history) = app
        .get(&format!("/messages/api/chats/{chat}/messages/"), &bob_auth)
        .await;
    let shown = history.to_string();
    assert!(
        shown.contains("An encrypted message: open it in a Matrix app"),
        "{history}"
    );
    assert!(!shown.contains("AwgAEnB7secret"), "{history}");
    // The chats surface marks it, so natter's client says it in the reader's language.
    let results = history["results"].as_array().cloned().unwrap_or_default();
    assert!(results.iter().any(|m| m["encrypted"] == true), "{history}");
    assert!(
        results.iter().filter(|m| m["encrypted"] == true).count() == 1,
        "only the encrypted message is marked: {history}"
    );
    let (status, found) = app
        .get("/messages/api/search/?q=AwgAEnB7secret", &alice_auth)
        .await;
    assert_eq!(status, StatusCode::OK, "{found}");
    assert!(!found.to_string().contains("AwgAEnB7secret"), "{found}");

    // Bad input gets Matrix's errors, never a 500.
    let not_object = put(
        &app,
        &alice,
        "/sendToDevice/m.x/t2",
        json!({"messages": []}),
    )
    .await;
    assert_error(&not_object, 400, "M_BAD_JSON");
    let bad_claim = post(
        &app,
        &alice,
        "/keys/claim",
        json!({"one_time_keys": {user("bob"): "x"}}),
    )
    .await;
    assert_error(&bad_claim, 400, "M_BAD_JSON");
    let bad_changes = get(&app, &alice, "/keys/changes?from=nope&to=s1_1").await;
    assert_error(&bad_changes, 400, "M_INVALID_PARAM");
}

#[tokio::test]
async fn cross_signing_asks_for_the_password_to_replace_and_backups_keep_versions() {
    let app = spawn().await;
    app.register("alice").await;
    let alice = device(&app, "alice", "ALICE1").await;
    // Real keys, as an app makes them: natter keeps only signatures that check.
    let device_key = Ed25519::new(1);
    let (msk, msk2, ssk) = (Ed25519::new(11), Ed25519::new(12), Ed25519::new(13));
    let keys = signed_device_keys("alice", "ALICE1", &device_key);
    post(&app, &alice, "/keys/upload", json!({"device_keys": keys})).await;
    let master = |key: &Ed25519| cross_signing_key("alice", "master", key);
    let mut self_signing = cross_signing_key("alice", "self_signing", &ssk);
    msk.sign(&mut self_signing, &user("alice"), &msk.public());
    let first = post(
        &app,
        &alice,
        "/keys/device_signing/upload",
        json!({"master_key": master(&msk), "self_signing_key": self_signing}),
    )
    .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let same = post(
        &app,
        &alice,
        "/keys/device_signing/upload",
        json!({"master_key": master(&msk)}),
    )
    .await;
    assert_eq!(
        same.status,
        StatusCode::OK,
        "the same keys need no password: {}",
        same.body
    );
    let replace = json!({"master_key": master(&msk2)});
    let asked = post(&app, &alice, "/keys/device_signing/upload", replace.clone()).await;
    assert_eq!(asked.status, StatusCode::UNAUTHORIZED, "{}", asked.body);
    assert_eq!(asked.body["flows"][0]["stages"][0], "m.login.password");
    let mut wrong = replace.clone();
    wrong["auth"] = json!({"type": "m.login.password", "identifier": {"type": "m.id.user", "user": user("alice")}, "password": "wrong"});
    let refused = post(&app, &alice, "/keys/device_signing/upload", wrong).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.body["errcode"], "M_FORBIDDEN");
    let mut right = replace.clone();
    right["auth"] = json!({"type": "m.login.password", "identifier": {"type": "m.id.user", "user": user("alice")}, "password": "correct-horse"});
    let replaced = post(&app, &alice, "/keys/device_signing/upload", right).await;
    assert_eq!(replaced.status, StatusCode::OK, "{}", replaced.body);

    // The self-signing key's signature on the device is merged into its keys when they
    // are queried.
    let mut signed = signed_device_keys("alice", "ALICE1", &device_key);
    let by_ssk = ssk.sign(&mut signed, &user("alice"), &ssk.public());
    let signed = post(
        &app,
        &alice,
        "/keys/signatures/upload",
        json!({user("alice"): {"ALICE1": signed}}),
    )
    .await;
    assert_eq!(signed.body["failures"], json!({}), "{}", signed.body);
    let q = post(
        &app,
        &alice,
        "/keys/query",
        json!({"device_keys": {user("alice"): []}}),
    )
    .await;
    let queried = &q.body["device_keys"][user("alice")]["ALICE1"];
    let sigs = &queried["signatures"][user("alice")];
    assert_eq!(
        sigs[format!("ed25519:{}", ssk.public())],
        json!(by_ssk),
        "{}",
        q.body
    );
    assert!(
        device_key.signed(queried, &user("alice"), "ALICE1"),
        "{}",
        q.body
    );
    assert_eq!(
        q.body["master_keys"][user("alice")]["keys"][format!("ed25519:{}", msk2.public())],
        json!(msk2.public())
    );
    assert!(q.body["user_signing_keys"].is_object());

    // Key backup: versions, keys kept by the better copy, the current version enforced.
    let none = get(&app, &alice, "/room_keys/version").await;
    assert_error(&none, 404, "M_NOT_FOUND");
    let auth_data = json!({"public_key": "pk", "signatures": {}});
    let v1 = post(
        &app,
        &alice,
        "/room_keys/version",
        json!({"algorithm": "m.megolm_backup.v1.curve25519-aes-sha2", "auth_data": auth_data}),
    )
    .await;
    assert_eq!(v1.body["version"], "1", "{}", v1.body);
    let key = |first: i64| json!({"first_message_index": first, "forwarded_count": 0, "is_verified": false, "session_data": {"ciphertext": format!("c{first}")}});
    let path = "/room_keys/keys/!1:example.org/sess%2Fion+1?version=1";
    let stored = put(&app, &alice, path, key(5)).await;
    assert_eq!(stored.body["count"], 1, "{}", stored.body);
    put(&app, &alice, path, key(9)).await;
    let kept = get(&app, &alice, path).await;
    assert_eq!(
        kept.body["first_message_index"], 5,
        "the earlier index stays: {}",
        kept.body
    );
    put(&app, &alice, path, key(2)).await;
    let all = get(&app, &alice, "/room_keys/keys?version=1").await;
    assert_eq!(
        all.body["rooms"]["!1:example.org"]["sessions"]["sess/ion+1"]["first_message_index"], 2,
        "{}",
        all.body
    );
    let v2 = post(
        &app,
        &alice,
        "/room_keys/version",
        json!({"algorithm": "m.megolm_backup.v1.curve25519-aes-sha2", "auth_data": auth_data}),
    )
    .await;
    assert_eq!(v2.body["version"], "2");
    let old = put(&app, &alice, path, key(1)).await;
    assert_error(&old, 403, "M_WRONG_ROOM_KEYS_VERSION");
    assert_eq!(old.body["current_version"], "2");
    let current = get(&app, &alice, "/room_keys/version").await;
    assert_eq!(current.body["version"], "2");
    assert_eq!(current.body["count"], 0);
    let deleted = mx(
        &app,
        Method::DELETE,
        &format!("{V3}/room_keys/version/2"),
        Some(&alice),
        None,
    )
    .await;
    assert_eq!(deleted.status, StatusCode::OK);
    assert_eq!(
        get(&app, &alice, "/room_keys/version").await.body["version"],
        "1"
    );
    let missing = get(&app, &alice, "/room_keys/version/77").await;
    assert_error(&missing, 404, "M_NOT_FOUND");
    let no_version = get(&app, &alice, "/room_keys/keys").await;
    assert_error(&no_version, 400, "M_MISSING_PARAM");
}

#[tokio::test]
async fn an_administrator_may_refuse_encryption() {
    let app = TestApp::spawn_with(&[
        "--rate-limits",
        "off",
        "--matrix-server-name",
        SERVER,
        "--refuse-encryption",
    ])
    .await;
    app.register("alice").await;
    app.register("bob").await;
    let alice = device(&app, "alice", "ALICE1").await;
    let known = mx(&app, Method::GET, "/.well-known/matrix/client", None, None).await;
    assert_eq!(
        known.body["io.element.e2ee"],
        json!({"default": false, "force_disable": true})
    );
    let encrypted = json!({"type": "m.room.encryption", "state_key": "", "content": {"algorithm": "m.megolm.v1.aes-sha2"}});
    let made = post(
        &app,
        &alice,
        "/createRoom",
        json!({"name": "Plans", "initial_state": [encrypted]}),
    )
    .await;
    assert_error(&made, 403, "M_FORBIDDEN");
    let plain = post(&app, &alice, "/createRoom", json!({"name": "Plans"})).await;
    let room_id = plain.body["room_id"].as_str().expect("room").to_string();
    let set = put(
        &app,
        &alice,
        &format!("/rooms/{room_id}/state/m.room.encryption"),
        json!({"algorithm": "m.megolm.v1.aes-sha2"}),
    )
    .await;
    assert_error(&set, 403, "M_FORBIDDEN");
    let sent = put(
        &app,
        &alice,
        &format!("/rooms/{room_id}/send/m.room.encrypted/t1"),
        json!({"algorithm": "m.megolm.v1.aes-sha2", "ciphertext": "x"}),
    )
    .await;
    assert_error(&sent, 403, "M_FORBIDDEN");
}
