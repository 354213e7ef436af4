//! Message text as Matrix HTML (`formatted_body`, format `org.matrix.custom.html`).
//!
//! natter stores a message as it was typed, in the small Markdown dialect that only the
//! web client renders (static/js/markdown.js). Matrix apps render HTML instead, so this
//! is a port of that script, rule for rule, that writes an HTML string where the script
//! builds DOM nodes. Keep the two in step: a change to one is a change to the other.
//!
//! Every character of the text is escaped; raw HTML in a message is never passed through,
//! and only tags the Matrix spec allows are written (strong, em, code, pre, blockquote,
//! ul, ol, li, a, br). Indexes count chars where the script counts UTF-16 units.

use crate::kit::html::escape_into;
use std::collections::HashMap;

const ESCAPABLE: &str = "\\`*_[]()>#+-.!~";
/// Quotes in quotes, bold in italics: deeper stays text.
const MAX_DEPTH: usize = 4;
const LINK_TEXT_MAX: usize = 500;

/// The message `text` as Matrix HTML, or `None` when it has no markup at all (the app
/// then shows `body` as it is; Matrix asks servers not to send a `formatted_body` that
/// adds nothing).
pub fn to_html(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut html = String::with_capacity(text.len() + 32);
    blocks(&lines, 0, &mut html);
    let mut plain = String::with_capacity(text.len());
    text_into(&mut plain, text);
    (html != plain).then_some(html)
}

/// `text` escaped, its newlines as `<br>`: the web client shows messages pre-wrap.
fn text_into(out: &mut String, text: &str) {
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push_str("<br>");
        }
        escape_into(out, line);
    }
}

fn blocks(lines: &[&str], depth: usize, out: &mut String) {
    // Lines of text keep their newlines; a block (a list, a quote) breaks lines itself, so
    // the newline beside it is dropped.
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, out: &mut String| {
        if !run.is_empty() {
            let text: Vec<char> = run.join("\n").chars().collect();
            inline(&text, 0, out);
            run.clear();
        }
    };
    let mut i = 0;
    while let Some(&line) = lines.get(i) {
        if is_fence(line) {
            let end = (i + 1..lines.len())
                .find(|&e| is_fence(lines[e]))
                .unwrap_or(lines.len());
            flush(&mut run, out);
            out.push_str("<pre><code>");
            escape_into(out, &lines[i + 1..end].join("\n"));
            out.push_str("</code></pre>");
            i = end + 1;
        } else if depth < MAX_DEPTH && quoted(line).is_some() {
            let got: Vec<&str> = lines[i..].iter().map_while(|l| quoted(l)).collect();
            flush(&mut run, out);
            out.push_str("<blockquote>");
            blocks(&got, depth + 1, out);
            out.push_str("</blockquote>");
            i += got.len();
        } else if bullet(line).is_some() {
            let got: Vec<&str> = lines[i..].iter().map_while(|l| bullet(l)).collect();
            flush(&mut run, out);
            out.push_str("<ul>");
            items(&got, out);
            out.push_str("</ul>");
            i += got.len();
        } else if let Some((start, _)) = numbered(line) {
            let got: Vec<&str> = lines[i..]
                .iter()
                .map_while(|l| numbered(l).map(|(_, item)| item))
                .collect();
            flush(&mut run, out);
            // The script compares the digits with "1": `01.` sets start=1, which is the
            // default anyway, so the number decides here.
            if start == 1 {
                out.push_str("<ol>");
            } else {
                out.push_str(&format!("<ol start=\"{start}\">"));
            }
            items(&got, out);
            out.push_str("</ol>");
            i += got.len();
        } else {
            run.push(line);
            i += 1;
        }
    }
    flush(&mut run, out);
}

fn items(got: &[&str], out: &mut String) {
    for item in got {
        let text: Vec<char> = item.chars().collect();
        out.push_str("<li>");
        inline(&text, 0, out);
        out.push_str("</li>");
    }
}

/// `^ {0,3}```
fn is_fence(line: &str) -> bool {
    indented(line).is_some_and(|rest| rest.starts_with("```"))
}

/// `^ {0,3}> ?(.*)$`: the quoted line.
fn quoted(line: &str) -> Option<&str> {
    let rest = indented(line)?.strip_prefix('>')?;
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    to_end(rest)
}

