//! Single sign-on for Matrix apps: someone signed in to natter's web client (by
//! password, the team's provider and two-factor code, as the page asks) confirms that an
//! app may sign in as them; the page sends the app a one-use token, which the app trades
//! at `/login` (`m.login.token`) for a device. The app never sees the password or code.

use crate::domain::auth;
use crate::domain::error::Result;
use crate::kit::clock::now_ms;
use crate::kit::random::random_hex;
use crate::state::App;
use crate::store;
use crate::store::people::users::User;

/// How long a token waits to be traded: the app receives it in the same redirect, so
/// Synapse's two minutes are plenty, and a token copied out of a browser's history is
/// worthless soon after.
const TOKEN_MS: i64 = 2 * 60 * 1000;

/// A new one-use token for `user_id`.
pub async fn mint(app: &App, user_id: i64) -> Result<String> {
    let token = format!("nlt_{}", random_hex(32));
    let hash = auth::digest(&token);
    let now = now_ms();
    app.db
        .write(move |c| -> Result<_> {
            Ok(store::matrix::login_tokens::insert(
                c,
                &hash,
                user_id,
                now + TOKEN_MS,
                now,
            )?)
        })
        .await?;
    Ok(token)
}

/// The active account `token` signs in, once: `None` for a token unknown, used,
/// expired, or of an account deactivated since.
pub async fn take(app: &App, token: &str) -> Result<Option<User>> {
    let hash = auth::digest(token);
    let now = now_ms();
    app.db
        .write(move |c| -> Result<_> {
            let Some(user_id) = store::matrix::login_tokens::take(c, &hash, now)? else {
                return Ok(None);
            };
            Ok(store::people::users::by_id(c, user_id)?.filter(|u| u.is_active))
        })
        .await
}

/// The longest app address taken: what an app needs is an address of its own, and the
/// address travels on in a query and a page.
const MAX_ADDRESS: usize = 2048;

/// Why an address may not receive a sign-in token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAnApp {
    /// Not absolute, too long, or of a scheme a browser runs or reads locally.
    Unreadable,
    /// Plain `http://` to another machine: the token would cross the network readable
    /// by anyone on the way.
    PlainHttp,
}

/// Whether `address` may receive a sign-in token: an absolute address of at most
/// [`MAX_ADDRESS`] bytes with a scheme an app answers (a web app's `https:`, a desktop
/// or phone app's own scheme, or `http:` on this computer's loopback address, where a
/// desktop app listens), never one a browser would run or read locally, and never plain
/// `http:` elsewhere.
pub fn app_address(address: &str) -> std::result::Result<(), NotAnApp> {
    if address.len() > MAX_ADDRESS {
        return Err(NotAnApp::Unreadable);
    }
    let url = url::Url::parse(address).map_err(|_| NotAnApp::Unreadable)?;
    match url.scheme() {
        "javascript" | "data" | "vbscript" | "file" | "blob" | "about" => Err(NotAnApp::Unreadable),
        "http" if !is_loopback(&url) => Err(NotAnApp::PlainHttp),
        _ => Ok(()),
    }
}

/// [`app_address`] as a yes or no.
pub fn is_app_address(address: &str) -> bool {
    app_address(address).is_ok()
}

/// Whether `url` names this computer: `localhost`, or a loopback IPv4 or IPv6 address
/// (RFC 8252, 7.3).
fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// `address` with `loginToken=<token>` added to its query (before any fragment), as
/// the app reads it.
pub fn with_token(address: &str, token: &str) -> Option<String> {
    let mut url = url::Url::parse(address).ok()?;
    url.query_pairs_mut().append_pair("loginToken", token);
    Some(url.into())
}

#[cfg(test)]
mod tests {
    use super::{app_address, NotAnApp};

    /// https, an app's own scheme and http on loopback take a token; plain http
    /// elsewhere, and what a browser runs, do not.
    #[test]
    fn a_token_goes_only_where_no_one_on_the_way_reads_it() {
        for ok in [
            "https://app.example.com/cb",
            "io.element.app:/callback",
            "element://vector/webapp/",
            "http://localhost:8080/cb",
            "http://127.0.0.1/cb",
            "http://127.1.2.3:9/cb",
            "http://[::1]:4000/cb",
        ] {
            assert_eq!(app_address(ok), Ok(()), "{ok}");
        }
        for plain in [
            "http://app.example.com/cb",
            "http://10.0.0.2/cb",
            "http://localhost.example.com/cb",
        ] {
            assert_eq!(app_address(plain), Err(NotAnApp::PlainHttp), "{plain}");
        }
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "/relative",
            "file:///etc/passwd",
        ] {
            assert_eq!(app_address(bad), Err(NotAnApp::Unreadable), "{bad}");
        }
    }
}
