//! Full-text search over message text: SQLite's FTS5 index (migrations 4 and 9), or
//! PostgreSQL's generated `tsvector` column with its GIN index (schema_pg.sql). What a
//! user types is data, never query syntax: [`SearchQuery`] quotes every word for FTS5, so
//! quotes, `NEAR`, `AND`, `*`, `^`, column filters and unbalanced parentheses match as
//! text or not at all, and keeps only letters and digits for PostgreSQL's `tsquery`,
//! quoted after `unaccent` (`natter_search_query`, migrations/pg/9-search-scope.sql).
//!
//! A search costs in proportion to the caller's chats, never to everyone's
//! (docs/benchmarks.md, "Decisions that rest on a figure"): it is asked of the index
//! together with the caller's chats (FTS5's `chat` column, or one PostgreSQL lookup per
//! chat), or, for a caller in many chats, as a probe of a bounded number of the newest
//! matches anywhere followed, when that does not fill the page, by the chat-scoped search
//! below the probe.
//!
//! Longer than most files: the two dialects' searches (FTS5 and `tsvector`) and the
//! snippets they make are read side by side, so a change to one is made to the other.

use crate::store::engine::sql::{IdList, Row};
use crate::store::engine::words::{key, words};
use crate::store::messaging::message_row::{from_row, Message, COLUMNS, COLUMN_COUNT};
use crate::store::messaging::search_filters::{self, Excluded, Filters, SearchedChats};
use crate::store::messaging::search_words;
use crate::store::messaging::snippet::{
    made_here, spans, uses_stand_ins, with_ellipses, Marks, ENTITY, TAG_OPEN,
};
use crate::store::{Conn, Dialect, StoreResult};
use std::collections::HashSet;

pub use crate::store::messaging::found::Found;
pub use crate::store::messaging::snippet::Span;

/// Most distinct terms a search may have: each is one more walk of the index,
/// so a longer query is refused (400) instead of taking a reader for seconds.
pub const MAX_TERMS: usize = 16;

/// Shortest last word that is also searched as a prefix: a prefix of one or two letters
/// stands for most of the index's words, so such a word is matched whole.
pub const MIN_PREFIX_CHARS: usize = 3;

/// Most chats one FTS5 search names in its `chat` filter. Each is one more list FTS5
/// opens, about 5 µs per index segment when walked newest first (docs/benchmarks.md,
/// "Decisions that rest on a figure"), so a caller in more chats is searched by a probe first, then in groups of
/// this many.
const CHATS_PER_SEARCH: usize = 16;

/// FTS5's snippet of a match, as both SQLite statements ask for it: about a dozen words
/// of the text column, `…` where cut, matches between parameters 3 and 4.
const FTS5_SNIPPET: &str = "snippet(messages_fts, 0, ?3, ?4, '…', 12)";

/// Most index entries the probe of a caller in many chats reads, newest first, before it
/// falls back to searching their chats: about 1 ms of work.
const PROBE: usize = 2000;

/// Index entries a search with words and operators reads newest first before walking
/// the operators' side instead (`Scoped::with_operators_fts5`): past this many, the
/// operators are the rarer side. Each entry read costs a message lookup and the
/// operators' test, about 4 µs.
const PROBE_WITH_OPERATORS: usize = 256;

/// Messages the operators' side may read (`search_filters::ids_by_operators`) before the
/// words are taken as the rarer side after all and their matches are walked instead:
/// about 2 ms of reading.
const OPERATOR_BUDGET: usize = 2000;

/// What a user searches for: every word required, the last one also as a prefix
/// (`deplo` finds `deploy`) when its last part has at least [`MIN_PREFIX_CHARS`]
/// characters. Built once from the user's text ([`SearchQuery::from_text`]); the prefix
/// becomes the indexed words it stands for ([`search_words`]) where a statement binds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// The whitespace-separated words that have a letter or digit, as typed, each once
    /// (ignoring case). Empty only for [`SearchQuery::nothing`].
    words: Vec<String>,
    /// PostgreSQL's terms: the words cut at every character that is not a letter or digit
    /// (so no character of the user's is `tsquery` syntax), lower-cased, each once.
    terms: Vec<String>,
    /// The prefix, when the last word is one.
    stem: Option<Stem>,
}

