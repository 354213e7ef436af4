-- Step 28: confirmed email addresses. `confirmed_emails` says which address of an account
-- was confirmed, by its key (`users.email_key`), and how: an address changed since no
-- longer matches its row, so it is unconfirmed without anything else being written.
-- `email_confirmations` holds the one-time links mailed to a new or changed address, as
-- token hashes, each for the address it was mailed to. A reset link mailed to an
-- address notes it (`password_resets.mailed_to_key`), so using it confirms that address
-- and no other. Addresses stored before this step are unconfirmed.
CREATE TABLE confirmed_emails (
    user_id      INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    email_key    TEXT NOT NULL,
    how          TEXT NOT NULL,
    confirmed_at TEXT NOT NULL
);

CREATE TABLE email_confirmations (
    token_hash BLOB PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    email_key  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX email_confirmations_user ON email_confirmations(user_id);

ALTER TABLE password_resets ADD COLUMN mailed_to_key TEXT;
