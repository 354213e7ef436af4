//! Scenario `idle`: the started natter's time from spawn to its first healthy answer,
//! its RSS when idle, and the RSS each idle `/messages/ws/` socket adds. Needs its own
//! server (it reads `/proc/PID/status` of the child).

use crate::client::{Api, Socket};
use crate::report::Report;
use crate::server::Server;
use crate::{fail, Result};
use clap::Args;
use futures_util::{stream, StreamExt};
use std::time::{Duration, Instant};

/// Flags of `idle`.
#[derive(Args, Debug, Clone)]
pub struct IdleArgs {
    /// Idle sockets to hold open.
    #[arg(long, default_value_t = 10_000)]
    pub sockets: usize,
    /// Users the sockets are spread over (round robin).
    #[arg(long, default_value_t = 100)]
    pub users: usize,
    /// Seconds to let memory settle before each RSS reading.
    #[arg(long, default_value_t = 2.0)]
    pub settle_secs: f64,
    /// Registrations in flight during setup.
    #[arg(long, default_value_t = 8)]
    pub register_concurrency: usize,
    /// Smoke-test size: 20 sockets over 2 users.
    #[arg(long)]
    pub tiny: bool,
}

/// Runs `idle` and reports start-to-healthy time, idle RSS and RSS per socket.
pub async fn run(server: &Server, args: &IdleArgs) -> Result<Report> {
    if !server.owned() {
        return fail("idle needs to start natter itself (drop --url): it reads the child's RSS");
    }
    let (sockets, users, settle) = if args.tiny {
        (20, 2, Duration::from_millis(200))
    } else {
        (
            args.sockets.max(1),
            args.users.clamp(1, args.sockets.max(1)),
            Duration::from_secs_f64(args.settle_secs),
        )
    };
    let mut report = Report::new("idle");
    if let Some(t) = server.start_to_healthy {
        report.add("start_to_healthy_ms", t.as_secs_f64() * 1000.0, "ms");
    }
    tokio::time::sleep(settle).await;
    let rss = || server.rss_kib().ok_or("cannot read natter's VmRSS");
    report.add("idle_rss_kib", rss()? as f64, "KiB");

    let api = Api::new(&server.base)?;
    let people = api
        .register_many("idle", users, args.register_concurrency)
        .await?;
    tokio::time::sleep(settle).await;
    let before = rss()?;
    report.add("rss_before_sockets_kib", before as f64, "KiB");

    let opened = Instant::now();
    let results: Vec<Result<Socket>> = stream::iter(0..sockets)
        .map(|i| api.socket(&people[i % users].token, "/messages/ws/"))
        .buffer_unordered(64)
        .collect()
        .await;
    let mut held = Vec::with_capacity(sockets);
    let mut first_error = None;
    for r in results {
        match r {
            Ok(s) => held.push(s),
            Err(e) => {
                first_error.get_or_insert_with(|| e.to_string());
            }
        }
    }
    report.add("open_s", opened.elapsed().as_secs_f64(), "s");
    report.add("sockets_open", held.len() as f64, "sockets");
    if let Some(e) = first_error {
        let hint = if e.contains("Too many open files") || e.contains("os error 24") {
            " (open-file limit: raise it with `ulimit -n 65536` before running)"
        } else {
            ""
        };
        report.note(format!(
            "{} of {sockets} sockets failed to open; first error: {e}{hint}",
            sockets - held.len()
        ));
    }
    tokio::time::sleep(settle).await;
    let after = rss()?;
    report.add("rss_with_sockets_kib", after as f64, "KiB");
    if !held.is_empty() {
        let per = (after.saturating_sub(before)) as f64 * 1024.0 / held.len() as f64;
        report.add("rss_per_socket_bytes", per, "B");
    }
    drop(held);
    Ok(report)
}
