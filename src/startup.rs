//! What natter checks before it serves or runs a command, and how it says no: a setting
//! that cannot work stops natter with one sentence saying what was expected
//! (`natter: <sentence>`, exit status 1), before any file is made. Also the server's lock,
//! which keeps a second natter from serving the same database file.

use crate::config::Config;
use crate::http::error::ApiError;
use crate::kit::printable::{escaped, without_credentials};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why natter stopped before serving, or why a command failed: a sentence for whoever
/// started it, never labelled an internal error.
#[derive(Debug)]
pub struct StartError(pub String);

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartError {}

impl From<ApiError> for StartError {
    /// What goes wrong at start is about files and settings, so an `Internal` detail is
    /// the sentence itself; field errors read as `field: message`.
    fn from(e: ApiError) -> Self {
        match e {
            ApiError::Internal(detail) => StartError(detail),
            ApiError::Validation(fields) => StartError(field_sentence(&fields)),
            other => StartError(other.to_string()),
        }
    }
}

impl From<crate::store::StoreError> for StartError {
    /// Opening or migrating the database: the detail is the sentence itself.
    fn from(e: crate::store::StoreError) -> Self {
        StartError(e.to_string())
    }
}

impl From<std::io::Error> for StartError {
    fn from(e: std::io::Error) -> Self {
        StartError(e.to_string())
    }
}

