//! Full-text search over message text (the FTS5 index of migration 4). What a user types
//! is data, never FTS5 syntax: `fts_query` quotes every word, so quotes, `NEAR`, `AND`,
//! `*`, `^`, column filters and unbalanced parentheses match as text or not at all.

use super::messages::{from_row, Message, COLUMNS};
use super::{Conn, StoreResult};
use rusqlite::params;

/// Marks the snippet puts around matched words; private-use characters, which the
/// surface swaps for `<mark>` after HTML-escaping the rest.
pub const MARK_START: char = '\u{E000}';
pub const MARK_END: char = '\u{E001}';

/// The FTS5 query for what a user typed: each word a quoted phrase (a `"` inside doubled),
/// all of them required, and the last one also a prefix (`deplo` finds `deploy`). `None`
/// when nothing searchable is left (only punctuation).
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let (last, rest) = words.split_last()?;
    let quote = |w: &str| format!("\"{}\"", w.replace('"', "\"\""));
    let mut query: Vec<String> = rest.iter().map(|w| quote(w)).collect();
    query.push(format!("{}*", quote(last)));
    Some(query.join(" "))
}

/// Applies the changes the triggers noted since the last group (migration 4) to the
/// index, in the order they happened, and forgets them. The writer calls it once per
/// group, after the last job and before COMMIT, so the index commits with the messages.
pub fn apply_pending(c: &rusqlite::Connection) -> rusqlite::Result<()> {
    let noted = c
        .prepare_cached(
            "INSERT INTO messages_fts (messages_fts, rowid, content)
             SELECT CASE op WHEN 'delete' THEN 'delete' END, id, content
               FROM messages_fts_pending ORDER BY seq",
        )?
        .execute([])?;
    if noted > 0 {
        c.prepare_cached("DELETE FROM messages_fts_pending")?
            .execute([])?;
    }
    Ok(())
}

/// One match: the message and the text around the matched words.
pub struct Found {
    pub message: Message,
    /// Up to a dozen words around the match, matched words between [`MARK_START`] and
    /// [`MARK_END`], `…` where text was cut.
    pub snippet: String,
}

