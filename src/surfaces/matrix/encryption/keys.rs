//! The encryption keys' routes (`/keys/upload`, `/keys/query`, `/keys/claim`,
//! `/keys/changes`, `/keys/device_signing/upload`, `/keys/signatures/upload`): each key
//! kept as the app's JSON and handed to the apps of people who share a chat
//! (`domain::matrix::encryption::keys`). A signature is kept only where it means something and
//! checks; the others are answered as failures, in Synapse's words.

use crate::domain::matrix::encryption::keys::{
    self, CrossSigningKey, CrossSigningRefusal, KeyCounts, Missing, Signature, SignatureRefusal,
    SignedKeys, Upload, MAX_KEY_JSON,
};
use crate::domain::matrix::ids::{self, server_name};
use crate::domain::matrix::sign_in::devices;
use crate::domain::people::two_factor;
use crate::http::error::ApiResult;
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::store::people::users::User;
use crate::surfaces::matrix::errors::{bad_json, error};
use crate::surfaces::matrix::{body, people, sign_in::auth};
use serde_json::{json, Map, Value};
use warp::reply::Response;

/// The most people (or devices) one query or claim names.
const MAX_NAMED: usize = 1_000;

/// A key's JSON as kept, refused when larger than natter keeps.
fn key_json(value: &Value) -> ApiResult<String> {
    let text = value.to_string();
    match text.len() <= MAX_KEY_JSON {
        true => Ok(text),
        false => Err(error(
            400,
            "M_TOO_LARGE",
            "A key is larger than this server keeps",
        )),
    }
}

/// `field` of the body as an object, if it is there.
fn object_field<'a>(
    body: &'a Map<String, Value>,
    field: &str,
) -> ApiResult<Option<&'a Map<String, Value>>> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(map)) => Ok(Some(map)),
        Some(_) => Err(bad_json(&format!("'{field}' must be an object"))),
    }
}

/// The device id of the caller's token, which every key route needs.
async fn my_device(app: &App, caller: &crate::routing::caller::Caller) -> ApiResult<String> {
    devices::current(app, caller.credential())
        .await?
        .ok_or_else(|| error(401, "M_UNKNOWN_TOKEN", "Unknown access token"))
}

/// Counts as Synapse gives them: `signed_curve25519` always named.
pub fn counts_json(counts: &KeyCounts) -> Value {
    let mut out = Map::new();
    out.insert("signed_curve25519".into(), Value::from(0));
    for (algorithm, n) in &counts.one_time {
        out.insert(algorithm.clone(), Value::from(*n));
    }
    Value::Object(out)
}

/// `POST /keys/upload`.
pub async fn upload(app: &App, req: &Request) -> ApiResult<Response> {
    let caller = auth::caller(app, req)?;
    let device = my_device(app, &caller).await?;
    let me = caller.user(app).await?;
    let body = body::object(req)?;
    let me_mx = ids::user_id(&me.username, me.id, server_name(app));
    let device_keys = match object_field(&body, "device_keys")? {
        Some(keys) => {
            if keys.get("user_id").and_then(Value::as_str) != Some(me_mx.as_str())
                || keys.get("device_id").and_then(Value::as_str) != Some(device.as_str())
            {
                return Err(error(
                    400,
                    "M_INVALID_PARAM",
                    "'device_keys' must name this user and this device",
                ));
            }
            key_json(&Value::Object(keys.clone()))?;
            Some(keys.clone())
        }
        None => None,
    };
    let mut one_time = Vec::new();
    for (id, key) in object_field(&body, "one_time_keys")?.into_iter().flatten() {
        checked_key_id(id)?;
        one_time.push((id.clone(), key_json(key)?));
    }
    let mut fallback = Vec::new();
    let fallbacks = match object_field(&body, "fallback_keys")? {
        Some(keys) => Some(keys),
        None => object_field(&body, "org.matrix.msc2732.fallback_keys")?,
    };
    for (id, key) in fallbacks.into_iter().flatten() {
        let algorithm = checked_key_id(id)?;
        fallback.push((algorithm.to_string(), id.clone(), key_json(key)?));
    }
    let up = Upload {
        device_keys,
        one_time,
        fallback,
    };
    let counts = keys::upload(app, me.id, me_mx, device, up).await?;
    Ok(reply::json(
        200,
        &json!({"one_time_key_counts": counts_json(&counts)}),
    ))
}

