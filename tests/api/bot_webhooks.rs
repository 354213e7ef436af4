//! Bots' outgoing webhooks, through the binary, against a bot's
//! server on this machine that checks each call's signature with the key the
//! administrator was shown, as a bot's author would: a mention or a direct message calls
//! it, its answer is posted as the bot's reply, a 5xx is tried again (once delivered,
//! never again, across a restart too), and natter calls no address it may not.

use crate::bots::bot_in_a_room;
use crate::helpers::*;
use hmac::{Hmac, Mac};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sha2::Sha256;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Notify;
use warp::Filter;

/// One call as the bot's server took it.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    delivery: String,
    pub(crate) body: Value,
    /// Whether `X-Natter-Signature` was right for the body and timestamp under the key.
    signed: bool,
    /// How far the timestamp was from the server's clock, in seconds.
    skew: i64,
}

#[derive(Default)]
struct State {
    key: String,
    calls: Vec<Call>,
    /// Answers to give, in order: (status, content type, body); then 200 with no body.
    answers: VecDeque<(u16, &'static str, String)>,
}

/// A bot's server: `POST /bot`.
pub(crate) struct BotServer {
    pub(crate) url: String,
    state: Arc<Mutex<State>>,
    arrived: Arc<Notify>,
}

impl BotServer {
    pub(crate) async fn start() -> BotServer {
        let state = Arc::new(Mutex::new(State::default()));
        let arrived = Arc::new(Notify::new());
        let (st, notify) = (state.clone(), arrived.clone());
        let route = warp::post()
            .and(warp::path("bot"))
            .and(warp::header::headers_cloned())
            .and(warp::body::bytes())
            .map(move |headers: warp::http::HeaderMap, body: bytes::Bytes| {
                let header = |name: &str| {
                    headers
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_string()
                };
                let mut s = st.lock().unwrap();
                let timestamp = header("x-natter-timestamp");
                let mut mac = Hmac::<Sha256>::new_from_slice(s.key.as_bytes()).unwrap();
                mac.update(timestamp.as_bytes());
                mac.update(b".");
                mac.update(&body);
                let want = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
                let skew = timestamp
                    .parse::<i64>()
                    .map_or(i64::MAX, |t| (t - chrono::Utc::now().timestamp()).abs());
                s.calls.push(Call {
                    delivery: header("x-natter-delivery"),
                    body: serde_json::from_slice(&body).unwrap_or(Value::Null),
                    signed: header("x-natter-signature") == want
                        && header("content-type") == "application/json",
                    skew,
                });
                let (status, content_type, text) =
                    s.answers
                        .pop_front()
                        .unwrap_or((200, "text/plain", String::new()));
                notify.notify_waiters();
                warp::http::Response::builder()
                    .status(status)
                    .header("content-type", content_type)
                    .body(text)
                    .unwrap()
            });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(warp::serve(route).incoming(listener).run());
        BotServer {
            url: format!("http://{addr}/bot"),
            state,
            arrived,
        }
    }

    pub(crate) fn answer(&self, status: u16, content_type: &'static str, body: &str) {
        self.state
            .lock()
            .unwrap()
            .answers
            .push_back((status, content_type, body.to_string()));
    }

    pub(crate) fn calls(&self) -> Vec<Call> {
        self.state.lock().unwrap().calls.clone()
    }

    /// Waits (at most 30 s) until `n` calls have arrived.
    pub(crate) async fn until_calls(&self, n: usize) -> Vec<Call> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        loop {
            let notified = self.arrived.notified();
            let calls = self.calls();
            if calls.len() >= n {
                return calls;
            }
            assert!(
                tokio::time::timeout_at(deadline, notified).await.is_ok(),
                "{} call(s) after 30 s, wanted {n}: {calls:?}",
                calls.len()
            );
        }
    }
}

