//! The connection layer under the routes: accepts TCP connections, caps them per client
//! address, and serves each with hyper's HTTP/1.1 (or HTTP/2, when a TLS client chose it
//! by ALPN) under the time limits of docs/security.md. warp's own server sets no header timeout, no idle timeout and no cap, and
//! has no hook for them, so natter drives hyper itself and hands warp only the requests.
//!
//! Time limits, as nginx has them: a request's whole head (a socket handshake too) must
//! arrive within `--header-timeout-secs` of the connection opening, so a client that
//! sends nothing or trickles its headers is dropped; between requests a keep-alive
//! connection waits at most `--keep-alive-secs` for the next one.

use crate::kit::caps::{Cap, Slot};
use hyper::rt::{Sleep, Timer};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::{pin, Pin};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use warp::filters::BoxedFilter;
use warp::reply::Response;

/// The connection limits of one server.
#[derive(Clone)]
pub struct Limits {
    /// Longest wait for a request head from a new connection.
    pub header_timeout: Duration,
    /// Longest wait for the next request on a kept-alive connection.
    pub keep_alive: Duration,
    /// Open connections per client network (an IPv4 address, an IPv6 /64:
    /// [`crate::ratelimit::network_of`]), upgraded sockets included.
    pub per_address: Arc<Cap<IpAddr>>,
    /// Proxies, whose connections carry many clients and so are not capped per address
    /// (the proxy's own limits apply there, e.g. nginx's `limit_conn`).
    pub proxies: Arc<crate::http::forwarded::TrustedProxies>,
}

/// The connection a request came on, put on every request for the routes to read.
#[derive(Clone, Copy, Debug)]
pub struct Peer {
    /// The TCP peer (a trusted proxy may name the real client in its headers).
    pub addr: SocketAddr,
    /// Whether the connection is TLS (`--tls-cert`).
    pub tls: bool,
}

/// Serves `routes` on `listener` (over TLS when `tls` is given) until `shutdown` resolves, then lets every open request
/// finish (upgraded sockets are the hub's to close).
pub async fn serve(
    listener: TcpListener,
    routes: BoxedFilter<(Response,)>,
    limits: Limits,
    tls: Option<tokio_rustls::TlsAcceptor>,
    shutdown: impl Future<Output = ()>,
) {
    // Each connection holds a clone of `open`; `closed` ends once every one is gone.
    let (open, mut closed) = tokio::sync::mpsc::channel::<()>(1);
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let mut shutdown = pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    accept_failed(e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let slot = if limits.proxies.trusts(peer.ip()) {
            None
        } else {
            match limits
                .per_address
                .try_take(crate::ratelimit::network_of(peer.ip()))
            {
                Some(slot) => Some(slot),
                None => {
                    tokio::spawn(refuse(stream));
                    continue;
                }
            }
        };
        let counted = Counted {
            stream,
            _slot: slot,
        };
        let (routes, limits) = (routes.clone(), limits.clone());
        let (open, stopping) = (open.clone(), stopping.clone());
        // A task of its own for plain HTTP: one future for both kinds is as large as the
        // TLS kind's (the handshake's state and HTTP/2's connection), and every idle
        // connection held it. Measured with 1,000 idle connections: 8.7 KB a task.
        match tls.clone() {
            None => tokio::spawn(async move {
                let served = serve_connection(counted, peer, false, routes, &limits, stopping);
                ended(peer, served.await);
                drop(open);
            }),
            Some(tls) => tokio::spawn(async move {
                ended(
                    peer,
                    serve_tls(tls, counted, peer, routes, &limits, stopping).await,
                );
                drop(open);
            }),
        };
    }
    drop(listener);
    let _ = stop.send(true);
    drop(open);
    if tokio::time::timeout(SHUTDOWN_WAIT, closed.recv())
        .await
        .is_err()
    {
        tracing::warn!("some requests were still running at shutdown");
    }
}

/// Logs why a connection ended, when it was not the client's ordinary goodbye.
fn ended(peer: SocketAddr, served: Result<(), String>) {
    if let Err(e) = served {
        tracing::debug!("connection from {peer} ended: {e}");
    }
}

/// Serves one TLS connection: the handshake, then HTTP/2 when the client chose it by
/// ALPN, HTTP/1.1 otherwise.
async fn serve_tls(
    tls: tokio_rustls::TlsAcceptor,
    counted: Counted,
    peer: SocketAddr,
    routes: BoxedFilter<(Response,)>,
    limits: &Limits,
    stopping: tokio::sync::watch::Receiver<bool>,
) -> Result<(), String> {
    // The handshake is part of the head a client must send in time.
    match tokio::time::timeout(limits.header_timeout, tls.accept(counted)).await {
        Ok(Ok(stream)) if stream.get_ref().1.alpn_protocol() == Some(b"h2") => {
            serve_h2(stream, peer, routes, limits, stopping).await
        }
        Ok(Ok(stream)) => serve_connection(stream, peer, true, routes, limits, stopping).await,
        Ok(Err(e)) => Err(format!("TLS handshake failed: {e}")),
        Err(_) => Err("TLS handshake timed out".into()),
    }
}

