//! Scenario `fanout`: one group of M members, each with a live `/messages/ws/` socket;
//! S senders post over REST. A message counts as delivered when every member's socket
//! has its `new_message` frame; latency is from just before the POST to the last
//! member receiving it. At most `--window` messages are in flight, so the bench measures
//! the server rather than a growing backlog. A sender has one POST out at a time unless
//! `--pipeline` is given, so by default fewer than `--window` may be in flight.
//! With `--nodes N` member i's socket is on node i mod N while every post goes
//! to the first node: the report then gives the time to the last member on the first
//! node (local) and on the others (remote, one NATS hop further) separately, and counts
//! deliveries lost or received twice.

use crate::client::{Api, Socket, User};
use crate::report::{per_sec, Report};
use crate::server::Server;
use crate::Result;
use clap::Args;
use futures_util::{stream, StreamExt};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;
use tokio_tungstenite::tungstenite::Message;

/// How long after the last send deliveries may still arrive.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(30);
/// Marker the receivers look for, so they need not parse every frame as JSON.
const MARK: &str = "fanout#";

/// Flags of `fanout`.
#[derive(Args, Debug, Clone)]
pub struct FanoutArgs {
    /// Members of the group, each with one live socket.
    #[arg(long, default_value_t = 1000)]
    pub members: usize,
    /// Concurrent senders (members too).
    #[arg(long, default_value_t = 1)]
    pub senders: usize,
    /// Messages sent in total.
    #[arg(long, default_value_t = 500)]
    pub messages: usize,
    /// Messages in flight (sent but not yet received by everyone).
    #[arg(long, default_value_t = 8)]
    pub window: usize,
    /// Each sender posts without waiting for its previous POST's answer, so the window
    /// fills even with one sender (by default a sender has one POST out at a time).
    #[arg(long)]
    pub pipeline: bool,
    /// Registrations in flight during setup.
    #[arg(long, default_value_t = 8)]
    pub register_concurrency: usize,
    /// Smoke-test size: 5 members, 10 messages.
    #[arg(long)]
    pub tiny: bool,
}

struct Shared {
    base: Instant,
    sent_ns: Vec<AtomicU64>,
    /// When the last member received each message (set by that member's receiver).
    done_ns: Vec<AtomicU64>,
    remaining: Vec<AtomicUsize>,
    /// Per message: members on the posting node, and on the others, still waiting.
    remaining_local: Vec<AtomicUsize>,
    remaining_remote: Vec<AtomicUsize>,
    /// When the last member on the posting node (on the others) received each message.
    done_local_ns: Vec<AtomicU64>,
    done_remote_ns: Vec<AtomicU64>,
    /// One per receiver, so counting a delivery touches no line another receiver writes.
    tallies: Vec<Tally>,
    window: Semaphore,
    dropped: AtomicUsize,
    /// Why the first socket that ended did (its close frame, or the error), for the report.
    first_drop: std::sync::Mutex<Option<String>>,
}

/// What one receiver has seen; on a cache line of its own (the generator shares the
/// two cores with the server, so its receivers should not fight over counters).
#[repr(align(64))]
#[derive(Default)]
struct Tally {
    deliveries: AtomicUsize,
    /// Frames of a message this member had already received.
    duplicates: AtomicUsize,
    last_ns: AtomicU64,
}

impl Shared {
    fn now_ns(&self) -> u64 {
        self.base.elapsed().as_nanos() as u64
    }

    fn deliveries(&self) -> usize {
        self.tallies
            .iter()
            .map(|t| t.deliveries.load(Ordering::Relaxed))
            .sum()
    }
}

