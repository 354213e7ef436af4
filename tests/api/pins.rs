//! Pinned messages through the binary: members pin and unpin, every member's socket
//! hears `message_pinned` / `message_unpinned` with the chat's pin count, the chat's
//! admins can keep pinning to themselves, someone outside the chat gets the same 404 as
//! for a chat that does not exist, a deleted message leaves the list, and the count is
//! bounded.

use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A group `owner` made with `members`; its id.
pub(crate) async fn group(app: &TestApp, owner: &str, title: &str, members: &[i64]) -> i64 {
    let (status, chat) = app
        .post(
            "/messages/api/chats/",
            owner,
            json!({"chat_type": "group", "title": title, "member_ids": members}),
        )
        .await;
    assert_eq!(status, 201, "{chat}");
    chat["id"].as_i64().expect("chat id")
}

/// Sends `content` to `chat`; the message's id.
pub(crate) async fn send(app: &TestApp, auth: &str, chat: i64, content: &str) -> i64 {
    let (status, sent) = app
        .post(
            &format!("/messages/api/chats/{chat}/messages/"),
            auth,
            json!({ "content": content }),
        )
        .await;
    assert_eq!(status, 201, "{sent}");
    sent["id"].as_i64().expect("message id")
}

async fn pin(app: &TestApp, auth: &str, message: i64, on: bool) -> (StatusCode, Value) {
    let method = if on { Method::POST } else { Method::DELETE };
    let path = format!("/messages/api/messages/{message}/pin/");
    app.call(method, &path, Some(auth), None).await
}

async fn pins(app: &TestApp, auth: &str, chat: i64) -> (StatusCode, Value) {
    app.get(&format!("/messages/api/chats/{chat}/pins/"), auth)
        .await
}

