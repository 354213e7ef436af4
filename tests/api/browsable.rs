//! DRF's browsable pages. A JSON endpoint asked for by a browser
//! (`Accept: text/html,...`) answers an HTML page with the answer pretty-printed, its
//! status and headers, links clickable and a form per allowed unsafe method, under the
//! web client's CSP; `?format=json` and `?format=api` force either; JSON clients (no
//! `Accept`, `*/*`, `application/json`) get the same bytes as ever. (The forms posting
//! through fetch in a real browser: tests/browser/browsable.mjs.)

use crate::helpers::*;
use reqwest::Method;
use serde_json::{json, Value};

/// What Chromium sends when it navigates.
const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

/// One answer, its body as text.
struct Got {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: String,
}

impl Got {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Every `Vary` token.
    fn vary(&self) -> Vec<String> {
        vary_tokens(&self.headers)
    }

    fn is_page(&self) -> bool {
        self.header("content-type") == Some("text/html; charset=utf-8")
    }
}

/// `method path` with exactly `headers` and an optional JSON body.
async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<Value>,
) -> Got {
    let mut request = app.client.request(method, format!("{}{path}", app.base));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let answer = request.send().await.expect("an answer");
    let status = answer.status().as_u16();
    let headers = answer.headers().clone();
    let body = answer.text().await.expect("body");
    Got {
        status,
        headers,
        body,
    }
}

/// A GET as a browser signed in with `session` sends it.
async fn browse(app: &TestApp, path: &str, session: &Session) -> Got {
    let cookie = session.cookie();
    send(
        app,
        Method::GET,
        path,
        &[("Accept", BROWSER), ("Cookie", &cookie)],
        None,
    )
    .await
}

