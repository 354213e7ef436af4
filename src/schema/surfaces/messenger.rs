//! The descriptions of the messenger surface's routes (see `schema::doc` for the builders).
use crate::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "messenger";

/// This surface's named schemas, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![
        (
            "MessengerPost",
            object(
                &["id", "title", "content", "created_at"],
                json!({
                    "id": id(),
                    "title": string(),
                    "content": string(),
                    "created_at": datetime(),
                }),
            ),
        ),
        (
            "MessengerProfile",
            object(
                &["id", "username", "email", "profile", "posts"],
                json!({
                    "id": id(),
                    "username": string(),
                    "email": { "type": "string", "description": "Empty when `--show-emails admins` hides it from the caller." },
                    "profile": object(
                        &["image", "bio", "friends"],
                        json!({
                            "image": { "type": "string", "description": "A URL or a path; `/media/user_images/default.jpg` when unset." },
                            "bio": string(),
                            "friends": { "type": "array", "items": id(), "description": "The friends' user ids." },
                        }),
                    ),
                    "posts": list(r("MessengerPost")),
                }),
            ),
        ),
        (
            "MessengerChatroom",
            object(
                &["id", "name", "members", "display_name"],
                json!({
                    "id": id(),
                    "name": nullable(json!({ "type": "string", "description": "`a_b`: the two usernames in order." })),
                    "members": { "type": "array", "items": id(), "description": "The members' user ids, ascending." },
                    "display_name": { "type": "string", "description": "The other member's username (`Unknown` when there is none)." },
                }),
            ),
        ),
        (
            "MessengerMessage",
            object(
                &["id", "user", "content", "timestamp"],
                json!({
                    "id": id(),
                    "user": nullable(json!({ "type": "string", "description": "The sender's username." })),
                    "content": string(),
                    "timestamp": datetime(),
                }),
            ),
        ),
        (
            "MessengerNotice",
            object(&["message"], json!({ "message": string() })),
        ),
    ]
}

/// A DRF root listing `names` as absolute URLs.
fn root(summary: &'static str, names: &[&str]) -> Doc {
    let properties: serde_json::Map<String, Value> = names
        .iter()
        .map(|n| {
            (
                (*n).to_string(),
                json!({ "type": "string", "format": "uri" }),
            )
        })
        .collect();
    http(
        TAG,
        vec![get(summary).ok(200, object(names, Value::Object(properties)))],
    )
}

/// `RootProfiles`.
pub fn root_profiles() -> Doc {
    root(
        "The API root of seed 004's profiles app: its endpoints' absolute URLs.",
        &[
            "profile",
            "posts",
            "search-user",
            "add-friend",
            "remove-friend",
        ],
    )
}

/// `RootMessenger`.
pub fn root_messenger() -> Doc {
    root(
        "The API root of seed 004's messenger app: its endpoints' absolute URLs.",
        &["chatrooms", "user/chatrooms"],
    )
}

/// `Profile`.
pub fn profile() -> Doc {
    let input = || {
        object(
            &[],
            json!({
                "bio": string(),
                "image": { "type": "string", "description": "A URL, or a path starting with `/`.", "examples": ["/media/user_images/default.jpg"] },
            }),
        )
    };
    http(
        TAG,
        vec![
            get("The caller with their profile, friends and posts.").ok(200, r("MessengerProfile")),
            put("Change the caller's bio or image; fields left out stay.")
                .optional_body(input())
                .ok(200, r("MessengerProfile")),
            patch("Change the caller's bio or image.")
                .optional_body(input())
                .ok(200, r("MessengerProfile")),
        ],
    )
}

/// `Posts`.
pub fn posts() -> Doc {
    http(
        TAG,
        vec![
            get("Every user's posts, oldest first.").ok(200, list(r("MessengerPost"))),
            post("Write a post.")
                .body(object(
                    &["title", "content"],
                    json!({
                        "title": { "type": "string", "examples": ["Пост 1"] },
                        "content": { "type": "string", "examples": ["Текст"] },
                    }),
                ))
                .ok(201, r("MessengerPost")),
        ],
    )
}

/// `SearchUser`.
pub fn search_user() -> Doc {
    http(
        TAG,
        vec![get("A user's profile by exact username.")
            .query_required(
                "username",
                json!({ "type": "string", "description": "The exact username (trimmed); without it, 400.", "examples": ["friend"] }),
            )
            .ok(200, r("MessengerProfile"))
            .err(404, "No user has that username (`{\"error\": \"Пользователь не найден.\"}`).")],
    )
}

/// The `{"username"}` body of the friend endpoints.
fn friend_body() -> Value {
    object(
        &["username"],
        json!({ "username": { "type": "string", "examples": ["friend"] } }),
    )
}

/// `AddFriend`.
pub fn add_friend() -> Doc {
    http(
        TAG,
        vec![post("Add a user to the caller's friends (both ways).")
            .body(friend_body())
            .ok(200, r("MessengerNotice"))],
    )
}

/// `RemoveFriend`.
pub fn remove_friend() -> Doc {
    http(
        TAG,
        vec![post("Remove a user from the caller's friends (both ways).")
            .body(friend_body())
            .ok(200, r("MessengerNotice"))],
    )
}

/// `Chatrooms`.
pub fn chatrooms() -> Doc {
    http(
        TAG,
        vec![
            get("The caller's chat rooms (their direct chats), oldest first.")
                .ok(200, list(r("MessengerChatroom"))),
            post("The chat room with a user, created if new.")
                .body(object(
                    &["recipient"],
                    json!({ "recipient": { "type": "string", "description": "The other user's username.", "examples": ["friend"] } }),
                ))
                .json(201, "The room, created now.", r("MessengerChatroom"))
                .json(200, "The room, which existed already.", r("MessengerChatroom")),
        ],
    )
}

/// `UserChatrooms`.
pub fn user_chatrooms() -> Doc {
    http(
        TAG,
        vec![get("The caller's chat rooms, oldest first.").ok(200, list(r("MessengerChatroom")))],
    )
}

/// `ChatroomMessages`.
pub fn chatroom_messages() -> Doc {
    http(
        TAG,
        vec![
            get("A room's messages, oldest first (members only).")
                .query(
                    "after",
                    json!({ "type": "integer", "format": "int64", "description": "Only messages with a larger id." }),
                )
                .query(
                    "search",
                    json!({ "type": "string", "maxLength": 1000, "description": "Only messages matching these words." }),
                )
                .ok(200, list(r("MessengerMessage"))),
            post("Send a message to a room (members only).")
                .body(object(
                    &["content"],
                    json!({ "content": { "type": "string", "examples": ["Привет!"] } }),
                ))
                .ok(201, r("MessengerMessage")),
        ],
    )
}

/// `MessengerSocket`.
pub fn messenger_socket() -> Doc {
    Doc::Socket(SocketDoc {
        tag: TAG,
        summary: "A chat room's new messages, to every member's socket (the sender's included); members only.",
        sends: vec![(
            "send_message",
            "Send a message to the room.",
            object(&["message"], json!({ "message": string() })),
        )],
        receives: vec![
            (
                "message",
                "A new message of the room.",
                r("MessengerMessage"),
            ),
            (
                "error",
                "A frame that could not be acted on; the socket stays open.",
                object(&["error"], json!({ "error": string() })),
            ),
        ],
    })
}
