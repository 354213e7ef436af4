//! natter: one executable serving five Django messaging APIs over one SQLite data model.
//! `start` is what `main` calls; `run` serves; `run_command` runs the other CLI commands.

pub mod api;
pub mod cli_errors;
mod commands;
pub mod config;
pub mod domain;
pub mod http;
pub mod hub;
pub mod i18n;
pub mod kit;
mod logging;
pub mod mail;
pub mod metrics;
pub mod model;
mod moving;
pub mod oidc;
pub mod own;
pub mod pages;
pub mod push;
pub mod ratelimit;
pub mod routing;
pub mod schema;
pub mod sfu;
pub mod startup;
pub mod state;
pub mod store;
pub mod surfaces;
pub mod turn;
pub mod unfurl;
pub mod web;
pub mod webhooks;
pub mod ws;

pub use commands::run_command;
use config::{Cli, Command, Config};
pub use startup::StartError;
use state::App;
use std::io::Write;

/// Starts logging at `level` (a tracing filter) to stderr; libraries are capped at
/// `info` whatever the filter says (`logging`).
pub fn init_logging(level: &str) -> Result<(), StartError> {
    logging::init(level).map_err(StartError)
}

/// What `main` does: start logging, then serve or run the command asked for.
pub async fn start(cli: Cli) -> Result<(), StartError> {
    // Before any file exists: the database and media are natter's user's alone.
    kit::private_files::restrict_new_files();
    init_logging(&cli.config.log)?;
    let done = match cli.command {
        None | Some(Command::Serve) => run(cli.config).await,
        Some(command) => run_command(cli.config, command).await,
    };
    // The log is written by a thread of its own: what it still holds goes out now.
    logging::flush();
    done
}

