//! The search index's vocabulary (schema step 9): every word ever indexed, so
//! the last word of a search, which is also a prefix (`deplo` finds `deploy`), is
//! searched as the few words it stands for instead of as a prefix.
//!
//! Why: neither index walks a prefix lazily. FTS5 merges the document lists of every word
//! with the prefix before the first match (`"message"*` took 43.8 ms at any LIMIT over a
//! million messages) and GIN unions their posting lists, while a list of whole words is
//! walked newest first and stops at the page (0.22 ms). An FTS5 prefix index would have
//! made prefixes lazy too, at 28-34 µs instead of 12 µs of index work per message sent
//! (docs/benchmarks.md, "Tried and left out"): the vocabulary costs a send a hash lookup per word.
//!
//! The words are FTS5's (SQLite, noted by the writer from the texts it indexes, cut as
//! FTS5's `unicode61` tokenizer cuts them) or PostgreSQL's lexemes (noted with each
//! message written that holds a word the node has not noted, `note_lexemes`). Each row
//! holds the word as indexed and its `key`: lower case without diacritics, the form a
//! prefix is compared in. Words of deleted messages stay: a word with no match left
//! costs the search one empty list.

use super::engine::sql::TextList;
use super::{Conn, Dialect, StoreResult};
use std::cell::RefCell;
use std::collections::HashSet;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Most words a prefix stands for in a search: the shortest ones first (closest to what
/// was typed). Each is one more list for the index to open.
pub const MAX_EXPANSION: usize = 24;

/// Most vocabulary rows read for one prefix, before choosing the shortest: bounds the
/// read when someone fills the vocabulary with words of one prefix.
const MOST_READ: i64 = 4096;

/// Most words the writer remembers as already in the vocabulary; past it, it forgets
/// them all and notes anew (each note is then one `INSERT OR IGNORE`).
const MOST_REMEMBERED: usize = 50_000;

/// Whether FTS5's `unicode61` (categories `L* N* Co`) counts `c` as part of a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFD}')
}

