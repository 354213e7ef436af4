//! Every answer natter's web client gets is in the language its `Content-Language` names:
//! for each of the five languages besides English, the forms' answers (a wrong sign-in,
//! a taken username, a wrong current password, a forgotten password, a server without
//! mail), a search with an operator written wrong, and a sweep of the errors natter's own
//! routes and the five apps' routes answer the web client, are asked for once in English
//! and once in that language. An answer labelled with a language may hold no sentence of
//! the English answer; the forms' answers and the sweep's must be labelled, so each
//! sentence of theirs is in the catalogs of all six languages.

use crate::helpers::*;
use crate::mail::{natter_mailing, person};
use crate::mail_sink::{MailSink, SinkOptions};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// The five languages besides English.
const LANGUAGES: [&str; 5] = ["de", "es", "pt-BR", "ja", "ar"];

/// One request as the web client makes it.
struct Asked {
    method: Method,
    path: String,
    auth: Option<String>,
    body: Option<Value>,
}

impl Asked {
    fn new(method: Method, path: &str, auth: Option<&str>, body: Option<Value>) -> Asked {
        Asked {
            method,
            path: path.to_string(),
            auth: auth.map(str::to_string),
            body,
        }
    }
}

/// What came back: the status, `Content-Language`, the body.
struct Answer {
    status: StatusCode,
    language: Option<String>,
    body: Value,
}

/// `asked` sent as the web client sends it, in `language`.
async fn send(app: &TestApp, asked: &Asked, language: &str) -> Answer {
    let mut request = app
        .client
        .request(asked.method.clone(), format!("{}{}", app.base, asked.path))
        .header("Accept-Language", language)
        .header("X-Natter-Client", "web");
    if let Some(auth) = &asked.auth {
        request = request.header("Authorization", auth);
    }
    if let Some(body) = &asked.body {
        request = request.json(body);
    }
    let answer = request.send().await.expect("request sent");
    let status = answer.status();
    let language = answer
        .headers()
        .get("content-language")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let text = answer.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Answer {
        status,
        language,
        body,
    }
}

/// Each sentence of an English `body` (a string with a space in it: codes such as
/// `not_found` have none) with where it stands, as a JSON pointer: `/detail`,
/// `/username/0`.
fn sentences(body: &Value, at: String, out: &mut Vec<(String, String)>) {
    match body {
        Value::String(text) if text.contains(char::is_whitespace) => {
            out.push((at, text.clone()));
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                sentences(item, format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                sentences(item, format!("{at}/{key}"), out);
            }
        }
        _ => {}
    }
}

/// Asks `asked` in English and in each language, and fails on an answer labelled with
/// a language that holds a sentence of the English one, or (`must`) on one not labelled
/// with the language asked for. Answers the English answer's status and body.
async fn check(app: &TestApp, what: &str, asked: &Asked, must: bool) -> (StatusCode, Value) {
    let english = send(app, asked, "en").await;
    assert_eq!(english.language, None, "{what}: English is not labelled");
    let mut in_english = Vec::new();
    sentences(&english.body, String::new(), &mut in_english);
    assert!(
        !must || !in_english.is_empty(),
        "{what}: no sentence to check: {}",
        english.body
    );
    for language in LANGUAGES {
        let answer = send(app, asked, language).await;
        assert_eq!(answer.status, english.status, "{what} in {language}");
        if must {
            assert_eq!(
                answer.language.as_deref(),
                Some(language),
                "{what}: not wholly in {language}: {}",
                answer.body
            );
        }
        let Some(labelled) = &answer.language else {
            continue;
        };
        assert_eq!(labelled, language, "{what}: labelled {labelled}");
        for (at, english_text) in &in_english {
            let text = answer.body.pointer(at).and_then(Value::as_str);
            assert!(
                text.is_some_and(|text| text != english_text),
                "{what}: {at} is English in an answer labelled {language}: {}",
                answer.body
            );
        }
    }
    (english.status, english.body)
}

