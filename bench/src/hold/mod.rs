//! `natter-bench hold`: a client process that holds a share of `reach`'s sockets, so
//! that one process's open-file limit does not cap how many natter is shown. The parent
//! (`reach::holders`) writes one JSON command a line to its stdin; it answers each with
//! one JSON line on stdout. Each socket is bound to one of several loopback source
//! addresses, records the marked messages it receives and how it was closed, and (once
//! told to) reconnects after a close with the web client's back-off, then catches up
//! with `after=` as docs/api.md tells clients to.

mod conn;
mod stats;

pub use stats::unix_ns;

use crate::{fail, Result};
use clap::Args;
use serde::Deserialize;
use serde_json::json;
use stats::Stats;
use std::net::IpAddr;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::sync::watch;

/// Flags of `hold` (none but the parent's commands; hidden from `--help`).
#[derive(Args, Debug, Clone)]
pub struct HoldArgs {}

/// One socket to hold: whose key, and the chat it catches up on after a reconnect.
#[derive(Deserialize, Debug, Clone)]
pub struct Plan {
    pub token: String,
    pub chat: i64,
}

/// The parent's commands.
#[derive(Deserialize, Debug)]
#[serde(tag = "cmd", rename_all = "snake_case")]
enum Command {
    /// Opens more sockets; answers once each is open or has failed (or, with `retry`,
    /// once all are open or `deadline_ms` passed).
    Open {
        base: String,
        sources: Vec<IpAddr>,
        sockets: Vec<Plan>,
        /// Each socket's first attempt at an even spread over this long.
        #[serde(default)]
        spread_ms: u64,
        /// Retry a failed attempt with the back-off (a storm); else give up at once.
        #[serde(default)]
        retry: bool,
        #[serde(default = "default_deadline")]
        deadline_ms: u64,
        /// Attempts in flight at once (0: no bound).
        #[serde(default)]
        concurrency: usize,
    },
    /// From now, a socket the server closes reconnects with the back-off and catches up
    /// on its chat with `after=AFTER`.
    Reconnect { after: i64 },
    /// Waits until every socket is open again (or `deadline_ms`); answers what happened
    /// since `Reconnect`.
    WaitReopen { deadline_ms: u64 },
    /// The marked messages received since the last `Marks`: `[seq, unix ns]` pairs.
    Marks,
    /// Closes every socket from this side.
    Drop,
}

fn default_deadline() -> u64 {
    120_000
}

/// The web client's reconnect delays (static/js/socket.js), the last repeated.
pub const BACKOFF_MS: [u64; 5] = [500, 1000, 2000, 4000, 5000];

/// Runs the holder until its stdin closes.
pub async fn run(_args: &HoldArgs) -> Result<()> {
    raise_open_files();
    let stats = Arc::new(Stats::default());
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut tasks = tokio::task::JoinSet::new();
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    let mut out = tokio::io::stdout();
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(16)
        .build()?;
    let catch_ups = Arc::new(tokio::sync::Semaphore::new(16));
    let mut next_index = 0usize;
    while let Some(line) = lines.next_line().await? {
        let command: Command = match serde_json::from_str(&line) {
            Ok(c) => c,
            Err(e) => return fail(format!("hold: bad command {line:?}: {e}")),
        };
        let answer = match command {
            Command::Open {
                base,
                sources,
                sockets,
                spread_ms,
                retry,
                deadline_ms,
                concurrency,
            } => {
                let n = sockets.len();
                let in_flight = Arc::new(tokio::sync::Semaphore::new(if concurrency == 0 {
                    tokio::sync::Semaphore::MAX_PERMITS
                } else {
                    concurrency
                }));
                let round = stats.new_round();
                let base: Arc<str> = base.into();
                for (k, plan) in sockets.into_iter().enumerate() {
                    let index = next_index;
                    next_index += 1;
                    let source = sources
                        .get(index % sources.len().max(1))
                        .copied()
                        .unwrap_or(IpAddr::from([127, 0, 0, 1]));
                    let delay = if n > 1 {
                        Duration::from_millis(spread_ms * k as u64 / (n as u64 - 1))
                    } else {
                        Duration::ZERO
                    };
                    tasks.spawn(conn::hold(conn::Setup {
                        base: base.clone(),
                        source,
                        plan,
                        delay,
                        retry,
                        round: round.clone(),
                        in_flight: in_flight.clone(),
                        stats: stats.clone(),
                        stop: stop_rx.clone(),
                        http: http.clone(),
                        catch_ups: catch_ups.clone(),
                    }));
                }
                round
                    .wait(n, Duration::from_millis(deadline_ms + spread_ms))
                    .await;
                round.answer()
            }
            Command::Reconnect { after } => {
                stats.after.store(after, Ordering::Relaxed);
                stats.reconnecting.store(true, Ordering::Relaxed);
                json!({"ev": "reconnecting"})
            }
            Command::WaitReopen { deadline_ms } => {
                stats
                    .wait_reopen(tasks.len(), Duration::from_millis(deadline_ms))
                    .await;
                stats.reopen_answer()
            }
            Command::Marks => json!({"ev": "marks", "marks": stats.take_marks()}),
            Command::Drop => {
                let _ = stop_tx.send(true);
                while tasks.join_next().await.is_some() {}
                json!({"ev": "dropped"})
            }
        };
        let mut text = answer.to_string();
        text.push('\n');
        out.write_all(text.as_bytes()).await?;
        out.flush().await?;
        if *stop_rx.borrow() {
            break;
        }
    }
    Ok(())
}

/// A holder (or the `matrix` scenario's 1,000 waiting polls) may open as many files as
/// its hard limit allows.
pub fn raise_open_files() {
    use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};
    let limit = getrlimit(Resource::Nofile);
    let _ = setrlimit(
        Resource::Nofile,
        Rlimit {
            current: limit.maximum,
            maximum: limit.maximum,
        },
    );
}
