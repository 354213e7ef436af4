//! Writing from a Matrix app: `PUT /rooms/{roomId}/send/m.room.message/{txnId}` (text,
//! replies and thread replies, once per transaction id), typing, receipts and read
//! markers, each through natter's own rules.

use super::pills;
use super::room_lookup::{chat_of, refused};
use crate::domain::matrix::ids::{self, server_name};
use crate::domain::matrix::send;
use crate::domain::messaging::messages;
use crate::domain::messaging::threads::ReplyTarget;
use crate::domain::uploads;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::surfaces::matrix::errors::{bad_json, error, forbidden};
use crate::surfaces::matrix::media;
use crate::surfaces::matrix::{body, sign_in::auth};
use serde_json::{json, Map, Value};
use warp::reply::Response;

/// The longest transaction id kept.
const MAX_TXN: usize = 255;

/// The text kinds natter keeps as a message's text (files are `m.image`, `m.file`,
/// `m.video` and `m.audio` with the `url` of an upload).
const TEXT_KINDS: [&str; 3] = ["m.text", "m.notice", "m.emote"];

/// `PUT /rooms/{roomId}/send/{eventType}/{txnId}`.
pub async fn message(
    app: &App,
    req: &Request,
    room: &str,
    kind: &str,
    txn: &str,
) -> ApiResult<Response> {
    let caller = auth::caller(app, req)?;
    let device = auth::device_of(&caller);
    let me = caller.user(app).await?;
    let chat_id = chat_of(app, room)?;
    check_txn(txn)?;
    let content = body::object(req)?;
    let sent = Sent { device, txn };
    if kind == "m.room.encrypted" {
        return encrypted(app, &me, chat_id, req, &content, sent).await;
    }
    if kind == "m.reaction" {
        return reaction(app, &me, chat_id, &content, sent).await;
    }
    if kind != "m.room.message" {
        return Err(forbidden("natter keeps no events of this type"));
    }
    if let Some(edited) = replaced(&content)? {
        return edit(app, &me, chat_id, edited, &content, sent).await;
    }
    let msgtype =
        body::string(&content, "msgtype")?.ok_or_else(|| bad_json("'msgtype' is required"))?;
    let text = body::string(&content, "body")?.ok_or_else(|| bad_json("'body' is required"))?;
    let target = target_of(&content)?;
    let text = match body::string(&content, "formatted_body")? {
        Some(html) => pills::to_usernames(app, &text, &html).await?,
        None => text,
    };
    let (text, attachments) = match msgtype.as_str() {
        kind if TEXT_KINDS.contains(&kind) => match target.reply_to.is_some() {
            true => (without_reply_fallback(&text), Vec::new()),
            false => (text, Vec::new()),
        },
        "m.image" | "m.file" | "m.video" | "m.audio" => {
            let file = match content.get("file") {
                Some(Value::Object(sealed)) if !content.contains_key("url") => {
                    sealed_file(app, &me, sealed, &content).await?
                }
                _ => {
                    let url = body::string(&content, "url")?
                        .ok_or_else(|| bad_json("'url' (or an encrypted 'file') is required"))?;
                    media::file_of(app, &url).ok_or_else(|| {
                        error(
                            400,
                            "M_INVALID_PARAM",
                            "The url names no media of this server",
                        )
                    })?
                }
            };
            // A caption is a `body` beside a `filename` that differs from it.
            let caption = match body::string(&content, "filename")? {
                Some(name) if name != text => text,
                _ => String::new(),
            };
            (caption, vec![file])
        }
        _ => {
            return Err(error(
                400,
                "M_INVALID_PARAM",
                "natter cannot keep this kind of message",
            ))
        }
    };
    let out = send::Outgoing {
        chat_id,
        content: text,
        attachments,
        target,
        sealed: None,
    };
    let id = send::send(app, &me, sent.device, txn.to_string(), out)
        .await
        .map_err(refused)?;
    Ok(reply::json(
        200,
        &json!({ "event_id": ids::message_event(id) }),
    ))
}

/// The largest encrypted message kept, in bytes of JSON (as Matrix's event limit).
const MAX_SEALED: usize = 64 * 1024;

