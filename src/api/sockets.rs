//! The socket routes: which surface's codec speaks on a socket path, after the caller
//! is known. The socket loop itself (`ws`) knows no surface.

use crate::http::error::ApiError;
use crate::http::origins::AllowedOrigins;
use crate::http::reply::{self, ErrorStyle};
use crate::http::request::Request;
use crate::http::socket_refusals::Refusal;
use crate::routing::caller;
use crate::routing::routes::{self, Auth, Route, Target};
use crate::state::App;
use crate::surfaces::{chats, dm, inbox, messenger, rooms};
use crate::ws::upgrade::Upgrade;
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
        Target::Route(Route::ChatsSocket) => chats::socket::open_all(app, ws, user).await,
        Target::Route(Route::ChatSocket { chat }) => {
            chats::socket::open_one(app, ws, user, chat).await
        }
        Target::Route(Route::DmSocket { chat }) => dm::socket::open(app, ws, user, chat).await,
        Target::Route(Route::InboxSocket { username }) => {
            inbox::socket::open(app, ws, user, username).await
        }
        Target::Route(Route::RoomSocket { room }) => rooms::socket::open(app, ws, user, room).await,
        Target::Route(Route::MessengerSocket { name }) => {
            messenger::socket::open(app, ws, user, name).await
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
