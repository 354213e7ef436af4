//! The descriptions of the own surface's routes (see `schema::doc` for the builders):
//! who may join, one's own account, administration, mentions, notification levels and
//! Web Push, all in DRF's shape (`own::account`, `admin`, `mentions`,
//! `notify_levels`, `push`).
//!
//! Long because the API is: one description per route, in the route table's order.
use crate::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "natter";

/// A positive integer, as the paged lists read `page_size` and mentions `before`.
fn positive() -> Value {
    json!({ "type": "integer", "minimum": 1 })
}

/// A new password: 8 characters at least, 1,024 bytes at most.
fn new_password() -> Value {
    json!({ "type": "string", "minLength": 8 })
}

/// `{"id", "username"}`: who made or did something.
fn user_ref() -> Value {
    r("OwnUserRef")
}

/// This surface's named schemas, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![
        (
            "OwnUserRef",
            object(
                &["id", "username"],
                json!({ "id": id(), "username": string() }),
            ),
        ),
        (
            "OwnAccount",
            object(
                &[
                    "id",
                    "username",
                    "email",
                    "display_name",
                    "is_admin",
                    "date_joined",
                    "last_seen",
                    "email_confirmed",
                    "storage_used_bytes",
                    "storage_quota_bytes",
                    "matrix_id",
                ],
                json!({
                    "id": id(),
                    "username": string(),
                    "email": { "type": "string", "description": "`\"\"` when none is set." },
                    "email_confirmed": { "type": "boolean", "description": "Whether the address was confirmed (its link, a reset link mailed to it, a provider's verified claim, the operator, or an import that made the account)." },
                    "display_name": string(),
                    "is_admin": boolean(),
                    "date_joined": datetime(),
                    "last_seen": nullable(datetime()),
                    "storage_used_bytes": { "type": "integer", "description": "The bytes of one's uploads (profile images too)." },
                    "storage_quota_bytes": nullable(json!({ "type": "integer", "description": "`--storage-quota-mb` in bytes; `null` when there is no limit." })),
                    "matrix_id": { "type": "string", "description": "The id Matrix apps know the person by: `@<localpart>:<server name>`, the localpart the username's caseless key with other bytes written `=xx`." },
                }),
            ),
        ),
        (
            "OwnPerson",
            object(
                &[
                    "id",
                    "username",
                    "email",
                    "display_name",
                    "is_active",
                    "is_admin",
                    "date_joined",
                    "last_seen",
                    "storage_bytes",
                    "email_confirmed",
                ],
                json!({
                    "id": id(),
                    "username": string(),
                    "email": string(),
                    "email_confirmed": { "type": "boolean", "description": "Whether the address was confirmed; an unconfirmed one gets no mail carrying anyone's words and is matched by no import or sign-in." },
                    "display_name": string(),
                    "is_active": boolean(),
                    "is_admin": boolean(),
                    "date_joined": datetime(),
                    "last_seen": nullable(datetime()),
                    "storage_bytes": { "type": "integer", "description": "The bytes of the person's uploads." },
                }),
            ),
        ),
        (
            "OwnSignIn",
            object(
                &["id", "kind", "created_at", "current"],
                json!({
                    "id": { "type": "string", "description": "16 hex digits of the stored hash: names it, cannot sign in." },
                    "kind": { "type": "string", "enum": ["session", "token"] },
                    "created_at": nullable(datetime()),
                    "current": { "type": "boolean", "description": "Whether this request came with it." },
                }),
            ),
        ),
        (
            "OwnInvitation",
            object(
                &[
                    "id",
                    "code",
                    "link",
                    "max_uses",
                    "uses",
                    "expires_at",
                    "created_at",
                    "created_by",
                    "revoked",
                    "valid",
                ],
                json!({
                    "id": id(),
                    "code": string(),
                    "link": { "type": "string", "format": "uri", "description": "`<origin>/join/<code>`." },
                    "max_uses": nullable(integer()),
                    "uses": integer(),
                    "expires_at": nullable(datetime()),
                    "created_at": datetime(),
                    "created_by": nullable(user_ref()),
                    "revoked": boolean(),
                    "valid": { "type": "boolean", "description": "Whether a sign-up could use it now." },
                }),
            ),
        ),
        (
            "OwnAuditEntry",
            object(
                &["id", "at", "actor", "action", "target", "detail", "names"],
                json!({
                    "id": id(),
                    "at": datetime(),
                    "actor": { "anyOf": [user_ref(), { "type": "null" }], "description": "null: the operator's command line." },
                    "action": { "type": "string", "description": "`invitation.create`, `user.deactivate`, `bot.create`, ..." },
                    "target": { "type": "string", "description": "`user:<id> <username>`, `chat:<id>`, ..." },
                    "detail": { "type": "object" },
                    "names": {
                        "type": "object",
                        "description": "What the entry is about, by name, as far as it is known: `user` (the person acted on), `chat` (`{id, kind, title}`, removed chats too) and `sender` (a removed message's). People are `{id, username, display_name, is_active}`.",
                        "properties": {
                            "user": { "type": "object" },
                            "chat": { "type": "object" },
                            "sender": { "type": "object" }
                        }
                    },
                }),
            ),
        ),
        (
            "OwnMention",
            object(
                &[
                    "message_id",
                    "chat_id",
                    "sender",
                    "content",
                    "created_at",
                    "read",
                    "thread_id",
                    "reply_to",
                ],
                json!({
                    "message_id": id(),
                    "chat_id": id(),
                    "sender": nullable(object(
                        &["id", "username", "display_name"],
                        json!({ "id": id(), "username": string(), "display_name": string() }),
                    )),
                    "content": string(),
                    "created_at": datetime(),
                    "read": boolean(),
                    "thread_id": nullable(json!({ "type": "integer", "format": "int64", "description": "The thread the message is a reply in, if any." })),
                    "reply_to": nullable(json!({ "type": "integer", "format": "int64", "description": "The message it replies to (the one its quote line names), if any." })),
                }),
            ),
        ),
        (
            "OwnNotifyLevel",
            object(
                &["chat_id", "level", "default", "chosen", "unread_mentions"],
                json!({
                    "chat_id": id(),
                    "level": { "type": "string", "enum": ["all", "mentions", "off"], "description": "What applies." },
                    "default": { "type": "string", "enum": ["all", "mentions"] },
                    "chosen": { "type": "boolean", "description": "Set by the caller rather than the default." },
                    "unread_mentions": integer(),
                }),
            ),
        ),
        (
            "OwnPushSubscription",
            object(
                &["id", "endpoint", "created_at"],
                json!({ "id": id(), "endpoint": string(), "created_at": datetime() }),
            ),
        ),
    ]
}

