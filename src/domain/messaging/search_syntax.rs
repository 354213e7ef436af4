//! What a search box's text says: words, `"exact phrases"`, `-excluded` words and the
//! operators `from:@name`, `in:#room`, `in:@person`, `has:file|image|link|reaction|pin`,
//! `before:`/`after:`/`on:` a day (`YYYY-MM-DD`), `is:thread` and `is:saved`, read into a
//! [`Parsed`] search. Only the syntax: who a name is, which chat a room is and when a day
//! starts in the searcher's zone are `domain::messaging::search`'s. Only those names are
//! operators: any other `word:value` (`error:timeout`, `content:x`) is searched as words,
//! as Slack and Zulip read a word they do not know. A known operator with a value it does
//! not take is a [`SyntaxError`] the API answers as a 400 that says what to write, so
//! `has:flie` never silently searches for something else.

use jiff::civil::Date;
use std::fmt;

/// A thing a message has, for `has:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Has {
    File,
    Image,
    Link,
    Reaction,
    Pin,
}

/// Where `in:` points: a room or group by name, or the direct chat with a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Room(String),
    Person(String),
}

/// A search as typed, its operators read but nothing resolved yet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The plain words, space-separated, as the word search reads them.
    pub words: String,
    /// Each `"exact phrase"`, as typed between the quotes.
    pub phrases: Vec<String>,
    /// Each `-word` or `-"phrase"`, without its `-`.
    pub excluded: Vec<String>,
    /// `from:`'s name, without `@`.
    pub from: Option<String>,
    /// `in:`'s place.
    pub place: Option<Place>,
    /// Every `has:`.
    pub has: Vec<Has>,
    /// The first day a match may be on (`after:` the day before, or `on:`).
    pub from_day: Option<Date>,
    /// The first day a match may no longer be on (`before:`, or the day after `on:`).
    pub until_day: Option<Date>,
    /// `is:thread`: a reply in a thread or a thread's first message.
    pub in_thread: bool,
    /// `is:saved`: the searcher saved it.
    pub saved: bool,
}

impl Parsed {
    /// Whether anything but plain words was asked for.
    pub fn has_operators(&self) -> bool {
        !self.phrases.is_empty()
            || !self.excluded.is_empty()
            || self.from.is_some()
            || self.place.is_some()
            || !self.has.is_empty()
            || self.from_day.is_some()
            || self.until_day.is_some()
            || self.in_thread
            || self.saved
    }

    /// Whether the search asks anything of a message: a word, a phrase or an excluded
    /// word or phrase with a letter or digit in it, or an operator. Excluded words alone
    /// ask for every message without them.
    pub fn asks_for_something(&self) -> bool {
        let searchable = |t: &String| t.chars().any(char::is_alphanumeric);
        self.words.chars().any(char::is_alphanumeric)
            || self.phrases.iter().any(searchable)
            || self.excluded.iter().any(searchable)
            || self.has_operators_beyond_exclusion()
    }

    fn has_operators_beyond_exclusion(&self) -> bool {
        self.from.is_some()
            || self.place.is_some()
            || !self.has.is_empty()
            || self.from_day.is_some()
            || self.until_day.is_some()
            || self.in_thread
            || self.saved
    }
}

/// Why a search's text cannot be read, worded for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxError {
    /// A known operator with a value it does not take.
    BadValue {
        operator: &'static str,
        value: String,
    },
    /// A day that is not `YYYY-MM-DD`.
    BadDate {
        operator: &'static str,
        value: String,
    },
    /// `from:` or `in:` given twice.
    Twice(&'static str),
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyntaxError::BadValue { operator, value } => {
                let choices = match *operator {
                    "has" => "file, image, link, reaction or pin",
                    "is" => "thread or saved",
                    "from" => "a person's name, as from:@name",
                    _ => "a room as in:#name or a person as in:@name",
                };
                write!(
                    f,
                    "\"{operator}:{value}\" is not a search: {operator}: takes {choices}."
                )
            }
            SyntaxError::BadDate { operator, value } => write!(
                f,
                "\"{operator}:{value}\" is not a day: write it as YYYY-MM-DD."
            ),
            SyntaxError::Twice(operator) => {
                write!(f, "{operator}: may be given once in a search.")
            }
        }
    }
}

