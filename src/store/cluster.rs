//! The state several nodes on one PostgreSQL share (docs/scale-out.md): node
//! heartbeats (`nodes`), who is in which call (`call_sockets`) and the login limit's
//! windows (`rate_windows`), all UNLOGGED tables of schema step 5. PostgreSQL only:
//! SQLite serves a single node, which keeps this state in memory.
//!
//! Every time is the database's `now()`, never a node's clock, so nodes whose clocks
//! disagree still agree on who is alive and on when a window started.

use super::{Conn, StoreResult, Tx};

/// Records that `node` is alive now.
pub fn beat(t: &Tx, node: &str) -> StoreResult<()> {
    t.exec(
        "INSERT INTO nodes (node_id, seen_at) VALUES (?1, now())
         ON CONFLICT (node_id) DO UPDATE SET seen_at = now()",
        &[&node],
    )?;
    Ok(())
}

/// Removes the heartbeats of nodes unseen for `bound_ms`, and `node`'s (when given: a
/// clean stop).
pub fn forget_nodes(t: &Tx, node: Option<&str>, bound_ms: i64) -> StoreResult<()> {
    t.exec(
        "DELETE FROM nodes
         WHERE node_id = ?1 OR seen_at < now() - ?2::bigint * interval '1 millisecond'",
        &[&node, &bound_ms],
    )?;
    Ok(())
}

/// The nodes seen within `bound_ms`, by id.
pub fn live_nodes(c: &Conn, bound_ms: i64) -> StoreResult<Vec<String>> {
    c.all(
        "SELECT node_id FROM nodes
         WHERE seen_at >= now() - ?1::bigint * interval '1 millisecond' ORDER BY node_id",
        &[&bound_ms],
        |r| r.get(0),
    )
}

/// The rooms with call rows that nobody keeps: rows of `node` (when given: this node
/// starting or stopping) and of every node unseen for `bound_ms`.
pub fn lost_rooms(c: &Conn, node: Option<&str>, bound_ms: i64) -> StoreResult<Vec<i64>> {
    c.all(
        "SELECT DISTINCT room_id FROM call_sockets
         WHERE node_id = ?1 OR node_id NOT IN (
             SELECT node_id FROM nodes
             WHERE seen_at >= now() - ?2::bigint * interval '1 millisecond')
         ORDER BY room_id",
        &[&node, &bound_ms],
        |r| r.get(0),
    )
}

/// Serializes the joins and leaves of one room's call until the transaction ends, so
/// "was this the user's first socket?" and "their last?" are answered once, even when
/// two nodes change the same user at once. The two-key form keeps these locks apart
/// from the migration's one-key lock; ids past `i32` share a key, which only serializes
/// a little more.
fn lock_room(t: &Tx, room_id: i64) -> StoreResult<()> {
    t.exec(
        "SELECT pg_advisory_xact_lock(1667329132, (?1::bigint % 2147483647)::int4)",
        &[&room_id],
    )?;
    Ok(())
}

/// Whether `user_id` has a socket in `room_id`'s call (on any node).
fn in_call(t: &Tx, room_id: i64, user_id: i64) -> StoreResult<bool> {
    Ok(t.opt(
        "SELECT 1 FROM call_sockets WHERE room_id = ?1 AND user_id = ?2 LIMIT 1",
        &[&room_id, &user_id],
        |_| Ok(()),
    )?
    .is_some())
}

/// One socket joining a room's call (`sfu`: its media goes through the SFU): answers
/// whether its user was not in the call before (through any socket on any node).
pub fn join(
    t: &Tx,
    room_id: i64,
    user_id: i64,
    username: &str,
    node: &str,
    socket: i64,
    sfu: bool,
) -> StoreResult<bool> {
    lock_room(t, room_id)?;
    let new = !in_call(t, room_id, user_id)?;
    // A further socket of someone already in the call takes what they said of their
    // microphone and camera; a first one starts with both on.
    let sfu = i64::from(sfu);
    t.exec(
        "INSERT INTO call_sockets
             (room_id, user_id, username, node_id, socket_id, microphone_on, camera_on, sfu)
         SELECT ?1::bigint, ?2::bigint, ?3::text, ?4::text, ?5::bigint,
             coalesce(min(microphone_on), 1), coalesce(min(camera_on), 1), ?6::bigint
         FROM call_sockets WHERE room_id = ?1::bigint AND user_id = ?2::bigint
         ON CONFLICT DO NOTHING",
        &[&room_id, &user_id, &username, &node, &socket, &sfu],
    )?;
    Ok(new)
}

/// One socket leaving a room's call: answers whether it was in it and was its user's
/// last socket there (so the user left).
pub fn leave(t: &Tx, room_id: i64, user_id: i64, node: &str, socket: i64) -> StoreResult<bool> {
    lock_room(t, room_id)?;
    let removed = t.exec(
        "DELETE FROM call_sockets
         WHERE room_id = ?1 AND user_id = ?2 AND node_id = ?3 AND socket_id = ?4",
        &[&room_id, &user_id, &node, &socket],
    )?;
    Ok(removed > 0 && !in_call(t, room_id, user_id)?)
}

