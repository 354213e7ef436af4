//! Web Push ends with the sign-in that asked for it: a session's or key's sign-out
//! removes the subscriptions made with it, and deactivation, a password change or a
//! reset link remove the person's others. Checked against the tests' own push service
//! (`push_service`): what it received after each step.

use crate::chats::{group, send};
use crate::helpers::*;
use crate::push_service::PushService;
use reqwest::Method;
use serde_json::{json, Value};

const FLAGS: &[&str] = &["--rate-limits", "off", "--push-private-endpoints"];

async fn service_for(app: &TestApp, auth: &str) -> PushService {
    let (status, body) = app.get("/api/push/", auth).await;
    assert_eq!(status, 200, "{body}");
    PushService::start(body["public_key"].as_str().expect("public_key")).await
}

/// Subscribes browser `name` with `auth` (a `Token` header).
async fn subscribe(app: &TestApp, auth: &str, service: &PushService, name: &str) {
    let (status, body) = app
        .post("/api/push/subscriptions/", auth, service.subscription(name))
        .await;
    assert_eq!(status, 201, "{body}");
}

/// Subscribes browser `name` with the browser session `s`, as the web client does.
async fn subscribe_in_session(app: &TestApp, s: &Session, service: &PushService, name: &str) {
    let answer = ask(
        app,
        Method::POST,
        "/api/push/subscriptions/",
        &[("Cookie", &s.cookie()), ("X-CSRFToken", &s.csrf)],
        Some(service.subscription(name)),
    )
    .await;
    assert_eq!(answer.status, 201, "{:?}", answer.body);
}

