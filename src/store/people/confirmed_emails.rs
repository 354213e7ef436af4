//! The `confirmed_emails` and `email_confirmations` tables: which account's address was
//! confirmed (by its key, so an address changed since is unconfirmed with nothing else
//! written), and the one-time links mailed to confirm one, as token hashes.

use crate::store::people::users::{self, User};
use crate::store::{Conn, StoreResult};

/// How an address came to be confirmed, as stored (and shown to administrators).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// Its owner opened the confirmation link mailed to it.
    Link,
    /// Its owner set a password through a reset link mailed to it.
    Reset,
    /// A sign-in provider said it verified this address for this account.
    Provider,
    /// The operator's command line or an administrator set or confirmed it.
    Operator,
    /// An import made the account with it.
    Import,
}

impl How {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            How::Link => "link",
            How::Reset => "reset",
            How::Provider => "provider",
            How::Operator => "operator",
            How::Import => "import",
        }
    }
}

/// Notes `user_id`'s present address as confirmed `how`; nothing when it has none.
pub fn confirm(c: &Conn, user_id: i64, how: How, now: &str) -> StoreResult<()> {
    c.exec(
        "INSERT INTO confirmed_emails (user_id, email_key, how, confirmed_at)
         SELECT id, email_key, ?2, ?3 FROM users
         WHERE id = ?1 AND email_key IS NOT NULL AND coalesce(email, '') <> ''
         ON CONFLICT (user_id) DO UPDATE
             SET email_key = excluded.email_key, how = excluded.how,
                 confirmed_at = excluded.confirmed_at",
        &[&user_id, &how.as_str(), &now],
    )?;
    Ok(())
}

/// Whether `user_id` has an address and it is the one confirmed.
pub fn is_confirmed(c: &Conn, user_id: i64) -> StoreResult<bool> {
    let found: Option<i64> = c.opt(
        "SELECT 1 FROM confirmed_emails ce JOIN users u ON u.id = ce.user_id
         WHERE ce.user_id = ?1 AND ce.email_key = u.email_key AND coalesce(u.email, '') <> ''",
        &[&user_id],
        |r| r.get(0),
    )?;
    Ok(found.is_some())
}

/// Of `ids`, those whose present address is confirmed.
pub fn confirmed_among(c: &Conn, ids: &[i64]) -> StoreResult<Vec<i64>> {
    let mut out = Vec::new();
    for id in ids {
        if is_confirmed(c, *id)? {
            out.push(*id);
        }
    }
    Ok(out)
}

/// The account whose confirmed address `email` is (any spelling of it), if any; an
/// account holding it unconfirmed is nobody's match.
pub fn confirmed_holder(c: &Conn, email: &str) -> StoreResult<Option<User>> {
    match users::by_email(c, email)? {
        Some(u) if is_confirmed(c, u.id)? => Ok(Some(u)),
        _ => Ok(None),
    }
}

/// Takes `email` from the account that holds it unconfirmed, so someone who proved it
/// (a provider's verified claim, an import that makes its person) can have it: that
/// account, left without an address, or `None` when nobody held it or it was confirmed.
pub fn release_unconfirmed(c: &Conn, email: &str) -> StoreResult<Option<User>> {
    match users::by_email(c, email)? {
        Some(u) if !is_confirmed(c, u.id)? => {
            users::set_email(c, u.id, "")?;
            c.exec(
                "UPDATE email_confirmations SET used_at = ?2 WHERE user_id = ?1 AND used_at IS NULL",
                &[&u.id, &crate::store::clock::now()],
            )?;
            Ok(Some(u))
        }
        _ => Ok(None),
    }
}

/// Stores a confirmation link's token hash for `user_id`'s present address, valid
/// until `expires_at`.
pub fn insert_link(
    c: &Conn,
    token_hash: &[u8],
    user_id: i64,
    expires_at: &str,
    now: &str,
) -> StoreResult<()> {
    // Read first, then a plain VALUES: PostgreSQL types a parameter in an INSERT's
    // SELECT list as text, which a bytea column refuses.
    let Some(key) = present_key(c, user_id)? else {
        return Ok(());
    };
    c.exec(
        "INSERT INTO email_confirmations (token_hash, user_id, email_key, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        &[&token_hash, &user_id, &key, &now, &expires_at],
    )?;
    Ok(())
}

/// Uses the link whose token hashes to `token_hash`, once, when it was made for
/// `user_id`: its account, or `None` when it is unknown, used, expired, another
/// account's (left unused), or for an address the account no longer has.
pub fn take_link(c: &Conn, token_hash: &[u8], user_id: i64, now: &str) -> StoreResult<Option<i64>> {
    c.opt(
        "UPDATE email_confirmations SET used_at = ?2
         WHERE token_hash = ?1 AND user_id = ?3 AND used_at IS NULL AND expires_at > ?2
           AND email_key = (SELECT u.email_key FROM users u WHERE u.id = email_confirmations.user_id)
         RETURNING user_id",
        &[&token_hash, &now, &user_id],
        |r| r.get(0),
    )
}

/// When the newest confirmation link for `user_id` was made, if one was.
pub fn last_link_at(c: &Conn, user_id: i64) -> StoreResult<Option<String>> {
    c.one(
        "SELECT max(created_at) FROM email_confirmations WHERE user_id = ?1",
        &[&user_id],
        |r| r.get::<Option<String>>(0),
    )
}

/// The key of `user_id`'s present address (`None`: it has none).
pub fn present_key(c: &Conn, user_id: i64) -> StoreResult<Option<String>> {
    Ok(c.opt(
        "SELECT email_key FROM users WHERE id = ?1 AND coalesce(email, '') <> ''",
        &[&user_id],
        |r| r.get::<Option<String>>(0),
    )?
    .flatten())
}
