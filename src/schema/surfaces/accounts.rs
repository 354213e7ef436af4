//! The descriptions of the accounts surface's routes (see `schema::doc` for the builders):
//! registration and the logins of every seed (DRF keys, simplejwt pairs, Django
//! sessions), the current user and the user lists (`surfaces::accounts`).

use crate::schema::doc::*;
use serde_json::{json, Value};

const TAG: &str = "accounts";

/// This surface's named schemas, for `components`.
pub fn schemas() -> Vec<(&'static str, Value)> {
    vec![
        (
            "AccountsUser",
            json!({
                "description": "A user as seed 003 shows one (`/api/auth/me/`, `/api/users/{id}/`). `email` is empty when `--show-emails admins` hides another person's address.",
                "type": "object",
                "required": ["id", "email", "username", "display_name"],
                "properties": {
                    "id": id(),
                    "email": string(),
                    "username": string(),
                    "display_name": { "type": "string", "description": "The display name, or the username when none is set." }
                }
            }),
        ),
        (
            "AccountsUserBrief",
            json!({
                "description": "A user in seed 002's bare list (and `/accounts/api/users/`).",
                "type": "object",
                "required": ["id", "username", "email"],
                "properties": {
                    "id": id(),
                    "username": string(),
                    "email": string()
                }
            }),
        ),
        (
            "AccountsTokenAndUser",
            object(
                &["token", "user"],
                json!({
                    "token": { "type": "string", "description": "A DRF key, for `Authorization: Token <key>`." },
                    "user": r("AccountsUser"),
                }),
            ),
        ),
        (
            "AccountsRegistration",
            object(
                &["username", "email", "password"],
                json!({
                    "username": {
                        "type": "string",
                        "minLength": 1,
                        "maxLength": 150,
                        "pattern": "^(?!\\d+$)[\\w.@+-]+$",
                        "description": "1-150 letters, digits and `@.+-_`, not only digits; unique whatever its case and look-alike spelling."
                    },
                    "email": { "type": "string", "format": "email", "description": "Unique whatever its case." },
                    "password": { "type": "string", "minLength": 8, "description": "8 characters at least, 1,024 bytes at most." },
                    "display_name": { "type": "string", "maxLength": 150 },
                    "invite_code": { "type": "string", "description": "An invitation's code, when `--registration invite`." }
                }),
            ),
        ),
    ]
}

/// `/api/auth/register/`.
pub fn register() -> Doc {
    http(
        TAG,
        vec![
            post("Create an account and get its DRF key (seed 003)")
                .body(r("AccountsRegistration"))
                .ok(201, r("AccountsTokenAndUser"))
                .err(
                    403,
                    "Sign-up is closed, needs an invitation, or the invitation is not valid (or a session cookie came without its CSRF token).",
                )
                .err(429, "Too many sign-ups without an invitation from this network (5 a minute)."),
        ],
    )
}

/// `/api/auth/login/`.
pub fn login() -> Doc {
    http(
        TAG,
        vec![
            post("Sign in with a username or email and a password; get a DRF key (seeds 000 and 003)")
                .body(object(
                    &[],
                    json!({
                        "username": { "type": "string", "description": "A username, or an email (with `@`)." },
                        "email": { "type": "string", "description": "Read when `username` is absent or blank." },
                        "password": { "type": "string", "description": "Required, except for seed 000's `oauth` re-confirmation." },
                        "oauth": { "type": "string", "description": "`\"true\"` with no password: re-confirm the browser session of the same user (seed 000's Google path)." },
                        "otp": { "type": "string", "description": "For an account with two-factor sign-in: the code from the authenticator app, or a recovery code. Without it such an account's right password answers 401 with `two_factor_required: true`." }
                    }),
                ))
                .ok(200, r("AccountsTokenAndUser"))
                .err(401, "Wrong credentials: `{\"error\": \"Invalid credentials\", \"detail\": \"Invalid credentials.\"}`; a deactivated account's right password: `{\"error\": \"Account deactivated\", \"detail\": \"This account is inactive.\"}`. A right password of an account with two-factor sign-in and no `otp`, or a wrong one: the same keys with `two_factor_required: true`.")
                .err(429, "Too many failed sign-ins from this network (5 a minute) or on this account (10 a minute); right ones are not counted."),
        ],
    )
}

/// `/api/auth/logout/`.
pub fn logout() -> Doc {
    http(
        TAG,
        vec![post(
            "Sign out: a `Token` key is deleted, a session ended (a JWT has nothing to end); sockets opened with it close",
        )
        .empty(204)],
    )
}

/// `/api/auth/me/`.
pub fn me() -> Doc {
    http(
        TAG,
        vec![get("The signed-in user (seed 003)").ok(200, r("AccountsUser"))],
    )
}

/// `/api/token/`.
pub fn token_for_session() -> Doc {
    http(
        TAG,
        vec![
            get("A DRF key for the signed-in user, e.g. for a browser session (seed 000)").ok(
                200,
                object(
                    &["token"],
                    json!({ "token": { "type": "string", "description": "A DRF key, for `Authorization: Token <key>`." } }),
                ),
            ),
        ],
    )
}

/// `/api/users/`.
pub fn users() -> Doc {
    http(
        TAG,
        vec![get(
            "Every other user: seed 002's bare list, or with `page`/`page_size` seed 003's page",
        )
        .query("page", page_number())
        .query("page_size", json!({ "type": "integer", "minimum": 1, "description": "Users per page: 20 by default (or when not a positive integer), 1000 at most (more is 1000)." }))
        .json(
            200,
            "Without `page` and `page_size`: every other user, as seed 002 lists them. With either: a page of them (20 by default), as seed 003 shows users.",
            json!({ "anyOf": [list(r("AccountsUserBrief")), page(r("AccountsUser"))] }),
        )
        .err(404, "No such page (`Invalid page.`).")],
    )
}

