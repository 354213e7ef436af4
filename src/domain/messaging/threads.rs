//! Threads and replies that name their parent. Any message can start a thread; a reply
//! in it is a message of the same chat (so every seed surface still shows it, with its
//! quote line) that natter keeps out of the channel unless it was also sent there. Who
//! follows a thread (its root's author, everyone who replied or was named in a reply,
//! anyone who chose to) counts its new replies as unread and hears of them.

use crate::domain::error::{Error, Missing, Problem, Result};
use crate::domain::messaging::chats::require_member;
use crate::domain::messaging::chats::state_without_last_message;
use crate::domain::messaging::views::{self, ViewBuilder};
use crate::domain::{messaging::mentions, messaging::replies};
use crate::hub::Published;
use crate::model::events::Event;
use crate::model::{Chat, ChatState, MessageView, ReactionView, Threading, UserBrief};
use crate::state::App;
use crate::store::messaging::messages::Message;
use crate::store::{self, Conn, Tx};
use std::sync::Arc;

/// Where a new message goes beyond its chat, as its sender asked: a reply to a message
/// (`reply_to`), a reply in a thread (`thread_id`, any message of the thread), and for a
/// thread reply whether it is also shown in the channel.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReplyTarget {
    pub reply_to: Option<i64>,
    pub thread_id: Option<i64>,
    pub also_in_channel: bool,
}

impl ReplyTarget {
    /// Whether the message is a plain one of its chat.
    pub fn is_none(&self) -> bool {
        self.reply_to.is_none() && self.thread_id.is_none() && !self.also_in_channel
    }
}

/// Where a bot's post goes when it names a thread (Slack's `thread_ts`): into that thread
/// when it is a live message of `chat_id`, else into the channel, as Slack posts a reply
/// to a thread it cannot find.
pub fn hook_target(
    c: &Conn,
    chat_id: i64,
    thread_ts: Option<i64>,
    broadcast: bool,
) -> Result<ReplyTarget> {
    let Some(id) = thread_ts else {
        return Ok(ReplyTarget::default());
    };
    Ok(match store::messaging::messages::by_id(c, id)? {
        Some(m) if m.chat_id == chat_id => ReplyTarget {
            thread_id: Some(id),
            also_in_channel: broadcast,
            ..ReplyTarget::default()
        },
        _ => ReplyTarget::default(),
    })
}

/// Where a reply lands, once its parents were found.
#[derive(Debug, Clone, Copy)]
pub struct Placed {
    pub reply_to: Option<i64>,
    /// The thread's root, and who wrote it.
    pub thread: Option<(i64, Option<i64>)>,
    pub in_channel: bool,
}

/// Reads the messages `target` names in `chat_id` and gives the text the reply is stored
/// with (its quote line written here, from the message it answers). The answer about the
/// target comes back apart, for the caller to give only once the sender is known to be a
/// member (a non-member learns nothing about a chat's messages).
pub fn place(
    c: &Conn,
    chat_id: i64,
    target: ReplyTarget,
    content: String,
) -> (String, Result<Placed>) {
    match place_checked(c, chat_id, target) {
        Ok((placed, quoted)) => {
            let line = replies::quote_line(&quoted.0, quoted.1, &quoted.2);
            (replies::with_quote(&line, &content), Ok(placed))
        }
        Err(e) => (content, Err(e)),
    }
}

