//! `--show-emails admins` hides other people's addresses on every
//! user-shaped answer of every surface, except from administrators and the person
//! themself; the default `all` keeps the seeds' behaviour.

use crate::helpers::*;
use serde_json::{json, Value};

/// Every user-shaped answer that names bob, as `auth` sees them: (where, bob's email).
async fn bobs_emails(app: &TestApp, auth: &str, bob: i64, room: i64) -> Vec<(String, Value)> {
    let mut seen = Vec::new();
    let find = |list: &Value| -> Value {
        list.as_array()
            .and_then(|l| {
                l.iter()
                    .find(|u| u["username"] == "bob" || u["user"]["username"] == "bob")
            })
            .map(|u| {
                if u.get("user").is_some() {
                    u["user"]["email"].clone()
                } else {
                    u["email"].clone()
                }
            })
            .unwrap_or(Value::Null)
    };
    let (_, list) = app.get("/accounts/api/users/", auth).await;
    seen.push(("/accounts/api/users/".into(), find(&list)));
    let (_, list) = app.get("/api/users/", auth).await;
    seen.push(("/api/users/".into(), find(&list)));
    let (_, page) = app.get("/api/users/?page=1", auth).await;
    seen.push(("/api/users/?page=1".into(), find(&page["results"])));
    let (_, one) = app.get(&format!("/api/users/{bob}/"), auth).await;
    seen.push(("/api/users/{id}/".into(), one["email"].clone()));
    let (_, found) = app.get("/messages/api/users/search/?q=bob", auth).await;
    seen.push((
        "/messages/api/users/search/".into(),
        find(&found["results"]),
    ));
    let (_, profile) = app
        .get("/profiles/api/search-user/?username=bob", auth)
        .await;
    seen.push((
        "/profiles/api/search-user/".into(),
        profile["email"].clone(),
    ));
    let (_, people) = app
        .get(&format!("/api/rooms/{room}/participants/"), auth)
        .await;
    seen.push(("/api/rooms/{id}/participants/".into(), find(&people)));
    seen
}

#[tokio::test]
async fn admins_mode_shows_others_emails_only_to_administrators() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--show-emails", "admins"]).await;
    let (_, admin) = app.register("founder").await;
    let (_, ta) = app.register("alice").await;
    let (bob, tb) = app.register("bob").await;
    let (_, room) = app.post("/api/rooms/", &tb, json!({"name": "r"})).await;
    let room = room["id"].as_i64().unwrap();
    for auth in [&ta, &admin] {
        let (status, _) = app
            .post(&format!("/api/rooms/{room}/join/"), auth, json!({}))
            .await;
        assert_eq!(status, 200);
    }
    for (place, email) in bobs_emails(&app, &ta, bob, room).await {
        assert_eq!(email, "", "alice sees no address at {place}");
    }
    for (place, email) in bobs_emails(&app, &admin, bob, room).await {
        assert_eq!(
            email, "bob@example.org",
            "an administrator sees it at {place}"
        );
    }
    // One's own address stays visible to oneself.
    let (_, me) = app.get("/api/auth/me/", &tb).await;
    assert_eq!(me["email"], "bob@example.org");
    let (_, me) = app.get(&format!("/api/users/{bob}/"), &tb).await;
    assert_eq!(me["email"], "bob@example.org");
    // A message's author carries no address in this mode, for anyone.
    let (_, sent) = app
        .post(
            &format!("/api/rooms/{room}/messages/"),
            &tb,
            json!({"content": "hi"}),
        )
        .await;
    assert_eq!(sent["author"]["email"], "", "{sent}");
}

#[tokio::test]
async fn the_default_shows_everyones_email_as_the_seeds_do() {
    let app = TestApp::spawn().await;
    app.register("founder").await;
    let (_, ta) = app.register("alice").await;
    let (bob, tb) = app.register("bob").await;
    let (_, room) = app.post("/api/rooms/", &tb, json!({"name": "r"})).await;
    let room = room["id"].as_i64().unwrap();
    app.post(&format!("/api/rooms/{room}/join/"), &ta, json!({}))
        .await;
    for (place, email) in bobs_emails(&app, &ta, bob, room).await {
        assert_eq!(email, "bob@example.org", "{place}");
    }
}
