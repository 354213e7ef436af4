//! The HTTP-level error of the surfaces (`api/`, `ws/`): what a request or a socket frame
//! answers, rendered by each surface in its own documented shape (see `http::reply`). The
//! domain has its own error (`domain::Error`); [`From`] here gives it the words most
//! surfaces share (DRF's), and a surface that words a case differently maps it itself.

use crate::domain::error::{Conflict, Error, Missing, NoRoom, Problem, Refusal};
use serde_json::{Map, Value};
use warp::http::Method;

/// What a client is told when natter itself failed, on every surface, REST and socket:
/// the detail (a database's own text, a path) goes to the log only.
pub const SERVER_ERROR: &str = "A server error occurred.";

/// Field name -> messages, in the order the fields were checked.
pub type FieldErrors = Vec<(String, Vec<String>)>;

/// Everything that can go wrong while serving a request or a socket frame.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    /// No credentials at all (401).
    #[error("Authentication credentials were not provided.")]
    Unauthenticated,
    /// A `Token` key or session that is not (or no longer) valid (401).
    #[error("Invalid token.")]
    InvalidToken,
    /// A JWT that is malformed, expired, or of the wrong type (401, simplejwt's body).
    #[error("Given token not valid for any token type")]
    InvalidJwt { token_type: &'static str },
    /// Login with wrong credentials (401). The message is the surface's own.
    #[error("{0}")]
    BadCredentials(String),
    /// A session-authenticated unsafe request without a matching CSRF token (403).
    #[error("CSRF Failed: {0}")]
    Csrf(&'static str),
    /// Known user, forbidden action (403).
    #[error("{0}")]
    Forbidden(String),
    /// Missing, or someone else's private thing (404).
    #[error("{0}")]
    NotFound(String),
    /// Per-field validation errors (400).
    #[error("invalid input")]
    Validation(FieldErrors),
    /// A 400 with a single non-field message.
    #[error("{0}")]
    BadRequest(String),
    /// The rooms surface's `room_full` (400).
    #[error("Room has reached its maximum number of participants.")]
    RoomFull,
    /// Body not parseable (400).
    #[error("JSON parse error - {0}")]
    MalformedBody(String),
    /// Wrong method for an existing path (405); `allow` is the path's `Allow` header,
    /// as DRF writes it (`GET, POST, HEAD, OPTIONS`).
    #[error("Method \"{method}\" not allowed.")]
    MethodNotAllowed { method: String, allow: String },
    /// Body or upload over its limit (413).
    #[error("Request body is too large.")]
    PayloadTooLarge,
    /// No room for an upload: the uploader's quota or the server's disk (507).
    #[error("{0}")]
    InsufficientStorage(String),
    /// A content type the endpoint does not read (415).
    #[error("Unsupported media type \"{0}\" in request.")]
    UnsupportedMediaType(String),
    /// Rate limit reached (429); seconds until the window frees up.
    #[error("Request was throttled. Expected available in {0} seconds.")]
    RateLimited(u64),
    /// A request body that stopped arriving (408), as nginx's `client_body_timeout`.
    #[error("The request body stopped arriving.")]
    BodyTimeout,
    /// A user already holds as many open sockets as allowed (429): a cap, not a rate.
    #[error("Too many open sockets for this user (at most {0}); close one first.")]
    TooManySockets(u64),
    /// Every reader is busy and the queue of reads is full (503, `Retry-After`).
    #[error("The server is busy; try again in a moment.")]
    Overloaded,
    /// The bus to the other natter nodes is down, so a socket would miss their events
    /// without knowing (503, `Retry-After`); plain HTTP still works.
    #[error("Live events are interrupted on this server; try again in a moment.")]
    BusDown,
    /// The database cannot be reached from this server now (503, `Retry-After`); the
    /// reason goes to the log, never to the client.
    #[error("The server cannot reach its database; try again in a moment.")]
    StoreDown,
    /// A seed-specific error whose exact body upstream clients expect, sent verbatim.
    #[error("{status}")]
    Verbatim { status: u16, body: Value },
    /// Two-factor codes held after too many wrong ones (429): the surface's body as it
    /// is, with `Retry-After` when time ends the hold.
    #[error("429")]
    CodesHeld { body: Value, wait: Option<u64> },
    /// Our fault (500). The detail is logged, never sent.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// A 400 on one field.
    pub fn field(name: &str, message: impl Into<String>) -> Self {
        ApiError::Validation(vec![(name.to_string(), vec![message.into()])])
    }

    /// A 404 with DRF's generic text.
    pub fn not_found() -> Self {
        ApiError::NotFound("Not found.".into())
    }

    /// A 403 with DRF's generic text.
    pub fn forbidden() -> Self {
        ApiError::Forbidden("You do not have permission to perform this action.".into())
    }

    /// A 405 for `method` on a path that accepts `accepted` (HEAD and OPTIONS implied).
    pub fn method_not_allowed(method: &Method, accepted: &[Method]) -> Self {
        ApiError::MethodNotAllowed {
            method: method.to_string(),
            allow: allow_header(accepted),
        }
    }

    /// The sentence a client may be shown for this error: its `Display`, except that an
    /// internal error (whose detail can be PostgreSQL's own text) is logged here with its
    /// detail and shown as [`SERVER_ERROR`]. Every surface words its errors through this,
    /// once per error answered, so the detail is logged once and never sent.
    pub fn client_text(&self) -> String {
        match self {
            ApiError::Internal(_) => {
                tracing::error!("{self}");
                SERVER_ERROR.to_string()
            }
            other => other.to_string(),
        }
    }

    /// A 503 for a database that cannot be reached: `why` is logged (at debug: the store
    /// warns once per outage), the client told only that it may retry.
    pub fn store_down(why: &str) -> Self {
        tracing::debug!("answered 503: the database cannot be reached: {why}");
        ApiError::StoreDown
    }

    /// A body sent exactly as given.
    pub fn verbatim(status: u16, body: Value) -> Self {
        ApiError::Verbatim { status, body }
    }

    /// The HTTP status of this error.
    pub fn status(&self) -> u16 {
        match self {
            ApiError::Unauthenticated
            | ApiError::InvalidToken
            | ApiError::InvalidJwt { .. }
            | ApiError::BadCredentials(_) => 401,
            ApiError::Csrf(_) | ApiError::Forbidden(_) => 403,
            ApiError::NotFound(_) => 404,
            ApiError::Validation(_)
            | ApiError::BadRequest(_)
            | ApiError::RoomFull
            | ApiError::MalformedBody(_) => 400,
            ApiError::MethodNotAllowed { .. } => 405,
            ApiError::BodyTimeout => 408,
            ApiError::PayloadTooLarge => 413,
            ApiError::InsufficientStorage(_) => 507,
            ApiError::UnsupportedMediaType(_) => 415,
            ApiError::RateLimited(_) | ApiError::TooManySockets(_) => 429,
            ApiError::Overloaded | ApiError::BusDown | ApiError::StoreDown => 503,
            ApiError::Verbatim { status, .. } => *status,
            ApiError::CodesHeld { .. } => 429,
            ApiError::Internal(_) => 500,
        }
    }

    /// The rooms surface's machine-readable code for this error.
    pub fn code(&self) -> &'static str {
        match self.status() {
            401 => "authentication_required",
            403 => "permission_denied",
            404 => "not_found",
            405 => "method_not_allowed",
            408 => "request_timeout",
            413 => "payload_too_large",
            415 => "unsupported_media_type",
            429 => "rate_limited",
            500 => "internal_error",
            503 => "service_unavailable",
            507 => "insufficient_storage",
            _ if matches!(self, ApiError::RoomFull) => "room_full",
            _ => "validation_error",
        }
    }

    /// DRF's `{field: [messages]}` object, for validation errors; `None` for others.
    pub fn field_map(&self) -> Option<Value> {
        match self {
            ApiError::Validation(fields) => {
                let mut map = Map::new();
                for (name, messages) in fields {
                    map.insert(name.clone(), Value::from(messages.clone()));
                }
                Some(Value::Object(map))
            }
            _ => None,
        }
    }
}

