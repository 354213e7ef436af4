//! PostgreSQL for the started natter (`--postgres`, `--pg-url`): a fresh database for
//! the run, on a throwaway cluster this process starts (`initdb` into a temporary
//! folder, the server on a Unix socket in that folder only, PostgreSQL's default
//! settings but `listen_addresses=''` and `max_connections=200`) or on a server the
//! caller names. Dropping the [`PgDatabase`] drops the database (on a given server) or
//! stops the cluster with `pg_ctl -m fast stop` and removes its folder.
//!
//! Everything here blocks (the synchronous `postgres` client runs a small runtime of its
//! own, which must not start on an async worker thread): callers use `spawn_blocking`,
//! and `Drop` does its work on a thread of its own.

use crate::{fail, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::str::FromStr;
use std::time::Duration;

/// A database made for one run, and the cluster it lives on when the run started one.
pub struct PgDatabase {
    /// natter's `--db` for the database (a `host=... dbname=...` string or a URL).
    pub url: String,
    /// What the report says ran, e.g. `postgresql 15.8 (throwaway cluster ...)`.
    pub label: String,
    /// The maintenance connection (`dbname=postgres`) that made the database; `None`
    /// when a throwaway cluster holds it (stopping the cluster removes it).
    admin: Option<postgres::Config>,
    name: String,
    cluster: Option<Cluster>,
}

impl PgDatabase {
    /// Starts a throwaway cluster and makes the run's database on it.
    pub fn throwaway() -> Result<PgDatabase> {
        let cluster = Cluster::start()?;
        let base = format!(
            "host={} port={} user=natter",
            cluster.dir.path().display(),
            cluster.port
        );
        let mut db = PgDatabase::create(&base, false)?;
        db.label = format!(
            "{} (throwaway cluster from {}, Unix socket, default settings but \
             max_connections=200)",
            db.label,
            cluster.bin.display()
        );
        db.cluster = Some(cluster);
        Ok(db)
    }

    /// Makes a fresh database on the server `url` names (connecting to its `postgres`
    /// database); it is dropped again when this is dropped.
    pub fn on_server(url: &str) -> Result<PgDatabase> {
        let mut db = PgDatabase::create(url, true)?;
        db.label = format!("{} (existing server, database {})", db.label, db.name);
        Ok(db)
    }

    fn create(url: &str, drop_after: bool) -> Result<PgDatabase> {
        let mut admin = postgres::Config::from_str(url)
            .map_err(|e| format!("{url} is not a PostgreSQL URL or host=... string: {e}"))?;
        admin.dbname("postgres");
        admin.connect_timeout(Duration::from_secs(10));
        let mut client = admin
            .connect(postgres::NoTls)
            .map_err(|e| format!("cannot connect to PostgreSQL at {url}: {}", error_text(&e)))?;
        let name = format!("natter_bench_{}_{:08x}", std::process::id(), rand_u32());
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .map_err(|e| format!("cannot create database {name}: {}", error_text(&e)))?;
        let version: String = client
            .query_one("SHOW server_version", &[])
            .and_then(|r| r.try_get(0))
            .unwrap_or_else(|_| "?".into());
        let version = version.split_whitespace().next().unwrap_or("?").to_string();
        Ok(PgDatabase {
            url: with_dbname(url, &name),
            label: format!("postgresql {version}"),
            admin: drop_after.then_some(admin),
            name,
            cluster: None,
        })
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let Some(admin) = self.admin.take() else {
            return; // the cluster's own Drop stops it and removes everything
        };
        let name = self.name.clone();
        // The sync client may not run on a tokio worker: drop from a plain thread.
        let dropped = std::thread::spawn(move || -> std::result::Result<(), String> {
            let mut client = admin.connect(postgres::NoTls).map_err(|e| error_text(&e))?;
            client
                .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .map_err(|e| error_text(&e))
        })
        .join();
        match dropped {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("natter-bench: could not drop database {}: {e}", self.name),
            Err(_) => eprintln!("natter-bench: dropping database {} panicked", self.name),
        }
    }
}

/// `url` naming database `name` instead of its own: a URL gets `name` as its path, a
/// `key=value` string gets ` dbname=name` appended (the last value of a key counts).
pub fn with_dbname(url: &str, name: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return format!("{} dbname={name}", url.trim_end());
    };
    let (head, rest) = url.split_at(scheme_end + 3);
    let (rest, query) = match rest.find('?') {
        Some(q) => rest.split_at(q),
        None => (rest, ""),
    };
    let authority = rest.split('/').next().unwrap_or("");
    format!("{head}{authority}/{name}{query}")
}