/// Serves HTTP/1.1 (and socket upgrades) on one connection until it ends, or until
/// `stopping` turns true and the request in progress is answered.
async fn serve_connection<IO>(
    io: IO,
    peer: SocketAddr,
    tls: bool,
    routes: BoxedFilter<(Response,)>,
    limits: &Limits,
    stopping: tokio::sync::watch::Receiver<bool>,
) -> Result<(), String>
where
    IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let served = Arc::new(AtomicBool::new(false));
    let service = {
        let warp = hyper_util::service::TowerToHyperService::new(warp::service(routes));
        let served = served.clone();
        hyper::service::service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
            served.store(true, Ordering::Relaxed);
            let mut request = match may_wait(&request) {
                true => with_own_head(request),
                false => request,
            };
            request.extensions_mut().insert(Peer { addr: peer, tls });
            hyper::service::Service::call(&warp, request)
        })
    };
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(ConnectionTimer {
            served,
            keep_alive_shift: limits.keep_alive.as_secs_f64() - limits.header_timeout.as_secs_f64(),
        })
        .header_read_timeout(limits.header_timeout)
        .serve_connection(TokioIo::new(io), service)
        .with_upgrades();
    until_stopped(connection, stopping, |c| c.graceful_shutdown()).await
}

/// Whether `request` may wait long for its answer: a Matrix app's `/sync`, which holds
/// its connection up to a minute for news.
fn may_wait<B>(request: &hyper::Request<B>) -> bool {
    request.method() == hyper::Method::GET
        && request.uri().path().starts_with("/_matrix/client/")
        && request.uri().path().ends_with("/sync")
}

/// `request` with its target and header values copied out of the connection's read
/// buffer. hyper's parsed head shares that buffer, and while a request is in progress
/// hyper reads on to notice a client that hangs up: with the buffer still shared it
/// takes a second one for that. Heap-profiled with 1,000 waiting syncs, the second
/// buffer was 8 KiB of each. Only for a request that may wait: the copy costs a chats
/// history page about 5,300 instructions of its 63,000 (callgrind), for nothing when the
/// answer comes at once.
fn with_own_head(
    request: hyper::Request<hyper::body::Incoming>,
) -> hyper::Request<hyper::body::Incoming> {
    let (mut parts, body) = request.into_parts();
    if let Ok(uri) = hyper::Uri::try_from(parts.uri.to_string()) {
        parts.uri = uri;
    }
    let mut headers = hyper::HeaderMap::with_capacity(parts.headers.len());
    for (name, value) in &parts.headers {
        let value = match hyper::header::HeaderValue::from_bytes(value.as_bytes()) {
            Ok(mut own) => {
                own.set_sensitive(value.is_sensitive());
                own
            }
            Err(_) => value.clone(),
        };
        headers.append(name.clone(), value);
    }
    parts.headers = headers;
    hyper::Request::from_parts(parts, body)
}

/// Serves HTTP/2 on one TLS connection (ALPN `h2`) until it ends, or until `stopping`
/// turns true and the streams in progress are answered. A connection with no open
/// stream for `--keep-alive-secs` is closed (pings find a peer that vanished).
async fn serve_h2<IO>(
    io: IO,
    peer: SocketAddr,
    routes: BoxedFilter<(Response,)>,
    limits: &Limits,
    stopping: tokio::sync::watch::Receiver<bool>,
) -> Result<(), String>
where
    IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = {
        let warp = hyper_util::service::TowerToHyperService::new(warp::service(routes));
        hyper::service::service_fn(move |mut request: hyper::Request<hyper::body::Incoming>| {
            request.extensions_mut().insert(Peer {
                addr: peer,
                tls: true,
            });
            host_from_authority(&mut request);
            hyper::service::Service::call(&warp, request)
        })
    };
    let connection = hyper::server::conn::http2::Builder::new(TokioExecutor::new())
        .timer(TokioTimer::new())
        .keep_alive_interval(limits.keep_alive)
        .keep_alive_timeout(limits.header_timeout)
        .max_concurrent_streams(H2_STREAMS)
        .serve_connection(TokioIo::new(io), service);
    until_stopped(connection, stopping, |c| c.graceful_shutdown()).await
}

