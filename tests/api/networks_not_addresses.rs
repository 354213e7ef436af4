//! Rate limits count a client network, not an address: an IPv6 client
//! is limited per /64, since one host may pick any address in its /64; an IPv4 client
//! per address. Checked through a trusted proxy, which names the client, so the test can
//! speak for many addresses.

use crate::helpers::*;
use crate::proxies_and_tls::failed_login;
use reqwest::StatusCode;

#[tokio::test]
async fn ipv6_clients_share_the_login_budget_of_their_64() {
    let app = TestApp::spawn_with(&["--trusted-proxies", "127.0.0.1/32"]).await;
    // Five addresses of one /64, each used once: the budget of five is spent.
    for i in 1..=5 {
        let address = format!("2001:db8:aa:bb:{i:x}::{i:x}");
        assert_eq!(
            failed_login(&app, &address).await,
            StatusCode::UNAUTHORIZED,
            "{address}"
        );
    }
    assert_eq!(
        failed_login(&app, "2001:db8:aa:bb:ffff:ffff:ffff:fffe").await,
        StatusCode::TOO_MANY_REQUESTS,
        "a sixth address of the same /64 is the same client"
    );
    assert_eq!(
        failed_login(&app, "[2001:db8:aa:bb::99]:4711").await,
        StatusCode::TOO_MANY_REQUESTS,
        "with a port too"
    );
    // The next /64 is another client.
    assert_eq!(
        failed_login(&app, "2001:db8:aa:bc::1").await,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn ipv4_clients_are_limited_per_address_and_mapped_ipv6_is_ipv4() {
    let app = TestApp::spawn_with(&["--trusted-proxies", "127.0.0.1/32"]).await;
    for _ in 0..4 {
        assert_eq!(
            failed_login(&app, "198.51.100.7").await,
            StatusCode::UNAUTHORIZED
        );
    }
    // The same IPv4 client written as an IPv4-mapped IPv6 address spends the same budget.
    assert_eq!(
        failed_login(&app, "::ffff:198.51.100.7").await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        failed_login(&app, "198.51.100.7").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Its neighbour is not a /24 of one client.
    assert_eq!(
        failed_login(&app, "198.51.100.8").await,
        StatusCode::UNAUTHORIZED
    );
}
