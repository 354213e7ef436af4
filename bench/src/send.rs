//! Scenario `send`: C concurrent senders, each its own user, post into group chats,
//! first over REST for the duration, then over sockets. Each sender waits for its
//! acknowledgement (201 with the id, or the socket's echo carrying the id) before the
//! next send. Afterwards every acknowledged id is looked up in the database (the SQLite
//! file, or PostgreSQL with `--postgres`/`--pg-url`).

use crate::client::{Api, Socket, User};
use crate::report::{per_sec, Report};
use crate::server::{Db, Server};
use crate::{fail, Result};
use clap::{Args, ValueEnum};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::collections::HashSet;
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

/// How long a sender waits for one acknowledgement before giving up.
const ACK_TIMEOUT: Duration = Duration::from_secs(10);

/// Flags of `send`.
#[derive(Args, Debug, Clone)]
pub struct SendArgs {
    /// Concurrent senders (one user each).
    #[arg(long, default_value_t = 64)]
    pub senders: usize,
    /// Group chats the senders are spread over.
    #[arg(long, default_value_t = 8)]
    pub chats: usize,
    /// Seconds per transport phase.
    #[arg(long, default_value_t = 10.0)]
    pub secs: f64,
    /// Which transports to measure.
    #[arg(long, value_enum, default_value = "both")]
    pub transport: Transport,
    /// Which surface's REST write the REST phase uses.
    #[arg(long, value_enum, default_value = "chats")]
    pub rest_surface: RestSurface,
    /// Registrations in flight during setup.
    #[arg(long, default_value_t = 8)]
    pub register_concurrency: usize,
    /// Smoke-test size: 2 senders, 1 chat, 0.5 s per phase.
    #[arg(long)]
    pub tiny: bool,
    /// Links in each message's text (0 to 3), each to its own page of `--link-site`, so
    /// every message owes previews that are fetched (bench/scripts/link-previews.sh
    /// runs a site that answers them and lets natter reach it).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..=3))]
    pub links: u8,
    /// The site the links of `--links` point to.
    #[arg(long, default_value = "http://127.0.0.1:8799")]
    pub link_site: String,
}

/// What each message's text carries besides its words: `count` links to pages of `site`.
#[derive(Clone)]
struct Links {
    count: u8,
    site: std::sync::Arc<str>,
}

impl Links {
    /// `text` with this message's links after it (none with `count` 0).
    fn around(&self, text: String, sender: usize, seq: u64) -> String {
        let mut out = text;
        for k in 0..self.count {
            out.push_str(&format!(" {}/p/{sender}-{seq}-{k}", self.site));
        }
        out
    }
}

/// Transports measured by `send`.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    Both,
    Rest,
    Socket,
}

/// The REST writes `send` can measure: every surface that sends over plain HTTP.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestSurface {
    /// `POST /messages/api/chats/{id}/messages/` into the group chats.
    Chats,
    /// `POST /api/messages/` with `{"receiver", "content"}`: each sender writes to the
    /// next sender, so each into a direct chat of its own (made by its first send).
    Inbox,
}

/// Which socket surface carries socket sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SocketKind {
    /// `/ws/room/{id}/`: `{"type":"chat_message","data":{"content"}}`, echo with `data.id`.
    Rooms,
    /// `/ws/chat/{username}/`: `{"message"}`, echo `{"sender","receiver","message","id"}`.
    Inbox,
}

#[derive(Default)]
struct Outcome {
    acked: Vec<i64>,
    latencies: Vec<Duration>,
    errors: Vec<String>,
    elapsed: Duration,
}

