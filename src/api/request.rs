//! One HTTP request as every surface sees it: method, path, query, headers, the body
//! (already read, within its limit), and who is asking.

use crate::app::App;
use crate::domain::auth::{self, Credential};
use crate::error::{ApiError, ApiResult};
use crate::store::users::User;
use bytes::Bytes;
use rusqlite::Connection;
use serde_json::{Map, Value};
use std::net::SocketAddr;
use warp::http::{HeaderMap, Method};

/// A request after its body has been read.
pub struct Request {
    pub method: Method,
    pub path: String,
    pub query: String,
    pub headers: HeaderMap,
    pub body: Bytes,
    pub remote: Option<SocketAddr>,
}

impl Request {
    /// Path segments without empty ones: `/a/b/` -> `["a", "b"]`.
    pub fn segments(&self) -> Vec<&str> {
        self.path.split('/').filter(|s| !s.is_empty()).collect()
    }

    /// The first value of a query parameter, percent-decoded.
    pub fn query_param(&self, name: &str) -> Option<String> {
        form_urlencoded::parse(self.query.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// A cookie's value.
    pub fn cookie(&self, name: &str) -> Option<String> {
        for header in self.headers.get_all("cookie") {
            let Ok(text) = header.to_str() else { continue };
            for pair in text.split(';') {
                if let Some((k, v)) = pair.trim().split_once('=') {
                    if k == name {
                        return Some(v.to_string());
                    }
                }
            }
        }
        None
    }

    /// Whether the method changes state (and so needs CSRF under session auth).
    pub fn is_unsafe(&self) -> bool {
        !matches!(
            self.method,
            Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
        )
    }

    /// The base URL the client used, for absolute `next`/`previous` links.
    pub fn base_url(&self) -> String {
        let host = self
            .header("host")
            .filter(|h| {
                h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
            })
            .unwrap_or("localhost");
        format!("http://{host}")
    }

    /// The rate-limit key of an anonymous caller.
    pub fn client_ip(&self) -> String {
        self.remote
            .map(|a| a.ip().to_string())
            .unwrap_or_else(|| "unknown".into())
    }

    /// The body as a field map: JSON object, or a form. An empty body is an empty map.
    pub fn fields(&self) -> ApiResult<Fields> {
        let content_type = self
            .header("content-type")
            .unwrap_or("")
            .to_ascii_lowercase();
        if self.body.iter().all(|b| b.is_ascii_whitespace()) {
            return Ok(Fields(Map::new()));
        }
        if content_type.starts_with("application/x-www-form-urlencoded") {
            let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&self.body)
                .map_err(|e| ApiError::MalformedBody(e.to_string()))?;
            let mut map = Map::new();
            for (k, v) in pairs {
                match map.get_mut(&k) {
                    Some(Value::Array(list)) => list.push(Value::String(v)),
                    Some(existing) => {
                        let first = existing.take();
                        *existing = Value::Array(vec![first, Value::String(v)]);
                    }
                    None => {
                        map.insert(k, Value::String(v));
                    }
                }
            }
            return Ok(Fields(map));
        }
        if !(content_type.is_empty()
            || content_type.starts_with("application/json")
            || content_type.contains("+json"))
        {
            let shown = content_type
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_string();
            return Err(ApiError::UnsupportedMediaType(shown));
        }
        match serde_json::from_slice::<Value>(&self.body) {
            Ok(Value::Object(map)) => Ok(Fields(map)),
            Ok(_) => Err(ApiError::Validation(vec![(
                "non_field_errors".into(),
                vec!["Invalid data. Expected a dictionary, but got a different type.".into()],
            )])),
            Err(e) => Err(ApiError::MalformedBody(e.to_string())),
        }
    }

    /// What the request presents as its identity, read without the database. A
    /// malformed or invalid `Authorization` header is an error even where anonymous use
    /// is allowed (as DRF does); no credential at all is `None`.
    fn credential(&self, app: &App) -> ApiResult<Option<Credential>> {
        if let Some(value) = self.header("authorization") {
            let mut parts = value.split_whitespace();
            let scheme = parts.next().unwrap_or("").to_ascii_lowercase();
            let credential = parts.next();
            let extra = parts.next();
            match scheme.as_str() {
                "token" => {
                    let (Some(key), None) = (credential, extra) else {
                        return Err(ApiError::InvalidToken);
                    };
                    return Ok(Some(Credential::Token(auth::digest(key))));
                }
                "bearer" => {
                    let claims = match (credential, extra) {
                        (Some(token), None) => auth::decode_jwt(&app.jwt_secret, token, "access"),
                        _ => None,
                    };
                    return match claims {
                        Some(claims) => Ok(Some(Credential::AccessJwt(claims.user_id))),
                        None => Err(ApiError::InvalidJwt {
                            token_type: "access",
                        }),
                    };
                }
                _ => {}
            }
        }
        Ok(self
            .cookie("sessionid")
            .map(|id| Credential::Session(auth::digest(&id))))
    }

    /// What an unsafe request with a session must prove (`None` for safe methods).
    fn csrf_check(&self) -> Option<CsrfCheck> {
        self.is_unsafe().then(|| CsrfCheck {
            cookie: self.cookie("csrftoken"),
            header: self.header("x-csrftoken").map(str::to_string),
        })
    }

    /// Who is asking: `None` for anonymous; an error for a bad token or JWT, or a session
    /// request that fails its CSRF check.
    pub async fn identify(&self, app: &App) -> ApiResult<Option<User>> {
        let Some(credential) = self.credential(app)? else {
            return Ok(None);
        };
        let found = auth::user_for(app, credential.clone()).await?;
        settle(&credential, found, self.csrf_check().as_ref())
    }

    /// The signed-in caller and `f` run in one database read: one trip to the blocking
    /// pool instead of two, for the hottest reads (history pages). Anonymous is a 401.
    pub async fn read_as_user<T, F>(&self, app: &App, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection, &User) -> ApiResult<T> + Send + 'static,
    {
        app.db.read(self.as_user(app, f)?).await
    }

    /// The signed-in caller and `f` run in one write job: one thread hop instead of two
    /// (a reader thread, then the writer) for the hottest write, sending a message over REST.
    /// Anonymous is a 401; a refused caller writes nothing.
    pub async fn write_as_user<T, F>(&self, app: &App, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection, &User) -> ApiResult<T> + Send + 'static,
    {
        app.db.write(self.as_user(app, f)?).await
    }

    /// `f` behind this request's credentials, to run on a database connection.
    fn as_user<T, F>(
        &self,
        app: &App,
        f: F,
    ) -> ApiResult<impl FnOnce(&Connection) -> ApiResult<T> + Send + 'static>
    where
        F: FnOnce(&Connection, &User) -> ApiResult<T> + Send + 'static,
    {
        let Some(credential) = self.credential(app)? else {
            return Err(ApiError::Unauthenticated);
        };
        let csrf = self.csrf_check();
        Ok(move |c: &Connection| {
            let found = auth::user_for_credential(c, &credential)?;
            let me = settle(&credential, found, csrf.as_ref())?.ok_or(ApiError::Unauthenticated)?;
            f(c, &me)
        })
    }

    /// Like `identify`, but anonymous is a 401.
    pub async fn user(&self, app: &App) -> ApiResult<User> {
        self.identify(app).await?.ok_or(ApiError::Unauthenticated)
    }

    /// Socket upgrades also accept `?token=` (a DRF key or an access JWT).
    pub async fn socket_user(&self, app: &App) -> ApiResult<User> {
        if let Some(token) = self.query_param("token") {
            let credential = if token.contains('.') {
                let claims = auth::decode_jwt(&app.jwt_secret, &token, "access")
                    .ok_or(ApiError::InvalidToken)?;
                Credential::AccessJwt(claims.user_id)
            } else {
                Credential::Token(auth::digest(&token))
            };
            return auth::user_for(app, credential)
                .await?
                .map(|(user, _)| user)
                .ok_or(ApiError::InvalidToken);
        }
        self.user(app).await
    }
}

/// The CSRF proof an unsafe request carries: Django's double-submit cookie and header.
struct CsrfCheck {
    cookie: Option<String>,
    header: Option<String>,
}

impl CsrfCheck {
    /// Header and cookie must be equal, and equal to the session's own secret.
    fn verify(&self, secret: &str) -> ApiResult<()> {
        let cookie = self
            .cookie
            .as_deref()
            .ok_or(ApiError::Csrf("CSRF cookie not set."))?;
        let header = self
            .header
            .as_deref()
            .ok_or(ApiError::Csrf("CSRF token missing."))?;
        if auth::secure_eq(header, cookie) && auth::secure_eq(cookie, secret) {
            Ok(())
        } else {
            Err(ApiError::Csrf("CSRF token incorrect."))
        }
    }
}

/// Turns what a credential resolved to into the caller: an unknown token or JWT user is
/// an error, an unknown session is anonymous, and a session must pass `csrf` if given.
fn settle(
    credential: &Credential,
    found: Option<(User, Option<String>)>,
    csrf: Option<&CsrfCheck>,
) -> ApiResult<Option<User>> {
    match (credential, found) {
        (Credential::Token(_), None) => Err(ApiError::InvalidToken),
        (Credential::AccessJwt(_), None) => Err(ApiError::InvalidJwt {
            token_type: "access",
        }),
        (Credential::Session(_), None) => Ok(None),
        (_, Some((user, session_secret))) => {
            if let (Some(secret), Some(check)) = (session_secret, csrf) {
                check.verify(&secret)?;
            }
            Ok(Some(user))
        }
    }
}

/// A numeric id from the path; anything else is 404 (the thing cannot exist).
pub fn path_id(raw: &str) -> ApiResult<i64> {
    raw.parse().map_err(|_| ApiError::not_found())
}

/// A request body as named fields, with DRF-style readers.
pub struct Fields(pub Map<String, Value>);

impl Fields {
    /// The raw value of a field.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name).filter(|v| !v.is_null())
    }

