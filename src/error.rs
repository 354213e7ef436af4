//! The one error type of natter. Domain code returns it with `?`; each surface renders
//! it in its own documented shape (see `api::render`).

use serde_json::{Map, Value};
use warp::http::Method;

/// Field name -> messages, in the order the fields were checked.
pub type FieldErrors = Vec<(String, Vec<String>)>;

/// Everything that can go wrong while serving a request or a socket frame.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No credentials at all (401).
    #[error("Authentication credentials were not provided.")]
    Unauthenticated,
    /// A `Token` key or session that is not (or no longer) valid (401).
    #[error("Invalid token.")]
    InvalidToken,
    /// A JWT that is malformed, expired, or of the wrong type (401, simplejwt's body).
    #[error("Given token not valid for any token type")]
    InvalidJwt { token_type: &'static str },
    /// Login with wrong credentials (401). The message is the surface's own.
    #[error("{0}")]
    BadCredentials(String),
    /// A session-authenticated unsafe request without a matching CSRF token (403).
    #[error("CSRF Failed: {0}")]
    Csrf(&'static str),
    /// Known user, forbidden action (403).
    #[error("{0}")]
    Forbidden(String),
    /// Missing, or someone else's private thing (404).
    #[error("{0}")]
    NotFound(String),
    /// Per-field validation errors (400).
    #[error("invalid input")]
    Validation(FieldErrors),
    /// A 400 with a single non-field message.
    #[error("{0}")]
    BadRequest(String),
    /// The rooms surface's `room_full` (400).
    #[error("Room has reached its maximum number of participants.")]
    RoomFull,
    /// Body not parseable (400).
    #[error("JSON parse error - {0}")]
    MalformedBody(String),
    /// Wrong method for an existing path (405); `allow` is the path's `Allow` header,
    /// as DRF writes it (`GET, POST, HEAD, OPTIONS`).
    #[error("Method \"{method}\" not allowed.")]
    MethodNotAllowed { method: String, allow: String },
    /// Body or upload over its limit (413).
    #[error("Request body is too large.")]
    PayloadTooLarge,
    /// A content type the endpoint does not read (415).
    #[error("Unsupported media type \"{0}\" in request.")]
    UnsupportedMediaType(String),
    /// Rate limit reached (429); seconds until the window frees up.
    #[error("Request was throttled. Expected available in {0} seconds.")]
    RateLimited(u64),
    /// A request body that stopped arriving (408), as nginx's `client_body_timeout`.
    #[error("The request body stopped arriving.")]
    BodyTimeout,
    /// A user already holds as many open sockets as allowed (429): a cap, not a rate.
    #[error("Too many open sockets for this user (at most {0}); close one first.")]
    TooManySockets(u64),
    /// Every reader is busy and the queue of reads is full (503, `Retry-After`).
    #[error("The server is busy; try again in a moment.")]
    Overloaded,
    /// A seed-specific error whose exact body upstream clients expect, sent verbatim.
    #[error("{status}")]
    Verbatim { status: u16, body: Value },
    /// Our fault (500). The detail is logged, never sent.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// A 400 on one field.
    pub fn field(name: &str, message: impl Into<String>) -> Self {
        ApiError::Validation(vec![(name.to_string(), vec![message.into()])])
    }

    /// A 404 with DRF's generic text.
    pub fn not_found() -> Self {
        ApiError::NotFound("Not found.".into())
    }

    /// A 403 with DRF's generic text.
    pub fn forbidden() -> Self {
        ApiError::Forbidden("You do not have permission to perform this action.".into())
    }

    /// A 405 for `method` on a path that accepts `accepted` (HEAD and OPTIONS implied).
    pub fn method_not_allowed(method: &Method, accepted: &[Method]) -> Self {
        ApiError::MethodNotAllowed {
            method: method.to_string(),
            allow: allow_header(accepted),
        }
    }

    /// A body sent exactly as given.
    pub fn verbatim(status: u16, body: Value) -> Self {
        ApiError::Verbatim { status, body }
    }

    /// The HTTP status of this error.
    pub fn status(&self) -> u16 {
        match self {
            ApiError::Unauthenticated
            | ApiError::InvalidToken
            | ApiError::InvalidJwt { .. }
            | ApiError::BadCredentials(_) => 401,
            ApiError::Csrf(_) | ApiError::Forbidden(_) => 403,
            ApiError::NotFound(_) => 404,
            ApiError::Validation(_)
            | ApiError::BadRequest(_)
            | ApiError::RoomFull
            | ApiError::MalformedBody(_) => 400,
            ApiError::MethodNotAllowed { .. } => 405,
            ApiError::BodyTimeout => 408,
            ApiError::PayloadTooLarge => 413,
            ApiError::UnsupportedMediaType(_) => 415,
            ApiError::RateLimited(_) | ApiError::TooManySockets(_) => 429,
            ApiError::Overloaded => 503,
            ApiError::Verbatim { status, .. } => *status,
            ApiError::Internal(_) => 500,
        }
    }

    /// The rooms surface's machine-readable code for this error.
    pub fn code(&self) -> &'static str {
        match self.status() {
            401 => "authentication_required",
            403 => "permission_denied",
            404 => "not_found",
            405 => "method_not_allowed",
            408 => "request_timeout",
            413 => "payload_too_large",
            415 => "unsupported_media_type",
            429 => "rate_limited",
            500 => "internal_error",
            503 => "service_unavailable",
            _ if matches!(self, ApiError::RoomFull) => "room_full",
            _ => "validation_error",
        }
    }

    /// DRF's `{field: [messages]}` object, for validation errors; `None` for others.
    pub fn field_map(&self) -> Option<Value> {
        match self {
            ApiError::Validation(fields) => {
                let mut map = Map::new();
                for (name, messages) in fields {
                    map.insert(name.clone(), Value::from(messages.clone()));
                }
                Some(Value::Object(map))
            }
            _ => None,
        }
    }
}

/// The `Allow` header of a path that accepts `accepted`, as Django writes it: the
/// methods in `http_method_names` order, HEAD wherever GET is, and always OPTIONS.
pub fn allow_header(accepted: &[Method]) -> String {
    let order = [
        Method::GET,
        Method::POST,
        Method::PUT,
        Method::PATCH,
        Method::DELETE,
        Method::HEAD,
    ];
    let head = accepted.contains(&Method::GET);
    let mut names: Vec<&str> = order
        .iter()
        .filter(|m| accepted.contains(m) || (**m == Method::HEAD && head))
        .map(Method::as_str)
        .collect();
    names.push("OPTIONS");
    names.join(", ")
}

impl From<crate::store::StoreError> for ApiError {
    fn from(e: crate::store::StoreError) -> Self {
        match e {
            crate::store::StoreError::Busy => ApiError::Overloaded,
            crate::store::StoreError::Internal(m) => ApiError::Internal(m),
        }
    }
}

impl From<std::io::Error> for ApiError {
    fn from(e: std::io::Error) -> Self {
        ApiError::Internal(format!("io: {e}"))
    }
}

/// Result alias used across natter.
pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::allow_header;
    use warp::http::Method;

    #[test]
    fn allow_is_written_in_djangos_order_with_head_beside_get() {
        assert_eq!(allow_header(&[Method::POST]), "POST, OPTIONS");
        assert_eq!(
            allow_header(&[Method::DELETE, Method::GET, Method::PATCH, Method::PUT]),
            "GET, PUT, PATCH, DELETE, HEAD, OPTIONS"
        );
        assert_eq!(
            allow_header(&[Method::GET, Method::HEAD]),
            "GET, HEAD, OPTIONS"
        );
    }
}
