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
            Ok(store::matrix_login_tokens::insert(
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
            let Some(user_id) = store::matrix_login_tokens::take(c, &hash, now)? else {
                return Ok(None);
            };
            Ok(store::people::users::by_id(c, user_id)?.filter(|u| u.is_active))
        })
        .await
}

/// The longest app address taken: what an app needs is an address of its own, and the
/// address travels on in a query and a page.
const MAX_ADDRESS: usize = 2048;

/// Whether `address` may receive a sign-in token: an absolute address of at most
/// [`MAX_ADDRESS`] bytes with a scheme an app answers (a web app's `https:`, a desktop
/// or phone app's own scheme), never one a browser would run or read locally.
pub fn is_app_address(address: &str) -> bool {
    if address.len() > MAX_ADDRESS {
        return false;
    }
    match url::Url::parse(address) {
        Ok(url) => !matches!(
            url.scheme(),
            "javascript" | "data" | "vbscript" | "file" | "blob" | "about"
        ),
        Err(_) => false,
    }
}

/// `address` with `loginToken=<token>` added to its query (before any fragment), as
/// the app reads it.
pub fn with_token(address: &str, token: &str) -> Option<String> {
    let mut url = url::Url::parse(address).ok()?;
    url.query_pairs_mut().append_pair("loginToken", token);
    Some(url.into())
}
