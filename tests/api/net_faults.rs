//! Two nodes under load, node a in a network namespace of its own (`netns`), joined to
//! this one by three links: the clients' (front), PostgreSQL's (db) and NATS's (bus).
//! Links are cut with `ip link`, so nothing crosses and neither end is told, as when a
//! cable, a switch or a whole machine goes. Node b, PostgreSQL and nats-server stay here.
//!
//! - A lost machine (every link of a's cut while it has transactions open): node b's
//!   sends into every chat succeed again within [`SENDS_AGAIN_WITHIN`], because
//!   PostgreSQL ends a session that idles in a transaction for 5 s.
//! - A node cut from PostgreSQL, then from PostgreSQL and NATS: its requests answer 503
//!   with `Retry-After` within [`ANSWERED_WITHIN`], in each surface's shape and without
//!   PostgreSQL's words; its sockets close with 1012 within [`CLOSED_WITHIN`]; it serves
//!   again within [`BACK_WITHIN`] of the heal, without a restart.
//!
//! In both, nothing acknowledged is lost or stored twice, and a socket on node b sees
//! every acknowledged message once, in order per chat. Skipped without nats-server,
//! PostgreSQL or the rights to make a namespace, unless `NATTER_REQUIRE_NATS=1` (CI, as
//! root), where a missing part fails the test and names it.

mod netns;

use crate::cluster::{nats_or_skip, Cluster, Nats};
use crate::helpers::TestApp;
use futures_util::StreamExt;
use netns::Host;
use serde_json::json;
use std::collections::{BTreeMap, HashMap};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::watch;
use tokio_tungstenite::tungstenite::Message;

/// Node a's links.
const FRONT: usize = 0;
const DB: usize = 1;
const BUS: usize = 2;

/// How soon node b's sends succeed again in every chat after node a's machine is lost.
const SENDS_AGAIN_WITHIN: Duration = Duration::from_secs(10);
/// How long any request to a node cut from PostgreSQL may wait for its answer.
const ANSWERED_WITHIN: Duration = Duration::from_secs(6);
/// How soon after the cut the node's sockets must be closed with 1012.
const CLOSED_WITHIN: Duration = Duration::from_secs(8);
/// How soon after the heal the node serves sends again.
const BACK_WITHIN: Duration = Duration::from_secs(5);

/// The stage: node a in its namespace, node b here, four users in three chats.
struct Net {
    host: Host,
    pg: crate::pg::Cluster,
    db: String,
    c: Cluster,
    tokens: Vec<String>,
    chats: Vec<i64>,
    http: reqwest::Client,
}

impl Net {
    /// `host:port` of node `k` (0 is a).
    fn addr(&self, k: usize) -> String {
        [&self.c.a, &self.c.b][k].addr.clone()
    }

    /// How many of node a's sessions wait on a lock.
    fn a_sessions_waiting_on_a_lock(&self) -> usize {
        let sql = format!(
            "SELECT count(*) FROM pg_stat_activity WHERE client_addr = '{}' \
             AND wait_event_type = 'Lock'",
            self.host.link(DB).there
        );
        self.pg.rows(&self.db, &sql)[0].parse().unwrap_or(0)
    }

    /// How many of node a's sessions PostgreSQL holds in the state `state`.
    fn a_sessions(&self, state: &str) -> usize {
        let sql = format!(
            "SELECT count(*) FROM pg_stat_activity WHERE client_addr = '{}' AND state = '{state}'",
            self.host.link(DB).there
        );
        self.pg.rows(&self.db, &sql)[0].parse().unwrap_or(0)
    }
}

/// Locks chat `chat`'s row in a transaction of the test's own, on a thread, until told
/// to let go; returns once it is held.
fn hold_chat_row(
    url: String,
    chat: i64,
) -> (std::thread::JoinHandle<()>, std::sync::mpsc::Sender<()>) {
    let (release, released) = std::sync::mpsc::channel::<()>();
    let (held_tx, held_rx) = std::sync::mpsc::channel::<()>();
    let thread = std::thread::spawn(move || {
        let mut client = postgres::Client::connect(&url, postgres::NoTls).expect("harness: psql");
        let mut tx = client.transaction().expect("harness: BEGIN");
        tx.execute("SELECT 1 FROM chats WHERE id = $1 FOR UPDATE", &[&chat])
            .expect("harness: the row lock");
        held_tx.send(()).expect("harness: held");
        let _ = released.recv();
        tx.commit().expect("harness: COMMIT");
    });
    held_rx.recv().expect("harness: the row is held");
    (thread, release)
}

