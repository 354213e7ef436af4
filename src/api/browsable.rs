//! DRF's browsable API page: a JSON answer turned into an HTML page
//! that shows the request line, the answer's status, the headers DRF shows and the body
//! pretty-printed (absolute URLs as links), and a "Raw data" form for each unsafe method
//! the route allows. The forms are driven by `static/browsable.js` (fetch with the
//! session cookie and `X-CSRFToken`), styled by `static/browsable.css`: no inline script
//! or style, so the page lives under the web client's Content-Security-Policy.
//! `api::negotiate` decides who gets the page.
//!
//! Every piece of text from the request or the answer reaches the page through
//! [`Html::text`] or an attribute value, both escaped; [`Html::markup`] takes only
//! `&'static str`, so nothing built at run time can be pasted into the page raw.

use crate::api::negotiate::{Asked, Negotiated};
use crate::kit::html::escape_into;
use http_body_util::BodyExt;
use serde_json::Value;
use warp::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use warp::reply::Response;

/// `response` as `negotiated` says: a JSON answer becomes the page, or stays JSON and says
/// it varies by `Accept`; any other answer (no body, a file, text) is left as it is.
pub async fn apply(negotiated: Negotiated, mut response: Response) -> Response {
    let is_json = crate::http::reply::is_json(response.headers());
    if !is_json || response.headers().contains_key(header::CONTENT_ENCODING) {
        return response;
    }
    match negotiated {
        // The JSON answer says it varies by `Accept` (DRF's `Vary: Accept` on every
        // answer of a view with two renderers). Without it a cache may keep the JSON
        // and hand it to a browser's navigation to the same URL: Chromium's back and
        // forward buttons then show raw JSON where the page was (its one-entry-per-URL
        // cache checks `Vary` before reuse). Answers of most routes are per-user and not
        // kept by shared caches, but the browser's own cache keeps them all. Not after
        // `?format=json`: that answer is the same whatever `Accept` says.
        Negotiated::Json { by_accept } => {
            if by_accept {
                vary_on_accept(response.headers_mut());
            }
            response
        }
        Negotiated::Page(asked) => {
            let (mut parts, body) = response.into_parts();
            let Ok(collected) = body.collect().await else {
                return Response::from_parts(parts, Default::default());
            };
            let bytes = collected.to_bytes();
            let Ok(value) = serde_json::from_slice::<Value>(&bytes) else {
                // Not JSON after all: sent as it was.
                return Response::from_parts(parts, bytes.into());
            };
            let html = page(&asked, parts.status, &parts.headers, &value);
            let headers = &mut parts.headers;
            headers.remove(header::CONTENT_LENGTH);
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            vary_on_accept(headers);
            crate::http::reply::page_headers(headers);
            Response::from_parts(parts, html.into())
        }
    }
}

fn vary_on_accept(headers: &mut HeaderMap) {
    headers.append(header::VARY, HeaderValue::from_static("Accept"));
}

/// Headers of the answer shown on the page besides `Allow`, `Content-Type` and `Vary`,
/// when it has them (DRF shows the view's own headers; never `Set-Cookie`).
const SHOWN: [header::HeaderName; 3] = [
    header::LOCATION,
    header::RETRY_AFTER,
    header::WWW_AUTHENTICATE,
];

