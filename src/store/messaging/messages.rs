//! The `messages` and `reactions` tables. Deleted messages keep their row (so ids are
//! never reused) but are excluded from every read.
//!
//! Longer than most files: every statement on a message and its reactions, for both
//! dialects; the row itself is `message_row.rs`.

use crate::store::engine::pg::PlanCacheMode;
use crate::store::engine::send_run;
use crate::store::engine::sql::{IdList, Param, TextList};
use crate::store::messaging::chats::{self, Chat};
use crate::store::messaging::search::{self, SearchQuery};
use crate::store::{Conn, Dialect, StoreError, StoreResult};
use std::collections::HashMap;

use crate::store::messaging::message_row::{from_row, COLUMNS};
pub use crate::store::messaging::message_row::{Message, MessageRef};

/// Inserts a message and returns it.
pub fn insert(
    c: &Conn,
    chat_id: i64,
    sender_id: i64,
    content: &str,
    now: &str,
) -> StoreResult<Message> {
    let direct = c.dialect() == Dialect::Sqlite && chats::is_direct(c, chat_id)?;
    insert_in(c, (chat_id, direct), sender_id, content, now)
}

/// [`insert`] into a chat whose kind the caller read: whether it is direct, on SQLite.
fn insert_in(
    c: &Conn,
    (chat_id, direct): (i64, bool),
    sender_id: i64,
    content: &str,
    now: &str,
) -> StoreResult<Message> {
    let id = next_id(c, chat_id)?;
    let message = insert_with_id(c, (chat_id, direct), id, sender_id, content, now)?;
    if c.dialect() == Dialect::Sqlite {
        chats::note_pages_of_new_message(c, chat_id, now)?;
    }
    Ok(message)
}

/// The id the next message of `chat_id` gets, taken in the caller's transaction.
fn next_id(c: &Conn, chat_id: i64) -> StoreResult<i64> {
    match c.dialect() {
        // Messages are stored by chat (migrations/3-messages-by-chat.sql), so the id is
        // not a rowid SQLite picks; it is picked the way SQLite picked rowids, one past the
        // largest. Both statements run in the caller's transaction, and SQLite has one
        // writer, so no other write comes between. (`INSERT ... RETURNING` would do it in
        // one, but SQLite buffers RETURNING rows in a temporary table per statement, which
        // tripled the cost of a bulk insert.)
        // The writer's sends after the first of a run take the id after the last one
        // (`engine::send_run`).
        Dialect::Sqlite => match send_run::next_message_id() {
            Some(id) => Ok(id),
            None => c.one("SELECT coalesce(max(id), 0) + 1 FROM messages", &[], |r| {
                r.get(0)
            }),
        },
        // Several writers run at once (docs/scale-out.md), so `max(id) + 1` could give two
        // of them the same id. The id comes from the sequence, taken under the chat's row
        // lock, held until this transaction commits: within a chat, id order is commit
        // order, so a reader never sees an id appear below one it has already read.
        // (The chat's counters, noted later, set the same `last_message_id` again.)
        Dialect::Postgres => c.one(
            "UPDATE chats SET last_message_id = nextval('message_ids') WHERE id = ?1
             RETURNING last_message_id",
            &[&chat_id],
            |r| r.get(0),
        ),
    }
}

/// Inserts a message under an id [`next_id`] gave, and notes its text for search (which
/// indexes a message in a direct chat with one word fewer, `index_pending::chat_column`).
fn insert_with_id(
    c: &Conn,
    (chat_id, direct): (i64, bool),
    id: i64,
    sender_id: i64,
    content: &str,
    now: &str,
) -> StoreResult<Message> {
    c.exec(
        "INSERT INTO messages (chat_id, id, sender_id, content, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        &[&chat_id, &id, &sender_id, &content, &now],
    )?;
    match c.dialect() {
        Dialect::Sqlite => {
            send_run::inserted_message(id);
            crate::store::engine::index_pending::note_new_text(
                c.sqlite()?,
                id,
                (chat_id, Some(sender_id), direct),
                content,
            )?
        }
        Dialect::Postgres => crate::store::messaging::search_words::note_lexemes(c, content)?,
    }
    Ok(Message::new_sent(id, chat_id, sender_id, content, now))
}

/// Benchmark seeding: inserts `count` messages from `sender_id` into `chat_id`, the text of
/// the i-th from `text(i)`, and returns the last id; the caller then notes them on the
/// chat once ([`crate::store::messaging::chats::note_messages`]). On PostgreSQL the batch is one statement
/// and the chat row is updated once for it: each update of one row inside one
/// transaction left a row version the next had to step over, so seeding was quadratic
/// (100,000 messages: 226 s).
pub fn insert_seeded(
    c: &Conn,
    chat_id: i64,
    sender_id: i64,
    count: u64,
    now: &str,
    text: impl Fn(u64) -> String,
) -> StoreResult<i64> {
    let mut last = 0;
    if c.dialect() == Dialect::Sqlite {
        let direct = chats::is_direct(c, chat_id)?;
        for i in 0..count {
            last = insert_in(c, (chat_id, direct), sender_id, &text(i), now)?.id;
        }
        return Ok(last);
    }
    // One statement for the batch, where each message was a statement of its own:
    // 100,000 messages took 23.1 s, now 5.2 s; 1,000,000 take 28 s.
    let texts = TextList::new((0..count).map(text).collect());
    let last = c.one(
        "WITH seeded AS (
             INSERT INTO messages (chat_id, id, sender_id, content, created_at)
             SELECT ?1, nextval('message_ids'), ?2, t.content, ?4
               FROM unnest(?3::text[]) WITH ORDINALITY AS t(content, n)
              ORDER BY t.n
          RETURNING id)
         SELECT coalesce(max(id), 0) FROM seeded",
        &[&chat_id, &sender_id, &texts, &now],
        |r| r.get(0),
    )?;
    crate::store::messaging::search_words::note_lexemes_of_all(c, &texts)?;
    Ok(last)
}