/// The `Allow` header of a path that accepts `accepted`, as Django writes it: the
/// methods in `http_method_names` order, HEAD wherever GET is, and always OPTIONS.
pub fn allow_header(accepted: &[Method]) -> String {
    let order = [
        Method::GET,
        Method::POST,
        Method::PUT,
        Method::PATCH,
        Method::DELETE,
        Method::HEAD,
    ];
    let head = accepted.contains(&Method::GET);
    let mut names: Vec<&str> = order
        .iter()
        .filter(|m| accepted.contains(m) || (**m == Method::HEAD && head))
        .map(Method::as_str)
        .collect();
    names.push("OPTIONS");
    names.join(", ")
}

impl From<Error> for ApiError {
    /// The words most surfaces share (DRF's and the seeds'); see [`ApiError::refused_as`]
    /// for a surface that words one refusal its own way.
    fn from(e: Error) -> Self {
        match e {
            Error::NotFound(missing) => ApiError::NotFound(missing_words(missing).into()),
            Error::Forbidden(refusal) => ApiError::Forbidden(refusal_words(refusal).into()),
            Error::Invalid(fields) => ApiError::Validation(
                fields
                    .into_iter()
                    .map(|(field, problems)| {
                        let words = problems.iter().map(|p| problem_words(field, p)).collect();
                        (field.to_string(), words)
                    })
                    .collect(),
            ),
            Error::Conflict(Conflict::RoomFull) => ApiError::RoomFull,
            Error::Conflict(Conflict::AddToDirect) => {
                ApiError::BadRequest("Members cannot be added to a direct chat.".into())
            }
            Error::Conflict(Conflict::RemoveFromDirect) => {
                ApiError::BadRequest("Members cannot be removed from a direct chat.".into())
            }
            Error::Conflict(Conflict::LastAdmin) => ApiError::BadRequest(
                "This is the last active administrator: make someone else an administrator first."
                    .into(),
            ),
            Error::Conflict(Conflict::OwnAccount) => ApiError::BadRequest(
                "You cannot deactivate or demote your own account; ask another administrator."
                    .into(),
            ),
            Error::Conflict(Conflict::RemoveDirect) => ApiError::BadRequest(
                "A direct chat cannot be removed; remove its messages instead.".into(),
            ),
            Error::Conflict(Conflict::BotPassword) => ApiError::BadRequest(
                "A bot does not sign in: give it a new key instead (/api/bots/{id}/key/).".into(),
            ),
            Error::Conflict(Conflict::BotAdmin) => {
                ApiError::BadRequest("A bot cannot be an administrator: it never signs in.".into())
            }
            Error::Conflict(Conflict::Deactivated) => ApiError::BadRequest(
                "This account is deactivated: reactivate it before adding it to a chat.".into(),
            ),
            Error::Conflict(Conflict::ArchiveDirect) => ApiError::BadRequest(
                "A direct chat cannot be archived; only groups and rooms can.".into(),
            ),
            Error::Conflict(Conflict::DefaultNotRoom) => {
                ApiError::BadRequest("Only rooms can be the ones every newcomer starts in.".into())
            }
            Error::Conflict(Conflict::LastWayIn) => ApiError::BadRequest(
                "This is your only way to sign in: set a password or link another provider first."
                    .into(),
            ),
            Error::TooLarge => ApiError::PayloadTooLarge,
            Error::StorageFull(why) => ApiError::InsufficientStorage(no_room_words(why)),
            Error::Busy => ApiError::Overloaded,
            Error::Unreachable(why) => ApiError::store_down(&why),
            Error::Throttled(wait) => ApiError::RateLimited(wait),
            Error::Internal(m) => ApiError::Internal(m),
        }
    }
}

