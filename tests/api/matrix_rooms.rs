//! Matrix apps changing natter's chats, through the real binary, with natter's rules:
//! edits, reactions and redactions (each once however often a request is retried),
//! names, topics and pins as state, rooms made, joined, left, invited to and kicked
//! from, profiles; and what the chats surface and a second Matrix app see of each.

use crate::helpers::*;
use crate::matrix_http::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn ok(a: &Answer) -> &Value {
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    &a.body
}

async fn next_sync(app: &TestApp, token: &str, since: &str) -> Value {
    let a = mx(
        app,
        Method::GET,
        &format!("{V3}/sync?since={since}&timeout=0"),
        Some(token),
        None,
    )
    .await;
    ok(&a).clone()
}

async fn first_sync(app: &TestApp, token: &str) -> String {
    let a = mx(app, Method::GET, &format!("{V3}/sync"), Some(token), None).await;
    ok(&a)["next_batch"]
        .as_str()
        .expect("next_batch")
        .to_string()
}

fn timeline(sync: &Value, chat: i64) -> Vec<Value> {
    sync["rooms"]["join"][room(chat)]["timeline"]["events"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn edits_reactions_and_redactions_from_matrix_are_natters_and_happen_once() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let a = token_of(&sign_in(&app, "alice", None).await);
    let b = token_of(&sign_in(&app, "bob", None).await);
    let since = first_sync(&app, &b).await;
    let sent = put(
        &app,
        &a,
        &format!("/rooms/{}/send/m.room.message/1", room(chats.group)),
        json!({"msgtype": "m.text", "body": "helo"}),
    )
    .await;
    let event = ok(&sent)["event_id"]
        .as_str()
        .expect("event id")
        .to_string();
    let id: i64 = event
        .trim_start_matches("$m")
        .parse()
        .expect("a message id");

    let edit = json!({"msgtype": "m.text", "body": "* hello", "m.new_content": {"msgtype": "m.text", "body": "hello"},
                      "m.relates_to": {"rel_type": "m.replace", "event_id": event}});
    ok(&put(
        &app,
        &a,
        &format!("/rooms/{}/send/m.room.message/2", room(chats.group)),
        edit.clone(),
    )
    .await);
    // bob may not edit alice's message.
    let theirs = put(
        &app,
        &b,
        &format!("/rooms/{}/send/m.room.message/3", room(chats.group)),
        edit,
    )
    .await;
    assert_error(&theirs, 403, "M_FORBIDDEN");
    let (_, msg) = app
        .get(&format!("/messages/api/messages/{id}/"), &alice)
        .await;
    assert_eq!(msg["content"], "hello", "{msg}");

    let react =
        json!({"m.relates_to": {"rel_type": "m.annotation", "event_id": event, "key": "👍"}});
    let first = put(
        &app,
        &b,
        &format!("/rooms/{}/send/m.reaction/4", room(chats.group)),
        react.clone(),
    )
    .await;
    let reaction = ok(&first)["event_id"].as_str().expect("id").to_string();
    // A retried reaction does not take it off again.
    ok(&put(
        &app,
        &b,
        &format!("/rooms/{}/send/m.reaction/4", room(chats.group)),
        react,
    )
    .await);
    let (_, msg) = app
        .get(&format!("/messages/api/messages/{id}/"), &alice)
        .await;
    let count: usize = msg["reactions"]
        .as_array()
        .expect("reactions")
        .iter()
        .map(|r| {
            r["users"]
                .as_array()
                .map_or(r["count"].as_u64().unwrap_or(0) as usize, Vec::len)
        })
        .sum();
    assert_eq!(count, 1, "{msg}");

    // bob's next sync has the message as edited, the edit, and his reaction.
    let later = next_sync(&app, &b, &since).await;
    let events = timeline(&later, chats.group);
    let kinds: Vec<&str> = events.iter().filter_map(|e| e["type"].as_str()).collect();
    assert!(kinds.contains(&"m.reaction"), "{later}");
    let edit_event = events
        .iter()
        .find(|e| e["content"]["m.relates_to"]["rel_type"] == "m.replace")
        .expect("the edit");
    assert_eq!(edit_event["content"]["m.new_content"]["body"], "hello");
    assert!(
        events.iter().any(|e| e["event_id"] == reaction.as_str()),
        "{later}"
    );
    let since = later["next_batch"].as_str().expect("next").to_string();

    // bob takes his reaction off; alice deletes her message, twice.
    ok(&put(
        &app,
        &b,
        &format!("/rooms/{}/redact/{reaction}/5", room(chats.group)),
        json!({}),
    )
    .await);
    let (_, msg) = app
        .get(&format!("/messages/api/messages/{id}/"), &alice)
        .await;
    assert_eq!(msg["reactions"], json!([]), "{msg}");
    let not_his = put(
        &app,
        &b,
        &format!("/rooms/{}/redact/{event}/6", room(chats.group)),
        json!({}),
    )
    .await;
    assert_error(&not_his, 403, "M_FORBIDDEN");
    let gone = ok(&put(
        &app,
        &a,
        &format!("/rooms/{}/redact/{event}/7", room(chats.group)),
        json!({}),
    )
    .await)
    .clone();
    let again = ok(&put(
        &app,
        &a,
        &format!("/rooms/{}/redact/{event}/7", room(chats.group)),
        json!({}),
    )
    .await)
    .clone();
    assert_eq!(gone["event_id"], again["event_id"]);
    let (status, _) = app
        .get(&format!("/messages/api/messages/{id}/"), &alice)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let after = next_sync(&app, &b, &since).await;
    // The reaction taken off and the message deleted, in that order.
    let redacted: Vec<Value> = timeline(&after, chats.group)
        .into_iter()
        .filter(|e| e["type"] == "m.room.redaction")
        .map(|e| e["redacts"].clone())
        .collect();
    assert_eq!(redacted, [json!(reaction), json!(event)], "{after}");
}

#[tokio::test]
async fn names_topics_and_pins_are_state_with_natters_rules() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let a = token_of(&sign_in(&app, "alice", None).await);
    let b = token_of(&sign_in(&app, "bob", None).await);
    ok(&put(
        &app,
        &a,
        &format!("/rooms/{}/state/m.room.name", room(chats.group)),
        json!({"name": "Planning"}),
    )
    .await);
    ok(&put(
        &app,
        &a,
        &format!("/rooms/{}/state/m.room.topic/", room(chats.group)),
        json!({"topic": "Q3"}),
    )
    .await);
    let (_, chat) = app
        .get(&format!("/messages/api/chats/{}/", chats.group), &alice)
        .await;
    assert_eq!(chat["title"], "Planning", "{chat}");
    // bob is no admin of alice's group: natter's rule holds.
    let refused = put(
        &app,
        &b,
        &format!("/rooms/{}/state/m.room.name", room(chats.group)),
        json!({"name": "Mine"}),
    )
    .await;
    assert_error(&refused, 403, "M_FORBIDDEN");
    let odd = put(
        &app,
        &a,
        &format!("/rooms/{}/state/com.example.thing", room(chats.group)),
        json!({}),
    )
    .await;
    assert_error(&odd, 403, "M_FORBIDDEN");
    let name = mx(
        &app,
        Method::GET,
        &format!("{V3}/rooms/{}/state/m.room.name/", room(chats.group)),
        Some(&b),
        None,
    )
    .await;
    assert_eq!(ok(&name)["name"], "Planning");

    let (_, sent) = app
        .post(
            &format!("/messages/api/chats/{}/messages/", chats.group),
            &bob,
            json!({"content": "pin me"}),
        )
        .await;
    let id = sent["id"].as_i64().expect("id");
    ok(&put(
        &app,
        &b,
        &format!("/rooms/{}/state/m.room.pinned_events", room(chats.group)),
        json!({"pinned": [format!("$m{id}")]}),
    )
    .await);
    let (_, pins) = app
        .get(
            &format!("/messages/api/chats/{}/pins/", chats.group),
            &alice,
        )
        .await;
    assert!(pins.to_string().contains("pin me"), "{pins}");
    let state = mx(
        &app,
        Method::GET,
        &format!(
            "{V3}/rooms/{}/state/m.room.pinned_events/",
            room(chats.group)
        ),
        Some(&a),
        None,
    )
    .await;
    assert_eq!(ok(&state)["pinned"], json!([format!("$m{id}")]));
    ok(&put(
        &app,
        &b,
        &format!("/rooms/{}/state/m.room.pinned_events", room(chats.group)),
        json!({"pinned": []}),
    )
    .await);
    let state = mx(
        &app,
        Method::GET,
        &format!(
            "{V3}/rooms/{}/state/m.room.pinned_events/",
            room(chats.group)
        ),
        Some(&a),
        None,
    )
    .await;
    assert_error(&state, 404, "M_NOT_FOUND");
}

