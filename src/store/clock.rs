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
}
