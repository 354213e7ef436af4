//! What a Matrix app reads and writes about notifications: the push rules, natter's
//! notification levels in Matrix's words (`push_rules`), and the push gateways an app
//! on a phone has natter send to (`pushers`).

pub mod push_rules;
pub mod pushers;
