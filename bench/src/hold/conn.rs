//! One held socket: opened from a given loopback source address, read until it ends,
//! and (once the holder is told to) opened again with the web client's back-off.

use super::stats::{Round, Stats};
use super::{Plan, BACKOFF_MS};
use futures_util::{SinkExt, StreamExt};
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpSocket, TcpStream};
use tokio::sync::{watch, Semaphore};
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::WebSocketStream;

/// Marker of `reach`'s messages: `reach#SEQ#`.
pub const MARK: &str = "reach#";
/// How long one attempt (TCP connect and handshake) may take.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);

/// Everything one socket's task needs.
pub struct Setup {
    pub base: Arc<str>,
    pub source: IpAddr,
    pub plan: Plan,
    pub delay: Duration,
    pub retry: bool,
    pub round: Arc<Round>,
    /// Bounds the first openings in flight at once (not the reconnects).
    pub in_flight: Arc<Semaphore>,
    pub stats: Arc<Stats>,
    pub stop: watch::Receiver<bool>,
    pub http: reqwest::Client,
    pub catch_ups: Arc<Semaphore>,
}

type Socket = WebSocketStream<TcpStream>;

/// Why an attempt failed, as a kind the report can name a limit by, and its text.
fn kind_of(e: &std::io::Error) -> &'static str {
    match e.raw_os_error() {
        Some(24) => "client process open-file limit (EMFILE)",
        Some(23) => "system open-file limit (ENFILE)",
        Some(99) => "source ports of the address (EADDRNOTAVAIL)",
        Some(111) => "connection refused",
        Some(104) => "connection reset",
        _ => "other I/O error",
    }
}

/// One attempt: TCP from `source`, then the upgrade. Errors carry their kind.
async fn attempt(setup: &Setup) -> Result<Socket, (String, String)> {
    let Some(hostport) = setup.base.strip_prefix("http://") else {
        return Err(("bad base".into(), setup.base.to_string()));
    };
    let dest: SocketAddr = hostport
        .parse()
        .map_err(|e| ("bad base".to_string(), format!("{hostport}: {e}")))?;
    let io = |e: std::io::Error| (kind_of(&e).to_string(), e.to_string());
    let socket = TcpSocket::new_v4().map_err(io)?;
    socket.bind(SocketAddr::new(setup.source, 0)).map_err(io)?;
    let stream = socket.connect(dest).await.map_err(io)?;
    let _ = stream.set_nodelay(true);
    let url = format!("ws://{hostport}/messages/ws/?token={}", setup.plan.token);
    let config = tungstenite::protocol::WebSocketConfig::default().read_buffer_size(2 * 1024);
    match tokio_tungstenite::client_async_with_config(url.as_str(), stream, Some(config)).await {
        Ok((socket, _)) => Ok(socket),
        Err(tungstenite::Error::Http(resp)) => Err((
            format!("HTTP {}", resp.status().as_u16()),
            format!("handshake answered HTTP {}", resp.status()),
        )),
        Err(tungstenite::Error::Io(e)) => Err(io(e)),
        Err(e) => Err(("handshake error".into(), e.to_string())),
    }
}

/// Opens, with a time limit; a timeout is its own kind (natter not accepting).
async fn attempt_in_time(setup: &Setup) -> Result<Socket, (String, String)> {
    match tokio::time::timeout(ATTEMPT_TIMEOUT, attempt(setup)).await {
        Ok(r) => r,
        Err(_) => Err((
            "timeout (natter accepts no more: its open-file limit?)".into(),
            format!("no answer within {ATTEMPT_TIMEOUT:?}"),
        )),
    }
}

/// Reads frames until the socket ends; returns the server's close code, if it sent one.
async fn read_until_closed(socket: &mut Socket, setup: &Setup) -> Option<String> {
    let mut stop = setup.stop.clone();
    loop {
        let frame = tokio::select! {
            frame = socket.next() => frame,
            () = async { let _ = stop.wait_for(|s| *s).await; } => {
                let _ = socket.send(Message::Close(None)).await;
                return None;
            }
        };
        match frame {
            Some(Ok(Message::Text(t))) => {
                if let Some(seq) = seq_of(t.as_str()) {
                    setup.stats.mark(seq);
                }
            }
            Some(Ok(Message::Close(frame))) => {
                return Some(frame.map_or("no code".into(), |f| u16::from(f.code).to_string()));
            }
            Some(Ok(_)) => {}
            Some(Err(_)) | None => return Some("dropped without a close frame".into()),
        }
    }
}

/// The sequence number of a `reach#SEQ#` message in a frame.
fn seq_of(text: &str) -> Option<u32> {
    let start = text.find(MARK)? + MARK.len();
    let end = text[start..].find('#')? + start;
    text[start..end].parse().ok()
}

/// After a reconnect: the chat's messages after `after`, as docs/api.md's catch-up says.
async fn catch_up(setup: &Setup) {
    let Ok(_slot) = setup.catch_ups.acquire().await else {
        return;
    };
    let after = setup.stats.after.load(Ordering::Relaxed);
    let url = format!(
        "{}/messages/api/chats/{}/messages/?after={after}",
        setup.base, setup.plan.chat
    );
    let status = setup
        .http
        .get(url)
        .header("Authorization", format!("Token {}", setup.plan.token))
        .send()
        .await;
    let kind = match status {
        Ok(r) => {
            let code = r.status().as_u16();
            let _ = r.bytes().await;
            code.to_string()
        }
        Err(e) => format!("error: {e}"),
    };
    setup.stats.caught_up(kind);
}

/// The task of one socket.
pub async fn hold(setup: Setup) {
    tokio::time::sleep(setup.delay).await;
    // The first opening: once, or with the back-off when `retry`.
    let mut failures = 0usize;
    let mut socket = loop {
        setup.round.attempt();
        let attempt = {
            let _slot = setup.in_flight.acquire().await;
            attempt_in_time(&setup).await
        };
        match attempt {
            Ok(s) => {
                setup.round.opened();
                break s;
            }
            Err((kind, text)) => {
                let gave_up = !setup.retry || *setup.stop.borrow();
                setup.round.attempt_failed(&kind, &text, gave_up);
                if gave_up {
                    return;
                }
                tokio::time::sleep(backoff(failures)).await;
                failures += 1;
            }
        }
    };
    loop {
        let closed = read_until_closed(&mut socket, &setup).await;
        let Some(code) = closed else { return };
        if !setup.stats.reconnecting.load(Ordering::Relaxed) {
            return;
        }
        setup.stats.closed(&code);
        // As the web client: 0.5 s, 1 s, 2 s, 4 s, then every 5 s.
        let mut failures = 0usize;
        socket = loop {
            tokio::time::sleep(backoff(failures)).await;
            if *setup.stop.borrow() {
                return;
            }
            match attempt_in_time(&setup).await {
                Ok(s) => break s,
                Err((kind, _)) => {
                    setup.stats.reopen_errors.add(kind);
                    failures += 1;
                }
            }
        };
        setup.stats.reopened_now();
        catch_up(&setup).await;
    }
}

fn backoff(failures: usize) -> Duration {
    Duration::from_millis(BACKOFF_MS[failures.min(BACKOFF_MS.len() - 1)])
}
