//! Runs every benchmark scenario once at tiny size against the debug natter binary.
//! No test asserts a speed: each checks the scenario ran to the end and measured its
//! main figures. `cargo test --workspace` builds `target/debug/natter` because the natter
//! package's own integration tests need it; if it is missing these tests fail and say so.
//! The `*_postgres` tests run on a throwaway PostgreSQL cluster (`--postgres`); without
//! `/usr/lib/postgresql/*/bin/initdb` they are skipped and say why, unless
//! `NATTER_REQUIRE_POSTGRES=1`, which makes a missing PostgreSQL a failure.

use natter_bench::{run, Cli, Report};
use std::path::PathBuf;

fn natter_binary() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let path = target.join("debug").join("natter");
    assert!(
        path.is_file(),
        "natter binary not found at {}: build it first with `cargo build -p natter` \
         (`cargo test --workspace` does this because natter's own tests need it)",
        path.display()
    );
    path
}

async fn scenario(args: &[&str]) -> Report {
    let natter = natter_binary();
    let mut argv = vec![
        "natter-bench".to_string(),
        "--natter".to_string(),
        natter.to_string_lossy().into_owned(),
        "--sync".to_string(),
        "normal".to_string(),
    ];
    argv.extend(args.iter().map(|a| a.to_string()));
    let cli = <Cli as clap::Parser>::try_parse_from(argv).unwrap();
    let report = run(cli).await.unwrap();
    report.print();
    report
}

