//! NUL characters (`\u0000`) refused in every client text, as DRF's `CharField` refuses
//! them (`ProhibitNullCharactersValidator`): PostgreSQL cannot store one in `text`, so
//! without this a NUL was a 500 there and stored text on SQLite. One check at the edge
//! (bodies, query strings, socket frames, names taken from paths) gives both stores the
//! same 400.

use crate::http::error::{ApiError, ApiResult};
use serde_json::{Map, Value};

/// DRF's message for a NUL in a text field.
pub const MESSAGE: &str = "Null characters are not allowed.";

/// Whether any text in `value` (strings and object keys, at any depth) holds a NUL.
pub fn in_value(value: &Value) -> bool {
    match value {
        Value::String(s) => s.contains('\0'),
        Value::Array(items) => items.iter().any(in_value),
        Value::Object(map) => map.iter().any(|(k, v)| k.contains('\0') || in_value(v)),
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

/// A JSON body or frame: the first field holding a NUL is a 400 on that field.
pub fn refuse_in_object(map: &Map<String, Value>) -> ApiResult<()> {
    match map.iter().find(|(k, v)| k.contains('\0') || in_value(v)) {
        Some((name, _)) => Err(ApiError::field(name, MESSAGE)),
        None => Ok(()),
    }
}

/// Form fields or query parameters (already percent-decoded): the first holding a NUL,
/// in its name or its value, is a 400 on that name.
pub fn refuse_in_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ApiResult<()> {
    for (name, value) in pairs {
        if name.contains('\0') || value.contains('\0') {
            return Err(ApiError::field(name, MESSAGE));
        }
    }
    Ok(())
}

/// A raw query string: its decoded parameters, as [`refuse_in_pairs`] reads them.
pub fn refuse_in_query(query: &str) -> ApiResult<()> {
    // A NUL can only arrive percent-encoded; most queries need no decoding at all.
    if !query.contains("%00") {
        return Ok(());
    }
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    refuse_in_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// Whether a socket frame's JSON text holds a NUL in any string: JSON can only carry
/// one as the escape `\u0000`, so a frame without that text is passed without parsing.
pub fn in_frame(text: &str) -> bool {
    text.contains("\\u0000")
        && serde_json::from_str::<Value>(text)
            .map(|v| in_value(&v))
            .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nul_is_found_at_any_depth_and_in_keys() {
        assert!(in_value(&json!("a\u{0}b")));
        assert!(in_value(&json!({"a": [1, {"b": "\u{0}"}]})));
        assert!(in_value(&json!({"a\u{0}": 1})));
        assert!(!in_value(&json!({"a": ["b", 1, null, true]})));
    }

    #[test]
    fn the_field_named_is_the_one_with_the_nul() {
        let map = json!({"title": "ok", "content": "x\u{0}"});
        let Value::Object(map) = map else {
            unreachable!()
        };
        match refuse_in_object(&map) {
            Err(ApiError::Validation(fields)) => {
                assert_eq!(
                    fields,
                    vec![("content".to_string(), vec![MESSAGE.to_string()])]
                )
            }
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn queries_and_frames() {
        assert!(refuse_in_query("user=%00").is_err());
        assert!(refuse_in_query("a=1&q=x%00y").is_err());
        assert!(refuse_in_query("q=%2500").is_ok());
        assert!(in_frame(r#"{"message": "a\u0000"}"#));
        // A backslash the user typed before `u0000` is text, not a NUL.
        assert!(!in_frame(r#"{"message": "a\\u0000"}"#));
    }
}