/// `^ {0,3}[-*+] +(\S.*)$`: the item.
fn bullet(line: &str) -> Option<&str> {
    let rest = indented(line)?.strip_prefix(['-', '*', '+'])?;
    spaced_item(rest)
}

/// `^ {0,3}(\d{1,9})[.)] +(\S.*)$`: the number and the item.
fn numbered(line: &str) -> Option<(u32, &str)> {
    let rest = indented(line)?;
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=9).contains(&digits) {
        return None;
    }
    let (number, rest) = rest.split_at(digits);
    let item = spaced_item(rest.strip_prefix(['.', ')'])?)?;
    Some((number.parse().ok()?, item))
}

/// ` +(\S.*)$`
fn spaced_item(rest: &str) -> Option<&str> {
    let item = rest.trim_start_matches(' ');
    if item.len() == rest.len() || item.chars().next().is_none_or(js_space) {
        return None;
    }
    to_end(item)
}

/// The line after `^ {0,3}`, when the fourth character is not a space as well.
fn indented(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches(' ');
    (line.len() - rest.len() <= 3).then_some(rest)
}

/// `(.*)$`: JavaScript's `.` stops at a line terminator, so a line holding one (a `\r`
/// of a CRLF text) does not match.
fn to_end(rest: &str) -> Option<&str> {
    (!rest.contains(['\r', '\u{2028}', '\u{2029}'])).then_some(rest)
}

/// JavaScript's `\s`, which differs from Unicode's White_Space (U+FEFF in, U+0085 out).
fn js_space(c: char) -> bool {
    const OTHERS: &[char] = &[
        ' ', '\u{a0}', '\u{1680}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}',
        '\u{feff}',
    ];
    matches!(c, '\t'..='\r' | '\u{2000}'..='\u{200a}') || OTHERS.contains(&c)
}

/// A letter or a number, the script's `[\p{L}\p{N}]`, with two differences: Unicode's
/// alphabetic marks (Devanagari vowel signs, circled letters) count as letters, and so do
/// letters beyond U+FFFF, which the script misses by testing half of their UTF-16 pair.
fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

#[derive(Clone, Copy)]
enum Delim {
    Star,
    Strong,
    Underscore,
}

fn inline(text: &[char], depth: usize, out: &mut String) {
    let mut none_after: [Option<usize>; 3] = [None; 3];
    let mut code: Option<CodeRuns> = None;
    let mut links = Links::new(text);
    let mut buf = String::new();
    let flush = |buf: &mut String, out: &mut String| {
        text_into(out, buf);
        buf.clear();
    };
    let mut i = 0;
    while let Some(&c) = text.get(i) {
        let prev = i
            .checked_sub(1)
            .and_then(|p| text.get(p))
            .copied()
            .unwrap_or(' ');
        let next = text.get(i + 1).copied();
        if c == '\\' {
            if let Some(escaped) = next.filter(|&n| ESCAPABLE.contains(n)) {
                buf.push(escaped);
                i += 2;
                continue;
            }
        }
        if c == '`' {
            let j = run_end(text, i, '`');
            let code = code.get_or_insert_with(|| CodeRuns::new(text, i));
            match code.close_of(i, j - i) {
                Some(end) => {
                    flush(&mut buf, out);
                    out.push_str("<code>");
                    let inner: String = text.get(j..end).unwrap_or_default().iter().collect();
                    text_into(out, &inner);
                    out.push_str("</code>");
                    i = end + (j - i);
                }
                // No run of the same length follows: the backticks are text.
                None => {
                    buf.extend(&text[i..j]);
                    i = j;
                }
            }
            continue;
        }
        if (c == 'h' || c == 'H') && !is_word(prev) {
            // A bare address is one piece: its `_` and `*` are not emphasis. Matrix apps
            // make it a link themselves.
            if let Some(end) = bare_url_end(text, i) {
                buf.extend(&text[i..end]);
                i = end;
                continue;
            }
        }
        if c == '[' {
            if let Some(link) = links.at(i) {
                flush(&mut buf, out);
                out.push_str("<a href=\"");
                escape_into(out, &link.href);
                out.push_str("\">");
                inline(&text[i + 1..link.close], depth + 1, out);
                out.push_str("</a>");
                i = link.end;
                continue;
            }
        }
        if c == '_' && next == Some('_') {
            // `__` and longer runs (snake__case, __init__) stay text.
            let j = run_end(text, i, '_');
            buf.extend(&text[i..j]);
            i = j;
            continue;
        }
        if depth < MAX_DEPTH && (c == '*' || c == '_') {
            let strong = c == '*' && next == Some('*');
            let (delim, len, tag) = match (strong, c) {
                (true, _) => (Delim::Strong, 2, "strong"),
                (false, '*') => (Delim::Star, 1, "em"),
                _ => (Delim::Underscore, 1, "em"),
            };
            let start = i + len;
            let opens =
                text.get(start).is_some_and(|&s| !js_space(s)) && !(c == '_' && is_word(prev));
            // The search starts one past `start`: never empty.
            let end = if opens {
                closer(text, start + 1, delim, &mut none_after)
            } else {
                None
            };
            if let Some(end) = end {
                flush(&mut buf, out);
                out.push_str(&format!("<{tag}>"));
                inline(&text[start..end], depth + 1, out);
                out.push_str(&format!("</{tag}>"));
                i = end + len;
                continue;
            }
        }
        buf.push(c);
        i += 1;
    }
    flush(&mut buf, out);
}

