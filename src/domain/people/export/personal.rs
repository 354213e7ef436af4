//! A person's own data, as a zip they download from their account page (the right to
//! data portability): `account.json` (with their status, time zone and quiet hours),
//! `chats.json` (the chats they are in, with their
//! members and pinned messages), `messages.json` (every message they sent, with its chat
//! and time), `saved.json` (the messages they saved, with their reminders; the text only
//! of those they can still read), `scheduled.json` (the messages they scheduled to send
//! later, with their state), `files/` (what they uploaded) and `custom_emoji.json`
//! (the emoji they added). Files go in up to [`FILE_BYTES`] in all; past that the
//! rest are listed in `files.json` with their download links, so a heavy uploader's
//! export stays a bounded file.
//!
//! The rows are read in short read jobs and the zip is written to an unnamed file in the
//! media folder by [`Archive`], then streamed from there: an export holds no reader
//! thread for longer than one batch, and its memory does not grow with the data. Each
//! person has one export at a time and the server `--exports-at-once` (429 with
//! `Retry-After` past either); a server that stops does not wait for one.

use super::archive::Archive;
use crate::domain::error::{Error, Missing, Result};
use crate::domain::uploads::files::path_of;
use crate::domain::uploads::storage;
use crate::hub::Hub;
use crate::kit::caps::Slot;
use crate::model::FileMeta;
use crate::state::App;
use crate::store;
use bytes::Bytes;
use futures_util::Stream;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::sync::Arc;

/// File contents put in one export, in all.
pub const FILE_BYTES: u64 = 200 * 1024 * 1024;

/// Messages read per database trip (about 2 ms on SQLite).
const BATCH: i64 = 5_000;

/// Files read per database trip.
const FILE_BATCH: i64 = 500;

/// What a refused export asks the client to wait, in seconds: a few tens of MiB take a
/// second or two to write, and the download as long as the client takes.
pub const RETRY_SECS: u64 = 10;

/// A finished export: the zip's file, open, and the places it holds until it is sent.
pub struct Download {
    file: std::fs::File,
    /// The zip's length in bytes.
    pub len: u64,
    hub: Arc<Hub>,
    /// The person's place and the server's, given back when the zip is sent or dropped.
    places: (Slot<i64>, Slot<()>),
}

/// The zip of `user_id`'s data; links start with `site`. `Throttled` when the person
/// has an export under way or the server as many as it makes at once.
pub async fn export(app: &App, user_id: i64, site: String) -> Result<Download> {
    let mine = app
        .exports_per_person
        .try_take(user_id)
        .ok_or(Error::Throttled(RETRY_SECS))?;
    let server = app
        .exports_at_once
        .try_take(())
        .ok_or(Error::Throttled(RETRY_SECS))?;
    let media = app.config.media_dir.clone();
    let file = tokio::task::spawn_blocking(move || temp_file(&media))
        .await
        .map_err(|e| Error::Internal(format!("export task: {e}")))??;
    let zip = Archive::new(file, app.hub.clone());
    let zip = write(app, zip, user_id, &site).await?;
    let (file, len) = zip.finish().await?;
    Ok(Download {
        file,
        len,
        hub: app.hub.clone(),
        places: (mine, server),
    })
}

/// A new file in the media folder (the disk uploads are on, not a `/tmp` that may be
/// memory), its name removed at once: only this export can reach it, and its space
/// comes back when it is closed, however the process ends (only a kill in the instant
/// between making and removing the name would leave a `.export-*` file).
fn temp_file(media: &std::path::Path) -> Result<std::fs::File> {
    let failed = |e: std::io::Error| {
        Error::Internal(format!(
            "cannot write an export in --media-dir {}: {e}",
            media.display()
        ))
    };
    crate::kit::private_files::create_dir_all(media).map_err(failed)?;
    let path = media.join(format!(".export-{}", crate::kit::random::random_hex(16)));
    let file = crate::kit::private_files::open(
        &path,
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true),
    )
    .map_err(failed)?;
    std::fs::remove_file(&path).map_err(failed)?;
    Ok(file)
}

