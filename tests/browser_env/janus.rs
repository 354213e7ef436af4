//! A Janus (Debian's `janus`) for the tests of calls through the SFU: only its VideoRoom
//! plugin and HTTP transport, on 127.0.0.1 (Janus binds only an address an interface
//! holds), with one secret as its `api_secret`, `token_auth_secret` and the VideoRoom's
//! `admin_key`, as docs/deploy.md sets it up. Shared by tests/api/sfu_rooms.rs and
//! tests/browser.rs.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const PLUGINS: &str = "/usr/lib/x86_64-linux-gnu/janus";

/// Whether Janus and its VideoRoom plugin are installed.
pub fn installed() -> bool {
    Path::new("/usr/bin/janus").exists()
        && Path::new(&format!("{PLUGINS}/plugins/libjanus_videoroom.so")).exists()
}

/// A running Janus, stopped when dropped.
pub struct Janus {
    pub child: Child,
    /// Its HTTP API: `http://127.0.0.1:PORT/janus`.
    pub api: String,
}

impl Janus {
    /// `secret` in a file in `dir`, for natter's `--sfu-secret-file`, with a line end
    /// as `openssl rand -hex 32 >` leaves in the recipe's file.
    pub fn secret_file(dir: &Path, secret: &str) -> std::path::PathBuf {
        let file = dir.join("sfu-secret");
        std::fs::write(&file, format!("{secret}\n")).expect("secret file");
        file
    }

    /// Starts Janus with its configuration in `dir` and `secret`, and waits until its
    /// API listens.
    pub fn start(dir: &Path, secret: &str) -> Janus {
        let host = "127.0.0.1";
        let port = std::net::TcpListener::bind((host, 0))
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let conf = dir.join("janus");
        std::fs::create_dir_all(&conf).expect("config folder");
        let others = [
            "audiobridge",
            "duktape",
            "echotest",
            "lua",
            "nosip",
            "recordplay",
            "sip",
            "streaming",
            "textroom",
            "videocall",
        ]
        .map(|p| format!("libjanus_{p}.so"))
        .join(",");
        std::fs::write(
            conf.join("janus.jcfg"),
            format!(
                r#"general: {{
    configs_folder = "{conf}"
    plugins_folder = "{PLUGINS}/plugins"
    transports_folder = "{PLUGINS}/transports"
    events_folder = "{PLUGINS}/events"
    loggers_folder = "{PLUGINS}/loggers"
    debug_level = 3
    api_secret = "{secret}"
    token_auth = true
    token_auth_secret = "{secret}"
}}
plugins: {{ disable = "{others}" }}
transports: {{ disable = "libjanus_websockets.so,libjanus_pfunix.so,libjanus_mqtt.so,libjanus_rabbitmq.so,libjanus_nanomsg.so" }}
loggers: {{ disable = "libjanus_jsonlog.so" }}
events: {{ broadcast = false }}
nat: {{ ignore_mdns = true }}
"#,
                conf = conf.display()
            ),
        )
        .expect("janus.jcfg");
        std::fs::write(
            conf.join("janus.transport.http.jcfg"),
            format!(
                "general: {{\n    base_path = \"/janus\"\n    http = true\n    ip = \"{host}\"\n    port = {port}\n}}\nadmin: {{ admin_http = false }}\n"
            ),
        )
        .expect("http transport");
        std::fs::write(
            conf.join("janus.plugin.videoroom.jcfg"),
            format!("general: {{\n    admin_key = \"{secret}\"\n}}\n"),
        )
        .expect("videoroom");
        let child = Command::new("janus")
            .arg("-F")
            .arg(&conf)
            .arg("-C")
            .arg(conf.join("janus.jcfg"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("janus starts");
        // Serving once its API answers `info` as Janus: a port taken by another test's
        // server between the pick and Janus's bind answers something else.
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while !answers_as_janus(host, port) {
            assert!(
                std::time::Instant::now() < deadline,
                "Janus's API did not answer at {host}:{port} within 20 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Janus {
            child,
            api: format!("http://{host}:{port}/janus"),
        }
    }
}

/// Whether `GET /janus/info` at `host:port` is Janus's `server_info`.
fn answers_as_janus(host: &str, port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect((host, port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let asked = stream
        .write_all(format!("GET /janus/info HTTP/1.0\r\nHost: {host}:{port}\r\n\r\n").as_bytes());
    let mut answer = String::new();
    asked.is_ok() && stream.read_to_string(&mut answer).is_ok() && answer.contains("server_info")
}

impl Drop for Janus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
