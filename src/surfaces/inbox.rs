//! The inbox surface (seed 000), mounted at `/api/messages/`: the caller's one-to-one
//! messages with everyone, named by user id. Each conversation is the pair's `direct`
//! chat, shared with every other surface; sending goes through `domain::messaging::messages::send`.

pub mod socket;

use crate::domain::messaging::chats as chats_domain;
use crate::domain::messaging::messages::{self as messages_domain, MAX_CONTENT_CHARS};
use crate::domain::messaging::views::ViewBuilder;
use crate::domain::Error;
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply::{self, PageRequest};
use crate::http::request::{required, FieldCheck, Fields, Request};
use crate::model::{MessageParts, MessageView};
use crate::routing::caller::Caller;
use crate::routing::ready::{self, Paged, Whose};
use crate::state::App;
use crate::store::{self, people::users::User, Conn};
use serde_json::{json, Value};
use std::collections::hash_map::{Entry, HashMap};
use warp::http::Method;
use warp::reply::Response;

/// Messages per page, and the most a client may ask for (larger sizes are clamped).
const PAGE_SIZE: i64 = 10;
const MAX_PAGE_SIZE: i64 = 100;

/// The 403 texts of the two actions, as upstream words them (its socket says the same).
pub(crate) const NOT_YOUR_EDIT: &str = "You can only edit your own messages";
pub(crate) const NOT_YOUR_DELETE: &str = "You can only delete your own messages";
/// The 404 text of a message that is missing or not the caller's.
pub(crate) const NO_MESSAGE: &str = "No Message matches the given query.";

/// A message as this surface shows it: users by id.
pub fn message_json(m: &MessageParts<'_>) -> Value {
    json!({
        "id": m.id,
        "sender": m.sender.map(|u| u.id),
        "receiver": m.receiver.map(|u| u.id),
        "content": m.content,
        "timestamp": m.created_at,
    })
}

fn no_message() -> ApiError {
    ApiError::NotFound(NO_MESSAGE.into())
}

/// DRF's router root.
pub(crate) async fn api_root(req: &Request) -> ApiResult<Response> {
    Ok(reply::ok(
        json!({"messages": format!("{}/api/messages/", req.base_url())}),
    ))
}

pub(crate) async fn list(app: &App, req: &Request, caller: Caller) -> ApiResult<Response> {
    // Parsed first, reported after the caller is known (a 401 comes before a 404).
    let page = PageRequest::from_query(req, PAGE_SIZE, MAX_PAGE_SIZE);
    let username = req.query_param("user").filter(|u| !u.is_empty());
    let search =
        crate::domain::messaging::search::list_filter(req.query_param("search").as_deref());
    let versions = |c: &Conn, me: &User| {
        Ok(Some(store::messaging::page_versions::of_members_chats(
            c, me.id, true,
        )?))
    };
    let paged = ready::read(app, req, caller, Whose::Own, versions, move |c, me| {
        let page = page.clone()?;
        let search = search.clone()?;
        // `user` matches sender OR receiver; an unknown name matches nothing.
        let with_user = match username.clone() {
            None => None,
            Some(name) => match store::people::users::by_username(c, &name)? {
                Some(u) => Some(u.id),
                None => return Ok((0, page.checked(0)?, Vec::new())),
            },
        };
        let fetch = |p: PageRequest| {
            store::messaging::messages::direct_page_for_user(
                c,
                me.id,
                with_user,
                search.as_ref(),
                p.size,
                p.offset().min(i64::MAX / 2),
            )
        };
        let (count, mut rows) = fetch(page)?;
        let checked = page.checked(count)?;
        if checked.page != page.page {
            // `page=last`, resolved now that the count is known.
            rows = fetch(checked)?.1;
        }
        let mut builders: HashMap<i64, ViewBuilder> = HashMap::new();
        let mut results = Vec::with_capacity(rows.len());
        for row in rows {
            let builder = match builders.entry(row.chat_id) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(v) => {
                    let chat =
                        store::messaging::chats::by_id(c, row.chat_id)?.ok_or_else(no_message)?;
                    v.insert(ViewBuilder::new(c, chat)?)
                }
            };
            results.push(message_json(&builder.view(row)?.lend()));
        }
        Ok((count, checked, results))
    })
    .await?;
    let ((count, page, results), keep) = match paged {
        Paged::Ready(response) => return Ok(response),
        Paged::Built(built, keep) => (built, keep),
    };
    Ok(keep
        .keep(reply::ok(reply::page_envelope(req, page, count, results)))
        .await)
}

