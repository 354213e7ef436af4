//! The HTTP client for requests whose address someone else chose (a browser's push
//! endpoint, a bot's webhook). It goes only where [`addresses`] and [`own_address`]
//! allow, whoever resolves the name:
//!
//! - Directly (the default), natter resolves every name itself, through
//!   [`addresses::PublicOnly`] unless private addresses are allowed, and every connection
//!   is checked against natter's own address ([`own_address::RefuseOwn`]).
//! - Through `--outbound-proxy`, the proxy resolves the name and connects, so natter
//!   resolves it first and refuses a URL any of whose addresses it may not reach.
//!
//! The proxy variables of natter's environment (`HTTP_PROXY`, `HTTPS_PROXY`,
//! `ALL_PROXY`) are ignored: behind one, natter never saw the address it posted to, and
//! the proxy fetched loopback and private addresses on its behalf.

use super::addresses;
use super::own_address::{self, OwnAddress, RefuseOwn};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// Why a request was not sent.
#[derive(Debug, PartialEq)]
pub enum Blocked {
    /// The name could not be resolved: it may resolve later.
    Unresolved(String),
    /// The URL leads where natter may not post (a private address, natter itself).
    Forbidden(String),
}

/// The guarded client and what it checks against.
pub struct Guarded {
    http: reqwest::Client,
    allow_private: bool,
    proxied: bool,
    own: OwnAddress,
}

impl Guarded {
    /// A client with `connect` and `total` timeouts, rustls, no redirect (one could lead
    /// to an address no check saw), through `proxy` when one is given; loopback and
    /// private addresses only with `allow_private`; never natter's `own` address.
    pub fn new(
        connect: Duration,
        total: Duration,
        allow_private: bool,
        proxy: Option<&str>,
        own: OwnAddress,
    ) -> reqwest::Result<Guarded> {
        let mut http = reqwest::Client::builder()
            .use_rustls_tls()
            .no_proxy()
            .connect_timeout(connect)
            .timeout(total)
            .pool_idle_timeout(Duration::from_secs(60))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("natter/", env!("CARGO_PKG_VERSION")))
            .connector_layer(RefuseOwn(own.clone()));
        match proxy {
            // The only name this client resolves is then the proxy's, which the operator
            // chose: the targets are checked before each request (`post`).
            Some(proxy) => http = http.proxy(reqwest::Proxy::all(proxy)?),
            None if !allow_private => http = http.dns_resolver(Arc::new(addresses::PublicOnly)),
            None => {}
        }
        Ok(Guarded {
            http: http.build()?,
            allow_private,
            proxied: proxy.is_some(),
            own,
        })
    }

    /// A POST to `url`, once natter knows it may go there: through a proxy, every
    /// address the name resolves to must be one natter may reach itself.
    pub async fn post(&self, url: reqwest::Url) -> Result<reqwest::RequestBuilder, Blocked> {
        if self.proxied {
            self.check_addresses(&url).await?;
        }
        Ok(self.http.post(url))
    }

    /// A GET of `url`, checked as [`Guarded::post`] checks: redirects are the caller's
    /// to follow, each through here again (link previews, `unfurl`).
    pub async fn get(&self, url: reqwest::Url) -> Result<reqwest::RequestBuilder, Blocked> {
        if self.proxied {
            self.check_addresses(&url).await?;
        }
        Ok(self.http.get(url))
    }

    async fn check_addresses(&self, url: &reqwest::Url) -> Result<(), Blocked> {
        let host = match url.host() {
            Some(url::Host::Domain(name)) => name.to_string(),
            Some(url::Host::Ipv4(ip)) => ip.to_string(),
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            None => return Err(Blocked::Forbidden("the URL has no host".into())),
        };
        let port = url.port_or_known_default().unwrap_or(443);
        let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), port))
            .await
            .map_err(|e| Blocked::Unresolved(format!("cannot resolve {host}: {e}")))?
            .collect();
        if found.is_empty() {
            return Err(Blocked::Unresolved(format!("{host} has no address")));
        }
        for addr in found {
            if self.own.is_own(addr, None) {
                return Err(Blocked::Forbidden(format!(
                    "{host} is natter's own address"
                )));
            }
            if !self.allow_private && !addresses::is_public(addr.ip()) {
                return Err(Blocked::Forbidden(format!(
                    "{host} has a non-public address"
                )));
            }
        }
        Ok(())
    }
}

/// Whether a request failed because its connection reached natter itself.
pub fn reached_itself(e: &reqwest::Error) -> bool {
    own_address::is_calls_itself(e)
}
