//! The route table: every path natter answers, HTTP and socket, in one place. A path
//! yields a typed [`Route`] (ids parsed) and its [`Row`]: the surface that owns it, the
//! methods it accepts, how its caller authenticates, its error shape, and its rate limit.
//! The 405 and its `Allow`, the shape of errors met before routing (an oversized body,
//! two hosts, CSRF), the caller and the metrics label all come from the row.
//!
//! Matched by hand with slice patterns, in the order of the seeds' URL lists; a path a
//! surface mounts but does not serve is that surface's 404 (its row has no methods).
//!
//! One long file on purpose: it is the only place that says what a path is, and the
//! order of its arms is the order paths are matched in.

use crate::http::error::ApiError;
use crate::http::reply::ErrorStyle;
use crate::metrics::SurfaceName;
use crate::ratelimit::Limit;
use serde_json::json;
use warp::http::Method;

/// The methods a route accepts (HEAD is GET's, OPTIONS everyone's: neither is listed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Methods(u8);

/// One method a route can accept; anything else is always a 405.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// GET (and HEAD, which `api::answer` turns into GET).
    Get,
    /// POST.
    Post,
    /// PUT.
    Put,
    /// PATCH.
    Patch,
    /// DELETE.
    Delete,
}

impl Verb {
    const ALL: [(Verb, Method); 5] = [
        (Verb::Get, Method::GET),
        (Verb::Post, Method::POST),
        (Verb::Put, Method::PUT),
        (Verb::Patch, Method::PATCH),
        (Verb::Delete, Method::DELETE),
    ];

    /// The verb of `method`; `None` for OPTIONS, TRACE and the rest.
    pub fn of(method: &Method) -> Option<Verb> {
        Self::ALL.iter().find(|(_, m)| m == method).map(|(v, _)| *v)
    }

    const fn bit(self) -> u8 {
        1 << self as u8
    }

    /// The HTTP method.
    pub fn method(self) -> Method {
        Self::ALL[self as usize].1.clone()
    }

    /// The method's name in lower case, as OpenAPI keys an operation.
    pub fn lower(self) -> &'static str {
        match self {
            Verb::Get => "get",
            Verb::Post => "post",
            Verb::Put => "put",
            Verb::Patch => "patch",
            Verb::Delete => "delete",
        }
    }
}

impl Methods {
    /// No method: a path that is only a 404.
    pub const NONE: Methods = Methods(0);
    /// GET only.
    pub const GET: Methods = Methods(Verb::Get.bit());
    /// POST only.
    pub const POST: Methods = Methods(Verb::Post.bit());
    /// DELETE only.
    pub const DELETE: Methods = Methods(Verb::Delete.bit());
    /// A state that is set and cleared (an archived chat).
    pub const POST_DELETE: Methods = Methods(Verb::Post.bit() | Verb::Delete.bit());
    /// A collection: list and create.
    pub const GET_POST: Methods = Methods(Verb::Get.bit() | Verb::Post.bit());
    /// A thing that is read, made and removed (two-factor sign-in).
    pub const GET_POST_DELETE: Methods =
        Methods(Verb::Get.bit() | Verb::Post.bit() | Verb::Delete.bit());
    /// A thing that can be read and changed.
    pub const GET_PUT_PATCH: Methods =
        Methods(Verb::Get.bit() | Verb::Put.bit() | Verb::Patch.bit());
    /// A thing that can be read, partly changed and deleted.
    pub const GET_PATCH_DELETE: Methods =
        Methods(Verb::Get.bit() | Verb::Patch.bit() | Verb::Delete.bit());
    /// A thing that can be read, changed and deleted.
    pub const GET_PUT_PATCH_DELETE: Methods = Methods(Self::GET_PUT_PATCH.0 | Verb::Delete.bit());

    /// The verbs these are, in GET, POST, PUT, PATCH, DELETE order.
    pub fn verbs(self) -> impl Iterator<Item = Verb> {
        Verb::ALL
            .into_iter()
            .map(|(v, _)| v)
            .filter(move |v| self.0 & v.bit() != 0)
    }

    /// Whether `method` is one of these.
    pub fn has(self, method: &Method) -> bool {
        Verb::of(method).is_some_and(|v| self.0 & v.bit() != 0)
    }

    /// The 405 for `method` on a path that accepts these, with their `Allow`.
    pub fn refuse(self, method: &Method) -> ApiError {
        let accepted: Vec<Method> = Verb::ALL
            .iter()
            .filter(|(v, _)| self.0 & v.bit() != 0)
            .map(|(_, m)| m.clone())
            .collect();
        ApiError::method_not_allowed(method, &accepted)
    }
}

/// How `OPTIONS` on a route is answered (with the row's `Allow` either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Options {
    /// DRF's metadata body (`api::options`).
    Drf,
    /// Django's plain `View.options`: 200 and no body (the web client's files).
    Plain,
}

/// How the caller of a route must authenticate: a column of the route table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// Anyone (logins, registration, the web client's files): no credential is read,
    /// beyond the session CSRF check every unsafe request passes (`check_session_csrf`).
    Public,
    /// A signed-in user (Token, Bearer or session cookie); anonymous is 401 before the
    /// handler runs.
    User,
    /// A signed-in user, except for the methods listed, which are public
    /// (`/accounts/api/users/`: GET lists users, POST registers).
    UserExcept(Methods),
    /// A WebSocket upgrade: `?token=` too, and the session cookie only from an allowed
    /// origin (`socket_user`).
    Socket,
}

impl Auth {
    /// Whether a request with `method` must present a credential before its handler
    /// runs (what `dispatch` asks for, and what the OpenAPI document says).
    pub fn needs_caller(self, method: &Method) -> bool {
        match self {
            Auth::User => true,
            Auth::UserExcept(open) => !open.has(method),
            Auth::Public | Auth::Socket => false,
        }
    }
}

