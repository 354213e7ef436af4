//! Slow, half-open and malformed clients, on raw TCP because
//! each attack lives below what an HTTP client library lets one send: connections that
//! send nothing, trickle their headers or never finish a socket handshake are dropped
//! within the header timeout while others are served; idle keep-alive connections close;
//! one address holds a bounded number of connections; an ambiguous host and the request
//! smuggling shapes are refused. A socket client that stops reading is closed with 1013.
//! Every wait is a read bounded by `WAIT`, never a sleep.

use crate::chats::{group, send};
use crate::helpers::{raw_http, Socket, TestApp, WAIT};
use crate::metrics::{free_port, scrape, value};
use futures_util::StreamExt;
use serde_json::Value;
use std::io::ErrorKind;
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::MaybeTlsStream;

/// The header and keep-alive timeouts these tests give the server, in seconds.
const SHORT_TIMEOUT: &str = "2";
/// A close sooner than this after the connection went quiet would mean the server did
/// not wait for the client at all (the timeouts under test are 2 s).
const NOT_INSTANT: Duration = Duration::from_secs(1);

/// Reads until the server closes the connection (end of stream, or a reset when the
/// server closed with bytes of ours unread) and returns everything read. Fails the test
/// when the connection is still open after `WAIT`, five times the timeouts under test.
async fn read_until_closed(stream: &mut (impl AsyncRead + Unpin), what: &str) -> Vec<u8> {
    let deadline = tokio::time::Instant::now() + WAIT;
    let mut read = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut chunk)).await {
            Err(_) => panic!("{what}: the server kept the connection open for {WAIT:?}"),
            Ok(Ok(0)) => return read,
            Ok(Ok(n)) => read.extend_from_slice(&chunk[..n]),
            Ok(Err(e))
                if matches!(
                    e.kind(),
                    ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted
                ) =>
            {
                return read
            }
            Ok(Err(e)) => panic!("{what}: read failed: {e}"),
        }
    }
}

/// Asserts that a connection quiet since `quiet_since` was closed by a timeout: not at
/// once (the upper bound is `read_until_closed`'s).
fn assert_closed_by_timeout(quiet_since: Instant, what: &str) {
    let waited = quiet_since.elapsed();
    assert!(
        waited >= NOT_INSTANT,
        "{what}: closed after {waited:?}, sooner than any timeout"
    );
}

/// One response read from a connection that stays open: status and body. `None` when
/// the server closed the connection before a whole response came.
async fn read_response(stream: &mut TcpStream) -> Option<(u16, String)> {
    let deadline = tokio::time::Instant::now() + WAIT;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).into_owned();
            let length = content_length(&head)
                .unwrap_or_else(|| panic!("a response with a Content-Length: {head}"));
            if buf.len() >= end + 4 + length {
                assert_eq!(
                    buf.len(),
                    end + 4 + length,
                    "one response, nothing after it"
                );
                let body = String::from_utf8_lossy(&buf[end + 4..]).into_owned();
                return Some((status_of(&head), body));
            }
        }
        let n = tokio::time::timeout_at(deadline, stream.read(&mut chunk))
            .await
            .expect("a response within the wait")
            .ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// The status code of a response (`HTTP/1.1 200 OK...`).
fn status_of(response: &str) -> u16 {
    response
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("an HTTP/1.1 response, got {response:?}"))
}

/// The `Content-Length` of a response head.
fn content_length(head: &str) -> Option<usize> {
    head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse().ok())?
    })
}

/// The body of a whole response read until close, parsed as JSON.
fn json_body(response: &str) -> Value {
    let (_, body) = response
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("a response with a body: {response:?}"));
    serde_json::from_str(body).unwrap_or_else(|e| panic!("a JSON body ({e}): {response:?}"))
}

/// How many responses a stream of bytes holds.
fn responses_in(bytes: &str) -> usize {
    bytes.matches("HTTP/1.1 ").count()
}

