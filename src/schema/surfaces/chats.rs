//! The descriptions of the chats surface's routes (see `schema::doc` for the builders):
//! seed 001's chats, members, messages, reactions, read marks, typing and user search at
//! `/messages/api/` (`surfaces::chats`), natter's message search (`surfaces::chats::search`), and the two
//! sockets at `/messages/ws/` (`surfaces::chats::socket`).
//!
//! Long because the API is: one description per route, in the route table's order.

use crate::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "chats";

/// This surface's named schemas, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![
        (
            "ChatsUser",
            json!({
                "description": "A user as seed 001 shows one.",
                "type": "object",
                "required": ["id", "username", "display_name", "avatar_url", "is_active"],
                "properties": {
                    "id": id(),
                    "username": string(),
                    "display_name": { "type": "string", "description": "The display name, or the username when none is set." },
                    "avatar_url": { "type": "string", "description": "The profile image's URL, or a generated SVG `data:` URL with the initial." },
                    "is_active": { "type": "boolean", "description": "natter's: false once an administrator deactivated the account (the web client marks the name)." }
                }
            }),
        ),
        (
            "ChatsAttachment",
            json!({
                "description": "A file attached to a message (natter's; upload at `/api/files/upload/`).",
                "type": "object",
                "required": ["id", "name", "size", "content_type", "url"],
                "properties": {
                    "id": id(),
                    "name": string(),
                    "size": integer(),
                    "content_type": string(),
                    "url": { "type": "string", "description": "The download path, `/api/files/{id}/download/`." }
                }
            }),
        ),
        (
            "ChatsReaction",
            json!({
                "description": "One emoji's reactions on a message.",
                "type": "object",
                "required": ["emoji", "count", "users"],
                "properties": {
                    "emoji": string(),
                    "count": integer(),
                    "users": { "type": "array", "items": id(), "description": "Who reacted with it." }
                }
            }),
        ),
        ("ChatsMessage", message_schema(false)),
        (
            "ChatsLastMessage",
            json!({
                "description": "A chat's newest message, in brief.",
                "type": "object",
                "required": ["id", "content", "created_at", "sender"],
                "properties": {
                    "id": id(),
                    "content": string(),
                    "created_at": datetime(),
                    "sender": nullable(object(
                        &["id", "username", "display_name"],
                        json!({ "id": id(), "username": string(), "display_name": string() }),
                    )),
                    "encrypted": { "type": "boolean", "description": "natter's: true for a message a Matrix app encrypted end to end, whose `content` only says so; present only then." },
                    "attachments": { "type": "array", "items": r("ChatsAttachment"), "description": "natter's: the message's files, present only when it has some (a picture sent from a Matrix app has no text)." }
                }
            }),
        ),
        ("ChatsChat", chat_schema(false)),
        ("ChatsChatDetail", chat_schema(true)),
        (
            "ChatsSearchHit",
            json!({
                "description": "A message found by `/messages/api/search/`: the message, its chat in brief, and the text around the match.",
                "type": "object",
                "required": [
                    "id", "content", "created_at", "updated_at", "is_edited", "is_deleted", "sender",
                    "reactions", "read_by", "chat", "attachments", "snippet", "snippet_parts"
                ],
                "properties": {
                    "id": id(),
                    "content": string(),
                    "created_at": datetime(),
                    "updated_at": datetime(),
                    "is_edited": boolean(),
                    "is_deleted": boolean(),
                    "sender": nullable(r("ChatsUser")),
                    "reactions": list(r("ChatsReaction")),
                    "read_by": list(id()),
                    "chat": object(
                        &["id", "title", "chat_type"],
                        json!({ "id": id(), "title": string(), "chat_type": chat_type() }),
                    ),
                    "attachments": list(r("ChatsAttachment")),
                    "snippet": { "type": "string", "description": "The text around the match as HTML: escaped, matched words in `<mark>`." },
                    "snippet_parts": list(object(
                        &["text", "mark"],
                        json!({ "text": string(), "mark": boolean() }),
                    ))
                }
            }),
        ),
        (
            "ChatsStatus",
            object(
                &["status"],
                json!({ "status": { "type": "string", "enum": ["success"] } }),
            ),
        ),
    ]
}

