//! The descriptions of the dm surface's routes (see `schema::doc` for the builders).
use crate::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "dm";

/// This surface's named schemas, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![
        (
            "DmUser",
            object(
                &["id", "username"],
                json!({ "id": id(), "username": string() }),
            ),
        ),
        (
            "DmChat",
            object(
                &[
                    "id",
                    "participants",
                    "other_user",
                    "created",
                    "last_message",
                    "unread_count",
                ],
                json!({
                    "id": id(),
                    "participants": list(r("DmUser")),
                    "other_user": nullable(r("DmUser")),
                    "created": datetime(),
                    "last_message": nullable(object(
                        &["body", "created", "sender"],
                        json!({
                            "body": string(),
                            "created": datetime(),
                            "sender": nullable(json!({ "type": "string", "description": "The sender's username." })),
                        }),
                    )),
                    "unread_count": { "type": "integer", "minimum": 0 },
                }),
            ),
        ),
        (
            "DmSocketMessage",
            object(
                &["id", "sender", "body", "created", "is_read"],
                json!({
                    "id": id(),
                    "sender": nullable(json!({ "type": "string", "description": "The sender's username." })),
                    "body": string(),
                    "created": { "type": "string", "description": "UTC, `YYYY-MM-DD HH:MM:SS` (upstream's `strftime`)." },
                    "is_read": boolean(),
                }),
            ),
        ),
    ]
}

/// `DmChats`.
pub fn dm_chats() -> Doc {
    http(
        TAG,
        vec![get(
            "The caller's direct chats, newest first, with their last message and unread count.",
        )
        .ok(200, list(r("DmChat")))],
    )
}

/// `DmCreate`.
pub fn dm_create() -> Doc {
    http(
        TAG,
        vec![post("The direct chat with a user, created if new.")
            .body(object(
                &["user_id"],
                json!({ "user_id": { "type": "integer", "format": "int64", "description": "The other user's id (not the caller's).", "examples": [2] } }),
            ))
            .ok(201, r("DmChat"))],
    )
}

/// `DmSocket`.
pub fn dm_socket() -> Doc {
    Doc::Socket(SocketDoc {
        tag: TAG,
        summary: "One direct chat of the caller: on connect its history (the newest 1000 messages, oldest first, one frame each), then every new message; the other participant's messages are marked read.",
        sends: vec![(
            "send_message",
            "Send a message to the chat.",
            object(&["body"], json!({ "body": string() })),
        )],
        receives: vec![
            (
                "message",
                "A message of the chat: replayed on connect, or new (the caller's own included).",
                object(&["message"], json!({ "message": r("DmSocketMessage") })),
            ),
            (
                "message_edited",
                "A message of the chat was edited (not in the seed).",
                object(
                    &["message", "edited"],
                    json!({ "message": r("DmSocketMessage"), "edited": { "const": true } }),
                ),
            ),
            (
                "message_deleted",
                "A message of the chat was deleted (not in the seed).",
                object(&["deleted_message_id"], json!({ "deleted_message_id": id() })),
            ),
            (
                "error",
                "A frame that could not be acted on; the socket stays open.",
                object(&["error"], json!({ "error": string() })),
            ),
        ],
    })
}
