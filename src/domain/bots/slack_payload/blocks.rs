//! Block Kit blocks as natter text: the blocks Slack shows in a message (`header`,
//! `section`, `context`, `divider`, `image`, `rich_text`); interactive and unknown blocks
//! (`actions`, `input`, …) have nothing to read and are skipped.

use super::mrkdwn::{self, Mode};
use super::reading::{array, Lookup};
use serde_json::{Map, Value};

/// The blocks in `blocks` (an array), one after another, each on lines of its own.
pub(super) fn render(blocks: &Value, lookup: Lookup<'_>) -> String {
    let parts: Vec<String> = array(Some(blocks))
        .iter()
        .filter_map(|b| block(b.as_object()?, lookup))
        .map(|s| s.trim_end().to_string())
        .filter(|s| !s.trim().is_empty())
        .collect();
    parts.join("\n")
}

fn str_of<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    o.get(key)?
        .as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn block(b: &Map<String, Value>, lookup: Lookup<'_>) -> Option<String> {
    match str_of(b, "type")? {
        "header" => Some(format!(
            "**{}**",
            text_object(b.get("text")?, lookup)?.replace('\n', " ")
        )),
        "section" => {
            let text = b.get("text").and_then(|t| text_object(t, lookup));
            let fields = array(b.get("fields"));
            let fields = fields.iter().filter_map(|f| text_object(f, lookup));
            Some(
                text.into_iter()
                    .chain(fields)
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        }
        "context" => {
            let elements = array(b.get("elements"));
            let texts = elements.iter().filter_map(|e| text_object(e, lookup));
            Some(texts.collect::<Vec<_>>().join(" · "))
        }
        "divider" => Some("---".to_string()),
        "image" => str_of(b, "image_url")
            .filter(|u| mrkdwn::is_http(u))
            .map(|u| {
                let title = b.get("title").and_then(|t| text_object(t, lookup));
                mrkdwn::md_link(title.as_deref().unwrap_or(""), u)
            }),
        "rich_text" => {
            let mut out = String::new();
            for element in array(b.get("elements")).iter().filter_map(Value::as_object) {
                rich_element(element, lookup, &mut out);
            }
            Some(out)
        }
        _ => None,
    }
}

/// A text object: `mrkdwn` converted, `plain_text` as typed but for its emoji shortcodes
/// (unless `"emoji": false`, as Slack shows it).
fn text_object(v: &Value, lookup: Lookup<'_>) -> Option<String> {
    let o = v.as_object()?;
    let text = str_of(o, "text")?;
    match str_of(o, "type")? {
        "mrkdwn" => Some(mrkdwn::convert(text, Mode::Full, lookup)),
        "plain_text" if o.get("emoji") == Some(&Value::Bool(false)) => Some(text.to_string()),
        "plain_text" => Some(mrkdwn::emojify(text)),
        _ => None,
    }
}

/// Starts a line in `out` unless one is started.
fn line(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// One element of a `rich_text` block, best effort: sections as text, lists as `- ` or
/// `1. ` lines (nesting flattened), preformatted as a fence, quotes as `> ` lines.
fn rich_element(e: &Map<String, Value>, lookup: Lookup<'_>, out: &mut String) {
    let inner = |styled| rich_inline(array(e.get("elements")), lookup, styled);
    match str_of(e, "type").unwrap_or("") {
        "rich_text_section" => out.push_str(&inner(true)),
        "rich_text_list" => {
            let ordered = str_of(e, "style") == Some("ordered");
            let items = array(e.get("elements"));
            for (n, item) in items.iter().filter_map(Value::as_object).enumerate() {
                line(out);
                out.push_str(&if ordered {
                    format!("{}. ", n + 1)
                } else {
                    "- ".to_string()
                });
                let text = rich_inline(array(item.get("elements")), lookup, true);
                out.push_str(&text.trim().replace('\n', " "));
            }
            out.push('\n');
        }
        "rich_text_preformatted" => {
            line(out);
            out.push_str("```\n");
            out.push_str(inner(false).trim_end_matches('\n'));
            out.push_str("\n```\n");
        }
        "rich_text_quote" => {
            line(out);
            for l in inner(true).trim_end_matches('\n').split('\n') {
                out.push_str("> ");
                out.push_str(l);
                out.push('\n');
            }
        }
        _ => {}
    }
}

/// The inline elements of a rich text element; `styled` applies bold, italic and code.
fn rich_inline(elements: Vec<Value>, lookup: Lookup<'_>, styled: bool) -> String {
    let mut out = String::new();
    for e in elements.iter().filter_map(Value::as_object) {
        let text = |key| e.get(key).and_then(Value::as_str).unwrap_or("");
        match text("type") {
            "text" => out.push_str(&style(text("text"), e.get("style"), styled)),
            "link" => {
                let url = text("url");
                let label = style(text("text").trim(), e.get("style"), styled);
                match (mrkdwn::is_http(url), label.is_empty()) {
                    (true, _) => out.push_str(&mrkdwn::md_link(&label, url)),
                    (false, true) => out.push_str(url),
                    (false, false) => out.push_str(&label),
                }
            }
            "user" => {
                let id = text("user_id");
                out.push('@');
                out.push_str(&lookup(id).unwrap_or_else(|| id.to_string()));
            }
            "usergroup" => out.push_str(&format!("@{}", text("usergroup_id"))),
            "channel" => out.push_str(&format!("#{}", text("channel_id"))),
            "broadcast" => out.push_str(&format!("@{}", text("range"))),
            "date" => out.push_str(text("fallback")),
            "emoji" => {
                let chars: Option<String> = text("unicode")
                    .split('-')
                    .map(|hex| u32::from_str_radix(hex, 16).ok().and_then(char::from_u32))
                    .collect();
                match chars.filter(|c| !c.is_empty()) {
                    Some(c) => out.push_str(&c),
                    None => out.push_str(&format!(":{}:", text("name"))),
                }
            }
            _ => {}
        }
    }
    out
}

/// `text` with its rich text style as natter Markdown, the markers inside the white space
/// around it (natter's renderer needs `**x** `, not `**x **`).
fn style(text: &str, style: Option<&Value>, styled: bool) -> String {
    let core = text.trim();
    let Some(style) = style
        .and_then(Value::as_object)
        .filter(|_| styled && !core.is_empty())
    else {
        return text.to_string();
    };
    let on = |k: &str| style.get(k).and_then(Value::as_bool).unwrap_or(false);
    let (lead, trail) = (
        &text[..text.len() - text.trim_start().len()],
        &text[text.trim_end().len()..],
    );
    let mut marked = core.to_string();
    for (key, open, close) in [
        ("code", "`", "`"),
        ("italic", "_", "_"),
        ("bold", "**", "**"),
    ] {
        if on(key) && !(key == "code" && core.contains('`')) {
            marked = format!("{open}{marked}{close}");
        }
    }
    format!("{lead}{marked}{trail}")
}
