//! docs/deploy.md's coturn recipe against Debian's coturn: its `turnserver.conf`, read
//! out of the page, with only the trial's ports, secret and addresses changed and
//! coturn's own refusal of loopback peers turned off (`allow-loopback-peers`), so that
//! the recipe's `denied-peer-ip` lines alone do the refusing. With the credentials natter
//! hands a signed-in person, the test allocates an IPv4 and an IPv6 relay and asks for a
//! permission to reach an address of every range natter's outbound guard
//! (`push::addresses`) refuses: coturn must refuse each, and grant a public one.
//!
//! The TURN client is written here (RFC 8656's Allocate and CreatePermission, RFC 8489's
//! long-term credentials) because coturn's `turnutils_uclient` reports a refused peer
//! only in its log. Without coturn the test says SKIPPED and passes, unless
//! `NATTER_REQUIRE_TURN=1` (CI).

use crate::helpers::TestApp;
use std::net::IpAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tokio::net::UdpSocket;

/// coturn's address (not natter's 127.0.0.1, as in `turn_relay`).
const TURN_HOST: &str = "127.0.0.3";
const SECRET: &str = "recipe-secret";
const MAGIC: u32 = 0x2112_a442;

/// An address of each range natter's guard refuses, named after the range; IPv4 first.
const DENIED: &[(&str, &str)] = &[
    ("0.0.0.1", "this network"),
    ("10.1.2.3", "private 10/8"),
    ("100.64.0.1", "shared (CGNAT)"),
    ("100.100.100.200", "Alibaba's metadata service"),
    ("127.0.0.1", "loopback"),
    ("169.254.169.254", "link-local: the metadata service"),
    ("172.16.5.4", "private 172.16/12"),
    (
        "192.0.0.192",
        "IETF protocol assignments (Oracle's metadata)",
    ),
    ("192.0.2.1", "documentation"),
    ("192.168.1.1", "private 192.168/16"),
    ("198.18.0.1", "benchmarking"),
    ("198.51.100.7", "documentation"),
    ("203.0.113.9", "documentation"),
    ("224.0.0.251", "multicast"),
    ("240.0.0.1", "reserved"),
    ("255.255.255.255", "broadcast"),
    ("::1", "IPv6 loopback"),
    ("::ffff:127.0.0.1", "IPv4-mapped loopback"),
    ("::ffff:10.0.0.1", "IPv4-mapped private"),
    ("::ffff:169.254.169.254", "IPv4-mapped metadata service"),
    ("::a00:1", "IPv4-compatible"),
    ("64:ff9b::a00:1", "NAT64 around a private address"),
    ("100::1", "discard-only"),
    ("2001::1", "Teredo"),
    ("2001:2::1", "benchmarking"),
    ("2001:20::1", "ORCHIDv2"),
    ("2001:db8::1", "documentation"),
    ("2002:a00:1::1", "6to4 around a private address"),
    ("fd00:ec2::254", "unique local: AWS's IPv6 metadata service"),
    ("fc00::1", "unique local"),
    ("fe80::1", "link-local"),
    ("fec0::1", "site-local"),
    ("ff02::1", "multicast"),
];

/// Public addresses: a relay to them is what TURN is for.
const ALLOWED: &[&str] = &["1.1.1.1", "8.8.8.8", "2a00:1450:4001::1", "2606:4700::1111"];

/// Whether coturn can run here; prints why not, or panics under `NATTER_REQUIRE_TURN=1`.
fn can_run(test: &str) -> bool {
    if Path::new("/usr/bin/turnserver").exists() {
        return true;
    }
    let why = "coturn is not installed (apt-get install coturn)";
    if std::env::var("NATTER_REQUIRE_TURN").is_ok_and(|v| v == "1") {
        panic!("{test} needs coturn (NATTER_REQUIRE_TURN=1): {why}");
    }
    eprintln!("{test} SKIPPED: {why} (set NATTER_REQUIRE_TURN=1 to fail instead)");
    false
}

