//! The chats surface (seed 001), mounted at `/messages/api/`: chats, members, messages,
//! reactions, read receipts, typing and user search.

use crate::domain::error::Error;
use crate::domain::messaging::chats::{self as chats_domain, NewGroup};
use crate::domain::messaging::history;
use crate::domain::messaging::messages as messages_domain;
use crate::domain::messaging::search as search_domain;
use crate::domain::messaging::threads::ReplyTarget;
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply::{self, PageRequest};
use crate::http::request::{FieldCheck, Fields, Request};
use crate::model::ChatState;
use crate::model::{MessageView, UserBrief};
use crate::routing::caller::Caller;
use crate::routing::ready::{self, Paged, Whose};
use crate::state::App;
use crate::store::people::users::User;
use crate::store::{
    self, messaging::chats::Chat, messaging::messages::Order, messaging::messages::PageQuery,
    messaging::search::SearchQuery,
};
use crate::store::{ChatKind, Conn, MemberRole};
use serde_json::{json, Map, Value};

pub mod avatar;
#[cfg(test)]
mod history_pin;
pub mod pins;
pub mod previews;
pub mod render;
pub mod rooms_browser;
pub mod saved;
pub mod scheduled;
pub mod search;
pub mod socket;
pub mod status;
pub mod threads;
pub mod user_groups;

use avatar::avatar_url;
use render::{attachments_json, MessageOut, MessagesJson};
pub use render::{message_json, reactions_json, thread_json, user_json};
use warp::reply::Response;

/// Messages per page, and the most a client may ask for.
const MESSAGES_PER_PAGE: i64 = 50;
const MAX_MESSAGES_PER_PAGE: i64 = 200;
/// Chats per page.
const CHATS_PER_PAGE: i64 = 10;

/// `dm`, `group` or `room`, as this surface names chat kinds.
pub fn chat_type(kind: ChatKind) -> &'static str {
    match kind {
        ChatKind::Direct => "dm",
        ChatKind::Room => "room",
        ChatKind::Group => "group",
    }
}

/// Whether `title_for` depends on who reads it: a direct chat without a title is named
/// after the other member.
pub fn title_depends_on_reader(chat: &Chat) -> bool {
    chat.title.is_empty() && chat.kind == ChatKind::Direct
}

/// A group made without a title (natter's web client makes such groups for group direct
/// messages): this surface shows its members' names as its `title`, and natter's
/// `untitled: true` says the name was made, so a client may name it its own way.
fn is_untitled_group(chat: &Chat) -> bool {
    chat.title.is_empty() && chat.kind == ChatKind::Group
}

pub(crate) fn title_for(
    chat: &Chat,
    me: i64,
    members: &[(UserBrief, store::messaging::chats::Member)],
) -> String {
    if is_untitled_group(chat) {
        let names: Vec<String> = members
            .iter()
            .map(|(u, _)| u.display_name.clone())
            .collect();
        return chats_domain::shown_title(chat, &names);
    }
    if !title_depends_on_reader(chat) {
        return chat.title.clone();
    }
    members
        .iter()
        .find(|(u, _)| u.id != me)
        .or_else(|| members.first())
        .map(|(u, _)| u.display_name.clone())
        .unwrap_or_default()
}

