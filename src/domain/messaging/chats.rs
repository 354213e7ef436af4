//! Chats of every kind: direct (one per pair, whichever surface asks first), group and
//! room; members, roles and the permission rules around them.

use crate::domain::error::{Conflict, Error, Missing, Problem, Refusal, Result};
use crate::domain::leaving_calls;
use crate::domain::messaging::views::ViewBuilder;
use crate::hub::Published;
use crate::model::events::Event;
use crate::model::{ChatState, UserBrief};
use crate::state::App;
use crate::store::{self, messaging::chats::Chat, messaging::chats::Member, people::users::User};
use crate::store::{ChatKind, MemberRole};
use crate::store::{Conn, Tx};
use std::sync::Arc;

/// The longest name of a group or room, in characters (the seeds' `max_length`).
pub const MAX_TITLE: usize = 255;

/// A group's or room's name as it is kept, from whichever surface: one line without
/// control characters or direction controls (`kit::printable::one_line`, as a display
/// name), trimmed, at most [`MAX_TITLE`] characters. Everyone who may join reads it (the
/// rooms browser, Matrix's room directory), so it may neither drive a terminal nor turn
/// around the words beside it.
pub fn check_title(raw: &str) -> Result<String> {
    let title = crate::kit::printable::one_line(raw).trim().to_string();
    if title.chars().count() > MAX_TITLE {
        return Err(Error::field("title", Problem::TooLong { max: MAX_TITLE }));
    }
    Ok(title)
}

/// An untitled group's shown title is cut to this many characters (and `…`).
pub const SHOWN_TITLE_CHARS: usize = 64;

/// The title a chat is shown with where natter itself names it (Web Push, the
/// administrators' chat list): its own, or for a group without one (natter's web client
/// makes such groups for group direct messages) its members' names in join order,
/// `", "` between them, cut to [`SHOWN_TITLE_CHARS`]. Never stored, so it follows
/// renames and members coming and going. `names` is [`store::messaging::chats::member_names`]'s.
pub fn shown_title(chat: &Chat, names: &[String]) -> String {
    if !chat.title.is_empty() || chat.kind != ChatKind::Group {
        return chat.title.clone();
    }
    let joined = names.join(", ");
    match joined.char_indices().nth(SHOWN_TITLE_CHARS) {
        Some((cut, _)) => format!("{}…", joined[..cut].trim_end_matches([',', ' '])),
        None => joined,
    }
}

/// [`shown_title`] of `chat`, reading its members' names only when it needs them.
pub fn shown_title_on(c: &Conn, chat: &Chat) -> Result<String> {
    if !chat.title.is_empty() || chat.kind != ChatKind::Group {
        return Ok(chat.title.clone());
    }
    // More names than fit: each takes at least one character and ", ".
    let names =
        store::messaging::chats::member_names(c, chat.id, SHOWN_TITLE_CHARS as i64 / 3 + 2)?;
    Ok(shown_title(chat, &names))
}

/// The chat and the caller's membership, or not found (a chat you are not in does not
/// exist for you).
pub fn require_member(c: &Conn, chat_id: i64, user_id: i64) -> Result<(Chat, Member)> {
    let chat = store::messaging::chats::by_id(c, chat_id)?.ok_or(Error::NotFound(Missing::Chat))?;
    let member = store::messaging::chats::member(c, chat_id, user_id)?
        .ok_or(Error::NotFound(Missing::Chat))?;
    Ok((chat, member))
}

/// Like `require_member`, plus the admin role (`Refusal::NotAdmin` otherwise).
pub fn require_admin(c: &Conn, chat_id: i64, user_id: i64) -> Result<Chat> {
    let (chat, member) = require_member(c, chat_id, user_id)?;
    if member.role != MemberRole::Admin {
        return Err(Error::Forbidden(Refusal::NotAdmin));
    }
    Ok(chat)
}

