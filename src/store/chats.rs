//! The `chats` and `chat_members` tables.

use super::{ChatKind, Conn, MemberRole, StoreResult};
use rusqlite::{params, OptionalExtension, Row};

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

const CHAT_COLUMNS: &str =
    "c.id, c.kind, c.title, c.name, c.description, c.max_participants, c.is_private,
    c.created_by, c.last_message_id, c.message_count, c.created_at, c.updated_at";

fn chat_from_row(r: &Row) -> rusqlite::Result<Chat> {
    Ok(Chat {
        id: r.get(0)?,
        kind: r.get(1)?,
        title: r.get(2)?,
        name: r.get(3)?,
        description: r.get(4)?,
        max_participants: r.get(5)?,
        is_private: r.get(6)?,
        created_by: r.get(7)?,
        last_message_id: r.get(8)?,
        message_count: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

fn member_from_row(r: &Row) -> rusqlite::Result<Member> {
    Ok(Member {
        chat_id: r.get(0)?,
        user_id: r.get(1)?,
        role: r.get(2)?,
        joined_at: r.get(3)?,
        last_read_message_id: r.get(4)?,
    })
}

/// Fields of a new chat.
pub struct NewChat<'a> {
    pub kind: ChatKind,
    pub title: &'a str,
    pub name: Option<&'a str>,
    pub description: &'a str,
    pub max_participants: Option<i64>,
    pub is_private: bool,
    pub created_by: i64,
    /// For direct chats: the two user ids, lower first.
    pub direct_pair: Option<(i64, i64)>,
}

/// Inserts a chat and returns its id.
pub fn insert(c: &Conn, n: &NewChat, now: &str) -> StoreResult<i64> {
    let (low, high) = match n.direct_pair {
        Some((a, b)) => (Some(a.min(b)), Some(a.max(b))),
        None => (None, None),
    };
    c.sqlite()?.prepare_cached(
        "INSERT INTO chats (kind, title, name, description, max_participants, is_private, created_by,
                            direct_low, direct_high, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
    )?
    .execute(params![
        n.kind,
        n.title,
        n.name,
        n.description,
        n.max_participants,
        n.is_private,
        n.created_by,
        low,
        high,
        now
    ])?;
    Ok(c.sqlite()?.last_insert_rowid())
}

/// The chat with this id.
pub fn by_id(c: &Conn, id: i64) -> StoreResult<Option<Chat>> {
    let sql = format!("SELECT {CHAT_COLUMNS} FROM chats c WHERE c.id = ?1");
    Ok(c.sqlite()?
        .prepare_cached(&sql)?
        .query_row([id], chat_from_row)
        .optional()?)
}

/// The chat with this unique name (messenger room names).
pub fn by_name(c: &Conn, name: &str) -> StoreResult<Option<Chat>> {
    let sql = format!("SELECT {CHAT_COLUMNS} FROM chats c WHERE c.name = ?1");
    Ok(c.sqlite()?
        .prepare_cached(&sql)?
        .query_row([name], chat_from_row)
        .optional()?)
}

/// The direct chat of a pair of users.
pub fn direct_between(c: &Conn, a: i64, b: i64) -> StoreResult<Option<Chat>> {
    let sql = format!(
        "SELECT {CHAT_COLUMNS} FROM chats c WHERE c.kind = 'direct' AND c.direct_low = ?1 AND c.direct_high = ?2"
    );
    Ok(c.sqlite()?
        .prepare_cached(&sql)?
        .query_row(params![a.min(b), a.max(b)], chat_from_row)
        .optional()?)
}

/// Chats `user_id` belongs to, optionally of some kinds, most recently active first.
pub fn for_user(c: &Conn, user_id: i64, kinds: &[ChatKind]) -> StoreResult<Vec<Chat>> {
    let sql = format!(
        "SELECT {CHAT_COLUMNS} FROM chat_members m JOIN chats c ON c.id = m.chat_id
         WHERE m.user_id = ?1 ORDER BY c.updated_at DESC, c.id DESC"
    );
    let mut stmt = c.sqlite()?.prepare_cached(&sql)?;
    let rows = stmt.query_map([user_id], chat_from_row)?;
    let mut out = Vec::new();
    for chat in rows {
        let chat = chat?;
        if kinds.is_empty() || kinds.contains(&chat.kind) {
            out.push(chat);
        }
    }
    Ok(out)
}

/// How many chats `user_id` belongs to.
pub fn count_for_user(c: &Conn, user_id: i64) -> StoreResult<i64> {
    Ok(c.sqlite()?
        .prepare_cached("SELECT count(*) FROM chat_members WHERE user_id = ?1")?
        .query_row([user_id], |r| r.get(0))?)
}

/// One window of `user_id`'s chats, most recently active first (as `for_user` orders
/// them), so a chat list page does not load every chat of the user.
pub fn window_for_user(c: &Conn, user_id: i64, limit: i64, offset: i64) -> StoreResult<Vec<Chat>> {
    let sql = format!(
        "SELECT {CHAT_COLUMNS} FROM chat_members m JOIN chats c ON c.id = m.chat_id
         WHERE m.user_id = ?1 ORDER BY c.updated_at DESC, c.id DESC LIMIT ?2 OFFSET ?3"
    );
    let mut stmt = c.sqlite()?.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![user_id, limit, offset], chat_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every chat of a kind, newest first (for public room listings).
pub fn all_of_kind(c: &Conn, kind: ChatKind) -> StoreResult<Vec<Chat>> {
    let sql = format!("SELECT {CHAT_COLUMNS} FROM chats c WHERE c.kind = ?1 ORDER BY c.id DESC");
    let mut stmt = c.sqlite()?.prepare_cached(&sql)?;
    let rows = stmt.query_map([kind], chat_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Changes title/description/size/privacy; `None` leaves a field as it is.
pub fn update(
    c: &Conn,
    id: i64,
    title: Option<&str>,
    description: Option<&str>,
    max_participants: Option<Option<i64>>,
    is_private: Option<bool>,
    now: &str,
) -> StoreResult<()> {
    let set_max = max_participants.is_some();
    let max = max_participants.flatten();
    c.sqlite()?
        .prepare_cached(
            "UPDATE chats SET title = coalesce(?2, title), description = coalesce(?3, description),
            max_participants = CASE WHEN ?4 THEN ?5 ELSE max_participants END,
            is_private = coalesce(?6, is_private), updated_at = ?7 WHERE id = ?1",
        )?
        .execute(params![
            id,
            title,
            description,
            set_max,
            max,
            is_private,
            now
        ])?;
    Ok(())
}

/// Sets the unique name of a chat.
pub fn set_name(c: &Conn, id: i64, name: &str) -> StoreResult<()> {
    c.sqlite()?
        .prepare_cached("UPDATE chats SET name = ?2 WHERE id = ?1")?
        .execute(params![id, name])?;
    Ok(())
}

/// Deletes a chat with everything in it.
pub fn delete(c: &Conn, id: i64) -> StoreResult<()> {
    c.sqlite()?
        .prepare_cached("DELETE FROM chats WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Records a new message in the chat's counters and activity time.
pub fn note_message(c: &Conn, chat_id: i64, message_id: i64, now: &str) -> StoreResult<()> {
    c.sqlite()?.prepare_cached(
        "UPDATE chats SET last_message_id = ?2, message_count = message_count + 1, updated_at = ?3 WHERE id = ?1",
    )?
    .execute(params![chat_id, message_id, now])?;
    Ok(())
}

/// Records `count` bulk-inserted messages ending at `last_id` (benchmark seeding).
pub fn note_messages(c: &Conn, chat_id: i64, last_id: i64, count: i64) -> StoreResult<()> {
    c.sqlite()?.prepare_cached(
        "UPDATE chats SET last_message_id = ?2, message_count = message_count + ?3 WHERE id = ?1",
    )?
    .execute(params![chat_id, last_id, count])?;
    Ok(())
}

/// Records a deleted message in the chat's counters.
pub fn note_message_deleted(c: &Conn, chat_id: i64) -> StoreResult<()> {
    c.sqlite()?
        .prepare_cached("UPDATE chats SET message_count = max(message_count - 1, 0) WHERE id = ?1")?
        .execute([chat_id])?;
    Ok(())
}

/// Adds a member (no-op if present); returns whether it was added.
pub fn add_member(
    c: &Conn,
    chat_id: i64,
    user_id: i64,
    role: MemberRole,
    now: &str,
) -> StoreResult<bool> {
    let n = c.sqlite()?
        .prepare_cached(
            "INSERT OR IGNORE INTO chat_members (chat_id, user_id, role, joined_at, last_read_message_id)
             SELECT ?1, ?2, ?3, ?4, last_message_id FROM chats WHERE id = ?1",
        )?
        .execute(params![chat_id, user_id, role, now])?;
    Ok(n > 0)
}

/// Removes a member; returns whether they were one.
pub fn remove_member(c: &Conn, chat_id: i64, user_id: i64) -> StoreResult<bool> {
    Ok(c.sqlite()?
        .prepare_cached("DELETE FROM chat_members WHERE chat_id = ?1 AND user_id = ?2")?
        .execute(params![chat_id, user_id])?
        > 0)
}

/// Changes a member's role.
pub fn set_role(c: &Conn, chat_id: i64, user_id: i64, role: MemberRole) -> StoreResult<()> {
    c.sqlite()?
        .prepare_cached("UPDATE chat_members SET role = ?3 WHERE chat_id = ?1 AND user_id = ?2")?
        .execute(params![chat_id, user_id, role])?;
    Ok(())
}

/// The membership of `user_id` in `chat_id`.
pub fn member(c: &Conn, chat_id: i64, user_id: i64) -> StoreResult<Option<Member>> {
    Ok(c.sqlite()?
        .prepare_cached(
            "SELECT chat_id, user_id, role, joined_at, last_read_message_id FROM chat_members
             WHERE chat_id = ?1 AND user_id = ?2",
        )?
        .query_row(params![chat_id, user_id], member_from_row)
        .optional()?)
}

/// All members of a chat, in join order.
pub fn members(c: &Conn, chat_id: i64) -> StoreResult<Vec<Member>> {
    let mut stmt = c.sqlite()?.prepare_cached(
        "SELECT chat_id, user_id, role, joined_at, last_read_message_id FROM chat_members
         WHERE chat_id = ?1 ORDER BY joined_at, user_id",
    )?;
    let rows = stmt.query_map([chat_id], member_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What a page of history needs of its chat.
#[derive(Debug, Default)]
pub struct CountAndReadMarkers {
    /// Live messages in the chat.
    pub message_count: i64,
    /// `(user_id, last_read_message_id)` of each member, in join order (as [`members`]).
    pub read_markers: Vec<(i64, i64)>,
}

/// A chat's live message count and its members' read markers; None if there is no such
/// chat. One statement: the chat row and the member list read apart cost about a twelfth
/// of a page of history.
pub fn count_and_read_markers(c: &Conn, chat_id: i64) -> StoreResult<Option<CountAndReadMarkers>> {
    let mut stmt = c.sqlite()?.prepare_cached(
        "SELECT c.message_count, m.user_id, m.last_read_message_id
         FROM chats c LEFT JOIN chat_members m ON m.chat_id = c.id
         WHERE c.id = ?1 ORDER BY m.joined_at, m.user_id",
    )?;
    let mut rows = stmt.query([chat_id])?;
    let mut found: Option<CountAndReadMarkers> = None;
    while let Some(r) = rows.next()? {
        let chat = found.get_or_insert_with(Default::default);
        chat.message_count = r.get(0)?;
        if let Some(user_id) = r.get::<_, Option<i64>>(1)? {
            chat.read_markers.push((user_id, r.get(2)?));
        }
    }
    Ok(found)
}

/// Member user ids of a chat.
pub fn member_ids(c: &Conn, chat_id: i64) -> StoreResult<Vec<i64>> {
    let mut stmt = c
        .sqlite()?
        .prepare_cached("SELECT user_id FROM chat_members WHERE chat_id = ?1 ORDER BY user_id")?;
    let rows = stmt.query_map([chat_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many members a chat has.
pub fn member_count(c: &Conn, chat_id: i64) -> StoreResult<i64> {
    Ok(c.sqlite()?
        .prepare_cached("SELECT count(*) FROM chat_members WHERE chat_id = ?1")?
        .query_row([chat_id], |r| r.get(0))?)
}

/// Moves a member's read marker forward to `message_id` (never backward); returns the
/// old marker, or `None` when `user_id` is not a member.
pub fn advance_read(
    c: &Conn,
    chat_id: i64,
    user_id: i64,
    message_id: i64,
) -> StoreResult<Option<i64>> {
    let old: Option<i64> = c
        .sqlite()?
        .prepare_cached(
            "SELECT last_read_message_id FROM chat_members WHERE chat_id = ?1 AND user_id = ?2",
        )?
        .query_row(params![chat_id, user_id], |r| r.get(0))
        .optional()?;
    let Some(old) = old else {
        return Ok(None);
    };
    if message_id > old {
        c.sqlite()?.prepare_cached(
            "UPDATE chat_members SET last_read_message_id = ?3 WHERE chat_id = ?1 AND user_id = ?2",
        )?
        .execute(params![chat_id, user_id, message_id])?;
    }
    Ok(Some(old))
}
