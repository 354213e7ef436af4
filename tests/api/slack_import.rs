//! `natter import slack EXPORT.zip` beside a running server: a small export built here
//! (people with a deleted one and a bot, a public and a private channel with a topic, a
//! DM, an edit, a thread with two replies of which one is broadcast, reactions, mentions
//! and `<!here>`), read back through the chats surface and `/api/threads/`; a second run
//! adds nothing; a malformed export is refused with a sentence and exit status 1.

use crate::helpers::*;
use crate::team_cli::natter;
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;

/// Writes a zip at `path` holding `files` (name, JSON).
fn write_zip(path: &Path, files: &[(&str, Value)]) {
    write_zip_holding(path, files, &[]);
}

/// [`write_zip`] with `held` besides: entries of raw bytes, as the files an export holds.
fn write_zip_holding(path: &Path, files: &[(&str, Value)], held: &[(&str, &[u8])]) {
    let file = std::fs::File::create(path).expect("zip file");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, value) in files {
        zip.start_file(*name, options).expect("entry");
        zip.write_all(value.to_string().as_bytes())
            .expect("entry written");
    }
    for (name, bytes) in held {
        zip.start_file(*name, options).expect("entry");
        zip.write_all(bytes).expect("entry written");
    }
    zip.finish().expect("zip finished");
}

/// The small export: alice (who has an account here by email), bob (whose name is
/// taken here by someone else), carol (deleted in Slack), deploybot (a bot user) and a
/// webhook that posts by name only.
fn export(path: &Path) {
    let user = |id: &str, name: &str, email: &str| {
        json!({"id": id, "team_id": "T0TEST", "name": name, "real_name": name.to_uppercase(),
               "profile": {"email": email, "real_name": name.to_uppercase()}})
    };
    let mut carol = user("U3", "carol", "carol@slack.example.com");
    carol["deleted"] = json!(true);
    let mut bot = user("U4", "deploybot", "");
    bot["is_bot"] = json!(true);
    let users = json!([
        user("U1", "alice", "alice@example.org"),
        user("U2", "bob", "bob@slack.example.com"),
        carol,
        bot
    ]);
    let channels = json!([{
        "id": "C1", "name": "general", "creator": "U1", "members": ["U1", "U2", "U3", "U4"],
        "topic": {"value": "Company-wide news"}, "purpose": {"value": "Everyone, everything"}
    }]);
    let groups = json!([{
        "id": "G1", "name": "secret-plans", "creator": "U2", "members": ["U1", "U2"],
        "topic": {"value": "Shh"}, "purpose": {"value": ""}
    }]);
    let dms = json!([{"id": "D1", "members": ["U1", "U2"]}]);
    let general_day1 = json!([
        {"type": "message", "user": "U1", "text": "Hello <@U2>, see <#C1> and <!here>", "ts": "1700000000.000100"},
        {"type": "message", "subtype": "channel_join", "user": "U3", "text": "<@U3> has joined the channel", "ts": "1700000001.000100"},
        {"type": "message", "user": "U2", "text": "Typo fixed", "ts": "1700000100.000200",
         "edited": {"user": "U2", "ts": "1700000200.000000"},
         "reactions": [{"name": "+1", "users": ["U1", "U3"], "count": 2},
                       {"name": "tada", "users": ["U2"], "count": 1},
                       {"name": "our-custom-emoji", "users": ["U1"], "count": 1},
                       {"name": "not an emoji!", "users": ["U2"], "count": 1}]},
        {"type": "message", "user": "U1", "text": "Shall we ship *today*?", "ts": "1700000300.000300",
         "thread_ts": "1700000300.000300", "reply_count": 2},
        {"type": "message", "user": "U2", "text": "Yes", "ts": "1700000400.000400",
         "thread_ts": "1700000300.000300", "parent_user_id": "U1"},
        {"type": "message", "subtype": "thread_broadcast", "user": "U3", "text": "Shipping now",
         "ts": "1700000500.000500", "thread_ts": "1700000300.000300"}
    ]);
    let general_day2 = json!([
        {"type": "message", "subtype": "bot_message", "bot_id": "B9", "username": "CI Hook",
         "text": "Build passed", "ts": "1700090000.000100"},
        {"type": "message", "user": "U4", "bot_id": "B4", "text": "Deployed", "ts": "1700090001.000100"},
        {"type": "message", "user": "U1", "text": "the report",
         "files": [{"id": "F1", "name": "report.pdf", "title": "Report",
                    "url_private": "https://files.slack.com/files-pri/T0TEST-F1/report.pdf"}],
         "ts": "1700090002.000100"}
    ]);
    let secret = json!([
        {"type": "message", "user": "U2", "text": "Only us", "ts": "1700000600.000600",
         "files": [{"id": "F2", "name": "plan.txt", "title": "The plan", "mimetype": "text/plain",
                    "url_private": "https://files.slack.com/files-pri/T0TEST-F2/plan.txt"}]}
    ]);
    let dm = json!([
        {"type": "message", "user": "U1", "text": "psst &lt;3", "ts": "1700000700.000700"}
    ]);
    write_zip_holding(
        path,
        &[
            ("users.json", users),
            ("channels.json", channels),
            ("groups.json", groups),
            ("dms.json", dms),
            ("general/2023-11-14.json", general_day1),
            ("general/2023-11-15.json", general_day2),
            ("secret-plans/2023-11-14.json", secret),
            ("D1/2023-11-14.json", dm),
        ],
        // The file the export holds beside its messages, as exports with files do.
        &[("__uploads/F2/plan.txt", b"step 1: ship\n")],
    );
}

