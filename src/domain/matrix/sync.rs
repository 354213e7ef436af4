//! What a Matrix app's `/sync` shows a person: their rooms with state and the newest
//! messages (a first sync, or a room they joined since), and otherwise what changed in
//! their rooms after the position their since token names (`store::matrix_log`). Read in
//! one snapshot, so the position answered as the next token matches what was read. The
//! surface turns it into Matrix events (`surfaces::matrix::rooms::events`).

use crate::domain::error::Result;
use crate::domain::messaging::chats;
use crate::domain::messaging::views::ViewBuilder;
use crate::model::rows::ChatKind;
use crate::model::views::{ReactionView, UserBrief};
use crate::model::MessageView;
use crate::store::matrix_log::{self, Kind, LogRow};
use crate::store::messaging::chats::{Chat, Member};
use crate::store::messaging::messages::{Order, PageQuery};
use crate::store::{self, Conn};
use std::collections::HashMap;
use std::sync::Arc;

/// The most log rows one incremental sync reads; a since token further behind than
/// this is answered as a first sync of every room (with `limited` timelines).
pub const MAX_GAP: i64 = 5_000;

/// Where a since token points: a position in the log and, on SQLite, where sends were
/// (the newest message id then; sends are not logged there, `store::matrix_log`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub log: i64,
    pub message: i64,
}

/// What the app asked for.
pub struct SyncQuery {
    /// The position of the since token; `None` for a first sync.
    pub since: Option<Position>,
    /// Timeline events per room.
    pub limit: i64,
    /// Timeline events per room when each room asks its own (a sliding sync's windows
    /// and subscriptions): a room not named is read with one event, and left out of the
    /// answer by the caller. `None`: every room takes `limit`.
    pub room_limits: Option<Arc<HashMap<i64, i64>>>,
    /// Whether unread counts are split by thread (`unread_thread_notifications`): a
    /// room's own counts are then those outside threads.
    pub threads_apart: bool,
    /// The Matrix device syncing, whose key counts come with the rooms.
    pub device: Option<String>,
    /// Whether the messages sent to that device come too (a sliding sync asks for them
    /// in an extension).
    pub to_device: bool,
}

/// One thread's unread counts, when a sync counts threads apart.
pub struct ThreadUnread {
    /// The thread's root message.
    pub root: i64,
    pub unread: i64,
    pub highlights: i64,
}

/// One room's part of a sync.
pub struct RoomRead {
    pub chat: Chat,
    /// Its members now, with their accounts.
    pub members: Vec<(UserBrief, Member)>,
    /// Whether the app gets the room whole (its first sync, or a room it just joined):
    /// all its state, and the newest messages as the timeline.
    pub whole: bool,
    /// What happened, oldest first.
    pub timeline: Vec<Item>,
    /// Whether older items than the timeline's were left out.
    pub limited: bool,
    /// The message id the timeline starts at: `/messages` pages back from before it.
    pub starts_at: i64,
    /// Members' read marks that moved (all of them for a whole room), as the others are
    /// shown them: (user, message).
    pub receipts: Vec<(i64, i64)>,
    /// The reader's own private read mark, when it moved (or, for a whole room, when it
    /// is past what the others are shown): echoed to the reader's apps alone.
    pub private_read: Option<i64>,
    /// The reader's own read mark.
    pub my_read: i64,
    /// Messages from others the reader has not read.
    pub unread: i64,
    /// Of those, the ones that mention the reader (natter's unread mentions).
    pub highlights: i64,
    /// The chat's pinned messages, newest pin first.
    pub pins: Vec<i64>,
    /// Per thread, when the sync counts threads apart (only threads with something
    /// unread).
    pub threads: Vec<ThreadUnread>,
    /// For each thread root in the timeline: its newest reply, and whether the reader
    /// started the thread or replied in it (Matrix's thread summary).
    pub thread_summaries: Vec<ThreadSummary>,
}

/// What a thread root's event says of its thread beside its reply count.
pub struct ThreadSummary {
    pub root: i64,
    pub latest: MessageView,
    pub participated: bool,
}

