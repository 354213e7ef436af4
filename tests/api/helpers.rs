#![allow(dead_code)]
//! The test harness: `TestApp::spawn()` starts the real natter binary on port 0 with a
//! fresh database in a temporary directory; helpers speak real HTTP and WebSockets.

use futures_util::{SinkExt, StreamExt};
use reqwest::multipart::{Form, Part};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// A socket client.
pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// How long a test waits for something that should happen.
pub const WAIT: Duration = Duration::from_secs(10);

/// A running natter process and a client for it.
pub struct TestApp {
    pub base: String,
    pub addr: String,
    pub client: Client,
    pub dir: tempfile::TempDir,
    child: Child,
    extra_args: Vec<String>,
    /// The `--media-dir` value: `media` in `dir`, or one that nodes of a cluster share.
    media: PathBuf,
    /// The `--db` value: the file in `dir`, or a fresh PostgreSQL database when the suite
    /// runs with `NATTER_TEST_DB=postgres`.
    pub db: String,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The natter binary the suite runs: the one Cargo built for it, or `NATTER_TEST_BIN`.
/// CI's PostgreSQL pass runs the package's optimised binary, which it builds anyway: in a
/// debug build natter's own work was a third of that pass's CPU, the rest PostgreSQL's.
/// The pass on SQLite keeps the debug build, with its overflow checks.
pub fn natter_bin() -> PathBuf {
    match std::env::var_os("NATTER_TEST_BIN") {
        // Made absolute here: some tests run natter in a folder of their own.
        Some(bin) if !bin.is_empty() => std::path::absolute(&bin).unwrap_or(bin.into()),
        _ => PathBuf::from(env!("CARGO_BIN_EXE_natter")),
    }
}

fn start(db: &str, media: &PathBuf, extra: &[String]) -> (Child, String) {
    let mut child = Command::new(natter_bin())
        .args(["--listen", "127.0.0.1:0", "--log", "warn"])
        .arg("--db")
        .arg(db)
        .arg("--media-dir")
        .arg(media)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("natter binary starts");
    let addr = listening_address(&mut child);
    (child, addr)
}

/// The address in a natter child's first stdout line, `listening on http://ADDR`.
pub fn listening_address(child: &mut Child) -> String {
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("first line");
    line.trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .to_string()
}

/// A fresh PostgreSQL database natter has already brought to its newest schema, for the
/// servers the suite starts in PostgreSQL mode: a copy (`createdb -T`) of one database
/// migrated once per test binary. A copy takes 0.07 s where an empty database and
/// natter's schema steps on it took 0.3-0.45 s of each server's start. The copies share
/// the secrets natter writes when it first opens a database (each test's server is alone
/// with its own). Tests of the steps themselves take [`crate::pg::fresh_database`].
fn fresh_migrated_database() -> String {
    static TEMPLATE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let cluster = crate::pg::needed();
    let template = TEMPLATE.get_or_init(|| {
        let name = format!("template_{:016x}", crate::pg::rand_u64());
        cluster.createdb(&name, None);
        // A command migrates the database it opens, without a server's first start: the
        // Matrix server name and the site's address stay unwritten, for each copy's own.
        let listed = Command::new(natter_bin())
            .args(["--db", &cluster.url(&name), "rooms", "list"])
            .output()
            .expect("natter rooms list runs");
        assert!(
            listed.status.success(),
            "migrating the template: {}",
            String::from_utf8_lossy(&listed.stderr)
        );
        name
    });
    cluster.copy_of(template)
}

impl TestApp {
    /// natter with rate limits off.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(&["--rate-limits", "off"]).await
    }

    /// natter with extra flags.
    pub async fn spawn_with(args: &[&str]) -> TestApp {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = if crate::pg::suite_on_postgres() {
            fresh_migrated_database()
        } else {
            dir.path().join("natter.db").to_string_lossy().into_owned()
        };
        Self::spawn_in(dir, db, args)
    }

    /// natter with rate limits off on a SQLite file in its folder, also when the suite
    /// runs on PostgreSQL (`migrate-to-postgres` copies from one).
    pub async fn spawn_on_sqlite() -> TestApp {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("natter.db").to_string_lossy().into_owned();
        Self::spawn_in(dir, db, &["--rate-limits", "off"])
    }

