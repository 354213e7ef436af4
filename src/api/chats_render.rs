//! How the chats surface (seed 001) shows users, files and messages. Messages are typed
//! structs serialized straight to bytes: a page of history is the hottest read path, and
//! building a `serde_json::Value` tree per message cost more than the query.

use crate::domain::views::{MessageView, ReactionView, UserBrief};
use crate::store::files::FileMeta;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;

/// A user as this surface shows them.
#[derive(Serialize)]
pub struct UserOut<'a> {
    id: i64,
    username: &'a str,
    display_name: &'a str,
    avatar_url: &'a str,
}

impl<'a> From<&'a UserBrief> for UserOut<'a> {
    fn from(u: &'a UserBrief) -> Self {
        UserOut {
            id: u.id,
            username: &u.username,
            display_name: &u.display_name,
            avatar_url: u.avatar_url(),
        }
    }
}

/// A file attached to a message.
#[derive(Serialize)]
pub struct AttachmentOut<'a> {
    id: i64,
    name: &'a str,
    size: i64,
    content_type: &'a str,
    url: String,
}

impl<'a> From<&'a FileMeta> for AttachmentOut<'a> {
    fn from(f: &'a FileMeta) -> Self {
        AttachmentOut {
            id: f.id,
            name: &f.filename,
            size: f.size,
            content_type: &f.content_type,
            url: format!("/api/files/{}/download/", f.id),
        }
    }
}

#[derive(Serialize)]
struct ReactionOut<'a> {
    emoji: &'a str,
    count: usize,
    users: &'a [i64],
}

/// A message as this surface shows it.
#[derive(Serialize)]
pub struct MessageOut<'a> {
    id: i64,
    chat: i64,
    content: &'a str,
    created_at: &'a str,
    updated_at: &'a str,
    is_edited: bool,
    is_deleted: bool,
    sender: Option<SenderOut<'a>>,
    reactions: Vec<ReactionOut<'a>>,
    read_by: &'a [i64],
    attachments: Vec<AttachmentOut<'a>>,
}

impl<'a> MessageOut<'a> {
    /// The message with its `reactions` and `read_by` when known (empty otherwise).
    pub fn new(
        m: &'a MessageView,
        reactions: Option<&'a [ReactionView]>,
        read_by: Option<&'a [i64]>,
    ) -> Self {
        MessageOut {
            id: m.id,
            chat: m.chat_id,
            content: &m.content,
            created_at: &m.created_at,
            updated_at: m.edited_at.as_deref().unwrap_or(&m.created_at),
            is_edited: m.edited_at.is_some(),
            is_deleted: false,
            sender: m.sender.as_deref().map(|u| SenderOut::User(u.into())),
            reactions: reaction_outs(reactions.unwrap_or(&[])),
            read_by: read_by.unwrap_or(&[]),
            attachments: m.attachments.iter().map(AttachmentOut::from).collect(),
        }
    }

    /// [`MessageOut::new`] with the sender copied from `senders` when it is there.
    pub fn in_page(
        m: &'a MessageView,
        reactions: &'a [ReactionView],
        read_by: &'a [i64],
        senders: &'a RenderedSenders,
    ) -> Self {
        let mut out = MessageOut::new(m, Some(reactions), Some(read_by));
        if let Some(raw) = m.sender.as_ref().and_then(|u| senders.get(u.id)) {
            out.sender = Some(SenderOut::Rendered(raw));
        }
        out
    }
}

/// A message's sender: rendered for this message, or copied from a page's
/// [`RenderedSenders`].
#[derive(Serialize)]
#[serde(untagged)]
enum SenderOut<'a> {
    User(UserOut<'a>),
    Rendered(&'a RawValue),
}

/// The senders of a page of messages, each rendered to JSON once. A page shows the same
/// few senders on every message, and escaping their avatar data URLs again for each
/// message was about a sixth of a history page's instructions.
///
/// A list, not a map: a page has few distinct senders, and scanning a few ids is cheaper
/// than hashing one.
pub struct RenderedSenders(Vec<(i64, Box<RawValue>)>);

impl RenderedSenders {
    /// Renders every distinct sender of `messages`.
    pub fn of<'m>(messages: impl IntoIterator<Item = &'m MessageView>) -> Self {
        let mut rendered = RenderedSenders(Vec::new());
        for user in messages.into_iter().filter_map(|m| m.sender.as_deref()) {
            if rendered.get(user.id).is_none() {
                if let Ok(raw) = serde_json::value::to_raw_value(&UserOut::from(user)) {
                    rendered.0.push((user.id, raw));
                }
            }
        }
        rendered
    }

    fn get(&self, user_id: i64) -> Option<&RawValue> {
        self.0
            .iter()
            .find(|(id, _)| *id == user_id)
            .map(|(_, raw)| &**raw)
    }
}

fn reaction_outs(reactions: &[ReactionView]) -> Vec<ReactionOut<'_>> {
    reactions
        .iter()
        .map(|r| ReactionOut {
            emoji: &r.emoji,
            count: r.users.len(),
            users: &r.users,
        })
        .collect()
}

fn to_value(out: impl Serialize) -> Value {
    serde_json::to_value(out).unwrap_or(Value::Null)
}

/// A user as a JSON value (inside chat objects and socket events).
pub fn user_json(u: &UserBrief) -> Value {
    to_value(UserOut::from(u))
}

/// A file attachment as a JSON value.
pub fn attachment_json(f: &FileMeta) -> Value {
    to_value(AttachmentOut::from(f))
}

/// A message's reaction groups as a JSON array.
pub fn reactions_json(reactions: &[ReactionView]) -> Value {
    to_value(reaction_outs(reactions))
}

/// A message as a JSON value; `reactions` and `read_by` when known.
pub fn message_json(
    m: &MessageView,
    reactions: Option<&[ReactionView]>,
    read_by: Option<&[i64]>,
) -> Value {
    to_value(MessageOut::new(m, reactions, read_by))
}
