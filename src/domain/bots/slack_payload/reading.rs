//! What the payload's parts share while reading one: how a Slack user id becomes a
//! person's name, and a list Slack may send either as JSON or as JSON in a string.

use serde_json::Value;

/// Maps a Slack user id or name to a natter username, where known.
pub(super) type Lookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The array in `v`, or in the JSON string `v` holds (form-style senders send
/// `attachments` and `blocks` as JSON text); anything else is empty.
pub(super) fn array(v: Option<&Value>) -> Vec<Value> {
    match v {
        Some(Value::Array(a)) => a.clone(),
        Some(Value::String(s)) => match serde_json::from_str(s) {
            Ok(Value::Array(a)) => a,
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}
