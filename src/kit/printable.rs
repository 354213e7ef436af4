//! Text natter did not choose (arguments, paths, URLs), made safe to print on a terminal
//! or in a log: control characters shown escaped, credentials in URLs hidden.

use std::borrow::Cow;

/// `text` with every control character written as an escape (`\x1b`, `\u{9b}`, `\n`),
/// so an argument echoed in an error cannot drive the terminal (ESC sequences retitle
/// windows, move the cursor or hide text; BEL rings) or forge a second line. Covers C0,
/// DEL, C1 and the bidirectional controls (overrides, isolates, direction marks) that
/// reorder what a reader sees.
pub fn escaped(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x80 && needs_escape(c) => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// The bidirectional controls: the embeddings, overrides and isolates (U+202A-202E,
/// U+2066-2069), which turn the text after them around (`gpj.exe` shown as `exe.jpg`) and
/// run on past it, and the direction marks (U+200E, U+200F, U+061C), which move the
/// neutral characters beside them (digits, punctuation, a name's parts) to the other side.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
    )
}

/// `text` as one line to show among others' words (a status, a link preview's title, a
/// person's display name, a chat's name and topic): control characters (C0 with ESC, DEL,
/// C1) and the bidirectional controls (overrides, embeddings, isolates and direction
/// marks) left out, so it can neither drive a terminal that prints it nor turn around or
/// reorder what stands beside it on a screen; a line break, tab or other white-space
/// control becomes a space. Right-to-left letters themselves stay: each script's own
/// direction is the reader's to apply.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| match c {
                c if c.is_control() && c.is_whitespace() => Some(' '),
                c if needs_escape(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// A database or NATS address as it may be printed: the password or token of a URL
/// (`scheme://user:pass@host`, `nats://token@host`) and the `password=` of a
/// `host=... password=...` string replaced by `***`. Several comma-separated URLs (a
/// `--hub` list) are each redacted. Anything else is returned as it is, escaped.
pub fn without_credentials(address: &str) -> String {
    let redacted = if address.contains("://") {
        address
            .split(',')
            .map(url_without_userinfo)
            .collect::<Vec<_>>()
            .join(",")
    } else {
        key_values_without_password(address)
    };
    escaped(&redacted).into_owned()
}

/// `scheme://userinfo@rest` -> `scheme://***@rest`, and a `password=` query parameter
/// (libpq reads one) -> `password=***`. Everything up to the URL's last `@` is taken
/// for userinfo: people type passwords with unescaped `@`, `/` or `?` in them, and
/// hiding a little too much beats printing part of a password.
fn url_without_userinfo(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, tail) = match rest.rfind('@') {
        Some(at) => (userinfo_shown(scheme, &rest[..at]), &rest[at + 1..]),
        None => (String::new(), rest),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let query: Vec<&str> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((key, _)) if key.eq_ignore_ascii_case("password") => "password=***",
                    _ => pair,
                })
                .collect();
            format!("{path}?{}", query.join("&"))
        }
        None => tail.to_string(),
    };
    format!("{scheme}://{authority}{tail}")
}

/// `user:password` -> `user:***@`. A userinfo without `:` is a PostgreSQL user name
/// (kept), or for any other scheme a token (`nats://token@host`, hidden).
fn userinfo_shown(scheme: &str, userinfo: &str) -> String {
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{user}:***@"),
        None if scheme == "postgres" || scheme == "postgresql" => format!("{userinfo}@"),
        None => "***@".into(),
    }
}

/// libpq's `key=value` form: the value of `password` (quoted or not) becomes `***`.
fn key_values_without_password(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = find_password_key(rest) {
        let (before, from_key) = rest.split_at(at);
        out.push_str(before);
        let after_eq = &from_key[from_key.find('=').map_or(from_key.len(), |i| i + 1)..];
        let value_start = after_eq.len() - after_eq.trim_start().len();
        out.push_str(&from_key[..from_key.len() - after_eq.len()]);
        out.push_str(&after_eq[..value_start]);
        out.push_str("***");
        rest = &after_eq[value_start + value_len(&after_eq[value_start..])..];
    }
    out.push_str(rest);
    out
}

/// Where the next `password` key (followed by optional spaces and `=`) starts, at the
/// start of `text` or after whitespace.
fn find_password_key(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find("password") {
        let at = from + i;
        let starts_word = at == 0 || text[..at].ends_with(char::is_whitespace);
        let follows = text[at + "password".len()..].trim_start();
        if starts_word && follows.starts_with('=') {
            return Some(at);
        }
        from = at + "password".len();
    }
    None
}

/// Length of a libpq value: up to the closing `'` of a quoted one (backslash escapes
/// honoured), else up to the next whitespace.
fn value_len(value: &str) -> usize {
    if let Some(quoted) = value.strip_prefix('\'') {
        let mut escaped = false;
        for (i, c) in quoted.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '\'' => return i + 2,
                _ => {}
            }
        }
        value.len()
    } else {
        value.find(char::is_whitespace).unwrap_or(value.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(escaped("plain/path.db"), "plain/path.db");
        assert_eq!(
            escaped("a\u{1b}[31mred\u{7}\u{7f}\u{9b}b\nc"),
            "a\\x1b[31mred\\x07\\x7f\\u{9b}b\\nc"
        );
        assert_eq!(escaped("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(escaped("x\u{200f}y"), "x\\u{200f}y");
        assert_eq!(escaped("naïve 日本"), "naïve 日本");
    }

    #[test]
    fn one_line_leaves_out_what_drives_a_terminal_or_turns_text_around() {
        assert_eq!(one_line("Lunch 🍜"), "Lunch 🍜");
        assert_eq!(
            one_line("a\u{1b}[2Jb\u{7}\u{9b}c\u{7f}d\u{202e}gpj.exe\u{2066}x\u{2069}"),
            "a[2Jbcdgpj.exex"
        );
        assert_eq!(one_line("two\nlines\tand\rtab"), "two lines and tab");
        assert_eq!(one_line("مرحبا hi"), "مرحبا hi");
        assert_eq!(
            one_line("a\u{200f}b\u{200e}c\u{61c}d\u{202b}e\u{202c}"),
            "abcde"
        );
    }

    #[test]
    fn urls_lose_their_credentials() {
        for (given, shown) in [
            ("nats://user:secretpass@h:4222", "nats://user:***@h:4222"),
            ("nats://sometoken@127.0.0.1:1", "nats://***@127.0.0.1:1"),
            ("nats://h:4222", "nats://h:4222"),
            (
                "nats://a:b@h1:1,nats://h2:2,nats://t@h3:3",
                "nats://a:***@h1:1,nats://h2:2,nats://***@h3:3",
            ),
            (
                "postgres://natter:p@ss@db/natter?sslmode=require",
                "postgres://natter:***@db/natter?sslmode=require",
            ),
            ("postgres://u:pa/ss?w@h/db", "postgres://u:***@h/db"),
            (
                "postgres://natter@localhost/n",
                "postgres://natter@localhost/n",
            ),
            (
                "postgresql:///x?host=/run&password=pw&user=u",
                "postgresql:///x?host=/run&password=***&user=u",
            ),
            (
                "host=/run/postgresql password=hunter2 dbname=natter",
                "host=/run/postgresql password=*** dbname=natter",
            ),
            (
                "host=h password = 'a b\\' c' dbname=n",
                "host=h password = *** dbname=n",
            ),
            ("password=x", "password=***"),
            ("host=h user=passwordless", "host=h user=passwordless"),
            ("natter.db", "natter.db"),
        ] {
            assert_eq!(without_credentials(given), shown, "{given}");
        }
    }
}