/// The words of `text`, lower-cased, as FTS5's `unicode61` cuts them: runs of letters and
/// digits, with the combining marks that follow a letter kept inside the word.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !is_word_char(c) && !is_combining_mark(c))
        .map(|w| w.trim_start_matches(is_combining_mark))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The form a word is compared in for a prefix: lower case, without diacritics (as FTS5's
/// `remove_diacritics 2` and PostgreSQL's `unaccent` fold them).
pub fn key(word: &str) -> String {
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

thread_local! {
    /// Words this thread (the SQLite writer) has put in the vocabulary, so each is
    /// written once, not once per message.
    static REMEMBERED: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

/// Puts the words of `text` in the vocabulary (SQLite: the writer calls it for each text
/// it indexes, in the group's transaction).
pub(super) fn note(c: &rusqlite::Connection, text: &str) -> rusqlite::Result<()> {
    REMEMBERED.with(|remembered| {
        let mut remembered = remembered.borrow_mut();
        for word in words(text) {
            if remembered.contains(&word) {
                continue;
            }
            c.prepare_cached("INSERT OR IGNORE INTO search_words (key, word) VALUES (?1, ?2)")?
                .execute(rusqlite::params![key(&word), word])?;
            if remembered.len() >= MOST_REMEMBERED {
                remembered.clear();
            }
            remembered.insert(word);
        }
        Ok(())
    })
}

/// Words this process has put in PostgreSQL's vocabulary (its writers are many threads).
static REMEMBERED_PG: std::sync::Mutex<Option<HashSet<String>>> = std::sync::Mutex::new(None);

/// Puts the lexemes of `text` in PostgreSQL's vocabulary, in the caller's transaction,
/// unless every word of it was noted before: one statement only for a text with a new
/// word. The lexemes are PostgreSQL's own (`natter_search_text`), so the vocabulary
/// holds what its index holds.
pub(super) fn note_lexemes(c: &Conn, text: &str) -> StoreResult<()> {
    let fresh: Vec<String> = {
        let remembered = REMEMBERED_PG.lock().unwrap_or_else(|p| p.into_inner());
        words(text)
            .filter(|w| !remembered.as_ref().is_some_and(|r| r.contains(w)))
            .collect()
    };
    if fresh.is_empty() {
        return Ok(());
    }
    c.exec(
        "INSERT INTO search_words (key, word)
         SELECT w, w FROM unnest(tsvector_to_array(public.natter_search_text(?1))) w
         ON CONFLICT DO NOTHING",
        &[&text],
    )?;
    let mut remembered = REMEMBERED_PG.lock().unwrap_or_else(|p| p.into_inner());
    let remembered = remembered.get_or_insert_with(HashSet::new);
    if remembered.len() + fresh.len() > MOST_REMEMBERED {
        remembered.clear();
    }
    remembered.extend(fresh);
    Ok(())
}

/// [`note_lexemes`] for a batch of texts in one statement (`seed-messages` on
/// PostgreSQL), without the memory of words noted: a batch brings mostly new ones.
pub(super) fn note_lexemes_of_all(c: &Conn, texts: &TextList) -> StoreResult<()> {
    c.exec(
        "INSERT INTO search_words (key, word)
         SELECT DISTINCT w, w
           FROM unnest(?1::text[]) t, unnest(tsvector_to_array(public.natter_search_text(t))) w
         ON CONFLICT DO NOTHING",
        &[texts],
    )?;
    Ok(())
}

/// Forgets which words are in the vocabulary: a transaction that noted some did not
/// commit (the SQLite writer's group, or a PostgreSQL write job).
pub fn forget_noted() {
    REMEMBERED.with(|remembered| remembered.borrow_mut().clear());
    if let Some(remembered) = REMEMBERED_PG
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .as_mut()
    {
        remembered.clear();
    }
}

/// The indexed words that begin with `prefix` (compared as [`key`]s), at most
/// [`MAX_EXPANSION`], shortest first.
pub(super) fn starting_with(c: &Conn, prefix: &str) -> StoreResult<Vec<String>> {
    let from = key(prefix);
    let most = MAX_EXPANSION as i64;
    let sql = match c.dialect() {
        Dialect::Sqlite => {
            "SELECT word FROM (SELECT key, word FROM search_words
                                WHERE key >= ?1 AND key < ?1 || ?2 LIMIT ?3)
             ORDER BY length(key), key, word LIMIT ?4"
        }
        // PostgreSQL's keys are `unaccent`'s, so the prefix goes through it too; they
        // compare byte-wise (`COLLATE "C"`, as the column is), as SQLite's do.
        Dialect::Postgres => {
            "SELECT word FROM (SELECT key, word FROM search_words
                                WHERE key >= public.unaccent('public.unaccent'::regdictionary, ?1) COLLATE \"C\"
                                  AND key < (public.unaccent('public.unaccent'::regdictionary, ?1) || ?2) COLLATE \"C\"
                                LIMIT ?3) w
             ORDER BY length(key), key, word LIMIT ?4"
        }
    };
    c.all(sql, &[&from, &"\u{10FFFF}", &MOST_READ, &most], |r| {
        r.get(0)
    })
}

#[cfg(test)]
mod tests {
    use super::{key, words};

    #[test]
    fn words_are_cut_as_fts5_cuts_them() {
        let cut = |t: &str| words(t).collect::<Vec<_>>();
        assert_eq!(
            cut("Deploy e-mail v1.2, café!"),
            ["deploy", "e", "mail", "v1", "2", "café"]
        );
        // A combining accent stays in its word; one alone is no word.
        assert_eq!(cut("cafe\u{301} \u{301}x"), ["cafe\u{301}", "x"]);
        assert_eq!(cut("東京 🙂 ok"), ["東京", "ok"]);
        assert!(cut(" .,;!? ").is_empty());
    }

    #[test]
    fn keys_fold_case_and_diacritics() {
        assert_eq!(key("Café"), "cafe");
        assert_eq!(key("cafe\u{301}"), "cafe");
        assert_eq!(key("ÅNGSTRÖM"), "angstrom");
    }
}
