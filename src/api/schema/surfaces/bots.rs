//! The descriptions of the bots surface's routes (see `schema::doc` for the builders).
#![allow(unused_imports)]
use crate::api::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "bots";

/// This surface's named schemas, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![]
}

/// `Bots`.
pub fn bots() -> Doc {
    http(TAG, vec![])
}

/// `Bot`.
pub fn bot() -> Doc {
    http(TAG, vec![])
}

/// `BotKey`.
pub fn bot_key() -> Doc {
    http(TAG, vec![])
}

/// `BotChats`.
pub fn bot_chats() -> Doc {
    http(TAG, vec![])
}

/// `BotChat`.
pub fn bot_chat() -> Doc {
    http(TAG, vec![])
}

/// `Hook`.
pub fn hook() -> Doc {
    http(TAG, vec![])
}