/// Whether a missing part must fail the test rather than skip it.
fn required() -> bool {
    std::env::var("NATTER_REQUIRE_NATS").is_ok_and(|v| v == "1")
}

/// Sets the stage after this test's turn (one fault test at a time); `None` after saying
/// why when a part is missing and not required.
async fn stage(test: &str) -> Option<(tokio::sync::MutexGuard<'static, ()>, Net)> {
    let turn = crate::cluster_faults::SERIAL.lock().await;
    let bin = nats_or_skip(test)?;
    let skip = |why: String| -> Option<(tokio::sync::MutexGuard<'static, ()>, Net)> {
        assert!(!required(), "{test}: {why} (NATTER_REQUIRE_NATS=1)");
        eprintln!("SKIPPED {test}: {why}");
        None
    };
    let host = match Host::make(3) {
        Ok(host) => host,
        Err(why) => return skip(format!("cannot make a network namespace: {why}")),
    };
    let pg = match crate::pg::Cluster::private_on("*") {
        Ok(pg) => pg,
        Err(why) => return skip(format!("no PostgreSQL: {why}")),
    };
    let url_b = pg.fresh_database();
    let db = url_b
        .rsplit("dbname=")
        .next()
        .expect("a database name")
        .to_string();
    let nats = Nats::start_on(bin, "0.0.0.0");
    let media = tempfile::tempdir().expect("tempdir");
    // Node a, inside the namespace: PostgreSQL and NATS each over their own link.
    let url_a = pg.tcp_url(&host.link(DB).here, &db);
    let hub_a = format!("nats://{}:{}", host.link(BUS).here, nats.port());
    let mut child = host
        .command(env!("CARGO_BIN_EXE_natter"))
        .args(["--listen", "0.0.0.0:0", "--log", "warn", "--db", &url_a])
        .arg("--media-dir")
        .arg(media.path())
        .args(["--hub", &hub_a, "--node-id", "a", "--rate-limits", "off"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("natter starts in the namespace");
    let listening = crate::helpers::listening_address(&mut child);
    let port = listening.rsplit(':').next().expect("a port");
    let addr_a = format!("{}:{port}", host.link(FRONT).there);
    let a = TestApp::adopt(tempfile::tempdir().expect("tempdir"), url_a, child, addr_a);
    let hub_b = format!("nats://127.0.0.1:{}", nats.port());
    let b = TestApp::spawn_sharing(
        tempfile::tempdir().expect("tempdir"),
        url_b,
        media.path().to_path_buf(),
        &["--hub", &hub_b, "--node-id", "b", "--rate-limits", "off"],
    );
    let c = Cluster::assemble(a, b, nats, media);
    let mut ids = Vec::new();
    let mut tokens = Vec::new();
    for name in ["alice", "bob", "carol", "dave"] {
        let (id, token) = c.b.register(name).await;
        ids.push(id);
        tokens.push(token);
    }
    let mut chats = Vec::new();
    for title in ["one", "two", "three"] {
        chats.push(crate::chats::group(&c.b, &tokens[0], title, &ids[1..]).await);
    }
    let http = reqwest::Client::new();
    let net = Net {
        host,
        pg,
        db,
        c,
        tokens,
        chats,
        http,
    };
    Some((turn, net))
}

/// One request and how it ended.
#[derive(Clone, Debug)]
struct Try {
    what: &'static str,
    node: usize,
    chat: i64,
    started: Instant,
    took: Duration,
    /// `None`: no answer within the client's 15 s.
    status: Option<u16>,
    retry_after: bool,
    body: String,
    id: Option<i64>,
}

impl Try {
    fn line(&self) -> String {
        format!(
            "{} on node {} after {:.2}s: {:?} {:.200}",
            self.what,
            ["a", "b"][self.node],
            self.took.as_secs_f64(),
            self.status,
            self.body
        )
    }
}

/// Sends `content` to `chat` on node `node` as `token`, through the chats surface.
async fn send(net: &Net, node: usize, token: &str, chat: i64, content: &str) -> Try {
    let url = format!(
        "http://{}/messages/api/chats/{chat}/messages/",
        net.addr(node)
    );
    let request = net
        .http
        .post(url)
        .header("Authorization", token)
        .json(&json!({ "content": content }));
    let mut t = call("send", node, chat, request).await;
    t.id = serde_json::from_str::<serde_json::Value>(&t.body)
        .ok()
        .and_then(|m| m["id"].as_i64())
        .filter(|_| t.status == Some(201));
    t
}

/// Runs `request`, timing it.
async fn call(what: &'static str, node: usize, chat: i64, request: reqwest::RequestBuilder) -> Try {
    let started = Instant::now();
    let answer = request.timeout(Duration::from_secs(15)).send().await;
    let (status, retry_after, body) = match answer {
        Ok(r) => {
            let status = r.status().as_u16();
            let retry_after = r.headers().contains_key("retry-after");
            (
                Some(status),
                retry_after,
                r.text().await.unwrap_or_default(),
            )
        }
        Err(e) => (None, false, e.to_string()),
    };
    Try {
        what,
        node,
        chat,
        started,
        took: started.elapsed(),
        status,
        retry_after,
        body,
        id: None,
    }
}

/// Senders on both nodes (four each) into every chat, until `stop`; every send written down.
fn load(
    net: &Arc<Net>,
    stop: &watch::Receiver<bool>,
) -> (Arc<Mutex<Vec<Try>>>, Vec<tokio::task::JoinHandle<()>>) {
    let record: Arc<Mutex<Vec<Try>>> = Arc::default();
    let mut tasks = Vec::new();
    for node in 0..2 {
        for k in 0..4 {
            let (net, record, stop) = (net.clone(), record.clone(), stop.clone());
            tasks.push(tokio::spawn(async move {
                for turn in 0usize.. {
                    if *stop.borrow() {
                        return;
                    }
                    let token = &net.tokens[k];
                    let chat = net.chats[(turn + k) % net.chats.len()];
                    let content = format!("n{node}-{k}-{turn}");
                    let t = send(&net, node, token, chat, &content).await;
                    if t.status != Some(201) {
                        // A refused send is retried after a pause, as a client would.
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    record.lock().unwrap().push(t);
                }
            }));
        }
    }
    (record, tasks)
}

/// A socket on the chats surface, its frames' (chat, id) and how it ended.
#[derive(Default)]
struct Watched {
    frames: Vec<(i64, i64)>,
    closed: Option<(Instant, Option<u16>)>,
}

/// Opens a socket on node `node` as `token` and records it until it ends.
async fn watch_socket(net: &Net, node: usize, token: &str) -> Arc<Mutex<Watched>> {
    let key = token.rsplit(' ').next().unwrap_or("");
    let url = format!("ws://{}/messages/ws/?token={key}", net.addr(node));
    let (mut ws, _) = tokio_tungstenite::connect_async(url)
        .await
        .expect("a socket opens");
    let seen: Arc<Mutex<Watched>> = Arc::default();
    let record = seen.clone();
    tokio::spawn(async move {
        let end = loop {
            match ws.next().await {
                Some(Ok(Message::Text(text))) => {
                    let frame: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
                    if frame["type"] == "new_message" {
                        if let (Some(chat), Some(id)) =
                            (frame["chat_id"].as_i64(), frame["message"]["id"].as_i64())
                        {
                            record.lock().unwrap().frames.push((chat, id));
                        }
                    }
                }
                Some(Ok(Message::Close(frame))) => break frame.map(|f| u16::from(f.code)),
                Some(Ok(_)) => {}
                Some(Err(_)) | None => break None,
            }
        };
        record.lock().unwrap().closed = Some((Instant::now(), end));
    });
    seen
}

/// Waits up to `limit` for `done`, checking every 50 ms.
async fn until(limit: Duration, done: impl Fn() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if done() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    done()
}

/// Sends on node a until one is acknowledged; how long that took from `since`.
async fn a_serves_again(net: &Net, since: Instant) -> Duration {
    loop {
        let t = send(net, 0, &net.tokens[0], net.chats[0], "back").await;
        if t.status == Some(201) {
            return since.elapsed();
        }
        assert!(since.elapsed() < Duration::from_secs(30), "{}", t.line());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Nothing acknowledged lost or stored twice; no 500; node b's socket (open all along)
/// saw every acknowledged message once, in order per chat. Prints the counts.
async fn verdict(test: &str, net: &Net, tries: &[Try], b_socket: &Mutex<Watched>) {
    let acked: Vec<&Try> = tries.iter().filter(|t| t.id.is_some()).collect();
    let five_hundreds: Vec<String> = tries
        .iter()
        .filter(|t| t.status.is_some_and(|s| s >= 500 && s != 503))
        .map(Try::line)
        .collect();
    assert!(five_hundreds.is_empty(), "{test}: {five_hundreds:?}");
    let stored = net.pg.rows(
        &net.db,
        "SELECT id, content FROM messages WHERE content LIKE 'n%' ORDER BY id",
    );
    let mut by_content: HashMap<String, usize> = HashMap::new();
    let mut ids = std::collections::HashSet::new();
    for row in &stored {
        let (id, content) = row.split_once('|').expect("id|content");
        *by_content.entry(content.to_string()).or_default() += 1;
        ids.insert(id.parse::<i64>().expect("an id"));
    }
    let lost = acked
        .iter()
        .filter(|t| !ids.contains(&t.id.unwrap_or(0)))
        .count();
    let twice = by_content.values().filter(|n| **n > 1).count();
    let wanted: usize = acked.len();
    let seen_all = until(Duration::from_secs(10), || {
        let w = b_socket.lock().unwrap();
        let seen: std::collections::HashSet<i64> = w.frames.iter().map(|f| f.1).collect();
        acked.iter().all(|t| seen.contains(&t.id.unwrap_or(0)))
    })
    .await;
    let w = b_socket.lock().unwrap();
    let mut last: BTreeMap<i64, i64> = BTreeMap::new();
    let mut out_of_order = 0;
    let mut repeated = 0;
    let mut counted: HashMap<i64, usize> = HashMap::new();
    for (chat, id) in &w.frames {
        let n = counted.entry(*id).or_default();
        *n += 1;
        if *n > 1 {
            repeated += 1;
        }
        let before = last.insert(*chat, *id).unwrap_or(0);
        if *id <= before && *n == 1 {
            out_of_order += 1;
        }
    }
    eprintln!(
        "{test}: acknowledged {wanted}, lost {lost}, stored twice {twice}; node b's socket: \
         saw all {seen_all}, repeated {repeated}, out of order {out_of_order}, closed {:?}",
        w.closed.map(|c| c.1)
    );
    assert_eq!(
        (lost, twice),
        (0, 0),
        "{test}: acknowledged messages lost or stored twice"
    );
    assert!(
        w.closed.is_none(),
        "{test}: node b's socket closed: {:?}",
        w.closed
    );
    assert!(
        seen_all,
        "{test}: node b's socket missed acknowledged messages"
    );
    assert_eq!((repeated, out_of_order), (0, 0), "{test}: node b's socket");
}

/// Node a's machine vanishes (every link cut) while one of its transactions is open.
/// Before: PostgreSQL kept a's session and its row locks until TCP keepalive noticed (two
/// hours by default), and b's sends into those chats waited the whole 40 s observed.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_lost_machine_frees_its_locks_and_the_other_node_sends_again_within_10_s() {
    let test = "a_lost_machine_frees_its_locks_and_the_other_node_sends_again_within_10_s";
    let Some((_turn, net)) = stage(test).await else {
        return;
    };
    let net = Arc::new(net);
    let b_socket = watch_socket(&net, 1, &net.tokens[0]).await;
    let (stop, stopped) = watch::channel(false);
    let (tries, senders) = load(&net, &stopped);
    // A transaction of a's held open at the cut, for certain: the test locks chat one's
    // row, a's sends into it wait inside their transaction, every link of a's is cut,
    // and the lock is let go, so a's statement completes at the server, whose answer
    // cannot reach a: its session idles in a transaction holding the row.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (held, release) = hold_chat_row(net.pg.url(&net.db), net.chats[0]);
    let waiting = until(Duration::from_secs(10), || {
        net.a_sessions_waiting_on_a_lock() > 0
    })
    .await;
    assert!(
        waiting,
        "harness: none of node a's sends waited on the held row"
    );
    let cut = Instant::now();
    for link in [DB, BUS, FRONT] {
        net.host.cut(link);
    }
    release.send(()).expect("harness: the lock's holder");
    held.join().expect("harness: the lock's holder");
    let caught = until(Duration::from_secs(2), || {
        net.a_sessions("idle in transaction") > 0
    })
    .await;
    eprintln!("{test}: node a's session idles in a transaction after the cut: {caught}");
    assert!(
        caught,
        "harness: the cut caught no open transaction of node a's"
    );
    // PostgreSQL ends a's sessions that idle in a transaction after 5 s.
    let freed = until(Duration::from_secs(15), || {
        net.a_sessions("idle in transaction") == 0
    })
    .await;
    let freed_after = cut.elapsed();
    assert!(
        freed,
        "{test}: node a's sessions still idle in a transaction after 15 s"
    );
    // Let b's sends go on a while past the bound, then look at them.
    tokio::time::sleep(
        (cut + SENDS_AGAIN_WITHIN + Duration::from_secs(2))
            .saturating_duration_since(Instant::now()),
    )
    .await;
    let b_sends: Vec<Try> = tries
        .lock()
        .unwrap()
        .iter()
        .filter(|t| t.node == 1 && t.started >= cut)
        .cloned()
        .collect();
    let longest = b_sends.iter().map(|t| t.took).max().unwrap_or_default();
    let mut again: BTreeMap<i64, Duration> = BTreeMap::new();
    for t in b_sends.iter().filter(|t| t.status == Some(201)) {
        let at = (t.started + t.took).duration_since(cut);
        let e = again.entry(t.chat).or_insert(at);
        *e = (*e).min(at);
    }
    let refused: Vec<String> = b_sends
        .iter()
        .filter(|t| t.status != Some(201))
        .map(Try::line)
        .collect();
    eprintln!(
        "{test}: a's sessions freed {:.2}s after the cut; node b: {} sends since, longest \
         {:.2}s, first acknowledged per chat after {:?}",
        freed_after.as_secs_f64(),
        b_sends.len(),
        longest.as_secs_f64(),
        again
            .values()
            .map(|d| format!("{:.2}s", d.as_secs_f64()))
            .collect::<Vec<_>>()
    );
    assert!(
        refused.is_empty(),
        "{test}: node b refused sends: {refused:?}"
    );
    assert_eq!(
        again.len(),
        net.chats.len(),
        "{test}: a chat had no send acknowledged on b"
    );
    assert!(
        again.values().all(|d| *d <= SENDS_AGAIN_WITHIN) && longest <= SENDS_AGAIN_WITHIN,
        "{test}: node b's sends waited longer than {SENDS_AGAIN_WITHIN:?}"
    );
    // The machine comes back: node a serves again without a restart.
    let healed = Instant::now();
    for link in [FRONT, DB, BUS] {
        net.host.heal(link);
    }
    let back = a_serves_again(&net, healed).await;
    eprintln!(
        "{test}: node a served again {:.2}s after the heal",
        back.as_secs_f64()
    );
    assert!(
        back <= Duration::from_secs(10),
        "{test}: node a took {back:?} to serve again"
    );
    tokio::time::sleep(Duration::from_secs(1)).await;
    stop.send_replace(true);
    for s in senders {
        let _ = s.await;
    }
    let all = tries.lock().unwrap().clone();
    verdict(test, &net, &all, &b_socket).await;
}

/// The requests a client of node a makes during a cut, each surface in its own words: a
/// send and a history page (chats), the rooms list, and a socket upgrade.
async fn probe_a(net: &Net) -> Vec<Try> {
    let chat = net.chats[1];
    let token = &net.tokens[1];
    let base = format!("http://{}", net.addr(0));
    let history = net
        .http
        .get(format!("{base}/messages/api/chats/{chat}/messages/"))
        .header("Authorization", token);
    let rooms = net
        .http
        .get(format!("{base}/api/rooms/"))
        .header("Authorization", token);
    let upgrade = net
        .http
        .get(format!(
            "{base}/messages/ws/?token={}",
            token.rsplit(' ').next().unwrap_or("")
        ))
        .header("Connection", "Upgrade")
        .header("Upgrade", "websocket")
        .header("Sec-WebSocket-Version", "13")
        .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
    let (s, h, r, u) = tokio::join!(
        send(net, 0, token, chat, "probe"),
        call("history", 0, chat, history),
        call("rooms list", 0, 0, rooms),
        call("socket upgrade", 0, 0, upgrade),
    );
    vec![s, h, r, u]
}

/// Node a cut from `links` for 9 s under load: probes answered 503 with `Retry-After`
/// within the bound, its socket closed with 1012, serving again after the heal.
async fn cut_from(test: &str, net: &Arc<Net>, links: &[usize], what: &str) {
    let a_socket = watch_socket(net, 0, &net.tokens[2]).await;
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let cut = Instant::now();
    for &link in links {
        net.host.cut(link);
    }
    let mut probes = Vec::new();
    while cut.elapsed() < Duration::from_secs(9) {
        let round = probe_a(net).await;
        probes.extend(round);
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    let closed = a_socket.lock().unwrap().closed;
    let healed = Instant::now();
    for &link in links {
        net.host.heal(link);
    }
    let back = a_serves_again(net, healed).await;
    let longest = probes.iter().map(|p| p.took).max().unwrap_or_default();
    let closed_after = closed.map(|(at, _)| at.duration_since(cut));
    eprintln!(
        "{test}: {what}: {} probes, longest {:.2}s, statuses {:?}; a's socket closed {:?} \
         after {:?}; a served again {:.2}s after the heal",
        probes.len(),
        longest.as_secs_f64(),
        probes
            .iter()
            .map(|p| p.status)
            .collect::<std::collections::BTreeSet<_>>(),
        closed.map(|c| c.1),
        closed_after,
        back.as_secs_f64()
    );
    for p in &probes {
        assert!(p.took <= ANSWERED_WITHIN, "{test}: {what}: {}", p.line());
        assert_eq!(p.status, Some(503), "{test}: {what}: {}", p.line());
        assert!(
            p.retry_after,
            "{test}: {what}: no Retry-After: {}",
            p.line()
        );
        let words = p.body.to_lowercase();
        assert!(
            !words.contains("postgres") && !words.contains("connection") && !words.contains("nats"),
            "{test}: {what}: the answer shows the store's own words: {}",
            p.line()
        );
    }
    let shapes = |what: &str| {
        probes
            .iter()
            .find(|p| p.what == what)
            .map(|p| p.body.clone())
    };
    let send_body = shapes("send").unwrap_or_default();
    assert!(
        send_body.contains("\"detail\""),
        "{test}: the chats surface's shape: {send_body}"
    );
    let rooms_body = shapes("rooms list").unwrap_or_default();
    assert!(
        rooms_body.contains("\"service_unavailable\""),
        "{test}: the rooms surface's shape: {rooms_body}"
    );
    assert_eq!(
        closed.map(|c| c.1),
        Some(Some(1012)),
        "{test}: {what}: a's socket"
    );
    assert!(
        closed_after.is_some_and(|d| d <= CLOSED_WITHIN),
        "{test}: {what}: a's socket closed after {closed_after:?}"
    );
    assert!(
        back <= BACK_WITHIN,
        "{test}: {what}: node a served again after {back:?}"
    );
}

/// Node a cut from PostgreSQL alone, then from PostgreSQL and NATS, while its clients
/// still reach it. Before: every request was held until the link came back (9 of 9
/// held 8 to 10 s, none answered 503), and its sockets stayed open and silent.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_node_cut_from_postgresql_answers_503_closes_its_sockets_and_serves_again() {
    let test = "a_node_cut_from_postgresql_answers_503_closes_its_sockets_and_serves_again";
    let Some((_turn, net)) = stage(test).await else {
        return;
    };
    let net = Arc::new(net);
    let b_socket = watch_socket(&net, 1, &net.tokens[0]).await;
    let (stop, stopped) = watch::channel(false);
    let (tries, senders) = load(&net, &stopped);
    cut_from(test, &net, &[DB], "cut from PostgreSQL").await;
    cut_from(test, &net, &[DB, BUS], "cut from PostgreSQL and NATS").await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    stop.send_replace(true);
    for s in senders {
        let _ = s.await;
    }
    let all = tries.lock().unwrap().clone();
    let slowest_b = all
        .iter()
        .filter(|t| t.node == 1)
        .map(|t| t.took)
        .max()
        .unwrap_or_default();
    eprintln!(
        "{test}: node b's slowest send {:.2}s",
        slowest_b.as_secs_f64()
    );
    // A cut that catches one of a's transactions holds its chats' rows until PostgreSQL
    // ends that session (5 s): b's sends into them wait that long, no longer.
    assert!(
        slowest_b <= SENDS_AGAIN_WITHIN,
        "{test}: node b's sends slowed to {slowest_b:?}"
    );
    verdict(test, &net, &all, &b_socket).await;
}
