//! Two natter nodes on one PostgreSQL database with NATS between them, run for
//! real: `nats-server` on a free port (stopped and restarted on that port), a fresh
//! database on the suite's throwaway PostgreSQL (`pg`), and two natter processes. Every
//! child is killed when its test ends. Without nats-server or PostgreSQL a test says it
//! was skipped and why, and passes, unless `NATTER_REQUIRE_NATS=1` (CI).

use crate::chats::{group, send};
use crate::helpers::*;
use reqwest::Method;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A nats-server child process, on one port for its whole life.
pub(crate) struct Nats {
    bin: PathBuf,
    port: u16,
    child: Option<Child>,
    /// The address it listens on.
    addr: String,
}

impl Drop for Nats {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Nats {
    /// Starts nats-server on a free port (`-p -1`), read from its log.
    pub(crate) fn start(bin: PathBuf) -> Nats {
        Nats::start_on(bin, "127.0.0.1")
    }

    /// Starts nats-server on a free port of `addr` (`0.0.0.0` for nodes in other network
    /// namespaces).
    pub(crate) fn start_on(bin: PathBuf, addr: &str) -> Nats {
        let (child, port) = run_nats(&bin, addr, None);
        Nats {
            addr: addr.to_string(),
            bin,
            port,
            child: Some(child),
        }
    }

    /// `nats://127.0.0.1:PORT`, for `--hub`.
    fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    /// Kills it (the nodes see their connection drop at once).
    pub(crate) fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port.
    pub(crate) fn restart(&mut self) {
        self.stop();
        let (child, _) = run_nats(&self.bin, &self.addr, Some(self.port));
        self.child = Some(child);
    }

    /// The port it listens on, to find the nodes' connections to it.
    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    /// The running child's process id, to freeze it (SIGSTOP) and resume it (SIGCONT).
    pub(crate) fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }
}

/// Runs nats-server and waits for "Listening for client connections on 127.0.0.1:PORT";
/// a thread keeps reading its log so that it never blocks on a full pipe.
fn run_nats(bin: &PathBuf, addr: &str, port: Option<u16>) -> (Child, u16) {
    let port_arg = port.map_or("-1".to_string(), |p| p.to_string());
    let mut child = Command::new(bin)
        .args(["-a", addr, "-p", &port_arg])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nats-server starts");
    let log = child.stderr.take().expect("nats-server's log");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(log).lines().map_while(Result::ok) {
            if let Some((_, at)) = line.split_once("Listening for client connections on ") {
                let port = at.trim().rsplit(':').next().and_then(|p| p.parse().ok());
                let _ = tx.send(port);
            }
        }
    });
    match rx.recv_timeout(WAIT) {
        Ok(Some(port)) => (child, port),
        other => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("nats-server did not say where it listens: {other:?}")
        }
    }
}

/// nats-server's path, or `None` after saying why the test is skipped (a failure with
/// `NATTER_REQUIRE_NATS=1`). Every test with NATS runs its nodes on PostgreSQL whatever
/// the suite's mode, so a second pass on PostgreSQL (`NATTER_TEST_DB=postgres`) that sets
/// `NATTER_NODES_TESTED=1`, as `.ci/run` does after the SQLite pass ran them, skips
/// them rather than run the same tests twice.
pub(crate) fn nats_or_skip(test: &str) -> Option<PathBuf> {
    if crate::pg::suite_on_postgres()
        && std::env::var("NATTER_NODES_TESTED").is_ok_and(|v| v == "1")
    {
        let line = format!(
            "\n*** {test}: not run again: its nodes ran on PostgreSQL in the first pass \
             (NATTER_NODES_TESTED=1)\n"
        );
        let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
        return None;
    }
    let found = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .map(|dir| dir.join("nats-server"))
        .find(|bin| bin.is_file());
    match found {
        Some(bin) => Some(bin),
        None if std::env::var("NATTER_REQUIRE_NATS").is_ok_and(|v| v == "1") => {
            panic!("{test} needs nats-server (NATTER_REQUIRE_NATS=1): not found on PATH")
        }
        None => {
            crate::pg::skipped(
                test,
                "nats-server is not installed (Debian: apt-get install nats-server)",
                "NATTER_REQUIRE_NATS=1",
            );
            None
        }
    }
}

/// NATS, one fresh database and two nodes, `a` and `b`, sharing it and a media folder.
pub(crate) struct Cluster {
    // Fields drop in order: the nodes before NATS.
    pub(crate) a: TestApp,
    pub(crate) b: TestApp,
    pub(crate) nats: Nats,
    _media: tempfile::TempDir,
}

/// A running two-node cluster with rate limits off, or `None` (after saying why)
/// without nats-server or PostgreSQL.
pub(crate) fn cluster_or_skip(test: &str) -> Option<Cluster> {
    cluster_with_or_skip(test, &["--rate-limits", "off"])
}