/// A chat as this surface renders it for `me`; `unread_count` (and natter's
/// `channel_unread_count`, without the replies kept in threads) only when given (a
/// `chat_updated` event goes to every member, and the count is each reader's own).
pub fn chat_json(s: &ChatState, unread: Option<(i64, i64)>, me: i64, with_admins: bool) -> Value {
    let mut v = Map::new();
    v.insert("id".into(), json!(s.chat.id));
    v.insert("title".into(), json!(title_for(&s.chat, me, &s.members)));
    v.insert("chat_type".into(), json!(chat_type(s.chat.kind)));
    v.insert("created_at".into(), json!(s.chat.created_at));
    v.insert("updated_at".into(), json!(s.chat.updated_at));
    v.insert(
        "last_message".into(),
        json!(s.last_message.as_ref().map(MessageView::lend).map(|m| {
            let mut last = json!({
                "id": m.id,
                "content": m.content,
                "created_at": m.created_at,
                "sender": m.sender.map(|u| json!({"id": u.id, "username": u.username, "display_name": u.display_name})),
            });
            // natter's: an encrypted message, which the web client says in words of its own.
            if m.sealed && !m.removed {
                last["encrypted"] = Value::Bool(true);
            }
            // natter's: its files, when it has any and can be read (a picture from a
            // Matrix app has no text), so the list can show what was sent.
            if !m.sealed && !m.removed && !m.attachments.is_empty() {
                last["attachments"] = attachments_json(m.attachments);
            }
            last
        })),
    );
    if let Some((unread_count, _)) = unread {
        v.insert("unread_count".into(), json!(unread_count));
    }
    v.insert(
        "members".into(),
        s.members.iter().map(|(u, _)| user_json(u)).collect(),
    );
    if with_admins {
        v.insert(
            "admins".into(),
            s.members
                .iter()
                .filter(|(_, m)| m.role == MemberRole::Admin)
                .map(|(u, _)| json!(u.id))
                .collect(),
        );
        v.insert("description".into(), json!(s.chat.description));
    }
    // natter's, after the seed's keys.
    v.insert("is_archived".into(), json!(s.chat.archived_at.is_some()));
    if let Some((_, channel_unread_count)) = unread {
        v.insert("channel_unread_count".into(), json!(channel_unread_count));
    }
    v.insert("untitled".into(), json!(is_untitled_group(&s.chat)));
    v.insert("topic".into(), json!(s.chat.topic));
    Value::Object(v)
}

/// `GET /messages/api/chats/`: through the ready pages with the caller unchecked, so a
/// kept list is answered after the same quick (or remembered) check as a history page.
/// Whether an administrator still owes two-factor sign-in changes nothing here: a chat
/// list shows only the caller's own chats.
pub(crate) async fn list_chats(app: &App, req: &Request, caller: Caller) -> ApiResult<Response> {
    let page = PageRequest::from_query(req, CHATS_PER_PAGE, 100);
    let search = req.query_param("search");
    let versions = |c: &Conn, me: &User| {
        Ok(Some(store::messaging::page_versions::of_members_chats(
            c, me.id, false,
        )?))
    };
    let paged = ready::read(app, req, caller, Whose::Own, versions, move |c, me| {
        let page = page.clone()?;
        let (count, page, slice) = match search.as_deref() {
            // The common case pages in SQL; a search filters every chat of the user.
            None => {
                let count = chats_domain::count_for_user(c, me.id)?;
                let page = page.checked(count)?;
                let slice = chats_domain::window_for_user(c, me.id, page.size, page.offset())?;
                (count, page, slice)
            }
            Some(q) => {
                let chats = chats_domain::list_for_user(c, me.id, &[], Some(q))?;
                let count = chats.len() as i64;
                let page = page.checked(count)?;
                let slice: Vec<Chat> = chats
                    .into_iter()
                    .skip(page.offset() as usize)
                    .take(page.size as usize)
                    .collect();
                (count, page, slice)
            }
        };
        let rows: Vec<Value> = chats_domain::summaries(c, me.id, slice)?
            .iter()
            .map(|s| {
                chat_json(
                    &s.state,
                    Some((s.unread_count, s.channel_unread_count)),
                    me.id,
                    false,
                )
            })
            .collect();
        Ok((count, page, rows))
    })
    .await?;
    let ((count, page, rows), keep) = match paged {
        Paged::Ready(response) => return Ok(response),
        Paged::Built(built, keep) => (built, keep),
    };
    Ok(keep
        .keep(reply::ok(reply::page_envelope(req, page, count, rows)))
        .await)
}

async fn chat_response(app: &App, me: i64, chat_id: i64, status: u16) -> ApiResult<Response> {
    let body = app
        .db
        .read(move |c| -> ApiResult<_> {
            let (chat, _) = chats_domain::require_member(c, chat_id, me)?;
            let s = chats_domain::summary(c, me, chat)?;
            Ok(chat_json(
                &s.state,
                Some((s.unread_count, s.channel_unread_count)),
                me,
                true,
            ))
        })
        .await?;
    Ok(reply::json(status, &body))
}

