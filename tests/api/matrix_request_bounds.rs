//! What one Matrix request may ask of the server, through the real binary: a sliding
//! sync that asks for too much work is refused before anything is read, a window that
//! ends at the largest index is every room, a `Host` the server does not answer to never
//! names it to apps, media ids cannot be counted, and an upload declared too large is
//! refused at once.

use crate::helpers::*;
use crate::matrix_http::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const SSS: &str = "/_matrix/client/unstable/org.matrix.simplified_msc3575/sync";

async fn sliding(app: &TestApp, token: &str, body: Value) -> Answer {
    mx(app, Method::POST, SSS, Some(token), Some(body)).await
}

#[tokio::test]
async fn a_sliding_sync_asking_too_much_is_refused_and_a_whole_window_is_answered() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let token = token_of(&sign_in(&app, "alice", None).await);

    // 100 lists of 100 ranges of 100 state pairs: refused in Matrix's shape, before
    // any room is read.
    let pairs: Vec<Value> = (0..100)
        .map(|i| json!([format!("org.example.custom.state.{i}"), "*"]))
        .collect();
    let ranges: Vec<Value> = (0..100).map(|i| json!([i, i + 1000])).collect();
    let mut lists = serde_json::Map::new();
    for i in 0..100 {
        lists.insert(
            format!("l{i}"),
            json!({"ranges": ranges, "timeline_limit": 100, "required_state": pairs}),
        );
    }
    let greedy = json!({ "lists": lists });
    assert!(
        greedy.to_string().len() > 300_000,
        "as large as the attack was"
    );
    let refused = sliding(&app, &token, greedy).await;
    assert_error(&refused, 400, "M_INVALID_PARAM");

    // So are state pairs past the bound, however few rooms they are asked of.
    let many: Vec<Value> = (0..1001).map(|i| json!([format!("t{i}"), ""])).collect();
    let refused = sliding(
        &app,
        &token,
        json!({"lists": {"all": {"ranges": [[0, 0]], "required_state": many}}}),
    )
    .await;
    assert_error(&refused, 400, "M_INVALID_PARAM");

    // A window to the largest index there is covers every room, as Element X's room
    // list asks it (it once wrapped around to an empty window).
    let whole = sliding(
        &app,
        &token,
        json!({"lists": {"all": {
            "ranges": [[0, u64::MAX]],
            "timeline_limit": 1,
            "required_state": [["m.room.name", ""]],
        }}}),
    )
    .await;
    assert_eq!(whole.status, StatusCode::OK, "{}", whole.body);
    let rooms = whole.body["rooms"].as_object().expect("rooms");
    for chat in [chats.direct, chats.group, chats.room] {
        assert!(rooms.contains_key(&room(chat)), "{}", whole.body);
    }
    assert_eq!(
        whole.body["lists"]["all"]["count"].as_u64(),
        Some(rooms.len() as u64),
        "{}",
        whole.body
    );
    // And a range of the largest index alone is an empty window, not an error.
    let past = sliding(
        &app,
        &token,
        json!({"lists": {"all": {"ranges": [[u64::MAX, u64::MAX]], "timeline_limit": 1}}}),
    )
    .await;
    assert_eq!(past.status, StatusCode::OK, "{}", past.body);
    assert_eq!(past.body["rooms"], json!({}), "{}", past.body);
}

/// `GET path` with `Host: host`, over raw TCP; the JSON body.
async fn with_host(app: &TestApp, path: &str, host: &str) -> Value {
    let answer = raw_http(
        app,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    )
    .await;
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or("");
    serde_json::from_str(body).unwrap_or_else(|_| panic!("JSON from {path}: {answer}"))
}

