//! natter's shared nouns, plain data with no I/O: the events the hub carries, the views
//! every surface renders, the rows those hold, and what a request presents as its
//! identity. Every room below the surfaces may name them; they name no other room.

pub mod credential;
pub mod events;
pub mod rows;
pub mod status;
pub mod views;

pub use credential::Credential;
pub use events::{CallEvent, CallParticipant, CallState, Event, SignalKind};
pub use rows::{Chat, ChatKind, FileMeta, ImageInfo, Member, MemberRole, Thumbnail};
pub use views::{
    ChatState, MessageParts, MessageView, ReactionView, Threading, ThreadingRef, UserBrief,
};