/// How long shutdown waits for sockets to say goodbye.
const SOCKET_CLOSE_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Serves until SIGINT/SIGTERM. Prints `listening on http://ADDR` (`https://` with
/// `--tls-cert`) as the first stdout line.
///
/// A setting that cannot work stops it before anything is bound or written
/// (`startup`); so does another natter serving the same database.
pub async fn run(config: Config) -> Result<(), StartError> {
    startup::check_serving(&config)?;
    // Every socket holds a file descriptor: the hard limit is the one that counts.
    let open_files = kit::open_files::raise_to_hard();
    // The sign-in providers' settings and secrets, before anything is bound or written
    // (`App::build` reads them again for the server it builds).
    oidc::Providers::from_config(&config).map_err(StartError)?;
    turn::IceServers::from_config(&config).map_err(StartError)?;
    sfu::Sfu::from_config(&config).map_err(StartError)?;
    if let Some(sfu) = config.sfu_public_url.as_ref().or(config.sfu.as_ref()) {
        http::reply::also_connect_to(sfu);
    }
    mail::Mailer::from_config(&config).map_err(StartError)?;
    let tls = match (&config.tls_cert, &config.tls_key) {
        (Some(cert), Some(key)) => Some(http::tls::acceptor(cert, key).map_err(StartError)?),
        _ => None,
    };
    let scheme = if tls.is_some() { "https" } else { "http" };
    let listener = listen(&config.listen)
        .await
        .map_err(|e| startup::listen_error(&config.listen, &e))?;
    let addr = listener.local_addr()?;
    // Before the database is opened, and held until it is closed.
    let lock = startup::ServerLock::take(&config.db)?;
    let db_is_file = !store::is_postgres(&config.db) && config.db != ":memory:";
    if db_is_file {
        kit::private_files::warn_if_shared(std::path::Path::new(&config.db));
    }
    let policy =
        std::sync::Arc::new(http::policy::HttpPolicy::from_config(&config).map_err(StartError)?);
    let existed = !db_is_file || std::path::Path::new(&config.db).exists();
    let metrics = std::sync::Arc::new(metrics::Metrics::new());
    let hub = make_hub(&config, &metrics).await?;
    let app = App::build(config, metrics, hub).await?;
    // Several nodes: this node's chat events are ordered and repaired from the outbox,
    // before any socket is served.
    if app.config.nats_servers().is_some() && app.db.is_postgres() {
        domain::background::event_repair::start(&app.db, &app.hub).await?;
    }
    app.webhooks.serving_at(addr, scheme);
    startup::log_what_serves(&app.config, !existed, scheme);
    startup::offer_links(&app, addr, scheme).await?;
    startup::pin_matrix_server_name(&app, addr).await?;
    surfaces::emails::set_policy(app.config.show_emails);
    // Sockets of people the command line locks out close within half a second.
    domain::background::lockouts::watch(&app.db, &app.hub).await?;
    // Chats `natter import` writes beside this server appear in open clients within half
    // a second.
    domain::background::import_notices::watch(&app.db, &app.hub).await?;
    // Web Push: plans and sends pushes in the background.
    domain::messaging::presence::forget_stale(&app)
        .await
        .map_err(|e| StartError(format!("cannot prepare pushes: {e}")))?;
    domain::push::worker::start(&app);
    // Bots' outgoing webhooks: calls owed by messages, made in the background.
    domain::bots::outgoing::start(&app)
        .await
        .map_err(|e| StartError(format!("cannot prepare webhook calls: {e}")))?;
    // Link previews: owed by messages with links, made in the background.
    domain::link_previews::worker::start(&app)
        .await
        .map_err(|e| StartError(format!("cannot prepare link previews: {e}")))?;
    // Mail: queued mails go to the relay; missed mentions and direct messages are mailed.
    match &app.mail {
        Some(mailer) => tracing::info!(
            "mail: on, through {}; links in mail point to {}{}",
            mailer.describe(),
            domain::mail::site(&app),
            if app.config.public_url.is_none() {
                " (set --public-url to the address people use)"
            } else {
                ""
            }
        ),
        None => tracing::info!("mail: off (no --smtp): no password reset or missed-message mails"),
    }
    domain::mail::sender::start(&app)
        .await
        .map_err(|e| StartError(format!("cannot prepare mail: {e}")))?;
    domain::mail::missed::start(&app);
    // Reminders of saved messages, once each, when due.
    domain::saved::reminders::start(&app);
    // Messages sent later, once each, when due.
    domain::scheduled::sending::start(&app);
    // Statuses clear at their end; people with no activity are told away.
    domain::background::statuses::start(&app);
    // The Matrix log keeps what a since token may still ask for.
    domain::matrix::log_pruning::start(&app);
    // Uploads no message holds go after --unattached-uploads-kept.
    domain::uploads::files::unattached::start(&app);
    // Images never looked at get their thumbnails.
    domain::uploads::thumbnails::sweep::start(&app);
    // OpenID Connect providers are discovered in the background: one that is down does
    // not hold the start, and is tried again until it answers.
    if app.oidc.any() {
        tokio::spawn(app.oidc.clone().keep_discovering());
    }
    if let Some(at) = &app.config.metrics_listen {
        let bound = metrics::listener::start(at, app.metrics.clone())
            .await
            .map_err(|e| StartError(format!("cannot listen on {at} for metrics: {e}")))?;
        tracing::info!("metrics at http://{bound}/metrics");
    }
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "listening on {scheme}://{addr}")?;
        out.flush()?;
    }
    tracing::info!("natter listening on {scheme}://{addr}");
    log_open_files(open_files);
    let hub = app.hub.clone();
    let db = app.db.clone();
    let calls = app.calls.clone();
    let external_checkpoints = app.config.wal_checkpoints == config::WalCheckpoints::External;
    if external_checkpoints {
        tracing::info!(
            "--wal-checkpoints external: natter never checkpoints; the write-ahead log grows \
             until the replicator (Litestream) checkpoints it"
        );
    }
    let limits = http::server::Limits {
        header_timeout: std::time::Duration::from_secs(app.config.header_timeout_secs),
        keep_alive: std::time::Duration::from_secs(app.config.keep_alive_secs),
        per_address: kit::caps::Cap::new(app.config.max_connections_per_ip),
        proxies: policy.proxies.clone(),
    };
    let routes = api::serve::routes(app, policy);
    let shutdown = {
        let hub = hub.clone();
        async move {
            shutdown_signal().await;
            tracing::info!("shutting down");
            hub.shutdown();
        }
    };
    http::server::serve(listener, routes, limits, tls, shutdown).await;
    // warp's graceful shutdown does not track upgraded connections: give every socket
    // loop time to send its 1001 close frame before the process exits.
    hub.wait_for_sockets(SOCKET_CLOSE_WAIT).await;
    // With a shared call registry: this node's last call rows and its heartbeat go now,
    // so the other nodes need not wait for the heartbeat bound.
    calls.close().await;
    if external_checkpoints {
        tracing::info!("left the write-ahead log to the replicator (--wal-checkpoints external)");
    } else {
        match db.checkpoint().await {
            Ok(true) => {}
            Ok(false) => tracing::warn!(
                "another process holds the database open, so part of the write-ahead log \
                 stays beside it; keep the -wal file with natter.db (with a replicator such \
                 as Litestream, run natter with --wal-checkpoints external)"
            ),
            Err(e) => {
                tracing::warn!("could not fold the write-ahead log into the database on exit: {e}")
            }
        }
    }
    // Closing the last connection also removes the `-wal` and `-shm` files.
    if let Err(e) = db.close().await {
        tracing::warn!("could not close the database on exit: {e}");
    }
    drop(lock);
    Ok(())
}

/// Below this many open files a server holds only a few thousand sockets: said at start.
const FEW_OPEN_FILES: u64 = 16_384;

/// Says how many files (sockets among them) natter may hold open, and warns when that is
/// low enough to cap the sockets (docs/deploy.md, "Sizing").
fn log_open_files(files: kit::open_files::OpenFiles) {
    match (files.before, files.now) {
        (Some(before), Some(now)) if now < FEW_OPEN_FILES => tracing::warn!(
            "natter may hold {now} open files (each socket takes one; raised from {before}): \
             set LimitNOFILE (systemd) or `ulimit -Hn` higher for more sockets"
        ),
        (Some(before), Some(now)) if before != now => {
            tracing::info!("open files: up to {now} (raised from {before}, the hard limit)")
        }
        (_, Some(now)) => tracing::info!("open files: up to {now}"),
        _ => {}
    }
}

/// The hub a server fans out through: alone, or with `--hub nats://...` connected to the
/// other nodes (or refusing to start, saying which NATS it could not reach).
async fn make_hub(
    config: &Config,
    metrics: &metrics::Metrics,
) -> Result<std::sync::Arc<hub::Hub>, StartError> {
    let Some(servers) = config.nats_servers() else {
        return Ok(std::sync::Arc::new(hub::Hub::new(metrics.hub.clone())));
    };
    let (bus, connection) = hub::nats::connect(&servers, &config.cluster_name, &config.node_id())
        .await
        .map_err(StartError)?;
    let hub = std::sync::Arc::new(hub::Hub::with_bus(metrics.hub.clone(), Box::new(bus)));
    connection.start(&hub);
    Ok(hub)
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
