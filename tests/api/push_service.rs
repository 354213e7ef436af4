//! A push service on this machine for the Web Push tests: it speaks
//! RFC 8030 (`POST /push/<name>`, answering 201 by default), checks each push's VAPID
//! header (RFC 8292) against the public key natter publishes, and decrypts each payload
//! (RFC 8291, aes128gcm) with the browser keys it made for that subscription, with the
//! primitives the RFC names (P-256 ECDH, HKDF-SHA-256, AES-128-GCM), step by step, not
//! with natter's code. A test can make an endpoint answer 404, 410, 429 or 5xx, or hang.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Notify;
use warp::http::StatusCode;
use warp::Filter;

/// One push as the service took it, already checked and decrypted.
#[derive(Debug, Clone)]
pub struct Push {
    /// The endpoint's name (`/push/<name>`).
    pub name: String,
    /// The decrypted payload, as JSON.
    pub payload: Value,
    pub topic: Option<String>,
    pub ttl: Option<String>,
}

/// How an endpoint answers.
#[derive(Debug, Clone, Copy)]
pub enum Answer {
    Status(u16),
    /// 429 with `Retry-After: 1`.
    TooMany,
    /// Never answers (the connection stays open).
    Hang,
}

/// A browser's keys for one subscription: what it would give `pushManager.subscribe`'s
/// caller, and what it keeps to decrypt.
struct BrowserKeys {
    secret: p256::SecretKey,
    auth: [u8; 16],
}

#[derive(Default)]
struct State {
    keys: HashMap<String, BrowserKeys>,
    /// Answers to give, per endpoint, in order; then 201.
    answers: HashMap<String, Vec<Answer>>,
    received: Vec<Push>,
    /// Requests refused by the checks (bad VAPID, undecryptable), with why.
    faults: Vec<String>,
    /// Requests per endpoint, whatever was answered.
    attempts: HashMap<String, usize>,
}

/// The running service; it stops with the test's runtime.
pub struct PushService {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    arrived: Arc<Notify>,
}

impl PushService {
    /// Starts on a free port, checking VAPID against `vapid_key` (natter's
    /// `GET /api/push/` `public_key`).
    pub async fn start(vapid_key: &str) -> PushService {
        let state = Arc::new(Mutex::new(State::default()));
        let arrived = Arc::new(Notify::new());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the push service");
        let addr = listener.local_addr().expect("its address");
        let origin = format!("http://{addr}");
        let vapid_key = vapid_key.to_string();
        let (s, n) = (state.clone(), arrived.clone());
        let route = warp::post()
            .and(warp::path!("push" / String))
            .and(warp::header::headers_cloned())
            .and(warp::body::bytes())
            .then(
                move |name: String, headers: warp::http::HeaderMap, body: bytes::Bytes| {
                    let (state, arrived, origin, key) =
                        (s.clone(), n.clone(), origin.clone(), vapid_key.clone());
                    async move {
                        let answer = {
                            let mut st = state.lock().unwrap();
                            *st.attempts.entry(name.clone()).or_default() += 1;
                            let queue = st.answers.entry(name.clone()).or_default();
                            if queue.is_empty() {
                                Answer::Status(201)
                            } else {
                                queue.remove(0)
                            }
                        };
                        let reply = |code: u16| {
                            warp::http::Response::builder()
                                .status(StatusCode::from_u16(code).unwrap())
                                .body(String::new())
                                .unwrap()
                        };
                        match answer {
                            Answer::Hang => {
                                arrived.notify_waiters();
                                std::future::pending::<()>().await;
                                unreachable!()
                            }
                            Answer::TooMany => {
                                arrived.notify_waiters();
                                let mut r = reply(429);
                                r.headers_mut().insert("retry-after", "1".parse().unwrap());
                                r
                            }
                            Answer::Status(code) if code != 201 => {
                                arrived.notify_waiters();
                                reply(code)
                            }
                            Answer::Status(_) => {
                                let checked = check(&state, &name, &headers, &body, &origin, &key);
                                let mut st = state.lock().unwrap();
                                let code = match checked {
                                    Ok(push) => {
                                        st.received.push(push);
                                        201
                                    }
                                    Err(why) => {
                                        st.faults.push(why);
                                        400
                                    }
                                };
                                drop(st);
                                arrived.notify_waiters();
                                reply(code)
                            }
                        }
                    }
                },
            );
        tokio::spawn(warp::serve(route).incoming(listener).run());
        PushService {
            addr,
            state,
            arrived,
        }
    }

