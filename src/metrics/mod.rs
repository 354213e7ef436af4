//! The Prometheus metrics of a running natter: one registry and the handles that record
//! into it. Every handle is an `Arc` around atomics, resolved once at start, so recording
//! is an atomic add (a histogram takes its own uncontended mutex): no label lookup,
//! no allocation and no shared lock per event. The layers below HTTP (`store/`, `hub`,
//! `domain/`) are handed the plain handles they record into (`WriterMetrics`, `HubMetrics`,
//! ...) and know nothing of the registry or of how it is served (`listener`,
//! `--metrics-listen`). docs/metrics.md lists every metric.

pub mod link_previews;
pub mod listener;

use prometheus_client::metrics::family::Family;
use prometheus_client::registry::{Registry, Unit};
use std::time::Duration;

pub use prometheus_client::metrics::counter::Counter;
pub use prometheus_client::metrics::gauge::Gauge;
pub use prometheus_client::metrics::histogram::Histogram;

/// Which API (or the web client) a request or socket belongs to: the `surface` label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurfaceName {
    Inbox,
    Chats,
    Dm,
    Rooms,
    Messenger,
    Accounts,
    Web,
    /// Slack-style incoming webhooks (`/hooks/<token>`).
    Hooks,
    /// The Matrix client-server API (`/_matrix/`, `/.well-known/matrix/`).
    Matrix,
    /// A path no surface serves (404s).
    Other,
}

impl SurfaceName {
    const ALL: [SurfaceName; 10] = [
        SurfaceName::Inbox,
        SurfaceName::Chats,
        SurfaceName::Dm,
        SurfaceName::Rooms,
        SurfaceName::Messenger,
        SurfaceName::Accounts,
        SurfaceName::Web,
        SurfaceName::Hooks,
        SurfaceName::Matrix,
        SurfaceName::Other,
    ];

    /// The label value.
    pub fn as_str(self) -> &'static str {
        match self {
            SurfaceName::Inbox => "inbox",
            SurfaceName::Chats => "chats",
            SurfaceName::Dm => "dm",
            SurfaceName::Rooms => "rooms",
            SurfaceName::Messenger => "messenger",
            SurfaceName::Accounts => "accounts",
            SurfaceName::Web => "web",
            SurfaceName::Hooks => "hooks",
            SurfaceName::Matrix => "matrix",
            SurfaceName::Other => "other",
        }
    }
}

/// Status classes counted (`1xx` is a socket handshake's 101).
const STATUS_CLASSES: [&str; 5] = ["1xx", "2xx", "3xx", "4xx", "5xx"];

/// Request latency buckets, seconds: from a cached page (~0.5 ms) to an upload or a
/// password hash under load (seconds).
const HTTP_BUCKETS: [f64; 14] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// Group commit buckets, seconds: a group of a few jobs with `--sync normal` takes tens
/// of microseconds, an fsync on a slow disk tens of milliseconds.
const COMMIT_BUCKETS: [f64; 13] = [
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0,
];

type Labels = [(&'static str, &'static str); 1];
type Labels2 = [(&'static str, &'static str); 2];

/// HTTP requests by surface and status class, and their latency by surface.
pub struct HttpMetrics {
    requests: [[Counter; STATUS_CLASSES.len()]; SurfaceName::ALL.len()],
    latency: [Histogram; SurfaceName::ALL.len()],
}

impl HttpMetrics {
    /// Counts one answered request of `surface` with `status`, which took `elapsed`.
    pub fn observe(&self, surface: SurfaceName, status: u16, elapsed: Duration) {
        let class = usize::from(status / 100).clamp(1, STATUS_CLASSES.len()) - 1;
        self.requests[surface as usize][class].inc();
        self.latency[surface as usize].observe(elapsed.as_secs_f64());
    }
}

/// Open sockets by surface.
pub struct OpenSockets([Gauge; SurfaceName::ALL.len()]);

impl OpenSockets {
    /// Counts a socket of `surface` as open until the returned guard is dropped.
    pub fn open(&self, surface: SurfaceName) -> OpenSocket {
        let gauge = self.0[surface as usize].clone();
        gauge.inc();
        OpenSocket(gauge)
    }
}

