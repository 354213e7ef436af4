//! Who calls and how an app comes to call: the access token every request presents
//! (`auth`), what an app reads before and right after signing in (`discovery`), signing
//! in and out by password or single sign-on (`login`), OAuth 2.0 (`oauth`), signing up
//! (`register`), and the account's devices, listed, named and ended (`devices`).

pub mod auth;
pub mod devices;
pub mod discovery;
pub mod login;
pub mod oauth;
pub mod register;