fn out(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The chat titled `title` among `alice`'s.
fn chat<'a>(chats: &'a Value, title: &str) -> &'a Value {
    chats["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|c| c["title"] == title)
        .unwrap_or_else(|| panic!("no chat {title} in {chats}"))
}

#[tokio::test]
async fn a_slack_export_comes_over_once_beside_a_running_server() {
    let app = TestApp::spawn().await;
    let (_alice, ta) = app.register("alice").await;
    let (_bob_here, _) = app.register("bob").await;
    // Her address is confirmed (here by the operator): only that makes her Slack's alice.
    crate::team_cli::done(&app, &["users", "confirm-email", "alice"]);
    let zip_path = app.dir.path().join("export.zip");
    export(&zip_path);
    let path = zip_path.to_str().expect("utf-8 path");
    // alice has natter open while the import runs.
    let mut live = app.socket("/messages/ws/", &ta).await;

    let media = app.media_dir().to_str().expect("utf-8 path");
    let first = natter(&app, &["--media-dir", media, "import", "slack", path], "");
    let said = out(&first);
    assert!(first.status.success(), "{said}");
    println!("{said}");
    for line in [
        "Slack's alice is the existing account alice (their confirmed email)",
        "Slack's bob is imported as bob-slack: the name was taken here",
        "Slack notices (channel_join)",
        "reactions with an emoji name natter cannot keep (:not an emoji!:)",
        "/join/",
        "imported the Slack export export.zip:",
        "workspace id      T0TEST",
        // No `is_general` mark: the public channel named general is the one.
        "Slack's #general is this server's general room now: the server had no default room",
    ] {
        assert!(said.contains(line), "{line:?} missing from:\n{said}");
    }
    // The one file the export held (plan.txt) is counted as the file it stored.
    assert!(
        said.lines()
            .any(|l| l.split_whitespace().eq(["files", "copied", "1"])),
        "{said}"
    );

    // Her open socket is told of each conversation as it now is, so they appear at once
    // (in the order of their ids): the direct chat with its newest message. A server
    // that reads the import's notes between the chat's write and its day's (a loaded
    // machine) tells of the chat first without it, then again with it.
    wait_for(&mut live, |f| {
        f["type"] == "chat_updated" && f["chat"]["title"] == "general"
    })
    .await;
    let dm_frame = wait_for(&mut live, |f| {
        f["type"] == "chat_updated"
            && f["chat"]["chat_type"] == "dm"
            && !f["chat"]["last_message"].is_null()
    })
    .await;
    assert_eq!(
        dm_frame["chat"]["last_message"]["content"], "psst <3",
        "{dm_frame}"
    );

    // alice, matched by her confirmed email, sees the three conversations on reload.
    let (_, chats) = app.get("/messages/api/chats/", &ta).await;
    assert_eq!(chats["count"], 3, "{chats}");
    let general = chat(&chats, "general");
    assert_eq!(general["chat_type"], "room");
    let secret = chat(&chats, "secret-plans");
    assert_eq!(secret["chat_type"], "group");
    let dm = chat(&chats, "BOB");
    assert_eq!(dm["chat_type"], "dm");
    assert_eq!(dm["last_message"]["content"], "psst <3");
    assert_eq!(
        dm["last_message"]["created_at"],
        "2023-11-14T22:25:00.000700Z"
    );
    let general_id = general["id"].as_i64().expect("id");
    let (_, detail) = app
        .get(&format!("/messages/api/chats/{general_id}/"), &ta)
        .await;
    assert_eq!(
        detail["description"], "Everyone, everything\n\nTopic: Company-wide news",
        "{detail}"
    );
    assert_eq!(detail["topic"], "Company-wide news", "{detail}");
    let secret_id = secret["id"].as_i64().expect("id");
    let (_, detail) = app
        .get(&format!("/messages/api/chats/{secret_id}/"), &ta)
        .await;
    assert_eq!(detail["description"], "Shh", "{detail}");
    // The file the export held is attached, not linked, and downloads byte for byte.
    let (_, page) = app
        .get(&format!("/messages/api/chats/{secret_id}/messages/"), &ta)
        .await;
    let only_us = &page["results"][0];
    assert_eq!(only_us["content"], "Only us", "{page}");
    let attached = &only_us["attachments"][0];
    assert_eq!(
        (
            &attached["name"],
            &attached["size"],
            &attached["content_type"]
        ),
        (&json!("plan.txt"), &json!(13), &json!("text/plain")),
        "{page}"
    );
    let file = attached["id"].as_i64().expect("file id");
    let got = reqwest::Client::new()
        .get(format!("{}/api/files/{file}/download/", app.base))
        .header("Authorization", &ta)
        .send()
        .await
        .expect("download");
    assert_eq!(got.status(), 200);
    assert_eq!(got.text().await.expect("body"), "step 1: ship\n");

    let (_, page) = app
        .get(
            &format!("/messages/api/chats/{general_id}/messages/?page_size=50"),
            &ta,
        )
        .await;
    let messages = page["results"].as_array().expect("results").clone();
    assert_eq!(messages.len(), 8, "the join notice is left out: {page}");
    let by_text = |start: &str| -> Value {
        messages
            .iter()
            .find(|m| m["content"].as_str().is_some_and(|c| c.starts_with(start)))
            .unwrap_or_else(|| panic!("no message {start:?} in {page}"))
            .clone()
    };
    // Mentions, a bare channel link and <!here> rewritten; Slack's time kept.
    let hello = by_text("Hello");
    assert_eq!(hello["content"], "Hello @bob-slack, see #general and @here");
    assert_eq!(hello["created_at"], "2023-11-14T22:13:20.000100Z");
    // The edit, with its time, and the reactions as emoji.
    let fixed = by_text("Typo fixed");
    assert_eq!(fixed["is_edited"], true);
    assert_eq!(fixed["updated_at"], "2023-11-14T22:16:40.000000Z");
    let mut reactions: Vec<(String, Value)> = fixed["reactions"]
        .as_array()
        .expect("reactions")
        .iter()
        .map(|r| {
            (
                r["emoji"].as_str().unwrap_or("").to_string(),
                r["users"].clone(),
            )
        })
        .collect();
    reactions.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(reactions.len(), 3, "{fixed}");
    // The workspace's own emoji is kept by its name, as alice's reaction.
    assert!(
        reactions.iter().any(
            |(e, users)| e == ":our-custom-emoji:" && users.as_array().map_or(0, Vec::len) == 1
        ),
        "{fixed}"
    );
    assert!(reactions
        .iter()
        .any(|(e, users)| e == "👍" && users.as_array().map_or(0, Vec::len) == 2));
    assert!(reactions.iter().any(|(e, _)| e == "🎉"));
    // The thread: a root with two replies, the broadcast one also in the channel.
    let root = by_text("Shall we ship");
    let root_id = root["id"].as_i64().expect("id");
    assert_eq!(root["thread"]["reply_count"], 2, "{root}");
    let yes = by_text(&format!(
        "> @alice [#{root_id}]: Shall we ship **today**?\n\nYes"
    ));
    assert_eq!(
        (&yes["thread_id"], &yes["in_channel"]),
        (&json!(root_id), &json!(false))
    );
    let now = by_text(&format!(
        "> @alice [#{root_id}]: Shall we ship **today**?\n\nShipping"
    ));
    assert_eq!(
        (&now["thread_id"], &now["in_channel"]),
        (&json!(root_id), &json!(true))
    );
    assert_eq!(now["sender"]["username"], "carol");
    assert_eq!(
        now["sender"]["is_active"], false,
        "deleted in Slack: deactivated"
    );
    let (status, thread) = app.get(&format!("/api/threads/{root_id}/"), &ta).await;
    assert_eq!(status, 200, "{thread}");
    assert_eq!(thread["reply_count"], 2, "{thread}");
    assert_eq!(
        result_ids(&json!({"results": thread["replies"]})),
        vec![
            yes["id"].as_i64().expect("id"),
            now["id"].as_i64().expect("id")
        ]
    );
    // Bots keep their names: a bot user of users.json, and a hook that posted by name.
    assert_eq!(by_text("Deployed")["sender"]["username"], "deploybot");
    assert_eq!(by_text("Build passed")["sender"]["display_name"], "CI Hook");
    // A file the export holds only a link to stays a link.
    assert_eq!(
        by_text("the report")["content"],
        "the report\n[Report](https://files.slack.com/files-pri/T0TEST-F1/report.pdf)"
    );

    // Run again: nothing twice.
    let second = natter(&app, &["--media-dir", media, "import", "slack", path], "");
    let said = out(&second);
    assert!(second.status.success(), "{said}");
    assert!(
        said.contains("already imported by an earlier run: 10 messages"),
        "{said}"
    );
    assert!(!said.contains("/join/"), "no newcomers, no link: {said}");
    let (_, again) = app.get("/messages/api/chats/", &ta).await;
    assert_eq!(again["count"], 3, "{again}");
    let (_, page) = app
        .get(
            &format!("/messages/api/chats/{general_id}/messages/?page_size=50"),
            &ta,
        )
        .await;
    assert_eq!(page["count"], 8, "{page}");
    let list = crate::team_cli::done(&app, &["users", "list"]);
    assert_eq!(
        list.lines().count(),
        1 + 6,
        "alice, bob, bob-slack, carol and two bots:\n{list}"
    );
}