/// The messenger room name of a pair: both usernames sorted and joined by `_`.
pub fn direct_room_name(a: &str, b: &str) -> String {
    if a <= b {
        format!("{a}_{b}")
    } else {
        format!("{b}_{a}")
    }
}

/// The direct chat between `me` and `other_id`, creating it if needed; `true` when created.
/// Unknown user: `Missing::User`. (Chatting with yourself is allowed: a note-to-self chat.)
pub async fn get_or_create_direct(app: &App, me: &User, other_id: i64) -> Result<(Chat, bool)> {
    let me = me.clone();
    app.db
        .write(move |c| direct_on(c, &me, other_id).map(|d| (d.chat, d.created)))
        .await
}

/// The direct chat between `me` and `other_id` if there is one (`Ok`), else the other
/// person, read on the way (`Err`): what a send that may make no chat can find
/// (`Db::send_in_found_chat`). Unknown or deactivated: `Missing::User`.
pub fn existing_direct_on(
    c: &Conn,
    me: &User,
    other_id: i64,
) -> Result<std::result::Result<DirectChat, User>> {
    let (other, chat) = store::messaging::chats::person_and_direct_chat(c, me.id, other_id)?
        .filter(|(u, _)| u.is_active)
        .ok_or(Error::NotFound(Missing::User))?;
    let Some(chat) = chat else {
        return Ok(Err(other));
    };
    Ok(Ok(DirectChat {
        chat,
        other,
        created: false,
    }))
}

/// A direct chat found or made by [`direct_on`], with the other person read on the way.
pub struct DirectChat {
    pub chat: Chat,
    /// The other person (the caller again in a note-to-self chat).
    pub other: User,
    /// Whether this call made the chat.
    pub created: bool,
}

/// `get_or_create_direct` on the writer connection, for a write that goes on to use the
/// chat (the inbox's send creates the chat and its first message in one job).
pub fn direct_on(c: &Tx, me: &User, other_id: i64) -> Result<DirectChat> {
    let other = match existing_direct_on(c, me, other_id)? {
        Ok(found) => return Ok(found),
        Err(other) => other,
    };
    let now = store::clock::now();
    let name = direct_room_name(&me.username, &other.username);
    let name_free = store::messaging::chats::by_name(c, &name)?.is_none();
    // Two writers may create the pair's chat at once: the unique pair index keeps one,
    // and the loser reads the winner's (`created` false).
    let (chat_id, created) = store::messaging::chats::insert_direct(
        c,
        &store::messaging::chats::NewChat::direct(
            me.id,
            (me.id, other.id),
            name_free.then_some(name.as_str()),
        ),
        &now,
    )?;
    if created {
        store::messaging::chats::add_member(c, chat_id, me.id, MemberRole::Admin, &now)?;
        store::messaging::chats::add_member(c, chat_id, other.id, MemberRole::Admin, &now)?;
        store::matrix_log::note_joined(c, chat_id, &[me.id, other.id])?;
    }
    let chat = store::messaging::chats::by_id(c, chat_id)?.ok_or(Error::NotFound(Missing::Chat))?;
    Ok(DirectChat {
        chat,
        other,
        created,
    })
}

/// What a new group or room needs.
pub struct NewGroup {
    /// A group or a room.
    pub kind: ChatKind,
    pub title: String,
    pub description: String,
    pub max_participants: Option<i64>,
    pub is_private: bool,
    /// Other initial members.
    pub member_ids: Vec<i64>,
}