/// Runs `send` and reports msg/s, p50/p99 per transport and the durability check.
pub async fn run(server: &Server, args: &SendArgs) -> Result<Report> {
    let (senders, chats, secs) = if args.tiny {
        (2, 1, 0.5)
    } else {
        (
            args.senders.max(1),
            args.chats.clamp(1, args.senders.max(1)),
            args.secs,
        )
    };
    let phase = Duration::from_secs_f64(secs);
    let links = Links {
        count: args.links,
        site: args.link_site.trim_end_matches('/').into(),
    };
    let mut report = Report::new("send");
    let api = Api::new(&server.base)?;
    let setup = Instant::now();
    let users = api
        .register_many("send", senders, args.register_concurrency)
        .await?;
    let mut chat_ids = Vec::new();
    for c in 0..chats {
        let members: Vec<i64> = users.iter().skip(c).step_by(chats).map(|u| u.id).collect();
        let owner = &users[c];
        chat_ids.push(
            api.create_group(owner, &format!("send {c}"), &members)
                .await?,
        );
    }
    let hanging = if server.push_hanging {
        let service = hanging_push_service().await?;
        for (i, user) in users.iter().enumerate() {
            subscribe_to(&api, user, &format!("http://{}/push/{i}", service.addr)).await?;
        }
        report.note("every sender is subscribed to a push service that never answers");
        Some(service)
    } else {
        None
    };
    report.add("setup_s", setup.elapsed().as_secs_f64(), "s");
    report.add("senders", senders as f64, "senders");

    let mut all_acked = Vec::new();
    if args.transport != Transport::Socket {
        if args.rest_surface == RestSurface::Inbox {
            report.note("REST sends go through the inbox, POST /api/messages/, into direct chats");
        }
        let out = rest_phase(&api, args.rest_surface, &users, &chat_ids, phase, &links).await;
        record(&mut report, "rest", &out);
        all_acked.extend(out.acked);
    }
    if args.transport != Transport::Rest {
        match probe_socket(&api, &users, &chat_ids).await {
            Ok((kind, targets, note)) => {
                if let Some(note) = note {
                    report.note(note);
                }
                let out = socket_phase(&api, kind, &users, &targets, phase, &links).await;
                record(&mut report, "socket", &out);
                all_acked.extend(out.acked);
            }
            Err(e) => report.note(format!("socket sends not measured: {e}")),
        }
    }
    if let Some(service) = &hanging {
        report.add(
            "push_connections_held",
            service.held.load(std::sync::atomic::Ordering::Relaxed) as f64,
            "connections",
        );
    }
    verify(server, &all_acked, &mut report).await?;
    Ok(report)
}

fn record(report: &mut Report, prefix: &str, out: &Outcome) {
    report.add(
        &format!("{prefix}_msgs_per_s"),
        per_sec(out.acked.len(), out.elapsed),
        "msg/s",
    );
    let mut lat = out.latencies.clone();
    report.add_latency(&format!("{prefix}_ack"), &mut lat);
    report.add(&format!("{prefix}_acked"), out.acked.len() as f64, "msgs");
    report.add(
        &format!("{prefix}_errors"),
        out.errors.len() as f64,
        "errors",
    );
    if let Some(first) = out.errors.first() {
        report.note(format!("{prefix}: first error: {first}"));
    }
}

fn merge(
    results: Vec<std::result::Result<Outcome, tokio::task::JoinError>>,
    elapsed: Duration,
) -> Outcome {
    let mut all = Outcome {
        elapsed,
        ..Outcome::default()
    };
    for r in results {
        match r {
            Ok(o) => {
                all.acked.extend(o.acked);
                all.latencies.extend(o.latencies);
                all.errors.extend(o.errors);
            }
            Err(e) => all.errors.push(format!("sender task failed: {e}")),
        }
    }
    all
}

async fn rest_phase(
    api: &Api,
    surface: RestSurface,
    users: &[User],
    chats: &[i64],
    phase: Duration,
    links: &Links,
) -> Outcome {
    let started = Instant::now();
    let deadline = started + phase;
    let tasks: Vec<_> = users
        .iter()
        .enumerate()
        .map(|(i, user)| {
            let (api, user, chat) = (api.clone(), user.clone(), chats[i % chats.len()]);
            let receiver = users[(i + 1) % users.len()].id;
            let links = links.clone();
            tokio::spawn(async move {
                let mut o = Outcome::default();
                let mut seq = 0u64;
                while Instant::now() < deadline {
                    seq += 1;
                    let t = Instant::now();
                    let content = links.around(format!("rest {i}-{seq}"), i, seq);
                    let sent = match surface {
                        RestSurface::Chats => api.send_message(&user, chat, &content).await,
                        RestSurface::Inbox => api.send_direct(&user, receiver, &content).await,
                    };
                    match sent {
                        Ok(id) => {
                            o.latencies.push(t.elapsed());
                            o.acked.push(id);
                        }
                        Err(e) => {
                            o.errors.push(e.to_string());
                            if o.errors.len() > 10 {
                                break;
                            }
                        }
                    }
                }
                o
            })
        })
        .collect();
    let results = futures_util::future::join_all(tasks).await;
    merge(results, started.elapsed())
}