/// `RegistrationMode`.
pub fn registration_mode() -> Doc {
    http(
        TAG,
        vec![get("Who may sign up here (`--registration`).").ok(
            200,
            object(
                &["mode", "mail", "first_admin_pending"],
                json!({
                    "mode": { "type": "string", "enum": ["open", "invite", "closed"] },
                    "mail": { "type": "boolean" },
                    "first_admin_pending": { "type": "boolean" },
                }),
            ),
        )],
    )
}

/// `Account`.
pub fn account() -> Doc {
    let changes = object(
        &[],
        json!({
            "email": { "type": "string", "format": "email" },
            "display_name": { "type": "string", "maxLength": 150 },
        }),
    );
    let update = |op: Op| {
        op.optional_body(changes.clone())
            .ok(200, r("OwnAccount"))
            .err(
                400,
                "A field is not valid: a blank or malformed email, one another account holds, a display name over 150 characters.",
            )
    };
    http(
        TAG,
        vec![
            get("The caller's own account.").ok(200, r("OwnAccount")),
            update(put("Changes the caller's email and/or display name.")),
            update(patch("Changes the caller's email and/or display name.")),
        ],
    )
}

/// `AccountPassword`.
pub fn account_password() -> Doc {
    http(
        TAG,
        vec![post(
            "Changes the caller's password; every other session, key, JWT and socket of theirs ends.",
        )
        .body(object(
            &["new_password"],
            json!({
                "current_password": { "type": "string", "description": "Required, except for an account a sign-in provider made that has no password yet." },
                "new_password": new_password(),
            }),
        ))
        .ok(
            200,
            object(
                &["detail", "ended"],
                json!({
                    "detail": string(),
                    "ended": { "type": "integer", "description": "How many other sessions and keys ended." },
                    "refresh": { "type": "string", "description": "A fresh JWT pair, for a caller who came with a JWT." },
                    "access": string(),
                }),
            ),
        )
        .err(
            400,
            "The current password is wrong, or the new one is not acceptable.",
        )
        .err(
            429,
            "Too many wrong passwords for this account (10 a minute, counted with its failed sign-ins); `Retry-After` says when.",
        )],
    )
}

/// `AccountTwoFactor`.
pub fn account_two_factor() -> Doc {
    http(
        TAG,
        vec![
            get("Whether the caller's sign-in asks for a code from an authenticator app, how many recovery codes are left, and whether the operator requires it of them (administrators, with `--two-factor-for-admins`).")
                .ok(
                    200,
                    object(
                        &["enabled", "recovery_codes_left", "required"],
                        json!({
                            "enabled": { "type": "boolean" },
                            "recovery_codes_left": { "type": "integer" },
                            "required": { "type": "boolean" },
                        }),
                    ),
                ),
            post("Starts setting up two-factor sign-in: a new secret (RFC 6238: SHA-1, 6 digits, 30 s), shown this once as text, as an `otpauth://` URL and as a QR code (SVG). Sign-in asks for codes only once `confirm/` has taken one.")
                .body(object(&["current_password"], json!({ "current_password": string() })))
                .ok(
                    201,
                    object(
                        &["secret", "otpauth_url", "qr_svg"],
                        json!({
                            "secret": { "type": "string", "description": "Base32, for typing into the app." },
                            "otpauth_url": string(),
                            "qr_svg": { "type": "string", "description": "The URL as a QR code, an SVG document." },
                        }),
                    ),
                )
                .err(400, "The current password is wrong, or two-factor sign-in is already on.")
                .err(429, "Too many wrong passwords for this account; `Retry-After` says when."),
            delete("Turns two-factor sign-in off, with the password and a code from the app (or a recovery code).")
                .body(object(
                    &["current_password", "otp"],
                    json!({ "current_password": string(), "otp": string() }),
                ))
                .empty(204)
                .err(400, "The current password or the code is wrong, or two-factor sign-in is not on.")
                .err(429, "Too many wrong passwords for this account; `Retry-After` says when."),
        ],
    )
}

