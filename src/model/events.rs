//! Neutral events: what happened, with everything any surface needs to render it. They
//! serialize (serde), so a bus can carry them to other nodes (`hub::bus`).

use crate::model::views::{ChatState, MessageView, ReactionView, Threading, UserBrief};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Something that happened in a chat, published once after its commit.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Event {
    /// A message was sent.
    MessageCreated(Arc<MessageView>),
    /// A message's content changed.
    MessageEdited(Arc<MessageView>),
    /// A message was deleted; the view is as it was just before, with the deleter.
    MessageDeleted(Arc<MessageView>),
    /// A message's reactions changed; the full new set, and who put which emoji on or
    /// took it off (absent from an event sent by an older node).
    ReactionChanged {
        message_id: i64,
        reactions: Vec<ReactionView>,
        #[serde(default)]
        change: Option<ReactionChange>,
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
    /// A thread's summary changed (a reply sent or deleted): the root's threading as it
    /// now is. Only natter's own clients show it; the seed surfaces send nothing for it.
    ThreadUpdated { root_id: i64, threading: Threading },
    /// `user_id` has read the thread of `root_id` up to its reply `message_id`. Only
    /// natter's own clients show it (a reply kept in its thread is "seen" by its readers).
    ThreadRead {
        root_id: i64,
        user_id: i64,
        message_id: i64,
    },
    /// A message was pinned (`pinned`) or unpinned by `user_id`; `pin_count` is how many
    /// of the chat's messages are pinned now. Only natter's own clients show it.
    PinChanged {
        message_id: i64,
        pinned: bool,
        user_id: i64,
        pin_count: i64,
    },
    /// The reminder `user_id` set on their saved `message_id` is due. Only that person's
    /// sockets of natter's own API carry it.
    Reminder { user_id: i64, message_id: i64 },
    /// A message `user_id` scheduled could not be sent (`reason`, in words for them).
    /// Only that person's sockets of natter's own API carry it.
    ScheduledFailed {
        user_id: i64,
        scheduled_id: i64,
        reason: String,
    },
    /// `user_id`'s status changed (set, cleared, ended, in or out of a call, away or
    /// back): as it now is, `None` when nothing shows. Published with chat 0 to every
    /// person of the server; only natter's own socket carries it.
    StatusChanged {
        user_id: i64,
        status: Option<crate::model::status::StatusView>,
    },
    /// The chat's admins changed who may pin there (`pins_by`: `members` or `admins`);
    /// `user_id` changed it. Only natter's own clients show it.
    PinsByChanged { pins_by: String, user_id: i64 },
    /// A custom emoji was added (`added`) or removed. Published with chat 0 to every
    /// person of the server; only natter's own socket carries it.
    CustomEmojiChanged {
        emoji_id: i64,
        name: String,
        added: bool,
    },
    /// A user group was made, changed (handle, name, description), given or relieved of
    /// members, or removed (`change`: `created`, `updated`, `members`, `deleted`).
    /// Published with chat 0 to every person of the server; only natter's own socket
    /// carries it.
    UserGroupChanged {
        group_id: i64,
        handle: String,
        change: String,
    },
    /// `user_id`'s quiet mark as it now is (their pause or quiet hours changed), with
    /// when it next flips by the clock (unix milliseconds; `None`: not within a week).
    /// Published with chat 0 to every person of the server; only natter's own socket
    /// carries it.
    QuietChanged {
        user_id: i64,
        quiet: bool,
        changes_at: Option<i64>,
        /// The person's IANA zone, so that others show the time where they are at once
        /// (absent from an older node's events).
        #[serde(default)]
        time_zone: Option<String>,
    },
    /// Something Matrix apps' syncs read from their log changed that no other event
    /// tells: a person's name or picture (to everyone who shares a chat with them), or
    /// a person's account data (to them). It only wakes their waiting syncs; published
    /// with chat 0, and no socket carries it.
    MatrixNews,
    /// A call event of the rooms surface, relayed but never stored. `only_to` limits
    /// delivery to one user; `except` skips one user.
    Call {
        call: CallEvent,
        only_to: Option<i64>,
        except: Option<i64>,
    },
}

impl Event {
    /// Whether the event is numbered in its chat's sequence and delivered in that order:
    /// what changes the chat's messages, members or settings. Typing and
    /// calls are ephemeral, and a read receipt (a chat's or a thread's) is restated by the next one, so they go
    /// out at once, unnumbered (numbering receipts would also take the chat's row lock
    /// on every read).
    pub fn in_chat_order(&self) -> bool {
        !matches!(
            self,
            Event::Typing { .. }
                | Event::ReadUpTo { .. }
                | Event::ThreadRead { .. }
                | Event::Reminder { .. }
                | Event::ScheduledFailed { .. }
                | Event::StatusChanged { .. }
                | Event::CustomEmojiChanged { .. }
                | Event::UserGroupChanged { .. }
                | Event::QuietChanged { .. }
                | Event::Call { .. }
        )
    }
}

/// One person's emoji put on a message or taken off it: what a Matrix app is told, one
/// reaction event each.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ReactionChange {
    pub user_id: i64,
    pub emoji: String,
    /// On (true) or taken off.
    pub added: bool,
}

