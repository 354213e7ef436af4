//! Mentions: `@username` in a message's text names a member of its
//! chat. The name after `@` is matched by its key (`names::name_key`: NFKC and case
//! folding, the key that makes every account's name its own), so `@ＡＤＭＩＮ` names
//! `admin` and a look-alike spelling never names someone else. Noted with the message in
//! the same write, whichever surface sent it; a message's author is never their own
//! mention. Text without `@` costs one scan for the character.

use crate::domain::error::Result;
use crate::kit::names;
use crate::state::App;
use crate::store::{self, mentions::Mention, Tx};

/// At most this many distinct names are looked up per message.
const MAX_NAMES: usize = 16;

/// The keys of the names written after `@` in `content`, each once, at most [`MAX_NAMES`].
/// A name is a run of letters, digits and `.+-_@` right after an `@` that does not follow
/// one of those characters (so `ann@example.org` is no mention); a final `.` is the
/// sentence's, not the name's.
pub fn named_keys(content: &str) -> Vec<String> {
    let is_name = |c: char| c.is_alphanumeric() || ".+-_@".contains(c);
    let mut keys: Vec<String> = Vec::new();
    let mut prev: Option<char> = None;
    let mut chars = content.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let starts = c == '@' && !prev.is_some_and(is_name);
        prev = Some(c);
        if !starts {
            continue;
        }
        let rest = &content[i + 1..];
        let end = rest.find(|c: char| !is_name(c)).unwrap_or(rest.len());
        let name = rest[..end].trim_end_matches(['.', '@']);
        if !name.is_empty() {
            let key = names::name_key(name);
            if !keys.contains(&key) {
                keys.push(key);
                if keys.len() == MAX_NAMES {
                    break;
                }
            }
        }
        for _ in 0..rest[..end].chars().count() {
            prev = chars.next().map(|(_, c)| c);
        }
    }
    keys
}

/// Notes the members of `chat_id` that `content` (the text of `message_id`, by
/// `sender`) mentions.
pub fn note(c: &Tx, chat_id: i64, message_id: i64, sender: i64, content: &str) -> Result<()> {
    if !content.contains('@') {
        return Ok(());
    }
    for key in named_keys(content) {
        if let Some(user) = store::mentions::member_named(c, chat_id, &key)? {
            if user != sender {
                store::mentions::insert(c, user, message_id, chat_id)?;
            }
        }
    }
    Ok(())
}

/// Notes a changed text's mentions afresh.
pub fn renote(c: &Tx, chat_id: i64, message_id: i64, sender: i64, content: &str) -> Result<()> {
    store::mentions::forget_message(c, message_id)?;
    note(c, chat_id, message_id, sender, content)
}

/// `me`'s mentions older than `before` (none: the newest), newest first, at most `size`;
/// with how many are unread in all.
pub async fn page(
    app: &App,
    me: i64,
    before: Option<i64>,
    size: i64,
) -> Result<(Vec<Mention>, i64)> {
    app.db
        .read(move |c| {
            let rows = store::mentions::page(c, me, before.unwrap_or(i64::MAX), size)?;
            Ok((rows, store::mentions::unread(c, me)?))
        })
        .await
}

/// Marks `me`'s mentions read up to `up_to` (none: all), in `chat_id` only when given;
/// how many were unread.
pub async fn mark_read(
    app: &App,
    me: i64,
    up_to: Option<i64>,
    chat_id: Option<i64>,
) -> Result<usize> {
    app.db
        .write(move |c| {
            let up_to = up_to.unwrap_or(i64::MAX);
            Ok(store::mentions::mark_read(
                c,
                me,
                up_to,
                chat_id,
                &store::now(),
            )?)
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::named_keys;

    #[test]
    fn names_follow_an_at_that_starts_a_word() {
        assert_eq!(named_keys("hi @ann and @Bob."), ["ann", "bob"]);
        assert_eq!(named_keys("@ann @ANN @ａｎｎ"), ["ann"]);
        assert_eq!(named_keys("mail ann@example.org"), Vec::<String>::new());
        assert_eq!(named_keys("@ @. @@"), Vec::<String>::new());
        assert_eq!(named_keys("(@dima) @a.b+c-d_e"), ["dima", "a.b+c-d_e"]);
        let many: String = (0..40).map(|i| format!("@u{i} ")).collect();
        assert_eq!(named_keys(&many).len(), 16);
    }
}
