//! The Matrix errors the surface words itself; the rest are natter's errors in the
//! Matrix shape (`http::reply::matrix_errcode`).

use crate::http::error::ApiError;
use serde_json::json;

/// `{"errcode": code, "error": text}` with `status`.
pub fn error(status: u16, errcode: &str, text: &str) -> ApiError {
    ApiError::verbatim(status, json!({"errcode": errcode, "error": text}))
}

/// A path natter does not serve (404), or a method it does not take there (405).
pub fn unrecognized(status: u16) -> ApiError {
    error(status, "M_UNRECOGNIZED", "Unrecognized request")
}

/// A body field missing or of the wrong type.
pub fn bad_json(text: &str) -> ApiError {
    error(400, "M_BAD_JSON", text)
}

/// Something the caller may not do.
pub fn forbidden(text: &str) -> ApiError {
    error(403, "M_FORBIDDEN", text)
}

/// Something that does not exist, or that the caller may not know of.
pub fn not_found(text: &str) -> ApiError {
    error(404, "M_NOT_FOUND", text)
}
