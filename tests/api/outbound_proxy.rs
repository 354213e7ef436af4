//! natter's outgoing requests (push deliveries, bots' webhook calls) and proxies. The
//! proxy variables of natter's environment are ignored: behind one, natter never resolved
//! the targets, and the proxy fetched loopback and private addresses for it. A proxy named
//! with `--outbound-proxy` is used, after natter has resolved and checked each target.
//! The proxy here is a plain TCP listener that notes the first line of each connection.

use crate::bots::bot_in_a_room;
use crate::helpers::{inbox_send, listening_address, TestApp, WAIT};
use crate::metrics::free_port;
use crate::push_service::PushService;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::sync::Notify;

/// The proxy variables natter's environment may carry, in both spellings curl reads.
const PROXY_VARIABLES: [&str; 6] = [
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
];

/// A listener that takes the place of a proxy, or of a bot's server: it notes the first
/// line of each request and answers 200 with no body.
pub(crate) struct Recorder {
    pub addr: SocketAddr,
    lines: Arc<Mutex<Vec<String>>>,
    arrived: Arc<Notify>,
}

impl Recorder {
    /// Starts listening on a free port of 127.0.0.1.
    pub async fn start() -> Recorder {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("its address");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let arrived = Arc::new(Notify::new());
        let (seen, notify) = (lines.clone(), arrived.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (seen, notify) = (seen.clone(), notify.clone());
                tokio::spawn(async move {
                    let mut stream = BufReader::new(stream);
                    let mut first = String::new();
                    let _ = stream.read_line(&mut first).await;
                    loop {
                        let mut line = String::new();
                        match stream.read_line(&mut line).await {
                            Ok(n) if n > 2 => continue,
                            _ => break,
                        }
                    }
                    seen.lock().unwrap().push(first.trim_end().to_string());
                    notify.notify_waiters();
                    let _ = stream
                        .get_mut()
                        .write_all(
                            b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                        )
                        .await;
                });
            }
        });
        Recorder {
            addr,
            lines,
            arrived,
        }
    }

    /// The first line of every request so far (`POST /bot HTTP/1.1`, `CONNECT h:443 ...`).
    pub fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }

    /// Waits (at most `WAIT`) until a request's first line satisfies `want`; that line.
    pub async fn until(&self, want: impl Fn(&str) -> bool) -> String {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let notified = self.arrived.notified();
            if let Some(line) = self.lines().into_iter().find(|l| want(l)) {
                return line;
            }
            assert!(
                tokio::time::timeout_at(deadline, notified).await.is_ok(),
                "no such request within {WAIT:?}; got {:?}",
                self.lines()
            );
        }
    }
}

