//! The Slack export's layout: `users.json`, `channels.json` (public rooms and groups),
//! `groups.json` (private ones), `dms.json` (direct chats), `mpims.json` (groups made
//! without a title, as group direct messages), and one folder per conversation (by name;
//! direct chats by id) of `YYYY-MM-DD.json` arrays of messages. Ids are natter's with
//! Slack's letter before them (`U7`, `C3`, `G4`, `D9`); a message's `ts` is its time in
//! seconds with six decimals, made unique within its conversation.

use crate::domain::error::Result;
use crate::domain::messaging::replies;
use crate::domain::messaging::views;
use crate::domain::people::export::archive::Archive;
use crate::model::{Chat, FileMeta, ReactionView};
use crate::state::App;
use crate::store::messaging::messages::Message;
use crate::store::{self, ChatKind};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Messages read per database trip.
const BATCH: i64 = 2_000;

/// Accounts read per database trip.
const USER_BATCH: i64 = 1_000;

/// What an export wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Written {
    pub users: usize,
    pub conversations: usize,
    pub messages: usize,
}

/// Writes the whole server to `out` as a Slack export zip; file links start with `site`.
/// Rows are read in short read jobs (a batch each), and the zip is written on a blocking
/// thread a batch at a time, so a server running beside it keeps its readers, its
/// write-ahead log is not held open for the whole export, and memory stays that of one
/// batch and the people's names.
pub async fn export(app: &App, out: std::fs::File, site: String) -> Result<Written> {
    let zip = Archive::new(out, app.hub.clone());
    let mut written = Written::default();
    let (zip, names) = users(app, zip, &mut written).await?;
    let chats = app.db.read(store::messaging::chats::all_live).await?;
    let placed = places(&chats);
    // The server's general room (its oldest default room) is marked as Slack marks its
    // general channel, so that an import of this export into another natter merges it
    // into that server's general.
    let general = app
        .db
        .read(store::messaging::default_rooms::ids)
        .await?
        .first()
        .copied();
    written.conversations = placed.len();
    let mut zip = zip;
    for (file, sort) in [
        ("channels.json", Sort::Public),
        ("groups.json", Sort::Private),
        ("dms.json", Sort::Direct),
        ("mpims.json", Sort::Multi),
    ] {
        zip = zip.run(move |z| z.open_array(file)).await?.0;
        for (chat, place) in chats.iter().zip(&placed).filter(|(_, p)| p.sort == sort) {
            let id = chat.id;
            let members: Vec<String> = app
                .db
                .read(move |c| store::messaging::chats::member_ids(c, id))
                .await?
                .iter()
                .map(|m| format!("U{m}"))
                .collect();
            let mut entry = conversation_json(chat, place, members, general == Some(chat.id));
            let pins = app.db.read(move |c| pins_of(c, id)).await?;
            if !pins.is_empty() {
                entry["pins"] = Value::Array(pins);
            }
            zip = zip.run(move |z| z.item(&entry)).await?.0;
        }
        zip = zip.run(|z| z.close_array()).await?.0;
    }
    zip = user_groups(app, zip).await?;
    let names = Arc::new(names);
    let site: Arc<str> = Arc::from(site);
    let pinned: Arc<HashSet<i64>> = Arc::new(
        app.db
            .read(store::messaging::pins::every)
            .await?
            .into_iter()
            .map(|(_, message, _)| message)
            .collect(),
    );
    for (chat, place) in chats.iter().zip(placed) {
        let mut days = Days::new(place.folder, names.clone(), site.clone());
        days.pinned = Some((pinned.clone(), place.id.clone()));
        let mut after = 0;
        loop {
            let q = store::messaging::messages::PageQuery {
                before: None,
                after: Some(after),
                limit: BATCH,
                offset: 0,
                order: store::messaging::messages::Order::OldestFirst,
                search: None,
                channel_only: false,
            };
            let chat_id = chat.id;
            let (rows, reactions, files) = app
                .db
                .read(move |c| {
                    let rows = store::messaging::messages::page(c, chat_id, &q)?;
                    let reactions = views::reactions_of(c, &rows)?;
                    let files = views::attachments_of(c, &rows)?;
                    Ok::<_, crate::domain::Error>((rows, reactions, files))
                })
                .await?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            written.messages += rows.len();
            let (next, back) = zip
                .run(move |z| {
                    days.write(z, &rows, reactions, files)?;
                    Ok(days)
                })
                .await?;
            zip = next;
            days = back;
        }
    }
    zip.finish().await?;
    Ok(written)
}

