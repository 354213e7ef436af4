//! End-to-end encryption's routes, each key and message kept as the app wrote it: the
//! devices' and cross-signing keys and their signatures (`keys`), messages from one
//! device straight to others (`to_device`), and server-side key backup (`key_backup`).

pub mod key_backup;
pub mod keys;
pub mod to_device;