/// One open socket in the gauge; leaves it when dropped.
pub struct OpenSocket(Gauge);

impl Drop for OpenSocket {
    fn drop(&mut self) {
        self.0.dec();
    }
}

/// What the hub records. Defaults are handles no registry reads (for a bare `Hub`).
#[derive(Clone, Debug, Default)]
pub struct HubMetrics {
    /// Events handed to socket queues (one per socket per event).
    pub deliveries: Counter,
    /// Sockets closed with 1013 as too slow: by the hub when their queue was full, or by
    /// their own loop (`ws::socket`) when a write to them waited 10 s. Counted once each.
    pub kicked: Counter,
    /// 1 while events from other nodes arrive (always on one node), 0 while the bus is down.
    pub bus_up: Gauge,
    /// Times every socket was closed with 1012 because events from other nodes may have
    /// been lost (the bus went down, its queue overflowed, or a node's sequence skipped).
    pub bus_interruptions: Counter,
    /// Events and revokes received from other nodes and delivered here.
    pub bus_received: Counter,
    /// Chat events read back from the outbox because they were late or never published
    /// (several nodes).
    pub events_repaired: Counter,
    /// Gaps in a chat's events that could not be repaired in time: every socket was
    /// closed with 1012 and moved past them.
    pub gaps_given_up: Counter,
}

/// What the writer thread records.
#[derive(Clone, Debug)]
pub struct WriterMetrics {
    /// Groups committed.
    pub groups: Counter,
    /// Write jobs in committed groups.
    pub jobs: Counter,
    /// From `BEGIN` to the end of `COMMIT` of one group: its jobs and the sync.
    pub commit_seconds: Histogram,
}

impl Default for WriterMetrics {
    fn default() -> Self {
        WriterMetrics {
            groups: Counter::default(),
            jobs: Counter::default(),
            commit_seconds: Histogram::new(COMMIT_BUCKETS),
        }
    }
}

/// What the store records: the writer's commits and the readers' queue.
#[derive(Clone, Debug, Default)]
pub struct StoreMetrics {
    pub writer: WriterMetrics,
    /// Reads waiting for a reader thread.
    pub read_queue: Gauge,
    /// 1 while a node serving alone on PostgreSQL hears other processes' commits (and so
    /// may remember ready pages' checks), else 0.
    pub commits_heard: Gauge,
}

/// Requests and socket frames refused by a rate limit, one counter per limit.
#[derive(Clone, Debug, Default)]
pub struct RateLimitRefusals {
    pub auth: Counter,
    pub api: Counter,
    pub upload: Counter,
    pub socket_message: Counter,
    pub call_signal: Counter,
    pub hook: Counter,
}

/// Web Push sends by how they ended (`domain::push::worker`).
#[derive(Clone, Default)]
pub struct PushMetrics {
    pub delivered: Counter,
    pub gone: Counter,
    pub retried: Counter,
    pub failed: Counter,
}

/// How calls of bots' outgoing webhooks ended (`natter_webhook_calls_total{outcome}`).
pub struct WebhookMetrics {
    pub answered: Counter,
    pub retried: Counter,
    pub failed: Counter,
}

/// What `/metrics` shows of the ready pages (`pages`).
#[derive(Clone, Debug, Default)]
pub struct ReadyPagesMetrics {
    /// Pages answered from memory.
    pub hits: Counter,
    /// Pages built because none was kept at the live versions.
    pub misses: Counter,
    /// Pages dropped to make room.
    pub evictions: Counter,
    /// Requests whose check came from one remembered at the SQLite file's unchanged
    /// commit mark, without a read.
    pub remembered: Counter,
    /// Bytes kept now (bodies, compressed forms, keys and versions).
    pub bytes: Gauge,
}

/// How mails ended (`natter_mails_total{outcome}`).
pub struct MailMetrics {
    pub sent: Counter,
    pub retried: Counter,
    pub failed: Counter,
}

