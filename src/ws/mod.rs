//! WebSockets: one socket loop shared by every surface (`socket`), and one codec per
//! surface that turns client frames into domain calls and neutral events into frames.

pub mod chats;
pub mod dm;
pub mod inbox;
pub mod messenger;
pub mod rooms;
pub mod socket;
pub mod upgrade;

use crate::api::reply::{self, ErrorStyle};
use crate::api::request::Request;
use crate::app::App;
use upgrade::Upgrade;
use warp::reply::Response;

/// Upgrades a socket request if its path belongs to a surface; `None` for unknown paths.
/// A refused handshake is an HTTP error response in the surface's shape.
pub async fn upgrade(app: App, req: Request, ws: Upgrade) -> Option<Response> {
    let segs = req.segments();
    let result = match segs.as_slice() {
        ["messages", "ws"] => chats::open_all(app, &req, ws).await,
        ["messages", "ws", "chats", id] => chats::open_one(app, &req, ws, id).await,
        // DESIGN.md 5.1: all digits is a dm chat id, anything else an inbox username.
        ["ws", "chat", x] if x.bytes().all(|b| b.is_ascii_digit()) => {
            dm::open(app, &req, ws, x).await
        }
        ["ws", "chat", x] => inbox::open(app, &req, ws, x).await,
        ["ws", "room" | "call", id] => rooms::open(app, &req, ws, id).await,
        ["messenger", "ws", "ws", "chat", name] => messenger::open(app, &req, ws, name).await,
        _ => return None,
    };
    Some(result.unwrap_or_else(|e| reply::error(ErrorStyle::Drf, &e)))
}

/// Finishes the upgrade with `run` driving the socket.
pub fn accept<F, Fut>(ws: Upgrade, run: F) -> Response
where
    F: FnOnce(upgrade::Socket) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    ws.accept(run)
}
