//! A device's own events told back to it with the transaction id it sent them under
//! (`unsigned.transaction_id`), in `/sync` and `/messages`: apps show what they send at
//! once and replace it when the event comes back by that id; without it they show it
//! twice.

use crate::domain::matrix::send;
use crate::http::error::ApiResult;
use crate::state::App;
use serde_json::Value;
use std::collections::HashMap;

/// The message an event id of this surface is about (`$m<id>`, `$e<id>.<ms>`,
/// `$r<id>...`, `$d<id>`).
fn message_in(event: &str) -> Option<i64> {
    let rest = event.strip_prefix('$')?;
    let rest = rest.strip_prefix(['m', 'e', 'r', 'd'])?;
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    rest[..digits].parse().ok()
}

/// The key a transaction is noted under for an event: an edit's is its message's
/// newest (`$e<id>`, what each edit replaces).
fn key_of(event: &str) -> &str {
    match event.strip_prefix("$e") {
        Some(rest) => &event[..2 + rest.find('.').unwrap_or(rest.len())],
        None => event,
    }
}

/// Adds `unsigned.transaction_id` to those of `events` that the device whose token
/// hashes to `device` (empty: no device) sent with one.
pub async fn tell(app: &App, device: &[u8], mut events: Vec<&mut Value>) -> ApiResult<()> {
    if device.is_empty() {
        return Ok(());
    }
    let Some(first) = events
        .iter()
        .filter_map(|e| e["event_id"].as_str().and_then(message_in))
        .min()
    else {
        return Ok(());
    };
    let sent = send::transactions(app, device.to_vec(), first).await?;
    if sent.is_empty() {
        return Ok(());
    }
    let by_event: HashMap<String, String> = sent
        .into_iter()
        .map(|(message, event, txn)| (event.unwrap_or_else(|| format!("$m{message}")), txn))
        .collect();
    for event in events.iter_mut() {
        let txn = event["event_id"]
            .as_str()
            .and_then(|id| by_event.get(key_of(id)));
        if let Some(txn) = txn {
            event["unsigned"]["transaction_id"] = Value::from(txn.clone());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_ids_name_their_message_and_key() {
        assert_eq!(message_in("$m41"), Some(41));
        assert_eq!(message_in("$m41.2"), Some(41));
        assert_eq!(message_in("$e41.1795905670715"), Some(41));
        assert_eq!(message_in("$r41.7.8J-Ygg"), Some(41));
        assert_eq!(message_in("$d41"), Some(41));
        assert_eq!(message_in("$s12.m.room.name"), None);
        assert_eq!(message_in("$m"), None);
        assert_eq!(key_of("$e41.1795905670715"), "$e41");
        assert_eq!(key_of("$e41"), "$e41");
        assert_eq!(key_of("$m41"), "$m41");
    }
}