/// `AccountTwoFactorConfirm`.
pub fn account_two_factor_confirm() -> Doc {
    http(
        TAG,
        vec![post("Turns two-factor sign-in on with a code from the app, which proves it holds the secret. The answer holds ten one-time recovery codes, shown this once; each signs in once in place of a code.")
            .body(object(&["otp"], json!({ "otp": string() })))
            .ok(
                200,
                object(
                    &["enabled", "recovery_codes"],
                    json!({
                        "enabled": { "type": "boolean" },
                        "recovery_codes": { "type": "array", "items": string() },
                    }),
                ),
            )
            .err(400, "The code is wrong or expired, or no setup was started, or two-factor sign-in is on already.")],
    )
}

/// `AccountSessions`.
pub fn account_sessions() -> Doc {
    http(
        TAG,
        vec![
            get("The caller's browser sessions and keys (JWTs are not stored, so not listed).")
                .ok(200, list(r("OwnSignIn"))),
        ],
    )
}

/// `AccountSession`.
pub fn account_session() -> Doc {
    http(
        TAG,
        vec![
            delete("Ends one of the caller's sessions or keys; its sockets close.")
                .empty(204)
                .err(404, "No session or key of the caller's has this id.")
                .never(400),
        ],
    )
}

/// `AccountReset`.
pub fn account_forgot() -> Doc {
    http(
        TAG,
        vec![post(
            "Mails a link to set a new password to the account a username or email names; the same answer, at once, whether or not it exists.",
        )
        .body(object(&["login"], json!({ "login": { "type": "string", "description": "A username or an email address." } })))
        .ok(202, object(&["detail"], json!({ "detail": string() })))
        .err(400, "No `login`, or this server sends no mail (`detail` says so).")
        .err(429, "Asked too often from this network (5 a minute); `Retry-After` says when to try again.")],
    )
}

/// `/api/account/confirm-email/`.
pub fn account_confirm_email() -> Doc {
    http(
        TAG,
        vec![post(
            "Confirms the caller's address with the link mailed to it (once, within 48 hours, for the account and address it was mailed for).",
        )
        .body(object(&["token"], json!({ "token": { "type": "string", "description": "The link's token." } })))
        .ok(200, r("OwnAccount"))
        .err(400, "The link is invalid, used, expired, another account's, or for an address the account no longer has.")
        .err(429, "Too many failed attempts from this network (the failed-login limit); `Retry-After` says when to try again.")],
    )
}

/// `/api/account/confirm-email/send/`.
pub fn account_confirm_email_send() -> Doc {
    http(
        TAG,
        vec![post("Mails the caller's unconfirmed address a new confirmation link (at most one a minute).")
            .ok(202, object(&["detail"], json!({ "detail": string() })))
            .err(400, "Mail is off, the address is confirmed already or missing, or a link went out less than a minute ago.")],
    )
}

/// `/api/account/export/`.
pub fn account_export() -> Doc {
    http(
        TAG,
        vec![get("The caller's own data as a zip: account.json, chats.json, messages.json, files.json and the files they uploaded (up to 200 MiB in all; the rest as links)")
            .answers(200, "The zip (`Content-Disposition: attachment`).", Content::Bytes)
            .err(429, "An export of the caller's is under way, or as many as the server makes at once (`--exports-at-once`); `Retry-After` says when to try again.")],
    )
}

/// `/api/mail/unsubscribe/`.
pub fn mail_unsubscribe() -> Doc {
    let person = json!({ "type": "integer", "format": "int64", "description": "The person, from the mail's link." });
    let token = json!({ "type": "string", "description": "The link's token." });
    http(
        TAG,
        vec![
            get("A page that turns off mails about missed messages with one button (the link in every such mail)")
                .query_required("u", person.clone())
                .query_required("t", token.clone())
                .answers(200, "The page, with its button.", Content::Html)
                .answers(400, "A link that is not natter's, as a page.", Content::Html),
            post("Turns off mails about missed messages: RFC 8058's one-click unsubscribe, no sign-in")
                .query_required("u", person)
                .query_required("t", token)
                .answers(200, "Done, as a page.", Content::Html)
                .answers(400, "A link that is not natter's, as a page.", Content::Html),
        ],
    )
}

/// `/api/account/reset/`.
pub fn account_reset() -> Doc {
    http(
        TAG,
        vec![post(
            "Sets a password through a reset link (once, within 24 hours); every session, key, JWT and socket of that person ends.",
        )
        .body(object(
            &["token", "new_password"],
            json!({ "token": string(), "new_password": new_password() }),
        ))
        .ok(
            200,
            object(
                &["detail", "username"],
                json!({ "detail": string(), "username": string() }),
            ),
        )
        .err(
            400,
            "The link is invalid, used or expired, or the new password is not acceptable.",
        )
        .err(
            429,
            "Too many failed attempts from this network (the failed-login limit); `Retry-After` says when to try again.",
        )],
    )
}