/// A kept-alive `GET /healthz`.
fn healthz(app: &TestApp) -> String {
    format!("GET /healthz HTTP/1.1\r\nHost: {}\r\n\r\n", app.addr)
}

/// A `GET /healthz` after which the server closes the connection.
fn healthz_then_close(app: &TestApp) -> String {
    format!(
        "GET /healthz HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        app.addr
    )
}

/// A connection that has had one request answered and is kept alive. The server frees
/// a closed connection's place under the address cap just after the client sees the
/// close, so an over-cap 503 is retried (within `WAIT`) rather than taken as final.
async fn served_connection(app: &TestApp) -> TcpStream {
    let deadline = Instant::now() + WAIT;
    loop {
        let mut stream = TcpStream::connect(&app.addr).await.expect("connect");
        stream
            .write_all(healthz(app).as_bytes())
            .await
            .expect("write");
        match read_response(&mut stream).await {
            Some((200, body)) => {
                assert_eq!(body, "ok");
                return stream;
            }
            None | Some((503, _)) if Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(20)).await
            }
            other => panic!("a kept-alive GET /healthz answered 200, got {other:?}"),
        }
    }
}

/// Registers `username` over a connection that is closed after the answer (a pooled
/// client connection would hold a place under the address cap); returns the token.
async fn register_raw(app: &TestApp, username: &str) -> String {
    let body = serde_json::json!({
        "username": username,
        "email": format!("{username}@example.org"),
        "password": "correct-horse",
    })
    .to_string();
    let answer = raw_http(
        app,
        &format!(
            "POST /api/auth/register/ HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            app.addr,
            body.len()
        ),
    )
    .await;
    assert_eq!(status_of(&answer), 201, "{answer}");
    let token = json_body(&answer)["token"]
        .as_str()
        .expect("a token")
        .to_string();
    format!("Token {token}")
}

#[tokio::test]
async fn a_connection_that_sends_nothing_is_closed_after_the_header_timeout() {
    let app = TestApp::spawn_with(&["--header-timeout-secs", SHORT_TIMEOUT]).await;
    let mut stream = TcpStream::connect(&app.addr).await.expect("connect");
    let opened = Instant::now();

    let answer = read_until_closed(&mut stream, "a silent connection").await;

    assert_closed_by_timeout(opened, "a silent connection");
    assert!(
        !String::from_utf8_lossy(&answer).contains(" 200 "),
        "nothing was asked, nothing is served: {answer:?}"
    );
}

