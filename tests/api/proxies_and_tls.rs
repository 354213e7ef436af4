//! Deployment behind a reverse proxy (`--trusted-proxies`) and HTTPS from the binary
//! (`--tls-cert`/`--tls-key`), through the real binary: forwarding headers believed only
//! from trusted peers, per-client login budgets behind one proxy, `https` links and
//! `Secure` cookies, and TLS with a certificate made at run time.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

/// A failed login from `forwarded_for` (as a proxy would name the client); its status.
pub async fn failed_login(app: &TestApp, forwarded_for: &str) -> StatusCode {
    app.client
        .post(format!("{}/api/auth/login/", app.base))
        .header("X-Forwarded-For", forwarded_for)
        .json(&json!({"username": "ghost", "password": "wrong-password"}))
        .send()
        .await
        .expect("request sent")
        .status()
}

#[tokio::test]
async fn a_spoofed_forwarded_for_from_an_untrusted_peer_does_not_buy_more_logins() {
    let app = TestApp::spawn_with(&[]).await;
    for i in 0..5 {
        let spoofed = format!("203.0.113.{i}");
        assert_eq!(failed_login(&app, &spoofed).await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        failed_login(&app, "198.51.100.77").await,
        StatusCode::TOO_MANY_REQUESTS,
        "the budget is the TCP peer's, whatever the header says"
    );
}

#[tokio::test]
async fn two_clients_behind_one_trusted_proxy_have_separate_login_budgets() {
    let app = TestApp::spawn_with(&["--trusted-proxies", "127.0.0.1/32"]).await;
    for _ in 0..5 {
        assert_eq!(
            failed_login(&app, "203.0.113.1").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        failed_login(&app, "203.0.113.1").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another client of the same proxy, and the same client named through a chain whose
    // right-most untrusted hop is someone else.
    assert_eq!(
        failed_login(&app, "203.0.113.2").await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        failed_login(&app, "203.0.113.1, 203.0.113.3").await,
        StatusCode::UNAUTHORIZED,
        "a client cannot borrow the budget of an address it writes on the left"
    );
}

/// `GET /api/` (the inbox router root, which writes an absolute link) with `headers`.
async fn root_link(app: &TestApp, token: &str, headers: &[(&str, &str)]) -> String {
    let mut request = app
        .client
        .get(format!("{}/api/", app.base))
        .header("Authorization", token);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let body: Value = request
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("JSON");
    body["messages"].as_str().expect("a link").to_string()
}

const FORWARDED_HTTPS: &[(&str, &str)] = &[
    ("X-Forwarded-For", "203.0.113.9"),
    ("X-Forwarded-Proto", "https"),
    ("X-Forwarded-Host", "chat.example.org"),
];

#[tokio::test]
async fn behind_a_trusted_proxy_links_are_the_public_https_url() {
    let app =
        TestApp::spawn_with(&["--rate-limits", "off", "--trusted-proxies", "127.0.0.0/8"]).await;
    let (_, token) = app.register("alice").await;
    assert_eq!(
        root_link(&app, &token, FORWARDED_HTTPS).await,
        "https://chat.example.org/api/messages/"
    );
    assert_eq!(
        root_link(&app, &token, &[]).await,
        format!("http://{}/api/messages/", app.addr)
    );
    // Pagination links too.
    let (bob, _) = app.register("bob").await;
    for i in 0..11 {
        inbox_send(&app, &token, bob, &format!("m{i}")).await;
    }
    let mut request = app
        .client
        .get(format!("{}/api/messages/", app.base))
        .header("Authorization", &token);
    for (k, v) in FORWARDED_HTTPS {
        request = request.header(*k, *v);
    }
    let page: Value = request
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("JSON");
    let next = page["next"].as_str().expect("a next link");
    assert!(
        next.starts_with("https://chat.example.org/api/messages/?"),
        "{next}"
    );
}

#[tokio::test]
async fn an_untrusted_peer_cannot_choose_the_scheme_or_host_of_links() {
    let app = TestApp::spawn().await;
    let (_, token) = app.register("alice").await;
    assert_eq!(
        root_link(&app, &token, FORWARDED_HTTPS).await,
        format!("http://{}/api/messages/", app.addr)
    );
}

/// The `Set-Cookie` lines of a session login sent with `headers`.
async fn login_cookies(app: &TestApp, headers: &[(&str, &str)]) -> Vec<String> {
    let mut request = app
        .client
        .post(format!("{}/accounts/login/", app.base))
        .json(&json!({"username": "alice", "password": "correct-horse"}));
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let response = request.send().await.expect("sent");
    assert_eq!(response.status(), StatusCode::OK);
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().expect("text").to_string())
        .collect()
}

#[tokio::test]
async fn cookies_are_secure_when_the_client_spoke_https_to_the_proxy() {
    let app =
        TestApp::spawn_with(&["--rate-limits", "off", "--trusted-proxies", "127.0.0.1"]).await;
    app.register("alice").await;
    let secure = login_cookies(&app, FORWARDED_HTTPS).await;
    assert_eq!(secure.len(), 2);
    assert!(secure.iter().all(|c| c.ends_with("; Secure")), "{secure:?}");
    let plain = login_cookies(&app, &[]).await;
    assert!(plain.iter().all(|c| !c.contains("Secure")), "{plain:?}");
}

#[tokio::test]
async fn a_cookie_socket_from_the_public_origin_behind_a_trusted_proxy_is_accepted() {
    let app =
        TestApp::spawn_with(&["--rate-limits", "off", "--trusted-proxies", "127.0.0.1"]).await;
    app.register("alice").await;
    let cookies = login_cookies(&app, FORWARDED_HTTPS).await;
    let session = cookies
        .iter()
        .find_map(|c| c.strip_prefix("sessionid="))
        .and_then(|c| c.split(';').next())
        .expect("session cookie")
        .to_string();
    let open = |origin: &'static str| {
        let mut request = format!("ws://{}/messages/ws/", app.addr)
            .into_client_request()
            .expect("request");
        let headers = request.headers_mut();
        headers.insert("Cookie", format!("sessionid={session}").parse().expect("h"));
        headers.insert("Origin", origin.parse().expect("h"));
        for (k, v) in FORWARDED_HTTPS {
            headers.insert(*k, v.parse().expect("h"));
        }
        tokio_tungstenite::connect_async(request)
    };
    assert!(open("https://chat.example.org").await.is_ok());
    match open("http://chat.example.org").await {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            assert_eq!(response.status(), 403)
        }
        other => panic!("expected 403, got {:?}", other.map(|_| ())),
    }
}

