//! The page names every file under its content's version, and every module it needs up
//! front: the import map holds every module of the client, each served immutable under
//! the version it names; the `modulepreload` links are exactly the modules `main.js`
//! imports, directly or not (read here from the modules' own text, as a browser would
//! follow them), so none waits for another to arrive; a module loaded later
//! (`import('./x.js')`) is in the map; and a file named without its version is
//! revalidated, never cached as immutable.

use crate::helpers::*;
use std::collections::{BTreeMap, BTreeSet};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

async fn fetch(app: &TestApp, path: &str) -> (u16, String, String) {
    let answer = reqwest::Client::new()
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .expect("an answer");
    let cache = answer
        .headers()
        .get("cache-control")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (
        answer.status().as_u16(),
        cache,
        answer.text().await.expect("a body"),
    )
}

/// The values of `attr="..."` on every tag of `html` that contains `marker`.
fn attrs(html: &str, marker: &str, attr: &str) -> Vec<String> {
    html.split('<')
        .filter(|tag| tag.contains(marker))
        .filter_map(|tag| {
            let at = tag.find(&format!("{attr}=\""))? + attr.len() + 2;
            Some(tag[at..].split('"').next()?.to_string())
        })
        .collect()
}

/// The relative specifiers a module's text imports now (`from '...'`, `import '...'`)
/// and later (`import('...')`), resolved against `url`.
fn imports(url: &str, text: &str) -> (Vec<String>, Vec<String>) {
    let after = |marker: &str| -> Vec<String> {
        let mut found = Vec::new();
        for piece in text.split(marker).skip(1) {
            let piece = piece.trim_start();
            let Some(q) = piece.chars().next().filter(|c| *c == '\'' || *c == '"') else {
                continue;
            };
            if let Some(spec) = piece[1..].split(q).next() {
                if spec.starts_with("./") || spec.starts_with("../") {
                    let mut parts: Vec<&str> = url.split('/').collect();
                    parts.pop();
                    for p in spec.split('/') {
                        match p {
                            "." => {}
                            ".." => {
                                parts.pop();
                            }
                            other => parts.push(other),
                        }
                    }
                    found.push(parts.join("/"));
                }
            }
        }
        found
    };
    let mut now = after("from");
    now.extend(after("import "));
    (now, after("import("))
}

