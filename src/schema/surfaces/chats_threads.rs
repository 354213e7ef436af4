//! The descriptions of natter's thread routes, `/api/threads/` (`surfaces::chats::threads`),
//! which answer in the chats surface's shapes and list its message objects.

use crate::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "chats";

/// The thread routes' named schemas, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![
        (
            "ChatsThreadSummary",
            json!({
                "description": "natter's: a root message's thread, on the root.",
                "type": "object",
                "required": ["reply_count", "last_reply_at", "participants"],
                "properties": {
                    "reply_count": { "type": "integer", "minimum": 1, "description": "Live replies." },
                    "last_reply_at": nullable(datetime()),
                    "participants": { "type": "array", "items": id(), "maxItems": 5, "description": "The newest repliers' ids, newest first." }
                }
            }),
        ),
        (
            "ChatsThread",
            json!({
                "description": "natter's: a thread as its reader sees it.",
                "type": "object",
                "required": ["root", "root_id", "chat", "reply_count", "last_reply_at", "participants", "thread", "following", "unread_count"],
                "properties": {
                    "root": nullable(r("ChatsMessage")),
                    "root_id": id(),
                    "chat": object(&["id", "title", "chat_type"], json!({
                        "id": id(),
                        "title": string(),
                        "chat_type": { "type": "string", "enum": ["dm", "group", "room"] }
                    })),
                    "reply_count": integer(),
                    "last_reply_at": nullable(datetime()),
                    "participants": list(r("ChatsUser")),
                    "thread": nullable(r("ChatsThreadSummary")),
                    "following": boolean(),
                    "unread_count": { "type": "integer", "description": "Replies from others the caller has not read (0 when not following)." }
                }
            }),
        ),
    ]
}

/// `/api/threads/`.
pub fn followed() -> Doc {
    http(
        TAG,
        vec![get("The threads the caller follows that have replies, the most recent reply first (natter's)")
            .query("page", page_number())
            .query("page_size", json!({ "type": "integer", "minimum": 1, "description": "Threads per page: 20 by default, 100 at most." }))
            .ok(
                200,
                object(
                    &["count", "next", "previous", "unread", "results"],
                    json!({
                        "count": integer(),
                        "next": nullable(json!({ "type": "string", "format": "uri" })),
                        "previous": nullable(json!({ "type": "string", "format": "uri" })),
                        "unread": { "type": "integer", "description": "Unread replies in all followed threads." },
                        "results": list(r("ChatsThread"))
                    }),
                ),
            )
            .err(404, "No such page (`Invalid page.`).")],
    )
}

/// `/api/threads/{message_id}/`.
pub fn thread() -> Doc {
    http(
        TAG,
        vec![get("A thread: its root and a page of its replies, oldest first (natter's); any message of the thread names it")
            .query("before", json!({ "type": "integer", "format": "int64", "description": "Only replies older than this id." }))
            .query("after", json!({ "type": "integer", "format": "int64", "description": "Only replies newer than this id (the oldest such first)." }))
            .query("page_size", json!({ "type": "integer", "minimum": 1, "description": "Replies per page: 100 by default, 200 at most." }))
            .ok(
                200,
                json!({
                    "allOf": [r("ChatsThread"), object(&["replies", "older"], json!({
                        "replies": list(r("ChatsMessage")),
                        "older": nullable(json!({ "type": "string", "format": "uri", "description": "The replies before these." }))
                    }))]
                }),
            )
            .err(404, "No such message, or in a chat the caller is not in.")],
    )
}

/// `/api/threads/{message_id}/follow/`.
pub fn follow() -> Doc {
    let answer = object(&["following"], json!({ "following": boolean() }));
    http(
        TAG,
        vec![
            post("Follow a thread: its new replies count as unread and notify (natter's)")
                .ok(200, answer.clone())
                .err(404, "No such message, or in a chat the caller is not in."),
            delete("Stop following a thread (natter's)")
                .ok(200, answer)
                .err(404, "No such message, or in a chat the caller is not in."),
        ],
    )
}

/// `/api/threads/{message_id}/read/`.
pub fn read() -> Doc {
    http(
        TAG,
        vec![post("Mark a thread's replies read up to one (by default the newest) (natter's)")
            .optional_body(object(
                &[],
                json!({ "message_id": { "type": "integer", "format": "int64", "description": "The last reply read." } }),
            ))
            .ok(200, object(&["unread_count"], json!({ "unread_count": integer() })))
            .err(404, "No such message, or in a chat the caller is not in.")],
    )
}