    /// natter with rate limits off on a fresh PostgreSQL database, also when the suite
    /// runs on SQLite, for tests of PostgreSQL itself (they check `pg::cluster_or_skip`).
    pub async fn spawn_on_postgres() -> TestApp {
        let dir = tempfile::tempdir().expect("tempdir");
        Self::spawn_in(dir, crate::pg::fresh_database(), &["--rate-limits", "off"])
    }

    /// natter on `db`, with its media in `dir`.
    fn spawn_in(dir: tempfile::TempDir, db: String, args: &[&str]) -> TestApp {
        let media = dir.path().join("media");
        Self::spawn_sharing(dir, db, media, args)
    }

    /// natter on `db` with its media in `media`, as a node of a cluster whose nodes share
    /// both (`dir` holds nothing of its own then).
    pub fn spawn_sharing(
        dir: tempfile::TempDir,
        db: String,
        media: PathBuf,
        args: &[&str],
    ) -> TestApp {
        let extra: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let (child, addr) = start(&db, &media, &extra);
        TestApp {
            media,
            base: format!("http://{addr}"),
            addr,
            client: Client::builder().build().expect("client"),
            dir,
            child,
            extra_args: extra,
            db,
        }
    }

    /// A natter the caller started itself (its own flags and pipes) on `db`, with its
    /// media in `dir/media`, first stdout line already read (its address is `addr`).
    pub fn adopt(dir: tempfile::TempDir, db: String, child: Child, addr: String) -> TestApp {
        TestApp {
            media: dir.path().join("media"),
            base: format!("http://{addr}"),
            addr,
            client: Client::builder().build().expect("client"),
            dir,
            child,
            extra_args: Vec::new(),
            db,
        }
    }

    /// The child's process id, to signal it.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server's `--media-dir`, for commands that store files beside it.
    pub fn media_dir(&self) -> &std::path::Path {
        &self.media
    }

    /// Path of the database file.
    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("natter.db")
    }

    /// Kills the process with SIGKILL and starts it again on the same database.
    pub fn kill_and_restart(&mut self) {
        self.kill();
        self.start_again();
    }

    /// Kills the process with SIGKILL and waits for it to be gone.
    pub fn kill(&mut self) {
        self.child.kill().expect("kill -9");
        self.child.wait().expect("wait");
    }

    /// Starts natter again on the same database and media, after it has exited.
    pub fn start_again(&mut self) {
        let (child, addr) = start(&self.db, &self.media, &self.extra_args);
        self.child = child;
        self.base = format!("http://{addr}");
        self.addr = addr;
    }

    /// Starts natter again on another database (the same media), after it has exited.
    pub fn start_on(&mut self, db: String) {
        self.db = db;
        self.start_again();
    }

    /// Sends SIGTERM and waits for the process to exit; returns whether it exited 0.
    pub fn terminate(&mut self) -> bool {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill runs");
        assert!(sent.success());
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.success();
            }
            assert!(
                std::time::Instant::now() < deadline,
                "natter did not exit after SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends a request with an optional `Authorization` value and JSON body.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        auth: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut rb = self
            .client
            .request(method, format!("{}{}", self.base, path));
        if let Some(a) = auth {
            rb = rb.header("Authorization", a);
        }
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        let resp = rb.send().await.expect("request sent");
        let status = resp.status();
        let text = resp.text().await.unwrap_or_default();
        let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, value)
    }

    pub async fn get(&self, path: &str, auth: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, Some(auth), None).await
    }

    pub async fn post(&self, path: &str, auth: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, Some(auth), Some(body)).await
    }

    /// Registers a user; returns (id, `Token <key>` header value).
    pub async fn register(&self, username: &str) -> (i64, String) {
        let (status, body) = self
            .call(
                Method::POST,
                "/api/auth/register/",
                None,
                Some(json!({"username": username, "email": format!("{username}@example.org"), "password": "correct-horse"})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "register {username}: {body}");
        let id = body["user"]["id"].as_i64().expect("user id");
        let token = body["token"].as_str().expect("token").to_string();
        (id, format!("Token {token}"))
    }

    /// Opens a socket at `path` with `?token=`.
    pub async fn socket(&self, path: &str, auth: &str) -> Socket {
        self.try_socket(path, auth).await.expect("socket opens")
    }

    /// Tries to open a socket; the error is the handshake's HTTP status.
    pub async fn try_socket(&self, path: &str, auth: &str) -> Result<Socket, u16> {
        let key = auth.rsplit(' ').next().unwrap_or("");
        let sep = if path.contains('?') { '&' } else { '?' };
        let url = format!("ws://{}{}{}token={}", self.addr, path, sep, key);
        match tokio_tungstenite::connect_async(url).await {
            Ok((ws, _)) => Ok(ws),
            Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => Err(resp.status().as_u16()),
            Err(e) => panic!("socket error: {e}"),
        }
    }
}