/// A route's row: everything about it except its handler.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    /// The metrics `surface` label.
    pub surface: SurfaceName,
    /// The shape of this path's errors, those met before routing included.
    pub style: ErrorStyle,
    /// What the path accepts; anything else is a 405 (before the caller is looked at).
    pub methods: Methods,
    /// How the caller must authenticate.
    pub auth: Auth,
    /// The rate limit every authenticated request counts against (the rooms surface's).
    pub throttle: Option<Limit>,
    /// How `OPTIONS` is answered.
    pub options: Options,
    /// The answer for an id segment that is not an id, once the caller is known.
    pub bad_id: fn() -> ApiError,
    /// natter's own route, not one of the five apps': its errors' `detail` may be worded
    /// in the language `Accept-Language` asks for. A seed's keeps its English, which its
    /// clients compare.
    pub own: bool,
}

/// What a path is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target<'a> {
    /// A route.
    Route(Route<'a>),
    /// A route whose id segment cannot be an id: the row's `bad_id`, after the 405 and
    /// the caller (a 401 comes before any id is looked at).
    BadId,
    /// Nothing here: 404 for every method, before anything else.
    NotFound,
}

/// Every route, with its path parameters typed (ids as `i64`; names borrowed from the
/// path). The variants read like the seeds' URL lists; `lookup` says which path is which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route<'a> {
    // The web client (`web::pages`).
    Index,
    Health,
    Static(String),
    DefaultAvatar,
    // Accounts of every surface (`surfaces::accounts`).
    Register,
    Login,
    Logout,
    Me,
    TokenForSession,
    Users {
        paged: bool,
    },
    User {
        user: i64,
    },
    AccountsUsers,
    JwtPair,
    JwtRefresh,
    SessionLogin,
    SessionLogout,
    // Chats, seed 001 (`surfaces::chats`).
    Chats,
    Chat {
        chat: i64,
    },
    ChatMessages {
        chat: i64,
    },
    MarkRead {
        chat: i64,
    },
    Typing {
        chat: i64,
    },
    AddMembers {
        chat: i64,
    },
    RemoveMember {
        chat: i64,
        user: i64,
    },
    ChatsMessage {
        message: i64,
    },
    React {
        message: i64,
    },
    SearchUsers,
    /// `/messages/api/search/`: one search across the caller's chats (a natter extension).
    SearchMessages,
    /// `/api/threads/`: the threads the caller follows (natter's, in the chats surface's
    /// shapes, whose messages they list).
    Threads,
    /// `/api/threads/{message}/`: the thread a message starts or is in.
    Thread {
        message: i64,
    },
    /// `/api/threads/{message}/follow/`: start (POST) or stop (DELETE) following it.
    ThreadFollow {
        message: i64,
    },
    /// `/api/threads/{message}/read/`: mark its replies read.
    ThreadRead {
        message: i64,
    },
    /// `/messages/api/messages/{message}/previews/{preview}/`: the sender takes a link
    /// preview off their message (natter's).
    LinkPreview {
        message: i64,
        preview: i64,
    },
    /// `/messages/api/link-previews/{key}/image/`: a preview's picture, natter's copy.
    LinkPreviewImage {
        key: &'a str,
    },
    /// `/messages/api/chats/{chat}/pins/`: the chat's pinned messages (GET) and who may
    /// pin there (PATCH), natter's.
    ChatPins {
        chat: i64,
    },
    /// `/messages/api/messages/{message}/pin/`: pin (POST) or unpin (DELETE), natter's.
    MessagePin {
        message: i64,
    },
    /// `/messages/api/saved/`: the caller's saved messages (GET) and saving one (POST).
    SavedMessages,
    /// `/messages/api/saved/{message}/`: one saved message, its reminder, unsaving it.
    SavedMessage {
        message: i64,
    },
    /// `/messages/api/groups/`: the user groups, making one.
    UserGroups,
    /// `/messages/api/groups/{group}/`: one user group, changing or removing it.
    UserGroup {
        group: i64,
    },
    /// `/messages/api/groups/{group}/members/`: adding people to a group.
    UserGroupMembers {
        group: i64,
    },
    /// `/messages/api/groups/{group}/members/{user}/`: taking one out.
    UserGroupMember {
        group: i64,
        user: i64,
    },
    /// `/messages/api/rooms/`: the rooms browser's list.
    RoomsBrowser,
    /// `/messages/api/chats/{chat}/archive/`: a group or room archived by its admins.
    ChatArchive {
        chat: i64,
    },
    /// `/messages/api/scheduled/`: the caller's messages sent later (GET), scheduling one
    /// (POST).
    ScheduledMessages,
    /// `/messages/api/scheduled/{id}/`: one of them, changing it, cancelling it.
    ScheduledMessage {
        id: i64,
    },
    /// `/messages/api/me/status/`: the caller's status (natter's).
    MyStatus,
    /// `/messages/api/me/quiet-hours/`: the caller's time zone, quiet hours and pause.
    MyQuietHours,
    /// `/messages/api/me/language/`: the language the caller chose, or none.
    MyLanguage,
    /// `/messages/api/statuses/`: everyone's status, quiet mark and local time.
    Statuses,
    /// `/messages/api/statuses/{user}/`: one person's.
    UserStatus {
        user: i64,
    },
    /// `/m/{chat}/{message}`: a message's permanent address, which opens the web client
    /// there.
    MessageLink {
        chat: i64,
        message: i64,
    },
    ChatsSocket,
    ChatSocket {
        chat: i64,
    },
    // Rooms, seed 003 (`surfaces::rooms`).
    Rooms,
    Room {
        room: i64,
    },
    Join {
        room: i64,
    },
    Leave {
        room: i64,
    },
    Participants {
        room: i64,
    },
    CallState {
        room: i64,
    },
    RoomMessages {
        room: i64,
    },
    Upload,
    File {
        file: i64,
    },
    Download {
        file: i64,
    },
    /// natter's: one of an image's thumbnails (`domain::uploads::thumbnails`).
    Thumbnail {
        file: i64,
        side: i64,
    },
    RoomSocket {
        room: i64,
    },
    /// `/api/messages/{id}/`, shared by rooms and inbox (`api::message_path`).
    Message {
        message: i64,
    },
    // DRF routers' roots of the other seed apps (`api::roots`).
    Root(ApiRoot),
    // Inbox, seed 000 (`surfaces::inbox`).
    ApiRoot,
    InboxMessages,
    UpdateMessage {
        message: i64,
    },
    DeleteMessage {
        message: i64,
    },
    InboxSocket {
        username: &'a str,
    },
    // Dm, seed 002 (`surfaces::dm`).
    DmChats,
    DmCreate,
    DmSocket {
        chat: i64,
    },
    // Messenger, seed 004 (`surfaces::messenger`).
    Profile,
    Posts,
    SearchUser,
    AddFriend,
    RemoveFriend,
    Chatrooms,
    UserChatrooms,
    ChatroomMessages {
        name: &'a str,
    },
    MessengerSocket {
        name: &'a str,
    },
    // natter's own account and administration API (`own::account`, `own::admin`).
    RegistrationMode,
    Account,
    AccountPassword,
    AccountTwoFactor,
    AccountTwoFactorConfirm,
    AccountSessions,
    AccountSession {
        id: &'a str,
    },
    AccountReset,
    /// `/api/account/export/`: the person's own data as a zip.
    AccountExport,
    /// `/api/account/forgot/`: mail a link to set a new password.
    AccountForgot,
    /// `/api/account/confirm-email/`: confirm one's address with the mailed link.
    AccountConfirmEmail,
    /// `/api/account/confirm-email/send/`: mail one's address another link.
    AccountConfirmEmailSend,
    /// `/api/mail/unsubscribe/`: the one-click end of mails about missed messages.
    MailUnsubscribe,
    /// The sign-in providers (`own::sign_in`).
    SignInProviders,
    /// A provider sign-in's second step: the account's own two-factor code.
    SignInCode,
    /// A Matrix app's single sign-on: the one-use token for the app the browser names.
    MatrixLoginToken,
    /// What natter's page shows of a Matrix app's waiting OAuth 2.0 sign-in.
    MatrixOauthSignIn {
        grant: &'a str,
    },
    /// To a provider's sign-in page.
    OidcStart {
        provider: &'a str,
    },
    /// Back from a provider.
    OidcCallback {
        provider: &'a str,
    },
    /// The providers linked to one's account.
    AccountIdentities,
    /// One of them, to unlink.
    AccountIdentity {
        provider: &'a str,
    },
    AdminPeople,
    AdminPerson {
        user: i64,
    },
    AdminPersonAction {
        user: i64,
        action: PersonAction,
    },
    AdminInvitations,
    AdminInvitation {
        invitation: i64,
    },
    AdminMessage {
        message: i64,
    },
    AdminChats,
    AdminChat {
        chat: i64,
    },
    AdminChatMember {
        chat: i64,
        user: i64,
    },
    AdminChatArchive {
        chat: i64,
    },
    /// A room every newcomer starts in (`POST`), or not (`DELETE`).
    AdminChatDefault {
        chat: i64,
    },
    /// The people directory.
    People,
    AdminAudit,
    Mentions,
    MentionsRead,
    /// natter's own calls: a chat's calls, or those going on now.
    Calls,
    /// ICE servers and TURN credentials for a caller's browser.
    CallIceServers,
    /// A way into the SFU room of a call the caller is in.
    CallSfu,
    NotifyLevels,
    NotifyLevel {
        chat: i64,
    },
    Push,
    PushSubscriptions,
    PushSubscription {
        id: i64,
    },
    /// Custom emoji (`own::emoji`).
    Emoji,
    EmojiOne {
        emoji: i64,
    },
    EmojiImage {
        emoji: i64,
    },
    // Bots (`own::bots`) and their Slack-style incoming webhooks (`own::hooks`).
    Bots,
    Bot {
        bot: i64,
    },
    BotKey {
        bot: i64,
    },
    BotChats {
        bot: i64,
    },
    BotChat {
        bot: i64,
        chat: i64,
    },
    Hook {
        token: &'a str,
    },
    // The OpenAPI document, Swagger UI over it, and the sockets' AsyncAPI (`api::schema`).
    Schema,
    SchemaDocs,
    AsyncApi,
}

