//! Full-text search over message text: SQLite's FTS5 index (migration 4), or PostgreSQL's
//! generated `tsvector` column with its GIN index (schema_pg.sql). What a user types is
//! data, never query syntax: [`SearchQuery`] quotes every word for FTS5, so quotes, `NEAR`,
//! `AND`, `*`, `^`, column filters and unbalanced parentheses match as text or not at all,
//! and keeps only letters and digits for PostgreSQL's `tsquery`, quoted after `unaccent`.

use super::messages::{from_row, Message, COLUMNS};
use super::snippet::{
    spans, uses_stand_ins, with_ellipses, ENTITY, MARK_END, MARK_START, TAG_OPEN,
};
use super::{Conn, Dialect, StoreResult};
use std::cell::RefCell;

pub use super::snippet::Span;

/// Most distinct terms a search may have (issue 34): each is one more walk of the index,
/// so a longer query is refused (400) instead of taking a reader for seconds.
pub const MAX_TERMS: usize = 16;

/// Shortest last word that is also searched as a prefix: a prefix of one or two letters
/// stands for most of the index's words, so such a word is matched whole.
pub const MIN_PREFIX_CHARS: usize = 3;

/// What a user searches for: every word required, the last one also as a prefix
/// (`deplo` finds `deploy`) when it has at least [`MIN_PREFIX_CHARS`] characters. Built
/// once from the user's text ([`SearchQuery::from_text`]) and written in each backend's
/// query language where a statement binds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// The whitespace-separated words that have a letter or digit, as typed, each once
    /// (ignoring case). Empty only for [`SearchQuery::nothing`].
    words: Vec<String>,
    /// Whether the last word is also a prefix.
    prefix: bool,
    /// PostgreSQL's terms: the words cut at every character that is not a letter or digit
    /// (so no character of the user's is `tsquery` syntax), lower-cased, each once.
    terms: Vec<String>,
    /// Whether the last word's last term is the last of `terms` (not one seen before), so
    /// it takes the word's prefix.
    last_term_is_new: bool,
}

/// Why a text is not a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsearchable {
    /// No letter or digit in it: it matches nothing.
    Empty,
    /// More than [`MAX_TERMS`] distinct terms.
    TooManyTerms,
}

impl SearchQuery {
    /// The query for what a user typed. A word repeated (in any case) counts once; the
    /// terms are what PostgreSQL searches for (the words cut at every character that is
    /// not a letter or digit), distinct, at most [`MAX_TERMS`].
    pub fn from_text(text: &str) -> Result<SearchQuery, Unsearchable> {
        let mut words: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut last_is_new = false;
        for word in text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
        {
            last_is_new = seen.insert(word.to_lowercase());
            if last_is_new {
                words.push(word.to_string());
            }
        }
        if words.is_empty() {
            return Err(Unsearchable::Empty);
        }
        let mut terms: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut last_term_is_new = false;
        for term in words
            .iter()
            .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()))
            .filter(|t| !t.is_empty())
        {
            let term = term.to_lowercase();
            last_term_is_new = seen.insert(term.clone());
            if last_term_is_new {
                terms.push(term);
            }
        }
        if terms.len() > MAX_TERMS {
            return Err(Unsearchable::TooManyTerms);
        }
        // A last word typed before (`deploy deploy`) is required whole already.
        let prefix = last_is_new
            && words.last().is_some_and(|w| {
                w.chars().filter(|c| c.is_alphanumeric()).count() >= MIN_PREFIX_CHARS
            });
        Ok(SearchQuery {
            words,
            prefix,
            terms,
            last_term_is_new,
        })
    }

    /// A query that matches no message (a `?search=` of only punctuation).
    pub fn nothing() -> SearchQuery {
        SearchQuery {
            words: Vec::new(),
            prefix: false,
            terms: Vec::new(),
            last_term_is_new: false,
        }
    }

    /// The FTS5 query: each word a quoted phrase (a `"` inside doubled), all of them
    /// required, and the last one also a prefix if [`MIN_PREFIX_CHARS`] long. An empty
    /// phrase (`""`) for [`SearchQuery::nothing`], which matches nothing.
    fn fts5(&self) -> String {
        let Some((last, rest)) = self.words.split_last() else {
            return "\"\"".into();
        };
        let quote = |w: &str| format!("\"{}\"", w.replace('"', "\"\""));
        let mut query: Vec<String> = rest.iter().map(|w| quote(w)).collect();
        query.push(if self.prefix {
            format!("{}*", quote(last))
        } else {
            quote(last)
        });
        query.join(" ")
    }

    /// PostgreSQL's half of the `tsquery` ([`tsquery`] writes the rest in SQL): the terms,
    /// separated by single spaces; a trailing space when the last term is not also a
    /// prefix (it repeats an earlier one, or is shorter than [`MIN_PREFIX_CHARS`]). Empty
    /// for [`SearchQuery::nothing`].
    fn tokens(&self) -> String {
        let mut out = self.terms.join(" ");
        let last_is_prefix = self.prefix
            && self.last_term_is_new
            && self
                .terms
                .last()
                .is_some_and(|t| t.chars().count() >= MIN_PREFIX_CHARS);
        if !out.is_empty() && !last_is_prefix {
            out.push(' ');
        }
        out
    }

    /// The text a statement binds for this query on backend `d`: FTS5's MATCH string on
    /// SQLite, the tokens [`tsquery`] reads on PostgreSQL.
    pub(super) fn bound(&self, d: Dialect) -> String {
        match d {
            Dialect::Sqlite => self.fts5(),
            Dialect::Postgres => self.tokens(),
        }
    }
}

