//! `matrix_log`: what happened in chats, in commit order, so that a Matrix app's
//! `/sync` can ask for everything after a position it was given (a since token that
//! survives restarts and means the same on every node). The writers add a row for each
//! event a committed job published that a Matrix app shows; nothing else writes here.

use crate::hub::Emit;
use crate::model::Event;
use crate::store::{Conn, Dialect, StoreResult};

/// One change, as `/sync` reads it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRow {
    /// Its position: the since token after it.
    pub pos: i64,
    pub chat_id: i64,
    pub kind: Kind,
    /// The message it is about (sent, edited, deleted, reacted to, read up to, pinned).
    pub message_id: Option<i64>,
    /// The person it is about (who joined, left, read, pinned).
    pub user_id: Option<i64>,
}

/// What kind of change a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Message,
    Edit,
    Delete,
    Reaction,
    Read,
    Join,
    Leave,
    Chat,
    Pin,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Message => "message",
            Kind::Edit => "edit",
            Kind::Delete => "delete",
            Kind::Reaction => "reaction",
            Kind::Read => "read",
            Kind::Join => "join",
            Kind::Leave => "leave",
            Kind::Chat => "chat",
            Kind::Pin => "pin",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "message" => Kind::Message,
            "edit" => Kind::Edit,
            "delete" => Kind::Delete,
            "reaction" => Kind::Reaction,
            "read" => Kind::Read,
            "join" => Kind::Join,
            "leave" => Kind::Leave,
            "chat" => Kind::Chat,
            "pin" => Kind::Pin,
            _ => return None,
        })
    }
}

/// The row an event is logged as: (chat, kind, message, user); `None` for events a
/// Matrix app does not show from the log (typing, calls, statuses, threads' summaries).
fn row_of(chat_id: i64, event: &Event) -> Option<(i64, Kind, Option<i64>, Option<i64>)> {
    let sender = |v: &crate::model::MessageView| v.sender.as_ref().map(|s| s.id);
    Some(match event {
        Event::MessageCreated(v) => (chat_id, Kind::Message, Some(v.id), sender(v)),
        Event::MessageEdited(v) => (chat_id, Kind::Edit, Some(v.id), sender(v)),
        Event::MessageDeleted(v) => (chat_id, Kind::Delete, Some(v.id), sender(v)),
        Event::ReactionChanged { message_id, .. } => {
            (chat_id, Kind::Reaction, Some(*message_id), None)
        }
        Event::ReadUpTo {
            user_id,
            message_id,
        } => (chat_id, Kind::Read, Some(*message_id), Some(*user_id)),
        Event::MemberJoined { user } => (chat_id, Kind::Join, None, Some(user.id)),
        Event::MemberLeft { user_id } => (chat_id, Kind::Leave, None, Some(*user_id)),
        Event::ChatUpdated(_) => (chat_id, Kind::Chat, None, None),
        Event::PinChanged {
            message_id,
            user_id,
            ..
        } => (chat_id, Kind::Pin, Some(*message_id), Some(*user_id)),
        _ => return None,
    })
}

/// Logs the events of committed-to-be jobs, in order: on SQLite each row's position is
/// its rowid (one writer: insertion order is commit order); on PostgreSQL positions are
/// taken from `matrix_log_head`, whose row lock the transaction holds until it commits.
pub fn note<'e>(c: &Conn, emitted: impl Iterator<Item = &'e Emit>) -> StoreResult<()> {
    let rows: Vec<_> = emitted
        .filter_map(|e| match e {
            Emit::Event(p) if p.chat_id > 0 => row_of(p.chat_id, &p.event),
            _ => None,
        })
        .collect();
    note_rows(c, rows)
}

/// Logs that `users` are members of the new chat `chat_id` (a chat made with its members
/// publishes no event of their joining: natter's own clients learn of it from its first
/// message, Matrix apps from this).
pub fn note_joined(c: &Conn, chat_id: i64, users: &[i64]) -> StoreResult<()> {
    let rows = users
        .iter()
        .map(|u| (chat_id, Kind::Join, None, Some(*u)))
        .collect();
    note_rows(c, rows)
}

/// Writes `rows` at the next positions.
fn note_rows(c: &Conn, rows: Vec<(i64, Kind, Option<i64>, Option<i64>)>) -> StoreResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    match c.dialect() {
        Dialect::Sqlite => {
            for (chat, kind, message, user) in rows {
                c.exec(
                    "INSERT INTO matrix_log (chat_id, kind, message_id, user_id)
                     VALUES (?1, ?2, ?3, ?4)",
                    &[&chat, &kind.as_str(), &message, &user],
                )?;
            }
        }
        Dialect::Postgres => {
            let n = rows.len() as i64;
            // The copy `migrate-to-postgres` makes brings rows but not the head.
            let last: i64 = c
                .opt(
                    "UPDATE matrix_log_head SET pos = greatest(pos,
                         (SELECT coalesce(max(pos), 0) FROM matrix_log)) + ?1
                     RETURNING pos",
                    &[&n],
                    |r| r.get(0),
                )?
                .unwrap_or(n);
            for (i, (chat, kind, message, user)) in rows.into_iter().enumerate() {
                let pos = last - n + 1 + i as i64;
                c.exec(
                    "INSERT INTO matrix_log (pos, chat_id, kind, message_id, user_id)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    &[&pos, &chat, &kind.as_str(), &message, &user],
                )?;
            }
        }
    }
    Ok(())
}

/// The last position committed (0 before any).
pub fn head(c: &Conn) -> StoreResult<i64> {
    let sql = match c.dialect() {
        Dialect::Sqlite => "SELECT coalesce(max(pos), 0) FROM matrix_log",
        Dialect::Postgres => {
            "SELECT greatest((SELECT pos FROM matrix_log_head),
                             (SELECT coalesce(max(pos), 0) FROM matrix_log))"
        }
    };
    Ok(c.opt(sql, &[], |r| r.get::<i64>(0))?.unwrap_or(0))
}

/// The rows after `after` up to `upto` that `user_id` sees: those of chats they are a
/// member of now, and their own joins and leaves anywhere; at most `limit`.
pub fn seen_by(
    c: &Conn,
    user_id: i64,
    after: i64,
    upto: i64,
    limit: i64,
) -> StoreResult<Vec<LogRow>> {
    let rows: Vec<Option<LogRow>> = c.all(
        "SELECT pos, chat_id, kind, message_id, user_id FROM matrix_log
         WHERE pos > ?1 AND pos <= ?2
           AND (chat_id IN (SELECT chat_id FROM chat_members WHERE user_id = ?3)
                OR (user_id = ?3 AND kind IN ('join', 'leave')))
         ORDER BY pos LIMIT ?4",
        &[&after, &upto, &user_id, &limit],
        |r| {
            let kind: String = r.get(2)?;
            let Some(kind) = Kind::parse(&kind) else {
                return Ok(None);
            };
            Ok(Some(LogRow {
                pos: r.get(0)?,
                chat_id: r.get(1)?,
                kind,
                message_id: r.get(3)?,
                user_id: r.get(4)?,
            }))
        },
    )?;
    Ok(rows.into_iter().flatten().collect())
}
