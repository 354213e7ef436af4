//! A Slack export's JSON files as plain records, read one record at a time so that a
//! malformed one is named by its file and its place (`channels.json: record 3: missing
//! field `id``), never a panic. Pure: the command reads the zip, this reads its bytes.

use serde::Deserialize;
use serde_json::Value;
use std::fmt;

/// Why an export cannot be read: a sentence naming the file and the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportError(pub String);

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExportError {}

/// One person of `users.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct SlackUser {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub real_name: Option<String>,
    #[serde(default)]
    pub deleted: bool,
    #[serde(default)]
    pub is_bot: bool,
    #[serde(default)]
    pub team_id: Option<String>,
    #[serde(default)]
    pub profile: Option<Profile>,
}

/// The part of a Slack profile the import reads.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Profile {
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub real_name: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
}

impl SlackUser {
    /// The address on the Slack profile ("" when none).
    pub fn email(&self) -> &str {
        self.profile
            .as_ref()
            .and_then(|p| p.email.as_deref())
            .unwrap_or("")
    }

    /// The name people saw: the real name, else the display name, else "".
    pub fn shown_name(&self) -> &str {
        let profile = self.profile.as_ref();
        [
            self.real_name.as_deref(),
            profile.and_then(|p| p.real_name.as_deref()),
            profile.and_then(|p| p.display_name.as_deref()),
        ]
        .into_iter()
        .flatten()
        .find(|n| !n.trim().is_empty())
        .unwrap_or("")
    }
}

/// Which list a conversation came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatSort {
    /// `channels.json`: public channels.
    Public,
    /// `groups.json`: private channels.
    Private,
    /// `dms.json`: one-to-one direct messages.
    Direct,
    /// `mpims.json`: group direct messages.
    Multi,
}

/// One conversation of `channels.json`, `groups.json`, `dms.json` or `mpims.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct SlackChat {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub members: Option<Vec<String>>,
    #[serde(default)]
    pub creator: Option<String>,
    #[serde(default)]
    pub topic: Option<Titled>,
    #[serde(default)]
    pub purpose: Option<Titled>,
    /// Slack's `is_general`: the workspace's general channel, which everyone is in.
    #[serde(default)]
    pub is_general: bool,
    /// Slack's `pins`: the conversation's pinned messages.
    #[serde(default)]
    pub pins: Option<Vec<SlackPin>>,
    #[serde(skip, default = "public")]
    pub sort: ChatSort,
}

fn public() -> ChatSort {
    ChatSort::Public
}

/// One pin of a conversation: `{"id": ts, "type": "C", "created": secs, "user": U}`.
#[derive(Debug, Clone, Deserialize)]
pub struct SlackPin {
    /// The pinned message's `ts`.
    pub id: String,
    /// Who pinned it.
    #[serde(default)]
    pub user: Option<String>,
    /// When, in Unix seconds.
    #[serde(default)]
    pub created: Option<i64>,
}

/// A topic or purpose: `{"value": "..."}`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Titled {
    #[serde(default)]
    pub value: Option<String>,
}

impl SlackChat {
    /// The folder of the export its days are in: the name, or the id for a DM.
    pub fn folder(&self) -> &str {
        match (&self.sort, &self.name) {
            (ChatSort::Direct, _) | (_, None) => &self.id,
            (_, Some(name)) => name,
        }
    }

    /// The topic as natter keeps one: a line of at most 250 characters ("" for none).
    pub fn topic(&self) -> String {
        let value = self
            .topic
            .as_ref()
            .and_then(|t| t.value.clone())
            .unwrap_or_default();
        let line = value.split_whitespace().collect::<Vec<_>>().join(" ");
        line.chars().take(250).collect()
    }

    /// Purpose and topic as one description.
    pub fn description(&self) -> String {
        let value = |t: &Option<Titled>| {
            t.as_ref()
                .and_then(|t| t.value.clone())
                .unwrap_or_default()
                .trim()
                .to_string()
        };
        let (purpose, topic) = (value(&self.purpose), value(&self.topic));
        match (purpose.is_empty(), topic.is_empty()) {
            (false, false) if purpose != topic => format!("{purpose}\n\nTopic: {topic}"),
            (false, _) => purpose,
            (true, false) => topic,
            (true, true) => String::new(),
        }
    }
}

/// One message of a channel's day file.
#[derive(Debug, Clone, Deserialize)]
pub struct SlackMessage {
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub subtype: Option<String>,
    #[serde(default)]
    pub user: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    pub ts: String,
    #[serde(default)]
    pub thread_ts: Option<String>,
    #[serde(default)]
    pub edited: Option<Edited>,
    #[serde(default)]
    pub reactions: Option<Vec<Reaction>>,
    #[serde(default)]
    pub bot_id: Option<String>,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub bot_profile: Option<BotProfile>,
    #[serde(default)]
    pub files: Option<Vec<Value>>,
    /// The conversations the message is pinned in (Slack's `pinned_to`).
    #[serde(default)]
    pub pinned_to: Option<Vec<String>>,
    /// `ts` as natter stores a time (filled in by [`parse_day`]).
    #[serde(skip)]
    pub at: String,
    /// `edited.ts` as natter stores a time, when the message was edited.
    #[serde(skip)]
    pub edited_at: Option<String>,
}

