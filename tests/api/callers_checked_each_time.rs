//! Every request checks its caller's credential against the database as it is
//! then. A node remembers whom a key or an access JWT last named only as a guess: on
//! PostgreSQL a history read or a send goes out with its check instead of after it, and
//! keeps its answer (a send: its writes) only when the check names that same account
//! (`routing::caller`). A key signed out, an account deactivated from the command line
//! behind the server's back, a JWT whose password changed, or an account renamed, is
//! seen by the very next request, on PostgreSQL where the remembering pays; a send after
//! a rename runs again for the account as it is, and is stored once.

use crate::chats::{group, send};
use crate::helpers::bearer;
use crate::helpers::*;
use crate::team_cli::done;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A server on PostgreSQL with Alice's group, Bob and Carol in it: `(app, alice's key,
/// bob's key, bob's id, the chat)`, or `None` (the test skipped) where no PostgreSQL can
/// be had.
async fn on_postgres(test: &str) -> Option<(TestApp, String, String, i64, i64)> {
    crate::pg::cluster_or_skip(test)?;
    let app = TestApp::spawn_on_postgres().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    let (carol_id, _) = app.register("carol").await;
    let chat = group(&app, &alice, "g", &[bob_id, carol_id]).await;
    Some((app, alice, bob, bob_id, chat))
}

/// Bob's display name becomes Robert.
async fn rename_bob(app: &TestApp, bob: &str) {
    let (status, me) = app
        .call(
            Method::PATCH,
            "/api/account/",
            Some(bob),
            Some(json!({"display_name": "Robert"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{me}");
}

/// Signs the key `key` out (`POST /api/auth/logout/`).
async fn sign_out(app: &TestApp, key: &str) {
    let (status, _) = app
        .call(Method::POST, "/api/auth/logout/", Some(key), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
}

/// A history page's status as `auth` reads it, through the chats surface.
async fn page_status(app: &TestApp, auth: &str, chat: i64) -> (StatusCode, Value) {
    app.get(&format!("/messages/api/chats/{chat}/messages/"), auth)
        .await
}

/// The contents of `chat`'s messages, oldest first, as `auth` reads them.
async fn contents(app: &TestApp, auth: &str, chat: i64) -> Vec<String> {
    let (status, page) = page_status(app, auth, chat).await;
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
    let Some((app, alice, bob, _, chat)) = on_postgres(test).await else {
        return;
    };
    // Bob's second key (another device), to read with once the first is signed out.
    let bob_again = another_key(&app, "bob", "correct-horse").await;

    // Two sends, so that a node remembering callers would know this key.
    send(&app, &bob, chat, "one").await;
    send(&app, &bob, chat, "two").await;
    sign_out(&app, &bob).await;
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
    let test = "a_send_after_a_rename_carries_the_new_name";
    let Some((app, alice, bob, _, chat)) = on_postgres(test).await else {
        return;
    };
    let first = send(&app, &bob, chat, "before").await;
    assert_eq!(first["sender"]["display_name"], "bob", "{first}");
    // The rename's own check finds the account as it was before the rename.
    rename_bob(&app, &bob).await;
    // The next send's check finds the account renamed.
    let after = send(&app, &bob, chat, "after").await;
    assert_eq!(after["sender"]["display_name"], "Robert", "{after}");
    let (status, page) = page_status(&app, &alice, chat).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let newest = &page["results"][0];
    assert_eq!(newest["content"], "after", "{page}");
    assert_eq!(page["results"].as_array().map(Vec::len), Some(2), "{page}");
}

#[tokio::test]
async fn a_page_read_after_a_sign_out_a_deactivation_or_a_new_password_is_refused() {
    let test = "a_page_read_after_a_sign_out_a_deactivation_or_a_new_password_is_refused";
    let Some((app, alice, bob, _, chat)) = on_postgres(test).await else {
        return;
    };
    send(&app, &alice, chat, "hello").await;
    let carol_jwt = bearer(&app, "carol").await;

    // Each reads twice, so that the node remembers whom each credential named.
    for auth in [&bob, &alice, &carol_jwt] {
        for _ in 0..2 {
            assert_eq!(contents(&app, auth, chat).await, ["hello"]);
        }
    }
    sign_out(&app, &bob).await;
    let (status, body) = page_status(&app, &bob, chat).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert!(body.get("results").is_none(), "{body}");

    // Alice, the first account, is the only administrator until Bob is one too.
    done(&app, &["users", "promote", "bob"]);
    done(&app, &["users", "deactivate", "alice"]);
    let (status, body) = page_status(&app, &alice, chat).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");

    // A new password ends every JWT minted before it.
    let carol_key = another_key(&app, "carol", "correct-horse").await;
    let (status, body) = app
        .post(
            "/api/account/password/",
            &carol_key,
            json!({"current_password": "correct-horse", "new_password": "battery-staple"}),
        )
        .await;
    assert!(status.is_success(), "{status} {body}");
    let (status, body) = page_status(&app, &carol_jwt, chat).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
}

#[tokio::test]
async fn a_page_read_after_leaving_the_chat_or_a_rename_sees_the_account_as_it_is() {
    let test = "a_page_read_after_leaving_the_chat_or_a_rename_sees_the_account_as_it_is";
    let Some((app, alice, bob, bob_id, chat)) = on_postgres(test).await else {
        return;
    };
    send(&app, &bob, chat, "before").await;
    for _ in 0..2 {
        assert_eq!(contents(&app, &bob, chat).await, ["before"]);
    }
    // Renamed: the remembered account is no longer the account, and the page is read
    // again for the account as it is.
    rename_bob(&app, &bob).await;
    let (status, page) = page_status(&app, &bob, chat).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(
        page["results"][0]["sender"]["display_name"], "Robert",
        "{page}"
    );

    // Removed from the chat: the page is not found, as for anyone outside it.
    let (status, body) = app
        .call(
            Method::DELETE,
            &format!("/messages/api/chats/{chat}/members/{bob_id}/remove/"),
            Some(&alice),
            None,
        )
        .await;
    assert!(status.is_success(), "{status} {body}");
    let (status, body) = page_status(&app, &bob, chat).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
}
