//! The five Django messaging apps' APIs that natter speaks, one module per app: its REST
//! handlers, the JSON it answers with and its socket codec. `inbox` (a per-user inbox of
//! direct messages), `chats` (groups and direct chats), `dm` (one-to-one conversations),
//! `rooms` (named rooms with calls) and `messenger` (rooms joined by name) each translate
//! one API to the same domain calls; `accounts` holds the sign-up, sign-in, key and user
//! endpoints they share, `users` the user shape the accounts and rooms APIs answer with,
//! and `emails` whose addresses a reader sees. `matrix` speaks the Matrix client-server
//! API over the same domain, for Matrix apps. No surface imports another: what two of
//! them share lives here beside them or below them.

pub mod accounts;
pub mod chats;
pub mod dm;
pub mod emails;
pub mod inbox;
pub mod matrix;
pub mod messenger;
pub mod rooms;
pub mod users;
