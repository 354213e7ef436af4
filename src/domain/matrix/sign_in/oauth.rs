//! Matrix's OAuth 2.0 API with natter as the authorization server, so that Element X
//! signs in with natter's own sign-in page (the team's provider, two-factor codes) and
//! never sees a password. An app registers itself (its name, address and where it may be
//! sent back), starts a sign-in, the person allows it on natter's page, and the app
//! trades the one-use code, with the verifier only it knows (PKCE, S256), for a device:
//! an access token and a refresh token, the device listed and ended on the account page
//! as every Matrix device is.

use super::devices::DEVICE_SECS;
use crate::domain::auth;
use crate::domain::error::{Error, Missing, Problem, Result};
use crate::kit::clock::now_ms;
use crate::kit::printable::one_line;
use crate::kit::random::random_hex;
use crate::ratelimit::Limit;
use crate::state::App;
use crate::store;
use crate::store::matrix::oauth::{Code, Grant, Refresh, Renewed};
use crate::store::Tx;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// How long a started sign-in waits for its person (signing in may take a provider's
/// page and a code).
const WAIT_MS: i64 = 15 * 60 * 1000;
/// How long an allowed sign-in's code may be traded: it travels in one redirect.
const CODE_MS: i64 = 2 * 60 * 1000;
/// The most redirect addresses one app registers, and the longest metadata kept.
const MAX_REDIRECTS: usize = 10;
const MAX_METADATA: usize = 8 * 1024;
/// The longest `state` kept (it is the app's, given back as it was).
const MAX_STATE: usize = 1024;
/// How long a used refresh token is remembered. Presented again in that time, it was
/// copied (the app itself never sends a used one twice), and the device it was for ends
/// with every token it holds (RFC 9700, 4.14.2). A stolen token is most often tried soon;
/// a month also bounds the rows an app in daily use leaves, one every few minutes.
const USED_REFRESH_KEPT_MS: i64 = 30 * 24 * 3600 * 1000;
/// A registration younger than this is said to be new on the consent page: an app a
/// person has used for a while was registered long before, and an impostor's was not.
const NEW_REGISTRATION_SECS: i64 = 24 * 3600;
/// The most characters of an app's self-given name the consent page shows.
const MAX_NAME_SHOWN: usize = 100;

/// The scope that lets an app use the whole client API, in its stable and unstable
/// spellings.
const API_SCOPES: [&str; 2] = [
    "urn:matrix:client:api:*",
    "urn:matrix:org.matrix.msc2967.client:api:*",
];
/// The prefixes of the scope naming the device the app signs in as.
const DEVICE_SCOPES: [&str; 2] = [
    "urn:matrix:client:device:",
    "urn:matrix:org.matrix.msc2967.client:device:",
];

/// An app's registration, checked.
pub struct Client {
    pub client_id: String,
    /// Its metadata as kept (what the app gave, with its id).
    pub metadata: Value,
}