/// `dm`, `group` or `room`.
fn chat_type() -> Value {
    json!({ "type": "string", "enum": ["dm", "group", "room"] })
}

/// A message; `edited` drops what a `message_updated` event leaves out.
fn message_schema(edited: bool) -> Value {
    let mut required = vec![
        "id",
        "content",
        "created_at",
        "updated_at",
        "is_edited",
        "is_deleted",
        "sender",
        "reactions",
        "read_by",
        "chat",
        "attachments",
        "reply_to",
        "thread_id",
        "in_channel",
        "thread",
    ];
    if edited {
        required.retain(|k| *k != "reactions" && *k != "read_by");
    }
    json!({
        "description": "A message as seed 001 shows one (`attachments` is natter's).",
        "type": "object",
        "required": required,
        "properties": {
            "id": id(),
            "content": string(),
            "created_at": datetime(),
            "updated_at": { "type": "string", "format": "date-time", "description": "When it was last edited; `created_at` if never." },
            "is_edited": boolean(),
            "is_deleted": { "type": "boolean", "description": "True for a message an administrator removed: it keeps its place with empty `content` and no attachments or reactions. A message its sender deleted is gone." },
            "sender": nullable(r("ChatsUser")),
            "reactions": list(r("ChatsReaction")),
            "read_by": { "type": "array", "items": id(), "description": "Members whose read mark has reached it, but for accounts nobody has used yet (an import's newcomers until they sign in, bots)." },
            "chat": { "type": "integer", "format": "int64", "description": "Its chat's id." },
            "attachments": list(r("ChatsAttachment")),
            "reply_to": nullable(json!({ "type": "integer", "format": "int64", "description": "natter's: the message of the same chat it replies to (its text starts with the quote line natter wrote); null for any other message, whatever its text." })),
            "thread_id": nullable(json!({ "type": "integer", "format": "int64", "description": "natter's: the root of the thread it is a reply in." })),
            "in_channel": { "type": "boolean", "description": "natter's: false only for a thread reply not also sent to the channel." },
            "thread": nullable(r("ChatsThreadSummary")),
            "previews": { "type": "array", "items": r("ChatsLinkPreview"), "description": "natter's: cards for the message's first links, present only when it has some; they arrive after the message, as an edit." },
            "encrypted": { "type": "boolean", "description": "natter's: true for a message a Matrix app encrypted end to end, whose `content` only says so; present only then." }
        }
    })
}

/// A chat as a list row, or (`detail`) as one chat's own answer with `admins` and
/// `description`.
fn chat_schema(detail: bool) -> Value {
    let mut required = vec![
        "id",
        "title",
        "chat_type",
        "created_at",
        "updated_at",
        "is_archived",
        "last_message",
        "unread_count",
        "channel_unread_count",
        "members",
        "untitled",
        "topic",
    ];
    let mut properties = json!({
        "id": id(),
        "title": { "type": "string", "description": "A direct chat without a title is named after its other member; a group without one after its members (see `untitled`)." },
        "chat_type": chat_type(),
        "created_at": datetime(),
        "updated_at": datetime(),
        "is_archived": { "type": "boolean", "description": "natter's: an administrator archived it; it is read, and a send is refused (403)." },
        "last_message": nullable(r("ChatsLastMessage")),
        "unread_count": { "type": "integer", "description": "Messages from others after the caller's read mark." },
        "channel_unread_count": { "type": "integer", "description": "natter's: the same without the replies kept in their thread." },
        "members": list(r("ChatsUser")),
        "untitled": { "type": "boolean", "description": "natter's: a group made without a title, whose `title` is made from its members' names, so a client may name it its own way." },
        "topic": { "type": "string", "maxLength": 250, "description": "natter's: what the chat is about now, shown under its name; empty for none. Set with `topic` in a `PATCH` by the chat's admins; each change is also a message in the chat (`📝 set the topic: …`)." },
    });
    if detail {
        required.extend(["admins", "description"]);
        properties["admins"] = json!({ "type": "array", "items": id(), "description": "The ids of the chat's administrators." });
        properties["description"] = string();
    }
    json!({
        "description": if detail { "One chat, with its administrators and description." } else { "A chat in the caller's list." },
        "type": "object",
        "required": required,
        "properties": properties,
    })
}

