//! Each person's own account: email and display name, a password change that
//! ends every other session, key, JWT and socket (the one it came with stays), the list
//! of one's sessions and keys, and an administrator's one-time reset link.

use crate::helpers::*;
use crate::team_server::ways_in_ended;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

#[tokio::test]
async fn one_changes_ones_own_email_and_display_name() {
    let app = TestApp::spawn().await;
    app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    let patch = |body: Value| app.call(Method::PATCH, "/api/account/", Some(&tb), Some(body));
    let (status, me) = patch(json!({"email": "Bob@New.example", "display_name": " Bobby "})).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(
        (me["email"].clone(), me["display_name"].clone()),
        (json!("Bob@New.example"), json!("Bobby"))
    );
    let (_, seen) = app.get("/api/auth/me/", &tb).await;
    assert_eq!(seen["display_name"], "Bobby");
    let (status, body) = patch(json!({"email": "ALICE@example.org"})).await;
    assert_eq!(status, 400);
    assert!(
        body["email"][0]
            .as_str()
            .unwrap()
            .contains("already exists"),
        "{body}"
    );
    let (status, body) =
        patch(json!({"email": "not an address", "display_name": "x".repeat(151)})).await;
    assert_eq!(status, 400);
    assert!(
        body["email"].is_array() && body["display_name"].is_array(),
        "{body}"
    );
    let (status, _) = app.call(Method::GET, "/api/account/", None, None).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn a_password_change_ends_every_other_way_in_but_the_one_used() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let other_key = another_key(&app, "bob", "correct-horse").await;
    let session = login(&app, "bob").await;
    let jwt = bearer(&app, "bob").await;
    let pair = jwt_pair(&app, "bob").await;
    let mut kept = app.socket("/messages/ws/", &tb).await;
    let mut ended = app.socket("/messages/ws/", &other_key).await;
    let mut by_jwt = app.socket("/messages/ws/", &jwt).await;

    let change = |auth: String, current: &'static str, new: &'static str| {
        let app = &app;
        async move {
            app.post(
                "/api/account/password/",
                &auth,
                json!({"current_password": current, "new_password": new}),
            )
            .await
        }
    };
    let (status, body) = change(tb.clone(), "wrong-horse", "battery-staple").await;
    assert_eq!(status, 400);
    assert!(body["current_password"].is_array(), "{body}");
    let (status, body) = change(tb.clone(), "correct-horse", "short").await;
    assert_eq!(status, 400);
    assert!(body["new_password"].is_array(), "{body}");

    let (status, body) = change(tb.clone(), "correct-horse", "battery-staple").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["ended"], 2, "one other key and one session: {body}");
    assert!(
        body.get("access").is_none(),
        "a key's caller keeps their key: {body}"
    );
    assert_eq!(close_code(&mut ended).await, Some(1008));
    assert_eq!(close_code(&mut by_jwt).await, Some(1008));
    ways_in_ended(&app, &[&other_key, &jwt], &session, &pair["refresh"]).await;
    // The key it came with still works, and its socket still receives.
    let (status, _) = app.get("/api/auth/me/", &tb).await;
    assert_eq!(status, 200);
    inbox_send(&app, &ta, b, "still here").await;
    wait_for(&mut kept, |f| f["message"]["content"] == "still here").await;
    let (status, _) = app
        .call(
            Method::POST,
            "/api/auth/login/",
            None,
            Some(json!({"username": "bob", "password": "correct-horse"})),
        )
        .await;
    assert_eq!(status, 401, "the old password is refused");
    another_key(&app, "bob", "battery-staple").await;

    // Changed with a JWT: every JWT ends, and the answer carries a fresh pair.
    let (status, pair) = app
        .call(
            Method::POST,
            "/accounts/api/token/",
            None,
            Some(json!({"username": "bob", "password": "battery-staple"})),
        )
        .await;
    assert_eq!(status, 200);
    let jwt = format!("Bearer {}", pair["access"].as_str().unwrap());
    let (status, body) = app
        .post(
            "/api/account/password/",
            &jwt,
            json!({"current_password": "battery-staple", "new_password": "horse-battery"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = app.get("/api/auth/me/", &jwt).await;
    assert_eq!(status, 401, "the old access token ended");
    let fresh = format!(
        "Bearer {}",
        body["access"].as_str().expect("a fresh access token")
    );
    let (status, _) = app.get("/api/auth/me/", &fresh).await;
    assert_eq!(status, 200);
    let (status, _) = app
        .call(
            Method::POST,
            "/accounts/api/token/refresh/",
            None,
            Some(json!({"refresh": body["refresh"]})),
        )
        .await;
    assert_eq!(status, 200, "the fresh refresh token works");
}

/// The listed id of the first of `auth`'s sessions and keys whose `key` is `value`.
async fn listed_id(app: &TestApp, auth: &str, key: &str, value: Value) -> String {
    let (status, list) = app.get("/api/account/sessions/", auth).await;
    assert_eq!(status, 200, "{list}");
    let found = list
        .as_array()
        .and_then(|l| l.iter().find(|s| s[key] == value));
    let id = found.and_then(|s| s["id"].as_str());
    id.unwrap_or_else(|| panic!("no {key} {value} in {list}"))
        .to_string()
}

/// `DELETE /api/account/sessions/{id}/` as `auth`; its status.
async fn end_listed(app: &TestApp, auth: &str, id: &str) -> reqwest::StatusCode {
    let path = format!("/api/account/sessions/{id}/");
    app.call(Method::DELETE, &path, Some(auth), None).await.0
}

#[tokio::test]
async fn one_lists_ones_sessions_and_keys_and_ends_one() {
    let app = TestApp::spawn().await;
    let (_, tb) = app.register("bob").await;
    let phone = another_key(&app, "bob", "correct-horse").await;
    let session = login(&app, "bob").await;
    let mut on_phone = app.socket("/messages/ws/", &phone).await;
    let (status, list) = app.get("/api/account/sessions/", &tb).await;
    assert_eq!(status, 200, "{list}");
    let list = list.as_array().unwrap().clone();
    assert_eq!(list.len(), 3, "{list:?}");
    assert_eq!(list.iter().filter(|s| s["current"] == true).count(), 1);
    assert_eq!(list.iter().filter(|s| s["kind"] == "session").count(), 1);
    let phone_id = listed_id(&app, &phone, "current", json!(true)).await;
    assert_eq!(end_listed(&app, &tb, &phone_id).await, 204);
    assert_eq!(close_code(&mut on_phone).await, Some(1008));
    let (status, _) = app.get("/api/auth/me/", &phone).await;
    assert_eq!(status, 401);
    for id in [phone_id.as_str(), "0000000000000000", "zz", "../../etc"] {
        assert_eq!(end_listed(&app, &tb, id).await, 404, "{id}");
    }
    // Another person's session cannot be ended by its id.
    let (_, tc) = app.register("carol").await;
    let bob_session = listed_id(&app, &tb, "kind", json!("session")).await;
    assert_eq!(end_listed(&app, &tc, &bob_session).await, 404);
    let me = ask(
        &app,
        Method::GET,
        "/api/auth/me/",
        &[("Cookie", &session.cookie())],
        None,
    )
    .await;
    assert_eq!(me.status, 200);
}

#[tokio::test]
async fn a_reset_link_sets_the_password_once_and_ends_every_session() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.register("founder").await;
    let (bob, tb) = app.register("bob").await;
    let mut ws = app.socket("/messages/ws/", &tb).await;
    let (status, link) = app
        .post(
            &format!("/api/admin/users/{bob}/password-reset/"),
            &admin,
            json!({}),
        )
        .await;
    assert_eq!(status, 201, "{link}");
    let token = link["token"].as_str().unwrap().to_string();
    assert!(
        link["link"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/reset/{token}")),
        "{link}"
    );
    let (status, _) = app
        .call(Method::GET, &format!("/reset/{token}"), None, None)
        .await;
    assert_eq!(status, 200, "the link opens the web client");
    let reset = |token: String, password: &'static str| {
        let app = &app;
        async move {
            app.call(
                Method::POST,
                "/api/account/reset/",
                None,
                Some(json!({"token": token, "new_password": password})),
            )
            .await
        }
    };
    let (status, body) = reset(token.clone(), "short").await;
    assert_eq!(status, 400, "{body}");
    let (status, body) = reset("f".repeat(48), "battery-staple").await;
    assert_eq!(
        (status, body["token"].is_array()),
        (StatusCode::BAD_REQUEST, true),
        "{body}"
    );
    let (status, body) = reset(token.clone(), "battery-staple").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(close_code(&mut ws).await, Some(1008));
    let (status, _) = app.get("/api/auth/me/", &tb).await;
    assert_eq!(status, 401);
    another_key(&app, "bob", "battery-staple").await;
    let (status, body) = reset(token, "another-one").await;
    assert_eq!(status, 400, "once only: {body}");
}
