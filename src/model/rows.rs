//! The stored rows that events carry: a chat, a membership, an uploaded file's metadata,
//! and the closed sets stored as text (a chat's kind, a member's role). How they are read
//! from and written to the database is `store/`'s.

use serde::{Deserialize, Serialize};

/// One chat row.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Chat {
    pub id: i64,
    pub kind: ChatKind,
    pub title: String,
    pub name: Option<String>,
    pub description: String,
    pub max_participants: Option<i64>,
    pub is_private: bool,
    pub created_by: Option<i64>,
    pub last_message_id: i64,
    pub message_count: i64,
    pub created_at: String,
    pub updated_at: String,
    /// When an administrator archived it (read-only for everyone), if they did.
    #[serde(default)]
    pub archived_at: Option<String>,
    /// What the chat is about now, shown under its name (natter's; empty for none).
    #[serde(default)]
    pub topic: String,
    /// Its picture: an upload's download path, empty for none (set from Matrix apps).
    #[serde(default)]
    pub image: String,
    /// Its `m.room.encryption` content as a Matrix app set it, empty when its messages
    /// are not encrypted.
    #[serde(default)]
    pub encryption: String,
}

impl Chat {
    /// What people call the chat: a room's name, else a group's title (empty for a
    /// direct chat).
    pub fn shown_name(&self) -> &str {
        self.name
            .as_deref()
            .filter(|n| !n.is_empty())
            .unwrap_or(&self.title)
    }
}

/// One membership row.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Member {
    pub chat_id: i64,
    pub user_id: i64,
    pub role: MemberRole,
    pub joined_at: String,
    pub last_read_message_id: i64,
}

/// Metadata of an uploaded file.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FileMeta {
    pub id: i64,
    pub owner_id: Option<i64>,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: String,
    /// An image's size and thumbnails, once it has been looked at
    /// (`domain::uploads::thumbnails`); None for other files and images not yet looked at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<ImageInfo>,
}

/// An image file as it is shown: its size upright, and the smaller copies served in its
/// place. A picture that could not be read within the bounds has 0 x 0 and none.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImageInfo {
    pub width: i64,
    pub height: i64,
    pub thumbnails: Vec<Thumbnail>,
}

/// One smaller copy of an image: the longest side it was made for, and its own size.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Thumbnail {
    pub side: i64,
    pub width: i64,
    pub height: i64,
}

/// What a chat is: a two-person direct chat (inbox, dm), a group (chats) or a room
/// (rooms, messenger).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChatKind {
    Direct,
    Group,
    Room,
}

impl ChatKind {
    /// The stored (and logged) name.
    pub fn as_str(self) -> &'static str {
        match self {
            ChatKind::Direct => "direct",
            ChatKind::Group => "group",
            ChatKind::Room => "room",
        }
    }

    /// The kind a stored name stands for; `None` for any other text.
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "direct" => ChatKind::Direct,
            "group" => ChatKind::Group,
            "room" => ChatKind::Room,
            _ => return None,
        })
    }
}

/// What a member may do in a chat: admins change it and its members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MemberRole {
    Admin,
    Member,
}

impl MemberRole {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            MemberRole::Admin => "admin",
            MemberRole::Member => "member",
        }
    }

    /// The role a stored name stands for; `None` for any other text.
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "admin" => MemberRole::Admin,
            "member" => MemberRole::Member,
            _ => return None,
        })
    }
}
