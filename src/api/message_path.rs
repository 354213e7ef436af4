//! `/api/messages/{id}/`, which two seeds share (docs/api.md): seed 003 (rooms)
//! documents the path, seed 000 (inbox) routes its own messages there too. Nothing about
//! the id is looked at before the caller is known, and a message the caller may not
//! see answers exactly as one that does not exist, so the answer never tells which ids
//! exist or of what kind. The 401 and that one 404 are in the rooms shape (the seed
//! that documents the path); a room message the caller may see follows the rooms
//! surface, a direct message the caller is part of the inbox surface.

use crate::api::routed::Routed;
use crate::domain::messaging::messages::{self as messages_domain, MessageHome};
use crate::http::error::ApiError;
use crate::http::reply::ErrorStyle;
use crate::http::request::Request;
use crate::routing::routes::message_missing;
use crate::state::App;
use crate::store::people::users::User;
use crate::surfaces::{inbox, rooms};

/// Answers `/api/messages/{id}/` for `me` (the route table has checked the method and
/// authenticated the caller before the id was looked at).
pub(super) async fn answer(app: &App, req: &Request, me: User, id: i64) -> Routed {
    let rooms_shape = |result| Routed {
        style: ErrorStyle::Rooms,
        result,
    };
    let me_id = me.id;
    let home = app
        .db
        .read(move |c| messages_domain::home_of(c, me_id, id))
        .await;
    match home {
        Ok(Some(MessageHome::Room)) => rooms_shape(
            rooms::message_by_id(app, req, &me, id)
                .await
                .map_err(as_missing),
        ),
        Ok(Some(MessageHome::Direct)) => Routed {
            style: ErrorStyle::Drf,
            result: inbox::by_id(app, req, me, id).await.map_err(as_missing),
        },
        Ok(Some(MessageHome::Group) | None) => rooms_shape(Err(message_missing())),
        Err(e) => rooms_shape(Err(e.into())),
    }
}

/// A 404 met after routing (the message went away meanwhile) is the same one 404.
fn as_missing(e: ApiError) -> ApiError {
    if e.status() == 404 {
        message_missing()
    } else {
        e
    }
}