/// Reads a search's text. Words keep their order; an operator's name is matched without
/// regard to case; a token whose part before `:` is not an operator's name (`re:deploy`,
/// `error:timeout`), a link (`https://…`) and a word ending in `:` are words.
pub fn parse(text: &str) -> Result<Parsed, SyntaxError> {
    let mut parsed = Parsed::default();
    let mut words: Vec<&str> = Vec::new();
    for token in tokens(text) {
        match token {
            Token::Phrase(p) => parsed.phrases.push(p.to_string()),
            Token::Excluded(w) => parsed.excluded.push(w.to_string()),
            Token::Word(w) => match operator(w) {
                Some((name, value)) if apply(&mut parsed, name, value)? => {}
                _ => words.push(w),
            },
        }
    }
    parsed.words = words.join(" ");
    Ok(parsed)
}

/// One piece of a search's text.
enum Token<'t> {
    Word(&'t str),
    Phrase(&'t str),
    Excluded(&'t str),
}

/// The text cut at white space outside quotes; a `"` opens a phrase that runs to the next
/// `"` (or the end); `-` before a word or a phrase excludes it.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return out;
        }
        let (excluded, body) = match rest.strip_prefix('-') {
            Some(after) if after.starts_with(|c: char| !c.is_whitespace()) => (true, after),
            _ => (false, rest),
        };
        if let Some(inner) = body.strip_prefix('"') {
            let end = inner.find('"').unwrap_or(inner.len());
            let phrase = inner[..end].trim();
            if !phrase.is_empty() {
                out.push(if excluded {
                    Token::Excluded(phrase)
                } else {
                    Token::Phrase(phrase)
                });
            }
            rest = inner.get(end + 1..).unwrap_or("");
            continue;
        }
        let end = body.find(char::is_whitespace).unwrap_or(body.len());
        let word = &body[..end];
        out.push(if excluded {
            Token::Excluded(word)
        } else {
            Token::Word(word)
        });
        rest = &body[end..];
    }
}

/// `name:value` when `w` is written as an operator: letters, a colon, then a value that
/// does not start with `//` (a link). Whether `name` is an operator is [`apply`]'s.
fn operator(w: &str) -> Option<(&str, &str)> {
    let (name, value) = w.split_once(':')?;
    let looks = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphabetic())
        && !value.is_empty()
        && !value.starts_with("//");
    looks.then_some((name, value))
}