/// `SignInProviders`.
pub fn sign_in_providers() -> Doc {
    http(
        TAG,
        vec![get("The OpenID Connect providers people may sign in with (`--oidc`), for the sign-in page's buttons.")
            .ok(
                200,
                list(object(
                    &["name", "label", "available", "start_url"],
                    json!({
                        "name": string(),
                        "label": string(),
                        "available": { "type": "boolean", "description": "false while the provider's discovery document cannot be read (retried in the background)." },
                        "start_url": { "type": "string", "description": "Where the button goes: `/auth/oidc/{name}/start`, with `?invite=CODE` from a join link." },
                    }),
                )),
            )],
    )
}

/// `MatrixLoginToken`.
pub fn matrix_login_token() -> Doc {
    http(
        TAG,
        vec![post(
            "A Matrix app's single sign-on (`m.login.sso`): the app sent the browser to `/_matrix/client/v3/login/sso/redirect?redirectUrl=...`, which brought it to `/?matrix_sso=...`; once the person is signed in and confirms the app, the web client asks here for a one-use token (two minutes) and sends the browser to `redirect_to`. The app trades the token at `/_matrix/client/v3/login` (`m.login.token`) for a device. With `oauth`, an app's waiting OAuth 2.0 sign-in (`/?matrix_oauth=...`) is allowed instead (or with `refuse: true`, refused), and `redirect_to` is the address that sign-in registered with its `code` and `state` (or `error=access_denied`): a `redirect_url` beside `oauth` is not read. Only a browser session may ask.",
        )
        .body(object(
            &[],
            json!({
                "redirect_url": { "type": "string", "description": "Single sign-on (required without `oauth`): the app's address, absolute: `https://...`, the app's own scheme, or `http://` on the loopback address (`localhost`, `127.0.0.1`, `[::1]`)." },
                "oauth": { "type": "string", "description": "The id of the app's waiting OAuth 2.0 sign-in (`matrix_oauth` of the page's address)." },
                "refuse": { "type": "boolean", "description": "With `oauth`: the person said no; the app is told `access_denied`." },
            }),
        ))
        .ok(
            200,
            object(
                &["redirect_to"],
                json!({ "redirect_to": { "type": "string", "description": "`redirect_url` with `loginToken` added to its query; with `oauth`, the sign-in's registered address with its `code` (or its error) and `state`." } }),
            ),
        )
        .err(
            400,
            "`redirect_url`: missing without `oauth`, longer than 2,048 bytes, not absolute, of a scheme a browser runs (`javascript:`, `data:`, `file:`), or plain `http://` to another machine than this one; `oauth`: no such sign-in waits (unknown, run out, refused or already allowed); `non_field_errors`: the caller is a key or a JWT, not a browser session.",
        )],
    )
}

/// `MatrixOauthSignIn`.
pub fn matrix_oauth_sign_in() -> Doc {
    http(
        TAG,
        vec![get(
            "What natter's sign-in page shows a person asked to allow a Matrix app's waiting OAuth 2.0 sign-in (`/?matrix_oauth=<grant_id>`), from the sign-in as the server keeps it, never from the page's address: where the code goes, the name the app gives itself (not checked: anyone may call an app anything), the website it names, and how new its registration is. Only a browser session may ask.",
        )
        .ok(
            200,
            object(
                &["redirect_scheme", "redirect_host", "client_name", "client_uri_host", "registered_at", "registered_secs_ago", "recently_registered"],
                json!({
                    "redirect_scheme": { "type": "string", "description": "The scheme of the registered address the code goes back to: `https`, `http` (loopback only), or the app's own (`io.element`)." },
                    "redirect_host": { "anyOf": [{ "type": "string" }, { "type": "null" }], "description": "Its host, with the port when not the scheme's default; null for an app's own scheme without a host (`io.element:/callback`). Names outside ASCII are in their `xn--` form." },
                    "client_name": { "anyOf": [{ "type": "string" }, { "type": "null" }], "description": "The `client_name` the app registered with, on one line and at most 100 characters. Not checked." },
                    "client_uri_host": { "anyOf": [{ "type": "string" }, { "type": "null" }], "description": "The host of the app's `client_uri`." },
                    "registered_at": { "anyOf": [{ "type": "integer" }, { "type": "null" }], "description": "The registration's `client_id_issued_at`, in seconds since 1970." },
                    "registered_secs_ago": { "anyOf": [{ "type": "integer", "minimum": 0 }, { "type": "null" }], "description": "How many seconds ago the app registered, by the server's clock." },
                    "recently_registered": { "type": "boolean", "description": "Registered less than a day ago: the page warns." },
                }),
            ),
        )
        .err(403, "The caller is a key or a JWT, not a browser session.")
        .err(404, "No sign-in of this id waits: unknown, run out (15 minutes), refused, or already allowed by someone.")],
    )
}

/// `SignInCode`.
pub fn sign_in_code() -> Doc {
    http(
        TAG,
        vec![post(
            "Finishes a provider sign-in that still owes the account's own two-factor code (the provider's token showed no second factor, or an administrator under `--two-factor-for-admins`): the callback left a `natter_two_factor` cookie for this path and sent the browser to `/?two_factor=provider`.",
        )
        .body(object(
            &["otp"],
            json!({ "otp": { "type": "string", "description": "A code from the authenticator app, or a recovery code." } }),
        ))
        .ok(
            200,
            object(
                &["user", "csrftoken"],
                json!({ "user": { "type": "object" }, "csrftoken": string() }),
            ),
        )
        .err(
            400,
            "`otp`: the code is wrong, expired or used (counted as a failed login); `non_field_errors`: no sign-in waits for a code in this browser (none, expired after ten minutes, or finished).",
        )
        .err(
            429,
            "Too many failed attempts (the failed-login limits), or two-factor codes held after too many wrong ones in a row (`two_factor_held: true`; `Retry-After` when time ends the hold).",
        )],
    )
}

