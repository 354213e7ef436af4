//! What a hostile site or a confused client tries with someone's credentials, through the real binary: a page elsewhere opening a socket
//! with the visitor's session cookie (cross-site WebSocket hijacking), unsafe requests
//! and logins riding the cookie without the CSRF token, two or malformed `Authorization`
//! headers, framing the web client, and one user holding unbounded sockets. Every wait
//! is a read bounded by `WAIT`, never a sleep.

use crate::helpers::*;
use futures_util::StreamExt;
use reqwest::Method;
use serde_json::{json, Value};
use tokio::io::AsyncWriteExt;
use tokio_tungstenite::MaybeTlsStream;

/// Closes a socket and waits for the server to end the connection, so its slot is free.
async fn close(mut ws: Socket) {
    ws.close(None).await.expect("close sent");
    until_ended(ws).await;
}

/// Ends a socket's connection without a close frame, as a client that goes away does
/// (only its sending side shuts, so the server's answer can still be read), and waits
/// for the server to end the connection.
async fn vanish(mut ws: Socket) {
    let MaybeTlsStream::Plain(tcp) = ws.get_mut() else {
        panic!("a plain TCP socket");
    };
    tcp.shutdown().await.expect("shutdown");
    until_ended(ws).await;
}

/// Reads `ws` until the server ends the connection.
async fn until_ended(mut ws: Socket) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        match tokio::time::timeout_at(deadline, ws.next()).await {
            Err(_) => panic!("the server did not end the socket"),
            Ok(None | Some(Err(_))) => return,
            Ok(Some(Ok(_))) => continue,
        }
    }
}

/// Waits on `ws` for a frame that mentions `content`, skipping others.
async fn wait_for_content(ws: &mut Socket, content: &str) {
    wait_for(ws, |frame| frame.to_string().contains(content)).await;
}

/// Alice with a session, and a chat, DirectChat, room and messenger room she is in with
/// bob, so that each of her socket paths would open.
struct World {
    a: i64,
    b: i64,
    ta: String,
    tb: String,
    alice: Session,
    bob: Session,
    /// Every socket path of every surface that alice may open.
    socket_paths: Vec<String>,
}

async fn world(app: &TestApp) -> World {
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let ChatsOfEveryKind {
        direct: dm,
        group,
        room,
        messenger: name,
    } = chats_of_every_kind(app, &ta, b, "bob").await;
    let socket_paths = vec![
        "/messages/ws/".to_string(),
        format!("/messages/ws/chats/{group}/"),
        format!("/ws/chat/{dm}/"),
        "/ws/chat/bob/".to_string(),
        format!("/ws/room/{room}/"),
        format!("/ws/call/{room}/"),
        format!("/messenger/ws/ws/chat/{name}/"),
    ];
    World {
        a,
        b,
        ta,
        tb,
        alice: login(app, "alice").await,
        bob: login(app, "bob").await,
        socket_paths,
    }
}

/// The port of the server.
fn port(app: &TestApp) -> u16 {
    app.addr
        .rsplit_once(':')
        .and_then(|(_, p)| p.parse().ok())
        .expect("a port")
}

