//! The store's clock: the one format natter stores and renders times in.

/// How natter stores and renders timestamps: ISO-8601 UTC with microseconds and `Z`
/// (`%Y-%m-%dT%H:%M:%S%.6fZ`), written by chrono's RFC 3339 writer. Every send takes one
/// on the writer thread: `format` parsed the pattern each time, 1.9 % of the writer's
/// samples under socket sends, 0.8 % with this (`perf record --call-graph dwarf -t
/// <natter-writer>` under `natter-bench send --transport socket`).
pub(in crate::store) fn stamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// `secs` seconds from now (before now when negative), as [`now`] writes a time.
pub fn time_after(secs: i64) -> String {
    stamp(chrono::Utc::now() + chrono::Duration::seconds(secs))
}

/// Now, as natter stores and renders timestamps ([`stamp`]).
pub fn now() -> String {
    stamp(chrono::Utc::now())
}

/// A stored time as microseconds since 1970 UTC, for SQLite's chat time bounds
/// (migrations/61-chats-time-bounds-as-numbers.sql) and the days a search compares them
/// with: natter's own stamps and any RFC 3339 time, or a bare date at its midnight UTC;
/// `None` for text that is neither.
pub(in crate::store) fn micros_of(time: &str) -> Option<i64> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(time) {
        return Some(t.timestamp_micros());
    }
    let date = chrono::NaiveDate::parse_from_str(time, "%Y-%m-%d").ok()?;
    Some(
        date.and_time(chrono::NaiveTime::MIN)
            .and_utc()
            .timestamp_micros(),
    )
}

/// The lower time bound a chat notes for a message sent at `time`: its microseconds, or
/// the lowest there is when the text is no time, so that no search passes the chat over.
pub(in crate::store) fn lower_bound_of(time: &str) -> i64 {
    micros_of(time).unwrap_or(i64::MIN)
}

/// The upper time bound a chat notes for a message sent at `time`, as
/// [`lower_bound_of`] the lower one.
pub(in crate::store) fn upper_bound_of(time: &str) -> i64 {
    micros_of(time).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    /// The RFC 3339 writer gives exactly what the stored pattern gave, microseconds and
    /// `Z` included, whole seconds and the turn of a year too.
    #[test]
    fn a_stamp_reads_as_the_stored_pattern_writes_it() {
        let pattern = "%Y-%m-%dT%H:%M:%S%.6fZ";
        let times = [
            chrono::Utc::now(),
            chrono::Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap(),
            chrono::Utc
                .with_ymd_and_hms(1999, 12, 31, 23, 59, 59)
                .unwrap()
                + chrono::Duration::microseconds(999_999),
        ];
        for t in times {
            assert_eq!(super::stamp(t), t.format(pattern).to_string());
        }
    }

    /// A stamp reads back to its microseconds, a bare date to its midnight, and text
    /// that is no time to nothing, which leaves a chat's bounds wide open.
    #[test]
    fn a_stored_time_reads_as_its_microseconds() {
        let t = chrono::Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap()
            + chrono::Duration::microseconds(123_456);
        assert_eq!(
            super::micros_of(&super::stamp(t)),
            Some(t.timestamp_micros())
        );
        let midnight = chrono::Utc.with_ymd_and_hms(2026, 3, 2, 0, 0, 0).unwrap();
        assert_eq!(
            super::micros_of("2026-03-02"),
            Some(midnight.timestamp_micros())
        );
        assert_eq!(
            super::micros_of("2026-03-02T01:00:00+01:00"),
            Some(midnight.timestamp_micros())
        );
        assert_eq!(super::micros_of("yesterday"), None);
        assert_eq!(super::lower_bound_of("yesterday"), i64::MIN);
        assert_eq!(super::upper_bound_of("yesterday"), i64::MAX);
    }
}
