//! The `posts` and `friendships` tables (the messenger surface's profiles). A friendship
//! is stored as two rows, one per direction, so "my friends" is one indexed read.

use crate::store::engine::sql::Row;
use crate::store::{Conn, StoreResult};

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

fn post_from_row(r: &Row<'_>) -> StoreResult<Post> {
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
    let sql = format!(
        "INSERT INTO posts (author_id, title, content, created_at) VALUES (?1, ?2, ?3, ?4)
         RETURNING {POST_COLUMNS}"
    );
    c.one(&sql, &[&author_id, &title, &content, &now], post_from_row)
}

/// Every post of every user, by id (oldest first).
pub fn all_posts(c: &Conn) -> StoreResult<Vec<Post>> {
    let sql = format!("SELECT {POST_COLUMNS} FROM posts ORDER BY id");
    c.all(&sql, &[], post_from_row)
}

/// One user's posts, by id (oldest first).
pub fn posts_by_author(c: &Conn, author_id: i64) -> StoreResult<Vec<Post>> {
    let sql = format!("SELECT {POST_COLUMNS} FROM posts WHERE author_id = ?1 ORDER BY id");
    c.all(&sql, &[&author_id], post_from_row)
}

/// Ids of a user's friends, ascending.
pub fn friend_ids(c: &Conn, user_id: i64) -> StoreResult<Vec<i64>> {
    c.all(
        "SELECT friend_id FROM friendships WHERE user_id = ?1 ORDER BY friend_id",
        &[&user_id],
        |r| r.get(0),
    )
}

/// Whether `friend_id` is among `user_id`'s friends.
pub fn is_friend(c: &Conn, user_id: i64, friend_id: i64) -> StoreResult<bool> {
    let n: i64 = c.one(
        "SELECT count(*) FROM friendships WHERE user_id = ?1 AND friend_id = ?2",
        &[&user_id, &friend_id],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}

/// Makes two users friends of each other (both directions; existing rows are kept, also
/// when another node adds the same friendship at the same time).
pub fn add_friendship(c: &Conn, a: i64, b: i64, now: &str) -> StoreResult<()> {
    // The lower id's row first whichever user asked: two nodes befriending the same pair
    // at once (PostgreSQL) then wait on the same row instead of deadlocking.
    let (low, high) = (a.min(b), a.max(b));
    let sql = "INSERT INTO friendships (user_id, friend_id, created_at) VALUES (?1, ?2, ?3)
               ON CONFLICT DO NOTHING";
    c.exec(sql, &[&low, &high, &now])?;
    c.exec(sql, &[&high, &low, &now])?;
    Ok(())
}

/// Ends a friendship in both directions; `true` when there was one.
pub fn remove_friendship(c: &Conn, a: i64, b: i64) -> StoreResult<bool> {
    let removed = c.exec(
        "DELETE FROM friendships WHERE (user_id = ?1 AND friend_id = ?2)
                                    OR (user_id = ?2 AND friend_id = ?1)",
        &[&a, &b],
    )?;
    Ok(removed > 0)
}
