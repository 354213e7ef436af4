//! A message row, owned ([`Message`]) and borrowed from the backend's buffers
//! ([`MessageRef`]), and how it is read: what the message queries and the search both
//! read, apart from either.

use crate::model::{Threading, ThreadingRef};
use crate::store::engine::sql::{Column, Row};
use crate::store::StoreResult;

/// One live message row.
#[derive(Debug, Clone)]
pub struct Message {
    pub id: i64,
    pub chat_id: i64,
    pub sender_id: Option<i64>,
    pub content: String,
    pub created_at: String,
    pub edited_at: Option<String>,
    /// How many files are attached, as read (kept by a trigger): 0 means none to look up.
    /// A message just inserted says 0 even if files are attached after.
    pub file_count: i64,
    /// How many reactions it has, as read (kept by a trigger): 0 means none to look up.
    pub reaction_count: i64,
    /// What it replies to, its thread, a root's summary.
    pub threading: Threading,
    /// An administrator removed it: it keeps its place with no text, files or reactions.
    pub removed: bool,
    /// Its link previews as the chats surface shows them (a JSON list), None for none.
    pub previews: Option<String>,
    /// An encrypted message's `m.room.encrypted` content as the Matrix app sent it
    /// (its text then only says that it is encrypted).
    pub sealed: Option<String>,
}

/// How many columns [`COLUMNS`] names: the index of the first column a query adds after
/// them.
pub(in crate::store) const COLUMN_COUNT: usize = 17;

/// The columns `from_row` reads, from the `messages` table aliased `m`.
pub(in crate::store) const COLUMNS: &str =
    "m.id, m.chat_id, m.sender_id, m.content, m.created_at, m.edited_at, m.file_count, m.reaction_count, \
     m.reply_to_id, m.thread_id, m.in_channel, m.reply_count, m.last_reply_at, m.reply_users, \
     m.removed_at IS NOT NULL, m.previews, m.sealed";

pub(in crate::store) fn from_row(r: &Row<'_>) -> StoreResult<Message> {
    MessageRef::from_row(r, None).map(|m| m.to_owned())
}

/// One live message row with its text borrowed from the backend's buffers, valid until the
/// next row is read. A page of history is written straight from these: copying every
/// row's text into owned strings, then freeing them, showed as about a sixth of a page's
/// samples in perf.
#[derive(Debug, Clone, Copy)]
pub struct MessageRef<'r> {
    pub id: i64,
    pub chat_id: i64,
    pub sender_id: Option<i64>,
    pub content: &'r str,
    pub created_at: &'r str,
    pub edited_at: Option<&'r str>,
    /// As [`Message::file_count`].
    pub file_count: i64,
    /// As [`Message::reaction_count`].
    pub reaction_count: i64,
    /// As [`Message::threading`].
    pub threading: ThreadingRef<'r>,
    /// As [`Message::removed`].
    pub removed: bool,
    /// As [`Message::previews`].
    pub previews: Option<&'r str>,
    /// As [`Message::sealed`].
    pub sealed: Option<&'r str>,
}

impl<'r> MessageRef<'r> {
    /// The row's message; `chat_id` when the query already names the chat, which saves
    /// reading that column (each column read costs about 200 instructions).
    pub(in crate::store) fn from_row(r: &Row<'r>, chat_id: Option<i64>) -> StoreResult<Self> {
        // The backend is chosen once for the row, not for each column as `Row::get` does:
        // that cost about 160 instructions a row, 8,000 a page of history (callgrind,
        // bench/scripts/history-instructions.sh).
        macro_rules! read {
            ($column:path, $r:expr) => {
                MessageRef {
                    id: $column($r, 0)?,
                    chat_id: match chat_id {
                        Some(id) => id,
                        None => $column($r, 1)?,
                    },
                    sender_id: $column($r, 2)?,
                    content: $column($r, 3)?,
                    created_at: $column($r, 4)?,
                    edited_at: $column($r, 5)?,
                    file_count: $column($r, 6)?,
                    reaction_count: $column($r, 7)?,
                    threading: ThreadingRef {
                        reply_to: $column($r, 8)?,
                        thread_id: $column($r, 9)?,
                        in_channel: $column($r, 10)?,
                        reply_count: $column($r, 11)?,
                        last_reply_at: $column($r, 12)?,
                        reply_users: $column($r, 13)?,
                    },
                    removed: $column($r, 14)?,
                    previews: $column($r, 15)?,
                    sealed: $column($r, 16)?,
                }
            };
        }
        Ok(match *r {
            Row::Sqlite(r) => read!(Column::sqlite, r),
            Row::Pg(r) => read!(Column::pg, r),
        })
    }

    /// The row with its text copied out.
    pub fn to_owned(&self) -> Message {
        Message {
            id: self.id,
            chat_id: self.chat_id,
            sender_id: self.sender_id,
            content: self.content.to_string(),
            created_at: self.created_at.to_string(),
            edited_at: self.edited_at.map(str::to_string),
            file_count: self.file_count,
            reaction_count: self.reaction_count,
            threading: self.threading.to_owned(),
            removed: self.removed,
            previews: self.previews.map(str::to_string),
            sealed: self.sealed.map(str::to_string),
        }
    }
}

impl Message {
    /// The message borrowed, as a page's rows are read.
    pub fn as_ref(&self) -> MessageRef<'_> {
        MessageRef {
            id: self.id,
            chat_id: self.chat_id,
            sender_id: self.sender_id,
            content: &self.content,
            created_at: &self.created_at,
            edited_at: self.edited_at.as_deref(),
            file_count: self.file_count,
            reaction_count: self.reaction_count,
            threading: self.threading.as_ref(),
            removed: self.removed,
            previews: self.previews.as_deref(),
            sealed: self.sealed.as_deref(),
        }
    }
}

impl Message {
    /// A message just inserted: no edit, no files, no reactions yet.
    pub(in crate::store) fn new_sent(
        id: i64,
        chat_id: i64,
        sender_id: i64,
        content: &str,
        now: &str,
    ) -> Message {
        Message {
            id,
            chat_id,
            sender_id: Some(sender_id),
            content: content.to_string(),
            created_at: now.to_string(),
            edited_at: None,
            file_count: 0,
            reaction_count: 0,
            threading: Threading::default(),
            removed: false,
            previews: None,
            sealed: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_count_counts_the_columns() {
        assert_eq!(COLUMNS.split(',').count(), COLUMN_COUNT);
    }
}
