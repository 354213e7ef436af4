//! Scenario `idle`: the started natter's time from spawn to its first healthy answer,
//! its private memory (and RSS beside it) when idle, and what each idle authenticated
//! `/messages/ws/` socket adds at several sizes (5,000, 10,000 and 19,900 by default),
//! over the `reach` town (10,000 people in team rooms and a 5,000-member room). Private
//! memory comes first: it is what the machine pays for, where RSS also counts the
//! executable's pages the file cache shares. Sockets come from several loopback
//! addresses and client processes (`reach::holders`); every reading waits until
//! natter's memory holds still (`reach::memory`). Says which limit stopped the sockets
//! if not all opened. Needs its own server (it reads `/proc/PID/status` of the child).

use crate::reach::memory::steady_memory;
use crate::reach::{note_what_stopped, Crowd, ReachArgs, PRIVATE_PER_SOCKET_TARGET};
use crate::report::Report;
use crate::server::Server;
use crate::{fail, Result};
use clap::Args;
use std::time::{Duration, Instant};

/// Longest wait for natter's memory to hold still.
const STEADY_LIMIT: Duration = Duration::from_secs(60);

/// Flags of `idle`.
#[derive(Args, Debug, Clone)]
pub struct IdleArgs {
    /// Socket counts to measure at, in order (each adds to the sockets already open).
    #[arg(long, value_delimiter = ',', default_value = "5000,10000,19900")]
    pub sizes: Vec<usize>,
    /// Openings in flight at once, over every client process (0: all at once).
    #[arg(long, default_value_t = 64)]
    pub concurrency: usize,
    #[command(flatten)]
    pub reach: ReachArgs,
}

/// Runs `idle` and reports start-to-healthy time, idle private memory and RSS, and both
/// per socket per size.
pub async fn run(server: &Server, args: &IdleArgs) -> Result<Report> {
    if !server.owned() {
        return fail("idle needs to start natter itself (drop --url): it reads the child's RSS");
    }
    let sizes: Vec<usize> = if args.reach.tiny {
        vec![20, 60]
    } else {
        args.sizes.clone()
    };
    let most = sizes.iter().copied().max().unwrap_or(0);
    let steady = args.reach.steady();
    let mut report = Report::new("idle");
    if let Some(t) = server.start_to_healthy {
        report.add("start_to_healthy_ms", t.as_secs_f64() * 1000.0, "ms");
    }
    let (idle, _) = steady_memory(server, steady, STEADY_LIMIT).await?;
    report.add("idle_private_kib", idle.private as f64, "KiB");
    report.add("idle_rss_kib", idle.rss as f64, "KiB");

    let setup = Instant::now();
    let mut crowd = Crowd::new(server, &args.reach, most).await?;
    report.add("setup_s", setup.elapsed().as_secs_f64(), "s");
    report.add("client_processes", crowd.holders.len() as f64, "processes");
    let (before, held) = steady_memory(server, steady, STEADY_LIMIT).await?;
    if !held {
        report.note("natter's memory did not hold still before the sockets opened");
    }
    report.add("private_before_sockets_kib", before.private as f64, "KiB");
    report.add("rss_before_sockets_kib", before.rss as f64, "KiB");

    let mut per_size = Vec::new();
    let mut last = None;
    for &size in &sizes {
        let opened = Instant::now();
        let result = crowd
            .open_to(&server.base, size, Duration::ZERO, false, args.concurrency)
            .await?;
        report.add(
            &format!("open_s_{size}"),
            opened.elapsed().as_secs_f64(),
            "s",
        );
        report.add(
            &format!("sockets_open_{size}"),
            crowd.open as f64,
            "sockets",
        );
        let (now, held) = steady_memory(server, steady, STEADY_LIMIT).await?;
        if !held {
            report.note(format!(
                "natter's memory did not hold still at {size} sockets"
            ));
        }
        report.add(
            &format!("private_with_{size}_kib"),
            now.private as f64,
            "KiB",
        );
        report.add(&format!("rss_with_{size}_kib"), now.rss as f64, "KiB");
        if crowd.open > 0 {
            let each = |now: u64, before: u64| {
                now.saturating_sub(before) as f64 * 1024.0 / crowd.open as f64
            };
            let per = each(now.private, before.private);
            per_size.push(per);
            report.check(
                &format!("private_per_socket_{size}_bytes"),
                per,
                "B",
                "<= 6144 B",
                per <= PRIVATE_PER_SOCKET_TARGET,
            );
            report.add(
                &format!("rss_per_socket_{size}_bytes"),
                each(now.rss, before.rss),
                "B",
            );
        }
        let stopped = crowd.open < size;
        last = Some((size, result));
        if stopped {
            break;
        }
    }
    if per_size.len() > 1 {
        let lo = per_size.iter().copied().fold(f64::MAX, f64::min);
        let hi = per_size.iter().copied().fold(0.0, f64::max);
        let spread = if lo > 0.0 { hi / lo } else { f64::INFINITY };
        report.check(
            "private_per_socket_largest_over_smallest",
            spread,
            "x",
            "<= 1.15 (flat)",
            spread <= 1.15,
        );
    }
    if let Some((size, result)) = last {
        note_what_stopped(&mut report, server, size, &result, crowd.open);
    }
    crowd.holders.drop_all().await?;
    Ok(report)
}
