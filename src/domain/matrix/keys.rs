//! End-to-end encryption keys of Matrix apps, kept and handed out, never read: each
//! device's identity keys, its one-time and fallback keys (claimed by others to start an
//! encrypted session with it), a person's cross-signing keys and the signatures on them.
//! Who has changed keys is logged (`Kind::DeviceKeys`), so that the syncs of everyone
//! who shares a chat with them say so and their apps fetch the keys again.

use crate::domain::error::{Error, Problem, Result};
use crate::state::App;
use crate::store::matrix_keys;
pub use crate::store::matrix_keys::Signature;
use crate::store::{self, Conn};

/// The most unclaimed one-time keys a device keeps: apps keep about fifty uploaded, and
/// a device that uploads without end must not fill the disk.
pub const MAX_ONE_TIME_KEYS: usize = 200;
/// The largest key (or key list) kept, in bytes of JSON.
pub const MAX_KEY_JSON: usize = 16 * 1024;

/// What a device uploads (`/keys/upload`), each key as its JSON text.
pub struct Upload {
    pub device_keys: Option<String>,
    /// (`<algorithm>:<id>`, key)
    pub one_time: Vec<(String, String)>,
    /// (algorithm, `<algorithm>:<id>`, key)
    pub fallback: Vec<(String, String, String)>,
}

/// How many keys a device has left for others to claim.
pub struct KeyCounts {
    /// Unclaimed one-time keys by algorithm.
    pub one_time: Vec<(String, i64)>,
    /// The algorithms of its fallback keys not yet handed out.
    pub unused_fallback: Vec<String>,
}

/// A device's counts, read in `c`.
pub fn counts_in(c: &Conn, me: i64, device: &str) -> Result<KeyCounts> {
    let mut one_time: Vec<(String, i64)> = Vec::new();
    for id in matrix_keys::key_ids(c, me, device, false)? {
        let algorithm = id.split_once(':').map_or(id.as_str(), |(a, _)| a);
        match one_time.iter_mut().find(|(a, _)| a == algorithm) {
            Some((_, n)) => *n += 1,
            None => one_time.push((algorithm.to_string(), 1)),
        }
    }
    let mut unused_fallback: Vec<String> = matrix_keys::key_ids(c, me, device, true)?
        .iter()
        .map(|id| {
            id.split_once(':')
                .map_or(id.as_str(), |(a, _)| a)
                .to_string()
        })
        .collect();
    unused_fallback.dedup();
    Ok(KeyCounts {
        one_time,
        unused_fallback,
    })
}

/// Stores what device `device` of `me` uploads; answers its counts. A one-time key id
/// already stored with other content is refused, as Synapse refuses it.
pub async fn upload(app: &App, me: i64, device: String, up: Upload) -> Result<KeyCounts> {
    app.db
        .write(move |c| {
            for (id, key) in &up.one_time {
                if matrix_keys::one_time_key(c, me, &device, id)?.is_some_and(|k| k != *key) {
                    return Err(Error::field(
                        "one_time_keys",
                        Problem::Worded(
                            "A one-time key of that id was uploaded with other content.",
                        ),
                    ));
                }
            }
            if matrix_keys::key_ids(c, me, &device, false)?.len() + up.one_time.len()
                > MAX_ONE_TIME_KEYS
            {
                return Err(Error::field(
                    "one_time_keys",
                    Problem::Worded("This device holds as many one-time keys as it may."),
                ));
            }
            if let Some(keys) = &up.device_keys {
                if matrix_keys::device_keys(c, me, &device)?.as_deref() != Some(keys.as_str()) {
                    matrix_keys::put_device_keys(c, me, &device, keys)?;
                    store::matrix_log::note_device_keys(c, me)?;
                }
            }
            for (id, key) in &up.one_time {
                matrix_keys::add_one_time_key(c, me, &device, id, key)?;
            }
            for (algorithm, id, key) in &up.fallback {
                matrix_keys::put_fallback_key(c, me, &device, algorithm, id, key)?;
            }
            counts_in(c, me, &device)
        })
        .await
}

/// One person's keys as `/keys/query` answers them.
pub struct PersonKeys {
    pub user_id: i64,
    /// (device id, identity keys) of their signed-in devices.
    pub devices: Vec<(String, String)>,
    /// (kind, key) of their cross-signing keys.
    pub cross_signing: Vec<(String, String)>,
    /// Signatures added to their keys since they were uploaded.
    pub signatures: Vec<Signature>,
}

/// The keys of `people`, each with the devices asked (all when `None`).
pub async fn query(app: &App, people: Vec<(i64, Option<Vec<String>>)>) -> Result<Vec<PersonKeys>> {
    app.db
        .read(move |c| {
            let mut out = Vec::with_capacity(people.len());
            for (user_id, wanted) in people.iter().cloned() {
                let mut devices = matrix_keys::devices_keys(c, user_id)?;
                if let Some(wanted) = wanted.filter(|w| !w.is_empty()) {
                    devices.retain(|(id, _)| wanted.contains(id));
                }
                out.push(PersonKeys {
                    user_id,
                    devices,
                    cross_signing: matrix_keys::cross_signing(c, user_id)?,
                    signatures: matrix_keys::signatures(c, user_id)?,
                });
            }
            Ok(out)
        })
        .await
}

