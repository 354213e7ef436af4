//! Web Push from the binary, against the tests' own push service
//! (`push_service`), which checks every push's VAPID token against natter's public key
//! and decrypts it with the subscription's keys. natter runs with
//! `--push-private-endpoints`, since that service listens on 127.0.0.1.

use crate::chats::{group, send};
use crate::helpers::*;
use crate::push_service::{Answer, PushService, PUSH_WAIT};
use reqwest::Method;
use serde_json::json;

const FLAGS: &[&str] = &["--rate-limits", "off", "--push-private-endpoints"];

/// natter that may push to this machine, and a push service that trusts its key.
async fn natter_and_service() -> (TestApp, PushService, (i64, String)) {
    let app = TestApp::spawn_with(FLAGS).await;
    let alice = app.register("alice").await;
    let service = PushService::start(&vapid_key(&app, &alice.1).await).await;
    (app, service, alice)
}

async fn vapid_key(app: &TestApp, auth: &str) -> String {
    let (status, body) = app.get("/api/push/", auth).await;
    assert_eq!(status, 200, "{body}");
    let key = body["public_key"].as_str().expect("public_key").to_string();
    assert_eq!(key.len(), 87, "a 65-byte point in base64url: {key}");
    key
}

/// Subscribes `auth`'s browser `name` at `service`; the subscription's id.
async fn subscribe(app: &TestApp, auth: &str, service: &PushService, name: &str) -> i64 {
    let (status, body) = app
        .post("/api/push/subscriptions/", auth, service.subscription(name))
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["endpoint"], json!(service.endpoint(name)));
    body["id"].as_i64().expect("id")
}

