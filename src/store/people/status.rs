//! `user_status`: each person's status, their last activity, their time zone and their
//! quiet hours (one row per person, made on first use). Who is in a call is read from
//! the calls' own record (`call_answers`), so no flag here can outlive a call.

use crate::store::engine::sql::{Flag, IdList, Row};
use crate::store::{Conn, StoreResult};

/// A person's row, as stored.
#[derive(Debug, Clone, Default)]
pub struct StatusRow {
    pub user_id: i64,
    pub emoji: String,
    pub text: String,
    /// Unix milliseconds; `None`: until they clear it.
    pub ends_at: Option<i64>,
    pub appear_away: bool,
    /// Unix milliseconds of their last activity (0: none seen).
    pub active_at: i64,
    pub time_zone: Option<String>,
    /// JSON list of ranges, '' for none.
    pub quiet_hours: String,
    pub paused_until: Option<i64>,
}

const COLUMNS: &str = "user_id, emoji, text, ends_at, appear_away, active_at, time_zone, \
                       quiet_hours, paused_until";

fn from_row(r: &Row<'_>) -> StoreResult<StatusRow> {
    Ok(StatusRow {
        user_id: r.get(0)?,
        emoji: r.get(1)?,
        text: r.get(2)?,
        ends_at: r.get(3)?,
        appear_away: r.get::<i64>(4)? != 0,
        active_at: r.get(5)?,
        time_zone: r.get(6)?,
        quiet_hours: r.get(7)?,
        paused_until: r.get(8)?,
    })
}

/// The row is there before any update touches it.
fn ensure(c: &Conn, user_id: i64) -> StoreResult<()> {
    c.exec(
        "INSERT INTO user_status (user_id) VALUES (?1) ON CONFLICT (user_id) DO NOTHING",
        &[&user_id],
    )?;
    Ok(())
}

/// A person's IANA time zone, as their browser gave it or they chose; `None` when
/// unknown. Anything that reads dates "in the person's zone" asks here.
pub fn time_zone(c: &Conn, user_id: i64) -> StoreResult<Option<String>> {
    Ok(c.opt(
        "SELECT time_zone FROM user_status WHERE user_id = ?1",
        &[&user_id],
        |r| r.get::<Option<String>>(0),
    )?
    .flatten())
}

/// One person's row (`None`: they never set anything and were never seen active).
pub fn of(c: &Conn, user_id: i64) -> StoreResult<Option<StatusRow>> {
    let sql = format!("SELECT {COLUMNS} FROM user_status WHERE user_id = ?1");
    c.opt(&sql, &[&user_id], from_row)
}

/// The rows of `ids` that exist.
pub fn of_many(c: &Conn, ids: &[i64]) -> StoreResult<Vec<StatusRow>> {
    let sql = format!("SELECT {COLUMNS} FROM user_status WHERE user_id IN rarray(?1)");
    c.all(&sql, &[&IdList::new(ids)], from_row)
}

/// Every row of an active person.
pub fn all(c: &Conn) -> StoreResult<Vec<StatusRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM user_status s WHERE EXISTS
             (SELECT 1 FROM users u WHERE u.id = s.user_id AND u.is_active = 1)
         ORDER BY user_id"
    );
    c.all(&sql, &[], from_row)
}

/// Sets a person's words (and when they end).
pub fn set(
    c: &Conn,
    user_id: i64,
    emoji: &str,
    text: &str,
    ends_at: Option<i64>,
) -> StoreResult<()> {
    ensure(c, user_id)?;
    c.exec(
        "UPDATE user_status SET emoji = ?2, text = ?3, ends_at = ?4 WHERE user_id = ?1",
        &[&user_id, &emoji, &text, &ends_at],
    )?;
    Ok(())
}

/// Sets whether the person appears away whatever their activity.
pub fn set_appear_away(c: &Conn, user_id: i64, on: bool) -> StoreResult<()> {
    ensure(c, user_id)?;
    c.exec(
        "UPDATE user_status SET appear_away = ?2 WHERE user_id = ?1",
        &[&user_id, &Flag::new(on)],
    )?;
    Ok(())
}

/// Sets the person's time zone (a name already checked).
pub fn set_time_zone(c: &Conn, user_id: i64, zone: &str) -> StoreResult<()> {
    ensure(c, user_id)?;
    c.exec(
        "UPDATE user_status SET time_zone = ?2 WHERE user_id = ?1",
        &[&user_id, &zone],
    )?;
    Ok(())
}

