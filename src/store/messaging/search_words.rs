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

use crate::store::engine::noted_words::{MOST_REMEMBERED, REMEMBERED_PG};
use crate::store::engine::sql::TextList;
use crate::store::engine::words::{key, words};
use crate::store::{Conn, Dialect, StoreResult};
use std::collections::HashSet;

/// Most words a prefix stands for in a search: the shortest ones first (closest to what
/// was typed). Each is one more list for the index to open.
pub const MAX_EXPANSION: usize = 24;

/// Most vocabulary rows read for one prefix, before choosing the shortest: bounds the
/// read when someone fills the vocabulary with words of one prefix.
const MOST_READ: i64 = 4096;

/// Puts the lexemes of `text` in PostgreSQL's vocabulary, in the caller's transaction,
/// unless every word of it was noted before: one statement only for a text with a new
/// word. The lexemes are PostgreSQL's own (`natter_search_text`), so the vocabulary
/// holds what its index holds.
pub(in crate::store) fn note_lexemes(c: &Conn, text: &str) -> StoreResult<()> {
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
pub(in crate::store) fn note_lexemes_of_all(c: &Conn, texts: &TextList) -> StoreResult<()> {
    c.exec(
        "INSERT INTO search_words (key, word)
         SELECT DISTINCT w, w
           FROM unnest(?1::text[]) t, unnest(tsvector_to_array(public.natter_search_text(t))) w
         ON CONFLICT DO NOTHING",
        &[texts],
    )?;
    Ok(())
}

/// The indexed words that begin with `prefix` (compared as [`key`]s), at most
/// [`MAX_EXPANSION`], shortest first.
pub(in crate::store) fn starting_with(c: &Conn, prefix: &str) -> StoreResult<Vec<String>> {
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
