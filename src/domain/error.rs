//! The domain's own error: what went wrong in the rules' terms (not found, forbidden
//! with a typed reason, invalid with field codes, conflict), never in a surface's words.
//! Each surface turns it into its own sentences and shape (`crate::http::error` gives the
//! DRF wording most of them share; a surface that words a case differently maps it
//! itself), so no surface has to read the domain's text back.

use crate::store::StoreError;

/// What a domain function returns.
pub type Result<T> = std::result::Result<T, Error>;

/// Everything the domain can refuse or fail with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The thing does not exist, or the caller may not know that it does.
    #[error("not found: {0:?}")]
    NotFound(Missing),
    /// A known caller may not do this, for the given reason.
    #[error("forbidden: {0:?}")]
    Forbidden(Refusal),
    /// Input that breaks a field's rule: each field with its problems, in the order the
    /// fields were checked.
    #[error("invalid input: {0:?}")]
    Invalid(Fields),
    /// The chat's current state does not allow the change.
    #[error("conflict: {0:?}")]
    Conflict(Conflict),
    /// An upload over the configured size limit.
    #[error("upload too large")]
    TooLarge,
    /// No room for an upload: the uploader's quota, or the server's disk.
    #[error("no room for the upload: {0:?}")]
    StorageFull(NoRoom),
    /// The store could not take the work now; the caller may retry.
    #[error("the database is busy")]
    Busy,
    /// The database cannot be reached now; the caller may retry in a moment. The text
    /// is for the log only.
    #[error("the database cannot be reached: {0}")]
    Unreachable(String),
    /// Too many failed attempts (logins, password checks): this many seconds to wait.
    #[error("too many attempts: wait {0} s")]
    Throttled(u64),
    /// Our fault (the database, the disk, a task). Logged, never shown.
    #[error("{0}")]
    Internal(String),
}

/// What was not found (surfaces name some of them in their 404s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// A chat, or one the caller is not a member of.
    Chat,
    /// A message, or one in a chat the caller is not in.
    Message,
    /// The caller's own account (gone while the request ran).
    Caller,
    /// Another user, named by id (unknown or inactive).
    User,
    /// The user to remove is not a member of the chat.
    Member,
    /// A room (unknown, another kind of chat, or private and the caller not in it).
    Room,
    /// A file, or one the caller may not read.
    File,
    /// A file's record exists but its bytes are gone from the media folder.
    FileContent,
    /// An invitation, by id.
    Invitation,
    /// One of the caller's own sessions or keys, by its listed id.
    Session,
    /// One of the caller's own push subscriptions, by id.
    PushSubscription,
    /// A bot, by id (or a person's id where a bot's is wanted).
    Bot,
    /// A sign-in provider linked to the caller's account, by name.
    Identity,
    /// A custom emoji, by id.
    Emoji,
    /// A user group, by id.
    UserGroup,
}

/// Why a known caller was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The action needs the chat's admin role.
    NotAdmin,
    /// The room can be seen but the caller is not a participant.
    NotParticipant,
    /// Only the room's owner (its creator, still a participant) may do this.
    NotOwner,
    /// Only a message's sender may edit or delete it.
    NotSender,
    /// `--registration closed`: nobody may register.
    RegistrationClosed,
    /// `--registration invite` and no invitation code given.
    InvitationNeeded,
    /// The invitation code is one natter never made (or, where it cannot say more,
    /// otherwise unusable).
    InvitationInvalid,
    /// The invitation was used as many times as it allows.
    InvitationUsedUp,
    /// The invitation's time ran out.
    InvitationExpired,
    /// An administrator revoked the invitation.
    InvitationRevoked,
    /// Only the server's administrators may do this.
    NotServerAdmin,
    /// An administrator archived the chat: it is read, never posted in.
    ChatArchived,
    /// `--two-factor-for-admins`: an administrator without two-factor sign-in.
    TwoFactorNeeded,
    /// `--password-sign-in admins`: people sign up through a provider, not a password.
    PasswordSignUpOff,
    /// `--refuse-encryption`: no encrypted rooms or messages on this server.
    EncryptionRefused,
}

/// Why an upload finds no room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoRoom {
    /// The uploader's files would take more than `--storage-quota-mb`: bytes they use
    /// now, the upload's and the quota's.
    Quota { used: i64, upload: i64, quota: i64 },
    /// The upload would leave less free disk than `--min-free-disk-mb`.
    Disk,
}

