//! The descriptions of natter's user groups (`surfaces::chats::user_groups`), the rooms
//! browser and archiving by a chat's own admins (`surfaces::chats::rooms_browser`).

use crate::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "chats";

const NOT_MANAGER: &str =
    "Only administrators manage user groups (everyone, with `--user-groups-by-everyone`).";

const NO_GROUP: &str = "No such user group.";

fn group_props() -> Value {
    json!({
        "id": id(),
        "handle": { "type": "string", "description": "Mentioned as `@handle`: letters, digits, `.`, `-` and `_`; unique by its name key (any case); never a person's name nor `here`, `channel`, `everyone` or `all`." },
        "name": string(),
        "description": string(),
        "member_count": integer(),
        "created_by": nullable(id()),
        "created_at": datetime(),
        "updated_at": datetime()
    })
}

const GROUP_KEYS: [&str; 8] = [
    "id",
    "handle",
    "name",
    "description",
    "member_count",
    "created_by",
    "created_at",
    "updated_at",
];

fn group() -> Value {
    object(&GROUP_KEYS, group_props())
}

fn group_detail() -> Value {
    let mut props = group_props();
    props["members"] = list(object(
        &["id", "username", "display_name"],
        json!({ "id": id(), "username": string(), "display_name": string() }),
    ));
    let mut keys = GROUP_KEYS.to_vec();
    keys.push("members");
    object(&keys, props)
}

/// `/messages/api/groups/`.
pub fn user_groups() -> Doc {
    let new = object(
        &["handle"],
        json!({
            "handle": { "type": "string", "maxLength": 80, "description": "A leading `@` is dropped." },
            "name": { "type": "string", "maxLength": 100, "description": "The handle when left out." },
            "description": { "type": "string", "maxLength": 500 },
            "user_ids": list(id())
        }),
    );
    http(
        TAG,
        vec![
            get("The user groups, by handle, and whether the caller may manage them (natter's)")
                .ok(
                    200,
                    object(
                        &["count", "results", "may_manage"],
                        json!({ "count": integer(), "results": list(group()), "may_manage": boolean() }),
                    ),
                ),
            post("Make a user group (natter's); a message's `@handle` then mentions its members who are in the chat")
                .body(new)
                .ok(201, group_detail())
                .err(400, "A handle that is missing, malformed or taken, or an unknown person in `user_ids`.")
                .err(403, NOT_MANAGER),
        ],
    )
}

/// `/messages/api/groups/{group_id}/`.
pub fn user_group() -> Doc {
    let change = object(
        &[],
        json!({
            "handle": { "type": "string", "maxLength": 80 },
            "name": { "type": "string", "maxLength": 100 },
            "description": { "type": "string", "maxLength": 500 }
        }),
    );
    http(
        TAG,
        vec![
            get("One user group with its members (natter's)")
                .ok(200, group_detail())
                .err(404, NO_GROUP),
            put("Change a user group's handle, name or description (natter's)")
                .optional_body(change.clone())
                .ok(200, group_detail())
                .err(400, "A handle that is malformed or taken, or a blank name.")
                .err(403, NOT_MANAGER)
                .err(404, NO_GROUP),
            patch("Change a user group's handle, name or description (natter's)")
                .optional_body(change)
                .ok(200, group_detail())
                .err(400, "A handle that is malformed or taken, or a blank name.")
                .err(403, NOT_MANAGER)
                .err(404, NO_GROUP),
            delete("Remove a user group (natter's); messages that named it keep their text")
                .empty(204)
                .err(403, NOT_MANAGER)
                .err(404, NO_GROUP),
        ],
    )
}

/// `/messages/api/groups/{group_id}/members/`.
pub fn user_group_members() -> Doc {
    http(
        TAG,
        vec![
            post("Add people to a user group (natter's); those in it already stay")
                .body(object(&["user_ids"], json!({ "user_ids": list(id()) })))
                .ok(200, group_detail())
                .err(
                    400,
                    "`user_ids` is missing, empty, over 1,000 or names no one.",
                )
                .err(403, NOT_MANAGER)
                .err(404, NO_GROUP),
        ],
    )
}

/// `/messages/api/groups/{group_id}/members/{user_id}/`.
pub fn user_group_member() -> Doc {
    http(
        TAG,
        vec![delete("Take a person out of a user group (natter's); later mentions of the group no longer reach them")
            .empty(204)
            .err(403, NOT_MANAGER)
            .err(404, "No such user group, or the person is not in it.")],
    )
}

/// `/messages/api/rooms/`.
pub fn rooms_browser() -> Doc {
    let room = object(
        &[
            "id",
            "name",
            "title",
            "topic",
            "purpose",
            "member_count",
            "max_participants",
            "is_member",
            "is_private",
            "is_archived",
            "last_activity_at",
        ],
        json!({
            "id": id(),
            "name": { "type": "string", "description": "The room's name (its title when it has none)." },
            "title": string(),
            "topic": string(),
            "purpose": { "type": "string", "description": "What the room is for: its description." },
            "member_count": integer(),
            "max_participants": nullable(integer()),
            "is_member": { "type": "boolean", "description": "Whether the caller is in it (else they may join it through the rooms surface)." },
            "is_private": boolean(),
            "is_archived": boolean(),
            "last_activity_at": { "type": "string", "format": "date-time", "description": "The last message or change; the list is sorted by it, the latest first." }
        }),
    );
    http(
        TAG,
        vec![get("The rooms browser (natter's): every public room and the private ones the caller is in, the most recently active first")
            .query("search", json!({ "type": "string", "description": "Only rooms whose name, title, topic or purpose contains this (any case)." }))
            .query("page", json!({ "type": "integer", "minimum": 1 }))
            .query("page_size", json!({ "type": "integer", "minimum": 1, "description": "50 by default, 200 at most." }))
            .ok(200, object(
                &["count", "next", "previous", "results"],
                json!({ "count": integer(), "next": nullable(string()), "previous": nullable(string()), "results": list(room) }),
            ))
            .err(404, "A page past the last.")],
    )
}

/// `/messages/api/chats/{chat_id}/archive/`.
pub fn chat_archive() -> Doc {
    let answer = object(
        &["id", "is_archived"],
        json!({ "id": id(), "is_archived": boolean() }),
    );
    http(
        TAG,
        vec![
            post("Archive a group or room (natter's; its admins): it is read, and nobody posts in it; every member gets `chat_updated`")
                .ok(200, answer.clone())
                .err(403, "The caller is not an admin of the chat.")
                .err(404, "No such chat, or one the caller is not in.")
                .err(400, "A direct chat is never archived."),
            delete("Unarchive a group or room (natter's; its admins)")
                .ok(200, answer)
                .err(403, "The caller is not an admin of the chat.")
                .err(404, "No such chat, or one the caller is not in.")
                .err(400, "A direct chat is never archived."),
        ],
    )
}