pub(crate) async fn create_chat(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let kind = check
        .take(f.choice("chat_type", &["dm", "direct", "group"]))
        .unwrap_or_else(|| "group".into());
    let member_ids = check.take(f.pk_list("member_ids")).unwrap_or_default();
    let title = check
        .take(f.string("title"))
        .unwrap_or_default()
        .trim()
        .to_string();
    let description = check.take(f.string("description")).unwrap_or_default();
    check.finish()?;
    if title.chars().count() > 255 {
        return Err(ApiError::field(
            "title",
            "Ensure this field has no more than 255 characters.",
        ));
    }
    let chat = match kind.as_str() {
        "dm" | "direct" => {
            let others: Vec<i64> = member_ids
                .iter()
                .copied()
                .filter(|id| *id != me.id)
                .collect();
            let [other] = others.as_slice() else {
                return Err(ApiError::field(
                    "member_ids",
                    "A direct chat needs exactly one other member.",
                ));
            };
            chats_domain::get_or_create_direct(app, &me, *other)
                .await
                .map_err(|e| match e {
                    Error::NotFound(_) => ApiError::field(
                        "member_ids",
                        format!("Invalid pk \"{other}\" - object does not exist."),
                    ),
                    other => other.into(),
                })?
                .0
        }
        "group" => {
            chats_domain::create_group(
                app,
                &me,
                NewGroup {
                    kind: ChatKind::Group,
                    title,
                    description,
                    max_participants: None,
                    is_private: true,
                    member_ids: member_ids.into_iter().filter(|id| *id != me.id).collect(),
                },
            )
            .await?
        }
        _ => {
            return Err(ApiError::field(
                "chat_type",
                format!("\"{kind}\" is not a valid choice."),
            ))
        }
    };
    chat_response(app, me.id, chat.id, 201).await
}

pub(crate) async fn chat_detail(app: &App, me: User, chat_id: i64) -> ApiResult<Response> {
    chat_response(app, me.id, chat_id, 200).await
}

pub(crate) async fn update_chat(
    app: &App,
    req: &Request,
    me: User,
    chat_id: i64,
) -> ApiResult<Response> {
    let f = req.fields()?;
    let mut check = FieldCheck::default();
    let title = check.take(f.string("title")).map(|t| t.trim().to_string());
    let description = check.take(f.string("description"));
    // natter's: the topic, announced in the chat.
    let topic = check.take(f.string("topic"));
    check.finish()?;
    if title.as_ref().is_some_and(|t| t.chars().count() > 255) {
        return Err(ApiError::field(
            "title",
            "Ensure this field has no more than 255 characters.",
        ));
    }
    let changes = chats_domain::ChatChanges {
        title,
        description,
        topic,
        ..Default::default()
    };
    chats_domain::update_chat(app, &me, chat_id, changes).await?;
    chat_response(app, me.id, chat_id, 200).await
}

pub(crate) async fn delete_chat(app: &App, me: User, chat_id: i64) -> ApiResult<Response> {
    chats_domain::delete_chat(app, &me, chat_id).await?;
    Ok(reply::no_content())
}

pub(crate) fn query_id(req: &Request, name: &str) -> ApiResult<Option<i64>> {
    match req.query_param(name) {
        None => Ok(None),
        Some(v) if v.is_empty() => Ok(None),
        Some(v) => v
            .parse()
            .map(Some)
            .map_err(|_| ApiError::field(name, "A valid integer is required.")),
    }
}

pub(crate) async fn list_messages(
    app: &App,
    req: &Request,
    caller: Caller,
    chat_id: i64,
) -> ApiResult<Response> {
    // Parsed first, reported after the caller is known (a 401 comes before a 400/404).
    let parsed = (|| {
        let before = query_id(req, "before")?;
        let after = query_id(req, "after")?;
        let page = PageRequest::from_query(req, MESSAGES_PER_PAGE, MAX_MESSAGES_PER_PAGE)?;
        let search = search_domain::list_filter(req.query_param("search").as_deref())?;
        let mut query = history_query(before, after, page, search);
        query.channel_only = channel_only(req)?;
        ApiResult::Ok((chat_id, query, page))
    })();
    let versions = move |c: &Conn, me: &User| {
        Ok(store::messaging::page_versions::of_chat_for_member(
            c, chat_id, me.id,
        )?)
    };
    let paged = ready::read(app, req, caller, Whose::Members, versions, move |c, me| {
        let (chat_id, mut query, page) = parsed.clone()?;
        let stream = |query: PageQuery| -> ApiResult<(MessagesJson, i64)> {
            let mut messages = MessagesJson::new(page.size as usize);
            let total = history::stream_history(c, me.id, chat_id, query, |m| messages.push(m))?;
            Ok((messages, total))
        };
        let (mut messages, total) = stream(query.clone())?;
        let keyset = query.before.is_some() || query.after.is_some();
        if let Ok(last) = page.checked(total) {
            if !keyset && last.page != page.page {
                // `page=last`, resolved now that the count is known: read that page.
                query.offset = last.offset().min(i64::MAX / 2);
                messages = stream(query.clone())?.0;
            }
        }
        Ok((messages, total, query, page))
    })
    .await?;
    let ((messages, total, query, page), keep) = match paged {
        Paged::Ready(response) => return Ok(response),
        Paged::Built(built, keep) => (built, keep),
    };
    Ok(keep
        .keep(messages_page(req, messages, total, query, page)?)
        .await)
}

