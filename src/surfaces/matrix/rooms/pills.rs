//! Mentions from Matrix apps in natter's words. An app writes a mention as a "pill":
//! in `formatted_body` a link to `https://matrix.to/#/@user:server` around the person's
//! display name, and in `body` the display name alone. natter finds mentions in the text
//! as `@username`, so each pill's name in the body becomes the person's `@username`:
//! the mention then notifies, highlights and shows in natter's client as one typed
//! there would.

use crate::http::error::ApiResult;
use crate::state::App;
use crate::surfaces::matrix::people;

/// Where a pill's address starts.
const PILL: &str = "href=\"https://matrix.to/#/";
/// At most this many pills are read from one message (a message naming more people
/// than this still sends; the rest stay names).
const MAX_PILLS: usize = 50;

/// `body` with each pill of `formatted_body` that names a person of this server written
/// as `@username`, the first time its name appears; a name not found in the body, or a
/// person already named as `@username`, is left as it is.
pub async fn to_usernames(app: &App, body: &str, formatted: &str) -> ApiResult<String> {
    let mut text = body.to_string();
    for (user_id, name) in pills(formatted).into_iter().take(MAX_PILLS) {
        let Some(person) = people::named(app, &user_id).await? else {
            continue;
        };
        let mention = format!("@{}", person.username);
        if name.is_empty() || text.contains(&mention) {
            continue;
        }
        if let Some(at) = text.find(&name) {
            // A name the app wrote with its own `@` keeps one.
            let start = match text[..at].ends_with('@') {
                true => at - 1,
                false => at,
            };
            text.replace_range(start..at + name.len(), &mention);
        }
    }
    Ok(text)
}

/// The `(user id, link text)` of each pill in `html`, with entities in the text
/// read back (`&amp;` and the rest that escaping writes).
fn pills(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(PILL) {
        rest = &rest[at + PILL.len()..];
        let Some(end) = rest.find('"') else { break };
        let target = &rest[..end];
        rest = &rest[end..];
        let Some(open_end) = rest.find('>') else {
            break;
        };
        rest = &rest[open_end + 1..];
        let Some(close) = rest.find("</a>") else {
            break;
        };
        let name = unescape(&rest[..close]);
        rest = &rest[close..];
        let decoded = percent_encoding::percent_decode_str(target).decode_utf8_lossy();
        // A link to an event (`@user:server/$event`) or a room is no pill.
        if decoded.starts_with('@') && !decoded.contains('/') && !decoded.contains('?') {
            out.push((decoded.into_owned(), name));
        }
    }
    out
}

/// HTML text with the entities an app's escaping writes turned back into characters.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::pills;

    #[test]
    fn pills_are_read_from_an_apps_html() {
        let html = "<a href=\"https://matrix.to/#/%40bob%3Aexample.org\">Bob &amp; Co</a>: hi \
                    <a href=\"https://matrix.to/#/@carol:example.org\">Carol</a> \
                    <a href=\"https://matrix.to/#/!room:example.org/$event\">a message</a> \
                    <a href=\"https://example.com\">a page</a>";
        assert_eq!(
            pills(html),
            [
                ("@bob:example.org".to_string(), "Bob & Co".to_string()),
                ("@carol:example.org".to_string(), "Carol".to_string()),
            ]
        );
        assert!(pills("<a href=\"https://matrix.to/#/@x:y\">unclosed").is_empty());
    }
}