/// The summaries of the thread roots among `timeline`'s messages.
fn thread_summaries(
    c: &Conn,
    me: i64,
    chat: &Chat,
    timeline: &[Item],
) -> Result<Vec<ThreadSummary>> {
    let roots: Vec<(i64, bool)> = timeline
        .iter()
        .filter_map(|item| match item {
            Item::Message(m) if m.threading.reply_count > 0 => {
                Some((m.id, m.sender.as_ref().is_some_and(|s| s.id == me)))
            }
            _ => None,
        })
        .collect();
    if roots.is_empty() {
        return Ok(Vec::new());
    }
    let mut newest = Vec::with_capacity(roots.len());
    for (root, _) in &roots {
        let id = store::messaging::threads::newest_reply(c, *root)?;
        newest.extend(store::messaging::messages::by_id(c, id)?);
    }
    let mut out = Vec::with_capacity(roots.len());
    for latest in ViewBuilder::new(c, chat.clone())?.views(newest)? {
        let Some((root, started)) = roots
            .iter()
            .copied()
            .find(|(root, _)| latest.threading.thread_id == Some(*root))
        else {
            continue;
        };
        let participated = started || store::messaging::threads::replied_in(c, root, me)?;
        out.push(ThreadSummary {
            root,
            latest,
            participated,
        });
    }
    Ok(out)
}

/// One thing in a room's timeline.
pub enum Item {
    /// A message as it is now.
    Message(MessageView),
    /// A message's content changed (log position, the message as it is now).
    Edited(i64, MessageView),
    /// A message was deleted (log position, message, its sender).
    Deleted(i64, i64, Option<i64>),
    /// A message's reactions, as they are now (a room given whole).
    Reactions(i64, Vec<ReactionView>),
    /// One person's emoji put on (`true`) or taken off a message: (log position,
    /// message, who, emoji, on).
    Reacted(i64, i64, i64, String, bool),
    /// Someone joined (log position, who).
    Joined(i64, UserBrief),
    /// Someone left or was removed (log position, who).
    Left(i64, UserBrief),
    /// The chat's name, topic or settings changed (log position).
    ChatChanged(i64),
    /// The pinned messages changed (log position, who).
    PinsChanged(i64, Option<i64>),
}

/// A room the reader left or was removed from since their token.
pub struct LeftRoom {
    pub chat_id: i64,
    /// The log position of the leave.
    pub pos: i64,
    pub me: UserBrief,
}

/// A sync's reading.
pub struct SyncRead {
    /// The position the next token names.
    pub head: Position,
    pub joined: Vec<RoomRead>,
    pub left: Vec<LeftRoom>,
    /// The reader's direct chats: (the other person, chat id); read only for a sync that
    /// tells `m.direct` (a first one, or one with a chat given whole).
    pub direct: Vec<(UserBrief, i64)>,
    /// The reader's own account data to tell: (chat id, 0 for the account's; type; JSON).
    pub account_data: Vec<(i64, String, String)>,
    /// What the syncing device is told of encryption, when the query names it.
    pub device: Option<DeviceNews>,
}

/// What a sync tells the syncing device of encryption.
pub struct DeviceNews {
    /// Messages sent to it that it has not received.
    pub to_device: Vec<crate::store::matrix::to_device::ToDevice>,
    /// Whose devices or keys changed since the token, of those who share a chat with
    /// the reader: (id, username).
    pub keys_changed: Vec<(i64, String)>,
    /// How many keys it has left for others to claim.
    pub counts: super::encryption::keys::KeyCounts,
}

impl SyncRead {
    /// Whether nothing happened for the reader (a long poll waits on).
    pub fn is_empty(&self) -> bool {
        self.joined.is_empty()
            && self.left.is_empty()
            && self.account_data.is_empty()
            && self
                .device
                .as_ref()
                .is_none_or(|d| d.to_device.is_empty() && d.keys_changed.is_empty())
    }
}

/// Reads a sync for `me`.
pub fn read(c: &Conn, me: i64, q: &SyncQuery) -> Result<SyncRead> {
    c.in_one_snapshot(|c| read_in_snapshot(c, me, q))
}

