//! A team's first day in Matrix apps, through the real binary: Element X's OAuth 2.0
//! registration as it sends it, a new room waking every waiting sync at once, a sliding
//! sync that asks for more answered at once, a new room with no read marker naming an
//! event that is not there, small answers as Synapse gives them (an empty pagination
//! token, a room where only typing changed), and a read receipt on a redaction.

use crate::helpers::*;
use crate::matrix_http::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const SSS: &str = "/_matrix/client/unstable/org.matrix.simplified_msc3575/sync";

fn next_batch(sync: &Value) -> String {
    sync["next_batch"].as_str().expect("next_batch").to_string()
}

#[tokio::test]
async fn element_x_registers_as_it_sends_its_metadata() {
    let app = spawn().await;
    let register = |body: Value| {
        let app = &app;
        async move {
            mx(
                app,
                Method::POST,
                "/_matrix/client/v1/oauth/register",
                None,
                Some(body),
            )
            .await
        }
    };
    // Element X on Android: its reverse-DNS scheme names a subdomain of its website, and
    // it lists the device code grant (signing in by QR code), which natter leaves out.
    let element_x = register(json!({
        "client_name": "Element X",
        "client_uri": "https://element.io",
        "redirect_uris": ["io.element.android:/"],
        "application_type": "native",
        "grant_types": ["authorization_code", "refresh_token",
                        "urn:ietf:params:oauth:grant-type:device_code"],
        "response_types": ["code"],
        "token_endpoint_auth_method": "none",
    }))
    .await;
    assert_eq!(element_x.status, StatusCode::CREATED, "{}", element_x.body);
    assert_eq!(
        element_x.body["grant_types"],
        json!(["authorization_code", "refresh_token"]),
        "{}",
        element_x.body
    );
    // A scheme of another app's host stays refused, in words, not Rust's debug output.
    let other = register(json!({
        "client_uri": "https://element.io",
        "redirect_uris": ["io.evil.element:/"],
        "application_type": "native",
        "token_endpoint_auth_method": "none",
    }))
    .await;
    assert_eq!(other.status, StatusCode::BAD_REQUEST, "{}", other.body);
    assert_eq!(other.body["error"], "invalid_redirect_uri");
    let said = other.body["error_description"]
        .as_str()
        .expect("a description");
    assert!(said.starts_with("redirect_uris: "), "{said}");
    assert!(!said.contains("[(") && !said.contains("Worded"), "{said}");
    // An app that asks for no grant natter offers is refused.
    let none = register(json!({
        "client_uri": "https://app.example.com",
        "redirect_uris": ["https://app.example.com/cb"],
        "grant_types": ["urn:ietf:params:oauth:grant-type:device_code"],
        "token_endpoint_auth_method": "none",
    }))
    .await;
    assert_eq!(none.status, StatusCode::BAD_REQUEST, "{}", none.body);
    assert_eq!(none.body["error"], "invalid_client_metadata");
}

