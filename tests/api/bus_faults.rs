//! A node's link to NATS broken without a word, under load on both nodes: cut whole (a
//! vanished link: nothing passes, no FIN, no RST), or losing one direction only (on TCP,
//! that direction stalls). Each node reaches nats-server through a relay of its own
//! (`net_relay`), so one node's link breaks while the other's holds. What must hold:
//! the node knows within the bound (`natter_bus_up` 0 within [`KNOWS_WITHIN`]), the
//! other node's sockets get everything through PostgreSQL's outbox meanwhile, no socket
//! that keeps reading is closed as too slow (1013), and the broken node serves sockets
//! again soon after the link heals; plus `cluster_faults`' verdict (nothing acknowledged
//! lost, repeated or out of order; sockets closed only with a code that says to
//! reconnect). Skipped, as `cluster_faults`, without nats-server or PostgreSQL unless
//! `NATTER_REQUIRE_NATS=1`; one fault test at a time (`cluster_faults::SERIAL`).

use crate::cluster::{nats_or_skip, Cluster, Nats};
use crate::cluster_faults::clients::End;
use crate::cluster_faults::scene::{Layout, Run, Scene};
use crate::helpers::WAIT;
use crate::net_relay::{Dir, Mode, Relay};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// How soon after its link breaks a node must say so (`natter_bus_up` 0): the server's
/// own bound is 3.5 s (a question unanswered 3 s, asked every 0.5 s), plus a scrape.
const KNOWS_WITHIN: Duration = Duration::from_secs(4);
/// How soon after the link heals the node must accept sockets again: the server's bound
/// is half a second plus a reconnect (a second apart at most).
const BACK_WITHIN: Duration = Duration::from_secs(3);
/// How long each fault lasts: long enough that the other node's sockets get several
/// read-back lumps (one every half second), each larger than a socket's queue of 256
/// under this load.
const HOLD: Duration = Duration::from_secs(6);

/// Each user's pause between sends.
const PACE: Duration = Duration::from_millis(0);

/// Eight users in three groups; sockets alternate between the nodes.
const SPREAD: Layout = Layout {
    chats: &[&[0, 1, 2, 3, 4, 5], &[2, 3, 4, 6, 7], &[5, 6, 7, 0, 1]],
    homes: &[0, 1, 0, 1, 0, 1, 0, 1],
    typing: false,
};

/// A cluster whose nodes each reach NATS through their own relay, and where each
/// serves its metrics.
struct Stage {
    s: Scene,
    relays: [Relay; 2],
    metrics: [String; 2],
}

/// Sets [`SPREAD`] up on two nodes behind relays, after this test's turn; `None` (after
/// saying why) without nats-server or PostgreSQL.
async fn stage(test: &str) -> Option<(tokio::sync::MutexGuard<'static, ()>, Stage)> {
    let turn = crate::cluster_faults::SERIAL.lock().await;
    let bin = nats_or_skip(test)?;
    if crate::pg::cluster_or_skip(test).is_none() {
        if std::env::var("NATTER_REQUIRE_NATS").is_ok_and(|v| v == "1") {
            panic!("{test} needs PostgreSQL (NATTER_REQUIRE_NATS=1)");
        }
        return None;
    }
    let nats = Nats::start(bin);
    let target = format!("127.0.0.1:{}", nats.port())
        .parse()
        .expect("an address");
    let relays = [Relay::start(target).await, Relay::start(target).await];
    let ports = [crate::metrics::free_port(), crate::metrics::free_port()];
    let metrics = ports.map(|p| format!("http://127.0.0.1:{p}/metrics"));
    let hubs = [&relays[0], &relays[1]].map(|r| format!("nats://{}", r.addr));
    let c = Cluster::start_each(nats, crate::pg::fresh_database(), |k| {
        [
            "--hub",
            &hubs[k],
            "--metrics-listen",
            &format!("127.0.0.1:{}", ports[k]),
            "--rate-limits",
            "off",
        ]
        .map(String::from)
        .to_vec()
    });
    let s = Scene::new(c, &SPREAD).await;
    Some((turn, Stage { s, relays, metrics }))
}

/// A stage under load for a second and a half, its buses watched.
struct Loaded {
    _turn: tokio::sync::MutexGuard<'static, ()>,
    stage: Stage,
    stop: watch::Sender<bool>,
    bus: BusLog,
}

/// The stage, its buses watched and every user sending, after the first 1.5 s of load.
async fn loaded(test: &str) -> Option<Loaded> {
    let (_turn, mut stage) = stage(test).await?;
    let (stop, stopped) = watch::channel(false);
    let bus = watch_bus(stage.metrics.clone(), stopped);
    stage.s.start_senders(PACE);
    // The fault's schedule: a second and a half of load first.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    Some(Loaded {
        _turn,
        stage,
        stop,
        bus,
    })
}

