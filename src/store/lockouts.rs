//! The `lockouts` table: people whose sockets must close, for every server to read.
//! An administrator's action also tells the hub at once; the command line, in another
//! process, has only this table (`domain::background::lockouts` reads it).

use super::{Conn, StoreResult};

/// A person whose sockets must close, but those opened with `keep` (a credential hash,
/// empty for none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lockout {
    pub id: i64,
    pub user_id: i64,
    pub keep: Vec<u8>,
}

/// Records a lockout; rows older than a day are pruned on the way.
pub fn insert(c: &Conn, user_id: i64, keep: &[u8], now: &str) -> StoreResult<()> {
    let day_ago = super::clock::time_after(-86_400);
    c.exec("DELETE FROM lockouts WHERE at < ?1", &[&day_ago])?;
    c.exec(
        "INSERT INTO lockouts (user_id, keep, at) VALUES (?1, ?2, ?3)",
        &[&user_id, &keep, &now],
    )?;
    Ok(())
}

/// The newest lockout's id (0 when none): where a starting server begins reading.
pub fn last_id(c: &Conn) -> StoreResult<i64> {
    c.one("SELECT coalesce(max(id), 0) FROM lockouts", &[], |r| {
        r.get(0)
    })
}

/// The lockouts after `after`, oldest first.
pub fn after(c: &Conn, after: i64) -> StoreResult<Vec<Lockout>> {
    c.all(
        "SELECT id, user_id, coalesce(keep, ?2) FROM lockouts WHERE id > ?1 ORDER BY id",
        &[&after, &Vec::<u8>::new()],
        |r| {
            Ok(Lockout {
                id: r.get(0)?,
                user_id: r.get(1)?,
                keep: r.get(2)?,
            })
        },
    )
}
