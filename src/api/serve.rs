//! The warp tree that serves every surface: socket upgrades first, then every HTTP
//! request with its body read (within the limit of its route), both counted and logged
//! by the surface the route table names.

use crate::api;
use crate::http::error::ApiError;
use crate::http::server::Peer;
use crate::http::{self, policy::HttpPolicy, request::Request};
use crate::routing::routes;
use crate::state::App;
use bytes::{Buf, Bytes, BytesMut};
use futures_util::{Stream, StreamExt};
use std::sync::Arc;
use warp::filters::BoxedFilter;
use warp::http::{HeaderMap, Method};
use warp::reply::Response;
use warp::Filter;

/// Largest JSON or form body (1 MiB).
pub const MAX_BODY: u64 = 1024 * 1024;

/// Who sent a request that came from `peer` with `headers` (see `http::forwarded`).
fn client(policy: &HttpPolicy, peer: Option<Peer>, headers: &HeaderMap) -> http::forwarded::Client {
    policy
        .proxies
        .resolve(peer.map(|p| p.addr), peer.is_some_and(|p| p.tls), headers)
}

/// Largest Slack payload a hook takes: room for a message's 10,000 characters in Block
/// Kit and attachments many times over.
pub const MAX_HOOK_BODY: u64 = 128 * 1024;

/// Largest body accepted on `path`: uploads have their own (`--max-upload-mb`), hooks
/// [`MAX_HOOK_BODY`].
fn body_limit(app: &App, path: &str) -> u64 {
    if routes::is_matrix_upload(path) {
        return app.config.max_upload_mb.saturating_mul(1024 * 1024) + 64 * 1024;
    }
    match routes::lookup(path, "").1 {
        routes::Target::Route(routes::Route::Upload) => {
            app.config.max_upload_mb.saturating_mul(1024 * 1024) + 64 * 1024
        }
        routes::Target::Route(routes::Route::Hook { .. }) => MAX_HOOK_BODY,
        _ => MAX_BODY,
    }
}

/// Request line and headers, before the body.
type Head = (Method, String, String, HeaderMap, Option<Peer>);

/// The request line and headers, or a 400 for a request whose host is ambiguous.
fn head(
) -> impl Filter<Extract = (Result<Head, Box<Response>>,), Error = std::convert::Infallible> + Clone
{
    warp::method()
        .and(warp::path::full())
        .and(warp::query::raw().or(warp::any().map(String::new)).unify())
        .and(warp::header::headers_cloned())
        .and(warp::ext::optional::<Peer>())
        .and(one_host())
        .map(
            |method,
             path: warp::path::FullPath,
             query: String,
             headers: HeaderMap,
             peer: Option<Peer>,
             one_host: bool| {
                let path = path.as_str().to_string();
                if !one_host || headers.get_all(warp::http::header::HOST).iter().count() > 1 {
                    // RFC 9112 section 3.2: a proxy and natter could read two hosts into
                    // one request, so neither gets to choose.
                    let e = ApiError::verbatim(
                        400,
                        serde_json::json!({"detail": "The request must name exactly one host."}),
                    );
                    let mut response = http::reply::error(routes::row_of(&path, &query).style, &e);
                    // And the connection ends with it (as nginx does after a 400): a peer
                    // that read the hosts differently may frame what follows differently.
                    response.headers_mut().insert(
                        warp::http::header::CONNECTION,
                        warp::http::HeaderValue::from_static("close"),
                    );
                    return Err(Box::new(response));
                }
                Ok((method, path, query, headers, peer))
            },
        )
}

/// Whether the `Host` header parses and agrees with an absolute request target.
fn one_host() -> impl Filter<Extract = (bool,), Error = std::convert::Infallible> + Clone {
    warp::host::optional()
        .map(|_| true)
        .or(warp::any().map(|| false))
        .unify()
}