#[tokio::test]
async fn the_page_lists_every_module_up_front_each_under_its_immutable_version() {
    let app = TestApp::spawn().await;
    let (status, cache, page) = fetch(&app, "/").await;
    assert_eq!(
        (status, cache.as_str()),
        (200, "no-cache"),
        "the page is revalidated"
    );
    let policy = reqwest::get(format!("{}/", app.base))
        .await
        .expect("an answer")
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();

    // The import map: every module at its versioned address.
    let map_text = page
        .split("<script type=\"importmap\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("an import map");
    // The sign-in screen's settings are written into the page (so it asks for none), as
    // the two routes that also answer them say.
    let settings: serde_json::Value = page
        .split("<script type=\"application/json\" id=\"sign-in-settings\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .map(|json| serde_json::from_str(json).expect("the settings are JSON"))
        .expect("the page carries the sign-in settings");
    let (_, registration) = app
        .call(reqwest::Method::GET, "/api/registration/", None, None)
        .await;
    let (_, providers) = app
        .call(reqwest::Method::GET, "/api/auth/providers/", None, None)
        .await;
    assert_eq!(
        settings,
        serde_json::json!({"registration": registration, "providers": providers}),
        "{page}"
    );

    // The page's policy lets exactly its two inline scripts run, by their hashes, in the
    // header and in the page's own meta tag: the import map, and the guard that reloads
    // a page whose modules are gone (the first script of the page, before any module).
    use base64::Engine as _;
    use sha2::Digest as _;
    let hash =
        |text: &str| base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text));
    let guard_text = page
        .split("<script>")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("a reload guard");
    assert!(
        page.find("<script>") < page.find("<script type=\"module\""),
        "the guard runs before any module"
    );
    let allowed = format!(
        "script-src 'self' 'sha256-{}' 'sha256-{}';",
        hash(map_text),
        hash(guard_text)
    );
    assert!(policy.contains(&allowed), "{policy} lacks {allowed}");
    assert!(
        page.contains(&allowed),
        "the page's meta policy lacks {allowed}"
    );
    let map: serde_json::Value = serde_json::from_str(map_text).expect("the map is JSON");
    let map: BTreeMap<String, String> = map["imports"]
        .as_object()
        .expect("imports")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().expect("an address").to_string()))
        .collect();
    assert!(map.contains_key("/static/js/main.js"), "{map:?}");
    let mut texts = BTreeMap::new();
    for (url, versioned) in &map {
        assert!(
            versioned.starts_with(&format!("{url}?v=")),
            "{url} maps to {versioned}"
        );
        let (status, cache, text) = fetch(&app, versioned).await;
        assert_eq!((status, cache.as_str()), (200, IMMUTABLE), "{versioned}");
        texts.insert(url.clone(), text);
    }

    // What main.js needs before it runs, followed as a browser follows imports, is what
    // the page preloads; whatever a module loads later is in the map too.
    let mut needed = BTreeSet::new();
    let mut stack = vec!["/static/js/main.js".to_string()];
    while let Some(url) = stack.pop() {
        if !needed.insert(url.clone()) {
            continue;
        }
        let text = texts
            .get(&url)
            .unwrap_or_else(|| panic!("{url} is imported but not in the import map"));
        let (now, later) = imports(&url, text);
        for l in later {
            assert!(
                map.contains_key(&l),
                "{url} loads {l} later; the map lacks it"
            );
        }
        stack.extend(now);
    }
    needed.remove("/static/js/main.js");
    let preloaded: BTreeSet<String> = attrs(&page, "rel=\"modulepreload\"", "href")
        .into_iter()
        .map(|href| href.split('?').next().unwrap_or("").to_string())
        .collect();
    assert_eq!(preloaded, needed, "the preloads are what main.js needs");
    // The sign-in form carries only itself: neither the app nor the app's calls are on its
    // path, and the one style sheet it waits for is base.css. The app's, app.css, waits in
    // a template (whose content the browser does not fetch) until early.js adds it.
    for app_only in [
        "/static/js/app.js",
        "/static/js/api.js",
        "/static/js/views/page.js",
    ] {
        assert!(!needed.contains(app_only), "the form waits for {app_only}");
    }
    let (before, rest) = page
        .split_once("<template id=\"app-styles\">")
        .expect("the app's styles wait in a template");
    let (template, after) = rest.split_once("</template>").expect("a whole template");
    let sheets = |html: &str| -> Vec<String> {
        attrs(html, "rel=\"stylesheet\"", "href")
            .into_iter()
            .map(|href| href.split('?').next().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(
        sheets(&format!("{before}{after}")),
        ["/static/base.css"],
        "the page's own style sheets"
    );
    assert_eq!(
        sheets(template),
        ["/static/app.css"],
        "the app's, for later"
    );
    for href in attrs(&page, "rel=\"modulepreload\"", "href") {
        let base = href.split('?').next().unwrap_or("");
        assert_eq!(
            Some(&href),
            map.get(base),
            "a preload names the mapped version"
        );
    }

    // The app's modules the page lists for later are mapped versions, and with the
    // preloads they are everything app.js needs.
    let listed: Vec<String> = page
        .split("<script type=\"application/json\" id=\"app-modules\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .map(|json| serde_json::from_str(json).expect("the app's list is JSON"))
        .expect("the app's modules listed");
    let mut app_needs = BTreeSet::new();
    let mut stack = vec!["/static/js/app.js".to_string()];
    while let Some(url) = stack.pop() {
        if app_needs.insert(url.clone()) {
            stack.extend(imports(&url, &texts[&url]).0);
        }
    }
    let mut both: BTreeSet<String> = preloaded.clone();
    for href in &listed {
        let base = href.split('?').next().unwrap_or("");
        assert_eq!(
            Some(href),
            map.get(base),
            "a listed module names the mapped version"
        );
        both.insert(base.to_string());
    }
    assert!(
        app_needs.is_subset(&both),
        "app.js needs {:?} beyond the page's lists",
        app_needs.difference(&both).collect::<Vec<_>>()
    );

    // Every file the page names itself is named by its version and served immutable.
    let mut named = attrs(&page, "href=\"/", "href");
    named.extend(attrs(&page, "src=\"/", "src"));
    assert!(named.len() > preloaded.len(), "{named:?}");
    for url in named {
        assert!(
            url.contains("?v="),
            "the page names {url} without its version"
        );
        let (status, cache, _) = fetch(&app, &url).await;
        assert_eq!((status, cache.as_str()), (200, IMMUTABLE), "{url}");
    }

    // Named without its version, a file is the current one, revalidated. Named by a
    // version this build does not hold (a page left open over an upgrade), it is a 404
    // that says why: the page's guard reloads it rather than mix two builds' modules.
    let (status, cache, text) = fetch(&app, "/static/js/main.js").await;
    assert_eq!((status, cache.as_str()), (200, "no-cache"));
    assert_eq!(&text, &texts["/static/js/main.js"]);
    for url in [
        "/static/js/main.js?v=000000000000",
        "/static/js/app.js?v=0",
        "/static/app.css?v=&x=1",
    ] {
        let (status, _, text) = fetch(&app, url).await;
        assert_eq!(status, 404, "{url}");
        assert!(text.contains("natter was upgraded"), "{url}: {text}");
    }

    // The service worker keeps every module for the offline shell, and is revalidated.
    let (status, cache, sw) = fetch(&app, "/sw.js").await;
    assert_eq!((status, cache.as_str()), (200, "no-cache"));
    for url in map.keys() {
        assert!(
            sw.contains(&format!("'{url}'")),
            "sw.js does not keep {url}"
        );
    }
    assert!(
        !sw.contains("natter-shell-dev"),
        "the cache is named after the build"
    );
}
