//! Browser clients on other origins, and DRF's `OPTIONS` and `Allow`, through the real binary: CORS preflights from listed, unlisted and `*`
//! origins; the CORS headers of actual answers, errors included; `OPTIONS` metadata and
//! `Allow` on a path of every surface; `Allow` on every 405; and a cookie socket from a
//! `--cors-origins` page.

use crate::helpers::*;
use reqwest::Method;
use serde_json::{json, Value};

const APP: &str = "http://app.example.org";
const CHAT: &str = "https://chat.example.org:8443";
const EVIL: &str = "http://evil.example";

/// Whether any `Access-Control-*` header was sent.
/// Whether one of the answer's `Vary` headers is `Origin` (beside the `Vary: Accept` of
/// JSON answers).
fn varies_by_origin(a: &Answer) -> bool {
    a.headers.get_all("vary").iter().any(|v| v == "Origin")
}

fn has_cors(a: &Answer) -> bool {
    a.headers
        .keys()
        .any(|k| k.as_str().starts_with("access-control-"))
}

/// `method path`, anonymous or with `auth` as `Authorization`.
async fn ask_as(app: &TestApp, method: Method, path: &str, auth: Option<&str>) -> Answer {
    let headers: Vec<(&str, &str)> = auth.map(|t| ("Authorization", t)).into_iter().collect();
    ask(app, method, path, &headers, None).await
}

/// A browser's preflight for a `POST` with JSON and a token from `origin`.
async fn preflight(app: &TestApp, path: &str, origin: &str) -> Answer {
    let headers = [
        ("Origin", origin),
        ("Access-Control-Request-Method", "POST"),
        (
            "Access-Control-Request-Headers",
            "authorization,content-type",
        ),
    ];
    ask(app, Method::OPTIONS, path, &headers, None).await
}

async fn listed_app() -> TestApp {
    TestApp::spawn_with(&[
        "--rate-limits",
        "off",
        "--cors-origins",
        &format!("{APP},{CHAT}"),
    ])
    .await
}

#[tokio::test]
async fn a_preflight_from_a_listed_origin_is_allowed_before_any_credentials() {
    let app = listed_app().await;
    // Registration (anyone), a protected list, an item, and a path nobody routes: the
    // preflight never reaches a route, as django-cors-headers answers it first.
    for path in [
        "/api/auth/register/",
        "/api/rooms/",
        "/messages/api/chats/1/",
        "/api/nothing/",
    ] {
        for origin in [APP, CHAT] {
            let a = preflight(&app, path, origin).await;
            assert_eq!(a.status, 200, "{path} from {origin}");
            assert_eq!(a.header("access-control-allow-origin"), Some(origin));
            assert_eq!(a.header("access-control-allow-credentials"), Some("true"));
            assert_eq!(a.header("access-control-max-age"), Some("86400"));
            assert_eq!(a.header("vary"), Some("Origin"));
            let methods = a.header("access-control-allow-methods").expect("methods");
            for m in ["DELETE", "GET", "OPTIONS", "PATCH", "POST", "PUT"] {
                assert!(methods.split(", ").any(|x| x == m), "{m} in {methods}");
            }
            let allowed = a.header("access-control-allow-headers").expect("headers");
            for h in [
                "accept",
                "authorization",
                "content-type",
                "origin",
                "user-agent",
                "x-csrftoken",
                "x-requested-with",
            ] {
                assert!(allowed.split(", ").any(|x| x == h), "{h} in {allowed}");
            }
            assert_eq!(a.body, Value::String(String::new()), "no body");
        }
    }
}

#[tokio::test]
async fn a_preflight_from_an_unlisted_origin_is_a_plain_options_without_cors_headers() {
    let listed = listed_app().await;
    let none = TestApp::spawn().await;
    for (app, origin) in [
        (&listed, EVIL),
        (&listed, "https://app.example.org"),
        (&listed, "http://app.example.org:8080"),
        (&listed, "null"),
        (&none, APP),
    ] {
        let a = preflight(app, "/api/auth/register/", origin).await;
        assert_eq!(a.status, 200, "from {origin}");
        assert!(!has_cors(&a), "from {origin}: {:?}", a.headers);
        assert_eq!(a.header("allow"), Some("POST, OPTIONS"));
        assert_eq!(a.body["name"], "Register", "{}", a.body);
        let unknown = preflight(app, "/api/nothing/", origin).await;
        assert_eq!(unknown.status, 404, "from {origin}");
        assert!(!has_cors(&unknown));
    }
    // Without the flag nothing varies by origin either.
    let a = preflight(&none, "/api/auth/register/", APP).await;
    assert_eq!(a.header("vary"), None);
}