/// The same, each node run with the flags `extra` besides the hub's.
pub(crate) fn cluster_with_or_skip(test: &str, extra: &[&str]) -> Option<Cluster> {
    let bin = nats_or_skip(test)?;
    if crate::pg::cluster_or_skip(test).is_none() {
        if std::env::var("NATTER_REQUIRE_NATS").is_ok_and(|v| v == "1") {
            panic!("{test} needs PostgreSQL (NATTER_REQUIRE_NATS=1)");
        }
        return None;
    }
    Some(Cluster::start(bin, crate::pg::fresh_database(), extra))
}

impl Cluster {
    /// Two nodes the caller started on one database, beside `nats`, sharing `media`.
    pub(crate) fn assemble(
        a: TestApp,
        b: TestApp,
        nats: Nats,
        media: tempfile::TempDir,
    ) -> Cluster {
        Cluster {
            a,
            b,
            nats,
            _media: media,
        }
    }

    /// NATS from `bin` and two nodes on the database `db` (which a test may own, as when
    /// it restarts PostgreSQL), each run with the flags `extra` besides the hub's.
    pub(crate) fn start(bin: PathBuf, db: String, extra: &[&str]) -> Cluster {
        let nats = Nats::start(bin);
        let media = tempfile::tempdir().expect("tempdir");
        let node = |id: &str| {
            let hub = nats.url();
            let mut args = vec!["--hub", &hub, "--node-id", id];
            args.extend_from_slice(extra);
            TestApp::spawn_sharing(
                tempfile::tempdir().expect("tempdir"),
                db.clone(),
                media.path().to_path_buf(),
                &args,
            )
        };
        let (a, b) = (node("a"), node("b"));
        Cluster {
            a,
            b,
            nats,
            _media: media,
        }
    }

    /// Two nodes on the database `db` beside the running `nats`, each run with the flags
    /// `args` gives for it (0 is a, 1 is b), the hub's included: a test that puts each
    /// node's link to NATS behind a relay of its own.
    pub(crate) fn start_each(
        nats: Nats,
        db: String,
        args: impl Fn(usize) -> Vec<String>,
    ) -> Cluster {
        let media = tempfile::tempdir().expect("tempdir");
        let node = |k: usize| {
            let mut all = vec!["--node-id".to_string(), ["a", "b"][k].to_string()];
            all.extend(args(k));
            let all: Vec<&str> = all.iter().map(String::as_str).collect();
            TestApp::spawn_sharing(
                tempfile::tempdir().expect("tempdir"),
                db.clone(),
                media.path().to_path_buf(),
                &all,
            )
        };
        let (a, b) = (node(0), node(1));
        Cluster {
            a,
            b,
            nats,
            _media: media,
        }
    }
}

/// Tries to open a socket on `app` until it opens or the wait is over.
async fn socket_when_back(app: &TestApp, path: &str, auth: &str) -> Socket {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        match app.try_socket(path, auth).await {
            Ok(ws) => return ws,
            Err(503) if tokio::time::Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(20)).await
            }
            Err(status) => panic!("socket on {path} still refused: {status}"),
        }
    }
}

#[tokio::test]
async fn a_rest_send_on_one_node_reaches_every_socket_surface_on_the_other() {
    let Some(c) = cluster_or_skip("a_rest_send_on_one_node_reaches_every_socket_surface") else {
        return;
    };
    let (a, ta) = c.a.register("alice").await;
    let (b, tb) = c.b.register("bob").await;
    let jwt_a = bearer(&c.a, "alice").await;

    // chats: every chat, and one chat.
    let g = group(&c.a, &ta, "g", &[b]).await;
    let mut all = c.b.socket("/messages/ws/", &tb).await;
    let mut one = c.b.socket(&format!("/messages/ws/chats/{g}/"), &tb).await;
    let id = send(&c.a, &ta, g, "to the chats surface").await["id"].clone();
    for ws in [&mut all, &mut one] {
        let f = next_json(ws).await;
        assert_eq!(
            (&f["type"], &f["message"]["id"]),
            (&json!("new_message"), &id)
        );
        assert_eq!(f["message"]["sender"]["id"], a);
    }

    // rooms.
    let (status, room) = c.a.post("/api/rooms/", &ta, json!({"name": "Hall"})).await;
    assert_eq!(status, 201, "{room}");
    let room = room["id"].as_i64().expect("room id");
    let (status, _) =
        c.b.post(&format!("/api/rooms/{room}/join/"), &tb, json!({}))
            .await;
    assert_eq!(status, 200);
    let mut in_room = c.b.socket(&format!("/ws/room/{room}/"), &tb).await;
    let path = format!("/api/rooms/{room}/messages/");
    let (status, _) =
        c.a.post(&path, &ta, json!({"content": "to the room"}))
            .await;
    assert_eq!(status, 201);
    let f = wait_for(&mut in_room, |f| f["type"] == "chat_message").await;
    assert_eq!(f["data"]["content"], "to the room");

    // inbox.
    let mut inbox = c.b.socket("/ws/chat/alice/", &tb).await;
    inbox_send(&c.a, &ta, b, "to the inbox").await;
    let f = next_json(&mut inbox).await;
    assert_eq!(
        (&f["sender"], &f["receiver"], &f["message"]),
        (&json!("alice"), &json!("bob"), &json!("to the inbox"))
    );

    // dm (the socket replays the direct chat's history first).
    let (status, dm) =
        c.a.post("/api/chats/create/", &ta, json!({"user_id": b}))
            .await;
    assert_eq!(status, 201, "{dm}");
    let mut dm_socket = c.b.socket(&format!("/ws/chat/{}/", dm["id"]), &tb).await;
    wait_for(&mut dm_socket, |f| f["message"]["body"] == "to the inbox").await;
    inbox_send(&c.a, &ta, b, "to the dm surface").await;
    wait_for(&mut dm_socket, |f| {
        f["message"]["body"] == "to the dm surface"
    })
    .await;

    // messenger.
    let (status, chatroom) =
        c.a.post(
            "/messenger/api/chatrooms/",
            &jwt_a,
            json!({"recipient": "bob"}),
        )
        .await;
    assert!(status.is_success(), "{chatroom}");
    let mut messenger = c.b.socket("/messenger/ws/ws/chat/alice_bob/", &tb).await;
    let path = "/messenger/api/chatrooms/alice_bob/messages/";
    let (status, _) =
        c.a.post(path, &jwt_a, json!({"content": "to messenger"}))
            .await;
    assert_eq!(status, 201);
    let f = wait_for(&mut messenger, |f| f["content"] == "to messenger").await;
    assert_eq!(f["user"], "alice");
}

