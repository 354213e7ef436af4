//! natter's administrators' API, under `/api/admin/`, in DRF's shape:
//! people, invitations, moderation and the audit list. Every route checks, in the
//! domain, that the caller is an administrator now (`domain::administration::admin::Actor::admin`).

use crate::domain::administration::admin::{self, Person};
use crate::domain::administration::moderation::{self, Names, PersonName};
use crate::domain::error::{Error, Problem};
use crate::domain::mail;
use crate::domain::people::actor::Actor;
use crate::domain::people::first_day;
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply::{self, PageRequest};
use crate::http::request::{FieldCheck, Request};
use crate::routing::routes::PersonAction;
use crate::state::App;
use crate::store::{audit, people::invitations::Invitation, people::users::User, ChatKind};
use serde_json::{json, Value};
use warp::reply::Response;

fn person_json(p: &Person) -> Value {
    let u = &p.user;
    json!({
        "id": u.id,
        "username": u.username,
        "email": u.email,
        "email_confirmed": p.email_confirmed,
        "display_name": u.display_name,
        "is_active": u.is_active,
        "is_admin": u.is_admin,
        "date_joined": u.created_at,
        "last_seen": u.last_seen_at,
        "storage_bytes": p.storage_bytes,
    })
}

/// An invitation with its join link on the origin the administrator used.
fn invitation_json(req: &Request, i: &Invitation) -> Value {
    json!({
        "id": i.id,
        "code": i.code,
        "link": format!("{}/join/{}", req.base_url(), i.code),
        "max_uses": i.max_uses,
        "uses": i.uses,
        "expires_at": i.expires_at,
        "created_at": i.created_at,
        "created_by": i.created_by.as_ref().map(|(id, name)| json!({"id": id, "username": name})),
        "revoked": i.revoked_at.is_some(),
        "valid": i.valid_at(&crate::store::clock::now()),
    })
}

fn entry_json(e: &audit::Entry, names: &Names) -> Value {
    let detail: Value = serde_json::from_str(&e.detail).unwrap_or_else(|_| json!({}));
    let person = |p: &PersonName| json!({"id": p.id, "username": p.username, "display_name": p.display_name, "is_active": p.is_active});
    let mut named = serde_json::Map::new();
    if let Some(p) = &names.user {
        named.insert("user".into(), person(p));
    }
    if let Some(ch) = &names.chat {
        named.insert(
            "chat".into(),
            json!({"id": ch.id, "kind": ch.kind, "title": ch.title}),
        );
    }
    if let Some(p) = &names.sender {
        named.insert("sender".into(), person(p));
    }
    json!({
        "id": e.id,
        "at": e.at,
        "actor": e.actor.as_ref().map(|(id, name)| json!({"id": id, "username": name})),
        "action": e.action,
        "target": e.target,
        "detail": detail,
        "names": named,
    })
}

/// `GET /api/admin/users/?search=&page=&page_size=`.
pub(crate) async fn people(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    Actor::admin(me)?;
    let search = req.query_param("search").unwrap_or_default();
    let asked = PageRequest::from_query(req, 50, 500)?;
    let (page, count, people) = reply::read_page(asked, |size, offset| {
        admin::people(app, search.clone(), size, offset)
    })
    .await?;
    let rows = people.iter().map(person_json).collect();
    Ok(reply::ok(reply::page_envelope(req, page, count, rows)))
}

/// `GET /api/admin/users/{id}/`.
pub(crate) async fn person(app: &App, me: User, id: i64) -> ApiResult<Response> {
    Actor::admin(me)?;
    Ok(reply::ok(person_json(&admin::person(app, id).await?)))
}

/// `POST /api/admin/users/{id}/{action}/`.
pub(crate) async fn act_on_person(
    app: &App,
    req: &Request,
    me: User,
    id: i64,
    action: PersonAction,
) -> ApiResult<Response> {
    let actor = Actor::admin(me)?;
    let done = match action {
        PersonAction::Deactivate => admin::set_active(app, actor, id, false).await,
        PersonAction::Reactivate => admin::set_active(app, actor, id, true).await,
        PersonAction::Promote => admin::set_admin(app, actor, id, true).await,
        PersonAction::Demote => admin::set_admin(app, actor, id, false).await,
        PersonAction::PasswordReset => {
            let (token, expires_at) = admin::reset_link(app, actor, id).await?;
            return Ok(reply::created(json!({
                "link": format!("{}/reset/{token}", req.base_url()),
                "token": token,
                "expires_at": expires_at,
            })));
        }
    };
    Ok(reply::ok(person_json(&done.map_err(refused)?)))
}

/// A rule the change breaks (the last administrator, one's own account, a direct chat)
/// as `{"detail": ...}`, this API's shape, rather than DRF's bare list.
fn refused(e: Error) -> ApiError {
    match ApiError::from(e) {
        ApiError::BadRequest(text) => ApiError::verbatim(400, json!({ "detail": text })),
        other => other,
    }
}

/// `GET /api/admin/invitations/`.
pub(crate) async fn invitations(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    Actor::admin(me)?;
    let all = admin::invitations(app).await?;
    let rows = all.iter().map(|i| invitation_json(req, i)).collect();
    Ok(reply::ok(Value::Array(rows)))
}

