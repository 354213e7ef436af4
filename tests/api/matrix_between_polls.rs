//! What a Matrix app learns between and during its long polls, through the real binary:
//! who is typing, on a first sync and in a sync that was not waiting when it began or
//! ended; a typer who sends a message stops typing; a changed name or account data
//! wakes a sync that waits; and unread counts split by thread when the filter asks.

use crate::helpers::*;
use crate::matrix_http::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn sync(app: &TestApp, token: &str, query: &str) -> Value {
    let answer = mx(
        app,
        Method::GET,
        &format!("{V3}/sync{query}"),
        Some(token),
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.body
}

fn next(sync: &Value) -> String {
    sync["next_batch"].as_str().expect("next_batch").to_string()
}

/// The `m.typing` of `chat` in a sync, if it has one: the Matrix ids typing there.
fn typing(sync: &Value, chat: i64) -> Option<Value> {
    sync["rooms"]["join"][room(chat)]["ephemeral"]["events"]
        .as_array()?
        .iter()
        .find(|e| e["type"] == "m.typing")
        .map(|e| e["content"]["user_ids"].clone())
}

async fn types(app: &TestApp, auth: &str, chat: i64, on: bool) {
    let (status, body) = app
        .post(
            &format!("/messages/api/chats/{chat}/typing/"),
            auth,
            json!({"is_typing": on}),
        )
        .await;
    assert!(status.is_success(), "{status} {body}");
}

#[tokio::test]
async fn typing_is_told_on_a_first_sync_and_between_long_polls() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let token = token_of(&sign_in(&app, "alice", None).await);

    // bob types before alice's app ever synced: her first sync shows it.
    types(&app, &bob, chats.group, true).await;
    let first = sync(&app, &token, "").await;
    assert_eq!(
        typing(&first, chats.group),
        Some(json!(["@bob:example.org"])),
        "{first}"
    );
    assert_eq!(typing(&first, chats.direct), None, "{first}");

    // Nothing changed since: not told again, and the token stays.
    let again = sync(&app, &token, &format!("?since={}&timeout=0", next(&first))).await;
    assert_eq!(typing(&again, chats.group), None, "{again}");
    assert_eq!(next(&again), next(&first));

    // bob sends: he stopped typing, which a sync with no wait at all is told.
    natter_send(&app, &bob, chats.group, json!({"content": "here it is"})).await;
    let sent = sync(&app, &token, &format!("?since={}&timeout=0", next(&again))).await;
    assert_eq!(typing(&sent, chats.group), Some(json!([])), "{sent}");

    // bob types in the direct chat between two of alice's polls; the next poll is
    // answered with it at once, and then with his stop.
    types(&app, &bob, chats.direct, true).await;
    let between = answered(poll(&app, &token, &next(&sent))).await;
    assert_eq!(
        typing(&between, chats.direct),
        Some(json!(["@bob:example.org"])),
        "{between}"
    );
    let waiting = poll(&app, &token, &next(&between));
    types(&app, &bob, chats.direct, false).await;
    let stopped = answered(waiting).await;
    assert_eq!(typing(&stopped, chats.direct), Some(json!([])), "{stopped}");

    // A token from before typing was kept still syncs, and is told who types now.
    let old = next(&stopped);
    let old = old.rsplit_once('_').expect("three parts").0;
    types(&app, &bob, chats.group, true).await;
    let from_old = sync(&app, &token, &format!("?since={old}&timeout=0")).await;
    assert_eq!(
        typing(&from_old, chats.group),
        Some(json!(["@bob:example.org"])),
        "{from_old}"
    );
    // A token with a fourth part is not one natter made.
    let bad = mx(
        &app,
        Method::GET,
        &format!("{V3}/sync?since={}_1&timeout=0", next(&from_old)),
        Some(&token),
        None,
    )
    .await;
    assert_error(&bad, 400, "M_INVALID_PARAM");
}

