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
pub(crate) fn code(secret: &str, steps: i64) -> String {
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
pub(crate) async fn turn_on(app: &TestApp, auth: &str) -> (String, Vec<String>) {
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

/// A login with `otp` on `path` (each login surface), from one test address.
async fn with_code(app: &TestApp, path: &str, otp: &str) -> Answer {
    log_in(
        app,
        path,
        json!({"username": "alice", "password": "correct-horse", "otp": otp}),
    )
    .await
}

/// Turning it off with the right password and `otp`: the status and body.
async fn turn_off_with(app: &TestApp, auth: &str, otp: &str) -> (StatusCode, Value) {
    app.call(
        Method::DELETE,
        "/api/account/two-factor/",
        Some(auth),
        Some(json!({"current_password": "correct-horse", "otp": otp})),
    )
    .await
}

/// The login surfaces, in turn.
const LOGINS: [&str; 3] = [
    "/api/auth/login/",
    "/accounts/api/token/",
    "/accounts/login/",
];

#[tokio::test]
async fn wrong_codes_in_a_row_hold_the_code_on_every_surface_and_mail_the_person() {
    let Some(sink) = crate::mail_sink::MailSink::start_or_skip("two_factor_hold") else {
        return;
    };
    let url = sink.url();
    // No per-minute limits: the hold is counted per account, whatever the rate.
    let app = TestApp::spawn_with(&[
        "--rate-limits",
        "off",
        "--smtp",
        &url,
        "--mail-from",
        "chat@example.org",
    ])
    .await;
    let (_, auth) = app.register("alice").await;
    // The sign-up's own mail: the link that confirms the address.
    let first = sink.until(1).await;
    assert_eq!(first[0]["subject"], "Confirm your address for natter");
    // The warning goes to a confirmed address only (see the next test).
    crate::team_cli::done(&app, &["users", "confirm-email", "alice"]);
    let (secret, recovery) = turn_on(&app, &auth).await;
    // Nine wrong codes, spread over every login surface and the turn-off endpoint, are
    // refused as wrong and hold nothing.
    for n in 0..9 {
        if n % 4 == 3 {
            let (status, body) = turn_off_with(&app, &auth, "000000").await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "wrong code {n}: {body}");
        } else {
            let answer = with_code(&app, LOGINS[n % 4], "000000").await;
            assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "wrong code {n}");
        }
    }
    sink.assert_at_most_within(1, std::time::Duration::from_millis(300))
        .await;
    // The tenth holds codes for a minute: said at once, with Retry-After.
    let held = with_code(&app, "/accounts/api/token/", "000000").await;
    assert_eq!(
        held.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{:?}",
        held.body
    );
    assert_eq!(held.body["code"], "two_factor_held", "{:?}", held.body);
    assert_eq!(held.body["two_factor_held"], json!(true));
    let wait: u64 = held
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .expect("seconds");
    assert!((50..=60).contains(&wait), "{wait}");
    // Now even the right code waits, on every surface and for turning it off.
    for path in LOGINS {
        let answer = with_code(&app, path, &code(&secret, 1)).await;
        assert_eq!(
            answer.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{path}: {:?}",
            answer.body
        );
        assert_eq!(answer.body["two_factor_held"], json!(true), "{path}");
        assert!(answer.header("retry-after").is_some(), "{path}");
    }
    let (status, body) = turn_off_with(&app, &auth, &code(&secret, 1)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(
        body["otp"][0]
            .as_str()
            .is_some_and(|s| s.contains("Too many wrong codes")),
        "{body}"
    );
    // The person is told by mail, once, in natter's own words.
    let mails = sink.until(2).await;
    assert_eq!(mails[1]["rcpt_tos"], json!(["alice@example.org"]));
    assert_eq!(
        mails[1]["subject"],
        "Wrong two-factor codes for your natter account"
    );
    let text = mails[1]["text"].as_str().expect("text");
    assert!(
        text.contains("10 wrong two-factor codes in a row"),
        "{text}"
    );
    // A recovery code still signs in, and ends the hold: the app's code works again.
    let answer = with_code(&app, "/accounts/login/", &recovery[0]).await;
    assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
    let answer = with_code(&app, "/api/auth/login/", &code(&secret, 1)).await;
    assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
    // A wrong code after that is the first of a new run, not the eleventh.
    let answer = with_code(&app, "/api/auth/login/", "000000").await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{:?}", answer.body);
    sink.assert_at_most_within(2, std::time::Duration::from_millis(300))
        .await;
}

#[tokio::test]
async fn a_new_password_ends_the_hold() {
    let app = TestApp::spawn_with(&["--rate-limits", "off"]).await;
    let (_, auth) = app.register("alice").await;
    let (secret, _) = turn_on(&app, &auth).await;
    for n in 0..10 {
        let answer = with_code(&app, "/api/auth/login/", "000000").await;
        assert_ne!(answer.status, StatusCode::OK, "wrong code {n}");
    }
    let held = with_code(&app, "/api/auth/login/", &code(&secret, 1)).await;
    assert_eq!(
        held.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{:?}",
        held.body
    );
    assert_eq!(
        held.body["error"], "Two-factor codes on hold",
        "{:?}",
        held.body
    );
    // The owner (or the operator for them) sets a new password: whoever typed the codes
    // no longer has it, and the owner's code signs in with the new one at once.
    let out = crate::team_cli::natter(
        &app,
        &["users", "set-password", "alice", "--password-stdin"],
        "battery-staple-9\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answer = log_in(
        &app,
        "/api/auth/login/",
        json!({"username": "alice", "password": "battery-staple-9", "otp": code(&secret, 1)}),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{:?}", answer.body);
}

#[tokio::test]
async fn turning_it_off_spends_the_login_budget_on_wrong_codes() {
    let app = TestApp::spawn_with(&[]).await;
    let (_, auth) = app.register("alice").await;
    let (secret, _) = turn_on(&app, &auth).await;
    // The account's failed-login budget is ten a minute: a wrong code here spends it as
    // a wrong code at sign-in does (it used to be given back with the right password).
    let mut refused_at = None;
    for n in 0..12 {
        let (status, body) = turn_off_with(&app, &auth, "000000").await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            refused_at = Some(n);
            break;
        }
        assert_eq!(status, StatusCode::BAD_REQUEST, "attempt {n}: {body}");
    }
    assert_eq!(refused_at, Some(10), "the eleventh wrong try is refused");
    // And the right code waits too: guessing here is no way round sign-in's limits.
    let (status, body) = turn_off_with(&app, &auth, &code(&secret, 1)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    let (_, status_body) = app.get("/api/account/two-factor/", &auth).await;
    assert_eq!(status_body["enabled"], json!(true), "{status_body}");
}

#[tokio::test]
async fn an_administrator_without_it_holds_no_administrators_power_anywhere() {
    let app = TestApp::spawn_with(&["--two-factor-for-admins", "--show-emails", "admins"]).await;
    let boss = operator_admin(&app, "boss").await;
    turn_on(&app, &boss).await;
    let (status, bot) = app
        .post("/api/bots/", &boss, json!({"username": "deploybot"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{bot}");
    let bot_id = bot["id"].as_i64().expect("bot id");
    let (_, ann) = app.register("ann").await;
    // A second administrator who has not turned it on.
    let other = operator_admin(&app, "other").await;
    let refused = |status: StatusCode, body: &Value, what: &str| {
        assert_eq!(status, StatusCode::FORBIDDEN, "{what}: {body}");
        assert!(
            body["detail"]
                .as_str()
                .is_some_and(|d| d.contains("two-factor")),
            "{what}: {body}"
        );
    };
    let (status, body) = app
        .post("/api/bots/", &other, json!({"username": "sneakybot"}))
        .await;
    refused(status, &body, "making a bot");
    let (status, body) = app
        .post(&format!("/api/bots/{bot_id}/key/"), &other, json!({}))
        .await;
    refused(status, &body, "a new key");
    let (status, body) = app
        .call(
            Method::PATCH,
            &format!("/api/bots/{bot_id}/"),
            Some(&other),
            Some(json!({"outgoing_url": "https://attacker.example/hook"})),
        )
        .await;
    refused(status, &body, "changing a bot");
    let (status, body) = app
        .call(
            Method::DELETE,
            &format!("/api/bots/{bot_id}/"),
            Some(&other),
            None,
        )
        .await;
    refused(status, &body, "deleting a bot");
    // Listing bots shows them as any member sees them: no key, no hook URL.
    let (status, body) = app.get(&format!("/api/bots/{bot_id}/"), &other).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.get("key_hook_url").is_none(), "{body}");
    assert!(body.get("chats").is_none(), "{body}");
    let (_, boss_view) = app.get(&format!("/api/bots/{bot_id}/"), &boss).await;
    assert!(boss_view.get("chats").is_some(), "{boss_view}");
    // Nor others' addresses under --show-emails admins.
    let (status, users) = app.get("/accounts/api/users/", &other).await;
    assert_eq!(status, StatusCode::OK, "{users}");
    let ann_row = users
        .as_array()
        .and_then(|all| all.iter().find(|u| u["username"] == "ann"))
        .cloned()
        .unwrap_or_else(|| panic!("ann listed: {users}"));
    assert_eq!(ann_row["email"], "", "{users}");
    let (_, boss_users) = app.get("/accounts/api/users/", &boss).await;
    assert!(
        boss_users.to_string().contains("ann@example.org"),
        "{boss_users}"
    );
    // Their own account still says they are an administrator who must turn it on.
    let (_, me) = app.get("/api/account/", &other).await;
    assert_eq!(me["is_admin"], json!(true), "{me}");
    let (_, status_body) = app.get("/api/account/two-factor/", &other).await;
    assert_eq!(status_body["required"], json!(true), "{status_body}");
    let _ = ann;
}

#[tokio::test]
async fn password_sign_up_is_refused_where_passwords_are_for_administrators() {
    // A provider that is never reached: only password sign-up is looked at here.
    let dir = tempfile::tempdir().expect("tempdir");
    let secret = dir.path().join("corp-secret");
    std::fs::write(&secret, "s3cret\n").expect("secret file");
    let secret_arg = format!("corp={}", secret.display());
    let app = TestApp::spawn_with(&[
        "--password-sign-in",
        "admins",
        "--oidc",
        "corp=http://127.0.0.1:9,natter,Corp ID",
        "--oidc-secret-file",
        &secret_arg,
    ])
    .await;
    // The first account of a new database looks after it, and signs in with a password.
    let (status, body) = app
        .call(
            Method::POST,
            "/api/auth/register/",
            None,
            Some(json!({"username": "root", "email": "root@example.org", "password": "correct-horse"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    // Anyone after is refused on every sign-up route, before any account or key is made.
    for (path, name) in [
        ("/api/auth/register/", "ann"),
        ("/accounts/api/users/", "bob"),
    ] {
        let (status, body) = app
            .call(
                Method::POST,
                path,
                None,
                Some(json!({"username": name, "email": format!("{name}@example.org"), "password": "correct-horse"})),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}: {body}");
        assert!(body.to_string().contains("provider"), "{path}: {body}");
        assert!(body.get("token").is_none(), "{path}: {body}");
    }
    let out = crate::team_cli::natter(&app, &["users"], "");
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        !listed.contains("ann") && !listed.contains("bob"),
        "{listed}"
    );
}

#[tokio::test]
async fn the_wrong_codes_warning_goes_to_a_confirmed_address_only() {
    let Some(sink) = crate::mail_sink::MailSink::start_or_skip("two_factor_hold_unconfirmed")
    else {
        return;
    };
    let url = sink.url();
    let app = TestApp::spawn_with(&[
        "--rate-limits",
        "off",
        "--smtp",
        &url,
        "--mail-from",
        "chat@example.org",
    ])
    .await;
    // bo typed an address nobody confirmed (it may be a stranger's); alice confirmed hers.
    let (_, bo) = app.register("bo").await;
    let (_, alice) = app.register("alice").await;
    sink.until(2).await;
    crate::team_cli::done(&app, &["users", "confirm-email", "alice"]);
    turn_on(&app, &bo).await;
    turn_on(&app, &alice).await;
    // bo's hold comes first: had it been mailed, that mail would be queued before alice's.
    for name in ["bo", "alice"] {
        for n in 0..10 {
            let body = json!({"username": name, "password": "correct-horse", "otp": "000000"});
            let answer = log_in(&app, "/api/auth/login/", body).await;
            assert_ne!(answer.status, StatusCode::OK, "{name}'s wrong code {n}");
        }
        let held = log_in(
            &app,
            "/api/auth/login/",
            json!({"username": name, "password": "correct-horse", "otp": "000000"}),
        )
        .await;
        assert_eq!(held.status, StatusCode::TOO_MANY_REQUESTS, "{name} is held");
    }
    // alice's warning arrives; bo's unconfirmed address was sent none, before or after.
    let mails = sink.until(3).await;
    let warnings: Vec<&Value> = mails
        .iter()
        .filter(|m| m["subject"] == "Wrong two-factor codes for your natter account")
        .collect();
    assert_eq!(warnings.len(), 1, "{mails:?}");
    assert_eq!(warnings[0]["rcpt_tos"], json!(["alice@example.org"]));
    sink.assert_at_most_within(3, std::time::Duration::from_millis(300))
        .await;
    let to_bo: Vec<Value> = sink
        .received()
        .into_iter()
        .filter(|m| m["rcpt_tos"] == json!(["bo@example.org"]))
        .map(|m| m["subject"].clone())
        .collect();
    assert_eq!(to_bo, vec![json!("Confirm your address for natter")]);
}