/// Every part of the zip, each read in short jobs and written on a blocking thread.
async fn write(app: &App, zip: Box<Archive>, user_id: i64, site: &str) -> Result<Box<Archive>> {
    let user = app
        .db
        .read(move |c| store::people::users::by_id(c, user_id))
        .await?
        .ok_or(Error::NotFound(Missing::Caller))?;
    let status = app
        .db
        .read(move |c| store::people::status::of(c, user_id))
        .await?
        .unwrap_or_default();
    let language = app
        .db
        .read(move |c| store::people::language::of(c, user_id))
        .await?;
    let stamp = |ms: Option<i64>| {
        ms.and_then(chrono::DateTime::from_timestamp_millis)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
    };
    let account = json!({
        "id": user.id, "username": user.username, "email": user.email,
        "display_name": user.display_name, "bio": user.bio, "image": user.image,
        "is_admin": user.is_admin, "created_at": user.created_at,
        "last_seen_at": user.last_seen_at,
        // Their status, time zone and quiet hours, as they set them.
        "status": {"emoji": status.emoji, "text": status.text, "expires_at": stamp(status.ends_at),
                   "appear_away": status.appear_away},
        "time_zone": status.time_zone,
        "quiet_hours": crate::domain::status::quiet::to_json(
            &crate::domain::status::quiet::from_stored(&status.quiet_hours)),
        "paused_until": stamp(status.paused_until),
        // The language they chose (null: their browser's).
        "language": language,
    });
    let (zip, ()) = zip.run(move |z| z.json("account.json", &account)).await?;
    let zip = chats(app, zip, user_id).await?;
    let zip = messages(app, zip, user_id).await?;
    let zip = saved(app, zip, user_id).await?;
    let zip = scheduled(app, zip, user_id).await?;
    let zip = files(app, zip, user_id, site).await?;
    let zip = custom_emoji(app, zip, user_id, site).await?;
    user_groups(app, zip, user_id).await
}

/// `user_groups.json`: the user groups the person is in.
async fn user_groups(app: &App, zip: Box<Archive>, user_id: i64) -> Result<Box<Archive>> {
    let groups = app
        .db
        .read(move |c| store::user_groups::of_member(c, user_id))
        .await?;
    let list: Vec<Value> = groups
        .iter()
        .map(|g| json!({"handle": g.handle, "name": g.name, "description": g.description}))
        .collect();
    let list = Value::from(list);
    Ok(zip.run(move |z| z.json("user_groups.json", &list)).await?.0)
}

/// `custom_emoji.json`: the custom emoji the person added, with their image's link.
async fn custom_emoji(
    app: &App,
    zip: Box<Archive>,
    user_id: i64,
    site: &str,
) -> Result<Box<Archive>> {
    let added = app
        .db
        .read(move |c| store::custom_emoji::of_creator(c, user_id))
        .await?;
    let list: Vec<Value> = added
        .iter()
        .map(|e| {
            json!({
                "name": e.name, "created_at": e.created_at,
                "url": format!("{site}/api/emoji/{}/image/", e.id),
            })
        })
        .collect();
    let list = Value::from(list);
    Ok(zip
        .run(move |z| z.json("custom_emoji.json", &list))
        .await?
        .0)
}

/// `chats.json`: the chats the person is in, with their members; one chat per read.
async fn chats(app: &App, zip: Box<Archive>, user_id: i64) -> Result<Box<Archive>> {
    let mut chats = app
        .db
        .read(move |c| store::messaging::chats::for_user(c, user_id, &[]))
        .await?;
    chats.sort_by_key(|c| c.id);
    let (mut zip, ()) = zip.run(|z| z.open_array("chats.json")).await?;
    for chat in chats {
        let id = chat.id;
        let (members, pins) = app
            .db
            .read(move |c| {
                let members = store::messaging::chats::members_with_accounts(c, id)?;
                let pins = store::messaging::pins::of_chat(c, id)?;
                Ok::<_, Error>((members, pins))
            })
            .await?;
        let entry = json!({
            "id": chat.id, "kind": chat.kind.as_str(), "title": chat.title,
            "description": chat.description, "created_at": chat.created_at,
            "members": members
                .iter()
                .map(|(u, m)| json!({"id": u.id, "username": u.username, "joined_at": m.joined_at}))
                .collect::<Vec<_>>(),
            "pinned": pins
                .iter()
                .map(|p| json!({"message": p.message_id, "pinned_by": p.pinned_by, "pinned_at": p.pinned_at}))
                .collect::<Vec<_>>(),
        });
        zip = zip.run(move |z| z.item(&entry)).await?.0;
    }
    Ok(zip.run(|z| z.close_array()).await?.0)
}