/// The last word of a search, taken as a prefix: its last part (the letters and digits
/// after its last other character) is the prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stem {
    /// The word up to its last part (`e-` of `e-mai`), kept in each FTS5 phrase.
    head: String,
    /// The last part, lower-cased: the prefix itself, and the last of `terms`.
    part: String,
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
        let mut seen = HashSet::new();
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
        let mut seen = HashSet::new();
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
        // A last word (or last part) typed before (`deploy deploy`) is required whole
        // already, and a short one stands for too many words.
        let stem = words
            .last()
            .filter(|_| last_is_new && last_term_is_new)
            .and_then(|last| {
                let last = last.trim_end_matches(|c: char| !c.is_alphanumeric());
                let start = last.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| {
                    i + last[i..].chars().next().map_or(1, char::len_utf8)
                });
                let part = &last[start..];
                (part.chars().count() >= MIN_PREFIX_CHARS).then(|| Stem {
                    head: last[..start].to_string(),
                    part: part.to_lowercase(),
                })
            });
        Ok(SearchQuery { words, terms, stem })
    }

    /// A query that matches no message (a `?search=` of only punctuation).
    pub fn nothing() -> SearchQuery {
        SearchQuery {
            words: Vec::new(),
            terms: Vec::new(),
            stem: None,
        }
    }

    /// The indexed words the prefix stands for (none without a prefix), but the prefix
    /// itself, which is searched anyway: one list opened twice cost the walk double. A
    /// whole token of PostgreSQL's parser (`example.org`, `e-mail`) is left out: its words
    /// are indexed apart as well (schema step 48), and the prefix stands for them.
    fn expansion(&self, c: &Conn) -> StoreResult<Vec<String>> {
        let Some(stem) = &self.stem else {
            return Ok(Vec::new());
        };
        let typed = crate::store::engine::words::key(&stem.part);
        let mut words = search_words::starting_with(c, &stem.part)?;
        words.retain(|w| {
            crate::store::engine::words::key(w) != typed
                && crate::store::engine::words::word_ranges(w).eq(std::iter::once(0..w.len()))
        });
        Ok(words)
    }

    /// This search's words cut and folded as the index reads them, once for all the
    /// texts it is tested on ([`Folded::found_in`]): each word's parts, and for the last
    /// word, when a prefix, the `expansion` words it stands for besides itself.
    fn folded(&self, expansion: &[String]) -> Folded {
        let fold = |word: &str| words(word).map(|part| key(&part)).collect::<Vec<_>>();
        let Some((last, rest)) = self.words.split_last() else {
            return Folded::default();
        };
        let mut last_any = vec![fold(last)];
        if let Some(stem) = &self.stem {
            last_any.extend(expansion.iter().map(|w| fold(&format!("{}{w}", stem.head))));
        }
        Folded {
            every: rest.iter().map(|w| fold(w)).collect(),
            last_any,
        }
    }

    /// The FTS5 query on the `content` column: each word a quoted phrase (a `"` inside
    /// doubled), all of them required, and the last one, when a prefix, as itself or any
    /// of the `expansion` words in its place. `""` for [`SearchQuery::nothing`], which
    /// matches nothing.
    fn fts5(&self, expansion: &[String]) -> String {
        let quote = |w: &str| format!("\"{}\"", w.replace('"', "\"\""));
        let Some((last, rest)) = self.words.split_last() else {
            return "content:(\"\")".into();
        };
        let mut query: Vec<String> = rest.iter().map(|w| quote(w)).collect();
        match &self.stem {
            Some(stem) if !expansion.is_empty() => {
                let mut either = vec![quote(last)];
                either.extend(
                    expansion
                        .iter()
                        .map(|w| quote(&format!("{}{w}", stem.head))),
                );
                query.push(format!("({})", either.join(" OR ")));
            }
            _ => query.push(quote(last)),
        }
        format!("content:({})", query.join(" AND "))
    }

    /// [`SearchQuery::fts5`] in the chats `chats` only.
    fn fts5_in(&self, expansion: &[String], chats: &[i64]) -> String {
        let chats: Vec<String> = chats.iter().map(|id| format!("\"{id}\"")).collect();
        format!("{} AND chat:({})", self.fts5(expansion), chats.join(" OR "))
    }

    /// What PostgreSQL's `natter_search_query` reads: three lines, the terms all required
    /// (but the prefix), the prefix as typed, and the `expansion` words, any of which (or
    /// the prefix) is also required. Empty lines for [`SearchQuery::nothing`].
    fn pg(&self, expansion: &[String]) -> String {
        match &self.stem {
            // The prefix is the last term.
            Some(stem) => format!(
                "{}\n{}\n{}",
                self.terms[..self.terms.len() - 1].join(" "),
                stem.part,
                expansion.join(" ")
            ),
            None => format!("{}\n\n", self.terms.join(" ")),
        }
    }

    /// This query's words as an excluded word of a search: each matched whole (no
    /// prefix) and in any chat, as either backend binds it.
    pub fn excluded(&self) -> Excluded {
        Excluded::new(self.fts5(&[]), self.pg(&[]))
    }

    /// The text a statement binds for this query on `c`'s backend, in the chats `chats`
    /// (on SQLite; a PostgreSQL statement names its chats itself).
    pub(in crate::store) fn bound(&self, c: &Conn, chats: &[i64]) -> StoreResult<String> {
        let expansion = self.expansion(c)?;
        Ok(match c.dialect() {
            Dialect::Sqlite => self.fts5_in(&expansion, chats),
            Dialect::Postgres => self.pg(&expansion),
        })
    }
}

/// PostgreSQL: the `tsquery` for parameter `?n` holding [`SearchQuery::bound`]'s text.
pub(in crate::store) fn tsquery(n: usize) -> String {
    format!("public.natter_search_query(?{n})")
}

