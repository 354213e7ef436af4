//! How the search index cuts a text into words and folds a word for a prefix, as SQLite's
//! FTS5 does: the vocabulary (`store::messaging::search_words`) and the writer's memory of
//! the words it noted (`noted_words`) both cut with these.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Whether FTS5's `unicode61` (categories `L* N* Co`) counts `c` as part of a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFD}')
}

/// Where each word of `text` lies, as byte ranges, as FTS5's `unicode61` cuts them: runs
/// of letters and digits, with the combining marks that follow a letter kept inside the
/// word (a mark that follows no letter belongs to none).
pub fn word_ranges(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        // The word's first letter or digit (never a mark, even one counted as a letter).
        let (from, _) = chars.find(|(_, c)| is_word_char(*c) && !is_combining_mark(*c))?;
        let mut to = text.len();
        while let Some(&(at, c)) = chars.peek() {
            if !is_word_char(c) && !is_combining_mark(c) {
                to = at;
                break;
            }
            chars.next();
        }
        Some(from..to)
    })
}

/// The words of `text`, lower-cased, as [`word_ranges`] finds them.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    word_ranges(text).map(|r| text[r].to_lowercase())
}

/// The form a word is compared in for a prefix: lower case, without diacritics (as FTS5's
/// `remove_diacritics 2` and PostgreSQL's `unaccent` fold them).
pub fn key(word: &str) -> String {
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}
