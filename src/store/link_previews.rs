//! Link previews' tables (step 37): the work sends leave (`link_previews_owed`, claimed
//! for a lease like the other outboxes), what each URL showed when last fetched
//! (`link_previews`, shared by every chat until it expires, with natter's small copy of
//! its picture), and a message's previews as shown (`messages.previews`).

use crate::store::engine::owed_pending::OWED;
use crate::store::{Conn, StoreResult, Tx};

/// Owes `message_id` its previews, due at `due_at` (unix ms); once.
/// On SQLite's writer the row is written with the group's others before it commits
/// (`engine::owed_pending`).
pub fn owe(c: &Tx, message_id: i64, due_at: i64) -> StoreResult<()> {
    let Some((message_id, due_at)) = OWED.hold((message_id, due_at)) else {
        return Ok(());
    };
    c.exec(
        "INSERT INTO link_previews_owed (message_id, due_at) VALUES (?1, ?2)
         ON CONFLICT DO NOTHING",
        &[&message_id, &due_at],
    )?;
    Ok(())
}

/// Whether some message's previews are due at `now` and not claimed by a live node.
pub fn any_due(c: &Conn, now: i64) -> StoreResult<bool> {
    Ok(c.opt(
        "SELECT 1 FROM link_previews_owed
             WHERE due_at <= ?1 AND (claimed_until IS NULL OR claimed_until < ?1) LIMIT 1",
        &[&now],
        |_| Ok(()),
    )?
    .is_some())
}

/// How many messages are owed previews (waiting or being made): `/metrics`' queue.
pub fn owed_count(c: &Conn) -> StoreResult<i64> {
    c.one("SELECT COUNT(*) FROM link_previews_owed", &[], |r| r.get(0))
}

/// A message whose previews a node claimed.
#[derive(Debug, Clone)]
pub struct Owed {
    pub message_id: i64,
    pub attempts: i64,
}

/// Claims up to `limit` due messages for `node` until `until`, fairly between senders:
/// a sender's messages are claimed only while fewer than `per_sender` of theirs are
/// claimed (on any node), and the senders' first due messages come before anyone's
/// second, so one person's slow links hold up only their own previews. The condition is
/// checked again on the row as PostgreSQL locked it, so two nodes never both claim one.
pub fn claim_fairly(
    c: &Tx,
    node: &str,
    now: i64,
    until: i64,
    limit: i64,
    per_sender: i64,
) -> StoreResult<Vec<Owed>> {
    c.all(
        "UPDATE link_previews_owed SET claimed_by = ?1, claimed_until = ?3
         WHERE message_id IN (
             SELECT message_id FROM (
                 SELECT o.message_id, o.due_at, m.sender_id,
                        ROW_NUMBER() OVER (PARTITION BY COALESCE(m.sender_id, -o.message_id)
                                           ORDER BY o.due_at, o.message_id) AS nth
                 FROM link_previews_owed o LEFT JOIN messages m ON m.id = o.message_id
                 WHERE o.due_at <= ?2 AND (o.claimed_until IS NULL OR o.claimed_until < ?2)
             ) due
             WHERE due.nth + (SELECT COUNT(*) FROM link_previews_owed b
                                  JOIN messages bm ON bm.id = b.message_id
                              WHERE bm.sender_id = due.sender_id
                                AND b.claimed_until >= ?2) <= ?5
             ORDER BY due.nth, due.due_at, due.message_id LIMIT ?4)
           AND due_at <= ?2 AND (claimed_until IS NULL OR claimed_until < ?2)
         RETURNING message_id, attempts",
        &[&node, &now, &until, &limit, &per_sender],
        |r| {
            Ok(Owed {
                message_id: r.get(0)?,
                attempts: r.get(1)?,
            })
        },
    )
}

/// The message's previews are done with (written, or given up).
pub fn done(c: &Conn, message_id: i64) -> StoreResult<()> {
    c.exec(
        "DELETE FROM link_previews_owed WHERE message_id = ?1",
        &[&message_id],
    )?;
    Ok(())
}

/// The message's previews failed for now and are tried again at `due_at`.
pub fn retry_at(c: &Conn, message_id: i64, due_at: i64) -> StoreResult<()> {
    c.exec(
        "UPDATE link_previews_owed SET attempts = attempts + 1, due_at = ?2,
             claimed_by = NULL, claimed_until = NULL
         WHERE message_id = ?1",
        &[&message_id, &due_at],
    )?;
    Ok(())
}

/// Releases the claims `node` held (it is starting again), or, with `all`, every claim
/// (a server alone on its database).
pub fn release_claims(c: &Conn, node: &str, all: bool) -> StoreResult<()> {
    if all {
        c.exec(
            "UPDATE link_previews_owed SET claimed_by = NULL, claimed_until = NULL
             WHERE claimed_by IS NOT NULL",
            &[],
        )?;
    } else {
        c.exec(
            "UPDATE link_previews_owed SET claimed_by = NULL, claimed_until = NULL
             WHERE claimed_by = ?1",
            &[&node],
        )?;
    }
    Ok(())
}