/// A prefix where the seed app's DRF `DefaultRouter` (or a developer exploring it) finds a
/// map of its endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiRoot {
    /// `/messages/api/` (seed 001, which points readers at its browsable API there).
    Chats,
    /// `/accounts/api/` (seed 004).
    Accounts,
    /// `/profiles/api/` (seed 004).
    Profiles,
    /// `/messenger/api/` (seed 004).
    Messenger,
}

/// What an administrator does to a person (`/api/admin/users/{id}/{action}/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonAction {
    Deactivate,
    Reactivate,
    Promote,
    Demote,
    PasswordReset,
}

impl PersonAction {
    fn of(segment: &str) -> Option<PersonAction> {
        Some(match segment {
            "deactivate" => PersonAction::Deactivate,
            "reactivate" => PersonAction::Reactivate,
            "promote" => PersonAction::Promote,
            "demote" => PersonAction::Demote,
            "password-reset" => PersonAction::PasswordReset,
            _ => return None,
        })
    }
}

impl Route<'_> {
    /// Whether an answer of this route can hold a credential (a key, a JWT, a session
    /// cookie): such answers are `Cache-Control: no-store`, as Django's login and token
    /// views are `never_cache`, so no shared cache or back button keeps one.
    pub fn carries_credential(&self) -> bool {
        matches!(
            self,
            Route::Register
                | Route::Login
                | Route::TokenForSession
                | Route::AccountsUsers
                | Route::JwtPair
                | Route::JwtRefresh
                | Route::SessionLogin
                | Route::AccountPassword
                | Route::AccountTwoFactor
                | Route::AccountTwoFactorConfirm
                | Route::SignInCode
                | Route::MatrixLoginToken
                | Route::AccountSessions
                | Route::AdminPersonAction { .. }
                | Route::AdminInvitations
        )
    }
}