#[tokio::test]
async fn cross_site_websocket_hijacking_with_the_session_cookie_is_refused_on_every_socket_path() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let cookie = w.alice.cookie();
    let port = port(&app);
    let other_port = if port == u16::MAX { port - 1 } else { port + 1 };
    let addr = &app.addr;
    let foreign = [
        None,
        Some("null".to_string()),
        Some(format!("http://127.0.0.1.evil.example:{port}")),
        Some(format!("http://{addr}.evil.example")),
        Some(format!("http://{addr}@evil.example")),
        Some("http://evil.example".to_string()),
        Some(format!("http://localhost:{port}")),
        Some(format!("http://127.0.0.1:{other_port}")),
        Some(format!("https://{addr}")),
        Some(format!("ws://{addr}")),
    ];
    let own = format!("http://{addr}");
    for path in &w.socket_paths {
        for origin in &foreign {
            let mut headers = vec![("Cookie", cookie.as_str())];
            if let Some(origin) = origin {
                headers.push(("Origin", origin));
            }
            assert_eq!(
                upgrade(&app, path, &headers).await.err(),
                Some(403),
                "{path} from {origin:?}"
            );
        }
        let headers = [("Cookie", cookie.as_str()), ("Origin", own.as_str())];
        let ws = upgrade(&app, path, &headers).await;
        assert!(ws.is_ok(), "{path} from its own origin: {:?}", ws.err());
        close(ws.unwrap()).await;
    }
    // The own origin is the Host the client sent, whatever it is.
    let host = format!("chat.example:{port}");
    let path = &w.socket_paths[0];
    let renamed = format!("http://{host}");
    let from = |origin| {
        [
            ("Cookie", cookie.as_str()),
            ("Host", host.as_str()),
            ("Origin", origin),
        ]
    };
    let ws = upgrade(&app, path, &from(renamed.as_str())).await;
    close(ws.expect("the origin of the Host sent")).await;
    assert_eq!(
        upgrade(&app, path, &from(own.as_str())).await.err(),
        Some(403)
    );
}

#[tokio::test]
async fn a_session_socket_from_an_origin_not_listed_in_allowed_origins_is_refused() {
    let app = TestApp::spawn_with(&[
        "--rate-limits",
        "off",
        "--allowed-origins",
        "http://app.example.org,https://chat.example.org:8443",
    ])
    .await;
    let w = world(&app).await;
    let cookie = w.alice.cookie();
    let own = format!("http://{}", app.addr);
    let allowed = [
        "http://app.example.org",
        "https://chat.example.org:8443",
        &own,
    ];
    let refused = [
        "http://evil.example",
        "https://app.example.org",
        "http://app.example.org:8080",
        "http://app.example.org.evil.example",
        "https://chat.example.org",
        "null",
    ];
    for path in &w.socket_paths {
        for origin in allowed {
            let headers = [("Cookie", cookie.as_str()), ("Origin", origin)];
            let ws = upgrade(&app, path, &headers).await;
            assert!(ws.is_ok(), "{path} from {origin}: {:?}", ws.err());
            close(ws.unwrap()).await;
        }
        for origin in refused {
            let headers = [("Cookie", cookie.as_str()), ("Origin", origin)];
            assert_eq!(
                upgrade(&app, path, &headers).await.err(),
                Some(403),
                "{path} from {origin}"
            );
        }
    }
}

#[tokio::test]
async fn token_socket_upgrades_from_another_site_are_not_cookie_riding_and_are_accepted() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let jwt = bearer(&app, "alice").await;
    let key = w.ta.rsplit(' ').next().unwrap().to_string();
    let access = jwt.rsplit(' ').next().unwrap().to_string();
    let cookie = w.alice.cookie();
    let evil = ("Origin", "http://evil.example");
    for path in &w.socket_paths {
        let sep = if path.contains('?') { '&' } else { '?' };
        let attempts: [(String, Vec<(&str, &str)>); 5] = [
            (format!("{path}{sep}token={key}"), vec![evil]),
            (format!("{path}{sep}token={access}"), vec![evil]),
            (path.clone(), vec![evil, ("Authorization", w.ta.as_str())]),
            (path.clone(), vec![evil, ("Authorization", jwt.as_str())]),
            // A token beside the cookie: the token's socket, not the cookie's.
            (
                path.clone(),
                vec![
                    evil,
                    ("Cookie", cookie.as_str()),
                    ("Authorization", w.ta.as_str()),
                ],
            ),
        ];
        for (target, headers) in &attempts {
            let ws = upgrade(&app, target, headers).await;
            assert!(ws.is_ok(), "{target} with {headers:?}: {:?}", ws.err());
            close(ws.unwrap()).await;
        }
    }
}

#[tokio::test]
async fn an_authorization_scheme_natter_does_not_speak_does_not_excuse_a_cross_site_cookie() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let cookie = w.alice.cookie();
    for path in &w.socket_paths {
        let headers = [
            ("Cookie", cookie.as_str()),
            ("Origin", "http://evil.example"),
            ("Authorization", "Basic YWxpY2U6Y29ycmVjdC1ob3JzZQ=="),
        ];
        assert_eq!(
            upgrade(&app, path, &headers).await.err(),
            Some(403),
            "{path}"
        );
    }
}

