//! User groups: administrators make, change and remove them (everyone with
//! `--user-groups-by-everyone`); `@handle` in a message mentions the group's members
//! who are in that chat, each pushed under their own notification level, never someone
//! outside the chat or taken out of the group, and under `--wide-mentions admins` a
//! group reaching more than `--wide-mentions-members` only from an administrator; Slack's
//! `usergroups.json` comes in with `natter import slack`, once.

use crate::chats::{group, send};
use crate::helpers::*;
use crate::push_service::PushService;
use crate::team_server::operator_admin;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::io::Write;

/// Makes a group as `auth`; the status and answer.
async fn make(app: &TestApp, auth: &str, body: Value) -> (StatusCode, Value) {
    app.post("/messages/api/groups/", auth, body).await
}

/// The contents of `auth`'s mentions, newest first.
async fn mentioned(app: &TestApp, auth: &str) -> Vec<String> {
    let (status, page) = app.get("/api/mentions/", auth).await;
    assert_eq!(status, 200, "{page}");
    page["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|m| m["content"].as_str().unwrap_or("").to_string())
        .collect()
}

#[tokio::test]
async fn administrators_make_change_and_remove_groups_and_others_only_read_them() {
    let app = TestApp::spawn().await;
    let boss = operator_admin(&app, "boss").await;
    let (ann_id, ann) = app.register("ann").await;
    let (bob_id, bob) = app.register("bob").await;

    let (status, body) = make(&app, &ann, json!({"handle": "design"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, made) = make(
        &app,
        &boss,
        json!({"handle": "@Design", "name": "Design team", "user_ids": [ann_id]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    assert_eq!(made["handle"], "Design");
    assert_eq!(made["member_count"], 1);
    assert_eq!(made["members"][0]["username"], "ann", "{made}");
    let id = made["id"].as_i64().expect("id");

    // Taken (any case), a person's name, a wide word, not a mention, an unknown person.
    for (body, field) in [
        (json!({"handle": "design"}), "handle"),
        (json!({"handle": "ANN"}), "handle"),
        (json!({"handle": "here"}), "handle"),
        (json!({"handle": "a b"}), "handle"),
        (json!({"name": "no handle"}), "handle"),
        (json!({"handle": "ops", "user_ids": [999_999]}), "user_ids"),
        (json!({"handle": "ops", "name": "x".repeat(101)}), "name"),
    ] {
        let (status, answer) = make(&app, &boss, body.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {answer}");
        assert!(answer["details"][field].is_array(), "{body}: {answer}");
    }

    let (status, list) = app.get("/messages/api/groups/", &bob).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["count"], 1);
    assert_eq!(list["may_manage"], false);
    assert_eq!(list["results"][0]["handle"], "Design");
    let (_, list) = app.get("/messages/api/groups/", &boss).await;
    assert_eq!(list["may_manage"], true);
    let path = format!("/messages/api/groups/{id}/");
    let (status, one) = app.get(&path, &bob).await;
    assert_eq!(
        (status.as_u16(), &one["name"]),
        (200, &json!("Design team"))
    );

    let rename = Some(json!({"name": "Designers", "description": "Pixels"}));
    let (status, _) = app
        .call(Method::PATCH, &path, Some(&bob), rename.clone())
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, renamed) = app.call(Method::PATCH, &path, Some(&boss), rename).await;
    assert_eq!(status, 200, "{renamed}");
    assert_eq!(
        (&renamed["name"], &renamed["handle"]),
        (&json!("Designers"), &json!("Design"))
    );

    let members = format!("{path}members/");
    let (status, _) = app
        .post(&members, &bob, json!({"user_ids": [bob_id]}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, grown) = app
        .post(&members, &boss, json!({"user_ids": [bob_id, ann_id]}))
        .await;
    assert_eq!(status, 200, "{grown}");
    assert_eq!(grown["member_count"], 2);
    let (status, body) = app.post(&members, &boss, json!({"user_ids": []})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let one_member = format!("{members}{bob_id}/");
    let (status, _) = app
        .call(Method::DELETE, &one_member, Some(&ann), None)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .call(Method::DELETE, &one_member, Some(&boss), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app
        .call(Method::DELETE, &one_member, Some(&boss), None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "no longer in it");

    for missing in ["/messages/api/groups/999999/", "/messages/api/groups/x/"] {
        let (status, _) = app.get(missing, &bob).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
    }
    let (status, _) = app.call(Method::DELETE, &path, Some(&ann), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.call(Method::DELETE, &path, Some(&boss), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app.get(&path, &bob).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn everyone_manages_groups_with_the_server_flag() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--user-groups-by-everyone"]).await;
    let (ann_id, ann) = app.register("ann").await;
    let (_, bob) = app.register("bob").await;
    let (status, made) = make(&app, &ann, json!({"handle": "ops", "user_ids": [ann_id]})).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    assert_eq!(
        made["name"], "ops",
        "the handle names a group made without a name"
    );
    let (_, list) = app.get("/messages/api/groups/", &bob).await;
    assert_eq!(list["may_manage"], true);
    let path = format!("/messages/api/groups/{}/", made["id"]);
    let (status, _) = app.call(Method::DELETE, &path, Some(&bob), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
}

/// natter that may push to this machine, and a push service trusting its key.
async fn natter_and_service(extra: &[&str]) -> (TestApp, PushService) {
    let mut args = vec!["--rate-limits", "off", "--push-private-endpoints"];
    args.extend_from_slice(extra);
    let app = TestApp::spawn_with(&args).await;
    let (_, probe) = app.register("probe").await;
    let (status, body) = app.get("/api/push/", &probe).await;
    assert_eq!(status, 200, "{body}");
    let key = body["public_key"].as_str().expect("public_key").to_string();
    (app, PushService::start(&key).await)
}

async fn subscribe(app: &TestApp, auth: &str, service: &PushService, name: &str) {
    let (status, body) = app
        .post("/api/push/subscriptions/", auth, service.subscription(name))
        .await;
    assert_eq!(status, 201, "{body}");
}

async fn set_level(app: &TestApp, auth: &str, chat: i64, level: &str) {
    let path = format!("/api/notifications/{chat}/");
    let (status, body) = app
        .call(
            Method::PUT,
            &path,
            Some(auth),
            Some(json!({ "level": level })),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_group_mention_reaches_its_members_in_that_chat_under_their_levels() {
    let (app, service) = natter_and_service(&[]).await;
    let boss = operator_admin(&app, "boss").await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    let (carol_id, carol) = app.register("carol").await;
    let (dave_id, dave) = app.register("dave").await;
    let (erin_id, erin) = app.register("erin").await;
    // bob, carol and erin design; erin is in no chat with alice; dave is not a designer.
    let (status, made) = make(
        &app,
        &boss,
        json!({"handle": "design", "user_ids": [bob_id, carol_id, erin_id]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let g = group(&app, &alice, "Launch", &[bob_id, carol_id, dave_id]).await;
    set_level(&app, &bob, g, "mentions").await;
    set_level(&app, &carol, g, "off").await;
    set_level(&app, &dave, g, "mentions").await;
    for (auth, name) in [
        (&bob, "bob"),
        (&carol, "carol"),
        (&dave, "dave"),
        (&erin, "erin"),
    ] {
        subscribe(&app, auth, &service, name).await;
    }

    send(&app, &alice, g, "review at 3, @Design").await;
    // bob, at `mentions`, is pushed the line naming his group.
    let to_bob = service.nth("bob", 1).await;
    assert_eq!(to_bob.payload["body"], json!("review at 3, @Design"));
    // carol is mentioned (her list, her unread count) but asked for no pushes here.
    assert_eq!(mentioned(&app, &carol).await, ["review at 3, @Design"]);
    assert_eq!(mentioned(&app, &bob).await, ["review at 3, @Design"]);
    assert!(
        mentioned(&app, &dave).await.is_empty(),
        "dave designs nothing"
    );
    assert!(
        mentioned(&app, &erin).await.is_empty(),
        "erin is not in the chat"
    );
    assert!(
        mentioned(&app, &alice).await.is_empty(),
        "nor is the sender"
    );
    // Their first pushes are direct lines sent after: nothing of the group's came before.
    for (id, name) in [(carol_id, "carol"), (dave_id, "dave"), (erin_id, "erin")] {
        inbox_send(&app, &alice, id, &format!("direct to {name}")).await;
        let first = service.nth(name, 1).await;
        assert_eq!(
            first.payload["body"],
            json!(format!("direct to {name}")),
            "{name}"
        );
    }

    // Taken out of the group, bob is no longer reached by it.
    let path = format!("/messages/api/groups/{}/members/{bob_id}/", made["id"]);
    let (status, _) = app.call(Method::DELETE, &path, Some(&boss), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    send(&app, &alice, g, "again @design").await;
    assert_eq!(mentioned(&app, &carol).await[0], "again @design");
    assert_eq!(mentioned(&app, &bob).await, ["review at 3, @Design"]);
    inbox_send(&app, &alice, bob_id, "direct to bob").await;
    let second = service.nth("bob", 2).await;
    assert_eq!(second.payload["body"], json!("direct to bob"));
    assert_eq!(service.received("bob").len(), 2);
}

#[tokio::test]
async fn a_big_group_mention_is_the_administrators_under_wide_mentions_admins() {
    let app = TestApp::spawn_with(&[
        "--rate-limits",
        "off",
        "--wide-mentions",
        "admins",
        "--wide-mentions-members",
        "1",
        "--user-groups-by-everyone",
    ])
    .await;
    let (alice_id, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    let (carol_id, carol) = app.register("carol").await;
    let (status, made) = make(
        &app,
        &bob,
        json!({"handle": "team", "user_ids": [alice_id, bob_id, carol_id]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let (_, pair) = make(
        &app,
        &bob,
        json!({"handle": "pair", "user_ids": [carol_id]}),
    )
    .await;
    assert_eq!(pair["member_count"], 1);
    // alice made the chat: its administrator; bob is a member.
    let g = group(&app, &alice, "all", &[bob_id, carol_id]).await;
    send(&app, &bob, g, "@team standup").await;
    send(&app, &bob, g, "@pair a word").await;
    assert_eq!(
        mentioned(&app, &carol).await,
        ["@pair a word"],
        "two reached is over one: bob's @team notifies nobody, his @pair reaches one"
    );
    send(&app, &alice, g, "@team retro").await;
    assert_eq!(mentioned(&app, &carol).await[0], "@team retro");
    assert_eq!(mentioned(&app, &bob).await, ["@team retro"]);
}

fn write_zip(path: &std::path::Path, files: &[(&str, Value)]) {
    let file = std::fs::File::create(path).expect("zip file");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    for (name, value) in files {
        zip.start_file(*name, options).expect("entry");
        zip.write_all(value.to_string().as_bytes())
            .expect("written");
    }
    zip.finish().expect("zip finished");
}

#[tokio::test]
async fn slack_user_groups_come_in_once_with_their_members() {
    let app = TestApp::spawn().await;
    let (_, ann) = app.register("ann").await;
    let user = |id: &str, name: &str| {
        json!({"id": id, "team_id": "T0GROUPS", "name": name, "real_name": name,
               "profile": {"email": format!("{name}@slack.example.com"), "real_name": name}})
    };
    let zip = app.dir.path().join("export.zip");
    write_zip(
        &zip,
        &[
            ("users.json", json!([user("U1", "dora"), user("U2", "eli")])),
            (
                "usergroups.json",
                json!([
                    {"id": "S1", "team_id": "T0GROUPS", "is_usergroup": true, "handle": "design",
                     "name": "Design", "description": "The designers", "date_create": 1_700_000_000,
                     "date_delete": 0, "users": ["U1", "U2", "U9"], "user_count": "3"},
                    {"id": "S2", "handle": "old", "name": "Old", "date_delete": 1_700_000_500,
                     "users": ["U1"]},
                    {"id": "S3", "handle": "ann", "name": "Ann's", "users": ["U1"]}
                ]),
            ),
        ],
    );
    let media = app.media_dir().to_str().expect("utf-8").to_string();
    let path = zip.to_str().expect("utf-8").to_string();
    let run =
        || crate::team_cli::natter(&app, &["--media-dir", &media, "import", "slack", &path], "");
    let first = run();
    let said = String::from_utf8_lossy(&first.stdout).to_string();
    assert!(
        first.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&first.stderr)
    );
    for line in [
        "user groups disabled in Slack",
        "user groups whose handle a group or person here has",
        "user group members not in users.json",
    ] {
        assert!(said.contains(line), "{line:?} missing from:\n{said}");
    }
    let (_, list) = app.get("/messages/api/groups/", &ann).await;
    assert_eq!(list["count"], 1, "{list}");
    let design = &list["results"][0];
    assert_eq!(
        (
            &design["handle"],
            &design["name"],
            &design["description"],
            &design["member_count"]
        ),
        (
            &json!("design"),
            &json!("Design"),
            &json!("The designers"),
            &json!(2)
        )
    );

    let second = run();
    let said = String::from_utf8_lossy(&second.stdout).to_string();
    assert!(second.status.success(), "{said}");
    assert!(said.contains("(1 made by an earlier run)"), "{said}");
    let (_, list) = app.get("/messages/api/groups/", &ann).await;
    assert_eq!(list["count"], 1, "nothing twice: {list}");
    assert_eq!(list["results"][0]["member_count"], 2);
}

/// Signs up `username` on `path`; the status and answer.
async fn sign_up(app: &TestApp, path: &str, username: &str) -> (StatusCode, Value) {
    let email = format!("{}@example.org", username.len() * 7 + path.len());
    let body = json!({"username": username, "email": email, "password": "correct-horse"});
    app.call(Method::POST, path, None, Some(body)).await
}

#[tokio::test]
async fn people_and_groups_share_one_namespace_and_a_taken_handle_keeps_its_mentions() {
    let app = TestApp::spawn().await;
    let boss = operator_admin(&app, "boss").await;
    let (bob_id, bob) = app.register("bob").await;
    let (_, carol) = app.register("carol").await;
    let (status, made) = make(
        &app,
        &boss,
        json!({"handle": "oncall", "user_ids": [bob_id]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");

    // Signing up as the group's handle, in any spelling its key folds, is a 400 on
    // `username`, in each surface's shape.
    let says = "A user group has this name as its handle; choose another username.";
    for name in ["oncall", "OnCall", "ｏｎｃａｌｌ"] {
        let (status, body) = sign_up(&app, "/api/auth/register/", name).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name}: {body}");
        assert_eq!(body["details"]["username"], json!([says]), "{name}: {body}");
        let (status, body) = sign_up(&app, "/accounts/api/users/", name).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name}: {body}");
        assert_eq!(body, json!({"username": [says]}), "{name}");
    }
    // The operator's command line and a bot cannot take it either.
    let out = crate::team_cli::natter(
        &app,
        &[
            "create-user",
            "OnCall",
            "--password-stdin",
            "--email",
            "oc@example.org",
        ],
        "correct-horse\n",
    );
    assert!(!out.status.success(), "create-user took a group's handle");
    let (status, body) = app
        .post("/api/bots/", &boss, json!({"username": "oncall"}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    // Nor may a group take a person's name, the other way round.
    let (status, body) = make(&app, &boss, json!({"handle": "Carol"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");

    // A Slack export's person named like the group comes in under another name.
    let zip = app.dir.path().join("export.zip");
    write_zip(
        &zip,
        &[(
            "users.json",
            json!([{"id": "U1", "team_id": "T0NAMES", "name": "oncall", "real_name": "On Call",
                    "profile": {"email": "oncall@slack.example.com", "real_name": "On Call"}}]),
        )],
    );
    let media = app.media_dir().to_str().expect("utf-8").to_string();
    let path = zip.to_str().expect("utf-8").to_string();
    let out = crate::team_cli::natter(&app, &["--media-dir", &media, "import", "slack", &path], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        said.contains("Slack's oncall is imported as oncall-slack"),
        "{said}"
    );

    // A database from before holds a person who took the handle after the group was
    // made: the mention is the group's.
    let (dave_id, dave) = app.register("dave").await;
    let (eve_id, eve) = app.register("eve").await;
    let g = group(&app, &carol, "Ops", &[bob_id, dave_id, eve_id]).await;
    crate::search_operators::exec(
        &app,
        &format!("UPDATE users SET username = 'oncall', name_key = 'oncall' WHERE id = {eve_id}"),
    );
    send(&app, &dave, g, "first @oncall").await;
    assert_eq!(mentioned(&app, &bob).await, ["first @oncall"]);
    assert!(mentioned(&app, &eve).await.is_empty(), "{eve_id}");
    // A group made after the person, the other way round, leaves the mention the
    // person's: who had the name first keeps it.
    let (status, night) = make(
        &app,
        &boss,
        json!({"handle": "night", "user_ids": [dave_id]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{night}");
    crate::search_operators::exec(
        &app,
        &format!(
            "UPDATE user_groups SET handle = 'bob2', handle_key = 'bob2' WHERE id = {};
             UPDATE users SET username = 'bob2', name_key = 'bob2' WHERE id = {bob_id}",
            night["id"]
        ),
    );
    send(&app, &carol, g, "ask @bob2").await;
    assert_eq!(mentioned(&app, &bob).await, ["ask @bob2", "first @oncall"]);
    assert!(mentioned(&app, &dave).await.is_empty(), "{dave_id}");
}
