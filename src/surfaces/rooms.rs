//! The rooms surface (seed 003): rooms (chats of kind `room`), their participants and
//! messages, `/api/messages/{id}/` for room messages (routed by `api::message_path`),
//! file upload and download, and the call state. Errors use the seed's `{"error",
//! "message", "details"}` envelope; every endpoint counts against the API rate limit,
//! uploads also against the upload limit.

mod frames;
pub mod socket;

use crate::domain::error::Refusal;
use crate::domain::messaging::chats::{self as chats_domain, NewGroup, RoomView};
use crate::domain::{
    calls, messaging::history, messaging::messages as messages_domain, uploads::files,
    uploads::thumbnails,
};
use crate::http::error::{ApiError, ApiResult};
use crate::http::null_chars;
use crate::http::reply::{self, PageRequest};
use crate::http::request::{required, FieldCheck, Fields, Request};
use crate::model::events::{relayed_signal, CallEvent, CallState};
use crate::model::MessageParts;
use crate::ratelimit::Limit;
use crate::routing::caller::Caller;
use crate::routing::ready::{self, Paged, Whose};
use crate::state::App;
use crate::store::{self, ChatKind, Conn};
use crate::store::{
    messaging::files::FileMeta,
    messaging::messages::{Order, PageQuery},
    people::users::User,
};
use crate::surfaces::users::{user_json, user_json_for};
use bytes::Bytes;
use serde_json::{json, Value};
use warp::http::Method;
use warp::reply::Response;

/// Rooms and messages per page, and the most a client may ask for.
const PER_PAGE: i64 = 20;
const MAX_PER_PAGE: i64 = 100;
/// Longest room name and description, in characters.
const MAX_NAME: usize = 255;
const MAX_DESCRIPTION: usize = 2_000;

/// A file's metadata as the rooms surface shows it.
pub fn file_json(f: &FileMeta) -> Value {
    to_value(frames::file(f))
}

/// A message as the rooms surface (REST and socket) shows it; its socket frame is
/// written from the same shape (`frames::message_frame`).
pub fn message_json(m: &MessageParts<'_>) -> Value {
    to_value(frames::message(m))
}

/// A shape of `frames` as a JSON value (strings, numbers and options only: it cannot
/// fail).
fn to_value(out: impl serde::Serialize) -> Value {
    serde_json::to_value(out).unwrap_or(Value::Null)
}

fn room_json(r: &RoomView) -> Value {
    json!({
        "id": r.chat.id,
        "name": r.chat.title,
        "description": r.chat.description,
        "owner": r.owner.as_ref().map(owner_json),
        "participant_count": r.participant_count,
        "max_participants": r.chat.max_participants,
        "is_private": r.chat.is_private,
        "created_at": r.chat.created_at,
        "updated_at": r.chat.updated_at,
    })
}

/// A room's owner: rendered as a message's author is (`surfaces::emails::in_messages`).
fn owner_json(u: &User) -> Value {
    let mut value = user_json(u);
    value["email"] = Value::from(crate::surfaces::emails::in_messages(&u.email));
    value
}

async fn room_response(app: &App, me: i64, room_id: i64, status: u16) -> ApiResult<Response> {
    let body = app
        .db
        .read(move |c| -> ApiResult<_> {
            Ok(room_json(&chats_domain::visible_room(c, room_id, me)?))
        })
        .await?;
    Ok(reply::json(status, &body))
}

pub(crate) async fn list_rooms(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let page = PageRequest::from_query(req, PER_PAGE, MAX_PER_PAGE)?;
    let joinable = req
        .query_param("all")
        .is_some_and(|v| matches!(v.as_str(), "1" | "true" | "yes"));
    let (count, page, rows) = app
        .db
        .read(move |c| -> ApiResult<_> {
            let rooms = chats_domain::list_rooms(c, me.id, joinable)?;
            let count = rooms.len() as i64;
            let page = page.checked(count)?;
            let slice = rooms
                .into_iter()
                .skip(page.offset() as usize)
                .take(page.size as usize)
                .collect();
            let rows: Vec<Value> = chats_domain::room_views(c, me.id, slice)?
                .iter()
                .map(room_json)
                .collect();
            Ok((count, page, rows))
        })
        .await?;
    Ok(reply::ok(reply::page_envelope(req, page, count, rows)))
}