#[tokio::test]
async fn a_new_room_wakes_every_waiting_sync_at_once() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    let (carol_id, _) = app.register("carol").await;
    let alice_mx = token_of(&sign_in(&app, "alice", None).await);
    let bob_mx = token_of(&sign_in(&app, "bob", None).await);
    let carol_mx = token_of(&sign_in(&app, "carol", None).await);

    // A direct message made from a Matrix app: both people's waiting syncs answer with it.
    let alice_since = next_batch(&get(&app, &alice_mx, "/sync").await.body);
    let bob_since = next_batch(&get(&app, &bob_mx, "/sync").await.body);
    let alice_waits = poll(&app, &alice_mx, &alice_since);
    let bob_waits = poll(&app, &bob_mx, &bob_since);
    let made = post(
        &app,
        &alice_mx,
        "/createRoom",
        json!({"is_direct": true, "invite": ["@bob:example.org"], "preset": "trusted_private_chat"}),
    )
    .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let dm = made.body["room_id"].as_str().expect("room_id").to_string();
    for (who, waiting) in [("alice", alice_waits), ("bob", bob_waits)] {
        let woke = answered(waiting).await;
        assert!(
            woke["rooms"]["join"].get(&dm).is_some(),
            "{who}'s sync: {woke}"
        );
    }

    // A group made through natter's own API: its members' waiting syncs too.
    let carol_since = next_batch(&get(&app, &carol_mx, "/sync").await.body);
    let bob_since = next_batch(&get(&app, &bob_mx, "/sync").await.body);
    let carol_waits = poll(&app, &carol_mx, &carol_since);
    let bob_waits = poll(&app, &bob_mx, &bob_since);
    let (status, group) = app
        .post(
            "/messages/api/chats/",
            &alice,
            json!({"chat_type": "group", "title": "standup", "member_ids": [bob_id, carol_id]}),
        )
        .await;
    assert!(status.is_success(), "{status} {group}");
    let group = room(group["id"].as_i64().expect("an id"));
    for (who, waiting) in [("carol", carol_waits), ("bob", bob_waits)] {
        let woke = answered(waiting).await;
        assert!(
            woke["rooms"]["join"].get(&group).is_some(),
            "{who}'s sync: {woke}"
        );
        // Nothing read in it yet: no read marker naming an event that is not there.
        let data = woke["rooms"]["join"][&group]["account_data"]["events"].to_string();
        assert!(!data.contains("$m0"), "{who}: {data}");
    }
}

#[tokio::test]
async fn a_sliding_sync_that_asks_for_more_is_answered_at_once() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let token = token_of(&sign_in(&app, "alice", None).await);
    let ask = |range_end: u64, subscriptions: Value| {
        json!({
            "lists": {"all": {"ranges": [[0, range_end]], "timeline_limit": 1,
                              "required_state": [["m.room.name", ""]]}},
            "room_subscriptions": subscriptions,
        })
    };
    let first = mx(
        &app,
        Method::POST,
        SSS,
        Some(&token),
        Some(ask(0, json!({}))),
    )
    .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let pos = first.body["pos"].as_str().expect("pos").to_string();

    // The window grows and a room is subscribed, with a wait far longer than the test's:
    // the rooms come at once, not at the wait's end.
    let waiting_long = format!("{SSS}?pos={pos}&timeout=60000");
    let grown = mx(
        &app,
        Method::POST,
        &waiting_long,
        Some(&token),
        Some(ask(9, json!({ room(chats.direct): {"timeline_limit": 5} }))),
    );
    let grown = tokio::time::timeout(WAIT, grown)
        .await
        .expect("answered before the wait");
    assert_eq!(grown.status, StatusCode::OK, "{}", grown.body);
    // Every room but the one the first window held (unchanged since) comes whole.
    let had: Vec<String> = first.body["rooms"]
        .as_object()
        .expect("rooms")
        .keys()
        .cloned()
        .collect();
    assert_eq!(had.len(), 1, "{}", first.body);
    let rooms = grown.body["rooms"].as_object().expect("rooms");
    for chat in [chats.direct, chats.group, chats.room] {
        let id = room(chat);
        if !had.contains(&id) {
            assert_eq!(rooms[&id]["initial"], true, "{}", grown.body);
        }
    }
    assert_eq!(
        rooms[&room(chats.direct)]["unstable_expanded_timeline"],
        true
    );
}