/// Reads `receiver` as DRF's PrimaryKeyRelatedField does (whether it exists is asked later).
fn receiver_field(f: &Fields) -> ApiResult<i64> {
    required("receiver", f.pk("receiver")?)
}

/// Reads `content` as DRF's CharField does (trimmed, not blank, bounded).
fn content_field(f: &Fields) -> ApiResult<String> {
    let content = f.required_string("content")?;
    if content.chars().count() > MAX_CONTENT_CHARS {
        return Err(ApiError::field(
            "content",
            format!("Ensure this field has no more than {MAX_CONTENT_CHARS} characters."),
        ));
    }
    Ok(content)
}

pub(crate) async fn send(app: &App, req: &Request, caller: Caller) -> ApiResult<Response> {
    // Read first, reported after the caller is known (a 401 comes before field errors).
    let checked = (|| {
        let f = req.fields()?;
        let mut check = FieldCheck::default();
        let receiver = check.take(receiver_field(&f));
        let content = check.take(content_field(&f));
        check.finish().map(|()| (receiver, content))
    })();
    // Most sends go to someone the caller has written to before: the caller's check, the
    // direct chat and the message in one send job, which the writer runs beside other
    // sends (`Db::send_in_found_chat`). A send job may make no chat, so the first message
    // to someone makes their direct chat in a write job of its own, as the caller the
    // send job checked a moment before.
    let app2 = app.clone();
    let found = caller
        .write_in_found_chat(app, {
            let checked = checked.clone();
            move |c, me| {
                let (receiver, content) = checked.clone()?;
                let found = chats_domain::existing_direct_on(c, me, receiver)
                    .map_err(|e| receiver_error(e, receiver))?;
                Ok(match found {
                    Ok(direct) => Found::Sent(messages_domain::send_direct_on(
                        c, &app2, me, &direct, content,
                    )?),
                    Err(_) => Found::NoChat(Box::new(me.clone())),
                })
            }
        })
        .await?;
    let sent = match found {
        Found::Sent(sent) => sent,
        Found::NoChat(me) => {
            let app2 = app.clone();
            app.db
                .write(move |c| -> ApiResult<messages_domain::Sent> {
                    let (receiver, content) = checked.clone()?;
                    let direct = chats_domain::direct_on(c, &me, receiver)
                        .map_err(|e| receiver_error(e, receiver))?;
                    Ok(messages_domain::send_direct_on(
                        c, &app2, &me, &direct, content,
                    )?)
                })
                .await?
        }
    };
    let view = sent.committed(app);
    Ok(reply::created(message_json(&view.lend())))
}

/// What the inbox's send job found: the message sent, or no direct chat yet with the
/// receiver (then the caller it checked).
enum Found {
    Sent(messages_domain::Sent),
    NoChat(Box<User>),
}

/// A receiver that is no one to write to, as DRF's PrimaryKeyRelatedField says it.
fn receiver_error(e: Error, receiver: i64) -> ApiError {
    match e {
        Error::NotFound(_) => ApiError::field(
            "receiver",
            format!("Invalid pk \"{receiver}\" - object does not exist."),
        ),
        other => other.into(),
    }
}

