//! Pins the chats surface's history fast path (`domain::messaging::history::stream`) to the owned
//! path: the same pages, written from rows as SQLite reads them and rendered from owned
//! views (`history_of` with each message's reactions and readers), must be the same
//! bytes. The chat mixes what makes the fast path switch to owned rows mid-page (a
//! reaction, an attachment), edits, a deleted message, text that needs escaping, and
//! read markers at different places.

use super::render::{MessageOut, MessagesJson};
use crate::domain::tests::{app, user};
use crate::domain::uploads::files::{self, Upload};
use crate::domain::{messaging::chats, messaging::history, messaging::messages, messaging::views};
use crate::model::MessageView;
use crate::store::{
    self,
    messaging::messages::{Order, PageQuery},
};

/// The page as the owned path renders it: each view with its reactions and readers.
fn owned_page(c: &store::Conn, chat_id: i64, q: PageQuery, size: usize) -> String {
    let chat = store::messaging::chats::by_id(c, chat_id)
        .expect("read the chat")
        .expect("the chat");
    let page = history::history_of(c, chat, q).expect("the owned page");
    let read_by = |m: &MessageView, receipts: &[(i64, i64)]| -> Vec<i64> {
        receipts
            .iter()
            .filter(|(_, mark)| *mark >= m.id)
            .map(|(user, _)| *user)
            .collect()
    };
    let rendered: Vec<String> = page
        .messages
        .iter()
        .take(size)
        .map(|m| {
            let reactions = views::reactions(c, m.id).expect("reactions");
            let readers = read_by(m, &page.receipts);
            serde_json::to_string(&MessageOut::of(&m.parts(Some(&reactions), Some(&readers))))
                .expect("serialize")
        })
        .collect();
    rendered.join(",")
}

/// The same page written by the fast path, as `surfaces::chats::list_messages` writes it.
fn streamed_page(c: &store::Conn, me: i64, chat_id: i64, q: PageQuery, size: usize) -> String {
    let mut page = MessagesJson::new(size);
    history::stream_history(c, me, chat_id, q, |m| page.push(m)).expect("the streamed page");
    String::from_utf8(page.into_results().written().to_vec()).expect("UTF-8")
}

#[tokio::test]
async fn streamed_page_is_byte_equal_to_the_owned_path() {
    let app = app().await;
    let alice = user(&app, "Ålice \"q\" \\").await;
    let bob = user(&app, "bob").await;
    // Both have signed in, so their read markers are receipts on both paths.
    let (a, b) = (alice.id, bob.id);
    app.db
        .write(move |c| {
            store::people::users::touch_last_seen(c, a, "t")?;
            store::people::users::touch_last_seen(c, b, "t")
        })
        .await
        .expect("seen");
    let (chat, _) = chats::get_or_create_direct(&app, &alice, bob.id)
        .await
        .expect("a direct chat");
    let texts = [
        "plain",
        "quote \" backslash \\ slash /",
        "tab\tnewline\ncr\r unit\u{1f}",
        "unicode é 中文 🙂 \u{2028}",
        "{\"id\":1}",
    ];
    let mut ids = Vec::new();
    for i in 0..12 {
        let from = if i % 3 == 0 { &bob } else { &alice };
        let text = texts[i % texts.len()].to_string();
        ids.push(
            messages::send(&app, from, chat.id, text, Vec::new())
                .await
                .expect("send")
                .id,
        );
    }
    let file = files::save(
        &app,
        &alice,
        Upload {
            filename: "a \"b\"\n.txt".into(),
            content_type: "text/plain".into(),
            bytes: bytes::Bytes::from_static(b"hello"),
        },
    )
    .await
    .expect("upload");
    ids.push(
        messages::send(&app, &alice, chat.id, "with a file".into(), vec![file.id])
            .await
            .expect("send with a file")
            .id,
    );
    for i in 0..4 {
        let text = format!("after the file {i}");
        ids.push(
            messages::send(&app, &bob, chat.id, text, Vec::new())
                .await
                .expect("send")
                .id,
        );
    }
    messages::toggle_reaction(&app, &bob, ids[5], "\"👍\"".into())
        .await
        .expect("react");
    messages::toggle_reaction(&app, &alice, ids[5], "\"👍\"".into())
        .await
        .expect("react");
    messages::edit(&app, &alice, ids[2], "edited \"once\"".into())
        .await
        .expect("edit");
    messages::delete(&app, &alice, ids[4])
        .await
        .expect("delete");
    messages::mark_read(&app, &alice, chat.id, Some(ids[7]))
        .await
        .expect("mark read");

    let query =
        |before: Option<i64>, after: Option<i64>, limit: i64, offset: i64, order| PageQuery {
            channel_only: false,
            before,
            after,
            limit,
            offset,
            order,
            search: None,
        };
    let (me, chat_id) = (alice.id, chat.id);
    let pages = [
        (query(None, None, 51, 0, Order::NewestFirst), 50),
        (query(None, None, 4, 0, Order::NewestFirst), 3),
        (query(None, None, 4, 6, Order::NewestFirst), 3),
        (query(Some(ids[9]), None, 4, 0, Order::NewestFirst), 3),
        (query(None, Some(ids[1]), 6, 0, Order::OldestFirst), 5),
        (query(None, Some(ids[10]), 51, 0, Order::OldestFirst), 50),
    ];
    app.db
        .read(move |c| -> crate::domain::Result<()> {
            for (q, size) in pages {
                let owned = owned_page(c, chat_id, q.clone(), size);
                assert!(!owned.is_empty(), "{q:?}");
                assert_eq!(
                    streamed_page(c, me, chat_id, q.clone(), size),
                    owned,
                    "{q:?}"
                );
            }
            Ok(())
        })
        .await
        .expect("read the pages");
}