#[tokio::test]
async fn small_answers_as_synapse_gives_them() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let first = natter_send(&app, &bob, chats.group, json!({"content": "hello"})).await;
    let token = token_of(&sign_in(&app, "alice", None).await);
    let group = room(chats.group);

    // An empty pagination token pages from the newest end, as libQuotient asks it.
    let page = get(
        &app,
        &token,
        &format!("/rooms/{group}/messages?from=&dir=b"),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body["chunk"].to_string().contains("hello"),
        "{}",
        page.body
    );

    // A room where only typing changed still has its timeline's list.
    let since = next_batch(&get(&app, &token, "/sync").await.body);
    let (status, _) = app
        .post(
            &format!("/messages/api/chats/{}/typing/", chats.group),
            &bob,
            json!({"is_typing": true}),
        )
        .await;
    assert!(status.is_success(), "{status}");
    let typed = get(&app, &token, &format!("/sync?since={since}&timeout=10000")).await;
    assert_eq!(typed.status, StatusCode::OK, "{}", typed.body);
    let room_entry = &typed.body["rooms"]["join"][&group];
    assert!(
        room_entry["timeline"]["events"].is_array(),
        "{}",
        typed.body
    );
    assert!(room_entry["state"]["events"].is_array(), "{}", typed.body);

    // bob deletes his message; alice's app marks the room read at the redaction.
    let bob_mx = token_of(&sign_in(&app, "bob", None).await);
    let redacted = put(
        &app,
        &bob_mx,
        &format!("/rooms/{group}/redact/$m{first}/r1"),
        json!({}),
    )
    .await;
    assert_eq!(redacted.status, StatusCode::OK, "{}", redacted.body);
    let second = natter_send(&app, &bob, chats.group, json!({"content": "again"})).await;
    let read = post(
        &app,
        &token,
        &format!("/rooms/{group}/receipt/m.read/$d{first}"),
        json!({}),
    )
    .await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    let (_, list) = app.get("/messages/api/chats/", &alice).await;
    let listed = list["results"]
        .as_array()
        .expect("chats")
        .iter()
        .find(|c| c["id"] == chats.group)
        .cloned()
        .expect("the group");
    assert_eq!(listed["unread_count"], 0, "read up to $m{second}: {listed}");
    // Something that is no event id at all is still refused.
    let bad = post(
        &app,
        &token,
        &format!("/rooms/{group}/receipt/m.read/nonsense"),
        json!({}),
    )
    .await;
    assert_error(&bad, 400, "M_INVALID_PARAM");
}

#[tokio::test]
async fn paging_back_from_a_sliding_syncs_timeline_misses_nothing() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let token = token_of(&sign_in(&app, "alice", None).await);
    let group = room(chats.group);
    // Element X's room list: one event of each room; while it is open, 30 messages come,
    // and its next sync shows the newest, paged back from its prev_batch.
    let ask = json!({
        "lists": {"all": {"ranges": [[0, 9]], "timeline_limit": 1, "required_state": []}},
    });
    let first = mx(&app, Method::POST, SSS, Some(&token), Some(ask.clone())).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let pos = first.body["pos"].as_str().expect("pos").to_string();
    let mut sent = Vec::new();
    for n in 0..29 {
        let body = json!({"content": format!("n{n}")});
        sent.push(natter_send(&app, &alice, chats.group, body).await);
    }
    // The newest carries two files: three events, of which the list shows the last.
    let mut files = Vec::new();
    for name in ["notes.txt", "plan.txt"] {
        let (status, file) = upload(&app, &alice, name, "text/plain", b"notes".to_vec()).await;
        assert_eq!(status, 201, "{file}");
        files.push(file["id"].clone());
    }
    let with_file = json!({"content": "the notes", "attachment_ids": files});
    sent.push(natter_send(&app, &alice, chats.group, with_file).await);
    let synced = mx(
        &app,
        Method::POST,
        &format!("{SSS}?pos={pos}&timeout=0"),
        Some(&token),
        Some(ask),
    )
    .await;
    assert_eq!(synced.status, StatusCode::OK, "{}", synced.body);
    let entry = &synced.body["rooms"][&group];
    let mut seen: Vec<String> = entry["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .filter_map(|e| e["event_id"].as_str().map(str::to_string))
        .collect();
    assert_eq!(seen, vec![format!("$m{}.2", sent[29])], "{entry}");
    let mut from = entry["prev_batch"]
        .as_str()
        .expect("prev_batch")
        .to_string();
    loop {
        let page = get(
            &app,
            &token,
            &format!("/rooms/{group}/messages?from={from}&dir=b&limit=7"),
        )
        .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        for event in page.body["chunk"].as_array().expect("chunk") {
            seen.push(event["event_id"].as_str().expect("an id").to_string());
        }
        match page.body["end"].as_str() {
            Some(end) => from = end.to_string(),
            None => break,
        }
    }
    for id in &sent {
        assert!(
            seen.contains(&format!("$m{id}")),
            "$m{id} missing from {seen:?}"
        );
    }
}