/// A message written by [`insert_sent_by_member`], with what the send read on the way.
pub struct SentByMember {
    /// The chat the message went into. A send reads only its id and kind: its last
    /// message, count and update time are as before the message on SQLite, and as after
    /// it on PostgreSQL, where the chat is read from its update.
    pub chat: Chat,
    /// Every member's id, ascending: whom the message's event goes to.
    pub audience: Vec<i64>,
    /// The new message.
    pub message: Message,
}

/// What a send reads and writes, if `sender_id` is a member of live chat `chat_id`
/// (else `None`, having written nothing): the chat, its members' ids, and the message
/// inserted, noted on its chat (last message, count, update time) with the sender's
/// read marker moved to it.
///
/// On PostgreSQL one statement: the membership and audience read, the id
/// taken under the chat's row lock (docs/scale-out.md), the insert and the marker,
/// where they were two round trips (3,247 REST msg/s before; docs/benchmarks.md,
/// "Decisions that rest on a figure").
/// SQLite runs them as function calls.
pub fn insert_sent_by_member(
    c: &Conn,
    chat_id: i64,
    sender_id: i64,
    content: &str,
    now: &str,
) -> StoreResult<Option<SentByMember>> {
    if c.dialect() == Dialect::Sqlite {
        let Some((chat, audience)) = chats::membership_and_audience(c, chat_id, sender_id)? else {
            return Ok(None);
        };
        // One write of the chat's row a send, where the ready pages' triggers made it
        // three (migrations/50-a-send-writes-its-chat-once.sql).
        let id = next_id(c, chat_id)?;
        chats::note_sent_message(c, chat_id, id, now)?;
        let direct = chat.kind == crate::store::ChatKind::Direct;
        let message = insert_with_id(c, (chat_id, direct), id, sender_id, content, now)?;
        chats::advance_read_to_own(c, chat_id, sender_id, message.id)?;
        return Ok(Some(SentByMember {
            chat,
            audience,
            message,
        }));
    }
    // The chat's update finds the chat and checks the membership itself, and the audience
    // is read beside the answer: one read of `chats` and one join fewer than reading the
    // chat and membership first.
    let sql = format!(
        "WITH chat AS (
             UPDATE chats c SET last_message_id = nextval('message_ids'),
                                message_count = message_count + 1, updated_at = ?4
              WHERE c.id = ?1 AND c.removed_at IS NULL
                AND EXISTS (SELECT 1 FROM chat_members m WHERE m.chat_id = ?1 AND m.user_id = ?2)
          RETURNING {chat}),
         message AS (
             INSERT INTO messages (chat_id, id, sender_id, content, created_at)
             SELECT ?1, last_message_id, ?2, ?3, ?4 FROM chat
          RETURNING id),
         seen AS (
             UPDATE chat_members SET last_read_message_id = message.id FROM message
              WHERE chat_id = ?1 AND user_id = ?2 AND last_read_message_id < message.id)
         SELECT chat.*, {audience}, message.id FROM chat, message",
        chat = chats::CHAT_COLUMNS,
        audience = chats::AUDIENCE_OF_CHAT_1,
    );
    let sent = c.opt(&sql, &[&chat_id, &sender_id, &content, &now], |r| {
        let chat = chats::chat_from_row(r)?;
        let audience = chats::audience_at(r, chats::CHAT_COLUMN_COUNT)?;
        let id: i64 = r.get(chats::CHAT_COLUMN_COUNT + 1)?;
        Ok(SentByMember {
            chat,
            audience,
            message: Message::new_sent(id, chat_id, sender_id, content, now),
        })
    })?;
    if sent.is_some() {
        crate::store::messaging::search_words::note_lexemes(c, content)?;
    }
    Ok(sent)
}

/// Up to `limit` live messages `sender_id` sent, with ids above `after`, by id: what a
/// person's own data export lists.
pub fn by_sender(c: &Conn, sender_id: i64, after: i64, limit: i64) -> StoreResult<Vec<Message>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM messages m
         WHERE sender_id = ?1 AND id > ?2 AND deleted_at IS NULL ORDER BY id LIMIT ?3"
    );
    c.all(&sql, &[&sender_id, &after, &limit], from_row)
}

/// The live message with this id.
pub fn by_id(c: &Conn, id: i64) -> StoreResult<Option<Message>> {
    let sql = format!("SELECT {COLUMNS} FROM messages m WHERE id = ?1 AND deleted_at IS NULL");
    c.opt(&sql, &[&id], from_row)
}

/// A message its sender deleted, as a removed one (no text, files or reactions are left of
/// it): what Matrix's `/event` answers as a redacted event.
pub fn deleted_by_id(c: &Conn, id: i64) -> StoreResult<Option<Message>> {
    let sql = format!("SELECT {COLUMNS} FROM messages m WHERE id = ?1 AND deleted_at IS NOT NULL");
    Ok(c.opt(&sql, &[&id], from_row)?
        .map(|m| Message { removed: true, ..m }))
}

