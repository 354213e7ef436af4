//! `--measure polls`: what an idle `/sync` long poll costs the server. `--users` people,
//! `--devices` devices each (1,000 polls by default, each device its own access token:
//! Synapse shares one wait among requests that are the same to the byte), in rooms of
//! `--room-size`; each device reads a first sync for its token, then holds
//! `/sync?since=...&timeout=--hold-timeout-ms` open, polling again from `next_batch`
//! whenever answered (presence changing as people come online wakes some). The
//! server's private memory (`RssAnon`) and RSS are read once they hold still: before
//! anything opens; with `--idle-connections` idle HTTP connections open (`conns`: what
//! any connection costs); and, those kept open, once every poll has also waited
//! `--quiet-secs` without an answer. The last difference over the polls waiting is the
//! figure. Reads `/proc/PID/status`, so it needs the server's process id: natter's own
//! child, or `--server-pid`.

use super::conns;
use super::people::Homeserver;
use super::{MatrixArgs, ServerKind};
use crate::reach::memory::steady_memory_of;
use crate::report::Report;
use crate::server::memory_of;
use crate::{fail, Result};
use futures_util::{stream, StreamExt, TryStreamExt};
use serde_json::json;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Longest wait for the server's memory to hold still.
const STEADY_LIMIT: Duration = Duration::from_secs(30);
/// Longest wait for every poll to be waiting with no answer for `--quiet-secs`.
const QUIET_LIMIT: Duration = Duration::from_secs(40);
/// Polls opened every 100 ms (500 a second): a burst of 1,000 connections at once
/// would overflow a small listen backlog (Twisted's is 50) and measure SYN retries.
const OPEN_PER_TICK: usize = 50;

/// What the polls share with the measurement.
#[derive(Default)]
struct Counters {
    /// Requests sent and not yet answered.
    waiting: AtomicUsize,
    answers: AtomicUsize,
    errors: AtomicUsize,
    /// Milliseconds from the opening to the latest answer or error.
    last_answer_ms: AtomicU64,
}

