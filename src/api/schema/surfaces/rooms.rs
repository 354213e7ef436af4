//! The descriptions of the rooms surface's routes (see `schema::doc` for the builders).
#![allow(unused_imports)]
use crate::api::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "rooms";

/// This surface's named schemas, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![]
}

/// `Rooms`.
pub fn rooms() -> Doc {
    http(TAG, vec![])
}

/// `Room`.
pub fn room() -> Doc {
    http(TAG, vec![])
}

/// `Join`.
pub fn join() -> Doc {
    http(TAG, vec![])
}

/// `Leave`.
pub fn leave() -> Doc {
    http(TAG, vec![])
}

/// `Participants`.
pub fn participants() -> Doc {
    http(TAG, vec![])
}

/// `CallState`.
pub fn call_state() -> Doc {
    http(TAG, vec![])
}

/// `RoomMessages`.
pub fn room_messages() -> Doc {
    http(TAG, vec![])
}

/// `Upload`.
pub fn upload() -> Doc {
    http(TAG, vec![])
}

/// `File`.
pub fn file() -> Doc {
    http(TAG, vec![])
}

/// `Download`.
pub fn download() -> Doc {
    http(TAG, vec![])
}

/// `RoomSocket`.
pub fn room_socket() -> Doc {
    http(TAG, vec![])
}

/// `Message`.
pub fn message() -> Doc {
    http(TAG, vec![])
}