fn room_name(raw: Option<String>) -> ApiResult<Option<String>> {
    let Some(name) = raw.map(|n| n.trim().to_string()) else {
        return Ok(None);
    };
    if name.is_empty() {
        return Err(ApiError::field("name", "Room name cannot be blank."));
    }
    if name.chars().count() > MAX_NAME {
        return Err(ApiError::field(
            "name",
            format!("Ensure this field has no more than {MAX_NAME} characters."),
        ));
    }
    Ok(Some(name))
}

fn description(raw: Option<String>) -> ApiResult<Option<String>> {
    match raw {
        Some(d) if d.chars().count() > MAX_DESCRIPTION => Err(ApiError::field(
            "description",
            format!("Ensure this field has no more than {MAX_DESCRIPTION} characters."),
        )),
        other => Ok(other),
    }
}

/// `max_participants`: absent `None`, null `Some(None)`, a positive integer `Some(Some(n))`.
fn max_participants(f: &Fields) -> ApiResult<Option<Option<i64>>> {
    match f.nullable_integer("max_participants")? {
        Some(Some(n)) if n < 1 => Err(ApiError::field(
            "max_participants",
            "Ensure this value is greater than or equal to 1.",
        )),
        other => Ok(other),
    }
}

pub(crate) async fn create_room(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let name = check.take(
        f.string("name")
            .and_then(room_name)
            .and_then(|name| required("name", name)),
    );
    let description = check.take(f.string("description").and_then(description));
    let max_participants = check.take(max_participants(&f));
    let is_private = check.take(f.boolean("is_private"));
    check.finish()?;
    let chat = chats_domain::create_group(
        app,
        &me,
        NewGroup {
            kind: ChatKind::Room,
            title: name,
            description: description.unwrap_or_default(),
            max_participants: max_participants.flatten(),
            is_private: is_private.unwrap_or(false),
            member_ids: Vec::new(),
        },
    )
    .await?;
    room_response(app, me.id, chat.id, 201).await
}

pub(crate) async fn room_detail(app: &App, me: User, room_id: i64) -> ApiResult<Response> {
    room_response(app, me.id, room_id, 200).await
}

/// The room's owner check; `not_owner` is this action's 403 text.
async fn require_owner(app: &App, me: i64, room_id: i64, not_owner: &'static str) -> ApiResult<()> {
    app.db
        .read(move |c| chats_domain::owned_room(c, room_id, me).map(|_| ()))
        .await
        .map_err(|e| ApiError::refused_as(e, Refusal::NotOwner, not_owner))
}

pub(crate) async fn update_room(
    app: &App,
    req: &Request,
    me: User,
    room_id: i64,
) -> ApiResult<Response> {
    require_owner(
        app,
        me.id,
        room_id,
        "Only the room owner can update the room.",
    )
    .await?;
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let name = check.take(f.string("name").and_then(room_name));
    let description = check.take(f.string("description").and_then(description));
    let max = check.take(max_participants(&f));
    let is_private = check.take(f.boolean("is_private"));
    check.finish()?;
    let changes = chats_domain::ChatChanges {
        title: name,
        description,
        max_participants: max,
        is_private,
        topic: None,
        image: None,
        encryption: None,
    };
    chats_domain::update_chat(app, &me, room_id, changes).await?;
    room_response(app, me.id, room_id, 200).await
}

pub(crate) async fn delete_room(app: &App, me: User, room_id: i64) -> ApiResult<Response> {
    require_owner(
        app,
        me.id,
        room_id,
        "Only the room owner can delete the room.",
    )
    .await?;
    chats_domain::delete_chat(app, &me, room_id).await?;
    Ok(reply::no_content())
}

pub(crate) async fn join(app: &App, me: User, room_id: i64) -> ApiResult<Response> {
    chats_domain::join_room(app, &me, room_id).await?;
    room_response(app, me.id, room_id, 200).await
}

async fn require_participant(app: &App, me: i64, room_id: i64) -> ApiResult<()> {
    app.db
        .read(move |c| chats_domain::participant_room(c, room_id, me).map(|_| ()))
        .await
        .map_err(ApiError::from)
}

pub(crate) async fn leave(app: &App, me: User, room_id: i64) -> ApiResult<Response> {
    require_participant(app, me.id, room_id).await?;
    chats_domain::remove_member(app, &me, room_id, me.id).await?;
    Ok(reply::no_content())
}

