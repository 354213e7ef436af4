//! The rooms socket's message frames written straight from the view, with the same keys
//! in the same order as `message_json` builds them (a unit test holds them equal).
//!
//! Why: every message sent is rendered once for the rooms sockets, and building the
//! `serde_json::Value` tree first (an ordered map per object, each key and string copied)
//! cost more than the text it becomes.

use crate::model::{FileMeta, MessageParts, UserBrief};
use serde::Serialize;

/// `{"type": ..., "data": <message>}`.
#[derive(Serialize)]
struct Frame<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    data: Message<'a>,
}

#[derive(Serialize)]
struct Message<'a> {
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

#[derive(Serialize)]
struct File<'a> {
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

fn attachment(f: &FileMeta) -> Attachment<'_> {
    Attachment {
        id: f.id,
        file: File {
            id: f.id,
            name: &f.filename,
            size: f.size,
            content_type: &f.content_type,
            created_at: &f.created_at,
        },
    }
}

/// The frame of type `kind` (`chat_message`, `message_edited`) carrying `m`.
pub fn message_frame(kind: &str, m: &MessageParts<'_>) -> String {
    let frame = Frame {
        kind,
        data: Message {
            id: m.id,
            room: m.chat_id,
            author: m.sender.map(author),
            content: m.content,
            attachments: m.attachments.iter().map(attachment).collect(),
            created_at: m.created_at,
        },
    };
    // Strings, numbers and options only: serializing cannot fail.
    serde_json::to_string(&frame).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_written_frame_is_the_built_one_to_the_byte() {
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
        };
        let files = [file];
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
            };
            let built = json!({"type": "chat_message", "data": super::super::message_json(&m)});
            assert_eq!(message_frame("chat_message", &m), built.to_string());
        }
    }
}