/// An `m.room.encrypted` message: kept exactly as the app sent it, with the reply or
/// thread its unencrypted `m.relates_to` names (an encrypted edit is kept as a message
/// of its own: natter cannot read which text it replaces).
async fn encrypted(
    app: &App,
    me: &crate::store::people::users::User,
    chat_id: i64,
    req: &Request,
    content: &Map<String, Value>,
    sent: Sent<'_>,
) -> ApiResult<Response> {
    if !content.get("algorithm").is_some_and(Value::is_string)
        || content.get("ciphertext").is_none()
    {
        return Err(bad_json(
            "An encrypted message needs 'algorithm' and 'ciphertext'",
        ));
    }
    let raw = std::str::from_utf8(&req.body)
        .map_err(|_| bad_json("The body is not UTF-8"))?
        .trim()
        .to_string();
    if raw.len() > MAX_SEALED {
        return Err(error(413, "M_TOO_LARGE", "The event is larger than 64 KiB"));
    }
    let rel = content
        .get("m.relates_to")
        .and_then(|r| r.get("rel_type"))
        .and_then(Value::as_str);
    let target = match rel {
        Some("m.replace" | "m.annotation") => ReplyTarget::default(),
        _ => target_of(content)?,
    };
    let out = send::Outgoing {
        chat_id,
        content: String::new(),
        attachments: Vec::new(),
        target,
        sealed: Some(raw),
    };
    let id = send::send(app, me, sent.device, sent.txn.to_string(), out)
        .await
        .map_err(refused)?;
    Ok(reply::json(
        200,
        &json!({ "event_id": ids::message_event(id) }),
    ))
}

/// Refuses a transaction id that is empty or longer than natter keeps.
fn check_txn(txn: &str) -> ApiResult<()> {
    match txn.is_empty() || txn.len() > MAX_TXN {
        true => Err(error(
            400,
            "M_INVALID_PARAM",
            "The transaction id must be 1 to 255 bytes",
        )),
        false => Ok(()),
    }
}

/// The device a request came from and its transaction id.
pub struct Sent<'a> {
    /// The hash of the device's token (empty for a credential of no device).
    pub device: Vec<u8>,
    pub txn: &'a str,
}

impl Sent<'_> {
    /// Notes that this transaction makes `event` on `message`, before it is made.
    async fn makes(self, app: &App, message: i64, event: String) -> ApiResult<()> {
        send::note_transaction(app, self.device, self.txn.to_string(), message, event)
            .await
            .map_err(refused)
    }
}

/// An encrypted file (`file`: the upload's URL, key, IV and hash) in a chat natter
/// keeps in the clear: opened with the key the message carries and kept as the
/// sender's upload, named by `body` and typed by `info.mimetype`.
async fn sealed_file(
    app: &App,
    me: &crate::store::people::users::User,
    sealed: &Map<String, Value>,
    content: &Map<String, Value>,
) -> ApiResult<i64> {
    let text = |v: &Value| v.as_str().map(str::to_string);
    let file_id = sealed
        .get("url")
        .and_then(Value::as_str)
        .and_then(|url| media::file_of(app, url))
        .ok_or_else(|| {
            error(
                400,
                "M_INVALID_PARAM",
                "The file's url names no media of this server",
            )
        })?;
    let (Some(key), Some(iv), Some(sha256)) = (
        sealed.get("key").and_then(|k| text(&k["k"])),
        sealed.get("iv").and_then(text),
        sealed.get("hashes").and_then(|h| text(&h["sha256"])),
    ) else {
        return Err(bad_json(
            "An encrypted 'file' needs 'key.k', 'iv' and 'hashes.sha256'",
        ));
    };
    let opened = uploads::sealed::open(
        app,
        me,
        uploads::sealed::Sealed {
            file_id,
            key,
            iv,
            sha256,
            filename: body::string(content, "body")?.unwrap_or_else(|| "file".into()),
            content_type: content
                .get("info")
                .and_then(|i| i["mimetype"].as_str())
                .unwrap_or("application/octet-stream")
                .to_string(),
        },
    )
    .await
    .map_err(|e| match e {
        // A key, IV or hash that does not fit is M_INVALID_PARAM naming the `file` field.
        crate::domain::Error::NotFound(_) => error(
            400,
            "M_INVALID_PARAM",
            "The file's url names none of your uploads",
        ),
        other => other.into(),
    })?;
    Ok(opened.id)
}

