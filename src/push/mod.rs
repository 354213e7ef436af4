//! Talking to push services: RFC 8030 requests with payloads
//! encrypted as RFC 8291 says (aes128gcm, web-push-native's code) and signed as RFC 8292
//! says ([`vapid`]), over reqwest on rustls. It knows nothing of chats: the domain
//! decides who is pushed and what (`domain::push`), and this sends one push and says how
//! the push service answered. A Matrix app's push gateway is reached the same way
//! ([`matrix_gateway`]).

pub mod addresses;
pub mod guarded;
pub mod matrix_gateway;
pub mod own_address;
pub mod vapid;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use guarded::{Blocked, Guarded};
use own_address::OwnAddress;
use std::time::Duration;
use vapid::VapidKey;

/// Longest endpoint accepted (FCM's are about 200 characters, Mozilla's about 300).
pub const MAX_ENDPOINT: usize = 1024;

/// How long a push service has to accept a connection, and then the whole request: one
/// that hangs costs a sending slot this long, never a message's send.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a push service keeps a push for a browser that is offline (RFC 8030 `TTL`):
/// a day-old chat line is not worth a notification.
const TTL_SECS: u64 = 24 * 60 * 60;

/// Where one push goes: a subscription as the browser gave it.
pub struct Target<'a> {
    pub endpoint: &'a str,
    /// The browser's P-256 public key, base64url.
    pub p256dh: &'a str,
    /// The browser's 16-byte auth secret, base64url.
    pub auth: &'a str,
}

/// How a push service answered one push.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// 2xx: taken.
    Delivered,
    /// 404 or 410: the subscription is gone for good.
    Gone,
    /// 429, 5xx, a timeout or a refused connection: try again later, not before
    /// `after` when the service said so (`Retry-After`).
    Retry {
        after: Option<Duration>,
        why: String,
    },
    /// Anything else (another 4xx, keys that cannot encrypt): this push will never go.
    Refused { why: String },
}

/// The HTTP client, the server's VAPID key and the operator's choices.
pub struct PushClient {
    http: Guarded,
    vapid: VapidKey,
    contact: Option<String>,
    allow_private: bool,
    own: OwnAddress,
}

impl PushClient {
    /// A client signing with `vapid`; `allow_private`: `--push-private-endpoints`;
    /// `proxy`: `--outbound-proxy`; never pushing to natter's `own` address.
    pub fn new(
        vapid: VapidKey,
        contact: Option<String>,
        allow_private: bool,
        proxy: Option<&str>,
        own: OwnAddress,
    ) -> Result<PushClient, String> {
        let http = Guarded::new(
            CONNECT_TIMEOUT,
            REQUEST_TIMEOUT,
            allow_private,
            proxy,
            own.clone(),
        )
        .map_err(|e| format!("cannot make the push client: {e}"))?;
        Ok(PushClient {
            http,
            vapid,
            contact,
            allow_private,
            own,
        })
    }

    /// The VAPID public key, base64url: what browsers subscribe with.
    pub fn public_key(&self) -> &str {
        self.vapid.public_key()
    }

