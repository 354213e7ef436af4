//! `search --operators`: each search operator of `/messages/api/search/` alone and with
//! the common word `message`, over the `search` scenario's chats. Before measuring, the
//! reader writes 20 messages in its first chat (every other one with a link), replies to
//! one in a thread, reacts to, pins and saves a few: `from:@reader` is a rare sender
//! among 1,000,000 of the owner's messages, `from:@owner` a sender of every message, and
//! `has:file`, `has:image` and `before:2020-01-01` find nothing at all, the far end of
//! every walk. One request at a time over one connection, timed by `search::timed` as
//! the scenario's own searches are; p50/p99 of each, labelled `op_<name>` alone and
//! `op_<name>_word` with the word.

use crate::client::{Api, User};
use crate::keepalive::KeepAlive;
use crate::report::Report;
use crate::server::Server;
use crate::{fail, Result};
use serde_json::json;

/// Runs the operators' searches as `reader` (a member of `chat`, where it writes);
/// `owner` wrote the seeded messages.
pub async fn run(
    server: &Server,
    report: &mut Report,
    (owner, reader): (&User, &User),
    chat: i64,
    requests: usize,
) -> Result<()> {
    let api = Api::new(&server.base)?;
    let mut mine = Vec::new();
    for i in 0..20 {
        let text = if i % 2 == 0 {
            format!("reader message {i} at https://example.com/{i}")
        } else {
            format!("reader message {i}")
        };
        mine.push(api.send_message(reader, chat, &text).await?);
    }
    let path = format!("/messages/api/chats/{chat}/messages/");
    let (status, body) = api
        .post(
            &reader.token,
            &path,
            json!({"content": "a reply message", "thread_id": mine[0]}),
        )
        .await?;
    if status != 201 {
        return fail(format!("thread reply answered {status}: {body}"));
    }
    for id in &mine[..3] {
        let react = format!("/messages/api/messages/{id}/reactions/");
        let pin = format!("/messages/api/messages/{id}/pin/");
        for (p, b) in [
            (react, json!({"emoji": "\u{1F44D}"})),
            (pin, json!({})),
            (
                "/messages/api/saved/".to_string(),
                json!({"message_id": id}),
            ),
        ] {
            let (status, body) = api.post(&reader.token, &p, b).await?;
            if !(200..300).contains(&status) {
                return fail(format!("{p} answered {status}: {body}"));
            }
        }
    }
    // Today as the server writes its times (UTC), from the newest message's.
    let (_, page) = api
        .get(&reader.token, &format!("{path}?page_size=1"))
        .await?;
    let today = page["results"][0]["created_at"]
        .as_str()
        .and_then(|t| t.get(..10))
        .ok_or("no message to read today's date from")?
        .to_string();
    let operators = [
        ("from_owner", format!("from:@{}", owner.username)),
        ("from_reader", format!("from:@{}", reader.username)),
        ("in_room", "in:#search-0".to_string()),
        ("has_file", "has:file".to_string()),
        ("has_image", "has:image".to_string()),
        ("has_link", "has:link".to_string()),
        ("has_reaction", "has:reaction".to_string()),
        ("has_pin", "has:pin".to_string()),
        ("is_thread", "is:thread".to_string()),
        ("is_saved", "is:saved".to_string()),
        ("on_today", format!("on:{today}")),
        ("before_2020", "before:2020-01-01".to_string()),
        ("phrase", "\"seed message\"".to_string()),
        ("excluded", "-quokka".to_string()),
    ];
    let mut conn = KeepAlive::connect(&server.base, &reader.token).await?;
    for (name, op) in &operators {
        // `-word` alone asks for nothing: measured with the word only.
        let alone = (*name != "excluded").then(|| (format!("op_{name}"), op.clone()));
        let word = Some((format!("op_{name}_word"), format!("{op} message")));
        for (label, q) in [alone, word].into_iter().flatten() {
            let q = encode(&q);
            let path = format!("/messages/api/search/?q={q}");
            crate::search::timed(&mut conn, report, &label, (&path, &q), requests).await?;
        }
    }
    Ok(())
}

/// `q` as a query string's value: the few characters the operators use escaped.
fn encode(q: &str) -> String {
    q.chars()
        .map(|c| match c {
            ' ' => "+".to_string(),
            '"' => "%22".to_string(),
            '#' => "%23".to_string(),
            '@' => "%40".to_string(),
            ':' => "%3A".to_string(),
            '+' => "%2B".to_string(),
            '&' => "%26".to_string(),
            c => c.to_string(),
        })
        .collect()
}
