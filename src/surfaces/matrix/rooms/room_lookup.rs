//! A room named in a path, as natter's chat, and the refusals of the routes that name
//! one: a room one is not in and a room that does not exist answer the same 403, as
//! Synapse answers.

use crate::domain::error::{Error, Missing};
use crate::domain::matrix::ids::{self, server_name};
use crate::http::error::{ApiError, ApiResult};
use crate::state::App;
use crate::surfaces::matrix::errors::{forbidden, not_found};

/// The chat a room id in the path names; any room natter does not have is the 403 a
/// room one is not in gets.
pub fn chat_of(app: &App, room: &str) -> ApiResult<i64> {
    ids::chat_of_room(room, server_name(app)).ok_or_else(not_a_member)
}

/// The answer for a room the caller is not in (or that does not exist).
pub fn not_a_member() -> ApiError {
    forbidden("You are not a member of this room")
}

/// A domain error, with a missing chat said as Matrix apps expect.
pub fn refused(e: Error) -> ApiError {
    match e {
        Error::NotFound(Missing::Chat | Missing::Room) => not_a_member(),
        Error::NotFound(Missing::User | Missing::Member) => not_found("No such user in this room"),
        Error::NotFound(Missing::Message) => not_found("No such event"),
        other => other.into(),
    }
}
