//! `matrix_log`: what happened in chats, in commit order, so that a Matrix app's
//! `/sync` can ask for everything after a position it was given (a since token that
//! survives restarts and means the same on every node). The writers add a row for each
//! event a committed job published that a Matrix app shows.
//!
//! On SQLite a message sent is not logged: the one writer gives message ids in commit
//! order, so the newest message id is the position of sends. A row per send wrote two
//! more pages to the write-ahead log at each commit, and cost 15 % of socket sends
//! (`bench/scripts/compare.sh ... send --transport socket`). PostgreSQL's ids come from a
//! sequence, in no commit order across chats, so there sends are logged.

use crate::hub::{Emit, Published};
use crate::model::Event;
use crate::store::{Conn, Dialect, StoreResult, Tx};
use std::sync::Arc;

/// One change, as `/sync` reads it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRow {
    /// Its position: the since token after it.
    pub pos: i64,
    pub chat_id: i64,
    pub kind: Kind,
    /// The message it is about (sent, edited, deleted, reacted to, read up to, pinned).
    pub message_id: Option<i64>,
    /// The person it is about (who joined, left, read, pinned, reacted).
    pub user_id: Option<i64>,
    /// A reaction's emoji.
    pub emoji: Option<String>,
}

/// What kind of change a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Message,
    Edit,
    Delete,
    /// An emoji put on a message.
    ReactionOn,
    /// An emoji taken off a message.
    ReactionOff,
    Read,
    /// A person read up to a message privately: only their own apps are told.
    PrivateRead,
    Join,
    Leave,
    Chat,
    Pin,
    /// The person's own account data changed (chat 0 for the account's, else the chat's).
    AccountData,
    /// A member's name or picture changed (shown as their membership again).
    Profile,
    /// Messages were sent to the person's devices (`store::matrix::to_device`).
    ToDevice,
    /// The person's devices or encryption keys changed: those who share a chat with
    /// them are told to fetch their keys again.
    DeviceKeys,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Message => "message",
            Kind::Edit => "edit",
            Kind::Delete => "delete",
            Kind::ReactionOn => "reaction_on",
            Kind::ReactionOff => "reaction_off",
            Kind::Read => "read",
            Kind::PrivateRead => "private_read",
            Kind::Join => "join",
            Kind::Leave => "leave",
            Kind::Chat => "chat",
            Kind::Pin => "pin",
            Kind::AccountData => "account_data",
            Kind::Profile => "profile",
            Kind::ToDevice => "to_device",
            Kind::DeviceKeys => "device_keys",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "message" => Kind::Message,
            "edit" => Kind::Edit,
            "delete" => Kind::Delete,
            "reaction_on" => Kind::ReactionOn,
            "reaction_off" => Kind::ReactionOff,
            "read" => Kind::Read,
            "private_read" => Kind::PrivateRead,
            "join" => Kind::Join,
            "leave" => Kind::Leave,
            "chat" => Kind::Chat,
            "pin" => Kind::Pin,
            "account_data" => Kind::AccountData,
            "profile" => Kind::Profile,
            "to_device" => Kind::ToDevice,
            "device_keys" => Kind::DeviceKeys,
            _ => return None,
        })
    }
}

/// A row to write: chat, kind, message, person, emoji.
type NewRow = (i64, Kind, Option<i64>, Option<i64>, Option<String>);

/// The row an event is logged as; `None` for events a Matrix app does not show from
/// the log (typing, calls, statuses, threads' summaries, and a reaction an older node
/// published without saying whose it was).
fn row_of(chat_id: i64, event: &Event) -> Option<NewRow> {
    let sender = |v: &crate::model::MessageView| v.sender.as_ref().map(|s| s.id);
    let row = |kind, message, user| (chat_id, kind, message, user, None);
    Some(match event {
        Event::MessageCreated(v) => row(Kind::Message, Some(v.id), sender(v)),
        Event::MessageEdited(v) => row(Kind::Edit, Some(v.id), sender(v)),
        Event::MessageDeleted(v) => row(Kind::Delete, Some(v.id), sender(v)),
        Event::ReactionChanged {
            message_id,
            change: Some(change),
            ..
        } => (
            chat_id,
            match change.added {
                true => Kind::ReactionOn,
                false => Kind::ReactionOff,
            },
            Some(*message_id),
            Some(change.user_id),
            Some(change.emoji.clone()),
        ),
        Event::ReadUpTo {
            user_id,
            message_id,
        } => row(Kind::Read, Some(*message_id), Some(*user_id)),
        Event::MemberJoined { user } => row(Kind::Join, None, Some(user.id)),
        Event::MemberLeft { user_id } => row(Kind::Leave, None, Some(*user_id)),
        Event::ChatUpdated(_) => row(Kind::Chat, None, None),
        Event::PinChanged {
            message_id,
            user_id,
            ..
        } => row(Kind::Pin, Some(*message_id), Some(*user_id)),
        _ => return None,
    })
}

