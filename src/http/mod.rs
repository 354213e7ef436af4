//! HTTP plumbing that knows no route and no surface: accepting connections (`server`,
//! `tls`), reading a request (`request`, `fields`, `null_chars`, `forwarded`,
//! `accept`), answering (`reply`, `error`, `compress`) and the edge's settings
//! (`policy`, `cors`, `origin`, `origins`, `socket_refusals`).

pub mod accept;
pub mod compress;
pub mod cors;
pub mod error;
pub mod fields;
pub mod forwarded;
pub mod null_chars;
pub mod origin;
pub mod origins;
pub mod policy;
pub mod reply;
pub mod request;
pub mod server;
pub mod socket_refusals;
pub mod tls;
