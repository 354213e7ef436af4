//! Which addresses natter may push to. A subscription's endpoint comes from a browser,
//! so from anyone: unchecked, it would make natter post to the machines around it
//! (`http://127.0.0.1:5432/`, a router's admin page, a cloud's metadata service). So an
//! endpoint must be `https://` on a public address, both when it is stored (an address
//! written in the URL) and when it is reached (what its name resolves to, checked by
//! [`PublicOnly`], so a name that later resolves to `10.0.0.1` is refused too), unless
//! the operator allows private push services (`--push-private-endpoints`). The client
//! that applies this is `push::guarded`.

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// Whether `ip` is an address on the public internet: not loopback, private, link-local,
/// shared (CGNAT), documentation, benchmarking, multicast, broadcast, unspecified or
/// reserved, nor an IPv6 form of one (IPv4-mapped, or a 6to4 address around one).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => public_v4(v4),
            None => public_v6(v6),
        },
    }
}

fn public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19))
        || a >= 240)
}

fn public_v6(ip: Ipv6Addr) -> bool {
    let [first, second, third, fourth, ..] = ip.segments();
    if first == 0x2002 {
        // 6to4: the IPv4 address in bits 16-47 is where a relay delivers it.
        let [a, b] = second.to_be_bytes();
        let [c, d] = third.to_be_bytes();
        return public_v4(Ipv4Addr::new(a, b, c, d));
    }
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00 // unique local
        || (first & 0xffc0) == 0xfe80 // link-local
        || (first & 0xffc0) == 0xfec0 // site-local (deprecated)
        || (first == 0x0100 && second == 0 && third == 0 && fourth == 0) // discard-only
        || (first == 0x2001 && second == 0x0db8) // documentation
        || (first == 0x2001 && second == 0) // Teredo, a tunnel to any IPv4 address
        || (first == 0x2001 && second == 0x0002 && third == 0) // benchmarking
        || (first == 0x2001 && (second & 0xffe0) == 0x0020) // ORCHIDv2
        || first == 0x0064 // NAT64 and its local-use prefix
        || ip.to_ipv4().is_some()) // IPv4-compatible (deprecated)
}

/// The system's resolver, keeping only public addresses: a name with none is an error.
pub struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let found = tokio::net::lookup_host((host.as_str(), 0)).await?;
            let public: Vec<SocketAddr> = found.filter(|a| is_public(a.ip())).collect();
            if public.is_empty() {
                return Err(Box::new(NotPublic(host)) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(public.into_iter()) as Addrs)
        })
    }
}

/// The error of [`PublicOnly`] for a name that resolves only to addresses natter may not
/// reach: a refusal, told apart from a name that does not resolve at all.
#[derive(Debug)]
pub struct NotPublic(pub String);

impl std::fmt::Display for NotPublic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} has no public address", self.0)
    }
}

impl std::error::Error for NotPublic {}

/// Whether a client error came from [`PublicOnly`] refusing a name's addresses.
pub fn is_not_public(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut at = Some(e);
    while let Some(e) = at {
        if e.is::<NotPublic>() {
            return true;
        }
        at = e.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::is_public;

    #[test]
    fn only_public_addresses_are_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:7f00:1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
            // 6to4 around a loopback, private and link-local IPv4 address.
            "2002:7f00:1::1",
            "2002:a00:1::",
            "2002:c0a8:101::1",
            "2002:a9fe:a9fe::",
            // Teredo, site-local, discard-only, benchmarking, ORCHIDv2.
            "2001::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "fec0::1",
            "feff::1",
            "100::",
            "100::ffff:ffff:ffff:ffff",
            "2001:2::1",
            "2001:20::1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in [
            "1.1.1.1",
            "142.250.1.1",
            "2a00:1450:4001::1",
            "::ffff:8.8.8.8",
            // 6to4 around a public IPv4 address.
            "2002:808:808::1",
            "2001:4860::8888",
        ] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }
}
