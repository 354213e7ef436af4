//! Message search. The cross-chat search of the chats surface
//! (`/messages/api/search/`): only chats the caller is in now, never deleted text, edits
//! found by their new text, diacritics folded, a prefix on the last word, hostile
//! FTS5 syntax taken as text, snippets safe as HTML, keyset pages.

use crate::chats::{group, send};
use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::Value;

fn search_path(q: &str) -> String {
    let q: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
    format!("/messages/api/search/?q={q}")
}

fn ids(page: &Value) -> Vec<i64> {
    page["results"]
        .as_array()
        .map(|r| r.iter().filter_map(|m| m["id"].as_i64()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn one_search_finds_my_messages_in_every_chat_newest_first_with_safe_snippets() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (c, _) = app.register("carol").await;
    let team = group(&app, &ta, "Team", &[b]).await;
    let other = group(&app, &ta, "Other", &[c]).await;
    let first = send(&app, &ta, team, "Deploy the <b>café</b> service").await;
    send(&app, &ta, team, "nothing to see").await;
    let second = send(&app, &ta, other, "deployment done & dusted").await;

    let (status, page) = app.get(&search_path("deplo"), &ta).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(
        ids(&page),
        vec![
            second["id"].as_i64().unwrap(),
            first["id"].as_i64().unwrap()
        ]
    );
    assert_eq!(page["next"], Value::Null);
    let hit = &page["results"][1];
    assert_eq!(hit["content"], "Deploy the <b>café</b> service");
    assert_eq!(hit["chat"]["id"], team);
    assert_eq!(hit["chat"]["title"], "Team");
    assert_eq!(hit["chat"]["chat_type"], "group");
    assert_eq!(hit["sender"]["username"], "alice");
    let snippet = hit["snippet"].as_str().expect("a snippet");
    assert!(snippet.contains("<mark>Deploy</mark>"), "{snippet}");
    assert!(snippet.contains("&lt;b&gt;café&lt;/b&gt;"), "{snippet}");
    assert!(!snippet.contains("<b>"), "{snippet}");

    // Diacritics fold both ways.
    let (_, page) = app.get(&search_path("CAFE"), &ta).await;
    assert_eq!(ids(&page), vec![first["id"].as_i64().unwrap()]);
    // Bob is in the team only; carol's chat is not his to search.
    let (_, page) = app.get(&search_path("deplo"), &tb).await;
    assert_eq!(ids(&page), vec![first["id"].as_i64().unwrap()]);
    // chat_id narrows to one chat.
    let (_, page) = app
        .get(&format!("{}&chat_id={other}", search_path("deplo")), &ta)
        .await;
    assert_eq!(ids(&page), vec![second["id"].as_i64().unwrap()]);
    let (_, page) = app
        .get(&format!("{}&chat_id={other}", search_path("deplo")), &tb)
        .await;
    assert_eq!(ids(&page), Vec::<i64>::new());
}

#[tokio::test]
async fn removal_edits_and_deletes_change_what_is_found() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let team = group(&app, &ta, "Team", &[b]).await;
    let kept = send(&app, &ta, team, "the launch code is banana").await;
    let edited = send(&app, &ta, team, "first draft").await;
    let deleted = send(&app, &ta, team, "secret plan").await;

    let (status, _) = app
        .call(
            Method::PATCH,
            &format!("/messages/api/messages/{}/", edited["id"]),
            Some(&ta),
            Some(serde_json::json!({"content": "final wording"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/messages/api/messages/{}/", deleted["id"]),
            Some(&ta),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        ids(&app.get(&search_path("draft"), &ta).await.1),
        Vec::<i64>::new()
    );
    assert_eq!(
        ids(&app.get(&search_path("wording"), &ta).await.1),
        vec![edited["id"].as_i64().unwrap()]
    );
    assert_eq!(
        ids(&app.get(&search_path("secret"), &ta).await.1),
        Vec::<i64>::new()
    );

    assert_eq!(
        ids(&app.get(&search_path("banana"), &tb).await.1),
        vec![kept["id"].as_i64().unwrap()]
    );
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/messages/api/chats/{team}/members/{b}/remove/"),
            Some(&ta),
            None,
        )
        .await;
    assert!(status.is_success(), "{status}");
    assert_eq!(
        ids(&app.get(&search_path("banana"), &tb).await.1),
        Vec::<i64>::new()
    );
}

#[tokio::test]
async fn hostile_queries_are_text_and_bad_ones_are_400() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let team = group(&app, &ta, "Team", &[]).await;
    send(&app, &ta, team, "say \"hi\" (to) NEAR the AND gate: col*").await;
    for q in [
        "\"",
        "\"hi",
        "NEAR(say hi)",
        "say AND",
        "OR",
        "NOT",
        "*",
        "^say",
        "(((",
        ")",
        "col*",
        "-say",
        "say + hi",
        "{content}: x",
        "'; DROP TABLE messages; --",
    ] {
        let (status, page) = app.get(&search_path(q), &ta).await;
        assert_eq!(status, StatusCode::OK, "{q:?}: {page}");
        assert!(page["results"].is_array(), "{q:?}: {page}");
    }
    // FTS5's column filter is no operator natter knows, so it is words, never a column
    // filter: no message holds "content say", though the text holds "say".
    let (status, page) = app.get(&search_path("content:say"), &ta).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(page["results"], serde_json::json!([]), "{page}");
    // A NUL is no text at all: DRF's 400, on either store.
    let (status, page) = app.get(&search_path("\u{0}"), &ta).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{page}");
    assert_eq!(
        page["details"]["q"][0], "Null characters are not allowed.",
        "{page}"
    );
    let (_, page) = app.get(&search_path("(to) NEAR("), &ta).await;
    assert_eq!(
        ids(&page).len(),
        1,
        "words inside syntax still match: {page}"
    );

    for q in ["", "   ", &"x".repeat(1001)] {
        let (status, body) = app.get(&search_path(q), &ta).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{q:?}");
        assert!(body["details"]["q"].is_array(), "{body}");
    }
    let (status, _) = app.get("/messages/api/search/", &ta).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = app.get(&search_path("x"), "Token nope").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

/// A query's size is bounded. A word repeated counts once; more than
/// 16 distinct words (as PostgreSQL cuts them) is a 400 on the field, on the cross-chat
/// search and on a list's `?search=`; a last word under three characters is matched
/// whole, not as a prefix of most of the index.
#[tokio::test]
async fn repeated_words_count_once_and_too_many_words_are_400() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let team = group(&app, &ta, "Team", &[]).await;
    let said = send(&app, &ta, team, "the deploy is done").await["id"]
        .as_i64()
        .expect("an id");
    send(&app, &ta, team, "development starts").await;

    let (status, page) = app.get(&search_path(&"the ".repeat(200)), &ta).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(ids(&page), [said], "{page}");

    let words: Vec<String> = (0..17).map(|i| format!("w{i}")).collect();
    let (status, body) = app.get(&search_path(&words[..16].join(" ")), &ta).await;
    assert_eq!(status, StatusCode::OK, "16 distinct words are fine: {body}");
    for q in [words.join(" "), words.join("-")] {
        let (status, body) = app.get(&search_path(&q), &ta).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{q}: {body}");
        assert_eq!(
            body["details"]["q"][0], "Ensure this field has no more than 16 distinct words.",
            "{body}"
        );
    }
    let history = format!("/messages/api/chats/{team}/messages/");
    let (status, body) = app
        .get(&format!("{history}?search={}", words.join("+")), &ta)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["details"]["search"].is_array(), "{body}");

    // "de" is a word of its own, not a prefix of "deploy" and "development".
    let (_, page) = app.get(&search_path("de"), &ta).await;
    assert_eq!(ids(&page), Vec::<i64>::new(), "{page}");
    let (_, page) = app.get(&search_path("dep"), &ta).await;
    assert_eq!(ids(&page), [said], "{page}");
    let (_, page) = app.get(&format!("{history}?search=de"), &ta).await;
    assert_eq!(page["count"], 0, "{page}");
}

#[tokio::test]
async fn pages_follow_next_with_before() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let team = group(&app, &ta, "Team", &[]).await;
    let mut sent = Vec::new();
    for i in 0..5 {
        sent.push(
            send(&app, &ta, team, &format!("needle {i}")).await["id"]
                .as_i64()
                .unwrap(),
        );
    }
    sent.reverse();
    let (_, page) = app
        .get(&format!("{}&page_size=2", search_path("needle")), &ta)
        .await;
    assert_eq!(ids(&page), sent[..2].to_vec());
    let mut seen = ids(&page);
    let mut next = page["next"].as_str().map(str::to_string);
    while let Some(url) = next {
        assert!(
            url.contains(&format!("before={}", seen.last().unwrap())),
            "{url}"
        );
        let (_, rest) = url
            .split_once("/messages/api/search/")
            .expect("next is the search URL");
        let path = format!("/messages/api/search/{rest}");
        let (status, page) = app.get(&path, &ta).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        seen.extend(ids(&page));
        next = page["next"].as_str().map(str::to_string);
    }
    assert_eq!(seen, sent);
    let (status, _) = app
        .get(&format!("{}&page_size=0", search_path("needle")), &ta)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

/// `?search=` on every surface's message list keeps the list's order, pages and shape.
#[tokio::test]
async fn every_message_list_takes_search() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;

    // Chats: a group's history.
    let team = group(&app, &ta, "Team", &[b]).await;
    let one = send(&app, &ta, team, "Résumé draft one").await["id"]
        .as_i64()
        .unwrap();
    send(&app, &ta, team, "unrelated").await;
    let two = send(&app, &tb, team, "resume draft two").await["id"]
        .as_i64()
        .unwrap();
    let history = format!("/messages/api/chats/{team}/messages/");
    let (status, page) = app.get(&format!("{history}?search=resume"), &ta).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(ids(&page), vec![two, one], "newest first, as the list");
    assert_eq!(page["count"], 2);
    let (_, page) = app
        .get(&format!("{history}?search=resume&page_size=1&page=2"), &ta)
        .await;
    assert_eq!(ids(&page), vec![one]);
    let (_, page) = app.get(&format!("{history}?search="), &ta).await;
    assert_eq!(page["count"], 3, "a blank search lists everything, as DRF");
    let (_, page) = app.get(&format!("{history}?search=%22%28"), &ta).await;
    assert_eq!(page["count"], 0);
    let long = "x".repeat(1001);
    let (status, _) = app.get(&format!("{history}?search={long}"), &ta).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Rooms.
    let (status, room) = app
        .post("/api/rooms/", &ta, serde_json::json!({"name": "R"}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{room}");
    let room = room["id"].as_i64().unwrap();
    let path = format!("/api/rooms/{room}/messages/");
    let mut sent = Vec::new();
    for text in ["deploy friday", "lunch?", "deployed!"] {
        let (status, m) = app
            .post(&path, &ta, serde_json::json!({"content": text}))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{m}");
        sent.push(m["id"].as_i64().unwrap());
    }
    let (_, page) = app.get(&format!("{path}?search=deplo"), &ta).await;
    assert_eq!(ids(&page), vec![sent[2], sent[0]]);
    assert_eq!(page["count"], 2);

    // Inbox: direct messages, alongside `user`.
    let first = inbox_send(&app, &ta, b, "the cafe at noon").await["id"]
        .as_i64()
        .unwrap();
    inbox_send(&app, &tb, app.register("carol").await.0, "café with carol").await;
    let (_, page) = app.get("/api/messages/?search=caf%C3%A9", &ta).await;
    assert_eq!(ids(&page), vec![first], "alice sees only her direct chats");
    let (_, page) = app.get("/api/messages/?search=cafe", &tb).await;
    assert_eq!(ids(&page).len(), 2, "{page}");
    let (_, page) = app.get("/api/messages/?search=cafe&user=alice", &tb).await;
    assert_eq!(ids(&page), vec![first]);

    // Messenger: a chat room's messages (the direct chat of alice and bob).
    let ta = bearer(&app, "alice").await;
    let (status, chatroom) = app
        .post(
            "/messenger/api/chatrooms/",
            &ta,
            serde_json::json!({"recipient": "bob"}),
        )
        .await;
    assert!(status.is_success(), "{chatroom}");
    let name = chatroom["name"].as_str().expect("a room name").to_string();
    let (status, list) = app
        .get(
            &format!("/messenger/api/chatrooms/{name}/messages/?search=noon"),
            &ta,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let found: Vec<&str> = list
        .as_array()
        .or_else(|| list["results"].as_array())
        .expect("a list")
        .iter()
        .filter_map(|m| m["content"].as_str())
        .collect();
    assert_eq!(found, vec!["the cafe at noon"]);
}

/// The result's marked parts, after checking that `snippet` (HTML) says exactly what
/// `snippet_parts` (data) says: every character escaped, no element but `<mark>`.
fn marked_parts(hit: &Value) -> Vec<String> {
    let parts = hit["snippet_parts"].as_array().expect("snippet_parts");
    let mut html = String::new();
    let mut marked = Vec::new();
    for part in parts {
        let text = part["text"].as_str().expect("a part's text");
        let escaped = text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#x27;");
        if part["mark"].as_bool().expect("a part's mark") {
            html.push_str(&format!("<mark>{escaped}</mark>"));
            marked.push(text.to_string());
        } else {
            html.push_str(&escaped);
        }
    }
    let snippet = hit["snippet"].as_str().expect("snippet");
    assert_eq!(snippet, html, "the HTML snippet and its parts disagree");
    let tags_left = snippet.replace("<mark>", "").replace("</mark>", "");
    assert!(
        !tags_left.contains('<'),
        "an element besides <mark>: {snippet}"
    );
    marked
}

#[tokio::test]
async fn a_message_s_own_characters_never_become_marks_and_its_matches_still_do() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, _) = app.register("bob").await;
    let team = group(&app, &ta, "Team", &[b]).await;
    // The private-use characters the index marks matches with, around words of its own,
    // and markup that looks like a mark.
    let hostile = "\u{E000}evil\u{E001} <mark>fake</mark> haystack needle \u{E000}<img src=x onerror=alert(1)>";
    let forged = send(&app, &ta, team, hostile).await;
    // PostgreSQL's stand-ins for `<` and `&` in a message of their own.
    let standins = "a \u{E002}b\u{E003} <i>pinpoint</i> &amp; \u{E002}";
    let stood = send(&app, &ta, team, standins).await;
    let plain = send(&app, &ta, team, "find the lodestar <b>here</b> & now").await;

    for q in ["needle", "fake", "haystack needle"] {
        let (status, page) = app.get(&search_path(q), &ta).await;
        assert_eq!(status, StatusCode::OK, "{q}: {page}");
        assert_eq!(ids(&page), vec![forged["id"].as_i64().unwrap()], "{q}");
        let hit = &page["results"][0];
        assert_eq!(hit["content"], hostile);
        // The message holds the usual marker characters itself: they stay its text,
        // and every word searched for is still marked.
        let words: Vec<String> = q.split(' ').map(String::from).collect();
        assert_eq!(marked_parts(hit), words, "{q}: {hit}");
        let snippet = hit["snippet"].as_str().unwrap();
        assert!(snippet.contains("\u{E000}evil\u{E001} "), "{q}: {snippet}");
        let fake = if q == "fake" {
            "&lt;mark&gt;<mark>fake</mark>&lt;/mark&gt;"
        } else {
            "&lt;mark&gt;fake&lt;/mark&gt;"
        };
        assert!(snippet.contains(fake), "{q}: {snippet}");
    }

    let (_, page) = app.get(&search_path("PINPOINT"), &ta).await;
    assert_eq!(ids(&page), vec![stood["id"].as_i64().unwrap()]);
    let hit = &page["results"][0];
    assert_eq!(marked_parts(hit), vec!["pinpoint".to_string()], "{hit}");
    let text: String = hit["snippet_parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert!(
        text.contains("\u{E002}b\u{E003}"),
        "the stand-in characters are the message's own, not `<` and `&`: {text:?}"
    );

    // A message without them is highlighted as before, its markup as text.
    let (_, page) = app.get(&search_path("lodestar"), &ta).await;
    assert_eq!(ids(&page), vec![plain["id"].as_i64().unwrap()]);
    let hit = &page["results"][0];
    assert_eq!(marked_parts(hit), vec!["lodestar".to_string()]);
    let snippet = hit["snippet"].as_str().unwrap();
    assert!(
        snippet.contains("<mark>lodestar</mark> &lt;b&gt;here&lt;/b&gt; &amp; now"),
        "{snippet}"
    );
}

/// The words of `q`'s hits that the index marked, hit by hit (newest first).
async fn marks_of(app: &TestApp, auth: &str, q: &str) -> Vec<Vec<String>> {
    let (status, page) = app.get(&search_path(q), auth).await;
    assert_eq!(status, StatusCode::OK, "{q}: {page}");
    page["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(marked_parts)
        .collect()
}

#[tokio::test]
async fn words_inside_links_addresses_and_file_names_are_found() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let team = group(&app, &ta, "Team", &[]).await;
    let id = |m: Value| m["id"].as_i64().expect("an id");
    let link = id(send(
        &app,
        &ta,
        team,
        "the plan is at https://example.org/plan now",
    )
    .await);
    let host = id(send(&app, &ta, team, "ask api.example.com first").await);
    let mail = id(send(&app, &ta, team, "write to bob@example.org today").await);
    let file = id(send(&app, &ta, team, "read report.pdf and v1.2 notes").await);
    send(&app, &ta, team, "an unrelated line").await;

    let found = |q: &'static str| {
        let (app, ta) = (&app, &ta);
        async move {
            let (status, page) = app.get(&search_path(q), ta).await;
            assert_eq!(status, StatusCode::OK, "{q}: {page}");
            ids(&page)
        }
    };
    assert_eq!(found("https://example.org/plan").await, vec![link]);
    assert_eq!(found("example").await, vec![mail, host, link]);
    assert_eq!(found("api.example.com").await, vec![host]);
    assert_eq!(found("bob@example.org").await, vec![mail]);
    assert_eq!(found("bob").await, vec![mail]);
    assert_eq!(found("pdf").await, vec![file]);
    assert_eq!(found("report.pdf").await, vec![file]);
    assert_eq!(found("v1.2").await, vec![file]);
    assert_eq!(found("https").await, vec![link]);
    // The last word is a prefix inside a token too.
    assert_eq!(found("exampl").await, vec![mail, host, link]);
    // The word is marked in the snippet, inside its link.
    assert_eq!(
        marks_of(&app, &ta, "pdf").await,
        vec![vec!["pdf".to_string()]]
    );
    assert_eq!(
        marks_of(&app, &ta, "plan example").await,
        vec![vec!["plan", "example", "plan"]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()]
    );
    // The five apps' own `?search=` reads the same index.
    let (status, page) = app
        .get(
            &format!("/messages/api/chats/{team}/messages/?search=example"),
            &ta,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(ids(&page), vec![mail, host, link]);
}

/// PostgreSQL's schema step 48 indexes the words inside links for the messages written
/// before it: a database at step 47, its vectors made by the old function, is searched
/// as a new one once natter has opened it.
#[tokio::test]
async fn a_postgresql_database_from_before_finds_words_inside_links_once_migrated() {
    let test = "a_postgresql_database_from_before_finds_words_inside_links_once_migrated";
    if crate::pg::cluster_or_skip(test).is_none() {
        return;
    }
    let app = TestApp::spawn_on_postgres().await;
    let (_, ta) = app.register("alice").await;
    let team = group(&app, &ta, "Team", &[]).await;
    let old = send(
        &app,
        &ta,
        team,
        "see https://example.org/plan and report.pdf",
    )
    .await["id"]
        .as_i64()
        .expect("an id");
    // Back to step 47: the function as it was, every vector made by it, no new words.
    crate::search_operators::exec(
        &app,
        "CREATE OR REPLACE FUNCTION natter_search_text(t TEXT) RETURNS tsvector
             LANGUAGE sql IMMUTABLE PARALLEL SAFE
             RETURN to_tsvector('public.natter_search'::regconfig, t);
         UPDATE messages SET content = content;
         DELETE FROM search_words;
         UPDATE natter_schema SET version = 47;",
    );
    let (_, page) = app.get(&search_path("pdf"), &ta).await;
    assert!(ids(&page).is_empty(), "step 47 did not find it: {page}");
    // Any natter opening the database migrates it; this one lists its people.
    let out = crate::team_cli::natter(&app, &["users", "list"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for q in ["pdf", "example", "exampl", "https://example.org/plan"] {
        let (status, page) = app.get(&search_path(q), &ta).await;
        assert_eq!(status, StatusCode::OK, "{q}: {page}");
        assert_eq!(ids(&page), vec![old], "{q}");
    }
}

#[tokio::test]
async fn excluded_words_alone_list_every_message_without_them() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let (_, tc) = app.register("carol").await;
    let team = group(&app, &ta, "Team", &[b]).await;
    let other = group(&app, &tc, "Elsewhere", &[]).await;
    let id = |m: Value| m["id"].as_i64().expect("an id");
    let a = id(send(&app, &ta, team, "deploy on friday").await);
    let b1 = id(send(&app, &tb, team, "lunch at noon").await);
    let c = id(send(&app, &ta, team, "the old plan stays").await);
    let d = id(send(&app, &tb, team, "plan is old, a new one").await);
    send(&app, &tc, other, "carol's own line, no deploy").await;

    let found = |q: &'static str, auth: &'static str| {
        let (app, auth) = (&app, if auth == "a" { &ta } else { &tb });
        async move {
            let (status, page) = app.get(&search_path(q), auth).await;
            assert_eq!(status, StatusCode::OK, "{q}: {page}");
            ids(&page)
        }
    };
    assert_eq!(found("-deploy", "a").await, vec![d, c, b1]);
    assert_eq!(found("-\"old plan\"", "a").await, vec![d, b1, a]);
    assert_eq!(found("-deploy -lunch", "b").await, vec![d, c]);
    assert_eq!(found("-\"deploy\"", "b").await, vec![d, c, b1]);
    // Paged newest first like any search.
    let (status, page) = app
        .get(&format!("{}&page_size=2", search_path("-deploy")), &ta)
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(ids(&page), vec![d, c]);
    let next = page["next"].as_str().expect("a next page").to_string();
    let rest = next.split_once("/messages/api/").expect("a path").1;
    let (_, page) = app.get(&format!("/messages/api/{rest}"), &ta).await;
    assert_eq!(ids(&page), vec![b1]);
    assert_eq!(page["next"], Value::Null);
    // Nothing but punctuation to leave out asks for nothing.
    assert!(found("-!!", "a").await.is_empty());
}

#[tokio::test]
async fn a_room_is_found_by_its_title_without_spaces_and_unknown_names_are_words() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let alpha = group(&app, &ta, "Team Alpha", &[]).await;
    let beta = group(&app, &ta, "Team Beta", &[]).await;
    let id = |m: Value| m["id"].as_i64().expect("an id");
    let in_alpha = id(send(&app, &ta, alpha, "alpha news").await);
    let log = id(send(&app, &ta, beta, "got error:timeout at 10:30").await);
    let content = id(send(&app, &ta, beta, "the content:x field").await);

    for q in [
        "in:#teamalpha",
        "in:#TeamAlpha",
        "in:#team-alpha",
        "in:#Team",
    ] {
        let (status, page) = app.get(&search_path(q), &ta).await;
        assert_eq!(status, StatusCode::OK, "{q}: {page}");
        let expected = if q == "in:#Team" {
            vec![]
        } else {
            vec![in_alpha]
        };
        assert_eq!(ids(&page), expected, "{q}");
    }
    // A name before `:` that is no operator is searched as words, as Slack and Zulip do.
    for (q, want) in [
        ("error:timeout", vec![log]),
        ("ERROR:timeout in:#teambeta", vec![log]),
        ("content:x", vec![content]),
        ("re:deploy", vec![]),
        ("-error:timeout in:#teambeta", vec![content]),
    ] {
        let (status, page) = app.get(&search_path(q), &ta).await;
        assert_eq!(status, StatusCode::OK, "{q}: {page}");
        assert_eq!(ids(&page), want, "{q}");
    }
    // A known operator with a value it does not take stays a 400 that says what to write.
    let (status, body) = app.get(&search_path("has:flie"), &ta).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(
        body["details"]["q"][0]
            .as_str()
            .unwrap_or_default()
            .contains("has: takes file"),
        "{body}"
    );
}
