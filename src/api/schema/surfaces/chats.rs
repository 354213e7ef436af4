//! The descriptions of the chats surface's routes (see `schema::doc` for the builders).
#![allow(unused_imports)]
use crate::api::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "chats";

/// This surface's named schemas, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![]
}

/// `Chats`.
pub fn chats() -> Doc {
    http(TAG, vec![])
}

/// `Chat`.
pub fn chat() -> Doc {
    http(TAG, vec![])
}

/// `ChatMessages`.
pub fn chat_messages() -> Doc {
    http(TAG, vec![])
}

/// `MarkRead`.
pub fn mark_read() -> Doc {
    http(TAG, vec![])
}

/// `Typing`.
pub fn typing() -> Doc {
    http(TAG, vec![])
}

/// `AddMembers`.
pub fn add_members() -> Doc {
    http(TAG, vec![])
}

/// `RemoveMember`.
pub fn remove_member() -> Doc {
    http(TAG, vec![])
}

/// `ChatsMessage`.
pub fn chats_message() -> Doc {
    http(TAG, vec![])
}

/// `React`.
pub fn react() -> Doc {
    http(TAG, vec![])
}

/// `SearchUsers`.
pub fn search_users() -> Doc {
    http(TAG, vec![])
}

/// `SearchMessages`.
pub fn search_messages() -> Doc {
    http(TAG, vec![])
}

/// `ChatsSocket`.
pub fn chats_socket() -> Doc {
    http(TAG, vec![])
}

/// `ChatSocket`.
pub fn chat_socket() -> Doc {
    http(TAG, vec![])
}

/// `RootChats`.
pub fn root_chats() -> Doc {
    http(TAG, vec![])
}
