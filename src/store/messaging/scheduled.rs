//! Messages sent later (`scheduled_messages`, migration 40): each sender's list, edits and
//! cancelling while a row is still `scheduled`, and the sending loop's reads and claims.
//! A claim sets `state` only where it is still `scheduled`, in the write job that sends
//! the message, so one node, once, sends each row.

use crate::store::engine::sql::Row;
use crate::store::{Conn, StoreResult};

/// One scheduled message as stored.
#[derive(Debug, Clone)]
pub struct Scheduled {
    pub id: i64,
    pub sender_id: i64,
    pub chat_id: i64,
    pub content: String,
    pub reply_to_id: Option<i64>,
    pub thread_id: Option<i64>,
    /// When to send it, unix milliseconds.
    pub send_at: i64,
    /// `scheduled`, `sent`, `failed` or `cancelled`.
    pub state: String,
    /// The message it became, once sent.
    pub message_id: Option<i64>,
    /// Why it was not sent, once failed.
    pub failure: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

const COLUMNS: &str = "id, sender_id, chat_id, content, reply_to_id, thread_id, send_at, state, \
                       message_id, failure, created_at, updated_at";

fn from_row(r: &Row<'_>) -> StoreResult<Scheduled> {
    Ok(Scheduled {
        id: r.get(0)?,
        sender_id: r.get(1)?,
        chat_id: r.get(2)?,
        content: r.get(3)?,
        reply_to_id: r.get(4)?,
        thread_id: r.get(5)?,
        send_at: r.get(6)?,
        state: r.get(7)?,
        message_id: r.get(8)?,
        failure: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

/// What a sender schedules.
pub struct NewScheduled<'a> {
    pub sender_id: i64,
    pub chat_id: i64,
    pub content: &'a str,
    pub reply_to_id: Option<i64>,
    pub thread_id: Option<i64>,
    pub send_at: i64,
}

/// Stores a new scheduled message; its id.
pub fn insert(c: &Conn, new: &NewScheduled<'_>, now: &str) -> StoreResult<i64> {
    c.one(
        "INSERT INTO scheduled_messages
             (sender_id, chat_id, content, reply_to_id, thread_id, send_at, state,
              created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'scheduled', ?7, ?7) RETURNING id",
        &[
            &new.sender_id,
            &new.chat_id,
            &new.content,
            &new.reply_to_id,
            &new.thread_id,
            &new.send_at,
            &now,
        ],
        |r| r.get(0),
    )
}

/// The sender's scheduled messages, still to send first (soonest first), then the rest
/// (newest first), at most `limit`.
pub fn of_sender(c: &Conn, sender_id: i64, limit: i64) -> StoreResult<Vec<Scheduled>> {
    c.all(
        &format!(
            "SELECT {COLUMNS} FROM scheduled_messages WHERE sender_id = ?1
             ORDER BY CASE WHEN state = 'scheduled' THEN 0 ELSE 1 END,
                      CASE WHEN state = 'scheduled' THEN send_at ELSE -send_at END, id
             LIMIT ?2"
        ),
        &[&sender_id, &limit],
        from_row,
    )
}

/// One of the sender's scheduled messages.
pub fn one_of(c: &Conn, sender_id: i64, id: i64) -> StoreResult<Option<Scheduled>> {
    c.opt(
        &format!("SELECT {COLUMNS} FROM scheduled_messages WHERE id = ?1 AND sender_id = ?2"),
        &[&id, &sender_id],
        from_row,
    )
}

/// Changes the text and time of one still scheduled; whether it was still scheduled.
pub fn edit(c: &Conn, id: i64, content: &str, send_at: i64, now: &str) -> StoreResult<bool> {
    let n = c.exec(
        "UPDATE scheduled_messages SET content = ?2, send_at = ?3, updated_at = ?4
         WHERE id = ?1 AND state = 'scheduled'",
        &[&id, &content, &send_at, &now],
    )?;
    Ok(n > 0)
}

/// Cancels one still scheduled; whether it was still scheduled.
pub fn cancel(c: &Conn, id: i64, now: &str) -> StoreResult<bool> {
    let n = c.exec(
        "UPDATE scheduled_messages SET state = 'cancelled', updated_at = ?2
         WHERE id = ?1 AND state = 'scheduled'",
        &[&id, &now],
    )?;
    Ok(n > 0)
}

/// Cancels every message `sender_id` still has waiting (someone else proved the
/// account's address: nothing queued before is theirs); how many.
pub fn cancel_all_of(c: &Conn, sender_id: i64, now: &str) -> StoreResult<usize> {
    c.exec(
        "UPDATE scheduled_messages SET state = 'cancelled', updated_at = ?2
         WHERE sender_id = ?1 AND state = 'scheduled'",
        &[&sender_id, &now],
    )
}

/// Whether any message is due at `now`: one read of the partial index when none is.
pub fn any_due(c: &Conn, now: i64) -> StoreResult<bool> {
    let due: Option<i64> = c.opt(
        "SELECT 1 FROM scheduled_messages WHERE state = 'scheduled' AND send_at <= ?1 LIMIT 1",
        &[&now],
        |r| r.get(0),
    )?;
    Ok(due.is_some())
}

/// Up to `limit` messages due at `now`, the earliest first: `(id, chat_id)`.
pub fn due(c: &Conn, now: i64, limit: i64) -> StoreResult<Vec<(i64, i64)>> {
    c.all(
        "SELECT id, chat_id FROM scheduled_messages
         WHERE state = 'scheduled' AND send_at <= ?1
         ORDER BY send_at, id LIMIT ?2",
        &[&now, &limit],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Claims one due message for the send in the same write job: sets `state` to `sent`
/// where still `scheduled`, and returns the row when this write took it (on PostgreSQL
/// a second node's update waits for this one's commit, then finds it taken).
pub fn claim(c: &Conn, id: i64, now: &str) -> StoreResult<Option<Scheduled>> {
    let taken = c.exec(
        "UPDATE scheduled_messages SET state = 'sent', updated_at = ?2
         WHERE id = ?1 AND state = 'scheduled'",
        &[&id, &now],
    )?;
    if taken == 0 {
        return Ok(None);
    }
    c.opt(
        &format!("SELECT {COLUMNS} FROM scheduled_messages WHERE id = ?1"),
        &[&id],
        from_row,
    )
}

/// Notes the message a claimed row became.
pub fn sent_as(c: &Conn, id: i64, message_id: i64) -> StoreResult<()> {
    c.exec(
        "UPDATE scheduled_messages SET message_id = ?2 WHERE id = ?1",
        &[&id, &message_id],
    )?;
    Ok(())
}

/// Marks one still scheduled as failed, with the reason; the row when this write did.
pub fn fail(c: &Conn, id: i64, reason: &str, now: &str) -> StoreResult<Option<Scheduled>> {
    let n = c.exec(
        "UPDATE scheduled_messages SET state = 'failed', failure = ?2, updated_at = ?3
         WHERE id = ?1 AND state = 'scheduled'",
        &[&id, &reason, &now],
    )?;
    if n == 0 {
        return Ok(None);
    }
    c.opt(
        &format!("SELECT {COLUMNS} FROM scheduled_messages WHERE id = ?1"),
        &[&id],
        from_row,
    )
}