/// The page holds no script but from a file and no inline style (the CSP would block
/// them): in every tag (text is escaped, so every `<` starts one), a `<script` has a
/// `src`, and there is no `<style`, no `style=` attribute and no `on...=` handler.
fn assert_no_inline_code(page: &str) {
    for (at, _) in page.match_indices('<') {
        let rest = &page[at + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let tag = &rest[..rest.find('>').expect("tag ends")];
        let lower = tag.to_ascii_lowercase();
        if lower.starts_with("script") {
            assert!(lower.contains(" src=\"/static/"), "inline script: <{tag}>");
        }
        assert!(!lower.starts_with("style"), "a <style> element");
        for word in lower.split_whitespace().skip(1) {
            assert!(!word.starts_with("style="), "a style attribute: <{tag}>");
            assert!(
                !(word.starts_with("on") && word.contains('=')),
                "an inline handler: <{tag}>"
            );
        }
    }
}

/// The security headers `http::reply::page_headers` puts on the web client's page.
fn assert_page_headers(got: &Got) {
    let csp = got.header("content-security-policy").expect("a CSP");
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(csp.contains("style-src 'self'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(got.header("x-frame-options"), Some("DENY"));
    assert_eq!(got.header("referrer-policy"), Some("same-origin"));
    assert_eq!(got.header("x-content-type-options"), Some("nosniff"));
    assert!(
        got.vary().contains(&"accept".to_string()),
        "{:?}",
        got.vary()
    );
}

#[tokio::test]
async fn a_browser_gets_the_page_with_the_answer_links_and_a_form_per_unsafe_method() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (bob, _) = app.register("bob").await;
    let session = login(&app, "alice").await;
    let hostile = "<img src=x onerror=alert(1)> & 'quotes' \"too\"";
    let mut ids = Vec::new();
    for title in [hostile, "second"] {
        let (status, chat) = app
            .post(
                "/messages/api/chats/",
                &ta,
                json!({"chat_type": "group", "title": title, "member_ids": [bob]}),
            )
            .await;
        assert_eq!(status, 201, "{chat}");
        ids.push(chat["id"].as_i64().expect("id"));
    }

    // A list: one page of one, so the answer carries an absolute `next` URL.
    let list = browse(&app, "/messages/api/chats/?page_size=1", &session).await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert!(list.is_page(), "{:?}", list.headers);
    assert_page_headers(&list);
    assert_no_inline_code(&list.body);
    let page = &list.body;
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert!(page.contains("<h1>Chat List</h1>"), "{page}");
    assert!(
        page.contains("<b>GET</b> /messages/api/chats/?page_size=1</pre>"),
        "{page}"
    );
    assert!(page.contains("<b>HTTP 200 OK</b>"), "{page}");
    for shown in [
        "<b>Allow:</b> <span class=\"lit\">GET, POST, HEAD, OPTIONS</span>",
        "<b>Content-Type:</b> <span class=\"lit\">application/json</span>",
        "<b>Vary:</b> <span class=\"lit\">Accept</span>",
    ] {
        assert!(page.contains(shown), "{shown} in {page}");
    }
    // Pretty-printed at four spaces, as DRF's page; the next page a link.
    assert!(
        page.contains("{\n    <span class=\"key\">&quot;count&quot;</span>: 2,\n"),
        "{page}"
    );
    let next = format!("{}/messages/api/chats/?page_size=1&amp;page=2", app.base);
    assert!(
        page.contains(&format!(
            "&quot;<a href=\"{next}\" rel=\"nofollow\">{next}</a>&quot;"
        )),
        "{page}"
    );
    // Only POST is unsafe here: one form, DRF's "Raw data".
    assert!(page.contains("data-method=\"POST\""), "{page}");
    assert!(page.contains("<legend>POST: Raw data</legend>"), "{page}");
    assert!(page.contains("name=\"_content\""), "{page}");
    for absent in ["PUT", "PATCH", "DELETE"] {
        assert!(
            !page.contains(&format!("data-method=\"{absent}\"")),
            "{absent}"
        );
    }
    assert!(page.contains("href=\"/messages/api/chats/?page_size=1&amp;format=json\""));

    // An item: PUT, PATCH and DELETE; PUT and PATCH start from the object, escaped.
    let first = ids[0];
    let item = browse(&app, &format!("/messages/api/chats/{first}/"), &session).await;
    assert_eq!(item.status, 200, "{}", item.body);
    assert!(item.is_page());
    assert_no_inline_code(&item.body);
    let page = &item.body;
    assert!(page.contains("<h1>Chat Instance</h1>"), "{page}");
    assert!(
        page.contains("GET, PUT, PATCH, DELETE, HEAD, OPTIONS"),
        "{page}"
    );
    for method in ["PUT", "PATCH", "DELETE"] {
        assert!(
            page.contains(&format!("data-method=\"{method}\"")),
            "{method}"
        );
    }
    assert!(!page.contains("data-method=\"POST\""));
    assert!(!page.contains("<img"), "the title is text, not markup");
    assert!(
        page.contains(
            "&lt;img src=x onerror=alert(1)&gt; &amp; &#x27;quotes&#x27; \\&quot;too\\&quot;"
        ),
        "{page}"
    );
    // The textarea holds the object's JSON, escaped.
    assert!(
        page.contains("&quot;title&quot;: &quot;&lt;img src=x onerror=alert(1)&gt; &amp; &#x27;quotes&#x27; \\&quot;too\\&quot;&quot;"),
        "{page}"
    );

    // The page's script and style are the binary's own files.
    for (path, kind) in [
        ("/static/browsable.js", "text/javascript"),
        ("/static/browsable.css", "text/css"),
    ] {
        let file = send(&app, Method::GET, path, &[("Accept", "*/*")], None).await;
        assert_eq!(file.status, 200, "{path}");
        assert!(
            file.header("content-type")
                .is_some_and(|t| t.starts_with(kind)),
            "{path}: {:?}",
            file.header("content-type")
        );
    }
}

#[tokio::test]
async fn format_json_and_format_api_force_either_whatever_accept_says() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let session = login(&app, "alice").await;
    let plain = send(
        &app,
        Method::GET,
        "/messages/api/chats/",
        &[("Authorization", &ta)],
        None,
    )
    .await;

    let cookie = session.cookie();
    let forced_json = send(
        &app,
        Method::GET,
        "/messages/api/chats/?format=json",
        &[("Accept", BROWSER), ("Cookie", &cookie)],
        None,
    )
    .await;
    assert_eq!(forced_json.status, 200);
    assert_eq!(forced_json.header("content-type"), Some("application/json"));
    assert_eq!(forced_json.body, plain.body);
    assert!(
        !forced_json.vary().contains(&"accept".to_string()),
        "the same for every Accept: {:?}",
        forced_json.vary()
    );

    for accept in [None, Some("application/json"), Some("*/*")] {
        let mut headers = vec![("Authorization", ta.as_str())];
        if let Some(accept) = accept {
            headers.push(("Accept", accept));
        }
        let page = send(
            &app,
            Method::GET,
            "/messages/api/chats/?format=api",
            &headers,
            None,
        )
        .await;
        assert_eq!(page.status, 200, "{accept:?}");
        assert!(page.is_page(), "{accept:?}: {:?}", page.headers);
        assert_page_headers(&page);
        assert!(page
            .body
            .contains("<b>GET</b> /messages/api/chats/?format=api"));
        assert!(page
            .body
            .contains("<span class=\"key\">&quot;results&quot;</span>: []"));
    }
}

#[tokio::test]
async fn json_clients_get_the_same_bytes_as_before() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (bob, _) = app.register("bob").await;
    let (status, _) = app
        .post(
            "/messages/api/chats/",
            &ta,
            json!({"chat_type": "group", "title": "team", "member_ids": [bob]}),
        )
        .await;
    assert_eq!(status, 201);
    // Fixed answers, byte for byte as they were before the pages existed.
    let known = [
        (
            "/api/registration/",
            None,
            200,
            r#"{"mode":"open","mail":false,"first_admin_pending":false}"#,
        ),
        ("/api/nothing/", None, 404, r#"{"detail":"Not found."}"#),
        (
            "/messages/api/chats/",
            None,
            401,
            r#"{"detail":"Authentication credentials were not provided."}"#,
        ),
        (
            "/messages/api/chats/999/",
            Some(ta.as_str()),
            404,
            r#"{"detail":"Not found."}"#,
        ),
    ];
    for (path, auth, status, bytes) in known {
        for accept in [
            None,
            Some("application/json"),
            Some("*/*"),
            Some("application/json, text/html"),
            Some("text/html;q=0.5, application/json"),
            Some("text/plain"),
        ] {
            let mut headers = Vec::new();
            if let Some(auth) = auth {
                headers.push(("Authorization", auth));
            }
            if let Some(accept) = accept {
                headers.push(("Accept", accept));
            }
            let got = send(&app, Method::GET, path, &headers, None).await;
            assert_eq!(got.status, status, "{path} {accept:?}");
            assert_eq!(got.body, bytes, "{path} {accept:?}");
            assert_eq!(got.header("content-type"), Some("application/json"));
            assert_eq!(got.header("content-security-policy"), None);
            // The JSON says it varies by Accept (see `api::browsable::apply`).
            assert!(
                got.vary().contains(&"accept".to_string()),
                "{path} {accept:?}"
            );
        }
    }
    // A list, and a write, are the same for every JSON client.
    let list = |accept: Option<&'static str>| {
        let app = &app;
        let ta = ta.clone();
        async move {
            let mut headers = vec![("Authorization", ta.as_str())];
            if let Some(accept) = accept {
                headers.push(("Accept", accept));
            }
            send(app, Method::GET, "/messages/api/chats/", &headers, None).await
        }
    };
    let none = list(None).await;
    let json = list(Some("application/json")).await;
    assert_eq!(none.body, json.body);
    assert_eq!(none.headers, json.headers, "the same headers too");
    let body: Value = serde_json::from_str(&none.body).expect("JSON");
    assert_eq!(body["count"], 1, "{body}");
    let made = send(
        &app,
        Method::POST,
        "/messages/api/chats/",
        &[("Authorization", &ta), ("Accept", "application/json")],
        Some(json!({"chat_type": "group", "title": "more", "member_ids": [bob]})),
    )
    .await;
    assert_eq!(made.status, 201, "{}", made.body);
    assert_eq!(made.header("content-type"), Some("application/json"));
    let made: Value = serde_json::from_str(&made.body).expect("JSON");
    assert_eq!(made["title"], "more");
}

