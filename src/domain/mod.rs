//! The rules of natter, with no HTTP in sight: surfaces call these functions, which check
//! permissions, persist through `store`, and publish neutral events to the hub.

pub mod administration;
pub mod auth;
pub mod background;
pub mod bots;
pub mod calls;
pub mod error;
pub mod leaving_calls;
pub mod link_previews;
pub mod mail;
pub mod matrix;
pub mod messaging;
pub mod people;
pub mod push;
pub mod saved;
pub mod scheduled;
pub mod status;
#[cfg(test)]
pub(crate) mod tests;
pub mod uploads;

pub use error::{Error, Result};
