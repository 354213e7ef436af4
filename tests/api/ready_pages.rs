//! Ready pages (`--ready-pages-mib`): a history page of the chats surface, the chat list
//! and the inbox, once kept, are answered from memory until a write changes them. Each
//! test first reads a page twice and sees `/metrics` count the second read as a hit (so
//! the page is kept), then writes, then reads again: the answer is the one a fresh build
//! gives (the same request with a query parameter no page has had, which is never kept
//! yet). Writes by every route that changes what a page shows, by another process on the
//! same SQLite file, and by another node; a removed member, a deactivated account and a
//! signed-out key; the bound on memory; the compressed forms and the headers a kept page
//! is answered with; the address in the key; pages off.

use crate::chats::{group, send};
use crate::helpers::*;
use crate::metrics::{free_port, scrape, value};
use crate::team_cli::done;
use crate::team_server::operator_admin;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};

const HITS: &str = "natter_ready_page_hits_total";
const MISSES: &str = "natter_ready_page_misses_total";
pub(crate) const REMEMBERED: &str = "natter_ready_page_checks_remembered_total";
const EVICTIONS: &str = "natter_ready_page_evictions_total";
const BYTES: &str = "natter_ready_pages_bytes";

/// natter with metrics on a free port and `args` besides; the app and the metrics URL.
pub(crate) async fn spawn_pages(args: &[&str]) -> (TestApp, String) {
    let at = format!("127.0.0.1:{}", free_port());
    let mut all = vec!["--rate-limits", "off", "--metrics-listen", &at];
    all.extend_from_slice(args);
    let app = TestApp::spawn_with(&all).await;
    (app, format!("http://{at}/metrics"))
}

/// The value of the unlabelled series `name` now.
pub(crate) async fn counter(app: &TestApp, metrics: &str, name: &str) -> f64 {
    value(&scrape(app, metrics).await, name)
}

/// Reads `path` as `auth` twice and asserts the second read was answered from memory
/// (the hits counter rose by one): the page is kept.
pub(crate) async fn keep(app: &TestApp, metrics: &str, path: &str, auth: &str) -> Value {
    let (status, first) = app.get(path, auth).await;
    assert_eq!(status, StatusCode::OK, "{path}: {first}");
    let hits = counter(app, metrics, HITS).await;
    let (status, second) = app.get(path, auth).await;
    assert_eq!(status, StatusCode::OK, "{path}: {second}");
    assert_eq!(
        counter(app, metrics, HITS).await,
        hits + 1.0,
        "the second read of {path} was not answered from memory"
    );
    assert_eq!(first, second, "{path}: a kept page differs from its build");
    second
}

/// Keeps every page of `pages` for `auth`.
async fn keep_all(app: &TestApp, metrics: &str, pages: &[String], auth: &str) {
    for path in pages {
        keep(app, metrics, path, auth).await;
    }
}

/// Tells each fresh read apart, so that none is answered from memory.
static FRESH: AtomicUsize = AtomicUsize::new(0);

/// `path` with a query parameter no request has had: a page never kept yet, built now.
fn fresh_path(path: &str) -> String {
    let n = FRESH.fetch_add(1, Ordering::Relaxed);
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}fresh{n}=1")
}

/// A page without its links (a fresh read's carry its own parameter).
fn unlinked(page: &Value) -> Value {
    let mut page = page.clone();
    if let Some(map) = page.as_object_mut() {
        map.remove("next");
        map.remove("previous");
    }
    page
}

/// Reads every page of `pages` as `auth` after the write `what`, asserts each is what a
/// fresh build answers, and returns them in order.
async fn after(app: &TestApp, pages: &[String], auth: &str, what: &str) -> Vec<Value> {
    let mut read = Vec::new();
    for path in pages {
        let (status, page) = app.get(path, auth).await;
        assert_eq!(status, StatusCode::OK, "{path} after {what}: {page}");
        let (status, fresh) = app.get(&fresh_path(path), auth).await;
        assert_eq!(status, StatusCode::OK, "{path} built after {what}: {fresh}");
        assert_eq!(
            unlinked(&page),
            unlinked(&fresh),
            "{path} after {what}: the kept page was answered, not the changed one"
        );
        read.push(page);
    }
    read
}

fn results(page: &Value) -> &Vec<Value> {
    page["results"].as_array().expect("a results array")
}

/// The message of `id` on a history or inbox page.
fn message<'a>(page: &'a Value, id: &Value) -> &'a Value {
    results(page)
        .iter()
        .find(|m| &m["id"] == id)
        .unwrap_or_else(|| panic!("no message {id} on {page}"))
}

/// The chat of `id` on a chat list.
fn chat(list: &Value, id: i64) -> &Value {
    results(list)
        .iter()
        .find(|c| c["id"] == json!(id))
        .unwrap_or_else(|| panic!("no chat {id} on {list}"))
}

fn member_ids(chat: &Value) -> Vec<i64> {
    chat["members"]
        .as_array()
        .map(|m| m.iter().filter_map(|u| u["id"].as_i64()).collect())
        .unwrap_or_default()
}

pub(crate) fn history(chat: i64) -> String {
    format!("/messages/api/chats/{chat}/messages/")
}

