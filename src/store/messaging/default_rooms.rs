//! The `default_rooms` table: the rooms every newcomer starts in, and the one-time claim
//! (in `settings`) of the first arrival who makes `general`.

use crate::store::{Conn, StoreResult};

/// The default rooms that still exist (not removed), oldest first.
pub fn ids(c: &Conn) -> StoreResult<Vec<i64>> {
    c.all(
        "SELECT d.chat_id FROM default_rooms d JOIN chats ch ON ch.id = d.chat_id
         WHERE ch.removed_at IS NULL ORDER BY d.chat_id",
        &[],
        |r| r.get(0),
    )
}

/// Whether the room is a default one.
pub fn is_default(c: &Conn, chat_id: i64) -> StoreResult<bool> {
    Ok(c.opt(
        "SELECT 1 FROM default_rooms WHERE chat_id = ?1",
        &[&chat_id],
        |r| r.get::<i64>(0),
    )?
    .is_some())
}

/// Marks a room as a default one; whether it was not one yet.
pub fn mark(c: &Conn, chat_id: i64, by: Option<i64>, now: &str) -> StoreResult<bool> {
    Ok(c.exec(
        "INSERT INTO default_rooms (chat_id, marked_by, marked_at) VALUES (?1, ?2, ?3)
         ON CONFLICT DO NOTHING",
        &[&chat_id, &by, &now],
    )? > 0)
}

/// Unmarks a room; whether it was a default one.
pub fn unmark(c: &Conn, chat_id: i64) -> StoreResult<bool> {
    Ok(c.exec("DELETE FROM default_rooms WHERE chat_id = ?1", &[&chat_id])? > 0)
}

/// Whether any room exists (removed ones too: a team that had rooms is past its first
/// day).
pub fn any_room(c: &Conn) -> StoreResult<bool> {
    Ok(c.opt(
        "SELECT 1 FROM chats WHERE kind = 'room' LIMIT 1",
        &[],
        |r| r.get::<i64>(0),
    )?
    .is_some())
}

/// Claims the server's first day: true for exactly one caller, ever (a `settings` row
/// that only the first insert writes).
pub fn claim_first_day(c: &Conn, now: &str) -> StoreResult<bool> {
    Ok(c.exec(
        "INSERT INTO settings (key, value) VALUES ('first_day', ?1) ON CONFLICT DO NOTHING",
        &[&now],
    )? > 0)
}