/// An unsafe request of every surface, with a body that succeeds for alice of `world`.
fn unsafe_requests(w: &World, message: i64) -> Vec<(Method, String, Option<Value>)> {
    vec![
        (
            Method::POST,
            "/api/messages/".into(),
            Some(json!({"receiver": w.b, "content": "riding the cookie"})),
        ),
        (
            Method::POST,
            "/messages/api/chats/".into(),
            Some(json!({"chat_type": "group", "title": "riding"})),
        ),
        (
            Method::POST,
            "/api/rooms/".into(),
            Some(json!({"name": "riding", "is_private": false})),
        ),
        (
            Method::POST,
            "/api/chats/create/".into(),
            Some(json!({"user_id": w.b})),
        ),
        (
            Method::POST,
            "/messenger/api/chatrooms/".into(),
            Some(json!({"recipient": "bob"})),
        ),
        (
            Method::PATCH,
            "/profiles/api/profile/".into(),
            Some(json!({"bio": "riding"})),
        ),
        (
            Method::PUT,
            format!("/api/users/{}/", w.a),
            Some(json!({"display_name": "Riding"})),
        ),
        (
            Method::DELETE,
            format!("/api/messages/{message}/delete_message/"),
            None,
        ),
    ]
}

#[tokio::test]
async fn cross_site_request_forgery_with_the_session_cookie_is_refused_on_every_surface() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let message = inbox_send(&app, &w.ta, w.b, "to be deleted").await["id"]
        .as_i64()
        .unwrap();
    let cookie = w.alice.cookie();
    let (_, before) = app.get("/api/messages/?user=bob", &w.ta).await;
    for (method, path, body) in unsafe_requests(&w, message) {
        for csrf in [None, Some("wrong"), Some("")] {
            let mut headers = vec![("Cookie", cookie.as_str())];
            if let Some(token) = csrf {
                headers.push(("X-CSRFToken", token));
            }
            let answer = ask(&app, method.clone(), &path, &headers, body.clone()).await;
            assert_eq!(
                answer.status, 403,
                "{method} {path} with X-CSRFToken {csrf:?}: {}",
                answer.body
            );
            assert!(
                answer.body.to_string().contains("CSRF"),
                "{method} {path}: {}",
                answer.body
            );
        }
        // The header alone, without the cookie to compare with, proves nothing either.
        let only_session = format!("sessionid={}", w.alice.id);
        let headers = [
            ("Cookie", only_session.as_str()),
            ("X-CSRFToken", w.alice.csrf.as_str()),
        ];
        let answer = ask(&app, method.clone(), &path, &headers, body.clone()).await;
        assert_eq!(
            answer.status, 403,
            "{method} {path} without the csrftoken cookie"
        );
    }
    // Nothing was done: the message is still there, and no other was sent.
    let (_, after) = app.get("/api/messages/?user=bob", &w.ta).await;
    assert_eq!(after["count"], before["count"]);
    assert_eq!(result_ids(&after), result_ids(&before));

    // With the token the page was given, the same requests work.
    let csrf = w.alice.csrf.as_str();
    for (method, path, body) in unsafe_requests(&w, message) {
        let headers = [("Cookie", cookie.as_str()), ("X-CSRFToken", csrf)];
        let answer = ask(&app, method.clone(), &path, &headers, body).await;
        assert!(
            answer.status.is_success(),
            "{method} {path} with the CSRF token: {} {}",
            answer.status,
            answer.body
        );
    }
}

