-- A Matrix app's single sign-on: natter's sign-in page gives the app a token for the
-- account that signed in and confirmed; the app trades it once, within two minutes, for
-- a device (`m.login.token`). Only the token's hash is kept.
CREATE TABLE matrix_login_tokens (
    token_hash BLOB PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_ms INTEGER NOT NULL
) WITHOUT ROWID;

-- Where a Matrix app wants its person's notifications sent (`/pushers/set`): a push
-- gateway's address and the app's key there, as the app gave them. A pusher ends with
-- the device that set it.
CREATE TABLE matrix_pushers (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash BLOB NOT NULL REFERENCES sessions(id_hash) ON DELETE CASCADE,
    app_id     TEXT NOT NULL,
    pushkey    TEXT NOT NULL,
    content    TEXT NOT NULL,
    PRIMARY KEY (app_id, pushkey, user_id)
) WITHOUT ROWID;
CREATE INDEX matrix_pushers_by_user ON matrix_pushers (user_id);
