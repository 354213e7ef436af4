//! Slack's "mrkdwn" to the Markdown subset natter's web client renders
//! (`static/js/markdown.js`), written so the result also reads as plain text.
//!
//! Slack escapes `&`, `<` and `>` in text as `&amp;`, `&lt;`, `&gt;`, so every raw `<…>`
//! is a control sequence: a link, a mention or a special token. Those become natter text
//! (`[label](https://…)`, `@name`, `#channel`), entities are unescaped, `*bold*` becomes
//! `**bold**` and `•` bullets become `- `. `_italic_` and `~strike~` stay as they are:
//! natter renders `_italic_` itself (turning it into `*italic*` would make `*_both_*`
//! into `***both***`, which its renderer cannot read), and it has no strikethrough, so
//! `~~` would only add noise. Inside `` `code` `` and ``` blocks only entities are
//! unescaped; a fenced block is put on lines of its own, as natter's fences need.
//!
//! Emoji shortcodes (`:smile:`, `:+1:`, `:white_check_mark:`, GitHub's gemoji names,
//! which Slack's are) become the emoji itself, with Slack's `::skin-tone-2:` to `-6:`
//! after one where the emoji has skin tones; an unknown name stays as typed, and code
//! keeps its colons.

use super::reading::Lookup;

/// How much of mrkdwn applies to a piece of text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Mode {
    /// Everything: control sequences, entities, code, `*bold*`, `>>>`, `•` bullets.
    Full,
    /// Control sequences, entities and code only: legacy attachment fields not named in
    /// `mrkdwn_in`, footers and `"mrkdwn": false` text, where Slack shows `*` as typed.
    LinksOnly,
}

/// Converts Slack mrkdwn `src` to natter Markdown.
pub(super) fn convert(src: &str, mode: Mode, lookup: Lookup<'_>) -> String {
    let mut conv = Conv {
        src,
        full: mode == Mode::Full,
        lookup,
        out: String::with_capacity(src.len()),
        quote_all: false,
        bold_close: None,
        no_closer: None,
    };
    conv.run();
    conv.out
}

/// `text` with each known `:shortcode:` (and a skin tone after it) as its emoji, for
/// text that is otherwise kept as typed (Block Kit's `plain_text`).
pub(super) fn emojify(text: &str) -> String {
    if !text.contains(':') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        match shortcode(&text[i..]) {
            Some((emoji, len)) if c == ':' => {
                out.push_str(emoji);
                i += len;
            }
            _ => {
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    out
}

/// The longest a gemoji shortcode is, with its colons (`:flag_south_georgia_south_sandwich_islands:`
/// is 43): a longer run of name characters is no shortcode and is not looked up.
const SHORTCODE_MAX: usize = 64;

/// The emoji of the `:shortcode:` at the start of `rest` (which starts with `:`), with
/// a Slack skin tone (`:skin-tone-2:` to `:skin-tone-6:`) right after it applied where
/// the emoji has one, and how many bytes they take; `None` for an unknown name.
fn shortcode(rest: &str) -> Option<(&'static str, usize)> {
    let name_len = |s: &str| {
        s.find(|c: char| !(c.is_ascii_alphanumeric() || "_+-".contains(c)))
            .unwrap_or(s.len())
    };
    let body = rest.strip_prefix(':')?;
    let n = name_len(body);
    if n == 0 || n > SHORTCODE_MAX || !body[n..].starts_with(':') {
        return None;
    }
    let emoji = emojis::get_by_shortcode(&body[..n])?;
    let len = n + 2;
    let tone = rest[len..]
        .strip_prefix(":skin-tone-")
        .and_then(|t| t.get(..2))
        .and_then(|t| match t {
            "2:" => Some(emojis::SkinTone::Light),
            "3:" => Some(emojis::SkinTone::MediumLight),
            "4:" => Some(emojis::SkinTone::Medium),
            "5:" => Some(emojis::SkinTone::MediumDark),
            "6:" => Some(emojis::SkinTone::Dark),
            _ => None,
        });
    match tone.and_then(|t| emoji.with_skin_tone(t)) {
        Some(toned) => Some((toned.as_str(), len + ":skin-tone-N:".len())),
        None => Some((emoji.as_str(), len)),
    }
}

/// Unescapes the three entities Slack escapes (`&amp;` last, so `&amp;lt;` is `&lt;`).
pub(super) fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Whether `s` is an absolute http(s) address with a host: the only kind that becomes a
/// link (natter's renderer links nothing else).
pub(super) fn is_http(s: &str) -> bool {
    url::Url::parse(s).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
}

/// `label` linking to the http(s) address `url`: `[label](url)`, or the bare address when
/// the label is empty or the address itself. A label natter's link syntax cannot hold
/// (`]`, a newline, over 500 characters) gives `label <url>`, which its renderer still
/// links and which reads as plain text.
pub(super) fn md_link(label: &str, url: &str) -> String {
    let mut href = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => href.push_str("%20"),
            '(' => href.push_str("%28"),
            ')' => href.push_str("%29"),
            '<' => href.push_str("%3C"),
            '>' => href.push_str("%3E"),
            c if c.is_whitespace() => {}
            c => href.push(c),
        }
    }
    let label = label.trim();
    if label.is_empty() || label == url {
        href
    } else if label.contains([']', '\n']) || label.chars().count() > 500 {
        format!("{label} <{href}>")
    } else {
        format!("[{label}]({href})")
    }
}

