//! What a fetched page says about itself: its `<title>`, its Open Graph (and Twitter
//! card) `<meta>` tags, its plain `description`, and the oEmbed document it points to
//! (`<link type="application/json+oembed">`), read with lol_html's streaming rewriter (no
//! DOM is built: a 512 KB page is read in one pass). Everything comes out as plain text,
//! entities decoded, white space collapsed and cut to a bound; an oEmbed `html` (markup
//! that would run) is never read.

use lol_html::{element, text, HtmlRewriter, Settings};
use std::cell::RefCell;

/// Longest title kept, in characters.
pub const MAX_TITLE: usize = 200;
/// Longest description kept, in characters.
pub const MAX_DESCRIPTION: usize = 400;
/// Longest site name kept, in characters.
pub const MAX_SITE: usize = 80;

/// What a page or its oEmbed document says, as plain text.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Facts {
    pub title: String,
    pub description: String,
    pub site_name: String,
    /// The picture's address, made absolute against the page's.
    pub image: Option<reqwest::Url>,
    /// The oEmbed document's address (JSON only), made absolute.
    pub oembed: Option<reqwest::Url>,
}

#[derive(Default)]
struct Seen {
    title: String,
    title_done: bool,
    og_title: Option<String>,
    og_description: Option<String>,
    description: Option<String>,
    og_site: Option<String>,
    og_image: Option<String>,
    twitter_image: Option<String>,
    oembed: Option<String>,
}

