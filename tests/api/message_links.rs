//! A message's permanent address, `/m/{chat}/{message}`: it sends the browser to the web
//! client at the message (which then asks the server for it), the same for everyone and
//! without a word of the message; what the client asks for answers a member and gives
//! anyone else the 404 of a message that does not exist. A link pasted into another chat
//! stays the text that was typed: the quoted preview is drawn by each reader's client
//! from what that reader may read.

use crate::helpers::*;
use crate::pins::{group, send};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_message_address_opens_the_client_there_and_only_members_read_it() {
    let app = TestApp::spawn().await;
    let (_, ta) = app.register("ann").await;
    let (bob, tb) = app.register("bob").await;
    let (carol, tc) = app.register("carol").await;
    let private = group(&app, &ta, "board", &[bob]).await;
    let secret = send(&app, &ta, private, "the merger closes on Friday").await;

    // The address: a redirect to the client's route, with nothing of the message in it.
    let path = format!("/m/{private}/{secret}");
    for auth in ["", "Authorization: Token nobody\r\n"] {
        let answer = raw_http(
            &app,
            &format!("GET {path} HTTP/1.1\r\nHost: x\r\n{auth}Connection: close\r\n\r\n"),
        )
        .await;
        assert!(answer.starts_with("HTTP/1.1 303"), "{answer}");
        assert!(
            answer.contains(&format!(
                "\r\nlocation: /#chat/{private}/message/{secret}\r\n"
            )),
            "{answer}"
        );
        assert!(!answer.contains("merger"), "{answer}");
    }
    for bad in ["/m/x/1", "/m/1/0", "/m/1/-2", "/m/1"] {
        let answer = raw_http(
            &app,
            &format!("GET {bad} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        )
        .await;
        assert!(answer.starts_with("HTTP/1.1 404"), "{bad}: {answer}");
    }

    // What the client asks for: a member reads it, anyone else gets the 404 of a message
    // that is not there.
    let message = format!("/messages/api/messages/{secret}/");
    let (status, body) = app.get(&message, &tb).await;
    assert_eq!(
        (status, &body["content"]),
        (StatusCode::OK, &json!("the merger closes on Friday"))
    );
    let (status, outside) = app.get(&message, &tc).await;
    let (missing_status, missing) = app.get("/messages/api/messages/999999/", &tc).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!((status, &outside), (missing_status, &missing));

    // bob pastes the link where carol reads: carol's history holds the link as typed, never
    // the text it points to.
    let open = group(&app, &tb, "everyone", &[carol]).await;
    let link = format!("http://x/m/{private}/{secret}");
    send(&app, &tb, open, &format!("see {link}")).await;
    let (status, page) = app
        .get(&format!("/messages/api/chats/{open}/messages/"), &tc)
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.to_string().contains(&link), "{page}");
    assert!(!page.to_string().contains("merger"), "{page}");

    // Once bob leaves the chat, the message is not available to him either.
    let (status, _) = app
        .call(
            reqwest::Method::DELETE,
            &format!("/messages/api/chats/{private}/members/{bob}/remove/"),
            Some(&ta),
            None,
        )
        .await;
    assert!(status.is_success(), "{status}");
    let (status, body) = app.get(&message, &tb).await;
    assert_eq!((status, &body), (missing_status, &missing));
}
