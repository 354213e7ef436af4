//! A search's operators as SQL: who sent it (`from:`), what it has (`has:`), when
//! (`before:`/`after:`/`on:`, already turned into stored UTC times), `is:thread`,
//! `is:saved`, exact phrases and excluded words, each a condition on the message row `m`
//! that any search statement appends ([`Filters::conditions`]); and the search of a
//! caller's chats with operators but no word to look up in the full-text index
//! ([`without_words`]).
//!
//! Every condition is checked on the row the statement reads, so a search with
//! operators reads no message of a chat the caller is not in: the chats are chosen
//! first, from the caller's memberships, as for words alone.

use crate::store::engine::sql::{IdList, Param};
use crate::store::messaging::found::Found;
use crate::store::messaging::message_row::{from_row, COLUMNS};
use crate::store::messaging::snippet::Span;
use crate::store::{Conn, Dialect, StoreResult};
use tokio_postgres::types::ToSql as PgToSql;

/// What a search's operators ask of a message, resolved to ids and stored times.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// `from:`: the sender.
    pub sender: Option<i64>,
    /// `has:file`.
    pub files: bool,
    /// `has:image`: a file whose type is `image/…`.
    pub images: bool,
    /// `has:link`: an `http://` or `https://` address in its text.
    pub links: bool,
    /// `has:reaction`.
    pub reactions: bool,
    /// `has:pin`: pinned in its chat.
    pub pins: bool,
    /// `is:thread`: a reply in a thread, or a thread's first message.
    pub thread: bool,
    /// `is:saved`: saved by this person (the searcher).
    pub saved_by: Option<i64>,
    /// Sent at or after this stored time.
    pub since: Option<String>,
    /// Sent before this stored time.
    pub until: Option<String>,
    /// Each must be in the text, as typed (ignoring ASCII case).
    pub phrases: Vec<String>,
    /// Excluded words (none of them in the text, as the index reads words).
    pub excluded_words: Vec<Excluded>,
    /// Excluded phrases (none of them in the text, as typed, ignoring ASCII case).
    pub excluded_phrases: Vec<String>,
}

/// An excluded word as each backend's index is asked for it: made by
/// `SearchQuery::excluded`, which knows how a word is quoted.
#[derive(Debug, Clone)]
pub struct Excluded {
    fts5: String,
    pg: String,
}

impl Excluded {
    pub(in crate::store) fn new(fts5: String, pg: String) -> Excluded {
        Excluded { fts5, pg }
    }
}

/// A value one of the conditions binds.
enum Value {
    Int(i64),
    Text(String),
}

impl Param for Value {
    fn sqlite(&self) -> &dyn rusqlite::ToSql {
        match self {
            Value::Int(i) => i,
            Value::Text(t) => t,
        }
    }
    fn pg(&self) -> &(dyn PgToSql + Sync) {
        match self {
            Value::Int(i) => i,
            Value::Text(t) => t,
        }
    }
}

/// The conditions of [`Filters`] as SQL (each starting ` AND `) and what they bind, their
/// placeholders numbered from the statement's next free one.
pub(in crate::store) struct Conditions {
    pub sql: String,
    values: Vec<Value>,
}

impl Conditions {
    /// The bound values, to follow the statement's own.
    pub fn params(&self) -> impl Iterator<Item = &dyn Param> {
        self.values.iter().map(|v| v as &dyn Param)
    }
}

/// The chats a search reads, the most recently active first: their ids, each one's newest
/// message's id (a walk chat by chat ends at the first chat whose newest message is older
/// than a full page found so far), and whether each is a direct chat, whose messages
/// SQLite's full-text index holds without their sender's word
/// (`index_pending::chat_column`).
#[derive(Clone, Copy)]
pub(in crate::store) struct SearchedChats<'a> {
    pub ids: &'a [i64],
    pub newest_ids: &'a [i64],
    pub direct: &'a [bool],
}

