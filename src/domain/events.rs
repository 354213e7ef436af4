//! Neutral events: what happened, with everything any surface needs to render it.

use crate::domain::chats::ChatState;
use crate::domain::views::{MessageView, ReactionView, UserBrief};
use std::sync::Arc;

/// Something that happened in a chat, published once after its commit.
#[derive(Debug, Clone)]
pub enum Event {
    /// A message was sent.
    MessageCreated(Arc<MessageView>),
    /// A message's content changed.
    MessageEdited(Arc<MessageView>),
    /// A message was deleted; the view is as it was just before, with the deleter.
    MessageDeleted(Arc<MessageView>),
    /// A message's reactions changed; the full new set.
    ReactionChanged {
        message_id: i64,
        reactions: Vec<ReactionView>,
    },
    /// `user_id` has read everything up to `message_id`.
    ReadUpTo { user_id: i64, message_id: i64 },
    /// `user` started or stopped typing.
    Typing { user: UserBrief, is_typing: bool },
    /// `user` joined the chat.
    MemberJoined { user: UserBrief },
    /// `user_id` left or was removed from the chat. The removed user is in the audience:
    /// it is the last event of the chat their sockets receive.
    MemberLeft { user_id: i64 },
    /// The chat's settings (title, description, ...) changed; the chat as it now is.
    ChatUpdated(Arc<ChatState>),
    /// A call-signalling frame of the rooms surface, relayed but never stored.
    /// `only_to` limits delivery to one user; `except` skips one user.
    Call {
        kind: String,
        data: serde_json::Value,
        only_to: Option<i64>,
        except: Option<i64>,
    },
}