/// `AccountIdentities`.
pub fn account_identities() -> Doc {
    http(
        TAG,
        vec![get(
            "The sign-in providers linked to the caller's account, whether it has a password, and whether its two-factor sign-in is on (what linking another provider asks for).",
        )
        .ok(
            200,
            object(
                &["has_password", "two_factor", "identities"],
                json!({
                    "has_password": { "type": "boolean" },
                    "two_factor": { "type": "boolean" },
                    "identities": list(object(
                        &["provider", "label", "email", "linked_at", "last_used_at"],
                        json!({
                            "provider": string(),
                            "label": string(),
                            "email": string(),
                            "linked_at": datetime(),
                            "last_used_at": nullable(datetime()),
                        }),
                    )),
                }),
            ),
        )],
    )
}

/// `AccountIdentity`.
pub fn account_identity() -> Doc {
    http(
        TAG,
        vec![
            post("Starts linking a sign-in provider to the caller's account from this browser session, after the password or a two-factor code (an account with neither: a sign-in less than ten minutes old). The answer says where the browser goes next and sets the cookie its callback is checked with. The link binds only while this session lives; a password change from another sign-in, or a reset, ends it.")
                .body(object(
                    &[],
                    json!({
                        "current_password": string(),
                        "otp": { "type": "string", "description": "A code from the authenticator app, or a recovery code, instead of the password." },
                    }),
                ))
                .ok(200, object(&["url"], json!({ "url": { "type": "string", "description": "The provider's sign-in page." } })))
                .err(400, "The password or the code is missing or wrong, the sign-in is too old for an account with neither, the caller is not signed in with a browser session, or the provider cannot be reached (`sign_in_error` names why).")
                .err(404, "No provider of that name is configured.")
                .err(429, "Too many wrong passwords or codes for this account, or too many unfinished sign-ins from this network; `Retry-After` says when."),
            delete("Unlinks a sign-in provider from the caller's account, while a password or another provider remains.")
            .empty(204)
            .err(400, "It is the account's only way in: set a password or link another provider first.")
            .err(404, "No provider of that name is linked to the caller's account."),
        ],
    )
}

/// `AdminPeople`.
pub fn admin_people() -> Doc {
    http(
        TAG,
        vec![
            get("Everyone with an account, a page at a time (administrators only).")
                .query("search", string())
                .query("page", page_number())
                .query("page_size", positive())
                .ok(200, page(r("OwnPerson")))
                .err(404, "Invalid page."),
        ],
    )
}

/// `AdminPerson`.
pub fn admin_person() -> Doc {
    http(
        TAG,
        vec![get("One person (administrators only).").ok(200, r("OwnPerson"))],
    )
}

/// `AdminPersonAction`.
pub fn admin_person_action() -> Doc {
    http(
        TAG,
        vec![post(
            "Deactivates, reactivates, promotes or demotes a person (200, the person), or makes a one-time password reset link for them (201).",
        )
        .ok(200, r("OwnPerson"))
        .json(
            201,
            "`password-reset`: the link, shown this once.",
            object(
                &["link", "token", "expires_at"],
                json!({
                    "link": { "type": "string", "format": "uri", "description": "`<origin>/reset/<token>`." },
                    "token": string(),
                    "expires_at": datetime(),
                }),
            ),
        )
        .err(
            400,
            "Refused: deactivating oneself, demoting or deactivating the last administrator who can sign in (active, not a bot), promoting a bot, or a reset link for a bot.",
        )],
    )
}

/// `AdminInvitations`.
pub fn admin_invitations() -> Doc {
    http(
        TAG,
        vec![
            get("Every invitation, newest first (administrators only).")
                .ok(200, list(r("OwnInvitation"))),
            post("Makes an invitation (administrators only).")
                .optional_body(object(
                    &[],
                    json!({
                        "max_uses": {
                            "anyOf": [{ "type": "integer", "minimum": 1 }, { "type": "null" }],
                            "description": "How many sign-ups it allows (default 1; null: any number)."
                        },
                        "expires_in": {
                            "anyOf": [
                                { "type": "integer", "minimum": 1 },
                                { "type": "string", "examples": ["7d", "12h", "30m", "never"] },
                                { "type": "null" }
                            ],
                            "description": "Seconds, `7d`, `12h`, `30m`, `never` or null (never); default 7 days; at most ten years."
                        },
                    }),
                ))
                .ok(201, r("OwnInvitation"))
                .err(400, "`max_uses` below 1, or an `expires_in` that is no duration."),
        ],
    )
}

/// `AdminInvitation`.
pub fn admin_invitation() -> Doc {
    http(
        TAG,
        vec![
            delete("Revokes an invitation (it is kept, marked revoked).")
                .empty(204)
                .never(400),
        ],
    )
}

/// `AdminMessage`.
pub fn admin_message() -> Doc {
    http(
        TAG,
        vec![delete(
            "Removes any message as moderation: deleted for everyone, as its sender's delete is.",
        )
        .empty(204)
        .never(400)],
    )
}

