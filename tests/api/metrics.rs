//! `--metrics-listen`: Prometheus metrics on a separate listener (docs/metrics.md). Each test picks a free port for it, since with port 0 the bound
//! address would only be in the log.

use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::json;
use std::process::{Command, Stdio};
use std::time::Duration;

/// Ports [`free_port`] hands out: below the kernel's ephemeral range (32768 and up on
/// Linux), so no other test's port-0 bind or outgoing connection is given one between
/// the check here and natter's own bind (a port bound at 0 and released here was once
/// taken so, and the node could not serve its metrics).
const TEST_PORTS: std::ops::Range<u32> = 20_000..32_000;

/// The next candidate of [`TEST_PORTS`] in this test process: each thread gets its own.
static NEXT_PORT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// A port nothing listens on now, one no other test of this process is handed.
pub(crate) fn free_port() -> u16 {
    let span = TEST_PORTS.end - TEST_PORTS.start;
    // Where this process starts in the range, so two test binaries run one after
    // another do not try the same ports first.
    let start = std::process::id().wrapping_mul(7919);
    for _ in 0..span {
        let n = NEXT_PORT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let port = TEST_PORTS.start + start.wrapping_add(n) % span;
        let port = u16::try_from(port).expect("a port number");
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free port in {TEST_PORTS:?}");
}

/// natter with rate limits as `limits` and metrics on a free port; returns the app and
/// the metrics URL.
async fn spawn_with_metrics(limits: &str) -> (TestApp, String) {
    let at = format!("127.0.0.1:{}", free_port());
    let app = TestApp::spawn_with(&["--rate-limits", limits, "--metrics-listen", &at]).await;
    (app, format!("http://{at}/metrics"))
}

/// The exposition text (asserting a 200 in OpenMetrics text).
pub(crate) async fn scrape(app: &TestApp, url: &str) -> String {
    let response = app.client.get(url).send().await.expect("scrape");
    assert_eq!(response.status(), StatusCode::OK);
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(
        content_type.starts_with("application/openmetrics-text"),
        "{content_type}"
    );
    response.text().await.expect("text")
}

/// The value of the series `series` (name with its labels as written), or a failure.
pub(crate) fn value(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .unwrap_or_else(|| panic!("no series {series} in:\n{text}"))
        .parse()
        .expect("a number")
}

/// Scrapes until `series` reads `want` (sockets count themselves just after the 101).
pub(crate) async fn wait_for_value(app: &TestApp, url: &str, series: &str, want: f64) {
    wait_for_value_within(app, url, series, want, WAIT).await;
}

/// [`wait_for_value`] with a deadline of the caller's, for a series that moves only after
/// work of the server's own with pauses in it (a connection made again, say).
pub(crate) async fn wait_for_value_within(
    app: &TestApp,
    url: &str,
    series: &str,
    want: f64,
    within: Duration,
) {
    let deadline = tokio::time::Instant::now() + within;
    loop {
        let got = value(&scrape(app, url).await, series);
        if got == want {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{series} stayed {got}, not {want}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

const STORED: &str = "natter_messages_stored_total";
const INBOX_2XX: &str = r#"natter_http_requests_total{surface="inbox",status="2xx"}"#;
const CHATS_SOCKETS: &str = r#"natter_open_sockets{surface="chats"}"#;

#[tokio::test]
async fn metrics_are_served_as_openmetrics_text_at_metrics_only_and_not_on_the_api_port() {
    let (app, url) = spawn_with_metrics("off").await;
    let text = scrape(&app, &url).await;
    for metric in [
        "# TYPE natter_http_requests counter",
        "# TYPE natter_http_request_duration_seconds histogram",
        "# TYPE natter_open_sockets gauge",
        "# TYPE natter_messages_stored counter",
        "# TYPE natter_socket_deliveries counter",
        "# TYPE natter_sockets_kicked counter",
        "# TYPE natter_writer_groups counter",
        "# TYPE natter_writer_jobs counter",
        "# TYPE natter_writer_commit_duration_seconds histogram",
        "# TYPE natter_read_queue_depth gauge",
        "# TYPE natter_rate_limited counter",
    ] {
        assert!(text.contains(metric), "{metric} missing from:\n{text}");
    }
    assert!(text.ends_with("# EOF\n"));
    let base = url.trim_end_matches("/metrics");
    for (method, path) in [
        (Method::GET, "/"),
        (Method::GET, "/metrics/extra"),
        (Method::GET, "/api/messages/"),
        (Method::POST, "/metrics"),
    ] {
        let status = app
            .client
            .request(method.clone(), format!("{base}{path}"))
            .send()
            .await
            .expect("request")
            .status();
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}");
    }
    let (status, _) = app.call(Method::GET, "/metrics", None, None).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "the API port has no /metrics"
    );
}

#[tokio::test]
async fn a_sent_message_counts_once_as_stored_and_as_a_delivery_and_its_request_by_surface() {
    let (app, url) = spawn_with_metrics("off").await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let before = scrape(&app, &url).await;
    assert_eq!(value(&before, CHATS_SOCKETS), 0.0);

    let mut bob = app.socket("/messages/ws/", &tb).await;
    wait_for_value(&app, &url, CHATS_SOCKETS, 1.0).await;
    let before = scrape(&app, &url).await;
    inbox_send(&app, &ta, b, "counted").await;
    wait_for(&mut bob, |f| f["message"]["content"] == "counted").await;
    let after = scrape(&app, &url).await;

    assert_eq!(value(&after, STORED) - value(&before, STORED), 1.0);
    assert!(value(&after, INBOX_2XX) > value(&before, INBOX_2XX));
    let delivered = "natter_socket_deliveries_total";
    assert!(value(&after, delivered) >= value(&before, delivered) + 1.0);
    let groups = "natter_writer_groups_total";
    assert!(value(&after, groups) > value(&before, groups));
    let commits = "natter_writer_commit_duration_seconds_count";
    assert!(value(&after, commits) > value(&before, commits));
    let handshakes = r#"natter_http_requests_total{surface="chats",status="1xx"}"#;
    assert_eq!(value(&after, handshakes), 1.0);

    // A refused request counts under its surface and class too.
    let (status, _) = app
        .post("/api/messages/", &tb, json!({"receiver": a, "content": ""}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let inbox_4xx = r#"natter_http_requests_total{surface="inbox",status="4xx"}"#;
    assert!(value(&scrape(&app, &url).await, inbox_4xx) >= 1.0);
    assert_eq!(
        value(&scrape(&app, &url).await, STORED),
        value(&after, STORED)
    );

    bob.close(None).await.expect("close");
    wait_for_value(&app, &url, CHATS_SOCKETS, 0.0).await;
}

#[tokio::test]
async fn a_rate_limit_refusal_is_counted_by_its_limit() {
    let (app, url) = spawn_with_metrics("on").await;
    let series = r#"natter_rate_limited_total{limit="auth"}"#;
    assert_eq!(value(&scrape(&app, &url).await, series), 0.0);
    let mut refused = 0;
    for _ in 0..6 {
        let (status, _) = app
            .call(
                Method::POST,
                "/api/auth/login/",
                None,
                Some(json!({"username": "nobody", "password": "wrong-horse"})),
            )
            .await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            refused += 1;
        }
    }
    assert_eq!(refused, 1, "5 logins a minute, the sixth refused");
    assert_eq!(value(&scrape(&app, &url).await, series), 1.0);
}

#[test]
fn a_metrics_address_that_cannot_be_listened_on_stops_natter_at_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let taken = taken.local_addr().expect("addr").to_string();
    for bad in ["not-an-address", taken.as_str()] {
        let out = Command::new(crate::helpers::natter_bin())
            .args(["--listen", "127.0.0.1:0", "--metrics-listen", bad])
            .arg("--db")
            .arg(dir.path().join("natter.db"))
            .arg("--media-dir")
            .arg(dir.path().join("media"))
            .stdin(Stdio::null())
            .output()
            .expect("natter runs");
        assert!(!out.status.success(), "{bad}: natter should not start");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("cannot listen on {bad} for metrics")),
            "{bad}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "{bad}: nothing on stdout");
    }
}
