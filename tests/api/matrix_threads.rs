//! A message's relations and a room's threads, as Matrix apps read them to show a
//! thread and the list of a room's threads, through the real binary: a thread's replies
//! newest first and paged, the message's reactions and edit beside them, a room's
//! threads by their newest reply, and natter's rule that only members read them.

use crate::helpers::*;
use crate::matrix_http::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn get(app: &TestApp, token: &str, path: &str) -> Value {
    let answer = mx(app, Method::GET, path, Some(token), None).await;
    assert_eq!(answer.status, StatusCode::OK, "{path}: {}", answer.body);
    answer.body
}

fn bodies(chunk: &Value) -> Vec<String> {
    chunk["chunk"]
        .as_array()
        .expect("chunk")
        .iter()
        .filter(|e| e["type"] == "m.room.message")
        .map(|e| e["content"]["body"].as_str().unwrap_or("").to_string())
        .collect()
}

#[tokio::test]
async fn a_threads_replies_and_a_rooms_threads_are_read_as_matrix_apps_read_them() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    app.register("carol").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let a = token_of(&sign_in(&app, "alice", None).await);
    let c = token_of(&sign_in(&app, "carol", None).await);
    let group = room(chats.group);

    let root = natter_send(
        &app,
        &alice,
        chats.group,
        json!({"content": "release plan"}),
    )
    .await;
    for n in 1..=3 {
        let text = format!("reply {n}");
        natter_send(
            &app,
            &bob,
            chats.group,
            json!({"content": text, "thread_id": root}),
        )
        .await;
    }
    let other = natter_send(&app, &bob, chats.group, json!({"content": "lunch?"})).await;
    natter_send(
        &app,
        &bob,
        chats.group,
        json!({"content": "at one", "thread_id": other}),
    )
    .await;
    let (status, _) = app
        .post(
            &format!("/messages/api/messages/{root}/reactions/"),
            &bob,
            json!({"emoji": "👍"}),
        )
        .await;
    assert!(status.is_success(), "{status}");

    // The thread's replies, newest first, two to a page; the reaction on the first page.
    let at = format!("/_matrix/client/v1/rooms/{group}/relations/$m{root}");
    let first = get(&app, &a, &format!("{at}?limit=2")).await;
    assert_eq!(bodies(&first), ["reply 3", "reply 2"], "{first}");
    assert!(
        first["chunk"]
            .as_array()
            .expect("chunk")
            .iter()
            .any(|e| e["type"] == "m.reaction" && e["content"]["m.relates_to"]["key"] == "👍"),
        "{first}"
    );
    let next = first["next_batch"].as_str().expect("next_batch");
    let second = get(&app, &a, &format!("{at}?limit=2&from={next}")).await;
    assert_eq!(bodies(&second), ["reply 1"], "{second}");
    assert!(second.get("next_batch").is_none(), "{second}");
    for e in second["chunk"].as_array().expect("chunk") {
        assert_eq!(e["content"]["m.relates_to"]["rel_type"], "m.thread", "{e}");
        assert_eq!(e["room_id"], group.as_str(), "{e}");
    }
    // Only the thread, by its relation type; only the reactions, by theirs.
    let thread = get(&app, &a, &format!("{at}/m.thread")).await;
    assert_eq!(
        bodies(&thread),
        ["reply 3", "reply 2", "reply 1"],
        "{thread}"
    );
    let reactions = get(&app, &a, &format!("{at}/m.annotation/m.reaction")).await;
    assert_eq!(
        reactions["chunk"].as_array().expect("chunk").len(),
        1,
        "{reactions}"
    );

    // The room's threads, the newest reply first; those alice took part in (she only
    // started the first).
    let threads = format!("/_matrix/client/v1/rooms/{group}/threads");
    let all = get(&app, &a, &threads).await;
    assert_eq!(bodies(&all), ["lunch?", "release plan"], "{all}");
    // Each root's summary: its reply count, its newest reply, and whether alice took
    // part.
    let summary = &all["chunk"][1]["unsigned"]["m.relations"]["m.thread"];
    assert_eq!(summary["count"], 3, "{all}");
    assert_eq!(
        summary["latest_event"]["content"]["body"], "reply 3",
        "{all}"
    );
    assert_eq!(summary["current_user_participated"], true, "{all}");
    let other_summary = &all["chunk"][0]["unsigned"]["m.relations"]["m.thread"];
    assert_eq!(
        other_summary["latest_event"]["content"]["body"], "at one",
        "{all}"
    );
    assert_eq!(other_summary["current_user_participated"], false, "{all}");
    let paged = get(&app, &a, &format!("{threads}?limit=1")).await;
    assert_eq!(bodies(&paged), ["lunch?"]);
    let rest = get(
        &app,
        &a,
        &format!(
            "{threads}?limit=1&from={}",
            paged["next_batch"].as_str().expect("next")
        ),
    )
    .await;
    assert_eq!(bodies(&rest), ["release plan"]);
    let mine = get(&app, &a, &format!("{threads}?include=participated")).await;
    assert_eq!(bodies(&mine), ["release plan"], "{mine}");

    // Bad tokens and parameters are 400s; carol, outside the group, is refused.
    for bad in [format!("{at}?from=x1"), format!("{threads}?include=some")] {
        let answer = mx(&app, Method::GET, &bad, Some(&a), None).await;
        assert_error(&answer, 400, "M_INVALID_PARAM");
    }
    assert_error(
        &mx(&app, Method::GET, &at, Some(&c), None).await,
        403,
        "M_FORBIDDEN",
    );
    assert_error(
        &mx(&app, Method::GET, &threads, Some(&c), None).await,
        403,
        "M_FORBIDDEN",
    );
    let missing = format!("/_matrix/client/v1/rooms/{group}/relations/$m999999");
    assert_error(
        &mx(&app, Method::GET, &missing, Some(&a), None).await,
        404,
        "M_NOT_FOUND",
    );
}
