//! An administrator never deactivates or demotes themself, even with another
//! administrator beside them: the refusal is a 400 with a sentence saying whom to ask,
//! nothing changes and nothing is written to the audit list. Another administrator may.

use crate::helpers::*;
use crate::team_server::token_of;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn sentence(body: &Value) -> &str {
    body["detail"]
        .as_str()
        .or(body["message"].as_str())
        .unwrap_or("")
}

#[tokio::test]
async fn an_administrator_cannot_deactivate_or_demote_themself() {
    let app = TestApp::spawn().await;
    let (founder, admin) = app.register("founder").await;
    let (bob, _) = app.register("bob").await;
    let act = |who: i64, what: &str| format!("/api/admin/users/{who}/{what}/");
    let (status, body) = app.post(&act(bob, "promote"), &admin, json!({})).await;
    assert_eq!(
        (status, body["is_admin"].clone()),
        (StatusCode::OK, json!(true)),
        "{body}"
    );

    // With bob an administrator too, the founder is not the last one: still refused.
    for what in ["deactivate", "demote"] {
        let (status, body) = app.post(&act(founder, what), &admin, json!({})).await;
        assert_eq!(status, 400, "{what} oneself: {body}");
        assert!(
            sentence(&body).contains("your own account; ask another administrator"),
            "{what}: {body}"
        );
    }
    let (status, me) = app
        .get(&format!("/api/admin/users/{founder}/"), &admin)
        .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(
        (me["is_admin"].clone(), me["is_active"].clone()),
        (json!(true), json!(true)),
        "{me}"
    );
    let (_, audit) = app.get("/api/admin/audit/", &admin).await;
    let actions: Vec<&str> = audit["results"]
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["action"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(actions, ["user.promote"], "{audit}");

    // Another administrator may do either.
    let tb = token_of(&app, "bob").await;
    let (status, body) = app.post(&act(founder, "demote"), &tb, json!({})).await;
    assert_eq!(
        (status, body["is_admin"].clone()),
        (StatusCode::OK, json!(false)),
        "{body}"
    );
    let (status, body) = app.post(&act(founder, "deactivate"), &tb, json!({})).await;
    assert_eq!(
        (status, body["is_active"].clone()),
        (StatusCode::OK, json!(false)),
        "{body}"
    );
}