/// Creates a group or room with the creator as admin, its title kept as [`check_title`]
/// keeps it; unknown or deactivated member ids are invalid.
pub async fn create_group(app: &App, me: &User, mut g: NewGroup) -> Result<Chat> {
    g.title = check_title(&g.title)?;
    let me_id = me.id;
    let me_admin = me.is_admin;
    let chat = app
        .db
        .write(move |c| {
            // A deactivated account is no one to add, as an unknown id is not.
            for id in &g.member_ids {
                if !store::people::users::by_id(c, *id)?.is_some_and(|u| u.is_active) {
                    return Err(Error::field(
                        "member_ids",
                        Problem::NoSuchObject { pk: *id },
                    ));
                }
                refuse_bot_unless_admin(c, me_admin, *id)?;
            }
            let now = store::clock::now();
            let chat_id = store::messaging::chats::insert(
                c,
                &store::messaging::chats::NewChat {
                    kind: g.kind,
                    title: &g.title,
                    name: None,
                    description: &g.description,
                    max_participants: g.max_participants,
                    is_private: g.is_private,
                    created_by: me_id,
                    direct_pair: None,
                },
                &now,
            )?;
            store::messaging::chats::add_member(c, chat_id, me_id, MemberRole::Admin, &now)?;
            for id in &g.member_ids {
                store::messaging::chats::add_member(c, chat_id, *id, MemberRole::Member, &now)?;
            }
            let mut joined = vec![me_id];
            joined.extend(&g.member_ids);
            store::matrix_log::note_joined(c, chat_id, &joined)?;
            store::messaging::chats::by_id(c, chat_id)?.ok_or(Error::NotFound(Missing::Chat))
        })
        .await?;
    Ok(chat)
}

/// What a change to a chat's settings asks for; `None` leaves a setting as it is.
#[derive(Debug, Default)]
pub struct ChatChanges {
    /// The name, kept as [`check_title`] keeps it.
    pub title: Option<String>,
    /// The description (a room's purpose).
    pub description: Option<String>,
    pub max_participants: Option<Option<i64>>,
    pub is_private: Option<bool>,
    /// The topic (`topics::MAX_TOPIC` characters at most), announced in the chat.
    pub topic: Option<String>,
    /// The picture: an upload's download path the caller checked, empty for none.
    pub image: Option<String>,
    /// A Matrix app's `m.room.encryption` content (JSON): the chat's messages are
    /// encrypted from now on (refused under `--refuse-encryption`).
    pub encryption: Option<String>,
}

/// Changes a chat's settings. Groups and rooms: admins only; direct chats: either member.
/// A new topic is also a message in the chat (`topics::set_topic_on`).
pub async fn update_chat(app: &App, me: &User, chat_id: i64, mut ch: ChatChanges) -> Result<Chat> {
    let me = me.clone();
    ch.title = ch.title.as_deref().map(check_title).transpose()?;
    let topic = ch
        .topic
        .as_deref()
        .map(crate::domain::messaging::topics::check_topic)
        .transpose()?;
    if ch.encryption.is_some() && app.config.refuse_encryption {
        return Err(Error::Forbidden(Refusal::EncryptionRefused));
    }
    app.db
        .write(move |c| {
            let (chat, member) = require_member(c, chat_id, me.id)?;
            if chat.kind != ChatKind::Direct && member.role != MemberRole::Admin {
                return Err(Error::Forbidden(Refusal::NotAdmin));
            }
            let now = store::clock::now();
            store::messaging::chats::update(
                c,
                chat_id,
                ch.title.as_deref(),
                ch.description.as_deref(),
                ch.max_participants,
                ch.is_private,
                &now,
            )?;
            if let Some(topic) = &topic {
                crate::domain::messaging::topics::set_topic_on(c, &me, &chat, topic, &now)?;
            }
            if let Some(image) = &ch.image {
                store::messaging::chats::set_image(c, chat_id, image, &now)?;
            }
            if let Some(encryption) = &ch.encryption {
                store::messaging::chats::set_encryption(c, chat_id, encryption, &now)?;
            }
            let chat = store::messaging::chats::by_id(c, chat_id)?
                .ok_or(Error::NotFound(Missing::Chat))?;
            let state = state(c, chat)?;
            let audience: Arc<[i64]> = state.members.iter().map(|(u, _)| u.id).collect();
            let chat = state.chat.clone();
            c.publish(Published::new(
                chat_id,
                audience,
                Event::ChatUpdated(Arc::new(state)),
            ));
            Ok(chat)
        })
        .await
}