/// `username: A user with that username already exists. email: ...` as one line.
pub fn field_sentence(fields: &crate::http::error::FieldErrors) -> String {
    fields
        .iter()
        .map(|(field, messages)| format!("{field}: {}", messages.join(" ")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks that cost nothing and make nothing, done before natter binds or opens anything:
/// the listening address's shape, the database path, the media folder.
pub fn check_serving(config: &Config) -> Result<(), StartError> {
    check_address(&config.listen)?;
    check_db_path(&config.db)?;
    check_hub(config)?;
    check_media_dir(&config.media_dir)
}

/// `--hub`: `local`, or NATS URLs with a PostgreSQL `--db` (several nodes cannot share
/// a SQLite file, so a NATS hub on SQLite would join a cluster it cannot be part of).
fn check_hub(config: &Config) -> Result<(), StartError> {
    let Some(servers) = config.nats_servers() else {
        return Ok(());
    };
    if servers.is_empty() {
        return Err(StartError(
            "--hub is empty: use local, or nats://host:port[,nats://host:port...]".into(),
        ));
    }
    if let Some(bad) = servers.iter().find(|s| !s.starts_with("nats://")) {
        return Err(StartError(format!(
            "--hub {} is not a NATS URL: use local, or nats://host:port[,nats://host:port...]",
            without_credentials(bad)
        )));
    }
    if !crate::store::is_postgres(&config.db) {
        return Err(StartError(format!(
            "--hub {} shares live events between natter nodes, which must share one \
             PostgreSQL database; --db {} is SQLite, which only one node can serve. Use \
             --db postgres://... (see docs/deploy.md), or --hub local",
            without_credentials(&config.hub),
            config.db
        )));
    }
    Ok(())
}

/// `HOST:PORT`, with a host (`8000` and `:8000` are common slips).
fn check_address(value: &str) -> Result<(), StartError> {
    let shaped = value
        .rsplit_once(':')
        .is_some_and(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok());
    if shaped {
        Ok(())
    } else {
        Err(StartError(format!(
            "--listen {value:?} is not an address: expected HOST:PORT, e.g. 127.0.0.1:8000 \
             (port 0 picks a free one)"
        )))
    }
}

/// The database path to serve: `:memory:`, or a file (existing or not) in a folder that
/// exists.
/// A command that may make its database (`create-user --create-db`): the path must be one
/// a server could make, and not `:memory:`, which would vanish with the command.
pub fn check_new_db(db: &str, command: &str) -> Result<(), StartError> {
    if db == ":memory:" {
        return check_existing_db(db, command);
    }
    check_db_path(db)
}

fn check_db_path(db: &str) -> Result<(), StartError> {
    if db == ":memory:" || crate::store::is_postgres(db) {
        return Ok(());
    }
    let path = db_file(db)?;
    if path.is_dir() {
        return Err(StartError(format!(
            "--db {db} is a folder: expected the path of a database file, e.g. {}",
            path.join("natter.db").display()
        )));
    }
    let folder = folder_of(path);
    match std::fs::metadata(folder) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(StartError(format!(
            "--db {db}: {} is not a folder",
            folder.display()
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(StartError(format!(
            "--db {db}: the folder {} does not exist; create it or choose another path",
            folder.display()
        ))),
        Err(e) => Err(StartError(format!(
            "--db {db}: cannot reach the folder {} ({e})",
            folder.display()
        ))),
    }
}

/// A database path that names a file: not empty, not ending in `..` or `/`.
fn db_file(db: &str) -> Result<&Path, StartError> {
    let path = Path::new(db);
    if db.is_empty() {
        return Err(StartError(
            "--db is empty: expected the path of a database file, e.g. natter.db, or :memory:"
                .into(),
        ));
    }
    if path.file_name().is_none() || db.ends_with('/') {
        return Err(StartError(format!(
            "--db {db} is a folder: expected the path of a database file, e.g. {}",
            path.join("natter.db").display()
        )));
    }
    Ok(path)
}

/// The folder a path is in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The database a command works on: a natter database that exists. A command never
/// creates one (a mistyped path would otherwise get an empty database and, for `backup`,
/// an empty copy).
pub fn check_existing_db(db: &str, command: &str) -> Result<(), StartError> {
    if crate::store::is_postgres(db) {
        return if command == "backup" {
            Err(StartError(
                "natter backup copies a SQLite file; on PostgreSQL use pg_dump (e.g. \
                 pg_dump -Fc -f natter.dump DBNAME), which takes a consistent copy of a live \
                 database"
                    .into(),
            ))
        } else {
            Ok(())
        };
    }
    if db == ":memory:" {
        return Err(StartError(format!(
            "{command} needs a database file: a :memory: database lives only inside the natter \
             that serves it"
        )));
    }
    let path = db_file(db)?;
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(()),
        Ok(_) => Err(StartError(format!(
            "--db {db} is not a file: expected the path of an existing natter database"
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(StartError(format!(
            "no database at {db}: expected the path of an existing natter database (--db or \
             NATTER_DB; natter makes a new one only when it serves)"
        ))),
        Err(e) => Err(StartError(format!("cannot reach the database {db} ({e})"))),
    }
}

/// The media folder must be one natter can write in, or can create. Checked by making
/// and removing a probe file, in the folder or in the nearest folder above it that
/// exists, so a refused start leaves nothing behind and a good one creates the folder
/// only on the first upload, as before.
fn check_media_dir(dir: &Path) -> Result<(), StartError> {
    let shown = dir.display();
    if dir.as_os_str().is_empty() {
        return Err(StartError(
            "--media-dir is empty: expected a folder natter may write in, e.g. media".into(),
        ));
    }
    let mut existing = dir;
    loop {
        match std::fs::metadata(existing) {
            Ok(meta) if meta.is_dir() => break,
            Ok(_) if existing == dir => {
                return Err(StartError(format!(
                    "--media-dir {shown} is a file: expected a folder natter may write in"
                )))
            }
            Ok(_) => {
                return Err(StartError(format!(
                    "--media-dir {shown} cannot be created: {} is a file, not a folder",
                    existing.display()
                )))
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) && existing != folder_of(existing) =>
            {
                existing = folder_of(existing);
            }
            Err(e) => {
                return Err(StartError(format!(
                    "--media-dir {shown}: cannot reach {} ({e})",
                    existing.display()
                )))
            }
        }
    }
    let probe = existing.join(format!(
        ".natter-probe-{}",
        crate::kit::random::random_hex(8)
    ));
    let written = File::create(&probe).and_then(|mut f| f.write_all(b"natter"));
    let _ = std::fs::remove_file(&probe);
    written.map_err(|e| {
        let what = if existing == dir {
            format!("natter cannot write in it ({e})")
        } else {
            format!("natter cannot create it in {} ({e})", existing.display())
        };
        StartError(format!(
            "--media-dir {shown}: {what}; expected a folder natter may write in"
        ))
    })
}

/// What a failed bind means for the person who chose the address.
pub fn listen_error(address: &str, e: &std::io::Error) -> StartError {
    use std::io::ErrorKind;
    let why = match e.kind() {
        ErrorKind::AddrInUse => {
            format!("{address} is already in use (another natter, or another program)")
        }
        ErrorKind::AddrNotAvailable => format!("{address} is not an address of this machine"),
        ErrorKind::PermissionDenied => {
            format!("not allowed to listen on {address} (ports below 1024 need privileges)")
        }
        _ => format!("cannot listen on {address} ({e})"),
    };
    StartError(format!(
        "{why}; choose another address with --listen or NATTER_LISTEN"
    ))
}

/// Held by a serving natter for its whole life: an advisory lock (`flock`) on
/// `<database>.lock` beside the database file. A separate file, because SQLite's own
/// locks on the database are POSIX record locks, which a second descriptor on the same
/// file would drop when closed. The kernel lets the lock go when the process ends, even
/// on `kill -9`; a clean stop also removes the file. `backup` and `create-user` do not
/// take it: they work beside a running server.
pub struct ServerLock {
    path: PathBuf,
    _file: File,
}

impl ServerLock {
    /// Takes the lock for `db`, or says which natter holds it. `:memory:` needs none.
    pub fn take(db: &str) -> Result<Option<ServerLock>, StartError> {
        // PostgreSQL takes many nodes; its migrations lock for themselves.
        if db == ":memory:" || crate::store::is_postgres(db) {
            return Ok(None);
        }
        let path = lock_path(Path::new(db))
            .map_err(|e| StartError(format!("cannot reach the database {db} ({e})")))?;
        loop {
            let mut file = crate::kit::private_files::open(
                &path,
                OpenOptions::new()
                    .read(true)
                    .write(true)
                    .create(true)
                    .truncate(false),
            )
            .map_err(|e| {
                StartError(format!(
                    "cannot create the lock file {} beside the database ({e}); natter \
                         needs to write in that folder",
                    path.display()
                ))
            })?;
            match try_lock(&file) {
                Ok(true) => {}
                Ok(false) => {
                    let pid = std::fs::read_to_string(&path).unwrap_or_default();
                    let pid = pid.trim();
                    let who = if pid.is_empty() {
                        "another natter".to_string()
                    } else {
                        format!("another natter (process {pid})")
                    };
                    return Err(StartError(format!(
                        "{who} is already serving {db} (it holds {}); stop it first, or give \
                         this one another --db",
                        path.display()
                    )));
                }
                Err(e) => {
                    return Err(StartError(format!(
                        "cannot lock {} ({e}); natter locks it so that only one server uses \
                         {db}",
                        path.display()
                    )))
                }
            }
            // A natter that was stopping may have removed the file between our open and
            // our lock: a lock counts only on the file still at `path`, so try again.
            if same_file(&file, &path) {
                // Who holds it, for the message a second natter prints.
                let _ = file.set_len(0);
                let _ = writeln!(file, "{}", std::process::id());
                return Ok(Some(ServerLock { path, _file: file }));
            }
        }
    }
}

impl Drop for ServerLock {
    /// Removed while still locked (the file closes after this), so a natter starting now
    /// either fails to lock this file or finds it gone and makes a new one.
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// `<db>.lock` beside the database's real file (symbolic links and relative paths
/// resolved, so two spellings of one database share one lock).
fn lock_path(db: &Path) -> std::io::Result<PathBuf> {
    let real = match std::fs::canonicalize(db) {
        Ok(real) => real,
        Err(_) => std::fs::canonicalize(folder_of(db))?.join(db.file_name().unwrap_or_default()),
    };
    let mut name = real.into_os_string();
    name.push(".lock");
    Ok(PathBuf::from(name))
}

/// Takes the `flock` on `file` without waiting: `false` when another process holds it.
#[cfg(unix)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    use rustix::fs::{flock, FlockOperation};
    match flock(file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(true),
        Err(rustix::io::Errno::WOULDBLOCK) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Elsewhere natter runs without the check.
#[cfg(not(unix))]
fn try_lock(_: &File) -> std::io::Result<bool> {
    Ok(true)
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(held), Ok(named)) => held.dev() == named.dev() && held.ino() == named.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, _: &Path) -> bool {
    true
}

/// The start-up lines a person reads to know what runs: the database (made now or
/// opened, and its schema version), where uploads go, who may register, and which
/// optional parts are on. Logged once the database is open, before the address.
pub fn log_what_serves(config: &Config, created: bool, scheme: &str) {
    use crate::config::RegistrationMode;
    let version = crate::store::schema_version(&config.db);
    let db = if crate::store::is_postgres(&config.db) {
        format!("PostgreSQL {}", without_credentials(&config.db))
    } else if config.db == ":memory:" {
        "SQLite :memory: (nothing is kept after it stops)".to_string()
    } else {
        format!("SQLite {}", escaped(&config.db))
    };
    let made = if created { "created" } else { "opened" };
    tracing::info!("database: {made} {db}, schema version {version}");
    tracing::info!(
        "uploads: {}",
        escaped(&config.media_dir.display().to_string())
    );
    let who = match config.registration {
        RegistrationMode::Open => {
            "open: anyone who reaches the server may sign up (--registration invite for a public server)"
        }
        RegistrationMode::Invite => "invite: sign-up needs an invitation",
        RegistrationMode::Closed => "closed: accounts come from create-user or an administrator",
    };
    tracing::info!("registration: {who}");
    let tls = if scheme == "https" { "on" } else { "off" };
    let metrics = config.metrics_listen.as_deref().unwrap_or("off");
    let hub = match config.nats_servers() {
        Some(servers) => format!("NATS {}", without_credentials(&servers.join(","))),
        None => "local (this node only)".to_string(),
    };
    tracing::info!("tls: {tls}; metrics: {metrics}; hub: {hub}");
    let push = match (&config.push_contact, config.push_private_endpoints) {
        (None, _) => "on, no contact (--push-contact mailto:you@example.org: Apple's push service refuses pushes without one)".to_string(),
        (Some(contact), false) => format!("on, contact {}", escaped(contact)),
        (Some(contact), true) => format!(
            "on, contact {}; private and http:// endpoints allowed",
            escaped(contact)
        ),
    };
    tracing::info!("web push: {push}");
    log_outgoing(config);
}

/// Says how pushes and webhook calls leave, and warns when the environment names a proxy
/// they ignore (an operator who set one for the whole unit would expect it used).
fn log_outgoing(config: &Config) {
    if let Some(proxy) = &config.outbound_proxy {
        tracing::info!(
            "pushes and webhook calls: through {} (every target's addresses checked first)",
            without_credentials(proxy)
        );
        return;
    }
    tracing::info!("pushes and webhook calls: direct");
    let named: Vec<&str> = ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"]
        .into_iter()
        .filter(|name| {
            std::env::var_os(name).is_some() || std::env::var_os(name.to_lowercase()).is_some()
        })
        .collect();
    if !named.is_empty() {
        tracing::warn!(
            "{} set in the environment: pushes and webhook calls do not use it (a proxy would \
             reach addresses natter never checked); name a proxy with --outbound-proxy",
            named.join(", ")
        );
    }
}

/// Notes where this server is reached, for `natter invite`, and on a database without
/// accounts that admits people by invitation, prints the first administrator's link.
pub async fn offer_links(
    app: &crate::state::App,
    listening: std::net::SocketAddr,
    scheme: &str,
) -> Result<(), StartError> {
    use crate::domain::{administration::site, people::first_admin};
    let fail = |e| StartError::from(ApiError::from(e));
    let here = site::of(app.config.public_url.as_deref(), listening, scheme);
    site::remember(app, here.clone()).await.map_err(fail)?;
    if let Some(invitation) = first_admin::offer(app).await.map_err(fail)? {
        let base = here.unwrap_or_else(|| format!("{scheme}://<this server's address>"));
        tracing::info!(
            "no account yet: the first administrator signs up at {}/join/{} (one \
             registration, for {} hours; a restart makes a new link)",
            escaped(&base),
            invitation.code,
            first_admin::LINK_SECS / 3600
        );
    }
    Ok(())
}

/// Chooses the Matrix server name on the first start and keeps it; refuses a start
/// that names another (`domain::matrix::site`).
pub async fn pin_matrix_server_name(
    app: &crate::state::App,
    listening: std::net::SocketAddr,
) -> Result<(), StartError> {
    use crate::domain::matrix::site;
    let named = app.config.matrix_server_name.clone();
    let first = site::chosen(
        named.as_deref(),
        app.config.public_url.as_deref(),
        listening,
    );
    let name = site::pin(app, named, first)
        .await
        .map_err(|e| StartError(e.to_string()))?;
    tracing::info!("matrix: server name {name}");
    let _ = app.matrix_server_name.set(name);
    crate::domain::matrix::media_ids::keep_key(&app.jwt_secret);
    Ok(())
}

/// Closes a command's database (see `Db::close`), so that without a server no `-wal` or
/// `-shm` file is left behind; a failure only costs the tidy-up.
pub async fn close(app: &crate::state::App) {
    if let Err(e) = app.db.close().await {
        tracing::warn!("could not close the database cleanly: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_needs_a_host_and_a_port() {
        for good in ["127.0.0.1:8000", "0.0.0.0:0", "[::1]:8000", "localhost:80"] {
            assert!(check_address(good).is_ok(), "{good}");
        }
        for bad in ["8000", ":8000", "127.0.0.1", "127.0.0.1:", "host:99999", ""] {
            let e = check_address(bad).expect_err(bad).0;
            assert!(e.contains("expected HOST:PORT, e.g. 127.0.0.1:8000"), "{e}");
        }
    }

    #[test]
    fn field_errors_read_as_one_sentence() {
        let fields = vec![
            ("username".to_string(), vec!["Taken.".to_string()]),
            (
                "email".to_string(),
                vec!["Bad.".to_string(), "Long.".to_string()],
            ),
        ];
        assert_eq!(
            field_sentence(&fields),
            "username: Taken. email: Bad. Long."
        );
    }

    #[test]
    fn the_lock_is_held_once_and_its_file_goes_with_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("n.db");
        let db = db.to_str().expect("utf-8 path");
        let held = ServerLock::take(db).expect("first").expect("a lock");
        let lock_file = dir.path().join("n.db.lock");
        assert!(lock_file.exists());
        let refused = ServerLock::take(db).err().expect("second refused").0;
        assert!(refused.contains(db), "{refused}");
        assert!(
            refused.contains(&std::process::id().to_string()),
            "{refused}"
        );
        drop(held);
        assert!(!lock_file.exists());
        assert!(ServerLock::take(db).expect("again").is_some());
        assert!(ServerLock::take(":memory:").expect("memory").is_none());
    }
}
