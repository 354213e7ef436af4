//! The stage of the network-fault tests: PostgreSQL (a private cluster that also listens
//! on TCP), nats-server, node a in its namespace and node b here, four users in three
//! chats; the load on both nodes, a watching socket on node b, and the verdict.

use super::netns::Host;
use crate::cluster::{nats_or_skip, Cluster, Nats};
use crate::cluster_faults::clients::{self, Client, ClientLog};
use crate::cluster_faults::scene::Book;
use crate::helpers::TestApp;
use futures_util::StreamExt;
use serde_json::json;
use std::collections::{BTreeMap, HashMap};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::watch;
use tokio_tungstenite::tungstenite::Message;

/// Node a's links.
pub(super) const FRONT: usize = 0;
pub(super) const DB: usize = 1;
pub(super) const BUS: usize = 2;

/// The stage: node a in its namespace, node b here, four users in three chats.
pub(super) struct Net {
    pub(super) host: Host,
    pub(super) pg: crate::pg::Cluster,
    pub(super) db: String,
    pub(super) c: Cluster,
    pub(super) tokens: Vec<String>,
    pub(super) chats: Vec<i64>,
    pub(super) http: reqwest::Client,
}

impl Net {
    /// `host:port` of node `k` (0 is a).
    pub(super) fn addr(&self, k: usize) -> String {
        [&self.c.a, &self.c.b][k].addr.clone()
    }

    /// How many of node a's sessions wait on a lock.
    pub(super) fn a_sessions_waiting_on_a_lock(&self) -> usize {
        let sql = format!(
            "SELECT count(*) FROM pg_stat_activity WHERE client_addr = '{}' \
             AND wait_event_type = 'Lock'",
            self.host.link(DB).there
        );
        self.pg.rows(&self.db, &sql)[0].parse().unwrap_or(0)
    }

    /// How many of node a's sessions PostgreSQL holds in the state `state`.
    pub(super) fn a_sessions(&self, state: &str) -> usize {
        let sql = format!(
            "SELECT count(*) FROM pg_stat_activity WHERE client_addr = '{}' AND state = '{state}'",
            self.host.link(DB).there
        );
        self.pg.rows(&self.db, &sql)[0].parse().unwrap_or(0)
    }
}