#[tokio::test]
async fn every_kind_of_change_crosses_nodes() {
    let Some(c) = cluster_or_skip("every_kind_of_change_crosses_nodes") else {
        return;
    };
    let (a, ta) = c.a.register("alice").await;
    let (b, tb) = c.a.register("bob").await;
    let (carol, tc) = c.a.register("carol").await;
    let (dave, _) = c.a.register("dave").await;
    let g = group(&c.a, &ta, "g", &[b, carol]).await;
    let mut bob = c.b.socket("/messages/ws/", &tb).await;
    let next = |t: &'static str| move |f: &Value| f["type"] == t;

    let id = send(&c.a, &ta, g, "first").await["id"]
        .as_i64()
        .expect("id");
    wait_for(&mut bob, next("new_message")).await;
    let edit = format!("/messages/api/messages/{id}/");
    let edited = json!({"content": "edited"});
    let (status, _) =
        c.a.call(Method::PATCH, &edit, Some(&ta), Some(edited))
            .await;
    assert_eq!(status, 200);
    let f = wait_for(&mut bob, next("message_updated")).await;
    assert_eq!(f["message"]["content"], "edited");

    let reactions = format!("/messages/api/messages/{id}/reactions/");
    let (status, _) =
        c.a.post(&reactions, &ta, json!({"emoji": "\u{2764}"}))
            .await;
    assert!(status.is_success());
    let f = wait_for(&mut bob, next("reaction_updated")).await;
    assert_eq!(
        (&f["message_id"], &f["reactions"][0]["count"]),
        (&json!(id), &json!(1))
    );

    let read = format!("/messages/api/chats/{g}/mark-as-read/");
    assert_eq!(c.a.post(&read, &tc, json!({})).await.0, 200);
    let f = wait_for(&mut bob, next("read")).await;
    assert_eq!(
        (&f["user_id"], &f["message_id"]),
        (&json!(carol), &json!(id))
    );

    let typing = format!("/messages/api/chats/{g}/typing/");
    c.a.post(&typing, &ta, json!({"is_typing": true})).await;
    let f = wait_for(&mut bob, next("typing")).await;
    assert_eq!(
        f,
        json!({"type": "typing", "chat_id": g, "user_id": a, "username": "alice", "is_typing": true})
    );

    let add = format!("/messages/api/chats/{g}/members/add/");
    assert!(c
        .a
        .post(&add, &ta, json!({"user_ids": [dave]}))
        .await
        .0
        .is_success());
    let f = wait_for(&mut bob, next("member_joined")).await;
    assert_eq!(f["user_id"], dave);
    let remove = format!("/messages/api/chats/{g}/members/{dave}/remove/");
    assert_eq!(
        c.a.call(Method::DELETE, &remove, Some(&ta), None).await.0,
        204
    );
    let f = wait_for(&mut bob, next("member_left")).await;
    assert_eq!(f["user_id"], dave);

    // A reply in the thread of the first message, and the root's new summary.
    let messages = format!("/messages/api/chats/{g}/messages/");
    let (status, reply) =
        c.a.post(
            &messages,
            &tc,
            json!({"content": "in a thread", "thread_id": id}),
        )
        .await;
    assert_eq!(status, 201, "{reply}");
    let f = wait_for(&mut bob, next("new_message")).await;
    assert_eq!(
        (&f["message"]["thread_id"], &f["message"]["in_channel"]),
        (&json!(id), &json!(false))
    );
    let f = wait_for(&mut bob, next("thread_updated")).await;
    assert_eq!(
        (&f["message_id"], &f["thread"]["participants"]),
        (&json!(id), &json!([carol]))
    );
    let (_, threads) = c.b.get("/api/threads/", &ta).await;
    assert_eq!(threads["unread"], 1, "the root's author follows: {threads}");

    assert_eq!(
        c.a.call(Method::DELETE, &edit, Some(&ta), None).await.0,
        204
    );
    let f = wait_for(&mut bob, next("message_deleted")).await;
    assert_eq!(f["message_id"], id);
}