/// An HTTP/2 request names its host in `:authority`, which hyper puts in the URI, and
/// most clients send no `Host` beside it: that host becomes the request's `Host`, as a
/// proxy that speaks HTTP/1.1 onwards writes it (RFC 9113, 8.3.1), so the addresses
/// natter writes back (the Matrix well-known, links) name it, not `localhost`. A `Host`
/// the client sent itself is left as it is (the one-host check compares the two).
fn host_from_authority<B>(request: &mut hyper::Request<B>) {
    if request.headers().contains_key(hyper::header::HOST) {
        return;
    }
    let Some(authority) = request.uri().authority() else {
        return;
    };
    let host = match authority.port_u16() {
        Some(port) => format!("{}:{port}", authority.host()),
        None => authority.host().to_string(),
    };
    if let Ok(value) = hyper::header::HeaderValue::from_str(&host) {
        request.headers_mut().insert(hyper::header::HOST, value);
    }
}

/// Runs `connection` (HTTP/1.1 or HTTP/2) until it ends; once `stopping` turns true,
/// `shutdown` asks it to finish the requests in progress and close.
async fn until_stopped<C>(
    connection: C,
    mut stopping: tokio::sync::watch::Receiver<bool>,
    shutdown: impl FnOnce(Pin<&mut C>),
) -> Result<(), String>
where
    C: Future<Output = Result<(), hyper::Error>>,
{
    let mut connection = pin!(connection);
    let ended = tokio::select! {
        ended = connection.as_mut() => ended,
        _ = async { stopping.wait_for(|stop| *stop).await.map(|_| ()) } => {
            shutdown(connection.as_mut());
            connection.await
        }
    };
    ended.map_err(|e| e.to_string())
}

/// Requests one HTTP/2 connection may have in progress at once (a page load asks for
/// about 40 files; nginx's default is 128).
const H2_STREAMS: u32 = 128;

/// How long shutdown waits for requests in progress (a slow download, say) to finish.
const SHUTDOWN_WAIT: Duration = Duration::from_secs(10);

/// What an address over its connection cap is told before the connection is closed.
fn over_cap_answer() -> Vec<u8> {
    let body = r#"{"detail": "Too many open connections from this address."}"#;
    format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\
         x-content-type-options: nosniff\r\nretry-after: 5\r\nconnection: close\r\n\
         content-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Answers 503 to a connection over its address's cap and closes it.
async fn refuse(mut stream: TcpStream) {
    let write = async {
        stream.write_all(&over_cap_answer()).await?;
        stream.shutdown().await
    };
    let _ = tokio::time::timeout(Duration::from_secs(5), write).await;
}

/// Accept fails mostly when the process is out of file descriptors: wait for some to
/// close instead of spinning (as hyper's old server did).
async fn accept_failed(e: io::Error) {
    use io::ErrorKind::*;
    if matches!(e.kind(), ConnectionAborted | ConnectionReset | Interrupted) {
        return;
    }
    tracing::error!("accept failed: {e}");
    tokio::time::sleep(Duration::from_millis(500)).await;
}

/// A connection counted against its address's cap for as long as it is open, including
/// after it is upgraded to a WebSocket (the upgraded socket owns this value).
struct Counted {
    stream: TcpStream,
    _slot: Option<Slot<IpAddr>>,
}

impl AsyncRead for Counted {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Counted {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}

/// hyper's timer for one connection. hyper has one timeout for "waiting for a request
/// head", started when the connection opens and again after each answer; this timer
/// moves its deadline by `keep_alive - header_timeout` once the connection has served
/// a request, so the first wait is the header timeout and later ones the keep-alive time.
struct ConnectionTimer {
    served: Arc<AtomicBool>,
    keep_alive_shift: f64,
}

impl ConnectionTimer {
    fn shifted(&self, deadline: Instant) -> Instant {
        if !self.served.load(Ordering::Relaxed) {
            return deadline;
        }
        let shift = Duration::from_secs_f64(self.keep_alive_shift.abs());
        if self.keep_alive_shift >= 0.0 {
            deadline + shift
        } else {
            deadline.checked_sub(shift).unwrap_or(deadline)
        }
    }
}

impl Timer for ConnectionTimer {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Sleep>> {
        self.sleep_until(Instant::now() + duration)
    }

    fn sleep_until(&self, deadline: Instant) -> Pin<Box<dyn Sleep>> {
        TokioTimer::new().sleep_until(self.shifted(deadline))
    }

    fn reset(&self, sleep: &mut Pin<Box<dyn Sleep>>, new_deadline: Instant) {
        TokioTimer::new().reset(sleep, self.shifted(new_deadline))
    }
}