/// PostgreSQL: the `tsquery` for parameter `?n` holding [`SearchQuery`]'s tokens, as
/// `' word1 ' & ' word2 ':*`. The tokens go through `unaccent` first, as the indexed
/// text does (`natter_search_text`), and are quoted after it: `unaccent` turns some
/// letters into quotes (`ʼ` becomes `'`), spaces (`½` becomes ` 1/2`) or nothing, so the
/// quoting is done in SQL on its result. A backslash or quote is escaped, a space
/// separates tokens, and every token has a space on each side inside its quotes, so a
/// token `unaccent` empties is a blank lexeme, which `to_tsquery` drops, instead of `''`,
/// a syntax error. No tokens at all give an empty `tsquery`, which matches nothing. The
/// last token is also a prefix (`:*`) unless the tokens end with a space.
pub(super) fn tsquery(n: usize) -> String {
    format!(
        r"to_tsquery('simple', ''' ' || replace(replace(replace(public.unaccent('public.unaccent'::regdictionary, rtrim(?{n}, ' ')), E'\\', E'\\\\'), '''', ''''''), ' ', ' '' & '' ') || CASE WHEN right(?{n}, 1) = ' ' THEN ' ''' ELSE ' '':*' END)"
    )
}

/// Indexes one live message's text.
const ADD_TEXT: &str = "INSERT INTO messages_fts (rowid, content) VALUES (?1, ?2)";

thread_local! {
    /// Texts of the messages inserted in the writer's open group, for [`apply_pending`]:
    /// `Some` only on the writer thread ([`collect_new_texts_here`]). Kept in memory
    /// instead of in `messages_fts_pending`: the trigger and the table's insert and delete
    /// cost each send about a third of what the index costs it (bench/scripts/writer-cpu.sh,
    /// docs/benchmarks.md thirteenth session).
    static NEW_TEXTS: RefCell<Option<Vec<(i64, String)>>> = const { RefCell::new(None) };
}

/// Makes this thread (the SQLite writer's) keep new messages' texts for the index until
/// its group ends, instead of indexing each at once.
pub fn collect_new_texts_here() {
    NEW_TEXTS.with(|n| *n.borrow_mut() = Some(Vec::new()));
}

