//! The web client's files carry a strong validator (304 on a match)
//! and, named by their content (`?v=`), are immutable; text files and large JSON answers
//! come compressed in the encoding the client accepts, and not at all when it accepts
//! none. (HTTP/2 over TLS: `proxies_and_tls`.)

use crate::helpers::*;
use reqwest::header::{ACCEPT_ENCODING, IF_NONE_MATCH};
use serde_json::{json, Value};
use std::time::Duration;

async fn get(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(format!("{}{path}", app.base));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("an answer")
}

fn header(answer: &reqwest::Response, name: &str) -> Option<String> {
    answer
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

#[tokio::test]
async fn files_are_revalidated_by_etag_and_immutable_when_named_by_content() {
    let app = TestApp::spawn().await;
    for path in ["/", "/static/js/main.js", "/static/app.css", "/sw.js"] {
        let first = get(&app, path, &[]).await;
        assert_eq!(first.status(), 200, "{path}");
        assert_eq!(header(&first, "cache-control").as_deref(), Some("no-cache"));
        let etag = header(&first, "etag").expect("an ETag");
        assert!(
            etag.starts_with('"') && etag.len() == 66,
            "a strong sha256 tag: {etag}"
        );
        let again = get(&app, path, &[(IF_NONE_MATCH.as_str(), &etag)]).await;
        assert_eq!(again.status(), 304, "{path}");
        assert_eq!(header(&again, "etag").as_deref(), Some(etag.as_str()));
        assert!(again.bytes().await.expect("body").is_empty());
        let changed = get(&app, path, &[(IF_NONE_MATCH.as_str(), "\"0000\"")]).await;
        assert_eq!(changed.status(), 200, "another tag is not a match");
    }
    let main = get(&app, "/static/js/main.js", &[]).await;
    let etag = header(&main, "etag").expect("tag");
    let version = &etag[1..13];
    let named = get(&app, &format!("/static/js/main.js?v={version}"), &[]).await;
    assert_eq!(named.status(), 200);
    assert_eq!(
        header(&named, "cache-control").as_deref(),
        Some("public, max-age=31536000, immutable")
    );
    let stale = get(&app, "/static/js/main.js?v=0123456789ab", &[]).await;
    assert_eq!(
        stale.status(),
        404,
        "a version that is not this content's is not served as it"
    );
}

#[tokio::test]
async fn text_files_come_compressed_as_the_client_accepts_and_plain_otherwise() {
    let app = TestApp::spawn().await;
    let plain = get(&app, "/static/js/main.js", &[]).await;
    assert_eq!(header(&plain, "content-encoding"), None);
    assert_eq!(header(&plain, "vary").as_deref(), Some("accept-encoding"));
    let plain = plain.bytes().await.expect("body").to_vec();
    // The compressed forms are made in the background at start: wait for them.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let br = loop {
        let answer = get(
            &app,
            "/static/js/main.js",
            &[(ACCEPT_ENCODING.as_str(), "gzip, deflate, br")],
        )
        .await;
        if header(&answer, "content-encoding").as_deref() == Some("br") {
            break answer;
        }
        assert!(tokio::time::Instant::now() < deadline, "never compressed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let tag = header(&br, "etag").expect("tag");
    assert!(tag.ends_with("-br\""), "one tag per form: {tag}");
    let packed = br.bytes().await.expect("body");
    assert!(
        packed.len() < plain.len() / 2,
        "{} of {}",
        packed.len(),
        plain.len()
    );
    assert_eq!(unbrotli(&packed), plain);
    let gz = get(
        &app,
        "/static/app.css",
        &[(ACCEPT_ENCODING.as_str(), "gzip")],
    )
    .await;
    assert_eq!(header(&gz, "content-encoding").as_deref(), Some("gzip"));
    let css = get(&app, "/static/app.css", &[])
        .await
        .bytes()
        .await
        .expect("css");
    assert_eq!(ungzip(&gz.bytes().await.expect("body")), css);
    for refused in ["identity", "br;q=0, gzip;q=0", "deflate"] {
        let answer = get(
            &app,
            "/static/app.css",
            &[(ACCEPT_ENCODING.as_str(), refused)],
        )
        .await;
        assert_eq!(header(&answer, "content-encoding"), None, "{refused}");
    }
    // A language's catalog is text too: the largest file of the first screen.
    let catalog = get(
        &app,
        "/static/locales/ar.ftl",
        &[(ACCEPT_ENCODING.as_str(), "gzip")],
    )
    .await;
    assert_eq!(
        header(&catalog, "content-encoding").as_deref(),
        Some("gzip")
    );
    assert_eq!(
        header(&catalog, "content-type").as_deref(),
        Some("text/plain; charset=utf-8")
    );
    let words = ungzip(&catalog.bytes().await.expect("body"));
    assert!(String::from_utf8_lossy(&words).contains("pins-pinned-messages ="));
    // Images are compressed already: sent as they are.
    let png = get(
        &app,
        "/static/icons/natter-192.png",
        &[(ACCEPT_ENCODING.as_str(), "br")],
    )
    .await;
    assert_eq!(png.status(), 200);
    assert_eq!(header(&png, "content-encoding"), None);
}

#[tokio::test]
async fn large_json_answers_are_compressed_and_small_ones_are_not() {
    let app = TestApp::spawn().await;
    let (bob, ta) = {
        let (_, ta) = app.register("alice").await;
        let (bob, _) = app.register("bob").await;
        (bob, ta)
    };
    let g = crate::chats::group(&app, &ta, "long", &[bob]).await;
    for n in 0..60 {
        let text = format!("line {n} of a conversation long enough to compress");
        crate::chats::send(&app, &ta, g, &text).await;
    }
    let path = format!("/messages/api/chats/{g}/messages/");
    let call = |encoding: &'static str| {
        let app = &app;
        let path = path.clone();
        let ta = ta.clone();
        async move {
            reqwest::Client::new()
                .get(format!("{}{path}", app.base))
                .header("Authorization", ta)
                .header(ACCEPT_ENCODING, encoding)
                .send()
                .await
                .expect("answer")
        }
    };
    let plain = call("identity").await;
    assert_eq!(header(&plain, "content-encoding"), None);
    // Beside `Accept` (JSON or the browsable page).
    assert_eq!(vary_tokens(plain.headers()), ["accept", "accept-encoding"]);
    let plain: Value = plain.json().await.expect("JSON");
    let gz = call("gzip").await;
    assert_eq!(header(&gz, "content-encoding").as_deref(), Some("gzip"));
    let unpacked: Value =
        serde_json::from_slice(&ungzip(&gz.bytes().await.expect("body"))).expect("JSON");
    assert_eq!(unpacked, plain);
    let br = call("br").await;
    assert_eq!(header(&br, "content-encoding").as_deref(), Some("br"));
    let unpacked: Value =
        serde_json::from_slice(&unbrotli(&br.bytes().await.expect("body"))).expect("JSON");
    assert_eq!(unpacked, plain);
    // A small answer pays nothing.
    let small = reqwest::Client::new()
        .get(format!("{}/api/registration/", app.base))
        .header(ACCEPT_ENCODING, "br, gzip")
        .send()
        .await
        .expect("answer");
    assert_eq!(header(&small, "content-encoding"), None);
    assert_eq!(
        vary_tokens(small.headers()),
        ["accept"],
        "the same for every encoding (it varies by Accept alone)"
    );
    assert_eq!(
        small.json::<Value>().await.expect("JSON")["mode"],
        json!("open")
    );
}

/// The page names the catalog of the browser's language for the browser to fetch at once
/// (`Link: …; rel=preload`), at the address the client reads it from.
#[tokio::test]
async fn the_page_preloads_the_catalog_of_the_browsers_language() {
    let app = TestApp::spawn().await;
    for (asked, lang) in [
        ("de-AT,de;q=0.9", "de"),
        ("pt-PT", "pt-BR"),
        ("fr", "en"),
        ("", "en"),
    ] {
        let page = get(&app, "/", &[("Accept-Language", asked)]).await;
        assert_eq!(page.status(), 200);
        let link = header(&page, "link").unwrap_or_default();
        let body = page.text().await.expect("the page");
        let prefix = format!("</static/locales/{lang}.ftl?v=");
        assert!(link.starts_with(&prefix), "{asked}: {link}");
        assert!(
            link.ends_with("; rel=preload; as=fetch; crossorigin"),
            "{link}"
        );
        let address = &link[1..link.find('>').unwrap_or(1)];
        assert!(body.contains(address), "{asked}: the page lists {address}");
        let catalog = get(&app, address, &[]).await;
        assert_eq!(catalog.status(), 200, "{address}");
    }
}