/// The page for the answer `status`/`headers`/`body` to `asked`.
fn page(asked: &Asked, status: StatusCode, headers: &HeaderMap, body: &Value) -> String {
    let mut h = Html::default();
    h.markup("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.markup("<meta name=\"robots\" content=\"NONE,NOARCHIVE\">\n");
    h.markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.markup("<title>");
    h.text(&asked.title);
    h.markup(" – natter</title>\n");
    h.markup("<link rel=\"icon\" href=\"/static/icons/natter.svg\" type=\"image/svg+xml\">\n");
    h.markup("<link rel=\"stylesheet\" href=\"/static/browsable.css\">\n");
    h.markup("<script src=\"/static/browsable.js\" defer></script>\n</head>\n<body>\n");
    h.markup("<header class=\"bar\"><a class=\"brand\" href=\"/\">natter</a> <span>browsable API</span></header>\n<main>\n");
    h.markup("<nav class=\"formats\" aria-label=\"formats\">");
    h.open("a", &[("href", &with_format(&asked.full_path, "json"))]);
    h.markup("json</a></nav>\n");
    h.markup("<h1>");
    h.text(&asked.title);
    h.markup("</h1>\n");

    h.markup("<div class=\"request-info\"><pre data-testid=\"request\"><b>");
    h.text(asked.method.as_str());
    h.markup("</b> ");
    h.text(&asked.full_path);
    h.markup("</pre></div>\n");

    // The route's `Allow` rides along for `browsable.js`, which shows it with the answers
    // it fetches (natter's JSON answers carry `Allow` only on a 405).
    h.markup("<div class=\"response-info\">");
    h.open(
        "pre",
        &[
            ("data-testid", "response"),
            ("data-allow", asked.allow.as_deref().unwrap_or("")),
        ],
    );
    h.markup("<span class=\"meta\"><b>HTTP ");
    h.text(status.as_str());
    h.markup(" ");
    h.text(status.canonical_reason().unwrap_or(""));
    h.markup("</b>\n");
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/json");
    let mut shown: Vec<(&str, &str)> = vec![("Content-Type", content_type), ("Vary", "Accept")];
    if let Some(allow) = &asked.allow {
        shown.push(("Allow", allow));
    }
    for name in &SHOWN {
        if let Some(value) = headers.get(name).and_then(|v| v.to_str().ok()) {
            shown.push((display_name(name), value));
        }
    }
    shown.sort();
    for (name, value) in shown {
        h.markup("<b>");
        h.text(name);
        h.markup(":</b> <span class=\"lit\">");
        h.text(value);
        h.markup("</span>\n");
    }
    h.markup("</span>\n");
    pretty(&mut h, body, 0);
    h.markup("</pre></div>\n");

    // DRF hides the forms from a caller its permissions refuse.
    let may_act = !matches!(status.as_u16(), 401 | 403);
    if may_act && !asked.forms.is_empty() {
        h.markup("<section class=\"forms\" aria-label=\"forms\">\n");
        for method in &asked.forms {
            form(&mut h, asked, method, status, body);
        }
        h.markup("</section>\n");
    }
    h.markup("</main>\n</body>\n</html>\n");
    h.out
}

/// The header's name as DRF's page writes it.
fn display_name(name: &header::HeaderName) -> &'static str {
    match *name {
        header::LOCATION => "Location",
        header::RETRY_AFTER => "Retry-After",
        _ => "WWW-Authenticate",
    }
}

/// One method's form: DRF's "Raw data" tab (a JSON textarea) and its button; DELETE is
/// a button alone, as DRF's. PUT and PATCH start from the object shown, as DRF fills
/// them from the instance; POST from an empty object.
fn form(h: &mut Html, asked: &Asked, method: &Method, status: StatusCode, body: &Value) {
    let name = method.as_str();
    let id = format!("content-{}", name.to_ascii_lowercase());
    h.open(
        "form",
        &[
            ("class", "raw-form"),
            ("data-method", name),
            (
                "data-testid",
                &format!("form-{}", name.to_ascii_lowercase()),
            ),
            ("action", &asked.full_path),
        ],
    );
    h.markup("\n<fieldset><legend>");
    h.text(name);
    if *method != Method::DELETE {
        h.markup(": Raw data");
    }
    h.markup("</legend>\n");
    if *method != Method::DELETE {
        let start = if *method != Method::POST && status == StatusCode::OK && body.is_object() {
            indented(body)
        } else {
            "{}".into()
        };
        h.markup("<p class=\"media-type\">Media type: <code>application/json</code></p>\n");
        h.open("label", &[("for", &id)]);
        h.markup("Content:</label>\n");
        h.open(
            "textarea",
            &[("id", &id), ("name", "_content"), ("rows", "10")],
        );
        h.text(&start);
        h.markup("</textarea>\n");
    }
    h.open("button", &[("type", "submit"), ("class", "method")]);
    h.text(name);
    h.markup("</button>\n</fieldset>\n</form>\n");
}

/// `value` as JSON indented by four spaces, as the page shows answers.
fn indented(value: &Value) -> String {
    use serde::Serialize;
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    match value.serialize(&mut serializer) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => "{}".into(),
    }
}

/// `full_path` with its `format` parameter set to `format`.
fn with_format(full_path: &str, format: &str) -> String {
    let (path, query) = full_path.split_once('?').unwrap_or((full_path, ""));
    let mut pairs = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if k != "format" {
            pairs.append_pair(&k, &v);
        }
    }
    pairs.append_pair("format", format);
    format!("{path}?{}", pairs.finish())
}

