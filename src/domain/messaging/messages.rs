//! Messages: send, edit, delete, history pages, reactions, read markers and typing.
//! Every change is committed before it is answered and before its event is published.

pub mod bot_deliveries;
pub mod owed_previews;
pub mod owed_pushes;

use crate::domain::error::{Error, Missing, Problem, Refusal, Result};
use crate::domain::messaging::chats::{require_member, DirectChat};
use crate::domain::messaging::custom_emoji;
use crate::domain::messaging::threads::{self, ReplyTarget};
use crate::domain::messaging::views::{self, ShownMessage, ViewBuilder};
use crate::hub::Published;
use crate::model::events::Event;
use crate::model::{MessageView, ReactionView, UserBrief};
use crate::state::App;
use crate::store::ChatKind;
use crate::store::{self, people::users::User};
use crate::store::{Conn, Tx};
use std::sync::Arc;

/// Longest message, in characters.
pub const MAX_CONTENT_CHARS: usize = 10_000;

/// Checks message text: 1..=10,000 characters, not only white space. Returns it trimmed
/// of trailing white space only where the surfaces trim (they pass it as they want it).
pub fn validate_content(field: &'static str, content: &str) -> Result<()> {
    if content.trim().is_empty() {
        return Err(Error::field(field, Problem::Blank));
    }
    if content.chars().count() > MAX_CONTENT_CHARS {
        return Err(Error::field(
            field,
            Problem::TooLong {
                max: MAX_CONTENT_CHARS,
            },
        ));
    }
    Ok(())
}

/// Queues `event` on the write job's transaction, for every member of `chat_id` (read
/// in the same transaction, so the audience is the one that committed with it).
fn publish_on(tx: &Tx, chat_id: i64, event: Event) -> Result<()> {
    let audience = store::messaging::chats::member_ids(tx, chat_id)?;
    tx.publish(Published::new(chat_id, audience.into(), event));
    Ok(())
}

/// Sends a message into a chat the sender belongs to, with optional attachments (files
/// the sender uploaded). Sending also marks the chat read up to the new message.
pub async fn send(
    app: &App,
    me: &User,
    chat_id: i64,
    content: String,
    attachment_ids: Vec<i64>,
) -> Result<Arc<MessageView>> {
    let me = me.clone();
    let app2 = app.clone();
    let sent = app
        .db
        .send_in_chat(chat_id, move |tx| {
            send_on(
                tx,
                &app2,
                &me,
                chat_id,
                content.clone(),
                attachment_ids.clone(),
            )
        })
        .await?;
    Ok(sent.committed(app))
}

/// The checks `send_on` makes before writing: text of 1..=10,000 characters, not only
/// white space; a message with attachments may have empty text, still within the bound.
fn check_new(content: &str, attachment_ids: &[i64]) -> Result<()> {
    if attachment_ids.is_empty() || content.chars().count() > MAX_CONTENT_CHARS {
        validate_content("content", content)?;
    }
    Ok(())
}

/// A message written by [`send_on`]; [`Sent::committed`] gives its view once the write
/// job has returned (its event left with the commit).
pub struct Sent {
    view: Arc<MessageView>,
}

/// The write of `send`, in a write job, for callers that are already there (the REST
/// surfaces authenticate in the same write job). The text is checked first, so a bad
/// text is invalid before a chat the caller is not in is not found. The new message's event
/// is queued on `c` and leaves once the job's group commits. `app` answers who may
/// notify a whole chat and who is active now (`mentions::note`).
pub fn send_on(
    c: &Tx,
    app: &App,
    me: &User,
    chat_id: i64,
    content: String,
    attachment_ids: Vec<i64>,
) -> Result<Sent> {
    send_reply_on(
        c,
        app,
        me,
        chat_id,
        content,
        attachment_ids,
        ReplyTarget::default(),
    )
}