#[tokio::test]
async fn rooms_are_made_joined_left_and_people_added_and_removed_as_natter_allows() {
    let app = spawn().await;
    app.register("alice").await;
    let (_, bob_key) = app.register("bob").await;
    app.register("carol").await;
    let a = token_of(&sign_in(&app, "alice", None).await);
    let b = token_of(&sign_in(&app, "bob", None).await);
    let c = token_of(&sign_in(&app, "carol", None).await);
    let b_since = first_sync(&app, &b).await;

    // A direct message.
    let dm = ok(&post(&app, &a, "/createRoom", json!({"is_direct": true, "invite": ["@bob:example.org"], "preset": "trusted_private_chat"})).await).clone();
    let dm_room = dm["room_id"].as_str().expect("room id").to_string();
    let dm_id: i64 = dm_room
        .trim_start_matches('!')
        .split(':')
        .next()
        .expect("id")
        .parse()
        .expect("number");
    let (_, chat) = app
        .get(&format!("/messages/api/chats/{dm_id}/"), &bob_key)
        .await;
    assert_eq!(chat["chat_type"], "dm", "{chat}");
    // bob's next sync brings the new room whole, and it is a direct one for him.
    let later = next_sync(&app, &b, &b_since).await;
    assert!(later["rooms"]["join"].get(&dm_room).is_some(), "{later}");
    let direct = later["account_data"]["events"]
        .as_array()
        .expect("account data")
        .iter()
        .find(|e| e["type"] == "m.direct")
        .cloned()
        .expect("m.direct");
    assert_eq!(direct["content"]["@alice:example.org"], json!([dm_room]));
    let b_since = later["next_batch"].as_str().expect("next").to_string();

    // A public room carol can join and leave; a group with a name and topic.
    let public = ok(&post(
        &app,
        &a,
        "/createRoom",
        json!({"visibility": "public", "name": "town-square"}),
    )
    .await)["room_id"]
        .as_str()
        .expect("id")
        .to_string();
    ok(&post(
        &app,
        &c,
        &format!("/join/{}", public.replace('!', "%21").replace(':', "%3A")),
        json!({}),
    )
    .await);
    let members = mx(
        &app,
        Method::GET,
        &format!("{V3}/rooms/{public}/joined_members"),
        Some(&c),
        None,
    )
    .await;
    assert!(
        ok(&members)["joined"].get("@carol:example.org").is_some(),
        "{}",
        members.body
    );
    ok(&post(&app, &c, &format!("/rooms/{public}/leave"), json!({})).await);
    assert_error(
        &mx(
            &app,
            Method::GET,
            &format!("{V3}/rooms/{public}/messages"),
            Some(&c),
            None,
        )
        .await,
        403,
        "M_FORBIDDEN",
    );

    let group = ok(&post(
        &app,
        &a,
        "/createRoom",
        json!({"name": "Design", "topic": "colours", "invite": ["@bob:example.org"]}),
    )
    .await)["room_id"]
        .as_str()
        .expect("id")
        .to_string();
    // carol cannot join a private group, nor add herself through bob.
    assert_error(
        &post(&app, &c, &format!("/rooms/{group}/join"), json!({})).await,
        403,
        "M_FORBIDDEN",
    );
    let by_bob = post(
        &app,
        &b,
        &format!("/rooms/{group}/invite"),
        json!({"user_id": "@carol:example.org"}),
    )
    .await;
    assert_error(&by_bob, 403, "M_FORBIDDEN");
    ok(&post(
        &app,
        &a,
        &format!("/rooms/{group}/invite"),
        json!({"user_id": "@carol:example.org"}),
    )
    .await);
    ok(&post(
        &app,
        &a,
        &format!("/rooms/{group}/kick"),
        json!({"user_id": "@bob:example.org"}),
    )
    .await);
    // bob's next sync has the group in leave.
    let after = next_sync(&app, &b, &b_since).await;
    assert!(after["rooms"]["leave"].get(&group).is_some(), "{after}");
    assert!(after["rooms"]["join"].get(&group).is_none(), "{after}");
    let unknown = post(
        &app,
        &a,
        &format!("/rooms/{group}/invite"),
        json!({"user_id": "@nobody:example.org"}),
    )
    .await;
    assert_error(&unknown, 404, "M_NOT_FOUND");
    assert_error(
        &post(
            &app,
            &a,
            &format!("/rooms/{group}/ban"),
            json!({"user_id": "@carol:example.org"}),
        )
        .await,
        403,
        "M_FORBIDDEN",
    );

    // Profiles: names as people wrote them; one's own display name changes.
    ok(&put(
        &app,
        &a,
        "/profile/@alice:example.org/displayname",
        json!({"displayname": "Alice A."}),
    )
    .await);
    let profile = mx(
        &app,
        Method::GET,
        &format!("{V3}/profile/@alice:example.org"),
        Some(&b),
        None,
    )
    .await;
    assert_eq!(ok(&profile)["displayname"], "Alice A.");
    assert_error(
        &put(
            &app,
            &b,
            "/profile/@alice:example.org/displayname",
            json!({"displayname": "x"}),
        )
        .await,
        403,
        "M_FORBIDDEN",
    );
    assert_error(
        &mx(
            &app,
            Method::GET,
            &format!("{V3}/profile/@nobody:example.org"),
            Some(&b),
            None,
        )
        .await,
        404,
        "M_NOT_FOUND",
    );
}

