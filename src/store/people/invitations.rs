//! The `invitations` table: join links' codes, how often they may be used and until when.

use crate::store::engine::sql::Row;
use crate::store::{Conn, StoreResult};

/// One invitation, as stored, with its creator's name.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub id: i64,
    pub code: String,
    pub created_by: Option<(i64, String)>,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub max_uses: Option<i64>,
    pub uses: i64,
    pub revoked_at: Option<String>,
}

impl Invitation {
    /// Whether a registration could use it at `now`.
    pub fn valid_at(&self, now: &str) -> bool {
        self.revoked_at.is_none()
            && self.expires_at.as_deref().is_none_or(|e| e > now)
            && self.max_uses.is_none_or(|max| self.uses < max)
    }
}

const COLUMNS: &str =
    "i.id, i.code, i.created_by, CAST(u.username AS TEXT), i.created_at, i.expires_at, \
                       i.max_uses, i.uses, i.revoked_at";

fn from_row(r: &Row<'_>) -> StoreResult<Invitation> {
    let by: Option<i64> = r.get(2)?;
    let name: Option<String> = r.get(3)?;
    Ok(Invitation {
        id: r.get(0)?,
        code: r.get(1)?,
        created_by: by.map(|id| (id, name.unwrap_or_default())),
        created_at: r.get(4)?,
        expires_at: r.get(5)?,
        max_uses: r.get(6)?,
        uses: r.get(7)?,
        revoked_at: r.get(8)?,
    })
}

/// Stores a new invitation and returns it.
pub fn insert(
    c: &Conn,
    code: &str,
    created_by: Option<i64>,
    expires_at: Option<&str>,
    max_uses: Option<i64>,
    now: &str,
) -> StoreResult<Invitation> {
    let id: i64 = c.one(
        "INSERT INTO invitations (code, created_by, created_at, expires_at, max_uses)
         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        &[&code, &created_by, &now, &expires_at, &max_uses],
        |r| r.get(0),
    )?;
    by_id(c, id)?.ok_or_else(|| {
        crate::store::StoreError::Internal("an invitation just stored is gone".into())
    })
}

/// The invitation with this id.
pub fn by_id(c: &Conn, id: i64) -> StoreResult<Option<Invitation>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM invitations i LEFT JOIN users u ON u.id = i.created_by WHERE i.id = ?1"
    );
    c.opt(&sql, &[&id], from_row)
}

/// The invitation with `code`, usable or not: why one cannot be used is told.
pub fn by_code(c: &Conn, code: &str) -> StoreResult<Option<Invitation>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM invitations i LEFT JOIN users u ON u.id = i.created_by WHERE i.code = ?1"
    );
    c.opt(&sql, &[&code], from_row)
}

/// Every invitation, newest first.
pub fn all(c: &Conn) -> StoreResult<Vec<Invitation>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM invitations i LEFT JOIN users u ON u.id = i.created_by ORDER BY i.id DESC"
    );
    c.all(&sql, &[], from_row)
}

/// Marks an invitation revoked; false when it was already.
pub fn revoke(c: &Conn, id: i64, now: &str) -> StoreResult<bool> {
    Ok(c.exec(
        "UPDATE invitations SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
        &[&id, &now],
    )? > 0)
}

/// The invitation with code `?1` can still be used at `?2`: the one spelling of
/// "usable" for the statement that uses it and the one that only looks.
macro_rules! usable_at {
    () => {
        "code = ?1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?2)
           AND (max_uses IS NULL OR uses < max_uses)"
    };
}

/// Counts one use of the invitation with `code` if it is still valid at `now`, in one
/// statement: concurrent registrations (PostgreSQL re-checks the row it waited for)
/// never use it more than `max_uses` times. Its id, or `None` when it cannot be used.
pub fn use_code(c: &Conn, code: &str, now: &str) -> StoreResult<Option<i64>> {
    c.opt(
        concat!(
            "UPDATE invitations SET uses = uses + 1 WHERE ",
            usable_at!(),
            " RETURNING id"
        ),
        &[&code, &now],
        |r| r.get(0),
    )
}

/// Whether the invitation with `code` could be used at `now`, without using it: a
/// sign-up with a good code is let past the anonymous sign-up budget before its write
/// (which uses the code, or refuses it if another sign-up took the last use meanwhile).
pub fn usable(c: &Conn, code: &str, now: &str) -> StoreResult<bool> {
    let found: Option<i64> = c.opt(
        concat!("SELECT id FROM invitations WHERE ", usable_at!()),
        &[&code, &now],
        |r| r.get(0),
    )?;
    Ok(found.is_some())
}