/// The direct chat of `auth`'s account and `with`, made through the chats surface.
async fn direct(app: &TestApp, auth: &str, with: i64) -> i64 {
    let (status, chat) = app
        .post(
            "/messages/api/chats/",
            auth,
            json!({"chat_type": "dm", "member_ids": [with]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{chat}");
    chat["id"].as_i64().expect("chat id")
}

async fn call_ok(app: &TestApp, method: Method, path: &str, auth: &str, body: Option<Value>) {
    let (status, answer) = app.call(method, path, Some(auth), body).await;
    assert!(status.is_success(), "{path}: {status} {answer}");
}

/// Every kind of write that changes a page, each after the pages were kept: bob's view
/// of a direct chat and a group, his chat list and his inbox, each read again equal to a
/// fresh build and showing the change.
#[tokio::test]
async fn every_kind_of_write_shows_on_the_next_read_of_a_kept_page() {
    let (app, metrics) = spawn_pages(&[]).await;
    let admin = operator_admin(&app, "boss").await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (c, tc) = app.register("carol").await;
    let d = direct(&app, &ta, b).await;
    let g = group(&app, &ta, "garden", &[b]).await;
    send(&app, &ta, d, "first").await;
    let root = send(&app, &ta, g, "the root").await["id"].clone();
    let pages = [
        history(d),
        history(g),
        "/messages/api/chats/".to_string(),
        "/api/messages/".to_string(),
    ];
    let (hd, hg, list, inbox) = (0, 1, 2, 3);

    // Sent through the chats surface.
    keep_all(&app, &metrics, &pages, &tb).await;
    let sent = send(&app, &ta, d, "second").await["id"].clone();
    let read = after(&app, &pages, &tb, "a send").await;
    assert_eq!(message(&read[hd], &sent)["content"], "second");
    assert_eq!(chat(&read[list], d)["last_message"]["content"], "second");
    assert_eq!(results(&read[inbox])[0]["id"], sent, "{}", read[inbox]);

    // Sent through the inbox surface.
    keep_all(&app, &metrics, &pages, &tb).await;
    let by_inbox = inbox_send(&app, &ta, b, "through the inbox").await["id"].clone();
    let read = after(&app, &pages, &tb, "an inbox send").await;
    assert_eq!(
        message(&read[hd], &by_inbox)["content"],
        "through the inbox"
    );

    // Sent over the dm surface's socket: its frame comes after the commit.
    keep_all(&app, &metrics, &pages, &tb).await;
    let mut ws = app.socket(&format!("/ws/chat/{d}/"), &ta).await;
    send_json(&mut ws, json!({"body": "over a socket"})).await;
    wait_for(&mut ws, |f| f["message"]["body"] == "over a socket").await;
    let read = after(&app, &pages, &tb, "a socket send").await;
    assert_eq!(results(&read[hd])[0]["content"], "over a socket");
    drop(ws);

    // Edited.
    keep_all(&app, &metrics, &pages, &tb).await;
    call_ok(
        &app,
        Method::PUT,
        &format!("/messages/api/messages/{sent}/"),
        &ta,
        Some(json!({"content": "second, edited"})),
    )
    .await;
    let read = after(&app, &pages, &tb, "an edit").await;
    let edited = message(&read[hd], &sent);
    assert_eq!(
        (&edited["content"], &edited["is_edited"]),
        (&json!("second, edited"), &json!(true))
    );

    // Reacted to, then un-reacted.
    let react = format!("/messages/api/messages/{sent}/reactions/");
    keep_all(&app, &metrics, &pages, &tb).await;
    call_ok(&app, Method::POST, &react, &ta, Some(json!({"emoji": "x"}))).await;
    let read = after(&app, &pages, &tb, "a reaction").await;
    assert_eq!(
        message(&read[hd], &sent)["reactions"],
        json!([{"emoji": "x", "count": 1, "users": [a]}])
    );
    keep_all(&app, &metrics, &pages, &tb).await;
    call_ok(&app, Method::POST, &react, &ta, Some(json!({"emoji": "x"}))).await;
    let read = after(&app, &pages, &tb, "an un-reaction").await;
    assert_eq!(message(&read[hd], &sent)["reactions"], json!([]));

    // A file attached.
    let (status, file) = upload(&app, &ta, "note.txt", "text/plain", b"attached".to_vec()).await;
    assert_eq!(status, StatusCode::CREATED, "{file}");
    keep_all(&app, &metrics, &pages, &tb).await;
    let (status, with_file) = app
        .post(
            &history(d),
            &ta,
            json!({"content": "with a file", "attachment_ids": [file["id"]]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{with_file}");
    let read = after(&app, &pages, &tb, "an attachment").await;
    let attachments = &message(&read[hd], &with_file["id"])["attachments"];
    assert_eq!(attachments[0]["name"], "note.txt", "{attachments}");

    // Deleted by its sender.
    keep_all(&app, &metrics, &pages, &tb).await;
    call_ok(
        &app,
        Method::DELETE,
        &format!("/messages/api/messages/{}/", with_file["id"]),
        &ta,
        None,
    )
    .await;
    let read = after(&app, &pages, &tb, "a delete").await;
    assert!(
        results(&read[hd])
            .iter()
            .all(|m| m["id"] != with_file["id"]),
        "{}",
        read[hd]
    );

    // Removed by an administrator (moderation): kept in its place, marked deleted.
    keep_all(&app, &metrics, &pages, &tb).await;
    call_ok(
        &app,
        Method::DELETE,
        &format!("/api/admin/messages/{by_inbox}/"),
        &admin,
        None,
    )
    .await;
    let read = after(&app, &pages, &tb, "a moderator's removal").await;
    assert_eq!(message(&read[hd], &by_inbox)["is_deleted"], true);

    // A reply in a thread: its root's summary.
    keep_all(&app, &metrics, &pages, &tb).await;
    send_with(
        &app,
        &ta,
        g,
        json!({"content": "in the thread", "thread_id": root}),
    )
    .await;
    let read = after(&app, &pages, &tb, "a thread reply").await;
    assert_eq!(
        message(&read[hg], &root)["thread"]["reply_count"],
        1,
        "{}",
        read[hg]
    );

    // A thread read by another member: bob's reply kept in the thread, read by alice
    // through the thread (the chat's page shows the reply and who read it).
    let reply = send_with(
        &app,
        &tb,
        g,
        json!({"content": "bob's reply", "thread_id": root}),
    )
    .await["id"]
        .clone();
    keep_all(&app, &metrics, &pages, &tb).await;
    call_ok(
        &app,
        Method::POST,
        &format!("/api/threads/{root}/read/"),
        &ta,
        Some(json!({})),
    )
    .await;
    let read = after(&app, &pages, &tb, "a thread read").await;
    assert_eq!(
        message(&read[hg], &reply)["content"]
            .as_str()
            .map(|t| t.ends_with("bob's reply")),
        Some(true)
    );

    // A read marker moved by another member: bob's message read by alice.
    let bobs = send(&app, &tb, g, "from bob").await["id"].clone();
    keep_all(&app, &metrics, &pages, &tb).await;
    call_ok(
        &app,
        Method::POST,
        &format!("/messages/api/chats/{g}/mark-as-read/"),
        &ta,
        Some(json!({})),
    )
    .await;
    let read = after(&app, &pages, &tb, "a read marker").await;
    let mut readers: Vec<i64> =
        serde_json::from_value(message(&read[hg], &bobs)["read_by"].clone()).expect("ids");
    readers.sort();
    assert_eq!(readers, vec![a.min(b), a.max(b)]);

    // A member added, then leaving.
    keep_all(&app, &metrics, &pages, &tb).await;
    call_ok(
        &app,
        Method::POST,
        &format!("/messages/api/chats/{g}/members/add/"),
        &ta,
        Some(json!({"user_ids": [c]})),
    )
    .await;
    let read = after(&app, &pages, &tb, "a member added").await;
    assert!(member_ids(chat(&read[list], g)).contains(&c));
    keep_all(&app, &metrics, &pages, &tb).await;
    call_ok(
        &app,
        Method::DELETE,
        &format!("/messages/api/chats/{g}/members/{c}/remove/"),
        &tc,
        None,
    )
    .await;
    let read = after(&app, &pages, &tb, "a member leaving").await;
    assert!(!member_ids(chat(&read[list], g)).contains(&c));

    // The chat renamed.
    keep_all(&app, &metrics, &pages, &tb).await;
    call_ok(
        &app,
        Method::PATCH,
        &format!("/messages/api/chats/{g}/"),
        &ta,
        Some(json!({"title": "allotment"})),
    )
    .await;
    let read = after(&app, &pages, &tb, "a rename of the chat").await;
    assert_eq!(chat(&read[list], g)["title"], "allotment");

    // The sender renamed: every page that shows her.
    keep_all(&app, &metrics, &pages, &tb).await;
    call_ok(
        &app,
        Method::PATCH,
        "/api/account/",
        &ta,
        Some(json!({"display_name": "Alicia"})),
    )
    .await;
    let read = after(&app, &pages, &tb, "a rename of the sender").await;
    assert_eq!(
        message(&read[hd], &sent)["sender"]["display_name"],
        "Alicia"
    );
    assert_eq!(
        message(&read[hg], &root)["sender"]["display_name"],
        "Alicia"
    );
    assert_eq!(chat(&read[list], d)["title"], "Alicia");

    // The sender's picture changed.
    let (status, picture) = upload(&app, &ta, "me.png", "image/png", b"\x89PNG\r\n".to_vec()).await;
    assert_eq!(status, StatusCode::CREATED, "{picture}");
    let image = format!("/api/files/{}/download/", picture["id"]);
    keep_all(&app, &metrics, &pages, &tb).await;
    call_ok(
        &app,
        Method::PATCH,
        "/profiles/api/profile/",
        &ta,
        Some(json!({"image": image})),
    )
    .await;
    let read = after(&app, &pages, &tb, "a new picture").await;
    assert_eq!(message(&read[hd], &sent)["sender"]["avatar_url"], image);
}

/// Sends `body` to `chat` through the chats surface; the message.
async fn send_with(app: &TestApp, auth: &str, chat: i64, body: Value) -> Value {
    let (status, msg) = app.post(&history(chat), auth, body).await;
    assert_eq!(status, StatusCode::CREATED, "{msg}");
    msg
}

/// `auth`'s answer to `GET path`.
async fn answer(app: &TestApp, path: &str, auth: &str) -> Answer {
    ask(app, Method::GET, path, &[("Authorization", auth)], None).await
}

/// A member an administrator removed gets, on their very next read of a page they had
/// read, the 404 someone who was never in the chat gets; a deactivated account and a
/// signed-out key get 401 at once on every kept page.
#[tokio::test]
async fn a_removed_member_a_deactivated_account_and_a_signed_out_key_are_refused_at_once() {
    let (app, metrics) = spawn_pages(&[]).await;
    let admin = operator_admin(&app, "boss").await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (_, outsider) = app.register("carol").await;
    let (d, td) = app.register("dave").await;
    let (e, te) = app.register("erin").await;
    let g = group(&app, &ta, "g", &[b, d, e]).await;
    send(&app, &ta, g, "hello").await;
    let path = history(g);
    let never = answer(&app, &path, &outsider).await;
    assert_eq!(never.status, StatusCode::NOT_FOUND, "{}", never.body);
    let missing = answer(&app, &history(g + 1000), &tb).await;
    assert_eq!(never.body, missing.body, "a chat not joined looks missing");

    keep(&app, &metrics, &path, &tb).await;
    keep(&app, &metrics, "/messages/api/chats/", &tb).await;
    call_ok(
        &app,
        Method::DELETE,
        &format!("/api/admin/chats/{g}/members/{b}/"),
        &admin,
        None,
    )
    .await;
    let removed = answer(&app, &path, &tb).await;
    assert_eq!(
        (removed.status, &removed.body),
        (never.status, &never.body),
        "a removed member's next read"
    );
    let (_, list) = app.get("/messages/api/chats/", &tb).await;
    assert!(results(&list).iter().all(|c| c["id"] != json!(g)), "{list}");

    // Deactivated by the operator: their key ends at once.
    let own = ["/messages/api/chats/", "/api/messages/"];
    keep(&app, &metrics, &path, &td).await;
    for page in own {
        keep(&app, &metrics, page, &td).await;
    }
    done(&app, &["users", "deactivate", "dave"]);
    for page in [path.as_str(), own[0], own[1]] {
        let refused = answer(&app, page, &td).await;
        assert_eq!(
            refused.status,
            StatusCode::UNAUTHORIZED,
            "{page}: {}",
            refused.body
        );
    }

    // A key signed out.
    keep(&app, &metrics, &path, &te).await;
    for page in own {
        keep(&app, &metrics, page, &te).await;
    }
    call_ok(
        &app,
        Method::POST,
        "/api/auth/logout/",
        &te,
        Some(json!({})),
    )
    .await;
    for page in [path.as_str(), own[0], own[1]] {
        let refused = answer(&app, page, &te).await;
        assert_eq!(
            refused.status,
            StatusCode::UNAUTHORIZED,
            "{page}: {}",
            refused.body
        );
    }
}

/// Another process writing the same database beside the running server (`natter users`,
/// `natter seed-messages`): the triggers move the pages' versions, so the next read
/// shows its write.
#[tokio::test]
async fn an_outside_writer_on_the_same_database_is_seen_on_the_next_read() {
    let (app, metrics) = spawn_pages(&[]).await;
    operator_admin(&app, "boss").await;
    let (a, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let g = group(&app, &ta, "g", &[b]).await;
    let said = send(&app, &ta, g, "hello").await["id"].clone();
    inbox_send(&app, &ta, b, "psst").await;
    let pages = [
        history(g),
        "/messages/api/chats/".to_string(),
        "/api/messages/".to_string(),
    ];

    keep_all(&app, &metrics, &pages, &tb).await;
    done(&app, &["users", "deactivate", "alice"]);
    let read = after(&app, &pages, &tb, "natter users deactivate").await;
    assert_eq!(message(&read[0], &said)["sender"]["is_active"], false);

    keep_all(&app, &metrics, &pages, &tb).await;
    done(&app, &["users", "reactivate", "alice"]);
    let read = after(&app, &pages, &tb, "natter users reactivate").await;
    assert_eq!(message(&read[0], &said)["sender"]["is_active"], true);

    keep_all(&app, &metrics, &pages, &tb).await;
    let before = keep(&app, &metrics, &pages[0], &tb).await["count"].clone();
    crate::team_cli::seed_messages(&app, g, a, 3, "");
    let read = after(&app, &pages, &tb, "natter seed-messages").await;
    assert_eq!(
        read[0]["count"].as_i64(),
        before.as_i64().map(|n| n + 3),
        "{}",
        read[0]
    );
}

/// A person a Slack import brought in, who has not arrived yet, is no one's reader: an
/// import moves their read marker, yet they read nothing. Once they arrive (here a
/// password set by the operator, from another process), `read_by` names them: the page
/// kept before must not be answered.
#[tokio::test]
async fn an_imported_person_arriving_shows_as_a_reader_on_the_next_read() {
    let (app, metrics) = spawn_pages(&[]).await;
    let (_, ta) = app.register("alice").await;
    done(&app, &["users", "confirm-email", "alice"]);
    let zip = app.dir.path().join("export.zip");
    let user = |id: &str, name: &str, email: &str| {
        json!({"id": id, "team_id": "T0TEST", "name": name, "real_name": name,
               "profile": {"email": email, "real_name": name}})
    };
    let file = std::fs::File::create(&zip).expect("zip file");
    let mut writer = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    for (name, value) in [
        (
            "users.json",
            json!([
                user("U1", "alice", "alice@example.org"),
                user("U2", "dora", "dora@slack.example.com")
            ]),
        ),
        (
            "channels.json",
            json!([{"id": "C1", "name": "garden", "creator": "U1", "members": ["U1", "U2"],
                    "topic": {"value": ""}, "purpose": {"value": ""}}]),
        ),
        (
            "garden/2023-11-14.json",
            json!([
                {"type": "message", "user": "U1", "text": "hello", "ts": "1700000000.000100"},
                {"type": "message", "user": "U2", "text": "hi", "ts": "1700000100.000100"}
            ]),
        ),
    ] {
        writer.start_file(name, options).expect("entry");
        std::io::Write::write_all(&mut writer, value.to_string().as_bytes()).expect("entry");
    }
    writer.finish().expect("zip written");
    let media = app.media_dir().to_str().expect("utf-8 path").to_string();
    let zip = zip.to_str().expect("utf-8 path").to_string();
    done(&app, &["--media-dir", &media, "import", "slack", &zip]);
    let (_, list) = app.get("/messages/api/chats/", &ta).await;
    let garden = results(&list)
        .iter()
        .find(|c| c["title"] == "garden")
        .and_then(|c| c["id"].as_i64())
        .unwrap_or_else(|| panic!("no garden in {list}"));
    let pages = [history(garden)];
    let kept = keep(&app, &metrics, &pages[0], &ta).await;
    assert_eq!(results(&kept).len(), 2, "{kept}");

    let out = crate::team_cli::natter(
        &app,
        &["users", "set-password", "dora", "--password-stdin"],
        "correct-horse-battery\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    after(&app, &pages, &ta, "an imported person's arrival").await;
}

/// Bounded: with `--ready-pages-mib 1`, many distinct pages push the oldest out
/// (evictions counted) and the bytes kept never pass the bound; a page larger than a
/// sixteenth of it is never kept, so reading it again is a miss again.
#[tokio::test]
async fn pages_stay_within_their_bound_and_a_large_page_is_not_kept() {
    let (app, metrics) = spawn_pages(&["--ready-pages-mib", "1"]).await;
    let (a, ta) = app.register("alice").await;
    let g = group(&app, &ta, "g", &[]).await;
    let words = "lorem ipsum dolor sit amet ".repeat(10);
    crate::team_cli::seed_messages(&app, g, a, 200, &words);
    let bound = 1024.0 * 1024.0;
    // About 40 KB each: 40 of them are more than the bound.
    for n in 0..40 {
        let path = format!("{}?page_size=50&n={n}", history(g));
        let (status, page) = app.get(&path, &ta).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let text = scrape(&app, &metrics).await;
        assert!(
            value(&text, BYTES) <= bound,
            "{BYTES} past the bound:\n{text}"
        );
    }
    let text = scrape(&app, &metrics).await;
    assert!(
        value(&text, EVICTIONS) > 0.0,
        "no eviction counted:\n{text}"
    );
    assert!(value(&text, BYTES) > 0.0, "nothing kept:\n{text}");
    // The newest is still kept.
    keep(
        &app,
        &metrics,
        &format!("{}?page_size=50&n=39", history(g)),
        &ta,
    )
    .await;

    // Larger than 64 KiB: read three times, missed three times.
    let large = format!("{}?page_size=200", history(g));
    let (hits, misses) = (
        counter(&app, &metrics, HITS).await,
        counter(&app, &metrics, MISSES).await,
    );
    for _ in 0..3 {
        let (status, page) = app.get(&large, &ta).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.to_string().len() > 64 * 1024, "the page is not large");
    }
    assert_eq!(counter(&app, &metrics, HITS).await, hits);
    assert_eq!(counter(&app, &metrics, MISSES).await, misses + 3.0);
}

/// `GET path` with `headers` besides `auth`'s; the status, headers and raw body.
async fn raw(
    app: &TestApp,
    method: Method,
    path: &str,
    auth: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
    let mut rb = app
        .client
        .request(method, format!("{}{}", app.base, path))
        .header("Authorization", auth);
    for (name, value) in headers {
        rb = rb.header(*name, *value);
    }
    let resp = rb.send().await.expect("request sent");
    let status = resp.status();
    let headers = resp.headers().clone();
    (status, headers, resp.bytes().await.expect("body").to_vec())
}

fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// A kept page asked for in brotli and gzip answers the same JSON, compressed, with
/// `Content-Encoding` and `Vary: accept-encoding`; HEAD answers its headers, and DRF's
/// browsable page (`?format=api`, or a browser's `Accept: text/html`) is still the page,
/// whatever encodings the browser accepts.
#[tokio::test]
async fn compressed_forms_of_a_kept_page_are_the_same_json() {
    let (app, metrics) = spawn_pages(&[]).await;
    let (a, ta) = app.register("alice").await;
    let g = group(&app, &ta, "g", &[]).await;
    crate::team_cli::seed_messages(&app, g, a, 60, "");
    let path = history(g);
    let plain = keep(&app, &metrics, &path, &ta).await;
    assert!(plain.to_string().len() > 4096, "large enough to compress");

    for (coding, unpack) in [
        ("br", unbrotli as fn(&[u8]) -> Vec<u8>),
        ("gzip", ungzip as fn(&[u8]) -> Vec<u8>),
    ] {
        // Twice: the form is made once, then kept beside the page.
        for _ in 0..2 {
            let hits = counter(&app, &metrics, HITS).await;
            let (status, headers, body) = raw(
                &app,
                Method::GET,
                &path,
                &ta,
                &[("Accept-Encoding", coding)],
            )
            .await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(counter(&app, &metrics, HITS).await, hits + 1.0, "{coding}");
            assert_eq!(header(&headers, "content-encoding"), Some(coding));
            assert!(vary_tokens(&headers).contains(&"accept-encoding".to_string()));
            let json: Value = serde_json::from_slice(&unpack(&body)).expect("JSON");
            assert_eq!(json, plain, "{coding}");
        }
    }

    let (status, headers, body) = raw(&app, Method::HEAD, &path, &ta, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.is_empty());
    assert_eq!(header(&headers, "content-type"), Some("application/json"));

    // DRF's browsable page, asked as a browser asks: kept JSON must not stand in for it.
    for (asked, accept) in [
        (format!("{path}?format=api"), "*/*"),
        (path.clone(), "text/html,application/xhtml+xml,*/*;q=0.8"),
    ] {
        for _ in 0..2 {
            let (status, headers, body) = raw(
                &app,
                Method::GET,
                &asked,
                &ta,
                &[("Accept", accept), ("Accept-Encoding", "gzip, deflate, br")],
            )
            .await;
            assert_eq!(status, StatusCode::OK);
            let kind = header(&headers, "content-type")
                .unwrap_or_default()
                .to_string();
            assert!(
                kind.starts_with("text/html"),
                "{asked} with Accept {accept}: {kind} ({:?})",
                header(&headers, "content-encoding")
            );
            assert!(!body.is_empty());
        }
    }
}

/// The same page asked for under another `Host` keeps its own links: the key is the
/// address as the links are written.
#[tokio::test]
async fn another_host_keeps_its_own_links() {
    let (app, metrics) = spawn_pages(&[]).await;
    let (a, ta) = app.register("alice").await;
    let g = group(&app, &ta, "g", &[]).await;
    crate::team_cli::seed_messages(&app, g, a, 5, "");
    let path = format!("{}?page_size=2", history(g));
    let ours = keep(&app, &metrics, &path, &ta).await;
    let next = ours["next"].as_str().expect("a next link");
    assert!(next.starts_with(&app.base), "{next}");
    for host in ["chat.example.org", "other.example.net:8443"] {
        for _ in 0..2 {
            let theirs = ask(
                &app,
                Method::GET,
                &path,
                &[("Authorization", &ta), ("Host", host)],
                None,
            )
            .await;
            assert_eq!(theirs.status, StatusCode::OK, "{}", theirs.body);
            let next = theirs.body["next"].as_str().expect("a next link");
            assert!(
                next.starts_with(&format!("http://{host}/")),
                "{host}: {next}"
            );
            assert_eq!(theirs.body["results"], ours["results"]);
        }
    }
    let again = answer(&app, &path, &ta).await;
    assert_eq!(again.body, ours, "the first host's page is its own still");
}

/// Two nodes on one PostgreSQL database with NATS: a page kept on node b, a write
/// through node a, and b's next read after a acknowledged the write shows it.
#[tokio::test]
async fn a_write_on_one_node_shows_on_the_other_nodes_next_read() {
    let test = "a_write_on_one_node_shows_on_the_other_nodes_next_read";
    let Some(bin) = crate::cluster::nats_or_skip(test) else {
        return;
    };
    if crate::pg::cluster_or_skip(test).is_none() {
        assert!(
            std::env::var("NATTER_REQUIRE_NATS").map_or(true, |v| v != "1"),
            "{test} needs PostgreSQL (NATTER_REQUIRE_NATS=1)"
        );
        return;
    }
    let nats = crate::cluster::Nats::start(bin);
    let hub = format!("nats://127.0.0.1:{}", nats.port());
    let metrics_at = format!("127.0.0.1:{}", free_port());
    let metrics = format!("http://{metrics_at}/metrics");
    let mut c = crate::cluster::Cluster::start_each(nats, crate::pg::fresh_database(), |k| {
        let mut args = vec!["--hub".to_string(), hub.clone()];
        args.extend(["--rate-limits", "off"].map(String::from));
        if k == 1 {
            args.extend(["--metrics-listen".to_string(), metrics_at.clone()]);
        }
        args
    });
    let (_, ta) = c.a.register("alice").await;
    let (b, tb) = c.b.register("bob").await;
    let g = group(&c.a, &ta, "g", &[b]).await;
    send(&c.a, &ta, g, "first").await;
    let pages = [history(g), "/messages/api/chats/".to_string()];
    for (what, n) in [("a send", 0), ("an edit", 1), ("a rename", 2)] {
        keep_all(&c.b, &metrics, &pages, &tb).await;
        match n {
            0 => {
                send(&c.a, &ta, g, "second").await;
            }
            1 => {
                let (_, page) = c.a.get(&history(g), &ta).await;
                let id = page["results"][0]["id"].clone();
                call_ok(
                    &c.a,
                    Method::PUT,
                    &format!("/messages/api/messages/{id}/"),
                    &ta,
                    Some(json!({"content": "second, edited"})),
                )
                .await;
            }
            _ => {
                call_ok(
                    &c.a,
                    Method::PATCH,
                    "/api/account/",
                    &ta,
                    Some(json!({"display_name": "Alicia"})),
                )
                .await;
            }
        }
        let read = after(&c.b, &pages, &tb, what).await;
        let newest = &read[0]["results"][0];
        match n {
            0 => assert_eq!(newest["content"], "second"),
            1 => assert_eq!(newest["content"], "second, edited"),
            _ => assert_eq!(newest["sender"]["display_name"], "Alicia"),
        }
    }

    // Taken out of the chat through node a: b's next read of the kept page is the 404 of
    // a chat they were never in, and their list drops it.
    let (_, outsider) = c.b.register("carol").await;
    let never = answer(&c.b, &history(g), &outsider).await;
    keep_all(&c.b, &metrics, &pages, &tb).await;
    call_ok(
        &c.a,
        Method::DELETE,
        &format!("/messages/api/chats/{g}/members/{b}/remove/"),
        &ta,
        None,
    )
    .await;
    let removed = answer(&c.b, &history(g), &tb).await;
    assert_eq!((removed.status, &removed.body), (never.status, &never.body));
    let (_, list) = c.b.get("/messages/api/chats/", &tb).await;
    assert!(results(&list).iter().all(|x| x["id"] != json!(g)), "{list}");
    let (status, back) =
        c.a.post(
            &format!("/messages/api/chats/{g}/members/add/"),
            &ta,
            json!({"user_ids": [b]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{back}");

    // With the bus down, pages are still checked against the database's versions.
    keep_all(&c.b, &metrics, &pages, &tb).await;
    c.nats.stop();
    let (status, sent) =
        c.a.post(
            &history(g),
            &ta,
            json!({"content": "while the bus is down"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    let read = after(&c.b, &pages, &tb, "a send while the bus is down").await;
    assert_eq!(read[0]["results"][0]["id"], sent["id"]);
}

/// A chat list and an inbox are each person's own: kept for one, never answered to
/// another, though both read the same address.
#[tokio::test]
async fn one_persons_list_is_never_answered_to_another() {
    let (app, metrics) = spawn_pages(&[]).await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let d = direct(&app, &ta, b).await;
    send(&app, &ta, d, "hello bob").await;
    inbox_send(&app, &ta, b, "psst").await;
    for page in ["/messages/api/chats/", "/api/messages/"] {
        let hers = keep(&app, &metrics, page, &ta).await;
        let his = keep(&app, &metrics, page, &tb).await;
        let (_, hers_fresh) = app.get(&fresh_path(page), &ta).await;
        let (_, his_fresh) = app.get(&fresh_path(page), &tb).await;
        assert_eq!(unlinked(&hers), unlinked(&hers_fresh), "{page}");
        assert_eq!(unlinked(&his), unlinked(&his_fresh), "{page}");
        if page == "/messages/api/chats/" {
            assert_eq!(chat(&hers, d)["title"], "bob");
            assert_eq!(chat(&his, d)["title"], "alice");
            assert_eq!(chat(&his, d)["unread_count"], 2);
            assert_eq!(chat(&hers, d)["unread_count"], 0);
        }
    }
}

/// Sends acknowledged one after another while other readers keep asking for the same
/// pages (so pages are built and kept while the writes land): each read after an
/// acknowledgement shows that send as the newest message.
#[tokio::test]
async fn a_read_after_each_acknowledged_send_shows_it_while_others_read() {
    let (app, metrics) = spawn_pages(&[]).await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let g = group(&app, &ta, "g", &[b]).await;
    send(&app, &ta, g, "first").await;
    let path = history(g);
    keep(&app, &metrics, &path, &tb).await;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let (client, url, auth, stop) = (
                app.client.clone(),
                format!("{}{}", app.base, path),
                tb.clone(),
                stop.clone(),
            );
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    let resp = client.get(&url).header("Authorization", &auth).send().await;
                    assert_eq!(resp.expect("read").status(), StatusCode::OK);
                }
            })
        })
        .collect();
    for n in 0..60 {
        let sent = send(&app, &ta, g, &format!("m{n}")).await["id"].clone();
        for auth in [&tb, &ta] {
            let (_, page) = app.get(&path, auth).await;
            assert_eq!(results(&page)[0]["id"], sent, "read after send {n}");
        }
    }
    stop.store(true, Ordering::Relaxed);
    for reader in readers {
        reader.await.expect("a reader ended cleanly");
    }
    assert!(counter(&app, &metrics, HITS).await > 0.0);
}

/// The headers that say how to read an answer: a kept page's must be a built page's.
fn describing(headers: &reqwest::header::HeaderMap) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = ["content-type", "content-encoding", "cache-control"]
        .iter()
        .map(|name| {
            (
                name.to_string(),
                header(headers, name).unwrap_or("").to_string(),
            )
        })
        .collect();
    let mut vary = vary_tokens(headers);
    vary.sort();
    out.push(("vary".to_string(), vary.join(",")));
    out
}

/// A kept page is answered with the headers the same page built anew gets (its
/// `Content-Type`, `Content-Encoding`, `Cache-Control` and every `Vary` token), with and
/// without a compressed form asked for.
#[tokio::test]
async fn a_kept_page_answers_the_headers_a_built_page_gets() {
    let (app, metrics) = spawn_pages(&[]).await;
    let (a, ta) = app.register("alice").await;
    let g = group(&app, &ta, "g", &[]).await;
    crate::team_cli::seed_messages(&app, g, a, 60, "");
    let path = history(g);
    keep(&app, &metrics, &path, &ta).await;
    let mut differ = Vec::new();
    for asked in [
        vec![],
        vec![("Accept-Encoding", "br")],
        vec![("Accept-Encoding", "gzip")],
    ] {
        let (_, built, _) = raw(&app, Method::GET, &fresh_path(&path), &ta, &asked).await;
        let hits = counter(&app, &metrics, HITS).await;
        let (_, kept, _) = raw(&app, Method::GET, &path, &ta, &asked).await;
        assert_eq!(counter(&app, &metrics, HITS).await, hits + 1.0);
        if describing(&kept) != describing(&built) {
            differ.push(format!(
                "{asked:?}: kept {:?}, built {:?}",
                describing(&kept),
                describing(&built)
            ));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// `--ready-pages-mib 0` keeps nothing: every read is built (no hit, no miss counted, no
/// byte kept) and answers as with pages kept.
#[tokio::test]
async fn with_no_memory_for_pages_every_read_is_built() {
    let (app, metrics) = spawn_pages(&["--ready-pages-mib", "0"]).await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let g = group(&app, &ta, "g", &[b]).await;
    send(&app, &ta, g, "hello").await;
    let pages = [history(g), "/messages/api/chats/".to_string()];
    for _ in 0..2 {
        for path in &pages {
            let (status, _) = app.get(path, &tb).await;
            assert_eq!(status, StatusCode::OK);
        }
    }
    let sent = send(&app, &ta, g, "again").await["id"].clone();
    let read = after(&app, &pages, &tb, "a send").await;
    assert_eq!(results(&read[0])[0]["id"], sent);
    let text = scrape(&app, &metrics).await;
    for series in [HITS, BYTES] {
        assert_eq!(value(&text, series), 0.0, "{series}:\n{text}");
    }
}

/// On SQLite a kept page's check is remembered at the file's commit mark and answered
/// without a read while no commit moved it; any commit by another process moves it.
/// Here that process writes raw SQL (no natter code at all): a member removed from the
/// chat's table, after two reads answered from memory, is refused on the very next read,
/// and a key deleted from its table no longer signs in.
#[tokio::test]
async fn raw_sql_from_another_process_ends_a_remembered_check_at_once() {
    if crate::pg::skip_on_postgres("raw SQL on the file", "it writes the SQLite file") {
        return;
    }
    let (app, metrics) = spawn_pages(&[]).await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (c, tc) = app.register("carol").await;
    let g = group(&app, &ta, "g", &[b, c]).await;
    send(&app, &ta, g, "hello").await;
    keep(&app, &metrics, &history(g), &tb).await;
    keep(&app, &metrics, &history(g), &tc).await;
    until_remembered(&app, &metrics, &history(g), &tc).await;
    let db = rusqlite::Connection::open(app.db_path()).expect("open the database");
    db.busy_timeout(std::time::Duration::from_secs(5))
        .expect("busy timeout");
    db.execute(
        "DELETE FROM chat_members WHERE chat_id = ?1 AND user_id = ?2",
        [g, b],
    )
    .expect("bob removed");
    let (status, body) = app.get(&history(g), &tb).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    // Carol's key, deleted in the file, is refused as any unknown key.
    keep(&app, &metrics, &history(g), &tc).await;
    db.execute("DELETE FROM api_tokens", [])
        .expect("keys deleted");
    let (status, body) = app.get(&history(g), &tc).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
}

/// Reads `path` as `auth` until a read is answered from a remembered check (a
/// background commit of the server's own between two reads moves the mark; the next
/// pair of reads is then remembered).
pub(crate) async fn until_remembered(app: &TestApp, metrics: &str, path: &str, auth: &str) {
    let remembered = counter(app, metrics, REMEMBERED).await;
    let deadline = tokio::time::Instant::now() + WAIT;
    while counter(app, metrics, REMEMBERED).await == remembered {
        assert!(
            tokio::time::Instant::now() < deadline,
            "no read of {path} was answered by a remembered check"
        );
        let (status, body) = app.get(path, auth).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
}
