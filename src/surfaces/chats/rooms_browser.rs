//! natter's rooms in this surface: the rooms browser's list (`/messages/api/rooms/`:
//! every public room and the private ones the caller is in, with member counts, topics
//! and whether the caller is in each, the most recently active first), and archiving or
//! unarchiving a group or room by its own administrators
//! (`/messages/api/chats/{id}/archive/`).

use crate::domain::messaging::room_admin;
use crate::http::error::ApiResult;
use crate::http::reply::{self, PageRequest};
use crate::http::request::Request;
use crate::state::App;
use crate::store::people::users::User;
use serde_json::json;
use warp::reply::Response;

/// `GET /messages/api/rooms/?search=&page=&page_size=` -> DRF's page envelope of
/// `{"id", "name", "title", "topic", "purpose", "member_count", "is_member",
/// "max_participants", "is_private", "is_archived", "last_activity_at"}`.
pub(crate) async fn browse(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let search = req.query_param("search").unwrap_or_default();
    let asked = PageRequest::from_query(req, 50, 200)?;
    let (page, count, rooms) = reply::read_page(asked, |size, offset| {
        room_admin::browse(app, me.id, search.clone(), size, offset)
    })
    .await?;
    let rows = rooms
        .iter()
        .map(|r| {
            json!({
                "id": r.chat.id,
                "name": r.chat.shown_name(),
                "title": r.chat.title,
                "topic": r.chat.topic,
                "purpose": r.chat.description,
                "member_count": r.member_count,
                "max_participants": r.chat.max_participants,
                "is_member": r.is_member,
                "is_private": r.chat.is_private,
                "is_archived": r.chat.archived_at.is_some(),
                "last_activity_at": r.chat.updated_at,
            })
        })
        .collect();
    Ok(reply::ok(reply::page_envelope(req, page, count, rows)))
}

/// `POST` (archive) or `DELETE` (unarchive) `/messages/api/chats/{id}/archive/`, by one
/// of the chat's administrators -> `{"id", "is_archived"}`.
pub(crate) async fn archive(
    app: &App,
    me: User,
    chat_id: i64,
    archived: bool,
) -> ApiResult<Response> {
    let chat = room_admin::set_archived(app, &me, chat_id, archived).await?;
    Ok(reply::ok(json!({
        "id": chat.id,
        "is_archived": chat.archived_at.is_some(),
    })))
}
