//! natter decides who is in a call's room on a real SFU: Debian's Janus with its
//! VideoRoom plugin, started here with natter's shared secret as its `api_secret`,
//! `token_auth_secret` and the VideoRoom's `admin_key`. Someone in the call gets a way in
//! from `POST /api/calls/sfu/` and joins the room with it as a browser would (Janus's
//! HTTP API); a member not in the call, a stranger, and anyone without natter's tokens
//! join nothing; a person who leaves or loses the chat is kicked and their token joins
//! nothing more; the room goes with the call. Without Janus each test prints why it was
//! skipped and passes, unless `NATTER_REQUIRE_SFU=1` (CI).

use crate::calls::{join, join_with};
use crate::chats::group;
use crate::helpers::*;
use crate::janus_server::Janus;
use reqwest::Method;
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const SFU_HOST: &str = "127.0.0.1";
const SECRET: &str = "south-wind";

/// Whether Janus can run here; prints why not, or panics under `NATTER_REQUIRE_SFU=1`.
fn can_run(test: &str) -> bool {
    if crate::janus_server::installed() {
        return true;
    }
    let why = "Janus is not installed (apt-get install janus)";
    if std::env::var("NATTER_REQUIRE_SFU").is_ok_and(|v| v == "1") {
        panic!("{test} needs Janus (NATTER_REQUIRE_SFU=1): {why}");
    }
    eprintln!("{test} SKIPPED: {why} (set NATTER_REQUIRE_SFU=1 to fail instead)");
    false
}

impl Janus {
    /// One request of Janus's API at `path` (after `/janus`) with `body`, as a browser
    /// or natter sends it; the answer whatever it says.
    async fn ask(&self, path: &str, mut body: Value) -> Value {
        body["transaction"] = json!("t");
        reqwest::Client::new()
            .post(format!("{}{path}", self.api))
            .json(&body)
            .send()
            .await
            .expect("Janus answers")
            .json()
            .await
            .expect("Janus's JSON")
    }

    /// A browser's session with `token` and its handle on the VideoRoom plugin.
    async fn browser(&self, token: &str) -> Result<(u64, u64), Value> {
        let made = self
            .ask("", json!({"janus": "create", "token": token}))
            .await;
        let Some(session) = made["data"]["id"].as_u64() else {
            return Err(made);
        };
        let attached = self
            .ask(
                &format!("/{session}"),
                json!({"janus": "attach", "plugin": "janus.plugin.videoroom", "token": token}),
            )
            .await;
        match attached["data"]["id"].as_u64() {
            Some(handle) => Ok((session, handle)),
            None => Err(attached),
        }
    }

    /// Does what a browser does with natter's answer `way` to `POST /api/calls/sfu/`: a
    /// session with its token, then a publisher's join of its room: the VideoRoom's event.
    async fn enter(&self, way: &Value) -> Value {
        let session = self.browser(text(&way["token"])).await.expect("a session");
        let token = text(&way["token"]);
        self.join(
            session,
            token,
            &way["room"],
            &way["id"],
            text(&way["room_token"]),
        )
        .await
    }