#[tokio::test]
async fn a_malformed_export_is_refused_with_the_file_and_record_named() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    crate::team_cli::done(&app, &["users", "confirm-email", "alice"]);
    let dir = app.dir.path();

    let not_zip = dir.join("not.zip");
    std::fs::write(&not_zip, b"this is no zip").expect("written");
    let refused = natter(&app, &["import", "slack", not_zip.to_str().unwrap()], "");
    assert_eq!(refused.status.code(), Some(1), "{}", out(&refused));
    assert!(
        out(&refused).contains("not a zip archive"),
        "{}",
        out(&refused)
    );

    let no_users = dir.join("no-users.zip");
    write_zip(&no_users, &[("channels.json", json!([]))]);
    let refused = natter(&app, &["import", "slack", no_users.to_str().unwrap()], "");
    assert_eq!(refused.status.code(), Some(1), "{}", out(&refused));
    assert!(
        out(&refused).contains("holds no users.json"),
        "{}",
        out(&refused)
    );

    // ann is alice by her confirmed email; her second day holds a record with no `ts`.
    let users = json!([{"id": "U1", "name": "ann", "profile": {"email": "alice@example.org"}}]);
    let channels = json!([{"id": "C1", "name": "general", "members": ["U1"]}]);
    let day1 =
        json!([{"type": "message", "user": "U1", "text": "day one", "ts": "1704186000.000100"}]);
    let bad_record = dir.join("bad-record.zip");
    write_zip(
        &bad_record,
        &[
            ("users.json", users.clone()),
            ("channels.json", channels.clone()),
            ("general/2024-01-02.json", day1.clone()),
            (
                "general/2024-01-03.json",
                json!([{"type": "message", "user": "U1", "text": "ok", "ts": "1704272400.000100"},
                       {"type": "message", "user": "U1", "text": "no time"}]),
            ),
        ],
    );
    let refused = natter(&app, &["import", "slack", bad_record.to_str().unwrap()], "");
    let said = out(&refused);
    assert_eq!(refused.status.code(), Some(1), "{said}");
    assert!(
        said.contains("general/2024-01-03.json: record 2: missing field `ts`"),
        "{said}"
    );
    assert!(!said.contains("panicked"), "{said}");
    // Each day file is its own write job: the first day stayed, the bad one left nothing.
    let (_, chats) = app.get("/messages/api/chats/", &ta).await;
    assert_eq!(chats["count"], 1, "{chats}");
    let general = chats["results"][0]["id"].as_i64().expect("id");
    let texts = |page: &Value| -> Vec<String> {
        page["results"]
            .as_array()
            .expect("results")
            .iter()
            .filter_map(|m| m["content"].as_str().map(String::from))
            .collect()
    };
    let messages = format!("/messages/api/chats/{general}/messages/");
    let (_, page) = app.get(&messages, &ta).await;
    assert_eq!(texts(&page), ["day one"]);

    // The export mended, a second run picks up where the first stopped.
    let mended = dir.join("mended.zip");
    write_zip(
        &mended,
        &[
            ("users.json", users),
            ("channels.json", channels),
            ("general/2024-01-02.json", day1),
            (
                "general/2024-01-03.json",
                json!([{"type": "message", "user": "U1", "text": "day two", "ts": "1704272400.000100"}]),
            ),
        ],
    );
    let resumed = natter(&app, &["import", "slack", mended.to_str().unwrap()], "");
    assert!(resumed.status.success(), "{}", out(&resumed));
    let (_, page) = app.get(&messages, &ta).await;
    assert_eq!(texts(&page), ["day two", "day one"]);
}