#[tokio::test]
async fn account_data_is_kept_for_the_person_and_reaches_their_other_devices() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let phone = token_of(&sign_in(&app, "alice", Some("PHONE")).await);
    let laptop = token_of(&sign_in(&app, "alice", Some("LAPTOP")).await);
    let b = token_of(&sign_in(&app, "bob", None).await);
    let since = first_sync(&app, &laptop).await;
    let me = "/user/@alice:example.org";
    ok(&put(
        &app,
        &phone,
        &format!("{me}/account_data/im.vector.setting.breadcrumbs"),
        json!({"recent_rooms": [room(chats.group)]}),
    )
    .await);
    ok(&put(
        &app,
        &phone,
        &format!("{me}/rooms/{}/account_data/m.tag", room(chats.group)),
        json!({"tags": {"m.favourite": {}}}),
    )
    .await);
    let back = mx(
        &app,
        Method::GET,
        &format!("{V3}{me}/account_data/im.vector.setting.breadcrumbs"),
        Some(&laptop),
        None,
    )
    .await;
    assert_eq!(ok(&back)["recent_rooms"], json!([room(chats.group)]));
    // The laptop's next sync brings both.
    let later = next_sync(&app, &laptop, &since).await;
    let global: Vec<&str> = later["account_data"]["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["type"].as_str())
        .collect();
    assert!(global.contains(&"im.vector.setting.breadcrumbs"), "{later}");
    let tags = &later["rooms"]["join"][room(chats.group)]["account_data"]["events"];
    assert!(
        tags.as_array()
            .expect("events")
            .iter()
            .any(|e| e["type"] == "m.tag"),
        "{later}"
    );
    // A first sync has them too; bob sees none of them.
    let whole = mx(&app, Method::GET, &format!("{V3}/sync"), Some(&b), None).await;
    assert!(!ok(&whole).to_string().contains("breadcrumbs"));
    assert_error(
        &mx(
            &app,
            Method::GET,
            &format!("{V3}{me}/account_data/im.vector.setting.breadcrumbs"),
            Some(&b),
            None,
        )
        .await,
        403,
        "M_FORBIDDEN",
    );
    assert_error(
        &put(
            &app,
            &phone,
            &format!("{me}/account_data/m.fully_read"),
            json!({"event_id": "$m1"}),
        )
        .await,
        405,
        "M_BAD_JSON",
    );
    assert_error(
        &mx(
            &app,
            Method::GET,
            &format!("{V3}{me}/account_data/never.set"),
            Some(&phone),
            None,
        )
        .await,
        404,
        "M_NOT_FOUND",
    );
}

