//! Command-line flags and their environment variables (DESIGN.md section 1).

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// `natter [FLAGS] [COMMAND]`: serving is the default command.
#[derive(Parser, Debug, Clone)]
#[command(
    name = "natter",
    version,
    about = "A self-hosted messaging server speaking five Django chat APIs"
)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What the binary was asked to do besides serving.
#[derive(Subcommand, Debug, Clone)]
pub enum Command {
    /// Serve HTTP and WebSockets (the default).
    Serve,
    /// Create an account from the command line.
    CreateUser {
        username: String,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        password: String,
        #[arg(long)]
        admin: bool,
    },
    /// Write a consistent copy of the live database to PATH (safe while serving).
    Backup { path: PathBuf },
    /// Hidden benchmark helper: bulk-insert N messages into chat CHAT from user USER.
    #[command(hide = true)]
    SeedMessages {
        #[arg(long)]
        chat: i64,
        #[arg(long)]
        user: i64,
        #[arg(long)]
        count: u64,
    },
}

/// `on` / `off` switches.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Switch {
    On,
    Off,
}

/// SQLite `synchronous` setting: `full` survives power loss, `normal` may lose the last commits.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncMode {
    Full,
    Normal,
}

/// Every setting of a running natter.
#[derive(clap::Args, Debug, Clone)]
pub struct Config {
    /// Address to listen on; port 0 picks a free one.
    #[arg(
        long,
        env = "NATTER_LISTEN",
        default_value = "127.0.0.1:8000",
        global = true
    )]
    pub listen: String,
    /// SQLite database file (or `:memory:`).
    #[arg(long, env = "NATTER_DB", default_value = "natter.db", global = true)]
    pub db: String,
    /// Where uploaded files are kept, by their sha256.
    #[arg(long, env = "NATTER_MEDIA_DIR", default_value = "media", global = true)]
    pub media_dir: PathBuf,
    /// Rate limits of DESIGN.md section 7.
    #[arg(
        long,
        env = "NATTER_RATE_LIMITS",
        value_enum,
        default_value = "on",
        global = true
    )]
    pub rate_limits: Switch,
    /// Durability of commits.
    #[arg(
        long,
        env = "NATTER_SYNC",
        value_enum,
        default_value = "full",
        global = true
    )]
    pub sync: SyncMode,
    /// Largest accepted upload, in MiB.
    #[arg(
        long,
        env = "NATTER_MAX_UPLOAD_MB",
        default_value_t = 25,
        global = true
    )]
    pub max_upload_mb: u64,
    /// Log filter (`error`, `warn`, `info`, `debug`, or a tracing filter).
    #[arg(long, env = "NATTER_LOG", default_value = "info", global = true)]
    pub log: String,
    /// Lifetime of an access JWT, in seconds.
    #[arg(long, env = "NATTER_ACCESS_TTL", default_value_t = 300, global = true)]
    pub access_ttl_secs: i64,
    /// Lifetime of a refresh JWT, in seconds.
    #[arg(
        long,
        env = "NATTER_REFRESH_TTL",
        default_value_t = 86_400,
        global = true
    )]
    pub refresh_ttl_secs: i64,
    /// Other origins (scheme://host[:port]) whose pages may open sockets with the
    /// session cookie, comma-separated; the server's own origin always may.
    #[arg(
        long,
        env = "NATTER_ALLOWED_ORIGINS",
        value_delimiter = ',',
        global = true
    )]
    pub allowed_origins: Vec<String>,
    /// Seconds a client has to send a request's whole head (a socket handshake too),
    /// from the moment the connection opens (nginx's `client_header_timeout`).
    #[arg(
        long,
        env = "NATTER_HEADER_TIMEOUT",
        default_value_t = 60,
        value_parser = clap::value_parser!(u64).range(1..),
        global = true
    )]
    pub header_timeout_secs: u64,
    /// Seconds an idle keep-alive connection is kept open between requests (nginx's
    /// `keepalive_timeout`).
    #[arg(
        long,
        env = "NATTER_KEEP_ALIVE",
        default_value_t = 75,
        value_parser = clap::value_parser!(u64).range(1..),
        global = true
    )]
    pub keep_alive_secs: u64,
    /// Open connections (sockets included) one client address may hold at once.
    #[arg(
        long,
        env = "NATTER_MAX_CONNECTIONS_PER_IP",
        default_value_t = 256,
        value_parser = clap::value_parser!(u64).range(1..),
        global = true
    )]
    pub max_connections_per_ip: u64,
    /// Open WebSockets one user may hold at once, over every surface.
    #[arg(
        long,
        env = "NATTER_MAX_SOCKETS_PER_USER",
        default_value_t = 32,
        value_parser = clap::value_parser!(u64).range(1..),
        global = true
    )]
    pub max_sockets_per_user: u64,
    /// Reverse proxies (CIDRs or addresses, comma-separated) whose `X-Forwarded-For`,
    /// `-Proto` and `-Host` are believed; from any other peer they are ignored.
    #[arg(
        long,
        env = "NATTER_TRUSTED_PROXIES",
        value_delimiter = ',',
        global = true
    )]
    pub trusted_proxies: Vec<String>,
    /// PEM certificate chain: with `--tls-key`, serve HTTPS and `wss://` directly.
    #[arg(long, env = "NATTER_TLS_CERT", requires = "tls_key", global = true)]
    pub tls_cert: Option<PathBuf>,
    /// PEM private key of `--tls-cert`.
    #[arg(long, env = "NATTER_TLS_KEY", requires = "tls_cert", global = true)]
    pub tls_key: Option<PathBuf>,
    /// Origins (scheme://host[:port], comma-separated) whose pages may call the API
    /// from a browser, with credentials, as django-cors-headers allows them; `*` lets
    /// any page make token calls (never with the cookie). Default: same origin only.
    #[arg(
        long,
        env = "NATTER_CORS_ORIGINS",
        value_delimiter = ',',
        global = true
    )]
    pub cors_origins: Vec<String>,
    /// Address (host:port) of a separate listener serving Prometheus metrics at
    /// `/metrics`; off by default. Keep it private: loopback or an internal address.
    #[arg(long, env = "NATTER_METRICS_LISTEN", global = true)]
    pub metrics_listen: Option<String>,
}

impl Config {
    /// Settings for tests and embedding: everything default except the database path.
    pub fn for_db(db: impl Into<String>) -> Self {
        let cli = Cli::parse_from(["natter"]);
        Config {
            db: db.into(),
            ..cli.config
        }
    }

    /// Whether the rate limiter is active.
    pub fn rate_limits_on(&self) -> bool {
        self.rate_limits == Switch::On
    }
}
