//! Read models shared by every surface: a user as others see them, a message with its
//! sender, receiver (in direct chats) and attachments, and reaction groups.

use crate::domain::error::Result;
use crate::store::ChatKind;
use crate::store::Conn;
use crate::store::{self, chats::Chat, files::FileMeta, messages::Message, users::User};
use std::collections::HashMap;
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

impl From<&User> for UserBrief {
    fn from(u: &User) -> Self {
        UserBrief {
            id: u.id,
            username: u.username.clone(),
            email: u.email.clone(),
            display_name: if u.display_name.trim().is_empty() {
                u.username.clone()
            } else {
                u.display_name.clone()
            },
            image: u.image.clone(),
            is_active: u.is_active,
        }
    }
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
        }
    }

    /// This message's parts, with no reactions or readers: what the surfaces that show
    /// neither render.
    pub fn lend(&self) -> MessageParts<'_> {
        self.parts(None, None)
    }
}

/// Users by id, each read from the store once (a page shows a few senders many times).
pub struct Users<'c> {
    conn: &'c Conn<'c>,
    known: HashMap<i64, Option<Arc<UserBrief>>>,
    /// The user asked for last: runs of messages from one sender skip the hashing.
    last: Option<(i64, Option<Arc<UserBrief>>)>,
}

impl<'c> Users<'c> {
    /// An empty cache reading from `conn`.
    pub fn new(conn: &'c Conn<'c>) -> Self {
        Users {
            conn,
            known: HashMap::new(),
            last: None,
        }
    }

    /// Seeds the cache with a user already loaded.
    pub fn know(&mut self, u: &User) {
        self.known.insert(u.id, Some(Arc::new(UserBrief::from(u))));
        self.last = None;
    }

    /// The user with this id (None if there is none), read once.
    pub fn get(&mut self, id: i64) -> Result<Option<Arc<UserBrief>>> {
        if let Some((last_id, u)) = &self.last {
            if *last_id == id {
                return Ok(u.clone());
            }
        }
        let u = match self.known.get(&id) {
            Some(u) => u.clone(),
            None => {
                let u = store::users::by_id(self.conn, id)?
                    .as_ref()
                    .map(|u| Arc::new(UserBrief::from(u)));
                self.known.insert(id, u.clone());
                u
            }
        };
        self.last = Some((id, u.clone()));
        Ok(u)
    }
}

/// Builds views for many messages of one chat, loading each user once.
pub struct ViewBuilder<'c> {
    conn: &'c Conn<'c>,
    users: Users<'c>,
    chat: Chat,
    direct_members: Vec<i64>,
}

impl<'c> ViewBuilder<'c> {
    /// Prepares to build views of messages in `chat`.
    pub fn new(conn: &'c Conn<'c>, chat: Chat) -> Result<Self> {
        let direct_members = if chat.kind == ChatKind::Direct {
            store::chats::member_ids(conn, chat.id)?
        } else {
            Vec::new()
        };
        Ok(ViewBuilder {
            conn,
            users: Users::new(conn),
            chat,
            direct_members,
        })
    }

    /// Seeds the user cache with a user already loaded (the sender of a new message).
    pub fn know(&mut self, u: &User) {
        self.users.know(u);
    }

    /// The user with this id, cached.
    pub fn user(&mut self, id: i64) -> Result<Option<Arc<UserBrief>>> {
        self.users.get(id)
    }

    /// The view of one message.
    pub fn view(&mut self, m: Message) -> Result<MessageView> {
        let attachments = match m.file_count {
            0 => Vec::new(),
            _ => store::files::for_message(self.conn, m.id)?,
        };
        self.view_with(m, attachments)
    }

    /// Views of many messages, loading the attachments of those that have some in one
    /// query.
    pub fn views(&mut self, rows: Vec<Message>) -> Result<Vec<MessageView>> {
        let attachments = attachments_of(self.conn, &rows)?;
        rows.into_iter()
            .zip(attachments)
            .map(|(m, files)| self.view_with(m, files))
            .collect()
    }

    /// The view of one message whose attachments are already loaded. It takes the row, so
    /// its text moves into the view instead of being copied (a page has dozens).
    pub fn view_with(&mut self, m: Message, attachments: Vec<FileMeta>) -> Result<MessageView> {
        let sender = match m.sender_id {
            Some(id) => self.user(id)?,
            None => None,
        };
        let in_direct_chat = self.chat.kind == ChatKind::Direct;
        let receiver = if in_direct_chat {
            let sender_id = m.sender_id.unwrap_or(0);
            let other = self
                .direct_members
                .iter()
                .copied()
                .find(|id| *id != sender_id)
                .or(m.sender_id);
            match other {
                Some(id) => self.user(id)?,
                None => None,
            }
        } else {
            None
        };
        Ok(MessageView {
            id: m.id,
            chat_id: m.chat_id,
            in_direct_chat,
            sender,
            receiver,
            content: m.content,
            created_at: m.created_at,
            edited_at: m.edited_at,
            attachments,
        })
    }
}

/// Reactions of a message as views.
pub fn reactions(conn: &Conn, message_id: i64) -> Result<Vec<ReactionView>> {
    Ok(as_views(store::messages::reactions(conn, message_id)?))
}

/// Reactions of many messages, in their order; one query for those that have some.
pub fn reactions_of(conn: &Conn, rows: &[Message]) -> Result<Vec<Vec<ReactionView>>> {
    let groups = per_message(
        rows,
        |m| m.reaction_count,
        |ids| Ok(store::messages::reactions_of(conn, ids)?),
    )?;
    Ok(groups.into_iter().map(as_views).collect())
}

/// Attachments of many messages, in their order; one query for those that have some.
pub fn attachments_of(conn: &Conn, rows: &[Message]) -> Result<Vec<Vec<FileMeta>>> {
    per_message(
        rows,
        |m| m.file_count,
        |ids| Ok(store::files::for_messages(conn, ids)?),
    )
}

/// What `load` finds for each message, in order. `load` runs once, asked only about the
/// messages whose `count` is above 0, and not at all when none is: most messages have no
/// attachments and no reactions, and probing every id of a page cost a quarter of it.
fn per_message<T: Default>(
    rows: &[Message],
    count: impl Fn(&Message) -> i64,
    load: impl FnOnce(&[i64]) -> Result<HashMap<i64, T>>,
) -> Result<Vec<T>> {
    let ids: Vec<i64> = rows.iter().filter(|m| count(m) > 0).map(|m| m.id).collect();
    let mut found = if ids.is_empty() {
        HashMap::new()
    } else {
        load(&ids)?
    };
    Ok(rows
        .iter()
        .map(|m| match count(m) {
            0 => T::default(),
            _ => found.remove(&m.id).unwrap_or_default(),
        })
        .collect())
}

fn as_views(groups: store::messages::ReactionGroups) -> Vec<ReactionView> {
    groups
        .into_iter()
        .map(|(emoji, users)| ReactionView { emoji, users })
        .collect()
}
