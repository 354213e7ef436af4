//! `natter export`: the whole server as a Slack-format export, written beside a running
//! server and read back with a zip reader as an importer would: people, public and
//! private conversations, direct chats, messages with their threads, edits and reactions.

use crate::helpers::*;
use crate::team_cli::{done, natter};
use reqwest::Method;
use serde_json::{json, Value};
use std::io::Read;

/// The JSON files of a zip, by name.
fn read_zip(path: &std::path::Path) -> std::collections::BTreeMap<String, Value> {
    let file = std::fs::File::open(path).expect("the export");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut out = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("an entry");
        let mut text = String::new();
        entry.read_to_string(&mut text).expect("UTF-8");
        out.insert(
            entry.name().to_string(),
            serde_json::from_str(&text).expect("JSON"),
        );
    }
    out
}

#[tokio::test]
async fn the_server_exports_as_slack_does_beside_a_running_server() {
    let app = TestApp::spawn().await;
    let (ann, ta) = app.register("ann").await;
    let (bob, tb) = app.register("bob").await;
    let (status, room) = app
        .post(
            "/api/rooms/",
            &ta,
            json!({"name": "Ops & Deploys", "description": "where deploys go"}),
        )
        .await;
    assert_eq!(status, 201, "{room}");
    let room = room["id"].as_i64().expect("room");
    app.post(&format!("/api/rooms/{room}/join/"), &tb, json!({}))
        .await;
    let path = format!("/messages/api/chats/{room}/messages/");
    let (_, root) = app
        .post(&path, &ta, json!({"content": "deploy at 5?"}))
        .await;
    let (_, reply) = app
        .post(
            &path,
            &tb,
            json!({"content": "yes", "thread_id": root["id"]}),
        )
        .await;
    assert_eq!(reply["thread_id"], root["id"]);
    app.post(
        &format!("/messages/api/messages/{}/reactions/", root["id"]),
        &tb,
        json!({"emoji": "👍"}),
    )
    .await;
    let (status, _) = app
        .call(
            Method::PATCH,
            &format!("/messages/api/messages/{}/", root["id"]),
            Some(&ta),
            Some(json!({"content": "deploy at 5pm?"})),
        )
        .await;
    assert_eq!(status, 200);
    let (_, dm) = app
        .post(
            "/api/messages/",
            &tb,
            json!({"receiver": ann, "content": "привет"}),
        )
        .await;
    let dm_chat = dm["chat"].as_i64().or_else(|| dm["chat_id"].as_i64());

    let dir = tempfile::tempdir().expect("tempdir");
    let zip_path = dir.path().join("export.zip");
    let out = done(&app, &["export", zip_path.to_str().expect("path")]);
    assert!(
        out.contains("exported 2 people, 2 conversations, 3 messages"),
        "{out}"
    );
    let again = natter(&app, &["export", zip_path.to_str().expect("path")], "");
    assert!(
        !again.status.success(),
        "an existing file is never overwritten"
    );

    let files = read_zip(&zip_path);
    let users = files["users.json"].as_array().expect("users");
    let names: Vec<&str> = users.iter().filter_map(|u| u["name"].as_str()).collect();
    assert_eq!(names, vec!["ann", "bob"]);
    assert_eq!(users[0]["id"], format!("U{ann}"));
    let channels = files["channels.json"].as_array().expect("channels");
    assert_eq!(channels.len(), 1, "{channels:?}");
    assert_eq!(channels[0]["id"], format!("C{room}"));
    assert_eq!(channels[0]["purpose"]["value"], "where deploys go");
    assert_eq!(channels[0]["is_general"], false, "no default room here");
    assert_eq!(
        channels[0]["members"],
        json!([format!("U{ann}"), format!("U{bob}")])
    );
    let folder = channels[0]["name"].as_str().expect("name").to_string();
    let dms = files["dms.json"].as_array().expect("dms");
    assert_eq!(dms.len(), 1);
    let day: Vec<&Value> = files
        .iter()
        .filter(|(name, _)| name.starts_with(&format!("{folder}/")))
        .flat_map(|(_, v)| v.as_array().into_iter().flatten())
        .collect();
    assert_eq!(day.len(), 2, "{day:?}");
    let (first, second) = (day[0], day[1]);
    assert_eq!(first["text"], "deploy at 5pm?");
    assert_eq!(first["user"], format!("U{ann}"));
    assert_eq!(first["edited"]["user"], format!("U{ann}"));
    assert_eq!(
        first["reactions"],
        json!([{"name": "+1", "users": [format!("U{bob}")], "count": 1}])
    );
    assert_eq!(
        (&first["thread_ts"], &first["reply_count"]),
        (&first["ts"], &json!(1))
    );
    assert_eq!(
        second["thread_ts"], first["ts"],
        "the reply names its thread"
    );
    assert_eq!(
        second["text"], "yes",
        "without the quote line natter keeps for the seeds"
    );
    let dm_folder = format!(
        "D{}",
        dm_chat.unwrap_or_else(|| dms[0]["id"].as_str().unwrap_or("D0")[1..]
            .parse()
            .unwrap_or(0))
    );
    let dm_messages: Vec<&Value> = files
        .iter()
        .filter(|(name, _)| name.starts_with(&format!("{dm_folder}/")))
        .flat_map(|(_, v)| v.as_array().into_iter().flatten())
        .collect();
    assert_eq!(
        dm_messages.len(),
        1,
        "{:?}",
        files.keys().collect::<Vec<_>>()
    );
    assert_eq!(dm_messages[0]["text"], "привет");
}