fn read_in_snapshot(c: &Conn, me: i64, q: &SyncQuery) -> Result<SyncRead> {
    let mut read = read_rooms(c, me, q)?;
    if let Some(device) = &q.device {
        read.device = Some(device_news(c, me, device, q, read.head)?);
    }
    if read.joined.is_empty() {
        return Ok(read);
    }
    if q.threads_apart {
        return threads_apart(c, me, read);
    }
    let mentions: HashMap<i64, i64> = store::messaging::mentions::unread_by_chat(c, me)?
        .into_iter()
        .collect();
    for room in &mut read.joined {
        room.highlights = mentions.get(&room.chat.id).copied().unwrap_or(0);
    }
    Ok(read)
}

/// What the syncing device is told of encryption up to `head`.
fn device_news(
    c: &Conn,
    me: i64,
    device: &str,
    q: &SyncQuery,
    head: Position,
) -> Result<DeviceNews> {
    let keys_changed = match q.since {
        Some(since) if since.log < head.log => {
            let mut out = Vec::new();
            for id in matrix_log::keys_changed(c, me, since.log, head.log)? {
                if let Some(u) = store::people::users::by_id(c, id)? {
                    out.push((id, u.username));
                }
            }
            out
        }
        _ => Vec::new(),
    };
    Ok(DeviceNews {
        to_device: match q.to_device {
            true => super::encryption::to_device::waiting_in(c, me, device, head.log)?,
            false => Vec::new(),
        },
        keys_changed,
        counts: super::encryption::keys::counts_in(c, me, device)?,
    })
}

/// Splits each room's unread counts into the room's own (outside threads) and each
/// thread's.
fn threads_apart(c: &Conn, me: i64, mut read: SyncRead) -> Result<SyncRead> {
    let mut mentions: HashMap<(i64, Option<i64>), i64> = HashMap::new();
    for (chat, thread, n) in store::messaging::mentions::unread_by_thread(c, me)? {
        mentions.insert((chat, thread), n);
    }
    for room in &mut read.joined {
        let chat = room.chat.id;
        room.highlights = mentions.get(&(chat, None)).copied().unwrap_or(0);
        let mut threads: Vec<ThreadUnread> = mentions
            .iter()
            .filter_map(|((c, t), n)| match (*c == chat, t) {
                (true, Some(root)) => Some(ThreadUnread {
                    root: *root,
                    unread: 0,
                    highlights: *n,
                }),
                _ => None,
            })
            .collect();
        if room.unread > 0 {
            room.unread = 0;
            let counts = store::messaging::messages::unread_from_others_by_thread(
                c,
                chat,
                me,
                room.my_read,
                room.chat.last_message_id,
            )?;
            for (thread, n) in counts {
                let Some(root) = thread else {
                    room.unread = n;
                    continue;
                };
                match threads.iter_mut().find(|t| t.root == root) {
                    Some(t) => t.unread = n,
                    None => threads.push(ThreadUnread {
                        root,
                        unread: n,
                        highlights: 0,
                    }),
                }
            }
        }
        threads.sort_by_key(|t| t.root);
        room.threads = threads;
    }
    Ok(read)
}

impl SyncQuery {
    /// How many timeline events chat `chat_id` is read with.
    fn limit_of(&self, chat_id: i64) -> i64 {
        match &self.room_limits {
            Some(limits) => limits.get(&chat_id).copied().unwrap_or(1),
            None => self.limit,
        }
    }
}

