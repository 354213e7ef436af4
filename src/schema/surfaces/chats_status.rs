//! The descriptions of natter's statuses and quiet hours (`surfaces::chats::status`),
//! answered in the chats surface's shapes beside the web client's other routes.

use crate::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "chats";

/// The named schemas of statuses, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![
        (
            "ChatsStatus",
            json!({
                "description": "natter's: what shows beside a person's name. `emoji` and `text` are the person's own (empty when none) until `expires_at`; `in_call` and `away` are set by natter (away: no activity on any device for the server's `--away-after`, or the person chose to appear away) and never replace the person's words.",
                "type": "object",
                "required": ["emoji", "text", "expires_at", "in_call", "away"],
                "properties": {
                    "emoji": string(),
                    "text": string(),
                    "expires_at": nullable(datetime()),
                    "in_call": boolean(),
                    "away": boolean()
                }
            }),
        ),
        (
            "ChatsPresence",
            json!({
                "description": "natter's: a person as others see them: status (null: nothing shows), whether they are in quiet hours or paused now (`quiet`: they get no push, mail or ringing), their IANA time zone and the time there.",
                "type": "object",
                "required": ["user_id", "status", "quiet", "time_zone", "local_time", "quiet_changes_at"],
                "properties": {
                    "user_id": id(),
                    "status": nullable(r("ChatsStatus")),
                    "quiet": boolean(),
                    "time_zone": nullable(string()),
                    "local_time": nullable(json!({ "type": "string", "description": "HH:MM in the person's zone." })),
                    "quiet_changes_at": nullable(json!({ "type": "string", "format": "date-time", "description": "When `quiet` next flips by the clock (a pause ending, quiet hours starting or ending); null when not within a week." }))
                }
            }),
        ),
    ]
}

fn own_status() -> Value {
    json!({
        "allOf": [r("ChatsStatus")],
        "type": "object",
        "required": ["appear_away"],
        "properties": { "appear_away": boolean() }
    })
}

fn quiet_settings() -> Value {
    object(
        &[
            "time_zone",
            "local_time",
            "quiet_hours",
            "paused_until",
            "quiet",
        ],
        json!({
            "time_zone": nullable(string()),
            "local_time": nullable(string()),
            "quiet_hours": list(quiet_range()),
            "paused_until": nullable(datetime()),
            "quiet": boolean()
        }),
    )
}

fn quiet_range() -> Value {
    json!({
        "type": "object",
        "description": "From `start` to `end` (HH:MM, wall-clock time in the person's zone) on `day`; an `end` at or before `start` runs past midnight into the next day.",
        "required": ["day", "start", "end"],
        "properties": {
            "day": { "type": "string", "enum": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] },
            "start": string(),
            "end": string()
        }
    })
}

/// `/messages/api/me/status/`.
pub fn my_status() -> Doc {
    let body = json!({
        "type": "object",
        "properties": {
            "emoji": string(),
            "text": { "type": "string", "maxLength": 100 },
            "expires_at": { "type": ["string", "null"], "format": "date-time", "description": "When the status clears itself (RFC 3339 with its offset); null or absent: when cleared." },
            "duration": { "type": "integer", "description": "Seconds from now until the status clears itself (instead of `expires_at`)." },
            "appear_away": boolean()
        }
    });
    http(
        TAG,
        vec![
            get("The caller's status (natter's)").ok(200, own_status()),
            put("Set the caller's status (natter's): `emoji` and/or `text` with an optional end, and/or `appear_away`; everyone's `/messages/ws/` gets a `status` frame")
                .body(body.clone())
                .ok(200, own_status())
                .err(400, "Nothing to set, a text over 100 characters, an end that is not a later time, or a status over a year."),
            patch("As PUT (natter's)")
                .body(body)
                .ok(200, own_status())
                .err(400, "As PUT."),
            delete("Clear the caller's status words (natter's); `appear_away` stays")
                .empty(204),
        ],
    )
}

/// `/messages/api/me/quiet-hours/`.
pub fn my_quiet_hours() -> Doc {
    let body = json!({
        "type": "object",
        "properties": {
            "time_zone": { "type": "string", "description": "An IANA name, e.g. Europe/Berlin." },
            "quiet_hours": list(quiet_range()),
            "paused_until": { "type": ["string", "null"], "format": "date-time", "description": "Pause notifications until then; null resumes them." },
            "pause_minutes": { "type": "integer", "description": "Pause notifications for this many minutes from now (1 to 44,640)." }
        }
    });
    http(
        TAG,
        vec![
            get("The caller's time zone, quiet hours and pause (natter's)").ok(200, quiet_settings()),
            put("Set any of the caller's time zone, quiet hours and pause (natter's); what is left out stays. While quiet, no Web Push, missed-message mail or ringing reaches the caller; messages still arrive and count as unread")
                .body(body.clone())
                .ok(200, quiet_settings())
                .err(400, "An unknown time zone, a range that does not read, or nothing to set."),
            patch("As PUT (natter's)")
                .body(body)
                .ok(200, quiet_settings())
                .err(400, "As PUT."),
        ],
    )
}

/// `/messages/api/statuses/`.
pub fn statuses() -> Doc {
    http(
        TAG,
        vec![get("Everyone with a status, a call, a quiet mark or a known time zone (natter's); someone not listed shows only as away").ok(
            200,
            object(
                &["away_after_seconds", "results"],
                json!({ "away_after_seconds": integer(), "results": list(r("ChatsPresence")) }),
            ),
        )],
    )
}

/// `/messages/api/statuses/{user_id}/`.
pub fn user_status() -> Doc {
    http(
        TAG,
        vec![get("One person's status, quiet mark and local time (natter's)")
            .query("at", json!({ "type": "string", "format": "date-time", "description": "Read the quiet mark and local time at this time (RFC 3339) instead of now: whether they will be quiet then." }))
            .ok(200, r("ChatsPresence"))
            .err(404, "No such active person.")],
    )
}
