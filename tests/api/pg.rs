//! A throwaway PostgreSQL cluster for the suite's PostgreSQL mode (`NATTER_TEST_DB=postgres`)
//! and for the tests that need PostgreSQL whatever the mode. Started once per test binary
//! from Debian's `postgresql` package: `initdb` into a temporary folder, the server on a
//! Unix socket only, `fsync=off`. PostgreSQL refuses to run as root, so as root it runs
//! as the `postgres` user the package makes. A watchdog stops it when the tests end.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Whether the whole suite runs on PostgreSQL (`NATTER_TEST_DB=postgres`).
pub fn suite_on_postgres() -> bool {
    std::env::var("NATTER_TEST_DB").is_ok_and(|v| v == "postgres")
}

/// A running cluster: where its socket is.
pub struct Cluster {
    socket_dir: PathBuf,
    port: u16,
    bin: PathBuf,
    /// `listen_addresses`: empty (the Unix socket only) but for [`Cluster::private_on`].
    listen: String,
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();

/// The cluster, started on first use; `Err` says why there is none (no binaries).
pub fn cluster() -> Result<&'static Cluster, String> {
    CLUSTER
        .get_or_init(|| start(""))
        .as_ref()
        .map_err(Clone::clone)
}

/// A fresh, empty database on the cluster, as natter's `--db` takes it. Panics when
/// there is no cluster: callers check [`cluster`] first, or run in PostgreSQL mode, where
/// a missing PostgreSQL is a failure.
pub fn fresh_database() -> String {
    needed().fresh_database()
}

/// The cluster, where a missing PostgreSQL is a failure (see [`fresh_database`]).
pub fn needed() -> &'static Cluster {
    match cluster() {
        Ok(c) => c,
        Err(why) => panic!("PostgreSQL is needed here: {why}"),
    }
}

impl Cluster {
    /// A new database copied from `template` (PostgreSQL waits up to 5 s for the
    /// template's last connection to close).
    pub fn copy_of(&self, template: &str) -> String {
        self.new_database(Some(template))
    }

    /// A database of a new name, empty or copied from `template`, as `--db` takes it.
    fn new_database(&self, template: Option<&str>) -> String {
        let name = format!("t_{:016x}", rand_u64());
        self.createdb(&name, template);
        self.url(&name)
    }

    /// Creates database `name`, empty or as a copy of `template`.
    pub fn createdb(&self, name: &str, template: Option<&str>) {
        let mut createdb = Command::new(self.bin.join("createdb"));
        createdb
            .args(["-h", &self.socket_dir.to_string_lossy()])
            .args(["-p", &self.port.to_string(), "-U", "natter"]);
        if let Some(template) = template {
            createdb.args(["-T", template]);
        }
        let status = createdb.arg(name).status().expect("createdb runs");
        assert!(status.success(), "createdb {name} failed");
    }

    /// A cluster of the caller's own, for a test that restarts PostgreSQL while the shared
    /// one serves the other tests; stopped and removed when dropped. `Err` says why there
    /// is none.
    pub fn private() -> Result<Cluster, String> {
        start("")
    }

    /// A private cluster that also listens on TCP at `addresses` (PostgreSQL's
    /// `listen_addresses`) and lets anyone from 10.0.0.0/8 in: the network-fault tests
    /// reach it from other network namespaces.
    pub fn private_on(addresses: &str) -> Result<Cluster, String> {
        start(addresses)
    }

    /// The `--db` value for database `name` over TCP at `host` (see [`Cluster::private_on`]).
    pub fn tcp_url(&self, host: &str, name: &str) -> String {
        format!("host={host} port={} user=natter dbname={name}", self.port)
    }

