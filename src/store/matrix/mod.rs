//! The rows only Matrix apps need, one file per kind: the settings apps keep per person
//! (`account_data.rs`),
//! devices' keys (`keys.rs`), key backups (`key_backup.rs`), messages to devices
//! (`to_device.rs`), sends once per transaction id (`txns.rs`), single sign-on's tokens
//! (`login_tokens.rs`), OAuth 2.0 grants (`oauth.rs`) and sign-ups waiting for their
//! address (`sign_ups.rs`). The log of changes whose positions are `/sync` tokens is
//! `store/matrix_log.rs`, beside the writers that add to it from each committed group.

pub mod account_data;
pub mod key_backup;
pub mod keys;
pub mod login_tokens;
pub mod oauth;
pub mod sign_ups;
pub mod to_device;
pub mod txns;