/// A message id in a query.
fn query_id() -> Value {
    json!({ "type": "integer", "format": "int64" })
}

/// `/messages/api/chats/`.
pub fn chats() -> Doc {
    http(
        TAG,
        vec![
            get("The caller's chats, most recently active first, 10 a page")
                .query("page", page_number())
                .query("page_size", json!({ "type": "integer", "minimum": 1, "description": "Chats per page: 10 by default (or when not a positive integer), 100 at most (more is 100)." }))
                .query("search", json!({ "type": "string", "description": "Only chats whose title, or another member's username or display name, holds this text (any case)." }))
                .ok(200, page(r("ChatsChat")))
                .err(404, "No such page (`Invalid page.`)."),
            post("Start a direct chat (or find the one that exists) or create a group")
                .body(object(
                    &[],
                    json!({
                        "chat_type": { "type": "string", "enum": ["dm", "direct", "group"], "description": "`group` by default." },
                        "member_ids": { "type": "array", "items": id(), "description": "The other members: exactly one other for a direct chat." },
                        "title": { "type": "string", "maxLength": 255, "description": "Trimmed." },
                        "description": string()
                    }),
                ))
                .ok(201, r("ChatsChatDetail")),
        ],
    )
}

/// `/messages/api/chats/{chat_id}/`.
pub fn chat() -> Doc {
    let change = object(
        &[],
        json!({
            "title": { "type": "string", "maxLength": 255, "description": "Trimmed." },
            "description": { "type": "string", "description": "What the chat is for (a room's purpose)." },
            "topic": { "type": "string", "maxLength": 250, "description": "natter's: the topic, made one line; empty clears it. A change is also a message in the chat." }
        }),
    );
    let not_admin = "A group's settings are its administrators' to change; an archived chat takes no new topic.";
    http(
        TAG,
        vec![
            get("One of the caller's chats").ok(200, r("ChatsChatDetail")),
            put("Change a chat's title, description or topic")
                .optional_body(change.clone())
                .ok(200, r("ChatsChatDetail"))
                .err(403, not_admin),
            patch("Change a chat's title, description or topic")
                .optional_body(change)
                .ok(200, r("ChatsChatDetail"))
                .err(403, not_admin),
            delete("Delete a chat and everything in it")
                .empty(204)
                .err(403, "A group is its administrators' to delete."),
        ],
    )
}

/// `/messages/api/chats/{chat_id}/messages/`.
pub fn chat_messages() -> Doc {
    http(
        TAG,
        vec![
            get("A chat's messages, newest first: numbered pages, or keyset pages after `before`/`after`")
                .query("page", page_number())
                .query("page_size", json!({ "type": "integer", "minimum": 1, "description": "Messages per page: 50 by default (or when not a positive integer), 200 at most (more is 200)." }))
                .query("before", json!({ "type": "integer", "format": "int64", "description": "Only messages older than this id; `next` continues from the last one." }))
                .query("after", json!({ "type": "integer", "format": "int64", "description": "Only messages newer than this id, oldest first when alone." }))
                .query("search", json!({ "type": "string", "maxLength": 1000, "description": "Only messages matching these words." }))
                .query("channel", json!({ "type": "boolean", "description": "natter's: only the channel's messages, without the replies kept in their thread." }))
                .ok(200, page(r("ChatsMessage")))
                .err(404, "No such chat, or not one of the caller's; or no such page (`Invalid page.`)."),
            post("Send a message (text, attached files, or both); marks the chat read up to it")
                .body(object(
                    &[],
                    json!({
                        "content": { "type": "string", "maxLength": 10000, "description": "Required unless files are attached; not only white space." },
                        "attachment_ids": { "type": "array", "items": id(), "description": "Ids of files the caller uploaded." },
                        "attachments": { "type": "array", "items": id(), "description": "The same, by its other name." },
                        "reply_to": { "type": "integer", "format": "int64", "description": "natter's: a message of this chat it replies to; natter writes the quote line before `content`." },
                        "thread_id": { "type": "integer", "format": "int64", "description": "natter's: a message of this chat whose thread it is a reply in (a reply's thread is its root's)." },
                        "also_in_channel": { "type": "boolean", "description": "natter's, with `thread_id`: also show the reply in the channel (false by default)." }
                    }),
                ))
                .ok(201, r("ChatsMessage")),
        ],
    )
}

