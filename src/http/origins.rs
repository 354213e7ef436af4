//! Which web origins may open a socket with the session cookie: the server's own
//! (scheme, host and port of the request) and those listed with `--allowed-origins` or
//! `--cors-origins` (whose entries are parsed here too).
//! This is Channels' `AllowedHostsOriginValidator`: without it any site a signed-in
//! user visits could open a socket as them (cross-site WebSocket hijacking).

use crate::http::origin::Origin;
use crate::http::socket_refusals::Refusal;

/// The origins allowed besides the server's own.
#[derive(Debug, Default)]
pub struct AllowedOrigins {
    listed: Vec<Origin>,
}

impl AllowedOrigins {
    /// From `--allowed-origins`; an entry that is not `scheme://host[:port]` is an error
    /// naming it.
    pub fn new(list: &[String]) -> Result<AllowedOrigins, String> {
        let listed = list
            .iter()
            .filter(|entry| !entry.trim().is_empty())
            .map(|entry| {
                Origin::parse(entry).ok_or_else(|| {
                    format!("--allowed-origins: {entry:?} is not an origin like https://chat.example.org")
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(AllowedOrigins { listed })
    }

    /// The same, with `more` allowed too (the `--cors-origins` list).
    pub(crate) fn with(mut self, more: &[Origin]) -> AllowedOrigins {
        for origin in more {
            if !self.listed.contains(origin) {
                self.listed.push(origin.clone());
            }
        }
        self
    }

    /// Whether a page at `origin` (the `Origin` header) may use the session cookie on a
    /// request that reached this server as `scheme://host` (`host` the `Host` header).
    /// No `Origin`, `null` or anything unparsable is refused.
    pub fn allows(&self, origin: Option<&str>, scheme: &str, host: Option<&str>) -> bool {
        self.refusal(origin, scheme, host).is_none()
    }

    /// `None` when `allows` would say yes; otherwise why not, for the log.
    pub(crate) fn refusal(
        &self,
        origin: Option<&str>,
        scheme: &str,
        host: Option<&str>,
    ) -> Option<Refusal> {
        let Some(origin) = origin else {
            return Some(Refusal::NoOrigin);
        };
        let Some(origin) = Origin::parse(origin) else {
            return Some(Refusal::UnreadableOrigin);
        };
        if self.listed.contains(&origin) {
            return None;
        }
        let Some(own) = host.and_then(|h| Origin::parse(&format!("{scheme}://{h}"))) else {
            return Some(Refusal::NoHost);
        };
        (own != origin).then_some(Refusal::Origin { origin, own })
    }
}

#[cfg(test)]
mod tests {
    use super::AllowedOrigins;

    #[test]
    fn the_servers_own_origin_is_allowed_and_look_alikes_are_not() {
        let none = AllowedOrigins::default();
        let host = Some("127.0.0.1:8000");
        assert!(none.allows(Some("http://127.0.0.1:8000"), "http", host));
        assert!(none.allows(Some("HTTP://127.0.0.1:8000/"), "http", host));
        assert!(!none.allows(Some("http://127.0.0.1.evil.example:8000"), "http", host));
        assert!(!none.allows(Some("http://127.0.0.1:8001"), "http", host));
        assert!(!none.allows(Some("https://127.0.0.1:8000"), "http", host));
        assert!(!none.allows(Some("null"), "http", host));
        assert!(!none.allows(None, "http", host));
        assert!(!none.allows(Some("http://127.0.0.1:8000"), "http", None));
        assert!(none.allows(Some("http://chat.example"), "http", Some("CHAT.example:80")));
        assert!(none.allows(Some("http://[::1]:8000"), "http", Some("[::1]:8000")));
    }

    #[test]
    fn listed_origins_are_allowed_and_bad_entries_are_named() {
        let listed = AllowedOrigins::new(&["https://app.example.org".into()]).expect("valid");
        let host = Some("api.example.org");
        assert!(listed.allows(Some("https://app.example.org:443"), "https", host));
        assert!(!listed.allows(Some("http://app.example.org"), "https", host));
        let bad = AllowedOrigins::new(&["app.example.org".into()]).expect_err("no scheme");
        assert!(bad.contains("app.example.org"));
    }
}
