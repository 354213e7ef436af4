//! HTTP surfaces. Each module translates one API document to domain calls; `handle`
//! offers a request to each in turn and renders errors in the shape of the one that took it.
//!
//! Routing is a `match` over path segments inside each surface (not a chain of warp
//! filters): the body is read once, unknown paths are 404 and wrong methods 405 exactly,
//! and compile times stay small.

pub mod accounts;
pub mod chats;
mod chats_render;
pub mod dm;
pub mod inbox;
pub mod message_path;
pub mod messenger;
pub mod origins;
pub mod reply;
pub mod request;
pub mod rooms;
pub mod web;

use crate::app::App;
use crate::error::{ApiError, ApiResult};
use reply::ErrorStyle;
use request::Request;
use warp::reply::Response;

/// A surface's answer to a request it recognised.
pub struct Routed {
    /// How to render an error.
    pub style: ErrorStyle,
    /// The answer, or the error to render.
    pub result: ApiResult<Response>,
}

/// Answers one HTTP request.
pub async fn handle(app: App, req: Request) -> Response {
    if let Err(e) = req.check_session_csrf(&app).await {
        return reply::error(style_for_path(&req.path), &e);
    }
    let routed = route(&app, &req).await.unwrap_or(Routed {
        style: ErrorStyle::Drf,
        result: Err(ApiError::not_found()),
    });
    match routed.result {
        Ok(response) => response,
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
