//! DRF routers' roots: each seed app's prefix answers a map of its
//! endpoints to absolute URLs, with the credentials its other endpoints take.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn each_apps_prefix_maps_its_endpoints_to_absolute_urls() {
    let app = TestApp::spawn().await;
    let (_, token) = app.register("ann").await;
    let bearer = bearer(&app, "ann").await;
    let b = &app.base;

    let (status, root) = app.get("/messages/api/", &token).await;
    assert_eq!(status, StatusCode::OK, "{root}");
    assert_eq!(
        root,
        json!({
            "chats": format!("{b}/messages/api/chats/"),
            "users/search": format!("{b}/messages/api/users/search/"),
            "search": format!("{b}/messages/api/search/"),
        })
    );
    let keys: Vec<&String> = root.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["chats", "users/search", "search"],
        "in the app's order"
    );

    let (status, root) = app.get("/messenger/api/", &bearer).await;
    assert_eq!(status, StatusCode::OK, "{root}");
    assert_eq!(root["chatrooms"], format!("{b}/messenger/api/chatrooms/"));
    let (status, root) = app.get("/profiles/api/", &bearer).await;
    assert_eq!(status, StatusCode::OK, "{root}");
    assert_eq!(
        root["search-user"],
        format!("{b}/profiles/api/search-user/")
    );
    let (status, root) = app.get("/accounts/api/", &token).await;
    assert_eq!(status, StatusCode::OK, "{root}");
    assert_eq!(
        root["token/refresh"],
        format!("{b}/accounts/api/token/refresh/")
    );

    // Every link it gives answers (with the same credentials), none is a 404.
    for (path, auth) in [
        ("/messages/api/", &token),
        ("/profiles/api/", &bearer),
        ("/messenger/api/", &bearer),
    ] {
        let (_, root) = app.get(path, auth).await;
        for (name, url) in root.as_object().unwrap() {
            let url = url.as_str().unwrap();
            let path = url.strip_prefix(b.as_str()).unwrap();
            let (status, body) = app.get(path, auth).await;
            assert_ne!(status, StatusCode::NOT_FOUND, "{name} -> {path}: {body}");
        }
    }

    // The inbox's `/api/` is seed 000's, unchanged and open.
    let (status, root) = app.call(reqwest::Method::GET, "/api/", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(root, json!({"messages": format!("{b}/api/messages/")}));
}

#[tokio::test]
async fn a_root_asks_for_its_apps_credentials_and_takes_only_get() {
    let app = TestApp::spawn().await;
    for path in [
        "/messages/api/",
        "/messenger/api/",
        "/profiles/api/",
        "/accounts/api/",
    ] {
        let (status, body) = app.call(reqwest::Method::GET, path, None, None).await;
        assert!(
            status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN,
            "{path} anonymous: {status} {body}"
        );
        // The same refusal as the app's list endpoint next to it.
        let list = match path {
            "/messages/api/" => "/messages/api/chats/",
            "/messenger/api/" => "/messenger/api/chatrooms/",
            "/profiles/api/" => "/profiles/api/profile/",
            _ => "/accounts/api/users/",
        };
        let (beside, beside_body) = app.call(reqwest::Method::GET, list, None, None).await;
        assert_eq!(
            (status, &body),
            (beside, &beside_body),
            "{path} like {list}"
        );
    }
    let (_, token) = app.register("ann").await;
    let (status, body) = app.post("/messages/api/", &token, json!({})).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{body}");
    assert!(
        body.get("detail").is_some() || body.get("error").is_some(),
        "{body}"
    );
    let _: Value = body;
}