/// The page of [`list_messages`] as its JSON answer, with its links.
fn messages_page(
    req: &Request,
    messages: MessagesJson,
    total: i64,
    query: PageQuery,
    page: PageRequest,
) -> ApiResult<Response> {
    if query.before.is_some() || query.after.is_some() {
        let next = match messages.last_id() {
            Some(last) if messages.has_more() => {
                let key = if query.order == Order::OldestFirst {
                    "after"
                } else {
                    "before"
                };
                Some(reply::with_query(
                    req,
                    &[(key, Some(last.to_string())), ("page", None)],
                ))
            }
            _ => None,
        };
        let count = messages.count() as i64;
        return Ok(reply::page_written(
            count,
            next.as_deref(),
            None,
            messages.into_results(),
        ));
    }
    let page = page.checked(total)?;
    let (next, previous) = reply::page_links(req, page, total);
    Ok(reply::page_written(
        total,
        next.as_deref(),
        previous.as_deref(),
        messages.into_results(),
    ))
}

/// The store query for a page: keyset (`before`/`after`) or numbered.
fn history_query(
    before: Option<i64>,
    after: Option<i64>,
    page: PageRequest,
    search: Option<SearchQuery>,
) -> PageQuery {
    let keyset = before.is_some() || after.is_some();
    PageQuery {
        before,
        after,
        limit: page.size + 1,
        offset: if keyset {
            0
        } else {
            page.offset().min(i64::MAX / 2)
        },
        // `after` alone reads forward from the marker: oldest first, so gaps fill in order.
        order: if after.is_some() && before.is_none() {
            Order::OldestFirst
        } else {
            Order::NewestFirst
        },
        search,
        channel_only: false,
    }
}

/// natter's `?channel=true` on a chat's messages: the channel's messages only, without
/// the replies kept in their thread.
fn channel_only(req: &Request) -> ApiResult<bool> {
    match req.query_param("channel").as_deref() {
        None | Some("") | Some("false") | Some("0") => Ok(false),
        Some("true") | Some("1") => Ok(true),
        Some(_) => Err(ApiError::field("channel", "Must be a valid boolean.")),
    }
}

pub(crate) async fn send_message(
    app: &App,
    req: &Request,
    caller: Caller,
    chat_id: i64,
) -> ApiResult<Response> {
    // Parsed first, reported after the caller is known (a 401 comes before a 400/404).
    let parsed = req.fields().map(|f| (f.message_body(), reply_target(&f)));
    let app2 = app.clone();
    let sent = caller
        .write_in_chat(app, chat_id, move |c, me| {
            let (body, target) = parsed.clone()?;
            let mut check = FieldCheck::default();
            let (content, attachments) = check.take(body.map(Some)).unwrap_or_default();
            let target = check.take(target);
            check.finish()?;
            Ok(messages_domain::send_reply_on(
                c,
                &app2,
                me,
                chat_id,
                content,
                attachments,
                target,
            )?)
        })
        .await?;
    let view = sent.committed(app);
    // Sending marks the chat read up to the new message for its sender.
    let read_by: Vec<i64> = view.sender.iter().map(|u| u.id).collect();
    Ok(reply::json_of(
        201,
        &MessageOut::of(&view.parts(Some(&[]), Some(&read_by))),
    ))
}

/// natter's reply fields of a new message: `reply_to`, `thread_id`, `also_in_channel`.
fn reply_target(f: &Fields) -> ApiResult<ReplyTarget> {
    let mut check = FieldCheck::default();
    let target = ReplyTarget {
        reply_to: check.take(f.integer("reply_to")),
        thread_id: check.take(f.integer("thread_id")),
        also_in_channel: check.take(f.boolean("also_in_channel")).unwrap_or(false),
    };
    check.finish()?;
    Ok(target)
}