#[tokio::test]
async fn what_natter_writes_reads_as_matrix_apps_expect() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let token = token_of(&sign_in(&app, "alice", None).await);
    let (group, dm) = (room(chats.group), room(chats.direct));
    let event = |chat: &str, id: String| {
        let path = format!("/rooms/{chat}/event/{id}");
        let (app, token) = (&app, &token);
        async move { get(app, token, &path).await }
    };

    // An arrival is a membership, not a text bubble.
    let arrival = natter_send(&app, &bob, chats.group, json!({"content": "👋 joined"})).await;
    let joined = event(&group, format!("$m{arrival}")).await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.body);
    assert_eq!(joined.body["type"], "m.room.member", "{}", joined.body);
    assert_eq!(joined.body["state_key"], "@bob:example.org");
    assert_eq!(joined.body["content"]["membership"], "join");

    // A file sent alone from natter's client (captioned "📎 name") is one file event.
    let (status, file) = upload(&app, &bob, "plan.txt", "text/plain", b"plan".to_vec()).await;
    assert_eq!(status, 201, "{file}");
    let body = json!({"content": "📎 plan.txt", "attachment_ids": [file["id"]]});
    let alone = natter_send(&app, &bob, chats.group, body).await;
    let shown = event(&group, format!("$m{alone}")).await;
    assert_eq!(shown.body["content"]["msgtype"], "m.file", "{}", shown.body);
    assert_eq!(shown.body["content"]["body"], "plan.txt");
    assert_eq!(event(&group, format!("$m{alone}.1")).await.status, 404);

    // A reply from natter's client: its relation, and the quote older apps show.
    let asked = natter_send(&app, &alice, chats.group, json!({"content": "lunch?"})).await;
    let body = json!({"content": "yes", "reply_to": asked});
    let reply = natter_send(&app, &bob, chats.group, body).await;
    let replied = event(&group, format!("$m{reply}")).await;
    let content = &replied.body["content"];
    assert_eq!(
        content["m.relates_to"]["m.in_reply_to"]["event_id"],
        format!("$m{asked}"),
        "{content}"
    );
    assert_eq!(content["body"], "> <@alice:example.org> lunch?\n\nyes");

    // A deleted message is its redacted event.
    let path = format!("/rooms/{group}/redact/$m{asked}/r1");
    let deleted = put(&app, &token, &path, json!({})).await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    let redacted = event(&group, format!("$m{asked}")).await;
    assert_eq!(redacted.status, StatusCode::OK, "{}", redacted.body);
    assert_eq!(redacted.body["content"], json!({}), "{}", redacted.body);
    assert_eq!(
        redacted.body["unsigned"]["redacted_because"]["redacts"],
        format!("$m{asked}")
    );

    // Both people of a direct chat have the same power; it begins with its making, and
    // its lazy state and the sliding sync name the other person.
    let power = get(
        &app,
        &token,
        &format!("/rooms/{dm}/state/m.room.power_levels/"),
    )
    .await;
    assert_eq!(
        power.body["users"],
        json!({"@alice:example.org": 100, "@bob:example.org": 100}),
        "{}",
        power.body
    );
    let lazy = r#"{"room":{"state":{"lazy_load_members":true}}}"#;
    let synced = get(&app, &token, &format!("/sync?filter={lazy}")).await;
    let entry = &synced.body["rooms"]["join"][&dm];
    let kinds: Vec<&str> = entry["timeline"]["events"]
        .as_array()
        .expect("timeline")
        .iter()
        .filter_map(|e| e["type"].as_str())
        .collect();
    assert_eq!(kinds.first(), Some(&"m.room.create"), "{entry}");
    let members: Vec<&str> = entry["state"]["events"]
        .as_array()
        .expect("state")
        .iter()
        .filter(|e| e["type"] == "m.room.member")
        .filter_map(|e| e["state_key"].as_str())
        .collect();
    assert!(members.contains(&"@bob:example.org"), "{entry}");
    let sliding = mx(
        &app,
        Method::POST,
        SSS,
        Some(&token),
        Some(json!({"lists": {"all": {"ranges": [[0, 9]], "timeline_limit": 1}}})),
    )
    .await;
    let hero = &sliding.body["rooms"][&dm]["heroes"][0];
    assert_eq!(hero["user_id"], "@bob:example.org", "{}", sliding.body);
    assert_eq!(hero["displayname"], "bob", "{}", sliding.body);
}