/// `POST /api/admin/invitations/`: `max_uses` (default 1; null: any number) and
/// `expires_in` (`7d`, `12h`, `30m` or seconds; default 7 days; null: never).
pub(crate) async fn invite(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let inviter = me.shown_name().to_string();
    let inviter_id = me.id;
    let actor = Actor::admin(me)?;
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let emails = check.take(f.string_list("emails")).unwrap_or_default();
    let emails = match emails.is_empty() {
        true => Vec::new(),
        false => check.take(mail::invitees(app, emails).map_err(ApiError::from)),
    };
    // Mailed to several people, an invitation admits each of them unless told otherwise.
    let max_uses = match f.has("max_uses") {
        true => check.take(f.nullable_integer("max_uses")).flatten(),
        false => Some((emails.len() as i64).max(1)),
    };
    let expires_in = check.take(expiry(f.value("expires_in")));
    check.finish()?;
    let mails = mail::invitation_mails(app, inviter_id, inviter, emails.clone());
    let invitation = admin::invite_and_then(app, actor, max_uses, expires_in, mails).await?;
    let mut body = invitation_json(req, &invitation);
    if !emails.is_empty() {
        body["mailed"] = json!(emails);
    }
    Ok(reply::created(body))
}

/// `expires_in` as seconds: absent is 7 days, null never.
fn expiry(value: Option<&Value>) -> ApiResult<Option<i64>> {
    const WEEK: i64 = 7 * 86_400;
    let bad = || {
        ApiError::from(crate::domain::error::Error::field(
            "expires_in",
            Problem::BadDuration,
        ))
    };
    match value {
        None => Ok(Some(WEEK)),
        Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n.as_i64().filter(|s| *s > 0).map(Some).ok_or_else(bad),
        Some(Value::String(s)) => crate::kit::expiry::parse_expiry(s).ok_or_else(bad),
        Some(_) => Err(bad()),
    }
}

/// `DELETE /api/admin/invitations/{id}/`: revoked, kept.
pub(crate) async fn revoke(app: &App, me: User, id: i64) -> ApiResult<Response> {
    admin::revoke_invitation(app, Actor::admin(me)?, id).await?;
    Ok(reply::no_content())
}

/// `DELETE /api/admin/messages/{id}/`.
pub(crate) async fn remove_message(app: &App, me: User, id: i64) -> ApiResult<Response> {
    admin::remove_message(app, Actor::admin(me)?, id).await?;
    Ok(reply::no_content())
}

/// `GET /api/admin/chats/?search=&page=&page_size=`: groups and rooms, newest first.
pub(crate) async fn chats(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    Actor::admin(me)?;
    let search = req.query_param("search").unwrap_or_default();
    let asked = PageRequest::from_query(req, 50, 500)?;
    let (page, count, chats) = reply::read_page(asked, |size, offset| {
        moderation::chats_page(app, search.clone(), size, offset)
    })
    .await?;
    let defaults = first_day::default_rooms(app).await?;
    let rows = chats
        .iter()
        .map(|(chat, members)| {
            json!({
                "id": chat.id,
                "chat_type": if chat.kind == ChatKind::Room { "room" } else { "group" },
                "title": chat.title,
                "member_count": members,
                "message_count": chat.message_count,
                "is_archived": chat.archived_at.is_some(),
                "is_default": defaults.contains(&chat.id),
                "created_at": chat.created_at,
                "updated_at": chat.updated_at,
            })
        })
        .collect();
    Ok(reply::ok(reply::page_envelope(req, page, count, rows)))
}

/// `DELETE /api/admin/chats/{id}/`.
pub(crate) async fn remove_chat(app: &App, me: User, id: i64) -> ApiResult<Response> {
    admin::remove_chat(app, Actor::admin(me)?, id)
        .await
        .map_err(refused)?;
    Ok(reply::no_content())
}

/// `DELETE /api/admin/chats/{id}/members/{user}/`.
pub(crate) async fn remove_member(
    app: &App,
    me: User,
    chat: i64,
    user: i64,
) -> ApiResult<Response> {
    moderation::remove_member(app, Actor::admin(me)?, chat, user)
        .await
        .map_err(refused)?;
    Ok(reply::no_content())
}

/// `POST` (archive) or `DELETE` (unarchive) `/api/admin/chats/{id}/archive/`.
pub(crate) async fn archive(app: &App, me: User, chat: i64, archived: bool) -> ApiResult<Response> {
    let chat = moderation::set_archived(app, Actor::admin(me)?, chat, archived)
        .await
        .map_err(refused)?;
    Ok(reply::ok(json!({
        "id": chat.id,
        "is_archived": chat.archived_at.is_some(),
    })))
}

/// `POST` (every newcomer starts in it) or `DELETE` (no longer)
/// `/api/admin/chats/{id}/default/`: rooms only.
pub(crate) async fn set_default(app: &App, me: User, chat: i64, on: bool) -> ApiResult<Response> {
    let is_default = first_day::set_default(app, Actor::admin(me)?, chat, on)
        .await
        .map_err(refused)?;
    Ok(reply::ok(json!({ "id": chat, "is_default": is_default })))
}

/// `GET /api/admin/audit/?page=`.
pub(crate) async fn audit(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    Actor::admin(me)?;
    let asked = PageRequest::from_query(req, 50, 500)?;
    let (page, count, entries) = reply::read_page(asked, |size, offset| {
        moderation::audit_page(app, size, offset)
    })
    .await?;
    let rows = entries
        .iter()
        .map(|(e, names)| entry_json(e, names))
        .collect();
    Ok(reply::ok(reply::page_envelope(req, page, count, rows)))
}
