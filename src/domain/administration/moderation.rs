//! Administrators' moderation beyond deleting a message or a chat (`domain::administration::admin`):
//! taking a person out of a group or room, archiving one, and the names the audit list
//! shows for the people, chats and messages its entries point at.

use crate::domain::error::{Conflict, Error, Missing, Result};
use crate::domain::leaving_calls;
use crate::domain::messaging::chats::drop_member;
use crate::domain::messaging::room_admin;
use crate::domain::people::actor::Actor;
use crate::state::App;
use crate::store::{self, audit, messaging::chats::Chat, ChatKind, Conn};
use serde_json::{json, Value};

/// Takes a person out of a group or room as moderation, as a chat admin's removal does
/// (their sockets on it close, every member is told, they leave its call), and writes it
/// to the audit list.
pub async fn remove_member(app: &App, actor: Actor, chat_id: i64, user_id: i64) -> Result<()> {
    app.db
        .write_in_chat(chat_id, move |c| {
            let chat = store::messaging::chats::by_id(c, chat_id)?
                .ok_or(Error::NotFound(Missing::Chat))?;
            if chat.kind == ChatKind::Direct {
                return Err(Error::Conflict(Conflict::RemoveFromDirect));
            }
            let user =
                store::people::users::by_id(c, user_id)?.ok_or(Error::NotFound(Missing::Member))?;
            drop_member(c, chat_id, user_id)?;
            actor.record(
                c,
                "chat.remove_member",
                &format!("user:{} {}", user.id, user.username),
                json!({"chat_id": chat_id}),
            )
        })
        .await?;
    leaving_calls::lost_chat(app, chat_id, &[user_id]).await;
    Ok(())
}

/// Archives a group or room (`archived`: everyone in it still reads it, nobody posts in
/// it) or unarchives it; every member's client is told (`chat_updated`). Answers the chat.
pub async fn set_archived(app: &App, actor: Actor, chat_id: i64, archived: bool) -> Result<Chat> {
    app.db
        .write_in_chat(chat_id, move |c| {
            let (changed, chat) = room_admin::archive_on(c, chat_id, archived)?;
            if !changed {
                return Ok(chat);
            }
            let action = if archived {
                "chat.archive"
            } else {
                "chat.unarchive"
            };
            actor.record(c, action, &format!("chat:{chat_id}"), json!({}))?;
            Ok(chat)
        })
        .await
}

/// A page of the groups and rooms for the admin page (`store::messaging::admin_chats`): how many
/// match `search`, and each with its member count; an untitled group with the title its
/// members' names make (`chats::shown_title`).
pub async fn chats_page(
    app: &App,
    search: String,
    size: i64,
    offset: i64,
) -> Result<(i64, Vec<(Chat, i64)>)> {
    app.db
        .read(move |c| {
            let (count, mut chats) =
                store::messaging::admin_chats::page(c, search.trim(), size, offset)?;
            // An untitled group is listed by its members' names, never stored.
            for (chat, _) in &mut chats {
                chat.title = crate::domain::messaging::chats::shown_title_on(c, chat)?;
            }
            Ok((count, chats))
        })
        .await
}

/// A person an audit entry points at, by name.
pub struct PersonName {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub is_active: bool,
}

/// A chat an audit entry points at, by name (removed chats too).
pub struct ChatName {
    pub id: i64,
    pub kind: String,
    pub title: String,
}

/// What an audit entry is about, by name: the person (`user:<id>` targets, a
/// `user_id` detail), the chat (`chat:<id>` targets, a `chat_id` detail, a message's
/// chat) and a removed message's sender.
#[derive(Default)]
pub struct Names {
    pub user: Option<PersonName>,
    pub chat: Option<ChatName>,
    pub sender: Option<PersonName>,
}

/// One page of the audit list, newest first, each entry with its names, and how many
/// entries there are.
pub async fn audit_page(
    app: &App,
    size: i64,
    offset: i64,
) -> Result<(i64, Vec<(audit::Entry, Names)>)> {
    app.db
        .read(move |c| {
            let (count, entries) = audit::page(c, size, offset)?;
            let mut out = Vec::with_capacity(entries.len());
            for entry in entries {
                let names = names_of(c, &entry)?;
                out.push((entry, names));
            }
            Ok((count, out))
        })
        .await
}

fn names_of(c: &Conn, entry: &audit::Entry) -> Result<Names> {
    let detail: Value = serde_json::from_str(&entry.detail).unwrap_or(Value::Null);
    let detail_id = |key: &str| detail.get(key).and_then(Value::as_i64);
    let (kind, id) = target_of(&entry.target);
    let mut user_id = detail_id("user_id");
    let mut chat_id = detail_id("chat_id");
    let mut sender_id = detail_id("sender_id");
    match (kind, id) {
        ("user", Some(id)) => user_id = Some(id),
        ("chat", Some(id)) => chat_id = Some(id),
        ("message", Some(id)) => {
            if let Some((chat, sender)) = audit::message_place(c, id)? {
                chat_id = chat_id.or(Some(chat));
                sender_id = sender_id.or(sender);
            }
        }
        _ => {}
    }
    Ok(Names {
        user: user_id.map(|id| person(c, id)).transpose()?.flatten(),
        chat: match chat_id {
            Some(id) => audit::chat_name(c, id)?.map(|(kind, title)| ChatName { id, kind, title }),
            None => None,
        },
        sender: sender_id.map(|id| person(c, id)).transpose()?.flatten(),
    })
}

/// `user:7 bob` as ("user", Some(7)); anything else as it can.
fn target_of(target: &str) -> (&str, Option<i64>) {
    let head = target.split(' ').next().unwrap_or("");
    match head.split_once(':') {
        Some((kind, id)) => (kind, id.parse().ok()),
        None => (head, None),
    }
}

fn person(c: &Conn, id: i64) -> Result<Option<PersonName>> {
    Ok(
        audit::person_name(c, id)?.map(|(username, display_name, is_active)| PersonName {
            id,
            username,
            display_name,
            is_active,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::target_of;

    #[test]
    fn targets_read_as_kind_and_id() {
        assert_eq!(target_of("user:7 bob"), ("user", Some(7)));
        assert_eq!(target_of("message:12"), ("message", Some(12)));
        assert_eq!(target_of("chat:x"), ("chat", None));
        assert_eq!(target_of(""), ("", None));
    }
}