/// Where the run of `c` that starts at `i` ends.
fn run_end(text: &[char], i: usize, c: char) -> usize {
    i + text[i..].iter().take_while(|&&t| t == c).count()
}

fn index_of(text: &[char], c: char, from: usize) -> Option<usize> {
    Some(from + text.get(from..)?.iter().position(|&t| t == c)?)
}

/// Where a closing delimiter for an opener at `from` is. `none_after` remembers where a
/// search found nothing, so a message full of lone `*` stays linear.
fn closer(
    text: &[char],
    from: usize,
    delim: Delim,
    none_after: &mut [Option<usize>; 3],
) -> Option<usize> {
    let memo = &mut none_after[delim as usize];
    if memo.is_some_and(|n| from >= n) {
        return None;
    }
    let at = |k: usize| text.get(k).copied();
    let before = |k: usize| k.checked_sub(1).and_then(at);
    let mut j = find_delim(text, delim, from);
    while let Some(k) = j {
        let mut again = k + 1;
        let rejected = before(k).is_some_and(js_space)
            || match delim {
                Delim::Underscore => {
                    at(k + 1).is_some_and(|n| is_word(n) || n == '_') || before(k) == Some('_')
                }
                Delim::Star if at(k + 1) == Some('*') => {
                    again = k + 2; // part of a `**`
                    true
                }
                _ => false,
            };
        if !rejected {
            return Some(k);
        }
        j = find_delim(text, delim, again);
    }
    *memo = Some(from);
    None
}

fn find_delim(text: &[char], delim: Delim, from: usize) -> Option<usize> {
    match delim {
        Delim::Star => index_of(text, '*', from),
        Delim::Underscore => index_of(text, '_', from),
        Delim::Strong => {
            let mut k = index_of(text, '*', from)?;
            while text.get(k + 1) != Some(&'*') {
                k = index_of(text, '*', k + 1)?;
            }
            Some(k)
        }
    }
}

/// Where each run of backticks closes: a run of n backticks opens a code span that ends at
/// the next run of exactly n. Built on the first backtick of a text and read in order, so
/// a text full of runs of growing length stays linear (each length keeps a cursor).
struct CodeRuns {
    /// Length -> (starts, cursor).
    by_length: HashMap<usize, (Vec<usize>, usize)>,
}

impl CodeRuns {
    fn new(text: &[char], from: usize) -> Self {
        let mut by_length = HashMap::<usize, (Vec<usize>, usize)>::new();
        let mut i = index_of(text, '`', from);
        while let Some(start) = i {
            let end = run_end(text, start, '`');
            by_length.entry(end - start).or_default().0.push(start);
            i = index_of(text, '`', end);
        }
        CodeRuns { by_length }
    }

    /// Where the run of `n` backticks at `i` closes.
    fn close_of(&mut self, i: usize, n: usize) -> Option<usize> {
        let (at, next) = self.by_length.get_mut(&n)?;
        while at.get(*next).is_some_and(|&start| start <= i) {
            *next += 1;
        }
        at.get(*next).copied()
    }
}