/// Live messages matching `query` in the chats `user_id` is a member of now (or only
/// `chat_id`), with ids below `before`, newest first, at most `limit`.
pub fn in_my_chats(
    c: &Conn,
    user_id: i64,
    query: Option<&SearchQuery>,
    filters: &Filters,
    chat_id: Option<i64>,
    before: Option<i64>,
    limit: i64,
) -> StoreResult<Vec<Found>> {
    // A search's plan depends on how common its words are: PostgreSQL's own choice.
    c.use_plans(crate::store::engine::pg::PlanCacheMode::Auto);
    let days = filters.days();
    let mut chats: Vec<ChatRead> = chats_with_bounds(c, user_id, chat_id)?
        .into_iter()
        .filter(|chat| days.may_hold_between(chat.first_us, chat.last_us))
        .collect();
    // No match is newer than the newest message of the caller's chats: a walk of every
    // chat's matches starts there (a common word otherwise walked past every newer
    // message of other chats first: 919 ms p99 when the caller's chats are quiet).
    let newest = chats
        .iter()
        .map(|chat| chat.last_message_id)
        .max()
        .unwrap_or(0);
    let below = before.unwrap_or(i64::MAX).min(newest.saturating_add(1));
    // The most recently active first: a walk of each chat's matches that stops at the
    // page found so far stops soonest in the older ones.
    chats.sort_unstable_by_key(|chat| std::cmp::Reverse(chat.last_message_id));
    let ids: Vec<i64> = chats.iter().map(|chat| chat.id).collect();
    let newest_ids: Vec<i64> = chats.iter().map(|chat| chat.last_message_id).collect();
    let direct: Vec<bool> = chats.iter().map(|chat| chat.direct).collect();
    let searched = SearchedChats {
        ids: &ids,
        newest_ids: &newest_ids,
        direct: &direct,
    };
    let limit = usize::try_from(limit).unwrap_or(0);
    if ids.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let Some(query) = query else {
        return search_filters::without_words(c, searched, filters, below, limit);
    };
    let expansion = query.expansion(c)?;
    let search = Scoped {
        c,
        query,
        expansion: &expansion,
        filters,
        searched,
    };
    let mut found = search.newest_first(user_id, &ids, below, limit)?;
    search.remark(&mut found)?;
    search.mark_inside_tokens(&mut found);
    Ok(found)
}

/// One of the searcher's chats as a search first reads it.
struct ChatRead {
    id: i64,
    last_message_id: i64,
    /// Whether it is a direct chat ([`SearchedChats::direct`]).
    direct: bool,
    /// Its time bounds in microseconds since 1970 UTC, `None` while it has no message.
    first_us: Option<i64>,
    last_us: Option<i64>,
}

/// The chats `user_id` is a member of now (or only `chat_id`), each with its bounds:
/// numbers on SQLite (migrations/61-chats-time-bounds-as-numbers.sql), text on
/// PostgreSQL, read as SQLite's, where text that is no time leaves a bound wide open.
fn chats_with_bounds(c: &Conn, user_id: i64, chat_id: Option<i64>) -> StoreResult<Vec<ChatRead>> {
    let bounds = match c.dialect() {
        Dialect::Sqlite => "c.first_message_us, c.last_message_us",
        Dialect::Postgres => "c.first_message_at, c.last_message_at",
    };
    let sql = format!(
        "SELECT c.id, c.last_message_id, c.kind = 'direct', {bounds}
         FROM chat_members cm JOIN chats c ON c.id = cm.chat_id
         WHERE cm.user_id = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR cm.chat_id = ?2)
         ORDER BY c.id"
    );
    let sqlite = c.dialect() == Dialect::Sqlite;
    c.all(&sql, &[&user_id, &chat_id], |r| {
        let (first_us, last_us) = if sqlite {
            (r.get(3)?, r.get(4)?)
        } else {
            let (first, last): (Option<String>, Option<String>) = (r.get(3)?, r.get(4)?);
            (
                first.map(|t| crate::store::clock::lower_bound_of(&t)),
                last.map(|t| crate::store::clock::upper_bound_of(&t)),
            )
        };
        Ok(ChatRead {
            id: r.get(0)?,
            last_message_id: r.get(1)?,
            direct: r.get(2)?,
            first_us,
            last_us,
        })
    })
}

/// One search of [`in_my_chats`], its prefix resolved.
struct Scoped<'a> {
    c: &'a Conn<'a>,
    query: &'a SearchQuery,
    expansion: &'a [String],
    /// The operators each match must also meet.
    filters: &'a Filters,
    /// The searcher's chats, most recently active first.
    searched: SearchedChats<'a>,
}

/// A search's words as [`SearchQuery::folded`] made them.
#[derive(Default)]
struct Folded {
    /// The parts of each word but the last, all required.
    every: Vec<Vec<String>>,
    /// The parts of the last word, and of each word it stands for as a prefix: any one.
    last_any: Vec<Vec<String>>,
}

