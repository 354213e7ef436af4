//! Who you are: password hashing, DRF-style token keys, simplejwt-compatible JWTs and
//! browser sessions. Secrets are stored only as hashes; comparisons are constant-time.

use crate::domain::error::{Error, Result};
use crate::hub::SignIn;
use crate::kit::random::random_hex;
use crate::model::Credential;
use crate::state::App;
use crate::store::{self, people::users::User};
use crate::store::{Conn, Tx};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sha2::{Digest, Sha256};

pub mod django;
mod jwt;
pub use jwt::{decode_jwt, encode_jwt, Claims};

/// How long a browser session lasts (two weeks, as Django's default).
pub const SESSION_SECS: i64 = 14 * 24 * 3600;

/// Hashes a password into a PHC string (argon2id). Slow on purpose: call off the async threads.
pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("password hashing: {e}")))
}

/// Checks a password against a stored PHC string, or a Django hash an import kept
/// ([`django`]); an empty hash never matches.
pub fn verify_password(password: &str, hash: &str) -> bool {
    if hash.is_empty() {
        return false;
    }
    if django::is_django(hash) {
        return django::verify(password, hash);
    }
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Runs password work (argon2: ~19 MiB and tens of milliseconds each) on the blocking
/// pool, at most `App::password_slots` at a time: a burst of sign-ups or log-ins queues
/// instead of spreading hundreds of hashes, and their memory, over blocking threads.
async fn with_password_slot<T: Send + 'static>(
    app: &App,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T> {
    let _slot = app
        .password_slots
        .acquire()
        .await
        .map_err(|e| Error::Internal(format!("password slots: {e}")))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| Error::Internal(format!("password task: {e}")))
}

/// Hashes a password off the async threads.
pub async fn hash_password_async(app: &App, password: String) -> Result<String> {
    with_password_slot(app, move || hash_password(&password)).await?
}

/// The key an account's failed logins are counted under: its id, or for a name that
/// is no account, the name as typed (folded), so unknown names are held alike.
pub fn account_key(user: Option<&User>, login: &str) -> String {
    match user {
        Some(u) => format!("user:{}", u.id),
        None => format!("name:{}", login.trim().to_lowercase()),
    }
}

/// Verifies a password off the async threads. When there is no user, a dummy hash is
/// still checked so that timing does not reveal which usernames exist.
pub async fn verify_password_async(app: &App, password: String, hash: Option<String>) -> bool {
    with_password_slot(app, move || match hash {
        Some(h) => verify_password(&password, &h),
        None => {
            let _ = verify_password(&password, dummy_hash());
            false
        }
    })
    .await
    .unwrap_or(false)
}

fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("natter-dummy-password").unwrap_or_default())
}

