//! The messenger surface (seed 004, in Russian): profiles, posts and friends under
//! `/profiles/api/`, direct chat rooms named `a_b` and their messages under
//! `/messenger/api/`. Errors are DRF's shapes plus upstream's exact ad-hoc bodies
//! (kept verbatim, Russian included). Accounts and JWTs live in `surfaces::accounts`.

pub mod socket;

use crate::domain::messaging::chats::{self as chats_domain, ChatSummary};
use crate::domain::messaging::history;
use crate::domain::messaging::messages as messages_domain;
use crate::domain::people::social::{self, FriendRefusal, Profile};
use crate::domain::Error;
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply;
use crate::http::request::{FieldCheck, Request};
use crate::model::MessageParts;
use crate::routing::caller::Caller;
use crate::routing::ready::{self, Paged, Whose};
use crate::state::App;
use crate::store::people::users::User;
use crate::store::ChatKind;
use crate::store::{self, Conn};
use crate::store::{
    messaging::chats::Chat, messaging::messages::Order, messaging::messages::PageQuery,
    people::social::Post,
};
use serde_json::{json, Value};
use warp::reply::Response;

/// What a profile shows when the user has not set an image.
pub const DEFAULT_IMAGE: &str = "/media/user_images/default.jpg";

/// A post as upstream's `PostSerializer` shows it.
fn post_json(p: &Post) -> Value {
    json!({"id": p.id, "title": p.title, "content": p.content, "created_at": p.created_at})
}

/// A user with profile and posts (upstream's `UserWithProfileSerializer`).
fn profile_json(p: &Profile) -> Value {
    let image = if p.user.image.is_empty() {
        DEFAULT_IMAGE
    } else {
        p.user.image.as_str()
    };
    json!({
        "id": p.user.id,
        "username": p.user.username,
        "email": p.user.email,
        "profile": {"image": image, "bio": p.user.bio, "friends": p.friends},
        "posts": p.posts.iter().map(post_json).collect::<Vec<_>>(),
    })
}

/// A message as upstream's `MessageSerializer` shows it; the socket sends the same.
pub fn message_json(m: &MessageParts<'_>) -> Value {
    json!({
        "id": m.id,
        "user": m.sender.map(|u| u.username.as_str()),
        "content": m.content,
        "timestamp": m.created_at,
    })
}

/// A direct chat as a chat room: `display_name` is the other member's username.
fn room_json(s: &ChatSummary, me: i64) -> Value {
    let mut members: Vec<i64> = s.state.members.iter().map(|(u, _)| u.id).collect();
    members.sort_unstable();
    let display_name = s
        .state
        .members
        .iter()
        .find(|(u, _)| u.id != me)
        .map(|(u, _)| u.username.clone())
        .unwrap_or_else(|| "Unknown".into());
    json!({"id": s.state.chat.id, "name": s.state.chat.name, "members": members, "display_name": display_name})
}

fn verbatim(status: u16, body: Value) -> ApiError {
    ApiError::verbatim(status, body)
}

pub(crate) async fn my_profile(app: &App, me: User) -> ApiResult<Response> {
    Ok(reply::ok(profile_json(&social::profile(app, &me).await?)))
}

pub(crate) async fn update_profile(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let bio = check.take(f.string("bio"));
    let image = check.take(f.string("image"));
    check.finish()?;
    let profile = social::update_profile(app, &me, bio, image).await?;
    Ok(reply::ok(profile_json(&profile)))
}

pub(crate) async fn list_posts(app: &App, _me: User) -> ApiResult<Response> {
    let posts = social::all_posts(app).await?;
    Ok(reply::ok(posts.iter().map(post_json).collect()))
}

pub(crate) async fn create_post(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let title = check.take(f.string("title"));
    let content = check.take(f.string("content"));
    check.finish()?;
    let post = social::create_post(app, &me, title, content).await?;
    Ok(reply::created(post_json(&post)))
}

pub(crate) async fn search_user(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let username = req
        .query_param("username")
        .map(|u| u.trim().to_string())
        .unwrap_or_default();
    if username.is_empty() {
        return Err(verbatim(
            400,
            json!({"error": "Введите логин пользователя для поиска."}),
        ));
    }
    match social::find_profile(app, username).await? {
        Some(profile) => {
            let mut body = profile_json(&profile);
            let email = &profile.user.email;
            body["email"] = Value::from(crate::surfaces::emails::shown(
                app,
                &me,
                profile.user.id,
                email,
            ));
            Ok(reply::ok(body))
        }
        None => Err(verbatim(404, json!({"error": "Пользователь не найден."}))),
    }
}

/// The `username` field of the friend endpoints (upstream's `AddFriendSerializer`).
fn friend_username(req: &Request) -> ApiResult<String> {
    req.fields()?.required_string("username")
}

fn refusal(r: FriendRefusal) -> ApiError {
    match r {
        FriendRefusal::UnknownUser => {
            ApiError::field("username", "Пользователь с таким именем не найден.")
        }
        FriendRefusal::Yourself => {
            verbatim(400, json!({"message": "Нельзя добавить себя в друзья."}))
        }
        FriendRefusal::AlreadyFriends => {
            verbatim(400, json!({"message": "Пользователь уже в списке друзей."}))
        }
        FriendRefusal::NotFriends => {
            verbatim(400, json!({"message": "Пользователь не является другом."}))
        }
    }
}

pub(crate) async fn add_friend(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let username = friend_username(req)?;
    let friend = social::add_friend(app, &me, username)
        .await?
        .map_err(refusal)?;
    Ok(reply::ok(
        json!({"message": format!("{} добавлен в друзья.", friend.username)}),
    ))
}

