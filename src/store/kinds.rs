//! The closed sets stored as text: a chat's kind and a member's role. Typed here so a
//! misspelt `"dirrect"` cannot compile, and read back strictly: a value the schema's
//! CHECK would refuse is an error, not a silent fallback.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

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

    pub(super) fn parse(text: &str) -> Option<Self> {
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

    pub(super) fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "admin" => MemberRole::Admin,
            "member" => MemberRole::Member,
            _ => return None,
        })
    }
}

/// Reads stored text as one of a closed set, refusing anything else.
fn column<T>(value: ValueRef<'_>, parse: fn(&str) -> Option<T>) -> FromSqlResult<T> {
    let text = value.as_str()?;
    parse(text).ok_or_else(|| FromSqlError::Other(format!("unknown value {text:?}").into()))
}

impl FromSql for ChatKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        column(value, ChatKind::parse)
    }
}

impl ToSql for ChatKind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for MemberRole {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        column(value, MemberRole::parse)
    }
}

impl ToSql for MemberRole {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}
