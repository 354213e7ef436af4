//! Where people are: each person's status (an emoji and a short text they set, with an
//! optional end), what natter sets by itself (in a call, away after `--away-after`
//! without activity on any device, or their own "appear away"), their time zone
//! (`zone.rs`) and their quiet hours and pause (`quiet.rs`). The sweep that clears
//! ended statuses and tells who went away is a background loop
//! (`domain::background::statuses`).
//!
//! Every change is told live as `Event::StatusChanged`, queued with `tx.publish` in the
//! write that makes it, so every node's sockets hear it once. An ended status is also
//! left out on every read, so nobody sees it during the moment before the sweep.

pub mod quiet;
pub mod zone;

use crate::domain::error::{Error, Problem, Result};
use crate::hub::Published;
use crate::model::events::Event;
use crate::model::status::StatusView;
use crate::state::App;
use crate::store::people::status::{self as stored, StatusRow};
use crate::store::{self, Conn, Tx};
use std::collections::{HashMap, HashSet};

/// A status text's most characters.
pub const TEXT_CHARS: usize = 100;

/// A status emoji's most characters (a flag or a family is several code points; a
/// custom emoji is `:name:`).
pub const EMOJI_CHARS: usize = 40;

/// The longest a status may be set for: a year.
pub const LONGEST_MS: i64 = 366 * 24 * 3600 * 1000;

/// Someone as others see them: their status, whether they are quiet now, their zone
/// and the time there.
#[derive(Debug, Clone)]
pub struct Presence {
    pub user_id: i64,
    pub status: Option<StatusView>,
    pub quiet: bool,
    pub time_zone: Option<String>,
    pub local_time: Option<String>,
    /// When `quiet` next flips by the clock (unix ms), if within a week.
    pub quiet_changes_at: Option<i64>,
}

/// One's own settings: the status as others see it, "appear away", the zone, the
/// quiet ranges and the pause.
#[derive(Debug, Clone)]
pub struct Own {
    pub presence: Presence,
    pub appear_away: bool,
    pub quiet_hours: Vec<quiet::Range>,
    pub paused_until: Option<i64>,
}

/// What a person asks to set as their status.
#[derive(Debug, Clone, Default)]
pub struct Asked {
    /// The words, when given: `(emoji, text, ends_at)`.
    pub words: Option<(String, String, Option<i64>)>,
    pub appear_away: Option<bool>,
}

/// A status emoji as asked, read without the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Emoji {
    /// None given.
    None,
    /// One standard emoji (skin tones and joined sequences included), as stored.
    Standard(String),
    /// `:name:` of a custom emoji (the name, lower case): it must exist when it is set.
    Custom(String),
}

impl Emoji {
    /// What is stored: the emoji itself, `:name:`, or nothing.
    fn stored(&self) -> String {
        match self {
            Emoji::None => String::new(),
            Emoji::Standard(e) => e.clone(),
            Emoji::Custom(name) => format!(":{name}:"),
        }
    }
}

/// The words of a status as they are kept: the emoji, the text on one line, the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    pub emoji: Emoji,
    pub text: String,
    pub ends_at: Option<i64>,
}

fn not_one_emoji() -> Error {
    Error::field(
        "emoji",
        Problem::Worded("Give one emoji or a :custom_emoji:."),
    )
}

/// Reads a status emoji: exactly one standard emoji, a standard `:shortcode:` (kept as
/// its emoji, as Slack's `:palm_tree:` shows 🌴), or `:name:` of a custom emoji; nothing
/// else (several emoji, words, markup, direction overrides) is one emoji.
pub fn read_emoji(raw: &str) -> Result<Emoji> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(Emoji::None);
    }
    if raw.chars().count() > EMOJI_CHARS {
        return Err(not_one_emoji());
    }
    if emojis::get(raw).is_some() {
        return Ok(Emoji::Standard(raw.to_string()));
    }
    let name = raw
        .strip_prefix(':')
        .and_then(|r| r.strip_suffix(':'))
        .map(str::to_ascii_lowercase)
        .filter(|n| {
            !n.is_empty()
                && n.chars().all(|c| {
                    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '+')
                })
        })
        .ok_or_else(not_one_emoji)?;
    Ok(match emojis::get_by_shortcode(&name) {
        Some(emoji) => Emoji::Standard(emoji.as_str().to_string()),
        None => Emoji::Custom(name),
    })
}