#[tokio::test]
async fn errors_asked_for_by_a_browser_come_as_pages() {
    let app = TestApp::spawn().await;
    app.register("alice").await;
    let session = login(&app, "alice").await;

    // A missing chat: the 404's body on the page, with the route's forms.
    let missing = browse(&app, "/messages/api/chats/999/", &session).await;
    assert_eq!(missing.status, 404);
    assert!(missing.is_page());
    assert_page_headers(&missing);
    assert_no_inline_code(&missing.body);
    assert!(
        missing.body.contains("<b>HTTP 404 Not Found</b>"),
        "{}",
        missing.body
    );
    assert!(missing
        .body
        .contains("<span class=\"key\">&quot;detail&quot;</span>: <span class=\"str\">&quot;Not found.&quot;</span>"));

    // A path nothing serves: the page, without an `Allow` or forms.
    let nowhere = browse(&app, "/api/nothing/", &session).await;
    assert_eq!(nowhere.status, 404);
    assert!(nowhere.is_page());
    assert!(!nowhere.body.contains("Allow:"), "{}", nowhere.body);
    assert!(!nowhere.body.contains("<form"));

    // Nobody signed in: the 401 with its challenge shown, and no forms (DRF shows none
    // to a caller its permissions refuse).
    let anonymous = send(
        &app,
        Method::GET,
        "/messages/api/chats/",
        &[("Accept", BROWSER)],
        None,
    )
    .await;
    assert_eq!(anonymous.status, 401);
    assert!(anonymous.is_page());
    assert!(anonymous.body.contains("<b>HTTP 401 Unauthorized</b>"));
    assert!(anonymous
        .body
        .contains("Authentication credentials were not provided."));
    assert!(!anonymous.body.contains("<form"), "{}", anonymous.body);
    assert!(anonymous.header("www-authenticate").is_some());

    // A 405 (GET on a POST-only route) shows the POST form, as DRF's login page does.
    let wrong = browse(&app, "/api/auth/login/", &session).await;
    assert_eq!(wrong.status, 405);
    assert!(wrong.is_page());
    assert!(wrong.body.contains("<b>HTTP 405 Method Not Allowed</b>"));
    assert!(wrong.body.contains("data-method=\"POST\""));
    assert_eq!(wrong.header("allow"), Some("POST, OPTIONS"));
}

