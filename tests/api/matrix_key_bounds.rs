//! What natter keeps of encryption's keys, signatures and messages to devices, and how
//! much of it one answer carries, through the real binary with real ed25519 keys (as
//! apps make them): a signature is kept only where it means something and checks (a
//! self-signing key on its owner's devices, the devices on their owner's master key, a
//! user-signing key on someone else's master key, shown to its signer alone), the rest
//! answered as failures and never handed out; cross-signing keys signed by the master
//! key; fallback keys of a few algorithms only; and at most a hundred messages (and a
//! mebibyte) to a device in one sync, the rest in the next, never skipped.

use crate::helpers::*;
use crate::matrix_http::*;
use base64::Engine;
use ed25519_dalek::{Signer, SigningKey, Verifier};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Matrix's base64: standard alphabet, no padding.
const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD_NO_PAD;

/// An ed25519 key an app would make (from a fixed seed, so a failure can be replayed).
pub struct Ed25519(SigningKey);

impl Ed25519 {
    pub fn new(seed: u8) -> Self {
        Ed25519(SigningKey::from_bytes(&[seed; 32]))
    }

    /// The public key as Matrix writes it.
    pub fn public(&self) -> String {
        B64.encode(self.0.verifying_key().to_bytes())
    }

    /// Signs `object` as `user`'s key `ed25519:{name}` and adds the signature to it;
    /// answers the signature.
    pub fn sign(&self, object: &mut Value, user: &str, name: &str) -> String {
        let signature = B64.encode(self.0.sign(signed_bytes(object).as_bytes()).to_bytes());
        object["signatures"][user][format!("ed25519:{name}")] = json!(signature);
        signature
    }

    /// Whether `object` carries this key's valid signature as `user`'s `ed25519:{name}`.
    pub fn signed(&self, object: &Value, user: &str, name: &str) -> bool {
        let Some(text) = object["signatures"][user][format!("ed25519:{name}")].as_str() else {
            return false;
        };
        let Ok(bytes) = B64.decode(text) else {
            return false;
        };
        let Ok(bytes) = <[u8; 64]>::try_from(bytes) else {
            return false;
        };
        self.0
            .verifying_key()
            .verify(
                signed_bytes(object).as_bytes(),
                &ed25519_dalek::Signature::from_bytes(&bytes),
            )
            .is_ok()
    }
}

/// What a signature signs: the object without `signatures` and `unsigned`, as canonical
/// JSON (the specification's appendix), written here apart from natter's own code.
fn signed_bytes(object: &Value) -> String {
    let mut bare = object.clone();
    if let Some(map) = bare.as_object_mut() {
        map.remove("signatures");
        map.remove("unsigned");
    }
    canonical(&bare)
}

/// Canonical JSON: keys sorted, no spaces (serde_json keeps insertion order in this
/// build, so the keys are sorted here).
fn canonical(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let members: Vec<String> = keys
                .iter()
                .map(|k| format!("{}:{}", Value::from(k.as_str()), canonical(&map[*k])))
                .collect();
            format!("{{{}}}", members.join(","))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(canonical).collect();
            format!("[{}]", items.join(","))
        }
        other => other.to_string(),
    }
}

pub fn user(name: &str) -> String {
    format!("@{name}:{SERVER}")
}

/// A device signed in as `name` with id `device`: its token.
async fn device(app: &TestApp, name: &str, device: &str) -> String {
    token_of(&sign_in(app, name, Some(device)).await)
}

/// A device's identity keys with `key` as its ed25519 key, signed by it, as apps
/// upload them.
pub fn device_keys(name: &str, device: &str, key: &Ed25519) -> Value {
    let mut keys = json!({
        "user_id": user(name),
        "device_id": device,
        "algorithms": ["m.olm.v1.curve25519-aes-sha2", "m.megolm.v1.aes-sha2"],
        "keys": {format!("curve25519:{device}"): "curve", format!("ed25519:{device}"): key.public()},
    });
    key.sign(&mut keys, &user(name), device);
    keys
}

/// A cross-signing key of `usage` holding `key`.
pub fn cross_signing_key(name: &str, usage: &str, key: &Ed25519) -> Value {
    json!({"user_id": user(name), "usage": [usage], "keys": {format!("ed25519:{}", key.public()): key.public()}})
}

/// A person's three cross-signing keys, the other two signed by the master key.
pub struct CrossSigning {
    pub master: Ed25519,
    pub self_signing: Ed25519,
    pub user_signing: Ed25519,
}

