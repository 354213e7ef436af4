//! `OPTIONS` on an API path, as DRF's `SimpleMetadata` answers it: 200, the path's
//! `Allow`, and `{"name", "description", "renders", "parses"}`. `api::handle` routes an
//! `OPTIONS` like any other method; every route refuses it with a 405 (before looking at
//! credentials), and that 405's `Allow` becomes this answer's.

use crate::http::reply;
use serde_json::json;
use warp::http::{header, HeaderValue};
use warp::reply::Response;

/// What DRF's default renderers write and its default parsers read.
const RENDERS: [&str; 2] = ["application/json", "text/html"];
const PARSES: [&str; 3] = [
    "application/json",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
];

/// Path segments that name a collection: `messages` is a "Message List", and an id
/// under it a "Message Instance" (DRF's viewset suffixes).
const COLLECTIONS: [&str; 10] = [
    "chatrooms",
    "chats",
    "files",
    "members",
    "messages",
    "participants",
    "posts",
    "reactions",
    "rooms",
    "users",
];

/// Actions that sit right under a collection without being one of its items.
const COLLECTION_ACTIONS: [&str; 3] = ["create", "search", "upload"];

/// The 200 answer to `OPTIONS path` on a path that accepts what `allow` says.
pub fn metadata(path: &str, allow: &str) -> Response {
    let mut response = reply::ok(json!({
        "name": view_name(path),
        // DRF shows the view's docstring; natter's routes are documented in docs/api.md.
        "description": "",
        "renders": RENDERS,
        "parses": PARSES,
    }));
    if let Ok(allow) = HeaderValue::from_str(allow) {
        response.headers_mut().insert(header::ALLOW, allow);
    }
    response
}

/// DRF's view name for `path`, derived from the path as DRF derives it from a view's
/// class: a collection is "Message List", an item of one "Message Instance", the router
/// root "Api Root", anything else its last segment in title case ("Mark As Read").
pub fn view_name(path: &str) -> String {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match segs.as_slice() {
        [] => String::new(),
        ["api"] => "Api Root".into(),
        [.., last] if COLLECTIONS.contains(last) => format!("{} List", singular(last)),
        [.., parent, last]
            if COLLECTIONS.contains(parent) && !COLLECTION_ACTIONS.contains(last) =>
        {
            format!("{} Instance", singular(parent))
        }
        [.., last] => title(last),
    }
}

/// `messages` -> `Message`.
fn singular(collection: &str) -> String {
    title(collection.strip_suffix('s').unwrap_or(collection))
}

/// `mark-as-read` / `update_message` -> `Mark As Read` / `Update Message`.
fn title(segment: &str) -> String {
    segment
        .split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::view_name;

    #[test]
    fn names_follow_drf_view_names() {
        for (path, name) in [
            ("/api/", "Api Root"),
            ("/api/messages/", "Message List"),
            ("/api/messages/7/", "Message Instance"),
            ("/api/messages/7/update_message/", "Update Message"),
            ("/messages/api/chats/3/mark-as-read/", "Mark As Read"),
            ("/messages/api/chats/3/messages/", "Message List"),
            ("/messages/api/users/search/", "Search"),
            ("/api/files/upload/", "Upload"),
            ("/api/chats/create/", "Create"),
            ("/api/rooms/2/call-state/", "Call State"),
            ("/messenger/api/chatrooms/a_b/messages/", "Message List"),
            ("/profiles/api/profile/", "Profile"),
            ("/accounts/api/users/", "User List"),
            ("/api/auth/register/", "Register"),
        ] {
            assert_eq!(view_name(path), name, "{path}");
        }
    }
}
