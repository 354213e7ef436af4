//! Bots' tables (schema step 14): the `bots` row beside a bot's `users` row,
//! and `bot_deliveries`, the calls of outgoing webhooks still owed. Times in `due_at` and
//! `claimed_until` are unix milliseconds.

use super::{Conn, StoreResult, Tx};

/// A bot's own row (its name, picture and activity are its `users` row's).
#[derive(Debug, Clone)]
pub struct BotRow {
    pub user_id: i64,
    pub owner: Option<(i64, String)>,
    pub key_hash: Vec<u8>,
    pub key_sealed: Vec<u8>,
    pub webhook_url: Option<String>,
    pub created_at: String,
}

const COLUMNS: &str = "b.user_id, b.owner_id, CAST(o.username AS TEXT), b.key_hash, b.key_sealed, \
                       b.webhook_url, b.created_at";

fn row(r: &super::engine::sql::Row<'_>) -> StoreResult<BotRow> {
    let owner_id: Option<i64> = r.get(1)?;
    let owner_name: Option<String> = r.get(2)?;
    Ok(BotRow {
        user_id: r.get(0)?,
        owner: owner_id.zip(owner_name),
        key_hash: r.get(3)?,
        key_sealed: r.get(4)?,
        webhook_url: r.get(5)?,
        created_at: r.get(6)?,
    })
}

/// Makes `user_id` (a new account) a bot.
pub fn insert(
    c: &Conn,
    user_id: i64,
    owner_id: i64,
    key_hash: &[u8],
    key_sealed: &[u8],
    webhook_url: Option<&str>,
    now: &str,
) -> StoreResult<()> {
    c.exec(
        "INSERT INTO bots (user_id, owner_id, key_hash, key_sealed, webhook_url, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        &[
            &user_id,
            &owner_id,
            &key_hash,
            &key_sealed,
            &webhook_url,
            &now,
        ],
    )?;
    Ok(())
}

/// The bot `user_id`, if it is one.
pub fn by_id(c: &Conn, user_id: i64) -> StoreResult<Option<BotRow>> {
    c.opt(
        &format!(
            "SELECT {COLUMNS} FROM bots b LEFT JOIN users o ON o.id = b.owner_id
             WHERE b.user_id = ?1"
        ),
        &[&user_id],
        row,
    )
}

/// Every bot, oldest first.
pub fn all(c: &Conn) -> StoreResult<Vec<BotRow>> {
    c.all(
        &format!(
            "SELECT {COLUMNS} FROM bots b LEFT JOIN users o ON o.id = b.owner_id
             ORDER BY b.user_id"
        ),
        &[],
        row,
    )
}

/// Gives the bot a new key (its hash and sealed copy).
pub fn set_key(c: &Conn, user_id: i64, key_hash: &[u8], key_sealed: &[u8]) -> StoreResult<bool> {
    Ok(c.exec(
        "UPDATE bots SET key_hash = ?2, key_sealed = ?3 WHERE user_id = ?1",
        &[&user_id, &key_hash, &key_sealed],
    )? > 0)
}

/// Sets (or, with `None`, clears) the bot's outgoing webhook.
pub fn set_webhook(c: &Conn, user_id: i64, url: Option<&str>) -> StoreResult<bool> {
    Ok(c.exec(
        "UPDATE bots SET webhook_url = ?2 WHERE user_id = ?1",
        &[&user_id, &url],
    )? > 0)
}

/// Removes the bot's row (its key and what it was owed go with it); whether it was one.
pub fn delete(c: &Conn, user_id: i64) -> StoreResult<bool> {
    Ok(c.exec("DELETE FROM bots WHERE user_id = ?1", &[&user_id])? > 0)
}

