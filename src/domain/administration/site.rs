//! Where people reach this server, for the links natter prints outside a request
//! (`natter invite`, the first administrator's link at start).
//!
//! A command run beside the server does not know the address the server was given, nor
//! the port it got: the serving process writes the site it serves (`--public-url`, else
//! its listening address) to the database, and the commands read it from there.

use crate::domain::error::Result;
use crate::state::App;
use crate::store;
use std::net::SocketAddr;

/// The settings key the serving process writes its site under.
const SETTING: &str = "site_url";

/// The site people reach a server at: its `--public-url`, else the address it listens
/// on, unless that is every interface (`0.0.0.0`, `::`), which names no host.
pub fn of(public_url: Option<&str>, listening: SocketAddr, scheme: &str) -> Option<String> {
    match public_url {
        Some(url) => Some(url.trim_end_matches('/').to_string()),
        None if listening.ip().is_unspecified() => None,
        None => Some(format!("{scheme}://{listening}")),
    }
}

/// Notes the serving process's site (or that it has none) for the commands.
pub async fn remember(app: &App, site: Option<String>) -> Result<()> {
    app.db
        .write(move |c| match &site {
            Some(url) => store::schema::set_setting(c, SETTING, url),
            None => store::schema::delete_setting(c, SETTING),
        })
        .await?;
    Ok(())
}

/// The site the last serving process noted, if it knew one.
pub async fn recalled(app: &App) -> Result<Option<String>> {
    Ok(app
        .db
        .read(|c| store::schema::get_setting(c, SETTING))
        .await?)
}

/// Whether a site's host is this machine's loopback, so that its links open here only.
pub fn is_loopback(site: &str) -> bool {
    let rest = site.split_once("://").map_or(site, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_url_wins_and_every_interface_names_no_site() {
        let any: SocketAddr = "0.0.0.0:8000".parse().expect("addr");
        let local: SocketAddr = "127.0.0.1:9000".parse().expect("addr");
        assert_eq!(
            of(Some("https://chat.example.org/"), any, "http").as_deref(),
            Some("https://chat.example.org")
        );
        assert_eq!(of(None, any, "http"), None);
        assert_eq!(of(None, "[::]:8000".parse().expect("addr"), "http"), None);
        assert_eq!(
            of(None, local, "https").as_deref(),
            Some("https://127.0.0.1:9000")
        );
    }

    #[test]
    fn loopback_sites_are_told_apart() {
        assert!(is_loopback("http://127.0.0.1:8000"));
        assert!(is_loopback("http://[::1]:8000"));
        assert!(is_loopback("http://localhost"));
        assert!(!is_loopback("https://chat.example.org"));
        assert!(!is_loopback("http://192.0.2.7:8000"));
    }
}
