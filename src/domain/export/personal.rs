//! A person's own data, as a zip they download from their account page (the right to
//! data portability): `account.json`, `chats.json` (the chats they are in, with their
//! members), `messages.json` (every message they sent, with its chat and time) and
//! `files/` (what they uploaded). Files go in up to [`FILE_BYTES`] in all; past that the
//! rest are listed in `files.json` with their download links, so a heavy uploader's
//! export never holds gigabytes in memory.

use crate::domain::error::{Error, Result};
use crate::domain::files::path_of;
use crate::state::App;
use crate::store::{self, Conn};
use serde_json::{json, Value};
use std::io::Write;

/// File contents put in one export, in all.
pub const FILE_BYTES: u64 = 200 * 1024 * 1024;

/// Messages read per database trip.
const BATCH: i64 = 5_000;

/// The zip of `user_id`'s data; links start with `site`.
pub async fn export(app: &App, user_id: i64, site: String) -> Result<Vec<u8>> {
    let media = app.config.media_dir.clone();
    app.db.read(move |c| write(c, user_id, &site, &media)).await
}

fn zip_error(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("the export could not be written: {e}"))
}

fn write(c: &Conn, user_id: i64, site: &str, media: &std::path::Path) -> Result<Vec<u8>> {
    let user = store::users::by_id(c, user_id)?
        .ok_or(Error::NotFound(crate::domain::error::Missing::Caller))?;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let put = |zip: &mut zip::ZipWriter<std::io::Cursor<Vec<u8>>>, name: &str, value: &Value| {
        zip.start_file(name, options).map_err(zip_error)?;
        let bytes = serde_json::to_vec_pretty(value).map_err(zip_error)?;
        zip.write_all(&bytes).map_err(zip_error)
    };
    put(
        &mut zip,
        "account.json",
        &json!({
            "id": user.id, "username": user.username, "email": user.email,
            "display_name": user.display_name, "bio": user.bio, "image": user.image,
            "is_admin": user.is_admin, "created_at": user.created_at,
            "last_seen_at": user.last_seen_at,
        }),
    )?;
    let mut chats = Vec::new();
    for chat in store::chats::all_live(c)? {
        let members = store::chats::members(c, chat.id)?;
        if !members.iter().any(|m| m.user_id == user_id) {
            continue;
        }
        let names: Vec<Value> = members
            .iter()
            .map(|m| {
                let name = store::users::by_id(c, m.user_id)
                    .ok()
                    .flatten()
                    .map(|u| u.username);
                json!({"id": m.user_id, "username": name, "joined_at": m.joined_at})
            })
            .collect();
        chats.push(json!({
            "id": chat.id, "kind": chat.kind.as_str(), "title": chat.title,
            "description": chat.description, "created_at": chat.created_at, "members": names,
        }));
    }
    put(&mut zip, "chats.json", &Value::Array(chats))?;
    let mut messages = Vec::new();
    let mut after = 0;
    loop {
        let rows = store::messages::by_sender(c, user_id, after, BATCH)?;
        let Some(last) = rows.last() else { break };
        after = last.id;
        for m in &rows {
            messages.push(json!({
                "id": m.id, "chat": m.chat_id, "content": m.content,
                "created_at": m.created_at, "edited_at": m.edited_at,
                "reply_to": m.threading.reply_to, "thread_id": m.threading.thread_id,
            }));
        }
    }
    put(&mut zip, "messages.json", &Value::Array(messages))?;
    let mut listed = Vec::new();
    let mut included: u64 = 0;
    for f in store::files::of_owner(c, user_id)? {
        let link = format!("{site}/api/files/{}/download/", f.id);
        let name = format!("files/{}-{}", f.id, f.filename);
        let size = u64::try_from(f.size).unwrap_or(u64::MAX);
        let inside = included.saturating_add(size) <= FILE_BYTES
            && std::fs::read(path_of(media, &f.sha256)?)
                .ok()
                .map(|bytes| -> Result<()> {
                    zip.start_file(name.as_str(), options).map_err(zip_error)?;
                    zip.write_all(&bytes).map_err(zip_error)
                })
                .transpose()?
                .is_some();
        if inside {
            included += size;
        }
        listed.push(json!({
            "id": f.id, "name": f.filename, "content_type": f.content_type, "size": f.size,
            "created_at": f.created_at, "url": link,
            "in_this_zip": if inside { Value::from(name) } else { Value::Null },
        }));
    }
    put(&mut zip, "files.json", &Value::Array(listed))?;
    Ok(zip.finish().map_err(zip_error)?.into_inner())
}