impl ApiError {
    /// `e` in the shared words, except `refusal`, which this surface words as `text` (a
    /// 403): e.g. the rooms surface's "Only the room owner can delete the room."
    pub fn refused_as(e: Error, refusal: Refusal, text: &str) -> ApiError {
        match e {
            Error::Forbidden(r) if r == refusal => ApiError::Forbidden(text.to_string()),
            other => other.into(),
        }
    }

    /// `e`, with a change to someone else's message worded as the rooms and chats
    /// surfaces word it: "You can only {verb} your own messages."
    pub fn own_messages_only(e: Error, verb: &str) -> ApiError {
        Self::refused_as(
            e,
            Refusal::NotSender,
            &format!("You can only {verb} your own messages."),
        )
    }
}

/// A 507's text: how much of the quota is used, or that the disk is nearly full.
fn no_room_words(why: NoRoom) -> String {
    match why {
        NoRoom::Quota {
            used,
            upload,
            quota,
        } => format!(
            "Your storage quota is used up: your files take {} of your {}, and this upload \
             needs {} more. Files not attached to a message are removed after a while; \
             ask an administrator for more room.",
            mb(used),
            mb(quota),
            mb(upload)
        ),
        NoRoom::Disk => "The server's disk is nearly full: uploads are refused until an \
                         administrator frees space."
            .into(),
    }
}