impl Client {
    /// The addresses it may be sent back to.
    pub fn redirect_uris(&self) -> Vec<&str> {
        self.metadata["redirect_uris"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect()
    }

    /// The name it gave, for the device's name.
    pub fn name(&self) -> Option<&str> {
        self.metadata["client_name"].as_str()
    }
}

fn invalid(field: &'static str, why: &'static str) -> Error {
    Error::field(field, Problem::Worded(why))
}

/// Whether `uri` may be one of an app's redirect addresses, by the app's kind: a web
/// app's are `https` on its own host; a native app's are its own reverse-DNS scheme, or
/// `http` on the loopback address (RFC 8252).
fn redirect_allowed(uri: &str, client_host: &str, native: bool) -> bool {
    let Ok(url) = url::Url::parse(uri) else {
        return false;
    };
    if url.fragment().is_some() || uri.len() > 2048 {
        return false;
    }
    let loopback = url.scheme() == "http"
        && matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    let own_host = url
        .host_str()
        .is_some_and(|h| h == client_host || h.ends_with(&format!(".{client_host}")));
    if !native {
        return (url.scheme() == "https" && own_host) || loopback;
    }
    // A private-use scheme is the app's host or one of its subdomains, reversed
    // (`io.element.android` for `element.io`, as Element's own apps register).
    let scheme_host: Vec<&str> = url.scheme().split('.').rev().collect();
    let scheme_host = scheme_host.join(".");
    let own_scheme = url.scheme().contains('.')
        && (scheme_host == client_host || scheme_host.ends_with(&format!(".{client_host}")));
    own_scheme || loopback
}

/// Registers an app from its metadata (RFC 7591 as Matrix asks of it): a public client
/// (`token_endpoint_auth_method: none`) with a `client_uri` and redirect addresses it
/// owns. Answers it with its new id. Anyone may register, so registrations from one
/// client network share its sign-up budget ([`Limit::SignUp`]).
pub async fn register(app: &App, network: &str, mut metadata: Value) -> Result<Client> {
    let text = metadata.to_string();
    if text.len() > MAX_METADATA {
        return Err(Error::TooLarge);
    }
    let client_uri = metadata["client_uri"]
        .as_str()
        .and_then(|u| url::Url::parse(u).ok())
        .filter(|u| {
            u.scheme() == "https"
                || u.host_str() == Some("localhost")
                || u.host_str() == Some("127.0.0.1")
        })
        .ok_or_else(|| invalid("client_uri", "An https address of the app is required."))?;
    let host = client_uri.host_str().unwrap_or_default().to_string();
    let native = metadata["application_type"] == "native";
    if !matches!(
        metadata["token_endpoint_auth_method"].as_str(),
        None | Some("none")
    ) {
        return Err(invalid(
            "token_endpoint_auth_method",
            "Only public apps ('none') sign in here.",
        ));
    }
    let uris = metadata["redirect_uris"]
        .as_array()
        .filter(|l| !l.is_empty() && l.len() <= MAX_REDIRECTS)
        .ok_or_else(|| {
            invalid(
                "redirect_uris",
                "One to ten redirect addresses are required.",
            )
        })?;
    for uri in uris {
        let ok = uri
            .as_str()
            .is_some_and(|u| redirect_allowed(u, &host, native));
        if !ok {
            return Err(invalid(
                "redirect_uris",
                "A redirect address must be the app's own (https on its host, its reverse-DNS scheme, or the loopback address).",
            ));
        }
    }
    // What the app lists beyond what natter offers (Element X lists the device code
    // grant, for signing in by QR code) is left out of the registration, as RFC 7591
    // 3.2.1 lets a server answer; an app that asks for none of what is offered is refused.
    for (field, offered) in [
        (
            "grant_types",
            ["authorization_code", "refresh_token"].as_slice(),
        ),
        ("response_types", ["code"].as_slice()),
    ] {
        let Some(listed) = metadata.get(field).filter(|v| !v.is_null()) else {
            continue;
        };
        let Some(listed) = listed.as_array() else {
            return Err(invalid(field, "A list of strings is expected."));
        };
        let kept: Vec<Value> = listed
            .iter()
            .filter(|v| v.as_str().is_some_and(|s| offered.contains(&s)))
            .cloned()
            .collect();
        if !kept.iter().any(|v| v == offered[0]) {
            return Err(invalid(
                field,
                "Only the authorization code and refresh token grants are offered.",
            ));
        }
        metadata[field] = Value::from(kept);
    }
    let _spent = app
        .limits
        .spend(vec![(Limit::SignUp, network.to_string())])
        .await?;
    let client_id = format!("nmc_{}", random_hex(12));
    metadata["client_id"] = Value::from(client_id.clone());
    metadata["client_id_issued_at"] = Value::from(now_ms() / 1000);
    metadata["token_endpoint_auth_method"] = Value::from("none");
    let kept = metadata.to_string();
    let id = client_id.clone();
    app.db
        .write(move |c| Ok::<_, Error>(store::matrix::oauth::add_client(c, &id, &kept, now_ms())?))
        .await?;
    Ok(Client {
        client_id,
        metadata,
    })
}

/// A registered app.
pub async fn client(app: &App, client_id: String) -> Result<Option<Client>> {
    let found = app
        .db
        .read(move |c| {
            Ok::<_, Error>(store::matrix::oauth::client(c, &client_id)?.map(|m| (client_id, m)))
        })
        .await?;
    Ok(found.and_then(|(client_id, m)| {
        serde_json::from_str(&m).ok().map(|metadata| Client {
            client_id,
            metadata,
        })
    }))
}

/// What an app's authorization request asks, its client and redirect already checked.
pub struct Request {
    pub client_id: String,
    pub redirect_uri: String,
    pub scope: String,
    pub state: Option<String>,
    pub code_challenge: String,
    pub response_mode: String,
}

/// Why a checked app's request is refused, in OAuth's words (sent back to the app).
pub fn check_request(
    scope: &str,
    challenge: Option<&str>,
    method: Option<&str>,
) -> std::result::Result<(), (&'static str, &'static str)> {
    if method != Some("S256") || challenge.is_none_or(|c| c.len() < 43 || c.len() > 128) {
        return Err(("invalid_request", "PKCE with S256 is required"));
    }
    let words: Vec<&str> = scope.split(' ').collect();
    if !words.iter().any(|w| API_SCOPES.contains(w)) {
        return Err(("invalid_scope", "The scope must ask for the client API"));
    }
    if device_of(scope).is_some_and(|d| d.is_empty() || d.len() > super::devices::MAX_DEVICE_ID) {
        return Err(("invalid_scope", "The device id is empty or too long"));
    }
    Ok(())
}

/// The device id a scope names, if it names one.
fn device_of(scope: &str) -> Option<&str> {
    scope
        .split(' ')
        .find_map(|w| DEVICE_SCOPES.iter().find_map(|p| w.strip_prefix(p)))
}

/// Keeps a checked request until its person allows it: answers its id, which natter's
/// sign-in page carries. Each start is kept a while, so starts from one client network
/// are held as sign-ins through a provider are ([`Limit::ProviderSignIn`]).
pub async fn start(app: &App, network: &str, r: Request) -> Result<String> {
    if r.state.as_ref().is_some_and(|s| s.len() > MAX_STATE) {
        return Err(invalid("state", "The state is too long."));
    }
    let _spent = app
        .limits
        .spend(vec![(Limit::ProviderSignIn, network.to_string())])
        .await?;
    let now = now_ms();
    let grant = Grant {
        id: format!("nmg_{}", random_hex(16)),
        client_id: r.client_id,
        redirect_uri: r.redirect_uri,
        scope: r.scope,
        state: r.state,
        code_challenge: r.code_challenge,
        response_mode: r.response_mode,
        expires_ms: now + WAIT_MS,
        user_id: None,
    };
    let id = grant.id.clone();
    app.db
        .write(move |c| Ok::<_, Error>(store::matrix::oauth::add_grant(c, &grant, now)?))
        .await?;
    Ok(id)
}

/// What natter's sign-in page shows a person asked to allow a waiting sign-in: only what
/// the server holds of it, never what a link to the page says (a link may name any app's
/// address; the code goes to the one the sign-in registered).
pub struct Consent {
    /// The scheme of the address the code goes back to: `https`, `http` (loopback only),
    /// or the app's own scheme.
    pub redirect_scheme: String,
    /// Its host, with its port when not the scheme's default; `None` for an app's own
    /// scheme without one (`io.element:/callback`).
    pub redirect_host: Option<String>,
    /// The name the app gives itself, on one line and cut short: nothing checks it.
    pub client_name: Option<String>,
    /// The host of the address the app gives as its own (`client_uri`).
    pub client_uri_host: Option<String>,
    /// When the app registered here (`client_id_issued_at`, seconds since the epoch).
    pub registered_at: Option<i64>,
    /// How long ago that was, by the server's clock (the page's may be wrong).
    pub registered_secs_ago: Option<i64>,
    /// Registered less than a day ago (or when is unknown): the page warns.
    pub recently_registered: bool,
}

/// The waiting sign-in `id` as its consent page shows it. A sign-in unknown, run out,
/// refused or already allowed (by anyone) is not found.
pub async fn consent(app: &App, id: String) -> Result<Consent> {
    let now = now_ms();
    let found = app
        .db
        .read(move |c| {
            let Some(grant) = store::matrix::oauth::waiting_grant(c, &id, now)? else {
                return Ok::<_, Error>(None);
            };
            let metadata = store::matrix::oauth::client(c, &grant.client_id)?;
            Ok(metadata.map(|m| (grant, m)))
        })
        .await?;
    let (grant, metadata) = found.ok_or(Error::NotFound(Missing::Session))?;
    let metadata: Value =
        serde_json::from_str(&metadata).map_err(|_| Error::NotFound(Missing::Session))?;
    let redirect =
        url::Url::parse(&grant.redirect_uri).map_err(|_| Error::NotFound(Missing::Session))?;
    let host_of = |url: &url::Url| {
        url.host_str()
            .filter(|h| !h.is_empty())
            .map(|h| match url.port() {
                Some(port) => format!("{h}:{port}"),
                None => h.to_string(),
            })
    };
    let client_name = metadata["client_name"]
        .as_str()
        .map(|n| {
            one_line(n)
                .trim()
                .chars()
                .take(MAX_NAME_SHOWN)
                .collect::<String>()
        })
        .filter(|n| !n.is_empty());
    let client_uri_host = metadata["client_uri"]
        .as_str()
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| host_of(&u));
    let registered_at = metadata["client_id_issued_at"].as_i64();
    let registered_secs_ago = registered_at.map(|at| (now / 1000 - at).max(0));
    Ok(Consent {
        redirect_scheme: redirect.scheme().to_string(),
        redirect_host: host_of(&redirect),
        client_name,
        client_uri_host,
        registered_at,
        registered_secs_ago,
        recently_registered: registered_secs_ago.is_none_or(|ago| ago < NEW_REGISTRATION_SECS),
    })
}

