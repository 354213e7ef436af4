//! Slack incoming-webhook payloads as natter message text, so tools that post to Slack
//! (Alertmanager, Grafana, CI jobs, `slack_sdk` scripts) can post to natter unchanged.
//! Pure: no routes, no store; the webhook surface parses the body with [`parse`], renders
//! it with [`render`] and sends the text.
//!
//! The text is written in the Markdown subset natter's web client renders and reads as
//! plain text for the other clients: `text` (Slack mrkdwn, see `mrkdwn`) or, when they
//! render to something, the Block Kit `blocks` (Slack shows those and keeps `text` for
//! notifications), then each legacy attachment, parts apart by a blank line. An
//! attachment's `color` adds no marker: it is a bare colour, and the senders that mean
//! something by it (Alertmanager's firing and resolved) say so in the title too.

mod blocks;
mod mrkdwn;
mod reading;

use crate::domain::messaging::messages::MAX_CONTENT_CHARS;
use mrkdwn::Mode;
use reading::{array, Lookup};
use serde_json::{Map, Value};
use std::fmt;

/// What a payload says to post: the message text and the sender's overrides, which the
/// webhook surface may honour or ignore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The message text, natter Markdown, 1..=[`MAX_CONTENT_CHARS`] characters.
    pub text: String,
    /// `username`: the name the sender asks to post as.
    pub username: Option<String>,
    /// `icon_url`: an http(s) picture for the sender (other schemes are dropped).
    pub icon_url: Option<String>,
    /// `icon_emoji`: an emoji for the sender, as given (`:robot_face:`).
    pub icon_emoji: Option<String>,
    /// `channel`: the channel the sender asks for (`#alerts`, `@ann`), as given.
    pub channel: Option<String>,
    /// `thread_ts`: the message whose thread the post is a reply in. Slack names a
    /// message by its timestamp; natter's `ts` is the message id (as a string or a
    /// number). Anything else names no message.
    pub thread_ts: Option<i64>,
    /// `reply_broadcast`: a reply in a thread also shown in the channel.
    pub reply_broadcast: bool,
}

/// Why a payload cannot be posted, with the code Slack answers (HTTP 400), so senders
/// written for Slack read the same answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayloadError {
    /// `invalid_payload` (not a JSON object, in JSON or in `payload=`) or `no_text`
    /// (nothing to show).
    Invalid(&'static str),
}

impl fmt::Display for PayloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PayloadError::Invalid(code) => f.write_str(code),
        }
    }
}

impl std::error::Error for PayloadError {}

const INVALID: PayloadError = PayloadError::Invalid("invalid_payload");
const NO_TEXT: PayloadError = PayloadError::Invalid("no_text");

/// Parses a request body: JSON (`application/json`), or form-encoded with a `payload=`
/// field holding the JSON (Slack accepts both); `content_type` is the request's
/// Content-Type (may be absent: then try JSON, then form). Like Slack, the other form is
/// tried too when the declared one fails (`curl -d '{…}'` declares a form), so the
/// Content-Type only decides which comes first. Anything but a JSON object is
/// `invalid_payload`.
pub fn parse(body: &[u8], content_type: Option<&str>) -> Result<Value, PayloadError> {
    let form_first = content_type.is_some_and(crate::kit::media_type::is_form);
    let json = || serde_json::from_slice::<Value>(body).ok();
    let form = || {
        let (_, payload) = form_urlencoded::parse(body).find(|(k, _)| k == "payload")?;
        serde_json::from_str::<Value>(&payload).ok()
    };
    let value = if form_first {
        form().or_else(json)
    } else {
        json().or_else(form)
    };
    value.filter(Value::is_object).ok_or(INVALID)
}

/// One message's Slack mrkdwn as natter Markdown (links, `<@U123>` through
/// `lookup_user`, `<#C1|name>`, `<!here>`, entities, bold, shortcodes), for the Slack
/// import; not cut to a length.
pub fn mrkdwn_text(text: &str, lookup_user: &dyn Fn(&str) -> Option<String>) -> String {
    mrkdwn::convert(text, Mode::Full, lookup_user)
}

/// The emoji of a Slack reaction's name (`thumbsup`, `+1::skin-tone-3`), if known.
pub fn reaction_emoji(name: &str) -> Option<String> {
    let shown = mrkdwn::emojify(&format!(":{name}:"));
    (!shown.contains(':')).then_some(shown)
}

