//! Who may join and who looks after the server: `--registration` on every
//! register endpoint, invitations (uses held under concurrent sign-ups, expiry,
//! revocation), the first account as administrator, `/api/admin/` (people, deactivation
//! closing every credential and socket, also on another node, the last administrator
//! kept, moderation seen by everyone) and the audit list.

use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// `natter create-user NAME --admin` on the app's database, as an operator makes the
/// first administrator of a server that takes no sign-ups; returns `Token <key>`.
pub(crate) async fn operator_admin(app: &TestApp, name: &str) -> String {
    let email = format!("{name}@example.org");
    let args = [
        "create-user",
        name,
        "--admin",
        "--password-stdin",
        "--email",
        &email,
    ];
    let out = crate::team_cli::natter(app, &args, "correct-horse\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    token_of(app, name).await
}

/// A fresh `Token <key>` for `name` (password `correct-horse`).
pub(crate) async fn token_of(app: &TestApp, name: &str) -> String {
    let (status, body) = app
        .call(
            Method::POST,
            "/api/auth/login/",
            None,
            Some(json!({"username": name, "password": "correct-horse"})),
        )
        .await;
    assert_eq!(status, 200, "login {name}: {body}");
    format!("Token {}", body["token"].as_str().expect("token"))
}

/// A sign-up of `name` on `path` (`/api/auth/register/` or `/accounts/api/users/`),
/// with `code` as `invite_code` if given.
async fn sign_up(app: &TestApp, path: &str, name: &str, code: Option<&str>) -> (StatusCode, Value) {
    let mut body = json!({"username": name, "email": format!("{name}@example.org"), "password": "correct-horse"});
    if let Some(code) = code {
        body["invite_code"] = Value::from(code);
    }
    app.call(Method::POST, path, None, Some(body)).await
}

/// The sentence of a refusal in either shape (DRF's `detail`, the rooms' `message`).
fn sentence(body: &Value) -> &str {
    body["detail"]
        .as_str()
        .or(body["message"].as_str())
        .unwrap_or_else(|| panic!("a refusal with a sentence: {body}"))
}

/// Asserts that none of these ways in works any more: each `Authorization` value in
/// `auths`, the browser `session`, and the `refresh` JWT.
pub(crate) async fn ways_in_ended(
    app: &TestApp,
    auths: &[&str],
    session: &Session,
    refresh: &Value,
) {
    for auth in auths {
        let (status, _) = app.get("/api/auth/me/", auth).await;
        assert_eq!(status, 401, "{auth}");
    }
    let me = ask(
        app,
        Method::GET,
        "/api/auth/me/",
        &[("Cookie", &session.cookie())],
        None,
    )
    .await;
    assert_eq!(me.status, 401, "the session ended");
    let (status, _) = app
        .call(
            Method::POST,
            "/accounts/api/token/refresh/",
            None,
            Some(json!({ "refresh": refresh })),
        )
        .await;
    assert_eq!(status, 401, "the refresh token ended");
}

const REGISTER: [&str; 2] = ["/api/auth/register/", "/accounts/api/users/"];

pub(crate) async fn invitation(app: &TestApp, admin: &str, body: Value) -> Value {
    let (status, made) = app.post("/api/admin/invitations/", admin, body).await;
    assert_eq!(status, 201, "{made}");
    made
}

#[tokio::test]
async fn each_registration_mode_holds_on_every_register_endpoint() {
    // open (the default): anyone, on both endpoints.
    let app = TestApp::spawn().await;
    let (_, any) = app.register("first").await;
    let (status, mode) = app
        .call(Method::GET, "/api/registration/", None, None)
        .await;
    assert_eq!(
        (status, mode),
        (
            StatusCode::OK,
            json!({"mode": "open", "mail": false, "first_admin_pending": false})
        )
    );
    for (i, path) in REGISTER.iter().enumerate() {
        let (status, body) = sign_up(&app, path, &format!("open{i}"), None).await;
        assert_eq!(status, 201, "{path}: {body}");
    }
    let (status, _) = app.get("/api/account/", &any).await;
    assert_eq!(status, 200);

    // closed: nobody, with a sentence in each surface's shape.
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--registration", "closed"]).await;
    let admin = operator_admin(&app, "boss").await;
    let code = invitation(&app, &admin, json!({})).await["code"]
        .as_str()
        .unwrap()
        .to_string();
    for path in REGISTER {
        for code in [None, Some(code.as_str())] {
            let (status, body) = sign_up(&app, path, "shut", code).await;
            assert_eq!(status, 403, "{path}: {body}");
            assert!(sentence(&body).contains("closed"), "{body}");
        }
    }
    let (_, body) = sign_up(&app, "/api/auth/register/", "shut", None).await;
    assert_eq!(
        body["error"], "permission_denied",
        "the rooms seed's shape: {body}"
    );
    let (_, body) = sign_up(&app, "/accounts/api/users/", "shut", None).await;
    assert!(body.get("error").is_none(), "DRF's shape: {body}");

    // invite: only with a valid code, on both endpoints.
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--registration", "invite"]).await;
    let (_, mode) = app
        .call(Method::GET, "/api/registration/", None, None)
        .await;
    assert_eq!(
        mode,
        json!({"mode": "invite", "mail": false, "first_admin_pending": true})
    );
    let admin = operator_admin(&app, "boss").await;
    let made = invitation(&app, &admin, json!({"max_uses": 2})).await;
    let code = made["code"].as_str().unwrap();
    assert!(
        made["link"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/join/{code}")),
        "{made}"
    );
    for (i, path) in REGISTER.iter().enumerate() {
        let (status, body) = sign_up(&app, path, &format!("nocode{i}"), None).await;
        assert_eq!(status, 403, "{body}");
        assert!(sentence(&body).contains("invitation"), "{body}");
        let (status, body) = sign_up(&app, path, &format!("badcode{i}"), Some("nope")).await;
        assert_eq!(status, 403, "{body}");
        let (status, body) = sign_up(&app, path, &format!("invited{i}"), Some(code)).await;
        assert_eq!(status, 201, "{path}: {body}");
    }
    // A sign-up that fails its own checks uses nothing: the code is used up by the two.
    let (status, body) = sign_up(&app, REGISTER[0], "invited0", Some(code)).await;
    assert_eq!(status, 403, "used up: {body}");
    let (status, page) = app.get("/api/admin/invitations/", &admin).await;
    assert_eq!(status, 200);
    assert_eq!(
        (page[0]["uses"].clone(), page[0]["valid"].clone()),
        (json!(2), json!(false))
    );
    // The join link opens the web client.
    let (status, page) = app
        .call(Method::GET, &format!("/join/{code}"), None, None)
        .await;
    assert_eq!(status, 200);
    assert!(page.as_str().unwrap_or("").contains("<div id=\"app\""));
}

#[tokio::test]
async fn an_invitation_is_used_no_more_than_its_uses_by_concurrent_sign_ups() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--registration", "invite"]).await;
    let admin = operator_admin(&app, "boss").await;
    let code = invitation(&app, &admin, json!({"max_uses": 3, "expires_in": "1h"})).await["code"]
        .as_str()
        .unwrap()
        .to_string();
    let tries = (0..12).map(|i| {
        let (app, code) = (&app, code.clone());
        async move {
            sign_up(app, REGISTER[i % 2], &format!("racer{i}"), Some(&code))
                .await
                .0
        }
    });
    let statuses = futures_util::future::join_all(tries).await;
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::FORBIDDEN)
        .count();
    assert_eq!((created, refused), (3, 9), "{statuses:?}");
    let (_, people) = app.get("/api/admin/users/?search=racer", &admin).await;
    assert_eq!(people["count"], 3, "{people}");
}