/// A key id as `<algorithm>:<id>`: answers its algorithm.
fn checked_key_id(id: &str) -> ApiResult<&str> {
    match id.split_once(':') {
        Some((algorithm, rest)) if !algorithm.is_empty() && !rest.is_empty() && id.len() <= 255 => {
            Ok(algorithm)
        }
        _ => Err(error(
            400,
            "M_INVALID_PARAM",
            "A key id must be '<algorithm>:<id>'",
        )),
    }
}

/// `POST /keys/query`.
pub async fn query(app: &App, req: &Request) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let body = body::object(req)?;
    let asked =
        object_field(&body, "device_keys")?.ok_or_else(|| bad_json("'device_keys' is required"))?;
    let mut wanted = Vec::new();
    let mut names: Vec<(i64, String)> = Vec::new();
    for (user, devices) in asked.iter().take(MAX_NAMED) {
        let Some(u) = people::named(app, user).await? else {
            continue;
        };
        let devices = match devices {
            Value::Array(list) => Some(
                list.iter()
                    .filter_map(|d| d.as_str().map(str::to_string))
                    .collect(),
            ),
            _ => None,
        };
        wanted.push((u.id, user.clone(), devices));
        names.push((u.id, user.clone()));
    }
    let me_mx = ids::user_id(&me.username, me.id, server_name(app));
    let found = keys::query(app, me.id, me_mx, wanted).await?;
    let mut device_keys = Map::new();
    let mut master = Map::new();
    let mut self_signing = Map::new();
    let mut user_signing = Map::new();
    for person in found {
        let Some((_, user)) = names.iter().find(|(id, _)| *id == person.user_id) else {
            continue;
        };
        let mut devices = Map::new();
        for (device, keys) in &person.devices {
            let mut keys: Value = serde_json::from_str(keys).unwrap_or_else(|_| json!({}));
            add_signatures(&mut keys, device, &person.signatures);
            devices.insert(device.clone(), keys);
        }
        device_keys.insert(user.clone(), Value::Object(devices));
        for (kind, key) in &person.cross_signing {
            let mut key: Value = serde_json::from_str(key).unwrap_or_else(|_| json!({}));
            if let Some(public) = public_of(&key) {
                add_signatures(&mut key, &public, &person.signatures);
            }
            match kind.as_str() {
                "master" => master.insert(user.clone(), key),
                "self_signing" => self_signing.insert(user.clone(), key),
                "user_signing" if person.user_id == me.id => user_signing.insert(user.clone(), key),
                _ => None,
            };
        }
    }
    Ok(reply::json(
        200,
        &json!({
            "device_keys": device_keys,
            "master_keys": master,
            "self_signing_keys": self_signing,
            "user_signing_keys": user_signing,
            "failures": {},
        }),
    ))
}

/// A cross-signing key's public key (the id signatures name it by).
fn public_of(key: &Value) -> Option<String> {
    key["keys"]
        .as_object()?
        .keys()
        .next()
        .and_then(|k| k.split_once(':'))
        .map(|(_, public)| public.to_string())
}

/// Merges the signatures kept apart for `target` into its JSON.
fn add_signatures(keys: &mut Value, target: &str, signatures: &[Signature]) {
    for s in signatures.iter().filter(|s| s.target_key == target) {
        if !keys["signatures"].is_object() {
            keys["signatures"] = json!({});
        }
        if !keys["signatures"][&s.signer].is_object() {
            keys["signatures"][&s.signer] = json!({});
        }
        keys["signatures"][&s.signer][&s.signer_key] = Value::from(s.signature.clone());
    }
}

/// `POST /keys/claim`.
pub async fn claim(app: &App, req: &Request) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let body = body::object(req)?;
    let asked = object_field(&body, "one_time_keys")?
        .ok_or_else(|| bad_json("'one_time_keys' is required"))?;
    let mut wanted = Vec::new();
    let mut names: Vec<(i64, String)> = Vec::new();
    for (user, devices) in asked.iter().take(MAX_NAMED) {
        let Some(u) = people::named(app, user).await? else {
            continue;
        };
        let Some(devices) = devices.as_object() else {
            return Err(bad_json("Each person's devices must be an object"));
        };
        for (device, algorithm) in devices.iter().take(MAX_NAMED) {
            let algorithm = algorithm
                .as_str()
                .ok_or_else(|| bad_json("Each device must name an algorithm"))?;
            wanted.push((u.id, device.clone(), algorithm.to_string()));
        }
        names.push((u.id, user.clone()));
    }
    let claimed = keys::claim(app, me.id, wanted).await?;
    let mut out = Map::new();
    for (user_id, device, id, key) in claimed {
        let Some((_, user)) = names.iter().find(|(known, _)| *known == user_id) else {
            continue;
        };
        let key: Value = serde_json::from_str(&key).unwrap_or(Value::Null);
        let entry = out.entry(user.clone()).or_insert_with(|| json!({}));
        entry[&device] = json!({ id: key });
    }
    Ok(reply::json(
        200,
        &json!({"one_time_keys": out, "failures": {}}),
    ))
}

