//! The descriptions of the messenger surface's routes (see `schema::doc` for the builders).
#![allow(unused_imports)]
use crate::api::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "messenger";

/// This surface's named schemas, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![]
}

/// `RootProfiles`.
pub fn root_profiles() -> Doc {
    http(TAG, vec![])
}

/// `RootMessenger`.
pub fn root_messenger() -> Doc {
    http(TAG, vec![])
}

/// `Profile`.
pub fn profile() -> Doc {
    http(TAG, vec![])
}

/// `Posts`.
pub fn posts() -> Doc {
    http(TAG, vec![])
}

/// `SearchUser`.
pub fn search_user() -> Doc {
    http(TAG, vec![])
}

/// `AddFriend`.
pub fn add_friend() -> Doc {
    http(TAG, vec![])
}

/// `RemoveFriend`.
pub fn remove_friend() -> Doc {
    http(TAG, vec![])
}

/// `Chatrooms`.
pub fn chatrooms() -> Doc {
    http(TAG, vec![])
}

/// `UserChatrooms`.
pub fn user_chatrooms() -> Doc {
    http(TAG, vec![])
}

/// `ChatroomMessages`.
pub fn chatroom_messages() -> Doc {
    http(TAG, vec![])
}

/// `MessengerSocket`.
pub fn messenger_socket() -> Doc {
    http(TAG, vec![])
}
