//! End-to-end encryption keys of Matrix apps, kept and handed out, never read: each
//! device's identity keys, its one-time and fallback keys (claimed by others to start an
//! encrypted session with it), a person's cross-signing keys and the signatures on them.
//! Who has changed keys is logged (`Kind::DeviceKeys`), so that the syncs of everyone
//! who shares a chat with them say so and their apps fetch the keys again.
//!
//! A signature is kept only where it means something, as the specification's
//! `/keys/signatures/upload` says and Synapse keeps them: a person's self-signing key on
//! their own devices, their own devices on their master key, and their user-signing key
//! on another person's master key, each checked (`domain::matrix::encryption::signatures`) against
//! the key as kept. Anything else is refused, so that made-up signatures are neither
//! stored nor handed to everyone who queries the keys.

use super::signatures;
use crate::domain::error::{Error, Problem, Result};
use crate::state::App;
use crate::store::matrix::keys as matrix_keys;
pub use crate::store::matrix::keys::Signature;
use crate::store::{self, Conn};
use ed25519_dalek::VerifyingKey;
use serde_json::{Map, Value};

/// The most unclaimed one-time keys a device keeps: apps keep about fifty uploaded, and
/// a device that uploads without end must not fill the disk.
pub const MAX_ONE_TIME_KEYS: usize = 200;
/// The largest key (or key list) kept, in bytes of JSON.
pub const MAX_KEY_JSON: usize = 16 * 1024;
/// The most algorithms a device keeps a fallback key for. A fallback key is one per
/// algorithm and apps use one algorithm (`signed_curve25519`); a few more leave room for
/// a new algorithm beside the old while apps move, without a device keeping hundreds of
/// invented ones outside every other bound.
pub const MAX_FALLBACK_ALGORITHMS: usize = 5;
/// The most signatures a person's devices keep on their master key: one per device that
/// signed it, and a device's goes when it signs out. Far more devices than anyone keeps
/// signed in, yet a bound on what every query of their keys carries.
pub const MAX_DEVICE_SIGNATURES: i64 = 32;