/// Renders a parsed payload; `lookup_user` maps a Slack user id or name from
/// `<@U123>`/`<@name>` to a natter username if known. `no_text` when nothing renders,
/// `invalid_payload` when `payload` is not an object; the text is cut to natter's
/// message limit with `…`.
pub fn render(
    payload: &Value,
    lookup_user: &dyn Fn(&str) -> Option<String>,
) -> Result<Rendered, PayloadError> {
    let obj = payload.as_object().ok_or(INVALID)?;
    let mut parts = vec![blocks::render(
        obj.get("blocks").unwrap_or(&Value::Null),
        lookup_user,
    )];
    if parts[0].trim().is_empty() {
        let mode = match obj.get("mrkdwn") {
            Some(Value::Bool(false)) => Mode::LinksOnly,
            _ => Mode::Full,
        };
        parts[0] =
            str_of(obj, "text").map_or_else(String::new, |t| mrkdwn::convert(t, mode, lookup_user));
    }
    for a in array(obj.get("attachments"))
        .iter()
        .filter_map(Value::as_object)
    {
        parts.push(attachment(a, lookup_user));
    }
    let parts: Vec<&str> = parts
        .iter()
        .map(|p| p.trim_start_matches('\n').trim_end())
        .filter(|p| !p.trim().is_empty())
        .collect();
    if parts.is_empty() {
        return Err(NO_TEXT);
    }
    let field = |key| str_of(obj, key).map(str::to_string);
    Ok(Rendered {
        // Line ends as natter keeps them (apprise, for one, sends `\r\n`).
        text: cut(parts.join("\n\n").replace("\r\n", "\n")),
        username: field("username"),
        icon_url: field("icon_url").filter(|u| mrkdwn::is_http(u)),
        icon_emoji: field("icon_emoji"),
        channel: field("channel"),
        thread_ts: thread_ts(obj.get("thread_ts")),
        reply_broadcast: obj.get("reply_broadcast") == Some(&Value::Bool(true)),
    })
}

/// A `thread_ts` that names a natter message: its id, as a number or a string of digits.
fn thread_ts(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => {
            let s = s.trim();
            let digits = !s.is_empty() && s.len() <= 18 && s.bytes().all(|b| b.is_ascii_digit());
            digits.then(|| s.parse().ok()).flatten()
        }
        _ => None,
    }
    .filter(|id| *id > 0)
}

/// The trimmed string at `key`, if it is a non-empty string.
fn str_of<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    o.get(key)?
        .as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A legacy attachment, in Slack's order: `pretext`, then `author_name`, `title` (bold,
