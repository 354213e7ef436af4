//! The keys Matrix apps publish for end-to-end encryption: each device's identity keys,
//! its one-time and fallback keys, a person's cross-signing keys, and the signatures
//! people add to them. natter keeps each as the JSON the app sent and never reads a key.

use crate::store::{Conn, StoreResult};

/// Stores (replaces) a device's identity keys.
pub fn put_device_keys(c: &Conn, user_id: i64, device_id: &str, keys: &str) -> StoreResult<()> {
    c.exec(
        "INSERT INTO matrix_device_keys (user_id, device_id, keys) VALUES (?1, ?2, ?3)
         ON CONFLICT (user_id, device_id) DO UPDATE SET keys = excluded.keys",
        &[&user_id, &device_id, &keys],
    )?;
    Ok(())
}

/// A device's identity keys as stored, if it published any.
pub fn device_keys(c: &Conn, user_id: i64, device_id: &str) -> StoreResult<Option<String>> {
    c.opt(
        "SELECT keys FROM matrix_device_keys WHERE user_id = ?1 AND device_id = ?2",
        &[&user_id, &device_id],
        |r| r.get(0),
    )
}

/// The identity keys of a person's signed-in devices: (device id, keys).
pub fn devices_keys(c: &Conn, user_id: i64) -> StoreResult<Vec<(String, String)>> {
    c.all(
        "SELECT k.device_id, k.keys FROM matrix_device_keys k
         WHERE k.user_id = ?1 AND EXISTS (SELECT 1 FROM sessions s
             WHERE s.user_id = k.user_id AND s.device_id = k.device_id)
         ORDER BY k.device_id",
        &[&user_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Forgets everything a device published and everything waiting for it: it signed out.
/// Its signature on its owner's keys (their master key) goes too: only a signed-in
/// device's signature is handed out.
pub fn forget_device(c: &Conn, user_id: i64, device_id: &str) -> StoreResult<()> {
    for sql in [
        "DELETE FROM matrix_device_keys WHERE user_id = ?1 AND device_id = ?2",
        "DELETE FROM matrix_one_time_keys WHERE user_id = ?1 AND device_id = ?2",
        "DELETE FROM matrix_to_device WHERE user_id = ?1 AND device_id = ?2",
        "DELETE FROM matrix_key_signatures WHERE target_user = ?1 AND target_key = ?2",
    ] {
        c.exec(sql, &[&user_id, &device_id])?;
    }
    let signer_key = format!("ed25519:{device_id}");
    c.exec(
        "DELETE FROM matrix_key_signatures WHERE target_user = ?1 AND signer_key = ?2",
        &[&user_id, &signer_key],
    )?;
    Ok(())
}

/// A one-time key as stored under its id, if the device has one by that id.
pub fn one_time_key(
    c: &Conn,
    user_id: i64,
    device_id: &str,
    key_id: &str,
) -> StoreResult<Option<String>> {
    c.opt(
        "SELECT key FROM matrix_one_time_keys
         WHERE user_id = ?1 AND device_id = ?2 AND fallback = 0 AND key_id = ?3",
        &[&user_id, &device_id, &key_id],
        |r| r.get(0),
    )
}

/// Adds a one-time key (`<algorithm>:<id>`); one already stored under the id stays.
pub fn add_one_time_key(
    c: &Conn,
    user_id: i64,
    device_id: &str,
    key_id: &str,
    key: &str,
) -> StoreResult<()> {
    c.exec(
        "INSERT INTO matrix_one_time_keys (user_id, device_id, fallback, key_id, key)
         VALUES (?1, ?2, 0, ?3, ?4) ON CONFLICT DO NOTHING",
        &[&user_id, &device_id, &key_id, &key],
    )?;
    Ok(())
}

/// Replaces the device's fallback key of `algorithm` with `key_id`'s (a fresh one is
/// unused); the same key uploaded again keeps whether it was used.
pub fn put_fallback_key(
    c: &Conn,
    user_id: i64,
    device_id: &str,
    algorithm: &str,
    key_id: &str,
    key: &str,
) -> StoreResult<()> {
    let prefix = format!("{algorithm}:");
    c.exec(
        "DELETE FROM matrix_one_time_keys
         WHERE user_id = ?1 AND device_id = ?2 AND fallback = 1
           AND substr(key_id, 1, length(CAST(?3 AS TEXT))) = ?3 AND NOT (key_id = ?4 AND key = ?5)",
        &[&user_id, &device_id, &prefix, &key_id, &key],
    )?;
    c.exec(
        "INSERT INTO matrix_one_time_keys (user_id, device_id, fallback, key_id, key)
         VALUES (?1, ?2, 1, ?3, ?4) ON CONFLICT DO NOTHING",
        &[&user_id, &device_id, &key_id, &key],
    )?;
    Ok(())
}

/// The ids of all a device's fallback keys, handed out or not.
pub fn fallback_key_ids(c: &Conn, user_id: i64, device_id: &str) -> StoreResult<Vec<String>> {
    c.all(
        "SELECT key_id FROM matrix_one_time_keys
         WHERE user_id = ?1 AND device_id = ?2 AND fallback = 1",
        &[&user_id, &device_id],
        |r| r.get(0),
    )
}

/// The ids of a device's keys: its unclaimed one-time keys (`fallback` false), or its
/// fallback keys not yet handed out (true).
pub fn key_ids(
    c: &Conn,
    user_id: i64,
    device_id: &str,
    fallback: bool,
) -> StoreResult<Vec<String>> {
    c.all(
        "SELECT key_id FROM matrix_one_time_keys
         WHERE user_id = ?1 AND device_id = ?2 AND fallback = ?3 AND used = 0",
        &[&user_id, &device_id, &(fallback as i64)],
        |r| r.get(0),
    )
}

/// Takes one of a device's one-time keys of `algorithm`, else hands out its fallback
/// key of that algorithm (which stays): (key id, key).
pub fn claim(
    c: &Conn,
    user_id: i64,
    device_id: &str,
    algorithm: &str,
) -> StoreResult<Option<(String, String)>> {
    let prefix = format!("{algorithm}:");
    let one: Option<(String, String)> = c.opt(
        "SELECT key_id, key FROM matrix_one_time_keys
         WHERE user_id = ?1 AND device_id = ?2 AND fallback = 0 AND substr(key_id, 1, length(CAST(?3 AS TEXT))) = ?3
         ORDER BY key_id LIMIT 1",
        &[&user_id, &device_id, &prefix],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if let Some((key_id, key)) = one {
        c.exec(
            "DELETE FROM matrix_one_time_keys
             WHERE user_id = ?1 AND device_id = ?2 AND fallback = 0 AND key_id = ?3",
            &[&user_id, &device_id, &key_id],
        )?;
        return Ok(Some((key_id, key)));
    }
    let fallback: Option<(String, String)> = c.opt(
        "SELECT key_id, key FROM matrix_one_time_keys
         WHERE user_id = ?1 AND device_id = ?2 AND fallback = 1 AND substr(key_id, 1, length(CAST(?3 AS TEXT))) = ?3
         ORDER BY key_id LIMIT 1",
        &[&user_id, &device_id, &prefix],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if let Some((key_id, _)) = &fallback {
        c.exec(
            "UPDATE matrix_one_time_keys SET used = 1
             WHERE user_id = ?1 AND device_id = ?2 AND fallback = 1 AND key_id = ?3",
            &[&user_id, &device_id, key_id],
        )?;
    }
    Ok(fallback)
}

/// Stores (replaces) one of a person's cross-signing keys (`master`, `self_signing`,
/// `user_signing`).
pub fn put_cross_signing(c: &Conn, user_id: i64, kind: &str, key: &str) -> StoreResult<()> {
    c.exec(
        "INSERT INTO matrix_cross_signing (user_id, kind, key) VALUES (?1, ?2, ?3)
         ON CONFLICT (user_id, kind) DO UPDATE SET key = excluded.key",
        &[&user_id, &kind, &key],
    )?;
    Ok(())
}

/// A person's cross-signing keys: (kind, key).
pub fn cross_signing(c: &Conn, user_id: i64) -> StoreResult<Vec<(String, String)>> {
    c.all(
        "SELECT kind, key FROM matrix_cross_signing WHERE user_id = ?1 ORDER BY kind",
        &[&user_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Forgets the signatures made on a person's cross-signing key `target_key` (it was
/// replaced).
pub fn forget_signatures_on(c: &Conn, user_id: i64, target_key: &str) -> StoreResult<()> {
    c.exec(
        "DELETE FROM matrix_key_signatures WHERE target_user = ?1 AND target_key = ?2",
        &[&user_id, &target_key],
    )?;
    Ok(())
}

/// Forgets the signatures `signer` made with its key `signer_key` (a cross-signing key
/// replaced: what it signed is no longer signed by the person's key).
pub fn forget_signatures_by(c: &Conn, signer: &str, signer_key: &str) -> StoreResult<()> {
    c.exec(
        "DELETE FROM matrix_key_signatures WHERE signer = ?1 AND signer_key = ?2",
        &[&signer, &signer_key],
    )?;
    Ok(())
}

/// One signature added to a device's keys (`target_key` its device id) or to a
/// cross-signing key (its public key), by `signer`'s key `signer_key`.
pub struct Signature {
    pub target_key: String,
    pub signer: String,
    pub signer_key: String,
    pub signature: String,
}

/// Stores (replaces) a signature on one of `target_user`'s keys.
pub fn put_signature(c: &Conn, target_user: i64, s: &Signature) -> StoreResult<()> {
    c.exec(
        "INSERT INTO matrix_key_signatures (target_user, target_key, signer, signer_key, signature)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (target_user, target_key, signer, signer_key)
         DO UPDATE SET signature = excluded.signature",
        &[
            &target_user,
            &s.target_key,
            &s.signer,
            &s.signer_key,
            &s.signature,
        ],
    )?;
    Ok(())
}

/// The signatures added to a person's keys.
pub fn signatures(c: &Conn, target_user: i64) -> StoreResult<Vec<Signature>> {
    c.all(
        "SELECT target_key, signer, signer_key, signature FROM matrix_key_signatures
         WHERE target_user = ?1 ORDER BY target_key, signer, signer_key",
        &[&target_user],
        |r| {
            Ok(Signature {
                target_key: r.get(0)?,
                signer: r.get(1)?,
                signer_key: r.get(2)?,
                signature: r.get(3)?,
            })
        },
    )
}

/// Whether two people are members of one chat together.
pub fn share_a_chat(c: &Conn, a: i64, b: i64) -> StoreResult<bool> {
    Ok(c.opt(
        "SELECT 1 FROM chat_members m1 JOIN chat_members m2 ON m2.chat_id = m1.chat_id
             WHERE m1.user_id = ?1 AND m2.user_id = ?2 LIMIT 1",
        &[&a, &b],
        |r| r.get::<i64>(0),
    )?
    .is_some())
}