/// Live messages matching `query` (from [`fts_query`]) in the chats `user_id` is a member
/// of now (or only `chat_id`), with ids below `before`, newest first, at most `limit`.
/// Ordered by the index's own rowid (the message id), which FTS5 walks backwards itself:
/// the first page of a word in every message stops after a page of matches instead of
/// sorting all of them. The walk starts at the newest message of the caller's chats, not
/// at the newest message anywhere: no match can be newer, and a common word otherwise
/// walked past every newer message of other chats first (919 ms p99 instead of the
/// figures in docs/benchmarks.md, eleventh session, when the caller's chats are quiet).
pub fn in_my_chats(
    c: &Conn,
    user_id: i64,
    query: &str,
    chat_id: Option<i64>,
    before: Option<i64>,
    limit: i64,
) -> StoreResult<Vec<Found>> {
    let sql = format!(
        "SELECT {COLUMNS}, snippet(messages_fts, 0, ?5, ?6, '…', 12)
         FROM messages_fts f
         JOIN messages m ON m.id = f.rowid
         JOIN chat_members cm ON cm.chat_id = m.chat_id AND cm.user_id = ?1
         WHERE messages_fts MATCH ?2 AND f.rowid < ?4 AND m.deleted_at IS NULL
           AND (?3 IS NULL OR m.chat_id = ?3)
         ORDER BY f.rowid DESC LIMIT ?7"
    );
    let newest: i64 = c
        .sqlite()?
        .prepare_cached(
            "SELECT coalesce(max(c.last_message_id), 0) FROM chat_members cm
             JOIN chats c ON c.id = cm.chat_id
             WHERE cm.user_id = ?1 AND (?2 IS NULL OR cm.chat_id = ?2)",
        )?
        .query_row(params![user_id, chat_id], |r| r.get(0))?;
    let below = before.unwrap_or(i64::MAX).min(newest.saturating_add(1));
    let mut stmt = c.sqlite()?.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        params![
            user_id,
            query,
            chat_id,
            below,
            MARK_START.to_string(),
            MARK_END.to_string(),
            limit
        ],
        |r| {
            Ok(Found {
                message: from_row(r)?,
                snippet: r.get(8)?,
            })
        },
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::fts_query;
    use crate::store::chats::{self, NewChat};
    use crate::store::users::{self, NewUser};
    use crate::store::{messages, ChatKind, Db, StoreResult};

    /// What `text` finds in `chat_id` once committed, read as a surface's `?search=` list
    /// reads it (`PageQuery::search`).
    async fn found(db: &Db, chat_id: i64, text: &'static str) -> Vec<i64> {
        db.read(move |c| -> StoreResult<_> {
            let query = messages::PageQuery {
                before: None,
                after: None,
                limit: 100,
                offset: 0,
                order: messages::Order::OldestFirst,
                search: fts_query(text),
            };
            let page = messages::page(c, chat_id, &query)?;
            Ok(page.iter().map(|m| m.id).collect())
        })
        .await
        .expect("search")
    }

    #[tokio::test]
    async fn changes_within_one_group_reach_the_index_in_order_and_failed_jobs_leave_none() {
        let db = Db::in_memory(Default::default());
        let (chat, kept) = db
            .write(|tx| -> StoreResult<_> {
                let now = "2026-11-23T10:00:00.000000Z";
                let user = users::insert(
                    tx,
                    &NewUser {
                        username: "alice",
                        email: "",
                        password_hash: "x",
                        display_name: "",
                        is_admin: false,
                    },
                    now,
                )?;
                let chat = chats::insert(
                    tx,
                    &NewChat {
                        kind: ChatKind::Group,
                        title: "t",
                        name: None,
                        description: "",
                        max_participants: None,
                        is_private: false,
                        created_by: user.id,
                        direct_pair: None,
                    },
                    now,
                )?;
                // In one job: sent, edited, another sent and deleted.
                let edited = messages::insert(tx, chat, user.id, "first draft", now)?;
                messages::update_content(tx, edited.id, "final wording", now)?;
                let gone = messages::insert(tx, chat, user.id, "secret plan", now)?;
                messages::soft_delete(tx, gone.id, now)?;
                Ok((chat, edited.id))
            })
            .await
            .expect("write");
        assert_eq!(found(&db, chat, "wording").await, vec![kept]);
        assert!(found(&db, chat, "draft").await.is_empty());
        assert!(found(&db, chat, "secret").await.is_empty());

        // A job that fails takes its notes with it; the next group indexes cleanly.
        let failed = db
            .write(move |tx| -> StoreResult<()> {
                messages::update_content(tx, kept, "never committed", "t")?;
                Err(crate::store::StoreError::Internal("refused".into()))
            })
            .await;
        assert!(failed.is_err());
        db.write(move |tx| -> StoreResult<_> {
            messages::update_content(tx, kept, "final wording, again", "t")
        })
        .await
        .expect("edit");
        assert!(found(&db, chat, "committed").await.is_empty());
        assert_eq!(found(&db, chat, "again").await, vec![kept]);
    }

    #[test]
    fn user_text_becomes_quoted_words_with_a_prefix_on_the_last() {
        assert_eq!(fts_query("deplo").as_deref(), Some("\"deplo\"*"));
        assert_eq!(
            fts_query("  café  au lait ").as_deref(),
            Some("\"café\" \"au\" \"lait\"*")
        );
        assert_eq!(
            fts_query("say \"hi\" NEAR(a").as_deref(),
            Some("\"say\" \"\"\"hi\"\"\" \"NEAR(a\"*")
        );
        assert_eq!(fts_query("* ^ ( ) \" :"), None);
        assert_eq!(fts_query(""), None);
    }
}