/// Checks the words of a status and when they end; the words as they are kept (the
/// text on one line without control characters or direction controls:
/// `kit::printable::one_line`, as link previews' titles are).
pub fn check_words(emoji: &str, text: &str, ends_at: Option<i64>, now: i64) -> Result<Words> {
    let emoji = read_emoji(emoji)?;
    let text = crate::kit::printable::one_line(text).trim().to_string();
    if emoji == Emoji::None && text.is_empty() {
        return Err(Error::field(
            "text",
            Problem::Worded("Give an emoji or a text (DELETE clears the status)."),
        ));
    }
    if text.chars().count() > TEXT_CHARS {
        return Err(Error::field("text", Problem::TooLong { max: TEXT_CHARS }));
    }
    match ends_at {
        Some(end) if end <= now => Err(Error::field(
            "expires_at",
            Problem::Worded("The end must be later than now."),
        )),
        Some(end) if end - now > LONGEST_MS => Err(Error::field(
            "expires_at",
            Problem::Worded("A status lasts a year at most."),
        )),
        _ => Ok(Words {
            emoji,
            text,
            ends_at,
        }),
    }
}

/// The view others see from a row (ended words left out), whether they are in a call,
/// and whether they are away by `away_before` (activity before it is too old).
fn view(row: Option<&StatusRow>, in_call: bool, now: i64, away_before: i64) -> Option<StatusView> {
    let mut v = StatusView {
        in_call,
        ..StatusView::default()
    };
    match row {
        Some(r) => {
            if r.ends_at.is_none_or(|end| end > now) {
                v.emoji = r.emoji.clone();
                v.text = r.text.clone();
                v.ends_at = r.ends_at;
            }
            v.away = r.appear_away || r.active_at < away_before;
        }
        // Never seen active since statuses exist: away until they are.
        None => v.away = true,
    }
    (!v.is_empty()).then_some(v)
}

fn away_before(app: &App, now: i64) -> i64 {
    now - app.config.away_after.as_millis() as i64
}

/// The presence of each of `ids`, read on `c`.
pub fn presence_of(c: &Conn, app: &App, ids: &[i64]) -> Result<HashMap<i64, Presence>> {
    presence_at(c, app, ids, crate::kit::clock::now_ms())
}

/// The presence of each of `ids` with quiet hours and local time read at `now` (unix
/// ms): "will they be quiet at nine?".
fn presence_at(c: &Conn, app: &App, ids: &[i64], now: i64) -> Result<HashMap<i64, Presence>> {
    let rows: HashMap<i64, StatusRow> = stored::of_many(c, ids)?
        .into_iter()
        .map(|r| (r.user_id, r))
        .collect();
    let calling: HashSet<i64> = stored::in_call(c, ids)?.into_iter().collect();
    let before = away_before(app, now);
    Ok(ids
        .iter()
        .map(|id| {
            let row = rows.get(id);
            (*id, presence(row, *id, calling.contains(id), now, before))
        })
        .collect())
}

fn presence(
    row: Option<&StatusRow>,
    user_id: i64,
    in_call: bool,
    now: i64,
    before: i64,
) -> Presence {
    let zone = row.and_then(|r| r.time_zone.clone());
    Presence {
        user_id,
        status: view(row, in_call, now, before),
        quiet: row.is_some_and(|r| {
            quiet::is_quiet(
                &quiet::from_stored(&r.quiet_hours),
                r.time_zone.as_deref(),
                r.paused_until,
                now,
            )
        }),
        quiet_changes_at: row.and_then(|r| {
            quiet::next_change(
                &quiet::from_stored(&r.quiet_hours),
                r.time_zone.as_deref(),
                r.paused_until,
                now,
            )
        }),
        local_time: zone.as_deref().and_then(|z| quiet::local_time(z, now)),
        time_zone: zone,
    }
}

