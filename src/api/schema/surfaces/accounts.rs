//! The descriptions of the accounts surface's routes (see `schema::doc` for the builders).
#![allow(unused_imports)]
use crate::api::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "accounts";

/// This surface's named schemas, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![]
}

/// `Register`.
pub fn register() -> Doc {
    http(TAG, vec![])
}

/// `Login`.
pub fn login() -> Doc {
    http(TAG, vec![])
}

/// `Logout`.
pub fn logout() -> Doc {
    http(TAG, vec![])
}

/// `Me`.
pub fn me() -> Doc {
    http(TAG, vec![])
}

/// `TokenForSession`.
pub fn token_for_session() -> Doc {
    http(TAG, vec![])
}

/// `Users`.
pub fn users() -> Doc {
    http(TAG, vec![])
}

/// `User`.
pub fn user() -> Doc {
    http(TAG, vec![])
}

/// `AccountsUsers`.
pub fn accounts_users() -> Doc {
    http(TAG, vec![])
}

/// `JwtPair`.
pub fn jwt_pair() -> Doc {
    http(TAG, vec![])
}

/// `JwtRefresh`.
pub fn jwt_refresh() -> Doc {
    http(TAG, vec![])
}

/// `SessionLogin`.
pub fn session_login() -> Doc {
    http(TAG, vec![])
}

/// `SessionLogout`.
pub fn session_logout() -> Doc {
    http(TAG, vec![])
}

/// `RootAccounts`.
pub fn root_accounts() -> Doc {
    http(TAG, vec![])
}