impl CrossSigning {
    pub fn new(seed: u8) -> Self {
        CrossSigning {
            master: Ed25519::new(seed),
            self_signing: Ed25519::new(seed + 1),
            user_signing: Ed25519::new(seed + 2),
        }
    }

    /// `/keys/device_signing/upload`'s body for `name`.
    pub fn upload(&self, name: &str) -> Value {
        let master = cross_signing_key(name, "master", &self.master);
        let mut ssk = cross_signing_key(name, "self_signing", &self.self_signing);
        let mut usk = cross_signing_key(name, "user_signing", &self.user_signing);
        let by = self.master.public();
        self.master.sign(&mut ssk, &user(name), &by);
        self.master.sign(&mut usk, &user(name), &by);
        json!({"master_key": master, "self_signing_key": ssk, "user_signing_key": usk})
    }
}

/// `/keys/query` of `whose` keys as `token`.
async fn query(app: &TestApp, token: &str, whose: &str) -> Value {
    let q = post(
        app,
        token,
        "/keys/query",
        json!({"device_keys": {user(whose): []}}),
    )
    .await;
    assert_eq!(q.status, StatusCode::OK, "{}", q.body);
    q.body
}

/// `/keys/signatures/upload` as `token`: its `failures`.
async fn upload_signatures(app: &TestApp, token: &str, body: Value) -> Value {
    let up = post(app, token, "/keys/signatures/upload", body).await;
    assert_eq!(up.status, StatusCode::OK, "{}", up.body);
    up.body["failures"].clone()
}