/// Whether `a` and `b` are the same person or share a chat: whose one-time keys one
/// may claim and to whose devices one may send.
pub fn may_reach(c: &Conn, a: i64, b: i64) -> Result<bool> {
    Ok(a == b || store::matrix_keys::share_a_chat(c, a, b)?)
}

/// Claims a one-time key (else the fallback key) of each (person, device, algorithm)
/// wanted, of people `me` may reach: (person, device, key id, key).
pub async fn claim(
    app: &App,
    me: i64,
    wanted: Vec<(i64, String, String)>,
) -> Result<Vec<(i64, String, String, String)>> {
    app.db
        .write(move |c| {
            let mut out = Vec::new();
            for (user_id, device, algorithm) in wanted.iter().cloned() {
                if !may_reach(c, me, user_id)? {
                    continue;
                }
                if let Some((id, key)) = matrix_keys::claim(c, user_id, &device, &algorithm)? {
                    out.push((user_id, device, id, key));
                }
            }
            Ok(out)
        })
        .await
}

/// The people whose devices or keys changed after log position `from` up to `to`, of
/// those who share a chat with `me`: (id, username).
pub async fn changes(app: &App, me: i64, from: i64, to: i64) -> Result<Vec<(i64, String)>> {
    app.db
        .read(move |c| {
            let mut out = Vec::new();
            for id in store::matrix_log::keys_changed(c, me, from, to)? {
                if let Some(u) = store::people::users::by_id(c, id)? {
                    out.push((id, u.username));
                }
            }
            Ok(out)
        })
        .await
}

/// Whether storing `keys` replaces cross-signing keys `me` has (which asks for their
/// password): a first upload, or the same keys again, does not.
pub async fn replaces_cross_signing(
    app: &App,
    me: i64,
    keys: Vec<(&'static str, String)>,
) -> Result<bool> {
    app.db
        .read(move |c| {
            let stored = matrix_keys::cross_signing(c, me)?;
            Ok(keys
                .iter()
                .any(|(kind, json)| stored.iter().any(|(k, before)| k == kind && before != json)))
        })
        .await
}

/// One cross-signing key to store: its kind (`master`, `self_signing`,
/// `user_signing`) and its JSON.
pub struct CrossSigningKey {
    pub kind: &'static str,
    pub json: String,
}

/// Stores `me`'s cross-signing keys; a master key replaced takes the signatures made on
/// the old one with it.
pub async fn put_cross_signing(app: &App, me: i64, keys: Vec<CrossSigningKey>) -> Result<()> {
    app.db
        .write(move |c| {
            let old = matrix_keys::cross_signing(c, me)?;
            for key in &keys {
                if let Some((_, before)) = old.iter().find(|(kind, _)| kind == key.kind) {
                    if *before == key.json {
                        continue;
                    }
                    if let Some(public) = public_key_of(before) {
                        matrix_keys::forget_signatures_on(c, me, &public)?;
                    }
                }
                matrix_keys::put_cross_signing(c, me, key.kind, &key.json)?;
            }
            store::matrix_log::note_device_keys(c, me)?;
            Ok(())
        })
        .await
}

/// The public key a stored cross-signing key holds (`ed25519:<key>` in its `keys`),
/// as signatures name it.
fn public_key_of(json: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(json).ok()?;
    let id = v["keys"].as_object()?.keys().next()?;
    id.split_once(':').map(|(_, public)| public.to_string())
}

/// Stores signatures `me` made on others' (or their own) keys: (whose key, signature).
/// Signatures on the keys of people `me` cannot reach are left out; answers the people
/// whose keys could not be signed.
pub async fn add_signatures(
    app: &App,
    me: i64,
    signatures: Vec<(i64, Signature)>,
) -> Result<Vec<i64>> {
    app.db
        .write(move |c| {
            let mut signed: Vec<i64> = Vec::new();
            let mut refused: Vec<i64> = Vec::new();
            for (target, s) in &signatures {
                if !may_reach(c, me, *target)? {
                    if !refused.contains(target) {
                        refused.push(*target);
                    }
                    continue;
                }
                matrix_keys::put_signature(c, *target, s)?;
                if !signed.contains(target) {
                    signed.push(*target);
                }
            }
            for target in signed {
                store::matrix_log::note_device_keys(c, target)?;
            }
            Ok(refused)
        })
        .await
}

/// Forgets what a device published and what waited for it, and tells those who share a
/// chat with its owner: it signed out.
pub fn forget_device(c: &crate::store::Tx, user_id: i64, device_id: &str) -> Result<()> {
    matrix_keys::forget_device(c, user_id, device_id)?;
    store::matrix_log::note_device_keys(c, user_id)?;
    Ok(())
}
