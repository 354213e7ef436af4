//! A search snippet as data: the text around a match cut into spans, each marked (a
//! matched word) or not. The index writes its snippet as one string with a character on
//! each side of a matched word ([`Marks`]). Those are private-use characters that a
//! message may hold too, so a message that holds the usual pair gets its snippet made
//! again with a pair it does not hold: every mark read back is the index's, and every
//! match is highlighted whatever the text.

use std::collections::HashSet;

/// The usual marks the index puts around matched words (FTS5's `snippet()`, PostgreSQL's
/// `ts_headline`).
const MARK_START: char = '\u{E000}';
const MARK_END: char = '\u{E001}';

/// The two characters a snippet's matched words are put between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::store) struct Marks {
    pub start: char,
    pub end: char,
}

impl Marks {
    /// What every snippet is first made with.
    pub const USUAL: Marks = Marks {
        start: MARK_START,
        end: MARK_END,
    };

    /// Whether a snippet of `content` made with these marks reads back exactly: the
    /// message holds neither of them.
    pub fn fit(self, content: &str) -> bool {
        !content.contains([self.start, self.end])
    }

    /// Marks for a message that holds a usual one: the first two private-use characters
    /// (after the stand-ins) that it does not hold. There are about 137,000 of them, far
    /// more than a message's characters, so `None` is for no text natter accepts.
    pub fn for_text(content: &str) -> Option<Marks> {
        if Marks::USUAL.fit(content) {
            return Some(Marks::USUAL);
        }
        let held: HashSet<char> = content.chars().collect();
        let mut free = ('\u{E004}'..='\u{F8FF}')
            .chain('\u{F0000}'..='\u{FFFFD}')
            .chain('\u{100000}'..='\u{10FFFD}')
            .filter(|ch| !held.contains(ch));
        Some(Marks {
            start: free.next()?,
            end: free.next()?,
        })
    }

    /// These marks as the text of SQL parameters.
    pub fn as_strings(self) -> (String, String) {
        (self.start.to_string(), self.end.to_string())
    }
}

/// Stand-ins for `<` and `&` while PostgreSQL's `ts_headline` reads the text: its parser
/// takes `<b>` for a tag and `&amp;` for an entity and writes them as spaces, where FTS5
/// keeps every character of the message. Used only for a message that holds neither
/// ([`uses_stand_ins`]), so turning them back is never ambiguous.
pub(in crate::store) const TAG_OPEN: char = '\u{E002}';
pub(in crate::store) const ENTITY: char = '\u{E003}';

/// A piece of a snippet: text, and whether it is a matched word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The characters, exactly as in the message (or `…` where the text was cut).
    pub text: String,
    /// Whether this is a matched word.
    pub marked: bool,
}

/// Whether PostgreSQL's headline of `content` was made with [`TAG_OPEN`] and [`ENTITY`]
/// in place of `<` and `&`: only when `content` holds neither of them itself (the same
/// test the statement makes in SQL).
pub(in crate::store) fn uses_stand_ins(content: &str) -> bool {
    !content.contains([TAG_OPEN, ENTITY])
}

/// `raw` (the index's snippet, made with `marks`) as spans. Adjacent spans alike are
/// joined and empty ones left out.
pub(in crate::store) fn spans(raw: &str, marks: Marks) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut marked = false;
    let mut text = String::new();
    for ch in raw.chars() {
        if ch == marks.start || ch == marks.end {
            let next = ch == marks.start;
            if next != marked {
                push(&mut out, std::mem::take(&mut text), marked);
                marked = next;
            }
        } else {
            text.push(ch);
        }
    }
    push(&mut out, text, marked);
    out
}

fn push(out: &mut Vec<Span>, text: String, marked: bool) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.marked == marked => last.text.push_str(&text),
        _ => out.push(Span { text, marked }),
    }
}

/// `headline` (a part of `content`, from a word to a word, with marks added) as FTS5's
/// `snippet()` writes it: `…` on each side where `content` has more words than the
/// headline shows, and on a side where it has none, the rest of the text (punctuation,
/// spaces). Left as it is when it is not found in `content` (`ts_headline` writes an
/// HTML-like tag as a space).
pub(in crate::store) fn with_ellipses(content: &str, headline: String, marks: Marks) -> String {
    let plain: String = headline
        .chars()
        .filter(|&ch| ch != marks.start && ch != marks.end)
        .collect();
    let Some(at) = content.find(&plain) else {
        return headline;
    };
    let (before, after) = (&content[..at], &content[at + plain.len()..]);
    let cut = |text: &str| text.chars().any(char::is_alphanumeric);
    let head = if cut(before) { "…" } else { before };
    let tail = if cut(after) { "…" } else { after };
    format!("{head}{headline}{tail}")
}

/// Words a snippet made here shows, as FTS5's `snippet()` is asked for (12).
const MADE_HERE_WORDS: usize = 12;

