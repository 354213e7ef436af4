//! The Matrix client-server API (`/_matrix/client/...`, `/.well-known/matrix/client`), so
//! that Matrix apps (Element, FluffyChat, nheko) sign in to natter unchanged. natter is a
//! homeserver that does not federate: federation paths answer `M_UNRECOGNIZED`.
//!
//! The surface routes its own paths (`paths`), answers errors as `{"errcode", "error"}`,
//! sends CORS headers to every origin as the specification asks, and reads one
//! credential only: a device's access token (`auth`). It never reads a cookie, so a
//! browser's session cannot be ridden from another site through it.

mod account_data;
mod body;
mod emoji_pack;
mod encryption;
mod errors;
mod media;
mod paths;
mod people;
mod push;
mod rooms;
mod sign_in;
mod since_token;
mod syncing;
mod voip;

use crate::http::error::ApiResult;
use crate::http::reply::{self, ErrorStyle};
use crate::http::request::Request;
use crate::state::App;
use encryption::{key_backup, keys, to_device};
use errors::unrecognized;
use paths::Verb;
use push::{push_rules, pushers};
use rooms::{directory, membership, reading, relations, room_state, send};
use serde_json::json;
use sign_in::{auth, devices, discovery, login, oauth, register};
use syncing::{filters, presence, sliding_sync, sync};
use warp::http::{header, HeaderValue, Method};
use warp::reply::Response;

/// Answers one request under `/_matrix/` or `/.well-known/matrix/`.
pub async fn serve(app: &App, mut req: Request) -> Response {
    if req.method == Method::HEAD {
        req.method = Method::GET;
    }
    let mut response = if req.method == Method::OPTIONS {
        reply::json(200, &json!({}))
    } else {
        // Each boxed: a waiting `/sync` holds its future up to a minute, and the router's
        // is as large as its largest route.
        let routed = match is_sync(&req) {
            true => Box::pin(async { sync::sync(app, &req, auth::caller(app, &req)?).await }).await,
            false => Box::pin(route(app, &req)).await,
        };
        match routed {
            Ok(response) => response,
            Err(e) => reply::error(ErrorStyle::Matrix, &auth::soft_logout(app, &req, e).await),
        }
    };
    with_cors(&mut response);
    response
}

/// Whether `req` is a `/sync`, the request that waits.
fn is_sync(req: &Request) -> bool {
    let Ok(segs) = paths::decoded(&req.path) else {
        return false;
    };
    let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
    Verb::of(&req.method) == Some(Verb::Get)
        && matches!(segs.as_slice(), ["_matrix", "client", version, "sync"] if paths::is_version(version))
}

/// The headers the specification asks every answer to carry, so that web apps on any
/// origin can call the API with a token (no cookie is ever read here).
fn with_cors(response: &mut Response) {
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, PUT, DELETE, OPTIONS"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("X-Requested-With, Content-Type, Authorization"),
    );
}

/// The handler of `req`'s path and method.
async fn route(app: &App, req: &Request) -> ApiResult<Response> {
    let segs = paths::decoded(&req.path)?;
    paths::refuse_nul_in_query(&req.query)?;
    let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
    let Some(verb) = Verb::of(&req.method) else {
        return Err(unrecognized(405));
    };
    use Verb::*;
    match (segs.as_slice(), verb) {
        ([".well-known", "matrix", "client"], Get) => discovery::well_known(app, req),
        ([".well-known", "matrix", "server"], Get) => {
            Err(errors::not_found("This server does not federate"))
        }
        (["_matrix", "client", "versions"], Get) => Ok(discovery::versions()),
        (["_matrix", "client", version, rest @ ..], _) if paths::is_version(version) => {
            client(app, req, rest, verb).await
        }
        (["_matrix", "media", version, "upload"], Post) if paths::is_version(version) => {
            media::upload(app, req).await
        }
        (["_matrix", "media", version, "config"], Get) if paths::is_version(version) => {
            discovery::media_config(app, req).await
        }
        // Unauthenticated media, frozen by the specification: served only where the
        // server allows it, to the apps that know no other paths.
        (["_matrix", "media", version, "download", server, id, ..], Get)
            if app.config.matrix_unauthenticated_media && paths::is_version(version) =>
        {
            media::download(app, req, media::Reader::HolderOfId, server, id).await
        }
        (["_matrix", "media", version, "thumbnail", server, id], Get)
            if app.config.matrix_unauthenticated_media && paths::is_version(version) =>
        {
            media::thumbnail(app, req, media::Reader::HolderOfId, server, id).await
        }
        (["_matrix", "media", _, "download" | "thumbnail", ..], Get) => Err(errors::not_found(
            "Media is served at /_matrix/client/v1/media",
        )),
        (["_matrix", "client", ..] | [".well-known", "matrix", ..], _) => {
            Err(unrecognized(if paths::known(&segs) { 405 } else { 404 }))
        }
        // Federation, keys, media of other servers: natter speaks to no other server.
        _ => Err(unrecognized(404)),
    }
}