impl SearchedChats<'_> {
    /// The direct chats and the others, each as `(ids, newest ids)` in this order.
    fn split_direct(&self) -> [(Vec<i64>, Vec<i64>); 2] {
        let mut split: [(Vec<i64>, Vec<i64>); 2] = Default::default();
        for ((id, newest), direct) in self.ids.iter().zip(self.newest_ids).zip(self.direct) {
            let side = &mut split[usize::from(!direct)];
            side.0.push(*id);
            side.1.push(*newest);
        }
        split
    }
}

impl Filters {
    /// Whether any operator narrows the search.
    pub fn any(&self) -> bool {
        self.sender.is_some()
            || self.files
            || self.images
            || self.links
            || self.reactions
            || self.pins
            || self.thread
            || self.saved_by.is_some()
            || self.since.is_some()
            || self.until.is_some()
            || !self.phrases.is_empty()
            || !self.excluded_words.is_empty()
            || !self.excluded_phrases.is_empty()
    }

    /// These days as a chat's time bounds are compared with them
    /// ([`Days::may_hold_between`]).
    pub(in crate::store) fn days(&self) -> Days {
        let micros = |day: &Option<String>| day.as_deref().and_then(crate::store::clock::micros_of);
        Days {
            since: micros(&self.since),
            until: micros(&self.until),
        }
    }

    /// The index of `messages` a walk of one chat newest first takes on SQLite for these
    /// operators: a partial index (only the messages with files, reactions, a thread or a
    /// link), or none when no operator has one (a sender's messages are then walked
    /// through the full-text index, [`Filters::fts5_sender`], else the chat's own rows).
    ///
    /// Named with `INDEXED BY` because SQLite 3.50 otherwise walks the table's primary
    /// key `(chat_id, id)` (it orders by `id` at no cost) and tests each row: `has:file`
    /// with no match read every message of the searcher's 100 chats, 6.6 ms at 1,000,000
    /// messages, against 0.8 ms through its partial index (`search --operators`).
    pub(in crate::store) fn sqlite_index(&self) -> Option<&'static str> {
        // The partial indexes hold only their kind of message; a sender's, all of theirs.
        if self.files || self.images {
            Some("messages_with_files")
        } else if self.reactions {
            Some("messages_with_reactions")
        } else if self.thread {
            Some("messages_in_threads")
        } else if self.links {
            Some("messages_with_links")
        } else {
            None
        }
    }

    /// `from:` as SQLite's full-text index is asked for it: the sender's word in the
    /// index's `chat` column (migration 43). SQLite keeps no index of `messages` by
    /// sender: each send wrote one at its sender's place, a page of it per sender in a
    /// group's commit, and sends ran at 0.83 of the build before; the full-text index is
    /// written once per group (docs/benchmarks.md).
    fn fts5_sender(&self) -> Option<String> {
        self.sender.map(|sender| {
            format!(
                "chat:\"{}\"",
                crate::store::engine::index_pending::sender_word(sender)
            )
        })
    }

    /// The full-text query of the sender's messages in one chat: one word, one list.
    fn fts5_sender_in(&self, chat: i64) -> Option<String> {
        self.sender.map(|sender| {
            format!(
                "chat:\"{}\"",
                crate::store::engine::index_pending::sender_in_chat_word(sender, chat)
            )
        })
    }

    /// Whether SQLite finds these operators' messages through the sender's words of the
    /// full-text index: `from:` and no operator with an index of its own.
    fn by_sender_words(&self) -> bool {
        self.sender.is_some() && self.sqlite_index().is_none()
    }

    /// The conditions on `m` for `c`'s backend, their first placeholder `?first`.
    pub(in crate::store) fn conditions(&self, c: &Conn, first: usize) -> StoreResult<Conditions> {
        let mut sql = String::new();
        let mut values = Vec::new();
        let mut bind = |v: Value| {
            values.push(v);
            format!("?{}", first + values.len() - 1)
        };
        let contains = |p: &str| match c.dialect() {
            Dialect::Sqlite => format!("instr(lower(m.content), lower({p})) > 0"),
            Dialect::Postgres => format!("strpos(lower(m.content), lower(CAST({p} AS TEXT))) > 0"),
        };
        if let Some(sender) = self.sender {
            sql.push_str(&format!(" AND m.sender_id = {}", bind(Value::Int(sender))));
        }
        if self.files || self.images {
            sql.push_str(" AND m.file_count > 0");
        }
        if self.images {
            sql.push_str(
                " AND EXISTS (SELECT 1 FROM message_files mf JOIN files fi ON fi.id = mf.file_id
                              WHERE mf.message_id = m.id AND fi.content_type LIKE 'image/%')",
            );
        }
        if self.links {
            sql.push_str(" AND (m.content LIKE '%http://%' OR m.content LIKE '%https://%')");
        }
        if self.reactions {
            sql.push_str(" AND m.reaction_count > 0");
        }
        if self.pins {
            sql.push_str(" AND EXISTS (SELECT 1 FROM pins p WHERE p.message_id = m.id)");
        }
        if self.thread {
            sql.push_str(" AND (m.thread_id IS NOT NULL OR m.reply_count > 0)");
        }
        if let Some(user) = self.saved_by {
            let p = bind(Value::Int(user));
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM saved_messages sv
                              WHERE sv.user_id = {p} AND sv.message_id = m.id)"
            ));
        }
        if let Some(since) = &self.since {
            sql.push_str(&format!(
                " AND m.created_at >= {}",
                bind(Value::Text(since.clone()))
            ));
        }
        if let Some(until) = &self.until {
            sql.push_str(&format!(
                " AND m.created_at < {}",
                bind(Value::Text(until.clone()))
            ));
        }
        for phrase in &self.phrases {
            let p = bind(Value::Text(phrase.clone()));
            sql.push_str(&format!(" AND {}", contains(&p)));
        }
        for phrase in &self.excluded_phrases {
            let p = bind(Value::Text(phrase.clone()));
            sql.push_str(&format!(" AND NOT {}", contains(&p)));
        }
        for word in &self.excluded_words {
            // The index asked about one row: FTS5 seeks the word's list to that rowid.
            let text = match c.dialect() {
                Dialect::Sqlite => word.fts5.clone(),
                Dialect::Postgres => word.pg.clone(),
            };
            let p = bind(Value::Text(text));
            sql.push_str(&match c.dialect() {
                Dialect::Sqlite => format!(
                    " AND NOT EXISTS (SELECT 1 FROM messages_fts x
                                      WHERE messages_fts MATCH {p} AND x.rowid = -m.id)"
                ),
                Dialect::Postgres => {
                    format!(" AND NOT (m.search @@ public.natter_search_query({p}))")
                }
            });
        }
        Ok(Conditions { sql, values })
    }
}

