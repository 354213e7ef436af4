//! How a Matrix app gets a device: OAuth 2.0 with natter as the authorization server
//! (`oauth`), single sign-on's one-use tokens (`sso`), signing up with the address
//! proven first (`sign_up`), and the devices themselves, session rows with an app's
//! device id and name (`devices`).

pub mod devices;
pub mod oauth;
pub mod sign_up;
pub mod sso;