#[tokio::test]
async fn logout_forgery_with_the_session_cookie_is_refused() {
    let app = TestApp::spawn().await;
    app.register("alice").await;
    for path in ["/api/auth/logout/", "/accounts/logout/"] {
        let session = login(&app, "alice").await;
        let cookie = session.cookie();
        let refused = ask(
            &app,
            Method::POST,
            path,
            &[("Cookie", cookie.as_str())],
            None,
        )
        .await;
        assert_eq!(refused.status, 403, "{path}: {}", refused.body);
        let me = ask(
            &app,
            Method::GET,
            "/api/auth/me/",
            &[("Cookie", cookie.as_str())],
            None,
        )
        .await;
        assert_eq!(me.status, 200, "{path}: the forged logout ended nothing");
        let headers = [
            ("Cookie", cookie.as_str()),
            ("X-CSRFToken", session.csrf.as_str()),
        ];
        let done = ask(&app, Method::POST, path, &headers, None).await;
        assert!(done.status.is_success(), "{path}: {}", done.status);
        // `/api/auth/logout/` deletes the key it is called with (docs/api.md), so only
        // the browser logout ends the session.
        if path == "/accounts/logout/" {
            let me = ask(
                &app,
                Method::GET,
                "/api/auth/me/",
                &[("Cookie", cookie.as_str())],
                None,
            )
            .await;
            assert_eq!(me.status, 401, "{path}: the session ended");
        }
    }
}

#[tokio::test]
async fn login_csrf_with_a_session_cookie_is_refused_on_every_login_endpoint() {
    let app = TestApp::spawn().await;
    app.register("alice").await;
    app.register("bob").await;
    let as_bob = json!({"username": "bob", "password": "correct-horse"});
    let logins = [
        ("/api/auth/login/", as_bob.clone(), 200),
        ("/accounts/login/", as_bob.clone(), 200),
        ("/accounts/api/token/", as_bob, 200),
        (
            "/api/auth/register/",
            json!({"username": "mallory", "email": "m@example.org", "password": "correct-horse"}),
            201,
        ),
    ];
    for (path, body, ok) in &logins {
        // A fresh session each time: a login may end the one it replaces.
        let alice = login(&app, "alice").await;
        let cookie = alice.cookie();
        for csrf in [None, Some("wrong")] {
            let mut headers = vec![("Cookie", cookie.as_str())];
            if let Some(token) = csrf {
                headers.push(("X-CSRFToken", token));
            }
            let answer = ask(&app, Method::POST, path, &headers, Some(body.clone())).await;
            assert_eq!(
                answer.status, 403,
                "{path} with alice's cookie and X-CSRFToken {csrf:?}: {}",
                answer.body
            );
            assert!(answer.headers.get("set-cookie").is_none(), "{path}");
        }
        let headers = [
            ("Cookie", cookie.as_str()),
            ("X-CSRFToken", alice.csrf.as_str()),
        ];
        let answer = ask(&app, Method::POST, path, &headers, Some(body.clone())).await;
        assert_eq!(answer.status.as_u16(), *ok, "{path}: {}", answer.body);
    }
    // Anonymous callers have no session to forge: no CSRF token needed.
    let logins = [
        ("/api/auth/login/", "bob", 200),
        ("/accounts/login/", "bob", 200),
        ("/accounts/api/token/", "bob", 200),
        ("/api/auth/register/", "trent", 201),
    ];
    for (path, username, ok) in logins {
        let body = json!({"username": username, "email": format!("{username}@example.org"), "password": "correct-horse"});
        let answer = ask(&app, Method::POST, path, &[], Some(body)).await;
        assert_eq!(
            answer.status.as_u16(),
            ok,
            "anonymous {path}: {}",
            answer.body
        );
    }
}

/// GET endpoints of every surface's shape, for the credential tests.
const SHAPES: [&str; 7] = [
    "/api/auth/me/",
    "/messages/api/chats/",
    "/api/messages/",
    "/api/chats/",
    "/profiles/api/profile/",
    "/messenger/api/user/chatrooms/",
    "/api/users/",
];