    /// Whether the field is present (even if null).
    pub fn has(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// A string field; numbers and booleans are accepted as their text, as DRF's CharField does.
    pub fn string(&self, name: &str) -> ApiResult<Option<String>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(Value::Bool(b)) => Ok(Some(if *b { "True".into() } else { "False".into() })),
            Some(_) => Err(ApiError::field(name, "Not a valid string.")),
        }
    }

    /// A required, non-blank string field (trimmed).
    pub fn required_string(&self, name: &str) -> ApiResult<String> {
        match self.string(name)? {
            None => Err(ApiError::field(name, "This field is required.")),
            Some(s) if s.trim().is_empty() => {
                Err(ApiError::field(name, "This field may not be blank."))
            }
            Some(s) => Ok(s.trim().to_string()),
        }
    }

    /// An integer field; numeric strings are accepted, as DRF's IntegerField does.
    pub fn integer(&self, name: &str) -> ApiResult<Option<i64>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => as_integer(v)
                .map(Some)
                .ok_or_else(|| ApiError::field(name, "A valid integer is required.")),
        }
    }

    /// A boolean field (`true`/`false`, `1`/`0`, "true"/"false").
    pub fn boolean(&self, name: &str) -> ApiResult<Option<bool>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(Value::Number(n)) if n.as_i64() == Some(1) => Ok(Some(true)),
            Some(Value::Number(n)) if n.as_i64() == Some(0) => Ok(Some(false)),
            Some(Value::String(s)) => match s.to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" | "on" => Ok(Some(true)),
                "false" | "0" | "no" | "off" => Ok(Some(false)),
                _ => Err(ApiError::field(name, "Must be a valid boolean.")),
            },
            Some(_) => Err(ApiError::field(name, "Must be a valid boolean.")),
        }
    }

    /// File ids to attach to a message: `attachment_ids`, or the seed's `attachments`.
    pub fn attachment_ids(&self) -> ApiResult<Vec<i64>> {
        match self.integer_list("attachment_ids")? {
            Some(ids) => Ok(ids),
            None => Ok(self.integer_list("attachments")?.unwrap_or_default()),
        }
    }

    /// A new message's `content` (empty when absent) and attachment ids: at least one of
    /// the two is required.
    pub fn message_body(&self) -> ApiResult<(String, Vec<i64>)> {
        let content = self.string("content")?;
        let attachments = self.attachment_ids()?;
        if content.is_none() && attachments.is_empty() {
            return Err(ApiError::field("content", "This field is required."));
        }
        Ok((content.unwrap_or_default(), attachments))
    }

    /// A list of integers (a JSON array, or a repeated form field).
    pub fn integer_list(&self, name: &str) -> ApiResult<Option<Vec<i64>>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(as_integer)
                .collect::<Option<Vec<i64>>>()
                .map(Some)
                .ok_or_else(|| ApiError::field(name, "A valid integer is required.")),
            Some(single) => as_integer(single).map(|n| Some(vec![n])).ok_or_else(|| {
                ApiError::field(name, "Expected a list of items but got type \"str\".")
            }),
        }
    }
}

/// An integer from a JSON number or numeric string.
pub fn as_integer(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9e15)
                .map(|f| f as i64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}