/// `users.json`, a batch of accounts per read; every account's id and username, for the
/// messages' `user_name`.
async fn users(
    app: &App,
    mut zip: Box<Archive>,
    written: &mut Written,
) -> Result<(Box<Archive>, HashMap<i64, String>)> {
    let mut names = HashMap::new();
    zip = zip.run(|z| z.open_array("users.json")).await?.0;
    let mut after = 0;
    loop {
        let batch = app
            .db
            .read(move |c| {
                let users = store::people::users::after_id(c, after, USER_BATCH)?;
                let bots = users
                    .iter()
                    .map(|u| store::bots::is_bot(c, u.id))
                    .collect::<std::result::Result<Vec<bool>, _>>()?;
                let languages = users
                    .iter()
                    .map(|u| store::people::language::of(c, u.id))
                    .collect::<std::result::Result<Vec<Option<String>>, _>>()?;
                let ids: Vec<i64> = users.iter().map(|u| u.id).collect();
                let statuses: HashMap<i64, store::people::status::StatusRow> =
                    store::people::status::of_many(c, &ids)?
                        .into_iter()
                        .map(|s| (s.user_id, s))
                        .collect();
                Ok::<_, crate::domain::Error>((users, bots, statuses, languages))
            })
            .await?;
        let (users, bots, statuses, languages) = batch;
        let Some(last) = users.last() else { break };
        after = last.id;
        written.users += users.len();
        names.extend(users.iter().map(|u| (u.id, u.username.clone())));
        zip = zip
            .run(move |z| {
                for ((u, bot), language) in users.iter().zip(bots).zip(languages) {
                    // Slack's own keys for a status and a zone; an ended status is none.
                    let status = statuses.get(&u.id).cloned().unwrap_or_default();
                    let live = status
                        .ends_at
                        .is_none_or(|end| end > crate::kit::clock::now_ms());
                    let (text, emoji) = match live {
                        true => (status.text, status.emoji),
                        false => (String::new(), String::new()),
                    };
                    z.item(&json!({
                        "id": format!("U{}", u.id),
                        "name": u.username,
                        "real_name": u.shown_name(),
                        "deleted": !u.is_active,
                        "is_bot": bot,
                        "is_admin": u.is_admin,
                        "tz": status.time_zone,
                        // Slack's key for the person's language (null: their browser's).
                        "locale": language,
                        "profile": {
                            "real_name": u.shown_name(),
                            "display_name": u.display_name,
                            "email": u.email,
                            "title": u.bio,
                            "status_text": text,
                            "status_emoji": emoji,
                            "status_expiration": status.ends_at.filter(|_| live).map_or(0, |ms| ms / 1000),
                        },
                    }))?;
                }
                Ok(())
            })
            .await?
            .0;
    }
    Ok((zip.run(|z| z.close_array()).await?.0, names))
}

/// Which of Slack's four lists a conversation is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    /// `channels.json`: public rooms.
    Public,
    /// `groups.json`: private rooms and titled groups.
    Private,
    /// `dms.json`: direct chats.
    Direct,
    /// `mpims.json`: groups made without a title.
    Multi,
}

/// How a conversation appears in the export.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Place {
    sort: Sort,
    /// Slack's id: natter's with the list's letter before it.
    id: String,
    /// Its name as people here know it (none for a direct chat).
    name: Option<String>,
    /// The folder of its day files.
    folder: String,
}