/// A row of `surface` in `style`, accepting `methods` from a signed-in caller.
const fn row(surface: SurfaceName, style: ErrorStyle, methods: Methods) -> Row {
    Row {
        surface,
        style,
        methods,
        auth: Auth::User,
        throttle: None,
        options: Options::Drf,
        bad_id: ApiError::not_found,
        own: false,
    }
}

impl Row {
    /// The same row, open to anyone.
    const fn public(self) -> Row {
        Row {
            auth: Auth::Public,
            ..self
        }
    }

    /// The same row as a socket upgrade.
    const fn socket(self) -> Row {
        Row {
            auth: Auth::Socket,
            ..self
        }
    }
}

use ErrorStyle::{Chats as ChatsShape, Drf, Rooms as RoomsShape, Slack};
use SurfaceName as S;

const WEB: Row = Row {
    options: Options::Plain,
    ..row(S::Web, Drf, Methods::GET).public()
};
const ACCOUNTS: Row = row(S::Accounts, Drf, Methods::POST);
const CHATS: Row = row(S::Chats, ChatsShape, Methods::NONE);
const ROOMS: Row = Row {
    throttle: Some(Limit::Api),
    ..row(S::Rooms, RoomsShape, Methods::NONE)
};
const INBOX: Row = row(S::Inbox, Drf, Methods::NONE);
const DM: Row = row(S::Dm, Drf, Methods::NONE);
const MESSENGER: Row = row(S::Messenger, Drf, Methods::NONE);
/// natter's own account and administration routes (counted with the accounts).
const OWN: Row = Row {
    own: true,
    ..row(S::Accounts, Drf, Methods::NONE)
};
/// natter's own routes beside the chats surface's, under its mount and in its shape
/// (pins, saved and scheduled messages, groups, statuses, search...).
const CHATS_OWN: Row = Row { own: true, ..CHATS };
/// Slack-style incoming webhooks: anyone with a token, answered in Slack's words.
const HOOKS: Row = Row {
    options: Options::Plain,
    ..row(S::Hooks, Slack, Methods::POST).public()
};
/// The Matrix client-server API, whose own router (`surfaces::matrix`) answers its
/// paths, 404s, 405s and `OPTIONS`.
const MATRIX: Row = Row {
    options: Options::Plain,
    ..row(S::Matrix, ErrorStyle::Matrix, Methods::NONE).public()
};
/// Where no surface claims a path.
const NOWHERE: Row = row(S::Other, Drf, Methods::NONE).public();

/// `base` accepting `methods`.
const fn with(base: Row, methods: Methods) -> Row {
    Row { methods, ..base }
}

/// A path id: digits that fit an `i64`.
fn id(raw: &str) -> Option<i64> {
    raw.parse().ok()
}

/// The segments of `path` as the table matches them: split at `/`, with the empty ones
/// (a repeated, leading or trailing slash) left out, so `//hooks/t/` is `/hooks/t`.
pub fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

/// The first segments of the paths whose next segment is a secret: a hook's token
/// (`/hooks/<token>`), an invitation code (`/join/<code>`) and a password-reset token
/// (`/reset/<token>`), and an address's confirmation token (`/confirm/<token>`).
/// `api::log_path` keeps them out of the access log.
pub const SECRET_AFTER: [&str; 4] = ["hooks", "join", "reset", "confirm"];

