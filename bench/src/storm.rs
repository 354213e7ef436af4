//! Scenario `storm`: every socket of the `reach` town opened within `--spread-secs` (30 s:
//! a restart's reconnect storm), each failed attempt retried with the web client's
//! back-off, while a REST probe reads the chat list of a person in team rooms only every
//! `--probe-ms` over one keep-alive connection and a password login is tried every
//! `--login-ms` (0: none). Reports the
//! sockets that failed, the logins that failed, the probe's latency, and what the storm
//! cost in memory per socket.

use crate::keepalive::KeepAlive;
use crate::reach::memory::steady_memory;
use crate::reach::{note_what_stopped, Crowd, ReachArgs, PRIVATE_PER_SOCKET_TARGET};
use crate::report::{percentile_ms, Report};
use crate::server::Server;
use crate::{fail, Result};
use clap::Args;
use serde_json::json;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Longest wait for natter's memory to hold still.
const STEADY_LIMIT: Duration = Duration::from_secs(60);
/// The probe's target: the chat list's p99 while the storm runs.
const PROBE_P99_TARGET_MS: f64 = 100.0;

/// Flags of `storm`.
#[derive(Args, Debug, Clone)]
pub struct StormArgs {
    /// Sockets to open.
    #[arg(long, default_value_t = 19_900)]
    pub sockets: usize,
    /// Seconds the first attempts are spread over.
    #[arg(long, default_value_t = 30.0)]
    pub spread_secs: f64,
    /// Milliseconds between two REST probes (the chat list).
    #[arg(long, default_value_t = 20)]
    pub probe_ms: u64,
    /// Milliseconds between two password logins.
    #[arg(long, default_value_t = 500)]
    pub login_ms: u64,
    #[command(flatten)]
    pub reach: ReachArgs,
}

/// What the probes saw.
#[derive(Default)]
struct Probed {
    latencies: Vec<Duration>,
    failed: usize,
    logins: usize,
    logins_failed: usize,
    first_failure: Option<String>,
}

/// Reads the chat list as `token` every `every` until `stop`.
async fn probe_rest(base: String, token: String, every: Duration, stop: Arc<AtomicBool>) -> Probed {
    let mut probed = Probed::default();
    let mut conn = None;
    while !stop.load(Ordering::Relaxed) {
        if conn.is_none() {
            match KeepAlive::connect(&base, &token).await {
                Ok(c) => conn = Some(c),
                Err(e) => {
                    probed.failed += 1;
                    probed
                        .first_failure
                        .get_or_insert(format!("probe connect: {e}"));
                    tokio::time::sleep(every).await;
                    continue;
                }
            }
        }
        let Some(c) = conn.as_mut() else { continue };
        let started = Instant::now();
        match c.get("/messages/api/chats/").await {
            Ok((200, _)) => probed.latencies.push(started.elapsed()),
            Ok((status, _)) => {
                probed.failed += 1;
                probed
                    .first_failure
                    .get_or_insert(format!("probe: HTTP {status}"));
            }
            Err(e) => {
                probed.failed += 1;
                probed.first_failure.get_or_insert(format!("probe: {e}"));
                conn = None;
            }
        }
        tokio::time::sleep(every).await;
    }
    probed
}

/// Logs in as one of `names` every `every` until `stop`; counts the answers that are not 200.
async fn probe_logins(
    crowd_api: crate::client::Api,
    names: Vec<String>,
    every: Duration,
    stop: Arc<AtomicBool>,
) -> Probed {
    let mut probed = Probed::default();
    let mut i = 0;
    while !stop.load(Ordering::Relaxed) && !names.is_empty() && !every.is_zero() {
        let body = json!({"username": names[i % names.len()], "password": "bench-password-1"});
        i += 1;
        probed.logins += 1;
        match crowd_api
            .call(reqwest::Method::POST, None, "/api/auth/login/", Some(&body))
            .await
        {
            Ok((200, _)) => {}
            Ok((status, v)) => {
                probed.logins_failed += 1;
                probed
                    .first_failure
                    .get_or_insert(format!("login: HTTP {status} {v}"));
            }
            Err(e) => {
                probed.logins_failed += 1;
                probed.first_failure.get_or_insert(format!("login: {e}"));
            }
        }
        tokio::time::sleep(every).await;
    }
    probed
}