#[tokio::test]
async fn files_go_through_the_media_repository_with_natters_rule_for_who_reads_them() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, bob) = app.register("bob").await;
    app.register("carol").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let a = token_of(&sign_in(&app, "alice", None).await);
    let b = token_of(&sign_in(&app, "bob", None).await);
    let c = token_of(&sign_in(&app, "carol", None).await);
    let bytes = b"a plan in plain text".to_vec();
    let uploaded = app
        .client
        .post(format!(
            "{}/_matrix/media/v3/upload?filename=plan.txt",
            app.base
        ))
        .bearer_auth(&a)
        .header("Content-Type", "text/plain")
        .body(bytes.clone())
        .send()
        .await
        .expect("upload sent");
    assert_eq!(uploaded.status(), StatusCode::OK);
    let uri = uploaded.json::<Value>().await.expect("json")["content_uri"]
        .as_str()
        .expect("content_uri")
        .to_string();
    let path = uri.trim_start_matches("mxc://");
    let download = format!("/_matrix/client/v1/media/download/{path}");
    // The uploader reads it; bob not before it is shared with him.
    let mine = app
        .client
        .get(format!("{}{download}", app.base))
        .bearer_auth(&a)
        .send()
        .await
        .expect("sent");
    assert_eq!(mine.status(), StatusCode::OK);
    assert_eq!(mine.bytes().await.expect("bytes").to_vec(), bytes);
    assert_error(
        &mx(&app, Method::GET, &download, Some(&b), None).await,
        404,
        "M_NOT_FOUND",
    );
    // Sent as a file into the group, it is natter's attachment there.
    let sent = put(
        &app,
        &a,
        &format!("/rooms/{}/send/m.room.message/f1", room(chats.group)),
        json!({
            "msgtype": "m.file", "body": "plan.txt", "url": uri,
        }),
    )
    .await;
    let event = ok(&sent)["event_id"].as_str().expect("id").to_string();
    let id: i64 = event.trim_start_matches("$m").parse().expect("id");
    let (_, message) = app
        .get(&format!("/messages/api/messages/{id}/"), &bob)
        .await;
    assert_eq!(
        message["attachments"].as_array().map(Vec::len),
        Some(1),
        "{message}"
    );
    let theirs = app
        .client
        .get(format!("{}{download}/plan.txt", app.base))
        .bearer_auth(&b)
        .send()
        .await
        .expect("sent");
    assert_eq!(theirs.status(), StatusCode::OK);
    // carol is in no chat where it was shared; nobody reads it without a token.
    assert_error(
        &mx(&app, Method::GET, &download, Some(&c), None).await,
        404,
        "M_NOT_FOUND",
    );
    assert_error(
        &mx(&app, Method::GET, &download, None, None).await,
        401,
        "M_MISSING_TOKEN",
    );
    let legacy = mx(
        &app,
        Method::GET,
        &format!("/_matrix/media/v3/download/{path}"),
        Some(&a),
        None,
    )
    .await;
    assert_error(&legacy, 404, "M_NOT_FOUND");
    // bob's event of it is an m.file with the same content URI.
    let read = mx(
        &app,
        Method::GET,
        &format!("{V3}/rooms/{}/event/{event}", room(chats.group)),
        Some(&b),
        None,
    )
    .await;
    assert_eq!(ok(&read)["content"]["msgtype"], "m.file");
    assert_eq!(read.body["content"]["url"], uri.as_str());
    // Someone else's upload cannot be sent as one's own file.
    let own = ok(&post(&app, &c, "/createRoom", json!({"name": "mine"})).await)["room_id"]
        .as_str()
        .expect("id")
        .to_string();
    let stolen = put(
        &app,
        &c,
        &format!("/rooms/{own}/send/m.room.message/f2"),
        json!({
            "msgtype": "m.file", "body": "plan.txt", "url": uri,
        }),
    )
    .await;
    assert!(stolen.status.is_client_error(), "{}", stolen.body);
    assert!(
        stolen.body["errcode"]
            .as_str()
            .is_some_and(|e| e.starts_with("M_")),
        "{}",
        stolen.body
    );
    // A body over --max-upload-mb is refused from its length, before it is read.
    let too_big = raw_http(
        &app,
        &format!(
            "POST /_matrix/media/v3/upload HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {a}\r\n\
         Content-Type: application/octet-stream\r\nContent-Length: {}\r\n\r\n",
            app.addr,
            26 * 1024 * 1024
        ),
    )
    .await;
    assert!(too_big.starts_with("HTTP/1.1 413"), "{too_big}");
    assert!(too_big.contains("M_TOO_LARGE"), "{too_big}");
}

