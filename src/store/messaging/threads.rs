//! Threads: the threading columns of `messages` (what a reply answers, its thread, a
//! root's summary) and `thread_follows` (who follows a thread and how far they read it).

use crate::store::engine::sql::Flag;
use crate::store::messaging::message_row::{from_row, Message, COLUMNS, COLUMN_COUNT};
use crate::store::{Conn, StoreResult};

/// How many repliers a root's summary names.
const SUMMARY_REPLIERS: i64 = 5;

/// Notes what a message just sent replies to and where it is shown.
pub fn set_reply(
    c: &Conn,
    chat_id: i64,
    id: i64,
    reply_to: Option<i64>,
    thread_id: Option<i64>,
    in_channel: bool,
) -> StoreResult<()> {
    c.exec(
        "UPDATE messages SET reply_to_id = ?3, thread_id = ?4, in_channel = ?5
         WHERE chat_id = ?1 AND id = ?2",
        &[&chat_id, &id, &reply_to, &thread_id, &Flag::new(in_channel)],
    )?;
    Ok(())
}

/// A root's summary as it now is, written on its row: `(reply_count, last_reply_at,
/// reply_users)`.
pub fn refresh_summary(
    c: &Conn,
    chat_id: i64,
    root_id: i64,
) -> StoreResult<(i64, Option<String>, String)> {
    let (count, last): (i64, Option<String>) = c.one(
        "SELECT count(*), max(created_at) FROM messages
         WHERE thread_id = ?1 AND deleted_at IS NULL",
        &[&root_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let repliers: Vec<i64> = c.all(
        "SELECT sender_id FROM messages
         WHERE thread_id = ?1 AND deleted_at IS NULL AND sender_id IS NOT NULL
         GROUP BY sender_id ORDER BY max(id) DESC LIMIT ?2",
        &[&root_id, &SUMMARY_REPLIERS],
        |r| r.get(0),
    )?;
    let users = repliers
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    c.exec(
        "UPDATE messages SET reply_count = ?3, last_reply_at = ?4, reply_users = ?5
         WHERE chat_id = ?1 AND id = ?2",
        &[&chat_id, &root_id, &count, &last, &users.as_str()],
    )?;
    Ok((count, last, users))
}

/// Shows a deleted root's replies in the channel, so none is left where nobody looks.
pub fn bring_into_channel(c: &Conn, root_id: i64) -> StoreResult<()> {
    c.exec(
        "UPDATE messages SET in_channel = 1 WHERE thread_id = ?1 AND in_channel = 0",
        &[&root_id],
    )?;
    Ok(())
}

/// Makes `user_id` follow the thread of `root_id`. With `again`, also one who stopped
/// following (they wrote in it or were named in it since); without, a follower's choice
/// stands.
pub fn follow(c: &Conn, root_id: i64, user_id: i64, again: bool) -> StoreResult<()> {
    let sql = match again {
        true => {
            "INSERT INTO thread_follows (root_id, user_id, following) VALUES (?1, ?2, 1)
             ON CONFLICT (root_id, user_id) DO UPDATE SET following = 1"
        }
        false => {
            "INSERT INTO thread_follows (root_id, user_id, following) VALUES (?1, ?2, 1)
             ON CONFLICT (root_id, user_id) DO NOTHING"
        }
    };
    c.exec(sql, &[&root_id, &user_id])?;
    Ok(())
}

/// Sets whether `user_id` follows the thread of `root_id`.
pub fn set_following(c: &Conn, root_id: i64, user_id: i64, following: bool) -> StoreResult<()> {
    c.exec(
        "INSERT INTO thread_follows (root_id, user_id, following) VALUES (?1, ?2, ?3)
         ON CONFLICT (root_id, user_id) DO UPDATE SET following = excluded.following",
        &[&root_id, &user_id, &Flag::new(following)],
    )?;
    Ok(())
}

/// Moves `user_id`'s read marker in the thread of `root_id` up to `up_to` (never back);
/// whether it moved. A reader who does not follow the thread gets a marker too (not
/// following), so the thread's receipts name everyone who read it.
pub fn mark_read(c: &Conn, root_id: i64, user_id: i64, up_to: i64) -> StoreResult<bool> {
    if up_to <= 0 {
        return Ok(false);
    }
    let moved = c.exec(
        "INSERT INTO thread_follows (root_id, user_id, following, last_read_id)
         VALUES (?1, ?2, 0, ?3)
         ON CONFLICT (root_id, user_id) DO UPDATE SET last_read_id = excluded.last_read_id
         WHERE thread_follows.last_read_id < excluded.last_read_id",
        &[&root_id, &user_id, &up_to],
    )?;
    Ok(moved > 0)
}

/// `(user_id, last_read_id)` of everyone who has read some of the thread of `root_id`:
/// whom a reply kept in the thread counts as seen by.
pub fn read_markers(c: &Conn, root_id: i64) -> StoreResult<Vec<(i64, i64)>> {
    // Accounts their person never used are left out, as `chats::receipt_marks` leaves
    // them: an import notes its repliers as having read their own replies.
    c.all(
        "SELECT t.user_id, t.last_read_id FROM thread_follows t JOIN users u ON u.id = t.user_id
          WHERE t.root_id = ?1 AND t.last_read_id > 0
            AND (u.password_hash <> '' OR u.last_seen_at IS NOT NULL)",
        &[&root_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Whether `user_id` follows the thread of `root_id`, and how far they read it.
pub fn follow_of(c: &Conn, root_id: i64, user_id: i64) -> StoreResult<Option<(bool, i64)>> {
    c.opt(
        "SELECT following, last_read_id FROM thread_follows WHERE root_id = ?1 AND user_id = ?2",
        &[&root_id, &user_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// The id of the newest live reply in the thread of `root_id` (0 when none).
pub fn newest_reply(c: &Conn, root_id: i64) -> StoreResult<i64> {
    c.one(
        "SELECT coalesce(max(id), 0) FROM messages WHERE thread_id = ?1 AND deleted_at IS NULL",
        &[&root_id],
        |r| r.get(0),
    )
}

/// Whether `user_id` has a live reply in the thread of `root_id`.
pub fn replied_in(c: &Conn, root_id: i64, user_id: i64) -> StoreResult<bool> {
    c.one(
        "SELECT EXISTS (SELECT 1 FROM messages
         WHERE thread_id = ?1 AND sender_id = ?2 AND deleted_at IS NULL)",
        &[&root_id, &user_id],
        |r| r.get(0),
    )
}

/// Live replies in the thread of `root_id` from others than `user_id`, after `after`.
pub fn unread_replies(c: &Conn, root_id: i64, user_id: i64, after: i64) -> StoreResult<i64> {
    c.one(
        "SELECT count(*) FROM messages
         WHERE thread_id = ?1 AND id > ?3 AND deleted_at IS NULL
           AND coalesce(sender_id, 0) <> ?2",
        &[&root_id, &user_id, &after],
        |r| r.get(0),
    )
}

/// A root, live or deleted (a thread outlives its root), by id.
pub fn root_by_id(c: &Conn, id: i64) -> StoreResult<Option<(Message, bool)>> {
    let sql = format!("SELECT {COLUMNS}, m.deleted_at IS NOT NULL FROM messages m WHERE id = ?1");
    c.opt(&sql, &[&id], |r| Ok((from_row(r)?, r.get(COLUMN_COUNT)?)))
}

/// Up to `limit` live replies of the thread of `root_id` with ids between `after` and
/// `before`, oldest first: the newest such when `newest`, else the oldest.
pub fn replies(
    c: &Conn,
    root_id: i64,
    after: i64,
    before: i64,
    limit: i64,
    newest: bool,
) -> StoreResult<Vec<Message>> {
    let dir = if newest { "DESC" } else { "ASC" };
    let sql = format!(
        "SELECT {COLUMNS} FROM messages m
         WHERE thread_id = ?1 AND id > ?2 AND id < ?3 AND deleted_at IS NULL
         ORDER BY id {dir} LIMIT ?4"
    );
    let mut rows = c.all(&sql, &[&root_id, &after, &before, &limit], from_row)?;
    if newest {
        rows.reverse();
    }
    Ok(rows)
}

/// A chat's live thread roots (with replies), the newest reply first: `limit` of them
/// after skipping `offset`; with `participant`, only threads they started or replied in.
pub fn roots_in_chat(
    c: &Conn,
    chat_id: i64,
    participant: Option<i64>,
    limit: i64,
    offset: i64,
) -> StoreResult<Vec<Message>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM messages m
         WHERE chat_id = ?1 AND reply_count > 0 AND deleted_at IS NULL
           AND (CAST(?2 AS BIGINT) IS NULL OR sender_id = ?2 OR EXISTS (SELECT 1 FROM messages r
                WHERE r.thread_id = m.id AND r.sender_id = ?2 AND r.deleted_at IS NULL))
         ORDER BY last_reply_at DESC, id DESC LIMIT ?3 OFFSET ?4"
    );
    // The cast: PostgreSQL cannot tell a parameter's type from `IS NULL` alone.
    c.all(&sql, &[&chat_id, &participant, &limit, &offset], from_row)
}

/// One followed thread as its follower's list shows it.
#[derive(Debug, Clone)]
pub struct Followed {
    pub root: Message,
    pub root_deleted: bool,
    pub last_read_id: i64,
    pub unread: i64,
}

/// The threads `user_id` follows, with replies, in chats they are still in, most recent
/// reply first: `limit` of them after skipping `offset`; with how many there are.
pub fn followed(
    c: &Conn,
    user_id: i64,
    limit: i64,
    offset: i64,
) -> StoreResult<(i64, Vec<Followed>)> {
    const FROM: &str = "FROM thread_follows f
         JOIN messages m ON m.id = f.root_id
         JOIN chat_members cm ON cm.chat_id = m.chat_id AND cm.user_id = f.user_id
         WHERE f.user_id = ?1 AND f.following = 1 AND m.reply_count > 0";
    let count = c.one(&format!("SELECT count(*) {FROM}"), &[&user_id], |r| {
        r.get(0)
    })?;
    let sql = format!(
        "SELECT {COLUMNS}, m.deleted_at IS NOT NULL, f.last_read_id,
                (SELECT count(*) FROM messages r
                  WHERE r.thread_id = f.root_id AND r.id > f.last_read_id
                    AND r.deleted_at IS NULL AND coalesce(r.sender_id, 0) <> ?1)
         {FROM}
         ORDER BY m.last_reply_at DESC, m.id DESC LIMIT ?2 OFFSET ?3"
    );
    let rows = c.all(&sql, &[&user_id, &limit, &offset], |r| {
        Ok(Followed {
            root: from_row(r)?,
            root_deleted: r.get(COLUMN_COUNT)?,
            last_read_id: r.get(COLUMN_COUNT + 1)?,
            unread: r.get(COLUMN_COUNT + 2)?,
        })
    })?;
    Ok((count, rows))
}

/// Unread replies in all the threads `user_id` follows, in chats they are still in.
pub fn unread_total(c: &Conn, user_id: i64) -> StoreResult<i64> {
    c.one(
        "SELECT count(*) FROM thread_follows f
         JOIN messages m ON m.id = f.root_id
         JOIN chat_members cm ON cm.chat_id = m.chat_id AND cm.user_id = f.user_id
         JOIN messages r ON r.thread_id = f.root_id AND r.id > f.last_read_id
                        AND r.deleted_at IS NULL AND coalesce(r.sender_id, 0) <> ?1
         WHERE f.user_id = ?1 AND f.following = 1",
        &[&user_id],
        |r| r.get(0),
    )
}

/// Who follows the thread of `root_id`.
pub fn followers(c: &Conn, root_id: i64) -> StoreResult<Vec<i64>> {
    c.all(
        "SELECT user_id FROM thread_follows WHERE root_id = ?1 AND following = 1",
        &[&root_id],
        |r| r.get(0),
    )
}
