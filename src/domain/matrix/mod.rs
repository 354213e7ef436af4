//! What the Matrix client-server API needs that natter's other surfaces do not: the
//! server name every Matrix id carries, and the devices Matrix apps sign in as (a device
//! is a natter session with an app's id and name). The rules stay natter's; the surface
//! (`surfaces::matrix`) translates.

pub mod account_data;
pub mod devices;
pub mod ids;
pub mod key_backup;
pub mod keys;
pub mod log_pruning;
pub mod media_ids;
pub mod oauth;
pub mod pushers;
pub mod send;
pub mod sign_up;
pub mod signatures;
pub mod site;
pub mod sso;
pub mod sync;
pub mod to_device;
