//! The rooms surface's message, author and file shapes, once: its REST answers take them
//! as values (`message_json`, `file_json`), and its socket's message frame is written
//! straight from them.
//!
//! Why written straight: every message sent is rendered once for the rooms sockets, on
//! the delivery path, and with a `serde_json::Value` tree built first (an ordered map per
//! object, each key and string copied) socket sends ran at 30,260 msg/s against 34,485
//! without (`bench/scripts/compare.sh --rounds 5 <build> send --transport socket`).

use crate::model::{FileMeta, MessageParts, UserBrief};
use serde::Serialize;

/// `{"type": ..., "data": <message>}`.
#[derive(Serialize)]
struct Frame<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    data: Message<'a>,
}

/// A message, keys in the order the rooms surface has always sent them.
#[derive(Serialize)]
pub struct Message<'a> {
    id: i64,
    room: i64,
    author: Option<Author<'a>>,
    content: &'a str,
    attachments: Vec<Attachment<'a>>,
    created_at: &'a str,
}

#[derive(Serialize)]
struct Author<'a> {
    id: i64,
    email: &'a str,
    username: &'a str,
    display_name: &'a str,
}

#[derive(Serialize)]
struct Attachment<'a> {
    id: i64,
    file: File<'a>,
}

/// A file's metadata.
#[derive(Serialize)]
pub struct File<'a> {
    id: i64,
    name: &'a str,
    size: i64,
    content_type: &'a str,
    created_at: &'a str,
}

fn author(u: &UserBrief) -> Author<'_> {
    Author {
        id: u.id,
        email: crate::surfaces::emails::in_messages(&u.email),
        username: &u.username,
        display_name: &u.display_name,
    }
}

/// `f` as the rooms surface shows a file.
pub fn file(f: &FileMeta) -> File<'_> {
    File {
        id: f.id,
        name: &f.filename,
        size: f.size,
        content_type: &f.content_type,
        created_at: &f.created_at,
    }
}

/// `m` as the rooms surface shows a message.
pub fn message<'a>(m: &MessageParts<'a>) -> Message<'a> {
    Message {
        id: m.id,
        room: m.chat_id,
        author: m.sender.map(author),
        content: m.content,
        attachments: m
            .attachments
            .iter()
            .map(|f| Attachment {
                id: f.id,
                file: file(f),
            })
            .collect(),
        created_at: m.created_at,
    }
}

/// The frame of type `kind` (`chat_message`, `message_edited`) carrying `m`.
pub fn message_frame(kind: &str, m: &MessageParts<'_>) -> String {
    let frame = Frame {
        kind,
        data: message(m),
    };
    // Strings, numbers and options only: serializing cannot fail.
    serde_json::to_string(&frame).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_frame_and_the_rest_answer_keep_the_surfaces_shape_to_the_byte() {
        let sender = UserBrief {
            id: 5,
            username: "ana".into(),
            email: "ana@example.org".into(),
            display_name: "Ana \"A\" Ñ".into(),
            image: String::new(),
            is_active: true,
        };
        let file = FileMeta {
            id: 7,
            owner_id: Some(sender.id),
            filename: "a \"b\".txt".into(),
            content_type: "text/plain".into(),
            size: 12,
            sha256: "x".into(),
            created_at: "2026-11-25T10:00:00.000000Z".into(),
            image: None,
        };
        let files = [file];
        let unthreaded = crate::model::Threading::default();
        for (author, attachments) in [(Some(&sender), &files[..]), (None, &[][..])] {
            let m = MessageParts {
                id: 42,
                chat_id: 3,
                sender: author,
                receiver: None,
                content: "héllo \u{1F600} \"quoted\"\n<b>",
                created_at: "2026-11-25T10:00:01.000001Z",
                edited_at: None,
                reactions: &[],
                read_by: &[],
                attachments,
                threading: unthreaded.as_ref(),
                removed: false,
                previews: None,
                sealed: false,
            };
            // The shape the rooms surface has always sent, written out by hand.
            let shape = json!({
                "id": m.id,
                "room": m.chat_id,
                "author": m.sender.map(|u| json!({"id": u.id, "email": u.email, "username": u.username, "display_name": u.display_name})),
                "content": m.content,
                "attachments": m.attachments.iter().map(|f| json!({"id": f.id, "file": {"id": f.id, "name": f.filename, "size": f.size, "content_type": f.content_type, "created_at": f.created_at}})).collect::<Vec<_>>(),
                "created_at": m.created_at,
            });
            let frame = json!({"type": "chat_message", "data": shape});
            assert_eq!(message_frame("chat_message", &m), frame.to_string());
            assert_eq!(super::super::message_json(&m), shape);
        }
    }
}
