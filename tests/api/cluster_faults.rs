//! Fault tests of several nodes: two natter nodes on PostgreSQL with NATS between them, run
//! for real while clients send, with faults injected (NATS killed and restarted, NATS
//! frozen, a node killed mid-burst, a node killed with its events stuck behind a frozen
//! NATS, PostgreSQL restarted). Every client keeps what docs/api.md ("Live events on
//! several nodes") says a client keeps and catches up as it says; at the end every
//! acknowledged message must be in every member's view, every socket's frames in per-chat
//! order, and no socket left open having missed one (`cluster_faults/verdict.rs`). They run
//! one at a time: each loads both cores, and a starved node would fail the delivery bound
//! for no fault of its own. Skipped, as `cluster.rs`'s tests, without nats-server or
//! PostgreSQL unless `NATTER_REQUIRE_NATS=1`.

pub(crate) mod clients;
mod procs;
pub(crate) mod scene;
pub(crate) mod senders;
mod verdict;
mod verdict_tests;

use crate::cluster::{cluster_or_skip, nats_or_skip, Cluster};
use procs::{signal, unacked_bytes_to};
use scene::{blocking, Book, Layout, NodeIx, Scene};
use std::time::{Duration, Instant};
use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::MutexGuard;
use tokio::task::JoinHandle;
use tokio::time::sleep;

/// One fault test at a time (see the module's note); the other fault modules take it too.
pub(crate) static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Waits for this test's turn, then sets `layout` up on a fresh cluster; `None` (after
/// saying why) without nats-server or PostgreSQL.
async fn stage(test: &str, layout: &Layout) -> Option<(MutexGuard<'static, ()>, Scene)> {
    let turn = SERIAL.lock().await;
    let cluster = cluster_or_skip(test)?;
    Some((turn, Scene::new(cluster, layout).await))
}

/// Eight users in three groups (of six, five and five), each in two; sockets alternate
/// between the nodes.
const SPREAD: Layout = Layout {
    chats: &[&[0, 1, 2, 3, 4, 5], &[2, 3, 4, 6, 7], &[5, 6, 7, 0, 1]],
    homes: &[0, 1, 0, 1, 0, 1, 0, 1],
    typing: false,
};

/// NATS killed and restarted twelve times while eight users send through both nodes.
/// Today: frames of two nodes interleave out of order, and a catch-up from the last id
/// skips the other node's messages still in flight below it (the first bullet).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn nats_killed_and_restarted_twelve_times_loses_nothing() {
    const NAME: &str = "nats_killed_and_restarted_twelve_times_loses_nothing";
    let Some((_turn, mut s)) = stage(NAME, &SPREAD).await else {
        return;
    };
    s.start_senders(Duration::from_millis(25));
    // The fault's schedule (ms up, then 300 ms down), not a wait for anything. Mostly
    // killed again soon after the nodes reconnect: one of them may still be publishing
    // what it kept during the outage, the window in which today's catch-up loses.
    let mut outages = Vec::new();
    for up in [600, 100, 150, 100, 400, 120, 100, 150, 500, 100, 120, 150] {
        sleep(Duration::from_millis(up)).await;
        s.fault("nats killed", None);
        let killed = Instant::now();
        blocking(|| s.c.nats.stop());
        sleep(Duration::from_millis(300)).await;
        blocking(|| s.c.nats.restart());
        outages.push((killed, Instant::now()));
        s.fault("nats back", None);
    }
    sleep(Duration::from_millis(700)).await;
    let run = s.finish(NAME).await;
    let during = |node| -> usize {
        outages
            .iter()
            .map(|&(from, to)| run.acked_between(node, from, to))
            .sum()
    };
    let (on_a, on_b) = (during(0), during(1));
    run.require(
        on_a >= 20 && on_b >= 20,
        &format!("too few sends while NATS was down (201s: {on_a} on a, {on_b} on b)"),
    );
    run.verdict();
}

