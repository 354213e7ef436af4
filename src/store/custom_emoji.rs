//! The `custom_emoji` table: a server's own emoji, used as `:name:`, with their images.

use crate::store::{Conn, StoreResult};

/// A custom emoji without its image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomEmoji {
    pub id: i64,
    pub name: String,
    pub content_type: String,
    pub width: i64,
    pub height: i64,
    pub created_by: Option<i64>,
    pub created_at: String,
}

const COLUMNS: &str = "id, name, content_type, width, height, created_by, created_at";

fn from_row(r: &crate::store::engine::sql::Row<'_>) -> StoreResult<CustomEmoji> {
    Ok(CustomEmoji {
        id: r.get(0)?,
        name: r.get(1)?,
        content_type: r.get(2)?,
        width: r.get(3)?,
        height: r.get(4)?,
        created_by: r.get(5)?,
        created_at: r.get(6)?,
    })
}

/// Every custom emoji, by name.
pub fn all(c: &Conn) -> StoreResult<Vec<CustomEmoji>> {
    c.all(
        &format!("SELECT {COLUMNS} FROM custom_emoji ORDER BY name"),
        &[],
        from_row,
    )
}

/// The emoji `user_id` added, by name (the personal export lists them).
pub fn of_creator(c: &Conn, user_id: i64) -> StoreResult<Vec<CustomEmoji>> {
    c.all(
        &format!("SELECT {COLUMNS} FROM custom_emoji WHERE created_by = ?1 ORDER BY name"),
        &[&user_id],
        from_row,
    )
}

/// The emoji called `name`.
pub fn by_name(c: &Conn, name: &str) -> StoreResult<Option<CustomEmoji>> {
    c.opt(
        &format!("SELECT {COLUMNS} FROM custom_emoji WHERE name = ?1"),
        &[&name],
        from_row,
    )
}

/// The emoji with this id.
pub fn by_id(c: &Conn, id: i64) -> StoreResult<Option<CustomEmoji>> {
    c.opt(
        &format!("SELECT {COLUMNS} FROM custom_emoji WHERE id = ?1"),
        &[&id],
        from_row,
    )
}

/// An emoji's image: its type and bytes.
pub fn image(c: &Conn, id: i64) -> StoreResult<Option<(String, Vec<u8>)>> {
    c.opt(
        "SELECT content_type, content FROM custom_emoji WHERE id = ?1",
        &[&id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Records a new emoji unless the name is taken; its id, or None when taken.
#[allow(clippy::too_many_arguments)]
pub fn insert(
    c: &Conn,
    name: &str,
    content_type: &str,
    content: &[u8],
    width: i64,
    height: i64,
    created_by: i64,
    now: &str,
) -> StoreResult<Option<i64>> {
    c.opt(
        "INSERT INTO custom_emoji (name, content_type, content, width, height, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (name) DO NOTHING RETURNING id",
        &[&name, &content_type, &content, &width, &height, &created_by, &now],
        |r| r.get(0),
    )
}

/// Removes the emoji with this id; whether it was there.
pub fn delete(c: &Conn, id: i64) -> StoreResult<bool> {
    Ok(c.exec("DELETE FROM custom_emoji WHERE id = ?1", &[&id])? > 0)
}