/// A snippet of `content` made without the index, for a message found by testing its
/// text ([`crate::store::engine::words`]): up to twelve words from just before the first
/// word `matched` accepts, each accepted word marked, `…` where the text was cut, the
/// characters exactly as in the message. Asking the index for its snippet of one
/// message costs 85 µs for a common word; this, a few µs.
pub(in crate::store) fn made_here(content: &str, matched: impl Fn(&str) -> bool) -> Vec<Span> {
    let words: Vec<_> = crate::store::engine::words::word_ranges(content).collect();
    let hits: Vec<bool> = words.iter().map(|r| matched(&content[r.clone()])).collect();
    let first = hits.iter().position(|h| *h).unwrap_or(0);
    let end = (first.saturating_sub(2) + MADE_HERE_WORDS).min(words.len());
    let start = end.saturating_sub(MADE_HERE_WORDS);
    let mut out = Vec::new();
    let (Some(from), Some(to)) = (words.get(start), words.get(end.saturating_sub(1))) else {
        return vec![Span {
            text: content.to_string(),
            marked: false,
        }];
    };
    if start > 0 {
        push(&mut out, "…".to_string(), false);
    }
    let mut at = from.start;
    for (range, hit) in words[start..end].iter().zip(&hits[start..end]) {
        push(&mut out, content[at..range.start].to_string(), false);
        push(&mut out, content[range.clone()].to_string(), *hit);
        at = range.end;
    }
    debug_assert_eq!(at, to.end);
    if end < words.len() {
        push(&mut out, "…".to_string(), false);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::made_here;

    fn shown(spans: &[Span]) -> String {
        spans
            .iter()
            .map(|s| {
                if s.marked {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn a_snippet_made_here_marks_the_words_and_cuts_around_the_first() {
        let is = |word: &'static str| move |w: &str| w.eq_ignore_ascii_case(word);
        assert_eq!(
            shown(&made_here("Deploy <b>now</b>, deploy!", is("deploy"))),
            "[Deploy] <b>now</b>, [deploy]"
        );
        let long = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen target sixteen";
        assert_eq!(
            shown(&made_here(long, is("target"))),
            "…six seven eight nine ten eleven twelve thirteen fourteen fifteen [target] sixteen"
        );
        assert_eq!(
            shown(&made_here(long, is("two"))),
            "one [two] three four five six seven eight nine ten eleven twelve…"
        );
        assert_eq!(shown(&made_here("!!", is("x"))), "!!");
    }

    use super::{spans, uses_stand_ins, with_ellipses, Marks, Span, MARK_END, MARK_START};

    const USUAL: Marks = Marks::USUAL;

    fn span(text: &str, marked: bool) -> Span {
        Span {
            text: text.into(),
            marked,
        }
    }

    #[test]
    fn marks_become_marked_spans() {
        let raw = format!("…the {MARK_START}lazy{MARK_END} <b>dog</b> {MARK_START}x{MARK_END}");
        assert_eq!(
            spans(&raw, USUAL),
            vec![
                span("…the ", false),
                span("lazy", true),
                span(" <b>dog</b> ", false),
                span("x", true)
            ]
        );
    }

    #[test]
    fn a_message_holding_the_usual_marks_gets_marks_it_does_not_hold() {
        let content = format!("{MARK_START} evil {MARK_END} word");
        let marks = Marks::for_text(&content).expect("free marks");
        assert!(marks.fit(&content) && marks != USUAL);
        let raw = format!(
            "{MARK_START} evil {MARK_END} {}word{}",
            marks.start, marks.end
        );
        assert_eq!(
            spans(&raw, marks),
            vec![
                span(&format!("{MARK_START} evil {MARK_END} "), false),
                span("word", true)
            ]
        );
        // A message holding the first free ones too gets the next.
        let crowded = format!("{content}{}{}", marks.start, marks.end);
        let next = Marks::for_text(&crowded).expect("free marks");
        assert!(next.fit(&crowded));
        assert_eq!(Marks::for_text("plain"), Some(USUAL));
    }

    #[test]
    fn unbalanced_or_empty_marks_make_no_empty_spans() {
        assert_eq!(
            spans(&format!("{MARK_START}{MARK_END}a{MARK_END}"), USUAL),
            vec![span("a", false)]
        );
        assert_eq!(
            spans(&format!("a{MARK_START}b"), USUAL),
            vec![span("a", false), span("b", true)]
        );
        assert!(spans("", USUAL).is_empty());
    }

    #[test]
    fn stand_ins_only_for_messages_without_them() {
        assert!(uses_stand_ins("a <b> & c"));
        assert!(!uses_stand_ins("a \u{E002} c"));
        assert!(!uses_stand_ins("a \u{E003} c"));
    }

    #[test]
    fn headlines_get_ellipses_where_the_text_was_cut() {
        let marked = format!("the {MARK_START}lazy{MARK_END} dog");
        assert_eq!(with_ellipses("the lazy dog", marked.clone(), USUAL), marked);
        assert_eq!(
            with_ellipses("over the lazy dog", marked.clone(), USUAL),
            format!("…{marked}")
        );
        assert_eq!(
            with_ellipses("the lazy dog, and more.", marked.clone(), USUAL),
            format!("{marked}…")
        );
        assert_eq!(
            with_ellipses(" ¡the lazy dog!", marked.clone(), USUAL),
            format!(" ¡{marked}!"),
            "punctuation is kept, not cut"
        );
        assert_eq!(
            with_ellipses("jumps over the lazy dog again", marked.clone(), USUAL),
            format!("…{marked}…")
        );
        assert_eq!(
            with_ellipses("<b>the</b> lazy dog", marked.clone(), USUAL),
            marked
        );
    }
}
