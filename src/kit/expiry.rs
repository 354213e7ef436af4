//! Durations as people type them (`7d`, `12h`, `30m`, `45s`): invitation expiries on
//! the command line and in the administrators' API.

/// The longest an invitation may last: ten years, far past any sensible setting.
pub const MAX_EXPIRY_SECS: i64 = 10 * 366 * 24 * 3600;

/// An invitation's expiry as people type it: `never` (`Some(None)`), or a duration
/// ([`parse_duration`]) of at most [`MAX_EXPIRY_SECS`]; `None` for anything else. The
/// command line's `--expires` and the API's `expires_in` text both read it.
pub fn parse_expiry(text: &str) -> Option<Option<i64>> {
    if text.trim().eq_ignore_ascii_case("never") {
        return Some(None);
    }
    parse_duration(text)
        .filter(|secs| *secs <= MAX_EXPIRY_SECS)
        .map(Some)
}

/// A duration as people type it: `7d`, `12h`, `30m`, `45s` or a number of seconds;
/// `None` when it is none of these or not positive.
pub fn parse_duration(text: &str) -> Option<i64> {
    let text = text.trim();
    let (digits, unit) = match text.char_indices().last()? {
        (i, c) if c.is_ascii_alphabetic() => (&text[..i], c.to_ascii_lowercase()),
        _ => (text, 's'),
    };
    let n: i64 = digits.trim().parse().ok().filter(|n| *n > 0)?;
    let scale = match unit {
        'd' => 86_400,
        'h' => 3_600,
        'm' => 60,
        's' => 1,
        _ => return None,
    };
    n.checked_mul(scale)
}

#[cfg(test)]
mod tests {
    use super::parse_duration;

    #[test]
    fn durations_read_as_people_type_them() {
        assert_eq!(parse_duration("7d"), Some(7 * 86_400));
        assert_eq!(parse_duration("12h"), Some(12 * 3_600));
        assert_eq!(parse_duration("30m"), Some(1_800));
        assert_eq!(parse_duration("90"), Some(90));
        assert_eq!(parse_duration(" 2D "), Some(2 * 86_400));
        for bad in ["", "d", "0d", "-1h", "7w", "1.5h", "99999999999999999999d"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }
}