#[tokio::test]
async fn star_allows_token_calls_from_anywhere_but_never_credentials() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--cors-origins", "*"]).await;
    let a = preflight(&app, "/api/auth/register/", "https://anyone.example").await;
    assert_eq!(a.status, 200);
    assert_eq!(a.header("access-control-allow-origin"), Some("*"));
    assert_eq!(a.header("access-control-allow-credentials"), None);
    assert_eq!(a.header("access-control-max-age"), Some("86400"));

    let from = [("Origin", "https://anyone.example")];
    let registered = ask(
        &app,
        Method::POST,
        "/api/auth/register/",
        &from,
        Some(
            json!({"username": "carol", "email": "carol@example.org", "password": "correct-horse"}),
        ),
    )
    .await;
    assert_eq!(registered.status, 201, "{}", registered.body);
    assert_eq!(registered.header("access-control-allow-origin"), Some("*"));
    assert_eq!(registered.header("access-control-allow-credentials"), None);
    let token = format!(
        "Token {}",
        registered.body["token"].as_str().expect("token")
    );
    let rooms = ask(
        &app,
        Method::GET,
        "/api/rooms/",
        &[
            ("Origin", "https://anyone.example"),
            ("Authorization", &token),
        ],
        None,
    )
    .await;
    assert_eq!(rooms.status, 200, "{}", rooms.body);
    assert_eq!(rooms.header("access-control-allow-origin"), Some("*"));
    assert_eq!(rooms.header("access-control-allow-credentials"), None);
    // A request that names no origin is not a cross-origin one.
    let plain = ask(
        &app,
        Method::GET,
        "/api/rooms/",
        &[("Authorization", &token)],
        None,
    )
    .await;
    assert!(!has_cors(&plain));
}

#[tokio::test]
async fn answers_to_a_listed_origin_name_it_on_success_and_on_every_error() {
    let app = listed_app().await;
    let (_, token) = app.register("alice").await;
    let from_app = [("Origin", APP)];
    let with_token = [("Origin", APP), ("Authorization", token.as_str())];
    let answers = [
        ask(&app, Method::GET, "/api/rooms/", &with_token, None).await,
        ask(&app, Method::GET, "/api/rooms/", &from_app, None).await,
        ask(&app, Method::GET, "/api/nothing/", &from_app, None).await,
        ask(&app, Method::DELETE, "/api/auth/register/", &from_app, None).await,
        ask(
            &app,
            Method::POST,
            "/api/auth/register/",
            &from_app,
            Some(json!({"username": "x".repeat(2 * 1024 * 1024)})),
        )
        .await,
        ask(&app, Method::OPTIONS, "/api/rooms/", &from_app, None).await,
    ];
    let statuses: Vec<u16> = answers.iter().map(|a| a.status.as_u16()).collect();
    assert_eq!(statuses, [200, 401, 404, 405, 413, 200]);
    for a in &answers {
        assert_eq!(
            a.header("access-control-allow-origin"),
            Some(APP),
            "{}",
            a.status
        );
        assert_eq!(a.header("access-control-allow-credentials"), Some("true"));
        assert!(varies_by_origin(a), "{} {:?}", a.status, a.headers);
        assert_eq!(
            a.header("access-control-max-age"),
            None,
            "only on preflights"
        );
    }
    // The 401 is still the rooms surface's, with its challenge.
    assert_eq!(answers[1].body["error"], "authentication_required");
    assert_eq!(answers[1].header("www-authenticate"), Some("Token"));

    // An unlisted origin is told nothing, success or error.
    for (path, auth, status) in [
        ("/api/rooms/", Some(token.as_str()), 200),
        ("/api/rooms/", None, 401),
    ] {
        let mut headers = vec![("Origin", EVIL)];
        if let Some(t) = auth {
            headers.push(("Authorization", t));
        }
        let a = ask(&app, Method::GET, path, &headers, None).await;
        assert_eq!(a.status, status);
        assert!(!has_cors(&a), "{:?}", a.headers);
        assert!(varies_by_origin(&a), "{:?}", a.headers);
    }
}