/// The value of the metric `name` (no labels) in `url`'s exposition, if it answers.
async fn metric(url: &str, name: &str) -> Option<f64> {
    let text = reqwest::get(url).await.ok()?.text().await.ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
}

/// Each node's `natter_bus_up`, as it changed (read every 50 ms until stopped): when it
/// was seen 0 or 1 first after each change.
type BusLog = Arc<Mutex<Vec<(usize, Instant, bool)>>>;

fn watch_bus(metrics: [String; 2], mut stop: watch::Receiver<bool>) -> BusLog {
    let log: BusLog = Arc::default();
    let record = log.clone();
    tokio::spawn(async move {
        let mut last = [Some(true), Some(true)];
        while !*stop.borrow() {
            for (k, url) in metrics.iter().enumerate() {
                let up = metric(url, "natter_bus_up").await.map(|v| v == 1.0);
                if up.is_some() && up != last[k] {
                    last[k] = up;
                    let up = up.unwrap_or(true);
                    record.lock().unwrap().push((k, Instant::now(), up));
                }
            }
            let _ = tokio::time::timeout(Duration::from_millis(50), stop.changed()).await;
        }
    });
    log
}

/// Waits (up to `WAIT`) until node `k`'s bus is seen `up` after `since`; when it was.
async fn bus_seen(log: &BusLog, k: usize, up: bool, since: Instant) -> Option<Instant> {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        let seen = log
            .lock()
            .unwrap()
            .iter()
            .find(|(n, at, u)| *n == k && *u == up && *at >= since)
            .map(|e| e.1);
        if seen.is_some() {
            return seen;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    None
}

/// What one case measured, beside `cluster_faults`' verdict.
struct Figures {
    acked: usize,
    knew: Duration,
    back: Duration,
    /// From the heal until every client of the broken node had a socket again.
    recovered: Duration,
    longest: Duration,
    too_slow: usize,
    closed_on_healthy: usize,
    closed_on_broken: usize,
    repaired_on_healthy: f64,
}

impl Figures {
    fn line(&self) -> String {
        format!(
            "acknowledged {}, node knew in {:.2}s, bus back {:.2}s after the heal, clients \
             back {:.2}s after it, longest acknowledged request {:.2}s, closed 1013 {}, \
             sockets closed on the healthy node {}, closed 1012 on the broken node {}, \
             events read back on the healthy node {}",
            self.acked,
            self.knew.as_secs_f64(),
            self.back.as_secs_f64(),
            self.recovered.as_secs_f64(),
            self.longest.as_secs_f64(),
            self.too_slow,
            self.closed_on_healthy,
            self.closed_on_broken,
            self.repaired_on_healthy,
        )
    }
}

/// Node a's link to NATS broken as `mode` for [`HOLD`] while every user sends through
/// both nodes, then healed; checks and prints everything the module's note promises.
async fn link_broken(test: &'static str, mode: Mode) {
    let Some(Loaded {
        _turn,
        stage: Stage {
            mut s,
            relays,
            metrics,
        },
        stop,
        bus,
    }) = loaded(test).await
    else {
        return;
    };
    let repaired_before = metric(&metrics[1], "natter_events_repaired_total")
        .await
        .unwrap_or(0.0);
    s.fault("node a's link to NATS broken", None);
    let broken = Instant::now();
    relays[0].set(mode);
    let knew = bus_seen(&bus, 0, false, broken).await;
    tokio::time::sleep(HOLD.saturating_sub(broken.elapsed())).await;
    relays[0].set(Mode::Pass);
    s.fault("node a's link to NATS healed", None);
    let healed = Instant::now();
    let back = bus_seen(&bus, 0, true, healed).await;
    // The fault's schedule: two seconds of load after the heal.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let repaired = metric(&metrics[1], "natter_events_repaired_total")
        .await
        .unwrap_or(0.0)
        - repaired_before;
    let run = s.finish(test).await;
    stop.send_replace(true);
    let b_down = bus
        .lock()
        .unwrap()
        .iter()
        .any(|(k, at, up)| *k == 1 && !up && *at >= broken);
    let figures = figures(&run, broken, healed, repaired, knew, back);
    eprintln!("{test}: {}", figures.line());
    run.require(
        run.acked_between(0, broken, healed) >= 50 && run.acked_between(1, broken, healed) >= 50,
        "too few sends on both nodes while the link was broken",
    );
    // Nothing acknowledged lost, repeated or out of order; every close said to reconnect.
    run.verdict();
    eprintln!("{test}: verdict held: 0 lost, 0 repeated, 0 out of order");
    let knew = knew.unwrap_or_else(|| panic!("{test}: node a never said its bus was down"));
    assert!(
        figures.knew <= KNOWS_WITHIN,
        "{test}: node a took {:.2}s to say its bus was down (bound {KNOWS_WITHIN:?}); at {knew:?}",
        figures.knew.as_secs_f64()
    );
    assert!(
        back.is_some() && figures.back <= BACK_WITHIN && figures.recovered <= BACK_WITHIN,
        "{test}: node a and its clients were not back within {BACK_WITHIN:?} of the heal: {}",
        figures.line()
    );
    assert!(
        !b_down,
        "{test}: node b's bus went down, though its link held"
    );
    // What node a published was lost on the way up: node b had it from PostgreSQL.
    if matches!(mode, Mode::BlackHole | Mode::OneWay(Dir::Up)) {
        assert!(
            figures.repaired_on_healthy > 0.0,
            "{test}: node b read nothing back, though a's publishes were lost: {}",
            figures.line()
        );
    }
    assert_eq!(
        figures.too_slow,
        0,
        "{test}: sockets that kept reading were closed as too slow: {}",
        figures.line()
    );
    assert_eq!(
        figures.closed_on_healthy,
        0,
        "{test}: node b closed sockets, though its link held: {}",
        figures.line()
    );
    assert!(
        figures.longest <= Duration::from_secs(3),
        "{test}: a send took {:.2}s: {}",
        figures.longest.as_secs_f64(),
        figures.line()
    );
}

/// Draws the figures from the record.
fn figures(
    run: &Run,
    broken: Instant,
    healed: Instant,
    repaired: f64,
    knew: Option<Instant>,
    back: Option<Instant>,
) -> Figures {
    let conns = || run.logs.iter().flat_map(|l| l.conns.iter());
    let closed = |node: usize, code: Option<u16>| {
        conns()
            .filter(|c| c.node == node)
            .filter(|c| match &c.end {
                Some((_, End::Code(Some(got)))) => code.is_none_or(|want| *got == want),
                Some((_, End::Broken(_))) | Some((_, End::Code(None))) => code.is_none(),
                _ => false,
            })
            .count()
    };
    let too_slow = conns()
        .filter(|c| matches!(c.end, Some((_, End::Code(Some(1013))))))
        .count();
    // Every client that lost its socket on a: when its next one opened.
    let recovered = run
        .logs
        .iter()
        .filter_map(|l| {
            let lost = l.conns.iter().any(|c| {
                c.node == 0 && matches!(&c.end, Some((at, End::Code(_))) if *at >= broken)
            });
            lost.then(|| {
                l.conns
                    .iter()
                    .map(|c| c.opened)
                    .filter(|o| *o >= healed)
                    .min()
            })
        })
        .map(|opened| opened.map_or(Duration::MAX, |o| o.duration_since(healed)))
        .max()
        .unwrap_or_default();
    let longest = run
        .sent
        .iter()
        .filter_map(|x| x.acked.map(|(_, at)| at.duration_since(x.started)))
        .max()
        .unwrap_or_default();
    Figures {
        acked: run.sent.iter().filter(|x| x.acked.is_some()).count(),
        knew: knew.map_or(Duration::MAX, |k| k.duration_since(broken)),
        back: back.map_or(Duration::MAX, |b| b.duration_since(healed)),
        recovered,
        longest,
        too_slow,
        closed_on_healthy: closed(1, None),
        closed_on_broken: closed(0, Some(1012)),
        repaired_on_healthy: repaired,
    }
}

/// Node a's link to NATS vanishes for 6 s (nothing passes either way, no FIN, no RST).
/// Before: node a never noticed (`natter_bus_up` stayed 1), and 3 to 7 sockets that kept
/// reading were closed with 1013 as read-back lumps overflowed their queues.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_node_cut_from_nats_knows_within_4_s_and_no_reading_socket_is_too_slow() {
    link_broken(
        "a_node_cut_from_nats_knows_within_4_s_and_no_reading_socket_is_too_slow",
        Mode::BlackHole,
    )
    .await;
}

