//! Schema step 7's Rust half: computes the caseless keys (`src/kit/names.rs`) of
//! accounts that have none, and says which accounts now share a name or an address.
//!
//! Nothing is merged, renamed or lost. Accounts are keyed oldest first (by id); an account
//! whose name's key an older one already holds gets `key#id` instead (no valid name's key
//! holds `#`), so both stay usable: every spelling of the name reaches the older account,
//! and the newer one is reached by its own exact username (`store::people::users::by_username`
//! prefers an exact spelling among the accounts of one key), by its email and by its
//! tokens. Emails likewise. Each collision is logged as a warning naming both accounts.

use crate::kit::names;
use crate::store::engine::conn::Conn;
use crate::store::engine::error::StoreResult;

/// Two accounts that are one name (or one address) under the new keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    /// `"username"` or `"email"`.
    pub field: &'static str,
    /// The older account, which keeps the plain key: id and the value it holds.
    pub kept: (i64, String),
    /// The newer account, whose key became `key#id`: id and the value it holds.
    pub distinct: (i64, String),
    /// The key both values have.
    pub key: String,
}

impl std::fmt::Display for Collision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (field, (old_id, old), (new_id, new)) = (self.field, &self.kept, &self.distinct);
        write!(
            f,
            "accounts {old_id} ({field} {old:?}) and {new_id} ({field} {new:?}) are one {field} \
             under Unicode case folding (key {key:?}); both are kept, nothing was merged or \
             changed: every spelling reaches account {old_id}, and account {new_id} is reached \
             only by its exact {field} (stored key {key:?}#{new_id}). Change one of them to \
             end the ambiguity",
            key = self.key
        )
    }
}

/// Keys every account that lacks a key (all of them when step 7 runs; on PostgreSQL,
/// also those a node of the previous version registered during a rolling upgrade), in
/// id order; returns the collisions met, for the caller to log.
pub fn fill(c: &Conn) -> StoreResult<Vec<Collision>> {
    let unkeyed = c.all(
        "SELECT id, username, coalesce(email, ''), name_key IS NULL FROM users
         WHERE name_key IS NULL OR (email_key IS NULL AND coalesce(email, '') <> '')
         ORDER BY id",
        &[],
        |r| {
            Ok((
                r.get::<i64>(0)?,
                r.get::<String>(1)?,
                r.get::<String>(2)?,
                r.get::<bool>(3)?,
            ))
        },
    )?;
    let mut collisions = Vec::new();
    for (id, username, email, needs_name) in unkeyed {
        if needs_name {
            let key = names::name_key(&username);
            let stored = distinct_key(c, "name_key", id, &username, &key, &mut collisions)?;
            c.exec(
                "UPDATE users SET name_key = ?2 WHERE id = ?1",
                &[&id, &stored],
            )?;
        }
        if !email.is_empty() {
            let key = names::email_key(&email);
            let stored = distinct_key(c, "email_key", id, &email, &key, &mut collisions)?;
            c.exec(
                "UPDATE users SET email_key = ?2 WHERE id = ?1 AND email_key IS NULL",
                &[&id, &stored],
            )?;
        }
    }
    Ok(collisions)
}

/// `key`, or `key#id` when another account already holds `key` (noting the collision).
fn distinct_key(
    c: &Conn,
    column: &str,
    id: i64,
    value: &str,
    key: &str,
    collisions: &mut Vec<Collision>,
) -> StoreResult<String> {
    let (field, shown) = match column {
        "name_key" => ("username", "username"),
        _ => ("email", "coalesce(email, '')"),
    };
    let holder = c.opt(
        &format!("SELECT id, {shown} FROM users WHERE {column} = ?1 AND id <> ?2"),
        &[&key, &id],
        |r| Ok((r.get::<i64>(0)?, r.get::<String>(1)?)),
    )?;
    Ok(match holder {
        None => key.to_string(),
        Some(kept) => {
            collisions.push(Collision {
                field,
                kept,
                distinct: (id, value.to_string()),
                key: key.to_string(),
            });
            format!("{key}#{id}")
        }
    })
}

/// The step of both schemas that added the keys.
pub const STEP: i64 = 7;

/// Keys what lacks keys and logs a warning for each collision, naming both accounts.
pub fn fill_and_warn(c: &Conn) -> StoreResult<()> {
    let collisions = fill(c)?;
    for collision in &collisions {
        tracing::warn!("schema step {STEP}: {collision}");
    }
    if !collisions.is_empty() {
        tracing::warn!(
            "schema step {STEP}: {} accounts share a name or an email with an older account \
             (docs/deploy.md, \"One person per name\")",
            collisions.len()
        );
    }
    Ok(())
}
