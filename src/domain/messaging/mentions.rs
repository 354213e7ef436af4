//! Mentions: `@username` in a message's text names a member of its
//! chat. The name after `@` is matched by its key (`names::name_key`: NFKC and case
//! folding, the key that makes every account's name its own), so `@ＡＤＭＩＮ` names
//! `admin` and a look-alike spelling never names someone else. Noted with the message in
//! the same write, whichever surface sent it; a message's author is never their own
//! mention. Text without `@` costs one scan for the character.
//!
//! `@channel` and `@everyone` (its alias) mention every member of the chat, `@here`
//! every member active in the last [`HERE_WINDOW_SECS`] or with a socket open on the
//! chat now, as Slack's do; none of them reaches the sender, a bot or a deactivated
//! account. `--wide-mentions admins` keeps them, in chats of more than
//! `--wide-mentions-members` members, to server administrators and the chat's own; the
//! message of anyone else is sent as written and notifies nobody by the wide word.
//!
//! `@handle` of a user group (`domain::people::user_groups`) mentions the group's
//! members who are in the chat (people and groups share one namespace of names; where an
//! older database holds a person and a group of one name, whichever had it first has the
//! mention), under the same rule: a group reaching more than
//! `--wide-mentions-members` of the chat's members notifies them, under `--wide-mentions
//! admins`, only from an administrator.

use crate::config::WideMentions;
use crate::domain::error::Result;
use crate::kit::names;
use crate::state::App;
use crate::store::{self, messaging::mentions::Mention, Tx};

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

/// `@here` reaches the members seen (signed in, opened a socket) within this many
/// seconds, besides those with a socket on the chat now. natter writes a person's
/// `last_seen_at` when they sign in or open a socket, at most once a minute per server,
/// so a socket open for longer counts through the live socket itself.
pub const HERE_WINDOW_SECS: i64 = 5 * 60;

/// Whom a wide word reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wide {
    /// `@here`: the members active now.
    Here,
    /// `@channel`, `@everyone`: every member.
    Channel,
}

/// The wide word a name's key is, if it is one: such a key names nobody by name (an
/// account called `here` is reached as a member, like everyone else).
pub fn wide_word(key: &str) -> Option<Wide> {
    match key {
        "here" => Some(Wide::Here),
        "channel" | "everyone" => Some(Wide::Channel),
        _ => None,
    }
}

/// The widest of the wide words among `keys` ([`named_keys`]'s), if any.
pub fn widest(keys: &[String]) -> Option<Wide> {
    let words = keys.iter().filter_map(|k| wide_word(k));
    words.fold(None, |widest, w| match (widest, w) {
        (Some(Wide::Channel), _) | (_, Wide::Channel) => Some(Wide::Channel),
        _ => Some(Wide::Here),
    })
}

/// Notes the members of `chat_id` that `content` (the text of `message_id`, by
/// `sender`) mentions, by name and by wide word.
pub fn note(
    c: &Tx,
    app: &App,
    chat_id: i64,
    message_id: i64,
    sender: i64,
    content: &str,
) -> Result<()> {
    if !content.contains('@') {
        return Ok(());
    }
    let keys = named_keys(content);
    for key in keys.iter().filter(|k| wide_word(k).is_none()) {
        let person = store::messaging::mentions::member_named(c, chat_id, key)?;
        // One name, one meaning: a person and a group share no name now; where an older
        // database holds both, the one that had the name first has the mention.
        let group = match person {
            None => store::user_groups::id_by_key(c, key)?,
            Some(_) => store::user_groups::made_before_person(c, key)?,
        };
        match (group, person) {
            (Some(group), _) => note_group(c, app, chat_id, message_id, sender, group)?,
            (None, Some(user)) if user != sender => {
                store::messaging::mentions::insert(c, user, message_id, chat_id)?;
            }
            (None, _) => {}
        }
    }
    if let Some(wide) = widest(&keys) {
        note_wide(c, app, chat_id, message_id, sender, wide)?;
    }
    Ok(())
}