fn assert_measured(report: &Report, names: &[&str]) {
    for name in names {
        let value = report.get(name);
        assert!(
            value.is_some_and(|v| v.is_finite() && v >= 0.0),
            "{}: figure {name} missing or invalid ({value:?}); notes: {:?}",
            report.scenario,
            report.notes
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_tiny() {
    let r = scenario(&["send", "--tiny"]).await;
    assert_measured(
        &r,
        &["rest_msgs_per_s", "rest_ack_p99_ms", "acked_missing_in_db"],
    );
    assert!(r.get("rest_acked").unwrap() > 0.0);
    assert_eq!(r.get("rest_errors"), Some(0.0), "notes: {:?}", r.notes);
    assert_eq!(r.get("acked_missing_in_db"), Some(0.0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fanout_tiny() {
    let r = scenario(&["fanout", "--tiny"]).await;
    assert_measured(
        &r,
        &["deliveries_per_s", "everyone_p50_ms", "everyone_p99_ms"],
    );
    assert_eq!(r.get("deliveries"), Some(50.0), "5 members x 10 messages");
    assert_eq!(r.get("sockets_dropped"), Some(0.0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fanout_tiny_pipelined() {
    let r = scenario(&["fanout", "--tiny", "--pipeline"]).await;
    assert_measured(&r, &["deliveries_per_s", "everyone_p99_ms"]);
    assert_eq!(r.get("deliveries"), Some(50.0), "5 members x 10 messages");
    assert_eq!(r.get("send_errors"), Some(0.0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_tiny() {
    let r = scenario(&["history", "--tiny"]).await;
    assert_measured(
        &r,
        &[
            "small_pages_per_s",
            "big_pages_per_s",
            "small_over_big_ratio",
        ],
    );
    assert_eq!(r.get("small_errors"), Some(0.0), "notes: {:?}", r.notes);
    assert_eq!(r.get("big_errors"), Some(0.0), "notes: {:?}", r.notes);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_tiny() {
    let r = scenario(&["search", "--tiny"]).await;
    assert_measured(&r, &["common_p50_ms", "rare_p99_ms", "prefix_p99_ms"]);
    // 5 chats of 1,000 messages: every message has `message`, one in a thousand `quokka`.
    assert_eq!(r.get("common_results"), Some(20.0), "notes: {:?}", r.notes);
    assert_eq!(r.get("rare_results"), Some(5.0), "notes: {:?}", r.notes);
    assert_eq!(r.get("prefix_results"), Some(5.0), "notes: {:?}", r.notes);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_tiny() {
    let r = scenario(&["idle", "--tiny"]).await;
    assert_measured(
        &r,
        &[
            "start_to_healthy_ms",
            "idle_private_kib",
            "idle_rss_kib",
            "private_per_socket_20_bytes",
            "private_per_socket_60_bytes",
            "rss_per_socket_20_bytes",
            "rss_per_socket_60_bytes",
        ],
    );
    assert_eq!(r.get("sockets_open_60"), Some(60.0), "notes: {:?}", r.notes);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn storm_tiny() {
    let r = scenario(&["storm", "--tiny"]).await;
    assert_measured(
        &r,
        &[
            "rest_probe_p99_ms",
            "private_per_socket_bytes",
            "rss_per_socket_bytes",
        ],
    );
    assert_eq!(r.get("sockets_failed"), Some(0.0), "notes: {:?}", r.notes);
    assert_eq!(r.get("logins_failed"), Some(0.0), "notes: {:?}", r.notes);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bigroom_tiny() {
    let r = scenario(&["bigroom", "--tiny"]).await;
    assert_measured(&r, &["big_delivery_p99_ms", "team_delivery_p99_ms"]);
    assert_eq!(
        r.get("big_deliveries_missing"),
        Some(0.0),
        "notes: {:?}",
        r.notes
    );
    assert_eq!(
        r.get("team_deliveries_missing"),
        Some(0.0),
        "notes: {:?}",
        r.notes
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restart_tiny() {
    let r = scenario(&["restart", "--tiny"]).await;
    assert_eq!(
        r.get("closed_with_1001"),
        Some(60.0),
        "notes: {:?}",
        r.notes
    );
    assert_eq!(r.get("reopened"), Some(60.0), "notes: {:?}", r.notes);
    assert_eq!(r.get("catch_ups_5xx"), Some(0.0), "notes: {:?}", r.notes);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chatlist_tiny() {
    let r = scenario(&["chatlist", "--tiny"]).await;
    assert_measured(&r, &["list_p50_ms", "list_p99_ms", "requests_per_s"]);
    assert_eq!(r.get("errors"), Some(0.0), "notes: {:?}", r.notes);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn matrix_tiny() {
    let r = scenario(&["matrix", "--tiny"]).await;
    assert_measured(
        &r,
        &[
            "wake_p50_ms",
            "wake_p99_ms",
            "wake_after_ack_p99_ms",
            "initial_median_ms",
            "initial_bytes",
            "polls_private_with_kib",
        ],
    );
    assert_eq!(r.get("wake_samples"), Some(5.0));
    assert_eq!(r.get("initial_rooms"), Some(3.0));
    assert_eq!(
        r.get("polls_waiting_at_reading"),
        Some(8.0),
        "notes: {:?}",
        r.notes
    );
    assert_eq!(r.get("polls_errors"), Some(0.0));
    // A tiny run's memory per poll is noise: only that it was worked out.
    assert!(r
        .get("polls_private_per_poll_bytes")
        .is_some_and(f64::is_finite));
}

/// Whether PostgreSQL's server binaries are here; prints why `test` is skipped when not
/// (and fails instead under `NATTER_REQUIRE_POSTGRES=1`).
fn postgres_or_skip(test: &str) -> bool {
    match natter_bench::pg::available() {
        Ok(_) => true,
        Err(why) if std::env::var("NATTER_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") => {
            panic!("{test} needs PostgreSQL (NATTER_REQUIRE_POSTGRES=1): {why}")
        }
        Err(why) => {
            eprintln!("skipped {test}: {why}");
            false
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_tiny_postgres() {
    if !postgres_or_skip("send_tiny_postgres") {
        return;
    }
    let r = scenario(&["send", "--tiny", "--postgres"]).await;
    assert!(
        r.store
            .as_deref()
            .is_some_and(|s| s.starts_with("postgresql")),
        "store: {:?}",
        r.store
    );
    assert_measured(
        &r,
        &["rest_msgs_per_s", "rest_ack_p99_ms", "acked_missing_in_db"],
    );
    assert!(r.get("rest_acked").unwrap() > 0.0);
    assert_eq!(r.get("rest_errors"), Some(0.0), "notes: {:?}", r.notes);
    assert_eq!(r.get("socket_errors"), Some(0.0), "notes: {:?}", r.notes);
    assert_eq!(r.get("acked_missing_in_db"), Some(0.0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_tiny_postgres() {
    if !postgres_or_skip("history_tiny_postgres") {
        return;
    }
    // Seeding runs natter's `seed-messages` with the same PostgreSQL --db.
    let r = scenario(&["history", "--tiny", "--postgres"]).await;
    assert!(
        r.store
            .as_deref()
            .is_some_and(|s| s.starts_with("postgresql")),
        "store: {:?}",
        r.store
    );
    assert_measured(&r, &["small_pages_per_s", "big_pages_per_s"]);
    assert_eq!(r.get("small_errors"), Some(0.0), "notes: {:?}", r.notes);
    assert_eq!(r.get("big_errors"), Some(0.0), "notes: {:?}", r.notes);
}

/// `--nodes 2`: two nodes on a throwaway PostgreSQL with a throwaway
/// nats-server; every delivery arrives once, on both nodes. Skipped, saying why, without
/// nats-server (unless `NATTER_REQUIRE_NATS=1`) or PostgreSQL.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fanout_tiny_two_nodes() {
    if !postgres_or_skip("fanout_tiny_two_nodes") {
        return;
    }
    let has_nats = std::process::Command::new("nats-server")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_nats {
        if std::env::var("NATTER_REQUIRE_NATS").is_ok_and(|v| v == "1") {
            panic!("fanout_tiny_two_nodes needs nats-server (NATTER_REQUIRE_NATS=1)");
        }
        eprintln!("skipped fanout_tiny_two_nodes: nats-server is not installed");
        return;
    }
    let r = scenario(&["--nodes", "2", "fanout", "--tiny"]).await;
    assert!(
        r.store
            .as_deref()
            .is_some_and(|s| s.starts_with("2 natter nodes")),
        "store: {:?}",
        r.store
    );
    assert_measured(
        &r,
        &[
            "local_everyone_p99_ms",
            "remote_everyone_p99_ms",
            "deliveries_per_s",
        ],
    );
    assert_eq!(r.get("remote_members"), Some(2.0));
    assert_eq!(
        r.get("deliveries_missing"),
        Some(0.0),
        "notes: {:?}",
        r.notes
    );
    assert_eq!(r.get("deliveries_duplicated"), Some(0.0));
    assert_eq!(r.get("send_errors"), Some(0.0), "notes: {:?}", r.notes);
}
