//! What the Matrix tests share: requests with a device's token, a password sign-in as
//! a Matrix app, and the checks of Matrix's error shape.

use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

pub const V3: &str = "/_matrix/client/v3";

/// The server name the Matrix tests give natter.
pub const SERVER: &str = "example.org";

/// natter with rate limits off and [`SERVER`] as its Matrix server name.
pub async fn spawn() -> TestApp {
    TestApp::spawn_with(&["--rate-limits", "off", "--matrix-server-name", SERVER]).await
}

/// The room id of chat `chat`.
pub fn room(chat: i64) -> String {
    format!("!{chat}:{SERVER}")
}

/// `method path` with a Matrix access token (or none) and an optional body.
pub async fn mx(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Answer {
    let bearer = token.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = bearer
        .iter()
        .map(|b| ("Authorization", b.as_str()))
        .collect();
    ask(app, method, path, &headers, body).await
}

/// `POST {V3}{path}` with `token` and `body`.
pub async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> Answer {
    mx(
        app,
        Method::POST,
        &format!("{V3}{path}"),
        Some(token),
        Some(body),
    )
    .await
}

/// `PUT {V3}{path}` with `token` and `body`.
pub async fn put(app: &TestApp, token: &str, path: &str, body: Value) -> Answer {
    mx(
        app,
        Method::PUT,
        &format!("{V3}{path}"),
        Some(token),
        Some(body),
    )
    .await
}

/// `GET {V3}{path}` with `token`.
pub async fn get(app: &TestApp, token: &str, path: &str) -> Answer {
    mx(app, Method::GET, &format!("{V3}{path}"), Some(token), None).await
}

/// Signs `user` in by password as a Matrix app; the login's answer.
pub async fn sign_in(app: &TestApp, user: &str, device: Option<&str>) -> Answer {
    let mut body = json!({
        "type": "m.login.password",
        "identifier": {"type": "m.id.user", "user": user},
        "password": "correct-horse",
        "initial_device_display_name": "Element on the phone",
    });
    if let Some(device) = device {
        body["device_id"] = json!(device);
    }
    mx(app, Method::POST, &format!("{V3}/login"), None, Some(body)).await
}

pub fn token_of(answer: &Answer) -> String {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.body["access_token"]
        .as_str()
        .expect("access_token")
        .to_string()
}

pub fn assert_error(answer: &Answer, status: u16, errcode: &str) {
    assert_eq!(answer.status.as_u16(), status, "{}", answer.body);
    assert_eq!(answer.body["errcode"], errcode, "{}", answer.body);
    assert!(answer.body["error"].is_string(), "{}", answer.body);
}

/// What a waiting `/sync` answered, and how long it waited.
pub struct Polled {
    pub status: StatusCode,
    pub took: std::time::Duration,
    pub body: Value,
}

/// A `/sync` from `since` with `token` that may wait 20 s, in a task of its own.
pub fn poll(app: &TestApp, token: &str, since: &str) -> tokio::task::JoinHandle<Polled> {
    let url = format!("{}{V3}/sync?since={since}&timeout=20000", app.base);
    let token = token.to_string();
    tokio::spawn(async move {
        let started = std::time::Instant::now();
        let answer = reqwest::Client::new()
            .get(url)
            .bearer_auth(token)
            .send()
            .await
            .expect("sync sent");
        let status = answer.status();
        let body = answer.json::<Value>().await.expect("json");
        Polled {
            status,
            took: started.elapsed(),
            body,
        }
    })
}

/// A poll's answer, which must come before the poll's own 20 s: what a test waits for is
/// the event, not the time.
pub async fn answered(waiting: tokio::task::JoinHandle<Polled>) -> Value {
    let polled = tokio::time::timeout(WAIT, waiting)
        .await
        .expect("answered before the poll's own 20 s")
        .expect("task");
    assert_eq!(polled.status, StatusCode::OK, "{}", polled.body);
    polled.body
}

/// Uploads `body` as `kind` to the media repository with `token`; its content URI.
pub async fn upload_media(app: &TestApp, token: &str, body: Vec<u8>, kind: &str) -> String {
    let answer = app
        .client
        .post(format!(
            "{}/_matrix/media/v3/upload?filename=upload",
            app.base
        ))
        .bearer_auth(token)
        .header("Content-Type", kind)
        .body(body)
        .send()
        .await
        .expect("upload sent");
    assert_eq!(answer.status(), StatusCode::OK);
    answer.json::<Value>().await.expect("json")["content_uri"]
        .as_str()
        .expect("content_uri")
        .to_string()
}

/// Sends `body` (natter's message fields) to `chat` through natter's chats API as
/// `auth`; the message's id.
pub async fn natter_send(app: &TestApp, auth: &str, chat: i64, body: Value) -> i64 {
    let (status, said) = app
        .post(&format!("/messages/api/chats/{chat}/messages/"), auth, body)
        .await;
    assert!(status.is_success(), "{status} {said}");
    said["id"].as_i64().expect("id")
}