/// One chat of each kind that `owner` made with another user, so that each of the
/// owner's socket paths opens: a DirectChat (dm), a group (chats), a public room (rooms)
/// and the pair's messenger room.
pub struct ChatsOfEveryKind {
    pub direct: i64,
    pub group: i64,
    pub room: i64,
    /// The messenger room's name, as its paths take it.
    pub messenger: String,
}

/// Makes [`ChatsOfEveryKind`] for `owner` (a header) with `other` (`other_name`'s id).
pub async fn chats_of_every_kind(
    app: &TestApp,
    owner: &str,
    other: i64,
    other_name: &str,
) -> ChatsOfEveryKind {
    let id = |status: StatusCode, body: &Value| {
        assert!(status.is_success(), "{status} {body}");
        body["id"].as_i64().expect("an id")
    };
    let (status, dm) = app
        .post("/api/chats/create/", owner, json!({"user_id": other}))
        .await;
    let direct = id(status, &dm);
    let (status, group) = app
        .post(
            "/messages/api/chats/",
            owner,
            json!({"chat_type": "group", "title": "g", "member_ids": [other]}),
        )
        .await;
    let group = id(status, &group);
    let (status, room) = app
        .post(
            "/api/rooms/",
            owner,
            json!({"name": "lobby", "is_private": false}),
        )
        .await;
    let room = id(status, &room);
    let (status, chatroom) = app
        .post(
            "/messenger/api/chatrooms/",
            owner,
            json!({"recipient": other_name}),
        )
        .await;
    assert!(status.is_success(), "{status} {chatroom}");
    let messenger = chatroom["name"].as_str().expect("a room name").to_string();
    ChatsOfEveryKind {
        direct,
        group,
        room,
        messenger,
    }
}

/// An access JWT `Bearer` header for `username` (password `correct-horse`) from
/// `/accounts/api/token/`.
pub async fn bearer(app: &TestApp, username: &str) -> String {
    let pair = jwt_pair(app, username).await;
    format!("Bearer {}", pair["access"].as_str().expect("access"))
}

/// A fresh `{"refresh", "access"}` pair for `username` (password `correct-horse`).
pub async fn jwt_pair(app: &TestApp, username: &str) -> Value {
    let (status, pair) = app
        .call(
            Method::POST,
            "/accounts/api/token/",
            None,
            Some(json!({"username": username, "password": "correct-horse"})),
        )
        .await;
    assert_eq!(status, 200, "{pair}");
    pair
}

/// Sends a direct message through the inbox surface (`POST /api/messages/`); 201 or
/// the test fails. Returns the created message.
pub async fn inbox_send(app: &TestApp, auth: &str, receiver: i64, content: &str) -> Value {
    let (status, msg) = app
        .post(
            "/api/messages/",
            auth,
            json!({"receiver": receiver, "content": content}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{msg}");
    msg
}

/// The `id`s of a page's `results`, in order.
pub fn result_ids(page: &Value) -> Vec<i64> {
    page["results"]
        .as_array()
        .expect("a results array")
        .iter()
        .map(|item| item["id"].as_i64().expect("a numeric id"))
        .collect()
}

/// Waits for the next JSON text frame.
pub async fn next_json(ws: &mut Socket) -> Value {
    try_next_json(ws, WAIT)
        .await
        .expect("a frame within the wait")
}

/// The next JSON text frame within `wait`, or `None` (timeout or closed).
pub async fn try_next_json(ws: &mut Socket, wait: Duration) -> Option<Value> {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let msg = tokio::time::timeout_at(deadline, ws.next())
            .await
            .ok()??
            .ok()?;
        match msg {
            Message::Text(t) => return Some(serde_json::from_str(t.as_str()).expect("JSON frame")),
            Message::Close(_) => return None,
            _ => continue,
        }
    }
}

/// The close code a socket ends with (skipping frames before it).
pub async fn close_code(ws: &mut Socket) -> Option<u16> {
    loop {
        match tokio::time::timeout(WAIT, ws.next()).await {
            Ok(Some(Ok(Message::Close(frame)))) => return frame.map(|f| u16::from(f.code)),
            Ok(Some(Ok(_))) => continue,
            other => panic!("expected a close frame, got {other:?}"),
        }
    }
}

/// Waits for a frame matching `pred`, skipping others.
pub async fn wait_for(ws: &mut Socket, pred: impl Fn(&Value) -> bool) -> Value {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        let frame = try_next_json(ws, left)
            .await
            .expect("matching frame before the deadline");
        if pred(&frame) {
            return frame;
        }
    }
}