/// The DRF metadata body natter answers `OPTIONS` with, named `name`.
fn metadata(name: &str) -> Value {
    json!({
        "name": name,
        "description": "",
        "renders": ["application/json", "text/html"],
        "parses": ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"],
    })
}

#[tokio::test]
async fn options_answers_drf_metadata_and_allow_on_a_path_of_every_surface() {
    let app = TestApp::spawn().await;
    let (_, token) = app.register("alice").await;
    let rows = [
        // inbox
        ("/api/messages/", "GET, POST, HEAD, OPTIONS", "Message List"),
        ("/api/messages", "GET, POST, HEAD, OPTIONS", "Message List"),
        (
            "/api/messages/1/",
            "GET, PUT, PATCH, DELETE, HEAD, OPTIONS",
            "Message Instance",
        ),
        (
            "/api/messages/1/update_message/",
            "POST, OPTIONS",
            "Update Message",
        ),
        ("/api/", "GET, HEAD, OPTIONS", "Api Root"),
        // chats
        (
            "/messages/api/chats/",
            "GET, POST, HEAD, OPTIONS",
            "Chat List",
        ),
        (
            "/messages/api/chats/1/",
            "GET, PUT, PATCH, DELETE, HEAD, OPTIONS",
            "Chat Instance",
        ),
        (
            "/messages/api/chats/1/mark-as-read/",
            "POST, OPTIONS",
            "Mark As Read",
        ),
        // dm
        ("/api/chats/", "GET, HEAD, OPTIONS", "Chat List"),
        ("/api/chats/create/", "POST, OPTIONS", "Create"),
        // rooms
        (
            "/api/rooms/1/",
            "GET, PUT, PATCH, DELETE, HEAD, OPTIONS",
            "Room Instance",
        ),
        (
            "/api/rooms/1/call-state/",
            "GET, HEAD, OPTIONS",
            "Call State",
        ),
        ("/api/files/upload/", "POST, OPTIONS", "Upload"),
        // messenger
        (
            "/messenger/api/chatrooms/alice_bob/messages/",
            "GET, POST, HEAD, OPTIONS",
            "Message List",
        ),
        (
            "/profiles/api/profile/",
            "GET, PUT, PATCH, HEAD, OPTIONS",
            "Profile",
        ),
        // accounts
        ("/api/auth/register/", "POST, OPTIONS", "Register"),
        ("/api/users/", "GET, HEAD, OPTIONS", "User List"),
        (
            "/accounts/api/users/",
            "GET, POST, HEAD, OPTIONS",
            "User List",
        ),
        ("/accounts/api/token/", "POST, OPTIONS", "Token"),
    ];
    for (path, allow, name) in rows {
        // Anonymous or signed in, the answer is the same: it tells nothing the documents
        // do not.
        for auth in [None, Some(token.as_str())] {
            let a = ask_as(&app, Method::OPTIONS, path, auth).await;
            assert_eq!(a.status, 200, "{path}: {}", a.body);
            assert_eq!(a.header("allow"), Some(allow), "{path}");
            assert_eq!(a.header("content-type"), Some("application/json"), "{path}");
            assert_eq!(a.body, metadata(name), "{path}");
        }
    }
    // The web client's files are not DRF views: Django's plain answer, no body.
    for path in ["/", "/healthz", "/static/app.js"] {
        let a = ask(&app, Method::OPTIONS, path, &[], None).await;
        if a.status == 404 {
            assert_eq!(path, "/static/app.js", "only a missing file may be 404");
            continue;
        }
        assert_eq!(a.status, 200, "{path}");
        assert_eq!(a.header("allow"), Some("GET, HEAD, OPTIONS"), "{path}");
        assert_eq!(a.body, Value::String(String::new()), "{path}");
    }
}

#[tokio::test]
async fn options_on_an_unknown_path_is_404() {
    let app = TestApp::spawn().await;
    for path in [
        "/api/nothing/",
        "/api/rooms/1/nothing/",
        "/messages/api/nothing/",
        "/messenger/api/nothing/",
        "/profiles/api/nothing/",
        "/api/chats/1/",
        "/ws/chat/bob/",
    ] {
        let a = ask(&app, Method::OPTIONS, path, &[], None).await;
        assert_eq!(a.status, 404, "{path}: {}", a.body);
        assert_eq!(a.header("allow"), None, "{path}");
    }
}