/// `AdminChats`.
pub fn admin_chats() -> Doc {
    let chat = object(
        &[
            "id",
            "chat_type",
            "title",
            "member_count",
            "message_count",
            "is_archived",
            "created_at",
            "updated_at",
        ],
        json!({
            "id": id(),
            "chat_type": { "type": "string", "enum": ["group", "room"] },
            "title": string(),
            "member_count": integer(),
            "message_count": integer(),
            "is_archived": boolean(),
            "created_at": datetime(),
            "updated_at": datetime(),
        }),
    );
    http(
        TAG,
        vec![
            get("Every group and room, newest first, a page at a time (administrators only; direct chats are never listed).")
                .query("search", string())
                .query("page", page_number())
                .query("page_size", positive())
                .ok(200, page(chat))
                .err(404, "Invalid page."),
        ],
    )
}

/// `AdminChat`.
pub fn admin_chat() -> Doc {
    http(
        TAG,
        vec![delete(
            "Removes a group or room as moderation: gone for everyone, kept in the database.",
        )
        .empty(204)
        .err(
            400,
            "A direct chat is never removed (remove its messages instead).",
        )],
    )
}

/// `AdminChatMember`.
pub fn admin_chat_member() -> Doc {
    http(
        TAG,
        vec![delete(
            "Removes a person from a group or room as moderation (they get the chat's `member_left`, as when a chat admin removes them).",
        )
        .empty(204)
        .err(400, "Nobody is removed from a direct chat.")],
    )
}

/// `AdminChatArchive`.
pub fn admin_chat_archive() -> Doc {
    let chat = object(
        &["id", "is_archived"],
        json!({ "id": id(), "is_archived": { "type": "boolean" } }),
    );
    http(
        TAG,
        vec![
            post("Archives a group or room: its members still read it, nobody can post in it (403 on every surface).")
                .ok(200, chat.clone())
                .err(400, "A direct chat cannot be archived."),
            delete("Unarchives it: posting works again.")
                .ok(200, chat)
                .err(400, "A direct chat cannot be archived."),
        ],
    )
}

/// `AdminChatDefault`.
pub fn admin_chat_default() -> Doc {
    let chat = object(
        &["id", "is_default"],
        json!({ "id": id(), "is_default": { "type": "boolean" } }),
    );
    http(
        TAG,
        vec![
            post("Makes a room one that every newcomer starts in (people who arrive through a join link, a sign-in provider, `create-user` or the web client's sign-up).")
                .ok(200, chat.clone())
                .err(400, "Only rooms can be default rooms."),
            delete("Newcomers no longer start in it (its members stay).")
                .ok(200, chat)
                .err(400, "Only rooms can be default rooms."),
        ],
    )
}

/// `People`.
pub fn people() -> Doc {
    http(
        TAG,
        vec![get("Every active person (bots left out), by the name people see, a page at a time.")
            .query("search", json!({ "type": "string", "description": "Part of a username or display name." }))
            .query("page", page_number())
            .query("page_size", positive())
            .ok(
                200,
                object(
                    &["count", "next", "previous", "results"],
                    json!({
                        "count": { "type": "integer" },
                        "next": nullable(json!({ "type": "string", "format": "uri" })),
                        "previous": nullable(json!({ "type": "string", "format": "uri" })),
                        "results": list(object(
                            &["id", "username", "display_name", "last_seen_at", "is_admin", "status", "quiet", "time_zone", "local_time"],
                            json!({
                                "id": id(),
                                "username": { "type": "string" },
                                "display_name": { "type": "string" },
                                "last_seen_at": nullable(json!({ "type": "string", "format": "date-time" })),
                                "is_admin": { "type": "boolean" },
                                "status": nullable(r("ChatsStatus")),
                                "quiet": { "type": "boolean", "description": "In quiet hours or a pause now: no push, mail or ringing reaches them." },
                                "time_zone": nullable(json!({ "type": "string", "description": "IANA name." })),
                                "local_time": nullable(json!({ "type": "string", "description": "HH:MM where they are." })),
                            }),
                        )),
                    }),
                ),
            )],
    )
}

/// `AdminAudit`.
pub fn admin_audit() -> Doc {
    http(
        TAG,
        vec![
            get("The audit list, newest first, a page at a time (administrators only).")
                .query("page", page_number())
                .query("page_size", positive())
                .ok(200, page(r("OwnAuditEntry")))
                .err(404, "Invalid page."),
        ],
    )
}

/// `Mentions`.
pub fn mentions() -> Doc {
    http(
        TAG,
        vec![get("The caller's mentions, newest first, a page at a time by message id: messages naming them (`@username`), and those with `@channel` or `@everyone` (every member but the sender and bots) or `@here` (the members seen in the last 5 minutes or with a socket on the chat), which `--wide-mentions admins` keeps, in chats over `--wide-mentions-members`, to server and chat administrators.")
            .query("before", positive())
            .query("page_size", json!({ "type": "integer", "minimum": 1, "description": "Default 20, at most 100." }))
            .ok(
                200,
                object(
                    &["unread", "next", "results"],
                    json!({
                        "unread": { "type": "integer", "description": "The caller's unread mentions in all." },
                        "next": nullable(json!({ "type": "string", "format": "uri" })),
                        "results": list(r("OwnMention")),
                    }),
                ),
            )
            .err(400, "`before` or `page_size` is not a positive integer.")],
    )
}

