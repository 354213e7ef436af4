//! Mail through the binary, against a real SMTP server (`mail_sink`: Python's aiosmtpd,
//! each mail read back by Python's MIME parser): a forgotten password end to end, the
//! same answer for an unknown account, invitations by mail, the mail about missed
//! mentions and direct messages (gathered, cancelled by reading, unsubscribed in one
//! click), STARTTLS with a certificate natter is told to trust, a relay that refuses
//! and recovers, and a kill -9 between queueing and sending.

use crate::helpers::*;
use crate::mail_sink::{MailSink, SinkOptions};
use crate::metrics::{free_port, scrape, value};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::time::Duration;

const FROM: &str = "Team chat <chat@example.org>";

/// natter sending through `sink`, with `extra` flags.
async fn natter_mailing(sink: &MailSink, extra: &[&str]) -> TestApp {
    let url = sink.url();
    let mut args = vec!["--rate-limits", "off", "--smtp", &url, "--mail-from", FROM];
    args.extend_from_slice(extra);
    TestApp::spawn_with(&args).await
}

/// Registers `name` with `email`; (id, `Token <key>`).
async fn person(app: &TestApp, name: &str, email: &str, display: &str) -> (i64, String) {
    let (id, auth) = app.register(name).await;
    let (status, body) = app
        .call(
            Method::PATCH,
            "/api/account/",
            Some(&auth),
            Some(json!({"email": email, "display_name": display})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    (id, auth)
}

/// The first `/reset/<token>` or `/join/<code>` link in a mail's text, and its last part.
fn link_in(mail: &Value, path: &str) -> (String, String) {
    let text = mail["text"].as_str().expect("a text part");
    let link = text
        .split_whitespace()
        .find(|w| w.starts_with("http") && w.contains(path))
        .unwrap_or_else(|| panic!("no {path} link in {text}"))
        .to_string();
    let last = link.rsplit('/').next().unwrap_or_default().to_string();
    (link, last)
}

fn header<'a>(mail: &'a Value, name: &str) -> Option<&'a str> {
    mail["headers"]
        .as_array()?
        .iter()
        .find(|h| h[0].as_str().is_some_and(|n| n.eq_ignore_ascii_case(name)))
        .and_then(|h| h[1].as_str())
}

