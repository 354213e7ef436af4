//! The link preview settings' values (`--link-previews`, `--link-previews-private`): which
//! sites may be previewed, and the private addresses previews may be fetched from.

use std::net::{IpAddr, SocketAddr};

/// Which links get a preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkPreviews {
    /// Links to any site (on a public address).
    On,
    /// No link.
    Off,
    /// Links to these sites only: host names, lower case, each also covering its
    /// subdomains (`example.org` covers `docs.example.org`).
    Sites(Vec<String>),
}

impl LinkPreviews {
    /// Whether a link to `host` may get a preview.
    pub fn allows(&self, host: &str) -> bool {
        match self {
            LinkPreviews::On => true,
            LinkPreviews::Off => false,
            LinkPreviews::Sites(sites) => {
                let host = host.trim_end_matches('.').to_ascii_lowercase();
                sites.iter().any(|site| {
                    host == *site
                        || host
                            .strip_suffix(site.as_str())
                            .is_some_and(|rest| rest.ends_with('.'))
                })
            }
        }
    }
}

/// `--link-previews`: `on`, `off`, or sites, comma-separated.
pub fn link_previews(value: &str) -> Result<LinkPreviews, String> {
    match value.trim() {
        "on" => Ok(LinkPreviews::On),
        "off" => Ok(LinkPreviews::Off),
        list => {
            let mut sites = Vec::new();
            for site in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                let site = site.trim_end_matches('.').to_ascii_lowercase();
                let plain = site
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
                if !plain || site.is_empty() || site.starts_with('.') {
                    return Err(format!(
                        "{site:?} is not a site's host name: give on, off, or host names separated by commas (github.com,example.org)"
                    ));
                }
                sites.push(site);
            }
            if sites.is_empty() {
                return Err("give on, off, or host names separated by commas".into());
            }
            Ok(LinkPreviews::Sites(sites))
        }
    }
}

/// One of `--link-previews-private`'s addresses: `10.0.0.5` (any port) or
/// `127.0.0.1:8080` (that port only; `[::1]:8080` for IPv6).
pub fn private_address(value: &str) -> Result<(IpAddr, Option<u16>), String> {
    let value = value.trim();
    if let Ok(ip) = value.parse::<IpAddr>() {
        return Ok((ip, None));
    }
    value
        .parse::<SocketAddr>()
        .map(|a| (a.ip(), Some(a.port())))
        .map_err(|_| {
            format!(
                "{value:?} is not an address (10.0.0.5) or an address and port (127.0.0.1:8080)"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_sites_cover_their_subdomains_only() {
        let sites = link_previews("Example.org, github.com").unwrap();
        assert!(sites.allows("example.org"));
        assert!(sites.allows("docs.example.org"));
        assert!(!sites.allows("badexample.org"));
        assert!(!sites.allows("example.org.evil.net"));
        assert!(!link_previews("off").unwrap().allows("example.org"));
        assert!(link_previews("a/b").is_err());
    }

    #[test]
    fn private_addresses_read_with_and_without_ports() {
        assert_eq!(private_address("10.0.0.5").unwrap().1, None);
        assert_eq!(private_address("127.0.0.1:8080").unwrap().1, Some(8080));
        assert_eq!(private_address("[::1]:9").unwrap().1, Some(9));
        assert!(private_address("intranet.local").is_err());
    }
}
