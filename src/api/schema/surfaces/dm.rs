//! The descriptions of the dm surface's routes (see `schema::doc` for the builders).
#![allow(unused_imports)]
use crate::api::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "dm";

/// This surface's named schemas, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![]
}

/// `DmChats`.
pub fn dm_chats() -> Doc {
    http(TAG, vec![])
}

/// `DmCreate`.
pub fn dm_create() -> Doc {
    http(TAG, vec![])
}

/// `DmSocket`.
pub fn dm_socket() -> Doc {
    http(TAG, vec![])
}