/// `messages.json`: every live message the person sent, oldest first.
async fn messages(app: &App, zip: Box<Archive>, user_id: i64) -> Result<Box<Archive>> {
    let (mut zip, ()) = zip.run(|z| z.open_array("messages.json")).await?;
    let mut after = 0;
    loop {
        let rows = app
            .db
            .read(move |c| store::messaging::messages::by_sender(c, user_id, after, BATCH))
            .await?;
        let Some(last) = rows.last() else { break };
        after = last.id;
        zip = zip
            .run(move |z| {
                for m in &rows {
                    z.item(&json!({
                        "id": m.id, "chat": m.chat_id, "content": m.content,
                        "created_at": m.created_at, "edited_at": m.edited_at,
                        "reply_to": m.threading.reply_to, "thread_id": m.threading.thread_id,
                    }))?;
                }
                Ok(())
            })
            .await?
            .0;
    }
    Ok(zip.run(|z| z.close_array()).await?.0)
}

/// `scheduled.json`: the messages the person scheduled, waiting ones first, each with its
/// chat, time, state and what it became (their own text: they wrote it).
async fn scheduled(app: &App, zip: Box<Archive>, user_id: i64) -> Result<Box<Archive>> {
    let items = app
        .db
        .read(move |c| {
            let rows = store::messaging::scheduled::of_sender(c, user_id, i64::MAX)?;
            Ok::<_, Error>(
                rows.into_iter()
                    .map(|row| {
                        json!({
                            "id": row.id, "chat": row.chat_id, "content": row.content,
                            "reply_to": row.reply_to_id, "thread": row.thread_id,
                            "send_at": chrono::DateTime::from_timestamp_millis(row.send_at)
                                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)),
                            "state": row.state, "message": row.message_id,
                            "failure": row.failure, "created_at": row.created_at,
                        })
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .await?;
    let (zip, ()) = zip
        .run(move |z| z.json("scheduled.json", &Value::Array(items)))
        .await?;
    Ok(zip)
}

/// `saved.json`: the messages the person saved, most recently saved first, each with its
/// reminder; the text only while they are in its chat and it is there.
async fn saved(app: &App, zip: Box<Archive>, user_id: i64) -> Result<Box<Archive>> {
    let items =
        app.db
            .read(move |c| {
                let rows = store::messaging::saved::of_user(c, user_id, None, i64::MAX)?;
                let mut out = Vec::with_capacity(rows.len());
                for row in rows {
                    let member = match row.chat_id {
                        Some(chat) => store::messaging::chats::member(c, chat, user_id)?.is_some(),
                        None => false,
                    };
                    let message = match member {
                        true => store::messaging::messages::by_id(c, row.message_id)?
                            .filter(|m| !m.removed),
                        false => None,
                    };
                    out.push(json!({
                        "message": row.message_id, "chat": row.chat_id, "saved_at": row.saved_at,
                        "remind_at": row.remind_at.and_then(chrono::DateTime::from_timestamp_millis)
                            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)),
                        "reminded_at": row.reminded_at,
                        "content": message.map(|m| m.content),
                    }));
                }
                Ok::<_, Error>(out)
            })
            .await?;
    let (zip, ()) = zip
        .run(move |z| z.json("saved.json", &Value::Array(items)))
        .await?;
    Ok(zip)
}

/// The uploads under `files/` (up to [`FILE_BYTES`], while the disk keeps
/// `--min-free-disk-mb` free), then `files.json` listing every one with its link.
async fn files(app: &App, mut zip: Box<Archive>, user_id: i64, site: &str) -> Result<Box<Archive>> {
    let mut inside: HashSet<i64> = HashSet::new();
    let mut bytes: u64 = 0;
    let mut after = 0;
    while let Some(batch) = file_batch(app, user_id, &mut after).await? {
        let config = app.config.clone();
        let (next, (ids, total)) = zip
            .run(move |z| {
                let mut ids = Vec::new();
                let mut total = bytes;
                for f in &batch {
                    let size = u64::try_from(f.size).unwrap_or(u64::MAX);
                    if total.saturating_add(size) > FILE_BYTES
                        || storage::check_disk(&config, &config.media_dir, size).is_err()
                    {
                        continue;
                    }
                    let Ok(mut content) =
                        std::fs::File::open(path_of(&config.media_dir, &f.sha256)?)
                    else {
                        continue;
                    };
                    if z.copy(&entry_name(f), &mut content)? {
                        ids.push(f.id);
                        total += size;
                    }
                }
                Ok((ids, total))
            })
            .await?;
        zip = next;
        inside.extend(ids);
        bytes = total;
    }
    let (mut zip, ()) = zip.run(|z| z.open_array("files.json")).await?;
    let inside = Arc::new(inside);
    let mut after = 0;
    while let Some(batch) = file_batch(app, user_id, &mut after).await? {
        let (inside, site) = (inside.clone(), site.to_string());
        zip = zip
            .run(move |z| {
                for f in &batch {
                    let name = entry_name(f);
                    z.item(&json!({
                        "id": f.id, "name": f.filename, "content_type": f.content_type,
                        "size": f.size, "created_at": f.created_at,
                        "url": format!("{site}/api/files/{}/download/", f.id),
                        "in_this_zip": if inside.contains(&f.id) { Value::from(name) } else { Value::Null },
                    }))?;
                }
                Ok(())
            })
            .await?
            .0;
    }
    Ok(zip.run(|z| z.close_array()).await?.0)
}

/// The person's next files after `after` (moved on), `None` past the last.
async fn file_batch(app: &App, user_id: i64, after: &mut i64) -> Result<Option<Vec<FileMeta>>> {
    let from = *after;
    let rows = app
        .db
        .read(move |c| store::messaging::files::of_owner(c, user_id, from, FILE_BATCH))
        .await?;
    Ok(rows.last().map(|last| last.id).map(|last| {
        *after = last;
        rows
    }))
}

/// Where an upload goes in the zip.
fn entry_name(f: &FileMeta) -> String {
    format!("files/{}-{}", f.id, f.filename)
}

impl Download {
    /// The zip's bytes, read from its file as the client takes them. The stream ends
    /// with an error (the client sees a cut download, never a short zip taken for a
    /// whole one) once the server begins to stop, so a stop does not wait for a slow
    /// download. The places it holds are given back when the stream is dropped.
    pub fn into_stream(self) -> impl Stream<Item = std::io::Result<Bytes>> + Send + 'static {
        use futures_util::StreamExt;
        let chunks = tokio_util::io::ReaderStream::with_capacity(
            tokio::fs::File::from_std(self.file),
            64 * 1024,
        );
        let stopping = Box::pin(self.hub.stopping());
        let state = (chunks, stopping, self.places);
        futures_util::stream::unfold(Some(state), |state| async move {
            let (mut chunks, mut stopping, places) = state?;
            // The stop first: a piece already read must not win the draw each time.
            let next = tokio::select! {
                biased;
                () = &mut stopping => Some(Err(std::io::Error::other("the server is stopping"))),
                next = chunks.next() => next,
            };
            match next {
                Some(Ok(chunk)) => Some((Ok(chunk), Some((chunks, stopping, places)))),
                Some(Err(e)) => Some((Err(e), None)),
                None => None,
            }
        })
    }
}
