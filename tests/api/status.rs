//! Statuses (`/messages/api/me/status/`, `/messages/api/statuses/`): set, read where
//! names are listed, live on `/messages/ws/` (on another node too), cleared at their end
//! by the sweep and told once; "in a call" beside the person's own words; away after
//! `--away-after` without activity, and "appear away" winning over activity.

use crate::chats::group;
use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const STATUS: &str = "/messages/api/me/status/";

async fn put_status(app: &TestApp, auth: &str, body: Value) -> (StatusCode, Value) {
    app.call(Method::PUT, STATUS, Some(auth), Some(body)).await
}

/// The next `status` frame about `user`.
async fn status_frame(ws: &mut Socket, user: i64) -> Value {
    wait_for(ws, |f| f["type"] == "status" && f["user_id"] == user).await
}

/// A status frame's words, `""` when none shows.
fn words(frame: &Value) -> &str {
    frame["status"]["text"].as_str().unwrap_or("")
}

#[tokio::test]
async fn a_status_is_set_shown_where_names_are_listed_and_cleared_live_at_its_end() {
    let app = TestApp::spawn().await;
    let (alice, ta) = app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    let mut bob_ws = app.socket("/messages/ws/", &tb).await;

    // Bad input is refused in DRF's shape, field by field.
    for (body, field) in [
        (json!({}), "text"),
        (json!({"emoji": "", "text": "  "}), "text"),
        (json!({"text": "x".repeat(101)}), "text"),
        (json!({"emoji": "a b", "text": "hi"}), "emoji"),
        (
            json!({"text": "hi", "expires_at": "2001-01-01T00:00:00Z"}),
            "expires_at",
        ),
        (
            json!({"text": "hi", "expires_at": "next tuesday"}),
            "expires_at",
        ),
        (json!({"text": "hi", "duration": 0}), "duration"),
        (json!({"text": "hi", "duration": 40_000_000}), "expires_at"),
        (json!({"appear_away": "perhaps"}), "appear_away"),
    ] {
        let (status, err) = put_status(&app, &ta, body.clone()).await;
        assert_eq!(status, 400, "{body}: {err}");
        assert!(err["details"][field].is_array(), "{body}: {err}");
    }
    let (status, _) = app.call(Method::GET, STATUS, None, None).await;
    assert_eq!(status, 401);

    // Set for two seconds: bob's socket hears it, every list of names shows it.
    let (status, mine) = put_status(
        &app,
        &ta,
        json!({"emoji": "🌴", "text": "On holiday", "duration": 2}),
    )
    .await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(
        (
            &mine["emoji"],
            &mine["text"],
            &mine["appear_away"],
            &mine["away"]
        ),
        (
            &json!("🌴"),
            &json!("On holiday"),
            &json!(false),
            &json!(false)
        ),
        "{mine}"
    );
    assert!(mine["expires_at"].is_string(), "{mine}");
    let set = status_frame(&mut bob_ws, alice).await;
    assert_eq!(words(&set), "On holiday", "{set}");
    assert_eq!(set["status"]["emoji"], "🌴");

    let (_, all) = app.get("/messages/api/statuses/", &tb).await;
    let listed = all["results"]
        .as_array()
        .and_then(|r| r.iter().find(|p| p["user_id"] == alice))
        .cloned()
        .unwrap_or_default();
    assert_eq!(listed["status"]["text"], "On holiday", "{all}");
    let (_, one) = app
        .get(&format!("/messages/api/statuses/{alice}/"), &tb)
        .await;
    assert_eq!(one["status"]["emoji"], "🌴", "{one}");
    let (_, people) = app.get("/api/people/?search=alice", &tb).await;
    assert_eq!(
        people["results"][0]["status"]["text"], "On holiday",
        "{people}"
    );
    let (_, found) = app.get("/messages/api/users/search/?q=ali", &tb).await;
    assert_eq!(
        found["results"][0]["status"]["text"], "On holiday",
        "{found}"
    );
    // natter's key comes after the seed's.
    let keys: Vec<&String> = found["results"][0]
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    assert_eq!(keys.last().map(|k| k.as_str()), Some("status"), "{found}");

    // Its end passes: the sweep tells bob's socket, and reads agree.
    let ended = status_frame(&mut bob_ws, alice).await;
    assert_eq!(words(&ended), "", "{ended}");
    let (_, mine) = app.get(STATUS, &ta).await;
    assert_eq!(
        (&mine["text"], &mine["expires_at"]),
        (&json!(""), &Value::Null)
    );
    assert_quiet(&mut bob_ws).await;

    // Set until cleared, then cleared by hand.
    let (status, _) = put_status(&app, &ta, json!({"text": "Focusing"})).await;
    assert_eq!(status, 200);
    assert_eq!(words(&status_frame(&mut bob_ws, alice).await), "Focusing");
    let (status, _) = app.call(Method::DELETE, STATUS, Some(&ta), None).await;
    assert_eq!(status, 204);
    assert_eq!(words(&status_frame(&mut bob_ws, alice).await), "");

    // An instant works as an end, and nobody else's id answers 404 when unknown.
    use chrono::SubsecRound;
    let end = chrono::Utc::now().trunc_subsecs(0) + chrono::Duration::days(3);
    let paris = chrono::FixedOffset::east_opt(3600).expect("an offset");
    let (status, body) = put_status(
        &app,
        &ta,
        json!({"text": "Back Monday", "expires_at": end.with_timezone(&paris).to_rfc3339()}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["expires_at"],
        end.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
    );
    let (status, _) = app.get("/messages/api/statuses/999999/", &tb).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn in_a_call_shows_beside_the_persons_own_words_and_goes_when_they_leave() {
    let app = TestApp::spawn().await;
    let (alice, ta) = app.register("alice").await;
    let (bob, tb) = app.register("bob").await;
    let chat = group(&app, &ta, "Standup", &[bob]).await;
    let (status, _) = put_status(&app, &ta, json!({"emoji": "🍜", "text": "Lunch"})).await;
    assert_eq!(status, 200);
    let mut alice_ws = app.socket("/messages/ws/", &ta).await;
    let mut bob_ws = app.socket("/messages/ws/", &tb).await;

    send_json(
        &mut alice_ws,
        json!({"type": "join_call", "chat_id": chat, "data": {}}),
    )
    .await;
    let calling = wait_for(&mut bob_ws, |f| {
        f["type"] == "status" && f["user_id"] == alice && f["status"]["in_call"] == true
    })
    .await;
    assert_eq!(words(&calling), "Lunch", "their own words stay: {calling}");
    let (_, one) = app
        .get(&format!("/messages/api/statuses/{alice}/"), &tb)
        .await;
    assert_eq!(one["status"]["in_call"], true, "{one}");

    send_json(
        &mut alice_ws,
        json!({"type": "leave_call", "chat_id": chat, "data": {}}),
    )
    .await;
    let left = wait_for(&mut bob_ws, |f| {
        f["type"] == "status" && f["user_id"] == alice && f["status"]["in_call"] == false
    })
    .await;
    assert_eq!(words(&left), "Lunch", "{left}");
}

#[tokio::test]
async fn away_after_no_activity_back_on_activity_and_appear_away_wins() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--away-after", "2s"]).await;
    let (alice, ta) = app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    let mut bob_ws = app.socket("/messages/ws/", &tb).await;
    // Opening a socket is activity; two seconds without any is away.
    let mut alice_ws = app.socket("/messages/ws/", &ta).await;
    let (_, all) = app.get("/messages/api/statuses/", &tb).await;
    assert_eq!(all["away_after_seconds"], 2, "{all}");
    let away = wait_for(&mut bob_ws, |f| {
        f["type"] == "status" && f["user_id"] == alice && f["status"]["away"] == true
    })
    .await;
    assert_eq!(words(&away), "");
    // Activity brings her back, told live.
    send_json(&mut alice_ws, json!({"type": "active"})).await;
    let back = status_frame(&mut bob_ws, alice).await;
    assert!(back["status"].is_null(), "nothing shows: {back}");

    // Appearing away wins over activity.
    let (status, mine) = put_status(&app, &ta, json!({"appear_away": true})).await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(
        (&mine["appear_away"], &mine["away"]),
        (&json!(true), &json!(true))
    );
    assert_eq!(
        status_frame(&mut bob_ws, alice).await["status"]["away"],
        true
    );
    send_json(&mut alice_ws, json!({"type": "active"})).await;
    let (_, one) = app
        .get(&format!("/messages/api/statuses/{alice}/"), &tb)
        .await;
    assert_eq!(one["status"]["away"], true, "{one}");
    let (_, mine) = put_status(&app, &ta, json!({"appear_away": false})).await;
    assert_eq!(mine["away"], false, "{mine}");
}

#[tokio::test]
async fn a_status_set_on_one_node_is_live_on_the_other_and_its_end_is_told_once() {
    let Some(c) = crate::cluster::cluster_or_skip("a_status_set_on_one_node_is_live_on_the_other")
    else {
        return;
    };
    let (alice, ta) = c.a.register("alice").await;
    let (_, tb) = c.b.register("bob").await;
    let (_, tc) = c.a.register("carol").await;
    let mut bob_on_b = c.b.socket("/messages/ws/", &tb).await;
    let mut carol_on_a = c.a.socket("/messages/ws/", &tc).await;
    let (status, body) = put_status(&c.a, &ta, json!({"text": "In Tokyo", "duration": 2})).await;
    assert_eq!(status, 200, "{body}");
    for ws in [&mut bob_on_b, &mut carol_on_a] {
        assert_eq!(words(&status_frame(ws, alice).await), "In Tokyo");
    }
    // Both nodes sweep; the end is claimed by one and told once to each socket.
    for ws in [&mut bob_on_b, &mut carol_on_a] {
        assert_eq!(words(&status_frame(ws, alice).await), "");
    }
    // Another sweep on each node has passed (1 s apart) before the silence is checked.
    let (_, again) =
        c.b.get(&format!("/messages/api/statuses/{alice}/"), &tb)
            .await;
    assert!(
        again["status"]["text"].as_str().unwrap_or("").is_empty(),
        "{again}"
    );
    // Exactly once: a bounded wait for a second telling that must not come.
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_quiet(&mut bob_on_b).await;
    assert_quiet(&mut carol_on_a).await;
}

/// A status emoji is exactly one emoji, a standard `:shortcode:` (kept as its emoji) or
/// `:name:` of a custom emoji that exists; the text keeps no terminal escape, direction
/// override or direction mark, on the answer, the socket and every later read.
#[tokio::test]
async fn a_status_emoji_is_one_emoji_and_its_text_one_clean_line() {
    let app = TestApp::spawn().await;
    let boss = crate::team_server::operator_admin(&app, "boss").await;
    let (alice, ta) = app.register("alice").await;
    let (_, tb) = app.register("bob").await;

    for emoji in [
        "🌴🌴",
        "on holiday",
        "x",
        "<b>🌴</b>",
        "\u{202e}🌴",
        "🌴\u{2066}",
        "\u{1b}[31m",
        ":no_such_emoji_here:",
        ":a b:",
    ] {
        let (status, err) = put_status(&app, &ta, json!({"emoji": emoji, "text": "hi"})).await;
        assert_eq!(status, 400, "{emoji:?}: {err}");
        assert!(err["details"]["emoji"].is_array(), "{emoji:?}: {err}");
    }

    for (asked, kept) in [("👍🏽", "👍🏽"), ("👨‍👩‍👧", "👨‍👩‍👧"), (" :palm_tree: ", "🌴")]
    {
        let (status, set) = put_status(&app, &ta, json!({"emoji": asked})).await;
        assert_eq!(status, 200, "{asked}: {set}");
        assert_eq!(set["emoji"], kept);
    }

    // A custom emoji once it exists.
    let png = {
        let mut out = Vec::new();
        image::DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(
            32,
            32,
            image::Rgba([1, 2, 3, 255]),
        ))
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("png");
        out
    };
    let form = reqwest::multipart::Form::new().text("name", "shipit").part(
        "image",
        reqwest::multipart::Part::bytes(png).file_name("s.png"),
    );
    let added = app
        .client
        .post(format!("{}/api/emoji/", app.base))
        .header("Authorization", &boss)
        .multipart(form)
        .send()
        .await
        .expect("answered");
    assert_eq!(added.status(), StatusCode::CREATED);

    let mut bob_ws = app.socket("/messages/ws/", &tb).await;
    let (status, set) = put_status(
        &app,
        &ta,
        json!({"emoji": ":ShipIt:", "text": "Out \u{202e}today\u{1b}[2J\u{9b}\nback\u{2069} soon"}),
    )
    .await;
    assert_eq!(status, 200, "{set}");
    let clean = "Out today[2J back soon";
    assert_eq!(
        (set["emoji"].as_str(), set["text"].as_str()),
        (Some(":shipit:"), Some(clean))
    );
    let frame = status_frame(&mut bob_ws, alice).await;
    assert_eq!(words(&frame), clean);
    let (_, one) = app
        .get(&format!("/messages/api/statuses/{alice}/"), &tb)
        .await;
    assert_eq!(one["status"]["text"], clean, "{one}");
    assert_eq!(one["status"]["emoji"], ":shipit:", "{one}");

    // The direction marks go too (right-to-left, left-to-right, the Arabic letter
    // mark): they move the neutral characters beside them, as an override turns them.
    // Right-to-left letters themselves stay.
    let (status, set) = put_status(
        &app,
        &ta,
        json!({"text": "\u{200f}12:30\u{200e} مرحبا\u{61c} back"}),
    )
    .await;
    assert_eq!(status, 200, "{set}");
    assert_eq!(set["text"], "12:30 مرحبا back", "{set}");
    let frame = status_frame(&mut bob_ws, alice).await;
    assert_eq!(words(&frame), "12:30 مرحبا back");

    // Nothing left once the controls are gone: no words at all.
    for text in ["\u{202e}\u{1b}", "\u{200f}\u{200e}\u{61c}"] {
        let (status, err) = put_status(&app, &ta, json!({"text": text})).await;
        assert_eq!(status, 400, "{text:?}: {err}");
    }
}
