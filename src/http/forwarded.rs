//! Who the client is when natter sits behind a reverse proxy. Only a TCP peer inside
//! `--trusted-proxies` is believed: then the client's address is the right-most
//! `X-Forwarded-For` hop that is not itself a trusted proxy, and the scheme and host come
//! from `X-Forwarded-Proto` and `X-Forwarded-Host` (or `Host`). From any other peer those
//! headers are ignored, so no client can choose the address its limits are counted under.

use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};
use warp::http::HeaderMap;

/// The client as natter resolved it from the connection and, behind a trusted proxy,
/// the forwarding headers.
#[derive(Debug, Clone, Default)]
pub struct Client {
    /// The address that keys rate limits; `None` when the connection had no peer address.
    pub ip: Option<IpAddr>,
    /// Whether the client spoke HTTPS (to natter or to the proxy in front).
    pub https: bool,
    /// The host the client asked for, with its port if it named one.
    pub host: Option<String>,
}

/// The networks whose forwarding headers are believed.
#[derive(Debug, Default, Clone)]
pub struct TrustedProxies {
    nets: Vec<IpNet>,
}

impl TrustedProxies {
    /// From `--trusted-proxies`: CIDRs or single addresses; a bad entry is an error naming it.
    pub fn new(entries: &[String]) -> Result<TrustedProxies, String> {
        let nets = entries
            .iter()
            .map(|e| e.trim())
            .filter(|e| !e.is_empty())
            .map(|e| {
                e.parse::<IpNet>()
                    .or_else(|_| e.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        format!(
                            "--trusted-proxies: {e:?} is not an address or CIDR like 10.0.0.0/8"
                        )
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(TrustedProxies { nets })
    }

    /// Whether `ip` is one of the trusted proxies.
    pub fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.nets.iter().any(|net| net.contains(&ip))
    }

    /// The client of a request that came from `peer` (over TLS when `tls`).
    pub fn resolve(&self, peer: Option<SocketAddr>, tls: bool, headers: &HeaderMap) -> Client {
        let peer_ip = peer.map(|p| canonical(p.ip()));
        let own_host = || first_value(headers, "host").filter(|h| is_host(h));
        let direct = Client {
            ip: peer_ip,
            https: tls,
            host: own_host(),
        };
        let Some(peer_ip) = peer_ip.filter(|ip| self.trusts(*ip)) else {
            return direct;
        };
        let ip = self.client_behind(peer_ip, headers);
        let https = match first_value(headers, "x-forwarded-proto")
            .map(|p| p.to_ascii_lowercase())
            .as_deref()
        {
            Some("https") => true,
            Some("http") => false,
            _ => tls,
        };
        let host = first_value(headers, "x-forwarded-host")
            .filter(|h| is_host(h))
            .or_else(own_host);
        Client {
            ip: Some(ip),
            https,
            host,
        }
    }

    /// The right-most `X-Forwarded-For` hop that is not a trusted proxy; the left-most
    /// hop when every one is trusted; `peer` when the header is missing or a hop is not an
    /// address (nothing left of a garbled hop is believed).
    fn client_behind(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let hops: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect();
        let mut client = peer;
        for hop in hops.iter().rev() {
            let Some(ip) = parse_hop(hop) else {
                return client;
            };
            client = ip;
            if !self.trusts(ip) {
                return ip;
            }
        }
        client
    }
}

/// An address as proxies write it: `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1` or
/// `[2001:db8::1]:5678`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(ip) = hop.parse::<IpAddr>() {
        return Some(canonical(ip));
    }
    hop.parse::<SocketAddr>().ok().map(|s| canonical(s.ip()))
}

/// IPv4 addresses that arrive mapped into IPv6 (`::ffff:1.2.3.4`) as plain IPv4, so one
/// client has one key and `127.0.0.1/8` matches it.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The first value of a header (the first line, before any comma).
fn first_value(headers: &HeaderMap, name: &str) -> Option<String> {
    let value = headers.get(name)?.to_str().ok()?;
    let first = value.split(',').next()?.trim();
    (!first.is_empty()).then(|| first.to_string())
}

/// Whether `host` is a host name or address with an optional port, nothing else.
fn is_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 255
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
}

#[cfg(test)]
mod tests {
    use super::TrustedProxies;
    use std::net::{IpAddr, SocketAddr};
    use warp::http::HeaderMap;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.append(*k, v.parse().expect("header value"));
        }
        map
    }

    fn peer(ip: &str) -> Option<SocketAddr> {
        Some(SocketAddr::new(ip.parse().expect("ip"), 40000))
    }

    #[test]
    fn an_untrusted_peer_cannot_choose_its_address_scheme_or_host() {
        let proxies = TrustedProxies::new(&["10.0.0.0/8".into()]).expect("valid");
        let h = headers(&[
            ("host", "natter.example"),
            ("x-forwarded-for", "6.6.6.6"),
            ("x-forwarded-proto", "https"),
            ("x-forwarded-host", "evil.example"),
        ]);
        let client = proxies.resolve(peer("192.0.2.7"), false, &h);
        assert_eq!(client.ip, Some("192.0.2.7".parse::<IpAddr>().expect("ip")));
        assert!(!client.https);
        assert_eq!(client.host.as_deref(), Some("natter.example"));
    }

    #[test]
    fn behind_trusted_proxies_the_rightmost_untrusted_hop_is_the_client() {
        let proxies =
            TrustedProxies::new(&["10.0.0.0/8".into(), "127.0.0.1".into()]).expect("valid");
        let h = headers(&[
            ("host", "127.0.0.1:8000"),
            ("x-forwarded-for", "6.6.6.6, 203.0.113.9"),
            ("x-forwarded-for", "10.1.2.3"),
            ("x-forwarded-proto", "https"),
            ("x-forwarded-host", "chat.example.org"),
        ]);
        let client = proxies.resolve(peer("127.0.0.1"), false, &h);
        assert_eq!(
            client.ip,
            Some("203.0.113.9".parse::<IpAddr>().expect("ip"))
        );
        assert!(client.https);
        assert_eq!(client.host.as_deref(), Some("chat.example.org"));
    }

    #[test]
    fn mapped_ipv4_peers_and_garbled_hops_fall_back_safely() {
        let proxies = TrustedProxies::new(&["127.0.0.0/8".into()]).expect("valid");
        let h = headers(&[("x-forwarded-for", "not-an-ip, 198.51.100.4:5555")]);
        let client = proxies.resolve(peer("::ffff:127.0.0.1"), false, &h);
        assert_eq!(
            client.ip,
            Some("198.51.100.4".parse::<IpAddr>().expect("ip"))
        );
        let h = headers(&[("x-forwarded-for", "198.51.100.4, garbage")]);
        let client = proxies.resolve(peer("127.0.0.1"), false, &h);
        assert_eq!(client.ip, Some("127.0.0.1".parse::<IpAddr>().expect("ip")));
        assert!(TrustedProxies::new(&["10.0.0.0/33".into()]).is_err());
    }
}