/// Takes a user out of a room's call, every socket of theirs on every node: whether they
/// were in it.
pub fn remove_user(t: &Tx, room_id: i64, user_id: i64) -> StoreResult<bool> {
    lock_room(t, room_id)?;
    let removed = t.exec(
        "DELETE FROM call_sockets WHERE room_id = ?1 AND user_id = ?2",
        &[&room_id, &user_id],
    )?;
    Ok(removed > 0)
}

/// Deletes one room's call rows that nobody keeps (as [`lost_rooms`] finds them) and
/// answers the users who thereby left the call, by id.
pub fn reap_room(t: &Tx, room_id: i64, node: Option<&str>, bound_ms: i64) -> StoreResult<Vec<i64>> {
    lock_room(t, room_id)?;
    let mut users: Vec<i64> = t.all(
        "DELETE FROM call_sockets
         WHERE room_id = ?1 AND (node_id = ?2 OR node_id NOT IN (
             SELECT node_id FROM nodes
             WHERE seen_at >= now() - ?3::bigint * interval '1 millisecond'))
         RETURNING user_id",
        &[&room_id, &node, &bound_ms],
        |r| r.get(0),
    )?;
    users.sort_unstable();
    users.dedup();
    let mut gone = Vec::with_capacity(users.len());
    for user_id in users {
        if !in_call(t, room_id, user_id)? {
            gone.push(user_id);
        }
    }
    Ok(gone)
}

/// Notes a user's microphone and camera (`None`: as they were) on every row of theirs in
/// a room's call: whether they are in it.
pub fn set_media(
    t: &Tx,
    room_id: i64,
    user_id: i64,
    microphone_on: Option<bool>,
    camera_on: Option<bool>,
) -> StoreResult<bool> {
    lock_room(t, room_id)?;
    // Flags are 0/1 integers, as everywhere in the store.
    let microphone_on = microphone_on.map(i64::from);
    let camera_on = camera_on.map(i64::from);
    let changed = t.exec(
        "UPDATE call_sockets SET microphone_on = coalesce(?3, microphone_on),
             camera_on = coalesce(?4, camera_on)
         WHERE room_id = ?1 AND user_id = ?2",
        &[&room_id, &user_id, &microphone_on, &camera_on],
    )?;
    Ok(changed > 0)
}

/// One user in a room's call, as the rows of their sockets say.
#[derive(Debug)]
pub struct InCallRow {
    pub user_id: i64,
    /// The name they joined under.
    pub username: String,
    /// Their display name now, or the username when none is set.
    pub display_name: String,
    pub microphone_on: bool,
    pub camera_on: bool,
    /// Whether any socket of theirs joined to send through the SFU.
    pub sfu: bool,
}

/// The users in a room's call, by id.
pub fn participants(c: &Conn, room_id: i64) -> StoreResult<Vec<InCallRow>> {
    c.all(
        "SELECT s.user_id, min(s.username),
             coalesce(nullif(btrim(min(u.display_name)), ''), min(s.username)),
             min(s.microphone_on), min(s.camera_on), max(s.sfu)
         FROM call_sockets s LEFT JOIN users u ON u.id = s.user_id
         WHERE s.room_id = ?1
         GROUP BY s.user_id ORDER BY s.user_id",
        &[&room_id],
        |r| {
            Ok(InCallRow {
                user_id: r.get(0)?,
                username: r.get(1)?,
                display_name: r.get(2)?,
                microphone_on: r.get(3)?,
                camera_on: r.get(4)?,
                sfu: r.get(5)?,
            })
        },
    )
}

/// Counts one attempt by `key` in its fixed window of `window_secs` (a new window when
/// the last one has ended), in one atomic statement, so attempts on every node count
/// once each. Answers the attempts in the window so far, this one included, and the
/// whole seconds until the window ends (at least 1).
pub fn count_attempt(t: &Tx, key: &str, window_secs: i64) -> StoreResult<(i64, i64)> {
    t.one(
        "INSERT INTO rate_windows AS w (key, window_start, count) VALUES (?1, now(), 1)
         ON CONFLICT (key) DO UPDATE SET
             window_start = CASE
                 WHEN w.window_start <= now() - ?2::bigint * interval '1 second' THEN now()
                 ELSE w.window_start END,
             count = CASE
                 WHEN w.window_start <= now() - ?2::bigint * interval '1 second' THEN 1
                 ELSE w.count + 1 END
         RETURNING count, greatest(1, ceil(extract(epoch FROM
             w.window_start + ?2::bigint * interval '1 second' - now())))::bigint",
        &[&key, &window_secs],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Takes back one attempt counted by [`count_attempt`] under `key`, if its window of
/// `window_secs` is still open: the attempt turned out right and spends nothing.
pub fn refund_attempt(t: &Tx, key: &str, window_secs: i64) -> StoreResult<()> {
    t.exec(
        "UPDATE rate_windows SET count = count - 1
         WHERE key = ?1 AND count > 0
           AND window_start > now() - ?2::bigint * interval '1 second'",
        &[&key, &window_secs],
    )?;
    Ok(())
}

/// Deletes the windows that ended more than `window_secs` ago (an address that stopped
/// trying would otherwise keep its row for ever).
pub fn forget_old_windows(t: &Tx, window_secs: i64) -> StoreResult<()> {
    t.exec(
        "DELETE FROM rate_windows WHERE window_start < now() - ?1::bigint * interval '1 second'",
        &[&window_secs],
    )?;
    Ok(())
}
