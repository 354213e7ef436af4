//! Each person's notification level per chat, with the
//! defaults (`all` for direct chats and small groups, `mentions` for a group or room of
//! more than ten), set and reset through `/api/notifications/`, with each chat's unread mentions.

use crate::helpers::*;
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn levels_default_by_kind_and_size_and_each_person_sets_their_own() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let mut others = Vec::new();
    for i in 0..10 {
        others.push(app.register(&format!("member{i}")).await);
    }
    let (bob, tb) = (others[0].0, others[0].1.clone());
    let ids: Vec<i64> = others.iter().map(|(id, _)| *id).collect();
    let create = |title: &str, members: &[i64]| {
        let body = json!({"chat_type": "group", "title": title, "member_ids": members});
        let app = &app;
        let ta = ta.clone();
        async move {
            let (status, chat) = app.post("/messages/api/chats/", &ta, body).await;
            assert_eq!(status, 201, "{chat}");
            chat["id"].as_i64().unwrap()
        }
    };
    let small = create("small", &ids[..2]).await;
    let big = create("big", &ids).await; // alice and ten others: eleven
    let (status, dm) = app
        .post("/api/chats/create/", &ta, json!({"user_id": bob}))
        .await;
    assert!(status.is_success(), "{dm}");
    let direct = dm["id"].as_i64().unwrap();

    let (status, all) = app.get("/api/notifications/", &ta).await;
    assert_eq!(status, 200, "{all}");
    let level = |chat: i64| {
        all.as_array()
            .unwrap()
            .iter()
            .find(|l| l["chat_id"] == chat)
            .unwrap_or_else(|| panic!("chat {chat} in {all}"))
            .clone()
    };
    assert_eq!(level(small)["level"], "all");
    assert_eq!(level(direct)["level"], "all");
    assert_eq!(level(big)["level"], "mentions");
    assert_eq!(level(big)["chosen"], false);

    let path = format!("/api/notifications/{big}/");
    let (status, set) = app
        .call(Method::PUT, &path, Some(&ta), Some(json!({"level": "off"})))
        .await;
    assert_eq!(status, 200, "{set}");
    assert_eq!(
        (
            set["level"].clone(),
            set["default"].clone(),
            set["chosen"].clone()
        ),
        (json!("off"), json!("mentions"), json!(true))
    );
    // Bob's own level is his: alice's choice does not change it.
    let (_, his) = app.get(&path, &tb).await;
    assert_eq!(
        (his["level"].clone(), his["chosen"].clone()),
        (json!("mentions"), json!(false))
    );
    let (status, reset) = app
        .call(
            Method::PATCH,
            &path,
            Some(&ta),
            Some(json!({"level": null})),
        )
        .await;
    assert_eq!(
        (
            status.as_u16(),
            reset["level"].clone(),
            reset["chosen"].clone()
        ),
        (200, json!("mentions"), json!(false))
    );

    let (status, body) = app
        .call(
            Method::PUT,
            &path,
            Some(&ta),
            Some(json!({"level": "loud"})),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["level"][0], "\"loud\" is not a valid choice.");
    let (status, _) = app
        .call(Method::PUT, &path, Some(&ta), Some(json!({})))
        .await;
    assert_eq!(status, 400);
    let (_, tc) = app.register("carol").await;
    for method in [Method::GET, Method::PUT] {
        let (status, _) = app
            .call(
                method.clone(),
                &path,
                Some(&tc),
                Some(json!({"level": "all"})),
            )
            .await;
        assert_eq!(status, 404, "{method}: not carol's chat");
    }
    let (status, _) = app.get("/api/notifications/x/", &ta).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn unread_mentions_are_counted_per_chat_and_read_one_chat_at_a_time() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (bob, tb) = app.register("bob").await;
    let one = crate::chats::group(&app, &ta, "one", &[bob]).await;
    let two = crate::chats::group(&app, &ta, "two", &[bob]).await;
    for chat in [one, one, two] {
        crate::chats::send(&app, &ta, chat, "ping @bob").await;
    }
    let unread = |levels: &Value, chat: i64| {
        levels
            .as_array()
            .and_then(|all| all.iter().find(|l| l["chat_id"] == json!(chat)))
            .map(|l| l["unread_mentions"].clone())
    };
    let (_, levels) = app.get("/api/notifications/", &tb).await;
    assert_eq!(unread(&levels, one), Some(json!(2)), "{levels}");
    assert_eq!(unread(&levels, two), Some(json!(1)), "{levels}");
    let (_, alices) = app.get("/api/notifications/", &ta).await;
    assert_eq!(
        unread(&alices, one),
        Some(json!(0)),
        "the author is not mentioned"
    );

    let (status, marked) = app
        .post("/api/mentions/read/", &tb, json!({ "chat_id": one }))
        .await;
    assert_eq!(status, 200, "{marked}");
    assert_eq!(marked, json!({"marked": 2}));
    let (_, levels) = app.get("/api/notifications/", &tb).await;
    assert_eq!(unread(&levels, one), Some(json!(0)));
    assert_eq!(
        unread(&levels, two),
        Some(json!(1)),
        "the other chat's stay unread"
    );
    let (status, body) = app
        .post("/api/mentions/read/", &tb, json!({ "chat_id": "one" }))
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body["chat_id"].is_array(), "{body}");
}