/// Logs the events of committed-to-be jobs, in order: on SQLite each row's position is
/// its rowid (one writer: insertion order is commit order); on PostgreSQL positions are
/// taken from `matrix_log_head`, whose row lock the transaction holds until it commits.
pub fn note<'e>(c: &Conn, emitted: impl Iterator<Item = &'e Emit>) -> StoreResult<()> {
    let sends_logged = logs_sends(c);
    let rows: Vec<_> = emitted
        .filter_map(|e| match e {
            Emit::Event(p) if p.chat_id > 0 => row_of(p.chat_id, &p.event),
            _ => None,
        })
        .filter(|row| sends_logged || row.1 != Kind::Message)
        .collect();
    note_rows(c, rows)
}

/// Logs that `users` are members of the new chat `chat_id` (a chat made with its members
/// publishes no event of their joining: natter's own clients learn of it from its first
/// message, Matrix apps from this), and wakes their waiting syncs at once: a long poll
/// hears only the chats its person had when it began, and the people of a new chat.
pub fn note_joined(c: &Tx, chat_id: i64, users: &[i64]) -> StoreResult<()> {
    let rows = users
        .iter()
        .map(|u| (chat_id, Kind::Join, None, Some(*u), None))
        .collect();
    note_rows(c, rows)?;
    c.publish(Published::new(0, Arc::from(users), Event::MatrixNews));
    Ok(())
}

/// Logs that `user_id` changed their account data (of chat `chat_id`, 0 for the
/// account's): their other devices' syncs bring it, woken at once.
pub fn note_account_data(c: &Tx, user_id: i64, chat_id: i64) -> StoreResult<()> {
    note_rows(
        c,
        vec![(chat_id, Kind::AccountData, None, Some(user_id), None)],
    )?;
    c.publish(Published::new(0, Arc::from([user_id]), Event::MatrixNews));
    Ok(())
}

/// Logs that `user_id` read chat `chat_id` up to `message_id` privately, and wakes their
/// own syncs alone (the others' apps never see the row: [`seen_by`]).
pub fn note_private_read(c: &Tx, chat_id: i64, user_id: i64, message_id: i64) -> StoreResult<()> {
    note_rows(
        c,
        vec![(
            chat_id,
            Kind::PrivateRead,
            Some(message_id),
            Some(user_id),
            None,
        )],
    )?;
    c.publish(Published::new(0, Arc::from([user_id]), Event::MatrixNews));
    Ok(())
}

/// Logs that `user_id` changed their name or picture, in every chat they are in: their
/// membership there is told again with them, and the waiting syncs of everyone who
/// shares one of those chats wake at once.
pub fn note_profile(c: &Tx, user_id: i64) -> StoreResult<()> {
    let chats: Vec<i64> = c.all(
        "SELECT chat_id FROM chat_members WHERE user_id = ?1",
        &[&user_id],
        |r| r.get(0),
    )?;
    let rows = chats
        .into_iter()
        .map(|chat| (chat, Kind::Profile, None, Some(user_id), None))
        .collect();
    note_rows(c, rows)?;
    let people = sharing_a_chat(c, user_id)?;
    c.publish(Published::new(0, people.into(), Event::MatrixNews));
    Ok(())
}

/// Everyone in a chat with `user_id` (they too, when they are in one): whose waiting
/// syncs a change of theirs wakes.
fn sharing_a_chat(c: &Conn, user_id: i64) -> StoreResult<Vec<i64>> {
    c.all(
        "SELECT DISTINCT user_id FROM chat_members WHERE chat_id IN
             (SELECT chat_id FROM chat_members WHERE user_id = ?1)",
        &[&user_id],
        |r| r.get(0),
    )
}

/// Logs that messages were sent to devices of `recipients`, and wakes their syncs:
/// answers the position they were sent at (the last row's, which commits with them).
pub fn note_to_device(c: &Tx, recipients: &[i64]) -> StoreResult<i64> {
    let rows = recipients
        .iter()
        .map(|u| (0, Kind::ToDevice, None, Some(*u), None))
        .collect();
    note_rows(c, rows)?;
    c.publish(Published::new(0, Arc::from(recipients), Event::MatrixNews));
    head(c)
}

/// Logs that `user_id`'s devices or keys changed, and wakes the syncs of everyone who
/// shares a chat with them (and their own).
pub fn note_device_keys(c: &Tx, user_id: i64) -> StoreResult<()> {
    note_rows(c, vec![(0, Kind::DeviceKeys, None, Some(user_id), None)])?;
    let mut people = sharing_a_chat(c, user_id)?;
    if !people.contains(&user_id) {
        people.push(user_id);
    }
    c.publish(Published::new(0, people.into(), Event::MatrixNews));
    Ok(())
}

