//! HTTP surfaces. The route table (path -> typed route and its row) is
//! `routing::routes`; `serve` is the warp tree that reads a request and hands it to `handle`; `dispatch` runs the
//! row's checks and the route's handler; each surface module translates one API
//! document to domain calls.
//!
//! Routing is a `match` over path segments (not a chain of warp filters): the body is
//! read once, unknown paths are 404 and wrong methods 405 exactly, and compile times
//! stay small.

mod browsable;
mod dispatch;
mod error_words;
pub mod log_path;
pub mod message_path;
mod negotiate;
mod options;
mod roots;
mod routed;
pub mod serve;
pub mod sockets;

use crate::http::cors;
use crate::http::error::ApiError;
use crate::http::reply;
use crate::http::request::Request;
use crate::routing::caller;
use crate::routing::routes::{self, Options};
use crate::state::App;
use warp::http::{header, HeaderValue, Method};
use warp::reply::Response;

/// Answers one HTTP request, with the CORS headers its origin is granted (`http::cors`).
pub async fn handle(app: App, cors: &cors::Cors, req: Request) -> Response {
    // The Matrix API has its own errors, CORS and credential, and reads no cookie.
    // Both answers boxed: a future is as large as its largest branch, and a request that
    // waits (a Matrix `/sync`, a long poll) holds this one for as long as it waits.
    if routes::is_matrix(&req.path) {
        return Box::pin(crate::surfaces::matrix::serve(&app, req)).await;
    }
    if let Some(preflight) = cors.preflight(&req.method, &req.headers) {
        return preflight;
    }
    let origin = req.headers.get(header::ORIGIN).cloned();
    let mut response = Box::pin(answer(&app, req)).await;
    cors.apply(origin.as_ref(), &mut response);
    response
}

/// The answer to `req`, before CORS.
async fn answer(app: &App, mut req: Request) -> Response {
    // HEAD is GET whose body hyper leaves out (Django's `View.setup` does the same), so
    // every `Allow` that names GET names HEAD too.
    let head = req.method == Method::HEAD;
    if head {
        req.method = Method::GET;
    }
    let (row, target) = routes::lookup(&req.path, &req.query);
    let no_store = matches!(&target, routes::Target::Route(r) if r.carries_credential());
    // JSON or DRF's browsable page: decided from the request, applied to
    // whatever answer comes back, errors included; surfaces never know.
    let negotiated = negotiate::negotiated(&req, &row, &target);
    let mut response = answer_routed(app, &req, row, target, head).await;
    if no_store {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    match negotiated {
        Some(negotiated) => browsable::apply(negotiated, response).await,
        None => response,
    }
}

/// The answer of the route `target` in `row`, errors rendered in the row's style.
async fn answer_routed(
    app: &App,
    req: &Request,
    row: routes::Row,
    target: routes::Target<'_>,
    head: bool,
) -> Response {
    if let Err(e) = caller::check_session_csrf(app, req).await {
        return reply::error(row.style, &e);
    }
    let routed = dispatch::serve(app, req, row, target).await;
    match routed.result {
        Ok(mut response) => {
            caller::refresh_csrf_cookie(app, req, &mut response).await;
            response
        }
        // Every route refuses OPTIONS before it looks at credentials; its `Allow` is
        // the answer's (DRF's metadata, or Django's plain view for the web client).
        Err(ApiError::MethodNotAllowed { allow, .. }) if req.method == Method::OPTIONS => {
            match row.options {
                Options::Drf => options::metadata(&req.path, &allow),
                Options::Plain => reply::allow_only(&allow),
            }
        }
        Err(ApiError::MethodNotAllowed { allow, .. }) if head => reply::error(
            routed.style,
            &ApiError::MethodNotAllowed {
                method: Method::HEAD.to_string(),
                allow,
            },
        ),
        Err(e) => error_words::error(req, routed.style, row.own, &e),
    }
}