fn read_rooms(c: &Conn, me: i64, q: &SyncQuery) -> Result<SyncRead> {
    let sends_logged = matrix_log::logs_sends(c);
    let head = Position {
        log: matrix_log::head(c)?,
        message: match sends_logged {
            true => 0,
            false => matrix_log::head_message(c)?,
        },
    };
    let mine = store::messaging::chats::for_user(c, me, &[])?;
    let since = q.since.filter(|s| {
        head.log.saturating_sub(s.log) <= MAX_GAP && s.log <= head.log && s.message <= head.message
    });
    let Some(since) = since else {
        let direct = directs(c, me, &mine)?;
        let mut joined = Vec::with_capacity(mine.len());
        for chat in mine {
            let limit = q.limit_of(chat.id);
            joined.push(whole_room(c, me, chat, limit)?);
        }
        let account_data = account_data(c, me, |_| true)?;
        return Ok(SyncRead {
            head,
            joined,
            left: Vec::new(),
            direct,
            account_data,
            device: None,
        });
    };
    let rows = matrix_log::seen_by(c, me, since.log, head.log, MAX_GAP)?;
    let mut by_chat: Vec<(i64, Vec<LogRow>)> = Vec::new();
    // On SQLite, the chats with messages sent since (no log rows of their own).
    if !sends_logged {
        for chat in mine.iter().filter(|ch| ch.last_message_id > since.message) {
            by_chat.push((chat.id, Vec::new()));
        }
    }
    for row in rows {
        match by_chat.iter_mut().find(|(id, _)| *id == row.chat_id) {
            Some((_, list)) => list.push(row),
            None => by_chat.push((row.chat_id, vec![row])),
        }
    }
    // Whose account data changed: the account's (0) and chats'.
    let mut data_scopes: Vec<i64> = Vec::new();
    let mut joined = Vec::new();
    let mut left = Vec::new();
    for (chat_id, rows) in by_chat {
        if rows.iter().any(|r| r.kind == Kind::AccountData) {
            data_scopes.push(chat_id);
        }
        if chat_id == 0 {
            continue;
        }
        let current = mine.iter().find(|ch| ch.id == chat_id).cloned();
        let my_join = rows
            .iter()
            .any(|r| r.kind == Kind::Join && r.user_id == Some(me));
        match current {
            Some(chat) if my_join => {
                data_scopes.push(chat.id);
                let limit = q.limit_of(chat.id);
                joined.push(whole_room(c, me, chat, limit)?)
            }
            Some(chat) => {
                let sent = match sends_logged {
                    true => None,
                    false => Some((since.message, head.message)),
                };
                let limit = q.limit_of(chat.id);
                joined.push(changed_room(c, me, chat, &rows, sent, limit)?)
            }
            None => {
                let leave = rows
                    .iter()
                    .rev()
                    .find(|r| r.kind == Kind::Leave && r.user_id == Some(me));
                if let (Some(leave), Some(user)) = (leave, store::people::users::by_id(c, me)?) {
                    left.push(LeftRoom {
                        chat_id,
                        pos: leave.pos,
                        me: UserBrief::from(&user),
                    });
                }
            }
        }
    }
    let account_data = account_data(c, me, |scope| data_scopes.contains(&scope))?;
    // Told when a chat is new to the reader; each long poll's wake need not read them.
    let direct = match joined.iter().any(|r| r.whole) {
        true => directs(c, me, &mine)?,
        false => Vec::new(),
    };
    Ok(SyncRead {
        head,
        joined,
        left,
        direct,
        account_data,
        device: None,
    })
}

/// The reader's stored account data of the scopes `wanted` picks (0: the account's).
fn account_data(
    c: &Conn,
    me: i64,
    wanted: impl Fn(i64) -> bool,
) -> Result<Vec<(i64, String, String)>> {
    Ok(store::matrix::account_data::of_user(c, me)?
        .into_iter()
        .filter_map(|(room, kind, content)| {
            let scope = match room.as_str() {
                "" => 0,
                id => id.parse().ok()?,
            };
            wanted(scope).then_some((scope, kind, content))
        })
        .collect())
}

/// The reader's direct chats, with the other person of each.
fn directs(c: &Conn, me: i64, mine: &[Chat]) -> Result<Vec<(UserBrief, i64)>> {
    let mut out = Vec::new();
    for chat in mine.iter().filter(|ch| ch.kind == ChatKind::Direct) {
        let members = store::messaging::chats::members_with_accounts(c, chat.id)?;
        if let Some((other, _)) = members.iter().find(|(u, _)| u.id != me) {
            out.push((UserBrief::from(other), chat.id));
        }
    }
    Ok(out)
}

/// The room's members now.
fn members_of(c: &Conn, chat_id: i64) -> Result<Vec<(UserBrief, Member)>> {
    Ok(store::messaging::chats::members_with_accounts(c, chat_id)?
        .iter()
        .map(|(u, m)| (UserBrief::from(u), m.clone()))
        .collect())
}

