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

/// Which events a new socket receives.
pub enum Feed {
    /// Every chat its user is in.
    User,
    /// One chat.
    Chat(i64),
}

/// Finishes the upgrade of a socket of `user_id` spoken by `codec`. The socket is
/// subscribed before the `101` is sent, so nothing published after the handshake is
/// missed; if the upgrade then fails, dropping the pending task unsubscribes it.
pub fn accept<C: socket::Codec>(
    app: App,
    ws: Upgrade,
    user_id: i64,
    feed: Feed,
    codec: C,
) -> Response {
    let inbox = app.hub.open_inbox(user_id);
    let subscription = match feed {
        Feed::User => app.hub.subscribe_user(&inbox.handle()),
        Feed::Chat(chat_id) => app.hub.subscribe_chat(chat_id, &inbox.handle()),
    };
    ws.accept(move |socket| socket::run(app, socket, inbox, vec![subscription], codec))
}
