//! The saved list a page at a time (`/messages/api/saved/?before=&page_size=`): more
//! than one page, each in order with nothing twice or left out, `count` of them all,
//! `next` until the last page, bad paging refused with the field, and a page read
//! after a change seeing it.

use crate::helpers::*;
use crate::pins::{group, send};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn ids(page: &Value) -> Vec<i64> {
    page["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|s| s["message_id"].as_i64().expect("message_id"))
        .collect()
}

/// The path and query of a `next` link.
fn path_of(next: &Value) -> String {
    let url = reqwest::Url::parse(next.as_str().expect("next")).expect("a URL");
    format!("{}?{}", url.path(), url.query().unwrap_or_default())
}

#[tokio::test]
async fn the_saved_list_comes_a_page_at_a_time_in_order_with_nothing_twice() {
    let app = TestApp::spawn_with(&["--rate-limits", "off"]).await;
    let (_, ta) = app.register("ann").await;
    let (bob, tb) = app.register("bob").await;
    let chat = group(&app, &ta, "ops", &[bob]).await;
    let mut saved = Vec::new();
    for n in 0..120 {
        let id = send(&app, &ta, chat, &format!("note {n}")).await;
        let (status, body) = app
            .post("/messages/api/saved/", &tb, json!({"message_id": id}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        saved.push(id);
    }
    saved.reverse(); // the most recently saved first

    // The default page: 50, with the next one's address.
    let (status, first) = app.get("/messages/api/saved/", &tb).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["count"], 120);
    assert_eq!(ids(&first), saved[..50]);
    let keys: Vec<&String> = first
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    assert_eq!(keys, ["count", "next", "results"]);

    // Following `next` to the end, 50 at a time, then with a page size of its own.
    let (_, second) = app.get(&path_of(&first["next"]), &tb).await;
    assert_eq!(ids(&second), saved[50..100]);
    let (_, rest) = app.get(&path_of(&second["next"]), &tb).await;
    assert_eq!(ids(&rest), saved[100..]);
    assert_eq!(rest["next"], Value::Null);
    let (_, small) = app
        .get(
            &format!("/messages/api/saved/?before={}&page_size=7", saved[9]),
            &tb,
        )
        .await;
    assert_eq!(ids(&small), saved[10..17]);
    assert!(
        small["next"]
            .as_str()
            .is_some_and(|n| n.contains("page_size=7")),
        "{small}"
    );

    // Taking one off the next page before reading it: it is left out, nothing twice.
    let (status, _) = app
        .call(
            reqwest::Method::DELETE,
            &format!("/messages/api/saved/{}/", saved[55]),
            Some(&tb),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, again) = app.get(&path_of(&first["next"]), &tb).await;
    let mut want: Vec<i64> = saved[50..101].to_vec();
    want.retain(|id| *id != saved[55]);
    assert_eq!(ids(&again), want);
    assert_eq!(again["count"], 119);

    // A cursor no longer on the list: an empty page, not someone else's list.
    let (status, gone) = app
        .get(&format!("/messages/api/saved/?before={}", saved[55]), &tb)
        .await;
    assert_eq!(status, 200);
    assert_eq!((ids(&gone).len(), &gone["next"]), (0, &Value::Null));
    // Ann saved nothing: bob's cursor shows her nothing of his.
    let (_, anns) = app
        .get(&format!("/messages/api/saved/?before={}", saved[0]), &ta)
        .await;
    assert_eq!((ids(&anns).len(), &anns["count"]), (0, &json!(0)));

    for bad in ["page_size=0", "page_size=201", "page_size=x", "before=x"] {
        let (status, err) = app.get(&format!("/messages/api/saved/?{bad}"), &tb).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {err}");
        let field = bad.split('=').next().unwrap_or_default();
        assert!(err["details"][field].is_array(), "{bad}: {err}");
    }
}
