//! Link previews on the wire: fetching a page someone linked in a message, its oEmbed
//! document and its picture, and reading them ([`page`], [`picture`]). It knows nothing
//! of chats: `domain::link_previews` decides which links are previewed, when, and what a
//! message shows. The address is chosen by whoever wrote the message, so every request
//! goes through the outbound guard (`push::guarded`): `http(s)` only, no user name or
//! password, public addresses only (the address written in the URL is checked here, a
//! name's every DNS answer by the guard's resolver, natter's own address on every
//! connection), and each redirect is followed by hand, checked again as a new URL.
//! Time, size and redirects are bounded, and the User-Agent names natter and its version.

pub mod page;
pub mod picture;

use crate::push::addresses;
use crate::push::guarded::{Blocked, Guarded};
use crate::push::own_address::OwnAddress;
use std::net::IpAddr;
use std::time::Duration;

/// Longest link that is previewed.
pub const MAX_URL: usize = 2048;

/// The most of a page that is read: a page's `<head>` (where its title, Open Graph tags
/// and oEmbed link are) is a few KB; the rest of a long page is never read.
pub const MAX_PAGE: usize = 512 * 1024;

/// The most of an oEmbed document that is read.
pub const MAX_OEMBED: usize = 64 * 1024;

/// The most of a preview picture that is read: larger pictures get no image.
pub const MAX_PICTURE: usize = 5 * 1024 * 1024;

/// Redirects followed, each checked as a new URL.
pub const MAX_REDIRECTS: usize = 5;

/// How long a server has to accept a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

/// Why a request of a preview brought nothing, as `/metrics` counts it
/// (`natter_link_preview_failures_total{reason}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The outbound guard or the link's own checks refused it: a private, loopback,
    /// link-local or metadata address (in the link, a DNS answer or a redirect), natter
    /// itself, another scheme, a redirect off the listed sites.
    Refused,
    /// The site did not answer within `--link-preview-timeout`.
    Timeout,
    /// Larger than its bound (a picture over [`MAX_PICTURE`], or one with too many pixels).
    TooLarge,
    /// The site answered with a status other than 2xx (or too many redirects).
    BadStatus,
    /// Anything else: unreachable, not a page, not a picture.
    Other,
}

impl Reason {
    /// Every reason, in the order `/metrics` lists them.
    pub const ALL: [Reason; 5] = [
        Reason::Refused,
        Reason::Timeout,
        Reason::TooLarge,
        Reason::BadStatus,
        Reason::Other,
    ];

    /// The label value.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Refused => "refused",
            Reason::Timeout => "timeout",
            Reason::TooLarge => "too_large",
            Reason::BadStatus => "bad_status",
            Reason::Other => "other",
        }
    }
}

/// A request of a preview that brought nothing: why, and a sentence for the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    pub reason: Reason,
    pub words: String,
}

impl Failed {
    /// A failure of `reason`, said in `words`.
    pub fn new(reason: Reason, words: impl Into<String>) -> Failed {
        Failed {
            reason,
            words: words.into(),
        }
    }
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words)
    }
}

/// What one fetch brought back.
#[derive(Debug)]
pub struct Fetched {
    /// Where the answer came from, after redirects: relative links in it start here.
    pub url: reqwest::Url,
    /// Its media type, lower case, without parameters (`text/html`).
    pub media_type: String,
    /// Its body, cut at the bound the caller gave.
    pub body: Vec<u8>,
}

/// The guarded client and the operator's exceptions.
pub struct Unfurler {
    http: Guarded,
    /// Private addresses (with a port or not) the operator lets previews be fetched from
    /// (`--link-previews-private`): an intranet wiki, and the tests' own servers.
    private_allowed: Vec<(IpAddr, Option<u16>)>,
    own: OwnAddress,
    /// The whole fetch of one URL, redirects and body included.
    timeout: Duration,
}

impl Unfurler {
    /// A client through `proxy` (`--outbound-proxy`) when one is given, never fetching
    /// from natter's `own` address; each fetch ends within `timeout`.
    pub fn new(
        private_allowed: Vec<(IpAddr, Option<u16>)>,
        proxy: Option<&str>,
        own: OwnAddress,
        timeout: Duration,
    ) -> Result<Unfurler, String> {
        let http = Guarded::new(CONNECT_TIMEOUT, timeout, false, proxy, own.clone())
            .map_err(|e| format!("cannot make the link preview client: {e}"))?;
        Ok(Unfurler {
            http,
            private_allowed,
            own,
            timeout,
        })
    }