/// The route and row of `path`; `query` only decides the shape of `/api/users/`.
pub fn lookup<'a>(path: &'a str, query: &str) -> (Row, Target<'a>) {
    use Methods as M;
    use Route as R;
    let segs: Vec<&'a str> = segments(path).collect();
    // A route with one id segment, or `BadId`.
    let one = |raw: &str, make: fn(i64) -> Route<'a>| {
        id(raw).map_or(Target::BadId, |i| Target::Route(make(i)))
    };
    let one_with = |raw: &str, action: PersonAction, make: fn(i64, PersonAction) -> Route<'a>| {
        id(raw).map_or(Target::BadId, |i| Target::Route(make(i, action)))
    };
    let found = |row: Row, route: Route<'a>| (row, Target::Route(route));
    let none = |row: Row| (row, Target::NotFound);
    match segs.as_slice() {
        // The web client.
        [] => found(WEB, R::Index),
        ["healthz"] => found(WEB, R::Health),
        ["static", rest @ ..] if crate::web::files::has_static(&rest.join("/")) => {
            found(WEB, R::Static(rest.join("/")))
        }
        ["media", "user_images", "default.jpg"] => found(WEB, R::DefaultAvatar),
        // Join, reset and confirmation links open the web client, which reads the code
        // from the path.
        ["join" | "reset" | "confirm", _] => found(WEB, R::Index),
        ["m", c, m] => (
            WEB,
            match (id(c), id(m)) {
                (Some(chat), Some(message)) if chat > 0 && message > 0 => {
                    Target::Route(R::MessageLink { chat, message })
                }
                _ => Target::NotFound,
            },
        ),
        // The service worker (scope `/`) and the web app manifest live at the root.
        [file @ ("sw.js" | "manifest.webmanifest")] => found(WEB, R::Static((*file).to_string())),
        ["healthz" | "static" | "media", ..] => none(WEB),

        // The Matrix client-server API: `api::handle` hands it to its own surface
        // (`surfaces::matrix`) before this table is read; the row gives its metrics label
        // and the shape of errors met before routing.
        ["_matrix", ..] | [".well-known", "matrix", ..] => none(MATRIX),

        // Accounts (docs/api.md).
        ["api", "auth", "register"] => found(ACCOUNTS_ROOMS.public(), R::Register),
        ["api", "auth", "login"] => found(ACCOUNTS.public(), R::Login),
        ["api", "auth", "logout"] => found(ACCOUNTS_ROOMS, R::Logout),
        ["api", "auth", "me"] => found(with(ACCOUNTS_ROOMS, M::GET), R::Me),
        ["api", "auth", "providers"] => found(with(OWN, M::GET).public(), R::SignInProviders),
        ["api", "auth", "two-factor"] => found(with(OWN, M::POST).public(), R::SignInCode),
        ["api", "auth", "matrix", "login-token"] => found(with(OWN, M::POST), R::MatrixLoginToken),
        ["api", "auth", "matrix", "oauth", grant] => {
            found(with(OWN, M::GET), R::MatrixOauthSignIn { grant })
        }
        ["api", "token"] => found(with(ACCOUNTS, M::GET), R::TokenForSession),
        ["api", "users"] => {
            // The dm seed's bare list, or with `page`/`page_size` the rooms seed's page.
            let paged = form_urlencoded::parse(query.as_bytes())
                .any(|(k, _)| k == "page" || k == "page_size");
            let base = if paged { ACCOUNTS_ROOMS } else { ACCOUNTS };
            found(with(base, M::GET), R::Users { paged })
        }
        ["api", "users", u] => (
            with(ACCOUNTS_ROOMS, M::GET_PUT_PATCH),
            one(u, |user| R::User { user }),
        ),
        ["accounts", "api"] => found(with(ACCOUNTS, M::GET), R::Root(ApiRoot::Accounts)),
        ["accounts", "api", "users"] => found(
            Row {
                auth: Auth::UserExcept(M::POST),
                ..with(ACCOUNTS, M::GET_POST)
            },
            R::AccountsUsers,
        ),
        ["accounts", "api", "token"] => found(ACCOUNTS.public(), R::JwtPair),
        ["accounts", "api", "token", "refresh"] => found(ACCOUNTS.public(), R::JwtRefresh),
        ["accounts", "login"] => found(ACCOUNTS.public(), R::SessionLogin),
        ["accounts", "logout"] => found(ACCOUNTS, R::SessionLogout),
        ["accounts", ..] | ["api", "auth" | "token" | "users", ..] => none(ACCOUNTS.public()),

        // natter's own: who may join, one's own account, administration.
        ["api", "registration"] => found(with(OWN, M::GET).public(), R::RegistrationMode),
        ["api", "account"] => found(with(OWN, M::GET_PUT_PATCH), R::Account),
        ["api", "account", "password"] => found(with(OWN, M::POST), R::AccountPassword),
        ["api", "account", "two-factor"] => {
            found(with(OWN, M::GET_POST_DELETE), R::AccountTwoFactor)
        }
        ["api", "account", "two-factor", "confirm"] => {
            found(with(OWN, M::POST), R::AccountTwoFactorConfirm)
        }
        ["api", "account", "sessions"] => found(with(OWN, M::GET), R::AccountSessions),
        ["api", "account", "sessions", id] => found(with(OWN, M::DELETE), R::AccountSession { id }),
        ["api", "account", "reset"] => found(with(OWN, M::POST).public(), R::AccountReset),
        ["api", "account", "export"] => found(with(OWN, M::GET), R::AccountExport),
        ["api", "account", "forgot"] => found(with(OWN, M::POST).public(), R::AccountForgot),
        ["api", "account", "confirm-email"] => found(with(OWN, M::POST), R::AccountConfirmEmail),
        ["api", "account", "confirm-email", "send"] => {
            found(with(OWN, M::POST), R::AccountConfirmEmailSend)
        }
        ["api", "mail", "unsubscribe"] => {
            found(with(OWN, M::GET_POST).public(), R::MailUnsubscribe)
        }
        ["api", "account", "identities"] => found(with(OWN, M::GET), R::AccountIdentities),
        ["api", "account", "identities", provider] => {
            found(with(OWN, M::POST_DELETE), R::AccountIdentity { provider })
        }
        // Sign-in through an OpenID Connect provider: browser redirects, never JSON.
        ["auth", "oidc", provider, "start"] => found(WEB, R::OidcStart { provider }),
        ["auth", "oidc", provider, "callback"] => found(WEB, R::OidcCallback { provider }),
        ["auth", ..] => none(WEB),
        ["api", "admin", "users"] => found(with(OWN, M::GET), R::AdminPeople),
        ["api", "admin", "users", u] => (with(OWN, M::GET), one(u, |user| R::AdminPerson { user })),
        ["api", "admin", "users", u, action] => match PersonAction::of(action) {
            Some(action) => (
                with(OWN, M::POST),
                one_with(u, action, |user, action| R::AdminPersonAction {
                    user,
                    action,
                }),
            ),
            None => none(OWN.public()),
        },
        ["api", "admin", "invitations"] => found(with(OWN, M::GET_POST), R::AdminInvitations),
        ["api", "admin", "invitations", i] => (
            with(OWN, M::DELETE),
            one(i, |invitation| R::AdminInvitation { invitation }),
        ),
        ["api", "admin", "messages", m] => (
            with(OWN, M::DELETE),
            one(m, |message| R::AdminMessage { message }),
        ),
        ["api", "admin", "chats"] => found(with(OWN, M::GET), R::AdminChats),
        ["api", "admin", "chats", c] => {
            (with(OWN, M::DELETE), one(c, |chat| R::AdminChat { chat }))
        }
        ["api", "admin", "chats", c, "archive"] => (
            with(OWN, M::POST_DELETE),
            one(c, |chat| R::AdminChatArchive { chat }),
        ),
        ["api", "admin", "chats", c, "default"] => (
            with(OWN, M::POST_DELETE),
            one(c, |chat| R::AdminChatDefault { chat }),
        ),
        ["api", "people"] => found(with(OWN, M::GET), R::People),
        ["api", "admin", "chats", c, "members", u] => (
            with(OWN, M::DELETE),
            match (id(c), id(u)) {
                (Some(chat), Some(user)) => Target::Route(R::AdminChatMember { chat, user }),
                _ => Target::BadId,
            },
        ),
        ["api", "admin", "audit"] => found(with(OWN, M::GET), R::AdminAudit),
        ["api", "mentions"] => found(with(OWN, M::GET), R::Mentions),
        ["api", "calls"] => found(with(OWN, M::GET), R::Calls),
        ["api", "calls", "ice-servers"] => found(with(OWN, M::GET), R::CallIceServers),
        ["api", "calls", "sfu"] => found(with(OWN, M::POST), R::CallSfu),
        ["api", "mentions", "read"] => found(with(OWN, M::POST), R::MentionsRead),
        ["api", "notifications"] => found(with(OWN, M::GET), R::NotifyLevels),
        ["api", "notifications", c] => (
            with(OWN, M::GET_PUT_PATCH),
            one(c, |chat| R::NotifyLevel { chat }),
        ),
        ["api", "push"] => found(with(OWN, M::GET), R::Push),
        ["api", "push", "subscriptions"] => found(with(OWN, M::POST), R::PushSubscriptions),
        ["api", "push", "subscriptions", s] => (
            with(OWN, M::DELETE),
            one(s, |id| R::PushSubscription { id }),
        ),
        ["api", "emoji"] => found(with(OWN, M::GET_POST), R::Emoji),
        ["api", "emoji", e] => (with(OWN, M::DELETE), one(e, |emoji| R::EmojiOne { emoji })),
        ["api", "emoji", e, "image"] => {
            (with(OWN, M::GET), one(e, |emoji| R::EmojiImage { emoji }))
        }
        ["api", "bots"] => found(with(OWN, M::GET_POST), R::Bots),
        ["api", "bots", b] => (with(OWN, M::GET_PATCH_DELETE), one(b, |bot| R::Bot { bot })),
        ["api", "bots", b, "key"] => (with(OWN, M::POST), one(b, |bot| R::BotKey { bot })),
        ["api", "bots", b, "chats"] => (with(OWN, M::POST), one(b, |bot| R::BotChats { bot })),
        ["api", "bots", b, "chats", c] => (
            with(OWN, M::DELETE),
            match (id(b), id(c)) {
                (Some(bot), Some(chat)) => Target::Route(R::BotChat { bot, chat }),
                _ => Target::BadId,
            },
        ),
        // Threads: natter's, answered in the chats surface's shapes (its messages).
        ["api", "threads"] => found(with(CHATS_OWN, M::GET), R::Threads),
        ["api", "threads", m] => (
            with(CHATS_OWN, M::GET),
            one(m, |message| R::Thread { message }),
        ),
        ["api", "threads", m, "follow"] => (
            with(CHATS_OWN, M::POST_DELETE),
            one(m, |message| R::ThreadFollow { message }),
        ),
        ["api", "threads", m, "read"] => (
            with(CHATS_OWN, M::POST),
            one(m, |message| R::ThreadRead { message }),
        ),
        ["api", "threads", ..] => none(CHATS_OWN.public()),
        ["api", "schema"] => found(WEB, R::Schema),
        ["api", "schema", "docs"] => found(WEB, R::SchemaDocs),
        ["api", "schema", "asyncapi"] => found(WEB, R::AsyncApi),
        ["api", "schema", ..] => none(WEB),
        ["hooks", token] => found(HOOKS, R::Hook { token }),
        ["hooks", ..] => none(HOOKS),
        ["api", "account" | "admin" | "registration" | "mentions" | "notifications" | "push" | "bots", ..] => {
            none(OWN.public())
        }

        // Chats, seed 001, at `/messages/api/` and `/messages/ws/`.
        ["messages", "api"] => found(with(CHATS, M::GET), R::Root(ApiRoot::Chats)),
        ["messages", "api", rest @ ..] => match rest {
            ["chats"] => found(with(CHATS, M::GET_POST), R::Chats),
            ["chats", c] => (
                with(CHATS, M::GET_PUT_PATCH_DELETE),
                one(c, |chat| R::Chat { chat }),
            ),
            ["chats", c, "messages"] => (
                with(CHATS, M::GET_POST),
                one(c, |chat| R::ChatMessages { chat }),
            ),
            ["chats", c, "mark-as-read"] => {
                (with(CHATS, M::POST), one(c, |chat| R::MarkRead { chat }))
            }
            ["chats", c, "typing"] => (with(CHATS, M::POST), one(c, |chat| R::Typing { chat })),
            ["chats", c, "members", "add"] => {
                (with(CHATS, M::POST), one(c, |chat| R::AddMembers { chat }))
            }
            ["chats", c, "members", u, "remove"] => (
                with(CHATS, M::DELETE),
                match (id(c), id(u)) {
                    (Some(chat), Some(user)) => Target::Route(R::RemoveMember { chat, user }),
                    _ => Target::BadId,
                },
            ),
            ["messages", m] => (
                with(CHATS, M::GET_PUT_PATCH_DELETE),
                one(m, |message| R::ChatsMessage { message }),
            ),
            ["messages", m, "reactions"] => {
                (with(CHATS, M::POST), one(m, |message| R::React { message }))
            }
            ["messages", m, "previews", p] => (
                with(CHATS_OWN, M::DELETE),
                match (id(m), id(p)) {
                    (Some(message), Some(preview)) => {
                        Target::Route(R::LinkPreview { message, preview })
                    }
                    _ => Target::BadId,
                },
            ),
            ["link-previews", key, "image"] => {
                found(with(CHATS_OWN, M::GET), R::LinkPreviewImage { key })
            }
            ["chats", c, "pins"] => (
                with(CHATS_OWN, M::GET_PUT_PATCH),
                one(c, |chat| R::ChatPins { chat }),
            ),
            ["messages", m, "pin"] => (
                with(CHATS_OWN, M::POST_DELETE),
                one(m, |message| R::MessagePin { message }),
            ),
            ["saved"] => found(with(CHATS_OWN, M::GET_POST), R::SavedMessages),
            ["saved", m] => (
                with(CHATS_OWN, M::GET_PATCH_DELETE),
                one(m, |message| R::SavedMessage { message }),
            ),
            ["groups"] => found(with(CHATS_OWN, M::GET_POST), R::UserGroups),
            ["groups", g] => (
                with(CHATS_OWN, M::GET_PUT_PATCH_DELETE),
                one(g, |group| R::UserGroup { group }),
            ),
            ["groups", g, "members"] => (
                with(CHATS_OWN, M::POST),
                one(g, |group| R::UserGroupMembers { group }),
            ),
            ["groups", g, "members", u] => (
                with(CHATS_OWN, M::DELETE),
                match (id(g), id(u)) {
                    (Some(group), Some(user)) => Target::Route(R::UserGroupMember { group, user }),
                    _ => Target::BadId,
                },
            ),
            ["rooms"] => found(with(CHATS_OWN, M::GET), R::RoomsBrowser),
            ["chats", c, "archive"] => (
                with(CHATS_OWN, M::POST_DELETE),
                one(c, |chat| R::ChatArchive { chat }),
            ),
            ["scheduled"] => found(with(CHATS_OWN, M::GET_POST), R::ScheduledMessages),
            ["scheduled", i] => (
                with(CHATS_OWN, M::GET_PATCH_DELETE),
                one(i, |id| R::ScheduledMessage { id }),
            ),
            ["users", "search"] => found(with(CHATS, M::GET), R::SearchUsers),
            ["me", "status"] => found(with(CHATS_OWN, M::GET_PUT_PATCH_DELETE), R::MyStatus),
            ["me", "quiet-hours"] => found(with(CHATS_OWN, M::GET_PUT_PATCH), R::MyQuietHours),
            ["me", "language"] => found(with(CHATS_OWN, M::GET_PUT_PATCH), R::MyLanguage),
            ["statuses"] => found(with(CHATS_OWN, M::GET), R::Statuses),
            ["statuses", u] => (
                with(CHATS_OWN, M::GET),
                one(u, |user| R::UserStatus { user }),
            ),
            ["search"] => found(with(CHATS_OWN, M::GET), R::SearchMessages),
            _ => none(CHATS.public()),
        },
        ["messages", "ws"] => found(CHATS_SOCKET, R::ChatsSocket),
        ["messages", "ws", "chats", c] => (CHATS_SOCKET, one(c, |chat| R::ChatSocket { chat })),
        ["messages", "ws", ..] => none(CHATS_SOCKET.public()),

        // Rooms, seed 003.
        ["api", "rooms"] => found(with(ROOMS, M::GET_POST), R::Rooms),
        ["api", "rooms", r] => (
            with(ROOMS, M::GET_PUT_PATCH_DELETE),
            one(r, |room| R::Room { room }),
        ),
        ["api", "rooms", r, "join"] => (with(ROOMS, M::POST), one(r, |room| R::Join { room })),
        ["api", "rooms", r, "leave"] => (with(ROOMS, M::POST), one(r, |room| R::Leave { room })),
        ["api", "rooms", r, "participants"] => {
            (with(ROOMS, M::GET), one(r, |room| R::Participants { room }))
        }
        ["api", "rooms", r, "call-state"] => {
            (with(ROOMS, M::GET), one(r, |room| R::CallState { room }))
        }
        ["api", "rooms", r, "messages"] => (
            with(ROOMS, M::GET_POST),
            one(r, |room| R::RoomMessages { room }),
        ),
        ["api", "files", "upload"] => found(with(ROOMS, M::POST), R::Upload),
        ["api", "files", f] => (with(ROOMS, M::GET), one(f, |file| R::File { file })),
        ["api", "files", f, "download"] => {
            (with(ROOMS, M::GET), one(f, |file| R::Download { file }))
        }
        ["api", "files", f, "thumbnail", s] => (
            with(ROOMS, M::GET),
            match (id(f), id(s)) {
                (Some(file), Some(side)) => Target::Route(R::Thumbnail { file, side }),
                _ => Target::BadId,
            },
        ),
        ["api", "rooms" | "files", ..] => none(ROOMS.public()),
        ["ws", "room" | "call", r] => (ROOMS_SOCKET, one(r, |room| R::RoomSocket { room })),
        ["ws", "room" | "call", ..] => none(ROOMS_SOCKET.public()),

        // `/api/messages/{id}/`: rooms documents it, inbox routes its own messages there
        // (docs/api.md); the caller is known before the id is looked at.
        ["api", "messages", m] => (
            Row {
                bad_id: message_missing,
                ..with(row(S::Rooms, RoomsShape, M::NONE), M::GET_PUT_PATCH_DELETE)
            },
            one(m, |message| R::Message { message }),
        ),

        // Inbox, seed 000.
        ["api"] => found(with(INBOX, M::GET).public(), R::ApiRoot),
        ["api", "messages"] => found(with(INBOX, M::GET_POST), R::InboxMessages),
        ["api", "messages", m, "update_message"] => (
            with(INBOX, M::POST),
            one(m, |message| R::UpdateMessage { message }),
        ),
        ["api", "messages", m, "delete_message"] => (
            with(INBOX, M::DELETE),
            one(m, |message| R::DeleteMessage { message }),
        ),
        ["api", "messages", ..] => none(INBOX.public()),

        // Dm, seed 002.
        ["api", "chats"] => found(with(DM, M::GET), R::DmChats),
        ["api", "chats", "create"] => found(with(DM, M::POST), R::DmCreate),
        ["api", "chats", ..] => none(DM.public()),

        // `/ws/chat/{x}/` (docs/api.md): all digits is a dm chat id, anything else an
        // inbox username.
        ["ws", "chat", x] if all_digits(x) => (DM_SOCKET, one(x, |chat| R::DmSocket { chat })),
        ["ws", "chat", username] => found(INBOX_SOCKET, R::InboxSocket { username }),
        ["ws", "chat", x, ..] if all_digits(x) => none(DM_SOCKET.public()),
        ["ws", "chat", _, ..] => none(INBOX_SOCKET.public()),

        // Messenger, seed 004.
        ["profiles", "api"] => found(with(MESSENGER, M::GET), R::Root(ApiRoot::Profiles)),
        ["messenger", "api"] => found(with(MESSENGER, M::GET), R::Root(ApiRoot::Messenger)),
        ["profiles", "api", "profile"] => found(with(MESSENGER, M::GET_PUT_PATCH), R::Profile),
        ["profiles", "api", "posts"] => found(with(MESSENGER, M::GET_POST), R::Posts),
        ["profiles", "api", "search-user"] => found(with(MESSENGER, M::GET), R::SearchUser),
        ["profiles", "api", "add-friend"] => found(with(MESSENGER, M::POST), R::AddFriend),
        ["profiles", "api", "remove-friend"] => found(with(MESSENGER, M::POST), R::RemoveFriend),
        ["messenger", "api", "chatrooms"] => found(with(MESSENGER, M::GET_POST), R::Chatrooms),
        ["messenger", "api", "user", "chatrooms"] => {
            found(with(MESSENGER, M::GET), R::UserChatrooms)
        }
        ["messenger", "api", "chatrooms", name, "messages"] => {
            found(with(MESSENGER, M::GET_POST), R::ChatroomMessages { name })
        }
        ["messenger", "ws", "ws", "chat", name] => {
            found(MESSENGER_SOCKET, R::MessengerSocket { name })
        }
        ["profiles", "api", ..] | ["messenger", "api" | "ws", ..] => none(MESSENGER.public()),

        _ => none(NOWHERE),
    }
}