/// After `https?://` at `i` (any case), where the address starts.
fn after_scheme(text: &[char], i: usize) -> Option<usize> {
    let is = |k: usize, c: char| text.get(k).is_some_and(|t| t.eq_ignore_ascii_case(&c));
    if !"http".chars().enumerate().all(|(n, c)| is(i + n, c)) {
        return None;
    }
    let k = if is(i + 4, 's') { i + 5 } else { i + 4 };
    (is(k, ':') && is(k + 1, '/') && is(k + 2, '/')).then_some(k + 3)
}

/// `https?://[^\s<>"']+` at `i`: where the bare address ends.
fn bare_url_end(text: &[char], i: usize) -> Option<usize> {
    let start = after_scheme(text, i)?;
    let end = start
        + text[start..]
            .iter()
            .take_while(|&&c| !js_space(c) && !matches!(c, '<' | '>' | '"' | '\''))
            .count();
    (end > start).then_some(end)
}

/// `https?://[^\s()<>]+(?:\([^\s()<>]*\)[^\s()<>]*)*\)` at `i`: where the address ends,
/// before the `)` that closes it. No backtracking is needed: the character after each
/// run must be a parenthesis, so the runs are whole.
fn link_url_end(text: &[char], i: usize) -> Option<usize> {
    let plain = |k: usize| {
        k + text[k..]
            .iter()
            .take_while(|&&c| !js_space(c) && !matches!(c, '(' | ')' | '<' | '>'))
            .count()
    };
    let start = after_scheme(text, i)?;
    let mut k = plain(start);
    if k == start {
        return None;
    }
    loop {
        match text.get(k) {
            Some(')') => return Some(k),
            Some('(') => {
                k = plain(k + 1);
                if text.get(k) != Some(&')') {
                    return None;
                }
                k = plain(k + 1);
            }
            _ => return None,
        }
    }
}

/// An http(s) address as the browser would write it, or `None`.
fn http_href(address: &[char]) -> Option<String> {
    let address: String = address.iter().collect();
    let url = url::Url::parse(&address).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.into())
}

struct Link {
    href: String,
    /// The `]` that ends the link's text.
    close: usize,
    /// Just past the `)` that ends the address.
    end: usize,
}

/// `[text](https://…)`: the first `]` after a `[` (remembered, so `[[[[…` stays linear),
/// then the address, matched once per `]`.
struct Links<'a> {
    text: &'a [char],
    /// The first `]` after the last `[` asked about, or the text's length if none.
    close: Option<usize>,
    /// The same for a newline, which a link's text cannot hold.
    newline: Option<usize>,
    /// The `]` whose address `url` is.
    url_for: Option<usize>,
    /// The checked href and the length of the address as written.
    url: Option<(String, usize)>,
}

impl<'a> Links<'a> {
    fn new(text: &'a [char]) -> Self {
        Links {
            text,
            close: None,
            newline: None,
            url_for: None,
            url: None,
        }
    }

