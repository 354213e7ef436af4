-- Step 31: a username and an email are unique by natter's keys alone (`name_key`,
-- `email_key`, step 7), as on SQLite. The first schema made them unique as citext too,
-- which compares by the database's `lower()`: under a UTF-8 locale that maps `İ` (U+0130)
-- to `i`, while the keys fold it, as Unicode's caseless matching does, to `i̇`. So
-- "İlker" beside an existing "ilker" (or "İlker@example.com" beside "ilker@example.com")
-- passed natter's check and then failed its insert, and the two stores disagreed about
-- who may hold a name. The columns stay citext (lookups and sorting are unchanged).
-- Only drops what the keys' indexes already cover: a node of the previous version keys
-- every account it writes, so it runs on this schema unchanged.
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_username_key;
DROP INDEX IF EXISTS users_email;