#[tokio::test]
async fn removal_on_one_node_closes_the_members_socket_on_the_other_with_1008() {
    let Some(c) = cluster_or_skip("removal_on_one_node_closes_the_members_socket") else {
        return;
    };
    let (_, ta) = c.a.register("alice").await;
    let (b, tb) = c.a.register("bob").await;
    let g = group(&c.a, &ta, "g", &[b]).await;
    let mut bob_one = c.b.socket(&format!("/messages/ws/chats/{g}/"), &tb).await;
    let mut bob_all = c.b.socket("/messages/ws/", &tb).await;
    let remove = format!("/messages/api/chats/{g}/members/{b}/remove/");
    assert_eq!(
        c.a.call(Method::DELETE, &remove, Some(&ta), None).await.0,
        204
    );
    assert_eq!(close_code(&mut bob_one).await, Some(1008));
    wait_for(&mut bob_all, |f| f["type"] == "member_left").await;
}

#[tokio::test]
async fn logout_on_one_node_closes_the_keys_sockets_on_the_other_with_1008() {
    let Some(c) = cluster_or_skip("logout_on_one_node_closes_the_keys_sockets") else {
        return;
    };
    let (_, tb) = c.a.register("bob").await;
    let mut on_b = c.b.socket("/messages/ws/", &tb).await;
    assert_eq!(
        c.a.call(Method::POST, "/api/auth/logout/", Some(&tb), None)
            .await
            .0,
        204
    );
    assert_eq!(close_code(&mut on_b).await, Some(1008));
}

#[tokio::test]
async fn losing_nats_closes_sockets_with_1012_refuses_upgrades_and_recovers() {
    let Some(mut c) = cluster_or_skip("losing_nats_closes_sockets_with_1012") else {
        return;
    };
    let (_, ta) = c.a.register("alice").await;
    let (b, tb) = c.a.register("bob").await;
    let g = group(&c.a, &ta, "g", &[b]).await;
    let mut on_a = c.a.socket("/messages/ws/", &tb).await;
    let mut on_b = c.b.socket("/messages/ws/", &tb).await;

    c.nats.stop();
    assert_eq!(close_code(&mut on_a).await, Some(1012));
    assert_eq!(close_code(&mut on_b).await, Some(1012));
    assert_eq!(c.b.try_socket("/messages/ws/", &tb).await.err(), Some(503));
    assert_eq!(
        c.a.try_socket("/ws/chat/alice/", &tb).await.err(),
        Some(503)
    );
    // REST carries on, on both nodes.
    send(&c.a, &ta, g, "while the bus is down").await;
    let (status, page) =
        c.b.get(&format!("/messages/api/chats/{g}/messages/"), &tb)
            .await;
    assert_eq!(status, 200);
    assert_eq!(page["results"][0]["content"], "while the bus is down");

    c.nats.restart();
    let mut on_b = socket_when_back(&c.b, "/messages/ws/", &tb).await;
    drop(socket_when_back(&c.a, "/messages/ws/", &tb).await);
    send(&c.a, &ta, g, "after the bus is back").await;
    // Node b never got the message sent while the bus was down over NATS: it reads it
    // back from PostgreSQL. If that happened after this socket opened, the
    // socket gets it first, in the chat's order; either way the next one follows.
    let f = wait_for(&mut on_b, |f| f["type"] == "new_message").await;
    let f = if f["message"]["content"] == "while the bus is down" {
        wait_for(&mut on_b, |f| f["type"] == "new_message").await
    } else {
        f
    };
    assert_eq!(f["message"]["content"], "after the bus is back");
}

#[tokio::test]
async fn a_node_killed_leaves_the_other_serving() {
    let Some(mut c) = cluster_or_skip("a_node_killed_leaves_the_other_serving") else {
        return;
    };
    let (_, ta) = c.a.register("alice").await;
    let (b, tb) = c.a.register("bob").await;
    let g = group(&c.a, &ta, "g", &[b]).await;
    let mut on_b = c.b.socket("/messages/ws/", &tb).await;
    let _on_a = c.a.socket("/messages/ws/", &ta).await;

    c.a.kill();
    let (status, _) = c.b.get("/messages/api/chats/", &ta).await;
    assert_eq!(status, 200);
    send(&c.b, &ta, g, "node a is gone").await;
    let f = wait_for(&mut on_b, |f| f["type"] == "new_message").await;
    assert_eq!(f["message"]["content"], "node a is gone");
    let mut again = c.b.socket(&format!("/messages/ws/chats/{g}/"), &tb).await;
    send(&c.b, &ta, g, "and again").await;
    let f = wait_for(&mut again, |f| f["type"] == "new_message").await;
    assert_eq!(f["message"]["content"], "and again");
}

