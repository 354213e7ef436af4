//! Quiet hours: ranges of wall-clock time per weekday in the person's own time zone,
//! and "pause until". Whether someone is quiet at an instant is computed with jiff from
//! the zone's rules, so a range of 22:00-07:00 stays 22:00-07:00 on the clock across a
//! daylight-saving change (it is then an hour shorter or longer in UTC).

use crate::domain::error::{Error, Problem, Result};
use jiff::civil::Weekday;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde_json::{json, Value};

/// The days as the API names them, Monday first.
pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// At most this many ranges (a few per day is plenty; the bound keeps the row small).
pub const MAX_RANGES: usize = 28;

/// One quiet range: from `start` on `day` to `end` (minutes after midnight, local). An
/// `end` at or before `start` runs past midnight into the next day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// 0 = Monday ... 6 = Sunday.
    pub day: u8,
    pub start: u16,
    pub end: u16,
}

fn minutes(field: &'static str, text: &str) -> Result<u16> {
    let bad = || {
        Error::field(
            field,
            Problem::Worded("Give times as HH:MM, from 00:00 to 23:59."),
        )
    };
    let (h, m) = text.split_once(':').ok_or_else(bad)?;
    if h.len() != 2 || m.len() != 2 {
        return Err(bad());
    }
    let h: u16 = h.parse().map_err(|_| bad())?;
    let m: u16 = m.parse().map_err(|_| bad())?;
    if h > 23 || m > 59 {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Reads the API's list of `{"day", "start", "end"}` (`null` or `[]` for none).
pub fn parse(value: &Value) -> Result<Vec<Range>> {
    const FIELD: &str = "quiet_hours";
    let items = match value {
        Value::Null => return Ok(Vec::new()),
        Value::Array(items) => items,
        _ => {
            return Err(Error::field(
                FIELD,
                Problem::Worded("Give a list of {\"day\", \"start\", \"end\"} ranges."),
            ))
        }
    };
    if items.len() > MAX_RANGES {
        return Err(Error::field(
            FIELD,
            Problem::Worded("At most 28 quiet ranges."),
        ));
    }
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let text = |key: &str| item.get(key).and_then(Value::as_str).unwrap_or_default();
        let day = DAYS.iter().position(|d| *d == text("day")).ok_or_else(|| {
            Error::field(
                FIELD,
                Problem::Worded("Each range needs a day: mon, tue, wed, thu, fri, sat or sun."),
            )
        })?;
        let start = minutes(FIELD, text("start"))?;
        let end = minutes(FIELD, text("end"))?;
        if start == end {
            return Err(Error::field(
                FIELD,
                Problem::Worded("A quiet range must end at another time than it starts."),
            ));
        }
        out.push(Range {
            day: day as u8,
            start,
            end,
        });
    }
    Ok(out)
}

/// The ranges as the API and the store write them.
pub fn to_json(ranges: &[Range]) -> Value {
    Value::Array(
        ranges
            .iter()
            .map(|r| json!({"day": DAYS[r.day as usize], "start": clock(r.start), "end": clock(r.end)}))
            .collect(),
    )
}

/// The stored text back into ranges; a row that does not read (never written by this
/// code) counts as none rather than failing every push.
pub fn from_stored(text: &str) -> Vec<Range> {
    if text.is_empty() {
        return Vec::new();
    }
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| parse(&v).ok())
        .unwrap_or_default()
}

fn day_index(w: Weekday) -> u8 {
    w.to_monday_zero_offset() as u8
}

/// Whether `now` falls in one of `ranges`, read in `zone`.
pub fn in_ranges(ranges: &[Range], zone: &TimeZone, now: Timestamp) -> bool {
    if ranges.is_empty() {
        return false;
    }
    let local = now.to_zoned(zone.clone());
    let today = day_index(local.weekday());
    let yesterday = (today + 6) % 7;
    let t = local.hour() as u16 * 60 + local.minute() as u16;
    ranges.iter().any(|r| {
        if r.start < r.end {
            r.day == today && r.start <= t && t < r.end
        } else {
            (r.day == today && t >= r.start) || (r.day == yesterday && t < r.end)
        }
    })
}

/// The zone a person's hours are read in: theirs, else UTC.
pub fn zone_of(name: Option<&str>) -> TimeZone {
    name.and_then(|n| TimeZone::get(n).ok())
        .unwrap_or(TimeZone::UTC)
}