/// `/messages/api/chats/{chat_id}/mark-as-read/`.
pub fn mark_read() -> Doc {
    http(
        TAG,
        vec![post("Mark a chat read up to a message (by default its newest)")
            .optional_body(object(
                &[],
                json!({ "message_id": { "type": "integer", "format": "int64", "description": "The last message read; the newest if absent." } }),
            ))
            .ok(
                200,
                object(
                    &["status", "marked_count"],
                    json!({
                        "status": { "type": "string", "enum": ["success"] },
                        "marked_count": { "type": "integer", "description": "How many messages from others became read." }
                    }),
                ),
            )],
    )
}

/// `/messages/api/chats/{chat_id}/typing/`.
pub fn typing() -> Doc {
    http(
        TAG,
        vec![post("Tell the chat's other members the caller is (or stopped) typing")
            .optional_body(object(
                &[],
                json!({ "is_typing": { "type": "boolean", "description": "True by default." } }),
            ))
            .ok(
                200,
                object(
                    &["status", "is_typing"],
                    json!({
                        "status": { "type": "string", "enum": ["success"] },
                        "is_typing": boolean()
                    }),
                ),
            )],
    )
}

/// `/messages/api/chats/{chat_id}/members/add/`.
pub fn add_members() -> Doc {
    http(
        TAG,
        vec![post("Add users to a group (its administrators)")
            .body(object(
                &["user_ids"],
                json!({ "user_ids": { "type": "array", "items": id() } }),
            ))
            .ok(
                200,
                object(
                    &["status", "added_count"],
                    json!({
                        "status": { "type": "string", "enum": ["success"] },
                        "added_count": { "type": "integer", "description": "How many were not members yet." }
                    }),
                ),
            )
            .err(
                400,
                "A field is not valid, a user does not exist, or the chat is a direct one.",
            )
            .err(403, "Not one of the group's administrators.")],
    )
}

/// `/messages/api/chats/{chat_id}/members/{user_id}/remove/`.
pub fn remove_member() -> Doc {
    http(
        TAG,
        vec![
            delete("Remove a member (administrators: anyone; others: themselves)")
                .empty(204)
                .err(400, "The chat is a direct one.")
                .err(403, "Only administrators remove others.")
                .err(
                    404,
                    "No such chat, not one of the caller's, or the user is not a member.",
                ),
        ],
    )
}

/// `/messages/api/messages/{message_id}/`.
pub fn chats_message() -> Doc {
    let content = object(
        &["content"],
        json!({ "content": { "type": "string", "maxLength": 10000, "description": "Not only white space." } }),
    );
    http(
        TAG,
        vec![
            get("A message of one of the caller's chats").ok(200, r("ChatsMessage")),
            put("Edit one's own message")
                .body(content.clone())
                .ok(200, r("ChatsMessage"))
                .err(403, "Not the caller's own message."),
            patch("Edit one's own message")
                .body(content)
                .ok(200, r("ChatsMessage"))
                .err(403, "Not the caller's own message."),
            delete("Delete one's own message")
                .empty(204)
                .err(403, "Not the caller's own message."),
        ],
    )
}

/// `/messages/api/messages/{message_id}/reactions/`.
pub fn react() -> Doc {
    http(
        TAG,
        vec![post("Add the caller's emoji to a message, or take it back if there")
            .body(object(
                &["emoji"],
                json!({ "emoji": { "type": "string", "minLength": 1, "maxLength": 10, "description": "Trimmed; at most 10 characters." } }),
            ))
            .ok(
                200,
                object(
                    &["action", "emoji", "message_id", "reactions"],
                    json!({
                        "action": { "type": "string", "enum": ["added", "removed"] },
                        "emoji": string(),
                        "message_id": id(),
                        "reactions": list(r("ChatsReaction"))
                    }),
                ),
            )],
    )
}