/// Which way `/messages` pages from a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Older messages, newest first, before the one given.
    Back,
    /// Newer messages, oldest first, after the one given.
    Forward,
}

/// A page of a room's messages for `/messages`: up to `limit` from `from` (exclusive)
/// in `dir`, each with its reactions, in the order the page goes; and whether more lie
/// beyond. Members only (else not found).
pub fn page(
    c: &Conn,
    me: i64,
    chat_id: i64,
    from: i64,
    dir: Direction,
    limit: i64,
) -> Result<(RoomRead, bool)> {
    let (chat, _) = chats::require_member(c, chat_id, me)?;
    let q = PageQuery {
        before: (dir == Direction::Back).then_some(from),
        after: (dir == Direction::Forward).then_some(from),
        limit: limit + 1,
        offset: 0,
        order: match dir {
            Direction::Back => Order::NewestFirst,
            Direction::Forward => Order::OldestFirst,
        },
        search: None,
        channel_only: false,
    };
    let mut rows = store::messaging::messages::page(c, chat.id, &q)?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let read = with_messages(c, me, chat, rows, false)?;
    Ok((read, more))
}

/// Rooms of the reader's given whole, as a first sync gives them (a sliding sync's room
/// that newly entered a window or a subscription), with their unread mentions.
pub fn whole_rooms(
    c: &Conn,
    me: i64,
    chat_ids: &[i64],
    limit: impl Fn(i64) -> i64,
) -> Result<Vec<RoomRead>> {
    let mentions: HashMap<i64, i64> = store::messaging::mentions::unread_by_chat(c, me)?
        .into_iter()
        .collect();
    let mut out = Vec::with_capacity(chat_ids.len());
    for id in chat_ids {
        let (chat, _) = chats::require_member(c, *id, me)?;
        let mut room = whole_room(c, me, chat, limit(*id))?;
        room.highlights = mentions.get(id).copied().unwrap_or(0);
        out.push(room);
    }
    Ok(out)
}

/// A room's members and state with no timeline (`/state`, `/members`): members only.
pub fn room(c: &Conn, me: i64, chat_id: i64) -> Result<RoomRead> {
    let (chat, _) = chats::require_member(c, chat_id, me)?;
    with_messages(c, me, chat, Vec::new(), false)
}

/// One message of a room the reader is in, with its room (`/event`).
pub fn message(c: &Conn, me: i64, chat_id: i64, message_id: i64) -> Result<RoomRead> {
    let (chat, _) = chats::require_member(c, chat_id, me)?;
    // A deleted message is its redacted event, as Synapse answers it.
    let row = match store::messaging::messages::by_id(c, message_id)? {
        Some(m) => Some(m),
        None => store::messaging::messages::deleted_by_id(c, message_id)?,
    };
    let row = row
        .filter(|m| m.chat_id == chat_id)
        .ok_or(crate::domain::error::Error::NotFound(
            crate::domain::error::Missing::Message,
        ))?;
    with_messages(c, me, chat, vec![row], false)
}

/// The replies of the thread of `root` (a message as [`message`] read it, which checked
/// the reader and the chat) before reply `before`, up to `limit`, oldest first, for
/// `/relations`; and whether older ones are left.
pub fn thread_page(
    c: &Conn,
    me: i64,
    root: &RoomRead,
    before: i64,
    limit: i64,
) -> Result<(RoomRead, bool)> {
    let root_id = root.timeline.iter().find_map(|item| match item {
        Item::Message(m) => Some(m.id),
        _ => None,
    });
    let Some(root_id) = root_id else {
        return Err(crate::domain::error::Error::NotFound(
            crate::domain::error::Missing::Message,
        ));
    };
    let mut rows = store::messaging::threads::replies(c, root_id, 0, before, limit + 1, true)?;
    let more = rows.len() as i64 > limit;
    if more {
        rows.remove(0);
    }
    Ok((with_messages(c, me, root.chat.clone(), rows, false)?, more))
}

