//! A request's JSON body as the Matrix API reads it: an object, or an error in its
//! words (`M_NOT_JSON`, `M_BAD_JSON`).

use super::errors::{bad_json, error};
use crate::domain::error::{Error, Problem};
use crate::http::error::ApiResult;
use crate::http::null_chars;
use crate::http::request::Request;
use serde_json::{Map, Value};

/// The body's object; an empty body is an empty object (`/logout` sends none). A NUL
/// (`\u0000`) anywhere in it, in a value or a key at any depth, is 400 `M_BAD_JSON`
/// before anything reads it, as every other surface refuses one: PostgreSQL cannot keep
/// one in text, and no Matrix field natter keeps needs one (an encrypted event's
/// ciphertext, keys and ids are base64 or plain ASCII).
pub fn object(req: &Request) -> ApiResult<Map<String, Value>> {
    if req.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    // JSON carries a NUL only as the escape `\u0000`: a body without it is not walked.
    let may_hold_nul = req.body.windows(6).any(|w| w == b"\\u0000");
    match serde_json::from_slice::<Value>(&req.body) {
        Ok(value) if may_hold_nul && null_chars::in_value(&value) => Err(bad_json(
            "The body holds a NUL character (\\u0000), which no text may hold",
        )),
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

/// `value` of the body's field `name` as natter's `rule` keeps it (a display name's, a
/// room name's or a topic's: their length and printable form, the same on every
/// surface). The rule's refusal is 400 `M_INVALID_PARAM` naming the Matrix field, so an
/// app sees which of its fields was refused and why.
pub fn kept(
    name: &str,
    value: &str,
    rule: impl FnOnce(&str) -> crate::domain::Result<String>,
) -> ApiResult<String> {
    rule(value).map_err(|e| match e {
        Error::Invalid(fields) => {
            let max = fields
                .iter()
                .flat_map(|(_, problems)| problems)
                .find_map(|p| match p {
                    Problem::TooLong { max } => Some(*max),
                    _ => None,
                });
            let words = match max {
                Some(max) => format!("'{name}' may be at most {max} characters long"),
                None => format!("'{name}' is not valid"),
            };
            error(400, "M_INVALID_PARAM", &words)
        }
        other => other.into(),
    })
}
