//! The descriptions of the own surface's routes (see `schema::doc` for the builders).
#![allow(unused_imports)]
use crate::api::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "natter";

/// This surface's named schemas, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![]
}

/// `RegistrationMode`.
pub fn registration_mode() -> Doc {
    http(TAG, vec![])
}

/// `Account`.
pub fn account() -> Doc {
    http(TAG, vec![])
}

/// `AccountPassword`.
pub fn account_password() -> Doc {
    http(TAG, vec![])
}

/// `AccountSessions`.
pub fn account_sessions() -> Doc {
    http(TAG, vec![])
}

/// `AccountSession`.
pub fn account_session() -> Doc {
    http(TAG, vec![])
}

/// `AccountReset`.
pub fn account_reset() -> Doc {
    http(TAG, vec![])
}

/// `AdminPeople`.
pub fn admin_people() -> Doc {
    http(TAG, vec![])
}

/// `AdminPerson`.
pub fn admin_person() -> Doc {
    http(TAG, vec![])
}

/// `AdminPersonAction`.
pub fn admin_person_action() -> Doc {
    http(TAG, vec![])
}

/// `AdminInvitations`.
pub fn admin_invitations() -> Doc {
    http(TAG, vec![])
}

/// `AdminInvitation`.
pub fn admin_invitation() -> Doc {
    http(TAG, vec![])
}

/// `AdminMessage`.
pub fn admin_message() -> Doc {
    http(TAG, vec![])
}

/// `AdminChat`.
pub fn admin_chat() -> Doc {
    http(TAG, vec![])
}

/// `AdminAudit`.
pub fn admin_audit() -> Doc {
    http(TAG, vec![])
}

/// `Mentions`.
pub fn mentions() -> Doc {
    http(TAG, vec![])
}

/// `MentionsRead`.
pub fn mentions_read() -> Doc {
    http(TAG, vec![])
}

/// `NotifyLevels`.
pub fn notify_levels() -> Doc {
    http(TAG, vec![])
}

/// `NotifyLevel`.
pub fn notify_level() -> Doc {
    http(TAG, vec![])
}

/// `Push`.
pub fn push() -> Doc {
    http(TAG, vec![])
}

/// `PushSubscriptions`.
pub fn push_subscriptions() -> Doc {
    http(TAG, vec![])
}

/// `PushSubscription`.
pub fn push_subscription() -> Doc {
    http(TAG, vec![])
}