#[tokio::test]
async fn what_is_not_a_json_answer_of_the_api_stays_as_it_is() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let session = login(&app, "alice").await;
    let cookie = session.cookie();
    let as_browser = [("Accept", BROWSER), ("Cookie", cookie.as_str())];

    // The web client's page and files.
    let index = send(&app, Method::GET, "/", &as_browser, None).await;
    assert_eq!(index.status, 200);
    assert!(index.body.contains("/static/js/main.js"), "the web client");
    let css = send(&app, Method::GET, "/static/app.css", &as_browser, None).await;
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
    let health = send(&app, Method::GET, "/healthz", &as_browser, None).await;
    assert_eq!(health.body, "ok");

    // Slack-style hooks answer text.
    let hook = send(&app, Method::GET, "/hooks/nothing", &as_browser, None).await;
    assert!(
        hook.header("content-type")
            .unwrap()
            .starts_with("text/plain"),
        "{:?}",
        hook.headers
    );

    // A socket path asked without an upgrade.
    let socket = send(&app, Method::GET, "/messages/ws/", &as_browser, None).await;
    assert!(!socket.is_page(), "{} {:?}", socket.status, socket.headers);

    // OPTIONS is DRF's metadata for tools, JSON for everyone.
    let options = send(
        &app,
        Method::OPTIONS,
        "/messages/api/chats/",
        &as_browser,
        None,
    )
    .await;
    assert_eq!(options.status, 200);
    assert_eq!(options.header("content-type"), Some("application/json"));
    assert!(options.vary().is_empty(), "{:?}", options.vary());

    // A downloaded file whose type is JSON is the file, not a page of it.
    let (status, file) = upload(
        &app,
        &ta,
        "data.json",
        "application/json",
        br#"{"a": 1}"#.to_vec(),
    )
    .await;
    assert_eq!(status, 201, "{file}");
    let id = file["id"].as_i64().expect("file id");
    let download = send(
        &app,
        Method::GET,
        &format!("/api/files/{id}/download/"),
        &[("Accept", BROWSER), ("Authorization", &ta)],
        None,
    )
    .await;
    assert_eq!(download.status, 200);
    assert_eq!(download.body, r#"{"a": 1}"#);
    assert!(!download.is_page());
}
