//! What the Matrix client-server API needs that natter's other surfaces do not: the
//! server name every Matrix id carries, the devices Matrix apps sign in as (a device is a
//! natter session with an app's id and name) and the ways they sign in (`sign_in`), and
//! the keys and messages of end-to-end encryption, kept without being read
//! (`encryption`). The rules stay natter's; the surface (`surfaces::matrix`) translates.

pub mod account_data;
pub mod encryption;
pub mod ids;
pub mod log_pruning;
pub mod media_ids;
pub mod pushers;
pub mod send;
pub mod sign_in;
pub mod site;
pub mod sync;
