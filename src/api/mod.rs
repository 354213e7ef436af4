//! HTTP surfaces. Each module translates one API document to domain calls; `handle`
//! offers a request to each in turn and renders errors in the shape of the one that took it.
//!
//! Routing is a `match` over path segments inside each surface (not a chain of warp
//! filters): the body is read once, unknown paths are 404 and wrong methods 405 exactly,
//! and compile times stay small.

pub mod accounts;
pub mod chats;
mod chats_render;
pub mod cors;
pub mod dm;
pub mod forwarded;
pub mod inbox;
pub mod message_path;
pub mod messenger;
mod options;
pub mod origins;
pub mod reply;
pub mod request;
pub mod rooms;
pub mod web;

use crate::app::App;
use crate::error::{ApiError, ApiResult};
use reply::ErrorStyle;
use request::Request;
use warp::http::{header, Method};
use warp::reply::Response;

/// A surface's answer to a request it recognised.
pub struct Routed {
    /// How to render an error.
    pub style: ErrorStyle,
    /// The answer, or the error to render.
    pub result: ApiResult<Response>,
}

/// Answers one HTTP request, with the CORS headers its origin is granted (`api::cors`).
pub async fn handle(app: App, req: Request) -> Response {
    if let Some(preflight) = app.cors.preflight(&req.method, &req.headers) {
        return preflight;
    }
    let origin = req.headers.get(header::ORIGIN).cloned();
    let mut response = answer(&app, req).await;
    app.cors.apply(origin.as_ref(), &mut response);
    response
}

/// The answer to `req`, before CORS.
async fn answer(app: &App, mut req: Request) -> Response {
    if let Err(e) = req.check_session_csrf(app).await {
        return reply::error(style_for_path(&req.path), &e);
    }
    // HEAD is GET whose body hyper leaves out (Django's `View.setup` does the same), so
    // every `Allow` that names GET names HEAD too.
    let head = req.method == Method::HEAD;
    if head {
        req.method = Method::GET;
    }
    let routed = route(app, &req).await.unwrap_or(Routed {
        style: ErrorStyle::Drf,
        result: Err(ApiError::not_found()),
    });
    match routed.result {
        Ok(response) => response,
        // Every route refuses OPTIONS before it looks at credentials; its `Allow` is
        // the answer's (DRF's metadata).
        Err(ApiError::MethodNotAllowed { allow, .. }) if req.method == Method::OPTIONS => {
            options::metadata(&req.path, &allow)
        }
        Err(ApiError::MethodNotAllowed { allow, .. }) if head => reply::error(
            routed.style,
            &ApiError::MethodNotAllowed {
                method: Method::HEAD.to_string(),
                allow,
            },
        ),
        Err(e) => reply::error(routed.style, &e),
    }
}

async fn route(app: &App, req: &Request) -> Option<Routed> {
    if let Some(r) = web::route(req).await {
        return Some(r);
    }
    if let Some(r) = accounts::route(app, req).await {
        return Some(r);
    }
    if let Some(r) = chats::route(app, req).await {
        return Some(r);
    }
    // `/api/messages/{id}/` is shared by rooms and inbox; one module decides, after
    // authenticating, whose it is.
    if let Some(r) = message_path::route(app, req).await {
        return Some(r);
    }
    if let Some(r) = rooms::route(app, req).await {
        return Some(r);
    }
    if let Some(r) = inbox::route(app, req).await {
        return Some(r);
    }
    if let Some(r) = dm::route(app, req).await {
        return Some(r);
    }
    if let Some(r) = messenger::route(app, req).await {
        return Some(r);
    }
    None
}

/// The error style of whatever surface owns `path`, for errors raised before routing
/// (such as an oversized body).
pub fn style_for_path(path: &str) -> ErrorStyle {
    if path.starts_with("/messages/api/") {
        ErrorStyle::Chats
    } else if [
        "/api/rooms",
        "/api/files",
        "/api/auth/register",
        "/api/auth/me",
        "/api/auth/logout",
    ]
    .iter()
    .any(|p| path.starts_with(p))
        || message_path::owns(path)
    {
        ErrorStyle::Rooms
    } else {
        ErrorStyle::Drf
    }
}

/// The `surface` label of a request for the metrics, by the same path prefixes the
/// surfaces route on (socket paths too), so a request is counted even when it is
/// refused before routing. `/api/messages/{id}/`, which rooms and inbox share (DESIGN.md
/// 5.1), counts under rooms, the seed that documents it.
pub fn surface_for_path(path: &str) -> crate::metrics::SurfaceName {
    use crate::metrics::SurfaceName::*;
    let mut segs = path.split('/').filter(|s| !s.is_empty());
    let head = [segs.next(), segs.next(), segs.next()];
    let longer = segs.next().is_some();
    match head {
        [None, ..] | [Some("healthz" | "static" | "media"), ..] => Web,
        [Some("accounts"), ..] | [Some("api"), Some("auth" | "token" | "users"), _] => Accounts,
        [Some("messages"), Some("api" | "ws"), _] => Chats,
        [Some("api"), Some("rooms" | "files"), _] | [Some("ws"), Some("room" | "call"), _] => Rooms,
        [Some("api"), Some("messages"), Some(_)] if !longer => Rooms,
        [Some("api"), None | Some("messages"), _] => Inbox,
        [Some("api"), Some("chats"), _] => Dm,
        [Some("ws"), Some("chat"), Some(x)] if x.bytes().all(|b| b.is_ascii_digit()) => Dm,
        [Some("ws"), Some("chat"), Some(_)] => Inbox,
        [Some("profiles"), Some("api"), _] | [Some("messenger"), Some("api" | "ws"), _] => {
            Messenger
        }
        _ => Other,
    }
}

#[cfg(test)]
mod surface_tests {
    use super::surface_for_path;
    use crate::metrics::SurfaceName::*;

    #[test]
    fn every_surface_is_named_by_the_prefixes_it_routes_on() {
        for (path, surface) in [
            ("/", Web),
            ("/healthz", Web),
            ("/static/app.js", Web),
            ("/media/user_images/default.jpg", Web),
            ("/api/auth/login/", Accounts),
            ("/api/token/", Accounts),
            ("/api/users/3/", Accounts),
            ("/accounts/api/token/refresh/", Accounts),
            ("/messages/api/chats/1/messages/", Chats),
            ("/messages/ws/chats/1/", Chats),
            ("/api/rooms/1/messages/", Rooms),
            ("/api/files/upload/", Rooms),
            ("/ws/call/1/", Rooms),
            ("/api/messages/7/", Rooms),
            ("/api/", Inbox),
            ("/api/messages/", Inbox),
            ("/api/messages/7/update_message/", Inbox),
            ("/ws/chat/bob/", Inbox),
            ("/api/chats/create/", Dm),
            ("/ws/chat/12/", Dm),
            ("/profiles/api/posts/", Messenger),
            ("/messenger/api/chatrooms/", Messenger),
            ("/messenger/ws/ws/chat/lobby/", Messenger),
            ("/wp-login.php", Other),
        ] {
            assert_eq!(surface_for_path(path), surface, "{path}");
        }
    }
}