/// Deletes a chat and everything in it. Groups and rooms: admins only.
pub async fn delete_chat(app: &App, me: &User, chat_id: i64) -> Result<()> {
    let me_id = me.id;
    let members = app
        .db
        .write(move |c| {
            let (chat, member) = require_member(c, chat_id, me_id)?;
            if chat.kind != ChatKind::Direct && member.role != MemberRole::Admin {
                return Err(Error::Forbidden(Refusal::NotAdmin));
            }
            let audience = store::messaging::chats::member_ids(c, chat_id)?;
            store::messaging::chats::delete(c, chat_id)?;
            member_left_everywhere(c, chat_id, audience.clone());
            Ok(audience)
        })
        .await?;
    leaving_calls::lost_chat(app, chat_id, &members).await;
    Ok(())
}

/// After a chat is deleted or removed: its members' sockets on it close, and every one
/// of them is told that each member left (so every surface drops it from its list). The
/// caller takes them out of its call after the commit (`leaving_calls::lost_chat`).
pub fn member_left_everywhere(c: &Tx, chat_id: i64, audience: Vec<i64>) {
    let audience: Arc<[i64]> = audience.into();
    for user_id in audience.iter() {
        c.revoke(chat_id, *user_id);
    }
    for user_id in audience.iter() {
        c.publish(Published::new(
            chat_id,
            audience.clone(),
            Event::MemberLeft { user_id: *user_id },
        ));
    }
}

/// Bots join chats only by a server administrator's hand: a bot in a look-alike chat
/// would take the posts its hooks name by that chat's name.
fn refuse_bot_unless_admin(c: &Conn, me_admin: bool, user_id: i64) -> Result<()> {
    if !me_admin && store::bots::is_bot(c, user_id)? {
        return Err(Error::Forbidden(Refusal::NotServerAdmin));
    }
    Ok(())
}

/// Adds users to a group or room (admins only; unknown or deactivated ids are invalid;
/// bots by server administrators only);
/// returns how many were new.
pub async fn add_members(app: &App, me: &User, chat_id: i64, user_ids: Vec<i64>) -> Result<i64> {
    let me_id = me.id;
    let me_admin = me.is_admin;
    app.db
        .write(move |c| {
            let chat = require_admin(c, chat_id, me_id)?;
            if chat.kind == ChatKind::Direct {
                return Err(Error::Conflict(Conflict::AddToDirect));
            }
            let now = store::clock::now();
            let mut added = Vec::new();
            for id in &user_ids {
                let user = store::people::users::by_id(c, *id)?
                    .filter(|u| u.is_active)
                    .ok_or_else(|| Error::field("user_ids", Problem::NoSuchObject { pk: *id }))?;
                refuse_bot_unless_admin(c, me_admin, user.id)?;
                if store::messaging::chats::add_member(
                    c,
                    chat_id,
                    user.id,
                    MemberRole::Member,
                    &now,
                )? {
                    added.push(UserBrief::from(&user));
                }
            }
            let audience: Arc<[i64]> = store::messaging::chats::member_ids(c, chat_id)?.into();
            for user in &added {
                c.publish(Published::new(
                    chat_id,
                    audience.clone(),
                    Event::MemberJoined { user: user.clone() },
                ));
            }
            Ok(added.len() as i64)
        })
        .await
}

/// Removes a member: admins may remove anyone, anyone may remove themselves.
/// The removed user's sockets stop receiving the chat at once, and they leave its call.
pub async fn remove_member(app: &App, me: &User, chat_id: i64, user_id: i64) -> Result<()> {
    let me_id = me.id;
    app.db
        .write(move |c| {
            let (chat, member) = require_member(c, chat_id, me_id)?;
            if chat.kind == ChatKind::Direct {
                return Err(Error::Conflict(Conflict::RemoveFromDirect));
            }
            if user_id != me_id && member.role != MemberRole::Admin {
                return Err(Error::Forbidden(Refusal::NotAdmin));
            }
            drop_member(c, chat_id, user_id)
        })
        .await?;
    leaving_calls::lost_chat(app, chat_id, &[user_id]).await;
    Ok(())
}

