//! A crowd on one node, at a size every CI run can afford (2,000 sockets over 1,000
//! people, from ten loopback addresses so that the default per-address cap holds): the
//! paths `natter-bench storm`, `bigroom` and `restart` measure at 20,000. All sockets open
//! at once with none refused while REST keeps answering; a 500-member room's messages
//! reach each of its sockets in order; SIGTERM closes every socket with 1001, and after
//! the restart every socket opens again and catches up with `after=`.

use crate::helpers::*;
use futures_util::StreamExt;
use serde_json::{json, Value};
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};
use tokio::net::TcpSocket;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

/// People in the crowd; each holds two sockets.
const PEOPLE: usize = 1_000;
/// Sockets, two a person.
const SOCKETS: usize = 2 * PEOPLE;
/// Loopback addresses the sockets come from: 200 each, under the default cap of 256.
const SOURCES: usize = 10;
/// Messages posted to the big room.
const MESSAGES: usize = 5;
/// How long a crowd may take for one step (debug build, shared CI machine).
const CROWD_WAIT: Duration = Duration::from_secs(30);

type Raw = WebSocketStream<tokio::net::TcpStream>;

/// One seeded person: id and API key.
struct Person {
    id: i64,
    key: String,
}

/// Makes the crowd with natter's hidden `seed-people` (one password hash for all).
fn seed(app: &TestApp) -> Vec<Person> {
    let out = std::process::Command::new(crate::helpers::natter_bin())
        .args(["--db", &app.db, "--log", "warn"])
        .arg("--media-dir")
        .arg(app.media_dir())
        .args([
            "seed-people",
            "--prefix",
            "crowd",
            "--count",
            &PEOPLE.to_string(),
        ])
        .output()
        .expect("seed-people runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            Person {
                id: f[0].parse().expect("id"),
                key: f[2].to_string(),
            }
        })
        .collect()
}

/// Opens socket `i` of `person` from source address `i % SOURCES`.
async fn open(addr: &str, i: usize, key: &str) -> Result<Raw, String> {
    let source = IpAddr::from([127, 0, 0, 2 + (i % SOURCES) as u8]);
    let socket = TcpSocket::new_v4().map_err(|e| e.to_string())?;
    socket
        .bind(SocketAddr::new(source, 0))
        .map_err(|e| e.to_string())?;
    let dest: SocketAddr = addr.parse().map_err(|e| format!("{addr}: {e}"))?;
    let stream = socket.connect(dest).await.map_err(|e| e.to_string())?;
    let url = format!("ws://{addr}/messages/ws/?token={key}");
    tokio_tungstenite::client_async(url.as_str(), stream)
        .await
        .map(|(ws, _)| ws)
        .map_err(|e| e.to_string())
}

/// Opens every socket at once (a storm); panics naming the first refusal.
async fn open_all(addr: &str, people: &[Person]) -> Vec<Raw> {
    let opened: Vec<Result<Raw, String>> = futures_util::stream::iter(0..SOCKETS)
        .map(|i| {
            let key = people[i % PEOPLE].key.clone();
            async move { open(addr, i, &key).await }
        })
        .buffered(SOCKETS)
        .collect()
        .await;
    let failed: Vec<&String> = opened.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(
        failed.is_empty(),
        "{} of {SOCKETS} sockets refused; first: {}",
        failed.len(),
        failed[0]
    );
    opened.into_iter().flatten().collect()
}

/// Reads a socket until `want` of our marked messages arrived (their ids, in arrival order).
async fn collect(mut ws: Raw, want: usize) -> (Raw, Vec<i64>) {
    let mut ids = Vec::new();
    let deadline = tokio::time::Instant::now() + CROWD_WAIT;
    while ids.len() < want {
        let t = match tokio::time::timeout_at(deadline, ws.next()).await {
            Ok(Some(Ok(Message::Text(t)))) => t,
            Ok(Some(Ok(_))) => continue,
            _ => break,
        };
        let v: Value = serde_json::from_str(t.as_str()).unwrap_or(Value::Null);
        let ours = v["message"]["content"]
            .as_str()
            .is_some_and(|c| c.starts_with("crowd "));
        if v["type"] == "new_message" && ours {
            ids.push(v["message"]["id"].as_i64().unwrap_or(0));
        }
    }
    (ws, ids)
}

