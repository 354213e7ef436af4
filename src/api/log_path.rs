//! The path an access line writes. A path that carries a secret (the places
//! `routes::SECRET_AFTER` names: a hook's token, an invitation code, a password-reset
//! token) is written with everything after the place replaced by `…`, however the client
//! spelled it: the route table's own splitting (repeated and trailing slashes), and also
//! percent-decoded and in any case (`/%68ooks/`, `/HOOKS/`, `/hooks%2F<token>`), so a
//! spelling the router does not serve still keeps its secret out of the log.

use crate::routing::routes::{segments, SECRET_AFTER};
use std::borrow::Cow;

/// The most rounds of percent-decoding tried: a proxy in front may decode once more.
const DECODE_ROUNDS: usize = 3;

/// `path` as the access log may write it.
pub fn loggable(path: &str) -> Cow<'_, str> {
    let decoded = decoded(path);
    let segs: Vec<&str> = segments(&decoded).collect();
    let secret_after = segs.iter().position(|seg| {
        SECRET_AFTER
            .iter()
            .any(|place| seg.eq_ignore_ascii_case(place))
    });
    match secret_after {
        Some(at) if at + 1 < segs.len() => {
            let kept = segs[..=at].join("/");
            Cow::Owned(format!("/{}/…", crate::kit::printable::escaped(&kept)))
        }
        _ => Cow::Borrowed(path),
    }
}

/// `path` percent-decoded until it no longer changes (at most [`DECODE_ROUNDS`] times).
fn decoded(path: &str) -> Cow<'_, str> {
    let mut text = Cow::Borrowed(path);
    for _ in 0..DECODE_ROUNDS {
        if !text.contains('%') {
            break;
        }
        let next = percent_encoding::percent_decode_str(&text)
            .decode_utf8_lossy()
            .into_owned();
        if next == text {
            break;
        }
        text = Cow::Owned(next);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::loggable;

    #[test]
    fn every_spelling_of_a_secret_path_hides_the_secret() {
        for (path, logged) in [
            ("/hooks/T0KEN", "/hooks/…"),
            ("//hooks/T0KEN", "/hooks/…"),
            ("/hooks//T0KEN/", "/hooks/…"),
            ("/hooks/T0KEN/more/parts", "/hooks/…"),
            ("/%68ooks/T0KEN", "/hooks/…"),
            ("/%2568ooks/T0KEN", "/hooks/…"),
            ("/HOOKS/T0KEN", "/HOOKS/…"),
            ("/hooks%2FT0KEN", "/hooks/…"),
            ("/join/C0DE", "/join/…"),
            ("/j%6Fin/C0DE", "/join/…"),
            ("/reset/T0KEN", "/reset/…"),
            ("///reset///T0KEN", "/reset/…"),
            ("/static/../reset/T0KEN", "/static/../reset/…"),
            ("/api/account/reset/T0KEN", "/api/account/reset/…"),
        ] {
            assert_eq!(loggable(path), logged, "{path}");
        }
    }

    #[test]
    fn other_paths_are_written_as_they_came() {
        for path in [
            "/api/messages/",
            "/api/rooms/7/join/",
            "/api/account/reset/",
            "/hooks/",
            "/join",
            "/messenger/ws/ws/chat/a%20b/",
        ] {
            assert_eq!(loggable(path), path);
        }
    }

    #[test]
    fn what_is_kept_cannot_forge_a_line() {
        assert_eq!(loggable("/a%0Ab/hooks/T0KEN"), "/a\\nb/hooks/…");
    }
}