/// `value` written as DRF's page writes it (Python's `json.dumps` with `indent=4` and
/// `ensure_ascii=False`: serde_json's pretty form at 4 spaces), with every string that
/// is an absolute http(s) URL a link (DRF's `urlize`).
fn pretty(h: &mut Html, value: &Value, depth: usize) {
    const INDENT: &str = "    ";
    let newline = |h: &mut Html, depth: usize| {
        h.markup("\n");
        for _ in 0..depth {
            h.markup(INDENT);
        }
    };
    match value {
        Value::Array(items) if !items.is_empty() => {
            h.markup("[");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    h.markup(",");
                }
                newline(h, depth + 1);
                pretty(h, item, depth + 1);
            }
            newline(h, depth);
            h.markup("]");
        }
        Value::Object(map) if !map.is_empty() => {
            h.markup("{");
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    h.markup(",");
                }
                newline(h, depth + 1);
                h.markup("<span class=\"key\">");
                h.text(&json_text(&Value::String(key.clone())));
                h.markup("</span>: ");
                pretty(h, item, depth + 1);
            }
            newline(h, depth);
            h.markup("}");
        }
        Value::String(s) if is_link(s) => {
            h.markup("&quot;");
            h.open("a", &[("href", s), ("rel", "nofollow")]);
            let quoted = json_text(value);
            h.text(&quoted[1..quoted.len() - 1]);
            h.markup("</a>&quot;");
        }
        Value::String(_) => {
            h.markup("<span class=\"str\">");
            h.text(&json_text(value));
            h.markup("</span>");
        }
        other => h.text(&json_text(other)),
    }
}

/// `value` as compact JSON (a scalar, or an empty array or object).
fn json_text(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Whether `s` is linked: an absolute http(s) URL with no space or control character
/// (so never `javascript:` or anything a browser would read as other than a link).
fn is_link(s: &str) -> bool {
    let lower = s.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && s.len() > 8
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// An HTML document being written: text and attribute values are escaped, markup is
/// only ever a string literal.
#[derive(Default)]
struct Html {
    out: String,
}

impl Html {
    /// Literal markup.
    fn markup(&mut self, markup: &'static str) {
        self.out.push_str(markup);
    }

    /// Text, escaped.
    fn text(&mut self, text: &str) {
        escape_into(&mut self.out, text);
    }

    /// An opening tag with its attributes, each value escaped.
    fn open(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value);
            self.out.push('"');
        }
        self.out.push('>');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn asked(forms: Vec<Method>) -> Asked {
        Asked {
            method: Method::GET,
            full_path: "/x/?q=<b>".into(),
            allow: Some("GET, POST, HEAD, OPTIONS".into()),
            forms,
            title: "X <List>".into(),
        }
    }

    #[test]
    fn text_from_the_answer_is_escaped_and_urls_are_links() {
        let body = json!({
            "content": "<script>alert('x')</script> & \"q\"",
            "url": "http://h/api/chats/1/?a=1&b=\"2\"",
            "no": "javascript:alert(1)",
            "list": [],
            "map": {},
            "n": [1, 2.5, null, true],
        });
        let html = page(
            &asked(vec![Method::POST]),
            StatusCode::OK,
            &HeaderMap::new(),
            &body,
        );
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(html
            .contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; \\&quot;q\\&quot;"));
        assert!(html.contains(
            "<a href=\"http://h/api/chats/1/?a=1&amp;b=&quot;2&quot;\" rel=\"nofollow\">http://h/api/chats/1/?a=1&amp;b=\\&quot;2\\&quot;</a>"
        ));
        assert!(!html.contains("href=\"javascript"));
        assert!(html.contains("<b>GET</b> /x/?q=&lt;b&gt;"));
        assert!(html.contains("<title>X &lt;List&gt; – natter</title>"));
        assert!(html.contains(
            "&quot;list&quot;</span>: [],\n    <span class=\"key\">&quot;map&quot;</span>: {},"
        ));
        assert!(html.contains("[\n        1,\n        2.5,\n        null,\n        true\n    ]"));
        assert!(html.contains("data-method=\"POST\""));
    }

    #[test]
    fn a_refused_caller_gets_no_forms() {
        let body = json!({"detail": "Authentication credentials were not provided."});
        for status in [StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN] {
            let html = page(&asked(vec![Method::POST]), status, &HeaderMap::new(), &body);
            assert!(!html.contains("<form"), "{status}");
        }
    }

    #[test]
    fn the_json_link_keeps_the_query_and_replaces_format() {
        assert_eq!(with_format("/a/", "json"), "/a/?format=json");
        assert_eq!(
            with_format("/a/?page=2&format=api", "json"),
            "/a/?page=2&format=json"
        );
    }
}