/// `me` allows the waiting sign-in `id`: answers where the browser goes, the app's
/// address with the one-use code and the app's state.
pub async fn allow(app: &App, me: i64, id: String) -> Result<String> {
    let code = format!("nmo_{}", random_hex(32));
    let hash = auth::digest(&code);
    let now = now_ms();
    let grant = app
        .db
        .write(move |c| {
            let grant = store::matrix::oauth::waiting_grant(c, &id, now)?
                .ok_or(Error::NotFound(Missing::Session))?;
            store::matrix::oauth::allow(c, &id, me, &hash, now + CODE_MS)?;
            Ok::<_, Error>(grant)
        })
        .await?;
    back_to_app(
        &grant.redirect_uri,
        &grant.response_mode,
        &[("code", &code)],
        grant.state.as_deref(),
    )
    .ok_or(Error::NotFound(Missing::Session))
}

/// The person refused the waiting sign-in `id`: answers where the browser goes, the
/// app's address with `access_denied` and its state.
pub async fn refuse(app: &App, id: String) -> Result<String> {
    let now = now_ms();
    let grant = app
        .db
        .write(move |c| Ok::<_, Error>(store::matrix::oauth::refuse(c, &id, now)?))
        .await?
        .ok_or(Error::NotFound(Missing::Session))?;
    let error = [
        ("error", "access_denied"),
        ("error_description", "The person said no"),
    ];
    back_to_app(
        &grant.redirect_uri,
        &grant.response_mode,
        &error,
        grant.state.as_deref(),
    )
    .ok_or(Error::NotFound(Missing::Session))
}