#[tokio::test]
async fn a_picture_set_from_a_matrix_app_is_natters_profile_image_everyone_sees() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let a = token_of(&sign_in(&app, "alice", None).await);
    let b = token_of(&sign_in(&app, "bob", None).await);
    let picture = upload_media(&app, &a, crate::link_previews::png(8, 8), "image/png").await;
    let text = upload_media(&app, &a, b"not a picture".to_vec(), "text/plain").await;
    let me = format!("{V3}/profile/@alice:{SERVER}/avatar_url");
    assert_error(
        &mx(
            &app,
            Method::PUT,
            &me,
            Some(&a),
            Some(json!({"avatar_url": text})),
        )
        .await,
        400,
        "M_INVALID_PARAM",
    );
    assert_error(
        &mx(
            &app,
            Method::PUT,
            &me,
            Some(&a),
            Some(json!({"avatar_url": "mxc://elsewhere.org/1"})),
        )
        .await,
        400,
        "M_INVALID_PARAM",
    );
    assert_error(
        &mx(
            &app,
            Method::PUT,
            &format!("{V3}/profile/@bob:{SERVER}/avatar_url"),
            Some(&a),
            Some(json!({"avatar_url": picture})),
        )
        .await,
        403,
        "M_FORBIDDEN",
    );
    let set = mx(
        &app,
        Method::PUT,
        &me,
        Some(&a),
        Some(json!({"avatar_url": picture})),
    )
    .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);

    // natter's own surfaces show it as the profile image; Matrix apps as the avatar.
    // The file's number starts its media id (the rest is the tag that makes it unguessable).
    let media = picture.rsplit('/').next().expect("a media id");
    let id = media.split('_').next().expect("a file id");
    let (_, members) = app
        .get(&format!("/messages/api/chats/{}/", chats.group), &alice)
        .await;
    assert!(
        members
            .to_string()
            .contains(&format!("/api/files/{id}/download/")),
        "{members}"
    );
    let seen = mx(
        &app,
        Method::GET,
        &format!("{V3}/profile/@alice:{SERVER}"),
        Some(&b),
        None,
    )
    .await;
    assert_eq!(seen.body["avatar_url"], picture.as_str(), "{}", seen.body);
    let synced = mx(&app, Method::GET, &format!("{V3}/sync"), Some(&b), None).await;
    let member = synced.body["rooms"]["join"][room(chats.group)]["state"]["events"]
        .as_array()
        .expect("state")
        .iter()
        .find(|e| e["type"] == "m.room.member" && e["state_key"] == format!("@alice:{SERVER}"))
        .cloned()
        .expect("alice's membership");
    assert_eq!(
        member["content"]["avatar_url"],
        picture.as_str(),
        "{member}"
    );
    // Anyone signed in reads a profile picture, as natter's rule says.
    let path = picture.trim_start_matches("mxc://");
    let got = app
        .client
        .get(format!(
            "{}/_matrix/client/v1/media/download/{path}",
            app.base
        ))
        .bearer_auth(&b)
        .send()
        .await
        .expect("sent");
    assert_eq!(got.status(), StatusCode::OK);

    // A new name on natter's account page reaches bob's next sync as alice's
    // membership told again.
    let since = synced.body["next_batch"].as_str().expect("next_batch");
    let (status, _) = app
        .call(
            Method::PATCH,
            "/api/account/",
            Some(&alice),
            Some(json!({"display_name": "Alice A."})),
        )
        .await;
    assert!(status.is_success(), "{status}");
    let later = mx(
        &app,
        Method::GET,
        &format!("{V3}/sync?since={since}"),
        Some(&b),
        None,
    )
    .await;
    let told = later.body["rooms"]["join"][room(chats.group)]["timeline"]["events"]
        .as_array()
        .expect("timeline")
        .iter()
        .find(|e| e["type"] == "m.room.member" && e["state_key"] == format!("@alice:{SERVER}"))
        .cloned()
        .unwrap_or_else(|| panic!("alice's membership again in {}", later.body));
    assert_eq!(told["content"]["displayname"], "Alice A.", "{told}");
    assert_eq!(told["content"]["membership"], "join");
    assert_eq!(told["content"]["avatar_url"], picture.as_str());

    // Empty takes it away.
    let cleared = mx(
        &app,
        Method::PUT,
        &me,
        Some(&a),
        Some(json!({"avatar_url": ""})),
    )
    .await;
    assert_eq!(cleared.status, StatusCode::OK, "{}", cleared.body);
    let seen = mx(&app, Method::GET, &me, Some(&b), None).await;
    assert_eq!(seen.body, json!({}));
}