#[tokio::test]
async fn an_expired_or_revoked_invitation_lets_nobody_in() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--registration", "invite"]).await;
    let admin = operator_admin(&app, "boss").await;
    let brief = invitation(&app, &admin, json!({"expires_in": 1, "max_uses": null})).await;
    assert_eq!(brief["max_uses"], Value::Null);
    // Wait, by asking, until the server itself says it expired.
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let (_, list) = app.get("/api/admin/invitations/", &admin).await;
        if list[0]["valid"] == false {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "never expired: {list}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let (status, body) = sign_up(&app, REGISTER[0], "late", brief["code"].as_str()).await;
    assert_eq!(status, 403, "{body}");

    let revoked = invitation(&app, &admin, json!({})).await;
    let id = revoked["id"].as_i64().unwrap();
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/api/admin/invitations/{id}/"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(status, 204);
    let (status, body) = sign_up(&app, REGISTER[1], "revoked", revoked["code"].as_str()).await;
    assert_eq!(status, 403, "{body}");
    let (_, list) = app.get("/api/admin/invitations/", &admin).await;
    assert_eq!(list[0]["revoked"], true, "kept, marked revoked: {list}");
    for (body, field) in [
        (json!({"max_uses": 0}), "max_uses"),
        (json!({"expires_in": "soon"}), "expires_in"),
        (json!({"expires_in": -5}), "expires_in"),
    ] {
        let (status, answer) = app.post("/api/admin/invitations/", &admin, body).await;
        assert_eq!(status, 400, "{answer}");
        assert!(answer[field].is_array(), "{answer}");
    }
}