/// A chat's threads for `/threads`: their roots, the newest reply first, `limit` after
/// skipping `offset` (only those `me` took part in when `participated`); and whether
/// more are left.
pub fn threads(
    c: &Conn,
    me: i64,
    chat_id: i64,
    participated: bool,
    offset: i64,
    limit: i64,
) -> Result<(RoomRead, bool)> {
    let (chat, _) = chats::require_member(c, chat_id, me)?;
    let mut rows = store::messaging::threads::roots_in_chat(
        c,
        chat_id,
        participated.then_some(me),
        limit + 1,
        offset,
    )?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    Ok((with_messages(c, me, chat, rows, false)?, more))
}

/// A room given whole: its newest `limit` messages with their reactions.
fn whole_room(c: &Conn, me: i64, chat: Chat, limit: i64) -> Result<RoomRead> {
    let (rows, limited) = newest(c, chat.id, None, None, limit)?;
    let mut read = with_messages(c, me, chat, rows, true)?;
    read.limited = limited;
    Ok(read)
}

/// The newest `limit` live messages of a chat with ids strictly between `after` and
/// `before`, oldest first, and whether older ones were left out.
fn newest(
    c: &Conn,
    chat_id: i64,
    after: Option<i64>,
    before: Option<i64>,
    limit: i64,
) -> Result<(Vec<store::messaging::messages::Message>, bool)> {
    let q = PageQuery {
        before,
        after,
        limit: limit + 1,
        offset: 0,
        order: Order::NewestFirst,
        search: None,
        channel_only: false,
    };
    let mut rows = store::messaging::messages::page(c, chat_id, &q)?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    rows.reverse();
    Ok((rows, more))
}

/// A room with `rows` as its timeline, in their order, each with its reactions.
fn with_messages(
    c: &Conn,
    me: i64,
    chat: Chat,
    rows: Vec<store::messaging::messages::Message>,
    whole: bool,
) -> Result<RoomRead> {
    let ids: Vec<i64> = rows.iter().map(|m| m.id).collect();
    let mut reactions = store::messaging::messages::reactions_of(c, &ids)?;
    let messages = ViewBuilder::new(c, chat.clone())?.views(rows)?;
    let starts_at = messages.first().map_or(chat.last_message_id + 1, |m| m.id);
    let mut timeline = Vec::with_capacity(messages.len() * 2);
    for m in messages {
        let id = m.id;
        timeline.push(Item::Message(m));
        if let Some(groups) = reactions.remove(&id) {
            timeline.push(Item::Reactions(id, reaction_views(groups)));
        }
    }
    let mut read = around(c, me, chat, timeline, starts_at, None)?;
    read.whole = whole;
    Ok(read)
}

/// Read marks that moved, as the others are shown them `(user, message)`, and the
/// reader's own private one.
type Marks = (Vec<(i64, i64)>, Option<i64>);

/// A room around the timeline already read for it: its members, the reader's read mark
/// and unread count (as natter's chat list counts them), its pins, and the read marks to
/// tell with the reader's private one (`None`: every member's as shown).
fn around(
    c: &Conn,
    me: i64,
    chat: Chat,
    timeline: Vec<Item>,
    starts_at: i64,
    receipts: Option<Marks>,
) -> Result<RoomRead> {
    let members = members_of(c, chat.id)?;
    let my_read = members
        .iter()
        .find(|(_, m)| m.user_id == me)
        .map_or(0, |(_, m)| m.last_read_message_id);
    let unread = match chat.last_message_id > my_read {
        true => {
            store::messaging::messages::unread_from_others(
                c,
                chat.id,
                me,
                my_read,
                chat.last_message_id,
            )?
            .0
        }
        false => 0,
    };
    let (receipts, private_read) = match receipts {
        Some(moved) => moved,
        None => {
            let shown: Vec<(i64, i64)> = store::messaging::chats::receipt_marks(c, chat.id)?
                .into_iter()
                .filter(|(_, read)| *read > 0)
                .collect();
            let my_shown = shown.iter().find(|(u, _)| *u == me).map_or(0, |r| r.1);
            (shown, (my_read > my_shown).then_some(my_read))
        }
    };
    let pins = pins_of(c, chat.id)?;
    let thread_summaries = thread_summaries(c, me, &chat, &timeline)?;
    Ok(RoomRead {
        chat,
        members,
        whole: false,
        timeline,
        limited: false,
        starts_at,
        receipts,
        private_read,
        my_read,
        unread,
        highlights: 0,
        pins,
        threads: Vec::new(),
        thread_summaries,
    })
}