/// Reads `html` (as fetched from `base`). A page that cannot be read says nothing.
pub fn read_page(html: &[u8], base: &reqwest::Url) -> Facts {
    let seen = RefCell::new(Seen::default());
    {
        let mut rewriter = HtmlRewriter::new(
            Settings {
                element_content_handlers: vec![
                    element!("meta", |el| {
                        let key = el
                            .get_attribute("property")
                            .or_else(|| el.get_attribute("name"))
                            .unwrap_or_default()
                            .to_ascii_lowercase();
                        let Some(content) = el.get_attribute("content") else {
                            return Ok(());
                        };
                        let mut s = seen.borrow_mut();
                        let slot = match key.as_str() {
                            "og:title" | "twitter:title" => &mut s.og_title,
                            "og:description" | "twitter:description" => &mut s.og_description,
                            "description" => &mut s.description,
                            "og:site_name" => &mut s.og_site,
                            "og:image" | "og:image:url" | "og:image:secure_url" => &mut s.og_image,
                            "twitter:image" | "twitter:image:src" => &mut s.twitter_image,
                            _ => return Ok(()),
                        };
                        if slot.is_none() {
                            *slot = Some(content);
                        }
                        Ok(())
                    }),
                    element!("link[href]", |el| {
                        let kind = el.get_attribute("type").unwrap_or_default();
                        if kind.trim().eq_ignore_ascii_case("application/json+oembed") {
                            let mut s = seen.borrow_mut();
                            if s.oembed.is_none() {
                                s.oembed = el.get_attribute("href");
                            }
                        }
                        Ok(())
                    }),
                    text!("title", |t| {
                        let mut s = seen.borrow_mut();
                        if !s.title_done {
                            if s.title.len() < 4 * MAX_TITLE {
                                s.title.push_str(t.as_str());
                            }
                            s.title_done = t.last_in_text_node();
                        }
                        Ok(())
                    }),
                ],
                ..Settings::new()
            },
            |_: &[u8]| {},
        );
        if rewriter.write(html).is_err() || rewriter.end().is_err() {
            return Facts::default();
        }
    }
    let s = seen.into_inner();
    let absolute = |raw: Option<String>| {
        raw.map(|r| decode_entities(r.trim()))
            .and_then(|r| base.join(&r).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https"))
    };
    Facts {
        title: clean(s.og_title.as_deref().unwrap_or(&s.title), MAX_TITLE),
        description: clean(
            s.og_description
                .as_deref()
                .or(s.description.as_deref())
                .unwrap_or(""),
            MAX_DESCRIPTION,
        ),
        site_name: clean(s.og_site.as_deref().unwrap_or(""), MAX_SITE),
        image: absolute(s.og_image.or(s.twitter_image)),
        oembed: absolute(s.oembed),
    }
}

/// Reads an oEmbed document (JSON): its `title`, `author_name`, `provider_name` and
/// `thumbnail_url`. Its `html` is never read.
pub fn read_oembed(json: &[u8], base: &reqwest::Url) -> Option<Facts> {
    let v: serde_json::Value = serde_json::from_slice(json).ok()?;
    let text = |key: &str| v.get(key).and_then(|x| x.as_str()).unwrap_or("");
    let description = match text("author_name") {
        "" => String::new(),
        author => format!("by {author}"),
    };
    Some(Facts {
        title: clean(text("title"), MAX_TITLE),
        description: clean(&description, MAX_DESCRIPTION),
        site_name: clean(text("provider_name"), MAX_SITE),
        image: match text("thumbnail_url") {
            "" => None,
            raw => base
                .join(raw)
                .ok()
                .filter(|u| matches!(u.scheme(), "http" | "https")),
        },
        oembed: None,
    })
}

/// `raw` as one line of plain text: entities decoded, control characters and
/// bidirectional controls dropped (`kit::printable::one_line`, which status texts go
/// through too), runs of white space made one space, cut to `max` characters (with an
/// ellipsis).
pub fn clean(raw: &str, max: usize) -> String {
    let decoded = decode_entities(raw);
    let decoded = crate::kit::printable::one_line(&decoded);
    let mut out = String::with_capacity(decoded.len().min(max * 4));
    let mut count = 0;
    for word in decoded.split(char::is_whitespace) {
        if word.is_empty() {
            continue;
        }
        if count > 0 {
            out.push(' ');
            count += 1;
        }
        for c in word.chars() {
            if count >= max {
                out.pop();
                out.push('…');
                return out;
            }
            out.push(c);
            count += 1;
        }
    }
    out
}

/// Decodes HTML character references: the named ones pages use in titles, and numeric ones.
fn decode_entities(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                "mdash" => Some('—'),
                "ndash" => Some('–'),
                "hellip" => Some('…'),
                "rsquo" => Some('’'),
                "lsquo" => Some('‘'),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                _ => {
                    let n = match name.strip_prefix('#') {
                        Some(hex) if hex.starts_with(['x', 'X']) => {
                            u32::from_str_radix(&hex[1..], 16).ok()
                        }
                        Some(dec) => dec.parse().ok(),
                        None => None,
                    };
                    n.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> reqwest::Url {
        reqwest::Url::parse("https://example.org/posts/1").unwrap()
    }

    #[test]
    fn open_graph_wins_over_the_title() {
        let html = br#"<html><head><title>Plain &amp; simple</title>
            <meta property="og:title" content="Design &quot;doc&quot;">
            <meta name="description" content="A  long
               description">
            <meta property="og:site_name" content="Example">
            <meta property="og:image" content="/img/card.png">
            <link rel="alternate" type="application/json+oembed" href="/oembed?u=1">
            </head><body><title>not this</title></body></html>"#;
        let facts = read_page(html, &base());
        assert_eq!(facts.title, "Design \"doc\"");
        assert_eq!(facts.description, "A long description");
        assert_eq!(facts.site_name, "Example");
        assert_eq!(
            facts.image.unwrap().as_str(),
            "https://example.org/img/card.png"
        );
        assert_eq!(
            facts.oembed.unwrap().as_str(),
            "https://example.org/oembed?u=1"
        );
    }

    #[test]
    fn a_title_alone_is_read_and_markup_stays_text() {
        let facts = read_page(
            b"<title>A <b>bold</b> &#x3C;script&#62; move</title>",
            &base(),
        );
        assert_eq!(facts.title, "A <b>bold</b> <script> move");
        assert_eq!(facts.image, None);
    }

    #[test]
    fn oembed_reads_text_and_never_html() {
        let json = br#"{"title":"A video","author_name":"Ann","provider_name":"Tube",
            "html":"<iframe src=x></iframe>","thumbnail_url":"https://i.example/t.jpg"}"#;
        let facts = read_oembed(json, &base()).unwrap();
        assert_eq!(facts.title, "A video");
        assert_eq!(facts.description, "by Ann");
        assert_eq!(facts.site_name, "Tube");
        assert!(facts.image.is_some());
        assert!(!format!("{facts:?}").contains("iframe"));
    }

    #[test]
    fn titles_lose_terminal_escapes_and_bidi_overrides() {
        let facts = read_page(
            "<title>Invoice &#x202E;fdp.exe &#27;[31mred&#x1b;]0;x&#7;</title>\
             <meta name=description content='a\u{2066}b\u{2069}c\u{9b}d'>"
                .as_bytes(),
            &base(),
        );
        assert_eq!(facts.title, "Invoice fdp.exe [31mred]0;x");
        assert_eq!(facts.description, "abcd");
    }

    #[test]
    fn clean_cuts_long_text() {
        assert_eq!(clean("abcdef", 4), "abc…");
        assert_eq!(clean(" a \n\t b ", 10), "a b");
    }
}