/// The placement and the quoted message `(username, id, text)`.
fn place_checked(
    c: &Conn,
    chat_id: i64,
    target: ReplyTarget,
) -> Result<(Placed, (String, i64, String))> {
    let live_in_chat = |field: &'static str, id: i64| -> Result<Message> {
        match store::messaging::messages::by_id(c, id)? {
            Some(m) if m.chat_id == chat_id => Ok(m),
            _ => Err(Error::field(field, Problem::NoSuchObject { pk: id })),
        }
    };
    if target.also_in_channel && target.thread_id.is_none() {
        return Err(Error::field(
            "also_in_channel",
            Problem::Worded("Only a reply in a thread can also be sent to the channel."),
        ));
    }
    let thread = match target.thread_id {
        None => None,
        Some(id) => {
            let named = live_in_chat("thread_id", id)?;
            Some(match named.threading.thread_id {
                Some(root) => match store::messaging::threads::root_by_id(c, root)? {
                    Some((root, _)) => root,
                    None => named,
                },
                None => named,
            })
        }
    };
    let parent = match target.reply_to {
        None => None,
        Some(id) => {
            let parent = live_in_chat("reply_to", id)?;
            if let Some(root) = &thread {
                if parent.id != root.id && parent.threading.thread_id != Some(root.id) {
                    return Err(Error::field(
                        "reply_to",
                        Problem::Worded("This message is not in that thread."),
                    ));
                }
            }
            Some(parent)
        }
    };
    let Some(quoted) = parent.as_ref().or(thread.as_ref()) else {
        return Err(Error::field("reply_to", Problem::Required));
    };
    let username = match quoted.sender_id {
        Some(id) => store::people::users::by_id(c, id)?.map(|u| u.username),
        None => None,
    }
    .unwrap_or_else(|| "unknown".into());
    let placed = Placed {
        reply_to: Some(quoted.id),
        thread: thread.as_ref().map(|r| (r.id, r.sender_id)),
        in_channel: thread.is_none() || target.also_in_channel,
    };
    Ok((placed, (username, quoted.id, quoted.content.clone())))
}

/// Notes on a reply just inserted where it stands, and returns that.
pub fn note_placed(c: &Tx, chat_id: i64, message_id: i64, placed: &Placed) -> Result<Threading> {
    let thread_id = placed.thread.map(|(root, _)| root);
    store::messaging::threads::set_reply(
        c,
        chat_id,
        message_id,
        placed.reply_to,
        thread_id,
        placed.in_channel,
    )?;
    Ok(Threading {
        reply_to: placed.reply_to,
        thread_id,
        in_channel: placed.in_channel,
        ..Threading::default()
    })
}

/// After a reply in the thread of `root` by `sender` was sent: who follows now (its
/// root's author, the sender, the members it names by name: `@channel` and `@here`
/// notify a whole chat once but make nobody follow), the sender's own reading, the
/// root's summary, and its event.
pub fn after_reply(
    c: &Tx,
    chat_id: i64,
    (root, root_author): (i64, Option<i64>),
    sender: i64,
    message_id: i64,
    content: &str,
) -> Result<()> {
    if let Some(author) = root_author {
        store::messaging::threads::follow(c, root, author, false)?;
    }
    store::messaging::threads::follow(c, root, sender, true)?;
    if content.contains('@') {
        for key in mentions::named_keys(content) {
            if mentions::wide_word(&key).is_some() {
                continue;
            }
            if let Some(user) = store::messaging::mentions::member_named(c, chat_id, &key)? {
                store::messaging::threads::follow(c, root, user, true)?;
            }
        }
    }
    store::messaging::threads::mark_read(c, root, sender, message_id)?;
    summary_changed(c, chat_id, root)
}

/// Writes the root's summary afresh and queues its event for the chat's members.
pub fn summary_changed(c: &Tx, chat_id: i64, root: i64) -> Result<()> {
    let Some((root_row, _)) = store::messaging::threads::root_by_id(c, root)? else {
        return Ok(());
    };
    let (reply_count, last_reply_at, reply_users) =
        store::messaging::threads::refresh_summary(c, chat_id, root)?;
    let threading = Threading {
        reply_count,
        last_reply_at,
        reply_users,
        ..root_row.threading
    };
    let audience = store::messaging::chats::member_ids(c, chat_id)?;
    c.publish(Published::new(
        chat_id,
        audience.into(),
        Event::ThreadUpdated {
            root_id: root,
            threading,
        },
    ));
    Ok(())
}

/// After `message` was deleted: its thread's summary, and a deleted root's replies shown
/// in the channel so none is left where nobody looks.
pub fn after_delete(c: &Tx, message: &Message) -> Result<()> {
    if message.threading.reply_count > 0 {
        store::messaging::threads::bring_into_channel(c, message.id)?;
    }
    match message.threading.thread_id {
        Some(root) => summary_changed(c, message.chat_id, root),
        None => Ok(()),
    }
}

/// The text an edited reply is stored with: its quote line kept as it was.
pub fn edited_text(old: &Message, new: String) -> String {
    match (old.threading.reply_to, replies::parse(&old.content)) {
        (Some(parent), Some(quote)) if quote.message_id == parent => {
            replies::with_quote(quote.line, &new)
        }
        _ => new,
    }
}