#[tokio::test]
async fn each_person_downloads_their_own_data_as_a_zip() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("ann").await;
    let (bob, tb) = app.register("bob").await;
    let (status, file) = upload(&app, &ta, "notes.txt", "text/plain", b"my notes".to_vec()).await;
    assert_eq!(status, 201, "{file}");
    let (status, group) = app
        .post(
            "/messages/api/chats/",
            &ta,
            json!({"chat_type": "group", "title": "pair", "member_ids": [bob]}),
        )
        .await;
    assert_eq!(status, 201, "{group}");
    let path = format!("/messages/api/chats/{}/messages/", group["id"]);
    app.post(
        &path,
        &ta,
        json!({"content": "mine", "attachment_ids": [file["id"]]}),
    )
    .await;
    app.post(&path, &tb, json!({"content": "bob's, not in ann's export"}))
        .await;

    let answer = app
        .client
        .get(format!("{}/api/account/export/", app.base))
        .header("Authorization", &ta)
        .send()
        .await
        .expect("export");
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.headers()["content-type"], "application/zip");
    assert!(answer.headers()["content-disposition"]
        .to_str()
        .unwrap_or("")
        .starts_with("attachment"));
    let bytes = answer.bytes().await.expect("bytes");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
    let mut read = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .expect(name)
            .read_to_string(&mut text)
            .expect("UTF-8");
        text
    };
    let account: Value = serde_json::from_str(&read("account.json")).expect("JSON");
    assert_eq!(account["username"], "ann");
    let messages: Value = serde_json::from_str(&read("messages.json")).expect("JSON");
    let texts: Vec<&str> = messages
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|m| m["content"].as_str())
        .collect();
    assert_eq!(texts, vec!["mine"]);
    let chats: Value = serde_json::from_str(&read("chats.json")).expect("JSON");
    assert_eq!(chats[0]["title"], "pair");
    assert_eq!(read(&format!("files/{}-notes.txt", file["id"])), "my notes");
    let (status, _) = app
        .call(Method::GET, "/api/account/export/", None, None)
        .await;
    assert_eq!(status, 401);
}