    fn at(&mut self, i: usize) -> Option<Link> {
        let text = self.text;
        if self.close.is_none_or(|c| c <= i) {
            self.close = Some(index_of(text, ']', i + 1).unwrap_or(text.len()));
        }
        let close = self.close.filter(|&c| c < text.len())?;
        if self.newline.is_none_or(|n| n <= i) {
            self.newline = Some(index_of(text, '\n', i + 1).unwrap_or(text.len()));
        }
        let newline = self.newline.unwrap_or(text.len());
        let length = close.saturating_sub(i + 1);
        if !(1..=LINK_TEXT_MAX).contains(&length)
            || newline < close
            || text.get(close + 1) != Some(&'(')
        {
            return None;
        }
        if self.url_for != Some(close) {
            self.url_for = Some(close);
            let start = close + 2;
            self.url = link_url_end(text, start)
                .and_then(|end| Some((http_href(&text[start..end])?, end - start)));
        }
        let (href, length) = self.url.clone()?;
        Some(Link {
            href,
            close,
            end: close + 3 + length,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::to_html;

    fn html(text: &str) -> String {
        to_html(text).unwrap_or_else(|| panic!("no markup found in {text:?}"))
    }

    #[test]
    fn plain_text_has_no_formatted_body() {
        assert_eq!(to_html(""), None);
        assert_eq!(to_html("hello"), None);
        assert_eq!(to_html("two\nlines\n\nand a gap"), None);
        assert_eq!(to_html("a < b & c > \"d\" 'e'"), None);
        assert_eq!(to_html("see https://example.com/a_b_c*d*"), None);
        assert_eq!(to_html("snake__case and __init__"), None);
        assert_eq!(to_html("a * b _ c ` d [e] (f)"), None);
    }

    #[test]
    fn fences_are_pre_blocks_without_inline_markup() {
        assert_eq!(
            html("before\n```rust\nlet *a* = `b` < c;\n\n  x\n```\nafter"),
            "before<pre><code>let *a* = `b` &lt; c;\n\n  x</code></pre>after"
        );
        assert_eq!(
            html("```\nnever closed\n**x**"),
            "<pre><code>never closed\n**x**</code></pre>"
        );
        assert_eq!(html("   ```\n```"), "<pre><code></code></pre>");
        assert_eq!(to_html("    ```\nx"), None);
    }

    #[test]
    fn quotes_nest_up_to_the_depth_limit() {
        assert_eq!(
            html("> quoted\n>also\nnot"),
            "<blockquote>quoted<br>also</blockquote>not"
        );
        assert_eq!(
            html("> outer\n> > inner\n> back"),
            "<blockquote>outer<blockquote>inner</blockquote>back</blockquote>"
        );
        assert_eq!(
            html(">>>>> five"),
            "<blockquote><blockquote><blockquote><blockquote>&gt; five\
             </blockquote></blockquote></blockquote></blockquote>"
        );
        assert_eq!(
            html("> **bold**"),
            "<blockquote><strong>bold</strong></blockquote>"
        );
    }

    #[test]
    fn lists_are_ul_and_ol() {
        assert_eq!(
            html("- one\n* two\n+ *three*"),
            "<ul><li>one</li><li>two</li><li><em>three</em></li></ul>"
        );
        assert_eq!(html("1. one\n2) two"), "<ol><li>one</li><li>two</li></ol>");
        assert_eq!(
            html("3. three\n4. four"),
            "<ol start=\"3\"><li>three</li><li>four</li></ol>"
        );
        assert_eq!(
            html("intro\n- a\n1. b\nend"),
            "intro<ul><li>a</li></ul><ol><li>b</li></ol>end"
        );
        assert_eq!(html("- a\n\nb"), "<ul><li>a</li></ul><br>b");
        assert_eq!(html("0. zero"), "<ol start=\"0\"><li>zero</li></ol>");
        assert_eq!(html("01. one"), "<ol><li>one</li></ol>");
        assert_eq!(
            html("> - x"),
            "<blockquote><ul><li>x</li></ul></blockquote>"
        );
        assert_eq!(
            to_html("-not a list\n1.nor this\n1234567890. nor this"),
            None
        );
    }

    #[test]
    fn backslash_escapes_the_markup_characters() {
        assert_eq!(
            html(r"\*not em\* \_ \` \[x\](y) \\ \# \+ \- \. \! \~ \>"),
            r"*not em* _ ` [x](y) \ # + - . ! ~ &gt;"
        );
        assert_eq!(html(r"\a \*"), r"\a *");
        assert_eq!(to_html(r"\a\"), None);
    }

    #[test]
    fn code_spans_pair_runs_of_equal_length() {
        assert_eq!(html("a `b *c*` d"), "a <code>b *c*</code> d");
        assert_eq!(html("``a ` b``"), "<code>a ` b</code>");
        assert_eq!(html("`a\nb`"), "<code>a<br>b</code>");
        assert_eq!(html("`<b>`"), "<code>&lt;b&gt;</code>");
        assert_eq!(to_html("``a`"), None);
    }

    #[test]
    fn emphasis_follows_the_script_rules() {
        assert_eq!(
            html("**bold** *em* _em_"),
            "<strong>bold</strong> <em>em</em> <em>em</em>"
        );
        assert_eq!(html("*em **and bold***"), "<em>em *</em>and bold***");
        assert_eq!(html("**bold *and em***"), "<strong>bold *and em</strong>*");
        assert_eq!(html("***a***"), "<strong>*a</strong>*");
        assert_eq!(html("x *a*b* y"), "x <em>a</em>b* y");
        assert_eq!(html("2*3*4"), "2<em>3</em>4");
        assert_eq!(html("*a* * b *"), "<em>a</em> * b *");
        assert_eq!(to_html("a * b * c"), None);
        assert_eq!(to_html("*a *"), None);
        assert_eq!(to_html("word_with_underscores"), None);
        assert_eq!(to_html("_a_b"), None);
        assert_eq!(html("_é_ ж_x_"), "<em>é</em> ж_x_");
        assert_eq!(html("__a__ _a_"), "__a__ <em>a</em>");
        assert_eq!(
            html("*1 *2 *3 *4 *5 x* x* x* x* x*"),
            "<em>1 *2 *3 *4 *5 x</em> x* x* x* x*"
        );
        assert_eq!(
            html("[_**x *y* x**_](https://a.example)"),
            "<a href=\"https://a.example/\"><em><strong>x <em>y</em> x</strong></em></a>"
        );
    }

    #[test]
    fn letters_outside_the_basic_plane_are_letters() {
        // The script tests one UTF-16 unit, half of `𝐚`, and would open an `_` here.
        assert_eq!(to_html("𝐚_b_"), None);
    }

    #[test]
    fn links_only_for_http_addresses() {
        assert_eq!(
            html("[the *docs*](https://example.com/a_(b)?q=1&r='2')"),
            "<a href=\"https://example.com/a_(b)?q=1&amp;r=%272%27\">the <em>docs</em></a>"
        );
        assert_eq!(
            html("[x](HTTP://Example.COM)"),
            "<a href=\"http://example.com/\">x</a>"
        );
        assert_eq!(to_html("[x](javascript:alert(1))"), None);
        assert_eq!(to_html("[x](data:text/html,<b>)"), None);
        assert_eq!(to_html("[x](http://[bad)"), None);
        assert_eq!(to_html("[](https://example.com)"), None);
        assert_eq!(to_html("[a\nb](https://example.com)"), None);
        assert_eq!(
            html("[[x](https://a.example)"),
            "<a href=\"https://a.example/\">[x</a>"
        );
        assert_eq!(
            html("[a](https://x.y/p))"),
            "<a href=\"https://x.y/p\">a</a>)"
        );
        assert_eq!(to_html("[a](https://x.y/(p)"), None);
        assert_eq!(
            html("[🎉](https://🎉.example)"),
            "<a href=\"https://xn--dk8h.example/\">🎉</a>"
        );
        let long = "x".repeat(501);
        assert_eq!(to_html(&format!("[{long}](https://a.example)")), None);
    }

    #[test]
    fn bare_addresses_stay_text() {
        assert_eq!(
            html("**see** https://example.com/a_b_/*c*"),
            "<strong>see</strong> https://example.com/a_b_/*c*"
        );
        assert_eq!(
            html("xhttps://a.example/_b_"),
            "xhttps://a.example/<em>b</em>"
        );
    }

    #[test]
    fn raw_html_is_escaped() {
        assert_eq!(to_html("<b>x</b>"), None);
        assert_eq!(
            html("**<script>alert('x')</script>**"),
            "<strong>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</strong>"
        );
        assert_eq!(
            html("[<img src=x onerror=alert(1)>](https://example.com/\"onmouseover=\"x)"),
            "<a href=\"https://example.com/%22onmouseover=%22x\">&lt;img src=x onerror=alert(1)&gt;</a>"
        );
    }

    #[test]
    fn any_text_is_safe() {
        // A line holding a `\r` matches no block, as in the script.
        assert_eq!(to_html("\r\n> a\r\n"), None);
        assert_eq!(html("- a\r\n- b"), "- a\r<ul><li>b</li></ul>");
        assert_eq!(html("_🎉_ `🎉`"), "<em>🎉</em> <code>🎉</code>");
        assert_eq!(html("🎉 *ok* 🎉"), "🎉 <em>ok</em> 🎉");
        assert_eq!(html("שלום **עולם**"), "שלום <strong>עולם</strong>");
    }

    #[test]
    fn long_runs_render_in_linear_time() {
        for c in ['*', '_', '[', '`'] {
            let text: String = std::iter::repeat_n(c, 200_000).collect();
            let started = std::time::Instant::now();
            let _ = to_html(&text);
            assert!(
                started.elapsed().as_secs_f64() < 2.0,
                "{c:?} took {:?}",
                started.elapsed()
            );
        }
    }
}