/// What a message replies to, from `m.relates_to`: `m.in_reply_to` and an `m.thread`
/// whose root is a message of natter's.
fn target_of(content: &Map<String, Value>) -> ApiResult<ReplyTarget> {
    let mut target = ReplyTarget::default();
    let Some(relates) = content.get("m.relates_to") else {
        return Ok(target);
    };
    let event = |v: &Value| -> ApiResult<i64> {
        v.as_str().and_then(ids::message_of_event).ok_or_else(|| {
            error(
                400,
                "M_INVALID_PARAM",
                "The related event is no message here",
            )
        })
    };
    if let Some(reply) = relates.get("m.in_reply_to") {
        target.reply_to = Some(event(&reply["event_id"])?);
    }
    match relates.get("rel_type").and_then(Value::as_str) {
        Some("m.thread") => {
            target.thread_id = Some(event(&relates["event_id"])?);
            // A fallback reply is the thread's latest message, not a quote.
            if relates.get("is_falling_back").and_then(Value::as_bool) == Some(true) {
                target.reply_to = None;
            }
        }
        Some("m.replace") | Some("m.annotation") => {
            return Err(error(
                400,
                "M_INVALID_PARAM",
                "natter takes edits and reactions separately, not yet here",
            ));
        }
        _ => {}
    }
    Ok(target)
}

/// The message an `m.replace` relation edits, if the content is an edit.
fn replaced(content: &Map<String, Value>) -> ApiResult<Option<i64>> {
    let Some(relates) = content.get("m.relates_to") else {
        return Ok(None);
    };
    if relates.get("rel_type").and_then(Value::as_str) != Some("m.replace") {
        return Ok(None);
    }
    relates["event_id"]
        .as_str()
        .and_then(ids::message_of_event)
        .map(Some)
        .ok_or_else(|| error(400, "M_INVALID_PARAM", "Only messages can be edited"))
}

/// An edit (`m.replace`): the sender's own message gets the new text
/// (`m.new_content.body`), as natter's edit does.
async fn edit(
    app: &App,
    me: &crate::store::people::users::User,
    chat_id: i64,
    message: i64,
    content: &Map<String, Value>,
    sent: Sent<'_>,
) -> ApiResult<Response> {
    let new = match content.get("m.new_content") {
        Some(Value::Object(new)) => new,
        _ => return Err(bad_json("An edit needs 'm.new_content'")),
    };
    let text =
        body::string(new, "body")?.ok_or_else(|| bad_json("'m.new_content.body' is required"))?;
    let text = match body::string(new, "formatted_body")? {
        Some(html) => pills::to_usernames(app, &text, &html).await?,
        None => text,
    };
    let shown = messages::get(app, me, message).await.map_err(refused)?;
    if shown.chat_id != chat_id {
        return Err(error(404, "M_NOT_FOUND", "No such event in this room"));
    }
    sent.makes(app, message, format!("$e{message}")).await?;
    let edited = messages::edit(app, me, message, text)
        .await
        .map_err(refused)?;
    let id = ids::edit_event(edited.id, edited.edited_at.as_deref());
    Ok(reply::json(200, &json!({ "event_id": id })))
}

/// A reaction (`m.reaction` with `m.annotation`): the emoji put on, once however often
/// the request comes.
async fn reaction(
    app: &App,
    me: &crate::store::people::users::User,
    chat_id: i64,
    content: &Map<String, Value>,
    sent: Sent<'_>,
) -> ApiResult<Response> {
    let relates = content.get("m.relates_to").cloned().unwrap_or_default();
    if relates.get("rel_type").and_then(Value::as_str) != Some("m.annotation") {
        return Err(bad_json("A reaction needs an m.annotation relation"));
    }
    let message = relates["event_id"]
        .as_str()
        .and_then(ids::message_of_event)
        .ok_or_else(|| error(400, "M_INVALID_PARAM", "Only messages take reactions"))?;
    let key = relates["key"]
        .as_str()
        .ok_or_else(|| bad_json("The reaction needs a 'key'"))?;
    let shown = messages::get(app, me, message).await.map_err(refused)?;
    if shown.chat_id != chat_id {
        return Err(error(404, "M_NOT_FOUND", "No such event in this room"));
    }
    // A custom emoji's picture, from an app's image pack, is natter's `:name:`.
    let key = match crate::surfaces::matrix::emoji_pack::shortcode_of(app, key).await? {
        Some(shortcode) => shortcode,
        None => key.to_string(),
    };
    let event = ids::reaction_event(message, me.id, key.trim());
    sent.makes(app, message, event.clone()).await?;
    messages::set_reaction(app, me, message, key.clone(), true)
        .await
        .map_err(refused)?;
    Ok(reply::json(200, &json!({ "event_id": event })))
}

