//! The Matrix client-server calls the `matrix` scenario makes, the same on natter and on
//! Synapse: sign-in, open registration (Synapse only), rooms, text messages, filters and
//! `/sync`. Plain HTTP with `Authorization: Bearer`, nothing else, so the two servers are
//! asked exactly the same thing.

use crate::{fail, Result};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The password every person of the scenario has, on both servers.
pub const PASSWORD: &str = "bench-password-1";

/// Longest wait for a setup call (a room, a sign-in, a send); a poll sets its own.
const CALL_TIMEOUT: Duration = Duration::from_secs(120);

/// One signed-in Matrix device: what its requests carry.
#[derive(Debug, Clone)]
pub struct Device {
    /// `@localpart:server`.
    pub user_id: String,
    /// What the device's requests carry as `Authorization: Bearer`.
    pub access_token: String,
}

/// A `/sync` answer, with when its last byte arrived and its size.
#[derive(Debug)]
pub struct Synced {
    /// The answer's JSON.
    pub body: Value,
    /// When its last byte was read: the end of a wake-up or a first sync.
    pub arrived: Instant,
    /// Its size on the wire (no compression is asked for).
    pub bytes: usize,
}

impl Synced {
    /// The `next_batch` to pass as `since` next time.
    pub fn next_batch(&self) -> Result<String> {
        match self.body["next_batch"].as_str() {
            Some(t) => Ok(t.to_string()),
            None => fail(format!("sync without next_batch: {}", self.body)),
        }
    }

    /// Whether a timeline of `room` holds a message whose `body` is `text`.
    pub fn has_message(&self, room: &str, text: &str) -> bool {
        self.body["rooms"]["join"][room]["timeline"]["events"]
            .as_array()
            .is_some_and(|events| events.iter().any(|e| e["content"]["body"] == text))
    }

    /// Rooms in `rooms.join`.
    pub fn joined_rooms(&self) -> usize {
        self.body["rooms"]["join"]
            .as_object()
            .map_or(0, |m| m.len())
    }
}

/// HTTP client bound to one homeserver.
#[derive(Clone)]
pub struct Matrix {
    http: reqwest::Client,
    base: String,
}

/// Transaction ids unique within this process (a retry would reuse one; nothing retries).
static TXN: AtomicU64 = AtomicU64::new(0);

impl Matrix {
    /// A client for `base` (`http://host:port`). Its pool keeps a connection per request
    /// in flight, so each waiting poll holds a connection of its own.
    pub fn new(base: &str) -> Result<Matrix> {
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(2048)
            .tcp_nodelay(true)
            .build()?;
        Ok(Matrix {
            http,
            base: base.trim_end_matches('/').to_string(),
        })
    }

    /// The base URL, `http://host:port`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// `method` on `/_matrix/client/v3{path}` with an optional token and JSON body;
    /// returns the status and the JSON answer (Null when it is not JSON).
    async fn call(
        &self,
        method: reqwest::Method,
        token: Option<&str>,
        path: &str,
        body: Option<&Value>,
    ) -> Result<(u16, Value)> {
        let mut req = self
            .http
            .request(method, format!("{}/_matrix/client/v3{path}", self.base))
            .timeout(CALL_TIMEOUT);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        let resp = req.send().await?;
        let status = resp.status().as_u16();
        let value = serde_json::from_slice(&resp.bytes().await?).unwrap_or(Value::Null);
        Ok((status, value))
    }