/// Replaces the content and marks the message edited.
pub fn update_content(c: &Conn, id: i64, content: &str, now: &str) -> StoreResult<()> {
    c.exec(
        "UPDATE messages SET content = ?2, edited_at = ?3 WHERE id = ?1",
        &[&id, &content, &now],
    )?;
    if c.dialect() == Dialect::Postgres {
        crate::store::messaging::search_words::note_lexemes(c, content)?;
    }
    Ok(())
}

/// Marks a message removed by an administrator: it stays live in its place, its content,
/// reactions and attachment links wiped.
pub fn mark_removed(c: &Conn, id: i64, now: &str) -> StoreResult<()> {
    c.exec(
        "UPDATE messages SET content = '', removed_at = ?2 WHERE id = ?1",
        &[&id, &now],
    )?;
    c.exec("DELETE FROM reactions WHERE message_id = ?1", &[&id])?;
    c.exec("DELETE FROM message_files WHERE message_id = ?1", &[&id])?;
    Ok(())
}

/// Marks a message deleted, wiping its content, reactions and attachment links.
pub fn soft_delete(c: &Conn, id: i64, now: &str) -> StoreResult<()> {
    c.exec(
        "UPDATE messages SET content = '', deleted_at = ?2 WHERE id = ?1",
        &[&id, &now],
    )?;
    c.exec("DELETE FROM reactions WHERE message_id = ?1", &[&id])?;
    c.exec("DELETE FROM message_files WHERE message_id = ?1", &[&id])?;
    Ok(())
}

/// Which end of the history a page starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    NewestFirst,
    OldestFirst,
}

/// A keyset page request: ids strictly between `after` and `before`, `limit` rows after
/// skipping `offset` (offset is only for small page-number requests).
#[derive(Debug, Clone)]
pub struct PageQuery {
    pub before: Option<i64>,
    pub after: Option<i64>,
    pub limit: i64,
    pub offset: i64,
    pub order: Order,
    /// Only messages matching this query, for the surfaces' `?search=`; `None` lists
    /// them all.
    pub search: Option<SearchQuery>,
    /// Only messages shown in the channel: not the replies kept in their thread.
    pub channel_only: bool,
}

/// One page of a chat's live messages, in the requested order.
pub fn page(c: &Conn, chat_id: i64, q: &PageQuery) -> StoreResult<Vec<Message>> {
    let mut rows = Vec::new();
    each_in_page(c, chat_id, q, |m| {
        rows.push(m.to_owned());
        Ok::<(), StoreError>(())
    })?;
    Ok(rows)
}