/// `PUT /rooms/{roomId}/redact/{eventId}/{txnId}`: a message deleted by its sender, or
/// one's own reaction taken off.
pub async fn redact(
    app: &App,
    req: &Request,
    room: &str,
    event: &str,
    txn: &str,
) -> ApiResult<Response> {
    let caller = auth::caller(app, req)?;
    check_txn(txn)?;
    let sent = Sent {
        device: auth::device_of(&caller),
        txn,
    };
    let me = caller.user(app).await?;
    let chat_id = chat_of(app, room)?;
    if let Some((message, user, emoji)) = ids::of_reaction_event(event) {
        if user != me.id {
            return Err(forbidden(
                "Only the person who reacted takes a reaction off",
            ));
        }
        let shown = messages::get(app, &me, message).await.map_err(refused)?;
        if shown.chat_id != chat_id {
            return Err(error(404, "M_NOT_FOUND", "No such event in this room"));
        }
        messages::set_reaction(app, &me, message, emoji, false)
            .await
            .map_err(refused)?;
        return Ok(reply::json(
            200,
            &json!({ "event_id": format!("$x{}", &event[1..]) }),
        ));
    }
    if let Some(message) = edited_message(event) {
        return edit_redacted(app, &me, chat_id, message, event).await;
    }
    let message = ids::message_of_event(event).ok_or_else(|| {
        error(
            404,
            "M_NOT_FOUND",
            "natter redacts messages, their edits and reactions only",
        )
    })?;
    match messages::get(app, &me, message).await {
        Ok(shown) if shown.chat_id == chat_id => {
            sent.makes(app, message, format!("$d{message}")).await?;
            messages::delete(app, &me, message).await.map_err(refused)?;
        }
        Ok(_) => return Err(error(404, "M_NOT_FOUND", "No such event in this room")),
        // Deleted already (a retried request): the same answer.
        Err(crate::domain::Error::NotFound(_)) => still_member(app, chat_id, me.id).await?,
        Err(e) => return Err(refused(e)),
    }
    Ok(reply::json(
        200,
        &json!({ "event_id": format!("$d{message}") }),
    ))
}

/// The message of an edit's event id (`$e<message>.<edited at, ms>`).
fn edited_message(event: &str) -> Option<i64> {
    let (message, at) = event.strip_prefix("$e")?.split_once('.')?;
    at.parse::<i64>().ok()?;
    message.parse().ok().filter(|id| *id > 0)
}

/// The redaction of an edit of one's own message. natter keeps a message's newest text
/// only, so there is no earlier edit to take away: the sender is answered as Synapse
/// would (apps take a message's edits away before the message when deleting it), and
/// the text stays as it is; anyone else is refused.
async fn edit_redacted(
    app: &App,
    me: &crate::store::people::users::User,
    chat_id: i64,
    message: i64,
    event: &str,
) -> ApiResult<Response> {
    match messages::get(app, me, message).await {
        Ok(shown) if shown.chat_id != chat_id => {
            return Err(error(404, "M_NOT_FOUND", "No such event in this room"))
        }
        Ok(shown) if shown.sender.as_ref().map(|s| s.id) != Some(me.id) => {
            return Err(forbidden("Only the sender takes an edit away"))
        }
        Ok(_) => {}
        // The message is deleted already (its edits with it).
        Err(crate::domain::Error::NotFound(_)) => still_member(app, chat_id, me.id).await?,
        Err(e) => return Err(refused(e)),
    }
    Ok(reply::json(
        200,
        &json!({ "event_id": format!("$x{}", &event[1..]) }),
    ))
}

/// Refuses a person no longer in the chat (a retried deletion of a message that is
/// gone already is answered as the first was, to its members only).
async fn still_member(app: &App, chat_id: i64, me: i64) -> ApiResult<()> {
    app.db
        .read(move |c| crate::domain::messaging::chats::require_member(c, chat_id, me).map(|_| ()))
        .await
        .map_err(refused)
}

/// A reply's body without the quote of the message it answers that older apps put in
/// front (`> <@who> text` lines, then an empty line): natter shows its own quote line.
fn without_reply_fallback(body: &str) -> String {
    if !body.starts_with("> ") {
        return body.to_string();
    }
    let mut lines = body.lines().skip_while(|l| l.starts_with("> "));
    match lines.next() {
        Some("") => lines.collect::<Vec<_>>().join("\n"),
        _ => body.to_string(),
    }
}