/// Live messages in `chats` (all the caller's, or the one `in:` names) meeting `filters`,
/// ids below `below`, newest first, at most `limit`, for a search with no word to look up.
///
/// Each chat is walked newest first by its own index (the partial indexes of messages
/// with files, reactions, links or in threads for those `has:` and `is:thread`; for
/// `from:` the sender's word in the full-text index on SQLite, `(sender_id, chat_id, id)`
/// on PostgreSQL; otherwise `(chat_id, id)`), stopping at `limit` matches, and the
/// newest `limit` of all chats are read whole: a chat's walk costs its matches, not the
/// other chats' messages. `is:saved` starts from the caller's saved messages and
/// `has:pin` from the chats' pins, both short lists.
pub(in crate::store) fn without_words(
    c: &Conn,
    searched: SearchedChats<'_>,
    filters: &Filters,
    below: i64,
    limit: usize,
) -> StoreResult<Vec<Found>> {
    let chats = searched.ids;
    if chats.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let n = limit as i64;
    let list = IdList::new(chats);
    let mut ids: Vec<i64> = if let Some(user) = filters.saved_by {
        let conds = filters.conditions(c, 5)?;
        let sql = format!(
            "SELECT m.id FROM saved_messages sv0 JOIN messages m ON m.id = sv0.message_id
             WHERE sv0.user_id = ?4 AND m.chat_id IN rarray(?1) AND m.id < ?2
               AND m.deleted_at IS NULL AND m.removed_at IS NULL{}
             ORDER BY m.id DESC LIMIT ?3",
            conds.sql
        );
        let mut params: Vec<&dyn Param> = vec![&list, &below, &n, &user];
        params.extend(conds.params());
        c.all(&sql, &params, |r| r.get(0))?
    } else if filters.pins {
        let conds = filters.conditions(c, 4)?;
        let sql = format!(
            "SELECT m.id FROM pins p0 JOIN messages m ON m.id = p0.message_id
             WHERE p0.chat_id IN rarray(?1) AND m.id < ?2
               AND m.deleted_at IS NULL AND m.removed_at IS NULL{}
             ORDER BY m.id DESC LIMIT ?3",
            conds.sql
        );
        let mut params: Vec<&dyn Param> = vec![&list, &below, &n];
        params.extend(conds.params());
        c.all(&sql, &params, |r| r.get(0))?
    } else {
        match c.dialect() {
            Dialect::Sqlite => {
                // Every text taken and no budget: the walk always answers.
                let everything = (below, limit, usize::MAX);
                if filters.by_sender_words() {
                    by_sender(c, searched, filters, &|_| true, everything)?
                } else {
                    chat_by_chat(
                        c,
                        (chats, searched.newest_ids),
                        filters,
                        &|_| true,
                        everything,
                    )?
                }
                .unwrap_or_default()
            }
            Dialect::Postgres => {
                let conds = filters.conditions(c, 4)?;
                let sql = format!(
                    "SELECT s.id FROM unnest(CAST(?1 AS BIGINT[])) AS cm(chat_id)
                     CROSS JOIN LATERAL (
                         SELECT m.id FROM messages m
                         WHERE m.chat_id = cm.chat_id AND m.id < ?2
                           AND m.deleted_at IS NULL AND m.removed_at IS NULL{}
                         ORDER BY m.id DESC LIMIT ?3) s
                     ORDER BY s.id DESC LIMIT ?3",
                    conds.sql
                );
                let mut params: Vec<&dyn Param> = vec![&list, &below, &n];
                params.extend(conds.params());
                c.all(&sql, &params, |r| r.get(0))?
            }
        }
    };
    ids.sort_unstable_by(|a, b| b.cmp(a));
    ids.truncate(limit);
    rows_found(c, ids)
}

