//! natter: one executable serving five Django messaging APIs over one SQLite data model.
//! `run` serves; `run_command` runs the other CLI commands.

pub mod api;
pub mod app;
pub mod caps;
pub mod config;
pub mod domain;
pub mod error;
pub mod hub;
pub mod metrics;
pub mod ratelimit;
pub mod server;
pub mod store;
pub mod tls;
pub mod ws;

use app::App;
use config::{Command, Config};
use error::ApiError;
use std::io::Write;

/// Starts logging at `level` (a tracing filter) to stderr.
pub fn init_logging(level: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(level)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// How long shutdown waits for sockets to say goodbye.
const SOCKET_CLOSE_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Serves until SIGINT/SIGTERM. Prints `listening on http://ADDR` (`https://` with
/// `--tls-cert`) as the first stdout line.
pub async fn run(config: Config) -> Result<(), ApiError> {
    let tls = match (&config.tls_cert, &config.tls_key) {
        (Some(cert), Some(key)) => Some(tls::acceptor(cert, key).map_err(ApiError::BadRequest)?),
        _ => None,
    };
    let scheme = if tls.is_some() { "https" } else { "http" };
    let listener = listen(&config.listen)
        .await
        .map_err(|e| ApiError::Internal(format!("cannot listen on {}: {e}", config.listen)))?;
    let addr = listener.local_addr()?;
    let app = App::build(config).await?;
    if let Some(at) = &app.config.metrics_listen {
        let bound = metrics::listener::start(at, app.metrics.clone())
            .await
            .map_err(|e| ApiError::Internal(format!("cannot listen on {at} for metrics: {e}")))?;
        tracing::info!("metrics at http://{bound}/metrics");
    }
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "listening on {scheme}://{addr}")?;
        out.flush()?;
    }
    tracing::info!("natter listening on {scheme}://{addr}");
    let hub = app.hub.clone();
    let db = app.db.clone();
    let limits = server::Limits {
        header_timeout: std::time::Duration::from_secs(app.config.header_timeout_secs),
        keep_alive: std::time::Duration::from_secs(app.config.keep_alive_secs),
        per_address: caps::Cap::new(app.config.max_connections_per_ip),
        proxies: app.proxies.clone(),
    };
    let routes = app::routes(app);
    let shutdown = {
        let hub = hub.clone();
        async move {
            shutdown_signal().await;
            tracing::info!("shutting down");
            hub.shutdown();
        }
    };
    server::serve(listener, routes, limits, tls, shutdown).await;
    // warp's graceful shutdown does not track upgraded connections: give every socket
    // loop time to send its 1001 close frame before the process exits.
    hub.wait_for_sockets(SOCKET_CLOSE_WAIT).await;
    if let Err(e) = db.checkpoint().await {
        tracing::warn!("could not fold the write-ahead log into the database on exit: {e}");
    }
    Ok(())
}

/// Binds the listening socket. TCP_NODELAY is set on it because Linux hands the option on
/// to accepted connections: small replies and socket frames leave at once instead of
/// waiting out Nagle's algorithm against the client's delayed ACK.
async fn listen(address: &str) -> std::io::Result<tokio::net::TcpListener> {
    let addr = tokio::net::lookup_host(address)
        .await?
        .next()
        .ok_or_else(|| std::io::Error::other("no address to listen on"))?;
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.set_nodelay(true)?;
    socket.bind(addr)?;
    socket.listen(4096)
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}

/// Runs a non-serving command (`create-user`, `backup`, ...).
pub async fn run_command(config: Config, command: Command) -> Result<(), ApiError> {
    let app = App::build(config).await?;
    match command {
        Command::Serve => Ok(()),
        Command::CreateUser {
            username,
            email,
            password,
            admin,
        } => {
            let user = domain::accounts::register(
                &app,
                domain::accounts::Registration {
                    username,
                    email: email.unwrap_or_default(),
                    password,
                    display_name: String::new(),
                    is_admin: admin,
                },
            )
            .await
            .map_err(|e| match e.field_map() {
                Some(fields) => ApiError::BadRequest(fields.to_string()),
                None => e,
            })?;
            println!("created user {} (id {})", user.username, user.id);
            Ok(())
        }
        Command::Backup { path } => {
            if path.exists() {
                return Err(ApiError::BadRequest(format!(
                    "{} already exists",
                    path.display()
                )));
            }
            app.db.backup_to(&path.to_string_lossy()).await?;
            println!("backed up to {}", path.display());
            Ok(())
        }
        Command::SeedMessages { chat, user, count } => {
            let n = domain::messages::bulk_seed(&app, chat, user, count).await?;
            println!("inserted {n} messages");
            Ok(())
        }
    }
}
