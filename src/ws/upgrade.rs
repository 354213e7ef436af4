//! The WebSocket handshake, done here rather than by `warp::ws` so natter chooses the
//! socket's buffer sizes: warp 0.4 leaves tungstenite's 128 KiB read buffer in place,
//! which costs 128 KiB per idle socket and a 128 KiB zero-fill on every read attempt.

use crate::hub::SignIn;
use futures_util::future;
use hyper::upgrade::OnUpgrade;
use hyper_util::rt::TokioIo;
use std::future::Future;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};
use tokio_tungstenite::WebSocketStream;
use warp::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use warp::reply::Response;
use warp::{Filter, Rejection};

/// A live server-side socket, as the socket loop drives it.
pub type Socket = WebSocketStream<TokioIo<hyper::upgrade::Upgraded>>;

/// Largest message accepted at the protocol level; the loop answers frames over
/// `socket::MAX_FRAME` with an error frame instead of closing.
const PROTOCOL_MAX_MESSAGE: usize = 1024 * 1024;
/// Bytes read from the connection at a time, and what an idle socket's read buffer holds
/// (tungstenite zero-fills all of it on each read, so all of it is resident). Client frames
/// are small (at most 64 KiB is shown to a codec), and tungstenite reserves a frame's whole
/// length once it has read its header, so a big frame still arrives in one read: 512 B
/// (it was 4 KiB, the largest part of an idle socket's memory; docs/benchmarks.md).
const READ_BUFFER: usize = 512;
/// Outgoing frames are gathered up to this size before a write; the loop flushes after
/// each batch of events, so this only bounds how much one batch holds before writing.
const WRITE_BUFFER: usize = 32 * 1024;
/// The most a socket's write buffer holds. Unbounded, a client that sends pings and never
/// reads made tungstenite queue one pong per ping without end (gigabytes in seconds). The
/// loop waits for a full buffer to drain and closes the socket as too slow when it does
/// not; the bound leaves room for the largest frame natter sends after a full batch.
const MAX_WRITE_BUFFER: usize = WRITE_BUFFER + PROTOCOL_MAX_MESSAGE;

/// A request that asked for a WebSocket (it has an `Upgrade` header): its handshake, or
/// what is wrong with it. That is decided here but answered only once the path is known
/// to be a socket path, so a broken handshake gets a 400 rather than a 404.
pub type Upgrade = Result<Handshake, &'static str>;

/// A well-formed handshake: everything needed to accept the socket.
pub struct Handshake {
    key: HeaderValue,
    on_upgrade: OnUpgrade,
    /// The key or session the socket is opened with (`ws::accept` notes it with the hub).
    sign_in: Option<SignIn>,
}

/// Matches every request with an `Upgrade` header; anything else is rejected so plain
/// HTTP handling gets it.
pub fn filter() -> impl Filter<Extract = (Upgrade,), Error = Rejection> + Clone {
    // Every request passes here first: one without an `Upgrade` header is turned away
    // before its headers are copied for the full check.
    warp::header::optional::<String>("upgrade")
        .and_then(|upgrade: Option<String>| {
            future::ready(match upgrade {
                Some(_) => Ok(()),
                None => Err(warp::reject::not_found()),
            })
        })
        .untuple_one()
        .and(warp::method())
        .and(warp::header::headers_cloned())
        .and(warp::ext::optional::<OnUpgrade>())
        .map(
            |method: Method, headers: HeaderMap, on_upgrade: Option<OnUpgrade>| -> Upgrade {
                let key = handshake_key(&method, &headers)?;
                on_upgrade
                    .map(|on_upgrade| Handshake {
                        key,
                        on_upgrade,
                        sign_in: None,
                    })
                    .ok_or("This connection cannot be upgraded to a WebSocket.")
            },
        )
}

/// The client's `Sec-WebSocket-Key`, or what is wrong with the handshake (RFC 6455 4.2.1).
fn handshake_key(method: &Method, headers: &HeaderMap) -> Result<HeaderValue, &'static str> {
    let has_token = |name: header::HeaderName, token: &str| {
        headers.get_all(name).iter().any(|v| {
            v.to_str().is_ok_and(|v| {
                v.split(',')
                    .any(|part| part.trim().eq_ignore_ascii_case(token))
            })
        })
    };
    if method != Method::GET {
        return Err("A WebSocket handshake must be a GET request.");
    }
    if !has_token(header::UPGRADE, "websocket") {
        return Err("The Upgrade header must be \"websocket\".");
    }
    if !has_token(header::CONNECTION, "upgrade") {
        return Err("The Connection header must include \"Upgrade\".");
    }
    if headers
        .get(header::SEC_WEBSOCKET_VERSION)
        .is_none_or(|v| v != "13")
    {
        return Err("Unsupported Sec-WebSocket-Version: this server speaks version 13.");
    }
    headers
        .get(header::SEC_WEBSOCKET_KEY)
        .filter(|key| !key.is_empty())
        .cloned()
        .ok_or("The Sec-WebSocket-Key header is missing.")
}

impl Handshake {
    /// The same handshake, opened with the key or session `sign_in`: signing out of it
    /// will close the socket.
    pub fn signed_in_with(self, sign_in: Option<SignIn>) -> Handshake {
        Handshake { sign_in, ..self }
    }

    /// The key or session the socket is opened with.
    pub fn sign_in(&self) -> Option<SignIn> {
        self.sign_in
    }

    /// Answers 101 Switching Protocols and, once the connection is handed over, runs
    /// `run` with the socket on its own task.
    pub fn accept<F, Fut>(self, run: F) -> Response
    where
        F: FnOnce(Socket) -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let Handshake {
            key, on_upgrade, ..
        } = self;
        tokio::spawn(async move {
            match on_upgrade.await {
                Ok(upgraded) => {
                    let socket = WebSocketStream::from_raw_socket(
                        TokioIo::new(upgraded),
                        Role::Server,
                        Some(socket_config()),
                    )
                    .await;
                    // A task of its own, not awaited here: this task's captures (the
                    // closure and what it holds) would stay in every idle socket's memory
                    // beside the loop's own copy of them (`natter-bench idle`).
                    tokio::spawn(run(socket));
                }
                Err(e) => tracing::debug!("socket upgrade failed: {e}"),
            }
        });
        let accept = derive_accept_key(key.as_bytes());
        let mut response = Response::new(Default::default());
        *response.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
        let headers = response.headers_mut();
        headers.insert(header::CONNECTION, HeaderValue::from_static("upgrade"));
        headers.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
        if let Ok(value) = HeaderValue::from_str(&accept) {
            headers.insert(header::SEC_WEBSOCKET_ACCEPT, value);
        }
        response
    }
}

fn socket_config() -> WebSocketConfig {
    let mut config = WebSocketConfig::default()
        .read_buffer_size(READ_BUFFER)
        .write_buffer_size(WRITE_BUFFER)
        .max_write_buffer_size(MAX_WRITE_BUFFER);
    config.max_message_size = Some(PROTOCOL_MAX_MESSAGE);
    config.max_frame_size = Some(PROTOCOL_MAX_MESSAGE);
    config
}
