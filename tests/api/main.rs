//! One integration test binary: every test starts the real server (see `helpers`).

mod chats;
mod cross_site_and_credentials;
mod dm;
mod foundation;
mod helpers;
mod inbox;
mod messenger;
mod private_or_missing;
mod rooms;
mod slow_and_malformed_clients;
mod wrong_shapes;
