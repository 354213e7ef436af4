-- Step 50 is SQLite's alone (migrations/50-a-send-writes-its-chat-once.sql: the version
-- of a chat's ready pages moved by the store's own statements where a send's insert and
-- read marker fired a trigger each; PostgreSQL's send is one statement and its triggers
-- are functions of their own). This step changes nothing and keeps one step number
-- meaning one schema on both stores.
SELECT 1;
