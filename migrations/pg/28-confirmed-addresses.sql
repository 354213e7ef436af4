-- Step 28: confirmed email addresses; see migrations/28-confirmed-addresses.sql.
CREATE TABLE confirmed_emails (
    user_id      BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    email_key    TEXT COLLATE "C" NOT NULL,
    how          TEXT NOT NULL,
    confirmed_at TEXT NOT NULL
);

CREATE TABLE email_confirmations (
    token_hash BYTEA PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    email_key  TEXT COLLATE "C" NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX email_confirmations_user ON email_confirmations(user_id);

ALTER TABLE password_resets ADD COLUMN mailed_to_key TEXT COLLATE "C";
