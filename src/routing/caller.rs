//! Who is asking (docs/api.md, "Who you are"): the one credential a request presents, how a
//! route's row says it must authenticate (`routes::Auth`), the one check of a credential
//! against the database ([`Caller`]), Django's session CSRF check, and socket upgrades'
//! `?token=`.

use crate::domain::auth;
use crate::http::error::{ApiError, ApiResult};
use crate::http::origins::AllowedOrigins;
use crate::http::request::Request;
use crate::hub::SignIn;
use crate::model::Credential;
use crate::ratelimit::{Limit, RateLimiter};
use crate::state::known_callers::KnownCallers;
use crate::state::App;
use crate::store::people::users::User;
use crate::store::{Conn, Dialect, Tx};
use std::sync::Arc;

/// A caller who presented a credential, refused already if it presented none. Who it
/// names is checked against the database exactly once, by whichever of [`Caller::user`],
/// [`Caller::read`] or [`Caller::write`] consumes it: a handler holds no `User` without
/// that check. `read` and `write` run the check inside the handler's own database job
/// (one trip to a reader or the writer instead of two, for the hottest routes).
pub struct Caller {
    credential: Credential,
    csrf: Option<CsrfCheck>,
    /// The rate limit the route's row counts every request against, if any.
    throttle: Option<(Arc<RateLimiter>, Limit)>,
    /// Whether an unknown credential is "Invalid token." whatever its kind (`?token=`).
    from_query: bool,
}

impl Caller {
    /// The caller of `req` for a route that needs one, read without the database:
    /// anonymous is a 401 here, a malformed or second `Authorization` header too.
    pub fn of(app: &App, req: &Request, throttle: Option<Limit>) -> ApiResult<Caller> {
        let credential = credential(app, req)?.ok_or(ApiError::Unauthenticated)?;
        Ok(Caller {
            credential,
            csrf: csrf_check(req),
            throttle: throttle.map(|limit| (app.limits.clone(), limit)),
            from_query: false,
        })
    }

    /// The caller presenting `credential`, read by a surface of its own (the Matrix
    /// surface's access token): no session, so no CSRF proof to check.
    pub fn presenting(app: &App, credential: Credential, throttle: Option<Limit>) -> Caller {
        Caller {
            credential,
            csrf: None,
            throttle: throttle.map(|limit| (app.limits.clone(), limit)),
            from_query: false,
        }
    }

    /// The credential presented (which one a password change keeps).
    pub fn credential(&self) -> &Credential {
        &self.credential
    }

    /// The user, checked in a database read of its own.
    pub async fn user(self, app: &App) -> ApiResult<User> {
        app.db.read(move |c| self.check(c)).await
    }