/// `GET /keys/changes?from=&to=`: whose keys changed between two sync tokens.
pub async fn changes(app: &App, req: &Request) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let token = |name: &str| -> ApiResult<i64> {
        let t = req
            .query_param(name)
            .ok_or_else(|| error(400, "M_MISSING_PARAM", &format!("'{name}' is required")))?;
        crate::surfaces::matrix::since_token::position(&t)
            .map(|(at, _)| at.log)
            .ok_or_else(|| {
                error(
                    400,
                    "M_INVALID_PARAM",
                    &format!("'{name}' is not a sync token"),
                )
            })
    };
    let (from, to) = (token("from")?, token("to")?);
    let server = server_name(app);
    let changed: Vec<String> = keys::changes(app, me.id, from, to)
        .await?
        .iter()
        .map(|(id, username)| ids::user_id(username, *id, server))
        .collect();
    Ok(reply::json(200, &json!({"changed": changed, "left": []})))
}

/// The cross-signing kinds and the body field each comes in.
const CROSS_SIGNING: [(&str, &str); 3] = [
    ("master", "master_key"),
    ("self_signing", "self_signing_key"),
    ("user_signing", "user_signing_key"),
];

/// `POST /keys/device_signing/upload`: the person's cross-signing keys. The first
/// upload (or the same keys again) needs nothing more; replacing them asks for the
/// password (user-interactive auth), as Synapse does.
pub async fn device_signing(app: &App, req: &Request) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let body = body::object(req)?;
    let me_mx = ids::user_id(&me.username, me.id, server_name(app));
    let mut upload = Vec::new();
    for (kind, field) in CROSS_SIGNING {
        let Some(key) = object_field(&body, field)? else {
            continue;
        };
        if key.get("user_id").and_then(Value::as_str) != Some(me_mx.as_str()) {
            return Err(error(
                400,
                "M_INVALID_PARAM",
                &format!("'{field}' must name this user"),
            ));
        }
        let keys = key.get("keys").and_then(Value::as_object);
        if keys.is_none_or(|k| k.len() != 1) {
            return Err(error(
                400,
                "M_INVALID_PARAM",
                &format!("'{field}' must hold one key"),
            ));
        }
        upload.push(CrossSigningKey {
            kind,
            json: key_json(&Value::Object(key.clone()))?,
        });
    }
    let checked = keys::check_cross_signing(app, me.id, me_mx.clone(), &upload)
        .await?
        .map_err(cross_signing_refused)?;
    let asked: Vec<(&'static str, String)> =
        upload.iter().map(|k| (k.kind, k.json.clone())).collect();
    if keys::replaces_cross_signing(app, me.id, asked).await? {
        confirm_password(app, &me, &body).await?;
    }
    keys::put_cross_signing(app, me.id, me_mx, upload, checked)
        .await?
        .map_err(cross_signing_refused)?;
    Ok(reply::json(200, &json!({})))
}

/// Cross-signing keys refused, in Synapse's errors.
fn cross_signing_refused(why: CrossSigningRefusal) -> crate::http::error::ApiError {
    match why {
        CrossSigningRefusal::NoMasterKey => {
            error(400, "M_MISSING_PARAM", "No master key available")
        }
        CrossSigningRefusal::InvalidKey(kind) => {
            error(400, "M_INVALID_PARAM", &format!("Invalid {kind} key"))
        }
        CrossSigningRefusal::InvalidSignature(kind) => error(
            400,
            "M_INVALID_SIGNATURE",
            &format!("Invalid signature on {kind} key: it must be signed by the master key"),
        ),
    }
}