#[tokio::test]
async fn only_signatures_that_mean_something_and_check_are_kept() {
    let app = spawn().await;
    app.register("alice").await;
    app.register("bob").await;
    app.register("eve").await;
    let alice = device(&app, "alice", "ALICE1").await;
    let alice_phone = device(&app, "alice", "ALICE2").await;
    let bob = device(&app, "bob", "BOB1").await;
    let eve = device(&app, "eve", "EVE1").await;
    let made = post(
        &app,
        &alice,
        "/createRoom",
        json!({"is_direct": true, "invite": [user("bob")]}),
    )
    .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let (a1, a2, b1, e1) = (
        Ed25519::new(1),
        Ed25519::new(2),
        Ed25519::new(3),
        Ed25519::new(4),
    );
    let (a_cs, b_cs, e_cs) = (
        CrossSigning::new(10),
        CrossSigning::new(20),
        CrossSigning::new(30),
    );
    let stranger = Ed25519::new(99);

    // A device's keys keep the device's own signature; made-up ones beside it go.
    let mut keys = device_keys("alice", "ALICE1", &a1);
    for i in 0..40 {
        keys["signatures"][user("alice")][format!("ed25519:FAKE{i}")] = json!("A".repeat(86));
        keys["signatures"][format!("@x{i}:elsewhere.example")]["ed25519:K"] = json!("A".repeat(86));
    }
    let up = post(&app, &alice, "/keys/upload", json!({"device_keys": keys})).await;
    assert_eq!(up.status, StatusCode::OK, "{}", up.body);
    let phone_keys = device_keys("alice", "ALICE2", &a2);
    post(
        &app,
        &alice_phone,
        "/keys/upload",
        json!({"device_keys": phone_keys}),
    )
    .await;
    let seen = query(&app, &bob, "alice").await;
    let alice1 = &seen["device_keys"][user("alice")]["ALICE1"];
    assert_eq!(
        alice1["signatures"].as_object().map(|s| s.len()),
        Some(1),
        "{alice1}"
    );
    assert_eq!(
        alice1["signatures"][user("alice")]
            .as_object()
            .map(|s| s.len()),
        Some(1),
        "{alice1}"
    );
    assert!(a1.signed(alice1, &user("alice"), "ALICE1"), "{alice1}");

    // Cross-signing: the self-signing and user-signing keys must be signed by the
    // master key (Synapse's check); the master key must hold one ed25519 key.
    let good = a_cs.upload("alice");
    let mut unsigned = good.clone();
    unsigned["self_signing_key"]
        .as_object_mut()
        .expect("key")
        .remove("signatures");
    let refused = post(&app, &alice, "/keys/device_signing/upload", unsigned).await;
    assert_error(&refused, 400, "M_INVALID_SIGNATURE");
    let mut forged = good.clone();
    let master_name = a_cs.master.public();
    let mut usk = cross_signing_key("alice", "user_signing", &a_cs.user_signing);
    stranger.sign(&mut usk, &user("alice"), &master_name);
    forged["user_signing_key"] = usk;
    let refused = post(&app, &alice, "/keys/device_signing/upload", forged).await;
    assert_error(&refused, 400, "M_INVALID_SIGNATURE");
    let mut short = good.clone();
    short["master_key"]["keys"] = json!({"ed25519:short": "short"});
    let refused = post(&app, &alice, "/keys/device_signing/upload", short).await;
    assert_error(&refused, 400, "M_INVALID_PARAM");
    let mut wrong_usage = good.clone();
    wrong_usage["self_signing_key"]["usage"] = json!(["user_signing"]);
    let refused = post(&app, &alice, "/keys/device_signing/upload", wrong_usage).await;
    assert_error(&refused, 400, "M_INVALID_PARAM");
    let only_ssk = json!({"self_signing_key": e_cs.upload("eve")["self_signing_key"].clone()});
    let refused = post(&app, &eve, "/keys/device_signing/upload", only_ssk).await;
    assert_error(&refused, 400, "M_MISSING_PARAM");
    let kept = post(&app, &alice, "/keys/device_signing/upload", good.clone()).await;
    assert_eq!(kept.status, StatusCode::OK, "{}", kept.body);

    // Two hundred made-up signatures on a device, five times: failures, none kept.
    for _ in 0..5 {
        let mut made_up = device_keys("alice", "ALICE1", &a1);
        for i in 0..200 {
            made_up["signatures"][user("alice")][format!("ed25519:MADEUP{i}")] =
                json!("A".repeat(86));
        }
        let failures =
            upload_signatures(&app, &alice, json!({user("alice"): {"ALICE1": made_up}})).await;
        assert_eq!(
            failures[user("alice")]["ALICE1"]["errcode"],
            "M_INVALID_SIGNATURE",
            "{failures}"
        );
        assert!(failures[user("alice")]["ALICE1"]["error"].is_string());
    }
    // One under the self-signing key's id that is not its signature; one on keys that
    // are not the device's; one on a device that does not exist.
    let ssk_name = a_cs.self_signing.public();
    let mut fake = device_keys("alice", "ALICE1", &a1);
    fake["signatures"][user("alice")][format!("ed25519:{ssk_name}")] = json!("A".repeat(86));
    let mut other = device_keys("alice", "ALICE1", &a1);
    other["keys"]["curve25519:ALICE1"] = json!("another");
    a_cs.self_signing
        .sign(&mut other, &user("alice"), &ssk_name);
    let mut ghost = device_keys("alice", "GHOST", &a1);
    a_cs.self_signing
        .sign(&mut ghost, &user("alice"), &ssk_name);
    let failures = upload_signatures(&app, &alice, json!({user("alice"): {"ALICE1": fake}})).await;
    assert_eq!(
        failures[user("alice")]["ALICE1"]["errcode"],
        "M_INVALID_SIGNATURE",
        "{failures}"
    );
    let failures = upload_signatures(
        &app,
        &alice,
        json!({user("alice"): {"ALICE1": other, "GHOST": ghost}}),
    )
    .await;
    assert_eq!(
        failures[user("alice")]["ALICE1"]["errcode"],
        "M_UNKNOWN",
        "{failures}"
    );
    assert_eq!(
        failures[user("alice")]["GHOST"]["errcode"],
        "M_NOT_FOUND",
        "{failures}"
    );
    let answer = query(&app, &bob, "alice").await;
    assert!(
        answer.to_string().len() < 8_000,
        "the made-up signatures are not handed out: {} bytes",
        answer.to_string().len()
    );
    assert!(!answer.to_string().contains("MADEUP"), "{answer}");

    // The self-signing key's real signature on a device is kept and handed out, and
    // checks; so is a device's on the master key.
    let mut signed = device_keys("alice", "ALICE1", &a1);
    a_cs.self_signing
        .sign(&mut signed, &user("alice"), &ssk_name);
    let mut master = good["master_key"].clone();
    a1.sign(&mut master, &user("alice"), "ALICE1");
    let failures = upload_signatures(
        &app,
        &alice,
        json!({user("alice"): {"ALICE1": signed, master_name.clone(): master}}),
    )
    .await;
    assert_eq!(failures, json!({}), "{failures}");
    let mut by_ghost = good["master_key"].clone();
    a1.sign(&mut by_ghost, &user("alice"), "GHOST");
    let failures = upload_signatures(
        &app,
        &alice,
        json!({user("alice"): {master_name.clone(): by_ghost}}),
    )
    .await;
    assert_eq!(
        failures[user("alice")][&master_name]["errcode"],
        "M_INVALID_SIGNATURE",
        "{failures}"
    );
    let seen = query(&app, &bob, "alice").await;
    let alice1 = &seen["device_keys"][user("alice")]["ALICE1"];
    assert!(
        a_cs.self_signing.signed(alice1, &user("alice"), &ssk_name),
        "{alice1}"
    );
    assert!(a1.signed(alice1, &user("alice"), "ALICE1"), "{alice1}");
    let alice_master = &seen["master_keys"][user("alice")];
    assert!(
        a1.signed(alice_master, &user("alice"), "ALICE1"),
        "{alice_master}"
    );
    assert!(
        !alice_master.to_string().contains("GHOST"),
        "{alice_master}"
    );

    // Bob's user-signing key on alice's master key: kept, shown to bob alone. On her
    // device, with a made-up signature, or by someone who shares no chat with her: not.
    post(
        &app,
        &bob,
        "/keys/upload",
        json!({"device_keys": device_keys("bob", "BOB1", &b1)}),
    )
    .await;
    let up = post(
        &app,
        &bob,
        "/keys/device_signing/upload",
        b_cs.upload("bob"),
    )
    .await;
    assert_eq!(up.status, StatusCode::OK, "{}", up.body);
    let bob_usk = b_cs.user_signing.public();
    let mut verified = good["master_key"].clone();
    b_cs.user_signing
        .sign(&mut verified, &user("bob"), &bob_usk);
    let mut her_device = device_keys("alice", "ALICE1", &a1);
    b_cs.user_signing
        .sign(&mut her_device, &user("bob"), &bob_usk);
    let failures = upload_signatures(
        &app,
        &bob,
        json!({user("alice"): {master_name.clone(): verified.clone(), "ALICE1": her_device}}),
    )
    .await;
    assert_eq!(
        failures[user("alice")]["ALICE1"]["errcode"],
        "M_NOT_FOUND",
        "{failures}"
    );
    assert!(
        failures[user("alice")].get(&master_name).is_none(),
        "{failures}"
    );
    let bobs_view = query(&app, &bob, "alice").await;
    assert!(
        b_cs.user_signing.signed(
            &bobs_view["master_keys"][user("alice")],
            &user("bob"),
            &bob_usk
        ),
        "{bobs_view}"
    );
    let alices_view = query(&app, &alice, "alice").await;
    assert!(
        alices_view["master_keys"][user("alice")]["signatures"]
            .get(user("bob"))
            .is_none(),
        "{alices_view}"
    );
    let mut made_up = good["master_key"].clone();
    made_up["signatures"][user("bob")][format!("ed25519:{bob_usk}")] = json!("A".repeat(86));
    let failures = upload_signatures(
        &app,
        &bob,
        json!({user("alice"): {master_name.clone(): made_up}}),
    )
    .await;
    assert_eq!(
        failures[user("alice")][&master_name]["errcode"],
        "M_INVALID_SIGNATURE",
        "{failures}"
    );
    post(
        &app,
        &eve,
        "/keys/upload",
        json!({"device_keys": device_keys("eve", "EVE1", &e1)}),
    )
    .await;
    let up = post(
        &app,
        &eve,
        "/keys/device_signing/upload",
        e_cs.upload("eve"),
    )
    .await;
    assert_eq!(up.status, StatusCode::OK, "{}", up.body);
    let eve_usk = e_cs.user_signing.public();
    let mut by_eve = good["master_key"].clone();
    e_cs.user_signing.sign(&mut by_eve, &user("eve"), &eve_usk);
    let failures = upload_signatures(
        &app,
        &eve,
        json!({user("alice"): {master_name.clone(): by_eve}, "@nobody:example.org": {"X": {}}}),
    )
    .await;
    assert_eq!(
        failures[user("alice")][&master_name]["errcode"],
        "M_FORBIDDEN",
        "{failures}"
    );
    assert_eq!(
        failures["@nobody:example.org"]["X"]["errcode"], "M_NOT_FOUND",
        "{failures}"
    );

    // A self-signing key replaced takes its signatures with it; a device signed out
    // takes its signature on the master key.
    let new_ssk = Ed25519::new(77);
    let mut ssk = cross_signing_key("alice", "self_signing", &new_ssk);
    a_cs.master.sign(&mut ssk, &user("alice"), &master_name);
    let replaced = post(
        &app,
        &alice,
        "/keys/device_signing/upload",
        json!({"self_signing_key": ssk, "auth": {"type": "m.login.password",
            "identifier": {"type": "m.id.user", "user": user("alice")}, "password": "correct-horse"}}),
    )
    .await;
    assert_eq!(replaced.status, StatusCode::OK, "{}", replaced.body);
    let gone = post(&app, &alice, "/logout", json!({})).await;
    assert_eq!(gone.status, StatusCode::OK);
    let seen = query(&app, &alice_phone, "alice").await;
    assert!(
        seen["device_keys"][user("alice")].get("ALICE1").is_none(),
        "{seen}"
    );
    let signatures = &seen["master_keys"][user("alice")]["signatures"][user("alice")];
    assert!(signatures.get("ed25519:ALICE1").is_none(), "{seen}");
    let phone = device_keys("alice", "ALICE2", &a2);
    let mut old_ssk_on_phone = phone.clone();
    a_cs.self_signing
        .sign(&mut old_ssk_on_phone, &user("alice"), &ssk_name);
    let failures = upload_signatures(
        &app,
        &alice_phone,
        json!({user("alice"): {"ALICE2": old_ssk_on_phone}}),
    )
    .await;
    assert_eq!(
        failures[user("alice")]["ALICE2"]["errcode"],
        "M_INVALID_SIGNATURE",
        "{failures}"
    );
}

