//! Languages through the binary: natter's own routes word an error's `detail` in the
//! language `Accept-Language` asks for, while the same request on a seed's route (the
//! chats surface's included) answers exactly as without the header, unless natter's own
//! web client names itself; the language a person chooses is kept
//! on the account (`/messages/api/me/language/`), refused when natter has no catalog for
//! it, and carried by the personal export; a German account's mail, against a real
//! SMTP server (aiosmtpd), is German; and the web client's page is served in the
//! browser's language (its `lang`, right to left for Arabic, its one sentence).

use crate::helpers::*;
use crate::mail::{natter_mailing, person};
use crate::mail_sink::{MailSink, SinkOptions};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::io::Read;

/// `GET path` with `Authorization` and, when given, `Accept-Language`: (status, the
/// `Content-Language` header, the body).
async fn get_in(
    app: &TestApp,
    path: &str,
    auth: &str,
    language: Option<&str>,
) -> (StatusCode, Option<String>, Value) {
    let headers: Vec<(&str, &str)> = language
        .map(|l| ("Accept-Language", l))
        .into_iter()
        .collect();
    get_with(app, path, auth, &headers).await
}

/// `GET path` with `Authorization` and `headers`: (status, the `Content-Language` header,
/// the body).
async fn get_with(
    app: &TestApp,
    path: &str,
    auth: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, Option<String>, Value) {
    let mut request = app
        .client
        .get(format!("{}{path}", app.base))
        .header("Authorization", auth);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let answer = request.send().await.expect("request sent");
    let status = answer.status();
    let content_language = answer
        .headers()
        .get("content-language")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let text = answer.text().await.unwrap_or_default();
    (
        status,
        content_language,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

#[tokio::test]
async fn natters_own_api_answers_in_the_language_asked_for_and_the_seeds_stay_english() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.register("alice").await;

    // natter's own routes: beside the chats surface, and its threads.
    for missing in ["/messages/api/saved/987654/", "/api/threads/987654/"] {
        let (status, language, english) = get_in(&app, missing, &alice, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
        assert_eq!(english, json!({"detail": "Not found."}), "{missing}");
        assert_eq!(language, None);

        let (status, language, german) =
            get_in(&app, missing, &alice, Some("de-DE,de;q=0.9,en;q=0.8")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(german, json!({"detail": "Nicht gefunden."}), "{missing}");
        assert_eq!(language.as_deref(), Some("de"));

        let (_, _, japanese) = get_in(&app, missing, &alice, Some("ja")).await;
        assert_eq!(japanese, json!({"detail": "見つかりません。"}));
        // A language natter has no catalog for, or English asked for: English, as always.
        for asked in ["fr-FR", "en-GB,de;q=0.5", "*"] {
            let (_, language, body) = get_in(&app, missing, &alice, Some(asked)).await;
            assert_eq!(body, english, "{asked}");
            assert_eq!(language, None, "{asked}");
        }
    }

    // The five apps' own answers never change with the header, the chats surface's
    // included (a browser-based client of it sends its browser's languages).
    for seed in [
        "/messages/api/chats/987654/",
        "/messages/api/messages/987654/",
        "/api/rooms/987654/",
        "/api/chats/987654/",
        "/api/messages/987654/",
    ] {
        let (plain_status, _, plain) = get_in(&app, seed, &alice, None).await;
        let (status, language, asked) = get_in(&app, seed, &alice, Some("de")).await;
        assert_eq!((status, &asked), (plain_status, &plain), "{seed}");
        assert_eq!(language, None, "{seed}");
        assert!(
            plain_status.is_client_error(),
            "{seed}: {plain_status} {plain}"
        );
    }
    // natter's own web client, which names itself, gets a seed route's words in its
    // language too.
    let (status, language, german) = get_with(
        &app,
        "/messages/api/chats/987654/",
        &alice,
        &[("Accept-Language", "de"), ("X-Natter-Client", "web")],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(german, json!({"detail": "Nicht gefunden."}));
    assert_eq!(language.as_deref(), Some("de"));
    // Nor does the sign-in of the accounts surface, whose wording clients compare.
    let login = |language: &'static str| {
        let app = &app;
        async move {
            let answer = app
                .client
                .post(format!("{}/api/auth/login/", app.base))
                .header("Accept-Language", language)
                .json(&json!({"username": "alice", "password": "wrong"}))
                .send()
                .await
                .expect("login sent");
            (answer.status(), answer.text().await.unwrap_or_default())
        }
    };
    assert_eq!(login("de").await, login("en").await);
}

#[tokio::test]
async fn the_chosen_language_is_kept_on_the_account_refused_when_unknown_and_exported() {
    let app = TestApp::spawn().await;
    let (_, ann) = app.register("ann").await;
    let path = "/messages/api/me/language/";

    let (status, body) = app.get(path, &ann).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["language"], Value::Null);
    assert_eq!(
        body["available"],
        json!(["en", "de", "es", "pt-BR", "ja", "ar"])
    );

    let (status, body) = app
        .call(
            Method::PUT,
            path,
            Some(&ann),
            Some(json!({"language": "pt-br"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["language"], "pt-BR");
    let (_, body) = app.get(path, &ann).await;
    assert_eq!(body["language"], "pt-BR");

    for bad in [json!({"language": "fr"}), json!({"language": 7}), json!({})] {
        let (status, body) = app
            .call(Method::PATCH, path, Some(&ann), Some(bad.clone()))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        assert!(body["details"]["language"].is_array(), "{bad}: {body}");
    }
    let (_, body) = app.get(path, &ann).await;
    assert_eq!(
        body["language"], "pt-BR",
        "a refused choice changes nothing"
    );

    // Someone else's choice is not this account's.
    let (_, bob) = app.register("bob").await;
    let (_, body) = app.get(path, &bob).await;
    assert_eq!(body["language"], Value::Null);
    let (status, _) = app.call(Method::GET, path, None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let answer = app
        .client
        .get(format!("{}/api/account/export/", app.base))
        .header("Authorization", &ann)
        .send()
        .await
        .expect("export");
    assert_eq!(answer.status(), 200);
    let bytes = answer.bytes().await.expect("bytes");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
    let mut text = String::new();
    zip.by_name("account.json")
        .expect("account.json")
        .read_to_string(&mut text)
        .expect("UTF-8");
    let account: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(account["language"], "pt-BR", "{account}");

    let (status, body) = app
        .call(
            Method::PUT,
            path,
            Some(&ann),
            Some(json!({"language": null})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["language"], Value::Null);
}

/// `login` (signed in as `auth`) chooses `language` on the account, then asks for a
/// password reset mail, which is written in it.
async fn choose_and_forget(app: &TestApp, auth: &str, login: &str, language: &str) {
    let (status, body) = app
        .call(
            Method::PUT,
            "/messages/api/me/language/",
            Some(auth),
            Some(json!({ "language": language })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = app
        .call(
            Method::POST,
            "/api/account/forgot/",
            None,
            Some(json!({ "login": login })),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
}

#[tokio::test]
async fn a_german_account_is_mailed_in_german() {
    let Some(sink) = MailSink::start_with_or_skip("german", SinkOptions::default()) else {
        return;
    };
    let app = natter_mailing(&sink, &[]).await;
    let (_, auth) = person(&app, "anna", "anna@example.org", "Anna Schmidt").await;
    choose_and_forget(&app, &auth, "anna", "de").await;
    let mails = sink.until(1).await;
    let mail = &mails[0];
    assert_eq!(
        mail["subject"], "Neues Passwort für natter festlegen",
        "{mail}"
    );
    let text = mail["text"].as_str().unwrap_or_default();
    assert!(text.starts_with("Hallo Anna Schmidt,"), "{text}");
    assert!(text.contains("innerhalb von 24 Stunden"), "{text}");
    assert!(text.contains("/reset/"), "{text}");
    let html = mail["html"].as_str().unwrap_or_default();
    assert!(
        html.contains("Hallo Anna Schmidt,") && html.contains("href="),
        "{html}"
    );
    // Its HTML part is tagged German, for a screen reader's voice.
    assert!(html.contains("<html lang=\"de\" dir=\"ltr\">"), "{html}");

    // An Arabic account's mail is laid out right to left.
    let (_, auth) = person(&app, "amal", "amal@example.org", "Amal").await;
    choose_and_forget(&app, &auth, "amal", "ar").await;
    let mails = sink.until(2).await;
    let html = mails[1]["html"].as_str().unwrap_or_default();
    assert!(
        html.contains("<html lang=\"ar\" dir=\"rtl\">") && html.contains("<body dir=\"rtl\""),
        "{html}"
    );
}

#[tokio::test]
async fn the_page_is_served_in_the_browsers_language_right_to_left_for_arabic() {
    let app = TestApp::spawn().await;
    let page_in = |language: Option<&'static str>| {
        let mut request = app.client.get(format!("{}/", app.base));
        if let Some(language) = language {
            request = request.header("Accept-Language", language);
        }
        async move {
            let answer = request.send().await.expect("request sent");
            let header = |name: &str| {
                answer
                    .headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("")
                    .to_string()
            };
            let (vary, content_language, link) =
                (header("vary"), header("content-language"), header("link"));
            assert_eq!(answer.status(), StatusCode::OK);
            let text = answer.text().await.expect("the page");
            (vary, content_language, link, text)
        }
    };
    for (asked, lang, html, sentence) in [
        (
            None,
            "en",
            "<html lang=\"en\">",
            "natter needs JavaScript to run in the browser.",
        ),
        (
            Some("de-AT,de;q=0.9,en;q=0.5"),
            "de",
            "<html lang=\"de\">",
            "natter braucht JavaScript, um im Browser zu laufen.",
        ),
        (
            Some("ar-EG"),
            "ar",
            "<html lang=\"ar\" dir=\"rtl\">",
            "يحتاج natter إلى JavaScript ليعمل في المتصفح.",
        ),
        (
            Some("pt"),
            "pt-BR",
            "<html lang=\"pt-BR\">",
            "O natter precisa de JavaScript para funcionar no navegador.",
        ),
        (
            Some("fr-FR"),
            "en",
            "<html lang=\"en\">",
            "natter needs JavaScript to run in the browser.",
        ),
    ] {
        let (vary, content_language, link, text) = page_in(asked).await;
        assert!(
            text.contains(html),
            "{asked:?}: {}",
            &text[..200.min(text.len())]
        );
        assert!(
            text.contains(&format!("<p class=\"boot\">{sentence}</p>")),
            "{asked:?}"
        );
        assert_eq!(content_language, lang, "{asked:?}");
        assert!(
            link.contains(&format!("/static/locales/{lang}.ftl?v=")),
            "{asked:?}: {link}"
        );
        assert!(
            vary.to_ascii_lowercase().contains("accept-language"),
            "{asked:?}: {vary}"
        );
    }
}