/// A room with a bot whose webhook is `server`'s, the server knowing the bot's key.
pub(crate) async fn bot_with_webhook(
    app: &TestApp,
    server: &BotServer,
) -> (String, String, i64, Value) {
    let (admin, person, room, bot, _) = bot_in_a_room(app, "helper").await;
    server.state.lock().unwrap().key = bot["key"].as_str().unwrap().to_string();
    let (status, changed) = app
        .call(
            reqwest::Method::PATCH,
            &format!("/api/bots/{}/", bot["id"]),
            Some(&admin),
            Some(json!({"webhook_url": server.url})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["webhook_url"], server.url);
    (admin, person, room, bot)
}

pub(crate) async fn say(app: &TestApp, auth: &str, room: i64, content: &str) -> i64 {
    let (status, sent) = app
        .post(
            &format!("/api/rooms/{room}/messages/"),
            auth,
            json!({"content": content}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    sent["id"].as_i64().unwrap()
}

/// Waits (at most 30 s) for a message in the room whose text is `text`; all such. The
/// history is read again whenever the room's socket says something.
async fn until_message(app: &TestApp, auth: &str, room: i64, text: &str) -> Vec<Value> {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let mut socket = app.socket(&format!("/ws/room/{room}/"), auth).await;
    loop {
        let (_, page) = app.get(&format!("/api/rooms/{room}/messages/"), auth).await;
        let found: Vec<Value> = page["results"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|m| m["content"] == text)
            .cloned()
            .collect();
        if !found.is_empty() {
            return found;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no {text:?} in {page}"
        );
        let _ = try_next_json(&mut socket, Duration::from_secs(1)).await;
    }
}

#[tokio::test]
async fn a_mention_calls_the_bot_signed_and_its_answer_is_posted_as_its_reply() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--webhook-allow-private"]).await;
    let server = BotServer::start().await;
    let (_, person, room, bot) = bot_with_webhook(&app, &server).await;
    server.answer(
        200,
        "application/json",
        r#"{"text": "*pong* from the bot"}"#,
    );

    say(&app, &person, room, "no mention, no call").await;
    let id = say(&app, &person, room, "@helper ping").await;
    let calls = server.until_calls(1).await;
    let call = &calls[0];
    assert!(call.signed, "signed with the key it was shown: {call:?}");
    assert!(call.skew <= 60, "{call:?}");
    let body = &call.body;
    assert_eq!(body["type"], "message");
    assert_eq!(body["message"]["id"], id);
    assert_eq!(body["message"]["text"], "@helper ping");
    assert_eq!(body["chat"]["id"], room);
    assert_eq!(body["chat"]["kind"], "room");
    assert_eq!(body["chat"]["name"], "ops");
    assert_eq!(body["sender"]["username"], "ann");
    assert_eq!(body["bot"]["id"], bot["id"]);
    assert_eq!(call.delivery, body["delivery_id"].to_string());
    let reply_url = body["reply_url"].as_str().unwrap();
    assert!(
        reply_url.starts_with(&format!("{}/hooks/", app.base)),
        "{reply_url}"
    );

    let replies = until_message(&app, &person, room, "**pong** from the bot").await;
    assert_eq!(replies[0]["author"]["id"], bot["id"], "{replies:?}");

    // The reply URL posts as the bot too; neither its posts nor its replies call it.
    let (status, text, _) = crate::bots::hook_post(
        reply_url,
        "application/json",
        r#"{"text": "@helper later"}"#,
    )
    .await;
    assert_eq!((status, text.as_str()), (200, "ok"));
    say(&app, &person, room, "@HELPER again").await;
    let calls = server.until_calls(2).await;
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert_eq!(calls[1].body["message"]["text"], "@HELPER again");
    assert_ne!(calls[0].delivery, calls[1].delivery);
}

#[tokio::test]
async fn a_direct_message_calls_the_bot_and_a_plain_text_answer_is_the_reply() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--webhook-allow-private"]).await;
    let server = BotServer::start().await;
    let (_, person, _, bot) = bot_with_webhook(&app, &server).await;
    server.answer(200, "text/plain; charset=utf-8", "hello, ann");
    let (status, dm) = app
        .post("/api/chats/create/", &person, json!({"user_id": bot["id"]}))
        .await;
    assert!(status.is_success(), "{dm}");
    let dm = dm["id"].as_i64().unwrap();
    let (status, _) = app
        .post(
            &format!("/messages/api/chats/{dm}/messages/"),
            &person,
            json!({"content": "hi there"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let calls = server.until_calls(1).await;
    assert_eq!(calls[0].body["chat"]["kind"], "direct");
    assert_eq!(calls[0].body["message"]["text"], "hi there");
    assert!(calls[0].signed);
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let mut socket = app.socket("/messages/ws/", &person).await;
    loop {
        let (_, page) = app
            .get(&format!("/messages/api/chats/{dm}/messages/"), &person)
            .await;
        if page.to_string().contains("hello, ann") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no reply in {page}");
        let _ = try_next_json(&mut socket, Duration::from_secs(1)).await;
    }
}

#[tokio::test]
async fn a_failing_webhook_is_tried_again_and_a_delivered_call_is_never_repeated_after_a_restart() {
    let mut app = TestApp::spawn_with(&["--rate-limits", "off", "--webhook-allow-private"]).await;
    let server = BotServer::start().await;
    let (_, person, room, _) = bot_with_webhook(&app, &server).await;
    server.answer(503, "text/plain", "busy");
    server.answer(200, "application/json", r#"{"text": "done at last"}"#);
    say(&app, &person, room, "@helper deploy").await;
    let first = server.until_calls(1).await;

    // Killed between the failure and the retry: the call is still owed, once.
    app.kill_and_restart();
    let calls = server.until_calls(2).await;
    assert_eq!(
        calls[1].delivery, first[0].delivery,
        "the same delivery, tried again"
    );
    assert!(calls[1].signed);
    let replies = until_message(&app, &person, room, "done at last").await;
    assert_eq!(replies.len(), 1);

    // Delivered: a restart calls nothing again; the next mention is the next call.
    app.kill_and_restart();
    say(&app, &person, room, "@helper status").await;
    let calls = server.until_calls(3).await;
    assert_eq!(calls.len(), 3, "{calls:?}");
    assert_eq!(calls[2].body["message"]["text"], "@helper status");
}

#[tokio::test]
async fn natter_calls_no_address_it_may_not() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.register("boss").await;
    for url in [
        "http://127.0.0.1:9/hook",
        "http://localhost:9/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://[::1]:9/",
        "http://[::ffff:192.168.0.1]/",
        "ftp://example.org/",
        "file:///etc/passwd",
        "https://user:pw@example.org/",
        "not a url",
    ] {
        let (status, body) = app
            .post(
                "/api/bots/",
                &admin,
                json!({"username": "b", "webhook_url": url}),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{url}: {body}");
        assert!(body["webhook_url"].is_array(), "{url}: {body}");
    }
    let (status, ok) = app
        .post(
            "/api/bots/",
            &admin,
            json!({"username": "b", "webhook_url": "https://bots.example.org/hook"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "a public https URL: {ok}");

    // Private addresses allowed: natter itself, under any spelling, still not.
    let private = TestApp::spawn_with(&["--rate-limits", "off", "--webhook-allow-private"]).await;
    let (_, admin) = private.register("boss").await;
    let port = private.addr.rsplit(':').next().unwrap().to_string();
    for url in [
        format!("{}/hooks/x", private.base),
        format!("http://localhost:{port}/"),
        format!("http://[::1]:{port}/"),
        format!("http://0.0.0.0:{port}/"),
    ] {
        let (status, body) = private
            .post(
                "/api/bots/",
                &admin,
                json!({"username": "loop", "webhook_url": url}),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{url}: {body}");
    }
    let (status, _) = private
        .post(
            "/api/bots/",
            &admin,
            json!({"username": "local", "webhook_url": "http://127.0.0.1:9/"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn two_nodes_call_the_bot_once_per_message() {
    let test = "two_nodes_call_the_bot_once_per_message";
    let Some(c) = crate::cluster::cluster_with_or_skip(
        test,
        &["--rate-limits", "off", "--webhook-allow-private"],
    ) else {
        return;
    };
    let server = BotServer::start().await;
    let (_, person, room, _) = bot_with_webhook(&c.a, &server).await;
    // Mentions sent on both nodes; both nodes' loops look for due calls all along.
    let mut sent = Vec::new();
    for i in 0..20 {
        let node = if i % 2 == 0 { &c.a } else { &c.b };
        sent.push(say(node, &person, room, &format!("@helper job {i}")).await);
    }
    let calls = server.until_calls(20).await;
    // A call made twice would arrive right after the first: one more mention, sent once
    // all twenty were called, must be the 21st call.
    say(&c.b, &person, room, "@helper last").await;
    let calls_then = server.until_calls(21).await;
    assert_eq!(calls_then.len(), 21, "{calls:?}");
    assert_eq!(calls_then[20].body["message"]["text"], "@helper last");
    let mut called: Vec<i64> = calls_then[..20]
        .iter()
        .map(|c| c.body["message"]["id"].as_i64().unwrap())
        .collect();
    called.sort_unstable();
    assert_eq!(called, sent, "each message called once");
    assert!(calls_then.iter().all(|c| c.signed));
}