#[tokio::test]
async fn the_first_account_administers_and_nobody_else_may() {
    let app = TestApp::spawn().await;
    let (first, admin) = app.register("founder").await;
    let (bob, tb) = app.register("bob").await;
    let (_, me) = app.get("/api/account/", &admin).await;
    assert_eq!(
        (me["id"].as_i64(), me["is_admin"].clone()),
        (Some(first), json!(true))
    );
    let (_, me) = app.get("/api/account/", &tb).await;
    assert_eq!(me["is_admin"], false);
    for (method, path) in [
        (Method::GET, "/api/admin/users/".to_string()),
        (Method::GET, format!("/api/admin/users/{first}/")),
        (
            Method::POST,
            format!("/api/admin/users/{first}/deactivate/"),
        ),
        (Method::POST, format!("/api/admin/users/{bob}/promote/")),
        (Method::GET, "/api/admin/invitations/".to_string()),
        (Method::POST, "/api/admin/invitations/".to_string()),
        (Method::GET, "/api/admin/audit/".to_string()),
        (Method::DELETE, "/api/admin/messages/1/".to_string()),
        (Method::DELETE, "/api/admin/chats/1/".to_string()),
    ] {
        let (status, body) = app.call(method.clone(), &path, Some(&tb), None).await;
        assert_eq!(status, 403, "{method} {path}: {body}");
        assert_eq!(body["detail"], "Only administrators can do this.");
    }
    let (status, _) = app.call(Method::GET, "/api/admin/users/", None, None).await;
    assert_eq!(status, 401);
    // People, with last seen and storage used; searchable.
    let (status, _) = upload(
        &app,
        &tb,
        "notes.txt",
        "text/plain",
        b"twelve bytes".to_vec(),
    )
    .await;
    assert_eq!(status, 201);
    let (_, people) = app.get("/api/admin/users/?search=bo", &admin).await;
    assert_eq!(people["count"], 1, "{people}");
    let row = &people["results"][0];
    assert_eq!(
        (row["username"].clone(), row["storage_bytes"].clone()),
        (json!("bob"), json!(12))
    );
    for key in [
        "email",
        "display_name",
        "is_active",
        "is_admin",
        "date_joined",
        "last_seen",
    ] {
        assert!(row.get(key).is_some(), "{key} in {row}");
    }
}