/// Takes `user_id` out of the chat, closes their sockets on it and tells every member
/// (`Missing::Member` when they are not in it). The caller checked who may, and after
/// the commit takes them out of the chat's call (`leaving_calls::lost_chat`).
pub fn drop_member(c: &Tx, chat_id: i64, user_id: i64) -> Result<()> {
    let audience = store::messaging::chats::member_ids(c, chat_id)?;
    if !store::messaging::chats::remove_member(c, chat_id, user_id)? {
        return Err(Error::NotFound(Missing::Member));
    }
    // The removed user is in the audience: `member_left` is the last event of the chat
    // their user-level sockets receive.
    c.revoke(chat_id, user_id);
    c.publish(Published::new(
        chat_id,
        audience.into(),
        Event::MemberLeft { user_id },
    ));
    Ok(())
}

/// A chat as a list row: its state and the caller's unread count.
pub struct ChatSummary {
    pub state: ChatState,
    pub unread_count: i64,
    /// The unread messages shown in the channel: not counting replies kept in a thread.
    pub channel_unread_count: i64,
}

/// Builds list rows for `chats` as seen by `me`.
pub fn summaries(c: &Conn, me: i64, chats: Vec<Chat>) -> Result<Vec<ChatSummary>> {
    let mut out = Vec::with_capacity(chats.len());
    for chat in chats {
        out.push(summary(c, me, chat)?);
    }
    Ok(out)
}

/// One list row.
pub fn summary(c: &Conn, me: i64, chat: Chat) -> Result<ChatSummary> {
    let state = state(c, chat)?;
    let my_read = state
        .members
        .iter()
        .find(|(_, m)| m.user_id == me)
        .map_or(0, |(_, m)| m.last_read_message_id);
    let chat = &state.chat;
    let (unread_count, channel_unread_count) = if chat.last_message_id > my_read {
        store::messaging::messages::unread_from_others(
            c,
            chat.id,
            me,
            my_read,
            chat.last_message_id,
        )?
    } else {
        (0, 0)
    };
    Ok(ChatSummary {
        state,
        unread_count,
        channel_unread_count,
    })
}

/// A chat's state: its members (users that still exist) and last message.
pub fn state(c: &Conn, chat: Chat) -> Result<ChatState> {
    let mut state = state_without_last_message(c, chat)?;
    state.last_message = match store::messaging::messages::last_in_chat(c, state.chat.id)? {
        Some(m) => Some(ViewBuilder::new(c, state.chat.clone())?.view(m)?),
        None => None,
    };
    Ok(state)
}

/// [`state`] without the last message: what an answer that shows other messages of the
/// chat needs (a search hit's title and readers), two statements fewer per chat.
pub fn state_without_last_message(c: &Conn, chat: Chat) -> Result<ChatState> {
    let members = store::messaging::chats::members_with_accounts(c, chat.id)?
        .into_iter()
        .map(|(u, m)| (UserBrief::from(&u), m))
        .collect();
    Ok(ChatState {
        chat,
        members,
        last_message: None,
    })
}

/// Chats of `me` of the given kinds (all when empty), most recently active first,
/// filtered by a case-insensitive search over the title and member names.
pub fn list_for_user(
    c: &Conn,
    me: i64,
    kinds: &[ChatKind],
    search: Option<&str>,
) -> Result<Vec<Chat>> {
    let chats = store::messaging::chats::for_user(c, me, kinds)?;
    let Some(q) = search
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
    else {
        return Ok(chats);
    };
    let mut out = Vec::new();
    for chat in chats {
        if chat.title.to_lowercase().contains(&q) {
            out.push(chat);
            continue;
        }
        let hit = store::messaging::chats::members_with_accounts(c, chat.id)?
            .iter()
            .any(|(u, _)| {
                u.id != me
                    && (u.username.to_lowercase().contains(&q)
                        || u.display_name.to_lowercase().contains(&q))
            });
        if hit {
            out.push(chat);
        }
    }
    Ok(out)
}