/// NATS frozen (SIGSTOP) for 5 s while both nodes send, then resumed. Today: every
/// socket stays open and gets the other node's 5 s backlog at once, after the bound; the
/// issue also saw 1013 and a catch-up that then skipped hundreds.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn nats_frozen_five_seconds_loses_nothing() {
    const NAME: &str = "nats_frozen_five_seconds_loses_nothing";
    let Some((_turn, mut s)) = stage(NAME, &SPREAD).await else {
        return;
    };
    // The contract's "within ~3 s of the commit, even if NATS froze", with a second of
    // slack: against a 5 s bound a 5 s freeze would be caught only by the sends of its
    // first instants.
    s.bound = Duration::from_secs(4);
    let nats = s.c.nats.pid().expect("nats-server runs");
    s.start_senders(Duration::from_millis(20));
    // The fault's schedule: 1 s of sending, 5 s frozen, 2 s after.
    sleep(Duration::from_secs(1)).await;
    s.fault("nats frozen", None);
    let frozen = Instant::now();
    signal(nats, "STOP");
    sleep(Duration::from_secs(5)).await;
    signal(nats, "CONT");
    s.fault("nats resumed", None);
    let resumed = Instant::now();
    sleep(Duration::from_secs(2)).await;
    let run = s.finish(NAME).await;
    let (on_a, on_b) = (
        run.acked_between(0, frozen, resumed),
        run.acked_between(1, frozen, resumed),
    );
    run.require(
        on_a >= 100 && on_b >= 100,
        &format!("too few sends while NATS was frozen to fill a socket's queue (201s: {on_a} on a, {on_b} on b)"),
    );
    run.verdict();
}

/// Sends `content` to `chat` through node a as user `u`, in a task of its own; says on
/// `acks` when it is answered 201.
fn spawn_send(
    s: &Scene,
    u: usize,
    chat: i64,
    content: String,
    acks: Option<UnboundedSender<()>>,
) -> JoinHandle<()> {
    let (book, ledger, token) = (s.book.clone(), s.ledger.clone(), s.users[u].token.clone());
    tokio::spawn(async move {
        if senders::send(&book, &ledger, &token, chat, 0, &content)
            .await
            .is_some()
        {
            if let Some(acks) = acks {
                let _ = acks.send(());
            }
        }
    })
}

/// Node a SIGKILLed twenty times, each with 32 sends in flight to it, and restarted on
/// the same database. Today: a few times a 201 leaves before its NATS publish, and the
/// sockets on b stay open without those messages for good.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_node_killed_mid_burst_and_restarted_loses_nothing() {
    const NAME: &str = "a_node_killed_mid_burst_and_restarted_loses_nothing";
    /// Kills of node a, each while a burst of sends is in flight to it: the window
    /// between a commit and its publication is short, and each kill may miss it.
    const KILLS: usize = 20;
    // Five users' sockets on b, the survivor; three on a.
    let layout = Layout {
        homes: &[1, 1, 1, 1, 0, 1, 0, 0],
        ..SPREAD
    };
    let Some((_turn, mut s)) = stage(NAME, &layout).await else {
        return;
    };
    s.start_senders(Duration::from_millis(150));
    for round in 0..KILLS {
        let (acks, mut acked) = tokio::sync::mpsc::unbounded_channel();
        let sends: Vec<_> = (0..32)
            .map(|k| {
                let u = k % s.users.len();
                let chats = &s.users[u].chats;
                let chat = chats[(k / s.users.len()) % chats.len()];
                spawn_send(&s, u, chat, "a burst to node a".into(), Some(acks.clone()))
            })
            .collect();
        // Killed once a few 201s are back: the rest are committing or publishing.
        for _ in 0..2 + round % 4 {
            let ack = tokio::time::timeout(crate::helpers::WAIT, acked.recv()).await;
            assert!(
                matches!(ack, Ok(Some(()))),
                "harness: node a answered too few 201s"
            );
        }
        s.kill(0);
        for send in sends {
            let _ = send.await;
        }
        s.restart(0);
        // The fault's schedule: background sends only for a while.
        sleep(Duration::from_millis(400)).await;
    }
    let run = s.finish(NAME).await;
    let cut = run
        .sent
        .iter()
        .filter(|x| x.node == 0 && x.acked.is_none())
        .count();
    run.require(
        cut >= KILLS,
        &format!("the kills interrupted only {cut} sends to node a: not mid-burst"),
    );
    run.verdict();
}

/// Fills node a's connection to the frozen NATS (with sends to `chat` as user 0) until
/// the bytes it has queued in the kernel stop growing, so that what node a publishes
/// next stays inside it; answers those bytes. Each message is 10,000 characters (the
/// most allowed) of 4 bytes: a few rounds fill the pipe, before a node that pings NATS
/// often could notice the freeze.
async fn fill_pipe_to_nats(s: &Scene, chat: i64) -> u64 {
    let (a, port) = (s.c.a.pid(), s.c.nats.port());
    let filler = "\u{1F4AC}".repeat(10_000);
    let (mut queued, mut still) = (0, 0);
    // The send buffer grows to 4 MB at most: about ten rounds of twelve.
    for _ in 0..60 {
        let fill: Vec<_> = (0..12)
            .map(|_| spawn_send(s, 0, chat, filler.clone(), None))
            .collect();
        for send in fill {
            let _ = send.await;
        }
        let now = unacked_bytes_to(a, port).unwrap_or(0);
        still = if now > 0 && now == queued {
            still + 1
        } else {
            0
        };
        queued = now;
        if still == 4 {
            return queued;
        }
    }
    panic!("harness: node a's connection to NATS never filled ({queued} bytes queued)")
}