pub(crate) async fn participants(app: &App, me: User, room_id: i64) -> ApiResult<Response> {
    let me_id = me.id;
    let rows = app
        .db
        .read(move |c| chats_domain::room_participants(c, room_id, me_id))
        .await?;
    let body: Vec<Value> = rows
        .iter()
        .map(|(u, m)| json!({"id": m.user_id, "user": user_json_for(app, &me, u), "joined_at": m.joined_at}))
        .collect();
    Ok(reply::ok(Value::from(body)))
}

pub(crate) async fn call_state(app: &App, me: User, room_id: i64) -> ApiResult<Response> {
    require_participant(app, me.id, room_id).await?;
    Ok(reply::ok(call_state_json(
        &calls::state(app, room_id).await?,
    )))
}

pub(crate) async fn list_messages(
    app: &App,
    req: &Request,
    caller: Caller,
    room_id: i64,
) -> ApiResult<Response> {
    // Parsed first, reported in the order of the other endpoints (401, 429, the room id,
    // participation, then the page), all in one database read: the hottest read of the
    // surface takes one blocking-pool trip.
    let page = PageRequest::from_query(req, PER_PAGE, MAX_PER_PAGE);
    let search =
        crate::domain::messaging::search::list_filter(req.query_param("search").as_deref());
    let versions = move |c: &Conn, me: &User| {
        Ok(store::messaging::page_versions::of_chat_for_member(
            c, room_id, me.id,
        )?)
    };
    let paged = ready::read(app, req, caller, Whose::Members, versions, move |c, me| {
        let room = chats_domain::participant_room(c, room_id, me.id)?;
        let page = page.clone()?;
        let search = search.clone()?;
        let query = PageQuery {
            channel_only: false,
            before: None,
            after: None,
            limit: page.size,
            offset: page.offset().min(i64::MAX / 2),
            order: Order::NewestFirst,
            search,
        };
        let history = history::history_of(c, room.chat, query)?;
        Ok((history, page))
    })
    .await?;
    let ((history, page), keep) = match paged {
        Paged::Ready(response) => return Ok(response),
        Paged::Built(built, keep) => (built, keep),
    };
    let page = page.checked(history.total)?;
    let results = history
        .messages
        .iter()
        .map(|m| message_json(&m.lend()))
        .collect();
    Ok(keep
        .keep(reply::ok(reply::page_envelope(
            req,
            page,
            history.total,
            results,
        )))
        .await)
}

pub(crate) async fn send_message(
    app: &App,
    req: &Request,
    caller: Caller,
    room_id: i64,
) -> ApiResult<Response> {
    // Read first, reported in the same order as before: caller (and its rate limit),
    // room, participation, then the body; all in one write job.
    let body = req
        .fields()
        .and_then(|f| f.message_body())
        .map(|(content, attachments)| (content.trim().to_string(), attachments));
    let app2 = app.clone();
    let sent = caller
        .write_in_chat(app, room_id, move |c, me| {
            chats_domain::participant_room(c, room_id, me.id)?;
            let (content, attachments) = body.clone()?;
            Ok(messages_domain::send_on(
                c,
                &app2,
                me,
                room_id,
                content,
                attachments,
            )?)
        })
        .await?;
    let view = sent.committed(app);
    Ok(reply::created(message_json(&view.lend())))
}

/// `GET`/`DELETE /api/messages/{id}/` of a room message `me` may see (`api::message_path`
/// has authenticated the caller and found the message's home); counted against the API
/// rate limit like every endpoint of this surface.
pub async fn message_by_id(
    app: &App,
    req: &Request,
    me: &User,
    message_id: i64,
) -> ApiResult<Response> {
    app.limits.check_user(Limit::Api, me.id)?;
    match req.method {
        Method::GET => {
            let view = messages_domain::get(app, me, message_id).await?;
            Ok(reply::ok(message_json(&view.lend())))
        }
        Method::DELETE => {
            messages_domain::delete(app, me, message_id)
                .await
                .map_err(|e| ApiError::own_messages_only(e, "delete"))?;
            Ok(reply::no_content())
        }
        ref other => Err(ApiError::method_not_allowed(
            other,
            &[Method::GET, Method::DELETE],
        )),
    }
}