/// The people whose devices or keys `user_id`'s apps must fetch again, after `after` up
/// to `upto`: those who share a chat with them (or they themself) and changed their
/// devices or keys, those who joined one of their chats, and everyone in a chat they
/// joined.
pub fn keys_changed(c: &Conn, user_id: i64, after: i64, upto: i64) -> StoreResult<Vec<i64>> {
    c.all(
        "SELECT user_id FROM matrix_log
         WHERE pos > ?1 AND pos <= ?2 AND kind = 'device_keys'
           AND (user_id = ?3 OR user_id IN (SELECT m2.user_id FROM chat_members m1
                JOIN chat_members m2 ON m2.chat_id = m1.chat_id WHERE m1.user_id = ?3))
         UNION
         SELECT user_id FROM matrix_log
         WHERE pos > ?1 AND pos <= ?2 AND kind = 'join' AND user_id IS NOT NULL
           AND chat_id IN (SELECT chat_id FROM chat_members WHERE user_id = ?3)
         UNION
         SELECT m.user_id FROM chat_members m WHERE m.chat_id IN
             (SELECT chat_id FROM matrix_log
              WHERE pos > ?1 AND pos <= ?2 AND kind = 'join' AND user_id = ?3)
         ORDER BY 1",
        &[&after, &upto, &user_id],
        |r| r.get(0),
    )
}

/// Writes `rows` at the next positions.
fn note_rows(c: &Conn, rows: Vec<NewRow>) -> StoreResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    match c.dialect() {
        Dialect::Sqlite => {
            for (chat, kind, message, user, emoji) in rows {
                c.exec(
                    "INSERT INTO matrix_log (chat_id, kind, message_id, user_id, emoji)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    &[&chat, &kind.as_str(), &message, &user, &emoji],
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
            for (i, (chat, kind, message, user, emoji)) in rows.into_iter().enumerate() {
                let pos = last - n + 1 + i as i64;
                c.exec(
                    "INSERT INTO matrix_log (pos, chat_id, kind, message_id, user_id, emoji)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    &[&pos, &chat, &kind.as_str(), &message, &user, &emoji],
                )?;
            }
        }
    }
    Ok(())
}

/// Removes up to `batch` of the oldest rows more than `keep` positions behind the
/// head; how many went. The newest row always stays (it is at or within `keep` of the
/// head), so SQLite's next rowid (the next position) never goes back.
pub fn prune(c: &Conn, keep: i64, batch: i64) -> StoreResult<usize> {
    let below = head(c)? - keep.max(1);
    c.exec(
        "DELETE FROM matrix_log WHERE pos IN
             (SELECT pos FROM matrix_log WHERE pos < ?1 ORDER BY pos LIMIT ?2)",
        &[&below, &batch],
    )
}

/// Whether sends are logged (PostgreSQL); on SQLite their ids are their positions.
pub fn logs_sends(c: &Conn) -> bool {
    c.dialect() == Dialect::Postgres
}

/// The newest message id committed (0 before any), on SQLite the position of sends.
pub fn head_message(c: &Conn) -> StoreResult<i64> {
    Ok(
        c.opt("SELECT coalesce(max(id), 0) FROM messages", &[], |r| {
            r.get::<i64>(0)
        })?
        .unwrap_or(0),
    )
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
/// member of now (but others' account data and private receipts), and their own joins, leaves and account
/// data anywhere; at most `limit`.
pub fn seen_by(
    c: &Conn,
    user_id: i64,
    after: i64,
    upto: i64,
    limit: i64,
) -> StoreResult<Vec<LogRow>> {
    let rows: Vec<Option<LogRow>> = c.all(
        "SELECT pos, chat_id, kind, message_id, user_id, emoji FROM matrix_log
         WHERE pos > ?1 AND pos <= ?2
           AND (chat_id IN (SELECT chat_id FROM chat_members WHERE user_id = ?3)
                OR (user_id = ?3 AND kind IN ('join', 'leave', 'account_data', 'to_device',
                                              'device_keys'))
                OR (kind = 'device_keys' AND user_id IN (SELECT m2.user_id FROM chat_members m1
                    JOIN chat_members m2 ON m2.chat_id = m1.chat_id WHERE m1.user_id = ?3)))
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
                emoji: r.get(5)?,
            }))
        },
    )?;
    Ok(rows
        .into_iter()
        .flatten()
        .filter(|r| {
            !matches!(r.kind, Kind::AccountData | Kind::PrivateRead) || r.user_id == Some(user_id)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Db;

    #[tokio::test]
    async fn pruning_keeps_the_newest_rows_and_positions_go_on() {
        let db = Db::in_memory(Default::default());
        db.write(|tx| -> StoreResult<()> {
            let users: Vec<i64> = (1..=30).collect();
            note_joined(tx, 1, &users)?;
            assert_eq!(head(tx)?, 30);
            assert_eq!(prune(tx, 10, 5)?, 5, "a batch at a time");
            while prune(tx, 10, 5)? > 0 {}
            let left: i64 = tx
                .opt("SELECT count(*) FROM matrix_log", &[], |r| r.get(0))?
                .unwrap_or(0);
            assert_eq!(left, 11, "the newest and ten behind it");
            note_joined(tx, 1, &[31])?;
            assert_eq!(head(tx)?, 31);
            Ok(())
        })
        .await
        .expect("the job");
    }
}