/// Each chat's place. A room or titled group keeps its title as its name, unchanged
/// (an import makes it the title again); its folder is that name when the name makes a
/// folder that no other conversation took and that cannot be read as an id, else its id
/// (`natter import slack` looks for a conversation's days under its id first). So two
/// chats of one title both come back with it, and a round trip adds nothing to a name.
fn places(chats: &[Chat]) -> Vec<Place> {
    let mut placed: Vec<Place> = chats
        .iter()
        .map(|chat| match chat.kind {
            ChatKind::Direct => Place {
                sort: Sort::Direct,
                id: format!("D{}", chat.id),
                name: None,
                folder: format!("D{}", chat.id),
            },
            ChatKind::Group if chat.title.is_empty() => Place {
                sort: Sort::Multi,
                id: format!("G{}", chat.id),
                name: Some(format!("mpdm-{}", chat.id)),
                folder: format!("mpdm-{}", chat.id),
            },
            _ => {
                let private = chat.is_private || chat.kind == ChatKind::Group;
                let id = format!("{}{}", if private { "G" } else { "C" }, chat.id);
                let name = match (chat.title.as_str(), chat.name.as_deref()) {
                    ("", Some(name)) if !name.is_empty() => name.to_string(),
                    ("", _) => format!("chat-{}", chat.id),
                    (title, _) => title.to_string(),
                };
                Place {
                    sort: if private { Sort::Private } else { Sort::Public },
                    folder: id.clone(),
                    id,
                    name: Some(name),
                }
            }
        })
        .collect();
    // Folders compared as a case-insensitive file system would (zips are unpacked on
    // them too); the made ones first, so no name takes a made one's folder.
    let mut taken: HashSet<String> = placed
        .iter()
        .filter(|p| matches!(p.sort, Sort::Direct | Sort::Multi))
        .map(|p| p.folder.to_lowercase())
        .collect();
    for place in placed
        .iter_mut()
        .filter(|p| matches!(p.sort, Sort::Public | Sort::Private))
    {
        if let Some(name) = place.name.as_deref().filter(|n| fits_a_folder(n)) {
            if taken.insert(name.to_lowercase()) {
                place.folder = name.to_string();
            }
        }
    }
    placed
}

/// Whether `name` can be a folder in a zip unpacked anywhere: no path separator or
/// character a file system refuses, not `.`, `..`, `__uploads` or the like, no space or
/// dot at its end, and not something an id could be (`C12`), which is the fallback.
fn fits_a_folder(name: &str) -> bool {
    let id_like = name.len() > 1
        && matches!(name.as_bytes()[0].to_ascii_uppercase(), b'C' | b'D' | b'G')
        && name.bytes().skip(1).all(|b| b.is_ascii_digit());
    !name.is_empty()
        && name.len() <= 200
        && !id_like
        && !name.starts_with('.')
        && !name.starts_with("__")
        && !name.ends_with(['.', ' '])
        && name.trim_start() == name
        && !name.chars().any(|c| {
            c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        })
}

/// `usergroups.json`, as Slack writes it on paid plans: each group's `S` id, handle,
/// name, description, creator and members, which `natter import slack` reads back.
async fn user_groups(app: &App, zip: Box<Archive>) -> Result<Box<Archive>> {
    let groups = app
        .db
        .read(|c| {
            let mut out = Vec::new();
            for g in store::user_groups::all(c)? {
                let users = store::user_groups::members(c, g.id)?;
                out.push(json!({
                    "id": format!("S{}", g.id), "handle": g.handle, "name": g.name,
                    "description": g.description, "date_create": seconds_of(&g.created_at),
                    "created_by": g.created_by.map(|id| format!("U{id}")),
                    "users": users.iter().map(|u| format!("U{}", u.id)).collect::<Vec<_>>(),
                }));
            }
            Ok::<_, crate::domain::Error>(Value::Array(out))
        })
        .await?;
    Ok(zip
        .run(move |z| z.json("usergroups.json", &groups))
        .await?
        .0)
}

/// A conversation's entry in its list; `general`: the server's general room.
fn conversation_json(chat: &Chat, place: &Place, members: Vec<String>, general: bool) -> Value {
    let created = seconds_of(&chat.created_at);
    let creator = chat.created_by.map(|id| format!("U{id}"));
    match place.sort {
        Sort::Direct => json!({"id": place.id, "created": created, "members": members}),
        Sort::Multi => json!({
            "id": place.id, "name": place.name, "created": created,
            "creator": creator, "members": members,
        }),
        Sort::Public | Sort::Private => json!({
            "id": place.id, "name": place.name, "created": created, "creator": creator,
            "is_archived": chat.archived_at.is_some(), "is_general": general, "members": members,
            "topic": {"value": chat.topic, "creator": creator, "last_set": created},
            "purpose": {"value": chat.description, "creator": creator, "last_set": created},
        }),
    }
}

