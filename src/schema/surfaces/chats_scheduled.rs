//! The descriptions of natter's messages sent later (`surfaces::chats::scheduled`),
//! `/messages/api/scheduled/`.

use crate::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "chats";

/// The named schema of a scheduled message, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![(
        "ChatsScheduled",
        json!({
            "description": "natter's: a message the caller scheduled. `state` is `scheduled` until `send_at`, then `sent` (with `message_id`), or `failed` (with `failure`, the reason: the caller had left the chat, it was archived), or `cancelled`. Sent once, as the caller, with their rights at that moment.",
            "type": "object",
            "required": ["id", "chat_id", "content", "reply_to", "thread_id", "send_at", "state", "message_id", "failure", "created_at", "updated_at"],
            "properties": {
                "id": id(),
                "chat_id": id(),
                "content": string(),
                "reply_to": nullable(id()),
                "thread_id": nullable(id()),
                "send_at": datetime(),
                "state": { "enum": ["scheduled", "sent", "failed", "cancelled"] },
                "message_id": nullable(id()),
                "failure": nullable(string()),
                "created_at": datetime(),
                "updated_at": datetime()
            }
        }),
    )]
}

fn send_at() -> Value {
    json!({ "type": "string", "format": "date-time", "description": "When to send it (RFC 3339, with its offset): after now and within 120 days." })
}

/// `/messages/api/scheduled/`.
pub fn scheduled_messages() -> Doc {
    http(
        TAG,
        vec![
            get("The caller's scheduled messages: those waiting soonest first, then the others newest first (natter's; at most 200)")
                .ok(200, object(&["count", "results"], json!({ "count": integer(), "results": list(r("ChatsScheduled")) }))),
            post("Schedule a message into a chat the caller is in (natter's)")
                .body(object(
                    &["chat_id", "content", "send_at"],
                    json!({
                        "chat_id": id(),
                        "content": string(),
                        "send_at": send_at(),
                        "reply_to": id(),
                        "thread_id": id()
                    }),
                ))
                .ok(201, r("ChatsScheduled"))
                .err(400, "A field is missing, `content` is blank or too long, `send_at` is not a time ahead within 120 days, or 100 messages already wait.")
                .err(404, "No such chat, or the caller is not in it."),
        ],
    )
}

/// `/messages/api/scheduled/{id}/`.
pub fn scheduled_message() -> Doc {
    http(
        TAG,
        vec![
            get("One of the caller's scheduled messages (natter's)")
                .ok(200, r("ChatsScheduled"))
                .err(404, "The caller scheduled no such message."),
            patch("Change a waiting message's text or time (natter's)")
                .body(object(&[], json!({ "content": string(), "send_at": send_at() })))
                .ok(200, r("ChatsScheduled"))
                .err(400, "`content` is blank or too long, `send_at` is not a time ahead, or the message no longer waits (`state`).")
                .err(404, "The caller scheduled no such message."),
            delete("Cancel a waiting message (natter's)")
                .empty(204)
                .err(400, "The message no longer waits (`state`).")
                .err(404, "The caller scheduled no such message."),
        ],
    )
}