/// Sets the person's quiet hours (JSON already checked; '' for none).
pub fn set_quiet_hours(c: &Conn, user_id: i64, json: &str) -> StoreResult<()> {
    ensure(c, user_id)?;
    c.exec(
        "UPDATE user_status SET quiet_hours = ?2 WHERE user_id = ?1",
        &[&user_id, &json],
    )?;
    Ok(())
}

/// Pauses the person's notifications until `until` (unix ms), or ends the pause.
pub fn set_paused_until(c: &Conn, user_id: i64, until: Option<i64>) -> StoreResult<()> {
    ensure(c, user_id)?;
    c.exec(
        "UPDATE user_status SET paused_until = ?2 WHERE user_id = ?1",
        &[&user_id, &until],
    )?;
    Ok(())
}

/// Whether the person has never been seen active.
pub fn never_active(c: &Conn, user_id: i64) -> StoreResult<bool> {
    let at: Option<i64> = c.opt(
        "SELECT active_at FROM user_status WHERE user_id = ?1",
        &[&user_id],
        |r| r.get(0),
    )?;
    Ok(at.unwrap_or(0) == 0)
}

/// Notes activity at `now` (unix ms); whether sockets had been told the person was
/// away (they are then told they are back).
pub fn touch_active(c: &Conn, user_id: i64, now: i64) -> StoreResult<bool> {
    ensure(c, user_id)?;
    let told: i64 = c.one(
        "SELECT away_told FROM user_status WHERE user_id = ?1",
        &[&user_id],
        |r| r.get(0),
    )?;
    c.exec(
        "UPDATE user_status SET active_at = ?2, away_told = 0 WHERE user_id = ?1",
        &[&user_id, &now],
    )?;
    Ok(told != 0)
}

/// Clears every status whose end is at or before `now`; whose they were. The update is
/// the claim: a second node running the same sweep finds nothing left to clear.
pub fn clear_ended(c: &Conn, now: i64) -> StoreResult<Vec<i64>> {
    c.all(
        "UPDATE user_status SET emoji = '', text = '', ends_at = NULL
         WHERE ends_at IS NOT NULL AND ends_at <= ?1 RETURNING user_id",
        &[&now],
        |r| r.get(0),
    )
}

/// Marks as told everyone seen active before `before` and not yet told they went away;
/// who they are. The update is the claim, as in [`clear_ended`].
pub fn claim_gone_away(c: &Conn, before: i64) -> StoreResult<Vec<i64>> {
    c.all(
        "UPDATE user_status SET away_told = 1
         WHERE away_told = 0 AND active_at < ?1 RETURNING user_id",
        &[&before],
        |r| r.get(0),
    )
}

/// Which of `ids` are in a call now: joined a call not yet ended and not left it.
pub fn in_call(c: &Conn, ids: &[i64]) -> StoreResult<Vec<i64>> {
    c.all(
        "SELECT DISTINCT a.user_id FROM call_answers a JOIN calls k ON k.id = a.call_id
         WHERE a.user_id IN rarray(?1) AND a.answer = 'joined' AND a.left_at IS NULL
           AND k.ended_at IS NULL",
        &[&IdList::new(ids)],
        |r| r.get(0),
    )
}

/// Every active person's id (a status change is told to all of them).
pub fn everyone(c: &Conn) -> StoreResult<Vec<i64>> {
    c.all(
        "SELECT id FROM users WHERE is_active = 1 ORDER BY id",
        &[],
        |r| r.get(0),
    )
}

/// Whether the sweep has anything to do: a status ended by `now`, or someone last
/// active before `before` not yet told away (two indexed reads).
pub fn sweep_due(c: &Conn, now: i64, before: i64) -> StoreResult<bool> {
    let ended = c.opt(
        "SELECT 1 FROM user_status WHERE ends_at IS NOT NULL AND ends_at <= ?1 LIMIT 1",
        &[&now],
        |r| r.get::<i64>(0),
    )?;
    if ended.is_some() {
        return Ok(true);
    }
    Ok(c.opt(
        "SELECT 1 FROM user_status WHERE away_told = 0 AND active_at < ?1 LIMIT 1",
        &[&before],
        |r| r.get::<i64>(0),
    )?
    .is_some())
}
