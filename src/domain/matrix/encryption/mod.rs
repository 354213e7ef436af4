//! End-to-end encryption kept without being read: devices' keys, claims, cross-signing
//! and who must fetch whose keys again (`keys`), the signature check a key's signature
//! must pass to be kept (`signatures`), messages from one device to another, kept until
//! received (`to_device`), and key backup (`key_backup`).

pub mod key_backup;
pub mod keys;
pub mod signatures;
pub mod to_device;
