-- Step 62 is SQLite's alone (migrations/62-direct-messages-without-sender-word.sql: the
-- words of SQLite's full-text index for a message in a direct chat; PostgreSQL searches a
-- sender's messages through an index of messages by sender). This step changes nothing
-- and keeps one step number meaning one schema on both stores.
SELECT 1;
