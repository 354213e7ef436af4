//! The `audit_log` table: what administrators and the operator's command line did.

use super::engine::sql::Row;
use super::{Conn, StoreResult};

/// One entry of the audit list.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    /// Who did it: `None` for the command line (or an account since deleted).
    pub actor: Option<(i64, String)>,
    pub action: String,
    pub target: String,
    /// A JSON object.
    pub detail: String,
}

fn from_row(r: &Row<'_>) -> StoreResult<Entry> {
    let actor: Option<i64> = r.get(2)?;
    let name: String = r.get(3)?;
    Ok(Entry {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: actor.map(|id| (id, name)),
        action: r.get(4)?,
        target: r.get(5)?,
        detail: r.get(6)?,
    })
}

/// Records an action (`detail` a JSON object).
pub fn record(
    c: &Conn,
    actor: Option<(i64, &str)>,
    action: &str,
    target: &str,
    detail: &str,
    now: &str,
) -> StoreResult<()> {
    let (actor_id, actor_name) = match actor {
        Some((id, name)) => (Some(id), name),
        None => (None, ""),
    };
    c.exec(
        "INSERT INTO audit_log (at, actor_id, actor_name, action, target, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        &[&now, &actor_id, &actor_name, &action, &target, &detail],
    )?;
    Ok(())
}

/// One page of the list, newest first, and how many entries there are.
pub fn page(c: &Conn, limit: i64, offset: i64) -> StoreResult<(i64, Vec<Entry>)> {
    let total: i64 = c.one("SELECT count(*) FROM audit_log", &[], |r| r.get(0))?;
    let rows = c.all(
        "SELECT id, at, actor_id, actor_name, action, target, detail FROM audit_log
         ORDER BY id DESC LIMIT ?1 OFFSET ?2",
        &[&limit, &offset],
        from_row,
    )?;
    Ok((total, rows))
}

/// A person as the audit list names them: username, display name, whether active. Any
/// account, deactivated or not.
pub fn person_name(c: &Conn, id: i64) -> StoreResult<Option<(String, String, bool)>> {
    c.opt(
        "SELECT CAST(username AS TEXT), display_name, is_active FROM users WHERE id = ?1",
        &[&id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// A chat as the audit list names it: kind and title, removed ones included.
pub fn chat_name(c: &Conn, id: i64) -> StoreResult<Option<(String, String)>> {
    c.opt("SELECT kind, title FROM chats WHERE id = ?1", &[&id], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
}

/// Where a message was and who sent it, deleted ones included.
pub fn message_place(c: &Conn, id: i64) -> StoreResult<Option<(i64, Option<i64>)>> {
    c.opt(
        "SELECT chat_id, sender_id FROM messages WHERE id = ?1",
        &[&id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}
