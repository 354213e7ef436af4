//! Bots' webhooks on the wire: their secrets ([`keys`]) and the client that
//! calls a bot's outgoing webhook. It knows nothing of chats: `domain::bots` decides who
//! is called with what, and this posts one signed call and says how the bot's server
//! answered. Like the push client, it goes only where an administrator may send it:
//! `http(s)` URLs on public addresses (checked in the URL and again on every name
//! lookup), loopback and private ones too with `--webhook-allow-private`, never
//! natter's own address (checked in the URL and again on every connection), and no
//! redirect is followed (`push::guarded`).

pub mod keys;

use crate::push::addresses;
use crate::push::guarded::{self, Blocked, Guarded};
use crate::push::own_address::OwnAddress;
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::Duration;

/// Longest outgoing webhook URL.
pub const MAX_URL: usize = 2048;

/// How long a bot's server has to accept a connection, and then to answer: a hanging
/// one costs a sending slot this long, never a message's send.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The most of a bot's answer that is read (a reply is one message: 10,000 characters).
pub const MAX_ANSWER: usize = 64 * 1024;

/// How a bot's server answered one call.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// 2xx, with its body when it has one (the bot's reply) and the body's media type.
    Answered {
        body: Vec<u8>,
        content_type: Option<String>,
    },
    /// 429, 5xx, a timeout or a refused connection: try again later, not before `after`
    /// when the server said so (`Retry-After`).
    Retry {
        after: Option<Duration>,
        why: String,
    },
    /// Anything else (another status, a URL natter may not call): never sent again.
    Refused { why: String },
}

/// The HTTP client, the server's sealing key and where natter itself is.
pub struct Webhooks {
    http: Guarded,
    allow_private: bool,
    /// Sealing key for bots' keys (`settings`).
    pub sealer: keys::Sealer,
    /// `--public-url`, if given.
    public_url: Option<String>,
    /// The address natter listens on, once bound (shared with the push client).
    own: OwnAddress,
    /// `http` or `https`, once natter listens.
    scheme: OnceLock<&'static str>,
}

impl Webhooks {
    /// A client; `allow_private`: `--webhook-allow-private`; `proxy`:
    /// `--outbound-proxy`; never calling natter's `own` address.
    pub fn new(
        sealer: keys::Sealer,
        allow_private: bool,
        public_url: Option<String>,
        proxy: Option<&str>,
        own: OwnAddress,
    ) -> Result<Webhooks, String> {
        let http = Guarded::new(
            CONNECT_TIMEOUT,
            REQUEST_TIMEOUT,
            allow_private,
            proxy,
            own.clone(),
        )
        .map_err(|e| format!("cannot make the webhook client: {e}"))?;
        Ok(Webhooks {
            http,
            allow_private,
            sealer,
            public_url,
            own,
            scheme: OnceLock::new(),
        })
    }

    /// Notes where natter listens, once bound (its own address is never a webhook, nor a
    /// push endpoint).
    pub fn serving_at(&self, addr: SocketAddr, scheme: &'static str) {
        self.own.set(addr);
        let _ = self.scheme.set(scheme);
    }

    /// Where people and bots reach natter: `--public-url`, or the address it listens on.
    pub fn base_url(&self) -> String {
        if let Some(url) = &self.public_url {
            return url.clone();
        }
        let scheme = self.scheme.get().copied().unwrap_or("http");
        match self.own.get() {
            Some(addr) if addr.ip().is_unspecified() => {
                format!("{scheme}://127.0.0.1:{}", addr.port())
            }
            Some(addr) => format!("{scheme}://{addr}"),
            None => "http://127.0.0.1:8000".into(),
        }
    }

