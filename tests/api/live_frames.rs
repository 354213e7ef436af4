//! Changes that reach natter's own socket (`/messages/ws/`) as they happen, so the web
//! client follows them without a reload: a chat's "who may pin" rule, custom emoji added
//! and removed, user groups made, changed and removed, and a person's quiet mark (a
//! pause, quiet hours), each to everyone who shows it, and across two nodes.

use crate::chats::group;
use crate::helpers::*;
use crate::team_server::operator_admin;
use reqwest::multipart::{Form, Part};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A small PNG for an emoji.
fn png() -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(
        16,
        16,
        image::Rgba([200, 10, 10, 255]),
    ))
    .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
    .expect("png");
    out
}

/// Adds the emoji `name` as `auth` on `app`; its answer.
async fn add_emoji(app: &TestApp, auth: &str, name: &str) -> Value {
    let form = Form::new()
        .text("name", name.to_string())
        .part("image", Part::bytes(png()).file_name("e.png"));
    let resp = app
        .client
        .post(format!("{}/api/emoji/", app.base))
        .header("Authorization", auth)
        .multipart(form)
        .send()
        .await
        .expect("answered");
    assert_eq!(resp.status(), StatusCode::CREATED);
    resp.json().await.expect("JSON")
}

#[tokio::test]
async fn a_change_of_who_may_pin_reaches_every_member_and_nobody_else() {
    let app = TestApp::spawn().await;
    let (ann, ta) = app.register("ann").await;
    let (bob, tb) = app.register("bob").await;
    let (_, tc) = app.register("cid").await;
    let chat = group(&app, &ta, "ops", &[bob]).await;
    let mut bobs = app.socket("/messages/ws/", &tb).await;
    let mut bobs_chat = app
        .socket(&format!("/messages/ws/chats/{chat}/"), &tb)
        .await;
    let mut cids = app.socket("/messages/ws/", &tc).await;
    let path = format!("/messages/api/chats/{chat}/pins/");

    // A member who is no admin is refused, and nothing is told.
    let (status, _) = app
        .call(
            Method::PATCH,
            &path,
            Some(&tb),
            Some(json!({"pins_by": "admins"})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, list) = app
        .call(
            Method::PATCH,
            &path,
            Some(&ta),
            Some(json!({"pins_by": "admins"})),
        )
        .await;
    assert_eq!(status, 200, "{list}");
    for ws in [&mut bobs, &mut bobs_chat] {
        let frame = wait_for(ws, |f| f["type"] == "pins_by_changed").await;
        assert_eq!(
            frame,
            json!({"type": "pins_by_changed", "chat_id": chat, "pins_by": "admins",
                "user_id": ann})
        );
    }
    let (_, bobs_view) = app.get(&path, &tb).await;
    assert_eq!(
        (&bobs_view["pins_by"], &bobs_view["may_pin"]),
        (&json!("admins"), &json!(false))
    );
    // The same rule again changes nothing and tells nothing; back to members does.
    app.call(
        Method::PATCH,
        &path,
        Some(&ta),
        Some(json!({"pins_by": "admins"})),
    )
    .await;
    assert_quiet(&mut bobs).await;
    app.call(
        Method::PATCH,
        &path,
        Some(&ta),
        Some(json!({"pins_by": "members"})),
    )
    .await;
    let frame = wait_for(&mut bobs, |f| f["type"] == "pins_by_changed").await;
    assert_eq!(frame["pins_by"], "members");
    // Someone outside the chat hears none of it.
    assert_quiet(&mut cids).await;
}

#[tokio::test]
async fn custom_emoji_added_and_removed_reach_everyone_live() {
    let app = TestApp::spawn().await;
    let boss = operator_admin(&app, "boss").await;
    let (_, ta) = app.register("ann").await;
    let mut anns = app.socket("/messages/ws/", &ta).await;

    let shipit = add_emoji(&app, &boss, "shipit").await;
    let added = wait_for(&mut anns, |f| f["type"] == "custom_emoji_added").await;
    assert_eq!(
        added,
        json!({"type": "custom_emoji_added", "emoji": {"id": shipit["id"], "name": "shipit"}})
    );
    let status = app
        .client
        .delete(format!("{}/api/emoji/{}/", app.base, shipit["id"]))
        .header("Authorization", &boss)
        .send()
        .await
        .expect("answered")
        .status();
    assert_eq!(status, StatusCode::NO_CONTENT);
    let removed = wait_for(&mut anns, |f| f["type"] == "custom_emoji_removed").await;
    assert_eq!(
        removed,
        json!({"type": "custom_emoji_removed", "emoji": {"id": shipit["id"], "name": "shipit"}})
    );
}

#[tokio::test]
async fn user_groups_made_changed_and_removed_reach_everyone_live() {
    let app = TestApp::spawn().await;
    let boss = operator_admin(&app, "boss").await;
    let (ann, ta) = app.register("ann").await;
    let mut anns = app.socket("/messages/ws/", &ta).await;

    let (status, made) = app
        .post(
            "/messages/api/groups/",
            &boss,
            json!({"handle": "design", "user_ids": []}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let id = made["id"].clone();
    let path = format!("/messages/api/groups/{id}/");
    let (status, _) = app
        .call(
            Method::PATCH,
            &path,
            Some(&boss),
            Some(json!({"handle": "designers"})),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = app
        .post(
            &format!("{path}members/"),
            &boss,
            json!({"user_ids": [ann]}),
        )
        .await;
    assert!(status.is_success(), "{status}");
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("{path}members/{ann}/"),
            Some(&boss),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = app.call(Method::DELETE, &path, Some(&boss), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    let mut told = Vec::new();
    for _ in 0..5 {
        let f = wait_for(&mut anns, |f| f["type"] == "user_group_changed").await;
        assert_eq!(f["group_id"], id, "{f}");
        told.push((
            f["change"].as_str().unwrap_or_default().to_string(),
            f["handle"].as_str().unwrap_or_default().to_string(),
        ));
    }
    let want: Vec<(String, String)> = [
        ("created", "design"),
        ("updated", "designers"),
        ("members", "designers"),
        ("members", "designers"),
        ("deleted", "designers"),
    ]
    .iter()
    .map(|(c, h)| (c.to_string(), h.to_string()))
    .collect();
    assert_eq!(told, want);
    // A refused change tells nothing.
    let (status, _) = app
        .post("/messages/api/groups/", &ta, json!({"handle": "ops"}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_quiet(&mut anns).await;
}

/// A time the API wrote, in unix milliseconds.
fn ms_of(v: &Value) -> i64 {
    chrono::DateTime::parse_from_rfc3339(v.as_str().expect("a time"))
        .expect("RFC 3339")
        .timestamp_millis()
}

#[tokio::test]
async fn a_pause_and_quiet_hours_reach_the_others_live_with_when_the_mark_next_flips() {
    let app = TestApp::spawn().await;
    let (ann, ta) = app.register("ann").await;
    let (_, tb) = app.register("bob").await;
    let mut bobs = app.socket("/messages/ws/", &tb).await;
    let quiet = "/messages/api/me/quiet-hours/";

    // Paused for an hour: quiet now, flipping back at the pause's end.
    let (status, mine) = app
        .call(
            Method::PUT,
            quiet,
            Some(&ta),
            Some(json!({"pause_minutes": 60})),
        )
        .await;
    assert_eq!(status, 200, "{mine}");
    let frame = wait_for(&mut bobs, |f| f["type"] == "quiet").await;
    assert_eq!(
        (&frame["user_id"], &frame["quiet"]),
        (&json!(ann), &json!(true))
    );
    assert_eq!(
        ms_of(&frame["quiet_changes_at"]),
        ms_of(&mine["paused_until"]),
        "{frame} {mine}"
    );
    let (_, listed) = app
        .get(&format!("/messages/api/statuses/{ann}/"), &tb)
        .await;
    assert_eq!(listed["quiet"], true, "{listed}");
    assert_eq!(listed["quiet_changes_at"], frame["quiet_changes_at"]);

    // Resumed: not quiet, nothing to flip.
    app.call(
        Method::PUT,
        quiet,
        Some(&ta),
        Some(json!({"paused_until": null})),
    )
    .await;
    let frame = wait_for(&mut bobs, |f| f["type"] == "quiet").await;
    assert_eq!(
        frame,
        json!({"type": "quiet", "user_id": ann, "quiet": false, "quiet_changes_at": null, "time_zone": null})
    );

    // Quiet hours every day from the next minute on, in UTC: the frame says the mark
    // flips at its start, within the next two minutes.
    let now = chrono::Utc::now();
    let start = now + chrono::Duration::minutes(2);
    let end = now + chrono::Duration::minutes(5);
    let ranges: Vec<Value> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|d| json!({"day": d, "start": start.format("%H:%M").to_string(), "end": end.format("%H:%M").to_string()}))
        .collect();
    let (status, mine) = app
        .call(
            Method::PUT,
            quiet,
            Some(&ta),
            Some(json!({"time_zone": "UTC", "quiet_hours": ranges})),
        )
        .await;
    assert_eq!(status, 200, "{mine}");
    let frame = wait_for(&mut bobs, |f| f["type"] == "quiet").await;
    assert_eq!(frame["quiet"], false, "{frame}");
    assert_eq!(
        frame["time_zone"], "UTC",
        "the zone, for the time where she is"
    );
    let flips = ms_of(&frame["quiet_changes_at"]);
    let now_ms = now.timestamp_millis();
    assert!(
        flips > now_ms + 60_000 && flips <= now_ms + 120_000,
        "{frame} at {now}"
    );
}

#[tokio::test]
async fn the_frames_cross_to_the_other_node() {
    let Some(cluster) = crate::cluster::cluster_or_skip("the_frames_cross_to_the_other_node")
    else {
        return;
    };
    let (a, b) = (&cluster.a, &cluster.b);
    let boss = operator_admin(a, "boss").await;
    let (ann, ta) = a.register("ann").await;
    let (bob, tb) = a.register("bob").await;
    let chat = group(a, &ta, "ops", &[bob]).await;
    // Bob listens on node b; everything is written through node a.
    let mut bobs = b.socket("/messages/ws/", &tb).await;

    a.call(
        Method::PATCH,
        &format!("/messages/api/chats/{chat}/pins/"),
        Some(&ta),
        Some(json!({"pins_by": "admins"})),
    )
    .await;
    let f = wait_for(&mut bobs, |f| f["type"] == "pins_by_changed").await;
    assert_eq!(
        (&f["chat_id"], &f["pins_by"]),
        (&json!(chat), &json!("admins"))
    );

    let emoji = add_emoji(a, &boss, "partyparrot").await;
    let f = wait_for(&mut bobs, |f| f["type"] == "custom_emoji_added").await;
    assert_eq!(f["emoji"]["id"], emoji["id"]);

    let (status, made) = a
        .post("/messages/api/groups/", &boss, json!({"handle": "design"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let f = wait_for(&mut bobs, |f| f["type"] == "user_group_changed").await;
    assert_eq!(
        (&f["group_id"], &f["change"]),
        (&made["id"], &json!("created"))
    );

    a.call(
        Method::PUT,
        "/messages/api/me/quiet-hours/",
        Some(&ta),
        Some(json!({"pause_minutes": 30})),
    )
    .await;
    let f = wait_for(&mut bobs, |f| f["type"] == "quiet").await;
    assert_eq!((&f["user_id"], &f["quiet"]), (&json!(ann), &json!(true)));
}
