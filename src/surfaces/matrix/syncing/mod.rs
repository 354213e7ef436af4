//! Keeping an app up to date: `/sync` (`sync`: the long poll, and each room's JSON),
//! the sliding sync Element X uses, reshaped from it (`sliding_sync`), the filters apps
//! name in a sync (`filters`), and presence, which a sync carries too (`presence`). The
//! since token both hand out is `since_token`, beside this folder, because
//! `/keys/changes` reads it as well.

pub mod filters;
pub mod presence;
pub mod sliding_sync;
pub mod sync;
