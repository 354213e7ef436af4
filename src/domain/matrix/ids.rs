//! natter's people in Matrix ids. A username is Unicode and keeps its case, a Matrix
//! localpart is `[a-z0-9._=/+-]`: the localpart is the username's name key (the key two
//! names that are one person share, `kit::names::name_key`) with every other byte, and
//! `=`, written `=xx` in lower-case hex, as the specification's "mapping from other
//! character sets" suggests. Usernames never change, so neither do the ids. A name
//! whose id would pass Matrix's 255 bytes is `=u<natter id>` instead (`=` then a letter
//! that is no hex digit: no mapped name can be it).

use crate::kit::names::name_key;
use crate::state::App;

/// The Matrix server name of this server (`site`).
pub fn server_name(app: &App) -> &str {
    app.matrix_server_name
        .get()
        .map_or("localhost", String::as_str)
}

/// The longest Matrix user id, in bytes.
const MAX_USER_ID: usize = 255;

/// The room id of natter's chat `chat_id`.
pub fn room_id(chat_id: i64, server: &str) -> String {
    format!("!{chat_id}:{server}")
}

/// The chat a room id of this server names, or `None`.
pub fn chat_of_room(room: &str, server: &str) -> Option<i64> {
    let (local, their_server) = room.strip_prefix('!')?.split_once(':')?;
    match their_server == server {
        true => local.parse().ok().filter(|id| *id > 0),
        false => None,
    }
}

/// The event id of message `id` (each message is one event).
pub fn message_event(id: i64) -> String {
    format!("$m{id}")
}

/// The message an event id names, for the ids natter gives messages; `None` for the
/// ids of edits, reactions, state and anything natter never gave.
pub fn message_of_event(event: &str) -> Option<i64> {
    let rest = event.strip_prefix("$m")?;
    // `$m<id>.<k>`: the k-th event of a message with files (`events::Render::message`).
    let id = match rest.split_once('.') {
        Some((id, k)) if k.parse::<u32>().is_ok() => id,
        Some(_) => return None,
        None => rest,
    };
    id.parse().ok().filter(|id| *id > 0)
}

/// The event id of a message's edit as it stands: one per time it was edited.
pub fn edit_event(message: i64, edited_at: Option<&str>) -> String {
    format!("$e{message}.{}", edited_at.map_or(0, millis))
}

/// The event id of `user`'s reaction `emoji` on `message`.
pub fn reaction_event(message: i64, user: i64, emoji: &str) -> String {
    use base64::Engine;
    let key = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(emoji);
    format!("$r{message}.{user}.{key}")
}

/// The message, reactor and emoji of a reaction's event id.
pub fn of_reaction_event(event: &str) -> Option<(i64, i64, String)> {
    use base64::Engine;
    let mut parts = event.strip_prefix("$r")?.splitn(3, '.');
    let message = parts.next()?.parse().ok()?;
    let user = parts.next()?.parse().ok()?;
    let emoji = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(parts.next()?)
        .ok()?;
    Some((message, user, String::from_utf8(emoji).ok()?))
}

/// natter's time (RFC 3339) as Matrix's milliseconds since 1970; 0 if unreadable.
pub fn millis(at: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(at).map_or(0, |t| t.timestamp_millis())
}

/// Who a localpart names: a name key to look up, or a natter id.
#[derive(Debug, PartialEq, Eq)]
pub enum Named {
    /// The name key of a username (look it up as a username).
    Key(String),
    /// The natter id of a person whose name was too long for an id.
    Id(i64),
}

/// The Matrix user id of the person `username` (natter id `id`) on `server`.
pub fn user_id(username: &str, id: i64, server: &str) -> String {
    let mut local = String::new();
    for byte in name_key(username).bytes() {
        match byte {
            b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'/' | b'+' | b'-' => {
                local.push(byte as char)
            }
            other => local.push_str(&format!("={other:02x}")),
        }
    }
    if local.is_empty() || 2 + local.len() + server.len() > MAX_USER_ID {
        local = format!("=u{id}");
    }
    format!("@{local}:{server}")
}

/// Who the localpart `local` names, or `None` when it is no mapping natter writes.
pub fn named_by_localpart(local: &str) -> Option<Named> {
    if let Some(id) = local.strip_prefix("=u") {
        return id.parse().ok().filter(|id| *id > 0).map(Named::Id);
    }
    let mut bytes = Vec::with_capacity(local.len());
    let mut rest = local.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        if first == b'=' {
            let hex = tail.get(..2)?;
            let text = std::str::from_utf8(hex).ok()?;
            bytes.push(u8::from_str_radix(text, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(first);
            rest = tail;
        }
    }
    String::from_utf8(bytes)
        .ok()
        .filter(|s| !s.is_empty())
        .map(Named::Key)
}

/// Who the user id `id` names on `server`; `None` for another server's id or one that
/// is no user id.
pub fn named_by_user_id(id: &str, server: &str) -> Option<Named> {
    let (local, their_server) = id.strip_prefix('@')?.split_once(':')?;
    if their_server != server {
        return None;
    }
    named_by_localpart(local)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_to_localparts_and_back() {
        assert_eq!(user_id("alice", 1, "example.org"), "@alice:example.org");
        // Case is one person's: the key folds it.
        assert_eq!(user_id("Ann", 2, "example.org"), "@ann:example.org");
        assert_eq!(user_id("josé", 3, "x"), "@jos=c3=a9:x");
        assert_eq!(user_id("a=b", 4, "x"), "@a=3db:x");
        for name in ["alice", "josé", "a=b", "日本", "o'neil"] {
            let id = user_id(name, 9, "x");
            assert_eq!(
                named_by_user_id(&id, "x"),
                Some(Named::Key(name_key(name))),
                "{id}"
            );
        }
    }

    #[test]
    fn a_name_too_long_for_an_id_is_named_by_its_natter_id() {
        let long = "é".repeat(150);
        let id = user_id(&long, 42, "example.org");
        assert_eq!(id, "@=u42:example.org");
        assert_eq!(named_by_user_id(&id, "example.org"), Some(Named::Id(42)));
    }

    #[test]
    fn rooms_and_messages_have_ids_of_this_server() {
        assert_eq!(room_id(12, "x.org"), "!12:x.org");
        assert_eq!(chat_of_room("!12:x.org", "x.org"), Some(12));
        assert_eq!(chat_of_room("!12:y.org", "x.org"), None);
        assert_eq!(chat_of_room("!0:x.org", "x.org"), None);
        assert_eq!(chat_of_room("!abc:x.org", "x.org"), None);
        assert_eq!(message_of_event(&message_event(7)), Some(7));
        assert_eq!(message_of_event("$e7.3"), None);
        assert_eq!(message_of_event("$m7.2"), Some(7));
        assert_eq!(message_of_event("$m7.x"), None);
        assert_eq!(message_of_event("$m-1"), None);
    }

    #[test]
    fn other_servers_and_broken_escapes_name_no_one() {
        assert_eq!(
            named_by_user_id("@alice:elsewhere.org", "example.org"),
            None
        );
        assert_eq!(named_by_user_id("alice:example.org", "example.org"), None);
        assert_eq!(named_by_localpart("a=zz"), None);
        assert_eq!(named_by_localpart("a=c"), None);
        assert_eq!(named_by_localpart("=ux"), None);
        assert_eq!(named_by_localpart("=ff"), None);
    }
}