#[tokio::test]
async fn a_forgotten_password_is_reset_by_the_mailed_link_and_ends_every_session() {
    let Some(sink) = MailSink::start_with_or_skip("forgot", SinkOptions::default()) else {
        return;
    };
    let app = natter_mailing(&sink, &[]).await;
    let (_, auth) = person(&app, "anna", "anna@example.org", "Анна Петрова").await;
    let mut socket = app.socket("/messages/ws/", &auth).await;
    let (_, reg) = app
        .call(Method::GET, "/api/registration/", None, None)
        .await;
    assert_eq!(reg["mail"], true, "{reg}");

    let ask = |login: &'static str| {
        let app = &app;
        async move {
            app.call(
                Method::POST,
                "/api/account/forgot/",
                None,
                Some(json!({"login": login})),
            )
            .await
        }
    };
    let (status, known) = ask("anna@example.org").await;
    assert_eq!(status, StatusCode::ACCEPTED, "{known}");
    let (status, unknown) = ask("nobody@example.org").await;
    assert_eq!(
        (status, &unknown),
        (StatusCode::ACCEPTED, &known),
        "the same answer"
    );
    let (status, by_name) = ask("ANNA").await;
    assert_eq!((status, &by_name), (StatusCode::ACCEPTED, &known));

    let mails = sink.until(1).await;
    // The second ask by name, within the minute, gets no second link.
    sink.assert_at_most_within(1, Duration::from_millis(1500))
        .await;
    let mail = &mails[0];
    assert_eq!(mail["rcpt_tos"], json!(["anna@example.org"]));
    assert_eq!(mail["subject"], "Set a new password for natter");
    assert!(
        mail["from"]
            .as_str()
            .unwrap_or("")
            .contains("chat@example.org"),
        "{mail}"
    );
    assert!(
        mail["text"]
            .as_str()
            .unwrap_or("")
            .starts_with("Hello Анна Петрова,"),
        "{mail}"
    );
    assert!(mail["html"].as_str().unwrap_or("").contains("Анна Петрова"));
    assert_eq!(header(mail, "Auto-Submitted"), Some("auto-generated"));
    assert!(header(mail, "Date").is_some() && header(mail, "Message-ID").is_some());
    assert!(mail["content_type"]
        .as_str()
        .unwrap_or("")
        .starts_with("multipart/alternative"));
    let (link, token) = link_in(mail, "/reset/");
    assert!(link.starts_with(&app.base), "{link}");

    let reset = json!({"token": token, "new_password": "battery-staple"});
    let (status, body) = app
        .call(
            Method::POST,
            "/api/account/reset/",
            None,
            Some(reset.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["username"], "anna");
    assert_eq!(close_code(&mut socket).await, Some(1008), "her sockets end");
    let (status, _) = app.get("/api/auth/me/", &auth).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "her keys end");
    let (status, _) = app
        .call(Method::POST, "/api/account/reset/", None, Some(reset))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a link works once");
    let (status, _) = app
        .call(
            Method::POST,
            "/api/auth/login/",
            None,
            Some(json!({"username": "anna", "password": "battery-staple"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn without_a_relay_nothing_is_mailed_and_asking_says_so() {
    let app = TestApp::spawn().await;
    let (_, reg) = app
        .call(Method::GET, "/api/registration/", None, None)
        .await;
    assert_eq!(reg["mail"], false, "{reg}");
    let (status, body) = app
        .call(
            Method::POST,
            "/api/account/forgot/",
            None,
            Some(json!({"login": "x"})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(
        body["detail"]
            .as_str()
            .unwrap_or("")
            .contains("sends no mail"),
        "{body}"
    );
    let (status, body) = app
        .call(Method::POST, "/api/account/forgot/", None, Some(json!({})))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}

#[tokio::test]
async fn an_invitation_is_mailed_to_each_address_and_admits_each() {
    let Some(sink) = MailSink::start_with_or_skip("invite", SinkOptions::default()) else {
        return;
    };
    let app = natter_mailing(&sink, &["--registration", "invite"]).await;
    let admin = crate::team_server::operator_admin(&app, "boss").await;
    let (status, bad) = app
        .post(
            "/api/admin/invitations/",
            &admin,
            json!({"emails": ["not an address"]}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
    assert!(bad["emails"].is_array(), "{bad}");
    let (status, made) = app
        .post(
            "/api/admin/invitations/",
            &admin,
            json!({"emails": ["kim@example.org", "lee@example.org", "KIM@example.org"]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    assert_eq!(
        made["mailed"],
        json!(["kim@example.org", "lee@example.org"])
    );
    assert_eq!(made["max_uses"], 2, "mailed to two, it admits two");
    let mails = sink.until(2).await;
    let mut to: Vec<String> = mails.iter().map(|m| m["rcpt_tos"][0].to_string()).collect();
    to.sort();
    assert_eq!(to, vec!["\"kim@example.org\"", "\"lee@example.org\""]);
    assert_eq!(mails[0]["subject"], "boss invites you to natter");
    let (_, code) = link_in(&mails[0], "/join/");
    assert_eq!(code, made["code"].as_str().unwrap_or_default());
}

#[tokio::test]
async fn missed_mentions_are_mailed_once_gathered_and_stop_with_one_click() {
    let Some(sink) = MailSink::start_with_or_skip("missed", SinkOptions::default()) else {
        return;
    };
    let app = natter_mailing(&sink, &["--missed-mail-delay", "1s"]).await;
    let (ann, ta) = person(&app, "ann", "ann@example.org", "Ann").await;
    let (_, tb) = person(&app, "bob", "bob@example.org", "Борис").await;
    let (status, room) = app
        .post("/api/rooms/", &ta, json!({"name": "ops <team>"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{room}");
    let room = room["id"].as_i64().expect("room");
    app.post(&format!("/api/rooms/{room}/join/"), &tb, json!({}))
        .await;
    let path = format!("/messages/api/chats/{room}/messages/");
    app.post(
        &path,
        &tb,
        json!({"content": "@ann look at <b>this</b> & that"}),
    )
    .await;
    app.post(&path, &tb, json!({"content": "no mention, not mailed"}))
        .await;
    let (status, _) = app
        .post(
            "/api/messages/",
            &tb,
            json!({"receiver": ann, "content": "привет, Ann"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);

    let mails = sink.until(1).await;
    let mail = &mails[0];
    assert_eq!(mail["rcpt_tos"], json!(["ann@example.org"]));
    assert_eq!(mail["subject"], "You missed 2 messages at natter");
    let text = mail["text"].as_str().unwrap_or("");
    assert!(text.contains("Борис in ops <team>"), "{text}");
    assert!(text.contains("@ann look at <b>this</b> & that"), "{text}");
    assert!(
        text.contains("Борис in a direct message") && text.contains("привет, Ann"),
        "{text}"
    );
    assert!(!text.contains("not mailed"), "{text}");
    let html = mail["html"].as_str().unwrap_or("");
    assert!(
        html.contains("&lt;b&gt;this&lt;/b&gt; &amp; that") && !html.contains("<b>this"),
        "{html}"
    );
    assert!(html.contains("ops &lt;team&gt;"), "{html}");
    assert_eq!(
        header(mail, "List-Unsubscribe-Post"),
        Some("List-Unsubscribe=One-Click")
    );
    let unsubscribe = header(mail, "List-Unsubscribe")
        .expect("List-Unsubscribe")
        .trim_matches(['<', '>'])
        .to_string();

    // Read at once, a new mention owes nothing: the delay passes with no second mail.
    app.post(&path, &tb, json!({"content": "@ann read this quickly"}))
        .await;
    app.post(
        &format!("/messages/api/chats/{room}/mark-as-read/"),
        &ta,
        json!({}),
    )
    .await;
    sink.assert_at_most_within(1, Duration::from_secs(8)).await;

    // The one-click unsubscribe: a mail program's POST, no session, no CSRF token.
    let forged = unsubscribe.replace("&t=", "&t=00");
    let answer = app.client.post(&forged).send().await.expect("post");
    assert_eq!(answer.status(), StatusCode::BAD_REQUEST);
    let page = app.client.get(&unsubscribe).send().await.expect("get");
    assert_eq!(
        page.status(),
        StatusCode::OK,
        "the page with its button changes nothing"
    );
    let (_, account) = app.get("/api/account/", &ta).await;
    assert_eq!(account["missed_mail"], true);
    let answer = app
        .client
        .post(&unsubscribe)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("post");
    assert_eq!(answer.status(), StatusCode::OK);
    let (_, account) = app.get("/api/account/", &ta).await;
    assert_eq!(account["missed_mail"], false);
    app.post(&path, &tb, json!({"content": "@ann after unsubscribing"}))
        .await;
    sink.assert_at_most_within(1, Duration::from_secs(8)).await;
}

#[tokio::test]
async fn a_relay_that_refuses_is_tried_again_and_a_killed_server_sends_once_after_restart() {
    let opts = SinkOptions {
        refuse_first: 1,
        ..SinkOptions::default()
    };
    let Some(sink) = MailSink::start_with_or_skip("retry", opts) else {
        return;
    };
    let metrics = format!("127.0.0.1:{}", free_port());
    let mut app = natter_mailing(&sink, &["--metrics-listen", &metrics]).await;
    person(&app, "ann", "ann@example.org", "").await;
    app.call(
        Method::POST,
        "/api/account/forgot/",
        None,
        Some(json!({"login": "ann"})),
    )
    .await;
    // The relay put the first attempt off (451): the mail waits its retry; natter dies.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while sink.refused() < 1 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "no attempt reached the relay"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let url = format!("http://{metrics}/metrics");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let text = scrape(&app, &url).await;
        if value(&text, r#"natter_mails_total{outcome="retried"}"#) >= 1.0 {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "{text}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    app.kill_and_restart();
    let mails = sink.until(1).await;
    sink.assert_at_most_within(1, Duration::from_secs(3)).await;
    assert_eq!(mails[0]["subject"], "Set a new password for natter");
}

#[tokio::test]
async fn starttls_with_a_trusted_certificate_and_a_password_from_a_file() {
    let opts = SinkOptions {
        starttls: true,
        auth: Some(("natter".into(), "s3cret-relay".into())),
        ..SinkOptions::default()
    };
    let Some(sink) = MailSink::start_with_or_skip("starttls", opts) else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let password = dir.path().join("smtp-password");
    std::fs::write(&password, "s3cret-relay\n").expect("write");
    let url = sink.url().replace("smtp://", "smtp://natter@");
    let ca = sink.ca_pem_path().to_string_lossy().to_string();
    let pw = password.to_string_lossy().to_string();
    let app = TestApp::spawn_with(&[
        "--smtp",
        &url,
        "--mail-from",
        FROM,
        "--smtp-ca-file",
        &ca,
        "--smtp-password-file",
        &pw,
    ])
    .await;
    person(&app, "ann", "ann@example.org", "").await;
    app.call(
        Method::POST,
        "/api/account/forgot/",
        None,
        Some(json!({"login": "ann"})),
    )
    .await;
    let mails = sink.until(1).await;
    assert_eq!(
        (&mails[0]["tls"], &mails[0]["auth_user"]),
        (&json!(true), &json!("natter"))
    );
    // Without the certificate natter trusts nothing there: the start-up check passes (the
    // relay is only reached later), and `mail-test` says why it failed.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_natter"))
        .args([
            "--smtp",
            &url,
            "--mail-from",
            FROM,
            "--smtp-password-file",
            &pw,
        ])
        .args(["mail-test", "--to", "ann@example.org"])
        .output()
        .expect("natter mail-test");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mail-test"), "{err}");
}

#[tokio::test]
async fn settings_that_cannot_mail_stop_the_start_with_a_sentence() {
    for (args, says) in [
        (vec!["--smtp", "smtp://relay.example.org"], "--mail-from"),
        (
            vec![
                "--smtp",
                "http://relay.example.org",
                "--mail-from",
                "a@b.org",
            ],
            "smtp://",
        ),
        (
            vec![
                "--smtp",
                "smtp://u:pw@relay.example.org",
                "--mail-from",
                "a@b.org",
            ],
            "password out of the URL",
        ),
        (
            vec![
                "--smtp",
                "smtp://u@relay.example.org",
                "--mail-from",
                "a@b.org",
            ],
            "no password",
        ),
        (vec!["--mail-from", "a@b.org"], "no --smtp"),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("n.db");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_natter"))
            .args(&args)
            .args(["--listen", "127.0.0.1:0", "--db"])
            .arg(&db)
            .env_remove("NATTER_SMTP_PASSWORD")
            .output()
            .expect("natter");
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!db.exists(), "nothing written: {args:?}");
    }
}