/// Runs the idle-poll measurement and adds its figures (`polls_*`) to `report`.
pub async fn run(
    hs: &Homeserver,
    args: &MatrixArgs,
    pid: Option<u32>,
    report: &mut Report,
) -> Result<()> {
    let Some(pid) = pid else {
        return fail("--measure polls reads the server's memory: start natter here (no --url) or pass --server-pid");
    };
    crate::hold::raise_open_files();
    let (users, devices, room_size, idle_connections, steady, quiet) = if args.tiny {
        let half_s = Duration::from_millis(500);
        (4, 2, 2, 8, half_s, half_s)
    } else {
        (
            args.users.max(1),
            args.devices.max(1),
            args.room_size.max(1),
            args.idle_connections,
            Duration::from_secs_f64(args.steady_secs.max(0.5)),
            Duration::from_secs_f64(args.quiet_secs.max(0.5)),
        )
    };
    let setup = Instant::now();
    let people = hs.people("polls", users, devices, args.concurrency).await?;
    let groups: Vec<Vec<_>> = people
        .chunks(room_size)
        .map(|c| c.iter().collect())
        .collect();
    stream::iter(groups.iter().enumerate())
        .map(
            |(g, members)| async move { hs.room(members[0], &format!("polls {g}"), members).await },
        )
        .buffer_unordered(args.concurrency.max(1))
        .try_collect::<Vec<_>>()
        .await?;
    let limit_one = json!({"room": {"timeline": {"limit": 1}}});
    let mut pollers = Vec::with_capacity(users * devices);
    for p in &people {
        let filter = hs.matrix.filter(p.device(), &limit_one).await?;
        pollers.extend(p.devices.iter().map(|d| (d.clone(), filter.clone())));
    }
    let pollers: Vec<_> = stream::iter(pollers)
        .map(|(device, filter)| async move {
            let first = hs.matrix.sync(&device, &filter, None, 0).await?;
            Ok::<_, crate::Error>((device, filter, first.next_batch()?))
        })
        .buffered(args.concurrency.max(1))
        .try_collect()
        .await?;
    report.add("polls_setup_s", setup.elapsed().as_secs_f64(), "s");
    report.add("polls_users", users as f64, "people");
    report.add("polls_devices_per_user", devices as f64, "devices");

    let read = || memory_of(pid);
    let (start, held) = steady_memory_of(read, steady, STEADY_LIMIT).await?;
    if !held {
        report.note("polls: the server's memory did not hold still before the polls");
    }
    report.add("polls_private_before_kib", start.private as f64, "KiB");
    report.add("polls_rss_before_kib", start.rss as f64, "KiB");

    // Kept open until the end, so the polls' memory is read beside them on both sides.
    let idle = conns::open_idle(hs.matrix.base(), idle_connections).await?;
    let mut per_connection = None;
    let before = if idle.is_empty() {
        start
    } else {
        let (now, held) = steady_memory_of(read, steady, STEADY_LIMIT).await?;
        if !held {
            report.note("polls: the server's memory did not hold still with idle connections");
        }
        let each = |now: u64, then: u64| (now as f64 - then as f64) * 1024.0 / idle.len() as f64;
        report.add("idle_connections", idle.len() as f64, "connections");
        let (private, rss) = (each(now.private, start.private), each(now.rss, start.rss));
        per_connection = Some(private);
        report.add("idle_connection_private_bytes", private, "B");
        report.add("idle_connection_rss_bytes", rss, "B");
        report.add(
            "polls_private_with_idle_connections_kib",
            now.private as f64,
            "KiB",
        );
        now
    };

    let counters = Arc::new(Counters::default());
    let opened = Instant::now();
    let mut tasks = Vec::with_capacity(pollers.len());
    for batch in pollers.chunks(OPEN_PER_TICK) {
        for (device, filter, since) in batch.iter().cloned() {
            let (matrix, c) = (hs.matrix.clone(), counters.clone());
            let hold = args.hold_timeout_ms;
            tasks.push(tokio::spawn(async move {
                let mut since = since;
                loop {
                    c.waiting.fetch_add(1, Ordering::SeqCst);
                    let answer = matrix.sync(&device, &filter, Some(&since), hold).await;
                    c.waiting.fetch_sub(1, Ordering::SeqCst);
                    let at = opened.elapsed().as_millis() as u64;
                    c.last_answer_ms.fetch_max(at, Ordering::SeqCst);
                    match answer.and_then(|a| a.next_batch()) {
                        Ok(next) => {
                            c.answers.fetch_add(1, Ordering::SeqCst);
                            since = next;
                        }
                        Err(_) => {
                            c.errors.fetch_add(1, Ordering::SeqCst);
                            tokio::time::sleep(Duration::from_millis(100)).await;
                        }
                    }
                }
            }));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let total = tasks.len();
    // Every poll waiting, none answered for `quiet`.
    let calm = loop {
        let since_answer = opened.elapsed().saturating_sub(Duration::from_millis(
            counters.last_answer_ms.load(Ordering::SeqCst),
        ));
        if counters.waiting.load(Ordering::SeqCst) == total && since_answer >= quiet {
            break true;
        }
        if opened.elapsed() > QUIET_LIMIT {
            break false;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    if !calm {
        report.note(format!(
            "polls: not every poll was waiting quietly within {QUIET_LIMIT:?}"
        ));
    }
    report.add("polls_open_s", opened.elapsed().as_secs_f64(), "s");
    let (with, held) = steady_memory_of(read, steady, STEADY_LIMIT).await?;
    if !held {
        report.note("polls: the server's memory did not hold still with the polls waiting");
    }
    let waiting = counters.waiting.load(Ordering::SeqCst);
    let answers = counters.answers.load(Ordering::SeqCst);
    let errors = counters.errors.load(Ordering::SeqCst);
    let open_files = std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, |d| d.count());
    for t in &tasks {
        t.abort();
    }
    drop(idle);
    report.add("polls", total as f64, "polls");
    report.add("polls_waiting_at_reading", waiting as f64, "polls");
    report.add("polls_answers_while_open", answers as f64, "answers");
    report.add("polls_errors", errors as f64, "errors");
    report.add("polls_server_open_files", open_files as f64, "files");
    report.add("polls_private_with_kib", with.private as f64, "KiB");
    report.add("polls_rss_with_kib", with.rss as f64, "KiB");
    if waiting == 0 {
        return fail("no poll was waiting when memory was read");
    }
    let each = |now: u64, then: u64| (now as f64 - then as f64) * 1024.0 / waiting as f64;
    let private = each(with.private, before.private);
    if hs.kind == ServerKind::Natter {
        report.check(
            "polls_private_per_poll_bytes",
            private,
            "B",
            "<= 10240 B",
            private <= 10240.0,
        );
    } else {
        report.add("polls_private_per_poll_bytes", private, "B");
    }
    report.add("polls_rss_per_poll_bytes", each(with.rss, before.rss), "B");
    if let Some(connection) = per_connection {
        // A poll holds a connection of its own: what it costs beyond an idle one.
        report.add(
            "polls_beyond_connection_private_bytes",
            private - connection,
            "B",
        );
    }
    Ok(())
}
