//! What a room's own administrators do beyond renaming it (`chats::update_chat`): set
//! its topic, announced in the room as a line the way an arrival is, archive and
//! unarchive it (the server's administrators do the same through
//! `administration::moderation`, with an audit entry), and the rooms browser's list.

use crate::domain::error::{Conflict, Error, Missing, Problem, Refusal, Result};
use crate::domain::messaging::chats::{require_member, state};
use crate::domain::messaging::views::ViewBuilder;
use crate::hub::Published;
use crate::model::events::Event;
use crate::state::App;
use crate::store::messaging::room_browser::BrowsedRoom;
use crate::store::{self, messaging::chats::Chat, people::users::User, ChatKind, MemberRole, Tx};
use std::sync::Arc;

/// Longest topic, in characters (Slack's is 250).
pub const MAX_TOPIC: usize = 250;

/// The start of the message a new topic leaves in the chat, the topic after it. natter's
/// web client draws it as a line ("Ann set the topic: …"); other clients read it as text.
pub const TOPIC_TEXT: &str = "📝 set the topic: ";

/// The message a cleared topic leaves.
pub const TOPIC_CLEARED_TEXT: &str = "📝 cleared the topic";

/// A topic as it is kept: trimmed, one line, at most [`MAX_TOPIC`] characters.
pub fn check_topic(raw: &str) -> Result<String> {
    let topic = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if topic.chars().count() > MAX_TOPIC {
        return Err(Error::field("topic", Problem::TooLong { max: MAX_TOPIC }));
    }
    Ok(topic)
}

/// Sets `chat`'s topic for `me` (whose right to has been checked) in their write, and
/// when it changed, says so in the chat: a message from `me` that, like an arrival,
/// notes no push, mention or bot delivery. An archived chat takes no new topic.
pub fn set_topic_on(c: &Tx, me: &User, chat: &Chat, topic: &str, now: &str) -> Result<()> {
    if chat.archived_at.is_some() {
        return Err(Error::Forbidden(Refusal::ChatArchived));
    }
    if !store::messaging::chats::set_topic(c, chat.id, topic, now)? {
        return Ok(());
    }
    let text = if topic.is_empty() {
        TOPIC_CLEARED_TEXT.to_string()
    } else {
        format!("{TOPIC_TEXT}{topic}")
    };
    let Some(sent) =
        store::messaging::messages::insert_sent_by_member(c, chat.id, me.id, &text, now)?
    else {
        return Ok(());
    };
    let mut builder = ViewBuilder::new(c, sent.chat)?;
    builder.know(me);
    let view = Arc::new(builder.view_with(sent.message, Vec::new())?);
    c.publish(Published::new(
        chat.id,
        sent.audience.into(),
        Event::MessageCreated(view),
    ));
    Ok(())
}

/// Archives (`archived`) or unarchives a group or room in the caller's write, every
/// member told (`chat_updated`); whether it changed, and the chat as it is now.
pub fn archive_on(c: &Tx, chat_id: i64, archived: bool) -> Result<(bool, Chat)> {
    let chat = store::messaging::chats::by_id(c, chat_id)?.ok_or(Error::NotFound(Missing::Chat))?;
    if chat.kind == ChatKind::Direct {
        return Err(Error::Conflict(Conflict::ArchiveDirect));
    }
    let now = store::clock::now();
    if !store::messaging::chats::set_archived(c, chat_id, archived.then_some(now.as_str()))? {
        return Ok((false, chat)); // already so
    }
    let chat = store::messaging::chats::by_id(c, chat_id)?.ok_or(Error::NotFound(Missing::Chat))?;
    let state = state(c, chat)?;
    let audience: Arc<[i64]> = state.members.iter().map(|(u, _)| u.id).collect();
    let chat = state.chat.clone();
    c.publish(Published::new(
        chat_id,
        audience,
        Event::ChatUpdated(Arc::new(state)),
    ));
    Ok((true, chat))
}

/// Archives or unarchives a group or room as one of its administrators: a member who is
/// not one is refused (`Refusal::NotAdmin`), anyone else finds no such chat, and a direct
/// chat is never archived (`Conflict::ArchiveDirect`).
pub async fn set_archived(app: &App, me: &User, chat_id: i64, archived: bool) -> Result<Chat> {
    let me_id = me.id;
    app.db
        .write_in_chat(chat_id, move |c| {
            let (chat, member) = require_member(c, chat_id, me_id)?;
            if chat.kind == ChatKind::Direct {
                return Err(Error::Conflict(Conflict::ArchiveDirect));
            }
            if member.role != MemberRole::Admin {
                return Err(Error::Forbidden(Refusal::NotAdmin));
            }
            Ok(archive_on(c, chat_id, archived)?.1)
        })
        .await
}

/// A page of the rooms browser for `me`: the public rooms and the private ones `me` is
/// in, matching `search`, the most recently active first; with how many match.
pub async fn browse(
    app: &App,
    me: i64,
    search: String,
    size: i64,
    offset: i64,
) -> Result<(i64, Vec<BrowsedRoom>)> {
    Ok(app
        .db
        .read(move |c| store::messaging::room_browser::page(c, me, search.trim(), size, offset))
        .await?)
}

#[cfg(test)]
mod tests {
    use super::check_topic;

    #[test]
    fn a_topic_is_one_trimmed_line_of_at_most_250_characters() {
        assert_eq!(
            check_topic("  ship\n it  today ").ok().as_deref(),
            Some("ship it today")
        );
        assert_eq!(check_topic("").ok().as_deref(), Some(""));
        assert!(check_topic(&"é".repeat(250)).is_ok());
        assert!(check_topic(&"é".repeat(251)).is_err());
    }
}