    /// Runs `sql` in database `name` and answers its rows, each as `|`-joined text.
    pub fn rows(&self, name: &str, sql: &str) -> Vec<String> {
        let out = Command::new(self.bin.join("psql"))
            .args(["-h", &self.socket_dir.to_string_lossy()])
            .args(["-p", &self.port.to_string(), "-U", "natter", "-d", name])
            .args(["-XAt", "-c", sql])
            .output()
            .expect("psql runs");
        assert!(
            out.status.success(),
            "psql: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(String::from)
            .collect()
    }

    /// A fresh, empty database on this cluster, as natter's `--db` takes it.
    pub fn fresh_database(&self) -> String {
        self.new_database(None)
    }

    /// Restarts the server (`pg_ctl restart -m fast`, with the options it was started
    /// with): every connection is terminated, as in a failover or an upgrade.
    pub fn restart(&self) {
        let out = as_server_user(&self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.socket_dir.join("data"))
            .args(["-m", "fast", "-w", "restart", "-l"])
            .arg(self.socket_dir.join("server.log"))
            .output()
            .expect("pg_ctl runs");
        assert!(
            out.status.success(),
            "pg_ctl restart: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Stops the server (`pg_ctl stop -m fast`: every connection is terminated and none
    /// is accepted), keeps it down for `down`, then starts it again as it was started:
    /// an outage, not just a restart.
    pub fn stop_for(&self, down: std::time::Duration) {
        let out = as_server_user(&self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.socket_dir.join("data"))
            .args(["-m", "fast", "-w", "stop"])
            .output()
            .expect("pg_ctl runs");
        assert!(
            out.status.success(),
            "pg_ctl stop: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::thread::sleep(down);
        let out = pg_ctl_start(&self.bin, &self.socket_dir, self.port, &self.listen)
            .expect("pg_ctl runs");
        assert!(
            out.status.success(),
            "pg_ctl start: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The running server's process id (`postmaster.pid`'s first line), to show that a
    /// restart happened.
    pub fn server_pid(&self) -> Option<u32> {
        let pid = std::fs::read_to_string(self.socket_dir.join("data/postmaster.pid")).ok()?;
        pid.lines().next()?.trim().parse().ok()
    }
}

/// Only a private cluster is ever dropped (the shared one lives in a static): stop it
/// at once and remove its folder.
impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = as_server_user(&self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.socket_dir.join("data"))
            .args(["-m", "immediate", "stop"])
            .output();
        let _ = std::fs::remove_dir_all(&self.socket_dir);
    }
}

impl Cluster {
    /// The `--db` value for database `name`.
    pub fn url(&self, name: &str) -> String {
        format!(
            "host={} port={} user=natter dbname={name}",
            self.socket_dir.display(),
            self.port
        )
    }
}

pub fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    h.finish()
}

/// The newest `/usr/lib/postgresql/N/bin` with `initdb`.
fn binaries() -> Result<PathBuf, String> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|_| {
            "PostgreSQL is not installed (no /usr/lib/postgresql; apt-get install postgresql)"
                .to_string()
        })?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let version = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    found.sort();
    found
        .pop()
        .map(|(_, bin)| bin)
        .ok_or_else(|| "no initdb under /usr/lib/postgresql/*/bin".into())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// `program args...`, as the `postgres` user when we are root.
fn as_server_user(program: &Path) -> Command {
    if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

/// Starts the server of the cluster in `dir` on `port` (Unix socket only, durability
/// off: the suite's data is thrown away) and waits until it accepts connections.
fn pg_ctl_start(
    bin: &Path,
    dir: &Path,
    port: u16,
    listen: &str,
) -> Result<std::process::Output, String> {
    let options = format!(
        "-k {} -p {port} -c listen_addresses='{listen}' -c fsync=off -c synchronous_commit=off \
         -c full_page_writes=off -c max_connections=400 -c shared_buffers=64MB",
        dir.display()
    );
    as_server_user(&bin.join("pg_ctl"))
        .arg("-D")
        .arg(dir.join("data"))
        .args(["-o", &options, "-l"])
        .arg(dir.join("server.log"))
        .args(["-w", "start"])
        .output()
        .map_err(|e| format!("pg_ctl: {e}"))
}

fn start(listen: &str) -> Result<Cluster, String> {
    let bin = binaries()?;
    let dir = std::env::temp_dir().join(format!("natter-pg-{:08x}", rand_u64() as u32));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    if is_root() {
        let ok = Command::new("chown")
            .args(["postgres:postgres"])
            .arg(&dir)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            return Err("cannot hand the cluster's folder to the postgres user".into());
        }
    }
    let data = dir.join("data");
    let out = as_server_user(&bin.join("initdb"))
        .arg("-D")
        .arg(&data)
        .args(["-A", "trust", "-U", "natter", "--no-sync", "-E", "UTF8"])
        .output()
        .map_err(|e| format!("initdb: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    if !listen.is_empty() {
        let hba = data.join("pg_hba.conf");
        let mut rules = std::fs::read_to_string(&hba).map_err(|e| format!("pg_hba.conf: {e}"))?;
        rules.push_str("\nhost all all 10.0.0.0/8 trust\n");
        std::fs::write(&hba, rules).map_err(|e| format!("pg_hba.conf: {e}"))?;
    }
    let port = 20000 + (rand_u64() % 20000) as u16;
    let out = pg_ctl_start(&bin, &dir, port, listen)?;
    if !out.status.success() {
        return Err(format!(
            "pg_ctl start failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            std::fs::read_to_string(dir.join("server.log")).unwrap_or_default()
        ));
    }
    // Stops the cluster and removes its folder once this test process is gone. The
    // watchdog runs as the postgres user, which may not signal a root test process
    // (`kill -0` fails with EPERM at once), so it looks for the process in /proc.
    let watchdog = format!(
        "while [ -d /proc/{pid} ]; do sleep 1; done; \
         {ctl} -D {data} -m immediate stop >/dev/null 2>&1; rm -rf {dir}",
        pid = std::process::id(),
        ctl = bin.join("pg_ctl").display(),
        data = data.display(),
        dir = dir.display(),
    );
    let mut guard = as_server_user(Path::new("/bin/sh"));
    guard.args(["-c", &watchdog]);
    guard
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    guard.spawn().map_err(|e| format!("watchdog: {e}"))?;
    Ok(Cluster {
        socket_dir: dir,
        port,
        bin,
        listen: listen.to_string(),
    })
}

/// The cluster for a test that needs PostgreSQL whatever the mode, or `None` after
/// printing why the test is skipped. With `NATTER_REQUIRE_POSTGRES=1` (CI) a missing
/// PostgreSQL fails the test instead.
pub fn cluster_or_skip(test: &str) -> Option<&'static Cluster> {
    match cluster() {
        Ok(c) => Some(c),
        Err(why) if std::env::var("NATTER_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") => {
            panic!("{test} needs PostgreSQL (NATTER_REQUIRE_POSTGRES=1): {why}")
        }
        Err(why) => {
            skipped(test, &why, "NATTER_REQUIRE_POSTGRES=1");
            None
        }
    }
}

/// Says loudly that `test` did not run and why: on the real stderr, which `cargo test`
/// shows even for a test that passes (its own prints are hidden then), as the browser
/// tests do. `require` names the setting that makes it a failure instead (CI sets it).
pub fn skipped(test: &str, reason: &str, require: &str) {
    let line = format!("\n*** {test} SKIPPED: {reason}\n*** ({require} makes this a failure)\n");
    let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
}

/// True (after saying so) when the suite runs on PostgreSQL and this test opens the
/// SQLite file itself, which PostgreSQL has not got.
pub fn skip_on_postgres(test: &str, reason: &str) -> bool {
    if suite_on_postgres() {
        let line = format!("\n*** {test}: part of it SKIPPED on PostgreSQL: {reason}\n");
        let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
    }
    suite_on_postgres()
}

impl Cluster {
    /// Runs `sql` with `psql` on the database `--db` names; panics if it fails.
    pub fn psql(&self, db: &str, sql: &str) {
        let out = Command::new(self.bin.join("psql"))
            .args([db, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql])
            .output()
            .expect("psql runs");
        assert!(
            out.status.success(),
            "psql {sql}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
