//! A small client for the public API the scenarios use: registration, group chats,
//! messages, pages, and WebSocket connections with the token in the query string.

use crate::{fail, Result};
use futures_util::{stream, StreamExt, TryStreamExt};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::net::TcpStream;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// A connected WebSocket client.
pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Members added per request when building a big group.
const MEMBER_CHUNK: usize = 500;

/// A registered bench user.
#[derive(Debug, Clone)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub token: String,
}

/// HTTP client bound to one server.
#[derive(Clone)]
pub struct Api {
    http: reqwest::Client,
    base: String,
    tag: String,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

impl Api {
    /// A client for `base` (`http://host:port`); usernames get a per-run tag so runs
    /// against one `--url` server do not collide.
    pub fn new(base: &str) -> Result<Api> {
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(256)
            .build()?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        Ok(Api {
            http,
            base: base.to_string(),
            tag: format!("{:x}{n}", (nanos as u64) ^ u64::from(std::process::id())),
        })
    }

    /// This run's tag, to make names unique on a shared server.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// Creates a room through the rooms surface (`POST /api/rooms/`) owned by
    /// `owner`, joined by `others`; returns its id.
    pub async fn create_room(&self, owner: &User, name: &str, others: &[User]) -> Result<i64> {
        let (status, v) = self
            .post(&owner.token, "/api/rooms/", json!({"name": name}))
            .await?;
        let Some(id) = v["id"].as_i64() else {
            return fail(format!("create room: HTTP {status} {v}"));
        };
        for u in others.iter().filter(|u| u.id != owner.id) {
            let (status, v) = self
                .post(&u.token, &format!("/api/rooms/{id}/join/"), json!({}))
                .await?;
            if status >= 300 {
                return fail(format!("join room {id}: HTTP {status} {v}"));
            }
        }
        Ok(id)
    }

    /// Sends `method path` with an optional token and JSON body; returns status and JSON.
    pub async fn call(
        &self,
        method: reqwest::Method,
        token: Option<&str>,
        path: &str,
        body: Option<&Value>,
    ) -> Result<(u16, Value)> {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.header("Authorization", format!("Token {t}"));
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        let resp = req.send().await?;
        let status = resp.status().as_u16();
        let value = serde_json::from_slice(&resp.bytes().await?).unwrap_or(Value::Null);
        Ok((status, value))
    }

    /// `POST` with a JSON body as `token`.
    pub async fn post(&self, token: &str, path: &str, body: Value) -> Result<(u16, Value)> {
        self.call(reqwest::Method::POST, Some(token), path, Some(&body))
            .await
    }

    /// `GET` as `token`.
    pub async fn get(&self, token: &str, path: &str) -> Result<(u16, Value)> {
        self.call(reqwest::Method::GET, Some(token), path, None)
            .await
    }

    /// Registers user number `i` of this run.
    pub async fn register(&self, prefix: &str, i: usize) -> Result<User> {
        let username = format!("{prefix}_{}_{i}", self.tag);
        let body = json!({
            "username": username,
            "email": format!("{username}@bench.invalid"),
            "password": "bench-password-1",
        });
        let (status, v) = self
            .call(
                reqwest::Method::POST,
                None,
                "/api/auth/register/",
                Some(&body),
            )
            .await?;
        let (Some(token), Some(id)) = (v["token"].as_str(), v["user"]["id"].as_i64()) else {
            return fail(format!("register {username}: HTTP {status} {v}"));
        };
        Ok(User {
            id,
            username,
            token: token.to_string(),
        })
    }

    /// Registers `n` users, `concurrency` at a time (argon2 makes each one slow).
    pub async fn register_many(
        &self,
        prefix: &str,
        n: usize,
        concurrency: usize,
    ) -> Result<Vec<User>> {
        stream::iter(0..n)
            .map(|i| self.register(prefix, i))
            .buffered(concurrency.max(1))
            .try_collect()
            .await
    }

    /// Creates a group chat owned by `owner` with `members` (added in chunks); returns its id.
    pub async fn create_group(&self, owner: &User, title: &str, members: &[i64]) -> Result<i64> {
        let others: Vec<i64> = members.iter().copied().filter(|&m| m != owner.id).collect();
        let mut chunks = others.chunks(MEMBER_CHUNK);
        let first = chunks.next().unwrap_or(&[]);
        let (status, v) = self
            .post(
                &owner.token,
                "/messages/api/chats/",
                json!({"chat_type": "group", "title": title, "member_ids": first}),
            )
            .await?;
        let Some(id) = v["id"].as_i64() else {
            return fail(format!("create group: HTTP {status} {v}"));
        };
        for chunk in chunks {
            let (status, v) = self
                .post(
                    &owner.token,
                    &format!("/messages/api/chats/{id}/members/add/"),
                    json!({"user_ids": chunk}),
                )
                .await?;
            if status >= 300 {
                return fail(format!("add members: HTTP {status} {v}"));
            }
        }
        Ok(id)
    }

    /// Posts `content` to chat `chat` through the chats REST surface; returns the message id.
    pub async fn send_message(&self, user: &User, chat: i64, content: &str) -> Result<i64> {
        let (status, v) = self
            .post(
                &user.token,
                &format!("/messages/api/chats/{chat}/messages/"),
                json!({"content": content}),
            )
            .await?;
        match (status, v["id"].as_i64()) {
            (201, Some(id)) => Ok(id),
            _ => fail(format!("send to chat {chat}: HTTP {status} {v}")),
        }
    }

    /// Sends `content` to `receiver` through the inbox (`POST /api/messages/`), which
    /// makes their direct chat on the first send; returns the new message's id.
    pub async fn send_direct(&self, user: &User, receiver: i64, content: &str) -> Result<i64> {
        let (status, v) = self
            .post(
                &user.token,
                "/api/messages/",
                json!({"receiver": receiver, "content": content}),
            )
            .await?;
        match (status, v["id"].as_i64()) {
            (201, Some(id)) => Ok(id),
            _ => fail(format!("send to user {receiver}: HTTP {status} {v}")),
        }
    }

    /// Opens `path` (which carries no query) as a socket authenticated by `?token=`.
    pub async fn socket(&self, token: &str, path: &str) -> Result<Socket> {
        let ws_base = self.base.replacen("http", "ws", 1);
        let url = format!("{ws_base}{path}?token={token}");
        // Nagle off, as a latency-sensitive client would: a frame must not wait for an ACK.
        // A small read buffer: tungstenite zero-fills it on every read attempt (twice a
        // frame when frames come one at a time), and the default 128 KiB would make the
        // generator, not the server, the bottleneck of `fanout`. It grows for big frames.
        let config = tokio_tungstenite::tungstenite::protocol::WebSocketConfig::default()
            .read_buffer_size(2 * 1024);
        match tokio_tungstenite::connect_async_with_config(url.as_str(), Some(config), true).await {
            Ok((socket, _)) => Ok(socket),
            Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => fail(format!(
                "socket {path}: handshake answered HTTP {}",
                resp.status()
            )),
            Err(e) => fail(format!("socket {path}: {e}")),
        }
    }
}