/// The endpoints of `auth`'s subscriptions.
async fn endpoints(app: &TestApp, auth: &str) -> Vec<String> {
    let (status, body) = app.get("/api/push/", auth).await;
    assert_eq!(status, 200, "{body}");
    body["subscriptions"]
        .as_array()
        .map(|all| {
            all.iter()
                .filter_map(|s| s["endpoint"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Sends `text` to the group and waits for the control's push of it: the chat's pushes
/// for everyone are planned in one go, so after it nobody else is owed that message.
async fn send_and_see(
    app: &TestApp,
    auth: &str,
    chat: i64,
    text: &str,
    service: &PushService,
    control: &str,
    n: usize,
) {
    send(app, auth, chat, text).await;
    let push = service.nth(control, n).await;
    assert_eq!(push.payload["body"], json!(text));
}

fn bodies(service: &PushService, name: &str) -> Vec<Value> {
    service
        .received(name)
        .into_iter()
        .map(|p| p.payload["body"].clone())
        .collect()
}

#[tokio::test]
async fn sign_out_deactivation_and_password_changes_end_pushes() {
    let app = TestApp::spawn_with(FLAGS).await;
    let (_, admin) = app.register("alice").await;
    let (bob, tb) = app.register("bob").await;
    let (carol, tc) = app.register("carol").await;
    let (dave, td) = app.register("dave").await;
    let (erin, te) = app.register("erin").await;
    let service = service_for(&app, &admin).await;
    let g = group(&app, &admin, "Team", &[bob, carol, dave, erin]).await;

    // bob: a shared computer's browser (his session) and his phone (his key).
    let shared = login(&app, "bob").await;
    subscribe_in_session(&app, &shared, &service, "bob-shared").await;
    subscribe(&app, &tb, &service, "bob-phone").await;
    subscribe(&app, &tc, &service, "carol").await;
    // dave: a laptop made with another key, and this key's browser, which he keeps.
    let laptop = another_key(&app, "dave", "correct-horse").await;
    subscribe(&app, &laptop, &service, "dave-laptop").await;
    subscribe(&app, &td, &service, "dave-here").await;
    subscribe(&app, &te, &service, "erin").await;
    send_and_see(&app, &admin, g, "before", &service, "erin", 1).await;
    for name in [
        "bob-shared",
        "bob-phone",
        "carol",
        "dave-laptop",
        "dave-here",
    ] {
        assert_eq!(service.nth(name, 1).await.payload["body"], json!("before"));
    }

    // bob signs out of the shared computer; carol is deactivated; dave changes his
    // password from this key (ending his other sign-ins).
    let out = ask(
        &app,
        Method::POST,
        "/accounts/logout/",
        &[("Cookie", &shared.cookie()), ("X-CSRFToken", &shared.csrf)],
        None,
    )
    .await;
    assert_eq!(out.status, 204, "{:?}", out.body);
    let (status, body) = app
        .post(
            &format!("/api/admin/users/{carol}/deactivate/"),
            &admin,
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = app
        .post(
            "/api/account/password/",
            &td,
            json!({"current_password": "correct-horse", "new_password": "battery-staple"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");

    assert_eq!(endpoints(&app, &tb).await, [service.endpoint("bob-phone")]);
    assert_eq!(endpoints(&app, &td).await, [service.endpoint("dave-here")]);
    send_and_see(&app, &admin, g, "after", &service, "erin", 2).await;
    assert_eq!(service.nth("bob-phone", 2).await.payload["body"], "after");
    assert_eq!(service.nth("dave-here", 2).await.payload["body"], "after");
    send_and_see(&app, &admin, g, "later", &service, "erin", 3).await;
    assert_eq!(service.nth("bob-phone", 3).await.payload["body"], "later");
    assert_eq!(service.nth("dave-here", 3).await.payload["body"], "later");
    for name in ["bob-shared", "carol", "dave-laptop"] {
        assert_eq!(bodies(&service, name), ["before"], "{name}");
        assert_eq!(service.attempts(name), 1, "{name}");
    }
}

#[tokio::test]
async fn a_key_signed_out_and_a_reset_link_end_their_pushes() {
    let app = TestApp::spawn_with(FLAGS).await;
    let (_, admin) = app.register("alice").await;
    let (bob, tb) = app.register("bob").await;
    let (erin, te) = app.register("erin").await;
    let service = service_for(&app, &admin).await;
    let g = group(&app, &admin, "Team", &[bob, erin]).await;
    let phone = another_key(&app, "bob", "correct-horse").await;
    subscribe(&app, &phone, &service, "bob-phone").await;
    subscribe(&app, &tb, &service, "bob-desk").await;
    subscribe(&app, &te, &service, "erin").await;
    send_and_see(&app, &admin, g, "before", &service, "erin", 1).await;

    // The phone's key signs out: its subscription goes, the desk's stays.
    let (status, _) = app
        .call(Method::POST, "/api/auth/logout/", Some(&phone), None)
        .await;
    assert_eq!(status, 204);
    assert_eq!(endpoints(&app, &tb).await, [service.endpoint("bob-desk")]);
    send_and_see(&app, &admin, g, "after logout", &service, "erin", 2).await;
    assert_eq!(
        service.nth("bob-desk", 2).await.payload["body"],
        "after logout"
    );

    // A reset link ends every sign-in, and every subscription with them.
    let (status, link) = app
        .post(
            &format!("/api/admin/users/{bob}/password-reset/"),
            &admin,
            json!({}),
        )
        .await;
    assert_eq!(status, 201, "{link}");
    let token = link["token"].as_str().expect("token").to_string();
    let (status, body) = app
        .call(
            Method::POST,
            "/api/account/reset/",
            None,
            Some(json!({"token": token, "new_password": "battery-staple"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let fresh = another_key(&app, "bob", "battery-staple").await;
    assert!(endpoints(&app, &fresh).await.is_empty());
    send_and_see(&app, &admin, g, "after reset", &service, "erin", 3).await;
    assert_eq!(bodies(&service, "bob-phone"), ["before"]);
    assert_eq!(bodies(&service, "bob-desk"), ["before", "after logout"]);
}
