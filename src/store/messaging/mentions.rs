//! The `mentions` table: who a message names with `@username`.

use crate::store::{Conn, StoreResult};

/// Notes that `message_id` in `chat_id` mentions `user_id` (once).
pub fn insert(c: &Conn, user_id: i64, message_id: i64, chat_id: i64) -> StoreResult<()> {
    c.exec(
        "INSERT INTO mentions (user_id, message_id, chat_id) VALUES (?1, ?2, ?3)
         ON CONFLICT DO NOTHING",
        &[&user_id, &message_id, &chat_id],
    )?;
    Ok(())
}

/// Forgets a message's mentions (its text changed; they are noted again).
pub fn forget_message(c: &Conn, message_id: i64) -> StoreResult<()> {
    c.exec("DELETE FROM mentions WHERE message_id = ?1", &[&message_id])?;
    Ok(())
}

/// Who had read their mention in `message_id`, and when: kept across an edit for those
/// it still mentions.
pub fn read_in_message(c: &Conn, message_id: i64) -> StoreResult<Vec<(i64, String)>> {
    c.all(
        "SELECT user_id, read_at FROM mentions WHERE message_id = ?1 AND read_at IS NOT NULL",
        &[&message_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Marks `user_id`'s mention in `message_id`, if there is one, read at `at`.
pub fn set_read_at(c: &Conn, user_id: i64, message_id: i64, at: &str) -> StoreResult<()> {
    c.exec(
        "UPDATE mentions SET read_at = ?3 WHERE user_id = ?1 AND message_id = ?2",
        &[&user_id, &message_id, &at],
    )?;
    Ok(())
}

/// The member of `chat_id` whose name's key is `key`, if any.
pub fn member_named(c: &Conn, chat_id: i64, key: &str) -> StoreResult<Option<i64>> {
    c.opt(
        "SELECT u.id FROM users u JOIN chat_members m ON m.user_id = u.id
         WHERE u.name_key = ?1 AND m.chat_id = ?2",
        &[&key, &chat_id],
        |r| r.get(0),
    )
}

/// One mention as its person's list shows it.
#[derive(Debug, Clone)]
pub struct Mention {
    pub message_id: i64,
    pub chat_id: i64,
    pub sender: Option<(i64, String, String)>,
    pub content: String,
    pub created_at: String,
    pub read: bool,
    /// The thread the mentioning message is a reply in, if any.
    pub thread_id: Option<i64>,
    /// The message it replies to (its quote line's), if any.
    pub reply_to: Option<i64>,
}

/// `user_id`'s mentions in messages not deleted, in chats they are still in, newest first,
/// older than `before` (a message id), at most `limit`.
pub fn page(c: &Conn, user_id: i64, before: i64, limit: i64) -> StoreResult<Vec<Mention>> {
    c.all(
        "SELECT n.message_id, n.chat_id, u.id, CAST(u.username AS TEXT), u.display_name, m.content,
                m.created_at, n.read_at IS NOT NULL, m.thread_id,
                m.reply_to_id
         FROM mentions n
         JOIN messages m ON m.id = n.message_id
         JOIN chat_members cm ON cm.chat_id = n.chat_id AND cm.user_id = n.user_id
         LEFT JOIN users u ON u.id = m.sender_id
         WHERE n.user_id = ?1 AND n.message_id < ?2 AND m.deleted_at IS NULL
         ORDER BY n.message_id DESC LIMIT ?3",
        &[&user_id, &before, &limit],
        |r| {
            let sender: Option<i64> = r.get(2)?;
            let name: Option<String> = r.get(3)?;
            let display: Option<String> = r.get(4)?;
            Ok(Mention {
                message_id: r.get(0)?,
                chat_id: r.get(1)?,
                sender: sender
                    .map(|id| (id, name.unwrap_or_default(), display.unwrap_or_default())),
                content: r.get(5)?,
                created_at: r.get(6)?,
                read: r.get(7)?,
                thread_id: r.get(8)?,
                reply_to: r.get(9)?,
            })
        },
    )
}

/// Marks `user_id`'s mentions up to `up_to` (a message id) read, in `chat_id` only when
/// given; how many were unread.
pub fn mark_read(
    c: &Conn,
    user_id: i64,
    up_to: i64,
    chat_id: Option<i64>,
    now: &str,
) -> StoreResult<usize> {
    c.exec(
        "UPDATE mentions SET read_at = ?3
         WHERE user_id = ?1 AND message_id <= ?2 AND read_at IS NULL
           AND chat_id = coalesce(?4, chat_id)",
        &[&user_id, &up_to, &now, &chat_id],
    )
}

/// Marks `user_id`'s mentions read in the thread of `root_id` (its root and its replies)
/// up to `up_to`, a message id: what the thread's reader has now seen. How many were
/// unread.
pub fn mark_read_in_thread(
    c: &Conn,
    user_id: i64,
    root_id: i64,
    up_to: i64,
    now: &str,
) -> StoreResult<usize> {
    c.exec(
        "UPDATE mentions SET read_at = ?4
         WHERE user_id = ?1 AND read_at IS NULL AND message_id <= ?3
           AND message_id IN (SELECT id FROM messages WHERE id = ?2 OR thread_id = ?2)",
        &[&user_id, &root_id, &up_to, &now],
    )
}

/// `(chat_id, n)`: how many of `user_id`'s mentions are unread in each chat that has any.
pub fn unread_by_chat(c: &Conn, user_id: i64) -> StoreResult<Vec<(i64, i64)>> {
    c.all(
        "SELECT n.chat_id, count(*) FROM mentions n
         JOIN messages m ON m.id = n.message_id
         WHERE n.user_id = ?1 AND n.read_at IS NULL AND m.deleted_at IS NULL
         GROUP BY n.chat_id",
        &[&user_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// [`unread_by_chat`] per thread: (chat, thread root or `None` outside any thread,
/// count), for Matrix apps that count threads apart.
pub fn unread_by_thread(c: &Conn, user_id: i64) -> StoreResult<Vec<(i64, Option<i64>, i64)>> {
    c.all(
        "SELECT n.chat_id, m.thread_id, count(*) FROM mentions n
         JOIN messages m ON m.id = n.message_id
         WHERE n.user_id = ?1 AND n.read_at IS NULL AND m.deleted_at IS NULL
         GROUP BY n.chat_id, m.thread_id",
        &[&user_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// How many of `user_id`'s mentions are unread (in messages not deleted, in chats they
/// are still in, as [`page`] lists them).
pub fn unread(c: &Conn, user_id: i64) -> StoreResult<i64> {
    c.one(
        "SELECT count(*) FROM mentions n
         JOIN messages m ON m.id = n.message_id
         JOIN chat_members cm ON cm.chat_id = n.chat_id AND cm.user_id = n.user_id
         WHERE n.user_id = ?1 AND n.read_at IS NULL AND m.deleted_at IS NULL",
        &[&user_id],
        |r| r.get(0),
    )
}

/// What decides whether `sender` may notify `chat_id` with a wide word under
/// `--wide-mentions admins`: the chat's member count, whether the sender is a server
/// administrator, and whether they are one of the chat's administrators.
pub fn standing(c: &Conn, chat_id: i64, sender: i64) -> StoreResult<(i64, bool, bool)> {
    let row = c.opt(
        "SELECT (SELECT count(*) FROM chat_members WHERE chat_id = ?1), u.is_admin,
                (SELECT count(*) FROM chat_members
                 WHERE chat_id = ?1 AND user_id = ?2 AND role = 'admin')
         FROM users u WHERE u.id = ?2",
        &[&chat_id, &sender],
        |r| {
            let admins: i64 = r.get(2)?;
            Ok((r.get(0)?, r.get(1)?, admins > 0))
        },
    )?;
    Ok(row.unwrap_or((0, false, false)))
}

/// Notes that `message_id` mentions every member of `chat_id` a wide word reaches: the
/// active people other than `sender`, no bot. How many were noted.
pub fn insert_for_members(
    c: &Conn,
    chat_id: i64,
    message_id: i64,
    sender: i64,
) -> StoreResult<usize> {
    c.exec(
        "INSERT INTO mentions (user_id, message_id, chat_id)
         SELECT m.user_id, CAST(?2 AS BIGINT), m.chat_id
         FROM chat_members m JOIN users u ON u.id = m.user_id
         WHERE m.chat_id = ?1 AND m.user_id <> ?3 AND u.is_active = 1
           AND NOT EXISTS (SELECT 1 FROM bots b WHERE b.user_id = m.user_id)
         ON CONFLICT DO NOTHING",
        &[&chat_id, &message_id, &sender],
    )
}

/// The members of `chat_id` a wide word could reach (active people other than `sender`,
/// no bot), each with whether they were seen (signed in, opened a socket) at or after
/// `seen_since` (a time as `store::clock::now` writes it).
pub fn reachable_members(
    c: &Conn,
    chat_id: i64,
    sender: i64,
    seen_since: &str,
) -> StoreResult<Vec<(i64, bool)>> {
    c.all(
        "SELECT m.user_id, CASE WHEN u.last_seen_at >= ?3 THEN 1 ELSE 0 END
         FROM chat_members m JOIN users u ON u.id = m.user_id
         WHERE m.chat_id = ?1 AND m.user_id <> ?2 AND u.is_active = 1
           AND NOT EXISTS (SELECT 1 FROM bots b WHERE b.user_id = m.user_id)
         ORDER BY m.user_id",
        &[&chat_id, &sender, &seen_since],
        |r| {
            let seen: i64 = r.get(1)?;
            Ok((r.get(0)?, seen == 1))
        },
    )
}