#[tokio::test]
async fn every_answer_labelled_with_a_language_is_in_it() {
    let app = TestApp::spawn_with(&["--rate-limits", "off"]).await;
    let (_, alice) = app.register("alice").await;
    let (_, bob) = app.register("bob").await;
    let (status, chat) = app
        .post(
            "/messages/api/chats/",
            &alice,
            json!({"chat_type": "group", "name": "ops", "member_ids": []}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{chat}");
    let chat_id = chat["id"].as_i64().expect("chat id");
    let alice = Some(alice.as_str());

    // The forms' answers, and the search box's: each must be wholly in the language.
    let forms = [
        (
            "a wrong sign-in (the web client's)",
            Asked::new(
                Method::POST,
                "/accounts/login/",
                None,
                Some(json!({"username": "alice", "password": "wrong-horse"})),
            ),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "a wrong sign-in (the accounts surface's)",
            Asked::new(
                Method::POST,
                "/api/auth/login/",
                None,
                Some(json!({"username": "alice", "password": "wrong-horse"})),
            ),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "a username taken",
            Asked::new(
                Method::POST,
                "/api/auth/register/",
                None,
                Some(json!({"username": "alice", "email": "other@example.org",
                    "password": "correct-horse", "join_default_rooms": true})),
            ),
            StatusCode::BAD_REQUEST,
        ),
        (
            "an address taken, a password too short",
            Asked::new(
                Method::POST,
                "/api/auth/register/",
                None,
                Some(json!({"username": "carol", "email": "alice@example.org",
                    "password": "short"})),
            ),
            StatusCode::BAD_REQUEST,
        ),
        (
            "a wrong current password",
            Asked::new(
                Method::POST,
                "/api/account/password/",
                alice,
                Some(json!({"current_password": "wrong-horse",
                    "new_password": "another-horse"})),
            ),
            StatusCode::BAD_REQUEST,
        ),
        (
            "a forgotten password on a server without mail",
            Asked::new(
                Method::POST,
                "/api/account/forgot/",
                None,
                Some(json!({"login": "alice"})),
            ),
            StatusCode::BAD_REQUEST,
        ),
        (
            "has: with a value it does not take",
            Asked::new(
                Method::GET,
                "/messages/api/search/?q=has:nothing%20deploy",
                alice,
                None,
            ),
            StatusCode::BAD_REQUEST,
        ),
        (
            "is: with a value it does not take",
            Asked::new(
                Method::GET,
                "/messages/api/search/?q=is:unread",
                alice,
                None,
            ),
            StatusCode::BAD_REQUEST,
        ),
        (
            "a day that is none",
            Asked::new(
                Method::GET,
                "/messages/api/search/?q=before:2026-13-45%20deploy",
                alice,
                None,
            ),
            StatusCode::BAD_REQUEST,
        ),
        (
            "from: twice",
            Asked::new(
                Method::GET,
                "/messages/api/search/?q=from:@alice%20from:@bob",
                alice,
                None,
            ),
            StatusCode::BAD_REQUEST,
        ),
    ];
    for (what, asked, status) in &forms {
        let (got, body) = check(&app, what, asked, true).await;
        assert_eq!(got, *status, "{what}: {body}");
    }

    // Beyond the forms: the errors natter's own routes and the apps' routes answer the
    // web client, each wholly in the language asked for.
    let missing = 987_654;
    let sweep = [
        (
            "no credentials",
            Asked::new(Method::GET, "/api/account/", None, None),
        ),
        (
            "a key that is no key",
            Asked::new(
                Method::GET,
                "/api/account/",
                Some("Token 0123456789abcdef"),
                None,
            ),
        ),
        (
            "a chat that is not there",
            Asked::new(
                Method::GET,
                &format!("/messages/api/chats/{missing}/"),
                alice,
                None,
            ),
        ),
        (
            "a room that is not there",
            Asked::new(Method::GET, &format!("/api/rooms/{missing}/"), alice, None),
        ),
        (
            "a thread that is not there",
            Asked::new(
                Method::GET,
                &format!("/api/threads/{missing}/"),
                alice,
                None,
            ),
        ),
        (
            "a saved message that is not there",
            Asked::new(
                Method::GET,
                &format!("/messages/api/saved/{missing}/"),
                alice,
                None,
            ),
        ),
        (
            "a page that is none",
            Asked::new(Method::GET, "/messages/api/chats/?page=0", alice, None),
        ),
        (
            "a method the path does not take",
            Asked::new(Method::DELETE, "/api/registration/", None, None),
        ),
        (
            "an address that is none",
            Asked::new(
                Method::PATCH,
                "/api/account/",
                alice,
                Some(json!({"email": "nope"})),
            ),
        ),
        (
            "a language natter has no catalog for",
            Asked::new(
                Method::PUT,
                "/messages/api/me/language/",
                alice,
                Some(json!({"language": "fr"})),
            ),
        ),
        (
            "a new chat of a kind there is none of",
            Asked::new(
                Method::POST,
                "/messages/api/chats/",
                alice,
                Some(json!({"chat_type": "party", "member_ids": []})),
            ),
        ),
        (
            "an empty message",
            Asked::new(
                Method::POST,
                &format!("/messages/api/chats/{chat_id}/messages/"),
                alice,
                Some(json!({"content": ""})),
            ),
        ),
        (
            "a chat someone is not in",
            Asked::new(
                Method::GET,
                &format!("/messages/api/chats/{chat_id}/messages/"),
                Some(bob.as_str()),
                None,
            ),
        ),
        (
            "the administrators' list to someone who is none",
            Asked::new(Method::GET, "/api/admin/users/", Some(bob.as_str()), None),
        ),
        (
            "a room without its fields (the rooms surface)",
            Asked::new(Method::POST, "/api/rooms/", alice, Some(json!({}))),
        ),
        (
            "a chat without its fields (the chats surface)",
            Asked::new(Method::POST, "/api/chats/create/", alice, Some(json!({}))),
        ),
        (
            "an empty search",
            Asked::new(Method::GET, "/messages/api/search/?q=", alice, None),
        ),
    ];
    for (what, asked) in &sweep {
        let (status, body) = check(&app, what, asked, true).await;
        assert!(status.is_client_error(), "{what}: {status} {body}");
    }
}

#[tokio::test]
async fn the_forgotten_password_answer_is_in_the_language_asked_for() {
    let Some(sink) =
        MailSink::start_with_or_skip("forgotten password answer", SinkOptions::default())
    else {
        return;
    };
    let app = natter_mailing(&sink, &[]).await;
    person(&app, "anna", "anna@example.org", "Anna").await;
    let asked = Asked::new(
        Method::POST,
        "/api/account/forgot/",
        None,
        Some(json!({"login": "nobody-here"})),
    );
    let (status, body) = check(&app, "a forgotten password", &asked, true).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let german = send(&app, &asked, "de-DE,de;q=0.9").await;
    assert_eq!(
        german.body["detail"],
        "Wenn dieses Konto existiert und eine E-Mail-Adresse hat, ist eine E-Mail mit einem Link unterwegs."
    );
}
