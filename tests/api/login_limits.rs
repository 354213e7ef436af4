//! The login limits count failures, not sign-ins: a team behind one address signs in
//! freely, while wrong passwords are held per address and per account on every login
//! surface (a DRF key, a browser session, a JWT pair), and a wrong `current_password`
//! is a failed login of its account. A deactivated account's right password is told
//! so, in each surface's shape; a wrong one never learns it.

use crate::helpers::*;
use crate::team_server::{invitation, operator_admin};
use reqwest::Method;
use serde_json::{json, Value};

/// The login surfaces: path, and what a wrong password gets there.
const SURFACES: [(&str, u16); 3] = [
    ("/api/auth/login/", 401),
    ("/accounts/login/", 401),
    ("/accounts/api/token/", 401),
];

/// A login of `name` with `password` on `path`, from the client `from` names in
/// `X-Forwarded-For` (natter trusts 127.0.0.1 as its proxy), or from 127.0.0.1.
async fn log_in(
    app: &TestApp,
    path: &str,
    name: &str,
    password: &str,
    from: Option<&str>,
) -> Answer {
    let body = json!({"username": name, "password": password});
    let headers: Vec<(&str, &str)> = from.map(|f| ("X-Forwarded-For", f)).into_iter().collect();
    ask(app, Method::POST, path, &headers, Some(body)).await
}

async fn limited_app() -> TestApp {
    TestApp::spawn_with(&["--trusted-proxies", "127.0.0.1"]).await
}

#[tokio::test]
async fn a_team_signs_in_freely_behind_one_address_and_guesses_are_held() {
    let app = limited_app().await;
    app.register("alice").await;
    let office = "198.51.100.20";
    for n in 0..21 {
        let (path, _) = SURFACES[n % 3];
        let answer = log_in(&app, path, "alice", "correct-horse", Some(office)).await;
        assert_eq!(
            answer.status,
            200,
            "right login {} on {path}: {:?}",
            n + 1,
            answer.body
        );
    }
    // Five wrong passwords from the office, on any surface, then it waits.
    for n in 0..5 {
        let (path, wrong) = SURFACES[n % 3];
        let answer = log_in(&app, path, "alice", "not-her-password", Some(office)).await;
        assert_eq!(
            answer.status,
            wrong,
            "wrong {} on {path}: {:?}",
            n + 1,
            answer.body
        );
    }
    for (path, _) in SURFACES {
        let answer = log_in(&app, path, "alice", "not-her-password", Some(office)).await;
        assert_eq!(answer.status, 429, "{path}: {:?}", answer.body);
        let wait: u64 = answer
            .header("Retry-After")
            .expect("Retry-After")
            .parse()
            .expect("seconds");
        assert!((1..=60).contains(&wait), "{wait}");
        let right = log_in(&app, path, "alice", "correct-horse", Some(office)).await;
        assert_eq!(
            right.status, 429,
            "the address waits, whatever it sends: {path}"
        );
    }
    // alice herself, from elsewhere, signs in.
    let home = log_in(
        &app,
        SURFACES[0].0,
        "alice",
        "correct-horse",
        Some("192.0.2.9"),
    )
    .await;
    assert_eq!(home.status, 200, "{:?}", home.body);
}

#[tokio::test]
async fn wrong_passwords_for_one_account_are_held_from_any_address() {
    let app = limited_app().await;
    app.register("alice").await;
    app.register("bob").await;
    for n in 0..10 {
        let (path, wrong) = SURFACES[n % 3];
        let from = format!("203.0.113.{n}");
        let answer = log_in(&app, path, "alice", "guess", Some(&from)).await;
        assert_eq!(answer.status, wrong, "guess {}: {:?}", n + 1, answer.body);
    }
    for (path, _) in SURFACES {
        let answer = log_in(&app, path, "alice", "guess", Some("203.0.113.77")).await;
        assert_eq!(answer.status, 429, "{path}: {:?}", answer.body);
    }
    // By email too: the same account.
    let by_email = log_in(
        &app,
        SURFACES[0].0,
        "alice@example.org",
        "guess",
        Some("203.0.113.78"),
    )
    .await;
    assert_eq!(by_email.status, 429, "{:?}", by_email.body);
    let bob = log_in(
        &app,
        SURFACES[0].0,
        "bob",
        "correct-horse",
        Some("203.0.113.79"),
    )
    .await;
    assert_eq!(
        bob.status, 200,
        "another account is not held: {:?}",
        bob.body
    );
}