/// `edited: {user, ts}`.
#[derive(Debug, Clone, Deserialize)]
pub struct Edited {
    #[serde(default)]
    pub ts: Option<String>,
}

/// `reactions: [{name, users}]`.
#[derive(Debug, Clone, Deserialize)]
pub struct Reaction {
    pub name: String,
    #[serde(default)]
    pub users: Option<Vec<String>>,
}

/// `bot_profile: {name}`.
#[derive(Debug, Clone, Deserialize)]
pub struct BotProfile {
    #[serde(default)]
    pub name: Option<String>,
}

/// The records of a JSON array file, each read on its own so a bad one is named.
fn records<T: for<'de> Deserialize<'de>>(file: &str, bytes: &[u8]) -> Result<Vec<T>, ExportError> {
    let values: Vec<Value> = serde_json::from_slice(bytes)
        .map_err(|e| ExportError(format!("{file}: not a JSON array of records ({e})")))?;
    values
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            serde_json::from_value(v)
                .map_err(|e| ExportError(format!("{file}: record {}: {e}", i + 1)))
        })
        .collect()
}

/// `users.json`.
pub fn parse_users(file: &str, bytes: &[u8]) -> Result<Vec<SlackUser>, ExportError> {
    records(file, bytes)
}

/// `channels.json`, `groups.json`, `dms.json` or `mpims.json`, as `sort`.
pub fn parse_chats(
    file: &str,
    bytes: &[u8],
    sort: ChatSort,
) -> Result<Vec<SlackChat>, ExportError> {
    let mut chats: Vec<SlackChat> = records(file, bytes)?;
    for chat in &mut chats {
        chat.sort = sort;
    }
    Ok(chats)
}

/// One user group of `usergroups.json` (exports of Slack's paid plans).
#[derive(Debug, Clone, Deserialize)]
pub struct SlackUserGroup {
    pub id: String,
    pub handle: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// When it was disabled (0 or none: it is in use).
    #[serde(default)]
    pub date_delete: Option<i64>,
    #[serde(default)]
    pub users: Vec<String>,
}

/// `usergroups.json`.
pub fn parse_user_groups(file: &str, bytes: &[u8]) -> Result<Vec<SlackUserGroup>, ExportError> {
    records(file, bytes)
}

/// A day file (`general/2024-01-02.json`), its messages in time order, each with its
/// times read.
pub fn parse_day(file: &str, bytes: &[u8]) -> Result<Vec<SlackMessage>, ExportError> {
    let mut messages: Vec<SlackMessage> = records(file, bytes)?;
    for (i, m) in messages.iter_mut().enumerate() {
        m.at = slack_time(&m.ts).ok_or_else(|| {
            ExportError(format!(
                "{file}: record {}: ts {:?} is not a Slack time (seconds.microseconds)",
                i + 1,
                m.ts
            ))
        })?;
        m.edited_at = m
            .edited
            .as_ref()
            .and_then(|e| e.ts.as_deref())
            .and_then(slack_time);
    }
    // Numbers as Slack writes them: sorting on the time also sorts on `ts`.
    messages.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.ts.cmp(&b.ts)));
    Ok(messages)
}

/// Slack's `ts` (`1700000000.123456`, seconds and microseconds since 1970) as natter
/// writes a time (`2023-11-14T22:13:20.123456Z`).
pub fn slack_time(ts: &str) -> Option<String> {
    let (secs, frac) = ts.split_once('.').unwrap_or((ts, ""));
    if secs.is_empty() || !secs.bytes().all(|b| b.is_ascii_digit()) || frac.len() > 9 {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secs: i64 = secs.parse().ok()?;
    let nanos: u32 = format!("{frac:0<9}").parse().ok()?;
    let at = chrono::DateTime::from_timestamp(secs, nanos)?;
    Some(at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slack_times_read_as_natter_writes_them() {
        assert_eq!(
            slack_time("1700000000.123456").as_deref(),
            Some("2023-11-14T22:13:20.123456Z")
        );
        assert_eq!(
            slack_time("1700000000").as_deref(),
            Some("2023-11-14T22:13:20.000000Z")
        );
        assert_eq!(slack_time("17x.1"), None);
        assert_eq!(slack_time(""), None);
        assert_eq!(slack_time("-5.0"), None);
    }

    #[test]
    fn a_bad_record_is_named_by_file_and_place() {
        let err =
            parse_day("general/2024-01-02.json", br#"[{"ts":"1.0"},{"text":"x"}]"#).unwrap_err();
        assert!(err
            .0
            .starts_with("general/2024-01-02.json: record 2: missing field `ts`"));
        let err = parse_users("users.json", b"{").unwrap_err();
        assert!(err.0.starts_with("users.json: not a JSON array"));
    }
}
