//! Private read receipts (`m.read.private`, what Element sends with "send read receipts"
//! off) through the real binary: the reader's unread count falls and their own syncs
//! carry the private receipt, while the other member's sync, natter's own `read_by` and
//! its sockets show nothing new; a later public receipt is shown as usual.

use crate::helpers::*;
use crate::matrix_http::*;
use serde_json::{json, Value};

/// The `m.receipt` event of `room` in a `/sync` answer, or `Null`.
fn receipt_of(sync: &Value, room: &str) -> Value {
    sync["rooms"]["join"][room]["ephemeral"]["events"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| e["type"] == "m.receipt")
        .cloned()
        .unwrap_or(Value::Null)
}

fn next_batch(sync: &Value) -> String {
    sync["next_batch"].as_str().expect("next_batch").to_string()
}

#[tokio::test]
async fn a_private_receipt_reaches_the_readers_apps_alone() {
    let app = spawn().await;
    let (alice_id, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let room = room(chats.group);
    let first = natter_send(&app, &bob, chats.group, json!({"content": "one"})).await;
    let second = natter_send(&app, &bob, chats.group, json!({"content": "two"})).await;
    let alice_mx = token_of(&sign_in(&app, "alice", None).await);
    let bob_mx = token_of(&sign_in(&app, "bob", None).await);
    let alice_since = next_batch(&get(&app, &alice_mx, "/sync").await.body);
    let bob_since = next_batch(&get(&app, &bob_mx, "/sync").await.body);
    // bob's natter socket, which shows who read what live.
    let mut bob_socket = app
        .socket(&format!("/messages/ws/chats/{}/", chats.group), &bob)
        .await;

    let answer = post(
        &app,
        &alice_mx,
        &format!("/rooms/{room}/receipt/m.read.private/$m{second}"),
        json!({}),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);

    // alice's own sync: the private receipt, her unread count down to nothing.
    let mine = get(&app, &alice_mx, &format!("/sync?since={alice_since}"))
        .await
        .body;
    let receipt = receipt_of(&mine, &room);
    let alice_mx_id = "@alice:example.org";
    assert!(
        receipt["content"][format!("$m{second}")]["m.read.private"][alice_mx_id].is_object(),
        "{mine}"
    );
    assert!(
        receipt["content"][format!("$m{second}")]["m.read"][alice_mx_id].is_null(),
        "{mine}"
    );
    assert_eq!(
        mine["rooms"]["join"][&room]["unread_notifications"]["notification_count"], 0,
        "{mine}"
    );
    let (_, list) = app.get("/messages/api/chats/", &alice).await;
    let listed = list["results"]
        .as_array()
        .expect("chats")
        .iter()
        .find(|c| c["id"] == chats.group)
        .cloned()
        .expect("the group");
    assert_eq!(listed["unread_count"], 0, "{listed}");

    // bob's sync has no receipt of alice's, and natter's read_by does not name her.
    let theirs = get(&app, &bob_mx, &format!("/sync?since={bob_since}&timeout=0"))
        .await
        .body;
    assert!(receipt_of(&theirs, &room).is_null(), "{theirs}");
    let (_, page) = app
        .get(
            &format!("/messages/api/chats/{}/messages/", chats.group),
            &bob,
        )
        .await;
    let read_by = |page: &Value, id: i64| -> Vec<i64> {
        let m = page["results"]
            .as_array()
            .expect("messages")
            .iter()
            .find(|m| m["id"] == id)
            .cloned()
            .expect("the message");
        serde_json::from_value(m["read_by"].clone()).expect("ids")
    };
    assert!(!read_by(&page, second).contains(&alice_id), "{page}");
    assert_quiet(&mut bob_socket).await;

    // A public receipt on the first message, behind the private one, is shown.
    let answer = post(
        &app,
        &alice_mx,
        &format!("/rooms/{room}/receipt/m.read/$m{first}"),
        json!({}),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let theirs = get(&app, &bob_mx, &format!("/sync?since={bob_since}"))
        .await
        .body;
    let receipt = receipt_of(&theirs, &room);
    assert!(
        receipt["content"][format!("$m{first}")]["m.read"][alice_mx_id].is_object(),
        "{theirs}"
    );
    assert!(!theirs.to_string().contains("m.read.private"), "{theirs}");
    let (_, page) = app
        .get(
            &format!("/messages/api/chats/{}/messages/", chats.group),
            &bob,
        )
        .await;
    assert!(read_by(&page, first).contains(&alice_id), "{page}");
    assert!(!read_by(&page, second).contains(&alice_id), "{page}");

    // A first sync of bob's shows alice's public mark only; of alice's, both.
    let whole = get(&app, &bob_mx, "/sync").await.body;
    let receipt = receipt_of(&whole, &room);
    assert!(
        receipt["content"][format!("$m{first}")]["m.read"][alice_mx_id].is_object(),
        "{whole}"
    );
    assert!(!whole.to_string().contains("m.read.private"), "{whole}");
    let whole = get(&app, &alice_mx, "/sync").await.body;
    let receipt = receipt_of(&whole, &room);
    assert!(
        receipt["content"][format!("$m{second}")]["m.read.private"][alice_mx_id].is_object(),
        "{whole}"
    );

    // Read in the open at last: bob sees alice read the newest too.
    let answer = post(
        &app,
        &alice_mx,
        &format!("/rooms/{room}/read_markers"),
        json!({"m.fully_read": format!("$m{second}"), "m.read": format!("$m{second}")}),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let (_, page) = app
        .get(
            &format!("/messages/api/chats/{}/messages/", chats.group),
            &bob,
        )
        .await;
    assert!(read_by(&page, second).contains(&alice_id), "{page}");
}