    /// The user checked and `f` run in one database read.
    ///
    /// On PostgreSQL, when the credential's account is remembered from an earlier
    /// request ([`KnownCallers`]), `f` runs with that account while the check goes out
    /// with `f`'s first statement, in its round trip (a history page in one round
    /// trip instead of two). `f`'s answer is kept only if the check then names
    /// that same account, field for field; a refused check is refused as always, and
    /// an account that changed has `f` run again with the account as it is now. So `f`
    /// must only read, and may run twice.
    pub async fn read<T, F>(self, app: &App, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnMut(&Conn, &User) -> ApiResult<T> + Send + 'static,
    {
        let known = app.known_callers.clone();
        let mut f = f;
        app.db
            .read(move |c| {
                let Some((guess, sent)) = self.guess_with_check(&known, c) else {
                    let me = self.check_and_note(&known, c)?;
                    return f(c, &me);
                };
                match self.run_guessed(&known, c, &guess, sent, |me| f(c, me))? {
                    Guessed::Confirmed(answer) => answer,
                    Guessed::Changed(me) => f(c, &me),
                }
            })
            .await
    }

    /// On SQLite, the credential checked and `f` run on this thread (`Db::read_here`),
    /// for a read of a few rows by key: a ready page's check. `f` runs with the account
    /// the credential was found to name, before that account is settled (its CSRF proof,
    /// its rate limit), and its answer is kept only once it is. `None` on PostgreSQL, and
    /// when the quick read failed (a lock held too long): the caller then reads as
    /// always, with the check still to come.
    pub fn read_here<T>(
        &self,
        app: &App,
        f: impl FnOnce(&Conn, &User) -> ApiResult<T>,
    ) -> Option<ApiResult<(User, T)>> {
        // One snapshot: the file's locks are taken once for all the reads, not once a
        // statement (they were a tenth of a kept page's CPU, in `fcntl`).
        let ran = app.db.read_here(|c| {
            c.in_one_snapshot(|c| -> ApiResult<_> {
                let found = auth::user_for_credential(c, &self.credential)?;
                let answer = match &found {
                    Some((user, _)) => Some(f(c, user)?),
                    None => None,
                };
                Ok((found, answer))
            })
        })?;
        let (found, answer) = ran.ok()?;
        Some(self.settled(found).and_then(|me| {
            let answer = answer.ok_or(ApiError::Unauthenticated)?;
            Ok((me, answer))
        }))
    }

    /// The caller settled as the account a check remembered at the database's current
    /// commit mark found (`state::checked_pages`: sessions are never remembered, so
    /// there is no CSRF proof to check), its rate limit counted as on every request.
    pub fn settle_remembered(&self, me: User) -> ApiResult<User> {
        self.settled(Some((me, None)))
    }

    /// The user checked and `f` run in one write job; a refused caller writes nothing.
    pub async fn write<T, F>(self, app: &App, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnMut(&Tx, &User) -> ApiResult<T> + Send + 'static,
    {
        let mut f = f;
        app.db
            .write(move |c| {
                let me = self.check(c)?;
                f(c, &me)
            })
            .await
    }

    /// `write` for a send into one chat (`Db::send_in_chat`). On PostgreSQL the
    /// check goes out with the job's first statement as in [`Caller::read`]. The job's
    /// writes are kept only when the check names the guessed account; else the writer
    /// rolls the job back and runs it again, checking first ([`Tx::run_again`]). So `f`
    /// must change nothing but the database.
    pub async fn write_in_chat<T, F>(self, app: &App, chat_id: i64, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnMut(&Tx, &User) -> ApiResult<T> + Send + 'static,
    {
        self.write_as_send(app, Some(chat_id), f).await
    }

    /// [`Caller::write_in_chat`] for a send whose chat `f` finds
    /// (`Db::send_in_found_chat`): `f` may make no chat.
    pub async fn write_in_found_chat<T, F>(self, app: &App, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnMut(&Tx, &User) -> ApiResult<T> + Send + 'static,
    {
        self.write_as_send(app, None, f).await
    }

    /// The send job of both: in chat `chat_id`, or in the chat `f` finds.
    async fn write_as_send<T, F>(self, app: &App, chat_id: Option<i64>, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnMut(&Tx, &User) -> ApiResult<T> + Send + 'static,
    {
        let known = app.known_callers.clone();
        let mut f = f;
        let mut may_guess = true;
        let job = move |c: &Tx| {
            let guessed = match may_guess {
                true => self.guess_with_check(&known, c),
                false => None,
            };
            let Some((guess, sent)) = guessed else {
                let me = self.check_and_note(&known, c)?;
                return f(c, &me);
            };
            match self.run_guessed(&known, c, &guess, sent, |me| f(c, me))? {
                Guessed::Confirmed(answer) => answer,
                Guessed::Changed(_) => {
                    may_guess = false;
                    Err(c.run_again().into())
                }
            }
        };
        match chat_id {
            Some(chat_id) => app.db.send_in_chat(chat_id, job).await,
            None => app.db.send_in_found_chat(job).await,
        }
    }

    /// On PostgreSQL, the account this credential named when last checked, with its
    /// check sent ahead of the job's next statement; `None` when nothing is remembered,
    /// for a session, and on SQLite (where a statement costs no round trip).
    fn guess_with_check(
        &self,
        known: &KnownCallers,
        c: &Conn,
    ) -> Option<(Arc<User>, auth::CredentialAhead)> {
        if c.dialect() != Dialect::Postgres {
            return None;
        }
        let guess = known.guess(&self.credential)?;
        let sent = auth::user_for_credential_ahead(c, &self.credential)?;
        Some((guess, sent))
    }

    /// Runs `run` as `guess` while its check, `sent`, goes out with `run`'s first
    /// statement; then reads the check. A refused credential is refused (and forgotten,
    /// so a signed-out key costs one guessed job, not one each time); the route's
    /// throttle is met before anything runs, as a checked caller meets it.
    fn run_guessed<T>(
        &self,
        known: &KnownCallers,
        c: &Conn,
        guess: &User,
        sent: auth::CredentialAhead,
        run: impl FnOnce(&User) -> ApiResult<T>,
    ) -> ApiResult<Guessed<T>> {
        let identified = |sent: auth::CredentialAhead| {
            self.identified(sent.answer(c)?)
                .inspect_err(|_| known.forget(&self.credential))
        };
        // A key names one account for good, and an access JWT its `user_id`: the account
        // the check names, if any, has the guess's id.
        if let Err(throttled) = self.throttled(guess.id) {
            identified(sent)?;
            return Err(throttled);
        }
        let answer = run(guess);
        let me = identified(sent)?;
        if me == *guess {
            return Ok(Guessed::Confirmed(answer));
        }
        known.note(&self.credential, &me);
        Ok(Guessed::Changed(me))
    }

    /// [`Caller::check`], remembering the account for the next request's guess (on
    /// PostgreSQL only: SQLite never guesses).
    fn check_and_note(&self, known: &KnownCallers, c: &Conn) -> ApiResult<User> {
        let me = self.check(c)?;
        if c.dialect() == Dialect::Postgres {
            known.note(&self.credential, &me);
        }
        Ok(me)
    }

    /// The one check of a credential: whom it names, the session's CSRF proof, the
    /// route's rate limit.
    fn check(&self, c: &Conn) -> ApiResult<User> {
        self.settled(auth::user_for_credential(c, &self.credential)?)
    }

    /// The caller, from what its credential was found to name.
    fn settled(&self, found: Option<(User, Option<String>)>) -> ApiResult<User> {
        let me = self.identified(found)?;
        self.throttled(me.id)?;
        Ok(me)
    }

    /// Whom the credential names, from what it was found to name; refused if no one.
    fn identified(&self, found: Option<(User, Option<String>)>) -> ApiResult<User> {
        settle(&self.credential, found, self.csrf.as_ref())
            .map_err(|e| match e {
                ApiError::InvalidJwt { .. } if self.from_query => ApiError::InvalidToken,
                other => other,
            })?
            .ok_or(ApiError::Unauthenticated)
    }

    /// The route's rate limit, counted for `user_id`.
    fn throttled(&self, user_id: i64) -> ApiResult<()> {
        if let Some((limits, limit)) = &self.throttle {
            limits.check_user(*limit, user_id)?;
        }
        Ok(())
    }
}

/// How a job run as a guessed caller ended ([`Caller::run_guessed`]).
enum Guessed<T> {
    /// The check named the guessed account: the job's answer stands.
    Confirmed(ApiResult<T>),
    /// The check named the account as it is now, changed since it was remembered.
    Changed(User),
}

/// What the request presents as its identity, read without the database. One
/// credential or none: a second `Authorization` header, a malformed one, or an invalid
/// token is an error even beside a valid session cookie (in DRF a failing authenticator
/// ends the chain); a valid header wins over the cookie (DRF's order).
fn credential(app: &App, req: &Request) -> ApiResult<Option<Credential>> {
    if let Some(credential) = authorization(app, req)? {
        return Ok(Some(credential));
    }
    Ok(req
        .cookie("sessionid")
        .map(|id| Credential::Session(auth::digest(&id))))
}

/// The `Authorization` header's credential; `None` without one, or with a scheme that
/// natter does not speak (DRF's authenticators skip those too).
fn authorization(app: &App, req: &Request) -> ApiResult<Option<Credential>> {
    let mut headers = req.headers.get_all("authorization").iter();
    let Some(header) = headers.next() else {
        return Ok(None);
    };
    if headers.next().is_some() {
        // Two headers: a proxy and natter could each pick a different one.
        return Err(ApiError::InvalidToken);
    }
    let value = header.to_str().map_err(|_| ApiError::InvalidToken)?;
    let mut parts = value.split_whitespace();
    let scheme = parts.next().unwrap_or("").to_ascii_lowercase();
    let credential = parts.next();
    let extra = parts.next();
    match scheme.as_str() {
        "token" => {
            let (Some(key), None) = (credential, extra) else {
                return Err(ApiError::InvalidToken);
            };
            Ok(Some(Credential::Token(auth::digest(key))))
        }
        "bearer" => {
            let claims = match (credential, extra) {
                (Some(token), None) => auth::decode_jwt(&app.jwt_secret, token, "access"),
                _ => None,
            };
            match claims {
                Some(claims) => Ok(Some(Credential::AccessJwt {
                    user_id: claims.user_id,
                    epoch: claims.epoch,
                })),
                None => Err(ApiError::InvalidJwt {
                    token_type: "access",
                }),
            }
        }
        _ => Ok(None),
    }
}

/// DRF's `SessionAuthentication` runs on every view: an unsafe request whose valid
/// session would be its caller must pass the CSRF check, even on endpoints that do not
/// need a caller (a login with a session cookie is login CSRF otherwise). Requests with
/// an `Authorization` header are the header's (checked with their caller).
pub async fn check_session_csrf(app: &App, req: &Request) -> ApiResult<()> {
    if !req.is_unsafe() || req.headers.contains_key("authorization") {
        return Ok(());
    }
    let Some(id) = req.cookie("sessionid") else {
        return Ok(());
    };
    let found = auth::user_for(app, Credential::Session(auth::digest(&id))).await?;
    if let Some((_, Some(secret))) = found {
        if let Some(check) = csrf_check(req) {
            check.verify(&secret)?;
        }
    }
    Ok(())
}

/// Gives a browser whose `csrftoken` cookie is not its session's secret that secret on a
/// safe request, as sign-in does: a browser signed in to the Django app, whose session was
/// imported, holds Django's own cookie, and its unsafe requests pass the CSRF check from
/// then on. A cookie shaped as natter makes them (32 hexadecimal digits) is left alone
/// without a look-up, so a browser signed in here costs nothing more.
pub async fn refresh_csrf_cookie(app: &App, req: &Request, response: &mut warp::reply::Response) {
    if req.is_unsafe() || req.headers.contains_key("authorization") {
        return;
    }
    let Some(id) = req.cookie("sessionid") else {
        return;
    };
    let held = req.cookie("csrftoken");
    let natter_shaped = |c: &str| c.len() == 32 && c.bytes().all(|b| b.is_ascii_hexdigit());
    if held.as_deref().is_some_and(natter_shaped) {
        return;
    }
    let Ok(Some((_, Some(secret)))) =
        auth::user_for(app, Credential::Session(auth::digest(&id))).await
    else {
        return;
    };
    if held.as_deref() != Some(secret.as_str()) {
        crate::http::reply::set_cookie(
            req,
            response,
            &format!(
                "csrftoken={secret}; Path=/; SameSite=Lax; Max-Age={}",
                auth::SESSION_SECS
            ),
        );
    }
}

/// The user whose browser session `req` carries, if any (the inbox login's `oauth`
/// re-confirmation); CSRF was checked before routing.
pub async fn session_user(app: &App, req: &Request) -> ApiResult<Option<User>> {
    let Some(id) = req.cookie("sessionid") else {
        return Ok(None);
    };
    let caller = Caller {
        credential: Credential::Session(auth::digest(&id)),
        csrf: None,
        throttle: None,
        from_query: false,
    };
    match caller.user(app).await {
        Ok(user) => Ok(Some(user)),
        Err(ApiError::Unauthenticated) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The caller of a socket upgrade. Upgrades also accept `?token=` (a DRF key or an
/// access JWT). An upgrade that rides the session cookie must come from an allowed
/// origin (`--allowed-origins`), or any site a user visits could open a socket as them
/// (cross-site WebSocket hijacking); token upgrades are not sent by the browser on its
/// own, so they may come from anywhere.
///
/// Also returns the key or session the socket opens with, so that signing out of it
/// closes the socket.
pub async fn socket_user(
    app: &App,
    origins: &AllowedOrigins,
    req: &Request,
) -> ApiResult<(User, Option<SignIn>)> {
    let mut tokens = form_urlencoded::parse(req.query.as_bytes()).filter(|(k, _)| k == "token");
    if let Some((_, token)) = tokens.next() {
        if tokens.next().is_some() {
            return Err(ApiError::InvalidToken);
        }
        let credential = if token.contains('.') {
            let claims = auth::decode_jwt(&app.jwt_secret, &token, "access")
                .ok_or(ApiError::InvalidToken)?;
            Credential::AccessJwt {
                user_id: claims.user_id,
                epoch: claims.epoch,
            }
        } else {
            Credential::Token(auth::digest(&token))
        };
        let sign_in = credential.sign_in();
        let caller = Caller {
            credential,
            csrf: None,
            throttle: None,
            from_query: true,
        };
        return Ok((caller.user(app).await?, sign_in));
    }
    if authorization(app, req)?.is_none() && req.cookie("sessionid").is_some() {
        if let Some(refusal) = origins.refusal(
            req.header("origin"),
            req.scheme(),
            req.client.host.as_deref(),
        ) {
            refusal.log();
            return Err(ApiError::Forbidden(
                "Cross-site socket refused: this origin may not use the session cookie.".into(),
            ));
        }
    }
    let caller = Caller::of(app, req, None)?;
    let sign_in = caller.credential.sign_in();
    Ok((caller.user(app).await?, sign_in))
}

/// What an unsafe request with a session must prove (`None` for safe methods).
fn csrf_check(req: &Request) -> Option<CsrfCheck> {
    req.is_unsafe().then(|| CsrfCheck {
        cookie: req.cookie("csrftoken"),
        header: req.header("x-csrftoken").map(str::to_string),
    })
}

/// The CSRF proof an unsafe request carries: Django's double-submit cookie and header.
struct CsrfCheck {
    cookie: Option<String>,
    header: Option<String>,
}

impl CsrfCheck {
    /// Header and cookie must be equal, and equal to the session's own secret.
    fn verify(&self, secret: &str) -> ApiResult<()> {
        let cookie = self
            .cookie
            .as_deref()
            .ok_or(ApiError::Csrf("CSRF cookie not set."))?;
        let header = self
            .header
            .as_deref()
            .ok_or(ApiError::Csrf("CSRF token missing."))?;
        if auth::secure_eq(header, cookie) && auth::secure_eq(cookie, secret) {
            Ok(())
        } else {
            Err(ApiError::Csrf("CSRF token incorrect."))
        }
    }
}

/// Turns what a credential resolved to into the caller: an unknown token or JWT user is
/// an error, an unknown session is anonymous, and a session must pass `csrf` if given.
fn settle(
    credential: &Credential,
    found: Option<(User, Option<String>)>,
    csrf: Option<&CsrfCheck>,
) -> ApiResult<Option<User>> {
    match (credential, found) {
        (Credential::Token(_) | Credential::Device(_), None) => Err(ApiError::InvalidToken),
        (Credential::AccessJwt { .. }, None) => Err(ApiError::InvalidJwt {
            token_type: "access",
        }),
        (Credential::Session(_), None) => Ok(None),
        (_, Some((user, session_secret))) => {
            if let (Some(secret), Some(check)) = (session_secret, csrf) {
                check.verify(&secret)?;
            }
            Ok(Some(user))
        }
    }
}