/// A PostgreSQL error with its causes (its own text is only its kind, `db error`).
pub fn error_text(e: &postgres::Error) -> String {
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

/// Ids of the stored, undeleted messages of the database `url` names (for `send`'s
/// check of what was acknowledged). Blocks.
pub fn message_ids(url: &str) -> Result<Vec<i64>> {
    let mut client = postgres::Client::connect(url, postgres::NoTls)
        .map_err(|e| format!("cannot connect to {url}: {}", error_text(&e)))?;
    let rows = client
        .query("SELECT id FROM messages WHERE deleted_at IS NULL", &[])
        .map_err(|e| format!("cannot read the messages: {}", error_text(&e)))?;
    Ok(rows.iter().map(|r| r.get::<_, i64>(0)).collect())
}

/// `VACUUM (ANALYZE)` of the tables `seed-messages` fills. The seed inserts up to 50,000
/// messages per transaction and takes each id by updating the chat's row, so the row is
/// left with that many dead versions (sends, one transaction each, leave a short chain
/// that page pruning keeps short); until autovacuum gets to them every read of the chat
/// walks them (a history page of a 100,000-message chat read about 1,000 buffers for
/// the chat row alone). Blocks.
pub fn vacuum_after_seeding(url: &str) -> Result<()> {
    let mut client = postgres::Client::connect(url, postgres::NoTls)
        .map_err(|e| format!("cannot connect to {url}: {}", error_text(&e)))?;
    client
        .batch_execute("VACUUM (ANALYZE) chats, chat_members, messages")
        .map_err(|e| format!("VACUUM after seeding failed: {}", error_text(&e)).into())
}

/// A cluster started for one run; stopped (`pg_ctl -m fast stop`) and removed on drop.
pub struct Cluster {
    bin: PathBuf,
    port: u16,
    dir: tempfile::TempDir,
}

impl Cluster {
    /// `initdb` into a new temporary folder and `pg_ctl start` on a socket in it.
    pub fn start() -> Result<Cluster> {
        let bin = binaries()?;
        let dir = tempfile::Builder::new()
            .prefix("natter-bench-pg")
            .tempdir()?;
        if is_root() {
            let ok = Command::new("chown")
                .arg("postgres:postgres")
                .arg(dir.path())
                .status()
                .is_ok_and(|s| s.success());
            if !ok {
                return fail(format!(
                    "cannot hand {} to the postgres user (chown postgres:postgres); PostgreSQL \
                     refuses to run as root",
                    dir.path().display()
                ));
            }
        }
        let data = dir.path().join("data");
        let out = as_server_user(&bin.join("initdb"))
            .arg("-D")
            .arg(&data)
            // --no-sync: initdb does not wait for its own files to reach the disk (the
            // server's settings are untouched; its first checkpoint syncs them).
            .args(["-A", "trust", "-U", "natter", "--no-sync", "-E", "UTF8"])
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run initdb: {e}"))?;
        if !out.status.success() {
            return fail(format!(
                "initdb failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        // Only the socket file's name carries the port: listen_addresses='' opens no TCP.
        let port = 20000 + (rand_u32() % 20000) as u16;
        let options = format!(
            "-k {} -p {port} -c listen_addresses='' -c max_connections=200",
            dir.path().display()
        );
        let log = dir.path().join("server.log");
        let cluster = Cluster { bin, port, dir };
        let out = as_server_user(&cluster.bin.join("pg_ctl"))
            .arg("-D")
            .arg(&data)
            .args(["-o", &options, "-l"])
            .arg(&log)
            .args(["-w", "-t", "60", "start"])
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run pg_ctl: {e}"))?;
        if !out.status.success() {
            return fail(format!(
                "pg_ctl start failed: {}{}",
                String::from_utf8_lossy(&out.stdout).trim(),
                std::fs::read_to_string(&log).unwrap_or_default()
            ));
        }
        Ok(cluster)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let stopped = as_server_user(&self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.dir.path().join("data"))
            .args(["-m", "fast", "-w", "stop"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        if !stopped.is_ok_and(|s| s.success()) {
            eprintln!(
                "natter-bench: pg_ctl stop of the cluster in {} failed",
                self.dir.path().display()
            );
        }
        // The TempDir removes the folder after this.
    }
}

/// Whether PostgreSQL's server binaries are installed (`/usr/lib/postgresql/*/bin/initdb`).
pub fn available() -> std::result::Result<PathBuf, String> {
    binaries()
}

/// The newest `/usr/lib/postgresql/N/bin` with `initdb` (Debian's layout).
fn binaries() -> std::result::Result<PathBuf, String> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|_| {
            "PostgreSQL is not installed (no /usr/lib/postgresql; apt-get install postgresql)"
                .to_string()
        })?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let version = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
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

/// `program`, run as the `postgres` user when we are root (PostgreSQL refuses root).
fn as_server_user(program: &Path) -> Command {
    if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn rand_u32() -> u32 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    h.finish() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dbname(url: &str) -> Option<String> {
        postgres::Config::from_str(url)
            .unwrap()
            .get_dbname()
            .map(str::to_string)
    }

    #[test]
    fn the_run_database_replaces_the_named_one() {
        for url in [
            "postgres://u:p@localhost:5433/natter?connect_timeout=5",
            "postgresql://u@localhost",
            "postgres://u@localhost/",
            "host=/run/postgresql port=5433 user=u dbname=natter",
            "host=/run/postgresql",
        ] {
            let made = with_dbname(url, "natter_bench_1");
            assert_eq!(dbname(&made).as_deref(), Some("natter_bench_1"), "{made}");
            let config = postgres::Config::from_str(&made).unwrap();
            assert!(!config.get_hosts().is_empty(), "{made}");
        }
        assert_eq!(
            with_dbname(
                "postgres://u:p@localhost:5433/natter?connect_timeout=5",
                "x"
            ),
            "postgres://u:p@localhost:5433/x?connect_timeout=5"
        );
    }
}
