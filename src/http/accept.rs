//! What a request asks for in `Accept` and `?format=`, read as DRF reads them: the
//! browsable page or JSON, and JSON or YAML for the schema.

use warp::http::{header, HeaderMap};

/// The `?format=` of `query` (DRF's `URL_FORMAT_OVERRIDE`), if any.
pub fn format_asked(query: &str) -> Option<std::borrow::Cow<'_, str>> {
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "format")
        .map(|(_, v)| v)
}

/// A media range of `Accept`: its type, subtype, and DRF's precedence (3: with
/// parameters other than `q`; 2: `type/subtype`; 1: `type/*`; 0: `*/*`).
struct Range<'a> {
    main: &'a str,
    sub: &'a str,
    precedence: usize,
}

impl Range<'_> {
    /// Whether a renderer of `main/sub` satisfies this range (DRF's `media_type_matches`
    /// with the renderer's type on the left; renderers have no parameters).
    fn takes(&self, main: &str, sub: &str) -> bool {
        (self.main == "*" || self.main.eq_ignore_ascii_case(main))
            && (self.sub == "*" || self.sub.eq_ignore_ascii_case(sub))
    }
}

/// Whether DRF's `DefaultContentNegotiation` would pick the browsable page for these
/// headers: the ranges are taken most specific first (`order_by_precedence`), and within
/// one level the renderers in the view's order, JSON first. So `*/*`, no `Accept` and
/// any list that names `application/json` as specifically as `text/html` get JSON; a
/// browser's `text/html,application/xhtml+xml,...,*/*;q=0.8` gets the page.
///
/// DRF ignores q-values; so does this, except that `q=0` ("not acceptable", RFC 9110
/// 12.4.2) drops its range. Where DRF would answer 406 (nothing matches), natter keeps
/// answering JSON, as it always has.
pub fn prefers_html(headers: &HeaderMap) -> bool {
    let mut ranges = Vec::new();
    for value in headers.get_all(header::ACCEPT) {
        let Ok(value) = value.to_str() else { continue };
        ranges.extend(value.split(',').filter_map(range));
    }
    for level in (0..4).rev() {
        let at_level = || ranges.iter().filter(|r| r.precedence == level);
        if at_level().any(|r| r.takes("application", "json")) {
            return false;
        }
        if at_level().any(|r| r.takes("text", "html")) {
            return true;
        }
    }
    false
}

/// Whether `Accept` names a JSON type before any other (`/api/schema/`'s choice between
/// its JSON and its YAML, which drf-spectacular makes the same way).
pub fn accepts_json_first(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(range)
        .find(|r| r.main != "*" && r.sub != "*")
        .is_some_and(|r| r.sub.to_ascii_lowercase().ends_with("json"))
}

/// One media range, `None` when it is empty, not `type/subtype` or has `q=0`.
fn range(item: &str) -> Option<Range<'_>> {
    let mut parts = item.split(';');
    let (main, sub) = parts.next()?.trim().split_once('/')?;
    let (main, sub) = (main.trim(), sub.trim());
    if main.is_empty() || sub.is_empty() {
        return None;
    }
    let mut params = false;
    for param in parts {
        let (name, value) = param.split_once('=').unwrap_or((param, ""));
        if name.trim().eq_ignore_ascii_case("q") {
            if value.trim().parse::<f32>().is_ok_and(|q| q <= 0.0) {
                return None;
            }
        } else {
            params = true;
        }
    }
    let precedence = match (main, sub) {
        ("*", _) => 0,
        (_, "*") => 1,
        _ if params => 3,
        _ => 2,
    };
    Some(Range {
        main,
        sub,
        precedence,
    })
}

#[cfg(test)]
mod tests {
    use super::prefers_html;
    use warp::http::{header, HeaderMap, HeaderValue};

    fn html(accepts: &[&str]) -> bool {
        let mut headers = HeaderMap::new();
        for a in accepts {
            headers.append(header::ACCEPT, HeaderValue::from_str(a).unwrap());
        }
        prefers_html(&headers)
    }

    #[test]
    fn browsers_get_the_page_and_api_clients_json_as_drf_decides() {
        // Chromium's and Firefox's navigation `Accept`.
        assert!(html(&["text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"]));
        assert!(html(&[
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        ]));
        assert!(html(&["text/html"]));
        // DRF takes `text/*` for its HTML renderer too.
        assert!(html(&["text/*"]));
        // A parameter other than q makes a range more specific than a bare JSON one.
        assert!(html(&["application/json, text/html; charset=utf-8"]));
        assert!(html(&["application/xml", "text/html"]));

        assert!(!html(&[]));
        assert!(!html(&["*/*"]));
        assert!(!html(&["application/json"]));
        assert!(!html(&["application/json, text/html"]));
        assert!(!html(&["text/html, application/json"]));
        // DRF reads no q-values: JSON comes first at the same level.
        assert!(!html(&["text/html;q=1, application/json;q=0.1"]));
        assert!(!html(&["application/*, text/*"]));
        // q=0 refuses: here, not in DRF.
        assert!(!html(&["text/html;q=0, */*"]));
        // DRF's 406 cases keep their JSON.
        assert!(!html(&["text/plain"]));
        assert!(!html(&[""]));
        assert!(!html(&["garbage, ,;"]));
    }
}