/// Everyone with something to show (a status, a call, away, quiet, a known zone): what
/// the web client reads once and then keeps up to date from the socket. People with no
/// row are away and have nothing else: the client treats a missing person so.
pub async fn everyone(app: &App) -> Result<Vec<Presence>> {
    let app2 = app.clone();
    app.db
        .read(move |c| {
            let ids: Vec<i64> = stored::all(c)?.into_iter().map(|r| r.user_id).collect();
            let mut found = presence_of(c, &app2, &ids)?;
            Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
        })
        .await
}

/// The presence of each of `ids` (anyone, active or not: the caller already chose whom
/// it shows).
pub async fn of_many(app: &App, ids: Vec<i64>) -> Result<HashMap<i64, Presence>> {
    let app2 = app.clone();
    app.db.read(move |c| presence_of(c, &app2, &ids)).await
}

/// One person's presence (an active account; else not found), with their quiet mark
/// and local time at `at` (unix ms) when given, else now.
pub async fn of(app: &App, user_id: i64, at: Option<i64>) -> Result<Presence> {
    let app2 = app.clone();
    app.db
        .read(move |c| {
            match store::people::users::by_id(c, user_id)? {
                Some(u) if u.is_active => {}
                _ => return Err(Error::NotFound(crate::domain::error::Missing::User)),
            }
            let now = at.unwrap_or_else(crate::kit::clock::now_ms);
            presence_at(c, &app2, &[user_id], now)?
                .remove(&user_id)
                .ok_or(Error::NotFound(crate::domain::error::Missing::User))
        })
        .await
}

fn own_on(c: &Conn, app: &App, user_id: i64) -> Result<Own> {
    let row = stored::of(c, user_id)?;
    let presence = presence_of(c, app, &[user_id])?
        .remove(&user_id)
        .ok_or(Error::NotFound(crate::domain::error::Missing::User))?;
    Ok(Own {
        presence,
        appear_away: row.as_ref().is_some_and(|r| r.appear_away),
        quiet_hours: row
            .as_ref()
            .map(|r| quiet::from_stored(&r.quiet_hours))
            .unwrap_or_default(),
        paused_until: row
            .and_then(|r| r.paused_until)
            .filter(|until| *until > crate::kit::clock::now_ms()),
    })
}

/// One's own status and settings.
pub async fn own(app: &App, me: i64) -> Result<Own> {
    let app2 = app.clone();
    app.db.read(move |c| own_on(c, &app2, me)).await
}

/// Queues the live frame of `user_id`'s status as it now is, for everyone.
pub fn tell(c: &Tx, app: &App, user_id: i64) -> Result<()> {
    let status = presence_of(c, app, &[user_id])?
        .remove(&user_id)
        .and_then(|p| p.status);
    let everyone = stored::everyone(c)?;
    c.publish(Published::new(
        0,
        everyone.into(),
        Event::StatusChanged { user_id, status },
    ));
    Ok(())
}

/// Queues the live frame of `user_id`'s quiet mark as `presence` shows it, for
/// everyone: a pause begun or ended, or quiet hours or a zone changed. The flips by the
/// clock that follow are not told: the frame says when the next one is.
fn tell_quiet(c: &Tx, user_id: i64, presence: &Presence) -> Result<()> {
    let everyone = stored::everyone(c)?;
    c.publish(Published::new(
        0,
        everyone.into(),
        Event::QuietChanged {
            user_id,
            quiet: presence.quiet,
            changes_at: presence.quiet_changes_at,
            time_zone: presence.time_zone.clone(),
        },
    ));
    Ok(())
}

