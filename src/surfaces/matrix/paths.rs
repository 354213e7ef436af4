//! A Matrix path as the surface routes it: split at `/`, each segment percent-decoded
//! on its own, so that an id or transaction id holding an encoded `/` stays one segment
//! (room ids arrive as `%21abc%3Aexample.org`).

use crate::http::error::{ApiError, ApiResult};
use warp::http::Method;

/// The methods the Matrix API uses; anything else is a 405.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Get,
    Post,
    Put,
    Delete,
}

impl Verb {
    /// The verb of `method` (HEAD was made GET before); `None` for the rest.
    pub fn of(method: &Method) -> Option<Verb> {
        match *method {
            Method::GET => Some(Verb::Get),
            Method::POST => Some(Verb::Post),
            Method::PUT => Some(Verb::Put),
            Method::DELETE => Some(Verb::Delete),
            _ => None,
        }
    }
}

/// The path's segments, each decoded (empty ones from repeated or trailing slashes
/// left out); a segment that does not decode to UTF-8, or that holds a NUL (`%00`: a
/// transaction id, a state key or an account data type is kept as text, which
/// PostgreSQL cannot hold a NUL in), is a 400.
pub fn decoded(path: &str) -> ApiResult<Vec<String>> {
    crate::routing::routes::segments(path)
        .map(|raw| {
            let segment = percent_encoding::percent_decode_str(raw)
                .decode_utf8()
                .map_err(|_| invalid("A path segment is not UTF-8"))?;
            match segment.contains('\0') {
                true => Err(invalid("A path segment holds a NUL character")),
                false => Ok(segment.into_owned()),
            }
        })
        .collect()
}

/// A query holding a NUL (`%00`) in a parameter's name or value is a 400, as a path
/// segment holding one is: no parameter natter reads may hold one.
pub fn refuse_nul_in_query(query: &str) -> ApiResult<()> {
    crate::http::null_chars::refuse_in_query(query)
        .map_err(|_| invalid("A query parameter holds a NUL character"))
}

/// Matrix's 400 `M_INVALID_PARAM` saying `words`.
fn invalid(words: &str) -> ApiError {
    ApiError::verbatim(
        400,
        serde_json::json!({"errcode": "M_INVALID_PARAM", "error": words}),
    )
}

/// Whether `segment` names a version of the client API (`r0`, `v1`, `v3`, `unstable`):
/// natter answers each route under any of them, as apps mix them.
pub fn is_version(segment: &str) -> bool {
    matches!(segment, "r0" | "v1" | "v3" | "unstable")
}

/// Whether a path outside the client versions is one natter serves with another method.
pub fn known(segs: &[&str]) -> bool {
    matches!(
        segs,
        [".well-known", "matrix", "client" | "server"]
            | ["_matrix", "client", "versions"]
            | ["_matrix", "media", _, "upload" | "config"]
    )
}

/// Whether a client path (after its version) is one natter serves with another method:
/// such a request is a 405, an unknown path a 404.
pub fn known_client(rest: &[&str]) -> bool {
    matches!(
        rest,
        ["login"]
            | ["login", "sso", "redirect"]
            | ["login", "sso", "redirect", _]
            | ["logout"]
            | ["register"]
            | ["register", "available"]
            | ["register", "m.login.registration_token", "validity"]
            | ["register", "email", "requestToken" | "submitToken"]
            | ["logout", "all"]
            | ["account", "whoami" | "3pid"]
            | ["capabilities"]
            | ["thirdparty", "protocols"]
            | ["media", "config"]
            | ["media", "download", _, _]
            | ["media", "download", _, _, _]
            | ["media", "thumbnail", _, _]
            | ["media", "preview_url"]
            | ["devices"]
            | ["devices", _]
            | ["delete_devices"]
            | ["auth_metadata"]
            | ["org.matrix.msc2965", "auth_metadata"]
            | ["oauth", "register" | "authorize" | "token" | "revoke"]
            | ["keys", "upload" | "query" | "claim" | "changes"]
            | ["keys", "device_signing" | "signatures", "upload"]
            | ["sendToDevice", _, _]
            | ["room_keys", "version"]
            | ["room_keys", "version", _]
            | ["room_keys", "keys"]
            | ["room_keys", "keys", _]
            | ["room_keys", "keys", _, _]
            | ["sync"]
            | ["org.matrix.simplified_msc3575", "sync"]
            | ["joined_rooms"]
            | ["createRoom"]
            | ["join", _]
            | [
                "rooms",
                _,
                "messages" | "state" | "members" | "joined_members"
            ]
            | ["rooms", _, "read_markers" | "join" | "leave" | "forget"]
            | ["rooms", _, "invite" | "kick" | "ban" | "unban"]
            | ["rooms", _, "state", _]
            | ["rooms", _, "state", _, _]
            | ["rooms", _, "event" | "typing" | "context" | "relations", _]
            | ["rooms", _, "relations", _, _]
            | ["rooms", _, "relations", _, _, _]
            | ["rooms", _, "threads"]
            | ["rooms", _, "send" | "receipt" | "redact", _, _]
            | ["user_directory", "search"]
            | ["publicRooms"]
            | ["presence", _, "status"]
            | ["profile", _]
            | ["profile", _, "displayname" | "avatar_url"]
            | ["pushers"]
            | ["pushers", "set"]
            | ["pushrules"]
            | ["pushrules", "global"]
            | ["pushrules", "global", _, _]
            | ["pushrules", "global", _, _, "enabled" | "actions"]
            | ["user", _, "filter"]
            | ["user", _, "filter", _]
            | ["user", _, "account_data", _]
            | ["user", _, "rooms", _, "account_data", _]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_encoded_slash_stays_inside_its_segment() {
        let segs =
            decoded("/_matrix/client/v3/rooms/%21a%2Fb%3Aexample.org//state/").expect("decodes");
        assert_eq!(
            segs,
            [
                "_matrix",
                "client",
                "v3",
                "rooms",
                "!a/b:example.org",
                "state"
            ]
        );
        assert!(decoded("/_matrix/%ff").is_err());
    }
}
