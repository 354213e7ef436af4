-- Step 7 (issue 32, "One person per name"), as SQLite's step 7: the username's and the
-- email's caseless keys (`src/names.rs`), unique, filled in Rust right after this SQL in
-- the same transaction (`store::name_keys::fill`). `COLLATE "C"` makes them compare
-- bytewise, as SQLite's BINARY does, so the lookup's range (`key#id`, given to a newer
-- account that collides with an older one) is the same on both and uses the index.
-- Only adds: a node of the previous version still runs on it, but the accounts it
-- registers get no keys (they are found by `id` and tokens, not by name) until a node of
-- this version restarts and fills them.
ALTER TABLE users ADD COLUMN name_key TEXT COLLATE "C";
ALTER TABLE users ADD COLUMN email_key TEXT COLLATE "C";
CREATE UNIQUE INDEX users_name_key ON users(name_key);
CREATE UNIQUE INDEX users_email_key ON users(email_key) WHERE email_key IS NOT NULL;
