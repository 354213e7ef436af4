//! Signing up from a Matrix app, through the real binary and a real SMTP server: the
//! stages follow `--registration` (an invitation code as a registration token when
//! invite-only, nothing when closed), the email address is proven by the link natter
//! mails before the account exists, and the account starts with it confirmed, signed in
//! as a device. Guests, taken names and taken addresses are refused in Matrix's shape.

use crate::helpers::*;
use crate::mail::{link_in, natter_mailing};
use crate::mail_sink::{MailSink, SinkOptions};
use crate::matrix_http::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const REGISTER: &str = "/_matrix/client/v3/register";

/// Asks for the address check of `email`; its `sid`.
async fn request_token(app: &TestApp, secret: &str, email: &str) -> Answer {
    mx(
        app,
        Method::POST,
        &format!("{REGISTER}/email/requestToken"),
        None,
        Some(json!({"client_secret": secret, "email": email, "send_attempt": 1})),
    )
    .await
}

fn sign_up_body(session: &str, auth: Value) -> Value {
    let mut auth = auth;
    auth["session"] = json!(session);
    json!({
        "username": "zoe",
        "password": "correct-horse",
        "initial_device_display_name": "FluffyChat",
        "auth": auth,
    })
}

#[tokio::test]
async fn an_open_server_signs_up_a_matrix_app_with_its_address_proven_first() {
    let Some(sink) = MailSink::start_with_or_skip("matrix sign-up", SinkOptions::default()) else {
        return;
    };
    let app = natter_mailing(&sink, &["--matrix-server-name", SERVER]).await;
    app.register("alice").await;
    let available = |name: &str| format!("{REGISTER}/available?username={name}");
    let free = mx(&app, Method::GET, &available("zoe"), None, None).await;
    assert_eq!(free.body, json!({"available": true}));
    assert_error(
        &mx(&app, Method::GET, &available("ALICE"), None, None).await,
        400,
        "M_USER_IN_USE",
    );
    assert_error(
        &mx(&app, Method::GET, &available("12345"), None, None).await,
        400,
        "M_INVALID_USERNAME",
    );
    assert_error(
        &mx(
            &app,
            Method::POST,
            &format!("{REGISTER}?kind=guest"),
            None,
            Some(json!({})),
        )
        .await,
        403,
        "M_GUEST_ACCESS_FORBIDDEN",
    );

    // The first request learns the stages and its session.
    let asked = mx(
        &app,
        Method::POST,
        REGISTER,
        None,
        Some(json!({"username": "zoe", "password": "correct-horse"})),
    )
    .await;
    assert_eq!(asked.status, StatusCode::UNAUTHORIZED, "{}", asked.body);
    assert_eq!(
        asked.body["flows"],
        json!([{"stages": ["m.login.email.identity"]}])
    );
    let session = asked.body["session"]
        .as_str()
        .expect("a session")
        .to_string();

    // The address: one an account has is refused; a new one is mailed a link.
    assert_error(
        &request_token(&app, "s3cret", "alice@example.org").await,
        400,
        "M_THREEPID_IN_USE",
    );
    assert_error(
        &request_token(&app, "no spaces", "zoe@example.org").await,
        400,
        "M_INVALID_PARAM",
    );
    let requested = request_token(&app, "s3cret", "zoe@example.org").await;
    assert_eq!(requested.status, StatusCode::OK, "{}", requested.body);
    let sid = requested.body["sid"].as_str().expect("sid").to_string();
    assert!(
        requested.body["submit_url"].is_string(),
        "{}",
        requested.body
    );
    let creds = json!({"type": "m.login.email.identity", "threepid_creds": {"sid": sid, "client_secret": "s3cret"}});

    // Before the link is opened, the stage is not passed.
    let early = mx(
        &app,
        Method::POST,
        REGISTER,
        None,
        Some(sign_up_body(&session, creds.clone())),
    )
    .await;
    assert_eq!(early.status, StatusCode::UNAUTHORIZED, "{}", early.body);
    assert_eq!(early.body["errcode"], "M_UNAUTHORIZED");
    assert_eq!(early.body["completed"], json!([]));

    // alice's own confirmation link went out first.
    let mails = sink.until(2).await;
    let mail = mails
        .iter()
        .find(|m| m["rcpt_tos"] == json!(["zoe@example.org"]))
        .unwrap_or_else(|| panic!("no mail to zoe in {mails:?}"));
    let (link, _) = link_in(mail, "submitToken");
    let wrong = app
        .client
        .get(link.replace("token=", "token=0"))
        .send()
        .await
        .expect("sent");
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
    let opened = app.client.get(&link).send().await.expect("sent");
    assert_eq!(opened.status(), StatusCode::OK);
    assert!(opened.text().await.expect("a page").contains("confirmed"));

    let done = mx(
        &app,
        Method::POST,
        REGISTER,
        None,
        Some(sign_up_body(&session, creds)),
    )
    .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(done.body["user_id"], format!("@zoe:{SERVER}"));
    let token = token_of(&done);
    let me = mx(
        &app,
        Method::GET,
        &format!("{V3}/account/whoami"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(me.body["user_id"], format!("@zoe:{SERVER}"), "{}", me.body);
    // natter's account, its address confirmed, signing in by password as any other.
    let key = token_of(&sign_in(&app, "zoe", None).await);
    assert!(!key.is_empty());
    let (status, answer) = app
        .call(
            Method::POST,
            "/api/auth/login/",
            None,
            Some(json!({"username": "zoe", "password": "correct-horse"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let auth = format!("Token {}", answer["token"].as_str().expect("token"));
    let (_, account) = app.get("/api/account/", &auth).await;
    assert_eq!(account["email"], "zoe@example.org", "{account}");
    assert_eq!(account["email_confirmed"], true, "{account}");
    // The address check is spent: a second sign-up cannot use it.
    let again = mx(
        &app,
        Method::POST,
        REGISTER,
        None,
        Some(json!({"username": "zed", "password": "correct-horse",
            "auth": {"type": "m.login.email.identity", "threepid_creds": {"sid": sid, "client_secret": "s3cret"}}})),
    )
    .await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED, "{}", again.body);
}

#[tokio::test]
async fn an_invite_only_server_asks_for_an_invitation_as_a_registration_token() {
    let Some(sink) = MailSink::start_with_or_skip("matrix invite", SinkOptions::default()) else {
        return;
    };
    let app = natter_mailing(
        &sink,
        &["--matrix-server-name", SERVER, "--registration", "invite"],
    )
    .await;
    let boss = crate::team_server::operator_admin(&app, "boss").await;
    let made = crate::team_server::invitation(&app, &boss, json!({"max_uses": 1})).await;
    let code = made["code"].as_str().expect("code").to_string();
    let validity =
        |token: &str| format!("{REGISTER}/m.login.registration_token/validity?token={token}");
    let valid = mx(&app, Method::GET, &validity(&code), None, None).await;
    assert_eq!(valid.body, json!({"valid": true}));
    let invalid = mx(&app, Method::GET, &validity("nope"), None, None).await;
    assert_eq!(invalid.body, json!({"valid": false}));

    let asked = mx(
        &app,
        Method::POST,
        REGISTER,
        None,
        Some(json!({"username": "zoe", "password": "correct-horse"})),
    )
    .await;
    assert_eq!(
        asked.body["flows"],
        json!([{"stages": ["m.login.registration_token", "m.login.email.identity"]}]),
        "{}",
        asked.body
    );
    let session = asked.body["session"].as_str().expect("session").to_string();
    let bad = mx(
        &app,
        Method::POST,
        REGISTER,
        None,
        Some(sign_up_body(
            &session,
            json!({"type": "m.login.registration_token", "token": "nope"}),
        )),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert_eq!(bad.body["errcode"], "M_FORBIDDEN", "{}", bad.body);
    let good = mx(
        &app,
        Method::POST,
        REGISTER,
        None,
        Some(sign_up_body(
            &session,
            json!({"type": "m.login.registration_token", "token": code}),
        )),
    )
    .await;
    assert_eq!(good.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        good.body["completed"],
        json!(["m.login.registration_token"]),
        "{}",
        good.body
    );

    // The address, proven by the code typed into the app this time.
    let requested = request_token(&app, "s3cret", "zoe@example.org").await;
    let sid = requested.body["sid"].as_str().expect("sid").to_string();
    let mails = sink.until(1).await;
    let (link, _) = link_in(&mails[0], "submitToken");
    let token = url::Url::parse(&link)
        .expect("a link")
        .query_pairs()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned())
        .expect("token");
    let submit = requested.body["submit_url"].as_str().expect("submit_url");
    let path = submit
        .strip_prefix(&app.base)
        .expect("natter's own address");
    let typed = mx(
        &app,
        Method::POST,
        path,
        None,
        Some(json!({"sid": sid, "client_secret": "s3cret", "token": token})),
    )
    .await;
    assert_eq!(typed.body, json!({"success": true}));
    let creds = json!({"type": "m.login.email.identity", "threepid_creds": {"sid": sid, "client_secret": "s3cret"}});
    let done = mx(
        &app,
        Method::POST,
        REGISTER,
        None,
        Some(sign_up_body(&session, creds)),
    )
    .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    // The invitation was used: it signs nobody else up.
    let after = mx(&app, Method::GET, &validity(&code), None, None).await;
    assert_eq!(after.body, json!({"valid": false}));
}

#[tokio::test]
async fn a_closed_server_or_one_without_mail_signs_nobody_up_from_matrix() {
    let app = TestApp::spawn_with(&["--matrix-server-name", SERVER, "--rate-limits", "off"]).await;
    let body = json!({"username": "zoe", "password": "correct-horse"});
    assert_error(
        &mx(&app, Method::POST, REGISTER, None, Some(body.clone())).await,
        403,
        "M_FORBIDDEN",
    );
    assert_error(
        &request_token(&app, "s3cret", "zoe@example.org").await,
        403,
        "M_FORBIDDEN",
    );
    let Some(sink) = MailSink::start_with_or_skip("matrix closed", SinkOptions::default()) else {
        return;
    };
    let app = natter_mailing(
        &sink,
        &["--matrix-server-name", SERVER, "--registration", "closed"],
    )
    .await;
    assert_error(
        &mx(&app, Method::POST, REGISTER, None, Some(body)).await,
        403,
        "M_FORBIDDEN",
    );
}
