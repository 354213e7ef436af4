//! natter's own JSON API, beside the five apps' APIs and in Django REST Framework's
//! shape: a person's own account, the administrators' API, bots and their Slack-style
//! hooks, mentions, notification levels, Web Push subscriptions, custom emoji, and the web
//! client's half of a Matrix app's single sign-on.

pub mod account;
pub mod admin;
pub mod bots;
pub mod calls;
pub mod emoji;
pub mod hooks;
pub mod language;
pub mod mail;
pub mod matrix_sign_in;
pub mod mentions;
pub mod notify_levels;
pub mod page;
pub mod people;
pub mod push;
pub mod sign_in;
pub mod two_factor;