#[tokio::test]
async fn a_node_that_cannot_reach_nats_refuses_to_start_naming_it() {
    let media = tempfile::tempdir().expect("tempdir");
    // Nothing listens on port 1; the database is never reached, NATS comes first.
    let out = Command::new(crate::helpers::natter_bin())
        .args(["--listen", "127.0.0.1:0", "--hub", "nats://127.0.0.1:1"])
        .args(["--db", "postgres://natter@127.0.0.1:1/none", "--media-dir"])
        .arg(media.path())
        .output()
        .expect("natter runs");
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("natter: --hub nats://127.0.0.1:1: cannot reach NATS"),
        "{said}"
    );
    assert!(out.stdout.is_empty(), "it never said it was listening");
}

#[tokio::test]
async fn malformed_bus_messages_are_skipped_and_delivery_goes_on() {
    let Some(c) = cluster_or_skip("malformed_bus_messages_are_skipped") else {
        return;
    };
    let (_, ta) = c.a.register("alice").await;
    let (b, tb) = c.a.register("bob").await;
    let g = group(&c.a, &ta, "g", &[b]).await;
    let mut on_b = c.b.socket("/messages/ws/", &tb).await;

    // What a stranger on the same NATS might publish on the cluster's subject.
    let stranger = async_nats::connect(c.nats.url()).await.expect("connect");
    let mut from_x = async_nats::HeaderMap::new();
    from_x.insert("Natter-Node", "x");
    for (headers, payload) in [
        (None, "{\"Event\": 1}"),
        (Some(from_x.clone()), "not json"),
        (
            Some(from_x.clone()),
            "{\"Revoke\": {\"chat_id\": \"seven\"}}",
        ),
        (Some(from_x), "{\"Event\": {\"chat_id\": 1}}"),
    ] {
        let payload = bytes::Bytes::from(payload);
        match headers {
            Some(h) => {
                stranger
                    .publish_with_headers("natter.events", h, payload)
                    .await
            }
            None => stranger.publish("natter.events", payload).await,
        }
        .expect("publish");
    }
    stranger.flush().await.expect("flush");

    send(&c.a, &ta, g, "still delivered").await;
    let f = wait_for(&mut on_b, |f| f["type"] == "new_message").await;
    assert_eq!(f["message"]["content"], "still delivered");
    assert_eq!(
        c.b.get("/messages/api/chats/", &tb).await.0,
        200,
        "node b is alive"
    );
}

/// How long the others may take to announce that a killed node's callers left: the
/// server's bound (10 s unseen) plus one janitor round (2 s) is 12 s; the rest is slack
/// for two busy cores.
const GHOST_WAIT: Duration = Duration::from_secs(20);

/// Waits up to `within` for a frame matching `pred`, skipping others.
async fn wait_within(ws: &mut Socket, within: Duration, pred: impl Fn(&Value) -> bool) -> Value {
    let deadline = tokio::time::Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        let Some(frame) = try_next_json(ws, left).await else {
            panic!("no matching frame within {within:?}");
        };
        if pred(&frame) {
            return frame;
        }
    }
}

/// The user ids a `call_state` frame's data (or a `call-state/` answer) lists.
fn listed(state: &Value) -> Vec<i64> {
    state["participants"]
        .as_array()
        .expect("participants")
        .iter()
        .map(|p| p["user_id"].as_i64().expect("user_id"))
        .collect()
}

/// A call with one member on each node: alice in it through a socket on A, bob through
/// one on B, and carol (in the room, not in the call) watching the room from B.
struct TwoNodeCall {
    room: i64,
    alice: i64,
    bob: i64,
    tc: String,
    on_a: Socket,
    on_b: Socket,
    watcher: Socket,
}

