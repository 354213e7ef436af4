//! Pinned messages: `pins` (one row per pinned message, with who pinned it and when) and
//! the chat's rule for who may pin there (`chats.pins_by`). A pin of a message since
//! deleted or removed stays in the table but is neither listed nor counted.

use crate::store::{Conn, StoreResult};

/// Pins one chat holds at most (Slack's own limit per channel).
pub const MAX_PER_CHAT: i64 = 100;

/// A pin as its chat's list shows it.
#[derive(Debug, Clone)]
pub struct Pin {
    pub message_id: i64,
    pub pinned_by: Option<i64>,
    pub pinned_at: String,
}

/// Who may pin in `chat_id`: `members` or `admins` (`None`: no such chat).
pub fn rule(c: &Conn, chat_id: i64) -> StoreResult<Option<String>> {
    c.opt(
        "SELECT pins_by FROM chats WHERE id = ?1",
        &[&chat_id],
        |r| r.get(0),
    )
}

/// Sets who may pin in `chat_id`.
pub fn set_rule(c: &Conn, chat_id: i64, pins_by: &str) -> StoreResult<()> {
    c.exec(
        "UPDATE chats SET pins_by = ?2 WHERE id = ?1",
        &[&chat_id, &pins_by],
    )?;
    Ok(())
}

/// Pins `message_id` of `chat_id`; whether it was not pinned before.
pub fn pin(c: &Conn, chat_id: i64, message_id: i64, by: i64, now: &str) -> StoreResult<bool> {
    let added = c.exec(
        "INSERT INTO pins (message_id, chat_id, pinned_by, pinned_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (message_id) DO NOTHING",
        &[&message_id, &chat_id, &by, &now],
    )?;
    Ok(added > 0)
}

/// Pins `message_id` as an import does: `by` may be unknown. Whether it was not pinned.
pub fn pin_as(
    c: &Conn,
    chat_id: i64,
    message_id: i64,
    by: Option<i64>,
    at: &str,
) -> StoreResult<bool> {
    let added = c.exec(
        "INSERT INTO pins (message_id, chat_id, pinned_by, pinned_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (message_id) DO NOTHING",
        &[&message_id, &chat_id, &by, &at],
    )?;
    Ok(added > 0)
}

/// Unpins `message_id`; whether it was pinned.
pub fn unpin(c: &Conn, message_id: i64) -> StoreResult<bool> {
    Ok(c.exec("DELETE FROM pins WHERE message_id = ?1", &[&message_id])? > 0)
}

/// How many live messages of `chat_id` are pinned.
pub fn count(c: &Conn, chat_id: i64) -> StoreResult<i64> {
    c.one(
        "SELECT count(*) FROM pins p JOIN messages m ON m.id = p.message_id
         WHERE p.chat_id = ?1 AND m.deleted_at IS NULL AND m.removed_at IS NULL",
        &[&chat_id],
        |r| r.get(0),
    )
}

/// The live pins of `chat_id`, the most recently pinned first.
pub fn of_chat(c: &Conn, chat_id: i64) -> StoreResult<Vec<Pin>> {
    c.all(
        "SELECT p.message_id, p.pinned_by, p.pinned_at
         FROM pins p JOIN messages m ON m.id = p.message_id
         WHERE p.chat_id = ?1 AND m.deleted_at IS NULL AND m.removed_at IS NULL
         ORDER BY p.pinned_at DESC, p.message_id DESC",
        &[&chat_id],
        |r| {
            Ok(Pin {
                message_id: r.get(0)?,
                pinned_by: r.get(1)?,
                pinned_at: r.get(2)?,
            })
        },
    )
}

/// Every live pin of the server as `(chat_id, message_id, pinned_by)`, for the export.
pub fn every(c: &Conn) -> StoreResult<Vec<(i64, i64, Option<i64>)>> {
    c.all(
        "SELECT p.chat_id, p.message_id, p.pinned_by
         FROM pins p JOIN messages m ON m.id = p.message_id
         WHERE m.deleted_at IS NULL AND m.removed_at IS NULL
         ORDER BY p.chat_id, p.pinned_at, p.message_id",
        &[],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}