#[tokio::test]
async fn wrong_current_passwords_are_failed_logins_of_the_account() {
    let app = limited_app().await;
    let (_, ta) = app.register("alice").await;
    for n in 0..10 {
        let (status, body) = app
            .post(
                "/api/account/password/",
                &ta,
                json!({"current_password": format!("guess-{n}"), "new_password": "battery-staple"}),
            )
            .await;
        assert_eq!(status, 400, "guess {}: {body}", n + 1);
        assert!(body["current_password"].is_array(), "{body}");
    }
    let (status, body) = app
        .post(
            "/api/account/password/",
            &ta,
            json!({"current_password": "correct-horse", "new_password": "battery-staple"}),
        )
        .await;
    assert_eq!(status, 429, "{body}");
    let login = log_in(
        &app,
        SURFACES[0].0,
        "alice",
        "correct-horse",
        Some("192.0.2.50"),
    )
    .await;
    assert_eq!(login.status, 429, "the account is held: {:?}", login.body);
}

#[tokio::test]
async fn sign_ups_with_an_invitation_spend_nothing_and_open_ones_are_held() {
    let app = TestApp::spawn_with(&["--registration", "invite"]).await;
    let admin = operator_admin(&app, "boss").await;
    let code = invitation(&app, &admin, json!({"max_uses": 100})).await["code"]
        .as_str()
        .expect("code")
        .to_string();
    for n in 0..8 {
        let name = format!("member{n}");
        let body = json!({"username": name, "email": format!("{name}@example.org"),
                          "password": "correct-horse", "invite_code": code});
        let (status, body) = app
            .call(Method::POST, "/api/auth/register/", None, Some(body))
            .await;
        assert_eq!(status, 201, "sign-up {}: {body}", n + 1);
    }

    let open = TestApp::spawn_with(&[]).await;
    let mut statuses = Vec::new();
    for n in 0..6 {
        let name = format!("open{n}");
        let body = json!({"username": name, "email": format!("{name}@example.org"), "password": "correct-horse"});
        let (status, _) = open
            .call(Method::POST, "/accounts/api/users/", None, Some(body))
            .await;
        statuses.push(status.as_u16());
    }
    assert_eq!(statuses, [201, 201, 201, 201, 201, 429]);
}

#[tokio::test]
async fn a_deactivated_account_is_told_so_only_with_its_right_password() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.register("alice").await;
    let (bob, _) = app.register("bob").await;
    let (status, body) = app
        .post(
            &format!("/api/admin/users/{bob}/deactivate/"),
            &admin,
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let expected: [(&str, Value, Value); 3] = [
        (
            "/api/auth/login/",
            json!({"error": "Account deactivated", "detail": "This account is inactive."}),
            json!({"error": "Invalid credentials", "detail": "Invalid credentials."}),
        ),
        (
            "/accounts/login/",
            json!({"detail": "This account is inactive."}),
            json!({"detail": "Invalid credentials."}),
        ),
        (
            "/accounts/api/token/",
            json!({"detail": "User is inactive", "code": "user_inactive"}),
            json!({"detail": "No active account found with the given credentials"}),
        ),
    ];
    for (path, inactive, invalid) in expected {
        let right = log_in(&app, path, "bob", "correct-horse", None).await;
        assert_eq!(
            (right.status.as_u16(), &right.body),
            (401, &inactive),
            "{path}"
        );
        let wrong = log_in(&app, path, "bob", "not-bobs", None).await;
        assert_eq!(
            (wrong.status.as_u16(), &wrong.body),
            (401, &invalid),
            "{path}"
        );
    }
}