#[tokio::test]
async fn a_changed_name_and_account_data_wake_a_waiting_sync() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let phone = token_of(&sign_in(&app, "alice", Some("PHONE")).await);
    let laptop = token_of(&sign_in(&app, "alice", Some("LAPTOP")).await);
    let bob_app = token_of(&sign_in(&app, "bob", None).await);
    let since = next(&sync(&app, &phone, "").await);

    // bob renames himself from his Matrix app: alice's waiting sync wakes with his
    // membership told again under the new name.
    let waiting = poll(&app, &phone, &since);
    let renamed = mx(
        &app,
        Method::PUT,
        &format!("{V3}/profile/@bob:example.org/displayname"),
        Some(&bob_app),
        Some(json!({"displayname": "Bob B."})),
    )
    .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    let woke = answered(waiting).await;
    let member = woke["rooms"]["join"][room(chats.group)]["timeline"]["events"]
        .as_array()
        .expect("timeline")
        .iter()
        .find(|e| e["type"] == "m.room.member" && e["state_key"] == "@bob:example.org")
        .cloned()
        .unwrap_or_else(|| panic!("bob's membership again: {woke}"));
    assert_eq!(member["content"]["displayname"], "Bob B.", "{member}");

    // alice keeps account data from her laptop: her phone's waiting sync wakes with it.
    let waiting = poll(&app, &phone, &next(&woke));
    let kept = mx(
        &app,
        Method::PUT,
        &format!("{V3}/user/@alice:example.org/account_data/org.example.layout"),
        Some(&laptop),
        Some(json!({"columns": 2})),
    )
    .await;
    assert_eq!(kept.status, StatusCode::OK, "{}", kept.body);
    let woke = answered(waiting).await;
    let data = woke["account_data"]["events"]
        .as_array()
        .expect("account data")
        .iter()
        .find(|e| e["type"] == "org.example.layout")
        .cloned()
        .unwrap_or_else(|| panic!("the laptop's account data: {woke}"));
    assert_eq!(data["content"], json!({"columns": 2}));
}

#[tokio::test]
async fn unread_counts_are_split_by_thread_when_the_filter_asks() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let token = token_of(&sign_in(&app, "alice", None).await);
    let root = natter_send(&app, &bob, chats.group, json!({"content": "release plan"})).await;
    natter_send(
        &app,
        &bob,
        chats.group,
        json!({"content": "ok", "thread_id": root}),
    )
    .await;
    natter_send(
        &app,
        &bob,
        chats.group,
        json!({"content": "@alice can you check", "thread_id": root}),
    )
    .await;
    natter_send(&app, &bob, chats.group, json!({"content": "lunch?"})).await;

    // Without asking: every unread message in the room's count, as natter counts them.
    let whole = sync(&app, &token, "").await;
    let counts = &whole["rooms"]["join"][room(chats.group)];
    assert_eq!(
        counts["unread_notifications"]["notification_count"], 4,
        "{counts}"
    );
    assert_eq!(
        counts["unread_notifications"]["highlight_count"], 1,
        "{counts}"
    );
    assert!(
        counts.get("unread_thread_notifications").is_none(),
        "{counts}"
    );

    // Asked: the room's own two, and the thread's two with its mention.
    let filter = json!({"room": {"timeline": {"unread_thread_notifications": true}}}).to_string();
    let filter: String = url::form_urlencoded::byte_serialize(filter.as_bytes()).collect();
    let split = sync(&app, &token, &format!("?filter={filter}")).await;
    let counts = &split["rooms"]["join"][room(chats.group)];
    assert_eq!(
        counts["unread_notifications"],
        json!({"notification_count": 2, "highlight_count": 0}),
        "{counts}"
    );
    assert_eq!(
        counts["unread_thread_notifications"],
        json!({format!("$m{root}"): {"notification_count": 2, "highlight_count": 1}}),
        "{counts}"
    );
    // A room with nothing unread in threads has an empty map.
    assert_eq!(
        split["rooms"]["join"][room(chats.direct)]["unread_thread_notifications"],
        json!({}),
        "{split}"
    );
}