/// `Calls`.
pub fn calls() -> Doc {
    http(
        TAG,
        vec![get("A chat's calls, newest first (`chat_id`), or without it the calls going on now in all the caller's chats.")
            .query("chat_id", positive())
            .query("page", positive())
            .query("page_size", json!({ "type": "integer", "minimum": 1, "description": "Default 20, at most 100." }))
            .ok(
                200,
                object(
                    &["count", "next", "previous", "results"],
                    json!({
                        "count": { "type": "integer" },
                        "next": nullable(json!({ "type": "string", "format": "uri" })),
                        "previous": nullable(json!({ "type": "string", "format": "uri" })),
                        "results": list(object(
                            &["id", "chat_id", "message_id", "started_by", "started_at", "ended_at", "duration_seconds", "active", "participants", "joined", "declined"],
                            json!({
                                "id": { "type": "integer" },
                                "chat_id": { "type": "integer" },
                                "message_id": nullable(json!({ "type": "integer", "description": "The message that rang the chat." })),
                                "started_by": nullable(json!({ "type": "object" })),
                                "started_at": { "type": "string", "format": "date-time" },
                                "ended_at": nullable(json!({ "type": "string", "format": "date-time" })),
                                "duration_seconds": nullable(json!({ "type": "integer" })),
                                "active": { "type": "boolean", "description": "Someone is in the call now." },
                                "participants": { "type": "array", "items": { "type": "object" }, "description": "Who is in it now: `user_id`, `username`, `display_name`, and `microphone_on` and `camera_on` as they last said with a `media_state` frame, and `sfu`: whether their media goes through the SFU." },
                                "joined": { "type": "array", "items": object(
                                    &["id", "username", "display_name", "joined_at", "left_at"],
                                    json!({
                                        "id": { "type": "integer" },
                                        "username": { "type": "string" },
                                        "display_name": { "type": "string", "description": "The name people see: the display name, or the username when none is set." },
                                        "joined_at": { "type": "string", "format": "date-time" },
                                        "left_at": nullable(json!({ "type": "string", "format": "date-time", "description": "When they left (null while in the call): by leaving, their last socket closing, or losing the chat." })),
                                    }),
                                ) },
                                "declined": { "type": "array", "items": { "type": "object" } },
                            }),
                        )),
                    }),
                ),
            )
            .err(400, "`chat_id` is not an integer.")
            .err(404, "Not a member of that chat, or no such page.")],
    )
}

/// `CallIceServers`.
pub fn call_ice_servers() -> Doc {
    http(
        TAG,
        vec![get("The STUN and TURN servers for the caller's calls, with TURN credentials valid for `ttl` seconds (coturn's shared-secret scheme).")
            .ok(
                200,
                object(
                    &["ice_servers", "ttl", "expires_at", "turn", "sfu"],
                    json!({
                        "ice_servers": { "type": "array", "items": { "type": "object" }, "description": "As `RTCPeerConnection`'s `iceServers` takes them." },
                        "ttl": { "type": "integer" },
                        "expires_at": nullable(json!({ "type": "string", "format": "date-time" })),
                        "turn": { "type": "boolean", "description": "Whether a TURN relay is configured." },
                        "sfu": { "type": "boolean", "description": "Whether calls' media goes through the server's SFU (`POST /api/calls/sfu/`) rather than a mesh." },
                    }),
                ),
            )],
    )
}

/// `CallSfu`.
pub fn call_sfu() -> Doc {
    http(
        TAG,
        vec![post("A way into the SFU room of the chat's call, for someone in the call (joined through a socket): a session token, the room, a room token that holds while they are in the call, and their id in the room. With `--sfu` only.")
            .body(object(
                &["chat_id"],
                json!({ "chat_id": { "type": "integer" } }),
            ))
            .ok(
                200,
                object(
                    &["server", "token", "room", "room_token", "id", "expires_at"],
                    json!({
                        "server": { "type": "string", "description": "The SFU's API, as janus.js's `server` takes it." },
                        "token": { "type": "string", "description": "Opens a session on the SFU and reaches its VideoRoom plugin only." },
                        "room": { "type": "integer" },
                        "room_token": { "type": "string", "description": "The VideoRoom `join`'s `token`." },
                        "id": { "type": "integer", "description": "The VideoRoom `join`'s `id`: the caller's user id." },
                        "expires_at": { "type": "string", "format": "date-time", "description": "When the session token stops opening sessions." },
                    }),
                ),
            )
            .err(400, "`chat_id` is missing or not an integer.")
            .err(404, "No SFU, not a member of that chat, or not in its call.")
            .err(503, "The SFU cannot be reached.")],
    )
}

/// `MentionsRead`.
pub fn mentions_read() -> Doc {
    http(
        TAG,
        vec![post("Marks the caller's mentions read.")
            .optional_body(object(
                &[],
                json!({
                    "up_to": { "type": "integer", "description": "Up to this message id (absent: all)." },
                    "chat_id": { "type": "integer", "description": "Only this chat's." },
                }),
            ))
            .ok(
                200,
                object(
                    &["marked"],
                    json!({ "marked": { "type": "integer", "description": "How many were unread." } }),
                ),
            )],
    )
}