/// Asserts that `headers` authenticate nobody on every path of `SHAPES`: the same 401
/// as the lone `Authorization: reference` there (an invalid token in that surface's
/// shape), with its `WWW-Authenticate`.
async fn assert_nobody(app: &TestApp, headers: &[(&str, &str)], reference: &str, what: &str) {
    for path in SHAPES {
        let invalid = ask(
            app,
            Method::GET,
            path,
            &[("Authorization", reference)],
            None,
        )
        .await;
        assert_eq!(invalid.status, 401, "{path}");
        let answer = ask(app, Method::GET, path, headers, None).await;
        assert_eq!(answer.status, 401, "{what} on {path}: {}", answer.body);
        assert_eq!(answer.body, invalid.body, "{what} on {path}");
        assert!(
            answer.headers.contains_key("www-authenticate"),
            "{what} on {path}"
        );
    }
}

/// A DRF key that belongs to nobody.
const INVALID_TOKEN: &str = "Token garbage";

/// The invalid credential of the scheme `value` names: a bad Bearer is answered in
/// simplejwt's shape, anything else in the shape of an invalid DRF key.
fn reference(value: &str) -> &'static str {
    if value.starts_with("Bearer") {
        "Bearer garbage"
    } else {
        INVALID_TOKEN
    }
}

#[tokio::test]
async fn two_authorization_headers_authenticate_nobody() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let jwt = bearer(&app, "alice").await;
    let pairs = [
        (w.ta.as_str(), w.tb.as_str()),
        (w.ta.as_str(), w.ta.as_str()),
        (w.ta.as_str(), "Token garbage"),
        ("Token garbage", w.ta.as_str()),
        (jwt.as_str(), w.tb.as_str()),
        (w.tb.as_str(), jwt.as_str()),
    ];
    for (first, second) in pairs {
        let headers = [("Authorization", first), ("Authorization", second)];
        let what = format!("{first:?} then {second:?}");
        assert_nobody(&app, &headers, INVALID_TOKEN, &what).await;
        // Nor do they act: no message is sent.
        let body = json!({"receiver": w.b, "content": "as whom?"});
        let answer = ask(&app, Method::POST, "/api/messages/", &headers, Some(body)).await;
        assert_eq!(answer.status, 401, "{what}: {}", answer.body);
        for path in &w.socket_paths {
            assert_eq!(
                upgrade(&app, path, &headers).await.err(),
                Some(401),
                "{what} on {path}"
            );
        }
    }
    let (_, sent) = app.get("/api/messages/?user=bob", &w.ta).await;
    assert_eq!(sent["count"], 0, "{sent}");
    // Two `?token=` on a socket are no better.
    let key = |t: &str| t.rsplit(' ').next().unwrap().to_string();
    let path = format!("/messages/ws/?token={}&token={}", key(&w.ta), key(&w.tb));
    assert_eq!(upgrade(&app, &path, &[]).await.err(), Some(401));
}

#[tokio::test]
async fn malformed_authorization_headers_authenticate_nobody() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let jwt = bearer(&app, "alice").await;
    let jwt_b = bearer(&app, "bob").await;
    let malformed = [
        format!("{} extra", w.ta),
        format!("{}, {jwt_b}", w.ta),
        format!("{},{}", w.ta, w.tb.rsplit(' ').next().unwrap()),
        "Token".to_string(),
        "Token ".to_string(),
        "Bearer".to_string(),
        format!("{jwt} extra"),
        format!("{jwt}, {}", w.tb),
    ];
    for value in &malformed {
        let headers = [("Authorization", value.as_str())];
        assert_nobody(&app, &headers, reference(value), value).await;
        for path in &w.socket_paths {
            assert_eq!(
                upgrade(&app, path, &headers).await.err(),
                Some(401),
                "{value:?} on {path}"
            );
        }
    }
}