/// Which of the members of `chat_id` are bots with an outgoing webhook, with their name
/// keys (what a mention of them is matched against).
pub fn listening_in(c: &Conn, chat_id: i64) -> StoreResult<Vec<(i64, String)>> {
    c.all(
        "SELECT b.user_id, u.name_key FROM chat_members m
         JOIN bots b ON b.user_id = m.user_id
         JOIN users u ON u.id = b.user_id AND u.is_active = 1
         WHERE m.chat_id = ?1 AND b.webhook_url IS NOT NULL",
        &[&chat_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Whether `user_id` is a bot.
pub fn is_bot(c: &Conn, user_id: i64) -> StoreResult<bool> {
    Ok(
        c.opt("SELECT 1 FROM bots WHERE user_id = ?1", &[&user_id], |_| {
            Ok(())
        })?
        .is_some(),
    )
}

/// How many calls the bot is owed (claimed or not).
pub fn owed(c: &Conn, bot_id: i64) -> StoreResult<i64> {
    c.one(
        "SELECT count(*) FROM bot_deliveries WHERE bot_id = ?1",
        &[&bot_id],
        |r| r.get(0),
    )
}

/// Owes the bot a call for `message_id` (once: a second is nothing).
pub fn owe(c: &Tx, bot_id: i64, message_id: i64, chat_id: i64, due_at: i64) -> StoreResult<()> {
    c.exec(
        "INSERT INTO bot_deliveries (bot_id, message_id, chat_id, due_at)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
        &[&bot_id, &message_id, &chat_id, &due_at],
    )?;
    Ok(())
}

/// Whether some call is due at `now` and not claimed by a live node.
pub fn any_due(c: &Conn, now: i64) -> StoreResult<bool> {
    Ok(c.opt(
        "SELECT 1 FROM bot_deliveries
             WHERE due_at <= ?1 AND (claimed_until IS NULL OR claimed_until < ?1) LIMIT 1",
        &[&now],
        |_| Ok(()),
    )?
    .is_some())
}

/// A call claimed for sending.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub id: i64,
    pub bot_id: i64,
    pub message_id: i64,
    pub chat_id: i64,
    pub attempts: i64,
}

/// Claims up to `limit` due calls for `node` until `until`. The condition is checked
/// again on the row as PostgreSQL locked it, so two nodes never both claim one call.
pub fn claim(c: &Tx, node: &str, now: i64, until: i64, limit: i64) -> StoreResult<Vec<Delivery>> {
    c.all(
        "UPDATE bot_deliveries SET claimed_by = ?1, claimed_until = ?3
         WHERE id IN (SELECT id FROM bot_deliveries
                      WHERE due_at <= ?2 AND (claimed_until IS NULL OR claimed_until < ?2)
                      ORDER BY due_at LIMIT ?4)
           AND due_at <= ?2 AND (claimed_until IS NULL OR claimed_until < ?2)
         RETURNING id, bot_id, message_id, chat_id, attempts",
        &[&node, &now, &until, &limit],
        |r| {
            Ok(Delivery {
                id: r.get(0)?,
                bot_id: r.get(1)?,
                message_id: r.get(2)?,
                chat_id: r.get(3)?,
                attempts: r.get(4)?,
            })
        },
    )
}

/// The call `id` is done with (answered, or given up).
pub fn done(c: &Conn, id: i64) -> StoreResult<()> {
    c.exec("DELETE FROM bot_deliveries WHERE id = ?1", &[&id])?;
    Ok(())
}

/// The call `id` failed and is tried again at `due_at`.
pub fn retry_at(c: &Conn, id: i64, due_at: i64) -> StoreResult<()> {
    c.exec(
        "UPDATE bot_deliveries SET attempts = attempts + 1, due_at = ?2, claimed_by = NULL,
             claimed_until = NULL
         WHERE id = ?1",
        &[&id, &due_at],
    )?;
    Ok(())
}

/// Releases the calls `node` had claimed (it is starting again: whatever it was calling
/// was cut off), or, with `all`, every claim (a server alone on its database).
pub fn release_claims(c: &Conn, node: &str, all: bool) -> StoreResult<()> {
    if all {
        c.exec(
            "UPDATE bot_deliveries SET claimed_by = NULL, claimed_until = NULL
             WHERE claimed_by IS NOT NULL",
            &[],
        )?;
    } else {
        c.exec(
            "UPDATE bot_deliveries SET claimed_by = NULL, claimed_until = NULL
             WHERE claimed_by = ?1",
            &[&node],
        )?;
    }
    Ok(())
}