/// Runs `storm`.
pub async fn run(server: &Server, args: &StormArgs) -> Result<Report> {
    if !server.owned() {
        return fail(
            "storm needs to start natter itself (drop --url): it reads the child's memory",
        );
    }
    let (sockets, spread) = if args.reach.tiny {
        (60, Duration::from_secs(2))
    } else {
        (
            args.sockets,
            Duration::from_secs_f64(args.spread_secs.max(0.0)),
        )
    };
    let mut report = Report::new("storm");
    let mut crowd = Crowd::new(server, &args.reach, sockets).await?;
    let (before, _) = steady_memory(server, args.reach.steady(), STEADY_LIMIT).await?;
    report.add("private_before_kib", before.private as f64, "KiB");
    report.add("rss_before_kib", before.rss as f64, "KiB");

    // What a member of the big room pays for the chat list (it names every member of
    // every chat), read alone before the storm; the probe below reads as a person in
    // team rooms only, so that its latency is the storm's, not the request's own size.
    let big_member = &crowd.town.people[crowd.town.big_members[0]];
    if let Ok(mut c) = KeepAlive::connect(&server.base, &big_member.token).await {
        let started = Instant::now();
        if let Ok((200, body)) = c.get("/messages/api/chats/").await {
            report.add("big_member_chat_list_bytes", body.len() as f64, "B");
            report.add(
                "big_member_chat_list_ms",
                started.elapsed().as_secs_f64() * 1000.0,
                "ms",
            );
        }
    }
    let stop = Arc::new(AtomicBool::new(false));
    let Some(person) = (0..crowd.town.people.len())
        .find(|&p| !crowd.town.in_big[p])
        .map(|p| &crowd.town.people[p])
    else {
        return fail("everyone is in the big room: no probe person");
    };
    let rest = tokio::spawn(probe_rest(
        server.base.clone(),
        person.token.clone(),
        Duration::from_millis(args.probe_ms.max(1)),
        stop.clone(),
    ));
    let names = crowd
        .town
        .people
        .iter()
        .take(50)
        .map(|p| p.username.clone())
        .collect();
    let logins = tokio::spawn(probe_logins(
        crowd.api.clone(),
        names,
        Duration::from_millis(args.login_ms),
        stop.clone(),
    ));
    let opened = crowd
        .open_to(&server.base, sockets, spread, true, 0)
        .await?;
    stop.store(true, Ordering::Relaxed);
    let mut rest = rest.await?;
    let logins = logins.await?;

    report.add("sockets", sockets as f64, "sockets");
    report.add("spread_s", spread.as_secs_f64(), "s");
    report.check(
        "sockets_failed",
        (sockets - crowd.open.min(sockets)) as f64,
        "sockets",
        "0",
        crowd.open >= sockets,
    );
    report.check(
        "last_open_s",
        opened.last_open_ms as f64 / 1000.0,
        "s",
        &format!("<= {} s", spread.as_secs_f64() + 10.0),
        opened.last_open_ms as f64 / 1000.0 <= spread.as_secs_f64() + 10.0,
    );
    report.add(
        "attempts_retried",
        opened.attempts.saturating_sub(opened.ok) as f64,
        "attempts",
    );
    report.check(
        "logins_failed",
        logins.logins_failed as f64,
        "logins",
        "0",
        logins.logins_failed == 0,
    );
    report.add("logins", logins.logins as f64, "logins");
    report.check(
        "rest_probes_failed",
        rest.failed as f64,
        "requests",
        "0",
        rest.failed == 0,
    );
    report.add("rest_probes", rest.latencies.len() as f64, "requests");
    let p99 = percentile_ms(&mut rest.latencies, 99.0);
    report.add(
        "rest_probe_p50_ms",
        percentile_ms(&mut rest.latencies, 50.0),
        "ms",
    );
    report.check(
        "rest_probe_p99_ms",
        p99,
        "ms",
        &format!("<= {PROBE_P99_TARGET_MS} ms"),
        p99 <= PROBE_P99_TARGET_MS,
    );
    report.add(
        "rest_probe_max_ms",
        percentile_ms(&mut rest.latencies, 100.0),
        "ms",
    );
    for failure in [rest.first_failure, logins.first_failure]
        .into_iter()
        .flatten()
    {
        report.note(failure);
    }
    let (after, _) = steady_memory(server, args.reach.steady(), STEADY_LIMIT).await?;
    report.add("private_after_kib", after.private as f64, "KiB");
    report.add("rss_after_kib", after.rss as f64, "KiB");
    if crowd.open > 0 {
        let each =
            |now: u64, before: u64| now.saturating_sub(before) as f64 * 1024.0 / crowd.open as f64;
        let per = each(after.private, before.private);
        report.check(
            "private_per_socket_bytes",
            per,
            "B",
            "<= 6144 B",
            per <= PRIVATE_PER_SOCKET_TARGET,
        );
        report.add("rss_per_socket_bytes", each(after.rss, before.rss), "B");
    }
    note_what_stopped(&mut report, server, sockets, &opened, crowd.open);
    crowd.holders.drop_all().await?;
    Ok(report)
}