/// The app's address with `pairs` and its `state`, in its query or (`response_mode`
/// `fragment`) its fragment.
pub fn back_to_app(
    redirect_uri: &str,
    response_mode: &str,
    pairs: &[(&str, &str)],
    state: Option<&str>,
) -> Option<String> {
    let mut url = url::Url::parse(redirect_uri).ok()?;
    let mut answer = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        answer.append_pair(k, v);
    }
    if let Some(state) = state {
        answer.append_pair("state", state);
    }
    let answer = answer.finish();
    match response_mode {
        "fragment" => url.set_fragment(Some(&answer)),
        _ => {
            let query = match url.query() {
                Some(q) if !q.is_empty() => format!("{q}&{answer}"),
                _ => answer,
            };
            url.set_query(Some(&query));
        }
    }
    Some(url.into())
}

/// A device signed in through OAuth.
pub struct Tokens {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: i64,
    pub scope: String,
}

/// Whether `verifier` is the one `challenge` was made from (S256).
fn verifier_matches(verifier: &str, challenge: &str) -> bool {
    (43..=128).contains(&verifier.len())
        && URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) == challenge
}

/// Trades a code for a device: `None` for a code unknown, used, run out, or not
/// matching the app, its address or its verifier (OAuth's `invalid_grant`).
pub async fn exchange(
    app: &App,
    code: &str,
    client_id: String,
    redirect_uri: String,
    verifier: String,
) -> Result<Option<Tokens>> {
    let hash = auth::digest(code);
    let now = now_ms();
    let taken = app
        .db
        .write(move |c| Ok::<_, Error>(store::matrix::oauth::take_code(c, &hash, now)?))
        .await?;
    let grant = match taken {
        Code::Fresh(grant) => grant,
        // A code used twice may have been stolen: the device it made ends (RFC 6749,
        // 4.1.2).
        Code::Again(Some(session)) => {
            end_device(app, session).await?;
            return Ok(None);
        }
        Code::Again(None) | Code::Unknown => return Ok(None),
    };
    let matches = grant.client_id == client_id
        && grant.redirect_uri == redirect_uri
        && verifier_matches(&verifier, &grant.code_challenge);
    let (true, Some(user_id)) = (matches, grant.user_id) else {
        return Ok(None);
    };
    let device = device_of(&grant.scope).map(str::to_string);
    let tokens = issue(app, user_id, device, grant.client_id, grant.scope).await?;
    let session = auth::digest(&tokens.access_token);
    let id = grant.id;
    app.db
        .write(move |c| Ok::<_, Error>(store::matrix::oauth::note_session(c, &id, &session)?))
        .await?;
    Ok(Some(tokens))
}

