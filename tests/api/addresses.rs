//! Confirmed email addresses through the binary and a real SMTP server (`mail_sink`): a
//! sign-up's address is mailed a link that only its own account, signed in, can use; an
//! unconfirmed address gets natter's words only (no missed-message mail, a reset mail
//! without the name a stranger chose) and is confirmed by a reset link used; the
//! account and administrators' pages say which addresses are confirmed; the operator
//! confirms one from the command line.

use crate::helpers::*;
use crate::mail::{link_in, natter_mailing};
use crate::mail_sink::{MailSink, SinkOptions};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::time::Duration;

/// The subject of a confirmation mail.
const CONFIRM: &str = "Confirm your address for natter";

/// Signs up `name` with `email` and `display_name` through the API: (id, `Token <key>`).
async fn sign_up(app: &TestApp, name: &str, email: &str, display: &str) -> (i64, String) {
    let (status, body) = app
        .call(
            Method::POST,
            "/api/auth/register/",
            None,
            Some(json!({"username": name, "email": email, "password": "correct-horse"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let auth = format!("Token {}", body["token"].as_str().expect("token"));
    if !display.is_empty() {
        let (status, body) = app
            .call(
                Method::PATCH,
                "/api/account/",
                Some(&auth),
                Some(json!({"display_name": display})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    (body["user"]["id"].as_i64().expect("id"), auth)
}

/// The mails so far to `to` with `subject`, waiting until there are `n`.
async fn mails_to(sink: &MailSink, to: &str, subject: &str, n: usize) -> Vec<Value> {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let found: Vec<Value> = sink
            .received()
            .into_iter()
            .filter(|m| m["rcpt_tos"] == json!([to]) && m["subject"] == subject)
            .collect();
        if found.len() >= n {
            return found;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "waited for {n} mail(s) {subject:?} to {to}: {:?}",
            sink.received()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn confirm(app: &TestApp, auth: Option<&str>, token: &str) -> (StatusCode, Value) {
    app.call(
        Method::POST,
        "/api/account/confirm-email/",
        auth,
        Some(json!({"token": token})),
    )
    .await
}

#[tokio::test]
async fn a_new_address_is_confirmed_only_by_its_own_account_through_the_mailed_link() {
    let Some(sink) = MailSink::start_with_or_skip("confirm_link", SinkOptions::default()) else {
        return;
    };
    let app = natter_mailing(&sink, &[]).await;
    let (_, ann) = sign_up(&app, "ann", "ann@example.org", "").await;
    let (_, mallory) = sign_up(&app, "mallory", "mallory@example.org", "").await;
    let (_, account) = app.get("/api/account/", &ann).await;
    assert_eq!(account["email_confirmed"], false, "{account}");

    let mail = mails_to(&sink, "ann@example.org", CONFIRM, 1)
        .await
        .remove(0);
    let text = mail["text"].as_str().unwrap_or_default();
    assert!(
        !text.contains("ann,") && !text.contains("mallory"),
        "{text}"
    );
    let (link, token) = link_in(&mail, "/confirm/");
    assert!(
        link.starts_with(&format!("{}/confirm/", app.base)),
        "{link}"
    );
    // The link opens the web client, which posts the token signed in.
    let page = app.client.get(&link).send().await.expect("page");
    assert_eq!(page.status(), StatusCode::OK);

    // Receiving the mail is not enough: no sign-in, or another account, confirms nothing
    // and leaves the link usable by its own account.
    let (status, _) = confirm(&app, None, &token).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) = confirm(&app, Some(&mallory), &token).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["token"].is_array(), "{body}");
    let (status, body) = confirm(&app, Some(&ann), &token).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["email_confirmed"], true, "{body}");
    let (status, _) = confirm(&app, Some(&ann), &token).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a link works once");
    let (_, body) = app
        .post("/api/account/confirm-email/send/", &ann, json!({}))
        .await;
    assert!(body["email"].is_array(), "confirmed already: {body}");

    // A changed address is unconfirmed again and gets its own link; the old address's
    // link is worth nothing for the new one.
    let (status, body) = app
        .call(
            Method::PATCH,
            "/api/account/",
            Some(&ann),
            Some(json!({"email": "ann@new.example.org"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["email_confirmed"], false, "{body}");
    let mail = mails_to(&sink, "ann@new.example.org", CONFIRM, 1)
        .await
        .remove(0);
    let (_, token) = link_in(&mail, "/confirm/");
    let (status, body) = app
        .post("/api/account/confirm-email/send/", &ann, json!({}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "one a minute: {body}");
    let (status, body) = confirm(&app, Some(&ann), &token).await;
    assert_eq!(
        (status, &body["email_confirmed"]),
        (StatusCode::OK, &json!(true))
    );

    // Administrators see who is confirmed.
    let admin = crate::team_server::operator_admin(&app, "boss").await;
    let (_, people) = app.get("/api/admin/users/", &admin).await;
    let confirmed = |name: &str| -> Value {
        people["results"]
            .as_array()
            .expect("results")
            .iter()
            .find(|p| p["username"] == name)
            .map(|p| p["email_confirmed"].clone())
            .unwrap_or(Value::Null)
    };
    assert_eq!(
        (confirmed("ann"), confirmed("mallory"), confirmed("boss")),
        (json!(true), json!(false), json!(true)),
        "{people}"
    );
}

#[tokio::test]
async fn an_unconfirmed_address_gets_no_ones_words_until_a_reset_link_proves_it() {
    let Some(sink) = MailSink::start_with_or_skip("unconfirmed", SinkOptions::default()) else {
        return;
    };
    let app = natter_mailing(&sink, &["--missed-mail-delay", "1s"]).await;
    // A stranger signs up with someone else's address, and a name that is a phishing
    // sentence; someone writes to the account.
    let lure = "Your parcel is held: pay at https://evil.example";
    let (stranger, _) = sign_up(&app, "stranger", "victim@example.org", lure).await;
    let (_, bob) = crate::mail::person(&app, "bob", "bob@example.org", "Bob").await;
    let (status, _) = app
        .post(
            "/api/messages/",
            &bob,
            json!({"receiver": stranger, "content": "Click https://evil.example/login now"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    // The confirmation (natter's words only) is all the victim gets.
    let mail = mails_to(&sink, "victim@example.org", CONFIRM, 1)
        .await
        .remove(0);
    let text = format!("{}{}", mail["text"], mail["html"]);
    assert!(
        !text.contains("evil") && !text.contains("stranger"),
        "{text}"
    );
    // A missed-message mail would be due after a second; well past it, none came.
    tokio::time::sleep(Duration::from_secs(8)).await;
    let all = sink.received();
    assert_eq!(all.len(), 1, "only the confirmation: {all:?}");

    // A forgotten-password mail may go (it is natter's sentence), without the name.
    let (status, _) = app
        .call(
            Method::POST,
            "/api/account/forgot/",
            None,
            Some(json!({"login": "victim@example.org"})),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let reset = mails_to(
        &sink,
        "victim@example.org",
        "Set a new password for natter",
        1,
    )
    .await
    .remove(0);
    let text = format!("{}{}", reset["text"], reset["html"]);
    assert!(!text.contains("evil") && !text.contains("parcel"), "{text}");
    assert!(text.starts_with("\"Hello,"), "{text}");
    // Whoever uses it owns the inbox: the address is confirmed, the account theirs.
    let (_, token) = link_in(&reset, "/reset/");
    let (status, body) = app
        .call(
            Method::POST,
            "/api/account/reset/",
            None,
            Some(json!({"token": token, "new_password": "victim-owns-this"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let owner = crate::helpers::another_key(&app, "stranger", "victim-owns-this").await;
    let (_, account) = app.get("/api/account/", &owner).await;
    assert_eq!(account["email_confirmed"], true, "{account}");
}

#[tokio::test]
async fn the_operator_confirms_an_address_and_an_account_without_one_is_refused() {
    let app = TestApp::spawn().await;
    let (_, ann) = app.register("ann").await;
    let (_, account) = app.get("/api/account/", &ann).await;
    assert_eq!(account["email_confirmed"], false, "{account}");
    // Without mail there is no link to send: the operator's word is the way.
    let (status, body) = app
        .post("/api/account/confirm-email/send/", &ann, json!({}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let said = crate::team_cli::done(&app, &["users", "confirm-email", "ann"]);
    assert!(said.contains("confirmed ann@example.org"), "{said}");
    let (_, account) = app.get("/api/account/", &ann).await;
    assert_eq!(account["email_confirmed"], true, "{account}");
    let out = crate::team_cli::natter(&app, &["users", "confirm-email", "nobody"], "");
    assert!(!out.status.success());
}