/// The registry and every handle; shared as `Arc<Metrics>`.
pub struct Metrics {
    registry: Registry,
    pub http: HttpMetrics,
    pub open_sockets: OpenSockets,
    /// Messages committed (every surface, REST and socket).
    pub messages_stored: Counter,
    pub hub: HubMetrics,
    pub store: StoreMetrics,
    pub rate_limited: RateLimitRefusals,
    /// How Web Push sends ended, by outcome.
    pub pushes: PushMetrics,
    /// How bots' outgoing webhook calls ended, by outcome.
    pub webhooks: WebhookMetrics,
    /// How mails ended, by outcome.
    pub mails: MailMetrics,
    /// Ready pages: hits, misses, evictions and the bytes kept.
    pub ready_pages: ReadyPagesMetrics,
    /// Link previews: fetched, failed by reason, from the cache, pictures, the queue.
    pub link_previews: link_previews::LinkPreviewMetrics,
    /// Log lines dropped because the log's queue was full (`logging::dropped_lines`,
    /// brought up to date at each scrape).
    log_lines_dropped: Counter,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// Registers every metric under the `natter_` prefix. Every labelled series is made
    /// here, at zero, so a scrape shows it before its first event and recording never
    /// looks a label up.
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("natter");

        let requests = Family::<Labels2, Counter>::default();
        let latency = Family::<Labels, Histogram>::new_with_constructor(
            (|| Histogram::new(HTTP_BUCKETS)) as fn() -> Histogram,
        );
        let open = Family::<Labels, Gauge>::default();
        let http = HttpMetrics {
            requests: SurfaceName::ALL.map(|s| {
                STATUS_CLASSES.map(|c| {
                    requests
                        .get_or_create(&[("surface", s.as_str()), ("status", c)])
                        .clone()
                })
            }),
            latency: SurfaceName::ALL
                .map(|s| latency.get_or_create(&[("surface", s.as_str())]).clone()),
        };
        let open_sockets = OpenSockets(
            SurfaceName::ALL.map(|s| open.get_or_create(&[("surface", s.as_str())]).clone()),
        );
        registry.register(
            "http_requests",
            "HTTP requests answered, by surface and status class (1xx: socket handshakes)",
            requests,
        );
        registry.register_with_unit(
            "http_request_duration",
            "Time from a request's head to its answer, by surface",
            Unit::Seconds,
            latency,
        );
        registry.register("open_sockets", "WebSockets open now, by surface", open);

        let messages_stored = Counter::default();
        registry.register(
            "messages_stored",
            "Messages committed to the database, through any surface",
            messages_stored.clone(),
        );

        let hub = HubMetrics::default();
        registry.register(
            "socket_deliveries",
            "Events handed to socket queues by the hub (one per socket per event)",
            hub.deliveries.clone(),
        );
        registry.register(
            "sockets_kicked",
            "Sockets closed with 1013 as too slow: their queue of events was full, or they took no frames for 10 s",
            hub.kicked.clone(),
        );
        hub.bus_up.set(1);
        registry.register(
            "bus_up",
            "1 while events from other natter nodes arrive (always 1 with --hub local)",
            hub.bus_up.clone(),
        );
        registry.register(
            "bus_interruptions",
            "Times every socket was closed with 1012 because events from other nodes may have been lost",
            hub.bus_interruptions.clone(),
        );
        registry.register(
            "bus_received",
            "Events and revokes received from other natter nodes",
            hub.bus_received.clone(),
        );
        registry.register(
            "events_repaired",
            "Chat events read back from the database because NATS was late or lost them, or their node died before publishing",
            hub.events_repaired.clone(),
        );
        registry.register(
            "gaps_given_up",
            "Gaps in a chat's events that could not be repaired in time (sockets closed with 1012)",
            hub.gaps_given_up.clone(),
        );

        let store = StoreMetrics::default();
        registry.register(
            "writer_groups",
            "Write groups committed (one transaction and one sync each)",
            store.writer.groups.clone(),
        );
        registry.register(
            "writer_jobs",
            "Write jobs in committed groups",
            store.writer.jobs.clone(),
        );
        registry.register_with_unit(
            "writer_commit_duration",
            "Time from BEGIN to the end of COMMIT of one write group",
            Unit::Seconds,
            store.writer.commit_seconds.clone(),
        );
        registry.register(
            "read_queue_depth",
            "Reads waiting for a reader thread",
            store.read_queue.clone(),
        );
        registry.register(
            "pg_commits_heard",
            "1 while a node serving alone on PostgreSQL hears other processes' commits",
            store.commits_heard.clone(),
        );