impl Folded {
    /// Whether `content` holds the words as the index reads them: each word's parts in a
    /// row among the text's words, cut and folded as FTS5's `unicode61` with
    /// `remove_diacritics 2` does. What [`SearchQuery::fts5`] would match, asked of one
    /// text.
    fn found_in(&self, content: &str) -> bool {
        let have: Vec<String> = words(content).map(|w| key(&w)).collect();
        let holds = |want: &Vec<String>| {
            !want.is_empty() && have.windows(want.len()).any(|w| w == want.as_slice())
        };
        !self.last_any.is_empty() && self.every.iter().all(holds) && self.last_any.iter().any(holds)
    }

    /// The folded words a snippet marks: every part of every word.
    fn marked(&self) -> HashSet<String> {
        self.every
            .iter()
            .chain(&self.last_any)
            .flatten()
            .cloned()
            .collect()
    }
}

/// What a probe found, and where it stopped.
struct Probe {
    /// The caller's matches among the probed entries, newest first.
    found: Vec<Found>,
    /// The last entry read, when the probe read [`PROBE`] entries without filling the
    /// page: older matches may remain.
    stopped_at: Option<i64>,
}

impl Scoped<'_> {
    /// The matches in `chats` (all the caller's) below `below`, newest first, at most
    /// `limit`: one search for a few chats, a probe first for many.
    fn newest_first(
        &self,
        user_id: i64,
        chats: &[i64],
        below: i64,
        limit: usize,
    ) -> StoreResult<Vec<Found>> {
        if self.filters.any() && self.c.dialect() == Dialect::Sqlite {
            return self.with_operators_fts5(chats, below, limit);
        }
        if chats.len() <= CHATS_PER_SEARCH {
            return self.in_chats(chats, below, limit);
        }
        if self.filters.any() {
            // The probe reads the index's newest matches anywhere, which operators may
            // all refuse: with operators every group of chats is asked.
            let mut found = Vec::new();
            for group in chats.chunks(CHATS_PER_SEARCH) {
                found.extend(self.in_chats(group, below, limit)?);
            }
            found.sort_by_key(|f| std::cmp::Reverse(f.message.id));
            found.truncate(limit);
            return Ok(found);
        }
        let probe = self.probe(user_id, below, limit)?;
        let mut found = probe.found;
        let Some(floor) = probe.stopped_at.filter(|_| found.len() < limit) else {
            return Ok(found);
        };
        let mut older = Vec::new();
        for group in chats.chunks(CHATS_PER_SEARCH) {
            older.extend(self.in_chats(group, floor, limit - found.len())?);
        }
        older.sort_by_key(|f| std::cmp::Reverse(f.message.id));
        older.truncate(limit - found.len());
        found.extend(older);
        Ok(found)
    }

    /// Words with operators on SQLite, from whichever side is rarer: first the words'
    /// newest [`PROBE_WITH_OPERATORS`] matches anywhere, of which those in `chats` that
    /// meet the operators are kept; when that leaves the page short, the operators were
    /// the rarer side, and the rest is walked from theirs
    /// ([`search_filters::ids_by_operators`]), each text it meets tested for the words
    /// ([`Folded::found_in`]) and the snippets made from the text. Days alone, and a walk
    /// past its budget, read the words' matches chat group by chat group as before. A
    /// common word with `has:file` read every match of the word in the searcher's chats:
    /// 74 ms at 1,000,000 messages.
    fn with_operators_fts5(
        &self,
        chats: &[i64],
        below: i64,
        limit: usize,
    ) -> StoreResult<Vec<Found>> {
        let text = self.query.fts5(self.expansion);
        let conds = self.filters.conditions(self.c, 7)?;
        let sql = format!(
            "SELECT {COLUMNS}, CASE WHEN m.chat_id IN rarray(?5) AND m.deleted_at IS NULL{}
                               THEN {FTS5_SNIPPET} END
             FROM messages_fts f JOIN messages m ON m.id = -f.rowid
             WHERE messages_fts MATCH ?1 AND f.rowid > -?2
             ORDER BY f.rowid LIMIT ?6",
            conds.sql
        );
        let (start, end) = Marks::USUAL.as_strings();
        let list = IdList::new(chats);
        let probe = PROBE_WITH_OPERATORS as i64;
        let mut params: Vec<&dyn crate::store::engine::sql::Param> =
            vec![&text, &below, &start, &end, &list, &probe];
        params.extend(conds.params());
        let conn = self.c.sqlite()?;
        let mut statement = conn.prepare_cached(&sql)?;
        let rows = statement.query(rusqlite::params_from_iter(
            params.iter().map(|p| p.sqlite()),
        ))?;
        let (mut found, read, last) = read_probe(rows, below, limit)?;
        if found.len() >= limit || read < PROBE_WITH_OPERATORS {
            return Ok(found);
        }
        let rest = limit - found.len();
        let folded = self.query.folded(self.expansion);
        let holds = |content: &str| folded.found_in(content);
        let walked = search_filters::ids_by_operators(
            self.c,
            self.searched,
            self.filters,
            &holds,
            (last, rest, OPERATOR_BUDGET),
        )?;
        let mut older = match walked {
            Some(ids) => {
                // Their snippets made here: asking the index about each costs 85 µs.
                let marked = folded.marked();
                let sql = format!(
                    "SELECT {COLUMNS} FROM messages m WHERE m.id IN rarray(?1) ORDER BY m.id DESC"
                );
                self.c.all(&sql, &[&IdList::new(&ids)], |r| {
                    let message = from_row(r)?;
                    let snippet = made_here(&message.content, |w| marked.contains(&key(w)));
                    Ok(Found { message, snippet })
                })?
            }
            None => {
                let mut older = Vec::new();
                for group in chats.chunks(CHATS_PER_SEARCH) {
                    older.extend(self.in_chats(group, last, rest)?);
                }
                older
            }
        };
        older.sort_by_key(|f| std::cmp::Reverse(f.message.id));
        older.truncate(rest);
        found.extend(older);
        Ok(found)
    }

    /// Makes again, with marks the message does not hold, the snippet of each found
    /// message that holds a usual mark: its first snippet cannot tell the index's marks
    /// from the message's own characters. Rare, so one statement per such message.
    fn remark(&self, found: &mut [Found]) -> StoreResult<()> {
        for f in found
            .iter_mut()
            .filter(|f| !Marks::USUAL.fit(&f.message.content))
        {
            f.snippet = match Marks::for_text(&f.message.content) {
                Some(marks) => spans(&self.snippet_of(&f.message, marks)?, marks),
                None => vec![Span {
                    text: f.message.content.clone(),
                    marked: false,
                }],
            };
        }
        Ok(())
    }

    /// On PostgreSQL, makes here the snippet of each found message whose headline marks
    /// fewer words than the text holds: `ts_headline` parses the text as the index's first
    /// half does, so a word found inside a link, an address or a file name (`example` in
    /// `https://example.org/plan`, found through the half that reads punctuation as
    /// spaces, migrations/pg/48-words-inside-links.sql) is no token of its parse. The
    /// snippet then marks the search's words as FTS5's does on SQLite.
    fn mark_inside_tokens(&self, found: &mut [Found]) {
        if self.c.dialect() != Dialect::Postgres || found.is_empty() {
            return;
        }
        let marked = self.query.folded(self.expansion).marked();
        let count = |spans: &[Span]| spans.iter().filter(|s| s.marked).count();
        for f in found.iter_mut() {
            let here = made_here(&f.message.content, |w| marked.contains(&key(w)));
            if count(&here) > count(&f.snippet) {
                f.snippet = here;
            }
        }
    }

    /// The index's snippet of one message, made with `marks`.
    fn snippet_of(&self, message: &Message, marks: Marks) -> StoreResult<String> {
        let (start, end) = marks.as_strings();
        match self.c.dialect() {
            Dialect::Sqlite => {
                let sql = format!(
                    "SELECT {FTS5_SNIPPET} FROM messages_fts
                     WHERE messages_fts MATCH ?1 AND rowid = -?2"
                );
                let text = self.query.fts5(self.expansion);
                let raw: Option<String> =
                    self.c
                        .opt(&sql, &[&text, &message.id, &start, &end], |r| r.get(0))?;
                Ok(raw.unwrap_or_default())
            }
            Dialect::Postgres => {
                let sql = format!(
                    "SELECT {h} FROM messages m WHERE m.id = ?2",
                    h = pg_headline(3, 4, 5)
                );
                let text = self.query.pg(self.expansion);
                let (tag, entity) = (TAG_OPEN.to_string(), ENTITY.to_string());
                let headline: Option<String> = self.c.opt(
                    &sql,
                    &[&text, &message.id, &tag, &entity, &pg_options(marks)],
                    |r| r.get(0),
                )?;
                let headline = headline.unwrap_or_default();
                Ok(pg_raw(&message.content, headline, marks))
            }
        }
    }

    /// The matches in `chats` (all the caller's) with ids below `below`, newest first, at
    /// most `limit`: one statement, which the index answers in proportion to those chats'
    /// messages or the query's matches, whichever are fewer.
    fn in_chats(&self, chats: &[i64], below: i64, limit: usize) -> StoreResult<Vec<Found>> {
        let limit = limit as i64;
        match self.c.dialect() {
            Dialect::Sqlite => {
                let conds = self.filters.conditions(self.c, 6)?;
                let sql = format!(
                    "SELECT {COLUMNS}, {FTS5_SNIPPET}
                     FROM messages_fts f JOIN messages m ON m.id = -f.rowid
                     WHERE messages_fts MATCH ?1 AND f.rowid > -?2 AND m.deleted_at IS NULL{}
                     ORDER BY f.rowid LIMIT ?5",
                    conds.sql
                );
                let text = self.query.fts5_in(self.expansion, chats);
                let (start, end) = Marks::USUAL.as_strings();
                let mut params: Vec<&dyn crate::store::engine::sql::Param> =
                    vec![&text, &below, &start, &end, &limit];
                params.extend(conds.params());
                self.c.all(&sql, &params, fts5_found)
            }
            Dialect::Postgres => {
                // One walk per chat, newest first, stopping at the page: the matches of a
                // chat are its own rows, whatever the word's count elsewhere.
                let ids = chats
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(",");
                let conds = self.filters.conditions(self.c, 5)?;
                let matching = format!(
                    "SELECT s.id FROM unnest(CAST(CAST(?3 AS TEXT) AS BIGINT[])) AS cm(chat_id)
                     CROSS JOIN LATERAL (
                         SELECT m.id FROM messages m
                         WHERE m.chat_id = cm.chat_id AND m.search @@ {q} AND m.id < ?2
                           AND m.deleted_at IS NULL{c}
                         ORDER BY m.id DESC LIMIT ?4) s
                     ORDER BY s.id DESC LIMIT ?4",
                    q = tsquery(1),
                    c = conds.sql,
                );
                let text = self.query.pg(self.expansion);
                let ids = format!("{{{ids}}}");
                let mut params: Vec<&dyn crate::store::engine::sql::Param> =
                    vec![&text, &below, &ids, &limit];
                params.extend(conds.params());
                pg_found(self.c, &matching, &params)
            }
        }
    }

    /// The newest [`PROBE`] matches anywhere below `below`, of which the caller's (at most
    /// `limit`) are kept.
    fn probe(&self, user_id: i64, below: i64, limit: usize) -> StoreResult<Probe> {
        match self.c.dialect() {
            Dialect::Sqlite => self.probe_fts5(user_id, below, limit),
            Dialect::Postgres => {
                let matching = format!(
                    "SELECT p.id FROM (
                         SELECT m.id, m.chat_id FROM messages m
                         WHERE m.search @@ {q} AND m.id < ?2 AND m.deleted_at IS NULL
                         ORDER BY m.id DESC LIMIT ?3) p
                     JOIN chat_members cm ON cm.chat_id = p.chat_id AND cm.user_id = ?4
                     ORDER BY p.id DESC LIMIT ?5",
                    q = tsquery(1)
                );
                let text = self.query.pg(self.expansion);
                let found = pg_found(
                    self.c,
                    &matching,
                    &[&text, &below, &(PROBE as i64), &user_id, &(limit as i64)],
                )?;
                if found.len() >= limit {
                    return Ok(Probe {
                        found,
                        stopped_at: None,
                    });
                }
                // Where the probe ended: its oldest entry, if it read them all.
                let stopped_at: Option<i64> = self.c.one(
                    &format!(
                        "SELECT CASE WHEN count(*) < ?3 THEN NULL ELSE min(id) END FROM (
                             SELECT m.id FROM messages m
                             WHERE m.search @@ {q} AND m.id < ?2 AND m.deleted_at IS NULL
                             ORDER BY m.id DESC LIMIT ?3) p",
                        q = tsquery(1)
                    ),
                    &[&text, &below, &(PROBE as i64)],
                    |r| r.get(0),
                )?;
                Ok(Probe { found, stopped_at })
            }
        }
    }

    /// [`Scoped::probe`] on SQLite: the index's matches newest first, each looked up in
    /// the caller's memberships, a snippet made only for the caller's, read until the page
    /// is full or [`PROBE`] entries were read.
    fn probe_fts5(&self, user_id: i64, below: i64, limit: usize) -> StoreResult<Probe> {
        let sql = format!(
            "SELECT {COLUMNS}, CASE WHEN cm.user_id IS NULL THEN NULL
                               ELSE {FTS5_SNIPPET} END
             FROM messages_fts f JOIN messages m ON m.id = -f.rowid
             LEFT JOIN chat_members cm ON cm.chat_id = m.chat_id AND cm.user_id = ?5
             WHERE messages_fts MATCH ?1 AND f.rowid > -?2
             ORDER BY f.rowid LIMIT ?6"
        );
        let text = self.query.fts5(self.expansion);
        let conn = self.c.sqlite()?;
        let mut statement = conn.prepare_cached(&sql)?;
        let (start, end) = Marks::USUAL.as_strings();
        let rows = statement.query(rusqlite::params![
            text,
            below,
            start,
            end,
            user_id,
            PROBE as i64
        ])?;
        let (found, read, last) = read_probe(rows, below, limit)?;
        let stopped_at = (read >= PROBE && found.len() < limit).then_some(last);
        Ok(Probe { found, stopped_at })
    }
}

