//! The quote line a reply carries at the start of its text, `> @<username> [#<id>]:
//! <excerpt>`, then an empty line, then the reply. The five seed APIs have no field for
//! "in reply to", so their clients read the quote; natter writes the line itself from the
//! message replied to (so it is genuine) and keeps the parent in `reply_to` beside it.
//! The web client writes and reads the same line (`static/js/replies.js`).

/// An excerpt is cut to this many characters (the last being `…` when cut).
const EXCERPT_MAX: usize = 80;

/// A quote line found at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteLine<'a> {
    /// The quoted message's sender's username.
    pub username: &'a str,
    /// The quoted message's id.
    pub message_id: i64,
    /// The whole line, without its line break.
    pub line: &'a str,
    /// The text after the line and its empty line: the reply itself.
    pub rest: &'a str,
}

/// The quote line at the start of `content`, if it has one.
pub fn parse(content: &str) -> Option<QuoteLine<'_>> {
    let after = content.strip_prefix("> @")?;
    let name_end = after.find(|c: char| !is_name_char(c))?;
    let username = &after[..name_end];
    if username.is_empty() || username.chars().count() > 150 {
        return None;
    }
    let after_name = after[name_end..].strip_prefix(" [#")?;
    let id_end = after_name.find(|c: char| !c.is_ascii_digit())?;
    let digits = &after_name[..id_end];
    if digits.is_empty() || digits.len() > 18 || digits.starts_with('0') {
        return None;
    }
    let message_id = digits.parse().ok()?;
    let excerpt = after_name[id_end..].strip_prefix("]: ")?;
    let line_len = content.len() - excerpt.len() + excerpt.find('\n').unwrap_or(excerpt.len());
    let line = &content[..line_len];
    let tail = &content[line_len..];
    let rest = tail
        .strip_prefix("\n\n")
        .or_else(|| tail.strip_prefix('\n'))
        .unwrap_or(tail);
    Some(QuoteLine {
        username,
        message_id,
        line,
        rest,
    })
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || "@.+_-".contains(c)
}

/// What a message says itself: its text without a leading quote line.
pub fn own_text(content: &str) -> &str {
    parse(content).map_or(content, |q| q.rest)
}

/// The excerpt of a quoted text: its own first non-empty line, without `[#`, runs of
/// white space made one, cut to 80 characters.
pub fn excerpt_of(content: &str) -> String {
    let first = own_text(content)
        .split('\n')
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let clean = first
        .replace("[#", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if clean.chars().count() <= EXCERPT_MAX {
        return clean;
    }
    let cut: String = clean.chars().take(EXCERPT_MAX - 1).collect();
    format!("{}…", cut.trim_end())
}

/// The quote line for a reply to message `id` by `username`, whose text is `content`.
pub fn quote_line(username: &str, id: i64, content: &str) -> String {
    format!("> @{username} [#{id}]: {}", excerpt_of(content))
}

/// `reply` under `line`: the text a reply is stored with. A quote line `reply` already
/// starts with (a client that wrote its own) is replaced, so there is one, and genuine.
pub fn with_quote(line: &str, reply: &str) -> String {
    format!("{line}\n\n{}", own_text(reply))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_line_is_read_and_written_as_the_web_client_does() {
        let text = "> @ann.b [#42]: see you at nine\n\nyes";
        let q = parse(text).unwrap();
        assert_eq!((q.username, q.message_id, q.rest), ("ann.b", 42, "yes"));
        assert_eq!(q.line, "> @ann.b [#42]: see you at nine");
        assert_eq!(own_text("plain"), "plain");
        assert_eq!(parse("> @ann [#012]: x\n\ny"), None);
        assert_eq!(parse("> @ann [#]: x"), None);
        assert_eq!(parse("> ann [#1]: x"), None);
        assert_eq!(parse("> @ann [#7]: x").map(|q| q.rest), Some(""));
    }

    #[test]
    fn an_excerpt_is_the_first_own_line_cut_on_a_character() {
        assert_eq!(
            excerpt_of("> @a [#1]: old\n\n\n  new  [#2] words\nmore"),
            "new 2] words"
        );
        let long = "é".repeat(100);
        let cut = excerpt_of(&long);
        assert_eq!(cut.chars().count(), 80);
        assert!(cut.ends_with('…'));
        assert_eq!(
            with_quote(&quote_line("bo", 9, "hi"), "> @x [#3]: fake\n\nreal"),
            "> @bo [#9]: hi\n\nreal"
        );
    }
}