/// Whether someone with these settings is quiet at `now_ms` (unix ms): paused until a
/// later time, or inside one of their ranges.
pub fn is_quiet(
    ranges: &[Range],
    zone: Option<&str>,
    paused_until: Option<i64>,
    now_ms: i64,
) -> bool {
    if paused_until.is_some_and(|until| until > now_ms) {
        return true;
    }
    match Timestamp::from_millisecond(now_ms) {
        Ok(now) => in_ranges(ranges, &zone_of(zone), now),
        Err(_) => false,
    }
}

/// How far ahead [`next_change`] looks: a week of ranges repeats after seven days, so
/// a mark that does not flip within eight never does by the clock.
const LOOK_AHEAD_DAYS: i64 = 8;

/// When someone with these settings next becomes quiet or stops being quiet after
/// `now_ms` (unix ms): the pause's end or a range's start or end, read in their zone,
/// the first of them at which [`is_quiet`] answers otherwise than now. `None` when
/// nothing flips within [`LOOK_AHEAD_DAYS`]. Clients set a timer on it instead of
/// asking again and again.
pub fn next_change(
    ranges: &[Range],
    zone: Option<&str>,
    paused_until: Option<i64>,
    now_ms: i64,
) -> Option<i64> {
    let quiet_now = is_quiet(ranges, zone, paused_until, now_ms);
    let mut candidates: Vec<i64> = paused_until.filter(|t| *t > now_ms).into_iter().collect();
    if !ranges.is_empty() {
        let tz = zone_of(zone);
        let today = Timestamp::from_millisecond(now_ms)
            .ok()?
            .to_zoned(tz.clone())
            .date();
        // From yesterday (a night range that started then ends today) to the last day.
        for offset in -1..=LOOK_AHEAD_DAYS {
            let Ok(date) = today.checked_add(jiff::Span::new().days(offset)) else {
                continue;
            };
            let day = day_index(date.weekday());
            for r in ranges.iter().filter(|r| r.day == day) {
                let end_date = match r.end <= r.start {
                    true => date.tomorrow().ok(),
                    false => Some(date),
                };
                let points = [(Some(date), r.start), (end_date, r.end)];
                for (on, minutes) in points {
                    let at = on.and_then(|d| {
                        d.at((minutes / 60) as i8, (minutes % 60) as i8, 0, 0)
                            .to_zoned(tz.clone())
                            .ok()
                    });
                    if let Some(at) = at {
                        let ms = at.timestamp().as_millisecond();
                        if ms > now_ms {
                            candidates.push(ms);
                        }
                    }
                }
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    candidates
        .into_iter()
        .find(|at| is_quiet(ranges, zone, paused_until, *at) != quiet_now)
}

/// The wall-clock time (`HH:MM`) at `now_ms` in `zone`.
pub fn local_time(zone: &str, now_ms: i64) -> Option<String> {
    let tz = TimeZone::get(zone).ok()?;
    let now = Timestamp::from_millisecond(now_ms).ok()?;
    let local = now.to_zoned(tz);
    Some(format!("{:02}:{:02}", local.hour(), local.minute()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("an instant")
    }

    fn berlin() -> TimeZone {
        TimeZone::get("Europe/Berlin").expect("the system's zoneinfo has Europe/Berlin")
    }

    /// Saturday night 22:00 to Sunday 07:00, Berlin: the night the clocks go forward
    /// (2026-03-29, 02:00 -> 03:00) it ends at 05:00 UTC, a winter night at 06:00 UTC.
    #[test]
    fn a_night_range_keeps_its_clock_times_across_the_change_to_summer_time() {
        let ranges = parse(&json!([{"day": "sat", "start": "22:00", "end": "07:00"}])).unwrap();
        let tz = berlin();
        // 2026-03-29 is the Sunday of the change: 05:30 UTC is 07:30 CEST, awake.
        assert!(!in_ranges(&ranges, &tz, at("2026-03-29T05:30:00Z")));
        // 04:30 UTC is 06:30 CEST: still quiet.
        assert!(in_ranges(&ranges, &tz, at("2026-03-29T04:30:00Z")));
        // A winter Sunday, 2026-03-22: 05:30 UTC is 06:30 CET, quiet.
        assert!(in_ranges(&ranges, &tz, at("2026-03-22T05:30:00Z")));
        // It starts at 22:00 local on both nights: 20:59 UTC on the winter Saturday is
        // 21:59 CET, not yet.
        assert!(!in_ranges(&ranges, &tz, at("2026-03-21T20:59:00Z")));
        assert!(in_ranges(&ranges, &tz, at("2026-03-21T21:00:00Z")));
    }

    /// The night the clocks go back (2026-10-25, 03:00 CEST -> 02:00 CET): 02:00-03:00
    /// happens twice, and a 02:00-02:30 range holds both its passes and neither 02:45.
    #[test]
    fn a_range_over_the_repeated_hour_holds_both_times_it_happens() {
        let ranges = parse(&json!([{"day": "sun", "start": "02:00", "end": "02:30"}])).unwrap();
        let tz = berlin();
        // 02:15 CEST = 00:15 UTC and 02:15 CET = 01:15 UTC.
        assert!(in_ranges(&ranges, &tz, at("2026-10-25T00:15:00Z")));
        assert!(in_ranges(&ranges, &tz, at("2026-10-25T01:15:00Z")));
        // 02:45 CEST = 00:45 UTC, 02:45 CET = 01:45 UTC, 01:30 CEST = 23:30 UTC.
        assert!(!in_ranges(&ranges, &tz, at("2026-10-25T00:45:00Z")));
        assert!(!in_ranges(&ranges, &tz, at("2026-10-25T01:45:00Z")));
        assert!(!in_ranges(&ranges, &tz, at("2026-10-24T23:30:00Z")));
    }

    #[test]
    fn a_pause_is_quiet_until_its_end_and_no_longer() {
        assert!(is_quiet(&[], None, Some(2_000), 1_999));
        assert!(!is_quiet(&[], None, Some(2_000), 2_000));
        assert!(!is_quiet(&[], None, None, 2_000));
    }

    #[test]
    fn bad_ranges_are_refused_with_the_field() {
        for bad in [
            json!([{"day": "moon", "start": "22:00", "end": "07:00"}]),
            json!([{"day": "mon", "start": "24:00", "end": "07:00"}]),
            json!([{"day": "mon", "start": "7:00", "end": "08:00"}]),
            json!([{"day": "mon", "start": "07:00", "end": "07:00"}]),
            json!({"day": "mon"}),
        ] {
            assert!(parse(&bad).is_err(), "{bad}");
        }
        let ok = parse(&json!([{"day": "fri", "start": "18:30", "end": "08:00"}])).unwrap();
        assert_eq!(
            to_json(&ok),
            json!([{"day": "fri", "start": "18:30", "end": "08:00"}])
        );
        assert_eq!(from_stored(&to_json(&ok).to_string()), ok);
    }

    /// The next flip, read in the zone: the range's start across the change to summer
    /// time, its end, and a pause's end when the pause ends first.
    #[test]
    fn the_next_change_is_the_next_flip_of_the_mark() {
        let ranges = parse(&json!([{"day": "sat", "start": "22:00", "end": "07:00"}])).unwrap();
        let berlin = Some("Europe/Berlin");
        let ms = |t: &str| at(t).as_millisecond();
        // Friday noon (CET): next the start, Saturday 22:00 CET = 21:00 UTC.
        assert_eq!(
            next_change(&ranges, berlin, None, ms("2026-03-27T12:00:00Z")),
            Some(ms("2026-03-28T21:00:00Z"))
        );
        // Inside it: the end, Sunday 07:00 CEST = 05:00 UTC (summer time began at 02:00).
        assert_eq!(
            next_change(&ranges, berlin, None, ms("2026-03-28T23:00:00Z")),
            Some(ms("2026-03-29T05:00:00Z"))
        );
        // Paused until Friday 13:00 UTC, no range then: the pause's end.
        assert_eq!(
            next_change(
                &ranges,
                berlin,
                Some(ms("2026-03-27T13:00:00Z")),
                ms("2026-03-27T12:00:00Z")
            ),
            Some(ms("2026-03-27T13:00:00Z"))
        );
        // A pause that runs into the range: it stays quiet until the range's end.
        assert_eq!(
            next_change(
                &ranges,
                berlin,
                Some(ms("2026-03-28T22:00:00Z")),
                ms("2026-03-28T20:00:00Z")
            ),
            Some(ms("2026-03-29T05:00:00Z"))
        );
        assert_eq!(
            next_change(&[], berlin, None, ms("2026-03-27T12:00:00Z")),
            None
        );
    }

    #[test]
    fn local_time_follows_the_zone() {
        // 2026-07-01T12:00Z is 21:00 in Tokyo, 14:00 in Berlin (summer).
        let ms = at("2026-07-01T12:00:00Z").as_millisecond();
        assert_eq!(local_time("Asia/Tokyo", ms).as_deref(), Some("21:00"));
        assert_eq!(local_time("Europe/Berlin", ms).as_deref(), Some("14:00"));
        assert_eq!(local_time("Mars/Olympus", ms), None);
    }
}