#[tokio::test]
async fn a_bad_authorization_header_beside_a_valid_session_is_refused() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let cookie = w.alice.cookie();
    let own = format!("http://{}", app.addr);
    let bad = [
        "Token garbage".to_string(),
        "Token".to_string(),
        "Bearer not.a.jwt".to_string(),
        format!("{} extra", w.ta),
    ];
    let me = ask(
        &app,
        Method::GET,
        "/api/auth/me/",
        &[("Cookie", cookie.as_str())],
        None,
    )
    .await;
    assert_eq!(me.body["username"], "alice", "the session alone works");
    for value in &bad {
        let headers = [("Cookie", cookie.as_str()), ("Authorization", value)];
        let what = format!("{value:?} beside a session");
        assert_nobody(&app, &headers, reference(value), &what).await;
        // Unsafe, with the CSRF token: still refused, not the session's user.
        let headers = [
            ("Cookie", cookie.as_str()),
            ("X-CSRFToken", w.alice.csrf.as_str()),
            ("Authorization", value),
        ];
        let body = json!({"receiver": w.b, "content": "as the session?"});
        let answer = ask(&app, Method::POST, "/api/messages/", &headers, Some(body)).await;
        assert_eq!(answer.status, 401, "{value:?}: {}", answer.body);
        for path in &w.socket_paths {
            let headers = [
                ("Cookie", cookie.as_str()),
                ("Origin", own.as_str()),
                ("Authorization", value),
            ];
            assert_eq!(
                upgrade(&app, path, &headers).await.err(),
                Some(401),
                "{value:?} beside a session on {path}"
            );
        }
    }
    // Two headers beside a session: refused too.
    let headers = [
        ("Cookie", cookie.as_str()),
        ("Authorization", w.ta.as_str()),
        ("Authorization", w.ta.as_str()),
    ];
    assert_nobody(
        &app,
        &headers,
        INVALID_TOKEN,
        "two headers beside a session",
    )
    .await;
    let (_, sent) = app.get("/api/messages/?user=bob", &w.ta).await;
    assert_eq!(sent["count"], 0, "{sent}");
}

#[tokio::test]
async fn a_valid_token_beside_another_users_session_is_the_tokens_user() {
    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let jwt = bearer(&app, "alice").await;
    let bobs = w.bob.cookie();
    for token in [w.ta.as_str(), jwt.as_str()] {
        let headers = [("Cookie", bobs.as_str()), ("Authorization", token)];
        let me = ask(&app, Method::GET, "/api/auth/me/", &headers, None).await;
        assert_eq!(
            (me.status.as_u16(), &me.body["username"]),
            (200, &json!("alice")),
            "{token}: {}",
            me.body
        );
        // A token request needs no CSRF token, and it acts as the token's user.
        let body = json!({"receiver": w.b, "content": "from alice's token"});
        let answer = ask(&app, Method::POST, "/api/messages/", &headers, Some(body)).await;
        assert_eq!(answer.status, 201, "{}", answer.body);
        assert_eq!(answer.body["sender"], w.a, "{}", answer.body);
    }
    // On a socket too: alice's inbox with bob opens; bob has no inbox with himself.
    let headers = [
        ("Cookie", bobs.as_str()),
        ("Origin", "http://evil.example"),
        ("Authorization", w.ta.as_str()),
    ];
    let mut ws = upgrade(&app, "/ws/chat/bob/", &headers)
        .await
        .expect("alice's inbox socket");
    inbox_send(&app, &w.tb, w.a, "to alice").await;
    wait_for_content(&mut ws, "to alice").await;
}