/// Indexes a message just inserted on SQLite: kept for [`apply_pending`] on the writer
/// thread, written at once anywhere else (each FTS5 write outside a group flushes at the
/// next savepoint, which is correct but slower).
pub(super) fn note_new_text(c: &rusqlite::Connection, id: i64, content: &str) -> StoreResult<()> {
    let kept = NEW_TEXTS.with(|n| match n.borrow_mut().as_mut() {
        Some(texts) => {
            texts.push((id, content.to_string()));
            true
        }
        None => false,
    });
    if !kept {
        c.prepare_cached(ADD_TEXT)?
            .execute(rusqlite::params![id, content])?;
    }
    Ok(())
}

/// How many new texts the open group holds: the writer notes it before each job, and
/// [`forget_new_texts_after`] drops what a job that rolled back added.
pub fn new_texts_held() -> usize {
    NEW_TEXTS.with(|n| n.borrow().as_ref().map_or(0, Vec::len))
}

/// Drops the new texts past the first `kept` (a job rolled back, or the whole group).
pub fn forget_new_texts_after(kept: usize) {
    NEW_TEXTS.with(|n| {
        if let Some(texts) = n.borrow_mut().as_mut() {
            texts.truncate(kept);
        }
    });
}

/// Brings the index up to the group about to commit: first the texts of the messages it
/// inserted (kept in memory), then the edits and deletes the triggers noted (migration 4),
/// in the order they happened, which they forget. Adds go first, so a message sent and
/// then edited or deleted in the same group is taken out with the text it was added with.
/// The writer calls it once per group, after the last job and before COMMIT, so the index
/// commits with the messages. SQLite only: PostgreSQL's index follows its generated
/// column by itself.
pub fn apply_pending(c: &rusqlite::Connection) -> rusqlite::Result<()> {
    let texts = NEW_TEXTS.with(|n| n.borrow_mut().as_mut().map(std::mem::take));
    if let Some(texts) = texts.filter(|t| !t.is_empty()) {
        let mut add = c.prepare_cached(ADD_TEXT)?;
        for (id, content) in &texts {
            add.execute(rusqlite::params![id, content])?;
        }
    }
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
    /// Up to a dozen words around the match, `…` where text was cut, matched words
    /// marked (never a mark taken from the message's own characters: `store::snippet`).
    pub snippet: Vec<Span>,
}

/// Live messages matching `query` in the chats `user_id` is a member of now (or only
/// `chat_id`), with ids below `before`, newest first, at most `limit`.
pub fn in_my_chats(
    c: &Conn,
    user_id: i64,
    query: &SearchQuery,
    chat_id: Option<i64>,
    before: Option<i64>,
    limit: i64,
) -> StoreResult<Vec<Found>> {
    match c.dialect() {
        Dialect::Sqlite => in_my_chats_fts5(c, user_id, &query.fts5(), chat_id, before, limit),
        Dialect::Postgres => in_my_chats_pg(c, user_id, query, chat_id, before, limit),
    }
}

/// [`in_my_chats`] on SQLite. Ordered by the index's own rowid (the message id), which
/// FTS5 walks backwards itself: the first page of a word in every message stops after a
/// page of matches instead of sorting all of them. The walk starts at the newest message
/// of the caller's chats, not at the newest message anywhere: no match can be newer, and
/// a common word otherwise walked past every newer message of other chats first (919 ms
/// p99 instead of the figures in docs/benchmarks.md, eleventh session, when the caller's
/// chats are quiet).
fn in_my_chats_fts5(
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
    let newest: i64 = c.one(
        "SELECT coalesce(max(c.last_message_id), 0) FROM chat_members cm
             JOIN chats c ON c.id = cm.chat_id
             WHERE cm.user_id = ?1 AND (?2 IS NULL OR cm.chat_id = ?2)",
        &[&user_id, &chat_id],
        |r| r.get(0),
    )?;
    let below = before.unwrap_or(i64::MAX).min(newest.saturating_add(1));
    c.all(
        &sql,
        &[
            &user_id,
            &query,
            &chat_id,
            &below,
            &MARK_START.to_string(),
            &MARK_END.to_string(),
            &limit,
        ],
        |r| {
            let message = from_row(r)?;
            let raw: String = r.get(8)?;
            let snippet = spans(&raw, &message.content);
            Ok(Found { message, snippet })
        },
    )
}

