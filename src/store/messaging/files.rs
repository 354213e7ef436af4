//! The `files` and `message_files` tables (the bytes live in the media directory).

use crate::store::engine::sql::{IdList, Row};
use crate::store::messaging::thumbnails;
use crate::store::{Conn, Dialect, StoreError, StoreResult, Tx};
use std::collections::HashMap;

pub use crate::model::FileMeta;

const COLUMNS: &str =
    "f.id, f.owner_id, f.filename, f.content_type, f.size, f.sha256, f.created_at";

fn from_row(r: &Row<'_>) -> StoreResult<FileMeta> {
    Ok(FileMeta {
        id: r.get(0)?,
        owner_id: r.get(1)?,
        filename: r.get(2)?,
        content_type: r.get(3)?,
        size: r.get(4)?,
        sha256: r.get(5)?,
        created_at: r.get(6)?,
        image: None,
    })
}

/// Attachments of a message, by file id.
pub fn for_message(c: &Conn, message_id: i64) -> StoreResult<Vec<FileMeta>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM message_files mf JOIN files f ON f.id = mf.file_id
         WHERE mf.message_id = ?1 ORDER BY f.id"
    );
    let mut files = c.all(&sql, &[&message_id], from_row)?;
    thumbnails::fill(c, &mut files)?;
    Ok(files)
}

/// Attachments of several messages in one query (a page of history), by message id;
/// messages without attachments are absent.
pub fn for_messages(c: &Conn, message_ids: &[i64]) -> StoreResult<HashMap<i64, Vec<FileMeta>>> {
    let sql = format!(
        "SELECT {COLUMNS}, mf.message_id FROM message_files mf JOIN files f ON f.id = mf.file_id
         WHERE mf.message_id IN rarray(?1) ORDER BY mf.message_id, f.id"
    );
    let mut out: HashMap<i64, Vec<FileMeta>> = HashMap::new();
    c.each(&sql, &[&IdList::new(message_ids)], |row| {
        // The message id follows the file columns `from_row` reads.
        let message_id: i64 = row.get(7)?;
        out.entry(message_id).or_default().push(from_row(row)?);
        Ok::<_, StoreError>(())
    })?;
    // Images' sizes and thumbnails in one more query, only when the page has an image.
    let images: Vec<i64> = out
        .values()
        .flatten()
        .filter(|f| f.content_type.starts_with("image/"))
        .map(|f| f.id)
        .collect();
    if !images.is_empty() {
        let known = thumbnails::of_files(c, &images)?;
        for f in out.values_mut().flatten() {
            f.image = known.get(&f.id).cloned();
        }
    }
    Ok(out)
}

/// The file with this id.
pub fn by_id(c: &Conn, id: i64) -> StoreResult<Option<FileMeta>> {
    let sql = format!("SELECT {COLUMNS} FROM files f WHERE f.id = ?1");
    let Some(file) = c.opt(&sql, &[&id], from_row)? else {
        return Ok(None);
    };
    let mut one = [file];
    thumbnails::fill(c, &mut one)?;
    let [file] = one;
    Ok(Some(file))
}

/// Links a file to a message.
pub fn attach(c: &Conn, message_id: i64, file_id: i64) -> StoreResult<()> {
    c.exec(
        "INSERT INTO message_files (message_id, file_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        &[&message_id, &file_id],
    )?;
    Ok(())
}

/// Records an uploaded file whose bytes are already in the media directory.
pub fn insert(
    c: &Conn,
    owner_id: i64,
    filename: &str,
    content_type: &str,
    size: i64,
    sha256: &str,
    now: &str,
) -> StoreResult<FileMeta> {
    let id = c.one(
        "INSERT INTO files (owner_id, filename, content_type, size, sha256, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        &[&owner_id, &filename, &content_type, &size, &sha256, &now],
        |r| r.get(0),
    )?;
    Ok(FileMeta {
        id,
        owner_id: Some(owner_id),
        filename: filename.to_string(),
        content_type: content_type.to_string(),
        size,
        sha256: sha256.to_string(),
        created_at: now.to_string(),
        image: None,
    })
}

/// Whether `user_id` is a member of a chat where the file is attached to a live message.
pub fn attached_in_chat_of(c: &Conn, file_id: i64, user_id: i64) -> StoreResult<bool> {
    c.one(
        "SELECT EXISTS (SELECT 1 FROM message_files mf
         JOIN messages m ON m.id = mf.message_id AND m.deleted_at IS NULL
         JOIN chat_members cm ON cm.chat_id = m.chat_id AND cm.user_id = ?2
         WHERE mf.file_id = ?1)",
        &[&file_id, &user_id],
        |r| r.get(0),
    )
}

/// Whether the file was shared at all: attached to a live message, its uploader's profile
/// image, or a live chat's picture (`path` and `other_path` its two download paths).
pub fn is_shared(c: &Conn, file_id: i64, path: &str, other_path: &str) -> StoreResult<bool> {
    c.one(
        "SELECT EXISTS (SELECT 1 FROM message_files mf
             JOIN messages m ON m.id = mf.message_id AND m.deleted_at IS NULL
             WHERE mf.file_id = ?1)
         OR EXISTS (SELECT 1 FROM files f JOIN users u ON u.id = f.owner_id
             WHERE f.id = ?1 AND u.image IN (?2, ?3))
         OR EXISTS (SELECT 1 FROM chats ch WHERE ch.removed_at IS NULL AND ch.image IN (?2, ?3))",
        &[&file_id, &path, &other_path],
        |r| r.get(0),
    )
}

