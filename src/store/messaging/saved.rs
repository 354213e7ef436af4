//! Saved messages: `saved_messages`, each person's own list, with an optional reminder
//! time (unix milliseconds) and when it was sent. Setting `reminded_at` is the claim:
//! the reminder loop sets it in the write that queues the reminder, only where it is
//! still unset, so one node, once, sends each. A reminder due while its person is quiet
//! is held: `held_until` (unix milliseconds) is when its push and mail are decided and
//! written, and clearing it is that step's claim.

use crate::store::engine::sql::Row;
use crate::store::{Conn, StoreResult};

/// A saved message as its person's list shows it.
#[derive(Debug, Clone)]
pub struct Saved {
    pub message_id: i64,
    /// The message's chat (`None` when the message is gone for good).
    pub chat_id: Option<i64>,
    pub saved_at: String,
    pub remind_at: Option<i64>,
    pub reminded_at: Option<String>,
}

const COLUMNS: &str = "s.message_id, m.chat_id, s.saved_at, s.remind_at, s.reminded_at";

fn from_row(r: &Row<'_>) -> StoreResult<Saved> {
    Ok(Saved {
        message_id: r.get(0)?,
        chat_id: r.get(1)?,
        saved_at: r.get(2)?,
        remind_at: r.get(3)?,
        reminded_at: r.get(4)?,
    })
}

/// Saves `message_id` for `user_id` (again: its reminder replaced and not yet sent).
pub fn save(
    c: &Conn,
    user_id: i64,
    message_id: i64,
    remind_at: Option<i64>,
    now: &str,
) -> StoreResult<()> {
    c.exec(
        "INSERT INTO saved_messages (user_id, message_id, saved_at, remind_at)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (user_id, message_id)
         DO UPDATE SET remind_at = excluded.remind_at, reminded_at = NULL, held_until = NULL",
        &[&user_id, &message_id, &now, &remind_at],
    )?;
    Ok(())
}

/// Sets (or clears) the reminder of a saved message; whether it is saved.
pub fn set_reminder(
    c: &Conn,
    user_id: i64,
    message_id: i64,
    remind_at: Option<i64>,
) -> StoreResult<bool> {
    let changed = c.exec(
        "UPDATE saved_messages SET remind_at = ?3, reminded_at = NULL, held_until = NULL
         WHERE user_id = ?1 AND message_id = ?2",
        &[&user_id, &message_id, &remind_at],
    )?;
    Ok(changed > 0)
}

/// Takes a message off `user_id`'s list; whether it was there.
pub fn unsave(c: &Conn, user_id: i64, message_id: i64) -> StoreResult<bool> {
    let gone = c.exec(
        "DELETE FROM saved_messages WHERE user_id = ?1 AND message_id = ?2",
        &[&user_id, &message_id],
    )?;
    Ok(gone > 0)
}

/// One saved message of `user_id`.
pub fn one(c: &Conn, user_id: i64, message_id: i64) -> StoreResult<Option<Saved>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM saved_messages s LEFT JOIN messages m ON m.id = s.message_id
         WHERE s.user_id = ?1 AND s.message_id = ?2"
    );
    c.opt(&sql, &[&user_id, &message_id], from_row)
}

/// `user_id`'s saved messages, the most recently saved first, at most `limit`; with
/// `before` (a message on their list), those saved after it in that order. A `before`
/// no longer on the list matches nothing.
pub fn of_user(c: &Conn, user_id: i64, before: Option<i64>, limit: i64) -> StoreResult<Vec<Saved>> {
    match before {
        None => {
            let sql = format!(
                "SELECT {COLUMNS} FROM saved_messages s LEFT JOIN messages m ON m.id = s.message_id
                 WHERE s.user_id = ?1 ORDER BY s.saved_at DESC, s.message_id DESC LIMIT ?2"
            );
            c.all(&sql, &[&user_id, &limit], from_row)
        }
        Some(before) => {
            let sql = format!(
                "SELECT {COLUMNS} FROM saved_messages s LEFT JOIN messages m ON m.id = s.message_id
                 JOIN saved_messages k ON k.user_id = ?1 AND k.message_id = ?2
                 WHERE s.user_id = ?1
                   AND (s.saved_at < k.saved_at
                        OR (s.saved_at = k.saved_at AND s.message_id < k.message_id))
                 ORDER BY s.saved_at DESC, s.message_id DESC LIMIT ?3"
            );
            c.all(&sql, &[&user_id, &before, &limit], from_row)
        }
    }
}