/// Adds one operator to `parsed`: `false` when `name` is none of natter's, and the token
/// is words.
fn apply(parsed: &mut Parsed, name: &str, value: &str) -> Result<bool, SyntaxError> {
    let bad = |operator: &'static str| SyntaxError::BadValue {
        operator,
        value: value.to_string(),
    };
    match name.to_ascii_lowercase().as_str() {
        "from" => {
            if parsed.from.is_some() {
                return Err(SyntaxError::Twice("from"));
            }
            let person = value.strip_prefix('@').unwrap_or(value);
            if person.is_empty() {
                return Err(bad("from"));
            }
            parsed.from = Some(person.to_string());
        }
        "in" => {
            if parsed.place.is_some() {
                return Err(SyntaxError::Twice("in"));
            }
            let place = if let Some(person) = value.strip_prefix('@') {
                Place::Person(person.to_string())
            } else {
                Place::Room(value.strip_prefix('#').unwrap_or(value).to_string())
            };
            if matches!(&place, Place::Person(n) | Place::Room(n) if n.is_empty()) {
                return Err(bad("in"));
            }
            parsed.place = Some(place);
        }
        "has" => {
            let has = match value.to_ascii_lowercase().as_str() {
                "file" | "files" => Has::File,
                "image" | "images" => Has::Image,
                "link" | "links" => Has::Link,
                "reaction" | "reactions" => Has::Reaction,
                "pin" | "pins" | "pinned" => Has::Pin,
                _ => return Err(bad("has")),
            };
            if !parsed.has.contains(&has) {
                parsed.has.push(has);
            }
        }
        "is" => match value.to_ascii_lowercase().as_str() {
            "thread" => parsed.in_thread = true,
            "saved" => parsed.saved = true,
            _ => return Err(bad("is")),
        },
        "before" => {
            let day = day("before", value)?;
            parsed.until_day = Some(parsed.until_day.map_or(day, |d| d.min(day)));
        }
        "after" => {
            let day = next(day("after", value)?, "after", value)?;
            parsed.from_day = Some(parsed.from_day.map_or(day, |d| d.max(day)));
        }
        "on" | "during" => {
            let first = day("on", value)?;
            let end = next(first, "on", value)?;
            parsed.from_day = Some(parsed.from_day.map_or(first, |d| d.max(first)));
            parsed.until_day = Some(parsed.until_day.map_or(end, |d| d.min(end)));
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// A day written `YYYY-MM-DD`.
fn day(operator: &'static str, value: &str) -> Result<Date, SyntaxError> {
    let bad = || SyntaxError::BadDate {
        operator,
        value: value.to_string(),
    };
    let ok = value.len() == 10
        && value.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !ok {
        return Err(bad());
    }
    value.parse::<Date>().map_err(|_| bad())
}

/// The day after `d` (an error only past the year 9999).
fn next(d: Date, operator: &'static str, value: &str) -> Result<Date, SyntaxError> {
    d.tomorrow().map_err(|_| SyntaxError::BadDate {
        operator,
        value: value.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::{parse, Has, Parsed, Place, SyntaxError};
    use jiff::civil::date;

    #[test]
    fn words_phrases_and_exclusions_are_read_apart() {
        let p = parse(r#"deploy "release notes" -draft -"old plan" later"#).expect("parsed");
        assert_eq!(p.words, "deploy later");
        assert_eq!(p.phrases, vec!["release notes"]);
        assert_eq!(p.excluded, vec!["draft", "old plan"]);
        assert!(p.has_operators());
        let plain = parse("just words, 10:30 https://example.com/x note: - a-b").expect("parsed");
        assert_eq!(
            plain.words,
            "just words, 10:30 https://example.com/x note: - a-b"
        );
        assert!(!plain.has_operators());
        assert_eq!(
            parse(r#""unclosed phrase"#).expect("parsed").phrases,
            vec!["unclosed phrase"]
        );
    }

    #[test]
    fn operators_are_read_with_their_values() {
        let p =
            parse("From:@ann in:#ops has:file has:LINK is:thread is:saved word").expect("parsed");
        assert_eq!(p.from.as_deref(), Some("ann"));
        assert_eq!(p.place, Some(Place::Room("ops".into())));
        assert_eq!(p.has, vec![Has::File, Has::Link]);
        assert!(p.in_thread && p.saved);
        assert_eq!(p.words, "word");
        assert_eq!(
            parse("in:@bob").expect("parsed").place,
            Some(Place::Person("bob".into()))
        );
        assert_eq!(
            parse("in:general").expect("parsed").place,
            Some(Place::Room("general".into()))
        );
    }

    #[test]
    fn days_make_a_range_of_whole_days() {
        let p = parse("after:2026-03-28 before:2026-04-02").expect("parsed");
        assert_eq!(p.from_day, Some(date(2026, 3, 29)));
        assert_eq!(p.until_day, Some(date(2026, 4, 2)));
        let on = parse("on:2026-02-28").expect("parsed");
        assert_eq!(
            (on.from_day, on.until_day),
            (Some(date(2026, 2, 28)), Some(date(2026, 3, 1)))
        );
        assert!(!Parsed::default().asks_for_something());
        assert!(parse("-word").expect("parsed").asks_for_something());
        assert!(parse("-\"two words\"")
            .expect("parsed")
            .asks_for_something());
        assert!(!parse("-!!").expect("parsed").asks_for_something());
        assert!(on.asks_for_something());
    }

    #[test]
    fn a_name_that_is_no_operator_is_words() {
        let p = parse("re:deploy error:timeout CONTENT:x from:@ann").expect("parsed");
        assert_eq!(p.words, "re:deploy error:timeout CONTENT:x");
        assert_eq!(p.from.as_deref(), Some("ann"));
        let p = parse("-error:timeout").expect("parsed");
        assert_eq!(p.excluded, vec!["error:timeout"]);
        assert!(p.asks_for_something());
    }

    #[test]
    fn mistakes_are_errors_that_say_what_to_write() {
        for bad in [
            "on:2026-2-28",
            "before:yesterday",
            "after:2026-02-30",
            "on:2026-13-01",
        ] {
            assert!(
                matches!(parse(bad), Err(SyntaxError::BadDate { .. })),
                "{bad}"
            );
        }
        assert!(matches!(
            parse("has:car"),
            Err(SyntaxError::BadValue {
                operator: "has",
                ..
            })
        ));
        assert!(matches!(
            parse("is:open"),
            Err(SyntaxError::BadValue { operator: "is", .. })
        ));
        assert!(matches!(
            parse("from:@"),
            Err(SyntaxError::BadValue {
                operator: "from",
                ..
            })
        ));
        assert_eq!(parse("from:a from:b"), Err(SyntaxError::Twice("from")));
        let said = parse("HAS:car").expect_err("refused").to_string();
        assert!(
            said.contains("\"has:car\"") && said.contains("file"),
            "{said}"
        );
    }
}