#[tokio::test]
async fn the_last_administrator_stays_one() {
    let app = TestApp::spawn().await;
    let (first, admin) = app.register("founder").await;
    let (bob, _) = app.register("bob").await;
    let act = |who: i64, what: &str| format!("/api/admin/users/{who}/{what}/");
    let (status, body) = app.post(&act(first, "demote"), &admin, json!({})).await;
    assert_eq!(status, 400, "{body}");
    assert!(
        sentence(&body).contains("last active administrator"),
        "{body}"
    );
    let (status, body) = app.post(&act(first, "deactivate"), &admin, json!({})).await;
    assert_eq!(status, 400, "not oneself: {body}");
    let (status, body) = app.post(&act(bob, "promote"), &admin, json!({})).await;
    assert_eq!(
        (status, body["is_admin"].clone()),
        (StatusCode::OK, json!(true))
    );
    // Nobody demotes themself (admin_self.rs); bob, now an administrator, demotes the founder.
    let tb = token_of(&app, "bob").await;
    let (status, body) = app.post(&act(first, "demote"), &tb, json!({})).await;
    assert_eq!(
        (status, body["is_admin"].clone()),
        (StatusCode::OK, json!(false)),
        "{body}"
    );
    // Now bob is the last one, and the founder is no administrator any more.
    let (status, _) = app.post(&act(bob, "demote"), &tb, json!({})).await;
    assert_eq!(status, 400);
    let (status, _) = app.get("/api/admin/users/", &admin).await;
    assert_eq!(status, 403);
    let (_, audit) = app.get("/api/admin/audit/", &tb).await;
    let actions: Vec<&str> = audit["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["user.demote", "user.promote"], "{audit}");
    assert_eq!(audit["results"][0]["actor"]["username"], "bob");
    assert_eq!(audit["results"][1]["actor"]["username"], "founder");
}

#[tokio::test]
async fn deactivation_ends_every_credential_and_socket_and_keeps_the_messages() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.register("founder").await;
    let (alice, ta) = app.register("alice").await;
    let (bob, tb) = app.register("bob").await;
    let session = login(&app, "bob").await;
    let jwt = bearer(&app, "bob").await;
    let pair = jwt_pair(&app, "bob").await;
    let chats = chats_of_every_kind(&app, &tb, alice, "alice").await;
    inbox_send(&app, &tb, alice, "bob was here").await;
    let paths = [
        format!("/ws/chat/{}/", chats.direct),
        "/messages/ws/".to_string(),
        format!("/ws/room/{}/", chats.room),
        format!("/messenger/ws/ws/chat/{}/", chats.messenger),
        "/ws/chat/alice/".to_string(),
    ];
    let mut sockets = Vec::new();
    for path in &paths {
        sockets.push(app.socket(path, &tb).await);
    }
    sockets.push(app.socket("/messages/ws/", &jwt).await);

    let (status, person) = app
        .post(
            &format!("/api/admin/users/{bob}/deactivate/"),
            &admin,
            json!({}),
        )
        .await;
    assert_eq!(
        (status, person["is_active"].clone()),
        (StatusCode::OK, json!(false))
    );
    for (ws, path) in sockets
        .iter_mut()
        .zip(paths.iter().chain(["jwt"].iter().map(|_| &paths[1])))
    {
        assert_eq!(close_code(ws).await, Some(1008), "{path}");
    }
    ways_in_ended(&app, &[&tb, &jwt], &session, &pair["refresh"]).await;
    let (status, _) = app
        .call(
            Method::POST,
            "/api/auth/login/",
            None,
            Some(json!({"username": "bob", "password": "correct-horse"})),
        )
        .await;
    assert_eq!(status, 401);
    assert_eq!(app.try_socket("/messages/ws/", &tb).await.err(), Some(401));
    // Nothing lost: alice still reads what bob wrote, under his name.
    let (status, history) = app.get("/api/messages/?receiver=bob", &ta).await;
    assert_eq!(status, 200, "{history}");
    assert!(history.to_string().contains("bob was here"), "{history}");

    let (status, person) = app
        .post(
            &format!("/api/admin/users/{bob}/reactivate/"),
            &admin,
            json!({}),
        )
        .await;
    assert_eq!(
        (status, person["is_active"].clone()),
        (StatusCode::OK, json!(true))
    );
    let tb = token_of(&app, "bob").await;
    let (status, _) = app.get("/api/auth/me/", &tb).await;
    assert_eq!(status, 200);
    let (_, audit) = app.get("/api/admin/audit/", &admin).await;
    assert_eq!(audit["results"][0]["action"], "user.reactivate");
    assert_eq!(audit["results"][1]["action"], "user.deactivate");
    assert_eq!(audit["results"][1]["target"], format!("user:{bob} bob"));
}