/// The length of the `<…>` control sequence at the start of `rest`, if one is: up to the
/// first `>`, with no `<` or line break before it.
fn token_len(rest: &str) -> Option<usize> {
    let end = rest[1..].find(['>', '<', '\n'])? + 1;
    let opens = !rest[1..].starts_with(char::is_whitespace);
    (rest.as_bytes()[end] == b'>' && end > 1 && opens).then_some(end + 1)
}

/// The length of the code (``` fence or `` ` `` span) at the start of `rest`, if it is
/// closed, and where its content is.
fn code_len(rest: &str) -> Option<(usize, std::ops::Range<usize>)> {
    if let Some(body) = rest.strip_prefix("```") {
        if let Some(end) = body.find("```") {
            return Some((end + 6, 3..end + 3));
        }
    }
    let end = rest[1..].find(['`', '\n'])? + 1;
    (rest.as_bytes()[end] == b'`' && end > 1).then_some((end + 1, 1..end))
}

struct Conv<'a> {
    src: &'a str,
    full: bool,
    lookup: Lookup<'a>,
    out: String,
    /// After `>>>`: every following line is quoted.
    quote_all: bool,
    /// Where the `*` closing the open bold is.
    bold_close: Option<usize>,
    /// A search for a closing `*` found none from the start to the end of this range (the
    /// rest of its line): keeps a line full of lone `*` linear.
    no_closer: Option<(usize, usize)>,
}