async fn set_level(app: &TestApp, auth: &str, chat: i64, level: &str) {
    let (status, body) = app
        .call(
            Method::PUT,
            &format!("/api/notifications/{chat}/"),
            Some(auth),
            Some(json!({ "level": level })),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_push_is_signed_encrypted_cut_and_never_sent_to_its_author() {
    let (app, service, (alice, ta)) = natter_and_service().await;
    let (bob, tb) = app.register("bob").await;
    subscribe(&app, &ta, &service, "alice").await;
    let id = subscribe(&app, &tb, &service, "bob").await;
    let (_, mine) = app.get("/api/push/", &tb).await;
    assert_eq!(mine["subscriptions"][0]["id"], json!(id));
    assert_eq!(
        mine["subscriptions"].as_array().map(Vec::len),
        Some(1),
        "only bob's own: {mine}"
    );

    let long = "é".repeat(400);
    inbox_send(&app, &ta, bob, &long).await;
    let push = service.nth("bob", 1).await;
    let p = &push.payload;
    assert_eq!(
        p["title"],
        json!("alice"),
        "a direct chat's push names the sender: {p}"
    );
    let body = p["body"].as_str().expect("body");
    assert_eq!(
        body.chars().count(),
        301,
        "cut to 300 characters and an ellipsis"
    );
    assert!(body.ends_with('…'));
    assert_eq!(p["count"], json!(1));
    let chat = p["chat_id"].as_i64().expect("chat_id");
    assert_eq!(p["url"], json!(format!("/#chat/{chat}")));
    assert_eq!(p["tag"], json!(format!("chat-{chat}")));
    assert_eq!(push.topic.as_deref(), Some(format!("chat-{chat}").as_str()));
    assert!(push.ttl.is_some(), "a TTL header");

    // bob answers: alice's first push is his line, not her own.
    inbox_send(&app, &tb, alice, "thanks").await;
    let back = service.nth("alice", 1).await;
    assert_eq!(back.payload["body"], json!("thanks"));
    assert_eq!(service.received("alice").len(), 1);
}

#[tokio::test]
async fn levels_and_mentions_decide_who_is_pushed_and_a_burst_is_one_push() {
    let (app, service, (_, ta)) = natter_and_service().await;
    let (bob, tb) = app.register("bob").await;
    let (carol, tc) = app.register("carol").await;
    let (dave, td) = app.register("dave").await;
    let g = group(&app, &ta, "Team", &[bob, carol, dave]).await;
    set_level(&app, &tb, g, "off").await;
    set_level(&app, &tc, g, "mentions").await;
    for (auth, name) in [(&tb, "bob"), (&tc, "carol"), (&td, "dave")] {
        subscribe(&app, auth, &service, name).await;
    }

    // Three lines well inside the collapse delay: one push each, with the count.
    send(&app, &ta, g, "one").await;
    send(&app, &ta, g, "two").await;
    send(&app, &ta, g, "hey @carol").await;
    let to_dave = service.nth("dave", 1).await;
    assert_eq!(to_dave.payload["count"], json!(3), "{:?}", to_dave.payload);
    assert_eq!(to_dave.payload["body"], json!("hey @carol"));
    assert_eq!(to_dave.payload["title"], json!("alice in Team"));
    let to_carol = service.nth("carol", 1).await;
    assert_eq!(
        to_carol.payload["count"],
        json!(1),
        "only the line naming her"
    );
    assert_eq!(to_carol.payload["body"], json!("hey @carol"));

    // bob muted the group: his first push is a later direct line.
    let (_, dm) = app
        .post(
            "/api/messages/",
            &ta,
            json!({"receiver": bob, "content": "direct"}),
        )
        .await;
    assert_eq!(dm["content"], json!("direct"));
    let to_bob = service.nth("bob", 1).await;
    assert_eq!(to_bob.payload["body"], json!("direct"));
    assert_eq!(service.attempts("bob"), 1);
    assert_eq!(service.received("dave").len(), 1);
    assert_eq!(service.received("carol").len(), 1);
}

#[tokio::test]
async fn nobody_is_pushed_what_an_open_socket_shows() {
    let (app, service, (_, ta)) = natter_and_service().await;
    let (bob, tb) = app.register("bob").await;
    let (carol, tc) = app.register("carol").await;
    let g = group(&app, &ta, "Team", &[bob, carol]).await;
    subscribe(&app, &tb, &service, "bob").await;
    subscribe(&app, &tc, &service, "carol").await;

    // bob reads; carol does not. Both are planned in one go, so carol's push says the
    // plan that left bob out has run.
    let ws = app.socket("/messages/ws/", &tb).await;
    send(&app, &ta, g, "seen on screen").await;
    assert_eq!(
        service.nth("carol", 1).await.payload["body"],
        json!("seen on screen")
    );
    drop(ws);
    send(&app, &ta, g, "after closing").await;
    assert_eq!(
        service.nth("carol", 2).await.payload["body"],
        json!("after closing")
    );
    let push = service.nth("bob", 1).await;
    assert_eq!(push.payload["body"], json!("after closing"));
    assert_eq!(push.payload["count"], json!(1));
    assert_eq!(service.received("bob").len(), 1);
}

#[tokio::test]
async fn gone_subscriptions_are_dropped_and_failures_retried_or_given_up() {
    let (app, service, (_, ta)) = natter_and_service().await;
    let mut people = Vec::new();
    for (name, answers) in [
        ("gone410", vec![Answer::Status(410)]),
        ("gone404", vec![Answer::Status(404)]),
        ("busy502", vec![Answer::Status(502)]),
        ("slow429", vec![Answer::TooMany]),
        ("bad400", vec![Answer::Status(400)]),
    ] {
        let (id, auth) = app.register(name).await;
        subscribe(&app, &auth, &service, name).await;
        service.answer(name, &answers);
        inbox_send(&app, &ta, id, &format!("to {name}")).await;
        people.push((name, auth));
    }
    // 5xx and 429 are tried again (5 s later) and then taken.
    for name in ["busy502", "slow429"] {
        let push = service.nth(name, 1).await;
        assert_eq!(push.payload["body"], json!(format!("to {name}")));
        assert_eq!(service.attempts(name), 2, "{name}");
    }
    // 404 and 410 removed the subscription; 400 gave the push up and kept it.
    for (name, auth) in &people {
        let (_, mine) = app.get("/api/push/", auth).await;
        let kept = mine["subscriptions"].as_array().map_or(0, Vec::len);
        let expected = usize::from(!name.starts_with("gone"));
        assert_eq!(kept, expected, "{name}: {mine}");
    }
    assert_eq!(service.attempts("bad400"), 1, "a 400 is not tried again");
    assert_eq!(service.attempts("gone410"), 1);
}

#[tokio::test]
async fn a_push_service_that_hangs_holds_up_nobody_else() {
    let (app, service, (_, ta)) = natter_and_service().await;
    let (bob, tb) = app.register("bob").await;
    let (carol, tc) = app.register("carol").await;
    subscribe(&app, &tb, &service, "bob").await;
    subscribe(&app, &tc, &service, "carol").await;
    service.answer("bob", &[Answer::Hang]);
    inbox_send(&app, &ta, bob, "into the void").await;
    service
        .wait_until(PUSH_WAIT, "bob's push to hang", |s| s.attempts("bob") == 1)
        .await;
    // bob's push hangs (up to the client's 10 s timeout); sends and carol's push go on.
    for n in 0..5 {
        inbox_send(&app, &ta, carol, &format!("line {n}")).await;
    }
    let push = service.nth("carol", 1).await;
    assert_eq!(push.payload["body"], json!("line 4"));
    assert_eq!(push.payload["count"], json!(5));
}

#[tokio::test]
async fn a_queued_push_outlives_a_crash_and_is_sent_once() {
    let (mut app, service, (_, ta)) = natter_and_service().await;
    let (bob, tb) = app.register("bob").await;
    subscribe(&app, &tb, &service, "bob").await;
    inbox_send(&app, &ta, bob, "before the crash").await;
    // Killed inside the collapse delay: the push exists only as a row.
    app.kill_and_restart();
    let push = service.nth("bob", 1).await;
    assert_eq!(push.payload["body"], json!("before the crash"));
    inbox_send(&app, &ta, bob, "after").await;
    let second = service.nth("bob", 2).await;
    assert_eq!(second.payload["body"], json!("after"));
    assert_eq!(service.received("bob").len(), 2, "nothing sent twice");
}

#[tokio::test]
async fn subscriptions_are_checked_and_only_their_owner_removes_them() {
    // Without --push-private-endpoints: only public https push services.
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    let service = PushService::start(&vapid_key(&app, &ta).await).await;
    let mut good = service.subscription("x");
    good["endpoint"] = json!("https://push.example.org/send/abc123");
    for (endpoint, why) in [
        (
            service.endpoint("x"),
            "The endpoint must be an https:// URL.",
        ),
        (
            "https://127.0.0.1/x".into(),
            "The endpoint must be on a public address.",
        ),
        (
            "https://10.1.2.3/x".into(),
            "The endpoint must be on a public address.",
        ),
        (
            "https://[::1]/x".into(),
            "The endpoint must be on a public address.",
        ),
        (
            "https://169.254.169.254/latest".into(),
            "The endpoint must be on a public address.",
        ),
        (
            "ftp://push.example.org/x".into(),
            "The endpoint must be an https:// URL.",
        ),
        ("not a url".into(), "Enter a valid URL."),
        (
            format!("https://push.example.org/{}", "a".repeat(1100)),
            "The endpoint is too long.",
        ),
    ] {
        let mut body = good.clone();
        body["endpoint"] = json!(endpoint);
        let (status, answer) = app.post("/api/push/subscriptions/", &tb, body).await;
        assert_eq!(status, 400, "{endpoint}: {answer}");
        assert_eq!(answer, json!({"endpoint": [why]}), "{endpoint}");
    }
    let mut bad_keys = good.clone();
    bad_keys["keys"] = json!({"p256dh": "AAAA", "auth": "short"});
    let (status, answer) = app.post("/api/push/subscriptions/", &tb, bad_keys).await;
    assert_eq!(status, 400, "{answer}");
    assert!(answer["p256dh"].is_array(), "{answer}");
    let (status, answer) = app
        .post(
            "/api/push/subscriptions/",
            &tb,
            json!({"endpoint": good["endpoint"]}),
        )
        .await;
    assert_eq!(status, 400);
    assert!(
        answer["p256dh"].is_array() && answer["auth"].is_array(),
        "{answer}"
    );
    let (status, answer) = app.post("/api/push/subscriptions/", &tb, json!([1])).await;
    assert_eq!(status, 400, "{answer}");

    let (status, row) = app
        .post("/api/push/subscriptions/", &tb, good.clone())
        .await;
    assert_eq!(status, 201, "{row}");
    let id = row["id"].as_i64().unwrap();
    let path = format!("/api/push/subscriptions/{id}/");
    let (status, _) = app.call(Method::DELETE, &path, Some(&ta), None).await;
    assert_eq!(status, 404, "alice cannot remove bob's subscription");
    let (status, _) = app.get("/api/push/", "").await;
    assert!(status == 401 || status == 403, "{status}");
    let (status, _) = app.call(Method::DELETE, &path, Some(&tb), None).await;
    assert_eq!(status, 204);
    let (_, mine) = app.get("/api/push/", &tb).await;
    assert_eq!(mine["subscriptions"], json!([]));
    let (status, _) = app
        .call(
            Method::DELETE,
            "/api/push/subscriptions/abc/",
            Some(&tb),
            None,
        )
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn on_two_nodes_each_message_is_pushed_once_and_not_to_a_reader_on_the_other() {
    let Some(c) = crate::cluster::cluster_with_or_skip("web push on two nodes", FLAGS) else {
        return;
    };
    let (_, ta) = c.a.register("alice").await;
    let (bob, tb) = c.b.register("bob").await;
    let (carol, tc) = c.a.register("carol").await;
    let service = PushService::start(&vapid_key(&c.a, &ta).await).await;
    assert_eq!(
        vapid_key(&c.b, &tb).await,
        vapid_key(&c.a, &ta).await,
        "one key"
    );
    subscribe(&c.a, &tb, &service, "bob").await;
    subscribe(&c.b, &tc, &service, "carol").await;

    // bob reads on node b, carol nowhere; alice writes on node a.
    let g = group(&c.a, &ta, "Team", &[bob, carol]).await;
    let ws = c.b.socket("/messages/ws/", &tb).await;
    send(&c.a, &ta, g, "read on b").await;
    assert_eq!(
        service.nth("carol", 1).await.payload["body"],
        json!("read on b")
    );
    drop(ws);
    for n in 1..=3 {
        send(&c.a, &ta, g, &format!("unread {n}")).await;
        let push = service.nth("bob", n).await;
        assert_eq!(push.payload["body"], json!(format!("unread {n}")));
        assert_eq!(
            service.nth("carol", n + 1).await.payload["body"],
            push.payload["body"]
        );
    }
    assert_eq!(
        service.received("bob").len(),
        3,
        "each once, whichever node sent it"
    );
    assert_eq!(service.received("carol").len(), 4);
}

#[tokio::test]
async fn a_call_rings_by_push_under_each_members_level() {
    let (app, service, (alice, ta)) = natter_and_service().await;
    let (bob, tb) = app.register("bob").await;
    let (carol, tc) = app.register("carol").await;
    let g = group(&app, &ta, "Team", &[bob, carol]).await;
    set_level(&app, &tc, g, "off").await;
    for (auth, name) in [(&tb, "bob"), (&tc, "carol")] {
        subscribe(&app, auth, &service, name).await;
    }
    // Alice starts a call from natter's socket; bob and carol have natter closed.
    let mut ws = app.socket("/messages/ws/", &ta).await;
    send_json(
        &mut ws,
        json!({"type": "join_call", "chat_id": g, "data": {}}),
    )
    .await;
    wait_for(&mut ws, |f| {
        f["type"] == "call_state" && f["data"]["participants"][0]["user_id"] == alice
    })
    .await;
    let ring = service.nth("bob", 1).await;
    assert_eq!(ring.payload["title"], json!("alice in Team"));
    assert_eq!(ring.payload["body"], json!("📞 started a call"));
    assert_eq!(ring.payload["chat_id"], json!(g));
    // carol turned the group's notifications off: no ring by push. A later direct line
    // is her first push.
    inbox_send(&app, &ta, carol, "direct").await;
    let to_carol = service.nth("carol", 1).await;
    assert_eq!(to_carol.payload["body"], json!("direct"));
    assert_eq!(service.received("carol").len(), 1);
}

#[tokio::test]
async fn a_reply_kept_in_a_thread_is_pushed_to_its_followers_only() {
    let (app, service, (_, ta)) = natter_and_service().await;
    let (bob, tb) = app.register("bob").await;
    let (carol, tc) = app.register("carol").await;
    let g = group(&app, &ta, "Team", &[bob, carol]).await;
    for (auth, name) in [(&tb, "bob"), (&tc, "carol")] {
        subscribe(&app, auth, &service, name).await;
    }
    let root = send(&app, &tb, g, "plan for friday").await;
    let to_carol = service.nth("carol", 1).await;
    assert_eq!(to_carol.payload["body"], json!("plan for friday"));
    // alice answers in the thread: bob wrote the root and follows it, carol does not.
    let (status, reply) = app
        .post(
            &format!("/messages/api/chats/{g}/messages/"),
            &ta,
            json!({"content": "looks good", "thread_id": root["id"]}),
        )
        .await;
    assert_eq!(status, 201, "{reply}");
    let to_bob = service.nth("bob", 1).await;
    assert_eq!(
        to_bob.payload["body"],
        json!("looks good"),
        "the reply's own text"
    );
    assert_eq!(to_bob.payload["message_id"], reply["id"]);
    // A channel message next: carol hears of it alone, not of the reply before it.
    send(&app, &ta, g, "lunch?").await;
    let to_carol = service.nth("carol", 2).await;
    assert_eq!(to_carol.payload["body"], json!("lunch?"));
    assert_eq!(
        to_carol.payload["count"],
        json!(1),
        "{:?}",
        to_carol.payload
    );
}

#[tokio::test]
async fn an_untitled_group_is_named_after_its_members_and_a_wide_mention_pushes_its_level() {
    let (app, service, (_, ta)) = natter_and_service().await;
    let (bob, tb) = app.register("bob").await;
    let (carol, tc) = app.register("carol").await;
    // As natter's web client makes a group direct message: no title.
    let g = group(&app, &ta, "", &[bob, carol]).await;
    set_level(&app, &tc, g, "mentions").await;
    subscribe(&app, &tc, &service, "carol").await;
    // The name follows a rename: nothing is stored.
    let (status, body) = app
        .call(
            Method::PATCH,
            "/api/account/",
            Some(&tb),
            Some(json!({"display_name": "Bobby"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");

    send(&app, &ta, g, "no mention, no push for carol").await;
    send(&app, &ta, g, "@channel lunch").await;
    let push = service.nth("carol", 1).await;
    assert_eq!(
        push.payload["body"],
        json!("@channel lunch"),
        "{:?}",
        push.payload
    );
    assert_eq!(push.payload["count"], json!(1));
    assert_eq!(push.payload["title"], json!("alice in alice, Bobby, carol"));

    // The administrators' chat list names it the same way; the chats surface keeps the
    // stored (empty) title, which natter's web client reads as a group direct message.
    let (status, chats) = app.get("/api/admin/chats/", &ta).await;
    assert_eq!(status, 200, "{chats}");
    let row = chats["results"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["id"] == json!(g))
        .cloned()
        .unwrap_or_default();
    assert_eq!(row["title"], json!("alice, Bobby, carol"), "{chats}");
    let (_, detail) = app.get(&format!("/messages/api/chats/{g}/"), &tb).await;
    assert_eq!(
        (&detail["title"], &detail["untitled"]),
        (&json!("alice, Bobby, carol"), &json!(true)),
        "a seed client sees the members' names: {detail}"
    );
}