/// What a device uploads (`/keys/upload`): its identity keys as sent (the surface checked
/// that they name this person and device), the others each as its JSON text.
pub struct Upload {
    pub device_keys: Option<Map<String, Value>>,
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

/// Stores what device `device` of `me` (`me_mx`: their Matrix id) uploads; answers its
/// counts. A one-time key id already stored with other content is refused, as Synapse
/// refuses it; so are fallback keys past [`MAX_FALLBACK_ALGORITHMS`]. Of the signatures
/// on the device's identity keys, only the device's own and its owner's self-signing
/// key's (when it checks) are kept: no one else's means anything there.
pub async fn upload(
    app: &App,
    me: i64,
    me_mx: String,
    device: String,
    up: Upload,
) -> Result<KeyCounts> {
    let device_keys = match up.device_keys {
        Some(keys) => {
            let stored = app
                .db
                .read(move |c| Ok::<_, Error>(matrix_keys::cross_signing(c, me)?))
                .await?;
            let self_signing = stored
                .iter()
                .find(|(kind, _)| kind == "self_signing")
                .and_then(|(_, json)| object_of(json))
                .and_then(|key| signatures::cross_signing_key(&key));
            let kept = kept_device_signatures(keys, &me_mx, &device, self_signing.as_ref());
            Some(Value::Object(kept).to_string())
        }
        None => None,
    };
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
            if !up.fallback.is_empty() {
                let mut algorithms: Vec<String> = matrix_keys::fallback_key_ids(c, me, &device)?
                    .iter()
                    .map(|id| algorithm_of(id).to_string())
                    .collect();
                algorithms.extend(up.fallback.iter().map(|(a, _, _)| a.clone()));
                algorithms.sort_unstable();
                algorithms.dedup();
                if algorithms.len() > MAX_FALLBACK_ALGORITHMS {
                    return Err(Error::field(
                        "fallback_keys",
                        Problem::Worded("A device keeps fallback keys of at most five algorithms."),
                    ));
                }
            }
            if let Some(keys) = &device_keys {
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

/// The algorithm of a key id (`<algorithm>:<id>`).
fn algorithm_of(id: &str) -> &str {
    id.split_once(':').map_or(id, |(a, _)| a)
}

/// A stored key's JSON as an object (every key is stored as one).
fn object_of(json: &str) -> Option<Map<String, Value>> {
    match serde_json::from_str(json) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// A device's identity keys with only the signatures that mean something there: the
/// device's own (`ed25519:<device>`, which every app checks itself) and its owner's
/// self-signing key's when it verifies. Other signatures, by other keys or other people,
/// are dropped rather than refused: Synapse keeps them, and an app may send them.
fn kept_device_signatures(
    mut keys: Map<String, Value>,
    me_mx: &str,
    device: &str,
    self_signing: Option<&(String, VerifyingKey)>,
) -> Map<String, Value> {
    let Some(all) = keys.get("signatures") else {
        return keys;
    };
    let own = format!("ed25519:{device}");
    let mine = all.get(me_mx).and_then(Value::as_object);
    let mut kept = Map::new();
    if let Some(signature) = mine.and_then(|m| m.get(&own)).filter(|s| s.is_string()) {
        kept.insert(own, signature.clone());
    }
    if let Some((id, public)) = self_signing {
        if let Some(signature) = mine.and_then(|m| m.get(id)).and_then(Value::as_str) {
            if signatures::verify_signature(&keys, signature, public) {
                kept.insert(id.clone(), Value::from(signature));
            }
        }
    }
    let mut by_owner = Map::new();
    if !kept.is_empty() {
        by_owner.insert(me_mx.to_string(), Value::Object(kept));
    }
    keys.insert("signatures".into(), Value::Object(by_owner));
    keys
}

/// One person's keys as `/keys/query` answers them.
pub struct PersonKeys {
    pub user_id: i64,
    /// (device id, identity keys) of their signed-in devices.
    pub devices: Vec<(String, String)>,
    /// (kind, key) of their cross-signing keys.
    pub cross_signing: Vec<(String, String)>,
    /// The signatures kept on their keys that the asker is shown: their self-signing
    /// key's on their devices, their devices' on their master key, and the asker's own
    /// user-signing key's on it. Another person's user-signing signature is theirs
    /// alone, as Synapse shows it only to its signer: everyone who verified a person
    /// would otherwise ride along in every query of that person's keys.
    pub signatures: Vec<Signature>,
}

/// The keys of `people` (id, Matrix id), each with the devices asked (all when `None`),
/// as `me` (`me_mx`) is shown them.
pub async fn query(
    app: &App,
    me: i64,
    me_mx: String,
    people: Vec<(i64, String, Option<Vec<String>>)>,
) -> Result<Vec<PersonKeys>> {
    app.db
        .read(move |c| {
            let my_user_signing = key_id_of(&matrix_keys::cross_signing(c, me)?, "user_signing");
            let mut out = Vec::with_capacity(people.len());
            for (user_id, owner, wanted) in people.iter().cloned() {
                let mut devices = matrix_keys::devices_keys(c, user_id)?;
                let cross_signing = matrix_keys::cross_signing(c, user_id)?;
                let self_signing = key_id_of(&cross_signing, "self_signing");
                let master = key_id_of(&cross_signing, "master");
                let master = master.as_deref().and_then(|id| id.strip_prefix("ed25519:"));
                let shown = |s: &Signature| -> bool {
                    if Some(s.target_key.as_str()) == master {
                        let by_device = s.signer == owner
                            && s.signer_key
                                .strip_prefix("ed25519:")
                                .is_some_and(|d| devices.iter().any(|(id, _)| id == d));
                        let by_asker = user_id != me
                            && s.signer == me_mx
                            && Some(&s.signer_key) == my_user_signing.as_ref();
                        return by_device || by_asker;
                    }
                    s.signer == owner
                        && Some(&s.signer_key) == self_signing.as_ref()
                        && devices.iter().any(|(id, _)| *id == s.target_key)
                };
                let signatures: Vec<Signature> = matrix_keys::signatures(c, user_id)?
                    .into_iter()
                    .filter(|s| shown(s))
                    .collect();
                if let Some(wanted) = wanted.filter(|w| !w.is_empty()) {
                    devices.retain(|(id, _)| wanted.contains(id));
                }
                out.push(PersonKeys {
                    user_id,
                    devices,
                    cross_signing,
                    signatures,
                });
            }
            Ok(out)
        })
        .await
}

/// The key id (`ed25519:<public>`) of the cross-signing key of `kind` among `stored`
/// (kind, JSON), if it is one.
fn key_id_of(stored: &[(String, String)], kind: &str) -> Option<String> {
    let (_, json) = stored.iter().find(|(k, _)| k == kind)?;
    signatures::cross_signing_key(&object_of(json)?).map(|(id, _)| id)
}

/// Whether `a` and `b` are the same person or share a chat: whose one-time keys one
/// may claim and to whose devices one may send.
pub fn may_reach(c: &Conn, a: i64, b: i64) -> Result<bool> {
    Ok(a == b || store::matrix::keys::share_a_chat(c, a, b)?)
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

/// Why cross-signing keys are refused, as Synapse refuses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrossSigningRefusal {
    /// Neither uploaded nor kept: the other keys are signed by it.
    NoMasterKey,
    /// A key of this kind names no such usage, or holds no single ed25519 key.
    InvalidKey(&'static str),
    /// A self-signing or user-signing key not signed by the master key.
    InvalidSignature(&'static str),
}

/// The master key the other cross-signing keys were checked against, for the write to
/// see that it is still the one kept.
pub struct CheckedCrossSigning {
    master: String,
}

/// Checks `me`'s (`me_mx`'s) cross-signing keys before they are kept, as Synapse checks
/// them: each names its usage and holds one ed25519 key, and the self-signing and
/// user-signing keys are signed by the master key (the one uploaded with them, else the
/// one kept). The master key itself need not be signed: Synapse does not ask it, and its
/// signatures are the apps' to check.
pub async fn check_cross_signing(
    app: &App,
    me: i64,
    me_mx: String,
    keys: &[CrossSigningKey],
) -> Result<std::result::Result<CheckedCrossSigning, CrossSigningRefusal>> {
    let uploaded: Vec<(&'static str, String)> =
        keys.iter().map(|k| (k.kind, k.json.clone())).collect();
    app.db
        .read(move |c| {
            let master = match uploaded.iter().find(|(kind, _)| *kind == "master") {
                Some((_, json)) => Some(json.clone()),
                None => matrix_keys::cross_signing(c, me)?
                    .into_iter()
                    .find(|(kind, _)| kind == "master")
                    .map(|(_, json)| json),
            };
            Ok(checked_cross_signing(&me_mx, &uploaded, master))
        })
        .await
}

/// [`check_cross_signing`]'s rule, on the keys uploaded and the master key to check them by.
fn checked_cross_signing(
    me_mx: &str,
    uploaded: &[(&'static str, String)],
    master: Option<String>,
) -> std::result::Result<CheckedCrossSigning, CrossSigningRefusal> {
    let usable = |kind: &'static str, json: &str| {
        let key = object_of(json).ok_or(CrossSigningRefusal::InvalidKey(kind))?;
        let usage = key.get("usage").and_then(Value::as_array);
        if !usage.is_some_and(|u| u.iter().any(|x| x.as_str() == Some(kind)))
            || key.get("user_id").and_then(Value::as_str) != Some(me_mx)
        {
            return Err(CrossSigningRefusal::InvalidKey(kind));
        }
        let (id, public) =
            signatures::cross_signing_key(&key).ok_or(CrossSigningRefusal::InvalidKey(kind))?;
        Ok((key, id, public))
    };
    let master = master.ok_or(CrossSigningRefusal::NoMasterKey)?;
    let (_, master_id, master_public) = usable("master", &master)?;
    for (kind, json) in uploaded.iter().filter(|(kind, _)| *kind != "master") {
        let (key, _, _) = usable(kind, json)?;
        if !signatures::verify(&key, me_mx, &master_id, &master_public) {
            return Err(CrossSigningRefusal::InvalidSignature(kind));
        }
    }
    Ok(CheckedCrossSigning { master })
}

/// Stores `me`'s (`me_mx`'s) cross-signing keys, checked by [`check_cross_signing`]
/// against a master key that must still be the one kept. A master key replaced takes the
/// signatures made on the old one with it; a self-signing or user-signing key replaced
/// takes the signatures it made.
pub async fn put_cross_signing(
    app: &App,
    me: i64,
    me_mx: String,
    keys: Vec<CrossSigningKey>,
    checked: CheckedCrossSigning,
) -> Result<std::result::Result<(), CrossSigningRefusal>> {
    app.db
        .write(move |c| {
            let old = matrix_keys::cross_signing(c, me)?;
            let master_now = keys
                .iter()
                .find(|k| k.kind == "master")
                .map(|k| k.json.clone())
                .or_else(|| {
                    old.iter()
                        .find(|(kind, _)| kind == "master")
                        .map(|(_, json)| json.clone())
                });
            if master_now.as_deref() != Some(checked.master.as_str()) {
                // Another request replaced the master key since the check.
                return Ok(Err(CrossSigningRefusal::InvalidSignature("self_signing")));
            }
            for key in &keys {
                if let Some((_, before)) = old.iter().find(|(kind, _)| kind == key.kind) {
                    if *before == key.json {
                        continue;
                    }
                    let before_id = key_id_of(&old, key.kind);
                    match (key.kind, before_id) {
                        ("master", Some(id)) => {
                            if let Some(public) = id.strip_prefix("ed25519:") {
                                matrix_keys::forget_signatures_on(c, me, public)?;
                            }
                        }
                        (_, Some(id)) => matrix_keys::forget_signatures_by(c, &me_mx, &id)?,
                        (_, None) => {}
                    }
                }
                matrix_keys::put_cross_signing(c, me, key.kind, &key.json)?;
            }
            store::matrix_log::note_device_keys(c, me)?;
            Ok(Ok(()))
        })
        .await
}

/// Why a signature uploaded was not kept, as Synapse words its failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureRefusal {
    /// Missing, by a key that may not sign there, or not valid.
    InvalidSignature,
    /// The signed key is not the one kept (apart from its signatures).
    KeyMismatch,
    /// The key signed, or the key to check by, is not there.
    NotFound(Missing),
    /// The person is one the signer shares no chat with.
    Unreachable,
    /// The key holds [`MAX_DEVICE_SIGNATURES`] already.
    TooMany,
}

/// What a signature was checked by or on, that was not there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// The signer's self-signing key (or master key) for their own keys.
    SelfSigningKey,
    /// The signer's user-signing key for others' keys.
    UserSigningKey,
    /// The signed person's master key.
    MasterKey,
    /// A device (or, of another person, any key but their master key).
    Key,
    /// The person.
    User,
}

/// Keys one person signed, as uploaded: (whose keys, [(key id, the key with the
/// signatures)]).
pub type SignedKeys = (i64, Vec<(String, Map<String, Value>)>);

/// Where a key checked is kept, to see in the write that it is still the same.
#[derive(Clone)]
enum KeyAt {
    Device(i64, String),
    CrossSigning(i64, &'static str),
}

impl KeyAt {
    fn current(&self, c: &Conn) -> Result<Option<String>> {
        Ok(match self {
            KeyAt::Device(user, device) => matrix_keys::device_keys(c, *user, device)?,
            KeyAt::CrossSigning(user, kind) => matrix_keys::cross_signing(c, *user)?
                .into_iter()
                .find(|(k, _)| k == kind)
                .map(|(_, json)| json),
        })
    }
}

/// One key's signatures that checked, to keep together or not at all.
struct Checked {
    target: i64,
    key_id: String,
    signatures: Vec<Signature>,
    /// The keys the check read (the signed one and each signer's) as they were then.
    read: Vec<(KeyAt, String)>,
    /// Whether these are devices' signatures on their owner's master key (bounded).
    by_devices: bool,
}

/// Checks and keeps the signatures `me` (`me_mx`) uploaded (`/keys/signatures/upload`):
/// only their self-signing key's on their own devices, their own devices' on their
/// master key, and their user-signing key's on the master key of someone they share a
/// chat with, each verified against the key as kept. Answers what was refused: (whose
/// keys, key id, why). Checked in a read (verifying is a few dozen microseconds each,
/// kept off the writer), kept in a write that sees each key read is still the same.
pub async fn add_signatures(
    app: &App,
    me: i64,
    me_mx: String,
    signed: Vec<SignedKeys>,
) -> Result<Vec<(i64, String, SignatureRefusal)>> {
    let signer = me_mx.clone();
    let (checked, mut refused) = app
        .db
        .read(move |c| {
            let mut checked = Vec::new();
            let mut refused = Vec::new();
            for (target, keys) in &signed {
                if *target == me {
                    own_signatures(c, me, &signer, keys, &mut checked, &mut refused)?;
                } else {
                    others_signatures(c, me, &signer, *target, keys, &mut checked, &mut refused)?;
                }
            }
            Ok::<_, Error>((checked, refused))
        })
        .await?;
    if checked.is_empty() {
        return Ok(refused);
    }
    let kept_refused = app
        .db
        .write(move |c| {
            let mut refused = Vec::new();
            let mut signed: Vec<i64> = Vec::new();
            for key in &checked {
                let mut same = true;
                for (at, json) in &key.read {
                    same &= at.current(c)?.as_deref() == Some(json.as_str());
                }
                if !same {
                    refused.push((
                        key.target,
                        key.key_id.clone(),
                        SignatureRefusal::KeyMismatch,
                    ));
                    continue;
                }
                if key.by_devices && devices_signing(c, key, &me_mx)? > MAX_DEVICE_SIGNATURES {
                    refused.push((key.target, key.key_id.clone(), SignatureRefusal::TooMany));
                    continue;
                }
                for s in &key.signatures {
                    matrix_keys::put_signature(c, key.target, s)?;
                }
                if !signed.contains(&key.target) {
                    signed.push(key.target);
                }
            }
            for target in signed {
                store::matrix_log::note_device_keys(c, target)?;
            }
            Ok::<_, Error>(refused)
        })
        .await?;
    refused.extend(kept_refused);
    Ok(refused)
}

/// How many of its owner's signed-in devices would sign master key `key` once its
/// signatures are kept: those kept already and those it adds. Only signed-in devices'
/// count, so that signatures kept before they were checked cannot take the room.
fn devices_signing(c: &Conn, key: &Checked, owner_mx: &str) -> Result<i64> {
    let devices = matrix_keys::devices_keys(c, key.target)?;
    let mut signers: Vec<&str> = Vec::new();
    let kept = matrix_keys::signatures(c, key.target)?;
    for s in kept.iter().chain(key.signatures.iter()) {
        let by_device = s.target_key == key.key_id
            && s.signer == owner_mx
            && s.signer_key
                .strip_prefix("ed25519:")
                .is_some_and(|d| devices.iter().any(|(id, _)| id == d));
        if by_device && !signers.contains(&s.signer_key.as_str()) {
            signers.push(&s.signer_key);
        }
    }
    Ok(signers.len() as i64)
}

/// A cross-signing key kept, parsed: its JSON, as an object, its key id and public key.
struct Parsed {
    json: String,
    key: Map<String, Value>,
    id: String,
    public: VerifyingKey,
}

/// `user`'s kept cross-signing key of `kind`, if it is a usable one.
fn parsed(stored: &[(String, String)], kind: &str) -> Option<Parsed> {
    let (_, json) = stored.iter().find(|(k, _)| k == kind)?;
    let key = object_of(json)?;
    let (id, public) = signatures::cross_signing_key(&key)?;
    Some(Parsed {
        json: json.clone(),
        key,
        id,
        public,
    })
}

/// Refuses each of `keys` for `why`.
fn refuse_all(
    target: i64,
    keys: &[(String, Map<String, Value>)],
    why: SignatureRefusal,
    refused: &mut Vec<(i64, String, SignatureRefusal)>,
) {
    refused.extend(keys.iter().map(|(id, _)| (target, id.clone(), why)));
}

/// Checks signatures on `me`'s own keys: their devices signed by their self-signing key,
/// their master key signed by their devices (Synapse's `_process_self_signatures`).
fn own_signatures(
    c: &Conn,
    me: i64,
    me_mx: &str,
    keys: &[(String, Map<String, Value>)],
    checked: &mut Vec<Checked>,
    refused: &mut Vec<(i64, String, SignatureRefusal)>,
) -> Result<()> {
    let stored = matrix_keys::cross_signing(c, me)?;
    let (Some(self_signing), Some(master)) =
        (parsed(&stored, "self_signing"), parsed(&stored, "master"))
    else {
        refuse_all(
            me,
            keys,
            SignatureRefusal::NotFound(Missing::SelfSigningKey),
            refused,
        );
        return Ok(());
    };
    let devices = matrix_keys::devices_keys(c, me)?;
    let device = |id: &str| -> Option<(String, Map<String, Value>)> {
        let (_, json) = devices.iter().find(|(d, _)| d == id)?;
        Some((json.clone(), object_of(json)?))
    };
    let master_name = master.id.strip_prefix("ed25519:").unwrap_or_default();
    for (key_id, object) in keys {
        let refuse = |why| (me, key_id.clone(), why);
        let Some(mine) = object
            .get("signatures")
            .and_then(|s| s.get(me_mx))
            .and_then(Value::as_object)
        else {
            refused.push(refuse(SignatureRefusal::InvalidSignature));
            continue;
        };
        if key_id == master_name {
            // The master key, signed by the person's devices. Its own signature (by
            // itself) is in its JSON already and is left as it is.
            let mut signatures = Vec::new();
            let mut read = vec![(KeyAt::CrossSigning(me, "master"), master.json.clone())];
            let mut why = None;
            for (signer_key, signature) in mine.iter().filter(|(k, _)| **k != master.id) {
                let found = signer_key
                    .strip_prefix("ed25519:")
                    .and_then(|d| device(d).map(|k| (d, k)));
                let Some((device_id, (json, device_keys))) = found else {
                    why = Some(SignatureRefusal::InvalidSignature);
                    break;
                };
                let public = device_keys
                    .get("keys")
                    .and_then(|k| k.get(signer_key))
                    .and_then(Value::as_str)
                    .and_then(signatures::public_key);
                if !signatures::same_key(object, &master.key) {
                    why = Some(SignatureRefusal::KeyMismatch);
                    break;
                }
                let Some(signature) = signature.as_str().filter(|s| {
                    public.is_some_and(|p| signatures::verify_signature(object, s, &p))
                }) else {
                    why = Some(SignatureRefusal::InvalidSignature);
                    break;
                };
                read.push((KeyAt::Device(me, device_id.to_string()), json));
                signatures.push(Signature {
                    target_key: key_id.clone(),
                    signer: me_mx.to_string(),
                    signer_key: signer_key.clone(),
                    signature: signature.to_string(),
                });
            }
            match why {
                Some(why) => refused.push(refuse(why)),
                None if signatures.is_empty() => {}
                None => checked.push(Checked {
                    target: me,
                    key_id: key_id.clone(),
                    signatures,
                    read,
                    by_devices: true,
                }),
            }
            continue;
        }
        // A device, signed by the self-signing key.
        let Some(signature) = mine.get(&self_signing.id).and_then(Value::as_str) else {
            refused.push(refuse(SignatureRefusal::InvalidSignature));
            continue;
        };
        let Some((json, stored_device)) = device(key_id) else {
            refused.push(refuse(SignatureRefusal::NotFound(Missing::Key)));
            continue;
        };
        if !signatures::same_key(object, &stored_device) {
            refused.push(refuse(SignatureRefusal::KeyMismatch));
            continue;
        }
        if !signatures::verify_signature(object, signature, &self_signing.public) {
            refused.push(refuse(SignatureRefusal::InvalidSignature));
            continue;
        }
        checked.push(Checked {
            target: me,
            key_id: key_id.clone(),
            signatures: vec![Signature {
                target_key: key_id.clone(),
                signer: me_mx.to_string(),
                signer_key: self_signing.id.clone(),
                signature: signature.to_string(),
            }],
            read: vec![
                (KeyAt::Device(me, key_id.clone()), json),
                (
                    KeyAt::CrossSigning(me, "self_signing"),
                    self_signing.json.clone(),
                ),
            ],
            by_devices: false,
        });
    }
    Ok(())
}

/// Checks signatures on `target`'s keys by `me`: only their master key, signed by `me`'s
/// user-signing key (Synapse's `_process_other_signatures`), and only of someone `me`
/// shares a chat with.
fn others_signatures(
    c: &Conn,
    me: i64,
    me_mx: &str,
    target: i64,
    keys: &[(String, Map<String, Value>)],
    checked: &mut Vec<Checked>,
    refused: &mut Vec<(i64, String, SignatureRefusal)>,
) -> Result<()> {
    let Some(user_signing) = parsed(&matrix_keys::cross_signing(c, me)?, "user_signing") else {
        refuse_all(
            target,
            keys,
            SignatureRefusal::NotFound(Missing::UserSigningKey),
            refused,
        );
        return Ok(());
    };
    if !may_reach(c, me, target)? {
        refuse_all(target, keys, SignatureRefusal::Unreachable, refused);
        return Ok(());
    }
    let Some(master) = parsed(&matrix_keys::cross_signing(c, target)?, "master") else {
        refuse_all(
            target,
            keys,
            SignatureRefusal::NotFound(Missing::MasterKey),
            refused,
        );
        return Ok(());
    };
    let master_name = master.id.strip_prefix("ed25519:").unwrap_or_default();
    if !keys.iter().any(|(id, _)| id == master_name) {
        refuse_all(
            target,
            keys,
            SignatureRefusal::NotFound(Missing::Key),
            refused,
        );
        return Ok(());
    }
    for (key_id, object) in keys {
        let refuse = |why| (target, key_id.clone(), why);
        if key_id != master_name {
            refused.push(refuse(SignatureRefusal::NotFound(Missing::Key)));
            continue;
        }
        if !signatures::same_key(object, &master.key) {
            refused.push(refuse(SignatureRefusal::KeyMismatch));
            continue;
        }
        let signature = object
            .get("signatures")
            .and_then(|s| s.get(me_mx))
            .and_then(|s| s.get(&user_signing.id))
            .and_then(Value::as_str)
            .filter(|s| signatures::verify_signature(object, s, &user_signing.public));
        let Some(signature) = signature else {
            refused.push(refuse(SignatureRefusal::InvalidSignature));
            continue;
        };
        checked.push(Checked {
            target,
            key_id: key_id.clone(),
            signatures: vec![Signature {
                target_key: key_id.clone(),
                signer: me_mx.to_string(),
                signer_key: user_signing.id.clone(),
                signature: signature.to_string(),
            }],
            read: vec![
                (KeyAt::CrossSigning(target, "master"), master.json.clone()),
                (
                    KeyAt::CrossSigning(me, "user_signing"),
                    user_signing.json.clone(),
                ),
            ],
            by_devices: false,
        });
    }
    Ok(())
}

/// Forgets what a device published and what waited for it, and tells those who share a
/// chat with its owner: it signed out.
pub fn forget_device(c: &crate::store::Tx, user_id: i64, device_id: &str) -> Result<()> {
    matrix_keys::forget_device(c, user_id, device_id)?;
    store::matrix_log::note_device_keys(c, user_id)?;
    Ok(())
}
