//! The rooms browser's list: the public rooms and the private ones the caller is in, the
//! most recently active first, each with its member count and whether the caller is in it.

use crate::store::messaging::chats::{chat_from_row, Chat, CHAT_COLUMNS, CHAT_COLUMN_COUNT};
use crate::store::people::users::{like_any_case, like_pattern};
use crate::store::{Conn, StoreResult};

/// One room as the browser lists it.
#[derive(Debug, Clone)]
pub struct BrowsedRoom {
    pub chat: Chat,
    pub member_count: i64,
    pub is_member: bool,
}

/// A page of the rooms `me` may see whose name, title, topic or description contains
/// `search` (any case; empty: all), by latest activity (a message, a change to the room):
/// how many match in all, and the page.
pub fn page(
    c: &Conn,
    me: i64,
    search: &str,
    size: i64,
    offset: i64,
) -> StoreResult<(i64, Vec<BrowsedRoom>)> {
    let like = like_any_case(c);
    let matching = format!(
        "c.kind = 'room' AND c.removed_at IS NULL
         AND (c.is_private = 0
              OR EXISTS (SELECT 1 FROM chat_members o WHERE o.chat_id = c.id AND o.user_id = ?1))
         AND (coalesce(c.name, '') {like} ?2 ESCAPE '\\' OR c.title {like} ?2 ESCAPE '\\'
              OR c.topic {like} ?2 ESCAPE '\\' OR c.description {like} ?2 ESCAPE '\\')"
    );
    let pattern = like_pattern(search);
    let count = c.one(
        &format!("SELECT count(*) FROM chats c WHERE {matching}"),
        &[&me, &pattern],
        |r| r.get(0),
    )?;
    let rows = c.all(
        &format!(
            "SELECT {CHAT_COLUMNS},
                    (SELECT count(*) FROM chat_members cm WHERE cm.chat_id = c.id),
                    EXISTS (SELECT 1 FROM chat_members cm WHERE cm.chat_id = c.id AND cm.user_id = ?1)
             FROM chats c WHERE {matching}
             ORDER BY c.updated_at DESC, c.id DESC LIMIT ?3 OFFSET ?4"
        ),
        &[&me, &pattern, &size, &offset],
        |r| {
            Ok(BrowsedRoom {
                chat: chat_from_row(r)?,
                member_count: r.get(CHAT_COLUMN_COUNT)?,
                is_member: r.get(CHAT_COLUMN_COUNT + 1)?,
            })
        },
    )?;
    Ok((count, rows))
}