/// A message as a thread shows it: with its reactions.
pub type ThreadMessage = (MessageView, Vec<ReactionView>);

/// A thread as its reader sees it.
pub struct ThreadPage {
    /// The chat with its members (whose read markers give `read_by`).
    pub chat: ChatState,
    /// The root, `None` when it was deleted (its replies stay).
    pub root: Option<ThreadMessage>,
    pub threading: Threading,
    /// The newest repliers.
    pub participants: Vec<Arc<UserBrief>>,
    pub following: bool,
    pub unread: i64,
    /// The page of replies, oldest first.
    pub replies: Vec<ThreadMessage>,
    /// Whether older replies than the page's exist.
    pub older: bool,
    /// `(user_id, last_read_id)` of those who read the thread: a reply kept in it is
    /// seen by these, not by the chat's readers.
    pub thread_markers: Vec<(i64, i64)>,
    /// `(user_id, receipt mark)` of the chat's members: who read the root and the
    /// replies also sent to the channel (`store::messaging::chats::receipt_marks`).
    pub chat_receipts: Vec<(i64, i64)>,
}

/// Which replies of a thread to read.
#[derive(Debug, Clone, Copy)]
pub struct RepliesQuery {
    pub before: Option<i64>,
    pub after: Option<i64>,
    pub size: i64,
}

/// The thread whose root (or any reply) is `message_id`, for a member of its chat.
pub async fn thread(app: &App, me: i64, message_id: i64, q: RepliesQuery) -> Result<ThreadPage> {
    app.db
        .read(move |c| {
            let (root, deleted, chat) = visible_root(c, me, message_id)?;
            let follow = store::messaging::threads::follow_of(c, root.id, me)?;
            let (following, last_read) = follow.unwrap_or((false, 0));
            let unread = match following {
                true => store::messaging::threads::unread_replies(c, root.id, me, last_read)?,
                false => 0,
            };
            // The newest page unless `after` asks to read forward from there.
            let newest = q.after.is_none();
            let mut rows = store::messaging::threads::replies(
                c,
                root.id,
                q.after.unwrap_or(0),
                q.before.unwrap_or(i64::MAX),
                q.size + 1,
                newest,
            )?;
            let older = newest && rows.len() as i64 > q.size;
            if rows.len() as i64 > q.size {
                match newest {
                    true => drop(rows.remove(0)),
                    false => rows.truncate(q.size as usize),
                }
            }
            let mut builder = ViewBuilder::new(c, chat.clone())?;
            let participants = participants_of(&mut builder, &root)?;
            let threading = root.threading.clone();
            let thread_markers = store::messaging::threads::read_markers(c, root.id)?;
            let chat_receipts = store::messaging::chats::receipt_marks(c, chat.id)?;
            let root = match deleted {
                true => None,
                false => with_reactions(c, &mut builder, vec![root])?.pop(),
            };
            let replies = with_reactions(c, &mut builder, rows)?;
            Ok(ThreadPage {
                chat: state_without_last_message(c, chat)?,
                root,
                threading,
                participants,
                following,
                unread,
                replies,
                older,
                thread_markers,
                chat_receipts,
            })
        })
        .await
}

/// The newest repliers of the thread `root` starts, as people (those still there).
fn participants_of(builder: &mut ViewBuilder<'_>, root: &Message) -> Result<Vec<Arc<UserBrief>>> {
    Ok(root
        .threading
        .as_ref()
        .participants()
        .map(|id| builder.user(id))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect())
}

/// Views of `rows` with their reactions.
fn with_reactions(
    c: &Conn,
    builder: &mut ViewBuilder<'_>,
    rows: Vec<Message>,
) -> Result<Vec<ThreadMessage>> {
    let reactions = views::reactions_of(c, &rows)?;
    let views = builder.views(rows)?;
    Ok(views.into_iter().zip(reactions).collect())
}

/// The root of the thread `message_id` is in (or starts), with whether it was deleted
/// and its chat, if `me` is a member; not found otherwise, and for a deleted message that
/// has no thread.
fn visible_root(c: &Conn, me: i64, message_id: i64) -> Result<(Message, bool, Chat)> {
    let gone = || Error::NotFound(Missing::Message);
    let (named, deleted) =
        store::messaging::threads::root_by_id(c, message_id)?.ok_or_else(gone)?;
    let (root, deleted) = match named.threading.thread_id {
        Some(root) if !deleted => {
            store::messaging::threads::root_by_id(c, root)?.ok_or_else(gone)?
        }
        _ => (named, deleted),
    };
    if deleted && root.threading.reply_count == 0 {
        return Err(gone());
    }
    let (chat, _) = require_member(c, root.chat_id, me).map_err(|e| match e {
        Error::NotFound(_) => gone(),
        other => other,
    })?;
    Ok((root, deleted, chat))
}

