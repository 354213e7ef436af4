//! The people directory: every active person (bots left out), by the name people see.

use crate::store::people::users::{like_any_case, like_pattern};
use crate::store::{Conn, StoreResult};

/// One person as the directory lists them.
pub struct Listed {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub last_seen_at: Option<String>,
    pub is_admin: bool,
}

/// The people matching the pattern bound as `?1` (a [`like_pattern`]) in their username
/// or display name, in any ASCII case (see [`like_any_case`]).
fn matching(c: &Conn) -> String {
    let like = like_any_case(c);
    format!(
        "FROM users u
         WHERE u.is_active <> 0
           AND NOT EXISTS (SELECT 1 FROM bots b WHERE b.user_id = u.id)
           AND (u.username {like} ?1 ESCAPE '\\' OR u.display_name {like} ?1 ESCAPE '\\')"
    )
}

/// How many active people match `search` (in their username or display name).
pub fn count(c: &Conn, search: &str) -> StoreResult<i64> {
    c.one(
        &format!("SELECT count(*) {}", matching(c)),
        &[&like_pattern(search.trim())],
        |r| r.get(0),
    )
}

/// A page of them, by the name people see (the display name, else the username).
pub fn page(c: &Conn, search: &str, limit: i64, offset: i64) -> StoreResult<Vec<Listed>> {
    c.all(
        &format!(
            "SELECT u.id, CAST(u.username AS TEXT), u.display_name, u.last_seen_at, u.is_admin
             {}
             ORDER BY lower(CASE WHEN u.display_name = '' THEN CAST(u.username AS TEXT)
                                 ELSE u.display_name END), u.id
             LIMIT ?2 OFFSET ?3",
            matching(c)
        ),
        &[&like_pattern(search.trim()), &limit, &offset],
        |r| {
            Ok(Listed {
                id: r.get(0)?,
                username: r.get(1)?,
                display_name: r.get(2)?,
                last_seen_at: r.get(3)?,
                is_admin: r.get(4)?,
            })
        },
    )
}