    /// `call` that fails unless the answer is 200.
    async fn ok(
        &self,
        method: reqwest::Method,
        token: Option<&str>,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value> {
        let (status, v) = self.call(method.clone(), token, path, body).await?;
        if status != 200 {
            return fail(format!("{method} {path}: HTTP {status} {v}"));
        }
        Ok(v)
    }

    /// Password sign-in (`m.login.password` with an `m.id.user` identifier): a new
    /// device of `username`.
    pub async fn login(&self, username: &str) -> Result<Device> {
        let body = json!({
            "type": "m.login.password",
            "identifier": {"type": "m.id.user", "user": username},
            "password": PASSWORD,
            "initial_device_display_name": "natter-bench",
        });
        let v = self
            .ok(reqwest::Method::POST, None, "/login", Some(&body))
            .await?;
        device(&v, "login")
    }

    /// Open registration with `m.login.dummy` (Synapse with `enable_registration` and
    /// `enable_registration_without_verification`): the account and its first device.
    pub async fn register(&self, username: &str) -> Result<Device> {
        let body = json!({
            "username": username,
            "password": PASSWORD,
            "auth": {"type": "m.login.dummy"},
            "initial_device_display_name": "natter-bench",
        });
        let v = self
            .ok(reqwest::Method::POST, None, "/register", Some(&body))
            .await?;
        device(&v, "register")
    }

    /// `POST /createRoom` as a private group named `name` with `invite`; its room id.
    pub async fn create_room(
        &self,
        owner: &Device,
        name: &str,
        invite: &[String],
    ) -> Result<String> {
        let body = json!({"name": name, "preset": "private_chat", "invite": invite});
        let v = self
            .ok(
                reqwest::Method::POST,
                Some(&owner.access_token),
                "/createRoom",
                Some(&body),
            )
            .await?;
        match v["room_id"].as_str() {
            Some(id) => Ok(id.to_string()),
            None => fail(format!("createRoom answered {v}")),
        }
    }

    /// `POST /rooms/{room}/join` (an invitee on Synapse; natter joins invitees at once).
    pub async fn join(&self, who: &Device, room: &str) -> Result<()> {
        let path = format!("/rooms/{}/join", encode(room));
        self.ok(
            reqwest::Method::POST,
            Some(&who.access_token),
            &path,
            Some(&json!({})),
        )
        .await?;
        Ok(())
    }

    /// `PUT /rooms/{room}/send/m.room.message/{txn}` with an `m.text` body; its event id.
    pub async fn send_text(&self, who: &Device, room: &str, text: &str) -> Result<String> {
        let txn = TXN.fetch_add(1, Ordering::Relaxed);
        let path = format!(
            "/rooms/{}/send/m.room.message/bench{}-{txn}",
            encode(room),
            std::process::id()
        );
        let body = json!({"msgtype": "m.text", "body": text});
        let v = self
            .ok(
                reqwest::Method::PUT,
                Some(&who.access_token),
                &path,
                Some(&body),
            )
            .await?;
        match v["event_id"].as_str() {
            Some(id) => Ok(id.to_string()),
            None => fail(format!("send answered {v}")),
        }
    }

    /// `POST /user/{me}/filter` with `filter`; its id, for `/sync?filter=`.
    pub async fn filter(&self, who: &Device, filter: &Value) -> Result<String> {
        let path = format!("/user/{}/filter", encode(&who.user_id));
        let v = self
            .ok(
                reqwest::Method::POST,
                Some(&who.access_token),
                &path,
                Some(filter),
            )
            .await?;
        match v["filter_id"].as_str() {
            Some(id) => Ok(id.to_string()),
            None => fail(format!("filter answered {v}")),
        }
    }

    /// `GET /sync` with `filter`, `since` (none: a first sync) and `timeout` in
    /// milliseconds; the answer is read whole before `arrived` is taken.
    pub async fn sync(
        &self,
        who: &Device,
        filter: &str,
        since: Option<&str>,
        timeout_ms: u64,
    ) -> Result<Synced> {
        let mut url = format!(
            "{}/_matrix/client/v3/sync?filter={}&timeout={timeout_ms}",
            self.base,
            encode(filter)
        );
        if let Some(since) = since {
            url.push_str("&since=");
            url.push_str(&encode(since));
        }
        let resp = self
            .http
            .get(url)
            .bearer_auth(&who.access_token)
            .timeout(Duration::from_millis(timeout_ms) + CALL_TIMEOUT)
            .send()
            .await?;
        let status = resp.status().as_u16();
        let bytes = resp.bytes().await?;
        let arrived = Instant::now();
        let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        if status != 200 {
            return fail(format!("sync: HTTP {status} {body}"));
        }
        Ok(Synced {
            body,
            arrived,
            bytes: bytes.len(),
        })
    }
}

/// The device a sign-in or registration answered.
fn device(v: &Value, what: &str) -> Result<Device> {
    match (
        v["user_id"].as_str(),
        v["access_token"].as_str(),
        v["device_id"].as_str(),
    ) {
        (Some(u), Some(t), Some(_)) => Ok(Device {
            user_id: u.to_string(),
            access_token: t.to_string(),
        }),
        _ => fail(format!("{what} answered {v}")),
    }
}

/// Percent-encodes everything but unreserved characters (room ids, user ids, tokens
/// and filters in paths and queries).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