/// Reads a probe's entries, each the message's columns then its snippet, or NULL for one
/// the search does not keep, until `limit` are kept: those, how many entries were read,
/// and the id of the last one (`below` when none was).
fn read_probe(
    mut rows: rusqlite::Rows<'_>,
    below: i64,
    limit: usize,
) -> StoreResult<(Vec<Found>, usize, i64)> {
    let (mut found, mut read, mut last) = (Vec::new(), 0, below);
    while let Some(r) = rows.next()? {
        let row = Row::Sqlite(r);
        read += 1;
        last = row.get(0)?;
        let snippet: Option<String> = row.get(COLUMN_COUNT)?;
        if let Some(raw) = snippet {
            found.push(Found {
                message: from_row(&row)?,
                snippet: spans(&raw, Marks::USUAL),
            });
            if found.len() >= limit {
                break;
            }
        }
    }
    Ok((found, read, last))
}

/// A row of an FTS5 search: the message and its snippet (column 8).
fn fts5_found(r: &Row<'_>) -> StoreResult<Found> {
    let message = from_row(r)?;
    let raw: String = r.get(COLUMN_COUNT)?;
    let snippet = spans(&raw, Marks::USUAL);
    Ok(Found { message, snippet })
}

/// The messages whose ids `matching` selects (its parameter 1 the bound query), newest
/// first, each with its snippet: `ts_headline`'s, made to look like FTS5's. One fragment
/// of up to 12 words around the match, stretched to both sides (`MaxFragments=1`; without
/// it the fragment starts at the match), no word left out for being short, and `…` added
/// where the text was cut. `MinWords` only sizes the fallback (the first words) when the
/// headline's own parse of the text finds no match. `<` and `&` are swapped for stand-ins
/// while the headline reads the text (`store::messaging::snippet::TAG_OPEN`), unless the message
/// holds a stand-in character itself. The headline is made for the page's rows only.
fn pg_found(
    c: &Conn,
    matching: &str,
    p: &[&dyn crate::store::engine::sql::Param],
) -> StoreResult<Vec<Found>> {
    let n = p.len();
    let sql = format!(
        "SELECT {COLUMNS}, {h}
         FROM ({matching}) hit JOIN messages m ON m.id = hit.id
         ORDER BY m.id DESC",
        h = pg_headline(n + 1, n + 2, n + 3),
    );
    let options = pg_options(Marks::USUAL);
    let (tag, entity) = (TAG_OPEN.to_string(), ENTITY.to_string());
    let mut params: Vec<&dyn crate::store::engine::sql::Param> = p.to_vec();
    params.extend([
        &tag as &dyn crate::store::engine::sql::Param,
        &entity,
        &options,
    ]);
    c.all(&sql, &params, |r| {
        let message = from_row(r)?;
        let headline: String = r.get(COLUMN_COUNT)?;
        let raw = pg_raw(&message.content, headline, Marks::USUAL);
        let snippet = spans(&raw, Marks::USUAL);
        Ok(Found { message, snippet })
    })
}

