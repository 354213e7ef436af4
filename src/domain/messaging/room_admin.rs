//! What a room's own administrators do beyond renaming it and setting its topic
//! (`chats::update_chat`, `topics`): archive and unarchive it (the server's
//! administrators do the same through `administration::moderation`, with an audit
//! entry), and the rooms browser's list.

use crate::domain::error::{Conflict, Error, Missing, Refusal, Result};
use crate::domain::messaging::chats::{require_member, state};
use crate::hub::Published;
use crate::model::events::Event;
use crate::state::App;
use crate::store::messaging::room_browser::BrowsedRoom;
use crate::store::{self, messaging::chats::Chat, people::users::User, ChatKind, MemberRole, Tx};
use std::sync::Arc;

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
/// chat is never archived (`Conflict::ArchiveDirect`, before the role: in a direct chat
/// nobody is an admin).
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