        let refusals = Family::<Labels, Counter>::default();
        let refused = |limit| refusals.get_or_create(&[("limit", limit)]).clone();
        let rate_limited = RateLimitRefusals {
            auth: refused("auth"),
            api: refused("api"),
            upload: refused("upload"),
            socket_message: refused("socket_message"),
            call_signal: refused("call_signal"),
            hook: refused("hook"),
        };
        registry.register(
            "rate_limited",
            "Requests and socket frames refused by a rate limit, by limit",
            refusals,
        );
        let outcomes = Family::<Labels, Counter>::default();
        let outcome = |o| outcomes.get_or_create(&[("outcome", o)]).clone();
        let pushes = PushMetrics {
            delivered: outcome("delivered"),
            gone: outcome("gone"),
            retried: outcome("retried"),
            failed: outcome("failed"),
        };
        registry.register(
            "pushes",
            "Web Push sends by outcome: delivered, gone (404/410, subscription removed), retried (429/5xx/timeout), failed (given up)",
            outcomes,
        );
        let calls = Family::<Labels, Counter>::default();
        let call = |o| calls.get_or_create(&[("outcome", o)]).clone();
        let webhooks = WebhookMetrics {
            answered: call("answered"),
            retried: call("retried"),
            failed: call("failed"),
        };
        registry.register(
            "webhook_calls",
            "Calls of bots' outgoing webhooks by outcome: answered (2xx), retried (429/5xx/timeout), failed (given up or refused)",
            calls,
        );
        let mail_outcomes = Family::<Labels, Counter>::default();
        let mail = |o| mail_outcomes.get_or_create(&[("outcome", o)]).clone();
        let mails = MailMetrics {
            sent: mail("sent"),
            retried: mail("retried"),
            failed: mail("failed"),
        };
        registry.register(
            "mails",
            "Mails by outcome: sent (the relay took it), retried (relay down, busy or 4xx), failed (refused for good, or given up)",
            mail_outcomes,
        );
        let ready_pages = ReadyPagesMetrics::default();
        registry.register(
            "ready_page_hits",
            "History pages and chat lists answered from memory (ready pages), their caller and versions checked",
            ready_pages.hits.clone(),
        );
        registry.register(
            "ready_page_misses",
            "History pages and chat lists built because none was kept at their chats' live versions",
            ready_pages.misses.clone(),
        );
        registry.register(
            "ready_page_checks_remembered",
            "Ready-page requests whose caller and versions came from a check remembered at the SQLite file's unchanged commit mark, read from the database by none",
            ready_pages.remembered.clone(),
        );
        registry.register(
            "ready_page_evictions",
            "Ready pages dropped to stay within --ready-pages-mib",
            ready_pages.evictions.clone(),
        );
        registry.register_with_unit(
            "ready_pages",
            "Memory the ready pages take now (bodies, compressed forms, keys)",
            Unit::Bytes,
            ready_pages.bytes.clone(),
        );
        let link_previews = link_previews::LinkPreviewMetrics::register(&mut registry);
        let log_lines_dropped = Counter::default();
        registry.register(
            "log_lines_dropped",
            "Log lines dropped, not written, because the log's queue was full (a log never slows an answer)",
            log_lines_dropped.clone(),
        );

        Metrics {
            registry,
            http,
            open_sockets,
            messages_stored,
            hub,
            store,
            rate_limited,
            pushes,
            webhooks,
            mails,
            ready_pages,
            link_previews,
            log_lines_dropped,
        }
    }

    /// The exposition, in the OpenMetrics text format Prometheus scrapes.
    pub fn encode(&self) -> String {
        let dropped = crate::logging::dropped_lines();
        self.log_lines_dropped
            .inc_by(dropped.saturating_sub(self.log_lines_dropped.get()));
        let mut text = String::with_capacity(16 * 1024);
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
        text
    }
}