/// The messages `ids` (newest first), each found with the start of its text.
fn rows_found(c: &Conn, ids: Vec<i64>) -> StoreResult<Vec<Found>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql =
        format!("SELECT {COLUMNS} FROM messages m WHERE m.id IN rarray(?1) ORDER BY m.id DESC");
    c.all(&sql, &[&IdList::new(&ids)], |r| {
        let message = from_row(r)?;
        let snippet = plain_snippet(&message.content);
        Ok(Found { message, snippet })
    })
}

/// On SQLite, the ids of live messages in `chats` (the most recently active first) that
/// meet `filters` and whose text `holds` the search's words, ids below `below`, newest
/// first, at most `limit`; `None` when more than `budget` messages had to be read, where
/// the words are the rarer side after all. Walked from the operators' side: the
/// searcher's saved messages for `is:saved`, the chats' pins for `has:pin`, the
/// sender's newest messages for `from:` ([`sender_newest`]), else chat by chat
/// ([`chat_by_chat`]). `None` at once for days with no operator that has an index,
/// which no walk but the words' narrows. The words are tested on
/// the text here, as the index cuts and folds them: asking the index about one message
/// costs 85 µs for a common word, the text's own words 1 µs (at 1,000,000 messages).
pub(in crate::store) fn ids_by_operators(
    c: &Conn,
    searched: SearchedChats<'_>,
    filters: &Filters,
    holds: &dyn Fn(&str) -> bool,
    (below, limit, budget): (i64, usize, usize),
) -> StoreResult<Option<Vec<i64>>> {
    let (chats, newest_ids) = (searched.ids, searched.newest_ids);
    if chats.is_empty() || limit == 0 {
        return Ok(Some(Vec::new()));
    }
    let list = IdList::new(chats);
    let live = "m.id < ?2 AND m.deleted_at IS NULL AND m.removed_at IS NULL";
    // The searcher's saved messages or the chats' pins, newest first, with `?1` the
    // chats, `?2` below, and for `is:saved` `?3` the searcher.
    let (sql, conds) = if let Some(user) = filters.saved_by {
        let conds = filters.conditions(c, 4)?;
        let sql = format!(
            "SELECT m.id, m.content FROM saved_messages sv0 JOIN messages m ON m.id = sv0.message_id
             WHERE sv0.user_id = ?3 AND m.chat_id IN rarray(?1) AND {live}{}
             ORDER BY m.id DESC",
            conds.sql
        );
        let mut values = vec![Value::Int(user)];
        values.extend(conds.values);
        (
            sql,
            Conditions {
                sql: String::new(),
                values,
            },
        )
    } else if filters.pins {
        let conds = filters.conditions(c, 3)?;
        let sql = format!(
            "SELECT m.id, m.content FROM pins p0 JOIN messages m ON m.id = p0.message_id
             WHERE p0.chat_id IN rarray(?1) AND {live}{}
             ORDER BY m.id DESC",
            conds.sql
        );
        (sql, conds)
    } else if filters.by_sender_words() {
        return by_sender(c, searched, filters, holds, (below, limit, budget));
    } else if filters.sqlite_index().is_none()
        && (filters.since.is_some() || filters.until.is_some())
    {
        // A day bound with no operator that has an index: nothing orders messages by day
        // but the word's matches (a message's time is not its id's order after an import).
        return Ok(None);
    } else {
        return chat_by_chat(
            c,
            (chats, newest_ids),
            filters,
            holds,
            (below, limit, budget),
        );
    };
    let conn = c.sqlite()?;
    let mut statement = conn.prepare_cached(&sql)?;
    let mut params: Vec<&dyn rusqlite::ToSql> = vec![list.sqlite(), &below];
    params.extend(conds.params().map(|p| p.sqlite()));
    let rows = statement.query(rusqlite::params_from_iter(params))?;
    let mut page = NewestPage::new(limit);
    let mut read = 0;
    let whole = read_newest(rows, &mut page, holds, (&mut read, budget))?;
    Ok(whole.then(|| page.newest_first()))
}