/// natter listening at `listen` with `args`, and `env` added to its environment, on the
/// suite's store; the address the tests reach it at (127.0.0.1 when it listens on all).
pub(crate) fn spawn_natter(listen: &str, args: &[&str], env: &[(&str, String)]) -> TestApp {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = if crate::pg::suite_on_postgres() {
        crate::pg::fresh_database()
    } else {
        dir.path().join("natter.db").to_string_lossy().into_owned()
    };
    let mut command = Command::new(crate::helpers::natter_bin());
    command
        .args([
            "--listen",
            listen,
            "--log",
            "warn",
            "--db",
            &db,
            "--media-dir",
        ])
        .arg(dir.path().join("media"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    for name in PROXY_VARIABLES.iter().chain(&["NO_PROXY", "no_proxy"]) {
        command.env_remove(name);
    }
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().expect("natter starts");
    let addr = listening_address(&mut child).replace("0.0.0.0:", "127.0.0.1:");
    TestApp::adopt(dir, db, child, addr)
}

/// Points the bot `bot` (as `bot_in_a_room` made it) at `url`: the answer's status.
pub(crate) async fn set_webhook(app: &TestApp, admin: &str, bot: &Value, url: &str) -> StatusCode {
    let (status, body) = app
        .call(
            Method::PATCH,
            &format!("/api/bots/{}/", bot["id"]),
            Some(admin),
            Some(json!({"webhook_url": url})),
        )
        .await;
    assert!(
        status == StatusCode::OK || status == StatusCode::BAD_REQUEST,
        "{url}: {status} {body}"
    );
    status
}

/// Mentions the bot `name` in `room`, which owes it a webhook call.
pub(crate) async fn mention(app: &TestApp, person: &str, room: i64, name: &str) {
    let (status, sent) = app
        .post(
            &format!("/api/rooms/{room}/messages/"),
            person,
            json!({"content": format!("@{name} status")}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
}

/// Scrapes `metrics` until `series` reads at least 1 (at most `WAIT`); its value.
pub(crate) async fn until_counted(app: &TestApp, metrics: &str, series: &str) -> f64 {
    crate::slow_and_malformed_clients::wait_for_a_count(app, metrics, series, WAIT).await
}

/// The series of webhook calls given up or refused.
pub(crate) const CALLS_FAILED: &str = r#"natter_webhook_calls_total{outcome="failed"}"#;

/// natter with every proxy variable pointing at a listener pushes to a push service and
/// calls a bot's server directly; the listener sees no connection at all.
#[tokio::test]
async fn the_proxy_variables_of_natters_environment_are_ignored() {
    let proxy = Recorder::start().await;
    let bot_server = Recorder::start().await;
    let proxy_url = format!("http://{}", proxy.addr);
    let env: Vec<(&str, String)> = PROXY_VARIABLES
        .iter()
        .map(|name| (*name, proxy_url.clone()))
        .collect();
    let app = spawn_natter(
        "127.0.0.1:0",
        &[
            "--rate-limits",
            "off",
            "--push-private-endpoints",
            "--webhook-allow-private",
        ],
        &env,
    );

    // The first account is the administrator, who makes the bot.
    let (admin, person, room, bot, _) = bot_in_a_room(&app, "helper").await;
    let (_, ta) = app.register("alice").await;
    let (bob, tb) = app.register("bob").await;
    let (_, push) = app.get("/api/push/", &ta).await;
    let service = PushService::start(push["public_key"].as_str().expect("public_key")).await;
    let (status, body) = app
        .post("/api/push/subscriptions/", &tb, service.subscription("bob"))
        .await;
    assert_eq!(status, 201, "{body}");
    inbox_send(&app, &ta, bob, "through no proxy").await;
    let pushed = service.nth("bob", 1).await;
    assert_eq!(pushed.payload["body"], json!("through no proxy"));

    let url = format!("http://{}/bot", bot_server.addr);
    assert_eq!(set_webhook(&app, &admin, &bot, &url).await, StatusCode::OK);
    mention(&app, &person, room, "helper").await;
    let call = bot_server
        .until(|line| line.starts_with("POST /bot "))
        .await;
    assert_eq!(call, "POST /bot HTTP/1.1");

    assert_eq!(proxy.lines(), Vec::<String>::new(), "the proxy was used");
}

/// The first name of this machine's host name that resolves only to loopback addresses
/// (`/etc/hosts` often maps it so), for a target name natter must not reach.
pub(crate) fn loopback_name() -> Option<String> {
    use std::net::ToSocketAddrs;
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").ok()?;
    let host = host.trim();
    let found: Vec<SocketAddr> = (host, 80).to_socket_addrs().ok()?.collect();
    (!found.is_empty() && found.iter().all(|a| a.ip().is_loopback())).then(|| host.to_string())
}

/// With `--outbound-proxy`, a webhook whose name resolves to loopback is refused by
/// natter before the proxy is asked (no `--webhook-allow-private`), and a public one goes
/// through the proxy.
#[tokio::test]
async fn through_a_named_proxy_natter_checks_each_target_first() {
    const TEST: &str = "through_a_named_proxy_natter_checks_each_target_first";
    let Some(name) = loopback_name() else {
        crate::pg::skipped(
            TEST,
            "this machine's host name does not resolve to loopback only",
            "an /etc/hosts line mapping the host name to 127.0.0.1",
        );
        return;
    };
    let proxy = Recorder::start().await;
    let at = format!("127.0.0.1:{}", free_port());
    let proxy_url = format!("http://{}", proxy.addr);
    let app = spawn_natter(
        "127.0.0.1:0",
        &[
            "--rate-limits",
            "off",
            "--metrics-listen",
            &at,
            "--outbound-proxy",
            &proxy_url,
        ],
        &[],
    );
    let metrics = format!("http://{at}/metrics");
    let (admin, person, room, bot, _) = bot_in_a_room(&app, "helper").await;

    let hidden = format!("http://{name}:2375/containers/create");
    assert_eq!(
        set_webhook(&app, &admin, &bot, &hidden).await,
        StatusCode::OK
    );
    mention(&app, &person, room, "helper").await;
    assert_eq!(until_counted(&app, &metrics, CALLS_FAILED).await, 1.0);
    assert_eq!(proxy.lines(), Vec::<String>::new(), "the proxy was asked");

    // A public address goes through the proxy, as an absolute URL.
    let public = "http://1.1.1.1/bot";
    assert_eq!(
        set_webhook(&app, &admin, &bot, public).await,
        StatusCode::OK
    );
    mention(&app, &person, room, "helper").await;
    let line = proxy.until(|line| line.starts_with("POST ")).await;
    assert_eq!(line, "POST http://1.1.1.1/bot HTTP/1.1");
}

/// `--outbound-proxy` takes only an http:// or https:// URL.
#[test]
fn a_proxy_that_is_not_an_http_url_is_refused_at_start() {
    for bad in ["socks5://127.0.0.1:1080", "proxy.internal:3128", "http://"] {
        let out = Command::new(crate::helpers::natter_bin())
            .args(["--db", ":memory:", "--outbound-proxy", bad])
            .stdin(Stdio::null())
            .output()
            .expect("natter runs");
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("--outbound-proxy"), "{bad}: {said}");
    }
}
