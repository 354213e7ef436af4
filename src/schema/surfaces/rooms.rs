//! The descriptions of the rooms surface's routes (see `schema::doc` for the builders).
use crate::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "rooms";

/// This surface's named schemas, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![
        (
            "RoomsUser",
            object(
                &["id", "email", "username", "display_name"],
                json!({
                    "id": id(),
                    "email": { "type": "string", "description": "Empty when `--show-emails admins` hides it from the caller." },
                    "username": string(),
                    "display_name": { "type": "string", "description": "The display name, or the username when none is set." },
                }),
            ),
        ),
        (
            "RoomsRoom",
            object(
                &[
                    "id",
                    "name",
                    "description",
                    "owner",
                    "participant_count",
                    "max_participants",
                    "is_private",
                    "created_at",
                    "updated_at",
                ],
                json!({
                    "id": id(),
                    "name": string(),
                    "description": string(),
                    "owner": nullable(r("RoomsUser")),
                    "participant_count": integer(),
                    "max_participants": nullable(json!({ "type": "integer", "minimum": 1 })),
                    "is_private": boolean(),
                    "created_at": datetime(),
                    "updated_at": datetime(),
                }),
            ),
        ),
        (
            "RoomsFile",
            object(
                &["id", "name", "size", "content_type", "created_at"],
                json!({
                    "id": id(),
                    "name": string(),
                    "size": { "type": "integer", "minimum": 0 },
                    "content_type": string(),
                    "created_at": datetime(),
                }),
            ),
        ),
        (
            "RoomsMessage",
            object(
                &[
                    "id",
                    "room",
                    "author",
                    "content",
                    "attachments",
                    "created_at",
                ],
                json!({
                    "id": id(),
                    "room": id(),
                    "author": nullable(r("RoomsUser")),
                    "content": string(),
                    "attachments": list(object(&["id", "file"], json!({
                        "id": id(),
                        "file": r("RoomsFile"),
                    }))),
                    "created_at": datetime(),
                }),
            ),
        ),
        (
            "RoomsParticipant",
            object(
                &["id", "user", "joined_at"],
                json!({
                    "id": { "type": "integer", "format": "int64", "description": "The participant's user id." },
                    "user": r("RoomsUser"),
                    "joined_at": datetime(),
                }),
            ),
        ),
        (
            "RoomsCallState",
            object(
                &["participants", "room_state"],
                json!({
                    "participants": list(object(&["user_id", "username", "state", "microphone_on", "camera_on", "sfu"], json!({
                        "user_id": id(),
                        "username": string(),
                        "state": { "type": "string", "enum": ["active"] },
                        "microphone_on": { "type": "boolean", "description": "As they last said with `media_state` (natter's); true until they say otherwise." },
                        "camera_on": { "type": "boolean", "description": "As they last said with `media_state` (natter's); true until they say otherwise." },
                        "sfu": { "type": "boolean", "description": "natter's: their media goes through the server's SFU (they joined with `{\"sfu\": true}`); false for those on the mesh, whom everyone in the call connects to directly." },
                    }))),
                    "room_state": { "type": "string", "enum": ["idle", "active"] },
                }),
            ),
        ),
        (
            "RoomsRoomInput",
            object(
                &[],
                json!({
                    "name": { "type": "string", "minLength": 1, "maxLength": 255, "description": "Trimmed; may not be blank.", "examples": ["General"] },
                    "description": { "type": "string", "maxLength": 2000 },
                    "max_participants": nullable(json!({ "type": "integer", "minimum": 1 })),
                    "is_private": boolean(),
                }),
            ),
        ),
    ]
}

/// `page` and `page_size` of a rooms list.
fn paged(op: Op) -> Op {
    op.query("page", page_number()).query(
        "page_size",
        json!({ "type": "integer", "minimum": 1, "description": "Results per page (20 by default, at most 100)." }),
    )
}

/// `Rooms`.
pub fn rooms() -> Doc {
    http(
        TAG,
        vec![
            paged(get("List the caller's rooms (with `all`, also the public rooms they may join)."))
                .query(
                    "all",
                    json!({ "type": "string", "description": "`1`, `true` or `yes`: public rooms the caller is not in are listed too." }),
                )
                .ok(200, page(r("RoomsRoom")))
                .err(404, "No such page (`Invalid page.`)."),
            post("Create a room, owned by the caller, its first participant.")
                .body(json!({
                    "allOf": [r("RoomsRoomInput"), { "type": "object", "required": ["name"] }]
                }))
                .ok(201, r("RoomsRoom")),
        ],
    )
}

/// `Room`.
pub fn room() -> Doc {
    let input = || r("RoomsRoomInput");
    http(
        TAG,
        vec![
            get("A room the caller may see (a participant, or any public room).")
                .ok(200, r("RoomsRoom")),
            put("Change a room (its owner only); fields left out stay.")
                .optional_body(input())
                .ok(200, r("RoomsRoom")),
            patch("Change some of a room's fields (its owner only).")
                .optional_body(input())
                .ok(200, r("RoomsRoom")),
            delete("Delete a room and its messages (its owner only).").empty(204),
        ],
    )
}

