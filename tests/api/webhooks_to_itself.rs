//! natter never calls itself through a bot's webhook, even with `--webhook-allow-private`:
//! not through an IPv4-mapped IPv6 spelling of its address, not through this machine's
//! other addresses when it listens on all of them (refused when the URL is saved), and
//! not through a name that resolves to it (refused when the call connects, before a byte
//! of the request is sent).

use crate::bots::bot_in_a_room;
use crate::metrics::{free_port, scrape, value};
use crate::outbound_proxy::{
    loopback_name, mention, set_webhook, spawn_natter, until_counted, CALLS_FAILED,
};
use reqwest::StatusCode;

const FLAGS: [&str; 3] = ["--rate-limits", "off", "--webhook-allow-private"];

/// The port of an address `host:port`.
fn port_of(addr: &str) -> &str {
    addr.rsplit(':').next().expect("a port")
}

/// This machine's address toward the internet, when it has one besides loopback: the
/// address a UDP socket is given when it connects (nothing is sent).
fn an_address_of_this_machine() -> Option<std::net::IpAddr> {
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

#[tokio::test]
async fn ipv4_mapped_spellings_of_natters_address_are_refused_when_saved() {
    let app = spawn_natter("127.0.0.1:0", &FLAGS, &[]);
    let (admin, _, _, bot, _) = bot_in_a_room(&app, "helper").await;
    let port = port_of(&app.addr);
    for url in [
        format!("http://[::ffff:127.0.0.1]:{port}/hooks/x"),
        format!("http://[::ffff:7f00:1]:{port}/hooks/x"),
        format!("http://[::ffff:0.0.0.0]:{port}/"),
        format!("http://[0:0:0:0:0:ffff:127.0.0.2]:{port}/"),
    ] {
        assert_eq!(
            set_webhook(&app, &admin, &bot, &url).await,
            StatusCode::BAD_REQUEST,
            "{url}"
        );
    }
    // The same spelling on another port is a bot beside natter.
    let beside = "http://[::ffff:127.0.0.1]:9/bot";
    assert_eq!(
        set_webhook(&app, &admin, &bot, beside).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn listening_on_every_address_each_address_of_the_machine_is_natters() {
    let Some(ip) = an_address_of_this_machine() else {
        crate::pg::skipped(
            "listening_on_every_address_each_address_of_the_machine_is_natters",
            "this machine has no address besides loopback",
            "a network interface with an address",
        );
        return;
    };
    let app = spawn_natter("0.0.0.0:0", &FLAGS, &[]);
    let (admin, _, _, bot, _) = bot_in_a_room(&app, "helper").await;
    let port = port_of(&app.addr);
    let host = match ip {
        std::net::IpAddr::V4(v4) => v4.to_string(),
        std::net::IpAddr::V6(v6) => format!("[{v6}]"),
    };
    let url = format!("http://{host}:{port}/hooks/x");
    assert_eq!(
        set_webhook(&app, &admin, &bot, &url).await,
        StatusCode::BAD_REQUEST,
        "{url}"
    );
    let beside = format!("http://{host}:9/bot");
    assert_eq!(
        set_webhook(&app, &admin, &bot, &beside).await,
        StatusCode::OK
    );
}

/// A name that resolves to natter is saved (names are checked when called), and the call
/// is refused once the connection shows where it leads: natter's hooks answered nothing.
#[tokio::test]
async fn a_name_that_resolves_to_natter_is_refused_when_called() {
    const HOOKS_ANSWERED: [&str; 3] = [
        r#"natter_http_requests_total{surface="hooks",status="2xx"}"#,
        r#"natter_http_requests_total{surface="hooks",status="4xx"}"#,
        r#"natter_http_requests_total{surface="hooks",status="5xx"}"#,
    ];
    let Some(name) = loopback_name() else {
        crate::pg::skipped(
            "a_name_that_resolves_to_natter_is_refused_when_called",
            "this machine's host name does not resolve to loopback only",
            "an /etc/hosts line mapping the host name to 127.0.0.1",
        );
        return;
    };
    let at = format!("127.0.0.1:{}", free_port());
    let mut flags = FLAGS.to_vec();
    flags.extend(["--metrics-listen", &at]);
    let app = spawn_natter("127.0.0.1:0", &flags, &[]);
    let metrics = format!("http://{at}/metrics");
    let (admin, person, room, bot, _) = bot_in_a_room(&app, "helper").await;
    let url = format!("http://{name}:{}/hooks/x", port_of(&app.addr));
    assert_eq!(set_webhook(&app, &admin, &bot, &url).await, StatusCode::OK);
    mention(&app, &person, room, "helper").await;
    assert_eq!(until_counted(&app, &metrics, CALLS_FAILED).await, 1.0);
    let scraped = scrape(&app, &metrics).await;
    for series in HOOKS_ANSWERED {
        assert_eq!(value(&scraped, series), 0.0, "{series}");
    }
}
