//! SQLite's full-text index kept up to the writer's group: the texts of messages
//! inserted in the open group are held in memory and indexed once, just before the group
//! commits, with the edits and deletes the triggers noted (migrations 9 and 43). Part of the
//! engine because the writer drives it (begin, a job rolled back, before COMMIT); the
//! search that reads the index is `store::messaging::search`.

use super::group_held::{Held, Slot};
use crate::store::engine::error::StoreResult;
use rusqlite::OptionalExtension;
use std::cell::RefCell;

/// Indexes one live message's text. Its index entry's rowid is the message id negated
/// (migration 9): newest first is the index's ascending order, whose seeks are cheap.
const ADD_TEXT: &str = "INSERT INTO messages_fts (rowid, content, chat) VALUES (-?1, ?2, ?3)";

thread_local! {
    static NEW_TEXT_SLOT: Slot<(i64, String, String)> = const { RefCell::new(None) };
}

/// Texts of the messages inserted in the writer's open group, for [`apply_pending`]:
/// held only on the writer thread (`group_held`). Kept in memory instead of in
/// `messages_fts_pending`: the trigger and the table's insert and delete cost each send
/// about a third of what the index costs it (bench/scripts/writer-cpu.sh,
/// docs/benchmarks.md, "Decisions that rest on a figure").
pub const NEW_TEXTS: Held<(i64, String, String)> = Held(&NEW_TEXT_SLOT);

/// The index's `chat` column of a message (migrations 43 and 62): its chat's id, `s` with
/// its sender's id, and the two joined, each a word, so that a search names its chats as
/// `chat:("12" OR "14")`, a sender as `chat:"s7"` ([`sender_word`]) and a sender in one
/// chat as `chat:"12s7"` ([`sender_in_chat_word`]). A message in a direct chat leaves out
/// the sender's word: `from:` walks the searcher's direct chats by their joined words, and
/// the word left out is one term fewer for the writer to index at each send (the inbox's
/// send 1.044 times as fast as with it, docs/benchmarks.md). The triggers and the index's
/// source view write the same text in SQL.
pub(in crate::store) fn chat_column(chat_id: i64, sender_id: Option<i64>, direct: bool) -> String {
    match sender_id {
        Some(sender) if direct => format!("{chat_id} {}", sender_in_chat_word(sender, chat_id)),
        Some(sender) => format!(
            "{chat_id} {} {}",
            sender_word(sender),
            sender_in_chat_word(sender, chat_id)
        ),
        None => chat_id.to_string(),
    }
}

/// The word of the index's `chat` column that names a message's sender.
pub(in crate::store) fn sender_word(sender_id: i64) -> String {
    format!("s{sender_id}")
}

/// The word of the index's `chat` column that names a message's sender in its chat.
pub(in crate::store) fn sender_in_chat_word(sender_id: i64, chat_id: i64) -> String {
    format!("{chat_id}s{sender_id}")
}

/// Indexes a message just inserted on SQLite: kept for [`apply_pending`] on the writer
/// thread, written at once anywhere else (each FTS5 write outside a group flushes at the
/// next savepoint, which is correct but slower).
pub(in crate::store) fn note_new_text(
    c: &rusqlite::Connection,
    id: i64,
    (chat_id, sender_id, direct): (i64, Option<i64>, bool),
    content: &str,
) -> StoreResult<()> {
    let chat = chat_column(chat_id, sender_id, direct);
    if let Some((id, chat, content)) = NEW_TEXTS.hold((id, chat, content.to_string())) {
        c.prepare_cached(ADD_TEXT)?
            .execute(rusqlite::params![id, content, chat])?;
        crate::store::engine::noted_words::note(c, &content)?;
    }
    Ok(())
}