/// alice's room, made on A and joined by bob and carol on B; alice joins its call on A,
/// then bob on B. Returns once every socket has the `call_state` listing both.
async fn call_on_both_nodes(c: &Cluster) -> TwoNodeCall {
    let (alice, ta) = c.a.register("alice").await;
    let (bob, tb) = c.b.register("bob").await;
    let (_, tc) = c.b.register("carol").await;
    let (status, room) = c.a.post("/api/rooms/", &ta, json!({"name": "Call"})).await;
    assert_eq!(status, 201, "{room}");
    let room = room["id"].as_i64().expect("room id");
    for t in [&tb, &tc] {
        let join = format!("/api/rooms/{room}/join/");
        let (status, body) = c.b.post(&join, t, json!({})).await;
        assert_eq!(status, 200, "{body}");
    }
    let path = format!("/ws/call/{room}/");
    let mut on_a = c.a.socket(&path, &ta).await;
    let mut on_b = c.b.socket(&path, &tb).await;
    let mut watcher = c.b.socket(&format!("/ws/room/{room}/"), &tc).await;

    // alice joins on A: bob, on B, sees her in the call and joining.
    send_json(&mut on_a, json!({"type": "join_call", "data": {}})).await;
    let state = wait_for(&mut on_b, |f| f["type"] == "call_state").await;
    assert_eq!(listed(&state["data"]), vec![alice], "{state}");
    assert_eq!(
        next_json(&mut on_b).await,
        json!({"type": "user_joined", "data": {"user": {"id": alice, "username": "alice"}}})
    );

    // bob joins on B: every socket, on both nodes, gets the state listing both.
    send_json(&mut on_b, json!({"type": "join_call", "data": {}})).await;
    let both = json!({
        "participants": [
            {"user_id": alice, "username": "alice", "state": "active", "microphone_on": true, "camera_on": true, "sfu": false},
            {"user_id": bob, "username": "bob", "state": "active", "microphone_on": true, "camera_on": true, "sfu": false},
        ],
        "room_state": "active",
    });
    for ws in [&mut on_a, &mut on_b, &mut watcher] {
        let state = wait_for(ws, |f| {
            f["type"] == "call_state" && listed(&f["data"]).len() == 2
        })
        .await;
        assert_eq!(state["data"], both);
    }
    assert_eq!(
        next_json(&mut on_a).await,
        json!({"type": "user_joined", "data": {"user": {"id": bob, "username": "bob"}}}),
        "alice, on A, is told that bob joined on B"
    );
    TwoNodeCall {
        room,
        alice,
        bob,
        tc,
        on_a,
        on_b,
        watcher,
    }
}

#[tokio::test]
async fn a_call_joined_on_both_nodes_lists_both_everywhere() {
    let Some(c) = cluster_or_skip("a_call_joined_on_both_nodes_lists_both_everywhere") else {
        return;
    };
    let mut call = call_on_both_nodes(&c).await;
    let (alice, bob) = (call.alice, call.bob);
    assert_quiet(&mut call.on_b).await;

    // The REST call state of either node lists the callers of both.
    let path = format!("/api/rooms/{}/call-state/", call.room);
    for node in [&c.a, &c.b] {
        let (status, state) = node.get(&path, &call.tc).await;
        assert_eq!(status, 200, "{state}");
        assert_eq!(state["room_state"], "active");
        assert_eq!(listed(&state), vec![alice, bob], "{state}");
    }

    // Signalling crosses nodes to its target only, with from_user_id: an offer from
    // alice on A reaches bob on B, his answer and an ICE candidate come back; carol, on B
    // in the room but not addressed, sees none of it.
    send_json(
        &mut call.on_a,
        json!({"type": "offer", "data": {"target_user_id": bob, "sdp": "v=0\r\no=- 1"}}),
    )
    .await;
    assert_eq!(
        next_json(&mut call.on_b).await,
        json!({"type": "offer", "data": {"target_user_id": bob, "sdp": "v=0\r\no=- 1", "from_user_id": alice}})
    );
    send_json(
        &mut call.on_b,
        json!({"type": "answer", "data": {"target_user_id": alice, "sdp": "v=0"}}),
    )
    .await;
    let answer = next_json(&mut call.on_a).await;
    assert_eq!(answer["type"], "answer", "{answer}");
    assert_eq!(answer["data"]["from_user_id"], bob);
    send_json(
        &mut call.on_b,
        json!({"type": "ice_candidate", "data": {"target_user_id": alice, "candidate": {"candidate": "candidate:1", "sdpMid": "0", "sdpMLineIndex": 0}}}),
    )
    .await;
    let ice = next_json(&mut call.on_a).await;
    assert_eq!(ice["type"], "ice_candidate", "{ice}");
    assert_eq!(ice["data"]["candidate"]["sdpMid"], "0");
    assert_eq!(ice["data"]["from_user_id"], bob);
    // carol's socket has the call's earlier frames; none of them is signalling.
    while let Some(frame) = try_next_json(&mut call.watcher, Duration::from_millis(300)).await {
        let kind = frame["type"].as_str().unwrap_or_default();
        assert!(
            !["offer", "answer", "ice_candidate"].contains(&kind),
            "signalling reached a socket it was not addressed to: {frame}"
        );
    }

    // bob leaves on B: alice, on A, gets the state without him and user_left.
    send_json(&mut call.on_b, json!({"type": "leave_call", "data": {}})).await;
    let state = wait_for(&mut call.on_a, |f| {
        f["type"] == "call_state" && listed(&f["data"]) == vec![alice]
    })
    .await;
    assert_eq!(state["data"]["room_state"], "active");
    assert_eq!(
        next_json(&mut call.on_a).await,
        json!({"type": "user_left", "data": {"user_id": bob}})
    );
    for node in [&c.a, &c.b] {
        let (_, state) = node.get(&path, &call.tc).await;
        assert_eq!(listed(&state), vec![alice], "{state}");
    }
}

