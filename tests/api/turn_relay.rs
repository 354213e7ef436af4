//! natter's TURN credentials against a real TURN server: Debian's coturn
//! (`turnserver`, with `use-auth-secret` and natter's shared secret) allocates a relay
//! for the credentials `/api/calls/ice-servers/` hands out, and refuses a forged or an
//! expired one. coturn's own client (`turnutils_uclient`) does the allocating and sends
//! through the relay. Without coturn each test prints why it was skipped and passes,
//! unless `NATTER_REQUIRE_TURN=1` (CI).

use crate::helpers::TestApp;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// coturn's address: not natter's 127.0.0.1, where a port picked free could be taken by
/// a natter of a test running beside this one before coturn binds it.
const TURN_HOST: &str = "127.0.0.3";
const SECRET: &str = "north-wind";

/// Whether coturn can run here; prints why not, or panics under `NATTER_REQUIRE_TURN=1`.
fn can_run(test: &str) -> bool {
    let have = ["/usr/bin/turnserver", "/usr/bin/turnutils_uclient"]
        .iter()
        .all(|p| Path::new(p).exists());
    if have {
        return true;
    }
    let why = "coturn is not installed (apt-get install coturn)";
    if std::env::var("NATTER_REQUIRE_TURN").is_ok_and(|v| v == "1") {
        panic!("{test} needs coturn (NATTER_REQUIRE_TURN=1): {why}");
    }
    eprintln!("{test} SKIPPED: {why} (set NATTER_REQUIRE_TURN=1 to fail instead)");
    false
}

/// A port free now at [`TURN_HOST`], for both UDP and TCP.
fn free_port() -> u16 {
    loop {
        let tcp = std::net::TcpListener::bind((TURN_HOST, 0)).expect("a free port");
        let port = tcp.local_addr().expect("its address").port();
        if std::net::UdpSocket::bind((TURN_HOST, port)).is_ok() {
            return port;
        }
    }
}

/// A running coturn with natter's secret, stopped when dropped.
struct Coturn {
    child: Child,
    port: u16,
}

impl Coturn {
    fn start(dir: &Path) -> Coturn {
        let port = free_port();
        let (relay_low, relay_high) = (port.saturating_add(1), port.saturating_add(40));
        let child = Command::new("turnserver")
            .args(["-n", "--use-auth-secret", "--realm", "natter.test"])
            .arg(format!("--static-auth-secret={SECRET}"))
            .args(["--listening-ip", TURN_HOST, "--relay-ip", TURN_HOST])
            .args(["--listening-port", &port.to_string()])
            .args(["--min-port", &relay_low.to_string()])
            .args(["--max-port", &relay_high.to_string()])
            .args([
                "--no-tls",
                "--no-dtls",
                "--allow-loopback-peers",
                "--no-cli",
            ])
            .args(["--fingerprint", "--simple-log", "--no-stdout-log"])
            .arg("--log-file")
            .arg(dir.join("turn.log"))
            .arg("--pidfile")
            .arg(dir.join("turn.pid"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("turnserver starts");
        // Listening once a TCP connection is accepted (it binds UDP and TCP together).
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while std::net::TcpStream::connect((TURN_HOST, port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "turnserver never listened"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Coturn { child, port }
    }

    /// Allocates a relay with these credentials and sends two messages through it:
    /// whether the relay carried them.
    fn relays_for(&self, username: &str, password: &str) -> bool {
        let out = Command::new("turnutils_uclient")
            .args(["-y", "-n", "2", "-m", "1", "-l", "100"])
            .args(["-u", username, "-w", password])
            .args(["-p", &self.port.to_string(), TURN_HOST])
            .output()
            .expect("turnutils_uclient runs");
        let said = String::from_utf8_lossy(&out.stdout);
        out.status.success() && said.contains("tot_recv_bytes ~ 800")
    }
}

impl Drop for Coturn {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// natter sharing coturn's secret; the TURN credentials it gives a new person.
async fn credentials(dir: &Path, turn: &Coturn, ttl: &str) -> (String, String) {
    let secret = dir.join("turn-secret");
    std::fs::write(&secret, format!("{SECRET}\n")).expect("secret file");
    let url = format!("turn:{TURN_HOST}:{}?transport=udp", turn.port);
    let secret_arg = secret.to_string_lossy().to_string();
    let app = TestApp::spawn_with(&[
        "--rate-limits",
        "off",
        "--turn",
        &url,
        "--turn-secret-file",
        &secret_arg,
        "--turn-credential-ttl",
        ttl,
    ])
    .await;
    let (_, key) = app.register("ann").await;
    let (status, body) = app.get("/api/calls/ice-servers/", &key).await;
    assert_eq!(status, 200, "{body}");
    let server = &body["ice_servers"][0];
    assert_eq!(server["urls"][0], url.as_str());
    let text = |v: &serde_json::Value| v.as_str().expect("a string").to_string();
    (text(&server["username"]), text(&server["credential"]))
}

#[tokio::test]
async fn coturn_relays_for_natters_credentials_and_refuses_forged_ones() {
    if !can_run("coturn_relays_for_natters_credentials_and_refuses_forged_ones") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let turn = Coturn::start(dir.path());
    let (username, password) = credentials(dir.path(), &turn, "1h").await;
    assert!(
        turn.relays_for(&username, &password),
        "natter's credentials"
    );
    assert!(!turn.relays_for(&username, "forged"), "a forged password");
    // Another person's name with this password: the HMAC covers the username.
    let (expiry, user) = username.split_once(':').expect("EXPIRY:USER");
    let user: i64 = user.parse().expect("a user id");
    let other = format!("{expiry}:{}", user + 1);
    assert!(!turn.relays_for(&other, &password), "a borrowed password");
}

#[tokio::test]
async fn coturn_refuses_natters_credentials_once_expired() {
    if !can_run("coturn_refuses_natters_credentials_once_expired") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let turn = Coturn::start(dir.path());
    let (username, password) = credentials(dir.path(), &turn, "1s").await;
    let (expiry, _) = username.split_once(':').expect("EXPIRY:USER");
    let expiry: u64 = expiry.parse().expect("seconds");
    // Wait until the expiry in the username has passed on the clock coturn reads.
    while std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs()
        <= expiry
    {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        !turn.relays_for(&username, &password),
        "an expired credential"
    );
}
