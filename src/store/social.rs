//! The `posts` and `friendships` tables (the messenger surface's profiles). A friendship
//! is stored as two rows, one per direction, so "my friends" is one indexed read.

use super::{Conn, StoreError, StoreResult};
use rusqlite::{params, Row};

/// One post, as stored.
#[derive(Debug, Clone)]
pub struct Post {
    pub id: i64,
    pub author_id: i64,
    pub title: String,
    pub content: String,
    pub created_at: String,
}

const POST_COLUMNS: &str = "id, author_id, title, content, created_at";

fn post_from_row(r: &Row) -> rusqlite::Result<Post> {
    Ok(Post {
        id: r.get(0)?,
        author_id: r.get(1)?,
        title: r.get(2)?,
        content: r.get(3)?,
        created_at: r.get(4)?,
    })
}

/// Inserts a post and returns it.
pub fn insert_post(
    c: &Conn,
    author_id: i64,
    title: &str,
    content: &str,
    now: &str,
) -> StoreResult<Post> {
    c.sqlite()?
        .prepare_cached(
            "INSERT INTO posts (author_id, title, content, created_at) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![author_id, title, content, now])?;
    let id = c.sqlite()?.last_insert_rowid();
    let sql = format!("SELECT {POST_COLUMNS} FROM posts WHERE id = ?1");
    c.sqlite()?
        .prepare_cached(&sql)?
        .query_row([id], post_from_row)
        .map_err(|e| StoreError::Internal(format!("post vanished: {e}")))
}

/// Every post of every user, by id (oldest first).
pub fn all_posts(c: &Conn) -> StoreResult<Vec<Post>> {
    let sql = format!("SELECT {POST_COLUMNS} FROM posts ORDER BY id");
    let mut stmt = c.sqlite()?.prepare_cached(&sql)?;
    let rows = stmt.query_map([], post_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One user's posts, by id (oldest first).
pub fn posts_by_author(c: &Conn, author_id: i64) -> StoreResult<Vec<Post>> {
    let sql = format!("SELECT {POST_COLUMNS} FROM posts WHERE author_id = ?1 ORDER BY id");
    let mut stmt = c.sqlite()?.prepare_cached(&sql)?;
    let rows = stmt.query_map([author_id], post_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Ids of a user's friends, ascending.
pub fn friend_ids(c: &Conn, user_id: i64) -> StoreResult<Vec<i64>> {
    let mut stmt = c.sqlite()?.prepare_cached(
        "SELECT friend_id FROM friendships WHERE user_id = ?1 ORDER BY friend_id",
    )?;
    let rows = stmt.query_map([user_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Whether `friend_id` is among `user_id`'s friends.
pub fn is_friend(c: &Conn, user_id: i64, friend_id: i64) -> StoreResult<bool> {
    let n: i64 = c
        .sqlite()?
        .prepare_cached("SELECT count(*) FROM friendships WHERE user_id = ?1 AND friend_id = ?2")?
        .query_row(params![user_id, friend_id], |r| r.get(0))?;
    Ok(n > 0)
}

/// Makes two users friends of each other (both directions; existing rows are kept).
pub fn add_friendship(c: &Conn, a: i64, b: i64, now: &str) -> StoreResult<()> {
    let mut stmt = c.sqlite()?.prepare_cached(
        "INSERT OR IGNORE INTO friendships (user_id, friend_id, created_at) VALUES (?1, ?2, ?3)",
    )?;
    stmt.execute(params![a, b, now])?;
    stmt.execute(params![b, a, now])?;
    Ok(())
}

/// Ends a friendship in both directions; `true` when there was one.
pub fn remove_friendship(c: &Conn, a: i64, b: i64) -> StoreResult<bool> {
    let removed = c
        .sqlite()?
        .prepare_cached(
            "DELETE FROM friendships WHERE (user_id = ?1 AND friend_id = ?2)
                                        OR (user_id = ?2 AND friend_id = ?1)",
        )?
        .execute(params![a, b])?;
    Ok(removed > 0)
}