/// Locks chat `chat`'s row in a transaction of the test's own, on a thread, until told
/// to let go; returns once it is held.
pub(super) fn hold_chat_row(
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
pub(super) fn required() -> bool {
    std::env::var("NATTER_REQUIRE_NATS").is_ok_and(|v| v == "1")
}

/// Sets the stage after this test's turn (one fault test at a time); `None` after saying
/// why when a part is missing and not required.
pub(super) async fn set_up(test: &str) -> Option<(tokio::sync::MutexGuard<'static, ()>, Net)> {
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
        .command(&crate::helpers::natter_bin().to_string_lossy())
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
pub(super) struct Try {
    pub(super) what: &'static str,
    pub(super) node: usize,
    pub(super) chat: i64,
    pub(super) started: Instant,
    pub(super) took: Duration,
    /// `None`: no answer within the client's 15 s.
    pub(super) status: Option<u16>,
    pub(super) retry_after: bool,
    pub(super) body: String,
    pub(super) id: Option<i64>,
}

impl Try {
    pub(super) fn line(&self) -> String {
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
pub(super) async fn send(net: &Net, node: usize, token: &str, chat: i64, content: &str) -> Try {
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
pub(super) async fn call(
    what: &'static str,
    node: usize,
    chat: i64,
    request: reqwest::RequestBuilder,
) -> Try {
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

/// When and with which code a socket ended (`None` while it is open; a code of `None`:
/// no close frame).
pub(super) type Ended = Arc<Mutex<Option<(Instant, Option<u16>)>>>;

/// Opens a socket on node `node` as `token` and reads it until it ends. A node that has
/// just been healed may still refuse sockets with 503 for a moment after it serves sends
/// again (its check of the database or the bus has not yet run since): the upgrade is
/// asked again for up to 10 s.
pub(super) async fn watch_socket(net: &Net, node: usize, token: &str) -> Ended {
    let key = token.rsplit(' ').next().unwrap_or("");
    let url = format!("ws://{}/messages/ws/?token={key}", net.addr(node));
    let asked = Instant::now();
    let mut ws = loop {
        match tokio_tungstenite::connect_async(url.as_str()).await {
            Ok((ws, _)) => break ws,
            Err(tokio_tungstenite::tungstenite::Error::Http(r))
                if r.status() == 503 && asked.elapsed() < Duration::from_secs(10) =>
            {
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("a socket opens: {e}"),
        }
    };
    let ended: Ended = Arc::default();
    let record = ended.clone();
    tokio::spawn(async move {
        let end = loop {
            match ws.next().await {
                Some(Ok(Message::Close(frame))) => break frame.map(|f| u16::from(f.code)),
                Some(Ok(_)) => {}
                Some(Err(_)) | None => break None,
            }
        };
        *record.lock().unwrap() = Some((Instant::now(), end));
    });
    ended
}

/// Waits up to `limit` for `done`, checking every 50 ms.
pub(super) async fn until(limit: Duration, done: impl Fn() -> bool) -> bool {
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
pub(super) async fn a_serves_again(net: &Net, since: Instant) -> Duration {
    loop {
        let t = send(net, 0, &net.tokens[0], net.chats[0], "back").await;
        if t.status == Some(201) {
            return since.elapsed();
        }
        assert!(since.elapsed() < Duration::from_secs(30), "{}", t.line());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Nothing acknowledged lost or stored twice; no 500; node b's careful client (one socket,
/// reconnecting and catching up with `after=` on every close, as docs/api.md says) has
/// every acknowledged message in its view, each socket's frames once and in id order per
/// chat, and was closed only with codes that say to reconnect. Prints the counts.
async fn verdict(test: &str, net: &Net, tries: &[Try], watcher: &Mutex<ClientLog>) {
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
    let in_view = |log: &ClientLog, t: &Try| {
        log.view
            .get(&t.chat)
            .is_some_and(|v| v.contains(&t.id.unwrap_or(0)))
    };
    let seen_all = until(Duration::from_secs(10), || {
        let log = watcher.lock().unwrap();
        acked.iter().all(|t| in_view(&log, t))
    })
    .await;
    let log = watcher.lock().unwrap();
    let missing = acked.iter().filter(|t| !in_view(&log, t)).count();
    let (mut out_of_order, mut repeated) = (0, 0);
    for conn in &log.conns {
        let mut last: BTreeMap<i64, i64> = BTreeMap::new();
        let mut seen = std::collections::HashSet::new();
        for &(chat, id, _) in &conn.frames {
            if !seen.insert(id) {
                repeated += 1;
            } else if id < last.get(&chat).copied().unwrap_or(0) {
                out_of_order += 1;
            }
            let l = last.entry(chat).or_default();
            *l = (*l).max(id);
        }
    }
    let closes: Vec<String> = log
        .conns
        .iter()
        .filter_map(|c| c.end.as_ref().map(|(_, end)| format!("{end:?}")))
        .collect();
    let bad_closes: Vec<&String> = closes
        .iter()
        .filter(|e| !["Code(Some(1012))", "Code(Some(1013))", "Stopped"].contains(&e.as_str()))
        .collect();
    eprintln!(
        "{test}: acknowledged {}, lost {lost}, stored twice {twice}; node b's client: \
         missing {missing}, repeated {repeated}, out of order {out_of_order}, sockets {} \
         (ends {closes:?}), catch-ups brought {}",
        acked.len(),
        log.conns.len(),
        log.caught_up
    );
    assert_eq!(
        (lost, twice),
        (0, 0),
        "{test}: acknowledged messages lost or stored twice"
    );
    assert!(
        seen_all,
        "{test}: node b's client missed {missing} acknowledged messages"
    );
    assert_eq!((repeated, out_of_order), (0, 0), "{test}: node b's sockets");
    assert!(
        bad_closes.is_empty(),
        "{test}: node b's sockets ended {bad_closes:?}"
    );
    assert!(log.failures.is_empty(), "{test}: {:?}", log.failures);
}

/// The load on both nodes and node b's watching socket, from the stage's start to the
/// verdict.
pub(super) struct Loaded {
    watcher: Arc<Mutex<ClientLog>>,
    watching: tokio::task::JoinHandle<()>,
    stop_watching: watch::Sender<bool>,
    stop: watch::Sender<bool>,
    tries: Arc<Mutex<Vec<Try>>>,
    senders: Vec<tokio::task::JoinHandle<()>>,
}

impl Loaded {
    /// Starts node b's careful client and waits until it is caught up, then the senders.
    pub(super) async fn start(net: &Arc<Net>) -> Loaded {
        let (stop, stopped) = watch::channel(false);
        let (stop_watching, stopped_watching) = watch::channel(false);
        let book = Arc::new(Book::new(net.addr(0), net.addr(1)));
        let watcher = Arc::new(Mutex::new(ClientLog::new("alice on node b", &net.chats)));
        let client = Client {
            home: 1,
            token: net.tokens[0].clone(),
            typing: None,
        };
        let watching = tokio::spawn(clients::run(
            book,
            client,
            watcher.clone(),
            stopped_watching,
        ));
        let ready = until(crate::helpers::WAIT, || watcher.lock().unwrap().ready).await;
        assert!(ready, "harness: node b's client did not connect");
        let (tries, senders) = load(net, &stopped);
        Loaded {
            watcher,
            watching,
            stop_watching,
            stop,
            tries,
            senders,
        }
    }

    /// Every send so far.
    pub(super) fn tries(&self) -> Vec<Try> {
        self.tries.lock().unwrap().clone()
    }

    /// Stops the senders, checks the verdict, and answers every send.
    pub(super) async fn finish(self, test: &str, net: &Net) -> Vec<Try> {
        self.stop.send_replace(true);
        for s in self.senders {
            let _ = s.await;
        }
        let all = self.tries.lock().unwrap().clone();
        // The senders have stopped; the client reads on until the verdict has its view.
        verdict(test, net, &all, &self.watcher).await;
        self.stop_watching.send_replace(true);
        let _ = self.watching.await;
        all
    }
}