#[tokio::test]
async fn deactivation_closes_the_sockets_on_the_other_node() {
    let Some(cluster) =
        crate::cluster::cluster_or_skip("deactivation_closes_the_sockets_on_the_other_node")
    else {
        return;
    };
    let (_, admin) = cluster.a.register("founder").await;
    let (bob, tb) = cluster.a.register("bob").await;
    let mut on_b = cluster.b.socket("/messages/ws/", &tb).await;
    let mut on_a = cluster.a.socket("/messages/ws/", &tb).await;
    let (status, _) = cluster
        .a
        .post(
            &format!("/api/admin/users/{bob}/deactivate/"),
            &admin,
            json!({}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(close_code(&mut on_a).await, Some(1008));
    assert_eq!(close_code(&mut on_b).await, Some(1008));
    let (status, _) = cluster.b.get("/api/auth/me/", &tb).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn moderation_removes_a_message_and_a_room_for_everyone_and_keeps_them() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.register("founder").await;
    let (_, ta) = app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    let (status, room) = app
        .post("/api/rooms/", &ta, json!({"name": "general"}))
        .await;
    assert_eq!(status, 201, "{room}");
    let room = room["id"].as_i64().unwrap();
    let (status, _) = app
        .post(&format!("/api/rooms/{room}/join/"), &tb, json!({}))
        .await;
    assert_eq!(status, 200);
    let mut alice_ws = app.socket(&format!("/ws/room/{room}/"), &ta).await;
    let mut all_chats = app.socket("/messages/ws/", &tb).await;
    let (status, sent) = app
        .post(
            &format!("/api/rooms/{room}/messages/"),
            &tb,
            json!({"content": "spam spam"}),
        )
        .await;
    assert_eq!(status, 201, "{sent}");
    let message = sent["id"].as_i64().unwrap();
    wait_for(&mut alice_ws, |f| f["type"] == "chat_message").await;

    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/api/admin/messages/{message}/"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(status, 204);
    // Removed by an administrator, it keeps its place with no text: an edit to the rooms
    // surface's sockets, `is_deleted` on the chats surface's (docs/moderation.md).
    let gone = wait_for(&mut alice_ws, |f| f["type"] == "message_edited").await;
    assert_eq!(
        (&gone["data"]["id"], &gone["data"]["content"]),
        (&json!(message), &json!(""))
    );
    wait_for(&mut all_chats, |f| {
        f["type"] == "message_updated"
            && f["message"]["id"] == message
            && f["message"]["is_deleted"] == true
    })
    .await;
    let (_, page) = app.get(&format!("/api/rooms/{room}/messages/"), &ta).await;
    assert!(!page.to_string().contains("spam spam"), "{page}");

    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/api/admin/chats/{room}/"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(status, 204);
    assert_eq!(close_code(&mut alice_ws).await, Some(1008));
    wait_for(&mut all_chats, |f| {
        f["type"] == "member_left" || f["chat_id"] == room
    })
    .await;
    for auth in [&ta, &tb] {
        let (status, _) = app.get(&format!("/api/rooms/{room}/"), auth).await;
        assert_eq!(status, 404);
        let (_, rooms) = app.get("/api/rooms/", auth).await;
        assert!(!rooms.to_string().contains("general"), "{rooms}");
    }
    let (status, _) = app
        .post(&format!("/api/rooms/{room}/join/"), &tb, json!({}))
        .await;
    assert_eq!(status, 404, "a removed room cannot be joined");
    let (status, again) = app
        .post("/api/rooms/", &ta, json!({"name": "general"}))
        .await;
    assert_eq!(status, 201, "its name is free again: {again}");
    let (_, audit) = app.get("/api/admin/audit/", &admin).await;
    assert_eq!(audit["results"][0]["action"], "chat.remove");
    assert_eq!(audit["results"][0]["detail"]["title"], "general");
    assert_eq!(audit["results"][1]["action"], "message.remove");
    // A direct chat is not removed as a whole; unknown ids are 404.
    let (status, dm) = app
        .post("/api/chats/create/", &ta, json!({"user_id": 1}))
        .await;
    assert!(status.is_success(), "{dm}");
    let direct = dm["id"].as_i64().unwrap();
    let (status, body) = app
        .call(
            Method::DELETE,
            &format!("/api/admin/chats/{direct}/"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(status, 400, "{body}");
    for path in [
        "/api/admin/chats/999999/",
        "/api/admin/messages/999999/",
        "/api/admin/invitations/999999/",
    ] {
        let (status, _) = app.call(Method::DELETE, path, Some(&admin), None).await;
        assert_eq!(status, 404, "{path}");
    }
}

#[tokio::test]
async fn the_admin_lists_answer_page_last_with_the_last_pages_rows() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.register("boss").await;
    for name in ["ann", "bob", "cid"] {
        app.register(name).await;
    }
    let (status, last) = app
        .get("/api/admin/users/?page=last&page_size=3", &admin)
        .await;
    assert_eq!(status, 200, "{last}");
    assert_eq!(last["count"], 4, "{last}");
    assert_eq!(last["results"].as_array().map(Vec::len), Some(1), "{last}");
    assert_eq!(last["next"], Value::Null, "{last}");
    // Each promotion and demotion is an audit entry: three, on pages of two.
    for action in ["promote", "demote", "promote"] {
        let (status, body) = app
            .post(&format!("/api/admin/users/2/{action}/"), &admin, json!({}))
            .await;
        assert_eq!(status, 200, "{action}: {body}");
    }
    let (status, audit) = app
        .get("/api/admin/audit/?page=last&page_size=2", &admin)
        .await;
    assert_eq!(status, 200, "{audit}");
    let count = audit["count"].as_i64().expect("count");
    let on_last = usize::try_from((count - 1) % 2 + 1).expect("small");
    assert_eq!(
        audit["results"].as_array().map(Vec::len),
        Some(on_last),
        "{audit}"
    );
}