/// The close code a socket ends with, within the wait.
async fn close_of(mut ws: Raw) -> Option<u16> {
    let deadline = tokio::time::Instant::now() + CROWD_WAIT;
    loop {
        match tokio::time::timeout_at(deadline, ws.next()).await {
            Ok(Some(Ok(Message::Close(frame)))) => return frame.map(|f| u16::from(f.code)),
            Ok(Some(Ok(_))) => continue,
            _ => return None,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crowd_storms_in_hears_its_big_room_in_order_and_comes_back_after_a_restart() {
    let mut app = TestApp::spawn().await;
    let people = seed(&app);
    assert_eq!(people.len(), PEOPLE);
    let owner = format!("Token {}", people[0].key);
    // The big room: every other person (500), so half the sockets hear it.
    let members: Vec<i64> = people.iter().step_by(2).skip(1).map(|p| p.id).collect();
    let (status, room) = app
        .post(
            "/messages/api/chats/",
            &owner,
            json!({"chat_type": "group", "title": "everyone", "member_ids": members}),
        )
        .await;
    assert_eq!(status, 201, "{room}");
    let room = room["id"].as_i64().expect("room id");

    // The storm: every socket at once, while the REST probe must keep answering.
    let started = Instant::now();
    let probe = {
        let (client, base, auth) = (app.client.clone(), app.base.clone(), owner.clone());
        tokio::spawn(async move {
            let mut answers = Vec::new();
            for _ in 0..20 {
                let r = client
                    .get(format!("{base}/messages/api/chats/"))
                    .header("Authorization", &auth)
                    .send()
                    .await;
                answers.push(r.map(|r| r.status().as_u16()).unwrap_or(0));
            }
            answers
        })
    };
    let sockets = open_all(&app.addr, &people).await;
    let probes = probe.await.expect("probe");
    assert!(
        probes.iter().all(|s| *s == 200),
        "REST during the storm: {probes:?}"
    );
    assert!(
        started.elapsed() < CROWD_WAIT,
        "the storm took {:?}",
        started.elapsed()
    );

    // Fan-out: each big-room socket gets the messages in the order they were sent.
    let mut sent = Vec::new();
    for n in 0..MESSAGES {
        let (status, m) = app
            .post(
                &format!("/messages/api/chats/{room}/messages/"),
                &owner,
                json!({"content": format!("crowd {n}")}),
            )
            .await;
        assert_eq!(status, 201, "{m}");
        sent.push(m["id"].as_i64().expect("message id"));
    }
    let mut readers = tokio::task::JoinSet::new();
    let mut quiet = Vec::new();
    for (i, ws) in sockets.into_iter().enumerate() {
        // Person 0 owns the room; odd people are not in it.
        if (i % PEOPLE).is_multiple_of(2) {
            readers.spawn(collect(ws, MESSAGES));
        } else {
            quiet.push(ws);
        }
    }
    let mut sockets = quiet;
    while let Some(done) = readers.join_next().await {
        let (ws, ids) = done.expect("reader");
        assert_eq!(ids, sent, "a big-room socket's messages, in order");
        sockets.push(ws);
    }

    // SIGTERM: every socket is closed with 1001, and natter exits 0 within the wait.
    let closes: Vec<_> = sockets
        .into_iter()
        .map(|ws| tokio::spawn(close_of(ws)))
        .collect();
    let stopping = Instant::now();
    assert!(app.terminate(), "natter exits 0 on SIGTERM");
    let mut codes = Vec::new();
    for c in closes {
        codes.push(c.await.expect("closer"));
    }
    let not_1001 = codes.iter().filter(|c| **c != Some(1001)).count();
    assert_eq!(not_1001, 0, "sockets not closed with 1001: {not_1001}");
    assert!(
        stopping.elapsed() < Duration::from_secs(10),
        "stop took {:?}",
        stopping.elapsed()
    );

    // The restart: every socket opens again at once, and catches up with `after=`.
    app.start_again();
    let sockets = open_all(&app.addr, &people).await;
    let before = sent[0] - 1;
    let catch_ups: Vec<(u16, Vec<i64>)> =
        futures_util::stream::iter(people.iter().step_by(2).take(200))
            .map(|p| {
                let (client, base) = (app.client.clone(), app.base.clone());
                let auth = format!("Token {}", p.key);
                async move {
                    let r = client
                        .get(format!(
                            "{base}/messages/api/chats/{room}/messages/?after={before}"
                        ))
                        .header("Authorization", auth)
                        .send()
                        .await
                        .expect("catch-up answers");
                    let status = r.status().as_u16();
                    let page: Value = r.json().await.unwrap_or(Value::Null);
                    (status, result_ids(&page))
                }
            })
            .buffer_unordered(50)
            .collect()
            .await;
    for (status, ids) in &catch_ups {
        assert_eq!(*status, 200);
        assert_eq!(ids, &sent, "after= gives what was missed, oldest first");
    }
    drop(sockets);
}
