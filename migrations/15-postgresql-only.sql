-- Step 15 is PostgreSQL's alone (migrations/pg/15-references-checked-at-commit.sql:
-- foreign keys checked when a transaction commits). SQLite checks its foreign keys
-- on each statement and has no row locks to spare, so on SQLite this step changes
-- nothing; it keeps one step number meaning one schema on both stores.
SELECT 1;