/// A direct message `me` is part of; missing, deleted, someone else's, group and room
/// messages are all the same 404.
async fn direct_view(app: &App, me: &User, id: i64) -> ApiResult<MessageView> {
    let view = messages_domain::get(app, me, id)
        .await
        .map_err(|e| match e {
            Error::NotFound(_) => no_message(),
            other => other.into(),
        })?;
    if !view.in_direct_chat {
        return Err(no_message());
    }
    Ok(view)
}

/// `GET`/`PUT`/`PATCH`/`DELETE /api/messages/{id}/` of a direct message `me` is part of
/// (`api::message_path` has authenticated the caller and found the message's home).
pub async fn by_id(app: &App, req: &Request, me: User, id: i64) -> ApiResult<Response> {
    let view = direct_view(app, &me, id).await?;
    match req.method {
        Method::GET => Ok(reply::ok(message_json(&view.lend()))),
        Method::PUT | Method::PATCH => replace(app, req, view, me).await,
        Method::DELETE => remove(app, view, me).await,
        ref other => Err(ApiError::method_not_allowed(
            other,
            &[Method::GET, Method::PUT, Method::PATCH, Method::DELETE],
        )),
    }
}

/// `PUT`/`PATCH /api/messages/{id}/`: a content change by the sender (`receiver` is
/// fixed once sent and ignored here).
async fn replace(app: &App, req: &Request, view: MessageView, me: User) -> ApiResult<Response> {
    let f = req.fields()?;
    if req.method == Method::PATCH && !f.has("content") {
        return Ok(reply::ok(message_json(&view.lend())));
    }
    let content = content_field(&f)?;
    if view.sender.as_deref().map(|u| u.id) != Some(me.id) {
        return Err(ApiError::verbatim(403, json!({"error": NOT_YOUR_EDIT})));
    }
    let view = messages_domain::edit(app, &me, view.id, content)
        .await
        .map_err(|e| inbox_error(e, NOT_YOUR_EDIT))?;
    Ok(reply::ok(message_json(&view.lend())))
}

pub(crate) async fn update_message(
    app: &App,
    req: &Request,
    me: User,
    id: i64,
) -> ApiResult<Response> {
    let view = direct_view(app, &me, id).await?;
    if view.sender.as_deref().map(|u| u.id) != Some(me.id) {
        return Err(ApiError::verbatim(403, json!({"error": NOT_YOUR_EDIT})));
    }
    let content = req
        .fields()?
        .string("content")
        .ok()
        .flatten()
        .map(|s| s.trim().to_string())
        .unwrap_or_default();
    if content.is_empty() {
        return Err(ApiError::verbatim(
            400,
            json!({"error": "Message content cannot be empty"}),
        ));
    }
    let view = messages_domain::edit(app, &me, view.id, content)
        .await
        .map_err(|e| inbox_error(e, NOT_YOUR_EDIT))?;
    Ok(reply::ok(message_json(&view.lend())))
}

pub(crate) async fn delete(app: &App, me: User, id: i64) -> ApiResult<Response> {
    let view = direct_view(app, &me, id).await?;
    remove(app, view, me).await
}

/// Deletes a direct message the caller sent (403 for the receiver).
async fn remove(app: &App, view: MessageView, me: User) -> ApiResult<Response> {
    if view.sender.as_deref().map(|u| u.id) != Some(me.id) {
        return Err(ApiError::verbatim(403, json!({"error": NOT_YOUR_DELETE})));
    }
    messages_domain::delete(app, &me, view.id)
        .await
        .map_err(|e| inbox_error(e, NOT_YOUR_DELETE))?;
    Ok(reply::no_content())
}

/// The domain's refusal and not-found in this surface's words (for races after the
/// checks above); `not_sender` is the refused action's 403 text.
fn inbox_error(e: Error, not_sender: &str) -> ApiError {
    match e {
        Error::Forbidden(_) => ApiError::verbatim(403, json!({"error": not_sender})),
        Error::NotFound(_) => no_message(),
        other => other.into(),
    }
}