/// Bytes in MB (MiB), with one decimal.
fn mb(bytes: i64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

/// A 404's text for what is missing.
fn missing_words(missing: Missing) -> &'static str {
    match missing {
        Missing::Chat | Missing::Message | Missing::Caller => "Not found.",
        Missing::User => "User does not exist",
        Missing::Member => "User is not a member of this chat.",
        Missing::Room => "No Room matches the given query.",
        Missing::File => "No File matches the given query.",
        Missing::FileContent => "The file's content is missing.",
        Missing::Invitation => "No invitation matches the given query.",
        Missing::Session => "No session of yours matches the given query.",
        Missing::PushSubscription => "No push subscription of yours matches the given query.",
        Missing::Bot => "No bot matches the given query.",
        Missing::Identity => "No sign-in provider of yours matches the given query.",
        Missing::Emoji => "No custom emoji matches the given query.",
        Missing::UserGroup => "No user group matches the given query.",
    }
}

/// A 403's text for a refusal; the owner and sender rules are worded by each surface
/// for the action it refused, so their shared text is DRF's generic one.
fn refusal_words(refusal: Refusal) -> &'static str {
    match refusal {
        Refusal::NotParticipant => "You are not a participant in this room.",
        Refusal::NotAdmin | Refusal::NotOwner | Refusal::NotSender => {
            "You do not have permission to perform this action."
        }
        Refusal::RegistrationClosed => {
            "Registration is closed on this server: accounts are created by an administrator."
        }
        Refusal::InvitationNeeded => {
            "Signing up here needs an invitation: open the join link an administrator gave you."
        }
        Refusal::InvitationInvalid => {
            "This invitation cannot be used: it is unknown, used up, expired or revoked."
        }
        Refusal::InvitationUsedUp => "This invitation cannot be used: it has been used up.",
        Refusal::InvitationExpired => "This invitation cannot be used: it has expired.",
        Refusal::InvitationRevoked => "This invitation cannot be used: it was revoked.",
        Refusal::NotServerAdmin => "Only administrators can do this.",
        Refusal::TwoFactorNeeded => {
            "Turn on two-factor sign-in on your account page before administering this server."
        }
        Refusal::ChatArchived => {
            "This chat is archived: it can be read, but nobody can post in it."
        }
        Refusal::PasswordSignUpOff => {
            "Accounts here are made by signing in through your organisation's provider, not with a password."
        }
        Refusal::EncryptionRefused => {
            "This server does not keep encrypted messages: its administrator turned encryption off."
        }
    }
}

