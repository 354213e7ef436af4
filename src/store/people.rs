//! The people directory: every active person (bots left out), by the name people see.

use super::{Conn, StoreResult};

/// One person as the directory lists them.
pub struct Listed {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub last_seen_at: Option<String>,
    pub is_admin: bool,
}

const MATCHING: &str = "FROM users u
    WHERE u.is_active <> 0
      AND NOT EXISTS (SELECT 1 FROM bots b WHERE b.user_id = u.id)
      AND (?1 = '' OR lower(CAST(u.username AS TEXT)) LIKE ?1 ESCAPE '\\'
           OR lower(u.display_name) LIKE ?1 ESCAPE '\\')";

/// `search` as a `LIKE` pattern that finds it anywhere, lower-cased; empty for no search.
fn pattern(search: &str) -> String {
    let search = search.trim().to_lowercase();
    if search.is_empty() {
        return String::new();
    }
    let escaped: String = search
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("%{escaped}%")
}

/// How many active people match `search` (in their username or display name).
pub fn count(c: &Conn, search: &str) -> StoreResult<i64> {
    c.one(
        &format!("SELECT count(*) {MATCHING}"),
        &[&pattern(search)],
        |r| r.get(0),
    )
}

/// A page of them, by the name people see (the display name, else the username).
pub fn page(c: &Conn, search: &str, limit: i64, offset: i64) -> StoreResult<Vec<Listed>> {
    c.all(
        &format!(
            "SELECT u.id, CAST(u.username AS TEXT), u.display_name, u.last_seen_at, u.is_admin
             {MATCHING}
             ORDER BY lower(CASE WHEN u.display_name = '' THEN CAST(u.username AS TEXT)
                                 ELSE u.display_name END), u.id
             LIMIT ?2 OFFSET ?3"
        ),
        &[&pattern(search), &limit, &offset],
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