/// One conversation's day files being written: the day whose file is open, and the `ts`
/// given so far (the last, and each thread root's, for its replies' `thread_ts`).
struct Days {
    folder: String,
    names: Arc<HashMap<i64, String>>,
    site: Arc<str>,
    day: Option<String>,
    last_ts: String,
    roots: HashMap<i64, String>,
    /// The server's pinned messages and this conversation's Slack id, for `pinned_to`.
    pinned: Option<(Arc<HashSet<i64>>, String)>,
}

impl Days {
    fn new(folder: String, names: Arc<HashMap<i64, String>>, site: Arc<str>) -> Days {
        Days {
            folder,
            names,
            site,
            day: None,
            last_ts: String::new(),
            roots: HashMap::new(),
            pinned: None,
        }
    }

    /// A batch of messages, oldest first, each into its day's file.
    fn write(
        &mut self,
        z: &mut Archive,
        rows: &[Message],
        reactions: Vec<Vec<ReactionView>>,
        files: Vec<Vec<FileMeta>>,
    ) -> Result<()> {
        for ((m, reactions), files) in rows.iter().zip(reactions).zip(files) {
            let mut ts = ts_from(&m.created_at);
            if ts <= self.last_ts {
                ts = next_ts(&self.last_ts);
            }
            self.last_ts = ts.clone();
            if m.threading.reply_count > 0 {
                self.roots.insert(m.id, ts.clone());
            }
            let day = m.created_at.get(..10).unwrap_or("1970-01-01");
            if self.day.as_deref() != Some(day) || !z.in_array() {
                z.open_array(&format!("{}/{day}.json", self.folder))?;
                self.day = Some(day.to_string());
            }
            z.item(&self.message_json(m, ts, &reactions, &files))?;
        }
        Ok(())
    }

    fn message_json(
        &self,
        m: &Message,
        ts: String,
        reactions: &[ReactionView],
        files: &[FileMeta],
    ) -> Value {
        let text = match m.threading.thread_id {
            Some(_) => replies::own_text(&m.content).to_string(),
            None => m.content.clone(),
        };
        let mut msg = json!({
            "type": "message",
            "user": m.sender_id.map(|id| format!("U{id}")),
            "user_name": m.sender_id.and_then(|id| self.names.get(&id)),
            "text": text,
            "ts": ts,
        });
        if let Some(root) = m.threading.thread_id.and_then(|r| self.roots.get(&r)) {
            msg["thread_ts"] = json!(root);
            if m.threading.in_channel {
                msg["subtype"] = json!("thread_broadcast");
            }
        }
        if let Some((pinned, place)) = &self.pinned {
            if pinned.contains(&m.id) {
                msg["pinned_to"] = json!([place]);
            }
        }
        if m.threading.reply_count > 0 {
            msg["thread_ts"] = json!(ts);
            msg["reply_count"] = json!(m.threading.reply_count);
        }
        if let (Some(edited), Some(sender)) = (&m.edited_at, m.sender_id) {
            msg["edited"] = json!({"user": format!("U{sender}"), "ts": ts_from(edited)});
        }
        if !reactions.is_empty() {
            msg["reactions"] = reactions
                .iter()
                .map(|r| {
                    json!({
                        "name": shortcode(&r.emoji),
                        "users": r.users.iter().map(|u| format!("U{u}")).collect::<Vec<_>>(),
                        "count": r.users.len(),
                    })
                })
                .collect();
        }
        if !files.is_empty() {
            msg["files"] = files
                .iter()
                .map(|f| {
                    json!({
                        "id": format!("F{}", f.id), "name": f.filename, "title": f.filename,
                        "mimetype": f.content_type, "size": f.size,
                        "url_private": format!("{}/api/files/{}/download/", self.site, f.id),
                    })
                })
                .collect();
        }
        msg
    }
}

