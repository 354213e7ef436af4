//! How long two-factor codes are held after wrong ones in a row. A six-digit code is one
//! of a million, and three are accepted at a time (a phone's clock a step off either
//! way), so a guesser who knows the password wins one try in 333,333: the per-minute
//! login limits alone still let 14,400 tries a day through (one in 23 a day). NIST SP
//! 800-63B asks for no more than 100 failed attempts in a row on one account, so the
//! count is kept per account in the database (every surface and node sees it) and
//! grows the hold instead of resetting each minute: ten wrong codes are free (a person
//! fumbling), then one minute, doubling with each further wrong code up to a day, and
//! from the hundredth no time ends it. A recovery code (ten random letters, not
//! guessable) is still checked during a hold, and a right one, or a new password, ends
//! it.

/// Wrong codes in a row that start no hold.
pub const FREE: i64 = 9;
/// The wrong code in a row from which only a recovery code or a new password ends the
/// hold (NIST SP 800-63B's limit).
pub const FOR_GOOD: i64 = 100;
/// The first hold, in milliseconds.
const FIRST_MS: i64 = 60_000;
/// The longest timed hold, in milliseconds: a day.
const LONGEST_MS: i64 = 86_400_000;

/// Where a run of wrong codes leaves an account at a given time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// Codes are held for this many more seconds (at least 1).
    For(u64),
    /// Codes are held until a recovery code is used or the password set anew.
    UntilReset,
}

/// The hold the `failed`th wrong code in a row starts, in milliseconds; `None` for no
/// hold, `Some(None)` for one that no time ends.
fn length_ms(failed: i64) -> Option<Option<i64>> {
    if failed <= FREE {
        return None;
    }
    if failed >= FOR_GOOD {
        return Some(None);
    }
    let doublings = u32::try_from(failed - FREE - 1).unwrap_or(u32::MAX).min(20);
    Some(Some((FIRST_MS << doublings).min(LONGEST_MS)))
}

/// Whether codes are held at `now_ms`, after `failed` wrong codes in a row of which
/// the last came at `last_failed_at`.
pub fn at(failed: i64, last_failed_at: Option<i64>, now_ms: i64) -> Option<Held> {
    match length_ms(failed)? {
        None => Some(Held::UntilReset),
        Some(length) => {
            let ends = last_failed_at.unwrap_or(0).saturating_add(length);
            let left = ends.saturating_sub(now_ms);
            (left > 0).then(|| Held::For(u64::try_from((left + 999) / 1000).unwrap_or(1).max(1)))
        }
    }
}

/// Whether the `failed`th wrong code in a row is the one to tell the person of by mail:
/// the one that starts the first hold, and the one from which no time ends it.
pub fn worth_a_mail(failed: i64) -> bool {
    failed == FREE + 1 || failed == FOR_GOOD
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nine_wrong_codes_are_free_and_the_tenth_holds_a_minute() {
        assert_eq!(at(9, Some(1_000), 1_000), None);
        assert_eq!(at(10, Some(1_000), 1_000), Some(Held::For(60)));
        assert_eq!(at(10, Some(1_000), 60_999), Some(Held::For(1)));
        assert_eq!(at(10, Some(1_000), 61_000), None);
    }

    #[test]
    fn each_further_wrong_code_doubles_the_hold_up_to_a_day() {
        assert_eq!(at(11, Some(0), 0), Some(Held::For(120)));
        assert_eq!(at(12, Some(0), 0), Some(Held::For(240)));
        assert_eq!(at(20, Some(0), 0), Some(Held::For(61_440)));
        assert_eq!(at(21, Some(0), 0), Some(Held::For(86_400)));
        assert_eq!(at(99, Some(0), 0), Some(Held::For(86_400)));
        assert_eq!(at(99, Some(0), 86_400_000), None);
    }

    #[test]
    fn the_hundredth_holds_until_a_recovery_code_or_a_new_password() {
        assert_eq!(at(100, Some(0), i64::MAX), Some(Held::UntilReset));
        assert_eq!(at(250, None, 0), Some(Held::UntilReset));
    }

    /// A guesser with the password, trying as soon as each hold ends: 20 codes in the
    /// first day (9 free, then holds of 1, 2, 4 ... 1,024 minutes), one a day after that,
    /// and none after the hundredth; the per-minute login limits alone let 14,400 a day.
    #[test]
    fn a_guesser_gets_twenty_codes_in_the_first_day() {
        let (mut tried, mut now) = (0i64, 0i64);
        let day = 86_400_000;
        while now < day {
            tried += 1;
            now = match at(tried, Some(now), now) {
                Some(Held::For(secs)) => now + secs as i64 * 1000,
                Some(Held::UntilReset) => break,
                None => now + 6_000,
            };
        }
        assert_eq!(tried, 20, "codes tried in the first day");
    }

    #[test]
    fn mail_goes_when_the_first_hold_starts_and_when_it_is_for_good() {
        let mailed: Vec<i64> = (1..200).filter(|n| worth_a_mail(*n)).collect();
        assert_eq!(mailed, vec![10, 100]);
    }
}
