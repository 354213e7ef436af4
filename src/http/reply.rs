//! Building responses: JSON bodies, each surface's error shape, and page envelopes.

use crate::http::error::ApiError;
use crate::http::request::Request;
use bytes::Bytes;
use serde_json::{json, Value};
use warp::http::{header, HeaderMap, HeaderValue, StatusCode};
use warp::reply::{Reply, Response};

/// The error shapes each surface answers with (docs/api.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorStyle {
    /// DRF defaults: `{"detail": ...}` and `{field: [messages]}` (inbox, dm, messenger, accounts).
    Drf,
    /// Seed 001: `{"error": "Invalid request", "details": {...}}` for 400s, DRF `detail` otherwise.
    Chats,
    /// Seed 003: `{"error": code, "message": text, "details": {...}}`.
    Rooms,
    /// Slack's incoming webhooks: a `text/plain` code (`invalid_payload`, `no_service`).
    Slack,
    /// The Matrix client-server API: `{"errcode": "M_…", "error": text}`.
    Matrix,
}

/// The Matrix error code of `err` (`M_FORBIDDEN`, `M_UNKNOWN_TOKEN`...), from its kind.
pub fn matrix_errcode(err: &ApiError) -> &'static str {
    match err {
        ApiError::Unauthenticated => "M_MISSING_TOKEN",
        ApiError::InvalidToken | ApiError::InvalidJwt { .. } => "M_UNKNOWN_TOKEN",
        ApiError::BadCredentials(_) | ApiError::Csrf(_) | ApiError::Forbidden(_) => "M_FORBIDDEN",
        ApiError::NotFound(_) => "M_NOT_FOUND",
        ApiError::MalformedBody(_) => "M_NOT_JSON",
        ApiError::Validation(_) | ApiError::BadRequest(_) | ApiError::RoomFull => "M_INVALID_PARAM",
        ApiError::MethodNotAllowed { .. } => "M_UNRECOGNIZED",
        ApiError::PayloadTooLarge => "M_TOO_LARGE",
        ApiError::RateLimited(_) | ApiError::TooManySockets(_) | ApiError::CodesHeld { .. } => {
            "M_LIMIT_EXCEEDED"
        }
        ApiError::InsufficientStorage(_) => "M_RESOURCE_LIMIT_EXCEEDED",
        _ => "M_UNKNOWN",
    }
}

/// `err` in the Matrix client-server API's shape: the sentence beside its code, a
/// validation error's first message naming its field, and what the code asks for
/// (`soft_logout` for an unknown token, `retry_after_ms` for a limit).
fn matrix_body(err: &ApiError, detail: String) -> Value {
    let error = match err {
        ApiError::Validation(fields) => fields
            .first()
            .map(|(name, messages)| format!("{name}: {}", messages.join(" ")))
            .unwrap_or(detail),
        _ => detail,
    };
    let mut body = json!({"errcode": matrix_errcode(err), "error": error});
    if matches!(err, ApiError::InvalidToken | ApiError::InvalidJwt { .. }) {
        body["soft_logout"] = Value::Bool(false);
    }
    if let Some(secs) = retry_after(err) {
        body["retry_after_ms"] = Value::from(secs.saturating_mul(1000));
    }
    body
}