/// `/api/users/{user_id}/`.
pub fn user() -> Doc {
    let change = json!({
        "display_name": { "type": "string", "maxLength": 150, "description": "Trimmed; empty shows the username." }
    });
    http(
        TAG,
        vec![
            get("A user (seed 003)").ok(200, r("AccountsUser")),
            put("Change one's own display name (seed 003)")
                .optional_body(object(&[], change.clone()))
                .ok(200, r("AccountsUser"))
                .err(403, "Not the caller's own user."),
            patch("Change one's own display name (seed 003)")
                .optional_body(object(&[], change))
                .ok(200, r("AccountsUser"))
                .err(403, "Not the caller's own user."),
        ],
    )
}

/// `/accounts/api/users/`.
pub fn accounts_users() -> Doc {
    http(
        TAG,
        vec![
            get("Every user, the caller included (seed 004)").ok(200, list(r("AccountsUserBrief"))),
            post("Create an account (seed 004); sign in at `/accounts/api/token/`")
                .body(r("AccountsRegistration"))
                .ok(201, r("AccountsUserBrief"))
                .err(
                    403,
                    "Sign-up is closed, needs an invitation, or the invitation is not valid (or a session cookie came without its CSRF token).",
                )
                .err(429, "Too many sign-ups without an invitation from this network (5 a minute)."),
        ],
    )
}

/// `/accounts/api/token/`.
pub fn jwt_pair() -> Doc {
    http(
        TAG,
        vec![post("Sign in for a JWT pair (seed 004, simplejwt)")
            .body(object(
                &["username", "password"],
                json!({
                    "username": { "type": "string", "minLength": 1, "description": "A username, or an email (with `@`)." },
                    "password": { "type": "string", "minLength": 1 },
                    "otp": { "type": "string", "description": "For an account with two-factor sign-in: the code from the authenticator app, or a recovery code. Without it such an account's right password answers 401 with `two_factor_required: true`." }
                }),
            ))
            .ok(
                200,
                object(
                    &["refresh", "access"],
                    json!({
                        "refresh": { "type": "string", "description": "For `/accounts/api/token/refresh/`." },
                        "access": { "type": "string", "description": "For `Authorization: Bearer <access>`." }
                    }),
                ),
            )
            .err(401, "Wrong credentials: `No active account found with the given credentials`; a deactivated account's right password: `{\"detail\": \"User is inactive\", \"code\": \"user_inactive\"}`. Two-factor sign-in: `code` is `two_factor_required` (no `otp`) or `two_factor_invalid`, with `two_factor_required: true`.")
            .err(429, "Too many failed sign-ins from this network (5 a minute) or on this account (10 a minute); right ones are not counted.")],
    )
}

/// `/accounts/api/token/refresh/`.
pub fn jwt_refresh() -> Doc {
    http(
        TAG,
        vec![post("A new access token for a refresh token (seed 004, simplejwt)")
            .body(object(
                &["refresh"],
                json!({ "refresh": { "type": "string", "minLength": 1 } }),
            ))
            .ok(
                200,
                object(&["access"], json!({ "access": string() })),
            )
            .err(
                401,
                "Not a refresh token, expired, or its person deactivated or their password changed since (`token_not_valid`).",
            )],
    )
}

/// `/accounts/login/`.
pub fn session_login() -> Doc {
    http(
        TAG,
        vec![post(
            "Start a browser session: sets the `sessionid` and `csrftoken` cookies (send the latter back as `X-CSRFToken` on unsafe methods)",
        )
        .body(object(
            &["password"],
            json!({
                "username": { "type": "string", "description": "A username, or an email (with `@`)." },
                "email": { "type": "string", "description": "Read when `username` is absent or blank." },
                "password": string(),
                "otp": { "type": "string", "description": "For an account with two-factor sign-in: the code from the authenticator app, or a recovery code. Without it such an account's right password answers 401 with `two_factor_required: true`." }
            }),
        ))
        .ok(
            200,
            object(
                &["user", "csrftoken"],
                json!({
                    "user": r("AccountsUser"),
                    "csrftoken": { "type": "string", "description": "The `csrftoken` cookie's value." }
                }),
            ),
        )
        .err(401, "Wrong credentials (`Invalid credentials.`), or a deactivated account's right password (`This account is inactive.`). An account with two-factor sign-in and no or a wrong `otp`: `two_factor_required: true`.")
        .err(429, "Too many failed sign-ins from this network (5 a minute) or on this account (10 a minute); right ones are not counted.")],
    )
}

/// `/accounts/logout/`.
pub fn session_logout() -> Doc {
    http(
        TAG,
        vec![
            post("End the browser session and clear its cookies; sockets opened with it close")
                .empty(204),
        ],
    )
}

/// `/accounts/api/`.
pub fn root_accounts() -> Doc {
    let url = json!({ "type": "string", "format": "uri" });
    http(
        TAG,
        vec![
            get("The accounts API's root (DRF's router): its endpoints' absolute URLs").ok(
                200,
                object(
                    &["users", "token", "token/refresh"],
                    json!({ "users": url, "token": url, "token/refresh": url }),
                ),
            ),
        ],
    )
}