#[tokio::test]
async fn every_405_carries_allow_on_every_surface_before_credentials_are_asked() {
    let app = TestApp::spawn().await;
    let (_, token) = app.register("alice").await;
    let rows = [
        // (method, path, Allow, body key that holds the message)
        (
            Method::DELETE,
            "/api/messages/",
            "GET, POST, HEAD, OPTIONS",
            "detail",
        ),
        (
            Method::POST,
            "/api/messages/1/",
            "GET, PUT, PATCH, DELETE, HEAD, OPTIONS",
            "message",
        ),
        (
            Method::PUT,
            "/messages/api/chats/1/typing/",
            "POST, OPTIONS",
            "detail",
        ),
        (Method::POST, "/api/chats/", "GET, HEAD, OPTIONS", "detail"),
        (
            Method::POST,
            "/api/rooms/1/participants/",
            "GET, HEAD, OPTIONS",
            "message",
        ),
        (
            Method::DELETE,
            "/messenger/api/chatrooms/",
            "GET, POST, HEAD, OPTIONS",
            "detail",
        ),
        (
            Method::GET,
            "/api/auth/register/",
            "POST, OPTIONS",
            "message",
        ),
        (
            Method::PATCH,
            "/accounts/api/users/",
            "GET, POST, HEAD, OPTIONS",
            "detail",
        ),
        (Method::POST, "/healthz", "GET, HEAD, OPTIONS", "detail"),
    ];
    for (method, path, allow, key) in rows {
        for auth in [None, Some(token.as_str())] {
            let a = ask_as(&app, method.clone(), path, auth).await;
            assert_eq!(a.status, 405, "{method} {path}: {}", a.body);
            assert_eq!(a.header("allow"), Some(allow), "{method} {path}");
            assert_eq!(
                a.body[key],
                format!("Method \"{method}\" not allowed."),
                "{method} {path}: {}",
                a.body
            );
        }
    }
    // HEAD is GET without a body wherever GET is, and a 405 where it is not.
    let head = ask(
        &app,
        Method::HEAD,
        "/api/rooms/",
        &[("Authorization", &token)],
        None,
    )
    .await;
    assert_eq!(head.status, 200);
    assert_eq!(head.body, Value::String(String::new()));
    let refused = ask(&app, Method::HEAD, "/api/auth/register/", &[], None).await;
    assert_eq!(refused.status, 405);
    assert_eq!(refused.header("allow"), Some("POST, OPTIONS"));
}

/// Opens `/messages/ws/` with `cookie` from a page at `origin`; the error is the
/// refusal's status.
async fn cookie_socket(app: &TestApp, cookie: &str, origin: &str) -> Result<Socket, u16> {
    upgrade(
        app,
        "/messages/ws/",
        &[("Cookie", cookie), ("Origin", origin)],
    )
    .await
}

#[tokio::test]
async fn a_cookie_socket_from_a_cors_origin_is_accepted_but_star_lets_no_page_ride_the_cookie() {
    let listed = listed_app().await;
    listed.register("alice").await;
    let cookie = login(&listed, "alice").await.cookie();
    for origin in [APP, CHAT] {
        let ws = cookie_socket(&listed, &cookie, origin).await;
        assert!(ws.is_ok(), "from {origin}: {:?}", ws.err());
    }
    assert_eq!(cookie_socket(&listed, &cookie, EVIL).await.err(), Some(403));

    let star = TestApp::spawn_with(&["--rate-limits", "off", "--cors-origins", "*"]).await;
    star.register("alice").await;
    let cookie = login(&star, "alice").await.cookie();
    assert_eq!(cookie_socket(&star, &cookie, APP).await.err(), Some(403));
    let own = format!("http://{}", star.addr);
    assert!(cookie_socket(&star, &cookie, &own).await.is_ok());
}

#[tokio::test]
async fn a_bad_cors_origin_is_refused_at_start() {
    for (value, named) in [
        ("app.example.org", "app.example.org"),
        ("*,http://a.example", "*"),
    ] {
        let out = std::process::Command::new(crate::helpers::natter_bin())
            .args([
                "--listen",
                "127.0.0.1:0",
                "--db",
                ":memory:",
                "--cors-origins",
                value,
            ])
            .output()
            .expect("natter runs");
        assert!(!out.status.success(), "{value} was accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("--cors-origins") && err.contains(named),
            "{err}"
        );
    }
}