    /// Whether natter may push to `endpoint`: an absolute `https://` URL (or `http://`
    /// with `--push-private-endpoints`) of at most [`MAX_ENDPOINT`] characters, whose host,
    /// when written as an address, is public (unless private ones are allowed) and not
    /// natter's own. A sentence saying why not otherwise.
    pub fn check_endpoint(&self, endpoint: &str) -> Result<reqwest::Url, &'static str> {
        if endpoint.len() > MAX_ENDPOINT {
            return Err("The endpoint is too long.");
        }
        let url = reqwest::Url::parse(endpoint).map_err(|_| "Enter a valid URL.")?;
        match url.scheme() {
            "https" => {}
            "http" if self.allow_private => {}
            _ => return Err("The endpoint must be an https:// URL."),
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err("The endpoint must not carry a user name or password.");
        }
        let ip: Option<std::net::IpAddr> = match url.host() {
            None => return Err("Enter a valid URL."),
            Some(url::Host::Domain(_)) => None,
            Some(url::Host::Ipv4(ip)) => Some(ip.into()),
            Some(url::Host::Ipv6(ip)) => Some(ip.into()),
        };
        let port = url.port_or_known_default().unwrap_or(443);
        if ip.is_some_and(|ip| self.own.is_own((ip, port).into(), None)) {
            return Err("The endpoint must not be natter's own address.");
        }
        if ip.is_some_and(|ip| !addresses::is_public(ip)) && !self.allow_private {
            return Err("The endpoint must be on a public address.");
        }
        Ok(url)
    }

    /// Sends `payload` (JSON, at most a few KB) to `target`, encrypted for it. Pushes with
    /// the same `topic` replace each other while they wait at the push service.
    pub async fn send(&self, target: &Target<'_>, payload: &[u8], topic: &str) -> Outcome {
        let url = match self.check_endpoint(target.endpoint) {
            Ok(url) => url,
            Err(why) => return Outcome::Refused { why: why.into() },
        };
        let body = match encrypt(target, payload) {
            Ok(body) => body,
            Err(why) => return Outcome::Refused { why },
        };
        let origin = url.origin().ascii_serialization();
        let authorization = match self.vapid.authorization(&origin, self.contact.as_deref()) {
            Ok(a) => a,
            Err(why) => return Outcome::Refused { why },
        };
        let request = match self.http.post(url).await {
            Ok(request) => request,
            Err(Blocked::Unresolved(why)) => return Outcome::Retry { after: None, why },
            Err(Blocked::Forbidden(why)) => return Outcome::Refused { why },
        };
        let sent = request
            .header("TTL", TTL_SECS)
            .header("Topic", topic)
            .header("Urgency", "normal")
            .header("Content-Encoding", "aes128gcm")
            .header("Content-Type", "application/octet-stream")
            .header("Authorization", authorization)
            .body(body)
            .send()
            .await;
        let response = match answered(sent, "push service") {
            Ok(r) => r,
            Err(outcome) => return outcome,
        };
        let status = response.status();
        let retry_after = retry_after(&response);
        match status.as_u16() {
            200..=299 => Outcome::Delivered,
            404 | 410 => Outcome::Gone,
            other => not_taken(other, retry_after, "push service"),
        }
    }
}

/// Whether `p256dh` and `auth` are keys a payload can be encrypted for: a P-256 point
/// and 16 bytes, base64url. A sentence saying which is wrong otherwise.
pub fn check_keys(p256dh: &str, auth: &str) -> Result<(), (&'static str, &'static str)> {
    keys(p256dh, auth).map(|_| ())
}

type Keys = (web_push_native::p256::PublicKey, web_push_native::Auth);

fn keys(p256dh: &str, auth: &str) -> Result<Keys, (&'static str, &'static str)> {
    let decode = |s: &str| URL_SAFE_NO_PAD.decode(s.trim().trim_end_matches('='));
    let point = decode(p256dh)
        .ok()
        .and_then(|b| web_push_native::p256::PublicKey::from_sec1_bytes(&b).ok())
        .ok_or((
            "p256dh",
            "Enter the browser's P-256 public key (base64url).",
        ))?;
    let secret = decode(auth).ok().filter(|b| b.len() == 16).ok_or((
        "auth",
        "Enter the browser's 16-byte auth secret (base64url).",
    ))?;
    Ok((point, web_push_native::Auth::clone_from_slice(&secret)))
}

fn encrypt(target: &Target<'_>, payload: &[u8]) -> Result<Vec<u8>, String> {
    let (point, auth) = keys(target.p256dh, target.auth).map_err(|(_, why)| why.to_string())?;
    web_push_native::encrypt(payload.to_vec(), &point, &auth)
        .map_err(|e| format!("cannot encrypt the push: {e}"))
}

/// The response of a request to a push service or gateway (`what`), or how a failure
/// to get one counts: natter reached itself (refused), anything else tried again.
fn answered(
    sent: Result<reqwest::Response, reqwest::Error>,
    what: &str,
) -> Result<reqwest::Response, Outcome> {
    match sent {
        Ok(r) => Ok(r),
        Err(e) if guarded::reached_itself(&e) => Err(Outcome::Refused {
            why: format!("the {what} leads to natter itself"),
        }),
        Err(e) => Err(Outcome::Retry {
            after: None,
            why: if e.is_timeout() {
                format!("the {what} did not answer in time")
            } else {
                format!("cannot reach the {what}: {e}")
            },
        }),
    }
}

/// A response's `Retry-After` in seconds, if it gave one.
fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs)
}

/// A status that did not take the push: 429 and 5xx are tried again (not before
/// `after`), anything else never goes.
fn not_taken(status: u16, after: Option<Duration>, what: &str) -> Outcome {
    match status {
        429 | 500..=599 => Outcome::Retry {
            after,
            why: format!("the {what} answered {status}"),
        },
        _ => Outcome::Refused {
            why: format!("the {what} answered {status}"),
        },
    }
}
