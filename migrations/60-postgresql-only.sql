-- Step 60 is PostgreSQL's alone (migrations/pg/60-pages-moved-once-a-statement.sql: a
-- chat's ready pages moved once per statement rather than once per row; SQLite's
-- triggers write no row version per change). This step changes nothing and keeps one
-- step number meaning one schema on both stores.
SELECT 1;