fn socket_path(kind: SocketKind, users: &[User], i: usize, chat: i64) -> String {
    match kind {
        SocketKind::Rooms => format!("/ws/room/{chat}/"),
        SocketKind::Inbox => format!("/ws/chat/{}/", users[(i + 1) % users.len()].username),
    }
}

/// Finds a socket surface for sends: the rooms socket on the group chats, else on
/// rooms made through the rooms surface (it only serves `room` chats), else the inbox
/// socket. Returns the surface, the chats to send into, and a note on what was used.
async fn probe_socket(
    api: &Api,
    users: &[User],
    chats: &[i64],
) -> Result<(SocketKind, Vec<i64>, Option<String>)> {
    let try_rooms = |room: i64| async move {
        let path = socket_path(SocketKind::Rooms, users, 0, room);
        let mut s = api.socket(&users[0].token, &path).await?;
        let _ = s.close(None).await;
        Ok::<(), crate::Error>(())
    };
    let group_err = match try_rooms(chats[0]).await {
        Ok(()) => return Ok((SocketKind::Rooms, chats.to_vec(), None)),
        Err(e) => e,
    };
    let mut rooms = Vec::new();
    let mut room_err = None;
    for c in 0..chats.len() {
        let members: Vec<User> = users.iter().skip(c).step_by(chats.len()).cloned().collect();
        let name = format!("send {} {c}", api.tag());
        match api.create_room(&users[c], &name, &members).await {
            Ok(id) => rooms.push(id),
            Err(e) => {
                room_err = Some(e);
                break;
            }
        }
    }
    if room_err.is_none() {
        match try_rooms(rooms[0]).await {
            Ok(()) => {
                let note = format!("socket sends go through the rooms socket /ws/room/{{id}}/ into rooms made with POST /api/rooms/ (it refused the group chats: {group_err})");
                return Ok((SocketKind::Rooms, rooms, Some(note)));
            }
            Err(e) => room_err = Some(e),
        }
    }
    let room_err = room_err.map(|e| e.to_string()).unwrap_or_default();
    match api
        .socket(
            &users[0].token,
            &socket_path(SocketKind::Inbox, users, 0, chats[0]),
        )
        .await
    {
        Ok(mut s) => {
            let _ = s.close(None).await;
            let note = format!("socket sends go through the inbox socket /ws/chat/{{username}}/ into direct chats (rooms socket: {group_err}; {room_err})");
            Ok((SocketKind::Inbox, chats.to_vec(), Some(note)))
        }
        Err(inbox_err) => fail(format!("{group_err}; {room_err}; {inbox_err}")),
    }
}

fn frame(kind: SocketKind, content: &str) -> String {
    match kind {
        SocketKind::Rooms => json!({"type": "chat_message", "data": {"content": content}}),
        SocketKind::Inbox => json!({"message": content}),
    }
    .to_string()
}

/// The message id if `text` is the echo of our `content`.
fn ack_id(kind: SocketKind, text: &str, content: &str) -> Option<i64> {
    if !text.contains(content) {
        return None;
    }
    let v: Value = serde_json::from_str(text).ok()?;
    match kind {
        SocketKind::Rooms if v["type"] == "chat_message" && v["data"]["content"] == content => {
            v["data"]["id"].as_i64()
        }
        SocketKind::Inbox if v["message"] == content => v["id"].as_i64(),
        _ => None,
    }
}

async fn send_one(sock: &mut Socket, kind: SocketKind, content: &str) -> Result<i64> {
    sock.send(Message::text(frame(kind, content))).await?;
    let wait = async {
        while let Some(msg) = sock.next().await {
            if let Message::Text(t) = msg? {
                if let Some(id) = ack_id(kind, t.as_str(), content) {
                    return Ok(id);
                }
                if t.as_str().contains("\"error\"") && !t.as_str().contains("chat_message") {
                    return fail(format!("error frame: {}", t.as_str()));
                }
            }
        }
        fail("socket closed before the acknowledgement")
    };
    tokio::time::timeout(ACK_TIMEOUT, wait)
        .await
        .map_err(|_| "no acknowledgement within 10 s")?
}