/// The whole route tree: socket upgrades first, then every HTTP request.
pub fn routes(app: App, policy: Arc<HttpPolicy>) -> BoxedFilter<(Response,)> {
    let with_app = {
        let app = app.clone();
        let policy = policy.clone();
        warp::any().map(move || (app.clone(), policy.clone()))
    };
    let sockets = crate::ws::upgrade::filter()
        .and(head())
        .and(with_app.clone())
        .and_then(
            |ws: crate::ws::upgrade::Upgrade,
             head: Result<Head, Box<Response>>,
             (app, policy): (App, Arc<HttpPolicy>)| {
                // Boxed: the tree's future is as large as its largest branch, so every
                // plain request (a waiting `/sync` among them) would hold this one's room.
                Box::pin(async move {
                    let (method, path, query, headers, peer) = match head {
                        Ok(head) => head,
                        Err(refused) => return Ok(*refused),
                    };
                    let client = client(&policy, peer, &headers);
                    let req = Request {
                        method,
                        path,
                        query,
                        headers,
                        body: Bytes::new(),
                        client,
                    };
                    crate::api::sockets::upgrade(app, &policy.origins, req, ws)
                        .await
                        .ok_or_else(warp::reject::not_found)
                })
            },
        );
    let http = head().and(warp::body::stream()).and(with_app).then(
        |head: Result<Head, Box<Response>>, body, (app, policy): (App, Arc<HttpPolicy>)| async move {
            let (method, path, query, headers, peer) = match head {
                Ok(head) => head,
                Err(refused) => return *refused,
            };
            let client = client(&policy, peer, &headers);
            let limit = body_limit(&app, &path);
            let stall = std::time::Duration::from_secs(app.config.header_timeout_secs);
            let body = match read_body(&headers, body, limit, stall).await {
                Ok(body) => body,
                Err(e) => {
                    // The unread rest of the body makes this connection unusable: say so,
                    // so clients do not reuse it for their next request.
                    let mut response = http::reply::error(routes::row_of(&path, &query).style, &e);
                    response.headers_mut().insert(
                        warp::http::header::CONNECTION,
                        warp::http::HeaderValue::from_static("close"),
                    );
                    // A page on an allowed origin reads this answer too (as `api::handle`'s).
                    policy
                        .cors
                        .apply(headers.get(warp::http::header::ORIGIN), &mut response);
                    return response;
                }
            };
            let encoding = http::compress::choose(&headers);
            let response = api::handle(
                app,
                &policy.cors,
                Request {
                    method,
                    path,
                    query,
                    headers,
                    body,
                    client,
                },
            )
            .await;
            http::compress::json_answer(response, encoding).await
        },
    );
    // Every answer, socket handshakes included, says `X-Content-Type-Options: nosniff`
    // (Django's `SecurityMiddleware` default), so no browser reads a JSON answer or a
    // download as a page or a script. Each is counted by surface and status, and
    // logged at `info` as one access line (target `natter::access`): method, path, status,
    // time. The path only, with any secret in it hidden (`api::log_path`): a query may
    // carry `?token=`, and no header is ever written.
    // Formatted and written off the request path (`logging::access`); below `info` the
    // line costs one check of a cached flag.
    let metrics = app.metrics.clone();
    warp::method()
        .and(warp::path::full())
        .and(warp::any().map(std::time::Instant::now))
        .and(sockets.or(http).unify())
        .map(
            move |method: Method,
                  path: warp::path::FullPath,
                  start: std::time::Instant,
                  mut response: Response| {
                response.headers_mut().insert(
                    warp::http::header::X_CONTENT_TYPE_OPTIONS,
                    warp::http::HeaderValue::from_static("nosniff"),
                );
                let surface = routes::row_of(path.as_str(), "").surface;
                let status = response.status().as_u16();
                let took = start.elapsed();
                metrics.http.observe(surface, status, took);
                if crate::logging::access::enabled() {
                    let path = api::log_path::loggable(path.as_str());
                    crate::logging::access::record(&method, &path, status, took);
                }
                response
            },
        )
        .boxed()
}

/// Reads a body up to `limit` bytes; over it is 413, a pause longer than `stall` 408.
async fn read_body<S, B>(
    headers: &HeaderMap,
    stream: S,
    limit: u64,
    stall: std::time::Duration,
) -> Result<Bytes, ApiError>
where
    S: Stream<Item = Result<B, warp::Error>> + Send + 'static,
    B: Buf + Send,
{
    let declared = headers
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let mut stream = Box::pin(stream);
    if declared.is_some_and(|n| n > limit) {
        // A client waiting for `100 Continue` has sent nothing yet: reading would invite
        // the whole body only to drop it. Otherwise the refusal goes out at once, while
        // the rest is read and dropped beside it, as nginx's lingering close does after
        // its answer (before, a declared 100 MB upload waited out the 5 s of draining).
        let waits_for_continue = headers
            .get("expect")
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
        if !waits_for_continue {
            tokio::spawn(async move { discard_rest(&mut stream).await });
        }
        return Err(ApiError::PayloadTooLarge);
    }
    let mut buf = BytesMut::with_capacity(declared.unwrap_or(0).min(limit) as usize);
    // A body that stops arriving for `stall` (the header timeout) ends the request, so a
    // client cannot hold a connection by trickling a body either.
    while let Some(chunk) = tokio::time::timeout(stall, stream.next())
        .await
        .map_err(|_| ApiError::BodyTimeout)?
    {
        let mut chunk = chunk.map_err(|e| ApiError::MalformedBody(format!("body: {e}")))?;
        if buf.len() as u64 + chunk.remaining() as u64 > limit {
            discard_rest(&mut stream).await;
            return Err(ApiError::PayloadTooLarge);
        }
        while chunk.has_remaining() {
            let part = chunk.chunk();
            let n = part.len();
            buf.extend_from_slice(part);
            chunk.advance(n);
        }
    }
    Ok(buf.freeze())
}

/// Most of a refused body read and thrown away, and for how long, before answering.
const DISCARD_BYTES: u64 = 16 * 1024 * 1024;
const DISCARD_TIME: std::time::Duration = std::time::Duration::from_secs(5);

/// Reads and drops what is left of a refused body (within `DISCARD_BYTES` and
/// `DISCARD_TIME`), as nginx's lingering close does: closing with unread data makes the
/// kernel reset the connection, and a client still writing would see a broken pipe
/// instead of the 413.
async fn discard_rest<S, B>(stream: &mut std::pin::Pin<Box<S>>)
where
    S: Stream<Item = Result<B, warp::Error>>,
    B: Buf,
{
    let mut discarded = 0u64;
    let drain = async {
        while let Some(Ok(chunk)) = stream.next().await {
            discarded += chunk.remaining() as u64;
            if discarded > DISCARD_BYTES {
                break;
            }
        }
    };
    let _ = tokio::time::timeout(DISCARD_TIME, drain).await;
}