/// `NotifyLevels`.
pub fn notify_levels() -> Doc {
    http(
        TAG,
        vec![
            get("The caller's notification level in each of their chats, by chat id.")
                .ok(200, list(r("OwnNotifyLevel"))),
        ],
    )
}

/// `NotifyLevel`.
pub fn notify_level() -> Doc {
    let level = object(
        &["level"],
        json!({
            "level": {
                "anyOf": [
                    { "type": "string", "enum": ["all", "mentions", "off"] },
                    { "type": "null" }
                ],
                "description": "null: back to the chat's default."
            }
        }),
    );
    let set = |op: Op| {
        op.body(level.clone())
            .ok(200, r("OwnNotifyLevel"))
            .err(400, "`level` is missing or not one of the choices.")
            .err(404, "The caller is in no chat with this id.")
    };
    http(
        TAG,
        vec![
            get("The caller's notification level in one chat.")
                .ok(200, r("OwnNotifyLevel"))
                .err(404, "The caller is in no chat with this id."),
            set(put("Sets the caller's notification level in one chat.")),
            set(patch("Sets the caller's notification level in one chat.")),
        ],
    )
}

/// `Push`.
pub fn push() -> Doc {
    http(
        TAG,
        vec![get("The server's VAPID public key and the caller's push subscriptions.").ok(
            200,
            object(
                &["public_key", "subscriptions"],
                json!({
                    "public_key": { "type": "string", "description": "base64url, a 65-byte P-256 point (`applicationServerKey`)." },
                    "subscriptions": list(r("OwnPushSubscription")),
                }),
            ),
        )],
    )
}

/// `PushSubscriptions`.
pub fn push_subscriptions() -> Doc {
    http(
        TAG,
        vec![post("Adds a browser's push subscription, as `PushSubscription.toJSON()` gives it.")
            .body(object(
                &["endpoint"],
                json!({
                    "endpoint": { "type": "string", "format": "uri", "description": "An `https://` URL on a public address." },
                    "expirationTime": nullable(integer()),
                    "keys": object(&[], json!({ "p256dh": string(), "auth": string() })),
                    "p256dh": { "type": "string", "description": "The key, when not in `keys`." },
                    "auth": { "type": "string", "description": "The key, when not in `keys`." },
                }),
            ))
            .ok(201, r("OwnPushSubscription"))
            .err(
                400,
                "An endpoint natter will not push to (not https, not public, too long, no URL) or keys that cannot encrypt.",
            )],
    )
}

/// `PushSubscription`.
pub fn push_subscription() -> Doc {
    http(
        TAG,
        vec![delete("Removes one of the caller's push subscriptions.")
            .empty(204)
            .never(400)],
    )
}

/// A custom emoji as `/api/emoji/` shows it.
fn custom_emoji() -> Value {
    object(
        &[
            "id",
            "name",
            "url",
            "content_type",
            "width",
            "height",
            "created_by",
            "created_at",
        ],
        json!({
            "id": id(),
            "name": { "type": "string", "description": "Used as `:name:` in messages and reactions." },
            "url": { "type": "string", "description": "Its image: `/api/emoji/{id}/image/`." },
            "content_type": { "type": "string", "description": "`image/png`, `image/jpeg` or, animated, `image/gif`." },
            "width": { "type": "integer" },
            "height": { "type": "integer" },
            "created_by": { "anyOf": [id(), { "type": "null" }], "description": "Who added it; null once their account is gone." },
            "created_at": datetime(),
        }),
    )
}

/// `Emoji`.
pub fn emoji() -> Doc {
    http(
        TAG,
        vec![
            get("The server's custom emoji, by name, and whether the caller may add one.").ok(
                200,
                object(
                    &["count", "results", "may_add"],
                    json!({ "count": { "type": "integer" }, "results": list(custom_emoji()), "may_add": { "type": "boolean" } }),
                ),
            ),
            post(
                "Adds a custom emoji: administrators, or everyone with `--custom-emoji-by-everyone`. \
                 The image (PNG, JPEG, GIF or WebP, at most 1 MiB and 4,096 pixels a side) is \
                 shrunk to 128 pixels a side; an animation stays animated (as a GIF).",
            )
            .multipart(object(
                &["name", "image"],
                json!({
                    "name": { "type": "string", "minLength": 1, "maxLength": 64, "description": "Lower-case letters, digits, `_`, `-` and `+`; not a standard emoji's shortcode; unique." },
                    "image": { "type": "string", "format": "binary" },
                }),
            ))
            .ok(201, custom_emoji())
            .err(400, "A bad or taken name, or an image natter cannot read within its bounds.")
            .err(403, "The caller may not add emoji.")
            .err(413, "An image over 1 MiB.")
            .never(415),
        ],
    )
}

/// `EmojiOne`.
pub fn emoji_one() -> Doc {
    http(
        TAG,
        vec![delete(
            "Removes a custom emoji (who added it, or an administrator). Messages and reactions \
             that used it keep `:name:` as text.",
        )
        .empty(204)
        .err(403, "Neither the emoji's adder nor an administrator.")
        .never(400)],
    )
}

/// `EmojiImage`.
pub fn emoji_image() -> Doc {
    http(
        TAG,
        vec![
            get("A custom emoji's image, for anyone signed in.").answers(
                200,
                "The image's bytes.",
                Content::Bytes,
            ),
        ],
    )
}