/// Reads the `file` part of a multipart body; `None` when there is none.
async fn file_part(req: &Request) -> ApiResult<Option<files::Upload>> {
    let no_file = || ApiError::field("file", "No file provided.");
    let Some(boundary) = req
        .header("content-type")
        .and_then(|ct| multer::parse_boundary(ct).ok())
    else {
        return Err(no_file());
    };
    let body = req.body.clone();
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let malformed = |e: multer::Error| ApiError::field("file", format!("Malformed upload: {e}"));
    while let Some(field) = multipart.next_field().await.map_err(malformed)? {
        if field.name() != Some("file") {
            continue;
        }
        let filename = field.file_name().unwrap_or("").to_string();
        let content_type = field
            .content_type()
            .map(|m| m.essence_str().to_string())
            .unwrap_or_default();
        null_chars::refuse_in_pairs([("file", filename.as_str()), ("file", &content_type)])?;
        let bytes = field.bytes().await.map_err(malformed)?;
        return Ok(Some(files::Upload {
            filename,
            content_type,
            bytes,
        }));
    }
    Ok(None)
}

pub(crate) async fn upload(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    app.limits.check_user(Limit::Upload, me.id)?;
    let part = file_part(req)
        .await?
        .ok_or_else(|| ApiError::field("file", "No file provided."))?;
    let file = files::save(app, &me, part).await?;
    // A picture's thumbnails, made on the worker while this request waits: a message
    // sent right after the upload then shows them.
    thumbnails::make_soon(app, &file).await;
    Ok(reply::created(file_json(&file)))
}

pub(crate) async fn file_detail(app: &App, me: User, file_id: i64) -> ApiResult<Response> {
    let file = files::readable(app, &me, file_id).await?;
    Ok(reply::ok(file_json(&file)))
}

pub(crate) async fn download(app: &App, me: User, file_id: i64) -> ApiResult<Response> {
    let file = files::readable(app, &me, file_id).await?;
    let (content, len) = files::open_content(app, &file).await?;
    Ok(crate::http::reply::file_download(
        content,
        len,
        &files::clean_content_type(&file.content_type),
        &files::content_disposition(&file.filename),
    ))
}

/// natter's: one of an image file's thumbnails, for those who may read the file. Its
/// address never serves other bytes (a file's thumbnails are made once), so a browser
/// keeps it for a year without asking again. A picture not read yet (a Matrix app's
/// upload, which the sweep reaches later) gets its thumbnails on this first ask, as a
/// Matrix app's thumbnail request makes them: the chat list shows such a picture small.
pub(crate) async fn thumbnail(app: &App, me: User, file_id: i64, side: i64) -> ApiResult<Response> {
    let file = files::readable(app, &me, file_id).await?;
    if file.image.is_none() {
        thumbnails::make_soon(app, &file).await;
    }
    let (content_type, bytes) = thumbnails::content(app, &file, side).await?;
    Ok(crate::http::reply::stored_picture(
        &content_type,
        bytes,
        "private, max-age=31536000, immutable",
    ))
}

/// The `{"participants", "room_state"}` object of a room's call, as `call-state/` and the
/// `call_state` frame show it. Each participant is seed 003's `{"user_id", "username",
/// "state"}` followed by natter's `microphone_on` and `camera_on` (what they said with
/// `media_state`) and `sfu` (whether their media goes through the SFU), which a client
/// that does not know them passes over.
pub fn call_state_json(state: &CallState) -> Value {
    let room_state = if state.participants.is_empty() {
        "idle"
    } else {
        "active"
    };
    json!({
        "participants": state
            .participants
            .iter()
            .map(|p| json!({
                "user_id": p.user_id, "username": p.username, "state": "active",
                "microphone_on": p.microphone_on, "camera_on": p.camera_on, "sfu": p.sfu,
            }))
            .collect::<Vec<_>>(),
        "room_state": room_state,
    })
}

/// A call event as the rooms socket sends it: `{"type", "data"}`. A relayed signal's data
/// is the sender's, with `from_user_id` first (upstream's `{"from_user_id": ..., **data}`).
pub fn call_frame(call: &CallEvent) -> Value {
    match call {
        CallEvent::State(state) => json!({"type": "call_state", "data": call_state_json(state)}),
        CallEvent::UserJoined { user_id, username } => json!({
            "type": "user_joined",
            "data": {"user": {"id": user_id, "username": username}},
        }),
        CallEvent::UserLeft { user_id } => {
            json!({"type": "user_left", "data": {"user_id": user_id}})
        }
        CallEvent::Declined {
            user_id, username, ..
        } => {
            json!({"type": "call_declined", "data": {"user_id": user_id, "username": username}})
        }
        CallEvent::Signal {
            kind,
            from_user_id,
            payload,
            ..
        } => json!({"type": kind.frame_type(), "data": relayed_signal(*from_user_id, payload)}),
    }
}