#[tokio::test]
async fn a_device_keeps_fallback_keys_of_a_few_algorithms() {
    let app = spawn().await;
    app.register("alice").await;
    let alice = device(&app, "alice", "ALICE1").await;
    let fallback = |algorithms: std::ops::Range<usize>| {
        let keys: serde_json::Map<String, Value> = algorithms
            .map(|i| {
                (
                    format!("alg{i}:AAAA"),
                    json!({"key": format!("k{i}"), "fallback": true}),
                )
            })
            .collect();
        json!({ "fallback_keys": keys })
    };
    // Three hundred invented algorithms are refused whole.
    let many = post(&app, &alice, "/keys/upload", fallback(0..300)).await;
    assert_error(&many, 400, "M_INVALID_PARAM");
    let five = post(&app, &alice, "/keys/upload", fallback(0..5)).await;
    assert_eq!(five.status, StatusCode::OK, "{}", five.body);
    // The same algorithms again replace their keys; a sixth is refused.
    let again = post(&app, &alice, "/keys/upload", fallback(0..5)).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    let sixth = post(&app, &alice, "/keys/upload", fallback(5..6)).await;
    assert_error(&sixth, 400, "M_INVALID_PARAM");
    // A fallback key is bounded as a one-time key is.
    let large = json!({"fallback_keys": {"alg0:BBBB": {"key": "k".repeat(20_000)}}});
    let large = post(&app, &alice, "/keys/upload", large).await;
    assert_error(&large, 400, "M_TOO_LARGE");
    let synced = get(&app, &alice, "/sync").await;
    let mut types: Vec<String> = synced.body["device_unused_fallback_key_types"]
        .as_array()
        .expect("types")
        .iter()
        .map(|t| t.as_str().unwrap_or_default().to_string())
        .collect();
    types.sort();
    assert_eq!(
        types,
        ["alg0", "alg1", "alg2", "alg3", "alg4"],
        "{}",
        synced.body
    );
}