    /// A new subscription named `name`, as the browser's `PushSubscription.toJSON()`.
    pub fn subscription(&self, name: &str) -> Value {
        let secret = p256::SecretKey::random(&mut rand_core());
        let public = secret.public_key();
        let point = p256::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(&public, false);
        let auth: [u8; 16] = rand::random();
        let body = json!({
            "endpoint": self.endpoint(name),
            "expirationTime": null,
            "keys": {
                "p256dh": URL_SAFE_NO_PAD.encode(point.as_bytes()),
                "auth": URL_SAFE_NO_PAD.encode(auth),
            }
        });
        self.state
            .lock()
            .unwrap()
            .keys
            .insert(name.to_string(), BrowserKeys { secret, auth });
        body
    }

    /// The endpoint URL of `name`.
    pub fn endpoint(&self, name: &str) -> String {
        format!("http://{}/push/{name}", self.addr)
    }

    /// `name`'s next answers, in order (then 201 again).
    pub fn answer(&self, name: &str, answers: &[Answer]) {
        self.state
            .lock()
            .unwrap()
            .answers
            .insert(name.to_string(), answers.to_vec());
    }

    /// The pushes taken for `name` so far.
    pub fn received(&self, name: &str) -> Vec<Push> {
        let st = self.state.lock().unwrap();
        assert!(
            st.faults.is_empty(),
            "pushes failed the checks: {:?}",
            st.faults
        );
        st.received
            .iter()
            .filter(|p| p.name == name)
            .cloned()
            .collect()
    }

    /// How many requests reached `name` (whatever they were answered).
    pub fn attempts(&self, name: &str) -> usize {
        *self.state.lock().unwrap().attempts.get(name).unwrap_or(&0)
    }

    /// Waits until `done` holds of the service, or fails after `limit`.
    pub async fn wait_until(
        &self,
        limit: Duration,
        what: &str,
        done: impl Fn(&PushService) -> bool,
    ) {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let notified = self.arrived.notified();
            if done(self) {
                return;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                let st = self.state.lock().unwrap();
                panic!(
                    "waited {limit:?} for {what}; received {:?}, attempts {:?}, faults {:?}",
                    st.received, st.attempts, st.faults
                );
            }
        }
    }

    /// Waits for `name`'s `n`-th push and returns it.
    pub async fn nth(&self, name: &str, n: usize) -> Push {
        self.wait_until(PUSH_WAIT, &format!("push {n} to {name}"), |s| {
            s.received(name).len() >= n
        })
        .await;
        self.received(name)[n - 1].clone()
    }
}

/// How long a push may take: the collapse delay (1.5 s), a planning round and a send.
pub const PUSH_WAIT: Duration = Duration::from_secs(15);

fn rand_core() -> p256::elliptic_curve::rand_core::OsRng {
    p256::elliptic_curve::rand_core::OsRng
}

