//! The `users` table.

use super::{Conn, StoreResult};
use rusqlite::{params, OptionalExtension, Row};

/// One account, as stored.
#[derive(Debug, Clone, serde::Serialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub email: String,
    #[serde(skip)]
    pub password_hash: String,
    pub display_name: String,
    pub bio: String,
    pub image: String,
    pub is_active: bool,
    pub is_admin: bool,
    pub created_at: String,
}

const COLUMNS: &str =
    "id, username, coalesce(email, ''), password_hash, display_name, bio, image, is_active, is_admin, created_at";

fn from_row(r: &Row) -> rusqlite::Result<User> {
    Ok(User {
        id: r.get(0)?,
        username: r.get(1)?,
        email: r.get(2)?,
        password_hash: r.get(3)?,
        display_name: r.get(4)?,
        bio: r.get(5)?,
        image: r.get(6)?,
        is_active: r.get(7)?,
        is_admin: r.get(8)?,
        created_at: r.get(9)?,
    })
}

/// Fields of a new account.
pub struct NewUser<'a> {
    pub username: &'a str,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub display_name: &'a str,
    pub is_admin: bool,
}

/// Inserts an account and returns it.
pub fn insert(c: &Conn, u: &NewUser, now: &str) -> StoreResult<User> {
    let email = if u.email.is_empty() {
        None
    } else {
        Some(u.email)
    };
    c.sqlite()?
        .prepare_cached(
            "INSERT INTO users (username, email, password_hash, display_name, is_admin, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            u.username,
            email,
            u.password_hash,
            u.display_name,
            u.is_admin,
            now
        ])?;
    let id = c.sqlite()?.last_insert_rowid();
    by_id(c, id)?.ok_or_else(|| super::StoreError::Internal("user vanished".into()))
}

/// The account with this id.
pub fn by_id(c: &Conn, id: i64) -> StoreResult<Option<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id = ?1");
    Ok(c.sqlite()?
        .prepare_cached(&sql)?
        .query_row([id], from_row)
        .optional()?)
}

/// The active account owning the API token whose key hashes to `key_hash`.
pub fn by_token_hash(c: &Conn, key_hash: &[u8]) -> StoreResult<Option<User>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM users
         WHERE id = (SELECT user_id FROM api_tokens WHERE key_hash = ?1) AND is_active = 1"
    );
    Ok(c.sqlite()?
        .prepare_cached(&sql)?
        .query_row([key_hash], from_row)
        .optional()?)
}

/// The account with this username (case-insensitive).
pub fn by_username(c: &Conn, username: &str) -> StoreResult<Option<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE username = ?1");
    Ok(c.sqlite()?
        .prepare_cached(&sql)?
        .query_row([username], from_row)
        .optional()?)
}

/// The account with this username, matched exactly (case-sensitive).
pub fn by_username_exact(c: &Conn, username: &str) -> StoreResult<Option<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE username = ?1 COLLATE BINARY");
    Ok(c.sqlite()?
        .prepare_cached(&sql)?
        .query_row([username], from_row)
        .optional()?)
}

/// The account with this email (case-insensitive).
pub fn by_email(c: &Conn, email: &str) -> StoreResult<Option<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE email = ?1 AND email <> ''");
    Ok(c.sqlite()?
        .prepare_cached(&sql)?
        .query_row([email], from_row)
        .optional()?)
}

/// Whether a username is taken.
pub fn username_taken(c: &Conn, username: &str) -> StoreResult<bool> {
    Ok(by_username(c, username)?.is_some())
}

/// Whether an email is taken.
pub fn email_taken(c: &Conn, email: &str) -> StoreResult<bool> {
    Ok(by_email(c, email)?.is_some())
}

/// Every account, by id, optionally without one.
pub fn all_except(c: &Conn, except: Option<i64>) -> StoreResult<Vec<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id <> ?1 ORDER BY id");
    let mut stmt = c.sqlite()?.prepare_cached(&sql)?;
    let rows = stmt.query_map([except.unwrap_or(0)], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One page of accounts (by id) without `except`, and the total.
pub fn page_except(
    c: &Conn,
    except: i64,
    limit: i64,
    offset: i64,
) -> StoreResult<(i64, Vec<User>)> {
    let total: i64 = c
        .sqlite()?
        .prepare_cached("SELECT count(*) FROM users WHERE id <> ?1")?
        .query_row([except], |r| r.get(0))?;
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id <> ?1 ORDER BY id LIMIT ?2 OFFSET ?3");
    let mut stmt = c.sqlite()?.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![except, limit, offset], from_row)?;
    Ok((total, rows.collect::<Result<_, _>>()?))
}

/// Accounts whose username, display name or email contains `q` (case-insensitive).
pub fn search(c: &Conn, q: &str, except: i64, limit: i64) -> StoreResult<Vec<User>> {
    let pattern = format!(
        "%{}%",
        q.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let sql = format!(
        "SELECT {COLUMNS} FROM users WHERE id <> ?1 AND (username LIKE ?2 ESCAPE '\\'
           OR display_name LIKE ?2 ESCAPE '\\' OR coalesce(email, '') LIKE ?2 ESCAPE '\\')
         ORDER BY username LIMIT ?3"
    );
    let mut stmt = c.sqlite()?.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![except, pattern, limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Accounts with these ids (missing ids are skipped), by id.
pub fn by_ids(c: &Conn, ids: &[i64]) -> StoreResult<Vec<User>> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(u) = by_id(c, *id)? {
            out.push(u);
        }
    }
    out.sort_by_key(|u| u.id);
    out.dedup_by_key(|u| u.id);
    Ok(out)
}

/// Changes profile fields; `None` leaves a field as it is.
pub fn update_profile(
    c: &Conn,
    id: i64,
    display_name: Option<&str>,
    bio: Option<&str>,
    image: Option<&str>,
) -> StoreResult<()> {
    c.sqlite()?
        .prepare_cached(
            "UPDATE users SET display_name = coalesce(?2, display_name), bio = coalesce(?3, bio),
                          image = coalesce(?4, image) WHERE id = ?1",
        )?
        .execute(params![id, display_name, bio, image])?;
    Ok(())
}

/// Records activity.
pub fn touch_last_seen(c: &Conn, id: i64, now: &str) -> StoreResult<()> {
    c.sqlite()?
        .prepare_cached("UPDATE users SET last_seen_at = ?2 WHERE id = ?1")?
        .execute(params![id, now])?;
    Ok(())
}