/// Every message text of an export, by conversation folder kind, sorted.
fn texts(files: &std::collections::BTreeMap<String, Value>) -> Vec<String> {
    let mut out: Vec<String> = files
        .iter()
        .filter(|(name, _)| name.contains('/'))
        .flat_map(|(_, v)| v.as_array().cloned().unwrap_or_default())
        .map(|m| {
            format!(
                "{}|{}",
                m["text"].as_str().unwrap_or(""),
                m["thread_ts"].is_string()
            )
        })
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn an_export_imported_into_an_empty_server_gives_back_the_same_chats_and_messages() {
    let app = TestApp::spawn().await;
    let (ann, ta) = app.register("ann").await;
    let (_, tb) = app.register("bob").await;
    let (_, room) = app.post("/api/rooms/", &ta, json!({"name": "plans"})).await;
    let room = room["id"].as_i64().expect("room");
    app.post(&format!("/api/rooms/{room}/join/"), &tb, json!({}))
        .await;
    let path = format!("/messages/api/chats/{room}/messages/");
    let (_, root) = app.post(&path, &ta, json!({"content": "friday?"})).await;
    app.post(
        &path,
        &tb,
        json!({"content": "yes", "thread_id": root["id"]}),
    )
    .await;
    app.post(&path, &tb, json!({"content": "and **bold**"}))
        .await;
    app.post(
        "/api/messages/",
        &tb,
        json!({"receiver": ann, "content": "hi ann"}),
    )
    .await;

    // The room newcomers start in is the export's general channel.
    done(&app, &["rooms", "default", "plans"]);

    let dir = tempfile::tempdir().expect("tempdir");
    let first = dir.path().join("first.zip");
    done(&app, &["export", first.to_str().expect("path")]);
    let channels = read_zip(&first)["channels.json"].clone();
    assert_eq!(channels[0]["is_general"], true, "{channels}");

    let empty = TestApp::spawn().await;
    let out = natter(
        &empty,
        &["import", "slack", first.to_str().expect("path")],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // On the server that had none, it is the default room again.
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("Slack's #plans is this server's general room now"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let second = dir.path().join("second.zip");
    done(&empty, &["export", second.to_str().expect("path")]);

    let (a, b) = (read_zip(&first), read_zip(&second));
    assert_eq!(texts(&a), texts(&b));
    let names = |f: &std::collections::BTreeMap<String, Value>| -> Vec<String> {
        f["channels.json"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| {
                c["purpose"]["value"]
                    .as_str()
                    .map(String::from)
                    .or(Some(String::new()))
            })
            .collect()
    };
    assert_eq!(names(&a).len(), names(&b).len());
    let users = |f: &std::collections::BTreeMap<String, Value>| -> Vec<String> {
        f["users.json"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|u| u["name"].as_str().map(String::from))
            .collect()
    };
    assert_eq!(users(&a), users(&b));
}

/// Each conversation of an export as `(list, name, its messages' texts)`, sorted; its
/// day files found as `natter import slack` finds them (under its id, else its name).
fn conversations(
    files: &std::collections::BTreeMap<String, Value>,
) -> Vec<(String, String, Vec<String>)> {
    let mut out = Vec::new();
    for list in ["channels.json", "groups.json"] {
        for c in files[list].as_array().expect("a list") {
            let (id, name) = (
                c["id"].as_str().expect("id"),
                c["name"].as_str().expect("name"),
            );
            let has_id_folder = files.keys().any(|f| f.starts_with(&format!("{id}/")));
            let folder = if has_id_folder { id } else { name };
            let mut texts: Vec<String> = files
                .iter()
                .filter(|(f, _)| f.rsplit_once('/').map(|(dir, _)| dir) == Some(folder))
                .flat_map(|(_, day)| day.as_array().cloned().unwrap_or_default())
                .filter_map(|m| m["text"].as_str().map(String::from))
                .collect();
            texts.sort();
            out.push((list.to_string(), name.to_string(), texts));
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn names_come_back_as_they_were_after_an_export_and_an_import() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("ann").await;
    let (bob, _) = app.register("bob").await;
    let mut rooms = Vec::new();
    for name in ["ops", "Ops & Deploys", "a/b", "C1"] {
        let (status, room) = app.post("/api/rooms/", &ta, json!({"name": name})).await;
        assert_eq!(status, 201, "{room}");
        rooms.push((name, room["id"].as_i64().expect("room")));
    }
    // A private group of the same name as a room: both keep it.
    let (status, group) = app
        .post(
            "/messages/api/chats/",
            &ta,
            json!({"chat_type": "group", "title": "ops", "member_ids": [bob]}),
        )
        .await;
    assert_eq!(status, 201, "{group}");
    rooms.push(("group ops", group["id"].as_i64().expect("group")));
    for (name, id) in &rooms {
        let (status, sent) = app
            .post(
                &format!("/messages/api/chats/{id}/messages/"),
                &ta,
                json!({"content": format!("in {name}")}),
            )
            .await;
        assert_eq!(status, 201, "{sent}");
    }

    let dir = tempfile::tempdir().expect("tempdir");
    let first = dir.path().join("first.zip");
    done(&app, &["export", first.to_str().expect("path")]);
    let before = conversations(&read_zip(&first));
    let named = |list: &str, name: &str, text: &str| {
        (list.to_string(), name.to_string(), vec![text.to_string()])
    };
    assert_eq!(
        before,
        vec![
            named("channels.json", "C1", "in C1"),
            named("channels.json", "Ops & Deploys", "in Ops & Deploys"),
            named("channels.json", "a/b", "in a/b"),
            named("channels.json", "ops", "in ops"),
            named("groups.json", "ops", "in group ops"),
        ]
    );

    // Into an empty server and out again: the same names, nothing added to them.
    let empty = TestApp::spawn().await;
    let imported = natter(
        &empty,
        &["import", "slack", first.to_str().expect("path")],
        "",
    );
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let second = dir.path().join("second.zip");
    done(&empty, &["export", second.to_str().expect("path")]);
    assert_eq!(conversations(&read_zip(&second)), before);
}
