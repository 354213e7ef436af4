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

use crate::http::error::{ApiError, ApiResult};
use crate::http::origins::AllowedOrigins;
use crate::http::reply::{self, ErrorStyle};
use crate::http::request::Request;
use crate::http::socket_refusals::Refusal;
use crate::routing::caller;
use crate::routing::routes::Auth;
use crate::routing::routes::{self, Route, Target};
use crate::state::App;
use upgrade::{Handshake, Upgrade};
use warp::reply::Response;

/// Upgrades a socket request if the route table names its path a socket route; `None`
/// for any other path (plain HTTP answers it). A malformed handshake is answered 400
/// before credentials are looked at; a refused one is an HTTP error response in the
/// row's shape.
pub async fn upgrade(
    app: App,
    origins: &AllowedOrigins,
    req: Request,
    ws: Upgrade,
) -> Option<Response> {
    let (row, target) = routes::lookup(&req.path, &req.query);
    if row.auth != Auth::Socket || target == Target::NotFound {
        return None;
    }
    let ws = match ws {
        Ok(handshake) => handshake,
        Err(problem) => return Some(bad_handshake(problem)),
    };
    let (user, sign_in) = match caller::socket_user(&app, origins, &req).await {
        Ok(caller) => caller,
        Err(e) => {
            log_refusal(&req, &e);
            return Some(reply::error(row.style, &e));
        }
    };
    let ws = ws.signed_in_with(sign_in);
    let result = match target {
        Target::Route(Route::ChatsSocket) => chats::open_all(app, ws, user).await,
        Target::Route(Route::ChatSocket { chat }) => chats::open_one(app, ws, user, chat).await,
        Target::Route(Route::DmSocket { chat }) => dm::open(app, ws, user, chat).await,
        Target::Route(Route::InboxSocket { username }) => {
            inbox::open(app, ws, user, username).await
        }
        Target::Route(Route::RoomSocket { room }) => rooms::open(app, ws, user, room).await,
        Target::Route(Route::MessengerSocket { name }) => {
            messenger::open(app, ws, user, name).await
        }
        _ => Err((row.bad_id)()),
    };
    Some(result.unwrap_or_else(|e| reply::error(row.style, &e)))
}

/// Names in the log why a socket had no caller (the origin refusals are logged where they
/// are decided, in `caller::socket_user`).
fn log_refusal(req: &Request, e: &ApiError) {
    let refusal = match e {
        ApiError::InvalidToken | ApiError::InvalidJwt { .. } => Refusal::BadToken,
        ApiError::Unauthenticated if req.cookie("sessionid").is_some() => Refusal::NoSession,
        ApiError::Unauthenticated => Refusal::NoCredential,
        _ => return,
    };
    refusal.log();
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
/// missed; if the upgrade then fails, dropping the pending task unsubscribes it. A chat
/// socket's membership is asked again once subscribed, so a removal can never slip in
/// between the surface's check and the subscription (404 then). A user
/// already holding `--max-sockets-per-user` sockets is refused with 429; their other
/// sockets carry on. While the bus to other nodes is down, sockets are refused with 503.
pub async fn accept<C: socket::Codec>(
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
    // Noted before the 101 as the feed is: a sign-out from here on closes the socket.
    let signed_in = ws
        .sign_in()
        .map(|sign_in| app.hub.subscribe_sign_in(sign_in, &inbox.handle()));
    if let Feed::Chat(chat_id) = feed {
        // The surface checked membership before the subscription above. A removal that
        // committed in between revoked the sockets it could see, not this one: ask again
        // now that a later removal would reach it.
        app.db
            .read(move |c| crate::domain::chats::require_member(c, chat_id, user_id).map(|_| ()))
            .await?;
    }
    // Asked after the inbox is open: a loss of the bus from here on closes the socket.
    if !app.hub.bus_is_up() {
        return Err(ApiError::BusDown);
    }
    // What every idle socket's task holds is boxed (the app, and the subscription, the
    // cap slot and the gauge's guard): held in place, they made each idle socket about
    // 450 bytes larger once the future crossed an allocator size class (`natter-bench
    // idle`, RSS per socket: 5,414-5,546 -> 5,870-5,908 B; boxed 5,376-5,449 B).
    crate::domain::accounts::note_seen(&app, user_id);
    // Nodes of one PostgreSQL note who reads what, so none pushes what a socket shows.
    let shown = match feed {
        Feed::User => None,
        Feed::Chat(chat_id) => Some(chat_id),
    };
    let present =
        crate::domain::push::presence::note(&app, inbox.handle().id(), user_id, shown).await;
    let app = Box::new(app);
    Ok(ws.accept(move |socket| {
        socket::run(
            app,
            socket,
            inbox,
            Box::new((subscription, signed_in, slot, open, present)),
            codec,
        )
    }))
}