/// Starts or stops following a thread; returns whether `me` now follows it.
pub async fn set_following(app: &App, me: i64, message_id: i64, following: bool) -> Result<bool> {
    app.db
        .write(move |c| {
            let (root, _, _) = visible_root(c, me, message_id)?;
            store::messaging::threads::set_following(c, root.id, me, following)?;
            if following {
                // Following starts from now: what came before is not news.
                let newest = store::messaging::threads::newest_reply(c, root.id)?;
                store::messaging::threads::mark_read(c, root.id, me, newest)?;
            }
            Ok(following)
        })
        .await
}

/// Marks a thread read up to `up_to` (default: its newest reply), and with it `me`'s
/// mentions in the thread up to there (what the reader has now seen is read everywhere:
/// the Mentions page, the chat's mention badge); returns how many of its replies are
/// still unread. The receipt is published when either moved, so `me`'s other tabs learn
/// of a mention read here even when the thread marker had already passed it.
pub async fn mark_read(app: &App, me: i64, message_id: i64, up_to: Option<i64>) -> Result<i64> {
    app.db
        .write(move |c| {
            let (root, _, chat) = visible_root(c, me, message_id)?;
            let newest = store::messaging::threads::newest_reply(c, root.id)?;
            let up_to = up_to.unwrap_or(newest).min(newest);
            let moved = store::messaging::threads::mark_read(c, root.id, me, up_to)?;
            let seen = up_to.max(root.id);
            let mentions = store::messaging::mentions::mark_read_in_thread(
                c,
                me,
                root.id,
                seen,
                &store::clock::now(),
            )?;
            if moved || mentions > 0 {
                let audience = store::messaging::chats::member_ids(c, chat.id)?;
                c.publish(Published::new(
                    chat.id,
                    audience.into(),
                    Event::ThreadRead {
                        root_id: root.id,
                        user_id: me,
                        message_id: up_to,
                    },
                ));
            }
            let last =
                store::messaging::threads::follow_of(c, root.id, me)?.map_or(up_to, |(_, l)| l);
            Ok(store::messaging::threads::unread_replies(
                c, root.id, me, last,
            )?)
        })
        .await
}

/// One followed thread in its follower's list.
pub struct FollowedThread {
    pub chat: ChatState,
    /// `(user_id, receipt mark)` of the chat's members: who read the root.
    pub chat_receipts: Vec<(i64, i64)>,
    pub root: Option<ThreadMessage>,
    pub threading: Threading,
    pub root_id: i64,
    pub participants: Vec<Arc<UserBrief>>,
    pub unread: i64,
}

/// The threads `me` follows that have replies, most recent reply first: a page of them,
/// how many there are, and how many replies are unread in all of them.
pub async fn followed(
    app: &App,
    me: i64,
    size: i64,
    offset: i64,
) -> Result<(i64, Vec<FollowedThread>, i64)> {
    app.db
        .read(move |c| {
            let (count, rows) = store::messaging::threads::followed(c, me, size, offset)?;
            let unread_total = store::messaging::threads::unread_total(c, me)?;
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                let Some(chat) = store::messaging::chats::by_id(c, row.root.chat_id)? else {
                    continue;
                };
                let mut builder = ViewBuilder::new(c, chat.clone())?;
                let participants = participants_of(&mut builder, &row.root)?;
                let threading = row.root.threading.clone();
                let root_id = row.root.id;
                let root = match row.root_deleted {
                    true => None,
                    false => with_reactions(c, &mut builder, vec![row.root])?.pop(),
                };
                out.push(FollowedThread {
                    chat_receipts: store::messaging::chats::receipt_marks(c, chat.id)?,
                    chat: state_without_last_message(c, chat)?,
                    root,
                    threading,
                    root_id,
                    participants,
                    unread: row.unread,
                });
            }
            Ok((count, out, unread_total))
        })
        .await
}