impl Conv<'_> {
    fn run(&mut self) {
        let src = self.src;
        let mut i = 0;
        while let Some(c) = src[i..].chars().next() {
            let rest = &src[i..];
            let line_start = i == 0 || src.as_bytes()[i - 1] == b'\n';
            if self.full && line_start {
                if let Some(n) = ["&gt;&gt;&gt;", ">>>"]
                    .iter()
                    .find(|m| rest.starts_with(**m))
                {
                    i += n.len() + usize::from(src[i + n.len()..].starts_with(' '));
                    if !self.quote_all {
                        self.quote_all = true;
                        self.out.push_str("> ");
                    }
                    continue;
                }
                let indent = rest.len() - rest.trim_start_matches(' ').len();
                let after = &rest[indent..];
                if let Some(item) = after.strip_prefix("• ").or(after.strip_prefix("◦ ")) {
                    self.out.push_str(&rest[..indent.min(3)]);
                    self.out.push_str("- ");
                    i += rest.len() - item.len();
                    continue;
                }
            }
            let taken = match c {
                '`' => code_len(rest).map(|(len, body)| {
                    self.code(&rest[body], rest.starts_with("```"), &src[i + len..]);
                    len
                }),
                '<' => token_len(rest).inspect(|&len| {
                    self.token(&rest[1..len - 1], src[i + len..].chars().next());
                }),
                '&' => [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>')]
                    .iter()
                    .find(|(e, _)| rest.starts_with(*e))
                    .map(|(e, c)| {
                        self.out.push(*c);
                        e.len()
                    }),
                '*' if self.full => self.star(i),
                ':' => shortcode(rest).map(|(emoji, len)| {
                    self.out.push_str(emoji);
                    len
                }),
                '\n' => {
                    self.newline();
                    Some(1)
                }
                _ => None,
            };
            match taken {
                Some(n) => i += n,
                None => {
                    self.out.push(c);
                    i += c.len_utf8();
                }
            }
        }
    }

    fn newline(&mut self) {
        self.out.push('\n');
        if self.quote_all {
            self.out.push_str("> ");
        }
    }

    fn at_line_start(&self) -> bool {
        let last = self.out.rsplit('\n').next().unwrap_or("");
        last.is_empty() || (self.quote_all && last == "> ")
    }

    /// Code: entities unescaped, nothing else; a fence on lines of its own.
    fn code(&mut self, body: &str, fenced: bool, after: &str) {
        let body = unescape(body);
        if !fenced {
            self.out.push('`');
            self.out.push_str(&body);
            self.out.push('`');
            return;
        }
        if !self.at_line_start() {
            self.newline();
        }
        self.out.push_str("```");
        let body = body.strip_prefix('\n').unwrap_or(&body);
        let body = body.strip_suffix('\n').unwrap_or(body);
        for line in body.split('\n') {
            self.newline();
            self.out.push_str(line);
        }
        self.newline();
        self.out.push_str("```");
        if !after.is_empty() && !after.starts_with('\n') {
            self.newline();
        }
    }

    /// A `*` at `i`: closes the open bold, opens one if a closer follows on its line,
    /// or is text (`None`).
    fn star(&mut self, i: usize) -> Option<usize> {
        if let Some(close) = self.bold_close {
            if close != i {
                return None;
            }
            self.bold_close = None;
        } else {
            let src = self.src;
            let prev = src[..i].chars().next_back();
            let next = src[i + 1..].chars().next();
            let opens = !prev.is_some_and(|p| p.is_alphanumeric() || p == '*')
                && next.is_some_and(|n| !n.is_whitespace() && n != '*');
            self.bold_close = if opens { self.closer(i + 1) } else { None };
            self.bold_close?;
        }
        self.out.push_str("**");
        Some(1)
    }

    /// The `*` closing a bold opened just before `from`, on the same line, skipping code
    /// and control sequences as `run` will.
    fn closer(&mut self, from: usize) -> Option<usize> {
        if self
            .no_closer
            .is_some_and(|(start, end)| (start..end).contains(&from))
        {
            return None;
        }
        let src = self.src;
        let mut j = from;
        while let Some(c) = src[j..].chars().next() {
            let rest = &src[j..];
            let skip = match c {
                '\n' => break,
                '`' => match code_len(rest) {
                    Some((len, _)) if rest[..len].contains('\n') => break,
                    found => found.map(|(len, _)| len),
                },
                '<' => token_len(rest),
                '*' => {
                    let prev = src[..j].chars().next_back();
                    let next = src[j + 1..].chars().next();
                    if prev.is_some_and(|p| !p.is_whitespace() && p != '*')
                        && !next.is_some_and(|n| n.is_alphanumeric() || n == '*')
                    {
                        return Some(j);
                    }
                    None
                }
                _ => None,
            };
            j += skip.unwrap_or(c.len_utf8());
        }
        let line_end = src[from..].find('\n').map_or(src.len(), |n| from + n);
        self.no_closer = Some((from, line_end));
        None
    }

    /// A control sequence `<inner>`; `next` is the character after its `>`.
    fn token(&mut self, inner: &str, next: Option<char>) {
        let (target, label) = match inner.split_once('|') {
            Some((t, l)) => (t, unescape(l).trim().to_string()),
            None => (inner, String::new()),
        };
        let label = Some(label).filter(|l| !l.is_empty());
        let text = if let Some(id) = target.strip_prefix('@') {
            let lookup = self.lookup;
            let bare = label.as_deref().map(|l| l.trim_start_matches('@'));
            let name = lookup(id).or_else(|| bare.and_then(lookup));
            format!("@{}", name.as_deref().or(bare).unwrap_or(id))
        } else if let Some(id) = target.strip_prefix('#') {
            let name = label.as_deref().map(|l| l.trim_start_matches('#'));
            format!("#{}", name.unwrap_or(id))
        } else if let Some(special) = target.strip_prefix('!') {
            let kind = special.split('^').next().unwrap_or(special);
            match kind {
                "here" | "channel" | "everyone" => format!("@{kind}"),
                "subteam" => label.unwrap_or_else(|| "@team".to_string()),
                _ => label.unwrap_or_default(),
            }
        } else {
            let url = unescape(target);
            let label = emojify(&label.unwrap_or_default());
            if is_http(&url) {
                let bare = label.is_empty() || label == url;
                // A bare address runs into a following letter or marker in natter's
                // renderer: the link syntax keeps it apart.
                if bare && next.is_some_and(|n| n.is_alphanumeric() || "*_~`".contains(n)) {
                    format!("[{url}]({})", md_link("", &url))
                } else {
                    md_link(&label, &url)
                }
            } else {
                let shown = url.strip_prefix("mailto:").unwrap_or(&url);
                if label.is_empty() || label == shown {
                    shown.to_string()
                } else {
                    format!("{label} ({shown})")
                }
            }
        };
        self.out.push_str(&text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn users(id: &str) -> Option<String> {
        match id {
            "U123" | "alice" => Some("alice_n".to_string()),
            _ => None,
        }
    }

    fn md(src: &str) -> String {
        convert(src, Mode::Full, &users)
    }

    #[test]
    fn links() {
        assert_eq!(
            md("see <https://x.io/a|the page>"),
            "see [the page](https://x.io/a)"
        );
        assert_eq!(md("see <https://x.io/a>"), "see https://x.io/a");
        assert_eq!(md("<https://x.io/a|https://x.io/a>."), "https://x.io/a.");
        assert_eq!(
            md("<http://x.io/?a=1&amp;b=2|q>"),
            "[q](http://x.io/?a=1&b=2)"
        );
        assert_eq!(md("<https://x.io/a_(b)|w>"), "[w](https://x.io/a_%28b%29)");
        assert_eq!(md("<https://x.io|a [b]>"), "a [b] <https://x.io>");
        assert_eq!(md("*<https://x.io>*"), "**[https://x.io](https://x.io)**");
        assert_eq!(md("<mailto:a@b.c|Ann>"), "Ann (a@b.c)");
        assert_eq!(md("<mailto:a@b.c|a@b.c>"), "a@b.c");
        assert_eq!(md("<mailto:a@b.c>"), "a@b.c");
        assert_eq!(
            md("<javascript:alert(1)|click>"),
            "click (javascript:alert(1))"
        );
        assert_eq!(md("<ftp://h/f>"), "ftp://h/f");
        assert_eq!(md("<https://x.io|&lt;b&gt;>"), "[<b>](https://x.io)");
    }

    #[test]
    fn mentions_channels_and_specials() {
        assert_eq!(md("hi <@U123>"), "hi @alice_n");
        assert_eq!(md("hi <@U999|bob>"), "hi @bob");
        assert_eq!(md("hi <@U999|alice>"), "hi @alice_n");
        assert_eq!(md("hi <@alice>"), "hi @alice_n");
        assert_eq!(md("hi <@U999>"), "hi @U999");
        assert_eq!(md("in <#C123|general> and <#C9>"), "in #general and #C9");
        assert_eq!(
            md("<!here> <!channel> <!everyone|everyone>"),
            "@here @channel @everyone"
        );
        assert_eq!(md("<!here|@here>"), "@here");
        assert_eq!(md("<!subteam^S1|@ops> up"), "@ops up");
        assert_eq!(
            md("at <!date^1392734382^{date} at {time}|Feb 18, 2014 at 6:39 AM PST>!"),
            "at Feb 18, 2014 at 6:39 AM PST!"
        );
    }

    #[test]
    fn emphasis() {
        assert_eq!(md("a *bold* b"), "a **bold** b");
        assert_eq!(md("*two words*, then"), "**two words**, then");
        assert_eq!(md("_it_ and ~gone~"), "_it_ and ~gone~");
        assert_eq!(md("*_both_*"), "**_both_**");
        assert_eq!(md("2*3*4 and a * b * c"), "2*3*4 and a * b * c");
        assert_eq!(md("**not** *x"), "**not** *x");
        assert_eq!(md("*a\nb*"), "*a\nb*");
        assert_eq!(md("*a `b*` c*"), "**a `b*` c**");
        assert_eq!(
            md("*see <https://x.io|a*b> now*"),
            "**see [a*b](https://x.io) now**"
        );
        let stars = "*a ".repeat(5000);
        assert_eq!(md(&stars), stars);
    }

    #[test]
    fn code_is_untouched() {
        assert_eq!(
            md("run `a *b* <@U123> &lt;x&gt;`"),
            "run `a *b* <@U123> <x>`"
        );
        assert_eq!(
            md("log:```\n*x* <https://y|z>\n  a &amp;&amp; b\n```done"),
            "log:\n```\n*x* <https://y|z>\n  a && b\n```\ndone"
        );
        assert_eq!(md("```one line```"), "```\none line\n```");
        assert_eq!(md("``` open and `single"), "``` open and `single");
    }

    #[test]
    fn entities_quotes_and_bullets() {
        assert_eq!(md("a &lt;b&gt; &amp;lt; &amp; c"), "a <b> &lt; & c");
        assert_eq!(md("&gt; quoted\nnot"), "> quoted\nnot");
        assert_eq!(md("x\n&gt;&gt;&gt; all\nof *it*"), "x\n> all\n> of **it**");
        assert_eq!(md("• one\n  • two\nx • y"), "- one\n  - two\nx • y");
        assert_eq!(md("a < b > c"), "a < b > c");
    }

    #[test]
    fn shortcodes_become_emoji() {
        assert_eq!(md(":smile: :+1: :white_check_mark:"), "😄 👍 ✅");
        assert_eq!(md("*done* :tada:!"), "**done** 🎉!");
        assert_eq!(md("ok:-1:ok"), "ok👎ok");
        assert_eq!(
            md(":wave::skin-tone-3: :wave::skin-tone-9:"),
            "👋🏼 👋:skin-tone-9:"
        );
        assert_eq!(md(":smile::smile:"), "😄😄");
        assert_eq!(md(":zz:smile:"), ":zz😄");
        assert_eq!(
            md(":not_an_emoji_at_all: and 10:30:45"),
            ":not_an_emoji_at_all: and 10:30:45"
        );
        assert_eq!(md(":smile :: : :"), ":smile :: : :");
        assert_eq!(
            md(&format!(":{}:", "a".repeat(5000))),
            format!(":{}:", "a".repeat(5000))
        );
    }

    #[test]
    fn code_keeps_its_shortcodes() {
        assert_eq!(md("`:smile:` :smile:"), "`:smile:` 😄");
        assert_eq!(md("```\n:tada:\n```"), "```\n:tada:\n```");
        assert_eq!(
            md("<https://x.io/:smile:|:smile:>"),
            "[😄](https://x.io/:smile:)"
        );
        assert_eq!(emojify(":fire: `:fire:`"), "🔥 `🔥`");
        assert_eq!(emojify("no colons"), "no colons");
    }

    #[test]
    fn links_only() {
        let plain = convert("*x* <https://a.io|b> &amp; • y", Mode::LinksOnly, &users);
        assert_eq!(plain, "*x* [b](https://a.io) & • y");
    }
}