/// On SQLite, the ids of live messages in `chats` (the most recently active first, each
/// with its newest message's id in `newest_ids`) that meet `filters` and whose text
/// `holds` the words, below `below`, newest first, at most `limit`: each chat walked
/// newest first through the index of its narrowest operator ([`Filters::sqlite_index`]),
/// the sender's list in the full-text index for `from:`, or its own rows, a chat's walk
/// ending once its messages are older than the page found so far and the walk ending at
/// the first chat with nothing newer than a full page. `None` when more than `budget`
/// messages had to be read.
fn chat_by_chat(
    c: &Conn,
    chats: (&[i64], &[i64]),
    filters: &Filters,
    holds: &dyn Fn(&str) -> bool,
    (below, limit, budget): (i64, usize, usize),
) -> StoreResult<Option<Vec<i64>>> {
    let mut page = NewestPage::new(limit);
    let whole = walk_chats(c, chats, filters, holds, below, &mut page, budget)?;
    Ok(whole.map(|_| page.newest_first()))
}

/// On SQLite, `from:`'s messages: those of live messages in `searched` that meet
/// `filters` and whose text `holds` the words, below `below`, newest first, at most
/// `limit`; `None` when more than `budget` messages had to be read. In chats of more than
/// two the sender's newest entries anywhere are read first ([`sender_newest`]), then chat
/// by chat when they leave the page short. Direct chats are walked after, each through
/// the sender's word in it (`12s7`, one short list): their messages carry no word of the
/// sender alone. The page they are walked into already holds the other chats' matches, so
/// a direct chat with nothing newer ends the walk at once.
fn by_sender(
    c: &Conn,
    searched: SearchedChats<'_>,
    filters: &Filters,
    holds: &dyn Fn(&str) -> bool,
    (below, limit, budget): (i64, usize, usize),
) -> StoreResult<Option<Vec<i64>>> {
    let [direct, shared] = searched.split_direct();
    let mut page = NewestPage::new(limit);
    let probed = if shared.0.is_empty() {
        Some(Vec::new())
    } else {
        sender_newest(c, &shared.0, filters, holds, below, limit)?
    };
    // The chats still to walk one by one: the others too when their probe fell short.
    let mut walks = vec![direct];
    match probed {
        Some(ids) => ids.into_iter().for_each(|id| page.keep(id)),
        None => walks.insert(0, shared),
    }
    let mut budget = budget;
    for (ids, newest_ids) in &walks {
        let walk = (ids.as_slice(), newest_ids.as_slice());
        let Some(read) = walk_chats(c, walk, filters, holds, below, &mut page, budget)? else {
            return Ok(None);
        };
        budget -= read;
    }
    Ok(Some(page.newest_first()))
}