#[tokio::test]
async fn a_matrix_app_previews_a_link_from_natters_previews_with_the_same_rules() {
    use crate::link_previews::{og_page, png, Answer, Site};
    let site = Site::start(
        "127.0.0.1",
        vec![
            ("/page", og_page("Release notes")),
            ("/card.png", Answer::Body("image/png", png(64, 32))),
            (
                "/bare",
                Answer::Body("text/plain", b"nothing here".to_vec()),
            ),
        ],
    )
    .await;
    let app = crate::link_previews::natter(&[&site], &["--matrix-server-name", SERVER]).await;
    app.register("alice").await;
    let a = token_of(&sign_in(&app, "alice", None).await);
    let ask = |url: String| {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("url", &url)
            .finish();
        format!("/_matrix/client/v1/media/preview_url?{query}")
    };
    let og = mx(&app, Method::GET, &ask(site.url("/page")), Some(&a), None).await;
    assert_eq!(og.status, StatusCode::OK, "{}", og.body);
    assert_eq!(og.body["og:title"], "Release notes");
    assert_eq!(og.body["og:description"], "What the <page> is about");
    assert_eq!(og.body["og:site_name"], "Example Docs");
    assert_eq!(og.body["og:image:width"], 64, "{}", og.body);
    let picture = og.body["og:image"].as_str().expect("og:image");
    let path = picture
        .strip_prefix(&format!("mxc://{SERVER}/"))
        .expect("an mxc URI of this server");
    let got = app
        .client
        .get(format!(
            "{}/_matrix/client/v1/media/download/{SERVER}/{path}",
            app.base
        ))
        .bearer_auth(&a)
        .send()
        .await
        .expect("sent");
    assert_eq!(got.status(), StatusCode::OK);
    // natter keeps its own small copy, in one of the two types it writes.
    let kind = got.headers()["content-type"]
        .to_str()
        .expect("a type")
        .to_string();
    assert!(kind == "image/jpeg" || kind == "image/png", "{kind}");
    // A page with nothing to show is an empty preview; no url, or none of natter's, refused.
    let bare = mx(&app, Method::GET, &ask(site.url("/bare")), Some(&a), None).await;
    assert_eq!(bare.body, json!({}), "{}", bare.body);
    assert_error(
        &mx(
            &app,
            Method::GET,
            "/_matrix/client/v1/media/preview_url",
            Some(&a),
            None,
        )
        .await,
        400,
        "M_MISSING_PARAM",
    );
    assert_error(
        &mx(
            &app,
            Method::GET,
            &ask("file:///etc/passwd".into()),
            Some(&a),
            None,
        )
        .await,
        403,
        "M_FORBIDDEN",
    );
    assert_error(
        &mx(&app, Method::GET, &ask(site.url("/page")), None, None).await,
        401,
        "M_MISSING_TOKEN",
    );
    // An address natter may not reach (not listed as private) is no preview.
    let private = mx(
        &app,
        Method::GET,
        &ask("http://127.0.0.9:9/x".into()),
        Some(&a),
        None,
    )
    .await;
    assert_eq!(private.status, StatusCode::OK, "{}", private.body);
    assert_eq!(private.body, json!({}));
}

