//! Shared state (database, hub, limits, settings, calls), with no HTTP in it: the domain
//! takes it as `&App`. What only the HTTP edge needs (trusted proxies, allowed origins,
//! CORS) is `http::policy::HttpPolicy`; the warp tree that serves both is `api::serve`.

use crate::config::Config;
use crate::hub::Hub;
use crate::push::own_address::OwnAddress;
use crate::ratelimit::RateLimiter;
use crate::store::{self, Db, StoreResult};
use std::sync::Arc;

pub mod calls;
pub mod checked_pages;
pub mod known_callers;

use calls::{Heartbeat, Registry, SharedCalls};

/// Everything a handler needs: a handle on [`Shared`], whose fields it derefs to.
///
/// One reference count, not one per part: every request clones it (the route tree hands
/// each its own), and cloning and dropping a dozen shared counts, which both cores touch,
/// was about 3 % of the server's CPU under REST sends (`perf record` under
/// `natter-bench send --transport rest`).
#[derive(Clone)]
pub struct App(Arc<Shared>);

impl std::ops::Deref for App {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The shared state behind [`App`].
pub struct Shared {
    pub db: Db,
    pub hub: Arc<Hub>,
    pub limits: Arc<RateLimiter>,
    /// Who is in which room's call: in memory on one node (calls do not survive a
    /// restart), in PostgreSQL when nodes share it (`--hub nats://...`).
    pub calls: Arc<Registry>,
    pub config: Arc<Config>,
    /// Key that signs JWTs; made on first start and kept in `settings`.
    pub jwt_secret: Arc<[u8]>,
    /// Open sockets per user, capped by `--max-sockets-per-user`.
    pub sockets_per_user: Arc<crate::kit::caps::Cap<i64>>,
    /// Personal exports being made or downloaded, one per person at a time
    /// (`domain::people::export::personal`).
    pub exports_per_person: Arc<crate::kit::caps::Cap<i64>>,
    /// The same over the whole server, `--exports-at-once` in all.
    pub exports_at_once: Arc<crate::kit::caps::Cap<()>>,
    /// Password hashes computed at once (one per core): see `domain::auth`.
    pub password_slots: Arc<tokio::sync::Semaphore>,
    /// Counters and gauges that `--metrics-listen` serves.
    pub metrics: Arc<crate::metrics::Metrics>,
    /// Sends Web Push with the VAPID key kept in `settings` (made on first start).
    pub push: Arc<crate::push::PushClient>,
    /// Whether this node notes its sockets in PostgreSQL for other nodes' pushes
    /// (`domain::messaging::presence`): a serving node of several.
    pub shared_presence: bool,
    /// Calls bots' outgoing webhooks; seals bots' keys with the key kept in `settings`.
    pub webhooks: Arc<crate::webhooks::Webhooks>,
    /// Fetches the pages and pictures of link previews through the outbound guard.
    pub unfurl: Arc<crate::unfurl::Unfurler>,
    /// Whom recent credentials named: a read sends its first statements with its
    /// caller's check instead of after it (`routing::caller`).
    pub known_callers: Arc<known_callers::KnownCallers>,
    /// Ready pages' checks remembered at the database's commit mark (SQLite).
    pub checked_pages: Arc<checked_pages::CheckedPages>,
    /// The OpenID Connect providers people may sign in with (`--oidc`), with their
    /// discovery documents.
    pub oidc: Arc<crate::oidc::Providers>,
    /// The STUN and TURN servers calls use (`--stun`, `--turn`), and the secret that
    /// makes callers' TURN credentials.
    pub ice: Arc<crate::turn::IceServers>,
    /// The SFU calls' media goes through (`--sfu`), if any: without it calls are a mesh.
    pub sfu: Option<Arc<crate::sfu::Sfu>>,
    /// The mail relay (`--smtp`); `None` when this server sends no mail.
    pub mail: Option<Arc<crate::mail::Mailer>>,
    /// History pages and chat lists kept as their bytes (`--ready-pages-mib`), answered
    /// again while their chats' versions are unchanged (`pages`).
    pub ready_pages: Arc<crate::pages::ReadyPages>,
    /// The Matrix server name (`domain::matrix::site`), set once the server has pinned
    /// it at start; commands, which serve no Matrix app, leave it unset.
    pub matrix_server_name: std::sync::OnceLock<String>,
}

/// How a process opens the database: as a server (made if missing), as a command that
/// may make it, or as a command on one that must exist.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Serving,
    MakingIt,
    Existing,
}