/// [`in_my_chats`] on PostgreSQL: the messages the GIN index finds for the query, joined
/// to the caller's memberships, newest first. The snippet is `ts_headline`'s, made to
/// look like FTS5's: one fragment of up to 12 words around the match, stretched to both
/// sides (`MaxFragments=1`; without it the fragment starts at the match), no word left
/// out for being short, and `…` added where the text was cut. `MinWords` only sizes the
/// fallback (the first words) when the headline's own parse of the text finds no match.
/// `<` and `&` are swapped for stand-ins while the headline reads the text
/// (`store::snippet::TAG_OPEN`), unless the message holds a stand-in character itself.
fn in_my_chats_pg(
    c: &Conn,
    user_id: i64,
    query: &SearchQuery,
    chat_id: Option<i64>,
    before: Option<i64>,
    limit: i64,
) -> StoreResult<Vec<Found>> {
    let q = tsquery(2);
    let sql = format!(
        "SELECT {COLUMNS}, ts_headline('public.natter_search',
                 CASE WHEN strpos(m.content, ?7) > 0 OR strpos(m.content, ?8) > 0
                      THEN m.content
                      ELSE replace(replace(m.content, '<', ?7), '&', ?8) END,
                 {q}, ?5)
         FROM messages m
         JOIN chat_members cm ON cm.chat_id = m.chat_id AND cm.user_id = ?1
         WHERE m.search @@ {q} AND m.id < ?4 AND m.deleted_at IS NULL
           AND (CAST(?3 AS BIGINT) IS NULL OR m.chat_id = ?3)
         ORDER BY m.id DESC LIMIT ?6"
    );
    let options = format!(
        "MaxFragments=1, MaxWords=12, MinWords=11, ShortWord=0, HighlightAll=false, \
         StartSel={MARK_START}, StopSel={MARK_END}"
    );
    c.all(
        &sql,
        &[
            &user_id,
            &query.tokens(),
            &chat_id,
            &before.unwrap_or(i64::MAX),
            &options,
            &limit,
            &TAG_OPEN.to_string(),
            &ENTITY.to_string(),
        ],
        |r| {
            let message = from_row(r)?;
            let mut headline: String = r.get(8)?;
            if uses_stand_ins(&message.content) {
                headline = headline.replace(TAG_OPEN, "<").replace(ENTITY, "&");
            }
            let raw = with_ellipses(&message.content, headline);
            let snippet = spans(&raw, &message.content);
            Ok(Found { message, snippet })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::{tsquery, SearchQuery};
    use crate::store::chats::{self, NewChat};
    use crate::store::sql::postgres_text;
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
                search: SearchQuery::from_text(text).ok(),
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

        // A failed job's new message leaves no text behind, though the next message takes
        // its id. (FTS5's `integrity-check` does not apply: deleted messages are in
        // `messages` but deliberately not in the index.)
        let author = db
            .read(move |c| messages::by_id(c, kept))
            .await
            .expect("read")
            .and_then(|m| m.sender_id)
            .expect("the author");
        let failed = db
            .write(move |tx| -> StoreResult<()> {
                messages::insert(tx, chat, author, "phantom words", "t")?;
                Err(crate::store::StoreError::Internal("refused".into()))
            })
            .await;
        assert!(failed.is_err());
        let real = db
            .write(move |tx| messages::insert(tx, chat, author, "real words", "t"))
            .await
            .expect("send");
        assert!(found(&db, chat, "phantom").await.is_empty());
        assert_eq!(found(&db, chat, "real").await, vec![real.id]);
    }

    /// The FTS5 text (SQLite) and the tokens (PostgreSQL) of what a user typed.
    fn both(text: &str) -> Option<(String, String)> {
        SearchQuery::from_text(text)
            .ok()
            .map(|q| (q.fts5(), q.tokens()))
    }

    #[test]
    fn user_text_becomes_quoted_words_with_a_prefix_on_the_last() {
        let fts5 = |text| both(text).map(|(fts5, _)| fts5);
        assert_eq!(fts5("deplo").as_deref(), Some("\"deplo\"*"));
        assert_eq!(
            fts5("  café  au lait ").as_deref(),
            Some("\"café\" \"au\" \"lait\"*")
        );
        assert_eq!(
            fts5("say \"hi\" NEAR(a").as_deref(),
            Some("\"say\" \"\"\"hi\"\"\" \"NEAR(a\"*")
        );
        assert_eq!(both("* ^ ( ) \" :"), None);
        assert_eq!(both(""), None);
        assert_eq!(SearchQuery::nothing().fts5(), "\"\"");
    }

    #[test]
    fn repeated_words_count_once_and_short_or_repeated_last_words_are_no_prefix() {
        let fts5 = |text: &str| both(text).map(|(fts5, _)| fts5);
        assert_eq!(
            fts5(&"the ".repeat(125)).as_deref(),
            Some("\"the\""),
            "125 times one word is that word, whole"
        );
        assert_eq!(fts5("Deploy deploy").as_deref(), Some("\"Deploy\""));
        assert_eq!(fts5("go de").as_deref(), Some("\"go\" \"de\""));
        let tokens = |text: &str| both(text).map(|(_, tokens)| tokens);
        assert_eq!(tokens("Deploy deploy").as_deref(), Some("deploy "));
        assert_eq!(tokens("go de").as_deref(), Some("go de "));
    }

    #[test]
    fn more_than_sixteen_distinct_terms_is_refused() {
        let words: Vec<String> = (0..16).map(|i| format!("w{i}")).collect();
        assert!(SearchQuery::from_text(&words.join(" ")).is_ok());
        assert!(SearchQuery::from_text(&format!("{} w0 W1", words.join(" "))).is_ok());
        assert_eq!(
            SearchQuery::from_text(&format!("{} w16", words.join(" "))),
            Err(super::Unsearchable::TooManyTerms)
        );
        // Terms are counted as PostgreSQL cuts them: one word of 17 parts is 17 terms.
        assert_eq!(
            SearchQuery::from_text(&words.join("-").replace("w15", "w15-w16")),
            Err(super::Unsearchable::TooManyTerms)
        );
        assert_eq!(
            SearchQuery::from_text("* ^"),
            Err(super::Unsearchable::Empty)
        );
    }

    #[test]
    fn user_text_becomes_lower_case_letters_and_digits_for_postgres() {
        let tokens = |text| both(text).map(|(_, tokens)| tokens);
        assert_eq!(tokens("Deplo").as_deref(), Some("deplo"));
        assert_eq!(tokens("  Café  au lait ").as_deref(), Some("café au lait"));
        // Every character of tsquery syntax is a separator, never part of a token.
        assert_eq!(
            tokens("say \"hi\" NEAR(a) 'x':* & !y | z<->w \\q").as_deref(),
            Some("say hi near a x y z w q ")
        );
        assert_eq!(
            tokens("don't e-mail v1.2").as_deref(),
            Some("don t e mail v1 2 ")
        );
        // A last token of three characters or more is also a prefix: no trailing space.
        assert_eq!(tokens("e-mail deploy").as_deref(), Some("e mail deploy"));
        assert_eq!(SearchQuery::nothing().tokens(), "");
    }

    #[test]
    fn the_postgres_tsquery_keeps_its_quotes_when_rewritten() {
        // Only the placeholder changes: the quoted parts that escape and join the tokens
        // balance, so the rewrite sees no `?` inside them.
        let sql = tsquery(6);
        assert_eq!(postgres_text(&sql), sql.replace("?6", "$6"));
        assert_eq!(
            sql.matches('?').count(),
            2,
            "the tokens, and their last character"
        );
    }
}