fn reaction_views(groups: Vec<(String, Vec<i64>)>) -> Vec<ReactionView> {
    groups
        .into_iter()
        .map(|(emoji, users)| ReactionView { emoji, users })
        .collect()
}

fn pins_of(c: &Conn, chat_id: i64) -> Result<Vec<i64>> {
    Ok(store::messaging::pins::of_chat(c, chat_id)?
        .iter()
        .map(|p| p.message_id)
        .collect())
}

/// A room's changes from its log rows, oldest first, the newest `limit` kept; on SQLite
/// the messages sent between the two message ids of `sent` come first.
fn changed_room(
    c: &Conn,
    me: i64,
    chat: Chat,
    rows: &[LogRow],
    sent: Option<(i64, i64)>,
    limit: i64,
) -> Result<RoomRead> {
    let mut builder = ViewBuilder::new(c, chat.clone())?;
    let mut timeline = Vec::new();
    let mut more_sent = false;
    if let Some((after, upto)) = sent.filter(|(after, _)| chat.last_message_id > *after) {
        let (rows, more) = newest(c, chat.id, Some(after), Some(upto + 1), limit)?;
        more_sent = more;
        for m in builder.views(rows)? {
            timeline.push(Item::Message(m));
        }
    }
    let mut receipts: Vec<(i64, i64)> = Vec::new();
    let mut private_read = None;
    let mut people: HashMap<i64, Option<UserBrief>> = HashMap::new();
    let mut person = |c: &Conn, id: i64| -> Result<Option<UserBrief>> {
        if let Some(known) = people.get(&id) {
            return Ok(known.clone());
        }
        let found = store::people::users::by_id(c, id)?.map(|u| UserBrief::from(&u));
        people.insert(id, found.clone());
        Ok(found)
    };
    for row in rows {
        let message = row.message_id.unwrap_or(0);
        match row.kind {
            Kind::Message => {
                if let Some(m) = store::messaging::messages::by_id(c, message)? {
                    timeline.push(Item::Message(builder.view(m)?));
                }
            }
            Kind::Edit => {
                if let Some(m) = store::messaging::messages::by_id(c, message)? {
                    timeline.push(Item::Edited(row.pos, builder.view(m)?));
                }
            }
            Kind::Delete => timeline.push(Item::Deleted(row.pos, message, row.user_id)),
            Kind::ReactionOn | Kind::ReactionOff => {
                if let (Some(user), Some(emoji)) = (row.user_id, &row.emoji) {
                    let on = row.kind == Kind::ReactionOn;
                    timeline.push(Item::Reacted(row.pos, message, user, emoji.clone(), on));
                }
            }
            Kind::Read => {
                if let Some(user) = row.user_id {
                    receipts.retain(|(u, _)| *u != user);
                    receipts.push((user, message));
                }
            }
            // The log gives the reader only their own.
            Kind::PrivateRead => private_read = Some(message),
            Kind::Join | Kind::Leave | Kind::Profile => {
                if let Some(user) = match row.user_id {
                    Some(id) => person(c, id)?,
                    None => None,
                } {
                    timeline.push(match row.kind {
                        Kind::Leave => Item::Left(row.pos, user),
                        _ => Item::Joined(row.pos, user),
                    });
                }
            }
            Kind::Chat => timeline.push(Item::ChatChanged(row.pos)),
            Kind::Pin => timeline.push(Item::PinsChanged(row.pos, row.user_id)),
            Kind::AccountData | Kind::ToDevice | Kind::DeviceKeys => {}
        }
    }
    let limited = more_sent || timeline.len() as i64 > limit;
    if timeline.len() as i64 > limit {
        timeline.drain(..timeline.len() - limit as usize);
    }
    let starts_at = timeline
        .iter()
        .find_map(|item| match item {
            Item::Message(m) => Some(m.id),
            _ => None,
        })
        .unwrap_or(chat.last_message_id + 1);
    let mut read = around(
        c,
        me,
        chat,
        timeline,
        starts_at,
        Some((receipts, private_read)),
    )?;
    read.limited = limited;
    Ok(read)
}