/// `ts_headline` of `m.content` for the query in parameter 1, with the stand-ins in
/// parameters `t` and `e` and the options in `o` ([`pg_options`]).
fn pg_headline(t: usize, e: usize, o: usize) -> String {
    format!(
        "ts_headline('public.natter_search',
             CASE WHEN strpos(m.content, ?{t}) > 0 OR strpos(m.content, ?{e}) > 0
                  THEN m.content
                  ELSE replace(replace(m.content, '<', ?{t}), '&', ?{e}) END,
             {q}, ?{o})",
        q = tsquery(1),
    )
}

/// `ts_headline`'s options: see [`pg_found`].
fn pg_options(marks: Marks) -> String {
    format!(
        "MaxFragments=1, MaxWords=12, MinWords=11, ShortWord=0, HighlightAll=false, \
         StartSel={}, StopSel={}",
        marks.start, marks.end
    )
}

/// A headline of `content` with its stand-ins turned back and FTS5's ellipses added.
fn pg_raw(content: &str, mut headline: String, marks: Marks) -> String {
    if uses_stand_ins(content) {
        headline = headline.replace(TAG_OPEN, "<").replace(ENTITY, "&");
    }
    with_ellipses(content, headline, marks)
}

#[cfg(test)]
mod tests {
    use super::{tsquery, SearchQuery};
    use crate::store::engine::sql::postgres_text;
    use crate::store::messaging::chats::{self, NewChat};
    use crate::store::people::users::{self, NewUser};
    use crate::store::{messaging::messages, ChatKind, Db, StoreResult};

