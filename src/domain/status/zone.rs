//! A person's time zone: an IANA name (`Europe/Berlin`) as a browser's
//! `Intl.DateTimeFormat().resolvedOptions().timeZone` gives it, checked against the
//! system's zoneinfo through jiff. Anything that reads dates in the person's zone
//! (quiet hours here) asks [`of`].

use crate::domain::error::{Error, Problem, Result};
use crate::state::App;
use crate::store;

/// The longest name accepted (the longest IANA name is about 30 characters).
const MAX_CHARS: usize = 64;

/// Checks a zone name: letters, digits and `/_+-` only (never a path: no `..`, no
/// leading `/`), and known to the zoneinfo.
pub fn check(name: &str) -> Result<String> {
    let bad = || {
        Error::field(
            "time_zone",
            Problem::Worded("Give an IANA time zone such as Europe/Berlin."),
        )
    };
    let name = name.trim();
    let shaped = !name.is_empty()
        && name.len() <= MAX_CHARS
        && !name.starts_with('/')
        && !name.contains("..")
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/_+-".contains(&b));
    if !shaped || jiff::tz::TimeZone::get(name).is_err() {
        return Err(bad());
    }
    Ok(name.to_owned())
}

/// A person's zone, `None` when their browser never said and they never chose.
pub async fn of(app: &App, user_id: i64) -> Result<Option<String>> {
    Ok(app
        .db
        .read(move |c| store::people::status::time_zone(c, user_id))
        .await?)
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn known_names_pass_and_others_are_refused() {
        assert_eq!(check("Europe/Berlin").unwrap(), "Europe/Berlin");
        assert_eq!(check(" Asia/Tokyo ").unwrap(), "Asia/Tokyo");
        assert!(check("UTC").is_ok());
        for bad in [
            "",
            "Mars/Olympus",
            "../../etc/passwd",
            "/etc/localtime",
            "Europe Berlin",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }
}