/// A conversation's `pins` as Slack lists them: each pinned message's `ts` (from its
/// time, as its day file gives it), who pinned it and when.
fn pins_of(c: &store::Conn, chat_id: i64) -> store::StoreResult<Vec<Value>> {
    let mut out = Vec::new();
    for pin in store::messaging::pins::of_chat(c, chat_id)? {
        let Some(m) = store::messaging::messages::by_id(c, pin.message_id)? else {
            continue;
        };
        out.push(json!({
            "id": ts_from(&m.created_at), "type": "C",
            "created": seconds_of(&pin.pinned_at),
            "user": pin.pinned_by.map(|id| format!("U{id}")),
            "owner": m.sender_id.map(|id| format!("U{id}")),
        }));
    }
    Ok(out)
}

/// Unix seconds of a stored time (0 when it does not read).
fn seconds_of(stamp: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(stamp).map_or(0, |t| t.timestamp())
}

/// Slack's `ts` of a stored time: seconds and six decimals.
fn ts_from(stamp: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(stamp) {
        Ok(t) => format!("{}.{:06}", t.timestamp(), t.timestamp_subsec_micros()),
        Err(_) => "0.000000".into(),
    }
}

/// The `ts` one microsecond after `ts`.
fn next_ts(ts: &str) -> String {
    let (secs, micros) = ts.split_once('.').unwrap_or((ts, "0"));
    let total =
        secs.parse::<i64>().unwrap_or(0) * 1_000_000 + micros.parse::<i64>().unwrap_or(0) + 1;
    format!("{}.{:06}", total / 1_000_000, total % 1_000_000)
}

/// A reaction's Slack name: the emoji's shortcode, else the emoji itself.
fn shortcode(emoji: &str) -> String {
    // A custom emoji's reaction is its `:name:`; Slack names it without the colons.
    if let Some(name) = emoji
        .strip_prefix(':')
        .and_then(|e| e.strip_suffix(':'))
        .filter(|name| !name.is_empty())
    {
        return name.to_string();
    }
    emojis::get(emoji)
        .and_then(|e| e.shortcode())
        .map_or_else(|| emoji.to_string(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_emoji_read_as_slack_writes_them() {
        assert_eq!(ts_from("2026-11-25T10:00:00.000001Z"), "1795600800.000001");
        assert_eq!(next_ts("1795601600.999999"), "1795601601.000000");
        assert_eq!(shortcode("👍"), "+1");
        assert_eq!(shortcode("x"), "x");
        assert_eq!(shortcode(":shipit:"), "shipit");
    }

    fn chat(id: i64, kind: ChatKind, title: &str, private: bool) -> Chat {
        Chat {
            id,
            kind,
            title: title.into(),
            name: None,
            description: String::new(),
            max_participants: None,
            is_private: private,
            created_by: Some(1),
            last_message_id: 0,
            message_count: 0,
            created_at: "2026-11-25T10:00:00Z".into(),
            updated_at: "2026-11-25T10:00:00Z".into(),
            archived_at: None,
            topic: String::new(),
            image: String::new(),
            encryption: String::new(),
        }
    }

    #[test]
    fn names_stay_as_they_are_and_only_folders_give_way() {
        let chats = [
            chat(1, ChatKind::Room, "ops", false),
            chat(2, ChatKind::Group, "Ops", true),
            chat(3, ChatKind::Room, "Ops & Deploys", false),
            chat(4, ChatKind::Room, "a/b", false),
            chat(5, ChatKind::Room, "C1", false),
            chat(6, ChatKind::Group, "", true),
            chat(7, ChatKind::Room, "mpdm-6", false),
            chat(8, ChatKind::Direct, "", false),
            chat(9, ChatKind::Room, "..", false),
        ];
        let placed = places(&chats);
        let shown: Vec<(&str, Option<&str>, &str)> = placed
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_deref(), p.folder.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("C1", Some("ops"), "ops"),
                ("G2", Some("Ops"), "G2"),
                ("C3", Some("Ops & Deploys"), "Ops & Deploys"),
                ("C4", Some("a/b"), "C4"),
                ("C5", Some("C1"), "C5"),
                ("G6", Some("mpdm-6"), "mpdm-6"),
                ("C7", Some("mpdm-6"), "C7"),
                ("D8", None, "D8"),
                ("C9", Some(".."), "C9"),
            ]
        );
    }
}