/// Each field with its problems, in the order the fields were checked.
pub type Fields = Vec<(&'static str, Vec<Problem>)>;

/// What is wrong with one field's value, as a code: the surface words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Absent.
    Required,
    /// Empty or only white space.
    Blank,
    /// More than `max` characters.
    TooLong { max: usize },
    /// Fewer than `min` characters.
    TooShort { min: usize },
    /// A search of more than `max` distinct words.
    TooManyWords { max: usize },
    /// Names an object (by primary key) that does not exist.
    NoSuchObject { pk: i64 },
    /// Names a file id that does not exist.
    NoSuchFile { id: i64 },
    /// Names a file the caller did not upload.
    NotYourFile,
    /// An upload with no bytes.
    EmptyFile,
    /// A username with characters outside letters, digits and `@.+-_`.
    BadUsername,
    /// A username made only of digits (it would read as an id).
    NumericUsername,
    /// Not an email address.
    BadEmail,
    /// Another account already has this value (username, email).
    Taken,
    /// An image that is neither a path from `/` nor an `http(s)://` URL.
    BadImage,
    /// Joining a room the caller is already in.
    AlreadyParticipant,
    /// The current password given does not match.
    WrongPassword,
    /// A two-factor code (or recovery code) that is wrong, expired or used already.
    WrongCode,
    /// Two-factor sign-in is already on (turn it off first to start again).
    TwoFactorOn,
    /// Two-factor sign-in is not on (or not being set up).
    TwoFactorOff,
    /// Too many wrong two-factor codes in a row: six-digit codes are not checked for
    /// `secs` more seconds (`None`: until a recovery code or a new password).
    CodesHeld { secs: Option<u64> },
    /// A password reset link that is unknown, used or expired.
    BadResetLink,
    /// A duration that is not `N` seconds or `Nd`, `Nh`, `Nm`.
    BadDuration,
    /// A whole number below `min`.
    TooSmall { min: i64 },
    /// A value outside the field's choices.
    NotAChoice { value: String },
    /// A value whose check words its own sentence: a push subscription's endpoint or keys
    /// that natter will not push to, a webhook URL it will not call.
    Worded(&'static str),
}

/// A change the chat's state does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    /// The room has as many participants as it allows.
    RoomFull,
    /// Direct chats keep their two members: none can be added.
    AddToDirect,
    /// Direct chats keep their two members: none can be removed.
    RemoveFromDirect,
    /// The change would leave the server without an active administrator.
    LastAdmin,
    /// An administrator may not deactivate or demote themself.
    OwnAccount,
    /// A direct chat is never removed as a whole (its messages can be).
    RemoveDirect,
    /// A bot never signs in: it gets no password (its key is rotated instead).
    BotPassword,
    /// A bot never signs in, so it cannot administer the server.
    BotAdmin,
    /// A deactivated account joins no chat until it is reactivated.
    Deactivated,
    /// Only groups and rooms are archived.
    ArchiveDirect,
    /// Unlinking the last sign-in provider of an account with no password would leave
    /// no way in.
    LastWayIn,
    /// Only rooms are the ones every newcomer starts in.
    DefaultNotRoom,
}

impl Error {
    /// An `Invalid` error on one field.
    pub fn field(name: &'static str, problem: Problem) -> Self {
        Error::Invalid(vec![(name, vec![problem])])
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Busy => Error::Busy,
            StoreError::Internal(m) => Error::Internal(m),
            // Where a unique index can be raced, the domain maps it itself first; one that
            // reaches here is a conflict it did not expect.
            StoreError::Unique(name) => Error::Internal(format!("unique constraint {name}")),
            StoreError::Retry => Error::Busy,
            StoreError::Unreachable(why) => Error::Unreachable(why),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Internal(format!("io: {e}"))
    }
}

impl From<crate::ratelimit::LoginRefusal> for Error {
    fn from(refusal: crate::ratelimit::LoginRefusal) -> Error {
        match refusal {
            crate::ratelimit::LoginRefusal::Wait(wait) => Error::Throttled(wait),
            crate::ratelimit::LoginRefusal::Store(e) => Error::from(e),
        }
    }
}