/// Alice and bob in a room together, each with a device: (alice's token, bob's).
async fn two_in_a_room(app: &TestApp) -> (String, String) {
    app.register("alice").await;
    app.register("bob").await;
    let alice = device(app, "alice", "ALICE1").await;
    let bob = device(app, "bob", "BOB1").await;
    let made = post(
        app,
        &alice,
        "/createRoom",
        json!({"is_direct": true, "invite": [user("bob")]}),
    )
    .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    (alice, bob)
}

/// Sends message `i` (of `pad` bytes of padding) from alice to bob's BOB1.
async fn send_to_bob(app: &TestApp, alice: &str, i: usize, pad: usize) {
    let body = json!({"messages": {user("bob"): {"BOB1": {"i": i, "pad": "p".repeat(pad)}}}});
    let sent = put(app, alice, &format!("/sendToDevice/m.test/t{i}"), body).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
}

/// The `i` of each message to the device a `/sync` answer carries, in order.
fn carried(events: &Value) -> Vec<u64> {
    events
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["content"]["i"].as_u64().expect("i"))
        .collect()
}

/// `/sync` from `since` (none: a first sync) as `token`: (its messages to the device,
/// its next token).
async fn sync_from(app: &TestApp, token: &str, since: Option<&str>) -> (Vec<u64>, String) {
    let path = match since {
        Some(since) => format!("/sync?since={since}&timeout=0"),
        None => "/sync?timeout=0".to_string(),
    };
    let answer = get(app, token, &path).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let next = answer.body["next_batch"]
        .as_str()
        .expect("next_batch")
        .to_string();
    (carried(&answer.body["to_device"]["events"]), next)
}