/// linked to an http(s) `title_link`), `text`, `fields` as `**title**: value` lines,
/// its `blocks`, `image_url`, `footer`; `fallback` only when none of those is there.
/// `pretext`, `text` and field values are full mrkdwn when named in `mrkdwn_in` (as in
/// Slack), else links, mentions and entities only.
fn attachment(a: &Map<String, Value>, lookup: Lookup<'_>) -> String {
    let named = array(a.get("mrkdwn_in"));
    let mode = |field: &str| match named.iter().any(|n| n.as_str() == Some(field)) {
        true => Mode::Full,
        false => Mode::LinksOnly,
    };
    let conv = |key: &str, mode| str_of(a, key).map(|t| mrkdwn::convert(t, mode, lookup));
    let linked = |key: &str, link: &str| {
        let label = mrkdwn::unescape(str_of(a, key)?);
        let url = str_of(a, link).map(mrkdwn::unescape);
        Some(match url.filter(|u| mrkdwn::is_http(u)) {
            Some(url) => mrkdwn::md_link(&label, &url),
            None => label,
        })
    };
    let mut lines: Vec<String> = Vec::new();
    lines.extend(linked("author_name", "author_link"));
    lines.extend(linked("title", "title_link").map(|t| format!("**{t}**")));
    lines.extend(conv("text", mode("text")));
    for f in array(a.get("fields")).iter().filter_map(Value::as_object) {
        let title = str_of(f, "title").map(mrkdwn::unescape);
        let value = str_of(f, "value").map(|v| mrkdwn::convert(v, mode("fields"), lookup));
        lines.extend(match (title, value) {
            (Some(t), Some(v)) => Some(format!("**{t}**: {v}")),
            (Some(t), None) => Some(format!("**{t}**")),
            (None, v) => v,
        });
    }
    lines.push(blocks::render(
        a.get("blocks").unwrap_or(&Value::Null),
        lookup,
    ));
    lines.extend(
        str_of(a, "image_url")
            .filter(|u| mrkdwn::is_http(u))
            .map(str::to_string),
    );
    lines.extend(conv("footer", Mode::LinksOnly));
    lines.retain(|l| !l.trim().is_empty());
    let pretext = conv("pretext", mode("pretext"));
    if lines.is_empty() && pretext.is_none() {
        lines.extend(conv("fallback", Mode::LinksOnly));
    }
    pretext
        .into_iter()
        .chain(lines)
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` cut to [`MAX_CONTENT_CHARS`] characters, the last one `…` when cut.
fn cut(text: String) -> String {
    match text.char_indices().nth(MAX_CONTENT_CHARS - 1) {
        Some((at, _)) if text[at..].chars().nth(1).is_some() => format!("{}…", &text[..at]),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn users(id: &str) -> Option<String> {
        (id == "U42").then(|| "ann".to_string())
    }

    fn text_of(payload: Value) -> String {
        match render(&payload, &users) {
            Ok(r) => r.text,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn parses_json_and_form() {
        let json = br#"{"text":"hi"}"#;
        for ct in [
            Some("application/json; charset=utf-8"),
            None,
            Some("text/plain"),
        ] {
            assert_eq!(parse(json, ct), Ok(json!({"text": "hi"})));
        }
        // curl -d sends JSON declared as a form: Slack takes it, so do we.
        let form_ct = Some("application/x-www-form-urlencoded");
        assert_eq!(parse(json, form_ct), Ok(json!({"text": "hi"})));
        let form = b"payload=%7B%22text%22%3A%22a+%26+b%22%7D&x=1";
        assert_eq!(parse(form, form_ct), Ok(json!({"text": "a & b"})));
        assert_eq!(parse(form, None), Ok(json!({"text": "a & b"})));
    }

    #[test]
    fn malformed_bodies_are_invalid_payload() {
        let form_ct = Some("application/x-www-form-urlencoded");
        for (body, ct) in [
            (&b"not json"[..], None),
            (b"", Some("application/json")),
            (b"[1,2]", Some("application/json")),
            (b"\"text\"", None),
            (b"payload=not+json", form_ct),
            (b"payload=%5B%5D", form_ct),
            (b"text=hello", form_ct),
            (b"\xff\xfe", None),
        ] {
            assert_eq!(parse(body, ct), Err(INVALID), "{body:?}");
        }
        assert_eq!(render(&json!([{"text": "x"}]), &users), Err(INVALID));
        assert_eq!(render(&json!("x"), &users), Err(INVALID));
    }

    #[test]
    fn nothing_to_show_is_no_text() {
        for p in [
            json!({}),
            json!({"text": ""}),
            json!({"text": "  \n "}),
            json!({"text": 5, "username": "bot"}),
            json!({"attachments": []}),
            json!({"attachments": [{"color": "good"}, 3]}),
            json!({"blocks": [{"type": "actions", "elements": []}]}),
        ] {
            assert_eq!(render(&p, &users), Err(NO_TEXT), "{p}");
        }
    }

    #[test]
    fn overrides_pass_through_trimmed() {
        let r = render(
            &json!({"text": "x", "username": " CI ", "icon_url": "https://e.io/i.png ",
                "icon_emoji": ":robot_face:", "channel": "#alerts"}),
            &users,
        );
        let expected = Rendered {
            text: "x".to_string(),
            username: Some("CI".to_string()),
            icon_url: Some("https://e.io/i.png".to_string()),
            icon_emoji: Some(":robot_face:".to_string()),
            channel: Some("#alerts".to_string()),
            thread_ts: None,
            reply_broadcast: false,
        };
        assert_eq!(r, Ok(expected));
        let r = render(
            &json!({"text": "x", "username": 7, "icon_url": "javascript:alert(1)", "channel": ""}),
            &users,
        );
        let r = r.ok();
        assert_eq!(r.as_ref().and_then(|r| r.username.clone()), None);
        assert_eq!(r.as_ref().and_then(|r| r.icon_url.clone()), None);
        assert_eq!(r.as_ref().and_then(|r| r.channel.clone()), None);
    }

    #[test]
    fn a_thread_is_named_by_a_message_id() {
        let thread = |v: Value| {
            render(
                &json!({"text": "x", "thread_ts": v, "reply_broadcast": true}),
                &users,
            )
            .map(|r| (r.thread_ts, r.reply_broadcast))
        };
        assert_eq!(thread(json!("42")), Ok((Some(42), true)));
        assert_eq!(thread(json!(42)), Ok((Some(42), true)));
        for v in [
            json!("1503435956.000247"),
            json!(""),
            json!(-3),
            json!("0"),
            json!([1]),
        ] {
            assert_eq!(thread(v.clone()), Ok((None, true)), "{v}");
        }
    }

    #[test]
    fn ci_text_with_links_and_mentions() {
        let p = json!({"text": "*Build <https://ci.example.com/runs/7?a=1&amp;b=2|#7> failed* on `main` \
            (<https://github.com/o/r/commit/abc|abc>) by <@U42> &lt;3\n<!here> see <#C1|ci>"});
        assert_eq!(
            text_of(p),
            "**Build [#7](https://ci.example.com/runs/7?a=1&b=2) failed** on `main` \
             ([abc](https://github.com/o/r/commit/abc)) by @ann <3\n@here see #ci"
        );
        assert_eq!(
            text_of(json!({"text": "*x* <https://a.io|b>", "mrkdwn": false})),
            "*x* [b](https://a.io)"
        );
    }

    #[test]
    fn alertmanager_attachments() {
        let p = json!({
            "channel": "#alerts", "username": "Alertmanager", "icon_emoji": ":fire:",
            "attachments": [{
                "color": "danger",
                "title": "[FIRING:1] HighLatency (api prod)",
                "title_link": "http://am.example.com/#/alerts?receiver=slack",
                "pretext": "",
                "text": "*Alert:* p99 &gt; 2s\n*Severity:* `page`\n• host: api-1",
                "fallback": "[FIRING:1] HighLatency | http://am.example.com/",
                "footer": "<https://github.com/prometheus/alertmanager|Alertmanager>",
                "mrkdwn_in": ["fallback", "pretext", "text"]
            }]
        });
        let r = render(&p, &users).ok();
        assert_eq!(
            r.as_ref().and_then(|r| r.username.as_deref()),
            Some("Alertmanager")
        );
        assert_eq!(
            r.map(|r| r.text).unwrap_or_default(),
            "**[FIRING:1] HighLatency (api prod) <http://am.example.com/#/alerts?receiver=slack>**\n\
             **Alert:** p99 > 2s\n**Severity:** `page`\n- host: api-1\n\
             [Alertmanager](https://github.com/prometheus/alertmanager)"
        );
        // A title natter's link syntax cannot hold, a title_link that is no http(s) link,
        // and formatting outside `mrkdwn_in`.
        let p = json!({"attachments": [
            {"title": "a]b", "title_link": "https://x.io", "text": "*y*"},
            {"title": "t", "title_link": "javascript:x"}
        ]});
        assert_eq!(text_of(p), "**a]b <https://x.io>**\n*y*\n\n**t**");
    }

    #[test]
    fn fallback_only_when_nothing_else() {
        let p = json!({"text": "top", "attachments": [
            {"fallback": "only fb", "color": "#ff0000"},
            {"fallback": "unused", "text": "body"},
            {"pretext": "pre", "fallback": "unused too"}
        ]});
        assert_eq!(text_of(p), "top\n\nonly fb\n\nbody\n\npre");
    }

    #[test]
    fn grafana_attachment_with_fields() {
        let p = json!({
            "username": "Grafana",
            "attachments": [{
                "color": "#D63232",
                "title": "[Alerting] CPU usage alert",
                "title_link": "https://grafana.example.com/d/abc/host?orgId=1&amp;panelId=2",
                "text": "CPU above 90% for 5m",
                "fields": [
                    {"title": "host", "value": "web-1", "short": true},
                    {"title": "value", "value": "97.3", "short": true},
                    {"title": "", "value": "<https://runbook.example.com|runbook>"},
                    {"title": "note"}
                ],
                "image_url": "https://grafana.example.com/render/panel.png",
                "footer": "Grafana v8.5", "footer_icon": "https://grafana.com/icon.png",
                "ts": 1_700_000_000, "author_name": "Grafana &amp; co"
            }]
        });
        assert_eq!(
            text_of(p),
            "Grafana & co\n\
             **[Alerting] CPU usage alert <https://grafana.example.com/d/abc/host?orgId=1&panelId=2>**\n\
             CPU above 90% for 5m\n**host**: web-1\n**value**: 97.3\n\
             [runbook](https://runbook.example.com)\n**note**\n\
             https://grafana.example.com/render/panel.png\nGrafana v8.5"
        );
    }

    #[test]
    fn slack_sdk_blocks() {
        let p = json!({
            "text": "Deploy finished (notification fallback)",
            "blocks": [
                {"type": "header", "text": {"type": "plain_text", "text": "Deploy v1.2.3", "emoji": true}},
                {"type": "section", "text": {"type": "mrkdwn", "text": "*Service:* api\n<https://ci.io/1|Logs>"},
                 "accessory": {"type": "button", "text": {"type": "plain_text", "text": "Open"}}},
                {"type": "section", "fields": [
                    {"type": "mrkdwn", "text": "*Env:*\nprod"},
                    {"type": "plain_text", "text": "*not bold*"}
                ]},
                {"type": "divider"},
                {"type": "actions", "elements": [{"type": "button", "text": {"type": "plain_text", "text": "Roll back"}}]},
                {"type": "context", "elements": [
                    {"type": "mrkdwn", "text": "by <@U42>"},
                    {"type": "image", "image_url": "https://x.io/a.png", "alt_text": "a"},
                    {"type": "plain_text", "text": "12:00"}
                ]},
                {"type": "mystery", "text": {"type": "mrkdwn", "text": "skipped"}},
                "not a block"
            ]
        });
        assert_eq!(
            text_of(p),
            "**Deploy v1.2.3**\n**Service:** api\n[Logs](https://ci.io/1)\n**Env:**\nprod\n*not bold*\n---\nby @ann · 12:00"
        );
        let p = json!({"text": "fallback *text*", "blocks": [{"type": "actions", "elements": []}]});
        assert_eq!(text_of(p), "fallback **text**");
        let p = json!({"text": "t", "blocks": "[{\"type\":\"divider\"}]", "attachments": [{"text": "a"}]});
        assert_eq!(text_of(p), "---\n\na");
    }

    #[test]
    fn rich_text_blocks() {
        let p = json!({"blocks": [{"type": "rich_text", "elements": [
            {"type": "rich_text_section", "elements": [
                {"type": "text", "text": "Hi "},
                {"type": "user", "user_id": "U42"},
                {"type": "text", "text": " bold ", "style": {"bold": true}},
                {"type": "link", "url": "https://x.io", "text": "site"},
                {"type": "emoji", "name": "tada", "unicode": "1f389"},
                {"type": "emoji", "name": "custom"},
                {"type": "broadcast", "range": "here"},
                {"type": "text", "text": "\n"}
            ]},
            {"type": "rich_text_list", "style": "ordered", "elements": [
                {"type": "rich_text_section", "elements": [{"type": "text", "text": "one", "style": {"code": true}}]},
                {"type": "rich_text_section", "elements": [{"type": "channel", "channel_id": "C1"}]}
            ]},
            {"type": "rich_text_preformatted", "elements": [{"type": "text", "text": "a *b*", "style": {"bold": true}}]},
            {"type": "rich_text_quote", "elements": [{"type": "text", "text": "q1\nq2"}]}
        ]}]});
        assert_eq!(
            text_of(p),
            "Hi @ann **bold** [site](https://x.io)🎉:custom:@here\n1. `one`\n2. #C1\n```\na *b*\n```\n> q1\n> q2"
        );
    }

    #[test]
    fn long_text_is_cut() {
        let text = format!("{}é", "a".repeat(19_999));
        let cut_text = text_of(json!({ "text": text }));
        assert_eq!(cut_text.chars().count(), MAX_CONTENT_CHARS);
        assert!(cut_text.ends_with("a…"));
        let exact = "é".repeat(MAX_CONTENT_CHARS);
        assert_eq!(text_of(json!({ "text": exact.clone() })), exact);
    }

    #[test]
    fn code_blocks_survive_end_to_end() {
        let p = json!({"text": "Output:\n```\nif a &lt; b &amp;&amp; *p* { <@U42> }\n```"});
        assert_eq!(text_of(p), "Output:\n```\nif a < b && *p* { <@U42> }\n```");
    }
}
