//! `import_keys`: what each import brought in, by the source's own ids, so an import run
//! again adds nothing twice and resumes where a stopped run ended.

use crate::store::{Conn, StoreResult};

/// What natter made of `key` (a `kind` of thing of `source`), if it was imported.
pub fn natter_id(c: &Conn, source: &str, kind: &str, key: &str) -> StoreResult<Option<i64>> {
    c.opt(
        "SELECT natter_id FROM import_keys WHERE source = ?1 AND kind = ?2 AND key = ?3",
        &[&source, &kind, &key],
        |r| r.get(0),
    )
}

/// Notes that `key` of `source` became `natter_id`. A chat brought in also leaves an
/// `import_notices` row, so running servers tell its members' open sockets.
pub fn note(c: &Conn, source: &str, kind: &str, key: &str, natter_id: i64) -> StoreResult<()> {
    c.exec(
        "INSERT INTO import_keys (source, kind, key, natter_id) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (source, kind, key) DO UPDATE SET natter_id = excluded.natter_id",
        &[&source, &kind, &key, &natter_id],
    )?;
    if kind == "chat" {
        crate::store::import_notices::insert(c, natter_id)?;
    }
    Ok(())
}

/// Whether anything was imported under `source`.
pub fn used(c: &Conn, source: &str) -> StoreResult<bool> {
    c.one(
        "SELECT EXISTS (SELECT 1 FROM import_keys WHERE source = ?1)",
        &[&source],
        |r| r.get(0),
    )
}

/// How many things of `kind` were imported from `source`.
pub fn count(c: &Conn, source: &str, kind: &str) -> StoreResult<i64> {
    c.one(
        "SELECT count(*) FROM import_keys WHERE source = ?1 AND kind = ?2",
        &[&source, &kind],
        |r| r.get(0),
    )
}

/// A table whose new row an import may give the source's own id ([`place`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placed {
    Users,
    Chats,
}

/// Gives the row `id` of `table`, inserted by this transaction and referenced by nothing
/// yet, the id `wanted` when no row has it; otherwise an id above both every row's and
/// `floor` (the source's largest id), so that the rows after it can still keep theirs.
/// On PostgreSQL ids come from sequences, which a moved id would collide with later:
/// there the row keeps the id it was given. Returns the row's id.
pub fn place(
    c: &Conn,
    table: Placed,
    id: i64,
    wanted: Option<i64>,
    floor: i64,
) -> StoreResult<i64> {
    if c.dialect() == crate::store::Dialect::Postgres {
        return Ok(id);
    }
    let (taken, largest, moved) = match table {
        Placed::Users => (
            "SELECT count(*) FROM users WHERE id = ?1",
            "SELECT coalesce(max(id), 0) FROM users",
            "UPDATE users SET id = ?2 WHERE id = ?1",
        ),
        Placed::Chats => (
            "SELECT count(*) FROM chats WHERE id = ?1",
            "SELECT coalesce(max(id), 0) FROM chats",
            "UPDATE chats SET id = ?2 WHERE id = ?1",
        ),
    };
    let target = match wanted {
        Some(w) if w == id => return Ok(id),
        Some(w) if w > 0 && c.one(taken, &[&w], |r| r.get::<i64>(0))? == 0 => w,
        _ => {
            let top: i64 = c.one(largest, &[], |r| r.get(0))?;
            if id > floor && id == top {
                return Ok(id);
            }
            top.max(floor) + 1
        }
    };
    c.exec(moved, &[&id, &target])?;
    Ok(target)
}

/// Stores the hash of an imported key for `user_id` unless it is stored; returns whether
/// it was added.
pub fn token(c: &Conn, key_hash: &[u8], user_id: i64, now: &str) -> StoreResult<bool> {
    Ok(c.exec(
        "INSERT INTO api_tokens (key_hash, user_id, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT DO NOTHING",
        &[&key_hash, &user_id, &now],
    )? > 0)
}

/// Stores an imported browser session (by the hash of its id) for `user_id` with a CSRF
/// secret and expiry, unless one with that hash is stored; returns whether it was added.
pub fn session(
    c: &Conn,
    id_hash: &[u8],
    user_id: i64,
    csrf: &str,
    expires_at: &str,
    now: &str,
) -> StoreResult<bool> {
    Ok(c.exec(
        "INSERT INTO sessions (id_hash, user_id, csrf_secret, expires_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
        &[&id_hash, &user_id, &csrf, &expires_at, &now],
    )? > 0)
}

/// Adds an imported reaction unless present; returns whether it was added.
pub fn reaction(
    c: &Conn,
    message_id: i64,
    user_id: i64,
    emoji: &str,
    at: &str,
) -> StoreResult<bool> {
    Ok(c.exec(
        "INSERT INTO reactions (message_id, user_id, emoji, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT DO NOTHING",
        &[&message_id, &user_id, &emoji, &at],
    )? > 0)
}

/// Sets an imported message's edit and deletion times as its source had them.
pub fn message_times(
    c: &Conn,
    message_id: i64,
    edited_at: Option<&str>,
    deleted_at: Option<&str>,
) -> StoreResult<()> {
    c.exec(
        "UPDATE messages SET edited_at = ?2, deleted_at = ?3 WHERE id = ?1",
        &[&message_id, &edited_at, &deleted_at],
    )?;
    Ok(())
}

/// Sets an imported account's switches and join time as its source had them.
pub fn account(c: &Conn, user_id: i64, is_active: bool, created_at: &str) -> StoreResult<()> {
    c.exec(
        "UPDATE users SET is_active = ?2, created_at = ?3 WHERE id = ?1",
        &[
            &user_id,
            &crate::store::engine::sql::Flag::new(is_active),
            &created_at,
        ],
    )?;
    Ok(())
}

/// Fills an imported account's empty display name and bio from its source (a later
/// seed of the same source may know them); what is already set stays.
pub fn fill_profile(c: &Conn, user_id: i64, display_name: &str, bio: &str) -> StoreResult<()> {
    c.exec(
        "UPDATE users SET
            display_name = CASE WHEN display_name = '' THEN ?2 ELSE display_name END,
            bio = CASE WHEN bio = '' THEN ?3 ELSE bio END
          WHERE id = ?1",
        &[&user_id, &display_name, &bio],
    )?;
    Ok(())
}

/// Sets an imported account's profile image unless it has one; whether it was set.
pub fn fill_image(c: &Conn, user_id: i64, image: &str) -> StoreResult<bool> {
    Ok(c.exec(
        "UPDATE users SET image = ?2 WHERE id = ?1 AND image = ''",
        &[&user_id, &image],
    )? > 0)
}

/// Sets an imported chat's creation and activity times as its source had them.
pub fn chat_times(c: &Conn, chat_id: i64, created_at: &str, updated_at: &str) -> StoreResult<()> {
    c.exec(
        "UPDATE chats SET created_at = ?2, updated_at = ?3 WHERE id = ?1",
        &[&chat_id, &created_at, &updated_at],
    )?;
    Ok(())
}
