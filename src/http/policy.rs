//! What only the HTTP edge enforces, built once from the flags: which proxies may name
//! the client (`--trusted-proxies`), which other origins' pages may open sockets with the
//! session cookie (`--allowed-origins`), and which may call the API (`--cors-origins`).
//! Kept out of the shared state (`state::App`), which has no HTTP in it.

use crate::config::Config;
use crate::http::cors::Cors;
use crate::http::forwarded::TrustedProxies;
use crate::http::origins::AllowedOrigins;
use std::sync::Arc;

/// The edge's settings; shared as `Arc<HttpPolicy>`.
pub struct HttpPolicy {
    /// Proxies whose forwarding headers name the client (the connection layer asks too).
    pub proxies: Arc<TrustedProxies>,
    /// Origins besides the server's own whose pages may open sockets with the cookie.
    pub origins: AllowedOrigins,
    /// Which other origins' pages may call the API.
    pub cors: Cors,
}

impl HttpPolicy {
    /// The policy the flags ask for, or what is wrong with them.
    pub fn from_config(config: &Config) -> Result<HttpPolicy, String> {
        let cors = Cors::new(&config.cors_origins)?;
        // Pages on a listed CORS origin may use the cookie on sockets too (`*` may not).
        let origins = AllowedOrigins::new(&config.allowed_origins)?.with(cors.listed());
        let proxies = Arc::new(TrustedProxies::new(&config.trusted_proxies)?);
        Ok(HttpPolicy {
            proxies,
            origins,
            cors,
        })
    }
}