/// Notes the mentions of group `group`'s members in the chat, if `sender` may notify
/// that many.
fn note_group(
    c: &Tx,
    app: &App,
    chat_id: i64,
    message_id: i64,
    sender: i64,
    group: i64,
) -> Result<()> {
    let reached = store::user_groups::reached_in_chat(c, group, chat_id, sender)?;
    if app.config.wide_mentions == WideMentions::Admins {
        let big = u64::try_from(reached.len()).unwrap_or(0) > app.config.wide_mentions_members;
        if big {
            let (_, server_admin, chat_admin) =
                store::messaging::mentions::standing(c, chat_id, sender)?;
            if !server_admin && !chat_admin {
                return Ok(());
            }
        }
    }
    for user in reached {
        store::messaging::mentions::insert(c, user, message_id, chat_id)?;
    }
    Ok(())
}

/// Notes a wide word's mentions, if `sender` may notify the chat with one.
fn note_wide(
    c: &Tx,
    app: &App,
    chat_id: i64,
    message_id: i64,
    sender: i64,
    wide: Wide,
) -> Result<()> {
    if app.config.wide_mentions == WideMentions::Admins {
        let (members, server_admin, chat_admin) =
            store::messaging::mentions::standing(c, chat_id, sender)?;
        let big = u64::try_from(members).unwrap_or(0) > app.config.wide_mentions_members;
        if big && !server_admin && !chat_admin {
            return Ok(());
        }
    }
    match wide {
        Wide::Channel => {
            store::messaging::mentions::insert_for_members(c, chat_id, message_id, sender)?;
        }
        Wide::Here => {
            let since = store::clock::time_after(-HERE_WINDOW_SECS);
            let members =
                store::messaging::mentions::reachable_members(c, chat_id, sender, &since)?;
            let (seen, unseen): (Vec<_>, Vec<_>) = members.into_iter().partition(|(_, s)| *s);
            let unseen: Vec<i64> = unseen.into_iter().map(|(u, _)| u).collect();
            let watching = crate::domain::messaging::presence::watching(c, app, chat_id, &unseen)?;
            let here = seen.into_iter().map(|(u, _)| u).chain(watching);
            for user in here {
                store::messaging::mentions::insert(c, user, message_id, chat_id)?;
            }
        }
    }
    Ok(())
}

/// Notes a changed text's mentions afresh: the people it no longer mentions lose theirs,
/// new ones gain one, and whoever had read theirs and is still mentioned keeps it read
/// (an edit is no new call: fixing a typo in an `@channel` does not page a room again).
pub fn renote(
    c: &Tx,
    app: &App,
    chat_id: i64,
    message_id: i64,
    sender: i64,
    content: &str,
) -> Result<()> {
    let read = store::messaging::mentions::read_in_message(c, message_id)?;
    store::messaging::mentions::forget_message(c, message_id)?;
    note(c, app, chat_id, message_id, sender, content)?;
    for (user, at) in read {
        store::messaging::mentions::set_read_at(c, user, message_id, &at)?;
    }
    Ok(())
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
            let rows = store::messaging::mentions::page(c, me, before.unwrap_or(i64::MAX), size)?;
            Ok((rows, store::messaging::mentions::unread(c, me)?))
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
            Ok(store::messaging::mentions::mark_read(
                c,
                me,
                up_to,
                chat_id,
                &store::clock::now(),
            )?)
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::{named_keys, widest, Wide};

    #[test]
    fn the_widest_word_wins() {
        let keys = |s: &str| named_keys(s);
        assert_eq!(widest(&keys("hi @ann")), None);
        assert_eq!(widest(&keys("@here look")), Some(Wide::Here));
        assert_eq!(widest(&keys("@HERE and @everyone")), Some(Wide::Channel));
        assert_eq!(widest(&keys("(@channel) @here.")), Some(Wide::Channel));
        assert_eq!(widest(&keys("mail here@example.org")), None);
        assert_eq!(widest(&keys("@heres @channels")), None);
    }

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
