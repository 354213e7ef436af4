//! The `user_groups` and `user_group_members` tables: named sets of people a message
//! mentions with `@handle`.

use crate::store::engine::sql::Row;
use crate::store::{Conn, StoreResult};

/// A user group without its members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserGroup {
    pub id: i64,
    /// As its maker spelled it (`design`); mentioned as `@design`.
    pub handle: String,
    pub name: String,
    pub description: String,
    pub created_by: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
    pub member_count: i64,
}

/// One member of a group, as lists show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupMember {
    pub id: i64,
    pub username: String,
    pub display_name: String,
}

const COLUMNS: &str = "g.id, g.handle, g.name, g.description, g.created_by, g.created_at,
    g.updated_at, (SELECT count(*) FROM user_group_members gm WHERE gm.group_id = g.id)";

fn from_row(r: &Row<'_>) -> StoreResult<UserGroup> {
    Ok(UserGroup {
        id: r.get(0)?,
        handle: r.get(1)?,
        name: r.get(2)?,
        description: r.get(3)?,
        created_by: r.get(4)?,
        created_at: r.get(5)?,
        updated_at: r.get(6)?,
        member_count: r.get(7)?,
    })
}

/// Every group, by handle.
pub fn all(c: &Conn) -> StoreResult<Vec<UserGroup>> {
    c.all(
        &format!("SELECT {COLUMNS} FROM user_groups g ORDER BY g.handle_key"),
        &[],
        from_row,
    )
}

/// The group with this id.
pub fn by_id(c: &Conn, id: i64) -> StoreResult<Option<UserGroup>> {
    c.opt(
        &format!("SELECT {COLUMNS} FROM user_groups g WHERE g.id = ?1"),
        &[&id],
        from_row,
    )
}

/// The id of the group whose handle's key is `key`, if any.
pub fn id_by_key(c: &Conn, key: &str) -> StoreResult<Option<i64>> {
    c.opt(
        "SELECT id FROM user_groups WHERE handle_key = ?1",
        &[&key],
        |r| r.get(0),
    )
}

/// The group whose handle's key is `key` when it was made before the account whose name
/// has that key: in a database from before people and groups shared one namespace, such
/// a person took the group's handle, and a mention of it is the group's.
pub fn made_before_person(c: &Conn, key: &str) -> StoreResult<Option<i64>> {
    c.opt(
        "SELECT g.id FROM user_groups g
         WHERE g.handle_key = ?1
           AND g.created_at < (SELECT min(u.created_at) FROM users u WHERE u.name_key = ?1)",
        &[&key],
        |r| r.get(0),
    )
}

/// Whether a person's name has the key `key` (a group's handle may not be anyone's name).
pub fn person_named(c: &Conn, key: &str) -> StoreResult<bool> {
    Ok(
        c.opt("SELECT 1 FROM users WHERE name_key = ?1", &[&key], |r| {
            r.get::<i64>(0)
        })?
        .is_some(),
    )
}

/// The groups `user_id` is in, by handle (the personal export lists them).
pub fn of_member(c: &Conn, user_id: i64) -> StoreResult<Vec<UserGroup>> {
    c.all(
        &format!(
            "SELECT {COLUMNS} FROM user_groups g
             JOIN user_group_members m ON m.group_id = g.id AND m.user_id = ?1
             ORDER BY g.handle_key"
        ),
        &[&user_id],
        from_row,
    )
}

/// A group's members, by username.
pub fn members(c: &Conn, group_id: i64) -> StoreResult<Vec<GroupMember>> {
    c.all(
        "SELECT u.id, CAST(u.username AS TEXT), u.display_name
         FROM user_group_members m JOIN users u ON u.id = m.user_id
         WHERE m.group_id = ?1 ORDER BY u.name_key",
        &[&group_id],
        |r| {
            Ok(GroupMember {
                id: r.get(0)?,
                username: r.get(1)?,
                display_name: r.get(2)?,
            })
        },
    )
}

/// The members of group `group_id` who are members of `chat_id`, active, no bot, and
/// not `sender`: whom a mention of the group in that chat reaches.
pub fn reached_in_chat(
    c: &Conn,
    group_id: i64,
    chat_id: i64,
    sender: i64,
) -> StoreResult<Vec<i64>> {
    c.all(
        "SELECT g.user_id FROM user_group_members g
         JOIN chat_members m ON m.user_id = g.user_id AND m.chat_id = ?2
         JOIN users u ON u.id = g.user_id
         WHERE g.group_id = ?1 AND g.user_id <> ?3 AND u.is_active = 1
           AND NOT EXISTS (SELECT 1 FROM bots b WHERE b.user_id = g.user_id)
         ORDER BY g.user_id",
        &[&group_id, &chat_id, &sender],
        |r| r.get(0),
    )
}

/// A new group's fields.
pub struct NewGroup<'a> {
    pub handle: &'a str,
    pub handle_key: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub created_by: Option<i64>,
}

/// Records a new group unless its handle's key is taken; its id, or None when taken.
pub fn insert(c: &Conn, g: &NewGroup<'_>, now: &str) -> StoreResult<Option<i64>> {
    c.opt(
        "INSERT INTO user_groups (handle, handle_key, name, description, created_by,
                                  created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) ON CONFLICT (handle_key) DO NOTHING RETURNING id",
        &[
            &g.handle,
            &g.handle_key,
            &g.name,
            &g.description,
            &g.created_by,
            &now,
        ],
        |r| r.get(0),
    )
}

/// Changes a group's handle (with its key), name and description; `None` leaves one as
/// it is. The caller has checked that a new key is free.
pub fn update(
    c: &Conn,
    id: i64,
    handle: Option<(&str, &str)>,
    name: Option<&str>,
    description: Option<&str>,
    now: &str,
) -> StoreResult<()> {
    let (handle, key) = (handle.map(|h| h.0), handle.map(|h| h.1));
    c.exec(
        "UPDATE user_groups SET handle = coalesce(?2, handle), handle_key = coalesce(?3, handle_key),
                name = coalesce(?4, name), description = coalesce(?5, description), updated_at = ?6
         WHERE id = ?1",
        &[&id, &handle, &key, &name, &description, &now],
    )?;
    Ok(())
}

/// Removes a group with its memberships; whether it was there.
pub fn delete(c: &Conn, id: i64) -> StoreResult<bool> {
    c.exec("DELETE FROM user_group_members WHERE group_id = ?1", &[&id])?;
    Ok(c.exec("DELETE FROM user_groups WHERE id = ?1", &[&id])? > 0)
}

/// Puts `user_id` in the group (once); whether they were not in it already.
pub fn add_member(c: &Conn, group_id: i64, user_id: i64, now: &str) -> StoreResult<bool> {
    Ok(c.exec(
        "INSERT INTO user_group_members (group_id, user_id, added_at) VALUES (?1, ?2, ?3)
         ON CONFLICT DO NOTHING",
        &[&group_id, &user_id, &now],
    )? > 0)
}

/// Takes `user_id` out of the group; whether they were in it.
pub fn remove_member(c: &Conn, group_id: i64, user_id: i64) -> StoreResult<bool> {
    Ok(c.exec(
        "DELETE FROM user_group_members WHERE group_id = ?1 AND user_id = ?2",
        &[&group_id, &user_id],
    )? > 0)
}

/// Notes the group's change time (its members changed).
pub fn touch(c: &Conn, group_id: i64, now: &str) -> StoreResult<()> {
    c.exec(
        "UPDATE user_groups SET updated_at = ?2 WHERE id = ?1",
        &[&group_id, &now],
    )?;
    Ok(())
}
