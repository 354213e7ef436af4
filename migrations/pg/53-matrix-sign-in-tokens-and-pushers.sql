-- A Matrix app's single sign-on tokens and its pushers (SQLite's step 53).
CREATE TABLE IF NOT EXISTS matrix_login_tokens (
    token_hash BYTEA PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_ms BIGINT NOT NULL
);

-- A Matrix app's pusher is a push subscription whose `matrix_pusher` holds what the app
-- gave (SQLite's step 53).
ALTER TABLE push_subscriptions ADD COLUMN IF NOT EXISTS matrix_pusher TEXT;