/// Whether the file's uploader has `image` set to one of the two paths that name it
/// (one primary-key probe of each table).
pub fn is_owners_profile_image(
    c: &Conn,
    file_id: i64,
    path: &str,
    other_path: &str,
) -> StoreResult<bool> {
    c.one(
        "SELECT EXISTS (SELECT 1 FROM files f JOIN users u ON u.id = f.owner_id
         WHERE f.id = ?1 AND u.image IN (?2, ?3))",
        &[&file_id, &path, &other_path],
        |r| r.get(0),
    )
}

/// Whether the file whose download paths are `path` and `other_path` is the picture of a
/// chat `user_id` may see: one they are in, or a public room (whose picture the room
/// directory shows to everyone).
pub fn is_picture_of_chat_for(
    c: &Conn,
    path: &str,
    other_path: &str,
    user_id: i64,
) -> StoreResult<bool> {
    c.one(
        "SELECT EXISTS (SELECT 1 FROM chats ch WHERE ch.removed_at IS NULL
         AND ch.image IN (?1, ?2)
         AND ((ch.kind = 'room' AND ch.is_private = 0)
              OR EXISTS (SELECT 1 FROM chat_members m WHERE m.chat_id = ch.id AND m.user_id = ?3)))",
        &[&path, &other_path, &user_id],
        |r| r.get(0),
    )
}

/// What makes a file kept without a message: its uploader's profile `image` names it by
/// its download path, with or without the slash (`domain::uploads::files::profile_image_paths`),
/// or a chat's picture does.
const NOT_A_PROFILE_IMAGE: &str = "NOT EXISTS (SELECT 1 FROM users u WHERE u.id = f.owner_id
         AND u.image IN ('/api/files/' || f.id || '/download/', '/api/files/' || f.id || '/download'))
         AND NOT EXISTS (SELECT 1 FROM chats ch WHERE ch.removed_at IS NULL
         AND ch.image IN ('/api/files/' || f.id || '/download/', '/api/files/' || f.id || '/download'))";

/// What keeps a file its uploader may have sent encrypted: an encrypted message they
/// sent after the upload, whose content names its files where natter cannot read them
/// (a Matrix app uploads an encrypted room's file, then sends it inside the ciphertext).
const NOT_SENT_SEALED: &str = "NOT EXISTS (SELECT 1 FROM messages m
         WHERE m.sealed IS NOT NULL AND m.sender_id = f.owner_id AND m.created_at >= f.created_at)";

/// Up to `limit` files made before `before` that no message holds and that are not their
/// uploader's profile image, oldest first.
pub fn unattached_before(c: &Conn, before: &str, limit: i64) -> StoreResult<Vec<i64>> {
    let sql = format!(
        "SELECT f.id FROM files f
         WHERE f.created_at < ?1
           AND NOT EXISTS (SELECT 1 FROM message_files mf WHERE mf.file_id = f.id)
           AND {NOT_A_PROFILE_IMAGE} AND {NOT_SENT_SEALED}
         ORDER BY f.id LIMIT ?2"
    );
    c.all(&sql, &[&before, &limit], |r| r.get(0))
}

/// Deletes those of `ids` that are still made before `before`, held by no message and
/// not a profile image; returns the sha256 of each row deleted. On PostgreSQL the rows
/// are locked first, skipping any that a send is attaching, and checked by a later
/// statement, which sees every send committed meanwhile: a file attached while it was
/// being removed would otherwise lose its attachment by the cascade.
pub fn delete_unattached(c: &Tx, ids: &[i64], before: &str) -> StoreResult<Vec<String>> {
    let ids = if c.dialect() == Dialect::Postgres {
        c.all(
            "SELECT id FROM files WHERE id IN rarray(?1) ORDER BY id FOR UPDATE SKIP LOCKED",
            &[&IdList::new(ids)],
            |r| r.get(0),
        )?
    } else {
        ids.to_vec()
    };
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "DELETE FROM files AS f
         WHERE f.id IN rarray(?1) AND f.created_at < ?2
           AND NOT EXISTS (SELECT 1 FROM message_files mf WHERE mf.file_id = f.id)
           AND {NOT_A_PROFILE_IMAGE} AND {NOT_SENT_SEALED}
         RETURNING sha256"
    );
    c.all(&sql, &[&IdList::new(&ids), &before], |r| r.get(0))
}

/// Whether any file row still names this content.
pub fn content_in_use(c: &Conn, sha256: &str) -> StoreResult<bool> {
    c.one(
        "SELECT EXISTS (SELECT 1 FROM files WHERE sha256 = ?1)",
        &[&sha256],
        |r| r.get(0),
    )
}

/// Up to `limit` of the files `owner_id` uploaded, by id, after `after`: an export
/// reads them a batch per read job.
pub fn of_owner(c: &Conn, owner_id: i64, after: i64, limit: i64) -> StoreResult<Vec<FileMeta>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM files f WHERE f.owner_id = ?1 AND f.id > ?2 ORDER BY f.id LIMIT ?3"
    );
    c.all(&sql, &[&owner_id, &after, &limit], from_row)
}
