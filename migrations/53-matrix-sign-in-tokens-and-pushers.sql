-- A Matrix app's single sign-on: natter's sign-in page gives the app a token for the
-- account that signed in and confirmed; the app trades it once, within two minutes, for
-- a device (`m.login.token`). Only the token's hash is kept.
CREATE TABLE matrix_login_tokens (
    token_hash BLOB PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_ms INTEGER NOT NULL
) WITHOUT ROWID;

-- Where a Matrix app wants its person's notifications sent (`/pushers/set`): a push
-- subscription like a browser's, sent through the same queue, whose `matrix_pusher`
-- holds the pusher as the app gave it (its push gateway's address, its key there). Its
-- endpoint is `matrix:<app id>:<push key>`, unique as browsers' endpoints are; it ends
-- with the device that set it (`made_with`).
ALTER TABLE push_subscriptions ADD COLUMN matrix_pusher TEXT;

-- A Matrix app's sign-up proves its email address before the account exists: natter
-- mails a code (and a link carrying it) for the address; the app then names the check
-- (`sid` and its own `client_secret`) when it signs up.
CREATE TABLE matrix_email_checks (
    sid           TEXT PRIMARY KEY,
    client_secret TEXT NOT NULL,
    email         TEXT NOT NULL,
    token_hash    BLOB NOT NULL,
    confirmed     INTEGER NOT NULL DEFAULT 0,
    expires_ms    INTEGER NOT NULL
) WITHOUT ROWID;

-- A Matrix sign-up under way (its `session`): the invitation code it gave, kept between
-- the app's requests until it finishes or expires.
CREATE TABLE matrix_sign_ups (
    session     TEXT PRIMARY KEY,
    invite_code TEXT,
    expires_ms  INTEGER NOT NULL
) WITHOUT ROWID;