#[tokio::test]
async fn a_host_the_server_does_not_answer_to_is_never_named_to_apps() {
    // natter named chat.example.org, without --public-url.
    let app = TestApp::spawn_with(&[
        "--rate-limits",
        "off",
        "--matrix-server-name",
        "chat.example.org",
    ])
    .await;
    for host in [
        "evil.example",
        "chat.example.org.evil.example",
        "203.0.113.9",
    ] {
        let well_known = with_host(&app, "/.well-known/matrix/client", host).await;
        assert_eq!(
            well_known["m.homeserver"]["base_url"], "http://chat.example.org",
            "{host}: {well_known}"
        );
        let metadata = with_host(&app, "/_matrix/client/v1/auth_metadata", host).await;
        let text = metadata.to_string();
        assert!(!text.contains("evil.example"), "{text}");
        assert!(!text.contains("203.0.113.9"), "{text}");
        assert_eq!(metadata["issuer"], "http://chat.example.org/", "{metadata}");
    }
    // The server's own name, and loopback, are answered as asked.
    let own = with_host(&app, "/.well-known/matrix/client", "chat.example.org").await;
    assert_eq!(own["m.homeserver"]["base_url"], "http://chat.example.org");
    let here = with_host(&app, "/.well-known/matrix/client", &app.addr).await;
    assert_eq!(
        here["m.homeserver"]["base_url"],
        format!("http://{}", app.addr)
    );

    // A password sign-in's well_known too.
    app.register("alice").await;
    let body = json!({
        "type": "m.login.password",
        "identifier": {"type": "m.id.user", "user": "alice"},
        "password": "correct-horse",
    })
    .to_string();
    let answer = raw_http(
        &app,
        &format!(
            "POST /_matrix/client/v3/login HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(!answer.contains("evil.example"), "{answer}");
    assert!(answer.contains("http://chat.example.org"), "{answer}");
}

#[tokio::test]
async fn media_ids_cannot_be_counted() {
    let app = spawn().await;
    let (_, _) = app.register("alice").await;
    let (_, _) = app.register("bob").await;
    let alice = token_of(&sign_in(&app, "alice", None).await);
    let bob = token_of(&sign_in(&app, "bob", None).await);
    let first = upload_media(&app, &alice, b"one".to_vec(), "text/plain").await;
    let second = upload_media(&app, &alice, b"two".to_vec(), "text/plain").await;
    let id = |uri: &str| -> String {
        uri.strip_prefix(&format!("mxc://{SERVER}/"))
            .expect("this server's")
            .to_string()
    };
    let (first, second) = (id(&first), id(&second));
    for media in [&first, &second] {
        assert!(media.len() >= 32, "a media id past guessing: {media}");
        assert!(media.parse::<i64>().is_err(), "not a bare number: {media}");
    }
    let download = |media: &str| format!("/_matrix/client/v1/media/download/{SERVER}/{media}");
    let got = mx(&app, Method::GET, &download(&second), Some(&alice), None).await;
    assert_eq!(got.status, StatusCode::OK);
    // The number before the tag, counted on, with the other file's tag or none: nothing.
    let file: i64 = first
        .split('_')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("the file's number");
    let tag = first.split_once('_').map_or("", |p| p.1);
    for guess in [
        format!("{}", file + 1),
        format!("{}_{tag}", file + 1),
        format!("{}_", file + 1),
    ] {
        let got = mx(&app, Method::GET, &download(&guess), Some(&alice), None).await;
        assert_error(&got, 404, "M_NOT_FOUND");
    }
    // Another person still cannot read a file they were never shown.
    let got = mx(&app, Method::GET, &download(&first), Some(&bob), None).await;
    assert_error(&got, 404, "M_NOT_FOUND");
}

#[tokio::test]
async fn an_upload_declared_too_large_is_refused_at_once() {
    // The smallest upload limit, so that the declared length is past it.
    let app = TestApp::spawn_with(&[
        "--rate-limits",
        "off",
        "--matrix-server-name",
        SERVER,
        "--max-upload-mb",
        "1",
    ])
    .await;
    app.register("alice").await;
    let token = token_of(&sign_in(&app, "alice", None).await);
    let mut stream = tokio::net::TcpStream::connect(&app.addr)
        .await
        .expect("connect");
    // 100 MB declared, 64 KiB sent, and the client then waits, still holding the
    // connection open: the 413 must come without the rest.
    let head = format!(
        "POST /_matrix/media/v3/upload?filename=big HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000000\r\n\r\n",
        app.addr
    );
    stream.write_all(head.as_bytes()).await.expect("head");
    stream
        .write_all(&vec![0u8; 64 * 1024])
        .await
        .expect("a first part");
    let mut answer = vec![0u8; 4096];
    // Well inside the 5 s a refused body is drained for: the answer does not wait on it.
    let n = tokio::time::timeout(std::time::Duration::from_secs(3), stream.read(&mut answer))
        .await
        .expect("the 413 before the body")
        .expect("read");
    let text = String::from_utf8_lossy(&answer[..n]);
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    assert!(text.contains("M_TOO_LARGE"), "{text}");
}
