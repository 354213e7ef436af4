//! The headers Django sends that natter must send too:
//! `X-Content-Type-Options: nosniff` on every answer (`SecurityMiddleware`),
//! `Cache-Control: no-store` on every answer that carries a credential (the login and
//! token views are `never_cache`), and `Vary: Origin` under `--cors-origins '*'`
//! (django-cors-headers varies on it whenever CORS is on).

use crate::helpers::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn every_answer_is_nosniff_and_credential_answers_are_no_store() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let session = login(&app, "alice").await;
    let cookie = session.cookie();
    let password = json!({"username": "alice", "password": "correct-horse"});
    let pair = ask(
        &app,
        Method::POST,
        "/accounts/api/token/",
        &[],
        Some(password.clone()),
    )
    .await;
    assert_eq!(pair.status, 200, "{:?}", pair.body);
    let refresh = pair.body["refresh"].as_str().expect("refresh").to_string();
    let credential_answers = [
        (
            Method::POST,
            "/api/auth/register/",
            vec![],
            Some(json!({"username": "bob", "email": "b@example.org", "password": "correct-horse"})),
        ),
        (
            Method::POST,
            "/accounts/api/users/",
            vec![],
            Some(
                json!({"username": "carol", "email": "c@example.org", "password": "correct-horse"}),
            ),
        ),
        (
            Method::POST,
            "/api/auth/login/",
            vec![],
            Some(password.clone()),
        ),
        (
            Method::POST,
            "/accounts/api/token/",
            vec![],
            Some(password.clone()),
        ),
        (
            Method::POST,
            "/accounts/api/token/refresh/",
            vec![],
            Some(json!({"refresh": refresh})),
        ),
        (
            Method::POST,
            "/accounts/login/",
            vec![],
            Some(password.clone()),
        ),
        (
            Method::GET,
            "/api/token/",
            vec![("Cookie", cookie.as_str())],
            None,
        ),
    ];
    for (method, path, headers, body) in credential_answers {
        let answer = ask(&app, method.clone(), path, &headers, body).await;
        assert!(
            answer.status.is_success(),
            "{method} {path}: {:?}",
            answer.body
        );
        assert_eq!(
            answer.header("cache-control"),
            Some("no-store"),
            "{method} {path}"
        );
        assert_eq!(
            answer.header("x-content-type-options"),
            Some("nosniff"),
            "{method} {path}"
        );
    }
    // Every other answer is nosniff too: JSON, errors, pages, 404s, 405s, uploads' 413.
    for (method, path, auth) in [
        (Method::GET, "/api/messages/", Some(ta.as_str())),
        (Method::GET, "/api/messages/", None),
        (Method::GET, "/no/such/path/", None),
        (Method::DELETE, "/api/auth/login/", None),
        (Method::GET, "/", None),
        (Method::GET, "/healthz", None),
    ] {
        let headers: Vec<(&str, &str)> = auth.map(|a| ("Authorization", a)).into_iter().collect();
        let answer = ask(&app, method.clone(), path, &headers, None).await;
        assert_eq!(
            answer.header("x-content-type-options"),
            Some("nosniff"),
            "{method} {path} ({})",
            answer.status
        );
        if path == "/api/messages/" {
            assert_ne!(
                answer.header("cache-control"),
                Some("no-store"),
                "{method} {path}"
            );
        }
    }
    let big = "x".repeat(2 * 1024 * 1024);
    let resp = app
        .client
        .post(format!("{}/api/messages/", app.base))
        .header("Authorization", &ta)
        .header("Content-Type", "application/json")
        .body(big)
        .send()
        .await
        .expect("sent");
    assert_eq!(resp.status(), 413);
    assert_eq!(resp.headers()["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn cors_star_answers_vary_on_origin() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--cors-origins", "*"]).await;
    let (_, ta) = app.register("alice").await;
    for origin in [Some("https://app.example"), None] {
        let mut headers = vec![("Authorization", ta.as_str())];
        if let Some(origin) = origin {
            headers.push(("Origin", origin));
        }
        let answer = ask(&app, Method::GET, "/api/messages/", &headers, None).await;
        assert_eq!(answer.status, 200);
        let vary: Vec<&str> = answer
            .headers
            .get_all("vary")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        assert!(
            vary.iter().any(|v| v
                .split(',')
                .any(|p| p.trim().eq_ignore_ascii_case("origin"))),
            "origin {origin:?}: Vary {vary:?}"
        );
    }
}