#[tokio::test]
async fn natters_custom_emoji_are_an_image_pack_and_react_by_their_picture() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let (status, emoji) =
        crate::custom_emoji::add(&app, &alice, "party", crate::link_previews::png(16, 16)).await;
    assert!(status.is_success(), "{status} {emoji}");
    let b = token_of(&sign_in(&app, "bob", None).await);
    let first = mx(&app, Method::GET, &format!("{V3}/sync"), Some(&b), None).await;
    let pack = first.body["account_data"]["events"]
        .as_array()
        .expect("account data")
        .iter()
        .find(|e| e["type"] == "im.ponies.user_emotes")
        .cloned()
        .unwrap_or_else(|| panic!("an image pack in {}", first.body["account_data"]));
    let party = &pack["content"]["images"]["party"];
    assert_eq!(party["body"], ":party:", "{pack}");
    let uri = party["url"].as_str().expect("a picture").to_string();
    let path = uri
        .strip_prefix(&format!("mxc://{SERVER}/"))
        .expect("an mxc URI of this server");
    let got = app
        .client
        .get(format!(
            "{}/_matrix/client/v1/media/download/{SERVER}/{path}",
            app.base
        ))
        .bearer_auth(&b)
        .send()
        .await
        .expect("sent");
    assert_eq!(got.status(), StatusCode::OK);
    // The picture natter keeps for the emoji, in the type natter gave it.
    assert_eq!(
        got.headers()["content-type"],
        emoji["content_type"].as_str().expect("its type")
    );

    // A reaction with the picture as its key is natter's :party:.
    let id = {
        let (status, body) = app
            .post(
                &format!("/messages/api/chats/{}/messages/", chats.group),
                &alice,
                json!({"content": "we shipped"}),
            )
            .await;
        assert!(status.is_success(), "{status} {body}");
        body["id"].as_i64().expect("id")
    };
    let reacted = mx(
        &app,
        Method::PUT,
        &format!("{V3}/rooms/{}/send/m.reaction/r1", room(chats.group)),
        Some(&b),
        Some(json!({"m.relates_to": {"rel_type": "m.annotation", "event_id": format!("$m{id}"), "key": uri}, "shortcode": ":party:"})),
    )
    .await;
    assert_eq!(reacted.status, StatusCode::OK, "{}", reacted.body);
    let (_, message) = app
        .get(&format!("/messages/api/messages/{id}/"), &alice)
        .await;
    assert!(message.to_string().contains(":party:"), "{message}");
}

