//! Each person's notification level per chat: `all`, `mentions` or
//! `off`. Unset, a chat follows its default: `all` for a direct chat and for a group or
//! room of at most [`MENTIONS_ONLY_OVER`] members, `mentions` for a larger one (a busy
//! room should not ring for every line). The levels decide who is pushed
//! (`domain::push::plan`) and, in the web client, which unread counts are quiet.

use crate::domain::error::{Error, Missing, Problem, Result};
use crate::state::App;
use crate::store::{self, ChatKind};

/// Groups and rooms with more members than this default to `mentions`.
pub const MENTIONS_ONLY_OVER: i64 = 10;

/// The levels, as the API spells them.
pub const LEVELS: [&str; 3] = ["all", "mentions", "off"];

/// One chat's level for one person.
pub struct ChatLevel {
    pub chat_id: i64,
    /// What applies: the person's own choice, else the default.
    pub level: &'static str,
    pub default: &'static str,
    /// Whether the person chose it (else it follows the default).
    pub chosen: bool,
    /// The person's unread mentions in the chat (a `mentions` chat is loud while any).
    pub unread_mentions: i64,
}

/// The default level of a chat of `kind` with `members` members.
pub fn default_for(kind: ChatKind, members: i64) -> &'static str {
    match kind {
        ChatKind::Direct => "all",
        _ if members > MENTIONS_ONLY_OVER => "mentions",
        _ => "all",
    }
}

fn level_of(chat_id: i64, kind: ChatKind, members: i64, own: Option<String>) -> ChatLevel {
    let default = default_for(kind, members);
    let chosen = own
        .as_deref()
        .and_then(|l| LEVELS.iter().find(|x| **x == l).copied());
    ChatLevel {
        chat_id,
        level: chosen.unwrap_or(default),
        default,
        chosen: chosen.is_some(),
        unread_mentions: 0,
    }
}

/// Every chat of `me` (or only `only`) with its level, by chat id.
fn levels(c: &store::Conn, me: i64, only: Option<i64>) -> Result<Vec<ChatLevel>> {
    let unread: std::collections::HashMap<i64, i64> =
        store::messaging::mentions::unread_by_chat(c, me)?
            .into_iter()
            .collect();
    Ok(store::messaging::chats::notify_levels(c, me, only)?
        .into_iter()
        .map(|l| ChatLevel {
            unread_mentions: unread.get(&l.chat_id).copied().unwrap_or(0),
            ..level_of(l.chat_id, l.kind, l.members, l.own)
        })
        .collect())
}

/// Every chat of `me` with its level, by chat id.
pub async fn all(app: &App, me: i64) -> Result<Vec<ChatLevel>> {
    app.db.read(move |c| levels(c, me, None)).await
}

/// One chat of `me` with its level; a chat they are not in is not found.
pub async fn one(app: &App, me: i64, chat_id: i64) -> Result<ChatLevel> {
    app.db.read(move |c| one_on(c, me, chat_id)).await
}

fn one_on(c: &store::Conn, me: i64, chat_id: i64) -> Result<ChatLevel> {
    levels(c, me, Some(chat_id))?
        .pop()
        .ok_or(Error::NotFound(Missing::Chat))
}

/// Sets `me`'s level for `chat_id` (`None`: back to the default); the level as it now is.
pub async fn set(app: &App, me: i64, chat_id: i64, level: Option<String>) -> Result<ChatLevel> {
    if let Some(level) = &level {
        if !LEVELS.contains(&level.as_str()) {
            return Err(Error::field(
                "level",
                Problem::NotAChoice {
                    value: level.clone(),
                },
            ));
        }
    }
    // Set and read back in one write job.
    app.db
        .write(move |c| {
            if !store::messaging::chats::set_notify_level(c, chat_id, me, level.as_deref())? {
                return Err(Error::NotFound(Missing::Chat));
            }
            one_on(c, me, chat_id)
        })
        .await
}
