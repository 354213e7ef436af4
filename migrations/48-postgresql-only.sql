-- Step 48 is PostgreSQL's alone (migrations/pg/48-words-inside-links.sql: its index
-- holds the words inside links, addresses and file names, as SQLite's FTS5 index does
-- already). This step changes nothing and keeps one step number meaning one schema on
-- both stores.
SELECT 1;
