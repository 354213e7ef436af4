//! The Slack export's layout: `users.json`, `channels.json` (public rooms and groups),
//! `groups.json` (private ones), `dms.json` (direct chats), `mpims.json` (groups made
//! without a title, as group direct messages), and one folder per conversation (by name;
//! direct chats by id) of `YYYY-MM-DD.json` arrays of messages. Ids are natter's with
//! Slack's letter before them (`U7`, `C3`, `G4`, `D9`); a message's `ts` is its time in
//! seconds with six decimals, made unique within its conversation.

use crate::domain::error::{Error, Result};
use crate::domain::replies;
use crate::domain::views;
use crate::state::App;
use crate::store::{self, ChatKind, Conn};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::Write;

/// Messages read per database trip.
const BATCH: i64 = 2_000;

/// What an export wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Written {
    pub users: usize,
    pub conversations: usize,
    pub messages: usize,
}

/// Writes the whole server to `out` as a Slack export zip; file links start with `site`.
pub async fn export<W: Write + std::io::Seek + Send + 'static>(
    app: &App,
    out: W,
    site: String,
) -> Result<Written> {
    app.db.read(move |c| write_all(c, out, &site)).await
}

fn zip_error(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("the export could not be written: {e}"))
}

fn write_all<W: Write + std::io::Seek>(c: &Conn, out: W, site: &str) -> Result<Written> {
    let mut zip = zip::ZipWriter::new(out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let put = |zip: &mut zip::ZipWriter<W>, name: &str, value: &Value| -> Result<()> {
        zip.start_file(name, options).map_err(zip_error)?;
        let bytes = serde_json::to_vec_pretty(value).map_err(zip_error)?;
        zip.write_all(&bytes).map_err(zip_error)
    };
    let mut written = Written::default();
    let users = store::users::all_except(c, None)?;
    let bots: Vec<bool> = users
        .iter()
        .map(|u| store::bots::is_bot(c, u.id))
        .collect::<std::result::Result<_, _>>()?;
    let names: HashMap<i64, String> = users.iter().map(|u| (u.id, u.username.clone())).collect();
    let users_json: Vec<Value> = users
        .iter()
        .zip(&bots)
        .map(|(u, bot)| {
            json!({
                "id": format!("U{}", u.id),
                "name": u.username,
                "real_name": u.shown_name(),
                "deleted": !u.is_active,
                "is_bot": bot,
                "is_admin": u.is_admin,
                "profile": {
                    "real_name": u.shown_name(),
                    "display_name": u.display_name,
                    "email": u.email,
                    "title": u.bio,
                },
            })
        })
        .collect();
    written.users = users_json.len();
    put(&mut zip, "users.json", &Value::Array(users_json))?;

    let (mut channels, mut groups, mut dms, mut mpims) = (vec![], vec![], vec![], vec![]);
    let mut folders: Vec<(i64, String)> = Vec::new();
    for chat in store::chats::all_live(c)? {
        let members: Vec<String> = store::chats::members(c, chat.id)?
            .iter()
            .map(|m| format!("U{}", m.user_id))
            .collect();
        let created = seconds_of(&chat.created_at);
        let creator = chat.created_by.map(|id| format!("U{id}"));
        match chat.kind {
            ChatKind::Direct => {
                dms.push(
                    json!({"id": format!("D{}", chat.id), "created": created, "members": members}),
                );
                folders.push((chat.id, format!("D{}", chat.id)));
            }
            ChatKind::Group if chat.title.is_empty() => {
                let name = format!("mpdm-{}", chat.id);
                mpims.push(json!({
                    "id": format!("G{}", chat.id), "name": name, "created": created,
                    "creator": creator, "members": members,
                }));
                folders.push((chat.id, name));
            }
            _ => {
                let name = folder_name(
                    &chat.name.clone().unwrap_or_else(|| chat.title.clone()),
                    chat.id,
                );
                let private = chat.is_private || chat.kind == ChatKind::Group;
                let entry = json!({
                    "id": format!("{}{}", if private { "G" } else { "C" }, chat.id),
                    "name": name, "created": created, "creator": creator,
                    "is_archived": chat.archived_at.is_some(), "members": members,
                    "topic": {"value": chat.title, "creator": creator, "last_set": created},
                    "purpose": {"value": chat.description, "creator": creator, "last_set": created},
                });
                match private {
                    true => groups.push(entry),
                    false => channels.push(entry),
                }
                folders.push((chat.id, name));
            }
        }
    }
    written.conversations = folders.len();
    put(&mut zip, "channels.json", &Value::Array(channels))?;
    put(&mut zip, "groups.json", &Value::Array(groups))?;
    put(&mut zip, "dms.json", &Value::Array(dms))?;
    put(&mut zip, "mpims.json", &Value::Array(mpims))?;

    for (chat_id, folder) in folders {
        let mut ts_of: HashMap<i64, String> = HashMap::new();
        let mut last_ts = String::new();
        let mut day = String::new();
        let mut day_messages: Vec<Value> = Vec::new();
        let mut after = 0;
        loop {
            let q = store::messages::PageQuery {
                before: None,
                after: Some(after),
                limit: BATCH,
                offset: 0,
                order: store::messages::Order::OldestFirst,
                search: None,
                channel_only: false,
            };
            let rows = store::messages::page(c, chat_id, &q)?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            let reactions = views::reactions_of(c, &rows)?;
            let files = views::attachments_of(c, &rows)?;
            for ((m, reactions), files) in rows.iter().zip(reactions).zip(files) {
                let mut ts = ts_from(&m.created_at);
                if ts <= last_ts {
                    ts = next_ts(&last_ts);
                }
                last_ts = ts.clone();
                ts_of.insert(m.id, ts.clone());
                let this_day = m.created_at.get(..10).unwrap_or("1970-01-01").to_string();
                if this_day != day && !day_messages.is_empty() {
                    put(
                        &mut zip,
                        &format!("{folder}/{day}.json"),
                        &Value::Array(std::mem::take(&mut day_messages)),
                    )?;
                }
                day = this_day;
                let text = match m.threading.thread_id {
                    Some(_) => replies::own_text(&m.content).to_string(),
                    None => m.content.clone(),
                };
                let mut msg = json!({
                    "type": "message",
                    "user": m.sender_id.map(|id| format!("U{id}")),
                    "user_name": m.sender_id.and_then(|id| names.get(&id)),
                    "text": text,
                    "ts": ts,
                });
                if let Some(root) = m.threading.thread_id.and_then(|r| ts_of.get(&r)) {
                    msg["thread_ts"] = json!(root);
                    if m.threading.in_channel {
                        msg["subtype"] = json!("thread_broadcast");
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
                        .map(|r| json!({
                            "name": shortcode(&r.emoji),
                            "users": r.users.iter().map(|u| format!("U{u}")).collect::<Vec<_>>(),
                            "count": r.users.len(),
                        }))
                        .collect();
                }
                if !files.is_empty() {
                    msg["files"] = files
                        .iter()
                        .map(|f| {
                            json!({
                                "id": format!("F{}", f.id), "name": f.filename, "title": f.filename,
                                "mimetype": f.content_type, "size": f.size,
                                "url_private": format!("{site}/api/files/{}/download/", f.id),
                            })
                        })
                        .collect();
                }
                day_messages.push(msg);
                written.messages += 1;
            }
        }
        if !day_messages.is_empty() {
            put(
                &mut zip,
                &format!("{folder}/{day}.json"),
                &Value::Array(day_messages),
            )?;
        }
    }
    zip.finish().map_err(zip_error)?;
    Ok(written)
}

/// A conversation's folder: its name with only letters, digits, `-` and `_` (Slack's
/// channel names), lower-case; its id when nothing is left.
fn folder_name(name: &str, id: i64) -> String {
    let clean: String = name
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect::<String>()
        .trim_matches('-')
        .to_string();
    match clean.is_empty() {
        true => format!("chat-{id}"),
        false => format!("{clean}-{id}"),
    }
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
    emojis::get(emoji)
        .and_then(|e| e.shortcode())
        .map_or_else(|| emoji.to_string(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_names_read_as_slack_writes_them() {
        assert_eq!(ts_from("2026-11-25T10:00:00.000001Z"), "1795600800.000001");
        assert_eq!(next_ts("1795601600.999999"), "1795601601.000000");
        assert_eq!(folder_name("Ops & Deploys", 3), "ops---deploys-3");
        assert_eq!(folder_name("", 4), "chat-4");
        assert_eq!(shortcode("👍"), "+1");
        assert_eq!(shortcode("x"), "x");
    }
}
