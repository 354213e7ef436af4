-- Step 61 is SQLite's alone (migrations/61-chats-time-bounds-as-numbers.sql: a chat's
-- time bounds kept as numbers, so that a chat's row, which each send rewrites, stays
-- small; PostgreSQL writes each send's chat row in a statement of its own and keeps them
-- as text). This step changes nothing and keeps one step number meaning one schema on
-- both stores.
SELECT 1;