// ---------------------------------------------------------------- HTTPS from the binary

/// A natter started with a certificate for `localhost` made now; killed on drop.
struct TlsApp {
    addr: String,
    /// The certificate, for clients that trust it.
    der: Vec<u8>,
    connector: tokio_rustls::TlsConnector,
    child: std::process::Child,
    _dir: tempfile::TempDir,
}

impl Drop for TlsApp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Writes a fresh self-signed certificate for `localhost` and its key; returns their paths
/// and the certificate (DER) for the client to trust.
fn throwaway_certificate(
    dir: &std::path::Path,
) -> (std::path::PathBuf, std::path::PathBuf, Vec<u8>) {
    let made = rcgen::generate_simple_self_signed(vec!["localhost".into()]).expect("certificate");
    let cert = dir.join("cert.pem");
    let key = dir.join("key.pem");
    std::fs::write(&cert, made.cert.pem()).expect("write cert");
    std::fs::write(&key, made.key_pair.serialize_pem()).expect("write key");
    (cert, key, made.cert.der().to_vec())
}

impl TlsApp {
    fn start() -> TlsApp {
        let dir = tempfile::tempdir().expect("tempdir");
        let (cert, key, der) = throwaway_certificate(dir.path());
        let mut child = Command::new(crate::helpers::natter_bin())
            .args([
                "--listen",
                "127.0.0.1:0",
                "--log",
                "warn",
                "--rate-limits",
                "off",
            ])
            .arg("--db")
            .arg(dir.path().join("natter.db"))
            .arg("--media-dir")
            .arg(dir.path().join("media"))
            .arg("--tls-cert")
            .arg(&cert)
            .arg("--tls-key")
            .arg(&key)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("natter starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("first line");
        let addr = line
            .trim()
            .strip_prefix("listening on https://")
            .unwrap_or_else(|| panic!("expected an https address, got {line:?}"))
            .to_string();
        let mut roots = rustls::RootCertStore::empty();
        roots
            .add(der.clone().into())
            .expect("trust the certificate");
        let config = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
        TlsApp {
            addr,
            der,
            connector: tokio_rustls::TlsConnector::from(Arc::new(config)),
            child,
            _dir: dir,
        }
    }

    async fn connect(&self) -> tokio_rustls::client::TlsStream<TcpStream> {
        let tcp = TcpStream::connect(&self.addr).await.expect("connect");
        let name = rustls::pki_types::ServerName::try_from("localhost").expect("name");
        self.connector
            .connect(name, tcp)
            .await
            .expect("TLS handshake")
    }

    /// One HTTP/1.1 request over TLS; the whole answer (the server closes after it).
    async fn request(&self, head: &str, body: &str) -> String {
        let mut tls = self.connect().await;
        let request = format!(
            "{head}\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        tls.write_all(request.as_bytes()).await.expect("write");
        let mut answer = Vec::new();
        // A peer that closes without TLS close_notify still leaves the answer read.
        let _ = tokio::time::timeout(WAIT, tls.read_to_end(&mut answer))
            .await
            .expect("answered in time");
        String::from_utf8_lossy(&answer).into_owned()
    }
}

/// A TLS connection offering `alpn`; the protocol the server chose.
async fn negotiated(app: &TlsApp, alpn: &[&[u8]]) -> Option<Vec<u8>> {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(app.der.clone().into())
        .expect("trust the certificate");
    let mut config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("versions")
    .with_root_certificates(roots)
    .with_no_client_auth();
    config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    let tcp = TcpStream::connect(&app.addr).await.expect("connect");
    let name = rustls::pki_types::ServerName::try_from("localhost").expect("name");
    let tls = tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
        .expect("TLS handshake");
    tls.get_ref().1.alpn_protocol().map(<[u8]>::to_vec)
}

#[tokio::test]
async fn http2_is_offered_over_tls_beside_http1_and_sockets_still_open() {
    let app = TlsApp::start();
    assert_eq!(
        negotiated(&app, &[b"h2", b"http/1.1"]).await.as_deref(),
        Some(&b"h2"[..])
    );
    assert_eq!(
        negotiated(&app, &[b"http/1.1"]).await.as_deref(),
        Some(&b"http/1.1"[..])
    );
    // A client that speaks HTTP/2: many requests at once over one connection.
    let port = app.addr.rsplit(':').next().expect("port");
    let client = reqwest::Client::builder()
        .use_rustls_tls()
        .add_root_certificate(reqwest::Certificate::from_der(&app.der).expect("certificate"))
        .resolve(
            "localhost",
            app.addr.parse().expect("the listening address"),
        )
        .build()
        .expect("client");
    let base = format!("https://localhost:{port}");
    let answers = futures_util::future::join_all(
        [
            "/",
            "/static/app.css",
            "/static/js/main.js",
            "/healthz",
            "/api/registration/",
        ]
        .iter()
        .map(|path| client.get(format!("{base}{path}")).send()),
    )
    .await;
    for answer in answers {
        let answer = answer.expect("an answer over HTTP/2");
        assert_eq!(answer.version(), reqwest::Version::HTTP_2);
        assert_eq!(answer.status(), 200, "{}", answer.url());
    }
    let registered = client
        .post(format!("{base}/api/auth/register/"))
        .json(&serde_json::json!({"username": "alice", "email": "alice@example.org", "password": "correct-horse"}))
        .send()
        .await
        .expect("register over HTTP/2");
    assert_eq!(registered.status(), 201);
    let token = registered.json::<Value>().await.expect("JSON")["token"]
        .as_str()
        .expect("token")
        .to_string();
    // The address an HTTP/2 client used (its `:authority`, with no `Host` beside it) is
    // the one natter names back, as Matrix apps read it before they sign in.
    let well_known = client
        .get(format!("{base}/.well-known/matrix/client"))
        .send()
        .await
        .expect("the well-known over HTTP/2");
    assert_eq!(well_known.version(), reqwest::Version::HTTP_2);
    let well_known = well_known.json::<Value>().await.expect("JSON");
    assert_eq!(well_known["m.homeserver"]["base_url"], base, "{well_known}");
    // Sockets upgrade on an HTTP/1.1 connection, as browsers open them.
    let tls = app.connect().await;
    let (mut ws, _) =
        tokio_tungstenite::client_async(format!("wss://localhost/messages/ws/?token={token}"), tls)
            .await
            .expect("wss upgrade beside HTTP/2");
    use futures_util::SinkExt;
    ws.send(tokio_tungstenite::tungstenite::Message::Ping(
        vec![1u8].into(),
    ))
    .await
    .expect("ping");
}

#[tokio::test]
async fn https_and_wss_are_served_with_a_certificate_from_the_flags() {
    let app = TlsApp::start();
    let health = app.request("GET /healthz HTTP/1.1", "").await;
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    let registered = app
        .request(
            "POST /api/auth/register/ HTTP/1.1",
            r#"{"username": "alice", "email": "alice@example.org", "password": "correct-horse"}"#,
        )
        .await;
    assert!(registered.starts_with("HTTP/1.1 201"), "{registered}");
    let body = registered.split("\r\n\r\n").nth(1).expect("a body");
    let token = serde_json::from_str::<Value>(body).expect("JSON")["token"]
        .as_str()
        .expect("token")
        .to_string();
    // Cookies made over HTTPS are Secure.
    let login = app
        .request(
            "POST /accounts/login/ HTTP/1.1",
            r#"{"username": "alice", "password": "correct-horse"}"#,
        )
        .await;
    let cookies: Vec<&str> = login
        .lines()
        .filter(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .collect();
    assert_eq!(cookies.len(), 2, "{login}");
    assert!(
        cookies.iter().all(|c| c.ends_with("; Secure")),
        "{cookies:?}"
    );
    // A wss:// socket on the same port.
    let tls = app.connect().await;
    let (mut ws, _) =
        tokio_tungstenite::client_async(format!("wss://localhost/messages/ws/?token={token}"), tls)
            .await
            .expect("wss upgrade");
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    ws.send(Message::Ping(vec![7u8].into()))
        .await
        .expect("ping");
    loop {
        let frame = tokio::time::timeout(WAIT, ws.next())
            .await
            .expect("an answer in time");
        match frame {
            Some(Ok(Message::Pong(data))) => {
                assert_eq!(data.as_ref(), [7u8]);
                break;
            }
            Some(Ok(_)) => continue,
            other => panic!("the wss socket ended: {other:?}"),
        }
    }
}

#[tokio::test]
async fn plain_http_to_the_tls_port_gets_no_answer_in_clear() {
    let app = TlsApp::start();
    let mut tcp = TcpStream::connect(&app.addr).await.expect("connect");
    tcp.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .expect("write");
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(WAIT, tcp.read_to_end(&mut answer))
        .await
        .expect("the server ends the connection");
    assert!(
        !String::from_utf8_lossy(&answer).contains("200 OK"),
        "no cleartext answer on the TLS port"
    );
}

/// Runs natter with `args` and returns (exit success, stderr), for refused starts.
fn start_refused(args: &[&std::ffi::OsStr]) -> (bool, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = Command::new(crate::helpers::natter_bin())
        .args(["--listen", "127.0.0.1:0", "--log", "warn"])
        .arg("--db")
        .arg(dir.path().join("natter.db"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("natter runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn missing_unreadable_or_mismatched_tls_files_are_a_clear_error_at_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (cert, key, _) = throwaway_certificate(dir.path());
    let other = dir.path().join("other");
    std::fs::create_dir(&other).expect("dir");
    let (_, other_key, _) = throwaway_certificate(&other);
    let missing = dir.path().join("missing.pem");

    let (ok, err) = start_refused(&[
        "--tls-cert".as_ref(),
        missing.as_os_str(),
        "--tls-key".as_ref(),
        key.as_os_str(),
    ]);
    assert!(
        !ok && err.contains("--tls-cert") && err.contains("missing.pem"),
        "{err}"
    );

    let (ok, err) = start_refused(&[
        "--tls-cert".as_ref(),
        cert.as_os_str(),
        "--tls-key".as_ref(),
        cert.as_os_str(),
    ]);
    assert!(
        !ok && err.contains("--tls-key"),
        "a certificate is no key: {err}"
    );

    let (ok, err) = start_refused(&[
        "--tls-cert".as_ref(),
        cert.as_os_str(),
        "--tls-key".as_ref(),
        other_key.as_os_str(),
    ]);
    assert!(!ok && err.contains("does not fit"), "{err}");

    let (ok, err) = start_refused(&["--tls-cert".as_ref(), cert.as_os_str()]);
    assert!(!ok && err.contains("--tls-key"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
