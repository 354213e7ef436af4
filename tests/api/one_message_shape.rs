//! A message shows its reactions and readers wherever the chats surface shows it: in its
//! chat's history, on its own (`GET /messages/api/messages/{id}/`), in its chat's pins
//! and in a person's saved messages; each is the same object as history's.

use crate::helpers::*;
use crate::pins::{group, send};
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn a_message_is_the_same_in_history_alone_pinned_and_saved() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let chat = group(&app, &ta, "ops", &[b]).await;
    let id = send(&app, &ta, chat, "release checklist").await;
    let (status, body) = app
        .post(
            &format!("/messages/api/messages/{id}/reactions/"),
            &tb,
            json!({"emoji": "\u{1F44D}"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = app
        .post(
            &format!("/messages/api/chats/{chat}/mark-as-read/"),
            &tb,
            json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = app
        .post(&format!("/messages/api/messages/{id}/pin/"), &ta, json!({}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = app
        .post("/messages/api/saved/", &ta, json!({"message_id": id}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");

    let (_, page) = app
        .get(&format!("/messages/api/chats/{chat}/messages/"), &ta)
        .await;
    let history = page["results"]
        .as_array()
        .and_then(|r| r.iter().find(|m| m["id"] == id))
        .cloned()
        .unwrap_or_else(|| panic!("{id} in {page}"));
    assert_eq!(
        history["reactions"],
        json!([{"emoji": "\u{1F44D}", "count": 1, "users": [b]}]),
        "{history}"
    );
    let mut readers: Vec<i64> = history["read_by"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default();
    readers.sort_unstable();
    assert_eq!(readers, vec![a, b], "{history}");

    let (status, alone) = app.get(&format!("/messages/api/messages/{id}/"), &ta).await;
    assert_eq!(status, StatusCode::OK, "{alone}");
    assert_eq!(alone, history, "on its own");
    let (_, pins) = app
        .get(&format!("/messages/api/chats/{chat}/pins/"), &ta)
        .await;
    assert_eq!(pins["results"][0]["message"], history, "pinned: {pins}");
    let (_, saved) = app.get("/messages/api/saved/", &ta).await;
    assert_eq!(saved["results"][0]["message"], history, "saved: {saved}");
    let (_, one) = app.get(&format!("/messages/api/saved/{id}/"), &ta).await;
    assert_eq!(one["message"], history, "one saved: {one}");
}