/// The body of the first ```conf block after the heading `### coturn` in docs/deploy.md.
fn recipe() -> String {
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/deploy.md"))
        .expect("docs/deploy.md");
    let section = page
        .split_once("\n### coturn\n")
        .expect("deploy.md has a ### coturn section")
        .1;
    let block = section
        .split_once("```conf\n")
        .expect("the section has a conf block")
        .1;
    block
        .split_once("\n```")
        .expect("the block ends")
        .0
        .to_string()
}

/// A UDP and TCP port free now at [`TURN_HOST`].
fn free_port() -> u16 {
    loop {
        let tcp = std::net::TcpListener::bind((TURN_HOST, 0)).expect("a free port");
        let port = tcp.local_addr().expect("its address").port();
        if std::net::UdpSocket::bind((TURN_HOST, port)).is_ok() {
            return port;
        }
    }
}

/// coturn running the recipe, stopped when dropped.
struct Coturn {
    child: Child,
    port: u16,
}

impl Coturn {
    fn start(dir: &Path) -> Coturn {
        let port = free_port();
        let low = port.saturating_add(1);
        let mut conf = String::new();
        for line in recipe().lines() {
            let key = line.split('=').next().unwrap_or_default();
            let line = match key {
                "listening-port" => format!("listening-port={port}"),
                "static-auth-secret" => format!("static-auth-secret={SECRET}"),
                "min-port" => format!("min-port={low}"),
                "max-port" => format!("max-port={}", low.saturating_add(40)),
                // The trial speaks plain UDP: no certificate, no TLS listener.
                "tls-listening-port" | "cert" | "pkey" => continue,
                _ => line.to_string(),
            };
            conf.push_str(&line);
            conf.push('\n');
        }
        for required in ["use-auth-secret", "denied-peer-ip=10.0.0.0-10.255.255.255"] {
            assert!(
                conf.lines().any(|l| l == required),
                "recipe lacks {required}"
            );
        }
        let log = dir.join("turn.log");
        conf.push_str(&format!(
            "listening-ip={TURN_HOST}\nrelay-ip={TURN_HOST}\nrelay-ip=::1\n\
             no-tls\nno-dtls\nallow-loopback-peers\nsimple-log\nlog-file={}\npidfile={}\n",
            log.display(),
            dir.join("turn.pid").display()
        ));
        let path = dir.join("turnserver.conf");
        std::fs::write(&path, conf).expect("write turnserver.conf");
        let child = Command::new("turnserver")
            .arg("-c")
            .arg(&path)
            .arg("--no-stdout-log")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("turnserver starts");
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect((TURN_HOST, port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "turnserver never listened: {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Coturn { child, port }
    }
}

impl Drop for Coturn {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A STUN message: its type, attributes as (type, value), and a transaction id.
fn message(kind: u16, txid: [u8; 12], attrs: &[(u16, Vec<u8>)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (t, v) in attrs {
        body.extend_from_slice(&t.to_be_bytes());
        body.extend_from_slice(&(v.len() as u16).to_be_bytes());
        body.extend_from_slice(v);
        body.resize(body.len().next_multiple_of(4), 0);
    }
    let mut m = Vec::new();
    m.extend_from_slice(&kind.to_be_bytes());
    m.extend_from_slice(&(body.len() as u16).to_be_bytes());
    m.extend_from_slice(&MAGIC.to_be_bytes());
    m.extend_from_slice(&txid);
    m.extend_from_slice(&body);
    m
}

/// `m` with MESSAGE-INTEGRITY (HMAC-SHA1 under `key`) appended, the length counting it.
fn signed(mut m: Vec<u8>, key: &[u8]) -> Vec<u8> {
    let length = u16::from_be_bytes([m[2], m[3]]) + 24;
    m[2..4].copy_from_slice(&length.to_be_bytes());
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, key);
    let tag = ring::hmac::sign(&key, &m);
    m.extend_from_slice(&0x0008u16.to_be_bytes());
    m.extend_from_slice(&20u16.to_be_bytes());
    m.extend_from_slice(tag.as_ref());
    m
}

/// The attributes of a STUN reply, with its type.
fn parse(reply: &[u8]) -> (u16, Vec<(u16, Vec<u8>)>) {
    assert!(reply.len() >= 20, "a STUN reply: {reply:?}");
    let kind = u16::from_be_bytes([reply[0], reply[1]]);
    let mut attrs = Vec::new();
    let mut at = 20;
    while at + 4 <= reply.len() {
        let t = u16::from_be_bytes([reply[at], reply[at + 1]]);
        let n = usize::from(u16::from_be_bytes([reply[at + 2], reply[at + 3]]));
        let end = (at + 4 + n).min(reply.len());
        attrs.push((t, reply[at + 4..end].to_vec()));
        at = (at + 4 + n).next_multiple_of(4);
    }
    (kind, attrs)
}

fn attr(attrs: &[(u16, Vec<u8>)], t: u16) -> Option<Vec<u8>> {
    attrs.iter().find(|(k, _)| *k == t).map(|(_, v)| v.clone())
}

/// The ERROR-CODE of a reply, or 0 for none (a success).
fn error_code(attrs: &[(u16, Vec<u8>)]) -> u16 {
    attr(attrs, 0x0009).map_or(0, |v| u16::from(v[2] & 7) * 100 + u16::from(v[3]))
}

/// XOR-PEER-ADDRESS for `ip` (port 3480) in the transaction `txid`.
fn xor_peer(ip: IpAddr, txid: &[u8; 12]) -> Vec<u8> {
    let port = 3480u16 ^ (MAGIC >> 16) as u16;
    let mut mask = MAGIC.to_be_bytes().to_vec();
    mask.extend_from_slice(txid);
    let (family, octets) = match ip {
        IpAddr::V4(v4) => (1u8, v4.octets().to_vec()),
        IpAddr::V6(v6) => (2u8, v6.octets().to_vec()),
    };
    let mut v = vec![0, family];
    v.extend_from_slice(&port.to_be_bytes());
    v.extend(octets.iter().zip(&mask).map(|(a, m)| a ^ m));
    v
}

/// One allocation on coturn, with the long-term credentials it was made with.
struct Allocation {
    socket: UdpSocket,
    username: String,
    realm: Vec<u8>,
    nonce: Vec<u8>,
    key: Vec<u8>,
    serial: u8,
}

impl Allocation {
    /// Allocates a UDP relay of `family` (1 IPv4, 2 IPv6) for `username`/`password`.
    async fn new(port: u16, family: u8, username: &str, password: &str) -> Allocation {
        let socket = UdpSocket::bind((TURN_HOST, 0)).await.expect("udp socket");
        socket.connect((TURN_HOST, port)).await.expect("connect");
        let mut a = Allocation {
            socket,
            username: username.to_string(),
            realm: Vec::new(),
            nonce: Vec::new(),
            key: Vec::new(),
            serial: 0,
        };
        let mut wants = vec![(0x0019, vec![17, 0, 0, 0])];
        if family == 2 {
            wants.push((0x0017, vec![2, 0, 0, 0]));
        }
        // The first ask is refused with 401, the realm and a nonce.
        let (code, attrs) = a.ask(0x0003, wants.clone(), false).await;
        assert_eq!(code, 401, "an Allocate without credentials");
        a.realm = attr(&attrs, 0x0014).expect("REALM");
        a.nonce = attr(&attrs, 0x0015).expect("NONCE");
        let realm = String::from_utf8_lossy(&a.realm).to_string();
        a.key = md5_of(&format!("{username}:{realm}:{password}"));
        let (code, attrs) = a.ask(0x0003, wants, true).await;
        assert_eq!(
            code,
            0,
            "Allocate (family {family}): {:?}",
            attr(&attrs, 0x0009).map(|v| String::from_utf8_lossy(&v[4..]).to_string())
        );
        a
    }

    /// Sends one request of `method` and waits (5 s, asking again each second) for its
    /// answer: (error code or 0, attributes).
    async fn ask(
        &mut self,
        method: u16,
        attrs: Vec<(u16, Vec<u8>)>,
        auth: bool,
    ) -> (u16, Vec<(u16, Vec<u8>)>) {
        self.serial += 1;
        let txid = [self.serial; 12];
        let mut all = attrs;
        if auth {
            all.push((0x0006, self.username.as_bytes().to_vec()));
            all.push((0x0014, self.realm.clone()));
            all.push((0x0015, self.nonce.clone()));
        }
        let resolved: Vec<(u16, Vec<u8>)> = all
            .into_iter()
            .map(|(t, v)| match (t, v.as_slice()) {
                // A peer written as text is XORed with this transaction's id.
                (0x0012, text) => {
                    let ip: IpAddr = String::from_utf8_lossy(text).parse().expect("an address");
                    (t, xor_peer(ip, &txid))
                }
                _ => (t, v),
            })
            .collect();
        let mut m = message(method, txid, &resolved);
        if auth {
            m = signed(m, &self.key);
        }
        let mut buf = [0u8; 1500];
        for _ in 0..5 {
            self.socket.send(&m).await.expect("send to coturn");
            let Ok(got) =
                tokio::time::timeout(Duration::from_secs(1), self.socket.recv(&mut buf)).await
            else {
                continue;
            };
            let n = got.expect("recv from coturn");
            if buf[8..20] != txid {
                continue;
            }
            let (_, attrs) = parse(&buf[..n]);
            return (error_code(&attrs), attrs);
        }
        panic!("coturn did not answer method {method:#06x}");
    }

    /// CreatePermission for `peer`: coturn's error code, 0 when granted.
    async fn permit(&mut self, peer: &str) -> u16 {
        let (code, attrs) = self
            .ask(0x0008, vec![(0x0012, peer.as_bytes().to_vec())], true)
            .await;
        if code == 438 {
            // A stale nonce: ask again with the new one.
            self.nonce = attr(&attrs, 0x0015).expect("a new NONCE");
            return Box::pin(self.permit(peer)).await;
        }
        code
    }
}

fn md5_of(text: &str) -> Vec<u8> {
    use md5::Digest;
    md5::Md5::digest(text.as_bytes()).to_vec()
}

/// The TURN credentials natter gives a new person, with coturn's secret.
async fn credentials(dir: &Path, turn: &Coturn) -> (TestApp, String, String) {
    let secret = dir.join("turn-secret");
    std::fs::write(&secret, format!("{SECRET}\n")).expect("secret file");
    let url = format!("turn:{TURN_HOST}:{}?transport=udp", turn.port);
    let secret_arg = secret.to_string_lossy().to_string();
    let app = TestApp::spawn_with(&["--turn", &url, "--turn-secret-file", &secret_arg]).await;
    let (_, key) = app.register("ann").await;
    let (status, body) = app.get("/api/calls/ice-servers/", &key).await;
    assert_eq!(status, 200, "{body}");
    let server = &body["ice_servers"][0];
    let text = |v: &serde_json::Value| v.as_str().expect("a string").to_string();
    (app, text(&server["username"]), text(&server["credential"]))
}

#[tokio::test]
async fn the_coturn_recipe_relays_to_no_address_natter_would_not_reach_itself() {
    if !can_run("the_coturn_recipe_relays_to_no_address_natter_would_not_reach_itself") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let turn = Coturn::start(dir.path());
    let (_app, username, password) = credentials(dir.path(), &turn).await;
    let mut v4 = Allocation::new(turn.port, 1, &username, &password).await;
    let mut v6 = Allocation::new(turn.port, 2, &username, &password).await;
    let mut relayed = Vec::new();
    for (peer, range) in DENIED {
        let ip: IpAddr = peer.parse().expect("an address");
        // natter's own guard refuses each of them: the list is the guard's, not a guess.
        assert!(
            !natter::push::addresses::is_public(ip),
            "{peer} is public to natter"
        );
        let allocation = if ip.is_ipv4() { &mut v4 } else { &mut v6 };
        // 403 is the deny list's answer; any refusal keeps the peer out.
        if allocation.permit(peer).await == 0 {
            relayed.push(format!("{peer} ({range})"));
        }
    }
    assert!(
        relayed.is_empty(),
        "the recipe lets a relay reach: {relayed:#?}"
    );
    for peer in ALLOWED {
        let ip: IpAddr = peer.parse().expect("an address");
        let allocation = if ip.is_ipv4() { &mut v4 } else { &mut v6 };
        assert_eq!(allocation.permit(peer).await, 0, "{peer}: a public address");
    }
}