/// [`send_on`] for a message that may reply to another or be a reply in a thread
/// (`target`): its quote line is written from the message it answers, and a wrong target
/// is refused once the sender is known to be a member.
pub fn send_reply_on(
    c: &Tx,
    app: &App,
    me: &User,
    chat_id: i64,
    content: String,
    attachment_ids: Vec<i64>,
    target: ReplyTarget,
) -> Result<Sent> {
    let draft = Draft {
        content,
        attachment_ids,
        target,
        ..Draft::default()
    };
    send_any_on(c, app, me, chat_id, draft)
}

/// [`send_on`] into a direct chat whose other person the caller has just read (the
/// inbox's send finds the chat by them): the new message's view names them without
/// reading them again, one statement less on the writer per send.
pub fn send_direct_on(
    c: &Tx,
    app: &App,
    me: &User,
    direct: &DirectChat,
    content: String,
) -> Result<Sent> {
    let draft = Draft {
        content,
        receiver: Some(&direct.other),
        ..Draft::default()
    };
    send_any_on(c, app, me, direct.chat.id, draft)
}

/// What natter's surfaces show of an encrypted message, in place of its text.
pub const SEALED_TEXT: &str = "🔒 An encrypted message: open it in a Matrix app to read it.";

/// [`send_reply_on`] for an encrypted message from a Matrix app: `sealed` is its
/// `m.room.encrypted` content, kept as sent for Matrix apps; natter's surfaces, search,
/// mentions, previews, mail and pushes see only [`SEALED_TEXT`].
pub fn send_sealed_on(
    c: &Tx,
    app: &App,
    me: &User,
    chat_id: i64,
    sealed: String,
    target: ReplyTarget,
) -> Result<Sent> {
    let draft = Draft {
        content: SEALED_TEXT.to_string(),
        target,
        sealed: Some(sealed),
        ..Draft::default()
    };
    send_any_on(c, app, me, chat_id, draft)
}

/// What one of the sends above writes, beside who sends it where.
#[derive(Default)]
struct Draft<'u> {
    content: String,
    attachment_ids: Vec<i64>,
    target: ReplyTarget,
    /// An encrypted message's `m.room.encrypted` content.
    sealed: Option<String>,
    /// The other person of a direct chat, when the caller has read them already.
    receiver: Option<&'u User>,
}

fn send_any_on(c: &Tx, app: &App, me: &User, chat_id: i64, draft: Draft<'_>) -> Result<Sent> {
    let Draft {
        content,
        attachment_ids,
        target,
        sealed,
        receiver,
    } = draft;
    check_new(&content, &attachment_ids)?;
    let (content, placed) = match target.is_none() {
        true => (content, None),
        false => {
            let (content, placed) = threads::place(c, chat_id, target, content);
            (content, Some(placed))
        }
    };
    // The audience is read with the membership, in the job's transaction: on SQLite
    // nothing writes between this and the commit; on PostgreSQL another node's change
    // of members that commits in between is not in it, as it was not when the list was
    // read after the insert. Sending also marks the chat read up to the new message.
    let now = store::clock::now();
    let store::messaging::messages::SentByMember {
        chat,
        audience,
        mut message,
    } = store::messaging::messages::insert_sent_by_member(c, chat_id, me.id, &content, &now)?
        .ok_or(Error::NotFound(Missing::Chat))?;
    // Checked after the insert too (rolled back with the job's savepoint), so the send's
    // one statement on PostgreSQL stays one; only members learn that it is archived.
    if chat.archived_at.is_some() {
        return Err(Error::Forbidden(Refusal::ChatArchived));
    }
    // Checked after the insert, which is then rolled back with the job's savepoint: a
    // chat the caller is not in is not found before a file is refused, as when the
    // membership was read apart.
    let mut files = Vec::with_capacity(attachment_ids.len());
    for id in &attachment_ids {
        let file = store::messaging::files::by_id(c, *id)?
            .ok_or_else(|| Error::field("attachments", Problem::NoSuchFile { id: *id }))?;
        if file.owner_id != Some(me.id) {
            return Err(Error::field("attachments", Problem::NotYourFile));
        }
        files.push(file);
    }
    // As `files::for_message` lists them: by file id, each once.
    files.sort_by_key(|f| f.id);
    files.dedup_by_key(|f| f.id);
    let placed = match placed {
        Some(placed) => {
            let placed = placed?;
            message.threading = threads::note_placed(c, chat_id, message.id, &placed)?;
            Some(placed)
        }
        None => None,
    };
    if let Some(sealed) = sealed {
        store::messaging::messages::seal(c, message.id, &sealed)?;
        message.sealed = Some(sealed);
    }
    crate::domain::messaging::mentions::note(c, app, chat_id, message.id, me.id, &content)?;
    owed_pushes::note_message(c, chat_id, message.id, me.id)?;
    bot_deliveries::note_message(c, chat_id, chat.kind, message.id, me.id, &content)?;
    owed_previews::note_message(c, &app.config.link_previews, message.id, &content)?;
    for file in &files {
        store::messaging::files::attach(c, message.id, file.id)?;
    }
    // The audience is every member: what a direct chat's view names its receiver from.
    let mut builder = ViewBuilder::with_members(c, chat, &audience);
    builder.know(me);
    if let Some(receiver) = receiver {
        builder.know(receiver);
    }
    let view = Arc::new(builder.view_with(message, files)?);
    c.publish(Published::new(
        chat_id,
        audience.into(),
        Event::MessageCreated(view.clone()),
    ));
    if let Some(thread) = placed.and_then(|p| p.thread) {
        threads::after_reply(c, chat_id, thread, me.id, view.id, &view.content)?;
    }
    Ok(Sent { view })
}

