//! Bots and Slack's incoming webhooks, through the binary:
//! administrators make bots (the key shown once), add them to chats and read their hook
//! URLs; tools post Slack payloads to those URLs and the bot's message goes out live on
//! every surface; every refusal is Slack's word for it.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

/// An administrator (the first account), a person, a room of the administrator's with
/// the person in it, and a bot in that room: `(admin, person, room, bot, hook_url)`.
pub(crate) async fn bot_in_a_room(
    app: &TestApp,
    name: &str,
) -> (String, String, i64, Value, String) {
    let (_, admin) = app.register("boss").await;
    let (person_id, person) = app.register("ann").await;
    let (status, room) = app
        .post("/api/rooms/", &admin, json!({"name": "ops"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{room}");
    let room = room["id"].as_i64().expect("room id");
    let (status, _) = app
        .post(&format!("/api/rooms/{room}/join/"), &person, json!({}))
        .await;
    assert!(status.is_success());
    let _ = person_id;
    let (status, bot) = app
        .post(
            "/api/bots/",
            &admin,
            json!({"username": name, "display_name": "Deploys"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{bot}");
    let (status, chat) = app
        .post(
            &format!("/api/bots/{}/chats/", bot["id"]),
            &admin,
            json!({"chat_id": room}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{chat}");
    let hook = chat["hook_url"].as_str().expect("hook_url").to_string();
    (admin, person, room, bot, hook)
}

/// Posts `body` with `content_type` to `url`: (status, body text, Content-Type).
pub(crate) async fn hook_post(
    url: &str,
    content_type: &str,
    body: impl Into<reqwest::Body>,
) -> (u16, String, String) {
    let r = reqwest::Client::new()
        .post(url)
        .header("Content-Type", content_type)
        .body(body)
        .send()
        .await
        .expect("hook post sent");
    let status = r.status().as_u16();
    let ct = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, r.text().await.unwrap_or_default(), ct)
}

async fn json_post(url: &str, payload: Value) -> (u16, String) {
    let (status, text, _) = hook_post(url, "application/json", payload.to_string()).await;
    (status, text)
}

/// The newest message of the room, as the rooms surface lists it.
async fn newest(app: &TestApp, auth: &str, room: i64) -> Value {
    let (status, page) = app.get(&format!("/api/rooms/{room}/messages/"), auth).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["results"][0].clone()
}

#[tokio::test]
async fn an_administrator_makes_a_bot_whose_key_is_shown_once_and_kept_hashed() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.register("boss").await;
    let (_, person) = app.register("ann").await;

    let (status, refused) = app
        .post("/api/bots/", &person, json!({"username": "sneaky"}))
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "only administrators make bots: {refused}"
    );

    let (status, bot) = app
        .post(
            "/api/bots/",
            &admin,
            json!({"username": "ci", "display_name": "CI", "image": "https://img.example.org/ci.png", "webhook_url": ""}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{bot}");
    let key = bot["key"].as_str().expect("the key, this once").to_string();
    let id = bot["id"].as_i64().unwrap();
    assert!(
        key.starts_with(&format!("{id}-")) && key.len() > 60,
        "{key}"
    );
    assert_eq!(bot["is_bot"], true);
    assert_eq!(bot["webhook_url"], Value::Null);
    assert_eq!(
        bot["key_hook_url"],
        format!("{}/hooks/{key}", app.base),
        "{bot}"
    );

    // Never shown again, to anyone.
    let (_, again) = app.get(&format!("/api/bots/{id}/"), &admin).await;
    assert_eq!(again["key"], Value::Null, "{again}");
    assert_eq!(again["key_hook_url"], Value::Null);
    let (status, listed) = app.get("/api/bots/", &person).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed["count"], 1);
    let public = &listed["results"][0];
    assert_eq!(public["username"], "ci");
    assert_eq!(public["is_bot"], true);
    assert_eq!(public["image"], "https://img.example.org/ci.png");
    let (status, refused) = app
        .call(
            reqwest::Method::PATCH,
            &format!("/api/bots/{id}/"),
            Some(&admin),
            Some(json!({"image": "javascript:alert(1)"})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
    assert!(refused["image"].is_array(), "{refused}");
    let (status, changed) = app
        .call(
            reqwest::Method::PATCH,
            &format!("/api/bots/{id}/"),
            Some(&admin),
            Some(json!({"image": "/media/user_images/ci.png", "display_name": "CI bot"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["image"], "/media/user_images/ci.png");
    assert_eq!(changed["display_name"], "CI bot");
    assert!(
        public.get("chats").is_none() && public.get("webhook_url").is_none(),
        "people see a bot, not its hooks: {public}"
    );

    // Not in the database file, in any form a copy of it would show.
    if !crate::pg::suite_on_postgres() {
        let db = std::fs::read(app.db_path()).expect("database file");
        let wal = std::fs::read(app.db_path().with_extension("db-wal")).unwrap_or_default();
        for bytes in [&db, &wal] {
            assert!(
                !bytes.windows(key.len()).any(|w| w == key.as_bytes()),
                "the key is in the database file"
            );
        }
    }

    // Taken names are taken, look-alikes too; a bot cannot sign in.
    let (status, taken) = app
        .post("/api/bots/", &admin, json!({"username": "ＡＮＮ"}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{taken}");
    assert!(taken["username"].is_array(), "{taken}");
    for password in ["", "x", &key] {
        let (status, _) = app
            .call(
                reqwest::Method::POST,
                "/api/auth/login/",
                None,
                Some(json!({"username": "ci", "password": password})),
            )
            .await;
        assert!(
            status.is_client_error(),
            "a bot signed in with {password:?}: {status}"
        );
    }

    // Nor can an administrator give it a way to: no reset link for a bot.
    let (status, refused) = app
        .post(
            &format!("/api/admin/users/{id}/password-reset/"),
            &admin,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");

    // Audit list names what was done.
    let (_, audit) = app.get("/api/admin/audit/", &admin).await;
    assert!(audit.to_string().contains("bot.create"), "{audit}");
}

#[tokio::test]
async fn a_slack_payload_posted_to_a_hook_goes_out_live_on_every_surface_as_the_bot() {
    let app = TestApp::spawn().await;
    let (_, person, room, bot, hook) = bot_in_a_room(&app, "deploybot").await;
    let mut room_socket = app.socket(&format!("/ws/room/{room}/"), &person).await;
    let mut chats_socket = app.socket("/messages/ws/", &person).await;

    let payload = json!({
        "text": "*Deploy* of <https://ci.example.org/9|build 9> _done_ by <@ann>",
        "username": "impostor",
        "icon_emoji": ":ghost:",
        "attachments": [{
            "fallback": "plain",
            "color": "good",
            "pretext": "Pipeline",
            "title": "Build 9",
            "title_link": "https://ci.example.org/9",
            "text": "`main` at 3f2a",
            "fields": [{"title": "Status", "value": "green", "short": true}]
        }]
    });
    assert_eq!(json_post(&hook, payload).await, (200, "ok".to_string()));

    let want = "**Deploy** of [build 9](https://ci.example.org/9) _done_ by @ann";
    let live = wait_for(&mut room_socket, |v| v.to_string().contains("build 9")).await;
    assert!(
        live.to_string().contains("deploybot"),
        "sent as the bot: {live}"
    );
    let live = wait_for(&mut chats_socket, |v| v.to_string().contains("build 9")).await;
    assert!(live.to_string().contains("deploybot"), "{live}");

    let message = newest(&app, &person, room).await;
    assert_eq!(message["author"]["id"], bot["id"], "{message}");
    assert_eq!(message["author"]["username"], "deploybot");
    let text = message["content"].as_str().unwrap();
    assert!(text.starts_with(want), "{text}");
    for part in [
        "Pipeline",
        "[Build 9](https://ci.example.org/9)",
        "`main` at 3f2a",
        "**Status**: green",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    assert!(
        !text.contains("impostor"),
        "the username override is not honoured: {text}"
    );

    // The mention of ann is a mention.
    let (_, mentions) = app.get("/api/mentions/", &person).await;
    assert!(mentions.to_string().contains("build 9"), "{mentions}");
}

#[tokio::test]
async fn form_posts_blocks_and_every_refusal_in_slacks_words() {
    let app = TestApp::spawn().await;
    let (admin, person, room, bot, hook) = bot_in_a_room(&app, "alerts").await;

    // payload= form, as curl and older senders send it.
    let form = format!(
        "payload={}",
        urlencoding(&json!({"text": "from a form"}).to_string())
    );
    let (status, text, ct) = hook_post(&hook, "application/x-www-form-urlencoded", form).await;
    assert_eq!((status, text.as_str()), (200, "ok"));
    assert!(ct.starts_with("text/plain"), "{ct}");
    assert_eq!(newest(&app, &person, room).await["content"], "from a form");

    // Block Kit.
    let blocks = json!({"text": "fallback", "blocks": [
        {"type": "header", "text": {"type": "plain_text", "text": "Release 2.1"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "*ready* to ship"},
         "fields": [{"type": "mrkdwn", "text": "*Env*\nprod"}]},
        {"type": "divider"},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "by CI"}]}
    ]});
    assert_eq!(json_post(&hook, blocks).await, (200, "ok".into()));
    let text = newest(&app, &person, room).await["content"]
        .as_str()
        .unwrap()
        .to_string();
    for part in ["Release 2.1", "**ready** to ship", "prod", "by CI"] {
        assert!(text.contains(part), "{part} in {text}");
    }
    assert!(
        !text.contains("fallback"),
        "blocks shown, text kept for notifications: {text}"
    );

    // Refusals.
    assert_eq!(
        hook_post(&hook, "application/json", "not json").await.0,
        400
    );
    assert_eq!(
        hook_post(&hook, "application/json", "not json").await.1,
        "invalid_payload"
    );
    assert_eq!(
        json_post(&hook, json!([1, 2])).await,
        (400, "invalid_payload".into())
    );
    assert_eq!(
        json_post(&hook, json!({"text": "  "})).await,
        (400, "no_text".into())
    );
    // A NUL in any text is refused, as everywhere (PostgreSQL cannot store one).
    assert_eq!(
        json_post(&hook, json!({"text": "a\u{0}b"})).await,
        (400, "invalid_payload".into())
    );
    assert_eq!(
        json_post(&hook, json!({"text": "x", "channel": "#r\u{0}"})).await,
        (400, "invalid_payload".into())
    );
    let form = format!(
        "payload={}",
        urlencoding(&json!({"text": "a\u{0}b"}).to_string())
    );
    assert_eq!(
        hook_post(&hook, "application/x-www-form-urlencoded", form)
            .await
            .1,
        "invalid_payload"
    );
    assert_eq!(
        json_post(&hook, json!({"text": "a literal \\u0000 and %00"})).await,
        (200, "ok".into())
    );
    let tampered = format!(
        "{}{}",
        &hook[..hook.len() - 1],
        if hook.ends_with('0') { '1' } else { '0' }
    );
    assert_eq!(
        json_post(&tampered, json!({"text": "x"})).await,
        (404, "no_service".into())
    );
    let bot_id = bot["id"].as_i64().unwrap();
    let other_chat = format!(
        "{}/hooks/{bot_id}-{}-{}",
        app.base,
        room + 1,
        &hook[hook.len() - 40..]
    );
    assert_eq!(
        json_post(&other_chat, json!({"text": "x"})).await,
        (404, "no_service".into())
    );
    for junk in ["nothing", "1-2", "a-b-c", "99999999999999999999-1-00"] {
        let url = format!("{}/hooks/{junk}", app.base);
        assert_eq!(
            json_post(&url, json!({"text": "x"})).await,
            (404, "no_service".into()),
            "{junk}"
        );
    }
    let r = reqwest::get(&hook).await.unwrap();
    assert_eq!(r.status().as_u16(), 405);
    assert_eq!(r.text().await.unwrap(), "invalid_method");

    // Too large: 413 before the payload is read.
    let big = json!({"text": "x".repeat(200 * 1024)}).to_string();
    let (status, text, _) = hook_post(&hook, "application/json", big).await;
    assert_eq!((status, text.as_str()), (413, "request_too_large"));

    // `channel` moves a post to another chat of the bot's, and is ignored otherwise.
    let (_, group) = app
        .post(
            "/messages/api/chats/",
            &admin,
            json!({"chat_type": "group", "title": "Releases", "member_ids": []}),
        )
        .await;
    let group_id = group["id"].as_i64().expect("group id");
    let (status, _) = app
        .post(
            &format!("/api/bots/{bot_id}/chats/"),
            &admin,
            json!({"chat_id": group_id}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        json_post(
            &hook,
            json!({"text": "to releases", "channel": "#releases"})
        )
        .await
        .0,
        200
    );
    assert_eq!(
        json_post(&hook, json!({"text": "stays", "channel": "#nowhere"}))
            .await
            .0,
        200
    );
    assert_eq!(newest(&app, &person, room).await["content"], "stays");
    let (_, history) = app
        .get(&format!("/messages/api/chats/{group_id}/messages/"), &admin)
        .await;
    assert!(history.to_string().contains("to releases"), "{history}");

    // Out of the room: its hook is refused.
    let (status, _) = app
        .call(
            reqwest::Method::DELETE,
            &format!("/api/bots/{bot_id}/chats/{room}/"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        json_post(&hook, json!({"text": "x"})).await,
        (403, "action_prohibited".into())
    );
}

/// Percent-encodes a form value.
fn urlencoding(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn the_key_url_needs_a_channel_and_rotating_or_deleting_stops_every_url_at_once() {
    let app = TestApp::spawn().await;
    let (admin, person, room, bot, hook) = bot_in_a_room(&app, "cron").await;
    let id = bot["id"].as_i64().unwrap();
    let key_url = bot["key_hook_url"].as_str().unwrap().to_string();
    assert_eq!(
        json_post(&key_url, json!({"text": "where?"})).await,
        (404, "channel_not_found".into())
    );
    assert_eq!(
        json_post(&key_url, json!({"text": "nightly ok", "channel": "#ops"})).await,
        (200, "ok".into())
    );
    assert_eq!(
        json_post(
            &key_url,
            json!({"text": "by id", "channel": room.to_string()})
        )
        .await,
        (200, "ok".into())
    );
    assert_eq!(newest(&app, &person, room).await["content"], "by id");

    // Rotation: both old URLs stop, the new ones work.
    let (status, rotated) = app
        .post(&format!("/api/bots/{id}/key/"), &admin, json!({}))
        .await;
    assert_eq!(status, StatusCode::OK, "{rotated}");
    assert_ne!(rotated["key"], bot["key"]);
    assert_eq!(
        json_post(&key_url, json!({"text": "x", "channel": "#ops"})).await,
        (404, "no_service".into())
    );
    assert_eq!(
        json_post(&hook, json!({"text": "x"})).await,
        (404, "no_service".into())
    );
    let new_hook = rotated["chats"][0]["hook_url"]
        .as_str()
        .expect("new hook url")
        .to_string();
    assert_ne!(new_hook, hook);
    assert_eq!(
        json_post(&new_hook, json!({"text": "rotated"})).await,
        (200, "ok".into())
    );
    let new_key_url = rotated["key_hook_url"].as_str().unwrap().to_string();
    assert_eq!(
        json_post(&new_key_url, json!({"text": "x", "channel": "ops"}))
            .await
            .0,
        200
    );

    // Deletion: at once, and the bot's messages stay as it wrote them.
    let (status, _) = app
        .call(
            reqwest::Method::DELETE,
            &format!("/api/bots/{id}/"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        json_post(&new_hook, json!({"text": "x"})).await,
        (404, "no_service".into())
    );
    assert_eq!(
        json_post(&new_key_url, json!({"text": "x", "channel": "ops"})).await,
        (404, "no_service".into())
    );
    let (_, page) = app
        .get(&format!("/api/rooms/{room}/messages/"), &person)
        .await;
    assert!(page.to_string().contains("rotated"), "{page}");
    let (status, _) = app.get(&format!("/api/bots/{id}/"), &admin).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn hooks_are_rate_limited_per_hook_and_tokens_stay_out_of_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("natter.db");
    let mut child = spawn_logging(&db, &dir.path().join("media"), &["--rate-limits", "on"]);
    let addr = listening_address(&mut child);
    let stderr = child.stderr.take().expect("stderr");
    let log = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut std::io::BufReader::new(stderr), &mut text);
        text
    });
    let mut app = TestApp::adopt(dir, db.to_string_lossy().into_owned(), child, addr);
    let (_, _, _, _, hook) = bot_in_a_room(&app, "chatty").await;
    let mut answers = Vec::new();
    for i in 0..61 {
        answers.push(json_post(&hook, json!({"text": format!("line {i}")})).await);
    }
    assert!(answers[..60].iter().all(|a| a.0 == 200), "{answers:?}");
    let r = reqwest::Client::new()
        .post(&hook)
        .json(&json!({"text": "one more"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 429);
    assert!(r.headers().get("retry-after").is_some());
    assert_eq!(r.text().await.unwrap(), "rate_limited");
    assert_eq!(answers[60], (429, "rate_limited".into()));

    let token = hook.rsplit('/').next().unwrap().to_string();
    assert!(app.terminate(), "natter exits 0 on SIGTERM");
    let log = log.join().expect("log reader");
    assert!(log.contains("POST /hooks/… 200"), "the post is logged");
    assert!(
        !log.contains(&token[token.len() - 40..]),
        "the hook's secret is not logged"
    );
}

#[tokio::test]
async fn a_hooks_shortcodes_are_stored_as_their_emoji_but_not_in_code() {
    let app = TestApp::spawn().await;
    let (_, person, room, _, hook) = bot_in_a_room(&app, "deploys").await;
    let payload = json!({
        "text": ":white_check_mark: *deployed* :+1: `:smile:` :no_such_code: :wave::skin-tone-4:",
        "icon_emoji": ":robot_face:",
        "attachments": [{"text": ":fire: hot", "fallback": ":fire:"}],
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": ":tada: done\n```\n:tada:\n```"}},
            {"type": "header", "text": {"type": "plain_text", "text": ":rocket: v2", "emoji": true}},
        ],
    });
    let (status, text) = json_post(&hook, payload).await;
    assert_eq!((status, text.as_str()), (200, "ok"));
    let message = newest(&app, &person, room).await;
    let content = message["content"].as_str().expect("content");
    assert!(
        content.starts_with("🎉 done\n```\n:tada:\n```"),
        "{content}"
    );
    assert!(content.contains("🚀 v2"), "{content}");
    assert!(content.contains("🔥 hot"), "{content}");
    assert!(
        !content.contains("robot") && !content.contains('🤖'),
        "{content}"
    );

    // Without blocks, the text itself.
    let payload = json!({"text": ":white_check_mark: *deployed* :+1: `:smile:` :no_such_code: :wave::skin-tone-4:"});
    let (status, _) = json_post(&hook, payload).await;
    assert_eq!(status, 200);
    let message = newest(&app, &person, room).await;
    assert_eq!(
        message["content"],
        "✅ **deployed** 👍 `:smile:` :no_such_code: 👋🏽"
    );
}
