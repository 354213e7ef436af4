//! A count of repeated happenings that is logged at most once per period, with how many
//! there were since the last line: under a flood (stalled clients, a frozen NATS) one line
//! per happening would flood the log too, and the metrics count every one anyway.

use std::time::{Duration, Instant};

/// Happenings since the last line, and when that line was written.
#[derive(Debug, Default)]
pub struct LogTally {
    since_line: u64,
    line_at: Option<Instant>,
}

impl LogTally {
    /// A tally that has logged nothing yet (usable in a `static`).
    pub const fn new() -> Self {
        LogTally {
            since_line: 0,
            line_at: None,
        }
    }

    /// Adds `n` happenings; returns how many to report when a line is due (the first
    /// ever, or `every` after the last), which starts the next period.
    pub fn add(&mut self, n: u64, every: Duration) -> Option<u64> {
        self.since_line += n;
        if self.since_line == 0 || self.line_at.is_some_and(|at| at.elapsed() < every) {
            return None;
        }
        let due = self.since_line;
        *self = LogTally {
            since_line: 0,
            line_at: Some(Instant::now()),
        };
        Some(due)
    }
}

#[cfg(test)]
mod tests {
    use super::LogTally;
    use std::time::Duration;

    #[test]
    fn the_first_happening_is_logged_then_at_most_once_per_period_with_the_count() {
        let mut tally = LogTally::new();
        let hour = Duration::from_secs(3600);
        assert_eq!(tally.add(0, hour), None, "nothing happened");
        assert_eq!(tally.add(3, hour), Some(3));
        assert_eq!(tally.add(1, hour), None);
        assert_eq!(tally.add(2, hour), None);
        assert_eq!(
            tally.add(1, Duration::ZERO),
            Some(4),
            "everything since the last line"
        );
    }
}
