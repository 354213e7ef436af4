//! Two-factor sign-in through the binary: set up with the password, confirmed by a code
//! that this test computes as an authenticator app would (RFC 6238, from the secret the
//! setup showed), then asked on every login surface after the password, in each
//! surface's 401 shape; a code signs in once, a recovery code once; wrong codes are failed
//! logins; it is turned off with the password and a code; and with
//! `--two-factor-for-admins` the admin API waits for it.

use crate::helpers::*;
use crate::team_server::operator_admin;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use totp_rs::{Algorithm, Secret, TOTP};

/// The code an authenticator app shows `steps` 30-second steps from now.
fn code(secret: &str, steps: i64) -> String {
    let bytes = Secret::Encoded(secret.to_string())
        .to_bytes()
        .expect("a base32 secret");
    let totp = TOTP::new(Algorithm::SHA1, 6, 0, 30, bytes, None, "x".into()).expect("TOTP");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64;
    totp.generate((now + steps * 30) as u64)
}

/// Turns two-factor sign-in on for `auth`'s account (password `correct-horse`): the
/// secret and the recovery codes. The code confirming it is the current step's, so the
/// next sign-in uses the next step's (a code is never taken twice).
async fn turn_on(app: &TestApp, auth: &str) -> (String, Vec<String>) {
    let (status, body) = app
        .post(
            "/api/account/two-factor/",
            auth,
            json!({"current_password": "correct-horse"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let secret = body["secret"].as_str().expect("secret").to_string();
    let (status, body) = app
        .post(
            "/api/account/two-factor/confirm/",
            auth,
            json!({"otp": code(&secret, 0)}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let codes: Vec<String> = body["recovery_codes"]
        .as_array()
        .expect("recovery codes")
        .iter()
        .map(|c| c.as_str().expect("a code").to_string())
        .collect();
    (secret, codes)
}

async fn log_in(app: &TestApp, path: &str, body: Value) -> Answer {
    ask(app, Method::POST, path, &[], Some(body)).await
}

#[tokio::test]
async fn setting_up_shows_the_secret_once_and_asks_nothing_until_a_code_confirms_it() {
    let app = TestApp::spawn().await;
    let (_, auth) = app.register("alice").await;
    let (status, body) = app
        .post(
            "/api/account/two-factor/",
            &auth,
            json!({"current_password": "wrong-horse"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["current_password"].is_array(), "{body}");

    let (status, body) = app
        .post(
            "/api/account/two-factor/",
            &auth,
            json!({"current_password": "correct-horse"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let secret = body["secret"].as_str().expect("secret");
    assert_eq!(secret.len(), 32, "20 bytes in base32: {secret}");
    let url = body["otpauth_url"].as_str().expect("url");
    assert!(url.starts_with("otpauth://totp/natter:alice?"), "{url}");
    assert!(url.contains(&format!("secret={secret}")), "{url}");
    assert!(
        body["qr_svg"].as_str().expect("svg").contains("<svg"),
        "{body}"
    );

    // Not confirmed yet: the password alone still signs in.
    let answer = log_in(
        &app,
        "/api/auth/login/",
        json!({"username": "alice", "password": "correct-horse"}),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
    let (_, status_body) = app.get("/api/account/two-factor/", &auth).await;
    assert_eq!(status_body["enabled"], json!(false), "{status_body}");

    let (status, body) = app
        .post(
            "/api/account/two-factor/confirm/",
            &auth,
            json!({"otp": "000000"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["otp"].is_array(), "{body}");
    let (status, body) = app
        .post(
            "/api/account/two-factor/confirm/",
            &auth,
            json!({"otp": code(secret, 0)}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["recovery_codes"].as_array().map(Vec::len), Some(10));
    let (_, status_body) = app.get("/api/account/two-factor/", &auth).await;
    assert_eq!(status_body["enabled"], json!(true), "{status_body}");
    assert_eq!(status_body["recovery_codes_left"], json!(10));

    // On: starting again is refused until it is turned off.
    let (status, body) = app
        .post(
            "/api/account/two-factor/",
            &auth,
            json!({"current_password": "correct-horse"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}

#[tokio::test]
async fn every_login_surface_asks_for_the_code_and_a_code_signs_in_once() {
    let app = TestApp::spawn().await;
    let (_, auth) = app.register("alice").await;
    let (secret, recovery) = turn_on(&app, &auth).await;
    let password = json!({"username": "alice", "password": "correct-horse"});

    // Without the code: each surface's 401, with `two_factor_required`.
    let seed = log_in(&app, "/api/auth/login/", password.clone()).await;
    assert_eq!(seed.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        seed.body["error"], "Two-factor code required",
        "{:?}",
        seed.body
    );
    assert_eq!(seed.body["two_factor_required"], json!(true));
    let jwt = log_in(&app, "/accounts/api/token/", password.clone()).await;
    assert_eq!(jwt.status, StatusCode::UNAUTHORIZED);
    assert_eq!(jwt.body["code"], "two_factor_required", "{:?}", jwt.body);
    let session = log_in(&app, "/accounts/login/", password.clone()).await;
    assert_eq!(session.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        session.body["two_factor_required"],
        json!(true),
        "{:?}",
        session.body
    );
    assert!(
        session.header("set-cookie").is_none(),
        "no session without the code"
    );

    // A wrong code: refused the same way, as invalid.
    let mut wrong = password.clone();
    wrong["otp"] = json!("000000");
    let answer = log_in(&app, "/accounts/api/token/", wrong).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        answer.body["code"], "two_factor_invalid",
        "{:?}",
        answer.body
    );

    // The app's next code signs in once; the same code again does not.
    let mut with_code = password.clone();
    with_code["otp"] = json!(code(&secret, 1));
    let answer = log_in(&app, "/api/auth/login/", with_code.clone()).await;
    assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
    assert!(answer.body["token"].is_string());
    let again = log_in(&app, "/accounts/login/", with_code).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED, "{:?}", again.body);

    // Recovery codes, typed loosely, sign in once each, on the other surfaces.
    let mut with_recovery = password.clone();
    with_recovery["otp"] = json!(format!(" {} ", recovery[0].to_uppercase()));
    let answer = log_in(&app, "/accounts/login/", with_recovery.clone()).await;
    assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
    assert!(answer.header("set-cookie").is_some());
    let reused = log_in(&app, "/accounts/api/token/", with_recovery).await;
    assert_eq!(reused.status, StatusCode::UNAUTHORIZED, "{:?}", reused.body);
    let mut second = password.clone();
    second["otp"] = json!(recovery[1].replace('-', ""));
    let answer = log_in(&app, "/accounts/api/token/", second).await;
    assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
    assert!(answer.body["access"].is_string());
    let (_, status_body) = app.get("/api/account/two-factor/", &auth).await;
    assert_eq!(status_body["recovery_codes_left"], json!(8));

    // Turned off with the password and a code: the password alone signs in again.
    let (status, body) = app
        .call(
            Method::DELETE,
            "/api/account/two-factor/",
            Some(&auth),
            Some(json!({"current_password": "correct-horse", "otp": "000000"})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, body) = app
        .call(
            Method::DELETE,
            "/api/account/two-factor/",
            Some(&auth),
            Some(json!({"current_password": "correct-horse", "otp": recovery[2]})),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let answer = log_in(&app, "/api/auth/login/", password).await;
    assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
}

#[tokio::test]
async fn wrong_codes_are_failed_logins_and_a_missing_one_costs_nothing() {
    let app = TestApp::spawn_with(&["--trusted-proxies", "127.0.0.1"]).await;
    let (_, auth) = app.register("alice").await;
    let (secret, _) = turn_on(&app, &auth).await;
    let from = [("X-Forwarded-For", "198.51.100.7")];
    let attempt = |otp: Option<String>| {
        let mut body = json!({"username": "alice", "password": "correct-horse"});
        if let Some(otp) = otp {
            body["otp"] = json!(otp);
        }
        ask(&app, Method::POST, "/api/auth/login/", &from, Some(body))
    };
    // Asking for the code again and again is not guessing.
    for n in 0..8 {
        let answer = attempt(None).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "attempt {n}");
        assert_eq!(answer.body["two_factor_required"], json!(true));
    }
    // Five wrong codes from one address, then even the right code waits.
    for n in 0..5 {
        let answer = attempt(Some("000000".into())).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "wrong code {n}");
    }
    let held = attempt(Some(code(&secret, 1))).await;
    assert_eq!(
        held.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{:?}",
        held.body
    );
    assert!(held.header("retry-after").is_some());
}

#[tokio::test]
async fn administrators_must_turn_it_on_first_when_the_operator_says_so() {
    let app = TestApp::spawn_with(&["--two-factor-for-admins"]).await;
    let admin = operator_admin(&app, "boss").await;
    let (status, body) = app.get("/api/admin/users/", &admin).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(
        body["detail"]
            .as_str()
            .is_some_and(|d| d.contains("two-factor")),
        "{body}"
    );
    let (_, status_body) = app.get("/api/account/two-factor/", &admin).await;
    assert_eq!(status_body["required"], json!(true), "{status_body}");
    turn_on(&app, &admin).await;
    let (status, body) = app.get("/api/admin/users/", &admin).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Not asked of people who are not administrators.
    let (_, auth) = app.register("alice").await;
    let (_, status_body) = app.get("/api/account/two-factor/", &auth).await;
    assert_eq!(status_body["required"], json!(false), "{status_body}");
}

#[tokio::test]
async fn the_operator_turns_it_off_for_someone_who_lost_their_phone() {
    let app = TestApp::spawn().await;
    let (_, auth) = app.register("alice").await;
    turn_on(&app, &auth).await;
    let password = json!({"username": "alice", "password": "correct-horse"});
    let answer = log_in(&app, "/api/auth/login/", password.clone()).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    let out = crate::team_cli::natter(&app, &["users", "reset-two-factor", "alice"], "");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("turned off two-factor sign-in"), "{said}");
    let answer = log_in(&app, "/api/auth/login/", password).await;
    assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
    let (_, status_body) = app.get("/api/account/two-factor/", &auth).await;
    assert_eq!(status_body["enabled"], json!(false), "{status_body}");
}
