//! One integration test binary: every test starts the real server (see `helpers`).

mod chats;
mod client_events;
mod cluster;
mod concurrent_writers;
mod cors_and_options;
mod cross_site_and_credentials;
mod dm;
mod event_order;
mod foundation;
mod helpers;
mod inbox;
mod key_order;
mod lookalike_names;
mod messenger;
mod metrics;
mod migrate_to_postgres;
mod pg;
mod postgres_schema;
mod private_or_missing;
mod proxies_and_tls;
mod rooms;
mod search;
mod slow_and_malformed_clients;
mod startup_and_cli;
mod wal_checkpoints;
mod wrong_shapes;