    /// Whether natter may call `url`: an absolute `http(s)://` URL of at most [`MAX_URL`]
    /// characters without credentials, whose host, when written as an address, is public
    /// (or any, with `--webhook-allow-private`), and which is not natter itself. A
    /// sentence saying why not otherwise.
    pub fn check_url(&self, url: &str) -> Result<reqwest::Url, &'static str> {
        if url.len() > MAX_URL {
            return Err("The URL is too long.");
        }
        let parsed = reqwest::Url::parse(url).map_err(|_| "Enter a valid URL.")?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err("The URL must be http:// or https://.");
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err("The URL must not carry a user name or password.");
        }
        let ip = match parsed.host() {
            None => return Err("Enter a valid URL."),
            Some(url::Host::Domain(name)) => {
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                (name == "localhost" || name.ends_with(".localhost"))
                    .then_some(std::net::IpAddr::from([127, 0, 0, 1]))
            }
            Some(url::Host::Ipv4(ip)) => Some(ip.into()),
            Some(url::Host::Ipv6(ip)) => Some(ip.into()),
        };
        if self.is_natter(&parsed, ip) {
            return Err("The URL must not be natter's own address.");
        }
        if ip.is_some_and(|ip| !addresses::is_public(ip)) && !self.allow_private {
            return Err("The URL must be on a public address (see --webhook-allow-private).");
        }
        Ok(parsed)
    }

    /// Whether `url` (whose host is `ip` when written as an address or `localhost`)
    /// reaches this server: its public URL's origin, or natter's own address
    /// (`OwnAddress::is_own`: any spelling of a loopback, unspecified or listening
    /// address on its port, and every address of the machine when it listens on all).
    /// A name is checked when it is called, on the address the connection reached.
    fn is_natter(&self, url: &reqwest::Url, ip: Option<std::net::IpAddr>) -> bool {
        let origin = url.origin().ascii_serialization();
        if let Some(public) = &self.public_url {
            if reqwest::Url::parse(public).is_ok_and(|p| p.origin().ascii_serialization() == origin)
            {
                return true;
            }
        }
        match (ip, url.port_or_known_default()) {
            (Some(ip), Some(port)) => self.own.is_own((ip, port).into(), None),
            _ => false,
        }
    }

    /// Posts `body` (JSON) to `url`, signed under the bot's `key` at `timestamp` (unix
    /// seconds), numbered `delivery` for the receiver to recognise a repeat.
    pub async fn call(
        &self,
        url: &str,
        key: &str,
        delivery: i64,
        timestamp: i64,
        body: Vec<u8>,
    ) -> Outcome {
        let url = match self.check_url(url) {
            Ok(url) => url,
            Err(why) => return Outcome::Refused { why: why.into() },
        };
        let request = match self.http.post(url).await {
            Ok(request) => request,
            Err(Blocked::Unresolved(why)) => return Outcome::Retry { after: None, why },
            Err(Blocked::Forbidden(why)) => return Outcome::Refused { why },
        };
        let signature = keys::signature(key, timestamp, &body);
        let sent = request
            .header("Content-Type", "application/json")
            .header("X-Natter-Timestamp", timestamp)
            .header("X-Natter-Signature", signature)
            .header("X-Natter-Delivery", delivery)
            .body(body)
            .send()
            .await;
        let mut response = match sent {
            Ok(r) => r,
            Err(e) if guarded::reached_itself(&e) => {
                return Outcome::Refused {
                    why: "the webhook leads to natter itself".into(),
                }
            }
            Err(e) => {
                return Outcome::Retry {
                    after: None,
                    why: if e.is_timeout() {
                        "the webhook did not answer in time".into()
                    } else {
                        format!("cannot reach the webhook: {}", without_url(&e))
                    },
                }
            }
        };
        let status = response.status();
        match status.as_u16() {
            200..=299 => {}
            429 | 500..=599 => {
                let after = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(Duration::from_secs);
                return Outcome::Retry {
                    after,
                    why: format!("the webhook answered {status}"),
                };
            }
            _ => {
                return Outcome::Refused {
                    why: format!("the webhook answered {status}"),
                }
            }
        }
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) if body.len() + chunk.len() <= MAX_ANSWER => {
                    body.extend_from_slice(&chunk)
                }
                // Too long to be a reply, or cut off: taken, with no reply.
                Ok(Some(_)) | Err(_) => {
                    body.clear();
                    break;
                }
                Ok(None) => break,
            }
        }
        Outcome::Answered { body, content_type }
    }
}

/// A reqwest error without its URL (a webhook URL may carry a secret in its path).
fn without_url(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    if let Some(url) = e.url() {
        text = text.replace(url.as_str(), "the webhook");
    }
    text
}