/// What happened in a chat's call (a room's, on the rooms surface).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum CallEvent {
    /// Who is in the call now.
    State(CallState),
    /// A user joined the call.
    UserJoined { user_id: i64, username: String },
    /// A user left the call (or their last socket in it closed).
    UserLeft { user_id: i64 },
    /// A member who was rung said no.
    Declined {
        user_id: i64,
        username: String,
        /// The name people see (absent from what a node of the version before sends).
        #[serde(default)]
        display_name: String,
    },
    /// A WebRTC signal from one participant to another; `payload` is the sender's, as
    /// sent, for the peer to read.
    Signal {
        kind: SignalKind,
        from_user_id: i64,
        payload: serde_json::Map<String, serde_json::Value>,
        /// Sender or target not in the call (seed 003's socket allows it between room
        /// participants): natter's own socket, which relays only within the call, drops
        /// it. Absent from what a node of the version before sends: within the call.
        #[serde(default)]
        outside_call: bool,
    },
}

/// The WebRTC signals relayed between call participants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignalKind {
    Offer,
    Answer,
    IceCandidate,
}

impl SignalKind {
    /// The frame type that carries it, on every socket that carries calls.
    pub fn frame_type(self) -> &'static str {
        match self {
            SignalKind::Offer => "offer",
            SignalKind::Answer => "answer",
            SignalKind::IceCandidate => "ice_candidate",
        }
    }
}

/// A relayed signal's `data` as its target reads it: the sender's data with
/// `from_user_id` first (any `from_user_id` the sender wrote was dropped when relayed).
pub fn relayed_signal(
    from_user_id: i64,
    payload: &serde_json::Map<String, serde_json::Value>,
) -> serde_json::Value {
    let mut data = serde_json::Map::with_capacity(payload.len() + 1);
    data.insert("from_user_id".into(), serde_json::Value::from(from_user_id));
    data.extend(payload.iter().map(|(k, v)| (k.clone(), v.clone())));
    serde_json::Value::Object(data)
}

/// Who is in a room's call, by user id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallState {
    pub participants: Vec<CallParticipant>,
}

/// One user in a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallParticipant {
    pub user_id: i64,
    pub username: String,
    /// The name people see: the display name, or the username when none is set. Empty
    /// from a node of the version before, whose clients then show the username.
    #[serde(default)]
    pub display_name: String,
    /// Whether their microphone and camera are on, as they last said (`media_state`):
    /// held per participant so someone who joins later sees a crossed one at once. On
    /// until they say otherwise (and from a node of the version before).
    #[serde(default = "on")]
    pub microphone_on: bool,
    #[serde(default = "on")]
    pub camera_on: bool,
    /// Whether they send and receive their media through the SFU (`--sfu`), as they said
    /// on joining, or over the mesh: the others connect directly to those on the mesh.
    /// The mesh from a node of the version before.
    #[serde(default)]
    pub sfu: bool,
}

fn on() -> bool {
    true
}

/// What a participant says of their own microphone and camera (`media_state`); `None`
/// leaves that one as it was.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MediaState {
    pub microphone_on: Option<bool>,
    pub camera_on: Option<bool>,
}
