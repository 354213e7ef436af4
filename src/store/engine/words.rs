//! How the search index cuts a text into words and folds a word for a prefix, as SQLite's
//! FTS5 does: the vocabulary (`store::messaging::search_words`) and the writer's memory of
//! the words it noted (`noted_words`) both cut with these.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Whether FTS5's `unicode61` (categories `L* N* Co`) counts `c` as part of a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFD}')
}

/// Where each word of `text` lies, as byte ranges: the runs [`words`] cuts, before they
/// are lower-cased.
pub fn word_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices() {
        let inside = is_word_char(c) || (start.is_some() && is_combining_mark(c));
        match (inside, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                out.push(from..at);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        out.push(from..text.len());
    }
    out
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