#[tokio::test]
async fn a_room_picture_is_kept_on_the_chat_by_natters_rules_and_shown_to_its_members() {
    let app = spawn().await;
    let (_, alice) = app.register("alice").await;
    let (bob_id, _) = app.register("bob").await;
    app.register("carol").await;
    let chats = chats_of_every_kind(&app, &alice, bob_id, "bob").await;
    let a = token_of(&sign_in(&app, "alice", None).await);
    let b = token_of(&sign_in(&app, "bob", None).await);
    let c = token_of(&sign_in(&app, "carol", None).await);
    let picture = upload_media(&app, &a, crate::link_previews::png(8, 8), "image/png").await;
    let text = upload_media(&app, &a, b"not a picture".to_vec(), "text/plain").await;
    let bobs = upload_media(&app, &b, crate::link_previews::png(4, 4), "image/png").await;
    let b_since = first_sync(&app, &b).await;
    let state = format!("/rooms/{}/state/m.room.avatar", room(chats.group));

    // Who may set it is natter's rule for a group's settings: its admins, not bob.
    assert_error(
        &put(&app, &b, &state, json!({"url": bobs})).await,
        403,
        "M_FORBIDDEN",
    );
    // A picture is an image one uploaded oneself, of this server.
    for (url, status, code) in [
        (text.as_str(), 400, "M_INVALID_PARAM"),
        ("mxc://elsewhere.org/1", 400, "M_INVALID_PARAM"),
        (bobs.as_str(), 404, "M_NOT_FOUND"),
    ] {
        assert_error(
            &put(&app, &a, &state, json!({"url": url})).await,
            status,
            code,
        );
    }
    ok(&put(&app, &a, &state, json!({"url": picture})).await);
    let got = mx(&app, Method::GET, &format!("{V3}{state}"), Some(&b), None).await;
    assert_eq!(ok(&got)["url"], picture.as_str());

    // bob's next sync tells the change; the room's whole state has it from then on.
    let later = next_sync(&app, &b, &b_since).await;
    let told = timeline(&later, chats.group)
        .into_iter()
        .find(|e| e["type"] == "m.room.avatar")
        .unwrap_or_else(|| panic!("the picture told: {later}"));
    assert_eq!(told["content"]["url"], picture.as_str());
    assert_eq!(told["state_key"], "");

    // Its members may read the file; carol, outside the group, may not.
    let path = picture.trim_start_matches("mxc://");
    let download = format!("/_matrix/client/v1/media/download/{path}");
    let read = mx(&app, Method::GET, &download, Some(&b), None).await;
    assert_eq!(read.status, StatusCode::OK);
    let refused = mx(&app, Method::GET, &download, Some(&c), None).await;
    assert_error(&refused, 404, "M_NOT_FOUND");

    // Taken away: an empty picture is told, and the state has none.
    let since = later["next_batch"].as_str().expect("next").to_string();
    ok(&put(&app, &a, &state, json!({})).await);
    let cleared = next_sync(&app, &b, &since).await;
    let told = timeline(&cleared, chats.group)
        .into_iter()
        .find(|e| e["type"] == "m.room.avatar")
        .unwrap_or_else(|| panic!("the picture taken away: {cleared}"));
    assert_eq!(told["content"], json!({}));
    let gone = mx(&app, Method::GET, &format!("{V3}{state}"), Some(&b), None).await;
    assert_error(&gone, 404, "M_NOT_FOUND");
}