#[tokio::test]
async fn a_killed_nodes_caller_is_announced_gone_by_the_other_node() {
    let Some(mut c) = cluster_or_skip("a_killed_nodes_caller_is_announced_gone") else {
        return;
    };
    let mut call = call_on_both_nodes(&c).await;
    let (alice, bob) = (call.alice, call.bob);

    let killed = std::time::Instant::now();
    c.a.kill();
    // B's janitor finds A unseen for the bound: the state without alice, then user_left,
    // to bob (in the call) and carol (watching the room), both on B.
    let alice_left = json!({"type": "user_left", "data": {"user_id": alice}});
    let mut waited = Vec::new();
    for ws in [&mut call.on_b, &mut call.watcher] {
        let state = wait_within(ws, GHOST_WAIT, |f| {
            f["type"] == "call_state" && !listed(&f["data"]).contains(&alice)
        })
        .await;
        assert_eq!(listed(&state["data"]), vec![bob], "{state}");
        assert_eq!(next_json(ws).await, alice_left);
        waited.push(killed.elapsed());
    }
    eprintln!("user_left for the killed node's caller after {waited:?}");

    let path = format!("/api/rooms/{}/call-state/", call.room);
    let (status, state) = c.b.get(&path, &call.tc).await;
    assert_eq!(status, 200, "{state}");
    assert_eq!(listed(&state), vec![bob], "{state}");
    // The record keeps when she left, and bob is still in the call.
    let (status, calls) =
        c.b.get(&format!("/api/calls/?chat_id={}", call.room), &call.tc)
            .await;
    assert_eq!(status, 200, "{calls}");
    let left_at = |id: i64| {
        calls["results"][0]["joined"]
            .as_array()
            .and_then(|j| j.iter().find(|j| j["id"] == id))
            .map(|j| j["left_at"].clone())
    };
    assert!(left_at(alice).is_some_and(|at| at.is_string()), "{calls}");
    assert_eq!(left_at(bob), Some(Value::Null), "{calls}");
    // Announced once: the next janitor round finds nothing more to announce.
    let round = Duration::from_secs(3);
    assert_eq!(try_next_json(&mut call.on_b, round).await, None);
}

/// A login with `password` for alice, from the client `forwarded_for` names (the nodes
/// trust 127.0.0.1 as their proxy).
async fn login_from(app: &TestApp, forwarded_for: &str, password: &str) -> Answer {
    let body = json!({"username": "alice", "password": password});
    let from = [("X-Forwarded-For", forwarded_for)];
    ask(app, Method::POST, "/api/auth/login/", &from, Some(body)).await
}

#[tokio::test]
async fn the_login_limit_counts_attempts_on_both_nodes_together() {
    // Rate limits on; both nodes see the client's address the proxy names.
    let extra = ["--trusted-proxies", "127.0.0.1"];
    let Some(c) = cluster_with_or_skip("the_login_limit_counts_attempts_on_both_nodes", &extra)
    else {
        return;
    };
    c.a.register("alice").await; // from 127.0.0.1 itself: another address's budget
    let guesser = "203.0.113.7";
    let nodes = [&c.a, &c.b];
    // Five wrong passwords, alternating A, B: three on A and two on B, so a limit of five
    // counted per node would refuse none of them, nor the sixth.
    for attempt in 0..5 {
        let answer = login_from(nodes[attempt % 2], guesser, "wrong-password").await;
        assert_eq!(
            answer.status,
            401,
            "attempt {}: {}",
            attempt + 1,
            answer.body
        );
    }
    let sixth = login_from(&c.b, guesser, "wrong-password").await;
    assert_eq!(sixth.status, 429, "{}", sixth.body);
    let retry = sixth.header("Retry-After").expect("Retry-After");
    let retry: u64 = retry.parse().expect("Retry-After in seconds");
    assert!((1..=60).contains(&retry), "Retry-After: {retry}");
    // Now refused on A too, even with the right password.
    let seventh = login_from(&c.a, guesser, "correct-horse").await;
    assert_eq!(seventh.status, 429, "{}", seventh.body);
    // Another client's budget is its own, on either node.
    for node in nodes {
        let answer = login_from(node, "198.51.100.4", "correct-horse").await;
        assert_eq!(answer.status, 200, "{}", answer.body);
    }
}