impl Sent {
    /// The new message's id, for a write job that notes it beside the send.
    pub fn message_id(&self) -> i64 {
        self.view.id
    }

    /// The new message's id (known before the commit: what a Matrix transaction notes).
    pub fn id(&self) -> i64 {
        self.view.id
    }

    /// The committed message's view, counted in the metrics on the way: the only way to
    /// the view, so no caller can forget the count.
    pub fn committed(self, app: &App) -> Arc<MessageView> {
        app.metrics.messages_stored.inc();
        self.view
    }
}

/// A message the caller can see (member of its chat), or not found.
pub async fn get(app: &App, me: &User, message_id: i64) -> Result<MessageView> {
    let me_id = me.id;
    app.db
        .read(move |c| {
            let (message, chat) = visible_message(c, me_id, message_id)?;
            ViewBuilder::new(c, chat)?.view(message)
        })
        .await
}

/// One message the caller may see, as history shows it: with its reactions and readers.
pub async fn get_shown(app: &App, me: &User, message_id: i64) -> Result<ShownMessage> {
    let me_id = me.id;
    app.db
        .read(move |c| {
            let (message, chat) = visible_message(c, me_id, message_id)?;
            let receipts = store::messaging::chats::receipt_marks(c, chat.id)?;
            let mut builder = ViewBuilder::new(c, chat)?;
            views::shown(c, &mut builder, vec![message], &receipts)?
                .pop()
                .ok_or(Error::NotFound(Missing::Message))
        })
        .await
}

/// A live message in a chat the caller belongs to, with its chat; not found otherwise (a
/// non-member cannot learn that the message exists).
fn visible_message(
    c: &Conn,
    me: i64,
    message_id: i64,
) -> Result<(
    store::messaging::messages::Message,
    store::messaging::chats::Chat,
)> {
    let message = store::messaging::messages::by_id(c, message_id)?
        .ok_or(Error::NotFound(Missing::Message))?;
    let (chat, _) = require_member(c, message.chat_id, me)?;
    Ok((message, chat))
}

/// The kind of chat a message the caller may see lives in, which decides whose rules
/// `/api/messages/{id}/` follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageHome {
    /// A room of the rooms surface.
    Room,
    /// A direct chat (the inbox surface).
    Direct,
    /// A group of the chats surface.
    Group,
}

/// Where a live message the caller may see lives; `None` when it is missing, deleted
/// or in a chat the caller is not in, all alike (the caller cannot tell them apart).
pub fn home_of(c: &Conn, me: i64, message_id: i64) -> Result<Option<MessageHome>> {
    let chat = match visible_message(c, me, message_id) {
        Ok((_, chat)) => chat,
        Err(Error::NotFound(_)) => return Ok(None),
        Err(other) => return Err(other),
    };
    Ok(Some(match chat.kind {
        ChatKind::Room => MessageHome::Room,
        ChatKind::Direct => MessageHome::Direct,
        ChatKind::Group => MessageHome::Group,
    }))
}