/// The chat with this unique name (a messenger room name), with the caller's membership
/// when they have one; `None` when no chat has that name. The surface decides how to
/// refuse a non-member (the messenger surface answers 403, as upstream did).
pub fn by_name_with_member(
    c: &Conn,
    name: &str,
    user_id: i64,
) -> Result<Option<(Chat, Option<Member>)>> {
    let Some(chat) = store::messaging::chats::by_name(c, name)? else {
        return Ok(None);
    };
    let member = store::messaging::chats::member(c, chat.id, user_id)?;
    Ok(Some((chat, member)))
}

/// A room (a chat of kind `room`) with what the rooms surface shows about it.
pub struct RoomView {
    pub chat: Chat,
    /// The creator, who alone may change or delete the room (`None` once deleted).
    pub owner: Option<User>,
    pub participant_count: i64,
    /// Whether the caller is a participant.
    pub is_member: bool,
}

fn room_view(c: &Conn, chat: Chat, me: i64) -> Result<RoomView> {
    let owner = match chat.created_by {
        Some(id) => store::people::users::by_id(c, id)?,
        None => None,
    };
    Ok(RoomView {
        participant_count: store::messaging::chats::member_count(c, chat.id)?,
        is_member: store::messaging::chats::member(c, chat.id, me)?.is_some(),
        owner,
        chat,
    })
}

/// A room as `me` may see it: unknown ids, other kinds of chat, and private rooms `me`
/// is not in are all `Missing::Room`; a public room is visible to anyone signed in (so
/// they can decide to join it).
pub fn visible_room(c: &Conn, room_id: i64, me: i64) -> Result<RoomView> {
    let chat = store::messaging::chats::by_id(c, room_id)?
        .filter(|chat| chat.kind == ChatKind::Room)
        .ok_or(Error::NotFound(Missing::Room))?;
    let view = room_view(c, chat, me)?;
    if view.chat.is_private && !view.is_member {
        return Err(Error::NotFound(Missing::Room));
    }
    Ok(view)
}

/// Like `visible_room`, but a visible room `me` is not in is `Refusal::NotParticipant`.
pub fn participant_room(c: &Conn, room_id: i64, me: i64) -> Result<RoomView> {
    let view = visible_room(c, room_id, me)?;
    if !view.is_member {
        return Err(Error::Forbidden(Refusal::NotParticipant));
    }
    Ok(view)
}

/// Like `participant_room`, plus being the room's owner (`Refusal::NotOwner` otherwise;
/// the surface words it for the action refused).
pub fn owned_room(c: &Conn, room_id: i64, me: i64) -> Result<RoomView> {
    let view = visible_room(c, room_id, me)?;
    if view.chat.created_by != Some(me) || !view.is_member {
        return Err(Error::Forbidden(Refusal::NotOwner));
    }
    Ok(view)
}

/// Rooms listed to `me`, newest first: the rooms `me` is in, or with `joinable` also
/// every public room.
pub fn list_rooms(c: &Conn, me: i64, joinable: bool) -> Result<Vec<Chat>> {
    let mut mine = store::messaging::chats::for_user(c, me, &[ChatKind::Room])?;
    if joinable {
        let my_ids: std::collections::HashSet<i64> = mine.iter().map(|r| r.id).collect();
        mine = store::messaging::chats::all_of_kind(c, ChatKind::Room)?
            .into_iter()
            .filter(|r| !r.is_private || my_ids.contains(&r.id))
            .collect();
    }
    mine.sort_by_key(|r| std::cmp::Reverse(r.id));
    Ok(mine)
}

/// Views of rooms for a list page.
pub fn room_views(c: &Conn, me: i64, rooms: Vec<Chat>) -> Result<Vec<RoomView>> {
    rooms.into_iter().map(|r| room_view(c, r, me)).collect()
}