/// Node a's link to NATS loses its upward direction for 6 s: node a hears node b but
/// nothing it publishes gets through; node b gets a's messages from PostgreSQL.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_node_whose_publishes_are_lost_knows_within_4_s_and_the_other_reads_them_back() {
    link_broken(
        "a_node_whose_publishes_are_lost_knows_within_4_s_and_the_other_reads_them_back",
        Mode::OneWay(Dir::Up),
    )
    .await;
}

/// Node a's link to NATS loses its downward direction for 6 s: what node a publishes
/// reaches node b, nothing reaches node a.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_node_that_hears_nothing_from_nats_knows_within_4_s() {
    link_broken(
        "a_node_that_hears_nothing_from_nats_knows_within_4_s",
        Mode::OneWay(Dir::Down),
    )
    .await;
}

/// Node a's link to NATS unwell as `mode` for `hold` while every user sends through
/// both nodes, then well again: the verdict holds, no reading socket is closed as too
/// slow, node b's bus stays up, both nodes' memory stays flat, and node a's bus is up at
/// the end. `stays_up`: a link that still carries must not take the bus down, nor close
/// any socket.
async fn link_unwell(test: &'static str, mode: Mode, hold: Duration, stays_up: bool) {
    let Some(Loaded {
        _turn,
        stage: Stage {
            mut s,
            relays,
            metrics,
        },
        stop,
        bus,
    }) = loaded(test).await
    else {
        return;
    };
    let pids = [s.c.a.pid(), s.c.b.pid()];
    let before = pids.map(crate::helpers::rss_kib);
    s.fault("node a's link to NATS unwell", None);
    let from = Instant::now();
    relays[0].set(mode);
    tokio::time::sleep(hold).await;
    relays[0].set(Mode::Pass);
    s.fault("node a's link to NATS well again", None);
    let healed = Instant::now();
    // The fault's schedule: two seconds of load after it.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after = pids.map(crate::helpers::rss_kib);
    let up_now = metric(&metrics[0], "natter_bus_up").await;
    let run = s.finish(test).await;
    stop.send_replace(true);
    let downs = |k: usize| {
        bus.lock()
            .unwrap()
            .iter()
            .filter(|(n, at, up)| *n == k && !up && *at >= from)
            .count()
    };
    let (a_down, b_down) = (downs(0), downs(1));
    let figures = figures(&run, from, healed, 0.0, None, None);
    eprintln!(
        "{test}: acknowledged {}, node a's bus down {a_down} time(s), longest acknowledged \
         request {:.2}s, closed 1013 {}, sockets closed on node b {}, closed 1012 on node a \
         {}, resets by the relay {}, RSS KiB a {} -> {}, b {} -> {}",
        figures.acked,
        figures.longest.as_secs_f64(),
        figures.too_slow,
        figures.closed_on_healthy,
        figures.closed_on_broken,
        relays[0].resets(),
        before[0],
        after[0],
        before[1],
        after[1],
    );
    run.require(
        run.acked_between(0, from, healed) >= 50 && run.acked_between(1, from, healed) >= 50,
        "too few sends on both nodes while the link was unwell",
    );
    run.verdict();
    eprintln!("{test}: verdict held: 0 lost, 0 repeated, 0 out of order");
    assert_eq!(figures.too_slow, 0, "{test}: sockets closed as too slow");
    assert_eq!(b_down, 0, "{test}: node b's bus went down");
    if stays_up {
        assert_eq!(
            a_down, 0,
            "{test}: a link that still carries took node a's bus down"
        );
        assert_eq!(
            figures.closed_on_healthy, 0,
            "{test}: node b closed sockets"
        );
    }
    // A reset loses what node a had in flight to NATS: node b sees a's numbers skip and
    // closes its sockets with 1012 (unnumbered events may be gone), as documented; the
    // verdict has checked that every close said to reconnect.
    assert_eq!(
        up_now,
        Some(1.0),
        "{test}: node a's bus was not up 2 s after the link healed"
    );
    for k in 0..2 {
        assert!(
            after[k] < before[k] + 64 * 1024,
            "{test}: node {k}'s memory grew from {} KiB to {} KiB",
            before[k],
            after[k]
        );
    }
}

/// Node a's link to NATS slow and uneven for 8 s: every chunk 20 to 80 ms late, one in
/// 40 held 400 ms more. It still carries: the bus stays up, nothing is lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_slow_uneven_link_to_nats_keeps_the_bus_up_and_loses_nothing() {
    link_unwell(
        "a_slow_uneven_link_to_nats_keeps_the_bus_up_and_loses_nothing",
        Mode::Bad {
            delay: Duration::from_millis(20),
            jitter: Duration::from_millis(60),
            stall_every: 40,
            stall: Duration::from_millis(400),
        },
        Duration::from_secs(8),
        true,
    )
    .await;
}

/// Node a's link to NATS reset every 2 s for 12 s: each reset closes its sockets with
/// 1012 and they come back (node b's too, when a reset lost what a had in flight);
/// nothing is lost, memory stays flat.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_link_to_nats_flapping_every_2_s_loses_nothing() {
    link_unwell(
        "a_link_to_nats_flapping_every_2_s_loses_nothing",
        Mode::Flap {
            every: Duration::from_secs(2),
        },
        Duration::from_secs(12),
        false,
    )
    .await;
}