/// Checks in a write transaction that the caller may change the message: member of
/// its chat (not found otherwise) and its sender (`Refusal::NotSender` otherwise). A
/// message an administrator removed is changed by nobody: not found, as a deleted one.
pub(crate) fn own_message(
    c: &Conn,
    me: i64,
    message_id: i64,
) -> Result<(
    store::messaging::messages::Message,
    store::messaging::chats::Chat,
)> {
    let (message, chat) = visible_message(c, me, message_id)?;
    if message.removed {
        return Err(Error::NotFound(Missing::Message));
    }
    if message.sender_id != Some(me) {
        return Err(Error::Forbidden(Refusal::NotSender));
    }
    Ok((message, chat))
}

/// Replaces a message's content (sender only; others get `Refusal::NotSender`).
pub async fn edit(
    app: &App,
    me: &User,
    message_id: i64,
    content: String,
) -> Result<Arc<MessageView>> {
    validate_content("content", &content)?;
    let me_id = me.id;
    let app2 = app.clone();
    app.db
        .write(move |tx| {
            let (mut message, chat) = own_message(tx, me_id, message_id)?;
            if chat.archived_at.is_some() {
                return Err(Error::Forbidden(Refusal::ChatArchived)); // read-only until unarchived
            }
            let now = store::clock::now();
            let content = threads::edited_text(&message, content.clone());
            store::messaging::messages::update_content(tx, message_id, &content, &now)?;
            crate::domain::messaging::mentions::renote(
                tx, &app2, chat.id, message_id, me_id, &content,
            )?;
            owed_previews::note_edit(
                tx,
                &app2.config.link_previews,
                message_id,
                message.previews.is_some(),
                &content,
            )?;
            message.content = content.clone();
            message.edited_at = Some(now);
            let chat_id = chat.id;
            let view = Arc::new(ViewBuilder::new(tx, chat)?.view(message)?);
            publish_on(tx, chat_id, Event::MessageEdited(view.clone()))?;
            Ok(view)
        })
        .await
}

/// Sends the message as it now stands to its chat's sockets as an edit, for a change made
/// beside its text (its link previews): every surface's edit frame carries it.
pub fn republish_on(tx: &Tx, message_id: i64) -> Result<()> {
    let message = store::messaging::messages::by_id(tx, message_id)?
        .ok_or(Error::NotFound(Missing::Message))?;
    let chat = store::messaging::chats::by_id(tx, message.chat_id)?
        .ok_or(Error::NotFound(Missing::Message))?;
    let chat_id = chat.id;
    let view = Arc::new(ViewBuilder::new(tx, chat)?.view(message)?);
    publish_on(tx, chat_id, Event::MessageEdited(view))
}

/// Deletes a message (sender only; others get `Refusal::NotSender`); it disappears from
/// every list and socket.
pub async fn delete(app: &App, me: &User, message_id: i64) -> Result<Arc<MessageView>> {
    let me_id = me.id;
    app.db
        .write(move |tx| {
            let (message, chat) = own_message(tx, me_id, message_id)?;
            remove_on(tx, message, chat)
        })
        .await
}

/// Deletes a message for everyone (kept, marked deleted): gone from every list, and a
/// `MessageDeleted` to its chat's sockets. The sender's delete and an administrator's
/// removal (`domain::administration::admin`) both end here.
pub fn remove_on(
    tx: &Tx,
    message: store::messaging::messages::Message,
    chat: store::messaging::chats::Chat,
) -> Result<Arc<MessageView>> {
    let (chat_id, message_id) = (chat.id, message.id);
    let view = Arc::new(ViewBuilder::new(tx, chat)?.view(message.clone())?);
    store::messaging::messages::soft_delete(tx, message_id, &store::clock::now())?;
    store::messaging::chats::note_message_deleted(tx, chat_id)?;
    publish_on(tx, chat_id, Event::MessageDeleted(view.clone()))?;
    threads::after_delete(tx, &message)?;
    Ok(view)
}

