-- A Matrix app's single sign-on tokens and its pushers (SQLite's step 53).
CREATE TABLE IF NOT EXISTS matrix_login_tokens (
    token_hash BYTEA PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_ms BIGINT NOT NULL
);

-- A Matrix app's pusher is a push subscription whose `matrix_pusher` holds what the app
-- gave (SQLite's step 53).
ALTER TABLE push_subscriptions ADD COLUMN IF NOT EXISTS matrix_pusher TEXT;

-- A Matrix app's sign-up: the address checks and the sign-ups under way (SQLite's
-- step 53).
CREATE TABLE IF NOT EXISTS matrix_email_checks (
    sid           TEXT PRIMARY KEY,
    client_secret TEXT NOT NULL,
    email         TEXT NOT NULL,
    token_hash    BYTEA NOT NULL,
    confirmed     BIGINT NOT NULL DEFAULT 0,
    expires_ms    BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS matrix_sign_ups (
    session     TEXT PRIMARY KEY,
    invite_code TEXT,
    expires_ms  BIGINT NOT NULL
);