/// The walk of [`chat_by_chat`], into `page`: how many messages it read, or `None` once
/// more than `budget`.
fn walk_chats(
    c: &Conn,
    (chats, newest_ids): (&[i64], &[i64]),
    filters: &Filters,
    holds: &dyn Fn(&str) -> bool,
    below: i64,
    page: &mut NewestPage,
    budget: usize,
) -> StoreResult<Option<usize>> {
    // `?1` the chat (or the sender's query in it), `?2` below.
    let conds = filters.conditions(c, 3)?;
    let by_sender = filters.by_sender_words();
    let sql = if by_sender {
        format!(
            "SELECT m.id, m.content FROM messages_fts f JOIN messages m ON m.id = -f.rowid
             WHERE messages_fts MATCH ?1 AND f.rowid > -?2
               AND m.deleted_at IS NULL AND m.removed_at IS NULL{}
             ORDER BY f.rowid",
            conds.sql
        )
    } else {
        let index = filters
            .sqlite_index()
            .map(|name| format!(" INDEXED BY {name}"))
            .unwrap_or_default();
        format!(
            "SELECT m.id, m.content FROM messages m{index}
             WHERE m.chat_id = ?1 AND m.id < ?2 AND m.deleted_at IS NULL AND m.removed_at IS NULL{}
             ORDER BY m.id DESC",
            conds.sql
        )
    };
    let conn = c.sqlite()?;
    let mut statement = conn.prepare_cached(&sql)?;
    let mut read = 0;
    for (chat, newest) in chats.iter().zip(newest_ids) {
        if page.full_above(*newest) {
            // This chat, and every later one, holds nothing newer.
            break;
        }
        let sender_query = filters.fts5_sender_in(*chat).filter(|_| by_sender);
        let first: &dyn rusqlite::ToSql = match &sender_query {
            Some(query) => query,
            None => chat,
        };
        let mut params: Vec<&dyn rusqlite::ToSql> = vec![first, &below];
        params.extend(conds.params().map(|p| p.sqlite()));
        let rows = statement.query(rusqlite::params_from_iter(params))?;
        if !read_newest(rows, page, holds, (&mut read, budget))? {
            return Ok(None);
        }
    }
    Ok(Some(read))
}

/// Reads `rows` (a message's id and text, newest first) into `page`, those whose text
/// `holds` the words, until the page is full of newer ones; `false` once more than
/// `budget` rows were read in all (`read` counts them across calls).
fn read_newest(
    mut rows: rusqlite::Rows<'_>,
    page: &mut NewestPage,
    holds: &dyn Fn(&str) -> bool,
    (read, budget): (&mut usize, usize),
) -> StoreResult<bool> {
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if page.full_above(id) {
            break;
        }
        *read += 1;
        if *read > budget {
            return Ok(false);
        }
        let text: String = r.get(1)?;
        if holds(&text) {
            page.keep(id);
        }
    }
    Ok(true)
}

/// The days a search asks for (`before:`, `after:`, `on:`), in microseconds since 1970
/// UTC: `None` where unbounded, or where the day is no time, which passes over nothing.
pub(in crate::store) struct Days {
    since: Option<i64>,
    until: Option<i64>,
}

