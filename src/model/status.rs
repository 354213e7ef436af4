//! A person's status as others see it: the words and emoji they set, with when they
//! clear, and what natter sets by itself (in a call, away). Plain data, so the hub can
//! carry it to other nodes inside `Event::StatusChanged`.

use serde::{Deserialize, Serialize};

/// What shows beside a person's name. `emoji` and `text` are theirs (both empty when
/// they set none); `in_call` and `away` are natter's and never overwrite theirs: a
/// client shows their own words first and the call or away mark beside them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusView {
    pub emoji: String,
    pub text: String,
    /// When their words clear themselves (unix milliseconds); `None`: when they clear
    /// them.
    pub ends_at: Option<i64>,
    /// In a call now, on any node.
    pub in_call: bool,
    /// No activity on any device for the server's `--away-after`, or they chose to
    /// appear away.
    pub away: bool,
}

impl StatusView {
    /// Whether there is nothing to show (the key is then `null`).
    pub fn is_empty(&self) -> bool {
        self.emoji.is_empty() && self.text.is_empty() && !self.in_call && !self.away
    }
}

/// A status as every view of a person shows it, on the chats surface and natter's own
/// API alike (`null` when nothing shows): one shape wherever a name is listed.
pub fn json(status: Option<&StatusView>) -> serde_json::Value {
    match status {
        None => serde_json::Value::Null,
        Some(s) => serde_json::json!({
            "emoji": s.emoji, "text": s.text,
            "expires_at": s.ends_at.and_then(|ms| chrono::DateTime::from_timestamp_millis(ms)
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))),
            "in_call": s.in_call, "away": s.away,
        }),
    }
}