/// `/messages/api/users/search/`.
pub fn search_users() -> Doc {
    http(
        TAG,
        vec![get("Find other users by username, display name or email (at most 50, by username)")
            .query_required("q", json!({ "type": "string", "minLength": 1 }))
            .ok(
                200,
                object(
                    &["results"],
                    json!({
                        "results": list(json!({
                            "type": "object",
                            "required": ["id", "username", "display_name", "email", "avatar_url", "is_active", "status"],
                            "properties": {
                                "id": id(),
                                "username": string(),
                                "display_name": string(),
                                "email": { "type": "string", "description": "Empty when `--show-emails admins` hides it." },
                                "avatar_url": string(),
                                "is_active": { "type": "boolean", "description": "natter's: false for a deactivated account." },
                                "status": nullable(r("ChatsStatus"))
                            }
                        }))
                    }),
                ),
            )],
    )
}

/// `/messages/api/search/`.
pub fn search_messages() -> Doc {
    http(
        TAG,
        vec![get("Search the messages of every chat the caller is in, newest first (natter's)")
            .query_required("q", json!({ "type": "string", "minLength": 1, "maxLength": 1000, "description": "Words to find (not only white space), `\"an exact phrase\"`, `-excluded` words and operators: `from:@name`, `in:#room` or `in:@person` (the direct chat with them), `has:file`, `has:image`, `has:link`, `has:reaction`, `has:pin`, `before:`, `after:` and `on:` a day (`YYYY-MM-DD`, in `tz`), `is:thread`, `is:saved`; operators alone also search. An unknown operator, value or day is a 400 on `q`." }))
            .query("tz", json!({ "type": "string", "description": "The IANA time zone (`Europe/Berlin`) the days of `before:`, `after:` and `on:` are in; UTC when absent. An unknown zone is a 400 on `tz`." }))
            .query("chat_id", json!({ "type": "integer", "format": "int64", "description": "Only in this chat." }))
            .query("before", query_id())
            .query("page_size", json!({ "type": "integer", "minimum": 1, "maximum": 100, "description": "Results per page (20 by default)." }))
            .ok(
                200,
                object(
                    &["next", "results"],
                    json!({
                        "next": nullable(json!({ "type": "string", "format": "uri", "description": "The next page (with `before`)." })),
                        "results": list(r("ChatsSearchHit"))
                    }),
                ),
            )
            .err(400, "`q` is blank, too long, has too many words or an operator written wrong, or `tz` is no known zone.")],
    )
}