/// Sets one's status words and/or "appear away"; told live.
pub async fn set(app: &App, me: i64, asked: Asked) -> Result<Own> {
    let now = crate::kit::clock::now_ms();
    let words = match &asked.words {
        Some((emoji, text, ends_at)) => Some(check_words(emoji, text, *ends_at, now)?),
        None => None,
    };
    if words.is_none() && asked.appear_away.is_none() {
        return Err(Error::field("text", Problem::Required));
    }
    let app2 = app.clone();
    app.db
        .write(move |c| {
            if let Some(words) = &words {
                if let Emoji::Custom(name) = &words.emoji {
                    if store::custom_emoji::by_name(c, name)?.is_none() {
                        return Err(Error::field(
                            "emoji",
                            Problem::Worded("No custom emoji has that name."),
                        ));
                    }
                }
                stored::set(c, me, &words.emoji.stored(), &words.text, words.ends_at)?;
            }
            if let Some(on) = asked.appear_away {
                stored::set_appear_away(c, me, on)?;
            }
            // Setting one's status is activity.
            stored::touch_active(c, me, now)?;
            tell(c, &app2, me)?;
            own_on(c, &app2, me)
        })
        .await
}

/// Clears one's status words (not "appear away"); told live.
pub async fn clear(app: &App, me: i64) -> Result<()> {
    let app2 = app.clone();
    app.db
        .write(move |c| {
            stored::set(c, me, "", "", None)?;
            tell(c, &app2, me)
        })
        .await
}

/// Notes activity of `user_id` (a socket opened, an `active` frame); when they had been
/// told away, everyone is told they are back.
pub async fn active(app: &App, user_id: i64) -> Result<()> {
    noted_active(app, user_id, false).await
}

/// Notes activity of `user_id` in a Matrix app: as [`active`], and someone seen for
/// the first time is told too. Matrix apps show presence only from what they are told
/// (natter's own client learns of a newcomer from their socket opening).
pub async fn active_in_matrix_app(app: &App, user_id: i64) -> Result<()> {
    noted_active(app, user_id, true).await
}

/// Notes activity of `user_id`; tells everyone when they had been told away, or, with
/// `tell_newcomer`, when they were never seen before.
async fn noted_active(app: &App, user_id: i64, tell_newcomer: bool) -> Result<()> {
    let now = crate::kit::clock::now_ms();
    let app2 = app.clone();
    app.db
        .write(move |c| {
            let newcomer = tell_newcomer && stored::never_active(c, user_id)?;
            if stored::touch_active(c, user_id, now)? || newcomer {
                tell(c, &app2, user_id)?;
            }
            Ok(())
        })
        .await
}

/// Tells everyone `user_id`'s status again: the calls code calls it as someone joins
/// or leaves a call, after the call's record says so.
pub async fn retell(app: &App, user_id: i64) -> Result<()> {
    let app2 = app.clone();
    app.db.write(move |c| tell(c, &app2, user_id)).await
}

/// What one asks to change in their zone, quiet hours and pause (`None`: unchanged;
/// `Some(None)` for the pause: ended).
#[derive(Debug, Clone, Default)]
pub struct QuietAsked {
    pub time_zone: Option<String>,
    pub quiet_hours: Option<Vec<quiet::Range>>,
    pub paused_until: Option<Option<i64>>,
}

/// Sets one's zone, quiet hours and pause.
pub async fn set_quiet(app: &App, me: i64, asked: QuietAsked) -> Result<Own> {
    let zone = match &asked.time_zone {
        Some(name) => Some(zone::check(name)?),
        None => None,
    };
    let app2 = app.clone();
    app.db
        .write(move |c| {
            if let Some(zone) = &zone {
                stored::set_time_zone(c, me, zone)?;
            }
            if let Some(ranges) = &asked.quiet_hours {
                let text = match ranges.is_empty() {
                    true => String::new(),
                    false => quiet::to_json(ranges).to_string(),
                };
                stored::set_quiet_hours(c, me, &text)?;
            }
            if let Some(until) = asked.paused_until {
                stored::set_paused_until(c, me, until)?;
            }
            let own = own_on(c, &app2, me)?;
            tell_quiet(c, me, &own.presence)?;
            Ok(own)
        })
        .await
}

/// The longest a reminder is held for someone quiet with no end in sight (quiet hours
/// around the clock every day): the look-ahead of `quiet::next_change`.
const LONGEST_HOLD_MS: i64 = 8 * 24 * 3600 * 1000;

