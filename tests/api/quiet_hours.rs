//! Time zones and quiet hours (`/messages/api/me/quiet-hours/`): names and ranges
//! checked, ranges read in the person's zone across a daylight-saving change, the quiet
//! mark and local time others see, and a pause that stops a Web Push (against the
//! tests' own push service) and holds back a missed-message mail (through aiosmtpd)
//! while messages still arrive and count as unread.

use crate::chats::{group, send};
use crate::helpers::*;
use crate::mail::{natter_mailing, person};
use crate::mail_sink::{MailSink, SinkOptions};
use crate::push_service::PushService;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::time::Duration;

const QUIET: &str = "/messages/api/me/quiet-hours/";

/// `PUT /messages/api/me/quiet-hours/` as `auth`.
pub async fn put_quiet(app: &TestApp, auth: &str, body: Value) -> (StatusCode, Value) {
    app.call(Method::PUT, QUIET, Some(auth), Some(body)).await
}

async fn presence_at(app: &TestApp, auth: &str, user: i64, at: &str) -> Value {
    let (status, body) = app
        .get(&format!("/messages/api/statuses/{user}/?at={at}"), auth)
        .await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn zones_and_ranges_are_checked_and_read_in_the_zone_across_a_daylight_saving_change() {
    let app = TestApp::spawn().await;
    let (alice, ta) = app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    for (body, field) in [
        (json!({"time_zone": "Mars/Olympus"}), "time_zone"),
        (json!({"time_zone": "../../etc/passwd"}), "time_zone"),
        (
            json!({"quiet_hours": [{"day": "someday", "start": "22:00", "end": "07:00"}]}),
            "quiet_hours",
        ),
        (
            json!({"quiet_hours": [{"day": "mon", "start": "25:00", "end": "07:00"}]}),
            "quiet_hours",
        ),
        (json!({"quiet_hours": "not json"}), "quiet_hours"),
        (json!({"pause_minutes": 0}), "pause_minutes"),
        (json!({"paused_until": "soon"}), "paused_until"),
        (json!({}), "quiet_hours"),
    ] {
        let (status, err) = put_quiet(&app, &ta, body.clone()).await;
        assert_eq!(status, 400, "{body}: {err}");
        assert!(err["details"][field].is_array(), "{body}: {err}");
    }

    // Berlin, quiet from Saturday 22:00 to Sunday 07:00.
    let (status, mine) = put_quiet(
        &app,
        &ta,
        json!({"time_zone": "Europe/Berlin",
               "quiet_hours": [{"day": "sat", "start": "22:00", "end": "07:00"}]}),
    )
    .await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(mine["time_zone"], "Europe/Berlin");
    assert_eq!(
        mine["quiet_hours"],
        json!([{"day": "sat", "start": "22:00", "end": "07:00"}])
    );
    // The Sunday the clocks go forward (2026-03-29): 04:30 UTC is 06:30 there, quiet;
    // 05:30 UTC is 07:30, awake. A week before, 05:30 UTC was 06:30, quiet.
    let cases = [
        ("2026-03-29T04:30:00Z", true, "06:30"),
        ("2026-03-29T05:30:00Z", false, "07:30"),
        ("2026-03-22T05:30:00Z", true, "06:30"),
        ("2026-03-21T20:59:00Z", false, "21:59"),
    ];
    for (at, quiet, local) in cases {
        let seen = presence_at(&app, &tb, alice, at).await;
        assert_eq!(
            (&seen["quiet"], &seen["local_time"]),
            (&json!(quiet), &json!(local)),
            "{at}: {seen}"
        );
    }
    let (status, err) = app
        .get(&format!("/messages/api/statuses/{alice}/?at=tomorrow"), &tb)
        .await;
    assert_eq!(status, 400, "{err}");

    // A pause is a quiet mark now, in the directory too, and ends when asked.
    let (_, mine) = put_quiet(&app, &ta, json!({"pause_minutes": 60})).await;
    assert_eq!(
        (&mine["quiet"], mine["paused_until"].is_string()),
        (&json!(true), true)
    );
    let (_, people) = app.get("/api/people/?search=alice", &tb).await;
    let shown = &people["results"][0];
    assert_eq!(
        (&shown["quiet"], &shown["time_zone"]),
        (&json!(true), &json!("Europe/Berlin")),
        "{people}"
    );
    assert!(shown["local_time"].is_string(), "{people}");
    let (_, mine) = put_quiet(&app, &ta, json!({"paused_until": null})).await;
    assert_eq!(mine["paused_until"], Value::Null, "{mine}");
    // The ranges stayed as they were (only the pause was given).
    assert_eq!(mine["quiet_hours"].as_array().map(Vec::len), Some(1));
}

async fn subscribe(app: &TestApp, auth: &str, service: &PushService, name: &str) {
    let (status, body) = app
        .post("/api/push/subscriptions/", auth, service.subscription(name))
        .await;
    assert_eq!(status, 201, "{body}");
}

#[tokio::test]
async fn a_pause_stops_a_push_and_the_message_still_counts_as_unread() {
    let app = TestApp::spawn_with(&["--rate-limits", "off", "--push-private-endpoints"]).await;
    let (_, ta) = app.register("alice").await;
    let (bob, tb) = app.register("bob").await;
    let (carol, tc) = app.register("carol").await;
    let (_, key) = app.get("/api/push/", &ta).await;
    let service = PushService::start(key["public_key"].as_str().expect("public_key")).await;
    let g = group(&app, &ta, "Team", &[bob, carol]).await;
    subscribe(&app, &tb, &service, "bob").await;
    subscribe(&app, &tc, &service, "carol").await;

    // bob pauses; carol does not. Both are planned in one go, so carol's push says the
    // plan that left bob out has run.
    let (status, body) = put_quiet(&app, &tb, json!({"pause_minutes": 30})).await;
    assert_eq!(status, 200, "{body}");
    send(&app, &ta, g, "while bob is paused").await;
    assert_eq!(
        service.nth("carol", 1).await.payload["body"],
        json!("while bob is paused")
    );
    let (_, chat) = app.get(&format!("/messages/api/chats/{g}/"), &tb).await;
    assert_eq!(chat["unread_count"], 1, "it arrived and counts: {chat}");

    put_quiet(&app, &tb, json!({"paused_until": null})).await;
    send(&app, &ta, g, "after the pause").await;
    assert_eq!(
        service.nth("carol", 2).await.payload["body"],
        json!("after the pause")
    );
    let push = service.nth("bob", 1).await;
    assert_eq!(push.payload["body"], json!("after the pause"));
    assert_eq!(
        push.payload["count"],
        json!(1),
        "the paused line was not pushed"
    );
    assert_eq!(service.received("bob").len(), 1);
}

/// Sends `content` from `auth` to `receiver` as a direct message.
async fn direct(app: &TestApp, auth: &str, receiver: i64, content: &str) {
    let (status, body) = app
        .post(
            "/api/messages/",
            auth,
            json!({"receiver": receiver, "content": content}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn a_pause_holds_back_the_missed_message_mail_until_it_ends() {
    let Some(sink) = MailSink::start_with_or_skip("quiet_mail", SinkOptions::default()) else {
        return;
    };
    let app = natter_mailing(&sink, &["--missed-mail-delay", "1s"]).await;
    let (_, tz) = person(&app, "zed", "zed@example.org", "Zed").await;
    // carol before dave: one round looks at carol first, so dave's mail arriving says
    // carol's turn in that round has passed.
    let (carol, tc) = person(&app, "carol", "carol@example.org", "Carol").await;
    let (dave, _) = person(&app, "dave", "dave@example.org", "Dave").await;
    let (status, body) = put_quiet(&app, &tc, json!({"pause_minutes": 30})).await;
    assert_eq!(status, 200, "{body}");
    direct(&app, &tz, carol, "for carol, paused").await;
    direct(&app, &tz, dave, "for dave").await;
    let mails = sink.until(1).await;
    assert_eq!(
        mails[0]["rcpt_tos"],
        json!(["dave@example.org"]),
        "{mails:#?}"
    );
    assert_eq!(sink.received().len(), 1, "nothing for carol while paused");

    // The pause ends: what she missed is mailed then.
    put_quiet(&app, &tc, json!({"paused_until": null})).await;
    let mails = sink.until(2).await;
    assert_eq!(
        mails[1]["rcpt_tos"],
        json!(["carol@example.org"]),
        "{mails:#?}"
    );
    let text = mails[1]["text"].as_str().unwrap_or("");
    assert!(text.contains("for carol, paused"), "{text}");
    sink.assert_at_most_within(2, Duration::from_secs(1)).await;
}

/// The JSON entry `name` of the zip at `bytes`.
fn zip_entry(bytes: &[u8], name: &str) -> Value {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect(name)
        .read_to_string(&mut text)
        .expect("UTF-8");
    serde_json::from_str(&text).expect("JSON")
}

#[tokio::test]
async fn the_personal_and_the_slack_exports_carry_status_zone_and_quiet_hours() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("ann").await;
    let ranges = json!([{"day": "fri", "start": "18:00", "end": "08:00"}]);
    let (status, _) = put_quiet(
        &app,
        &ta,
        json!({"time_zone": "Asia/Tokyo", "quiet_hours": ranges}),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = app
        .call(
            Method::PUT,
            "/messages/api/me/status/",
            Some(&ta),
            Some(json!({"emoji": "🌴", "text": "On holiday", "duration": 3600})),
        )
        .await;
    assert_eq!(status, 200);

    let answer = app
        .client
        .get(format!("{}/api/account/export/", app.base))
        .header("Authorization", &ta)
        .send()
        .await
        .expect("export");
    assert_eq!(answer.status(), 200);
    let account = zip_entry(&answer.bytes().await.expect("bytes"), "account.json");
    assert_eq!(account["status"]["text"], "On holiday", "{account}");
    assert_eq!(account["time_zone"], "Asia/Tokyo");
    assert_eq!(account["quiet_hours"], ranges);

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("export.zip");
    crate::team_cli::done(&app, &["export", path.to_str().expect("path")]);
    let users = zip_entry(&std::fs::read(&path).expect("the export"), "users.json");
    let ann = &users[0];
    assert_eq!(
        (
            &ann["tz"],
            &ann["profile"]["status_text"],
            &ann["profile"]["status_emoji"]
        ),
        (&json!("Asia/Tokyo"), &json!("On holiday"), &json!("🌴")),
        "{users}"
    );
    assert!(
        ann["profile"]["status_expiration"].as_i64().unwrap_or(0) > 0,
        "{users}"
    );
}
