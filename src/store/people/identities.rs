//! The `sign_in_identities` table: which account an OpenID Connect provider's person
//! (`iss`, `sub`) is, one binding per provider and account, with the session that linked
//! it from the account page (`made_with`, migration 47); and `sign_in_attempts`, the
//! sign-ins sent to a provider and not back yet.

use crate::store::engine::sql::Row;
use crate::store::{Conn, StoreResult};

/// One provider account bound to a natter account, as the account page lists it.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The operator's name of the provider (`--oidc NAME=...`).
    pub provider: String,
    /// The provider's `iss` and `sub` for this person.
    pub issuer: String,
    pub subject: String,
    /// The email the provider gave at the last sign-in ('' for none).
    pub email: String,
    /// When it was linked, and last signed in with.
    pub created_at: String,
    pub last_used_at: Option<String>,
}

fn from_row(r: &Row<'_>) -> StoreResult<Identity> {
    Ok(Identity {
        provider: r.get(0)?,
        issuer: r.get(1)?,
        subject: r.get(2)?,
        email: r.get(3)?,
        created_at: r.get(4)?,
        last_used_at: r.get(5)?,
    })
}

/// The account bound to `(issuer, subject)`, if any.
pub fn user_for(c: &Conn, issuer: &str, subject: &str) -> StoreResult<Option<i64>> {
    c.opt(
        "SELECT user_id FROM sign_in_identities WHERE issuer = ?1 AND subject = ?2",
        &[&issuer, &subject],
        |r| r.get(0),
    )
}

/// A provider account to bind to a natter account.
pub struct NewBinding<'a> {
    /// The provider's `iss` and `sub` for this person.
    pub issuer: &'a str,
    pub subject: &'a str,
    /// The natter account, and the operator's name of the provider.
    pub user_id: i64,
    pub provider: &'a str,
    /// The email the provider gave ('' for none).
    pub email: &'a str,
    /// The stored hash of the session that linked it from the account page; `None` when
    /// a provider sign-in made or joined the account.
    pub made_with: Option<&'a [u8]>,
}

/// Binds a provider account to a natter account. Fails on the primary key when that
/// provider account is bound already, and on `(user_id, provider)` when the account has
/// one of that provider.
pub fn insert(c: &Conn, b: &NewBinding<'_>, now: &str) -> StoreResult<()> {
    c.exec(
        "INSERT INTO sign_in_identities
             (issuer, subject, user_id, provider, email, created_at, last_used_at, made_with)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
        &[
            &b.issuer,
            &b.subject,
            &b.user_id,
            &b.provider,
            &b.email,
            &now,
            &b.made_with.map(<[u8]>::to_vec),
        ],
    )?;
    Ok(())
}

/// Unbinds every provider account of `user_id` (a password set through a reset link);
/// how many.
pub fn delete_all(c: &Conn, user_id: i64) -> StoreResult<usize> {
    c.exec(
        "DELETE FROM sign_in_identities WHERE user_id = ?1",
        &[&user_id],
    )
}

/// Unbinds the provider accounts of `user_id` linked from the account page by any
/// sign-in but `keep` (the one changing the password; `None`: every one); how many.
/// Those a provider sign-in made or joined the account with stay.
pub fn delete_linked_by_others(c: &Conn, user_id: i64, keep: Option<&[u8]>) -> StoreResult<usize> {
    match keep {
        Some(keep) => c.exec(
            "DELETE FROM sign_in_identities
             WHERE user_id = ?1 AND made_with IS NOT NULL AND made_with <> ?2",
            &[&user_id, &keep],
        ),
        None => c.exec(
            "DELETE FROM sign_in_identities WHERE user_id = ?1 AND made_with IS NOT NULL",
            &[&user_id],
        ),
    }
}

/// Notes a sign-in through `(issuer, subject)` and the email it came with.
pub fn touch(c: &Conn, issuer: &str, subject: &str, email: &str, now: &str) -> StoreResult<()> {
    c.exec(
        "UPDATE sign_in_identities SET last_used_at = ?3, email = ?4
         WHERE issuer = ?1 AND subject = ?2",
        &[&issuer, &subject, &now, &email],
    )?;
    Ok(())
}

/// The provider accounts bound to `user_id`, by provider name.
pub fn for_user(c: &Conn, user_id: i64) -> StoreResult<Vec<Identity>> {
    c.all(
        "SELECT provider, issuer, subject, email, created_at, last_used_at
         FROM sign_in_identities WHERE user_id = ?1 ORDER BY provider",
        &[&user_id],
        from_row,
    )
}

/// Unbinds `user_id`'s account at `provider`; whether there was one.
pub fn delete(c: &Conn, user_id: i64, provider: &str) -> StoreResult<bool> {
    Ok(c.exec(
        "DELETE FROM sign_in_identities WHERE user_id = ?1 AND provider = ?2",
        &[&user_id, &provider],
    )? > 0)
}

/// A sign-in sent to a provider, as kept until its callback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// The provider's name.
    pub provider: String,
    /// What `oidc::Flow` holds: the PKCE verifier, the nonce, the redirect URL.
    pub verifier: String,
    pub nonce: String,
    pub redirect: String,
    /// The account a link from the account page is for.
    pub link_user: Option<i64>,
    /// The stored hash of the session that started that link: it binds only while that
    /// session lives.
    pub link_made_with: Option<Vec<u8>>,
    /// A join link's code.
    pub invite_code: Option<String>,
}

/// Keeps `attempt` under the sha256 of its state until `expires_at`; attempts expired at
/// `now` go.
pub fn insert_attempt(
    c: &Conn,
    state_hash: &[u8],
    a: &Attempt,
    expires_at: &str,
    now: &str,
) -> StoreResult<()> {
    c.exec(
        "DELETE FROM sign_in_attempts WHERE expires_at <= ?1",
        &[&now],
    )?;
    c.exec(
        "INSERT INTO sign_in_attempts
             (state_hash, provider, verifier, nonce, redirect, link_user, invite_code, expires_at,
              link_made_with)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        &[
            &state_hash,
            &a.provider,
            &a.verifier,
            &a.nonce,
            &a.redirect,
            &a.link_user,
            &a.invite_code,
            &expires_at,
            &a.link_made_with,
        ],
    )?;
    Ok(())
}

/// Removes the attempt whose state hashes to `state_hash` and returns it, unless it
/// expired at `now`: an attempt is finished (or refused) once.
pub fn take_attempt(c: &Conn, state_hash: &[u8], now: &str) -> StoreResult<Option<Attempt>> {
    let found = c.opt(
        "DELETE FROM sign_in_attempts WHERE state_hash = ?1
         RETURNING provider, verifier, nonce, redirect, link_user, invite_code, expires_at,
             link_made_with",
        &[&state_hash],
        |r| {
            let expires_at: String = r.get(6)?;
            Ok((
                Attempt {
                    provider: r.get(0)?,
                    verifier: r.get(1)?,
                    nonce: r.get(2)?,
                    redirect: r.get(3)?,
                    link_user: r.get(4)?,
                    invite_code: r.get(5)?,
                    link_made_with: r.get(7)?,
                },
                expires_at,
            ))
        },
    )?;
    Ok(found.and_then(|(a, expires_at)| (expires_at.as_str() > now).then_some(a)))
}