#[tokio::test]
async fn every_app_sees_pictures_with_their_size_and_caption() {
    let plain = spawn().await;
    let app = TestApp::spawn_with(&[
        "--rate-limits",
        "off",
        "--matrix-server-name",
        SERVER,
        "--matrix-unauthenticated-media",
    ])
    .await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let token = token_of(&sign_in(&app, "alice", None).await);
    let group = room(chats.group);

    // A picture sent with a caption keeps its caption and its size.
    let picture = crate::link_previews::png(64, 48);
    let uri = upload_media(&app, &token, picture.clone(), "image/png").await;
    let sent = put(
        &app,
        &token,
        &format!("/rooms/{group}/send/m.room.message/pic-1"),
        json!({"msgtype": "m.image", "body": "the pier at dusk", "filename": "pier.png",
               "url": uri, "info": {"mimetype": "image/png", "w": 64, "h": 48}}),
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    // The caption is the message's text, then the picture with its size (apps that
    // know no captions take a file event's body as its name).
    let id = sent.body["event_id"].as_str().expect("event_id");
    let caption = get(&app, &token, &format!("/rooms/{group}/event/{id}")).await;
    assert_eq!(
        caption.body["content"]["body"], "the pier at dusk",
        "{}",
        caption.body
    );
    let shown = get(&app, &token, &format!("/rooms/{group}/event/{id}.1")).await;
    let content = &shown.body["content"];
    assert_eq!(content["msgtype"], "m.image", "{content}");
    assert_eq!(content["info"]["w"], 64, "{content}");
    assert_eq!(content["info"]["h"], 48, "{content}");

    // Apps that fetch media without signing in get it where the server allows it.
    let media_id = uri.rsplit('/').next().expect("a media id").to_string();
    let fetch = |app: &TestApp, path: String| {
        let request = app.client.get(format!("{}{path}", app.base));
        async move { request.send().await.expect("answered").status() }
    };
    for version in ["v3", "r0"] {
        let download = format!("/_matrix/media/{version}/download/{SERVER}/{media_id}");
        assert_eq!(fetch(&app, download.clone()).await, StatusCode::OK);
        let thumbnail =
            format!("/_matrix/media/{version}/thumbnail/{SERVER}/{media_id}?width=32&height=32");
        assert_eq!(fetch(&app, thumbnail).await, StatusCode::OK);
        assert_eq!(fetch(&plain, download).await, StatusCode::NOT_FOUND);
    }
    // A file never sent stays its uploader's; a guessed id is nothing.
    let unsent = upload_media(&app, &token, b"private".to_vec(), "text/plain").await;
    let unsent_id = unsent.rsplit('/').next().expect("a media id");
    let path = format!("/_matrix/media/v3/download/{SERVER}/{unsent_id}");
    assert_eq!(fetch(&app, path).await, StatusCode::NOT_FOUND);
    let number = media_id.split('_').next().expect("a number");
    let path = format!("/_matrix/media/v3/download/{SERVER}/{number}");
    assert_eq!(fetch(&app, path).await, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_direct_message_made_while_a_sliding_sync_waits_comes_whole() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    // bob has rooms already; carol writes to him for the first time while his app
    // waits (the room enters his list while the request reads, or before it does).
    chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let (_, carol) = app.register("carol").await;
    let token = token_of(&sign_in(&app, "bob", None).await);
    let ask = json!({
        "lists": {"all": {"ranges": [[0, 19]], "timeline_limit": 3,
                          "required_state": [["m.room.member", "*"]]}},
    });
    let first = mx(&app, Method::POST, SSS, Some(&token), Some(ask.clone())).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let pos = first.body["pos"].as_str().expect("pos").to_string();
    let waiting = {
        let app_base = format!("{SSS}?pos={pos}&timeout=30000");
        let (client, base, token, ask) = (
            app.client.clone(),
            app.base.clone(),
            token.clone(),
            ask.clone(),
        );
        tokio::spawn(async move {
            client
                .post(format!("{base}{app_base}"))
                .bearer_auth(token)
                .json(&ask)
                .send()
                .await
                .expect("answered")
                .json::<Value>()
                .await
                .expect("json")
        })
    };
    let (status, dm) = app
        .post("/api/chats/create/", &carol, json!({"user_id": bob_id}))
        .await;
    assert!(status.is_success(), "{status} {dm}");
    let dm_id = dm["id"].as_i64().expect("an id");
    natter_send(&app, &carol, dm_id, json!({"content": "hi bob"})).await;
    let woke = tokio::time::timeout(WAIT, waiting)
        .await
        .expect("answered before its wait")
        .expect("joined");
    let dm_room = room(dm_id);
    let listed = woke["lists"]["all"]["ops"][0]["room_ids"].to_string();
    assert!(listed.contains(&dm_room), "{woke}");
    let entry = &woke["rooms"][&dm_room];
    assert_eq!(entry["initial"], true, "{woke}");
    let members = entry["required_state"].to_string();
    assert!(members.contains(&format!("@carol:{SERVER}")), "{entry}");
}

#[tokio::test]
async fn a_room_that_moves_into_a_window_from_past_it_comes_whole() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    let mut groups = Vec::new();
    for n in 0..8 {
        let (status, group) = app
            .post(
                "/messages/api/chats/",
                &alice,
                json!({"chat_type": "group", "title": format!("team {n}"), "member_ids": [bob_id]}),
            )
            .await;
        assert!(status.is_success(), "{status} {group}");
        let id = group["id"].as_i64().expect("an id");
        natter_send(
            &app,
            &alice,
            id,
            json!({"content": format!("first in {n}")}),
        )
        .await;
        groups.push(id);
    }
    let token = token_of(&sign_in(&app, "alice", None).await);
    // A window of the three most recently active rooms; the oldest is far past it.
    let ask = json!({
        "lists": {"top": {"ranges": [[0, 2]], "timeline_limit": 1,
                          "required_state": [["m.room.name", ""]]}},
    });
    let first = mx(&app, Method::POST, SSS, Some(&token), Some(ask.clone())).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let oldest = room(groups[0]);
    assert!(first.body["rooms"].get(&oldest).is_none(), "{}", first.body);
    let pos = first.body["pos"].as_str().expect("pos").to_string();
    natter_send(&app, &alice, groups[0], json!({"content": "back again"})).await;
    let next = mx(
        &app,
        Method::POST,
        &format!("{SSS}?pos={pos}&timeout=0"),
        Some(&token),
        Some(ask),
    )
    .await;
    assert_eq!(next.status, StatusCode::OK, "{}", next.body);
    let listed = next.body["lists"]["top"]["ops"][0]["room_ids"][0].clone();
    assert_eq!(listed, json!(oldest), "{}", next.body);
    let entry = &next.body["rooms"][&oldest];
    assert_eq!(entry["initial"], true, "{}", next.body);
    assert!(
        entry["required_state"].to_string().contains("team 0"),
        "{entry}"
    );
}