/// [`page`] without copying: `visit` sees each row, in order, while it is read. `visit`
/// may read the same connection (the sender, say); its error ends the page.
pub fn each_in_page<E: From<StoreError>>(
    c: &Conn,
    chat_id: i64,
    q: &PageQuery,
    mut visit: impl FnMut(&MessageRef<'_>) -> Result<(), E>,
) -> Result<(), E> {
    let page = PageStatement::new(c, chat_id, q)?;
    page.use_plans(c);
    c.each(&page.sql, &page.params(), |row| {
        visit(&MessageRef::from_row(row, Some(chat_id))?)
    })
}

/// What a page of history is read as by [`each_part_of_page`], in this order.
pub enum PagePart<'r> {
    /// The chat's live message count, with one member's `(user_id,
    /// last_read_message_id)` (members in join order; `None` for a chat with none). No
    /// such part: no such chat.
    Chat {
        message_count: i64,
        marker: Option<(i64, i64)>,
    },
    /// A sender of the page's messages (PostgreSQL only; on SQLite they are read when
    /// first wanted, which costs no round trip there).
    Sender(crate::store::people::users::User),
    /// A message of the page, in the page's order.
    Message(MessageRef<'r>),
}

/// A page of history with what it shows besides the messages: the chat's count and
/// read markers, and on PostgreSQL the page's senders. On PostgreSQL the three
/// statements go out together and are answered in one round trip, where they
/// were one round trip each, and one more per sender; on SQLite the count and markers,
/// then the page, each row seen while it is read.
pub fn each_part_of_page<E: From<StoreError>>(
    c: &Conn,
    chat_id: i64,
    q: &PageQuery,
    mut visit: impl FnMut(PagePart<'_>) -> Result<(), E>,
) -> Result<(), E> {
    let page = PageStatement::new(c, chat_id, q)?;
    let params = page.params();
    let chat_params: [&dyn Param; 1] = [&chat_id];
    let senders;
    let mut statements = vec![(chats::COUNT_AND_READ_MARKERS, &chat_params[..])];
    if c.dialect() == Dialect::Postgres {
        // Only the page's sender ids are read again, not its texts: the statement took
        // about 114 us with the whole page as its subquery (pg_stat_statements, history
        // bench), more than the page itself (85 us).
        senders = format!(
            "SELECT {} FROM users
              WHERE id = ANY(ARRAY(SELECT m.sender_id {}))",
            crate::store::people::users::COLUMNS,
            page.from
        );
        statements.push((senders.as_str(), &params[..]));
    }
    statements.push((page.sql.as_str(), &params[..]));
    let last = statements.len() - 1;
    page.use_plans(c);
    c.each_of(&statements, |i, row| match i {
        0 => visit(PagePart::Chat {
            message_count: row.get(0)?,
            marker: match row.get::<Option<i64>>(1)? {
                Some(user_id) => Some((user_id, row.get(2)?)),
                None => None,
            },
        }),
        i if i == last => visit(PagePart::Message(MessageRef::from_row(row, Some(chat_id))?)),
        _ => visit(PagePart::Sender(crate::store::people::users::from_row(
            row,
        )?)),
    })
}

/// The statement of a page of a chat's live messages and its parameters.
struct PageStatement {
    /// Whether it runs under a generic plan ([`Conn::use_plans`]).
    generic: bool,
    sql: String,
    /// `sql` after its columns: `FROM messages m WHERE ... LIMIT ?4 OFFSET ?5`.
    from: String,
    chat_id: i64,
    before: i64,
    after: i64,
    limit: i64,
    offset: i64,
    /// A search's text, bound for the index (parameter 6).
    search: Option<String>,
}

impl PageStatement {
    fn new(c: &Conn, chat_id: i64, q: &PageQuery) -> StoreResult<Self> {
        let dir = match q.order {
            Order::NewestFirst => "DESC",
            Order::OldestFirst => "ASC",
        };
        // A search is its own statement (the plain page, the hottest read, stays as it
        // was), its query parameter 6: on SQLite the index's matches in this chat, which
        // it finds in proportion to the chat's messages, not everyone's.
        let pg_matching;
        let matching = match (&q.search, c.dialect()) {
            (None, _) => "",
            (Some(_), Dialect::Sqlite) => {
                "AND id IN (SELECT -rowid FROM messages_fts WHERE messages_fts MATCH ?6)"
            }
            (Some(_), Dialect::Postgres) => {
                pg_matching = format!("AND m.search @@ {}", search::tsquery(6));
                &pg_matching
            }
        };
        let channel = match q.channel_only {
            true => "AND in_channel <> 0",
            false => "",
        };
        let from = match (&q.search, c.dialect()) {
            // A plain page on PostgreSQL is bounded by the primary key's row comparisons
            // and runs under a generic plan (`generic`): `chat_id = ?1 AND id < ?2 ORDER
            // BY id` let the generic plan a reader takes walk `messages_id_key` back
            // through every newer message of every chat, filtering on chat_id, when
            // there are few chats (a chat of 10,000 under one of 50,000 newer: 7-10 ms a
            // page against 0.1 ms; EXPLAIN ANALYZE). The row comparisons alone
            // say chat ?1 between the ids, and the scan starts at the cursor (with
            // `chat_id = ?1` beside them it started at the chat's end: 2 ms at 20,000
            // deep). Under `auto` their custom plans always won (generic estimate cost
            // 511 against 8.3), so the page was planned at every run and big-chat pages/s
            // fell by a third; hence the forced generic plan. SQLite plans each statement
            // itself, and a search keeps its plans.
            (None, Dialect::Postgres) => format!(
                "FROM messages m WHERE (chat_id, id) < (?1, ?2) AND (chat_id, id) > (?1, ?3)
                   AND deleted_at IS NULL {channel}
                 ORDER BY chat_id {dir}, id {dir} LIMIT ?4 OFFSET ?5"
            ),
            _ => format!(
                "FROM messages m WHERE chat_id = ?1 AND id < ?2 AND id > ?3 AND deleted_at IS NULL
                 {channel} {matching} ORDER BY id {dir} LIMIT ?4 OFFSET ?5"
            ),
        };
        let search = match &q.search {
            Some(s) => Some(s.bound(c, &[chat_id])?),
            None => None,
        };
        Ok(PageStatement {
            generic: q.search.is_none() && c.dialect() == Dialect::Postgres,
            sql: format!("SELECT {COLUMNS} {from}"),
            from,
            chat_id,
            before: q.before.unwrap_or(i64::MAX),
            after: q.after.unwrap_or(0),
            limit: q.limit,
            offset: q.offset,
            search,
        })
    }

    /// Has PostgreSQL plan the page's statements as they need: generic for a plain
    /// page, `auto` for a search.
    fn use_plans(&self, c: &Conn) {
        c.use_plans(match self.generic {
            true => PlanCacheMode::ForceGeneric,
            false => PlanCacheMode::Auto,
        });
    }

    fn params(&self) -> Vec<&dyn Param> {
        let mut p: Vec<&dyn Param> = vec![
            &self.chat_id,
            &self.before,
            &self.after,
            &self.limit,
            &self.offset,
        ];
        if let Some(text) = &self.search {
            p.push(text);
        }
        p
    }
}

/// How many live messages lie strictly between `after` and `before` (for page counts
/// of windowed reads; the whole-chat count is kept on the chat row).
pub fn count_between(
    c: &Conn,
    chat_id: i64,
    after: Option<i64>,
    before: Option<i64>,
) -> StoreResult<i64> {
    c.one(
        "SELECT count(*) FROM messages WHERE chat_id = ?1 AND id < ?2 AND id > ?3 AND deleted_at IS NULL",
        &[&chat_id, &before.unwrap_or(i64::MAX), &after.unwrap_or(0)],
        |r| r.get(0),
    )
}

/// How many live messages of `chat_id` match `search` (a `?search=` list's count).
pub fn count_matching(c: &Conn, chat_id: i64, search: &SearchQuery) -> StoreResult<i64> {
    // A search's plan depends on how common its words are.
    c.use_plans(PlanCacheMode::Auto);
    let text = search.bound(c, &[chat_id])?;
    match c.dialect() {
        // Only live messages are in the index, and the bound text names the chat.
        Dialect::Sqlite => c.one(
            "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?1",
            &[&text],
            |r| r.get(0),
        ),
        Dialect::Postgres => c.one(
            &format!(
                "SELECT count(*) FROM messages m
                 WHERE m.search @@ {} AND m.chat_id = ?1 AND m.deleted_at IS NULL",
                search::tsquery(2)
            ),
            &[&chat_id, &text],
            |r| r.get(0),
        ),
    }
}

/// The newest live message of a chat's timeline (replies kept to their thread left out).
pub fn last_in_chat(c: &Conn, chat_id: i64) -> StoreResult<Option<Message>> {
    // A reply kept to its thread is not in the chat's timeline, so it is not what the
    // chat list shows as the chat's last message.
    let sql = format!(
        "SELECT {COLUMNS} FROM messages m WHERE chat_id = ?1 AND deleted_at IS NULL AND in_channel <> 0
         ORDER BY id DESC LIMIT 1"
    );
    c.opt(&sql, &[&chat_id], from_row)
}

/// The newest message id of a chat, live or not (0 if none).
pub fn max_id(c: &Conn, chat_id: i64) -> StoreResult<i64> {
    c.one(
        "SELECT coalesce(max(id), 0) FROM messages WHERE chat_id = ?1",
        &[&chat_id],
        |r| r.get(0),
    )
}

/// [`count_from_others`] on PostgreSQL.
const UNREAD_FROM_OTHERS_PG: &str = "SELECT count(*), count(*) FILTER (WHERE in_channel <> 0)
     FROM messages
     WHERE (chat_id, id) > (?1, ?3) AND (chat_id, id) <= (?1, ?4)
       AND deleted_at IS NULL AND coalesce(sender_id, 0) <> ?2";

/// Live messages of a chat shown in its channel (all but the replies kept in a thread).
pub fn count_in_channel(c: &Conn, chat_id: i64) -> StoreResult<i64> {
    c.one(
        "SELECT count(*) FROM messages WHERE chat_id = ?1 AND deleted_at IS NULL AND in_channel <> 0",
        &[&chat_id],
        |r| r.get(0),
    )
}

/// Live messages of a chat whose text is not `content`: whether a room holds anything
/// beyond natter's arrival lines.
pub fn count_other_than(c: &Conn, chat_id: i64, content: &str) -> StoreResult<i64> {
    c.one(
        "SELECT count(*) FROM messages WHERE chat_id = ?1 AND deleted_at IS NULL AND content <> ?2",
        &[&chat_id, &content],
        |r| r.get(0),
    )
}

/// Live messages from others with ids in `(after, up_to]`: what "unread" means for a reader.
pub fn count_from_others(
    c: &Conn,
    chat_id: i64,
    reader: i64,
    after: i64,
    up_to: i64,
) -> StoreResult<i64> {
    Ok(unread_from_others(c, chat_id, reader, after, up_to)?.0)
}

/// [`count_from_others`], and how many of them are shown in the channel (not replies kept
/// in their thread).
pub fn unread_from_others(
    c: &Conn,
    chat_id: i64,
    reader: i64,
    after: i64,
    up_to: i64,
) -> StoreResult<(i64, i64)> {
    let sql = match c.dialect() {
        Dialect::Sqlite => {
            "SELECT count(*), count(*) FILTER (WHERE in_channel <> 0)
               FROM messages WHERE chat_id = ?1 AND id > ?3 AND id <= ?4
               AND deleted_at IS NULL AND coalesce(sender_id, 0) <> ?2"
        }
        // As a page (`PageStatement`): by the primary key's row comparisons under a
        // generic plan, where the generic plan of `chat_id = ?1 AND id > ?3` counted
        // through `messages_id_key`, every chat's messages since the reader's marker
        // (20 ms for 1,000 unread under 50,000 of another chat's; EXPLAIN ANALYZE).
        Dialect::Postgres => {
            c.use_plans(PlanCacheMode::ForceGeneric);
            UNREAD_FROM_OTHERS_PG
        }
    };
    c.one(sql, &[&chat_id, &reader, &after, &up_to], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
}

/// Of the messages [`unread_from_others`] counts, how many are in each thread (by its
/// root's id; `None`: outside any thread), for Matrix apps that count threads apart.
pub fn unread_from_others_by_thread(
    c: &Conn,
    chat_id: i64,
    reader: i64,
    after: i64,
    up_to: i64,
) -> StoreResult<Vec<(Option<i64>, i64)>> {
    c.all(
        "SELECT thread_id, count(*) FROM messages
           WHERE chat_id = ?1 AND id > ?3 AND id <= ?4
           AND deleted_at IS NULL AND coalesce(sender_id, 0) <> ?2
           GROUP BY thread_id",
        &[&chat_id, &reader, &after, &up_to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Live messages of the chats where `user_a` and `user_b` talk directly or that involve
/// `user_id`, across direct chats, newest first: the inbox surface's list.
pub fn direct_page_for_user(
    c: &Conn,
    user_id: i64,
    with_user: Option<i64>,
    search: Option<&SearchQuery>,
    limit: i64,
    offset: i64,
) -> StoreResult<(i64, Vec<Message>)> {
    if search.is_some() {
        c.use_plans(PlanCacheMode::Auto);
    }
    // CROSS JOIN makes SQLite start from the user's direct chats and sort just their
    // messages. Left to itself it walks every message of every chat newest first until
    // the page is full: 149 ms for a page with 201,000 group messages in the database.
    // PostgreSQL has no CROSS JOIN with ON (and no need for the hint): a plain JOIN.
    // A search (`?search=`) is its own statement, with the index's matches as a filter
    // (its text is parameter `n`).
    let join = match c.dialect() {
        Dialect::Sqlite => "CROSS JOIN",
        Dialect::Postgres => "JOIN",
    };
    let filter = |n: usize| {
        let matching = match (search, c.dialect()) {
            (None, _) => String::new(),
            (Some(_), Dialect::Sqlite) => format!(
                "AND m.id IN (SELECT -rowid FROM messages_fts WHERE messages_fts MATCH ?{n})"
            ),
            (Some(_), Dialect::Postgres) => format!("AND m.search @@ {}", search::tsquery(n)),
        };
        format!(
            "FROM chats c {join} messages m ON m.chat_id = c.id
             WHERE c.kind = 'direct' AND (c.direct_low = ?1 OR c.direct_high = ?1)
               AND (CAST(?2 AS BIGINT) IS NULL OR c.direct_low = ?2 OR c.direct_high = ?2) AND m.deleted_at IS NULL
               {matching}"
        )
    };
    // On SQLite the index is asked for matches in the caller's direct chats only.
    let bound = match search {
        Some(s) => {
            let chats: Vec<i64> = c.all(
                "SELECT id FROM chats WHERE kind = 'direct' AND (direct_low = ?1 OR direct_high = ?1)
                   AND (CAST(?2 AS BIGINT) IS NULL OR direct_low = ?2 OR direct_high = ?2)",
                &[&user_id, &with_user],
                |r| r.get(0),
            )?;
            if chats.is_empty() {
                return Ok((0, Vec::new()));
            }
            Some(s.bound(c, &chats)?)
        }
        None => None,
    };
    let text = bound.as_deref().unwrap_or_default();
    let (count, page): ([&dyn Param; 3], [&dyn Param; 5]) = (
        [&user_id, &with_user, &text],
        [&user_id, &with_user, &limit, &offset, &text],
    );
    let (count, page) = match bound {
        Some(_) => (&count[..], &page[..]),
        None => (&count[..2], &page[..4]),
    };
    let total = c.one(&format!("SELECT count(*) {}", filter(3)), count, |r| {
        r.get(0)
    })?;
    let rows = c.all(
        &format!(
            "SELECT {COLUMNS} {} ORDER BY m.id DESC LIMIT ?3 OFFSET ?4",
            filter(5)
        ),
        page,
        from_row,
    )?;
    Ok((total, rows))
}

/// Adds the reaction if absent, removes it if present; returns true when added.
pub fn toggle_reaction(
    c: &Conn,
    message_id: i64,
    user_id: i64,
    emoji: &str,
    now: &str,
) -> StoreResult<bool> {
    // Several writers (PostgreSQL) toggling one message's reactions take turns on its
    // row, so each sees the last one's outcome; SQLite's one writer already does.
    if c.dialect() == crate::store::Dialect::Postgres {
        c.opt(
            "SELECT id FROM messages WHERE id = ?1 FOR UPDATE",
            &[&message_id],
            |_| Ok(()),
        )?;
    }
    let removed = c.exec(
        "DELETE FROM reactions WHERE message_id = ?1 AND user_id = ?2 AND emoji = ?3",
        &[&message_id, &user_id, &emoji],
    )?;
    if removed > 0 {
        return Ok(false);
    }
    c.exec(
        "INSERT INTO reactions (message_id, user_id, emoji, created_at) VALUES (?1, ?2, ?3, ?4)",
        &[&message_id, &user_id, &emoji, &now],
    )?;
    Ok(true)
}

/// A message's reactions grouped by emoji, in order of first use: (emoji, user ids).
pub type ReactionGroups = Vec<(String, Vec<i64>)>;

/// A message's reactions grouped by emoji, in order of first use.
pub fn reactions(c: &Conn, message_id: i64) -> StoreResult<ReactionGroups> {
    Ok(reactions_of(c, &[message_id])?
        .remove(&message_id)
        .unwrap_or_default())
}

/// Reactions of several messages in one query (a page of history), by message id;
/// messages without reactions are absent.
pub fn reactions_of(c: &Conn, message_ids: &[i64]) -> StoreResult<HashMap<i64, ReactionGroups>> {
    let mut out: HashMap<i64, ReactionGroups> = HashMap::new();
    c.each(
        "SELECT message_id, emoji, user_id FROM reactions WHERE message_id IN rarray(?1)
         ORDER BY message_id, created_at, emoji, user_id",
        &[&IdList::new(message_ids)],
        |row| {
            let groups = out.entry(row.get(0)?).or_default();
            let emoji: &str = row.get(1)?;
            let user: i64 = row.get(2)?;
            match groups.iter_mut().find(|(e, _)| e == emoji) {
                Some((_, users)) => users.push(user),
                None => groups.push((emoji.to_string(), vec![user])),
            }
            Ok::<(), StoreError>(())
        },
    )?;
    for (_, users) in out.values_mut().flatten() {
        users.sort_unstable();
    }
    Ok(out)
}

/// Whether a message is encrypted (its `m.room.encrypted` content kept beside it).
pub fn is_sealed(c: &Conn, message_id: i64) -> StoreResult<bool> {
    Ok(c.opt(
        "SELECT 1 FROM messages WHERE id = ?1 AND sealed IS NOT NULL",
        &[&message_id],
        |r| r.get::<i64>(0),
    )?
    .is_some())
}

/// Keeps an encrypted message's `m.room.encrypted` content beside its text.
pub fn seal(c: &Conn, message_id: i64, sealed: &str) -> StoreResult<()> {
    c.exec(
        "UPDATE messages SET sealed = ?2 WHERE id = ?1",
        &[&message_id, &sealed],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::engine::pg::PgConn;
    use crate::store::engine::sql::postgres_text;

    /// The plan PostgreSQL keeps for a page's statement (a generic one, as a reader's
    /// connection takes after five runs), run for `chat_id` newest first before `cursor`
    /// and oldest first after it (the whole chat without one), with the buffers each
    /// read.
    fn generic_plans_of_a_page(pc: &PgConn, chat_id: i64, cursor: Option<i64>) -> Vec<String> {
        let mut plans = Vec::new();
        for (i, order) in [Order::NewestFirst, Order::OldestFirst]
            .into_iter()
            .enumerate()
        {
            let q = PageQuery {
                channel_only: false,
                before: None,
                after: None,
                limit: 50,
                offset: 0,
                order,
                search: None,
            };
            let page = PageStatement::new(&Conn::pg(pc), chat_id, &q).expect("a statement");
            let name = format!("page_{chat_id}_{}_{i}", cursor.unwrap_or(0));
            let sql = format!(
                "SET plan_cache_mode = force_generic_plan;
                 PREPARE {name}(bigint, bigint, bigint, bigint, bigint) AS {};",
                postgres_text(&page.sql)
            );
            pc.batch(&sql).expect("prepared");
            let (before, after) = match (order, cursor) {
                (_, None) => (i64::MAX, 0),
                (Order::NewestFirst, Some(cursor)) => (cursor, 0),
                (Order::OldestFirst, Some(cursor)) => (i64::MAX, cursor),
            };
            plans.push(explained(
                pc,
                &format!("EXECUTE {name}({chat_id}, {before}, {after}, 50, 0)"),
            ));
        }
        plans
    }

    /// What `EXPLAIN (ANALYZE, BUFFERS)` says of `execute`, an `EXECUTE` of a prepared
    /// statement.
    fn explained(pc: &PgConn, execute: &str) -> String {
        let explain =
            format!("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF) {execute}");
        let rows = pc
            .block_on(pc.client().simple_query(&explain))
            .expect("a plan");
        let lines: Vec<String> = rows
            .iter()
            .filter_map(|m| match m {
                tokio_postgres::SimpleQueryMessage::Row(r) => r.get(0).map(str::to_string),
                _ => None,
            })
            .collect();
        lines.join("\n")
    }

    /// The shared buffers the plan's top node read.
    fn buffers_of(plan: &str) -> u64 {
        let line = plan
            .lines()
            .find(|l| l.trim_start().starts_with("Buffers:"))
            .unwrap_or_else(|| panic!("no buffers in {plan}"));
        line.split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse::<u64>().ok())
            .sum()
    }

    /// On PostgreSQL a send is one statement that writes only for a member of a live
    /// chat: the message, the chat's last message, count and update time, and the
    /// sender's read marker; for anyone else, or a removed chat, nothing.
    #[test]
    fn a_send_writes_only_for_a_member_of_a_live_chat_on_postgresql() {
        let Some(pc) = crate::store::engine::test_support::migrated_pg("the send statement test")
        else {
            return;
        };
        pc.batch(
            "INSERT INTO users (username, created_at) VALUES ('a', 't'), ('b', 't'), ('c', 't');
             INSERT INTO chats (kind, created_at, updated_at, removed_at)
                 VALUES ('group', 't', 't', NULL), ('group', 't', 't', 't');
             INSERT INTO chat_members (chat_id, user_id, joined_at)
                 VALUES (1, 2, 't'), (1, 1, 't'), (2, 1, 't')",
        )
        .expect("a live chat and a removed one");
        let c = Conn::pg(&pc);
        let counts = |chat_id: i64| -> (i64, i64, String, Vec<i64>) {
            let chat = chats::by_id(&c, chat_id).expect("read").expect("the chat");
            let markers = [1_i64, 2]
                .iter()
                .map(|user| {
                    chats::member(&c, chat_id, *user)
                        .expect("read")
                        .map_or(-1, |m| m.last_read_message_id)
                })
                .collect();
            (
                chat.message_count,
                chat.last_message_id,
                chat.updated_at,
                markers,
            )
        };

        let sent = insert_sent_by_member(&c, 1, 1, "hello", "t2")
            .expect("sent")
            .expect("a member's send");
        assert_eq!(sent.chat.id, 1);
        assert_eq!(sent.chat.kind, crate::store::ChatKind::Group);
        assert_eq!(sent.audience, vec![1, 2]);
        let id = sent.message.id;
        assert_eq!(
            by_id(&c, id).expect("read").expect("stored").content,
            "hello"
        );
        assert_eq!(counts(1), (1, id, "t2".to_string(), vec![id, 0]));

        // Not a member, a removed chat: nothing written, nothing numbered.
        assert!(insert_sent_by_member(&c, 1, 3, "hi", "t3")
            .expect("ran")
            .is_none());
        assert!(insert_sent_by_member(&c, 2, 1, "hi", "t3")
            .expect("ran")
            .is_none());
        assert_eq!(counts(1), (1, id, "t2".to_string(), vec![id, 0]));
        let stored: i64 = pc
            .query("SELECT count(*) FROM messages", &[])
            .expect("a count")[0]
            .get(0);
        assert_eq!(stored, 1);
        let removed: i64 = pc
            .query("SELECT message_count FROM chats WHERE id = 2", &[])
            .expect("a count")[0]
            .get(0);
        assert_eq!(removed, 0);
    }

    /// A page reads its own chat's rows by the primary key from its cursor on, never
    /// the messages of another chat or those beyond the cursor: its cost does not depend
    /// on other people's chats or on how deep it is, under the generic plan a reader
    /// keeps.
    #[test]
    fn a_page_reads_only_its_own_rows_from_its_cursor_under_a_generic_plan() {
        let Some(pc) = crate::store::engine::test_support::migrated_pg("the page plan test") else {
            return;
        };
        pc.batch(
            "INSERT INTO users (username, created_at) VALUES ('a', 't');
             INSERT INTO chats (kind, created_at, updated_at)
                 VALUES ('group', 't', 't'), ('group', 't', 't');
             INSERT INTO messages (chat_id, id, sender_id, content, created_at)
                 SELECT 1, nextval('message_ids'), 1, 'older', 't' FROM generate_series(1, 500);
             INSERT INTO messages (chat_id, id, sender_id, content, created_at)
                 SELECT 2, nextval('message_ids'), 1, 'newer', 't' FROM generate_series(1, 20000);
             ANALYZE messages",
        )
        .expect("two chats");
        // Chat 1's unread count since its 100th message reads chat 1's rows only.
        let count = format!(
            "SET plan_cache_mode = force_generic_plan;
             PREPARE unread(bigint, bigint, bigint, bigint) AS {}",
            postgres_text(UNREAD_FROM_OTHERS_PG)
        );
        pc.batch(&count).expect("prepared");
        let c = Conn::pg(&pc);
        assert_eq!(
            count_from_others(&c, 1, 2, 100, 20_500).expect("a count"),
            400
        );
        let plan = explained(&pc, "EXECUTE unread(1, 2, 100, 20500)");
        assert!(plan.contains("messages_pkey"), "{plan}");
        assert!(!plan.contains("Rows Removed by Filter"), "{plan}");
        // The older, smaller chat from either end, and the bigger one from its middle
        // (ids 501..=20500).
        for (chat_id, cursor) in [(1, None), (2, Some(10_500))] {
            for plan in generic_plans_of_a_page(&pc, chat_id, cursor) {
                assert!(plan.contains("messages_pkey"), "{plan}");
                assert!(!plan.contains("Rows Removed by Filter"), "{plan}");
                assert!(plan.contains("rows=50 loops=1"), "{plan}");
                // 50 short rows are one or two leaf pages and their heap pages.
                assert!(buffers_of(&plan) <= 12, "{plan}");
            }
        }
    }

    /// Pages take one generic plan from their first run, where `auto` planned them at
    /// every run; the connection keeps that mode until a search asks for `auto`.
    #[test]
    fn pages_take_one_generic_plan_and_a_search_gets_postgresqls_own_choice_back() {
        let Some(pc) = crate::store::engine::test_support::migrated_pg("the page plan mode test")
        else {
            return;
        };
        pc.batch(
            "INSERT INTO users (username, created_at) VALUES ('a', 't');
             INSERT INTO chats (kind, created_at, updated_at) VALUES ('group', 't', 't');
             INSERT INTO chat_members (chat_id, user_id, joined_at) VALUES (1, 1, 't');
             INSERT INTO messages (chat_id, id, sender_id, content, created_at)
                 SELECT 1, nextval('message_ids'), 1, 'hello', 't' FROM generate_series(1, 200);
             ANALYZE messages",
        )
        .expect("a chat");
        let c = Conn::pg(&pc);
        let q = PageQuery {
            channel_only: false,
            before: Some(150),
            after: None,
            limit: 20,
            offset: 0,
            order: Order::NewestFirst,
            search: None,
        };
        let mut ids = Vec::new();
        for _ in 0..7 {
            ids.clear();
            each_part_of_page(&c, 1, &q, |part| {
                if let PagePart::Message(m) = part {
                    ids.push(m.id);
                }
                Ok::<(), StoreError>(())
            })
            .expect("a page");
        }
        assert_eq!(ids, (130..150).rev().collect::<Vec<i64>>());
        let mode = || -> String {
            c.one("SELECT current_setting('plan_cache_mode')", &[], |r| {
                r.get(0)
            })
            .expect("the mode")
        };
        // The reader stays in the pages' mode, until a search asks for PostgreSQL's own.
        assert_eq!(mode(), "force_generic_plan");
        let hello = SearchQuery::from_text("hello").expect("a query");
        assert_eq!(count_matching(&c, 1, &hello).expect("a count"), 200);
        assert_eq!(mode(), "auto");
        let plans: Vec<(i64, i64)> = c
            .all(
                "SELECT generic_plans, custom_plans FROM pg_prepared_statements
                  WHERE statement LIKE '%(chat_id, id) <%'
                    AND statement NOT LIKE '%pg_prepared_statements%'",
                &[],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("the plans");
        // The page and its senders: one generic plan each, used seven times.
        assert_eq!(plans, vec![(7, 0), (7, 0)]);
    }
}
