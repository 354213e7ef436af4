//! The administrators' list of groups and rooms: every one, whoever is in it, so a chat
//! can be archived or removed by someone who is not a member. Direct chats are never
//! listed: an administrator moderates messages, not who talks to whom.

use crate::store::messaging::chats::{chat_from_row, Chat, CHAT_COLUMNS, CHAT_COLUMN_COUNT};
use crate::store::people::users::{like_any_case, like_pattern};
use crate::store::{Conn, StoreResult};

/// A page of the groups and rooms whose title contains `search` (any case; empty: all),
/// newest first: how many match in all, and each with its member count.
pub fn page(
    c: &Conn,
    search: &str,
    size: i64,
    offset: i64,
) -> StoreResult<(i64, Vec<(Chat, i64)>)> {
    let like = like_any_case(c);
    let matching =
        format!("c.kind <> 'direct' AND c.removed_at IS NULL AND c.title {like} ?1 ESCAPE '\\'");
    let pattern = like_pattern(search);
    let count = c.one(
        &format!("SELECT count(*) FROM chats c WHERE {matching}"),
        &[&pattern],
        |r| r.get(0),
    )?;
    let rows = c.all(
        &format!(
            "SELECT {CHAT_COLUMNS},
                    (SELECT count(*) FROM chat_members cm WHERE cm.chat_id = c.id)
             FROM chats c WHERE {matching} ORDER BY c.id DESC LIMIT ?2 OFFSET ?3"
        ),
        &[&pattern, &size, &offset],
        |r| Ok((chat_from_row(r)?, r.get(CHAT_COLUMN_COUNT)?)),
    )?;
    Ok((count, rows))
}
