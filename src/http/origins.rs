//! Which web origins may open a socket with the session cookie: the server's own
//! (scheme, host and port of the request) and those listed with `--allowed-origins` or
//! `--cors-origins` (whose entries are parsed here too).
//! This is Channels' `AllowedHostsOriginValidator`: without it any site a signed-in
//! user visits could open a socket as them (cross-site WebSocket hijacking).

use crate::http::socket_refusals::Refusal;

/// An origin as browsers send it: `scheme://host[:port]`, compared with the default
/// port filled in and the host in lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    /// Parses `scheme://host[:port]` (a trailing `/` allowed); `None` for anything else,
    /// `null` and paths included.
    pub(crate) fn parse(text: &str) -> Option<Origin> {
        let (scheme, rest) = text.trim().split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "http" => 80,
            "https" => 443,
            _ => return None,
        };
        let authority = rest.strip_suffix('/').unwrap_or(rest);
        let (host, port) = split_host_port(authority)?;
        let port = match port {
            Some(p) => p.parse().ok()?,
            None => default_port,
        };
        Some(Origin {
            scheme,
            host: host.to_ascii_lowercase(),
            port,
        })
    }

    /// The host, in lower case.
    pub(crate) fn host(&self) -> &str {
        &self.host
    }

    /// `http` or `https`.
    pub(crate) fn scheme(&self) -> &str {
        &self.scheme
    }
}

/// `scheme://host[:port]`, the port left out when it is the scheme's default.
impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let default_port = if self.scheme == "https" { 443 } else { 80 };
        write!(f, "{}://{}", self.scheme, self.host)?;
        if self.port != default_port {
            write!(f, ":{}", self.port)?;
        }
        Ok(())
    }
}

/// `host[:port]` or `[v6]:port` into host and port text; `None` when it has a path,
/// user info or characters no host has.
fn split_host_port(authority: &str) -> Option<(&str, Option<&str>)> {
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (inside, after) = v6.split_once(']')?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?),
        };
        (&authority[..inside.len() + 2], port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-[]:".contains(c));
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    (host_ok && port_ok).then_some((host, port))
}

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
