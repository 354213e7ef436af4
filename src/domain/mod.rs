//! The rules of natter, with no HTTP in sight: surfaces call these functions, which check
//! permissions, persist through `store`, and publish neutral events to the hub.

pub mod accounts;
pub mod actor;
pub mod admin;
pub mod auth;
pub mod bots;
pub mod calls;
pub mod chats;
pub mod error;
pub mod event_repair;
pub mod export;
pub mod files;
pub mod first_admin;
pub mod first_day;
pub mod history;
pub mod import_notices;
pub mod leaving_calls;
pub mod lockouts;
pub mod mail;
pub mod mentions;
pub mod messages;
pub mod moderation;
pub mod notify_levels;
pub mod outbox;
pub mod own_account;
pub mod push;
pub mod replies;
pub mod search;
pub mod seed_people;
pub mod sign_in;
pub mod site;
pub mod social;
pub mod storage;
pub mod table_watch;
#[cfg(test)]
pub(crate) mod tests;
pub mod threads;
pub mod two_factor;
pub mod views;

pub use error::{Error, Result};