/// Asserts that no frame arrives within a short quiet period (the server sent nothing).
/// Bounded by a ping round trip: the server answers the ping only after earlier frames.
pub async fn assert_quiet(ws: &mut Socket) {
    ws.send(Message::Ping(vec![7u8].into()))
        .await
        .expect("ping");
    loop {
        let msg = tokio::time::timeout(WAIT, ws.next())
            .await
            .expect("pong in time");
        match msg {
            Some(Ok(Message::Pong(_))) => return,
            Some(Ok(Message::Text(t))) => panic!("expected silence, got {t}"),
            Some(Ok(_)) => continue,
            other => panic!("socket ended: {other:?}"),
        }
    }
}

/// Sends a JSON frame.
pub async fn send_json(ws: &mut Socket, v: Value) {
    ws.send(Message::Text(v.to_string().into()))
        .await
        .expect("frame sent");
}

/// Sends a raw HTTP/1.1 request and returns the response head and body.
pub async fn raw_http(app: &TestApp, request: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(&app.addr)
        .await
        .expect("connect");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut response = Vec::new();
    tokio::time::timeout(WAIT, stream.read_to_end(&mut response))
        .await
        .expect("server answered and closed")
        .expect("read");
    String::from_utf8_lossy(&response).into_owned()
}

/// Uploads `bytes` as a file named `name` through `/api/files/upload/` (multipart).
pub async fn upload(
    app: &TestApp,
    auth: &str,
    name: &str,
    mime: &str,
    bytes: Vec<u8>,
) -> (StatusCode, Value) {
    let part = Part::bytes(bytes)
        .file_name(name.to_string())
        .mime_str(mime)
        .unwrap();
    let resp = app
        .client
        .post(format!("{}/api/files/upload/", app.base))
        .header("Authorization", auth)
        .multipart(Form::new().text("note", "ignored").part("file", part))
        .send()
        .await
        .unwrap();
    let status = resp.status();
    let text = resp.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

/// A browser's session: the `sessionid` and `csrftoken` cookies `POST /accounts/login/`
/// set.
pub struct Session {
    pub id: String,
    pub csrf: String,
}

impl Session {
    /// The `Cookie` header a browser sends with both cookies.
    pub fn cookie(&self) -> String {
        format!("sessionid={}; csrftoken={}", self.id, self.csrf)
    }
}

/// Logs `username` in through `POST /accounts/login/` (no cookie sent) and keeps the
/// cookies it sets.
pub async fn login(app: &TestApp, username: &str) -> Session {
    let resp = app
        .client
        .post(format!("{}/accounts/login/", app.base))
        .json(&json!({"username": username, "password": "correct-horse"}))
        .send()
        .await
        .expect("login sent");
    assert_eq!(resp.status(), 200, "session login of {username}");
    let cookie = |name: &str| {
        resp.headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|c| c.strip_prefix(&format!("{name}=")))
            .and_then(|c| c.split(';').next())
            .unwrap_or_else(|| panic!("login sets {name}"))
            .to_string()
    };
    Session {
        id: cookie("sessionid"),
        csrf: cookie("csrftoken"),
    }
}

