//! A search snippet as data: the text around a match cut into spans, each marked (a
//! matched word) or not. The index writes its snippet as one string with private-use
//! characters around the matched words ([`MARK_START`], [`MARK_END`]); a message may hold
//! those characters too, so they are read as marks only when the message itself has none
//! of them. A message that has some gets its snippet without marks: its own characters
//! never become a highlight.

/// Marks the index puts around matched words (FTS5's `snippet()`, PostgreSQL's
/// `ts_headline`).
pub(super) const MARK_START: char = '\u{E000}';
pub(super) const MARK_END: char = '\u{E001}';

/// Stand-ins for `<` and `&` while PostgreSQL's `ts_headline` reads the text: its parser
/// takes `<b>` for a tag and `&amp;` for an entity and writes them as spaces, where FTS5
/// keeps every character of the message. Used only for a message that holds neither
/// ([`uses_stand_ins`]), so turning them back is never ambiguous.
pub(super) const TAG_OPEN: char = '\u{E002}';
pub(super) const ENTITY: char = '\u{E003}';

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
pub(super) fn uses_stand_ins(content: &str) -> bool {
    !content.contains([TAG_OPEN, ENTITY])
}

/// `raw` (the index's snippet of `content`) as spans. Its marker characters are marks only
/// when `content` holds none of them; otherwise they are dropped and no span is marked.
/// Adjacent spans alike are joined and empty ones left out.
pub(super) fn spans(raw: &str, content: &str) -> Vec<Span> {
    let trusted = !content.contains([MARK_START, MARK_END]);
    let mut out: Vec<Span> = Vec::new();
    let mut marked = false;
    let mut text = String::new();
    for ch in raw.chars() {
        match ch {
            MARK_START | MARK_END => {
                let next = trusted && ch == MARK_START;
                if next != marked {
                    push(&mut out, std::mem::take(&mut text), marked);
                    marked = next;
                }
            }
            other => text.push(other),
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
pub(super) fn with_ellipses(content: &str, headline: String) -> String {
    let plain: String = headline
        .chars()
        .filter(|&ch| ch != MARK_START && ch != MARK_END)
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

#[cfg(test)]
mod tests {
    use super::{spans, uses_stand_ins, with_ellipses, Span, MARK_END, MARK_START};

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
            spans(&raw, "over the lazy <b>dog</b> x"),
            vec![
                span("…the ", false),
                span("lazy", true),
                span(" <b>dog</b> ", false),
                span("x", true)
            ]
        );
    }

    #[test]
    fn a_message_holding_marker_characters_gets_no_marks() {
        // The message's own U+E000/U+E001 around "evil" and the index's marks around "word".
        let content = format!("{MARK_START}evil{MARK_END} word");
        let raw = format!("{MARK_START}evil{MARK_END} {MARK_START}word{MARK_END}");
        assert_eq!(spans(&raw, &content), vec![span("evil word", false)]);
        // Only one of the two is enough.
        let content = format!("word{MARK_END}");
        let raw = format!("{MARK_START}word{MARK_END}{MARK_END}");
        assert_eq!(spans(&raw, &content), vec![span("word", false)]);
    }

    #[test]
    fn unbalanced_or_empty_marks_make_no_empty_spans() {
        assert_eq!(
            spans(&format!("{MARK_START}{MARK_END}a{MARK_END}"), "a"),
            vec![span("a", false)]
        );
        assert_eq!(
            spans(&format!("a{MARK_START}b"), "ab"),
            vec![span("a", false), span("b", true)]
        );
        assert!(spans("", "").is_empty());
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
        assert_eq!(with_ellipses("the lazy dog", marked.clone()), marked);
        assert_eq!(
            with_ellipses("over the lazy dog", marked.clone()),
            format!("…{marked}")
        );
        assert_eq!(
            with_ellipses("the lazy dog, and more.", marked.clone()),
            format!("{marked}…")
        );
        assert_eq!(
            with_ellipses(" ¡the lazy dog!", marked.clone()),
            format!(" ¡{marked}!"),
            "punctuation is kept, not cut"
        );
        assert_eq!(
            with_ellipses("jumps over the lazy dog again", marked.clone()),
            format!("…{marked}…")
        );
        assert_eq!(with_ellipses("<b>the</b> lazy dog", marked.clone()), marked);
    }
}