/// When `user_id`'s quiet time ends, if they are quiet at `now_ms` (`None`: not quiet):
/// what they are owed then (a saved message's reminder) is pushed and mailed at that
/// time, as Slack delivers what do-not-disturb held back.
pub fn quiet_ends(c: &Conn, user_id: i64, now_ms: i64) -> Result<Option<i64>> {
    let Some(r) = stored::of_many(c, &[user_id])?.into_iter().next() else {
        return Ok(None);
    };
    let ranges = quiet::from_stored(&r.quiet_hours);
    let zone = r.time_zone.as_deref();
    if !quiet::is_quiet(&ranges, zone, r.paused_until, now_ms) {
        return Ok(None);
    }
    Ok(Some(
        quiet::next_change(&ranges, zone, r.paused_until, now_ms)
            .unwrap_or(now_ms + LONGEST_HOLD_MS),
    ))
}

/// Which of `ids` are quiet at `now_ms`: the push planner and the missed-message mail
/// leave them out (their messages still arrive and count as unread).
pub fn quiet_among(c: &Conn, ids: &[i64], now_ms: i64) -> Result<HashSet<i64>> {
    Ok(stored::of_many(c, ids)?
        .into_iter()
        .filter(|r| {
            quiet::is_quiet(
                &quiet::from_stored(&r.quiet_hours),
                r.time_zone.as_deref(),
                r.paused_until,
                now_ms,
            )
        })
        .map(|r| r.user_id)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ended_status_reads_as_none_while_a_call_still_shows() {
        let row = StatusRow {
            user_id: 1,
            emoji: "🌴".into(),
            text: "Away".into(),
            ends_at: Some(1_000),
            active_at: 5_000,
            ..StatusRow::default()
        };
        assert_eq!(view(Some(&row), false, 1_000, 0), None);
        let live = view(Some(&row), false, 999, 0).expect("shown");
        assert_eq!((live.emoji.as_str(), live.away), ("🌴", false));
        let calling = view(Some(&row), true, 2_000, 0).expect("shown");
        assert!(calling.in_call && calling.text.is_empty());
        // Active before the bound: away.
        assert!(view(Some(&row), false, 2_000, 6_000).expect("shown").away);
    }

    #[test]
    fn words_are_checked() {
        assert!(check_words("", "", None, 0).is_err());
        assert!(check_words("🌴", &"x".repeat(101), None, 0).is_err());
        assert!(check_words("🌴", "", Some(10), 10).is_err());
        assert!(check_words("🌴", "", Some(LONGEST_MS + 11), 10).is_err());
        assert!(check_words("🌴", "On holiday", Some(11), 10).is_ok());
        assert!(check_words(":shipit:", "", None, 0).is_ok());
    }

    #[test]
    fn a_status_emoji_is_exactly_one_emoji_or_a_name() {
        let standard = |e: &str| Ok(Emoji::Standard(e.to_string()));
        assert_eq!(read_emoji(" 🌴 "), standard("🌴"));
        assert_eq!(read_emoji("👍🏽"), standard("👍🏽"));
        assert_eq!(read_emoji("👨‍👩‍👧‍👦"), standard("👨‍👩‍👧‍👦"));
        assert_eq!(read_emoji("🇩🇪"), standard("🇩🇪"));
        assert_eq!(read_emoji(":palm_tree:"), standard("🌴"));
        assert_eq!(read_emoji(":ShipIt:"), Ok(Emoji::Custom("shipit".into())));
        assert_eq!(read_emoji(""), Ok(Emoji::None));
        for refused in [
            "🌴🌴",
            "hello",
            "a",
            "\u{202e}🌴",
            "🌴\u{202e}",
            "<b>🌴</b>",
            ":a b:",
            "::",
            ":🌴:",
            "\u{1b}[31m",
        ] {
            assert!(read_emoji(refused).is_err(), "{refused}");
        }
        let words = check_words("", "Out \u{202e}today\u{1b}[2J\n!", None, 0).expect("words");
        assert_eq!(words.text, "Out today[2J !");
        assert!(check_words("", "\u{202e}\u{1b}", None, 0).is_err());
    }
}
