//! One file of descriptions per surface, each a function per kind of route.

pub mod accounts;
pub mod bots;
pub mod chats;
pub mod chats_groups;
pub mod chats_pins;
pub mod chats_previews;
pub mod chats_scheduled;
pub mod chats_status;
pub mod chats_threads;
pub mod dm;
pub mod inbox;
pub mod language;
pub mod messenger;
pub mod own;
pub mod rooms;
pub mod web;
