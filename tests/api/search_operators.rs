//! Search operators on `/messages/api/search/`: each operator alone and with a word,
//! combined, `"exact phrases"` and `-excluded` words; each finds nothing in a chat the
//! searcher is not in; days in the searcher's zone across a daylight-saving change; a
//! wrong operator, day or zone is a 400 that says what to write.

use crate::chats::{group, send};
use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn path(q: &str) -> String {
    let q: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
    format!("/messages/api/search/?q={q}")
}

fn ids(page: &Value) -> Vec<i64> {
    page["results"]
        .as_array()
        .map(|r| r.iter().filter_map(|m| m["id"].as_i64()).collect())
        .unwrap_or_default()
}

async fn found(app: &TestApp, auth: &str, q: &str) -> Vec<i64> {
    let (status, page) = app.get(&path(q), auth).await;
    assert_eq!(status, StatusCode::OK, "{q}: {page}");
    ids(&page)
}

fn id(m: &Value) -> i64 {
    m["id"].as_i64().expect("an id")
}

/// The direct chat of the caller and `other`, made.
async fn direct(app: &TestApp, auth: &str, other: i64) -> i64 {
    let (status, dm) = app
        .post(
            "/messages/api/chats/",
            auth,
            json!({"chat_type": "dm", "member_ids": [other]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{dm}");
    id(&dm)
}

/// Runs `sql` on the test server's database, SQLite or PostgreSQL: how a test puts a
/// message at a moment in the past.
pub(crate) fn exec(app: &TestApp, sql: &str) {
    if app.db.starts_with("host=") || app.db.starts_with("postgres") {
        // The synchronous client runs its own runtime: on a thread of its own.
        let (db, sql) = (app.db.clone(), sql.to_string());
        std::thread::spawn(move || {
            let mut client =
                postgres::Client::connect(&db, postgres::NoTls).expect("connect to PostgreSQL");
            client.batch_execute(&sql).expect("sql runs");
        })
        .join()
        .expect("the statement ran");
    } else {
        let db = rusqlite::Connection::open(app.db_path()).expect("open the database");
        db.execute_batch(sql).expect("sql runs");
    }
}

#[tokio::test]
async fn each_operator_alone_and_with_a_word_finds_only_what_it_says() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (c, tc) = app.register("carol").await;
    let team = group(&app, &ta, "Team", &[b]).await;
    let ops = group(&app, &ta, "ops", &[b, c]).await;
    let dm = direct(&app, &ta, b).await;

    let plain = send(&app, &ta, team, "deploy plan for friday").await;
    let by_bob = send(&app, &tb, team, "deploy went fine").await;
    let linked = send(&app, &tb, ops, "deploy notes at https://example.com/notes").await;
    let in_dm = send(&app, &tb, dm, "private deploy detail").await;
    let phrase = send(&app, &tc, ops, "the release notes are ready, no deploy").await;
    let draft = send(&app, &ta, ops, "release draft notes").await;

    // A file, an image, a reaction, a pin, a saved message, a thread.
    let (status, file) = upload(&app, &ta, "a.txt", "text/plain", b"hello".to_vec()).await;
    assert_eq!(status, StatusCode::CREATED, "{file}");
    let (status, with_file) = app
        .post(
            &format!("/messages/api/chats/{team}/messages/"),
            &ta,
            json!({"content": "deploy log attached", "attachments": [file["id"]]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{with_file}");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N\0\0\0\0IEND\xaeB`\x82";
    let (status, image) = upload(&app, &tb, "a.png", "image/png", png.to_vec()).await;
    assert_eq!(status, StatusCode::CREATED, "{image}");
    let (status, with_image) = app
        .post(
            &format!("/messages/api/chats/{team}/messages/"),
            &tb,
            json!({"content": "deploy screenshot", "attachments": [image["id"]]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{with_image}");
    let (status, _) = app
        .post(
            &format!("/messages/api/messages/{}/reactions/", id(&plain)),
            &tb,
            json!({"emoji": "\u{1F44D}"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = app
        .call(
            Method::POST,
            &format!("/messages/api/messages/{}/pin/", id(&by_bob)),
            Some(&ta),
            None,
        )
        .await;
    assert!(status.is_success(), "{body}");
    let (status, body) = app
        .post(
            "/messages/api/saved/",
            &ta,
            json!({"message_id": id(&linked)}),
        )
        .await;
    assert!(status.is_success(), "{body}");
    let (status, reply) = app
        .post(
            &format!("/messages/api/chats/{team}/messages/"),
            &tb,
            json!({"content": "a reply in the thread", "thread_id": id(&plain)}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{reply}");

    // Each alone, then with a word.
    assert_eq!(
        found(&app, &ta, "from:@bob").await,
        vec![
            id(&reply),
            id(&with_image),
            id(&in_dm),
            id(&linked),
            id(&by_bob)
        ]
    );
    // A reply in a thread carries its root's quote line ("deploy plan…") in its text.
    assert_eq!(
        found(&app, &ta, "from:@bob deploy").await,
        vec![
            id(&reply),
            id(&with_image),
            id(&in_dm),
            id(&linked),
            id(&by_bob)
        ]
    );
    assert_eq!(found(&app, &ta, "from:bob went").await, vec![id(&by_bob)]);
    assert_eq!(
        found(&app, &ta, "in:#ops").await,
        vec![id(&draft), id(&phrase), id(&linked)]
    );
    assert_eq!(
        found(&app, &ta, "in:#OPS deploy").await,
        vec![id(&phrase), id(&linked)]
    );
    assert_eq!(found(&app, &ta, "in:@bob").await, vec![id(&in_dm)]);
    assert_eq!(found(&app, &ta, "in:@bob deploy").await, vec![id(&in_dm)]);
    assert_eq!(
        found(&app, &ta, "has:file").await,
        vec![id(&with_image), id(&with_file)]
    );
    assert_eq!(found(&app, &ta, "has:file log").await, vec![id(&with_file)]);
    assert_eq!(found(&app, &ta, "has:image").await, vec![id(&with_image)]);
    assert_eq!(
        found(&app, &ta, "has:image deploy").await,
        vec![id(&with_image)]
    );
    assert_eq!(found(&app, &ta, "has:link").await, vec![id(&linked)]);
    assert_eq!(found(&app, &ta, "has:link deploy").await, vec![id(&linked)]);
    assert_eq!(found(&app, &ta, "has:reaction").await, vec![id(&plain)]);
    assert_eq!(
        found(&app, &ta, "has:reaction friday").await,
        vec![id(&plain)]
    );
    assert_eq!(found(&app, &ta, "has:pin").await, vec![id(&by_bob)]);
    assert_eq!(found(&app, &ta, "has:pin deploy").await, vec![id(&by_bob)]);
    assert_eq!(found(&app, &ta, "is:saved").await, vec![id(&linked)]);
    assert_eq!(found(&app, &ta, "is:saved notes").await, vec![id(&linked)]);
    assert!(
        found(&app, &tb, "is:saved").await.is_empty(),
        "saved is each person's own"
    );
    assert_eq!(
        found(&app, &ta, "is:thread").await,
        vec![id(&reply), id(&plain)]
    );
    assert_eq!(found(&app, &ta, "is:thread reply").await, vec![id(&reply)]);
    assert_eq!(
        found(&app, &ta, "\"release notes\"").await,
        vec![id(&phrase)]
    );
    assert_eq!(
        found(&app, &ta, "release notes").await,
        vec![id(&draft), id(&phrase)]
    );
    assert_eq!(found(&app, &ta, "release -draft").await, vec![id(&phrase)]);
    assert_eq!(found(&app, &ta, "in:#ops -deploy").await, vec![id(&draft)]);
    assert_eq!(
        found(&app, &ta, "deploy -\"went fine\" -log -screenshot in:#Team").await,
        vec![id(&reply), id(&plain)]
    );
    // Combined.
    assert_eq!(
        found(&app, &ta, "from:@bob in:#team has:pin deploy").await,
        vec![id(&by_bob)]
    );
    assert!(found(&app, &ta, "from:@carol in:#team").await.is_empty());
    // Today's messages are found on and after yesterday, not before today.
    let today = app.get(&path("has:link"), &ta).await.1["results"][0]["created_at"]
        .as_str()
        .expect("a time")[..10]
        .to_string();
    assert_eq!(
        found(&app, &ta, &format!("on:{today} has:link")).await,
        vec![id(&linked)]
    );
    assert!(found(&app, &ta, &format!("before:{today} has:link"))
        .await
        .is_empty());
    assert!(found(&app, &ta, &format!("after:{today} deploy"))
        .await
        .is_empty());
    // Nobody by that name, no such room: nothing, not an error.
    assert!(found(&app, &ta, "from:@nobody").await.is_empty());
    assert!(found(&app, &ta, "in:#nowhere deploy").await.is_empty());

    // Carol is in ops only: no operator reaches the team, the direct chat or alice's saved.
    assert_eq!(found(&app, &tc, "from:@bob").await, vec![id(&linked)]);
    for q in [
        "in:#Team",
        "in:#Team deploy",
        "in:@bob",
        "in:@alice",
        "has:file",
        "has:image",
        "has:reaction",
        "has:pin",
        "is:thread",
        "is:saved",
        "from:@alice deploy",
        "\"deploy plan\"",
    ] {
        let (status, page) = app.get(&path(q), &tc).await;
        assert_eq!(status, StatusCode::OK, "{q}");
        let seen = ids(&page);
        assert!(seen.is_empty(), "{q} showed carol {seen:?}");
    }
    let (_, page) = app
        .get(&format!("{}&chat_id={team}", path("from:@bob")), &tc)
        .await;
    assert!(ids(&page).is_empty());
    // Once bob leaves the team, its messages are no longer his to find.
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/messages/api/chats/{team}/members/{b}/remove/"),
            Some(&ta),
            None,
        )
        .await;
    assert!(status.is_success(), "{status}");
    assert_eq!(found(&app, &tb, "has:pin").await, Vec::<i64>::new());
    assert_eq!(found(&app, &tb, "from:@alice").await, vec![id(&draft)]);
}

#[tokio::test]
async fn days_are_the_searchers_days_across_a_daylight_saving_change() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let chat = group(&app, &ta, "Dates", &[]).await;
    // Berlin moved from +01:00 to +02:00 at 01:00 UTC on 29 March 2026.
    let before_change = id(&send(&app, &ta, chat, "note one").await); // Berlin 29 Mar 00:30 (+01)
    let after_change = id(&send(&app, &ta, chat, "note two").await); // Berlin 30 Mar 00:15 (+02)
    let utc_only = id(&send(&app, &ta, chat, "note three").await); // Berlin 29 Mar 23:45 (+02)
    exec(
        &app,
        &format!(
            "UPDATE messages SET created_at = '2026-03-28T23:30:00.000000Z' WHERE id = {before_change};
             UPDATE messages SET created_at = '2026-03-29T22:15:00.000000Z' WHERE id = {after_change};
             UPDATE messages SET created_at = '2026-03-29T21:45:00.000000Z' WHERE id = {utc_only};"
        ),
    );
    let berlin = |q: &str| format!("{}&tz=Europe/Berlin", path(q));
    let (status, page) = app.get(&berlin("on:2026-03-29"), &ta).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(ids(&page), vec![utc_only, before_change]);
    let (_, page) = app.get(&berlin("on:2026-03-29 note"), &ta).await;
    assert_eq!(ids(&page), vec![utc_only, before_change]);
    let (_, page) = app.get(&berlin("on:2026-03-30"), &ta).await;
    assert_eq!(ids(&page), vec![after_change]);
    let (_, page) = app.get(&berlin("after:2026-03-29"), &ta).await;
    assert_eq!(ids(&page), vec![after_change]);
    let (_, page) = app.get(&berlin("before:2026-03-29 note"), &ta).await;
    assert_eq!(ids(&page), Vec::<i64>::new());
    // Without a zone the days are UTC's.
    assert_eq!(
        found(&app, &ta, "on:2026-03-29").await,
        vec![utc_only, after_change]
    );
    assert_eq!(
        found(&app, &ta, "on:2026-03-28 note").await,
        vec![before_change]
    );
    // Tokyo has no daylight saving: 28 Mar 23:30 UTC is 29 Mar there.
    let (_, page) = app
        .get(&format!("{}&tz=Asia/Tokyo", path("before:2026-03-30")), &ta)
        .await;
    assert_eq!(ids(&page), vec![before_change]);
    // Without `tz`, the zone the account keeps: Berlin's days once alice chose Berlin.
    let (status, body) = crate::quiet_hours::put_quiet(
        &app,
        &ta,
        serde_json::json!({ "time_zone": "Europe/Berlin" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        found(&app, &ta, "on:2026-03-29").await,
        vec![utc_only, before_change]
    );
}

#[tokio::test]
async fn a_wrong_operator_day_or_zone_is_a_400_that_says_what_to_write() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    for (q, says) in [
        ("on:2026-02-30", "is not a day"),
        ("before:yesterday", "YYYY-MM-DD"),
        ("has:car", "has: takes file, image, link, reaction or pin"),
        ("is:open", "is: takes thread or saved"),
        ("from:a from:b", "from: may be given once"),
    ] {
        let (status, body) = app.get(&path(q), &ta).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{q}: {body}");
        let said = body["details"]["q"][0].as_str().unwrap_or_default();
        assert!(said.contains(says), "{q}: {body}");
    }
    let (status, body) = app
        .get(&format!("{}&tz=Mars/Olympus", path("deploy")), &ta)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(
        body["details"]["tz"][0]
            .as_str()
            .unwrap_or_default()
            .contains("Mars/Olympus"),
        "{body}"
    );
    // Links, times, a word ending in a colon and a name that is no operator stay words.
    for q in ["https://example.com/x", "10:30", "note:", "re:deploy"] {
        let (status, body) = app.get(&path(q), &ta).await;
        assert_eq!(status, StatusCode::OK, "{q}: {body}");
    }
    // The five apps' own ?search= keeps taking operators' text as words.
    let chat = group(&app, &ta, "Words", &[]).await;
    send(&app, &ta, chat, "re:deploy is a word here").await;
    let (status, page) = app
        .get(
            &format!("/messages/api/chats/{chat}/messages/?search=re:deploy"),
            &ta,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
}

/// A word with an operator is answered from whichever side is rarer, with the same
/// answer either way: past hundreds of newer matches of the word that the operator
/// refuses (the operator's side is walked, the word tested on each text as the index
/// reads it: a prefix, a folded accent), and past thousands of the operator's messages
/// without the word (the word's matches are walked after all).
#[tokio::test]
async fn a_word_with_an_operator_is_found_past_many_newer_matches_of_either() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let team = group(&app, &ta, "Team", &[b]).await;
    let ops = group(&app, &ta, "ops", &[b]).await;

    let notes = id(&send(&app, &tb, team, "Café release notes").await);
    crate::team_cli::seed_messages(&app, team, a, 300, "release");
    let (status, _) = app
        .call(
            Method::POST,
            &format!("/messages/api/messages/{notes}/reactions/"),
            Some(&ta),
            Some(json!({"emoji": "👍"})),
        )
        .await;
    assert!(status.is_success(), "{status}");
    let (status, _) = app
        .call(
            Method::POST,
            "/messages/api/saved/",
            Some(&ta),
            Some(json!({"message_id": notes})),
        )
        .await;
    assert!(status.is_success(), "{status}");
    for q in [
        "release from:@bob",
        "relea from:@bob",
        "cafe from:@bob",
        "CAFÉ release from:@bob",
        "release has:reaction",
        "release is:saved",
    ] {
        assert_eq!(found(&app, &ta, q).await, vec![notes], "{q}");
    }
    let (_, page) = app.get(&path("release from:@bob"), &ta).await;
    let snippet = page["results"][0]["snippet"].as_str().unwrap_or_default();
    assert!(snippet.contains("<mark>release</mark>"), "{snippet}");
    assert!(found(&app, &ta, "releases from:@bob").await.is_empty());
    assert!(found(&app, &ta, "notes release from:@alice")
        .await
        .is_empty());

    let plan = id(&send(&app, &ta, ops, "deploy plan").await);
    crate::team_cli::seed_messages(&app, ops, a, 2100, "");
    crate::team_cli::seed_messages(&app, ops, b, 300, "deploy");
    assert_eq!(found(&app, &ta, "deploy from:@alice").await, vec![plan]);
    assert_eq!(
        found(&app, &ta, "deploy from:@alice in:#ops").await,
        vec![plan]
    );
    let bobs = found(&app, &ta, "deploy from:@bob").await;
    assert_eq!(bobs.len(), 20, "a page of bob's newest");
    assert!(!bobs.contains(&plan));
}

/// `from:` finds a sender's messages in the searcher's chats past hundreds of theirs in
/// chats the searcher is not in (the sender's newest entries anywhere are read first,
/// then the searcher's chats one by one), and no message of those other chats.
#[tokio::test]
async fn from_finds_a_senders_messages_past_many_newer_ones_elsewhere() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (c, tc) = app.register("carol").await;
    let shared = group(&app, &ta, "Shared", &[b]).await;
    let private = group(&app, &ta, "Private", &[c]).await;
    let mut older = Vec::new();
    for text in ["older one", "older two", "older three"] {
        older.push(id(&send(&app, &ta, shared, text).await));
    }
    older.reverse();
    crate::team_cli::seed_messages(&app, private, a, 300, "older");
    assert_eq!(found(&app, &tb, "from:@alice").await, older);
    assert_eq!(found(&app, &tb, "from:@alice older").await, older);
    assert_eq!(
        found(&app, &tb, "older from:@alice in:#shared").await,
        older
    );
    let carols = found(&app, &tc, "from:@alice").await;
    assert_eq!(carols.len(), 20, "a page of alice's newest in Private");
    assert!(carols.iter().all(|m| !older.contains(m)));
    // Days with no message of any chat are answered without reading one; the others are
    // read as before.
    assert!(found(&app, &tb, "from:@alice before:2020-01-01")
        .await
        .is_empty());
    assert!(found(&app, &tb, "older before:2020-01-01").await.is_empty());
    assert_eq!(
        found(&app, &tb, "from:@alice after:2020-01-01").await,
        older
    );
}

/// `from:` reads the sender's newest messages in groups and, one by one, the searcher's
/// direct chats, whose messages the index holds without the sender's word alone: a page
/// holds the newest of both in order, a direct message is found past more of the
/// sender's group messages than are read at once, and no one else's direct chat is read.
#[tokio::test]
async fn from_finds_a_senders_direct_messages_beside_many_in_groups() {
    let app = TestApp::spawn().await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (c, tc) = app.register("carol").await;
    let shared = group(&app, &ta, "Shared", &[b, c]).await;
    let dm = direct(&app, &ta, b).await;

    let oldest = id(&send(&app, &ta, dm, "direct oldest").await);
    crate::team_cli::seed_messages(&app, shared, a, 100, "grouped");
    crate::team_cli::seed_messages(&app, dm, a, 30, "seeded");
    let newest = id(&send(&app, &ta, shared, "group newest").await);

    let seeded = found(&app, &tb, "from:@alice seeded").await;
    assert_eq!(
        seeded.len(),
        20,
        "a page of the direct chat's seeded messages"
    );
    let mut page = vec![newest];
    page.extend(&seeded[..19]);
    assert_eq!(found(&app, &tb, "from:@alice").await, page);
    assert_eq!(found(&app, &tb, "from:@alice oldest").await, vec![oldest]);
    assert_eq!(found(&app, &tb, "from:@alice direct").await, vec![oldest]);
    assert!(found(&app, &tb, "from:@bob").await.is_empty());

    // Carol shares the group, not the direct chat.
    let carols = found(&app, &tc, "from:@alice").await;
    assert_eq!(carols.len(), 20);
    assert_eq!(carols[0], newest);
    assert!(carols.iter().all(|m| !seeded.contains(m) && *m != oldest));
    assert!(found(&app, &tc, "from:@alice seeded").await.is_empty());
    assert!(found(&app, &tc, "from:@alice direct").await.is_empty());
}