    /// `raw` as a URL natter may fetch: `http` or `https`, no user name or password, at
    /// most [`MAX_URL`] long, and, when its host is written as an address, a public one
    /// (or one the operator allowed) that is not natter's own. A sentence saying why not
    /// otherwise. A name is checked on every DNS answer as it is fetched.
    pub fn check_url(&self, raw: &str) -> Result<reqwest::Url, Failed> {
        let refused = |words: &str| Failed::new(Reason::Refused, words);
        if raw.len() > MAX_URL {
            return Err(refused("the link is too long"));
        }
        let mut url = reqwest::Url::parse(raw).map_err(|_| refused("not a valid link"))?;
        // A name written with the root's dot (`localhost.`, `example.org.`) is the same
        // name: it is judged, resolved and fetched without the dot, so that a resolver
        // that reads the two apart (`/etc/hosts` names only `localhost`) cannot turn a
        // refused address into a site that merely cannot be reached.
        if let Some(url::Host::Domain(name)) = url.host() {
            if name.ends_with('.') {
                let bare = name.trim_end_matches('.').to_string();
                if bare.is_empty() {
                    return Err(refused("the link has no host"));
                }
                url.set_host(Some(&bare))
                    .map_err(|_| refused("not a valid link"))?;
            }
        }
        if !matches!(url.scheme(), "http" | "https") {
            return Err(refused("only http and https links are previewed"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(refused(
                "a link with a user name or password is not previewed",
            ));
        }
        let ip: Option<IpAddr> = match url.host() {
            None => return Err(refused("the link has no host")),
            Some(url::Host::Domain(_)) => None,
            Some(url::Host::Ipv4(ip)) => Some(ip.into()),
            Some(url::Host::Ipv6(ip)) => Some(ip.into()),
        };
        let port = url.port_or_known_default().unwrap_or(80);
        if let Some(ip) = ip {
            if self.own.is_own((ip, port).into(), None) {
                return Err(refused("the link leads to natter itself"));
            }
            let allowed = self
                .private_allowed
                .iter()
                .any(|(a, p)| *a == ip && p.is_none_or(|p| p == port));
            if !addresses::is_public(ip) && !allowed {
                return Err(refused(&format!("{ip} is not a public address")));
            }
        }
        Ok(url)
    }

    /// GETs `url` (checked with [`Unfurler::check_url`]), following at most
    /// [`MAX_REDIRECTS`] redirects, each checked again and only where `follow` allows;
    /// reads at most `max` bytes of a 2xx answer and drops the connection after them.
    /// `accept` is the `Accept` header.
    pub async fn get(
        &self,
        url: reqwest::Url,
        accept: &str,
        max: usize,
        follow: &(dyn Fn(&reqwest::Url) -> bool + Sync),
    ) -> Result<Fetched, Failed> {
        let within = self.get_within(url, accept, max, follow);
        match tokio::time::timeout(self.timeout, within).await {
            Ok(fetched) => fetched,
            Err(_) => Err(Failed::new(
                Reason::Timeout,
                "the site did not answer in time",
            )),
        }
    }

    async fn get_within(
        &self,
        mut url: reqwest::Url,
        accept: &str,
        max: usize,
        follow: &(dyn Fn(&reqwest::Url) -> bool + Sync),
    ) -> Result<Fetched, Failed> {
        let bad_status = |words: String| Failed::new(Reason::BadStatus, words);
        for _ in 0..=MAX_REDIRECTS {
            let request = match self.http.get(url.clone()).await {
                Ok(request) => request,
                Err(Blocked::Unresolved(why)) => return Err(Failed::new(Reason::Other, why)),
                Err(Blocked::Forbidden(why)) => return Err(Failed::new(Reason::Refused, why)),
            };
            let mut response = request
                .header("Accept", accept)
                .send()
                .await
                .map_err(|e| describe(&e))?;
            let status = response.status();
            if status.is_redirection() {
                let location = response
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .ok_or_else(|| bad_status(format!("a {status} without a Location")))?;
                let next = url
                    .join(location)
                    .map_err(|_| bad_status("a redirect to an invalid link".into()))?;
                url = self.check_url(next.as_str())?;
                if !follow(&url) {
                    return Err(Failed::new(
                        Reason::Refused,
                        format!("a redirect to {url}, which is not followed"),
                    ));
                }
                continue;
            }
            if !status.is_success() {
                return Err(bad_status(format!("the site answered {status}")));
            }
            let media_type = response
                .headers()
                .get(reqwest::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(';').next())
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(|e| describe(&e))? {
                let room = max - body.len();
                body.extend_from_slice(&chunk[..chunk.len().min(room)]);
                if body.len() >= max {
                    break; // the rest is never read; the connection is dropped
                }
            }
            return Ok(Fetched {
                url,
                media_type,
                body,
            });
        }
        Err(bad_status("too many redirects".into()))
    }
}

/// A failed request, with why.
fn describe(e: &reqwest::Error) -> Failed {
    if crate::push::guarded::reached_itself(e) {
        Failed::new(Reason::Refused, "the link leads to natter itself")
    } else if addresses::is_not_public(e) {
        Failed::new(
            Reason::Refused,
            format!("the link's name has no public address: {e}"),
        )
    } else if e.is_timeout() {
        Failed::new(Reason::Timeout, "the site did not answer in time")
    } else {
        Failed::new(Reason::Other, format!("cannot reach the site: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unfurler() -> Unfurler {
        Unfurler::new(
            vec![("127.0.0.1".parse().unwrap(), Some(8080))],
            None,
            OwnAddress::default(),
            Duration::from_secs(1),
        )
        .unwrap()
    }

    #[test]
    fn a_name_with_the_roots_dot_is_the_name_without_it() {
        let u = unfurler();
        for (given, judged) in [
            ("http://localhost./a", "http://localhost/a"),
            (
                "https://Example.org.:8443/x?y",
                "https://example.org:8443/x?y",
            ),
            ("https://example.org/", "https://example.org/"),
        ] {
            assert_eq!(u.check_url(given).map(String::from), Ok(judged.into()));
        }
    }

    #[test]
    fn only_public_http_links_are_fetched() {
        let u = unfurler();
        assert!(u.check_url("https://example.org/a").is_ok());
        assert!(u.check_url("http://127.0.0.1:8080/a").is_ok());
        for refused in [
            "http://127.0.0.1:8081/",
            "http://10.0.0.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::1]/",
            "ftp://example.org/",
            "https://user:pw@example.org/",
            "javascript:alert(1)",
            "http://.../",
        ] {
            assert_eq!(
                u.check_url(refused).map_err(|f| f.reason),
                Err(Reason::Refused),
                "{refused}"
            );
        }
    }
}
