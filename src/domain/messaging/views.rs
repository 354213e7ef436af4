//! Read models shared by every surface: a user as others see them, a message with its
//! sender, receiver (in direct chats) and attachments, and reaction groups.

use crate::domain::error::Result;
use crate::model::{Chat, FileMeta, MessageView, ReactionView, UserBrief};
use crate::store::ChatKind;
use crate::store::Conn;
use crate::store::{self, messaging::messages::Message, people::users::User};
use std::collections::HashMap;
use std::sync::Arc;

impl From<&User> for UserBrief {
    fn from(u: &User) -> Self {
        UserBrief {
            id: u.id,
            username: u.username.clone(),
            email: u.email.clone(),
            display_name: u.shown_name().to_string(),
            image: u.image.clone(),
            is_active: u.is_active,
        }
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
                let u = store::people::users::by_id(self.conn, id)?
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
        let direct_members = match chat.kind {
            ChatKind::Direct => store::messaging::chats::member_ids(conn, chat.id)?,
            _ => Vec::new(),
        };
        Ok(Self::of(conn, chat, direct_members))
    }

    /// [`ViewBuilder::new`] for a caller that has just read the chat's member ids (a
    /// send reads them as its audience): a direct chat's views name its other member
    /// without a second read; any other chat's keep none of them.
    pub fn with_members(conn: &'c Conn<'c>, chat: Chat, members: &[i64]) -> Self {
        let direct_members = match chat.kind {
            ChatKind::Direct => members.to_vec(),
            _ => Vec::new(),
        };
        Self::of(conn, chat, direct_members)
    }

    fn of(conn: &'c Conn<'c>, chat: Chat, direct_members: Vec<i64>) -> Self {
        ViewBuilder {
            conn,
            users: Users::new(conn),
            chat,
            direct_members,
        }
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
            _ => store::messaging::files::for_message(self.conn, m.id)?,
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
            threading: m.threading,
            removed: m.removed,
            previews: m.previews,
            sealed: m.sealed,
        })
    }
}

/// A message as a history page shows it: with its reactions and the members who have
/// read it. A single message, a chat's pins and a person's saved messages are shown the
/// same way, so a client finds the same fields wherever it meets a message.
pub struct ShownMessage {
    pub view: MessageView,
    pub reactions: Vec<ReactionView>,
    /// The members whose receipt mark reaches it, as history's `read_by` names them.
    pub read_by: Vec<i64>,
}

/// Who of `receipts` (`(user_id, receipt mark)` of a chat's members,
/// `store::messaging::chats::receipt_marks`) has read message `id`: those whose mark
/// reaches it, as history pages count them.
pub fn readers(receipts: &[(i64, i64)], id: i64) -> Vec<i64> {
    receipts
        .iter()
        .filter(|(_, mark)| *mark >= id)
        .map(|(user, _)| *user)
        .collect()
}

/// `rows`, all of `builder`'s chat, as history shows them: their views, their reactions
/// (read in one query for those that have some) and their readers among `receipts`.
pub fn shown(
    conn: &Conn,
    builder: &mut ViewBuilder<'_>,
    rows: Vec<Message>,
    receipts: &[(i64, i64)],
) -> Result<Vec<ShownMessage>> {
    let reactions = reactions_of(conn, &rows)?;
    rows.into_iter()
        .zip(reactions)
        .map(|(m, reactions)| {
            let read_by = readers(receipts, m.id);
            Ok(ShownMessage {
                view: builder.view(m)?,
                reactions,
                read_by,
            })
        })
        .collect()
}

/// Reactions of a message as views.
pub fn reactions(conn: &Conn, message_id: i64) -> Result<Vec<ReactionView>> {
    Ok(as_views(store::messaging::messages::reactions(
        conn, message_id,
    )?))
}

/// Reactions of many messages, in their order; one query for those that have some.
pub fn reactions_of(conn: &Conn, rows: &[Message]) -> Result<Vec<Vec<ReactionView>>> {
    let groups = per_message(
        rows,
        |m| m.reaction_count,
        |ids| Ok(store::messaging::messages::reactions_of(conn, ids)?),
    )?;
    Ok(groups.into_iter().map(as_views).collect())
}

/// Attachments of many messages, in their order; one query for those that have some.
pub fn attachments_of(conn: &Conn, rows: &[Message]) -> Result<Vec<Vec<FileMeta>>> {
    per_message(
        rows,
        |m| m.file_count,
        |ids| Ok(store::messaging::files::for_messages(conn, ids)?),
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

fn as_views(groups: store::messaging::messages::ReactionGroups) -> Vec<ReactionView> {
    groups
        .into_iter()
        .map(|(emoji, users)| ReactionView { emoji, users })
        .collect()
}
