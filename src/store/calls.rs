//! The `calls` and `call_answers` tables: the record each call leaves (who started it in
//! which chat, the message that rang the chat, when it ended) and who joined or declined.
//! Who is in a call right now is not here: that is the call registry's
//! (`state::calls`), in memory or in `call_participants` on PostgreSQL.

use super::engine::sql::Row;
use super::{Conn, StoreResult};

/// One call's record.
#[derive(Debug, Clone)]
pub struct CallRecord {
    pub id: i64,
    /// The chat whose call it was.
    pub chat_id: i64,
    /// The message that rang the chat (gone when it was deleted).
    pub message_id: Option<i64>,
    /// The caller, gone with a removed account.
    pub started_by: Option<Person>,
    pub started_at: String,
    /// `None` while the call goes on (or a stopped node left it open).
    pub ended_at: Option<String>,
}

/// Someone a call's record names.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: i64,
    pub username: String,
    /// The display name, or the username when none is set.
    pub display_name: String,
}

/// The name a person shows, from `users u`: the display name, or the username.
const SHOWN_NAME: &str = "coalesce(nullif(trim(u.display_name), ''), u.username)";

/// What one member answered: `joined` or `declined`.
#[derive(Debug, Clone)]
pub struct CallAnswer {
    pub call_id: i64,
    pub user_id: i64,
    pub username: String,
    /// The display name, or the username when none is set.
    pub display_name: String,
    /// `joined` or `declined`.
    pub answer: String,
    /// When they answered: for `joined`, when they first joined.
    pub at: String,
    /// When someone who joined last left the call; `None` while they are in it.
    pub left_at: Option<String>,
}

// The display name as `SHOWN_NAME` says (spelled out: a `const` cannot format another).
const RECORD: &str = "SELECT k.id, k.chat_id, k.message_id, k.started_by, u.username,
        k.started_at, k.ended_at, coalesce(nullif(trim(u.display_name), ''), u.username)
    FROM calls k LEFT JOIN users u ON u.id = k.started_by";

fn record(r: &Row<'_>) -> StoreResult<CallRecord> {
    let by: Option<i64> = r.get(3)?;
    let name: Option<String> = r.get(4)?;
    let shown: Option<String> = r.get(7)?;
    Ok(CallRecord {
        id: r.get(0)?,
        chat_id: r.get(1)?,
        message_id: r.get(2)?,
        started_by: by.zip(name).map(|(id, username)| Person {
            id,
            display_name: shown.unwrap_or_else(|| username.clone()),
            username,
        }),
        started_at: r.get(5)?,
        ended_at: r.get(6)?,
    })
}

/// Starts the chat's call record, unless one is in progress: the new record's id, or
/// `None` when another join started it first.
pub fn start(c: &Conn, chat_id: i64, user_id: i64, now: &str) -> StoreResult<Option<i64>> {
    c.opt(
        "INSERT INTO calls (chat_id, started_by, started_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (chat_id) WHERE ended_at IS NULL DO NOTHING
         RETURNING id",
        &[&chat_id, &user_id, &now],
        |r| r.get(0),
    )
}

/// Notes the message that rang the chat for this call.
pub fn set_message(c: &Conn, call_id: i64, message_id: i64) -> StoreResult<()> {
    c.exec(
        "UPDATE calls SET message_id = ?2 WHERE id = ?1",
        &[&call_id, &message_id],
    )?;
    Ok(())
}

/// The chat's call in progress, if any.
pub fn in_progress(c: &Conn, chat_id: i64) -> StoreResult<Option<CallRecord>> {
    c.opt(
        &format!("{RECORD} WHERE k.chat_id = ?1 AND k.ended_at IS NULL"),
        &[&chat_id],
        record,
    )
}

/// Notes a member's answer. A `joined` stands: declining after joining changes nothing;
/// joining again after leaving keeps the first join's time and clears `left_at`.
pub fn answer(c: &Conn, call_id: i64, user_id: i64, answer: &str, now: &str) -> StoreResult<()> {
    c.exec(
        "INSERT INTO call_answers (call_id, user_id, answer, at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (call_id, user_id) DO UPDATE SET answer = excluded.answer, at = excluded.at
         WHERE call_answers.answer <> 'joined'",
        &[&call_id, &user_id, &answer, &now],
    )?;
    if answer == "joined" {
        c.exec(
            "UPDATE call_answers SET left_at = NULL
             WHERE call_id = ?1 AND user_id = ?2 AND left_at IS NOT NULL",
            &[&call_id, &user_id],
        )?;
    }
    Ok(())
}