impl Days {
    /// Whether a chat whose messages were sent between `first` and `last` (its time
    /// bounds in microseconds, step 45; `None` while it has none) may hold a message
    /// within these days: a search passes over the others without reading them, which no
    /// index of messages by time would otherwise let it do.
    pub(in crate::store) fn may_hold_between(&self, first: Option<i64>, last: Option<i64>) -> bool {
        let before_until = match (self.until, first) {
            (None, _) => true,
            (Some(until), Some(first)) => first < until,
            (Some(_), None) => false,
        };
        let after_since = match (self.since, last) {
            (None, _) => true,
            (Some(since), Some(last)) => last >= since,
            (Some(_), None) => false,
        };
        before_until && after_since
    }
}

/// The newest ids found so far by a walk of several chats, at most a page of them.
struct NewestPage {
    limit: usize,
    /// The oldest on top.
    kept: std::collections::BinaryHeap<std::cmp::Reverse<i64>>,
}

impl NewestPage {
    fn new(limit: usize) -> NewestPage {
        NewestPage {
            limit,
            kept: std::collections::BinaryHeap::new(),
        }
    }

    /// Whether the page is full of ids newer than `id`: nothing at or below it can join.
    fn full_above(&self, id: i64) -> bool {
        self.kept.len() >= self.limit && self.kept.peek().is_some_and(|oldest| id <= oldest.0)
    }

    /// Keeps `id` if it is among the newest `limit`.
    fn keep(&mut self, id: i64) {
        self.kept.push(std::cmp::Reverse(id));
        if self.kept.len() > self.limit {
            self.kept.pop();
        }
    }

    fn newest_first(self) -> Vec<i64> {
        let mut ids: Vec<i64> = self.kept.into_iter().map(|r| r.0).collect();
        ids.sort_unstable_by(|a, b| b.cmp(a));
        ids
    }
}

/// Entries of a sender's word [`sender_newest`] reads, newest first, before walking the
/// searcher's chats one by one: each entry read costs a row looked up by id, about 4 µs,
/// and each chat walked FTS5 opening a list and reading rows until the page is full of
/// newer ones, 40 µs; the walk ends at the first chat with nothing newer than the page.
/// With 256, `from:` a sender of every message read 2.1 ms (`search --operators`).
const SENDER_PROBE: i64 = 64;

/// On SQLite, `from:`'s messages from the sender's newest [`SENDER_PROBE`] entries
/// anywhere: those in `chats` that meet `filters` and whose text `holds` the words, below
/// `below`, newest first, at most `limit`; `None` when those entries leave the page short
/// and the sender has older ones, which are then read chat by chat (`12s7`). A rare
/// sender's every message, or a frequent one's in the searcher's chats, is one read of
/// one list, where a walk of 100 chats cost 2.7 ms.
fn sender_newest(
    c: &Conn,
    chats: &[i64],
    filters: &Filters,
    holds: &dyn Fn(&str) -> bool,
    below: i64,
    limit: usize,
) -> StoreResult<Option<Vec<i64>>> {
    let Some(sender) = filters.fts5_sender() else {
        return Ok(None);
    };
    let newest: Vec<i64> = c.all(
        "SELECT -rowid FROM messages_fts WHERE messages_fts MATCH ?1 AND rowid > -?2
         ORDER BY rowid LIMIT ?3",
        &[&sender, &below, &SENDER_PROBE],
        |r| r.get(0),
    )?;
    let conds = filters.conditions(c, 3)?;
    let sql = format!(
        "SELECT m.id, m.content FROM messages m
         WHERE m.id IN rarray(?1) AND m.chat_id IN rarray(?2)
           AND m.deleted_at IS NULL AND m.removed_at IS NULL{}
         ORDER BY m.id DESC",
        conds.sql
    );
    let (ids, list) = (IdList::new(&newest), IdList::new(chats));
    let mut params: Vec<&dyn Param> = vec![&ids, &list];
    params.extend(conds.params());
    let conn = c.sqlite()?;
    let mut statement = conn.prepare_cached(&sql)?;
    let mut rows = statement.query(rusqlite::params_from_iter(
        params.iter().map(|p| p.sqlite()),
    ))?;
    let mut found = Vec::new();
    while let Some(r) = rows.next()? {
        let text: String = r.get(1)?;
        if holds(&text) {
            found.push(r.get(0)?);
            if found.len() >= limit {
                break;
            }
        }
    }
    let whole = newest.len() < SENDER_PROBE as usize;
    Ok((whole || found.len() >= limit).then_some(found))
}