impl App {
    /// Opens the database (made if it does not exist yet) and builds the shared state of
    /// a server around `hub`, which `lib.rs` made (connected to the other nodes with
    /// `--hub nats://...`). It starts no background task: `lib.rs` starts them.
    pub async fn build(
        config: Config,
        metrics: Arc<crate::metrics::Metrics>,
        hub: Arc<Hub>,
    ) -> StoreResult<App> {
        Self::build_on(config, Open::Serving, metrics, hub).await
    }

    /// The same on a database that must exist already, alone: the CLI commands never make
    /// a database and serve no sockets, so they need no bus.
    pub async fn build_existing(config: Config) -> StoreResult<App> {
        let metrics = Arc::new(crate::metrics::Metrics::new());
        let hub = Arc::new(Hub::new(metrics.hub.clone()));
        Self::build_on(config, Open::Existing, metrics, hub).await
    }

    /// The same for a command that may make the database (`create-user --create-db`):
    /// alone, with no bus, as `build_existing`.
    pub async fn build_for_command(config: Config) -> StoreResult<App> {
        let metrics = Arc::new(crate::metrics::Metrics::new());
        let hub = Arc::new(Hub::new(metrics.hub.clone()));
        Self::build_on(config, Open::MakingIt, metrics, hub).await
    }