#[tokio::test]
async fn a_sync_carries_a_hundred_messages_to_a_device_and_the_next_the_rest() {
    let app = spawn().await;
    let (alice, bob) = two_in_a_room(&app).await;
    let (_, since) = sync_from(&app, &bob, None).await;
    for i in 0..150 {
        send_to_bob(&app, &alice, i, 0).await;
    }
    let (first, after_first) = sync_from(&app, &bob, Some(&since)).await;
    assert_eq!(first, (0..100).collect::<Vec<u64>>());
    // The same token again (an answer the app never got) carries the same hundred.
    let (retried, after_retry) = sync_from(&app, &bob, Some(&since)).await;
    assert_eq!(retried, first);
    // The next sync from either token carries the other fifty, at once.
    let waited = poll(&app, &bob, &after_retry).await.expect("poll");
    assert_eq!(waited.status, StatusCode::OK, "{}", waited.body);
    assert!(
        waited.took < std::time::Duration::from_secs(10),
        "{:?}",
        waited.took
    );
    assert_eq!(
        carried(&waited.body["to_device"]["events"]),
        (100..150).collect::<Vec<u64>>()
    );
    let (rest, after_rest) = sync_from(&app, &bob, Some(&after_first)).await;
    assert_eq!(rest, (100..150).collect::<Vec<u64>>());
    let (none, _) = sync_from(&app, &bob, Some(&after_rest)).await;
    assert_eq!(none, Vec::<u64>::new());
}

#[tokio::test]
async fn a_sync_carries_about_a_mebibyte_of_messages_to_a_device() {
    let app = spawn().await;
    let (alice, bob) = two_in_a_room(&app).await;
    let (_, since) = sync_from(&app, &bob, None).await;
    // Twenty messages of 60 kB each: 1.2 MB.
    for i in 0..20 {
        send_to_bob(&app, &alice, i, 60_000).await;
    }
    let answer = get(&app, &bob, &format!("/sync?since={since}&timeout=0")).await;
    let events = &answer.body["to_device"]["events"];
    let first = carried(events);
    assert!(
        !first.is_empty() && first.len() < 20,
        "{} carried",
        first.len()
    );
    assert!(
        events.to_string().len() <= 1024 * 1024 + 100 * first.len(),
        "{} bytes",
        events.to_string().len()
    );
    let next = answer.body["next_batch"].as_str().expect("next_batch");
    let (rest, _) = sync_from(&app, &bob, Some(next)).await;
    let all: Vec<u64> = first.iter().chain(rest.iter()).copied().collect();
    assert_eq!(all, (0..20).collect::<Vec<u64>>());
}

#[tokio::test]
async fn the_sliding_syncs_messages_to_a_device_come_a_hundred_at_a_time() {
    let app = spawn().await;
    let (alice, bob) = two_in_a_room(&app).await;
    for i in 0..130 {
        send_to_bob(&app, &alice, i, 0).await;
    }
    const SSS: &str = "/_matrix/client/unstable/org.matrix.simplified_msc3575/sync?timeout=0";
    let sliding = |since: Option<String>| {
        let app = &app;
        let bob = &bob;
        async move {
            let mut to_device = json!({"enabled": true});
            if let Some(since) = since {
                to_device["since"] = json!(since);
            }
            let body = json!({"conn_id": "encryption", "extensions": {"to_device": to_device}});
            let answer = mx(app, Method::POST, SSS, Some(bob), Some(body)).await;
            assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
            let ext = answer.body["extensions"]["to_device"].clone();
            (
                carried(&ext["events"]),
                ext["next_batch"].as_str().expect("next_batch").to_string(),
            )
        }
    };
    let (first, next) = sliding(None).await;
    assert_eq!(first, (0..100).collect::<Vec<u64>>());
    let (rest, next) = sliding(Some(next)).await;
    assert_eq!(rest, (100..130).collect::<Vec<u64>>());
    let (none, _) = sliding(Some(next)).await;
    assert_eq!(none, Vec::<u64>::new());
}