/// The client API's routes, after `/_matrix/client/<version>/`.
async fn client(app: &App, req: &Request, rest: &[&str], verb: Verb) -> ApiResult<Response> {
    use Verb::*;
    match (rest, verb) {
        (["login"], Get) => Ok(login::flows()),
        (["login"], Post) => login::login(app, req).await,
        (["login", "sso", "redirect"] | ["login", "sso", "redirect", _], Get) => {
            login::sso_redirect(req)
        }
        (["auth_metadata"] | ["org.matrix.msc2965", "auth_metadata"], Get) => {
            oauth::metadata(app, req)
        }
        (["oauth", "register"], Post) => oauth::register(app, req).await,
        (["oauth", "authorize"], Get) => oauth::authorize(app, req).await,
        (["oauth", "token"], Post) => oauth::token(app, req).await,
        (["oauth", "revoke"], Post) => oauth::revoke(app, req).await,
        (["pushers"], Get) => pushers::list(app, req).await,
        (["pushers", "set"], Post) => pushers::set(app, req).await,
        (["register"], Post) => register::register(app, req).await,
        (["register", "available"], Get) => register::available(app, req).await,
        (["register", "m.login.registration_token", "validity"], Get) => {
            register::token_validity(app, req).await
        }
        (["register", "email", "requestToken"], Post) => register::request_token(app, req).await,
        (["register", "email", "submitToken"], Get) => register::submit_token(app, req, true).await,
        (["register", "email", "submitToken"], Post) => {
            register::submit_token(app, req, false).await
        }
        (["logout"], Post) => login::logout(app, req).await,
        (["logout", "all"], Post) => login::logout_all(app, req).await,
        (["account", "whoami"], Get) => login::whoami(app, req).await,
        (["account", "3pid"], Get) => discovery::third_party_ids(app, req).await,
        (["capabilities"], Get) => discovery::capabilities(app, req).await,
        (["voip", "turnServer"], Get) => voip::turn_server(app, req).await,
        (["thirdparty", "protocols"], Get) => discovery::protocols(app, req).await,
        (["media", "config"], Get) => discovery::media_config(app, req).await,
        (["media", "download", server, id] | ["media", "download", server, id, _], Get) => {
            media::download(app, req, media::Reader::SignedIn, server, id).await
        }
        (["media", "thumbnail", server, id], Get) => {
            media::thumbnail(app, req, media::Reader::SignedIn, server, id).await
        }
        (["media", "preview_url"], Get) => media::preview_url(app, req).await,
        (["devices"], Get) => devices::list(app, req).await,
        (["devices", id], Get) => devices::one(app, req, id).await,
        (["devices", id], Put) => devices::rename(app, req, id).await,
        (["devices", id], Delete) => devices::delete(app, req, id).await,
        (["delete_devices"], Post) => devices::delete_many(app, req).await,
        (["keys", "upload"], Post) => keys::upload(app, req).await,
        (["keys", "query"], Post) => keys::query(app, req).await,
        (["keys", "claim"], Post) => keys::claim(app, req).await,
        (["keys", "changes"], Get) => keys::changes(app, req).await,
        (["keys", "device_signing", "upload"], Post) => keys::device_signing(app, req).await,
        (["keys", "signatures", "upload"], Post) => keys::signatures(app, req).await,
        (["sendToDevice", kind, txn], Put) => to_device::send(app, req, kind, txn).await,
        (["room_keys", "version"], Get) => key_backup::get_version(app, req, None).await,
        (["room_keys", "version"], Post) => key_backup::create_version(app, req).await,
        (["room_keys", "version", v], Get) => key_backup::get_version(app, req, Some(v)).await,
        (["room_keys", "version", v], Put) => key_backup::update_version(app, req, v).await,
        (["room_keys", "version", v], Delete) => key_backup::delete_version(app, req, v).await,
        (["room_keys", "keys", at @ ..], Get | Put | Delete) if at.len() <= 2 => {
            let (room, session) = (at.first().copied(), at.get(1).copied());
            match verb {
                Get => key_backup::get_keys(app, req, room, session).await,
                Put => key_backup::put_keys(app, req, room, session).await,
                _ => key_backup::delete_keys(app, req, room, session).await,
            }
        }
        (["sync"], Get) => sync::sync(app, req, auth::caller(app, req)?).await,
        (["org.matrix.simplified_msc3575", "sync"], Post) => sliding_sync::sync(app, req).await,
        (["joined_rooms"], Get) => reading::joined(app, req).await,
        (["rooms", room, "messages"], Get) => reading::messages(app, req, room).await,
        (["rooms", room, "state"], Get) => reading::state(app, req, room).await,
        (["rooms", room, "state", kind], Get) => {
            reading::state_event(app, req, room, kind, "").await
        }
        (["rooms", room, "state", kind, key], Get) => {
            reading::state_event(app, req, room, kind, key).await
        }
        (["rooms", room, "members"], Get) => reading::members(app, req, room).await,
        (["rooms", room, "joined_members"], Get) => reading::joined_members(app, req, room).await,
        (["rooms", room, "event", event], Get) => reading::event(app, req, room, event).await,
        (["rooms", room, "context", event], Get) => reading::context(app, req, room, event).await,
        (["rooms", room, "relations", event], Get) => {
            relations::relations(app, req, room, event, None, None).await
        }
        (["rooms", room, "relations", event, rel], Get) => {
            relations::relations(app, req, room, event, Some(rel), None).await
        }
        (["rooms", room, "relations", event, rel, kind], Get) => {
            relations::relations(app, req, room, event, Some(rel), Some(kind)).await
        }
        (["rooms", room, "threads"], Get) => relations::threads(app, req, room).await,
        (["rooms", room, "send", kind, txn], Put) => send::message(app, req, room, kind, txn).await,
        (["rooms", room, "typing", user], Put) => send::typing(app, req, room, user).await,
        (["rooms", room, "receipt", kind, event], Post) => {
            send::receipt(app, req, room, kind, event).await
        }
        (["rooms", room, "read_markers"], Post) => send::read_markers(app, req, room).await,
        (["rooms", room, "redact", event, txn], Put) => {
            send::redact(app, req, room, event, txn).await
        }
        (["rooms", room, "state", kind], Put) => room_state::put(app, req, room, kind, "").await,
        (["rooms", room, "state", kind, key], Put) => {
            room_state::put(app, req, room, kind, key).await
        }
        (["user", user, "account_data", kind], Put) => {
            account_data::put(app, req, user, None, kind).await
        }
        (["user", user, "account_data", kind], Get) => {
            account_data::get(app, req, user, None, kind).await
        }
        (["user", user, "rooms", room, "account_data", kind], Put) => {
            account_data::put(app, req, user, Some(room), kind).await
        }
        (["user", user, "rooms", room, "account_data", kind], Get) => {
            account_data::get(app, req, user, Some(room), kind).await
        }
        (["createRoom"], Post) => membership::create(app, req).await,
        (["join", room], Post) | (["rooms", room, "join"], Post) => {
            membership::join(app, req, room).await
        }
        (["rooms", room, "leave"], Post) => membership::leave(app, req, room).await,
        (["rooms", room, "forget"], Post) => membership::forget(app, req, room).await,
        (["rooms", room, "invite"], Post) => membership::invite(app, req, room).await,
        (["rooms", room, "kick"], Post) => membership::kick(app, req, room).await,
        (["rooms", room, "ban" | "unban"], Post) => membership::ban(app, req, room).await,
        (["user_directory", "search"], Post) => directory::search_people(app, req).await,
        (["publicRooms"], Get | Post) => directory::public_rooms(app, req).await,
        (["presence", user, "status"], Get) => presence::status(app, req, user).await,
        (["presence", user, "status"], Put) => presence::set_status(app, req, user).await,
        (["profile", user], Get) => people::profile(app, req, user).await,
        (["profile", user, "displayname"], Get) => people::display_name(app, req, user).await,
        (["profile", user, "displayname"], Put) => people::set_display_name(app, req, user).await,
        (["profile", user, "avatar_url"], Get) => people::avatar_url(app, req, user).await,
        (["profile", user, "avatar_url"], Put) => people::set_avatar_url(app, req, user).await,
        (["pushrules"], Get) => push_rules::all(app, req).await,
        (["pushrules", "global"], Get) => push_rules::global(app, req).await,
        (["pushrules", "global", kind, rule], Get) => push_rules::one(app, req, kind, rule).await,
        (["pushrules", "global", kind, rule], Put) => push_rules::put(app, req, kind, rule).await,
        (["pushrules", "global", kind, rule], Delete) => {
            push_rules::delete(app, req, kind, rule).await
        }
        (["pushrules", "global", _, _, "enabled" | "actions"], Put) => {
            push_rules::refuse_change(app, req).await
        }
        (["user", user, "filter"], Post) => filters::create(app, req, user).await,
        (["user", user, "filter", id], Get) => filters::get(app, req, user, id).await,
        _ => Err(unrecognized(if paths::known_client(rest) {
            405
        } else {
            404
        })),
    }
}