/// The edits and deletes the triggers noted, in order, applied to the index, each with
/// the `chat` column it was (or is to be) indexed with. The triggers write the three
/// words of step 43; a direct chat's message has two ([`chat_column`]). An add asks the
/// chat's kind; a delete asks the index whether the message holds its sender's word,
/// which holds even for a chat deleted meanwhile. The triggers do not read the kind
/// themselves: that made the schema each connection holds larger, idle memory by about
/// 50 KiB (migrations/62-direct-messages-without-sender-word.sql). How many were applied.
fn apply_noted(c: &rusqlite::Connection) -> rusqlite::Result<usize> {
    let noted: Vec<(bool, i64, String, String)> = c
        .prepare_cached(
            "SELECT op = 'delete', id, content, chat FROM messages_fts_pending ORDER BY seq",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut is_direct = c.prepare_cached("SELECT kind = 'direct' FROM chats WHERE id = ?1")?;
    let mut has_word = c.prepare_cached(
        "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?1 AND rowid = -?2",
    )?;
    let mut delete = c.prepare_cached(
        "INSERT INTO messages_fts (messages_fts, rowid, content, chat)
         VALUES ('delete', -?1, ?2, ?3)",
    )?;
    let mut add = c.prepare_cached(ADD_TEXT)?;
    for (deleted, id, content, chat) in &noted {
        let words: Vec<&str> = chat.split(' ').collect();
        let two_words = match words.as_slice() {
            [chat_id, sender, _] if *deleted => {
                has_word.query_row(rusqlite::params![format!("chat:\"{sender}\""), id], |r| {
                    r.get::<_, i64>(0)
                })? == 0
                    && chat_id.parse::<i64>().is_ok()
            }
            [chat_id, _, _] => match chat_id.parse::<i64>() {
                Ok(chat_id) => is_direct
                    .query_row([chat_id], |r| r.get(0))
                    .optional()?
                    .unwrap_or(false),
                Err(_) => false,
            },
            _ => false,
        };
        let chat = if two_words {
            format!("{} {}", words[0], words[2])
        } else {
            chat.clone()
        };
        if *deleted {
            delete.execute(rusqlite::params![id, content, chat])?;
        } else {
            add.execute(rusqlite::params![id, content, chat])?;
        }
    }
    Ok(noted.len())
}

/// Brings the index up to the group about to commit: first the texts of the messages it
/// inserted (kept in memory), then the edits and deletes the triggers noted (migration 9),
/// in the order they happened, which they forget. Adds go first, so a message sent and
/// then edited or deleted in the same group is taken out with the text it was added with.
/// The writer calls it once per group, after the last job and before COMMIT, so the index
/// commits with the messages. The words of every text indexed go to the vocabulary
/// (`search_words::note`). SQLite only: PostgreSQL's index follows its generated
/// column by itself, and its vocabulary is noted as messages are written
/// (`search_words::note_lexemes`).
pub fn apply_pending(c: &rusqlite::Connection) -> rusqlite::Result<()> {
    let texts = NEW_TEXTS.take();
    if !texts.is_empty() {
        let mut add = c.prepare_cached(ADD_TEXT)?;
        // Newest first: their rowids (ids negated) then ascend. FTS5 writes its pending
        // entries out as a new segment whenever a rowid comes below the last one, so the
        // other order cost a segment, and its merging, per message (writer CPU per send
        // 46 µs instead of 32; docs/benchmarks.md, "Decisions that rest on a figure").
        for (id, chat, content) in texts.iter().rev() {
            add.execute(rusqlite::params![id, content, chat])?;
            crate::store::engine::noted_words::note(c, content)?;
        }
    }
    let noted = apply_noted(c)?;
    if noted > 0 {
        // The new texts of edits go to the vocabulary too; most groups have none.
        let edited: Vec<String> = c
            .prepare_cached("SELECT content FROM messages_fts_pending WHERE op = 'add'")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for content in &edited {
            crate::store::engine::noted_words::note(c, content)?;
        }
        c.prepare_cached("DELETE FROM messages_fts_pending")?
            .execute([])?;
    }
    Ok(())
}
