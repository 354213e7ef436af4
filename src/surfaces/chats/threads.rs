//! natter's thread routes, `/api/threads/`: the threads a person follows, one thread's
//! replies, following and reading. They answer in this surface's shapes because what
//! they list are its message objects (with the threading fields every message carries).

use crate::domain::messaging::threads::{self, RepliesQuery, ThreadMessage};
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply::{self, PageRequest};
use crate::http::request::{FieldCheck, Request};
use crate::model::{ChatState, Threading, UserBrief};
use crate::state::App;
use crate::store::people::users::User;
use crate::surfaces::chats::render::{MessageOut, ThreadOut};
use crate::surfaces::chats::{chat_type, query_id, title_for, user_json};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::Arc;
use warp::reply::Response;

/// Threads per page of the list unless `page_size` says otherwise (at most 100).
const THREADS_PER_PAGE: i64 = 20;

/// Replies per page of a thread unless `page_size` says otherwise (at most 200).
const REPLIES_PER_PAGE: i64 = 100;

/// `GET /api/threads/` -> `{"count", "next", "previous", "unread", "results": [thread]}`:
/// the threads the caller follows that have replies, the most recent reply first.
pub(crate) async fn followed(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let asked = PageRequest::from_query(req, THREADS_PER_PAGE, 100)?;
    let (count, rows, unread) = threads::followed(app, me.id, asked.size, asked.offset()).await?;
    let page = asked.checked(count)?;
    let results: Vec<Value> = rows
        .iter()
        .map(|t| {
            let mut v = thread_json(
                &t.chat,
                &t.chat_receipts,
                me.id,
                t.root.as_ref(),
                &t.threading,
                &t.participants,
            );
            v.insert("root_id".into(), json!(t.root_id));
            v.insert("following".into(), json!(true));
            v.insert("unread_count".into(), json!(t.unread));
            Value::Object(v)
        })
        .collect();
    let mut body = reply::page_envelope(req, page, count, results);
    if let Value::Object(map) = &mut body {
        map.insert("unread".into(), json!(unread));
    }
    Ok(reply::ok(body))
}

/// `GET /api/threads/{id}/?before=&after=&page_size=` -> the thread with `replies`
/// (oldest first: the newest page, or the page after `after`) and `older`, the link to
/// the replies before them.
pub(crate) async fn thread(
    app: &App,
    req: &Request,
    me: User,
    message_id: i64,
) -> ApiResult<Response> {
    let before = query_id(req, "before")?;
    let after = query_id(req, "after")?;
    let size = PageRequest::from_query(req, REPLIES_PER_PAGE, 200)?.size;
    let q = RepliesQuery {
        before,
        after,
        size,
    };
    let t = threads::thread(app, me.id, message_id, q).await?;
    let markers = &t.chat_receipts;
    let mut v = thread_json(
        &t.chat,
        markers,
        me.id,
        t.root.as_ref(),
        &t.threading,
        &t.participants,
    );
    let root_id = t.root.as_ref().map_or(message_id, |(m, _)| m.id);
    v.insert("root_id".into(), json!(root_id));
    v.insert("following".into(), json!(t.following));
    v.insert("unread_count".into(), json!(t.unread));
    let replies: Vec<Value> = t
        .replies
        .iter()
        .map(|m| reply_value(m, markers, &t.thread_markers))
        .collect();
    v.insert("replies".into(), Value::Array(replies));
    let older = match t.replies.first() {
        Some((first, _)) if t.older => Value::from(reply::with_query(
            req,
            &[("before", Some(first.id.to_string())), ("after", None)],
        )),
        _ => Value::Null,
    };
    v.insert("older".into(), older);
    Ok(reply::ok(Value::Object(v)))
}

/// `POST` (follow) or `DELETE` (stop following) `/api/threads/{id}/follow/` ->
/// `{"following": bool}`.
pub(crate) async fn follow(
    app: &App,
    me: User,
    message_id: i64,
    following: bool,
) -> ApiResult<Response> {
    let following = threads::set_following(app, me.id, message_id, following).await?;
    Ok(reply::ok(json!({ "following": following })))
}

/// `POST /api/threads/{id}/read/` with an optional `message_id` (default: the newest
/// reply) -> `{"unread_count"}`, the replies still unread.
pub(crate) async fn read(
    app: &App,
    req: &Request,
    me: User,
    message_id: i64,
) -> ApiResult<Response> {
    let fields = req.fields()?;
    let mut check = FieldCheck::default();
    let up_to = check.take(fields.integer("message_id"));
    check.finish()?;
    if up_to.is_some_and(|id| id < 1) {
        return Err(ApiError::field(
            "message_id",
            "Ensure this value is greater than or equal to 1.",
        ));
    }
    let unread = threads::mark_read(app, me.id, message_id, up_to).await?;
    Ok(reply::ok(json!({ "unread_count": unread })))
}

/// What every thread answer holds: `root` (a message, or null once deleted), `chat`
/// (`{id, title, chat_type}`), the summary and the newest repliers.
fn thread_json(
    chat: &ChatState,
    markers: &[(i64, i64)],
    me: i64,
    root: Option<&ThreadMessage>,
    threading: &Threading,
    participants: &[Arc<UserBrief>],
) -> Map<String, Value> {
    let summary = ThreadOut::of(&threading.as_ref());
    let mut v = Map::new();
    v.insert(
        "root".into(),
        root.map_or(Value::Null, |m| message_value(m, markers)),
    );
    v.insert(
        "chat".into(),
        json!({
            "id": chat.chat.id,
            "title": title_for(&chat.chat, me, &chat.members),
            "chat_type": chat_type(chat.chat.kind),
        }),
    );
    v.insert("reply_count".into(), json!(threading.reply_count));
    v.insert("last_reply_at".into(), json!(threading.last_reply_at));
    v.insert(
        "participants".into(),
        participants.iter().map(|u| user_json(u)).collect(),
    );
    v.insert(
        "thread".into(),
        serde_json::to_value(summary).unwrap_or(Value::Null),
    );
    v
}

/// A reply with its reactions and readers: those who read the thread up to it, and for a
/// reply also sent to the channel, those who read the chat up to it. (A reader of the
/// chat alone never saw a reply kept in its thread, though their chat marker may be past
/// it.)
fn reply_value(reply: &ThreadMessage, chat: &[(i64, i64)], thread: &[(i64, i64)]) -> Value {
    let mut readers: BTreeMap<i64, i64> = thread.iter().copied().collect();
    if reply.0.threading.in_channel {
        for &(user, last) in chat {
            let seen = readers.entry(user).or_insert(last);
            *seen = (*seen).max(last);
        }
    }
    let readers: Vec<(i64, i64)> = readers.into_iter().collect();
    message_value(reply, &readers)
}

/// A message with its reactions and readers, as this surface's message object.
fn message_value((view, reactions): &ThreadMessage, markers: &[(i64, i64)]) -> Value {
    let read_by: Vec<i64> = markers
        .iter()
        .filter(|(_, last)| *last >= view.id)
        .map(|(user, _)| *user)
        .collect();
    serde_json::to_value(MessageOut::of(&view.parts(Some(reactions), Some(&read_by))))
        .unwrap_or(Value::Null)
}