async fn socket_phase(
    api: &Api,
    kind: SocketKind,
    users: &[User],
    chats: &[i64],
    phase: Duration,
    links: &Links,
) -> Outcome {
    let mut sockets = Vec::new();
    let mut errors = Vec::new();
    for (i, u) in users.iter().enumerate() {
        match api
            .socket(
                &u.token,
                &socket_path(kind, users, i, chats[i % chats.len()]),
            )
            .await
        {
            Ok(s) => sockets.push((i, s)),
            Err(e) => errors.push(e.to_string()),
        }
    }
    let started = Instant::now();
    let deadline = started + phase;
    let tasks: Vec<_> = sockets
        .into_iter()
        .map(|(i, mut sock)| {
            let links = links.clone();
            tokio::spawn(async move {
                let mut o = Outcome::default();
                let mut seq = 0u64;
                while Instant::now() < deadline {
                    seq += 1;
                    let content = links.around(format!("sock {i}-{seq}."), i, seq);
                    let t = Instant::now();
                    match send_one(&mut sock, kind, &content).await {
                        Ok(id) => {
                            o.latencies.push(t.elapsed());
                            o.acked.push(id);
                        }
                        Err(e) => {
                            o.errors.push(e.to_string());
                            break;
                        }
                    }
                }
                let _ = sock.close(None).await;
                o
            })
        })
        .collect();
    let results = futures_util::future::join_all(tasks).await;
    let mut out = merge(results, started.elapsed());
    out.errors.extend(errors);
    out
}

/// Checks every acknowledged id is a stored, undeleted message: read from the SQLite
/// file or the PostgreSQL database when known, otherwise reported as unverified.
async fn verify(server: &Server, acked: &[i64], report: &mut Report) -> Result<()> {
    let Some(db) = server.db.clone() else {
        report.note("acknowledged messages not verified: no database path (pass --db with --url)");
        return Ok(());
    };
    let stored: HashSet<i64> = tokio::task::spawn_blocking(move || -> Result<HashSet<i64>> {
        match db {
            Db::Sqlite(path) => {
                let conn = rusqlite::Connection::open_with_flags(
                    &path,
                    rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
                )?;
                let mut stmt = conn.prepare("SELECT id FROM messages WHERE deleted_at IS NULL")?;
                let ids = stmt
                    .query_map([], |r| r.get::<_, i64>(0))?
                    .collect::<std::result::Result<HashSet<i64>, _>>()?;
                Ok(ids)
            }
            Db::Postgres(url) => Ok(crate::pg::message_ids(&url)?.into_iter().collect()),
        }
    })
    .await??;
    let missing = acked.iter().filter(|id| !stored.contains(id)).count();
    report.add("acked_total", acked.len() as f64, "msgs");
    report.add("acked_missing_in_db", missing as f64, "msgs");
    if missing > 0 {
        return fail(format!(
            "{missing} of {} acknowledged messages are not in the database",
            acked.len()
        ));
    }
    Ok(())
}

/// A push service that accepts connections and never answers (`--push-hanging`); it
/// stops with the run.
struct HangingPushService {
    addr: std::net::SocketAddr,
    /// Connections natter opened to it (each holds one push until natter's timeout).
    held: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for HangingPushService {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn hanging_push_service() -> Result<HangingPushService> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let held = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = held.clone();
    let task = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((conn, _)) = listener.accept().await {
            count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            open.push(conn);
        }
    });
    Ok(HangingPushService { addr, held, task })
}

/// A P-256 public key, uncompressed, made once with Python's `cryptography`: a valid
/// browser key (natter checks the point). The pushes never arrive anyway.
const SOME_P256_POINT: &str =
    "BKfkhxmgtbgx8TkRbXjbDLupv6Cl0pEaiFzd5XncFv0b7j1iU5nPJJo1ifnUOZJZXocXyWD3EEYeQ3ClbREtORE";

async fn subscribe_to(api: &Api, user: &User, endpoint: &str) -> Result<()> {
    let body = json!({"endpoint": endpoint, "keys": {"p256dh": SOME_P256_POINT, "auth": "AAAAAAAAAAAAAAAAAAAAAA"}});
    let (status, v) = api
        .post(&user.token, "/api/push/subscriptions/", body)
        .await?;
    if status != 201 {
        return fail(format!("subscribe to pushes: HTTP {status} {v}"));
    }
    Ok(())
}