/// How many messages `user_id` has saved.
pub fn count_of_user(c: &Conn, user_id: i64) -> StoreResult<i64> {
    c.one(
        "SELECT COUNT(*) FROM saved_messages WHERE user_id = ?1",
        &[&user_id],
        |r| r.get(0),
    )
}

/// Whether some reminder is due at `now` (unix ms) and not yet sent: one indexed read.
pub fn any_due(c: &Conn, now: i64) -> StoreResult<bool> {
    let due: Option<i64> = c.opt(
        "SELECT 1 FROM saved_messages
         WHERE remind_at IS NOT NULL AND reminded_at IS NULL AND remind_at <= ?1 LIMIT 1",
        &[&now],
        |r| r.get(0),
    )?;
    Ok(due.is_some())
}

/// Up to `limit` reminders due at `now` and not yet sent, `(user_id, message_id)`, the
/// earliest first.
pub fn due(c: &Conn, now: i64, limit: i64) -> StoreResult<Vec<(i64, i64)>> {
    c.all(
        "SELECT user_id, message_id FROM saved_messages
         WHERE remind_at IS NOT NULL AND reminded_at IS NULL AND remind_at <= ?1
         ORDER BY remind_at LIMIT ?2",
        &[&now, &limit],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Claims one due reminder: sets its `reminded_at` where still unset; whether this
/// write took it (on PostgreSQL a second node's update waits for this one's commit and
/// then finds it set).
pub fn claim(c: &Conn, user_id: i64, message_id: i64, now: &str) -> StoreResult<bool> {
    let taken = c.exec(
        "UPDATE saved_messages SET reminded_at = ?3
         WHERE user_id = ?1 AND message_id = ?2 AND reminded_at IS NULL
           AND remind_at IS NOT NULL",
        &[&user_id, &message_id, &now],
    )?;
    Ok(taken > 0)
}

/// Holds a claimed reminder's push and mail until `until` (unix ms): its person is quiet
/// until then.
pub fn hold(c: &Conn, user_id: i64, message_id: i64, until: i64) -> StoreResult<()> {
    c.exec(
        "UPDATE saved_messages SET held_until = ?3 WHERE user_id = ?1 AND message_id = ?2",
        &[&user_id, &message_id, &until],
    )?;
    Ok(())
}

/// Whether some held reminder's time to be pushed and mailed has come at `now` (unix
/// ms): one indexed read.
pub fn any_held_due(c: &Conn, now: i64) -> StoreResult<bool> {
    let due: Option<i64> = c.opt(
        "SELECT 1 FROM saved_messages WHERE held_until IS NOT NULL AND held_until <= ?1 LIMIT 1",
        &[&now],
        |r| r.get(0),
    )?;
    Ok(due.is_some())
}

/// Up to `limit` held reminders whose time has come at `now`, `(user_id, message_id)`,
/// the earliest first.
pub fn held_due(c: &Conn, now: i64, limit: i64) -> StoreResult<Vec<(i64, i64)>> {
    c.all(
        "SELECT user_id, message_id FROM saved_messages
         WHERE held_until IS NOT NULL AND held_until <= ?1
         ORDER BY held_until LIMIT ?2",
        &[&now, &limit],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Takes a held reminder whose time has come: clears its `held_until` where still due;
/// whether this write took it (a second node finds it cleared).
pub fn release(c: &Conn, user_id: i64, message_id: i64, now: i64) -> StoreResult<bool> {
    let taken = c.exec(
        "UPDATE saved_messages SET held_until = NULL
         WHERE user_id = ?1 AND message_id = ?2
           AND held_until IS NOT NULL AND held_until <= ?3",
        &[&user_id, &message_id, &now],
    )?;
    Ok(taken > 0)
}