/// `Join`.
pub fn join() -> Doc {
    http(
        TAG,
        vec![
            post("Join a public room (400 `room_full` at its `max_participants`, or when already in it).")
                .ok(200, r("RoomsRoom")),
        ],
    )
}

/// `Leave`.
pub fn leave() -> Doc {
    http(TAG, vec![post("Leave a room the caller is in.").empty(204)])
}

/// `Participants`.
pub fn participants() -> Doc {
    http(
        TAG,
        vec![get("The room's participants, in the order they joined.")
            .ok(200, list(r("RoomsParticipant")))],
    )
}

/// `CallState`.
pub fn call_state() -> Doc {
    http(
        TAG,
        vec![get("Who is in the room's call now (participants only).").ok(200, r("RoomsCallState"))],
    )
}

/// `RoomMessages`.
pub fn room_messages() -> Doc {
    http(
        TAG,
        vec![
            paged(get("The room's messages, newest first (participants only)."))
                .query(
                    "search",
                    json!({ "type": "string", "maxLength": 1000, "description": "Only messages matching these words." }),
                )
                .ok(200, page(r("RoomsMessage"))),
            post("Send a message to the room: `content`, attached files, or both.")
                .body(object(
                    &[],
                    json!({
                        "content": { "type": "string", "description": "Required unless files are attached.", "examples": ["Hello, world!"] },
                        "attachment_ids": { "type": "array", "items": id(), "description": "Ids of files the caller uploaded." },
                        "attachments": { "type": "array", "items": id(), "description": "The seed's name for `attachment_ids` (read when that is absent)." },
                    }),
                ))
                .ok(201, r("RoomsMessage")),
        ],
    )
}

/// `Upload`.
pub fn upload() -> Doc {
    http(
        TAG,
        vec![
            post("Upload a file (to attach to messages); counts against the upload limit too.")
                .multipart(object(
                    &["file"],
                    json!({ "file": { "type": "string", "format": "binary" } }),
                ))
                .ok(201, r("RoomsFile"))
                .err(
                    507,
                    "No room: the caller's files would pass `--storage-quota-mb`, or the \
                     server's disk would keep less than `--min-free-disk-mb` free.",
                )
                .never(415),
        ],
    )
}

/// `File`.
pub fn file() -> Doc {
    http(
        TAG,
        vec![get(
            "A file's metadata (its uploader, or a participant of a room it is attached in).",
        )
        .ok(200, r("RoomsFile"))],
    )
}

/// `Download`.
pub fn download() -> Doc {
    http(
        TAG,
        vec![
            get("A file's content, with its type and a `Content-Disposition` naming it.").answers(
                200,
                "The file's bytes.",
                Content::Bytes,
            ),
        ],
    )
}

/// `Thumbnail` (natter's).
pub fn thumbnail() -> Doc {
    http(
        TAG,
        vec![get(
            "natter's: a smaller copy of an image file, for those who may read the file: \
             re-encoded (JPEG, or PNG when it has transparency) without the original's \
             metadata, turned upright. `side` is one of the sides a chats attachment lists \
             in its `thumbnails`; 404 for another, or for a file that has none.",
        )
        .answers(200, "The thumbnail's bytes.", Content::Bytes)],
    )
}

/// The `{"type", "data"}` frame of `kind` carrying `data`.
fn frame(kind: &str, data: Value) -> Value {
    object(
        &["type", "data"],
        json!({ "type": { "const": kind }, "data": data }),
    )
}

/// A `{"type"}` frame whose `data` may be left out (it carries nothing).
fn bare_frame(kind: &str) -> Value {
    object(
        &["type"],
        json!({ "type": { "const": kind }, "data": { "type": "object" } }),
    )
}

/// A WebRTC signal as a client sends it: `target_user_id` and whatever else it carries.
fn signal_out(what: Value) -> Value {
    let mut properties = json!({ "target_user_id": id() });
    if let (Some(props), Value::Object(more)) = (properties.as_object_mut(), what) {
        props.extend(more);
    }
    object(&["target_user_id"], properties)
}

/// A relayed WebRTC signal: the sender's data with `from_user_id` added.
fn signal_in() -> Value {
    object(&["from_user_id"], json!({ "from_user_id": id() }))
}