#[tokio::test]
async fn the_web_client_cannot_be_framed_or_run_scripts_from_elsewhere_or_connect_elsewhere() {
    let app = TestApp::spawn().await;
    for (method, path) in [
        (Method::GET, "/"),
        (Method::HEAD, "/"),
        (Method::GET, "/static/index.html"),
    ] {
        let answer = ask(&app, method.clone(), path, &[], None).await;
        assert_eq!(answer.status, 200, "{method} {path}");
        let header = |name: &str| {
            answer
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_else(|| panic!("{method} {path}: no {name}"))
                .to_string()
        };
        assert!(header("content-type").starts_with("text/html"));
        assert_eq!(header("x-frame-options"), "DENY", "{method} {path}");
        assert_eq!(header("referrer-policy"), "same-origin", "{method} {path}");
        let policy = header("content-security-policy");
        let directives: Vec<&str> = policy.split(';').map(str::trim).collect();
        assert!(
            directives.contains(&"frame-ancestors 'none'"),
            "{method} {path}: {policy}"
        );
        // Scripts from this server only, and by its hash the page's one inline script, the
        // import map.
        let scripts: Vec<&str> = directives
            .iter()
            .find_map(|d| d.strip_prefix("script-src "))
            .unwrap_or_else(|| panic!("{method} {path}: no script-src in {policy}"))
            .split_whitespace()
            .collect();
        assert_eq!(
            scripts.first(),
            Some(&"'self'"),
            "{method} {path}: {policy}"
        );
        assert!(
            scripts[1..]
                .iter()
                .all(|s| s.starts_with("'sha256-") && s.ends_with('\'')),
            "{method} {path}: {policy}"
        );
        assert!(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"));
        // Scripts may talk to this server only: `'self'` (which covers its own ws/wss),
        // never any socket anywhere (`ws: wss:`), and nothing falls back to a wider rule.
        let connect: Vec<&str> = directives
            .iter()
            .filter(|d| d.starts_with("connect-src"))
            .copied()
            .collect();
        assert_eq!(connect, ["connect-src 'self'"], "{method} {path}: {policy}");
        assert!(
            directives.contains(&"default-src 'self'"),
            "{method} {path}: {policy}"
        );
    }
}

#[tokio::test]
async fn one_user_cannot_hold_more_sockets_than_the_cap_and_the_rest_keep_working() {
    let app = TestApp::spawn_with(&["--max-sockets-per-user", "3", "--rate-limits", "off"]).await;
    let w = world(&app).await;
    let own = format!("http://{}", app.addr);
    let mut held = vec![
        app.socket("/messages/ws/", &w.ta).await,
        app.socket("/ws/chat/bob/", &w.ta).await,
        app.socket(&w.socket_paths[2], &w.ta).await,
    ];
    // The fourth is refused before the upgrade, whatever the path or the credential.
    for path in &w.socket_paths {
        assert_eq!(app.try_socket(path, &w.ta).await.err(), Some(429), "{path}");
    }
    let cookie = w.alice.cookie();
    let by_session = [("Cookie", cookie.as_str()), ("Origin", own.as_str())];
    assert_eq!(
        upgrade(&app, "/messages/ws/", &by_session).await.err(),
        Some(429)
    );
    // Someone else is not affected.
    let mut bob = app.socket("/ws/chat/alice/", &w.tb).await;
    let mut bob_all = app.socket("/messages/ws/", &w.tb).await;
    // The three keep receiving.
    inbox_send(&app, &w.tb, w.a, "while capped").await;
    for ws in held.iter_mut() {
        wait_for_content(ws, "while capped").await;
    }
    wait_for_content(&mut bob, "while capped").await;
    wait_for_content(&mut bob_all, "while capped").await;
    // One closed, one more may open; then the cap holds again.
    close(held.remove(0)).await;
    held.push(app.socket("/messages/ws/", &w.ta).await);
    assert_eq!(
        app.try_socket("/messages/ws/", &w.ta).await.err(),
        Some(429)
    );
    // A client that goes away without a close frame frees its place too.
    vanish(held.remove(0)).await;
    held.push(app.socket("/ws/chat/bob/", &w.ta).await);
    assert_eq!(
        app.try_socket("/ws/chat/bob/", &w.ta).await.err(),
        Some(429)
    );
    inbox_send(&app, &w.tb, w.a, "after reopening").await;
    for ws in held.iter_mut() {
        wait_for_content(ws, "after reopening").await;
    }
}

#[tokio::test]
async fn the_default_socket_cap_holds_with_rate_limits_off() {
    // `spawn` turns rate limits off; the cap of 32 sockets a user is no rate limit.
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    let mut held = Vec::new();
    for _ in 0..32 {
        held.push(app.socket("/messages/ws/", &ta).await);
    }
    assert_eq!(app.try_socket("/messages/ws/", &ta).await.err(), Some(429));
    assert_eq!(app.try_socket("/ws/chat/bob/", &ta).await.err(), Some(429));
    let other = app.try_socket("/messages/ws/", &tb).await;
    assert!(other.is_ok(), "bob's first socket: {:?}", other.err());
    close(held.pop().unwrap()).await;
    let again = app.try_socket("/messages/ws/", &ta).await;
    assert!(again.is_ok(), "after a close: {:?}", again.err());
}
