//! A search costs in proportion to the caller's chats. A caller in a few chats
//! is searched in those chats at once; one in many is probed for the newest matches
//! anywhere, then searched chat group by chat group below the probe; the last word's
//! prefix is searched as the indexed words it stands for. None of that may change what is
//! found: these tests compare every plan's answers, page by page, with a plain scan of
//! the messages sent, and check that hostile queries answer 200 or 400.

use crate::chats::{group, send};
use crate::helpers::*;
use futures_util::future::join_all;
use reqwest::{Method, StatusCode};

/// The corpus's words: two pairs where one word begins the other, so a prefix matters.
const WORDS: [&str; 8] = [
    "report",
    "reporter",
    "deploy",
    "deployment",
    "banana",
    "kiwi",
    "omega",
    "zulu",
];

/// The text of the `i`-th message of the small chats: three of [`WORDS`].
fn text(i: usize) -> String {
    format!(
        "{} {} and {}",
        WORDS[i % 8],
        WORDS[(i / 8) % 8],
        WORDS[(i * 5 + 3) % 8]
    )
}

/// The lower-case words of `text`, cut at every character that is not a letter or digit.
fn parts(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// What a plain scan says of `text` for query `q`: every word of the query is in it, the
/// last one also as the beginning of a word when it has three letters or more.
fn plain_match(text: &str, q: &str) -> bool {
    let have = parts(text);
    let want = parts(q);
    let Some((last, rest)) = want.split_last() else {
        return false;
    };
    rest.iter().all(|w| have.contains(w))
        && have
            .iter()
            .any(|h| h == last || (last.chars().count() >= 3 && h.starts_with(last.as_str())))
}

fn search_path(q: &str, page_size: usize) -> String {
    let q: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
    format!("/messages/api/search/?q={q}&page_size={page_size}")
}

/// Every id the cross-chat search finds for `q`, following `next` page by page.
async fn all_found(app: &TestApp, token: &str, q: &str) -> Vec<i64> {
    let mut found = Vec::new();
    let mut path = Some(search_path(q, 7));
    while let Some(p) = path {
        let (status, page) = app.get(&p, token).await;
        assert_eq!(status, StatusCode::OK, "{q:?}: {page}");
        for hit in page["results"].as_array().expect("results") {
            found.push(hit["id"].as_i64().expect("an id"));
            let snippet = hit["snippet"].as_str().expect("a snippet");
            assert!(snippet.contains("<mark>"), "{q:?}: {snippet}");
        }
        path = page["next"].as_str().map(|next| {
            let (_, rest) = next
                .split_once("/messages/api/search/")
                .expect("next is the search URL");
            format!("/messages/api/search/{rest}")
        });
    }
    found
}

/// The queries compared: prefixes standing for one or two words, whole words, several
/// words, repeats, short last words, and words nobody wrote.
const QUERIES: [&str; 12] = [
    "report",
    "repo",
    "deploy",
    "deployment kiwi",
    "zulu omega ban",
    "KIWI kiwi",
    "and",
    "an",
    "reporter report",
    "quokka",
    "xylo",
    "omega and deplo",
];

/// Sends the texts, `in_flight` at a time; the ids, in the order of `texts`.
async fn send_all(app: &TestApp, token: &str, chat: i64, texts: &[String]) -> Vec<i64> {
    let mut ids = Vec::new();
    for batch in texts.chunks(16) {
        let sent = join_all(batch.iter().map(|t| send(app, token, chat, t))).await;
        ids.extend(sent.iter().map(|m| m["id"].as_i64().expect("an id")));
    }
    ids
}

#[tokio::test]
async fn every_plan_finds_what_a_plain_scan_finds_newest_first() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    let (carol, tc) = app.register("carol").await;
    let (erin, te) = app.register("erin").await;

    // Erin is in twenty chats (more than one search names), carol in two.
    let mut chats = Vec::new();
    for n in 0..20 {
        let members = if n < 2 { vec![erin, carol] } else { vec![erin] };
        chats.push(group(&app, &ta, &format!("small {n}"), &members).await);
    }
    // (id, chat, text) of every message sent to the small chats.
    let mut sent: Vec<(i64, i64, String)> = Vec::new();
    for (n, chat) in chats.iter().enumerate() {
        let texts: Vec<String> = (0..6).map(|i| text(n * 6 + i)).collect();
        let ids = send_all(&app, &ta, *chat, &texts).await;
        sent.extend(ids.into_iter().zip(texts).map(|(id, t)| (id, *chat, t)));
    }
    // One edit brings a word of its own, found by its prefix.
    let (edited, edited_chat, _) = sent[17].clone();
    let (status, _) = app
        .call(
            Method::PATCH,
            &format!("/messages/api/messages/{edited}/"),
            Some(&ta),
            Some(serde_json::json!({"content": "xylophone report"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    sent[17] = (edited, edited_chat, "xylophone report".into());

    // Then bob's busy chat, which none of them is in, takes more than a probe's worth of
    // newer messages with the common words: erin's matches lie below the probe.
    let busy = group(&app, &tb, "busy", &[]).await;
    let busy_texts: Vec<String> = (0..2100)
        .map(|i| format!("report deploy and kiwi {i}"))
        .collect();
    send_all(&app, &tb, busy, &busy_texts).await;

    for (token, member_of) in [(&te, &chats[..]), (&tc, &chats[..2]), (&ta, &chats[..])] {
        for q in QUERIES {
            let mut expected: Vec<i64> = sent
                .iter()
                .filter(|(_, chat, t)| member_of.contains(chat) && plain_match(t, q))
                .map(|(id, _, _)| *id)
                .collect();
            expected.sort_by(|a, b| b.cmp(a));
            assert_eq!(all_found(&app, token, q).await, expected, "{q:?}");
        }
    }
    // Bob finds his own, the newest first, and none of theirs.
    let (_, page) = app.get(&search_path("repo", 100), &tb).await;
    let results = page["results"].as_array().expect("results");
    assert_eq!(results.len(), 100);
    assert!(results.iter().all(|m| m["chat"]["id"] == busy), "{page}");

    // One chat's `?search=` list is the same scan, oldest first, with its count.
    let chat = chats[1];
    let (status, list) = app
        .get(
            &format!("/messages/api/chats/{chat}/messages/?search=repo&page_size=100"),
            &tc,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let mut expected: Vec<i64> = sent
        .iter()
        .filter(|(_, c, t)| *c == chat && plain_match(t, "repo"))
        .map(|(id, _, _)| *id)
        .collect();
    expected.sort();
    let mut listed: Vec<i64> = list["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|m| m["id"].as_i64())
        .collect();
    listed.sort();
    assert_eq!(listed, expected, "{list}");
    assert_eq!(
        list["count"].as_u64(),
        Some(expected.len() as u64),
        "{list}"
    );

    // A member removed stops finding the chat at once, on either plan.
    for (member, token) in [(erin, &te), (carol, &tc)] {
        let (status, _) = app
            .call(
                Method::DELETE,
                &format!("/messages/api/chats/{}/members/{member}/remove/", chats[0]),
                Some(&ta),
                None,
            )
            .await;
        assert!(status.is_success(), "{status}");
        let found = all_found(&app, token, "report").await;
        let in_removed: Vec<i64> = sent
            .iter()
            .filter(|(_, c, _)| *c == chats[0])
            .map(|(id, _, _)| *id)
            .collect();
        assert!(
            found.iter().all(|id| !in_removed.contains(id)),
            "{found:?} holds messages of the chat left"
        );
        assert!(!found.is_empty());
    }
}

#[tokio::test]
async fn huge_and_hostile_queries_answer_200_or_400() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (_, tb) = app.register("bob").await;
    let team = group(&app, &ta, "Team", &[]).await;
    let theirs = group(&app, &tb, "Theirs", &[]).await;
    send(&app, &ta, team, "the deploy report is out").await;
    send(&app, &tb, theirs, "the other report").await;

    let sixteen: Vec<String> = (0..16).map(|i| format!("word{i}")).collect();
    let long_word = "x".repeat(990);
    let many_repeats = "report ".repeat(140);
    let mut queries: Vec<(String, StatusCode, usize)> = vec![
        (many_repeats, StatusCode::OK, 1),
        (sixteen.join(" "), StatusCode::OK, 0),
        (
            format!("{} word16", sixteen.join(" ")),
            StatusCode::BAD_REQUEST,
            0,
        ),
        (long_word.clone(), StatusCode::OK, 0),
        (format!("{long_word} report"), StatusCode::OK, 0),
        ("rep".into(), StatusCode::OK, 1),
        ("\"rep\"* OR x".into(), StatusCode::OK, 0),
        ("the".into(), StatusCode::OK, 1),
    ];
    // Every letter and digit of the alphabet as a word: 36 terms.
    queries.push((
        "a b c d e f g h i j k l m n o p q r s t u v w x y z 0 1 2 3 4 5 6 7 8 9".into(),
        StatusCode::BAD_REQUEST,
        0,
    ));
    for (q, status, found) in queries {
        let short = q.chars().take(40).collect::<String>();
        let (got, page) = app.get(&search_path(&q, 50), &ta).await;
        assert_eq!(got, status, "{short:?}: {page}");
        if status == StatusCode::OK {
            assert_eq!(
                page["results"].as_array().map(Vec::len),
                Some(found),
                "{short:?}: {page}"
            );
        } else {
            assert!(page["details"]["q"].is_array(), "{short:?}: {page}");
        }
        // The same text as a list's `?search=`.
        let encoded: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
        let (got, page) = app
            .get(
                &format!("/messages/api/chats/{team}/messages/?search={encoded}"),
                &ta,
            )
            .await;
        assert_eq!(got, status, "{short:?}: {page}");
    }
    // FTS5's column filter is text, on natter's own search as on a list's `?search=`:
    // a name natter has no operator for is words there, and no message holds "chat 1".
    let (got, page) = app.get(&search_path("chat:1 report", 50), &ta).await;
    assert_eq!(got, StatusCode::OK, "{page}");
    assert_eq!(page["results"], serde_json::json!([]), "{page}");
    let (got, page) = app
        .get(
            &format!("/messages/api/chats/{team}/messages/?search=chat%3A1+report"),
            &ta,
        )
        .await;
    assert_eq!(got, StatusCode::OK, "{page}");
    assert_eq!(page["results"].as_array().map(Vec::len), Some(0), "{page}");
}

/// A database of step 8 (the index without chats, no vocabulary) is searched as before
/// once step 9 has rebuilt the index and filled the vocabulary from it.
#[tokio::test]
async fn a_step_8_database_is_searched_after_the_upgrade() {
    let mut app = TestApp::spawn().await;
    let (_, ta) = app.register("alice").await;
    let (b, tb) = app.register("bob").await;
    let team = group(&app, &ta, "Team", &[b]).await;
    let own = group(&app, &ta, "Own", &[]).await;
    let shared = send(&app, &ta, team, "the deployment is done").await;
    let mine = send(&app, &ta, own, "deploying my own thing").await;

    if crate::pg::skip_on_postgres("the upgrade", "it rewrites the SQLite file") {
        return;
    }
    assert!(app.terminate());
    // What steps 4 and 6 left (their own SQL, run again once step 9's objects are gone):
    // a one-column index by message id, its queue without chats, and the two triggers of
    // edits and removals.
    let db = rusqlite::Connection::open(app.db_path()).expect("the database");
    db.execute_batch(BEFORE_STEP_10).expect("step 10 undone");
    db.execute_batch(
        "DROP TRIGGER messages_fts_changed; DROP TRIGGER messages_fts_removed;
         DROP TABLE messages_fts; DROP TABLE messages_fts_pending;
         DROP VIEW messages_fts_source; DROP INDEX messages_newest_first;
         DROP TABLE search_words;",
    )
    .expect("step 9's search tables dropped");
    db.execute_batch(concat!(
        include_str!("../../migrations/4-message-search.sql"),
        include_str!("../../migrations/6-search-adds-from-the-writer.sql"),
        "PRAGMA user_version = 8;"
    ))
    .expect("step 8's search tables");
    app.start_again();

    let id = |m: &serde_json::Value| m["id"].as_i64().expect("an id");
    // `deplo` stands for `deployment` and `deploying`, words only the old index held.
    assert_eq!(
        all_found(&app, &ta, "deplo").await,
        vec![id(&mine), id(&shared)]
    );
    assert_eq!(all_found(&app, &tb, "deplo").await, vec![id(&shared)]);
    // New messages and edits reach the rebuilt index.
    let later = send(&app, &tb, team, "deployed again").await;
    assert_eq!(
        all_found(&app, &tb, "deplo").await,
        vec![id(&later), id(&shared)]
    );

    // `from:` finds each sender's messages from before the upgrade and after it, alone
    // and with a word, and only in the searcher's chats.
    // (Found by an operator alone, a message's snippet marks no word.)
    let sent_by = |token: &str, who: &str| {
        let (app, token, q) = (&app, token.to_string(), format!("from:@{who}"));
        async move {
            let (status, page) = app.get(&search_path(&q, 50), &token).await;
            assert_eq!(status, StatusCode::OK, "{page}");
            page["results"]
                .as_array()
                .expect("results")
                .iter()
                .map(|hit| hit["id"].as_i64().expect("an id"))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(sent_by(&ta, "alice").await, vec![id(&mine), id(&shared)]);
    assert_eq!(sent_by(&tb, "alice").await, vec![id(&shared)]);
    assert_eq!(
        all_found(&app, &ta, "from:@bob deplo").await,
        vec![id(&later)]
    );
    assert_eq!(
        all_found(&app, &ta, "from:@alice deploying").await,
        vec![id(&mine)]
    );
    // An edit and a removal reach the sender's entries too.
    let (status, _) = app
        .call(
            Method::PATCH,
            &format!("/messages/api/messages/{}/", id(&mine)),
            Some(&ta),
            Some(serde_json::json!({"content": "my own rollout"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(all_found(&app, &ta, "from:@alice deploying")
        .await
        .is_empty());
    assert_eq!(
        all_found(&app, &ta, "from:@alice rollout").await,
        vec![id(&mine)]
    );
    let (status, _) = app
        .call(
            Method::DELETE,
            &format!("/messages/api/messages/{}/", id(&shared)),
            Some(&ta),
            None,
        )
        .await;
    assert!(status.is_success(), "{status}");
    assert_eq!(sent_by(&ta, "alice").await, vec![id(&mine)]);
    assert!(sent_by(&tb, "alice").await.is_empty());
}
