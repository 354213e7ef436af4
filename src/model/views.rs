//! What every surface renders and the hub carries: a user as others see them, a message
//! with its sender, receiver (in direct chats) and attachments, reaction groups, and a
//! chat as its members see it. Plain data; the builders that read them are in
//! `domain::messaging::views`.

use crate::model::rows::{Chat, FileMeta, Member};
use std::sync::Arc;

/// A user as other people see them: data only. How a surface draws them (the chats
/// surface's generated avatar, say) lives in that surface's render module.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct UserBrief {
    pub id: i64,
    pub username: String,
    pub email: String,
    /// The display name, or the username when none is set.
    pub display_name: String,
    /// Profile image path, empty when unset.
    pub image: String,
    /// False once an administrator deactivated them: clients mark the name.
    #[serde(default = "active")]
    pub is_active: bool,
}

/// What a brief sent by an older node, without the field, means.
fn active() -> bool {
    true
}

/// A message with what every surface renders about it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct MessageView {
    pub id: i64,
    pub chat_id: i64,
    /// Whether the chat is a direct (two-person) chat; only the inbox surface cares.
    pub in_direct_chat: bool,
    pub sender: Option<Arc<UserBrief>>,
    /// In a direct chat, the member who is not the sender.
    pub receiver: Option<Arc<UserBrief>>,
    pub content: String,
    pub created_at: String,
    pub edited_at: Option<String>,
    pub attachments: Vec<FileMeta>,
    /// What it replies to and which thread it is in; a root's thread summary. Absent
    /// from a view sent by an older node: a message in no thread.
    #[serde(default)]
    pub threading: Threading,
    /// An administrator removed it: it keeps its place, with no text, files or
    /// reactions. Absent from a view sent by an older node: not removed.
    #[serde(default)]
    pub removed: bool,
    /// Its link previews as natter's chats surface shows them (a JSON list written by
    /// natter), None for none. Absent from a view sent by an older node: none.
    #[serde(default)]
    pub previews: Option<String>,
    /// An encrypted message's `m.room.encrypted` content as its Matrix app sent it, for
    /// Matrix apps only (natter's text says it is encrypted). Absent from a view sent by
    /// an older node: not encrypted.
    #[serde(default)]
    pub sealed: Option<String>,
}

/// Where a message stands among replies and threads (natter's own: no seed's message has
/// a place for it, so the seed surfaces show only the quote line in the text).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Threading {
    /// The message this one replies to, in the same chat.
    pub reply_to: Option<i64>,
    /// The root of the thread this message is a reply in.
    pub thread_id: Option<i64>,
    /// False only for a thread reply that was not also sent to the channel.
    pub in_channel: bool,
    /// A root's live replies.
    pub reply_count: i64,
    /// When a root's newest live reply was sent.
    pub last_reply_at: Option<String>,
    /// The ids of a root's newest repliers, newest first, comma-separated.
    pub reply_users: String,
}

impl Default for Threading {
    /// A message in no thread and replying to nothing: shown in the channel.
    fn default() -> Self {
        Threading {
            reply_to: None,
            thread_id: None,
            in_channel: true,
            reply_count: 0,
            last_reply_at: None,
            reply_users: String::new(),
        }
    }
}

impl Threading {
    /// The same, borrowed.
    pub fn as_ref(&self) -> ThreadingRef<'_> {
        ThreadingRef {
            reply_to: self.reply_to,
            thread_id: self.thread_id,
            in_channel: self.in_channel,
            reply_count: self.reply_count,
            last_reply_at: self.last_reply_at.as_deref(),
            reply_users: &self.reply_users,
        }
    }
}

/// [`Threading`] borrowed from a row or a view, as a page of history is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThreadingRef<'a> {
    pub reply_to: Option<i64>,
    pub thread_id: Option<i64>,
    pub in_channel: bool,
    pub reply_count: i64,
    pub last_reply_at: Option<&'a str>,
    pub reply_users: &'a str,
}

impl ThreadingRef<'_> {
    /// Owned.
    pub fn to_owned(&self) -> Threading {
        Threading {
            reply_to: self.reply_to,
            thread_id: self.thread_id,
            in_channel: self.in_channel,
            reply_count: self.reply_count,
            last_reply_at: self.last_reply_at.map(str::to_string),
            reply_users: self.reply_users.to_string(),
        }
    }

    /// The repliers' ids, newest first (a root with no replies has none).
    pub fn participants(&self) -> impl Iterator<Item = i64> + '_ {
        self.reply_users
            .split(',')
            .filter_map(|id| id.trim().parse().ok())
    }
}

/// One emoji's reactions on a message.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReactionView {
    pub emoji: String,
    pub users: Vec<i64>,
}

/// THE message shape every surface renders: a message with its sender, receiver,
/// reactions, readers and attachments, all borrowed. An owned [`MessageView`] lends one
/// ([`MessageView::lend`], [`MessageView::parts`]); the chats surface's history page
/// builds one from each row while SQLite reads it (`history::stream`). A field added to
/// messages goes into the store row, [`MessageView`], this struct, and the renderers
/// that show it.
#[derive(Debug, Clone, Copy)]
pub struct MessageParts<'a> {
    pub id: i64,
    pub chat_id: i64,
    pub sender: Option<&'a UserBrief>,
    /// In a direct chat, the member who is not the sender; None in other chats, and on
    /// the streamed history page, whose only reader (the chats surface) does not show it.
    pub receiver: Option<&'a UserBrief>,
    pub content: &'a str,
    pub created_at: &'a str,
    pub edited_at: Option<&'a str>,
    pub reactions: &'a [ReactionView],
    /// The users whose read marker has reached the message.
    pub read_by: &'a [i64],
    pub attachments: &'a [FileMeta],
    pub threading: ThreadingRef<'a>,
    /// As [`MessageView::removed`].
    pub removed: bool,
    /// As [`MessageView::previews`].
    pub previews: Option<&'a str>,
    /// Whether it is encrypted ([`MessageView::sealed`]): natter's surfaces say so.
    pub sealed: bool,
}

impl MessageView {
    /// This message's parts, with `reactions` and `read_by` when known (empty otherwise).
    pub fn parts<'a>(
        &'a self,
        reactions: Option<&'a [ReactionView]>,
        read_by: Option<&'a [i64]>,
    ) -> MessageParts<'a> {
        MessageParts {
            id: self.id,
            chat_id: self.chat_id,
            sender: self.sender.as_deref(),
            receiver: self.receiver.as_deref(),
            content: &self.content,
            created_at: &self.created_at,
            edited_at: self.edited_at.as_deref(),
            reactions: reactions.unwrap_or(&[]),
            read_by: read_by.unwrap_or(&[]),
            attachments: &self.attachments,
            threading: self.threading.as_ref(),
            removed: self.removed,
            previews: self.previews.as_deref(),
            sealed: self.sealed.is_some(),
        }
    }

    /// This message's parts, with no reactions or readers: what the surfaces that show
    /// neither render.
    pub fn lend(&self) -> MessageParts<'_> {
        self.parts(None, None)
    }
}

/// A chat as every member sees it: the chat, its members with their roles (join order)
/// and its last message.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct ChatState {
    pub chat: Chat,
    pub members: Vec<(UserBrief, Member)>,
    pub last_message: Option<MessageView>,
}
