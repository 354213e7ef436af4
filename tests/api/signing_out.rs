//! Signing out ends what it signed in: a logout closes, at once and
//! with 1008, every socket opened with that session or key, in every tab, while the
//! same user's other sessions and keys keep theirs.

use crate::helpers::*;
use reqwest::Method;
use serde_json::json;

/// A socket on every chat of the session's user, opened as the web client opens it: the
/// session cookie, from the server's own origin.
async fn tab(app: &TestApp, session: &Session) -> Socket {
    let origin = format!("http://{}", app.addr);
    upgrade(
        app,
        "/messages/ws/",
        &[("Cookie", &session.cookie()), ("Origin", &origin)],
    )
    .await
    .expect("the tab's socket opens")
}

/// Whether `ws` still receives: alice sends bob a message and `ws` must see it.
async fn still_receives(app: &TestApp, from: &str, to: i64, ws: &mut Socket, text: &str) {
    inbox_send(app, from, to, text).await;
    wait_for(ws, |f| f["message"]["content"] == text).await;
}

#[tokio::test]
async fn session_logout_closes_every_tab_of_that_session_only() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, _) = app.register("bob").await;
    let signed_in = login(&app, "bob").await;
    let other_device = login(&app, "bob").await;
    let mut first_tab = tab(&app, &signed_in).await;
    let mut second_tab = tab(&app, &signed_in).await;
    let mut phone = tab(&app, &other_device).await;
    still_receives(&app, &ta, b, &mut second_tab, "before").await;

    let answer = ask(
        &app,
        Method::POST,
        "/accounts/logout/",
        &[
            ("Cookie", &signed_in.cookie()),
            ("X-CSRFToken", &signed_in.csrf),
        ],
        None,
    )
    .await;
    assert_eq!(answer.status, 204, "{:?}", answer.body);
    assert_eq!(close_code(&mut first_tab).await, Some(1008));
    assert_eq!(close_code(&mut second_tab).await, Some(1008));
    // The other session is untouched, and the ended one cannot open a socket again.
    still_receives(&app, &ta, b, &mut phone, "after").await;
    let origin = format!("http://{}", app.addr);
    let again = upgrade(
        &app,
        "/messages/ws/",
        &[("Cookie", &signed_in.cookie()), ("Origin", &origin)],
    )
    .await;
    assert_eq!(again.err(), Some(401));
}

#[tokio::test]
async fn token_logout_closes_the_sockets_of_that_key_on_every_surface() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    // A second key of bob's (another device), minted by a login.
    let (status, second) = app
        .call(
            Method::POST,
            "/api/auth/login/",
            None,
            Some(json!({"username": "bob", "password": "correct-horse"})),
        )
        .await;
    assert_eq!(status, 200, "{second}");
    let other_key = format!("Token {}", second["token"].as_str().expect("token"));
    let mut inbox = app.socket("/ws/chat/alice/", &tb).await;
    let mut all_chats = app.socket("/messages/ws/", &tb).await;
    let mut other_device = app.socket("/messages/ws/", &other_key).await;
    still_receives(&app, &ta, b, &mut all_chats, "before").await;

    let (status, _) = app
        .call(Method::POST, "/api/auth/logout/", Some(&tb), None)
        .await;
    assert_eq!(status, 204);
    assert_eq!(close_code(&mut inbox).await, Some(1008));
    assert_eq!(close_code(&mut all_chats).await, Some(1008));
    still_receives(&app, &ta, b, &mut other_device, "after").await;
    assert_eq!(app.try_socket("/messages/ws/", &tb).await.err(), Some(401));
}

#[tokio::test]
async fn api_logout_with_a_session_ends_the_session_and_its_sockets() {
    let app = TestApp::spawn().await;
    app.register("bob").await;
    let session = login(&app, "bob").await;
    let mut ws = tab(&app, &session).await;
    let answer = ask(
        &app,
        Method::POST,
        "/api/auth/logout/",
        &[
            ("Cookie", &session.cookie()),
            ("X-CSRFToken", &session.csrf),
        ],
        None,
    )
    .await;
    assert_eq!(answer.status, 204, "{:?}", answer.body);
    assert_eq!(close_code(&mut ws).await, Some(1008));
    let me = ask(
        &app,
        Method::GET,
        "/api/auth/me/",
        &[("Cookie", &session.cookie())],
        None,
    )
    .await;
    assert_eq!(me.status, 401, "the session is over: {:?}", me.body);
}