/// An error in Slack's words: its code as plain text (what Slack's webhooks answer).
fn slack_error(err: &ApiError) -> Response {
    let status = err.status();
    let code = match status {
        400 => "invalid_payload",
        403 => "action_prohibited",
        404 => "no_service",
        405 => "invalid_method",
        408 => "request_timeout",
        413 => "request_too_large",
        429 => "rate_limited",
        503 => "service_unavailable",
        _ => "internal_error",
    };
    let mut response = text(status, code);
    if let ApiError::MethodNotAllowed { allow, .. } = err {
        if let Ok(allow) = HeaderValue::from_str(allow) {
            response.headers_mut().insert(header::ALLOW, allow);
        }
    }
    if let Some(secs) = retry_after(err) {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}

/// The seconds a client is asked to wait before trying again, for the errors that say.
fn retry_after(err: &ApiError) -> Option<u64> {
    match err {
        ApiError::RateLimited(secs) => Some(*secs),
        ApiError::CodesHeld { wait, .. } => *wait,
        ApiError::Overloaded => Some(1),
        ApiError::BusDown | ApiError::StoreDown => Some(2),
        _ => None,
    }
}

/// A stored file's bytes streamed from disk (never held whole in memory), with its
/// length, type and `Content-Disposition`, and a sandboxing CSP so that a file opened in
/// a browser runs nothing.
pub fn file_download(
    content: tokio::fs::File,
    len: u64,
    content_type: &str,
    disposition: &str,
) -> Response {
    let mut response = warp::Reply::into_response(warp::reply::stream(
        tokio_util::io::ReaderStream::new(content),
    ));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    let content_type = HeaderValue::from_str(content_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    headers.insert(header::CONTENT_TYPE, content_type);
    if let Ok(v) = HeaderValue::from_str(disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    response
}

/// A `text/plain` answer.
pub fn text(status: u16, body: &'static str) -> Response {
    let mut response = Response::new(body.into());
    *response.status_mut() = warp::http::StatusCode::from_u16(status)
        .unwrap_or(warp::http::StatusCode::INTERNAL_SERVER_ERROR);
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// Whether an answer with these headers is JSON (as [`json`] makes them).
pub fn is_json(headers: &warp::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

/// A JSON response.
pub fn json(status: u16, body: &Value) -> Response {
    json_of(status, body)
}

/// A JSON answer written straight from a typed shape, with no `Value` tree built first
/// (for the answers of the hottest routes: building and walking that tree is a copy of
/// every key and string).
pub fn json_of<T: serde::Serialize + ?Sized>(status: u16, body: &T) -> Response {
    let bytes = serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec());
    with_json_body(status, bytes)
}

/// Bytes kept in front of [`ResultsJson`] for the envelope: `count`, and `next` and
/// `previous` links of a few hundred bytes at most.
const ENVELOPE_ROOM: usize = 512;

/// A page's results written as JSON before its envelope is known (the history page writes
/// its messages while it reads them), with room kept in front for the envelope, so the
/// page is sent without copying its results: that copy of a 28 KB page was about 2% of it.
pub struct ResultsJson {
    buf: Vec<u8>,
    count: usize,
}

impl ResultsJson {
    /// No results yet, with room for about `bytes` of them.
    pub fn with_capacity(bytes: usize) -> Self {
        let mut buf = Vec::with_capacity(ENVELOPE_ROOM + bytes + 2);
        buf.resize(ENVELOPE_ROOM, b' ');
        ResultsJson { buf, count: 0 }
    }

    /// Starts the next result: the buffer to append its JSON to.
    pub fn start_result(&mut self) -> &mut Vec<u8> {
        if self.count > 0 {
            self.buf.push(b',');
        }
        self.count += 1;
        &mut self.buf
    }

    /// How many results were started.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The results written, comma-separated.
    #[cfg(test)]
    pub fn written(&self) -> &[u8] {
        &self.buf[ENVELOPE_ROOM..]
    }
}

/// 200 with a page whose results are already JSON. The envelope is written as
/// serde_json writes [`Page`].
pub fn page_written(
    count: i64,
    next: Option<&str>,
    previous: Option<&str>,
    results: ResultsJson,
) -> Response {
    with_json_body(200, page_bytes(count, next, previous, results))
}

/// The body of [`page_written`].
fn page_bytes(
    count: i64,
    next: Option<&str>,
    previous: Option<&str>,
    results: ResultsJson,
) -> Bytes {
    let mut head = Vec::with_capacity(ENVELOPE_ROOM);
    // Numbers and optional strings written into a `Vec` cannot fail.
    head.extend_from_slice(b"{\"count\":");
    let _ = serde_json::to_writer(&mut head, &count);
    head.extend_from_slice(b",\"next\":");
    let _ = serde_json::to_writer(&mut head, &next);
    head.extend_from_slice(b",\"previous\":");
    let _ = serde_json::to_writer(&mut head, &previous);
    head.extend_from_slice(b",\"results\":[");
    let mut buf = results.buf;
    buf.extend_from_slice(b"]}");
    match ENVELOPE_ROOM.checked_sub(head.len()) {
        Some(start) => {
            buf[start..ENVELOPE_ROOM].copy_from_slice(&head);
            Bytes::from(buf).slice(start..)
        }
        None => {
            head.extend_from_slice(&buf[ENVELOPE_ROOM..]);
            Bytes::from(head)
        }
    }
}

/// A response with `bytes` as its JSON body.
fn with_json_body(status: u16, bytes: impl Into<Bytes>) -> Response {
    let mut response = warp::http::Response::new(bytes.into()).into_response();
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// 200 with a JSON body.
pub fn ok(body: Value) -> Response {
    json(200, &body)
}

/// 201 with a JSON body.
pub fn created(body: Value) -> Response {
    json(201, &body)
}

/// 204 with no body.
pub fn no_content() -> Response {
    let mut response = Vec::<u8>::new().into_response();
    *response.status_mut() = StatusCode::NO_CONTENT;
    response
}

/// Adds a cookie; `Secure` when the client speaks HTTPS (to natter or to a trusted proxy).
pub fn set_cookie(req: &Request, response: &mut Response, value: &str) {
    let secure = if req.scheme() == "https" {
        "; Secure"
    } else {
        ""
    };
    if let Ok(v) = HeaderValue::from_str(&format!("{value}{secure}")) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// Adds a browser session's two cookies: `sessionid` (HttpOnly) and `csrftoken`, both
/// living `max_age` seconds, as Django sets them.
pub fn set_session_cookies(
    req: &Request,
    response: &mut Response,
    session_id: &str,
    csrf: &str,
    max_age: i64,
) {
    set_cookie(
        req,
        response,
        &format!("sessionid={session_id}; HttpOnly; Path=/; SameSite=Lax; Max-Age={max_age}"),
    );
    set_cookie(
        req,
        response,
        &format!("csrftoken={csrf}; Path=/; SameSite=Lax; Max-Age={max_age}"),
    );
}

/// 303 to `location` (a path on this server), with no body.
pub fn see_other(location: &str) -> Response {
    let mut response = Vec::<u8>::new().into_response();
    *response.status_mut() = StatusCode::SEE_OTHER;
    if let Ok(v) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Renders an error in a surface's shape, with `WWW-Authenticate` on 401s and `Allow`
/// on 405s.
pub fn error(style: ErrorStyle, err: &ApiError) -> Response {
    if style == ErrorStyle::Slack {
        return slack_error(err);
    }
    let body = error_body(style, err);
    error_response(err, &body)
}

/// As [`error`], with `words` giving each sentence of the body (its `detail`, field
/// errors, `message`, `non_field_errors`...) in the language the request asked for
/// (`None`: that sentence stays as written). Answers the response and whether every
/// sentence of it found its words, so that only an answer wholly in that language is
/// labelled as such. Slack's codes are no sentences: they stay, unlabelled.
pub fn error_worded(
    style: ErrorStyle,
    err: &ApiError,
    words: &dyn Fn(&str) -> Option<String>,
) -> (Response, bool) {
    if style == ErrorStyle::Slack {
        return (slack_error(err), false);
    }
    let mut body = error_body(style, err);
    let whole = word_sentences(&mut body, words);
    (error_response(err, &body), whole)
}

/// Whether a string of an error's body is words for people rather than a code
/// (`token_not_valid`, `access`): every sentence natter or a seed writes has a space.
fn is_sentence(text: &str) -> bool {
    text.contains(char::is_whitespace)
}

/// Replaces each sentence among `value`'s strings (object keys are field names, never
/// sentences) with its `words`; false when one of them has none.
fn word_sentences(value: &mut Value, words: &dyn Fn(&str) -> Option<String>) -> bool {
    match value {
        Value::String(text) if is_sentence(text) => match words(text) {
            Some(worded) => {
                *text = worded;
                true
            }
            None => false,
        },
        Value::Array(items) => every_worded(items.iter_mut(), words),
        Value::Object(map) => every_worded(map.values_mut(), words),
        _ => true,
    }
}

/// [`word_sentences`] over each of `values`, all of them (a sentence without words does
/// not stop the rest from being worded); whether every one found its words.
fn every_worded<'v>(
    values: impl Iterator<Item = &'v mut Value>,
    words: &dyn Fn(&str) -> Option<String>,
) -> bool {
    let mut whole = true;
    for value in values {
        whole &= word_sentences(value, words);
    }
    whole
}

/// An error's JSON body in `style`, in the words natter writes it (English).
fn error_body(style: ErrorStyle, err: &ApiError) -> Value {
    let detail = err.client_text();
    match (err, style) {
        (ApiError::Verbatim { body, .. }, _) => body.clone(),
        (_, ErrorStyle::Matrix) => matrix_body(err, detail),
        (ApiError::CodesHeld { body, .. }, _) => body.clone(),
        (ApiError::InvalidJwt { token_type }, ErrorStyle::Drf | ErrorStyle::Chats) => json!({
            "detail": "Given token not valid for any token type",
            "code": "token_not_valid",
            "messages": [{
                "token_class": if *token_type == "access" { "AccessToken" } else { "RefreshToken" },
                "token_type": token_type,
                "message": "Token is invalid or expired"
            }]
        }),
        (_, ErrorStyle::Rooms) => json!({
            "error": err.code(),
            "message": rooms_message(err, &detail),
            "details": err.field_map().unwrap_or_else(|| json!({})),
        }),
        (ApiError::Internal(_), ErrorStyle::Chats) => json!({"error": "Internal server error"}),
        (ApiError::Validation(_), ErrorStyle::Chats) => json!({
            "error": "Invalid request",
            "details": err.field_map().unwrap_or_else(|| json!({})),
        }),
        (ApiError::BadRequest(_) | ApiError::MalformedBody(_), ErrorStyle::Chats) => json!({
            "error": "Invalid request",
            "details": {"non_field_errors": [detail]},
        }),
        (ApiError::Validation(_), ErrorStyle::Drf) => err.field_map().unwrap_or_else(|| json!({})),
        (ApiError::BadRequest(message), ErrorStyle::Drf) => json!([message]),
        _ => json!({"detail": detail}),
    }
}

/// `body` answered with `err`'s status and headers: `WWW-Authenticate` on 401s, `Allow`
/// on 405s, `Retry-After` where waiting helps.
fn error_response(err: &ApiError, body: &Value) -> Response {
    let status = err.status();
    let mut response = json(status, body);
    if status == 401 {
        let challenge = match err {
            ApiError::InvalidJwt { .. } => "Bearer realm=\"api\"",
            _ => "Token",
        };
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static(challenge),
        );
    }
    if let ApiError::MethodNotAllowed { allow, .. } = err {
        if let Ok(allow) = HeaderValue::from_str(allow) {
            response.headers_mut().insert(header::ALLOW, allow);
        }
    }
    if let Some(secs) = retry_after(err) {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}

fn rooms_message(err: &ApiError, detail: &str) -> String {
    match err {
        ApiError::Validation(_) => "Invalid request data.".into(),
        _ => detail.to_string(),
    }
}

/// Page-number pagination settings read from the query.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    pub page: i64,
    pub size: i64,
}

impl PageRequest {
    /// Reads `page` and `page_size`; a bad or missing size falls back to `default`
    /// and is clamped to `max`. A page that is not a positive integer is `Invalid page.`
    pub fn from_query(req: &Request, default: i64, max: i64) -> Result<PageRequest, ApiError> {
        let page = match req.query_param("page") {
            None => 1,
            Some(p) if p == "last" => i64::MAX,
            Some(p) => match p.trim().parse::<i64>() {
                Ok(n) if n >= 1 => n,
                _ => return Err(ApiError::NotFound("Invalid page.".into())),
            },
        };
        let size = req
            .query_param("page_size")
            .and_then(|s| s.trim().parse::<i64>().ok())
            .filter(|n| *n >= 1)
            .map(|n| n.min(max))
            .unwrap_or(default);
        Ok(PageRequest { page, size })
    }

    /// Rows to skip. (Only used on small, bounded lists or after checking the page exists.)
    pub fn offset(&self) -> i64 {
        (self.page - 1).saturating_mul(self.size)
    }

    /// Checks the page exists for `count` rows (page 1 always exists) and resolves `last`.
    pub fn checked(mut self, count: i64) -> Result<PageRequest, ApiError> {
        let pages = ((count + self.size - 1) / self.size).max(1);
        if self.page == i64::MAX {
            self.page = pages;
        }
        if self.page > pages {
            return Err(ApiError::NotFound("Invalid page.".into()));
        }
        Ok(self)
    }
}

/// The page `asked` names and its rows, read with `read(size, offset)` -> (count, rows).
/// `page=last` is known only once the count is, so its rows are read again then (an
/// offset of "last" finds none).
pub async fn read_page<T, E, F, Fut>(
    asked: PageRequest,
    read: F,
) -> Result<(PageRequest, i64, Vec<T>), ApiError>
where
    F: Fn(i64, i64) -> Fut,
    Fut: std::future::Future<Output = Result<(i64, Vec<T>), E>>,
    ApiError: From<E>,
{
    let (count, rows) = read(asked.size, asked.offset()).await?;
    let page = asked.checked(count)?;
    if page.page == asked.page {
        return Ok((page, count, rows));
    }
    let (count, rows) = read(page.size, page.offset()).await?;
    Ok((page.checked(count)?, count, rows))
}

/// The `{count, next, previous, results}` envelope with absolute links.
pub fn page_envelope(req: &Request, page: PageRequest, count: i64, results: Vec<Value>) -> Value {
    serde_json::to_value(Page::new(req, page, count, results)).unwrap_or(Value::Null)
}

/// DRF's page envelope over typed results, for paths that serialize without `Value`s.
#[derive(serde::Serialize)]
pub struct Page<T> {
    pub count: i64,
    pub next: Option<String>,
    pub previous: Option<String>,
    pub results: Vec<T>,
}

impl<T> Page<T> {
    /// Page `page` of `count` results, with `next`/`previous` links built from the request.
    pub fn new(req: &Request, page: PageRequest, count: i64, results: Vec<T>) -> Self {
        let (next, previous) = page_links(req, page, count);
        Page {
            count,
            next,
            previous,
            results,
        }
    }
}

/// The `next` and `previous` links of page `page` of `count` results.
pub fn page_links(
    req: &Request,
    page: PageRequest,
    count: i64,
) -> (Option<String>, Option<String>) {
    let has_next = page.page.saturating_mul(page.size) < count;
    let next = has_next.then(|| page_link(req, Some(page.page + 1)));
    let previous = (page.page > 1).then(|| {
        page_link(
            req,
            if page.page == 2 {
                None
            } else {
                Some(page.page - 1)
            },
        )
    });
    (next, previous)
}

/// The current URL with `page` replaced (or removed when `None`).
pub fn page_link(req: &Request, page: Option<i64>) -> String {
    with_query(req, &[("page", page.map(|p| p.to_string()))])
}

/// The current URL with some query parameters replaced or removed.
pub fn with_query(req: &Request, changes: &[(&str, Option<String>)]) -> String {
    let mut pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(&req.query).unwrap_or_default();
    for (name, value) in changes {
        pairs.retain(|(k, _)| k != name);
        if let Some(v) = value {
            pairs.push((name.to_string(), v.clone()));
        }
    }
    let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    if query.is_empty() {
        format!("{}{}", req.base_url(), req.path)
    } else {
        format!("{}{}?{}", req.base_url(), req.path, query)
    }
}

/// 200 with no body and the `Allow` header `allow`: Django's plain `View.options` (these
/// are not DRF views).
pub fn allow_only(allow: &str) -> Response {
    let mut response = Vec::<u8>::new().into_response();
    if let Ok(allow) = HeaderValue::from_str(allow) {
        response.headers_mut().insert(header::ALLOW, allow);
    }
    response
}

/// `bytes` as a 200 of `content_type`, revalidated on every use; a page also gets its
/// security headers.
pub fn plain(bytes: Vec<u8>, content_type: &'static str) -> Response {
    let mut response = bytes.into_response();
    *response.status_mut() = StatusCode::OK;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if content_type.starts_with("text/html") {
        page_headers(headers);
    }
    response
}

/// A small HTML page of natter's own (not the web client's) with `status`.
pub fn html_page(status: u16, html: &str) -> Response {
    let mut response = plain(html.as_bytes().to_vec(), "text/html; charset=utf-8");
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    response
}

/// The security headers of every HTML page natter serves (the web client's, and the
/// browsable API's in `api::browsable`).
pub fn page_headers(headers: &mut HeaderMap) {
    // The page may not be framed (clickjacking) nor run scripts from elsewhere; the
    // client keeps its code in /static and writes no inline script or style.
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::CONTENT_SECURITY_POLICY, page_policy().clone());
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
}

/// An origin the web client's scripts may also reach besides this server's: the SFU's API
/// when it is served elsewhere (`--sfu-public-url`), set once at start.
static ALSO_CONNECT_TO: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Lets the web client's scripts reach `url`'s origin too (the SFU's API on another
/// origin than natter's). Called at start, before the first page.
pub fn also_connect_to(url: &str) {
    if let Ok(url) = url::Url::parse(url) {
        let origin = url.origin().ascii_serialization();
        if origin != "null" {
            let _ = ALSO_CONNECT_TO.set(origin);
        }
    }
}

/// The web client's Content-Security-Policy: everything from this server only, images
/// also inline (`data:`), never inside another site's frame. `connect-src 'self'` covers
/// the client's own socket too (CSP level 3 matches `ws:`/`wss:` to the page's own host
/// and port under `'self'`); `ws: wss:` would let a script talk to any socket anywhere.
/// Scripts: this server's files and, by their sha256, the page's two inline scripts (the
/// import map and the guard that reloads a page whose modules are gone), which `build.rs`
/// writes and hashes.
fn page_policy() -> &'static HeaderValue {
    static POLICY: std::sync::OnceLock<HeaderValue> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| {
        let also = ALSO_CONNECT_TO
            .get()
            .map(|o| format!(" {o}"))
            .unwrap_or_default();
        let policy = format!(
            "default-src 'self'; script-src 'self' 'sha256-{IMPORT_MAP_SHA256}' \
             'sha256-{RELOAD_GUARD_SHA256}'; \
             style-src 'self'; img-src 'self' data:; connect-src 'self'{also}; object-src 'none'; \
             base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        );
        HeaderValue::from_str(&policy).unwrap_or_else(|_| {
            HeaderValue::from_static(
                "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
            )
        })
    })
}

include!(concat!(env!("OUT_DIR"), "/import_map_hash.rs"));

/// A picture natter stored and serves itself (a thumbnail, a custom emoji, a link
/// preview's picture): its type as stored (anything unreadable as a header is served as
/// bytes), `cache_control` as the route promises, and a sandbox policy so that the
/// bytes, whoever sent them first, never run as a page of this origin.
pub fn stored_picture(content_type: &str, bytes: Vec<u8>, cache_control: &'static str) -> Response {
    let mut response = Response::new(bytes.into());
    let headers = response.headers_mut();
    let content_type = HeaderValue::from_str(content_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    headers.insert(header::CONTENT_TYPE, content_type);
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A written page is what serde_json writes for the same [`Page`], whether its
    /// envelope fits the room kept for it or not.
    #[test]
    fn page_bytes_match_serde_json_with_short_and_long_links() {
        let long = format!("http://h/x?before=1&q={}", "a\"b".repeat(300));
        for (next, previous) in [
            (None, None),
            (Some("http://h/x?before=9"), None),
            (Some(long.as_str()), Some("http://h/x?page=1")),
        ] {
            for n in [0, 1, 3] {
                let mut results = ResultsJson::with_capacity(0);
                for i in 0..n {
                    results
                        .start_result()
                        .extend_from_slice(format!("{{\"id\":{i}}}").as_bytes());
                }
                let body = page_bytes(n, next, previous, results);
                let expected = serde_json::to_vec(&Page {
                    count: n,
                    next: next.map(str::to_string),
                    previous: previous.map(str::to_string),
                    results: (0..n).map(|i| json!({"id": i})).collect(),
                })
                .expect("a page serializes");
                assert_eq!(&body[..], &expected[..], "next {next:?}, {n} results");
            }
        }
    }
}