/// `RoomSocket`.
pub fn room_socket() -> Doc {
    Doc::Socket(SocketDoc {
        tag: TAG,
        summary: "A room's live messages, call presence and WebRTC signalling (participants only; `/ws/call/{room_id}/` is the same socket). Frames are `{\"type\", \"data\"}`.",
        sends: vec![
            (
                "send_chat_message",
                "Send a message to the room (as `POST /api/rooms/{room_id}/messages/`).",
                frame(
                    "chat_message",
                    object(
                        &[],
                        json!({
                            "content": string(),
                            "attachment_ids": list(id()),
                            "attachments": list(id()),
                        }),
                    ),
                ),
            ),
            (
                "join_call",
                "Join the room's call.",
                bare_frame("join_call"),
            ),
            (
                "leave_call",
                "Leave the room's call.",
                bare_frame("leave_call"),
            ),
            (
                "decline_call",
                "Decline the call one was rung for (natter's).",
                bare_frame("decline_call"),
            ),
            (
                "media_state",
                "Say that one's own microphone or camera is on or off, once in the call (natter's): every `call_state` then shows it. A `user_id` other than one's own is refused (`permission_denied`).",
                frame(
                    "media_state",
                    object(
                        &[],
                        json!({ "microphone_on": boolean(), "camera_on": boolean(), "user_id": id() }),
                    ),
                ),
            ),
            (
                "send_offer",
                "A WebRTC offer for one user.",
                frame("offer", signal_out(json!({ "sdp": string() }))),
            ),
            (
                "send_answer",
                "A WebRTC answer for one user.",
                frame("answer", signal_out(json!({ "sdp": string() }))),
            ),
            (
                "send_ice_candidate",
                "An ICE candidate for one user.",
                frame(
                    "ice_candidate",
                    signal_out(json!({ "candidate": { "type": "object" } })),
                ),
            ),
        ],
        receives: vec![
            (
                "chat_message",
                "A new message in the room (the sender's own included).",
                frame("chat_message", r("RoomsMessage")),
            ),
            (
                "message_edited",
                "A message of the room was edited.",
                frame("message_edited", r("RoomsMessage")),
            ),
            (
                "message_deleted",
                "A message of the room was deleted.",
                frame(
                    "message_deleted",
                    object(&["id", "room"], json!({ "id": id(), "room": id() })),
                ),
            ),
            (
                "call_state",
                "Who is in the call now, after someone joined or left it or turned their microphone or camera on or off.",
                frame("call_state", r("RoomsCallState")),
            ),
            (
                "user_joined",
                "Someone else joined the call.",
                frame(
                    "user_joined",
                    object(
                        &["user"],
                        json!({ "user": object(&["id", "username"], json!({ "id": id(), "username": string() })) }),
                    ),
                ),
            ),
            (
                "user_left",
                "Someone left the call.",
                frame(
                    "user_left",
                    object(&["user_id"], json!({ "user_id": id() })),
                ),
            ),
            (
                "call_declined",
                "Someone who was rung declined the call (natter's).",
                frame(
                    "call_declined",
                    object(&["user_id", "username"], json!({ "user_id": id(), "username": string() })),
                ),
            ),
            (
                "offer",
                "A WebRTC offer relayed to this user.",
                frame("offer", signal_in()),
            ),
            (
                "answer",
                "A WebRTC answer relayed to this user.",
                frame("answer", signal_in()),
            ),
            (
                "ice_candidate",
                "An ICE candidate relayed to this user.",
                frame("ice_candidate", signal_in()),
            ),
            (
                "error",
                "A frame that could not be acted on; the socket stays open.",
                frame(
                    "error",
                    object(
                        &["code", "message"],
                        json!({ "code": string(), "message": string() }),
                    ),
                ),
            ),
        ],
    })
}

/// `Message`.
pub fn message() -> Doc {
    let either = || {
        json!({
            "description": "A room message in seed 003's shape, or a direct message in seed 000's.",
            "anyOf": [r("RoomsMessage"), r("InboxMessage")]
        })
    };
    let edit = || {
        object(
            &[],
            json!({
                "content": { "type": "string", "description": "The new text; required by PUT (a PATCH without it changes nothing).", "examples": ["Edited"] },
                "receiver": { "type": "integer", "description": "Ignored: a message's receiver is fixed once sent." },
            }),
        )
    };
    let not_editable = "A room message cannot be edited here (only a direct message).";
    // A room message counts against the rooms surface's rate limit, as its other routes.
    let throttled = "Too many requests (a room message counts against the rooms surface's limit); `Retry-After` says when to try again.";
    http(
        TAG,
        vec![
            get("A message the caller may see: a room message in the rooms shape, a direct message in the inbox shape (its errors in the same shapes).")
                .ok(200, either())
                .err(429, throttled),
            put("Edit a direct message the caller sent (seed 000's viewset route).")
                .optional_body(edit())
                .ok(200, r("InboxMessage"))
                .err(405, not_editable)
                .err(429, throttled),
            patch("Edit a direct message the caller sent, partly.")
                .optional_body(edit())
                .ok(200, r("InboxMessage"))
                .err(405, not_editable)
                .err(429, throttled),
            delete("Delete a message the caller sent (a room's or a direct one).")
                .empty(204)
                .err(429, throttled),
        ],
    )
}