#[tokio::test]
async fn slowloris_headers_trickled_a_byte_at_a_time_are_dropped_while_others_are_served() {
    let app = TestApp::spawn_with(&["--header-timeout-secs", SHORT_TIMEOUT]).await;
    let stream = TcpStream::connect(&app.addr).await.expect("connect");
    let opened = Instant::now();
    let (mut reader, mut writer) = stream.into_split();
    let (sent, mut trickling) = tokio::sync::mpsc::unbounded_channel::<()>();
    let request_line = format!("GET /healthz HTTP/1.1\r\nHost: {}\r\n", app.addr);
    let trickle = tokio::spawn(async move {
        if writer.write_all(request_line.as_bytes()).await.is_err() {
            return;
        }
        // A header that never ends, one byte every 300 ms: the attack itself.
        for byte in b"X-Slow: ".iter().chain(std::iter::repeat(&b'a')) {
            if writer.write_all(&[*byte]).await.is_err() {
                return;
            }
            let _ = sent.send(());
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    });
    let closed = tokio::spawn(async move {
        let answer = read_until_closed(&mut reader, "a slowloris connection").await;
        (answer, Instant::now())
    });

    // Two header bytes in, the server is holding a half-sent head; another client asks.
    for _ in 0..2 {
        tokio::time::timeout(WAIT, trickling.recv())
            .await
            .expect("the trickle goes on")
            .expect("the trickle goes on");
    }
    let asked = Instant::now();
    let answer = raw_http(&app, &healthz_then_close(&app)).await;
    let answered_in = asked.elapsed();
    assert_eq!(status_of(&answer), 200, "{answer}");
    assert!(answer.ends_with("\r\n\r\nok"), "{answer}");
    assert!(
        !closed.is_finished(),
        "the other client was answered (in {answered_in:?}) while the slow one was still trickling"
    );

    let (slow_answer, closed_at) = closed.await.expect("reader task");
    trickle.abort();
    assert!(
        closed_at.duration_since(opened) >= NOT_INSTANT,
        "a trickling client was dropped after {:?}, sooner than any timeout",
        closed_at.duration_since(opened)
    );
    assert!(
        !String::from_utf8_lossy(&slow_answer).contains(" 200 "),
        "a head that never ended was served: {slow_answer:?}"
    );
}

#[tokio::test]
async fn a_socket_handshake_never_finished_is_closed_after_the_header_timeout() {
    let app = TestApp::spawn_with(&["--header-timeout-secs", SHORT_TIMEOUT]).await;
    let mut stream = TcpStream::connect(&app.addr).await.expect("connect");
    let opened = Instant::now();
    // An upgrade request whose head never gets its closing blank line.
    let partial = format!(
        "GET /messages/ws/?token=nothing HTTP/1.1\r\nHost: {}\r\nUpgrade: websocket\r\n\
         Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n",
        app.addr
    );
    stream.write_all(partial.as_bytes()).await.expect("write");

    let answer = read_until_closed(&mut stream, "a half-sent socket handshake").await;

    assert_closed_by_timeout(opened, "a half-sent socket handshake");
    assert!(
        !String::from_utf8_lossy(&answer).contains(" 101 "),
        "a half-sent handshake was upgraded: {answer:?}"
    );
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed_after_the_keep_alive_time() {
    // The header timeout stays at its 60 s default: only the keep-alive time can close
    // this connection within the wait.
    let app = TestApp::spawn_with(&["--keep-alive-secs", SHORT_TIMEOUT]).await;
    let mut stream = TcpStream::connect(&app.addr).await.expect("connect");
    stream
        .write_all(healthz(&app).as_bytes())
        .await
        .expect("write");
    assert_eq!(
        read_response(&mut stream).await,
        Some((200, "ok".to_string()))
    );
    let answered = Instant::now();

    let rest = read_until_closed(&mut stream, "an idle keep-alive connection").await;

    assert_closed_by_timeout(answered, "an idle keep-alive connection");
    assert!(rest.is_empty(), "nothing more was asked: {rest:?}");
}

#[tokio::test]
async fn a_keep_alive_connection_that_keeps_asking_is_not_closed_early() {
    let app = TestApp::spawn_with(&[
        "--keep-alive-secs",
        SHORT_TIMEOUT,
        "--header-timeout-secs",
        SHORT_TIMEOUT,
    ])
    .await;
    let mut stream = TcpStream::connect(&app.addr).await.expect("connect");
    let opened = Instant::now();
    // Requests 700 ms apart for well past both timeouts: neither counts from the
    // connection's opening, only from the last answer.
    let mut asked = 0;
    while opened.elapsed() < Duration::from_secs(5) {
        stream
            .write_all(healthz(&app).as_bytes())
            .await
            .expect("write");
        asked += 1;
        assert_eq!(
            read_response(&mut stream).await,
            Some((200, "ok".to_string())),
            "request {asked}, {:?} after the connection opened",
            opened.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(700)).await;
    }
    assert!(asked >= 5, "{asked} requests");
}

/// With `--max-connections-per-ip 3`: three held connections (two kept alive, one
/// WebSocket) fill the address's places; a fourth is answered 503 and closed; once the
/// socket closes, a new connection is served.
async fn assert_three_connections_per_address(app: &TestApp) {
    let token = register_raw(app, "holder").await;
    let _first = served_connection(app).await;
    let mut second = served_connection(app).await;
    let deadline = Instant::now() + WAIT;
    let mut socket = loop {
        match app.try_socket("/messages/ws/", &token).await {
            Ok(socket) => break socket,
            // The registration's connection may hold its place a moment after closing.
            Err(503) if Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(20)).await
            }
            Err(status) => panic!("the socket opens, got {status}"),
        }
    };

    let mut fourth = TcpStream::connect(&app.addr).await.expect("connect");
    fourth
        .write_all(healthz(app).as_bytes())
        .await
        .expect("write");
    let refused = read_until_closed(&mut fourth, "a connection over the address cap").await;
    let refused = String::from_utf8_lossy(&refused);
    assert_eq!(status_of(&refused), 503, "{refused}");
    assert!(json_body(&refused)["detail"].is_string(), "{refused}");

    // The held connections were not disturbed.
    second
        .write_all(healthz(app).as_bytes())
        .await
        .expect("write");
    assert_eq!(
        read_response(&mut second).await,
        Some((200, "ok".to_string()))
    );

    socket.close(None).await.expect("socket closes");
    drop(socket);
    let mut fifth = served_connection(app).await;
    fifth
        .write_all(healthz(app).as_bytes())
        .await
        .expect("write");
    assert_eq!(
        read_response(&mut fifth).await,
        Some((200, "ok".to_string()))
    );
}