/// The events both sockets send.
fn events() -> Vec<(&'static str, &'static str, Value)> {
    let chat_id = json!({ "type": "integer", "format": "int64" });
    let event = |kind: &str, required: &[&str], properties: Value| {
        let mut props = json!({ "type": { "const": kind }, "chat_id": chat_id });
        if let (Some(all), Value::Object(more)) = (props.as_object_mut(), properties) {
            all.extend(more);
        }
        let mut req = vec!["type", "chat_id"];
        req.extend_from_slice(required);
        object(&req, props)
    };
    vec![
        (
            "new_message",
            "A message was sent.",
            event("new_message", &["message"], json!({ "message": r("ChatsMessage") })),
        ),
        (
            "message_updated",
            "A message was edited (without its reactions and readers).",
            event("message_updated", &["message"], json!({ "message": message_schema(true) })),
        ),
        (
            "message_deleted",
            "A message was deleted.",
            event("message_deleted", &["message_id"], json!({ "message_id": id() })),
        ),
        (
            "reaction_updated",
            "A message's reactions changed.",
            event(
                "reaction_updated",
                &["message_id", "reactions"],
                json!({ "message_id": id(), "reactions": list(r("ChatsReaction")) }),
            ),
        ),
        (
            "typing",
            "Another member started or stopped typing.",
            event(
                "typing",
                &["user_id", "username", "is_typing"],
                json!({ "user_id": id(), "username": string(), "is_typing": boolean() }),
            ),
        ),
        (
            "read",
            "A member's read mark moved.",
            event(
                "read",
                &["user_id", "message_id"],
                json!({ "user_id": id(), "message_id": id() }),
            ),
        ),
        (
            "member_joined",
            "A user was added to the chat.",
            event("member_joined", &["user_id"], json!({ "user_id": id() })),
        ),
        (
            "member_left",
            "A member left or was removed, or the chat was deleted (one per member).",
            event("member_left", &["user_id"], json!({ "user_id": id() })),
        ),
        (
            "thread_updated",
            "A thread's summary changed: a reply was sent or deleted (natter's); `thread` is null once it has no live reply.",
            event(
                "thread_updated",
                &["message_id", "thread"],
                json!({ "message_id": id(), "thread": nullable(r("ChatsThreadSummary")) }),
            ),
        ),
        (
            "thread_read",
            "A member read a thread up to one of its replies (natter's): a reply kept in its thread is seen by its thread's readers, not by the chat's.",
            event(
                "thread_read",
                &["thread_id", "user_id", "message_id"],
                json!({ "thread_id": id(), "user_id": id(), "message_id": id() }),
            ),
        ),
        (
            "message_pinned",
            "A member pinned a message (natter's); `pin_count` is how many of the chat's messages are pinned now.",
            event(
                "message_pinned",
                &["message_id", "user_id", "pin_count"],
                json!({ "message_id": id(), "user_id": id(), "pin_count": integer() }),
            ),
        ),
        (
            "message_unpinned",
            "A member unpinned a message (natter's).",
            event(
                "message_unpinned",
                &["message_id", "user_id", "pin_count"],
                json!({ "message_id": id(), "user_id": id(), "pin_count": integer() }),
            ),
        ),
        (
            "reminder",
            "The reminder the reader set on a saved message is due (natter's; to that person's sockets only).",
            event(
                "reminder",
                &["message_id", "user_id"],
                json!({ "message_id": id(), "user_id": id() }),
            ),
        ),
        (
            "scheduled_failed",
            "A message the reader scheduled was not sent: `reason` says why, such as having left the chat (natter's; to that person's sockets only).",
            event(
                "scheduled_failed",
                &["scheduled_id", "user_id", "reason"],
                json!({ "scheduled_id": id(), "user_id": id(), "reason": string() }),
            ),
        ),
        (
            "status",
            "Someone's status changed: set, cleared, ended, in or out of a call, away or back (natter's; on `/messages/ws/` of every active person, with no `chat_id`); `status` is null when nothing shows.",
            object(
                &["type", "user_id", "status"],
                json!({ "type": { "const": "status" }, "user_id": id(), "status": nullable(r("ChatsStatus")) }),
            ),
        ),
        (
            "pins_by_changed",
            "The chat's admins changed who may pin there (natter's): `pins_by` is `members` or `admins`; `user_id` changed it.",
            event(
                "pins_by_changed",
                &["pins_by", "user_id"],
                json!({ "pins_by": { "enum": ["members", "admins"] }, "user_id": id() }),
            ),
        ),
        (
            "custom_emoji_added",
            "A custom emoji was added (natter's; on `/messages/ws/` of every active person, with no `chat_id`).",
            object(
                &["type", "emoji"],
                json!({ "type": { "const": "custom_emoji_added" }, "emoji": object(&["id", "name"], json!({ "id": id(), "name": string() })) }),
            ),
        ),
        (
            "custom_emoji_removed",
            "A custom emoji was removed (natter's; on `/messages/ws/` of every active person, with no `chat_id`): messages show its `:name:` as text.",
            object(
                &["type", "emoji"],
                json!({ "type": { "const": "custom_emoji_removed" }, "emoji": object(&["id", "name"], json!({ "id": id(), "name": string() })) }),
            ),
        ),
        (
            "user_group_changed",
            "A user group was made, changed, given or relieved of members, or removed (natter's; on `/messages/ws/` of every active person, with no `chat_id`): `GET /messages/api/groups/` lists them as they now are.",
            object(
                &["type", "group_id", "handle", "change"],
                json!({ "type": { "const": "user_group_changed" }, "group_id": id(), "handle": string(), "change": { "enum": ["created", "updated", "members", "deleted"] } }),
            ),
        ),
        (
            "quiet",
            "Someone paused or resumed notifications or changed their quiet hours or zone (natter's; on `/messages/ws/` of every active person, with no `chat_id`): `quiet` as it now is, when it next flips by the clock (null: not within a week), and the person's zone.",
            object(
                &["type", "user_id", "quiet", "quiet_changes_at", "time_zone"],
                json!({ "type": { "const": "quiet" }, "user_id": id(), "quiet": boolean(), "quiet_changes_at": nullable(datetime()), "time_zone": nullable(json!({ "type": "string", "description": "The person's IANA time zone." })) }),
            ),
        ),
        (
            "chat_updated",
            "A chat's settings changed (natter's): the chat as `GET /messages/api/chats/{id}/` shows it, without `unread_count` and `channel_unread_count` (each reader's own).",
            event(
                "chat_updated",
                &["chat"],
                json!({ "chat": {
                    "type": "object",
                    "required": ["id", "title", "chat_type", "created_at", "updated_at", "is_archived", "last_message", "members", "admins", "description"],
                    "properties": {
                        "id": id(),
                        "title": string(),
                        "chat_type": chat_type(),
                        "created_at": datetime(),
                        "updated_at": datetime(),
                        "is_archived": { "type": "boolean" },
                        "last_message": nullable(r("ChatsLastMessage")),
                        "members": list(r("ChatsUser")),
                        "admins": list(id()),
                        "description": string()
                    }
                } }),
            ),
        ),
        (
            "call_state",
            "Who is in the chat's call now, after someone joined or left it or turned their microphone or camera on or off: to every member (a call starting rings them).",
            event(
                "call_state",
                &["data"],
                json!({ "data": object(&["participants", "room_state"], json!({
                    "participants": list(object(&["user_id", "username", "state", "display_name", "microphone_on", "camera_on", "sfu"], json!({
                        "user_id": id(), "username": string(), "state": { "const": "active" },
                        "display_name": { "type": "string", "description": "The name people see: the display name, or the username when none is set." },
                        "microphone_on": { "type": "boolean", "description": "As they last said with `media_state`; true until they say otherwise." },
                        "camera_on": { "type": "boolean", "description": "As they last said with `media_state`; true until they say otherwise." },
                        "sfu": { "type": "boolean", "description": "Their media goes through the server's SFU (they joined with `{\"sfu\": true}`); false for those on the mesh, whom everyone in the call connects to directly." }
                    }))),
                    "room_state": { "enum": ["active", "idle"] }
                })) }),
            ),
        ),
        (
            "user_joined",
            "Someone else joined the chat's call.",
            event(
                "user_joined",
                &["data"],
                json!({ "data": object(&["user"], json!({ "user": object(&["id", "username"], json!({ "id": id(), "username": string() })) })) }),
            ),
        ),
        (
            "user_left",
            "Someone left the chat's call.",
            event("user_left", &["data"], json!({ "data": object(&["user_id"], json!({ "user_id": id() })) })),
        ),
        (
            "call_declined",
            "A member who was rung declined the call.",
            event(
                "call_declined",
                &["data"],
                json!({ "data": object(&["user_id", "username", "display_name"], json!({ "user_id": id(), "username": string(), "display_name": string() })) }),
            ),
        ),
        (
            "offer",
            "A WebRTC offer relayed to this user: the sender's data with `from_user_id` added.",
            event("offer", &["data"], json!({ "data": object(&["from_user_id"], json!({ "from_user_id": id() })) })),
        ),
        (
            "answer",
            "A WebRTC answer relayed to this user.",
            event("answer", &["data"], json!({ "data": object(&["from_user_id"], json!({ "from_user_id": id() })) })),
        ),
        (
            "ice_candidate",
            "An ICE candidate relayed to this user.",
            event("ice_candidate", &["data"], json!({ "data": object(&["from_user_id"], json!({ "from_user_id": id() })) })),
        ),
        (
            "pong",
            "The answer to a `ping`.",
            object(&["type"], json!({ "type": { "const": "pong" } })),
        ),
        (
            "error",
            "A frame was refused, `error` saying why: `invalid_json`, `unknown_type`, `invalid_frame` (not text), `frame_too_large`, `rate_limited`, `validation_error`, `not_found` (not a chat of the caller's), `call_full`, `not_in_call`, `target_not_in_call`, or `internal_error`/`service_unavailable`. A refused call frame also names its chat and its `request` (the frame's type).",
            object(
                &["type", "error", "details"],
                json!({
                    "type": { "const": "error" },
                    "error": string(),
                    "details": object(&["message"], json!({ "message": string() })),
                    "chat_id": id(),
                    "request": string()
                }),
            ),
        ),
    ]
}