#[tokio::test]
async fn an_address_nobody_confirmed_brings_no_slack_history() {
    let app = TestApp::spawn().await;
    // A stranger signed up with Slack alice's address before the import.
    let (status, body) = app
        .call(
            reqwest::Method::POST,
            "/api/auth/register/",
            None,
            Some(json!({"username": "mallory", "email": "alice@example.org", "password": "correct-horse"})),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let mallory = format!("Token {}", body["token"].as_str().expect("token"));
    // ally is bob here under another address; the operator says so.
    let (_ally, ally) = app.register("ally").await;
    let zip_path = app.dir.path().join("export.zip");
    export(&zip_path);
    let path = zip_path.to_str().expect("utf-8 path");

    let run = natter(&app, &["import", "slack", path, "--map", "U2=ally"], "");
    let said = out(&run);
    assert!(run.status.success(), "{said}");
    for line in [
        "Slack's bob is the existing account ally (the map says so)",
        "alice@example.org goes to Slack's person, confirmed: the account mallory held it unconfirmed",
    ] {
        assert!(said.contains(line), "{line:?} missing from:\n{said}");
    }
    assert!(!said.contains("is the existing account mallory"), "{said}");
    // The stranger got nothing: no channel, no private group, no direct message, and no
    // longer the address.
    let (_, chats) = app.get("/messages/api/chats/", &mallory).await;
    assert_eq!(chats["count"], 0, "{chats}");
    let (_, account) = app.get("/api/account/", &mallory).await;
    assert_eq!(account["email"], "", "{account}");
    // Slack's alice came in as her own account, her address confirmed by the import.
    let list = crate::team_cli::done(&app, &["users", "list"]);
    let alice = list
        .lines()
        .find(|l| l.split_whitespace().nth(1) == Some("alice"))
        .unwrap_or_else(|| panic!("no alice in:\n{list}"));
    assert!(alice.contains("alice@example.org"), "{list}");
    // The mapped account has Slack bob's private group.
    let (_, chats) = app.get("/messages/api/chats/", &ally).await;
    assert!(
        chats["results"]
            .as_array()
            .expect("results")
            .iter()
            .any(|c| c["title"] == "secret-plans"),
        "{chats}"
    );
    // A map naming an account that does not exist stops the import with a sentence.
    let bad = natter(&app, &["import", "slack", path, "--map", "U9=nobody"], "");
    assert!(!bad.status.success());
    assert!(out(&bad).contains("nobody"), "{}", out(&bad));
}

/// Signs `name` up as the web client does (starting in the default rooms, so the first
/// one makes `general`); returns (id, `Token <key>`).
async fn web_sign_up(app: &TestApp, name: &str, email: &str) -> (i64, String) {
    let (status, made) = app
        .call(
            reqwest::Method::POST,
            "/api/auth/register/",
            None,
            Some(
                json!({"username": name, "email": email, "password": "correct-horse",
                        "join_default_rooms": true}),
            ),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    let token = made["token"].as_str().expect("token");
    (
        made["user"]["id"].as_i64().expect("id"),
        format!("Token {token}"),
    )
}

/// A workspace whose general channel Slack renamed `everyone` (its `is_general` mark says
/// which it is), with a `random` channel, no workspace id, and a thread whose last
/// reply, kept to the thread, is the newest record of the channel.
fn moving_export(path: &Path) {
    let user = |id: &str, name: &str, email: &str| {
        json!({"id": id, "name": name, "real_name": name.to_uppercase(),
               "profile": {"email": email, "real_name": name.to_uppercase()}})
    };
    let users = json!([
        user("U1", "alice", "alice@example.org"),
        user("U2", "bob", "bob@slack.example.com"),
        user("U3", "cy", "")
    ]);
    let channels = json!([
        {"id": "C2", "name": "random", "members": ["U1", "U2"]},
        {"id": "C1", "name": "everyone", "is_general": true, "creator": "U2",
         "members": ["U1", "U2", "U3"], "purpose": {"value": "The whole company"}}
    ]);
    let everyone = json!([
        {"type": "message", "user": "U1", "text": "Welcome, all", "ts": "1700000000.000100"},
        {"type": "message", "user": "U2", "text": "Lunch at noon?", "ts": "1700000100.000100",
         "thread_ts": "1700000100.000100", "reply_count": 1},
        {"type": "message", "user": "U1", "text": "Count me in", "ts": "1700000200.000100"},
        {"type": "message", "user": "U3", "text": "Only in the thread", "ts": "1700000300.000100",
         "thread_ts": "1700000100.000100"}
    ]);
    let random = json!([
        {"type": "message", "user": "U2", "text": "cats", "ts": "1700000050.000100"}
    ]);
    write_zip(
        path,
        &[
            ("users.json", users),
            ("channels.json", channels),
            ("everyone/2023-11-14.json", everyone),
            ("random/2023-11-14.json", random),
        ],
    );
}

/// The rooms among `auth`'s chats, by title.
async fn rooms_of(app: &TestApp, auth: &str) -> Vec<Value> {
    let (_, chats) = app.get("/messages/api/chats/", auth).await;
    chats["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|c| c["chat_type"] == "room")
        .cloned()
        .collect()
}

#[tokio::test]
async fn slacks_general_channel_goes_into_the_servers_empty_general() {
    let app = TestApp::spawn().await;
    // The administrator arrives first (making `general`), by her Slack address, and
    // confirms it; dora came by the join link and is in general too.
    let (_alice, ta) = web_sign_up(&app, "alice", "alice@example.org").await;
    crate::team_cli::done(&app, &["users", "confirm-email", "alice"]);
    let (dora, td) = web_sign_up(&app, "dora", "dora@example.org").await;
    let before = rooms_of(&app, &ta).await;
    assert_eq!(before.len(), 1, "{before:?}");
    let general_id = before[0]["id"].as_i64().expect("id");
    let zip_path = app.dir.path().join("acme-export.zip");
    moving_export(&zip_path);

    let run = natter(
        &app,
        &["import", "slack", zip_path.to_str().expect("utf-8")],
        "",
    );
    let said = out(&run);
    assert!(run.status.success(), "{said}");
    assert!(
        said.contains(
            "Slack's #everyone is this server's general room now: it went into #general \
             (which held no messages), with 2 people added to its members"
        ),
        "{said}"
    );

    // One general: the server's, with Slack's history, and random beside it.
    let rooms = rooms_of(&app, &ta).await;
    let titles: Vec<&str> = rooms.iter().filter_map(|r| r["title"].as_str()).collect();
    assert_eq!(titles.len(), 2, "{rooms:?}");
    assert!(
        titles.contains(&"general") && titles.contains(&"random"),
        "{titles:?}"
    );
    assert!(!titles.contains(&"everyone"), "{titles:?}");
    let general = rooms
        .iter()
        .find(|r| r["title"] == "general")
        .expect("general");
    assert_eq!(general["id"].as_i64(), Some(general_id));
    // Its list preview is the last message of the room itself, not the reply kept in
    // the thread, which is newer.
    assert_eq!(
        general["last_message"]["content"], "Count me in",
        "{general}"
    );
    let (_, detail) = app
        .get(&format!("/messages/api/chats/{general_id}/"), &ta)
        .await;
    assert_eq!(detail["description"], "The whole company", "{detail}");
    // Its members: the server's own (dora stays) and Slack's.
    let mut members: Vec<String> = detail["members"]
        .as_array()
        .expect("members")
        .iter()
        .filter_map(|m| m["username"].as_str().map(String::from))
        .collect();
    members.sort();
    assert_eq!(members, ["alice", "bob", "cy", "dora"], "{detail}");
    let (_, page) = app
        .get(&format!("/messages/api/chats/{general_id}/messages/"), &td)
        .await;
    let texts: Vec<&str> = page["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|m| m["content"].as_str())
        .collect();
    assert!(texts.contains(&"Welcome, all"), "{page}");
    // Seen by: dora, who uses her account, read up to the end as the import left it;
    // bob and cy, whom the import made and who never signed in, read nothing.
    let welcome = page["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|m| m["content"] == "Welcome, all")
        .expect("welcome");
    let readers = welcome["read_by"].as_array().expect("read_by").clone();
    assert!(readers.contains(&json!(dora)), "{welcome}");
    let bob = crate::team_cli::done(&app, &["users", "list"])
        .lines()
        .find(|l| l.split_whitespace().nth(1) == Some("bob"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|id| id.parse::<i64>().ok())
        .expect("bob's id");
    assert!(!readers.contains(&json!(bob)), "{welcome}");
    // The thread's root, read through /api/threads/, names no such reader either.
    let lunch = page["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|m| m["content"] == "Lunch at noon?")
        .and_then(|m| m["id"].as_i64())
        .expect("the thread's root");
    let (_, thread) = app.get(&format!("/api/threads/{lunch}/"), &ta).await;
    for reply in thread["replies"].as_array().expect("replies") {
        assert_eq!(reply["read_by"], json!([]), "{thread}");
    }

    // A newcomer by the join link lands in the one general, history and all.
    let (_, tn) = web_sign_up(&app, "newbie", "newbie@example.org").await;
    let theirs = rooms_of(&app, &tn).await;
    assert_eq!(theirs.len(), 1, "{theirs:?}");
    assert_eq!(theirs[0]["id"].as_i64(), Some(general_id));
    // Their own arrival line is the room's newest message now.
    assert_eq!(theirs[0]["last_message"]["content"], "👋 joined");
    assert_eq!(theirs[0]["last_message"]["sender"]["username"], "newbie");
}

#[tokio::test]
async fn a_general_with_history_of_its_own_stays_apart_and_slacks_becomes_a_default_room() {
    let app = TestApp::spawn().await;
    let (_admin, ta) = web_sign_up(&app, "admin", "admin@example.org").await;
    let rooms = rooms_of(&app, &ta).await;
    let general_id = rooms[0]["id"].as_i64().expect("id");
    let (status, sent) = app
        .post(
            &format!("/messages/api/chats/{general_id}/messages/"),
            &ta,
            json!({"content": "our own news"}),
        )
        .await;
    assert_eq!(status, 201, "{sent}");
    let zip_path = app.dir.path().join("acme-export.zip");
    moving_export(&zip_path);

    let run = natter(
        &app,
        &["import", "slack", zip_path.to_str().expect("utf-8")],
        "",
    );
    let said = out(&run);
    assert!(run.status.success(), "{said}");
    assert!(
        said.contains(
            "Slack's #everyone came in as a room of its own, made a default room (newcomers \
             start there): this server's #general holds 1 messages of its own"
        ),
        "{said}"
    );
    // Both are default rooms, so a newcomer lands in both; the server's keeps its words.
    let (_, tn) = web_sign_up(&app, "newbie", "newbie@example.org").await;
    let mut titles: Vec<String> = rooms_of(&app, &tn)
        .await
        .iter()
        .filter_map(|r| r["title"].as_str().map(String::from))
        .collect();
    titles.sort();
    assert_eq!(titles, ["everyone", "general"]);
    let (_, page) = app
        .get(&format!("/messages/api/chats/{general_id}/messages/"), &ta)
        .await;
    // The server's own news and the two arrival lines (the admin's and the newcomer's),
    // none of Slack's history.
    let texts: Vec<&str> = page["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|m| m["content"].as_str())
        .collect();
    assert_eq!(texts, ["👋 joined", "our own news", "👋 joined"], "{page}");
}

#[tokio::test]
async fn the_summary_names_the_export_and_the_ways_in_this_server_offers() {
    let app = TestApp::spawn().await;
    let zip_path = app.dir.path().join("acme-export.zip");
    moving_export(&zip_path);
    let path = zip_path.to_str().expect("utf-8");

    // Without mail: reset links or set-password, never "Forgot password?" per person.
    let run = natter(&app, &["import", "slack", path], "");
    let said = out(&run);
    assert!(run.status.success(), "{said}");
    assert!(
        said.contains("imported the Slack export acme-export.zip:"),
        "{said}"
    );
    assert!(
        !said.contains("users-U1"),
        "the first person's id heads nothing: {said}"
    );
    assert!(
        !said.contains("workspace id"),
        "this export names none: {said}"
    );
    for line in [
        "this server sends no mail (no --smtp)",
        "give each person a reset link (Admin page, People, \"Reset password\")",
        "a reset link, or natter users set-password alice",
        "no email in the export: a reset link, or natter users set-password cy",
        "the server had no default room, so it is one",
    ] {
        assert!(said.contains(line), "{line:?} missing from:\n{said}");
    }
    assert!(!said.contains("\"Forgot password?\" with"), "{said}");

    // With mail: each person's own "Forgot password?".
    let app = TestApp::spawn().await;
    let run = natter(
        &app,
        &[
            "--smtp",
            "smtp://127.0.0.1:2525",
            "--mail-from",
            "chat@example.org",
            "import",
            "slack",
            path,
        ],
        "",
    );
    let said = out(&run);
    assert!(run.status.success(), "{said}");
    for line in [
        "each person sets one with \"Forgot password?\" on the sign-in page",
        "\"Forgot password?\" with alice@example.org",
        "no email in the export: a reset link, or natter users set-password cy",
    ] {
        assert!(said.contains(line), "{line:?} missing from:\n{said}");
    }
    assert!(!said.contains("sends no mail"), "{said}");
}