#[tokio::test]
async fn one_address_holding_its_connection_cap_gets_503_for_the_next_connection() {
    let app = TestApp::spawn_with(&["--max-connections-per-ip", "3"]).await;
    assert_three_connections_per_address(&app).await;
}

#[tokio::test]
async fn rate_limits_off_does_not_lift_the_per_address_connection_cap() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--max-connections-per-ip", "3"]).await;
    assert_three_connections_per_address(&app).await;
}

/// Sends `head` (a request without a body) with a well-formed `GET /healthz` pipelined
/// behind it, reads until the server closes, and checks that the one answer is a 400
/// with a JSON body: the refused request ended the connection, the next was not read.
async fn assert_refused_ambiguous_host(app: &TestApp, head: &str) {
    let answer = raw_http(app, &format!("{head}{}", healthz(app))).await;
    assert_eq!(status_of(&answer), 400, "{head}: {answer}");
    assert_eq!(
        responses_in(&answer),
        1,
        "{head}: one answer, then a close: {answer}"
    );
    assert!(json_body(&answer).is_object(), "{head}: {answer}");
}

#[tokio::test]
async fn two_host_headers_are_400_with_a_json_body() {
    let app = TestApp::spawn().await;
    let addr = &app.addr;
    for path in [
        "/healthz",
        "/api/auth/user/",
        "/api/rooms/",
        "/messages/api/chats/",
    ] {
        let head = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nHost: evil.example\r\n\r\n");
        assert_refused_ambiguous_host(&app, &head).await;
    }
    // A socket handshake is refused the same way, before any upgrade.
    let head = format!(
        "GET /messages/ws/ HTTP/1.1\r\nHost: {addr}\r\nHost: evil.example\r\n\
         Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    );
    assert_refused_ambiguous_host(&app, &head).await;
}

#[tokio::test]
async fn an_absolute_target_naming_another_host_than_the_host_header_is_400() {
    let app = TestApp::spawn().await;
    let addr = &app.addr;
    for path in [
        "/healthz",
        "/api/auth/user/",
        "/api/rooms/",
        "/messages/ws/",
    ] {
        let head = format!("GET http://evil.example{path} HTTP/1.1\r\nHost: {addr}\r\n\r\n");
        assert_refused_ambiguous_host(&app, &head).await;
    }
    // The same absolute target naming this host is an ordinary request.
    let answer = raw_http(
        &app,
        &format!("GET http://{addr}/healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    )
    .await;
    assert_eq!(status_of(&answer), 200, "{answer}");
}

#[tokio::test]
async fn a_request_hidden_behind_content_length_and_chunked_is_never_served() {
    let app = TestApp::spawn().await;
    let addr = &app.addr;
    // Read as chunked, the body ends at `0\r\n\r\n` and a second request follows; read by
    // its Content-Length, it is one request. Either header order, one answer and a close.
    let hidden = format!("0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    let length = format!("Content-Length: {}\r\n", hidden.len());
    let chunked = "Transfer-Encoding: chunked\r\n";
    for (first, second) in [(&*length, chunked), (chunked, &*length)] {
        let request = format!(
            "POST /api/auth/login/ HTTP/1.1\r\nHost: {addr}\r\n\
             Content-Type: application/json\r\n{first}{second}\r\n{hidden}"
        );
        // raw_http fails unless the server closes the connection.
        let answer = raw_http(&app, &request).await;
        assert_eq!(
            responses_in(&answer),
            1,
            "{first}{second}: one answer, got {answer:?}"
        );
        assert!(
            !answer.ends_with("\r\n\r\nok"),
            "the hidden GET /healthz was served: {answer:?}"
        );
    }
}

#[tokio::test]
async fn two_differing_content_lengths_are_400_and_closed() {
    let app = TestApp::spawn().await;
    let addr = &app.addr;
    let body = r#"{"username": "a", "password": "b"}"#;
    let request = format!(
        "POST /api/auth/login/ HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nContent-Length: 5\r\n\r\n{body}GET /healthz HTTP/1.1\r\nHost: {addr}\r\n\r\n",
        body.len()
    );
    // raw_http fails unless the server closes the connection.
    let answer = raw_http(&app, &request).await;
    assert_eq!(status_of(&answer), 400, "{answer}");
    assert_eq!(responses_in(&answer), 1, "one answer, got {answer:?}");
}

#[tokio::test]
async fn a_transfer_encoding_that_does_not_end_in_chunked_is_400_and_closed() {
    let app = TestApp::spawn().await;
    let addr = &app.addr;
    // `chunked` followed by a second, unknown coding: a front end that reads only the
    // first line and natter would disagree on where the body ends.
    let request = format!(
        "POST /api/auth/login/ HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\nTransfer-Encoding: x-custom\r\nContent-Length: 5\r\n\r\n\
         0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    );
    let answer = raw_http(&app, &request).await;
    assert_eq!(status_of(&answer), 400, "{answer}");
    assert_eq!(responses_in(&answer), 1, "one answer, got {answer:?}");
}

/// The receive buffer of a socket client that is to stop reading: small, so that the
/// server's writes stall after a few frames instead of after megabytes.
const SMALL_RECEIVE_BUFFER: u32 = 4096;
/// How long the server waits on a write before closing the socket as too slow
/// (`ws::socket`'s `SEND_TIMEOUT`).
const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// A socket at `path` whose TCP receive buffer is [`SMALL_RECEIVE_BUFFER`], set before
/// it connects (the window it offers is fixed at the handshake).
async fn socket_with_a_small_receive_buffer(app: &TestApp, path: &str, auth: &str) -> Socket {
    let addr = app.addr.parse().expect("a socket address");
    let tcp = TcpSocket::new_v4().expect("a TCP socket");
    tcp.set_recv_buffer_size(SMALL_RECEIVE_BUFFER)
        .expect("SO_RCVBUF");
    let stream = tcp.connect(addr).await.expect("connect");
    let key = auth.rsplit(' ').next().unwrap_or("");
    let request = format!("ws://{}{path}?token={key}", app.addr)
        .into_client_request()
        .expect("a socket request");
    let (ws, _) = tokio_tungstenite::client_async(request, MaybeTlsStream::Plain(stream))
        .await
        .expect("the socket opens");
    ws
}

/// Scrapes `metrics` until `series` reads at least 1, for up to `wait`; returns its value.
pub(crate) async fn wait_for_a_count(
    app: &TestApp,
    metrics: &str,
    series: &str,
    wait: Duration,
) -> f64 {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let got = value(&scrape(app, metrics).await, series);
        if got >= 1.0 {
            return got;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{series} stayed {got} for {wait:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The most a sending TCP socket buffers on Linux (`net.ipv4.tcp_wmem`'s maximum), if
/// known: the server's kernel takes that much from a client that stopped reading before
/// the server's write waits.
fn kernel_send_buffer_max() -> Option<usize> {
    std::fs::read_to_string("/proc/sys/net/ipv4/tcp_wmem")
        .ok()?
        .split_whitespace()
        .nth(2)?
        .parse()
        .ok()
}

/// A client that stops reading while big messages are published to it: the server's
/// write to it waits `SEND_TIMEOUT`, then the socket is counted as closed too slow. When
/// the client reads again (once the count shows, within the close frame's own wait) it
/// gets the frames that were already on their way, then a 1013 "too slow" close frame,
/// not an abnormal end. Fewer events are sent than the hub queues per socket (256), so
/// the hub never kicks it: only the stalled write can close it. About 12 s, most of it
/// `SEND_TIMEOUT`.
#[tokio::test]
async fn a_socket_that_stops_reading_is_closed_with_1013_and_counted() {
    const SERIES: &str = "natter_sockets_kicked_total";
    const SENT: usize = 240;
    // 10,000 four-byte characters: a 40 KB frame each, 9.6 MB in all, over twice what
    // Linux's default `tcp_wmem` lets the server's kernel buffer (4 MiB; the send buffer
    // grows to it even toward a small receive window).
    let big = "\u{1F600}".repeat(10_000);
    let burst = SENT * big.len();
    if let Some(max) = kernel_send_buffer_max().filter(|max| *max > burst / 2) {
        crate::pg::skipped(
            "a_socket_that_stops_reading_is_closed_with_1013_and_counted",
            &format!(
                "the kernel may buffer {max} bytes per socket, too close to the {burst} bytes \
                 this test can send before the hub's queue of 256 events fills"
            ),
            "a smaller net.ipv4.tcp_wmem maximum",
        );
        return;
    }
    let at = format!("127.0.0.1:{}", free_port());
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--metrics-listen", &at]).await;
    let metrics = format!("http://{at}/metrics");
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let chat = group(&app, &ta, "g", &[b]).await;
    let mut stalled =
        socket_with_a_small_receive_buffer(&app, &format!("/messages/ws/chats/{chat}/"), &tb).await;

    for _ in 0..SENT {
        send(&app, &ta, chat, &big).await;
    }
    assert_eq!(value(&scrape(&app, &metrics).await, SERIES), 0.0);
    let counted = wait_for_a_count(&app, &metrics, SERIES, SEND_TIMEOUT + WAIT).await;
    assert_eq!(counted, 1.0);

    let mut got = 0;
    let close = loop {
        match tokio::time::timeout(WAIT, stalled.next()).await {
            Ok(Some(Ok(Message::Text(text)))) => {
                let frame: Value = serde_json::from_str(text.as_str()).expect("a JSON frame");
                assert_eq!(frame["type"], "new_message", "{frame}");
                got += 1;
            }
            Ok(Some(Ok(Message::Close(frame)))) => break frame,
            Ok(Some(Ok(_))) => continue,
            other => {
                panic!("after {got} frames, the socket ended without a close frame: {other:?}")
            }
        }
    };
    let close = close.expect("a close frame with a code");
    assert_eq!(
        (u16::from(close.code), close.reason.as_str()),
        (1013, "too slow"),
        "after {got} frames"
    );
    assert!(
        0 < got && got < SENT,
        "{got} of {SENT} frames reached a client that stopped reading"
    );
    assert_eq!(
        value(&scrape(&app, &metrics).await, SERIES),
        1.0,
        "one close, counted once"
    );
}