/// Removes a message as moderation: it stays in its place with no text, files, reactions
/// or mentions, marked removed, and its chat's sockets get it as an edit (the chats
/// surface's `is_deleted: true`, which natter's client shows as "removed by an
/// administrator"). A thread it starts or is in keeps its place and count. Removing it
/// again changes nothing.
pub fn remove_as_moderation_on(
    tx: &Tx,
    mut message: store::messaging::messages::Message,
    chat: store::messaging::chats::Chat,
) -> Result<()> {
    if message.removed {
        return Ok(());
    }
    let chat_id = chat.id;
    store::messaging::messages::mark_removed(tx, message.id, &store::clock::now())?;
    store::messaging::mentions::forget_message(tx, message.id)?;
    message.content.clear();
    message.file_count = 0;
    message.reaction_count = 0;
    message.removed = true;
    let view = Arc::new(ViewBuilder::new(tx, chat)?.view(message)?);
    publish_on(tx, chat_id, Event::MessageEdited(view))
}

/// Adds or removes the caller's `emoji` on a message; returns whether it was added and
/// the message's reactions after the change.
pub async fn toggle_reaction(
    app: &App,
    me: &User,
    message_id: i64,
    emoji: String,
) -> Result<(bool, Vec<ReactionView>)> {
    react(app, me, message_id, emoji, None).await
}

/// Puts the caller's `emoji` on a message (`on`) or takes it off, whatever it was before:
/// a request sent twice (a Matrix app's retried transaction) changes it once. Returns
/// whether it is on and the message's reactions.
pub async fn set_reaction(
    app: &App,
    me: &User,
    message_id: i64,
    emoji: String,
    on: bool,
) -> Result<(bool, Vec<ReactionView>)> {
    react(app, me, message_id, emoji, Some(on)).await
}

/// The reaction write: toggled (`want: None`) or set to `want`.
async fn react(
    app: &App,
    me: &User,
    message_id: i64,
    emoji: String,
    want: Option<bool>,
) -> Result<(bool, Vec<ReactionView>)> {
    let emoji = emoji.trim().to_string();
    if emoji.is_empty() {
        return Err(Error::field("emoji", Problem::Blank));
    }
    // Longer than ten characters: a standard emoji, or a custom one's `:name:` (checked
    // against the table with the write).
    let custom = emoji.starts_with(':') && emoji.ends_with(':') && emoji.len() > 2;
    if emoji.chars().count() > 10
        && emojis::get(&emoji).is_none()
        && !(custom && emoji.len() <= custom_emoji::MAX_NAME + 2)
    {
        return Err(Error::field("emoji", Problem::TooLong { max: 10 }));
    }
    let me_id = me.id;
    app.db
        .write(move |tx| {
            let (message, _) = visible_message(tx, me_id, message_id)?;
            if message.removed {
                return Err(Error::NotFound(Missing::Message)); // nothing left to react to
            }
            if !custom_emoji::reaction_ok(tx, &emoji)? {
                return Err(Error::field("emoji", Problem::TooLong { max: 10 }));
            }
            if let Some(on) = want {
                let has = store::messaging::messages::reactions(tx, message_id)?
                    .iter()
                    .any(|(e, users)| *e == emoji && users.contains(&me_id));
                if has == on {
                    return Ok((on, views::reactions(tx, message_id)?));
                }
            }
            let added = store::messaging::messages::toggle_reaction(
                tx,
                message_id,
                me_id,
                &emoji,
                &store::clock::now(),
            )?;
            let reactions = views::reactions(tx, message_id)?;
            let event = Event::ReactionChanged {
                message_id,
                reactions: reactions.clone(),
                change: Some(crate::model::events::ReactionChange {
                    user_id: me_id,
                    emoji: emoji.clone(),
                    added,
                }),
            };
            publish_on(tx, message.chat_id, event)?;
            Ok((added, reactions))
        })
        .await
}

