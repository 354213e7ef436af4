//! A request's JSON body as the Matrix API reads it: an object, or an error in its
//! words (`M_NOT_JSON`, `M_BAD_JSON`).

use super::errors::{bad_json, error};
use crate::http::error::ApiResult;
use crate::http::request::Request;
use serde_json::{Map, Value};

/// The body's object; an empty body is an empty object (`/logout` sends none).
pub fn object(req: &Request) -> ApiResult<Map<String, Value>> {
    if req.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(&req.body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(bad_json("The body must be a JSON object")),
        Err(_) => Err(error(400, "M_NOT_JSON", "The body is not JSON")),
    }
}

/// The string field `name`: absent or `null` is `None`, another type an error.
pub fn string(body: &Map<String, Value>, name: &str) -> ApiResult<Option<String>> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(bad_json(&format!("'{name}' must be a string"))),
    }
}