/// What a person is told while their two-factor codes are held: `secs` more seconds,
/// or (`None`) until a recovery code or a new password ends it.
pub fn codes_held_words(secs: Option<u64>) -> String {
    let wait = match secs {
        None => {
            return "Too many wrong codes in a row: codes are no longer checked for this account. \
                    Sign in with a recovery code, or set a new password."
                .into()
        }
        Some(s) if s < 120 => format!("{s} seconds"),
        Some(s) if s < 2 * 3600 => format!("{} minutes", s.div_ceil(60)),
        Some(s) => format!("{} hours", s.div_ceil(3600)),
    };
    format!(
        "Too many wrong codes in a row: codes are not checked for {wait}. \
         A recovery code still works, and setting a new password ends the wait."
    )
}

/// DRF's sentence for a problem with `field`.
pub fn problem_words(field: &str, problem: &Problem) -> String {
    match problem {
        Problem::Required => "This field is required.".into(),
        Problem::Blank => "This field may not be blank.".into(),
        Problem::TooLong { max } => format!("Ensure this field has no more than {max} characters."),
        Problem::TooManyWords { max } => {
            format!("Ensure this field has no more than {max} distinct words.")
        }
        Problem::TooShort { min } => format!("Ensure this field has at least {min} characters."),
        Problem::NoSuchObject { pk } => format!("Invalid pk \"{pk}\" - object does not exist."),
        Problem::NoSuchFile { id } => format!("File id {id} not found."),
        Problem::NotYourFile => "You can only attach files you uploaded.".into(),
        Problem::EmptyFile => "The submitted file is empty.".into(),
        Problem::BadUsername => "Enter a valid username. This value may contain only letters, \
                                 numbers, and @/./+/-/_ characters."
            .into(),
        Problem::NumericUsername => {
            "A username must contain at least one non-digit character.".into()
        }
        Problem::BadEmail => "Enter a valid email address.".into(),
        // Django's `AbstractUser.username` has its own text; other unique fields get the
        // model's generic one.
        Problem::Taken if field == "username" => "A user with that username already exists.".into(),
        Problem::Taken => format!("A user with this {field} already exists."),
        Problem::BadImage => "Enter a valid URL or a path starting with \"/\".".into(),
        Problem::AlreadyParticipant => "User is already a participant in this room.".into(),
        Problem::WrongPassword => "Your current password was entered incorrectly.".into(),
        Problem::WrongCode => "The code is wrong, expired or already used.".into(),
        Problem::TwoFactorOn => "Two-factor sign-in is already on; turn it off first.".into(),
        Problem::TwoFactorOff => "Two-factor sign-in is not on.".into(),
        Problem::CodesHeld { secs } => codes_held_words(*secs),
        Problem::BadResetLink => "This reset link is invalid, used or expired.".into(),
        Problem::BadDuration => {
            "Enter a duration: seconds, or a number followed by d, h or m (e.g. 7d).".into()
        }
        Problem::NotAChoice { value } => format!("\"{value}\" is not a valid choice."),
        Problem::Worded(why) => (*why).into(),
        Problem::TooSmall { min } => {
            format!("Ensure this value is greater than or equal to {min}.")
        }
    }
}

impl From<crate::store::StoreError> for ApiError {
    fn from(e: crate::store::StoreError) -> Self {
        match e {
            crate::store::StoreError::Busy | crate::store::StoreError::Retry => {
                ApiError::Overloaded
            }
            crate::store::StoreError::Internal(m) => ApiError::Internal(m),
            crate::store::StoreError::Unreachable(why) => ApiError::store_down(&why),
            crate::store::StoreError::Unique(name) => {
                ApiError::Internal(format!("unique constraint {name}"))
            }
        }
    }
}