    /// Joins `room` as a publisher through `(session, handle)`: the VideoRoom's event,
    /// read from the session's long poll.
    async fn join(
        &self,
        (session, handle): (u64, u64),
        token: &str,
        room: &Value,
        id: &Value,
        room_token: &str,
    ) -> Value {
        let sent = self
            .ask(
                &format!("/{session}/{handle}"),
                json!({"janus": "message", "token": token, "body": {
                    "request": "join", "ptype": "publisher", "room": room, "id": id,
                    "token": room_token, "display": "someone",
                }}),
            )
            .await;
        assert_eq!(sent["janus"], "ack", "{sent}");
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            assert!(
                tokio::time::Instant::now() < deadline,
                "no answer to the join"
            );
            let url = format!("{}/{session}?maxev=1&token={}", self.api, urlencode(token));
            let event: Value = reqwest::Client::new()
                .get(url)
                .send()
                .await
                .expect("the long poll")
                .json()
                .await
                .expect("an event");
            if event["janus"] == "event" && event["sender"] == handle {
                return event["plugindata"]["data"].clone();
            }
        }
    }

    /// Who is in `room`, by their ids, as natter's secret sees it (`None`: no room).
    async fn participants(&self, room: &Value) -> Option<Vec<i64>> {
        let made = self
            .ask("", json!({"janus": "create", "apisecret": SECRET}))
            .await;
        let session = made["data"]["id"].as_u64().expect("natter's session");
        let attached = self
            .ask(
                &format!("/{session}"),
                json!({"janus": "attach", "plugin": "janus.plugin.videoroom", "apisecret": SECRET}),
            )
            .await;
        let handle = attached["data"]["id"].as_u64().expect("a handle");
        let listed = self
            .ask(
                &format!("/{session}/{handle}"),
                json!({"janus": "message", "apisecret": SECRET,
                       "body": {"request": "listparticipants", "room": room}}),
            )
            .await;
        let data = &listed["plugindata"]["data"];
        let mut ids: Vec<i64> = data["participants"]
            .as_array()?
            .iter()
            .filter_map(|p| p["id"].as_i64())
            .collect();
        ids.sort_unstable();
        Some(ids)
    }

    /// Waits until `room` holds exactly `ids` (`None`: until it is gone).
    async fn until_participants(&self, room: &Value, ids: Option<Vec<i64>>) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            let now = self.participants(room).await;
            if now == ids {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "room {room} holds {now:?}, not {ids:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

fn urlencode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The flags of a natter serving calls through `janus` (its secret written in `dir`),
/// with rate limits off.
fn sfu_flags(dir: &Path, janus: &Janus) -> Vec<String> {
    let secret = Janus::secret_file(dir, SECRET)
        .to_string_lossy()
        .to_string();
    [
        "--rate-limits",
        "off",
        "--sfu",
        &janus.api,
        "--sfu-secret-file",
        &secret,
    ]
    .map(String::from)
    .to_vec()
}

/// natter serving calls through `janus`.
async fn natter_with(dir: &Path, janus: &Janus) -> TestApp {
    let flags = sfu_flags(dir, janus);
    TestApp::spawn_with(&flags.iter().map(String::as_str).collect::<Vec<_>>()).await
}

async fn grant(app: &TestApp, auth: &str, chat: i64) -> (u16, Value) {
    let (status, body) = app
        .post("/api/calls/sfu/", auth, json!({"chat_id": chat}))
        .await;
    (status.as_u16(), body)
}

fn text(v: &Value) -> &str {
    v.as_str().expect("a string")
}

#[tokio::test]
async fn only_people_in_the_call_join_its_sfu_room_and_leaving_ends_it() {
    let test = "only_people_in_the_call_join_its_sfu_room_and_leaving_ends_it";
    if !can_run(test) {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let janus = Janus::start(dir.path(), SECRET);
    let app = natter_with(dir.path(), &janus).await;
    let (a, ta) = app.register("ann").await;
    let (b, tb) = app.register("ben").await;
    let (c, tc) = app.register("cy").await;
    let (_, td) = app.register("dee").await;
    let chat = group(&app, &ta, "Standup", &[b, c]).await;
    let mut sa = app.socket("/messages/ws/", &ta).await;
    let mut sb = app.socket("/messages/ws/", &tb).await;

    // Not in the call yet, or not in the chat: nothing.
    assert_eq!(grant(&app, &ta, chat).await.0, 404);
    assert_eq!(grant(&app, &td, chat).await.0, 404);
    let (status, body) = app.post("/api/calls/sfu/", &ta, json!({})).await;
    assert_eq!(status, 400, "{body}");

    join(&mut sa, chat, a).await;
    join(&mut sb, chat, b).await;
    let (status, ann) = grant(&app, &ta, chat).await;
    assert_eq!(status, 200, "{ann}");
    assert_eq!(ann["server"], janus.api.as_str());
    assert_eq!(ann["room"], chat);
    assert_eq!(ann["id"], a);
    let (status, ben) = grant(&app, &tb, chat).await;
    assert_eq!(status, 200, "{ben}");
    // Cy is a member but not in the call.
    assert_eq!(grant(&app, &tc, chat).await.0, 404);

    // Each joins the room with what natter gave them.
    let room = ann["room"].clone();
    for way in [&ann, &ben] {
        let joined = janus.enter(way).await;
        assert_eq!(joined["videoroom"], "joined", "{joined}");
    }
    janus.until_participants(&room, Some(vec![a, b])).await;

    // Without natter's tokens, nothing: no session without a token, a forged one, and no
    // room with a session token alone or another's room token.
    let refused = janus.ask("", json!({"janus": "create"})).await;
    assert_eq!(refused["janus"], "error", "{refused}");
    let forged = format!(
        "{},janus,janus.plugin.videoroom:AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        i64::MAX
    );
    assert!(janus.browser(&forged).await.is_err());
    let stranger = janus.browser(text(&ann["token"])).await.expect("a session");
    let denied = janus
        .join(stranger, text(&ann["token"]), &room, &json!(c), "guess")
        .await;
    assert_eq!(denied["error_code"], 433, "{denied}");

    // Ben loses the chat: he is kicked, and his room token joins nothing more.
    let (status, body) = app
        .call(
            Method::DELETE,
            &format!("/messages/api/chats/{chat}/members/{b}/remove/"),
            Some(&ta),
            None,
        )
        .await;
    assert!(status.is_success(), "{status} {body}");
    janus.until_participants(&room, Some(vec![a])).await;
    let again = janus.browser(text(&ben["token"])).await.expect("a session");
    let denied = janus
        .join(
            again,
            text(&ben["token"]),
            &room,
            &ben["id"],
            text(&ben["room_token"]),
        )
        .await;
    assert_eq!(denied["error_code"], 433, "{denied}");

    // Ann leaves, the call ends, and its room goes with it.
    send_json(
        &mut sa,
        json!({"type": "leave_call", "chat_id": chat, "data": {}}),
    )
    .await;
    janus.until_participants(&room, None).await;
    assert_eq!(grant(&app, &ta, chat).await.0, 404);
}

/// Two nodes on one database and one Janus: people who joined the call on either node get
/// their way into the same room from their own node, both nodes list them as sending
/// through the SFU, and someone who leaves on one node comes off the room while the other
/// stays; the room goes when the last one leaves on the other node.
#[tokio::test]
async fn a_call_through_the_sfu_crosses_nodes() {
    let test = "a_call_through_the_sfu_crosses_nodes";
    if !can_run(test) {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let janus = Janus::start(dir.path(), SECRET);
    let flags = sfu_flags(dir.path(), &janus);
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let Some(c) = crate::cluster::cluster_with_or_skip(test, &flags) else {
        return;
    };
    let (ann, ta) = c.a.register("ann").await;
    let (ben, tb) = c.b.register("ben").await;
    let chat = group(&c.a, &ta, "Standup", &[ben]).await;
    let mut on_a = c.a.socket("/messages/ws/", &ta).await;
    let mut on_b = c.b.socket("/messages/ws/", &tb).await;
    join_with(&mut on_a, chat, ann, json!({"sfu": true})).await;
    let people = join_with(&mut on_b, chat, ben, json!({"sfu": true})).await;
    assert_eq!(people.len(), 2, "{people:?}");
    assert!(people.iter().all(|p| p["sfu"] == true), "{people:?}");

    let (status, ann_way) = grant(&c.a, &ta, chat).await;
    assert_eq!(status, 200, "{ann_way}");
    let (status, ben_way) = grant(&c.b, &tb, chat).await;
    assert_eq!(status, 200, "{ben_way}");
    assert_eq!(ann_way["room"], ben_way["room"], "one room on the SFU");
    let room = ann_way["room"].clone();
    for way in [&ann_way, &ben_way] {
        let joined = janus.enter(way).await;
        assert_eq!(joined["videoroom"], "joined", "{joined}");
    }
    janus.until_participants(&room, Some(vec![ann, ben])).await;

    // Ben leaves on node b: node b takes him off; ann, on node a, stays.
    send_json(
        &mut on_b,
        json!({"type": "leave_call", "chat_id": chat, "data": {}}),
    )
    .await;
    janus.until_participants(&room, Some(vec![ann])).await;
    assert_eq!(grant(&c.b, &tb, chat).await.0, 404);
    // Ann leaves on node a: the call ends and its room goes.
    send_json(
        &mut on_a,
        json!({"type": "leave_call", "chat_id": chat, "data": {}}),
    )
    .await;
    janus.until_participants(&room, None).await;
}

#[tokio::test]
async fn an_sfu_that_cannot_be_reached_is_a_503_and_no_sfu_is_a_404() {
    let test = "an_sfu_that_cannot_be_reached_is_a_503_and_no_sfu_is_a_404";
    if !can_run(test) {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    // A port nothing listens on.
    let port = std::net::TcpListener::bind((SFU_HOST, 0))
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let gone = Janus {
        child: Command::new("true").spawn().expect("a process"),
        api: format!("http://{SFU_HOST}:{port}/janus"),
    };
    let app = natter_with(dir.path(), &gone).await;
    let (a, ta) = app.register("ann").await;
    let (b, _) = app.register("ben").await;
    let chat = group(&app, &ta, "Standup", &[b]).await;
    let mut sa = app.socket("/messages/ws/", &ta).await;
    join(&mut sa, chat, a).await;
    let (status, body) = grant(&app, &ta, chat).await;
    assert_eq!(status, 503, "{body}");

    let plain = TestApp::spawn().await;
    let (a, ta) = plain.register("ann").await;
    let (b, _) = plain.register("ben").await;
    let chat = group(&plain, &ta, "Standup", &[b]).await;
    let mut sa = plain.socket("/messages/ws/", &ta).await;
    join(&mut sa, chat, a).await;
    assert_eq!(grant(&plain, &ta, chat).await.0, 404);
}

#[test]
fn sfu_without_its_secret_or_with_a_wrong_address_does_not_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let start = |args: &[&str]| {
        let out = std::process::Command::new(natter_bin())
            .args(["--listen", "127.0.0.1:0", "--db"])
            .arg(dir.path().join("natter.db"))
            .args(args)
            .env_remove("NATTER_SFU_SECRET")
            .output()
            .expect("natter runs");
        assert!(!out.status.success(), "{args:?} started");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let said = start(&["--sfu", "http://127.0.0.1:8088/janus"]);
    assert!(said.contains("NATTER_SFU_SECRET"), "{said}");
    assert!(!dir.path().join("natter.db").exists());
    let said = start(&["--sfu", "ftp://sfu.example.org/janus"]);
    assert!(said.contains("http|https://"), "{said}");
}