    async fn build_on(
        config: Config,
        open: Open,
        metrics: Arc<crate::metrics::Metrics>,
        hub: Arc<Hub>,
    ) -> StoreResult<App> {
        let db = Db::open(&store::DbOptions {
            path: config.db.clone(),
            create: open != Open::Existing,
            sync: config.sync,
            checkpoints: config.wal_checkpoints,
            metrics: metrics.store.clone(),
            hub: hub.clone(),
            // Only a serving node of several numbers chat events (the CLI commands run
            // alone and publish nothing).
            outbox: open == Open::Serving && config.nats_servers().is_some(),
            serving: open == Open::Serving,
        })?;
        let fresh = crate::kit::random::random_hex(32);
        let secret = db
            .write(move |c| store::schema::get_or_insert_setting(c, "jwt_secret", &fresh))
            .await?;
        // Where natter listens, once bound: neither client may call it.
        let own = OwnAddress::default();
        let push = push_client(&db, &config, own.clone()).await?;
        let webhooks = webhooks(&db, &config, own.clone()).await?;
        let unfurl = crate::unfurl::Unfurler::new(
            config.link_previews_private.clone(),
            config.outbound_proxy.as_deref(),
            own,
            config.link_preview_timeout,
        )
        .map_err(store::StoreError::Internal)?;
        let serving = open == Open::Serving;
        // The commands never sign anyone in: only a server reads the providers' secrets.
        let oidc = if serving {
            crate::oidc::Providers::from_config(&config).map_err(store::StoreError::Internal)?
        } else {
            crate::oidc::Providers::none().map_err(store::StoreError::Internal)?
        };
        let ice = if serving {
            crate::turn::IceServers::from_config(&config).map_err(store::StoreError::Internal)?
        } else {
            crate::turn::IceServers::none()
        };
        let sfu = if serving {
            crate::sfu::Sfu::from_config(&config)
                .map_err(store::StoreError::Internal)?
                .map(Arc::new)
        } else {
            None
        };
        // Commands mail too (`natter mail-test`, `natter invite --email`).
        let mail = crate::mail::Mailer::from_config(&config)
            .map_err(store::StoreError::Internal)?
            .map(Arc::new);
        let shared_presence = serving && config.nats_servers().is_some() && db.is_postgres();
        let mut limits = RateLimiter::new(config.rate_limits_on(), metrics.rate_limited.clone());
        let mut calls = Registry::local();
        // Several nodes (a NATS hub, which is refused on SQLite at start) share calls and
        // the login limit through PostgreSQL. Only a serving node: the CLI
        // commands (`build_existing`) hold no sockets and must not beat as a node.
        if serving && config.nats_servers().is_some() && db.is_postgres() {
            limits = limits.with_shared_logins(db.clone());
            let node = config.node_id();
            let shared = SharedCalls::start(db.clone(), hub.clone(), &node, Heartbeat::DEFAULT);
            calls = Registry::shared(shared.await?);
        } else if serving && db.is_postgres() {
            calls::complain_if_not_alone(&db).await;
        }
        let config_ready_mib = config.ready_pages_mib;
        let ready_metrics = metrics.ready_pages.clone();
        Ok(App(Arc::new(Shared {
            db,
            hub,
            limits: Arc::new(limits),
            calls: Arc::new(calls),
            jwt_secret: Arc::from(secret.into_bytes()),
            sockets_per_user: crate::kit::caps::Cap::new(config.max_sockets_per_user),
            exports_per_person: crate::kit::caps::Cap::new(1),
            exports_at_once: crate::kit::caps::Cap::new(config.exports_at_once),
            password_slots: Arc::new(tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            )),
            metrics,
            push: Arc::new(push),
            webhooks: Arc::new(webhooks),
            unfurl: Arc::new(unfurl),
            shared_presence,
            config: Arc::new(config),
            known_callers: Arc::default(),
            checked_pages: Arc::default(),
            oidc: Arc::new(oidc),
            ice: Arc::new(ice),
            sfu,
            mail,
            ready_pages: Arc::new(crate::pages::ReadyPages::new(
                (config_ready_mib as usize) << 20,
                ready_metrics,
            )),
            matrix_server_name: std::sync::OnceLock::new(),
        })))
    }
}

/// The push client, signing with the key in `settings` (made now if there is none).
async fn push_client(
    db: &Db,
    config: &Config,
    own: OwnAddress,
) -> StoreResult<crate::push::PushClient> {
    use crate::push::{vapid::VapidKey, PushClient};
    let fresh = VapidKey::generate().map_err(store::StoreError::Internal)?;
    let stored = db
        .write(move |c| store::schema::get_or_insert_setting(c, "vapid_private_key", &fresh))
        .await?;
    let key = VapidKey::from_stored(&stored).map_err(store::StoreError::Internal)?;
    PushClient::new(
        key,
        config.push_contact.clone(),
        config.push_private_endpoints,
        config.outbound_proxy.as_deref(),
        own,
    )
    .map_err(store::StoreError::Internal)
}

/// The webhook client, sealing bots' keys with the key in `settings` (made now if there
/// is none).
async fn webhooks(
    db: &Db,
    config: &Config,
    own: OwnAddress,
) -> StoreResult<crate::webhooks::Webhooks> {
    use crate::webhooks::{keys::Sealer, Webhooks};
    let fresh = Sealer::generate();
    let stored = db
        .write(move |c| store::schema::get_or_insert_setting(c, "bot_sealing_key", &fresh))
        .await?;
    let sealer = Sealer::from_stored(&stored).map_err(store::StoreError::Internal)?;
    Webhooks::new(
        sealer,
        config.webhook_allow_private,
        config.public_url.clone(),
        config.outbound_proxy.as_deref(),
        own,
    )
    .map_err(store::StoreError::Internal)
}
