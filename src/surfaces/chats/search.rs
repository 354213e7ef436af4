//! `GET /messages/api/search/?q=TEXT[&tz=ZONE][&chat_id=ID][&before=ID][&page_size=N]`: one
//! search across every chat the caller is in now, a natter extension on the chats
//! surface. `q` takes operators (`from:@name`, `in:#room`, `has:file`, `on:2026-03-29`…,
//! `domain::messaging::search_syntax`); `tz` is the IANA zone its days are in (when
//! absent, the zone the person's account keeps, else UTC); a wrong operator, day or zone is a 400 on `q` or `tz`. Results are the chats surface's message objects, newest first, with
//! `chat` as `{id, title, chat_type}`, the `snippet` as data (`snippet_parts`, what the web
//! client builds its markup from) and as HTML (`snippet`, escaped but for its `<mark>`s);
//! `next` carries `before` (keyset pagination, stable while messages arrive). A mark
//! comes only from the index, never from the message's own characters (`store::messaging::snippet`).

use crate::domain::messaging::search::{self, Hit};
use crate::http::error::{ApiError, ApiResult};
use crate::http::reply;
use crate::http::request::Request;
use crate::state::App;
use crate::store::messaging::search::Span;
use crate::store::people::users::User;
use crate::surfaces::chats::render::MessageOut;
use crate::surfaces::chats::{chat_type, query_id, title_for};
use serde_json::{json, Value};
use warp::reply::Response;

/// Results per page, and the most a client may ask for.
const PER_PAGE: i64 = 20;
const MAX_PER_PAGE: i64 = 100;

/// Answers one search page.
pub(crate) async fn across_my_chats(app: &App, req: &Request, me: User) -> ApiResult<Response> {
    let text = req
        .query_param("q")
        .ok_or_else(|| ApiError::field("q", "This field is required."))?;
    let zone = match req.query_param("tz") {
        // The zone the person's account keeps (their browser's, or their choice).
        None => crate::domain::status::zone::of(app, me.id)
            .await?
            .and_then(|name| search::zone(&name))
            .unwrap_or(jiff::tz::TimeZone::UTC),
        Some(name) => search::zone(&name).ok_or_else(|| {
            ApiError::field(
                "tz",
                format!("Unknown time zone \"{name}\": use an IANA name such as Europe/Berlin."),
            )
        })?,
    };
    let asked = match search::asked("q", &text, zone) {
        Ok(asked) => asked,
        Err(search::Refused::Text(e)) => return Err(e.into()),
        Err(search::Refused::Syntax(e)) => return Err(ApiError::field("q", e.to_string())),
    };
    let chat_id = query_id(req, "chat_id")?;
    let before = query_id(req, "before")?;
    let size = match query_id(req, "page_size")? {
        None => PER_PAGE,
        Some(n) if (1..=MAX_PER_PAGE).contains(&n) => n,
        Some(_) => {
            return Err(ApiError::field(
                "page_size",
                format!("Ensure this value is between 1 and {MAX_PER_PAGE}."),
            ))
        }
    };
    // One more than a page says whether there is a next one.
    let mut hits = search::across_my_chats(app, &me, asked, chat_id, before, size + 1).await?;
    let more = hits.len() as i64 > size;
    hits.truncate(size as usize);
    let next = match hits.last() {
        Some(last) if more => Some(reply::with_query(
            req,
            &[("before", Some(last.message.id.to_string()))],
        )),
        _ => None,
    };
    let results: Vec<Value> = hits.iter().map(|hit| result_json(hit, me.id)).collect();
    Ok(reply::ok(json!({"next": next, "results": results})))
}

/// A result: the chats surface's message object, `chat` as an object, `snippet` and
/// `snippet_parts`.
fn result_json(hit: &Hit, me: i64) -> Value {
    let parts = hit.message.parts(Some(&hit.reactions), Some(&hit.read_by));
    let out = MessageOut::of(&parts);
    let mut v = serde_json::to_value(&out).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        let chat = &hit.chat.chat;
        map.insert(
            "chat".into(),
            json!({
                "id": chat.id,
                "title": title_for(chat, me, &hit.chat.members),
                "chat_type": chat_type(chat.kind),
            }),
        );
        map.insert("snippet".into(), Value::String(snippet_html(&hit.snippet)));
        map.insert("snippet_parts".into(), snippet_parts(&hit.snippet));
    }
    v
}

/// The snippet as data: `[{"text": "…", "mark": false}, {"text": "word", "mark": true}]`.
fn snippet_parts(spans: &[Span]) -> Value {
    spans
        .iter()
        .map(|s| json!({"text": s.text, "mark": s.marked}))
        .collect()
}

/// The snippet as HTML: every character of the text escaped, matched words in `<mark>`.
fn snippet_html(spans: &[Span]) -> String {
    let mut html = String::with_capacity(spans.iter().map(|s| s.text.len() + 13).sum());
    for span in spans {
        if span.marked {
            html.push_str("<mark>");
        }
        for ch in span.text.chars() {
            match ch {
                '&' => html.push_str("&amp;"),
                '<' => html.push_str("&lt;"),
                '>' => html.push_str("&gt;"),
                '"' => html.push_str("&quot;"),
                '\'' => html.push_str("&#x27;"),
                other => html.push(other),
            }
        }
        if span.marked {
            html.push_str("</mark>");
        }
    }
    html
}

#[cfg(test)]
mod tests {
    use super::{snippet_html, snippet_parts};
    use crate::store::messaging::search::Span;
    use serde_json::json;

    fn span(text: &str, marked: bool) -> Span {
        Span {
            text: text.into(),
            marked,
        }
    }

    #[test]
    fn a_snippet_is_escaped_except_for_its_marks() {
        let spans = [
            span("a <b>", false),
            span("café", true),
            span(" & \"x\" 'y' <mark>\u{E000}", false),
        ];
        assert_eq!(
            snippet_html(&spans),
            "a &lt;b&gt;<mark>café</mark> &amp; &quot;x&quot; &#x27;y&#x27; &lt;mark&gt;\u{E000}"
        );
        assert_eq!(
            snippet_parts(&spans[..2]),
            json!([{"text": "a <b>", "mark": false}, {"text": "café", "mark": true}])
        );
    }
}
