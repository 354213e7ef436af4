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
mod stage;

use stage::{
    a_serves_again, call, hold_chat_row, send, set_up, until, watch_socket, Loaded, Net, Try, BUS,
    DB, FRONT,
};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How soon node b's sends succeed again in every chat after node a's machine is lost.
const SENDS_AGAIN_WITHIN: Duration = Duration::from_secs(10);
/// How long any request to a node cut from PostgreSQL may wait for its answer.
const ANSWERED_WITHIN: Duration = Duration::from_secs(6);
/// How soon after the cut the node's sockets must be closed with 1012.
const CLOSED_WITHIN: Duration = Duration::from_secs(8);
/// How soon after the heal the node serves sends again.
const BACK_WITHIN: Duration = Duration::from_secs(5);

/// Node a's machine vanishes (every link cut) while one of its transactions is open.
/// Before: PostgreSQL kept a's session and its row locks until TCP keepalive noticed (two
/// hours by default), and b's sends into those chats waited the whole 40 s observed.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_lost_machine_frees_its_locks_and_the_other_node_sends_again_within_10_s() {
    let test = "a_lost_machine_frees_its_locks_and_the_other_node_sends_again_within_10_s";
    let Some((_turn, net)) = set_up(test).await else {
        return;
    };
    let net = Arc::new(net);
    let load = Loaded::start(&net).await;
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
    let b_sends: Vec<Try> = load
        .tries()
        .into_iter()
        .filter(|t| t.node == 1 && t.started + t.took >= cut)
        .collect();
    let longest = b_sends.iter().map(|t| t.took).max().unwrap_or_default();
    // Per chat, the longest of b's sends in flight at the cut or begun after it.
    let mut again: BTreeMap<i64, Duration> = BTreeMap::new();
    for t in &b_sends {
        let e = again.entry(t.chat).or_default();
        *e = (*e).max(t.took);
    }
    let refused: Vec<String> = b_sends
        .iter()
        .filter(|t| t.status != Some(201))
        .map(Try::line)
        .collect();
    eprintln!(
        "{test}: a's sessions freed {:.2}s after the cut; node b: {} sends in flight or begun since, longest \
         {:.2}s, the longest per chat {:?}",
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
        "{test}: a chat had no send on b after the cut"
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
    load.finish(test, &net).await;
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
    let closed = *a_socket.lock().unwrap();
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
    let Some((_turn, net)) = set_up(test).await else {
        return;
    };
    let net = Arc::new(net);
    let load = Loaded::start(&net).await;
    cut_from(test, &net, &[DB], "cut from PostgreSQL").await;
    cut_from(test, &net, &[DB, BUS], "cut from PostgreSQL and NATS").await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let all = load.finish(test, &net).await;
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
}