/// A room's participants with their memberships, in join order (participants only).
pub fn room_participants(c: &Conn, room_id: i64, me: i64) -> Result<Vec<(User, Member)>> {
    participant_room(c, room_id, me)?;
    Ok(store::messaging::chats::members_with_accounts(c, room_id)?)
}

/// Joins a room: a private room is not found by strangers, a full one is
/// `Conflict::RoomFull`, joining twice is `Problem::AlreadyParticipant` on `user`. The owner rejoining gets the admin role back.
pub async fn join_room(app: &App, me: &User, room_id: i64) -> Result<()> {
    let me_id = me.id;
    let joiner = UserBrief::from(me);
    app.db
        .write(move |c| {
            // Several writers (PostgreSQL) would otherwise both count the last free seat.
            store::messaging::chats::lock(c, room_id)?;
            let view = visible_room(c, room_id, me_id)?;
            if view.is_member {
                return Err(Error::field("user", Problem::AlreadyParticipant));
            }
            if view
                .chat
                .max_participants
                .is_some_and(|max| view.participant_count >= max)
            {
                return Err(Error::Conflict(Conflict::RoomFull));
            }
            let role = if view.chat.created_by == Some(me_id) {
                MemberRole::Admin
            } else {
                MemberRole::Member
            };
            store::messaging::chats::add_member(c, room_id, me_id, role, &store::clock::now())?;
            let audience = store::messaging::chats::member_ids(c, room_id)?;
            c.publish(Published::new(
                room_id,
                audience.into(),
                Event::MemberJoined {
                    user: joiner.clone(),
                },
            ));
            Ok(())
        })
        .await
}

/// How many chats `me` is in (the chat list's count, without loading them).
pub fn count_for_user(c: &Conn, me: i64) -> Result<i64> {
    Ok(store::messaging::chats::count_for_user(c, me)?)
}

/// One window of `me`'s chats, most recently active first, paged in SQL.
pub fn window_for_user(c: &Conn, me: i64, size: i64, offset: i64) -> Result<Vec<Chat>> {
    Ok(store::messaging::chats::window_for_user(
        c, me, size, offset,
    )?)
}

#[cfg(test)]
mod shown_title_tests {
    use super::{shown_title, Chat, ChatKind};

    fn chat(kind: ChatKind, title: &str) -> Chat {
        Chat {
            id: 1,
            kind,
            title: title.into(),
            name: None,
            description: String::new(),
            max_participants: None,
            is_private: false,
            created_by: None,
            last_message_id: 0,
            message_count: 0,
            created_at: String::new(),
            updated_at: String::new(),
            archived_at: None,
            topic: String::new(),
            image: String::new(),
            encryption: String::new(),
        }
    }

    #[test]
    fn an_untitled_group_is_named_after_its_members() {
        let names = ["Ann".to_string(), "bob".into(), "Carol Ng".into()];
        assert_eq!(
            shown_title(&chat(ChatKind::Group, ""), &names),
            "Ann, bob, Carol Ng"
        );
        assert_eq!(shown_title(&chat(ChatKind::Group, "ops"), &names), "ops");
        assert_eq!(shown_title(&chat(ChatKind::Direct, ""), &names), "");
        assert_eq!(shown_title(&chat(ChatKind::Group, ""), &[]), "");
        let many: Vec<String> = (0..30).map(|i| format!("Person {i}")).collect();
        let cut = shown_title(&chat(ChatKind::Group, ""), &many);
        assert!(cut.starts_with("Person 0, Person 1, "), "{cut}");
        assert!(cut.ends_with('…') && !cut.ends_with(", …"), "{cut}");
        assert!(cut.chars().count() <= 65, "{cut}");
        let wide = ["é".repeat(100)];
        assert_eq!(
            shown_title(&chat(ChatKind::Group, ""), &wide)
                .chars()
                .count(),
            65
        );
    }
}
