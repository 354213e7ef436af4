-- Step 31 is PostgreSQL's alone (migrations/pg/31-names-unique-by-their-keys.sql: the
-- citext uniqueness of usernames and emails dropped, so only natter's keys decide). On
-- SQLite the older NOCASE uniqueness only folds ASCII letters, which the keys fold the
-- same way, so it never refuses what the keys allow; this step changes nothing and keeps
-- one step number meaning one schema on both stores.
SELECT 1;
