//! Which words this process has put in the search vocabulary (written by
//! `store::messaging::search_words`), so that each is written once, not once per message.
//! The writers forget them when a transaction that noted some does not commit; the memory
//! sits here, under the engine, so that the writers need not name the search's tables.

use crate::store::engine::words::{key, words};
use std::cell::RefCell;
use std::collections::HashSet;

/// Most words the writer remembers as already in the vocabulary; past it, it forgets
/// them all and notes anew (each note is then one `INSERT OR IGNORE`).
pub(in crate::store) const MOST_REMEMBERED: usize = 50_000;

thread_local! {
    /// Words this thread (the SQLite writer) has put in the vocabulary, so each is
    /// written once, not once per message.
    pub(in crate::store) static REMEMBERED: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

/// Words this process has put in PostgreSQL's vocabulary (its writers are many threads).
pub(in crate::store) static REMEMBERED_PG: std::sync::Mutex<Option<HashSet<String>>> =
    std::sync::Mutex::new(None);

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

/// Puts the words of `text` in the vocabulary (SQLite: the writer calls it for each text
/// it indexes, in the group's transaction).
pub(in crate::store) fn note(c: &rusqlite::Connection, text: &str) -> rusqlite::Result<()> {
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
