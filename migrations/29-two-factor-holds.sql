-- Step 29: two-factor codes that cannot be worn down. `failed_codes` counts the wrong
-- codes typed for the account in a row (any surface, the turn-off endpoint, a provider
-- sign-in's code), `last_failed_at` the time of the last one (milliseconds since 1970);
-- from the tenth, codes are held for growing periods (`domain::two_factor::holds`). A
-- right code, a recovery code or a new password sets the count back to 0.
-- `two_factor_pending` keeps a sign-in through a provider that still owes natter's
-- code: the SHA-256 of the token its browser holds, whose account, until when.
ALTER TABLE two_factor ADD COLUMN failed_codes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE two_factor ADD COLUMN last_failed_at INTEGER;
CREATE TABLE two_factor_pending (
    token_hash BLOB PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
);
