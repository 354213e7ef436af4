//! The Matrix surface's setting (`--matrix-server-name`): the server name every Matrix
//! id of this server carries.

/// `--matrix-server-name`: a DNS name, an IPv4 address or a bracketed IPv6 address, with
/// an optional port, as Matrix writes a server name.
pub fn server_name(value: &str) -> Result<String, String> {
    let name = value.trim();
    match is_server_name(name) {
        true => Ok(name.to_string()),
        false => {
            Err("give a host name or address, with an optional :port (chat.example.org)".into())
        }
    }
}

/// Whether `name` is a server name as Matrix writes one: a DNS name, an IPv4 address
/// or a bracketed IPv6 address, with an optional port.
fn is_server_name(name: &str) -> bool {
    let (host, port) = match name.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(':') && !port.contains(']') => (host, Some(port)),
        _ => (name, None),
    };
    if let Some(port) = port {
        if port.is_empty() || port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return v6.parse::<std::net::Ipv6Addr>().is_ok();
    }
    !host.is_empty()
        && host.len() <= 255
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_names_are_hosts_with_an_optional_port() {
        for good in [
            "example.org",
            "example.org:8448",
            "127.0.0.1:8000",
            "[::1]:80",
            "[::1]",
            "localhost",
        ] {
            assert!(is_server_name(good), "{good}");
        }
        for bad in [
            "",
            "exa mple.org",
            "example.org:",
            "example.org:99999x",
            "[::1",
            "a/b",
            "é.org",
            ":80",
        ] {
            assert!(!is_server_name(bad), "{bad}");
        }
    }
}