/// One HTTP answer.
pub struct Answer {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Answer {
    /// The value of header `name`, when it is there and is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Sends `method path` with exactly `headers` (a name given twice is sent twice) and an
/// optional JSON body.
pub async fn ask(
    app: &TestApp,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<Value>,
) -> Answer {
    let mut map = reqwest::header::HeaderMap::new();
    for (name, value) in headers {
        map.append(
            reqwest::header::HeaderName::from_bytes(name.as_bytes()).expect("header name"),
            reqwest::header::HeaderValue::from_str(value).expect("header value"),
        );
    }
    let mut rb = app
        .client
        .request(method, format!("{}{}", app.base, path))
        .headers(map);
    if let Some(b) = body {
        rb = rb.json(&b);
    }
    let resp = rb.send().await.expect("request sent");
    let status = resp.status();
    let headers = resp.headers().clone();
    let text = resp.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Answer {
        status,
        headers,
        body,
    }
}

/// Asks for a socket at `path` with exactly `headers` besides the handshake's own (the
/// `Host` the client sends is `app.addr` unless `headers` sets another); the error is
/// the refusal's HTTP status.
pub async fn upgrade(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Result<Socket, u16> {
    let mut request = format!("ws://{}{}", app.addr, path)
        .into_client_request()
        .expect("a socket request");
    for (name, value) in headers {
        let name = tungstenite::http::HeaderName::from_bytes(name.as_bytes()).expect("name");
        let value = tungstenite::http::HeaderValue::from_str(value).expect("value");
        if name == tungstenite::http::header::HOST {
            request.headers_mut().insert(name, value);
        } else {
            request.headers_mut().append(name, value);
        }
    }
    match tokio::time::timeout(WAIT, tokio_tungstenite::connect_async(request))
        .await
        .expect("the handshake was answered")
    {
        Ok((ws, _)) => Ok(ws),
        Err(tungstenite::Error::Http(resp)) => Err(resp.status().as_u16()),
        Err(e) => panic!("socket error at {path}: {e}"),
    }
}

/// SQL that takes a database at the newest schema step back to what step 9 left (the
/// tables, columns and indexes of steps 10 and later gone), for the tests that rewind a
/// database to an older step and let natter upgrade it.
pub const BEFORE_STEP_10: &str = "
    ALTER TABLE chat_members DROP COLUMN shown_read_message_id;
    ALTER TABLE sessions DROP COLUMN access_expires_at;
    DROP TABLE matrix_oauth_refresh; DROP TABLE matrix_oauth_grants; DROP TABLE matrix_oauth_clients;
    ALTER TABLE chats DROP COLUMN encryption; DROP INDEX messages_sealed;
    ALTER TABLE messages DROP COLUMN sealed;
    DROP TABLE matrix_backup_keys; DROP TABLE matrix_key_backups;
    DROP TABLE matrix_to_device_txns; DROP TABLE matrix_to_device;
    DROP TABLE matrix_key_signatures; DROP TABLE matrix_cross_signing;
    DROP TABLE matrix_one_time_keys; DROP TABLE matrix_device_keys;
    ALTER TABLE chats DROP COLUMN image;
    DROP TABLE matrix_sign_ups; DROP TABLE matrix_email_checks;
    ALTER TABLE push_subscriptions DROP COLUMN matrix_pusher; DROP TABLE matrix_login_tokens;
    DROP TABLE matrix_account_data; DROP TABLE matrix_txns; DROP TABLE matrix_log;
    DROP INDEX sessions_device; ALTER TABLE sessions DROP COLUMN device_name;
    ALTER TABLE sessions DROP COLUMN device_id;
    ALTER TABLE users DROP COLUMN language;
    DROP TRIGGER pages_chat_topic_changed; ALTER TABLE chats DROP COLUMN topic;
    DROP TABLE user_group_members; DROP TABLE user_groups;
    DROP TABLE scheduled_messages; DROP INDEX messages_with_files;
    DROP INDEX messages_with_reactions; DROP INDEX messages_with_links; DROP INDEX messages_in_threads;
    DROP TABLE user_status;
    DROP INDEX link_previews_owed_due;
    DROP TABLE link_previews_owed; DROP TABLE link_previews; ALTER TABLE messages DROP COLUMN previews;
    DROP TABLE saved_messages; DROP TABLE pins; ALTER TABLE chats DROP COLUMN pins_by;
    DROP TRIGGER pages_file_image_made; DROP TABLE file_thumbnails; DROP TABLE file_images;
    DROP TABLE custom_emoji;
    DROP TRIGGER pages_chat_made; DROP TRIGGER pages_message_changed;
    DROP TRIGGER pages_message_gone; DROP TRIGGER pages_member_added;
    DROP TRIGGER pages_member_changed; DROP TRIGGER pages_member_gone;
    DROP TRIGGER pages_chat_changed; DROP TRIGGER pages_person_changed;
    DROP TRIGGER pages_person_gone; DROP TRIGGER pages_person_arrived; DROP TRIGGER pages_file_changed; DROP TRIGGER pages_file_gone;
    DROP TABLE page_counters; ALTER TABLE chats DROP COLUMN page_version;
    DROP TRIGGER messages_time_changed; ALTER TABLE chats DROP COLUMN first_message_us; ALTER TABLE chats DROP COLUMN last_message_us;
    ALTER TABLE chats DROP COLUMN first_message_at; ALTER TABLE chats DROP COLUMN last_message_at;
    DROP TABLE two_factor_pending;
    DROP TABLE confirmed_emails; DROP TABLE email_confirmations;
    ALTER TABLE password_resets DROP COLUMN mailed_to_key;
    DROP TABLE missed_mail_chats; ALTER TABLE users DROP COLUMN missed_mail_delay;
    DROP TABLE import_notices; DROP TABLE import_keys;
    DROP TABLE mail_outbox; DROP TABLE missed_mail; ALTER TABLE users DROP COLUMN missed_mail;
    DROP TABLE thread_follows; DROP INDEX messages_thread;
    ALTER TABLE messages DROP COLUMN reply_to_id; ALTER TABLE messages DROP COLUMN thread_id;
    ALTER TABLE messages DROP COLUMN in_channel; ALTER TABLE messages DROP COLUMN reply_count;
    ALTER TABLE messages DROP COLUMN last_reply_at; ALTER TABLE messages DROP COLUMN reply_users;
    ALTER TABLE messages DROP COLUMN removed_at;
    DROP TABLE default_rooms;
    DROP TABLE call_answers; DROP TABLE calls;
    DROP TABLE two_factor_recovery_codes; DROP TABLE two_factor;
    DROP TABLE sign_in_attempts; DROP TABLE sign_in_identities;
    DROP INDEX files_owner; DROP INDEX files_sha256;
    ALTER TABLE chats DROP COLUMN archived_at;
    DROP TABLE bot_deliveries; DROP TABLE bots;
    DROP TABLE push_outbox; DROP TABLE push_chats; DROP TABLE push_subscriptions;
    ALTER TABLE chat_members DROP COLUMN notify_level;
    DROP TABLE mentions;
    DROP TABLE removed_chat_members; DROP TABLE invitations; DROP TABLE password_resets;
    DROP TABLE audit_log; DROP TABLE lockouts;
    ALTER TABLE users DROP COLUMN credentials_epoch;
    ALTER TABLE sessions DROP COLUMN created_at;
    ALTER TABLE chats DROP COLUMN removed_at;";

/// The natter binary on port 0 with `db` and its media in `media`, `args` besides, its
/// stdout and stderr piped: for the tests that read what it logs.
pub fn spawn_logging(
    db: impl AsRef<std::ffi::OsStr>,
    media: &std::path::Path,
    args: &[&str],
) -> Child {
    Command::new(natter_bin())
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .arg("--db")
        .arg(db)
        .arg("--media-dir")
        .arg(media)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("natter starts")
}

/// Every token of every `Vary` header in `headers`, lowercased, in order.
pub fn vary_tokens(headers: &reqwest::header::HeaderMap) -> Vec<String> {
    headers
        .get_all("vary")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|v| v.trim().to_ascii_lowercase())
        .collect()
}

/// A new key of `name`'s (another device), from a login with `password`: its
/// `Authorization` value.
pub async fn another_key(app: &TestApp, name: &str, password: &str) -> String {
    let (status, body) = app
        .call(
            Method::POST,
            "/api/auth/login/",
            None,
            Some(json!({"username": name, "password": password})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    format!("Token {}", body["token"].as_str().expect("token"))
}

/// The resident memory of process `pid`, in KiB (`VmRSS`).
pub fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("VmRSS:")?
                    .trim()
                    .strip_suffix(" kB")?
                    .parse()
                    .ok()
            })
        })
        .unwrap_or(0)
}

/// A brotli body decompressed.
pub fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_end(&mut out)
        .expect("brotli");
    out
}

/// A gzip body decompressed.
pub fn ungzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("gzip");
    out
}