/// `PUT /rooms/{roomId}/typing/{userId}`.
pub async fn typing(app: &App, req: &Request, room: &str, user: &str) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    if user != ids::user_id(&me.username, me.id, server_name(app)) {
        return Err(forbidden("Cannot set another user's typing state"));
    }
    let chat_id = chat_of(app, room)?;
    let content = body::object(req)?;
    let typing = content
        .get("typing")
        .and_then(Value::as_bool)
        .ok_or_else(|| bad_json("'typing' must be true or false"))?;
    messages::typing(app, &me, chat_id, typing)
        .await
        .map_err(refused)?;
    Ok(reply::json(200, &json!({})))
}

/// The longest event id a receipt may name (the specification's bound on an event id).
const MAX_EVENT_ID: usize = 255;

/// Moves the caller's read mark in the room up to the message `event` names: in the
/// open (`m.read`, which the other members are shown), or for the caller alone
/// (`m.read.private`, and `m.fully_read`, Matrix's own read marker).
async fn read_up_to(
    app: &App,
    req: &Request,
    room: &str,
    event: &str,
    private: bool,
) -> ApiResult<()> {
    let me = auth::caller(app, req)?.user(app).await?;
    let chat_id = chat_of(app, room)?;
    // A receipt on an event that is no message (a redaction, an edit, a reaction, a
    // member's arrival: Element X marks a room read at its newest event, whatever it
    // is) reads the room up to its newest message, as such an event comes after it.
    let message = match ids::message_of_event(event) {
        Some(message) => Some(message),
        None if event.starts_with('$') && event.len() <= MAX_EVENT_ID => None,
        None => return Err(error(400, "M_INVALID_PARAM", "The event is no event here")),
    };
    let marked = match (private, message) {
        (true, Some(message)) => messages::mark_read_privately(app, &me, chat_id, message).await,
        (true, None) => messages::mark_read_privately(app, &me, chat_id, i64::MAX).await,
        (false, message) => messages::mark_read(app, &me, chat_id, message).await,
    };
    marked.map_err(refused)?;
    Ok(())
}

/// `POST /rooms/{roomId}/receipt/{receiptType}/{eventId}`.
pub async fn receipt(
    app: &App,
    req: &Request,
    room: &str,
    kind: &str,
    event: &str,
) -> ApiResult<Response> {
    match kind {
        "m.read" => read_up_to(app, req, room, event, false).await?,
        "m.read.private" | "m.fully_read" => read_up_to(app, req, room, event, true).await?,
        _ => return Err(error(400, "M_INVALID_PARAM", "Unknown receipt type")),
    }
    Ok(reply::json(200, &json!({})))
}

/// `POST /rooms/{roomId}/read_markers`.
pub async fn read_markers(app: &App, req: &Request, room: &str) -> ApiResult<Response> {
    let content = body::object(req)?;
    let newest = |kinds: &[&str]| {
        kinds
            .iter()
            .filter_map(|k| content.get(*k).and_then(Value::as_str))
            .filter(|e| e.starts_with('$'))
            // An event that is no message is later than every message (see `read_up_to`).
            .map(|e| (ids::message_of_event(e).unwrap_or(i64::MAX), e))
            .max_by_key(|(id, _)| *id)
            .map(|(_, e)| e)
    };
    let public = newest(&["m.read"]);
    let private = newest(&["m.fully_read", "m.read.private"]);
    if let Some(event) = public {
        read_up_to(app, req, room, event, false).await?;
    }
    match private {
        Some(event) => read_up_to(app, req, room, event, true).await?,
        None if public.is_some() => {}
        None => {
            // Still a caller and a member, or the same refusals.
            let me = auth::caller(app, req)?.user(app).await?;
            let chat_id = chat_of(app, room)?;
            let me_id = me.id;
            app.db
                .read(move |c| {
                    crate::domain::messaging::chats::require_member(c, chat_id, me_id).map(|_| ())
                })
                .await
                .map_err(refused)?;
        }
    }
    Ok(reply::json(200, &json!({})))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_fallback_quote_is_dropped_and_other_quotes_kept() {
        assert_eq!(without_reply_fallback("> <@a:x> hi\n> there\n\nyes"), "yes");
        assert_eq!(
            without_reply_fallback("> a quote of my own"),
            "> a quote of my own"
        );
        assert_eq!(without_reply_fallback("plain"), "plain");
    }
}