/// The deterministic form of the previous test: NATS frozen, node a's pipe to it
/// filled, three messages sent on a (201: committed, but stuck inside node a), node a
/// SIGKILLed, NATS resumed a second later. Today: bob's socket on b stays open and never
/// gets them.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_node_killed_with_its_events_stuck_behind_a_frozen_nats_loses_nothing() {
    const NAME: &str = "a_node_killed_with_its_events_stuck_behind_a_frozen_nats";
    // alice and bob share chat 0, alice and carol chat 1 (the filler); every socket is
    // on b.
    let layout = Layout {
        chats: &[&[0, 1], &[0, 2]],
        homes: &[1, 1, 1],
        typing: false,
    };
    let Some((_turn, mut s)) = stage(NAME, &layout).await else {
        return;
    };
    let (marked_chat, filler_chat) = (s.users[1].chats[0], s.users[2].chats[0]);
    let nats = s.c.nats.pid().expect("nats-server runs");
    s.fault("nats frozen", None);
    signal(nats, "STOP");
    let queued = fill_pipe_to_nats(&s, filler_chat).await;
    eprintln!("{NAME}: node a has {queued} bytes queued to the frozen NATS");
    let token = s.users[0].token.clone();
    for k in 0..3 {
        let id = senders::send(&s.book, &s.ledger, &token, marked_chat, 0, "stuck").await;
        assert!(
            id.is_some(),
            "harness: marked message {k} was not answered 201"
        );
    }
    assert_eq!(
        unacked_bytes_to(s.c.a.pid(), s.c.nats.port()).unwrap_or(0),
        queued,
        "harness: the marked messages left node a; they are not stuck"
    );
    s.kill(0);
    // The fault's schedule: node a dead, NATS still frozen, for a second.
    sleep(Duration::from_secs(1)).await;
    signal(nats, "CONT");
    s.fault("nats resumed", None);
    s.finish(NAME).await.verdict();
}

/// PostgreSQL (a private cluster) restarted three times, then stopped for 3 s and
/// started, while users send and their sockets send typing frames: nothing acknowledged
/// is lost, and the typing frames that fail are answered "A server error occurred.",
/// never PostgreSQL's own text ("FATAL: terminating connection ...", as before).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_restarted_and_stopped_loses_nothing_and_error_frames_say_no_database_text() {
    const NAME: &str =
        "postgres_restarted_and_stopped_loses_nothing_and_error_frames_say_no_database_text";
    let _one = SERIAL.lock().await;
    let Some(bin) = nats_or_skip(NAME) else {
        return;
    };
    // Its own PostgreSQL: the suite's serves the other tests meanwhile.
    let pg = match crate::pg::Cluster::private() {
        Ok(pg) => pg,
        Err(why) if std::env::var("NATTER_REQUIRE_NATS").is_ok_and(|v| v == "1") => {
            panic!("{NAME} needs PostgreSQL (NATTER_REQUIRE_NATS=1): {why}")
        }
        Err(why) => {
            crate::pg::skipped(NAME, &why, "NATTER_REQUIRE_NATS=1");
            return;
        }
    };
    let c = Cluster::start(bin, pg.fresh_database(), &["--rate-limits", "off"]);
    // Four users in two groups; every socket sends typing frames, which read the database.
    let layout = Layout {
        chats: &[&[0, 1, 2], &[1, 2, 3]],
        homes: &[0, 1, 0, 1],
        typing: true,
    };
    let mut s = Scene::new(c, &layout).await;
    s.start_senders(Duration::from_millis(40));
    let mut servers = vec![pg.server_pid()];
    // The fault's schedule: a restart every 1.5 s.
    for _ in 0..3 {
        sleep(Duration::from_millis(1500)).await;
        s.fault("postgres restarted", None);
        blocking(|| pg.restart());
        servers.push(pg.server_pid());
    }
    // Then stopped for 3 s (sends fail meanwhile and are not acknowledged) and started.
    sleep(Duration::from_millis(1500)).await;
    s.fault("postgres stopped for 3 s", None);
    blocking(|| pg.stop_for(Duration::from_secs(3)));
    servers.push(pg.server_pid());
    sleep(Duration::from_millis(1500)).await;
    let run = s.finish(NAME).await;
    let distinct: std::collections::BTreeSet<_> = servers.iter().flatten().collect();
    run.require(
        distinct.len() == servers.len(),
        &format!("PostgreSQL's server pids {servers:?}: not restarted 3 times and stopped once"),
    );
    run.verdict();
}
