//! Clients that ping a socket: one that sends pings as fast as it can and never reads
//! the pongs does not grow natter's memory, and its socket is closed as too slow and
//! counted; pings are frames under the per-user socket frame limit. The flooding client
//! writes its WebSocket frames by hand on raw TCP, because a WebSocket library reads
//! (and so drains the pongs) whenever it writes.

use crate::helpers::{wait_for, TestApp, WAIT};
use crate::metrics::{free_port, scrape, value};
use futures_util::SinkExt;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio_tungstenite::tungstenite::Message;

/// How long natter waits on a write before closing a socket as too slow (`ws::socket`'s
/// `SEND_TIMEOUT`).
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the flood runs before natter's memory must be flat: in its first half second
/// the resident size rises once by 35 to 65 MB (measured; as much with four flooding
/// sockets as with one, so it is the allocator's, not a socket's), then stays.
const SETTLING: Duration = Duration::from_secs(2);
/// How far natter's memory may rise after [`SETTLING`]: the write buffer's bound (about
/// 1 MiB) and the allocator's slack, with room to spare. Unbounded, it grew by about
/// 100 MB a second.
const FLAT_BOUND: u64 = 16 * 1024 * 1024;
/// The most natter's memory may rise at all, the settling included.
const GROWTH_BOUND: u64 = 128 * 1024 * 1024;
/// The receive buffer of the flooding client: small, so natter's writes to it stall soon.
const SMALL_RECEIVE_BUFFER: u32 = 4096;

/// natter's resident memory, from `/proc/<pid>/status`.
fn rss(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("proc status");
    let kb: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in kB");
    kb * 1024
}

/// A socket at `path`, opened by hand on a TCP connection with a small receive buffer;
/// the handshake's answer is read to its blank line, nothing after it.
async fn raw_socket(app: &TestApp, path: &str, auth: &str) -> TcpStream {
    let tcp = TcpSocket::new_v4().expect("a TCP socket");
    tcp.set_recv_buffer_size(SMALL_RECEIVE_BUFFER)
        .expect("SO_RCVBUF");
    let mut stream = tcp
        .connect(app.addr.parse().expect("an address"))
        .await
        .expect("connect");
    let key = auth.rsplit(' ').next().unwrap_or("");
    let request = format!(
        "GET {path}?token={key} HTTP/1.1\r\nHost: {}\r\nUpgrade: websocket\r\n\
         Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
         Sec-WebSocket-Version: 13\r\n\r\n",
        app.addr
    );
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let mut byte = [0u8; 1];
        let n = tokio::time::timeout(WAIT, stream.read(&mut byte))
            .await
            .expect("the handshake is answered in time")
            .expect("read");
        assert_eq!(n, 1, "closed during the handshake: {head:?}");
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head);
    assert!(head.starts_with("HTTP/1.1 101"), "{head}");
    stream
}

/// `count` client ping frames of 125 bytes each (the most a control frame carries),
/// masked as a client's frames must be (with a zero key, so the payload reads as is).
fn pings(count: usize) -> Vec<u8> {
    let mut frame = vec![0x89, 0x80 | 125, 0, 0, 0, 0];
    frame.extend(std::iter::repeat_n(b'p', 125));
    frame.repeat(count)
}

/// A client pings as fast as it can and reads nothing. natter's memory stays within
/// [`GROWTH_BOUND`] of where it was, and within the write timeout (and its own wait for
/// the close frame) the socket is counted as closed too slow and its connection ends.
/// Default flags besides the metrics address: rate limits on, as the attack was met.
#[tokio::test]
async fn a_client_that_pings_and_never_reads_is_closed_and_memory_stays_flat() {
    const SERIES: &str = "natter_sockets_kicked_total";
    let at = format!("127.0.0.1:{}", free_port());
    let app = TestApp::spawn_with(&["--metrics-listen", &at]).await;
    let metrics = format!("http://{at}/metrics");
    let (_, token) = app.register("flooder").await;
    let stream = raw_socket(&app, "/messages/ws/", &token).await;
    let before = rss(app.pid());

    let flood = tokio::spawn(async move {
        let (_unread, mut write) = stream.into_split();
        let chunk = pings(512);
        // Ends when natter drops the connection (a reset, since nothing was read).
        while write.write_all(&chunk).await.is_ok() {}
    });
    let started = tokio::time::Instant::now();
    let deadline = started + SEND_TIMEOUT + WAIT;
    let (mut most, mut settled) = (before, before);
    loop {
        let now = rss(app.pid());
        most = most.max(now);
        assert!(
            most < before + GROWTH_BOUND,
            "natter grew from {before} to {most} bytes under unread pongs"
        );
        if started.elapsed() < SETTLING {
            settled = most;
        } else {
            assert!(
                now < settled + FLAT_BOUND,
                "natter kept growing under unread pongs: {settled} bytes after {SETTLING:?}, then {now}"
            );
        }
        if value(&scrape(&app, &metrics).await, SERIES) >= 1.0 {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the socket was not closed as too slow within {:?}",
            SEND_TIMEOUT + WAIT
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(value(&scrape(&app, &metrics).await, SERIES), 1.0);
    // natter waits for its close frame as long again, then drops the connection.
    tokio::time::timeout(SEND_TIMEOUT + WAIT, flood)
        .await
        .expect("the connection ends")
        .expect("the flooding task");
    most = most.max(rss(app.pid()));
    assert!(
        most < before + GROWTH_BOUND,
        "natter grew from {before} to {most} bytes under unread pongs"
    );
}

/// Pings count against the socket frame limit (60 a minute per user) as text frames do:
/// the 61st ping is answered with the `rate_limited` error frame.
#[tokio::test]
async fn pings_count_against_the_socket_frame_limit() {
    let app = TestApp::spawn_with(&["--rate-limits", "on"]).await;
    let (_, token) = app.register("pinger").await;
    let mut ws = app.socket("/messages/ws/", &token).await;
    for _ in 0..61 {
        ws.send(Message::Ping(vec![1u8].into()))
            .await
            .expect("ping");
    }
    let refused = wait_for(&mut ws, |frame| frame["type"] == "error").await;
    assert_eq!(refused["error"], "rate_limited", "{refused}");
}
