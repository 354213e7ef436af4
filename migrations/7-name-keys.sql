-- Step 7 (issue 32, "One person per name"): the keys that make a username and an email
-- one person's. `name_key` is the username under NFKC and full Unicode case folding
-- (`src/names.rs`), `email_key` the address with its local part folded and its domain in
-- IDNA form; both are unique, replacing ASCII NOCASE as what decides "already exists".
-- The columns are filled in Rust right after this SQL (`store::name_keys::fill`), in the
-- same transaction; accounts that collide under the new keys are all kept, none merged:
-- the older keeps the key, a newer one gets `key#id` and a warning names both.
-- SQLite cannot add a NOT NULL column without a default; `store::users::insert` always
-- writes both keys (email_key is NULL exactly when there is no email).
ALTER TABLE users ADD COLUMN name_key TEXT;
ALTER TABLE users ADD COLUMN email_key TEXT;
CREATE UNIQUE INDEX users_name_key ON users(name_key);
CREATE UNIQUE INDEX users_email_key ON users(email_key) WHERE email_key IS NOT NULL;