/// The user-interactive auth of a request that replaces keys: its `auth` must carry the
/// person's password; without it, the 401 that says how to give it.
async fn confirm_password(app: &App, me: &User, body: &Map<String, Value>) -> ApiResult<()> {
    let auth = body.get("auth").and_then(Value::as_object);
    let password = auth
        .filter(|a| a.get("type").and_then(Value::as_str) == Some("m.login.password"))
        .and_then(|a| a.get("password"))
        .and_then(Value::as_str);
    // As Synapse: the first answer says only how to authenticate; a wrong password
    // says so with an error beside it.
    let ask = |wrong: Option<&str>| {
        let mut body = json!({
            "flows": [{"stages": ["m.login.password"]}],
            "params": {},
            "session": crate::kit::random::random_hex(8),
        });
        if let Some(text) = wrong {
            body["errcode"] = json!("M_FORBIDDEN");
            body["error"] = json!(text);
        }
        crate::http::error::ApiError::verbatim(401, body)
    };
    let Some(password) = password else {
        return Err(ask(None));
    };
    two_factor::check_password(app, me, password.to_string())
        .await
        .map_err(|_| ask(Some("Invalid password")))
}

/// `POST /keys/signatures/upload`: signatures the person made on their own devices'
/// keys (with their self-signing key), on their master key (with their devices' keys),
/// or on others' master keys (with their user-signing key). Each that is of another kind
/// or does not check is answered in `failures`, by person and key id, as Synapse
/// answers it, and not kept.
pub async fn signatures(app: &App, req: &Request) -> ApiResult<Response> {
    let me = auth::caller(app, req)?.user(app).await?;
    let body = body::object(req)?;
    let me_mx = ids::user_id(&me.username, me.id, server_name(app));
    let mut failures = Map::new();
    let mut signed: Vec<SignedKeys> = Vec::new();
    let mut names: Vec<(i64, String)> = Vec::new();
    for (user, keys) in body.iter().take(MAX_NAMED) {
        let Some(keys) = keys.as_object() else {
            return Err(bad_json("Each person's keys must be an object"));
        };
        let mut objects = Vec::new();
        for (key_id, object) in keys.iter().take(MAX_NAMED) {
            let Some(object) = object.as_object() else {
                return Err(bad_json("Each signed key must be an object"));
            };
            objects.push((key_id.clone(), object.clone()));
        }
        match people::named(app, user).await? {
            Some(u) => {
                signed.push((u.id, objects));
                names.push((u.id, user.clone()));
            }
            None => {
                for (key_id, _) in objects {
                    add_failure(
                        &mut failures,
                        user,
                        &key_id,
                        SignatureRefusal::NotFound(Missing::User),
                    );
                }
            }
        }
    }
    let refused = keys::add_signatures(app, me.id, me_mx, signed).await?;
    for (id, key_id, why) in refused {
        if let Some((_, user)) = names.iter().find(|(known, _)| *known == id) {
            add_failure(&mut failures, user, &key_id, why);
        }
    }
    Ok(reply::json(200, &json!({ "failures": failures })))
}

/// Notes in `failures` that `user`'s key `key_id` was not signed: Synapse's failure
/// (`status`, `errcode`) with the specification's `error` sentence.
fn add_failure(failures: &mut Map<String, Value>, user: &str, key_id: &str, why: SignatureRefusal) {
    let (status, errcode, text) = match why {
        SignatureRefusal::InvalidSignature => (400, "M_INVALID_SIGNATURE", "Invalid signature"),
        SignatureRefusal::KeyMismatch => (400, "M_UNKNOWN", "Key does not match"),
        SignatureRefusal::NotFound(Missing::SelfSigningKey) => {
            (404, "M_NOT_FOUND", "No self-signing key found")
        }
        SignatureRefusal::NotFound(Missing::UserSigningKey) => {
            (404, "M_NOT_FOUND", "No user-signing key found")
        }
        SignatureRefusal::NotFound(Missing::MasterKey) => {
            (404, "M_NOT_FOUND", "No master key found")
        }
        SignatureRefusal::NotFound(Missing::Key) => (404, "M_NOT_FOUND", "Unknown device"),
        SignatureRefusal::NotFound(Missing::User) => {
            (404, "M_NOT_FOUND", "No such user on this server")
        }
        SignatureRefusal::Unreachable => (403, "M_FORBIDDEN", "You share no room with this person"),
        SignatureRefusal::TooMany => (
            400,
            "M_TOO_LARGE",
            "This key holds as many of its owner's devices' signatures as this server keeps",
        ),
    };
    let entry = failures
        .entry(user.to_string())
        .or_insert_with(|| json!({}));
    entry[key_id] = json!({"status": status, "errcode": errcode, "error": text});
}
