//! The languages natter speaks to people on the server's side: the six it has catalogs
//! for, the best of them for an `Accept-Language` header or a stored choice, and a
//! sentence of its catalogs in one of them (`catalogs.rs`). The web client has catalogs
//! of its own (`static/locales/`); these hold what the server writes: mail, the
//! `detail` of natter's own API errors and the words of the client's page before its own
//! catalogs load.

mod catalogs;
mod lang;

pub use catalogs::{error_detail, text, Arg};
pub use lang::{from_accept_language, Lang};