pub(crate) async fn remove_friend(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let username = friend_username(req)?;
    let friend = social::remove_friend(app, &me, username)
        .await?
        .map_err(refusal)?;
    Ok(reply::ok(
        json!({"message": format!("{} удален из друзей.", friend.username)}),
    ))
}

pub(crate) async fn list_rooms(app: &App, me: User) -> ApiResult<Response> {
    let rooms = app
        .db
        .read(move |c| -> ApiResult<_> {
            let mut chats = chats_domain::list_for_user(c, me.id, &[ChatKind::Direct], None)?;
            chats.sort_by_key(|chat| chat.id);
            Ok(chats_domain::summaries(c, me.id, chats)?
                .iter()
                .map(|s| room_json(s, me.id))
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(reply::ok(Value::Array(rooms)))
}

pub(crate) async fn create_room(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let no_recipient = || ApiError::BadRequest("Recipient does not exist.".into());
    let recipient = req
        .fields()?
        .string("recipient")
        .ok()
        .flatten()
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .ok_or_else(no_recipient)?;
    let other = social::user_by_username(app, recipient)
        .await?
        .ok_or_else(no_recipient)?;
    let (chat, created) = chats_domain::get_or_create_direct(app, &me, other.id)
        .await
        .map_err(|e| match e {
            Error::NotFound(_) => no_recipient(),
            other => other.into(),
        })?;
    let me_id = me.id;
    let body = app
        .db
        .read(move |c| -> ApiResult<_> {
            Ok(room_json(&chats_domain::summary(c, me_id, chat)?, me_id))
        })
        .await?;
    Ok(reply::json(if created { 201 } else { 200 }, &body))
}

/// The room called `raw_name` (percent-decoded) if the caller is in it: 404 with DRF's
/// `get_object_or_404` body when no room has that name, 403 `{"error": "Access denied"}`
/// for a non-member. Shared with this surface's socket.
pub async fn member_room(app: &App, me_id: i64, raw_name: &str) -> ApiResult<Chat> {
    let raw_name = raw_name.to_string();
    app.db
        .read(move |c| member_room_on(c, me_id, &raw_name))
        .await
}

/// `member_room` on a connection the caller already holds.
fn member_room_on(c: &Conn, me_id: i64, raw_name: &str) -> ApiResult<Chat> {
    let no_room = || {
        verbatim(
            404,
            json!({"detail": "No ChatRoom matches the given query."}),
        )
    };
    let name = percent_encoding::percent_decode_str(raw_name)
        .decode_utf8()
        .map_err(|_| no_room())?;
    // No room's name holds a NUL (PostgreSQL could not even compare one).
    if name.contains('\0') {
        return Err(no_room());
    }
    match chats_domain::by_name_with_member(c, &name, me_id)? {
        None => Err(no_room()),
        Some((_, None)) => Err(verbatim(403, json!({"error": "Access denied"}))),
        Some((chat, Some(_))) => Ok(chat),
    }
}

/// The room's messages, oldest first (`?after=ID` for those after it): caller, room and
/// page in one database read.
pub(crate) async fn list_messages(
    app: &App,
    req: &Request,
    caller: Caller,
    name: &str,
) -> ApiResult<Response> {
    // Parsed first, reported after the room is known (a 404/403 comes before a 400).
    let after = match req.query_param("after").filter(|a| !a.is_empty()) {
        None => Ok(None),
        Some(a) => a
            .trim()
            .parse::<i64>()
            .map(Some)
            .map_err(|_| ApiError::field("after", "A valid integer is required.")),
    };
    let search =
        crate::domain::messaging::search::list_filter(req.query_param("search").as_deref());
    let name = name.to_string();
    let named = name.clone();
    // The room's versions when the caller is in it; any other answer (no such room, not
    // a member) comes from the build below, as it always did.
    let versions = move |c: &Conn, me: &User| match member_room_on(c, me.id, &named) {
        Ok(chat) => Ok(store::messaging::page_versions::of_chat_for_member(
            c, chat.id, me.id,
        )?),
        Err(_) => Ok(None),
    };
    let paged = ready::read(app, req, caller, Whose::Members, versions, move |c, me| {
        let chat = member_room_on(c, me.id, &name)?;
        let search = search.clone()?;
        let query = PageQuery {
            channel_only: false,
            before: None,
            after: after.clone()?,
            limit: i64::MAX,
            offset: 0,
            order: Order::OldestFirst,
            search,
        };
        Ok(history::history_of(c, chat, query)?)
    })
    .await?;
    let (history, keep) = match paged {
        Paged::Ready(response) => return Ok(response),
        Paged::Built(built, keep) => (built, keep),
    };
    Ok(keep
        .keep(reply::ok(
            history
                .messages
                .iter()
                .map(|m| message_json(&m.lend()))
                .collect(),
        ))
        .await)
}

pub(crate) async fn send_message(
    app: &App,
    req: &Request,
    caller: Caller,
    name: &str,
) -> ApiResult<Response> {
    // Read first, reported in the same order as before: caller, room, body.
    let content = req.fields().and_then(|f| f.required_string("content"));
    let name = name.to_string();
    let app2 = app.clone();
    let sent = caller
        .write(app, move |c, me| {
            let chat = member_room_on(c, me.id, &name)?;
            Ok(messages_domain::send_on(
                c,
                &app2,
                me,
                chat.id,
                content.clone()?,
                Vec::new(),
            )?)
        })
        .await?;
    let view = sent.committed(app);
    Ok(reply::created(message_json(&view.lend())))
}