/// Checks a push's headers and VAPID token and decrypts its body.
fn check(
    state: &Mutex<State>,
    name: &str,
    headers: &warp::http::HeaderMap,
    body: &[u8],
    origin: &str,
    vapid_key: &str,
) -> Result<Push, String> {
    let header = |h: &str| {
        headers
            .get(h)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    if header("content-encoding").as_deref() != Some("aes128gcm") {
        return Err(format!(
            "Content-Encoding: {:?}",
            header("content-encoding")
        ));
    }
    check_vapid(
        &header("authorization").unwrap_or_default(),
        origin,
        vapid_key,
    )?;
    let st = state.lock().unwrap();
    let keys = st
        .keys
        .get(name)
        .ok_or(format!("no subscription named {name}"))?;
    let plain = decrypt(body, keys)?;
    let payload: Value = serde_json::from_slice(&plain).map_err(|e| format!("payload: {e}"))?;
    Ok(Push {
        name: name.to_string(),
        payload,
        topic: header("topic"),
        ttl: header("ttl"),
    })
}

/// RFC 8292: `vapid t=<JWT>, k=<key>`; `k` is natter's key, and the JWT is signed with it
/// (ES256), for this push service's origin, and not valid for more than a day.
fn check_vapid(authorization: &str, origin: &str, vapid_key: &str) -> Result<(), String> {
    let rest = authorization
        .strip_prefix("vapid ")
        .ok_or(format!("Authorization: {authorization}"))?;
    let mut t = None;
    let mut k = None;
    for part in rest.split(',') {
        let part = part.trim();
        if let Some(v) = part.strip_prefix("t=") {
            t = Some(v);
        } else if let Some(v) = part.strip_prefix("k=") {
            k = Some(v);
        }
    }
    let (t, k) = (t.ok_or("no t=")?, k.ok_or("no k=")?);
    if k != vapid_key {
        return Err(format!("k={k} is not natter's key {vapid_key}"));
    }
    let point = URL_SAFE_NO_PAD.decode(k).map_err(|e| format!("k: {e}"))?;
    if point.len() != 65 || point[0] != 4 {
        return Err("k is no uncompressed P-256 point".into());
    }
    let key = jsonwebtoken::DecodingKey::from_ec_components(
        &URL_SAFE_NO_PAD.encode(&point[1..33]),
        &URL_SAFE_NO_PAD.encode(&point[33..]),
    )
    .map_err(|e| format!("key: {e}"))?;
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::ES256);
    validation.set_audience(&[origin]);
    let claims = jsonwebtoken::decode::<Value>(t, &key, &validation)
        .map_err(|e| format!("VAPID JWT: {e}"))?
        .claims;
    let exp = claims["exp"].as_i64().ok_or("no exp")?;
    let now = chrono_now();
    if exp > now + 24 * 3600 {
        return Err(format!("exp {exp} is more than a day away"));
    }
    Ok(())
}

fn chrono_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// RFC 8291 section 3.4 and RFC 8188, one record.
fn decrypt(body: &[u8], keys: &BrowserKeys) -> Result<Vec<u8>, String> {
    use aes_gcm::aead::{Aead, KeyInit};
    use hkdf::Hkdf;
    use sha2::Sha256;
    if body.len() < 21 {
        return Err("body shorter than its header".into());
    }
    let salt = &body[..16];
    let record_size = u32::from_be_bytes([body[16], body[17], body[18], body[19]]) as usize;
    let id_len = body[20] as usize;
    let as_public_bytes = body.get(21..21 + id_len).ok_or("key id cut short")?;
    let ciphertext = &body[21 + id_len..];
    if ciphertext.len() > record_size {
        return Err("more than one record".into());
    }
    let as_public =
        p256::PublicKey::from_sec1_bytes(as_public_bytes).map_err(|_| "key id is no P-256 key")?;
    let shared = p256::ecdh::diffie_hellman(keys.secret.to_nonzero_scalar(), as_public.as_affine());
    let ua_public = p256::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(
        &keys.secret.public_key(),
        false,
    );
    let mut key_info = b"WebPush: info\0".to_vec();
    key_info.extend_from_slice(ua_public.as_bytes());
    key_info.extend_from_slice(as_public_bytes);
    let mut ikm = [0u8; 32];
    Hkdf::<Sha256>::new(Some(&keys.auth), shared.raw_secret_bytes().as_slice())
        .expand(&key_info, &mut ikm)
        .map_err(|_| "hkdf ikm")?;
    let prk = Hkdf::<Sha256>::new(Some(salt), &ikm);
    let mut cek = [0u8; 16];
    let mut nonce = [0u8; 12];
    prk.expand(b"Content-Encoding: aes128gcm\0", &mut cek)
        .map_err(|_| "hkdf cek")?;
    prk.expand(b"Content-Encoding: nonce\0", &mut nonce)
        .map_err(|_| "hkdf nonce")?;
    let cipher = aes_gcm::Aes128Gcm::new_from_slice(&cek).map_err(|_| "cek")?;
    let mut plain = cipher
        .decrypt(aes_gcm::Nonce::from_slice(&nonce), ciphertext)
        .map_err(|_| "AES-GCM: the payload does not decrypt with this subscription's keys")?;
    // The last record ends with 0x02 and any zero padding.
    while plain.last() == Some(&0) {
        plain.pop();
    }
    if plain.pop() != Some(2) {
        return Err("the record's padding delimiter is not 0x02".into());
    }
    Ok(plain)
}