/// The chat `user_id` is in now whose room name is `name` or, failing one, whose title is
/// `name` ignoring ASCII case, its spaces written as `-` or left out (`team-alpha` and
/// `teamalpha` are "Team Alpha"): a room's name first, then a title as written, then one
/// with its spaces written otherwise, the newest first within each. What `in:#name`
/// points at. A chat the caller is not in is never found, so `in:` tells nothing of other
/// chats.
pub fn my_chat_named(c: &Conn, user_id: i64, name: &str) -> StoreResult<Option<i64>> {
    c.opt(
        "SELECT c.id FROM chat_members cm JOIN chats c ON c.id = cm.chat_id
         WHERE cm.user_id = ?1 AND c.kind <> 'direct' AND c.removed_at IS NULL
           AND (c.name = ?2 OR lower(c.title) = lower(CAST(?2 AS TEXT))
                OR lower(replace(c.title, ' ', '-')) = lower(CAST(?2 AS TEXT))
                OR lower(replace(c.title, ' ', '')) = lower(CAST(?2 AS TEXT)))
         ORDER BY CASE WHEN c.name = ?2 THEN 0
                       WHEN lower(c.title) = lower(CAST(?2 AS TEXT)) THEN 1
                       ELSE 2 END,
                  c.id DESC
         LIMIT 1",
        &[&user_id, &name],
        |r| r.get(0),
    )
}

/// Most characters of a message's text shown for a match found without words.
const PLAIN_SNIPPET_CHARS: usize = 160;

/// The start of a message's text, `…` where cut, nothing marked: a match by operators
/// alone has no word to mark.
fn plain_snippet(content: &str) -> Vec<Span> {
    let text = match content.char_indices().nth(PLAIN_SNIPPET_CHARS) {
        Some((cut, _)) => format!("{}…", &content[..cut]),
        None => content.to_string(),
    };
    vec![Span {
        text,
        marked: false,
    }]
}

#[cfg(test)]
mod tests {
    use super::{plain_snippet, Filters};

    #[test]
    fn a_chat_is_passed_over_only_when_its_bounds_leave_out_every_day_asked() {
        let days = |since: Option<&str>, until: Option<&str>| {
            Filters {
                since: since.map(String::from),
                until: until.map(String::from),
                ..Filters::default()
            }
            .days()
        };
        let at = |t: &str| crate::store::clock::micros_of(t);
        let (first, last) = (at("2026-03-01T00:00:00Z"), at("2026-05-01T00:00:00Z"));
        assert!(days(None, None).may_hold_between(None, None));
        assert!(days(None, Some("2026-03-02")).may_hold_between(first, last));
        assert!(!days(None, Some("2026-03-01T00:00:00Z")).may_hold_between(first, last));
        assert!(days(Some("2026-05-01T00:00:00Z"), None).may_hold_between(first, last));
        assert!(!days(Some("2026-05-02"), None).may_hold_between(first, last));
        assert!(days(Some("2026-04-01"), Some("2026-04-02")).may_hold_between(first, last));
        assert!(!days(Some("2026-01-01"), Some("2026-02-01")).may_hold_between(first, last));
        // A bound a microsecond inside the days asked is enough.
        let just = at("2026-05-01T23:59:59.999999Z");
        assert!(days(Some("2026-05-01T23:59:59.999999Z"), None).may_hold_between(first, just));
        assert!(!days(Some("2026-05-02"), None).may_hold_between(first, just));
        // A day that is no time passes over no chat.
        assert!(days(Some("soon"), Some("later")).may_hold_between(first, last));
        assert!(!days(Some("2026-01-01"), None).may_hold_between(None, None));
    }

    #[test]
    fn a_plain_snippet_is_the_start_of_the_text() {
        assert_eq!(plain_snippet("short")[0].text, "short");
        let long = "é".repeat(200);
        let cut = &plain_snippet(&long)[0];
        assert_eq!(cut.text.chars().count(), 161);
        assert!(cut.text.ends_with('…') && !cut.marked);
    }
}
