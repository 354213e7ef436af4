//! WebSockets: the handshake (`upgrade`), the subscription a new socket starts with
//! (`accept`), and the one socket loop every surface shares (`socket`). Each surface's
//! codec, which turns client frames into domain calls and events into frames, lives
//! with that surface's routes.

mod gate;
pub mod socket;
pub mod upgrade;

use crate::http::error::{ApiError, ApiResult};
use crate::state::App;
use upgrade::Handshake;
use warp::reply::Response;

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
            .read(move |c| {
                crate::domain::messaging::chats::require_member(c, chat_id, user_id).map(|_| ())
            })
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
    crate::domain::people::accounts::note_seen(&app, user_id);
    // Nodes of one PostgreSQL note who reads what, so none pushes what a socket shows.
    let shown = match feed {
        Feed::User => None,
        Feed::Chat(chat_id) => Some(chat_id),
    };
    let present =
        crate::domain::messaging::presence::note(&app, inbox.handle().id(), user_id, shown).await;
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
