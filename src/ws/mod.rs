//! WebSockets: one socket loop shared by every surface (`socket`), and one codec per
//! surface that turns client frames into domain calls and neutral events into frames.

pub mod chats;
pub mod dm;
mod gate;
pub mod inbox;
pub mod messenger;
pub mod rooms;
pub mod socket;
pub mod upgrade;

use crate::api::reply::{self, ErrorStyle};
use crate::api::request::Request;
use crate::app::App;
use crate::error::{ApiError, ApiResult};
use upgrade::{Handshake, Upgrade};
use warp::reply::Response;

/// The socket endpoints of the five surfaces, with their path parameter.
enum SocketPath<'a> {
    ChatsAll,
    ChatsOne(&'a str),
    Dm(&'a str),
    Inbox(&'a str),
    Rooms(&'a str),
    Messenger(&'a str),
}

impl<'a> SocketPath<'a> {
    fn of(segs: &[&'a str]) -> Option<Self> {
        Some(match *segs {
            ["messages", "ws"] => SocketPath::ChatsAll,
            ["messages", "ws", "chats", id] => SocketPath::ChatsOne(id),
            // DESIGN.md 5.1: all digits is a dm chat id, anything else an inbox username.
            ["ws", "chat", x] if x.bytes().all(|b| b.is_ascii_digit()) => SocketPath::Dm(x),
            ["ws", "chat", x] => SocketPath::Inbox(x),
            ["ws", "room" | "call", id] => SocketPath::Rooms(id),
            ["messenger", "ws", "ws", "chat", name] => SocketPath::Messenger(name),
            _ => return None,
        })
    }
}

/// Upgrades a socket request if its path belongs to a surface; `None` for unknown paths.
/// A malformed handshake is answered 400 before credentials are looked at; a refused
/// one is an HTTP error response in the surface's shape.
pub async fn upgrade(app: App, req: Request, ws: Upgrade) -> Option<Response> {
    let segs = req.segments();
    let path = SocketPath::of(&segs)?;
    let ws = match ws {
        Ok(handshake) => handshake,
        Err(problem) => return Some(bad_handshake(problem)),
    };
    let result = match path {
        SocketPath::ChatsAll => chats::open_all(app, &req, ws).await,
        SocketPath::ChatsOne(id) => chats::open_one(app, &req, ws, id).await,
        SocketPath::Dm(id) => dm::open(app, &req, ws, id).await,
        SocketPath::Inbox(name) => inbox::open(app, &req, ws, name).await,
        SocketPath::Rooms(id) => rooms::open(app, &req, ws, id).await,
        SocketPath::Messenger(name) => messenger::open(app, &req, ws, name).await,
    };
    Some(result.unwrap_or_else(|e| reply::error(ErrorStyle::Drf, &e)))
}

/// 400 with what is wrong, and the version this server speaks (RFC 6455 4.4).
fn bad_handshake(problem: &str) -> Response {
    let mut response = reply::error(ErrorStyle::Drf, &ApiError::BadRequest(problem.into()));
    response.headers_mut().insert(
        warp::http::header::SEC_WEBSOCKET_VERSION,
        warp::http::HeaderValue::from_static("13"),
    );
    response
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
/// missed; if the upgrade then fails, dropping the pending task unsubscribes it. A user
/// already holding `--max-sockets-per-user` sockets is refused with 429; their other
/// sockets carry on.
pub fn accept<C: socket::Codec>(
    app: App,
    ws: Handshake,
    user_id: i64,
    feed: Feed,
    codec: C,
) -> ApiResult<Response> {
    let slot = app
        .sockets_per_user
        .try_take(user_id)
        .ok_or(ApiError::TooManySockets(app.config.max_sockets_per_user))?;
    let open = app
        .metrics
        .open_sockets
        .open(socket::surface_name(C::SURFACE));
    let inbox = app.hub.open_inbox(user_id);
    let subscription = match feed {
        Feed::User => app.hub.subscribe_user(&inbox.handle()),
        Feed::Chat(chat_id) => app.hub.subscribe_chat(chat_id, &inbox.handle()),
    };
    // What every idle socket's task holds is boxed (the app, and the subscription, the
    // cap slot and the gauge's guard): held in place, they made each idle socket about
    // 450 bytes larger once the future crossed an allocator size class (`natter-bench
    // idle`, RSS per socket: 5,414-5,546 -> 5,870-5,908 B; boxed 5,376-5,449 B).
    let app = Box::new(app);
    Ok(ws.accept(move |socket| {
        socket::run(
            app,
            socket,
            inbox,
            Box::new((subscription, slot, open)),
            codec,
        )
    }))
}