/// What a URL showed when last fetched.
#[derive(Debug, Clone)]
pub struct Cached {
    pub id: i64,
    pub url: String,
    /// Whether there is anything to show (a failed fetch is kept too, until it expires).
    pub found: bool,
    pub title: String,
    pub description: String,
    pub site_name: String,
    pub image_key: String,
    /// The picture's size, when there is one.
    pub image_size: Option<(i64, i64)>,
}

const CACHED: &str = "id, url, found, title, description, site_name, image_key, image_width, \
                      image_height";

fn cached_from(r: &crate::store::engine::sql::Row<'_>) -> StoreResult<Cached> {
    let width: Option<i64> = r.get(7)?;
    let height: Option<i64> = r.get(8)?;
    let found: i64 = r.get(2)?;
    Ok(Cached {
        id: r.get(0)?,
        url: r.get(1)?,
        found: found != 0,
        title: r.get(3)?,
        description: r.get(4)?,
        site_name: r.get(5)?,
        image_key: r.get(6)?,
        image_size: width.zip(height),
    })
}

/// What `url` showed, if it was fetched and has not expired at `now`.
pub fn fresh(c: &Conn, url: &str, now: i64) -> StoreResult<Option<Cached>> {
    c.opt(
        &format!("SELECT {CACHED} FROM link_previews WHERE url = ?1 AND expires_at > ?2"),
        &[&url, &now],
        cached_from,
    )
}

/// A fetch's result, to keep.
pub struct Fetched<'a> {
    pub url: &'a str,
    pub found: bool,
    pub title: &'a str,
    pub description: &'a str,
    pub site_name: &'a str,
    /// The key a new row's picture is served under (a row keeps its first one).
    pub image_key: &'a str,
    /// The picture: its media type, width, height and bytes.
    pub image: Option<(&'a str, i64, i64, &'a [u8])>,
}

/// Keeps what `f.url` showed at `now` until `expires_at`, replacing what it showed
/// before; the row as kept.
pub fn keep(c: &Tx, f: &Fetched<'_>, now: i64, expires_at: i64) -> StoreResult<Cached> {
    let (image_type, width, height, bytes) = match f.image {
        Some((t, w, h, b)) => (Some(t), Some(w), Some(h), Some(b.to_vec())),
        None => (None, None, None, None),
    };
    let found = i64::from(f.found);
    c.one(
        &format!(
            "INSERT INTO link_previews (url, fetched_at, expires_at, found, title, description,
                 site_name, image_key, image_type, image_width, image_height, image)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (url) DO UPDATE SET fetched_at = excluded.fetched_at,
                 expires_at = excluded.expires_at, found = excluded.found,
                 title = excluded.title, description = excluded.description,
                 site_name = excluded.site_name, image_type = excluded.image_type,
                 image_width = excluded.image_width, image_height = excluded.image_height,
                 image = excluded.image
             RETURNING {CACHED}"
        ),
        &[
            &f.url,
            &now,
            &expires_at,
            &found,
            &f.title,
            &f.description,
            &f.site_name,
            &f.image_key,
            &image_type,
            &width,
            &height,
            &bytes,
        ],
        cached_from,
    )
}

/// The picture kept under `key`: its media type and bytes.
pub fn image(c: &Conn, key: &str) -> StoreResult<Option<(String, Vec<u8>)>> {
    c.opt(
        "SELECT image_type, image FROM link_previews
         WHERE image_key = ?1 AND image_type IS NOT NULL AND image IS NOT NULL",
        &[&key],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// A message as its previews are made from: its chat, sender, text, whether it is
/// removed, and its previews as shown (None: none yet).
#[derive(Debug, Clone)]
pub struct MessageLinks {
    pub chat_id: i64,
    pub sender_id: Option<i64>,
    pub content: String,
    pub removed: bool,
    pub previews: Option<String>,
}

/// The live message `message_id`, None when it is gone (deleted, or never was).
pub fn message(c: &Conn, message_id: i64) -> StoreResult<Option<MessageLinks>> {
    c.opt(
        "SELECT chat_id, sender_id, content, removed_at IS NOT NULL, previews FROM messages
         WHERE id = ?1 AND deleted_at IS NULL",
        &[&message_id],
        |r| {
            Ok(MessageLinks {
                chat_id: r.get(0)?,
                sender_id: r.get(1)?,
                content: r.get(2)?,
                removed: r.get(3)?,
                previews: r.get(4)?,
            })
        },
    )
}

/// Shows `previews` (a JSON list; None for none) on the message.
pub fn set_message_previews(c: &Conn, message_id: i64, previews: Option<&str>) -> StoreResult<()> {
    c.exec(
        "UPDATE messages SET previews = ?2 WHERE id = ?1",
        &[&message_id, &previews],
    )?;
    Ok(())
}
