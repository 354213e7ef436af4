//! One HTTP request as every surface sees it: method, path, query, headers, and the body
//! (already read, within its limit). Who is asking is `routing::caller`'s; what the body's
//! fields mean is `http::fields`'.

use crate::http::error::{ApiError, ApiResult};
use crate::http::forwarded::Client;
use crate::http::null_chars;
use crate::kit::media_type;
use bytes::Bytes;
use serde_json::Value;
use warp::http::{HeaderMap, Method};

// Re-exported so that callers written before the split (the socket codecs) keep their paths.
pub use crate::http::fields::{as_integer, python_type, required, FieldCheck, Fields};

/// A request after its body has been read.
pub struct Request {
    pub method: Method,
    pub path: String,
    pub query: String,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// Who the client is: address, scheme and host, through trusted proxies.
    pub client: Client,
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

    /// The scheme the client used (to natter, or to a trusted proxy in front of it).
    pub fn scheme(&self) -> &'static str {
        if self.client.https {
            "https"
        } else {
            "http"
        }
    }

    /// The base URL the client used, for absolute `next`/`previous` links.
    pub fn base_url(&self) -> String {
        let host = self.client.host.as_deref().unwrap_or("localhost");
        format!("{}://{host}", self.scheme())
    }

    /// The rate-limit key of an anonymous caller: its address, or its /64 for IPv6
    /// ([`crate::ratelimit::network_key`]).
    pub fn client_network(&self) -> String {
        self.client
            .ip
            .map(crate::ratelimit::network_key)
            .unwrap_or_else(|| "unknown".into())
    }

    /// The body as fields: a JSON object, or a form (whose keys may repeat). An empty
    /// body has no fields. Any JSON other than an object is DRF's 400.
    pub fn fields(&self) -> ApiResult<Fields> {
        let content_type = self.header("content-type").unwrap_or("");
        if self.body.iter().all(|b| b.is_ascii_whitespace()) {
            return Ok(Fields::empty());
        }
        if media_type::is_form(content_type) {
            let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&self.body)
                .map_err(|e| ApiError::MalformedBody(e.to_string()))?;
            null_chars::refuse_in_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
            return Ok(Fields::form(pairs));
        }
        if !(content_type.trim().is_empty() || media_type::is_json(content_type)) {
            let head = content_type.split(';').next().unwrap_or("");
            let shown = media_type::essence(head).unwrap_or_else(|| head.trim().to_string());
            return Err(ApiError::UnsupportedMediaType(shown));
        }
        let message = match serde_json::from_slice::<Value>(&self.body) {
            Ok(Value::Object(map)) => {
                null_chars::refuse_in_object(&map)?;
                return Ok(Fields::json(map));
            }
            Ok(Value::Null) => "No data provided".to_string(),
            Ok(other) => format!(
                "Invalid data. Expected a dictionary, but got {}.",
                python_type(&other)
            ),
            Err(e) => return Err(ApiError::MalformedBody(e.to_string())),
        };
        Err(ApiError::Validation(vec![(
            "non_field_errors".into(),
            vec![message],
        )]))
    }
}