/// A new device (or the same device id again, replacing its old token) with a refresh
/// token, named after the app. Its access token works for `--matrix-oauth-access-secs`
/// (five minutes): a token copied from the app, its logs or its backups is soon worth
/// nothing, while the refresh token, which only the token endpoint takes, keeps the
/// device signed in. A device signed in by password or single sign-on has no refresh
/// token, so its access token lasts as its device does.
async fn issue(
    app: &App,
    user_id: i64,
    device: Option<String>,
    client_id: String,
    scope: String,
) -> Result<Tokens> {
    let name = client(app, client_id.clone())
        .await?
        .and_then(|c| c.name().map(str::to_string));
    let (access_token, device_id) = super::devices::sign_in(app, user_id, device, name).await?;
    let scope = match device_of(&scope) {
        Some(_) => scope,
        None => format!("{scope} urn:matrix:client:device:{device_id}"),
    };
    let refresh_token = format!("nmr_{}", random_hex(32));
    let refresh_hash = auth::digest(&refresh_token);
    let session_hash = auth::digest(&access_token);
    let life = app.config.matrix_oauth_access_secs;
    let access_expires_at = store::clock::time_after(life);
    let kept_scope = scope.clone();
    app.db
        .write(move |c| {
            store::matrix::oauth::set_access_expiry(c, &session_hash, &access_expires_at)?;
            Ok::<_, Error>(store::matrix::oauth::add_refresh(
                c,
                &refresh_hash,
                &session_hash,
                &client_id,
                &kept_scope,
            )?)
        })
        .await?;
    Ok(Tokens {
        access_token,
        refresh_token,
        expires_in: life,
        scope,
    })
}