/// sha256 of a secret, as stored.
pub fn digest(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

/// Mints a new DRF-style key (40 hex characters) for `user_id`; only its hash is stored.
pub async fn mint_token(app: &App, user_id: i64) -> Result<String> {
    let key = random_hex(20);
    let hash = digest(&key);
    app.db
        .write(move |c| -> Result<_> {
            Ok(store::people::tokens::insert(
                c,
                &hash,
                user_id,
                &store::clock::now(),
            )?)
        })
        .await?;
    Ok(key)
}

/// Deletes a key; returns whether it existed.
pub async fn revoke_token(app: &App, key: &str) -> Result<bool> {
    let hash = digest(key);
    app.db
        .write(move |c| {
            let deleted = store::people::tokens::delete(c, &hash)?;
            sign_out(c, &hash)?;
            Ok(deleted)
        })
        .await
}

/// After the key or session whose stored hash is `hash` ended: the Web Push
/// subscriptions made with it go, and, once the job commits, the sockets opened with it
/// close on every node. A signed-out key or session must not keep receiving.
pub fn sign_out(c: &Tx, hash: &[u8]) -> Result<()> {
    store::push::drop_made_with(c, hash)?;
    if let Some(sign_in) = SignIn::from_digest(hash) {
        c.sign_out(sign_in);
    }
    Ok(())
}

impl Credential {
    /// What a socket opened with this credential is closed by when it is signed out:
    /// a key's or a session's digest. An access JWT has none (nothing signs one out).
    pub fn sign_in(&self) -> Option<SignIn> {
        self.digest().and_then(SignIn::from_digest)
    }
}

/// Whom a credential names: the user, and for a session its CSRF secret. `None` when
/// the key, token user or session is unknown (or the user inactive).
pub fn user_for_credential(
    c: &Conn,
    credential: &Credential,
) -> Result<Option<(User, Option<String>)>> {
    Ok(match credential {
        Credential::Token(hash) => store::people::users::by_token_hash(c, hash)?.map(|u| (u, None)),
        Credential::AccessJwt { user_id, epoch } => store::people::users::by_id(c, *user_id)?
            .filter(|u| signed_under(u, *epoch))
            .map(|u| (u, None)),
        Credential::Session(hash) => {
            match store::people::sessions::lookup(c, hash, &store::clock::now())? {
                Some((id, csrf)) => store::people::users::by_id(c, id)?.map(|u| (u, Some(csrf))),
                None => None,
            }
        }
        Credential::Device(hash) => {
            match store::people::sessions::lookup_device(c, hash, &store::clock::now())? {
                Some((id, _device)) => store::people::users::by_id(c, id)?.map(|u| (u, None)),
                None => None,
            }
        }
    })
}

/// Whether an access JWT minted under `epoch` still names `u`.
fn signed_under(u: &User, epoch: i64) -> bool {
    u.is_active && u.credentials_epoch == epoch
}

/// [`user_for_credential`] for a key or an access JWT, sent ahead of the job's next
/// statement ([`store::Ahead`]) so the check costs no round trip of its own; `None` for a
/// session, whose check is two statements.
pub fn user_for_credential_ahead(c: &Conn, credential: &Credential) -> Option<CredentialAhead> {
    match credential {
        Credential::Token(hash) => Some(CredentialAhead {
            user: store::people::users::by_token_hash_ahead(c, hash.clone()),
            epoch: None,
        }),
        Credential::AccessJwt { user_id, epoch } => Some(CredentialAhead {
            user: store::people::users::by_id_ahead(c, *user_id),
            epoch: Some(*epoch),
        }),
        Credential::Session(_) | Credential::Device(_) => None,
    }
}

/// The check [`user_for_credential_ahead`] sent, answered by [`CredentialAhead::answer`].
pub struct CredentialAhead {
    user: store::Ahead<User>,
    /// An access JWT's credentials epoch.
    epoch: Option<i64>,
}

impl CredentialAhead {
    /// What [`user_for_credential`] answers for the same credential.
    pub fn answer(self, c: &Conn) -> Result<Option<(User, Option<String>)>> {
        let epoch = self.epoch;
        Ok(self
            .user
            .answer(c)?
            .filter(|u| epoch.is_none_or(|epoch| signed_under(u, epoch)))
            .map(|u| (u, None)))
    }
}

/// A new browser session: (session id for the cookie, CSRF token for the cookie).
pub async fn start_session(app: &App, user_id: i64) -> Result<(String, String)> {
    let session_id = random_hex(32);
    let csrf = random_hex(16);
    let hash = digest(&session_id);
    let expires = store::clock::time_after(SESSION_SECS);
    let csrf_stored = csrf.clone();
    app.db
        .write(move |c| -> Result<_> {
            Ok(store::people::sessions::insert(
                c,
                &hash,
                user_id,
                &csrf_stored,
                &expires,
            )?)
        })
        .await?;
    Ok((session_id, csrf))
}

/// `user_for_credential` on a pooled read connection.
pub async fn user_for(app: &App, credential: Credential) -> Result<Option<(User, Option<String>)>> {
    app.db
        .read(move |c| user_for_credential(c, &credential))
        .await
}

/// Ends a session.
pub async fn end_session(app: &App, session_id: &str) -> Result<()> {
    let hash = digest(session_id);
    app.db
        .write(move |c| {
            store::people::sessions::delete(c, &hash)?;
            sign_out(c, &hash)
        })
        .await
}

/// Constant-time string equality.
pub fn secure_eq(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// A fresh (refresh, access) pair for `user`.
pub fn token_pair(app: &App, user: &User) -> Result<(String, String)> {
    let refresh = issue_jwt(app, user, "refresh", app.config.refresh_ttl_secs)?;
    let access = issue_jwt(app, user, "access", app.config.access_ttl_secs)?;
    Ok((refresh, access))
}

/// A signed JWT of `token_type` for `user` living `ttl` seconds.
pub fn issue_jwt(app: &App, user: &User, token_type: &str, ttl: i64) -> Result<String> {
    let now = chrono::Utc::now().timestamp();
    encode_jwt(
        &app.jwt_secret,
        &Claims {
            token_type: token_type.into(),
            exp: now + ttl,
            iat: now,
            jti: random_hex(16),
            user_id: user.id,
            epoch: user.credentials_epoch,
        },
    )
}
