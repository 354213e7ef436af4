//! The descriptions of the inbox surface's routes (see `schema::doc` for the builders).
#![allow(unused_imports)]
use crate::api::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "inbox";

/// This surface's named schemas, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![]
}

/// `ApiRoot`.
pub fn api_root() -> Doc {
    http(TAG, vec![])
}

/// `InboxMessages`.
pub fn inbox_messages() -> Doc {
    http(TAG, vec![])
}

/// `UpdateMessage`.
pub fn update_message() -> Doc {
    http(TAG, vec![])
}

/// `DeleteMessage`.
pub fn delete_message() -> Doc {
    http(TAG, vec![])
}

/// `InboxSocket`.
pub fn inbox_socket() -> Doc {
    http(TAG, vec![])
}
