//! Scenario `restart`: with every socket of the `reach` town open, natter is sent SIGTERM
//! and started again on the same port and database. Every socket must be closed with
//! 1001 within the shutdown bound (natter waits 5 s for its sockets' close frames), and
//! reconnect with the web client's back-off; after each reconnect its client reads its
//! team room with `after=`, as docs/api.md tells clients to. Counts 5xx answers to the
//! upgrades and to the catch-up reads.

use crate::hold::unix_ns;
use crate::reach::{Crowd, ReachArgs};
use crate::report::Report;
use crate::server::Server;
use crate::{fail, Result};
use clap::Args;
use std::time::Duration;

/// natter's own bound on closing its sockets at shutdown (`SOCKET_CLOSE_WAIT`).
const CLOSE_BOUND: Duration = Duration::from_secs(5);
/// The unit's `TimeoutStopSec` (docs/deploy.md): natter must have exited by then.
const STOP_BOUND: Duration = Duration::from_secs(30);

/// Flags of `restart`.
#[derive(Args, Debug, Clone)]
pub struct RestartArgs {
    /// Sockets open when natter is stopped.
    #[arg(long, default_value_t = 19_900)]
    pub sockets: usize,
    /// Seconds the sockets may take to be open again after the restart.
    #[arg(long, default_value_t = 90)]
    pub reopen_secs: u64,
    #[command(flatten)]
    pub reach: ReachArgs,
}

fn count_5xx(counts: &[(String, usize)]) -> usize {
    counts
        .iter()
        .filter(|(k, _)| k.starts_with('5') || k.starts_with("HTTP 5"))
        .map(|(_, n)| n)
        .sum()
}

fn listed(counts: &[(String, usize)]) -> String {
    counts
        .iter()
        .map(|(k, n)| format!("{k}: {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs `restart`.
pub async fn run(server: &mut Server, args: &RestartArgs) -> Result<Report> {
    if !server.owned() {
        return fail("restart needs to start natter itself (drop --url)");
    }
    let sockets = if args.reach.tiny { 60 } else { args.sockets };
    let mut report = Report::new("restart");
    let mut crowd = Crowd::new(server, &args.reach, sockets).await?;
    crowd
        .open_to(&server.base, sockets, Duration::ZERO, false, 64)
        .await?;
    let open = crowd.open;
    report.add("sockets_open", open as f64, "sockets");
    crowd.holders.reconnect(0).await?;

    let signalled = unix_ns();
    let (exit_took, status) = server.terminate(STOP_BOUND).await?;
    report.check(
        "exit_s",
        exit_took.as_secs_f64(),
        "s",
        &format!("<= {} s", STOP_BOUND.as_secs()),
        exit_took <= STOP_BOUND,
    );
    report.note(format!("natter exited with {status}"));
    let restarted = unix_ns();
    let healthy = server.start_again().await?;
    report.add("start_to_healthy_ms", healthy.as_secs_f64() * 1000.0, "ms");
    let reopened = crowd
        .holders
        .wait_reopen(Duration::from_secs(args.reopen_secs))
        .await?;

    let closed_1001 = reopened
        .closes
        .iter()
        .find(|(k, _)| k == "1001")
        .map_or(0, |(_, n)| *n);
    report.check(
        "closed_with_1001",
        closed_1001 as f64,
        "sockets",
        &format!("= {open}"),
        closed_1001 == open,
    );
    if closed_1001 != open {
        report.note(format!("closes: {}", listed(&reopened.closes)));
    }
    let last_close = Duration::from_nanos(reopened.close_last_ns.saturating_sub(signalled));
    report.check(
        "last_close_after_sigterm_s",
        last_close.as_secs_f64(),
        "s",
        &format!("<= {} s", CLOSE_BOUND.as_secs()),
        last_close <= CLOSE_BOUND && reopened.close_last_ns > 0,
    );
    report.check(
        "reopened",
        reopened.reopened as f64,
        "sockets",
        &format!("= {open}"),
        reopened.reopened >= open,
    );
    let storm = Duration::from_nanos(reopened.reopen_last_ns.saturating_sub(restarted));
    report.add("restart_to_last_reopen_s", storm.as_secs_f64(), "s");
    let upgrade_5xx = count_5xx(&reopened.reopen_errors);
    report.check(
        "upgrades_5xx",
        upgrade_5xx as f64,
        "answers",
        "0",
        upgrade_5xx == 0,
    );
    if !reopened.reopen_errors.is_empty() {
        report.note(format!(
            "failed reconnect attempts (natter down or starting): {}",
            listed(&reopened.reopen_errors)
        ));
    }
    let catch_up_5xx = count_5xx(&reopened.catch_ups);
    let catch_ups: usize = reopened.catch_ups.iter().map(|(_, n)| n).sum();
    report.add("catch_ups", catch_ups as f64, "reads");
    report.check(
        "catch_ups_5xx",
        catch_up_5xx as f64,
        "answers",
        "0",
        catch_up_5xx == 0,
    );
    report.note(format!("catch-up answers: {}", listed(&reopened.catch_ups)));
    let catch_up_end = Duration::from_nanos(reopened.catch_up_last_ns.saturating_sub(restarted));
    report.add(
        "restart_to_last_catch_up_s",
        catch_up_end.as_secs_f64(),
        "s",
    );
    crowd.holders.drop_all().await?;
    Ok(report)
}
