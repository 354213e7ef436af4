//! The roots a DRF `DefaultRouter` answers at its prefix: a map of the
//! endpoint names to their absolute URLs, as `APIRootView` writes it, for the seed apps
//! mounted under their own prefix. The inbox's `/api/` is `inbox::api_root` (seed 000's
//! exact answer). Each root is asked with its surface's credentials, as the app's other
//! endpoints are.

use crate::http::reply;
use crate::http::request::Request;
use crate::routing::routes::ApiRoot;
use serde_json::{Map, Value};
use warp::reply::Response;

/// The endpoints listed at each root: (name, path below the root).
fn endpoints(root: ApiRoot) -> (&'static str, &'static [(&'static str, &'static str)]) {
    match root {
        ApiRoot::Chats => (
            "/messages/api/",
            &[
                ("chats", "chats/"),
                ("users/search", "users/search/"),
                ("search", "search/"),
            ],
        ),
        ApiRoot::Accounts => (
            "/accounts/api/",
            &[
                ("users", "users/"),
                ("token", "token/"),
                ("token/refresh", "token/refresh/"),
            ],
        ),
        ApiRoot::Profiles => (
            "/profiles/api/",
            &[
                ("profile", "profile/"),
                ("posts", "posts/"),
                ("search-user", "search-user/"),
                ("add-friend", "add-friend/"),
                ("remove-friend", "remove-friend/"),
            ],
        ),
        ApiRoot::Messenger => (
            "/messenger/api/",
            &[
                ("chatrooms", "chatrooms/"),
                ("user/chatrooms", "user/chatrooms/"),
            ],
        ),
    }
}

/// `GET` a root -> `{"name": "absolute URL", ...}` in the order the app lists them.
pub(super) fn answer(req: &Request, root: ApiRoot) -> Response {
    let (prefix, names) = endpoints(root);
    let base = req.base_url();
    let map: Map<String, Value> = names
        .iter()
        .map(|(name, path)| {
            (
                (*name).to_string(),
                Value::String(format!("{base}{prefix}{path}")),
            )
        })
        .collect();
    reply::ok(Value::Object(map))
}