/// The frames a client sends on either socket; `chat_id` is `required` on the
/// all-chats one.
fn client_frames(chat_id_required: bool) -> Vec<(&'static str, &'static str, Value)> {
    let required: &[&str] = if chat_id_required {
        &["type", "chat_id"]
    } else {
        &["type"]
    };
    let call = |kind: &'static str, data: Value| {
        let mut props = json!({
            "type": { "const": kind },
            "chat_id": { "type": "integer", "format": "int64", "description": "The chat whose call it is (the socket's own on `/messages/ws/chats/{chat_id}/`)." },
        });
        if let (Some(all), Value::Object(more)) = (props.as_object_mut(), data) {
            all.extend(more);
        }
        object(required, props)
    };
    let signal = |what: Value| {
        let mut props = json!({ "target_user_id": id() });
        if let (Some(all), Value::Object(more)) = (props.as_object_mut(), what) {
            all.extend(more);
        }
        json!({ "data": object(&["target_user_id"], props) })
    };
    vec![
        ("join_call", "Join the chat's call (starting it, and ringing the chat, when nobody is in it). With `{\"sfu\": true}` on a server with an SFU, one's media goes through it (`POST /api/calls/sfu/`); otherwise over the mesh.", call("join_call", json!({ "data": object(&[], json!({ "sfu": { "type": "boolean" } })) }))),
        ("leave_call", "Leave the chat's call.", call("leave_call", json!({ "data": { "type": "object" } }))),
        ("decline_call", "Decline the call one was rung for.", call("decline_call", json!({ "data": { "type": "object" } }))),
        ("media_state", "Say that one's own microphone or camera is on or off, once in the call: the others' `call_state` shows it (a `user_id` other than one's own is refused with `permission_denied`).", call("media_state", json!({ "data": object(&[], json!({ "microphone_on": { "type": "boolean" }, "camera_on": { "type": "boolean" }, "user_id": id() })) }))),
        ("send_offer", "A WebRTC offer for one person in the call.", call("offer", signal(json!({ "sdp": string() })))),
        ("send_answer", "A WebRTC answer for one person in the call.", call("answer", signal(json!({ "sdp": string() })))),
        ("send_ice_candidate", "An ICE candidate for one person in the call.", call("ice_candidate", signal(json!({ "candidate": { "type": "object" } })))),
        (
            "ping",
            "Asks for a `pong`.",
            object(&["type"], json!({ "type": { "const": "ping" } })),
        ),
        (
            "active",
            "The person is using this device (natter's; the web client sends it at most once a minute while they type, click or scroll): they are not away. Nothing comes back.",
            object(&["type"], json!({ "type": { "const": "active" } })),
        ),
        (
            "typing_status",
            "The caller is (or stopped) typing, as `POST .../typing/`; nothing comes back unless it is refused.",
            object(
                required,
                json!({
                    "type": { "const": "typing" },
                    "chat_id": { "type": "integer", "format": "int64", "description": "The chat (the socket's own on `/messages/ws/chats/{chat_id}/`)." },
                    "is_typing": { "type": "boolean", "description": "True by default." }
                }),
            ),
        ),
    ]
}

/// `/messages/ws/`.
pub fn chats_socket() -> Doc {
    Doc::Socket(SocketDoc {
        tag: TAG,
        summary: "The events of every chat the caller is in (seed 001's events, each with its `chat_id`).",
        sends: client_frames(true),
        receives: events(),
    })
}

/// `/messages/ws/chats/{chat_id}/`.
pub fn chat_socket() -> Doc {
    Doc::Socket(SocketDoc {
        tag: TAG,
        summary: "The events of one chat the caller is in (404 before the upgrade otherwise).",
        sends: client_frames(false),
        receives: events(),
    })
}

/// `/messages/api/`.
pub fn root_chats() -> Doc {
    let url = json!({ "type": "string", "format": "uri" });
    http(
        TAG,
        vec![
            get("The chats API's root (DRF's router): its endpoints' absolute URLs").ok(
                200,
                object(
                    &["chats", "users/search", "search"],
                    json!({ "chats": url, "users/search": url, "search": url }),
                ),
            ),
        ],
    )
}