fn pinned_ids(list: &Value) -> Vec<i64> {
    list["results"]
        .as_array()
        .map(|r| r.iter().filter_map(|p| p["message_id"].as_i64()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn members_pin_and_unpin_and_every_socket_hears_it() {
    let app = TestApp::spawn().await;
    let (ann, ta) = app.register("ann").await;
    let (bob, tb) = app.register("bob").await;
    let chat = group(&app, &ta, "ops", &[bob]).await;
    let checklist = send(&app, &ta, chat, "release checklist: tag, build, announce").await;
    let other = send(&app, &tb, chat, "ok").await;
    let mut bobs = app.socket("/messages/ws/", &tb).await;
    let mut anns_chat = app
        .socket(&format!("/messages/ws/chats/{chat}/"), &ta)
        .await;

    let (status, body) = pin(&app, &tb, checklist, true).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body,
        json!({"message_id": checklist, "chat_id": chat, "pinned": true, "pin_count": 1})
    );
    for ws in [&mut bobs, &mut anns_chat] {
        let frame = wait_for(ws, |f| f["type"] == "message_pinned").await;
        assert_eq!(
            frame,
            json!({"type": "message_pinned", "chat_id": chat, "message_id": checklist,
                   "user_id": bob, "pin_count": 1})
        );
    }

    // Pinning it again changes nothing and tells nobody.
    let (status, body) = pin(&app, &ta, checklist, true).await;
    assert_eq!((status, &body["pin_count"]), (StatusCode::OK, &json!(1)));
    pin(&app, &ta, other, true).await;
    let frame = wait_for(&mut bobs, |f| f["type"] == "message_pinned").await;
    assert_eq!(
        (&frame["message_id"], &frame["pin_count"], &frame["user_id"]),
        (&json!(other), &json!(2), &json!(ann))
    );

    // The list: the latest pin first, with the message as the chats surface shows it and
    // who pinned it.
    let (status, list) = pins(&app, &ta, chat).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(pinned_ids(&list), vec![other, checklist], "{list}");
    assert_eq!(
        (&list["count"], &list["pins_by"], &list["may_pin"]),
        (&json!(2), &json!("members"), &json!(true))
    );
    let first = &list["results"][1];
    assert_eq!(
        first["message"]["content"],
        "release checklist: tag, build, announce"
    );
    assert_eq!(first["pinned_by"]["username"], "bob", "{first}");

    // Any member unpins.
    let (status, body) = pin(&app, &tb, other, false).await;
    assert_eq!(
        (status, &body["pinned"], &body["pin_count"]),
        (StatusCode::OK, &json!(false), &json!(1))
    );
    let frame = wait_for(&mut anns_chat, |f| f["type"] == "message_unpinned").await;
    assert_eq!(
        (&frame["message_id"], &frame["pin_count"]),
        (&json!(other), &json!(1))
    );

    // A deleted message leaves the list and the count.
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/messages/api/messages/{checklist}/"),
            Some(&ta),
            None,
        )
        .await;
    assert!(status.is_success(), "{status}");
    let (_, list) = pins(&app, &tb, chat).await;
    assert_eq!((pinned_ids(&list), &list["count"]), (vec![], &json!(0)));
}

#[tokio::test]
async fn admins_may_keep_pins_to_themselves_and_outsiders_learn_nothing() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("ann").await;
    let (bob, tb) = app.register("bob").await;
    let (_, tc) = app.register("carol").await;
    let chat = group(&app, &ta, "ops", &[bob]).await;
    let message = send(&app, &tb, chat, "the Wi-Fi password is on the fridge").await;

    // Someone outside the chat: the same 404 as for a chat or message that is not there.
    let (status, outside) = pins(&app, &tc, chat).await;
    let (missing_status, missing) = pins(&app, &tc, 999_999).await;
    assert_eq!((status, &outside), (missing_status, &missing));
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, outside) = pin(&app, &tc, message, true).await;
    let (missing_status, missing) = pin(&app, &tc, 999_999, true).await;
    assert_eq!((status, &outside), (missing_status, &missing));
    assert_eq!(status, StatusCode::NOT_FOUND);
    let path = format!("/messages/api/chats/{chat}/pins/");
    let (status, _) = app
        .call(
            Method::PATCH,
            &path,
            Some(&tc),
            Some(json!({"pins_by": "members"})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Only an admin sets the rule, and only to one of its two values.
    let (status, body) = app
        .call(
            Method::PATCH,
            &path,
            Some(&tb),
            Some(json!({"pins_by": "admins"})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, body) = app
        .call(
            Method::PATCH,
            &path,
            Some(&ta),
            Some(json!({"pins_by": "owners"})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, body) = app
        .call(Method::PATCH, &path, Some(&ta), Some(json!({})))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, body) = app
        .call(
            Method::PATCH,
            &path,
            Some(&ta),
            Some(json!({"pins_by": "admins"})),
        )
        .await;
    assert_eq!(
        (status, &body["pins_by"]),
        (StatusCode::OK, &json!("admins")),
        "{body}"
    );

    // Now bob may not pin or unpin; ann may.
    let (_, list) = pins(&app, &tb, chat).await;
    assert_eq!(list["may_pin"], false, "{list}");
    let (status, body) = pin(&app, &tb, message, true).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, body) = pin(&app, &ta, message, true).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = pin(&app, &tb, message, false).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, list) = pins(&app, &tb, chat).await;
    assert_eq!(pinned_ids(&list), vec![message]);

    // Methods the route does not have, and an id that is not one.
    let (status, _) = app.call(Method::DELETE, &path, Some(&ta), None).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    let (status, _) = app
        .call(
            Method::POST,
            "/messages/api/messages/abc/pin/",
            Some(&ta),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = app
        .call(
            Method::POST,
            &format!("/messages/api/messages/{message}/pin/"),
            None,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_chat_holds_at_most_a_hundred_pins() {
    let app = TestApp::spawn_with(&["--rate-limits", "off"]).await;
    let (_, ta) = app.register("ann").await;
    let chat = group(&app, &ta, "ops", &[]).await;
    let mut last = 0;
    for i in 0..101 {
        last = send(&app, &ta, chat, &format!("line {i}")).await;
        if i < 100 {
            let (status, body) = pin(&app, &ta, last, true).await;
            assert_eq!(status, StatusCode::OK, "{body}");
        }
    }
    let (status, body) = pin(&app, &ta, last, true).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.to_string().contains("100 pinned"), "{body}");
}

/// A zip of `files` (JSON entries) at `path`, as a Slack export is.
fn write_zip(path: &std::path::Path, files: &[(&str, Value)]) {
    use std::io::Write;
    let file = std::fs::File::create(path).expect("zip file");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    for (name, value) in files {
        zip.start_file(*name, options).expect("entry");
        zip.write_all(value.to_string().as_bytes())
            .expect("entry written");
    }
    zip.finish().expect("zip finished");
}

/// The JSON files of a zip, by name.
fn read_zip(path: &std::path::Path) -> std::collections::BTreeMap<String, Value> {
    use std::io::Read;
    let file = std::fs::File::open(path).expect("the export");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut out = std::collections::BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("an entry");
        let mut text = String::new();
        entry.read_to_string(&mut text).expect("UTF-8");
        out.insert(
            entry.name().to_string(),
            serde_json::from_str(&text).unwrap_or(Value::Null),
        );
    }
    out
}

/// The count on the import summary's line `what`.
fn summary_count(stdout: &str, what: &str) -> Option<u64> {
    stdout.lines().find_map(|l| {
        let mut words = l.split_whitespace();
        (words.next() == Some(what))
            .then(|| words.next().and_then(|n| n.parse().ok()))
            .flatten()
    })
}

#[tokio::test]
async fn slacks_pins_come_in_once_and_go_out_again_in_the_export() {
    use crate::team_cli::{done, natter};
    let app = TestApp::spawn().await;
    // alice is here already, her address confirmed: she is Slack's alice and reads the
    // pins as they came in.
    let (_, ta) = app.register("alice").await;
    done(&app, &["users", "confirm-email", "alice"]);
    let dir = tempfile::tempdir().expect("tempdir");
    let slack = dir.path().join("slack.zip");
    let user = |id: &str, name: &str| {
        let domain = if name == "alice" {
            "example.org"
        } else {
            "slack.example.com"
        };
        json!({"id": id, "team_id": "T0PINS", "name": name,
               "profile": {"email": format!("{name}@{domain}"), "real_name": name}})
    };
    write_zip(
        &slack,
        &[
            (
                "users.json",
                json!([user("U1", "alice"), user("U2", "bob")]),
            ),
            (
                "channels.json",
                json!([{
                    "id": "C1", "name": "ops", "creator": "U1", "members": ["U1", "U2"],
                    "pins": [
                        {"id": "1700000000.000100", "type": "C", "created": 1700000500, "user": "U2"},
                        {"id": "1700000100.000100", "type": "C", "created": 1700000600, "user": "U2"},
                        {"id": "1700009999.000000", "type": "C", "created": 1700010000, "user": "U2"}
                    ]
                }]),
            ),
            (
                "ops/2023-11-14.json",
                json!([
                    {"type": "message", "user": "U1", "text": "release checklist", "ts": "1700000000.000100"},
                    {"type": "message", "user": "U2", "text": "on-call rota", "ts": "1700000100.000100",
                     "pinned_to": ["C1"]},
                    {"type": "message", "user": "U2", "text": "not pinned", "ts": "1700000200.000100"},
                    {"type": "message", "user": "U1", "text": "fire drill", "ts": "1700000300.000100",
                     "pinned_to": ["C1"]}
                ]),
            ),
        ],
    );
    let path = slack.to_str().expect("path");
    let out = natter(&app, &["import", "slack", path], "");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(summary_count(&stdout, "pins"), Some(3), "{stdout}");
    // Who pinned each, as the channel's pins say, also for a message marked pinned
    // itself (`pinned_to`); one the channel's pins leave out is pinned by no one known,
    // at its own time.
    let (_, chats) = app.get("/messages/api/chats/", &ta).await;
    let ops = chats["results"]
        .as_array()
        .and_then(|r| r.iter().find(|c| c["title"] == "ops"))
        .and_then(|c| c["id"].as_i64())
        .unwrap_or_else(|| panic!("ops in {chats}"));
    let (status, list) = app
        .get(&format!("/messages/api/chats/{ops}/pins/"), &ta)
        .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let pin_of = |text: &str| {
        list["results"]
            .as_array()
            .and_then(|r| r.iter().find(|p| p["message"]["content"] == text))
            .cloned()
            .unwrap_or_else(|| panic!("{text} not pinned: {list}"))
    };
    for (text, by, at) in [
        ("release checklist", json!("bob"), "2023-11-14T22:21:40"),
        ("on-call rota", json!("bob"), "2023-11-14T22:23:20"),
        ("fire drill", Value::Null, "2023-11-14T22:18:20"),
    ] {
        let pin = pin_of(text);
        assert_eq!(pin["pinned_by"]["username"], by, "{text}: {pin}");
        assert!(
            pin["pinned_at"].as_str().is_some_and(|t| t.starts_with(at)),
            "{text}: {pin}"
        );
    }
    // Again: nothing new.
    let stdout = done(&app, &["import", "slack", path]);
    assert_eq!(summary_count(&stdout, "pins"), Some(0), "{stdout}");

    // The export lists the pins on the channel and marks the messages.
    let exported = dir.path().join("out.zip");
    done(&app, &["export", exported.to_str().expect("path")]);
    let files = read_zip(&exported);
    let channels = files["channels.json"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let ops = channels
        .iter()
        .find(|c| c["name"] == "ops")
        .unwrap_or_else(|| panic!("{channels:?}"));
    let pins = ops["pins"].as_array().cloned().unwrap_or_default();
    assert_eq!(pins.len(), 3, "{ops}");
    assert!(
        pins.iter()
            .any(|p| p["user"].as_str().is_some_and(|u| u.starts_with('U'))),
        "{ops}"
    );
    let pinned: Vec<String> = files
        .iter()
        .filter(|(name, _)| name.starts_with("ops/"))
        .flat_map(|(_, day)| day.as_array().cloned().unwrap_or_default())
        .filter(|m| m["pinned_to"] == json!([ops["id"]]))
        .filter_map(|m| m["text"].as_str().map(String::from))
        .collect();
    assert_eq!(
        pinned,
        vec!["release checklist", "on-call rota", "fire drill"]
    );
    // The two pins' ts are those of the messages they name.
    let ts: Vec<Value> = files
        .iter()
        .filter(|(name, _)| name.starts_with("ops/"))
        .flat_map(|(_, day)| day.as_array().cloned().unwrap_or_default())
        .filter(|m| m["pinned_to"].is_array())
        .map(|m| m["ts"].clone())
        .collect();
    let mut listed: Vec<Value> = pins.iter().map(|p| p["id"].clone()).collect();
    listed.sort_by_key(|v| v.to_string());
    assert_eq!(listed, ts);
}