/// Runs natter with `--hub local` on `db` until it says it listens, kills it, and answers
/// what it wrote to stderr by then (it checks the database before it listens).
fn local_node_stderr(db: &str) -> String {
    use std::io::Read;
    let media = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(crate::helpers::natter_bin())
        .args(["--listen", "127.0.0.1:0", "--log", "warn", "--hub", "local"])
        .args(["--db", db, "--media-dir"])
        .arg(media.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("natter starts");
    listening_address(&mut child);
    let _ = child.kill();
    let _ = child.wait();
    let mut said = String::new();
    let mut stderr = child.stderr.take().expect("stderr");
    stderr.read_to_string(&mut said).expect("stderr read");
    said
}

#[tokio::test]
async fn a_local_hub_node_beside_a_beating_nats_node_logs_an_error_naming_it() {
    let test = "a_local_hub_node_beside_a_beating_nats_node_logs_an_error";
    let Some(bin) = nats_or_skip(test) else {
        return;
    };
    if crate::pg::cluster_or_skip(test).is_none() {
        return;
    }
    let db = crate::pg::fresh_database();
    // Alone on the database: nothing to say.
    let alone = local_node_stderr(&db);
    assert!(!alone.contains("ERROR"), "{alone}");

    let nats = Nats::start(bin);
    let media = tempfile::tempdir().expect("tempdir");
    let hub = nats.url();
    let _beating = TestApp::spawn_sharing(
        tempfile::tempdir().expect("tempdir"),
        db.clone(),
        media.path().to_path_buf(),
        &["--hub", &hub, "--node-id", "nats-node-7"],
    );
    // It beat once before it said it listens.
    let said = local_node_stderr(&db);
    assert!(said.contains("ERROR"), "{said}");
    assert!(
        said.contains("--hub local, but node(s) nats-node-7 beat in this database"),
        "{said}"
    );
}

/// A call on natter's own socket (`/messages/ws/`) with its two people on two nodes:
/// the ring reaches a member on the other node, signals cross to their target only, and
/// the record on the shared database lists both.
#[tokio::test]
async fn a_call_on_natters_own_socket_crosses_nodes() {
    let Some(c) = cluster_or_skip("a_call_on_natters_own_socket_crosses_nodes") else {
        return;
    };
    let (alice, ta) = c.a.register("alice").await;
    let (bob, tb) = c.b.register("bob").await;
    let (carol, tc) = c.b.register("carol").await;
    let (status, chat) =
        c.a.post(
            "/messages/api/chats/",
            &ta,
            json!({"chat_type": "group", "title": "Standup", "member_ids": [bob, carol]}),
        )
        .await;
    assert_eq!(status, 201, "{chat}");
    let chat = chat["id"].as_i64().expect("chat id");
    let mut on_a = c.a.socket("/messages/ws/", &ta).await;
    let mut on_b = c.b.socket("/messages/ws/", &tb).await;
    let mut carol_on_b = c.b.socket("/messages/ws/", &tc).await;
    send_json(
        &mut on_a,
        json!({"type": "join_call", "chat_id": chat, "data": {}}),
    )
    .await;
    let rung = wait_for(&mut on_b, |f| {
        f["type"] == "call_state" && f["chat_id"] == chat
    })
    .await;
    assert_eq!(listed(&rung["data"]), vec![alice], "{rung}");
    send_json(
        &mut on_b,
        json!({"type": "join_call", "chat_id": chat, "data": {}}),
    )
    .await;
    let joined = wait_for(&mut on_a, |f| f["type"] == "user_joined").await;
    assert_eq!(joined["data"]["user"]["id"], bob);
    send_json(
        &mut on_a,
        json!({"type": "offer", "chat_id": chat, "data": {"target_user_id": bob, "sdp": "v=0 a"}}),
    )
    .await;
    let offer = wait_for(&mut on_b, |f| f["type"] == "offer").await;
    assert_eq!(offer["data"]["from_user_id"], alice);
    assert_eq!(offer["chat_id"], chat);
    send_json(
        &mut on_b,
        json!({"type": "answer", "chat_id": chat, "data": {"target_user_id": alice, "sdp": "v=0 b"}}),
    )
    .await;
    let answer = wait_for(&mut on_a, |f| f["type"] == "answer").await;
    assert_eq!(answer["data"]["sdp"], "v=0 b");
    // Carol, on B and in the chat but not the call, got the ring and no signal.
    let state = wait_for(&mut carol_on_b, |f| f["type"] == "call_state").await;
    assert_eq!(state["chat_id"], chat);
    let deadline = tokio::time::Instant::now() + Duration::from_millis(700);
    while let Some(frame) = crate::helpers::try_next_json(
        &mut carol_on_b,
        deadline.saturating_duration_since(tokio::time::Instant::now()),
    )
    .await
    {
        assert!(
            !["offer", "answer", "ice_candidate"].contains(&frame["type"].as_str().unwrap_or("")),
            "carol saw {frame}"
        );
    }
    let (status, calls) = c.b.get(&format!("/api/calls/?chat_id={chat}"), &tc).await;
    assert_eq!(status, 200, "{calls}");
    let joined: Vec<i64> = calls["results"][0]["joined"]
        .as_array()
        .map(|j| j.iter().filter_map(|p| p["id"].as_i64()).collect())
        .unwrap_or_default();
    assert_eq!(joined, vec![alice, bob], "{calls}");
    assert_eq!(calls["results"][0]["active"], true);
}
