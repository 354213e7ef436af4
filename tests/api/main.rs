//! One integration test binary: every test starts the real server (see `helpers`).

mod chats;
mod dm;
mod foundation;
mod helpers;
mod inbox;
mod messenger;
mod private_or_missing;
mod rooms;
mod wrong_shapes;
