//! What a send owes link previews (`domain::link_previews`): a message whose text has a
//! link that may be previewed leaves one `link_previews_owed` row in its own write, so a
//! restart loses none; the fetching happens later, in the background, never in the send.
//! A message with no `http://` or `https://` in it costs the send one substring search
//! and nothing else. Kept under the send, as `bot_deliveries` is, because the previews'
//! worker republishes messages and the send must not name it back.

use crate::config::LinkPreviews;
use crate::domain::error::Result;
use crate::store::{self, Tx};

/// The most links of one message that get a preview: its first ones.
pub const MAX_LINKS: usize = 3;

/// Longest link considered.
const MAX_LINK: usize = 2048;

/// Notes in the message's own write that `message_id` is owed previews, when its text
/// has a link `policy` allows.
pub fn note_message(c: &Tx, policy: &LinkPreviews, message_id: i64, content: &str) -> Result<()> {
    if *policy == LinkPreviews::Off || !content.contains("://") {
        return Ok(());
    }
    // The first link the policy allows decides: the send runs in the one writer, where
    // reading every link of the text as a URL was work the worker does again anyway.
    if !links(content).any(|link| host_of(link).is_some_and(|host| policy.allows(&host))) {
        return Ok(());
    }
    store::link_previews::owe(c, message_id, crate::kit::clock::now_ms())?;
    Ok(())
}

/// The host a link names, without an IPv6 address's brackets; `None` for a link that is
/// no URL.
fn host_of(link: &str) -> Option<String> {
    let url = url::Url::parse(link).ok()?;
    Some(url.host_str()?.trim_matches(['[', ']']).to_string())
}

/// In an edit's write: the message's previews are made again from its new text when it
/// has previews now or a link that may get one.
pub fn note_edit(
    c: &Tx,
    policy: &LinkPreviews,
    message_id: i64,
    had_previews: bool,
    content: &str,
) -> Result<()> {
    if had_previews {
        store::link_previews::owe(c, message_id, crate::kit::clock::now_ms())?;
        return Ok(());
    }
    note_message(c, policy, message_id, content)
}

/// The first [`MAX_LINKS`] distinct `http(s)://` links of `content` that `policy`
/// allows, as written (trailing punctuation that ends a sentence left out).
pub fn previewed_links(policy: &LinkPreviews, content: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for link in links(content) {
        let Some(host) = host_of(link) else {
            continue;
        };
        if !policy.allows(&host) || out.iter().any(|l| l == link) {
            continue;
        }
        out.push(link.to_string());
        if out.len() == MAX_LINKS {
            break;
        }
    }
    out
}

/// Every `http://` or `https://` link in `text`: from the scheme to the first white
/// space, quote or angle bracket, without trailing `.,:;!?'` or an unmatched `)`/`]`.
fn links(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
        .filter_map(|word| {
            let start = word.find("http://").or_else(|| word.find("https://"))?;
            let mut link = &word[start..];
            loop {
                let trimmed = link.trim_end_matches(['.', ',', ':', ';', '!', '?', '\'', '*', '_']);
                let trimmed = match trimmed.chars().last() {
                    Some(')') if trimmed.matches('(').count() < trimmed.matches(')').count() => {
                        &trimmed[..trimmed.len() - 1]
                    }
                    Some(']') if trimmed.matches('[').count() < trimmed.matches(']').count() => {
                        &trimmed[..trimmed.len() - 1]
                    }
                    _ => trimmed,
                };
                if trimmed.len() == link.len() {
                    break;
                }
                link = trimmed;
            }
            let bare = link
                .trim_start_matches("https://")
                .trim_start_matches("http://");
            (!bare.is_empty() && link.len() <= MAX_LINK).then_some(link)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_three_distinct_links_are_taken() {
        let text = "See https://a.example/x, (https://b.example/y_(z)) and https://a.example/x.\n\
                    Also <http://c.example/> https://d.example/ https://e.example/";
        assert_eq!(
            previewed_links(&LinkPreviews::On, text),
            [
                "https://a.example/x",
                "https://b.example/y_(z)",
                "http://c.example/"
            ]
        );
    }

    #[test]
    fn the_policy_picks_the_links() {
        let text = "https://evil.example/ and https://docs.example.org/a";
        let only = LinkPreviews::Sites(vec!["example.org".into()]);
        assert_eq!(previewed_links(&only, text), ["https://docs.example.org/a"]);
        assert!(previewed_links(&LinkPreviews::Off, text).is_empty());
        assert!(previewed_links(&LinkPreviews::On, "no links, ftp://x.example/").is_empty());
        assert!(previewed_links(&LinkPreviews::On, "just https://").is_empty());
    }
}