/// Trades a refresh token for new tokens of the same device: a new access token (the
/// old one ends; the device keeps its id, name, keys, pushers and transaction ids) and a
/// new refresh token; the device lives on for [`DEVICE_SECS`] from now. `None` for a
/// token unknown, of another app, or of a device that ended. A token used before is a
/// copy someone kept: the device it was for ends, with its newest access and refresh
/// tokens (RFC 9700, 4.14.2), and the answer is `None` too.
pub async fn refresh(app: &App, token: &str, client_id: String) -> Result<Option<Tokens>> {
    let hash = auth::digest(token);
    // As `devices::sign_in` makes a device's access token.
    let access_token = format!("nmx_{}", random_hex(32));
    let refresh_token = format!("nmr_{}", random_hex(32));
    let new_session = auth::digest(&access_token);
    let new_refresh = auth::digest(&refresh_token);
    let life = app.config.matrix_oauth_access_secs;
    let now = now_ms();
    let clock_now = store::clock::now();
    let expires_at = store::clock::time_after(DEVICE_SECS);
    let access_expires_at = store::clock::time_after(life);
    let used_until = now + USED_REFRESH_KEPT_MS;
    let scope = app
        .db
        .write(move |c| {
            let taken = store::matrix::oauth::take_refresh(c, &hash, &client_id, now, used_until)?;
            let (session_hash, owner, scope) = match taken {
                Refresh::Unknown => return Ok::<_, Error>(None),
                Refresh::Replayed { session_hash } => {
                    end_device_on(c, &session_hash)?;
                    return Ok(None);
                }
                Refresh::Fresh {
                    session_hash,
                    client_id,
                    scope,
                } => (session_hash, client_id, scope),
            };
            if store::matrix::oauth::device_of_session(c, &session_hash, &clock_now)?.is_none() {
                return Ok(None);
            }
            let times = Renewed {
                expires_at: &expires_at,
                access_expires_at: &access_expires_at,
            };
            if !store::matrix::oauth::move_session(c, &session_hash, &new_session, &times)? {
                return Ok(None);
            }
            store::matrix::oauth::add_refresh(c, &new_refresh, &new_session, &owner, &scope)?;
            Ok(Some(scope))
        })
        .await?;
    Ok(scope.map(|scope| Tokens {
        access_token,
        refresh_token,
        expires_in: life,
        scope,
    }))
}

/// Ends, inside the job `c`, the device whose session hashes to `session`, whether or
/// not its access token has run out: its row and with it its refresh tokens, what was
/// made with it (pushers, waiting long polls), and its keys.
fn end_device_on(c: &Tx, session: &[u8]) -> Result<()> {
    let device = store::matrix::oauth::any_device_of_session(c, session)?;
    store::people::sessions::delete(c, session)?;
    auth::sign_out(c, session)?;
    match device {
        Some((user_id, device_id)) => {
            crate::domain::matrix::encryption::keys::forget_device(c, user_id, &device_id)
        }
        None => Ok(()),
    }
}

/// [`end_device_on`] in a write of its own.
async fn end_device(app: &App, session: Vec<u8>) -> Result<()> {
    app.db.write(move |c| end_device_on(c, &session)).await
}

/// Ends the device an access or refresh token (live or used) belongs to (an unknown
/// token is no error, as RFC 7009 asks).
pub async fn revoke(app: &App, token: &str) -> Result<()> {
    let hash = auth::digest(token);
    app.db
        .write(move |c| {
            let session =
                store::matrix::oauth::session_of_refresh(c, &hash)?.unwrap_or_else(|| hash.clone());
            end_device_on(c, &session)
        })
        .await
}

/// Whether `token` is an OAuth device's access token refused only because its time ran
/// out, while its device lives: Matrix then asks for `soft_logout: true`, so the app
/// refreshes instead of signing its person out.
pub async fn access_ran_out(app: &App, token: &str) -> Result<bool> {
    let hash = auth::digest(token);
    let now = store::clock::now();
    app.db
        .read(move |c| Ok::<_, Error>(store::matrix::oauth::access_ran_out(c, &hash, &now)?))
        .await
}
