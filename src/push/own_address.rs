//! natter's own address, which no push or webhook may reach: a URL that leads back to
//! natter would make it post signed requests to its own API. A URL is checked when it is
//! saved (an address written in it) and every connection when it is made (the address it
//! reached, whatever name led there), by a layer on the HTTP client's connector
//! ([`RefuseOwn`]) that drops the connection before a byte of the request is sent.

use hyper_util::client::legacy::connect::{Connection, HttpInfo};
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};

/// Where natter listens, once bound; shared by the push and webhook clients.
#[derive(Clone, Debug, Default)]
pub struct OwnAddress(Arc<OnceLock<SocketAddr>>);

impl OwnAddress {
    /// Notes the bound listening address (the first call wins).
    pub fn set(&self, addr: SocketAddr) {
        let _ = self.0.set(addr);
    }

    /// The listening address, once bound.
    pub fn get(&self) -> Option<SocketAddr> {
        self.0.get().copied()
    }

    /// Whether `peer` is natter: on its listening port, a loopback or unspecified
    /// address, the listening address, or, when natter listens on every address, any
    /// address of this machine (`local` is the connection's own end, when there is one:
    /// a connection to one of this machine's addresses starts from that address). An
    /// IPv4-mapped IPv6 address counts as its IPv4 address.
    pub fn is_own(&self, peer: SocketAddr, local: Option<IpAddr>) -> bool {
        let Some(listening) = self.get() else {
            return false;
        };
        if peer.port() != listening.port() {
            return false;
        }
        let ip = canonical(peer.ip());
        let listening_ip = canonical(listening.ip());
        ip.is_loopback()
            || ip.is_unspecified()
            || ip == listening_ip
            || (listening_ip.is_unspecified()
                && (local.map(canonical) == Some(ip) || of_this_machine(ip)))
    }
}

/// `ip`, with an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) as its IPv4 address, so
/// one address has one spelling when compared.
pub fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// Whether `ip` is an address of one of this machine's interfaces: only those can be
/// bound.
fn of_this_machine(ip: IpAddr) -> bool {
    std::net::UdpSocket::bind(SocketAddr::new(ip, 0)).is_ok()
}

/// The error a connection to natter itself ends with.
#[derive(Debug)]
pub struct CallsItself;

impl std::fmt::Display for CallsItself {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the address is natter's own")
    }
}

impl std::error::Error for CallsItself {}

/// Whether a client error came from [`RefuseOwn`].
pub fn is_calls_itself(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut at = Some(e);
    while let Some(e) = at {
        if e.is::<CallsItself>() {
            return true;
        }
        at = e.source();
    }
    false
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A connector layer that refuses every connection whose far end is natter itself.
#[derive(Clone)]
pub struct RefuseOwn(pub OwnAddress);

impl<S> tower_layer::Layer<S> for RefuseOwn {
    type Service = RefuseOwnService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        RefuseOwnService {
            inner,
            own: self.0.clone(),
        }
    }
}

/// The connector under [`RefuseOwn`].
#[derive(Clone)]
pub struct RefuseOwnService<S> {
    inner: S,
    own: OwnAddress,
}

impl<S, R> tower_service::Service<R> for RefuseOwnService<S>
where
    S: tower_service::Service<R, Error = BoxError>,
    S::Response: Connection + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<S::Response, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: R) -> Self::Future {
        let own = self.own.clone();
        let connecting = self.inner.call(request);
        Box::pin(async move {
            let connection = connecting.await?;
            let mut extras = hyper::http::Extensions::new();
            connection.connected().get_extras(&mut extras);
            if let Some(info) = extras.get::<HttpInfo>() {
                if own.is_own(info.remote_addr(), Some(info.local_addr().ip())) {
                    return Err(Box::new(CallsItself) as BoxError);
                }
            }
            Ok(connection)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own(listening: &str) -> OwnAddress {
        let own = OwnAddress::default();
        own.set(listening.parse().unwrap());
        own
    }

    fn at(addr: &str) -> SocketAddr {
        addr.parse().unwrap()
    }

    #[test]
    fn every_spelling_of_the_listening_address_is_own() {
        let own = own("127.0.0.1:8000");
        for peer in [
            "127.0.0.1:8000",
            "127.0.0.2:8000",
            "[::1]:8000",
            "[::ffff:127.0.0.1]:8000",
            "[::ffff:7f00:1]:8000",
            "0.0.0.0:8000",
            "[::]:8000",
        ] {
            assert!(own.is_own(at(peer), None), "{peer}");
        }
        for other in ["127.0.0.1:9000", "[::ffff:127.0.0.1]:9000", "8.8.8.8:8000"] {
            assert!(!own.is_own(at(other), None), "{other}");
        }
    }

    #[test]
    fn listening_everywhere_makes_each_address_of_the_machine_own() {
        let own = own("0.0.0.0:8000");
        // The far end of a connection that started from that same address is this machine.
        assert!(own.is_own(
            at("198.51.100.7:8000"),
            Some("198.51.100.7".parse().unwrap())
        ));
        assert!(own.is_own(
            at("[::ffff:198.51.100.7]:8000"),
            Some("198.51.100.7".parse().unwrap())
        ));
        assert!(!own.is_own(
            at("198.51.100.7:8000"),
            Some("198.51.100.8".parse().unwrap())
        ));
        assert!(!own.is_own(
            at("198.51.100.7:8001"),
            Some("198.51.100.7".parse().unwrap())
        ));
        // Listening on one address, another address of the machine is not natter.
        let one = self::own("198.51.100.7:8000");
        assert!(one.is_own(at("198.51.100.7:8000"), None));
        assert!(!one.is_own(
            at("198.51.100.8:8000"),
            Some("198.51.100.8".parse().unwrap())
        ));
    }

    #[test]
    fn nothing_is_own_before_natter_listens() {
        assert!(!OwnAddress::default().is_own(at("127.0.0.1:8000"), None));
    }
}