/// The account endpoints that seed 003 documents, in its error shape.
const ACCOUNTS_ROOMS: Row = row(S::Accounts, RoomsShape, Methods::POST);
/// Socket upgrades answer refusals in DRF's shape, whichever the surface.
const CHATS_SOCKET: Row = row(S::Chats, Drf, Methods::GET).socket();
const ROOMS_SOCKET: Row = row(S::Rooms, Drf, Methods::GET).socket();
const INBOX_SOCKET: Row = row(S::Inbox, Drf, Methods::GET).socket();
const DM_SOCKET: Row = row(S::Dm, Drf, Methods::GET).socket();
const MESSENGER_SOCKET: Row = row(S::Messenger, Drf, Methods::GET).socket();

fn all_digits(x: &str) -> bool {
    x.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `path` is the Matrix surface's, told from its first two
/// segments only: asked of every request before anything else is looked at.
pub fn is_matrix(path: &str) -> bool {
    let mut segs = segments(path);
    matches!(
        (segs.next(), segs.next()),
        (Some("_matrix"), _) | (Some(".well-known"), Some("matrix"))
    )
}

/// Whether `path` is the Matrix media repository's upload (`/_matrix/media/*/upload`),
/// whose body may be as large as `--max-upload-mb`.
pub fn is_matrix_upload(path: &str) -> bool {
    let mut segs = segments(path);
    segs.next() == Some("_matrix")
        && segs.next() == Some("media")
        && segs.next().is_some()
        && segs.next() == Some("upload")
}

/// The row of `path`: the metrics label and the shape of errors met before routing.
pub fn row_of(path: &str, query: &str) -> Row {
    lookup(path, query).0
}

/// The one answer for a message that is missing, deleted, or not the caller's to see,
/// whichever surface would have served it (and for an id that is not one: the route
/// table's `bad_id` of `/api/messages/{id}/`).
pub fn message_missing() -> ApiError {
    ApiError::verbatim(
        404,
        json!({
            "error": "not_found",
            "message": "No Message matches the given query.",
            "details": {},
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::SurfaceName::*;

    /// Each place [`SECRET_AFTER`] names is a route whose next segment is its secret.
    #[test]
    fn each_place_of_a_secret_routes_with_the_secret_after_it() {
        for place in SECRET_AFTER {
            let path = format!("//{place}/s3cret/");
            let (_, target) = lookup(&path, "");
            assert!(
                matches!(
                    target,
                    Target::Route(Route::Hook { token: "s3cret" } | Route::Index)
                ),
                "{path}: {target:?}"
            );
        }
    }

    #[test]
    fn every_surface_is_named_by_the_prefixes_it_routes_on() {
        for (path, surface) in [
            ("/", Web),
            ("/healthz", Web),
            ("/static/app.js", Web),
            ("/media/user_images/default.jpg", Web),
            ("/api/auth/login/", Accounts),
            ("/api/token/", Accounts),
            ("/api/users/3/", Accounts),
            ("/accounts/api/token/refresh/", Accounts),
            ("/messages/api/chats/1/messages/", Chats),
            ("/messages/ws/chats/1/", Chats),
            ("/api/rooms/1/messages/", Rooms),
            ("/api/files/upload/", Rooms),
            ("/ws/call/1/", Rooms),
            ("/api/messages/7/", Rooms),
            ("/api/", Inbox),
            ("/api/messages/", Inbox),
            ("/api/messages/7/update_message/", Inbox),
            ("/ws/chat/bob/", Inbox),
            ("/api/chats/create/", Dm),
            ("/ws/chat/12/", Dm),
            ("/profiles/api/posts/", Messenger),
            ("/messenger/api/chatrooms/", Messenger),
            ("/messenger/ws/ws/chat/lobby/", Messenger),
            ("/_matrix/client/v3/sync", Matrix),
            ("/.well-known/matrix/client", Matrix),
            ("/wp-login.php", Other),
        ] {
            assert_eq!(row_of(path, "").surface, surface, "{path}");
        }
    }

    #[test]
    fn ids_are_typed_and_a_bad_one_is_known_as_such() {
        assert_eq!(
            lookup("/messages/api/chats/4/members/9/remove/", "").1,
            Target::Route(Route::RemoveMember { chat: 4, user: 9 })
        );
        assert_eq!(lookup("/api/rooms/x/join/", "").1, Target::BadId);
        assert_eq!(lookup("/api/rooms/1/nope/", "").1, Target::NotFound);
        assert_eq!(
            lookup("/ws/chat/99999999999999999999/", "").1,
            Target::BadId
        );
    }

    #[test]
    fn the_users_list_takes_the_shape_of_the_seed_its_query_names() {
        assert_eq!(lookup("/api/users/", "").0.style, ErrorStyle::Drf);
        assert_eq!(lookup("/api/users/", "page=2").0.style, ErrorStyle::Rooms);
    }
}