impl From<crate::ratelimit::Limited> for ApiError {
    fn from(limited: crate::ratelimit::Limited) -> Self {
        ApiError::RateLimited(limited.0)
    }
}

impl From<crate::ratelimit::LoginRefusal> for ApiError {
    fn from(refusal: crate::ratelimit::LoginRefusal) -> Self {
        match refusal {
            crate::ratelimit::LoginRefusal::Wait(wait) => ApiError::RateLimited(wait),
            crate::ratelimit::LoginRefusal::Store(e) => ApiError::from(e),
        }
    }
}

impl From<std::io::Error> for ApiError {
    fn from(e: std::io::Error) -> Self {
        ApiError::Internal(format!("io: {e}"))
    }
}

/// Result alias used across natter.
pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::{allow_header, ApiError, SERVER_ERROR};
    use crate::domain::error::{Conflict, Error, Missing, Problem, Refusal};
    use warp::http::Method;

    #[test]
    fn the_domains_errors_get_the_words_the_surfaces_have_always_sent() {
        let fields = ApiError::from(Error::Invalid(vec![
            ("username", vec![Problem::Taken]),
            ("email", vec![Problem::Taken, Problem::BadEmail]),
            ("member_ids", vec![Problem::NoSuchObject { pk: 7 }]),
            ("content", vec![Problem::TooLong { max: 10 }]),
        ]));
        assert_eq!(
            fields.field_map(),
            Some(serde_json::json!({
                "username": ["A user with that username already exists."],
                "email": ["A user with this email already exists.", "Enter a valid email address."],
                "member_ids": ["Invalid pk \"7\" - object does not exist."],
                "content": ["Ensure this field has no more than 10 characters."],
            }))
        );
        let room = ApiError::from(Error::NotFound(Missing::Room));
        assert_eq!(
            (room.status(), room.to_string()),
            (404, "No Room matches the given query.".into())
        );
        let admin = ApiError::from(Error::Forbidden(Refusal::NotAdmin));
        assert_eq!(
            admin.to_string(),
            "You do not have permission to perform this action."
        );
        let full = ApiError::from(Error::Conflict(Conflict::RoomFull));
        assert_eq!((full.status(), full.code()), (400, "room_full"));
        let owner = ApiError::refused_as(
            Error::Forbidden(Refusal::NotOwner),
            Refusal::NotOwner,
            "Only the room owner can delete the room.",
        );
        assert_eq!(
            owner.to_string(),
            "Only the room owner can delete the room."
        );
        let other = ApiError::refused_as(
            Error::Forbidden(Refusal::NotParticipant),
            Refusal::NotOwner,
            "Only the room owner can delete the room.",
        );
        assert_eq!(other.to_string(), "You are not a participant in this room.");
        assert!(matches!(ApiError::from(Error::Busy), ApiError::Overloaded));
    }

    #[test]
    fn a_client_is_never_shown_an_internal_errors_detail() {
        let internal = ApiError::Internal("database: db error: FATAL: terminating".into());
        assert_eq!(internal.client_text(), SERVER_ERROR);
        let missing = ApiError::from(Error::NotFound(Missing::Room));
        assert_eq!(missing.client_text(), missing.to_string());
    }

    #[test]
    fn allow_is_written_in_djangos_order_with_head_beside_get() {
        assert_eq!(allow_header(&[Method::POST]), "POST, OPTIONS");
        assert_eq!(
            allow_header(&[Method::DELETE, Method::GET, Method::PATCH, Method::PUT]),
            "GET, PUT, PATCH, DELETE, HEAD, OPTIONS"
        );
        assert_eq!(
            allow_header(&[Method::GET, Method::HEAD]),
            "GET, HEAD, OPTIONS"
        );
    }
}