pub(crate) async fn message_detail(app: &App, me: User, message_id: i64) -> ApiResult<Response> {
    let shown = messages_domain::get_shown(app, &me, message_id).await?;
    Ok(reply::ok(message_json(
        &shown
            .view
            .parts(Some(&shown.reactions), Some(&shown.read_by)),
    )))
}

pub(crate) async fn edit_message(
    app: &App,
    req: &Request,
    me: User,
    message_id: i64,
) -> ApiResult<Response> {
    let content = req
        .fields()?
        .string("content")?
        .ok_or_else(|| ApiError::field("content", "This field is required."))?;
    let view = messages_domain::edit(app, &me, message_id, content)
        .await
        .map_err(|e| ApiError::own_messages_only(e, "edit"))?;
    Ok(reply::ok(message_json(&view.lend())))
}

pub(crate) async fn delete_message(app: &App, me: User, message_id: i64) -> ApiResult<Response> {
    messages_domain::delete(app, &me, message_id)
        .await
        .map_err(|e| ApiError::own_messages_only(e, "delete"))?;
    Ok(reply::no_content())
}

pub(crate) async fn react(
    app: &App,
    req: &Request,
    me: User,
    message_id: i64,
) -> ApiResult<Response> {
    let emoji = req
        .fields()?
        .string("emoji")?
        .ok_or_else(|| ApiError::field("emoji", "This field is required."))?;
    let (added, reactions) =
        messages_domain::toggle_reaction(app, &me, message_id, emoji.clone()).await?;
    Ok(reply::ok(json!({
        "action": if added { "added" } else { "removed" },
        "emoji": emoji.trim(),
        "message_id": message_id,
        "reactions": reactions_json(&reactions),
    })))
}

pub(crate) async fn mark_read(
    app: &App,
    req: &Request,
    me: User,
    chat_id: i64,
) -> ApiResult<Response> {
    let up_to = req.fields()?.integer("message_id")?;
    let marked = messages_domain::mark_read(app, &me, chat_id, up_to).await?;
    Ok(reply::ok(
        json!({"status": "success", "marked_count": marked}),
    ))
}

pub(crate) async fn typing(
    app: &App,
    req: &Request,
    me: User,
    chat_id: i64,
) -> ApiResult<Response> {
    let is_typing = req.fields()?.boolean("is_typing")?.unwrap_or(true);
    messages_domain::typing(app, &me, chat_id, is_typing).await?;
    Ok(reply::ok(
        json!({"status": "success", "is_typing": is_typing}),
    ))
}

pub(crate) async fn add_members(
    app: &App,
    req: &Request,
    me: User,
    chat_id: i64,
) -> ApiResult<Response> {
    let ids = req
        .fields()?
        .pk_list("user_ids")?
        .ok_or_else(|| ApiError::field("user_ids", "This field is required."))?;
    let added = chats_domain::add_members(app, &me, chat_id, ids).await?;
    Ok(reply::ok(
        json!({"status": "success", "added_count": added}),
    ))
}

pub(crate) async fn remove_member(
    app: &App,
    me: User,
    chat_id: i64,
    user_id: i64,
) -> ApiResult<Response> {
    chats_domain::remove_member(app, &me, chat_id, user_id).await?;
    Ok(reply::no_content())
}

pub(crate) async fn search_users(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let q = req
        .query_param("q")
        .map(|q| q.trim().to_string())
        .unwrap_or_default();
    if q.is_empty() {
        return Err(ApiError::field("q", "This field is required."));
    }
    let users = crate::domain::people::accounts::search(app, q, me.id, 50).await?;
    // natter's key after the seed's: what shows beside each name (mention autocomplete).
    let shown = crate::domain::status::of_many(app, users.iter().map(|u| u.id).collect()).await?;
    let results: Vec<Value> = users
        .iter()
        .map(|u| {
            let b = UserBrief::from(u);
            let status = status::status_json(shown.get(&u.id).and_then(|p| p.status.as_ref()));
            json!({"id": b.id, "username": b.username, "display_name": b.display_name, "email": crate::surfaces::emails::shown(app, &me, u.id, &u.email), "avatar_url": avatar_url(&b), "is_active": b.is_active, "status": status})
        })
        .collect();
    Ok(reply::ok(json!({"results": results})))
}
