//! SQLite's full-text index kept up to the writer's group: the texts of messages
//! inserted in the open group are held in memory and indexed once, just before the group
//! commits, with the edits and deletes the triggers noted (migrations 9 and 43). Part of the
//! engine because the writer drives it (begin, a job rolled back, before COMMIT); the
//! search that reads the index is `store::messaging::search`.

use super::group_held::{Held, Slot};
use crate::store::engine::error::StoreResult;
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
    let noted = c
        .prepare_cached(
            "INSERT INTO messages_fts (messages_fts, rowid, content, chat)
             SELECT CASE op WHEN 'delete' THEN 'delete' END, -id, content, chat
               FROM messages_fts_pending ORDER BY seq",
        )?
        .execute([])?;
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