    /// What `text` finds in `chat_id` once committed, read as a surface's `?search=` list
    /// reads it (`PageQuery::search`).
    async fn found(db: &Db, chat_id: i64, text: &'static str) -> Vec<i64> {
        db.read(move |c| -> StoreResult<_> {
            let query = messages::PageQuery {
                channel_only: false,
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

        // Every live message is indexed with its chat and its sender's word, edits too.
        let query = format!(
            "chat:\"{}\"",
            crate::store::engine::index_pending::sender_in_chat_word(author, chat)
        );
        let by_author: Vec<i64> = db
            .read(move |c| {
                c.all(
                    "SELECT -rowid FROM messages_fts WHERE messages_fts MATCH ?1 ORDER BY rowid",
                    &[&query],
                    |r| r.get(0),
                )
            })
            .await
            .expect("the sender's entries");
        assert_eq!(by_author, vec![real.id, kept]);
    }

    /// The FTS5 text (SQLite) and the lines `natter_search_query` reads (PostgreSQL) of
    /// what a user typed, its prefix standing for `expansion`.
    fn both(text: &str, expansion: &[&str]) -> Option<(String, String)> {
        let expansion: Vec<String> = expansion.iter().map(|w| w.to_string()).collect();
        SearchQuery::from_text(text)
            .ok()
            .map(|q| (q.fts5(&expansion), q.pg(&expansion)))
    }

    fn fts5(text: &str) -> Option<String> {
        both(text, &["deployed"]).map(|(fts5, _)| fts5)
    }

    /// Whether the text holds what was typed, as the index would say, the prefix
    /// standing for `deployed`.
    fn holds(typed: &str, content: &str) -> bool {
        let expansion = vec!["deployed".to_string()];
        SearchQuery::from_text(typed).is_ok_and(|q| q.folded(&expansion).found_in(content))
    }

    #[test]
    fn a_text_holds_the_words_as_the_index_cuts_and_folds_them() {
        assert!(holds("cafe", "Un CAFÉ, s'il vous plaît"));
        assert!(holds("café lait", "lait au café"), "any order");
        assert!(holds("deplo", "we DEPLOYED it"), "the prefix's word");
        assert!(holds("e-mail", "send an e mail"), "parts in a row");
        assert!(!holds("e-mail", "e and then mail"), "parts apart");
        assert!(
            !holds("deplo", "deploy"),
            "a word the prefix does not stand for"
        );
        assert!(!holds("cafe lait", "café only"), "every word");
        assert!(!holds("cafe", "cafeteria"), "whole words");
    }

    fn pg(text: &str) -> Option<String> {
        both(text, &["deployed"]).map(|(_, pg)| pg)
    }

    #[test]
    fn user_text_becomes_quoted_words_with_the_last_also_the_words_it_begins() {
        assert_eq!(
            fts5("deplo").as_deref(),
            Some("content:((\"deplo\" OR \"deployed\"))")
        );
        assert_eq!(
            both("deplo", &[]).map(|(fts5, _)| fts5).as_deref(),
            Some("content:(\"deplo\")"),
            "a prefix of no indexed word is itself only"
        );
        assert_eq!(
            fts5("  café  au lait ").as_deref(),
            Some("content:(\"café\" AND \"au\" AND (\"lait\" OR \"deployed\"))")
        );
        // The expansion takes the place of the last part of the word only.
        assert_eq!(
            fts5("e-mai").as_deref(),
            Some("content:((\"e-mai\" OR \"e-deployed\"))")
        );
        assert_eq!(
            fts5("say \"hi\" NEAR(a").as_deref(),
            Some("content:(\"say\" AND \"\"\"hi\"\"\" AND \"NEAR(a\")")
        );
        assert_eq!(both("* ^ ( ) \" :", &[]), None);
        assert_eq!(both("", &[]), None);
        assert_eq!(SearchQuery::nothing().fts5(&[]), "content:(\"\")");
        let in_chats = SearchQuery::from_text("deplo")
            .expect("a query")
            .fts5_in(&[], &[3, 14]);
        assert_eq!(in_chats, "content:(\"deplo\") AND chat:(\"3\" OR \"14\")");
    }

    #[test]
    fn repeated_words_count_once_and_short_or_repeated_last_words_are_no_prefix() {
        assert_eq!(
            fts5(&"the ".repeat(125)).as_deref(),
            Some("content:(\"the\")"),
            "125 times one word is that word, whole"
        );
        assert_eq!(
            fts5("Deploy deploy").as_deref(),
            Some("content:(\"Deploy\")")
        );
        assert_eq!(
            fts5("go de").as_deref(),
            Some("content:(\"go\" AND \"de\")")
        );
        assert_eq!(
            fts5("go-deploy deploy").as_deref(),
            Some("content:(\"go-deploy\" AND \"deploy\")")
        );
        assert_eq!(pg("Deploy deploy").as_deref(), Some("deploy\n\n"));
        assert_eq!(pg("go de").as_deref(), Some("go de\n\n"));
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
        assert_eq!(pg("Deplo").as_deref(), Some("\ndeplo\ndeployed"));
        assert_eq!(
            pg("  Café  au lait ").as_deref(),
            Some("café au\nlait\ndeployed")
        );
        // Every character of tsquery syntax is a separator, never part of a term.
        assert_eq!(
            pg("say \"hi\" NEAR(a) 'x':* & !y | z<->w \\q").as_deref(),
            Some("say hi near a x y z w q\n\n")
        );
        assert_eq!(
            pg("don't e-mail v1.2").as_deref(),
            Some("don t e mail v1 2\n\n")
        );
        assert_eq!(
            pg("e-mail deploy").as_deref(),
            Some("e mail\ndeploy\ndeployed")
        );
        assert_eq!(SearchQuery::nothing().pg(&[]), "\n\n");
    }

    #[test]
    fn the_postgres_tsquery_is_rewritten_with_its_placeholder_only() {
        let sql = tsquery(6);
        assert_eq!(postgres_text(&sql), sql.replace("?6", "$6"));
    }
}