/// Where reading chat `chat_id` up to `up_to` (default: its newest message, and never
/// past it) takes member `me_id`, and their read marker before it.
fn read_target(tx: &Tx, chat_id: i64, me_id: i64, up_to: Option<i64>) -> Result<(i64, i64)> {
    let (chat, member) = require_member(tx, chat_id, me_id)?;
    let newest = chat.last_message_id;
    Ok((
        up_to.unwrap_or(newest).min(newest),
        member.last_read_message_id,
    ))
}

/// Marks the chat read up to `up_to` (default: its newest message); returns how many
/// messages from others became read.
pub async fn mark_read(app: &App, me: &User, chat_id: i64, up_to: Option<i64>) -> Result<i64> {
    let me_id = me.id;
    app.db
        .write(move |tx| {
            let (target, marker) = read_target(tx, chat_id, me_id, up_to)?;
            if target <= marker {
                // Read privately that far already: now the others are shown it.
                if store::messaging::chats::show_read(tx, chat_id, me_id, target)? {
                    let event = Event::ReadUpTo {
                        user_id: me_id,
                        message_id: target,
                    };
                    publish_on(tx, chat_id, event)?;
                }
                return Ok(0);
            }
            let marked =
                store::messaging::messages::count_from_others(tx, chat_id, me_id, marker, target)?;
            store::messaging::chats::advance_read(tx, chat_id, me_id, target)?;
            let event = Event::ReadUpTo {
                user_id: me_id,
                message_id: target,
            };
            publish_on(tx, chat_id, event)?;
            Ok(marked)
        })
        .await
}

/// Marks the chat read up to `up_to` for the caller alone (Matrix's private receipt):
/// their unread counts and their own apps follow, while the other members are shown
/// nothing new. Returns how many messages from others became read.
pub async fn mark_read_privately(app: &App, me: &User, chat_id: i64, up_to: i64) -> Result<i64> {
    let me_id = me.id;
    app.db
        .write(move |tx| {
            let (target, marker) = read_target(tx, chat_id, me_id, Some(up_to))?;
            if target <= marker {
                return Ok(0);
            }
            let marked =
                store::messaging::messages::count_from_others(tx, chat_id, me_id, marker, target)?;
            store::messaging::chats::advance_read_privately(tx, chat_id, me_id, target)?;
            store::matrix_log::note_private_read(tx, chat_id, me_id, target)?;
            Ok(marked)
        })
        .await
}

/// Tells the other members that the caller is (or stopped) typing. Nothing is stored.
pub async fn typing(app: &App, me: &User, chat_id: i64, is_typing: bool) -> Result<()> {
    let me_id = me.id;
    let audience = app
        .db
        .read(move |c| -> Result<_> {
            require_member(c, chat_id, me_id)?;
            Ok(store::messaging::chats::member_ids(c, chat_id)?)
        })
        .await?;
    // Typing is never stored, so it goes to the hub at once rather than through a write.
    let event = Event::Typing {
        user: UserBrief::from(me),
        is_typing,
    };
    app.hub
        .publish(Published::new(chat_id, audience.into(), event));
    Ok(())
}

/// Benchmark helper: inserts `count` messages from `user` into `chat` in large transactions,
/// each ending with `words` when they are not empty.
pub async fn bulk_seed(app: &App, chat: i64, user: i64, count: u64, words: &str) -> Result<u64> {
    let tail: std::sync::Arc<str> = match words.trim() {
        "" => "".into(),
        words => format!(" {words}").into(),
    };
    let mut done = 0u64;
    while done < count {
        let batch = (count - done).min(50_000);
        let tail = tail.clone();
        app.db
            .write(move |c| -> Result<_> {
                require_member(c, chat, user)?;
                let now = store::clock::now();
                let last =
                    store::messaging::messages::insert_seeded(c, chat, user, batch, &now, |i| {
                        // One message in a thousand holds a rare word, for `natter-bench search`.
                        if i % 1000 == 999 {
                            format!("seed message {i} quokka{tail}")
                        } else {
                            format!("seed message {i}{tail}")
                        }
                    })?;
                Ok(store::messaging::chats::note_messages(
                    c,
                    chat,
                    last,
                    batch as i64,
                )?)
            })
            .await?;
        done += batch;
    }
    Ok(done)
}