/// The sequence number in a `new_message` frame of ours.
fn seq_of(text: &str) -> Option<usize> {
    let start = text.find(MARK)? + MARK.len();
    let digits: String = text[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

async fn receive(mut sock: Socket, shared: Arc<Shared>, me: usize, remote: bool) {
    let tally = &shared.tallies[me];
    let mut seen = vec![false; shared.remaining.len()];
    let (remaining_here, done_here) = if remote {
        (&shared.remaining_remote, &shared.done_remote_ns)
    } else {
        (&shared.remaining_local, &shared.done_local_ns)
    };
    let mut why = "the server ended the connection without a close frame".to_string();
    while let Some(msg) = sock.next().await {
        let msg = match msg {
            Ok(msg) => msg,
            Err(e) => {
                why = format!("error: {e}");
                break;
            }
        };
        let t = match msg {
            Message::Text(t) => t,
            Message::Close(frame) => {
                why = match frame {
                    Some(f) => format!("close {} {}", u16::from(f.code), f.reason),
                    None => "close without a code".into(),
                };
                continue;
            }
            _ => continue,
        };
        let Some(seq) = seq_of(t.as_str()) else {
            continue;
        };
        if seq >= shared.remaining.len() {
            continue;
        }
        if std::mem::replace(&mut seen[seq], true) {
            tally.duplicates.fetch_add(1, Ordering::Relaxed);
            continue;
        }
        let now = shared.now_ns();
        tally.last_ns.store(now, Ordering::Relaxed);
        tally.deliveries.fetch_add(1, Ordering::Relaxed);
        if remaining_here[seq].fetch_sub(1, Ordering::AcqRel) == 1 {
            done_here[seq].store(now, Ordering::Relaxed);
        }
        if shared.remaining[seq].fetch_sub(1, Ordering::AcqRel) == 1 {
            shared.done_ns[seq].store(now, Ordering::Relaxed);
            shared.window.add_permits(1);
        }
    }
    shared.dropped.fetch_add(1, Ordering::Relaxed);
    if let Ok(mut first) = shared.first_drop.lock() {
        first.get_or_insert(format!("member {me}: {why}"));
    }
}

/// Posts message `seq`; a POST that fails gives its window slot back.
async fn post(
    api: Api,
    user: User,
    chat: i64,
    seq: usize,
    shared: Arc<Shared>,
) -> std::result::Result<(), String> {
    let sent = api
        .send_message(&user, chat, &format!("{MARK}{seq}#"))
        .await;
    if sent.is_err() {
        shared.window.add_permits(1);
    }
    sent.map(|_| ()).map_err(|e| e.to_string())
}

/// Runs `fanout` and reports deliveries/s and p50/p99 send-to-everyone latency.
pub async fn run(server: &Server, args: &FanoutArgs) -> Result<Report> {
    let (members, messages) = if args.tiny {
        (5, 10)
    } else {
        (args.members.max(1), args.messages.max(1))
    };
    let senders = args.senders.clamp(1, members);
    let mut report = Report::new("fanout");
    report.add("members", members as f64, "members");
    let api = Api::new(&server.base)?;

    let setup = Instant::now();
    let users = api
        .register_many("fan", members, args.register_concurrency)
        .await?;
    report.add("register_s", setup.elapsed().as_secs_f64(), "s");
    let ids: Vec<i64> = users.iter().map(|u| u.id).collect();
    let chat = api.create_group(&users[0], "fanout", &ids).await?;
    settle(&api, &users[0], chat).await?;

    let nodes = server.bases.len().max(1);
    let node_apis: Vec<Api> = server
        .bases
        .iter()
        .map(|b| Api::new(b))
        .collect::<Result<_>>()?;
    let node_of = |member: usize| member % nodes;
    let remote_members = (0..members).filter(|&m| node_of(m) != 0).count();
    let connect = Instant::now();
    let sockets: Vec<Socket> = stream::iter(users.iter().enumerate())
        .map(|(i, u)| node_apis[node_of(i)].socket(&u.token, "/messages/ws/"))
        .buffered(64)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_>>()?;
    report.add("connect_s", connect.elapsed().as_secs_f64(), "s");

    let shared = Arc::new(Shared {
        base: Instant::now(),
        sent_ns: (0..messages).map(|_| AtomicU64::new(0)).collect(),
        done_ns: (0..messages).map(|_| AtomicU64::new(0)).collect(),
        remaining: (0..messages).map(|_| AtomicUsize::new(members)).collect(),
        remaining_local: (0..messages)
            .map(|_| AtomicUsize::new(members - remote_members))
            .collect(),
        remaining_remote: (0..messages)
            .map(|_| AtomicUsize::new(remote_members))
            .collect(),
        done_local_ns: (0..messages).map(|_| AtomicU64::new(0)).collect(),
        done_remote_ns: (0..messages).map(|_| AtomicU64::new(0)).collect(),
        tallies: (0..members).map(|_| Tally::default()).collect(),
        window: Semaphore::new(args.window.max(1)),
        dropped: AtomicUsize::new(0),
        first_drop: std::sync::Mutex::new(None),
    });
    let receivers: Vec<_> = sockets
        .into_iter()
        .enumerate()
        .map(|(i, s)| tokio::spawn(receive(s, shared.clone(), i, node_of(i) != 0)))
        .collect();

    let next = Arc::new(AtomicUsize::new(0));
    let started = shared.now_ns();
    let send_tasks: Vec<_> = users
        .iter()
        .take(senders)
        .map(|u| {
            let (api, user, shared, next) = (api.clone(), u.clone(), shared.clone(), next.clone());
            let pipeline = args.pipeline;
            tokio::spawn(async move {
                let mut errors = Vec::new();
                let mut posts = tokio::task::JoinSet::new();
                loop {
                    // A message that never reaches everyone keeps its slot: give up after
                    // the drain timeout instead of waiting for it forever.
                    let permit =
                        match tokio::time::timeout(DRAIN_TIMEOUT, shared.window.acquire()).await {
                            Ok(Ok(permit)) => permit,
                            Ok(Err(_)) => break,
                            Err(_) => {
                                errors.push(format!(
                                    "no message reached every member within {DRAIN_TIMEOUT:?}; \
                                     {} of {} sockets closed",
                                    shared.dropped.load(Ordering::Relaxed),
                                    shared.remaining.first().map_or(0, |_| shared.tallies.len())
                                ));
                                break;
                            }
                        };
                    permit.forget();
                    let seq = next.fetch_add(1, Ordering::Relaxed);
                    if seq >= shared.sent_ns.len() {
                        shared.window.add_permits(1);
                        break;
                    }
                    shared.sent_ns[seq].store(shared.now_ns(), Ordering::Relaxed);
                    let post = post(api.clone(), user.clone(), chat, seq, shared.clone());
                    if pipeline {
                        posts.spawn(post);
                    } else if let Err(e) = post.await {
                        errors.push(e);
                    }
                }
                while let Some(done) = posts.join_next().await {
                    match done {
                        Ok(Ok(())) => {}
                        Ok(Err(e)) => errors.push(e),
                        Err(e) => errors.push(e.to_string()),
                    }
                }
                errors
            })
        })
        .collect();
    let mut errors = Vec::new();
    for t in send_tasks {
        errors.extend(t.await.unwrap_or_else(|e| vec![e.to_string()]));
    }
    let drain = Instant::now();
    while shared.deliveries() < members * messages
        && drain.elapsed() < DRAIN_TIMEOUT
        && shared.dropped.load(Ordering::Relaxed) < members
    {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let deliveries = shared.deliveries();
    let last = shared
        .tallies
        .iter()
        .map(|t| t.last_ns.load(Ordering::Relaxed))
        .max()
        .unwrap_or(started);
    let elapsed = Duration::from_nanos(last.saturating_sub(started));
    let mut latencies = completed(&shared.remaining, &shared.done_ns, &shared);
    let complete = latencies.len();
    report.add(
        "deliveries_per_s",
        per_sec(deliveries, elapsed),
        "deliveries/s",
    );
    report.add("messages_per_s", per_sec(complete, elapsed), "msg/s");
    report.add_latency("everyone", &mut latencies);
    report.add("deliveries", deliveries as f64, "deliveries");
    report.add(
        "deliveries_missing",
        (members * messages - deliveries) as f64,
        "deliveries",
    );
    report.add(
        "sockets_dropped",
        shared.dropped.load(Ordering::Relaxed) as f64,
        "sockets",
    );
    if nodes > 1 {
        report.add("nodes", nodes as f64, "nodes");
        report.add("remote_members", remote_members as f64, "members");
        let mut local = completed(&shared.remaining_local, &shared.done_local_ns, &shared);
        let mut remote = completed(&shared.remaining_remote, &shared.done_remote_ns, &shared);
        report.add_latency("local_everyone", &mut local);
        report.add("local_everyone_max_ms", max_ms(&local), "ms");
        report.add_latency("remote_everyone", &mut remote);
        report.add("remote_everyone_max_ms", max_ms(&remote), "ms");
        if !local.is_empty() && !remote.is_empty() {
            let gap = report.get("remote_everyone_p99_ms").unwrap_or(0.0)
                - report.get("local_everyone_p99_ms").unwrap_or(0.0);
            report.add("remote_minus_local_p99_ms", gap, "ms");
        }
    }
    let duplicates: usize = shared
        .tallies
        .iter()
        .map(|t| t.duplicates.load(Ordering::Relaxed))
        .sum();
    report.add("deliveries_duplicated", duplicates as f64, "deliveries");
    report.add("send_errors", errors.len() as f64, "errors");
    if let Some(e) = errors.first() {
        report.note(format!("first send error: {e}"));
    }
    if let Some(why) = shared.first_drop.lock().ok().and_then(|f| f.clone()) {
        report.note(format!("first socket to end: {why}"));
    }
    for r in receivers {
        r.abort();
    }
    Ok(report)
}

/// Send-to-last-member times of the messages every member counted in `remaining`
/// received (all members, or one node's).
fn completed(remaining: &[AtomicUsize], done_ns: &[AtomicU64], shared: &Shared) -> Vec<Duration> {
    (0..remaining.len())
        .filter(|&i| remaining[i].load(Ordering::Relaxed) == 0)
        .map(|i| {
            Duration::from_nanos(
                done_ns[i]
                    .load(Ordering::Relaxed)
                    .saturating_sub(shared.sent_ns[i].load(Ordering::Relaxed)),
            )
        })
        .collect()
}

/// The largest of `samples` in milliseconds (0 when empty).
fn max_ms(samples: &[Duration]) -> f64 {
    samples
        .iter()
        .max()
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// Waits until the server has delivered the group's creation (a `member_joined` for each
/// member, to every member: delivery runs after the commit, on its own task). Sockets
/// opened while that is still going out would get up to `--members` frames before the
/// run reads them and be closed as too slow (1013): seen in 2 of 3 runs at
/// `--members 1000` before this wait. A probe socket of the owner's sends a marker
/// message; events leave in commit order, so once the marker arrives the creation's events
/// are out. A probe closed on the way is replaced.
async fn settle(api: &Api, owner: &User, chat: i64) -> Result<()> {
    let deadline = Instant::now() + DRAIN_TIMEOUT;
    for attempt in 0.. {
        let mut probe = api.socket(&owner.token, "/messages/ws/").await?;
        let marker = format!("fanout-settled-{attempt}");
        api.send_message(owner, chat, &marker).await?;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match tokio::time::timeout(left, probe.next()).await {
                Err(_) => return crate::fail("the group's creation was not delivered within 30 s"),
                Ok(Some(Ok(Message::Text(t)))) if t.as_str().contains(&marker) => return Ok(()),
                Ok(Some(Ok(Message::Close(_)) | Err(_)) | None) => break,
                Ok(Some(Ok(_))) => {}
            }
        }
    }
    Ok(())
}