/// Notes that `user_id` left the chat's call in progress, at `now`.
pub fn left(c: &Conn, chat_id: i64, user_id: i64, now: &str) -> StoreResult<()> {
    c.exec(
        "UPDATE call_answers SET left_at = ?3
         WHERE user_id = ?2 AND answer = 'joined' AND left_at IS NULL
           AND call_id IN (SELECT id FROM calls WHERE chat_id = ?1 AND ended_at IS NULL)",
        &[&chat_id, &user_id, &now],
    )?;
    Ok(())
}

/// Gives everyone who joined the chat's open call (one started before `before`, when
/// given) and is still in it a `left_at` of `now`: the call is ending.
fn close_answers(c: &Conn, chat_id: i64, before: Option<&str>, now: &str) -> StoreResult<()> {
    const OPEN: &str = "UPDATE call_answers SET left_at = ?2
         WHERE answer = 'joined' AND left_at IS NULL AND call_id IN
             (SELECT id FROM calls WHERE chat_id = ?1 AND ended_at IS NULL)";
    const OPEN_BEFORE: &str = "UPDATE call_answers SET left_at = ?2
         WHERE answer = 'joined' AND left_at IS NULL AND call_id IN
             (SELECT id FROM calls WHERE chat_id = ?1 AND ended_at IS NULL AND started_at < ?3)";
    match before {
        None => c.exec(OPEN, &[&chat_id, &now])?,
        Some(before) => c.exec(OPEN_BEFORE, &[&chat_id, &now, &before])?,
    };
    Ok(())
}

/// Ends the chat's call in progress; whether there was one. Whoever joined and had not
/// left left then.
pub fn end(c: &Conn, chat_id: i64, now: &str) -> StoreResult<bool> {
    close_answers(c, chat_id, None, now)?;
    Ok(c.exec(
        "UPDATE calls SET ended_at = ?2 WHERE chat_id = ?1 AND ended_at IS NULL",
        &[&chat_id, &now],
    )? > 0)
}

/// Ends the chat's call in progress if it started before `before`: a record left open by
/// a node that stopped, found when nobody is in the call.
pub fn end_if_started_before(c: &Conn, chat_id: i64, before: &str, now: &str) -> StoreResult<()> {
    close_answers(c, chat_id, Some(before), now)?;
    c.exec(
        "UPDATE calls SET ended_at = ?3
         WHERE chat_id = ?1 AND ended_at IS NULL AND started_at < ?2",
        &[&chat_id, &before, &now],
    )?;
    Ok(())
}

/// How many calls the chat has had.
pub fn count_for_chat(c: &Conn, chat_id: i64) -> StoreResult<i64> {
    c.one(
        "SELECT count(*) FROM calls WHERE chat_id = ?1",
        &[&chat_id],
        |r| r.get(0),
    )
}

/// A page of the chat's calls, newest first.
pub fn page_for_chat(
    c: &Conn,
    chat_id: i64,
    limit: i64,
    offset: i64,
) -> StoreResult<Vec<CallRecord>> {
    c.all(
        &format!("{RECORD} WHERE k.chat_id = ?1 ORDER BY k.id DESC LIMIT ?2 OFFSET ?3"),
        &[&chat_id, &limit, &offset],
        record,
    )
}

/// The calls in progress in the chats `user_id` is a member of, newest first.
pub fn in_progress_for_member(c: &Conn, user_id: i64) -> StoreResult<Vec<CallRecord>> {
    c.all(
        &format!(
            "{RECORD} JOIN chat_members m ON m.chat_id = k.chat_id AND m.user_id = ?1
             WHERE k.ended_at IS NULL ORDER BY k.id DESC"
        ),
        &[&user_id],
        record,
    )
}

/// The answers to these calls, by call and then user.
pub fn answers(c: &Conn, call_ids: &[i64]) -> StoreResult<Vec<CallAnswer>> {
    let mut all = Vec::new();
    for id in call_ids {
        all.extend(c.all(
            &format!(
                "SELECT a.call_id, a.user_id, u.username, a.answer, a.at, a.left_at, {SHOWN_NAME}
                 FROM call_answers a JOIN users u ON u.id = a.user_id
                 WHERE a.call_id = ?1 ORDER BY a.at, a.user_id"
            ),
            &[id],
            |r| {
                Ok(CallAnswer {
                    call_id: r.get(0)?,
                    user_id: r.get(1)?,
                    username: r.get(2)?,
                    answer: r.get(3)?,
                    at: r.get(4)?,
                    left_at: r.get(5)?,
                    display_name: r.get(6)?,
                })
            },
        )?);
    }
    Ok(all)
}
