//! Issue 41: every request checks its caller's credential against the database as it is
//! then, also where a node could remember whom a key named (issue 41 measured sending
//! the check ahead of a send's statement, with the key's last account as a guess that
//! the check confirms, and left it: docs/benchmarks.md). A key signed out, an account
//! deactivated from the command line behind the server's back, or renamed, is seen by
//! the very next send, on PostgreSQL where such remembering would pay.

use crate::chats::{group, send};
use crate::helpers::*;
use crate::team_cli::done;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// The contents of `chat`'s messages, oldest first, as `auth` reads them.
async fn contents(app: &TestApp, auth: &str, chat: i64) -> Vec<String> {
    let (status, page) = app
        .get(&format!("/messages/api/chats/{chat}/messages/"), auth)
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let mut texts: Vec<String> = page["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|m| m["content"].as_str().unwrap_or_default().to_string())
        .collect();
    texts.reverse();
    texts
}

/// A send's status through the chats surface.
async fn send_status(app: &TestApp, auth: &str, chat: i64, content: &str) -> (StatusCode, Value) {
    app.post(
        &format!("/messages/api/chats/{chat}/messages/"),
        auth,
        json!({"content": content}),
    )
    .await
}

#[tokio::test]
async fn a_key_signed_out_or_an_account_deactivated_is_refused_by_its_next_send() {
    let test = "a_key_signed_out_or_an_account_deactivated_is_refused_by_its_next_send";
    if crate::pg::cluster_or_skip(test).is_none() {
        return;
    }
    let app = TestApp::spawn_on_postgres().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    let chat = group(&app, &alice, "g", &[bob_id]).await;
    // Bob's second key (another device), to read with once the first is signed out.
    let bob_again = another_key(&app, "bob", "correct-horse").await;

    // Two sends, so that a node remembering callers would know this key.
    send(&app, &bob, chat, "one").await;
    send(&app, &bob, chat, "two").await;
    let (status, _) = app
        .call(Method::POST, "/api/auth/logout/", Some(&bob), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = send_status(&app, &bob, chat, "signed out").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");

    send(&app, &alice, chat, "three").await;
    send(&app, &alice, chat, "four").await;
    done(&app, &["users", "promote", "bob"]);
    done(&app, &["users", "deactivate", "alice"]);
    let (status, body) = send_status(&app, &alice, chat, "deactivated").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");

    assert_eq!(
        contents(&app, &bob_again, chat).await,
        ["one", "two", "three", "four"],
        "nothing of the refused sends"
    );
}

#[tokio::test]
async fn a_send_after_a_rename_carries_the_new_name() {
    if crate::pg::cluster_or_skip("a_send_after_a_rename_carries_the_new_name").is_none() {
        return;
    }
    let app = TestApp::spawn_on_postgres().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    let chat = group(&app, &alice, "g", &[bob_id]).await;
    let first = send(&app, &bob, chat, "before").await;
    assert_eq!(first["sender"]["display_name"], "bob", "{first}");
    // The rename's own check finds the account as it was before the rename.
    let (status, me) = app
        .call(
            Method::PATCH,
            "/api/account/",
            Some(&bob),
            Some(json!({"display_name": "Robert"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{me}");
    // The next send's check finds the account renamed.
    let after = send(&app, &bob, chat, "after").await;
    assert_eq!(after["sender"]["display_name"], "Robert", "{after}");
    let (status, page) = app
        .get(&format!("/messages/api/chats/{chat}/messages/"), &alice)
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let newest = &page["results"][0];
    assert_eq!(newest["content"], "after", "{page}");
    assert_eq!(page["results"].as_array().map(Vec::len), Some(2), "{page}");
}
