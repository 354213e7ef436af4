//! Moving in and out: everything that brings another server's data into natter or takes
//! natter's data out whole, run as commands and never on the serving path.
//!
//! - `slack`: `natter import slack EXPORT.zip` (`slack/command.rs` reads the zip and
//!   prints; `slack/export.rs` reads its records; `slack.rs` decides what becomes what).
//! - `django`: `natter import django SOURCE` (`django/command.rs` prints; `django.rs`
//!   decides), the Django database read by `store::moving::django_source`.
//! - `export`: `natter export`, the whole server as a Slack-format export.
//! - `copy`: `natter migrate-to-postgres`, the SQLite database copied into PostgreSQL
//!   (`store::moving::to_postgres`).
//! - What the imports share: who is who (`import_map`), the counter line a terminal
//!   shows (`progress`), and a chat's counters written once a batch (`chat_counters`).
//!
//! Only `commands` names this room (tests/layers.rs): a person's own export, the zip
//! their account page downloads, is served and so stays in `domain::people::export`.

pub mod chat_counters;
pub mod copy;
pub mod django;
pub mod export;
pub mod import_map;
pub mod progress;
pub mod slack;
