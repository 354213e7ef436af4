//! Slack's incoming webhook: `POST /hooks/<token>` posts a Slack
//! payload (`domain::bots::slack_payload`) as the bot into a chat. The token is a chat's hook
//! (that chat, or another the bot is in that the payload's `channel` names, as
//! Mattermost allows) or the bot's key (the `channel` says where). What goes wrong is
//! said in Slack's words ([`HookError::code`]), so senders written for Slack read it.
//!
//! The payload's `username` and `icon_url`/`icon_emoji` are not honoured: the message
//! is the bot's, under its own name and picture on every surface, so a hook cannot post
//! as someone else (Mattermost's default, and Campfire's bots).

use super::key_of;
use crate::domain::bots::slack_payload::{self, PayloadError};
use crate::domain::error::Error;
use crate::domain::{messaging::messages, messaging::threads};
use crate::kit::names;
use crate::ratelimit::Limit;
use crate::state::App;
use crate::store::{self, messaging::chats::Chat, people::users::User, ChatKind, Conn};
use crate::webhooks::keys::{self, HookToken};

/// Why a hook post was not posted, as Slack says it.
#[derive(Debug)]
pub enum HookError {
    /// 404 `no_service`: the token names no live hook (unknown, rotated, deleted bot).
    NoService,
    /// 404 `channel_not_found`: the `channel` names no chat the bot is in, or several (or the key's
    /// post names none).
    ChannelNotFound,
    /// 403 `action_prohibited`: the bot is no longer a member of the hook's chat.
    Prohibited,
    /// 400 `invalid_payload` or `no_text`.
    Invalid(&'static str),
    /// 429 `rate_limited`, for this many seconds.
    RateLimited(u64),
    /// 500 `internal_error` (logged).
    Internal(Error),
}

impl HookError {
    /// The HTTP status and Slack's code.
    pub fn code(&self) -> (u16, &'static str) {
        match self {
            HookError::NoService => (404, "no_service"),
            HookError::ChannelNotFound => (404, "channel_not_found"),
            HookError::Prohibited => (403, "action_prohibited"),
            HookError::Invalid(code) => (400, code),
            HookError::RateLimited(_) => (429, "rate_limited"),
            HookError::Internal(_) => (500, "internal_error"),
        }
    }
}

impl From<Error> for HookError {
    fn from(e: Error) -> Self {
        HookError::Internal(e)
    }
}

impl From<store::StoreError> for HookError {
    fn from(e: store::StoreError) -> Self {
        HookError::Internal(e.into())
    }
}

impl From<PayloadError> for HookError {
    fn from(e: PayloadError) -> Self {
        match e {
            PayloadError::Invalid(code) => HookError::Invalid(code),
        }
    }
}

/// Posts `body` (JSON, or a form with `payload=`) through the hook `token`; the new
/// message's id.
pub async fn post(
    app: &App,
    token: &str,
    body: &[u8],
    content_type: Option<&str>,
) -> Result<i64, HookError> {
    let parsed = keys::parse_token(token).ok_or(HookError::NoService)?;
    let bot_id = match parsed {
        HookToken::Key { bot_id } | HookToken::Chat { bot_id, .. } => bot_id,
    };
    let row = app
        .db
        .read(move |c| store::bots::by_id(c, bot_id))
        .await?
        .ok_or(HookError::NoService)?;
    let hook_chat = match parsed {
        HookToken::Key { .. } if keys::key_matches(token, &row.key_hash) => None,
        HookToken::Chat { chat_id, mac, .. }
            if keys::chat_mac_matches(&key_of(app, &row)?, chat_id, mac) =>
        {
            Some(chat_id)
        }
        _ => return Err(HookError::NoService),
    };
    let window = format!("hook:{bot_id}:{}", hook_chat.unwrap_or(0));
    app.limits
        .count(Limit::Hook, &window)
        .map_err(HookError::RateLimited)?;
    let payload = slack_payload::parse(body, content_type)?;
    let app2 = app.clone();
    let sent = app
        .db
        .write(move |c| {
            let bot = store::people::users::by_id(c, bot_id)?
                .filter(|u| u.is_active)
                .ok_or(HookError::NoService)?;
            let rendered = slack_payload::render(&payload, &|name| mentioned(c, name))?;
            let chat = target(c, &bot, hook_chat, rendered.channel.as_deref())?;
            let place =
                threads::hook_target(c, chat, rendered.thread_ts, rendered.reply_broadcast)?;
            let sent =
                messages::send_reply_on(c, &app2, &bot, chat, rendered.text, Vec::new(), place)
                    .map_err(HookError::from)?;
            Ok::<_, HookError>(sent)
        })
        .await?;
    Ok(sent.committed(app).id)
}

/// The natter username a Slack `<@…>` names, if someone has it.
fn mentioned(c: &Conn, name: &str) -> Option<String> {
    store::people::users::by_username(c, name)
        .ok()
        .flatten()
        .filter(|u| u.is_active)
        .map(|u| u.username)
}

/// The chat a post goes to. A chat's hook stays in its own chat unless `channel` names
/// exactly one other chat of the bot's and not its own; the key's hook goes where
/// `channel` names exactly one chat. A name several of the bot's chats answer to is
/// `channel_not_found`, never a guess: whoever adds the bot to a look-alike chat must
/// not take another chat's posts. The bot must still be in the chat.
fn target(
    c: &Conn,
    bot: &User,
    hook_chat: Option<i64>,
    channel: Option<&str>,
) -> Result<i64, HookError> {
    let named = match channel {
        Some(channel) => named_chats(c, bot, channel)?,
        None => Vec::new(),
    };
    let chat = match (hook_chat, named.as_slice()) {
        (Some(own), named) if named.iter().any(|chat| chat.id == own) => own,
        (Some(own), []) => own,
        (_, [only]) => only.id,
        _ => return Err(HookError::ChannelNotFound),
    };
    match store::messaging::chats::member(c, chat, bot.id)? {
        Some(_) => Ok(chat),
        None => Err(HookError::Prohibited),
    }
}

/// The chats of the bot's that `channel` names: `#name` or `name` (a room's name or a
/// group's title, compared as names are), a chat id, or `@username` (the direct chat
/// with that person).
fn named_chats(c: &Conn, bot: &User, channel: &str) -> Result<Vec<Chat>, HookError> {
    let channel = channel.trim();
    if let Some(person) = channel.strip_prefix('@') {
        let Some(other) = store::people::users::by_username(c, person)? else {
            return Ok(Vec::new());
        };
        return Ok(
            store::messaging::chats::direct_between(c, bot.id, other.id)?
                .into_iter()
                .collect(),
        );
    }
    let chats = store::messaging::chats::for_user(
        c,
        bot.id,
        &[ChatKind::Direct, ChatKind::Group, ChatKind::Room],
    )?;
    if let Ok(id) = channel.parse::<i64>() {
        return Ok(chats.into_iter().filter(|chat| chat.id == id).collect());
    }
    let key = names::name_key(channel.trim_start_matches('#'));
    Ok(chats
        .into_iter()
        .filter(|chat| {
            chat.kind != ChatKind::Direct
                && [chat.name.as_deref(), Some(chat.title.as_str())]
                    .into_iter()
                    .flatten()
                    .any(|n| !n.is_empty() && names::name_key(n) == key)
        })
        .collect())
}
